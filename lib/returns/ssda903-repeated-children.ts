/**
 * A child listed in more than one row of OC2, OC3 or Header, the rows different in a column the figures read (exact
 * copies of OC2 and OC3 rows are read once before: ssda903-exact-copies; rows the same in every column the figures
 * read, FIGURE_COLUMNS as the row readers read them, other columns differing, are read once here: AGREEING_ROW_RULES).
 * Each table lists a child once:
 * DfE's SSDA903 validation fails a return with a child twice in either (the D2I / Social Finance validator, data-to-insight/csc-validator-be-903, lac_validator/rules/lac2022_23:
 * rule_INT33.py "Internal Check: Child should only exist once in OC2.", rule_INT34.py "… once in OC3.", each flagging
 * every row of such a child, not the second only). Both rows had been read, the child counted twice in the denominator
 * of cla_convicted_pct and cla_substance_misuse_pct (OC2), or of the care-leaver figures (OC3), and in their numerators
 * as often as the rows said so.
 *
 * Which of two different rows is the child's cannot be told (a correction added beside the row it corrects, a record
 * saved twice with one code changed), so none is kept: every row of the child is dropped (REPEATED_CHILD_RULES, each
 * entry naming the child's other rows in its detail), so that the child is in neither numerator nor denominator of the
 * figures its table gives. The children left out are counted in one warning per table naming its rows
 * (REPEATED_CHILDREN_LEFT_OUT), controlled in the package like every count of records, and said once on the screen.
 *
 * Header lists a child once too (rule_INT32.py "… once in Header."), and gives two things: that the child is looked after
 * in the year (its episodes and incidents are checked against it) and the date of birth (DOB), which only the age
 * cohort of cla_long_term_stability_pct reads (FIGURE_COLUMNS.Header). Rows of a child that differ in DOB do not put the
 * first in doubt, so the child is kept, its first row read without a date of birth (ChildOnceRows.birthDatesNotTaken,
 * as a missing one is: another year's Header of the run may give it) and its other rows dropped, logged and counted as
 * OC2's and OC3's are. The first row had been taken and the others dropped as "child listed twice in Header", whatever
 * their DOB said: an age from a date the return itself contradicts, without a word (round 24). Rows the same in DOB,
 * another column differing (SEX, UPN), or every column (an exact copy), are read once, the drop naming the columns that
 * differ. Episodes and Missing hold many rows of a child by design (Episodes' own rule is ssda903-overlaps).
 *
 * A table whose rows of repeated children are more than MIXED_YEARS_SHARE of its rows and MIXED_YEARS_MIN_ROWS or more
 * is refused (tooManyToDrop), by the rule and bounds that refuse an Episodes table of many overlapping episodes: a few
 * come from data entry and leaving their children out lets the others' figures stand, while many say the table mixes
 * two exports (last year's OC3 pasted under this year's: most care leavers are in both, with other ages and
 * activities), whose figures no dropping of rows puts right. One bound for every table keeps "too many to drop" one rule.
 * The synthetic returns hold no such child (0 of 42,122 OC2 rows and 45,000 OC3 rows, 30 LAs; none in Header).
 */
import { DataError } from "../errors";
import { joinWords } from "../join-words";
import { collectionYearLabel } from "./dates";
import { FIGURE_COLUMNS, type FigureColumn } from "./cla-indicators";
import type { ReturnsImportLog } from "./import-issues";
import type { Ssda903File } from "./ssda903-records";
import { READ_AS } from "./ssda903-row-readers";
import type { TableRows } from "./ssda903-table-rows";
import { MIXED_YEARS_SHARE, readWhenFew, shareAboveLimit, tooManyToDrop } from "./ssda903-table-year";

/**
 * The tables that list a child once, whose figures leave out a child listed in more than one row with rows that differ
 * (Header: the figure that reads what they differ in, its age cohort).
 */
export type ChildOnceTable = "OC2" | "OC3" | "Header";

/** The words of each table, `words` of OC2, OC3 and Header: the rules below say the same of the tables, Header's ending apart. */
function perTable(words: (table: ChildOnceTable) => string): Readonly<Record<ChildOnceTable, string>> {
  return Object.freeze({ OC2: words("OC2"), OC3: words("OC3"), Header: words("Header") });
}

