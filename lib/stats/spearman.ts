/**
 * Spearman's rank correlation ρ (Pearson r of average ranks) with the t-approximation p-value and the
 * Bonett–Wright confidence interval.
 */
import { InputError } from "../errors";
import { completeCases, pick } from "./complete-cases";
import { CORRELATION_CONF, correlationFromSamples, type CorrelationResult } from "./pearson";
import { averageRanks } from "./ranks";

/**
 * Bonett & Wright (2000, Psychometrika 65:23–28) standard error of atanh(ρ): √((1 + ρ²/2)/(n − 3)).
 * @example spearmanFisherSe(0.87, 15) // 0.3479…  (CI for ρ = .87, n = 15: [0.5841879, 0.9638408])
 */
export function spearmanFisherSe(rho: number, n: number): number {
  return Math.sqrt((1 + (rho * rho) / 2) / (n - 3));
}

/**
 * Spearman's ρ over pairwise-complete rows: ranks with ties averaged (R `rank(ties = "average")`),
 * then Pearson's r of the ranks. p-value from t = ρ√((n − 2)/(1 − ρ²)) on n − 2 df — R's
 * `cor.test(x, y, method = "spearman", exact = FALSE)` (R's default for n < 1290 without ties is an
 * exact/Edgeworth p-value, which this does not reproduce). Interval: Fisher z with the Bonett–Wright SE.
 * @example
 * spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) // { r: 0.8, p: 0.1040880, n: 5, method: "spearman", … }
 */
export function spearman(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { conf?: number } = {},
): CorrelationResult {
  const conf = options.conf ?? CORRELATION_CONF;
  if (!(conf > 0 && conf < 1)) throw new InputError("spearman", "conf must be in (0, 1)", conf);
  const cc = completeCases("spearman", [x, y]);
  const rx = averageRanks(pick(x, cc.rows));
  const ry = averageRanks(pick(y, cc.rows));
  return correlationFromSamples("spearman", rx, ry, cc.nMissing, conf, spearmanFisherSe);
}
