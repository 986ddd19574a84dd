/**
 * An SSDA903 table saved in another format than its return's, refused before its rows are read (lib/returns/date-formats):
 * - its dates: a table in one of whose date columns many rows are not dates dd/mm/yyyy (or yyyy-mm-dd, read as well:
 *   parseUkDate) had every such row dropped (an Episodes table with 2-digit years: all 170 rows, the screen saying only
 *   "no episode read") or, with US dates, a refusal blaming mixed years (user trial round 27, S1-5 and S2-2);
 * - its children's ids: an Episodes or Missing table many of whose children are not in the year's Header, as when the
 *   Header was saved from Excel and its numeric ids lost their leading zeros (00000005 → 5), had every such row dropped
 *   as "child in Episodes missing from Header", the screen saying only "no episode read" (S1-5, xl0).
 * No id is ever quoted: the refusal says what the ids look like, not what they are.
 */
import { DataError } from "../errors";
import { parseUkDate } from "./dates";
import { BAD_FORMAT_SHARE, DateFormatCheck, readWhenFewFail, tooManyFailing } from "./date-formats";
import type { Ssda903File } from "./ssda903-records";
import type { TableRows } from "./ssda903-table-rows";
import type { Ssda903Table } from "./ssda903-tables";

/** The date columns each table's figures read (a blank DEC or MIS_END is an open span, not a failure). */
const DATE_COLUMNS: Partial<Record<Ssda903Table, readonly string[]>> = {
  Header: ["DOB"],
  Episodes: ["DECOM", "DEC"],
  Missing: ["MIS_START", "MIS_END"],
  OC2: ["DOB"],
  OC3: ["DOB"],
};

/** The formats an SSDA903 table's dates are read in, as a refusal names them. */
const SSDA903_DATE_FORMAT = "dd/mm/yyyy (or yyyy-mm-dd)";

/**
 * The refusal of a table in one of whose date columns more than BAD_FORMAT_SHARE of the rows (and BAD_FORMAT_MIN_ROWS
 * or more) hold text that is not a date dd/mm/yyyy or yyyy-mm-dd, naming the format found (dateFormatOf); or undefined.
 * @example
 * tableDateFormatError(episodesWithTwoDigitYears) // DataError: '…episodes.csv, row 1, column "DECOM": got "dates written dd/mm/yy …"'
 */
export function tableDateFormatError(t: TableRows<Ssda903File>): DataError | undefined {
  const columns = (DATE_COLUMNS[t.file.table] ?? []).filter((c) => t.col.has(c));
  if (columns.length === 0) return undefined;
  const check = new DateFormatCheck(t.file.name, SSDA903_DATE_FORMAT, "rows");
  for (const { row, cells } of t.rows) {
    for (const column of columns) {
      const v = cells[t.col.get(column)!];
      if (v !== "" && parseUkDate(v) === undefined) check.add(row, column, v);
    }
  }
  return check.refusal(t.rows.length);
}

/** An id without its leading zeros (an id of zeros alone keeps one). */
function withoutLeadingZeros(id: string): string {
  return id.replace(/^0+(?=.)/, "");
}

/**
 * The refusal of an Episodes or Missing table more than BAD_FORMAT_SHARE of whose rows (and BAD_FORMAT_MIN_ROWS or more)
 * are of children not in the year's Header tables, each of which the row readers would drop as "missing from Header";
 * or undefined. When most of those ids equal a Header's but for leading zeros, it says so, and which side lost them.
 * @example
 * childrenNotInHeader(episodes, [headerSavedFromExcel]) // DataError: '… column "CHILD": got "ids equal to the Header's but for leading zeros …"'
 */
export function childrenNotInHeader(t: TableRows<Ssda903File>, headerTables: readonly TableRows<Ssda903File>[]): DataError | undefined {
  if ((t.file.table !== "Episodes" && t.file.table !== "Missing") || headerTables.length === 0) return undefined;
  const ids = new Set<string>();
  const byDigits = new Map<string, string>();
  for (const h of headerTables) {
    const c = h.col.get("CHILD")!;
    for (const { cells } of h.rows) {
      if (cells[c] === "") continue;
      ids.add(cells[c]);
      byDigits.set(withoutLeadingZeros(cells[c]), cells[c]);
    }
  }
  const cChild = t.col.get("CHILD")!;
  let missing = 0;
  let zeros = 0;
  let headerShorter = 0;
  let firstRow = 0;
  for (const { row, cells } of t.rows) {
    const id = cells[cChild];
    if (id === "" || ids.has(id)) continue;
    if (missing++ === 0) firstRow = row;
    const inHeader = byDigits.get(withoutLeadingZeros(id));
    if (inHeader === undefined) continue;
    zeros++;
    if (inHeader.length < id.length) headerShorter++;
  }
  if (!tooManyFailing(missing, t.rows.length)) return undefined;
  const headers = headerTables.map((h) => h.file.name).join(", ");
  const rows = `${missing} of its ${t.rows.length} rows`;
  if (2 * zeros > missing) {
    const lost = 2 * headerShorter > zeros ? `the Header's (${headers})` : "this table's";
    const again = 2 * headerShorter > zeros ? "the Header" : "this table";
    return new DataError({
      file: t.file.name,
      row: firstRow,
      column: "CHILD",
      value: `ids equal to the Header's but for leading zeros (${zeros} of the ${missing} not in the Header)`,
      expected: `the ids of the year's Header: ${rows} are of children not in it, more than ${100 * BAD_FORMAT_SHARE}%, and ${lost} ids lost their leading zeros (a CSV saved from Excel, which reads an id of digits as a number); export ${again} again, or open it in Excel with CHILD as text (${readWhenFewFail("rows")})`,
    });
  }
  return new DataError({
    file: t.file.name,
    row: firstRow,
    column: "CHILD",
    value: `children not in the year's Header (${headers})`,
    expected: `the children of the year's Header: ${rows} are of children not in it, more than ${100 * BAD_FORMAT_SHARE}%, so the table and the Header are not of one export (another LA's or year's, or ids changed between them); export the year's tables together (${readWhenFewFail("rows")})`,
  });
}
