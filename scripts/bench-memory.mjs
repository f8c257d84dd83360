// Peak memory of the command-line tool verifying results, against the size of the file: a
// result of the largest size accepted (1 MiB, long comments), a usual one, and a file fifty
// times too large (refused before it is read). Runs the built tool given as argv[2], under
// /usr/bin/time, which reports the peak resident memory of what it runs.

import { spawnSync } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../tests/e2e/support.mjs";
import { bundledFrameworkReference, newRater, resultDocument, signResult } from "../tests/e2e/signer.mjs";

const cli = process.argv[2];
const MAX_RESULT_BYTES = 1024 * 1024;
const scratch = await mkdtemp(join(tmpdir(), "competency-memory-"));
try {
  const framework = await bundledFrameworkReference(runCli);
  const competencies = ["integrity", "service-orientation", "accountability", "teamwork", "customs-law"];
  const signed = async (commentChars) => {
    const rater = await newRater();
    const comment = "Observé lors des contrôles de mars : é".repeat(Math.ceil(commentChars / 38)).slice(0, commentChars);
    const document = resultDocument({
      subject: { id: "M-1024", name: "Awa Traoré", position: "customs-officer" },
      role: "peer",
      rater,
      framework,
      ratings: competencies.map((competency) => ({ competency, level: "trained", comment })),
    });
    return JSON.stringify(await signResult(document, rater));
  };
  // The largest accepted: grow the comments until the file is just under the limit.
  const bytes = (text) => Buffer.byteLength(text);
  let chars = 1000;
  let large = await signed(chars);
  while (bytes(large) < MAX_RESULT_BYTES * 0.97 || bytes(large) > MAX_RESULT_BYTES) {
    chars = Math.floor((chars * (MAX_RESULT_BYTES * 0.98)) / bytes(large));
    large = await signed(chars);
  }
  const files = {
    usual: await signed(300),
    largest: large,
  };
  const peak = (args) => {
    const run = spawnSync("/usr/bin/time", ["-f", "%M", cli, ...args], { encoding: "utf8" });
    return { kb: Number(run.stderr.trim().split("\n").at(-1)), run };
  };
  // The tool itself, doing nothing: what a file adds is the difference.
  const idle = peak(["help"]).kb;
  console.log(`the tool idle: peak ${(idle / 1024).toFixed(1)} MiB resident`);
  const measure = async (name, text) => {
    const path = join(scratch, `${name}.json`);
    await writeFile(path, text);
    const { kb, run } = peak(["verify", path]);
    const size = (await stat(path)).size;
    const verdict = run.status === 0 ? "valid" : run.stderr.split("\n")[0].replace(path, name);
    console.log(
      `verify ${name.padEnd(8)} ${String((size / 1024).toFixed(0)).padStart(5)} KB: peak ${(kb / 1024).toFixed(1)} MiB resident, ` +
        `${(((kb - idle) * 1024) / size).toFixed(1)}× the file above the idle tool, ${verdict}`,
    );
  };
  await measure("usual", files.usual);
  await measure("largest", files.largest);
  // Fifty times the limit: refused from its size alone.
  const huge = join(scratch, "huge.json");
  await writeFile(huge, " ".repeat(50 * MAX_RESULT_BYTES));
  const { kb, run } = peak(["verify", huge]);
  console.log(
    `verify a 50 MiB file: peak ${(kb / 1024).toFixed(1)} MiB resident, ${run.stderr.split("\n")[0].replace(huge, "huge.json")}`,
  );
} finally {
  await rm(scratch, { recursive: true, force: true });
}
