/**
 * The table forms check-disclosure reads besides comma CSV: semicolon-separated "CSV" (Excel's in many European
 * locales) and a JSON array of flat records. A review had passed a differencing pair written either way.
 */
import { parseCsv, type CsvText } from "../data/csv";
import { separatorHint } from "../data/csv-separator-hint";

/**
 * A CSV text as a table, semicolon-separated when its header says so (see isSemicolonSeparated).
 * @throws DataError when the text is not CSV
 * @example csvTableOfText("la_code;n\nE06000001;40\n", "a.csv").header // ["la_code", "n"]
 */
export function csvTableOfText(text: string, file: string): CsvText {
  return isSemicolonSeparated(text) ? withSemicolons(parseCsv(swapSeparators(text), file)) : parseCsv(text, file);
}

/**
 * True when the header line has no comma and the project's separator sniffer (lib/data/csv-separator-hint.ts) takes it
 * for semicolon-separated, as Excel saves "CSV" in many European locales: read as commas it was one column, and a
 * differencing pair written so passed (a review).
 */
function isSemicolonSeparated(text: string): boolean {
  const end = text.search(/[\r\n]/);
  const headerLine = end < 0 ? text : text.slice(0, end);
  return !headerLine.includes(",") && separatorHint([headerLine]).includes("semicolon");
}

/** Semicolons and commas swapped: CSV parsed with commas after the swap is the text parsed with semicolons, once swapped back. */
const swapSeparators = (s: string) => s.replace(/[;,]/g, (ch) => (ch === ";" ? "," : ";"));

function withSemicolons(csv: CsvText): CsvText {
  return { ...csv, header: csv.header.map(swapSeparators), rows: csv.rows.map((row) => row.map(swapSeparators)) };
}

/**
 * A JSON array of flat records (`[{"la_code": …, "indicator": …, "numerator": 20, "denominator": 40}]`) as a table for
 * the differencing rule, its header every key met; undefined for any other JSON. Nested values are left to the JSON rules.
 */
export function recordsTable(json: unknown): { header: string[]; rows: string[][] } | undefined {
  if (!Array.isArray(json) || json.length === 0 || !json.every((r) => r !== null && typeof r === "object" && !Array.isArray(r))) return undefined;
  const header = [...new Set(json.flatMap((r) => Object.keys(r as object)))];
  const cell = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");
  return { header, rows: json.map((r) => header.map((k) => cell((r as Record<string, unknown>)[k]))) };
}
