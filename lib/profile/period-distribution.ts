/**
 * Where an LA's value stands among the LAs' values of one indicator-period: quartile bounds, band, quarter and rank.
 *
 * An indicator whose values are published (official, as `import` writes their sources; or synthetic, of no one:
 * lib/data/official-sources.ts `countsNeedNoCheck`) has every value in, those the profile withholds from display
 * included (a count or a denominator of people of 1 … threshold − 1: lib/disclosure/withheld-values.ts): DfE published
 * them and LAIT ranks among all of them, so Leeds' KS4 Attainment 8 (CP plan) is ranked among the 131 LAs with a value,
 * not the 95 whose value rests on 10 or more pupils (a review: "37/95", quartiles over 95). Bounds and ranks then
 * give back nothing that is not public; the LA's own withheld value still gets no band or rank (./build-indicator.ts).
 *
 * An unpublished indicator's (own, pilot or returns data) withheld values are not public and could be given back:
 * a value withheld because its denominator is a small count could be anything, and is left out; so is one withheld
 * because its numerator or non-events are small: kept in, it was the maximum or a quartile that gave it back (3 of 7,
 * 42.9%, the highest). A count withheld because it is small (1 … threshold − 1) is known to lie in (0, threshold):
 * it is kept in as an interval: each bound is computed with every withheld count at the least and at the most it can
 * be, and is given only where the two agree (it does not depend on them); a band or quarter only where the two sets
 * of bounds agree on it. Ranks are exact: a count shown is 0 or at least the threshold, so it is above or below every
 * withheld count, wherever in (0, threshold) those are.
 */
import type { CatalogueRow, Polarity } from "../data/types";
import { countsNeedNoCheck } from "../data/official-sources";
import { isSmallCount } from "../disclosure/suppress-counts";
import type { WithheldIndicator, WithheldObservation } from "../disclosure/withheld-values";
import { MIN_VALUES_FOR_QUARTILES, quartileBand, quartileBounds, rankWithTies, type PolarityRanks, type QuartileBand, type QuartileBounds } from "../indicators/quartiles";
import type { Obs } from "./package-index";

/** How a profile decides what is withheld (./build-indicator.ts `Discloser`). */
interface Withholding {
  hides(obs: WithheldObservation, cat: WithheldIndicator): boolean;
  readonly threshold: number;
}

/** What a distribution reads of an indicator's catalogue row (the wording for lib/disclosure/withheld-values.ts). */
export type DistributedIndicator = Pick<CatalogueRow, "unit" | "polarity" | "source"> & WithheldIndicator;

/** The LAs' values of one indicator-period: where each LA is, their quartile bounds and their ranks. */
export interface PeriodDistribution {
  laIndex: Map<string, number>;
  /** Bounds with every withheld count at its least and at its most (equal where they do not depend on them). */
  least: QuartileBounds;
  most: QuartileBounds;
  /** Bounds to export: NaN where `least` and `most` differ. */
  bounds: QuartileBounds;
  ranks: PolarityRanks;
  /** Counts withheld as small that are in the bounds and ranks as an interval (unpublished indicators only). */
  withheldCounts: number;
  /** LAs with a value withheld for disclosure and left out of bounds and ranks (unpublished indicators only). */
  leftOut: number;
}

/** Distributions by the index's row map of an indicator-period, then `${unit}|${polarity}|${threshold}|${source}|${denominator}|${wording}`. */
const distributions = new WeakMap<Map<string, Obs>, Map<string, PeriodDistribution>>();

/**
 * Which LAs' values of an indicator are out of the LAs' spread (see the file's comment), as a test of an observation:
 * a published indicator's (official or synthetic) none; an unpublished one's, each value withheld for disclosure.
 * The distribution and ranks here and the profile's triangulation (./build.ts) read it, so that both are over the
 * same values.
 * @example outOfSpread({ source: "Own data: visits.csv", unit: "count" }, discloser(10))(obs(3)) // true: a small count, unpublished
 * @example outOfSpread({ source: "EES cla_la.csv", unit: "count" }, discloser(10))(obs(3)) // false: published values are all in
 */
export function outOfSpread(cat: Pick<CatalogueRow, "source"> & WithheldIndicator, disclose: Pick<Withholding, "hides">): (o: Obs) => boolean {
  if (countsNeedNoCheck(cat.source)) return () => false;
  return (o) => Number.isFinite(o.value) && disclose.hides(o, cat);
}

/** The largest double below `x` (> 0): the most a count withheld as below the threshold can be. */
const justBelow = (x: number) => x * (1 - Number.EPSILON);

/**
 * The distribution of the LAs' values at one indicator-period (see the file's comment), computed once per row map,
 * unit, polarity, source and disclosure threshold.
 * @example
 * // counts 0, 0, 3 (withheld at threshold 10), 12, 40 of own data: the median is the withheld 3, so it is not given
 * periodDistribution(rowsAt, { unit: "count", polarity: "down", source: "Own data: panels.csv" }, discloser(10)).bounds.q50 // NaN
 * // the same counts published by DfE: the median is 3, as R's quantile(type = 7) gives over all five
 * periodDistribution(rowsAt, { unit: "count", polarity: "down", source: "EES …" }, discloser(10)).bounds.q50 // 3
 */
