/** The invalid records of a pilot tally: every one counted, the first MAX_REPORTED_ERRORS kept to be listed. */
import { DataError, DataErrors } from "../errors";
import { MAX_REPORTED_ERRORS } from "./records";

/** Where a record is wrong (DataError's location). */
export type RecordProblem = ConstructorParameters<typeof DataError>[0];

/**
 * Problems found in the records, in the order reported.
 * @example
 * const errors = new RecordErrors();
 * errors.add({ file: "r.csv", row: 3, column: "period", value: "x", expected: "a year" });
 * errors.throwIfAny("tallyPilotRecords: invalid pilot records"); // throws DataErrors listing it
 */
export class RecordErrors {
  private readonly listed: DataError[] = [];
  private count = 0;

  /** Count a problem (and keep it, while fewer than MAX_REPORTED_ERRORS are kept). */
  add(problem: RecordProblem): void {
    this.count++;
    if (this.listed.length < MAX_REPORTED_ERRORS) this.listed.push(new DataError(problem));
  }

  /** Throw DataErrors with the problems kept (saying how many there were in all when not all are listed), if any. */
  throwIfAny(message: string): void {
    if (this.count === 0) return;
    const more = this.count > this.listed.length ? ` (${this.count} in all, first ${this.listed.length} listed)` : "";
    throw new DataErrors(this.listed, `${message}${more}`);
  }
}
