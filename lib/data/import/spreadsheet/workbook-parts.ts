/**
 * Where in a workbook a problem is, as its user knows the workbook: a sheet by its tab name, or, for the workbook's
 * own structure, words for what that part holds ("the workbook's shared text table"). A workbook is a zip of parts
 * (`xl/worksheets/sheet1.xml`, `xl/sharedStrings.xml`, an ODS's `content.xml`) that no user ever sees: an error had
 * named them as its column (round 26's helpers), which told an LA analyst nothing about where to look.
 */
import { DataError } from "../../../errors";

/** Where a problem of a workbook part is: the sheet it holds, or the part in words ({@link DataError}'s `sheet`, `part`). */
export interface PartPlace {
  sheet?: string;
  part?: string;
}

/**
 * The parts of an XLSX workbook (ECMA-376 Part 1, §12.3) and of an ODS spreadsheet (ODF 1.2 Part 3, §3) that the
 * readers inflate, other than sheets, by what they hold.
 */
export const WORKBOOK_PART_WORDS: Readonly<Record<string, string>> = Object.freeze({
  "xl/workbook.xml": "the workbook's list of sheets",
  "xl/_rels/workbook.xml.rels": "the workbook's list of where its sheets are stored",
  "xl/sharedStrings.xml": "the workbook's shared text table",
  "xl/styles.xml": "the workbook's cell formats",
  "content.xml": "the spreadsheet's contents (all its sheets)",
});

/** Words for a part not in {@link WORKBOOK_PART_WORDS} (the readers inflate no other but sheets, which are named). */
const OTHER_PART_WORDS = "a part of the workbook's structure";

/**
 * Where a part is: the sheet it holds (by its tab name, from `sheetOfPart`), else the part in words.
 * @example
 * partPlace("xl/sharedStrings.xml") // { part: "the workbook's shared text table" }
 * partPlace("xl/worksheets/sheet1.xml", new Map([["xl/worksheets/sheet1.xml", "Data"]])) // { sheet: "Data" }
 */
export function partPlace(name: string, sheetOfPart?: ReadonlyMap<string, string>): PartPlace {
  const sheet = sheetOfPart?.get(name);
  if (sheet !== undefined) return { sheet };
  return { part: WORKBOOK_PART_WORDS[name] ?? OTHER_PART_WORDS };
}

/**
 * `read()`, with a {@link DataError} it throws that says nothing of where it is (the XML tokenizer's, which knows only
 * the file) given the place `place`; any other error as thrown.
 * @example
 * locatedIn({ sheet: "Data" }, () => readSheetRows(xml, file)) // a malformed tag: 'book.xlsx, sheet "Data": got "<", …'
 */
export function locatedIn<T>(place: PartPlace, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof DataError) || e.constructor !== DataError || e.sheet !== undefined || e.part !== undefined || e.column !== undefined) throw e;
    throw new DataError({ file: e.file, ...place, row: e.row, value: e.value, expected: e.expected });
  }
}
