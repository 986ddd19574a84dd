/**
 * The analysis tables as files beside results.json: `screen.csv`, `verdicts.csv`, `completeness.csv` and one
 * workbook `vital-signs-tables.xlsx` with the three as sheets. Numbers are written unrounded; a value that
 * could not be computed is an empty cell and the row's `status` says why. Only LA-level statistics and counts
 * of LAs appear (never counts of children).
 */
import { InputError } from "../errors";
import { formatCsv, type CsvValue } from "../data/csv";
import { columnLetters } from "../data/import/spreadsheet/xlsx";
import type { FileToWrite } from "../data/atomic-write";
import type { Results } from "../vitals/results";
import { selectionFrequencySe } from "../vitals/frequency-uncertainty";
import { verdictGloss, allowedForLabels, contextLabelOf } from "./analysis-summary";
import { zipArchive } from "./zip-archive";

/** File names of the exports (the report links to them by these relative names). */
export const EXPORT_FILES = { screen: "screen.csv", verdicts: "verdicts.csv", completeness: "completeness.csv", workbook: "vital-signs-tables.xlsx" } as const;

/** One exported table: its sheet name, field order and rows. */
export interface ExportTable {
  name: "screen" | "verdicts" | "completeness";
  fields: readonly string[];
  rows: Record<string, CsvValue>[];
}

/**
 * The screen's columns. `q_bh_spearman` is results.json's `q_bh_raw` (a key the schema pins): the BH q of `spearman_p`
 * (every LA with the indicator and the outcome), so it sits beside that p under its name; beside `raw_p` (complete
 * cases) as "q_bh_raw" it read as the q of that p, which it is not.
 */
const SCREEN_FIELDS = [
  "role", "indicator", "label", "domain", "polarity", "method", "sign_flipped", "las_with_value_and_outcome", "las_complete_cases", "completeness",
  "raw_r", "raw_r_lower", "raw_r_upper", "raw_p", "partial_r", "partial_r_lower", "partial_r_upper", "partial_p", "q_bh",
  "multiple_r", "p_f", "spearman_rho", "spearman_p", "q_bh_spearman", "ordinal_coef", "ordinal_p", "context_r2", "reliability", "direction", "status",
] as const;

/**
 * The screen table: context variables (role "context") then indicators, every statistic unrounded. The signed
 * coefficients (raw_r, partial_r and their limits, spearman_rho, ordinal_coef) are oriented so that positive = goes
 * with a better outcome; `sign_flipped` is true when the outcome's lower values are better (an Ofsted grade, a
 * polarity-down indicator as outcome), so that they are minus the correlation with the outcome as published. A context
 * variable is labelled as the report names it ("deprivation (IDACI score)"), not by its id.
 * @example formatCsv(screenTable(results).rows, screenTable(results).fields)
 */
export function screenTable(r: Results): ExportTable {
  const contextName = contextLabelOf(r);
  const row = (s: Results["context_associations"][number], reliability: number | null): Record<string, CsvValue> => ({
    role: s.role, indicator: s.indicator, label: s.role === "context" && s.label === s.indicator ? contextName(s.indicator) : s.label, domain: s.domain, polarity: s.polarity, method: s.method, sign_flipped: r.outcome.lower_is_better ? "true" : "false",
    las_with_value_and_outcome: s.n, las_complete_cases: s.n_complete, completeness: s.completeness,
    raw_r: s.raw_r, raw_r_lower: s.raw_r_lower, raw_r_upper: s.raw_r_upper, raw_p: s.raw_p,
    partial_r: s.partial_r, partial_r_lower: s.partial_r_lower, partial_r_upper: s.partial_r_upper, partial_p: s.partial_p,
    q_bh: s.q_bh, multiple_r: s.multiple_r, p_f: s.p_f, spearman_rho: s.spearman_rho, spearman_p: s.spearman_p, q_bh_spearman: s.q_bh_raw,
    ordinal_coef: s.ordinal_coef, ordinal_p: s.ordinal_p, context_r2: s.context_r2, reliability, direction: s.direction,
    status: s.notes.length > 0 ? s.notes.join("; ") : "computed",
  });
  return {
    name: "screen",
    fields: SCREEN_FIELDS,
    rows: [...r.context_associations.map((s) => row(s, null)), ...r.associations.map((s) => row(s, s.reliability))],
  };
}

/**
 * The verdicts: code and its meaning, selection frequency over the resamples, the reason and failed criteria.
 * @example verdictsTable(results).rows[0].verdict // "selected"
 */
export function verdictsTable(r: Results): ExportTable {
  const labelOf = new Map(r.associations.map((a) => [a.indicator, a.label] as const));
  const allowed = allowedForLabels(r);
  return {
    name: "verdicts",
    fields: ["indicator", "label", "domain", "verdict", "meaning", "selected", "selection_frequency", "selection_frequency_se", "resamples", "threshold", "reason", "failed_criteria", "redundant_with", "stands_in_for"],
    rows: r.vital_signs.map((v) => ({
      indicator: v.indicator, label: labelOf.get(v.indicator) ?? v.indicator, domain: v.domain, verdict: v.code, meaning: verdictGloss(v.code, allowed),
      selected: v.selected ? "yes" : "no", selection_frequency: v.selection_frequency,
      selection_frequency_se: frequencySeCell(v.selection_frequency, r.design?.usable_resamples), resamples: r.resamples, threshold: r.settings.threshold, reason: v.reason,
      failed_criteria: v.failures.map((f) => `${f.criterion} ${f.value === null ? "not computed" : f.value} (limit ${f.limit})`).join("; "),
      redundant_with: (v as { redundant_with?: string }).redundant_with ?? "",
      stands_in_for: ((v as { stands_in_for?: string[] }).stands_in_for ?? []).join("; "),
    })),
  };
}

