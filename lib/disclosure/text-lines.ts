/**
 * The lines of a text and the tables found in them, shared by the readers of printed tables (./text-tables.ts,
 * ./printed-frames.ts, ./printed-series.ts).
 */

/** A printed number cell: digits with thousands commas, decimals and a % sign allowed ("1,204", "-3.5", "25%"). */
export const PRINTED_NUMBER_RE = /^-?\d[\d,]*(\.\d+)?%?$/;

/** Columns of a printed table read at most: a line of more cells is no table the readers take. */
export const MAX_PRINTED_COLUMNS = 64;

/** One table found in a text, with where its first line starts (re-exported by ./printed-frames.ts and ./text-tables.ts). */
export interface TextTable {
  index: number;
  header: string[];
  rows: string[][];
  /**
   * True when its columns but the count are statistics of the rows counted (pandas' `describe()`: min, 25%, max), never
   * parts of a count however small: a describe() of ages had its whole-number quartiles taken for parts of its count.
   */
  statistics?: boolean;
  /**
   * Per row, the labels that say where its count is ("Rutland, Foster"), shown in a finding's location in place of the
   * row's number; undefined for a row whose labels may not be shown (./cross-tabs.ts: only words, never an id).
   */
  cellLabels?: readonly (string | undefined)[];
  /**
   * Per row of a cross-tab read as a long table, its cell's row among the printed rows and column among the count
   * columns (1-based): the location where its labels may not be shown.
   */
  cellPlaces?: readonly { row: number; column: number }[];
  /**
   * Per printed row, where its line starts in the text, so that a finding gives the row's line (a second read found
   * every printed-table finding at `line 1`, the table's first line, for a row 70 lines down: round 25); undefined
   * when the reader did not say (the table's first line is given).
   */
  rowStarts?: readonly number[];
  /** For a table whose rows are cells of its printed rows (a cross-tab read as a long table), how many each printed row gives, when all give as many. */
  cellsPerRow?: number;
  /** Else, for such a table, each printed row's first row, ascending. */
  firstCells?: readonly number[];
}

/**
 * Where the line of a table's row r (1-based, as the table rules number rows) starts in the text: its printed row's
 * ({@link TextTable.rowStarts}), else the table's first line.
 * @example
 * rowStart({ index: 0, header: ["la", "n"], rows: [["Leeds", "3"]], rowStarts: [9] }, 1) // 9
 */
export function rowStart(t: Pick<TextTable, "index" | "rowStarts" | "cellsPerRow" | "firstCells">, r: number): number {
  const starts = t.rowStarts;
  if (starts === undefined || r < 1) return t.index;
  if (t.cellsPerRow !== undefined) return starts[Math.floor((r - 1) / t.cellsPerRow)] ?? t.index;
  const first = t.firstCells;
  if (first === undefined) return starts[r - 1] ?? t.index;
  // the last printed row whose first cell is at or before row r (0-based r − 1), by bisection
  let lo = 0;
  let hi = first.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (first[mid] <= r - 1) lo = mid + 1;
    else hi = mid;
  }
  return starts[lo - 1] ?? t.index;
}

/** The lines of a text already in a table, by number (a Set, or {@link LineMarks}). */
export interface UsedLines {
  has(line: number): boolean;
  add(line: number): unknown;
}

/**
 * Marks of a text's lines already in a table, one byte a line: a Set of numbers held every line of a text of a million
 * small tables, and growing and collecting it cost a fifth of reading them (700,000 `<pre>` tables: 6.4 → 5.0 s CPU).
 */
export class LineMarks implements UsedLines {
  private readonly marks: Uint8Array;
  constructor(lineCount: number) {
    this.marks = new Uint8Array(lineCount);
  }
  has(line: number): boolean {
    return this.marks[line] === 1;
  }
  add(line: number): void {
    this.marks[line] = 1;
  }
}

/** A line of the text and where it starts. */
export interface TextLine {
  line: string;
  index: number;
}

/** Longest line taken for pandas' `...` row (as the longest line the printed readers take). */
const MAX_ELLIPSIS_LINE = 2048;
/** A token of pandas' truncation row: `...`, or `..` under a column of one or two characters. */
const ELLIPSIS_TOKEN_RE = /^(?:\.{2,3}|\u2026)$/;

/**
 * pandas' row in place of the rows it leaves out of a frame longer than `display.max_rows` (60: a cross-tab of every
 * LA), `...` under the index and each column. A review's `pd.crosstab(la, [placement, sex])` was read only down to it,
 * passing Wigan's 5 and York's 8 below it (round 25, S1-1); a frame's rows after it were not read at all. The readers
 * skip one such row in a table and read on.
 * @example
 * isEllipsisRow("...           ...      ...") // true; isEllipsisRow("Rutland  3  ...") // false
 */
export function isEllipsisRow(line: string): boolean {
  if (line.length > MAX_ELLIPSIS_LINE) return false;
  const tokens = line.trim().split(/\s+/);
  return tokens.length >= 2 && tokens.every((t) => ELLIPSIS_TOKEN_RE.test(t));
}
