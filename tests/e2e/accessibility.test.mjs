// Accessibility: a whole assessment with the keyboard alone, and axe-core on every screen in
// both languages (WCAG 2.1 A and AA, and axe's best practices).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { completeAssessment, expectAccessible, openApp, serveDir, startAssessment, withBrowser } from "./support.mjs";

let server;
before(async () => {
  server = await serveDir();
});
after(() => server.close());

/** Presses Tab until `isTarget(activeElement)` holds in the page; fails after 60 presses. */
async function tabTo(page, isTarget, what) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(isTarget)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

test("keyboard only: a whole self-assessment without the mouse", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, server.url);
    await tabTo(page, () => document.activeElement.id === "subject-name", "the name field");
    await page.keyboard.type("Awa Traoré");
    await page.keyboard.press("Tab");
    await page.keyboard.type("M-1024");
    await page.keyboard.press("Tab");
    while ((await page.locator("#position").inputValue()) !== "hr-officer") {
      await page.keyboard.press("ArrowDown");
    }
    await tabTo(page, () => document.activeElement.name === "role", "the roles");
    assert.equal(await page.evaluate(() => document.activeElement.id), "role-self");
    await tabTo(page, () => document.activeElement.type === "submit", "the start button");
    await page.keyboard.press("Enter");
    await page.locator("#page-heading:focus").waitFor();

    for (;;) {
      const fieldsets = await page.locator("fieldset.rating").count();
      for (let i = 0; i < fieldsets; i++) {
        await tabTo(
          page,
          () => document.activeElement.type === "radio" && !document.activeElement.closest("fieldset").querySelector(":checked"),
          "an unanswered competency",
        );
        await page.keyboard.press("Space"); // the first level
        await page.keyboard.press("ArrowDown"); // the second: "trained"
      }
      await tabTo(page, () => document.activeElement.matches(".page-nav button.primary"), "the next button");
      const toReview = /Relire/.test(await page.evaluate(() => document.activeElement.textContent));
      await page.keyboard.press("Enter");
      await page.locator("#page-heading:focus").waitFor();
      if (toReview) break;
    }
    await tabTo(page, () => document.activeElement.matches(".submit button"), "the submit button");
    await page.keyboard.press("Enter");
    await page.locator(".submitted").waitFor();
    const answers = await page.locator("table.answers tbody td:nth-child(2)").allTextContents();
    assert.ok(answers.length > 0 && answers.every((a) => a.trim() === "Formé"), answers.join("|"));
    assert.deepEqual(page.errors, []);
  });
});

for (const [locale, english] of [["fr-FR", false], ["en-GB", true]]) {
  test(`axe-core finds no violation on any screen (${locale})`, async () => {
    await withBrowser({ locale }, async (context) => {
      const page = await openApp(context, `${server.url}?screens=assessment,framework,results`);
      await expectAccessible(page, "home, nothing saved");

      await page.locator("form button[type=submit]").click();
      await page.locator("#subject-name[aria-invalid=true]").waitFor();
      await expectAccessible(page, "start form with an error");

      await startAssessment(page, { name: "Awa Traoré", subjectId: "M-1", position: "inspector", role: "supervisor" });
      const first = page.locator("fieldset.rating").first();
      await first.locator("input[type=radio]").first().check();
      await first.locator("summary").click();
      await expectAccessible(page, "a page of the form, notes open");

      await page.locator("nav.contents li:last-child button").click();
      await page.locator(".review").waitFor();
      await expectAccessible(page, "the review, answers missing");

      await page.locator("nav.contents li:first-child button").click();
      await completeAssessment(page, () => "not-observed");
      await page.locator(".export dl").waitFor();
      await expectAccessible(page, "the submitted assessment, its signed result");

      // HR's console, a page of its own, then back to the widget.
      await page.getByRole("link", { name: english ? "Check results" : "Vérifier des résultats" }).click();
      await page.locator("#result-files").waitFor();
      await expectAccessible(page, "checking results");
      await page.goBack();
      await page.locator("#app h1").waitFor();

      // Back in the widget, on the submitted assessment or already on the list.
      const myAssessments = page.getByRole("button", { name: english ? "My assessments" : "Mes évaluations" });
      if (await myAssessments.count()) await myAssessments.click();
      await page.locator(".draft").first().waitFor();
      await expectAccessible(page, "home, with a saved assessment");

      await page.locator(".app-nav button").nth(1).click();
      await page.locator("details.competency").first().locator("summary").click();
      await page.locator("details.position").first().locator("summary").click();
      await expectAccessible(page, "the framework");
      assert.equal(await page.evaluate(() => document.documentElement.lang), english ? "en" : "fr");
      assert.deepEqual(page.errors, []);
    });
  });
}

test("usable 360 px wide (a phone, or 200% zoom): no screen scrolls sideways", async () => {
  await withBrowser({ locale: "fr-FR", viewport: { width: 360, height: 740 } }, async (context) => {
    const page = await openApp(context, server.url);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.equal(await overflow(), 0, "home");
    await startAssessment(page, { name: "Awa Traoré", subjectId: "M-1024", position: "head-of-border-post", role: "direct-report" });
    await page.locator("fieldset.rating").first().locator("summary").click();
    assert.equal(await overflow(), 0, "a page of the form");
    await page.locator("nav.contents li:last-child button").click();
    await page.locator(".review").waitFor();
    assert.equal(await overflow(), 0, "the review");
    await page.locator(".app-nav button").nth(1).click();
    await page.locator("details.position").first().locator("summary").click();
    assert.equal(await overflow(), 0, "the framework");
    assert.deepEqual(page.errors, []);
  });
});
