// A 360 campaign end to end: HR plans it from a spreadsheet with the CLI; five raters open
// their invitation links, each in a browser of their own, and submit; HR drops the campaign
// file and the results (and one result an outsider signed with a key of their own) on the
// results screen: only invited answers count, and the completion names who has not answered.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  ROOT,
  completeAssessment,
  expectAccessible,
  mkdtemp,
  openApp,
  rm,
  runCli,
  serveDir,
  tmpdir,
  withBrowser,
} from "./support.mjs";
import { bundledFrameworkReference, newRater, resultDocument, signResult } from "./signer.mjs";

/** Where the tests leave screenshots to look at (not compared: looked at). */
const SCREENSHOTS = join(ROOT, "target/screenshots");

let server;
let scratch;
before(async () => {
  server = await serveDir();
  scratch = await mkdtemp(join(tmpdir(), "competency-campaign-"));
  await mkdir(SCREENSHOTS, { recursive: true });
});
after(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

/** HR's plan, as French Excel saves it (semicolons), in UTF-8 with a byte order mark. */
const PLAN = [
  "Matricule évalué;Évalué;Poste;Évaluateur;Matricule évaluateur;Rôle",
  "M-1024;Awa Traoré;customs-officer;;;Auto-évaluation",
  "M-1024;Awa Traoré;customs-officer;Ibrahim Koné;M-3001;Supérieur hiérarchique",
  "M-1024;Awa Traoré;customs-officer;Moussa Diallo;M-2001;Collègue",
  "M-1024;Awa Traoré;customs-officer;Fatou Sanogo;M-4001;Collègue",
  "M-1024;Awa Traoré;customs-officer;Adama Ouédraogo;M-5001;Collègue",
  "M-1024;Awa Traoré;customs-officer;Mariam Cissé;M-6001;Collègue",
].join("\r\n");

/** The invitations' CSV as { invitation, role, rater, link } per line. */
async function invitations(dir) {
  const text = (await readFile(join(dir, "invitations.csv"), "utf8")).replace(/^\uFEFF/, "");
  const [header, ...lines] = text.trim().split(/\r\n/);
  const columns = header.split(";");
  return lines.map((line) => {
    const cells = Object.fromEntries(line.split(";").map((cell, i) => [columns[i], cell]));
    return { invitation: cells.invitation, role: cells.role, rater: cells.rater_name, link: cells.link };
  });
}

/** Levels by rater: Awa rates herself higher than the others do in integrity. */
const LEVELS = { self: "expert", supervisor: "trained", "Moussa Diallo": "awareness", "Fatou Sanogo": "trained", "Adama Ouédraogo": "trained" };

test("a campaign planned from a spreadsheet, five invitations answered, one outsider set aside", { timeout: 300_000 }, async () => {
  const planPath = join(scratch, "plan.csv");
  await writeFile(planPath, "\uFEFF" + PLAN);
  const out = join(scratch, "campagne");
  const planned = await runCli(["campaign", "new", planPath, "--base-url", server.url, "--id", "360-e2e", "--title", "360 Ouagadougou", "--out", out]);
  assert.equal(planned.code, 0, planned.stderr);
  const links = await invitations(out);
  assert.equal(links.length, 6);

  // Five raters, each on a device of their own; Mariam does not answer.
  const results = [];
  for (const { role, rater, link } of links.slice(0, 5)) {
    const who = role === "self" || role === "supervisor" ? role : rater;
    const viewport = who === "Moussa Diallo" ? { width: 360, height: 740 } : undefined;
    await withBrowser({ locale: "fr-FR", acceptDownloads: true, viewport }, async (context) => {
      const page = await openApp(context, link);
      await page.locator("fieldset.rating").first().waitFor();
      // Whom, in which role: fixed by the invitation and said before the first answer.
      const notice = (await page.locator(".assessment-header .invitation").textContent()).replace(/\s+/g, " ");
      if (role === "peer") {
        assert.equal(notice, "Sur invitation : vous évaluez Awa Traoré en tant que collègue. Cette évaluation compte une fois, pour votre invitation.");
        assert.equal(await page.locator("#subject-name").count(), 0, "no start form to change whom");
      } else if (role === "self") {
        assert.match(notice, /vous faites votre auto-évaluation \(Awa Traoré\)/);
      }
      if (viewport) {
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(SCREENSHOTS, "campaign-invitation-360.png"), fullPage: false });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `the invitation's form scrolls sideways by ${overflow}px at 360px`);
      }
      await completeAssessment(page, (_, id) => (id === "integrity" ? LEVELS[who] : "trained"));
      await page.locator(".export dl").waitFor();
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Télécharger/ }).click()]);
      const path = join(scratch, `${results.length}-${role}.json`);
      await download.saveAs(path);
      const result = JSON.parse(await readFile(path, "utf8"));
      assert.equal(result.invitation.campaign, "360-e2e");
      assert.equal(result.invitation.token, new URL(link).searchParams.get("token"));
      assert.equal(result.rater.role, role);
      results.push(path);
      assert.deepEqual(page.errors, []);
    });
  }

  // An outsider signs a peer's result about Awa with a key of their own, without invitation.
  const outsider = await newRater();
  const forged = await signResult(
    resultDocument({
      subject: { id: "M-1024", name: "Awa Traoré", position: "customs-officer" },
      role: "peer",
      rater: outsider,
      framework: await bundledFrameworkReference(runCli),
      ratings: [{ competency: "integrity", level: "expert", comment: "Forged words." }],
    }),
    outsider,
  );
  const forgedPath = join(scratch, "outsider.json");
  await writeFile(forgedPath, JSON.stringify(forged));

  // The CLI agrees with what the screen will show.
  const status = await runCli(["campaign", "status", join(out, "campaign.json"), ...results, forgedPath]);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /5 of 6 invitations answered/);
  assert.match(status.stdout, /peer {10}3\/4 answered; pending: Mariam Cissé/);
  assert.match(status.stderr, /outsider\.json: set aside: answers no invitation/);

  // HR's results screen, on a phone-sized screen too.
  await withBrowser({ locale: "fr-FR", acceptDownloads: true, viewport: { width: 360, height: 740 } }, async (context) => {
    const page = await openApp(context, `${server.url}console.html`);
    await page.locator("#result-files").setInputFiles([join(out, "campaign.json"), ...results, forgedPath]);
    // Every file checked (the report is drawn again as each arrives).
    await page.waitForFunction((count) => document.querySelectorAll(".verdicts li").length === count, results.length + 1);
    await page.locator(".subject-report").waitFor();
    assert.match(await page.locator(".campaign-loaded").textContent(), /campagne « 360 Ouagadougou », 6 invitations/);
    // The outsider's result is valid (well signed) and set aside, with the reason.
    const setAside = (await page.locator(".set-aside li").allTextContents()).map((t) => t.replace(/\s+/g, " "));
    assert.deepEqual(setAside, ["outsider.json — ne répond à aucune invitation : seules comptent les réponses des personnes invitées."]);
    // Completion: Mariam is still awaited. On a phone the rows are stacked, each cell saying
    // which column it is.
    const completion = await page.locator(".completion-table tbody tr").evaluateAll((rows) =>
      rows.map((row) =>
        [...row.querySelectorAll("th, td")].map((c) => {
          // The column's name, drawn before the value where rows are stacked.
          const label = getComputedStyle(c, "::before").content.replace(/^"(.*)"$|^none$/, "$1");
          return `${label}${c.innerText}`.replace(/\s+/g, " ").trim();
        }),
      ),
    );
    assert.deepEqual(completion, [
      ["Awa Traoré (M-1024)", "Rôle : Auto-évaluation", "Réponses : 1 sur 1", "En attente : —"],
      ["Awa Traoré (M-1024)", "Rôle : Supérieur hiérarchique", "Réponses : 1 sur 1", "En attente : —"],
      ["Awa Traoré (M-1024)", "Rôle : Pairs", "Réponses : 3 sur 4", "En attente : Mariam Cissé"],
    ]);
    // No caption, heading or cell squeezed to a few letters a line.
    const narrow = await page.evaluate(() =>
      [...document.querySelectorAll(".completion caption, .completion tbody th, .completion tbody td, .reports h1, .reports h2")]
        .filter((e) => e.getBoundingClientRect().width < 80)
        .map((e) => e.textContent.slice(0, 30)),
    );
    assert.deepEqual(narrow, []);
    // The report: three invited peers (integrity 1, 2, 2), not the outsider's 4.
    assert.match(await page.locator(".subject-report .binding").textContent(), /Campagne « 360 Ouagadougou » : seules comptent les réponses des personnes invitées/);
    const integrity = await page.locator("table.report-table tbody tr", { hasText: "Intégrité" }).locator("td").allTextContents();
    assert.ok(integrity.some((cell) => /^1,67 n = 3/.test(cell.replace(/\s+/g, " "))), integrity.join(" | "));
    assert.equal(await page.getByText("Forged words.").count(), 0);
    // "Forces cachées : Aucune force cachée." (it said "Aucun.", which does not agree).
    assert.match(await page.locator(".subject-report").textContent(), /Forces cachées\s*Aucune force cachée\./);
    await page.screenshot({ path: join(SCREENSHOTS, "campaign-results-360.png"), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the results screen scrolls sideways by ${overflow}px at 360px`);
    await expectAccessible(page, "results with a campaign");

    // Completion is HR's: it is not printed with the reports a person may be shown.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".completion").isVisible(), false);
    assert.equal(await page.locator(".subject-report .binding").isVisible(), true);
    assert.deepEqual(page.errors, []);
  });

  // Without the campaign file, the same results are a quick look that says so, in print too.
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, `${server.url}console.html`);
    await page.locator("#result-files").setInputFiles([...results, forgedPath]);
    await page.waitForFunction((count) => document.querySelectorAll(".verdicts li").length === count, results.length + 1);
    await page.locator(".subject-report").waitFor();
    await page.emulateMedia({ media: "print" });
    const warning = page.locator(".subject-report .binding.notice-warning");
    assert.equal(await warning.isVisible(), true);
    assert.match(await warning.textContent(), /Identités des évaluateurs non vérifiées : aucun fichier de campagne/);
    assert.equal(await page.locator(".completion").count(), 0);
    assert.deepEqual(page.errors, []);
  });
});

test("a campaign for another framework is refused with its reason, in English", async () => {
  const campaign = {
    type: "CompetencyCampaign",
    formatVersion: 1,
    id: "360-other",
    title: "Other",
    framework: { id: "another-framework", version: "9", sha256: "ab".repeat(32) },
    minRaters: 3,
    subjects: [{ id: "M-1", name: "<img src=x onerror=window.__hacked=1>" }],
    invitations: [{ id: "I-1", subject: "M-1", role: "peer", tokenSha256: "cd".repeat(32) }],
  };
  const path = join(scratch, "other-campaign.json");
  await writeFile(path, JSON.stringify(campaign));
  await withBrowser({ locale: "en-GB" }, async (context) => {
    const page = await openApp(context, `${server.url}console.html?lang=en`);
    await page.locator("#result-files").setInputFiles([path]);
    const refused = page.locator(".campaign-refused");
    await refused.waitFor();
    const items = (await refused.locator("li").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
    assert.deepEqual(items, ["$.framework the campaign uses framework another-framework 9, not the one loaded here (or another content of it)."]);
    assert.equal(await page.evaluate(() => window.__hacked), undefined);
    assert.deepEqual(page.errors, []);
  });
});
