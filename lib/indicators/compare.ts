/**
 * Fingertips' comparison of an area's value with a benchmark (England, region, statistical-neighbour
 * median), at 95% and at 95% + 99.8%, polarity-aware.
 *
 * Method (fingertips-open, MIT: `SingleOverlappingCIsForOneCILevelComparer`,
 * `SingleOverlappingCIsForTwoCILevelsComparer`, `IndicatorComparer.AdjustForPolarity`):
 * - **95%**: "similar" when the benchmark lies inside the area's 95% interval (inclusive); otherwise
 *   the area is "better" or "worse" by the direction of the difference and the polarity.
 * - **95% + 99.8%**: as above, and a difference is marked at 99.8% when the benchmark also lies outside
 *   the area's 99.8% interval; between the 95% and 99.8% limits it is marked at 95%.
 * - **Polarity**: `up` (high is good) → better/worse as the value is above/below; `down` reverses it;
 *   `none` → "higher"/"similar"/"lower" (Fingertips' Blue–Orange–Blue, direction without judgement).
 *   Deviation stated: fingertips-open's `AdjustForPolarity` swaps only Better/Worse and leaves
 *   Best/Worst unswapped for low-is-good; here the 99.8% level is swapped too, so "better at 99.8%"
 *   always means better.
 *
 * The area's intervals come from its counts ({@link indicatorIntervals}): Wilson for percentages
 * (PHEindicatormethods `phe_proportion`), exact Poisson below 10 events and Byar otherwise for rates per
 * 10,000 (`phe_rate`). Units without a count model (`ratio`, `score`, `count`) are not compared
 * (`outcome: "not-compared"`, with the reason), as Fingertips does for indicators without CIs.
 */
import { InputError } from "../errors";
import { checkPolarity, type Polarity, type Unit } from "../data/types";
import { CONFIDENCE_95, CONFIDENCE_998, PER_10K, rateInterval, wilsonInterval } from "./intervals";

/** Which Fingertips comparison: one 95% level, or 95% and 99.8% together. */
export type ComparisonLevels = "95" | "95+99.8";

/** better/worse for `up`/`down` polarity; higher/lower for `none`; not-compared when impossible. */
export type ComparisonOutcome = "better" | "similar" | "worse" | "higher" | "lower" | "not-compared";

/** An area's value with the intervals a comparison needs (on the indicator's own scale). */
export interface ValueWithIntervals {
  value: number;
  lower95: number;
  upper95: number;
  /** Needed for the 95% + 99.8% comparison. */
  lower998?: number;
  upper998?: number;
}

/** The result of comparing one value with one benchmark. */
export interface BenchmarkComparison {
  outcome: ComparisonOutcome;
  /** The level at which a difference is significant: 0.998, 0.95, or null (similar / not compared). */
  confidence: number | null;
  /** Text as Fingertips shows it, e.g. "better (99.8%)", "similar", "lower (95%)". */
  label: string;
  value: number;
  benchmark: number;
  polarity: Polarity;
  levels: ComparisonLevels;
  method: "ci-overlap";
  /** Why the outcome is "not-compared". */
  reason?: string;
}

function notCompared(value: number, benchmark: number, polarity: Polarity, levels: ComparisonLevels, reason: string): BenchmarkComparison {
  return { outcome: "not-compared", confidence: null, label: "not compared", value, benchmark, polarity, levels, method: "ci-overlap", reason };
}

/**
 * Compare an area's value (with its intervals) with a benchmark value, Fingertips' single-overlap rule
 * (OHID Fingertips "Comparing with a benchmark": similar if the benchmark lies inside the area's interval).
 * Missing (NaN) value, interval or benchmark → `not-compared` with a reason.
 * @param local the area's value and intervals (95%; and 99.8% for `levels: "95+99.8"`)
 * @param benchmark the benchmark value on the same scale (England, region or neighbour median)
 * @param polarity `up`, `down` or `none`
 * @param levels `"95"` (default) or `"95+99.8"`
 * @example
 * compareWithBenchmark({ value: 30, lower95: 25, upper95: 35, lower998: 22, upper998: 39 }, 24, "down", "95+99.8")
 * // { outcome: "worse", confidence: 0.95, label: "worse (95%)", … }
 */
