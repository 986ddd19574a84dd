/**
 * `vital-signs analyse` refuses an analysis the method cannot run: too few LAs to resample (each half-sample must
 * hold enough LAs for a partial correlation given the context to have a p-value), rather than writing results
 * from 0 usable resamples and exiting 0 (the official 2019 EET run on 2 LAs did).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");
const FIVE_LAS = ["E06900001", "E06900002", "E06900003", "E06900004", "E06900005"].join(",");

test("five LAs with one context variable are refused: exit 1, the minimum (8) and why, and nothing written", async () => {
  const out = tempDir("vsw-analyse-too-few-");
  const c = capture();
  const code = await main(["analyse", DATASET, "--outcome", "care_leavers_eet_pct", "--context", "idaci_score", "--las", FIVE_LAS, "--resamples", "10", "--out", out], c.io);
  assert.equal(code, 1, c.out.join(""));
  assert.match(c.err.join(""), /too few LAs to resample: 5 LAs have an outcome and every context variable in a used slot; complementary pairs need at least 8: each half-sample of ⌊n\/2⌋ LAs must hold 4, the fewest for a partial correlation given 1 context variable to have a p-value/);
  assert.ok(!fs.existsSync(path.join(out, "results.json")), "no results written");
});

test("without context the minimum is 6, so the same five LAs are still refused, and eight are analysed", async () => {
  const c = capture();
  assert.equal(await main(["analyse", DATASET, "--outcome", "care_leavers_eet_pct", "--context", "none", "--las", FIVE_LAS, "--resamples", "10", "--out", tempDir("vsw-analyse-too-few-")], c.io), 1);
  assert.match(c.err.join(""), /need at least 6: each half-sample of ⌊n\/2⌋ LAs must hold 3/);
  const eight = ["E06900001", "E06900002", "E06900003", "E06900004", "E06900005", "E06900006", "E06900007", "E06900008"].join(",");
  const ok = capture();
  assert.equal(await main(["analyse", DATASET, "--outcome", "care_leavers_eet_pct", "--context", "idaci_score", "--las", eight, "--resamples", "10", "--out", tempDir("vsw-analyse-too-few-")], ok.io), 0, ok.err.join(""));
});
