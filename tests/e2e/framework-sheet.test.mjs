// HR writes a framework in a spreadsheet, in the console: the framework on screen downloaded as
// a workbook and read back; a LibreOffice workbook with two mistakes, both shown with their
// sheet, row and column; the same workbook fixed, downloaded as JSON, and loaded by the widget.
// The tools' module is fetched only when HR opens them.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, expectAccessible, openApp, runCli, serveDir, withBrowser } from "./support.mjs";
import { ods } from "./ods.mjs";
import { BUNDLED_FRAMEWORK } from "./signer.mjs";

const SCREENSHOTS = join(ROOT, "target/screenshots");
const MODULE = "competency-sheet-screen";

let widget;
let portal;
let scratch;
before(async () => {
  portal = await serveDir(undefined, { portal: true });
  widget = await serveDir(undefined, { cors: portal.origin });
  portal.allow(widget.origin);
  scratch = await mkdtemp(join(tmpdir(), "competency-framework-sheet-"));
});
after(async () => {
  await widget.close();
  await portal.close();
  await rm(scratch, { recursive: true, force: true });
});

const fetched = (page, part) =>
  page.evaluate((part) => performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.includes(part)), part);

/** A locator's texts, no-break spaces (French spacing) read as spaces. */
const texts = async (locator) => (await locator.allTextContents()).map((t) => t.replace(/\u00a0/g, " ").trim());

/** Opens the console's framework screen and the spreadsheet tools. */
async function openSheet(context) {
  const page = await openApp(context, `${widget.url}console.html?lang=fr`);
  await page.getByRole("button", { name: "Référentiel", exact: true }).click();
  await page.getByRole("heading", { name: "Le référentiel dans un tableur" }).waitFor();
  assert.deepEqual(await fetched(page, MODULE), [], "the module is fetched before HR opens the tools");
  await page.getByRole("button", { name: "Ouvrir le classeur du référentiel" }).click();
  await page.locator("#sheet-workbook").waitFor();
  return page;
}

const outcome = (page) => page.locator(".sheet-import-outcome");

/** A small framework in French and English, sheet by sheet, as HR would write it. */
function sheets({ serviceEn = "Service", critical = "oui" } = {}) {
  return [
    ["Instructions", [["Mode d’emploi"]]],
    ["Cadre", [["champ", "valeur"], ["id", "bureau-frontiere"], ["version", 2], ["langue_par_defaut", "fr"], ["langues", "fr, en"], ["titre_fr", "Référentiel du bureau frontière"], ["titre_en", "Border office framework"]]],
    ["Niveaux", [["id", "libelle_fr", "libelle_en"], ["base", "Notions", "Awareness"], ["expert", "Expert", "Expert"]]],
    ["Groupes", [["id", "nom_fr", "nom_en"], ["coeur", "Cœur de métier", "Core"]]],
    ["Compétences", [
      ["id", "groupe", "nom_fr", "nom_en", "definition_fr", "definition_en"],
      ["integrite", "coeur", "Intégrité au poste frontière", "Integrity at the border post", "Agir avec probité.", "Act with probity."],
      ["accueil", "coeur", "Accueil des voyageurs", serviceEn, "Servir l’usager.", "Serve the public."],
    ]],
    ["Indicateurs", [
      ["competence", "niveau", "texte_fr", "texte_en"],
      ["integrite", "base", "Connaît le code.", "Knows the code."],
      ["integrite", "expert", "Forme les autres.", "Trains others."],
      ["accueil", "base", "Salue l’usager.", "Greets the public."],
      ["accueil", "expert", "Gère les litiges.", "Handles disputes."],
    ]],
    ["Ressources", [["competence", "type", "titre_fr", "titre_en", "lien", "duree_heures"], ["integrite", "course", "Déontologie", "Ethics", "https://example.org/e", 6]]],
    ["Postes", [["id", "titre_fr", "titre_en"], ["verificateur", "Vérificateur", "Inspector"]]],
    ["Exigences", [["poste", "competence", "niveau", "critique"], ["verificateur", "integrite", "expert", critical]]],
  ];
}

