/**
 * The disclosure scanner: looks through exported files (HTML reports, JSON results, notebooks' outputs, CSV)
 * for what must never be exported — small counts and record-level identifiers.
 *
 * Rules, designed to be precise on the workbench's own outputs (LA-level values, p-values, years and sha256
 * hashes are not flagged):
 * - `small-count`: an integer 1 … threshold − 1 (default 1–9) in a field or column whose name says it is a
 *   count — n, x, count(s), numerator, denominator, respondents, responses, cases, children, people, pupils,
 *   positive, negative, size, total, frequency, any name ending in "count" or starting "n_", "num_", "number_of_"
 *   (n_positive, num_children), holding the word numerator/denominator or ending in num/den (fgc_numerator), and in a
 *   table with an LA column (./la-columns.ts) Number, Base, Sample — or in text labelled as one ("n = 5", "respondents: 7",
 *   "(n=3)", "4 respondents"). By content as well as by name: in a table, a column of whole numbers that is
 *   never larger than a count column of the same row (a part of that count, whatever its name) is a count
 *   column too; and a share beside its denominator (./percentage-columns.ts: a percentage, proportion or rate, beside
 *   `<its id>_denominator` or the table's `denominator`) gives its numerator back as value × denominator / 100,
 *   so a numerator or complement denominator − numerator of 1 … threshold − 1 recovered that way is a finding; so is one
  worked back from a share and its Wilson bounds without a denominator (./derived-small-counts.ts).
 * - **Counts of areas are not counts of people** (explicit rule): a number labelled as a count of local
 *   authorities ("n = 3 LAs", "3 local authorities", "12 areas"), or a labelled n of the analysis's own things
 *   ("(n=3 indicators)", "n = 4 items", "n: 5 periods"), is not a small count; nor is the `n` of a
 *   statistic — a JSON object or table row that also holds a statistic (a p-value, correlation, coefficient,
 *   cutoff: keys like p, p_f, spearman_rho, partial_r, q_bh, cutoff) — because an analysis `n` is the number
 *   of LAs the statistic used. Counts of people in such a record (respondents, children, …) are still checked.
 * - `record-identifier`: a field or column named like a record identifier (respondent_id, child_id,
 *   person_id, case_id, pupil_id, upn, nhs_number, pseudonym; the returns' CHILD, LAchildID, FormerUPN, Child Unique ID
 *   and dates of birth: DOB, PersonBirthDate) holding a value, shown by its length only; a field or column named `id`,
 *   `identifier` or `*_id` holding a value that is neither an ONS area code nor a lower snake-case id of the
 *   workbench (indicator, instrument, item ids, or slugs like `cumbria-2023`; in JSON, outside provenance and
 *   logs, whose ids name rules); a pseudonym of this library (`ps_` + 16 hex); a hex string
 *   of 16–64 digits that is not labelled as a hash, digest or commit;
 * - `record-rows`: the record CSV header (respondent_id, la_code, …) or a table with at least three of its
 *   columns; an .xml file holding a CIN census child record (scan-files.ts).
 * - `disclosive-total`: a total of records beside suppressed groups: in a file whose text speaks of suppression
 *   ("suppressed", "[c]"; every datapackage.json does, in its status field's description), a field `records`
 *   (`n_records`, `total_records`, `record_count`, `total_respondents`, … ; in provenance too) or text "8772
 *   records", "respondents in total: 120" of threshold or more. The total minus the published group sizes gives a
 *   suppressed group's size back (an evaluator: 246 case-audit records of 3 items, 40 and 35 published, 246/3 − 40 −
 *   35 = 7 suppressed). A threshold phrase ("fewer than 10 respondents") is neither a total nor a small count. A total
 *   in a file that does not speak of suppression is a finding when another file of the scan shows suppressed groups.
 * - `differencing` (scanPaths, several files; lib/disclosure/differencing.ts): two published counts of the same LA, period
 *   and item (two runs with one item defined differently) that differ by 1 … threshold − 1 with one denominator, or whose
 *   denominators differ by 1 … threshold − 1; read from tables (CSV, semicolon CSV, TSV, sheets) and JSON arrays of records.
 *   A share published without its denominator gives both back (./derived-counts.ts): from its value and Wilson bounds
 *   (intervals.csv), or from a value written to 12 or more digits (the fraction with the smallest denominator; 7–11
 *   digits for the pair test only). Two means of one LA, period and indicator whose denominators differ by
 *   1 … threshold − 1 give the newcomers' total back, mean × n differenced (./mean-differencing.ts).
 * - `small-count` in figures (lib/disclosure/figure-data.ts): a plotly figure's point whose hover labels or axis
 *   titles give a percentage and its denominator is checked as a table row is; its points (a line's values, a pie's
 *   slices) are read as a table and its hover and text templates, placeholders resolved, as text (./figure-tables.ts).
 *   Tables printed as text (console.table, pandas, R tibbles, tabulate, tab-separated lines) are read as tables
 *   (./text-tables.ts, ./printed-frames.ts).
 * - `not-utf8-text`: a file that is not UTF-8 text (Windows-1252, UTF-16): it is scanned as UTF-8 and as
 *   Latin-1 (see scanFileBytes, ./scan-files.ts), and reported whatever those find, since its reader may decode it otherwise.
 * - `not-scanned`: a file that could not be checked (fail closed): a workbook that cannot be read, a file named
 *   on its own whose type is not scanned, or a folder or file the system refuses (EACCES, ENAMETOOLONG). Nothing in
 *   it was checked, so it cannot pass.
 *   Within a file too: a Plotly call whose figure cannot be read as data (./plotly-calls.ts), a plotly typed array that
 *   cannot be decoded or beyond the decoding bound (./typed-arrays.ts), a grid's cells beyond its bound, a histogram
 *   plotly bins in the browser (./figure-tables.ts): each is reported where it is, as its figure was not checked.
 *
 * Workbooks (.xlsx) are read as rows of cell text ({@link scanSheets}) and each sheet is scanned as a table, with
 * the rules of a CSV.
 *
 * Data packages: counts of indicators published by an official source (catalogue source not "pilot:") were
 * disclosure-controlled by their publisher and are not re-checked in the package's own resources (listed in its
 * datapackage.json with the sha256 the file still has); any other file in the folder is checked fully; provenance and import logs count rows
 * processed, not people, and are checked for identifiers only.
 *
 * In notebooks only outputs are scanned (code is not exported data). In HTML, library scripts (minified code
 * with a licence banner, or `src=` scripts) are skipped; inline data scripts (plotly figures) are scanned; the text of
 * a `<pre>` block (nbconvert's text/plain outputs) is read as printed text, its tables by the table readers.
 */
