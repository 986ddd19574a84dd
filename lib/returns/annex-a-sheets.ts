/**
 * Which sheet of an Annex A workbook to read when it has two sheets of one list. A sheet copied in Excel keeps the
 * list's name with a number after it ("List 7 (2)"; "Copy of List 7" in Google Sheets, "List 7_2" in LibreOffice), so
 * it is a sheet of the same list (annexAListOfSheet), and both had been read: a copied List 7 doubled
 * cpp_second_time_pct 41/93 → 82/186 and a copied List 4 lait_continue_assess_comp 292/465 → 584/930, exit 0 (the
 * round-27 trial's S1-2). As two workbooks of one LA and year are (annex-a-extracts):
 * - of exact copies (the same cells) one is read, the one of the shortest name (the name a copy adds to), then the
 *   first in the workbook, and the others are said on the screen not to be read;
 * - two different sheets of one list, each with the list's columns, are refused, naming the workbook and both sheets:
 *   a child listed in both would be counted twice, and which one the user means to count cannot be told. A sheet
 *   without the list's columns (notes on the list) is not a second list: it is skipped with a note, as before.
 */
import { DataError } from "../errors";
import { ANNEX_A_LISTS, type AnnexAList } from "./annex-a-lists";
import type { ReturnsImportLog } from "./import-issues";

/** A list sheet of a workbook as read: its name, the list its name names and its rows of cells. */
export interface ListSheet {
  name: string;
  list: AnnexAList;
  rows: readonly (readonly string[])[];
}

/** The number of cells a row holds: its length without the empty cells at its end. */
function heldLength(row: readonly string[] | undefined): number {
  if (row === undefined) return 0;
  let n = row.length;
  while (n > 0 && row[n - 1] === "") n--;
  return n;
}

/** The number of rows a sheet holds: its rows without the empty rows at its end. */
function heldRows(rows: readonly (readonly string[])[]): number {
  let n = rows.length;
  while (n > 0 && heldLength(rows[n - 1]) === 0) n--;
  return n;
}

/**
 * Whether two sheets hold the same cells: the same text in every cell, empty cells at the end of a row and empty rows
 * at the end of the sheet aside (a copy need not keep the original's used range). Compared in place, no row copied.
 */
function sameCells(a: readonly (readonly string[])[], b: readonly (readonly string[])[]): boolean {
  const rows = heldRows(a);
  if (rows !== heldRows(b)) return false;
  for (let i = 0; i < rows; i++) {
    const n = heldLength(a[i]);
    if (n !== heldLength(b[i])) return false;
    for (let j = 0; j < n; j++) if (a[i][j] !== b[i][j]) return false;
  }
  return true;
}

/** Order of a list's sheets, the one to read first: the shortest name ("List 7" before "List 7 (2)"), then the workbook's order. */
function byOriginalName(a: { sheet: ListSheet; at: number }, b: { sheet: ListSheet; at: number }): number {
  return a.sheet.name.length - b.sheet.name.length || a.at - b.at;
}

/**
 * The sheets of a workbook to read, in the workbook's order: of each list's exact copies all but one are left out (a
 * notice names the copy and the sheet read), and two different sheets of one list that both hold its columns
 * (`holdsColumns`) are refused.
 * @param file the workbook's name, as messages give it
 * @throws DataError naming the workbook and both sheets when two different sheets of one list hold its columns
 * @example
 * oneSheetPerList("annex_a_2024-01-15.xlsx", sheets, (s) => listColumns(s) !== null, log) // "List 7 (2)" left out when a copy of "List 7"
 */
export function oneSheetPerList<T extends ListSheet>(file: string, sheets: readonly T[], holdsColumns: (sheet: T) => boolean, log: ReturnsImportLog): T[] {
  const byList = new Map<AnnexAList, { sheet: T; at: number }[]>();
  sheets.forEach((sheet, at) => byList.set(sheet.list, [...(byList.get(sheet.list) ?? []), { sheet, at }]));
  const copies = new Map<T, T>();
  for (const group of byList.values()) {
    if (group.length === 1) continue;
    const distinct: T[] = [];
    for (const { sheet } of [...group].sort(byOriginalName)) {
      const original = distinct.find((d) => sameCells(d.rows, sheet.rows));
      if (original === undefined) distinct.push(sheet);
      else copies.set(sheet, original);
    }
    const read = distinct.filter(holdsColumns);
    if (read.length > 1) throw twoSheetsOfOneList(file, read[0], read[1]);
  }
  // notices in the workbook's order, as the rest of the log
  for (const sheet of sheets) {
    const original = copies.get(sheet);
    if (original === undefined) continue;
    log.notice(`${file} [${sheet.name}]`, `Annex A sheet not read: an exact copy of [${original.name}] (the same cells), which is read`, "its children are counted once");
  }
  return sheets.filter((s) => !copies.has(s));
}

/** The refusal of two different sheets of one list in one workbook, in the words of two different workbooks of one LA and year (annex-a-extracts). */
function twoSheetsOfOneList(file: string, first: ListSheet, second: ListSheet): DataError {
  const list = `Annex A list ${first.list} (${ANNEX_A_LISTS[first.list].label})`;
  return new DataError({
    file,
    sheet: second.name,
    value: `a second sheet of ${list}, beside "${first.name}"`,
    expected: `one sheet per list: "${first.name}" and "${second.name}" are two different sheets of ${list} (their cells differ), so a child listed in both would be counted twice; keep the one to count and delete the other sheet`,
  });
}
