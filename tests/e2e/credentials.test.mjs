// A portal's credential for uploads (a bearer token in `upload.headers`) is never written to
// the browser's storage: on a shared computer the next person finds none. A result queued
// while the server fails waits in storage without it; after a reload it goes once the
// portal has mounted the widget again with its headers.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { completeAssessment, serveDir, startReceiver, storedText, withBrowser } from "./support.mjs";

const TOKEN = "Bearer portal-s3cret-token-0b9f";

let widget;
let portal;
before(async () => {
  portal = await serveDir(undefined, { portal: true });
  widget = await serveDir(undefined, { cors: portal.origin });
  portal.allow(widget.origin);
});
after(async () => {
  await widget.close();
  await portal.close();
});

test("a queued upload's credential is kept in memory only, and given again by the portal after a reload", { timeout: 120_000 }, async () => {
  let accept = false;
  const receiver = await startReceiver(() => (accept ? { status: 201, body: "ok" } : { status: 503, body: "maintenance" }));
  const config = {
    configVersion: 1,
    subject: { id: "M-1024", name: "Awa Traoré" },
    position: "customs-officer",
    rater: { role: "peer" },
    upload: { url: receiver.url, headers: { Authorization: TOKEN } },
  };
  try {
    await withBrowser({ locale: "fr-FR" }, async (context) => {
      const page = await context.newPage();
      const search = new URLSearchParams({ widget: widget.url, configs: JSON.stringify([config]) });
      const address = `${portal.url}public/examples/script-mount.html?${search}`;
      await page.goto(address);
      await page.locator("#widget-0 fieldset.rating").first().waitFor();
      await completeAssessment(page, () => "trained");
      await page.locator(".export", { hasText: "maintenance" }).waitFor({ timeout: 20_000 });
      assert.equal(receiver.authorizations[0], TOKEN, "sent with the portal's credential");

      const stored = await storedText(page);
      assert.ok(stored.includes("competency-widget.upload."), "the result waits in storage");
      assert.ok(stored.includes("Authorization"), "with its header's name");
      assert.ok(!stored.includes("portal-s3cret-token"), "but never the credential");

      // Reloaded, the portal mounts the widget again with its headers: the result goes.
      accept = true;
      await page.goto(address);
      await page.locator("#widget-0").waitFor();
      await page.waitForFunction(() => window.widgetEvents.some((e) => e.type === "competency:uploaded"), null, {
        timeout: 30_000,
      });
      assert.equal(receiver.received.length, 1);
      assert.equal(receiver.authorizations.at(-1), TOKEN);
      assert.ok(!(await storedText(page)).includes("portal-s3cret-token"));
    });
  } finally {
    await receiver.close();
  }
});
