/**
 * The row readers of the SSDA903 tables (Header, Episodes, Missing, OC2, OC3, and the tables no indicator uses yet),
 * apart from readSsda903, which reads an LA's years with them: each turns one table's rows into the minimised records
 * the indicators use, dropping or warning about a bad row as the module comment of lib/returns/read-ssda903 says.
 */
import { FIGURE_COLUMNS, type FigureColumn } from "./cla-indicators";
import { birthMonth, collectionYear, parseUkDate } from "./dates";
import type { ReturnsImportLog } from "./import-issues";
import type { CareLeaverRecord, ClaEpisode, MissingIncident, Oc2Record, Ssda903File } from "./ssda903-records";
import type { TableRows } from "./ssda903-table-rows";
import { EPISODE_SPANS, MISSING_SPANS, rowsBeforeTheYear, tableSpans } from "./ssda903-table-year";
import {
  ACCOMMODATION_RE, ACTIVITY_CODES, CARE_LEAVER_EXCLUDED_IN_TOUCH, CIN_NEED_CODES, IN_TOUCH_CODES, LS_CODES, MISSING_CODES, PLACE_CODES, REC_CODES, RNE_CODES,
  SEX_CODES,
} from "./ssda903-tables";

/**
 * The row's child as a keyed pseudonym, or undefined when the row is dropped (and logged): a blank identifier,
 * or — given the Header's children — one that Header does not list (`table` names the table in the message).
 */
function childOfRow(
  name: string,
  row: number,
  raw: string,
  la: string,
  pseudo: (la: string, c: string) => string,
  log: ReturnsImportLog,
  inHeader?: { children: ReadonlySet<string>; table: string },
): string | undefined {
  if (raw === "") {
    log.drop(name, row, "CHILD", raw, "missing child identifier");
    return undefined;
  }
  const child = pseudo(la, raw);
  if (inHeader !== undefined && !inHeader.children.has(child)) {
    log.drop(name, row, "CHILD", raw, `child in ${inHeader.table} missing from Header`);
    return undefined;
  }
  return child;
}

/**
 * Rules of an episode or a missing incident starting after the collection year's 31 March: a return lists those of its
 * year, so the row is a later year's (or its date mistyped); dropped, it is counted under its rule, and a table with
 * many is refused as mixing years (lib/returns/ssda903-table-year rowsOfLaterYears). Read, such an episode had been
 * dropped as "overlapping episodes" when the child's episode of the year was still open, or kept, with no word of
 * another year (a table with 1,183 of 6,015 episodes after the year: exit 0).
 */
export const LATER_EPISODE_RULE = "episode starts after 31 March of its return's year (a row of a later year, or a mistyped date)";
export const LATER_INCIDENT_RULE = "incident starts after 31 March of its return's year (a row of a later year, or a mistyped date)";

/**
 * Rule of an episode that ended before 1 April of its return's year, of a child with no episode reaching the year
 * (rowsBeforeTheYear): a return lists the episodes open in its year, and an earlier one only as the history of a child
 * looked after in it (kept: long-term stability counts from it). Such an episode changes no figure of the year (its
 * child was not looked after in it) and had been kept without a word, so a table holding many (another year's rows
 * pasted in) went unnoticed; a table with many is now refused (ssda903-table-year rowsOfEarlierYears).
 */
export const EARLIER_EPISODE_RULE = "episode ended before 1 April of its return's year, of a child with no episode in that year (a row of an earlier year)";

/**
 * Rule of a missing or away incident that ended before 1 April of its return's year: a return lists the incidents of its
 * year, and no figure counts an earlier one (cla_missing_pct counts incidents starting in the year), so the row is
 * dropped and counted, the table not refused. Such rows had been kept without a word.
 */
export const EARLIER_INCIDENT_RULE = "incident ended before 1 April of its return's year (a row of an earlier year: no figure counts it)";

/**
 * Say on the screen that rows of an earlier year were dropped from a table, once per table (`keepsHistory`: the table
 * keeps an earlier row of a child with a row in the year, as Episodes does).
 */