/** The figures each table's children are counted in (numerator and denominator). */
const FIGURES_OF_TABLE: Readonly<Record<ChildOnceTable, string>> = Object.freeze({
  OC2: "cla_convicted_pct and cla_substance_misuse_pct",
  OC3: "care_leavers_eet_19_21_pct and care_leavers_suitable_accom_19_21_pct",
  Header: "cla_long_term_stability_pct (its age cohort, children under 16)",
});

/** The columns each table's figures read (FIGURE_COLUMNS), as the rules name them: "DOB, IN_TOUCH, ACTIV and ACCOM". */
export const FIGURE_COLUMN_WORDS = perTable((t) => joinWords(FIGURE_COLUMNS[t]));

/**
 * Rule of each row of a child listed in more than one row of the table, the rows different in a column the figures read
 * (the child's rows the same there are read once before: AGREEING_ROW_RULES). The child's other rows are in
 * the entry's detail (`returns --log FILE`), never in the rule (a rule naming a row is a rule of one row, each count
 * withheld), and the child's identifier nowhere (the log withholds CHILD's value).
 */
export const REPEATED_CHILD_RULES = perTable((t) =>
  t === "Header"
    ? `a child in more than one row of Header, the rows different in a column the figures read (${FIGURE_COLUMN_WORDS.Header}) (DfE's validation: a child is in Header once): which date of birth is the child's cannot be told, so none is taken: the child's first row is read without one (a warning), the child kept in every other figure, and its other rows are dropped; the child is left out of ${FIGURES_OF_TABLE.Header} (numerator and denominator) unless another year's Header of the run gives the date`
    : `a child in more than one row of ${t}, the rows different in a column the figures read (${FIGURE_COLUMN_WORDS[t]}) (DfE's validation: a child is in ${t} once): which row is the child's cannot be told, so every row of the child is dropped, the child left out of ${FIGURES_OF_TABLE[t]} (numerator and denominator)`,
);

/** Rule of the warning counting, per table, the children left out under REPEATED_CHILD_RULES (its count is the children's). */
export const REPEATED_CHILDREN_LEFT_OUT = perTable((t) =>
  t === "Header"
    ? `Header: children listed in more than one row, the rows different in a column the figures read (${FIGURE_COLUMN_WORDS.Header}), read without a date of birth: left out of ${FIGURES_OF_TABLE.Header} unless another year's Header of the run gives one`
    : `${t}: children listed in more than one row, the rows different in a column the figures read, left out of ${FIGURES_OF_TABLE[t]}`,
);

/**
 * Rule of the children of a run whose Headers of two of its years give different dates of birth (DfE's Header holds a
 * child's one date of birth): which is the child's cannot be told, so none is taken, as for a child's Header rows of
 * one year that differ in it (REPEATED_CHILD_RULES.Header; read-ssda903 runBirthMonths). The latest year's had been
 * taken without a word (round 24). Counted as children (the log's count), never naming a child or a date.
 */
export const BIRTH_DATES_DIFFER_ACROSS_YEARS_RULE =
  "children whose Headers of two years of the run give different dates of birth (DOB), read without one: which is each child's cannot be told, so each is left out of cla_long_term_stability_pct (its age cohort, children under 16), every other figure counting the child";

/**
 * Rule of a row of a child that says, to every figure, what an earlier row of the child says: the same in each column
 * the figures read (FIGURE_COLUMNS) as the row readers read it (READ_AS: a code in any case, a date however padded),
 * other columns differing (an export's own row id or timestamp; SDQ_SCORE in OC2). Which row is the child's does not
 * matter, so the row is read once and the child counted once, as an exact copy is; such rows had been taken for rows
 * that differ, the child left out of the figures (care leavers 447/668 → 445/666 for an OC3 with a ROW_ID column and
 * three rows appended again; a hostile review, round 23).
 */
