/**
 * Where each kept cell of a CSV starts in its UTF-8 bytes, found in one pass by scanCsvBytes' rules
 * ({@link scanCellBounds}), and the cells read back from there one at a time ({@link ByteCellReader}: as text,
 * or as a number without decoding) or a column at a time as codes ({@link ColumnBounds.coded}). Used by
 * {@link CsvColumns.parseBytes} (./csv-columns.ts).
 */
import type { Buffer } from "node:buffer";
import { InternedTexts } from "../byte-interner";
import { MalformedCsv } from "../csv-bytes";

/** One column's cells read one at a time ({@link CsvColumns.reader}); `row` is a data row (0-based). */
export interface CellReader {
  /** The cell as text, untrimmed. */
  text(row: number): string;
  /**
   * The cell as a number when it is a plain decimal: an optional sign, then digits with at most one decimal point,
   * 1 to {@link MAX_EXACT_DIGITS} digits in all, nothing else (no space, exponent or thousands separator);
   * undefined otherwise (then read {@link CellReader.text}). Equal to `Number(text(row))` whenever it is a number:
   * the digits form an integer below 2^53 and the power of ten is exact, so their quotient is the correctly rounded
   * value (Clinger 1990, "How to read floating point numbers accurately"; `-0` for "-0").
   */
  plainNumber(row: number): number | undefined;
}

/** A {@link CellReader} of cells held as strings (a CSV parsed from text): no number is read without the text. */
export class TextCellReader implements CellReader {
  constructor(private readonly cells: readonly string[]) {}
  text(row: number): string {
    return this.cells[row];
  }
  plainNumber(): number | undefined {
    return undefined;
  }
}

/** A {@link CellReader} of a column of a CSV's bytes, by where its cells start. */
export class ByteCellReader implements CellReader {
  constructor(
    private readonly buf: Buffer,
    private readonly bounds: ColumnBounds,
  ) {}
  text(row: number): string {
    return this.bounds.text(this.buf, row);
  }
  plainNumber(row: number): number | undefined {
    const start = this.bounds.starts[row];
    return start < 0 ? undefined : plainNumberAt(this.buf, start, fieldEnd(this.buf, start, this.buf.length));
  }
}

/** A column's cells as codes: row i's text is `values[codes[i]]`; codes number the distinct texts in order of first appearance. */
export interface CodedCells {
  readonly codes: Int32Array;
  readonly values: readonly string[];
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

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Records sampled from the start of a file to guess its row count (so the bounds arrays are rarely grown, never much too large). */
const SAMPLED_RECORDS = 32;

/**
 * A guess of how many records of `width` fields `buf[start, end)` holds, from the mean length of its first
 * {@link SAMPLED_RECORDS} lines, with a quarter more for longer ones later: sizes the arrays once instead of
 * doubling them (each doubling copies, and fresh memory costs its first touch). Never more than the bytes can
 * hold (a record of `width` fields takes at least `width` bytes: its delimiters and line end), so blank lines
 * at the start of a hostile file cannot make it reserve many times the file's size.
 * @example
 * expectedRecords(Buffer.from("a,b\n1,2\n3,4\n"), 4, 12, 2) // 2
 */
export function expectedRecords(buf: Buffer, start: number, end: number, width: number): number {
  const most = Math.floor((end - start) / Math.max(1, width)) + 1;
  let at = start;
  let lines = 0;
  while (lines < SAMPLED_RECORDS && at < end) {
    const lf = buf.indexOf(LF, at);
    lines++;
    if (lf < 0 || lf >= end) return Math.min(lines, most);
    at = lf + 1;
  }
  return Math.min(most, at >= end ? lines : Math.ceil(((end - start) / (at - start)) * lines * 1.25) + 1);
}

/**
 * A column's cells as where they start in the file's bytes (`starts[i]`; an unquoted cell ends at the next delimiter,
 * {@link fieldEnd}, so its end is not kept), or, for a quoted cell (doubled quotes to
 * undo), `starts[i] = -1 - k` with its text `quoted[k]`.
 */
export class ColumnBounds {
  constructor(
    readonly starts: Int32Array,
    readonly quoted: readonly string[],
  ) {}

  /** Cell `row` as text. */
  text(buf: Buffer, row: number): string {
    const start = this.starts[row];
    return start >= 0 ? buf.toString("utf8", start, fieldEnd(buf, start, buf.length)) : this.quoted[-1 - start];
  }

  /**
   * The column as codes into its distinct texts, in order of first appearance. A cell equal to the previous row's
   * unquoted cell (most rows of a sorted file) is recognised while its bytes are compared, without finding its end
   * first or looking it up.
   */
  coded(buf: Buffer): CodedCells {
    const texts = new InternedTexts();
    const starts = this.starts;
    const codes = new Int32Array(starts.length);
    let previousStart = -1;
    let previousLength = 0;
    let previousCode = -1;
    const quotedCodes = new Map<string, number>();
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      if (start < 0) {
        // a quoted cell's text: coded through a map of the quoted texts met, not re-encoded to bytes each time
        const text = this.quoted[-1 - start];
        let code = quotedCodes.get(text);
        if (code === undefined) quotedCodes.set(text, (code = texts.codeOfText(text)));
        codes[i] = code;
        previousStart = -1;
        continue;
      }
      if (previousStart >= 0 && sameField(buf, start, previousStart, previousLength)) {
        codes[i] = previousCode;
        continue;
      }
      const end = fieldEnd(buf, start, buf.length);
      codes[i] = previousCode = texts.codeOf(buf, start, end);
      previousStart = start;
      previousLength = end - start;
    }
    return { codes, values: texts.values };
  }
}

