/**
 * Framework tags of catalogue indicators: their role (child outcome, practice, enabler, context) and area
 * (safety, education, stability, …) in the 2019 outcomes framework (La Valle et al. 2019) and the Children's
 * Social Care National Framework (DfE 2023). The vocabulary is in types.ts ({@link FRAMEWORK_ROLES},
 * {@link FRAMEWORK_AREAS}); this file gives the default tags of a domain and selects indicators by tag, so a
 * user can take "all child outcomes" as outcomes and "all practice and enablers" as candidate indicators.
 */
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";
import { FRAMEWORK_AREAS, FRAMEWORK_ROLES, type Domain, type FrameworkArea, type FrameworkRole } from "./types";

/** An indicator's two tags. */
export interface FrameworkTags {
  framework_role: FrameworkRole;
  framework_area: FrameworkArea;
}

/**
 * The tags an indicator of a domain gets unless the importer's table says otherwise (the documented default
 * rule; importers override it where an indicator's domain and its role differ, e.g. repeat plans are
 * practice, care leavers' outcomes are leaving-care).
 */
export const FRAMEWORK_TAGS_BY_DOMAIN: Readonly<Record<Domain, FrameworkTags>> = Object.freeze({
  "conditions-and-culture": { framework_role: "enabler", framework_area: "resources" },
  "reaching-children": { framework_role: "practice", framework_area: "family-help" },
  "valued-and-involved": { framework_role: "practice", framework_area: "family-help" },
  "child-safe": { framework_role: "child-outcome", framework_area: "safety" },
  "child-wellbeing": { framework_role: "child-outcome", framework_area: "health-wellbeing" },
  "child-education": { framework_role: "child-outcome", framework_area: "education" },
  workforce: { framework_role: "enabler", framework_area: "workforce" },
  context: { framework_role: "context", framework_area: "need" },
});

/**
 * Default framework tags of a domain ({@link FRAMEWORK_TAGS_BY_DOMAIN}).
 * @example
 * defaultFrameworkTags("child-education") // { framework_role: "child-outcome", framework_area: "education" }
 */
export function defaultFrameworkTags(domain: Domain): FrameworkTags {
  const tags = FRAMEWORK_TAGS_BY_DOMAIN[domain];
  if (tags === undefined) throw new InputError("defaultFrameworkTags", "domain must be one of the catalogue domains", domain);
  return { ...tags };
}

/** Catalogue rows as plain objects or a loaded package's catalogue table. */
export type CatalogueLike = ColumnTable | readonly { indicator: string; framework_role?: string; framework_area?: string }[];

function rowsOf(catalogue: CatalogueLike): readonly { indicator: string; framework_role?: string; framework_area?: string }[] {
  return Array.isArray(catalogue) ? catalogue : ((catalogue as ColumnTable).objects() as { indicator: string; framework_role?: string; framework_area?: string }[]);
}

/**
 * Ids of the catalogue indicators with the given role and/or area (both, when both are given), in catalogue
 * order. Untagged indicators (older packages) match neither.
 * @throws InputError for a role or area outside the vocabulary, or when neither is given
 * @example
 * selectIndicatorsByTag(pkg.catalogue, { role: "child-outcome", area: "education" }) // ["cla_ks4_attainment8", …]
 */
export function selectIndicatorsByTag(catalogue: CatalogueLike, tags: { role?: FrameworkRole; area?: FrameworkArea }): string[] {
  const fn = "selectIndicatorsByTag";
  if (tags.role === undefined && tags.area === undefined) throw new InputError(fn, "give a role, an area or both", "neither");
  if (tags.role !== undefined && !FRAMEWORK_ROLES.includes(tags.role)) throw new InputError(fn, `role must be one of ${FRAMEWORK_ROLES.join(", ")}`, tags.role);
  if (tags.area !== undefined && !FRAMEWORK_AREAS.includes(tags.area)) throw new InputError(fn, `area must be one of ${FRAMEWORK_AREAS.join(", ")}`, tags.area);
  return rowsOf(catalogue)
    .filter((c) => (tags.role === undefined || c.framework_role === tags.role) && (tags.area === undefined || c.framework_area === tags.area))
    .map((c) => c.indicator);
}

