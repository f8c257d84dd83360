// Shared computers, as at a border post: one browser profile, one person after another. A
// rating of someone else leaves only a receipt once it is safely out (the portal has it, or
// the rater saved its file): the next person at the keyboard, who may be the person rated,
// finds neither its comments nor its levels, in the page or in the raw storage.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  ROOT,
  answerPage,
  completeAssessment,
  expectAccessible,
  openApp,
  serveDir,
  startReceiver,
  storedText,
  withBrowser,
} from "./support.mjs";

const SCREENSHOTS = join(ROOT, "target/screenshots");
const COMMENT = "Oublie de viser les carnets TIR, le vendredi surtout";

let server;
before(async () => {
  server = await serveDir();
});
after(() => server.close());

const link = (extra = "") =>
  `${server.url}?name=Awa%20Traor%C3%A9&subject=M-1024&position=customs-officer&role=peer${extra}`;

/** Comments on the first competency, then answers every page ("trained") and submits. */
async function rateAwa(page) {
  await page.locator("fieldset.rating").first().waitFor();
  const first = page.locator("fieldset.rating").first();
  await first.locator("summary").click();
  await first.locator("textarea").first().fill(COMMENT);
  await answerPage(page, () => "trained");
  await completeAssessment(page, () => "trained");
}

/** The receipt on the start screen: its lines of text. */
const receipt = async (page) => (await page.locator(".receipts li").allTextContents()).map((t) => t.replace(/\s+/g, " "));

