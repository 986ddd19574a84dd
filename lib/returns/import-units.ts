/**
 * The statutory returns of a folder cut into independent units of work, so that they can be computed on any
 * thread and put back together in one fixed order: the result (counts and every import-log entry) is the same
 * whatever thread computed which unit, and the same as one thread reading everything in order.
 *
 * - One SSDA903 unit per LA: its tables read, merged over the years, and its counts (lib/returns/cla-indicators).
 * - One CIN unit per LA: its census files read in year order (one log per file) and, after its last file, its
 *   counts (lib/returns/cin-indicators), merged within runs of consecutive collection years. A census with no Child
 *   element gives no year (a notice says so).
 *
 * A unit records what it would have written to the import log (method and arguments) instead of writing it;
 * {@link assembleUnits} replays the records into the real log in the order one thread would have written them,
 * and rethrows the first error in that order (an error ends the unit it happened in, as it would end the run).
 */
import { DataError, DataErrors, InputError } from "../errors";
import { cinCounts } from "./cin-indicators";
import { consecutiveRuns } from "./dates";
import { claCounts, type ReturnsCount } from "./cla-indicators";
import { ReturnsImportLog } from "./import-issues";
import { latestCinRecords, readCinFile, type CinLaData } from "./read-cin";
import { readSsda903, type AttributedFile, type Ssda903File } from "./read-ssda903";
import { append } from "../data/append";

/** One call the import log received: the method and its arguments. */
export interface LogCall {
  method: "drop" | "warn" | "note" | "leftOut" | "skippedRows" | "notice" | "read";
  args: unknown[];
}

/** An error thrown inside a unit, as plain data (it may cross threads). */
export interface UnitError {
  kind: "DataError" | "DataErrors" | "InputError" | "Error";
  message: string;
  /** The DataError's location; for DataErrors, each error's location. */
  locations?: ConstructorParameters<typeof DataError>[0][];
  /** For another error: the file or files the unit was reading, which its message may not name. */
  reading?: string;
}

/** What a unit did: its log calls, its counts, and the error that ended it, if any. */
export interface UnitOutcome {
  log: LogCall[];
  counts: ReturnsCount[];
  error?: UnitError;
}

/** The CIN unit of one LA: one outcome per file in reading order, then the counts (after the last file). */
export interface CinUnitOutcome {
  la: string;
  files: UnitOutcome[];
  counts: UnitOutcome;
}

/** A ReturnsImportLog that records calls instead of keeping them. */
export class RecordingLog extends ReturnsImportLog {
  readonly calls: LogCall[] = [];
  override drop(...args: Parameters<ReturnsImportLog["drop"]>): void {
    this.calls.push({ method: "drop", args });
  }
  override warn(...args: Parameters<ReturnsImportLog["warn"]>): void {
    this.calls.push({ method: "warn", args });
  }
  override note(...args: Parameters<ReturnsImportLog["note"]>): void {
    this.calls.push({ method: "note", args });
  }
  override leftOut(...args: Parameters<ReturnsImportLog["leftOut"]>): void {
    this.calls.push({ method: "leftOut", args });
  }
  override skippedRows(...args: Parameters<ReturnsImportLog["skippedRows"]>): void {
    this.calls.push({ method: "skippedRows", args });
  }
  override notice(...args: Parameters<ReturnsImportLog["notice"]>): void {
    this.calls.push({ method: "notice", args });
  }
  override read(...args: Parameters<ReturnsImportLog["read"]>): void {
    this.calls.push({ method: "read", args });
  }
}

/** Replay recorded calls into a log. */
function replay(calls: readonly LogCall[], log: ReturnsImportLog): void {
  for (const c of calls) (log[c.method] as (...a: unknown[]) => void)(...c.args);
}

/** An error as plain data; `reading` names the file or files the unit was reading. */
function toUnitError(e: unknown, reading: string): UnitError {
  if (e instanceof DataError) return { kind: "DataError", message: e.message, locations: [locationOf(e)] };
  if (e instanceof DataErrors) return { kind: "DataErrors", message: e.message, locations: e.errors.map(locationOf) };
  if (e instanceof InputError) return { kind: "InputError", message: e.message };
  return { kind: "Error", message: e instanceof Error ? e.message : String(e), reading };
}

