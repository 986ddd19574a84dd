/**
 * Overdispersed funnel plots: with ~150 LAs, real between-LA variation makes the unadjusted binomial or
 * Poisson 99.8% limits (lib/indicators/funnel) flag far too many LAs. This file estimates the dispersion
 * and widens the limits, as FunnelPlotR does (Spiegelhalter 2005, "Handling over-dispersion of
 * performance indicators", Qual Saf Health Care 14:347; doi:10.1136/qshc.2005.013755; FunnelPlotR
 * `transformed_zscore`, `winsorisation`, `phi_func`, `tau_func`).
 *
 * 1. **Transform** to a scale with known variance:
 *    - proportions: Y = asin√(x/n), s = 1/(2√n), target θ = asin√P (P = Σx/Σn unless given);
 *    - rates (counts O over denominator n, rate per `multiplier`): with E = target·n/multiplier,
 *      Y = √(O/E), s = 1/(2√E), θ = 1 (Spiegelhalter's square-root transform; the log transform of
 *      FunnelPlotR's SHMI variant is not used because LAs with zero events are common).
 * 2. **z-scores** z = (Y − θ)/s, **winsorised** at the 10th and 90th percentiles (R type 7), i.e. the
 *    most extreme 10% at each end are pulled in to those percentiles.
 * 3. **Multiplicative** dispersion φ = mean(z_w²); test of no overdispersion: n·φ ~ χ²(n − 1).
 * 4. **Additive** (random effects, DerSimonian–Laird on the winsorised z): with w = 1/s²,
 *    τ² = max(0, (n·φ − (n − 1)) / (Σw − Σw²/Σw)), and τ² = 0 when n·φ < n − 1.
 * 5. **Limits**: θ ± z_α·√(s² + τ²) (additive) or θ ± z_α·√φ·s (multiplicative, only when φ > 1),
 *    back-transformed: proportions sin²(·) (angle clamped to [0, π/2]), rates target·(·)² (clamped at 0).
 *
 * **Choice** ({@link chooseFunnelAdjustment}): unadjusted limits when the dispersion test is not
 * significant at {@link OVERDISPERSION_ALPHA}, otherwise the additive random-effects limits (FunnelPlotR's
 * default and Spiegelhalter's recommendation when there are many units: the multiplicative φ widens the
 * limits of large LAs too little). Every result reports φ, τ², the test and the choice.
 *
 * Missing-value rule: LAs with a NaN numerator or denominator are left out of the estimate (their
 * z-score is NaN); `n` counts the LAs used.
 */
import { InputError } from "../errors";
import { funnelColumns, type FunnelLimits } from "./funnel";
import { PER_10K, zForConfidence } from "./intervals";
import { quantile } from "../stats/quantile";
import { chiSquareUpperTail } from "../stats/distributions";

/** FunnelPlotR's default: winsorise 10% at each end. */
export const WINSORISE_FRACTION = 0.1;
/** Overdispersion is declared when the χ²(n − 1) test of n·φ has p below this. */
export const OVERDISPERSION_ALPHA = 0.05;
/** The estimate needs at least this many LAs (FunnelPlotR warns below ~ a dozen units). */
export const MIN_UNITS_FOR_DISPERSION = 10;

export type FunnelType = "proportion" | "rate";
export type FunnelAdjustment = "none" | "multiplicative" | "additive";

/** The dispersion of a set of LAs around a target. */
export interface DispersionEstimate {
  type: FunnelType;
  /** Target on the output scale (proportion × multiplier, or rate per multiplier). */
  target: number;
  multiplier: number;
  /** Target on the transformed scale: asin√P for proportions, 1 for rates. */
  targetTransformed: number;
  transform: "arcsine-sqrt" | "sqrt-ratio";
  /** Multiplicative dispersion φ = mean of squared winsorised z. */
  phi: number;
  /** Additive between-LA variance on the transformed scale (DerSimonian–Laird). */
  tau2: number;
  /** n·φ, compared with χ²(n − 1). */
  chiSquare: number;
  /** P(χ²(n − 1) > n·φ): small p = overdispersed. */
  p: number;
  /** Number of LAs used. */
  n: number;
  winsoriseFraction: number;
  /** Unadjusted z-scores per input row (NaN where left out). */
  z: Float64Array;
  /** Transformed value Y and its SE s per input row (NaN where left out). */
  y: Float64Array;
  s: Float64Array;
}

/**
 * Estimate φ and τ² for LAs' counts around a target (FunnelPlotR method, see file header).
 * @param numerators events (proportions: 0 ≤ x ≤ n; rates: count ≥ 0); NaN = missing
 * @param denominators (> 0); NaN = missing
 * @param options `type`; `target` on the output scale (default: pooled Σx/Σn × multiplier);
 *   `multiplier` (proportion default 1, rate default 10,000); `winsorise` (default 0.1)
 * @example
 * const d = estimateOverdispersion([10, 20, 30, …], [100, 100, 100, …], { type: "proportion" });
 * d.phi; d.tau2; d.p
 */
