/**
 * Cell references of a worksheet: the column letters of an index (written in references and messages) and the
 * column of a reference like `B12` (read, with the sheet's column limit).
 */
import { DataError, InputError } from "../../../errors";
import { MAX_SHEET_COLUMNS } from "./ods-cells";

/**
 * Column letters of a 0-based column index (0 → A, 26 → AA): the inverse of the reference's letters, for cell
 * references written (the analysis workbook, synthetic Annex A lists) or named in messages (own data's percent cells).
 * @example columnLetters(27) // "AB"
 */
export function columnLetters(index: number): string {
  if (!(Number.isInteger(index) && index >= 0)) throw new InputError("columnLetters", "index must be a whole number ≥ 0", index);
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Zero-based column of a cell reference like `B12` (letters then digits, scanned by hand).
 * @throws DataError naming the file and sheet for a reference that is not one, or past the column limit
 * @example columnIndex("AB7", "book.xlsx", "Data") // 27
 */
export function columnIndex(ref: string, file: string, sheet: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  let digits = i;
  while (digits < ref.length && ref.charCodeAt(digits) >= 48 && ref.charCodeAt(digits) <= 57) digits++;
  if (i === 0 || i > 3 || digits !== ref.length) throw new DataError({ file, sheet, value: ref.slice(0, 20), expected: "a cell reference like B12" });
  if (n > MAX_SHEET_COLUMNS) throw new DataError({ file, sheet, ...cellAt(ref), value: ref, expected: `at most ${MAX_SHEET_COLUMNS} columns` });
  return n - 1;
}

/**
 * The 1-based row of a cell reference like `B12` (its digits after the letters), or NaN when it is not one.
 * @example rowOfReference("B12") // 12
 */
export function rowOfReference(ref: string): number {
  const m = /^[A-Z]{1,3}(\d{1,7})$/.exec(ref);
  return m === null ? Number.NaN : Number(m[1]);
}

/**
 * Where a cell reference like `B12` is, as a {@link DataError} names it in a sheet: the row number and the column
 * letters the spreadsheet shows; only what can be read (nothing for a reference that is not one, or none).
 * @example cellAt("B12") // { row: 12, column: "B" }
 * @example cellAt(undefined) // {}
 */
export function cellAt(ref: string | undefined): { row?: number; column?: string } {
  const m = ref === undefined ? null : /^([A-Z]{1,3})(\d{1,7})$/.exec(ref);
  return m === null ? {} : { row: Number(m[2]), column: m[1] };
}
