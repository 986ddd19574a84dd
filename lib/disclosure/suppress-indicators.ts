/**
 * Disclosure control for indicator rows (data-package `indicators.csv` rows, or anything with a numerator and
 * a denominator) before they are exported.
 *
 * - a value whose denominator is a small count (0 < d < threshold) is suppressed with its numerator and
 *   denominator: `value`, `numerator`, `denominator` become null and `status` becomes `suppressed:disclosure`;
 * - a small numerator (0 < x < threshold) over a denominator ≥ threshold is withheld (null) and the value is
 *   kept: the rule protects people through the size of the group the percentage describes, as the brief's
 *   rule "percentages with a denominator below the threshold are suppressed" does. (value × denominator gives
 *   the count back; the group it describes has at least `threshold` members.)
 */
import { InputError } from "../errors";
import type { IndicatorRow } from "../data/types";
import { DEFAULT_DISCLOSURE_THRESHOLD, DISCLOSURE_STATUS, isSmallCount } from "./suppress-counts";

/** Anything with a value, numerator, denominator and status (IndicatorRow, BenchmarkRow). */
export type CountedRow = Pick<IndicatorRow, "value" | "numerator" | "denominator" | "status">;

/**
 * Apply disclosure control to rows; returns new rows (inputs untouched) and how many were changed.
 * @example
 * suppressIndicatorRows([{ la_code: "E1", period: 2024, indicator: "x", value: 50, numerator: 2, denominator: 4, status: "" }])
 * // rows[0]: value null, numerator null, denominator null, status "suppressed:disclosure"
 */
export function suppressIndicatorRows<T extends CountedRow>(
  rows: readonly T[],
  options: { threshold?: number } = {},
): { rows: T[]; suppressedValues: number; withheldNumerators: number } {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 1) throw new InputError("suppressIndicatorRows", "threshold must be an integer >= 1", threshold);
  let suppressedValues = 0;
  let withheldNumerators = 0;
  const out = rows.map((row) => {
    if (row.denominator !== null && isSmallCount(row.denominator, threshold)) {
      suppressedValues++;
      return { ...row, value: null, numerator: null, denominator: null, status: DISCLOSURE_STATUS };
    }
    if (row.numerator !== null && isSmallCount(row.numerator, threshold)) {
      withheldNumerators++;
      return { ...row, numerator: null };
    }
    return { ...row };
  });
  return { rows: out, suppressedValues, withheldNumerators };
}

/**
 * A percentage x/d × 100 that is published only when the denominator is not a small count.
 * @returns `{ value, status }`: value null with status `suppressed:disclosure` when 0 < d < threshold
 * @throws InputError when d ≤ 0 is not a count or x is outside [0, d]
 * @example
 * disclosedPercentage(3, 40) // { value: 7.5, status: "" }
 * disclosedPercentage(3, 6)  // { value: null, status: "suppressed:disclosure" }
 */
export function disclosedPercentage(
  numerator: number,
  denominator: number,
  options: { threshold?: number } = {},
): { value: number | null; status: string } {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  if (!Number.isInteger(denominator) || denominator <= 0) throw new InputError("disclosedPercentage", "denominator must be an integer > 0", denominator);
  if (!(numerator >= 0 && numerator <= denominator)) throw new InputError("disclosedPercentage", `numerator must be in [0, ${denominator}]`, numerator);
  if (isSmallCount(denominator, threshold)) return { value: null, status: DISCLOSURE_STATUS };
  return { value: (100 * numerator) / denominator, status: "" };
}
