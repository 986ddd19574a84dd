/**
 * HTML tables as the disclosure scanner reads them (./scan.ts): rows of cell text, with a pandas frame's `to_html()`
 * read as pandas wrote it. pandas writes a frame with a named index in two header rows,
 *
 * ```
 * <tr><th>placement</th><th>Foster</th><th>Kinship</th></tr>     the columns' name (if any), the columns
 * <tr><th>la</th><th></th><th></th></tr>                         the index's names, then empty cells
 * <tr><th>Rutland</th><td>2</td><td>4</td></tr>                  the index's labels (th), the values (td)
 * ```
 *
 * an outer level of a MultiIndex spanning its rows (`<th rowspan="2">`). Read as its first row for a header, the index
 * had no name: a frame indexed by `child_id` gave no record-identifier finding (round 24, S3-5), and a `pd.crosstab`
 * (its columns the categories, named `placement`) no small count (S2-3). Here the header is the index's names and the
 * columns', spanned cells are carried into the rows they span, and a frame with a named columns axis is read as a
 * cross-tab (./cross-tabs.ts).
 */
import { crossTabTable } from "./cross-tabs";
import { stripTags } from "./html-text";
import type { TextTable } from "./text-lines";

/** A cell of an HTML table: its text, whether it is a header cell, and the rows and columns it spans. */
interface HtmlCell {
  text: string;
  th: boolean;
  rowspan: number;
  colspan: number;
}

const ROWSPAN_RE = /\browspan\s*=\s*["']?(\d+)/i;
const COLSPAN_RE = /\bcolspan\s*=\s*["']?(\d+)/i;
/** Index levels read at most (as ./printed-cross-tabs.ts). */
const MAX_LEVELS = 8;
/** Rows a cell may span: more is read as this many (a hostile `rowspan="1e9"` is no reason to build a billion rows). */
const MAX_ROWSPAN = 1000;

/** The rows of an HTML table's text (`<table>…</table>`), each a list of its cells. */
function htmlCells(table: string): HtmlCell[][] {
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/gi)].map((m) =>
    [...m[1].matchAll(/<(t[hd])([^>]*)>([\s\S]*?)<\/t[hd]>/gi)].map((x) => {
      const span = (re: RegExp) => (x[2] === "" ? 1 : Number(re.exec(x[2])?.[1] ?? 1));
      return { text: stripTags(x[3]), th: x[1].toLowerCase() === "th", rowspan: Math.min(Math.max(span(ROWSPAN_RE), 1), MAX_ROWSPAN), colspan: Math.max(span(COLSPAN_RE), 1) };
    }),
  );
}

/**
 * Body rows with each spanned index cell carried into the rows below it that it spans, as a browser lays them out: only
 * the index's `levels` columns (pandas spans nothing else), so a hostile table's spans cannot multiply its cells.
 */
function unspanned(rows: readonly HtmlCell[][], levels: number): string[][] {
  const pending: { text: string; left: number }[] = [];
  return rows.map((cells) => {
    const out: string[] = [];
    let next = 0;
    for (let col = 0; col < levels && (next < cells.length || (pending[col]?.left ?? 0) > 0); col++) {
      const carried = pending[col];
      if (carried && carried.left > 0) {
        out.push(carried.text);
        carried.left--;
        continue;
      }
      const cell = cells[next++];
      out.push(cell.text);
      pending[col] = { text: cell.text, left: cell.rowspan - 1 };
    }
    for (; next < cells.length; next++) out.push(cells[next].text);
    return out;
  });
}

/**
 * A cell of pandas' truncation row: Jupyter shows a frame of more than `display.max_rows` (60) rows with a row of `...`
 * in place of those left out. A review's cross-tab of 79 LAs was dropped whole for it (round 25, S1-1).
 */
const ELLIPSIS_CELL_RE = /^(?:\.{2,3}|\u2026)$/;

/** Rows of column categories read at most above the index's names (a MultiIndex of columns: placement, then sex). */
const MAX_COLUMN_LEVELS = 4;

/**
 * pandas' header rows (see the file's comment): the number of index levels, the index's names, the columns' name and
 * the columns (a MultiIndex of columns, its categories spanning theirs with `colspan`: names and categories joined,
 * "placement, sex" and "Foster, F"), and the row the body starts at; undefined for a table not laid out so.
 */
function pandasHeader(rows: readonly HtmlCell[][]): { levels: number; indexNames: string[]; columnsName: string; columns: string[]; body: number } | undefined {
  const namesAt = rows.findIndex((r, k) => k >= 1 && k <= MAX_COLUMN_LEVELS && r.length >= 2 && r[0].text !== "" && r.every((c) => c.th) && r[r.length - 1].text === "");
  if (namesAt < 1 || rows.length <= namesAt + 1) return undefined;
  const names = rows[namesAt];
  const width = names.length;
  const levels = names.findIndex((c) => c.text === "");
  if (levels < 1 || levels > MAX_LEVELS || names.slice(levels).some((c) => c.text !== "")) return undefined;
  const columnRows: string[][] = [];
  for (const row of rows.slice(0, namesAt)) {
    // spans are expanded only when they fill the index's names' row exactly, so a hostile colspan builds nothing
    if (!row.every((c) => c.th) || row.reduce((sum, c) => sum + c.colspan, 0) !== width) return undefined;
    const cells = row.flatMap((c) => Array.from({ length: c.colspan }, () => c.text));
    if (cells.slice(0, levels - 1).some((t) => t !== "")) return undefined;
    columnRows.push(cells);
  }
  const joined = (texts: string[]) => texts.filter((t) => t !== "").join(", ");
  return {
    levels,
    indexNames: names.slice(0, levels).map((c) => c.text),
    columnsName: joined(columnRows.map((r) => r[levels - 1])),
    columns: names.slice(levels).map((_, k) => joined(columnRows.map((r) => r[levels + k]))),
    body: namesAt + 1,
  };
}

/**
 * An HTML table as a header and rows of cell text for the table rules; a pandas frame with a named index headed by the
 * index's names, and one with a named columns axis too read as a cross-tab (`crossTab`, to be scanned in its place).
 * @example
 * htmlTable("<table><tr><th></th><th>n</th></tr><tr><th>child_id</th><th></th></tr><tr><th>C1</th><td>2</td></tr></table>")?.header
 * // ["child_id", "n"]
 */
export function htmlTable(table: string): { header: string[]; rows: string[][]; crossTab?: TextTable } | undefined {
  const cells = htmlCells(table);
  if (cells.length === 0) return undefined;
  const pandas = pandasHeader(cells);
  if (!pandas) {
    const [header, ...rows] = cells.map((r) => r.map((c) => c.text));
    return { header, rows };
  }
  const { levels, indexNames, columnsName, columns, body } = pandas;
  const rows = unspanned(cells.slice(body), levels);
  const header = [...indexNames, ...columns];
  // pandas' `...` row of a frame longer than display.max_rows (Jupyter's HTML) is left out, and the rows after it read
  const shown = rows.filter((r) => !r.every((t) => ELLIPSIS_CELL_RE.test(t)));
  const crossTab = columnsName === "" ? undefined : crossTabTable({ rowNames: indexNames, columnName: columnsName, columns, rows: shown.map((r) => ({ labels: r.slice(0, levels), cells: r.slice(levels) })) });
  return crossTab ? { header, rows, crossTab } : { header, rows };
}
