/**
 * The input of an indicator-period's funnel, shared by the profile's funnel position (./build-indicator.ts)
 * and its funnel chart (./funnel-view.ts): which LAs enter, their counts, and the target — with the
 * preconditions of `estimateOverdispersion` checked first, so that "no funnel" comes with its reason.
 */
import type { Unit } from "../data/types";
import { unitMultiplier } from "../indicators/benchmark";
import { clusteredDenominatorReason } from "../indicators/compare";
import {
  adjustedZScores,
  chooseFunnelAdjustment,
  estimateOverdispersion,
  MIN_UNITS_FOR_DISPERSION,
  type AdjustmentChoice,
  type DispersionEstimate,
} from "../indicators/overdispersion";

/** An LA's figure as the index holds it (NaN = missing). */
export interface FunnelObservation {
  value: number;
  numerator: number;
  denominator: number;
}

/** The LAs of a funnel and their counts, in the order of the index. */
export interface FunnelInput {
  type: "proportion" | "rate";
  multiplier: number;
  codes: string[];
  /** Numerators: published, else value × denominator / multiplier; a proportion's capped at its denominator. */
  numerators: number[];
  denominators: number[];
  /** The England value when it can be a target; undefined → the pooled Σx/Σn of these LAs. */
  target: number | undefined;
}

/** Why an indicator-period has no funnel. */
export interface FunnelUnavailable {
  unavailable: string;
}

/** The overdispersion estimate of an indicator-period, with the LAs in it and their adjusted z. */
export interface FunnelEstimate {
  input: FunnelInput;
  est: DispersionEstimate;
  choice: AdjustmentChoice;
  zAdjusted: Float64Array;
}

/** Whether `target` can be a funnel's target: > 0, and below the multiplier for a proportion. */
function usableTarget(target: number | null, type: FunnelInput["type"], multiplier: number): number | undefined {
  return target !== null && target > 0 && (type === "rate" || target < multiplier) ? target : undefined;
}

/**
 * The funnel input of one indicator-period: LAs with a finite value and a denominator > 0, their counts,
 * and the target; or why there is none. The checks are those of `estimateOverdispersion`: a unit with
 * counts (percent, rate_per_10k), at least MIN_UNITS_FOR_DISPERSION LAs, no negative count, and — when the
 * England value cannot be the target — a pooled target inside (0, multiplier) for a proportion, > 0 for a rate;
 * and a denominator (`denominatorLabel`, the catalogue's) whose units do not cluster (not school sessions).
 * @example
 * const input = funnelInput(index.byIndicator.get("cla_rate_per_10k")!.get(2023)!, "rate_per_10k", 70);
 */
export function funnelInput(byLa: ReadonlyMap<string, FunnelObservation>, unit: Unit, englandValue: number | null, denominatorLabel = ""): FunnelInput | FunnelUnavailable {
  const multiplier = unitMultiplier(unit);
  if (multiplier === null) return { unavailable: `no funnel for unit "${unit}"` };
  // the control limits are the intervals' binomial/Poisson model, with the same flaw for clustered units
  const clustered = clusteredDenominatorReason(denominatorLabel);
  if (clustered !== undefined) return { unavailable: clustered.replace("a binomial interval", "binomial control limits") };
  const type = unit === "percent" ? "proportion" : "rate";
  const codes: string[] = [], numerators: number[] = [], denominators: number[] = [];
  for (const [la, o] of byLa) {
    if (!Number.isFinite(o.value) || !(o.denominator > 0)) continue;
    const x = Number.isFinite(o.numerator) ? o.numerator : (o.value * o.denominator) / multiplier;
    codes.push(la);
    numerators.push(type === "proportion" ? Math.min(x, o.denominator) : x);
    denominators.push(o.denominator);
  }
  if (codes.length < MIN_UNITS_FOR_DISPERSION) return { unavailable: `fewer than ${MIN_UNITS_FOR_DISPERSION} LAs with counts (${codes.length})` };
  if (numerators.some((x) => !(x >= 0))) return { unavailable: "a negative count" };
  const target = usableTarget(englandValue, type, multiplier);
  if (target === undefined) {
    const pooled = (numerators.reduce((s, x) => s + x, 0) / denominators.reduce((s, n) => s + n, 0)) * multiplier;
    if (usableTarget(pooled, type, multiplier) === undefined) return { unavailable: `no usable target (pooled ${pooled})` };
  }
  return { type, multiplier, codes, numerators, denominators, target };
}

/**
 * The overdispersion estimate of a funnel input (FunnelPlotR's φ and DerSimonian–Laird τ², lib/indicators/
 * overdispersion), the adjustment it calls for, and each LA's adjusted z.
 * @example
 * const input = funnelInput(byLa, "percent", 12.5);
 * if (!("unavailable" in input)) funnelEstimate(input).choice.method; // "additive"
 */
export function funnelEstimate(input: FunnelInput): FunnelEstimate {
  const est = estimateOverdispersion(input.numerators, input.denominators, { type: input.type, multiplier: input.multiplier, target: input.target });
  const choice = chooseFunnelAdjustment(est);
  return { input, est, choice, zAdjusted: adjustedZScores(est, choice.method) };
}
