/**
 * One value of a researcher's table, with its numerator, denominator and status cells, as an indicator row
 * (lib/data/own-data/add.ts calls {@link addOwnValue} for each): numbers or symbols ({@link OWN_DATA_SYMBOLS}, kept
 * missing with their reason), checked by the rules of cell-rules.ts at the researcher's own cell.
 */
import type { DataError } from "../../errors";
import { parseDfeCell } from "../import/symbols";
import type { IndicatorRow } from "../types";
import { addError } from "./capped-errors";
import { cellHint } from "./cell-hints";
import {
  KEPT_COUNT_REASONS, OWN_DATA_SYMBOLS, suppressedCountExpected, suppressedValueExpected, underflows, UNDERFLOW_EXPECTED, WHOLE_COUNT_EXPECTED,
} from "./cell-rules";
import type { OwnCell, OwnRowOrigin, PercentCellsOfIndicator } from "./unit-checks";

const SYMBOLS_TEXT = `${Object.keys(OWN_DATA_SYMBOLS).filter((s) => s !== "").join(", ")}, or a letter one in square brackets as GSS tables write them: [c], [low]`;

/** The symbol of a suppressed row as written: the value cell's, or for a blank value the status's ("suppressed:c" → c). */
function symbolOf(value: string, status: string): string {
  return value.trim() === "" ? status.slice(status.indexOf(":") + 1) : value.trim();
}

/** Where {@link addOwnValue} puts rows and problems; `firstRows` finds a second value for an LA, period and indicator. */
export interface OwnValueSink {
  file: string;
  errors: DataError[];
  firstRows: FirstRows;
  /** Takes each indicator row made, with where in the file it came from. */
  accept(row: IndicatorRow, origin: OwnRowOrigin): void;
  /** Per indicator id, its values that were XLSX cells formatted as percentages (read as shown). */
  percentCells: Map<string, PercentCellsOfIndicator>;
  /** A workbook's values: per indicator id, its numbers in cells not formatted as percentages (absent for a CSV). */
  plainCells?: Map<string, NonNullable<PercentCellsOfIndicator["plain"]>>;
}

/**
 * The row of the first value of each LA, period and indicator. Keyed per indicator and period, then by the LA's number
 * (in the order met): a key of text per value ("E06000001\u00002024\u0000ind0") took ≈ 90 bytes, 450 MB for the
 * 5,000,000 values of a large file.
 */
export class FirstRows {
  private readonly laNumbers = new Map<string, number>();
  private readonly rows = new Map<string, Map<number, number>>();

  /**
   * The row that already holds a value for this LA, period and indicator; else undefined, and `row` holds it from now.
   * @example
   * const first = new FirstRows();
   * first.claim("E06000001", 2024, "ind0", 1) // undefined
   * first.claim("E06000001", 2024, "ind0", 7) // 1
   */
  claim(laCode: string, period: number, id: string, row: number): number | undefined {
    let la = this.laNumbers.get(laCode);
    if (la === undefined) this.laNumbers.set(laCode, (la = this.laNumbers.size));
    const key = `${id}\u0000${period}`;
    let rows = this.rows.get(key);
    if (rows === undefined) this.rows.set(key, (rows = new Map()));
    const first = rows.get(la);
    if (first === undefined) rows.set(la, row);
    return first;
  }
}

/** The cells of one value: its text and column, and in the long layout its counts' and status's. */
export interface OwnValueCells {
  value: string;
  column: string;
  /** The value cell's reference when it was an XLSX percent read as shown. */
  percentCell?: string;
  numerator?: string;
  denominator?: string;
  status?: string;
  /** Long layout: the headers of the numerator, denominator and status columns. */
  columns?: { numerator?: string; denominator?: string; status?: string };
}

/**
 * One value cell (with optional numerator, denominator and status cells) as an indicator row. `percentCell` is the
 * value cell's reference when it was an XLSX percent read as shown.
 */
