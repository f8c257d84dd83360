// The results intake service (`competency serve`) on 127.0.0.1, as HR runs it for a campaign:
// five invitation links, each opened in a browser of its own, answered and submitted; each
// result uploaded and kept once; HR's completion and 360 report read back with the secret.
// Then the service is stopped while a rater submits, and started again: the widget's queue
// sends the result, which is kept exactly once.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, ROOT, completeAssessment, openApp, runCli, sentOut, serveDir, withBrowser } from "./support.mjs";

const SECRET = "the-hr-secret-of-this-test-0123456789abcdef";

let widget;
let scratch;
before(async () => {
  widget = await serveDir();
  scratch = await mkdtemp(join(tmpdir(), "competency-intake-"));
});
after(async () => {
  await widget.close();
  await rm(scratch, { recursive: true, force: true });
});

/** A port free on 127.0.0.1 now. */
async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

/** Starts `competency serve` with the configuration in `dir`; resolves once it listens. */
async function startService(dir) {
  const child = spawn(CLI, ["serve", "--config", join(dir, "serve.json")], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stderr.on("data", (chunk) => (log += chunk));
  const address = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const found = out.match(/listening on (http:\/\/[^\s]+)/);
      if (found) resolve(found[1]);
    });
    child.on("exit", (code) => reject(new Error(`the service exited (${code}): ${log}`)));
  });
  return {
    address,
    log: () => log,
    stop: () =>
      new Promise((done) => {
        child.on("exit", (code, signal) => done({ code, signal }));
        child.kill("SIGTERM");
      }),
  };
}

/** Plans Awa's campaign (herself, her supervisor, three peers) sending results to `upload`. */
async function planCampaign(dir, upload) {
  const plan = join(dir, "plan.csv");
  await writeFile(
    plan,
    "subject_id,subject_name,position,rater_name,rater_id,role\n" +
      "M-1024,Awa Traoré,customs-officer,,,self\n" +
      "M-1024,Awa Traoré,customs-officer,Ibrahim Koné,M-3001,supervisor\n" +
      "M-1024,Awa Traoré,customs-officer,Moussa Diallo,M-2001,peer\n" +
      "M-1024,Awa Traoré,customs-officer,Fatou Sanogo,M-4001,peer\n" +
      "M-1024,Awa Traoré,customs-officer,Mariam Cissé,M-6001,peer\n",
  );
  const out = join(dir, "campaign");
  const planned = await runCli(["campaign", "new", plan, "--base-url", widget.url, "--id", "360-2027", "--upload", upload, "--out", out]);
  assert.equal(planned.code, 0, planned.stderr);
  const csv = (await readFile(join(out, "invitations.csv"), "utf8")).replace(/^\ufeff/, "");
  const separator = csv.split("\n")[0].includes(";") ? ";" : ",";
  return csv
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(separator))
    .map((cells) => ({ role: cells[3], link: cells[7] }));
}

async function configure(dir, port) {
  await writeFile(join(dir, "hr-secret.txt"), SECRET);
  await writeFile(
    join(dir, "serve.json"),
    JSON.stringify({
      listen: `127.0.0.1:${port}`,
      database: "results.sqlite",
      campaign: "campaign/campaign.json",
      allowedOrigins: [widget.origin],
      hrSecretFile: "hr-secret.txt",
    }),
  );
}

const hr = async (service, path) => {
  const response = await fetch(`${service.address}${path}`, { headers: { authorization: `Bearer ${SECRET}` } });
  assert.equal(response.status, 200, path);
  return response.json();
};

/** Opens `link` in a browser of its own, answers everything and submits. */
async function answer(link) {
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, link);
    await page.locator("fieldset.rating").first().waitFor();
    await completeAssessment(page, () => "trained");
    await sentOut(page);
    assert.deepEqual(page.errors, []);
  });
}

