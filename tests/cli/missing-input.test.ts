/**
 * A missing input is worded one way by every command: `vital-signs CMD: NAME: must be an existing KIND (got "PATH")`,
 * exit 1, no usage text. import and check-disclosure had said "source path does not exist" and "path does not exist",
 * returns "DIR: must be a folder", reproduce-2016 "official data not found at PATH" (with no quotes), add and pilot
 * "PATH: expected an existing file" or "1 error(s) - PATH: expected an instrument definition file" (round 26).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "..", "..", "datasets", "pilot-synthetic");

/** Run a command and check that it printed `message` alone on stderr, exited 1 and wrote nothing. */
async function refuses(args: (gone: string, out: string) => string[], message: (gone: string) => string): Promise<void> {
  const parent = tempDir("vsw-missing-");
  const gone = path.join(parent, "nowhere");
  const out = path.join(parent, "out");
  const c = capture();
  const code = await main(args(gone, out), c.io);
  assert.equal(c.err.join(""), `${message(gone)}\n`);
  assert.equal(code, 1);
  assert.deepEqual(fs.readdirSync(parent), [], "nothing written");
}

const q = JSON.stringify;

test("validate: DIR", () => refuses((g) => ["validate", g], (g) => `vital-signs validate: DIR: must be an existing data package folder (got ${q(g)})`));
test("analyse: DIR", () => refuses((g, o) => ["analyse", g, "--outcome", "ofsted_overall", "--out", o], (g) => `vital-signs analyse: DIR: must be an existing data package folder (got ${q(g)})`));
test("list: PKG", () => refuses((g) => ["list", g, "indicators"], (g) => `vital-signs list: PKG: must be an existing data package folder (got ${q(g)})`));
test("profile: DIR", () => refuses((g, o) => ["profile", g, "--la", "E06000059", "--out", o], (g) => `vital-signs profile: DIR: must be an existing data package folder (got ${q(g)})`));
test("panel: PKG", () => refuses((g, o) => ["panel", g, "--outcome", "x_pct", "--out", o], (g) => `vital-signs panel: PKG: must be an existing data package folder (got ${q(g)})`));
test("holdout: PKG", () => refuses((g, o) => ["holdout", g, "--outcome", "x_pct", "--train-until", "2022", "--out", o], (g) => `vital-signs holdout: PKG: must be an existing data package folder (got ${q(g)})`));
test("add: PKG, FILE and --meta", async () => {
  await refuses((g, o) => ["add", g, path.join(DATASET, "indicators.csv"), "--out", o], (g) => `vital-signs add: PKG: must be an existing data package folder (got ${q(g)})`);
  await refuses((g, o) => ["add", DATASET, `${g}.csv`, "--out", o], (g) => `vital-signs add: FILE: must be an existing file (got ${q(`${g}.csv`)})`);
  await refuses((g, o) => ["add", DATASET, path.join(DATASET, "indicators.csv"), "--meta", `${g}.meta.csv`, "--out", o], (g) => `vital-signs add: --meta: must be an existing file (got ${q(`${g}.meta.csv`)})`);
});
test("pilot: DIR and --instruments", async () => {
  await refuses((g, o) => ["pilot", g, "--instruments", path.join(DATASET, "datapackage.json"), "--out", o], (g) => `vital-signs pilot: DIR: must be an existing folder (got ${q(g)})`);
  await refuses((g, o) => ["pilot", DATASET, "--instruments", `${g}.json`, "--out", o], (g) => `vital-signs pilot: --instruments: must be an existing file (got ${q(`${g}.json`)})`);
});
test("import: SRC", () => refuses((g, o) => ["import", g, "--out", o], (g) => `vital-signs import: SRC: must be an existing file or folder (got ${q(g)})`));
test("returns: DIR and --population", async () => {
  await refuses((g, o) => ["returns", g, "--out", o, "--ephemeral-key"], (g) => `vital-signs returns: DIR: must be an existing folder (got ${q(g)})`);
  await refuses((g, o) => ["returns", DATASET, "--out", o, "--ephemeral-key", "--population", `${g}.csv`], (g) => `vital-signs returns: --population: must be an existing file or package folder (got ${q(`${g}.csv`)})`);
});
test("check-disclosure: PATH", () => refuses((g) => ["check-disclosure", DATASET, g], (g) => `vital-signs check-disclosure: PATH: must be an existing file or folder (got ${q(g)})`));
test("reproduce-2016: --data and --package", async () => {
  await refuses((g) => ["reproduce-2016", "--data", g], (g) => `vital-signs reproduce-2016: --data: must be an existing folder (got ${q(g)})`);
  await refuses((g) => ["reproduce-2016", "--package", g], (g) => `vital-signs reproduce-2016: --package: must be an existing data package folder (got ${q(g)})`);
});
