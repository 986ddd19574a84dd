/**
 * Rules for the cells of a researcher's table that parse but cannot be added as they are (lib/data/own-data/add.ts
 * applies them as it reads each row, so that an error names the file, row, column and cell): a period outside the
 * package's, a number too small for a double, a suppressed count beside a value, a suppressed value beside the
 * numerator it hides, a count that is not a whole number.
 */
import { DFE_SYMBOLS, SFR_SYMBOLS } from "../import/symbols";
import { SCHEMAS } from "../schema";

/**
 * The symbols `add` reads in a researcher's cells: the DfE's ({@link DFE_SYMBOLS}) and `.`, which DfE's own
 * Statistical First Release tables write for "not applicable" (sfr/la_tables_2013_sheet5_oc22.csv) and which an LA
 * analyst's copy of them keeps; read as the import reads it there (`not-applicable:.`, {@link SFR_SYMBOLS}). The
 * SFR tables' `x` (suppressed) is not taken: in current DfE tables, and so in a researcher's, `x` is not available.
 */
export const OWN_DATA_SYMBOLS: Readonly<Record<string, string>> = Object.freeze({ ...DFE_SYMBOLS, ".": SFR_SYMBOLS["."] });

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


/**
 * Why a suppressed value cannot stand beside its numerator, so is refused rather than kept (the mirror of
 * {@link suppressedCountExpected}): what a suppressed share hides is its small numerator, given here, and with the
 * denominator it gives the value back (a review's `c` beside 5 of 10 was stored as 5, 10, suppressed:c: 50%). A
 * denominator alone (the cohort) reveals neither, and is kept.
 * @example
 * suppressedValueExpected("c", 10) // "a blank numerator, or c, beside the suppressed value c: the numerator is the count …"
 */
export function suppressedValueExpected(symbol: string, denominator: number | null): string {
  const givesBack = denominator === null ? "" : `, and with the denominator ${denominator} it gives the value back`;
  return `a blank numerator, or ${symbol}, beside the suppressed value ${symbol}: the numerator is the count the suppression hides${givesBack}; ` +
    `write ${symbol} in the numerator too, or publish the value if the numerator may be published`;
}

/**
 * Why a numerator or denominator that is not a whole number is refused: they count children, cases or
 * placements, and the package's intervals and funnels are built from them as counts (a review's numerator 5.5
 * beside 11 was added).
 */
export const WHOLE_COUNT_EXPECTED = "a whole-number count (a numerator or denominator counts children, cases or placements; the intervals and funnels are built from them as counts)";
