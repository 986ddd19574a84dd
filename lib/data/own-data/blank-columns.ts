/**
 * The value columns of a wide table that are blank in every row: an Excel table's empty "Column1", or padding columns
 * of a wide file. `add` leaves them out and says so; each had been added as an indicator with no values, a catalogue
 * row with 60 rows of "not-available:blank" behind it. A cell with a DfE symbol (c, x, …) is not blank: it gives a
 * reason, and its column is added.
 */

/** Counts rows and marks each column once a row gives it a cell that is not blank. */
export interface BlankColumnTally {
  /** Look at one data row's cells (as many as the header's). */
  see(cells: readonly string[]): void;
  /** The columns given, in their order, that no row has yet given a cell that is not blank. */
  blank(): number[];
  /** Data rows seen. */
  readonly rows: () => number;
}

/**
 * A tally of which of `columns` are blank (empty or spaces only) in every row seen. Once every column has a value, a
 * row costs one comparison.
 * @example
 * const t = blankColumnTally([2, 3]);
 * t.see(["E06000023", "2024", "45", ""]);
 * t.blank() // [3]
 */
export function blankColumnTally(columns: readonly number[]): BlankColumnTally {
  let waiting = [...columns];
  let rows = 0;
  return {
    see(cells) {
      rows++;
      if (waiting.length === 0) return;
      if (waiting.some((c) => !isBlankCell(cells[c]))) waiting = waiting.filter((c) => isBlankCell(cells[c]));
    },
    blank: () => [...waiting],
    rows: () => rows,
  };
}

/** Whether a cell is blank: missing, empty, or spaces only. */
function isBlankCell(cell: string | undefined): boolean {
  return cell === undefined || cell.trim() === "";
}
