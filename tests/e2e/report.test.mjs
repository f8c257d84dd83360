// From answers to decisions: a self-assessment with a development plan, exported, then loaded
// in the HR screen with four results signed here by other raters; the 360 report's figures,
// its exports, its PDF print, and its accessibility.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  ROOT,
  answerPage,
  expectAccessible,
  mkdtemp,
  openApp,
  rm,
  runCli,
  serveDir,
  tmpdir,
  withBrowser,
} from "./support.mjs";
import { CUSTOMS_OFFICER, bundledFrameworkReference, resultAboutAwa } from "./signer.mjs";

let server;
let scratch;
before(async () => {
  server = await serveDir();
  scratch = await mkdtemp(join(tmpdir(), "competency-report-"));
});
after(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

/** Awa's own levels: well above in integrity, below in teamwork and customs law. */
const OWN = { integrity: "expert", teamwork: "awareness", "customs-law": "awareness" };

const HOSTILE = `<img src=x onerror="window.__hacked=1"><script>window.__hacked=2</script>`;

/** The cells of the report table's row for `name`, as text. */
async function rowCells(page, name) {
  const row = page.locator("table.report-table tbody tr", { hasText: name });
  const cells = await row.locator("th, td").allTextContents();
  return cells.map((c) => c.replace(/\s+/g, " ").trim());
}

test("a self-assessment with a plan, four results signed here, and the 360 report", { timeout: 180_000 }, async () => {
  await withBrowser({ locale: "fr-FR", acceptDownloads: true }, async (context) => {
    const page = await openApp(context, `${server.url}?name=Awa%20Traor%C3%A9&subject=M-1024&position=customs-officer&role=self&screens=assessment,framework,results`);
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs += 1;
      dialog.dismiss();
    });

    // Every page, then the profile and plan step.
    await page.locator("fieldset.rating").first().waitFor();
    for (;;) {
      await answerPage(page, (_, id) => OWN[id] ?? "trained");
      const next = page.locator(".page-nav button.primary");
      const toPlan = /profil/.test(await next.textContent());
      await next.click();
      if (toPlan) break;
      await page.locator("#page-heading:focus").waitFor();
    }
    await page.locator(".plan-page").waitFor();

    // The profile: integrity two levels above what the position requires; the critical
    // gap (customs law) before the other one (teamwork).
    const integrity = await page
      .locator(".profile tbody tr", { hasText: "Intégrité et déontologie" })
      .locator("td")
      .allTextContents();
    assert.deepEqual(integrity, ["Expert (4)", "Formé (2)", "+2"]);
    const gaps = (await page.locator(".profile ol li").allTextContents()).map((t) => t.trim());
    assert.equal(gaps.length, 2);
    assert.match(gaps[0], /^Législation et procédures douanières/);
    assert.match(gaps[0], /critique/);
    assert.match(gaps[1], /^Travail en équipe/);
    assert.equal(await page.locator(".profile .chart svg rect").count(), CUSTOMS_OFFICER.length);

    // A plan for teamwork: a resource of the framework, an action of her own, a target.
    await page.locator("#plan-teamwork-box").check();
    await page.locator("#plan-teamwork-level").selectOption("advanced");
    await page.locator("#plan-teamwork-date").fill("2020-01-01");
    await page.locator("#plan-teamwork-date").dispatchEvent("change");
    await page.getByText("La date visée ne peut pas être passée.").waitFor();
    await page.locator("#plan-teamwork-date").fill("2027-06-30");
    await page.locator("#plan-teamwork-date").dispatchEvent("change");
    await page.locator("#plan-teamwork-resource-0").check();
    await page.locator("#plan-teamwork-own").fill(`Animer le briefing du matin ${HOSTILE}`);
    await page.getByRole("button", { name: "Ajouter" }).click();
    await page.locator(".own-actions li", { hasText: "Animer le briefing" }).waitFor();
    await expectAccessible(page, "the profile and plan step");

    // An entry left incomplete blocks the submission, and says so.
    await page.locator("#plan-integrity-box").check();
    await page.locator(".plan-page .page-nav button.primary").click();
    await page.locator(".review").waitFor();
    assert.equal(await page.locator(".submit button.primary").isDisabled(), true);
    await page.getByRole("button", { name: "Compléter le plan" }).click();
    await page.locator("#plan-integrity-box").uncheck();
    await page.locator(".plan-page .page-nav button.primary").click();
    await page.locator(".submit button.primary").click();
    await page.locator(".submitted").waitFor();
    await page.locator(".submitted .plan-list", { hasText: "Animer le briefing du matin" }).waitFor();
    // The target day as French readers write it, not 2027-06-30.
    assert.match(await page.locator(".submitted .plan-list").textContent(), /d’ici le 30 juin 2027/);

    // The signed result carries the plan.
    await page.locator(".export dl").waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Télécharger" }).click(),
    ]);
    const own = join(scratch, "self.json");
    await download.saveAs(own);
    const result = JSON.parse(await readFile(own, "utf8"));
    assert.deepEqual(result.developmentPlan, [
      {
        competency: "teamwork",
        targetLevel: "advanced",
        targetDate: "2027-06-30",
        actions: [
          { source: "framework", text: "Atelier de cohésion d’équipe et de gestion des désaccords" },
          { source: "own", text: `Animer le briefing du matin ${HOSTILE}` },
        ],
      },
    ]);
    const cli = await runCli(["verify", own]);
    assert.equal(cli.code, 0, cli.stderr);

    // Four other raters, signed here: a supervisor and three peers.
    const framework = await bundledFrameworkReference(runCli);
    const others = [
      await resultAboutAwa(framework, "supervisor", { integrity: "trained", teamwork: "advanced" }, { teamwork: `Anime bien l’équipe. ${HOSTILE}` }),
      await resultAboutAwa(framework, "peer", { integrity: "awareness", teamwork: "advanced", communication: "advanced" }, { integrity: "Pair un." }),
      await resultAboutAwa(framework, "peer", { integrity: "trained", teamwork: "expert", communication: "not-observed" }),
      await resultAboutAwa(framework, "peer", { integrity: "trained", teamwork: "expert", communication: "trained" }, { integrity: "Pair trois." }),
    ];
    const files = [own];
    for (const [i, document] of others.entries()) {
      const path = join(scratch, `other-${i}.json`);
      await writeFile(path, JSON.stringify(document, null, 2));
      files.push(path);
    }

    // HR's screens are in the console, a page of its own.
    await page.getByRole("link", { name: "Vérifier des résultats" }).click();
    await page.locator("#result-files").setInputFiles(files);
    await page.locator(".verdicts li").nth(files.length - 1).waitFor();
    await page.locator(".subject-report h2", { hasText: "Awa Traoré" }).waitFor();
    assert.equal(await page.locator(".verdicts li.valid").count(), 5);
    assert.match(await page.locator(".subject-report").textContent(), /Pairs\s*: 3/);

    // Columns: competency, required, self, supervisor, peers, others' mean, gap, finding.
    // Integrity: self 4, supervisor 2, peers 1, 2, 2; others 7 / 4.
    const [, required, self, supervisor, peers, mean, gap, finding] = await rowCells(page, "Intégrité et déontologie");
    assert.deepEqual([required, self, supervisor, mean, gap, finding], ["2", "4 n = 1", "2 n = 1", "1,75", "−0,25", "Angle mort"]);
    assert.equal(peers, "1,67 n = 3 · 1–2");
    // Teamwork: self 1, supervisor 3, peers 3, 4, 4; others 14 / 4.
    const teamwork = await rowCells(page, "Travail en équipe");
    assert.equal(teamwork[4], "3,67 n = 3 · 3–4");
    assert.deepEqual(teamwork.slice(5), ["3,5", "+1,5", "Force cachée"]);
    // Communication: only two peers gave a level (one did not observe it): no peer figure,
    // and the others' mean is the supervisor's alone.
    const communication = await rowCells(page, "Communication");
    assert.deepEqual(communication.slice(1), ["1", "2 n = 1", "2 n = 1", "", "2", "+1", ""]);

    // Comments without authors; hostile text shown as text, never run.
    const report = page.locator(".subject-report");
    assert.match(await report.locator(".comments").first().textContent(), /Pairs \(commentaire\)\s*:\s*Pair trois\./);
    await report.locator(".comments li", { hasText: "Anime bien l’équipe." }).waitFor();
    assert.ok((await report.locator(".comments").allTextContents()).join(" ").includes(HOSTILE));
    assert.ok((await report.locator(".plan-list").textContent()).includes(HOSTILE));
    assert.equal(await report.locator("img, script").count(), 0);
    assert.equal(await page.evaluate(() => window.__hacked), undefined);
    assert.equal(dialogs, 0);
    await expectAccessible(page, "the HR screen with a 360 report");

    // Exports.
    const [csvDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Exporter en CSV" }).click(),
    ]);
    const csv = await readFile(await csvDownload.path(), "utf8");
    // For French spreadsheets: a byte order mark, semicolons, decimal commas.
    assert.ok(csv.startsWith("\uFEFFsubject_id;"));
    const lines = csv.slice(1).trim().split("\r\n");
    const header = lines[0].split(";");
    const integrityLine = lines.find((l) => l.includes(";integrity;")).split(";");
    assert.equal(integrityLine[header.indexOf("peers_mean")], "1,67");
    assert.equal(integrityLine[header.indexOf("finding")], "blind-spot");
    const [jsonDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Exporter en JSON" }).click(),
    ]);
    const json = JSON.parse(await readFile(await jsonDownload.path(), "utf8"));
    assert.equal(json.type, "CompetencyReport");
    assert.equal(json.subjects[0].raters.peer, 3);
    assert.ok(!JSON.stringify(json).includes("did:key"), "the report names no rater's key");

    // Printed to PDF on A4, the report keeps the person's and the competencies' names.
    // Kept beside the screenshots, to be looked at.
    await mkdir(join(ROOT, "target/screenshots"), { recursive: true });
    const pdf = join(ROOT, "target/screenshots/report-print.pdf");
    await page.pdf({ path: pdf, format: "A4" });
    const { stdout: text } = await promisify(execFile)("pdftotext", ["-layout", pdf, "-"]);
    for (const expected of ["Awa Traoré", "Intégrité et déontologie", "Travail en équipe", "Législation et procédures douanières", "Angle mort"]) {
      assert.ok(text.includes(expected), `the PDF has “${expected}”`);
    }
    assert.ok(!text.includes("Vérifier des résultats"), "the PDF leaves the navigation out");
    // One person on two A4 pages at most, and no table header left alone at a page's foot.
    const { stdout: info } = await promisify(execFile)("pdfinfo", [pdf]);
    const pages = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
    assert.ok(pages <= 2, `one person's report prints on ${pages} pages`);
    const pageTexts = text.split("\f").filter((t) => t.trim());
    for (const [n, pageText] of pageTexts.entries()) {
      const last = pageText.trimEnd().split("\n").at(-1);
      assert.ok(!/Compétence\s+Niveau requis/.test(last), `page ${n + 1} ends on a table header`);
    }
    assert.deepEqual(page.errors, []);
  });
});

