/**
 * Read an Ofsted Annex A workbook (xlsx) into the few facts the indicators need, pseudonymised on ingest: the
 * Child Unique ID becomes a keyed pseudonym of "LA/ID" (lib/pilot/pseudonymise) as each row is read, a date of
 * birth becomes a month of birth, and nothing else of a row is kept. The workbook is read with the confined xlsx
 * reader (lib/data/import/spreadsheet/xlsx: no DTDs, bounded parts and cells).
 *
 * Lists 3 (referrals), 4 (assessments), 7 (child protection), 8 (children looked after) and 9 (care leavers) are
 * read (annex-a-lists.ts says how they are recognised; of two sheets of one list an exact copy is read once and two
 * different ones are refused: annex-a-sheets.ts); other lists are counted as present. A row with a blank
 * identifier, a bad date or an unknown code that decides an indicator is dropped and logged with file, sheet, row
 * (the spreadsheet's row number), column (the header as written) and value (identifiers and dates withheld); so is a
 * row of any list with a date after the extract date its file name gives (AFTER_EXTRACT_RULE), and the screen says
 * that such rows were left out.
 * A list without a needed column is skipped with a note naming the column.
 */
import { readXlsxSheets, xlsxSheetNames } from "../data/import/spreadsheet/xlsx";
import { pseudonymise } from "../pilot/pseudonymise";
import {
  ANNEX_A_HEADER_SEARCH_ROWS, ANNEX_A_LISTS, annexAActivity, annexAInTouch, annexALegalStatus, annexAListOfSheet, annexASuitable, normaliseHeader, type AnnexAList,
} from "./annex-a-lists";
import { addMonths, birthMonth, collectionYearOf, datesInName, isoDate, parseIsoDate, parseUkDate } from "./dates";
import { DateFormatCheck } from "./date-formats";
import { oneSheetPerList } from "./annex-a-sheets";
import type { ReturnsImportLog } from "./import-issues";
import type { CinAssessment, CinPlan, CinReferral } from "./read-cin";
import type { AttributedFile } from "./read-ssda903";
import { LS_CODES, SHORT_BREAK_LS } from "./ssda903-tables";
import { readWorkbookFile } from "../data/import/spreadsheet/workbook-file";
import { controlCharacterIn } from "../data/control-characters";
import { DataError } from "../errors";
import { MIXED_YEARS_MIN_ROWS, MIXED_YEARS_SHARE, shareAboveLimit, tooManyToDrop } from "./ssda903-table-year";
import { unreadListWords } from "./annex-a-unread-lists";

/** A List 8 row: a period of being looked after. */
export interface AnnexALookedAfter {
  child: string;
  started: number;
  ceased: number | null;
  shortBreak: boolean;
}

/** A List 9 row. */
export interface AnnexACareLeaver {
  child: string;
  birthMonth: number;
  /** SSDA903 IN_TOUCH code. */
  inTouch: string;
  /** Activity code, "" when blank. */
  activity: string;
  /** Suitable accommodation: true, false, or null when blank. */
  suitable: boolean | null;
}

/** What one workbook says. */
export interface AnnexAData {
  la: string;
  year: number;
  /** The day the lists were extracted, when the file name gives it (annexAExtractDate), else null. */
  extractDate: number | null;
  /** Lists found (by sheet name), read or not. */
  lists: Set<number>;
  /** Lists read with all their needed columns. */
  read: Set<AnnexAList>;
  referrals: CinReferral[];
  assessments: CinAssessment[];
  plans: CinPlan[];
  lookedAfter: AnnexALookedAfter[];
  careLeavers: AnnexACareLeaver[];
}

/** One data row of a list, with its cells by column key and where it came from. */
interface ListRow {
  /** `file [sheet]`, as the import log names it. */
  where: string;
  /** The file and sheet apart, as a DataError names them. */
  file: string;
  sheet: string;
  /** The sheet's row number. */
  row: number;
  header: Record<string, string>;
  cells: Record<string, string>;
}

