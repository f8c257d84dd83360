// Signed results: signed in the browser (WebCrypto, or the fallback module where WebCrypto
// has no Ed25519), downloaded and copied, uploaded with retries, checked in the app, verified
// by the command-line tool.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  ROOT,
  completeAssessment,
  mkdtemp,
  openApp,
  rm,
  runCli,
  serveDir,
  startReceiver,
  tmpdir,
  withBrowser,
} from "./support.mjs";
import { multibase } from "./signer.mjs";

const SCREENSHOTS = join(ROOT, "target/screenshots");

let server;
let scratch;
before(async () => {
  server = await serveDir();
  scratch = await mkdtemp(join(tmpdir(), "competency-results-"));
});
after(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

const FALLBACK_WASM = "competency-fallback-signer_bg.wasm";
const SIGNING_WASM = "competency-signing_bg.wasm";

/** The address that starts a self-assessment of Awa for the HR officer's position. */
function address(extra = "") {
  return `${server.url}?name=Awa%20Traor%C3%A9&subject=M-1024&position=hr-officer&role=self&screens=assessment,framework,results${extra}`;
}

/** Signs in the page and downloads the result; returns its path and text. */
async function signAndDownload(page, name) {
  await page.locator(".export dl").waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: /Télécharger|Download/ }).click(),
  ]);
  const path = join(scratch, name);
  await download.saveAs(path);
  return { path, text: await readFile(path, "utf8"), suggested: download.suggestedFilename() };
}

test("a result signed with a WebCrypto key verifies with the CLI; the page never fetches the fallback", async () => {
  await withBrowser({ locale: "fr-FR", permissions: ["clipboard-read", "clipboard-write"] }, async (context) => {
    // The service worker caches the whole bundle, the fallback with it, for offline use: only
    // the page's own requests count here.
    const fetched = [];
    context.on("request", (r) => r.serviceWorker() || fetched.push(new URL(r.url()).pathname));
    const page = await openApp(context, address("&challenge=nonce-7"));
    await page.locator("fieldset.rating").first().waitFor();
    // The result's code is a module of its own, fetched while the rater answers, not before.
    const signingModule = () => fetched.filter((p) => p.endsWith(SIGNING_WASM));
    assert.deepEqual(signingModule(), [], "the signing module is fetched before the first question");
    await completeAssessment(page, () => "trained");
    const { path, text, suggested } = await signAndDownload(page, "webcrypto.json");
    assert.equal(signingModule().length, 1, "the signing module is fetched once, while the rater answers");
    assert.match(suggested, /^evaluation-awa-traore-self-\d{4}-\d\d-\d\d-\d{4}-[0-9a-f]{4}\.json$/);

    const result = JSON.parse(text);
    assert.equal(result.rater.keyProtection, "non-extractable");
    assert.equal(result.challenge, "nonce-7");
    assert.equal(result.proof.challenge, "nonce-7");
    assert.match(await page.locator(".export").textContent(), /protégée par le navigateur/);
    assert.match(await page.locator(".export dd code").first().textContent(), /^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);

    await page.getByRole("button", { name: "Copier" }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);

    const bundled = join(process.cwd(), "crates/core/frameworks/customs.json");
    const cli = await runCli(["verify", "--framework", bundled, path]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /valid: assessment of Awa Traoré \(self\)/);
    const shown = await page.locator(".export dd code").first().textContent();
    assert.ok(cli.stdout.trim().endsWith(`fingerprint ${shown}`), "the CLI shows the fingerprint the rater saw");
    assert.ok(!fetched.some((p) => p.endsWith(FALLBACK_WASM)), "the fallback module is not fetched");
    assert.deepEqual(page.errors, []);
  });
});

test("without Ed25519 in WebCrypto, the fallback module signs; HR can tell from the result", async () => {
  await withBrowser({ locale: "en-GB" }, async (context) => {
    await context.addInitScript(() => {
      const isEd25519 = (algorithm) => (algorithm?.name ?? algorithm) === "Ed25519";
      for (const method of ["generateKey", "importKey", "sign", "verify"]) {
        const original = SubtleCrypto.prototype[method];
        SubtleCrypto.prototype[method] = function (...args) {
          const algorithm = method === "importKey" ? args[2] : args[0];
          if (isEd25519(algorithm)) return Promise.reject(new DOMException("Ed25519", "NotSupportedError"));
          return original.apply(this, args);
        };
      }
    });
    const fetched = [];
    context.on("request", (r) => fetched.push(new URL(r.url()).pathname));
    const page = await openApp(context, address());
    await page.locator("fieldset.rating").first().waitFor();
    await completeAssessment(page, () => "advanced");
    const { path, text } = await signAndDownload(page, "software.json");
    assert.equal(JSON.parse(text).rater.keyProtection, "software");
    assert.match(await page.locator(".export").textContent(), /software key/);
    assert.ok(fetched.some((p) => p.endsWith(FALLBACK_WASM)), "the fallback module was fetched");
    const cli = await runCli(["verify", path]);
    assert.equal(cli.code, 0, cli.stderr);

    // The same browser checks results with the fallback module too.
    await page.getByRole("link", { name: "Check results" }).click();
    await page.locator("#result-files").setInputFiles(path);
    await page.locator(".verdicts li.valid").waitFor();
    assert.deepEqual(page.errors, []);
  });
});

