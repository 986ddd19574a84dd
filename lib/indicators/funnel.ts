/**
 * Funnel-plot control limits (95% and 99.8%) around a target, across a range of denominators.
 *
 * - Proportions (binomial): the limits at denominator n are the proportions whose Wilson interval just
 *   touches the target P (PHEindicatormethods `calculate_funnel_limits`, `sigma_adjustment`). Because
 *   the Wilson interval is exactly the set of P with |p − P| ≤ z√(P(1 − P)/n), that closed form reduces
 *   to P ± z√(P(1 − P)/n), clipped to [0, 1]; checked against the PHE fixture (P = 80.642448%, n = 2 →
 *   lower 95% = 25.885383%).
 * - Rates (Poisson): exact Poisson limits around the expected count E = target × n / multiplier,
 *   L = χ²_{α/2}(2E)/2, U = χ²_{1−α/2}(2E + 2)/2, divided by n and scaled (Fingertips
 *   `SpcForDsrComparer`; continuous in E, so the funnel is smooth).
 *
 * z = Φ⁻¹(0.975) for 95% and Φ⁻¹(0.999) for 99.8%. These are the unadjusted limits; overdispersion
 * (φ, τ²) is a separate layer on top.
 */
import { InputError } from "../errors";
import { chiSquareQuantile } from "../stats/distributions";
import { CONFIDENCE_95, CONFIDENCE_998, PER_10K, zForConfidence } from "./intervals";

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
  method: "wilson-inversion" | "exact-poisson";
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
  options: { type: "proportion" | "rate"; multiplier?: number },
): FunnelLimits {
  const type = options.type;
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
    method: type === "proportion" ? "wilson-inversion" : "exact-poisson",
  };
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
