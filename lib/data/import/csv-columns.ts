/**
 * A CSV read by column, and only the columns asked for: an importer that reads six of a file's thirty
 * columns makes strings for those six, instead of a string per cell and an array per row
 * ({@link parseCsv}), most of which it would throw away. Same rules and the same errors as parseCsv
 * (lib/data/csv.ts): quoting errors first, then the first row whose field count differs from the header's.
 */
import { Buffer, isUtf8 } from "node:buffer";
import { DataError } from "../../errors";
import { InternedTexts } from "../byte-interner";
import { decodeUtf8, scanCsvFields } from "../csv";
import { byteOrderMarksEnd, MalformedCsv, scanCsvBytes, scanCsvHeaderBytes, type CsvByteSink, type CsvHeaderSink } from "../csv-bytes";

/** A CSV's header and, by column, its data cells as text (untrimmed); row i of a column is data row i + 1. */
export class CsvColumns {
  readonly file: string;
  /** The header's cells as written (untrimmed). */
  readonly header: readonly string[];
  readonly rowCount: number;
  /** The file as text ({@link CsvColumns.parse}) or as UTF-8 bytes after any byte order marks ({@link CsvColumns.parseBytes}). */
  private readonly text: string | Buffer;
  private readonly read = new Map<number, readonly string[]>();
  /** The columns read as codes ({@link CsvColumns.coded}). */
  private readonly codedColumns = new Map<number, CodedCells>();
  /** The byte ranges of the cells of the columns read from bytes. */
  private readonly bounds = new Map<number, ColumnBounds>();
  /** Where the first data record starts in the bytes. */
  private dataStart = 0;

  private constructor(text: string | Buffer, file: string, header: readonly string[], rowCount: number) {
    this.text = text;
    this.file = file;
    this.header = header;
    this.rowCount = rowCount;
  }

  /**
   * Parse CSV text, keeping the cells of the columns at `positions` (0-based; others are read on demand by
   * {@link CsvColumns.cells}).
   * @param positions - which columns to keep, as a function of the header (e.g. looked up by name)
   * @throws DataError on an unterminated or stray quote, no header row, or a row with the wrong number of fields
   * @example
   * CsvColumns.parse("a,b\n1,2\n", "t.csv", () => [1]).cells(1) // ["2"]
   */
  static parse(text: string, file: string, positions: (header: readonly string[]) => readonly number[]): CsvColumns {
    const header: string[] = [];
    let rowCount = 0;
    let badRow: { row: number; fields: number } | undefined;
    let wanted: ColumnsBeingRead | undefined;
    scanCsvFields(
      text,
      file,
      (source, start, end, index, line) => {
        if (line === 0) header.push(source.slice(start, end));
        else {
          const s = (wanted as ColumnsBeingRead).slot[index];
          if (s >= 0) (wanted as ColumnsBeingRead).columns[s].push(source.slice(start, end));
        }
      },
      (fieldCount, line) => {
        if (line === 0) {
          wanted = columnsBeingRead(header.length, positions(header), new Map());
          return;
        }
        rowCount++;
        if (badRow === undefined && fieldCount !== header.length) badRow = { row: line, fields: fieldCount };
      },
    );
    if (header.length === 0) throw new DataError({ file, row: 0, expected: "a header row" });
    if (badRow !== undefined) throw new DataError({ file, row: badRow.row, value: `${badRow.fields} fields`, expected: `${header.length} fields as in the header` });
    const table = new CsvColumns(text, file, header, rowCount);
    (wanted as ColumnsBeingRead).slot.forEach((s, p) => {
      if (s >= 0) table.read.set(p, (wanted as ColumnsBeingRead).columns[s]);
    });
    return table;
  }

