// Starts the app on its own page. A file, not the inline script trunk writes by default, so
// that the page runs under a Content-Security-Policy forbidding inline scripts.
//
// Until the app replaces it, the page's own notice (index.html) says what is happening: here
// it is put in the address's language (?lang=en) and shows how much of the WebAssembly has
// arrived, counted as it streams into the compiler. Its size, uncompressed, is written on the
// notice by scripts/postbuild.mjs (data-wasm-bytes): a server that compresses it says only
// the compressed length.

const wasmUrl = new URL("../competency-widget_bg.wasm", import.meta.url);
const root = document.querySelector("[data-competency-widget=standalone]");
const english = new URLSearchParams(location.search).get("lang") === "en";
if (root && english) {
  document.documentElement.lang = "en";
  for (const element of root.querySelectorAll("[data-en]")) {
    element.textContent = element.dataset.en;
    element.lang = "en";
  }
  for (const element of root.querySelectorAll("[data-en-label]")) {
    element.setAttribute("aria-label", element.dataset.enLabel);
  }
}

/** The WebAssembly's response, its body counted into the notice's progress bar as it passes. */
async function counted(response) {
  const progress = root?.querySelector(".boot-progress");
  const total = Number(root?.dataset.wasmBytes);
  const label = root?.querySelector(".loading");
  if (!progress || !(total > 0) || !response.ok || !response.body) return response;
  progress.max = total;
  progress.value = 0;
  const percent = new Intl.NumberFormat(english ? "en" : "fr", { style: "percent" });
  const reader = response.body.getReader();
  let received = 0;
  const body = new ReadableStream({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      received += value.byteLength;
      progress.value = Math.min(received, total);
      if (label) {
        const done = percent.format(Math.min(received, total) / total);
        label.textContent = english ? `Loading… ${done}` : `Chargement… ${done}`;
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(body, { status: response.status, headers: { "content-type": "application/wasm" } });
}

const glue = import("../competency-widget.js");
const wasm = fetch(wasmUrl).then(counted);
const { default: init } = await glue;
await init({ module_or_path: wasm });

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
