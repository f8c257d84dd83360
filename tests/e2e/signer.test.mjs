// The test signer (signer.mjs) against RFC 8785's examples and against the command-line tool's
// verifier: results it signs as other raters would must verify, and fail once changed.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

import { CLI, ROOT, mkdtemp, rm, runCli, tmpdir } from "./support.mjs";
import {
  BUNDLED_FRAMEWORK,
  bundledFrameworkReference,
  canonicalize,
  newRater,
  resultDocument,
  signResult,
} from "./signer.mjs";

describe("canonicalize (RFC 8785)", () => {
  test("sorts members by UTF-16 code units (section 3.2.3)", () => {
    const value = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      1: "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    // (Object.keys would put the integer-like "1" first whatever the text says: read the text.)
    const names = [...canonicalize(value).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`));
    assert.deepEqual(names, ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"]);
    assert.equal(
      canonicalize(value),
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  test("writes numbers, literals and escapes as the RFC does (section 3.2.4)", () => {
    const input = `{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
      "literals": [null, true, false]
    }`;
    assert.equal(
      canonicalize(JSON.parse(input)),
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  test("numbers of appendix B, nesting, and what JSON cannot hold", () => {
    assert.equal(canonicalize([-0, 1e21, 1e-7, 9007199254740992, 295147905179352830000]),
      "[0,1e+21,1e-7,9007199254740992,295147905179352830000]");
    assert.equal(canonicalize({ b: [{ d: 1, c: 2 }], a: {} }), '{"a":{},"b":[{"c":2,"d":1}]}');
    assert.throws(() => canonicalize(NaN));
    assert.throws(() => canonicalize({ a: Infinity }));
    assert.throws(() => canonicalize([1n]));
  });
});

describe("resultDocument", () => {
  test("leaves out absent optional fields and passes developmentPlan through", async () => {
    const rater = await newRater();
    assert.match(rater.did, /^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]+$/);
    assert.equal(rater.verificationMethod, `${rater.did}#${rater.did.slice("did:key:".length)}`);
    const framework = { id: "f", version: "1", sha256: "00".repeat(32) };
    const plain = resultDocument({
      subject: { name: "Awa", id: "", position: null },
      role: "self",
      rater,
      framework,
      ratings: [{ competency: "a", level: "trained", comment: "" }, { competency: "b", notObserved: true }],
    });
    assert.deepEqual(plain.subject, { name: "Awa" });
    assert.deepEqual(Object.keys(plain.rater), ["role", "key", "keyProtection"]);
    assert.deepEqual(plain.ratings, [{ competency: "a", level: "trained" }, { competency: "b", notObserved: true }]);
    assert.equal("challenge" in plain, false);
    assert.equal("developmentPlan" in plain, false);
    const plan = { goals: [{ competency: "a", action: "x" }] };
    const planned = resultDocument({ subject: { name: "Awa" }, role: "self", rater, framework, ratings: [], developmentPlan: plan });
    assert.deepEqual(planned.developmentPlan, plan);
  });
});

describe("signed results and the command-line verifier", () => {
  let dir;
  let framework;
  const write = async (name, document) => {
    const file = join(dir, name);
    await writeFile(file, JSON.stringify(document, null, 2));
    return file;
  };
  const verify = (...files) => runCli(["verify", "--framework", BUNDLED_FRAMEWORK, "--json", ...files]);
  const ratings = [
    { competency: "integrity", level: "advanced", comment: "Refuse tout cadeau, même modeste." },
    { competency: "service-orientation", level: "trained" },
  ];

  before(async () => {
    if (!existsSync(CLI)) {
      execFileSync("cargo", ["build", "-p", "competency-cli"], { cwd: ROOT, stdio: "inherit" });
    }
    dir = await mkdtemp(join(tmpdir(), "competency-signer-"));
    framework = await bundledFrameworkReference(runCli);
    assert.equal(framework.id, "customs-competencies");
    assert.match(framework.sha256, /^[0-9a-f]{64}$/);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("a result signed here verifies against the bundled framework", async () => {
    const rater = await newRater();
    const unsecured = resultDocument({
      subject: { id: "M-1024", name: "Awa Traoré", position: "inspector" },
      role: "peer",
      rater,
      raterName: "Koffi Mensah",
      ratings,
      framework,
      startedAt: "2026-11-28T06:40:00Z",
      completedAt: "2026-11-28T07:00:00Z",
      challenge: "nonce-123",
    });
    const secured = await signResult(unsecured, rater, { created: "2026-11-28T07:00:00Z" });
    assert.deepEqual(Object.keys(secured.proof), [
      "type", "cryptosuite", "created", "verificationMethod", "proofPurpose", "challenge", "proofValue",
    ]);
    assert.equal(secured.proof.challenge, "nonce-123");
    assert.match(secured.proof.proofValue, /^z[1-9A-HJ-NP-Za-km-z]{86,88}$/);
    const file = await write("peer.json", secured);

    const text = await runCli(["verify", "--framework", BUNDLED_FRAMEWORK, file]);
    assert.equal(text.code, 0, text.stdout + text.stderr);
    assert.match(text.stdout, /: valid: assessment of Awa Traoré \(peer\), completed 2026-11-28T07:00:00Z/);

    const { code, stdout } = await verify(file);
    assert.equal(code, 0);
    const [verdict] = JSON.parse(stdout);
    assert.equal(verdict.valid, true);
    assert.equal(verdict.id, unsecured.id);
  });

  test("changing a rating after signing breaks the signature", async () => {
    const rater = await newRater();
    const secured = await signResult(resultDocument({ subject: { name: "Awa Traoré" }, role: "supervisor", rater, ratings, framework }), rater);
    assert.equal((await verify(await write("before.json", secured))).code, 0);
    const tampered = structuredClone(secured);
    tampered.ratings[1].level = "expert";
    const { code, stdout } = await verify(await write("tampered.json", tampered));
    assert.notEqual(code, 0);
    const [verdict] = JSON.parse(stdout);
    assert.equal(verdict.valid, false);
    assert.match(verdict.reason, /signature/i);
  });

  test("a result signed with another key than the one it names is refused", async () => {
    const named = await newRater();
    const signer = await newRater();
    const document = resultDocument({ subject: { name: "Awa Traoré" }, role: "other", rater: named, ratings, framework });
    const { code } = await verify(await write("other-key.json", await signResult(document, signer)));
    assert.notEqual(code, 0);
  });

  test("results of two raters both verify, each naming its own key", async () => {
    const [first, second] = [await newRater(), await newRater()];
    assert.notEqual(first.did, second.did);
    const files = [];
    for (const [rater, role] of [[first, "self"], [second, "direct-report"]]) {
      const document = resultDocument({ subject: { name: "Awa Traoré" }, role, rater, ratings, framework });
      files.push(await write(`${role}.json`, await signResult(document, rater)));
    }
    const { code, stdout } = await verify(...files);
    assert.equal(code, 0, stdout);
    const verdicts = JSON.parse(stdout);
    assert.deepEqual(verdicts.map((v) => [v.valid, v.role]), [[true, "self"], [true, "direct-report"]]);
    assert.match(verdicts[0].key, /^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    assert.notEqual(verdicts[0].key, verdicts[1].key);
  });
});