import * as path from "node:path";
import { InputError } from "../errors";
import type { CsvText } from "../data/csv";
import { columnLetters } from "../data/import/spreadsheet/xlsx";
import { publishedCountsOfTable } from "./differencing";
import { publishedMeansOfTable } from "./mean-differencing";
import { intervalColumns } from "./derived-counts";
import { derivedSmallCount } from "./derived-small-counts";
import { csvTableOfText, recordsTable } from "./table-forms";
import { figuresInScript, MAX_FIGURE_CANDIDATES_FAILED } from "./figure-data";
import { hasSuppressedGroups, speaksOfSuppression } from "./record-totals";
import { DEFAULT_DISCLOSURE_THRESHOLD } from "./suppress-counts";
import { isLibraryScript, preBlocks, stripTags, tryParseJson } from "./html-text";
import { htmlTable } from "./html-frames";
import { crossTabCellPlace } from "./cross-tabs";
import { Collector, countBelow, lineFinder, MAX_FINDINGS_PER_FILE } from "./scan-collector";
import { scanFigure, scanJsonValue, scanTable, scanText, type TableScanOptions } from "./scan-rules";

export { isAnalysisN, isCountName, isIdentifierName } from "./field-names";
export { MAX_FINDINGS_PER_FILE } from "./scan-collector";

export type { DisclosureFinding, ScanOptions } from "./scan-types";
import type { DisclosureFinding, ScanOptions } from "./scan-types";