function noticeEarlierRows(file: string, plural: string, keepsHistory: boolean, log: ReturnsImportLog): void {
  log.notice(
    file,
    keepsHistory
      ? `${plural} that ended before 1 April of the return's year, of children with none in the year, dropped (the import log counts them): a return lists those of its year, and earlier ones only of a child looked after in it`
      : `${plural} that ended before 1 April of the return's year dropped (the import log counts them): a return lists those of its year, and no figure counts earlier ones`,
    `if the table holds an earlier year's rows, export the year's ${plural} again`,
  );
}

/**
 * Say on the screen that rows of a later year were dropped from a table (`plural`: what they are), once per table:
 * the year's figures are counted without them, and a table that mixes years has lost the year's rows they stand in for.
 */
function noticeLaterRows(file: string, plural: string, log: ReturnsImportLog): void {
  log.notice(
    file,
    `${plural} starting after 31 March of the return's year dropped (the import log counts them): a return lists those of its year`,
    `if the table was exported after the year without the year's dates, or holds a later year's rows, export the year's ${plural} again`,
  );
}

/** A code as the row readers read it: upper-cased (`refu` is REFU). */
const readCode = (cell: string): string => cell.toUpperCase();

/**
 * Each column a figure reads (FIGURE_COLUMNS) as readOc2 and readOc3 read it, as text: a code upper-cased, a date of
 * birth as its day (`27/5/2002` is `27/05/2002`; one that is not a date as its text), a flag as written (0, 1 or
 * blank: a flag has no case). Two rows giving the same for each column say the same to every figure
 * (ssda903-repeated-children).
 * @example
 * READ_AS.IN_TOUCH("refu") // "REFU"; READ_AS.DOB("27/5/2002") === READ_AS.DOB("27/05/2002") // true
 */
export const READ_AS: Readonly<Record<FigureColumn, (cell: string) => string>> = Object.freeze({
  DOB: (cell: string) => String(parseUkDate(cell) ?? `not a date: ${cell}`),
  CONVICTED: (cell: string) => cell,
  SUBSTANCE_MISUSE: (cell: string) => cell,
  IN_TOUCH: readCode,
  ACTIV: readCode,
  ACCOM: readCode,
});

/** Rule of a Header row kept without a date of birth (claCounts says, per year, how many it left out). */
export const MISSING_BIRTH_DATE_RULE =
  "date of birth missing or not a date dd/mm/yyyy: the child is kept, left out of the age-based indicator only (cla_long_term_stability_pct, children under 16)";

/**
 * Rule of a Header row whose date of birth is after its collection year (a child not yet born cannot be looked after:
 * a mistyped year), treated as a date of birth that is not a date: the age it gives would place the child in no cohort.
 */
export const FUTURE_BIRTH_DATE_RULE =
  "date of birth after the collection year's 31 March: the child is kept, left out of the age-based indicator only (cla_long_term_stability_pct, children under 16)";

/** What readHeader reads a Header table into, and the rows whose date of birth it is not to read. */
export interface HeaderInto {
  /** Each child's pseudonym. */
  inHeader: Set<string>;
  /** The day of birth by child pseudonym. */
  birthDays: Map<string, number>;
  /**
   * Rows whose DOB is not read (withoutRepeatedChildren: the first row of a child whose rows differ in it, logged there):
   * the child is in Header, without a date of birth.
   */
  birthDatesNotTaken?: ReadonlySet<number>;
}

/**
 * Read a Header table: each child's pseudonym into `inHeader` (a child listed twice is dropped: readSsda903 gives a
 * table of a child once, withoutRepeatedChildren) and the day of birth into `birthDays` when it is a date not after the
 * collection year's 31 March (else a warning: the child is kept, left out of the age-based indicator only) and its row
 * is not in `birthDatesNotTaken`.
 * @example
 * readHeader(table, "E09000001", pseudo, { inHeader, birthDays }, log); // inHeader.has(pseudo("E09000001", "C1"))
 */
