/**
 * DfE publication symbols → missing values with a reason.
 *
 * Source: DfE analysts' guide, "Symbols and conventions" (GSS guidance on symbols in tables), and
 * /work/shared/data/README.md. Every symbol is a missing value, never a zero:
 *
 * | cell   | status                 | meaning                                             |
 * |--------|------------------------|-----------------------------------------------------|
 * | `c`    | `suppressed:c`         | confidential (small numbers, e.g. CIN counts 1–5)   |
 * | `low`  | `suppressed:low`       | a positive value that rounds to zero                |
 * | `k`    | `suppressed:k`         | a positive value that rounds to zero (older form)   |
 * | `x`    | `not-available:x`      | not available for other reasons                     |
 * | `:`    | `not-available::`      | not available (pre-2020 files)                      |
 * | `z`    | `not-applicable:z`     | not applicable                                      |
 * | `u`    | `low-reliability:u`    | low reliability (value withheld)                    |
 * | blank  | `not-available:blank`  | empty cell (named: a reason never ends in a bare colon) |
 *
 * LAIT's `-` is read as `not-available:-` only when the caller allows it ({@link LAIT_SYMBOLS}).
 *
 * A letter symbol in square brackets (`[c]`, `[x]`, `[z]`, `[low]`, `[u]`) is the same symbol, its status keeping the
 * brackets as published (`suppressed:[c]`, as the finance tables' `[x]` is `not-available:[x]`): the Government
 * Statistical Service's guidance on symbols in tables writes them so in accessible spreadsheets, which analysts copy
 * their own data from. Other bracketed shorthands of that guidance (`[w]`, `[e]`, `[p]`, `[r]`, `[b]`) are not
 * symbols of this table and stay errors, as does a number with a shorthand after it ("123 [p]").
 */

/** A parsed cell: a number with an empty status, or null with the reason. */
export interface ParsedCell {
  value: number | null;
  status: string;
}

/**
 * The status of an empty source cell. It was `not-available:` (an empty symbol after the colon) until a
 * walkthrough found 758 rows of the official package with that status: README says a missing value keeps its
 * reason, and an empty one reads as a lost reason, so the validator now refuses a bare colon.
 */
export const BLANK_STATUS = "not-available:blank";

/**
 * The status of a share worked out from counts whose denominator is 0 (the SFR import's percentages, own data's
 * values worked out from their counts): a share of nothing is undefined, so not applicable.
 */
export const ZERO_DENOMINATOR_STATUS = "not-applicable:zero-denominator";

/** The standard DfE symbols and their statuses. */
export const DFE_SYMBOLS: Readonly<Record<string, string>> = Object.freeze({
  c: "suppressed:c",
  low: "suppressed:low",
  k: "suppressed:k",
  x: "not-available:x",
  ":": "not-available::",
  z: "not-applicable:z",
  u: "low-reliability:u",
  "": BLANK_STATUS,
});

/** The DfE symbols of {@link DFE_SYMBOLS} in the words of datapackage.json `provenance.missing_values`. */
export const DFE_MISSING_VALUES_RULE = "DfE symbols → status: c suppressed:c, low suppressed:low, k suppressed:k, x not-available:x, ':' not-available::, z not-applicable:z, u low-reliability:u, blank not-available:blank";

/** LAIT's big data sheet marks missing values with `-` (and sometimes `NA`). */
export const LAIT_SYMBOLS: Readonly<Record<string, string>> = Object.freeze({
  ...DFE_SYMBOLS,
  "-": "not-available:-",
  na: "not-available:NA",
});

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
/** A letter symbol in square brackets, as GSS tables write them ("[c]", "[low]"). */
const BRACKETED = /^\[([a-z]+)\]$/i;

