/**
 * Merged cells in an own-data sheet, refused with advice that fits where they are. Excel keeps a merged range's value
 * in its first cell and leaves the others blank, so a merged range below the header reads as blank cells. What to do
 * depends on what the range is: a header merged down over two rows (make the header one row), a note merged across
 * below the data (delete it: every row below the header is read, a blank row does not end the table), or a value
 * merged down over data rows (unmerge and fill).
 */
import { DataError } from "../../errors";
import { cellAt, columnLetters, rowOfReference } from "../import/spreadsheet/cell-refs";
import type { XlsxSheetRows } from "../import/spreadsheet/xlsx";

/** What a merged range below a sheet's header is: part of the header, a note below the data, or inside the data. */
export type MergedRangeKind = "header" | "note" | "data";

/** Merged ranges a message lists; the others are counted. */
const SHOWN_RANGES = 5;

/**
 * The merged ranges of a sheet that reach below its header row (`headerRow`, the sheet's 1-based row), each with
 * its kind: `header` when it starts in the header row or above, `note` when it starts below the last row with a value
 * of its own (a row whose only value is a merged range's first cell is not one), else `data`.
 * @example
 * // the rows of a sheet with a header, two rows of data, a blank row and a note merged across A5:C5
 * mergedRangesBelowHeader({ name: "Data", rows: [["la_code", "period", "x"], ["E06000001", "2023", "1"], ["E06000002", "2023", "2"], [], ["Source: survey"]], merged: ["A5:C5"] }, 1)
 * // [{ ref: "A5:C5", kind: "note" }]
 */
export function mergedRangesBelowHeader(sheet: XlsxSheetRows, headerRow: number): { ref: string; kind: MergedRangeKind }[] {
  const below = (sheet.merged ?? []).filter((ref) => ref.includes(":") && rowOfReference(ref.split(":")[1]) > headerRow);
  if (below.length === 0) return [];
  const firstCells = new Set(below.map((ref) => ref.split(":")[0]));
  let lastValueRow = headerRow;
  sheet.rows.forEach((cells, i) => {
    const filled = cells.flatMap((c, k) => (c.trim() === "" ? [] : [k]));
    const onlyAMergedFirstCell = filled.length === 1 && [...firstCells].some((ref) => cellAt(ref).row === i + 1 && cellAt(ref).column === columnLetters(filled[0]));
    if (filled.length > 0 && !onlyAMergedFirstCell) lastValueRow = Math.max(lastValueRow, i + 1);
  });
  return below.map((ref) => {
    const top = rowOfReference(ref.split(":")[0]);
    return { ref, kind: top <= headerRow ? "header" : top > lastValueRow ? "note" : "data" };
  });
}

/**
 * Refuse a sheet whose merged cells reach below its header (sheet row `headerRow`, 1-based), saying what to do with
 * each kind ({@link mergedRangesBelowHeader}). A period merged down 20 rows had given 19 errors `got ""` (a hostile
 * review's merged.xlsx, B2:B21); a two-row header merged down, or a merged note below the data, had been told to
 * "unmerge and fill each cell", which would have made the header's second row, or the note, a row of data.
 * @throws DataError naming the sheet and up to five merged ranges
 */
export function refuseMergedData(file: string, sheet: XlsxSheetRows, headerRow: number): void {
  const ranges = mergedRangesBelowHeader(sheet, headerRow);
  if (ranges.length === 0) return;
  const refs = ranges.map((r) => r.ref);
  const of = (kind: MergedRangeKind) => ranges.filter((r) => r.kind === kind).map((r) => r.ref);
  const mixed = new Set(ranges.map((r) => r.kind)).size > 1;
  const advice: string[] = [];
  const header = of("header");
  if (header.length > 0) {
    const last = Math.max(...header.map((ref) => rowOfReference(ref.split(":")[1])));
    const rows = last === headerRow + 1 ? `row ${last}` : `rows ${headerRow + 1}–${last}`;
    advice.push(
      `${listed(header)} merge${header.length === 1 ? "s" : ""} the header (row ${headerRow}) with ${rows} below it: the header is one row; ` +
        `unmerge ${header.length === 1 ? "it" : "them"}, give each column its whole name in row ${headerRow} (with its unit, as "my_indicator (%)") and delete ${rows}`,
    );
  }
  const note = of("note");
  if (note.length > 0) {
    advice.push(
      `${listed(note)} ${note.length === 1 ? "is" : "are"} below the data (a note or source?): delete ${note.length === 1 ? "it" : "them"} or move ${note.length === 1 ? "it" : "them"} to another sheet ` +
        "(every row below the header is read: a blank row above a note does not end the table)",
    );
  }
  const data = of("data");
  if (data.length > 0) {
    advice.push(
      `${mixed ? `${listed(data)} within the data: ` : ""}only the first cell of a merged range holds its value, the others are blank; ` +
        "unmerge them and fill each cell (in Excel: select them, Merge & Center → Unmerge Cells, then fill down with Ctrl+D)",
    );
  }
  throw new DataError({
    file,
    sheet: sheet.name,
    value: `merged cells ${listed(refs)}`,
    expected: `a table without merged cells below its header: ${advice.join("; ")}, then add the file again`,
  });
}

/** Up to {@link SHOWN_RANGES} ranges, then how many more. */
function listed(refs: readonly string[]): string {
  return `${refs.slice(0, SHOWN_RANGES).join(", ")}${refs.length > SHOWN_RANGES ? ` and ${refs.length - SHOWN_RANGES} more` : ""}`;
}
