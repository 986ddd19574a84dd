/**
 * Whether an SSDA903 table is of its folder's collection year, from the dates in it: another year's table filed under
 * this year (a copy of last year's, or next year's export saved in the wrong folder) had been counted as this year's,
 * exit 0 (last year's tables: cla_3plus_placements_pct 0 of 129). What each table's dates can tell:
 * - Episodes and Missing list spans (an episode of care, an incident) open in the year. One that ended before the year
 *   began, or began after it ended, is not in that year's return. The table is another year's when some span says so
 *   and none says otherwise (spansOfAnotherYear).
 * - Header, OC2 and OC3 hold only dates of birth, and each return's children are of ages its year fixes (BirthCohort).
 *   The table is another year's when some date of birth is outside this year's ages and every one is within another
 *   year's (birthsOfAnotherYear): a table of this year with a mistyped date of birth fits no other year unless it is
 *   small, and the message then names how many dates are out so that the user can tell.
 * - A table of the year with some rows of a later year in it (episodes or incidents starting after its 31 March,
 *   children born after it) mixes years: each such row is dropped (or, in Header, warned about) by the row readers,
 *   and a table where they are many (rowsOfLaterYears: MIXED_YEARS_SHARE, MIXED_YEARS_MIN_ROWS) is refused.
 * - So does one with rows of an earlier year: an episode that ended before the year began, of a child with no episode
 *   in the year (rowsBeforeTheYear), and an incident that ended before it began. Each is dropped by the row readers;
 *   an Episodes table where such episodes are many is refused (rowsOfEarlierYears). An earlier episode of a child
 *   looked after in the year is that child's history (long-term stability counts a period of care begun before the
 *   year from it) and is kept. No figure counts an incident before the year, so a Missing table is not refused for them.
 * Each check returns the error rather than throwing it, so that readSsda903 can give the one of the strongest evidence
 * (WRONG_YEAR_EVIDENCE_ORDER) when a whole folder is of another year.
 */
import { DataError } from "../errors";
import { collectionYear, collectionYearLabel, collectionYearOf, dayNumber, parseUkDate } from "./dates";
import type { Ssda903File } from "./ssda903-records";
import type { TableRows } from "./ssda903-table-rows";
import type { Ssda903Table } from "./ssda903-tables";

/** An episode or incident: its first day and its last (null while open), as day numbers. */
export interface DaySpan {
  start: number;
  end: number | null;
}

/** A span of a table's row: the row's number and its child's identifier as the table gives it (never kept). */
export interface TableSpan extends DaySpan {
  row: number;
  child: string;
}

/** Where a table's spans are and how they are named in messages. */
export interface SpanTable {
  /** The columns of a span's first day and of its last (blank while open). */
  start: string;
  end: string;
  /** What a return of the year `label` lists. */
  listed: (label: string) => string;
  /** What a span is, in the plural ("episodes"). */
  plural: string;
  /**
   * Whether a span that ended before the year began is kept as the history of a child with a span in the year
   * (an episode: long-term stability needs a period of care or placement begun before the year), or is of an earlier
   * year whatever the child (an incident: no figure counts one before the year).
   */
  keepsHistory: boolean;
}

/** The spans of an Episodes table. */
export const EPISODE_SPANS: SpanTable = { start: "DECOM", end: "DEC", listed: (label) => `the episodes open in ${label}`, plural: "episodes", keepsHistory: true };

/** The spans of a Missing table. */
export const MISSING_SPANS: SpanTable = {
  start: "MIS_START", end: "MIS_END", listed: (label) => `the missing and away incidents of ${label}`, plural: "incidents", keepsHistory: false,
};

/**
 * Share of a table's dated rows of another year (an episode or incident starting after the collection year's 31 March,
 * a child born after it; an episode that ended before its 1 April, of a child with no episode in the year) above which
 * the table is refused as mixing years, when they are also MIXED_YEARS_MIN_ROWS or more. A return holds none (DfE's
 * SSDA903 lists the episodes and incidents of its year, and children born by its end). A few come from a mistyped year
 * or from an export taken days after the year without its dates (in the synthetic returns a month's new episodes are
 * about 5% of a year's table): those rows are dropped, each with its rule, and the year's figures stand. More is a
 * table mixing years (another year's rows pasted in, an export of the wrong dates), whose own year's rows they stand in
 * for are lost, so no drop can put its figures right: the hostile review's table with 30% of its rows moved a year on
 * had 1,183 of 6,015 episodes (20%) starting after the year, exit 0, with cla_3plus_placements_pct 13.9% → 5.7%.
 * The same bounds refuse a table whose episodes overlap (ssda903-overlaps), which mixes two extracts.
 */