export const AGREEING_ROW_RULES = perTable(
  (t) =>
    `a child's row that is the same as an earlier row of the child in every column the ${t} figures read (${FIGURE_COLUMN_WORDS[t]}; ${t === "Header" ? "" : "codes in any case, "}dates however written), other columns differing: the row is read once, the child counted once`,
);

/** What withoutRepeatedChildren keeps of a table. */
export interface ChildOnceRows<F extends Ssda903File> {
  /** The table without the rows dropped. */
  table: TableRows<F>;
  /**
   * The error of a table with too many rows of children whose rows differ (tooManyToDrop, of the rows left once agreeing
   * rows are read once), to be thrown once the LA-year's tables are all read (a table of another year is said first).
   */
  error: DataError | undefined;
  /** Header: the rows kept whose DOB is not to be read (the first row of each child whose rows differ in it); else empty. */
  birthDatesNotTaken: ReadonlySet<number>;
}

const NO_ROWS: ReadonlySet<number> = Object.freeze(new Set<number>());

/**
 * An OC2, OC3 or Header table without the rows of children it lists more than once (its exact copies already dropped):
 * a row the same as an earlier row of its child in every column the figures read is dropped under AGREEING_ROW_RULES
 * (the child's first such row is read); the rows of a child whose rows still differ in such a column are each logged
 * under REPEATED_CHILD_RULES (OC2, OC3: every one dropped; Header: the first kept, its date of birth not taken, the
 * others dropped), the children counted in a warning naming their rows (REPEATED_CHILDREN_LEFT_OUT); each said once on
 * the screen. Rows without a CHILD are left to the row reader (dropped there as "missing child identifier"). The
 * table has the columns its figures read (FIGURE_COLUMNS: OC3's and Header's are required of it, and an OC2 table
 * without its own is skipped before, by oc2Usable). The input is not changed.
 * @example
 * const { table, error } = withoutRepeatedChildren(withoutExactCopies(readTable(oc3File, log), log), log);
 */
export function withoutRepeatedChildren<F extends Ssda903File>(t: TableRows<F>, log: ReturnsImportLog): ChildOnceRows<F> {
  const which = t.file.table;
  if (which !== "OC2" && which !== "OC3" && which !== "Header") return { table: t, error: undefined, birthDatesNotTaken: NO_ROWS };
  const once = withoutAgreeingRows(t, which, log);
  const rowsOf = rowsByChild(once);
  const repeated = new Set<number>();
  // Header keeps each such child's first row (the child is looked after in the year whatever its date of birth)
  const kept = new Set<number>();
  let children = 0;
  for (const rows of rowsOf.values()) {
    if (rows.length < 2) continue;
    children++;
    for (const row of rows) repeated.add(row);
    if (which === "Header") kept.add(rows[0]);
  }
  if (children === 0) return { table: once, error: undefined, birthDatesNotTaken: NO_ROWS };
  logRepeatedChildren(once, which, rowsOf, { repeated, kept, children }, log);
  const table = { ...once, rows: once.rows.filter((r) => !repeated.has(r.row) || kept.has(r.row)) };
  return { table, error: tooManyRepeated(once, which, repeated.size), birthDatesNotTaken: kept };
}

/**
 * Log each row of `repeated` (of children whose rows differ) under REPEATED_CHILD_RULES, naming the child's other rows: a
 * drop, or for a row `kept` (Header's first of a child) a warning on its DOB; then the children (REPEATED_CHILDREN_LEFT_OUT,
 * naming every row) and one notice.
 */
