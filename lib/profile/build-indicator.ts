/**
 * One indicator of an LA's profile, step by step: the LA's series and latest value, the comparators and
 * comparisons, the distribution over LAs, the series for the trend chart, the neighbours' values, the trend
 * marker and the funnel position. Each step is a function; {@link profileIndicator} puts them together.
 */
import type { AreaRow, CatalogueRow } from "../data/types";
import {
  clusteredDenominatorReason,
  compareIntervals,
  indicatorIntervals,
  type BenchmarkComparison,
  type ComparisonLevels,
  type ComparisonOutcome,
  type IndicatorObservation,
} from "../indicators/compare";
import { funnelLimits, funnelSignificance } from "../indicators/funnel";
import { overdispersedFunnelLimits } from "../indicators/overdispersion";
import { TREND_POINTS, trendMarker, trendMarkerProportion, trendSeries, type TrendResult } from "../indicators/trend";
import { unitMultiplier } from "../indicators/benchmark";
import { neighbourSummary, type NeighbourSummary } from "../context/neighbours";
import { DISCLOSURE_STATUS } from "../disclosure/suppress-counts";
import { showsUnpublishedSmallCount, valueIsWithheld, type WithheldIndicator, type WithheldObservation } from "../disclosure/withheld-values";
import { countsNeedNoCheck } from "../data/official-sources";
import { benchmarkValue } from "./comparators";
import { funnelEstimate, funnelInput, type FunnelEstimate, type FunnelUnavailable } from "./funnel-input";
import { type IndicatorTable, type Obs, type ProfileIndex } from "./package-index";
import { indicatorTable, tableEnglandOutcome, tableIntervals, tableObservation } from "./indicator-table";
import { valueFlag, type ValueFlag } from "./value-flags";
import { periodDistribution, placeAmongLas } from "./period-distribution";
import { isPartYearShare } from "./window-shares";
import { secondaryWithheld } from "./secondary-withheld";
import { ENGLAND_CODE, STALE_AFTER_YEARS, type BenchmarkValue, type ProfileBenchmark, type ProfileComparison, type ProfileFunnel, type ProfileIndicator, type ProfileSeriesPoint, type ProfileTrend } from "./types";

/** Disclosure control of exported values, counting what it suppresses. */
export interface Discloser {
  /** The value to export, or null when {@link Discloser.hides} withholds it (counted). */
  value(obs: WithheldObservation, cat: WithheldIndicator): number | null;
  /**
   * Whether an observation's value is withheld (nothing counted): a count value or a denominator of 1 … threshold − 1,
   * or, for an indicator whose counts are not published (own, pilot and returns data), a numerator or non-events of
   * 1 … threshold − 1, which the value gives back (1.863354% is 3 of 161): lib/disclosure/withheld-values.ts. Official
   * counts are public already.
   */
  hides(obs: WithheldObservation, cat: WithheldIndicator): boolean;
  /**
   * Why a value the one-figure rules show is withheld all the same (secondary suppression: ./secondary-withheld.ts),
   * or undefined. Only an index observation ({@link Obs}) can be so withheld.
   */
  secondaryReason(obs: WithheldObservation): string | undefined;
  readonly suppressed: number;
  /** Counts 1 … threshold − 1 are small (also for the LAs left out of a computed benchmark: lib/profile/comparators.ts). */
  readonly threshold: number;
}

/**
 * A {@link Discloser} with threshold `threshold` (lib/disclosure rules), which also withholds the observations of
 * `secondary` (./secondary-withheld.ts `secondaryWithheld`: beside the figures shown, each gives a withheld count back).
 */
