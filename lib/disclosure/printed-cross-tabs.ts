/**
 * Cross-tabs printed as text with their row variables down the left and one column variable across, for the disclosure
 * scanner's table rules (./printed-frames.ts calls it; each cell is read as ./cross-tabs.ts says). Two prints share the
 * layout, and a review passed a 3 in each with 0 findings (round 24, S2-3):
 *
 * ```
 *                   sex  F  M        placement  Foster  Kinship  All
 * la       pl                        la
 * Bradford Foster        63 64       Bradford      118       44  174
 *          Kinship       21 14       Rutland         2        4    6
 * ```
 *
 * R's `ftable(table(la, pl, sex))` (left) and pandas' `pd.crosstab(df.la, df.placement, margins=True)` (right; a
 * `pivot_table` or `unstack()` with a named columns axis prints so too): a line of the column variable's name (R
 * right-aligns it, pandas starts it at the left; none when the table has no names) and the column categories, each
 * ending where its counts end; a line of the row variables' names, each starting where its labels start (or spaces
 * alone); then a row per category, an outer label left blank where it repeats (carried down), its cells whole numbers
 * (3, or 3.0 and NaN in a `pivot_table` of counts) right-aligned under their category. A frame printed with a named
 * index but no columns' name (`df.set_index("la")`) is no cross-tab: the names are on both lines or on neither, and a
 * table with no names at all is read only when it has two row variables or more, as an `ftable` of an unnamed `table()` has.
 */
import { crossTabTable, isWithheldCell } from "./cross-tabs";
import { isEllipsisRow, MAX_PRINTED_COLUMNS, type TextLine, type TextTable } from "./text-lines";

/** Longest line read (R wraps at its `width`, 80 by default; pandas' `to_string` does not wrap). */
const MAX_LINE = 2048;
/** A cell: a whole number (3, 3.0) or a missing value; or a withheld one (`c`, `<5`, `*`: isWithheldCell). */
const CELL_RE = /^(?:\d+(?:\.0+)?|NaN|<NA>|NA)$/;
const isCell = (text: string) => CELL_RE.test(text) || (text.length <= MAX_WITHHELD_LENGTH && isWithheldCell(text)) || text === ELLIPSIS;
/** The longest withheld cell ("[low]"): a longer token is not tried as one (most lines tried end in a longer word). */
const MAX_WITHHELD_LENGTH = 5;
/** pandas' mark of the columns it leaves out of a frame wider than `display.max_columns` (20), in the header and every row. */
const ELLIPSIS = "...";
/** The ` \\` that ends each line but the last block's of a frame wider than the display, wrapped into blocks of columns. */
const WRAPPED_RE = / +\\$/;
/** A number with decimals: a frame's value, never a category's label. */
const DECIMAL_RE = /^-?\d*\.\d+$/;
/** Row variables read at most. */
const MAX_LEVELS = 8;

/** The token of non-space characters ending at `end` and where it starts, or undefined when a space ends there. */
function tokenEndingAt(line: string, end: number): { text: string; start: number } | undefined {
  if (end > line.length || end < 1 || line[end - 1] === " " || (end < line.length && line[end] !== " ")) return undefined;
  let start = end;
  while (start > 0 && line[start - 1] !== " ") start--;
  return { text: line.slice(start, end), start };
}

/** Where each cell of a row ends: the cells at the end of the line (a label ending in a number, "Under 1", is not one). */
function cellEnds(line: string): number[] {
  const ends: number[] = [];
  let stop = line.trimEnd().length;
  while (stop > 0 && ends.length <= MAX_PRINTED_COLUMNS) {
    const token = tokenEndingAt(line, stop);
    if (!token || !isCell(token.text)) break;
    ends.unshift(stop);
    stop = token.start;
    while (stop > 0 && line[stop - 1] === " ") stop--;
  }
  return ends;
}

/** The names' line with the "..." under a column of pandas' "..." (the columns left out of a wide frame) blanked. */
function withoutEllipses(line: string, ends: readonly number[], columns: readonly string[]): string {
  let out = line;
  ends.forEach((e, k) => {
    if (columns[k] === ELLIPSIS && tokenEndingAt(out, e)?.text === ELLIPSIS) out = `${out.slice(0, e - ELLIPSIS.length)}${" ".repeat(ELLIPSIS.length)}${out.slice(e)}`;
  });
  return out;
}

