/**
 * Read SSDA903 CSV tables into the few facts the indicators need, pseudonymised and minimised on ingest:
 * - CHILD becomes a keyed pseudonym (HMAC-SHA256 of "LA/CHILD", lib/pilot/pseudonymise, computed by
 *   LaChildPseudonyms once per distinct identifier of an LA, four at a time before a table's rows are read);
 * - a date of birth becomes a month of birth (ages at 31 March and on a birthday in the year stay exact); the day is
 *   kept only while the LA's tables are read, to check it against the child's episodes;
 * - postcodes (HOME_POST, PL_POST) are not kept at all (no indicator needs them; dropping them is stricter than
 *   reducing them to districts); nothing else of the row is kept beyond the codes the indicators use.
 *
 * A table without the columns its indicators need, with a column twice, or cut short is an error (readTable).
 * Problems are reported, never silently absorbed (ReturnsImportLog names file, row, column, value): a malformed
 * row, a bad date, an unknown code that decides an indicator (RNE, LS, MISSING, IN_TOUCH, ACTIV, ACCOM) drops
 * the row (ACTIV and ACCOM decide nothing for IN_TOUCH DIED or RHOM, where DfE wants them blank); an unknown code
 * that decides nothing (PLACE outside the list, CIN, REC) is a warning; an episode ending before it starts, an
 * episode overlapping the child's previous one, and an episode or missing incident of a child absent from that
 * year's Header are dropped. A missing or bad date of birth in Header or OC2 (in Header, one after the collection
 * year too) is a warning, not a drop: only the
 * age-based indicators (long-term stability, convictions) leave the child out, and claCounts says how many per LA
 * and year; every other indicator keeps the child's episodes, incidents and outcomes.
 *
 * Several collection years are merged per LA (mergeYears) within each run of consecutive collection years: an
 * episode listed in more than one year's return is taken from the latest. A year without an Episodes table
 * between two that have one starts a new run (logged as a notice): across the gap, an episode still open in the
 * earlier return may have ended in the missing year, and the later return no longer lists it, so merging would
 * keep it open for good (and drop the earlier year's open episodes of a child the later return lists again).
 * An Episodes table from which no episode is read (its header alone, or every row dropped) counts as none, with a
 * notice: counted, it would say the LA looked after no children; a year with other tables but no Episodes table read
 * has a notice too (checkEpisodesOfYear refuses a year's Episodes table that holds an earlier year's episodes). A date
 * of birth after the start of the child's first episode that year is a warning, treated as one after the year is.
 */
import { DataError } from "../errors";
import { birthMonth, collectionYear, collectionYearLabel, collectionYearOf, consecutiveRuns, parseUkDate } from "./dates";
import type { ReturnsImportLog } from "./import-issues";
import { LaChildPseudonyms } from "./la-child-pseudonyms";
import { readTable, type TableRows } from "./ssda903-table-rows";
import {
  ACCOMMODATION_RE, ACTIVITY_CODES, CARE_LEAVER_EXCLUDED_IN_TOUCH, CIN_NEED_CODES, IN_TOUCH_CODES, LS_CODES, MISSING_CODES, PLACE_CODES, REC_CODES, RNE_CODES,
  SEX_CODES, type Ssda903Table,
} from "./ssda903-tables";

/** One input file, attributed to an LA and collection year. */
export interface AttributedFile {
  /** Path to read. */
  path: string;
  /** Name used in messages and the log (relative to the input folder). */
  name: string;
  la: string;
  year: number;
}

/** An SSDA903 file and the table it holds. */
export interface Ssda903File extends AttributedFile {
  table: Ssda903Table;
}

/** One episode of care, minimised. `end` is null while open. */
export interface ClaEpisode {
  child: string;
  start: number;
  end: number | null;
  rne: string;
  ls: string;
  place: string;
  /** Where it was read (for messages). */
  file: string;
  row: number;
}

/** A missing (M) or away (A) incident. */
export interface MissingIncident {
  child: string;
  kind: string;
  start: number;
}

/** One care leaver row of OC3. */
export interface CareLeaverRecord {
  child: string;
  birthMonth: number;
  inTouch: string;
  activity: string;
  accommodation: string;
}

