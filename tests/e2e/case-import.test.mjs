// HR's CASE import on the framework screen: a package without a rubric, the proficiency scale
// HR chooses for it, what the import assumed, and the framework downloaded; the module is
// fetched only when HR opens the import, never by an officer's page.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, ROOT, expectAccessible, openApp, runCli, serveDir, withBrowser } from "./support.mjs";

/** A French package without a rubric, as a CASE editor exports one. */
const PACKAGE = join(ROOT, "crates/case-import/fixtures/controle-sans-grille.json");
const SCREENSHOTS = join(ROOT, "target/screenshots");
const MODULE = "competency-case-import";

let server;
let scratch;
before(async () => {
  server = await serveDir();
  scratch = await mkdtemp(join(tmpdir(), "competency-case-import-"));
});
after(async () => {
  server.close();
  await rm(scratch, { recursive: true, force: true });
});

/** The addresses of the page's loaded resources whose name contains `part`. */
const fetched = (page, part) =>
  page.evaluate((part) => performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.includes(part)), part);

/** Opens the framework screen of HR's console, and the import form. */
async function openImport(context, lang = "fr") {
  const page = await openApp(context, `${server.url}console.html?lang=${lang}`);
  await page.getByRole("button", { name: { fr: "Référentiel", en: "Framework" }[lang], exact: true }).click();
  assert.deepEqual(await fetched(page, MODULE), [], "the module is fetched before HR opens the import");
  await page
    .getByRole("button", { name: { fr: "Ouvrir l’import de paquets CASE", en: "Open the CASE package import" }[lang] })
    .click();
  await page.locator("#case-package").waitFor();
  assert.ok((await fetched(page, MODULE)).length > 0, "the module was fetched on opening");
  return page;
}

const outcome = (page) => page.locator(".case-import-outcome");

/** A locator's text, its no-break spaces (French spacing) read as spaces. */
const text = async (locator) => (await locator.textContent()).trim().replace(/\u00a0/g, " ");
const texts = async (locator) => (await locator.allTextContents()).map((t) => t.replace(/\u00a0/g, " "));

