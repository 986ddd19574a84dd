/**
 * `vital-signs pilot` with and without `--records-out` writes the same package, byte for byte but for the line of
 * datapackage.json that says what this run wrote of respondents (pseudonyms in the record files, or none), and prints the same:
 * the tally tells respondents apart by SipHash under a key of its own for the run (lib/pilot/siphash.ts), whatever is
 * asked of the record files; and the record files written hold each raw id's HMAC-SHA256 pseudonym under the user's
 * key, as pseudonymiseRecordsCsv gives it (the pseudonyms must match across waves).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { pseudonymiseRecordsCsv } from "../../lib/pilot/pseudonymise";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const ROOT = path.resolve(__dirname, "..", "..");
const RECORDS = path.join(ROOT, "datasets", "pilot-records-synthetic");
const INSTRUMENTS = path.join(RECORDS, "instruments.json");
const KEY_TEXT = "a-test-key-that-lives-outside-the-repo";

/** Every file of a folder, by name, as bytes (base64). */
function folderBytes(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f)).toString("base64")]));
}

/** Run pilot on the synthetic records; its exit code, what it printed (the output folder's name aside) and the package. */
async function run(keyFile: string, workers: number, recordsOut?: string): Promise<{ code: number; out: string; err: string; files: Record<string, string> }> {
  const out = path.join(tempDir("vsw-pilot-records-out-"), "pkg");
  const args = ["pilot", RECORDS, "--instruments", INSTRUMENTS, "--out", out, "--key-file", keyFile, "--created", "2026-01-01T00:00:00Z", "--workers", String(workers)];
  const c = capture();
  const code = await main(recordsOut === undefined ? args : [...args, "--records-out", recordsOut], c.io);
  // the key's line says whether pseudonyms were written: the rest of what is printed must be the same
  const printed = c.out.join("").replaceAll(out, "OUT").replace(/, (no pseudonym written \(no --records-out\), so no key used|key from file)\n/, ", KEY\n");
  return { code, out: printed, err: c.err.join(""), files: fs.existsSync(out) ? folderBytes(out) : {} };
}

test("pilot writes the same package and prints the same with --records-out as without, with --workers 0 and 1", async () => {
  const keyFile = path.join(tempDir("vsw-key-"), "pilot.key");
  fs.writeFileSync(keyFile, KEY_TEXT + "\n");
  const plain = await run(keyFile, 0);
  assert.equal(plain.code, 0, plain.err);
  assert.ok(Object.keys(plain.files).length >= 4);
  const pseudonymisation = (files: Record<string, string>) => {
    const descriptor = JSON.parse(Buffer.from(files["datapackage.json"], "base64").toString("utf8"));
    const said = descriptor.provenance.pilot.pseudonymisation as string;
    delete descriptor.provenance.pilot.pseudonymisation;
    return { said, rest: { ...files, "datapackage.json": JSON.stringify(descriptor) } };
  };
  assert.equal(pseudonymisation(plain.files).said, "none written (no --records-out); respondents told apart in memory by SipHash-2-4 under a random key made for the run");
  for (const workers of [0, 1]) {
    const recordsOut = path.join(tempDir("vsw-pilot-records-"), "pseudonymised");
    const withRecords = await run(keyFile, workers, recordsOut);
    assert.deepEqual({ ...withRecords, files: pseudonymisation(withRecords.files).rest }, { ...plain, files: pseudonymisation(plain.files).rest }, `--workers ${workers} --records-out`);
    assert.match(pseudonymisation(withRecords.files).said, /^HMAC-SHA256, key from file, in the record files written by --records-out$/);
    // the record files: each raw id replaced by its HMAC-SHA256 pseudonym under the key, as the import step gives it
    const names = fs.readdirSync(RECORDS).filter((f) => f.startsWith("records-")).sort();
    assert.deepEqual(fs.readdirSync(recordsOut).sort(), names);
    for (const f of names) {
      const expected = pseudonymiseRecordsCsv(fs.readFileSync(path.join(RECORDS, f)), f, Buffer.from(KEY_TEXT)).csv;
      assert.equal(fs.readFileSync(path.join(recordsOut, f), "utf8"), expected, f);
    }
  }
});
