// Offline: after one visit, the service worker (sw.js, written by scripts/postbuild.mjs) starts
// the app with no network; a result signed offline is queued and sent once the browser is back
// online. A new deployment replaces the cached bundle at the next visit. And the test server's
// Content-Security-Policy (support.mjs) does catch inline code.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cp, readFile, writeFile } from "node:fs/promises";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { join } from "node:path";
import {
  DIST,
  ROOT,
  completeAssessment,
  mkdtemp,
  openApp,
  rm,
  serveDir,
  startReceiver,
  tmpdir,
  withBrowser,
} from "./support.mjs";

let server;
before(async () => {
  server = await serveDir();
});
after(() => server.close());

/** The errors a page logs when a request fails for want of network, directly or passed on
 * by the service worker (ERR_FAILED): expected offline. */
const OFFLINE_ERROR = /ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to fetch/;

/** Waits until a service worker is active for the page, then reloads the page so that the
 * worker controls it (a first visit is not controlled). Returns the worker's cache names. */
async function installWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.locator("#app h1").waitFor();
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.state), "activated");
  return page.evaluate(() => caches.keys());
}

/** The upload states queued in the page's storage. */
function uploadStates(page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("competency-widget.upload."))
      .map((k) => JSON.parse(localStorage.getItem(k)).state.state),
  );
}

test("after one visit the app starts offline; a result signed offline is sent once back online", { timeout: 120_000 }, async () => {
  const receiver = await startReceiver(() => ({ status: 201, body: "ok" }));
  try {
    await withBrowser({ locale: "fr-FR" }, async (context) => {
      const page = await openApp(context, server.url);
      const caches = await installWorker(page);
      assert.equal(caches.length, 1);
      assert.match(caches[0], /^competency-widget-[0-9a-f]{16}$/);

      await context.setOffline(true);
      const address =
        `${server.url}?name=Awa%20Traor%C3%A9&subject=M-1024&position=customs-officer&role=self` +
        `&upload=${encodeURIComponent(receiver.url)}`;
      await page.goto(address);
      await page.locator("fieldset.rating").first().waitFor();
      assert.equal(await page.evaluate(() => navigator.onLine), false);
      assert.match(await page.locator(".assessment-header h1").textContent(), /Awa Traoré/);

      // The worker does not get around the lack of network: a request it leaves to the
      // network fails, and so does one it forwards (a file missing from its cache).
      const probe = (url) => page.evaluate((u) => fetch(u).then(() => "network", () => "blocked"), url);
      assert.equal(await probe("public/framework.schema.json?not-precached"), "blocked");
      const deleted = await page.evaluate(async () => (await caches.open((await caches.keys())[0])).delete("main.css"));
      assert.equal(deleted, true);
      assert.equal(await probe("main.css"), "blocked");

      await completeAssessment(page, () => "trained");
      await page.locator(".export dl").waitFor();
      await page.locator(".export", { hasText: "L’envoi au portail a échoué" }).waitFor();
      // Offline long enough for the next retry to be several seconds away: a result that
      // arrives before it was sent because the browser came back online.
      const retryAt = await (
        await page.waitForFunction(
          () => {
            const key = Object.keys(localStorage).find((k) => k.startsWith("competency-widget.upload."));
            const { state } = JSON.parse(localStorage.getItem(key));
            return state.state === "failed" && state.retry_at - Date.now() > 5_000 && state.retry_at;
          },
          null,
          { polling: 100, timeout: 30_000 },
        )
      ).jsonValue();
      assert.equal(receiver.attempts(), 0, "nothing reached the server while offline");
      assert.deepEqual(await uploadStates(page), ["failed"], "the result waits in the queue");
      const stored = await page.evaluate(() =>
        localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith("competency-widget.result."))),
      );

      await context.setOffline(false);
      const wait = Math.round((retryAt - Date.now()) / 1000);
      while (receiver.received.length === 0 && Date.now() < retryAt - 500) await page.waitForTimeout(100);
      assert.equal(
        receiver.received.length,
        1,
        `sent when the browser came back online, not ${wait} s later at the next retry`,
      );
      await page.locator(".export", { hasText: "Envoyé au portail" }).waitFor({ timeout: 5_000 });
      // Later retries, had any been left scheduled, would send it again.
      await page.waitForTimeout(Math.max(0, retryAt - Date.now()) + 2_000);
      assert.equal(receiver.attempts(), 1, "exactly one POST of the result");
      assert.deepEqual(JSON.parse(receiver.received[0]), JSON.parse(stored), "the signed result, unchanged");
      assert.deepEqual(await uploadStates(page), ["sent"]);
      assert.equal(await probe("public/framework.schema.json?not-precached"), "network", "online again");

      assert.deepEqual(page.errors.filter((e) => !OFFLINE_ERROR.test(e)), []);
    });
  } finally {
    await receiver.close();
  }
  assert.deepEqual(server.violations, [], "no Content-Security-Policy violation, in the page or the worker");
});

