// The example portal's script for the iframe: frames the widget (?widget=…, default this
// bundle) with this page's origin as the only one allowed to talk to it, accepts messages
// from the widget's origin only, and configures it by postMessage once it is ready.
const params = new URLSearchParams(location.search);
const widget = new URL(params.get("widget") ?? new URL("../../", import.meta.url).href);
const frame = document.querySelector("#widget");
// ?frame=… gives the iframe's whole address instead (to try other allow-lists).
const address = new URL(params.get("frame") ?? new URL("index.html", widget));
if (!params.has("frame")) {
  address.searchParams.set("allowedOrigins", location.origin);
  address.searchParams.set("parentOrigin", location.origin);
}
frame.src = address.href;

window.widgetMessages = [];
const list = document.querySelector("#messages");
window.addEventListener("message", (event) => {
  // Only the widget's own messages count.
  if (event.origin !== widget.origin || event.source !== frame.contentWindow) return;
  window.widgetMessages.push(event.data);
  const item = document.createElement("li");
  item.textContent = event.data?.type ?? "?";
  list.append(item);
});

/** Sends `config` to the widget (only to its origin). */
window.configureWidget = (config) =>
  frame.contentWindow.postMessage({ type: "competency:configure", config }, widget.origin);

/** Sends any message, for trying what the widget does with it. */
window.postToWidget = (message) => frame.contentWindow.postMessage(message, widget.origin);

const config = params.get("config");
if (config) {
  // Configure once the widget says it is ready (its first `competency:ready`).
  const wait = setInterval(() => {
    if (window.widgetMessages.some((m) => m?.type === "competency:ready")) {
      clearInterval(wait);
      window.configureWidget(JSON.parse(config));
    }
  }, 50);
}