/** Text file types scanned, by extension: every text format the workbench writes (workbooks: SCANNED_WORKBOOK_EXTENSIONS, ./scan-files.ts). */
export const SCANNED_EXTENSIONS = [".html", ".htm", ".json", ".ipynb", ".csv", ".tsv", ".txt", ".md", ".markdown", ".svg", ".log"] as const;

/** Files that are processing logs (`import-log.json`, `run.log.json`): as LOG_KEYS (./scan-rules.ts). */
const LOG_FILE_RE = /(^|[-_.])log\.json$/i;

/**
 * A table's published counts added to `options.publishedCounts` when it is given (one by one: a spread of a large
 * table's counts overflows the stack), and a small count worked back from a share and its Wilson bounds flagged
 * (./derived-small-counts.ts). Without `publishedCounts` only those counts are looked for, in a table with bounds.
 * Its published means go to `options.publishedMeans` when it is given (./mean-differencing.ts).
 */
function collectPublishedCounts(file: string, header: readonly string[], rows: readonly (readonly string[])[], where: (row: number, col: number) => string, options: ScanOptions, c: Collector, threshold: number): void {
  if (options.publishedMeans) for (const mean of publishedMeansOfTable(file, header, rows, where, options)) options.publishedMeans.push(mean);
  if (!options.publishedCounts) {
    const bounds = intervalColumns(header);
    if (bounds.lower < 0 || bounds.upper < 0) return;
  }
  for (const count of publishedCountsOfTable(file, header, rows, where, options)) {
    options.publishedCounts?.push(count);
    const small = derivedSmallCount(count, threshold);
    if (small) c.add(count.location, "small-count", small.value, small.message);
  }
}

/** A package's indicators by source and unit, as a table's scan reads them. */
const tableOptions = (options: ScanOptions, caption: string): TableScanOptions => ({
  caption,
  published: options.publishedIndicators,
  percent: options.percentIndicators,
  ratio: options.ratioIndicators,
  counts: options.countIndicators,
  pivots: true,
});

/** A Plotly call whose figure the scanner could not read as data (./plotly-calls.ts). */
const UNREAD_CALL_MESSAGE =
  "a Plotly call whose figure could not be read as data (a variable or function as its traces or a trace's values, a spread, data.push, or a page cut off): its figure was not checked. Write the figure's data into the call, or check the figure by hand";

/** Figure data in a script never closed (./plotly-calls.ts unclosedFigures). */
const UNCLOSED_FIGURE_MESSAGE = "figure data (an object opening {\"data\": [) that is never closed, as in a page cut off: its figure was not checked. Publish the whole page, or check the figure by hand";

