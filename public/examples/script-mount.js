// The example portal's script: loads embed.js from the widget's address (?widget=…, default
// this bundle), mounts one widget per configuration given in ?configs=… (a JSON array, default
// one self-assessment) and lists every event the widgets dispatch, for people and for tests.
// `window.mountWidget(config)` mounts one more (a configuration too large for an address).
const params = new URLSearchParams(location.search);
const widgetBase = params.get("widget") ?? new URL("../../", import.meta.url).href;
const { mount } = await import(new URL("public/embed.js", widgetBase).href);

const configs = JSON.parse(params.get("configs") ?? "null") ?? [
  {
    configVersion: 1,
    instance: "officer",
    subject: { id: "M-1024", name: "Awa Traoré" },
    position: "customs-officer",
    rater: { role: "self" },
  },
];

window.widgetEvents = [];
// The mounted widgets' handles ({ element, unmount() }), by number.
window.widgets = [];
const list = document.querySelector("#events");
const names = ["ready", "progress", "completed", "uploaded", "error"].map((n) => `competency:${n}`);
let count = 0;
window.mountWidget = async (config) => {
  const i = count++;
  const element = document.createElement("section");
  element.id = `widget-${i}`;
  document.querySelector("#evaluation").append(element);
  for (const name of names) {
    element.addEventListener(name, (event) => {
      window.widgetEvents.push({ widget: i, type: name, detail: event.detail });
      const item = document.createElement("li");
      item.textContent = `${i} ${name}`;
      list.append(item);
    });
  }
  window.widgets[i] = await mount(element, config);
};
for (const config of configs) await window.mountWidget(config);
