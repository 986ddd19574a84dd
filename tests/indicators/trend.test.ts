import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  TREND_CHI_SQUARE_THRESHOLD,
  trendMarker,
  trendMarkerProportion,
  trendSeries,
  type TrendMarkerPoint,
} from "../../lib/indicators/trend";

// Reference: tests/reference/profile/make-profile-reference.R (R 4.2.2): lm(y ~ t, weights = 1/SE^2)
// for the WLS slope and chi-square (b^2 / cov.unscaled), prop.trend.test for Cochran–Armitage,
// qchisq(0.998, 1) for the threshold.
const ref = JSON.parse(fs.readFileSync(path.join(__dirname, "../reference/profile/profile-reference.json"), "utf8")).trend;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function wlsPoints(): TrendMarkerPoint[] {
  return Object.freeze(
    ref.wls.periods.map((period: number, i: number) => Object.freeze({ period, value: ref.wls.value[i], lower95: ref.wls.lower95[i], upper95: ref.wls.upper95[i] })),
  ) as TrendMarkerPoint[];
}

describe("the trend threshold", () => {
  test("is qchisq(0.998, 1) as Fingertips states it", () => {
    assert.ok(Math.abs(TREND_CHI_SQUARE_THRESHOLD - ref.threshold) < 1e-12);
  });
});

describe("trendMarker (weighted least squares)", () => {
  test("gives R's WLS slope, chi-square and leave-one-out slopes", () => {
    const r = trendMarker(wlsPoints(), "up");
    assert.ok(rel(r.slope, ref.wls.slope) < 1e-10);
    assert.ok(rel(r.chiSquare, ref.wls.chisq) < 1e-10);
    ref.wls.loo_slopes.forEach((s: number, i: number) => assert.ok(rel(r.leaveOneOutSlopes[i], s) < 1e-10));
    assert.equal(r.n, 5);
  });
  test("calls it increasing, and improving when high is good, worsening when low is good", () => {
    // chi-square = 23.0 > 9.55 and all six slopes are positive
    assert.ok(ref.wls.chisq > ref.threshold);
    assert.equal(trendMarker(wlsPoints(), "up").marker, "increasing");
    assert.equal(trendMarker(wlsPoints(), "up").assessment, "improving");
    assert.equal(trendMarker(wlsPoints(), "down").assessment, "worsening");
    assert.equal(trendMarker(wlsPoints(), "none").assessment, "increasing");
  });
  test("uses only the five most recent points", () => {
    const older = { period: 2019, value: 500, lower95: 499, upper95: 501 };
    const r = trendMarker([older, ...wlsPoints()], "up");
    assert.deepEqual(r.periods, [2020, 2021, 2022, 2023, 2024]);
    assert.ok(rel(r.chiSquare, ref.wls.chisq) < 1e-10);
  });
  test("reports no significant change when one point reverses the slope sign", () => {
    // a flat series with one outlier: large chi-square possible, but leaving the outlier out flips the sign
    const pts = [10, 10.2, 10.1, 9.9, 14].map((value, i) => ({ period: 2016 + i, value, lower95: value - 0.2, upper95: value + 0.2 }));
    const r = trendMarker(pts, "up");
    assert.ok(r.chiSquare > TREND_CHI_SQUARE_THRESHOLD);
    assert.equal(r.signStable, false);
    assert.equal(r.marker, "no-significant-change");
  });
  test("cannot be calculated with fewer than five points with intervals, or across a long gap", () => {
    const pts = wlsPoints().slice(0, 4);
    assert.equal(trendMarker(pts, "up").marker, "cannot-be-calculated");
    const gappy = wlsPoints().map((p, i) => ({ ...p, period: i < 2 ? p.period - 5 : p.period }));
    const r = trendMarker(gappy, "up");
    assert.equal(r.marker, "cannot-be-calculated");
    assert.match(r.reason ?? "", /span 10 years/);
  });
  test("says what its 'needs 5 points' counts: points with an interval (WLS), points with counts (Cochran–Armitage)", () => {
    const noIntervals = wlsPoints().map((p) => ({ ...p, lower95: NaN, upper95: NaN }));
    assert.equal(trendMarker(noIntervals, "up").reason, "needs 5 points with a value and a 95% interval, has 0");
    const counts = [2019, 2020, 2021].map((period) => ({ period, numerator: 5, denominator: 50 }));
    assert.equal(trendMarkerProportion(counts, "up").reason, "needs 5 points with a numerator and a denominator, has 3");
  });
  test("keeps a one-year gap in place (t is the year, not the point's position)", () => {
    const gap = wlsPoints().map((p, i) => ({ ...p, period: i === 0 ? 2019 : p.period }));
    const r = trendMarker(gap, "up");
    assert.deepEqual(r.periods, [2019, 2021, 2022, 2023, 2024]);
    assert.notEqual(r.slope, trendMarker(wlsPoints(), "up").slope);
  });
  test("refuses duplicate periods", () => {
    const pts = wlsPoints();
    assert.throws(() => trendMarker([...pts, pts[0]], "up"), /unique/);
  });
});

describe("trendMarkerProportion (Cochran–Armitage)", () => {
  const pts = ref.cochran_armitage.periods.map((period: number, i: number) => ({ period, numerator: ref.cochran_armitage.numerator[i], denominator: ref.cochran_armitage.denominator[i] }));
  test("gives prop.trend.test's chi-square and R's logit slopes", () => {
    const r = trendMarkerProportion(pts, "down");
    assert.ok(rel(r.chiSquare, ref.cochran_armitage.chisq) < 1e-10);
    assert.ok(rel(r.p, ref.cochran_armitage.p) < 1e-8);
    assert.ok(rel(r.slope, ref.cochran_armitage.logit_slope) < 1e-10);
    ref.cochran_armitage.loo_logit_slopes.forEach((s: number, i: number) => assert.ok(rel(r.leaveOneOutSlopes[i], s) < 1e-10));
  });
  test("marks a rising share of re-referrals (low is good) as worsening", () => {
    const r = trendMarkerProportion(pts, "down");
    assert.equal(r.marker, "increasing");
    assert.equal(r.assessment, "worsening");
  });
  test("cannot compute the logit check with a zero count", () => {
    const zero = pts.map((p: { period: number; numerator: number; denominator: number }, i: number) => ({ ...p, numerator: i === 0 ? 0 : p.numerator }));
    assert.equal(trendMarkerProportion(zero, "down").marker, "cannot-be-calculated");
  });
  test("refuses a numerator above its denominator", () => {
    assert.throws(() => trendMarkerProportion([{ period: 2020, numerator: 5, denominator: 4 }], "up"), /numerator must be in/);
  });
});

describe("trendSeries (reorganised LAs)", () => {
  test("drops points outside the LA's lifespan and says the series is broken", () => {
    const s = trendSeries([{ period: 2018 }, { period: 2019 }, { period: 2020 }, { period: 2021 }], { first_period: 2020, last_period: null });
    assert.deepEqual(s.points.map((p) => p.period), [2020, 2021]);
    assert.equal(s.broken, true);
    assert.match(s.notes.join(" "), /starts in 2020/);
    assert.match(s.notes.join(" "), /2018, 2019/);
  });
  test("leaves an unbroken series alone", () => {
    const s = trendSeries([{ period: 2018 }], { first_period: null, last_period: null });
    assert.equal(s.broken, false);
    assert.deepEqual(s.notes, []);
  });
});
