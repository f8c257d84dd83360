// Writes a brotli (quality 11) and a gzip (level 9) copy beside every file of the bundle a
// browser downloads (name.br, name.gz), for servers that send precompressed files: the
// WebAssembly is a third of its size in brotli, and at 400 kbit/s that is seconds of a first
// visit. A copy that would not be smaller is not written. Usage: node scripts/compress.mjs DIR

import { readdir, readFile, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".wasm", ".css", ".json", ".svg", ".txt"]);

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/compress.mjs DIR");
  process.exit(2);
}

async function compress(folder) {
  let written = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      written += await compress(path);
      continue;
    }
    if (!COMPRESSIBLE.has(extname(entry.name))) continue;
    const bytes = await readFile(path);
    const copies = [
      [".br", brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })],
      [".gz", gzipSync(bytes, { level: 9 })],
    ];
    for (const [suffix, copy] of copies) {
      if (copy.length < bytes.length) {
        await writeFile(path + suffix, copy);
        written += 1;
      }
    }
  }
  return written;
}

console.log(`compress: ${await compress(dir)} brotli and gzip copies written beside the bundle's files`);
