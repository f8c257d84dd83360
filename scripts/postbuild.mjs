// Run by trunk after each build (Trunk.toml, [[hooks]] stage "post_build"), on the staged bundle
// before trunk moves it to dist/: writes the service worker, `sw.js` at the bundle's root, that
// lets the app start with no network once it has been opened.
//
// The worker precaches every file of the bundle, except itself, source maps, compressed copies,
// public/examples/ and HR's console and framework tools, into the cache
// `competency-widget-<version>`, where the version is the first 16 hex digits of a SHA-256 over
// every listed file's name and contents: any change to the bundle changes sw.js, so browsers
// install the new worker, which fetches the new files and deletes the old cache. Each file is
// fetched with its SHA-256 as subresource integrity, so a worker never caches files of another
// build (a deployment half copied, a stale proxy); its installation fails and the browser
// tries again at a later visit.
//
// A release build also strips the stylesheet's comments and minifies the scripts. In a debug build (`make serve`),
// sw.js instead removes itself and its caches: a cache-first worker would serve the previous
// build after each rebuild.
//
// Usage outside trunk: node scripts/postbuild.mjs <bundle folder>

import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";

const WORKER = "sw.js";
const CACHE_PREFIX = "competency-widget-";

const bundle = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!bundle) {
  console.error("usage: node scripts/postbuild.mjs <bundle folder> (trunk sets TRUNK_STAGING_DIR)");
  process.exit(2);
}
const release = (process.env.TRUNK_PROFILE ?? "release") === "release";

/** Every file under `dir`, as paths relative to the bundle with "/" separators. */
async function filesUnder(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else if (entry.isFile()) found.push(relative(bundle, path).split(sep).join("/"));
  }
  return found;
}

// Not the compressed copies beside the files (scripts/compress.mjs): the server sends those in
// place of their file, which is what is cached.
const precached = (file) =>
  file !== WORKER &&
  !file.endsWith(".map") &&
  !file.endsWith(".br") &&
  !file.endsWith(".gz") &&
  !file.startsWith("public/examples/") &&
  // HR's console and its framework tools are used online, by HR only: officers' phones never
  // download them.
  !file.startsWith("competency-case-import") &&
  !file.startsWith("competency-sheet-screen") &&
  !file.startsWith("competency-console") &&
  file !== "console.html" &&
  file !== "public/console.js";

// A release ships the stylesheet without its comments and indentation (some 800 bytes of
// brotli on the first visit); style/main.css keeps them. It has no "/*" inside a string.
if (release) {
  const stylesheet = join(bundle, "main.css");
  const css = (await readFile(stylesheet, "utf8"))
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join("\n");
  await writeFile(stylesheet, `${css}\n`);
}

// A release ships its scripts minified (esbuild, pinned in package.json): wasm-bindgen's glue
// and ours keep their comments, indentation and long local names, some 2.5 KB of brotli on a
// rater's first visit. The portal examples stay as written: they are documentation; so does
// the chunk loader (__wasm_split.js, 0.3 KB more), whose comments name the split points each
// shared chunk serves, which the end-to-end tests read.
if (release) {
  const { transform } = await import("esbuild");
  const scripts = (await filesUnder(bundle)).filter(
    (file) => file.endsWith(".js") && !file.startsWith("public/examples/") && file !== "__wasm_split.js",
  );
  for (const file of scripts) {
    const path = join(bundle, file);
    const { code } = await transform(await readFile(path, "utf8"), { minify: true, legalComments: "none" });
    await writeFile(path, code);
  }
}

// The page's links carry trunk's subresource integrity, for the files as trunk wrote them: the
// stylesheet above and the widget's WebAssembly and script (scripts/split.sh) have changed
// since. Each is written again from the file itself (which the same step run again leaves as
// it is).
{
  const index = join(bundle, "index.html");
  const html = await readFile(index, "utf8");
  const linked = /(href="\.\/([^"]+)"[^>]*? integrity=")sha384-[^"]*"/g;
  const digests = new Map();
  for (const [, , file] of html.matchAll(linked)) {
    digests.set(file, createHash("sha384").update(await readFile(join(bundle, file))).digest("base64"));
  }
  for (const file of ["main.css", "competency-widget.js", "competency-widget_bg.wasm"]) {
    if (!digests.has(file)) throw new Error(`postbuild: index.html has no link to ${file} with its integrity`);
  }
  await writeFile(index, html.replace(linked, (_, start, file) => `${start}sha384-${digests.get(file)}"`));
}