/**
 * A date cell: an ISO date (a date-formatted cell, as the xlsx reader gives it; a time of day is ignored) or
 * text dd/mm/yyyy; null when blank; undefined when neither.
 * @example
 * annexADate("2023-03-31") // 19447; annexADate("31/03/2023") // 19447
 */
export function annexADate(value: string): number | null | undefined {
  const v = value.trim();
  if (v === "") return null;
  if (/^\d{4}-\d{2}-\d{2}(T00:00:00)?$/.test(v)) return parseIsoDate(v.slice(0, 10));
  return parseUkDate(v);
}

/** The keys of the date columns the lists read (READ_ROW). */
const DATE_KEYS = ["referral", "start", "authorised", "end", "started", "ceased", "dob"] as const;

/** The refusal of a list more than BAD_FORMAT_SHARE of whose rows (and BAD_FORMAT_MIN_ROWS or more) have a date cell that is not a date (date-formats), or undefined. */
function listDateFormatError(file: string, sheet: string, rows: readonly ListRow[]): DataError | undefined {
  const check = new DateFormatCheck(file, "dd/mm/yyyy (or date cells)", "rows");
  for (const r of rows) {
    for (const key of DATE_KEYS) {
      const v = r.cells[key];
      if (v !== undefined && v.trim() !== "" && annexADate(v) === undefined) check.add(r.row, r.header[key], v);
    }
  }
  return check.refusal(rows.length, sheet);
}

/** Months before its extract date an Annex A list covers (Ofsted's Annex A: "the six months before the inspection"). */
export const ANNEX_A_WINDOW_MONTHS = 6;

/**
 * The extract date a workbook's file name gives (annex_a_2024-01-15.xlsx, annexa_20240115.xlsx; the last one when
 * several), or null when it gives none (a name by collection year, 2023-24, gives none).
 * @example
 * annexAExtractDate("E06000003/annex_a_2024-01-15.xlsx") // 19737 (15 January 2024)
 * annexAExtractDate("E06000003/2023-24/annex_a.xlsx") // null
 */
export function annexAExtractDate(name: string): number | null {
  const days = datesInName(name.split(/[\\/]/).pop()!).flatMap((d) => (d.day === undefined ? [] : [d.day]));
  return days.at(-1) ?? null;
}

/**
 * The collection year of a workbook named by its extract date alone: the one (to 31 March) holding the middle of
 * its window, half of {@link ANNEX_A_WINDOW_MONTHS} before the extract (an extract in July or later is mostly of the
 * year to the next March); null without an extract date.
 * @example
 * annexAWindowYear("annex_a_2024-10-15.xlsx") // 2025
 * annexAWindowYear("annex_a_2024-04-15.xlsx") // 2024
 */
export function annexAWindowYear(name: string): number | null {
  const extract = annexAExtractDate(name);
  return extract === null ? null : collectionYearOf(addMonths(extract, -ANNEX_A_WINDOW_MONTHS / 2));
}

/**
 * Read one Annex A workbook.
 * @returns the facts, or null when no sheet is an Annex A list (then the file is logged as unknown)
 * @throws DataError when the file is not a readable xlsx workbook, or two different sheets of one list hold its columns (oneSheetPerList)
 * @example
 * readAnnexAWorkbook({ path: "annex_a.xlsx", name: "annex_a.xlsx", la: "E09000001", year: 2023 }, key, log)?.referrals.length
 */
