/**
 * When the bootstrap kernel (lib/vitals/kernels.ts) may skip a p-value: the hot loop mostly needs to know
 * only which side of the level a p-value falls on.
 */

/**
 * A p-value cutoff for `preparedPartialCorrelation` (lib/vitals/kernels.ts): with |t| below `tCritical(df)` (the two-sided
 * critical t at level `alpha`) p is not computed and reported as 1.
 */
export interface PValueCutoff {
  alpha: number;
  tCritical: (df: number) => number;
  /**
   * The caller only asks whether p ≤ alpha (complementary pairs), not p itself: then |t| above the critical t
   * by more than {@link CLEAR_PASS_MARGIN} is reported as p = 0 without computing p (an incomplete beta
   * function, the hot loop's costliest step for an indicator that passes); p is computed exactly in the
   * narrow band between, so the decision p ≤ alpha is the one the exact p gives.
   */
  decisionOnly?: boolean;
}

/**
 * Relative margin above the critical t from which p ≤ alpha is certain: p falls with |t|, and at
 * t = t_crit·(1 + 1e−6) it is below alpha by about 1e−6·alpha, some seven orders of magnitude more than the
 * rounding error of the t quantile and of the p-value (both computed to near double precision by @stdlib).
 */
export const CLEAR_PASS_MARGIN = 1e-6;
