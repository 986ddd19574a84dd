/**
 * A cross-tabulation as the disclosure scanner's table rules read it: each cell a count of the rows of its row's and
 * column's categories, read as a row `[row categories…, column category, count]` of a long table (as R's two-way
 * `table()` is, ./r-two-way-tables.ts). The printed and HTML forms that have the shape of one (R's `ftable`, pandas'
 * `crosstab`, `pivot_table`, `unstack`: ./printed-cross-tabs.ts, ./html-frames.ts) come here. A review passed Rutland's
 * 3 foster children in each with 0 findings (round 24, S2-3): their cells are under the categories' names (Foster,
 * Kinship), which no rule reads as counts.
 *
 * Grouped by regions, grades, years or LA types only ({@link LA_GROUPING_RE}), a cross-tab counts LAs, not children
 * (`pd.crosstab(las.region, las.ofsted_grade)`), and is not read as counts. A frame of LAs' values with a named columns
 * axis (`pivot(index="la", columns="year", values="grade")`) prints as one too: the finding says how to print it.
 */
import { WHOLE_NUMBER_TEXT_RE } from "./scan-collector";
import { isIdentifierName } from "./field-names";
import { laKeyColumn } from "./la-columns";
import { BoundedCache } from "./bounded-cache";
import { normaliseHeader } from "../data/own-data/read-table";
import { LAIT_SYMBOLS, parseDfeCell, SFR_SYMBOLS } from "../data/import/symbols";
import type { TextTable } from "./text-lines";

/**
 * Names of groupings of LAs, not of children: regions, Ofsted grades, years, LA types, deprivation bands. A pandas
 * `describe()`'s count or a cross-tab grouped only by them counts LAs (./printed-frames.ts uses it too).
 */
export const LA_GROUPING_RE = /^(?:region(?:_name|_code)?|gor|ofsted\w*|\w*_?(?:grade|rating|judgement)|year|period|time_period|\w+_year|la_type|authority_type|\w*(?:imd|deprivation)\w*)$/i;

/** The name of a cross-tab's count column: scan-rules.ts adds {@link CROSS_TAB_HINT} to its findings. */
export const CROSS_TAB_COUNT = "cross-tab count";

/** What to do when a cross-tab's cells are not counts. */
export const CROSS_TAB_HINT =
  ": each cell of a table with named rows and columns (pd.crosstab, pivot_table, unstack, R's table or ftable) is read as a count of its row's and column's categories; suppress counts below the threshold, or if its cells are LAs' values rather than counts, print the frame without its columns' name (.rename_axis(columns=None))";

/** pandas' and R's missing values in a cross-tab's cell (pivot_table of a count leaves NaN where no row was). */
const MISSING_CELL_RE = /^(?:|NaN|<NA>|NA|None)$/;

/** The symbols the workbench's importers read as missing (DfE's, the SFRs' `.` and LAIT's `-`: lib/data/import/symbols.ts). */
const PUBLISHED_SYMBOLS = Object.freeze({ ...LAIT_SYMBOLS, ...SFR_SYMBOLS });
/** Other marks of a withheld or empty cell: `*`, a count written as below a bound (`<5`, `< 10`), a dash, `..`. */
const WITHHELD_MARK_RE = /^(?:\*{1,3}|<\s?\d{1,3}|[-\u2013\u2014~]|\.\.?)$/;

/**
 * True for a cell withheld or shown as nothing, read as a missing cell: a publisher's symbol as the importers read it
 * (`c`, `x`, `low`, `k`, `z`, `u`, `:`, `[c]`, `[x]`, `[low]`, the SFRs' `.`, LAIT's `-`), `*`, a count written as below a
 * bound (`<5`), and R's `print(table(…), zero.print = ".")` mark. A review's cross-tab and pivot with one `c` were
 * dropped whole, passing Rutland's 3 beside it with 0 findings (round 25, S1-3): a table partly suppressed by hand is
 * the one most likely to hold a small cell missed.
 * @example
 * isWithheldCell("c") // true; isWithheldCell("[c]") // true; isWithheldCell("<5") // true; isWithheldCell("Foster") // false
 */
