/**
 * Naming LAs on the command line (`analyse --las`, `profile --la`) as `add` names them: a name with a comma, a name
 * two LAs have shared, an LA that no longer existed in the analysis period (the round-17 walkthrough's findings 7, 8,
 * 9 and 13a).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";
import { tempFile } from "../data/own-data/fixture";
import { writeReorganisedPackage } from "../data/reorganised-las-fixture";

const PKG = writeReorganisedPackage();

/** LAs of every year that the lists below add, so that each analysis has the six LAs it needs (the fixture's note). */
const PLAIN = "Kirklees,Leeds,Wakefield,York";
const PLAIN_CODES = ["E06000014", "E08000034", "E08000035", "E08000036"];
const withPlain = (codes: string[]) => [...codes, ...PLAIN_CODES].sort();

/** Run `analyse` on the fixture with a few resamples; returns the exit code, stderr and results.json's LAs when written. */
async function analyse(...options: string[]): Promise<{ code: number; err: string; las?: string[] }> {
  const out = tempDir("vsw-las-names-");
  const c = capture();
  const code = await main(["analyse", PKG, "--outcome", "stable_school_pct", "--context", "none", "--resamples", "10", "--out", out, ...options], c.io);
  const results = path.join(out, "results.json");
  const las = fs.existsSync(results) ? (JSON.parse(fs.readFileSync(results, "utf8")).las_restriction.las as string[]) : undefined;
  return { code, err: c.err.join(""), las };
}

test("a --las file names Bournemouth, Christchurch and Poole on its line, with or without quotes (finding 7)", async () => {
  const plain = await analyse("--period", "2024", "--las", tempFile("pilot-las.txt", `# pilot\nBournemouth, Christchurch and Poole\nBristol, City of\nSt Helens\n${PLAIN}\n`));
  assert.equal(plain.code, 0, plain.err);
  assert.deepEqual(plain.las, withPlain(["E06000023", "E06000058", "E08000013"]));
  const quoted = await analyse("--period", "2024", "--las", tempFile("las-bcp-quoted.txt", `"Bournemouth, Christchurch and Poole"\n"St Helens"\n${PLAIN}\n`));
  assert.equal(quoted.code, 0, quoted.err);
  assert.deepEqual(quoted.las, withPlain(["E06000058", "E08000013"]));
});

test("an inline --las list names it too, with or without quotes (finding 7)", async () => {
  for (const list of ['"Bournemouth, Christchurch and Poole",St Helens', "Bournemouth, Christchurch and Poole,St Helens"]) {
    const r = await analyse("--period", "2024", "--las", `${list},${PLAIN}`);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.las, withPlain(["E06000058", "E08000013"]), list);
  }
});

test("--las Bournemouth in 2024 is refused as an LA of the list that ended in 2019, naming its successors, not blamed on --outcome (finding 8)", async () => {
  const r = await analyse("--period", "2024", "--las", "Poole,Bournemouth");
  assert.equal(r.code, 1);
  assert.match(r.err, /^vital-signs analyse: --las: expected LAs of the package .*"Bournemouth": Bournemouth \(E06000028\) existed until 2019, not in 2024, the analysis period; the LA that replaced it from 2020: Bournemouth, Christchurch and Poole \(E06000058\)\n/);
  assert.doesNotMatch(r.err, /--outcome/);
  const file = tempFile("las-bournemouth.txt", "Bournemouth\n");
  const fromFile = await analyse("--period", "2024", "--las", file);
  assert.equal(fromFile.code, 1);
  assert.ok(fromFile.err.startsWith(`vital-signs analyse: --las ${file}: expected LAs of the package`), fromFile.err);
});

test("without --period a name is resolved in the analysis period, the latest (finding 9)", async () => {
  const dorset = await analyse("--las", `Dorset,Bristol,St Helens,${PLAIN}`);
  assert.equal(dorset.code, 0, dorset.err);
  assert.deepEqual(dorset.las, withPlain(["E06000023", "E06000059", "E08000013"]));
  // and in an earlier period, the LA of that period
  const earlier = await analyse("--period", "2019", "--las", `Dorset,Bristol,St Helens,${PLAIN}`);
  assert.equal(earlier.code, 0, earlier.err);
  assert.deepEqual(earlier.las, withPlain(["E06000023", "E08000013", "E10000009"]));
  const cumbria = await analyse("--las", "Cumbria,Bristol,St Helens");
  assert.equal(cumbria.code, 1);
  assert.match(cumbria.err, /"Cumbria": Cumbria \(E10000006\) existed until 2023, not in 2024, the analysis period; the LAs that replaced it from 2024: Cumberland \(E06000063\), Westmorland and Furness \(E06000064\)/);
  assert.doesNotMatch(cumbria.err, /fits 2 LAs/);
});

test("a list of codes none of which existed in the analysis period is refused by --las (finding 8, by code)", async () => {
  const r = await analyse("--period", "2024", "--las", "E06000028,E06000029");
  assert.equal(r.code, 1);
  assert.match(r.err, /--las: expected at least one LA that existed in 2024, the analysis period \(listed: E06000028, E06000029\)/);
});

test("profile --la takes the names add and --las take: St Helens, City of Bristol, BCP, Dorset by period (finding 13a)", async () => {
  for (const [given, expected] of [["St Helens", "St. Helens (E08000013)"], ["City of Bristol", "Bristol, City of (E06000023)"], ["BCP", "Bournemouth, Christchurch and Poole (E06000058)"], ["Dorset", "Dorset (E06000059)"]]) {
    const c = capture();
    const code = await main(["profile", PKG, "--la", given, "--neighbours", "context", "--out", tempDir("vsw-las-profile-")], c.io);
    assert.equal(code, 0, c.err.join(""));
    assert.ok(c.out.join("").startsWith(`${expected}:`), `${given}: ${c.out.join("")}`);
  }
  const older = capture();
  assert.equal(await main(["profile", PKG, "--la", "Dorset", "--period", "2019", "--neighbours", "context", "--out", tempDir("vsw-las-profile-")], older.io), 0, older.err.join(""));
  assert.ok(older.out.join("").startsWith("Dorset (E10000009):"), older.out.join(""));
  const wrong = capture();
  assert.equal(await main(["profile", PKG, "--la", "St Helen", "--neighbours", "context", "--out", tempDir("vsw-las-profile-")], wrong.io), 2);
  assert.match(wrong.err.join(""), /--la: "St Helen": no LA named "St Helen" in areas.csv \(did you mean "St\. Helens"\?\)/);
});

test("a list whose LAs have no value of the outcome is refused by --las, not blamed on --outcome", async () => {
  const r = await analyse("--las", "Westmorland and Furness");
  assert.equal(r.code, 1);
  assert.match(r.err, /^vital-signs analyse: --las: the outcome stable_school_pct has values for other LAs of the package but none for the LA kept \(got "Westmorland and Furness"\)/);
  const region = await analyse("--las", "Westmorland and Furness,Cumberland", "--region", "South West");
  assert.equal(region.code, 1);
  assert.match(region.err, /no LA is in both the list and the region/);
});
