/**
 * The Monte Carlo uncertainty of a selection frequency: how much it would move with another seed. The frequency is
 * the share f of B usable resamples an indicator passes; its standard error over the resamples is binomial (the
 * between-seed spread the official ILACS runs showed: cla_sdq_normal_pct 0.186–0.206 at seeds 1–5 against an SE of
 * 0.013 at 1,000 resamples), taken at the Agresti–Coull share f̃ = (fB + 2)/(B + 4) (Agresti & Coull 1998, "Approximate
 * is better than exact", Am. Stat. 52): √(f̃(1 − f̃)/(B + 4)). The plug-in √(f(1 − f)/B) is 0 at a frequency of 0 or 1,
 * where another seed can give a few passes (an audit's R runs gave 0.002–0.007 for a frequency of 0 here); between 0.05
 * and 0.95 the two agree within 2% at 1,000 resamples. Complementary half-samples are drawn in pairs, so the binomial
 * SE is an approximation; it is stated as such.
 *
 * A cut-off of the verdicts (the selection threshold, UNSTABLE_MIN_FREQUENCY of lib/vitals/verdicts.ts) within
 * {@link NEAR_LINE_SES} standard errors of the frequency is "near": the verdict may read otherwise at another seed,
 * and its reason says so.
 */
import { InputError } from "../errors";

/** Trials the Agresti–Coull share adds (two passes and two failures: z² ≈ 4 at 95%). */
const AGRESTI_COULL_ADDED = 4;

/** A frequency within this many Monte Carlo SEs of a cut-off is near it (≈ a two-sided 95% band). */
export const NEAR_LINE_SES = 2;

/**
 * Binomial Monte Carlo standard error of a selection frequency over `usable` resamples, at the Agresti–Coull share
 * (see the module comment): √(f̃(1 − f̃)/(usable + 4)), f̃ = (f·usable + 2)/(usable + 4); NaN when the frequency is NaN
 * (an indicator never tested).
 * @throws InputError when usable is not a whole number ≥ 1, or the frequency is outside [0, 1]
 * @example selectionFrequencySe(0.202, 1000) // 0.01270…; selectionFrequencySe(0, 1000) // 0.00141…
 */
export function selectionFrequencySe(frequency: number, usable: number): number {
  if (!Number.isInteger(usable) || usable < 1) throw new InputError("selectionFrequencySe", "usable resamples must be a whole number ≥ 1", usable);
  if (Number.isNaN(frequency)) return NaN;
  if (!(frequency >= 0 && frequency <= 1)) throw new InputError("selectionFrequencySe", "frequency must be in [0, 1]", frequency);
  const n = usable + AGRESTI_COULL_ADDED;
  const adjusted = (frequency * usable + AGRESTI_COULL_ADDED / 2) / n;
  return Math.sqrt((adjusted * (1 - adjusted)) / n);
}

/**
 * The cut-off (of those given) nearest the frequency when it lies within {@link NEAR_LINE_SES} standard errors of
 * it, else undefined. An SE of 0 is near no cut-off it does not sit on.
 * @example nearCutoff(0.202, 0.0127, [0.6, 0.2]) // 0.2
 */
export function nearCutoff(frequency: number, se: number, cutoffs: readonly number[]): number | undefined {
  if (Number.isNaN(frequency) || Number.isNaN(se)) return undefined;
  const near = cutoffs.filter((c) => Math.abs(frequency - c) <= NEAR_LINE_SES * se).sort((a, b) => Math.abs(frequency - a) - Math.abs(frequency - b));
  return near[0];
}
