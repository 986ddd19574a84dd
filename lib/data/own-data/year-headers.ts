/**
 * Column headers of a researcher's table that are years: a table with one column per year (`la_name,2022,2023,2024`), as
 * LAIT and many LA returns lay a single indicator out. `add` reads a wide table's value columns as indicators, so such
 * a table had become three made-up indicators `x_2022`, `x_2023`, `x_2024`, every one dated the `--period` given (a
 * user trial, r26 S2-1): the 2022 and 2023 values stored as 2024, and the command exiting 0.
 */
import { parsePeriodCell } from "../periods";
import { joinWords } from "../../join-words";
import type { DataErrorLocation } from "../../errors";

/** Years a header may name: the package's periods are years of the 2010s and 2020s; a header "1000" or "5000" is a number, not a year. */
const HEADER_YEARS = { minimum: 1990, maximum: 2100 } as const;

/**
 * The year ending March a column header names, or undefined when it names none: `2024`, `2023-24`, `2023/24`, `2023-2024`,
 * `202324` ({@link parsePeriodCell}), with a prefix `FY`, `Year` or `Financial year` (`FY2024`, `FY 2023/24`, `Year
 * 2024`).
 * @example
 * headerYear("2022-23") // 2023
 * headerYear("FY2022") // 2022
 * headerYear("fgc_per_1000") // undefined
 */
export function headerYear(header: string): number | undefined {
  const bare = header.trim().replace(/^(fy|financial\s+year|year)[\s_:-]*/i, "");
  const year = parsePeriodCell(bare);
  return year !== undefined && year >= HEADER_YEARS.minimum && year <= HEADER_YEARS.maximum ? year : undefined;
}

/**
 * Why a wide table's value columns that are years cannot be added as they are, or undefined when none is a year. One
 * such column is accepted when it is the table's only value column and both the indicator id and the period are given,
 * the period being the column's year (one year of a table with years as columns, saved apart): the id then does not
 * come from the year, and the values are dated as their header says.
 * @param headers - the headers of the table's value columns, in order
 * @param given - the `--indicator` and `--period` options
 * @example
 * yearColumnsProblem(["2022", "2023"], {}) // 'one column per indicator: columns "2022" and "2023" are years: each would be added …'
 * yearColumnsProblem(["2024"], { indicator: "fgc_pct", period: 2023 }) // 'one column per indicator: column "2024" is a year: … --period 2023 would date its values 2023. …'
 * yearColumnsProblem(["2024"], { indicator: "fgc_pct", period: 2024 }) // undefined
 */
export function yearColumnsProblem(headers: readonly string[], given: { indicator?: string; period?: number }): string | undefined {
  const years = headers.filter((h) => headerYear(h) !== undefined);
  if (years.length === 0) return undefined;
  if (headers.length === 1 && given.indicator !== undefined && given.period === headerYear(headers[0])) return undefined;
  const quoted = years.slice(0, 5).map((h) => `"${h}"`);
  const listed = years.length > 5 ? `${quoted.join(", ")} and ${years.length - 5} more` : joinWords(quoted);
  const first = years[0];
  const one = years.length === 1;
  const datedAs = given.period === undefined ? "" : `, and --period ${given.period} would date ${one ? "its values" : "every one of them"} ${given.period}`;
  const what = one ? `column ${listed} is a year: it would be added as an indicator named after the year` : `columns ${listed} are years: each would be added as an indicator of its own, named after its year`;
  return (
    `one column per indicator: ${what}${datedAs}. ` +
    `Reshape the table to one row per LA and year (la_name, period, value; in Excel, Power Query's Unpivot Columns) and add it with --indicator ID; ` +
    `or, for one year only, keep the LA column and that year's column and add it with --indicator ID --period ${headerYear(first)}`
  );
}

/**
 * {@link yearColumnsProblem} as an error of the header row naming the first column that is a year, or undefined.
 * @example yearColumnsError("w.csv", ["2022", "2023"], {})?.column // "2022"
 */
export function yearColumnsError(file: string, headers: readonly string[], given: { indicator?: string; period?: number }): DataErrorLocation | undefined {
  const expected = yearColumnsProblem(headers, given);
  const first = headers.find((h) => headerYear(h) !== undefined);
  return expected === undefined ? undefined : { file, row: 0, column: first, value: first, expected };
}