export function estimateOverdispersion(
  numerators: ArrayLike<number>,
  denominators: ArrayLike<number>,
  options: { type: FunnelType; target?: number; multiplier?: number; winsorise?: number },
): DispersionEstimate {
  const fn = "estimateOverdispersion";
  const { type } = options;
  if (type !== "proportion" && type !== "rate") throw new InputError(fn, 'type must be "proportion" or "rate"', type);
  const multiplier = options.multiplier ?? (type === "rate" ? PER_10K : 1);
  const winsorise = options.winsorise ?? WINSORISE_FRACTION;
  if (!(multiplier > 0)) throw new InputError(fn, "multiplier must be > 0", multiplier);
  if (!(winsorise >= 0 && winsorise < 0.5)) throw new InputError(fn, "winsorise must be in [0, 0.5)", winsorise);
  if (numerators.length !== denominators.length) {
    throw new InputError(fn, `numerators and denominators must have the same length (${denominators.length})`, numerators.length);
  }
  const m = numerators.length;
  const { use, sumX, sumN } = usableCounts(numerators, denominators, type);
  const target = options.target ?? (sumX / sumN) * multiplier;
  if (type === "proportion" && !(target > 0 && target < multiplier)) {
    throw new InputError(fn, `a proportion target must be inside (0, ${multiplier})`, target);
  }
  if (type === "rate" && !(target > 0 && Number.isFinite(target))) throw new InputError(fn, "a rate target must be > 0", target);
  const theta = type === "proportion" ? Math.asin(Math.sqrt(target / multiplier)) : 1;
  const y = new Float64Array(m).fill(NaN);
  const s = new Float64Array(m).fill(NaN);
  const z = new Float64Array(m).fill(NaN);
  for (const i of use) {
    const x = numerators[i], n = denominators[i];
    if (type === "proportion") {
      y[i] = Math.asin(Math.sqrt(x / n));
      s[i] = 1 / (2 * Math.sqrt(n));
    } else {
      const expected = (target * n) / multiplier;
      y[i] = Math.sqrt(x / expected);
      s[i] = 1 / (2 * Math.sqrt(expected));
    }
    z[i] = (y[i] - theta) / s[i];
  }
  const zUsed = use.map((i) => z[i]);
  const lo = quantile(zUsed, [winsorise]).values[0];
  const hi = quantile(zUsed, [1 - winsorise]).values[0];
  const n = use.length;
  let sumZ2 = 0, sumW = 0, sumW2 = 0;
  for (const i of use) {
    const zw = Math.min(hi, Math.max(lo, z[i]));
    sumZ2 += zw * zw;
    const w = 1 / (s[i] * s[i]);
    sumW += w;
    sumW2 += w * w;
  }
  const phi = sumZ2 / n;
  const tau2 = n * phi < n - 1 ? 0 : Math.max(0, (n * phi - (n - 1)) / (sumW - sumW2 / sumW));
  const chiSquare = n * phi;
  return {
    type,
    target,
    multiplier,
    targetTransformed: theta,
    transform: type === "proportion" ? "arcsine-sqrt" : "sqrt-ratio",
    phi,
    tau2,
    chiSquare,
    p: chiSquareUpperTail(chiSquare, n - 1),
    n,
    winsoriseFraction: winsorise,
    z,
    y,
    s,
  };
}

/**
 * The indices of the LAs with both counts (NaN in either leaves an LA out) and the sums of their counts;
 * a count that is negative, infinite or (proportions) above its denominator is an error.
 */
function usableCounts(numerators: ArrayLike<number>, denominators: ArrayLike<number>, type: FunnelType): { use: number[]; sumX: number; sumN: number } {
  const fn = "estimateOverdispersion";
  const use: number[] = [];
  let sumX = 0, sumN = 0;
  for (let i = 0; i < numerators.length; i++) {
    const x = numerators[i], n = denominators[i];
    if (Number.isNaN(x) || Number.isNaN(n)) continue;
    if (!(n > 0) || !Number.isFinite(n)) throw new InputError(fn, `denominators[${i}] must be > 0`, n);
    if (!(x >= 0) || !Number.isFinite(x)) throw new InputError(fn, `numerators[${i}] must be >= 0`, x);
    if (type === "proportion" && x > n) throw new InputError(fn, `numerators[${i}] must be <= its denominator (${n})`, x);
    use.push(i);
    sumX += x;
    sumN += n;
  }
  if (use.length < MIN_UNITS_FOR_DISPERSION) {
    throw new InputError(fn, `needs at least ${MIN_UNITS_FOR_DISPERSION} LAs with counts`, use.length);
  }
  return { use, sumX, sumN };
}

/** Which limits to draw, and why. */
export interface AdjustmentChoice {
  method: FunnelAdjustment;
  reason: string;
}