/** The Monte Carlo SE of a frequency over the usable resamples (lib/vitals/frequency-uncertainty.ts), rounded to 4 decimals; "" when either is missing. */
function frequencySeCell(frequency: number | null, usable: number | undefined): CsvValue {
  if (frequency === null || Number.isNaN(frequency) || usable === undefined || !(usable >= 1)) return "";
  return Number(selectionFrequencySe(frequency, usable).toFixed(4));
}

/**
 * Completeness per indicator: share of the LAs with the outcome that have a value, and LAs with the value and the outcome.
 * @example completenessTable(results).fields // ["indicator", "label", "completeness", …]
 */
export function completenessTable(r: Results): ExportTable {
  return {
    name: "completeness",
    // completeness is over the LAs with the outcome (lib/vitals/screen.ts): their number is its denominator
    fields: ["indicator", "label", "domain", "completeness", "las_with_value_and_outcome", "las_with_outcome", "las_in_package", "status"],
    rows: r.associations.map((s) => ({
      indicator: s.indicator, label: s.label, domain: s.domain, completeness: s.completeness, las_with_value_and_outcome: s.n,
      las_with_outcome: r.outcome.n_linked, las_in_package: r.outcome.n_las,
      status: s.completeness === null ? "not computed" : s.completeness === 0 ? "no LA with the outcome has a value" : "computed",
    })),
  };
}

/** Characters XML 1.0 does not allow (control characters other than tab, LF, CR). */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xmlText(s: string): string {
  return s.replace(XML_FORBIDDEN, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}


function sheetXml(t: ExportTable): string {
  const cell = (v: CsvValue, ref: string): string => {
    if (v === null || v === "") return "";
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new InputError("xlsxWorkbook", `sheet ${t.name}: cell ${ref} must be a finite number or empty`, v);
      return `<c r="${ref}"><v>${v}</v></c>`;
    }
    return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`;
  };
  const rows = [t.fields as readonly CsvValue[], ...t.rows.map((r) => t.fields.map((f) => r[f] ?? null))];
  const letters = t.fields.map((_, k) => columnLetters(k));
  const body = rows.map((cells, i) => `<row r="${i + 1}">${cells.map((v, k) => cell(v, `${letters[k]}${i + 1}`)).join("")}</row>`).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/** UTF-8 bytes of a workbook part, by the platform's encoder (the same bytes as fflate's strToU8, several times faster on the sheets). */
const utf8Encoder = new TextEncoder();
function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/**
 * Deflate level of the workbook's parts (zlib: 1 fastest … 9 smallest). Level 1 writes the official analysis's
 * tables in about half the time of level 6 for a file about 10% larger; the unzipped parts are the same at
 * every level.
 */
export const XLSX_DEFLATE_LEVEL = 1;

/**
 * A minimal valid Office Open XML workbook (SpreadsheetML, ECMA-376 Part 1) with one sheet per table: inline
 * strings, numbers unrounded, empty cells left out. Zipped by zipArchive (native zlib); fixed timestamps so the bytes depend on
 * the tables only.
 * @example fs.writeFileSync("out/tables.xlsx", xlsxWorkbook([screenTable(results)]))
 */
export function xlsxWorkbook(tables: readonly ExportTable[]): Uint8Array {
  if (tables.length === 0) throw new InputError("xlsxWorkbook", "needs at least one table", 0);
  const ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": utf8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        tables.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
        `</Types>`,
    ),
    "_rels/.rels": utf8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${ns}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": utf8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${ns}"><sheets>` +
        tables.map((t, i) => `<sheet name="${xmlText(t.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
        `</sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": utf8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        tables.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${ns}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
        `</Relationships>`,
    ),
  };
  tables.forEach((t, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = utf8(sheetXml(t))));
  return zipArchive(files, { level: XLSX_DEFLATE_LEVEL, mtime: new Date("2000-01-01T00:00:00Z") });
}

/**
 * The export files of an analysis, to be written with results.json (lib/data/atomic-write.ts writeFilesAtomically).
 * @example writeFilesAtomically("out", [...analysisExportFiles(results), { name: "results.json", contents }])
 */
export function analysisExportFiles(r: Results): FileToWrite[] {
  const tables = [screenTable(r), verdictsTable(r), completenessTable(r)];
  return [
    ...tables.map((t) => ({ name: EXPORT_FILES[t.name], contents: formatCsv(t.rows, t.fields) })),
    { name: EXPORT_FILES.workbook, contents: xlsxWorkbook(tables) },
  ];
}

/**
 * The "Download CSV" line under a report table: a relative link to the file beside report.html, and the workbook.
 * @example downloadLinkHtml("screen") // '<p class="vsw-download"><a href="screen.csv" download>Download CSV</a> …'
 */
export function downloadLinkHtml(table: ExportTable["name"]): string {
  return `<p class="vsw-download"><a href="${EXPORT_FILES[table]}" download>Download CSV</a> (every column, numbers unrounded) · ` +
    `<a href="${EXPORT_FILES.workbook}" download>Excel workbook</a> (all three tables)</p>`;
}
