/** The invalid records of a pilot tally: every one counted, the first MAX_REPORTED_ERRORS kept to be listed. */
import { describeCsvHeadProblem } from "../data/csv-head";
import { DataError, DataErrors, isSystemError } from "../errors";
import { MAX_REPORTED_ERRORS } from "./records";

const LF = 10;
const CR = 13;

/** Where a record is wrong (DataError's location). */
export type RecordProblem = ConstructorParameters<typeof DataError>[0];

/**
 * Problems found in the records, in the order reported. They are kept as plain locations (DataError's, made when
 * thrown), so that a worker thread's can be posted to the calling thread and put in order there ({@link append}).
 * @example
 * const errors = new RecordErrors();
 * errors.add({ file: "r.csv", row: 3, column: "period", value: "x", expected: "a year" });
 * errors.throwIfAny("tallyPilotRecords: invalid pilot records"); // throws DataErrors listing it
 */
export class RecordErrors {
  private readonly listed: RecordProblem[] = [];
  private count = 0;

  /** Count a problem (and keep it, while fewer than MAX_REPORTED_ERRORS are kept). */
  add(problem: RecordProblem): void {
    this.count++;
    if (this.listed.length < MAX_REPORTED_ERRORS) this.listed.push(problem);
  }

  /** The problems kept (the first MAX_REPORTED_ERRORS). */
  get kept(): readonly RecordProblem[] {
    return this.listed;
  }

  /** How many problems were reported in all. */
  get total(): number {
    return this.count;
  }

  /**
   * Add, after those reported so far, `total` problems of which `kept` are the first: the problems of a later part of
   * a file read apart, their rows `rowOffset` further on (the rows of the file before that part).
   */
  append(kept: readonly RecordProblem[], total: number, rowOffset: number): void {
    for (const p of kept) if (this.listed.length < MAX_REPORTED_ERRORS) this.listed.push(p.row === undefined ? p : { ...p, row: p.row + rowOffset });
    this.count += total;
  }

  /** Throw DataErrors with the problems kept (saying how many there were in all when not all are listed), if any. */
  throwIfAny(message: string): void {
    if (this.count === 0) return;
    const more = this.count > this.listed.length ? ` (${this.count} in all, first ${this.listed.length} listed)` : "";
    throw new DataErrors(
      this.listed.map((p) => new DataError(p)),
      `${message}${more}`,
    );
  }
}

/** What a record file with a header and no record lacks (an instrument's indicators would vanish without a word). */
export const NO_RECORDS_EXPECTED = "records after the header (this file has none: remove it from the folder, or export its records again)";

/** What a file whose lines end in a carriage return alone lacks, and what to do. */
export const CR_ONLY_EXPECTED =
  "lines ending in a line feed (LF or CR LF): this file's lines end in a carriage return (CR) alone; save it again as CSV UTF-8 (Windows or Unix line ends)";

/**
 * White space or an invisible character at either end of an id: JavaScript's \s (space, tab, line ends, no-break space,
 * the Unicode spaces, U+FEFF) and the zero-width characters U+0085, U+180E, U+200B–U+200D and U+2060. A no-break space
 * or a zero-width space at the end had counted one child twice as the trailing space had (a second review).
 */
const BLANK_END_RE = /^[\s\u0085\u180e\u200b-\u200d\u2060]|[\s\u0085\u180e\u200b-\u200d\u2060]$/;
const ASCII_BLANK = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true }); // a BOM in an id is kept, to be found

/**
 * Whether an id (its text, or its bytes `s` … `e`) begins or ends with white space or an invisible character
 * ({@link BLANK_END_RE}): "CH-0001 " beside "CH-0001" (a spreadsheet export's trailing space) had made two respondents
 * of one child and counted its answer twice (hostile review F16). Bytes are decoded only when an end is not ASCII.
 * @example hasBlankEnd(new TextEncoder().encode("CH-0001 "), 0, 8) // true; hasBlankEnd("CH-0001\u00a0") // true
 */
export function hasBlankEnd(id: Uint8Array | string, s = 0, e = id.length): boolean {
  if (typeof id === "string") return BLANK_END_RE.test(id);
  if (e <= s) return false;
  const first = id[s], last = id[e - 1];
  if (first < 0x80 && last < 0x80) return ASCII_BLANK(first) || ASCII_BLANK(last);
  return BLANK_END_RE.test(utf8.decode(id.subarray(s, e)));
}

/** The problem of a respondent id with white space or an invisible character at either end (the id itself is never shown). */
export function blankEndedId(file: string, row: number): RecordProblem {
  return { file, row, column: "respondent_id", expected: "a respondent id without a space, tab or invisible character (no-break or zero-width space) at either end (with one it would count as another respondent): remove it in the file" };
}

/**
 * A line that ends in a carriage return alone, outside quotes, at byte `offset` of the file: refused, in the words
 * a file of CR-only lines is refused with. `returns` and `add` read such a CR as a line end; the pilot refuses it,
 * as it refuses a CR-only header, since every pass over its records (the chunk carrier, lib/pilot/record-chunks.ts;
 * both field scanners; the --records-out writer) ends a record at LF, and one rule in all of them is what keeps a
 * record from being merged or dropped in one pass and not another (a review's file lost 99 records this way).
 * @example
 * crAloneRecord("r.csv", 2, 97).value // "CR-only line ends (a CR at offset 97 not followed by LF)"
 */
export function crAloneRecord(file: string, row: number, offset: number): RecordProblem {
  return { file, row, value: describeCsvHeadProblem({ code: "cr-only", offset }), expected: CR_ONLY_EXPECTED };
}

/**
 * A record that runs past `maxBytes` without a line feed: a missing closing quote, or a file whose lines end in a
 * carriage return alone (classic Mac OS, some Excel "CSV (Macintosh)" exports), which reads as one long line.
 * `chunk` is the bytes read last: with a carriage return inside its last line (after its last line feed, if any),
 * the line ends are named.
 * @example
 * tooLongRecord("r.csv", 1, 65536, Buffer.from("a,b\rc,d\r")).expected // "lines ending in a line feed (…carriage return alone…)"
 */
export function tooLongRecord(file: string, row: number, maxBytes: number, chunk: Uint8Array): RecordProblem {
  // a CR that ends a line within the chunk's last (unended) line; one at the very end may be a CR LF cut in two
  const lastLine = chunk.subarray(chunk.lastIndexOf(LF) + 1);
  const cr = lastLine.indexOf(CR);
  if (cr >= 0 && cr < lastLine.length - 1) {
    return { file, row, expected: CR_ONLY_EXPECTED };
  }
  return { file, row, expected: `a record of at most ${maxBytes} bytes (is a closing quote missing?)` };
}

/**
 * `read()` of a record file or folder, a failure of the file system (no permission, gone since it was listed) given
 * as DataErrors naming it and the reason instead of Node's bare error (a review's mode-000 records file, run as
 * another user, gave a bare EACCES).
 * @example
 * readableRecords("records.csv", "file", () => fs.statSync("records.csv")) // throws DataErrors: records.csv: got "ENOENT: …", expected a readable file (…)
 */
export function readableRecords<T>(file: string, kind: "file" | "folder", read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!isSystemError(e)) throw e;
    const expected = kind === "file" ? "a readable file (check its permissions, or remove it from the folder)" : "a readable folder of record-level pilot CSV files (check its permissions)";
    throw new DataErrors([new DataError({ file, value: e.message, expected })], "reading pilot records");
  }
}
