// Puts competency widgets into a portal's page. Load this module from where the widget is
// deployed, then either write the element:
//
//   <script type="module" src="https://hr.example/competency/public/embed.js"></script>
//   <competency-assessment config='{"configVersion": 1, "subject": {"name": "Awa Traoré"}, …}'>
//   </competency-assessment>
//
// or mount into an element of your own:
//
//   import { mount } from "https://hr.example/competency/public/embed.js";
//   const widget = await mount(document.querySelector("#evaluation"), { configVersion: 1, … });
//   widget.element.addEventListener("competency:completed", (e) => send(e.detail.result));
//   widget.unmount();
//
// Each widget lives in a shadow root: the portal's styles and ids and the widget's never
// meet. Its events (competency:ready, competency:progress, competency:completed,
// competency:uploaded, competency:error) are DOM CustomEvents on the element, with the payload
// in `detail`. Configuration: public/config.schema.json.

import init, { mountWidget } from "../competency-widget.js";

const base = new URL("../", import.meta.url);
let started;
// The mounted widgets, by element: held here, since a widget whose handle the garbage
// collector took would be unmounted with it.
const mounted = new Map();

/** Loads the WebAssembly once for every widget of the page. */
function start() {
  started ??= init({ module_or_path: new URL("competency-widget_bg.wasm", base) });
  return started;
}

/** Mounts a widget into `element` with `config` (replacing one mounted there before);
 * resolves to { element, unmount() }. */
export async function mount(element, config = { configVersion: 1 }) {
  await start();
  mounted.get(element)?.unmount();
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  shadow.replaceChildren();
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = new URL("main.css", base).href;
  const root = document.createElement("div");
  root.className = "app";
  shadow.append(style, root);
  const widget = mountWidget(element, root, config, base.href);
  const handle = {
    element,
    unmount() {
      if (mounted.get(element) !== handle) return;
      mounted.delete(element);
      widget.unmount();
      widget.free();
      shadow.replaceChildren();
    },
  };
  mounted.set(element, handle);
  return handle;
}

/** `<competency-assessment config='{…}'>`: a widget configured by its `config` attribute
 * (JSON text, which the widget reads strictly: a member given twice is refused) or property
 * (an object). A configuration that is not JSON is reported by the widget like any other bad
 * configuration. */
class CompetencyAssessment extends HTMLElement {
  static observedAttributes = ["config"];
  #widget;
  #config;

  get config() {
    return this.#config ?? parse(this.getAttribute("config"));
  }

  set config(value) {
    this.#config = value;
    if (this.isConnected) this.#mount();
  }

  connectedCallback() {
    this.#mount();
  }

  attributeChangedCallback() {
    // Only a change after the first mount (connectedCallback mounts the first time).
    if (this.#widget && this.#config === undefined) this.#mount();
  }

  disconnectedCallback() {
    this.#widget?.then((w) => w.unmount(), () => undefined);
    this.#widget = undefined;
  }

  #mount() {
    const previous = this.#widget;
    // A mount that failed (the WebAssembly could not load, say) does not stop the next one.
    this.#widget = (previous ?? Promise.resolve()).catch(() => undefined).then((w) => {
      w?.unmount();
      return mount(this, this.#config ?? this.getAttribute("config") ?? { configVersion: 1 });
    });
  }
}

function parse(text) {
  if (text === null) return { configVersion: 1 };
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

if (!customElements.get("competency-assessment")) {
  customElements.define("competency-assessment", CompetencyAssessment);
}
