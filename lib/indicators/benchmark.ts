/**
 * Benchmarking an LA against England, its region and its statistical neighbours, for proportions and
 * rates: the difference and whether it is significant, by Fingertips' interval rule.
 *
 * The rule itself lives in one place, {@link compareWithBenchmark} (lib/indicators/compare.ts: the
 * benchmark inside the LA's 95% interval → "similar"; otherwise better/worse by polarity, marked at
 * 99.8% when also outside the 99.8% interval). This file adds the count-based entry points: intervals
 * from the LA's numerator and denominator (Wilson for proportions; PHE's exact-below-10/Byar rule for
 * rates, lib/indicators/intervals) and several comparators at once, each with its difference.
 */
import { InputError } from "../errors";
import type { Polarity } from "../data/types";
import { compareWithBenchmark, type BenchmarkComparison } from "./compare";
import { CONFIDENCE_95, CONFIDENCE_998, PER_10K, rateInterval, wilsonInterval, type IntervalEstimate } from "./intervals";

/** A comparison with its signed difference (LA value − benchmark, on the value's scale). */
export type BenchmarkDifference = BenchmarkComparison & {
  difference: number;
  /** True when the benchmark lies outside the LA's 95% interval. */
  significant: boolean;
};

function withDifference(c: BenchmarkComparison): BenchmarkDifference {
  return { ...c, difference: c.value - c.benchmark, significant: c.confidence !== null };
}

/** Shared by compareProportion and compareRate: the LA's 95% and 99.8% intervals from its counts, then the rule. */
function compareWithIntervals(
  interval: (numerator: number, denominator: number, options: { conf: number; multiplier: number }) => IntervalEstimate,
  numerator: number,
  denominator: number,
  benchmark: number,
  polarity: Polarity,
  multiplier: number,
): BenchmarkDifference {
  const ci95 = interval(numerator, denominator, { conf: CONFIDENCE_95, multiplier });
  const ci998 = interval(numerator, denominator, { conf: CONFIDENCE_998, multiplier });
  return withDifference(compareWithBenchmark(
    { value: ci95.estimate, lower95: ci95.lower, upper95: ci95.upper, lower998: ci998.lower, upper998: ci998.upper },
    benchmark, polarity, "95+99.8",
  ));
}

/**
 * Compare a proportion x/n (Wilson 95% and 99.8% intervals) with a benchmark proportion on the same
 * scale (`multiplier` 100 for percentages). NaN counts → "not-compared" with a reason.
 * @example
 * compareProportion(45, 300, 11.2, "down", { multiplier: 100 }) // 15% vs England 11.2%: { outcome: "worse", difference: 3.8, … }
 */
export function compareProportion(
  x: number,
  n: number,
  benchmark: number,
  polarity: Polarity,
  options: { multiplier?: number } = {},
): BenchmarkDifference {
  return compareWithIntervals(wilsonInterval, x, n, benchmark, polarity, options.multiplier ?? 1);
}

/**
 * Compare a rate (count per `multiplier`, default per 10,000; exact Poisson limits below 10 events,
 * Byar's above) with a benchmark rate on the same scale.
 * @example
 * compareRate(120, 25000, 67, "none") // 48 per 10k vs 67: { outcome: "lower", difference: -19, … }
 */
export function compareRate(
  count: number,
  denominator: number,
  benchmark: number,
  polarity: Polarity,
  options: { multiplier?: number } = {},
): BenchmarkDifference {
  return compareWithIntervals(rateInterval, count, denominator, benchmark, polarity, options.multiplier ?? PER_10K);
}

/**
 * Compare one LA with several comparators at once (e.g. England, its region, the median of its
 * statistical neighbours), for a proportion or a rate. Keys of `benchmarks` name the comparators.
 * @example
 * benchmarkLA({ numerator: 45, denominator: 300 }, { england: 11.2, region: 12.5, neighbours: 13.1 },
 *   "down", { type: "proportion", multiplier: 100 }).england.outcome // "worse"
 */
export function benchmarkLA(
  local: { numerator: number; denominator: number },
  benchmarks: Readonly<Record<string, number>>,
  polarity: Polarity,
  options: { type: "proportion" | "rate"; multiplier?: number },
): Record<string, BenchmarkDifference> {
  if (options.type !== "proportion" && options.type !== "rate") {
    throw new InputError("benchmarkLA", 'type must be "proportion" or "rate"', options.type);
  }
  const out: Record<string, BenchmarkDifference> = {};
  for (const [name, value] of Object.entries(benchmarks)) {
    out[name] =
      options.type === "proportion"
        ? compareProportion(local.numerator, local.denominator, value, polarity, { multiplier: options.multiplier })
        : compareRate(local.numerator, local.denominator, value, polarity, { multiplier: options.multiplier });
  }
  return out;
}
