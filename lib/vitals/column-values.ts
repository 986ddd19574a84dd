/**
 * A package column's values without copying them, for loops that only read.
 */
import type { ColumnTable } from "arquero";

/**
 * The values of column `name` in row order, to be read only: the column's own array when the table is
 * neither filtered nor ordered (arquero's `table.array(name)` copies every value through a row scan, which
 * for indicators.csv is some 250,000 values per column per call), otherwise that copy.
 * @example
 * const periods = columnValues<number>(pkg.indicators, "period"); // periods[r] === pkg.indicators.get("period", r)
 */
export function columnValues<T>(table: ColumnTable, name: string): ArrayLike<T> {
  const column = table.column(name) as unknown;
  const plain = Array.isArray(column) || (ArrayBuffer.isView(column) && !(column instanceof DataView));
  if (plain && !table.isFiltered() && !table.isOrdered() && (column as ArrayLike<T>).length === table.numRows()) return column as ArrayLike<T>;
  return table.array(name) as unknown as ArrayLike<T>;
}
