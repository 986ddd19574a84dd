/**
 * Tables printed by data-frame libraries whose columns are found by position, for the disclosure scanner's table rules
 * (./text-tables.ts reads the other printed forms). Round 21's second review found each passed with 0 findings:
 * - a pandas frame with a named index or a MultiIndex: a header line of column names, then a line of index names
 *   that ends before the first column name starts; values are right-aligned under their column's name, index levels
 *   left-aligned under theirs (a MultiIndex's repeated level left blank: the level above is carried down);
 * - an R tibble: `# A tibble: 3 × 2`, its names, then a line of types (`<chr> <dbl>`); each row numbered. A column of
 *   text (`<chr>`, `<fct>`) is left-aligned at its type, any other right-aligned at its type's end;
 * - a table ruled by runs of dashes or equals signs under its header (`tabulate`'s default "simple" and its "rst"
 *   formats, R's `knitr::kable` "simple"): each run is a column's extent;
 * - tab-separated lines (a .tsv pasted into a .txt, a notebook printing `df.to_csv(sep="\t")`);
 * - a pandas Series (`df.groupby("la_name")["children"].sum()`, `value_counts()`, `groupby().size()`) and R's print of a
 *   named vector or `table()` (./printed-series.ts; round 22 left a Series read as nothing: a Series of 3 children
 *   passed with 0 findings), and R's two-way `table(la, placement)` (./r-two-way-tables.ts).
 * Each table is returned with the lines it used, so that no other reading of the text takes them again.
 */
import { pandasSeries, rNamedVector } from "./printed-series";
import { rTwoWayTable } from "./r-two-way-tables";
import { printedCrossTab } from "./printed-cross-tabs";
import { LA_GROUPING_RE } from "./cross-tabs";
import { MAX_PRINTED_COLUMNS, PRINTED_NUMBER_RE, type TextLine, type TextTable, type UsedLines } from "./text-lines";

export { LineMarks, type TextLine, type TextTable, type UsedLines } from "./text-lines";


/** Runs of non-space characters (`\S+`), or runs holding no two spaces together (pandas' column names). */
const TOKEN_RE = /\S+/g;
const NAME_RE = /\S(?:\s?\S)*/g;

/** Where each run starts and ends: "  a  b c" by NAME_RE → [{ start: 2, end: 3 }, { start: 5, end: 8 }]. */
function runs(line: string, run: RegExp): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  for (const m of line.matchAll(run)) out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0] });
  return out;
}

/** The last non-space run before `end` (a right-aligned cell; R pads "9" to "9  " under 12.5) and where it starts. */
function cellEndingAt(line: string, end: number): { text: string; start: number } {
  // by hand, not /(\S+) *$/: that regex tries every start in a long run of non-space (quadratic on a hostile line)
  let stop = Math.min(end, line.length);
  while (stop > 0 && line[stop - 1] === " ") stop--;
  let start = stop;
  while (start > 0 && !/\s/.test(line[start - 1])) start--;
  return start === stop ? { text: "", start: end } : { text: line.slice(start, stop), start };
}

/**
 * A cell of R's `summary()` of a data frame (`Max.   :90.00`, `Length:3`, `NA's   :2`): its lines are no frame's header.
 * A review's `table()` printed right after a summary's last line was taken as rows of a frame headed by it (round 23, L4).
 */