export function readHeader(
  t: TableRows<Ssda903File>,
  la: string,
  pseudo: (la: string, c: string) => string,
  { inHeader, birthDays, birthDatesNotTaken }: HeaderInto,
  log: ReturnsImportLog,
): void {
  const name = t.file.name;
  const lastDay = collectionYear(t.file.year).end;
  const cChild = t.col.get("CHILD")!;
  const cSex = t.col.get("SEX")!;
  const cDob = t.col.get("DOB")!;
  for (const { row, cells } of t.rows) {
    const raw = cells[cChild];
    if (raw === "") {
      log.drop(name, row, "CHILD", raw, "missing child identifier");
      continue;
    }
    if (!SEX_CODES.has(cells[cSex])) log.warn(name, row, "SEX", cells[cSex], "unknown code (expected 1 or 2)");
    const child = pseudo(la, raw);
    if (inHeader.has(child)) {
      log.drop(name, row, "CHILD", raw, "child listed twice in Header");
      continue;
    }
    inHeader.add(child);
    if (birthDatesNotTaken?.has(row)) continue;
    // only long-term stability needs the age: the child's episodes and incidents count everywhere else
    const dob = parseUkDate(cells[cDob]);
    if (dob === undefined) log.warn(name, row, "DOB", cells[cDob], MISSING_BIRTH_DATE_RULE);
    else if (dob > lastDay) log.warn(name, row, "DOB", cells[cDob], FUTURE_BIRTH_DATE_RULE);
    else birthDays.set(child, dob);
  }
}

/**
 * Read an Episodes table's episodes into `into` by child, dropping (and logging) a row starting after the collection
 * year (LATER_EPISODE_RULE) or of an earlier year (EARLIER_EPISODE_RULE), each said once on the screen, whose child is blank or absent
 * from the year's Header, with a bad date, an end before its start or an unknown RNE or LS; an unknown PLACE, CIN or REC,
 * which decides no indicator, is a warning and the row is kept.
 * @example
 * readEpisodes(table, "E09000001", pseudo, inHeader, episodesByChild, log); // episodesByChild.get(child)?.[0].start
 */
export function readEpisodes(
  t: TableRows<Ssda903File>,
  la: string,
  pseudo: (la: string, c: string) => string,
  inHeader: ReadonlySet<string>,
  into: Map<string, ClaEpisode[]>,
  log: ReturnsImportLog,
): void {
  const name = t.file.name;
  const c = (k: string) => t.col.get(k);
  const [cChild, cDecom, cRne, cLs, cPlace, cDec] = ["CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC"].map((k) => c(k)!);
  const cCin = c("CIN");
  const cRec = c("REC");
  const lastDay = collectionYear(t.file.year).end;
  const earlierRows = rowsBeforeTheYear(tableSpans(t, EPISODE_SPANS), t.file.year, EPISODE_SPANS);
  let later = 0;
  for (const { row, cells } of t.rows) {
    const start = parseUkDate(cells[cDecom]);
    // before the Header check: a later year's episode is often of a child that year's Header adds, an earlier year's
    // of one it no longer lists
    if (start !== undefined && start > lastDay) {
      log.drop(name, row, "DECOM", cells[cDecom], LATER_EPISODE_RULE);
      later++;
      continue;
    }
    if (earlierRows.has(row)) {
      log.drop(name, row, "DEC", cells[cDec], EARLIER_EPISODE_RULE);
      continue;
    }
    const child = childOfRow(name, row, cells[cChild], la, pseudo, log, { children: inHeader, table: "Episodes" });
    if (child === undefined) continue;
    if (start === undefined) {
      log.drop(name, row, "DECOM", cells[cDecom], "start date is not a date dd/mm/yyyy");
      continue;
    }
    let end: number | null = null;
    if (cells[cDec] !== "") {
      const d = parseUkDate(cells[cDec]);
      if (d === undefined) {
        log.drop(name, row, "DEC", cells[cDec], "end date is not a date dd/mm/yyyy or blank");
        continue;
      }
      if (d < start) {
        log.drop(name, row, "DEC", cells[cDec], "episode ends before it starts");
        continue;
      }
      end = d;
    }
    const rne = cells[cRne].toUpperCase();
    if (!RNE_CODES.has(rne)) {
      log.drop(name, row, "RNE", cells[cRne], "unknown reason for new episode (expected S, L, P, T, U or B)");
      continue;
    }
    const ls = cells[cLs].toUpperCase();
    if (!LS_CODES.has(ls)) {
      log.drop(name, row, "LS", cells[cLs], "unknown legal status");
      continue;
    }
    const place = cells[cPlace].toUpperCase();
    if (!PLACE_CODES.has(place)) log.warn(name, row, "PLACE", cells[cPlace], "unknown placement type (kept: only A3–A6 decide an indicator)");
    if (cCin !== undefined && cells[cCin] !== "" && !CIN_NEED_CODES.has(cells[cCin].toUpperCase())) log.warn(name, row, "CIN", cells[cCin], "unknown category of need (kept)");
    if (cRec !== undefined && cells[cRec] !== "" && !REC_CODES.has(cells[cRec].toUpperCase())) log.warn(name, row, "REC", cells[cRec], "unknown reason episode ceased (kept)");
    const e: ClaEpisode = { child, start, end, rne, ls, place, file: name, row };
    const list = into.get(child);
    if (list) list.push(e);
    else into.set(child, [e]);
  }
  if (later > 0) noticeLaterRows(name, "episodes", log);
  if (earlierRows.size > 0) noticeEarlierRows(name, "episodes", true, log);
}

