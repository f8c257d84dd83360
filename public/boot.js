// Starts the app on its own page. A file, not the inline script trunk writes by default, so
// that the page runs under a Content-Security-Policy forbidding inline scripts.
import init from "../competency-widget.js";

await init({ module_or_path: new URL("../competency-widget_bg.wasm", import.meta.url) });
