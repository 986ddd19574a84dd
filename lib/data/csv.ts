/**
 * Strict RFC 4180 CSV reading and deterministic writing.
 *
 * Reading keeps every cell as text (typing is the schema's job, so a bad cell can be reported with its file,
 * row and column). A leading UTF-8 byte-order mark is removed; CRLF and LF line ends are accepted; quoted
 * fields may hold commas, quotes (doubled) and line breaks. A row whose field count differs from the
 * header's is an error, never padded or cut.
 *
 * Writing uses LF line ends, quotes a field only when it must (comma, quote, CR/LF, leading/trailing space),
 * writes `null` as an empty field and numbers in JavaScript's shortest round-trip form, so the same rows
 * always give the same bytes.
 */
import { Buffer, isUtf8 } from "node:buffer";
import { DataError } from "../errors";
import { csvHeadProblem, describeCsvHeadProblem } from "./csv-head";
import { fieldCountProblem } from "./csv-separator-hint";

/** Parsed CSV: the header and the data rows, all cells as text. Row i of `rows` is data row i + 1. */
export interface CsvText {
  file: string;
  header: string[];
  rows: string[][];
}

/**
 * Parse CSV text.
 * @param text - the file's text (a BOM is removed)
 * @param file - the file name used in error messages
 * @throws DataError on an unterminated quote, a stray quote or a row with the wrong number of fields
 * @example
 * parseCsv("a,b\n1,\"x,y\"\n", "t.csv").rows // [["1", "x,y"]]
 */
export function parseCsv(text: string, file: string): CsvText {
  const records: string[][] = [];
  scanCsv(text, file, (record) => {
    records.push(record);
  });
  if (records.length === 0) throw new DataError({ file, row: 0, expected: "a header row" });
  const header = records[0];
  const rows = records.slice(1);
  checkFieldCounts(header, rows, file);
  return { file, header, rows };
}

/**
 * Scan CSV text record by record (the header is record 0), without keeping them: the reader of large
 * resources types each record as it comes instead of holding every row as text first. Checks quoting only;
 * field counts are the caller's (as {@link parseCsv} does after the scan).
 * @throws DataError on an unterminated quote or a stray quote
 * @example
 * scanCsv("a,b\n1,2\n", "t.csv", (record, line) => console.log(line, record)) // 0 ["a","b"], then 1 ["1","2"]
 */
export function scanCsv(text: string, file: string, onRecord: (record: string[], line: number) => void): void {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const n = text.length;
  let i = 0;
  let record: string[] = [];
  let line = 0; // 0 = header
  while (i < n) {
    if (text.charCodeAt(i) === 34 /* " */) {
      const quoted = readQuotedField(text, i, file, line, record.length + 1);
      record.push(quoted.field);
      i = quoted.end;
    } else {
      const j = plainFieldEnd(text, i, file, line, record.length + 1);
      record.push(text.slice(i, j));
      i = j;
    }
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      if (i === n) record.push("");
      continue;
    }
    // line end or end of text
    if (c === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
    onRecord(record, line);
    record = [];
    line++;
  }
  if (record.length > 0) onRecord(record, line);
}

/**
 * Receives the fields of {@link scanCsvFields}: `source.slice(start, end)` is the field's text (for a plain
 * field `source` is the whole text, so a number can be read without cutting it out; for a quoted field it is
 * the field's unquoted text), `index` its 0-based position in the record, `line` the record (0 = header).
 */
export type CsvFieldSink = (source: string, start: number, end: number, index: number, line: number) => void;

/**
 * Scan CSV text field by field, with the same rules and errors as {@link scanCsv} (whose records it
 * reproduces: `onField` for each field in order, then `onRecordEnd` with the record's field count), but
 * without making an array or a string per record: the package reader types each cell straight into its column.
 * @throws DataError on an unterminated quote or a stray quote (as scanCsv)
 * @example
 * scanCsvFields("a,b\n1,2\n", "t.csv", (s, a, b, k, line) => console.log(line, k, s.slice(a, b)), (n, line) => console.log(line, n, "fields"))
 */
