// An independent signer of assessment results, for end-to-end tests that need results signed
// by other raters than the app's. Only node:crypto: it shares no code with the app, so that a
// result it signs and the app (or the command-line tool) accepts shows that both follow the
// recommendations, not merely each other.
//
// - W3C "Data Integrity EdDSA Cryptosuites v1.0", section 3.3, cryptosuite `eddsa-jcs-2022`
//   (https://www.w3.org/TR/vc-di-eddsa/#eddsa-jcs-2022);
// - RFC 8785 (JCS) for the canonical form;
// - did:key (https://w3c-ccg.github.io/did-key-spec/) for Ed25519 keys;
// - the result format: public/result.schema.json, crates/core/src/result.rs.

import { createHash, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { readFileSync } from "node:fs";

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/** `bytes` in base58btc (Bitcoin alphabet); each leading zero byte is a `1`. */
function base58(bytes) {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  let text = "";
  while (n > 0n) {
    text = BASE58[Number(n % 58n)] + text;
    n /= 58n;
  }
  return "1".repeat(zeros) + text;
}

/** `bytes` as a multibase base58btc value: `z…`. */
export function multibase(bytes) {
  return `z${base58(bytes)}`;
}

/** The raw 32 bytes of an Ed25519 public KeyObject. */
function rawPublicKey(publicKey) {
  const { x } = publicKey.export({ format: "jwk" });
  const raw = Buffer.from(x, "base64url");
  if (raw.length !== 32) throw new Error(`an Ed25519 public key has 32 bytes, not ${raw.length}`);
  return raw;
}

/**
 * A fresh Ed25519 rater: `{ did, verificationMethod, privateKey }` with `did` the key's
 * did:key (`did:key:z6Mk…`), `verificationMethod` `did:key:z6Mk…#z6Mk…`, and `privateKey` a
 * node:crypto KeyObject.
 */
export async function newRater() {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  // The multicodec code of ed25519-pub, 0xed, as an unsigned varint: ed 01.
  const key = multibase(Buffer.concat([Buffer.from([0xed, 0x01]), rawPublicKey(publicKey)]));
  const did = `did:key:${key}`;
  return { did, verificationMethod: `${did}#${key}`, privateKey, publicKey };
}

/**
 * `value` in RFC 8785 canonical form (a string): object members sorted by the UTF-16 code
 * units of their names, primitives as ECMAScript's JSON.stringify writes them. Object members
 * whose value is `undefined` are left out, as JSON.stringify does; non-finite numbers and
 * values JSON has no form for throw.
 */
export function canonicalize(value) {
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    return JSON.stringify(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`JCS has no form for the number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalize).join(",")}]`;
  }
  if (typeof value === "object") {
    // Array.prototype.sort without a comparator orders strings by UTF-16 code units.
    const names = Object.keys(value)
      .filter((name) => value[name] !== undefined)
      .sort();
    return `{${names.map((name) => `${JSON.stringify(name)}:${canonicalize(value[name])}`).join(",")}}`;
  }
  throw new TypeError(`JCS has no form for a value of type ${typeof value}`);
}

const sha256 = (text) => createHash("sha256").update(text, "utf8").digest();

/** Now, or `date`, as an RFC 3339 UTC timestamp to the second: `2026-11-28T07:00:00Z`. */
export function rfc3339(date = new Date()) {
  return date.toISOString().replace(/\.\d+Z$/, "Z");
}

/**
 * `unsecured` (a JSON object without `proof`) secured with a Data Integrity proof, cryptosuite
 * eddsa-jcs-2022, by `rater` (from newRater). `created` defaults to now (RFC 3339, UTC, to the
 * second); `challenge` defaults to the document's own `challenge` (as the app binds a portal's
 * challenge into both), `domain` to none. Returns a new object; `unsecured` is not changed.
 */
export async function signResult(unsecured, rater, { created = rfc3339(), challenge, domain } = {}) {
  if (unsecured === null || typeof unsecured !== "object" || Array.isArray(unsecured)) {
    throw new TypeError("only a JSON object can be secured");
  }
  if ("proof" in unsecured) throw new Error("the document already has a proof");
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(created)) {
    throw new Error(`created must be an XML Schema dateTimeStamp, not ${created}`);
  }
  challenge ??= typeof unsecured.challenge === "string" ? unsecured.challenge : undefined;
  // Create Proof, step 1: the proof options.
  const proof = {
    type: "DataIntegrityProof",
    cryptosuite: "eddsa-jcs-2022",
    created,
    verificationMethod: rater.verificationMethod,
    proofPurpose: "assertionMethod",
  };
  if (challenge !== undefined) proof.challenge = challenge;
  if (domain !== undefined) proof.domain = domain;
  // Step 2: with the document's @context, if it has one.
  if (unsecured["@context"] !== undefined) proof["@context"] = unsecured["@context"];
  // Steps 3 to 5: Transformation, Proof Configuration, Hashing.
  const document = JSON.parse(JSON.stringify(unsecured));
  const hashData = Buffer.concat([sha256(canonicalize(proof)), sha256(canonicalize(document))]);
  // Step 6, Proof Serialization: Ed25519 over the 64 bytes.
  const signature = sign(null, hashData, rater.privateKey);
  return { ...document, proof: { ...proof, proofValue: multibase(signature) } };
}

