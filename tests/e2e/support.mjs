// Shared by the end-to-end tests and the size benchmark: a static server for the built bundle
// on 127.0.0.1, and Debian's Chromium driven by playwright-core (which never downloads a
// browser of its own here).

import { createServer } from "node:http";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
/** The bundle under test: dist/, or COMPETENCY_DIST. */
export const DIST = process.env.COMPETENCY_DIST ?? join(ROOT, "dist");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

/** Where serveDir receives CSP violation reports (not a file of the bundle). */
const CSP_REPORTS = "__csp-violations";

/**
 * The Content-Security-Policy every response of serveDir carries: what a portal should send
 * with the page at least as strictly. No inline script or style anywhere; WebAssembly allowed
 * to compile ('wasm-unsafe-eval'); `connectSrc` lists the origins requests may go to besides
 * the page's own (uploads), `frameAncestors` who may frame the page, and `allowed` the
 * origins a portal's page loads the widget from (its scripts, styles, requests, frames).
 * Each option is one source or a list.
 *
 * A violation in a page fails the tests that use openApp: Chromium logs each one as a console
 * error ("Executing inline script violates the following Content Security Policy directive
 * ..."), which openApp collects into page.errors (tests/e2e/offline.test.mjs checks it).
 * Violations in the service worker never reach the page's console; the browser reports every
 * violation, page's or worker's, to the server (report-uri): `server.violations`.
 */
export function contentSecurityPolicy({
  connectSrc = ["http://127.0.0.1:*"],
  frameAncestors = ["'self'"],
  allowed = [],
} = {}) {
  const list = (sources) => ["'self'", ...[sources].flat()].join(" ");
  return [
    "default-src 'self'",
    `script-src ${list(allowed)} 'wasm-unsafe-eval'`,
    `style-src ${list(allowed)}`,
    `connect-src ${list([connectSrc, allowed].flat())}`,
    `img-src ${list(allowed)} data:`,
    // Without allowed origins, default-src says the same.
    [allowed].flat().length > 0 && `frame-src ${list(allowed)}`,
    "object-src 'none'",
    "base-uri 'self'",
    `frame-ancestors ${[frameAncestors].flat().join(" ")}`,
    `report-uri /${CSP_REPORTS}`,
  ]
    .filter(Boolean)
    .join("; ");
}

/**
 * Serves `dir` on 127.0.0.1 at a free port, every response with the Content-Security-Policy
 * above, and a file's brotli or gzip copy (name.br, name.gz) when there is one and the browser
 * accepts it. Options: `connectSrc`, `frameAncestors` (see contentSecurityPolicy); `cors`, an
 * origin allowed to read the files (a portal's page importing the widget's modules and
 * fetching its WebAssembly); `portal`, true for a portal's own site (a label only: what its
 * pages may load from the widget's origin is what allow() adds). Resolves to { url, origin,
 * allow(...origins), violations, close }, where violations lists the CSP reports received.
 */
