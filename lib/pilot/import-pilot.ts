/**
 * From a folder of record-level pilot CSVs to pilot indicator rows, in the order the privacy rules need:
 * validate and count (each raw id hashed as it is read, never kept) → estimate with suppression → rows; and, when
 * asked for, the pseudonymised record files (HMAC-SHA256 with the user's key) last.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, DataErrors, InputError } from "../errors";
import { CSV_HEAD_SEARCH_BYTES, csvHeadProblem, describeCsvHeadProblem } from "../data/csv-head";
import { describeEntry, entryAt } from "../data/folder-entries";
import { readFileHead } from "../data/file-head";
import { DEFAULT_DISCLOSURE_THRESHOLD } from "../disclosure/suppress-counts";
import type { InstrumentSet } from "./instruments";
import { estimatePilotIndicators, pilotCatalogue, pilotIndicatorRows, pilotItemsWithoutRows, type ItemsWithoutRows, type PilotEstimate } from "./indicators";
import type { PilotRows } from "./merge";
import { MIN_KEY_BYTES } from "./pseudonymise";
import { newSipHashKey } from "./siphash";
import { RECORD_FIELDS } from "./records";
import { CR_ONLY_EXPECTED, readableRecords } from "./record-errors";
import { looseColumnName } from "./record-header";
import { writeFilesAtomically } from "../data/atomic-write";
import { decodeCsvBytes, formatCsv, parseCsv, type CsvText, type CsvValue } from "../data/csv";
import { tallyPilotRecordFiles, type PilotTally, type RecordSource } from "./tally-records";
import { tallyPilotRecordFilesInParallel, type ParallelTallyOptions } from "./tally-parallel";
import type * as WriteRecords from "./write-records";

/** What an import produced, with counts for the log (no record-level content). */
export interface PilotImport {
  rows: PilotRows;
  estimates: PilotEstimate[];
  files: string[];
  records: number;
  respondents: number;
  /** Estimates withheld by disclosure control. */
  suppressed: number;
  /** Pseudonymised record files written (with `recordsOut`), else empty. */
  recordFiles: string[];
  threshold: number;
  /** Items (and whole instruments) with no record or response: no indicator row, so no catalogue row either. */
  withoutRecords: ItemsWithoutRows[];
}

/**
 * The record CSV files of a folder, sorted by name: every `*.csv` file named `records…`, or whose header names a
 * column only record files have (respondent_id, instrument, item, response), compared loosely (case, spaces, "-"
 * and "_" aside: "Respondent_ID", "respondent id"). Such a file is then read with the record schema's header, which
 * refuses every column not named exactly, saying which; a review's file headed "Respondent_ID" or "respondent id",
 * or with respondent_id past the 512 bytes then looked at, had been left out without a word (3,280 records gone,
 * exit 0). The LA list and other tables by LA and period (la_code, period, values) are not record files. A header
 * separated by semicolons or tabs counts too, so that such a file is refused by the header check, with a hint to save
 * it comma-separated. For the same reason a CSV whose header cannot be read is refused, named: an empty file, one in
 * UTF-16, one with no line end in its first 64 KiB, one that cannot be opened (a review's records file of either
 * kind was left out, and its instrument's indicators were gone from an import that succeeded).
 * @throws DataErrors naming each empty, UTF-16, UTF-32, CR-only or unreadable CSV of the folder, each with a NUL in
 *   its header or no line end in its first 64 KiB, each .csv entry that is not a regular file; or the folder, when
 *   it cannot be listed
 * @example
 * findRecordFiles("datasets/pilot-records-synthetic") // [".../records-case_audit.csv", …]
 */
export function findRecordFiles(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new DataErrors([new DataError({ file: dir, expected: "a folder of record-level pilot CSV files" })], "findRecordFiles");
  }
  const unreadable: DataError[] = [];
  const files = readableRecords(dir, "folder", () => fs.readdirSync(dir))
    .filter((f) => f.toLowerCase().endsWith(".csv"))
    .sort()
    .map((f) => path.join(dir, f))
    .filter((f) => {
      // a FIFO named records-x.csv blocked the command for ever, a folder so named failed with a bare EISDIR (told by
      // type, as check-disclosure and returns tell entries: a link to a folder or round a loop is no file either)
      const entry = entryAt(f);
      if (entry.kind !== "file") {
        unreadable.push(new DataError({ file: f, row: 0, value: describeEntry(entry), expected: "a record CSV file (a regular file, or a link to one), or no such entry in the folder" }));
        return false;
      }
      let head: Buffer;
      try {
        head = readableRecords(f, "file", () => readFileHead(f, HEAD_BYTES));
      } catch (e) {
        if (!(e instanceof DataErrors)) throw e;
        unreadable.push(...e.errors);
        return false;
      }
      const problem = unreadableHeadProblem(head);
      if (problem !== undefined) {
        unreadable.push(new DataError({ file: f, row: 0, ...problem }));
        return false;
      }
      const lineEnd = head.indexOf(LF);
      if (lineEnd < 0 && head.length === HEAD_BYTES) {
        unreadable.push(new DataError({ file: f, row: 0, value: `no line end in the first ${HEAD_BYTES} bytes`, expected: `a header line of at most ${HEAD_BYTES} bytes` }));
        return false;
      }
      return isRecordFile(path.basename(f), head.toString("utf8", 0, lineEnd < 0 ? head.length : lineEnd));
    });
  if (unreadable.length > 0) throw new DataErrors(unreadable, "findRecordFiles");
  return files;
}