function scanHtml(html: string, c: Collector, threshold: number, prefix: string): void {
  let rest = html.replace(/<!--[\s\S]*?-->/g, " ");
  // scripts: data scripts are scanned as text, library scripts skipped
  // a script never closed (a page cut off) is read to the end of the page, as a browser runs it
  rest = rest.replace(/<script([^>]*)>([\s\S]*?)(?:<\/script>|$(?![\s\S]))/gi, (_, attrs: string, body: string) => {
    if (!isLibraryScript(attrs, body)) {
      const base = prefix + "script";
      const line = lineFinder(body);
      const json = /type\s*=\s*["']?application\/(ld\+)?json/i.test(attrs) ? tryParseJson(body) : undefined;
      if (json !== undefined) scanJsonValue(json, "$", "", c, threshold, `${base} `);
      else scanText(body, (i) => `${base}, line ${line(i)}`, c, threshold);
      const { figures, unread, unreadCalls, unclosedFigures } = figuresInScript(body);
      figures.forEach((figure, k) => scanFigure(figure, `${base} figure ${k + 1}, `, c, threshold));
      if (unread) c.add(base, "not-scanned", "", `a script with more than ${MAX_FIGURE_CANDIDATES_FAILED} objects opening like figure data that are not JSON (or Plotly.newPlot arguments never closed): its figures after them were not checked`);
      // each of the first listed, the rest as one finding: a hostile script of 700,000 unread calls stays cheap
      for (const at of unreadCalls.slice(0, MAX_FINDINGS_PER_FILE)) c.add(`${base}, line ${line(at)}`, "not-scanned", body.slice(at, at + 40), UNREAD_CALL_MESSAGE);
      for (const at of unclosedFigures.slice(0, MAX_FINDINGS_PER_FILE)) c.add(`${base}, line ${line(at)}`, "not-scanned", body.slice(at, at + 40), UNCLOSED_FIGURE_MESSAGE);
      if (unreadCalls.length > MAX_FINDINGS_PER_FILE) c.add(`${base}, line ${line(unreadCalls[MAX_FINDINGS_PER_FILE])} on`, "not-scanned", `${unreadCalls.length - MAX_FINDINGS_PER_FILE} calls`, `${unreadCalls.length - MAX_FINDINGS_PER_FILE} more ${UNREAD_CALL_MESSAGE.slice(2)}`);
    }
    return " ";
  });
  rest = rest.replace(/<style[^>]*>[\s\S]*?<\/style>/gi, " ");
  // preformatted text (nbconvert's text/plain outputs: printed frames and Series) is read as printed text, lines kept
  const pre = preBlocks(rest);
  rest = pre.rest;
  if (pre.blocks.length > 0) scanPreBlocks(pre.blocks, c, threshold, prefix);
  let t = 0;
  rest = rest.replace(/<table[\s\S]*?<\/table>/gi, (table) => {
    t++;
    const read = htmlTable(table);
    const tableNo = t;
    if (read?.crossTab) {
      // a pandas cross-tab: each cell a count, located by its row's and column's categories where they may be shown
      const crossTab = read.crossTab;
      const { header, rows } = crossTab;
      const cell = (r: number) => crossTabCellPlace(crossTab, r) ?? `cross-tab cell ${r}`;
      scanTable(header, rows, (r, k) => `${prefix}table ${tableNo} ${cell(r)} column "${header[k]}"`, c, threshold);
    } else if (read) scanTable(read.header, read.rows, (r, k) => `${prefix}table ${tableNo} row ${r} column ${k + 1}`, c, threshold);
    return " ";
  });
  const text = stripTags(rest);
  scanText(text, () => `${prefix}text`, c, threshold);
}

/**
 * The text of HTML's `<pre>` blocks, read as one text with a blank line between blocks (which ends any printed table):
 * scanned block by block, 700,000 small blocks took 5.1 s CPU. Locations name the block and its line.
 */
function scanPreBlocks(blocks: readonly string[], c: Collector, threshold: number, prefix: string): void {
  const starts: number[] = [];
  let at = 0;
  for (const block of blocks) {
    starts.push(at);
    at += block.length + 2;
  }
  const text = blocks.join("\n\n");
  const line = lineFinder(text);
  scanText(text, (i) => {
    const block = countBelow(starts, i + 1) - 1; // the last block starting at or before i (the first starts at 0)
    return `${prefix}pre ${block + 1}, line ${line(i) - line(starts[block]) + 1}`;
  }, c, threshold);
}

function scanNotebook(text: string, c: Collector, threshold: number): void {
  let nb: { cells?: { outputs?: Record<string, unknown>[] }[] };
  try {
    nb = JSON.parse(text);
  } catch {
    c.add("file", "record-rows", "", "not valid JSON: the notebook could not be checked");
    return;
  }
  (nb.cells ?? []).forEach((cell, ci) => {
    (cell.outputs ?? []).forEach((out, oi) => {
      const where = `cell ${ci} output ${oi}`;
      const asText = (v: unknown) => (Array.isArray(v) ? v.join("") : typeof v === "string" ? v : JSON.stringify(v));
      if (out.text !== undefined) scanText(asText(out.text), () => `${where} (stream)`, c, threshold);
      if (out.traceback !== undefined) scanText(asText(out.traceback), () => `${where} (error)`, c, threshold);
      const data = (out.data ?? {}) as Record<string, unknown>;
      for (const [mime, v] of Object.entries(data)) {
        if (mime.startsWith("image/") && mime !== "image/svg+xml") continue;
        const label = `${where} (${mime}), `;
        if (mime === "text/html" || mime === "image/svg+xml") scanHtml(asText(v), c, threshold, label);
        else if (mime.endsWith("json") && typeof v === "object") {
          scanJsonValue(v, "$", "", c, threshold, label);
          scanFigure(v, label, c, threshold); // application/vnd.plotly.v1+json
        }
        else scanText(asText(v), () => `${label}text`, c, threshold);
      }
    });
  });
}

/**
 * Scan one file's text by its type (extension).
 * @example
 * scanFileText("results.json", '{"n": 4}') // [{ rule: "small-count", location: "$.n", … }]
 */
export function scanFileText(file: string, text: string, options: ScanOptions = {}): { findings: DisclosureFinding[]; total: number } {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 1) throw new InputError("scanFileText", "threshold must be an integer >= 1", threshold);
  const c = new Collector(file);
  c.suppressionReported = speaksOfSuppression(text);
  if (options.crossFile && !c.suppressionReported) c.crossFile = options.crossFile;
  // an official package's own resource: its publisher's suppression (benchmarks' suppressed:k) is public, only ours counts
  const own = options.publishedIndicators !== undefined && options.publishedIndicators.size > 0;
  if (options.crossFile && (own ? /suppressed:disclosure/.test(text) : hasSuppressedGroups(text))) options.crossFile.suppressedGroupsIn.push(file);
  try {
    scanByType(file, text, c, threshold, options);
  } catch (e) {
    // a hostile file nested thousands deep (a notebook output of nested lists) overflowed the stack and stopped the
    // whole run with no file named; it is a finding of its own, and the other files are still scanned
    if (!(e instanceof RangeError)) throw e;
    c.add("file", "not-scanned", "", `too deeply nested to read (${e.message}): the file was not checked`);
  }
  return { findings: c.findings, total: c.total };
}