export async function serveDir(dir = DIST, { connectSrc, frameAncestors, cors, portal = false } = {}) {
  const root = resolve(dir);
  const allowed = [];
  const violations = [];
  const server = createServer(async (request, response) => {
    const headers = {
      "content-security-policy": contentSecurityPolicy({ connectSrc, frameAncestors, allowed }),
      "cache-control": "no-store",
      ...(cors ? { "access-control-allow-origin": cors, vary: "Origin" } : {}),
    };
    try {
      const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
      if (request.method === "POST" && path === `/${CSP_REPORTS}`) {
        let body = "";
        for await (const chunk of request) body += chunk;
        try {
          violations.push(JSON.parse(body)["csp-report"] ?? body);
        } catch {
          violations.push(body);
        }
        response.writeHead(204, headers).end();
        return;
      }
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        response.writeHead(403, headers).end();
        return;
      }
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      // As a deployment should: the precompressed copy (make dist writes them) when the
      // browser accepts it.
      const accepted = String(request.headers["accept-encoding"] ?? "");
      for (const [encoding, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
        if (!accepted.includes(encoding)) continue;
        const compressed = await readFile(file + suffix).catch(() => null);
        if (compressed) {
          const vary = headers.vary ? `${headers.vary}, Accept-Encoding` : "Accept-Encoding";
          response.writeHead(200, { ...headers, "content-type": type, "content-encoding": encoding, vary });
          response.end(compressed);
          return;
        }
      }
      const body = await readFile(file);
      response.writeHead(200, { ...headers, "content-type": type });
      response.end(body);
    } catch {
      response.writeHead(404, headers).end();
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    origin: `http://127.0.0.1:${port}`,
    portal,
    /** Lets this server's pages load scripts, styles, data and frames from `origins` too. */
    allow: (...origins) => allowed.push(...origins),
    violations,
    close: () => new Promise((done) => server.close(done)),
  };
}

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Starts headless Chromium with a fresh, empty profile (its own --user-data-dir), as a first
 * visit on a new machine. `options` go to playwright's browser context (locale, viewport, ...).
 * Resolves to { context, close }; close() also deletes the profile.
 */
export async function launchBrowser(options = {}) {
  const profile = await mkdtemp(join(tmpdir(), "competency-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Runs `body(context)` in a fresh browser (see launchBrowser), closing it however body ends. */
export async function withBrowser(options, body) {
  const browser = await launchBrowser(options);
  try {
    return await body(browser.context);
  } finally {
    await browser.close();
  }
}

/**
 * Opens `url` in a new page that fails the test on any uncaught error or console error, and
 * waits until the app has replaced its loading message.
 */
export async function openApp(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.errors = errors;
  await page.goto(url);
  await page.locator("#app h1").waitFor();
  return page;
}

/** Makes every page of `context` behave as with storage disabled by the browser's settings:
 * touching localStorage throws. */
export async function disableStorage(context) {
  await context.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("storage is disabled", "SecurityError");
      },
    });
  });
}

/** Injects axe-core and fails with a readable list when the page has any WCAG 2.1 A/AA (or
 * best-practice) violation. `what` names the screen in the message. */
export async function expectAccessible(page, what) {
  // Evaluated through DevTools, which the page's Content-Security-Policy does not govern (an
  // injected script tag would be refused, as it should).
  await page.evaluate(await readFile(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8"));
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
    }));
  });
  if (violations.length > 0) {
    throw new Error(`${what}: ${violations.length} accessibility violations\n${JSON.stringify(violations, null, 2)}`);
  }
}

/** Fills in the start screen and starts an assessment. */
export async function startAssessment(page, { name, subjectId = "", position = "", role = "self" }) {
  await page.locator("#subject-name").fill(name);
  if (subjectId) await page.locator("#subject-id").fill(subjectId);
  await page.locator("#position").selectOption(position);
  await page.locator(`#role-${role}`).check();
  await page.locator("form button[type=submit]").click();
  await page.locator("fieldset.rating").first().waitFor();
}

/** Answers every competency on the current page with `choose(index, fieldset)`, which returns
 * the id suffix of the radio to check ("trained", "not-observed", ...). Returns the ids rated. */
export async function answerPage(page, choose) {
  const fieldsets = page.locator("fieldset.rating");
  const count = await fieldsets.count();
  const rated = [];
  for (let i = 0; i < count; i++) {
    const fieldset = fieldsets.nth(i);
    const id = (await fieldset.getAttribute("id")).replace(/^competency-/, "");
    const choice = choose(i, id);
    await fieldset.locator(`#${id}-${choice}`).check();
    rated.push([id, choice]);
  }
  return rated;
}

/** The progress line of the open assessment, as numbers: [answered, required]. */
export async function progressOf(page) {
  const text = await page.locator("p.progress").textContent();
  const [answered, required] = text.match(/\d+/g).map(Number);
  return [answered, required];
}

/**
 * Starts Debian's Chromium as its own process on `profile` and connects to it, so that a test
 * can kill it the way a crash or a power cut would. Resolves to { context, kill }.
 */
