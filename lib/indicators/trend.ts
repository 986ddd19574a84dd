/**
 * Fingertips' recent-trend marker: is an area's indicator increasing or decreasing over its most recent
 * five points? (fingertips-open, MIT: `Analysis/TrendMarkers/TrendMarkerCalculator.cs`, carried into
 * FingertipsNext.)
 *
 * - **Points.** The {@link TREND_POINTS} most recent points with a value (and, for the WLS method, a 95%
 *   interval) are used, oldest first, at t = 1…5.
 * - **Rates and other values (WLS).** Weighted least squares of value on t with weights w = 1/SE²,
 *   SE = (U95 − L95)/3.92: with S1 = Σw, S2 = Σw·y·t, S3 = Σw·t, S4 = Σw·y, S5 = Σw·t²,
 *   slope = (S1·S2 − S3·S4)/(S1·S5 − S3²), SE(slope) = √(S1/(S1·S5 − S3²)), χ² = (slope/SE)².
 * - **Proportions (Cochran–Armitage χ² test for trend)**, with counts r_t of n_t, N = Σn, R = Σr:
 *   χ² = N·(N·Σr·t − R·Σn·t)² / [R·(N − R)·(N·Σn·t² − (Σn·t)²)]; equals R's `prop.trend.test(r, n)`.
 * - **Significant** when χ² > {@link TREND_CHI_SQUARE_THRESHOLD} (= qchisq(0.998, 1)) **and** the
 *   slope has the same sign in all six fits: all five points, then each point left out in turn (WLS
 *   slopes; for proportions, unweighted least-squares slopes of logit(r/(n − r)), as Fingertips does).
 *
 * **Gaps and reorganised LAs (our rule, stated).** Fingertips uses t = 1…5 whatever the years; a trend
 * across a gap would then be silently stretched. Here t is the period itself (so a missing year keeps
 * its place), and the five points must lie within {@link TREND_MAX_SPAN_YEARS} consecutive years; a
 * series that does not have them gives `cannot-be-calculated` with the reason. Points outside an LA's
 * lifespan (areas.csv first/last period) are removed by {@link trendSeries} with a note, so a trend
 * never spans a code change.
 */
import { InputError } from "../errors";
import type { Polarity } from "../data/types";
import { chiSquareUpperTail } from "../stats/distributions";

/** Fingertips uses the five most recent points. */
export const TREND_POINTS = 5;
/** χ²₁ at 99.8%: qchisq(0.998, 1) = 9.54953570608324 (fingertips-open `ChiSquareConfidence`). */
export const TREND_CHI_SQUARE_THRESHOLD = 9.54953570608324;
/** Our gap rule: the five points must fall within 7 consecutive years (at most two missing years). */
export const TREND_MAX_SPAN_YEARS = 7;
/** What a point needs to enter each test, in the words of the "needs 5 points …" reason. */
export const TREND_USABLE_WORDS = Object.freeze({ wls: "with a value and a 95% interval", cochranArmitage: "with a numerator and a denominator" });
/** SE from a 95% interval: width / (2 × 1.96) (fingertips-open uses 3.92). */
export const TREND_CI_WIDTH_TO_SE = 3.92;

export type TrendMarker = "increasing" | "decreasing" | "no-significant-change" | "cannot-be-calculated";
/** The marker read with polarity: `improving`/`worsening` for up/down; for `none`, the direction. */
export type TrendAssessment = "improving" | "worsening" | "increasing" | "decreasing" | "no-significant-change" | "cannot-be-calculated";

/** One point of a series for the WLS method. */
export interface TrendMarkerPoint {
  period: number;
  value: number;
  lower95: number;
  upper95: number;
}

/** One point of a proportion series (counts) for the Cochran–Armitage method. */
export interface ProportionTrendPoint {
  period: number;
  numerator: number;
  denominator: number;
}

export interface TrendResult {
  marker: TrendMarker;
  assessment: TrendAssessment;
  method: "wls" | "cochran-armitage";
  chiSquare: number;
  /** P(χ²₁ > chiSquare). */
  p: number;
  /** Slope per year on the value scale (WLS) or of logit(p) per year (Cochran–Armitage). */
  slope: number;
  /** Whether all six slopes (all points, then each left out) share one sign. */
  signStable: boolean;
  /** The five leave-one-out slopes (point i left out), same scale as `slope`. */
  leaveOneOutSlopes: number[];
  /** Number of points used (5 when calculated). */
  n: number;
  /** Periods of the points used, oldest first. */
  periods: number[];
  reason?: string;
}

function assess(marker: TrendMarker, polarity: Polarity): TrendAssessment {
  if (marker === "increasing" || marker === "decreasing") {
    if (polarity === "none") return marker;
    return (marker === "increasing") === (polarity === "up") ? "improving" : "worsening";
  }
  return marker;
}

function cannot(method: TrendResult["method"], reason: string, periods: number[] = []): TrendResult {
  return { marker: "cannot-be-calculated", assessment: "cannot-be-calculated", method, chiSquare: NaN, p: NaN, slope: NaN, signStable: false, leaveOneOutSlopes: [], n: periods.length, periods, reason };
}