function locationOf(e: DataError): ConstructorParameters<typeof DataError>[0] {
  return { file: e.file, sheet: e.sheet, row: e.row, column: e.column, value: e.value, expected: e.expected };
}

/**
 * The error again, of its class and with its message; another error's message names the files the unit was reading
 * (round 24 H9: "Cannot create a string longer than 0x1fffffe8 characters" had come back naming none).
 */
function fromUnitError(u: UnitError): Error {
  if (u.kind === "DataError") return new DataError(u.locations![0]);
  const e = u.kind === "DataErrors" ? new DataErrors(u.locations!.map((l) => new DataError(l)), "") : u.kind === "InputError" ? new InputError("", "") : new Error();
  e.message = u.reading === undefined ? u.message : `${u.reading}: ${u.message}`;
  return e;
}

/** Run `work` with a recording log: its calls and counts, or the error that ended it (`reading`: its files, for messages). */
function recorded(reading: string, work: (log: ReturnsImportLog) => ReturnsCount[]): UnitOutcome {
  const log = new RecordingLog();
  try {
    return { log: log.calls, counts: work(log) };
  } catch (e) {
    return { log: log.calls, counts: [], error: toUnitError(e, reading) };
  }
}

/** Files named in a message: all of up to three, else the first three and how many more. */
function filesNamed(names: readonly string[]): string {
  return names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}

/**
 * The SSDA903 unit of one LA: read its tables (all years) and count.
 * @example ssda903Unit(found.ssda903.filter((f) => f.la === "E09000001"), key).counts
 */
export function ssda903Unit(files: readonly Ssda903File[], key: Buffer): UnitOutcome {
  return recorded(`reading ${filesNamed(files.map((f) => f.name))}`, (log) => {
    const counts: ReturnsCount[] = [];
    for (const runs of readSsda903(files, key, log).values()) for (const data of runs) for (const year of data.years) append(counts, claCounts(data, year));
    return counts;
  });
}

/**
 * The CIN unit of one LA: its census files in year order (stable), then its counts; a file's error ends the unit.
 * @example cinUnit("E09000001", found.cin.filter((f) => f.la === "E09000001"), key).counts.counts
 */
export function cinUnit(la: string, files: readonly AttributedFile[], key: Buffer): CinUnitOutcome {
  const data: CinLaData = { la, years: [], referrals: [], assessments: [], plans: [] };
  const outcomes: UnitOutcome[] = [];
  const read: CinFileRecords[] = [];
  for (const f of sortedByYear(files)) {
    const from = recordCounts(data);
    const outcome = recorded(`reading ${f.name}`, (log) => {
      const h = readCinFile(f, key, data, log);
      if (h.children === 0) {
        // a census listing no child is no return, not an LA with no children in need (its CIN rates had read 0, exit 0)
        log.notice(f.name, "a CIN census with no Child element: taken for no census, not for an LA with no children in need (it gives no indicator)", "check that the census holds the year's children");
        return [];
      }
      if (data.referrals.length === from.referrals) {
        // every referral dropped (its dates not dates, or none given): counted, the census had published
        // cin_referrals_rate_per_10k 0 with no status (round-27 trial S1-4); taken for no census, as SSDA903 takes an
        // Episodes table with no episode read, its assessments and plans set aside with it
        data.referrals.length = from.referrals;
        data.assessments.length = from.assessments;
        data.plans.length = from.plans;
        log.notice(f.name, `no referral read from the CIN census (its ${h.children} Child element(s) give no referral with a referral date that is a date): the year's children-in-need indicators are left out, not counted as an LA with no children in need`, "check the census's CINreferralDate elements (the import log says why each referral was dropped)");
        return [];
      }
      // the census's own ReferenceDate and Year were checked against the year it is filed under (discover, readCinFile)
      const year = f.year;
      if (!data.years.includes(year)) data.years.push(year);
      read.push({ year, from, to: recordCounts(data) });
      return [];
    });
    outcomes.push(outcome);
    if (outcome.error) return { la, files: outcomes, counts: { log: [], counts: [] } };
  }
  const counts = recorded(`counting the CIN censuses of ${la} (${filesNamed(files.map((f) => f.name))})`, (log) => {
    // censuses are merged only across consecutive years, as SSDA903 returns are (read-ssda903): across a missing
    // year a referral open in the earlier census may have closed in the missing one, and would stay open for good
    const runs = consecutiveRuns(data.years);
    log.yearGaps(la, "CIN census", runs, "censuses are merged only across consecutive collection years (a referral open at the end of a year is closed in a later census)");
    return runs.flatMap((run) => {
      const runFiles = runs.length === 1 ? read : read.filter((r) => run.includes(r.year));
      const part = runs.length === 1 ? data : recordsOf(data, runFiles, run);
      const merged = runFiles.length === 1 ? part : latestCinRecords(part);
      return merged.years.flatMap((y) => cinCounts(merged, y));
    });
  });
  return { la, files: outcomes, counts };
}

