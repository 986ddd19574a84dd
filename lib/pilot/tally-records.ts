/**
 * Validate and count record-level pilot responses in one pass over the bytes of the CSV file(s), whole
 * ({@link tallyPilotRecords}) or read from disk in chunks with bounded memory ({@link tallyPilotRecordFiles}).
 *
 * This is the hot path of `vital-signs pilot` (a million records in well under a second): a hand-written
 * byte-level CSV scanner (lib/pilot/record-scan.ts; the steps per row are in lib/pilot/tally-builder.ts) (RFC 4180: quoted fields, doubled quotes, CRLF or LF) that allocates nothing per
 * row. Each field is mapped to a small integer by {@link ByteInterner} and the response is counted in
 * `counts[(group × maxResponses) + responseIndex]`, where a group is one (LA, period, item). Every row is
 * validated (see lib/pilot/records.ts for the rules); all errors are collected and thrown together.
 *
 * Nothing about individual respondents leaves this function: the result holds counts per group only, and
 * the number of distinct respondent ids.
 */
import * as fs from "node:fs";
import { InputError } from "../errors";
import type { InstrumentSet, ItemRef } from "./instruments";
import { PilotTallyBuilder } from "./tally-builder";

/** One file's bytes and the name used in error messages. */
export interface RecordSource {
  file: string;
  bytes: Uint8Array;
}

/**
 * Response counts per (LA, period, item). Group index g = (periodIndex × areas + areaIndex) × items + itemIndex;
 * the count of response r (index into the item's scale) is `counts[g × maxResponses + r]`.
 */
export interface PilotTally {
  items: readonly ItemRef[];
  areaCodes: readonly string[];
  /** Periods in order of first appearance. */
  periods: readonly number[];
  maxResponses: number;
  counts: Float64Array;
  /** Blank responses (item not answered) per group. */
  unanswered: Float64Array;
  /** Records read (rows, all files). */
  records: number;
  /** Distinct respondent ids seen (all instruments). */
  respondents: number;
}

/** Bytes read from disk at a time by the streamed readers (1 MiB: large enough that a read costs little). */
export const READ_CHUNK_BYTES = 1 << 20;

/**
 * Validate records and count responses per LA, period and item.
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
  const builder = new PilotTallyBuilder(instruments, areaCodes);
  for (const source of sources) {
    builder.beginFile(source.file);
    builder.write(source.bytes);
    builder.endFile();
  }
  return builder.finish();
}

/**
 * Read a file in chunks of `chunkBytes` (one reused buffer), calling `onChunk` with each; memory stays at one
 * chunk whatever the file's size. The chunk passed is only valid during the call.
 * @example
 * readFileInChunks("records.csv", 1 << 20, (chunk) => builder.write(chunk));
 */
export function readFileInChunks(file: string, chunkBytes: number, onChunk: (chunk: Uint8Array) => void): void {
  const buffer = new Uint8Array(chunkBytes);
  const fd = fs.openSync(file, "r");
  try {
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, chunkBytes, null);
      if (n === 0) break;
      onChunk(buffer.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * {@link tallyPilotRecords} reading the files from disk in chunks: memory holds the counts and the
 * respondent index, never a file. With `pseudonymKey`, the ids in the files are raw and each is pseudonymised
 * (HMAC-SHA256, as lib/pilot/pseudonymise.ts) before it is counted; the result equals pseudonymising the files with
 * that key and tallying the output.
 * @throws DataErrors with every invalid row (file, row, column, value, expected), up to 200 listed
 * @example
 * const tally = tallyPilotRecordFiles(["records.csv"], set, codes, { pseudonymKey: key });
 */
export function tallyPilotRecordFiles(
  files: readonly string[],
  instruments: InstrumentSet,
  areaCodes: readonly string[],
  options: { pseudonymKey?: Uint8Array; chunkBytes?: number } = {},
): PilotTally {
  if (files.length === 0) throw new InputError("tallyPilotRecordFiles", "at least one record file is needed", 0);
  const builder = new PilotTallyBuilder(instruments, areaCodes, { pseudonymKey: options.pseudonymKey });
  for (const file of files) {
    builder.beginFile(file);
    readFileInChunks(file, options.chunkBytes ?? READ_CHUNK_BYTES, (chunk) => builder.write(chunk));
    builder.endFile();
  }
  return builder.finish();
}