/** Bytes a file's header is looked for in: as far as the CSV readers look for a first line (64 KiB). */
const HEAD_BYTES = CSV_HEAD_SEARCH_BYTES;
const LF = 10;

/** The record columns no other table of a pilot folder has (the LA list, tables by LA and period have la_code and period). */
const RECORD_ONLY_FIELDS: readonly string[] = ["respondent_id", "instrument", "item", "response"];

/**
 * Whether a CSV of a pilot folder is a record file, by its name (`records…`) or by its header line: a column named as
 * one of {@link RECORD_ONLY_FIELDS}, case, white space, "-" and "_" aside.
 */
function isRecordFile(name: string, headerLine: string): boolean {
  if (name.toLowerCase().startsWith("records")) return true;
  return headerLine.split(/[,;\t]/).some((h) => RECORD_ONLY_FIELDS.includes(looseColumnName(h)));
}

/**
 * Why a CSV's first bytes hold no readable header, if they do not ({@link csvHeadProblem}): UTF-16 or UTF-32 (with a
 * byte order mark or without), a NUL byte in the header (a file left out as one without a respondent_id column, its
 * records gone with exit 0), lines ending in a carriage return alone (a review's such file was refused as "a record
 * of at most 65536 bytes (is a closing quote missing?)"), or a whole file of nothing but blanks.
 */
function unreadableHeadProblem(head: Buffer): { value: string; expected: string } | undefined {
  const problem = csvHeadProblem(head, { wholeFile: head.length < HEAD_BYTES });
  if (problem === undefined) return undefined;
  const value = describeCsvHeadProblem(problem);
  if (problem.code === "cr-only") return { value, expected: CR_ONLY_EXPECTED };
  if (problem.code === "empty") return { value, expected: "a record CSV with a header and records, or no such file in the folder" };
  return { value, expected: "a CSV file in UTF-8 (save it again as CSV UTF-8)" };
}

/** The writer of pseudonymised record files (lib/pilot/write-records.ts), loaded on first use: only --records-out needs it. */
function writeRecordFiles(): typeof WriteRecords {
  return require("./write-records") as typeof WriteRecords;
}

/**
 * Import record files: validate and count, estimate with disclosure control; with `recordsOut`, write them
 * pseudonymised with `key`. The files are read in chunks (`chunkBytes`, default 1 MiB), so memory stays bounded
 * whatever their size: it holds the counts and about 16–32 bytes per distinct respondent, never a file.
 * Respondents are told apart in memory by the SipHash-2-4 of their raw ids under a random key made for the call
 * (lib/pilot/siphash.ts; never saved): the counts are those of the files pseudonymised with `key` (HMAC-SHA256),
 * whose pseudonyms are computed only for the record files written.
 * @param files record CSV paths (raw ids allowed: they are hashed as they are read and dropped)
 * @param options `key` (HMAC key, see resolvePseudonymKey; at least 16 bytes), `threshold` (default 10), `recordsOut`
 *   (folder to write the pseudonymised record files to; it must not be an export folder). The record files are written
 *   last, only when every record is valid, and hold only the record schema's columns
 *   (see {@link writePseudonymisedRecords}); an invalid import writes nothing. `intervals` (default true): false
 *   leaves the estimates' limits NaN (the indicator rows do not hold them; see estimatePilotIndicators).
 * @throws DataErrors for any invalid record (all listed, up to 200)
 * @example
 * const result = importPilotRecords(findRecordFiles(dir), set, areaCodes, { key });
 */
export function importPilotRecords(files: readonly string[], instruments: InstrumentSet, areaCodes: readonly string[], options: PilotImportOptions): PilotImport {
  checkImport(files, options);
  // 1. read each file in chunks, hash each id and validate and count at once (raw ids are never kept),
  // 2. estimate, and only then 3. write the pseudonymised records (a second streamed pass over the files)
  const tally = tallyPilotRecordFiles(files, instruments, areaCodes, { respondentKey: newSipHashKey(), chunkBytes: options.chunkBytes });
  return completeImport(tally, files, instruments, options);
}

/** Options of {@link importPilotRecords} (see there). */
export interface PilotImportOptions {
  key: Buffer;
  threshold?: number;
  conf?: number;
  recordsOut?: string;
  chunkBytes?: number;
  intervals?: boolean;
}

