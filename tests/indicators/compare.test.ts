import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { compareObservation, compareWithBenchmark, indicatorIntervals } from "../../lib/indicators/compare";

// Golden intervals: /work/shared/reference/anchors-and-methods.md §8 (R): Wilson 5/20 = [0.1118617, 0.4687009]
// at 95%, [0.0717137, 0.5898715] at 99.8%; Byar O = 25: [16.17427, 36.90645]; exact O = 3: [0.6186721, 8.767273].
const near = (a: number, b: number, tol = 1e-6) => Math.abs(a - b) <= tol;

describe("compareWithBenchmark at 95% (Fingertips single overlap)", () => {
  const local = Object.freeze({ value: 30, lower95: 25, upper95: 35, lower998: 22, upper998: 39 });
  test("is similar when the benchmark lies inside the 95% interval, including on its edge", () => {
    assert.equal(compareWithBenchmark(local, 25, "up").outcome, "similar");
    assert.equal(compareWithBenchmark(local, 35, "down").outcome, "similar");
  });
  test("is better or worse by direction and polarity", () => {
    assert.equal(compareWithBenchmark(local, 20, "up").outcome, "better");
    assert.equal(compareWithBenchmark(local, 20, "down").outcome, "worse");
    assert.equal(compareWithBenchmark(local, 40, "up").outcome, "worse");
    assert.equal(compareWithBenchmark(local, 40, "down").outcome, "better");
  });
  test("says higher or lower, without judgement, for polarity none", () => {
    assert.equal(compareWithBenchmark(local, 20, "none").label, "higher (95%)");
    assert.equal(compareWithBenchmark(local, 40, "none").label, "lower (95%)");
  });
});

describe("compareWithBenchmark at 95% and 99.8%", () => {
  const local = Object.freeze({ value: 30, lower95: 25, upper95: 35, lower998: 22, upper998: 39 });
  test("marks the level at which the difference holds", () => {
    assert.equal(compareWithBenchmark(local, 24, "down", "95+99.8").label, "worse (95%)");
    assert.equal(compareWithBenchmark(local, 21, "down", "95+99.8").label, "worse (99.8%)");
    assert.equal(compareWithBenchmark(local, 37, "up", "95+99.8").label, "worse (95%)");
    assert.equal(compareWithBenchmark(local, 40, "up", "95+99.8").label, "worse (99.8%)");
    assert.equal(compareWithBenchmark(local, 40, "down", "95+99.8").label, "better (99.8%)");
    assert.equal(compareWithBenchmark(local, 30, "down", "95+99.8").confidence, null);
  });
  test("is not compared when an interval, value or benchmark is missing", () => {
    const r = compareWithBenchmark({ value: 30, lower95: 25, upper95: 35 }, 20, "up", "95+99.8");
    assert.equal(r.outcome, "not-compared");
    assert.match(r.reason ?? "", /99\.8% interval/);
    assert.equal(compareWithBenchmark(local, NaN, "up").outcome, "not-compared");
    assert.equal(compareWithBenchmark({ ...local, value: NaN }, 20, "up").outcome, "not-compared");
  });
  test("refuses inconsistent intervals and unknown polarities", () => {
    assert.throws(() => compareWithBenchmark({ value: 1, lower95: 2, upper95: 1 }, 1, "up"), /lower95 must be <= upper95/);
    assert.throws(() => compareWithBenchmark({ ...local, lower998: 26 }, 1, "up", "95+99.8"), /must contain/);
    assert.throws(() => compareWithBenchmark(local, 1, "high" as never), /polarity/);
  });
});

