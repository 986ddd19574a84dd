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

/** A label shown in a finding's location: words (an LA, a category), no digits, so never an id or a date. */
const SHOWN_LABEL_RE = /^\p{L}[\p{L} .,'&()/-]{0,59}$/u;

/** A cross-tab as its reader found it: the row variables' names, the column variable's, and each row's labels and cells. */
export interface CrossTabCells {
  /** The row variables' names ("" where the print has none). */
  rowNames: readonly string[];
  /** The column variable's name ("" where the print has none). */
  columnName: string;
  /** The column categories, one per cell of a row. */
  columns: readonly string[];
  rows: readonly { labels: readonly string[]; cells: readonly string[] }[];
}

/**
 * A cell's labels as a finding's location shows them ("Rutland, Foster"): only words, and no variable named as a record
 * identifier; undefined otherwise (the location then gives the row's number).
 * @example
 * shownLabels(["la", "pl"], ["Rutland", "Foster"]) // "Rutland, Foster"; shownLabels(["child_id", "pl"], ["Amy", "Foster"]) // undefined
 */
export function shownLabels(names: readonly string[], labels: readonly string[]): string | undefined {
  if (names.some((n) => isIdentifierName(n)) || !labels.every((l) => SHOWN_LABEL_RE.test(l))) return undefined;
  return labels.join(", ");
}

/**
 * A cross-tab as a long table of counts (see the file's comment), or undefined when its cells are not all whole numbers
 * (missing ones apart) or it is grouped only by groupings of LAs.
 * @example
 * crossTabTable({ rowNames: ["la"], columnName: "placement", columns: ["Foster"], rows: [{ labels: ["Rutland"], cells: ["3"] }] })?.rows
 * // [["Rutland", "Foster", "3"]]
 */
export function crossTabTable(x: CrossTabCells, index = 0): TextTable | undefined {
  const { rowNames, columnName, columns, rows } = x;
  if (rows.length === 0 || columns.length === 0) return undefined;
  const named = rowNames.filter((n) => n !== "");
  if (named.length > 0 && named.length === rowNames.length && rowNames.every((n) => LA_GROUPING_RE.test(n))) return undefined;
  let whole = 0;
  for (const { cells } of rows) {
    if (cells.length !== columns.length) return undefined;
    for (const v of cells) {
      if (WHOLE_NUMBER_TEXT_RE.test(v)) whole++;
      else if (!MISSING_CELL_RE.test(v.trim())) return undefined;
    }
  }
  if (whole === 0) return undefined;
  const header = [...rowNames.map((n, k) => n || (rowNames.length === 1 ? "row" : `row ${k + 1}`)), columnName || "column", CROSS_TAB_COUNT];
  const out: string[][] = [];
  const cellLabels: (string | undefined)[] = [];
  for (const { labels, cells } of rows) {
    cells.forEach((v, k) => {
      if (MISSING_CELL_RE.test(v.trim())) return;
      out.push([...labels, columns[k], v.trim()]);
      cellLabels.push(shownLabels([...rowNames, columnName], [...labels, columns[k]]));
    });
  }
  return { index, header, rows: out, cellLabels };
}
