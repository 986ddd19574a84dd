/**
 * The values `add` reads, checked against their indicators' units before anything is written (lib/data/own-data/add.ts
 * calls these once the catalogue rows, and so the units, are known): the package's rules for a row by unit, named
 * at the researcher's own cell; XLSX percent cells only for unit percent; and a warning for a percent column whose
 * values all look like proportions.
 */
import type { DataError } from "../../errors";
import { addError } from "./capped-errors";
import { indicatorRowProblems } from "../package-rules";
import type { CatalogueRow, IndicatorRow } from "../types";
import { unitMultiplier } from "../units";
import type { OwnTableHead } from "./read-table";

/** An indicator's XLSX cells that were formatted as percentages and read as shown: how many, and the first. */
export interface PercentCellsOfIndicator {
  count: number;
  first: { row: number; column: string; cell: string; shown: string };
  /** The indicator's numbers in cells not formatted as percentages, in the same workbook: how many, and the first. */
  plain?: { count: number; first: { row: number; column: string; shown: string } };
}

/**
 * Percent-formatted cells are accepted (as shown) only for an indicator whose unit is percent: for any other unit
 * the number stored (0.45) and the number shown (45%) differ 100-fold and neither can be assumed. One error per
 * indicator, at its first such cell.
 * @example
 * checkPercentCells(new Map([["pct_ind", { count: 3, first: { row: 1, column: "pct_ind", cell: "C2", shown: "45" } }]]), byId, table, errors);
 * errors[0].message // '…, row 1, column "pct_ind": got "45%", expected a number (cell C2 and 2 more cells …' (add.ts then names the sheet, at its row)
 */
export function checkPercentCells(percentCells: ReadonlyMap<string, PercentCellsOfIndicator>, byId: ReadonlyMap<string, CatalogueRow>, table: OwnTableHead, errors: DataError[]): void {
  for (const [id, { count, first, plain }] of percentCells) {
    const unit = byId.get(id)?.unit;
    if (unit === "percent" && plain !== undefined) {
      // 54% beside 0.55: one scale pasted without its format, almost surely; read as shown, 54 and 0.55 had been added side by side
      const others = plain.count > 1 ? ` and ${plain.count - 1} more` : "";
      addError(errors, {
        file: table.file,
        row: plain.first.row,
        column: plain.first.column,
        value: plain.first.shown,
        expected: `a cell formatted as the column's others are: ${count} cell${count === 1 ? " is" : "s are"} formatted as percentages (cell ${first.cell} shows ${first.shown}%, read as ${first.shown}) but this one${others} ${plain.count === 1 ? "is a plain number" : "are plain numbers"}, read as written; format the whole column one way (as percentages, or as numbers from 0 to 100)`,
      });
      continue;
    }
    if (unit === undefined || unit === "percent") continue;
    const more = count > 1 ? ` and ${count - 1} more cell${count > 2 ? "s" : ""} of this column are` : " is";
    const where = `cell ${first.cell}${more}`;
    addError(errors, {
      file: table.file,
      row: first.row,
      column: first.column,
      value: `${first.shown}%`,
      expected: `a number (${where} formatted as ${count > 1 ? "percentages" : "a percentage"}, shown ×100: give the unit percent, or format the column as a number)`,
    });
  }
}

/** A cell of the researcher's file: its column header and its text as written. */
export interface OwnCell {
  column: string;
  text: string;
}

/** Where an indicator row came from: the file's row (header = row 0) and the cells of its value, counts and status. */
export interface OwnRowOrigin {
  row: number;
  cells: { value: OwnCell; numerator?: OwnCell; denominator?: OwnCell; status?: OwnCell };
}

/**
 * The package's rules for an indicator row by unit (percentages 0–100, rates ≥ 0, counts ≥ 0, numerator ≤
 * denominator, a known status; package-rules.ts indicatorRowProblems), applied to each added row as it is read: an
 * error names the researcher's file, row, column and cell text, not a row of the temporary package's indicators.csv
 * (which is what validating the written package would name).
 * @example
 * checkRowByUnit({ la_code: "E06000023", period: 2024, indicator: "share_pct", value: 145, numerator: null, denominator: null, status: "" },
 *   { row: 1, cells: { value: { column: "share_pct", text: "145" } } }, "percent", "over.csv", errors);
 * errors[0].message // 'over.csv, row 1, column "share_pct": got "145", expected a percentage from 0 to 100 (the unit of share_pct is percent)'
 */
export function checkRowByUnit(row: IndicatorRow, origin: OwnRowOrigin, unit: string | undefined, file: string, errors: DataError[]): void {
  const { row: r, cells } = origin;
  for (const problem of indicatorRowProblems(row, unit, file, r)) {
    const cell = cells[problem.column as keyof OwnRowOrigin["cells"]] ?? cells.value;
    const why = problem.column === "value" && unit !== undefined ? ` (the unit of ${row.indicator} is ${unit})` : "";
    addError(errors, { file, row: r, column: cell.column, value: cell.text.trim(), expected: `${problem.expected}${why}` });
  }
}

