// The first page, as a visitor sees it: the built release bundle, served on 127.0.0.1, in
// headless Chromium with a fresh profile.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { disableStorage, openApp, serveDir, withBrowser } from "./support.mjs";

let server;
before(async () => {
  server = await serveDir();
});
after(() => server.close());

const FRENCH_TITLE = "Référentiel de compétences des douanes (modèle par défaut)";
const ENGLISH_TITLE = "Customs competency framework (default template)";

/** What the page says about its language: the framework's title (on the framework screen),
 * the main heading, `<html lang>` and the document title. */
async function pageState(page) {
  const heading = await page.locator("h1").first().textContent();
  await page.locator(".app-nav button").nth(1).click();
  const title = await page.locator("article.framework h1").textContent();
  await page.locator(".app-nav button").nth(0).click();
  await page.locator("#app h1").first().waitFor();
  return {
    heading,
    title,
    lang: await page.evaluate(() => document.documentElement.lang),
    documentTitle: await page.title(),
  };
}

test("French first; a switch to English is kept across a reload", async () => {
  // A browser in neither of the framework's languages: the app falls back to French.
  await withBrowser({ locale: "pt-PT" }, async (context) => {
    const page = await openApp(context, server.url);
    assert.deepEqual(await pageState(page), {
      heading: "Évaluations",
      title: FRENCH_TITLE,
      lang: "fr",
      documentTitle: "Évaluation des compétences",
    });
    await page.locator(".app-nav button").nth(1).click();
    const groups = await page.locator(".group h3").allTextContents();
    assert.deepEqual(groups, [
      "Valeurs fondamentales",
      "Compétences professionnelles",
      "Compétences opérationnelles",
      "Compétences managériales",
    ]);

    await page.getByRole("button", { name: "English" }).click();
    await page.locator("h1", { hasText: ENGLISH_TITLE }).waitFor();
    await page.locator(".app-nav button").nth(0).click();
    assert.equal(
      await page.getByRole("button", { name: "English" }).getAttribute("aria-pressed"),
      "true",
    );

    await page.reload();
    await page.locator("#app h1").waitFor();
    assert.deepEqual(await pageState(page), {
      heading: "Assessments",
      title: ENGLISH_TITLE,
      lang: "en",
      documentTitle: "Competency assessment",
    });
    assert.deepEqual(page.errors, []);
  });
});

test("a browser set to English opens in English until French is chosen", async () => {
  await withBrowser({ locale: "en-GB" }, async (context) => {
    const page = await openApp(context, server.url);
    assert.equal((await pageState(page)).title, ENGLISH_TITLE);

    await page.getByRole("button", { name: "Français" }).click();
    await page.reload();
    await page.locator("#app h1").waitFor();
    assert.equal((await pageState(page)).title, FRENCH_TITLE);
    assert.deepEqual(page.errors, []);
  });
});

test("with storage disabled the page still works, in French", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    await disableStorage(context);
    const page = await openApp(context, server.url);
    assert.equal((await pageState(page)).title, FRENCH_TITLE);
    await page.getByRole("button", { name: "English" }).click();
    await page.locator("h1", { hasText: "Assessments" }).waitFor();
    assert.deepEqual(page.errors, []);
  });
});
