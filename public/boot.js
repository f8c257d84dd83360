// Starts the app on its own page. A file, not the inline script trunk writes by default, so
// that the page runs under a Content-Security-Policy forbidding inline scripts.
import init from "../competency-widget.js";

await init({ module_or_path: new URL("../competency-widget_bg.wasm", import.meta.url) });

// Once the app runs: the service worker (sw.js, written at build by scripts/postbuild.mjs)
// keeps the bundle, so that the next starts need no network. Its scope is the bundle's folder,
// resolved here against this file rather than the page. Where there is none (file://, a
// browser without service workers or refusing them), the app works as before.
try {
  navigator.serviceWorker
    ?.register(new URL("../sw.js", import.meta.url), { scope: new URL("../", import.meta.url).href })
    .catch(() => {});
} catch {
  // Reading navigator.serviceWorker throws in some sandboxed frames.
}
