import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { associationStability, yearToYearReliability } from "../../lib/vitals/reliability";
import { pearsonR } from "../../lib/stats/pearson";

const a = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
const b = Object.freeze([2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11]);
const c = Object.freeze([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);

describe("yearToYearReliability", () => {
  test("is the median of consecutive-period Pearson correlations", () => {
    const r = yearToYearReliability([a, b, c, b], [2020, 2021, 2022, 2023]);
    const rs = [pearsonR(a, b), pearsonR(b, c), pearsonR(c, b)].sort((x, y) => x - y);
    assert.equal(r.nPairs, 3);
    assert.ok(Math.abs(r.r - rs[1]) < 1e-12);
    assert.deepEqual(r.pairs.map((p) => [p.from, p.to, p.n]), [[2020, 2021, 12], [2021, 2022, 12], [2022, 2023, 12]]);
  });

  test("an indicator that reshuffles LAs every year has low reliability", () => {
    assert.ok(yearToYearReliability([a, c], [2020, 2021]).r < 0);
  });

  test("one period, or too few LAs in common, gives NaN with a reason", () => {
    const one = yearToYearReliability([a], [2020]);
    assert.ok(Number.isNaN(one.r));
    assert.match(one.reason ?? "", /only one period/);
    const sparse = yearToYearReliability([a, a.map((v, i) => (i < 5 ? v : NaN))], [2020, 2021]);
    assert.ok(Number.isNaN(sparse.r));
    assert.match(sparse.reason ?? "", /10 LAs/);
  });

  test("periods must ascend and match the values", () => {
    assert.throws(() => yearToYearReliability([a, b], [2021, 2020]), /strictly ascending/);
    assert.throws(() => yearToYearReliability([a, b], [2020]), /one period per values array/);
  });
});

describe("associationStability", () => {
  test("mean, SD and sign agreement with the reference, NaN ignored", () => {
    const s = associationStability([0.3, 0.1, -0.2, NaN], 0.25);
    assert.equal(s.nPeriods, 3);
    assert.ok(Math.abs(s.mean - 0.2 / 3) < 1e-12);
    assert.ok(Math.abs(s.sd - Math.sqrt(((0.3 - 0.2 / 3) ** 2 + (0.1 - 0.2 / 3) ** 2 + (-0.2 - 0.2 / 3) ** 2) / 2)) < 1e-12);
    assert.ok(Math.abs(s.signAgreement - 2 / 3) < 1e-12);
  });
});