export function scanCsvFields(text: string, file: string, onField: CsvFieldSink, onRecordEnd: (fieldCount: number, line: number) => void): void {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let count = 0;
  let line = 0; // 0 = header
  while (i < n) {
    if (text.charCodeAt(i) === 34 /* " */) {
      const quoted = readQuotedField(text, i, file, line, count + 1);
      onField(quoted.field, 0, quoted.field.length, count, line);
      i = quoted.end;
    } else {
      const j = plainFieldEnd(text, i, file, line, count + 1);
      onField(text, i, j, count, line);
      i = j;
    }
    count++;
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      if (i === n) onField(text, n, n, count++, line);
      continue;
    }
    // line end or end of text
    if (c === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
    onRecordEnd(count, line);
    count = 0;
    line++;
  }
  if (count > 0) onRecordEnd(count, line);
}

/** A quoted field starting at `start` (the opening quote): its text (doubled quotes undone) and where it ends. */
function readQuotedField(text: string, start: number, file: string, line: number, fieldNumber: number): { field: string; end: number } {
  let j = start + 1;
  let out = "";
  let i: number;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) {
      throw new DataError({ file, row: line, expected: "a closing quote before the end of the file" });
    }
    out += text.slice(j, q);
    if (text.charCodeAt(q + 1) === 34) {
      out += '"';
      j = q + 2;
    } else {
      i = q + 1;
      break;
    }
  }
  const c = text.charCodeAt(i);
  if (i < text.length && c !== 44 && c !== 10 && c !== 13) {
    throw new DataError({
      file,
      row: line,
      column: `field ${fieldNumber}`,
      value: text.slice(i, i + 10),
      expected: "a comma or line end after a quoted field",
    });
  }
  return { field: out, end: i };
}

/** Where an unquoted field starting at `start` ends (at a comma, line end or the end of the text). */
function plainFieldEnd(text: string, start: number, file: string, line: number, fieldNumber: number): number {
  const n = text.length;
  let j = start;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 44 || c === 10 || c === 13) break;
    if (c === 34) {
      throw new DataError({
        file,
        row: line,
        column: `field ${fieldNumber}`,
        value: text.slice(start, Math.min(n, j + 10)),
        expected: "quotes only around a whole field",
      });
    }
    j++;
  }
  return j;
}

/** Every data row has as many fields as the header (a trailing empty line gives one empty field: not data either). */
function checkFieldCounts(header: readonly string[], rows: readonly string[][], file: string): void {
  for (let r = 0; r < rows.length; r++) {
    if (rows[r].length !== header.length) {
      throw new DataError({ file, row: r + 1, ...fieldCountProblem(rows[r].length, header) });
    }
  }
}

/**
 * Header names that occur more than once, with their 1-based column positions.
 * @example
 * duplicateColumns(["la_code", "value", "value"]) // [{ name: "value", positions: [2, 3] }]
 */
export function duplicateColumns(header: readonly string[]): { name: string; positions: number[] }[] {
  const at = new Map<string, number[]>();
  header.forEach((h, i) => at.set(h, [...(at.get(h) ?? []), i + 1]));
  return [...at].filter(([, p]) => p.length > 1).map(([name, positions]) => ({ name, positions }));
}

/**
 * Each header name's column position, after checking that every required column is there exactly once.
 * @throws DataError (row 0) naming the first missing column (expected "a column named …") or a required
 *   column that repeats (both positions given: which copy counts would be a guess)
 * @example
 * requireColumns(parseCsv("a,b\n1,2\n", "x.csv"), ["a"]).get("b") // 1
 */
export function requireColumns(csv: CsvText, required: readonly string[]): Map<string, number> {
  requireUniqueColumns(csv.file, csv.header, required);
  const col = new Map(csv.header.map((h, i) => [h, i]));
  for (const c of required) if (!col.has(c)) throw new DataError({ file: csv.file, row: 0, column: c, expected: `a column named ${c}` });
  return col;
}