export function isWithheldCell(text: string): boolean {
  const t = text.trim();
  return t !== "" && (WITHHELD_MARK_RE.test(t) || parseDfeCell(t, PUBLISHED_SYMBOLS)?.value === null);
}

/** A label shown in a finding's location: words (an LA, a category), no digits, so never an id or a date. */
const SHOWN_LABEL_RE = /^\p{L}[\p{L} .,'&()/-]{0,59}$/u;

/**
 * Words of a variable's name (as `add` normalises it: `Child name` is child_name) whose categories may be people: a
 * child's or carer's name, a young person. Never shown, even beside a row variable of LAs; a second guard only, as
 * labels are shown only when the rows are LAs ({@link namesAreas}).
 */
const PERSON_WORD_RE = /(?:^|_)(?:name|names|forenames?|surnames?|initials|child|children|young_person|young_people|person|people|pupil|student|respondent|carer|parent|mother|father|sibling|client|yp)(?:_|$)/;

/** True when a variable's categories may be people (see {@link PERSON_WORD_RE}); an LA's name (la_name) is not. */
function namesPeople(name: string): boolean {
  return isIdentifierName(name) || (PERSON_WORD_RE.test(normaliseHeader(name)) && !namesAreas(name));
}

/**
 * True when a row variable's labels are LAs or groupings of LAs: named as `add` names an LA column (la, la_name,
 * local_authority, authority, area; not a bare `name`, which may be anyone's) or as a region, grade, year or LA type
 * ({@link LA_GROUPING_RE}). Only then are a cross-tab's labels shown: a review's `pd.crosstab(df.child_name, df.placement)`
 * printed `cell "Amy Smith, Foster"` in a finding (round 25, S1-5).
 * @example
 * namesAreas("la_name") // true; namesAreas("region") // true; namesAreas("name") // false; namesAreas("child_name") // false
 */
export function namesAreas(name: string): boolean {
  const n = normaliseHeader(name);
  return n !== "name" && n !== "" && (laKeyColumn([name]) !== undefined || LA_GROUPING_RE.test(n));
}

/**
 * A cell's labels as a finding's location shows them ("Rutland, Foster"), names[0] and labels[0] its outer row
 * variable's: only when that variable is of LAs or their groupings ({@link namesAreas}), no other is named as a record
 * identifier or as people, and every label is words; undefined otherwise (the location then gives the cell's row and
 * column: {@link crossTabCellPlace}).
 * @example
 * shownLabels(["la", "pl"], ["Rutland", "Foster"]) // "Rutland, Foster"; shownLabels(["child_name", "pl"], ["Amy Smith", "Foster"]) // undefined
 */
export function shownLabels(names: readonly string[], labels: readonly string[]): string | undefined {
  return labelShower(names)(labels);
}

/** Variables' names already judged by labelShower (a text of many small cross-tabs asks of the same names for each). */
const showable = new BoundedCache<string, boolean>(1024);

/**
 * {@link shownLabels} for the cells of one table, its variables judged once: a cross-tab of a million cells judged its
 * names for each (normalising them), a quarter of the CPU of reading a 20 MB printed one.
 */
export function labelShower(names: readonly string[]): (labels: readonly string[]) => string | undefined {
  const shown = showable.get(names.join("\u0000"), () => names.length > 0 && namesAreas(names[0]) && !names.some(namesPeople));
  return (labels) => (shown && labels.every((l) => SHOWN_LABEL_RE.test(l)) ? labels.join(", ") : undefined);
}

/**
 * Where a cross-tab's cell r (1-based, as the table rules number rows) is, for a finding's location: by its categories
 * when they may be shown (`cell "Rutland, Foster"`), else by its row among the printed rows and its column among the
 * count columns (`cell (row 2, column 1)`); undefined for a table that is no cross-tab.
 * @example
 * crossTabCellPlace({ cellLabels: [undefined], cellPlaces: [{ row: 2, column: 1 }] }, 1) // "cell (row 2, column 1)"
 */
export function crossTabCellPlace(t: Pick<TextTable, "cellLabels" | "cellPlaces">, r: number): string | undefined {
  const label = t.cellLabels?.[r - 1];
  if (label !== undefined) return `cell "${label}"`;
  const place = t.cellPlaces?.[r - 1];
  return place === undefined ? undefined : `cell (row ${place.row}, column ${place.column})`;
}

/** A cross-tab as its reader found it: the row variables' names, the column variable's, and each row's labels and cells. */
export interface CrossTabCells {
  /** The row variables' names ("" where the print has none). */
  rowNames: readonly string[];
  /** The column variable's name ("" where the print has none). */
  columnName: string;
  /** The column categories, one per cell of a row. */
  columns: readonly string[];
  rows: readonly { labels: readonly string[]; cells: readonly string[] }[];
  /** Where each row's line starts in the text (printed forms: a finding gives the row's line). */
  rowStarts?: readonly number[];
}

/** pandas' mark of the columns it leaves out of a frame wider than `display.max_columns` (20). */
const ELLIPSIS = "...";

/**
 * A cross-tab without the "..." column pandas prints in place of the columns it leaves out of a wide frame: a review's
 * crosstab of LAs by 25 ethnicities passed York's 3s either side of it with 0 findings (round 25, S1-2). The columns
 * shown are checked.
 */
function withoutEllipsisColumns(x: CrossTabCells): CrossTabCells {
  const keep = x.columns.map((c, k) => !(c === ELLIPSIS && x.rows.every((r) => r.cells[k] === ELLIPSIS)));
  if (keep.every(Boolean)) return x;
  return { ...x, columns: x.columns.filter((_, k) => keep[k]), rows: x.rows.map((r) => ({ labels: r.labels, cells: r.cells.filter((_, k) => keep[k]) })) };
}

/**
 * A cross-tab as a long table of counts (see the file's comment), or undefined when its cells are not all whole numbers
 * (missing and withheld ones apart: {@link isWithheldCell}, left out) or it is grouped only by groupings of LAs.
 * @example
 * crossTabTable({ rowNames: ["la"], columnName: "placement", columns: ["Foster"], rows: [{ labels: ["Rutland"], cells: ["3"] }] })?.rows
 * // [["Rutland", "Foster", "3"]]
 */
export function crossTabTable(x: CrossTabCells, index = 0): TextTable | undefined {
  const { rowNames, columnName, columns, rows, rowStarts } = withoutEllipsisColumns(x);
  if (rows.length === 0 || columns.length === 0) return undefined;
  const named = rowNames.filter((n) => n !== "");
  if (named.length > 0 && named.length === rowNames.length && rowNames.every((n) => LA_GROUPING_RE.test(n))) return undefined;
  let whole = 0;
  for (const { cells } of rows) {
    if (cells.length !== columns.length) return undefined;
    for (const v of cells) {
      if (WHOLE_NUMBER_TEXT_RE.test(v)) whole++;
      else if (!MISSING_CELL_RE.test(v.trim()) && !isWithheldCell(v)) return undefined;
    }
  }
  if (whole === 0) return undefined;
  const header = [...rowNames.map((n, k) => n || (rowNames.length === 1 ? "row" : `row ${k + 1}`)), columnName || "column", CROSS_TAB_COUNT];
  const out: string[][] = [];
  const cellLabels: (string | undefined)[] = [];
  const show = labelShower([...rowNames, columnName]);
  const cellPlaces: { row: number; column: number }[] = [];
  const firstCells: number[] = [];
  rows.forEach(({ labels, cells }, r) => {
    firstCells.push(out.length);
    cells.forEach((v, k) => {
      if (!WHOLE_NUMBER_TEXT_RE.test(v)) return; // missing or withheld
      out.push([...labels, columns[k], v.trim()]);
      cellLabels.push(show([...labels, columns[k]]));
      cellPlaces.push({ row: r + 1, column: k + 1 });
    });
  });
  // places are kept only where a label is not shown: a text of 300,000 small cross-tabs held 80 MB more of them
  // each printed row's cells: as many as the columns (the common case, no array kept), else where each row's first is
  const uniform = out.length === rows.length * columns.length;
  return { index, header, rows: out, cellLabels, cellPlaces: cellLabels.includes(undefined) ? cellPlaces : undefined, rowStarts, cellsPerRow: uniform ? columns.length : undefined, firstCells: uniform ? undefined : firstCells };
}
