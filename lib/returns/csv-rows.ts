/**
 * A forgiving CSV row reader for LA exports: a malformed row (unterminated quote, wrong number of fields) is
 * reported and skipped instead of failing the whole file, as an LA analyst would expect from a validator.
 * Quoted fields may hold commas and doubled quotes; a line break inside quotes is not supported (SSDA903
 * fields never hold one) and makes the row malformed. A line ends at LF, CRLF or a lone CR, as in the import's
 * reader (lib/data/csv): a table saved with classic Mac line ends had been one header line and no rows.
 */
import { isUtf8 } from "node:buffer";
import { decodeUtf8, firstInvalidUtf8, notUtf8Error } from "../data/csv";
import { readBoundedFile } from "../data/bounded-file";
import { DataError } from "../errors";

/**
 * Largest CSV file of a return read (an SSDA903 table, a population file), in bytes: 64 MiB, as for an official source
 * file (MAX_SOURCE_FILE_BYTES). An LA's Episodes table for a year is well under 1 MB (the synthetic national returns:
 * at most 0.29 MB). A table is read whole, so one with a 600 MB line had stopped `returns` with V8's "Cannot create a
 * string longer than 0x1fffffe8 characters", naming no file (round 24 H9).
 */
export const MAX_RETURNS_CSV_BYTES = 64 * 1024 * 1024;

/**
 * A return's CSV file's bytes, refused before it is read when it is larger than {@link MAX_RETURNS_CSV_BYTES}.
 * @param file - path to read
 * @param shown - its name in messages (relative to the input folder)
 * @throws DataError naming the file, its size and the cap
 * @example readReturnsCsvBytes("E09000001/2023/episodes.csv", "E09000001/2023/episodes.csv").length
 */
export function readReturnsCsvBytes(file: string, shown: string): Buffer {
  return readBoundedFile(file, MAX_RETURNS_CSV_BYTES, {
    tooLarge: (found) => new DataError({ file: shown, value: found, expected: `a CSV file of at most ${MAX_RETURNS_CSV_BYTES} bytes (${MAX_RETURNS_CSV_BYTES / 2 ** 20} MiB; an LA's SSDA903 table for a year, or a population file, is a few MB at most)` }),
  });
}

/**
 * Split one CSV line into fields; null when a quote is not closed or stray text follows a closing quote.
 * @example
 * splitCsvLine('a,"b,c",d') // ["a", "b,c", "d"]
 * splitCsvLine('a,"b') // null
 */
export function splitCsvLine(line: string): string[] | null {
  if (line.indexOf('"') < 0) return line.split(",");
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let j = i + 1;
      let field = "";
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return null;
        field += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          field += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(field);
      if (i >= n) return out;
      if (line.charCodeAt(i) !== 44) return null;
      i++;
    } else {
      const comma = line.indexOf(",", i);
      const field = comma < 0 ? line.slice(i) : line.slice(i, comma);
      if (field.indexOf('"') >= 0) return null;
      out.push(field);
      if (comma < 0) return out;
      i = comma + 1;
    }
  }
}

/** A line end: LF, CRLF or a lone CR. */
export const LINE_END = /\r\n?|\n/;

/** The rows of a CSV text: header and data lines with their 1-based data row numbers (header is row 0). */
export interface CsvLines {
  header: string[];
  rows: { row: number; cells: string[] | null; raw: string }[];
}

/**
 * Split CSV text into a header (trimmed, upper-cased) and data rows; blank lines are skipped but counted in row
 * numbers; a row that cannot be split has `cells: null`.
 * @example
 * csvLines("CHILD,SEX\n1,2\n").rows[0] // { row: 1, cells: ["1", "2"], raw: "1,2" }
 */
export function csvLines(text: string): CsvLines {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(LINE_END);
  const header = (splitCsvLine(lines[0] ?? "") ?? []).map((h) => h.trim().toUpperCase());
  const rows: CsvLines["rows"] = [];
  for (let k = 1; k < lines.length; k++) {
    const raw = lines[k];
    if (raw.trim() === "") continue;
    rows.push({ row: k, cells: splitCsvLine(raw), raw });
  }
  return { header, rows };
}

/**
 * The text of a CSV file's bytes, as decodeUtf8 makes it (a UTF-8 byte-order mark dropped). Bytes that are not
 * UTF-8 (a table saved as Excel's plain "CSV", Windows-1252) are an error naming the row as {@link csvLines} numbers
 * it (the header is row 0), the column and the byte: never replaced by U+FFFD, which would silently change a value
 * (two ids differing in one byte would become one child). The cell's text is not named: it may be a child's id.
 * @throws DataError at the first byte that is not UTF-8
 * @example
 * decodeCsvUtf8(Buffer.from("CHILD,SEX\nN\xe9,1\n", "latin1"), "Header.csv") // throws: Header.csv, row 1, column "CHILD": got "byte 0xe9 at offset 11" …
 */
export function decodeCsvUtf8(bytes: Buffer, file: string): string {
  if (isUtf8(bytes)) return decodeUtf8(bytes, file);
  const at = firstInvalidUtf8(bytes);
  // rows as csvLines numbers them: a line ends at LF, CRLF or a lone CR
  let headerEnd = -1;
  let row = 0;
  let lineStart = 0;
  for (let k = 0; k < at; k++) {
    const c = bytes[k];
    if (c !== 10 && c !== 13) continue;
    if (row === 0) headerEnd = k;
    if (c === 13 && bytes[k + 1] === 10) k++;
    row++;
    lineStart = k + 1;
  }
  let column: string | undefined;
  if (row > 0) {
    // the field holding the byte: commas outside quotes before it on its line
    let field = 0;
    let quoted = false;
    for (let k = lineStart; k < at; k++) {
      if (bytes[k] === 34) quoted = !quoted;
      else if (bytes[k] === 44 && !quoted) field++;
    }
    const header = splitCsvLine(decodeUtf8(bytes.subarray(0, headerEnd), file)) ?? [];
    column = header[field]?.trim() ?? `field ${field + 1}`;
  }
  throw notUtf8Error(file, row, column, bytes[at], at, "save the table as CSV UTF-8");
}