test("a new deployment is fetched at the next visit, and the old cache deleted", { timeout: 180_000 }, async () => {
  // A copy of the bundle, deployed again with a changed stylesheet and a rewritten sw.js.
  const folder = await mkdtemp(join(tmpdir(), "competency-deploy-"));
  const copy = await serveDir(folder);
  try {
    await cp(DIST, folder, { recursive: true });
    await withBrowser({ locale: "fr-FR" }, async (context) => {
      const page = await openApp(context, copy.url);
      const [first] = await installWorker(page);
      const original = await page.evaluate(() => fetch("main.css").then((r) => r.text()));

      // A rule, not a comment: a release ships the stylesheet without comments. The post-build
      // step writes index.html's digest of main.css (subresource integrity) again, as in a
      // new build.
      const marker = ".deployment-2 {}\n";
      await writeFile(join(folder, "main.css"), (await readFile(join(folder, "main.css"), "utf8")) + marker);
      await promisify(execFile)("node", [join(ROOT, "scripts/postbuild.mjs"), folder]);
      await promisify(execFile)("node", [join(ROOT, "scripts/compress.mjs"), folder]);

      // The next visit is still answered from the cache, while the browser fetches the new
      // sw.js, which installs, takes over and drops the old cache.
      await page.reload();
      await page.locator("#app h1").waitFor();
      // (Polled from here: page.waitForFunction does not wait for a promise to settle. Up to
      // 80 s: the new worker caches the whole bundle again, slow on a busy machine.)
      const updated = async () =>
        page.evaluate(
          async ([old, marker]) => {
            const names = await caches.keys();
            const css = await fetch("main.css").then((r) => r.text());
            return names.length === 1 && names[0] !== old && css.endsWith(marker);
          },
          [first, marker],
        );
      for (let i = 0; i < 400 && !(await updated()); i++) await page.waitForTimeout(200);
      assert.equal(await page.evaluate(() => fetch("main.css").then((r) => r.text())), original + marker);
      await page.reload();
      await page.locator("#app h1").waitFor();
      assert.deepEqual(page.errors, []);
    });
  } finally {
    await copy.close();
    await rm(folder, { recursive: true, force: true });
  }
  assert.deepEqual(copy.violations, []);
});

test("the test server's Content-Security-Policy refuses inline code, and openApp reports it", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, server.url);
    assert.deepEqual(page.errors, [], "the app itself runs under the policy");
    await assert.rejects(page.addScriptTag({ content: "window.inline = true" }), /Content Security Policy/);
    await page.evaluate(() => document.body.append(Object.assign(document.createElement("div"), { innerHTML: '<p style="color: red">' })));
    assert.equal(await page.evaluate(() => window.inline), undefined);
    await page.waitForTimeout(500);
    // Each refusal is a console error, which every test using openApp checks (page.errors),
    // and a report to the server, from whatever context (page or service worker).
    const refused = (pattern) => page.errors.some((e) => pattern.test(e));
    assert.ok(refused(/^Executing inline script violates .*script-src/), page.errors.join("\n"));
    assert.ok(refused(/^Applying inline style violates .*style-src/), page.errors.join("\n"));
    const directives = () => [...new Set(server.violations.map((v) => v["violated-directive"]))].sort();
    for (let i = 0; i < 20 && directives().length < 2; i++) await page.waitForTimeout(100);
    assert.deepEqual(directives(), ["script-src-elem", "style-src-attr"]);
    server.violations.length = 0;
  });
});
