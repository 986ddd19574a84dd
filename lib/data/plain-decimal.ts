/**
 * Plain decimals (`[+-]digits[.digits]`, at most 15 digits) read straight from a CSV cell's UTF-8 bytes, for the
 * package reader (package-columns.ts): no text is decoded, and values that recur share one boxed number.
 */
import type { Buffer } from "node:buffer";

/** Powers of ten exactly representable as doubles (10^0 … 10^22), for the fast decimal path. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Most digits of a decimal read on the fast path: 10^15 < 2^53, so the digits form an exact integer. */
const MAX_FAST_DIGITS = 15;

/**
 * Plain decimals read from bytes share one boxed number per distinct value when they have 1 to
 * BOXED_FRACTION_DIGITS − 1 decimals and fewer than BOXED_MANTISSAS digits-as-integer (0.1 to 1638.3 with one
 * decimal): a percentage column of 1.44 M cells then holds a few thousand numbers, not 1.44 M (16 bytes each).
 * Whole numbers need no box: V8 keeps them in the column as small integers (read straight from the digits).
 */
export const BOXED_MANTISSAS = 1 << 14;
export const BOXED_FRACTION_DIGITS = 4;

/**
 * The shared boxes, one table for every resource read in this thread (made on first use, 384 KB, kept), a slot per
 * decimal with 1 to BOXED_FRACTION_DIGITS − 1 decimals, at digits × (BOXED_FRACTION_DIGITS − 1) + decimals − 1: a table
 * per resource cost each of them its size in fresh memory filled with null, areas.csv's 150 rows included. A box
 * only ever holds the value its slot stands for, so which cells share it changes no value. No slot for whole
 * numbers (they are never boxed): a quarter of the table, 128 KB of fresh memory, that only ever held them.
 * @example
 * boxTable()[125 * (BOXED_FRACTION_DIGITS - 1) + 1 - 1] // the shared box of 12.5 (digits 125, one decimal), or null before its first use
 */
let sharedBoxes: unknown[] | undefined;
export function boxTable(): unknown[] {
  return (sharedBoxes ??= new Array<unknown>(BOXED_MANTISSAS * (BOXED_FRACTION_DIGITS - 1)).fill(null));
}

/** A plain decimal as {@link plainDecimalBytes} reads it: value = (negative ? −1 : 1) · digits / 10^decimals. */
export interface PlainDecimal {
  /** The digits as an integer (exact: at most MAX_FAST_DIGITS digits). */
  digits: number;
  decimals: number;
  negative: boolean;
}

/**
 * Whether the cell whose UTF-8 bytes are `buf[start, end)` is a plain decimal (`[+-]digits[.digits]`, at most 15
 * digits, no exponent), read into `out` without decoding the bytes; false for anything else (then the full rules
 * of convertCell apply). Only whole numbers and divisions are involved, so a caller that needs only the shared
 * box of a value it has seen (BOXED_MANTISSAS) computes no new number. Its value ({@link plainDecimalValue}) is
 * one correctly rounded division of exact doubles, so it equals `Number(text)` (Clinger 1990, "How to read
 * floating point numbers accurately", the fast path).
 * @example
 * const d = { digits: 0, decimals: 0, negative: false };
 * plainDecimalBytes(Buffer.from("-12.50"), 0, 6, false, d) // true; d = { digits: 1250, decimals: 2, negative: true }
 */
export function plainDecimalBytes(buf: Buffer, start: number, end: number, wholeOnly: boolean, out: PlainDecimal): boolean {
  let i = start;
  let negative = false;
  const first = buf[i];
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45;
    i++;
  }
  let m = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 /* . */ && fraction < 0 && !wholeOnly) fraction = 0;
    else return false;
  }
  if (digits === 0 || digits > MAX_FAST_DIGITS) return false;
  out.digits = m;
  out.decimals = fraction > 0 ? fraction : 0;
  out.negative = negative;
  return true;
}

/**
 * The value of a plain decimal read by {@link plainDecimalBytes}: ±digits / 10^decimals, one correctly rounded division.
 * @example
 * plainDecimalValue({ digits: 1250, decimals: 2, negative: true }) // -12.5
 */
export function plainDecimalValue(d: PlainDecimal): number {
  const value = d.decimals > 0 ? d.digits / EXACT_POWERS_OF_TEN[d.decimals] : d.digits;
  return d.negative ? -value : value;
}