export const MIXED_YEARS_SHARE = 0.05;

/** Fewest rows of another year for a table to be refused as mixing years: a mistyped year is a row or two. */
export const MIXED_YEARS_MIN_ROWS = 5;

/** Whether `rows` of a table's `dated` rows are too many to drop: more than MIXED_YEARS_SHARE of them, and MIXED_YEARS_MIN_ROWS or more. */
export function tooManyToDrop(rows: number, dated: number): boolean {
  return rows >= MIXED_YEARS_MIN_ROWS && rows > MIXED_YEARS_SHARE * dated;
}

/**
 * The share `rows` of `dated` is, for a refusal saying it is more than MIXED_YEARS_SHARE: in per cent, rounded down to
 * one decimal, or to more when one would not show it above the limit (Math.round had made 350 of 6,375, 5.49%, read
 * "5% … (more than 5%)").
 * @example
 * shareAboveLimit(350, 6375) // "5.4%"; shareAboveLimit(501, 10000) // "5.01%"; shareAboveLimit(6, 100) // "6%"
 */
export function shareAboveLimit(rows: number, dated: number): string {
  const percent = (100 * rows) / dated;
  const limit = 100 * MIXED_YEARS_SHARE;
  for (let decimals = 1; decimals <= 6; decimals++) {
    const scale = 10 ** decimals;
    const shown = Math.floor(percent * scale + 1e-9) / scale;
    if (shown > limit) return `${Number(shown.toFixed(decimals))}%`;
  }
  return `${percent}%`;
}

/**
 * What is read of a table whose rows of another year (or overlapping rows, `what`) are few, said in its refusal: the
 * rule, in words true for a table of any size (a table of 76 episodes with 5 rows of 1–3 April is refused, which
 * "an export taken a few days late would have been read" had said it would not be).
 * @example
 * readWhenFew("rows") // "a table is read, those rows dropped and each counted in the import log, only when they are at most 5% of its rows or fewer than 5"
 */
export function readWhenFew(what: string): string {
  return `a table is read, those ${what} dropped and each counted in the import log, only when they are at most ${100 * MIXED_YEARS_SHARE}% of its ${what} or fewer than ${MIXED_YEARS_MIN_ROWS}`;
}

/**
 * The error for a table of collection year `year` in which `later` of its `dated` rows (those with a date that says
 * which year they are of) are of a later year, or undefined when they are MIXED_YEARS_SHARE of them or fewer, or fewer
 * than MIXED_YEARS_MIN_ROWS.
 * @param what how the rows and the column are named: the column, what the return lists, what the rows are and are after
 * @example
 * rowsOfLaterYears(file, 1183, 6015, { column: "DECOM", listed: "the episodes open in 2022-23", rows: "episodes", after: "start after" })
 * // DataError: '… got "1183 of its 6015 episodes", expected the episodes open in 2022-23, … 19.6% of its episodes start after that day …'
 */
export function rowsOfLaterYears(
  file: Ssda903File,
  later: number,
  dated: number,
  what: { column: string; listed: string; rows: string; after: string },
): DataError | undefined {
  if (!tooManyToDrop(later, dated)) return undefined;
  const label = collectionYearLabel(file.year);
  const share = shareAboveLimit(later, dated);
  return new DataError({
    file: file.name,
    column: what.column,
    value: `${later} of its ${dated} ${what.rows}`,
    expected: `${what.listed}, the collection year of its folder, which ends on 31 March ${file.year}: ${share} of its ${what.rows} ${what.after} that day (more than ${100 * MIXED_YEARS_SHARE}%), so the table mixes ${label} with a later year, or was exported after the year without the year's dates; export the ${label} table again (${readWhenFew(what.rows)})`,
  });
}

/**
 * The error for an Episodes table of collection year `year` in which `earlier` of its `dated` episodes ended before the
 * year began and are of children with no episode in the year (rowsBeforeTheYear), or undefined when they are
 * MIXED_YEARS_SHARE of them or fewer, or fewer than MIXED_YEARS_MIN_ROWS.
 * @example
 * rowsOfEarlierYears(file, 1203, 7218, EPISODE_SPANS)
 * // DataError: '… got "1203 of its 7218 episodes", expected the episodes open in 2022-23, … 16.6% of its episodes (more than 5%) ended before that day …'
 */