/** Where one census file's records lie in the CinLaData it was read into. */
interface CinFileRecords {
  year: number;
  from: RecordCounts;
  to: RecordCounts;
}

interface RecordCounts {
  referrals: number;
  assessments: number;
  plans: number;
}

function recordCounts(data: CinLaData): RecordCounts {
  return { referrals: data.referrals.length, assessments: data.assessments.length, plans: data.plans.length };
}

/** The records of some files of `data` (in reading order), numbered as in `data` (its childKeys), for the years `years`. */
function recordsOf(data: CinLaData, files: readonly CinFileRecords[], years: readonly number[]): CinLaData {
  const take = <T>(all: readonly T[], kind: keyof RecordCounts): T[] => files.flatMap((f) => all.slice(f.from[kind], f.to[kind]));
  return {
    la: data.la,
    years: [...years],
    referrals: take(data.referrals, "referrals"),
    assessments: take(data.assessments, "assessments"),
    plans: take(data.plans, "plans"),
    ...(data.childKeys === undefined ? {} : { childKeys: data.childKeys }),
  };
}

/** Files in collection-year order, keeping the given order within a year. */
export function sortedByYear<T extends { year: number }>(files: readonly T[]): T[] {
  return [...files].sort((a, b) => a.year - b.year);
}

/** LAs in the order the SSDA903 reader takes them (sorted by code). */
export function ssda903Las(files: readonly Ssda903File[]): string[] {
  return [...new Set(files.map((f) => f.la))].sort((a, b) => (a < b ? -1 : 1));
}

/**
 * Put the units back together in one thread's order — SSDA903 LAs by code, then the CIN files by collection
 * year with each LA's counts after its last file — replaying their log calls into `log`.
 * @returns the counts, in that order
 * @throws the first unit error in that order
 * @example
 * const counts = assembleUnits(found, ssda903ByLa, cinByLa, log);
 */
export function assembleUnits(
  cinFiles: readonly AttributedFile[],
  ssda903: ReadonlyMap<string, UnitOutcome>,
  cin: ReadonlyMap<string, CinUnitOutcome>,
  log: ReturnsImportLog,
): ReturnsCount[] {
  const counts: ReturnsCount[] = [];
  const take = (u: UnitOutcome) => {
    replay(u.log, log);
    if (u.error) throw fromUnitError(u.error);
    append(counts, u.counts);
  };
  for (const la of [...ssda903.keys()].sort((a, b) => (a < b ? -1 : 1))) take(ssda903.get(la)!);
  const filesLeft = new Map<string, number>();
  for (const f of cinFiles) filesLeft.set(f.la, (filesLeft.get(f.la) ?? 0) + 1);
  const next = new Map<string, number>();
  const cinCountsByLa = new Map<string, ReturnsCount[]>();
  for (const f of sortedByYear(cinFiles)) {
    const unit = cin.get(f.la)!;
    const at = next.get(f.la) ?? 0;
    next.set(f.la, at + 1);
    if (!cinCountsByLa.has(f.la)) cinCountsByLa.set(f.la, []);
    replay(unit.files[at].log, log);
    if (unit.files[at].error) throw fromUnitError(unit.files[at].error!);
    if (at + 1 < filesLeft.get(f.la)!) continue;
    replay(unit.counts.log, log);
    if (unit.counts.error) throw fromUnitError(unit.counts.error);
    append(cinCountsByLa.get(f.la)!, unit.counts.counts);
  }
  // one thread pushes an LA's CIN counts in the order the LAs are first read
  return [...counts, ...[...cinCountsByLa.values()].flat()];
}
