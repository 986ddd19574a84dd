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
 *   so a numerator or complement denominator − numerator of 1 … threshold − 1 recovered that way is a finding.
 * - **Counts of areas are not counts of people** (explicit rule): a number labelled as a count of local
 *   authorities ("n = 3 LAs", "3 local authorities", "12 areas") is not a small count; nor is the `n` of a
 *   statistic — a JSON object or table row that also holds a statistic (a p-value, correlation, coefficient,
 *   cutoff: keys like p, p_f, spearman_rho, partial_r, q_bh, cutoff) — because an analysis `n` is the number
 *   of LAs the statistic used. Counts of people in such a record (respondents, children, …) are still checked.
 * - `record-identifier`: a field or column named like a record identifier (respondent_id, child_id,
 *   person_id, case_id, pupil_id, upn, nhs_number, pseudonym) holding a value; a field or column named `id`,
 *   `identifier` or `*_id` holding a value that is neither an ONS area code nor a lower snake-case id of the
 *   workbench (indicator, instrument, item ids, or slugs like `cumbria-2023`; in JSON, outside provenance and
 *   logs, whose ids name rules); a pseudonym of this library (`ps_` + 16 hex); a hex string
 *   of 16–64 digits that is not labelled as a hash, digest or commit;
 * - `record-rows`: the record CSV header (respondent_id, la_code, …) or a table with at least three of its
 *   columns.
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
 * - `small-count` in figures (lib/disclosure/figure-data.ts): a plotly figure's point whose hover labels or axis
 *   titles give a percentage and its denominator is checked as a table row is; its points are read as a table and its
 *   hovers, placeholders resolved, as text (./figure-tables.ts).
 * - `not-utf8-text`: a file that is not UTF-8 text (Windows-1252, UTF-16): it is scanned as UTF-8 and as
 *   Latin-1 (see scanFileBytes, ./scan-files.ts), and reported whatever those find, since its reader may decode it otherwise.
 * - `not-scanned`: a file that could not be checked (fail closed): a workbook that cannot be read, a file named
 *   on its own whose type is not scanned, or a folder or file the system refuses (EACCES, ENAMETOOLONG). Nothing in
 *   it was checked, so it cannot pass.
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
 * with a licence banner, or `src=` scripts) are skipped; inline data scripts (plotly figures) are scanned.
 */
import * as path from "node:path";
import { InputError } from "../errors";
import type { CsvText } from "../data/csv";
import { columnLetters } from "../data/import/spreadsheet/xlsx";
import { publishedCountsOfTable } from "./differencing";
import { csvTableOfText, recordsTable } from "./table-forms";
import { figureSmallCounts, figuresInScript, MAX_FIGURE_CANDIDATES_FAILED } from "./figure-data";
import { recoveredCounts } from "./percentage-counts";
import { followsThresholdWords, hasSuppressedGroups, isRecordTotalName, recordTotalsInText, speaksOfSuppression, TOTAL_MESSAGE } from "./record-totals";
import { RECORD_FIELDS } from "./record-fields";
import { DEFAULT_DISCLOSURE_THRESHOLD } from "./suppress-counts";
import { figureTables, hoverCounts } from "./figure-tables";
import { textTables } from "./text-tables";
import { isLibraryScript, stripTags, tryParseJson } from "./html-text";
import { laKeyColumn } from "./la-columns";
import { shareColumns } from "./percentage-columns";
import { HASH_CONTEXT_RE, isAnalysisN, isCountName, isLaTableCountName, isGenericIdName, isIdentifierName, isPeopleCountName, looksLikeRecordId, normalisedName } from "./field-names";

export { isAnalysisN, isCountName, isIdentifierName } from "./field-names";

export type { DisclosureFinding, ScanOptions } from "./scan-types";
import type { CrossFileTotals, DisclosureFinding, ScanOptions } from "./scan-types";

/** Text file types scanned, by extension: every text format the workbench writes (workbooks: SCANNED_WORKBOOK_EXTENSIONS, ./scan-files.ts). */
export const SCANNED_EXTENSIONS = [".html", ".htm", ".json", ".ipynb", ".csv", ".tsv", ".txt", ".md", ".markdown", ".svg", ".log"] as const;
/** Findings reported per file at most (the total is still counted). */
export const MAX_FINDINGS_PER_FILE = 50;

