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

/**
 * Format rows as the UTF-8 bytes of {@link formatCsv}'s text (the same bytes as `Buffer.from(formatCsv(rows,
 * fields))`), written straight into a buffer: no string per line nor one for the whole table, which for a
 * package's 250,000-row indicators.csv cost as much again as formatting the cells.
 * @example
 * formatCsvBytes([{ a: 1, b: null }], ["a", "b"]).toString() // "a,b\n1,\n"
 */
export function formatCsvBytes(rows: readonly Record<string, CsvValue | undefined>[], fields: readonly string[]): Buffer {
  const out = new CsvByteSink();
  out.text(fields.map((f) => formatCell(f, "header")).join(","));
  out.byte(10);
  const memo = new Map<string, Buffer>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let k = 0; k < fields.length; k++) {
      if (k > 0) out.byte(44);
      const v = row[fields[k]];
      if (v === undefined || v === null) continue;
      if (typeof v === "number") {
        // a small integer (periods, counts, ranks) written digit by digit: String(v)'s digits without the string
        if ((v | 0) === v && !Object.is(v, -0)) out.integer(v);
        else out.text(formatCell(v, fields[k]));
      }
      else if (v.length > MEMO_MAX_CHARS) out.text(formatCell(v, fields[k]));
      else {
        let known = memo.get(v);
        if (known === undefined) memo.set(v, (known = Buffer.from(formatCell(v, fields[k]))));
        out.bytes(known);
      }
    }
    out.byte(10);
  }
  return out.result();
}

/** A growing byte buffer for {@link formatCsvBytes}. */
class CsvByteSink {
  private buf = Buffer.allocUnsafe(1 << 16);
  private length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.length++] = b;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** The decimal digits of a 32-bit integer (with its minus sign), as String(n) writes them. */
  integer(n: number): void {
    this.reserve(11);
    const buf = this.buf;
    let at = this.length;
    let m = n;
    if (m < 0) {
      buf[at++] = 45; // -
      m = -m; // at most 2^31: still exact
    }
    let digits = 1;
    for (let p = 10; p <= m; p *= 10) digits++;
    for (let d = digits - 1; d >= 0; d--) {
      buf[at + d] = 48 + (m % 10);
      m = Math.floor(m / 10);
    }
    this.length = at + digits;
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
        this.reserve(Buffer.byteLength(s));
        this.length += this.buf.write(s, this.length, "utf8");
        return;
      }
      buf[at++] = c;
    }
    this.length = at;
  }

  /** The bytes written (a copy of exactly that length). */
  result(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.length));
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