  /**
   * {@link CsvColumns.parse} of a file's UTF-8 bytes, without decoding the file: the kept columns' cells are kept
   * as byte ranges of the file, decoded when asked for: one cell ({@link CsvColumns.cell}), or a column as codes
   * into its distinct texts, each decoded once ({@link CsvColumns.coded}: a column of a few dozen codes or labels
   * over 100,000 rows makes a few dozen strings). Records without a quote are cut at their commas in one pass
   * ({@link scanPlainRecords}); a record with a quote is read by {@link scanCsvBytes}. Same header, cells and
   * errors as `parse(decodeUtf8(bytes))`: bytes that are not UTF-8 throw decodeUtf8's DataError, and malformed
   * quoting is read again from the text for parse's error.
   * @throws DataError as {@link CsvColumns.parse}, or when the bytes are not UTF-8
   * @example
   * CsvColumns.parseBytes(Buffer.from("a,b\n1,2\n"), "t.csv", () => [1]).cells(1) // ["2"]
   */
  static parseBytes(bytes: Uint8Array, file: string, positions: (header: readonly string[]) => readonly number[]): CsvColumns {
    if (!isUtf8(bytes)) decodeUtf8(bytes, file); // throws its DataError
    const start = byteOrderMarksEnd(bytes);
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start);
    const header = new HeaderNames();
    let rows: CellBoundsSink;
    try {
      const dataStart = scanCsvHeaderBytes(buf, 0, buf.length, header);
      if (header.names.length === 0) throw new DataError({ file, row: 0, expected: "a header row" });
      rows = new CellBoundsSink(header.names.length, positions(header.names), dataStart, expectedRecords(buf, dataStart, buf.length));
      scanCellBounds(buf, dataStart, rows);
    } catch (e) {
      if (e instanceof MalformedCsv) return CsvColumns.parse(decodeUtf8(bytes, file), file, positions); // its exact error
      throw e;
    }
    const { badRow } = rows;
    if (badRow !== undefined) throw new DataError({ file, row: badRow.row, value: `${badRow.fields} fields`, expected: `${header.names.length} fields as in the header` });
    const table = new CsvColumns(buf, file, header.names, rows.rowCount);
    table.dataStart = rows.dataStart;
    rows.addTo(table.bounds);
    return table;
  }

  /**
   * The cells of the column at `position` (0-based), by data row, untrimmed; scanned on first use.
   * @example
   * CsvColumns.parse("a,b\n1,2\n", "t.csv", () => []).cells(0) // ["1"]
   */
  cells(position: number): readonly string[] {
    this.checkPosition(position);
    let cells = this.read.get(position);
    if (cells === undefined && typeof this.text === "string") {
      this.readColumns([position]);
      cells = this.read.get(position) as readonly string[];
    }
    if (cells === undefined) {
      const { codes, values } = this.coded(position);
      const strings = new Array<string>(codes.length);
      for (let i = 0; i < codes.length; i++) strings[i] = values[codes[i]];
      this.read.set(position, (cells = strings));
    }
    return cells;
  }

  /**
   * The cell of the column at `position` in data row `row` (0-based), untrimmed: `cells(position)[row]`, decoded
   * alone when the column was read from bytes and is not coded (a few picked cells of a column of numbers).
   * @example
   * CsvColumns.parseBytes(Buffer.from("a,b\n1,2\n"), "t.csv", () => [1]).cell(1, 0) // "2"
   */
  cell(position: number, row: number): string {
    const strings = this.read.get(position);
    if (strings !== undefined) return strings[row];
    const coded = this.codedColumns.get(position);
    if (coded !== undefined) return coded.values[coded.codes[row]];
    if (typeof this.text === "string" || !Number.isInteger(row) || row < 0 || row >= this.rowCount) return this.cells(position)[row];
    return this.boundsOf(position).text(this.text, row);
  }

  /**
   * The cell of the column at `position` in data row `row` as a number when it is a plain decimal: an optional
   * sign, then digits with at most one decimal point, 1 to {@link MAX_EXACT_DIGITS} digits in all, nothing else
   * (no space, exponent or thousands separator); undefined otherwise (then read {@link CsvColumns.cell}). Read from
   * the bytes without decoding the cell, and equal to `Number(cell(position, row))` whenever it is a number: the
   * digits form an integer below 2^53 and the power of ten is exact, so their quotient is the correctly rounded
   * value (Clinger 1990, "How to read floating point numbers accurately"; `-0` for "-0").
   * @example
   * CsvColumns.parseBytes(Buffer.from("a,b\n-12,22.6\n"), "t.csv", () => [0, 1]).plainNumberCell(1, 0) // 22.6
   */
  plainNumberCell(position: number, row: number): number | undefined {
    if (typeof this.text === "string" || this.read.has(position) || this.codedColumns.has(position) || !Number.isInteger(row) || row < 0 || row >= this.rowCount) return undefined;
    const bounds = this.boundsOf(position);
    const start = bounds.starts[row];
    return start < 0 ? undefined : plainNumberAt(this.text, start, fieldEnd(this.text, start, this.text.length));
  }

  /**
   * The cells of the column at `position` as codes into its distinct texts (untrimmed, in order of first
   * appearance): `values[codes[i]]` is `cells(position)[i]`. Work done once per distinct text (trimming,
   * parsing a number) is then done once per code rather than once per row.
   * @example
   * CsvColumns.parseBytes(Buffer.from("a\nx\ny\nx\n"), "t.csv", () => [0]).coded(0) // { codes: [0, 1, 0], values: ["x", "y"] }
   */
  coded(position: number): CodedCells {
    this.checkPosition(position);
    let coded = this.codedColumns.get(position);
    if (coded !== undefined) return coded;
    coded = typeof this.text === "string" ? codesOfCells(this.cells(position)) : this.boundsOf(position).coded(this.text);
    this.codedColumns.set(position, coded);
    return coded;
  }

  private checkPosition(position: number): void {
    if (position < 0 || position >= this.header.length || !Number.isInteger(position)) throw new RangeError(`CsvColumns.cells: position must be a column of ${this.file} (got ${position})`);
  }

  /** The byte ranges of a column's cells, read in one more pass over the bytes when it was not kept (well formed: scanned once already). */
  private boundsOf(position: number): ColumnBounds {
    let bounds = this.bounds.get(position);
    if (bounds === undefined) {
      const rows = new CellBoundsSink(this.header.length, [position], this.dataStart, this.rowCount + 1);
      scanCellBounds(this.text as Buffer, this.dataStart, rows);
      rows.addTo(this.bounds);
      bounds = this.bounds.get(position) as ColumnBounds;
    }
    return bounds;
  }

  /** Read the cells of the columns at `positions` not read yet, in one pass over the text. */
  private readColumns(positions: readonly number[]): void {
    const wanted = columnsBeingRead(this.header.length, positions, this.read);
    if (wanted.columns.length === 0) return;
    scanCsvFields(
      this.text as string,
      this.file,
      (source, start, end, index, line) => {
        const s = line === 0 ? -1 : wanted.slot[index];
        if (s >= 0) wanted.columns[s].push(source.slice(start, end));
      },
      () => undefined,
    );
    wanted.slot.forEach((s, p) => {
      if (s >= 0) this.read.set(p, wanted.columns[s]);
    });
  }
}

