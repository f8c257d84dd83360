// A first visit on a slow line, as an officer at a border post makes it: the files come
// compressed, and until the WebAssembly has arrived the page's own HTML says what it is and how
// far the download has come, in the address's language.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { DIST, ROOT, answerAll, answerUntil, serveDir, slowDown, withBrowser } from "./support.mjs";

const WASM = "competency-widget_bg.wasm";
const SCREENSHOTS = join(ROOT, "target/screenshots");

let server;
before(async () => {
  server = await serveDir();
  await mkdir(SCREENSHOTS, { recursive: true });
});
after(() => server.close());

test("the WebAssembly arrives brotli-compressed, a third of its size", async () => {
  await withBrowser({}, async (context) => {
    const page = await context.newPage();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(WASM)),
      page.goto(server.url),
    ]);
    assert.equal((await response.allHeaders())["content-encoding"], "br");
    await page.locator("#app h1").waitFor();
    const sent = (await response.request().sizes()).responseBodySize;
    const raw = (await stat(join(DIST, WASM))).size;
    assert.ok(sent < raw / 2, `${sent} bytes sent for ${raw}`);
  });
});

test("before the WebAssembly arrives, the page says what it is, in the address's language", async () => {
  for (const [query, expected] of [
    ["?lang=en", { lang: "en", name: "Competency assessment", loading: "Loading…", label: "Downloading the application" }],
    ["", { lang: "fr", name: "Évaluation des compétences", loading: "Chargement…", label: "Téléchargement de l’application" }],
  ]) {
    await withBrowser({ viewport: { width: 360, height: 740 } }, async (context) => {
      const page = await context.newPage();
      let release;
      const held = new Promise((done) => (release = done));
      await page.route(`**/${WASM}`, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(server.url + query);
      await page.locator(".boot-progress").waitFor();
      // The glue module has run (boot.js put the page in the address's language) while the
      // WebAssembly is still held back.
      await page.waitForFunction((lang) => document.documentElement.lang === lang, expected.lang);
      assert.equal(await page.locator(".boot-name").textContent(), expected.name);
      assert.equal(await page.locator(".boot .loading").textContent(), expected.loading);
      assert.equal(await page.locator(".boot-progress").getAttribute("aria-label"), expected.label);
      assert.ok(await page.locator(".boot-progress").isVisible());
      if (expected.lang === "en") await page.screenshot({ path: join(SCREENSHOTS, "first-visit-360.png") });
      release();
      await page.locator("#app h1").waitFor();
      assert.equal(await page.locator(".boot").count(), 0, "the app replaced the notice");
    });
  }
});

test("HR's console says what it is in the address's language too, before its WebAssembly arrives", async () => {
  await withBrowser({}, async (context) => {
    const page = await context.newPage();
    let release;
    const held = new Promise((done) => (release = done));
    await page.route("**/competency-console_bg.wasm", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${server.url}console.html?lang=en`);
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.equal(await page.locator(".boot-name").textContent(), "Competency assessment");
    assert.equal(await page.locator(".boot .loading").textContent(), "Loading…");
    release();
    await page.locator("#app h1").waitFor();
    assert.equal(await page.locator(".boot").count(), 0, "the console replaced the notice");
  });
});

test("on a slow line, the progress bar follows the download", async () => {
  await withBrowser({}, async (context) => {
    const page = await context.newPage();
    // 100 KB/s: the 310 KB of compressed WebAssembly take about three seconds.
    await slowDown(page, { latency: 100, download: 100_000 });
    await page.goto(server.url);
    const midway = await page.waitForFunction(() => {
      const progress = document.querySelector(".boot-progress");
      return progress && progress.max > 1 && progress.value > 0 && progress.value < progress.max
        ? { value: progress.value, max: progress.max, text: document.querySelector(".boot .loading").textContent }
        : null;
    });
    const { max, text } = await midway.jsonValue();
    assert.equal(max, (await stat(join(DIST, WASM))).size, "against the uncompressed size");
    assert.match(text, /^Chargement… \d+\s%$/);
    await page.locator("#app h1").waitFor({ timeout: 60_000 });
  });
});

test("the first question comes without the start screen's, the later steps' and what follows its own code, which arrive when shown and work offline", async () => {
  const files = await readdir(DIST);
  for (const chunk of ["split_home.wasm", "split_later_steps.wasm", "split_after_ready.wasm"]) {
    assert.ok(files.includes(chunk), `the bundle has ${chunk}, WebAssembly of its own`);
  }
  // A French browser: another language waits for the whole framework and its reader (below).
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await context.newPage();
    // When the first question is in the page.
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (document.querySelector("fieldset.rating")) {
          window.questionAt = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    // The chunks the page fetched, each with when its request started.
    const requested = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((entry) => ({ file: new URL(entry.name).pathname.split("/").pop(), at: entry.startTime }))
          .filter(({ file }) => /^(split|chunk)_.*\.wasm$/.test(file)),
      );
    const fetched = async () => (await requested()).map(({ file }) => file);
    await page.goto(`${server.url}?name=Awa&subject=M-1&role=peer`);
    await page.locator("fieldset.rating").first().waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    const questionAt = await page.evaluate(() => window.questionAt);
    assert.deepEqual(
      (await requested()).filter(({ at }) => at <= questionAt),
      [],
      "no chunk before the first question",
    );
    // What follows the first screen comes after it, without being asked for.
    await page.waitForFunction(() =>
      performance.getEntriesByType("resource").some((entry) => entry.name.endsWith("/split_after_ready.wasm")),
    );
    assert.deepEqual(
      (await fetched()).filter((file) => file.startsWith("split_")),
      ["split_after_ready.wasm"],
      "neither the start screen nor the later steps before they are shown",
    );
    // The service worker has kept them: the review, then the start screen, open with the
    // network gone.
    await context.setOffline(true);
    await answerAll(page, () => "trained");
    await page.locator(".review #page-heading:focus").waitFor();
    await page.getByRole("button", { name: /^(Mes évaluations|My assessments)$/ }).click();
    await page.locator("#app main h1", { hasText: /^(Évaluations|Assessments)$/ }).waitFor();
    assert.equal(await page.locator(".draft").count(), 1, "the start screen lists the draft");
    await context.setOffline(false);
    // Every chunk of what was shown, and what they share (the loader names each shared
    // chunk's users: `/* home, later_steps */`); the notices of a refused document were not.
    const loader = await readFile(join(DIST, "__wasm_split.js"), "utf8");
    const users = Object.fromEntries(
      [...loader.matchAll(/\/\* ([\w, ]+) \*\/\nconst __chunk_(\d+)/g)].map((m) => [`chunk_${m[2]}.wasm`, m[1].split(", ")]),
    );
    const shown = ["home", "later_steps", "after_ready"];
    assert.deepEqual(
      (await fetched()).sort(),
      files
        .filter((file) => /^(split|chunk)_.*\.wasm$/.test(file))
        .filter((file) =>
          file.startsWith("split_")
            ? shown.includes(file.slice("split_".length, -".wasm".length))
            : file.startsWith("chunk_") && users[file].some((user) => shown.includes(user)),
        )
        .sort(),
      "each chunk fetched once shown",
    );
  });
});

test("the framework comes in French with the page; English brings the whole document, and the answers stay", async () => {
  await withBrowser({ locale: "fr-FR", serviceWorkers: "block" }, async (context) => {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    const fetched = (file) =>
      page.evaluate((file) => performance.getEntriesByType("resource").filter((e) => e.name.endsWith(file)).length, file);
    const whole = () => fetched("/customs.json");
    await page.goto(`${server.url}?name=Awa&subject=M-1&role=peer`);
    const first = page.locator("fieldset.rating").first();
    await first.locator("input[type=radio]").first().check();
    assert.equal(await first.locator("legend").textContent(), "Intégrité et déontologie");
    assert.equal(await whole(), 0, "French needs nothing beyond the page's own download");
    assert.equal(await fetched("/split_framework_reader.wasm"), 0, "nor the JSON framework reader");

    await page.getByRole("button", { name: "English" }).click();
    await page.locator("fieldset.rating legend", { hasText: "Integrity and ethics" }).waitFor();
    assert.equal(await whole(), 1);
    assert.equal(await fetched("/split_framework_reader.wasm"), 1, "the whole document is read by the reader's chunk");
    assert.equal(await page.locator("fieldset.rating").first().locator("input[type=radio]:checked").count(), 1);
    // Back to French, and to English again: nothing more to fetch.
    await page.getByRole("button", { name: "Français" }).click();
    await page.locator("fieldset.rating legend", { hasText: "Intégrité et déontologie" }).waitFor();
    await page.getByRole("button", { name: "English" }).click();
    await page.locator("fieldset.rating legend", { hasText: "Integrity and ethics" }).waitFor();
    assert.equal(await whole(), 1);
    assert.deepEqual(errors, []);
  });
  // A rater whose browser speaks English gets the form in English from the start.
  await withBrowser({ locale: "en-GB", serviceWorkers: "block" }, async (context) => {
    const page = await context.newPage();
    await page.goto(`${server.url}?name=Awa&subject=M-1&role=peer`);
    assert.equal(await page.locator("fieldset.rating legend").first().textContent(), "Integrity and ethics");
  });
  // Without the whole document, or without the code that reads it, English words around
  // the French texts rather than nothing.
  for (const missing of [/\/customs\.json$/, /\/split_framework_reader\.wasm$/]) {
    await withBrowser({ locale: "en-GB", serviceWorkers: "block" }, async (context) => {
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (error) => errors.push(String(error)));
      await page.route(missing, (route) => route.abort("internetdisconnected"));
      await page.goto(`${server.url}?name=Awa&subject=M-1&role=peer`);
      assert.equal(await page.locator("fieldset.rating legend").first().textContent(), "Intégrité et déontologie");
      await page.locator(".page-nav button.primary", { hasText: "Next" }).waitFor();
      // The chunk loader logs a failed download; nothing else went wrong.
      assert.deepEqual(
        errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|^TypeError: Failed to fetch/.test(error)),
        [],
        String(missing),
      );
    });
  }
});

test("a framework file of another version beside the app is never signed against; the right one is", async () => {
  await withBrowser({ locale: "fr-FR", serviceWorkers: "block" }, async (context) => {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    // The same document with one text changed: a bundle half updated, or a file changed on
    // the server.
    const file = /\/customs\.json$/;
    await page.route(file, async (route) => {
      const text = await (await route.fetch()).text();
      assert.ok(text.includes("Formé"));
      await route.fulfill({ status: 200, contentType: "application/json", body: text.replace("Formé", "Forme") });
    });
    await page.goto(`${server.url}?name=Awa&subject=M-1&role=peer`);
    await page.locator("fieldset.rating").first().waitFor();
    await answerAll(page, () => "trained");
    await page.locator(".submit button.primary").click();
    const failed = page.locator(".export .notice-error");
    await failed.waitFor();
    assert.match(await failed.textContent(), /n’a pas pu être signé.*not this version's/);
    assert.equal(await page.locator(".export dl.facts").count(), 0, "nothing signed");
    await page.unroute(file);
    await failed.getByRole("button", { name: "Réessayer" }).click();
    await page.locator(".export dl.facts").waitFor();
    assert.deepEqual(errors, []);
  });
});

test("the later steps' code failing to download: a word, the answers kept, and a second try", async () => {
  // No service worker: the page's own request for the chunk is the only one.
  await withBrowser({ locale: "fr-FR", serviceWorkers: "block" }, async (context) => {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.route(/\/split_[^/]*\.wasm$/, (route) => route.abort("internetdisconnected"));
    await page.goto(`${server.url}?name=Awa&subject=M-1&role=peer`);
    await page.locator("fieldset.rating").first().waitFor();
    await answerUntil(page, () => "trained", /Relire/);
    const failed = page.locator(".notice-error[role=alert]");
    await failed.waitFor();
    assert.match(await failed.textContent(), /n’a pas pu être téléchargée.*Vos réponses sont enregistrées/);
    assert.deepEqual(errors, [], "no panic, no uncaught error");
    await page.unroute(/\/split_[^/]*\.wasm$/);
    await failed.getByRole("button", { name: "Réessayer" }).click();
    await page.locator(".review #page-heading").waitFor();
    assert.ok((await page.locator(".review .summary.answers tbody tr").count()) > 0);
    assert.equal(await page.locator(".review tr.missing").count(), 0, "every answer is still there");
  });
});

test("the framework screen's code failing to download: a word, the answers kept, then a second try that shows it", async () => {
  await withBrowser({ locale: "fr-FR", serviceWorkers: "block" }, async (context) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 640 });
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    const chunk = /\/split_framework_reference_view\.wasm$/;
    await page.route(chunk, (route) => route.abort("internetdisconnected"));
    await page.goto(`${server.url}?name=Awa&subject=M-1&role=peer`);
    await page.locator("fieldset.rating").first().locator("input[type=radio]").first().check();
    await page.locator("nav.app-nav button", { hasText: "Référentiel" }).click();
    const failed = page.locator("#app .notice-error[role=alert]");
    await failed.waitFor();
    assert.match(await failed.textContent(), /L’écran du référentiel n’a pas pu être téléchargé/);
    await page.screenshot({ path: join(SCREENSHOTS, "framework-screen-unloaded-360.png"), fullPage: true });
    assert.deepEqual(errors, [], "no panic, no uncaught error");
    await page.unroute(chunk);
    await failed.getByRole("button", { name: "Réessayer" }).click();
    await page.locator("article.framework h1").waitFor();
    await page.locator("nav.app-nav button", { hasText: "Évaluation" }).click();
    assert.equal(await page.locator("fieldset.rating").first().locator("input[type=radio]:checked").count(), 1);
  });
});

test("the start screen's code failing to download: a word, then a second try that shows it", async () => {
  await withBrowser({ locale: "fr-FR", serviceWorkers: "block" }, async (context) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 640 });
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.route(/\/split_home\.wasm$/, (route) => route.abort("internetdisconnected"));
    await page.goto(server.url);
    const failed = page.locator("#app .notice-error[role=alert]");
    await failed.waitFor();
    assert.match(await failed.textContent(), /L’écran d’accueil n’a pas pu être téléchargé/);
    await page.screenshot({ path: join(SCREENSHOTS, "start-screen-unloaded-360.png"), fullPage: true });
    assert.deepEqual(errors, [], "no panic, no uncaught error");
    await page.unroute(/\/split_home\.wasm$/);
    await failed.getByRole("button", { name: "Réessayer" }).click();
    await page.locator("#app h1", { hasText: "Évaluations" }).waitFor();
    assert.equal(await failed.count(), 0);
  });
});