export async function startChromiumProcess(profile, { lang = "fr-FR" } = {}) {
  const { spawn } = await import("node:child_process");
  const child = spawn(
    CHROMIUM,
    ["--headless", ...CHROMIUM_ARGS, `--user-data-dir=${profile}`, `--lang=${lang}`, "--remote-debugging-port=0", "about:blank"],
    { stdio: ["ignore", "ignore", "pipe"], detached: true },
  );
  const endpoint = await new Promise((resolve, reject) => {
    let output = "";
    child.stderr.on("data", (data) => {
      output += data;
      const match = output.match(/DevTools listening on (ws:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`chromium exited (${code}): ${output}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  return {
    context: browser.contexts()[0],
    /** Kills the browser and all its processes at once, with no chance to save anything. */
    kill: () =>
      new Promise((done) => {
        child.once("exit", done);
        process.kill(-child.pid, "SIGKILL");
      }),
  };
}

export { mkdtemp, rm, tmpdir };

/** The command-line tool built by `cargo test` (the test command builds it before the
 * end-to-end tests). */
export const CLI = join(ROOT, "target/debug/competency");

/** Runs the CLI; resolves to { code, stdout, stderr }. */
export async function runCli(args) {
  const { execFile } = await import("node:child_process");
  return new Promise((resolve) => {
    execFile(CLI, args, (error, stdout, stderr) => {
      if (error && error.code === "ENOENT") throw new Error(`${CLI} is missing: run cargo build -p competency-cli`);
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

/** Answers every page, from the current one on, with `choose`; ends on the review. */
export async function answerAll(page, choose) {
  await answerUntil(page, choose, /Relire|Review/);
  await page.locator(".review").waitFor();
}

/** Answers every page with `choose`, moving on until the button that says `last` is clicked
 * (the review's, the plan's). */
export async function answerUntil(page, choose, last) {
  for (;;) {
    await answerPage(page, choose);
    const next = page.locator(".page-nav button.primary");
    const leaving = last.test(await next.textContent());
    await next.click();
    if (leaving) return;
    await page.locator("#page-heading:focus").waitFor();
  }
}

/** Everything the page's origin keeps: localStorage, sessionStorage and every IndexedDB
 * database's records, as text. */
export const storedText = (page) =>
  page.evaluate(async () => {
    const parts = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((done, fail) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
      for (const store of db.objectStoreNames) {
        const records = await new Promise((done) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => done(request.result);
          request.onerror = () => done([]);
        });
        parts.push(JSON.stringify(records, (_, v) => (v instanceof CryptoKey ? "[key]" : v)));
      }
      db.close();
    }
    return parts.join("\n");
  });

/** Waits until the submitted result is sent to the portal: a self-assessment says so beside
 * its result; a rating of someone else makes way for its receipt. */
export async function sentOut(page, timeout = 20_000) {
  const selfSent = page.locator(".export", { hasText: /Envoyé au portail|Sent to the portal/ });
  await selfSent.or(page.locator(".out-notice")).first().waitFor({ timeout });
}

/** Answers every page with `choose` and submits; ends on the submitted view, or, for a rating
 * of someone else that the portal received at once, on its receipt (the submitted view may
 * then be gone before a test sees it). */
export async function completeAssessment(page, choose) {
  await answerAll(page, choose);
  await page.locator(".submit button.primary").click();
  await page.locator(".submitted").or(page.locator(".out-notice")).first().waitFor();
}

/**
 * An HTTP receiver of uploaded results on 127.0.0.1 (CORS allowed). `respond(attempt)`
 * gives { status, body } for each POST (attempt counts from 1). Resolves to { url, received,
 * authorizations, attempts, close } where received lists the bodies answered with a 2xx.
 */
export async function startReceiver(respond, port = 0) {
  const received = [];
  const authorizations = [];
  let attempts = 0;
  const server = createServer((request, response) => {
    const cors = {
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "POST",
      "access-control-allow-headers": "content-type, authorization",
    };
    if (request.method === "OPTIONS") {
      response.writeHead(204, cors).end();
      return;
    }
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      attempts += 1;
      authorizations.push(request.headers.authorization ?? null);
      const { status, body: answer = "" } = respond(attempts);
      if (status >= 200 && status < 300) received.push(body);
      response.writeHead(status, { ...cors, "content-type": "text/plain" }).end(answer);
    });
  });
  await new Promise((done) => server.listen(port, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${server.address().port}/results`,
    port: server.address().port,
    received,
    /** Each POST's Authorization header (null without one), in order. */
    authorizations,
    attempts: () => attempts,
    close: () => new Promise((done) => server.close(done)),
  };
}

/**
 * Makes `page` a slow phone on a slow line, through Chromium's DevTools protocol: its CPU
 * `cpu` times slower, and its network `latency` ms away at `download` bytes a second (uploads
 * at most 50 KB a second). Leaves out what is not given.
 */
export async function slowDown(page, { cpu, latency, download } = {}) {
  const cdp = await page.context().newCDPSession(page);
  if (cpu) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
  if (download) {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: latency ?? 0,
      downloadThroughput: download,
      uploadThroughput: Math.min(download, 50_000),
    });
  }
}
