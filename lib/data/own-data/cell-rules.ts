/**
 * Rules for the cells of a researcher's table that parse but cannot be added as they are (lib/data/own-data/add.ts
 * applies them as it reads each row, so that an error names the file, row, column and cell): a period outside the
 * package's, a number too small for a double, a suppressed count beside a value.
 */
import { SCHEMAS } from "../schema";

/**
 * The periods a package holds (schema.ts): checked where the file is read, so that an error names the researcher's
 * file, row and cell (a review's period 2999 was refused only by validating the written package, naming a temporary
 * folder and "indicators.csv, row 257277").
 */
export const PERIOD_RANGE = (() => {
  const { minimum, maximum } = SCHEMAS.indicators.find((f) => f.name === "period")!.constraints!;
  return { minimum: minimum!, maximum: maximum! };
})();
export const PERIOD_RANGE_EXPECTED = `a year ending March from ${PERIOD_RANGE.minimum} to ${PERIOD_RANGE.maximum}`;

/**
 * Whether a number's text reads as 0 but is not (1e-400, past the smallest double): Number() gives 0 without a word
 * (a review's 1e-400 was added as 0), which would turn a tiny share into none at all.
 * @example
 * underflows("1e-400", 0) // true
 * underflows("0.0e5", 0) // false
 */
export function underflows(text: string, value: number | null): boolean {
  return value === 0 && /[1-9]/.test(text.trim().split(/[eE]/)[0]);
}

export const UNDERFLOW_EXPECTED = "a number that is 0 or can be stored (this one is below the smallest double, about 5e-324, and would be read as 0)";

/**
 * Reasons of a count's symbol that a blank count would lose: suppressed (c, low, k) and low reliability (u). Not
 * available (x, :, blank) and not applicable (z) mean the count is not given, which a blank count says.
 */
export const KEPT_COUNT_REASONS = ["suppressed", "low-reliability"] as const;

/**
 * Why a suppressed count cannot stand beside a value, so is refused rather than kept: the package has one status per
 * row, the value's, and a suppressed status allows no value (package-rules.ts checkStatus); writing the count blank
 * would drop its reason (a review found "c" written as a blank numerator); and the value with the other count gives
 * the suppressed count away (45% of 100 is 45).
 * @example
 * suppressedCountExpected("c", 45) // "a count, or blank, beside the value 45: a suppressed count cannot be kept …; write c in the value too …"
 */
export function suppressedCountExpected(symbol: string, value: number): string {
  return `a count, or blank, beside the value ${value}: a suppressed count cannot be kept beside a value (the package keeps one status per row, ` +
    `the value's, and the value with the other count would give the count away); write ${symbol} in the value too to keep the row suppressed, ` +
    `or leave this cell blank if the value may be published`;
}