/**
 * The 5 most recent usable points (by period), oldest first, or a reason why there are not enough; `usableWords`
 * names what makes a point usable, so that the reason counts what it says (a walkthrough: "needs 5 points with
 * values, has 0" for a series of 10 values that had no intervals).
 */
function recentPoints<T extends { period: number }>(fn: string, points: readonly T[], usable: (p: T) => boolean, usableWords: string): { points: T[] } | { reason: string } {
  const seen = new Set<number>();
  for (const p of points) {
    if (!Number.isInteger(p.period)) throw new InputError(fn, "period must be an integer year", p.period);
    if (seen.has(p.period)) throw new InputError(fn, "periods must be unique", p.period);
    seen.add(p.period);
  }
  const ok = points.filter(usable).sort((a, b) => a.period - b.period);
  if (ok.length < TREND_POINTS) return { reason: `needs ${TREND_POINTS} points ${usableWords}, has ${ok.length}` };
  const recent = ok.slice(ok.length - TREND_POINTS);
  const span = recent[TREND_POINTS - 1].period - recent[0].period + 1;
  if (span > TREND_MAX_SPAN_YEARS) {
    return { reason: `the ${TREND_POINTS} most recent points span ${span} years (${recent[0].period}–${recent[TREND_POINTS - 1].period}); at most ${TREND_MAX_SPAN_YEARS} allowed` };
  }
  return { points: recent };
}

/** WLS slope and its SE from weighted sums over the points not left out (t = period − first + 1). */
function wlsSlope(t: Float64Array, y: Float64Array, w: Float64Array, leaveOut: number): { slope: number; se: number } {
  let s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0;
  for (let i = 0; i < t.length; i++) {
    if (i === leaveOut) continue;
    s1 += w[i];
    s2 += w[i] * y[i] * t[i];
    s3 += w[i] * t[i];
    s4 += w[i] * y[i];
    s5 += w[i] * t[i] * t[i];
  }
  const det = s1 * s5 - s3 * s3;
  return { slope: (s1 * s2 - s3 * s4) / det, se: Math.sqrt(s1 / det) };
}

/** Unweighted least-squares slope of y on t, leaving one index out (−1 = none). */
function olsSlope(t: Float64Array, y: Float64Array, leaveOut: number): number {
  let n = 0, st = 0, sy = 0, sty = 0, stt = 0;
  for (let i = 0; i < t.length; i++) {
    if (i === leaveOut) continue;
    n++;
    st += t[i];
    sy += y[i];
    sty += t[i] * y[i];
    stt += t[i] * t[i];
  }
  return (n * sty - st * sy) / (n * stt - st * st);
}

function signStable(slopes: number[]): boolean {
  // fingertips-open counts a zero slope as positive; so do we
  const signs = slopes.map((s) => (s < 0 ? -1 : 1));
  return signs.every((s) => s === signs[0]);
}

function finish(method: TrendResult["method"], chiSquare: number, slopes: number[], periods: number[], polarity: Polarity): TrendResult {
  const slope = slopes[0];
  const stable = signStable(slopes);
  const significant = stable && chiSquare > TREND_CHI_SQUARE_THRESHOLD;
  const marker: TrendMarker = significant ? (slope > 0 ? "increasing" : "decreasing") : "no-significant-change";
  return { marker, assessment: assess(marker, polarity), method, chiSquare, p: chiSquareUpperTail(chiSquare, 1), slope, signStable: stable, leaveOneOutSlopes: slopes.slice(1), n: periods.length, periods };
}

/**
 * Fingertips' recent-trend marker by weighted least squares (rates, ratios and other values with 95%
 * intervals). Points with a NaN value or interval, or a zero-width interval, are skipped.
 * @param points the series (any order; periods unique integers)
 * @param polarity reads the marker as improving/worsening (`none`: increasing/decreasing)
 * @example
 * trendMarker([2015, 2016, 2017, 2018, 2019].map((period, i) =>
 *   ({ period, value: 50 + 5 * i, lower95: 48 + 5 * i, upper95: 52 + 5 * i })), "up").assessment // "improving"
 */
export function trendMarker(points: readonly TrendMarkerPoint[], polarity: Polarity): TrendResult {
  const picked = recentPoints("trendMarker", points, (p) => Number.isFinite(p.value) && Number.isFinite(p.lower95) && Number.isFinite(p.upper95) && p.upper95 > p.lower95, TREND_USABLE_WORDS.wls);
  if ("reason" in picked) return cannot("wls", picked.reason);
  const pts = picked.points;
  const t0 = pts[0].period - 1;
  const t = Float64Array.from(pts, (p) => p.period - t0);
  const y = Float64Array.from(pts, (p) => p.value);
  const w = Float64Array.from(pts, (p) => 1 / ((p.upper95 - p.lower95) / TREND_CI_WIDTH_TO_SE) ** 2);
  const full = wlsSlope(t, y, w, -1);
  const slopes = [full.slope];
  for (let i = 0; i < pts.length; i++) slopes.push(wlsSlope(t, y, w, i).slope);
  const chiSquare = (full.slope / full.se) ** 2;
  return finish("wls", chiSquare, slopes, pts.map((p) => p.period), polarity);
}