export function discloser(threshold: number, secondary: ReadonlyMap<Obs, string> = new Map()): Discloser {
  let suppressed = 0;
  const secondaryReason = (obs: WithheldObservation) => secondary.get(obs as Obs);
  const hides = (obs: WithheldObservation, cat: WithheldIndicator) => valueIsWithheld(obs, cat, threshold) || secondary.has(obs as Obs);
  return {
    secondaryReason,
    value(obs, cat) {
      if (!Number.isFinite(obs.value ?? NaN)) return null;
      if (hides(obs, cat)) {
        suppressed++;
        return null;
      }
      return obs.value;
    },
    hides,
    get suppressed() {
      return suppressed;
    },
    threshold,
  };
}

/** Why an LA's value withheld for disclosure is compared with nothing, placed nowhere, and enters no trend. */
export const VALUE_WITHHELD = "the value is withheld for disclosure";

/** What every indicator of one LA's profile shares. */
export interface LaProfileContext {
  index: ProfileIndex;
  area: AreaRow;
  regionCodes: Set<string>;
  neighbourCodes: string[];
  /** Position of each neighbour in the indicator tables (lib/profile/indicator-table.ts; −1: not in areas.csv). */
  neighbourPositions: number[];
  /** The LA's position in the indicator tables. */
  laPosition: number;
  period: number | undefined;
  /** The profile's reference period (for staleness). */
  referencePeriod: number | null;
  levels: ComparisonLevels;
  benchmark: ProfileBenchmark;
  disclose: Discloser;
}

/** A point of the LA's series: its period's position `k` in the indicator's table, its row and observation. */
type SeriesPoint = { period: number; k: number; row: Obs; obs: IndicatorObservation; status: string };

/** The LA's series of one indicator inside its lifespan, and its latest point with a value (at or before the period asked). */
function laSeries(ctx: LaProfileContext, table: IndicatorTable) {
  const i = ctx.laPosition;
  const laPoints: SeriesPoint[] = [];
  table.periods.forEach((period, k) => {
    const row = table.rows[k][i];
    if (row) laPoints.push({ period, k, row, obs: tableObservation(table, k, i, row), status: row.status });
  });
  const cut = trendSeries(laPoints, ctx.area);
  const usable = cut.points.filter((p) => p.obs.value !== null && (ctx.period === undefined || p.period <= ctx.period));
  const latest = usable.length ? usable[usable.length - 1] : null;
  return { laPoints, cut, latest };
}

function exportComparison(c: BenchmarkComparison, benchmark: number | null): ProfileComparison {
  return { benchmark, outcome: c.outcome, label: c.label, confidence: c.confidence, ...(c.reason ? { reason: c.reason } : {}) };
}

function orNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** England, region and neighbour median at the period, and the LA's comparison with each. */
function comparisonsAt(ctx: LaProfileContext, table: IndicatorTable, latest: SeriesPoint | null) {
  const cat = table.cat;
  const period = latest?.period ?? null;
  const noValue: BenchmarkValue = { value: null, source: "no LA value" };
  const england = period === null ? noValue : benchmarkValue(ctx.index, "england", ENGLAND_CODE, period, cat, null, ctx.disclose.threshold);
  const region = period === null ? noValue : benchmarkValue(ctx.index, "region", ctx.area.region_code, period, cat, ctx.regionCodes, ctx.disclose.threshold);
  const nbSummary: NeighbourSummary & { withheld: number } = latest ? neighbourSummaryAt(ctx, table, latest.k) : { ...neighbourSummary(ctx.neighbourPositions.map(() => NaN)), withheld: 0 };
  const nbMedian = orNull(nbSummary.median);
  const intervals = latest ? tableIntervals(table, latest.k, ctx.laPosition, latest.row) : indicatorIntervals({ value: null, numerator: null, denominator: null }, cat.unit, cat.denominator);
  // a withheld value is compared with nothing: "worse than England" and the benchmark place it (a review: band D,
  // rank 123 of a suppressed count)
  const withheld = latest !== null && ctx.disclose.hides(latest.row, cat);
  const cmp = (b: number | null): ProfileComparison =>
    withheld
      ? { benchmark: b, outcome: "not-compared", label: "not compared", confidence: null, reason: VALUE_WITHHELD }
      : exportComparison(compareIntervals(intervals, b ?? NaN, cat.polarity, ctx.levels), b);
  const comparisons: Record<ProfileBenchmark, ProfileComparison> = { england: cmp(england.value), region: cmp(region.value), neighbours: cmp(nbMedian) };
  return { england, region, nbSummary, comparisons, intervals };
}