export function rowsOfEarlierYears(file: Ssda903File, earlier: number, dated: number, table: SpanTable): DataError | undefined {
  if (!tooManyToDrop(earlier, dated)) return undefined;
  const label = collectionYearLabel(file.year);
  const share = shareAboveLimit(earlier, dated);
  return new DataError({
    file: file.name,
    column: table.end,
    value: `${earlier} of its ${dated} ${table.plural}`,
    expected: `${table.listed(label)}, the collection year of its folder, which begins on 1 April ${file.year - 1}: ${share} of its ${table.plural} (more than ${100 * MIXED_YEARS_SHARE}%) ended before that day, of children with none in ${label}, so the table mixes ${label} with an earlier year (the earlier ${table.plural} of a child looked after in ${label} are kept, as its history); export the ${label} table again (${readWhenFew(table.plural)})`,
  });
}

/**
 * The rows of a table's spans that are of an earlier year than the table's, `year`: each span that ended before the
 * year began, unless the table keeps it as history (SpanTable.keepsHistory) and its child has a span reaching the year
 * (open, or ending in it or later, and starting by its end). The row readers drop these rows and spansOfAnotherYear
 * counts them, by this one rule.
 * @example
 * rowsBeforeTheYear(tableSpans(episodes, EPISODE_SPANS), 2023, EPISODE_SPANS) // Set { 12, 13 }: a child's episodes of 2021 alone
 */
export function rowsBeforeTheYear(spans: readonly TableSpan[], year: number, table: SpanTable): Set<number> {
  const { start: yearStart, end: yearEnd } = collectionYear(year);
  const inYear = new Set<string>();
  if (table.keepsHistory) for (const s of spans) if (s.child !== "" && s.start <= yearEnd && (s.end === null || s.end >= yearStart)) inYear.add(s.child);
  const rows = new Set<number>();
  for (const s of spans) if (s.end !== null && s.end < yearStart && !inYear.has(s.child)) rows.add(s.row);
  return rows;
}

/**
 * The error for a table of spans that is another year's, or undefined. Earlier: no span starts or ends in the year or
 * later, and some ended before it began. Later: no span ends in the year or before (every one is open or ends after
 * it), and some started after it ended. A table whose spans are all open and began before the year is of this year
 * (an LA whose few children stayed in their placements all year has one), and so is one with a span ending in the year.
 * A table of the year with many spans starting after it is refused as mixing years (rowsOfLaterYears), and so is one
 * with many spans ending before it that are not history (rowsOfEarlierYears, for a table keeping history: Episodes).
 * @example
 * const error = spansOfAnotherYear(file, tableSpans(table, EPISODE_SPANS), EPISODE_SPANS);
 */
export function spansOfAnotherYear(file: Ssda903File, spans: readonly TableSpan[], table: SpanTable): DataError | undefined {
  const { start: yearStart, end: yearEnd } = collectionYear(file.year);
  let latest = -Infinity;
  let latestStart = -Infinity;
  let endedBefore = 0;
  let startedAfter = 0;
  let endedByYearEnd = false;
  let dated = 0;
  for (const s of spans) {
    dated++;
    latest = Math.max(latest, s.start, s.end ?? -Infinity);
    latestStart = Math.max(latestStart, s.start);
    if (s.end !== null && s.end < yearStart) endedBefore++;
    if (s.end !== null && s.end <= yearEnd) endedByYearEnd = true;
    if (s.start > yearEnd) startedAfter++;
  }
  const label = collectionYearLabel(file.year);
  if (latest < yearStart && endedBefore > 0) {
    return new DataError({
      file: file.name,
      column: `${table.start}, ${table.end}`,
      value: `the latest start or end in ${collectionYearLabel(collectionYearOf(latest))}`,
      expected: `${table.listed(label)}, the collection year of its folder: none starts or ends in ${label} or later, and ${endedBefore} ended before it began (a ${label} return does not list them), so this is an earlier year's table; move it to the folder of its year`,
    });
  }
  if (!endedByYearEnd && startedAfter > 0) {
    return new DataError({
      file: file.name,
      column: `${table.start}, ${table.end}`,
      value: `the latest start in ${collectionYearLabel(collectionYearOf(latestStart))}`,
      expected: `${table.listed(label)}, the collection year of its folder: none ends in ${label} or before, and ${startedAfter} started after it ended (a ${label} return does not list them), so this is a later year's table; move it to the folder of its year`,
    });
  }
  const later = rowsOfLaterYears(file, startedAfter, dated, { column: table.start, listed: table.listed(label), rows: table.plural, after: "start after" });
  return later ?? (table.keepsHistory ? rowsOfEarlierYears(file, rowsBeforeTheYear(spans, file.year, table).size, dated, table) : undefined);
}

