/**
 * A value column whose name reads as a count ("No. of FGCs", "Number of visits", "meetings_count") but whose unit is a
 * share or rate: one `--unit percent` applies to every column of a file, and a user trial's `No. of FGCs` was added as a
 * percentage beside a re-referral rate without a word (r26). Its values may well be 0–100, so no range check
 * catches it: `add` warns, and adds it.
 */
import { normaliseHeader } from "./read-table";
import type { CatalogueRow } from "../types";

/** Units a count is not measured in: a share, a rate or a ratio of two counts. */
const NOT_COUNT_UNITS: ReadonlySet<string> = new Set(["percent", "rate_per_10k", "ratio"]);

/** Words of a normalised header that make it a count (at its start, or alone at its end). */
const COUNT_START = /^(no|number|num|nr|count|total|n)_(of_)?[a-z]/;
const COUNT_END = /_(count|number|total)$/;
/** Words that make a header a share or rate whatever it starts with ("Number of children per 10,000", "n_pct"). */
const SHARE_WORDS = /(^|_)(pct|percent|percentage|rate|per|ratio|share|proportion|prop|avg|average|mean|median)(_|$)/;

/**
 * Whether a column name reads as a count: starts "No. of", "Number of", "Count of", "Total" or ends "count", "number",
 * "total", with no word of a share or rate in it.
 * @example
 * headerReadsAsCount("No. of FGCs") // true
 * headerReadsAsCount("Number of children per 10,000") // false
 * headerReadsAsCount("Re-referral rate (%)") // false
 */
export function headerReadsAsCount(header: string): boolean {
  const h = normaliseHeader(header);
  return (COUNT_START.test(h) || COUNT_END.test(h)) && !SHARE_WORDS.test(h);
}

/**
 * The warning for an indicator whose column name reads as a count ({@link headerReadsAsCount}) but whose unit is
 * percent, rate_per_10k or ratio, or undefined.
 * @example
 * countHeaderWarning("no_of_fgcs", "No. of FGCs", "percent")
 * // 'no_of_fgcs (column "No. of FGCs"): its name reads as a count, but its unit is percent: if it counts, give it the unit count …'
 */
export function countHeaderWarning(id: string, column: string, unit: string): string | undefined {
  if (!NOT_COUNT_UNITS.has(unit) || !headerReadsAsCount(column)) return undefined;
  return `${id} (column "${column}"): its name reads as a count, but its unit is ${unit}: if it counts, give it the unit count ` +
    `(--unit applies to every column of the file: give each column's unit in a --meta sidecar)`;
}

/**
 * The {@link countHeaderWarning}s of a file's new indicators, in catalogue order.
 * @param headers - indicator id → the column (or long table's indicator name) it came from
 */
export function countHeaderWarnings(catalogue: readonly CatalogueRow[], headers: ReadonlyMap<string, string>): string[] {
  return catalogue.flatMap((c) => countHeaderWarning(c.indicator, headers.get(c.indicator) ?? c.indicator, c.unit) ?? []);
}
