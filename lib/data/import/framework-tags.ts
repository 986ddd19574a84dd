/**
 * Where imported indicators sit in the Children's Social Care National Framework (role and area): the
 * domain's default, with the exceptions listed here for the official (EES/SFR) indicators.
 */
import { defaultFrameworkTags, type FrameworkTags } from "../framework";
import type { Domain } from "../types";

/**
 * Framework tags of imported indicators where the domain's default ({@link defaultFrameworkTags}) is not the
 * right place: activity levels are context (they describe need and thresholds), repeat referrals and plans
 * are practice, placements and school moves are stability, care leavers' outcomes are leaving-care.
 */
export const FRAMEWORK_OVERRIDES: Readonly<Record<string, FrameworkTags>> = Object.freeze({
  cin_referrals_count: { framework_role: "context", framework_area: "need" },
  cin_referrals_rate_per_10k: { framework_role: "context", framework_area: "need" },
  cin_at31_count: { framework_role: "context", framework_area: "need" },
  cin_rate_per_10k: { framework_role: "context", framework_area: "need" },
  cpp_at31_count: { framework_role: "context", framework_area: "need" },
  cpp_rate_per_10k: { framework_role: "context", framework_area: "need" },
  cla_rate_per_10k: { framework_role: "context", framework_area: "need" },
  cin_rereferral_pct: { framework_role: "practice", framework_area: "family-help" },
  cpp_second_time_pct: { framework_role: "practice", framework_area: "safety" },
  cpp_2years_plus_pct: { framework_role: "practice", framework_area: "safety" },
  cla_returned_home_planned_pct: { framework_role: "practice", framework_area: "family-help" },
  care_leavers_eet_19_21_pct: { framework_role: "child-outcome", framework_area: "leaving-care" },
  care_leavers_suitable_accom_19_21_pct: { framework_role: "child-outcome", framework_area: "leaving-care" },
  care_leavers_eet_19_pct: { framework_role: "child-outcome", framework_area: "leaving-care" },
  care_leavers_suitable_accom_19_pct: { framework_role: "child-outcome", framework_area: "leaving-care" },
  cla_convicted_pct: { framework_role: "child-outcome", framework_area: "safety" },
  cla_3plus_placements_pct: { framework_role: "child-outcome", framework_area: "stability" },
  cla_long_term_stability_pct: { framework_role: "child-outcome", framework_area: "stability" },
  cla_school_moves_pct: { framework_role: "child-outcome", framework_area: "stability" },
  cla_school_midyear_moves_pct: { framework_role: "child-outcome", framework_area: "stability" },
  cla_school_moves_2yr_pct: { framework_role: "child-outcome", framework_area: "stability" },
});

/**
 * Framework tags of an imported indicator: {@link FRAMEWORK_OVERRIDES}, else the default of its domain.
 * @example
 * frameworkTagsFor("cla_ks4_attainment8", "child-education") // { framework_role: "child-outcome", framework_area: "education" }
 * frameworkTagsFor("cla_rate_per_10k", "reaching-children")  // { framework_role: "context", framework_area: "need" }
 */
export function frameworkTagsFor(indicator: string, domain: Domain): FrameworkTags {
  const o = FRAMEWORK_OVERRIDES[indicator];
  return o !== undefined ? { ...o } : defaultFrameworkTags(domain);
}
