/**
 * What replacing an indicator drops. `add --replace` replaces an indicator whole: its catalogue row, every LA's
 * rows and its England/region benchmarks. An LA analyst who put one council's SSDA903 return (`vital-signs
 * returns`, official ids) into the official package that way lost `cla_3plus_placements_pct` for every other LA
 * (1,061 rows → 2) and its benchmarks, exit 0, the only word "replaces the package's". A replacement that would drop
 * the values of LAs the file does not give is now refused unless the whole series is to go (`--replace-all`).
 */
import type { DataError } from "../../errors";
import type { DataPackage } from "../types";
import { addError } from "./capped-errors";

/** What replacing one indicator removes beyond the rows the file gives again. */
export interface ReplacementDrop {
  indicator: string;
  /** LAs with a value in the package that the file gives no row for, and their value rows. */
  lasDropped: number;
  rowsDropped: number;
  /** England and region rows of benchmarks.csv removed with it. */
  benchmarkRows: number;
}

/**
 * For each replaced indicator, what goes with it; an error for each that drops other LAs' values unless `replaceAll`.
 * @param givenLas - per replaced indicator, the LAs the file gives a row for
 * @example
 * replacementDrops(pkg, ["cla_3plus_placements_pct"], new Map([["cla_3plus_placements_pct", new Set(["E08000035"])]]), false, "ret/indicators.csv", errors)
 * // [{ indicator: "cla_3plus_placements_pct", lasDropped: 152, rowsDropped: 1059, benchmarkRows: 14 }] and an error
 */
export function replacementDrops(
  pkg: DataPackage, replaced: readonly string[], givenLas: ReadonlyMap<string, ReadonlySet<string>>, replaceAll: boolean, file: string, errors: DataError[],
): ReplacementDrop[] {
  if (replaced.length === 0) return [];
  const wanted = new Set(replaced);
  const none: ReadonlySet<string> = new Set();
  const given = new Map(replaced.map((id) => [id, givenLas.get(id) ?? none]));
  const dropped = new Map<string, { las: Set<string>; rows: number; names: string[] }>(replaced.map((id) => [id, { las: new Set<string>(), rows: 0, names: [] }]));
  const ids = pkg.indicators.array("indicator") as string[];
  const las = pkg.indicators.array("la_code") as string[];
  const values = pkg.indicators.array("value") as (number | null)[];
  for (let k = 0; k < ids.length; k++) {
    if (!wanted.has(ids[k]) || values[k] === null || given.get(ids[k])!.has(las[k])) continue;
    const d = dropped.get(ids[k])!;
    d.rows++;
    d.las.add(las[k]);
  }
  const benchmarkIds = (pkg.benchmarks?.array("indicator") ?? []) as string[];
  return replaced.map((indicator) => {
    const d = dropped.get(indicator)!;
    const benchmarkRows = benchmarkIds.filter((id) => id === indicator).length;
    if (d.las.size > 0 && !replaceAll) {
      const example = [...d.las].slice(0, 3).join(", ");
      addError(errors, {
        file, column: indicator, value: indicator,
        expected: `a file giving every LA the package has values of ${indicator} for: replacing it would drop ${d.rows} value(s) of ${d.las.size} LA(s) your file does not give (${example}${d.las.size > 3 ? ", …" : ""})${benchmarkRows > 0 ? ` and its ${benchmarkRows} England/region benchmark row(s)` : ""}. Give your figures another id to keep both series, or pass --replace-all to replace the whole series`,
      });
    }
    return { indicator, lasDropped: d.las.size, rowsDropped: d.rows, benchmarkRows };
  });
}