/** Columns being filled by a scan: `slot[p]` is column p's index in `columns`, or -1 when it is not read. */
interface ColumnsBeingRead {
  slot: Int32Array;
  columns: string[][];
}

function columnsBeingRead(width: number, positions: readonly number[], done: ReadonlyMap<number, unknown>): ColumnsBeingRead {
  const slot = new Int32Array(width).fill(-1);
  const columns: string[][] = [];
  for (const p of positions) {
    if (p < 0 || p >= width || done.has(p) || slot[p] >= 0) continue;
    slot[p] = columns.length;
    columns.push([]);
  }
  return { slot, columns };
}

/** A column's cells as codes: row i's text is `values[codes[i]]`; codes number the distinct texts in order of first appearance. */
export interface CodedCells {
  readonly codes: Int32Array;
  readonly values: readonly string[];
}

/** Codes of cells given as strings (the text path of {@link CsvColumns.coded}). */
function codesOfCells(cells: readonly string[]): CodedCells {
  const codeOf = new Map<string, number>();
  const values: string[] = [];
  const codes = new Int32Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    let code = codeOf.get(cells[i]);
    if (code === undefined) {
      codeOf.set(cells[i], (code = values.length));
      values.push(cells[i]);
    }
    codes[i] = code;
  }
  return { codes, values };
}

/** Digits of a decimal read exactly by {@link plainNumberAt}: every integer of up to 15 digits is below 2^53. */
const MAX_EXACT_DIGITS = 15;
/** 10^0 … 10^15, each exact as a double (powers of ten are exact up to 10^22). */
const POWERS_OF_TEN = Float64Array.from({ length: MAX_EXACT_DIGITS + 1 }, (_, k) => 10 ** k);
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const PLUS = 43;
const MINUS = 45;
const POINT = 46;

/** `buf[start, end)` as a number when it is an optional sign and 1–15 ASCII digits with at most one point; undefined otherwise. */
function plainNumberAt(buf: Buffer, start: number, end: number): number | undefined {
  let i = start;
  const sign = buf[i] === MINUS ? -1 : 1;
  if (buf[i] === MINUS || buf[i] === PLUS) i++;
  let digits = 0;
  let decimals = -1; // digits after the point; -1 before one
  let n = 0;
  for (; i < end; i++) {
    const d = buf[i];
    if (d >= DIGIT_0 && d <= DIGIT_9) {
      if (++digits > MAX_EXACT_DIGITS) return undefined;
      n = n * 10 + (d - DIGIT_0);
      if (decimals >= 0) decimals++;
    } else if (d === POINT && decimals < 0) decimals = 0;
    else return undefined;
  }
  if (digits === 0) return undefined;
  return sign * (decimals > 0 ? n / POWERS_OF_TEN[decimals] : n);
}

