/**
 * From a folder of record-level pilot CSVs to pilot indicator rows, in the order the privacy rules need:
 * pseudonymise (import step, raw ids dropped) → validate and count → estimate with suppression → rows.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, DataErrors } from "../errors";
import { DEFAULT_DISCLOSURE_THRESHOLD } from "../disclosure/suppress-counts";
import type { InstrumentSet } from "./instruments";
import { estimatePilotIndicators, pilotCatalogue, pilotIndicatorRows, type PilotEstimate } from "./indicators";
import type { PilotRows } from "./merge";
import { pseudonymiseRecordsCsv } from "./pseudonymise";
import { tallyPilotRecords, type RecordSource } from "./tally-records";

/** What an import produced, with counts for the log (no record-level content). */
export interface PilotImport {
  rows: PilotRows;
  estimates: PilotEstimate[];
  files: string[];
  records: number;
  respondents: number;
  /** Estimates withheld by disclosure control. */
  suppressed: number;
  threshold: number;
}

/**
 * The record CSV files of a folder: `*.csv` files whose header has a `respondent_id` column, sorted by name.
 * @example
 * findRecordFiles("datasets/pilot-records-synthetic") // [".../records-case_audit.csv", …]
 */
export function findRecordFiles(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new DataErrors([new DataError({ file: dir, expected: "a folder of record-level pilot CSV files" })], "findRecordFiles");
  }
  return fs
    .readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(".csv"))
    .sort()
    .map((f) => path.join(dir, f))
    .filter((f) => {
      const fd = fs.openSync(f, "r");
      try {
        const head = Buffer.alloc(512);
        const n = fs.readSync(fd, head, 0, head.length, 0);
        const firstLine = head.subarray(0, n).toString("utf8").split(/\r?\n/)[0];
        return firstLine.split(",").some((h) => h.replace(/^"|"$/g, "").trim() === "respondent_id");
      } finally {
        fs.closeSync(fd);
      }
    });
}

/**
 * Import record files: pseudonymise each with `key`, validate and count, estimate with disclosure control.
 * @param files record CSV paths (raw ids allowed: they are pseudonymised first and dropped)
 * @param options `key` (HMAC key, see resolvePseudonymKey), `threshold` (default 10), `recordsOut` (folder to
 *   write the pseudonymised record files to; it must not be an export folder)
 * @throws DataErrors for any invalid record (all listed, up to 200)
 * @example
 * const result = importPilotRecords(findRecordFiles(dir), set, areaCodes, { key });
 */
export function importPilotRecords(
  files: readonly string[],
  instruments: InstrumentSet,
  areaCodes: readonly string[],
  options: { key: Buffer; threshold?: number; conf?: number; recordsOut?: string },
): PilotImport {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  if (files.length === 0) throw new DataErrors([new DataError({ file: "(none)", expected: "at least one record CSV with a respondent_id column" })], "importPilotRecords");
  const sources: RecordSource[] = [];
  for (const file of files) {
    const pseudo = pseudonymiseRecordsCsv(fs.readFileSync(file, "utf8"), file, options.key);
    const bytes = Buffer.from(pseudo.csv, "utf8");
    if (options.recordsOut) {
      fs.mkdirSync(options.recordsOut, { recursive: true });
      fs.writeFileSync(path.join(options.recordsOut, path.basename(file)), bytes);
    }
    sources.push({ file, bytes });
  }
  const tally = tallyPilotRecords(sources, instruments, areaCodes);
  const estimates = estimatePilotIndicators(tally, { threshold, conf: options.conf });
  const rows: PilotRows = {
    catalogue: pilotCatalogue(instruments, { threshold }),
    indicators: pilotIndicatorRows(estimates, { threshold }),
  };
  return {
    rows,
    estimates,
    files: [...files],
    records: tally.records,
    respondents: tally.respondents,
    suppressed: estimates.filter((e) => e.status.startsWith("suppressed")).length,
    threshold,
  };
}
