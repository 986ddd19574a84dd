/**
 * Spearman's rank correlation ρ (Pearson r of average ranks) with the t-approximation p-value and the
 * Bonett–Wright confidence interval.
 */
import { InputError } from "../errors";
import { normalCdf, normalUpperTail } from "./distributions";
import { completeCases, pick } from "./complete-cases";
import { checkConf } from "./conf";
import { CORRELATION_CONF, correlationFromSamples, type CorrelationResult } from "./pearson";
import { averageRanks } from "./ranks";

/**
 * Bonett & Wright (2000, Psychometrika 65:23–28) standard error of atanh(ρ): √((1 + ρ²/2)/(n − 3)).
 * @example spearmanFisherSe(0.87, 15) // 0.3389260  (CI for ρ = .87, n = 15: [0.5841879, 0.9638408])
 */
export function spearmanFisherSe(rho: number, n: number): number {
  return Math.sqrt((1 + (rho * rho) / 2) / (n - 3));
}

/** R's `cor.test` uses the AS 89 null distribution up to this n when there are no ties. */
export const SPEARMAN_EXACT_MAX_N = 1290;
/** Up to this n, AS 89 enumerates all n! permutations; above, it uses an Edgeworth series. */
const SPEARMAN_ENUMERATION_MAX_N = 9;
/** Edgeworth-series coefficients of AS 89 (Best & Roberts 1975, Applied Statistics 24:377–379). */
const AS89 = [0.2274, 0.2531, 0.1745, 0.0758, 0.1033, 0.3932, 0.0879, 0.0151, 0.0072, 0.0831, 0.0131, 4.6e-4];

/** Null distribution of S = Σ(i − πᵢ)² over all permutations π of 1..n (counts by S), cached per n ≤ 9. */
const sDistribution = new Map<number, Float64Array>();
function permutationSCounts(n: number): Float64Array {
  const cached = sDistribution.get(n);
  if (cached) return cached;
  const maxS = (n * (n * n - 1)) / 3;
  const counts = new Float64Array(maxS + 1);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const c = new Int32Array(n);
  const sOf = () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (i - perm[i]) ** 2;
    return s;
  };
  counts[sOf()]++;
  // Heap's algorithm (iterative): visits every permutation once.
  let i = 1;
  while (i < n) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      const t = perm[j];
      perm[j] = perm[i];
      perm[i] = t;
      counts[sOf()]++;
      c[i]++;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
  sDistribution.set(n, counts);
  return counts;
}

/**
 * P(S ≥ s) (upper) or P(S < s) (lower) under independence, S = (n³ − n)(1 − ρ)/6, by algorithm AS 89:
 * exact enumeration for n ≤ 9, Edgeworth series otherwise.
 */
function spearmanTail(n: number, s: number, lower: boolean): number {
  if (s <= 0) return lower ? 0 : 1;
  const maxS = (n * (n * n - 1)) / 3;
  if (s > maxS) return lower ? 1 : 0;
  if (n <= SPEARMAN_ENUMERATION_MAX_N) {
    const counts = permutationSCounts(n);
    let total = 0;
    let atLeast = 0;
    for (let k = 0; k < counts.length; k++) {
      total += counts[k];
      if (k >= s) atLeast += counts[k];
    }
    return (lower ? total - atLeast : atLeast) / total;
  }
  const [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12] = AS89;
  const b = 1 / n;
  const x = ((6 * (s - 1) * b) / (n * n - 1) - 1) * Math.sqrt(n - 1);
  const x2 = x * x;
  const u = x * b * (c1 + b * (c2 + c3 * b) + x2 * (-c4 + b * (c5 + c6 * b) - x2 * b * (c7 + c8 * b - x2 * (c9 - c10 * b + x2 * b * (c11 - c12 * x2)))));
  const y = u / Math.exp(x2 / 2);
  const p = (lower ? -y : y) + (lower ? normalCdf(x) : normalUpperTail(x));
  return Math.min(1, Math.max(0, p));
}