/** The header's names, from {@link scanCsvHeaderBytes}. */
class HeaderNames implements CsvHeaderSink {
  readonly names: string[] = [];
  headerField(text: string): void {
    this.names.push(text);
  }
  headerEnd(): void {}
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Records sampled from the start of a file to guess its row count (so the bounds arrays are rarely grown, never much too large). */
const SAMPLED_RECORDS = 32;

/**
 * A guess of how many records `buf[start, end)` holds, from the mean length of its first {@link SAMPLED_RECORDS}
 * lines, with a quarter more for longer ones later: sizes the arrays once instead of doubling them (each doubling
 * copies, and fresh memory costs its first touch).
 */
function expectedRecords(buf: Buffer, start: number, end: number): number {
  let at = start;
  let lines = 0;
  while (lines < SAMPLED_RECORDS && at < end) {
    const lf = buf.indexOf(LF, at);
    lines++;
    if (lf < 0 || lf >= end) return lines;
    at = lf + 1;
  }
  return at >= end ? lines : Math.ceil(((end - start) / (at - start)) * lines * 1.25) + 1;
}

/**
 * A column's cells as where they start in the file's bytes (`starts[i]`; an unquoted cell ends at the next delimiter,
 * {@link fieldEnd}, so its end is not kept), or, for a quoted cell (doubled quotes to
 * undo), `starts[i] = -1 - k` with its text `quoted[k]`.
 */
class ColumnBounds {
  constructor(
    readonly starts: Int32Array,
    readonly quoted: readonly string[],
  ) {}

  /** Cell `row` as text. */
  text(buf: Buffer, row: number): string {
    const start = this.starts[row];
    return start >= 0 ? buf.toString("utf8", start, fieldEnd(buf, start, buf.length)) : this.quoted[-1 - start];
  }

  /** The column as codes into its distinct texts, in order of first appearance. */
  coded(buf: Buffer): CodedCells {
    const texts = new InternedTexts();
    const starts = this.starts;
    const codes = new Int32Array(starts.length);
    for (let i = 0; i < starts.length; i++) codes[i] = starts[i] >= 0 ? texts.codeOf(buf, starts[i], fieldEnd(buf, starts[i], buf.length)) : texts.codeOfText(this.quoted[-1 - starts[i]]);
    return { codes, values: texts.values };
  }
}

/**
 * The data records of a CSV's bytes: the kept columns' byte ranges, the row count and the first row whose field
 * count differs from the header's. Quote-free records are cut by {@link scanPlainRecords} ({@link keepField},
 * then {@link plainRecord}); a record with a quote goes through {@link scanCsvBytes} to this sink's
 * {@link plainField}/{@link quotedField}/{@link recordEnd}.
 */
class CellBoundsSink implements CsvByteSink {
  /** slot[p]: the kept column p's index among the kept ones, or -1. */
  readonly slot: Int32Array;
  /** position[s]: the column position of kept column s. */
  readonly position: Int32Array;
  starts: Int32Array[] = [];
  readonly quoted: string[] = [];
  /** Rows the arrays hold. */
  capacity: number;
  rowCount = 0;
  badRow: { row: number; fields: number } | undefined;

  /** @param expectedRows - how many records to make room for first ({@link expectedRecords}) */
  constructor(
    readonly width: number,
    positions: readonly number[],
    readonly dataStart: number,
    expectedRows: number,
  ) {
    this.slot = new Int32Array(width).fill(-1);
    const kept: number[] = [];
    for (const p of positions) {
      if (p < 0 || p >= width || this.slot[p] >= 0) continue;
      this.slot[p] = kept.length;
      kept.push(p);
    }
    this.position = Int32Array.from(kept);
    this.capacity = Math.max(1, expectedRows);
    for (let s = 0; s < kept.length; s++) {
      this.starts.push(new Int32Array(this.capacity));
    }
  }

  /** Kept field s of the current record starts at byte `start` (a quoted one: -1 - its index in {@link quoted}). */
  keepField(s: number, start: number): void {
    this.starts[s][this.rowCount] = start;
  }