test("a package without a rubric: refused without a scale, imported with the bundled one", async () => {
  await withBrowser({ locale: "fr-FR", acceptDownloads: true }, async (context) => {
    const page = await openImport(context);
    await page.locator("#case-package").setInputFiles(PACKAGE);

    await page.getByRole("radio", { name: /^Aucune/ }).check();
    await page.getByRole("button", { name: "Importer", exact: true }).click();
    await outcome(page).getByRole("alert").waitFor();
    assert.equal(
      await text(outcome(page)),
      "Aucun des 5 éléments du paquet n’a de niveaux de maîtrise (pas de critère de grille CFRubric " +
        "avec des niveaux) : choisissez l’échelle de maîtrise à supposer.",
    );

    await page.getByRole("radio", { name: "Celle du référentiel fourni avec l’application" }).check();
    await page.getByRole("button", { name: "Importer", exact: true }).click();
    const summary = outcome(page).locator(".notice > p").first();
    await summary.waitFor();
    assert.equal(
      await text(summary),
      "« Compétences du contrôle douanier » : 2 groupes, 3 compétences, 4 niveaux de maîtrise.",
    );
    const losses = await texts(outcome(page).locator(".case-import-losses li"));
    assert.equal(losses.length, 2, losses.join("\n"));
    assert.match(losses[0], /^Le paquet n’a pas de grille, donc pas de niveaux de maîtrise : l’échelle du référentiel fourni avec l’application a été supposée \(4 niveaux : awareness, trained, advanced, expert\)/);

    await page.setViewportSize({ width: 360, height: 740 });
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.locator(".case-import").screenshot({ path: join(SCREENSHOTS, "case-import-360.png") });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than a 360 px phone`);
    await expectAccessible(page, "CASE import");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      outcome(page).getByRole("link", { name: "Télécharger le référentiel (JSON)" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "6f1c2a40-0000-4000-8000-000000000001-2026.1.json");
    const saved = join(scratch, "imported.json");
    await download.saveAs(saved);
    const framework = JSON.parse(await readFile(saved, "utf8"));
    assert.deepEqual(
      framework.competencies.map((c) => c.id),
      ["CTRL.1", "CTRL.2", "ETH.1"],
    );
    assert.deepEqual(framework.levels.map((l) => l.label.fr), ["Notions", "Formé", "Confirmé", "Expert"]);
    // HR's command-line tool accepts the file as it is.
    const validated = await runCli(["validate", saved]);
    assert.equal(validated.code, 0, validated.stdout + validated.stderr);
    assert.deepEqual(page.errors, []);
  });
});

test("another framework's scale: refused while that framework is broken, then assumed", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openImport(context);
    await page.locator("#case-package").setInputFiles(PACKAGE);
    await page.getByRole("radio", { name: /^Celle d’un autre référentiel/ }).check();

    await page.getByRole("button", { name: "Importer", exact: true }).click();
    await outcome(page).getByRole("alert").waitFor();
    assert.equal(
      await text(outcome(page)),
      "Choisissez le fichier du référentiel dont l’échelle est à supposer.",
    );

    const broken = join(scratch, "echelle-cassee.json");
    await writeFile(broken, JSON.stringify({ formatVersion: 1, id: "échelle" }));
    await page.getByLabel("Référentiel dont l’échelle est à supposer (fichier JSON)").setInputFiles(broken);
    await page.getByRole("button", { name: "Importer", exact: true }).click();
    await outcome(page).getByRole("alert").locator("li").first().waitFor();
    const alert = outcome(page).getByRole("alert");
    assert.equal(
      await text(alert.locator("p")),
      "Le fichier choisi pour l’échelle n’est pas un référentiel valide :",
    );
    // The problems are worded by the page's own framework reader, in French, with their paths.
    const problems = await texts(alert.locator("li"));
    assert.ok(
      problems.includes("$.id « échelle » n’est pas un identifiant valide (lettres, chiffres, -, _ et . seulement)"),
      problems.join("\n"),
    );
    assert.ok(problems.includes("$ Le champ « version » manque"), problems.join("\n"));

    const scale = {
      formatVersion: 1,
      id: "echelle-3",
      version: "1",
      defaultLanguage: "fr",
      languages: ["fr"],
      title: { fr: "Échelle à trois niveaux" },
      levels: [
        { id: "debutant", label: { fr: "Débutant" } },
        { id: "autonome", label: { fr: "Autonome" } },
        { id: "reference", label: { fr: "Référent" } },
      ],
      groups: [{ id: "g", name: { fr: "G" } }],
      competencies: [
        {
          id: "c",
          group: "g",
          name: { fr: "C" },
          definition: { fr: "C" },
          indicators: { debutant: [{ fr: "a" }], autonome: [{ fr: "b" }], reference: [{ fr: "c" }] },
        },
      ],
      positions: [],
    };
    const good = join(scratch, "echelle-3.json");
    await writeFile(good, JSON.stringify(scale));
    await page.locator("#case-scale-framework").setInputFiles(good);
    await page.getByRole("button", { name: "Importer", exact: true }).click();
    await outcome(page).locator(".case-import-losses").waitFor();
    assert.equal(
      await text(outcome(page).locator(".notice > p").first()),
      "« Compétences du contrôle douanier » : 2 groupes, 3 compétences, 3 niveaux de maîtrise.",
    );
    assert.match(
      await text(outcome(page).locator(".case-import-losses li").first()),
      /l’échelle du référentiel echelle-3 \(version 1\) a été supposée \(3 niveaux : debutant, autonome, reference\)/,
    );
    assert.deepEqual(page.errors, []);
  });
});

test("a hostile package stays text; what is not a package is said in English too", async () => {
  const hostile = JSON.parse(await readFile(PACKAGE, "utf8"));
  const payload = `<img src=x onerror="window.pwned=1">`;
  hostile.CFDocument.title = payload;
  hostile.CFItems[1].humanCodingScheme = `<script>window.pwned=2</script>`;
  const file = join(scratch, "hostile.json");
  await writeFile(file, JSON.stringify(hostile));
  const notPackage = join(scratch, "not-a-package.json");
  await writeFile(notPackage, "[1, 2]");

  await withBrowser({ locale: "en-GB" }, async (context) => {
    const page = await openImport(context, "en");
    await page.locator("#case-package").setInputFiles(notPackage);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await outcome(page).getByRole("alert").waitFor();
    assert.equal(
      await text(outcome(page)),
      "Not a CASE package: expected a CFPackage object, found an array.",
    );

    await page.locator("#case-package").setInputFiles(file);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await outcome(page).locator(".case-import-losses").waitFor();
    assert.equal(
      await text(outcome(page).locator(".notice > p").first()),
      `“${payload}”: 2 groups, 3 competencies, 4 proficiency levels.`,
    );
    assert.equal(await outcome(page).locator("img, script").count(), 0);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.deepEqual(page.errors, []);
  });
});

test("a failed download of the import is said, and a second press fetches it again", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, `${server.url}console.html`);
    await page.getByRole("button", { name: "Référentiel", exact: true }).click();
    // The network drops the module's script once.
    let refused = 0;
    await page.route(/competency-case-import\.js/, (route) => {
      refused += 1;
      return refused === 1 ? route.abort("internetdisconnected") : route.continue();
    });
    const open = page.getByRole("button", { name: "Ouvrir l’import de paquets CASE" });
    await open.click();
    const alert = page.locator(".case-import [role=alert]");
    await alert.waitFor();
    assert.equal(
      (await alert.textContent()).replace(/\u00a0/g, " "),
      "L’outil n’a pas pu être chargé. Vérifiez la connexion, puis réessayez.",
    );
    await open.click();
    await page.locator("#case-package").waitFor();
    assert.equal(refused, 2);
    assert.equal(await page.locator(".case-import [role=alert]").count(), 0);
    // The browser's console reports the failed fetch; nothing else went wrong.
    assert.deepEqual(page.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
  });
});

test("an officer's page has no import, and never fetches it or HR's console", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, `${server.url}?screens=assessment,framework,results&minRaters=5`);
    await page.getByRole("button", { name: "Référentiel", exact: true }).click();
    await page.locator("#competencies").waitFor();
    assert.equal(await page.locator(".case-import").count(), 0);
    // HR's screens, when the address asks for them, are a link to the console, which shares
    // the smallest group a report shows.
    const link = new URL(await page.getByRole("link", { name: "Vérifier des résultats" }).getAttribute("href"));
    assert.equal(link.pathname, "/console.html");
    assert.deepEqual(Object.fromEntries(link.searchParams), { lang: "fr", minRaters: "5" });
    assert.deepEqual(await fetched(page, MODULE), []);
    assert.deepEqual(await fetched(page, "competency-console"), []);
    // Nor does the service worker download them for the officer in the background.
    const worker = await readFile(join(DIST, "sw.js"), "utf8");
    for (const file of ["console.html", "competency-console", MODULE]) {
      assert.ok(!worker.includes(file), `sw.js precaches ${file}`);
    }
    assert.deepEqual(page.errors, []);
  });
});