function logRepeatedChildren(
  t: TableRows<Ssda903File>,
  which: ChildOnceTable,
  rowsOf: ReadonlyMap<string, readonly number[]>,
  { repeated, kept, children }: { repeated: ReadonlySet<number>; kept: ReadonlySet<number>; children: number },
  log: ReturnsImportLog,
): void {
  const cChild = t.col.get("CHILD")!;
  // Header's rows differ in DOB, the column the entries name (its value withheld, as the child's is)
  const column = which === "Header" ? "DOB" : "CHILD";
  const k = t.col.get(column)!;
  for (const { row, cells } of t.rows) {
    if (!repeated.has(row)) continue;
    const others = otherRowsWords(rowsOf.get(cells[cChild])!, row);
    if (kept.has(row)) {
      log.warn(t.file.name, row, column, cells[k], REPEATED_CHILD_RULES[which], `${others}; the row is read without its date of birth`);
    } else log.drop(t.file.name, row, column, cells[k], REPEATED_CHILD_RULES[which], others);
  }
  const rows = [...repeated].sort((a, b) => a - b);
  if (which === "Header") {
    log.leftOut(t.file.name, REPEATED_CHILDREN_LEFT_OUT.Header, `their rows: ${rows.join(", ")} (the first of each child read without its date of birth, the others dropped)`, children);
    log.notice(
      t.file.name,
      `children listed in more than one row of Header with different dates of birth (DOB), read without one (the import log counts them and names their rows): which is each child's cannot be told, so each is left out of ${FIGURES_OF_TABLE.Header} unless another year's Header of the run gives the date; every other figure counts the child`,
      "correct the child's record so that Header lists each child once, and export the table again",
    );
    return;
  }
  log.leftOut(t.file.name, REPEATED_CHILDREN_LEFT_OUT[which], `their rows: ${rows.join(", ")} (each dropped); the figures are computed without them`, children);
  log.notice(
    t.file.name,
    `children listed in more than one row of ${which}, the rows different in a column the figures read (${FIGURE_COLUMN_WORDS[which]}), left out of ${FIGURES_OF_TABLE[which]} (the import log counts them and names their rows): which row is each child's cannot be told`,
    `correct the child's record so that ${which} lists each child once, and export the table again`,
  );
}

/** The row numbers of each CHILD of the table, in row order (rows without a CHILD left out). */
function rowsByChild(t: TableRows<Ssda903File>): Map<string, number[]> {
  const cChild = t.col.get("CHILD")!;
  const rowsOf = new Map<string, number[]>();
  for (const { row, cells } of t.rows) {
    if (cells[cChild] === "") continue;
    const rows = rowsOf.get(cells[cChild]);
    if (rows === undefined) rowsOf.set(cells[cChild], [row]);
    else rows.push(row);
  }
  return rowsOf;
}

/**
 * The table without each row that is the same as an earlier row of its child in every column the figures read
 * (FIGURE_COLUMNS, as READ_AS reads them), each dropped under AGREEING_ROW_RULES naming the row it agrees with, and
 * said once on the screen. Only a child's rows are compared, and only a child with more than one row is keyed.
 */
function withoutAgreeingRows<F extends Ssda903File>(t: TableRows<F>, which: ChildOnceTable, log: ReturnsImportLog): TableRows<F> {
  const columns: readonly FigureColumn[] = FIGURE_COLUMNS[which];
  const cChild = t.col.get("CHILD")!;
  const repeatedChildren = new Set([...rowsByChild(t)].filter(([, rows]) => rows.length > 1).map(([child]) => child));
  if (repeatedChildren.size === 0) return t;
  const read = columns.map((c) => ({ k: t.col.get(c)!, as: READ_AS[c] }));
  const firstOf = new Map<string, { row: number; cells: readonly string[] }>();
  const agreeing = new Set<number>();
  for (const { row, cells } of t.rows) {
    if (!repeatedChildren.has(cells[cChild])) continue;
    // JSON of the child and its cells as read: two rows have the same key only when each of these is the same
    const key = JSON.stringify([cells[cChild], ...read.map(({ k, as }) => as(cells[k]))]);
    const first = firstOf.get(key);
    if (first === undefined) {
      firstOf.set(key, { row, cells });
      continue;
    }
    agreeing.add(row);
    log.drop(t.file.name, row, "(row)", "", AGREEING_ROW_RULES[which], agreeingRowWords(t.col, columns, first, cells));
  }
  if (agreeing.size === 0) return t;
  log.notice(
    t.file.name,
    `rows of a child the same as an earlier row of the child in every column the ${which} figures read (${FIGURE_COLUMN_WORDS[which]}), other columns differing, read once (the import log counts them): the child is counted once`,
    `the figures are those of one row per child; DfE's validation (a child is in ${which} once) still flags such a child: correct the record so that ${which} lists each child once`,
  );
  return { ...t, rows: t.rows.filter((r) => !agreeing.has(r.row)) };
}

