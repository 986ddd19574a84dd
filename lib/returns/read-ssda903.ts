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
 * Problems are reported, never silently absorbed (ReturnsImportLog names file, row, column, value): an exact copy of an
 * earlier row of the table is read once (ssda903-exact-copies), and so is a row of an OC2, OC3 or Header child the same
 * as an earlier row of the child in every column the figures read; every row of a child listed in more than one row of
 * OC2 or OC3, the rows different in such a column, is dropped, the child left out of the table's figures, and a child
 * in Header rows with different dates of birth is read from its first row without one (ssda903-repeated-children); a
 * malformed row, a bad date, an unknown code that decides an indicator (RNE, LS, MISSING, IN_TOUCH, ACTIV, ACCOM) drops
 * the row (ACTIV and ACCOM decide nothing for IN_TOUCH DIED or RHOM, where DfE wants them blank); an unknown code that
 * decides nothing (PLACE outside the list, CIN, REC) is a warning; an episode ending before it starts, an episode left
 * open before a later one of the child (ssda903-overlaps), an episode overlapping another of the child's
 * (lib/returns/ssda903-overlaps: an episode of the year is kept before an earlier one, whatever the row order), and an
 * episode or missing incident of a child absent from that year's Header are dropped; so are an episode or incident of
 * another year (lib/returns/ssda903-table-year), except a child's earlier episodes when the child is looked after in
 * the year (the history long-term stability needs). A missing or bad date of birth in Header or OC2 (in Header, one
 * after the collection year too) is a warning, not a drop: only the age-based indicators (long-term stability,
 * convictions) leave the child out, and claCounts says how many per LA and year; every other indicator keeps the
 * child's episodes, incidents and outcomes.
 *
 * Several collection years are merged per LA (mergeYears) within each run of consecutive collection years: an
 * episode listed in more than one year's return is taken from the latest. The merged episodes are the history of the
 * children each year's Episodes table lists, and only those are counted in the year (ClaLaData.listed,
 * ssda903-year-children): a child's episode open at the end of one year does not count it in the next when the next
 * year's return does not list it (each such child, and each listed by a later year only, is a warning), and many
 * children on both sides of a year's end listed by one year alone are refused as CHILD ids changed between the years.
 * A year without an Episodes table between two that have one starts a new run (logged as a notice): across the gap,
 * an episode still open in the earlier return may have ended in the missing year, and the later return no longer
 * lists it, so merging would keep it open for good (and drop the earlier year's open episodes of a child the later
 * return lists again).
 * An Episodes table from which no episode is read (its header alone, or every row dropped) counts as none, with a
 * notice: counted, it would say the LA looked after no children; a year with other tables but no Episodes table read
 * has a notice too; a Header table with no child beside an Episodes or Missing table with rows is refused. A table of
 * another year filed under this one, or one mixing years, is refused (lib/returns/ssda903-table-year), and so is an
 * Episodes table with many overlapping episodes (two extracts mixed: ssda903-overlaps) or an OC2 or OC3 table with many
 * rows of children listed more than once (ssda903-repeated-children). A date
 * of birth after the start of the child's first episode that year is a warning, treated as one after the year is.
 */
import { DataError } from "../errors";
import { birthMonth, collectionYearLabel, consecutiveRuns, parseUkDate } from "./dates";
import type { ReturnsImportLog } from "./import-issues";
import { LaChildPseudonyms } from "./la-child-pseudonyms";
import { TABLES_READ_ONCE, withoutExactCopies } from "./ssda903-exact-copies";
import { episodeOrder, withoutOverlaps } from "./ssda903-overlaps";
import { BIRTH_DATES_DIFFER_ACROSS_YEARS_RULE, withoutRepeatedChildren } from "./ssda903-repeated-children";
import { startOnlyEpisodesError } from "./ssda903-start-only";
import type { ClaEpisode, ClaLaData, Ssda903File } from "./ssda903-records";
import { checkOtherTable, oc2Usable, readEpisodes, readHeader, readMissing, readOc2, readOc3 } from "./ssda903-row-readers";
import { readTable, type TableRows } from "./ssda903-table-rows";
import { childrenNotInHeader, tableDateFormatError } from "./ssda903-table-format";
import { refuseTablesOfAnotherYear, tableOfAnotherYear } from "./ssda903-table-year";
import { checkChildrenAcrossYears, childrenOfEachYear } from "./ssda903-year-children";
import { SSDA903_COLUMNS, type Ssda903Table } from "./ssda903-tables";
import { minOf } from "../stats/extreme";

