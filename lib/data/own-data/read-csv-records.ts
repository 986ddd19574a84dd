/**
 * A researcher's CSV table read record by record, in one pass over its bytes through one reused buffer: the file is
 * never held whole, as bytes, text or rows. `add` had read it with readFileSync, decoded it, parsed it into string[][]
 * and read it again for its hash: a 1,000,000-row table of 25 MB peaked at ≈ 700 MB (issue #19).
 *
 * The records and the errors are those of {@link readOwnCsvText} then parseCsv (lib/data/csv.ts), in the same order of
 * precedence, since the whole file used to be decoded before it was parsed and parsed before its field counts were
 * checked: the first bytes' problems (csvHeadProblem), then the first byte that is not UTF-8 anywhere in the file, then
 * the first quoting error, then the first row whose field count differs from the header's, then whatever the visitor
 * threw (the header's checks, the layout: read-table.ts). So a visitor's DataError, or a row of the wrong width, only
 * stops the visits: the bytes are still read to their end for the errors that come first.
 */
import * as fs from "node:fs";
import { createHash } from "node:crypto";
import { Buffer, isUtf8 } from "node:buffer";
import { DataError, DataErrors } from "../../errors";
import { decodeUtf8, firstInvalidUtf8, notUtf8Error, scanCsv } from "../csv";
import { csvHeadProblem, CSV_HEAD_SEARCH_BYTES, describeCsvHeadProblem } from "../csv-head";
import { fieldCountProblem } from "../csv-separator-hint";

/**
 * Bytes read at a time: above {@link CSV_HEAD_SEARCH_BYTES}, so that the first read holds all csvHeadProblem looks at,
 * and small, because a cell of 13 characters or more cut from a chunk's text keeps the whole chunk alive (V8's
 * sliced strings): the 200 listed errors, each naming a cell of another chunk, pin 200 chunks at most (26 MB).
 */
const CHUNK_BYTES = 2 * CSV_HEAD_SEARCH_BYTES;

/** What a researcher's CSV file that cannot be read as UTF-8 text should be instead. */
export const OWN_CSV_EXPECTED = 'UTF-8 text (save the file as CSV UTF-8; in Excel, Save As "CSV UTF-8 (Comma delimited)")';

/** Receives the records of {@link readOwnCsvRecords}; either may throw a DataError, which stops the visits (see above). */
export interface CsvRecordVisitor {
  /** Record 0, the header, as written (not trimmed). */
  header(fields: string[]): void;
  /** A data record, as many fields as the header; `row` counts records from the header's 0. The array is not reused. */
  row(fields: string[], row: number): void;
}

/**
 * Read a CSV file's records in order into `visitor`, checking what readOwnCsvText and parseCsv check.
 * @returns the file's SHA-256 (hex, of every byte, as package.ts sha256) and its data records
 * @throws DataError as readOwnCsvText then parseCsv would, else the visitor's first DataError
 * @example
 * readOwnCsvRecords("examples/own-data/fgc-by-name.csv", { header: (h) => console.log(h[0]), row: () => {} }).rows // 20
 */