/** The text rules on a whole text, each finding located by its line ("line 12"). */
function scanTextByLine(text: string, c: Collector, threshold: number): void {
  const line = lineFinder(text);
  scanText(text, (i) => `line ${line(i)}`, c, threshold);
}

/** The rules for the file's type (by extension) on its text: scanFileText's body. */
function scanByType(file: string, text: string, c: Collector, threshold: number, options: ScanOptions): void {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".ipynb") scanNotebook(text, c, threshold);
  else if (ext === ".json") {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      scanTextByLine(text, c, threshold);
      return;
    }
    scanJsonValue(json, "$", "", c, threshold, "", LOG_FILE_RE.test(path.basename(file)));
    scanFigure(json, "", c, threshold); // a figure saved as JSON
    const records = recordsTable(json);
    if (records) collectPublishedCounts(file, records.header, records.rows, (r, k) => `$[${r - 1}].${records.header[k]}`, options, c, threshold);
  } else if (ext === ".csv") {
    let csv: CsvText;
    try {
      csv = csvTableOfText(text, file);
    } catch {
      scanTextByLine(text, c, threshold);
      return;
    }
    const where = (r: number, k: number) => `row ${r} column "${csv.header[k]}"`;
    scanTable(csv.header, csv.rows, where, c, threshold, tableOptions(options, path.basename(file)));
    collectPublishedCounts(file, csv.header, csv.rows, where, options, c, threshold);
    scanText(csv.header.join(","), () => "header", c, threshold);
  } else if (ext === ".tsv") {
    const lines = text.replace(/\r\n?/g, "\n").split("\n").filter((l) => l !== "");
    const split = (l: string) => l.split("\t");
    const header = lines.length > 0 ? split(lines[0]) : [];
    const rows = lines.slice(1).map(split);
    const where = (r: number, k: number) => `row ${r} column "${header[k]}"`;
    scanTable(header, rows, where, c, threshold, tableOptions(options, path.basename(file)));
    collectPublishedCounts(file, header, rows, where, options, c, threshold);
    scanText(header.join(","), () => "header", c, threshold);
  } else if (ext === ".md" || ext === ".markdown") scanMarkdown(text, c, threshold);
  else if (ext === ".html" || ext === ".htm" || ext === ".svg") scanHtml(text, c, threshold, "");
  else scanTextByLine(text, c, threshold);
}

