// Embedding in a portal: the portal's page on one 127.0.0.1 port, the widget served from
// another (a real cross-origin set-up), both under strict Content-Security-Policies. Script
// mount and iframe, their events, the iframe's origin checks, two widgets on one page, and
// bad configurations.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, answerAll, mkdtemp, rm, runCli, serveDir, tmpdir, withBrowser } from "./support.mjs";

let widget;
let portal;
let scratch;
before(async () => {
  // The portal's origin is known once its server listens: the widget's server is started
  // after it, allowing it to frame the widget and to load its modules (CORS).
  portal = await serveDir(undefined, { portal: true });
  widget = await serveDir(undefined, { frameAncestors: [portal.origin], cors: portal.origin });
  portal.allow(widget.origin);
  scratch = await mkdtemp(join(tmpdir(), "competency-embedding-"));
});
after(async () => {
  await widget.close();
  await portal.close();
  await rm(scratch, { recursive: true, force: true });
});

/** Opens the portal's page `name` with `params`; fails the test on any error it logs. */
async function openPortal(context, name, params = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    // The favicon the example pages do not have is not a fault.
    if (message.type() === "error" && !message.text().includes("404")) errors.push(message.text());
  });
  page.errors = errors;
  const search = new URLSearchParams({ widget: widget.url, ...params });
  await page.goto(`${portal.url}public/examples/${name}?${search}`);
  return page;
}

/** The events the example portal recorded (script mount), or the messages (iframe). */
const events = (page) => page.evaluate(() => window.widgetEvents ?? window.widgetMessages);

async function waitForEvent(page, type, count = 1) {
  await page.waitForFunction(
    // The example pages define their lists once they have loaded the widget.
    ([type, count]) => (window.widgetEvents ?? window.widgetMessages ?? []).filter((e) => e.type === type).length >= count,
    [type, count],
  );
  return (await events(page)).filter((e) => e.type === type).at(count - 1);
}

async function verify(result, name) {
  const path = join(scratch, name);
  await writeFile(path, JSON.stringify(result));
  return runCli(["verify", path]);
}

test("script mount: the portal hears ready, progress and completed; the result verifies", { timeout: 120_000 }, async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openPortal(context, "script-mount.html");
    const ready = await waitForEvent(page, "competency:ready");
    assert.match(ready.detail.publicKey, /^did:key:z6Mk/);
    // The widget lives in its shadow root and leaves the portal's page alone.
    assert.equal(await page.title(), "Portail RH — exemple d’intégration par script");
    assert.equal(await page.locator("#portal-text").textContent(), "Texte du portail, que le widget ne doit pas toucher.");
    assert.equal(await page.locator("#widget-0").evaluate((e) => e.shadowRoot.querySelector(".app") !== null), true);

    await answerAll(page, () => "trained");
    const progress = (await events(page)).filter((e) => e.type === "competency:progress").at(-1);
    assert.deepEqual([progress.detail.answered, progress.detail.required], [13, 13]);
    await page.locator(".submit button.primary").click();
    const completed = await waitForEvent(page, "competency:completed");
    assert.equal(completed.detail.result.subject.name, "Awa Traoré");
    assert.equal(completed.detail.result.rater.key, ready.detail.publicKey, "the key announced is the key that signed");
    const cli = await verify(completed.detail.result, "script-mount.json");
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual(page.errors, []);
  });
});

test("what follows the first question failing to download: the rater answers, and the portal hears ready once it comes", { timeout: 120_000 }, async () => {
  await withBrowser({ locale: "fr-FR", serviceWorkers: "block" }, async (context) => {
    let refused = 0;
    const chunk = /\/split_after_ready\.wasm$/;
    await context.route(chunk, (route) => {
      refused += 1;
      return route.abort("internetdisconnected");
    });
    const page = await openPortal(context, "script-mount.html");
    const first = page.locator("fieldset.rating").first();
    await first.locator("input[type=radio]").first().check();
    for (let waited = 0; refused < 2; waited += 100) {
      assert.ok(waited < 30_000, "the widget asks for the code again");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal((await events(page)).filter((e) => e.type === "competency:ready").length, 0);
    await context.unroute(chunk);
    const ready = await waitForEvent(page, "competency:ready");
    assert.match(ready.detail.publicKey, /^did:key:z6Mk/);
    assert.equal(await first.locator("input[type=radio]:checked").count(), 1, "the answer is kept");
    // The chunk loader logs each failed download; nothing else went wrong.
    assert.deepEqual(
      page.errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|^TypeError: Failed to fetch/.test(error)),
      [],
    );
  });
});

