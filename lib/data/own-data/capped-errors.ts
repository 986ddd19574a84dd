/**
 * The errors `add` collects about a researcher's table, capped: the first {@link MAX_LISTED_ERRORS} are kept as
 * DataErrors, the rest only counted. A review's table of 1,000,000 repeated rows made 999,999 DataErrors (each an
 * Error with its stack): 31 s and a 1.5 GB peak to say the same thing a million times.
 */
import { DataError, DataErrors, type DataErrorLocation } from "../../errors";

/** Errors listed before the rest are only counted (as `vital-signs pilot` lists its invalid records). */
export const MAX_LISTED_ERRORS = 200;

/** Per list, the errors counted but not kept. */
const omitted = new WeakMap<readonly DataError[], number>();

/**
 * Add an error at `loc` to `errors`, or only count it once {@link MAX_LISTED_ERRORS} are listed.
 * @example
 * const errors: DataError[] = [];
 * addError(errors, { file: "own.csv", row: 3, column: "period", value: "x", expected: "a year" });
 * errors.length // 1
 */
export function addError(errors: DataError[], loc: DataErrorLocation): void {
  if (errors.length < MAX_LISTED_ERRORS) errors.push(new DataError(loc));
  else omitted.set(errors, (omitted.get(errors) ?? 0) + 1);
}

/**
 * Add the errors of another capped list (listed and counted) to `errors`, after its own, as if added there one by one.
 * @example
 * appendErrors(errors, byUnitErrors);
 * errorCount(errors) // the two counts together
 */
export function appendErrors(errors: DataError[], more: readonly DataError[]): void {
  for (const error of more) {
    if (errors.length < MAX_LISTED_ERRORS) errors.push(error);
    else omitted.set(errors, (omitted.get(errors) ?? 0) + 1);
  }
  const uncounted = omitted.get(more) ?? 0;
  if (uncounted > 0) omitted.set(errors, (omitted.get(errors) ?? 0) + uncounted);
}

/**
 * How many errors {@link addError} counted in all for `errors` (listed and not).
 * @example
 * errorCount(errors) // 999999 for a table of a million repeated rows, of which 200 are listed
 */
export function errorCount(errors: readonly DataError[]): number {
  return errors.length + (omitted.get(errors) ?? 0);
}

/** Errors a message shows, as DataErrors shows them (lib/errors.ts). */
const SHOWN_ERRORS = 20;

/**
 * The DataErrors of a capped list, its message counting every error once: with the count of the list alone, a
 * review's 1,000,000 bad rows were "(… 1000000 errors in all, the first 200 listed): 200 error(s)" then "… and 180
 * more", three counts for one thing.
 * @example
 * new CappedDataErrors(errors, errorCount(errors), "own.csv was not added").message
 * // "own.csv was not added: 999999 error(s) (the first 200 kept, the rest only counted)\n  - …\n  … and 999979 more"
 */
export class CappedDataErrors extends DataErrors {
  /** How many errors there were in all, listed in `errors` or not. */
  readonly count: number;
  constructor(errors: readonly DataError[], count: number, context: string) {
    super(errors, context);
    this.count = count;
    if (count > errors.length) {
      const shown = errors.slice(0, SHOWN_ERRORS).map((e) => `  - ${e.message}`).join("\n");
      this.message = `${context}: ${count} error(s) (the first ${errors.length} kept, the rest only counted)\n${shown}\n  … and ${count - Math.min(SHOWN_ERRORS, errors.length)} more`;
    }
  }
}