/** One OC2 row (children looked after continuously for 12 months at 31 March): the outcomes the indicators use. */
export interface Oc2Record {
  child: string;
  /** Month of birth, or null when OC2's DOB is missing or not a date (left out of the age-based convictions cohort). */
  birthMonth: number | null;
  /** CONVICTED: "1", "0" or "" (not recorded). */
  convicted: string;
  /** SUBSTANCE_MISUSE: "1", "0" or "". */
  substanceMisuse: string;
}

/** What one LA's SSDA903 files say over one run of consecutive collection years, merged over its years. */
export interface ClaLaData {
  la: string;
  /** Collection years of the run (each with an Episodes table), consecutive. */
  years: number[];
  /** Month of birth by child pseudonym (year × 12 + month − 1); a child whose Header gives none is absent. */
  birthMonth: Map<string, number>;
  /** Episodes by child, sorted by start, without overlaps. */
  episodes: Map<string, ClaEpisode[]>;
  missing: Map<number, MissingIncident[]>;
  careLeavers: Map<number, CareLeaverRecord[]>;
  outcomes: Map<number, Oc2Record[]>;
  /** Tables present by year. */
  tables: Map<number, Set<Ssda903Table>>;
}

/** The tables whose rows are read child by child (each row's CHILD pseudonymised); the others are only checked (checkOtherTable). */
const CHILD_TABLES: ReadonlySet<Ssda903Table> = new Set<Ssda903Table>(["Header", "Episodes", "Missing", "OC2", "OC3"]);

/**
 * Read the SSDA903 files of one or more LAs and years.
 * @param files files with their table, LA and year (see detectSsda903Table and attributeFile)
 * @param key pseudonymisation key (resolvePseudonymKey)
 * @returns per LA, the merged, minimised data of each run of consecutive collection years with an Episodes table,
 *   in year order (one run when no year is missing)
 * @throws DataError when a table is not UTF-8, ends inside a row, has a column twice or lacks a required column (readTable), or
 *   a year's Episodes table holds an earlier year's episodes (checkEpisodesOfYear)
 * @example
 * const byLa = readSsda903(files, key, log);
 * byLa.get("E09000001")?.[0].episodes.size // children with episodes in the first run
 */