export function compareWithBenchmark(
  local: ValueWithIntervals,
  benchmark: number,
  polarity: Polarity,
  levels: ComparisonLevels = "95",
): BenchmarkComparison {
  checkPolarity("compareWithBenchmark", polarity);
  if (levels !== "95" && levels !== "95+99.8") throw new InputError("compareWithBenchmark", 'levels must be "95" or "95+99.8"', levels);
  const { value, lower95, upper95 } = local;
  if (Number.isNaN(value)) return notCompared(value, benchmark, polarity, levels, "the value is missing");
  if (Number.isNaN(benchmark)) return notCompared(value, benchmark, polarity, levels, "the benchmark is missing");
  if (Number.isNaN(lower95) || Number.isNaN(upper95)) return notCompared(value, benchmark, polarity, levels, "the 95% interval is missing");
  if (lower95 > upper95) throw new InputError("compareWithBenchmark", `lower95 must be <= upper95 (${upper95})`, lower95);
  const twoLevels = levels === "95+99.8";
  const lower998 = local.lower998 ?? NaN;
  const upper998 = local.upper998 ?? NaN;
  if (twoLevels && (Number.isNaN(lower998) || Number.isNaN(upper998))) {
    return notCompared(value, benchmark, polarity, levels, "the 99.8% interval is missing");
  }
  if (twoLevels && !(lower998 <= lower95 && upper998 >= upper95)) {
    throw new InputError("compareWithBenchmark", "the 99.8% interval must contain the 95% interval", [lower998, upper998]);
  }
  const base = { value, benchmark, polarity, levels, method: "ci-overlap" as const };
  if (benchmark >= lower95 && benchmark <= upper95) return { ...base, outcome: "similar", confidence: null, label: "similar" };
  const above = benchmark < lower95; // the area's value is above the benchmark
  const confidence = twoLevels && (above ? benchmark < lower998 : benchmark > upper998) ? CONFIDENCE_998 : CONFIDENCE_95;
  const outcome: ComparisonOutcome =
    polarity === "none" ? (above ? "higher" : "lower") : above === (polarity === "up") ? "better" : "worse";
  return { ...base, outcome, confidence, label: `${outcome} (${confidence === CONFIDENCE_998 ? "99.8" : "95"}%)` };
}