/** The neighbours' values in `periods[k]` of the table (NaN: no value or no row), in the order of `neighbourCodes`. */
function neighbourValuesAt(ctx: LaProfileContext, table: IndicatorTable, k: number): number[] {
  const rows = table.rows[k];
  return ctx.neighbourPositions.map((i) => (i < 0 ? NaN : rows[i]?.value ?? NaN));
}

/**
 * The neighbours' median and range in `periods[k]`; median, minimum and maximum NaN (not shown) when a neighbour's
 * value is withheld for disclosure: with the values shown, each can give it back (a review: the maximum of the
 * neighbours was a withheld count of 4), as the neighbour mean is withheld (see neighbourMean).
 */
function neighbourSummaryAt(ctx: LaProfileContext, table: IndicatorTable, k: number): NeighbourSummary & { withheld: number } {
  const values = neighbourValuesAt(ctx, table, k);
  const summary = neighbourSummary(values);
  const rows = table.rows[k];
  const hidden = ctx.neighbourPositions.filter((i) => {
    const o = i < 0 ? undefined : rows[i];
    return o !== undefined && Number.isFinite(o.value) && ctx.disclose.hides(o, table.cat);
  }).length;
  // a review found "10 of 10 with a value" beside a summary withheld for one of them
  return hidden > 0 ? { ...summary, median: NaN, min: NaN, max: NaN, n: summary.n - hidden, withheld: hidden } : { ...summary, withheld: 0 };
}

/** `{ note }` of a flagged value (lib/profile/value-flags.ts), `{}` of one like the others. */
function noteOf(flag: ValueFlag | null): { note?: string } {
  return flag === null ? {} : { note: flag.note };
}

/** The series for the trend chart: the LA's value and 95% interval, England, region and neighbour median per period. */
function seriesPoints(ctx: LaProfileContext, table: IndicatorTable, points: readonly SeriesPoint[]): ProfileSeriesPoint[] {
  const cat = table.cat;
  return points.map((p) => {
    const c = tableIntervals(table, p.k, ctx.laPosition, p.row);
    const v = ctx.disclose.value(p.row, cat);
    return {
      period: p.period,
      value: v,
      lower95: v === null ? null : orNull(c.lower95),
      upper95: v === null ? null : orNull(c.upper95),
      status: v === null && p.obs.value !== null ? DISCLOSURE_STATUS : p.status,
      england: benchmarkValue(ctx.index, "england", ENGLAND_CODE, p.period, cat, null, ctx.disclose.threshold).value,
      region: benchmarkValue(ctx.index, "region", ctx.area.region_code, p.period, cat, ctx.regionCodes, ctx.disclose.threshold).value,
      neighbourMedian: orNull(neighbourSummaryAt(ctx, table, p.k).median),
      ...(v === null ? {} : noteOf(valueFlag(p.status))),
    };
  });
}

