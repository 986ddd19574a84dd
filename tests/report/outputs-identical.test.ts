/**
 * Outputs identical: the files a user reads (results.json, report.html, the CSV exports, profile.html and
 * profile.json) for one fixed input and seed, compared with the fingerprints committed in
 * `tests/report/golden/outputs.json`. A refactor (issue #16: "no behaviour change") must leave them as they are.
 *
 * What is normalised before hashing, and why: the output directory and the checkout's folder (both are in the
 * recorded command line, which names the package by its absolute path), the git commit and whether the checkout has uncommitted changes (they change with every commit), the run id
 * (a hash of the results, which contain the commit) and ISO timestamps (the time of the run). Nothing else.
 *
 * A deliberate change of output (a new section, a corrected number) updates the fingerprints with
 * `VSW_UPDATE_GOLDEN=1 node --import tsx --test tests/report/outputs-identical.test.ts`, in its own commit that
 * says what changed and why. On a mismatch the normalised files are left in a temporary folder, named in the
 * failure, to diff against a run of the previous commit.
 */
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");
const GOLDEN = path.join(__dirname, "golden/outputs.json");
const UPDATE = process.env.VSW_UPDATE_GOLDEN === "1";
/** The checkout's folder, which differs between machines and clones. */
const ROOT = path.resolve(__dirname, "../..");

/** The LA whose profile is fingerprinted: the first row of the synthetic package's areas.csv. */
function firstLa(): string {
  const lines = fs.readFileSync(path.join(DATASET, "areas.csv"), "utf8").split(/\r?\n/);
  return lines[1].split(",")[0];
}

/** Text with the run-specific parts replaced by placeholders (see the file header for the list). */
export function normalise(text: string, outDir: string): string {
  return text
    .split(outDir).join("<OUT>")
    .split(ROOT).join("<ROOT>")
    .replace(/\b[0-9a-f]{40}\b/g, "<COMMIT>")
    .replace(/\b[0-9a-f]{12}\b/g, "<COMMIT12>")
    .replace(/ \(with uncommitted changes\)/g, "")
    .replace(/("run_id":\s*"|vital-signs-run-id" content=")[0-9a-f]{16}/g, "$1<RUN_ID>")
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g, "<TIME>");
}

function fingerprint(file: string, outDir: string): string {
  return createHash("sha256").update(normalise(fs.readFileSync(file, "utf8"), outDir)).digest("hex");
}

describe("outputs identical for the same input and seed (golden fingerprints)", () => {
  const analyseOut = tempDir("vsw-golden-analyse-");
  const profileOut = tempDir("vsw-golden-profile-");
  const actual: Record<string, string> = {};

  before(async () => {
    const a = capture();
    const codeA = await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--context", "idaci_score", "--seed", "7", "--resamples", "200", "--out", analyseOut], a.io);
    assert.equal(codeA, 0, a.err.join(""));
    const p = capture();
    const codeP = await main(["profile", DATASET, "--la", firstLa(), "--out", profileOut], p.io);
    assert.equal(codeP, 0, p.err.join(""));
    for (const f of ["results.json", "report.html", "screen.csv", "verdicts.csv", "completeness.csv"]) actual[`analyse/${f}`] = fingerprint(path.join(analyseOut, f), analyseOut);
    for (const f of ["profile.json", "profile.html"]) actual[`profile/${f}`] = fingerprint(path.join(profileOut, f), profileOut);
    if (UPDATE) {
      fs.mkdirSync(path.dirname(GOLDEN), { recursive: true });
      fs.writeFileSync(GOLDEN, JSON.stringify(actual, null, 2) + "\n");
    }
  });

  test("normalise replaces only the run-specific parts", () => {
    const t = normalise('{"run_id": "0123456789abcdef", "x": 1.5} /tmp/o/report.html 2026-12-04T22:28:15.471Z', "/tmp/o");
    assert.equal(t, '{"run_id": "<RUN_ID>", "x": 1.5} <OUT>/report.html <TIME>');
    assert.equal(normalise("p = 0.0123", "/tmp/o"), "p = 0.0123");
  });

  test("every fingerprinted file matches tests/report/golden/outputs.json", () => {
    const golden = JSON.parse(fs.readFileSync(GOLDEN, "utf8")) as Record<string, string>;
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(golden).sort());
    const changed = Object.keys(golden).filter((k) => golden[k] !== actual[k]);
    assert.deepEqual(changed, [], `outputs changed: ${changed.join(", ")}; the files are in ${analyseOut} and ${profileOut} ` +
      "(normalise them as this test does and diff against the previous commit's; if the change is meant, update the fingerprints with VSW_UPDATE_GOLDEN=1)");
  });
});