/** An indicator value as it is stored (indicators.csv / benchmarks.csv). */
export interface IndicatorObservation {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** An area's intervals at 95% and 99.8%, with how they were obtained. */
export interface IndicatorIntervals extends ValueWithIntervals {
  lower998: number;
  upper998: number;
  /** "wilson", "byar", "exact", or "none" when no interval can be computed. */
  method: "wilson" | "byar" | "exact" | "none";
  /**
   * `counts`: from the published numerator and denominator; `value-and-denominator`: the numerator was
   * not published and is taken as value × denominator ÷ multiplier (a rounded published value gives a
   * slightly approximate interval); `none`: not computable (see `reason`).
   */
  basis: "counts" | "value-and-denominator" | "none";
  reason?: string;
}

const NO_INTERVAL = { lower95: NaN, upper95: NaN, lower998: NaN, upper998: NaN, method: "none" as const, basis: "none" as const };

/**
 * Denominators (as a catalogue names them) whose units are not independent: school sessions cluster within
 * pupils (a child's absence runs over many sessions), so a binomial interval on 107,352 sessions of a few hundred
 * children is about ten times too narrow (a user walkthrough: Dorset's absence 23.1% [22.87, 23.38], "worse (99.8%)").
 */
const CLUSTERED_DENOMINATOR_RE = /\bsessions\b/i;

/**
 * Why counts over this denominator (the catalogue's `denominator` text) cannot have a binomial or Poisson model:
 * its units cluster (school sessions within pupils); undefined when they need not. Shared by the intervals and
 * the profile's funnel plots, whose control limits are the same model.
 * @example
 * clusteredDenominatorReason("possible sessions") // "the denominator (possible sessions) counts school sessions, …"
 * clusteredDenominatorReason("children looked after at 31 March") // undefined
 */
export function clusteredDenominatorReason(denominatorLabel: string): string | undefined {
  return CLUSTERED_DENOMINATOR_RE.test(denominatorLabel)
    ? `the denominator (${denominatorLabel}) counts school sessions, which cluster within pupils: a binomial interval would be far too narrow`
    : undefined;
}

/**
 * The 95% and 99.8% intervals of an indicator value from its counts, by unit: `percent` → Wilson × 100;
 * `rate_per_10k` → PHE rate rule (exact Poisson if count < 10, Byar otherwise) per 10,000. Other units,
 * a missing value/denominator, or a denominator (`denominatorLabel`, the catalogue's) of units that cluster
 * (school sessions) give NaN limits with a reason. The point value is the published value.
 * @example
 * indicatorIntervals({ value: 25, numerator: 5, denominator: 20 }, "percent")
 * // { value: 25, lower95: 11.18617, upper95: 46.87009, lower998: 7.17137, upper998: 58.98715, method: "wilson", basis: "counts" }
 */
export function indicatorIntervals(obs: IndicatorObservation, unit: Unit, denominatorLabel = ""): IndicatorIntervals {
  const value = obs.value ?? NaN;
  if (Number.isNaN(value)) return { value, ...NO_INTERVAL, reason: "the value is missing" };
  const clustered = clusteredDenominatorReason(denominatorLabel);
  if (clustered !== undefined) return { value, ...NO_INTERVAL, reason: clustered };
  if (unit !== "percent" && unit !== "rate_per_10k") {
    return { value, ...NO_INTERVAL, reason: `no count model for unit "${unit}" (only percent and rate_per_10k have intervals)` };
  }
  const den = obs.denominator ?? NaN;
  if (!(den > 0)) return { value, ...NO_INTERVAL, reason: "the denominator is missing or zero" };
  const multiplier = unit === "percent" ? 100 : PER_10K;
  const basis = obs.numerator === null || Number.isNaN(obs.numerator) ? "value-and-denominator" : "counts";
  let num = basis === "counts" ? (obs.numerator as number) : (value * den) / multiplier;
  if (unit === "percent" && num > den) {
    if (basis === "counts") return { value, ...NO_INTERVAL, reason: `numerator ${num} exceeds denominator ${den}` };
    num = den; // a value of 100% rounded up
  }
  if (num < 0) return { value, ...NO_INTERVAL, reason: `numerator ${num} is negative` };
  if (unit === "percent") {
    const ci95 = wilsonInterval(num, den, { conf: CONFIDENCE_95, multiplier });
    const ci998 = wilsonInterval(num, den, { conf: CONFIDENCE_998, multiplier });
    return { value, lower95: ci95.lower, upper95: ci95.upper, lower998: ci998.lower, upper998: ci998.upper, method: "wilson", basis };
  }
  const ci95 = rateInterval(num, den, { conf: CONFIDENCE_95, multiplier });
  const ci998 = rateInterval(num, den, { conf: CONFIDENCE_998, multiplier });
  if (Number.isNaN(ci95.lower) || Number.isNaN(ci998.lower)) {
    return { value, ...NO_INTERVAL, reason: ci95.reason ?? ci998.reason ?? "interval not computable" };
  }
  return { value, lower95: ci95.lower, upper95: ci95.upper, lower998: ci998.lower, upper998: ci998.upper, method: ci95.method, basis };
}

/**
 * Compare a stored indicator observation with a benchmark: intervals from counts
 * ({@link indicatorIntervals}, with the catalogue's `denominatorLabel`: school sessions give none), then
 * {@link compareWithBenchmark}.
 * @example
 * compareObservation({ value: 25, numerator: 5, denominator: 20 }, "percent", 50, "up", "95+99.8").label
 * // "worse (95%)"
 * compareObservation({ value: 23.1, numerator: 24798, denominator: 107352 }, "percent", 21, "down", "95", "possible sessions").label
 * // "not compared"
 */
export function compareObservation(
  obs: IndicatorObservation,
  unit: Unit,
  benchmark: number,
  polarity: Polarity,
  levels: ComparisonLevels = "95",
  denominatorLabel = "",
): BenchmarkComparison & { intervals: IndicatorIntervals } {
  return compareIntervals(indicatorIntervals(obs, unit, denominatorLabel), benchmark, polarity, levels);
}

/**
 * {@link compareObservation} from intervals already computed by {@link indicatorIntervals} (for callers that
 * compare one observation with several benchmarks, or keep each observation's intervals): not compared, with
 * the intervals' reason, when there are none; else {@link compareWithBenchmark}.
 * @example
 * compareIntervals(indicatorIntervals({ value: 25, numerator: 5, denominator: 20 }, "percent"), 50, "up", "95+99.8").label
 * // "worse (95%)"
 */
export function compareIntervals(
  intervals: IndicatorIntervals,
  benchmark: number,
  polarity: Polarity,
  levels: ComparisonLevels = "95",
): BenchmarkComparison & { intervals: IndicatorIntervals } {
  if (intervals.method === "none") {
    return { ...notCompared(intervals.value, benchmark, polarity, levels, intervals.reason ?? "no interval"), intervals };
  }
  return { ...compareWithBenchmark(intervals, benchmark, polarity, levels), intervals };
}
