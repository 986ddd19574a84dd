/**
 * Tables of LAs' Ofsted grades, for the disclosure scanner's table rule (./scan-rules.ts scanTable): ILACS judgements
 * coded 1-4 (1 outstanding … 4 inadequate) under Ofsted's headings, as LAIT and Ofsted's own outcomes tables give them
 * (`la_name,Overall effectiveness,Help and protection,Children in care,Care leavers`). A second read found the last two
 * read as counts of children by their names (round 25, S2-1: 6 small-count findings in a table of grades).
 *
 * A table is read as grades when it keys its rows by LA, every column that holds a number (LA keys and the period
 * apart) holds whole numbers from 1 to 4 only (blank and withheld cells apart), and one such column is named for a
 * judgement ({@link JUDGEMENT_NAME_RE}: "Overall effectiveness", `ofsted_grade`, "ILACS rating"). In such a table a column
 * is not made a count by its name speaking of people ("Children in care") or by the table's shape; a column named as a
 * count (`n_children`, `count`) still is. A table of counts of 1-4 in every cell with a column named for a judgement is
 * unlikely, and its counts would be no LA's children in care or care leavers (counted in tens or hundreds per LA).
 */
import { laKeyColumn, periodColumn } from "./la-columns";
import { isWithheldCell } from "./cross-tabs";

/**
 * Names of a judgement's column: Ofsted's ILACS headings ("Overall effectiveness", "The impact of leaders on social work
 * practice", "The experiences and progress of children in care") and names that say grade, rating or judgement.
 */
const JUDGEMENT_NAME_RE = /effectiveness|judge?ment|\bgrades?\b|(?:^|_)grades?(?:_|$)|\bratings?\b|(?:^|_)ratings?(?:_|$)|ofsted|ilacs|impact of leaders|experiences and progress/i;
/** An Ofsted grade as a table writes it: 1 to 4, or 2.0 as pandas writes a whole column with a blank. */
const GRADE_RE = /^[1-4](?:\.0+)?$/;
/** Any number: a column holding one is either all grades or the table is not one of grades. */
const NUMBER_RE = /^-?\d[\d,]*(?:\.\d+)?%?$/;

/**
 * True when a table is one of LAs' Ofsted grades (see the file's comment).
 * @example
 * isGradeTable(["la_name", "Overall effectiveness", "Children in care"], [["Rutland", "2", "3"]]) // true
 * isGradeTable(["la_name", "Children in care", "Care leavers"], [["Rutland", "2", "3"]]) // false: no judgement's name
 */
export function isGradeTable(header: readonly string[], rows: readonly (readonly string[])[]): boolean {
  if (rows.length === 0 || !header.some((h) => JUDGEMENT_NAME_RE.test(h))) return false; // cheap first: most tables name no judgement
  const la = laKeyColumn(header)?.column ?? -1;
  if (la < 0) return false;
  const period = periodColumn(header);
  let judgement = false;
  for (let k = 0; k < header.length; k++) {
    if (k === la || k === period || laKeyColumn([header[k]]) !== undefined) continue;
    const kind = columnKind(rows, k);
    if (kind === "other") return false;
    if (kind === "grades" && JUDGEMENT_NAME_RE.test(header[k])) judgement = true;
  }
  return judgement;
}

/** A column of grades (1-4, with at least one), of no number at all (names, dates), or other (a number beyond 1-4). */
function columnKind(rows: readonly (readonly string[])[], k: number): "grades" | "text" | "other" {
  let grades = 0;
  for (const cells of rows) {
    const v = (cells[k] ?? "").trim();
    if (v === "" || isWithheldCell(v)) continue;
    if (GRADE_RE.test(v)) grades++;
    else if (NUMBER_RE.test(v)) return "other";
  }
  return grades > 0 ? "grades" : "text";
}

/** What to do when a column of 1-4 read as a count in a table of LAs holds their grades: {@link isGradeTable}'s way. */
export const GRADE_HINT =
  ": if the column holds LAs' Ofsted grades (1-4) rather than counts, name one column of the table for its judgement (\"Overall effectiveness\", \"ofsted_grade\"): a table of LAs whose numbers are all grades 1-4, with a judgement's column, is read as grades";

/**
 * True when a column holds grades 1-4 only (blank and withheld cells apart), at least one: a count's finding in it then
 * says how to mark a table of grades ({@link GRADE_HINT}).
 */
export function mayBeGrades(rows: readonly (readonly string[])[], k: number): boolean {
  return columnKind(rows, k) === "grades";
}