/**
 * Two-sided p-value of Spearman's ρ without ties as R's `cor.test(method = "spearman")` computes it for
 * n ≤ 1290: S = (n³ − n)(1 − ρ)/6; p = 2·P(S ≤ round(S)) if S ≤ (n³ − n)/6, else 2·P(S ≥ round(S)),
 * capped at 1, with P from algorithm AS 89.
 * @example spearmanExactP(0.8, 5) // 0.1333333 (R: cor.test(1:5, c(2, 1, 4, 3, 5), method = "spearman"))
 */
export function spearmanExactP(rho: number, n: number): number {
  if (!Number.isInteger(n) || n < 2) throw new InputError("spearmanExactP", "n must be an integer >= 2", n);
  const q = ((n ** 3 - n) * (1 - rho)) / 6;
  const p = q > (n ** 3 - n) / 6 ? spearmanTail(n, Math.round(q), false) : spearmanTail(n, Math.round(q) + 2, true);
  return Math.min(1, 2 * p);
}

/**
 * Spearman's ρ over pairwise-complete rows: ranks with ties averaged (R `rank(ties = "average")`),
 * then Pearson's r of the ranks. p-value as R's `cor.test(x, y, method = "spearman")`: with
 * `exact: "auto"` (default) AS 89 ({@link spearmanExactP}) when there are no ties and n ≤ 1290, otherwise
 * t = ρ√((n − 2)/(1 − ρ²)) on n − 2 df; `exact: false` always uses t (R's `exact = FALSE`). `statistic` is
 * t either way. Interval: Fisher z with the Bonett–Wright SE.
 * @example
 * spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) // { r: 0.8, p: 0.1333333 (exact), n: 5, method: "spearman", … }
 */
export function spearman(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: SpearmanOptions = {},
): CorrelationResult {
  return prepareSpearman(y, options)(x);
}

/** Options of {@link spearman} and {@link prepareSpearman}. */
export interface SpearmanOptions {
  conf?: number;
  exact?: boolean | "auto";
}

/**
 * {@link spearman} of many x with one y: `prepared(x)` equals `spearman(x, y, options)` bit for bit (it is the
 * same computation), but y's ranks and whether y has ties are computed once per distinct set of complete
 * rows (the last one is kept), not once per x.
 * @example
 * const withOutcome = prepareSpearman(ofstedBetter);
 * indicators.map((x) => withOutcome(x).r)
 */
export function prepareSpearman(y: ArrayLike<number>, options: SpearmanOptions = {}): (x: ArrayLike<number>) => CorrelationResult {
  const exact = options.exact ?? "auto";
  const conf = options.conf ?? CORRELATION_CONF;
  checkConf("spearman", conf);
  let cached: { rows: Uint32Array; ry: Float64Array; ties: boolean } | undefined;
  const yOn = (rows: Uint32Array) => {
    if (cached && sameRows(cached.rows, rows)) return cached;
    const ys = pick(y, rows);
    cached = { rows, ry: averageRanks(ys), ties: new Set(ys).size < rows.length };
    return cached;
  };
  return (x) => {
    const cc = completeCases("spearman", [x, y]);
    const n = cc.n;
    const xs = pick(x, cc.rows);
    const rx = averageRanks(xs);
    const yr = yOn(cc.rows);
    const result = correlationFromSamples("spearman", rx, yr.ry, cc.nMissing, conf, spearmanFisherSe);
    const ties = new Set(xs).size < n || yr.ties;
    if (exact === true && ties) throw new InputError("spearman", "an exact p-value needs data without ties", "exact: true");
    const useExact = exact === true || (exact === "auto" && !ties && n <= SPEARMAN_EXACT_MAX_N);
    if (useExact && !Number.isNaN(result.r)) return { ...result, p: spearmanExactP(result.r, n) };
    return result;
  };
}

function sameRows(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
