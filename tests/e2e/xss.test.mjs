// Hostile text: a catalogue of XSS payloads placed in every text of a framework (given inline
// by a portal) and in every text of a configuration, through every screen that shows them.
// Each must be shown literally, as text, and none may run: the page's CSP would also block
// most of them, so the test checks the DOM itself (no element, attribute or handler came
// from a payload) as well as the flags the payloads would set.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { answerAll, serveDir, withBrowser } from "./support.mjs";
import { BUNDLED_FRAMEWORK } from "./signer.mjs";

let widget;
let portal;
before(async () => {
  portal = await serveDir(undefined, { portal: true });
  widget = await serveDir(undefined, { cors: portal.origin });
  portal.allow(widget.origin);
});
after(async () => {
  await widget.close();
  await portal.close();
});

/** Each payload sets window.__xss to its number if it ever runs. */
const PAYLOADS = [
  `<script>window.__xss=1</script>`,
  `<img src=x onerror="window.__xss=2">`,
  `"><svg onload="window.__xss=3">`,
  `javascript:window.__xss=4`,
  `{{constructor.constructor('window.__xss=5')()}}`,
  `</style></title><script>window.__xss=6</script>`,
  `' onmouseover='window.__xss=7' x='`,
  `<iframe srcdoc="<script>parent.__xss=8</script>"></iframe>`,
  `<a href="javascript:window.__xss=9">lien</a>`,
  `&lt;b&gt;entités&lt;/b&gt; & « guillemets »`,
];

/** The bundled framework with a payload in every text (every language), in turn. */
async function hostileFramework() {
  const framework = JSON.parse(await readFile(BUNDLED_FRAMEWORK, "utf8"));
  let n = 0;
  const poison = (value) => {
    if (Array.isArray(value)) return value.map(poison);
    if (value && typeof value === "object") {
      const entries = Object.entries(value);
      // A multilingual text: { "fr": "…", "en": "…" }.
      if (entries.length > 0 && entries.every(([k, v]) => /^[a-z]{2}$/.test(k) && typeof v === "string")) {
        const payload = PAYLOADS[n++ % PAYLOADS.length];
        return Object.fromEntries(entries.map(([k, v]) => [k, `${payload} ${v}`]));
      }
      return Object.fromEntries(entries.map(([k, v]) => [k, poison(v)]));
    }
    return value;
  };
  const poisoned = poison(framework);
  return { framework: poisoned, texts: n };
}

test("XSS payloads in every framework and configuration text are shown as text and never run", { timeout: 180_000 }, async () => {
  const { framework, texts } = await hostileFramework();
  assert.ok(texts > 400, `payloads placed in ${texts} texts`);
  const position = framework.positions[0];
  const config = {
    configVersion: 1,
    framework: { inline: framework },
    subject: { id: PAYLOADS[0], name: PAYLOADS[1] },
    position: position.id,
    rater: { role: "self", id: PAYLOADS[2], name: PAYLOADS[3] },
    challenge: PAYLOADS[4],
    screens: ["assessment", "framework", "results"],
  };
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await context.newPage();
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs += 1;
      dialog.dismiss();
    });
    const search = new URLSearchParams({ widget: widget.url, configs: "[]" });
    await page.goto(`${portal.url}public/examples/script-mount.html?${search}`);
    await page.waitForFunction(() => window.mountWidget);
    await page.evaluate((config) => window.mountWidget(config), config);
    const root = page.locator("#widget-0");
    await root.locator("fieldset.rating").first().waitFor();

    /** Nothing in the widget came from a payload: no element a payload names, no handler,
     * no script address; every payload that is shown is shown whole, as text. */
    const check = async (where) => {
      const found = await page.locator("#widget-0").evaluate((host) => {
        const all = [...host.shadowRoot.querySelectorAll("*")];
        const named = all.filter(
          (e) => ["SCRIPT", "IMG", "IFRAME", "SVG", "svg"].includes(e.tagName) && !e.closest("figure.chart"),
        );
        return {
          named: named.map((e) => e.outerHTML.slice(0, 200)),
          elements: named.length,
          handlers: all.filter((e) => [...e.attributes].some((a) => a.name.startsWith("on"))).length,
          scripts: all.filter((e) => /javascript:/i.test(e.getAttribute("href") ?? "")).length,
          text: host.shadowRoot.textContent,
        };
      });
      assert.deepEqual([found.elements, found.handlers, found.scripts], [0, 0, 0], `${where}: ${found.named}`);
      assert.ok(PAYLOADS.some((p) => found.text.includes(p)), `${where}: the payloads are shown as text`);
      assert.equal(await page.evaluate(() => window.__xss), undefined, where);
      assert.equal(dialogs, 0, where);
    };

    await check("the first page of the form");
    assert.ok((await root.locator(".assessment-header h1").textContent()).includes(PAYLOADS[1]), "the name, literally");
    await answerAll(page, () => "trained");
    await check("the review");
    await root.locator(".submit button.primary").click();
    await root.locator(".export dl").waitFor();
    await check("the submitted assessment");
    await root.locator(".app-nav button").nth(1).click();
    await root.locator("details.competency").first().locator("summary").click();
    await root.locator("details.position").first().locator("summary").click();
    await check("the framework");
    assert.ok((await root.locator("article.framework h1").textContent()).startsWith(PAYLOADS[0]));
  });
});
