// Taking an assessment in the built app: self-assessment and 360 raters, never losing an
// answer (reload, killed browser, two tabs, storage disabled or full), keyboard only.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  answerAll,
  answerPage,
  disableStorage,
  openApp,
  progressOf,
  serveDir,
  startAssessment,
  withBrowser,
} from "./support.mjs";

let server;
before(async () => {
  server = await serveDir();
});
after(() => server.close());

async function submit(page) {
  const button = page.locator(".submit button.primary");
  assert.equal(await button.isEnabled(), true, "submit is enabled once everything is answered");
  await button.click();
  await page.locator(".submitted").waitFor();
}

test("a self-assessment for a position, from start to submitted", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, server.url);
    await startAssessment(page, { name: "Awa Traoré", subjectId: "M-1024", position: "customs-officer", role: "self" });

    assert.equal(await page.locator(".assessment-header h1").textContent(), "Mon auto-évaluation : Awa Traoré".replace(" :", "\u00a0:"));
    assert.match(await page.locator(".assessment-header .who").textContent(), /Agent de constatation/);
    // The level the position requires is shown to the person assessing themselves.
    assert.equal(await page.locator("fieldset.rating").first().locator(".tag").count(), 1);
    const [, required] = await progressOf(page);
    assert.equal(required, 13, "the customs officer's position requires 13 competencies");

    await answerAll(page, () => "trained");
    assert.equal(await page.locator(".review .flag").count(), 0);
    await submit(page);

    assert.match(await page.locator(".submitted .notice-success").textContent(), /auto-évaluation est terminée/);
    const cells = await page.locator("table.answers tbody td:nth-child(2)").allTextContents();
    assert.equal(cells.length, 13);
    assert.ok(cells.every((c) => c.trim() === "Formé"), cells.join("|"));
    // Read-only: reopening it shows the answers, with nothing to change.
    await page.getByRole("button", { name: "Mes évaluations" }).click();
    await page.getByRole("button", { name: "Voir" }).click();
    await page.locator(".submitted").waitFor();
    assert.deepEqual(page.errors, []);
  });
});

test("a peer review with some competencies not observed", async () => {
  await withBrowser({ locale: "en-GB" }, async (context) => {
    const page = await openApp(context, server.url);
    await startAssessment(page, { name: "Moussa Diarra", position: "inspector", role: "peer" });
    assert.equal(await page.locator(".assessment-header h1").textContent(), "Assessment of Moussa Diarra");
    assert.match(await page.locator(".instructions").textContent(), /only ever reported grouped with other peers/);
    assert.equal(await page.locator("fieldset.rating .tag").count(), 0, "raters are not shown the required level");

    await answerAll(page, (i) => (i % 2 ? "not-observed" : "advanced"));
    await submit(page);
    const answers = await page.locator("table.answers tbody td:nth-child(2)").allTextContents();
    assert.ok(answers.some((a) => a.trim() === "Not observed: I cannot judge"), answers.join("|"));
    assert.ok(answers.some((a) => a.trim() === "Advanced"));
    assert.deepEqual(page.errors, []);
  });
});

test("half answered, reload: the same page and answers", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, server.url);
    await startAssessment(page, { name: "Fatou Keita", position: "inspector", role: "supervisor" });
    await answerPage(page, () => "advanced");
    await page.locator(".page-nav button.primary").click();
    await page.locator("#page-heading:focus").waitFor();
    const heading = await page.locator("#page-heading").textContent();
    const first = page.locator("fieldset.rating").first();
    const firstId = (await first.getAttribute("id")).replace("competency-", "");
    await first.locator(`#${firstId}-expert`).check();
    await first.locator("summary").click();
    await first.locator("textarea").first().fill("Très fiable — « exemplaire ».");
    const before = await progressOf(page);

    await page.reload();
    await page.locator("fieldset.rating").first().waitFor();
    assert.equal(await page.locator("#page-heading").textContent(), heading, "the same page");
    assert.deepEqual(await progressOf(page), before, "the same answers");
    assert.equal(await page.locator(`#${firstId}-expert`).isChecked(), true);
    assert.equal(await page.locator(`#${firstId}-comment`).inputValue(), "Très fiable — « exemplaire ».");
    assert.deepEqual(page.errors, []);
  });
});

test("storage disabled: a warning, and the assessment can still be completed", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    await disableStorage(context);
    const page = await openApp(context, server.url);
    assert.match(await page.locator(".storage-notice").textContent(), /gardées que dans cet onglet/);
    await startAssessment(page, { name: "Awa Traoré", position: "hr-officer", role: "self" });
    await answerAll(page, () => "awareness");
    await submit(page);
    assert.match(await page.locator(".storage-notice").textContent(), /gardées que dans cet onglet/);
    assert.deepEqual(page.errors, []);
  });
});

test("storage full: a warning, and the assessment can still be completed", async () => {
  await withBrowser({ locale: "en-GB" }, async (context) => {
    await context.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (key.startsWith("competency-widget.draft.")) {
          throw new DOMException("quota exceeded", "QuotaExceededError");
        }
        return setItem.call(this, key, value);
      };
    });
    const page = await openApp(context, server.url);
    assert.equal(await page.locator(".storage-notice").count(), 0, "no warning before anything fails");
    await startAssessment(page, { name: "Awa Traoré", position: "hr-officer", role: "self" });
    assert.match(await page.locator(".storage-notice").textContent(), /storage is full/);
    await answerAll(page, () => "expert");
    await submit(page);
    assert.deepEqual(page.errors, []);
  });
});