describe("indicatorIntervals", () => {
  test("gives Wilson intervals × 100 for percentages (golden 5/20)", () => {
    const r = indicatorIntervals(Object.freeze({ value: 25, numerator: 5, denominator: 20 }), "percent");
    assert.ok(near(r.lower95, 11.18617, 1e-4) && near(r.upper95, 46.87009, 1e-4));
    assert.ok(near(r.lower998, 7.17137, 1e-4) && near(r.upper998, 58.98715, 1e-4));
    assert.equal(r.method, "wilson");
    assert.equal(r.basis, "counts");
  });
  test("gives Byar intervals per 10,000 from 10 events up and exact ones below (golden O = 25 and O = 3)", () => {
    const byar = indicatorIntervals({ value: 5, numerator: 25, denominator: 50000 }, "rate_per_10k");
    assert.ok(near(byar.lower95, 16.17427 / 5, 1e-5) && near(byar.upper95, 36.90645 / 5, 1e-5));
    assert.equal(byar.method, "byar");
    const exact = indicatorIntervals({ value: 3, numerator: 3, denominator: 10000 }, "rate_per_10k");
    assert.ok(near(exact.lower95, 0.6186721, 1e-6) && near(exact.upper95, 8.767273, 1e-6));
    assert.equal(exact.method, "exact");
  });
  test("derives the numerator from a published percentage when the count was not published, and says so", () => {
    const r = indicatorIntervals({ value: 25, numerator: null, denominator: 20 }, "percent");
    assert.equal(r.basis, "value-and-denominator");
    assert.ok(near(r.lower95, 11.18617, 1e-4));
  });
  test("has no interval for ratios, missing denominators or missing values", () => {
    assert.match(indicatorIntervals({ value: 17, numerator: 340, denominator: 20 }, "ratio").reason ?? "", /no count model/);
    assert.match(indicatorIntervals({ value: 17, numerator: null, denominator: null }, "percent").reason ?? "", /denominator/);
    assert.match(indicatorIntervals({ value: null, numerator: 1, denominator: 2 }, "percent").reason ?? "", /value is missing/);
  });
});

describe("compareObservation", () => {
  test("compares a small LA's 25% (5/20) with England's 50%: worse at 95% only (50 < 58.99)", () => {
    const r = compareObservation({ value: 25, numerator: 5, denominator: 20 }, "percent", 50, "up", "95+99.8");
    assert.equal(r.label, "worse (95%)");
  });
  test("compares the same share from a large LA (500/2000) as worse at 99.8%", () => {
    // Wilson 99.8% upper for 500/2000 ≈ 28.1% < 50%
    const r = compareObservation({ value: 25, numerator: 500, denominator: 2000 }, "percent", 50, "up", "95+99.8");
    assert.equal(r.label, "worse (99.8%)");
  });
  test("does not compare ratios", () => {
    assert.equal(compareObservation({ value: 17, numerator: 340, denominator: 20 }, "ratio", 16, "down").outcome, "not-compared");
  });
});

test("indicatorIntervals: no binomial interval on a denominator of school sessions (they cluster within pupils)", () => {
  // a user walkthrough: 24,823 of 107,352 sessions gave [22.87, 23.38] and "worse (99.8%)" for a few hundred children
  const obs = { value: 23.1, numerator: 24823, denominator: 107352 };
  const sessions = indicatorIntervals(obs, "percent", "possible sessions");
  assert.equal(sessions.method, "none");
  assert.ok(Number.isNaN(sessions.lower95) && Number.isNaN(sessions.upper998));
  assert.match(sessions.reason ?? "", /counts school sessions, which cluster within pupils/);
  // the same counts over pupils keep their Wilson interval
  assert.equal(indicatorIntervals(obs, "percent", "pupils (t_pupils)").method, "wilson");
  assert.equal(indicatorIntervals(obs, "percent").method, "wilson");
  // compareObservation, the public call, takes the denominator too: no judgement, where it gave "worse (99.8%)"
  assert.equal(compareObservation(obs, "percent", 21, "down", "95+99.8").label, "worse (99.8%)");
  const compared = compareObservation(obs, "percent", 21, "down", "95+99.8", "possible sessions");
  assert.equal(compared.outcome, "not-compared");
  assert.match(compared.intervals.reason ?? "", /cluster within pupils/);
});