test("the check screen gives each file its verdict", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, address());
    await page.locator("fieldset.rating").first().waitFor();
    await completeAssessment(page, () => "expert");
    const { path, text } = await signAndDownload(page, "checked.json");
    const tampered = JSON.parse(text);
    tampered.ratings[0].level = "awareness";
    const tamperedPath = join(scratch, "tampered.json");
    await writeFile(tamperedPath, JSON.stringify(tampered));
    const notJson = join(scratch, "notes.json");
    await writeFile(notJson, "ceci n’est pas du JSON");
    // Two `level` members: readers disagree on which one counts.
    const twice = join(scratch, "twice.json");
    await writeFile(twice, text.replace(/"level":\s*"expert"/, '"level": "awareness", "level": "expert"'));
    // A key of small order (the identity) with R = identity, s = 0: it "verifies" any document
    // under lax Ed25519, which Chromium's WebCrypto is.
    const identity = Buffer.alloc(32);
    identity[0] = 1;
    const did = `did:key:${multibase(Buffer.concat([Buffer.from([0xed, 0x01]), identity]))}`;
    const weak = JSON.parse(text);
    weak.rater.key = did;
    weak.proof.verificationMethod = `${did}#${did.slice("did:key:".length)}`;
    weak.proof.proofValue = multibase(Buffer.concat([identity, Buffer.alloc(32)]));
    const weakPath = join(scratch, "weak-key.json");
    await writeFile(weakPath, JSON.stringify(weak));

    await page.getByRole("link", { name: "Vérifier des résultats" }).click();
    await page.locator("#result-files").setInputFiles([path, tamperedPath, notJson, twice, weakPath]);
    await page.locator(".verdicts li").nth(4).waitFor();
    const verdicts = await page.locator(".verdicts li").allTextContents();
    assert.match(verdicts[0], /^✓ checked\.json — valide\u00a0: évaluation de Awa Traoré \(Auto-évaluation\)/);
    assert.match(verdicts[1], /^✗ tampered\.json — non valide.*modifié après la signature/);
    assert.match(verdicts[2], /^✗ notes\.json — non valide.*JSON invalide à la ligne 1/);
    assert.match(verdicts[3], /^✗ twice\.json — non valide.*le membre « level » est donné deux fois/);
    assert.match(verdicts[4], /^✗ weak-key\.json — non valide.*point d’ordre faible/);
    // The command-line tool says the same of both.
    for (const [file, reason] of [
      [twice, /the member `level` is given twice/],
      [weakPath, /small order/],
    ]) {
      const cli = await runCli(["verify", file]);
      assert.equal(cli.code, 1);
      assert.match(cli.stderr, reason);
    }
    assert.deepEqual(page.errors, []);
  });
});

test("upload: the server fails twice, then accepts; the user sees each state", async () => {
  const receiver = await startReceiver((attempt) =>
    attempt <= 2 ? { status: 503, body: "Serveur RH en maintenance" } : { status: 201, body: "ok" },
  );
  try {
    await withBrowser({ locale: "fr-FR" }, async (context) => {
      const page = await openApp(context, address(`&upload=${encodeURIComponent(receiver.url)}`));
      await page.locator("fieldset.rating").first().waitFor();
      await completeAssessment(page, () => "trained");
      await page.locator(".export", { hasText: "Serveur RH en maintenance" }).waitFor();
      await page.locator(".export", { hasText: "Envoyé au portail" }).waitFor({ timeout: 15_000 });
      assert.equal(receiver.attempts(), 3);
      assert.equal(receiver.received.length, 1);
      const stored = await page.evaluate(() =>
        localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith("competency-widget.result."))),
      );
      assert.deepEqual(JSON.parse(receiver.received[0]), JSON.parse(stored), "the signed result, unchanged");
      assert.deepEqual(page.errors.filter((e) => !/503/.test(e)), []);
    });
  } finally {
    await receiver.close();
  }
});