/**
 * A Missing table's incidents, a row dropped (and logged) when it starts after the collection year (LATER_INCIDENT_RULE)
 * or ended before it began (EARLIER_INCIDENT_RULE), each said once on the screen, its child is blank or absent from the year's Header, its code
 * is not M or A, or its dates are bad or end before they start.
 * @example
 * readMissing(table, "E09000001", pseudo, inHeader, log); // [{ child, kind: "M", start }]
 */
export function readMissing(t: TableRows<Ssda903File>, la: string, pseudo: (la: string, c: string) => string, inHeader: ReadonlySet<string>, log: ReturnsImportLog): MissingIncident[] {
  const name = t.file.name;
  const [cChild, cKind, cStart] = ["CHILD", "MISSING", "MIS_START"].map((k) => t.col.get(k)!);
  const cEnd = t.col.get("MIS_END");
  const lastDay = collectionYear(t.file.year).end;
  const earlierRows = rowsBeforeTheYear(tableSpans(t, MISSING_SPANS), t.file.year, MISSING_SPANS);
  let later = 0;
  const out: MissingIncident[] = [];
  for (const { row, cells } of t.rows) {
    const start = parseUkDate(cells[cStart]);
    if (start !== undefined && start > lastDay) {
      log.drop(name, row, "MIS_START", cells[cStart], LATER_INCIDENT_RULE);
      later++;
      continue;
    }
    if (earlierRows.has(row)) {
      log.drop(name, row, "MIS_END", cEnd === undefined ? "" : cells[cEnd], EARLIER_INCIDENT_RULE);
      continue;
    }
    const child = childOfRow(name, row, cells[cChild], la, pseudo, log, { children: inHeader, table: "Missing" });
    if (child === undefined) continue;
    const kind = cells[cKind].toUpperCase();
    if (!MISSING_CODES.has(kind)) {
      log.drop(name, row, "MISSING", cells[cKind], "unknown code (expected M or A)");
      continue;
    }
    if (start === undefined) {
      log.drop(name, row, "MIS_START", cells[cStart], "start date is not a date dd/mm/yyyy");
      continue;
    }
    if (cEnd !== undefined && cells[cEnd] !== "") {
      const end = parseUkDate(cells[cEnd]);
      if (end === undefined || end < start) {
        log.drop(name, row, "MIS_END", cells[cEnd], end === undefined ? "end date is not a date dd/mm/yyyy or blank" : "incident ends before it starts");
        continue;
      }
    }
    out.push({ child, kind, start });
  }
  if (later > 0) noticeLaterRows(name, "incidents", log);
  if (earlierRows.size > 0) noticeEarlierRows(name, "incidents", false, log);
  return out;
}

