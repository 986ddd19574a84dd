/**
 * Missing-value handling for lib/stats. The rule: in a numeric input, `NaN` means missing. A function
 * that combines several columns uses the rows where every column has a value (pairwise-complete for
 * two columns, listwise for a model) and reports `n` (rows used) and `nMissing` (rows dropped).
 * Infinite values are not "missing": they are impossible inputs and raise {@link InputError}.
 */
import { InputError } from "../errors";

/** Rows usable by a computation over several columns. */
export interface CompleteCases {
  /** Indices (into the inputs) of the rows where every column has a value, ascending. */
  rows: Uint32Array;
  /** Number of complete rows. */
  n: number;
  /** Number of rows dropped because at least one column was NaN. */
  nMissing: number;
}

/**
 * Find the rows where all columns are non-missing (not NaN). Columns must have equal length.
 * @param fn the calling function's name, for error messages
 * @throws InputError on unequal lengths or an infinite value
 * @example
 * completeCases("pearson", [[1, NaN, 3], [4, 5, NaN]]) // { rows: [0], n: 1, nMissing: 2 }
 */
export function completeCases(fn: string, columns: readonly ArrayLike<number>[]): CompleteCases {
  const keep = new Uint32Array(columns.length === 0 ? 0 : columns[0].length);
  const n = completeRowsInto(fn, columns, keep);
  return { rows: keep.slice(0, n), n, nMissing: keep.length - n };
}

/**
 * {@link completeCases} into a caller's array: the complete rows go to `keep[0, n)` (it must hold at least
 * as many entries as the columns have rows) and n is returned; the same checks and errors, no allocation.
 * @example
 * const keep = new Uint32Array(3);
 * completeRowsInto("ols", [[1, NaN, 3], [4, 5, 6]], keep) // 2; keep starts [0, 2]
 */
export function completeRowsInto(fn: string, columns: readonly ArrayLike<number>[], keep: Uint32Array): number {
  if (columns.length === 0) throw new InputError(fn, "needs at least one column");
  const len = columns[0].length;
  for (let c = 1; c < columns.length; c++) {
    if (columns[c].length !== len) {
      throw new InputError(fn, `columns must have equal length (first has ${len})`, columns[c].length);
    }
  }
  if (keep.length < len) throw new InputError("completeRowsInto", `keep must hold ${len} rows`, keep.length);
  let n = 0;
  for (let i = 0; i < len; i++) {
    let ok = true;
    for (let c = 0; c < columns.length; c++) {
      const v = columns[c][i];
      if (typeof v !== "number") throw new InputError(fn, `column ${c} row ${i} must be a number (NaN for missing; convert table columns with toNumbers())`, v);
      if (Number.isNaN(v)) {
        ok = false;
      } else if (!Number.isFinite(v)) {
        throw new InputError(fn, `column ${c} row ${i} must be finite (NaN marks missing)`, v);
      }
    }
    if (ok) keep[n++] = i;
  }
  return n;
}

/** Copy `column[rows[k]]` into a new Float64Array. */
export function pick(column: ArrayLike<number>, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]];
  return out;
}

/**
 * A 32-bit FNV-1a hash of a set of row indices (equal sets, equal hashes; a match must still be checked row by
 * row): how the prepared fits recognise a set of complete rows they have seen.
 * @example rowsHash(Uint32Array.of(0, 2, 5)) === rowsHash(Uint32Array.of(0, 2, 5)) // true
 */
export function rowsHash(rows: Uint32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < rows.length; i++) h = Math.imul(h ^ rows[i], 0x01000193);
  return h >>> 0;
}