export function readSsda903(files: readonly Ssda903File[], key: Buffer, log: ReturnsImportLog): Map<string, ClaLaData[]> {
  const out = new Map<string, ClaLaData[]>();
  const pseudonyms = new LaChildPseudonyms(key);
  const pseudo = (la: string, child: string): string => pseudonyms.of(la, child);
  // a table whose rows are read child by child has its new identifiers hashed ahead, four at a time
  const read = (f: Ssda903File): TableRows<Ssda903File> => {
    const t = readTable(f, log);
    if (CHILD_TABLES.has(f.table)) pseudonyms.prepare(f.la, t.rows, t.col.get("CHILD")!);
    return t;
  };
  const byLaYear = new Map<string, Map<number, Ssda903File[]>>();
  for (const f of files) {
    const m = byLaYear.get(f.la) ?? new Map<number, Ssda903File[]>();
    byLaYear.set(f.la, m);
    m.set(f.year, [...(m.get(f.year) ?? []), f]);
  }
  for (const [la, years] of [...byLaYear].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // every year of the LA, read as one: the runs take their years' parts of it
    const all: ClaLaData = { la, years: [], birthMonth: new Map(), episodes: new Map(), missing: new Map(), careLeavers: new Map(), outcomes: new Map(), tables: new Map() };
    const byYear = new Map<number, Map<string, ClaEpisode[]>>();
    const birthByYear = new Map<number, Map<string, number>>();
    for (const [year, yearFiles] of [...years].sort((a, b) => a[0] - b[0])) {
      // the tables read, not those found (an Episodes or Missing table is skipped without a Header): a table that is
      // not read gives no indicator, where one counted as empty had published cla_missing_pct 0 of 59 for 7
      const tablesRead = new Set<Ssda903Table>();
      all.tables.set(year, tablesRead);
      const headerFiles = yearFiles.filter((f) => f.table === "Header");
      const inHeader = new Set<string>();
      const birthDays = new Map<string, number>();
      birthByYear.set(year, birthDays);
      const headerTables = headerFiles.map((f) => {
        const t = read(f);
        tablesRead.add("Header");
        readHeader(t, la, pseudo, inHeader, birthDays, log);
        return t;
      });
      for (const f of yearFiles) {
        if (f.table === "Header") continue;
        if (headerFiles.length === 0 && (f.table === "Episodes" || f.table === "Missing")) {
          log.note(f.name, "skipped-file", `no Header table for ${la} ${year}: children cannot be checked against it`);
          continue;
        }
        const t = read(f);
        // an OC2 table its indicators cannot use gives none of them: read as empty, it had published both as
        // not-available:no-children, which says the LA had no such children
        if (f.table === "OC2" && !oc2Usable(t, log)) continue;
        tablesRead.add(f.table);
        if (f.table === "Episodes") {
          const yearEpisodes = byYear.get(year) ?? new Map<string, ClaEpisode[]>();
          byYear.set(year, yearEpisodes);
          readEpisodes(t, la, pseudo, inHeader, yearEpisodes, log);
          checkEpisodesOfYear(f, yearEpisodes);
          checkBornBeforeCare(yearEpisodes, birthDays, headerTables, pseudo, log);
          if (yearEpisodes.size > 0 && !all.years.includes(year)) all.years.push(year);
        } else if (f.table === "Missing") all.missing.set(year, [...(all.missing.get(year) ?? []), ...readMissing(t, la, pseudo, inHeader, log)]);
        else if (f.table === "OC2") all.outcomes.set(year, [...(all.outcomes.get(year) ?? []), ...readOc2(t, la, pseudo, log)]);
        else if (f.table === "OC3") all.careLeavers.set(year, [...(all.careLeavers.get(year) ?? []), ...readOc3(t, la, pseudo, log)]);
        else checkOtherTable(t, log);
      }
      if (!tablesRead.has("Episodes")) {
        // every SSDA903 indicator of a year is counted over its episodes: a year whose Episodes table was missing (or
        // not read) had lost all of them, OC2 and OC3 ones too, without a word (78 indicator rows → 70, exit 0)
        log.notice(
          `${la} ${year}`,
          `no Episodes table read (the year's SSDA903 files: ${yearFiles.map((f) => f.name).join(", ")}): the year's children-looked-after indicators are left out, those of its other tables too`,
          "every SSDA903 indicator of a year is counted over its episodes: give the year's Episodes table",
        );
      }
    }
    for (const [year, yearEpisodes] of byYear) {
      if (yearEpisodes.size > 0) continue;
      // no LA looks after no children: counted, a table holding no episode (its header alone, or every row dropped)
      // had published cla_rate_per_10k 0 of 51,940. The year is taken as one without an Episodes table, as a
      // return not made: its episode-based indicators are left out, and said so
      byYear.delete(year);
      const names = years.get(year)!.filter((f) => f.table === "Episodes").map((f) => f.name);
      log.notice(
        `${la} ${year}`,
        `no episode read from the Episodes table (${names.join(", ")}): the year's children-looked-after indicators are left out, not counted as an LA looking after no children`,
        "check that the table holds the year's episodes",
      );
    }
    const runs = consecutiveRuns(all.years);
    log.yearGaps(la, "SSDA903 Episodes", runs, "episodes are merged only across consecutive collection years (one open at the end of a year is ended in the next year's return)");
    out.set(la, runs.map((run) => runData(all, run, byYear, birthByYear, log)));
  }
  return out;
}

/**
 * One run's data: its years' tables, outcomes and missing incidents, the months of birth its Headers' days of birth
 * give (a later year's wins), and its episodes merged over its years (mergeYears) with overlapping ones dropped and logged.
 */
