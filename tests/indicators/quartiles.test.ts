import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { quartileBand, quartileBands, quartileBounds, rankWithTies } from "../../lib/indicators/quartiles";
import { quantile } from "../../lib/stats/quantile";

// Reference: tests/reference/profile/make-profile-reference.R (R 4.2.2): quantile(type = 7),
// LAIT's calculate_quartile_band rule, rank(ties.method = "min").
const ref = JSON.parse(fs.readFileSync(path.join(__dirname, "../reference/profile/profile-reference.json"), "utf8"));
const values: number[] = Object.freeze(ref.quartiles.values.map((v: number | null) => (v === null ? NaN : v))) as number[];
const TOL = 1e-12;

describe("quartileBounds", () => {
  test("are R quantile(type = 7) at 0, 25, 50, 75 and 100%", () => {
    const b = quartileBounds(values);
    [b.q0, b.q25, b.q50, b.q75, b.q100].forEach((q, i) => assert.ok(Math.abs(q - ref.quartiles.quantiles[i]) < TOL, `${q} vs ${ref.quartiles.quantiles[i]}`));
  });
  test("the type-7 quantile they rest on matches R at other probabilities too", () => {
    const q = quantile(values, ref.quartiles.extra_probs).values;
    q.forEach((v, i) => assert.ok(Math.abs(v - ref.quartiles.extra_quantiles[i]) < TOL));
  });
  test("are NaN with n = 0 when no value is present", () => {
    const b = quartileBounds([NaN, NaN]);
    assert.ok(Number.isNaN(b.q50));
    assert.equal(b.n, 0);
  });
});

describe("quartileBands (LAIT convention)", () => {
  test("gives the bands R gives for low-is-good and high-is-good", () => {
    assert.deepEqual(quartileBands(values, "down").bands, ref.quartiles.bands_down);
    assert.deepEqual(quartileBands(values, "up").bands, ref.quartiles.bands_up);
  });
  test("puts a value equal to a quartile in the band below it (ties go down the value scale)", () => {
    const b = { q0: 1, q25: 2, q50: 3, q75: 4, q100: 5, n: 5 };
    assert.equal(quartileBand(2, b, "down"), "A");
    assert.equal(quartileBand(2.0001, b, "down"), "B");
    assert.equal(quartileBand(4, b, "up"), "B");
    assert.equal(quartileBand(1, b, "up"), "D");
  });
  test("gives no band for polarity none, missing values, too few values, or values outside the range", () => {
    assert.deepEqual(quartileBands([1, 2, 3, 4], "none").bands, [null, null, null, null]);
    assert.deepEqual(quartileBands([1, 2, 3], "up").bands, [null, null, null]);
    assert.equal(quartileBand(NaN, quartileBounds([1, 2, 3, 4]), "up"), null);
    assert.equal(quartileBand(9, quartileBounds([1, 2, 3, 4]), "up"), null);
  });
  test("reports the n it used", () => {
    assert.equal(quartileBands(values, "up").bounds.n, 12);
  });
});

describe("rankWithTies", () => {
  test("matches R rank(ties.method = 'min'), descending for up and ascending for down", () => {
    assert.deepEqual(rankWithTies(values, "up").ranks, ref.quartiles.ranks_up);
    assert.deepEqual(rankWithTies(values, "down").ranks, ref.quartiles.ranks_down);
  });
  test("does not rank polarity none and does not mutate its input", () => {
    const r = rankWithTies(values, "none");
    assert.ok(r.ranks.every((x) => x === null));
    assert.equal(r.n, 12);
    assert.throws(() => rankWithTies(values, "sideways" as never), /polarity/);
  });
});
