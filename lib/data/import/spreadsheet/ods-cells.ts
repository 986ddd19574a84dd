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
 * The `value` of the error of a cell over MAX_CELL_CHARS (ODS and XLSX): its length, never its text, since a cell of
 * an Annex A list may hold a child's id and error messages reach logs. "More than": the text past the limit is not read.
 */
export const OVERLONG_CELL_VALUE = `more than ${MAX_CELL_CHARS} characters`;

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
    throw new DataError({ file, sheet, value: raw, expected: `a repeat count between 1 and ${max}` });
  }
  return n;
}

/**
 * A cell's text (OpenDocument 1.2 §9.1.4, the rules in ods.ts's module comment): a numeric cell's
 * `office:value`, a date's ISO `office:date-value` (midnight dropped), a boolean's `true`/`false`, otherwise
 * its paragraphs joined by line feeds.
 * @param at - where the cell is (asked only for an error): its row as the spreadsheet numbers it and its column letter
 * @throws DataError naming the sheet, row and column letter, on a numeric cell without a finite office:value or a
 *   date cell without an ISO date
 * @example
 * cellValue({ "office:value-type": "float", "office:value": "0.25" }, ["25%"], "book.ods", "Data", () => ({ row: 2, column: "B" })) // "0.25"
 */
export function cellValue(a: Record<string, string>, paragraphs: string[], file: string, sheet: string, at: () => OdsCellAt): string {
  const type = a["office:value-type"];
  switch (type) {
    case "float":
    case "percentage":
    case "currency": {
      const v = a["office:value"];
      if (v === undefined || v.trim() === "" || !Number.isFinite(Number(v))) {
        throw new DataError({ file, sheet, ...at(), value: v ?? "", expected: `a number in a ${type} cell (its office:value): save the file again from LibreOffice or Excel` });
      }
      return v;
    }
    case "date": {
      const v = a["office:date-value"] ?? "";
      if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(v)) {
        throw new DataError({ file, sheet, ...at(), value: v, expected: "a date written YYYY-MM-DD in a date cell (its office:date-value): save the file again from LibreOffice or Excel" });
      }
      return v.replace(/T00:00(:00(\.0+)?)?$/, "");
    }
    case "boolean":
      return a["office:boolean-value"] === "true" ? "true" : "false";
    default:
      return paragraphs.join("\n");
  }
}

/** Where a cell is, as a {@link DataError} gives it in a workbook: its row as the spreadsheet numbers it and its column letter (cell B5: row 5, column "B"). */
export interface OdsCellAt {
  row: number;
  column: string;
}

/** Value types whose cell text is an attribute ({@link cellValue}), not the paragraphs. */
export const ATTRIBUTE_VALUED = new Set(["float", "percentage", "currency", "date", "boolean"]);

/**
 * The columns a sheet read keeps, chosen from the sheet's own rows: rows are read in full until
 * `columnsAfter` returns columns for one (a complete, non-empty row, e.g. a header), and the rows after it
 * read only those columns' cells; every other cell is {@link UNREAD_CELL}, `" "` or `""` (see
 * {@link unreadCellValue}). `key` names the choice: two filters with the same key choose the same columns.
 */
export interface OdsColumnFilter {
  key: string;
  columnsAfter(row: readonly string[]): readonly number[] | undefined;
}

/**
 * What a cell not read holds when its text is not blank (one character, so a posted sheet carries no copy of it).
 * A real cell never holds it: XML 1.0 allows no NUL character.
 */
export const UNREAD_CELL = "\u0000";

/**
 * The value of a cell whose column is not read: `""` where the read cell would be empty, `" "` where it would
 * be blank (white space only) and {@link UNREAD_CELL} otherwise (a numeric, date or boolean cell is not
 * checked). So a filtered row has the full read's length, its empty rows, and the same blank cells.
 * @example
 * unreadCellValue({ "office:value-type": "float" }, []) // UNREAD_CELL
 * unreadCellValue({}, [" ", ""]) // " "
 */
export function unreadCellValue(a: Record<string, string>, paragraphs: string[]): string {
  if (ATTRIBUTE_VALUED.has(a["office:value-type"])) return UNREAD_CELL;
  const text = paragraphs.join("\n");
  return text === "" ? "" : text.trim() === "" ? " " : UNREAD_CELL;
}

/**
 * An {@link OdsColumnFilter} applied to one table: which columns are read, once a row has chosen them.
 * Each question is O(1) (a count of kept columns before each column).
 */
export class ColumnChoice {
  /** keptBefore[c]: the kept columns among 0…c-1; undefined while every column is read. */
  private keptBefore: Int32Array | undefined;
  constructor(private readonly filter: OdsColumnFilter | undefined) {}

  /** Whether the filter has chosen its columns (before, every column is read). */
  get chosen(): boolean {
    return this.keptBefore !== undefined;
  }

  /** Whether any of the columns [column, column + repeat) is read. */
  reads(column: number, repeat: number): boolean {
    const kept = this.keptBefore;
    if (kept === undefined) return true;
    const last = MAX_SHEET_COLUMNS;
    return kept[Math.min(column + repeat, last)] > kept[Math.min(column, last)];
  }

  /** A complete non-empty row was read: the filter may now choose the columns of the rows after it. */
  rowRead(row: readonly string[]): void {
    if (this.keptBefore !== undefined || this.filter === undefined) return;
    const columns = this.filter.columnsAfter(row);
    if (columns === undefined) return;
    const keep = new Uint8Array(MAX_SHEET_COLUMNS);
    for (const c of columns) if (Number.isInteger(c) && c >= 0 && c < MAX_SHEET_COLUMNS) keep[c] = 1;
    const kept = new Int32Array(MAX_SHEET_COLUMNS + 1);
    for (let c = 0; c < MAX_SHEET_COLUMNS; c++) kept[c + 1] = kept[c] + keep[c];
    this.keptBefore = kept;
  }
}