test("upload: the server is down at first and the page is reloaded; the result still arrives", async () => {
  // A port nobody listens on yet.
  const probe = await startReceiver(() => ({ status: 500 }));
  const port = probe.port;
  await probe.close();
  const url = `http://127.0.0.1:${port}/results`;
  let receiver;
  try {
    await withBrowser({ locale: "en-GB" }, async (context) => {
      const page = await openApp(context, address(`&upload=${encodeURIComponent(url)}`));
      await page.locator("fieldset.rating").first().waitFor();
      await completeAssessment(page, () => "trained");
      await page.locator(".export", { hasText: "Sending to the portal failed" }).waitFor();

      await page.reload();
      await page.locator("#app h1").first().waitFor();
      receiver = await startReceiver(() => ({ status: 200 }), port);
      // The queue survived the reload and is worked again at start-up and on each retry.
      for (let i = 0; i < 100 && receiver.received.length === 0; i++) await page.waitForTimeout(200);
      assert.equal(receiver.received.length, 1, "the queued result was sent after the reload");
      const sent = JSON.parse(receiver.received[0]);
      assert.equal(sent.subject.name, "Awa Traoré");
      const resultFile = join(scratch, "uploaded.json");
      await writeFile(resultFile, receiver.received[0]);
      assert.equal((await runCli(["verify", resultFile])).code, 0);
    });
  } finally {
    await receiver?.close();
  }
});

test("a lost key: a new one, and the rater is told", async () => {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, address());
    await page.locator("fieldset.rating").first().waitFor();
    await completeAssessment(page, () => "trained");
    await page.locator(".export dl").waitFor();
    const first = await page.locator(".export dd code").nth(1).textContent();
    // The keys vanish (browser data partly cleared); what the app remembers of them stays.
    await page.evaluate(
      () =>
        new Promise((done) => {
          const open = indexedDB.open("competency-widget");
          open.onsuccess = () => {
            const tx = open.result.transaction("keys", "readwrite");
            tx.objectStore("keys").clear();
            tx.oncomplete = done;
          };
        }),
    );
    // The same officer's next assessment, for another position (the same link would show the
    // finished one): her key, which is gone.
    await page.goto(address().replace("position=hr-officer", "position=customs-officer"));
    await page.locator("fieldset.rating").first().waitFor();
    await completeAssessment(page, () => "advanced");
    await page.locator(".export dl").waitFor();
    assert.match(await page.locator(".export").textContent(), /ancienne clé de signature n’est plus dans ce navigateur/);
    assert.notEqual(await page.locator(".export dd code").nth(1).textContent(), first);
    assert.deepEqual(page.errors, []);
  });
});

test("a copy the browser refuses is said, not reported as done", async () => {
  await withBrowser({ locale: "fr-FR", viewport: { width: 360, height: 740 } }, async (context) => {
    const page = await openApp(context, address());
    // The browser's own refusal, as a policy or a user would set it.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Browser.setPermission", {
      permission: { name: "clipboard-write" },
      setting: "denied",
      origin: new URL(page.url()).origin,
    });
    await page.locator("fieldset.rating").first().waitFor();
    await completeAssessment(page, () => "trained");
    await page.locator(".export dl").waitFor();
    await page.getByRole("button", { name: "Copier" }).click();
    await page.locator(".export", { hasText: "Le navigateur n’a pas permis de copier le résultat" }).waitFor();
    assert.ok(!(await page.locator(".export").textContent()).includes("Copié."), "a refused copy is not called done");
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.locator(".export").screenshot({ path: join(SCREENSHOTS, "export-copy-refused-360.png") });
    assert.deepEqual(page.errors, []);
  });
});

test("a kept result is never signed twice, even when the signing module cannot load", async () => {
  await withBrowser({ locale: "fr-FR", serviceWorkers: "block" }, async (context) => {
    const page = await openApp(context, address());
    await page.locator("fieldset.rating").first().waitFor();
    await completeAssessment(page, () => "trained");
    await page.locator(".export dl").waitFor();
    const kept = () =>
      page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith("competency-widget.result."))
          .map((k) => localStorage.getItem(k)),
      );
    const [first] = await kept();
    assert.ok(first, "the result is kept");

    // The next visit, with the network failing once as the module is fetched: the kept
    // result cannot be described, and that is said. The module would load at the next try,
    // but no second result is made of the same assessment.
    let refused = 0;
    await context.route(/competency-signing/, (route) =>
      refused++ === 0 ? route.abort() : route.continue(),
    );
    await page.reload();
    await page.locator(".export", { hasText: "Le résultat n’a pas pu être signé" }).waitFor();
    assert.deepEqual(await kept(), [first], "a second result was made");

    // Tried again: the kept result is shown, the same one.
    await page.getByRole("button", { name: "Réessayer" }).click();
    await page.locator(".export dl").waitFor();
    assert.deepEqual(await kept(), [first]);
    assert.ok(refused > 1, "the module was fetched again");
  });
});
