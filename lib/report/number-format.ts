/**
 * Numbers written for readers of tables: p- and q-values with a fixed number of significant digits and a
 * floor ("<0.001"), fractions as percentages. One rule per kind of number, so every table of the report
 * prints the same value the same way.
 */
import { InputError } from "../errors";

/** How a numeric table column is written (see {@link formatNumberAs}). */
export type NumberFormat = "number" | "fixed" | "percent" | "p-value";

/** p/q values below this print as "<0.001" (the APA convention for reporting small p-values). */
export const P_VALUE_FLOOR = 0.001;
/** Significant digits of a p/q value at or above {@link P_VALUE_FLOOR}. */
export const P_VALUE_SIGNIFICANT_DIGITS = 3;
/** Decimals of a percentage. */
export const PERCENT_DIGITS = 1;

/**
 * en-GB number formatters by option set, made once: `value.toLocaleString("en-GB", options)` builds a new
 * `Intl.NumberFormat` on every call (ECMA-402 §19.2.1), which the report's tables paid for every cell;
 * `format` of the same formatter gives the same text.
 */
const formatters = new Map<string, Intl.NumberFormat>();

/** The en-GB formatter with these fraction digits and grouping (undefined: the locale's default), from {@link formatters}. */
function enGbFormatter(minimumFractionDigits: number, maximumFractionDigits: number, useGrouping?: boolean): Intl.NumberFormat {
  const key = `${minimumFractionDigits} ${maximumFractionDigits} ${useGrouping}`;
  let f = formatters.get(key);
  if (f === undefined) {
    const grouping = useGrouping === undefined ? {} : { useGrouping };
    formatters.set(key, (f = new Intl.NumberFormat("en-GB", { minimumFractionDigits, maximumFractionDigits, ...grouping })));
  }
  return f;
}

/**
 * A p- or q-value for reading: "<0.001" below {@link P_VALUE_FLOOR}, otherwise 3 significant digits
 * (trailing zeros kept, so a column lines up: "0.0412", "0.500", "1.00").
 * @throws InputError unless 0 ≤ p ≤ 1
 * @example
 * formatPValue(0.000038) // "<0.001"
 * formatPValue(0.01234)  // "0.0123"
 * formatPValue(0.5)      // "0.500"
 */
export function formatPValue(p: number): string {
  if (!(p >= 0 && p <= 1)) throw new InputError("formatPValue", "p must be in [0, 1]", p);
  return p < P_VALUE_FLOOR ? `<${P_VALUE_FLOOR}` : p.toPrecision(P_VALUE_SIGNIFICANT_DIGITS);
}

/**
 * A fraction (0.973) as a percentage with a fixed number of decimals ("97.3%").
 * @throws InputError when the fraction is not finite
 * @example
 * formatPercent(0.973) // "97.3%"
 * formatPercent(1)     // "100.0%"
 * formatPercent(0.8, 0) // "80%"
 */
export function formatPercent(fraction: number, digits = PERCENT_DIGITS): string {
  if (!Number.isFinite(fraction)) throw new InputError("formatPercent", "fraction must be a finite number", fraction);
  if (!(Number.isInteger(digits) && digits >= 0)) throw new InputError("formatPercent", "digits must be an integer >= 0", digits);
  return `${enGbFormatter(digits, digits).format(100 * fraction)}%`;
}

/**
 * A finite number as text: `"number"` keeps at most `digits` decimals, `"fixed"` exactly `digits` decimals
 * (coefficients line up: "0.130", "-0.040"); in both a non-zero value too small for `digits` decimals keeps
 * two significant figures, never printing as 0, and thousands are separated from 10,000. `"percent"` and
 * `"p-value"` as {@link formatPercent} and {@link formatPValue}.
 * @example
 * formatNumberAs(0.000312, "number", 3) // "0.00031"
 * formatNumberAs(0.13, "fixed", 3)      // "0.130"
 * formatNumberAs(0.000312, "p-value")   // "<0.001"
 * formatNumberAs(0.98, "percent")       // "98.0%"
 */
export function formatNumberAs(value: number, format: NumberFormat, digits = 3): string {
  switch (format) {
    case "p-value":
      return formatPValue(value);
    case "percent":
      return formatPercent(value);
    case "number":
    case "fixed": {
      const tiny = value !== 0 && Math.abs(value) < 0.5 * 10 ** -digits;
      if (tiny) return value.toPrecision(2);
      const minimumFractionDigits = format === "fixed" ? digits : 0;
      return enGbFormatter(minimumFractionDigits, digits, Math.abs(value) >= 10000).format(value);
    }
    default:
      throw new InputError("formatNumberAs", "format must be number, percent or p-value", format as string);
  }
}

/**
 * A confidence interval as text, "[lower, upper]" with `digits` fixed decimals (as {@link formatNumberAs}
 * "fixed"); "–" when either limit is missing (null or not finite).
 * @example
 * formatInterval(-0.3512, -0.1549)  // "[-0.35, -0.15]"
 * formatInterval(null, 0.2)         // "–"
 */
export function formatInterval(lower: number | null, upper: number | null, digits = 2): string {
  if (lower === null || upper === null || !Number.isFinite(lower) || !Number.isFinite(upper)) return "–";
  return `[${formatNumberAs(lower, "fixed", digits)}, ${formatNumberAs(upper, "fixed", digits)}]`;
}

/**
 * A p- or q-value after its name in running text: "< 0.001" below {@link P_VALUE_FLOOR}, otherwise "= " and
 * the {@link formatPValue} spelling; "= NA" when missing. The number is always {@link formatPValue}'s; in prose the
 * relation stands apart from it as "=" does ("p < 0.001", "p = 0.0123"), in tables it is "<0.001".
 * @example
 * `p ${pValueAfterName(0.0000381)}` // "p < 0.001"
 * `q ${pValueAfterName(0.01234)}`   // "q = 0.0123"
 */
export function pValueAfterName(p: number): string {
  if (Number.isNaN(p)) return "= NA";
  return p < P_VALUE_FLOOR ? `< ${formatPValue(p).replace(/^</, "")}` : `= ${formatPValue(p)}`;
}