// The standalone page's loading notice follows the WebAssembly's download against its size
// (public/boot.js): written on the notice before the page is hashed below.
const page = join(bundle, "index.html");
const wasmBytes = (await readFile(join(bundle, "competency-widget_bg.wasm"))).length;
await writeFile(
  page,
  (await readFile(page, "utf8"))
    .replace(/ data-wasm-bytes="\d*"/, "")
    .replace('data-competency-widget="standalone"', `data-competency-widget="standalone" data-wasm-bytes="${wasmBytes}"`),
);

// Sorted by code unit, so that the version does not depend on the order readdir returns.
const files = (await filesUnder(bundle)).filter(precached).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const manifest = [];
for (const file of files) {
  const digest = createHash("sha256").update(await readFile(join(bundle, file))).digest("base64");
  manifest.push([file, `sha256-${digest}`]);
}
const version = createHash("sha256")
  .update(manifest.map(([file, integrity]) => `${file}\0${integrity}\n`).join(""))
  .digest("hex")
  .slice(0, 16);

const header = `// Service worker of the competency widget, written by scripts/postbuild.mjs: do not edit.\n`;

const worker = release
  ? `${header}// Version ${version} of the bundle. Its scope is this file's folder: the bundle.
"use strict";

const CACHE = "${CACHE_PREFIX}${version}";
// [path relative to this file, subresource integrity]
const FILES = [
${manifest.map((entry) => `  ${JSON.stringify(entry)},`).join("\n")}
];
const SCOPE = self.registration.scope;
const PAGE = new URL("index.html", self.location).href;
const PRECACHED = new Set(FILES.map(([file]) => new URL(file, self.location).href));

// Install: fetch every file from the server (not the HTTP cache), checked against this
// build's digests, then take over without waiting for the pages of the previous version.
self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(
        FILES.map(async ([file, integrity]) => {
          const url = new URL(file, self.location);
          const response = await fetch(new Request(url, { cache: "reload", integrity }));
          if (!response.ok) throw new Error(\`\${file}: HTTP \${response.status}\`);
          // A redirected response cannot answer a navigation: keep its body and headers only.
          await cache.put(url, response.redirected ? new Response(await response.blob(), response) : response);
        }),
      );
      await self.skipWaiting();
    })(),
  );
});

// Activate: delete the caches of other versions, and control the pages already open.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("${CACHE_PREFIX}") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// Fetch: only GET requests inside the scope; everything else (uploads, other origins) goes
// to the network untouched.
self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
  const path = url.origin + url.pathname;
  if (request.mode === "navigate" && (path === SCOPE || path === PAGE)) {
    // The page, whatever its query (?name=...&role=...): the cached one, else the network.
    event.respondWith(fromCache(PAGE, true).then((cached) => cached ?? fetch(request)));
  } else if (!url.search && PRECACHED.has(path)) {
    // A file of the bundle: cache first.
    event.respondWith(fromCache(request, false).then((cached) => cached ?? fetch(request)));
  }
});

// The copy in this version's cache (without creating it again if a newer worker deleted it).
// Headers named by Vary cannot make a file of the bundle differ: they are ignored.
function fromCache(request, ignoreSearch) {
  return caches.match(request, { cacheName: CACHE, ignoreSearch, ignoreVary: true });
}
`
  : `${header}// Debug build: removes the worker a release build may have installed here, and its caches.
"use strict";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("${CACHE_PREFIX}")) await caches.delete(name);
      }
      await self.registration.unregister();
    })(),
  );
});
`;

await writeFile(
  join(bundle, WORKER),
  release ? (await (await import("esbuild")).transform(worker, { minify: true })).code : worker,
);
console.log(
  release
    ? `postbuild: ${WORKER} precaches ${files.length} files, version ${version}`
    : `postbuild: ${WORKER} (debug build: removes any installed worker)`,
);
