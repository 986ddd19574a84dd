/**
 * `vital-signs pilot --workers N`: the package, byte for byte, and every line the command prints are the same
 * whatever N (below 16 MB of records the default is one thread; --workers asks for more on any input, and the files
 * of the synthetic records, 90–200 KB, are then cut into blocks of 64 KiB). With invalid records, the same errors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const ROOT = path.resolve(__dirname, "..", "..");
const RECORDS = path.join(ROOT, "datasets", "pilot-records-synthetic");
const INSTRUMENTS = path.join(RECORDS, "instruments.json");

/** Every file of a folder, by name, as bytes. */
function folderBytes(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f)).toString("base64")]));
}

/** Run pilot on `dir` with `workers`; its exit code, what it printed (the output folder's name aside) and the package. */
async function run(dir: string, workers: number, keyFile: string): Promise<{ code: number; out: string; err: string; files: Record<string, string> }> {
  const out = path.join(tempDir("vsw-pilot-workers-"), "pkg");
  const c = capture();
  const code = await main(["pilot", dir, "--instruments", INSTRUMENTS, "--out", out, "--key-file", keyFile, "--created", "2026-01-01T00:00:00Z", "--workers", String(workers)], c.io);
  return { code, out: c.out.join("").replaceAll(out, "OUT"), err: c.err.join(""), files: fs.existsSync(out) ? folderBytes(out) : {} };
}

function keyFile(): string {
  const file = path.join(tempDir("vsw-key-"), "pilot.key");
  fs.writeFileSync(file, "a-test-key-that-lives-outside-the-repo\n");
  return file;
}

test("pilot --workers 1 and 2 write the package --workers 0 writes, byte for byte, and print the same", async () => {
  const key = keyFile();
  const one = await run(RECORDS, 0, key);
  assert.equal(one.code, 0, one.err);
  assert.ok(Object.keys(one.files).length >= 4);
  for (const workers of [1, 2]) assert.deepEqual(await run(RECORDS, workers, key), one);
});

test("pilot --workers 1 on invalid records gives the errors of one thread", async () => {
  const dir = tempDir("vsw-pilot-workers-bad-");
  fs.copyFileSync(path.join(RECORDS, "areas.csv"), path.join(dir, "areas.csv"));
  for (const f of fs.readdirSync(RECORDS).filter((f) => f.startsWith("records-"))) {
    // every 97th record names an LA that is not in the areas, and one in 1,000 repeats the record before it
    const lines = fs.readFileSync(path.join(RECORDS, f), "utf8").split("\n");
    const bad = lines.map((l, i) => (i > 0 && i % 97 === 0 ? l.replace(/,E069\d+,/, ",E06999999,") : i > 0 && i % 1000 === 0 ? lines[i - 1] : l));
    fs.writeFileSync(path.join(dir, f), bad.join("\n"));
  }
  const key = keyFile();
  const one = await run(dir, 0, key);
  assert.equal(one.code, 1);
  assert.match(one.err, /invalid pilot records: 36 error\(s\)/);
  assert.deepEqual(await run(dir, 1, key), one);
});
