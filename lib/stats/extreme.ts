/**
 * The largest and smallest of many numbers without spreading them into `Math.max(...)`/`Math.min(...)`: a spread
 * passes one argument per element, and about 125,000 of them overflow V8's stack ("Maximum call stack size
 * exceeded"; round 24 H1, H2, H16: an XLSX of 130,000 rows, an Annex A list, an instruments file of 150,000 items).
 * Same rule as Math.max/Math.min: NaN when any value is NaN, −Infinity (maxOf) or +Infinity (minOf) for none, and
 * 0 above −0.
 */

/**
 * The largest value, as `Math.max(...values)` for any number of values; −Infinity for none, NaN if any is NaN.
 * @example maxOf([3, 9, 4]) // 9
 */
export function maxOf(values: Iterable<number>): number {
  let out = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v > out || (v === 0 && out === 0 && Object.is(out, -0))) out = v;
  }
  return out;
}

/**
 * The smallest value, as `Math.min(...values)` for any number of values; +Infinity for none, NaN if any is NaN.
 * @example minOf([3, 9, 4]) // 3
 */
export function minOf(values: Iterable<number>): number {
  let out = Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v < out || (v === 0 && out === 0 && Object.is(v, -0))) out = v;
  }
  return out;
}