/** Count names in tables only (a CSV column `x` as in PHE's `phe_proportion(data, x, n)`); in JSON, `x` is a plot axis. */
const TABLE_COUNT_NAMES = new Set(["x"]);
/** Parents of a JSON `size` that is a plot style (plotly marker, font, bins), not a group size. */
const STYLE_PARENTS = new Set(["marker", "font", "textfont", "tickfont", "titlefont", "insidetextfont", "outsidetextfont", "line", "hoverlabel", "legend", "xbins", "ybins", "errorx", "errory", "cells", "header", "title", "layout", "style"]);
/** Count names that label a count in structured data only (JSON fields, table columns), not in free text or scripts. */
const TEXT_UNLABELLED = new Set(["size", "groupsize"]);
/** Words after a number that make it a count of areas, not of people. */
const AREA_WORDS_RE = /^\s*\)?\s*(las?\b|local authorit|authorit|areas?\b|councils?\b|regions?\b)/i;
/**
 * JSON subtrees that describe processing, not people (provenance, import logs): their "count" fields count
 * rows recoded or files read, so the small-count rule is not applied there (identifier rules still are).
 */
const LOG_KEYS = new Set(["provenance", "importlog", "log", "logs"]);
/** Files that are processing logs (`import-log.json`, `run.log.json`): as LOG_KEYS. */
const LOG_FILE_RE = /(^|[-_.])log\.json$/i;

