/**
 * The value columns of a wide table that are blank in every row: an Excel table's empty "Column1", or padding columns
 * of a wide file. `add` leaves them out and says so; each had been added as an indicator with no values, a catalogue
 * row with 60 rows of "not-available:blank" behind it. A cell with a DfE symbol (c, x, …) is not blank: it gives a
 * reason, and its column is added. So are the columns without a name blank in every row ({@link noteUnnamedColumns}).
 */
import type { DataError } from "../../errors";
import { addError } from "./capped-errors";
import { unnamedColumns } from "./read-table";

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

/**
 * The columns without a name (a trailing comma on every line, an Excel sheet's empty column): one blank in every row is
 * left out with a note, one with a value in some row is an error (what it holds would be a guess). Neighbouring empty
 * headers left out make one note ("columns 4–16384 (16381)"): one stray cell at XFD1048576 had printed 16,381 notes.
 */
export function noteUnnamedColumns(header: readonly string[], tally: BlankColumnTally, found: { file: string; errors: DataError[]; notes: string[] }): void {
  const blank = new Set(tally.blank());
  const named = (c: number) => `column ${c + 1}${header[c] === "" ? "" : ` ("${header[c]}")`}`;
  const runs: number[][] = [];
  for (const c of unnamedColumns(header)) {
    if (!blank.has(c)) {
      addError(found.errors, { file: found.file, row: 0, column: `column ${c + 1}`, value: header[c], expected: `a column name: ${named(c)} has no name but holds values` });
      continue;
    }
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run !== undefined && last === c - 1 && header[c] === "" && header[last] === "") run.push(c);
    else runs.push([c]);
  }
  for (const run of runs) {
    const what = run.length === 1 ? named(run[0]) : `columns ${run[0] + 1}–${run[run.length - 1] + 1} (${run.length})`;
    found.notes.push(`${what}, without a name, left out: no value in any of ${tally.rows()} rows`);
  }
}