/** The children a table of dates of birth lists in a collection year, by the days of birth they can have. */
export interface BirthCohort {
  /** Who the table of the year `label` lists (the whole year `year`, for dates). */
  who: (label: string, year: number) => string;
  /** The first and last day of birth (inclusive) of a child in the table of collection year `year`. */
  births: (year: number) => { first: number; last: number };
}

/**
 * Header: children looked after at some time in the year, so born by its 31 March and not 18 before it began (one
 * whose 18th birthday is its 1 April was looked after that day).
 */
export const HEADER_COHORT: BirthCohort = {
  who: (label) => `children looked after at some time in ${label} (born by its last day, and not 18 before its first)`,
  births: (year) => ({ first: dayNumber(year - 19, 4, 1)!, last: collectionYear(year).end }),
};

/**
 * OC2: children looked after on 31 March for at least 12 months (DfE, outcomes of children looked after), so born by
 * 1 April of the year before (looked after from birth that day) and not 18 before 31 March (a child leaves care at 18).
 */
export const OC2_COHORT: BirthCohort = {
  who: (label, year) => `children looked after continuously for 12 months at 31 March ${year}, the end of ${label} (born by 1 April ${year - 1}, and not 18 before 31 March ${year})`,
  births: (year) => ({ first: dayNumber(year - 18, 3, 31)!, last: dayNumber(year - 1, 4, 1)! }),
};

/** OC3: care leavers whose 17th to 21st birthday is in the year (DfE; 19th to 21st before 2016, a subset). */
export const OC3_COHORT: BirthCohort = {
  who: (label) => `care leavers whose 17th, 18th, 19th, 20th or 21st birthday is in ${label}`,
  births: (year) => ({ first: dayNumber(year - 22, 4, 1)!, last: dayNumber(year - 17, 3, 31)! }),
};

/** Farthest collection year from the folder's that a table of dates of birth is looked for in. */
const MAX_YEARS_AWAY = 30;

/**
 * The error for a table of dates of birth (its DOB column) that is another year's, or undefined: some date of birth
 * is outside `cohort`'s days of birth for the folder's year, and every one is within those of another year (the
 * nearest such year is named). A table with no date of birth, or whose dates fit no single year (a mistyped one
 * among many), is left to the row readers.
 * @example
 * const error = birthsOfAnotherYear(oc3Table, OC3_COHORT);
 */
export function birthsOfAnotherYear(t: TableRows<Ssda903File>, cohort: BirthCohort): DataError | undefined {
  const days = daysOfBirth(t);
  if (days === undefined) return undefined;
  const year = t.file.year;
  const { first, last } = cohort.births(year);
  let earliest = Infinity;
  let latest = -Infinity;
  const dated = days.length;
  let before = 0;
  let after = 0;
  for (const dob of days) {
    earliest = Math.min(earliest, dob);
    latest = Math.max(latest, dob);
    if (dob < first) before++;
    else if (dob > last) after++;
  }
  if (before + after === 0) return undefined;
  const fits = (y: number): boolean => {
    const b = cohort.births(y);
    return b.first <= earliest && latest <= b.last;
  };
  for (let away = 1; away <= MAX_YEARS_AWAY; away++) {
    const found = [year - away, year + away].find(fits);
    if (found === undefined) continue;
    const label = collectionYearLabel(year);
    const which = found > year ? "a later" : "an earlier";
    return new DataError({
      file: t.file.name,
      column: "DOB",
      value: `dates of birth that fit ${collectionYearLabel(found)}, not ${label}`,
      expected: `${cohort.who(label, year)}, the collection year of its folder: ${before + after} of its ${dated} dates of birth ${before + after === 1 ? "is" : "are"} outside that year's, and every one fits ${collectionYearLabel(found)}'s, so this is ${which} year's table; move it to the folder of its year (or, if those rows are of this year, correct their dates of birth)`,
    });
  }
  return undefined;
}