function runData(
  all: ClaLaData,
  run: readonly number[],
  byYear: ReadonlyMap<number, Map<string, ClaEpisode[]>>,
  birthByYear: ReadonlyMap<number, ReadonlyMap<string, number>>,
  log: ReturnsImportLog,
): ClaLaData {
  const ofRun = <T>(m: ReadonlyMap<number, T>): Map<number, T> => new Map(run.filter((y) => m.has(y)).map((y) => [y, m.get(y)!] as const));
  const data: ClaLaData = {
    la: all.la, years: [...run], birthMonth: new Map(), episodes: new Map(),
    missing: ofRun(all.missing), careLeavers: ofRun(all.careLeavers), outcomes: ofRun(all.outcomes), tables: ofRun(all.tables),
  };
  for (const year of run) for (const [child, day] of birthByYear.get(year) ?? []) data.birthMonth.set(child, birthMonth(day));
  const byChild = mergeYears(ofRun(byYear));
  for (const [child, list] of byChild) {
    list.sort((a, b) => a.start - b.start || (a.end ?? Infinity) - (b.end ?? Infinity));
    const kept: ClaEpisode[] = [];
    for (const e of list) {
      const prev = kept[kept.length - 1];
      if (prev && (prev.end === null || e.start < prev.end)) {
        log.drop(e.file, e.row, "DECOM", String(e.start), `overlapping episodes: starts before the child's previous episode (${prev.file} row ${prev.row}) ended`);
        continue;
      }
      kept.push(e);
    }
    data.episodes.set(child, kept);
  }
  return data;
}

/**
 * One history per child from several consecutive years' Episodes: the latest year's file that lists the child is
 * taken whole; an earlier file adds only the episodes that had ended by the earliest start already taken (an
 * episode with an end date in an earlier return is over before the later return's year, so it is not in that
 * return; one still open in the earlier return is in the next one, with its end date). This is what lets
 * long-term stability see a placement or period of care that began before the latest return's year.
 */
function mergeYears(byYear: ReadonlyMap<number, Map<string, ClaEpisode[]>>): Map<string, ClaEpisode[]> {
  const out = new Map<string, ClaEpisode[]>();
  for (const year of [...byYear.keys()].sort((a, b) => b - a)) {
    for (const [child, list] of byYear.get(year)!) {
      const kept = out.get(child);
      if (kept === undefined) {
        out.set(child, [...list]);
        continue;
      }
      const earliest = Math.min(...kept.map((e) => e.start));
      for (const e of list) if (e.end !== null && e.end <= earliest) kept.push(e);
    }
  }
  return out;
}

/**
 * Refuse a year's Episodes table that holds an earlier year's episodes: a year's return lists the episodes open in it,
 * so one in which no episode starts or ends in the year or later, and some episode had ended before the year began
 * (which that year's return does not list), is an earlier year's table. Last year's tables copied into this year's
 * folder had been counted as this year's (cla_3plus_placements_pct 0 of 129, exit 0). A table whose episodes are all
 * open and began before the year is accepted: an LA whose few children stayed in their placements all year has one.
 * @throws DataError naming the table, the collection year its latest date is in and the year of its folder
 */
function checkEpisodesOfYear(file: Ssda903File, episodes: ReadonlyMap<string, readonly ClaEpisode[]>): void {
  const { start: yearStart } = collectionYear(file.year);
  let latest = -Infinity;
  let endedBefore = 0;
  for (const list of episodes.values()) {
    for (const e of list) {
      latest = Math.max(latest, e.start, e.end ?? -Infinity);
      if (e.end !== null && e.end < yearStart) endedBefore++;
    }
  }
  if (latest >= yearStart || endedBefore === 0) return;
  const label = collectionYearLabel(file.year);
  throw new DataError({
    file: file.name,
    column: "DECOM, DEC",
    value: `the latest start or end in ${collectionYearLabel(collectionYearOf(latest))}`,
    expected: `the episodes open in ${label}, the collection year of its folder: none starts or ends in ${label} or later, and ${endedBefore} ended before it began (a ${label} return does not list them), so this is an earlier year's table; move it to the folder of its year`,
  });
}

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

/** Rule of a Header row kept without a date of birth (claCounts says, per year, how many it left out). */
const MISSING_BIRTH_DATE_RULE =
  "date of birth missing or not a date dd/mm/yyyy: the child is kept, left out of the age-based indicator only (cla_long_term_stability_pct, children under 16)";

/**
 * Rule of a Header row whose date of birth is after its collection year (a child not yet born cannot be looked after:
 * a mistyped year), treated as a date of birth that is not a date: the age it gives would place the child in no cohort.
 */
const FUTURE_BIRTH_DATE_RULE =
  "date of birth after the collection year's 31 March: the child is kept, left out of the age-based indicator only (cla_long_term_stability_pct, children under 16)";

/**
 * Rule of a Header row whose date of birth is after the start of one of the child's episodes in that year's Episodes (a
 * child cannot be looked after before being born: a mistyped date in one of them), treated as the future date of birth
 * is: which of the two is wrong cannot be told, and an age from that date of birth may be wrong.
 */