// the records readSsda903 returns, exported where their importers (and tests) have always imported them from
export type { AttributedFile, CareLeaverRecord, ClaEpisode, ClaLaData, MissingIncident, Oc2Record, Ssda903File } from "./ssda903-records";

/** The tables whose rows are read child by child (each row's CHILD pseudonymised); the others are only checked (checkOtherTable). */
const CHILD_TABLES: ReadonlySet<Ssda903Table> = new Set<Ssda903Table>(["Header", "Episodes", "Missing", "OC2", "OC3"]);

/**
 * Read the SSDA903 files of one or more LAs and years.
 * @param files files with their table, LA and year (see detectSsda903Table and attributeFile)
 * @param key pseudonymisation key (resolvePseudonymKey)
 * @returns per LA, the merged, minimised data of each run of consecutive collection years with an Episodes table,
 *   in year order (one run when no year is missing)
 * @throws DataError when a table is not UTF-8, ends inside a row, has a column twice or lacks a required column (readTable),
 *   is another year's by its dates or mixes years (Episodes, Missing, Header, OC2, OC3: tableOfAnotherYear), is an
 *   Episodes table with many overlapping episodes (withoutOverlaps), or an OC2 or OC3 table with many rows of children
 *   listed more than once (withoutRepeatedChildren), or when two consecutive years' Episodes tables give many children
 *   on both sides of the years' end that the other does not list (checkChildrenAcrossYears: CHILD ids changed)
 * @example
 * const byLa = readSsda903(files, key, log);
 * byLa.get("E09000001")?.[0].episodes.size // children with episodes in the first run
 */