export function periodDistribution(rowsAt: Map<string, Obs>, cat: DistributedIndicator, disclose: Withholding): PeriodDistribution {
  const { unit, polarity } = cat;
  let byKey = distributions.get(rowsAt);
  if (!byKey) distributions.set(rowsAt, (byKey = new Map()));
  const key = `${unit}|${polarity}|${disclose.threshold}|${cat.source}|${cat.denominator ?? ""}|${cat.numerator || cat.label || ""}`;
  const hit = byKey.get(key);
  if (hit) return hit;
  const laCodes: string[] = [];
  const least: number[] = [];
  const most: number[] = [];
  let withheldCounts = 0;
  let leftOut = 0;
  // published values are public, those withheld from display too: all are in (see the file's comment)
  const withheldFromSpread = outOfSpread(cat, disclose);
  for (const [code, o] of rowsAt) {
    if (!withheldFromSpread(o)) {
      laCodes.push(code);
      least.push(o.value);
      most.push(o.value);
    } else if (unit === "count" && isSmallCount(o.value, disclose.threshold) && !(Number.isFinite(o.denominator) && isSmallCount(o.denominator, disclose.threshold))) {
      // withheld for being a small count, not for its denominator: somewhere in (0, threshold)
      withheldCounts++;
      laCodes.push(code);
      least.push(Number.MIN_VALUE);
      most.push(justBelow(disclose.threshold));
    } else leftOut++;
  }
  const lo = quartileBounds(least);
  const hi = quartileBounds(most);
  const agreed = (a: number, b: number) => (a === b ? a : NaN);
  const made: PeriodDistribution = {
    laIndex: new Map(laCodes.map((c, i) => [c, i])),
    least: lo,
    most: hi,
    bounds: { q0: agreed(lo.q0, hi.q0), q25: agreed(lo.q25, hi.q25), q50: agreed(lo.q50, hi.q50), q75: agreed(lo.q75, hi.q75), q100: agreed(lo.q100, hi.q100), n: lo.n },
    ranks: rankWithTies(least, polarity),
    withheldCounts,
    leftOut,
  };
  byKey.set(key, made);
  return made;
}

/** The quarter (1 lowest … 4 highest) of a value among the LAs, by LAIT's right-closed bands; null as quartileBand is. */
function valueQuartile(value: number, bounds: QuartileBounds): 1 | 2 | 3 | 4 | null {
  if (Number.isNaN(value) || bounds.n < MIN_VALUES_FOR_QUARTILES || value < bounds.q0 || value > bounds.q100) return null;
  return value <= bounds.q25 ? 1 : value <= bounds.q50 ? 2 : value <= bounds.q75 ? 3 : 4;
}

/**
 * The LA's quartile band, A (best) – D, with a value equal to a quartile in the better of the two bands for either
 * polarity, as tied ranks share the best rank. LAIT's right-closed bands (lib/indicators/quartiles `quartileBand`)
 * put it in the lower band of values, which is the better one only where lower is better: a walkthrough found
 * Leeds' agency share 100 (= q75 = max, higher better) ranked 1 of 149 but in band B, while a value equal to q25 of a
 * lower-is-better indicator went to A. For higher-is-better indicators the bands are taken on the negated values.
 * @example
 * profileBand(4, { q0: 1, q25: 2, q50: 3, q75: 4, q100: 5, n: 5 }, "up") // "A"; LAIT's quartileBand gives "B"
 * profileBand(2, { q0: 1, q25: 2, q50: 3, q75: 4, q100: 5, n: 5 }, "down") // "A"
 */
export function profileBand(value: number, bounds: QuartileBounds, polarity: Polarity): QuartileBand | null {
  if (polarity !== "up") return quartileBand(value, bounds, polarity);
  const negated: QuartileBounds = { q0: -bounds.q100, q25: -bounds.q75, q50: -bounds.q50, q75: -bounds.q25, q100: -bounds.q0, n: bounds.n };
  return quartileBand(-value, negated, "down");
}

/**
 * The band and quarter of a value shown, where the bounds with the withheld counts at their least and at their most
 * agree on them (then the true bounds, between the two, do too); null where they do not.
 */
export function placeAmongLas(value: number, d: PeriodDistribution, polarity: Polarity): { band: QuartileBand | null; quartile: 1 | 2 | 3 | 4 | null } {
  const band = profileBand(value, d.least, polarity);
  const quartile = valueQuartile(value, d.least);
  return {
    band: band === profileBand(value, d.most, polarity) ? band : null,
    quartile: quartile === valueQuartile(value, d.most) ? quartile : null,
  };
}