/** Relative disagreement allowed between a value and its counts (a value worked out elsewhere, rounded). */
const COUNTS_RELATIVE_TOLERANCE = 0.01;

/** Other bases a value may have been given on by mistake: a proportion (per 1), per cent, per 1,000. */
const OTHER_BASES = [1, 100, 1000] as const;

/** Per indicator, its values that disagree with their counts beyond rounding: how many, and the first, in words. */
export type CountDisagreements = Map<string, { count: number; first: string }>;

/**
 * A value beside its own numerator and denominator, for the units whose value is a share of counts (percent:
 * 100 × numerator / denominator; rate per 10,000: 10,000 × …), agrees with them to within one unit of its last written
 * decimal (rounded or cut) or 1% of the share, whichever is larger. Otherwise:
 * - an **error** at the value's cell when the value is the share on another base (0.62 beside 31 of 50: a
 *   proportion given as a percentage; 0.65 per 10,000 beside 58 of 8,920: a percentage): the profile would draw
 *   an interval around 62 next to the value 0.62, and every comparison would be 100 times off;
 * - an **error** at the value's cell beside a denominator of 0, whose share is undefined;
 * - a **warning** per indicator otherwise ({@link countDisagreementWarnings}), with its first row: published-style
 *   counts are often rounded (to the nearest 10, a population to the nearest 1,000), so 38.1 beside 20 of 40 can be
 *   right; the tables show the value while the profile's intervals and funnels are built from the counts, which the
 *   analyst should know.
 * Applied to each added row as it is read; the disagreements are counted in `disagreeing`.
 * @example
 * checkValueAgainstCounts({ la_code: "E06000023", period: 2024, indicator: "share_pct", value: 0.62, numerator: 31, denominator: 50, status: "" },
 *   { row: 1, cells: { value: { column: "share_pct", text: "0.62" } } }, "percent", "own.csv", errors, new Map());
 * errors[0].message // 'own.csv, row 1, column "share_pct": got "0.62", expected 62 (100 × numerator 31 / denominator 50): …'
 */
export function checkValueAgainstCounts(
  row: IndicatorRow, origin: OwnRowOrigin, unit: CatalogueRow["unit"] | undefined, file: string, errors: DataError[], disagreeing: CountDisagreements,
): void {
  const multiplier = unit === undefined ? null : unitMultiplier(unit);
  if (multiplier === null || row.value === null || row.numerator === null || row.denominator === null || row.denominator < 0) return;
  if (row.numerator < 0 || (unit === "percent" && row.numerator > row.denominator)) return; // an error of checkRowByUnit already
  const { column, text } = origin.cells.value;
  if (row.denominator === 0) {
    // a share of nothing is undefined: a review's 45 beside 0 of 0 was added, and the profile builds its intervals from the counts
    addError(errors, { file, row: origin.row, column, value: text.trim(), expected: `no value beside denominator 0 (a share of 0 is undefined): leave the value blank, or write z (not applicable)` });
    return;
  }
  const ratio = row.numerator / row.denominator;
  const digit = lastDigitUnit(text);
  // the value read on `base` (per 1, per 100, …): the share of the counts on that base, to within rounding
  const near = (base: number) => Math.abs((row.value as number) - base * ratio) <= Math.max(digit, COUNTS_RELATIVE_TOLERANCE * base * ratio) * (1 + 1e-9);
  if (near(multiplier)) return;
  const share = Number((multiplier * ratio).toPrecision(6));
  const formula = `${multiplier === 100 ? "100" : "10,000"} × numerator ${row.numerator} / denominator ${row.denominator}`;
  // only a value written with decimals: a whole "1" or "0" is within its rounding of any proportion (a review: "1"
  // beside 50 of 1,000 was refused as a proportion, where the counts give 5%)
  const base = ratio > 0 && digit < 1 ? OTHER_BASES.find((b) => b !== multiplier && near(b)) : undefined;
  if (base !== undefined) {
    const given = base === 1 ? "a proportion (numerator / denominator)" : base === 100 ? "a percentage" : "a rate per 1,000";
    addError(errors, {
      file, row: origin.row, column, value: text.trim(),
      expected: `${share} (${formula}): the value is ${given}, not ${unit === "percent" ? "a percentage" : "a rate per 10,000"} as its unit says; ` +
        `multiply it by ${multiplier / base}, or give the unit that fits it`,
    });
    return;
  }
  const seen = disagreeing.get(row.indicator);
  if (seen !== undefined) seen.count++;
  else disagreeing.set(row.indicator, { count: 1, first: `row ${origin.row}, column "${column}": ${text.trim()} beside ${formula} = ${share}` });
}