/**
 * An OC3 table's care leavers, a row dropped (and logged) when its child is blank, its date of birth or IN_TOUCH is bad, or, for a
 * young person in the care-leaver cohorts (not DIED or RHOM), its ACTIV or ACCOM code is unknown.
 * @example
 * readOc3(table, "E09000001", pseudo, log); // [{ child, birthMonth, inTouch: "YES", activity, accommodation }]
 */
export function readOc3(t: TableRows<Ssda903File>, la: string, pseudo: (la: string, c: string) => string, log: ReturnsImportLog): CareLeaverRecord[] {
  const name = t.file.name;
  const cChild = t.col.get("CHILD")!;
  const [cDob, cTouch, cActiv, cAccom] = FIGURE_COLUMNS.OC3.map((k) => t.col.get(k)!);
  const out: CareLeaverRecord[] = [];
  for (const { row, cells } of t.rows) {
    const child = childOfRow(name, row, cells[cChild], la, pseudo, log);
    if (child === undefined) continue;
    const dob = parseUkDate(cells[cDob]);
    if (dob === undefined) {
      log.drop(name, row, "DOB", cells[cDob], "date of birth missing or not a date dd/mm/yyyy: left out of care_leavers_eet_19_21_pct and care_leavers_suitable_accom_19_21_pct (the cohort is by age)");
      continue;
    }
    const inTouch = READ_AS.IN_TOUCH(cells[cTouch]);
    if (!IN_TOUCH_CODES.has(inTouch)) {
      log.drop(name, row, "IN_TOUCH", cells[cTouch], "unknown code (expected YES, NO, DIED, REFU, NREQ or RHOM)");
      continue;
    }
    const activity = READ_AS.ACTIV(cells[cActiv]);
    if (CARE_LEAVER_EXCLUDED_IN_TOUCH.has(inTouch)) {
      // DfE validation rule 344: ACTIV and ACCOM should not be provided for a young person who died or returned home,
      // so blanks are what the return should hold; the row is outside every care-leaver cohort, so no code decides anything
      const accommodation = READ_AS.ACCOM(cells[cAccom]);
      if (activity !== "" && !ACTIVITY_CODES.has(activity)) log.warn(name, row, "ACTIV", cells[cActiv], "unknown activity code (kept: DIED and RHOM are outside the care-leaver cohorts)");
      if (accommodation !== "" && !ACCOMMODATION_RE.test(accommodation)) log.warn(name, row, "ACCOM", cells[cAccom], "unknown accommodation code (kept: DIED and RHOM are outside the care-leaver cohorts)");
      out.push({ child, birthMonth: birthMonth(dob), inTouch, activity, accommodation });
      continue;
    }
    if (!ACTIVITY_CODES.has(activity)) {
      log.drop(name, row, "ACTIV", cells[cActiv], "unknown activity code");
      continue;
    }
    const accommodation = READ_AS.ACCOM(cells[cAccom]);
    if (!ACCOMMODATION_RE.test(accommodation)) {
      log.drop(name, row, "ACCOM", cells[cAccom], "unknown accommodation code (expected a type letter and 1 or 2, or 0)");
      continue;
    }
    out.push({ child, birthMonth: birthMonth(dob), inTouch, activity, accommodation });
  }
  return out;
}

/**
 * Rule of an OC2 row kept without a valid date of birth (warned before its flags are checked): those of them with
 * CONVICTED recorded are the children cla_convicted_pct leaves out (claCounts' leftOut), so their count is among this one.
 */
