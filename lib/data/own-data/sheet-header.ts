/**
 * Which row of an own-data sheet is its header. LA spreadsheets often open with a title above the table ("Family group
 * conferences per 1,000 children, 2023", merged across the columns), the header on row 2 or 3; the first row with a
 * value had been taken as the header, and the sheet refused for having no LA column (or passed over for a "Cover"
 * sheet), telling the analyst to choose another sheet.
 *
 * The rule, safe because it moves nothing that could be data: the header is the first row with a value, unless that
 * row names no LA column and a row below it does, within {@link MAX_ROWS_ABOVE_HEADER} rows with a value, while every
 * row with a value above that one holds text in column A alone (a title, a subtitle, a source line; a merged title
 * keeps its text in its first cell): a row of one cell is neither a header, which names at least an LA and a value
 * column, nor a row of data. Then that row is the header and the rows above are left out, as `add` says. Rows above
 * it with more cells, or with their one cell in another column (a label over some columns: a header over two rows),
 * are not guessed at, nor is a header followed by a second row naming an LA column (group labels above the header,
 * one of them "Area"): the sheet is refused, saying to delete the rows above the header.
 */

/** Rows with a value looked through above a header: a title, a subtitle and a few lines of notes. */
export const MAX_ROWS_ABOVE_HEADER = 5;

/** Where a sheet's header is: its index in the sheet's rows (row 1 = 0), and the rows with a value above it. */
export interface SheetHeader {
  /** Index of the header in the sheet's rows (row 1 of the sheet = 0); -1 when no row has a value. */
  index: number;
  /** Indices of the rows with a value above the header (left out of the table). */
  above: number[];
  /**
   * When a row below the first names an LA column but a row above it is not a title (text in column A alone), or the
   * row after it names an LA column too, which row is the header is not told: what the sheet was expected to be, for
   * the error that refuses it.
   */
  refusal?: string;
}

/**
 * The header of a sheet's rows, as the module comment says.
 * @param rows - the sheet's rows of cell text (row 1 first)
 * @param namesArea - whether a row names a column identifying the LA (read-table.ts AREA_KEY_COLUMNS)
 * @example
 * findSheetHeader([["FGC per 1,000, 2023"], [], ["la_code", "period", "fgc"], ["E06000001", "2023", "4.5"]], (r) => r.includes("la_code"))
 * // { index: 2, above: [0] }
 */
export function findSheetHeader(rows: readonly (readonly string[])[], namesArea: (row: readonly string[]) => boolean): SheetHeader {
  const withValue: number[] = [];
  for (let i = 0; i < rows.length && withValue.length <= MAX_ROWS_ABOVE_HEADER; i++) if (filledCells(rows[i]) > 0) withValue.push(i);
  if (withValue.length === 0) return { index: -1, above: [] };
  if (namesArea(rows[withValue[0]])) return { index: withValue[0], above: [] };
  const k = withValue.findIndex((i) => namesArea(rows[i]));
  if (k < 0) return { index: withValue[0], above: [] };
  const [index, above] = [withValue[k], withValue.slice(0, k)];
  const notTitles = above.filter((i) => !isTitle(rows[i]));
  const next = rows.findIndex((r, i) => i > index && filledCells(r) > 0);
  const refusal =
    notTitles.length > 0
      ? `${ROW_ONE}: row ${index + 1} names the LA column, but ${rowWords(notTitles)} above it ${notTitles.length === 1 ? "is" : "are"} more than a title in column A (labels over the columns?), so which row is the header cannot be told; ${DELETE_ABOVE(index + 1)}`
      : next >= 0 && namesArea(rows[next])
        ? `${ROW_ONE}: rows ${index + 1} and ${next + 1} both name an LA column, so which is the header cannot be told; ${DELETE_ABOVE(next + 1)}`
        : undefined;
  return refusal === undefined ? { index, above } : { index, above, refusal };
}

const ROW_ONE = "a table whose header is its first row (or below a title in column A)";
const DELETE_ABOVE = (header: number) => `delete the rows above row ${header} or move them to another sheet, so that the header, with each column's whole name, is the first row, then add the file again`;

/** "row 2", "rows 1, 3". */
function rowWords(indices: readonly number[]): string {
  return indices.length === 1 ? `row ${indices[0] + 1}` : `rows ${indices.map((i) => i + 1).join(", ")}`;
}

/**
 * The note `add` gives when it took a header below titles: which row, and the rows left out.
 * @example titleRowsNote("Data", 3, [1]) // 'sheet "Data": row 3 taken as the header; row 1 above it (a title) left out'
 */
export function titleRowsNote(sheet: string, headerRow: number, aboveRows: readonly number[]): string {
  const rows = aboveRows.length === 1 ? `row ${aboveRows[0]}` : `rows ${aboveRows.join(", ")}`;
  return `sheet "${sheet}": row ${headerRow} taken as the header; ${rows} above it (${aboveRows.length === 1 ? "a title" : "titles or notes in column A"}) left out`;
}

/** A row whose one cell with text is its first (column A): a title, merged across or not. */
function isTitle(row: readonly string[]): boolean {
  return row.length > 0 && row[0].trim() !== "" && filledCells(row) === 1;
}

function filledCells(row: readonly string[]): number {
  let n = 0;
  for (const c of row) if (c.trim() !== "") n++;
  return n;
}