test("a portal's framework whose reader fails to download: a translated notice, and the framework once it comes", { timeout: 120_000 }, async () => {
  const framework = JSON.parse(await readFile(join(ROOT, "crates/core/frameworks/customs.json"), "utf8"));
  framework.competencies[0].name.fr = "Intégrité au poste du portail";
  const config = { configVersion: 1, framework: { inline: framework }, subject: { name: "Awa Traoré" }, rater: { role: "self" } };
  // Mounted by the page's script: the framework is too long for an address.
  const mount = (page) =>
    page.evaluate(async (config) => {
      await new Promise((resolve) => {
        const wait = () => (window.mountWidget ? resolve() : setTimeout(wait, 50));
        wait();
      });
      window.mountWidget(config);
    }, config);
  await withBrowser({ locale: "fr-FR", serviceWorkers: "block" }, async (context) => {
    const reader = /\/split_framework_reader\.wasm$/;
    await context.route(reader, (route) => route.abort("internetdisconnected"));
    const page = await openPortal(context, "script-mount.html", { configs: "[]" });
    await page.setViewportSize({ width: 360, height: 640 });
    await mount(page);
    const notice = page.locator("#widget-0 .notice-error");
    await notice.waitFor();
    const screenshots = join(ROOT, "target/screenshots");
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, "framework-reader-unloaded-360.png"), fullPage: true });
    assert.equal(
      await notice.textContent(),
      "Le référentiel n’a pas pu être lu : le code qui le lit n’a pas pu être téléchargé. Vérifiez la connexion, puis rechargez la page.",
    );
    const unavailable = await waitForEvent(page, "competency:error");
    assert.equal(unavailable.detail.code, "framework-unavailable");
    // The chunk loader logs the failed download; nothing else went wrong.
    assert.deepEqual(
      page.errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|^TypeError: Failed to fetch/.test(error)),
      [],
    );
    await context.unroute(reader);
    await page.reload();
    await mount(page);
    await page.locator("#widget-0 fieldset.rating").first().waitFor();
    assert.equal(await page.locator("#widget-0 fieldset.rating legend").first().textContent(), "Intégrité au poste du portail");
    assert.equal(await page.locator("#widget-0 .notice-error").count(), 0);
  });
});

test("two widgets on one page keep their drafts apart", { timeout: 120_000 }, async () => {
  const configs = [
    { configVersion: 1, instance: "awa", subject: { name: "Awa Traoré" }, position: "customs-officer", rater: { role: "peer" } },
    { configVersion: 1, instance: "moussa", subject: { name: "Moussa Diallo" }, position: "inspector", rater: { role: "peer" }, language: "en" },
  ];
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openPortal(context, "script-mount.html", { configs: JSON.stringify(configs) });
    await waitForEvent(page, "competency:ready", 2);
    const first = page.locator("#widget-0");
    const second = page.locator("#widget-1");
    assert.match(await first.locator("h1").first().textContent(), /Awa Traoré/);
    assert.match(await second.locator(".assessment-header h1").textContent(), /Moussa Diallo/);
    await first.locator("fieldset.rating").first().locator("input[type=radio]").first().check();
    await second.locator("fieldset.rating").nth(1).locator("input[type=radio]").first().check();
    await second.locator("fieldset.rating").nth(2).locator("input[type=radio]").first().check();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "fr", "the portal's language stays");
    const keys = await page.evaluate(() => Object.keys(localStorage));
    assert.equal(keys.filter((k) => k.startsWith("competency-widget.i.awa.draft.")).length, 1);
    assert.equal(keys.filter((k) => k.startsWith("competency-widget.i.moussa.draft.")).length, 1);

    // Back after a reload, each widget resumes its own draft.
    await page.reload();
    await waitForEvent(page, "competency:ready", 2);
    const answered = async (i) =>
      (await events(page)).filter((e) => e.type === "competency:progress" && e.widget === i).at(-1).detail.answered;
    assert.equal(await answered(0), 1);
    assert.equal(await answered(1), 2);
    await first.getByRole("button", { name: "Mes évaluations" }).click();
    // The start screen's code arrives first (a chunk of its own).
    await first.locator(".draft").first().waitFor();
    assert.equal(await first.locator(".draft").count(), 1, "the first widget lists only its own draft");
    assert.deepEqual(page.errors, []);
  });
});