const R_SUMMARY_CELL_RE = /(?:^|\s)(?:Min\.|1st Qu\.|Median|Mean|3rd Qu\.|Max\.|Length|Class|Mode|NA's) *:/;

/** The columns of pandas' `describe()`: count, mean, std, min, percentiles, max (count, unique, top, freq of text). */
const DESCRIBE_COLUMN_RE = /^(?:count|mean|std|min|max|unique|top|freq|\d{1,2}(?:\.\d+)?%)$/;
/**
 * What a grouped `describe()`'s `count` counts: the rows of each group. Grouped by an LA (`cla.groupby("la_name")["age"]
 * .describe()`), it is the LA's children in a table of children: a review's 3.0 passed (round 23, L9), and it cannot be
 * told from the years of a panel grouped so; grouped by anything but a grouping of LAs ({@link LA_GROUPING_RE}) it is
 * read as a count too ("count of rows per la_name"). Grouped by regions, grades or years it counts LAs and is renamed
 * so that it is not read as a count.
 */
function describeCountName(levels: readonly string[]): string {
  return levels.every((l) => LA_GROUPING_RE.test(l)) ? "rows described" : `count of rows per ${levels.join(" and ")}`;
}

/** A pandas frame with a named index or MultiIndex at line i (header), or undefined. */
function pandasIndexedFrame(lines: TextLine[], i: number): { table: TextTable; end: number } | undefined {
  // the header is indented by the index's width; the index names start the next line
  if (i + 2 >= lines.length || !/^ +\S/.test(lines[i].line) || !/^\S/.test(lines[i + 1].line) || R_SUMMARY_CELL_RE.test(lines[i].line)) return undefined;
  const columns = runs(lines[i].line, NAME_RE);
  const levels = runs(lines[i + 1].line, TOKEN_RE);
  if (columns.length === 0 || columns.length > MAX_PRINTED_COLUMNS || levels.length === 0 || levels.length > 8) return undefined;
  // the index names end before the first column name starts: the shape of pandas' output, not of prose
  // a describe()'s percentiles (25%) are its columns' names, not numbers
  const describe = columns.length >= 3 && columns[0].text === "count" && columns.every((c) => DESCRIBE_COLUMN_RE.test(c.text));
  if (levels[levels.length - 1].end >= columns[0].start || (!describe && columns.some((c) => PRINTED_NUMBER_RE.test(c.text))) || levels.some((l) => PRINTED_NUMBER_RE.test(l.text))) return undefined;
  const rows: string[][] = [];
  const rowStarts: number[] = [];
  const carried = levels.map(() => "");
  let j = i + 2;
  for (; j < lines.length; j++) {
    const line = lines[j].line;
    const lastEnd = columns[columns.length - 1].end;
    if (line.trim() === "" || line.slice(lastEnd).trim() !== "") break;
    if (rNamedVector(lines, j)) break; // an R vector's names over its values, printed after the frame, is no row of it
    const values = columns.map((c) => cellEndingAt(line, c.end).text);
    if (values.some((v) => v === "")) break;
    const indexText = line.slice(0, cellEndingAt(line, columns[0].end).start);
    levels.forEach((l, k) => {
      const part = indexText.slice(l.start, k + 1 < levels.length ? levels[k + 1].start : undefined).trim();
      if (part === "") return; // a MultiIndex's repeated level: the one above, carried down
      carried[k] = part;
      carried.fill("", k + 1); // a new level starts the levels under it afresh
    });
    rows.push([...carried, ...values]);
    rowStarts.push(lines[j].index);
  }
  if (rows.length === 0) return undefined;
  const names = columns.map((c, k) => (describe && k === 0 ? describeCountName(levels.map((l) => l.text)) : c.text));
  const table: TextTable = { index: lines[i].index, header: [...levels.map((l) => l.text), ...names], rows, rowStarts };
  return { table: describe ? { ...table, statistics: true } : table, end: j };
}

/** An R tibble at line i (`# A tibble: …`), or undefined. */
function tibble(lines: TextLine[], i: number): { table: TextTable; end: number } | undefined {
  if (!/^#\s*A tibble:/.test(lines[i].line.trim()) || i + 3 >= lines.length) return undefined;
  const names = runs(lines[i + 1].line, TOKEN_RE);
  const types = runs(lines[i + 2].line, TOKEN_RE);
  if (types.length !== names.length || types.length > MAX_PRINTED_COLUMNS || !types.every((t) => /^<[^<>\s]+>$/.test(t.text))) return undefined;
  const left = types.map((t) => /^<(chr|fct|ord|glue|list)>$/.test(t.text));
  const rows: string[][] = [];
  const rowStarts: number[] = [];
  let j = i + 3;
  for (; j < lines.length && /^\s*\d+\s/.test(lines[j].line); j++) {
    const line = lines[j].line;
    const cells: { text: string; start: number }[] = types.map((t, k) => (left[k] ? { text: "", start: t.start } : cellEndingAt(line, t.end)));
    // a left-aligned cell runs from its type's start to the next cell's start
    types.forEach((t, k) => {
      if (left[k]) cells[k].text = line.slice(t.start, k + 1 < types.length ? cells[k + 1].start : undefined).trim();
    });
    rows.push(cells.map((c) => c.text));
    rowStarts.push(lines[j].index);
  }
  if (rows.length === 0) return undefined;
  return { table: { index: lines[i + 1].index, header: names.map((n) => n.text.replace(/^`(.*)`$/, "$1")), rows, rowStarts }, end: j };
}

const RULE_RE = /^\s*[-=]{2,}(\s+[-=]{2,})+\s*$/;

/** A table ruled by runs of - or = under its header line at i, or undefined. */
function ruledTable(lines: TextLine[], i: number): { table: TextTable; end: number } | undefined {
  const isRule = (k: number) => k < lines.length && RULE_RE.test(lines[k].line);
  if (i + 2 >= lines.length || lines[i].line.trim() === "" || isRule(i) || !isRule(i + 1)) return undefined;
  const spans = runs(lines[i + 1].line, TOKEN_RE);
  if (spans.length > MAX_PRINTED_COLUMNS) return undefined;
  // a cell lies between its neighbours' rules
  const cellsOf = (line: string) => spans.map((_, k) => line.slice(k === 0 ? 0 : spans[k - 1].end, k + 1 < spans.length ? spans[k + 1].start : undefined).trim());
  const rows: string[][] = [];
  const rowStarts: number[] = [];
  let j = i + 2;
  for (; j < lines.length && lines[j].line.trim() !== "" && !isRule(j); j++) {
    rows.push(cellsOf(lines[j].line));
    rowStarts.push(lines[j].index);
  }
  if (isRule(j)) j++; // rst's bottom rule
  return rows.length === 0 ? undefined : { table: { index: lines[i].index, header: cellsOf(lines[i].line), rows, rowStarts }, end: j };
}

/** Tab-separated lines at i: two or more lines of the same number (2+) of cells, or undefined. */
function tabTable(lines: TextLine[], i: number): { table: TextTable; end: number } | undefined {
  const cellsOf = (line: string) => line.split("\t").map((c) => c.trim());
  const header = cellsOf(lines[i].line);
  if (header.length < 2 || header.length > MAX_PRINTED_COLUMNS) return undefined;
  const rows: string[][] = [];
  const rowStarts: number[] = [];
  let j = i + 1;
  for (; j < lines.length && lines[j].line.includes("\t"); j++) {
    const cells = cellsOf(lines[j].line);
    if (cells.length !== header.length) break;
    rows.push(cells);
    rowStarts.push(lines[j].index);
  }
  return rows.length === 0 ? undefined : { table: { index: lines[i].index, header, rows, rowStarts }, end: j };
}

/**
 * The tables of these forms in a text's lines (see the file's comment), adding the lines they use to `used`.
 * @example
 * framesByPosition(["# A tibble: 1 × 2", "  la_name  children", "  <chr>       <int>", "1 Leeds           3"].map((line, index) => ({ line, index })), new Set())[0].rows // [["Leeds", "3"]]
 */
export function framesByPosition(lines: TextLine[], used: UsedLines): TextTable[] {
  const tables: TextTable[] = [];
  const series = lines.some((l) => l.line.includes("dtype:")) ? pandasSeries(lines, used) : new Map<number, { table: TextTable; end: number }>();
  for (let i = 0; i < lines.length; i++) {
    if (used.has(i)) continue;
    const found = series.get(i) ?? tibble(lines, i) ?? ruledTable(lines, i) ?? (lines[i].line.includes("\t") ? tabTable(lines, i) : undefined) ?? rTwoWayTable(lines, i) ?? printedCrossTab(lines, i) ?? rNamedVector(lines, i) ?? pandasIndexedFrame(lines, i);
    if (!found) continue;
    tables.push(found.table);
    for (let k = i; k < found.end; k++) used.add(k);
    i = found.end - 1;
  }
  return tables;
}