test("five invitation links, five browsers: every result kept once; HR reads completion and the report", { timeout: 240_000 }, async () => {
  const dir = await mkdtemp(join(scratch, "campaign-"));
  const port = await freePort();
  const invitations = await planCampaign(dir, `http://127.0.0.1:${port}/results`);
  assert.equal(invitations.length, 5);
  await configure(dir, port);
  const service = await startService(dir);
  try {
    for (const { link } of invitations) await answer(link);

    const completion = await hr(service, "/hr/completion");
    assert.equal(completion.results, 5);
    assert.deepEqual(
      completion.subjects.map((row) => [row.role, row.invited, row.answered]),
      [
        ["self", 1, 1],
        ["supervisor", 1, 1],
        ["peer", 3, 3],
      ],
    );
    const report = await hr(service, "/hr/reports");
    assert.equal(report.subjects.length, 1);
    assert.deepEqual(report.subjects[0].raters, { self: 1, supervisor: 1, peer: 3 });
    assert.deepEqual(report.setAside, []);
    const kept = await hr(service, "/hr/results");
    assert.equal(kept.length, 5);
    assert.equal(new Set(kept.map((r) => r.fingerprint)).size, 5, "no result twice");
    // Without the secret, nothing.
    assert.equal((await fetch(`${service.address}/hr/results`)).status, 401);

    // HR's console reads the completion live from the service, with the secret.
    await withBrowser({ locale: "fr-FR" }, async (context) => {
      const page = await openApp(context, `${widget.url}console.html?lang=fr`);
      const live = page.locator(".live-completion");
      await live.getByLabel("Adresse du service").fill(service.address);
      await live.getByLabel("Secret RH").fill("not-the-secret");
      await live.getByRole("button", { name: "Afficher l’avancement" }).click();
      await live.getByRole("alert").waitFor();
      assert.equal((await live.getByRole("alert").textContent()).trim(), "Le service refuse ce secret.");
      await live.getByLabel("Secret RH").fill(SECRET);
      await live.getByRole("button", { name: "Afficher l’avancement" }).click();
      const rows = live.locator("tbody tr");
      await rows.first().waitFor();
      const texts = (await rows.allTextContents()).map((t) => t.replace(/\u00a0/g, " "));
      assert.equal(texts.length, 3, texts.join("\n"));
      assert.ok(texts.every((t) => /(\d) sur \1/.test(t)), texts.join("\n"));
      assert.match(await live.locator(".live-completion-outcome > div > p").first().textContent(), /^5 résultats reçus/);
      await page.setViewportSize({ width: 360, height: 740 });
      await live.screenshot({ path: join(ROOT, "target/screenshots/live-completion-360.png") });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than a 360 px phone`);
      // The secret is kept nowhere in the browser.
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      assert.ok(!stored.includes(SECRET));
      // The browser's own line for the refused secret, and nothing else.
      assert.deepEqual(page.errors.filter((e) => !/status of 401/.test(e)), []);
    });
  } finally {
    await service.stop();
  }
});

test("the service is stopped while a rater submits: started again, the result is kept exactly once", { timeout: 240_000 }, async () => {
  const dir = await mkdtemp(join(scratch, "restart-"));
  const port = await freePort();
  const invitations = await planCampaign(dir, `http://127.0.0.1:${port}/results`);
  await configure(dir, port);
  let service = await startService(dir);
  await service.stop();
  await withBrowser({ locale: "fr-FR" }, async (context) => {
    const page = await openApp(context, invitations[2].link);
    await page.locator("fieldset.rating").first().waitFor();
    await completeAssessment(page, () => "trained");
    // Nobody listens: the upload waits in the queue, and the rater is told.
    await page.locator(".export", { hasText: "nouvel essai" }).waitFor({ timeout: 20_000 });
    service = await startService(dir);
    try {
      await sentOut(page, 60_000);
      const kept = await hr(service, "/hr/results");
      assert.equal(kept.length, 1);
      const completion = await hr(service, "/hr/completion");
      assert.equal(completion.subjects.find((row) => row.role === "peer").answered, 1);
    } finally {
      const stopped = await service.stop();
      assert.equal(stopped.code, 0, service.log());
    }
  });
});
