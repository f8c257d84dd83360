// The framework screen of the built app: what an officer or HR reads before assessing.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, openApp, serveDir, withBrowser } from "./support.mjs";

let server;
let framework;
before(async () => {
  server = await serveDir();
  framework = JSON.parse(await readFile(join(ROOT, "crates/core/frameworks/customs.json"), "utf8"));
});
after(() => server.close());

test("competencies and positions read in French, then in English", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, server.url);
    await page.getByRole("button", { name: "Référentiel" }).click();
    const valuation = framework.competencies.find((c) => c.id === "customs-valuation");
    const inspector = framework.positions.find((p) => p.id === "inspector");

    for (const lang of ["fr", "en"]) {
      if (lang === "en") await page.getByRole("button", { name: "English" }).click();
      await page.locator("h1", { hasText: framework.title[lang] }).waitFor();

      const card = page.locator("#competency-customs-valuation");
      await card.locator("summary").click();
      assert.equal(await card.locator("summary").textContent(), valuation.name[lang]);
      assert.equal(await card.locator("> p").textContent(), valuation.definition[lang]);
      for (const [rank, level] of framework.levels.entries()) {
        const items = card.locator(`dd:nth-of-type(${rank + 1}) li`);
        assert.deepEqual(
          await items.allTextContents(),
          valuation.indicators[level.id].map((t) => t[lang]),
          `${lang}: indicators at ${level.id}`,
        );
      }
      await card.locator("summary").click(); // closed again for the next language

      const position = page.locator("#position-inspector");
      await position.locator("summary").click();
      const table = position.getByRole("table");
      await table.waitFor();
      const rows = await table.locator("tbody tr").evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((cell) => cell.textContent)),
      );
      const label = (id) => framework.levels.find((l) => l.id === id).label[lang];
      const name = (id) => framework.competencies.find((c) => c.id === id).name[lang];
      const yes = { fr: "Oui", en: "Yes" }[lang];
      const no = { fr: "Non", en: "No" }[lang];
      assert.deepEqual(
        rows,
        inspector.requirements.map((r) => [name(r.competency), label(r.level), r.critical ? yes : no]),
      );
      await position.locator("summary").click();
    }
    assert.deepEqual(page.errors, []);
  });
});

test("the schema for portal developers is deployed with the app", async () => {
  const response = await fetch(new URL("public/framework.schema.json", server.url));
  assert.equal(response.status, 200);
  const schema = await response.json();
  assert.equal(schema.title, "Competency framework");
});
