/**
 * A continuous outcome for the analysis: any indicator of the package (e.g. KS4 Attainment 8 of looked-after
 * children, care leavers 19–21 in education, employment or training) instead of an Ofsted grade.
 *
 * - **Link.** The outcome's value per LA in the outcome year T, against the candidate indicators of year
 *   T − K (`lag` K ≥ 0; {@link indicatorOutcomeRule}, rule kind `indicator-year` in lib/context/link.ts).
 * - **Orientation** from the catalogue's polarity: `down` → lower is better; `up` → higher is better; `none`
 *   → taken as higher-is-better and said so (the screen's signs then read "higher outcome").
 * - **Candidates**: the outcome and the other child outcomes of its framework area are left out
 *   (lib/vitals/candidate-exclusions.ts, shared with the panel and the hold-out).
 */
import { InputError } from "../errors";
import type { CatalogueRow, DataPackage, Polarity } from "../data/types";
import type { LinkRule } from "../context/link";
import { nearestIds } from "./panel";
import { columnValues } from "./column-values";

/** The orientation rule in words (written into results.json). */
export const OUTCOME_POLARITY_RULE = "orientation from the catalogue polarity: down = lower is better; up = higher is better; none = higher taken as better";

/**
 * Whether lower values of an outcome indicator are better, from its catalogue polarity ({@link OUTCOME_POLARITY_RULE}).
 * @example lowerIsBetterFromPolarity("down") // true
 */
export function lowerIsBetterFromPolarity(polarity: Polarity): boolean {
  return polarity === "down";
}

/** The years of an indicator with at least one LA value, ascending. */
export function yearsWithValues(pkg: DataPackage, indicator: string): number[] {
  const id = columnValues<string>(pkg.indicators, "indicator");
  const per = columnValues<number>(pkg.indicators, "period");
  const val = columnValues<number | null>(pkg.indicators, "value");
  const years = new Set<number>();
  for (let r = 0; r < id.length; r++) if (id[r] === indicator && val[r] !== null) years.add(per[r]);
  return [...years].sort((a, b) => a - b);
}

/**
 * The link rule of a continuous outcome from the analysis options: outcome year T = `period` + `lag` when the
 * indicator year `period` is given, else the latest year of the outcome whose year T − lag has indicator values.
 * Errors name the command-line option (`--outcome`, `--lag`, `--period`) in place of the function: this resolves those options.
 * @throws InputError when the outcome is not an indicator of the package (with the nearest ids), the lag is
 * negative or not whole, or no year pairs indicators with the outcome at that lag
 * @example indicatorOutcomeRule(pkg, "cla_ks4_attainment8", { lag: 1 }) // { kind: "indicator-year", outcome: "cla_ks4_attainment8", period: 2024, lag: 1 }
 */
export function indicatorOutcomeRule(pkg: DataPackage, outcome: string, options: { lag?: number; period?: number } = {}): LinkRule {
  const catalogue = pkg.catalogue.objects() as unknown as CatalogueRow[];
  const row = catalogue.find((c) => c.indicator === outcome);
  if (row === undefined || row.domain === "context") {
    const ids = [...catalogue.filter((c) => c.domain !== "context").map((c) => c.indicator), ...new Set(pkg.outcomes.array("outcome") as string[])];
    throw new InputError("--outcome", `must be an outcome of outcomes.csv or an indicator of the package; nearest: ${nearestIds(outcome, ids).join(", ")}`, outcome);
  }
  const lag = options.lag ?? 0;
  if (!Number.isInteger(lag) || lag < 0) throw new InputError("--lag", "must be a whole number of years ≥ 0", lag);
  const outcomeYears = yearsWithValues(pkg, outcome);
  if (outcomeYears.length === 0) throw new InputError("--outcome", "has no values in the package", outcome);
  const indicatorPeriods = new Set(pkg.indicators.array("period") as number[]);
  const paired = outcomeYears.filter((t) => indicatorPeriods.has(t - lag));
  const span = `the outcome has years ${outcomeYears[0]}–${outcomeYears[outcomeYears.length - 1]}`;
  if (paired.length === 0) throw new InputError("--lag", `goes beyond the data: ${span}, and no year t − ${lag} before them has indicator values`, lag);
  if (options.period !== undefined) {
    const t = options.period + lag;
    if (!outcomeYears.includes(t)) throw new InputError("--period", `with --lag ${lag} needs the outcome in ${options.period} + ${lag} = ${t}, but ${span} (indicator years that work: ${paired.map((p) => p - lag).join(", ")})`, options.period);
    return { kind: "indicator-year", outcome, period: t, lag };
  }
  return { kind: "indicator-year", outcome, period: paired[paired.length - 1], lag };
}