/**
 * Ids of the catalogue indicators with one role (or any of several roles), in catalogue order.
 * @example
 * indicatorsWithRole(pkg.catalogue, "child-outcome")            // the outcomes
 * indicatorsWithRole(pkg.catalogue, ["practice", "enabler"])    // the candidate indicators
 */
export function indicatorsWithRole(catalogue: CatalogueLike, role: FrameworkRole | readonly FrameworkRole[]): string[] {
  const roles = typeof role === "string" ? [role] : role;
  if (roles.length === 0) throw new InputError("indicatorsWithRole", "give at least one role", "[]");
  const wanted = new Set(roles.flatMap((r) => selectIndicatorsByTag(catalogue, { role: r })));
  return rowsOf(catalogue).map((c) => c.indicator).filter((id) => wanted.has(id));
}

/**
 * Ids of the catalogue indicators in one National Framework area, in catalogue order.
 * @example
 * indicatorsWithArea(pkg.catalogue, "stability") // ["cla_3plus_placements_pct", "cla_school_moves_pct", …]
 */
export function indicatorsWithArea(catalogue: CatalogueLike, area: FrameworkArea): string[] {
  return selectIndicatorsByTag(catalogue, { area });
}

/**
 * The rule {@link screenedByDefault} applies, in words (results.json and the reports state it). It said "need, demand
 * and size are allowed for, not screened", which is false of a run with `--context none` and of demand in the default
 * run (only deprivation is allowed for unless `--context` names more): what is allowed for is the run's context.
 */
export const DEFAULT_CANDIDATE_RULE =
  "every indicator not tagged context, and no count of a child outcome: need, demand and size are not screened, and are allowed for only when named as context";

/** The candidate rule in words when the caller lists the indicators (`--indicators`). */
export const LISTED_CANDIDATE_RULE = "the indicators listed (--indicators), whatever their framework tags";

/**
 * Which indicators a command screens, in words (results.json, panel.json and holdout.json `candidate_rule`): the
 * ones listed, or {@link DEFAULT_CANDIDATE_RULE}.
 * @example candidateRule(undefined) // DEFAULT_CANDIDATE_RULE
 */
export function candidateRule(listed: readonly string[] | undefined): string {
  return listed ? LISTED_CANDIDATE_RULE : DEFAULT_CANDIDATE_RULE;
}

/**
 * Whether a catalogue row is screened as a candidate indicator when the user lists none: not tagged context, and
 * not a count tagged child-outcome. A need or demand indicator (the share of children starting care who are
 * unaccompanied asylum seekers, care applications per 10,000) went with Ofsted grades in the official package and
 * was reported as a vital sign; it is context to allow for (`--context`), not a lever. A count of a child outcome
 * (care leavers in education, employment or training) is its rate's numerator and grows with the LA's size, as
 * `--outcomes child` leaves it out of the outcomes. A catalogue without tags (an older package) falls back to the
 * domain.
 * @example
 * screenedByDefault({ domain: "child-wellbeing", framework_role: "context", unit: "percent" }) // false
 * screenedByDefault({ domain: "child-wellbeing", framework_role: "child-outcome", unit: "count" }) // false
 * screenedByDefault({ domain: "workforce", framework_role: "enabler", unit: "ratio" })         // true
 * screenedByDefault({ domain: "workforce", unit: "ratio" })                                     // true (untagged: by domain)
 */
export function screenedByDefault(row: { domain: string; framework_role?: string; unit?: string }): boolean {
  if (!row.framework_role) return row.domain !== "context";
  return row.framework_role !== "context" && !(row.framework_role === "child-outcome" && row.unit === "count");
}