export function readAnnexAWorkbook(file: AttributedFile, key: Buffer, log: ReturnsImportLog): AnnexAData | null {
  const bytes = readWorkbookFile(file.path, file.name);
  const listSheets = xlsxSheetNames(bytes, file.name).filter((name) => annexAListOfSheet(name) !== null);
  if (listSheets.length === 0) return null;
  // only the sheets of the lists read are inflated (lists 1, 2, 5, 6, 10 and 11 are only counted as present)
  const wanted = listSheets.filter((name) => annexAListOfSheet(name)! in ANNEX_A_LISTS);
  const sheets = wanted.length === 0 ? [] : readXlsxSheets(bytes, file.name, wanted);
  const data: AnnexAData = { la: file.la, year: file.year, extractDate: annexAExtractDate(file.name), lists: new Set(), read: new Set(), referrals: [], assessments: [], plans: [], lookedAfter: [], careLeavers: [] };
  const dates: RowDates = { extract: data.extractDate, afterExtract: 0 };
  const pseudonyms = new Map<string, string>();
  const pseudo = (id: string) => {
    let p = pseudonyms.get(id);
    if (p === undefined) pseudonyms.set(id, (p = pseudonymise(`${file.la}/${id}`, key)));
    return p;
  };
  for (const name of listSheets) data.lists.add(annexAListOfSheet(name)!);
  const listSheetsRead = sheets.map((sheet) => ({ name: sheet.name, list: annexAListOfSheet(sheet.name) as AnnexAList, rows: sheet.rows }));
  for (const sheet of oneSheetPerList(file.name, listSheetsRead, (s) => listColumns(s.rows, s.list).missing.length === 0, log)) {
    const list = sheet.list;
    const rows = listRows(file.name, sheet.name, sheet.rows, list, log);
    if (rows === null) continue;
    // a list whose dates were saved as text in another format (US mm/dd/yyyy) had 173 rows dropped and the rest read
    // with day and month swapped, cpp_second_time_pct 41/93 → 13/32 (round-27 trial S1-5)
    const format = listDateFormatError(file.name, sheet.name, rows);
    if (format !== undefined) throw format;
    data.read.add(list as AnnexAList);
    log.read(`${file.name} [${sheet.name}]`, rows.length);
    for (const r of rows) {
      if (r.cells.child === "") {
        log.drop(r.where, r.row, r.header.child, "", "missing child identifier");
        continue;
      }
      // a control character (a NUL) makes another child's id, or none: an error, the id never shown (round 24 H12)
      const damaged = controlCharacterIn(r.cells.child);
      if (damaged !== undefined) throw new DataError({ file: r.file, sheet: r.sheet, row: r.row, column: r.header.child, value: damaged, expected: "a child's id without control characters (a damaged copy or export? the id is not shown)" });
      READ_ROW[list as AnnexAList](r, pseudo(r.cells.child), data, log, dates);
    }
  }
  // on the screen too, without their number (which the package controls): a date after the extract is a data error;
  // many are a workbook misnamed, refused
  const misnamed = misnamedExtractError(file.name, data, dates);
  if (misnamed !== undefined) throw misnamed;
  if (dates.afterExtract > 0) {
    log.notice(
      file.name,
      `Annex A rows dated after the workbook's extract date ${isoDate(data.extractDate!)} (its file name) left out: a list extracted that day cannot hold them`,
      "the import log gives each with its sheet, row and column (--log FILE); correct the dates or the extract date in the file name",
    );
  }
  return data;
}

/**
 * Where a list sheet's header row is (-1 when none of its first rows names the child's id) and the index of each of
 * the list's columns it has, with the patterns of the needed columns it lacks.
 */
function listColumns(rows: readonly (readonly string[])[], list: AnnexAList): { headerAt: number; columns: Record<string, number>; missing: string[] } {
  const spec = ANNEX_A_LISTS[list];
  const headerAt = rows.slice(0, ANNEX_A_HEADER_SEARCH_ROWS).findIndex((r) => r.some((c) => spec.required.child.test(normaliseHeader(c))));
  const header = headerAt < 0 ? [] : rows[headerAt].map(normaliseHeader);
  const columns: Record<string, number> = {};
  const missing: string[] = [];
  for (const [key, re] of [...Object.entries(spec.required), ...Object.entries(spec.optional)]) {
    const i = header.findIndex((h) => (re as RegExp).test(h));
    if (i >= 0) columns[key] = i;
    else if (key in spec.required) missing.push(String(re).slice(1, -1));
  }
  return { headerAt, columns, missing };
}

