// Rough edges a new user hit, each as they met it, in the language they met it in.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, answerAll, answerPage, answerUntil, mkdtemp, openApp, rm, runCli, serveDir, tmpdir, withBrowser } from "./support.mjs";
import { bundledFrameworkReference, newRater, resultDocument, signResult } from "./signer.mjs";

/** Where the tests leave screenshots to look at. */
const SCREENSHOTS = join(ROOT, "target/screenshots");

let server;
before(async () => {
  server = await serveDir();
});
after(() => server.close());

test("a supervisor's required explanation is labelled required, and « Expliquer » goes to the comment", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    // The customs officer's position requires « Formé » in integrity, a critical competency.
    const page = await openApp(context, `${server.url}?name=Awa%20Traor%C3%A9&subject=M-1024&position=customs-officer&role=supervisor`);
    const integrity = page.locator("fieldset#competency-integrity");
    await integrity.locator("#integrity-awareness").check();
    const summary = integrity.locator("summary");
    assert.equal((await summary.textContent()).trim(), "Commentaire ou exemple (obligatoire : expliquez ce niveau)");
    assert.equal(await integrity.locator("#integrity-comment").getAttribute("aria-describedby"), "integrity-explain");
    assert.match(await integrity.locator("#integrity-explain").textContent(), /expliquez-le par un commentaire ou un exemple/);

    // Everything else answered; the review flags integrity.
    for (;;) {
      await answerPage(page, (_, id) => (id === "integrity" ? "awareness" : "trained"));
      const next = page.locator(".page-nav button.primary");
      const last = /Relire/.test(await next.textContent());
      await next.click();
      if (last) break;
      await page.locator("#page-heading:focus").waitFor();
    }
    await page.locator(".review").waitFor();
    await page.getByRole("button", { name: "Expliquer" }).click();
    await page.locator("#integrity-comment:focus").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), "integrity-comment");
    assert.deepEqual(page.errors, []);
  });
});

test("with no upload address, nothing says « Envoyer », and the finished screen says to hand the file to HR", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, `${server.url}?name=Awa%20Traor%C3%A9&subject=M-1024&position=customs-officer&role=peer`);
    await answerAll(page, () => "trained");
    const submit = page.locator(".submit button.primary");
    assert.equal((await submit.textContent()).trim(), "Terminer mon évaluation");
    await submit.click();
    await page.locator(".export dl").waitFor();
    assert.match(
      await page.locator(".export .hand-over").textContent(),
      /^Rien n’a été envoyé : .* Téléchargez le fichier et remettez-le aux RH/,
    );
    assert.deepEqual(page.errors, []);
  });
  // With one, the button says it sends, and no such notice is shown.
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(
      context,
      `${server.url}?name=Awa%20Traor%C3%A9&subject=M-1024&position=customs-officer&role=peer&upload=${encodeURIComponent("http://127.0.0.1:9/results")}`,
    );
    await answerAll(page, () => "trained");
    assert.equal((await page.locator(".submit button.primary").textContent()).trim(), "Terminer et envoyer mon évaluation");
  });
});

test("a plan's link to a learning resource is named by its words, not by « ↗ »", async () => {
  const framework = await bundledFrameworkReference(runCli);
  const rater = await newRater();
  const document = resultDocument({
    subject: { id: "M-1024", name: "Awa Traoré", position: "customs-officer" },
    role: "self",
    rater,
    framework,
    ratings: [{ competency: "integrity", level: "awareness" }],
    developmentPlan: [
      {
        competency: "integrity",
        targetLevel: "trained",
        targetDate: "2027-06-30",
        actions: [{ source: "framework", text: "Cours de l’OMD sur l’éthique", link: "https://academy.wcoomd.org/" }],
      },
    ],
  });
  const scratch = await mkdtemp(join(tmpdir(), "competency-edges-"));
  try {
    const path = join(scratch, "self.json");
    await writeFile(path, JSON.stringify(await signResult(document, rater)));
    await withBrowser({ locale: "fr-FR" }, async (context) => {
      const page = await openApp(context, `${server.url}console.html`);
      await page.locator("#result-files").setInputFiles([path]);
      const link = page.locator(".subject-report .plan-list a");
      await link.waitFor();
      assert.equal(await link.getAttribute("href"), "https://academy.wcoomd.org/");
      await page.getByRole("link", { name: "ouvrir la ressource (nouvel onglet)", exact: true }).waitFor();
      assert.deepEqual(page.errors, []);
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});

test("« Suivant » on a page left unanswered says so before moving on", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, `${server.url}?name=Awa%20Traor%C3%A9&subject=M-1024&position=customs-officer&role=peer`);
    const heading = await page.locator("#page-heading").textContent();
    const unanswered = await page.locator("fieldset.rating").count();
    // One answered, the others not.
    await page.locator("fieldset.rating").first().locator("input[value=trained]").check();
    await page.locator(".page-nav button.primary").click();
    assert.equal(
      await page.locator(".unanswered").textContent(),
      `${unanswered - 1} compétences de cette page sont encore sans réponse. Répondez-y maintenant, ou continuez : vous pourrez y revenir avant de terminer.`,
    );
    assert.equal(await page.locator("#page-heading").textContent(), heading, "still on the page");
    const next = page.locator(".page-nav button.primary");
    assert.equal((await next.textContent()).trim(), "Continuer quand même");
    await next.click();
    await page.locator("#page-heading:focus").waitFor();
    assert.notEqual(await page.locator("#page-heading").textContent(), heading);
    assert.deepEqual(page.errors, []);
  });
});

