/**
 * Confidence intervals for indicator values, as PHE/OHID's indicator methods define them
 * (PHEindicatormethods `wilson_lower/upper`, `byars_lower/upper`, `phe_proportion`, `phe_rate`;
 * Fingertips Public Health Data Science "Confidence intervals" technical guide).
 *
 * Missing-value rule: a `NaN` numerator or denominator is "missing": the result has `NaN` limits and
 * `reason: "missing"`. Impossible values (negative counts, numerator > denominator, denominator ≤ 0,
 * confidence outside (0, 1)) throw {@link InputError}.
 */
import { InputError } from "../errors";
import { wilsonLimits } from "../stats/wilson";
import { checkConf } from "../stats/conf";
import { chiSquareQuantile, normalQuantile } from "../stats/distributions";

/** The two confidence levels Fingertips uses: 95% and 99.8% (≈ 2 and 3 standard deviations). */
export const CONFIDENCE_95 = 0.95;
export const CONFIDENCE_998 = 0.998;
/** PHE switches from Byar's approximation to exact Poisson limits below this many events (`phe_rate`). */
export const BYAR_MIN_COUNT = 10;
/** Rates in the workbench are per 10,000 children unless stated (the DfE convention). */
export const PER_10K = 10000;

/** A point estimate with its confidence interval. */
export interface IntervalEstimate {
  /** Point estimate (proportion × multiplier, or rate per multiplier, or count). */
  estimate: number;
  lower: number;
  upper: number;
  /** Confidence level, e.g. 0.95. */
  conf: number;
  /** Method actually used: "wilson", "exact", "byar". */
  method: "wilson" | "exact" | "byar";
  /** Why the limits are NaN, if they are ("missing" input, …). */
  reason?: string;
}

/** A proportion x/n with its Wilson interval. */
export interface ProportionInterval extends IntervalEstimate {
  numerator: number;
  denominator: number;
  multiplier: number;
}

/** A count-based rate with its Poisson interval. */
export interface RateInterval extends IntervalEstimate {
  count: number;
  denominator: number;
  multiplier: number;
}

/**
 * The two-sided normal critical value for a confidence level: z = Φ⁻¹(conf + (1 − conf)/2)
 * (R: `qnorm(conf + (1 - conf) / 2)`).
 * @example
 * zForConfidence(0.95)  // 1.959964
 * zForConfidence(0.998) // 3.090232
 */
export function zForConfidence(conf: number): number {
  return normalQuantile(conf + (1 - conf) / 2);
}

/**
 * Wilson score interval for a proportion x/n (Wilson 1927; PHEindicatormethods `wilson_lower/upper`;
 * equals R `prop.test(x, n, correct = FALSE)$conf.int`):
 * L, U = (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)).
 * @param x numerator (0 ≤ x ≤ n); NaN = missing
 * @param n denominator (> 0); NaN = missing
 * @param options `conf` (default 0.95), `multiplier` (default 1; use 100 for percentages)
 * @example
 * wilsonInterval(5, 20) // { estimate: 0.25, lower: 0.1118617, upper: 0.4687009, method: "wilson", … }
 */
export function wilsonInterval(
  x: number,
  n: number,
  options: { conf?: number; multiplier?: number } = {},
): ProportionInterval {
  const conf = options.conf ?? CONFIDENCE_95;
  const multiplier = options.multiplier ?? 1;
  checkConf("wilsonInterval", conf);
  const base = { numerator: x, denominator: n, multiplier, conf, method: "wilson" as const };
  if (Number.isNaN(x) || Number.isNaN(n)) {
    return { ...base, estimate: NaN, lower: NaN, upper: NaN, reason: "missing" };
  }
  if (!(n > 0) || !Number.isFinite(n)) throw new InputError("wilsonInterval", "denominator must be > 0", n);
  if (!(x >= 0)) throw new InputError("wilsonInterval", "numerator must be >= 0", x);
  if (x > n) throw new InputError("wilsonInterval", `numerator must be <= denominator (${n})`, x);
  const { lower, upper } = wilsonLimits(x, n, zForConfidence(conf));
  return { ...base, estimate: (x / n) * multiplier, lower: lower * multiplier, upper: upper * multiplier };
}

function checkCount(fn: string, count: number): void {
  if (!(count >= 0) || !Number.isFinite(count)) throw new InputError(fn, "count must be a finite number >= 0", count);
}