test("the framework on screen becomes a workbook, which reads back as the same framework", async () => {
  await withBrowser({ locale: "fr-FR", acceptDownloads: true }, async (context) => {
    const page = await openSheet(context);
    assert.ok((await fetched(page, MODULE)).length > 0, "the module was fetched on opening");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Télécharger ce référentiel en classeur (XLSX)" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "customs-competencies-1.0.0.xlsx");
    const saved = join(scratch, "referentiel.xlsx");
    await download.saveAs(saved);

    // HR's command-line tool reads the browser's workbook as the bundled framework.
    const json = join(scratch, "from-browser.json");
    const imported = await runCli(["framework", "import", saved, json]);
    assert.equal(imported.code, 0, imported.stdout + imported.stderr);
    const bundled = await runCli(["convert", "--from", "native", "--to", "native", BUNDLED_FRAMEWORK, "-"]);
    assert.equal(bundled.code, 0, bundled.stderr);
    assert.deepEqual(JSON.parse(await readFile(json, "utf8")), JSON.parse(bundled.stdout));

    await page.locator("#sheet-workbook").setInputFiles(saved);
    const summary = outcome(page).locator(".notice > p");
    await summary.waitFor();
    assert.deepEqual(await texts(summary), [
      "« Référentiel de compétences des douanes (modèle par défaut) » : 4 groupes, 25 compétences, 4 niveaux de maîtrise.",
    ]);
    assert.deepEqual(page.errors, []);
  });
});

test("a workbook with two mistakes: both shown at their places; fixed, it gives a framework the widget loads", async () => {
  const broken = join(scratch, "referentiel-errone.ods");
  await writeFile(broken, ods(sheets({ serviceEn: "", critical: "peut-être" })));
  const fixed = join(scratch, "referentiel.ods");
  await writeFile(fixed, ods(sheets()));
  let framework;
  await withBrowser({ locale: "fr-FR", acceptDownloads: true }, async (context) => {
    const page = await openSheet(context);
    await page.locator("#sheet-workbook").setInputFiles(broken);
    const alert = outcome(page).getByRole("alert");
    await alert.locator("li").first().waitFor();
    assert.deepEqual(await texts(alert.locator("p")), ["Ce classeur a 2 problèmes :"]);
    assert.deepEqual(await texts(alert.locator("li")), [
      "Compétences, ligne 3, colonne nom_en : Le texte en « en » est vide",
      "Exigences, ligne 2, colonne critique : « peut-être » : écrivez oui ou non",
    ]);

    await mkdir(SCREENSHOTS, { recursive: true });
    await page.locator(".sheet-import").screenshot({ path: join(SCREENSHOTS, "framework-sheet-problems.png") });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.locator(".sheet-import").screenshot({ path: join(SCREENSHOTS, "framework-sheet-problems-360.png") });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than a 360 px phone`);
    await expectAccessible(page, "the spreadsheet tools");

    await page.locator("#sheet-workbook").setInputFiles(fixed);
    const summary = outcome(page).locator(".notice > p");
    await summary.waitFor();
    assert.deepEqual(await texts(summary), [
      "« Référentiel du bureau frontière » : 1 groupe, 2 compétences, 2 niveaux de maîtrise.",
    ]);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      outcome(page).getByRole("link", { name: "Télécharger le référentiel (JSON)" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "bureau-frontiere-2.json");
    const saved = join(scratch, "bureau-frontiere.json");
    await download.saveAs(saved);
    framework = JSON.parse(await readFile(saved, "utf8"));
    const validated = await runCli(["validate", saved]);
    assert.equal(validated.code, 0, validated.stdout + validated.stderr);
    assert.deepEqual(page.errors, []);
  });

  // The widget, in a portal's page, loads the framework HR wrote.
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await context.newPage();
    const search = new URLSearchParams({ widget: widget.url, configs: "[]" });
    await page.goto(`${portal.url}public/examples/script-mount.html?${search}`);
    await page.waitForFunction(() => window.mountWidget);
    await page.evaluate(
      (framework) =>
        window.mountWidget({
          configVersion: 1,
          framework: { inline: framework },
          subject: { name: "Awa Traoré" },
          rater: { role: "self" },
        }),
      framework,
    );
    const root = page.locator("#widget-0");
    await root.locator("fieldset.rating").first().waitFor();
    const legends = await texts(root.locator("fieldset.rating legend"));
    assert.ok(legends.some((l) => l.includes("Intégrité au poste frontière")), legends.join("\n"));
    assert.ok(legends.some((l) => l.includes("Accueil des voyageurs")), legends.join("\n"));
  });
});
