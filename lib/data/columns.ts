/**
 * Bridges between arquero columns (missing = `null`) and the plain numeric arrays lib/stats works on
 * (missing = `NaN`). The conversion never invents values: `null`, `undefined` and non-numbers become NaN.
 */
import { InputError } from "../errors";

/**
 * Copy values into a Float64Array, mapping null/undefined to NaN.
 * @example
 * toNumbers([1, null, 3]) // Float64Array [1, NaN, 3]
 */
export function toNumbers(values: ArrayLike<number | null | undefined>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) out[i] = NaN;
    else if (typeof v !== "number") throw new InputError("toNumbers", `value ${i} is not a number or null`, v);
    else out[i] = v;
  }
  return out;
}

/**
 * Number of finite values (the `n` a statistic over this array would use).
 * @example
 * countFinite([1, NaN, 3]) // 2
 */
export function countFinite(values: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
  return n;
}