test("two tabs on one draft: no answer is lost", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const address = `${server.url}?name=Awa%20Traor%C3%A9&subject=M-1024&position=inspector&role=peer`;
    const tab1 = await openApp(context, address);
    await tab1.locator("fieldset.rating").first().waitFor();
    const tab2 = await openApp(context, address);
    await tab2.locator("fieldset.rating").first().waitFor();
    const ids = await tab1.locator("fieldset.rating").evaluateAll((fs) => fs.map((f) => f.id.replace("competency-", "")));
    assert.ok(ids.length >= 3);

    await tab1.locator(`#${ids[0]}-advanced`).check();
    await tab2.locator(`#${ids[1]}-not-observed`).check();
    await tab1.locator(`#${ids[2]}-expert`).check();
    // Each tab shows the other's answers too.
    await tab1.locator(`#${ids[1]}-not-observed:checked`).waitFor();
    await tab2.locator(`#${ids[2]}-expert:checked`).waitFor();

    const stored = await tab1.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith("competency-widget.draft."));
      return JSON.parse(localStorage.getItem(key)).answers;
    });
    assert.deepEqual(
      Object.fromEntries(Object.entries(stored).map(([id, a]) => [id, a.level ?? (a.notObserved ? "not-observed" : null)])),
      { [ids[0]]: "advanced", [ids[1]]: "not-observed", [ids[2]]: "expert" },
    );
    const drafts = await tab2.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("competency-widget.draft.")).length);
    assert.equal(drafts, 1, "both tabs opened the same draft");
    assert.deepEqual([...tab1.errors, ...tab2.errors], []);
  });
});

test("the address names whom to assess: the start screen is skipped, in its language", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, `${server.url}?lang=en&name=Awa&subject=M-1&position=inspector&role=supervisor`);
    await page.locator("fieldset.rating").first().waitFor();
    assert.equal(await page.locator(".assessment-header h1").textContent(), "Assessment of Awa");
    assert.match(await page.locator(".assessment-header .who").textContent(), /Your role: Supervisor.*Position: Inspector/);

    // A bad address is refused whole, every problem said; the widget runs with its defaults.
    const bad = await openApp(context, `${server.url}?role=boss&lang=xx`);
    const notice = await bad.locator(".config-problems").textContent();
    assert.match(notice, /\$\.rater\.role\s«\sboss\s» n’est pas un rôle connu/);
    assert.match(notice, /\$\.language\s«\sxx\s» n’est pas une langue de ce widget/);
    await bad.locator(".app-nav").waitFor();
    assert.deepEqual([...page.errors, ...bad.errors], []);
  });
});

test("several drafts: resume one, discard another after confirming, then clear the browser", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, server.url);
    await startAssessment(page, { name: "Premier Agent", position: "inspector", role: "supervisor" });
    await answerPage(page, () => "trained");
    await page.getByRole("button", { name: "Mes évaluations" }).click();
    await startAssessment(page, { name: "Second Agent", position: "customs-officer", role: "supervisor" });
    await page.getByRole("button", { name: "Mes évaluations" }).click();

    const rows = page.locator(".draft");
    assert.equal(await rows.count(), 2);
    assert.match(await rows.first().textContent(), /Second Agent/, "the latest first");

    const second = rows.filter({ hasText: "Second Agent" });
    await second.getByRole("button", { name: "Supprimer" }).click();
    await second.getByRole("button", { name: "Annuler" }).click();
    assert.equal(await rows.count(), 2, "cancelled: nothing discarded");
    await second.getByRole("button", { name: "Supprimer" }).click();
    await second.getByRole("button", { name: "Oui, supprimer" }).click();
    await page.locator(".draft", { hasText: "Second Agent" }).waitFor({ state: "detached" });
    assert.equal(await rows.count(), 1);

    await rows.first().getByRole("button", { name: "Reprendre" }).click();
    assert.equal(await page.locator(".assessment-header h1").textContent(), "Évaluation de Premier Agent");
    assert.ok((await progressOf(page))[0] > 0, "its answers are back");

    await page.getByRole("button", { name: "Mes évaluations" }).click();
    await page.getByRole("button", { name: "Effacer mes données de ce navigateur" }).click();
    await page.getByRole("button", { name: "Oui, tout effacer" }).click();
    await page.locator(".clear-data [role=status]").waitFor();
    // What was removed is said.
    const said = (await page.locator(".clear-data [role=status] li").allTextContents()).map((t) => t.replace(/\u00a0/g, " "));
    assert.deepEqual(said, [
      "évaluations (brouillons et terminées) : 1",
      "résultats signés gardés pour être revus : 0",
      "résultats pas encore envoyés au portail, qui ne le seront pas : 0",
      "les clés de signature de ce navigateur, les préférences et les accès au portail gardés en mémoire.",
    ]);
    assert.equal(await rows.count(), 0);
    const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("competency-widget.")));
    assert.deepEqual(left, []);
    assert.deepEqual(page.errors, []);
  });
});