const BIRTH_AFTER_EPISODE_RULE =
  "date of birth after the start of the child's first episode: the child is kept, left out of the age-based indicator only (cla_long_term_stability_pct, children under 16)";

/**
 * Warn about each child of a year's Episodes whose first episode starts before the day of birth its Header gives
 * (`birthDays`), naming the Header row, and take that date of birth for none, as a date of birth after the collection
 * year is: accepted, it had counted the child's age from a date the child's own care history contradicts, without a
 * word. The Header row is looked for only for such a child: the days of birth are kept by child alone, with no row
 * object per child.
 */
function checkBornBeforeCare(
  episodes: ReadonlyMap<string, readonly ClaEpisode[]>,
  birthDays: Map<string, number>,
  headerTables: readonly TableRows<Ssda903File>[],
  pseudo: (la: string, c: string) => string,
  log: ReturnsImportLog,
): void {
  for (const list of episodes.values()) {
    const child = list[0].child;
    const born = birthDays.get(child);
    if (born === undefined) continue;
    let first = list[0];
    for (const e of list) if (e.start < first.start) first = e;
    if (first.start >= born) continue;
    for (const t of headerTables) {
      const cChild = t.col.get("CHILD")!;
      const cDob = t.col.get("DOB")!;
      const r = t.rows.find(({ cells }) => cells[cChild] !== "" && pseudo(t.file.la, cells[cChild]) === child && parseUkDate(cells[cDob]) === born);
      if (r !== undefined) log.warn(t.file.name, r.row, "DOB", r.cells[cDob], BIRTH_AFTER_EPISODE_RULE, `the episode in ${first.file} row ${first.row}`);
    }
    birthDays.delete(child);
  }
}

function readHeader(
  t: TableRows<Ssda903File>,
  la: string,
  pseudo: (la: string, c: string) => string,
  inHeader: Set<string>,
  birthDays: Map<string, number>,
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
    // only long-term stability needs the age: the child's episodes and incidents count everywhere else
    const dob = parseUkDate(cells[cDob]);
    if (dob === undefined) log.warn(name, row, "DOB", cells[cDob], MISSING_BIRTH_DATE_RULE);
    else if (dob > lastDay) log.warn(name, row, "DOB", cells[cDob], FUTURE_BIRTH_DATE_RULE);
    else birthDays.set(child, dob);
  }
}