/**
 * The warnings of {@link checkValueAgainstCounts}: one per indicator whose values disagree with their counts.
 * @example
 * countDisagreementWarnings(new Map([["share_pct", { count: 1, first: 'row 1, column "share_pct": 38.1 beside … = 50' }]]))
 * // ['share_pct: 1 value disagrees with its numerator and denominator by more than rounding (row 1, …): …']
 */
export function countDisagreementWarnings(disagreeing: CountDisagreements): string[] {
  return [...disagreeing].map(([id, { count, first }]) =>
    `${id}: ${count === 1 ? "1 value disagrees" : `${count} values disagree`} with ${count === 1 ? "its" : "their"} numerator and denominator by more than rounding (${count === 1 ? "" : "first: "}${first}): ` +
    `the tables show the value, the profile's intervals and funnels are built from the counts; if the counts are rounded or belong to another measure, leave them out`);
}

/** One unit of the last decimal written in a number's text ("62" → 1, "61.5" → 0.1, "0.62" → 0.01). */
function lastDigitUnit(text: string): number {
  const match = /\.(\d+)$/.exec(text.trim());
  return match === null ? 1 : 10 ** -Math.min(match[1].length, 12);
}

/** What {@link proportionWarning} needs of a percent indicator's rows, gathered row by row ({@link countProportions}). */
export interface ProportionTally {
  /** The value column of the first row with a value. */
  column?: string;
  values: number;
  minimum: number;
  maximum: number;
  /** Whether some value lies outside [0, 1], and whether some lies strictly between 0 and 1. */
  outside: boolean;
  between: boolean;
  /** Rows with a value, a numerator and a denominator above 0; and whether each value is nearer 100 × their share than the share. */
  counted: number;
  percentByCounts: boolean;
}

/**
 * Count a row of an indicator of unit percent into its tally for {@link proportionWarning}.
 * @example
 * const tally = newProportionTally();
 * countProportions(tally, { la_code: "E06000023", period: 2024, indicator: "share_pct", value: 0.45, numerator: null, denominator: null, status: "" }, "share_pct");
 * tally.between // true
 */
export function countProportions(tally: ProportionTally, row: IndicatorRow, column: string): void {
  const value = row.value;
  if (value === null) return;
  tally.column ??= column;
  tally.values++;
  if (value < tally.minimum) tally.minimum = value;
  if (value > tally.maximum) tally.maximum = value;
  if (value < 0 || value > 1) tally.outside = true;
  if (value > 0 && value < 1) tally.between = true;
  if (row.numerator === null || row.denominator === null || row.denominator <= 0) return;
  tally.counted++;
  const share = row.numerator / row.denominator;
  if (Math.abs(value - 100 * share) > Math.abs(value - share)) tally.percentByCounts = false;
}

/**
 * A tally before any row.
 * @example
 * newProportionTally().values // 0
 */
export function newProportionTally(): ProportionTally {
  return { values: 0, minimum: Infinity, maximum: -Infinity, outside: false, between: false, counted: 0, percentByCounts: true };
}

/**
 * A warning (not an error) for an indicator of unit percent whose values all lie from 0 to 1, at least one strictly
 * between (0.45, 0.52, 0.61): likely proportions, which as percentages are 100 times too small. The rule, chosen to
 * warn only when the column can be read that way: every value of the indicator in [0, 1] and one in (0, 1) (a
 * column of 0s and 1s, or with any value above 1, is not warned); and when rows give a numerator and a denominator,
 * not every such value nearer 100 × numerator / denominator than numerator / denominator (then they are percentages,
 * merely small). Genuine percentages all below 1 exist (rare events), hence a warning the analyst can ignore.
 * @example
 * proportionWarning("share_pct", tally)
 * // 'share_pct (column "share_pct"): all 3 values lie between 0 and 1 (0.45 to 0.61), but its unit is percent (0 to 100): …'
 */
export function proportionWarning(id: string, tally: ProportionTally): string | undefined {
  const { values, minimum, maximum } = tally;
  if (values === 0 || tally.outside || !tally.between) return undefined;
  if (tally.counted > 0 && tally.percentByCounts) return undefined;
  const range = values === 1 ? `${minimum}` : `${minimum} to ${maximum}`;
  const all = values === 1 ? "its only value lies" : `all ${values} values lie`;
  return `${id} (column "${tally.column}"): ${all} between 0 and 1 (${range}), but its unit is percent (0 to 100): if these are proportions, ` +
    `multiply them by 100, or give the unit ratio (--unit ratio, or in the sidecar); percentages all below 1 can stay as they are`;
}