/** Each neighbour's values over the LA's series, and its latest value with its own comparison with England. */
function neighbourValues(ctx: LaProfileContext, table: IndicatorTable, points: readonly SeriesPoint[], latest: SeriesPoint | null, englandValue: number | null) {
  const cat = table.cat;
  const shown = (o: Obs | undefined) => (o === undefined ? null : ctx.disclose.value(o, cat));
  const rowOf = (k: number, i: number) => (i < 0 ? undefined : table.rows[k][i]);
  const neighbourSeries = ctx.neighbourCodes.map((c, n) => ({ la_code: c, values: points.map((p) => shown(rowOf(p.k, ctx.neighbourPositions[n]))) }));
  const neighbourLatest = ctx.neighbourCodes.map((c, n) => {
    const i = ctx.neighbourPositions[n];
    const o = latest ? rowOf(latest.k, i) : undefined;
    const v = shown(o);
    // a neighbour's withheld value is not coloured in the tartan rug either
    const england: ComparisonOutcome = o && latest && v !== null ? tableEnglandOutcome(table, latest.k, i, o, englandValue, ctx.levels) : "not-compared";
    return { la_code: c, value: v, england };
  });
  return { neighbourSeries, neighbourLatest };
}

/**
 * Fingertips' recent-trend marker: Cochran–Armitage for percentages with counts, WLS on the intervals otherwise.
 * None over a denominator whose units cluster (school sessions): Cochran–Armitage is the binomial model the
 * intervals refuse there, and took Dorset's 5 years of absence sessions for χ² = 6578 ("worsening").
 */
function trendFor(ctx: LaProfileContext, table: IndicatorTable, points: readonly SeriesPoint[]): TrendResult {
  const cat = table.cat;
  const proportion = cat.unit === "percent" && points.some((p) => p.obs.numerator !== null);
  const clustered = clusteredDenominatorReason(cat.denominator);
  if (clustered !== undefined) {
    return {
      marker: "cannot-be-calculated", assessment: "cannot-be-calculated", method: proportion ? "cochran-armitage" : "wls", chiSquare: NaN, p: NaN,
      slope: NaN, signStable: false, leaveOneOutSlopes: [], n: 0, periods: [], reason: `${clustered}, and a trend test's χ² far too large: no trend marker`,
    };
  }
  if (proportion) {
    const counted = points.filter((p) => p.obs.numerator !== null && p.obs.denominator !== null && p.obs.denominator > 0 && p.obs.numerator <= p.obs.denominator);
    return trendMarkerProportion(counted.map((p) => ({ period: p.period, numerator: p.obs.numerator as number, denominator: p.obs.denominator as number })), cat.polarity);
  }
  const withCi = points.map((p) => {
    const c = tableIntervals(table, p.k, ctx.laPosition, p.row);
    return { period: p.period, value: c.value, lower95: c.lower95, upper95: c.upper95 };
  });
  const r = trendMarker(withCi, cat.polarity);
  if (r.marker === "cannot-be-calculated" && unitMultiplier(cat.unit) === null) return { ...r, reason: `no intervals for unit "${cat.unit}", so no trend marker` };
  // the marker counts points with intervals: say how many values there are beside it (a walkthrough read "has 0"
  // of a series of 10 values, a percentage published without its denominator)
  const valued = points.filter((p) => p.obs.value !== null).length;
  if (r.marker === "cannot-be-calculated" && r.reason?.startsWith(`needs ${TREND_POINTS} points`) && valued > 0) return { ...r, reason: `${r.reason} (${valued} ${valued === 1 ? "has" : "have"} a value)` };
  return r;
}

/** Why a trend over a withheld value is not given. */
const TREND_VALUE_WITHHELD = `${VALUE_WITHHELD} in a year the trend would use: no trend marker`;

/**
 * Whether a calculated trend used a period whose value is withheld for disclosure: with the values shown, its marker
 * says which way the withheld one went and its slope gives it back. (One that could not be calculated gives nothing.)
 */
function trendUsesWithheldValue(ctx: LaProfileContext, table: IndicatorTable, points: readonly SeriesPoint[], trend: TrendResult): boolean {
  if (trend.marker === "cannot-be-calculated") return false;
  const used = new Set(trend.periods);
  return points.some((p) => used.has(p.period) && ctx.disclose.hides(p.row, table.cat));
}

