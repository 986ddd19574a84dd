/**
 * Error bounds of stability selection: upper bounds on E(V), the expected number of variables selected at
 * frequency threshold τ although their selection probability is low (the "noise" variables).
 *
 * With p variables, q = the average number selected by the base procedure on one subsample of size ⌊n/2⌋,
 * θ = q/p and τ ∈ (1/2, 1]:
 * - **none** (Meinshausen & Bühlmann 2010, Theorem 1; for complementary pairs Shah & Samworth 2013,
 *   Theorem 1, without their exchangeability/better-than-random-guessing conditions on the bound's meaning):
 *   E(V) ≤ q² / ((2τ − 1) p).
 * - **unimodal** (Shah & Samworth 2013, Theorem 2, eq. 8; complementary pairs, B pairs), assuming the
 *   simultaneous selection frequencies of low-probability variables have unimodal distributions:
 *   E(V) ≤ q² / (p · C(τ, B)) with C = 2(2τ − 1 − 1/(2B)) for τ ≤ 3/4 (defined when
 *   τ ≥ 1/2 + min(θ², 1/(2B) + 3θ²/4)) and C = (1 + 1/B) / (4(1 − τ + 1/(2B))) for τ > 3/4.
 * - **r-concave** (Shah & Samworth 2013, Theorem 3 and §3.3), assuming r-concavity with r = −1/2 for the
 *   pairwise and r = −1/4 for the single frequencies: E(V) ≤ p · min(1, D(θ², 2τ − 1, B, −1/2), D(θ, τ, 2B, −1/4)),
 *   where D(η, t, B, r) is the largest upper tail P(X ≥ t) of an r-concave distribution on {0, 1/B, …, 1}
 *   with mean η, computed by the authors' algorithm (as R's `stabs` package, `minD`/`D`, does): τ is taken
 *   on the grid of multiples of 1/(2B), rounded up.
 *
 * These are the formulas of `stabs::stabsel_parameters` (Hofner & Hothorn) for `sampling.type = "SS"`
 * (unimodal, r-concave) and `"MB"` (none); tests/reference/stability-bounds.R recomputes them in R.
 * q = 0 (nothing is ever selected) gives 0 for every bound.
 */
import { InputError } from "../errors";

/** The assumptions under which a bound holds (names as in R's `stabs`). */
export type StabilityAssumption = "none" | "unimodal" | "r-concave";

/** One bound on E(V); `expectedFalse` is NaN (with `reason`) when the bound is undefined for these inputs. */
export interface StabilityBound {
  assumption: StabilityAssumption;
  expectedFalse: number;
  reason?: string;
}

/** Inputs of the bounds. */
export interface StabilityBoundInput {
  /** Average number of variables selected per subsample (0 ≤ q ≤ p). */
  q: number;
  /** Number of variables (p ≥ 1). */
  p: number;
  /** Selection-frequency threshold τ ∈ (1/2, 1]. */
  threshold: number;
  /** Complementary pairs B (2B subsamples); needed by the unimodal and r-concave bounds. */
  pairs: number;
}

function check(fn: string, x: StabilityBoundInput): void {
  if (!Number.isInteger(x.p) || x.p < 1) throw new InputError(fn, "p must be a positive integer", x.p);
  if (!(x.q >= 0 && x.q <= x.p)) throw new InputError(fn, `q must be in [0, p = ${x.p}]`, x.q);
  if (!(x.threshold > 0.5 && x.threshold <= 1)) throw new InputError(fn, "threshold must be in (0.5, 1]", x.threshold);
  if (!Number.isInteger(x.pairs) || x.pairs < 1) throw new InputError(fn, "pairs must be a positive integer", x.pairs);
}

/**
 * Meinshausen & Bühlmann (2010) bound E(V) ≤ q² / ((2τ − 1) p) (stabs: `assumption = "none"`).
 * @example meinshausenBuhlmannBound({ q: 5, p: 100, threshold: 0.75, pairs: 50 }).expectedFalse // 0.5
 */
export function meinshausenBuhlmannBound(x: StabilityBoundInput): StabilityBound {
  check("meinshausenBuhlmannBound", x);
  return { assumption: "none", expectedFalse: (x.q * x.q) / ((2 * x.threshold - 1) * x.p) };
}

/**
 * Shah & Samworth (2013) bound under unimodality, for B complementary pairs (stabs `um_const`).
 * @example unimodalBound({ q: 5, p: 100, threshold: 0.75, pairs: 50 }).expectedFalse // 0.25 / 0.98 ≈ 0.2551
 */
export function unimodalBound(x: StabilityBoundInput): StabilityBound {
  check("unimodalBound", x);
  if (x.q === 0) return { assumption: "unimodal", expectedFalse: 0 };
  const { q, p, threshold: tau, pairs: B } = x;
  const theta = q / p;
  let c: number;
  if (tau <= 0.75) {
    const lowest = 0.5 + Math.min(theta * theta, 1 / (2 * B) + 0.75 * theta * theta);
    if (tau < lowest) {
      return { assumption: "unimodal", expectedFalse: NaN, reason: `threshold ${tau} is below ${lowest.toPrecision(4)}, the lowest for which the unimodal bound holds with q = ${q.toPrecision(4)} of p = ${p}` };
    }
    c = 2 * (2 * tau - 1 - 1 / (2 * B));
  } else c = (1 + 1 / B) / (4 * (1 - tau + 1 / (2 * B)));
  return { assumption: "unimodal", expectedFalse: (q * q) / (p * c) };
}