function readEpisodes(
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
  for (const { row, cells } of t.rows) {
    const child = childOfRow(name, row, cells[cChild], la, pseudo, log, { children: inHeader, table: "Episodes" });
    if (child === undefined) continue;
    const start = parseUkDate(cells[cDecom]);
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
}

function readMissing(t: TableRows<Ssda903File>, la: string, pseudo: (la: string, c: string) => string, inHeader: ReadonlySet<string>, log: ReturnsImportLog): MissingIncident[] {
  const name = t.file.name;
  const [cChild, cKind, cStart] = ["CHILD", "MISSING", "MIS_START"].map((k) => t.col.get(k)!);
  const cEnd = t.col.get("MIS_END");
  const out: MissingIncident[] = [];
  for (const { row, cells } of t.rows) {
    const child = childOfRow(name, row, cells[cChild], la, pseudo, log, { children: inHeader, table: "Missing" });
    if (child === undefined) continue;
    const kind = cells[cKind].toUpperCase();
    if (!MISSING_CODES.has(kind)) {
      log.drop(name, row, "MISSING", cells[cKind], "unknown code (expected M or A)");
      continue;
    }
    const start = parseUkDate(cells[cStart]);
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
  return out;
}

function readOc3(t: TableRows<Ssda903File>, la: string, pseudo: (la: string, c: string) => string, log: ReturnsImportLog): CareLeaverRecord[] {
  const name = t.file.name;
  const [cChild, cDob, cTouch, cActiv, cAccom] = ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"].map((k) => t.col.get(k)!);
  const out: CareLeaverRecord[] = [];
  for (const { row, cells } of t.rows) {
    const child = childOfRow(name, row, cells[cChild], la, pseudo, log);
    if (child === undefined) continue;
    const dob = parseUkDate(cells[cDob]);
    if (dob === undefined) {
      log.drop(name, row, "DOB", cells[cDob], "date of birth missing or not a date dd/mm/yyyy: left out of care_leavers_eet_19_21_pct and care_leavers_suitable_accom_19_21_pct (the cohort is by age)");
      continue;
    }
    const inTouch = cells[cTouch].toUpperCase();
    if (!IN_TOUCH_CODES.has(inTouch)) {
      log.drop(name, row, "IN_TOUCH", cells[cTouch], "unknown code (expected YES, NO, DIED, REFU, NREQ or RHOM)");
      continue;
    }
    const activity = cells[cActiv].toUpperCase();
    if (CARE_LEAVER_EXCLUDED_IN_TOUCH.has(inTouch)) {
      // DfE validation rule 344: ACTIV and ACCOM should not be provided for a young person who died or returned home,
      // so blanks are what the return should hold; the row is outside every care-leaver cohort, so no code decides anything
      const accommodation = cells[cAccom].toUpperCase();
      if (activity !== "" && !ACTIVITY_CODES.has(activity)) log.warn(name, row, "ACTIV", cells[cActiv], "unknown activity code (kept: DIED and RHOM are outside the care-leaver cohorts)");
      if (accommodation !== "" && !ACCOMMODATION_RE.test(accommodation)) log.warn(name, row, "ACCOM", cells[cAccom], "unknown accommodation code (kept: DIED and RHOM are outside the care-leaver cohorts)");
      out.push({ child, birthMonth: birthMonth(dob), inTouch, activity, accommodation });
      continue;
    }
    if (!ACTIVITY_CODES.has(activity)) {
      log.drop(name, row, "ACTIV", cells[cActiv], "unknown activity code");
      continue;
    }
    const accommodation = cells[cAccom].toUpperCase();
    if (!ACCOMMODATION_RE.test(accommodation)) {
      log.drop(name, row, "ACCOM", cells[cAccom], "unknown accommodation code (expected a type letter and 1 or 2, or 0)");
      continue;
    }
    out.push({ child, birthMonth: birthMonth(dob), inTouch, activity, accommodation });
  }
  return out;
}

/** OC2 flags: 1 (yes), 0 (no) or blank (not recorded). */
const FLAG_RE = /^[01]?$/;

/** The columns of OC2 that cla_convicted_pct and cla_substance_misuse_pct need (CHILD is required of every table). */
const OC2_COLUMNS = ["DOB", "CONVICTED", "SUBSTANCE_MISUSE"] as const;

/** Whether an OC2 table has the columns its indicators need; if not, its skip is logged. */
function oc2Usable(t: TableRows<Ssda903File>, log: ReturnsImportLog): boolean {
  if (OC2_COLUMNS.every((c) => t.col.has(c))) return true;
  log.skippedRows(t.file.name, "OC2 table without DOB, CONVICTED or SUBSTANCE_MISUSE: its outcome indicators are left out", undefined, t.rows.length);
  return false;
}

/** An OC2 table's records (its columns checked by oc2Usable). */
function readOc2(t: TableRows<Ssda903File>, la: string, pseudo: (la: string, c: string) => string, log: ReturnsImportLog): Oc2Record[] {
  const name = t.file.name;
  const cChild = t.col.get("CHILD")!;
  const cDob = t.col.get("DOB")!;
  const cConv = t.col.get("CONVICTED")!;
  const cSub = t.col.get("SUBSTANCE_MISUSE")!;
  const out: Oc2Record[] = [];
  for (const { row, cells } of t.rows) {
    const child = childOfRow(name, row, cells[cChild], la, pseudo, log);
    if (child === undefined) continue;
    // only the convictions cohort (aged 10–17) needs the age: substance misuse counts without it
    const dob = parseUkDate(cells[cDob]);
    if (dob === undefined) log.warn(name, row, "DOB", cells[cDob], "date of birth missing or not a date dd/mm/yyyy: the row is kept, left out of the age-based indicator only (cla_convicted_pct, aged 10–17)");
    const convicted = cells[cConv];
    const substanceMisuse = cells[cSub];
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

/** Tables no indicator uses yet: check identifiers and dates, count the rows. */
function checkOtherTable(t: TableRows<Ssda903File>, log: ReturnsImportLog): void {
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
