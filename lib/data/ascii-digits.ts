/**
 * Whole numbers read straight from ASCII digits in a byte buffer, without making a string: the byte readers of
 * pilot records (periods), CIN episode rows (dates) and spreadsheets (repeat counts) share it.
 */

/**
 * The value of the ASCII decimal digits `bytes[from, to)` (0 for an empty range), or -1 when a byte is not a digit.
 * A caller that needs a bound checks the value (a long run of digits gives a value above any bound, or Infinity).
 * @example
 * asciiDigitsValue(Buffer.from("x2025y"), 1, 5) // 2025
 */
export function asciiDigitsValue(bytes: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = bytes[i] - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
