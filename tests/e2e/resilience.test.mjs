// A browser killed in the middle of an assessment (a crash, a power cut): the next start on
// the same profile finds every answer given.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { answerPage, mkdtemp, progressOf, rm, serveDir, startAssessment, startChromiumProcess, tmpdir } from "./support.mjs";

let server;
before(async () => {
  server = await serveDir();
});
after(() => server.close());

test("the browser process is killed mid-assessment: nothing is lost", async () => {
  const profile = await mkdtemp(join(tmpdir(), "competency-killed-"));
  try {
    const first = await startChromiumProcess(profile);
    const page = await first.context.newPage();
    await page.goto(server.url);
    await startAssessment(page, { name: "Awa Traoré", position: "inspector", role: "self" });
    const rated = await answerPage(page, (i) => (i % 2 ? "advanced" : "trained"));
    await page.locator(".page-nav button.primary").click();
    await page.locator("#page-heading:focus").waitFor();
    const heading = await page.locator("#page-heading").textContent();
    const last = page.locator("fieldset.rating").first();
    const lastId = (await last.getAttribute("id")).replace("competency-", "");
    await last.locator(`#${lastId}-expert`).check();
    const before = await progressOf(page);
    // The answer is durable once its IndexedDB transaction has committed, a few milliseconds
    // after the click; no page can be durable sooner. Killed then, localStorage (which
    // Chromium writes to disk seconds late) has not got it: only the journal can bring it back.
    await page.waitForFunction(
      ([id]) =>
        new Promise((done) => {
          const open = indexedDB.open("competency-widget");
          open.onsuccess = () => {
            const all = open.result.transaction("journal").objectStore("journal").getAll();
            all.onsuccess = () => {
              open.result.close();
              done(all.result.some((v) => typeof v === "string" && v.includes(`"${id}":{"level":"expert"`)));
            };
            all.onerror = () => done(false);
          };
          open.onerror = () => done(false);
        }),
      [lastId],
    );
    await first.kill(); // no time for localStorage to reach the disk

    const second = await startChromiumProcess(profile);
    try {
      const again = await second.context.newPage();
      await again.goto(server.url);
      await again.locator("fieldset.rating").first().waitFor();
      assert.equal(await again.locator("#page-heading").textContent(), heading, "back on the same page");
      assert.deepEqual(await progressOf(again), before);
      assert.equal(await again.locator(`#${lastId}-expert`).isChecked(), true, "the last answer survived");
      await again.locator("nav.contents button").first().click();
      await again.locator(`fieldset#competency-${rated[0][0]}`).waitFor();
      for (const [id, choice] of rated) {
        assert.equal(await again.locator(`#${id}-${choice}`).isChecked(), true, `${id} is still ${choice}`);
      }
    } finally {
      await second.kill();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
