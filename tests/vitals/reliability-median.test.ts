/**
 * The year-to-year reliability is the *median* of the consecutive-period correlations, checked against R
 * (tests/reference/reliability-median.R → fixtures/reliability-median.json) on four pairs with four different r's
 * (an even count: the mean of the middle two) after a constant period's two pairs are left out. The three-pair case
 * of reliability.test.ts has two equal r's, so there a median and a minimum agree.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { yearToYearReliability } from "../../lib/vitals/reliability";
import { assertClose } from "../reference/load-reference";

interface Fixture { tolerance: number; periods: number[]; values: number[][]; pair_r: (number | null)[]; median_r: number }
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "../reference/fixtures/reliability-median.json"), "utf8")) as Fixture;

test("yearToYearReliability is R's median of the pair correlations, an even count of them, a constant period's pairs left out", () => {
  const values = fixture.values.map((v) => Object.freeze(v.slice()));
  const result = yearToYearReliability(values, Object.freeze(fixture.periods.slice()));
  const kept = fixture.pair_r.flatMap((r, k) => (r === null ? [] : [{ from: fixture.periods[k], to: fixture.periods[k + 1], r }]));
  assert.equal(result.nPairs, 4);
  assert.deepEqual(result.pairs.map((p) => [p.from, p.to, p.n]), kept.map((p) => [p.from, p.to, fixture.values[0].length]));
  result.pairs.forEach((p, k) => assertClose(p.r, kept[k].r, fixture.tolerance, `r ${p.from}–${p.to}`));
  assertClose(result.r, fixture.median_r, fixture.tolerance, "median r");
});