/** No trend in place of one over a withheld value (its method kept). */
function withheldTrend(trend: TrendResult): TrendResult {
  return {
    marker: "cannot-be-calculated", assessment: "cannot-be-calculated", method: trend.method, chiSquare: NaN, p: NaN,
    slope: NaN, signStable: false, leaveOneOutSlopes: [], n: 0, periods: [], reason: TREND_VALUE_WITHHELD,
  };
}

/**
 * The funnel estimate of an indicator-period (cached per index and threshold), or why there is none. For an indicator
 * whose counts are not published (own, pilot or returns data), LAs whose value would show a count of 1 … threshold − 1
 * are left out of it, as they are out of a computed benchmark: φ and τ² are sums over the LAs, and with the others'
 * values and denominators (funnel charts plot them) each is an equation in the withheld LA's count (a review: φ 2.75
 * with a withheld 3 of 7, 2.79 with 6 of 7, in every other LA's profile). Published counts stay in.
 */
export function cachedFunnelEstimate(index: ProfileIndex, cat: CatalogueRow, period: number, target: number | null, threshold: number): FunnelEstimate | FunnelUnavailable {
  const key = `${cat.indicator}|${period}|${target}|${threshold}`;
  const hit = index.cache.funnels.get(key);
  if (hit) return hit;
  const all = index.byIndicator.get(cat.indicator)?.get(period);
  const byLa = all && !countsNeedNoCheck(cat.source) ? withoutSmallCounts(all, cat, threshold, secondaryWithheld(index, threshold)) : all;
  const input = byLa ? funnelInput(byLa, cat.unit, target, cat.denominator) : { unavailable: "no data for the period" };
  const estimate = "unavailable" in input ? input : funnelEstimate(input);
  index.cache.funnels.set(key, estimate);
  return estimate;
}

/** The LAs' observations without those that would show a count of 1 … threshold − 1, or are withheld beside their LA's other figures. */
function withoutSmallCounts(byLa: ReadonlyMap<string, Obs>, cat: CatalogueRow, threshold: number, secondary: ReadonlyMap<Obs, string>): Map<string, Obs> {
  const kept = new Map<string, Obs>();
  for (const [la, o] of byLa) if (!showsUnpublishedSmallCount(o, cat, threshold) && !secondary.has(o)) kept.set(la, o);
  return kept;
}

/** The LA's place in the funnel of one indicator-period, or null when there is no funnel or the LA is not in it. */
function funnelFor(index: ProfileIndex, cat: CatalogueRow, period: number, laCode: string, target: number | null, threshold: number): ProfileFunnel | null {
  const m = unitMultiplier(cat.unit);
  const byLa = index.byIndicator.get(cat.indicator)?.get(period);
  if (m === null || !byLa) return null;
  const cached = cachedFunnelEstimate(index, cat, period, target, threshold);
  if ("unavailable" in cached) return null;
  const i = cached.input.codes.indexOf(laCode);
  if (i < 0) return null;
  const { est, choice } = cached;
  const o = byLa.get(laCode)!;
  const limits =
    choice.method === "none"
      ? funnelLimits(est.type === "proportion" ? est.target / m : est.target, [o.denominator], { type: est.type, multiplier: m })
      : overdispersedFunnelLimits(est, [o.denominator], choice.method);
  const significance = funnelSignificance(o.value, { lower95: limits.lower95[0], upper95: limits.upper95[0], lower998: limits.lower998[0], upper998: limits.upper998[0] });
  return { type: est.type, adjustment: choice.method, reason: choice.reason, phi: est.phi, tau2: est.tau2, lasInEstimate: est.n, zUnadjusted: est.z[i], zAdjusted: cached.zAdjusted[i], significance };
}

/**
 * Mean of the neighbours' values at the period (the "statistical neighbour average"); null when none has one,
 * or when a neighbour's value is suppressed for disclosure — the mean and the other values would give it back.
 */