/**
 * The error for a Header table of the year in which many children are born after its 31 March (rowsOfLaterYears): a
 * return's children were born by then, and a later year's Header rows among them are its babies taken into care since.
 * A few (a mistyped year) are warned about by readHeader, the children kept.
 * @example
 * const error = birthsOfAnotherYear(headerTable, HEADER_COHORT) ?? birthsAfterTheYear(headerTable);
 */
export function birthsAfterTheYear(t: TableRows<Ssda903File>): DataError | undefined {
  const days = daysOfBirth(t);
  if (days === undefined) return undefined;
  const lastDay = collectionYear(t.file.year).end;
  const after = days.filter((dob) => dob > lastDay).length;
  const listed = HEADER_COHORT.who(collectionYearLabel(t.file.year), t.file.year);
  return rowsOfLaterYears(t.file, after, days.length, { column: "DOB", listed, rows: "dates of birth", after: "are after" });
}

/** The days of birth in a table's DOB column, rows without a date dd/mm/yyyy left out; undefined without the column. */
function daysOfBirth(t: TableRows<Ssda903File>): number[] | undefined {
  const cDob = t.col.get("DOB");
  if (cDob === undefined) return undefined;
  const days: number[] = [];
  for (const { cells } of t.rows) {
    const dob = parseUkDate(cells[cDob]);
    if (dob !== undefined) days.push(dob);
  }
  return days;
}

/**
 * The order in which the tables' evidence of another year is given when several tables of one year are another
 * year's (a whole folder copied): dates of care and incidents first, dates of birth last.
 */
export const WRONG_YEAR_EVIDENCE_ORDER: readonly Ssda903Table[] = ["Episodes", "Missing", "Header", "OC2", "OC3"];

/**
 * A table's spans: each row whose start is a date, ended at its end when that is a date not before it (blank: open),
 * with its row and child. A row with a bad date says nothing of the year (the row readers drop it).
 * @example
 * tableSpans(missingTable, MISSING_SPANS) // [{ start: 19300, end: 19302, row: 1, child: "C1" }, …]
 */
export function tableSpans(t: TableRows<Ssda903File>, table: SpanTable): TableSpan[] {
  const cStart = t.col.get(table.start)!;
  const cEnd = t.col.get(table.end);
  const cChild = t.col.get("CHILD")!;
  const spans: TableSpan[] = [];
  for (const { row, cells } of t.rows) {
    const start = parseUkDate(cells[cStart]);
    if (start === undefined) continue;
    const endText = cEnd === undefined ? "" : cells[cEnd];
    const end = endText === "" ? null : parseUkDate(endText);
    if (end === undefined || (end !== null && end < start)) continue;
    spans.push({ start, end, row, child: cells[cChild] });
  }
  return spans;
}

/**
 * The error for a table read that is another year's by its dates (Episodes, Missing, Header, OC2, OC3), or undefined.
 * @example
 * const error = tableOfAnotherYear(readTable(file, log));
 */
export function tableOfAnotherYear(t: TableRows<Ssda903File>): DataError | undefined {
  switch (t.file.table) {
    case "Episodes":
      return spansOfAnotherYear(t.file, tableSpans(t, EPISODE_SPANS), EPISODE_SPANS);
    case "Missing":
      return spansOfAnotherYear(t.file, tableSpans(t, MISSING_SPANS), MISSING_SPANS);
    case "Header":
      return birthsOfAnotherYear(t, HEADER_COHORT) ?? birthsAfterTheYear(t);
    case "OC2":
      return birthsOfAnotherYear(t, OC2_COHORT);
    case "OC3":
      return birthsOfAnotherYear(t, OC3_COHORT);
    default:
      return undefined;
  }
}

/**
 * Throw the error of the strongest evidence (WRONG_YEAR_EVIDENCE_ORDER) that a table of one LA-year is another year's,
 * given each table's (tableOfAnotherYear), if any.
 * @example
 * refuseTablesOfAnotherYear(new Map([["OC3", error]])) // throws error
 */
export function refuseTablesOfAnotherYear(errors: ReadonlyMap<Ssda903Table, DataError>): void {
  for (const table of WRONG_YEAR_EVIDENCE_ORDER) {
    const error = errors.get(table);
    if (error !== undefined) throw error;
  }
}