export function readSsda903(files: readonly Ssda903File[], key: Buffer, log: ReturnsImportLog): Map<string, ClaLaData[]> {
  const out = new Map<string, ClaLaData[]>();
  const pseudonyms = new LaChildPseudonyms(key);
  const pseudo = (la: string, child: string): string => pseudonyms.of(la, child);
  const { read, otherYear, tooManyDropped, birthDatesNotTaken } = tableReader(pseudonyms, log);
  const byLaYear = new Map<string, Map<number, Ssda903File[]>>();
  for (const f of files) {
    const m = byLaYear.get(f.la) ?? new Map<number, Ssda903File[]>();
    byLaYear.set(f.la, m);
    m.set(f.year, [...(m.get(f.year) ?? []), f]);
  }
  for (const [la, years] of [...byLaYear].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // every year of the LA, read as one: the runs take their years' parts of it
    const all: ClaLaData = { la, years: [], birthMonth: new Map(), episodes: new Map(), listed: new Map(), missing: new Map(), careLeavers: new Map(), outcomes: new Map(), tables: new Map() };
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
      otherYear.clear();
      tooManyDropped.length = 0;
      const headerTables = headerFiles.map((f) => {
        const t = read(f)!; // only an OC2 table is ever skipped
        tablesRead.add("Header");
        readHeader(t, la, pseudo, { inHeader, birthDays, birthDatesNotTaken: birthDatesNotTaken.get(f.name) }, log);
        return t;
      });
      for (const f of yearFiles) {
        if (f.table === "Header") continue;
        if (headerFiles.length === 0 && (f.table === "Episodes" || f.table === "Missing")) {
          log.note(f.name, "skipped-file", `no Header table for ${la} ${year}: children cannot be checked against it`);
          continue;
        }
        const t = read(f);
        if (t === undefined) continue;
        if (inHeader.size === 0) refuseHeaderWithoutChildren(headerTables, t);
        // thrown with the tables of too many rows to drop, after another year's (whose children are not in the Header either)
        const notInHeader = childrenNotInHeader(t, headerTables);
        if (notInHeader !== undefined) tooManyDropped.push(notInHeader);
        tablesRead.add(f.table);
        if (f.table === "Episodes") {
          const asRead = byYear.get(year) ?? new Map<string, ClaEpisode[]>();
          readEpisodes(t, la, pseudo, inHeader, asRead, log);
          const { episodes: yearEpisodes, error } = withoutOverlaps(asRead, f, log);
          if (error !== undefined) tooManyDropped.push(error);
          byYear.set(year, yearEpisodes);
          checkBornBeforeCare(yearEpisodes, birthDays, headerTables, pseudo, log);
          if (yearEpisodes.size > 0 && !all.years.includes(year)) all.years.push(year);
        } else if (f.table === "Missing") all.missing.set(year, [...(all.missing.get(year) ?? []), ...readMissing(t, la, pseudo, inHeader, log)]);
        else if (f.table === "OC2") all.outcomes.set(year, [...(all.outcomes.get(year) ?? []), ...readOc2(t, la, pseudo, log)]);
        else if (f.table === "OC3") all.careLeavers.set(year, [...(all.careLeavers.get(year) ?? []), ...readOc3(t, la, pseudo, log)]);
        else checkOtherTable(t, log);
      }
      refuseTablesOfAnotherYear(otherYear);
      if (tooManyDropped.length > 0) throw tooManyDropped[0];
      if (!tablesRead.has("Episodes")) noticeNoEpisodes(la, year, yearFiles, log);
      else refuseStartOnlyEpisodes(year, years, byYear);
    }
    dropYearsWithoutEpisodes(la, years, byYear, log);
    const runs = consecutiveRuns(all.years);
    const unread = new Set([...years].filter(([year, yearFiles]) => yearFiles.some((f) => f.table === "Episodes") && !all.years.includes(year)).map(([year]) => year));
    log.yearGaps(la, "SSDA903 Episodes", runs, "episodes are merged only across consecutive collection years (one open at the end of a year is ended in the next year's return)", unread);
    const episodeFiles = new Map([...years].map(([year, yearFiles]) => [year, yearFiles.filter((f) => f.table === "Episodes").map((f) => f.name)] as const));
    for (const run of runs) checkChildrenAcrossYears(la, run, byYear, episodeFiles, log);
    out.set(la, runs.map((run) => runData(all, run, byYear, birthByYear, log)));
  }
  return out;
}

/**
 * Refuse `year`'s Episodes table when it holds only the episodes that started in the year while the year before ended
 * with children in care (ssda903-start-only).
 */
function refuseStartOnlyEpisodes(year: number, files: ReadonlyMap<number, readonly Ssda903File[]>, byYear: ReadonlyMap<number, ReadonlyMap<string, ClaEpisode[]>>): void {
  const episodesFile = (y: number) => files.get(y)?.find((f) => f.table === "Episodes")?.name ?? "";
  const error = startOnlyEpisodesError(year, episodesFile(year), byYear.get(year) ?? new Map(), byYear.get(year - 1), episodesFile(year - 1));
  if (error !== undefined) throw error;
}

/**
 * How readSsda903 reads a table: its exact copies of a row dropped first (so that no other rule or count sees a row
 * twice), its year checked by its dates, an OC2 table without the columns its indicators read skipped whole (oc2Usable,
 * which logs it: the table's one column check), the rows of a child listed more than once in OC2, OC3 or Header dropped
 * (ssda903-repeated-children; a Header's rows whose date of birth is not to be read kept in `birthDatesNotTaken`, by
 * file), and, for a table whose rows are read child by child, its new identifiers hashed ahead, four at a time. Each
 * error of a table of another year (`otherYear`, by table) and of a table with too many rows to drop (`tooManyDropped`:
 * repeated children here, overlapping episodes in readSsda903) is kept, to be thrown once the LA-year's tables are all
 * read: the strongest evidence first, another year's before a table mixing two exports. `read` gives undefined for a
 * skipped OC2 table.
 */