/** One sheet of a workbook as rows of cell text (as lib/data/import/spreadsheet/xlsx.ts readXlsxSheets returns it). */
export interface SheetCells {
  name: string;
  rows: readonly (readonly string[])[];
}

/**
 * Scan the sheets of a workbook, each as a table with the rules of a CSV: its header is the first row with at least
 * two filled cells (a title row above a table has one; a sheet without such a row takes its first filled row), and
 * cells above the header, the sheet's name and the header itself are scanned as text. Locations name the sheet
 * and the cell as Excel does ("sheet \"screen\" cell C5 (column \"n\")").
 * @example
 * scanSheets("t.xlsx", [{ name: "counts", rows: [["la", "n"], ["Leeds", "4"]] }]).findings[0].location // 'sheet "counts" cell B2 (column "n")'
 */
export function scanSheets(file: string, sheets: readonly SheetCells[], options: ScanOptions = {}): { findings: DisclosureFinding[]; total: number } {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 1) throw new InputError("scanSheets", "threshold must be an integer >= 1", threshold);
  const c = new Collector(file);
  for (const sheet of sheets) {
    const at = `sheet ${JSON.stringify(sheet.name)}`;
    scanText(sheet.name, () => `${at} name`, c, threshold);
    const filled = (cells: readonly string[]) => cells.filter((v) => v.trim() !== "").length;
    let headerRow = sheet.rows.findIndex((cells) => filled(cells) >= 2);
    if (headerRow < 0) headerRow = sheet.rows.findIndex((cells) => filled(cells) > 0);
    if (headerRow < 0) continue;
    sheet.rows.slice(0, headerRow).forEach((cells, r) =>
      cells.forEach((cell, k) => scanText(cell, () => `${at} cell ${columnLetters(k)}${r + 1}`, c, threshold)),
    );
    const header = sheet.rows[headerRow];
    const cellAt = (r: number, k: number) => `${at} cell ${columnLetters(k)}${headerRow + 1 + r}${header[k] ? ` (column ${JSON.stringify(header[k])})` : ""}`;
    const title = sheet.rows.slice(0, headerRow).map((cells) => cells.join(" ")).join(" ");
    scanTable(header, sheet.rows.slice(headerRow + 1), cellAt, c, threshold, tableOptions(options, `${path.basename(file)} ${sheet.name} ${title}`));
    collectPublishedCounts(file, header, sheet.rows.slice(headerRow + 1), cellAt, options, c, threshold);
    scanText(header.join(","), () => `${at} header (row ${headerRow + 1})`, c, threshold);
  }
  return { findings: c.findings, total: c.total };
}

/**
 * Markdown: pipe tables are scanned as tables (header, then rows after the |---| line), the rest as text;
 * HTML inside the file is scanned as HTML.
 */
function scanMarkdown(text: string, c: Collector, threshold: number): void {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const cellsOf = (l: string) => l.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((x) => x.trim().replace(/^`|`$/g, "").replace(/\*\*/g, ""));
  const isRule = (l: string | undefined) => l !== undefined && /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(l);
  const prose: string[] = [];
  let t = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes("|") && isRule(lines[i + 1])) {
      const header = cellsOf(lines[i]);
      const start = i + 1;
      const body: string[][] = [];
      let j = i + 2;
      for (; j < lines.length && lines[j].includes("|") && lines[j].trim() !== ""; j++) body.push(cellsOf(lines[j]));
      t++;
      const tableNo = t;
      scanTable(header, body, (r, k) => `table ${tableNo} (line ${start + r + (r > 0 ? 1 : 0)}) column "${header[k]}"`, c, threshold);
      for (let k = i; k < j; k++) prose.push(""); // one by one: a spread of a 120,000-row table overflowed the stack
      i = j - 1;
      continue;
    }
    prose.push(lines[i]);
  }
  const rest = prose.join("\n");
  if (/<(table|script|div|p|span)\b/i.test(rest)) scanHtml(rest, c, threshold, "");
  else scanTextByLine(rest, c, threshold);
}