function neighbourMean(ctx: LaProfileContext, table: IndicatorTable, latest: SeriesPoint | null): number | null {
  const at = latest ? table.rows[latest.k] : [];
  const rows = ctx.neighbourPositions.map((i) => (i < 0 ? undefined : at[i])).filter((o): o is Obs => o !== undefined && Number.isFinite(o.value));
  if (rows.length === 0 || rows.some((o) => ctx.disclose.hides(o, table.cat))) return null;
  return rows.reduce((a, o) => a + o.value, 0) / rows.length;
}

/** How the interval note of a rounded published value begins (profile.html shows it in the value's cell). */
export const ROUNDED_VALUE_NOTE = "published rounded to";

/**
 * The note of a published value outside its own 95% interval because it was rounded and the interval comes from the
 * counts (a walkthrough: Leeds' children away without authorisation, published 1, interval 0.3–1.0 from 11 of 1,999
 * = 0.55%); null when the value lies inside its interval or there are no counts. Official counts are published and
 * named; other counts are not (the value the counts give is, as the interval gives it anyway).
 * @example roundedValueNote(1, { value: 1, numerator: 11, denominator: 1999 }, { lower95: 0.3, upper95: 1.0 }, { unit: "percent", source: "EES …" })
 * // "published rounded to 1; 11 of 1,999 = 0.55, the value the interval is of"
 */
export function roundedValueNote(
  shown: number, obs: IndicatorObservation, ci: { lower95: number; upper95: number }, cat: Pick<CatalogueRow, "unit" | "source">,
): string | null {
  const m = unitMultiplier(cat.unit);
  if (m === null || obs.numerator === null || obs.denominator === null || !(obs.denominator > 0)) return null;
  if (!(shown < ci.lower95 || shown > ci.upper95)) return null;
  const fromCounts = (obs.numerator / obs.denominator) * m;
  const counts = countsNeedNoCheck(cat.source) ? `${obs.numerator.toLocaleString("en-GB")} of ${obs.denominator.toLocaleString("en-GB")} = ` : "the counts give ";
  return `${ROUNDED_VALUE_NOTE} ${shown}; ${counts}${fromCounts.toFixed(2)}, the value the interval is of`;
}

/** The LA's status at its latest value: disclosure, the published status, or (no value) that of its last row. */
function statusOf(shown: number | null, latestRow: Obs | undefined, laPoints: readonly SeriesPoint[]): string {
  if (shown === null && latestRow) return DISCLOSURE_STATUS;
  if (latestRow) return latestRow.status ?? "";
  return laPoints[laPoints.length - 1]?.status ?? "no data";
}

/** `{ withheldNote }` of a latest value withheld beside the LA's other figures of its period, else `{}`. */
function withheldNoteOf(ctx: LaProfileContext, latest: SeriesPoint | null): { withheldNote?: string } {
  const reason = latest === null ? undefined : ctx.disclose.secondaryReason(latest.row);
  return reason === undefined ? {} : { withheldNote: reason };
}