export function addOwnValue(
  sink: OwnValueSink,
  at: { row: number; given: string; laCode: string; laName: string; period: number },
  id: string,
  cells: OwnValueCells,
): void {
  const { file, errors } = sink;
  const { row, period } = at;
  const parsed = parseDfeCell(cells.value, OWN_DATA_SYMBOLS);
  if (parsed === undefined) {
    addError(errors, { file, row, column: cells.column, value: cells.value, expected: `a number or a DfE symbol (${SYMBOLS_TEXT}; blank = not available)${cellHint(cells.value)}` });
    return;
  }
  if (underflows(cells.value, parsed.value)) {
    addError(errors, { file, row, column: cells.column, value: cells.value.trim(), expected: UNDERFLOW_EXPECTED });
    return;
  }
  // the status of a count's symbol when it becomes the row's (a blank value beside a suppressed count)
  let countStatus: string | undefined;
  const count = (text: string | undefined, col: string): number | null => {
    if (text === undefined) return null;
    const c = parseDfeCell(text, OWN_DATA_SYMBOLS);
    if (c === undefined) {
      addError(errors, { file, row, column: col, value: text, expected: `a count, blank or a DfE symbol (${SYMBOLS_TEXT})` });
      return null;
    }
    if (underflows(text, c.value)) {
      addError(errors, { file, row, column: col, value: text.trim(), expected: UNDERFLOW_EXPECTED });
      return null;
    }
    if (c.value !== null && !Number.isInteger(c.value)) {
      addError(errors, { file, row, column: col, value: text.trim(), expected: WHOLE_COUNT_EXPECTED });
      return null;
    }
    if (c.value === null && c.status.startsWith("suppressed") && parsed.value !== null) {
      addError(errors, { file, row, column: col, value: text.trim(), expected: suppressedCountExpected(text.trim(), parsed.value) });
    } else if (c.value === null && KEPT_COUNT_REASONS.some((reason) => c.status.startsWith(reason))) {
      // a blank value missing for the count's reason; a value flagged by its count's low reliability (which allows a value)
      if (countStatus === undefined && (cells.value.trim() === "" || (parsed.value !== null && parsed.status === ""))) countStatus = c.status;
    }
    return c.value;
  };
  const first = sink.firstRows.claim(at.laCode, period, id, row);
  if (first !== undefined) {
    addError(errors, { file, row, column: cells.column, value: cells.value, expected: `one value per LA, period and indicator (${at.laName}, ${period}, ${id} is already on row ${first})` });
    return;
  }
  if (cells.percentCell === undefined && parsed.value !== null && sink.plainCells !== undefined) {
    const plain = sink.plainCells.get(id);
    if (plain === undefined) sink.plainCells.set(id, { count: 1, first: { row, column: cells.column, shown: cells.value.trim() } });
    else plain.count++;
  }
  if (cells.percentCell !== undefined) {
    const listed = sink.percentCells.get(id);
    if (listed === undefined) sink.percentCells.set(id, { count: 1, first: { row, column: cells.column, cell: cells.percentCell, shown: cells.value.trim() } });
    else listed.count++;
  }
  const statusText = cells.status;
  const own = (name: "numerator" | "denominator" | "status"): OwnCell | undefined => {
    const text = cells[name];
    const column = cells.columns?.[name];
    return text === undefined || column === undefined ? undefined : { column, text };
  };
  const origin = { row, cells: { value: { column: cells.column, text: cells.value }, numerator: own("numerator"), denominator: own("denominator"), status: own("status") } };
  const numeratorColumn = cells.columns?.numerator ?? "numerator";
  const numerator = count(cells.numerator, numeratorColumn);
  const denominator = count(cells.denominator, cells.columns?.denominator ?? "denominator");
  // a status column (the package's own long format) gives the reason of a blank value, as written; else a blank
  // value beside a suppressed count is missing for the count's reason, not merely not available
  const status = statusText !== undefined && statusText.trim() !== "" && (parsed.value === null || statusText.startsWith("low-reliability")) ? statusText.trim() : countStatus ?? parsed.status;
  if (parsed.value === null && status.startsWith("suppressed") && numerator !== null) {
    addError(errors, { file, row, column: numeratorColumn, value: cells.numerator!.trim(), expected: suppressedValueExpected(symbolOf(cells.value, status), denominator) });
  }
  sink.accept({ la_code: at.laCode, period, indicator: id, value: parsed.value, numerator, denominator, status }, origin);
}