/** The data rows of a list sheet with the needed columns, or null (and a note) when the header lacks one. */
function listRows(fileName: string, sheetName: string, rows: readonly (readonly string[])[], list: AnnexAList, log: ReturnsImportLog): ListRow[] | null {
  const where = `${fileName} [${sheetName}]`;
  const { headerAt, columns, missing } = listColumns(rows, list);
  if (missing.length > 0) {
    log.skippedNotice(where, unreadListWords(list, sheetName, missing, rows));
    return null;
  }
  const names: Record<string, string> = {};
  for (const [key, i] of Object.entries(columns)) names[key] = rows[headerAt][i].trim();
  const out: ListRow[] = [];
  for (let r = headerAt + 1; r < rows.length; r++) {
    if (rows[r].every((c) => c.trim() === "")) continue;
    const cells: Record<string, string> = {};
    for (const [key, i] of Object.entries(columns)) cells[key] = (rows[r][i] ?? "").trim();
    out.push({ where, file: fileName, sheet: sheetName, row: r + 1, header: names, cells });
  }
  return out;
}

/**
 * The rule of a row dropped for a date after its workbook's extract date. Such a row is a data error (a list
 * extracted that day cannot hold a later event, birth or end): it is dropped as a row with a bad date is, so the
 * log names file, sheet, row and column (the date withheld) and the package gives its count controlled; it had been
 * counted, an October referral in a list extracted in January counted among the window's.
 */
export const AFTER_EXTRACT_RULE = "is after the extract date the file name gives (a list extracted that day cannot hold it)";

/**
 * The refusal of a workbook whose rows dated after the extract date its name gives are more than MIXED_YEARS_SHARE of
 * the rows read into records (kept or dropped for that date) and MIXED_YEARS_MIN_ROWS or more, or undefined. A few are
 * mistyped dates, dropped; so many say the name's date is not the day it was extracted, and dropping them would count
 * a part of the lists as the whole: the round-27 trial's workbook of 2024-01-15 named annex_a_2023-07-15.xlsx lost
 * 1,654 rows, exit 0, cin_rereferral_pct 136/789 → 38/276 (S2-5).
 */
function misnamedExtractError(name: string, data: AnnexAData, dates: RowDates): DataError | undefined {
  const records = data.referrals.length + data.assessments.length + data.plans.length + data.lookedAfter.length + data.careLeavers.length + dates.afterExtract;
  if (dates.extract === null || !tooManyToDrop(dates.afterExtract, records)) return undefined;
  return new DataError({
    file: name,
    value: `${dates.afterExtract} of its ${records} list rows (${shareAboveLimit(dates.afterExtract, records)}) dated after ${isoDate(dates.extract)}, the extract date its name gives`,
    expected:
      `a workbook named by the day its lists were extracted (a list extracted that day cannot hold later dates): so many later dates say the name is wrong, and leaving those rows out would count part of the lists as the whole; ` +
      `rename it by the day it was extracted (annex_a_YYYY-MM-DD.xlsx), or, if the name is right, correct the dates (a workbook is read, its later rows dropped and each counted in the import log, only when they are at most ${100 * MIXED_YEARS_SHARE}% of its list rows or fewer than ${MIXED_YEARS_MIN_ROWS})`,
  });
}

/** What the date cells of one workbook's rows are checked against, and how many rows were dropped for a date after it. */
interface RowDates {
  /** The extract date (annexAExtractDate), or null when the name gives none (nothing to check against). */
  extract: number | null;
  afterExtract: number;
}

/** Drop the row when `day` is after the extract date; true when dropped. */
function afterExtract(r: ListRow, key: string, day: number, what: string, dates: RowDates, log: ReturnsImportLog): boolean {
  if (dates.extract === null || day <= dates.extract) return false;
  log.drop(r.where, r.row, r.header[key], r.cells[key], `${what} ${AFTER_EXTRACT_RULE}`);
  dates.afterExtract++;
  return true;
}

