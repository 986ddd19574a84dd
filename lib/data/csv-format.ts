/**
 * Deterministic CSV writing (the write side of ./csv.ts, which re-exports it): LF line ends, a field quoted
 * only when it must be (comma, quote, CR/LF, leading/trailing space), `null` as an empty field and numbers in
 * JavaScript's shortest round-trip form, so the same rows always give the same bytes.
 */
import { Buffer } from "node:buffer";

/** A cell value that can be written. */
export type CsvValue = string | number | null;

function formatCell(v: CsvValue, field: string): string {
  if (v === null) return "";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`formatCsv: field "${field}" must be a finite number or null (got ${v})`);
    return Object.is(v, -0) ? "0" : String(v);
  }
  if (/[",\r\n]/.test(v) || /^\s|\s$/.test(v)) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

/**
 * Longest text cell whose formatted form is remembered while formatting one table: 64 characters (codes,
 * indicator names and statuses repeat over 100,000s of rows; longer texts, e.g. definitions, rarely do).
 */
const MEMO_MAX_CHARS = 64;

function writeHeader(out: CsvByteSink, fields: readonly string[]): void {
  out.text(fields.map((f) => formatCell(f, "header")).join(","));
  out.byte(10);
}

/** One cell's bytes as {@link formatCell} writes it (nothing for a missing cell); short texts' bytes remembered in `memo`. */
function writeCell(out: CsvByteSink, v: CsvValue | undefined, field: string, memo: Map<string, Buffer>): void {
  if (v === undefined || v === null) return;
  if (typeof v === "number") {
    // a small integer (periods, counts, ranks) written digit by digit: String(v)'s digits without the string
    if ((v | 0) === v && !Object.is(v, -0)) out.integer(v);
    else if (!out.shortDecimal(v)) out.text(formatCell(v, field));
  } else if (v.length > MEMO_MAX_CHARS) out.text(formatCell(v, field));
  else {
    let known = memo.get(v);
    if (known === undefined) memo.set(v, (known = Buffer.from(formatCell(v, field))));
    out.bytes(known);
  }
}

/**
 * A column to format: its cells, and, for a column of texts only, their codes (row i holds `texts[codes[i]]`);
 * the cells may be left out when every value of the codes is a text (they are then never read).
 */
export interface CsvColumn {
  cells?: readonly unknown[];
  coded?: { codes: ArrayLike<number>; values: readonly unknown[] };
}

/** Throws unless each column has its cells or codes of texts only (what writeCsvColumns reads). */
function checkColumnsReadable(fields: readonly string[], columns: readonly CsvColumn[]): void {
  columns.forEach((c, k) => {
    if (c.cells === undefined && !c.coded?.values.every((v) => typeof v === "string")) {
      const got = c.coded === undefined ? "no cells and no codes" : `codes whose values include ${JSON.stringify(c.coded.values.find((v) => typeof v !== "string"))}`;
      throw new Error(`writeCsvColumns: field "${fields[k]}" needs its cells or codes of texts only (got ${got})`);
    }
  });
}

/** Bytes a CSV is written in when streamed ({@link writeCsvColumns}): one buffer reused for every chunk. */
export const CSV_CHUNK_BYTES = 1 << 16;

/**
 * The UTF-8 bytes of {@link formatCsv}'s text for the rows whose field `fields[k]` is `columns[k].cells[i]`
 * (the same bytes as `Buffer.from(formatCsv(rows, fields))`), handed to `write` in chunks of at most
 * `chunkBytes` (more only for a single cell longer than that), formatted into one buffer that is reused: a
 * package's 12 MB indicators.csv is written, hashed and measured without ever being held whole (fresh memory
 * costs about 3 ms per MiB to touch on the machines measured), and no string is made per line. A coded text column's distinct texts are
 * formatted once each and copied by code, with no lookup per cell. `write` must use the chunk before it
 * returns (the buffer is overwritten next), as `fs.writeSync` and `Hash#update` do.
 * @example
 * writeCsvColumns(["a"], 2, [{ cells: [1, 2] }], (chunk) => process.stdout.write(Buffer.from(chunk))); // a\n1\n2\n
 */
export function writeCsvColumns(
  fields: readonly string[],
  length: number,
  columns: readonly CsvColumn[],
  write: (chunk: Uint8Array) => void,
  chunkBytes = CSV_CHUNK_BYTES,
): void {
  checkColumnsReadable(fields, columns);
  const memo = new Map<string, Buffer>();
  const known = columns.map((c, k) => c.coded?.values.map((v) => (typeof v === "string" ? Buffer.from(formatCell(v, fields[k])) : undefined)));
  const out = new CsvByteSink(write, chunkBytes);
  writeHeader(out, fields);
  for (let i = 0; i < length; i++) {
    for (let k = 0; k < columns.length; k++) {
      if (k > 0) out.byte(44);
      const coded = columns[k].coded;
      const bytes = coded === undefined ? undefined : (known[k] as (Buffer | undefined)[])[coded.codes[i]];
      if (bytes !== undefined) out.bytes(bytes);
      else writeCell(out, (columns[k].cells as readonly unknown[])[i] as CsvValue | undefined, fields[k], memo);
    }
    out.byte(10);
  }
  out.flush();
}

/** The decimal digits of a whole number 0 ≤ m ≤ 2^31 written into `buf` from `at`; returns the position after them. */
function writeDigits(buf: Buffer, at: number, m: number): number {
  let digits = 1;
  for (let p = 10; p <= m; p *= 10) digits++;
  for (let d = digits - 1; d >= 0; d--) {
    buf[at + d] = 48 + (m % 10);
    m = Math.floor(m / 10);
  }
  return at + digits;
}

/**
 * Write a minus sign at `at` when `n` < 0; returns where the digits go. The sign is stored whatever `n` (the
 * digits overwrite it when there is none): a store that ran only for negative numbers, rare in a package, threw
 * the optimised formatting code away at the first one ('insufficient type feedback', --trace-deopt).
 */
function signAt(buf: Buffer, at: number, n: number): number {
  buf[at] = 45; // -
  return at + (n < 0 ? 1 : 0);
}

/** Bytes of a CSV's first chunk (see CsvByteSink's constructor). */
const FIRST_CHUNK_BYTES = 256;

/** Most decimals of a number written by {@link CsvByteSink.shortDecimal} (the package's values have 1 to 3, or many). */
const SHORT_DECIMAL_PLACES = 3;
/** 10^d for d = 0 … SHORT_DECIMAL_PLACES. */
const DECIMAL_SCALES = [1, 10, 100, 1000];
/** Magnitude below which shortDecimal applies: v × 10^3 then stays under 2^31, so m is a 32-bit integer. */
const SHORT_DECIMAL_LIMIT = 2e6;

/** A byte buffer for {@link writeCsvColumns}, handed to its consumer whenever it is full and then reused. */
class CsvByteSink {
  private buf: Buffer;
  private length = 0;

  private readonly chunkBytes: number;

  constructor(
    private readonly consume: (chunk: Uint8Array) => void,
    chunkBytes: number,
  ) {
    this.chunkBytes = Math.max(1, chunkBytes);
    // a first buffer of FIRST_CHUNK_BYTES, so the handing on below runs within the first rows, before V8
    // optimises this code: run first after 64 KiB, in optimised code, it threw that code away (--trace-deopt)
    this.buf = Buffer.allocUnsafe(Math.min(FIRST_CHUNK_BYTES, this.chunkBytes));
  }

  /** Room for `n` more bytes: the bytes so far handed on when they do not fit (a larger buffer for a longer cell). */
  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length || this.buf.length < this.chunkBytes) this.buf = Buffer.allocUnsafe(Math.max(n, this.chunkBytes));
  }

  /** Hand on the bytes written since the last flush. */
  flush(): void {
    if (this.length === 0) return;
    this.consume(this.buf.subarray(0, this.length));
    this.length = 0;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.length++] = b;
  }

  /** Bytes copied one by one: cells are short (a call of TypedArray#set costs more), and one path has no cold branch. */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.reserve(n);
    const buf = this.buf;
    const at = this.length;
    for (let j = 0; j < n; j++) buf[at + j] = b[j];
    this.length = at + n;
  }

  /** The decimal digits of a 32-bit integer (with its minus sign), as String(n) writes them. */
  integer(n: number): void {
    this.reserve(11);
    const buf = this.buf;
    // the sign without a branch of its own (see signAt); |n| ≤ 2^31: still exact
    this.length = writeDigits(buf, signAt(buf, this.length, n), Math.abs(n));
  }

  /**
   * A number of at most SHORT_DECIMAL_PLACES decimals and magnitude under SHORT_DECIMAL_LIMIT, not 0, written
   * digit by digit as String(v) writes it (false, writing nothing, for any other number). With d the fewest
   * decimals for which m = round(v × 10^d) gives back v as m / 10^d (one correctly rounded division, as reading
   * the text "m × 10^−d" gives), the digits of m with d decimals are the shortest text that reads back as v, which
   * is String(v) (ECMA-262 Number::toString: fewest digits; fixed notation from 10^−6 to 10^21).
   */
  shortDecimal(v: number): boolean {
    // 0 and −0 are whole (−0 is written "0" by formatCell)
    if (!(v > -SHORT_DECIMAL_LIMIT && v < SHORT_DECIMAL_LIMIT) || v === 0) return false;
    for (let d = 1; d <= SHORT_DECIMAL_PLACES; d++) {
      const scale = DECIMAL_SCALES[d];
      const m = Math.round(v * scale);
      if (m / scale !== v) continue;
      this.reserve(12);
      const buf = this.buf;
      let at = signAt(buf, this.length, m);
      const digits = Math.abs(m);
      const whole = Math.floor(digits / scale);
      let fraction = digits - whole * scale;
      at = writeDigits(buf, at, whole);
      buf[at++] = 46; // .
      for (let k = d - 1; k >= 0; k--) {
        buf[at + k] = 48 + (fraction % 10);
        fraction = Math.floor(fraction / 10);
      }
      this.length = at + d;
      return true;
    }
    return false;
  }

  /** A string's UTF-8 bytes (ASCII copied code unit by code unit, anything else encoded by Buffer#write). */
  text(s: string): void {
    const n = s.length;
    this.reserve(n);
    const buf = this.buf;
    let at = this.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) {
        // the ASCII copied so far is written again from this.length (which it did not move)
        this.reserve(Buffer.byteLength(s));
        this.length += this.buf.write(s, this.length, "utf8");
        return;
      }
      buf[at++] = c;
    }
    this.length = at;
  }
}

/**
 * Format rows as CSV text with the given field order (LF line ends, final LF).
 * @example
 * formatCsv([{ a: 1, b: null }], ["a", "b"]) // "a,b\n1,\n"
 */
export function formatCsv(rows: readonly Record<string, CsvValue | undefined>[], fields: readonly string[]): string {
  const lines = new Array<string>(rows.length + 1);
  lines[0] = fields.map((f) => formatCell(f, "header")).join(",");
  const memo = new Map<string, string>();
  const cells = new Array<string>(fields.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let k = 0; k < fields.length; k++) {
      const v = row[fields[k]];
      let cell: string;
      if (v === undefined || v === null) cell = "";
      else if (typeof v === "number") cell = formatCell(v, fields[k]);
      else if (v.length > MEMO_MAX_CHARS) cell = formatCell(v, fields[k]);
      else {
        const known = memo.get(v);
        if (known === undefined) memo.set(v, (cell = formatCell(v, fields[k])));
        else cell = known;
      }
      cells[k] = cell;
    }
    lines[i + 1] = cells.join(",");
  }
  return lines.join("\n") + "\n";
}