/**
 * The rule for choosing the funnel limits (see file header): no adjustment unless the dispersion test is
 * significant; then additive random effects (τ²).
 * @example
 * chooseFunnelAdjustment({ phi: 4.2, tau2: 0.0031, p: 1e-40, n: 150 }).method // "additive"
 */
export function chooseFunnelAdjustment(est: Pick<DispersionEstimate, "phi" | "tau2" | "p" | "n">): AdjustmentChoice {
  if (!(est.p < OVERDISPERSION_ALPHA)) {
    return { method: "none", reason: `no evidence of overdispersion (φ = ${est.phi.toFixed(2)}, n = ${est.n}, p ${pText(est.p)} ≥ ${OVERDISPERSION_ALPHA}): exact limits` };
  }
  return {
    method: "additive",
    // "p < 0.001" says it is below the level; "p < 0.001 < 0.05" had read oddly (a user trial, round 27)
    reason: `overdispersed (φ = ${est.phi.toFixed(2)}, n = ${est.n}, p ${pText(est.p)}${est.p < 0.001 ? "" : ` < ${OVERDISPERSION_ALPHA}`}): random-effects limits with τ² = ${est.tau2.toPrecision(3)} (DerSimonian–Laird on winsorised z)`,
  };
}

/** "= 0.034", or "< 0.001" for a smaller p (an underflowed p of 0 had printed "p = 0.0 < 0.05"). */
function pText(p: number): string {
  return p < 0.001 ? "< 0.001" : `= ${p.toPrecision(2)}`;
}

/** Overdispersion-adjusted funnel limits, with the dispersion that made them. */
export interface AdjustedFunnelLimits extends Omit<FunnelLimits, "method"> {
  method: "od-additive" | "od-multiplicative" | "od-none";
  adjustment: FunnelAdjustment;
  phi: number;
  tau2: number;
}

function backTransform(est: DispersionEstimate, t: number): number {
  if (est.type === "proportion") {
    const angle = Math.min(Math.PI / 2, Math.max(0, t));
    return Math.sin(angle) ** 2 * est.multiplier;
  }
  return est.target * Math.max(0, t) ** 2;
}

/**
 * Funnel limits on the transformed scale, widened by the dispersion, back-transformed to the output
 * scale at each denominator. `none` gives the normal-approximation limits θ ± z·s on the transformed
 * scale (for the exact limits use `funnelLimits`).
 * @example
 * overdispersedFunnelLimits(est, [50, 100, 500], "additive").upper998
 */
export function overdispersedFunnelLimits(
  est: DispersionEstimate,
  denominators: ArrayLike<number>,
  adjustment: FunnelAdjustment,
): AdjustedFunnelLimits {
  if (adjustment !== "none" && adjustment !== "multiplicative" && adjustment !== "additive") {
    throw new InputError("overdispersedFunnelLimits", 'adjustment must be "none", "multiplicative" or "additive"', adjustment);
  }
  const { columns: out, levels } = funnelColumns("overdispersedFunnelLimits", denominators);
  const inflate = adjustment === "multiplicative" ? Math.sqrt(Math.max(1, est.phi)) : 1;
  const tau2 = adjustment === "additive" ? est.tau2 : 0;
  for (let i = 0; i < out.denominators.length; i++) {
    const n = out.denominators[i];
    const s = est.type === "proportion" ? 1 / (2 * Math.sqrt(n)) : 1 / (2 * Math.sqrt((est.target * n) / est.multiplier));
    const sd = inflate * Math.sqrt(s * s + tau2);
    for (const [conf, lo, hi] of levels) {
      const z = zForConfidence(conf);
      lo[i] = backTransform(est, est.targetTransformed - z * sd);
      hi[i] = backTransform(est, est.targetTransformed + z * sd);
    }
  }
  return {
    type: est.type,
    target: est.target,
    multiplier: est.multiplier,
    ...out,
    method: adjustment === "additive" ? "od-additive" : adjustment === "multiplicative" ? "od-multiplicative" : "od-none",
    adjustment,
    phi: est.phi,
    tau2: est.tau2,
  };
}

/**
 * z-scores adjusted for overdispersion: (Y − θ)/√(s² + τ²) (additive) or (Y − θ)/(√φ·s) (multiplicative,
 * φ > 1), per input row; NaN where the row was left out.
 * @example
 * adjustedZScores(est, "additive")
 */
export function adjustedZScores(est: DispersionEstimate, adjustment: FunnelAdjustment): Float64Array {
  const out = new Float64Array(est.z.length);
  const inflate = adjustment === "multiplicative" ? Math.sqrt(Math.max(1, est.phi)) : 1;
  const tau2 = adjustment === "additive" ? est.tau2 : 0;
  for (let i = 0; i < out.length; i++) {
    const s = est.s[i];
    out[i] = Number.isNaN(s) ? NaN : (est.y[i] - est.targetTransformed) / (inflate * Math.sqrt(s * s + tau2));
  }
  return out;
}