/** One indicator of the profile (see lib/profile/build.ts). */
export function profileIndicator(ctx: LaProfileContext, cat: CatalogueRow): ProfileIndicator {
  const laCode = ctx.area.la_code;
  const table = indicatorTable(ctx.index, cat);
  const { laPoints, cut, latest } = laSeries(ctx, table);
  const period = latest?.period ?? null;
  const rowsAt = latest === null ? new Map<string, Obs>() : table.rowMaps[latest.k];
  const obs = latest?.obs ?? { value: null, numerator: null, denominator: null };
  const { england, region, nbSummary, comparisons, intervals: ci } = comparisonsAt(ctx, table, latest);
  const distribution = periodDistribution(rowsAt, cat, ctx.disclose);
  const { bounds, ranks, laIndex } = distribution;
  const laValue = obs.value ?? NaN;
  const laIdx = laIndex.get(laCode) ?? -1;
  const shown = latest === null ? null : ctx.disclose.value(latest.row, cat);
  // a value withheld for disclosure gets no band, quartile, rank or funnel position: each places it among the LAs
  const placed = latest !== null && shown !== null;
  const place = placed ? placeAmongLas(laValue, distribution, cat.polarity) : { band: null, quartile: null };
  const flag = shown === null ? null : valueFlag(latest?.status ?? "");
  const noInterval = shown === null;
  const roundedNote = noInterval ? null : roundedValueNote(shown, obs, ci, cat);
  const series = seriesPoints(ctx, table, cut.points);
  const { neighbourSeries, neighbourLatest } = neighbourValues(ctx, table, cut.points, latest, england.value);
  // an Annex A window share is not a year's value: a trend through it would read part of a year against whole years
  const trendPoints = cut.points.filter((p) => (ctx.period === undefined || p.period <= ctx.period) && !isPartYearShare(p.status));
  const computed = trendFor(ctx, table, trendPoints);
  // a trend over an unpublished value withheld as 4 of 12 is withheld too: its χ², p and slopes with the values shown
  // gave the counts back (a review: χ² 1.43 and the five values fixed 4, 5, 4, 3, 2 of 12)
  const { n: pointsUsed, ...trendRest } = trendUsesWithheldValue(ctx, table, trendPoints, computed) ? withheldTrend(computed) : computed;
  const trend: ProfileTrend = { ...trendRest, pointsUsed };
  return {
    indicator: cat.indicator,
    label: cat.label,
    domain: cat.domain,
    polarity: cat.polarity,
    unit: cat.unit,
    source: cat.source,
    period,
    value: shown,
    status: statusOf(shown, latest?.row, laPoints),
    ...withheldNoteOf(ctx, latest),
    lower95: noInterval ? null : orNull(ci.lower95),
    upper95: noInterval ? null : orNull(ci.upper95),
    lower998: noInterval ? null : orNull(ci.lower998),
    upper998: noInterval ? null : orNull(ci.upper998),
    intervalMethod: ci.method,
    ...(ci.reason ? { intervalNote: ci.reason } : roundedNote !== null ? { intervalNote: roundedNote } : ci.basis === "value-and-denominator" ? { intervalNote: "numerator not published: taken as value × denominator" } : {}),
    ...(flag === null ? {} : { valueFlag: flag.flag, valueNote: flag.note }),
    england,
    region,
    neighbours: { median: nbSummary.median, min: nbSummary.min, max: nbSummary.max, withValue: nbSummary.n, withheld: nbSummary.withheld, of: nbSummary.of, mean: neighbourMean(ctx, table, latest) },
    comparisons,
    headline: comparisons[ctx.benchmark],
    distribution: { min: orNull(bounds.q0), q25: orNull(bounds.q25), median: orNull(bounds.q50), q75: orNull(bounds.q75), max: orNull(bounds.q100), lasWithValue: bounds.n, withheldCounts: distribution.withheldCounts, withheldLeftOut: distribution.leftOut },
    band: place.band,
    quartile: place.quartile,
    // from the exported value only: a difference from England would give a suppressed value back
    englandDifference: england.value !== null && shown !== null ? shown - england.value : null,
    yearsBehind: period !== null && ctx.referencePeriod !== null ? ctx.referencePeriod - period : null,
    stale: period !== null && ctx.referencePeriod !== null && ctx.referencePeriod - period > STALE_AFTER_YEARS,
    rank: placed && laIdx >= 0 ? ranks.ranks[laIdx] : null,
    rankOf: ranks.polarity === "none" ? 0 : ranks.n,
    funnel: period === null || !placed ? null : funnelFor(ctx.index, cat, period, laCode, england.value, ctx.disclose.threshold),
    trend,
    series,
    seriesBroken: cut.broken,
    seriesNotes: cut.notes,
    neighbourSeries,
    neighbourLatest,
  };
}