test("iframe: configured by postMessage, the result comes back by postMessage", { timeout: 120_000 }, async () => {
  const config = { configVersion: 1, subject: { id: "M-7", name: "Moussa Diallo" }, position: "customs-officer", rater: { role: "supervisor", id: "R-1" }, challenge: "n-42" };
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openPortal(context, "iframe-host.html", { config: JSON.stringify(config) });
    await waitForEvent(page, "competency:ready", 2);
    const frame = page.frameLocator("#widget");
    await frame.locator("fieldset.rating").first().waitFor();
    assert.match(await frame.locator(".assessment-header h1").textContent(), /Moussa Diallo/);
    const inside = page.frames().find((f) => f.url().startsWith(widget.url));
    await answerAll(inside, () => "trained");
    await inside.locator(".submit button.primary").click();
    const completed = await waitForEvent(page, "competency:completed");
    assert.equal(completed.result.challenge, "n-42");
    assert.equal(completed.result.rater.id, "R-1");
    const cli = await verify(completed.result, "iframe.json");
    assert.equal(cli.code, 0, cli.stderr);

    // Bad messages from the allowed origin are answered with errors, never a crash.
    await page.evaluate(() => window.postToWidget("hello"));
    await page.evaluate(() => window.postToWidget({ type: "competency:dance" }));
    await page.evaluate(() => window.postToWidget({ type: "competency:configure", config: 7 }));
    await waitForEvent(page, "competency:error", 3);
    const errors = (await events(page)).filter((e) => e.type === "competency:error");
    assert.deepEqual(errors.map((e) => e.code), ["bad-message", "unknown-message", "bad-message"]);
    await frame.locator(".submitted").waitFor();
    assert.deepEqual(page.errors, []);
  });
});

test("iframe: a message from an origin not allowed is ignored and reported", { timeout: 120_000 }, async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    // The widget allows another origin than the portal's, but reports to the portal.
    const page = await context.newPage();
    const address = new URL("index.html", widget.url);
    address.searchParams.set("allowedOrigins", "https://portal.example");
    address.searchParams.set("parentOrigin", portal.origin);
    await page.goto(`${portal.url}public/examples/iframe-host.html?${new URLSearchParams({ widget: widget.url, frame: address.href })}`);
    await waitForEvent(page, "competency:ready");
    await page.evaluate(() =>
      window.configureWidget({ configVersion: 1, subject: { name: "Intrus" }, rater: { role: "self" } }),
    );
    const error = await waitForEvent(page, "competency:error");
    assert.equal(error.code, "foreign-origin");
    assert.equal(error.origin, portal.origin);
    const frame = page.frameLocator("#widget");
    await frame.locator("#subject-name").waitFor();
    assert.equal(await frame.locator("fieldset.rating").count(), 0, "the configuration was not applied");
  });
});

test("a bad configuration: every problem, translated, and an error event", { timeout: 120_000 }, async () => {
  const config = {
    configVersion: 1,
    instance: "deux mots",
    language: "xx",
    rater: { role: "boss" },
    upload: { url: "javascript:alert(1)", headers: { Cookie: "a=b" } },
    minRaters: 0,
    allowedOrigins: ["*", "https://portal.example/path"],
    theme: { colourAccent: "red;} body{display:none", radius: "1e9px", font: "<b>" },
    screens: [],
    framework: { bundled: true, url: "https://hr.example/f.json" },
    colour: "typo",
  };
  const expected = [
    "$.instance",
    "$.language",
    "$.rater.role",
    "$.upload.url",
    "$.upload.headers.Cookie",
    "$.minRaters",
    "$.allowedOrigins[0]",
    "$.allowedOrigins[1]",
    "$.theme.colourAccent",
    "$.theme.radius",
    "$.theme.font",
    "$.screens",
    "$.framework",
    "$.colour",
  ];
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openPortal(context, "script-mount.html", { configs: JSON.stringify([config]) });
    const error = await waitForEvent(page, "competency:error");
    assert.equal(error.detail.code, "bad-config");
    assert.deepEqual(error.detail.problems.map((p) => p.path).sort(), [...expected].sort());
    // The notice's wording arrives after the event: a chunk of its own.
    await page.locator("#widget-0 .config-problems li").first().waitFor();
    const items = await page.locator("#widget-0 .config-problems li").allTextContents();
    assert.equal(items.length, expected.length);
    for (const path of expected) {
      assert.ok(items.some((i) => i.startsWith(path + " ") || i.startsWith(path + "\u00a0")), `${path} is listed`);
    }
    assert.ok(items.some((i) => i.includes("n’est pas une couleur acceptée")), "in French");
    // The widget still runs, with its defaults.
    await page.locator("#widget-0 #subject-name").waitFor();
    assert.deepEqual(page.errors, []);
  });
});

