/**
 * Validate and count record-level pilot responses in one pass over the bytes of the CSV file(s), whole
 * ({@link tallyPilotRecords}) or read from disk in chunks with bounded memory ({@link tallyPilotRecordFiles}).
 *
 * This is the hot path of `vital-signs pilot` (a million records in well under a second): a hand-written
 * byte-level CSV scanner (RFC 4180: quoted fields, doubled quotes, CRLF or LF; lib/pilot/record-scan.ts)
 * that allocates nothing per row; the steps per row are in lib/pilot/tally-builder.ts. Each field is mapped to a small integer by {@link ByteInterner} and the response is counted in
 * `counts[(group × maxResponses) + responseIndex]`, where a group is one (LA, period, item). Every row is
 * validated (see lib/pilot/records.ts for the rules); all errors are collected and thrown together.
 *
 * Nothing about individual respondents leaves this function: the result holds counts per group only, and
 * the number of distinct respondent ids.
 */
import * as fs from "node:fs";
import { InputError } from "../errors";
import type { InstrumentSet } from "./instruments";
import type { PilotTally, RecordSource } from "./tally-types";
import { PilotTallyBuilder } from "./tally-builder";
import { READ_CHUNK_BYTES, readFileInChunks } from "./read-chunks";
import { readableRecords } from "./record-errors";

export type { PilotTally, RecordSource } from "./tally-types";

/**
 * Validate records and count responses per LA, period and item, from bytes already in memory (for files on
 * disk, {@link tallyPilotRecordFiles} reads them in chunks and keeps memory bounded).
 * @param sources record CSV files (bytes); several files are counted together
 * @param instruments the validated instrument definitions
 * @param areaCodes the LA codes records may use (e.g. the la_code column of areas.csv)
 * @throws DataErrors with every invalid row (file, row, column, value, expected), up to 200 listed
 * @example
 * const tally = tallyPilotRecords([{ file: "records.csv", bytes: fs.readFileSync("records.csv") }], set, codes);
 * tally.records; // rows read
 */
export function tallyPilotRecords(sources: readonly RecordSource[], instruments: InstrumentSet, areaCodes: readonly string[]): PilotTally {
  if (sources.length === 0) throw new InputError("tallyPilotRecords", "at least one record file is needed", 0);
  const builder = new PilotTallyBuilder(instruments, areaCodes, { expectedBytes: sources.reduce((sum, src) => sum + src.bytes.length, 0) });
  for (const source of sources) {
    builder.beginFile(source.file);
    builder.write(source.bytes);
    builder.endFile();
  }
  return builder.finish();
}

/**
 * {@link tallyPilotRecords} reading the files from disk in chunks: memory holds the counts and the
 * respondent index, never a file. With `respondentKey` (16 bytes: newSipHashKey, lib/pilot/siphash.ts), the ids in
 * the files are raw and each respondent is told apart by the SipHash-2-4 of its id under that key, a 64-bit value
 * that never leaves the process; the result equals pseudonymising the files (with any key) and tallying the output.
 * @throws DataErrors with every invalid row (file, row, column, value, expected), up to 200 listed; or naming a
 *   file that cannot be opened or read, with the reason
 * @example
 * const tally = tallyPilotRecordFiles(["records.csv"], set, codes, { respondentKey: newSipHashKey() });
 */
export function tallyPilotRecordFiles(
  files: readonly string[],
  instruments: InstrumentSet,
  areaCodes: readonly string[],
  options: { respondentKey?: Uint8Array; chunkBytes?: number } = {},
): PilotTally {
  if (files.length === 0) throw new InputError("tallyPilotRecordFiles", "at least one record file is needed", 0);
  const expectedBytes = files.reduce((sum, f) => sum + readableRecords(f, "file", () => fs.statSync(f)).size, 0);
  const builder = new PilotTallyBuilder(instruments, areaCodes, { respondentKey: options.respondentKey, expectedBytes });
  for (const file of files) {
    builder.beginFile(file);
    readableRecords(file, "file", () => readFileInChunks(file, options.chunkBytes ?? READ_CHUNK_BYTES, (chunk) => builder.write(chunk)));
    builder.endFile();
  }
  return builder.finish();
}