/**
 * Exact Poisson interval for an observed count O (Garwood 1936; R `poisson.test(O)$conf.int`;
 * PHEindicatormethods uses it below 10 events): L = χ²_{α/2}(2O)/2, U = χ²_{1−α/2}(2O + 2)/2.
 * For O = 0 the lower limit is 0.
 * @param count observed events (≥ 0); NaN = missing
 * @example
 * exactPoissonInterval(3) // { estimate: 3, lower: 0.6186721, upper: 8.767273, method: "exact", … }
 */
export function exactPoissonInterval(count: number, options: { conf?: number } = {}): IntervalEstimate {
  const conf = options.conf ?? CONFIDENCE_95;
  checkConf("exactPoissonInterval", conf);
  if (Number.isNaN(count)) return { estimate: NaN, lower: NaN, upper: NaN, conf, method: "exact", reason: "missing" };
  checkCount("exactPoissonInterval", count);
  const alpha = 1 - conf;
  return {
    estimate: count,
    lower: chiSquareQuantile(alpha / 2, 2 * count) / 2,
    upper: chiSquareQuantile(1 - alpha / 2, 2 * count + 2) / 2,
    conf,
    method: "exact",
  };
}

/**
 * Byar's approximation to the exact Poisson interval for a count O > 0 (Breslow & Day 1987;
 * PHEindicatormethods `byars_lower/upper`):
 * L = O·(1 − 1/(9O) − z/(3√O))³, U = (O + 1)·(1 − 1/(9(O + 1)) + z/(3√(O + 1)))³.
 * For O = 0 the lower limit is undefined: returns NaN limits with a reason (use the exact interval).
 * A negative lower limit (the formula at O = 1 and 99.8%: −0.0028) is clamped to 0, the least possible count.
 * @example
 * byarInterval(25) // { estimate: 25, lower: 16.17427, upper: 36.90645, method: "byar", … }
 */
export function byarInterval(count: number, options: { conf?: number } = {}): IntervalEstimate {
  const conf = options.conf ?? CONFIDENCE_95;
  checkConf("byarInterval", conf);
  if (Number.isNaN(count)) return { estimate: NaN, lower: NaN, upper: NaN, conf, method: "byar", reason: "missing" };
  checkCount("byarInterval", count);
  if (count === 0) {
    return { estimate: 0, lower: NaN, upper: NaN, conf, method: "byar", reason: "Byar's approximation needs a count > 0" };
  }
  const z = zForConfidence(conf);
  const o1 = count + 1;
  const lower = count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3;
  const upper = o1 * (1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1))) ** 3;
  return { estimate: count, lower: Math.max(0, lower), upper, conf, method: "byar" };
}

/**
 * Crude rate per `multiplier` (default per 10,000) with PHE's interval rule (`phe_rate`): exact Poisson
 * limits when the count is below 10, Byar's approximation otherwise; limits are the count limits
 * ÷ denominator × multiplier. `method: "exact" | "byar"` forces one method.
 * @example
 * rateInterval(25, 50000) // { estimate: 5, lower: 3.234854, upper: 7.38129, method: "byar", … } per 10k
 */
export function rateInterval(
  count: number,
  denominator: number,
  options: { conf?: number; multiplier?: number; method?: "auto" | "exact" | "byar" } = {},
): RateInterval {
  const conf = options.conf ?? CONFIDENCE_95;
  const multiplier = options.multiplier ?? PER_10K;
  const method = options.method ?? "auto";
  checkConf("rateInterval", conf);
  if (Number.isNaN(count) || Number.isNaN(denominator)) {
    const m = method === "byar" ? "byar" : "exact";
    return { estimate: NaN, lower: NaN, upper: NaN, conf, method: m, count, denominator, multiplier, reason: "missing" };
  }
  if (!(denominator > 0) || !Number.isFinite(denominator)) {
    throw new InputError("rateInterval", "denominator must be > 0", denominator);
  }
  checkCount("rateInterval", count);
  const useExact = method === "exact" || (method === "auto" && count < BYAR_MIN_COUNT);
  const ci = useExact ? exactPoissonInterval(count, { conf }) : byarInterval(count, { conf });
  const scale = multiplier / denominator;
  return {
    estimate: count * scale,
    lower: ci.lower * scale,
    upper: ci.upper * scale,
    conf,
    method: ci.method,
    count,
    denominator,
    multiplier,
    ...(ci.reason === undefined ? {} : { reason: ci.reason }),
  };
}
