/**
 * Plain names for the ids a report would otherwise print: outcomes (outcomes.csv carries grade labels per
 * judgement but no name for the outcome itself), context variables (context.csv has ids only) and the grades
 * of Ofsted's four-point scale. One table per kind; an id not in a table is printed as it is.
 */
import { OUTCOME_GRADE_RANGE } from "../data/schema";

/**
 * Names of the outcome ids the importers write (lib/data/import/ofsted-ods.ts: the ILACS and SIF columns of
 * Ofsted's "LA inspection outcomes" workbooks) and of the synthetic dataset's outcome (lib/data/synthetic-params.ts).
 */
export const OUTCOME_LABELS: Readonly<Record<string, string>> = Object.freeze({
  ofsted_ilacs_overall: "Ofsted overall effectiveness (ILACS)",
  ofsted_ilacs_leadership: "Ofsted: impact of leaders on social work practice (ILACS)",
  ofsted_ilacs_help_protection: "Ofsted: experiences and progress of children who need help and protection (ILACS)",
  ofsted_ilacs_in_care: "Ofsted: experiences and progress of children in care (ILACS)",
  ofsted_ilacs_care_leavers: "Ofsted: experiences and progress of care leavers (ILACS)",
  ofsted_sif_overall: "Ofsted overall judgement (SIF)",
  ofsted_sif_help_protection: "Ofsted: children who need help and protection (SIF)",
  ofsted_sif_looked_after: "Ofsted: children looked after and achieving permanence (SIF)",
  ofsted_sif_adoption: "Ofsted: adoption performance (SIF)",
  ofsted_sif_care_leavers: "Ofsted: experiences and progress of care leavers (SIF)",
  ofsted_sif_leadership: "Ofsted: leadership, management and governance (SIF)",
  ofsted_sif_lscb: "Ofsted: LSCB overall effectiveness (SIF)",
  ofsted_overall: "Ofsted-style overall effectiveness (synthetic)",
});

/** Names of the context variables the importers and the synthetic generator write (context.csv `variable`). */
export const CONTEXT_LABELS: Readonly<Record<string, string>> = Object.freeze({
  idaci_score: "deprivation (IDACI score)",
  idaci_rank: "deprivation (IDACI rank)",
  imd_score: "deprivation (IMD score)",
  imd_rank: "deprivation (IMD rank)",
  child_population_0_17: "child population (0–17)",
  child_population: "child population",
  cin_rate_per_10k: "children in need per 10,000 children",
});

/** The plain grade names of Ofsted's four-point scale (lib/data/schema.ts OUTCOME_GRADE_LABELS, 1 best). */
export const GRADE_LABELS: Readonly<Record<number, string>> = Object.freeze({
  1: "Outstanding",
  2: "Good",
  3: "Requires improvement to be good",
  4: "Inadequate",
});

/**
 * The name of an outcome id, or the id itself when the table does not know it.
 * @example outcomeLabel("ofsted_ilacs_overall") // "Ofsted overall effectiveness (ILACS)"
 */
export function outcomeLabel(id: string): string {
  return Object.prototype.hasOwnProperty.call(OUTCOME_LABELS, id) ? OUTCOME_LABELS[id] : id;
}

/**
 * The name of a context variable, or the id itself.
 * @example contextLabel("idaci_score") // "deprivation (IDACI score)"
 */
export function contextLabel(id: string): string {
  return Object.prototype.hasOwnProperty.call(CONTEXT_LABELS, id) ? CONTEXT_LABELS[id] : id;
}

/**
 * The plain name of a grade: the scale's name for a whole grade 1–4, else the published label without the
 * note an importer appends (" [ILACS Short Inspection; inspected 2024-03-18]"), else the number.
 * @example gradeLabel(1, "Outstanding [ILACS Short Inspection; inspected 2024-03-18]") // "Outstanding"
 */
export function gradeLabel(value: number, publishedLabel = ""): string {
  if (Number.isInteger(value) && value >= OUTCOME_GRADE_RANGE.best && value <= OUTCOME_GRADE_RANGE.worst) return GRADE_LABELS[value];
  const plain = publishedLabel.replace(/\s*\[[^\]]*\]\s*$/, "").trim();
  return plain || String(value);
}