/**
 * Check that none of the `used` column names occurs twice in `header` (compared as given; trim first if
 * the reader trims). Unused columns may repeat (real publications have several blank-named columns).
 * @throws DataError (row 0) naming the column and its positions
 * @example
 * requireUniqueColumns("x.csv", ["a", "b", "a"], ["a"]) // throws: column "a": got "\"a\" in columns 1 and 3" …
 */
export function requireUniqueColumns(file: string, header: readonly string[], used: readonly string[]): void {
  for (const dup of duplicateColumns(header)) {
    if (!used.includes(dup.name)) continue;
    throw new DataError({
      file,
      row: 0,
      column: dup.name,
      value: `"${dup.name}" in columns ${dup.positions.join(" and ")}`,
      expected: "each column that is read named once in the header (with a repeat, which copy counts would be a guess)",
    });
  }
}

/**
 * Refuse UTF-16 or UTF-32 text, naming it: UTF-16 of plain ASCII is valid UTF-8 (a NUL beside each letter), and with a
 * byte order mark its first byte looks "like Latin-1" (0xff at offset 0); a UTF-16 areas file had been "needs an
 * la_code column", UTF-16 instruments "Latin-1 or Windows-1252".
 */
function refuseWideText(bytes: Uint8Array, file: string, advice: string): void {
  const head = csvHeadProblem(bytes.subarray(0, 64 * 1024), { wholeFile: bytes.length <= 64 * 1024 });
  if (head?.code === "utf16" || head?.code === "utf32") throw new DataError({ file, row: 0, value: describeCsvHeadProblem(head), expected: `UTF-8 text: ${advice}` });
}

/**
 * The text of bytes that are UTF-8 (isUtf8): isUtf8 (simdutf) checks and Buffer#toString decodes several times faster
 * than a fatal TextDecoder; like TextDecoder("utf-8"), a leading byte-order mark is dropped. The mark is dropped from
 * the bytes, not from the text: a text holding U+FEFF is stored two bytes per character, and so would every cell cut
 * from it be (twice the memory, slower to scan, for a file otherwise all ASCII or Latin-1).
 */
function utf8Text(bytes: Uint8Array): string {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return Buffer.from(bytes.buffer, bytes.byteOffset + bom, bytes.byteLength - bom).toString("utf8");
}

/**
 * Decode a file's bytes as UTF-8, strictly: a byte sequence that is not UTF-8 (a Latin-1 or Windows-1252
 * file: `é` saved as the single byte E9) is an error naming the file, the line and the byte offset, never
 * silently replaced by U+FFFD.
 * @throws DataError naming the first invalid byte (row = 1-based line of the file)
 * @example
 * decodeUtf8(new Uint8Array([0x61, 0xe9, 0x0a]), "x.csv") // throws: x.csv, row 1: got "byte 0xe9 at offset 1" …
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  refuseWideText(bytes, file, "save the file as UTF-8");
  if (isUtf8(bytes)) return utf8Text(bytes);
  const at = firstInvalidUtf8(bytes);
  let line = 1;
  for (let k = 0; k < at; k++) if (bytes[k] === 10) line++;
  throw notUtf8Error(file, line, undefined, bytes[at], at, "re-save the file as UTF-8");
}

/**
 * Decode a CSV file's bytes as UTF-8, strictly, as {@link decodeUtf8} does (a byte-order mark dropped), but a byte
 * that is not UTF-8 is named by the record and column that hold it as {@link parseCsv} numbers them (the header is
 * row 0; quoted line breaks do not start a record), with the byte's value and offset: never the cell's text, which
 * may be an identifier, and never replaced by U+FFFD, which would silently change a value (two respondents whose
 * ids differ in one Latin-1 byte would become one).
 * @throws DataError at the first byte that is not UTF-8
 * @example
 * decodeCsvBytes(Buffer.from("id,la\nR\xe9,E1\n", "latin1"), "r.csv") // throws: r.csv, row 1, column "id": got "byte 0xe9 at offset 7" …
 */
