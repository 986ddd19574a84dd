/**
 * Which columns of a table are a share of which denominator column, for the disclosure scanner's rule that a
 * percentage beside its denominator gives its numerator back (./percentage-counts.ts). A hostile review passed the
 * wide form a pivot of a package's indicators.csv gives — `cla_pct` beside `cla_denominator`, `x_pct` beside
 * `x_pct_denominator` — a proportion 0.025 beside `denominator` 120, and a rate beside its denominator: only a
 * column named exactly denominator, n, respondents, total or size was a denominator, and only percentages were read.
 */
import { normalisedName } from "./field-names";

/** A share column and the denominator it is of: `per` 100 for a percentage, 1 for a proportion, 10,000 for a rate per 10k. */
export interface ShareColumn {
  column: number;
  denominatorColumn: number;
  per: number;
}

/** Names of a percentage column (a share of its denominator). */
export const PERCENT_NAME_RE = /^(value|pct|percent|percentage|share|rate_pct)$|(_pct|_percent|_percentage|_share)$|^(pct|percent)_/i;
/** Names of a proportion 0–1. */
export const PROPORTION_NAME_RE = /^(proportion|prop)$|_(proportion|prop)$|^proportion_/i;
/** Names of a rate, with what it is per. */
const RATE_NAME_RES: readonly (readonly [RegExp, number])[] = [
  [/per_?(10k|10000|10_000)$/i, 10000],
  [/per_?(1k|1000|1_000)$/i, 1000],
  [/per_?(100k|100000|100_000)$/i, 100000],
];
/** Names of a denominator column of the whole table (normalised). */
export const GENERIC_DENOMINATOR_NAMES: readonly string[] = ["denominator", "n", "respondents", "nrespondents", "total", "size"];
/** Suffixes of a share column's own denominator: `<id>_denominator`, `<id>_den`. */
const OWN_DENOMINATOR_SUFFIXES = ["_denominator", "_den"];

/** What a share column's values are per (100, 1, 10,000 …), or undefined when the name says it is no share. */
function perOfName(name: string, percentIndicators: ReadonlySet<string> | undefined, ratioIndicators: ReadonlySet<string> | undefined): number | undefined {
  const t = name.trim();
  if (ratioIndicators?.has(t)) return 1;
  if (PERCENT_NAME_RE.test(t) || percentIndicators?.has(t)) return 100;
  if (PROPORTION_NAME_RE.test(t)) return 1;
  return RATE_NAME_RES.find(([re]) => re.test(t))?.[1];
}

/**
 * The share columns of a table with their denominators: a column named as a percentage, proportion or rate (or the
 * column of an indicator of unit percent, as a pivot of indicators.csv names it) is a share of its own denominator
 * `<name>_denominator` (or of its stem's: `cla_pct` → `cla_denominator`) when there is one, else of the table's
 * denominator column (`denominator`, `n`, …; `isAnalysisN` leaves out the n of a statistic).
 * @example
 * shareColumns(["la_code", "cla_pct", "cla_denominator"], () => false).map((s) => [s.column, s.denominatorColumn, s.per]) // [[1, 2, 100]]
 */
export function shareColumns(header: readonly string[], isAnalysisN: (name: string) => boolean, percentIndicators?: ReadonlySet<string>, ratioIndicators?: ReadonlySet<string>): ShareColumn[] {
  const lower = header.map((h) => h.trim().toLowerCase());
  const generic = header.findIndex((h) => GENERIC_DENOMINATOR_NAMES.includes(normalisedName(h)) && !isAnalysisN(h));
  const shares: ShareColumn[] = [];
  header.forEach((h, column) => {
    const per = perOfName(h, percentIndicators, ratioIndicators);
    if (per === undefined || column === generic) return;
    const name = lower[column];
    const stem = name.replace(/_(pct|percent|percentage|share|proportion|prop|rate)$|_(rate_)?per_?\w+$/, "");
    const own = OWN_DENOMINATOR_SUFFIXES.flatMap((s) => [name + s, stem + s]).map((n) => lower.indexOf(n)).find((k) => k >= 0 && k !== column);
    const denominatorColumn = own ?? generic;
    if (denominatorColumn >= 0) shares.push({ column, denominatorColumn, per });
  });
  return shares;
}
