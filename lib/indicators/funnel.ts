/**
 * Funnel-plot control limits (95% and 99.8%) around a target, across a range of denominators.
 *
 * - Proportions (binomial): the limits at denominator n are the proportions whose Wilson interval just
 *   touches the target P (PHEindicatormethods `calculate_funnel_limits`, `sigma_adjustment`). Because
 *   the Wilson interval is exactly the set of P with |p − P| ≤ z√(P(1 − P)/n), that closed form reduces
 *   to P ± z√(P(1 − P)/n), clipped to [0, 1]; checked against the PHE fixture (P = 80.642448%, n = 2 →
 *   lower 95% = 25.885383%).
 * - Rates (Poisson), two rules:
 *   - `"phe"` (the default; PHEindicatormethods `assign_funnel_significance` and `calculate_funnel_limits`):
 *     an LA with O events is outside the funnel when the target count E = target × n / multiplier lies
 *     outside the interval of its *observed* count — the interval `rateInterval` gives (exact Poisson below
 *     10 events, Byar from 10), so the funnel lines, the colours of the points and the benchmark comparison
 *     table (`compareWithBenchmark`) are one rule. The upper limit at denominator n is O_hi/n where the
 *     lower limit of O_hi equals E; the lower limit is O_lo/n where the upper limit of O_lo equals E, and 0
 *     when even O = 0 reaches E (E ≤ −ln(α/2)). O is continuous here, so the funnel is smooth; below 10
 *     events it passes exactly through the points of PHE's `calculate_funnel_limits` ({@link rateFunnelPoints},
 *     exact at every count), from 10 events it differs from them by Byar's approximation (PHE draws exact
 *     lines but judges points with Byar from 10 events; we keep lines and judgements one rule). Because the
 *     rule inverts the observed count's interval, an LA with 0 events is flagged low only when E is large
 *     enough (E = 1, O = 0 has P(X = 0) = 0.37: not significant).
 *   - `"fingertips-spc"` (Fingertips `SpcForDsrComparer`): exact Poisson limits around the expected count,
 *     L = χ²_{α/2}(2E)/2, U = χ²_{1−α/2}(2E + 2)/2, divided by n and scaled. It flags an LA with 0 events
 *     whenever E > 0 at its lower limit's resolution, so it is only offered as a labelled option.
 *
 * z = Φ⁻¹(0.975) for 95% and Φ⁻¹(0.999) for 99.8%. These are the unadjusted limits; overdispersion
 * (φ, τ²) is a separate layer on top.
 */
import { InputError } from "../errors";
import { chiSquareQuantile } from "../stats/distributions";
import { regularizedGamma } from "../stats/incomplete-gamma";
import { BYAR_MIN_COUNT, CONFIDENCE_95, CONFIDENCE_998, PER_10K, zForConfidence } from "./intervals";

/** Funnel limits as columns, one row per denominator. */
export interface FunnelLimits {
  type: "proportion" | "rate";
  /** Target on the output scale (proportion × multiplier, or rate per multiplier). */
  target: number;
  multiplier: number;
  denominators: Float64Array;
  lower95: Float64Array;
  upper95: Float64Array;
  lower998: Float64Array;
  upper998: Float64Array;
  method: "wilson-inversion" | RateFunnelRule;
}

/** How rate funnels are drawn and points classified: see the module comment. */
export type RateFunnelRule = "phe" | "fingertips-spc";

/** The default rate-funnel rule: PHEindicatormethods' (inverts the observed count's exact interval). */
export const DEFAULT_RATE_FUNNEL_RULE: RateFunnelRule = "phe";

/** Relative tolerance of the continuous-count root search (bisection on O; 200 halvings at most). */
const COUNT_ROOT_TOLERANCE = 1e-13;

/**
 * Whether the interval of an observed count O (continuous), by `rateInterval`'s rule — exact Poisson below
 * {@link BYAR_MIN_COUNT} events, Byar's approximation from there — lies wholly above (`"upper"`: its lower
 * limit > E) or wholly below (`"lower"`: its upper limit < E) the expected count E. The exact limits are
 * compared through the regularised gamma (lower limit χ²_{α/2}(2O)/2 > E ⟺ P(Γ(O) ≤ E) < α/2; upper limit
 * χ²_{1−α/2}(2O + 2)/2 < E ⟺ P(Γ(O + 1) ≤ E) > 1 − α/2).
 */
function countBeyond(o: number, expected: number, conf: number, side: "upper" | "lower"): boolean {
  const alpha = 1 - conf;
  if (o < BYAR_MIN_COUNT) {
    if (side === "upper") return o > 0 && regularizedGamma(o, expected, false) < alpha / 2;
    return regularizedGamma(o + 1, expected, false) > 1 - alpha / 2;
  }
  const z = zForConfidence(conf);
  if (side === "upper") return o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3 > expected;
  const o1 = o + 1;
  return o1 * (1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1))) ** 3 < expected;
}

/**
 * The (continuous) count at the edge of PHE's rule for expected count E: above it (`"upper"`) an LA's
 * interval lies wholly above E; below it (`"lower"`) wholly below — 0 when even O = 0 is not below.
 * Both sides are monotone in O, so bisection finds the edge.
 */
