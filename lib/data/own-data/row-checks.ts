/**
 * The checks and counts `add` makes of its indicator rows, made on each row as it is read (lib/data/own-data/own-rows.ts
 * passes them here) so that no row need be kept for them: the rules by unit and the values against their counts
 * (./unit-checks.ts), the rows and values per indicator, the periods, the LAs given for an indicator to be replaced.
 * A blank value beside its numerator and denominator is worked out from them for the units percent and rate_per_10k
 * (./value-from-counts.ts), and the row kept is that row.
 * The units are the metadata's (sidecar, then options), known before the first row; an indicator whose metadata is
 * incomplete or wrong makes the plan fail after the rows anyway (catalogueRowsFor), whatever these found.
 *
 * Their errors are kept apart, one list per check, because `add` lists them after the rows' own errors and the
 * unmatched LAs, in that order, as when they were checked once every row had been read.
 */
import type { DataError } from "../../errors";
import type { CatalogueRow, IndicatorRow } from "../types";
import { laYearKey } from "./replace-coverage";
import { valueFromCounts } from "./value-from-counts";
import { BLANK_STATUS } from "../import/symbols";
import {
  checkRowByUnit, checkValueAgainstCounts, countDisagreementWarnings, countProportions, newProportionTally, proportionWarning,
  type CountDisagreements, type OwnRowOrigin, type ProportionTally,
} from "./unit-checks";

/** An indicator's rows read, and of those its values (rows not missing). */
export interface RowsAndValues {
  rows: number;
  values: number;
  /** Rows with a blank value but a numerator and a denominator whose unit is not a share of counts (left missing). */
  countsWithoutValue: number;
  /** Rows with a blank value whose value was worked out from the numerator and denominator (unit percent, rate_per_10k). */
  fromCounts: number;
  /** Rows with a blank value beside a denominator of 0, left missing as not applicable (unit percent, rate_per_10k). */
  zeroDenominators: number;
}

/** The checks of the rows read so far: see the file's comment. */
export interface OwnRowChecks {
  /**
   * Check and count one added row (`origin`: where in the file it came from); returns the row to keep: the row given, or
   * a new one with its value worked out from its counts (./value-from-counts.ts).
   */
  add(row: IndicatorRow, origin: OwnRowOrigin): IndicatorRow;
  /** Errors by unit (checkRowByUnit), then of values against their counts (checkValueAgainstCounts): capped lists. */
  readonly byUnitErrors: DataError[];
  readonly countErrors: DataError[];
  /** Rows added, in all. */
  readonly rowsAdded: () => number;
  readonly tally: ReadonlyMap<string, RowsAndValues>;
  readonly periods: ReadonlySet<number>;
  /** For the indicators `replacing` named: the LA-years the file gives a row for (keys: laYearKey). */
  readonly givenLaYears: ReadonlyMap<string, ReadonlySet<string>>;
  /** The proportion warnings (unit percent), then the warnings of values that disagree with their counts. */
  warnings(): string[];
}

/**
 * Checks of a file's rows, for indicators whose unit is `unitOf(id)`.
 * @param replacing - whether an indicator may replace one of the package's (its LA-years are then recorded)
 * @example
 * const checks = ownRowChecks(() => "percent", "own.csv", () => false);
 * checks.add({ la_code: "E06000023", period: 2024, indicator: "share_pct", value: 145, numerator: null, denominator: null, status: "" },
 *   { row: 1, cells: { value: { column: "share_pct", text: "145" } } });
 * checks.byUnitErrors[0].message // 'own.csv, row 1, column "share_pct": got "145", expected a percentage from 0 to 100 (the unit of share_pct is percent)'
 */
export function ownRowChecks(unitOf: (id: string) => CatalogueRow["unit"] | undefined, file: string, replacing: (id: string) => boolean): OwnRowChecks {
  const byUnitErrors: DataError[] = [];
  const countErrors: DataError[] = [];
  const disagreeing: CountDisagreements = new Map();
  const proportions = new Map<string, ProportionTally>();
  const tally = new Map<string, RowsAndValues>();
  const periods = new Set<number>();
  const givenLaYears = new Map<string, Set<string>>();
  const units = new Map<string, CatalogueRow["unit"] | undefined>();
  let added = 0;
  return {
    add(given, origin) {
      added++;
      const id = given.indicator;
      let unit = units.get(id);
      if (unit === undefined && !units.has(id)) units.set(id, (unit = unitOf(id)));
      // the counts are checked as given (a negative count, a numerator above its denominator); a value is worked out from
      // counts that pass
      checkRowByUnit(given, origin, unit, file, byUnitErrors);
      const worked = valueFromCounts(given, unit);
      const row = worked.row;
      checkValueAgainstCounts(row, origin, unit, file, countErrors, disagreeing);
      if (unit === "percent") {
        let proportion = proportions.get(id);
        if (proportion === undefined) proportions.set(id, (proportion = newProportionTally()));
        countProportions(proportion, row, origin.cells.value.column);
      }
      let counts = tally.get(id);
      if (counts === undefined) tally.set(id, (counts = { rows: 0, values: 0, countsWithoutValue: 0, fromCounts: 0, zeroDenominators: 0 }));
      counts.rows++;
      if (worked.kind === "worked-out") counts.fromCounts++;
      else if (worked.kind === "zero-denominator") counts.zeroDenominators++;
      if (row.value !== null) counts.values++;
      else if (row.status === BLANK_STATUS && row.numerator !== null && row.denominator !== null) counts.countsWithoutValue++;
      periods.add(row.period);
      // a blank cell does not replace what the package has for its LA-year: it had turned 11 values into
      // not-available:blank without a word (a second review); a DfE symbol (c, x, …) says why there is no value, and does
      if (replacing(id) && !(row.value === null && row.status === BLANK_STATUS)) {
        let laYears = givenLaYears.get(id);
        if (laYears === undefined) givenLaYears.set(id, (laYears = new Set()));
        laYears.add(laYearKey(row.la_code, row.period));
      }
      return row;
    },
    byUnitErrors,
    countErrors,
    rowsAdded: () => added,
    tally,
    periods,
    givenLaYears,
    warnings() {
      const shares = [...proportions].map(([id, proportion]) => proportionWarning(id, proportion)).filter((w): w is string => w !== undefined);
      // a file of counts with the value column blank: every value read as missing without a word (a second review); for
      // percent and rate_per_10k it is worked out instead (said in the indicator's summary)
      const countsOnly = [...tally].filter(([, t]) => t.countsWithoutValue > 0).map(([id, t]) =>
        `${id}: ${t.countsWithoutValue} row(s) give a numerator and a denominator but no value; they are added as missing (a value is worked out from its counts for the units percent and rate_per_10k only; the unit of ${id} is ${units.get(id) ?? "not given"}): give the value`,
      );
      return [...shares, ...countDisagreementWarnings(disagreeing), ...countsOnly];
    },
  };
}