/** `key: 5`, `key = 5`, `"key": 5` in text; the key decides (isCountName) whether the number is a count. */
const LABELLED_NUMBER_RE = /(?<![\w.])["']?([A-Za-z_][A-Za-z0-9_]{0,40})["']?\s*[=:]\s*["']?(\d+)(?!\d)(?![.,]\d)/g;
const COUNTED_NOUN_RE = /(?<![\w.,])(?<!\b(?:list|table|figure|section|annex|aged?|years?|grade|level|stage|ks)\s+)(\d+)\s+(?:of\s+\d[\d,]*\s+)?((?:looked[- ]after\s+)?children|respondents?|responses?|cases?|child|young people|parents?|carers?|care leavers?|adoptions?|pupils?|families|households)\b/gi;
const LABELLED_IDENTIFIER_RE = /(?<![\w.])["']?(respondent_id|child_id|person_id|case_id|pupil_id|upn|nhs_number|pseudonym)["']?\s*[:=]\s*["']?([^\s"',}<]+)/gi;
const PSEUDONYM_TOKEN_RE = /\bps_[0-9a-f]{16}\b/g;
const HEX_TOKEN_RE = /(?<![0-9A-Za-z_-])[0-9a-f]{16,64}(?![0-9A-Za-z_-])/g;
const RECORD_HEADER_RE = new RegExp(RECORD_FIELDS.slice(0, 3).join("\\W{1,12}"), "i");

function shorten(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function isSmall(v: unknown, threshold: number): boolean {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 && n < threshold;
}

/** Collects findings for one file with the per-file cap. */
class Collector {
  readonly findings: DisclosureFinding[] = [];
  total = 0;
  /** The file's text speaks of suppression: a total of records beside suppressed groups is a finding. */
  suppressionReported = false;
  /** Where totals of a file that does not speak of suppression wait for the rest of the scan (ScanOptions.crossFile). */
  crossFile?: CrossFileTotals;
  private pendingListed = 0;
  constructor(readonly file: string) {}
  /** True when totals of records are looked for: the file speaks of suppression, or another file of the scan may. */
  get readsTotals(): boolean {
    return this.suppressionReported || this.crossFile !== undefined;
  }
  /** Run `scan` with totals of records not looked for (a figure's hover: "n = 148" there is a point's group). */
  withoutTotals(scan: () => void): void {
    const [reported, crossFile] = [this.suppressionReported, this.crossFile];
    [this.suppressionReported, this.crossFile] = [false, undefined];
    scan();
    [this.suppressionReported, this.crossFile] = [reported, crossFile];
  }
  /** A total of records: a finding when the file speaks of suppression, else kept for scanPaths to judge with the scan's other files. */
  addTotal(location: string, value: string, message: string): void {
    if (this.suppressionReported) return this.add(location, "disclosive-total", value, message);
    this.crossFile!.count++;
    if (this.pendingListed++ < MAX_FINDINGS_PER_FILE) this.crossFile!.totals.push({ file: this.file, location, rule: "disclosive-total", value: shorten(value), message });
  }
  add(location: string, rule: DisclosureFinding["rule"], value: string, message: string): void {
    this.total++;
    if (this.findings.length < MAX_FINDINGS_PER_FILE) this.findings.push({ file: this.file, location, rule, value: shorten(value), message });
  }
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** Text rules: labelled small counts, pseudonyms, unlabelled hex ids, the record header. */
function scanText(text: string, where: (index: number) => string, c: Collector, threshold: number, context = ""): void {
  for (const t of textTables(text)) scanTable(t.header, t.rows, (r, k) => `${where(t.index)}, printed table row ${r} column "${t.header[k]}"`, c, threshold);
  for (const m of text.matchAll(LABELLED_NUMBER_RE)) {
    if (AREA_WORDS_RE.test(text.slice(m.index! + m[0].length, m.index! + m[0].length + 24))) continue; // "n = 3 LAs"
    if (TEXT_UNLABELLED.has(normalisedName(m[1]))) continue; // "size": 9 in a script is a plot's marker or font size
    if (isCountName(m[1]) && isSmall(m[2], threshold)) c.add(where(m.index!), "small-count", m[0], `a count below ${threshold} labelled "${m[1]}"`);
  }
  for (const m of text.matchAll(COUNTED_NOUN_RE)) {
    if (followsThresholdWords(text, m.index!)) continue; // "fewer than 5 respondents": a rule
    if (isSmall(m[1], threshold)) c.add(where(m.index!), "small-count", m[0], `a count below ${threshold} of ${m[2]}`);
  }
  if (c.readsTotals) for (const t of recordTotalsInText(text, threshold)) c.addTotal(where(t.index), t.text, TOTAL_MESSAGE);
  for (const m of text.matchAll(LABELLED_IDENTIFIER_RE)) c.add(where(m.index!), "record-identifier", m[0], `a record identifier labelled "${m[1]}"`);
  for (const m of text.matchAll(PSEUDONYM_TOKEN_RE)) c.add(where(m.index!), "record-identifier", m[0], "a respondent pseudonym");
  for (const m of text.matchAll(HEX_TOKEN_RE)) {
    const token = m[0];
    if (!/[a-f]/.test(token) || !/[0-9]/.test(token)) continue;
    if (text.slice(m.index! - 3, m.index!) === "ps_") continue; // reported as a pseudonym
    // the label may be in the text just before, or (tables) in the cells to the left
    if (HASH_CONTEXT_RE.test(`${context} ${text.slice(Math.max(0, m.index! - 60), m.index!)}`)) continue;
    c.add(where(m.index!), "record-identifier", token, "a hex string that looks like a hashed identifier (not labelled as a hash)");
  }
  const h = RECORD_HEADER_RE.exec(text);
  if (h) c.add(where(h.index), "record-rows", h[0], "the header of record-level pilot data");
}

/** Rules for a table (header + rows of text cells), from CSV or HTML. */
function scanTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  where: (row: number, col: number) => string,
  c: Collector,
  threshold: number,
  published?: ReadonlySet<string>,
  percent?: ReadonlySet<string>,
  counts?: ReadonlySet<string>,
  partsByContent = true,
): void {
  const names = header.map((h) => h.trim().toLowerCase());
  const indicatorCol = published ? names.indexOf("indicator") : -1;
  const recordCols = RECORD_FIELDS.filter((f) => names.includes(f)).length;
  if (recordCols >= 3 && (names.includes("respondent_id") || names.includes("response"))) {
    c.add(where(0, 0), "record-rows", header.join(","), "a table with the columns of record-level pilot data");
  }
  const laColumn = laKeyColumn(header)?.column ?? -1;
  const ofLas = laColumn >= 0;
  const countCols = header.map((h) => (isCountName(h) || TABLE_COUNT_NAMES.has(normalisedName(h)) || (ofLas && isLaTableCountName(h))) && !isAnalysisN(h, header));
  const idCols = header.map((h) => isIdentifierName(h));
  const genericIdCols = header.map((h, k) => !idCols[k] && isGenericIdName(h));
  // by content: a whole-number column never larger than a count column of its row is a part of that count
  const wholeNumber = (v: string) => /^\d+$/.test(v.trim());
  header.forEach((h, k) => {
    if (countCols[k] || idCols[k] || genericIdCols[k] || isAnalysisN(h, header) || k === laColumn) return; // an LA (805, a figure's LA index) is no count
    const filled = rows.filter((cells) => (cells[k] ?? "").trim() !== "" && (cells[k] ?? "").trim() !== "[c]");
    if (filled.length === 0 || !filled.every((cells) => wholeNumber(cells[k]))) return;
    // not in a figure's points: a funnel's published whole percentages (7 … 16 of 334 … 581 children) are no counts
    const partOf = partsByContent && countCols.some((isCount, d) => {
      if (!isCount || d === k) return false;
      const pairs = filled.filter((cells) => wholeNumber(cells[d] ?? ""));
      return pairs.length > 0 && pairs.every((cells) => Number(cells[k]) <= Number(cells[d]));
    });
    // or a whole-number column whose name speaks of people (children_ceased, looked_after), beside a count or alone
    if (partOf || isPeopleCountName(h)) countCols[k] = true;
  });
  header.forEach((h, k) => {
    const count = countCols[k];
    const id = idCols[k];
    const genericId = genericIdCols[k];
    if (!count && !id && !genericId) return;
    rows.forEach((cells, r) => {
      const v = (cells[k] ?? "").trim();
      const publishedRow = indicatorCol >= 0 && published!.has(cells[indicatorCol]);
      if (count && !publishedRow && isSmall(v, threshold)) c.add(where(r + 1, k), "small-count", v, `a count below ${threshold} in column "${h}"`);
      if (id && v !== "") c.add(where(r + 1, k), "record-identifier", v, `a record identifier in column "${h}"`);
      if (genericId && looksLikeRecordId(v)) c.add(where(r + 1, k), "record-identifier", v, `a value in column "${h}" that looks like a record identifier`);
    });
  });
  // a package's value column holds a count for an indicator of unit count
  const valueCol = names.indexOf("value");
  if (counts !== undefined && valueCol >= 0 && indicatorCol >= 0 && !countCols[valueCol]) {
    rows.forEach((cells, r) => {
      const v = (cells[valueCol] ?? "").trim();
      if (counts.has(cells[indicatorCol]) && !published!.has(cells[indicatorCol]) && isSmall(v, threshold)) {
        c.add(where(r + 1, valueCol), "small-count", v, `a count below ${threshold}: the value of ${cells[indicatorCol]}, an indicator of unit count`);
      }
    });
  }
  // by content: a percentage (a proportion, a rate) and its denominator give the numerator back
  const anyIndicatorCol = names.indexOf("indicator");
  for (const { column: k, denominatorColumn: d, per } of shareColumns(header, (n) => isAnalysisN(n, header), percent)) {
    const h = header[k];
    rows.forEach((cells, r) => {
      if (indicatorCol >= 0 && published!.has(cells[indicatorCol])) return;
      const indicator = cells[anyIndicatorCol] ?? "";
      if (normalisedName(h) === "value" && anyIndicatorCol >= 0 && !/pct|percent|share/i.test(indicator) && !percent?.has(indicator)) return;
      const recovered = recoveredCounts(cells[k], cells[d], threshold, per);
      if (recovered) c.add(where(r + 1, k), "small-count", `${cells[k]} of ${cells[d]}`, `${recovered} recoverable as ${h} × ${header[d]} / ${per}`);
    });
  }
  rows.forEach((cells, r) =>
    cells.forEach((cell, k) => {
      if (countCols[k] || idCols[k] || genericIdCols[k] || isAnalysisN(header[k] ?? "", header)) return;
      const left = `${header[k] ?? ""} ${cells.slice(Math.max(0, k - 2), k).join(" ")}`;
      scanText(cell, () => where(r + 1, k), c, threshold, left.slice(-60));
    }),
  );
}

/** JSON rules: count-named fields with small integers, identifier-named fields, text rules on strings. */
function scanJsonValue(value: unknown, at: string, key: string, c: Collector, threshold: number, prefix = "", inLog = false, parent = ""): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => scanJsonValue(v, `${at}[${i}]`, key, c, threshold, prefix, inLog, parent));
    return;
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value as Record<string, unknown>);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // the n of a statistic counts LAs (the rule on counts of areas): checked as text only
      const analysisN = isAnalysisN(k, keys);
      const style = normalisedName(k) === "size" && STYLE_PARENTS.has(normalisedName(key));
      scanJsonValue(v, `${at}.${k}`, analysisN || style ? "" : k, c, threshold, prefix, inLog || LOG_KEYS.has(normalisedName(k)), key);
    }
    return;
  }
  if (c.readsTotals && isRecordTotalName(key) && typeof value === "number" && value >= threshold) {
    // in provenance too: that is where a run records what it read
    c.addTotal(prefix + at, String(value), `${TOTAL_MESSAGE} (field "${key}")`);
  } else if (key !== "" && !inLog && isCountName(key) && isSmall(value, threshold)) {
    c.add(prefix + at, "small-count", String(value), `a count below ${threshold} in field "${key}"`);
  } else if (key !== "" && isIdentifierName(key) && value !== null && value !== "") {
    c.add(prefix + at, "record-identifier", String(value), `a record identifier in field "${key}"`);
  } else if (key !== "" && !inLog && isGenericIdName(key) && (typeof value === "string" || typeof value === "number") && looksLikeRecordId(String(value))) {
    c.add(prefix + at, "record-identifier", String(value), `a value in field "${key}" that looks like a record identifier`);
  } else if (typeof value === "string") {
    // the JSON path is the label: $.dataset.sha256.areas, $.versions.git_commit
    scanText(value, () => prefix + at, c, threshold, at.slice(-60));
  }
}

