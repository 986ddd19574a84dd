/**
 * Nonparametric bootstrap over rows (local authorities) with a seeded generator and percentile intervals.
 */
import { InputError } from "../errors";
import { checkConf } from "./conf";
import { quantileSorted } from "./quantile";
import { createFastRng, MAX_UNIFORM_INT_RANGE, resampleIndices } from "./random";

/** Default number of bootstrap resamples. */
export const BOOTSTRAP_REPLICATES = 1000;

/** Result of {@link bootstrap}: one entry per component of the statistic. */
export interface BootstrapResult {
  /** The statistic on the original rows. */
  estimate: Float64Array;
  /** Percentile interval: type-7 quantiles (1 − conf)/2 and (1 + conf)/2 of the valid replicates. */
  lower: Float64Array;
  upper: Float64Array;
  /** Standard deviation of the valid replicates (bootstrap standard error). */
  se: Float64Array;
  /** Replicates that gave a number (NaN replicates — e.g. a resample with a constant column — are excluded). */
  nValid: Uint32Array;
  /** All replicates, row-major: replicate b, component k at `b * dimension + k`. */
  replicates: Float64Array;
  dimension: number;
  /** Rows resampled (n) and number of resamples (B). */
  n: number;
  B: number;
  conf: number;
  seed: number;
  method: "percentile";
  generator: "sfc32 seeded by splitmix32";
}

/**
 * Bootstrap a statistic by resampling row indices with replacement (Efron & Tibshirani 1993, ch. 13
 * percentile interval). The generator is sfc32 seeded by splitmix32 (`lib/stats/random.ts`): same seed,
 * same resamples, same result on any machine.
 *
 * `statistic(rows)` receives the row indices of one resample (a reused `Uint32Array` of length n: read it,
 * do not keep it) and returns a number or a fixed-length array of numbers. It is first called with the
 * identity 0…n−1 for the estimate.
 * @param n number of rows (LAs) to resample
 * @param statistic function of a resample's row indices
 * @param options `seed` (required), `replicates` B (default 1000), `conf` (default 0.95)
 * @example
 * const r = bootstrap(x.length, (rows) => pearson(pickRows(x, rows), pickRows(y, rows)).r, { seed: 2016 });
 * r.lower[0]; r.upper[0]; // 95% percentile interval for r
 */
export function bootstrap(
  n: number,
  statistic: (rows: Uint32Array) => number | ArrayLike<number>,
  options: { seed: number; replicates?: number; conf?: number },
): BootstrapResult {
  const B = options.replicates ?? BOOTSTRAP_REPLICATES;
  const conf = options.conf ?? 0.95;
  if (!Number.isInteger(n) || n < 1 || n > MAX_UNIFORM_INT_RANGE) throw new InputError("bootstrap", "n must be a positive integer", n);
  if (!Number.isInteger(B) || B < 1) throw new InputError("bootstrap", "replicates must be a positive integer", B);
  checkConf("bootstrap", conf);
  if (options.seed === undefined) throw new InputError("bootstrap", "a seed is required for reproducibility");
  const rng = createFastRng(options.seed);
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  const first = statistic(rows);
  const asArray = (v: number | ArrayLike<number>): ArrayLike<number> => (typeof v === "number" ? [v] : v);
  const estimate = Float64Array.from(asArray(first));
  const d = estimate.length;
  if (d === 0) throw new InputError("bootstrap", "statistic returned an empty array");
  const replicates = new Float64Array(B * d);
  for (let b = 0; b < B; b++) {
    resampleIndices(rng, n, rows);
    const v = asArray(statistic(rows));
    if (v.length !== d) throw new InputError("bootstrap", `statistic must always return ${d} value(s)`, v.length);
    for (let k = 0; k < d; k++) replicates[b * d + k] = v[k];
  }
  const lower = new Float64Array(d);
  const upper = new Float64Array(d);
  const se = new Float64Array(d);
  const nValid = new Uint32Array(d);
  const column = new Float64Array(B);
  for (let k = 0; k < d; k++) {
    let m = 0;
    for (let b = 0; b < B; b++) {
      const v = replicates[b * d + k];
      if (!Number.isNaN(v)) column[m++] = v;
    }
    const sorted = column.subarray(0, m).sort();
    nValid[k] = m;
    lower[k] = quantileSorted(sorted, (1 - conf) / 2);
    upper[k] = quantileSorted(sorted, (1 + conf) / 2);
    let mean = 0;
    for (let i = 0; i < m; i++) mean += sorted[i];
    mean /= m;
    let ss = 0;
    for (let i = 0; i < m; i++) ss += (sorted[i] - mean) ** 2;
    se[k] = m > 1 ? Math.sqrt(ss / (m - 1)) : NaN;
  }
  return {
    estimate, lower, upper, se, nValid, replicates, dimension: d, n, B, conf, seed: rng.seed,
    method: "percentile", generator: "sfc32 seeded by splitmix32",
  };
}

/**
 * Gather `values[rows[k]]` into `out` (allocation-free when `out` is reused): the helper a bootstrap
 * statistic uses to build a resampled column.
 * @example
 * const buf = new Float64Array(150);
 * bootstrap(150, (rows) => mean(pickRows(x, rows, buf)), { seed: 1 });
 */
export function pickRows(values: ArrayLike<number>, rows: Uint32Array, out: Float64Array = new Float64Array(rows.length)): Float64Array {
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}