function tableReader(
  pseudonyms: LaChildPseudonyms,
  log: ReturnsImportLog,
): {
  read: (f: Ssda903File) => TableRows<Ssda903File> | undefined;
  otherYear: Map<Ssda903Table, DataError>;
  tooManyDropped: DataError[];
  birthDatesNotTaken: Map<string, ReadonlySet<number>>;
} {
  const otherYear = new Map<Ssda903Table, DataError>();
  const tooManyDropped: DataError[] = [];
  const birthDatesNotTaken = new Map<string, ReadonlySet<number>>();
  const read = (f: Ssda903File): TableRows<Ssda903File> | undefined => {
    const copiesDropped = TABLES_READ_ONCE.has(f.table) ? withoutExactCopies(readTable(f, log), log) : readTable(f, log);
    // a table saved with its dates in another format is refused as that, before its year is told from its dates
    const format = tableDateFormatError(copiesDropped);
    if (format !== undefined) throw format;
    const error = otherYear.has(f.table) ? undefined : tableOfAnotherYear(copiesDropped);
    if (error !== undefined) otherYear.set(f.table, error);
    // an OC2 table its indicators cannot use gives none of them, and none of its children is counted: read as empty,
    // it had published both as not-available:no-children, which says the LA had no such children
    if (f.table === "OC2" && !oc2Usable(copiesDropped, log)) return undefined;
    const { table: t, error: repeated, birthDatesNotTaken: notTaken } = withoutRepeatedChildren(copiesDropped, log);
    if (repeated !== undefined) tooManyDropped.push(repeated);
    if (notTaken !== undefined && notTaken.size > 0) birthDatesNotTaken.set(f.name, notTaken);
    if (CHILD_TABLES.has(f.table)) pseudonyms.prepare(f.la, t.rows, t.col.get("CHILD")!);
    return t;
  };
  return { read, otherYear, tooManyDropped, birthDatesNotTaken };
}

/**
 * Refuse a year's Header tables from which no child was read (their header row alone, or no row with a CHILD) when the
 * year's Episodes or Missing table `t` has rows: each of those rows' children is checked against the Header, so every
 * row would be dropped as a child missing from it, and the year's figures left out with a notice blaming the Episodes
 * table (a header-only header.csv: 6,661 rows dropped, exit 0).
 * @throws DataError naming the (first) Header table
 */
function refuseHeaderWithoutChildren(headerTables: readonly TableRows<Ssda903File>[], t: TableRows<Ssda903File>): void {
  if ((t.file.table !== "Episodes" && t.file.table !== "Missing") || t.rows.length === 0) return;
  const header = headerTables[0];
  const rows = headerTables.reduce((n, h) => n + h.rows.length, 0);
  throw new DataError({
    file: header.file.name,
    column: "CHILD",
    // "its one row has no CHILD": the words for many rows, cut to one, had said "its one row has a CHILD"
    value: rows === 0 ? "no child: the table's header row alone" : `no child: ${rows === 1 ? "its one row has no CHILD" : `none of its ${rows} rows has a CHILD`}`,
    expected: `the children looked after in ${collectionYearLabel(header.file.year)}, whom the year's ${t.file.table} table (${t.file.name}, ${t.rows.length} row${t.rows.length === 1 ? "" : "s"}) is checked against: every one of its rows would be dropped as a child missing from Header; give the year's Header table`,
  });
}

/**
 * Say on the screen that an LA-year with SSDA903 tables has no Episodes table read: every SSDA903 indicator of a year is
 * counted over its episodes, so a year whose Episodes table was missing (or not read) had lost all of them, OC2 and
 * OC3 ones too, without a word (78 indicator rows → 70, exit 0). Each file is named with what it was read as when its
 * name names another table (Ssda903File.readAs), and a year with an Episodes table but no Header is said to lack the
 * Header: a header.csv holding Header's and Episodes' columns, read as Episodes and skipped for want of a Header, had
 * been followed by "give the year's Episodes table" (a hostile review, round 23).
 */
