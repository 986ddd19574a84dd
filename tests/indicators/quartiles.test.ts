import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { quantileType7, quartileBand, quartileBands, quartileBounds, rankWithTies } from "../../lib/indicators/quartiles";

// Reference: tests/reference/profile/make-profile-reference.R (R 4.2.2): quantile(type = 7),
// LAIT's calculate_quartile_band rule, rank(ties.method = "min").
const ref = JSON.parse(fs.readFileSync(path.join(__dirname, "../reference/profile/profile-reference.json"), "utf8"));
const values: number[] = Object.freeze(ref.quartiles.values.map((v: number | null) => (v === null ? NaN : v))) as number[];
const TOL = 1e-12;

describe("quantileType7", () => {
  test("matches R quantile(type = 7) at the quartiles and at other probabilities", () => {
    ref.quartiles.probs.forEach((p: number, i: number) => assert.ok(Math.abs(quantileType7(values, p) - ref.quartiles.quantiles[i]) < TOL));
    ref.quartiles.extra_probs.forEach((p: number, i: number) => assert.ok(Math.abs(quantileType7(values, p) - ref.quartiles.extra_quantiles[i]) < TOL));
  });
  test("interpolates linearly between order statistics", () => {
    assert.equal(quantileType7([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantileType7([4, 1, 3, 2], 0.25), 1.75);
  });
  test("returns NaN when no value is left and refuses p outside [0, 1]", () => {
    assert.ok(Number.isNaN(quantileType7([NaN, NaN], 0.5)));
    assert.throws(() => quantileType7([1, 2], 1.5), /p must be in \[0, 1\]/);
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
