/**
 * Tables as HTML: numbers formatted for reading (p-values and percentages by one rule, never wrapped),
 * missing values shown with their reason (never as 0 or blank), optional client-side sorting by clicking a
 * header (a few lines of inline script per table). Every table sits in a wrapper that scrolls sideways, so a
 * wide table never widens the page.
 */
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";
import { escapeHtml } from "./html-escape";
import { formatNumberAs, type NumberFormat } from "./number-format";

/** Rows as plain objects (any interface, e.g. lib/vitals `Verdict`), or an arquero table. */
export type TableInput = ColumnTable | readonly object[];

export interface TableOptions {
  /** Columns to show, in order (default: all, in the order of the first row). */
  columns?: readonly string[];
  /** Header text per column (default: the column name). */
  labels?: Readonly<Record<string, string>>;
  /** Maximum decimals for numbers: one value for all, or per column (default 3). */
  digits?: number | Readonly<Record<string, number>>;
  /**
   * How numbers of a column are written: `"fixed"` (exactly `digits` decimals), `"percent"` (a fraction as
   * "97.3%"), `"p-value"` ("<0.001", "0.0412"); default `"number"` (at most `digits` decimals).
   */
  formats?: Readonly<Record<string, NumberFormat>>;
  /** Text columns never wrapped (ids, codes); numbers are never wrapped anyway. */
  noWrap?: readonly string[];
  /** Minimum width in em of text columns, so long text (names, reasons) wraps over a few lines instead of being squeezed. */
  minWidthEm?: Readonly<Record<string, number>>;
  /** Column whose text explains a missing value in the same row (default "status"). */
  statusColumn?: string;
  /**
   * Columns whose missing values another column explains than `statusColumn`: column → that column (a profile's
   * England cell says why England has no figure, not why the LA's own value is missing).
   */
  missingWhy?: Readonly<Record<string, string>>;
  /**
   * Flags of values that are there but not like the others of their column: column → the column whose text, when not
   * empty, is shown after that column's number in its cell (a profile's Annex A window share, "part-year", among
   * annual values). The flag column need not be shown.
   */
  flags?: Readonly<Record<string, string>>;
  /** Show at most this many rows and say how many were left out (default 200). */
  maxRows?: number;
  /** Click a header to sort (default true). */
  sortable?: boolean;
  caption?: string;
  /** Element id (default derived from a counter by the caller). */
  id?: string;
}

/** Default number of rows shown before the table is cut. */
export const TABLE_MAX_ROWS = 200;
/** Default maximum decimals. */
export const TABLE_DIGITS = 3;

function isColumnTable(t: TableInput): t is ColumnTable {
  return typeof (t as ColumnTable).objects === "function" && typeof (t as ColumnTable).columnNames === "function";
}

/** The rows of a table input as plain objects. */
export function tableInputRows(input: TableInput): { columns: string[]; rows: Readonly<Record<string, unknown>>[] } {
  if (isColumnTable(input)) return { columns: input.columnNames(), rows: input.objects() as Record<string, unknown>[] };
  if (!Array.isArray(input)) throw new InputError("tableHtml", "expects an arquero table or an array of row objects", typeof input);
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of input) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), columns.push(k));
  return { columns, rows: input as readonly object[] as Readonly<Record<string, unknown>>[] };
}

/** "suppressed:c" → "suppressed (c)"; "" → "missing". */
export function describeStatus(status: unknown): string {
  if (typeof status !== "string" || status === "") return "missing";
  const i = status.indexOf(":");
  return i < 0 ? status : `${status.slice(0, i)} (${status.slice(i + 1)})`;
}

/**
 * One cell as HTML: text and an optional sort key (numbers sort by their value, not their text). `null` (and
 * NaN) is a missing value and says why (the row's status, or "missing" / "not computable"); `undefined` is a
 * field the row does not have and stays blank. Finite numbers are written by `format` (lib/report/number-format).
 * @example
 * formatCell(0.000038, 3, "", "p-value").html // "&lt;0.001"
 */
