/**
 * Outcome families: child outcomes of the official package that measure the same children's same assessment or
 * record — one test's subjects (KS2 reading, writing, maths, grammar), one record's cuts (overall, unauthorised,
 * persistent, severe absence), one questionnaire's bands (SDQ normal, borderline, concern), or the same figure from
 * two sources (EES and LAIT). A screen against several outcomes (`analyse --outcomes`) counts a family once when it
 * says in how many outcomes an indicator holds: four KS2 subjects of the same children are one outcome, not four.
 *
 * The table is declarative and keyed by the catalogue ids the official import writes (lib/data/import); an id in no
 * family (own data, an outcome measured once) is a family of its own. Outcomes of different children (looked after,
 * on a plan, in need) or of different events (missing against away, fixed-period against permanent exclusion,
 * placement moves against school moves) are different families.
 */
import { InputError } from "../errors";

/** One family: its id, what its members measure, and the catalogue ids of its members. */
export interface OutcomeFamily {
  family: string;
  label: string;
  members: readonly string[];
}

/** The families of the official child outcomes (see the module comment). */
export const OUTCOME_FAMILIES: readonly OutcomeFamily[] = Object.freeze([
  { family: "cin-ks2", label: "KS2 attainment of children in need", members: ["cin_ks2_rwm_expected_pct", "lait_cin_ks2_expstd_r", "lait_cin_ks2_expstd_w", "lait_cin_ks2_expstd_m", "lait_cin_ks2_expstd_gps"] },
  {
    family: "cla-ks2", label: "KS2 attainment and progress of looked-after children",
    members: ["cla_ks2_rwm_expected_pct", "lait_lac_ks2_expstd_r", "lait_lac_ks2_expstd_w", "lait_lac_ks2_expstd_m", "lait_lac_ks2_expstd_gps", "lait_lac_ks2_avg_prog8_r", "lait_lac_ks2_avg_prog8_w", "lait_lac_ks2_avg_prog8_m"],
  },
  { family: "cin-ks4", label: "KS4 attainment of children in need", members: ["cin_ks4_attainment8", "cin_ks4_eng_maths_4plus_pct", "cin_ks4_progress8", "lait_cin_engmaths9_5", "lait_cin_engbacentries", "lait_cin_engbacaps"] },
  { family: "cpp-ks4", label: "KS4 attainment of children on a child protection plan", members: ["cpp_ks4_attainment8", "cpp_ks4_progress8"] },
  { family: "cla-ks4", label: "KS4 attainment of looked-after children", members: ["cla_ks4_attainment8", "cla_ks4_eng_maths_4plus_pct", "cla_ks4_progress8"] },
  { family: "cin-absence", label: "school absence of children in need", members: ["cin_overall_absence_pct", "cin_unauthorised_absence_pct", "cin_persistent_absence_pct", "cin_severe_absence_pct", "lait_cinauthab_3term"] },
  { family: "cpp-absence", label: "school absence of children on a child protection plan", members: ["cpp_overall_absence_pct", "cpp_unauthorised_absence_pct", "cpp_persistent_absence_pct", "cpp_severe_absence_pct"] },
  { family: "cla-absence", label: "school absence of looked-after children", members: ["cla_overall_absence_pct", "cla_unauthorised_absence_pct", "cla_persistent_absence_pct", "cla_severe_absence_pct"] },
  { family: "cla-sdq", label: "SDQ scores of looked-after children", members: ["cla_sdq_average", "cla_sdq_normal_pct", "cla_sdq_borderline_pct", "cla_sdq_concern_pct", "lait_emotional_lac"] },
  {
    family: "care-leavers-activity", label: "activity of care leavers (education, employment or training; higher education; not in touch)",
    members: ["care_leavers_eet_19_21_pct", "care_leavers_eet_19_pct", "lait_careleaversneet", "lait_lac_19_he", "lait_careleavers_la_notintouch"],
  },
  { family: "care-leavers-accommodation", label: "accommodation of care leavers", members: ["care_leavers_suitable_accom_19_21_pct", "care_leavers_suitable_accom_19_pct"] },
  { family: "cla-placement-moves", label: "looked-after children with 3 or more placements in the year", members: ["cla_3plus_placements_pct", "lait_lacstable_2016on"] },
  { family: "cla-long-term-stability", label: "long-term placement stability of looked-after children", members: ["cla_long_term_stability_pct", "lait_lac_longstablepct"] },
  { family: "cla-school-moves", label: "school moves of looked-after children", members: ["cla_school_moves_pct", "cla_school_midyear_moves_pct", "cla_school_moves_2yr_pct"] },
].map((f) => Object.freeze({ ...f, members: Object.freeze([...f.members]) })));

const FAMILY_OF: ReadonlyMap<string, OutcomeFamily> = new Map(OUTCOME_FAMILIES.flatMap((f) => f.members.map((id) => [id, f] as const)));

/**
 * The family of an outcome: its entry in {@link OUTCOME_FAMILIES}, else a family of its own (id = the outcome's id).
 * @throws InputError when the id is empty
 * @example
 * outcomeFamilyOf("lait_cin_ks2_expstd_m").family // "cin-ks2"
 * outcomeFamilyOf("own_outcome").family           // "own_outcome"
 */
export function outcomeFamilyOf(outcome: string): OutcomeFamily {
  if (outcome === "") throw new InputError("outcomeFamilyOf", "outcome must be a catalogue id", outcome);
  return FAMILY_OF.get(outcome) ?? { family: outcome, label: outcome, members: [outcome] };
}
