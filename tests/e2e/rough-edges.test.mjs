// Rough edges a new user hit, each as they met it, in the language they met it in.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { answerAll, answerPage, mkdtemp, openApp, rm, runCli, serveDir, tmpdir, withBrowser } from "./support.mjs";
import { bundledFrameworkReference, newRater, resultDocument, signResult } from "./signer.mjs";

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
      const page = await openApp(context, `${server.url}?screens=results`);
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
    for (;;) {
      await answerPage(page, () => "trained");
      const next = page.locator(".page-nav button.primary");
      const toPlan = /profil/.test(await next.textContent());
      await next.click();
      if (toPlan) break;
      await page.locator("#page-heading:focus").waitFor();
    }
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