/** A table's published counts added to `options.publishedCounts` when it is given (one by one: a spread of a large table's counts overflows the stack). */
function collectPublishedCounts(file: string, header: readonly string[], rows: readonly (readonly string[])[], where: (row: number, col: number) => string, options: ScanOptions): void {
  if (!options.publishedCounts) return;
  for (const count of publishedCountsOfTable(file, header, rows, where, options)) options.publishedCounts.push(count);
}

/** The figure-data rule (./figure-data.ts) on a plotly figure object; anything else gives nothing. */
function scanFigure(figure: unknown, prefix: string, c: Collector, threshold: number): void {
  for (const f of figureSmallCounts(figure, threshold)) c.add(prefix + f.location, "small-count", f.value, f.message);
  // its points as a table (columns named by axis titles, trace names, hover labels) and their hovers as text (./figure-tables.ts)
  for (const { trace, header, rows, hover } of figureTables(figure)) {
    scanTable(header, rows, (r, k) => `${prefix}trace ${trace} point ${r - 1} (${header[k] ?? ""})`, c, threshold, undefined, undefined, undefined, false);
    hover.forEach((text, i) => {
      c.withoutTotals(() => scanText(text, () => `${prefix}trace ${trace} point ${i} hover`, c, threshold)); // a point's n is its group's, no total
      for (const h of hoverCounts(text, threshold)) c.add(`${prefix}trace ${trace} point ${i} hover`, "small-count", h.value, h.message);
    });
  }
}