  /** End of a quote-free record of `count` fields. */
  plainRecord(count: number): void {
    this.recordEnd(count, this.rowCount + 1);
  }

  plainField(_buf: Buffer, start: number, _end: number, index: number): void {
    const s = index < this.width ? this.slot[index] : -1;
    if (s >= 0) this.keepField(s, start);
  }

  quotedField(text: string, index: number): void {
    const s = index < this.width ? this.slot[index] : -1;
    if (s < 0) return;
    this.keepField(s, -1 - this.quoted.length);
    this.quoted.push(text);
  }

  recordEnd(count: number, line: number): void {
    this.rowCount++;
    if (this.badRow === undefined && count !== this.width) this.badRow = { row: line, fields: count };
    if (this.rowCount === this.capacity) this.grow();
  }

  private grow(): void {
    this.capacity *= 2;
    const bigger = (a: Int32Array) => {
      const b = new Int32Array(this.capacity);
      b.set(a);
      return b;
    };
    this.starts = this.starts.map(bigger);
  }

  /** The kept columns' byte ranges, by column position. */
  addTo(columns: Map<number, ColumnBounds>): void {
    for (let s = 0; s < this.position.length; s++) {
      columns.set(this.position[s], new ColumnBounds(this.starts[s].subarray(0, this.rowCount), this.quoted));
    }
  }
}

/** Scan the data records of `buf` from `start` into `rows`: quote-free runs of records in one pass, a record with a quote by {@link scanCsvBytes}. */
function scanCellBounds(buf: Buffer, start: number, rows: CellBoundsSink): void {
  const end = buf.length;
  let i = start;
  while (i < end) {
    i = scanPlainRecords(buf, i, end, rows);
    if (i === end) break;
    const pieceEnd = quotedRecordsEnd(buf, i, end);
    scanCsvBytes(buf, i, pieceEnd, rows.rowCount + 1, rows);
    i = pieceEnd;
  }
}

/**
 * Cut the records from `i` at their commas and line ends as scanCsvBytes does (a record ends at CR, LF or CRLF;
 * a comma just before the end of the bytes is followed by an empty field), giving each to `rows`; stops at the
 * start of the first record holding a quote (returned), or at `end`.
 */
function scanPlainRecords(buf: Buffer, i: number, end: number, rows: CellBoundsSink): number {
  const slot = rows.slot;
  const width = rows.width;
  while (i < end) {
    let fieldStart = i;
    let index = 0;
    let j = fieldEnd(buf, i, end);
    let c = j < end ? buf[j] : -1;
    while (c === COMMA) {
      const s = index < width ? slot[index] : -1;
      if (s >= 0) rows.keepField(s, fieldStart);
      index++;
      fieldStart = ++j;
      j = fieldEnd(buf, j, end);
      c = j < end ? buf[j] : -1;
    }
    if (c === QUOTE) return i;
    const s = index < width ? slot[index] : -1;
    if (s >= 0) rows.keepField(s, fieldStart);
    if (c === CR) j++;
    if (j < end && buf[j] === LF) j++;
    rows.plainRecord(index + 1);
    i = j;
  }
  return i;
}

/** DELIMITER[b] is 1 for the bytes that end an unquoted field or reveal a quote: comma, LF, CR, quote. */
const DELIMITER = new Uint8Array(256);
for (const b of [COMMA, LF, CR, QUOTE]) DELIMITER[b] = 1;

/** The first delimiter at or after `j` (a comma, line end or quote), or `end`: one table look-up a byte. */
function fieldEnd(buf: Buffer, j: number, end: number): number {
  while (j < end && DELIMITER[buf[j]] === 0) j++;
  return j;
}

/**
 * The end of the piece from record start `start` that holds whole records: just after the first line feed with an
 * even number of quotes before it since `start` (outside any quoted field, in a well-formed file), or `end`. A
 * malformed piece fails in scanCsvBytes as the whole file would (the same bytes up to the first error).
 */
function quotedRecordsEnd(buf: Buffer, start: number, end: number): number {
  let quotes = 0;
  let k = start;
  for (;;) {
    const lf = buf.indexOf(LF, k);
    if (lf < 0 || lf >= end) return end;
    for (let q = buf.indexOf(QUOTE, k); q >= 0 && q < lf; q = buf.indexOf(QUOTE, q + 1)) quotes++;
    if (quotes % 2 === 0) return lf + 1;
    k = lf + 1;
  }
}
