/**
 * What replacing an indicator drops. `add --replace` replaces an indicator whole: its catalogue row, every LA's
 * rows and its England/region benchmarks. An LA analyst who put one council's SSDA903 return (`vital-signs
 * returns`, official ids) into the official package that way lost `cla_3plus_placements_pct` for every other LA
 * (1,061 rows → 2) and its benchmarks, exit 0, the only word "replaces the package's". A replacement that would drop
 * values of LA-years the file does not give is now refused unless the whole series is to go (`--replace-all`). The
 * check is by LA and year, not LA alone: a file giving every LA only its latest year had dropped 885 earlier values
 * of the official series (1,043 → 158 rows), exit 0, with the warning "drops 0 value(s) of 0 LA(s)". A row without a
 * value but with its reason (`suppressed:c`, `not-available:…`) counts as dropped too: a file giving the 582 LA-years
 * of an official series that had a value dropped its 361 suppressed cells and their reasons without a word.
 */
import type { DataError } from "../../errors";
import type { DataPackage } from "../types";
import { addError } from "./capped-errors";

/**
 * The key of an LA and year in the sets of LA-years a file gives.
 * @example laYearKey("E08000035", 2024) // "E08000035\u00002024"
 */
export function laYearKey(la: string, period: number): string {
  return `${la}\u0000${period}`;
}

/** What replacing one indicator removes beyond the rows the file gives again. */
export interface ReplacementDrop {
  indicator: string;
  /**
   * LAs with a row in the package (a value, or none with its reason) for a year the file gives them no row for; those
   * rows; their years.
   */
  lasDropped: number;
  rowsDropped: number;
  /** Of those rows, the ones with no value but a status saying why (suppressed, not available). */
  missingDropped: number;
  periodsDropped: number[];
  /** England and region rows of benchmarks.csv removed with it. */
  benchmarkRows: number;
}

/**
 * For each replaced indicator, what goes with it; an error for each that drops other LAs' values unless `replaceAll`.
 * @param givenLaYears - per replaced indicator, the LA-years the file gives a row for ({@link laYearKey})
 * @example
 * replacementDrops(pkg, ["cla_3plus_placements_pct"], new Map([["cla_3plus_placements_pct", new Set([laYearKey("E08000035", 2024)])]]), false, "ret/indicators.csv", errors)
 * // [{ indicator: "cla_3plus_placements_pct", lasDropped: 152, rowsDropped: 1059, periodsDropped: [2013, …, 2024], benchmarkRows: 14 }] and an error
 */
export function replacementDrops(
  pkg: DataPackage, replaced: readonly string[], givenLaYears: ReadonlyMap<string, ReadonlySet<string>>, replaceAll: boolean, file: string, errors: DataError[],
): ReplacementDrop[] {
  if (replaced.length === 0) return [];
  const wanted = new Set(replaced);
  const none: ReadonlySet<string> = new Set();
  const given = new Map(replaced.map((id) => [id, givenLaYears.get(id) ?? none]));
  const dropped = new Map(replaced.map((id) => [id, { las: new Set<string>(), periods: new Set<number>(), rows: 0, missing: 0, first: [] as string[] }]));
  const ids = pkg.indicators.array("indicator") as string[];
  const las = pkg.indicators.array("la_code") as string[];
  const periods = pkg.indicators.array("period") as number[];
  const values = pkg.indicators.array("value") as (number | null)[];
  const statuses = pkg.indicators.array("status") as (string | null)[];
  for (let k = 0; k < ids.length; k++) {
    const missing = values[k] === null;
    if (!wanted.has(ids[k]) || (missing && !statuses[k]) || given.get(ids[k])!.has(laYearKey(las[k], periods[k]))) continue;
    const d = dropped.get(ids[k])!;
    d.rows++;
    if (missing) d.missing++;
    d.las.add(las[k]);
    d.periods.add(periods[k]);
    if (d.first.length < 3) d.first.push(`${las[k]} ${periods[k]}`);
  }
  const benchmarkIds = (pkg.benchmarks?.array("indicator") ?? []) as string[];
  return replaced.map((indicator) => {
    const d = dropped.get(indicator)!;
    const benchmarkRows = benchmarkIds.filter((id) => id === indicator).length;
    const periodsDropped = [...d.periods].sort((a, b) => a - b);
    if (d.las.size > 0 && !replaceAll) {
      addError(errors, {
        file, column: indicator, value: indicator,
        expected: `a file giving every LA and year the package has a row of ${indicator} for (a value, or none with its reason): replacing it would drop ${droppedWords(d.rows, d.missing)} of ${d.las.size} LA(s) for years your file gives them no value or symbol (${d.first.join(", ")}${d.rows > d.first.length ? ", …" : ""}; years ${periodsDropped.join(", ")})${benchmarkRows > 0 ? ` and its ${benchmarkRows} England/region benchmark row(s)` : ""}. Give your figures another id to keep both series, or pass --replace-all to replace the whole series`,
      });
    }
    return { indicator, lasDropped: d.las.size, rowsDropped: d.rows, missingDropped: d.missing, periodsDropped, benchmarkRows };
  });
}

/**
 * What replacing drops, in words: values, and cells with no value but a reason.
 * @example droppedWords(943, 361) // "582 value(s) and 361 cell(s) with no value but a reason (suppressed, not available)"
 */
export function droppedWords(rows: number, missing: number): string {
  return `${rows - missing} value(s)${missing > 0 ? ` and ${missing} cell(s) with no value but a reason (suppressed, not available)` : ""}`;
}
