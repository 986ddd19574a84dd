/**
 * Which candidate indicators may not be screened against an outcome indicator (a continuous outcome), for
 * every command that takes one: `analyse` (lib/vitals/frame.ts), `panel` and `holdout` (lib/vitals/panel.ts).
 * The outcome itself and every other child outcome of the same framework area are left out — that set holds the
 * same measure from another source (LAIT), its complement (care leavers NEET against EET) and other cohorts of
 * it (EET at 19 against 19–21), which would "predict" the outcome by construction.
 */
import { InputError } from "../errors";
import type { CatalogueRow } from "../data/types";

/** The candidate-exclusion rule in words (written into results.json, panel.json and holdout.json). */
export const OUTCOME_EXCLUSION_RULE =
  "left out of the candidates: the outcome itself, and every indicator tagged child-outcome in the outcome's framework area " +
  "(the same measure from another source, its complement or another cohort of it would predict the outcome by construction)";

/** One candidate left out, and why. */
export interface CandidateExclusion {
  indicator: string;
  reason: string;
}

/** The words of the error when the exclusions leave no candidate. */
export const NO_CANDIDATE_LEFT = "no candidate indicator is left once the outcome and its own measures are left out";

/**
 * The exclusions a command records: all of them, or, when the candidates were listed (`--indicators`), those it listed.
 * @example recordedExclusions(candidateExclusions(catalogue, "care_leavers_eet_19_21_pct"), ["lait_careleaversneet", "csww_caseload"]) // [{ indicator: "lait_careleaversneet", … }]
 */
export function recordedExclusions(exclusions: readonly CandidateExclusion[], listed: readonly string[] | undefined): CandidateExclusion[] {
  const inList = listed ? new Set(listed) : null;
  return exclusions.filter((e) => !inList || inList.has(e.indicator));
}

/**
 * The exclusions as results.json, panel.json and holdout.json write them.
 * @example exclusionsJson({ rule: OUTCOME_EXCLUSION_RULE, excluded: [] }) // { exclusion_rule: "left out of the candidates: …", excluded_candidates: [] }
 */
export function exclusionsJson(exclusions: { rule: string; excluded: readonly CandidateExclusion[] }): { exclusion_rule: string; excluded_candidates: CandidateExclusion[] } {
  return { exclusion_rule: exclusions.rule, excluded_candidates: exclusions.excluded.map((e) => ({ indicator: e.indicator, reason: e.reason })) };
}

/**
 * The candidate indicators that may not be screened against an outcome indicator, by {@link OUTCOME_EXCLUSION_RULE}.
 * @param catalogue catalogue rows (their framework tags; untagged rows are never excluded unless they are the outcome)
 * @example
 * candidateExclusions(catalogue, "care_leavers_eet_19_21_pct").map((e) => e.indicator)
 * // ["care_leavers_eet_19_21_pct", "care_leavers_suitable_accom_19_21_pct", …, "lait_careleaversneet"]
 */
export function candidateExclusions(catalogue: readonly CatalogueRow[], outcome: string): CandidateExclusion[] {
  const row = catalogue.find((c) => c.indicator === outcome);
  if (row === undefined) throw new InputError("candidateExclusions", "outcome must be an indicator of the catalogue", outcome);
  const area = row.framework_area || "";
  const out: CandidateExclusion[] = [];
  for (const c of catalogue) {
    if (c.indicator === outcome) out.push({ indicator: c.indicator, reason: "the outcome itself" });
    else if (area !== "" && c.framework_role === "child-outcome" && c.framework_area === area) {
      out.push({ indicator: c.indicator, reason: `another child outcome of the outcome's framework area (${area})` });
    }
  }
  return out;
}
