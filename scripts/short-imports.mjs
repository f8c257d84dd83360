// Run by scripts/split.sh on each WebAssembly file of the bundle with its wasm-bindgen script:
// gives each function the WebAssembly imports from the script a short name, in both files.
// wasm-bindgen names them after the Rust binding and a hash
// (`__wbg_querySelector_72201b7c62dc196b`), and the hashes, which compress badly, are in both
// files: some 5 KB brotli of the widget's first download.
//
// Usage: node scripts/short-imports.mjs <bundle folder> <name>   (<name>.js, <name>_bg.wasm)
//
// Each name must be a key of the script's imports object exactly once, and appear nowhere
// else in it; anything else stops the build rather than guess.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const [folder, name] = process.argv.slice(2);
if (!folder || !name) {
  console.error("usage: node scripts/short-imports.mjs <bundle folder> <name>");
  process.exit(2);
}
const wasmPath = join(folder, `${name}_bg.wasm`);
const scriptPath = join(folder, `${name}.js`);
const wasm = await readFile(wasmPath);
let script = await readFile(scriptPath, "utf8");
const MODULE = `./${name}_bg.js`;

/** An unsigned LEB128 at `at`: its value and where the next field starts. */
function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

const utf8 = (text) => Buffer.from(text, "utf8");
const withLength = (bytes) => Buffer.concat([leb(bytes.length), bytes]);

/** Skips an import's description (its kind byte included) from `at`. */
function skipDescription(bytes, at) {
  const kind = bytes[at++];
  const limits = () => {
    const flags = bytes[at++];
    [, at] = readLeb(bytes, at);
    if (flags & 1) [, at] = readLeb(bytes, at);
  };
  if (kind === 0) [, at] = readLeb(bytes, at); // function: its type index
  else if (kind === 1) {
    at += 1; // table: its element type, then its limits
    limits();
  } else if (kind === 2) limits(); // memory
  else if (kind === 3) at += 2; // global: its type and mutability
  else if (kind === 4) [, at] = readLeb(bytes, at + 1); // tag: its attribute, its type
  else throw new Error(`short-imports: import of unknown kind ${kind}`);
  return at;
}

/** A short, unique name for the n-th import: a, b, …, z, A, …, Z, aa, … */
function shortName(n) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let out = "";
  do {
    out = letters[n % letters.length] + out;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return out;
}

const parts = [wasm.subarray(0, 8)];
let at = 8;
let renamed = 0;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, start] = readLeb(wasm, at + 1);
  const end = start + size;
  if (id !== 2) {
    parts.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  let [count, p] = readLeb(wasm, start);
  const entries = [leb(count)];
  for (let i = 0; i < count; i++) {
    let length;
    [length, p] = readLeb(wasm, p);
    const module = wasm.subarray(p, p + length).toString("utf8");
    p += length;
    [length, p] = readLeb(wasm, p);
    const field = wasm.subarray(p, p + length).toString("utf8");
    p += length;
    const described = p;
    p = skipDescription(wasm, p);
    let newModule = module;
    let newField = field;
    if (module === MODULE) {
      newModule = "w";
      newField = shortName(renamed++);
      const key = `\n        ${field}: `;
      const found = script.split(key).length - 1;
      const anywhere = script.split(field).length - 1;
      if (found !== 1 || anywhere !== 1) {
        throw new Error(`short-imports: ${field} is ${found} key(s) and ${anywhere} mention(s) in ${scriptPath}`);
      }
      script = script.replace(key, `\n        ${newField}: `);
    }
    entries.push(withLength(utf8(newModule)), withLength(utf8(newField)), wasm.subarray(described, p));
  }
  if (p !== end) throw new Error("short-imports: the import section did not parse to its end");
  const body = Buffer.concat(entries);
  parts.push(Buffer.from([2]), leb(body.length), body);
  at = end;
}

const moduleKey = `"${MODULE}": import0`;
if (script.split(moduleKey).length - 1 !== 1) throw new Error(`short-imports: no ${moduleKey} in ${scriptPath}`);
script = script.replace(moduleKey, `"w": import0`);
await writeFile(wasmPath, Buffer.concat(parts));
await writeFile(scriptPath, script);
console.log(`short-imports: ${renamed} imports of ${name} renamed`);