test("two peers stay hidden, in the report and in the exports", { timeout: 120_000 }, async () => {
  await withBrowser({ locale: "en-GB", acceptDownloads: true }, async (context) => {
    // HR's page: the results screen is offered only when the configuration lists it.
    const page = await openApp(context, `${server.url}console.html?lang=en`);
    const framework = await bundledFrameworkReference(runCli);
    const documents = [
      await resultAboutAwa(framework, "supervisor", { integrity: "advanced" }),
      await resultAboutAwa(framework, "peer", { integrity: "awareness" }, { integrity: "Only peer one wrote this." }),
      await resultAboutAwa(framework, "peer", { integrity: "awareness" }),
    ];
    const files = [];
    for (const [i, document] of documents.entries()) {
      const path = join(scratch, `two-peers-${i}.json`);
      await writeFile(path, JSON.stringify(document));
      files.push(path);
    }
    // The same supervisor's file twice: counted once, and said.
    files.push(files[0]);
    await page.locator("#result-files").setInputFiles(files);
    await page.locator(".verdicts li").nth(files.length - 1).waitFor();
    await page.locator(".subject-report").waitFor();
    const report = await page.locator(".reports").textContent();
    assert.match(report, /Not shown, to keep raters anonymous \(fewer than 3 raters\): Peers\./);
    assert.match(report, /two-peers-0.json — the same result as two-peers-0.json/);
    assert.ok(!report.includes("Only peer one"));
    const cells = await rowCells(page, "Integrity and ethics");
    // Competency, required, supervisor, others' mean (the supervisor's alone), gap, finding.
    assert.deepEqual(cells.slice(1), ["2", "3 n = 1", "3", "+1", ""]);
    const [csvDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export as CSV" }).click(),
    ]);
    const csv = await readFile(await csvDownload.path(), "utf8");
    assert.ok(!csv.includes("peer one"));
    const [header, line] = csv.replace(/^\uFEFF/, "").split("\r\n").map((l) => l.split(","));
    const cell = (name) => line[header.indexOf(name)];
    assert.deepEqual(
      ["supervisor_mean", "peers_mean", "peers_raters", "all_others_mean", "gap"].map(cell),
      ["3", "", "", "3", "1"],
    );
    await expectAccessible(page, "the HR screen with hidden groups, in English");
    assert.deepEqual(page.errors, []);
  });
});
