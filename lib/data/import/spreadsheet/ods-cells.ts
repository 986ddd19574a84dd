/**
 * The cell rules of the ODS reader shared by its text path (ods.ts) and its byte path (ods-rows-bytes.ts):
 * the size limits, repeat counts, and a cell's text from its attributes and paragraphs.
 */
import { DataError } from "../../../errors";

/** Most columns a row may have (the ODF/Excel limit); a wider non-empty row is an error. */
export const MAX_SHEET_COLUMNS = 16384;
/** Most rows a sheet may have (the ODF/Excel limit). */
export const MAX_SHEET_ROWS = 1048576;
/**
 * Most cells (empty padding included, an empty row counting as one) materialised from one file's sheets:
 * 4 million, over ten times the largest real workbook read (the Ofsted 2023 underlying data: 318 k cells
 * in all its sheets). Repeats are expanded only up to the used range, but a used range of 16,384 columns
 * × 1,048,576 repeated rows would be 17 billion cells; this bound makes it a DataError in about a second
 * and a few tens of MB, instead of an out-of-memory abort.
 */
export const MAX_SHEET_CELLS = 4_000_000;
/** Longest text of one cell, in characters: Excel's limit of 32,767 characters per cell. */
export const MAX_CELL_CHARS = 32767;

/**
 * A `table:number-rows-repeated` / `-columns-repeated` / `text:c` count: 1 when absent.
 * @throws DataError unless an integer from 1 to `max`
 * @example
 * parseRepeat("3", "book.ods", "Data", MAX_SHEET_COLUMNS) // 3
 */
export function parseRepeat(raw: string | undefined, file: string, sheet: string, max: number): number {
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new DataError({ file, column: sheet, value: raw, expected: `a repeat count between 1 and ${max}` });
  }
  return n;
}

/**
 * A cell's text (OpenDocument 1.2 §9.1.4, the rules in ods.ts's module comment): a numeric cell's
 * `office:value`, a date's ISO `office:date-value` (midnight dropped), a boolean's `true`/`false`, otherwise
 * its paragraphs joined by line feeds.
 * @throws DataError on a numeric cell without a finite office:value or a date cell without an ISO date
 * @example
 * cellValue({ "office:value-type": "float", "office:value": "0.25" }, ["25%"], "book.ods", "Data") // "0.25"
 */
export function cellValue(a: Record<string, string>, paragraphs: string[], file: string, sheet: string): string {
  const type = a["office:value-type"];
  switch (type) {
    case "float":
    case "percentage":
    case "currency": {
      const v = a["office:value"];
      if (v === undefined || v.trim() === "" || !Number.isFinite(Number(v))) {
        throw new DataError({ file, column: sheet, value: v ?? "", expected: "a numeric office:value on a numeric cell" });
      }
      return v;
    }
    case "date": {
      const v = a["office:date-value"] ?? "";
      if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(v)) {
        throw new DataError({ file, column: sheet, value: v, expected: "an ISO office:date-value on a date cell" });
      }
      return v.replace(/T00:00(:00(\.0+)?)?$/, "");
    }
    case "boolean":
      return a["office:boolean-value"] === "true" ? "true" : "false";
    default:
      return paragraphs.join("\n");
  }
}
