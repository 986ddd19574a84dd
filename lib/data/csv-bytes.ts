/**
 * Strict RFC 4180 CSV scanning over UTF-8 bytes, piece by piece, for the package reader: a resource file is
 * read in chunks (never as one string), each piece cut at a record boundary ({@link recordBoundary}) and
 * scanned field by field ({@link scanCsvBytes}). The delimiters (comma, quote, CR, LF) are ASCII, and a
 * multi-byte UTF-8 sequence never contains an ASCII byte, so scanning bytes finds the same fields as
 * scanning the decoded text ({@link scanCsvFields} in csv.ts, whose rules these are).
 *
 * Malformed quoting throws {@link MalformedCsv}, which carries no position: the reader then reads the file
 * again with csv.ts, whose error names the file, row, column and value exactly.
 */
import type { Buffer } from "node:buffer";

/** Thrown by {@link scanCsvBytes} on malformed quoting (the caller re-reads with csv.ts for the exact error). */
export class MalformedCsv extends Error {
  constructor() {
    super("scanCsvBytes: malformed quoting (re-read with scanCsvFields for the exact error)");
  }
}

/** Receives the fields of {@link scanCsvBytes}; `line` is the record (0 = header), `index` the field's position. */
export interface CsvByteSink {
  /** An unquoted field: bytes `buf[start, end)`. */
  plainField(buf: Buffer, start: number, end: number, index: number, line: number): void;
  /** A quoted field: its text, doubled quotes undone. */
  quotedField(text: string, index: number, line: number): void;
  /** The end of a record of `count` fields. */
  recordEnd(count: number, line: number): void;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Scan the bytes `buf[start, end)`, records numbered from `firstLine`; returns the number of the next record.
 * A piece other than the file's last must end just after a line feed outside quotes ({@link recordBoundary}).
 * @throws MalformedCsv on an unterminated quote, a stray quote, or text after a closing quote
 * @example
 * scanCsvBytes(Buffer.from("a,b\n1,2\n"), 0, 8, 0, sink) // 2; sink saw a, b | 1, 2
 */
export function scanCsvBytes(buf: Buffer, start: number, end: number, firstLine: number, sink: CsvByteSink): number {
  let i = start;
  let count = 0;
  let line = firstLine;
  while (i < end) {
    if (buf[i] === QUOTE) {
      const quoted = quotedFieldAt(buf, i, end);
      sink.quotedField(quoted.text, count, line);
      i = quoted.end;
    } else {
      const j = plainFieldEnd(buf, i, end);
      sink.plainField(buf, i, j, count, line);
      i = j;
    }
    count++;
    const c = i < end ? buf[i] : -1;
    if (c === COMMA) {
      i++;
      if (i === end) sink.plainField(buf, end, end, count++, line);
      continue;
    }
    if (c === CR) i++;
    if (i < end && buf[i] === LF) i++;
    sink.recordEnd(count, line);
    count = 0;
    line++;
  }
  if (count > 0) sink.recordEnd(count, line);
  return line;
}

/** Receives the header record of {@link scanCsvHeaderBytes}: each name (decoded, doubled quotes undone), then its end. */
export interface CsvHeaderSink {
  headerField(text: string): void;
  headerEnd(): void;
}

/**
 * Scan only the first record (the header) of the bytes `buf[start, end)`, giving its fields to `sink`; returns
 * where the next record starts (`end` when there is none). The same rules as {@link scanCsvBytes}, so scanning
 * the rest from there with `firstLine` 1 gives the same fields as one scan of the whole: a reader's per-cell sink
 * then never sees the header (whose branch, never taken while one file's cells are read, would throw the
 * optimised scan away at the next file's header).
 * @throws MalformedCsv as scanCsvBytes does
 * @example
 * scanCsvHeaderBytes(Buffer.from("a,b\n1,2\n"), 0, 8, sink) // 4; sink saw a, b, then the end
 */
export function scanCsvHeaderBytes(buf: Buffer, start: number, end: number, sink: CsvHeaderSink): number {
  let i = start;
  let count = 0;
  while (i < end) {
    if (buf[i] === QUOTE) {
      const quoted = quotedFieldAt(buf, i, end);
      sink.headerField(quoted.text);
      i = quoted.end;
    } else {
      const j = plainFieldEnd(buf, i, end);
      sink.headerField(buf.toString("utf8", i, j));
      i = j;
    }
    count++;
    const c = i < end ? buf[i] : -1;
    if (c === COMMA) {
      i++;
      if (i === end) {
        sink.headerField("");
        count++;
      }
      continue;
    }
    if (c === CR) i++;
    if (i < end && buf[i] === LF) i++;
    sink.headerEnd();
    return i;
  }
  if (count > 0) sink.headerEnd();
  return i;
}

function plainFieldEnd(buf: Buffer, start: number, end: number): number {
  let j = start;
  while (j < end) {
    const c = buf[j];
    if (c === COMMA || c === LF || c === CR) break;
    if (c === QUOTE) throw new MalformedCsv();
    j++;
  }
  return j;
}

function quotedFieldAt(buf: Buffer, start: number, end: number): { text: string; end: number } {
  let j = start + 1;
  let text = "";
  for (;;) {
    const q = buf.indexOf(QUOTE, j);
    if (q < 0 || q >= end) throw new MalformedCsv();
    text += buf.toString("utf8", j, q);
    if (q + 1 < end && buf[q + 1] === QUOTE) {
      text += '"';
      j = q + 2;
    } else {
      j = q + 1;
      break;
    }
  }
  if (j < end && buf[j] !== COMMA && buf[j] !== LF && buf[j] !== CR) throw new MalformedCsv();
  return { text, end: j };
}

/**
 * Where the bytes `buf[start, end)` (starting at a record boundary) can be cut so that every record before
 * the cut is whole: just after the last line feed with an even number of quotes before it (so outside any
 * quoted field, in a well-formed file), or -1 when there is none. In a malformed file the cut may be
 * misplaced; the scan then fails and the reader re-reads the file with csv.ts.
 * @example
 * recordBoundary(Buffer.from('a,"x\ny"\nb'), 0, 10) // 8 (the line feed inside the quotes is not a boundary)
 */
export function recordBoundary(buf: Buffer, start: number, end: number): number {
  let lf = end > start ? buf.lastIndexOf(LF, end - 1) : -1;
  if (lf < start) return -1;
  let quotes = countQuotes(buf, start, lf);
  while (quotes % 2 !== 0) {
    const previous = lf > start ? buf.lastIndexOf(LF, lf - 1) : -1;
    if (previous < start) return -1;
    quotes -= countQuotes(buf, previous, lf);
    lf = previous;
  }
  return lf + 1;
}

/** Quote bytes in `buf[start, end)`. */
function countQuotes(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let q = buf.indexOf(QUOTE, start); q >= 0 && q < end; q = buf.indexOf(QUOTE, q + 1)) n++;
  return n;
}

/**
 * Where a CSV's text starts in its UTF-8 bytes `bytes[0, end)`, after the byte-order marks the text readers drop:
 * decodeUtf8 drops one, scanCsvFields one more (so the byte readers skip up to two, as the text path does).
 * @example
 * byteOrderMarksEnd(Buffer.from("\uFEFF\uFEFFa,b\n")) // 6
 */
export function byteOrderMarksEnd(bytes: Uint8Array, end = bytes.length): number {
  let i = 0;
  for (let marks = 0; marks < 2; marks++) {
    if (i + 3 <= end && bytes[i] === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf) i += 3;
  }
  return i;
}