export function formatCell(value: unknown, digits: number, status: unknown, format: NumberFormat = "number"): { html: string; sortKey: string | number | null } {
  // an optional field this row does not have (e.g. a note): blank; a missing value is null, explained below
  if (value === undefined) return { html: "", sortKey: null };
  if (value === null) {
    // a low-reliability status qualifies a value that is there: it says nothing of another cell's missing one
    // (a walkthrough: a profile's England cells read "low-reliability (window)" where no benchmark could be made)
    const why = typeof status === "string" && status.startsWith("low-reliability") ? "missing" : describeStatus(status);
    return { html: `<span class="vsw-missing" title="missing value">${escapeHtml(why)}</span>`, sortKey: null };
  }
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { html: `<span class="vsw-missing" title="NaN: could not be computed">not computable</span>`, sortKey: null };
    if (!Number.isFinite(value)) return { html: value > 0 ? "∞" : "−∞", sortKey: value };
    return { html: escapeHtml(formatNumberAs(value, format, digits)), sortKey: value };
  }
  if (typeof value === "boolean") return { html: value ? "yes" : "no", sortKey: value ? 1 : 0 };
  if (value instanceof Date) return { html: escapeHtml(value.toISOString().slice(0, 10)), sortKey: value.toISOString() };
  if (typeof value === "object") {
    const text = JSON.stringify(value);
    return { html: escapeHtml(text), sortKey: text };
  }
  return { html: escapeHtml(String(value)), sortKey: String(value) };
}

/** The sorting script: sorts a table's body rows by the clicked column (numbers numerically, missing last). */
export const TABLE_SORT_SCRIPT =
  "(function(t){if(!t)return;var hs=t.tHead.rows[0].cells;for(var c=0;c<hs.length;c++)(function(c){hs[c].style.cursor='pointer';" +
  "hs[c].addEventListener('click',function(){var b=t.tBodies[0],rs=Array.prototype.slice.call(b.rows),d=hs[c].getAttribute('data-dir')==='asc'?-1:1;" +
  "for(var k=0;k<hs.length;k++)hs[k].removeAttribute('data-dir');hs[c].setAttribute('data-dir',d===1?'asc':'desc');" +
  "rs.sort(function(x,y){var a=x.cells[c].getAttribute('data-v'),z=y.cells[c].getAttribute('data-v');if(a===null)return z===null?0:1;if(z===null)return -1;" +
  "var na=Number(a),nz=Number(z);if(a!==''&&z!==''&&!isNaN(na)&&!isNaN(nz))return d*(na-nz);return d*a.localeCompare(z);});" +
  "rs.forEach(function(r){b.appendChild(r);});});})(c);})";

let tableCounter = 0;

/** True when every value of the column is a number or missing (null/undefined), and at least one is a number. */
function shownNumeric(rows: readonly Readonly<Record<string, unknown>>[], column: string): boolean {
  let any = false;
  for (const r of rows) {
    const v = r[column];
    if (typeof v === "number") any = true;
    else if (v !== null && v !== undefined) return false;
  }
  return any;
}

/**
 * Render rows (or an arquero table) as an HTML `<table>` inside a `<div class="vsw-table-wrap">` that scrolls
 * sideways when the table is wider than the page.
 * @example
 * tableHtml([{ indicator: "re_referrals", value: null, status: "suppressed:c" }]) // "... suppressed (c) ..."
 */