/**
 * An unsecured result of this project's format (public/result.schema.json), rated by `rater`
 * (from newRater) with a non-extractable key. `ratings` are `{ competency, level }` or
 * `{ competency, notObserved: true }`, with an optional `comment` and `evidence`. Optional
 * fields left out or empty are not written; `developmentPlan` is passed through untouched
 * when given.
 */
export function resultDocument({
  subject: { id: subjectId, name, position } = {},
  role,
  rater,
  ratings,
  locale = "fr",
  framework,
  completedAt = rfc3339(),
  startedAt = completedAt,
  raterId,
  raterName,
  challenge,
  developmentPlan,
}) {
  const given = (text) => typeof text === "string" && text !== "";
  const document = {
    type: "CompetencyAssessmentResult",
    formatVersion: 1,
    id: randomUUID(),
    app: { name: "competency-widget", version: "e2e-signer" },
    framework: { id: framework.id, version: framework.version, sha256: framework.sha256 },
    subject: {
      ...(given(subjectId) && { id: subjectId }),
      name,
      ...(given(position) && { position }),
    },
    rater: {
      role,
      ...(given(raterId) && { id: raterId }),
      ...(given(raterName) && { name: raterName }),
      key: rater.did,
      keyProtection: "non-extractable",
    },
    locale,
    startedAt,
    completedAt,
    ratings: ratings.map(({ competency, level, notObserved, comment, evidence }) => ({
      competency,
      ...(given(level) && { level }),
      ...(notObserved === true && { notObserved: true }),
      ...(given(comment) && { comment }),
      ...(given(evidence) && { evidence }),
    })),
  };
  if (given(challenge)) document.challenge = challenge;
  if (developmentPlan !== undefined) document.developmentPlan = developmentPlan;
  return document;
}

/** Hexadecimal SHA-256 of `value`'s canonical JSON (RFC 8785). */
export function canonicalSha256(value) {
  return sha256(canonicalize(value)).toString("hex");
}

/** The framework shipped with the app and the command-line tool. */
export const BUNDLED_FRAMEWORK = new URL("../../crates/core/frameworks/customs.json", import.meta.url).pathname;

/**
 * The `{ id, version, sha256 }` a result made against the framework at `path` (by default the
 * bundled one) names: `sha256` hashes the canonical JSON of the framework's normal form, which
 * the command-line tool writes with `convert --from native --to native FILE -`. `runCli` is
 * support.mjs's.
 */
export async function bundledFrameworkReference(runCli, path = BUNDLED_FRAMEWORK) {
  const { code, stdout, stderr } = await runCli(["convert", "--from", "native", "--to", "native", path, "-"]);
  if (code !== 0) throw new Error(`competency convert failed (${code}): ${stderr}`);
  const normal = JSON.parse(stdout);
  return { id: normal.id, version: normal.version, sha256: canonicalSha256(normal) };
}

/** The competencies the bundled framework's customs-officer position requires, in its order. */
export const CUSTOMS_OFFICER = JSON.parse(readFileSync(BUNDLED_FRAMEWORK, "utf8"))
  .positions.find((p) => p.id === "customs-officer")
  .requirements.map((r) => r.competency);

/**
 * A result about Awa Traoré (M-1024, customs officer), signed by a new rater of `role` against
 * `framework` (a reference), every competency of her position rated: `levels` names a level
 * (or "not-observed") where it is not "trained", `comments` a comment.
 */
export async function resultAboutAwa(framework, role, levels = {}, comments = {}) {
  const rater = await newRater();
  const document = resultDocument({
    subject: { id: "M-1024", name: "Awa Traoré", position: "customs-officer" },
    role,
    rater,
    framework,
    ratings: CUSTOMS_OFFICER.map((competency) => {
      const level = levels[competency] ?? "trained";
      return {
        competency,
        ...(level === "not-observed" ? { notObserved: true } : { level }),
        comment: comments[competency],
      };
    }),
  });
  return signResult(document, rater);
}