test("a peer's rating the portal received leaves only a receipt, in the page and in the raw storage", { timeout: 120_000 }, async () => {
  const receiver = await startReceiver(() => ({ status: 201, body: "ok" }));
  try {
    await withBrowser({ locale: "fr-FR", viewport: { width: 360, height: 780 } }, async (context) => {
      const page = await openApp(context, link(`&upload=${encodeURIComponent(receiver.url)}`));
      await rateAwa(page);
      await page.locator(".out-notice").waitFor({ timeout: 20_000 });
      assert.equal(receiver.received.length, 1);
      assert.ok(receiver.received[0].includes(COMMENT), "the portal has the answers");
      assert.match(await page.locator(".out-notice").textContent(), /évaluation de Awa Traoré est transmise/);

      const stored = await storedText(page);
      assert.ok(stored.includes("competency-widget.receipt."), "a receipt is kept");
      assert.ok(!stored.includes(COMMENT), "no comment in localStorage or IndexedDB");
      assert.ok(!stored.includes("trained"), "no level either");
      const [line] = await receipt(page);
      assert.match(line, /Awa Traoré · Collègue/);
      assert.match(line, /Reçue par le portail le .* · empreinte [0-9A-F]{4}-[0-9A-F]{4}/);
      assert.equal(await page.locator(".draft-list .draft:not(.receipt)").count(), 0, "no draft to open");
      await page.screenshot({ path: join(SCREENSHOTS, "receipt-360.png"), fullPage: true });
      await expectAccessible(page, "the start screen with a receipt");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the start screen scrolls sideways by ${overflow}px at 360px`);

      // The same link, opened again by whoever sits down next: the receipt, no answers and
      // no second, empty rating.
      const again = await openApp(context, link(`&upload=${encodeURIComponent(receiver.url)}`));
      await again.locator(".out-notice").waitFor();
      assert.equal(await again.locator("fieldset.rating").count(), 0);
      assert.ok(!(await again.locator("#app").textContent()).includes(COMMENT));
      assert.deepEqual([...page.errors, ...again.errors], []);
    });
  } finally {
    await receiver.close();
  }
});

test("without an upload, the answers stay until the rater saves the file; then only the receipt", { timeout: 120_000 }, async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, link());
    await rateAwa(page);
    await page.locator(".export dl").waitFor();
    assert.match(await page.locator(".receipt-note").textContent(), /n’en garde qu’un reçu/);
    // Not out yet: a reload must not lose it.
    const before = await storedText(page);
    assert.ok(before.includes(COMMENT), "the answers are kept until the file is saved");
    assert.ok(before.includes("trained"), "and their levels");
    assert.ok(before.includes("competency-widget.result."), "and the signed result");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Télécharger le fichier" }).click(),
    ]);
    const saved = JSON.parse(await readFile(await download.path(), "utf8"));
    assert.ok(JSON.stringify(saved).includes(COMMENT), "the rater's copy is the file");
    await page.locator(".out-notice").waitFor();

    const stored = await storedText(page);
    assert.ok(!stored.includes(COMMENT));
    assert.ok(!stored.includes("trained"));
    assert.ok(!stored.includes("competency-widget.result."), "no signed result kept");
    const [line] = await receipt(page);
    assert.match(line, /Awa Traoré · Collègue/);
    assert.match(line, /Fichier enregistré le/);

    // After a reload, as the next person finds it.
    await page.reload();
    await page.locator(".receipts li").waitFor();
    assert.ok(!(await page.locator("#app").textContent()).includes(COMMENT));
    assert.deepEqual(page.errors, []);
  });
});

test("shared device: a draft sealed with a code, a list without names, a wrong code that opens nothing, the idle lock", { timeout: 180_000 }, async () => {
  await withBrowser({ locale: "fr-FR", viewport: { width: 360, height: 780 } }, async (context) => {
    const page = await openApp(context, `${server.url}?shared=true&idleLockSeconds=10`);
    await page.locator("#subject-name").fill("Awa Traoré");
    await page.locator("#position").selectOption("customs-officer");
    await page.locator("#role-peer").check();
    assert.match(await page.locator(".code-fields").textContent(), /si vous l’oubliez, cette évaluation est perdue/);
    // Too short, then typed differently: said, nothing started.
    await page.locator("#lock-code").fill("abc");
    await page.locator("#lock-code-again").fill("abc");
    await page.locator("form button[type=submit]").click();
    await page.locator("#lock-code-error", { hasText: "au moins 6 caractères" }).waitFor();
    await page.locator("#lock-code").fill("sable-42");
    await page.locator("#lock-code-again").fill("sable-24");
    await page.locator("form button[type=submit]").click();
    await page.locator("#lock-code-error", { hasText: "pas les mêmes" }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "lock-code-360.png"), fullPage: true });
    await expectAccessible(page, "the start form with its code");
    await page.locator("#lock-code-again").fill("sable-42");
    await page.locator("form button[type=submit]").click();

    const first = page.locator("fieldset.rating").first();
    await first.waitFor({ timeout: 30_000 });
    const id = (await first.getAttribute("id")).replace(/^competency-/, "");
    await first.locator(`#${id}-expert`).check();
    await first.locator("summary").click();
    await first.locator("textarea").first().fill(COMMENT);
    // The encrypted save follows each change.
    await page.waitForFunction(
      () => Object.keys(localStorage).some((k) => k.startsWith("competency-widget.sealed.")),
    );
    await page.waitForTimeout(500);
    let stored = await storedText(page);
    assert.ok(stored.includes("competency-widget.sealed."), "the draft is kept, sealed");
    for (const clear of [COMMENT, "Awa", "expert", "customs-officer", "competency-widget.draft.", "last-draft"]) {
      assert.ok(!stored.includes(clear), `${clear} is kept in clear`);
    }

    // The next person reloads: a locked entry, no name.
    await page.reload();
    await page.locator(".locked-section li").waitFor();
    assert.ok(!(await page.locator("#app").textContent()).includes("Awa"));
    assert.match(await page.locator(".locked-section li").textContent(), /Évaluation verrouillée · modifiée le/);

    // A wrong code opens nothing and changes nothing.
    await page.getByRole("button", { name: "Déverrouiller" }).click();
    await page.locator("#unlock-code").fill("sable-43");
    const before = await storedText(page);
    await page.getByRole("button", { name: "Ouvrir" }).click();
    await page.locator("#unlock-error", { hasText: "Code incorrect : rien n’a été ouvert ni effacé." }).waitFor({ timeout: 30_000 });
    assert.equal(await storedText(page), before);
    assert.equal(await page.locator("fieldset.rating").count(), 0);
    await page.screenshot({ path: join(SCREENSHOTS, "lock-list-360.png"), fullPage: true });
    await expectAccessible(page, "the locked list asking for a code");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the locked list scrolls sideways by ${overflow}px at 360px`);

    // The right code resumes, answers and all.
    await page.locator("#unlock-code").fill("sable-42");
    await page.getByRole("button", { name: "Ouvrir" }).click();
    await page.locator("fieldset.rating").first().waitFor({ timeout: 30_000 });
    assert.equal(await page.locator(`#${id}-expert`).isChecked(), true);
    assert.equal(await page.locator(`#${id}-comment`).inputValue(), COMMENT);

    // Left alone for the configured 10 seconds, the page locks itself.
    await page.locator(".locked-notice").waitFor({ timeout: 30_000 });
    assert.match(await page.locator(".locked-notice").textContent(), /verrouillée faute d’activité/);
    assert.equal(await page.locator("fieldset.rating").count(), 0);
    assert.ok(!(await page.locator("#app").textContent()).includes(COMMENT));
    await page.locator(".locked-section li").waitFor();

    // Its code forgotten, it can be deleted: that draft alone.
    stored = await storedText(page);
    assert.ok(stored.includes("competency-widget.sealed."));
    await page.getByRole("button", { name: "Code oublié ?" }).click();
    await page.getByRole("button", { name: "Oui, supprimer" }).click();
    await page.locator(".locked-section").waitFor({ state: "detached" });
    assert.ok(!(await storedText(page)).includes("competency-widget.sealed."));
    assert.deepEqual(page.errors, []);
  });
});

test("shared device: a portal's link asks for a code before the form, and finds its locked draft again", { timeout: 120_000 }, async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const address = link("&shared=true");
    const page = await openApp(context, address);
    await page.locator(".pending-start").waitFor();
    assert.match(await page.locator(".pending-start").textContent(), /Avant de commencer l’évaluation de Awa Traoré/);
    assert.equal(await page.locator("fieldset.rating").count(), 0, "nothing starts in clear");
    await page.locator("#lock-code").fill("baobab-7");
    await page.locator("#lock-code-again").fill("baobab-7");
    await page.getByRole("button", { name: "Protéger et commencer" }).click();
    await page.locator("fieldset.rating").first().waitFor({ timeout: 30_000 });
    await answerPage(page, () => "trained");
    await page.waitForTimeout(500);
    assert.ok(!(await storedText(page)).includes("Awa"));

    const again = await openApp(context, address);
    await again.locator(".locked-notice", { hasText: "entrez votre code pour la reprendre" }).waitFor();
    assert.equal(await again.locator(".pending-start").count(), 0, "no second assessment");
    await again.getByRole("button", { name: "Déverrouiller" }).click();
    await again.locator("#unlock-code").fill("baobab-7");
    await again.getByRole("button", { name: "Ouvrir" }).click();
    await again.locator("fieldset.rating").first().waitFor({ timeout: 30_000 });
    assert.match(await again.locator(".progress").textContent(), /[1-9]\d* sur/);
    assert.deepEqual([...page.errors, ...again.errors], []);
  });
});