export function tableHtml(input: TableInput, options: TableOptions = {}): string {
  const { columns: all, rows } = tableInputRows(input);
  const columns = options.columns ? [...options.columns] : all;
  // an empty array of rows has no keys to name its columns: the columns asked for are its columns
  const known = rows.length === 0 && Array.isArray(input) ? columns : all;
  for (const c of columns) {
    if (!known.includes(c)) throw new InputError("tableHtml", `unknown column "${c}"; the table has ${all.join(", ")}`, c);
  }
  const statusColumn = options.statusColumn ?? "status";
  const maxRows = options.maxRows ?? TABLE_MAX_ROWS;
  if (!(Number.isInteger(maxRows) && maxRows >= 0)) throw new InputError("tableHtml", "maxRows must be an integer >= 0", maxRows);
  const digitsOf = (c: string) =>
    typeof options.digits === "number" ? options.digits : (options.digits?.[c] ?? TABLE_DIGITS);
  const formatOf = (c: string): NumberFormat => options.formats?.[c] ?? "number";
  for (const c of Object.keys(options.formats ?? {})) {
    if (!columns.includes(c)) throw new InputError("tableHtml", `formats names a column that is not shown: "${c}"`, c);
  }
  const flagOf = options.flags ?? {};
  for (const [c, flagColumn] of Object.entries(flagOf)) {
    if (!columns.includes(c) || (rows.length > 0 && !all.includes(flagColumn))) throw new InputError("tableHtml", `flags must map a shown column to a column of the table: "${c}" → "${flagColumn}"`, c);
  }
  const missingWhy = options.missingWhy ?? {};
  for (const [c, whyColumn] of Object.entries(missingWhy)) {
    if (!columns.includes(c) || (rows.length > 0 && !all.includes(whyColumn))) throw new InputError("tableHtml", `missingWhy must map a shown column to a column of the table: "${c}" → "${whyColumn}"`, c);
  }
  const noWrap = new Set(options.noWrap ?? []);
  for (const c of [...noWrap, ...Object.keys(options.minWidthEm ?? {})]) {
    if (!columns.includes(c)) throw new InputError("tableHtml", `noWrap/minWidthEm names a column that is not shown: "${c}"`, c);
  }
  for (const [c, em] of Object.entries(options.minWidthEm ?? {})) {
    if (!(em > 0 && Number.isFinite(em))) throw new InputError("tableHtml", `minWidthEm of "${c}" must be a number > 0`, em);
  }
  // a column whose values are all numbers (or missing) has its header aligned with its numbers, on the right
  const numericColumn = new Set(columns.filter((c) => shownNumeric(rows.slice(0, maxRows), c)));
  const id = options.id ?? `vsw-table-${++tableCounter}`;
  const styleOf = (c: string) => (options.minWidthEm?.[c] !== undefined ? ` style="min-width: ${options.minWidthEm[c]}em"` : "");
  const head = columns
    .map((c) => `<th scope="col"${numericColumn.has(c) ? ' class="vsw-num"' : ""}${styleOf(c)}>${escapeHtml(options.labels?.[c] ?? c)}</th>`)
    .join("");
  const shown = rows.slice(0, maxRows);
  const body = shown
    .map((r) => {
      const cells = columns.map((c) => {
        const cell = formatCell(r[c], digitsOf(c), r[missingWhy[c] ?? statusColumn], formatOf(c));
        const numeric = typeof r[c] === "number" && Number.isFinite(r[c] as number);
        const cls = numeric ? ' class="vsw-num"' : noWrap.has(c) ? ' class="vsw-nowrap"' : "";
        const attr = cell.sortKey === null ? "" : ` data-v="${escapeHtml(String(cell.sortKey))}"`;
        const flag = numeric && flagOf[c] !== undefined ? r[flagOf[c]] : undefined;
        // styled inline, not in TABLE_CSS, which every report embeds: only the few tables with a flag carry it
        const flagged = typeof flag === "string" && flag !== "" ? ` <span class="vsw-flag" style="font-size: 11px; font-style: italic">${escapeHtml(flag)}</span>` : "";
        return `<td${cls}${attr}>${cell.html}${flagged}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  const more = rows.length > shown.length ? `<p class="vsw-more">… ${rows.length - shown.length} more rows not shown (${rows.length} in all)</p>` : "";
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : "";
  const script = (options.sortable ?? true) ? `\n<script type="text/javascript">${TABLE_SORT_SCRIPT}(document.getElementById(${JSON.stringify(id)}));</script>` : "";
  return (
    `<div class="vsw-table-wrap"><table id="${escapeHtml(id)}" class="vsw-table">${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>${more}${script}`
  );
}

/**
 * CSS for tables made by {@link tableHtml}. A table wider than the page scrolls in its wrapper, and a shadow at the
 * edge it scrolls towards says so (the covering gradients move with the content, the shadows stay): the profile's
 * indicators table ran past the page's right edge at 1,300 px with nothing to show that it scrolls (a user trial,
 * round 27).
 */
export const TABLE_CSS = `
.vsw-table-wrap { max-width: 100%; overflow-x: auto; background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left / 40px 100% no-repeat local, linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right / 40px 100% no-repeat local, radial-gradient(farthest-side at 0 50%, rgba(0,0,0,0.2), rgba(0,0,0,0)) left / 12px 100% no-repeat scroll, radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,0.2), rgba(0,0,0,0)) right / 12px 100% no-repeat scroll; }
.vsw-table { border-collapse: collapse; font-size: 13px; margin: 0.5em 0 1em; }
.vsw-table caption { text-align: left; font-weight: 600; padding: 0.3em 0; }
.vsw-table th, .vsw-table td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
.vsw-table th { background: #f3f3f3; user-select: none; vertical-align: bottom; font-size: 12px; }
.vsw-table th[data-dir=asc]::after { content: " ▲"; } .vsw-table th[data-dir=desc]::after { content: " ▼"; }
.vsw-table td.vsw-num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.vsw-table th.vsw-num { text-align: right; }
.vsw-table td.vsw-nowrap { white-space: nowrap; }
.vsw-missing { color: #8a6d3b; font-style: italic; }
.vsw-more { color: #666; font-size: 12px; }
`;