function scanHtml(html: string, c: Collector, threshold: number, prefix: string): void {
  let rest = html.replace(/<!--[\s\S]*?-->/g, " ");
  // scripts: data scripts are scanned as text, library scripts skipped
  rest = rest.replace(/<script([^>]*)>([\s\S]*?)<\/script>/gi, (_, attrs: string, body: string) => {
    if (!isLibraryScript(attrs, body)) {
      const base = prefix + "script";
      const json = /type\s*=\s*["']?application\/(ld\+)?json/i.test(attrs) ? tryParseJson(body) : undefined;
      if (json !== undefined) scanJsonValue(json, "$", "", c, threshold, `${base} `);
      else scanText(body, (i) => `${base}, line ${lineOf(body, i)}`, c, threshold);
      const { figures, unread } = figuresInScript(body);
      figures.forEach((figure, k) => scanFigure(figure, `${base} figure ${k + 1}, `, c, threshold));
      if (unread) c.add(base, "not-scanned", "", `a script with more than ${MAX_FIGURE_CANDIDATES_FAILED} objects opening like figure data that are not JSON: its figures after them were not checked`);
    }
    return " ";
  });
  rest = rest.replace(/<style[^>]*>[\s\S]*?<\/style>/gi, " ");
  let t = 0;
  rest = rest.replace(/<table[\s\S]*?<\/table>/gi, (table) => {
    t++;
    const rows = [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/gi)].map((m) => [...m[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/gi)].map((x) => stripTags(x[1])));
    if (rows.length > 0) {
      const [header, ...body] = rows;
      const tableNo = t;
      scanTable(header, body, (r, k) => `${prefix}table ${tableNo} row ${r} column ${k + 1}`, c, threshold);
    }
    return " ";
  });
  const text = stripTags(rest);
  scanText(text, () => `${prefix}text`, c, threshold);
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
  const ext = path.extname(file).toLowerCase();
  if (ext === ".ipynb") scanNotebook(text, c, threshold);
  else if (ext === ".json") {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      scanText(text, (i) => `line ${lineOf(text, i)}`, c, threshold);
      return { findings: c.findings, total: c.total };
    }
    scanJsonValue(json, "$", "", c, threshold, "", LOG_FILE_RE.test(path.basename(file)));
    scanFigure(json, "", c, threshold); // a figure saved as JSON
    const records = recordsTable(json);
    if (records) collectPublishedCounts(file, records.header, records.rows, (r, k) => `$[${r - 1}].${records.header[k]}`, options);
  } else if (ext === ".csv") {
    let csv: CsvText;
    try {
      csv = csvTableOfText(text, file);
    } catch {
      scanText(text, (i) => `line ${lineOf(text, i)}`, c, threshold);
      return { findings: c.findings, total: c.total };
    }
    const where = (r: number, k: number) => `row ${r} column "${csv.header[k]}"`;
    scanTable(csv.header, csv.rows, where, c, threshold, options.publishedIndicators, options.percentIndicators, options.countIndicators);
    collectPublishedCounts(file, csv.header, csv.rows, where, options);
    scanText(csv.header.join(","), () => "header", c, threshold);
  } else if (ext === ".tsv") {
    const lines = text.replace(/\r\n?/g, "\n").split("\n").filter((l) => l !== "");
    const split = (l: string) => l.split("\t");
    const header = lines.length > 0 ? split(lines[0]) : [];
    const rows = lines.slice(1).map(split);
    const where = (r: number, k: number) => `row ${r} column "${header[k]}"`;
    scanTable(header, rows, where, c, threshold, options.publishedIndicators, options.percentIndicators, options.countIndicators);
    collectPublishedCounts(file, header, rows, where, options);
    scanText(header.join(","), () => "header", c, threshold);
  } else if (ext === ".md" || ext === ".markdown") scanMarkdown(text, c, threshold);
  else if (ext === ".html" || ext === ".htm" || ext === ".svg") scanHtml(text, c, threshold, "");
  else scanText(text, (i) => `line ${lineOf(text, i)}`, c, threshold);
  return { findings: c.findings, total: c.total };
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
    scanTable(header, sheet.rows.slice(headerRow + 1), cellAt, c, threshold, options.publishedIndicators, options.percentIndicators, options.countIndicators);
    collectPublishedCounts(file, header, sheet.rows.slice(headerRow + 1), cellAt, options);
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
  else scanText(rest, (i) => `line ${lineOf(rest, i)}`, c, threshold);
}