/** Parse a required date cell; undefined (and the row dropped) when blank, not a date or after the extract date. */
function requiredDate(r: ListRow, key: string, log: ReturnsImportLog, what: string, dates: RowDates): number | undefined {
  const d = annexADate(r.cells[key]);
  if (d === null || d === undefined) {
    log.drop(r.where, r.row, r.header[key], r.cells[key], `${what} is ${d === null ? "blank" : "not a date (dd/mm/yyyy or a date cell)"}`);
    return undefined;
  }
  return afterExtract(r, key, d, what, dates, log) ? undefined : d;
}

/**
 * Parse an optional date cell: null when blank; undefined (and the row dropped) when not a date, before `after` or
 * after the extract date.
 */
function optionalDate(r: ListRow, key: string, log: ReturnsImportLog, after: number, what: string, dates: RowDates): number | null | undefined {
  if (r.cells[key] === undefined) return null;
  const d = annexADate(r.cells[key]);
  if (d === undefined || (d !== null && d < after)) {
    log.drop(r.where, r.row, r.header[key], r.cells[key], d === undefined ? `${what} is not a date (dd/mm/yyyy or a date cell) or blank` : `${what} is before the start`);
    return undefined;
  }
  return d !== null && afterExtract(r, key, d, what, dates, log) ? undefined : d;
}

const READ_ROW: Record<AnnexAList, (r: ListRow, child: string, data: AnnexAData, log: ReturnsImportLog, dates: RowDates) => void> = {
  3(r, child, data, log, dates) {
    const referral = requiredDate(r, "referral", log, "date of referral", dates);
    if (referral !== undefined) data.referrals.push({ child, referral, closure: null, nfa: false });
  },
  4(r, child, data, log, dates) {
    const start = requiredDate(r, "start", log, "assessment start date", dates);
    if (start === undefined) return;
    const authorised = optionalDate(r, "authorised", log, start, "authorisation date", dates);
    if (authorised !== undefined) data.assessments.push({ child, start, authorised });
  },
  7(r, child, data, log, dates) {
    const start = requiredDate(r, "start", log, "plan start date", dates);
    if (start === undefined) return;
    const end = optionalDate(r, "end", log, start, "plan end date", dates);
    if (end === undefined) return;
    if (!/^\d+$/.test(r.cells.previous)) {
      log.drop(r.where, r.row, r.header.previous, r.cells.previous, "number of previous plans is not a whole number");
      return;
    }
    data.plans.push({ child, start, end, previousPlans: Number(r.cells.previous) });
  },
  8(r, child, data, log, dates) {
    const started = requiredDate(r, "started", log, "date started to be looked after", dates);
    if (started === undefined) return;
    const ceased = optionalDate(r, "ceased", log, started, "date ceased to be looked after", dates);
    if (ceased === undefined) return;
    const ls = annexALegalStatus(r.cells.legalStatus);
    if (ls === undefined || !LS_CODES.has(ls)) {
      log.drop(r.where, r.row, r.header.legalStatus, r.cells.legalStatus, "unknown legal status (expected an SSDA903 code such as C2 or V3, as 'C2: FCO')");
      return;
    }
    data.lookedAfter.push({ child, started, ceased, shortBreak: SHORT_BREAK_LS.has(ls) });
  },
  9(r, child, data, log, dates) {
    const dob = requiredDate(r, "dob", log, "date of birth (needed for the 19–21 age cohort)", dates);
    if (dob === undefined) return;
    const inTouch = annexAInTouch(r.cells.inTouch);
    if (inTouch === undefined) return log.drop(r.where, r.row, r.header.inTouch, r.cells.inTouch, "unknown code (expected Yes, No, Died, Refu, NREQ or Rhom)");
    const activity = annexAActivity(r.cells.activity);
    if (activity === undefined) return log.drop(r.where, r.row, r.header.activity, r.cells.activity, "unknown activity (expected a code F1–F5, P1–P5, G4–G6 or blank)");
    const suitable = annexASuitable(r.cells.suitability);
    if (suitable === undefined) return log.drop(r.where, r.row, r.header.suitability, r.cells.suitability, "unknown suitability (expected Suitable, Unsuitable or blank)");
    data.careLeavers.push({ child, birthMonth: birthMonth(dob), inTouch, activity, suitable });
  },
};