export function decodeCsvBytes(bytes: Uint8Array, file: string): string {
  refuseWideText(bytes, file, 'save the file as CSV UTF-8; in Excel, Save As "CSV UTF-8 (Comma delimited)"');
  // not through decodeUtf8, which would look for UTF-16 again
  if (isUtf8(bytes)) return utf8Text(bytes);
  const at = firstInvalidUtf8(bytes);
  let row = 0;
  let field = 0;
  let quoted = false;
  let headerEnd = -1;
  for (let k = 0; k < at; k++) {
    const c = bytes[k];
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 44) field++;
    else if (c === 10 || c === 13) {
      if (c === 13 && bytes[k + 1] === 10) k++;
      if (row === 0) headerEnd = k + 1;
      row++;
      field = 0;
    }
  }
  let column = `field ${field + 1}`;
  if (row > 0) {
    let header: string[] = [];
    scanCsv(decodeUtf8(bytes.subarray(0, headerEnd), file), file, (record, line) => {
      if (line === 0) header = record;
    });
    column = header[field] ?? column;
  }
  throw notUtf8Error(file, row, column, bytes[at], at, 'save the file as CSV UTF-8; in Excel, Save As "CSV UTF-8 (Comma delimited)"');
}

/**
 * The error of a text file's byte that is not UTF-8: on row (or line) `row`, in `column` when the reader knows it,
 * the byte's value and offset in the file ({@link invalidByteText}), never the text around it (it may be an id), and
 * `advice` on how to save the file as UTF-8. Every reader of text files says it this one way.
 * @example
 * notUtf8Error("r.csv", 1, "id", 0xe9, 4, "save it as CSV UTF-8").message // "r.csv, row 1, column id: got \"byte 0xe9 at offset 4\" …"
 */
export function notUtf8Error(file: string, row: number, column: string | undefined, byte: number | undefined, offset: number, advice: string): DataError {
  return new DataError({ file, row, column, value: invalidByteText(byte, offset), expected: `UTF-8 text (this looks like Latin-1 or Windows-1252: ${advice})` });
}

/**
 * A byte that is not UTF-8 as errors and findings name it: its value and offset, never the text around it (it may
 * be an identifier).
 * @example
 * invalidByteText(0xe9, 12) // "byte 0xe9 at offset 12"
 */
export function invalidByteText(byte: number | undefined, offset: number): string {
  return `${byteValue(byte)} at offset ${offset}`;
}

/**
 * A byte that is not UTF-8 by its value alone (for a message that gives its place otherwise, as a line and offset).
 * @example
 * byteValue(0xe9) // "byte 0xe9"
 */
export function byteValue(byte: number | undefined): string {
  return `byte 0x${byte === undefined ? "??" : byte.toString(16).padStart(2, "0")}`;
}

/**
 * Offset of the first byte of `bytes[start, end)` that is not UTF-8, or −1 when all are (isUtf8 first: simdutf checks
 * a valid range at several GB/s, and only a range that fails is walked by {@link firstInvalidUtf8}).
 * @example
 * invalidUtf8Offset(Buffer.from("<a>\xe9</a>", "latin1"), 0, 8) // 3
 */
export function invalidUtf8Offset(bytes: Uint8Array, start: number, end: number): number {
  const range = Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.min(end, bytes.length) - start);
  return isUtf8(range) ? -1 : start + firstInvalidUtf8(range);
}

/**
 * Offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629 §4); a sequence cut
 * short by the end is invalid at its first byte; `b.length` when all are valid.
 * @example
 * firstInvalidUtf8(new Uint8Array([0x61, 0xe9, 0x0a])) // 1
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let need: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = c & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return b.length;
}

// the write side: ./csv-format.ts
export { formatCsv, type CsvValue } from "./csv-format";