/**
 * Shah & Samworth (2013) bound under r-concavity, for B complementary pairs (stabs `minD(q, p, τ, B) · p`).
 * @example rConcaveBound({ q: 5, p: 100, threshold: 0.75, pairs: 50 }).expectedFalse // ≈ 0.0949 (see tests)
 */
export function rConcaveBound(x: StabilityBoundInput): StabilityBound {
  const split = rConcaveTails(x);
  if ("bound" in split) return split.bound;
  return rConcaveFromTails(split.p, rConcaveTail(split.tails[0]), rConcaveTail(split.tails[1]));
}

/** The arguments of one tail D(η, t, B, r) of the r-concave bound (see {@link rConcaveTail}). */
export interface RConcaveTailArguments {
  eta: number;
  t: number;
  B: number;
  r: number;
}

/**
 * {@link rConcaveBound} in parts, so that its two tails (independent, each O(B²)) can be computed on two threads:
 * the bound itself when no tail is needed (q = 0, or q too large), else the two tails' arguments, in order —
 * D(θ², 2τ − 1, B, −1/2) and D(θ, τ, 2B, −1/4) — for {@link rConcaveTail} and {@link rConcaveFromTails}.
 * @example const split = rConcaveTails({ q: 5, p: 100, threshold: 0.75, pairs: 50 }); // { tails: [...], p: 100 }
 */
export function rConcaveTails(x: StabilityBoundInput): { bound: StabilityBound } | { tails: [RConcaveTailArguments, RConcaveTailArguments]; p: number } {
  check("rConcaveBound", x);
  if (x.q === 0) return { bound: { assumption: "r-concave", expectedFalse: 0 } };
  const { q, p, threshold: tau, pairs: B } = x;
  const limit = maxQ(p, B);
  if (q > limit) return { bound: { assumption: "r-concave", expectedFalse: NaN, reason: `q = ${q.toPrecision(4)} exceeds ${limit}, the largest q for which the r-concave bound is defined with p = ${p} and ${B} pairs` } };
  // the threshold as a multiple W of 1/(2B), rounded up (signif guards against 0.6 · 1000 = 600.0000001)
  const which = Math.ceil(Number((tau * 2 * B).toPrecision(10)));
  return { tails: [{ eta: (q * q) / (p * p), t: which - B, B, r: -0.5 }, { eta: q / p, t: which, B: 2 * B, r: -0.25 }], p };
}

/**
 * One tail D(η, t, B, r) of the r-concave bound (arguments from {@link rConcaveTails}).
 * @throws InputError when θ is too large for the bound
 * @example rConcaveTail(rConcaveTails({ q: 5, p: 100, threshold: 0.75, pairs: 50 }).tails[0])
 */
export function rConcaveTail(a: RConcaveTailArguments): number {
  return tailBound(a.eta, a.t, a.B, a.r);
}

/**
 * The r-concave bound from its two tails: p · min(1, D₁, D₂).
 * @example rConcaveFromTails(100, 0.01, 0.02).expectedFalse // 1
 */
export function rConcaveFromTails(p: number, first: number, second: number): StabilityBound {
  return { assumption: "r-concave", expectedFalse: Math.min(1, first, second) * p };
}

/**
 * All three bounds for the same inputs.
 * @example stabilityErrorBounds({ q: 5, p: 100, threshold: 0.75, pairs: 50 }).map((b) => b.expectedFalse)
 */
export function stabilityErrorBounds(x: StabilityBoundInput): StabilityBound[] {
  return [meinshausenBuhlmannBound(x), unimodalBound(x), rConcaveBound(x)];
}

/** Largest integer q for which the r-concave bound is defined: #{q ∈ 1..p : ⌈4Bq/p⌉ + 1 − 2B < 0}. */
function maxQ(p: number, B: number): number {
  let count = 0;
  for (let q = 1; q <= p; q++) if (Math.ceil((q * 4 * B) / p) + 1 - 2 * B < 0) count++;
  return count;
}

/**
 * D(η, t, B, r): the largest P(X ≥ t/B) over r-concave distributions on {0, 1/B, …, 1} with mean η (Shah &
 * Samworth 2013, §3.3 and their published algorithm): 1 when t ≤ ⌈2ηB⌉; otherwise the maximum over k of
 * the extreme tail of the family (a + j)^{1/r}, j = 0…k, with a between the values that give mean ηB for
 * k + 1 and k.
 */