/** A row's label area and cells under the header's ends, or undefined when the line is not such a row. */
function rowAt(line: string, ends: readonly number[]): { area: string; cells: string[] } | undefined {
  if (line.length > MAX_LINE || line.slice(ends[ends.length - 1]).trim() !== "") return undefined;
  const cells: string[] = [];
  let first = ends[0];
  for (const e of ends) {
    const token = tokenEndingAt(line, e);
    if (!token || !isCell(token.text)) return undefined;
    if (cells.length === 0) first = token.start;
    else if (line.slice(ends[cells.length - 1], token.start).trim() !== "") return undefined;
    cells.push(token.text);
  }
  const area = line.slice(0, first).trimEnd();
  return area.trim() === "" ? undefined : { area, cells };
}

/** The column variable's name and categories from the header line, or undefined when they do not end where the cells end. */
function headerAt(line: string, ends: readonly number[]): { name: string; columns: string[] } | undefined {
  if (line.length > MAX_LINE || line.slice(ends[ends.length - 1]).trim() !== "") return undefined;
  const first = tokenEndingAt(line, ends[0]);
  if (!first || ends.some((e) => !tokenEndingAt(line, e))) return undefined;
  // a category may hold a space ("Requires improvement"): it runs back to the end of the one before (the first cannot)
  const columns = ends.map((e, k) => (k === 0 ? first.text : line.slice(ends[k - 1], e).trim()));
  // the column variable's name is one name (a frame's header of several columns, a describe()'s, is no cross-tab's)
  const name = line.slice(0, first.start).trim();
  return /\s{2}|^-?\d/.test(name) ? undefined : { name, columns };
}

/**
 * Where each row variable's labels start: from their names' line, else from where the rows' labels start. A name may
 * hold a space (`pd.crosstab(df["placement type"], …)`, R's `ftable(table(df[c("la", "placement type", "sex")]))`): a word
 * of the names' line starts a variable only where a label of the first row (every level given) starts too, else it
 * goes on the name before it. A review's "placement type" had been read as two variables and the cross-tab not at all.
 */
function levelStarts(namesLine: string, areas: readonly string[]): { starts: number[]; names: string[] } | undefined {
  const words = [...namesLine.matchAll(/\S+/g)];
  if (words.length > 0) {
    if (words[0].index !== 0) return undefined;
    const first = areas[0];
    const names: { start: number; end: number }[] = [];
    for (const w of words) {
      const at = w.index!;
      const labelStarts = at === 0 || (at < first.length && first[at] !== " " && first[at - 1] === " ");
      if (names.length === 0 || labelStarts) names.push({ start: at, end: at + w[0].length });
      else names[names.length - 1].end = at + w[0].length;
    }
    return names.length <= MAX_LEVELS ? { starts: names.map((n) => n.start), names: names.map((n) => namesLine.slice(n.start, n.end)) } : undefined;
  }
  const starts = [...new Set(areas.map((a) => a.length - a.trimStart().length))].sort((a, b) => a - b);
  return starts[0] === 0 && starts.length <= MAX_LEVELS ? { starts, names: starts.map(() => "") } : undefined;
}

/** Each row's labels, outer ones carried down where left blank; undefined when a label does not start at its level. */
function rowLabels(areas: readonly string[], starts: readonly number[]): string[][] | undefined {
  const carried = starts.map(() => "");
  const out: string[][] = [];
  for (const area of areas) {
    const parts = starts.map((s, k) => area.slice(s, k + 1 < starts.length ? starts[k + 1] : undefined).trim());
    if (starts.some((s, k) => k > 0 && s <= area.length && area[s - 1] !== " ")) return undefined;
    if (parts[parts.length - 1] === "" || parts.some((p) => DECIMAL_RE.test(p))) return undefined; // a label is no measurement
    parts.forEach((p, k) => {
      if (p === "") return;
      carried[k] = p;
      carried.fill("", k + 1);
    });
    if (carried.some((c) => c === "")) return undefined; // a row whose outer label was never given
    out.push(carried.slice());
  }
  return out;
}