/**
 * What an agreeing row's drop says (columns named, never values): the row it is the same as in the figures' columns,
 * those of them written differently (10/6/2003 and 10/06/2003), and the other columns that differ (Header's SEX, an
 * export's row id), at most OTHER_ROWS_NAMED of them, so that a child recorded two ways in a column no figure reads is
 * still said.
 * @example agreeingRowWords(col, ["DOB"], { row: 2, cells: ["A", "1", "01/05/2012"] }, ["A", "2", "1/5/2012"]) // "the same as row 2 in DOB (DOB written differently); different in SEX"
 */
function agreeingRowWords(
  col: ReadonlyMap<string, number>,
  figureColumns: readonly string[],
  first: { row: number; cells: readonly string[] },
  cells: readonly string[],
): string {
  const written: string[] = [];
  const others: string[] = [];
  for (const [name, k] of col) {
    // a column without a name (a trailing comma's) cannot be named
    if (name === "CHILD" || name === "" || cells[k] === first.cells[k]) continue;
    (figureColumns.includes(name) ? written : others).push(name);
  }
  const more = others.length - OTHER_ROWS_NAMED;
  const writtenWords = written.length === 0 ? "" : ` (${joinWords(written)} written differently)`;
  const otherWords = others.length === 0 ? "" : `; different in ${more > 0 ? `${others.slice(0, OTHER_ROWS_NAMED).join(", ")} and ${more} more` : joinWords(others)}`;
  const copy = written.length === 0 && others.length === 0 ? " (every column the same: a copy)" : "";
  return `the same as row ${first.row} in ${joinWords(figureColumns)}${copy}${writtenWords}${otherWords}`;
}

/** A drop's detail names at most this many of the child's other rows: the warning lists every row once. */
const OTHER_ROWS_NAMED = 5;

/**
 * "the child's other rows: 4, 9" — the first OTHER_ROWS_NAMED of them, "and N more" after: a table of one CHILD in
 * 16,000 rows had listed every other row in every row's detail (16,000 lists of 16,000: 15 s and 1.8 GB before its
 * refusal; a hostile review, round 23), where this is linear.
 * @example otherRowsWords([2, 4, 9], 4) // "the child's other rows: 2, 9"
 */
function otherRowsWords(rowsOfChild: readonly number[], row: number): string {
  const named: number[] = [];
  for (let k = 0; k < rowsOfChild.length && named.length < OTHER_ROWS_NAMED; k++) if (rowsOfChild[k] !== row) named.push(rowsOfChild[k]);
  const more = rowsOfChild.length - 1 - named.length;
  return `the child's other ${rowsOfChild.length === 2 ? "row" : "rows"}: ${named.join(", ")}${more > 0 ? ` and ${more} more (the warning lists every row)` : ""}`;
}

/**
 * The error for an OC2, OC3 or Header table `t` of which `dropped` rows are of children listed more than once (tooManyToDrop:
 * more than MIXED_YEARS_SHARE of its rows, and MIXED_YEARS_MIN_ROWS or more), or undefined.
 */
function tooManyRepeated(t: TableRows<Ssda903File>, which: ChildOnceTable, dropped: number): DataError | undefined {
  const of = t.rows.length;
  if (!tooManyToDrop(dropped, of)) return undefined;
  const label = collectionYearLabel(t.file.year);
  return new DataError({
    file: t.file.name,
    column: "CHILD",
    value: `${dropped} of its ${of} rows`,
    expected: `each child in one row (DfE's SSDA903 validation: a child is in ${which} once): ${shareAboveLimit(dropped, of)} of its rows (more than ${100 * MIXED_YEARS_SHARE}%) are of children listed in more than one row with rows that differ in ${FIGURE_COLUMN_WORDS[which]}, so the table probably mixes two exports (another year's ${which}, or another export of ${label}, pasted in), and which row is each child's cannot be told; export the ${label} table again (${readWhenFew("rows")})`,
  });
}