function noticeNoEpisodes(la: string, year: number, yearFiles: readonly Ssda903File[], log: ReturnsImportLog): void {
  const files = yearFiles.map((f) => (f.readAs === undefined ? f.name : `${f.name} (${f.readAs})`)).join(", ");
  if (yearFiles.some((f) => f.table === "Episodes") && !yearFiles.some((f) => f.table === "Header")) {
    log.notice(
      `${la} ${year}`,
      `no Header table (the year's SSDA903 files: ${files}): an Episodes table is not read without one (its children are checked against it), so the year's children-looked-after indicators are left out, those of its other tables too`,
      `give the year's Header table (${SSDA903_COLUMNS.Header.join(", ")}) in a file of its own: a file holding two tables' columns is read as the one whose columns it holds most of`,
    );
    return;
  }
  log.notice(
    `${la} ${year}`,
    `no Episodes table read (the year's SSDA903 files: ${files}): the year's children-looked-after indicators are left out, those of its other tables too`,
    "every SSDA903 indicator of a year is counted over its episodes: give the year's Episodes table",
  );
}

/**
 * Take each year of `byYear` whose Episodes table gave no episode (its header alone, or every row dropped) as a year
 * without one, and log a notice naming the table.
 */
function dropYearsWithoutEpisodes(
  la: string,
  years: ReadonlyMap<number, readonly Ssda903File[]>,
  byYear: Map<number, Map<string, ClaEpisode[]>>,
  log: ReturnsImportLog,
): void {
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
}

/**
 * One run's data: its years' tables, outcomes and missing incidents, the months of birth its Headers' days of birth
 * give (none for a child whose Headers of two years give different days: BIRTH_DATES_DIFFER_ACROSS_YEARS_RULE, the
 * children counted in `log`), and its episodes merged over its years (mergeYears), each child's in episodeOrder. Each
 * year's have no overlaps (withoutOverlaps), and merging adds none: an earlier year's episode is added only when it
 * ended by the start of every one taken.
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
    la: all.la, years: [...run], birthMonth: new Map(), episodes: new Map(), listed: childrenOfEachYear(ofRun(byYear)),
    missing: ofRun(all.missing), careLeavers: ofRun(all.careLeavers), outcomes: ofRun(all.outcomes), tables: ofRun(all.tables),
  };
  for (const [child, month] of runBirthMonths(all.la, run, birthByYear, log)) data.birthMonth.set(child, month);
  for (const [child, list] of mergeYears(ofRun(byYear))) data.episodes.set(child, list.sort(episodeOrder));
  return data;
}

/**
 * Each child's month of birth over a run's Headers: the day every year that gives one gives, or none when two years
 * give different days (counted under BIRTH_DATES_DIFFER_ACROSS_YEARS_RULE, with one notice; no child or date named).
 */
function runBirthMonths(la: string, run: readonly number[], birthByYear: ReadonlyMap<number, ReadonlyMap<string, number>>, log: ReturnsImportLog): Map<string, number> {
  const day = new Map<string, number>();
  const differ = new Set<string>();
  for (const year of run) {
    for (const [child, d] of birthByYear.get(year) ?? []) {
      const earlier = day.get(child);
      if (earlier === undefined) day.set(child, d);
      else if (earlier !== d) differ.add(child);
    }
  }
  const months = new Map<string, number>();
  for (const [child, d] of day) if (!differ.has(child)) months.set(child, birthMonth(d));
  if (differ.size > 0) {
    const label = `${la} ${run.map(collectionYearLabel).join(", ")}`;
    log.leftOut(label, BIRTH_DATES_DIFFER_ACROSS_YEARS_RULE, `the run's Header tables of ${run.map(collectionYearLabel).join(", ")}`, differ.size);
    log.notice(
      label,
      "children whose Headers of two years of the run give different dates of birth (DOB), read without one (the import log counts them): each is left out of cla_long_term_stability_pct, every other figure counting the child",
      "correct the child's date of birth in the Header of the year that is wrong, and export it again",
    );
  }
  return months;
}

/**
 * One history per child from several consecutive years' Episodes: the latest year's file that lists the child is
 * taken whole; an earlier file adds only the episodes that had ended by the earliest start already taken (an
 * episode with an end date in an earlier return is over before the later return's year, so it is not in that
 * return; one still open in the earlier return is in the next one, with its end date). This is what lets
 * long-term stability see a placement or period of care that began before the latest return's year. Which children
 * a year counts is its own table's (ClaLaData.listed): the merged episodes are their history.
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
      const earliest = minOf(kept.map((e) => e.start));
      for (const e of list) if (e.end !== null && e.end <= earliest) kept.push(e);
    }
  }
  return out;
}

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