/**
 * Parse one published cell: a plain decimal number, or a known symbol.
 * Surrounding spaces are ignored and symbols are matched case-insensitively (`C` = `c`).
 * @param raw - the cell text
 * @param symbols - symbol table (default {@link DFE_SYMBOLS})
 * @returns the parsed cell, or `undefined` when the text is neither a number nor a known symbol
 *   (the caller turns that into a DataError naming file, row and column)
 * @example
 * parseDfeCell("22.6") // { value: 22.6, status: "" }
 * parseDfeCell("c")    // { value: null, status: "suppressed:c" }
 * parseDfeCell("[c]")  // { value: null, status: "suppressed:[c]" }
 * parseDfeCell("n/a")  // undefined
 */
export function parseDfeCell(raw: string, symbols: Readonly<Record<string, string>> = DFE_SYMBOLS): ParsedCell | undefined {
  const t = raw.trim();
  if (NUMBER.test(t)) {
    const v = Number(t);
    if (Number.isFinite(v)) return { value: v, status: "" };
    return undefined;
  }
  const key = t.toLowerCase();
  // own properties only: a cell reading "constructor" or "__proto__" is not a symbol
  if (Object.prototype.hasOwnProperty.call(symbols, key)) return { value: null, status: symbols[key] };
  // "[c]" when the table has "c" (a table of bracketed symbols, as the finance one, matched whole above): the reason
  // of "c", with the symbol as published
  const inner = BRACKETED.exec(t)?.[1].toLowerCase();
  if (inner === undefined || !Object.prototype.hasOwnProperty.call(symbols, inner)) return undefined;
  return { value: null, status: `${symbols[inner].slice(0, symbols[inner].indexOf(":"))}:[${inner}]` };
}

/**
 * Pre-EES Statistical First Release tables used `x` for figures withheld to protect confidentiality
 * (small numbers), `.` for not applicable/zero-base and `:` for not available, so `x` there is
 * `suppressed:x`, not `not-available:x`.
 */
export const SFR_SYMBOLS: Readonly<Record<string, string>> = Object.freeze({
  ...DFE_SYMBOLS,
  x: "suppressed:x",
  ".": "not-applicable:.",
});

/** The SFR symbols of {@link SFR_SYMBOLS} in the words of datapackage.json `provenance.missing_values`. */
export const SFR_MISSING_VALUES_RULE = "SFR files (2013–2017): x → suppressed:x (withheld for confidentiality), . → not-applicable:. ";

/** LAIT's `-` of {@link LAIT_SYMBOLS} in the words of datapackage.json `provenance.missing_values`. */
export const LAIT_MISSING_VALUES_RULE = "LAIT '-' not-available:-";

/** datapackage.json `provenance.missing_values`: how each publisher's symbols are read (SFR, DfE, LAIT). */
export const MISSING_VALUE_RULES = `${SFR_MISSING_VALUES_RULE}; ${DFE_MISSING_VALUES_RULE}, ${LAIT_MISSING_VALUES_RULE}`;

/**
 * Columns holding full-time equivalents (`*_fte`, e.g. CSWW `inpost_fte` = 3396.9): counts of staff that
 * are fractional by definition, so only they may be non-integer.
 */
export const FRACTIONAL_COUNT_COLUMN = /(^|_)fte(_|$)/i;

/**
 * Why a published count cannot be a count, or undefined when it can: counts are ≥ 0 and whole numbers,
 * except full-time equivalents ({@link FRACTIONAL_COUNT_COLUMN}).
 * @param n - the parsed count
 * @param column - the source column (decides whether a fraction is allowed)
 * @example
 * countProblem(-3, "CLA_cease") // "a count ≥ 0"
 * countProblem(2.5, "CLA_cease") // "a whole-number count"
 * countProblem(2.5, "inpost_fte") // undefined
 */
export function countProblem(n: number, column: string): string | undefined {
  if (n < 0) return "a count ≥ 0";
  if (!Number.isInteger(n) && !FRACTIONAL_COUNT_COLUMN.test(column)) return "a whole-number count (only full-time-equivalent columns, *_fte, may be fractional)";
  return undefined;
}
