/**
 * The periods of a pilot tally: a period field (a year ending March, MIN_PERIOD..MAX_PERIOD, as 1–4 ASCII digits)
 * read from its bytes, and the dense index of each distinct period in order of first appearance (the counts are
 * laid out period by period).
 */
import { asciiDigitsValue } from "../data/ascii-digits";
import { MAX_PERIOD, MAX_PERIODS, MIN_PERIOD } from "./records";

/**
 * The period limits (lib/pilot/records.ts) as this module's constants: read per row, an imported binding is a load from
 * the other module's exports object, which V8 compiled as a call to its generic LoadIC stub (node --print-opt-code).
 */
const FIRST_PERIOD = MIN_PERIOD;
/** ../data/ascii-digits.ts asciiDigitsValue, bound here for the same reason (it is called per row). */
const digitsValue = asciiDigitsValue;
const LAST_PERIOD = MAX_PERIOD;
/** {@link TallyPeriods.indexOf}: the bytes are not a year in range. */
export const NOT_A_PERIOD = -1;
/** {@link TallyPeriods.indexOf}: a new period beyond MAX_PERIODS distinct ones. */
export const TOO_MANY_PERIODS = -2;

/**
 * Distinct periods by dense index.
 * @example
 * const periods = new TallyPeriods();
 * periods.indexOf(Buffer.from("2023"), 0, 4) // 0 (new: periods.list is [2023])
 * periods.indexOf(Buffer.from("1989"), 0, 4) // NOT_A_PERIOD
 */
export class TallyPeriods {
  /** The periods, by index. */
  readonly list: number[] = [];
  private readonly indexByYear = new Int32Array(LAST_PERIOD - FIRST_PERIOD + 1).fill(-1);

  /** Index of the period written as bytes[start, end) (added when new), NOT_A_PERIOD or TOO_MANY_PERIODS. */
  indexOf(bytes: Uint8Array, start: number, end: number): number {
    const year = readYear(bytes, start, end);
    if (year < FIRST_PERIOD || year > LAST_PERIOD) return NOT_A_PERIOD;
    const p = this.indexByYear[year - FIRST_PERIOD];
    if (p >= 0) return p;
    if (this.list.length >= MAX_PERIODS) return TOO_MANY_PERIODS;
    this.list.push(year);
    return (this.indexByYear[year - FIRST_PERIOD] = this.list.length - 1);
  }
}

/** The year written as 1–4 ASCII digits in bytes[start, end), or -1. */
export function readYear(bytes: Uint8Array, start: number, end: number): number {
  if (end - start <= 0 || end - start > 4) return -1;
  return digitsValue(bytes, start, end);
}
