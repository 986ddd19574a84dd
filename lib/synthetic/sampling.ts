/**
 * Seeded random streams and the count samplers of the synthetic generators: every draw comes from
 * `createRng` (sfc32, lib/stats/random.ts) seeded by {@link streamSeed}.
 */
import { InputError } from "../errors";
import type { Rng } from "../stats/random";

/**
 * Seed of a named random stream: FNV-1a (32-bit) of the name, combined with the seed and mixed by the
 * splitmix32 finaliser. Pure 32-bit integer arithmetic.
 * @example
 * createRng(streamSeed(20190101, "observe:sw_turnover_pct"));
 */
export function streamSeed(seed: number, name: string): number {
  if (!Number.isInteger(seed)) throw new InputError("streamSeed", "seed must be an integer", seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let t = ((seed >>> 0) + Math.imul(h, 0x9e3779b9)) | 0;
  t ^= t >>> 16;
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  t ^= t >>> 15;
  return t >>> 0;
}

/** Mean below which binomial and Poisson draws are exact (CDF inversion); above it, a rounded normal. */
const EXACT_SAMPLING_MAX_MEAN = 30;

/**
 * A Binomial(n, p) draw: exact by CDF inversion when min(np, n(1−p)) < 30, otherwise the normal
 * approximation round(np + √(np(1−p))·z) clamped to [0, n].
 * @throws InputError if n is not a whole number ≥ 0 or p is outside [0, 1]
 * @example
 * sampleBinomial(createRng(1), 200, 0.1); // a count near 20
 */
export function sampleBinomial(rng: Rng, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new InputError("sampleBinomial", "n must be a whole number ≥ 0", n);
  if (!(p >= 0 && p <= 1)) throw new InputError("sampleBinomial", "p must be in [0, 1]", p);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  const mean = n * q;
  let x: number;
  if (mean < EXACT_SAMPLING_MAX_MEAN) {
    const u = rng.nextFloat();
    let pmf = Math.exp(n * Math.log1p(-q));
    let cdf = pmf;
    const odds = q / (1 - q);
    x = 0;
    while (u > cdf && x < n && (pmf > 0 || x < mean)) {
      pmf *= ((n - x) / (x + 1)) * odds;
      x++;
      cdf += pmf;
    }
  } else {
    x = Math.round(mean + Math.sqrt(mean * (1 - q)) * rng.nextNormal());
    x = Math.min(n, Math.max(0, x));
  }
  return flip ? n - x : x;
}

/**
 * A Poisson(λ) draw: exact by CDF inversion when λ < 30, otherwise round(λ + √λ·z) floored at 0.
 * @throws InputError if λ is negative or not finite
 * @example
 * samplePoisson(createRng(1), 4.2); // a small count
 */
export function samplePoisson(rng: Rng, lambda: number): number {
  if (!(lambda >= 0 && Number.isFinite(lambda))) throw new InputError("samplePoisson", "λ must be a finite number ≥ 0", lambda);
  if (lambda === 0) return 0;
  if (lambda < EXACT_SAMPLING_MAX_MEAN) {
    const u = rng.nextFloat();
    let pmf = Math.exp(-lambda);
    let cdf = pmf;
    let x = 0;
    while (u > cdf && (pmf > 0 || x < lambda)) {
      x++;
      pmf *= lambda / x;
      cdf += pmf;
    }
    return x;
  }
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.nextNormal()));
}

/** A standard logistic draw, by inversion of a uniform strictly inside (0, 1). */
export function sampleLogistic(rng: Rng): number {
  const u = (rng.nextUint32() + 0.5) / 4294967296;
  return Math.log(u / (1 - u));
}


/** logit(p) = log(p / (1 − p)). */
export const logit = (p: number) => Math.log(p / (1 - p));
/** expit(x) = 1 / (1 + e^−x), the inverse of logit. */
export const expit = (x: number) => 1 / (1 + Math.exp(-x));
/** Rounding for truth.json: 6 decimals (readable, and exact enough for every test). */
export const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
