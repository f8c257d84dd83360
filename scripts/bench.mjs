// Prints what the widget's page and HR's console cost: every file each loads, raw, gzip -9 and
// brotli -q 11, against their budgets in size-budget.json; then the time from navigation to
// the framework on screen, and the speed of answering and signing.

import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import {
  DIST,
  ROOT,
  answerAll,
  launchBrowser,
  serveDir,
  slowDown,
  startAssessment,
  withBrowser,
} from "../tests/e2e/support.mjs";

const LOADS = 5;

const budget = JSON.parse(await readFile(join(ROOT, "size-budget.json"), "utf8"));
const server = await serveDir(DIST);
const browser = await launchBrowser({ locale: "fr-FR" });
try {
  const sizes = async (file) => {
    const bytes = await readFile(join(DIST, decodeURIComponent(file)));
    return {
      file: file.replace(/^\//, ""),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }).length,
    };
  };

  // Which files does a first visit load before its first screen is there? Ask the browser
  // rather than guess from dist/: the page's own record (Resource Timing), which a streamed
  // download cannot slip past, of the requests started before an element matching
  // `selector` (and `text`, when given) was in the page; what the page fetches afterwards
  // (the code that follows the first screen, src/ready.rs) is printed apart. Prints the files
  // with their sizes and checks the total against the budget; returns the total.
  const weigh = async (name, address, [selector, text], extra, limit) => {
    // Each in a browser of its own: nothing stored by another (a draft to resume) or cached.
    const [loaded, after] = await withBrowser({ locale: "fr-FR" }, async (context) => {
      const page = await context.newPage();
      await page.addInitScript(
        ([selector, text]) => {
          const there = () =>
            [...document.querySelectorAll(selector)].some((e) => !text || new RegExp(text).test(e.textContent));
          const observer = new MutationObserver(() => {
            if (window.shownAt === undefined && there()) {
              window.shownAt = performance.now();
              observer.disconnect();
            }
          });
          observer.observe(document, { childList: true, subtree: true, characterData: true });
        },
        [selector, text],
      );
      await page.goto(address);
      await page.waitForFunction(() => window.shownAt !== undefined, null, { timeout: 60_000 });
      await page.waitForLoadState("networkidle");
      const origin = new URL(server.url).origin;
      const entries = await page.evaluate(() => [
        { name: location.href, startTime: 0 },
        ...performance.getEntriesByType("resource").map((e) => ({ name: e.name, startTime: e.startTime })),
      ]);
      const shownAt = await page.evaluate(() => window.shownAt);
      const paths = (before) =>
        new Set(
          entries
            .filter((e) => (e.startTime <= shownAt) === before)
            .map((e) => new URL(e.name))
            .filter((url) => url.origin === origin)
            .map((url) => url.pathname),
        );
      return [paths(true), paths(false)];
    });
    if (![...loaded].some((path) => path.endsWith(".wasm"))) {
      throw new Error(`${name}: its WebAssembly is not among what it loaded: ${[...loaded].join(", ")}`);
    }
    extra.forEach((path) => loaded.add(path));
    const rows = [];
    for (const path of [...loaded].sort()) {
      rows.push(await sizes(path.endsWith("/") ? `${path}index.html` : path));
    }
    const total = rows.reduce(
      (sum, r) => ({ file: "total", raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }),
      { raw: 0, gzip: 0, brotli: 0 },
    );
    const width = Math.max(...rows.map((r) => r.file.length), 5);
    const line = (r) =>
      `${r.file.padEnd(width)}  ${String(r.raw).padStart(9)}  ${String(r.gzip).padStart(9)}  ${String(r.brotli).padStart(9)}`;
    console.log(`\n${name}\n${"file".padEnd(width)}  ${"raw".padStart(9)}  ${"gzip -9".padStart(9)}  ${"brotli 11".padStart(9)}`);
    rows.forEach((r) => console.log(line(r)));
    console.log(line(total));
    extra.forEach((path) => after.delete(path));
    if (after.size) {
      let later = 0;
      for (const path of after) later += (await sizes(path)).brotli;
      console.log(`then, once it is there: ${[...after].sort().join(", ")} (${later} brotli bytes)`);
    }
    console.log(
      `budget: ${total.brotli} of ${limit} brotli bytes (${((100 * total.brotli) / limit).toFixed(1)}%): ` +
        (total.brotli <= limit ? "within budget" : "OVER BUDGET"),
    );
    return total.brotli;
  };

  // The service worker itself is fetched by the browser, not the page.
  // The widget twice: to the first question from a portal's link (a rater's way in, and the
  // throttled timing's below), and to the start screen from the bare address (an officer's
  // first visit), whose code is a chunk of its own (src/chunk.rs).
  const widget = await weigh(
    "the widget, to the first question from a portal's link",
    `${server.url}?name=Awa&subject=M-1&position=inspector&role=self`,
    ["fieldset.rating"],
    ["/sw.js"],
    budget.page_brotli_bytes,
  );
  const start = await weigh(
    "the widget, to the start screen from its bare address",
    server.url,
    ["#app main h1", "^Évaluations$"],
    ["/sw.js"],
    budget.start_screen_brotli_bytes,
  );
  const console_ = await weigh(
    "HR's console (console.html)",
    `${server.url}console.html`,
    ["#app h1"],
    [],
    budget.console_brotli_bytes,
  );
  const within =
    widget <= budget.page_brotli_bytes &&
    start <= budget.start_screen_brotli_bytes &&
    console_ <= budget.console_brotli_bytes;

  // What the service worker downloads in the background on a first visit, to start offline
  // afterwards: the widget's whole bundle (the fallback signer and the schemas included).
  const precached = [...(await readFile(join(DIST, "sw.js"), "utf8")).matchAll(/\["([^"]+)","sha256-/g)].map(
    (m) => m[1],
  );
  let background = 0;
  for (const file of precached) background += (await sizes(`/${file}`)).brotli;
  console.log(`\nservice worker precache: ${precached.length} files, ${background} brotli bytes in the background`);

  // Fetched only when HR opens a framework tool in the console (never precached).
  for (const [tool, module] of [
    ["HR's CASE import", "competency-case-import"],
    ["HR's framework in a spreadsheet", "competency-sheet-screen"],
  ]) {
    let onDemand = 0;
    for (const file of [`/${module}.js`, `/${module}_bg.wasm`]) onDemand += (await sizes(file)).brotli;
    console.log(`${tool}, fetched when opened: ${onDemand} brotli bytes`);
  }
  // The widget's chunks (scripts/split.sh), each fetched when first needed with the shared
  // chunks it uses (chunk_*.wasm: the loader's comments name each one's split points).
  const files = await readdir(DIST);
  const loader = await readFile(join(DIST, "__wasm_split.js"), "utf8");
  const users = [...loader.matchAll(/\/\* ([\w, ]+) \*\/\nconst __chunk_(\d+)/g)].map((m) => [
    `chunk_${m[2]}.wasm`,
    m[1].split(", "),
  ]);
  for (const [what, point] of [
    ["start screen", "home"],
    ["what follows the first screen (the key announced, the upload queue)", "after_ready"],
    ["review, plan and submitted steps", "later_steps"],
    ["framework screen", "framework_reference_view"],
    ["notices of a refused configuration or framework", "problem_notices"],
    ["framework reader (a portal's framework, or the whole document for English)", "framework_reader"],
  ]) {
    const file = `split_${point}.wasm`;
    if (!files.includes(file)) throw new Error(`no ${file} in the bundle`);
    const own = (await sizes(`/${file}`)).brotli;
    let shared = 0;
    for (const [chunk, points] of users) if (points.includes(point)) shared += (await sizes(`/${chunk}`)).brotli;
    console.log(`the widget's ${what}, fetched when first needed: ${own} brotli bytes (${own + shared} with the shared chunks it uses)`);
  }
  console.log("");

  // Time to the framework on screen, each load in a fresh page with an empty cache.
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const time = await withBrowser({ locale: "fr-FR" }, async (context) => {
      const fresh = await context.newPage();
      const start = performance.now();
      await fresh.goto(server.url);
      await fresh.locator("#app h1").waitFor();
      return performance.now() - start;
    });
    times.push(time);
  }
  times.sort((a, b) => a - b);
  console.log(
    `first render, ${LOADS} cold loads from 127.0.0.1 (no throttling): median ${times[LOADS >> 1].toFixed(0)} ms, ` +
      `min ${times[0].toFixed(0)} ms, max ${times[LOADS - 1].toFixed(0)} ms`,
  );
  // A first visit on a cheap phone at a border post: CPU 4× slower and 400 kbit/s with 400 ms
  // of latency (Chromium's DevTools protocol), from the address to the first question on
  // screen (the portal's link skips the start screen). Files come brotli-compressed.
  const THROTTLED = 5;
  const throttled = [];
  for (let i = 0; i < THROTTLED; i++) {
    throttled.push(
      await withBrowser({ locale: "fr-FR" }, async (context) => {
        const fresh = await context.newPage();
        // The first question painted, on the page's own clock (milliseconds since
        // navigation): the frame after the one that drew it has begun, so it was painted.
        // Asking the page from here instead would add the round trips of the tool's polling.
        await fresh.addInitScript(() => {
          const observer = new MutationObserver(() => {
            if (document.querySelector("fieldset.rating")) {
              observer.disconnect();
              requestAnimationFrame(() => setTimeout(() => (window.paintedAt = performance.now())));
            }
          });
          observer.observe(document, { childList: true, subtree: true });
        });
        await slowDown(fresh, { cpu: 4, latency: 400, download: 50_000 });
        await fresh.goto(`${server.url}?name=Awa&subject=M-1&position=inspector&role=self`, { timeout: 120_000 });
        await fresh.waitForFunction(() => window.paintedAt !== undefined, null, { timeout: 120_000 });
        // Where the time went: the page's HTML, the WebAssembly's download, and the first
        // question.
        return fresh.evaluate(() => {
          const shown = window.paintedAt;
          const wasm = performance
            .getEntriesByType("resource")
            .find((e) => new URL(e.name).pathname.endsWith("competency-widget_bg.wasm"));
          return {
            total: shown,
            html: performance.getEntriesByType("navigation")[0]?.responseEnd ?? 0,
            wasmStart: wasm?.startTime ?? 0,
            wasmEnd: wasm?.responseEnd ?? 0,
            wasmBytes: wasm?.encodedBodySize ?? 0,
          };
        });
      }),
    );
  }
  throttled.sort((a, b) => a.total - b.total);
  const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const median = throttled[THROTTLED >> 1];
  console.log(
    `first question on screen, cold, CPU 4× and 400 kbit/s with 400 ms latency, ${THROTTLED} loads: ` +
      `median ${(median.total / 1000).toFixed(2)} s, min ${(throttled[0].total / 1000).toFixed(2)} s, ` +
      `max ${(throttled[THROTTLED - 1].total / 1000).toFixed(2)} s`,
  );
  console.log(
    `  the median load: the page's HTML by ${seconds(median.html)}; the WebAssembly ` +
      `(${(median.wasmBytes / 1000).toFixed(1)} KB) from ${seconds(median.wasmStart)} to ` +
      `${seconds(median.wasmEnd)}, ${(median.wasmBytes / (median.wasmEnd - median.wasmStart)).toFixed(1)} KB/s; ` +
      `the first question painted ${seconds(median.total - median.wasmEnd)} after its last byte`,
  );

  // The same after one visit, with no network: the service worker serves the bundle.
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator("#app h1").waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await context.setOffline(true);
    const offline = [];
    for (let i = 0; i < LOADS; i++) {
      const start = performance.now();
      await page.reload();
      await page.locator("#app h1").waitFor();
      offline.push(performance.now() - start);
    }
    offline.sort((a, b) => a - b);
    console.log(
      `start offline after one visit (service worker), ${LOADS} reloads: median ${offline[LOADS >> 1].toFixed(0)} ms, ` +
        `min ${offline[0].toFixed(0)} ms, max ${offline[LOADS - 1].toFixed(0)} ms`,
    );
  });
  // From a click on a level to the answer stored and every redraw done: the click's handler
  // rates and writes the draft; what depends on the answer (in every fieldset) is redrawn in
  // the microtasks that follow. Timed in the page, up to the next task (a MessageChannel
  // message runs once every microtask has), for each fieldset of the page under `root` (a
  // shadow root's host, or the document).
  const clicks = async ({ root, prefix }) => {
    const scope = root ? document.querySelector(root).shadowRoot : document;
    const settled = () =>
      new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      });
    const times = [];
    for (const fieldset of scope.querySelectorAll("fieldset.rating")) {
      const id = fieldset.id.replace("competency-", "");
      const radio = fieldset.querySelector("input[value=advanced]");
      const start = performance.now();
      radio.click();
      await settled();
      const took = performance.now() - start;
      const key = Object.keys(localStorage).find((k) => k.startsWith(prefix) && k.includes(".draft."));
      if (JSON.parse(localStorage.getItem(key)).answers[id]?.level !== "advanced") {
        throw new Error(`${id}: not stored after the click`);
      }
      times.push(took);
    }
    return times;
  };
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator("#subject-name").waitFor();
    await startAssessment(page, { name: "Bench", position: "", role: "self" });
    const samples = [];
    for (;;) {
      samples.push(
        ...(await page.evaluate(clicks, { root: null, prefix: "competency-widget.draft." })),
      );
      const next = page.locator(".page-nav button.primary");
      if (/Relire|Review/.test(await next.textContent())) break;
      await next.click();
      await page.locator("#page-heading:focus").waitFor();
    }
    samples.sort((a, b) => a - b);
    const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(2);
    console.log(
      `click on a level to answer stored, ${samples.length} answers: median ${at(0.5)} ms, ` +
        `90th percentile ${at(0.9)} ms, max ${at(1)} ms`,
    );
  });
  // The same with 40 competencies on one page (the bundled framework's 25 and 15 copies in
  // one group, mounted by a portal's script with the framework inline): each change redraws
  // what depends on it in every fieldset, so a cost per fieldset that grew with the form
  // would show here.
  const framework40 = JSON.parse(await readFile(join(ROOT, "crates/core/frameworks/customs.json"), "utf8"));
  const copies = framework40.competencies.slice(0, 15).map((c) => ({ ...c, id: `${c.id}-2` }));
  framework40.competencies = [...framework40.competencies, ...copies].map((c) => ({ ...c, group: "all" }));
  framework40.groups = [{ id: "all", name: { fr: "Toutes", en: "All" } }];
  framework40.positions = [];
  for (const cpu of [1, 4]) {
    await withBrowser({ locale: "fr-FR" }, async (context) => {
      const page = await context.newPage();
      await page.goto(`${server.url}public/examples/script-mount.html?configs=[]`);
      await page.waitForFunction(() => window.mountWidget);
      await page.evaluate(
        (inline) =>
          window.mountWidget({
            configVersion: 1,
            framework: { inline },
            subject: { id: "B-40", name: "Bench" },
            rater: { role: "self" },
          }),
        framework40,
      );
      await page.locator("#widget-0").locator("fieldset.rating").first().waitFor();
      if (cpu > 1) await slowDown(page, { cpu });
      const samples = await page.evaluate(clicks, { root: "#widget-0", prefix: "" });
      if (samples.length !== 40) throw new Error(`${samples.length} fieldsets on the page, not 40`);
      samples.sort((a, b) => a - b);
      const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(2);
      console.log(
        `click on a level to answer stored, 40 competencies on one page${cpu > 1 ? `, CPU ${cpu}× slower` : ""}: ` +
          `median ${at(0.5)} ms, 90th percentile ${at(0.9)} ms, max ${at(1)} ms`,
      );
    });
  }
  // From the click on "submit" to the signed result on screen: the result document, the
  // proof's two hashes (the signing module) and the Ed25519 signature (WebCrypto), the first
  // time with a new key, then with the key kept. Timed in the page (the click, then a
  // MutationObserver seeing the result's details), so that the driver's own round trips,
  // some 50 ms, are not counted.
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await context.newPage();
    const times = [];
    for (let run = 0; run < 6; run++) {
      // A person a run, one rater: the rater's key is kept from the second run on (the same
      // link again would open the finished evaluation).
      await page.goto(`${server.url}?name=Bench&subject=B-${run}&position=hr-officer&role=peer&rater=R-bench`);
      await page.locator("fieldset.rating").first().waitFor();
      await answerAll(page, () => "trained");
      // The page fetches the signing module while the rater answers (a second after the form
      // opens), which takes a rater longer than this script: wait for it as they would.
      await page.waitForFunction(() =>
        performance.getEntriesByType("resource").some((e) => e.name.includes("competency-signing_bg.wasm")),
      );
      await page.waitForTimeout(300);
      times.push(
        await page.evaluate(
          () =>
            new Promise((resolve) => {
              const start = performance.now();
              const observer = new MutationObserver(() => {
                if (!document.querySelector(".export dl")) return;
                observer.disconnect();
                resolve(performance.now() - start);
              });
              observer.observe(document.body, { childList: true, subtree: true });
              document.querySelector(".submit button.primary").click();
            }),
        ),
      );
    }
    const kept = times.slice(1).sort((a, b) => a - b);
    console.log(
      `submit to signed result on screen: ${times[0].toFixed(1)} ms with a new key; with the key kept, ` +
        `median ${kept[kept.length >> 1].toFixed(1)} ms of ${kept.length} (min ${kept[0].toFixed(1)}, ` +
        `max ${kept[kept.length - 1].toFixed(1)})`,
    );
  });
  process.exitCode = within ? 0 : 1;
} finally {
  await browser.close();
  await server.close();
}
