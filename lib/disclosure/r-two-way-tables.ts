/**
 * R's print of a two-way `table()` (or `xtabs()`, `addmargins()`), for the disclosure scanner's table rules
 * (./printed-frames.ts calls it). A review published `table(la, placement)` with Hartlepool's 3 in foster care and it
 * passed with 0 findings (round 23, L3): cross-tabulations are the commonest R count table. R prints one as
 *
 * ```
 *             pl
 * la           Foster Residential
 *   Hartlepool      3           0
 *   Kent           77          13
 * ```
 *
 * a line of the column variable's name (`dnn`, or spaces alone when it has none), a line of the row variable's name
 * and the columns' categories, then a row per category indented by two spaces, its counts right-aligned under the end
 * of their column's name (a name may hold a space, "Requires improvement": where each column ends is read from the
 * rows). Each cell is read as a row of a table `[row variable, column variable, count]`, every cell a count (what
 * `table()` prints); a table wider than R's `width` is printed in blocks, each read as a table of its own.
 */
import { isWithheldCell, labelShower } from "./cross-tabs";
import { MAX_PRINTED_COLUMNS, type TextLine, type TextTable } from "./text-lines";

/** Longest line read (R wraps at its `width`, 80 by default). */
const MAX_LINE = 512;
/** The column variable's line: its name alone (words with single spaces: "placement type"), indented, or spaces alone. */
const COLUMN_DNN_RE = /^ +(\S+(?: \S+)*)? *$/;
/**
 * A row: a label indented by two spaces or more, then whole numbers (or withheld cells: `print(table(…), zero.print =
 * ".")`). R indents the labels further under a row variable's name longer than they are ("placement type" over
 * "   Foster"); every row of a table has the first row's indent.
 */
const ROW_RE = /^ {2,}\S.*\S *$/;
/** The indent of a row's label. */
const indentOf = (line: string) => line.length - line.trimStart().length;

/**
 * Where each cell at the end of a row ends, and where the first starts; undefined when none. A cell is a whole number,
 * or a withheld one read as missing (isWithheldCell: R's `zero.print = "."`, a `c` put in by hand), which a review's
 * table had dropped whole (round 25, S1-3).
 */
function trailingCounts(line: string): { ends: number[]; values: string[]; start: number } | undefined {
  const ends: number[] = [];
  const values: string[] = [];
  let stop = line.trimEnd().length;
  let start = stop;
  for (;;) {
    let k = stop;
    while (k > 0 && line[k - 1] !== " ") k--;
    const token = line.slice(k, stop);
    if (k === stop || !(/^\d+$/.test(token) || isWithheldCell(token))) break; // not a whole number standing alone ("2019-20", "x3")
    ends.unshift(stop);
    values.unshift(line.slice(k, stop));
    start = k;
    stop = k;
    while (stop > 0 && line[stop - 1] === " ") stop--;
    if (ends.length > MAX_PRINTED_COLUMNS) return undefined;
  }
  return ends.length === 0 ? undefined : { ends, values, start };
}

/** The line R prints above each slice of a table of three or more ways: `, , sex = F` (`, ,  = F` unnamed). */
const SLICE_RE = /^, , (.+)$/;

/**
 * The names and levels of the slice a two-way table at line i is one of, from R's `, , sex = F, age = 1` within the
 * two lines above it; none for a table that is not a slice.
 */
function sliceOf(lines: TextLine[], i: number): { names: string[]; levels: string[] } {
  for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
    const m = SLICE_RE.exec(lines[k].line.trimEnd());
    if (!m) continue;
    const pairs = m[1].split(", ").map((p) => /^(.*?) = (.*)$/.exec(p));
    if (pairs.some((p) => p === null)) return { names: [], levels: [] };
    return { names: pairs.map((p) => p![1].trim()), levels: pairs.map((p) => p![2].trim()) };
  }
  return { names: [], levels: [] };
}