/**
 * {@link importPilotRecords} with the records read on several threads (lib/pilot/tally-parallel.ts): the same result,
 * the same errors. `workers`: worker threads besides the calling one (default: none below PARALLEL_MIN_BYTES of
 * records or on a busy machine: defaultPilotWorkers); `blockBytes`: bytes per block. The pseudonymised records of `recordsOut`
 * are written on the calling thread alone, after the tally, as importPilotRecords writes them.
 * @throws DataErrors for any invalid record (all listed, up to 200)
 * @example
 * const result = await importPilotRecordsInParallel(findRecordFiles(dir), set, areaCodes, { key, workers: 1 });
 */
export async function importPilotRecordsInParallel(
  files: readonly string[],
  instruments: InstrumentSet,
  areaCodes: readonly string[],
  options: PilotImportOptions & Omit<ParallelTallyOptions, "respondentKey" | "chunkBytes">,
): Promise<PilotImport> {
  checkImport(files, options);
  const { workers, startedWorkers, blockBytes, dealBlocks, onWorkerFailure, onReadAgain } = options;
  // the workers the caller started ahead (the CLI, while it reads instruments and LAs) are the tally's: it had started as many again
  const tally = await tallyPilotRecordFilesInParallel(files, instruments, areaCodes, { respondentKey: newSipHashKey(), chunkBytes: options.chunkBytes, workers, startedWorkers, blockBytes, dealBlocks, onWorkerFailure, onReadAgain });
  return completeImport(tally, files, instruments, options);
}

/** The checks of an import's arguments, before any record is read. */
function checkImport(files: readonly string[], options: PilotImportOptions): void {
  if (files.length === 0) throw new DataErrors([new DataError({ file: "(none)", expected: "at least one record CSV with a respondent_id column" })], "importPilotRecords");
  if (options.key.length < MIN_KEY_BYTES) throw new InputError("importPilotRecords", `key must be at least ${MIN_KEY_BYTES} bytes`, options.key.length);
}

/** The import of a tally: estimates with disclosure control, indicator and catalogue rows, then the record files. */
function completeImport(tally: PilotTally, files: readonly string[], instruments: InstrumentSet, options: PilotImportOptions): PilotImport {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  const estimates = estimatePilotIndicators(tally, { threshold, conf: options.conf, intervals: options.intervals });
  const indicators = pilotIndicatorRows(estimates, { threshold });
  // a catalogue row only for an indicator with rows (validate warns of one without; returns and add give none)
  const given = new Set(indicators.map((r) => r.indicator));
  const rows: PilotRows = { catalogue: pilotCatalogue(instruments, { threshold }).filter((c) => given.has(c.indicator)), indicators };
  const recordFiles = options.recordsOut ? writeRecordFiles().writePseudonymisedRecordFiles(options.recordsOut, files, options.key, options.chunkBytes) : [];
  return {
    rows,
    estimates,
    files: [...files],
    records: tally.records,
    respondents: tally.respondents,
    suppressed: estimates.filter((e) => e.status.startsWith("suppressed")).length,
    recordFiles,
    threshold,
    withoutRecords: pilotItemsWithoutRows(instruments, given),
  };
}

/**
 * Write validated, pseudonymised record files into `dir`, keeping only the columns of the record schema
 * (lib/pilot/records.ts, `RECORD_FIELDS`, in that order): a column that is not in the schema (a name, a raw
 * id, free text) is never copied, even if a caller passes it. All files are written as one atomic group
 * (see lib/data/atomic-write.ts): on failure none is left.
 * @returns the paths written
 * @example
 * writePseudonymisedRecords("/secure/pseudonymised", [{ file: "raw/records.csv", bytes }]);
 */
export function writePseudonymisedRecords(dir: string, sources: readonly RecordSource[]): string[] {
  const names = new Set<string>();
  const files = sources.map((source) => {
    const name = path.basename(source.file);
    if (names.has(name)) throw new DataErrors([new DataError({ file: source.file, expected: "record files with distinct names" })], "writePseudonymisedRecords");
    names.add(name);
    // strictly: Buffer#toString would write U+FFFD for each byte that is not UTF-8 (a Windows-1252 export), and
    // two ids differing in one such byte would be written as one
    let csv: CsvText;
    try {
      csv = parseCsv(decodeCsvBytes(source.bytes, source.file), source.file);
    } catch (e) {
      if (e instanceof DataError) throw new DataErrors([e], "writePseudonymisedRecords");
      throw e;
    }
    const rows = csv.rows.map((cells) => {
      const row: Record<string, CsvValue> = {};
      for (const field of RECORD_FIELDS) {
        const k = csv.header.indexOf(field);
        row[field] = k < 0 ? "" : cells[k];
      }
      return row;
    });
    return { name, contents: formatCsv(rows, RECORD_FIELDS) };
  });
  writeFilesAtomically(dir, files);
  return files.map((f) => path.join(dir, f.name));
}