/**
 * A cross-tab printed at line i (its column variable's line), or undefined (see the file's comment).
 * @example
 * printedCrossTab(["placement  Foster  Kinship", "la                        ", "Rutland         3        4"].map((line, index) => ({ line, index })), 0)?.table.rows
 * // [["Rutland", "Foster", "3"], ["Rutland", "Kinship", "4"]]
 */
export function printedCrossTab(lines: TextLine[], i: number): { table: TextTable; end: number } | undefined {
  if (i + 2 >= lines.length || lines[i].line.length > MAX_LINE || lines[i + 1].line.length > MAX_LINE) return undefined;
  const ends = cellEnds(lines[i + 2].line);
  if (ends.length === 0 || ends.length > MAX_PRINTED_COLUMNS) return undefined;
  // a block of a frame wrapped at the display's width (display.max_columns = None) ends its header with " \\"
  const header = headerAt(lines[i].line.replace(WRAPPED_RE, ""), ends);
  // the names' line holds nothing under the cells (checked before the rows are read: most lines fail here), but the
  // "..." of the columns pandas left out
  const namesLine = header ? withoutEllipses(lines[i + 1].line, ends, header.columns).trimEnd() : "";
  if (!header || namesLine.length >= ends[0] - 1 || /\d\s*$/.test(namesLine)) return undefined;
  const areas: string[] = [];
  const cells: string[][] = [];
  const starts: number[] = [];
  let j = i + 2;
  let truncated = false;
  for (; j < lines.length; j++) {
    if (!truncated && areas.length > 0 && isEllipsisRow(lines[j].line)) {
      truncated = true; // pandas' `...` row of a frame of more than display.max_rows: the rows after it are read too
      continue;
    }
    const row = rowAt(lines[j].line, ends);
    if (!row) break;
    areas.push(row.area);
    cells.push(row.cells);
    starts.push(lines[j].index);
  }
  if (areas.length === 0) return undefined;
  const levels = levelStarts(namesLine, areas);
  // names on both lines or on neither (R's ftable of an unnamed table(), of two row variables or more): "Step 1", a blank
  // line and "Run 1", "Run 2" under it is prose
  if (!levels || (header.name === "") !== (namesLine === "") || (header.name === "" && levels.starts.length < 2)) return undefined;
  const labels = rowLabels(areas, levels.starts);
  if (!labels) return undefined;
  const outer = i > 0 && header.name !== "" ? outerColumns(lines[i - 1].line, ends) : undefined;
  const columnName = outer ? `${outer.name}, ${header.name}` : header.name;
  const columns = outer ? header.columns.map((c, k) => `${outer.labels[k]}, ${c}`) : header.columns;
  const table = crossTabTable({ rowNames: levels.names, columnName, columns, rows: labels.map((l, r) => ({ labels: l, cells: cells[r] })), rowStarts: starts }, lines[outer ? i - 1 : i].index);
  return table ? { table, end: j } : undefined;
}

/**
 * A second column variable on the line above (R's `ftable(…, col.vars = 2:3)`, pandas' crosstab of two column variables):
 * its name, then each category left-aligned over its columns, starting after the column before them ends (`pl  Foster
 * Kinship` over `sex      F  M       F  M`); each column's category, or undefined for a line not laid out so (a category
 * of two words is not told from two categories: the columns are then named by the inner variable alone).
 */
function outerColumns(line: string, ends: readonly number[]): { name: string; labels: string[] } | undefined {
  if (line.length > MAX_LINE || line.trim() === "") return undefined;
  const tokens = [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
  if (tokens.length < 2 || tokens[tokens.length - 1].end > ends[ends.length - 1]) return undefined;
  const labels: string[] = [];
  let at = 1;
  for (let k = 0; k < ends.length; k++) {
    const lower = k === 0 ? tokens[0].end + 1 : ends[k - 1] + 1;
    if (at < tokens.length && tokens[at].start >= lower && tokens[at].start < ends[k]) labels.push(tokens[at++].text);
    else if (k === 0) return undefined;
    else labels.push(labels[k - 1]);
  }
  // numbers right-aligned at the columns' ends are a row (of a table printed just above), not categories
  if (tokens.slice(1).every((t) => ends.includes(t.end) && /^\d/.test(t.text))) return undefined;
  return at === tokens.length ? { name: tokens[0].text, labels } : undefined;
}