/**
 * The data records of a CSV's bytes as {@link scanCellBounds} finds them: where the kept columns' cells start, the
 * row count and the first row whose field count differs from the header's.
 */
export class CellBoundsSink {
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

  /** Kept field s of the current record is quoted: its text. */
  keepQuotedField(s: number, text: string): void {
    this.keepField(s, -1 - this.quoted.length);
    this.quoted.push(text);
  }

  /** End of the current record, of `count` fields. */
  recordEnd(count: number): void {
    this.rowCount++;
    if (this.badRow === undefined && count !== this.width) this.badRow = { row: this.rowCount, fields: count };
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

/**
 * Scan the data records of `buf` from `start` into `rows` by scanCsvBytes' rules (csv-bytes.ts): fields cut at
 * commas, a record ended by CR, LF or CRLF, a comma just before the end of the bytes followed by an empty field; a
 * field starting with a quote runs to the closing quote (doubled quotes inside are one) and must be followed by a
 * comma, a line end or the end of the bytes. Only the kept fields are noted, a quoted one decoded.
 * @throws MalformedCsv where scanCsvBytes throws it: an unterminated quote, a quote inside an unquoted field, text
 *   after a closing quote
 */
export function scanCellBounds(buf: Buffer, start: number, rows: CellBoundsSink): void {
  const slot = rows.slot;
  const width = rows.width;
  const end = buf.length;
  let i = start;
  while (i < end) {
    let j = i;
    let index = 0;
    let c: number;
    for (;;) {
      const s = index < width ? slot[index] : -1;
      if (j < end && buf[j] === QUOTE) j = quotedFieldEnd(buf, j, end, s >= 0 ? rows : undefined, s);
      else {
        const fieldStart = j;
        j = fieldEnd(buf, j, end);
        if (j < end && buf[j] === QUOTE) throw new MalformedCsv();
        if (s >= 0) rows.keepField(s, fieldStart);
      }
      index++;
      c = j < end ? buf[j] : -1;
      if (c !== COMMA) break;
      j++;
    }
    if (c === CR) j++;
    if (j < end && buf[j] === LF) j++;
    rows.recordEnd(index);
    i = j;
  }
}

/**
 * Where the quoted field opening at `open` ends (just after its closing quote), its text (doubled quotes undone)
 * kept as field `s` of `rows` when given.
 * @throws MalformedCsv on an unterminated quote or text after the closing quote
 */
function quotedFieldEnd(buf: Buffer, open: number, end: number, rows: CellBoundsSink | undefined, s: number): number {
  let k = open + 1;
  let doubled = false;
  let close: number;
  for (;;) {
    close = buf.indexOf(QUOTE, k);
    if (close < 0 || close >= end) throw new MalformedCsv();
    if (close + 1 < end && buf[close + 1] === QUOTE) {
      doubled = true;
      k = close + 2;
    } else break;
  }
  const after = close + 1;
  if (after < end && buf[after] !== COMMA && buf[after] !== LF && buf[after] !== CR) throw new MalformedCsv();
  if (rows !== undefined) {
    const text = buf.toString("utf8", open + 1, close);
    rows.keepQuotedField(s, doubled ? text.replace(/""/g, '"') : text);
  }
  return after;
}

/**
 * Whether the unquoted field starting at `start` has the `length` bytes of the one at `previous` and ends there (at
 * a delimiter or the end of the bytes).
 */
function sameField(buf: Buffer, start: number, previous: number, length: number): boolean {
  const end = start + length;
  if (end > buf.length || (end < buf.length && DELIMITER[buf[end]] === 0)) return false;
  for (let k = 0; k < length; k++) if (buf[start + k] !== buf[previous + k]) return false;
  return true;
}

/** DELIMITER[b] is 1 for the bytes that end an unquoted field or reveal a quote: comma, LF, CR, quote. */
const DELIMITER = new Uint8Array(256);
for (const b of [COMMA, LF, CR, QUOTE]) DELIMITER[b] = 1;

/** Bytes above this are never a delimiter (comma 44, quote 34, CR 13, LF 10). */
const HIGHEST_DELIMITER = COMMA;

/**
 * The first delimiter at or after `j` (a comma, line end or quote), or `end`: a byte above the comma (digits,
 * letters, most of a field) is passed by one comparison, the others by a table look-up.
 */
function fieldEnd(buf: Buffer, j: number, end: number): number {
  let b: number;
  while (j < end && ((b = buf[j]) > HIGHEST_DELIMITER || DELIMITER[b] === 0)) j++;
  return j;
}