test("the portal's theme and review mode: its colours apply, answers cannot change", { timeout: 120_000 }, async () => {
  const base = { configVersion: 1, instance: "review", subject: { name: "Awa Traoré" }, position: "customs-officer", rater: { role: "peer" } };
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    // A first visit answers one competency; the portal then shows it for review, themed.
    const page = await openPortal(context, "script-mount.html", { configs: JSON.stringify([base]) });
    await waitForEvent(page, "competency:ready");
    const radio = page.locator("#widget-0 fieldset.rating").first().locator("input[type=radio]").first();
    await radio.check();
    const review = { ...base, readOnly: true, theme: { colourAccent: "#7a1f5c", radius: "0" } };
    const again = await openPortal(context, "script-mount.html", { configs: JSON.stringify([review]) });
    await waitForEvent(again, "competency:ready");
    const first = again.locator("#widget-0 fieldset.rating").first();
    assert.equal(await first.locator("input[type=radio]").first().isChecked(), true, "the answer is shown");
    assert.equal(await first.locator("input[type=radio]").first().isDisabled(), true, "and cannot change");
    const button = again.locator("#widget-0 .page-nav button.primary");
    assert.equal(await button.evaluate((b) => getComputedStyle(b).backgroundColor), "rgb(122, 31, 92)");
    assert.equal(await button.evaluate((b) => getComputedStyle(b).borderTopLeftRadius), "0px");
    // The widget's styles stay in its shadow root: the portal's heading keeps its own font.
    assert.doesNotMatch(await again.evaluate(() => getComputedStyle(document.querySelector("h1")).fontFamily), /system-ui/);
    assert.deepEqual([...page.errors, ...again.errors], []);
  });
});

test("a portal may unmount a widget from inside one of its events", { timeout: 120_000 }, async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openPortal(context, "script-mount.html");
    await waitForEvent(page, "competency:ready");
    await page.evaluate(() => {
      const { element } = window.widgets[0];
      element.addEventListener("competency:progress", () => window.widgets[0].unmount(), { once: true });
    });
    // A click, not check(): the radio is gone with the widget before it could be seen checked.
    await page.locator("#widget-0 fieldset.rating").first().locator("input[type=radio]").first().click();
    await page.waitForFunction(() => document.querySelector("#widget-0").shadowRoot.childElementCount === 0);
    // The page and the WebAssembly go on: another widget mounts and works.
    await page.evaluate(() =>
      window.mountWidget({ configVersion: 1, subject: { name: "Moussa Diallo" }, rater: { role: "peer" } }),
    );
    await page.locator("#widget-1 fieldset.rating").first().locator("input[type=radio]").first().check();
    await waitForEvent(page, "competency:progress", 3);
    assert.deepEqual(page.errors, []);
  });
});

test("configuration text is read strictly: a member given twice is refused, never guessed", { timeout: 120_000 }, async () => {
  // The attribute (or text) of a script-mounted widget.
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openPortal(context, "script-mount.html", { configs: "[]" });
    await page.waitForFunction(() => typeof window.mountWidget === "function");
    await page.evaluate(() => window.mountWidget('{"configVersion":1,"language":"en","language":"fr"}'));
    const error = await waitForEvent(page, "competency:error");
    assert.equal(error.detail.code, "bad-config");
    assert.deepEqual(error.detail.problems, [{ path: "$", message: "the member `language` is given twice" }]);
    await page.locator("#widget-0 .config-problems li").first().waitFor();
    const items = await page.locator("#widget-0 .config-problems li").allTextContents();
    assert.deepEqual(items.map((i) => i.replace(/\s+/g, " ")), ["$ le membre « language » est donné deux fois."]);
    await page.locator("#widget-0 #subject-name").waitFor();
    assert.deepEqual(page.errors, []);
  });
  // A message posted to the iframe as JSON text.
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openPortal(context, "iframe-host.html");
    await waitForEvent(page, "competency:ready");
    await page.evaluate(() =>
      window.postToWidget(
        '{"type":"competency:configure","config":{"configVersion":1,"subject":{"name":"Awa"},"subject":{"name":"Moussa"},"rater":{"role":"peer"}}}',
      ),
    );
    const error = await waitForEvent(page, "competency:error");
    assert.equal(error.code, "bad-message");
    assert.equal(error.path, "$.config");
    assert.equal(error.problem, "the member `subject` is given twice");
    const frame = page.frameLocator("#widget");
    await frame.locator("#subject-name").waitFor();
    assert.equal(await frame.locator("fieldset.rating").count(), 0, "nothing was configured");
    assert.deepEqual(page.errors, []);
  });
});