test("a plan entry left empty is named in the review with what it lacks, and « Compléter le plan » goes to it", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, `${server.url}?name=Awa%20Traor%C3%A9&subject=M-1024&position=customs-officer&role=self`);
    await answerUntil(page, () => "trained", /profil/);
    await page.locator("#plan-integrity-box").check();
    // Its fields say what they lack before anyone leaves the page.
    assert.equal(await page.locator("#plan-integrity-level").getAttribute("aria-invalid"), "true");
    await page.locator(".plan-page .page-nav button.primary").click();
    await page.locator(".review").waitFor();

    // The review does not say the plan is empty beside "3 parts to complete".
    const review = await page.locator(".review").textContent();
    assert.doesNotMatch(review, /Aucune compétence dans le plan/);
    assert.deepEqual(
      (await page.locator(".review .plan-incomplete li").allTextContents()).map((t) => t.trim()),
      ["Intégrité et déontologie — à compléter : le niveau visé, la date visée, au moins une action."],
    );
    await page.getByRole("button", { name: "Compléter le plan" }).click();
    await page.locator("#plan-integrity-level:focus").waitFor();
    assert.equal(await page.locator("#plan-integrity-level").getAttribute("aria-invalid"), "true");
    await page.locator("#plan-integrity-level").selectOption("expert");
    assert.equal(await page.locator("#plan-integrity-level").getAttribute("aria-invalid"), null);
    assert.deepEqual(page.errors, []);
  });
});

test("« Commencer » with no name: a summary of the problem takes the focus and links to the field", async () => {
  await withBrowser({ locale: "fr-FR", viewport: { width: 360, height: 740 } }, async (context) => {
    const page = await openApp(context, server.url);
    await page.locator("#role-peer").check();
    await page.getByRole("button", { name: "Commencer" }).click();
    const summary = page.locator(".error-summary");
    await page.locator(".error-summary:focus").waitFor();
    assert.equal(await summary.locator("h3").textContent(), "Il y a un problème");
    // In view: the user sees what happened where they are.
    const box = await summary.boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= 740, `the summary is out of view: ${JSON.stringify(box)}`);
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, "start-error-360.png") });
    const link = summary.getByRole("link", { name: "Indiquez le nom de la personne évaluée." });
    await link.click();
    await page.locator("#subject-name:focus").waitFor();
    assert.equal(await page.locator("#subject-name").getAttribute("aria-invalid"), "true");
    // Corrected, the assessment starts.
    await page.locator("#subject-name").fill("Awa Traoré");
    await page.getByRole("button", { name: "Commencer" }).click();
    await page.locator("fieldset.rating").first().waitFor();
    assert.deepEqual(page.errors, []);
  });
});

test("the same link opened again after submitting shows the finished evaluation, not a new empty one", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const link = `${server.url}?name=Awa%20Traor%C3%A9&subject=M-1024&position=customs-officer&role=peer`;
    const page = await openApp(context, link);
    await answerAll(page, () => "advanced");
    await page.locator(".submit button.primary").click();
    await page.locator(".submitted").waitFor();
    const fingerprint = await page.locator(".export dl").textContent();

    const again = await openApp(context, link);
    await again.locator(".submitted").waitFor();
    assert.equal(await again.locator(".export dl").textContent(), fingerprint, "another result");
    const answers = await again.locator("table.answers tbody td:nth-child(2)").allTextContents();
    assert.ok(answers.length > 0 && answers.every((a) => a.trim() === "Confirmé"), answers.join("|"));
    assert.equal(await again.locator("fieldset.rating").count(), 0, "a new assessment was started");
    assert.deepEqual([...page.errors, ...again.errors], []);
  });
});