export function readOwnCsvRecords(file: string, visitor: CsvRecordVisitor, limits: { recordChars: number } = { recordChars: MAX_RECORD_CHARS }): { sha256: string; rows: number } {
  const fd = fs.openSync(file, "r");
  try {
    return readRecords(file, fd, visitor, limits.recordChars);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The most characters one record may take. A record is held whole until it ends: an unclosed quote before 600 MB of
 * text had reached V8's string limit and ended with "Invalid string length" and no file or row (hostile review F1),
 * at 830 MB of memory. No table of LA figures has a record near this.
 */
export const MAX_RECORD_CHARS = 64 * 1024 * 1024;

/** The record parser's state between chunks. */
interface ParseState {
  file: string;
  /** Decoded text not yet parsed (from the start of a record). */
  text: string;
  /** Records parsed so far (the header is record 0). */
  records: number;
  /** The header record (row 0), for the hint of a row of another width (parseCsv's separatorHint). */
  header: string[];
  /** Parse again only once `text` is this long (or the file ends): a record cut by the chunk waits for more text. */
  retryAt: number;
  /** The most characters of one record ({@link MAX_RECORD_CHARS}). */
  maxRecordChars: number;
  /** The first error found, by precedence: a quoting error stops the parse; a field count or a visitor's error the visits. */
  quoting?: DataError;
  width?: DataError;
  visitor?: Error;
}

function readRecords(file: string, fd: number, visitor: CsvRecordVisitor, maxRecordChars: number): { sha256: string; rows: number } {
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES + 3);
  const state: ParseState = { file, text: "", records: 0, header: [], retryAt: 0, maxRecordChars };
  let carried = 0; // bytes of a UTF-8 sequence cut by the previous chunk, moved to the buffer's start
  let offset = 0; // the file offset of buffer[0]
  let first = true;
  for (;;) {
    const read = fs.readSync(fd, buffer, carried, CHUNK_BYTES, null);
    hash.update(buffer.subarray(carried, carried + read));
    const end = carried + read;
    const final = read === 0;
    if (first) {
      first = false;
      checkHead(file, fd, buffer.subarray(0, end));
    }
    // a sequence cut at the chunk's end waits for its other bytes; at the end of the file it is invalid where it starts
    const complete = final ? end : completeUtf8End(buffer, end);
    const bad = isUtf8(buffer.subarray(0, complete)) ? -1 : firstInvalidUtf8(buffer.subarray(0, complete));
    if (bad >= 0) throw invalidByteError(file, fd, offset + bad, buffer[bad]);
    const bom = offset === 0 && complete >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    let text = buffer.toString("utf8", bom, complete);
    // parseCsv drops a byte-order mark left after decodeUtf8 has dropped the first
    if (offset === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (state.quoting === undefined) parseText(state, text, final, visitor);
    if (final) break;
    buffer.copy(buffer, 0, complete, end);
    offset += complete;
    carried = end - complete;
  }
  const error = state.quoting ?? (state.records === 0 ? new DataError({ file, row: 0, expected: "a header row" }) : state.width ?? state.visitor);
  if (error !== undefined) throw error;
  return { sha256: hash.digest("hex"), rows: state.records - 1 };
}

/** readOwnCsvText's refusal of the first bytes (UTF-16 or UTF-32, a NUL in the header); a CR-only line end and an empty file are read. */
function checkHead(file: string, fd: number, head: Buffer): void {
  const problem = csvHeadProblem(head, { wholeFile: head.length < CHUNK_BYTES || fs.fstatSync(fd).size === head.length });
  if (problem !== undefined && problem.code !== "cr-only" && problem.code !== "empty") {
    throw new DataError({ file, row: 0, value: describeCsvHeadProblem(problem), expected: OWN_CSV_EXPECTED });
  }
}

/** Where the complete UTF-8 sequences of `bytes[0, end)` end: before a lead byte whose sequence the end cuts. */
function completeUtf8End(bytes: Uint8Array, end: number): number {
  for (let k = end - 1; k >= Math.max(0, end - 3); k--) {
    const c = bytes[k];
    if (c < 0x80) return end;
    if (c >= 0xc0) {
      const length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return end - k < length ? k : end;
    }
  }
  return end;
}

/** Parse the records of the text so far (with `more` appended), visiting them, and keep the unparsed rest. */
function parseText(state: ParseState, more: string, final: boolean, visitor: CsvRecordVisitor): void {
  state.text = state.text === "" ? more : state.text + more;
  if (!final && state.text.length < state.retryAt) return;
  const text = state.text;
  let i = 0;
  try {
    while (i < text.length) {
      const fields: string[] = [];
      const end = parseRecord(text, i, final, state.file, state.records, fields);
      if (end < 0) break;
      i = end;
      visitRecord(state, fields, visitor);
      state.records++;
    }
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    state.quoting = e;
    state.text = "";
    return;
  }
  state.text = text.slice(i);
  if (!final && state.text.length > state.maxRecordChars) {
    const opened = state.text.indexOf('"');
    state.quoting = new DataError({
      file: state.file, row: state.records, value: `over ${state.maxRecordChars.toLocaleString("en-GB")} characters`,
      expected: `a record of at most ${state.maxRecordChars.toLocaleString("en-GB")} characters${opened >= 0 ? ": a quote opened in it is not closed before that (a missing closing quote makes the rest of the file one field)" : ""}`,
    });
    state.text = "";
    return;
  }
  // a record longer than a chunk (a quoted field with many line breaks, or an unclosed quote) is parsed again only
  // when its text has doubled, so that a long one costs a few parses, not one per chunk
  state.retryAt = 2 * state.text.length;
}

/** Pass a record to the visitor unless an earlier record or visit has already failed. */
function visitRecord(state: ParseState, fields: string[], visitor: CsvRecordVisitor): void {
  const row = state.records;
  if (row === 0) state.header = fields;
  else if (fields.length !== state.header.length && state.width === undefined) {
    state.width = new DataError({ file: state.file, row, ...fieldCountProblem(fields.length, state.header) });
  }
  if (state.width !== undefined || state.visitor !== undefined) return;
  try {
    if (row === 0) visitor.header(fields);
    else visitor.row(fields, row);
  } catch (e) {
    if (!(e instanceof DataError || e instanceof DataErrors)) throw e;
    state.visitor = e;
  }
}

/** parseRecord's answer when the text ends before the record does (or before what an error would quote of it). */
const INCOMPLETE = -1;

/**
 * The record starting at `start` into `fields`, by scanCsv's rules and with its errors (lib/data/csv.ts), returning
 * where the next record starts, or {@link INCOMPLETE} when the text is not `final` and ends before the record, its
 * line end (a CR whose LF may follow) or the ten characters an error quotes.
 */
function parseRecord(text: string, start: number, final: boolean, file: string, line: number, fields: string[]): number {
  const n = text.length;
  let i = start;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let j = i + 1;
      let out = "";
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0 || q + 1 === n) {
          if (!final) return INCOMPLETE;
          if (q < 0) throw new DataError({ file, row: line, expected: "a closing quote before the end of the file" });
        }
        out += text.slice(j, q);
        if (text.charCodeAt(q + 1) !== 34) {
          i = q + 1;
          break;
        }
        out += '"';
        j = q + 2;
      }
      const c = text.charCodeAt(i);
      if (i < n && c !== 44 && c !== 10 && c !== 13) {
        if (i + 10 > n && !final) return INCOMPLETE;
        throw new DataError({ file, row: line, column: `field ${fields.length + 1}`, value: text.slice(i, i + 10), expected: "a comma or line end after a quoted field" });
      }
      fields.push(out);
    } else {
      let j = i;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        if (c === 34) {
          if (j + 10 > n && !final) return INCOMPLETE;
          throw new DataError({ file, row: line, column: `field ${fields.length + 1}`, value: text.slice(i, Math.min(n, j + 10)), expected: "quotes only around a whole field" });
        }
      }
      if (j === n && !final) return INCOMPLETE;
      fields.push(text.slice(i, j));
      i = j;
    }
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      if (i < n) continue;
      if (!final) return INCOMPLETE;
      fields.push("");
      return n;
    }
    if (c === 13) {
      i++;
      if (i === n && !final) return INCOMPLETE;
    }
    if (text.charCodeAt(i) === 10) i++;
    return i;
  }
}

