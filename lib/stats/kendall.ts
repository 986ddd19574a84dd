/**
 * Kendall's rank correlation τ_b (ties in either variable corrected) with the normal-approximation
 * p-value R uses when there are ties.
 */
import { InputError } from "../errors";
import { normalQuantile, normalUpperTail } from "./distributions";
import { completePairs, type CorrelationResult } from "./pearson";

/** Fieller, Hartley & Pearson (1957) variance constant for atanh(τ): SE = √(0.437/(n − 4)). */
export const KENDALL_FISHER_VARIANCE = 0.437;

/** R's `cor.test` uses the exact null distribution of τ below this n when there are no ties. */
export const KENDALL_EXACT_MAX_N = 50;

/**
 * Exact two-sided p-value for Kendall's τ without ties (R `cor.test(..., method = "kendall", exact = TRUE)`):
 * T = number of concordant pairs, whose null distribution is that of the number of inversions of a random
 * permutation (Mahonian numbers, by the recursion P_n(k) = (1/n)·Σ_{j=0}^{min(k, n−1)} P_{n−1}(k − j)).
 * p = min(1, 2·P(T ≤ q)) if q ≤ n(n − 1)/4, else min(1, 2·P(T ≥ q)).
 * @example
 * kendallExactP(8, 5) // 0.2333333 (R: cor.test(1:5, c(2, 1, 4, 3, 5), method = "kendall")$p.value)
 */
export function kendallExactP(concordant: number, n: number): number {
  const maxK = (n * (n - 1)) / 2;
  let prob = new Float64Array(maxK + 1);
  prob[0] = 1;
  let top = 0;
  for (let m = 2; m <= n; m++) {
    const next = new Float64Array(maxK + 1);
    top += m - 1;
    // sliding window sum of prob[k − j], j = 0..m−1
    let window = 0;
    for (let k = 0; k <= top; k++) {
      window += prob[k];
      if (k - m >= 0) window -= prob[k - m];
      next[k] = window / m;
    }
    prob = next;
  }
  const q = concordant;
  let tail = 0;
  if (q <= maxK / 2) for (let k = 0; k <= q; k++) tail += prob[k];
  else for (let k = q; k <= maxK; k++) tail += prob[k];
  return Math.min(1, 2 * tail);
}

/** Sizes t of the groups of tied values (only groups with t ≥ 2). */
function tieGroupSizes(x: Float64Array): number[] {
  const s = Float64Array.from(x).sort();
  const sizes: number[] = [];
  let i = 0;
  while (i < s.length) {
    let j = i + 1;
    while (j < s.length && s[j] === s[i]) j++;
    if (j - i > 1) sizes.push(j - i);
    i = j;
  }
  return sizes;
}

/**
 * Kendall's τ_b over pairwise-complete rows: S = Σ_{i<j} sign(xᵢ − xⱼ)·sign(yᵢ − yⱼ),
 * τ_b = S/√((n₀ − n₁)(n₀ − n₂)) with n₀ = n(n − 1)/2 and n₁, n₂ the tied pairs in x and y.
 * p-value, as R's `cor.test(x, y, method = "kendall")`: with `exact: "auto"` (default) the exact null
 * distribution when n < 50 and there are no ties ({@link kendallExactP}; `statistic` is then T, the
 * number of concordant pairs), otherwise z = S/√Var(S) with the tie-corrected variance (Kendall 1970;
 * `statistic` is z). `exact: false` always uses z (R's `exact = FALSE`); `exact: true` requires no ties.
 * Interval: Fisher z with SE √(0.437/(n − 4)) (Fieller et al. 1957), NaN for n ≤ 4. O(n²) pairs: fine
 * for ~150 LAs.
 * @example
 * kendall([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) // { r: 0.6, p: 0.2333333 (exact), statistic: 8 (T), n: 5, … }, as cor.test
 * kendall([1, 2, 3, 4, 5], [2, 1, 4, 3, 5], { exact: false }) // { r: 0.6, p: 0.1416, statistic: 1.4697 (z), … }
 */
export function kendall(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { conf?: number; exact?: boolean | "auto" } = {},
): CorrelationResult {
  const exact = options.exact ?? "auto";
  const { conf, xs, ys, n, nMissing } = completePairs("kendall", x, y, options.conf);
  const base = { conf, n, nMissing, method: "kendall" as const, df: NaN };
  const empty = { ...base, r: NaN, p: NaN, lower: NaN, upper: NaN, statistic: NaN };
  if (n < 3) return { ...empty, reason: `n = ${n}: at least 3 complete pairs are needed` };
  let s = 0;
  for (let i = 0; i < n; i++) {
    const xi = xs[i];
    const yi = ys[i];
    for (let j = i + 1; j < n; j++) {
      const dx = xi - xs[j];
      const dy = yi - ys[j];
      s += (dx > 0 ? 1 : dx < 0 ? -1 : 0) * (dy > 0 ? 1 : dy < 0 ? -1 : 0);
    }
  }
  const tx = tieGroupSizes(xs);
  const ty = tieGroupSizes(ys);
  const n0 = (n * (n - 1)) / 2;
  const sum = (t: number[], f: (v: number) => number) => t.reduce((a, v) => a + f(v), 0);
  const n1 = sum(tx, (t) => (t * (t - 1)) / 2);
  const n2 = sum(ty, (t) => (t * (t - 1)) / 2);
  if (n1 === n0 || n2 === n0) return { ...empty, reason: "a column is constant: the correlation is undefined" };
  const tau = Math.max(-1, Math.min(1, s / Math.sqrt((n0 - n1) * (n0 - n2))));
  const v0 = n * (n - 1) * (2 * n + 5);
  const vt = sum(tx, (t) => t * (t - 1) * (2 * t + 5));
  const vu = sum(ty, (t) => t * (t - 1) * (2 * t + 5));
  const v1 = sum(tx, (t) => t * (t - 1)) * sum(ty, (t) => t * (t - 1));
  const v2 = sum(tx, (t) => t * (t - 1) * (t - 2)) * sum(ty, (t) => t * (t - 1) * (t - 2));
  const varS = (v0 - vt - vu) / 18 + v1 / (2 * n * (n - 1)) + v2 / (9 * n * (n - 1) * (n - 2));
  const noTies = tx.length === 0 && ty.length === 0;
  if (exact === true && !noTies) throw new InputError("kendall", "an exact p-value needs data without ties", "exact: true");
  const useExact = exact === true || (exact === "auto" && noTies && n < KENDALL_EXACT_MAX_N);
  const z = s / Math.sqrt(varS);
  const concordant = (s + n0) / 2; // without ties, S = concordant − discordant and their sum is n0
  const statistic = useExact ? concordant : z;
  const p = useExact ? kendallExactP(concordant, n) : Math.min(1, 2 * normalUpperTail(Math.abs(z)));
  if (n <= 4) {
    return { ...base, r: tau, p, statistic, lower: NaN, upper: NaN, reason: `n = ${n}: a Fisher-z interval needs n > 4` };
  }
  const zc = normalQuantile((1 + conf) / 2);
  const se = Math.sqrt(KENDALL_FISHER_VARIANCE / (n - 4));
  const zr = Math.atanh(tau);
  return { ...base, r: tau, p, statistic, lower: Math.tanh(zr - zc * se), upper: Math.tanh(zr + zc * se) };
}
