/**
 * Tables printed as text, for the disclosure scanner's table rules (./scan.ts): a table shown in a notebook's output is
 * as public as one saved as CSV. A review found a small count passed with 0 findings when printed by `console.table`
 * (the usual way to show a table in a tslab notebook), by a pandas frame's text/plain, or saved as .txt (round 21,
 * F15), while the same table as HTML or CSV was found. Read here:
 * - box-drawn tables (`console.table`: lines between `│`, rules of `─┼┬┴` skipped, its `(index)` column dropped) and Markdown pipe tables
 *   (`| a | b |`, the `|---|` line skipped), the first row the header, cells trimmed and unquoted ('E06000001');
 * - column-aligned text (a pandas frame): a header line of two or more names and at least one line under it with as
 *   many cells, or one more (the frame's index, dropped), one column being all numbers; cells split at two spaces or
 *   more first (pandas' gap, so "Barking and Dagenham" is one cell), else at any white space; pandas' `...` row of a
 *   frame longer than display.max_rows skipped, the rows after it read;
 * - `tabulate`'s grid format (`+----+` and `+====+` rules between `| a | b |` lines) as a box-drawn table;
 * - tables whose columns are found by position (./printed-frames.ts): a pandas frame with a named index or a
 *   MultiIndex, an R tibble, a table ruled by dashes under its header (tabulate's "simple"), tab-separated lines.
 */

import { framesByPosition, LineMarks, type TextTable, type UsedLines } from "./printed-frames";
import { minOf } from "../stats/extreme";
import { isEllipsisRow, MAX_PRINTED_COLUMNS, PRINTED_NUMBER_RE } from "./text-lines";

export type { TextTable } from "./printed-frames";

const BOX_RULE_RE = /^[\s┌├└╞╘╒─┬┼┴┐┤┘═╤╪╧╕╡╛|:+=-]+$/;

function boxCells(line: string): string[] {
  const inner = line.trim().replace(/^[│|]/, "").replace(/[│|]$/, "");
  return inner.split(/[│|]/).map((c) => c.trim().replace(/^'(.*)'$/, "$1").replace(/^"(.*)"$/, "$1"));
}

/** knitr's `comment` before each line of R output in R Markdown ("## "), or a line of it alone ("##"). */
const KNITR_COMMENT_RE = /^##(?: |$)/;

/**
 * Lines with where each starts in the text; knitr's `## ` taken off each line of a run of two or more lines that start
 * with it (R Markdown's output of a chunk), so that the tables printed in it are read as R printed them. A review found
 * R tables and data frames published by knitr read as nothing (round 23, L2); a lone Markdown heading keeps its `## `.
 */
function linesOf(text: string): { line: string; index: number }[] {
  const out: { line: string; index: number }[] = [];
  let index = 0;
  for (const line of text.split("\n")) {
    out.push({ line: line.replace(/\r$/, ""), index });
    index += line.length + 1;
  }
  for (let i = 0; i < out.length; i++) {
    let j = i;
    while (j < out.length && KNITR_COMMENT_RE.test(out[j].line)) j++;
    if (j - i >= 2) for (let k = i; k < j; k++) out[k].line = out[k].line.slice(3);
    i = j;
  }
  return out;
}

/** Box-drawn and pipe tables: runs of lines that begin and end with a vertical bar. */
function boxTables(lines: { line: string; index: number }[]): TextTable[] {
  const tables: TextTable[] = [];
  let current: (TextTable & { rowStarts: number[] }) | undefined;
  for (const { line, index } of lines) {
    const t = line.trim();
    const barred = /^[│|].*[│|]$/.test(t) && t.length > 1;
    if (barred && !BOX_RULE_RE.test(t)) {
      const cells = boxCells(t);
      if (!current) tables.push((current = { index, header: cells, rows: [], rowStarts: [] }));
      else {
        current.rows.push(cells);
        current.rowStarts.push(index);
      }
    } else if (!(t !== "" && BOX_RULE_RE.test(t) && current)) current = undefined; // a rule inside a table goes on
  }
  // console.table's first column is its row index, as a pandas frame's is
  const withoutIndex = tables.map((x) => (x.header[0] === "(index)" ? { ...x, header: x.header.slice(1), rows: x.rows.map((r) => r.slice(1)) } : x));
  return withoutIndex.filter((x) => x.rows.length > 0 && x.header.length >= 1 && x.header.length <= MAX_PRINTED_COLUMNS);
}

/**
 * Column-aligned tables: a header of names and rows of as many cells (or one more, an index), cells split by `split`,
 * lines already in a table (`used`) skipped.
 */
function alignedTables(lines: { line: string; index: number }[], split: RegExp, used: UsedLines): TextTable[] {
  const tables: TextTable[] = [];
  const cellsOf = (k: number) => lines[k].line.trim().split(split);
  for (let i = 0; i < lines.length - 1; i++) {
    if (used.has(i)) continue;
    const header = cellsOf(i);
    if (header.length < 2 || header.length > MAX_PRINTED_COLUMNS || header.some((h) => PRINTED_NUMBER_RE.test(h) || /[│|]/.test(h))) continue;
    const rows: string[][] = [];
    const rowStarts: number[] = [];
    let j = i + 1;
    let truncated = false; // pandas' `...` row, once, between rows (a frame of more than display.max_rows)
    for (; j < lines.length && !used.has(j); j++) {
      if (!truncated && rows.length > 0 && isEllipsisRow(lines[j].line)) {
        truncated = true;
        continue;
      }
      const cells = cellsOf(j);
      if (cells.length === header.length + 1) rows.push(cells.slice(1));
      else if (cells.length === header.length && lines[j].line.trim() !== "") rows.push(cells);
      else break;
      rowStarts.push(lines[j].index);
    }
    // per column, the last row that is not a number: a header below it for every column would be refused too
    const lastWord = header.map((_, k) => rows.reduce((last, r, n) => (PRINTED_NUMBER_RE.test(r[k]) ? last : i + 1 + n), -1));
    if (rows.length > 0 && lastWord.some((last) => last < 0)) {
      tables.push({ index: lines[i].index, header, rows, rowStarts });
      for (let k = i; k < j; k++) used.add(k);
      i = j - 1;
    } else if (rows.length > 0) {
      // so the next header tried is the first that can have a column of numbers under it: trying each line in turn
      // read the same rows again each time (a text of 20,000 lines "ab  cd" took 44 s CPU, more lines never ended)
      i = Math.max(i, minOf(lastWord) - 1);
    }
  }
  return tables;
}

/**
 * The tables printed in a text (see the file's comment).
 * @example
 * textTables("│ (index) │ la_code │ children │\n│ 0 │ 'E06000001' │ 3 │")[0].rows // [["E06000001", "3"]]
 */
export function textTables(text: string): TextTable[] {
  // every form has a header and a row: a text of one line (a table's cell, most often) holds none
  if (!text.includes("\n") || !/[│|\t]|\S\s{2,}\S|[-=]{2}/.test(text)) return [];
  const lines = linesOf(text);
  const boxed = boxTables(lines);
  if (boxed.length > 0) return boxed;
  // tables whose columns are found by position first: indexed pandas frames, tibbles, ruled and tab-separated tables
  const used = new LineMarks(lines.length);
  const byPosition = framesByPosition(lines, used);
  // pandas puts two spaces or more between columns, so a cell may hold one ("Barking and Dagenham", "No. of
  // children"): split so first (a second review's table had stopped at the first LA name with a space), then by any
  return [...byPosition, ...alignedTables(lines, /\s{2,}/, used), ...alignedTables(lines, /\s+/, used)].sort((a, b) => a.index - b.index);
}