/**
 * An R two-way table printed at line i (its column variable's line), or undefined (see the file's comment).
 * @example
 * rTwoWayTable(["            pl", "la           Foster Residential", "  Hartlepool      3           0"].map((line, index) => ({ line, index })), 0)?.table.rows
 * // [["Hartlepool", "Foster", "3"], ["Hartlepool", "Residential", "0"]]
 */
export function rTwoWayTable(lines: TextLine[], i: number): { table: TextTable; end: number } | undefined {
  if (i + 2 >= lines.length || lines[i].line.length > MAX_LINE || lines[i + 1].line.length > MAX_LINE) return undefined;
  const dnn = COLUMN_DNN_RE.exec(lines[i].line);
  if (!dnn || !ROW_RE.test(lines[i + 2].line)) return undefined;
  const header = lines[i + 1].line;
  const first = trailingCounts(lines[i + 2].line);
  if (!first) return undefined;
  const { ends } = first;
  // each column's name ends where its counts end
  if (ends.some((e) => e > header.length || header[e - 1] === " " || (e < header.length && header[e] !== " ")) || header.slice(ends[ends.length - 1]).trim() !== "") return undefined;
  const rows: { label: string; values: string[]; at: number }[] = [];
  let width = 0; // the labels' column: every column's name starts after it
  let j = i + 2;
  const indent = indentOf(lines[i + 2].line);
  for (; j < lines.length && lines[j].line.length <= MAX_LINE && ROW_RE.test(lines[j].line) && indentOf(lines[j].line) === indent; j++) {
    const row = trailingCounts(lines[j].line);
    if (!row || row.ends.length !== ends.length || row.ends.some((e, k) => e !== ends[k])) break;
    const label = lines[j].line.slice(0, row.start).trim();
    if (label === "") break;
    width = Math.max(width, lines[j].line.slice(0, row.start).trimEnd().length);
    rows.push({ label, values: row.values, at: lines[j].index });
  }
  const rowDnn = header.slice(0, width).trim();
  const names = ends.map((e, k) => header.slice(k === 0 ? width : ends[k - 1], e).trim());
  // the row variable's name is one name: words with single spaces ("placement type"), never two names or a sentence's gap
  if (rows.length === 0 || /\s{2}/.test(rowDnn) || names.some((n) => n === "")) return undefined;
  const columnDnn = dnn[1] ?? "";
  // withheld cells are missing: left out, as a cross-tab's are (./cross-tabs.ts)
  const kept = rows.flatMap(({ label, values }, r) => values.flatMap((v, k) => (/^\d+$/.test(v) ? [{ cell: [label, names[k], v], place: { row: r + 1, column: k + 1 } }] : [])));
  if (kept.length === 0) return undefined;
  // each printed row's line, and how many cells were kept before it (its first cell's, when it keeps any)
  const rowStarts = rows.map((r) => r.at);
  let n = 0;
  const uniform = kept.length === rows.length * ends.length;
  const firstCells = uniform ? undefined : rows.map((_, r) => {
    const first = n;
    while (n < kept.length && kept[n].place.row === r + 1) n++;
    return first;
  });
  const cells = kept.map((c) => c.cell);
  const cellPlaces = kept.map((c) => c.place);
  // a finding names its cell by its row's and column's categories ("Rutland, Foster"), and its slice's, where the rows
  // are LAs (shownLabels); else by its row and column
  const slice = sliceOf(lines, i);
  const show = labelShower([rowDnn, columnDnn, ...slice.names]);
  const cellLabels = cells.map(([label, name]) => show([label, name, ...slice.levels]));
  const table: TextTable = { index: lines[i].index, header: [rowDnn || "row", columnDnn || "column", "count"], rows: cells, cellLabels, cellPlaces: cellLabels.includes(undefined) ? cellPlaces : undefined, rowStarts, cellsPerRow: uniform ? ends.length : undefined, firstCells };
  return { table, end: j };
}
