/**
 * Demand and need measures as context variables. context.csv holds deprivation and population; the measures of
 * demand (children in need, child protection plans, looked-after children, referrals per 10,000 children) are
 * indicators the catalogue tags `framework_role = context`: never screened, and until now never allowed for either,
 * although the question is which indicators go with better outcomes once deprivation *and demand* are allowed for.
 *
 * {@link withIndicatorContext} gives a package whose context table also holds the named context-role indicators'
 * published values (one context row per LA-period with a value; suppressed and missing values stay out, so an LA
 * without one is left out of an adjusted analysis and named, as an LA without IDACI is). Every command then reads
 * them by the same context rule as IDACI (the LA's row period, else the nearest). Only context-role indicators are
 * accepted: allowing for a practice or outcome indicator would adjust away the association under study.
 */
import { InputError } from "../errors";
import { didYouMean } from "../suggest";
import { tableFromColumns } from "../data/package";
import type { CatalogueRow, DataPackage } from "../data/types";

/** The framework role of the catalogue's indicators that can be allowed for (need, demand, size). */
export const CONTEXT_ROLE = "context";

/**
 * The package's indicators that `--context` may name besides context.csv's variables (context-role indicators
 * with at least one value), sorted.
 * @example contextRoleIndicators(pkg) // ["cin_rate_per_10k", "cla_rate_per_10k", …]
 */
export function contextRoleIndicators(pkg: DataPackage): string[] {
  const role = new Set((pkg.catalogue.objects() as unknown as CatalogueRow[]).filter((c) => c.framework_role === CONTEXT_ROLE).map((c) => c.indicator));
  const ids = pkg.indicators.array("indicator") as string[];
  const values = pkg.indicators.array("value") as (number | null)[];
  const found = new Set<string>();
  for (let r = 0; r < ids.length; r++) if (values[r] !== null && role.has(ids[r])) found.add(ids[r]);
  return [...found].sort();
}

/**
 * The package with each named variable that is not in context.csv but is a context-role indicator added to its
 * context table (variable = the indicator id, its published values by LA and period). Variables already in
 * context.csv are left as they are; the package is returned unchanged when nothing is added.
 * `noneAllowed`: whether the error may offer "none" (no adjustment); holdout, which needs a context, passes false.
 * @throws InputError naming the variable when it is neither in context.csv nor a context-role indicator with values
 * @example
 * const pkg2 = withIndicatorContext(pkg, ["idaci_score", "cin_rate_per_10k"]);
 * buildAnalysisFrame(pkg2, { context: ["idaci_score", "cin_rate_per_10k"], link });
 */
export function withIndicatorContext(pkg: DataPackage, variables: readonly string[], origin = "--context", noneAllowed = true): DataPackage {
  const inContext = new Set(pkg.context.array("variable") as string[]);
  const wanted = variables.filter((v) => !inContext.has(v));
  if (wanted.length === 0) return pkg;
  const allowed = contextRoleIndicators(pkg);
  for (const v of wanted) {
    if (!allowed.includes(v)) {
      const catalogue = (pkg.catalogue.objects() as unknown as CatalogueRow[]).find((c) => c.indicator === v);
      const why = catalogue === undefined
        ? "not a context variable nor an indicator of this package"
        : catalogue.framework_role === CONTEXT_ROLE
          ? "a context indicator with no values in this package"
          : `an indicator whose framework role is "${catalogue.framework_role || "none"}", not context: allowing for it would adjust away what is being studied`;
      throw new InputError(origin, `${why}${didYouMean(v, [...inContext, ...allowed])} (context variables: ${[...inContext].sort().join(", ") || "none"}; need and demand indicators: ${allowed.join(", ") || "none"}${noneAllowed ? `; "none" for no adjustment` : ""})`, v);
    }
  }
  const take = new Set(wanted);
  const names = pkg.context.columnNames();
  const columns: Record<string, unknown[]> = Object.fromEntries(names.map((n) => [n, Array.from(pkg.context.array(n) as ArrayLike<unknown>)]));
  const la = pkg.indicators.array("la_code") as string[];
  const period = pkg.indicators.array("period") as number[];
  const id = pkg.indicators.array("indicator") as string[];
  const value = pkg.indicators.array("value") as (number | null)[];
  for (let r = 0; r < id.length; r++) {
    if (!take.has(id[r]) || value[r] === null) continue;
    const row: Record<string, unknown> = { la_code: la[r], period: period[r], variable: id[r], value: value[r] };
    for (const n of names) columns[n].push(row[n] ?? null);
  }
  return { ...pkg, context: tableFromColumns(columns) };
}

/**
 * Refuse a variable that is both allowed for and studied (screened, or the outcome): adjusting an association for
 * one of its own two variables leaves nothing to measure (the partial correlation of a variable with itself given
 * itself is undefined), and the run would report that as "not testable" rather than say what went wrong.
 * @throws InputError naming the variable
 * @example refuseContextStudied(["cin_rate_per_10k"], ["cin_rate_per_10k"]) // throws: allowed for and studied at once
 */
export function refuseContextStudied(context: readonly string[], studied: readonly string[], origin = "--context"): void {
  const both = context.find((v) => studied.includes(v));
  if (both !== undefined) throw new InputError(origin, "is allowed for and also screened or the outcome: an association cannot be adjusted for one of its own variables (leave it out of --indicators, or allow for another measure)", both);
}