/**
 * Fingertips' recent-trend marker for proportions: Cochran–Armitage χ² test for trend on the counts,
 * with the leave-one-out sign check on logit slopes. Points with a missing count are skipped; a count of
 * 0 or equal to its denominator makes the logit undefined → `cannot-be-calculated` with the reason.
 * @example
 * trendMarkerProportion([2015, 2016, 2017, 2018, 2019].map((period, i) =>
 *   ({ period, numerator: 100 + 20 * i, denominator: 1000 })), "down").assessment // "worsening"
 */
export function trendMarkerProportion(points: readonly ProportionTrendPoint[], polarity: Polarity): TrendResult {
  for (const p of points) {
    if (Number.isNaN(p.numerator) || Number.isNaN(p.denominator)) continue;
    if (!(p.denominator > 0)) throw new InputError("trendMarkerProportion", "denominator must be > 0", p.denominator);
    if (!(p.numerator >= 0 && p.numerator <= p.denominator)) {
      throw new InputError("trendMarkerProportion", `numerator must be in [0, denominator] (${p.denominator})`, p.numerator);
    }
  }
  const picked = recentPoints("trendMarkerProportion", points, (p) => Number.isFinite(p.numerator) && Number.isFinite(p.denominator), TREND_USABLE_WORDS.cochranArmitage);
  if ("reason" in picked) return cannot("cochran-armitage", picked.reason);
  const pts = picked.points;
  const periods = pts.map((p) => p.period);
  if (pts.some((p) => p.numerator === 0 || p.numerator === p.denominator)) {
    return cannot("cochran-armitage", "a count of 0 or equal to its denominator makes logit(r/(n − r)) undefined", periods);
  }
  const t0 = pts[0].period - 1;
  const t = Float64Array.from(pts, (p) => p.period - t0);
  let N = 0, R = 0, rt = 0, nt = 0, nt2 = 0;
  for (let i = 0; i < pts.length; i++) {
    const { numerator: r, denominator: n } = pts[i];
    N += n;
    R += r;
    rt += r * t[i];
    nt += n * t[i];
    nt2 += n * t[i] * t[i];
  }
  const chiSquare = (N * (N * rt - R * nt) ** 2) / (R * (N - R) * (N * nt2 - nt * nt));
  const logit = Float64Array.from(pts, (p) => Math.log(p.numerator / (p.denominator - p.numerator)));
  const slope = olsSlope(t, logit, -1);
  const slopes = [slope];
  for (let i = 0; i < pts.length; i++) slopes.push(olsSlope(t, logit, i));
  return finish("cochran-armitage", chiSquare, slopes, periods, polarity);
}

/** A series cut to an LA's lifespan, with what was cut and why. */
export interface LifespanSeries<T extends { period: number }> {
  points: T[];
  /** True when the LA's series starts or ends at a reorganisation, or points were removed. */
  broken: boolean;
  /** Human-readable notes: "series starts in 2020 (LA created by reorganisation)", … */
  notes: string[];
}

/**
 * Whether `period` is inside an LA's lifespan (areas.csv `first_period`/`last_period`, null = open), as
 * {@link trendSeries} cuts its series.
 * @example
 * inLifespan(2022, { first_period: null, last_period: 2021 }) // false
 */
export function inLifespan(period: number, area: { first_period: number | null; last_period: number | null }): boolean {
  return period >= (area.first_period ?? -Infinity) && period <= (area.last_period ?? Infinity);
}

/**
 * Keep only the points inside an LA's lifespan (areas.csv `first_period`/`last_period`, null = open),
 * so that a trend never spans a code change; say when the series is broken.
 * @example
 * trendSeries([{ period: 2018 }, { period: 2020 }], { first_period: 2020, last_period: null }).notes
 * // ["series starts in 2020: the LA was created by a reorganisation; earlier figures belong to its predecessors", "1 point(s) outside 2020–open removed: 2018"]
 */
export function trendSeries<T extends { period: number }>(
  points: readonly T[],
  area: { first_period: number | null; last_period: number | null },
): LifespanSeries<T> {
  const inside = points.filter((p) => inLifespan(p.period, area));
  const outside = points.filter((p) => !inLifespan(p.period, area));
  const notes: string[] = [];
  if (area.first_period !== null) notes.push(`series starts in ${area.first_period}: the LA was created by a reorganisation; earlier figures belong to its predecessors`);
  if (area.last_period !== null) notes.push(`series ends in ${area.last_period}: the LA was abolished or reorganised after it`);
  if (outside.length > 0) {
    const span = `${area.first_period ?? "open"}–${area.last_period ?? "open"}`;
    notes.push(`${outside.length} point(s) outside ${span} removed: ${outside.map((p) => p.period).join(", ")}`);
  }
  return { points: inside, broken: notes.length > 0, notes };
}