/**
 * decodeCsvBytes's error for the byte at `at` (lib/data/csv.ts), counted as it counts: records and fields by the bytes
 * before it (a quote toggles, a comma or line end outside quotes counts), read again from the start in chunks, and
 * the column named from the header's bytes.
 */
function invalidByteError(file: string, fd: number, at: number, byte: number): DataError {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let row = 0;
  let field = 0;
  let quoted = false;
  let headerEnd = -1;
  let afterCr = false; // a CR ended a record: an LF right after it belongs to that line end
  for (let position = 0; position < at; ) {
    const read = fs.readSync(fd, buffer, 0, Math.min(CHUNK_BYTES, at - position), position);
    for (let k = 0; k < read; k++) {
      const c = buffer[k];
      const lfOfCr = afterCr && c === 10;
      afterCr = false;
      if (lfOfCr) {
        if (row === 1 && headerEnd === position + k) headerEnd++;
      } else if (c === 34) quoted = !quoted;
      else if (quoted) continue;
      else if (c === 44) field++;
      else if (c === 10 || c === 13) {
        afterCr = c === 13;
        if (row === 0) headerEnd = position + k + 1;
        row++;
        field = 0;
      }
    }
    position += read;
  }
  let column = `field ${field + 1}`;
  if (row > 0) {
    const headerBytes = Buffer.allocUnsafe(headerEnd);
    fs.readSync(fd, headerBytes, 0, headerEnd, 0);
    let header: string[] = [];
    scanCsv(decodeUtf8(headerBytes, file), file, (record, line) => {
      if (line === 0) header = record;
    });
    column = header[field] ?? column;
  }
  return notUtf8Error(file, row, column, byte, at, 'save the file as CSV UTF-8; in Excel, Save As "CSV UTF-8 (Comma delimited)"');
}