function tailBound(eta: number, t: number, B: number, r: number): number {
  const s = 1 / r;
  const etaB = eta * B;
  const kStart = Math.ceil(2 * etaB) + 1;
  if (t < kStart) return 1;
  if (kStart > B) throw new InputError("rConcaveBound", "theta too large for the r-concave bound", eta);
  const aOf = new Float64Array(B + 1).fill(100000);
  for (let k = kStart; k <= B; k++) aOf[k] = solveA(k, etaB, s, aOf[k - 1]);
  let best = 0;
  // from the largest k down (where the best tail usually is), so that most others are skipped: a k whose tail
  // cannot beat the best so far is skipped without its search (the maximum is the same in any order)
  for (let k = B - 1; k >= kStart; k--) {
    if (tailCeiling(t, k, etaB, s, aOf[k + 1], aOf[k]) < best - CEILING_MARGIN) continue;
    const v = maximise((a) => tailAt(a, t, k, etaB, s), aOf[k + 1], aOf[k]);
    if (v > best) best = v;
  }
  return best;
}

/**
 * Absolute margin by which a ceiling must fall short of the best tail to skip its k: far above the rounding of
 * sums of at most 2B positive terms in double precision (≈ 1e−13 here), so no k that could win is skipped.
 */
const CEILING_MARGIN = 1e-9;

/**
 * An upper bound of {@link tailAt} over a ∈ [lo, hi] (either order): both sums fall as a grows (s < 0), so
 * their ratio is at least num(larger end) / den(smaller end), and k + 1 − ηB > 0 (k ≥ ⌈2ηB⌉ + 1).
 */
function tailCeiling(t: number, k: number, etaB: number, s: number, lo: number, hi: number): number {
  const small = Math.min(lo, hi);
  const large = Math.max(lo, hi);
  let num = 0;
  for (let j = 0; j < t; j++) num += power(large + j, s);
  let den = 0;
  for (let j = 0; j <= k; j++) den += (k + 1 - j) * power(small + j, s);
  return 1 - ((k + 1 - etaB) * num) / den;
}

/** x^s, by multiplication for the two exponents the bound uses (s = 1/r = −2 and −4). */
function power(x: number, s: number): number {
  if (s === -2) return 1 / (x * x);
  if (s === -4) {
    const x2 = x * x;
    return 1 / (x2 * x2);
  }
  return x ** s;
}

/** 1 − (k + 1 − ηB) Σ_{j<t} (a+j)^s / Σ_{j≤k} (k + 1 − j)(a+j)^s. */
function tailAt(a: number, t: number, k: number, etaB: number, s: number): number {
  let num = 0;
  for (let j = 0; j < t; j++) num += power(a + j, s);
  let den = 0;
  for (let j = 0; j <= k; j++) den += (k + 1 - j) * power(a + j, s);
  return 1 - ((k + 1 - etaB) * num) / den;
}

/**
 * The a in [1e−5, upper] with Σ j(a+j)^s / Σ (a+j)^s = ηB (increasing in a): Newton steps kept inside a
 * shrinking bisection bracket, to a relative width of 1e−13.
 */
function solveA(k: number, etaB: number, s: number, upper: number): number {
  let lo = 0.00001;
  let hi = upper;
  if (meanGap(lo, k, etaB, s) > 0) return lo;
  if (meanGap(hi, k, etaB, s) < 0) return hi;
  let a = (lo + hi) / 2;
  for (let it = 0; it < 200; it++) {
    const fa = meanGap(a, k, etaB, s);
    const da = meanGapSlope[0];
    if (fa === 0) return a;
    if (fa < 0) lo = a;
    else hi = a;
    if (hi - lo <= 1e-13 * Math.max(1, hi)) break;
    const newton = a - fa / da;
    a = newton > lo && newton < hi && Number.isFinite(newton) ? newton : (lo + hi) / 2;
    if (Math.abs(fa / da) <= 1e-14 * Math.max(1, a)) return a;
  }
  return a;
}

/** The derivative of the last {@link meanGap} (a module scratch: no array or closure made per Newton step). */
const meanGapSlope = new Float64Array(1);

/**
 * Σ j(a+j)^s / Σ (a+j)^s − ηB for j = 0…k, and its derivative in a into `meanGapSlope[0]` (solveA's Newton step).
 */
function meanGap(a: number, k: number, etaB: number, s: number): number {
  let sw = 0;
  let sjw = 0;
  let sd = 0;
  let sjd = 0;
  for (let j = 0; j <= k; j++) {
    const w = power(a + j, s);
    const d = (s * w) / (a + j); // dw/da
    sw += w;
    sjw += j * w;
    sd += d;
    sjd += j * d;
  }
  meanGapSlope[0] = (sjd * sw - sjw * sd) / (sw * sw);
  return sjw / sw - etaB;
}

/** Maximum of f on [lo, hi] by golden-section search (f is unimodal in a on these intervals), ends included. */
function maximise(f: (a: number) => number, lo: number, hi: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = Math.min(lo, hi);
  let b = Math.max(lo, hi);
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  // to a relative width of 1e−9: the maximum's value is then exact to ~1e−18 (quadratic near an interior maximum)
  for (let it = 0; it < 200 && b - a > 1e-9 * Math.max(1e-3, Math.abs(b)); it++) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return Math.max(fc, fd, f(lo), f(hi));
}