export const OC2_BIRTH_DATE_RULE =
  "date of birth missing or not a date dd/mm/yyyy: the row is kept, left out of the age-based indicator only (cla_convicted_pct, aged 10–17)";

/** OC2 flags: 1 (yes), 0 (no) or blank (not recorded). */
const FLAG_RE = /^[01]?$/;

/**
 * Whether an OC2 table has the columns its indicators need (FIGURE_COLUMNS.OC2; CHILD is required of every table); if
 * not, its skip is logged. The one check of them: OC3's are required of the table (SSDA903_REQUIRED).
 * @example
 * if (oc2Usable(table, log)) outcomes.push(...readOc2(table, "E09000001", pseudo, log));
 */
export function oc2Usable(t: TableRows<Ssda903File>, log: ReturnsImportLog): boolean {
  if (FIGURE_COLUMNS.OC2.every((c) => t.col.has(c))) return true;
  log.skippedRows(t.file.name, "OC2 table without DOB, CONVICTED or SUBSTANCE_MISUSE: its outcome indicators are left out", undefined, t.rows.length);
  return false;
}

/**
 * An OC2 table's records (its columns checked by oc2Usable), a row dropped (and logged) when its child is blank or CONVICTED or
 * SUBSTANCE_MISUSE is not 0, 1 or blank; a bad date of birth is a warning and the row is kept.
 * @example
 * readOc2(table, "E09000001", pseudo, log); // [{ child, birthMonth, convicted: "0", substanceMisuse: "" }]
 */
export function readOc2(t: TableRows<Ssda903File>, la: string, pseudo: (la: string, c: string) => string, log: ReturnsImportLog): Oc2Record[] {
  const name = t.file.name;
  const cChild = t.col.get("CHILD")!;
  const [cDob, cConv, cSub] = FIGURE_COLUMNS.OC2.map((k) => t.col.get(k)!);
  const out: Oc2Record[] = [];
  for (const { row, cells } of t.rows) {
    const child = childOfRow(name, row, cells[cChild], la, pseudo, log);
    if (child === undefined) continue;
    // only the convictions cohort (aged 10–17) needs the age: substance misuse counts without it
    const dob = parseUkDate(cells[cDob]);
    if (dob === undefined) log.warn(name, row, "DOB", cells[cDob], OC2_BIRTH_DATE_RULE);
    const convicted = READ_AS.CONVICTED(cells[cConv]);
    const substanceMisuse = READ_AS.SUBSTANCE_MISUSE(cells[cSub]);
    if (!FLAG_RE.test(convicted)) {
      log.drop(name, row, "CONVICTED", convicted, "unknown code (expected 0, 1 or blank)");
      continue;
    }
    if (!FLAG_RE.test(substanceMisuse)) {
      log.drop(name, row, "SUBSTANCE_MISUSE", substanceMisuse, "unknown code (expected 0, 1 or blank)");
      continue;
    }
    out.push({ child, birthMonth: dob === undefined ? null : birthMonth(dob), convicted, substanceMisuse });
  }
  return out;
}

/**
 * Tables no indicator uses yet: check identifiers and dates, count the rows.
 * @example
 * checkOtherTable(table, log); // a blank CHILD is logged as a drop, a bad date as a warning
 */
export function checkOtherTable(t: TableRows<Ssda903File>, log: ReturnsImportLog): void {
  const cChild = t.col.get("CHILD")!;
  const dateCols = [...t.col.keys()].filter((k) => /DOB|DATE|^DUC$|^REVIEW$|^SW_DECOM$|^SW_DEC$/.test(k));
  for (const { row, cells } of t.rows) {
    if (cells[cChild] === "") log.drop(t.file.name, row, "CHILD", "", "missing child identifier");
    for (const k of dateCols) {
      const v = cells[t.col.get(k)!];
      if (v !== "" && parseUkDate(v) === undefined) log.warn(t.file.name, row, k, v, "not a date dd/mm/yyyy");
    }
  }
}