function countAtLimit(expected: number, conf: number, side: "upper" | "lower"): number {
  if (expected === 0) return 0;
  const beyond = (o: number) => countBeyond(o, expected, conf, side);
  if (side === "lower" && !beyond(0)) return 0;
  // "upper": beyond(o) is false for small o and true for large; "lower": true for small, false for large
  const inside = (o: number) => (side === "upper" ? !beyond(o) : beyond(o));
  let lo = 0;
  let hi = expected + 10 * Math.sqrt(expected) + 20;
  while (inside(hi)) hi *= 2;
  for (let k = 0; k < 200 && hi - lo > COUNT_ROOT_TOLERANCE * hi; k++) {
    const mid = (lo + hi) / 2;
    if (inside(mid)) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The columns of {@link FunnelLimits}, and each confidence level with its lower and upper column. */
export interface FunnelColumns {
  columns: Pick<FunnelLimits, "denominators" | "lower95" | "upper95" | "lower998" | "upper998">;
  levels: readonly (readonly [conf: number, lower: Float64Array, upper: Float64Array])[];
}

/**
 * Limit columns to fill for the given denominators (each checked to be finite and > 0, copied into
 * `denominators`; the limit columns start at 0), with the 95% and 99.8% levels paired with their columns.
 * Shared by {@link funnelLimits} and `overdispersedFunnelLimits`.
 * @param fn the calling function's name, for error messages
 * @example
 * funnelColumns("funnelLimits", [50, 100]).levels.map(([conf]) => conf) // [0.95, 0.998]
 */
export function funnelColumns(fn: string, denominators: ArrayLike<number>): FunnelColumns {
  const m = denominators.length;
  const columns = {
    denominators: new Float64Array(m),
    lower95: new Float64Array(m),
    upper95: new Float64Array(m),
    lower998: new Float64Array(m),
    upper998: new Float64Array(m),
  };
  for (let i = 0; i < m; i++) {
    const n = denominators[i];
    if (!(n > 0) || !Number.isFinite(n)) throw new InputError(fn, `denominators[${i}] must be > 0`, n);
    columns.denominators[i] = n;
  }
  const levels = [
    [CONFIDENCE_95, columns.lower95, columns.upper95],
    [CONFIDENCE_998, columns.lower998, columns.upper998],
  ] as const;
  return { columns, levels };
}

/**
 * Control limits for a funnel plot.
 * @param target for `proportion`: the target proportion in [0, 1] (e.g. Σx/Σn); for `rate`: the target
 *   rate per `multiplier` (e.g. England's rate per 10,000).
 * @param denominators the denominators at which to evaluate the limits (each > 0).
 * @param options `type` ("proportion" | "rate"), `multiplier` (proportion default 1; rate default 10,000).
 * @example
 * funnelLimits(0.80642448, [2, 4], { type: "proportion", multiplier: 100 }).lower95 // [25.885383, 41.923356]
 */
export function funnelLimits(
  target: number,
  denominators: ArrayLike<number>,
  options: { type: "proportion" | "rate"; multiplier?: number; rateRule?: RateFunnelRule },
): FunnelLimits {
  const type = options.type;
  const rateRule = options.rateRule ?? DEFAULT_RATE_FUNNEL_RULE;
  if (rateRule !== "phe" && rateRule !== "fingertips-spc") throw new InputError("funnelLimits", 'rateRule must be "phe" or "fingertips-spc"', rateRule);
  const multiplier = options.multiplier ?? (type === "rate" ? PER_10K : 1);
  if (type !== "proportion" && type !== "rate") throw new InputError("funnelLimits", 'type must be "proportion" or "rate"', type);
  if (!(multiplier > 0)) throw new InputError("funnelLimits", "multiplier must be > 0", multiplier);
  if (type === "proportion" && !(target >= 0 && target <= 1)) {
    throw new InputError("funnelLimits", "a proportion target must be in [0, 1]", target);
  }
  if (type === "rate" && !(target >= 0 && Number.isFinite(target))) {
    throw new InputError("funnelLimits", "a rate target must be a finite number >= 0", target);
  }
  const { columns: out, levels } = funnelColumns("funnelLimits", denominators);
  const m = out.denominators.length;
  for (const [conf, lo, hi] of levels) {
    if (type === "proportion") {
      const z = zForConfidence(conf);
      const pq = target * (1 - target);
      for (let i = 0; i < m; i++) {
        const half = z * Math.sqrt(pq / out.denominators[i]);
        lo[i] = Math.max(0, target - half) * multiplier;
        hi[i] = Math.min(1, target + half) * multiplier;
      }
    } else if (rateRule === "phe") {
      for (let i = 0; i < m; i++) {
        const n = out.denominators[i];
        const expected = (target * n) / multiplier;
        lo[i] = (countAtLimit(expected, conf, "lower") * multiplier) / n;
        hi[i] = (countAtLimit(expected, conf, "upper") * multiplier) / n;
      }
    } else {
      const alpha = 1 - conf;
      for (let i = 0; i < m; i++) {
        const n = out.denominators[i];
        const expected = (target * n) / multiplier;
        lo[i] = ((chiSquareQuantile(alpha / 2, 2 * expected) / 2) * multiplier) / n;
        hi[i] = ((chiSquareQuantile(1 - alpha / 2, 2 * expected + 2) / 2) * multiplier) / n;
      }
    }
  }
  return {
    type,
    target: type === "proportion" ? target * multiplier : target,
    multiplier,
    ...out,
    method: type === "proportion" ? "wilson-inversion" : rateRule,
  };
}

/** PHE's rate-funnel points: one row per integer event count (PHEindicatormethods `calculate_funnel_limits`). */
export interface RateFunnelPoints {
  events: Float64Array;
  /** Population (per year of data) at which `events` sits on each limit, and the rate there per multiplier. */
  lower95Population: Float64Array;
  lower95: Float64Array;
  upper95Population: Float64Array;
  upper95: Float64Array;
  lower998Population: Float64Array;
  lower998: Float64Array;
  upper998Population: Float64Array;
  upper998: Float64Array;
  /** The target rate per multiplier. */
  baseline: number;
}

/**
 * The points of PHE's rate funnel for given event counts (PHEindicatormethods `calculate_funnel_limits`,
 * statistic "rate"): for O events the population on the lower limit is U(O)/r and on the upper limit
 * L(O)/r, where L, U are the exact Poisson limits of O (χ² quantiles; PHE finds the same λ by bisection to
 * about 1e-7 in its scaled variable) and r the target rate per person; the limit is O ÷ population ×
 * multiplier, and populations are divided by `yearsOfData` as PHE reports them.
 * @param targetRate the target (PHE's weighted average) per `multiplier`
 * @example
 * rateFunnelPoints(116.1720835, [1], { multiplier: 1e5, yearsOfData: 3 }).lower95[0] // 20.85059 (PHE fixture)
 */
export function rateFunnelPoints(
  targetRate: number,
  events: ArrayLike<number>,
  options: { multiplier: number; yearsOfData?: number },
): RateFunnelPoints {
  const { multiplier } = options;
  const years = options.yearsOfData ?? 1;
  if (!(targetRate > 0 && Number.isFinite(targetRate))) throw new InputError("rateFunnelPoints", "targetRate must be a finite number > 0", targetRate);
  if (!(multiplier > 0)) throw new InputError("rateFunnelPoints", "multiplier must be > 0", multiplier);
  if (!(years > 0)) throw new InputError("rateFunnelPoints", "yearsOfData must be > 0", years);
  const m = events.length;
  const col = () => new Float64Array(m);
  const out: RateFunnelPoints = {
    events: col(), lower95Population: col(), lower95: col(), upper95Population: col(), upper95: col(),
    lower998Population: col(), lower998: col(), upper998Population: col(), upper998: col(), baseline: targetRate,
  };
  const perPerson = targetRate / multiplier;
  const levels = [
    [CONFIDENCE_95, out.lower95Population, out.lower95, out.upper95Population, out.upper95],
    [CONFIDENCE_998, out.lower998Population, out.lower998, out.upper998Population, out.upper998],
  ] as const;
  for (let i = 0; i < m; i++) {
    const o = events[i];
    if (!(Number.isInteger(o) && o >= 1)) throw new InputError("rateFunnelPoints", `events[${i}] must be an integer >= 1`, o);
    out.events[i] = o;
    for (const [conf, loPop, lo, hiPop, hi] of levels) {
      const alpha = 1 - conf;
      const popLow = chiSquareQuantile(1 - alpha / 2, 2 * o + 2) / 2 / perPerson;
      const popHigh = chiSquareQuantile(alpha / 2, 2 * o) / 2 / perPerson;
      loPop[i] = popLow / years;
      lo[i] = (o / popLow) * multiplier;
      hiPop[i] = popHigh / years;
      hi[i] = (o / popHigh) * multiplier;
    }
  }
  return out;
}

/** Where a point lies relative to funnel limits, in PHE's labels. */
export type FunnelSignificance = "High (0.001)" | "High (0.025)" | "Not significant" | "Low (0.025)" | "Low (0.001)";

/**
 * Classify a value against its funnel limits (PHEindicatormethods `assign_funnel_significance` labels):
 * above the 99.8% upper limit → "High (0.001)", above the 95% → "High (0.025)", similarly "Low …",
 * otherwise "Not significant". A NaN value gives `null`.
 * @example
 * funnelSignificance(90, { lower95: 70, upper95: 85, lower998: 60, upper998: 95 }) // "High (0.025)"
 */
export function funnelSignificance(
  value: number,
  limits: { lower95: number; upper95: number; lower998: number; upper998: number },
): FunnelSignificance | null {
  if (Number.isNaN(value)) return null;
  if (value > limits.upper998) return "High (0.001)";
  if (value > limits.upper95) return "High (0.025)";
  if (value < limits.lower998) return "Low (0.001)";
  if (value < limits.lower95) return "Low (0.025)";
  return "Not significant";
}
