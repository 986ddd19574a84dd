/**
 * Benchmarking an LA's value against a comparator (England, its region, its statistical neighbours):
 * the difference and whether it is significant, by Fingertips' interval rule.
 *
 * Rule (fingertips-open `SingleOverlappingCIsForOneCILevelComparer`, and its two-level variant): the LA
 * is "similar" when the benchmark value lies inside the LA's confidence interval; otherwise it is
 * better or worse depending on the direction of the difference and the indicator's polarity (`none`:
 * "higher"/"lower", no judgement). With both 95% and 99.8% intervals, `level` says the strongest level
 * at which the difference is significant. Intervals: Wilson for proportions, PHE's exact/Byar rule for
 * rates (lib/indicators/intervals).
 */
import { InputError } from "../errors";
import type { Polarity } from "../data/types";
import { CONFIDENCE_95, CONFIDENCE_998, PER_10K, rateInterval, wilsonInterval } from "./intervals";

export type BenchmarkCategory = "better" | "worse" | "similar" | "higher" | "lower" | "not-compared";

/** Result of comparing one value with one benchmark. */
export interface BenchmarkComparison {
  value: number;
  benchmark: number;
  /** value − benchmark (on the value's scale). */
  difference: number;
  category: BenchmarkCategory;
  /** True when the benchmark lies outside the LA's 95% interval. */
  significant: boolean;
  /** Strongest level at which the difference is significant (0.998, 0.95), or null. */
  level: number | null;
  polarity: Polarity;
  method: "ci-contains-benchmark";
  reason?: string;
}

/** The LA's value with its 95% (and optionally 99.8%) interval. */
export interface ValueWithIntervals {
  value: number;
  lower95: number;
  upper95: number;
  lower998?: number;
  upper998?: number;
}

/**
 * Compare a value with a benchmark by whether the benchmark lies inside the value's interval(s).
 * @example
 * compareWithBenchmark({ value: 12, lower95: 10.5, upper95: 13.6 }, 9.8, "down")
 * // { category: "worse", significant: true, level: 0.95, difference: 2.2, … }
 */
export function compareWithBenchmark(local: ValueWithIntervals, benchmark: number, polarity: Polarity): BenchmarkComparison {
  if (polarity !== "up" && polarity !== "down" && polarity !== "none") {
    throw new InputError("compareWithBenchmark", 'polarity must be "up", "down" or "none"', polarity);
  }
  const base = { value: local.value, benchmark, difference: local.value - benchmark, polarity, method: "ci-contains-benchmark" as const };
  if ([local.value, local.lower95, local.upper95, benchmark].some((v) => Number.isNaN(v))) {
    return { ...base, category: "not-compared", significant: false, level: null, reason: "missing value, interval or benchmark" };
  }
  if (local.lower95 > local.upper95) throw new InputError("compareWithBenchmark", "lower95 must be <= upper95", local.lower95);
  const outside95 = benchmark < local.lower95 || benchmark > local.upper95;
  const has998 = local.lower998 !== undefined && local.upper998 !== undefined && !Number.isNaN(local.lower998) && !Number.isNaN(local.upper998);
  const outside998 = has998 && (benchmark < (local.lower998 as number) || benchmark > (local.upper998 as number));
  if (!outside95) return { ...base, category: "similar", significant: false, level: null };
  const above = local.value > benchmark;
  const category: BenchmarkCategory =
    polarity === "none" ? (above ? "higher" : "lower") : above === (polarity === "up") ? "better" : "worse";
  return { ...base, category, significant: true, level: outside998 ? CONFIDENCE_998 : CONFIDENCE_95 };
}

/**
 * Compare a proportion x/n (Wilson 95% and 99.8% intervals) with a benchmark proportion on the same
 * scale (`multiplier` 100 for percentages).
 * @example
 * compareProportion(45, 300, 11.2, "down", { multiplier: 100 }) // 15% vs England 11.2%: "worse"
 */
export function compareProportion(
  x: number,
  n: number,
  benchmark: number,
  polarity: Polarity,
  options: { multiplier?: number } = {},
): BenchmarkComparison {
  const multiplier = options.multiplier ?? 1;
  const ci95 = wilsonInterval(x, n, { conf: CONFIDENCE_95, multiplier });
  const ci998 = wilsonInterval(x, n, { conf: CONFIDENCE_998, multiplier });
  return compareWithBenchmark(
    { value: ci95.estimate, lower95: ci95.lower, upper95: ci95.upper, lower998: ci998.lower, upper998: ci998.upper },
    benchmark,
    polarity,
  );
}

/**
 * Compare a rate (count per `multiplier`, default per 10,000; exact limits below 10 events, Byar's
 * otherwise) with a benchmark rate on the same scale.
 * @example
 * compareRate(120, 25000, 67, "none") // 48 per 10k vs 67: "lower"
 */
export function compareRate(
  count: number,
  denominator: number,
  benchmark: number,
  polarity: Polarity,
  options: { multiplier?: number } = {},
): BenchmarkComparison {
  const multiplier = options.multiplier ?? PER_10K;
  const ci95 = rateInterval(count, denominator, { conf: CONFIDENCE_95, multiplier });
  const ci998 = rateInterval(count, denominator, { conf: CONFIDENCE_998, multiplier });
  return compareWithBenchmark(
    { value: ci95.estimate, lower95: ci95.lower, upper95: ci95.upper, lower998: ci998.lower, upper998: ci998.upper },
    benchmark,
    polarity,
  );
}

/**
 * Compare one LA with several comparators at once (e.g. England, its region, the median of its
 * statistical neighbours), for a proportion or a rate.
 * @example
 * benchmarkLA({ numerator: 45, denominator: 300 }, { england: 11.2, region: 12.5, neighbours: 13.1 },
 *   "down", { type: "proportion", multiplier: 100 }).england.category
 */
export function benchmarkLA(
  local: { numerator: number; denominator: number },
  benchmarks: Readonly<Record<string, number>>,
  polarity: Polarity,
  options: { type: "proportion" | "rate"; multiplier?: number },
): Record<string, BenchmarkComparison> {
  const out: Record<string, BenchmarkComparison> = {};
  for (const [name, value] of Object.entries(benchmarks)) {
    out[name] =
      options.type === "proportion"
        ? compareProportion(local.numerator, local.denominator, value, polarity, { multiplier: options.multiplier })
        : compareRate(local.numerator, local.denominator, value, polarity, { multiplier: options.multiplier });
  }
  return out;
}
