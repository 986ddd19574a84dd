/**
 * A benchmark pooled from LAs' own figures, for when no published England or regional value exists:
 * the pooled rate Σx/Σn over the LAs' counts (PHE's aggregate of numerators and denominators, as
 * Fingertips forms England from its areas), else the median of the LAs' values.
 *
 * One rule, used by the LA profile (lib/profile) and by the notebooks that draw a funnel around an
 * England figure they form themselves.
 */
import type { Unit } from "../data/types";
import { unitMultiplier } from "../data/units";
import { quantile } from "../stats/quantile";

/** One LA's figure: the value and, when published, the counts it was formed from (null or NaN = missing). */
export interface BenchmarkInput {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** How {@link pooledBenchmark} formed the benchmark. */
export type PooledBenchmarkMethod = "pooled-counts" | "median" | "no-values";

/** A benchmark formed from LAs' figures. */
export interface PooledBenchmark {
  /** On the value's scale (per cent, per 10,000, …); null when no LA has a value. */
  value: number | null;
  /** Σx/Σn unscaled (the proportion or rate per 1 that a funnel's target takes); null unless pooled. */
  ratio: number | null;
  method: PooledBenchmarkMethod;
  /** LAs whose figure entered the benchmark. */
  lasUsed: number;
}

export { unitMultiplier };

const present = (v: number | null): v is number => v !== null && Number.isFinite(v);

/**
 * Pool LAs' figures into one benchmark. LAs without a finite value are left out. When the unit is a
 * percentage or a rate per 10,000 and **every** remaining LA has a numerator and a denominator > 0, the
 * benchmark is Σnumerator / Σdenominator × multiplier (the counts pooled, so big LAs weigh more, as an
 * England figure does); otherwise it is the median (R type 7) of the values, because a pooled rate over the
 * LAs that happen to publish counts would not be England's.
 * @example
 * pooledBenchmark([{ value: 10, numerator: 1, denominator: 10 }, { value: 30, numerator: 27, denominator: 90 }], "percent");
 * // { value: 28, ratio: 0.28, method: "pooled-counts", lasUsed: 2 }
 */
export function pooledBenchmark(rows: readonly BenchmarkInput[], unit: Unit): PooledBenchmark {
  const used = rows.filter((r) => present(r.value));
  if (used.length === 0) return { value: null, ratio: null, method: "no-values", lasUsed: 0 };
  const multiplier = unitMultiplier(unit);
  if (multiplier !== null && used.every((r) => present(r.numerator) && present(r.denominator) && r.denominator > 0)) {
    let x = 0;
    let n = 0;
    for (const r of used) {
      x += r.numerator as number;
      n += r.denominator as number;
    }
    return { value: (x / n) * multiplier, ratio: x / n, method: "pooled-counts", lasUsed: used.length };
  }
  const median = quantile(used.map((r) => r.value as number), [0.5]).values[0];
  return { value: median, ratio: null, method: "median", lasUsed: used.length };
}
