// The five screens an officer and HR use most, on the phones they have: 360×740 and 320×640.
// Each is measured (no sideways scroll, nothing squeezed narrower than 80 px, chart text at
// least 12 px, every stacked value labelled) and photographed into target/screenshots/ to be
// looked at.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, answerPage, mkdtemp, openApp, rm, runCli, serveDir, startAssessment, tmpdir, withBrowser } from "./support.mjs";
import { bundledFrameworkReference, resultAboutAwa } from "./signer.mjs";

const SCREENSHOTS = join(ROOT, "target/screenshots");

let server;
let scratch;
before(async () => {
  server = await serveDir();
  scratch = await mkdtemp(join(tmpdir(), "competency-small-"));
  await mkdir(SCREENSHOTS, { recursive: true });
});
after(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

/** What a reader on this screen would find wrong with the page's layout, as sentences. */
function layoutProblems() {
  const problems = [];
  const shown = (e) => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== "hidden";
  };
  const said = (e) => `${e.tagName.toLowerCase()} «${e.textContent.replace(/\s+/g, " ").trim().slice(0, 40)}»`;
  const page = document.documentElement;
  if (page.scrollWidth > window.innerWidth) {
    problems.push(`the page scrolls sideways: ${page.scrollWidth} px in ${window.innerWidth}`);
  }
  for (const e of document.querySelectorAll("td, th, caption, legend, h1, h2, h3, h4")) {
    // A table's header row kept for screen readers only, where rows are stacked.
    const head = e.closest("thead");
    if (head && getComputedStyle(head).position === "absolute") continue;
    if (!shown(e)) continue;
    const width = e.getBoundingClientRect().width;
    if (width < 80) problems.push(`${said(e)} is ${width.toFixed(0)} px wide`);
  }
  for (const text of document.querySelectorAll("svg text")) {
    if (!shown(text)) continue;
    const m = text.getScreenCTM();
    const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b);
    if (size < 12) problems.push(`chart text «${text.textContent}» is ${size.toFixed(1)} px`);
  }
  // A stacked row's name runs across it, above its values.
  for (const name of document.querySelectorAll("tbody th")) {
    const row = name.closest("tr");
    if (!shown(name) || getComputedStyle(row).display === "table-row") continue;
    const [width, across] = [name, row].map((e) => e.getBoundingClientRect().width);
    if (width < across * 0.9) problems.push(`stacked row ${said(name)} is ${width.toFixed(0)} px of ${across.toFixed(0)}`);
  }
  for (const cell of document.querySelectorAll("td")) {
    if (!shown(cell) || getComputedStyle(cell).display === "table-cell") continue;
    const label = getComputedStyle(cell, "::before").content;
    if (!/^".*\S.*"$/.test(label)) problems.push(`stacked ${said(cell)} does not say its column`);
  }
  return problems;
}

/** Measures the page and photographs all of it as `small-<width>-<name>.png`. */
async function check(page, width, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `small-${width}-${name}.png`), fullPage: true });
  assert.deepEqual(await page.evaluate(layoutProblems), [], `${name} at ${width} px`);
}

for (const [width, height] of [
  [360, 740],
  [320, 640],
]) {
  test(`at ${width}×${height}: start, assessment, profile and plan, review, 360 report`, { timeout: 120_000 }, async () => {
    await withBrowser({ locale: "fr-FR", viewport: { width, height } }, async (context) => {
      const page = await openApp(context, server.url);
      await check(page, width, "start");

      await startAssessment(page, { name: "Awa Traoré", subjectId: "M-1024", position: "customs-officer", role: "self" });
      await page.locator("#integrity-trained").check();
      await check(page, width, "assessment");

      const levels = { integrity: "expert", teamwork: "awareness", "customs-law": "awareness" };
      for (;;) {
        await answerPage(page, (_, id) => levels[id] ?? "trained");
        const next = page.locator(".page-nav button.primary");
        const toPlan = /profil/.test(await next.textContent());
        await next.click();
        if (toPlan) break;
        await page.locator("#page-heading:focus").waitFor();
      }
      await page.locator(".plan-page").waitFor();
      await page.locator("#plan-teamwork-box").check();
      await page.locator("#plan-teamwork-level").selectOption("advanced");
      await page.locator("#plan-teamwork-date").fill("2027-06-30");
      await page.locator("#plan-teamwork-date").dispatchEvent("change");
      await page.locator("#plan-teamwork-own").fill("Animer le briefing du matin");
      await page.getByRole("button", { name: "Ajouter" }).click();
      await page.locator(".own-actions li").waitFor();
      await check(page, width, "profile-plan");

      await page.locator(".plan-page .page-nav button.primary").click();
      await page.locator(".review").waitFor();
      await check(page, width, "review");
      assert.deepEqual(page.errors, []);
    });

    const framework = await bundledFrameworkReference(runCli);
    const files = [];
    const results = [
      await resultAboutAwa(framework, "self", { integrity: "expert", teamwork: "awareness" }),
      await resultAboutAwa(framework, "supervisor", { teamwork: "advanced" }, { teamwork: "Anime bien l’équipe du poste de Kidira." }),
      await resultAboutAwa(framework, "peer", { integrity: "awareness", teamwork: "advanced" }, { integrity: "Toujours ponctuelle." }),
      await resultAboutAwa(framework, "peer", { teamwork: "expert" }),
      await resultAboutAwa(framework, "peer", { teamwork: "expert", communication: "advanced" }),
    ];
    for (const [i, result] of results.entries()) {
      const path = join(scratch, `${width}-${i}.json`);
      await writeFile(path, JSON.stringify(result));
      files.push(path);
    }
    await withBrowser({ locale: "fr-FR", viewport: { width, height } }, async (context) => {
      const page = await openApp(context, `${server.url}console.html`);
      await page.locator("#result-files").setInputFiles(files);
      await page.locator(".subject-report h2", { hasText: "Awa Traoré" }).waitFor();
      await check(page, width, "report");
      assert.deepEqual(page.errors, []);
    });
  });
}
