/**
 * The declarative mapping from official files to catalogue indicators: one source of truth.
 *
 * Each {@link EesMapping} says which file (by name pattern) and which cell — a column, and for long files a
 * filter on the filter columns (`CLA_group`, `characteristic`, `age`, …) — gives the value, the numerator
 * and the denominator of an indicator. The importer (ees.ts) has no per-file code. {@link INDICATOR_META}
 * gives each indicator's label, domain, polarity, unit and definition; `lait` names the LAIT measure that
 * publishes the same thing (used to fill polarity/definition and to cross-check values).
 */
import type { CatalogueRow } from "../types";

export { FRAMEWORK_OVERRIDES, frameworkTagsFor } from "./framework-tags";
export { LAIT_CSC_TOPICS, LAIT_TOPIC_FRAMEWORK, LAIT_FRAMEWORK_RULES, laitFrameworkTags, LAIT_SEPTEMBER_YEAR_TYPES, LAIT_FILL_MIN_AGREEMENT, LAIT_AGREEMENT_TOLERANCE, LAIT_RATE_RELATIVE_TOLERANCE } from "./lait-measures";

/** A cell in an EES file: a column, in the row whose filter columns equal `where` (long files). */
export interface CellSelector {
  column: string;
  where?: Readonly<Record<string, string>>;
}

/** Where one indicator comes from in one EES file. */
export interface EesMapping {
  indicator: string;
  /** Matched against the file's base name. */
  file: RegExp;
  value: CellSelector;
  numerator?: CellSelector;
  denominator?: CellSelector;
  /** Added to `time_period` to give the year ending March (1 for the 30 September workforce census). */
  periodOffset?: number;
  /**
   * The file publishes counts only: value = valueFromCounts × numerator / denominator (e.g. 100 for a
   * percentage); `value` then names the numerator's cell, whose symbol is kept when it is missing.
   */
  valueFromCounts?: number;
  /** Files with a release `version` column: which versions are read and which wins when a period has several. */
  versions?: VersionPreference;
}

/** Versions of a release that may share a period, most final first (see {@link ATTAINMENT_VERSIONS}). */
export interface VersionPreference {
  column: string;
  order: readonly string[];
}

/** Catalogue metadata (everything but the id and the generated `source`), plus the matching LAIT measure. */
export type IndicatorMeta = Omit<CatalogueRow, "indicator" | "source"> & { lait?: string; study2016?: number };

/** Workforce census rule: the 30 September Y census is attached to the year ending 31 March Y + 1. */
export const WORKFORCE_PERIOD_RULE =
  "Children's social work workforce: the census at 30 September of time_period Y is attached to the year ending 31 March Y+1 (period = Y + 1).";

const CIN = {
  b1: /^b1_children_in_need.*\.csv$/i,
  c1: /^c1_children_in_need_referrals_and_rereferrals.*\.csv$/i,
  d3: /^d3_cpps_subsequent_plan.*\.csv$/i,
  d5: /^d5_cpps_at31march_by_duration.*\.csv$/i,
};
const CLA = {
  rate: /^cla_number_and_rate_per_10k_children.*\.csv$/i,
  accom: /^la_care_leavers_accommodation_suitability.*\.csv$/i,
  activity: /^la_care_leavers_activity.*\.csv$/i,
  missing: /^la_children_who_were_missing_or_away_from_placement_without_authorisation.*\.csv$/i,
  stability: /^la_cla_placement_stability.*\.csv$/i,
  health: /^la_conviction_health_outcome_cla.*\.csv$/i,
  schoolMoves: /^la_cla_school_moves.*\.csv$/i,
};
const CSWW = /^csww_indicators.*\.csv$/i;

const MISSING_GROUP = "CLA_group";
const SDQ_GROUP = { cla_group: "Ages 5 to 16 years with SDQ score" };

/**
 * The value, numerator and denominator selectors of one indicator in a long file, sharing one filter
 * (`where`), so the filter is written once. A column given as a string is read in the rows matching
 * `where`; a selector object is read where `where` merged with its own `where` matches (its keys override,
 * e.g. the denominator's "Total" row).
 * @example
 * cellsWhere({ cla_group: "CLA on 31 March", placement_stability: "With 3 or more placements during the year" },
 *   { value: "percentage", numerator: "number", denominator: { column: "number", where: { placement_stability: "Total children" } } })
 * // → { value: { column: "percentage", where: {…both} }, numerator: { column: "number", where: {…both} },
 * //     denominator: { column: "number", where: { cla_group: "CLA on 31 March", placement_stability: "Total children" } } }
 */
export function cellsWhere(
  where: Readonly<Record<string, string>>,
  cells: { value: string | CellSelector; numerator?: string | CellSelector; denominator?: string | CellSelector },
): Pick<EesMapping, "value" | "numerator" | "denominator"> {
  const sel = (c: string | CellSelector): CellSelector =>
    typeof c === "string" ? { column: c, where: { ...where } } : { column: c.column, where: { ...where, ...(c.where ?? {}) } };
  return {
    value: sel(cells.value),
    ...(cells.numerator !== undefined ? { numerator: sel(cells.numerator) } : {}),
    ...(cells.denominator !== undefined ? { denominator: sel(cells.denominator) } : {}),
  };
}

/** Percentage, number and the group's total row: the common shape of the CLA long files. */
const pctOfTotal = (where: Readonly<Record<string, string>>, total: Readonly<Record<string, string>>) =>
  cellsWhere(where, { value: "percentage", numerator: "number", denominator: { column: "number", where: total } });

/**
 * Social care groups of the outcomes files (`social_care_group`): DfE's "Outcomes for children in need,
 * including children looked after" publication. CINO: children in need at 31 March excluding those on a child
 * protection plan or looked after; CPPO: on a child protection plan at 31 March excluding those looked after;
 * CLA: looked after continuously for 12 months at 31 March. The academic year 2018/19 (time_period 201819)
 * is attached to period 2019, the year ending March in which the group is defined.
 */
export const OUTCOME_GROUPS = Object.freeze({
  cin: { where: "CINO at 31 March", label: "children in need (not on a plan or looked after)" },
  cpp: { where: "CPPO at 31 March", label: "children on a child protection plan (not looked after)" },
  cla: { where: "CLA 12 months at 31 March", label: "children looked after for 12 months" },
});
export type OutcomeGroup = keyof typeof OUTCOME_GROUPS;
const OUTCOME_GROUP_KEYS = Object.keys(OUTCOME_GROUPS) as OutcomeGroup[];

/**
 * KS2/KS4 files carry a `version` (Provisional, Revised, Final): where a period has several, the most final
 * is used; a version not listed here is a DataError.
 */
export const ATTAINMENT_VERSIONS: VersionPreference = Object.freeze({ column: "version", order: Object.freeze(["Final", "Revised", "Provisional"]) });

const OUTCOMES = {
  absence: /^absence_la.*\.csv$/i,
  ks2: /^ks2_la.*\.csv$/i,
  ks4: /^ks4_la.*\.csv$/i,
};
/** Absence over the whole year (six half terms), all school types (`phase_type_grouping` Total). */
const ABSENCE_ALL_SCHOOLS = { absence_terms: "six half terms", phase_type_grouping: "Total" };

/** Assessment factors (CIN census c3) imported as a share of assessments with factors; column → id suffix. */
export const ASSESSMENT_FACTORS: readonly { column: string; id: string; label: string }[] = Object.freeze([
  { column: "Domestic_Abuse_parent", id: "domestic_abuse_parent", label: "domestic abuse involving a parent" },
  { column: "Mental_Health_parent", id: "mental_health_parent", label: "parental mental health" },
  { column: "Drug_Misuse_parent", id: "drug_misuse_parent", label: "parental drug misuse" },
  { column: "Alcohol_Misuse_parent", id: "alcohol_misuse_parent", label: "parental alcohol misuse" },
  { column: "Neglect", id: "neglect", label: "neglect" },
  { column: "Emotional_Abuse", id: "emotional_abuse", label: "emotional abuse" },
  { column: "Child_sexual_exploitation", id: "cse", label: "child sexual exploitation" },
  { column: "Child_criminal_exploitation", id: "cce", label: "child criminal exploitation" },
]);
const ASSESSMENT_FACTOR_FILE = /^c3_factors_identified_at_end_of_assessment.*\.csv$/i;
const ASSESSMENT_FACTOR_WHERE = { category: "Factors identified at the end of assessment" };

/** EES open-data CSV mappings. */
export const EES_MAPPINGS: readonly EesMapping[] = Object.freeze([
  // --- Children in need census (b1, c1, d3, d5), years ending March 2013–2025
  { indicator: "cin_referrals_count", file: CIN.c1, value: { column: "referral_count" } },
  {
    indicator: "cin_rereferral_pct",
    file: CIN.c1,
    value: { column: "rereferral_percent" },
    numerator: { column: "rereferral_count" },
    denominator: { column: "referral_count" },
  },
  { indicator: "cin_at31_count", file: CIN.b1, value: { column: "At31_episodes" } },
  {
    indicator: "cpp_second_time_pct",
    file: CIN.d3,
    value: { column: "CPP_subsequent_percent" },
    numerator: { column: "CPP_subsequent" },
    denominator: { column: "CPP_start" },
  },
  { indicator: "cpp_at31_count", file: CIN.d5, value: { column: "CPP_At31" } },
  {
    indicator: "cpp_2years_plus_pct",
    file: CIN.d5,
    value: { column: "2_years_or_more_percent" },
    numerator: { column: "2_years_or_more" },
    denominator: { column: "CPP_At31" },
  },
  // factors identified at the end of assessment (c3, 2018–2025): counts only, so the share is computed
  ...ASSESSMENT_FACTORS.map((f) => ({
    indicator: `cin_assessment_factor_${f.id}_pct`,
    file: ASSESSMENT_FACTOR_FILE,
    valueFromCounts: 100,
    ...cellsWhere(ASSESSMENT_FACTOR_WHERE, { value: f.column, numerator: f.column, denominator: "Episodes_with_assessment_factor" }),
  })),
  // --- Children looked after (EES 2025 release, years ending March 2020–2024)
  {
    indicator: "cla_rate_per_10k",
    file: CLA.rate,
    ...cellsWhere({ population_count: "Children looked after at 31 March each year" }, { value: "rate_per_10000", numerator: "number", denominator: "population_estimate" }),
  },
  {
    indicator: "cla_missing_pct",
    file: CLA.missing,
    ...cellsWhere(
      { [MISSING_GROUP]: "Percentage of children who had a missing incident during the year" },
      { value: "number", numerator: { column: "number", where: { [MISSING_GROUP]: "Children who had a missing incident during the year" } }, denominator: { column: "number", where: { [MISSING_GROUP]: "Children looked after during the year" } } },
    ),
  },
  {
    indicator: "cla_away_pct",
    file: CLA.missing,
    ...cellsWhere(
      { [MISSING_GROUP]: "Percentage of children who were away from placement without authorisation during the year" },
      { value: "number", numerator: { column: "number", where: { [MISSING_GROUP]: "Children who were away from placement without authorisation during the year" } }, denominator: { column: "number", where: { [MISSING_GROUP]: "Children looked after during the year" } } },
    ),
  },
  {
    indicator: "care_leavers_eet_19_21_pct",
    file: CLA.activity,
    ...pctOfTotal({ age: "Aged 19 to 21", activity: "Total in education, employment or training" }, { activity: "Total" }),
  },
  {
    indicator: "care_leavers_suitable_accom_19_21_pct",
    file: CLA.accom,
    ...pctOfTotal({ age: "19 to 21 years", accommodation_suitability: "Accommodation considered suitable" }, { accommodation_suitability: "Suitability total" }),
  },
  {
    indicator: "cla_convicted_pct",
    file: CLA.health,
    ...pctOfTotal(
      { cla_group: "Convictions: Children looked after Ages 10 to 17 years", characteristic: "Convicted or subject to youth cautions, or youth conditional cautions during the year" },
      { characteristic: "Total ages 10 to 17 years" },
    ),
  },
  {
    indicator: "cla_substance_misuse_pct",
    file: CLA.health,
    ...pctOfTotal({ cla_group: "Substance misuse: Children looked after all ages", characteristic: "Identified as having a substance misuse problem" }, { characteristic: "Total all ages" }),
  },
  { indicator: "cla_sdq_average", file: CLA.health, value: { column: "number", where: { ...SDQ_GROUP, characteristic: "SDQ average score" } } },
  ...(["normal", "borderline", "concern"] as const).map((band) => ({
    indicator: `cla_sdq_${band}_pct`,
    file: CLA.health,
    ...pctOfTotal({ ...SDQ_GROUP, characteristic: band === "concern" ? "SDQ score is a cause for concern" : `SDQ score is ${band}` }, { characteristic: "SDQ score was received" }),
  })),
  {
    indicator: "cla_3plus_placements_pct",
    file: CLA.stability,
    ...pctOfTotal({ cla_group: "CLA on 31 March", placement_stability: "With 3 or more placements during the year" }, { placement_stability: "Total children" }),
  },
  {
    indicator: "cla_long_term_stability_pct",
    file: CLA.stability,
    ...pctOfTotal(
      { cla_group: "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years", placement_stability: "Living with the same carer for at least 2 years" },
      { placement_stability: "Total children" },
    ),
  },
  // school stability of looked-after children (2020–2024)
  {
    indicator: "cla_school_moves_pct",
    file: CLA.schoolMoves,
    ...pctOfTotal({ cla_group: "CLA on 31 March", move_measure: "Any moves", school_stability: "With one or more moves during the year" }, { school_stability: "Total children" }),
  },
  {
    indicator: "cla_school_midyear_moves_pct",
    file: CLA.schoolMoves,
    ...pctOfTotal({ cla_group: "CLA on 31 March", move_measure: "Mid-year moves", school_stability: "With one or more mid-year moves during the year" }, { school_stability: "Total children" }),
  },
  {
    indicator: "cla_school_moves_2yr_pct",
    file: CLA.schoolMoves,
    ...pctOfTotal({ cla_group: "CLA 2 years on 31 March", move_measure: "Any moves", school_stability: "With one or more moves during the previous 2 years" }, { school_stability: "Total children" }),
  },
  // --- Outcomes for children in need and looked after: absence, KS2, KS4 (academic years 2018/19–2024/25)
  ...OUTCOME_GROUP_KEYS.flatMap((g) => {
    const absence = { social_care_group: OUTCOME_GROUPS[g].where, ...ABSENCE_ALL_SCHOOLS };
    const group = { social_care_group: OUTCOME_GROUPS[g].where };
    return [
      { indicator: `${g}_overall_absence_pct`, file: OUTCOMES.absence, ...cellsWhere(absence, { value: "pt_overall", numerator: "t_sess_overall", denominator: "t_sess_possible" }) },
      { indicator: `${g}_unauthorised_absence_pct`, file: OUTCOMES.absence, ...cellsWhere(absence, { value: "pt_sess_unauthorised", numerator: "t_sess_unauthorised", denominator: "t_sess_possible" }) },
      { indicator: `${g}_persistent_absence_pct`, file: OUTCOMES.absence, ...cellsWhere(absence, { value: "pt_pupils_pa_10_exact", numerator: "t_pupils_pa_10_exact", denominator: "t_pupils" }) },
      { indicator: `${g}_severe_absence_pct`, file: OUTCOMES.absence, ...cellsWhere(absence, { value: "pt_pupils_pa_50_exact", numerator: "t_pupils_pa_50_exact", denominator: "t_pupils" }) },
      { indicator: `${g}_ks2_rwm_expected_pct`, file: OUTCOMES.ks2, versions: ATTAINMENT_VERSIONS, ...cellsWhere(group, { value: "pt_rwm_met_expected_standard", numerator: "t_rwm_met_expected_standard", denominator: "t_rwm_eligible_pupils" }) },
      // t_att8 is a sum of Attainment 8 points, not a count: it is not the numerator
      { indicator: `${g}_ks4_attainment8`, file: OUTCOMES.ks4, versions: ATTAINMENT_VERSIONS, ...cellsWhere(group, { value: "avg_att8", denominator: "t_pupils" }) },
      // CPPO grade 4+ in English and maths is published for England and regions only (every LA cell is x)
      ...(g === "cpp" ? [] : [{ indicator: `${g}_ks4_eng_maths_4plus_pct`, file: OUTCOMES.ks4, versions: ATTAINMENT_VERSIONS, ...cellsWhere(group, { value: "pt_l2basics_94", numerator: "t_l2basics_94", denominator: "t_pupils" }) }]),
      { indicator: `${g}_ks4_progress8`, file: OUTCOMES.ks4, versions: ATTAINMENT_VERSIONS, ...cellsWhere(group, { value: "avg_p8score", denominator: "t_inp8calc" }) },
    ];
  }),
  // --- Children's social work workforce (30 September census 2017–2025 → years ending March 2018–2026)
  { indicator: "csww_turnover_pct", file: CSWW, periodOffset: 1, value: { column: "turnover_rate_fte" }, numerator: { column: "leavers_fte" }, denominator: { column: "inpost_fte" } },
  { indicator: "csww_agency_pct", file: CSWW, periodOffset: 1, value: { column: "agency_rate_fte" } },
  { indicator: "csww_vacancy_pct", file: CSWW, periodOffset: 1, value: { column: "vacancy_rate_fte" } },
  { indicator: "csww_caseload", file: CSWW, periodOffset: 1, value: { column: "caseload_fte" }, numerator: { column: "cases" }, denominator: { column: "case_holders_fte" } },
] as EesMapping[]);

/** Indicators computed from counts and the ONS 0–17 population (population.ts). */
export const POPULATION_RATE_MAPPINGS: readonly { indicator: string; countIndicator: string }[] = Object.freeze([
  { indicator: "cin_rate_per_10k", countIndicator: "cin_at31_count" },
  { indicator: "cpp_rate_per_10k", countIndicator: "cpp_at31_count" },
  { indicator: "cin_referrals_rate_per_10k", countIndicator: "cin_referrals_count" },
]);

/**
 * SFR-era looked-after-children indicators (years ending March 2011–2016) from
 * `derived/cla_indicators_la_2011_2016_long.csv` (column `indicator` → our id; numerator/denominator from
 * other indicators of the same LA and year where the file has them).
 */
export const DERIVED_CLA_MAPPINGS: readonly { source: string; indicator: string; numerator?: string; denominator?: string }[] = Object.freeze([
  { source: "cla_rate_per10k", indicator: "cla_rate_per_10k", numerator: "cla_31mar_count" },
  { source: "missing_pct", indicator: "cla_missing_pct", numerator: "missing_children_count", denominator: "cla_during_year_count" },
  { source: "away_pct", indicator: "cla_away_pct", denominator: "cla_during_year_count" },
  { source: "cl19_21_eet_pct", indicator: "care_leavers_eet_19_21_pct", denominator: "cl19_21_total" },
  { source: "cl19_21_suitable_accom_pct", indicator: "care_leavers_suitable_accom_19_21_pct", denominator: "cl19_21_total" },
  { source: "cl19only_eet_pct", indicator: "care_leavers_eet_19_pct" },
  { source: "cl19only_suitable_accom_pct", indicator: "care_leavers_suitable_accom_19_pct" },
  { source: "convicted_pct", indicator: "cla_convicted_pct", denominator: "cla12m_aged10_17_count" },
  { source: "substance_misuse_pct", indicator: "cla_substance_misuse_pct", denominator: "cla12m_all_ages_count" },
  { source: "sdq_average_score", indicator: "cla_sdq_average" },
  { source: "sdq_normal_pct", indicator: "cla_sdq_normal_pct" },
  { source: "sdq_borderline_pct", indicator: "cla_sdq_borderline_pct" },
  { source: "sdq_concern_pct", indicator: "cla_sdq_concern_pct" },
  { source: "placements_3plus_pct", indicator: "cla_3plus_placements_pct" },
]);

/** Derived-file indicators used only as numerators/denominators (not imported on their own). */
export const DERIVED_CLA_COUNT_ONLY: readonly string[] = Object.freeze([
  "cla_31mar_count",
  "cla_during_year_count",
  "missing_children_count",
  "cl19_21_total",
  "cla12m_aged10_17_count",
  "cla12m_all_ages_count",
  "sdq_eligible_5_16_count",
  "sdq_received_pct",
]);

/** Catalogue metadata of the outcomes-file indicators (absence, KS2, KS4) per social care group, with the LAIT measure of the same thing. */
function outcomeMeta(): Record<string, IndicatorMeta> {
  const lait: Record<OutcomeGroup, Partial<Record<string, string>>> = {
    cla: { overall_absence_pct: "LAC_Over_Abs", unauthorised_absence_pct: "LAC_Unauth", persistent_absence_pct: "LAC_Pers_Abs", ks2_rwm_expected_pct: "LAC_KS2_ExpStd_RWM", ks4_attainment8: "LAC_KS4_AVG_Attain8", ks4_eng_maths_4plus_pct: "LAC_EngMaths9-4", ks4_progress8: "LAC_KS4_AVG_Prog8" },
    cin: { overall_absence_pct: "CINTotalAb_3Term", unauthorised_absence_pct: "CINUnauthAb_3Term", persistent_absence_pct: "CINPermAbsent_3Term", ks2_rwm_expected_pct: "CIN_KS2_ExpStd_RWM", ks4_attainment8: "CIN_Avg_Attain8_KS4", ks4_eng_maths_4plus_pct: "CIN_EngMaths9-4", ks4_progress8: "CINProgKS2-4_Avg_Prog8" },
    cpp: { overall_absence_pct: "CPPTotalAb_3Term", persistent_absence_pct: "CPPPerAbs_3Term", ks2_rwm_expected_pct: "CPPO_KS2_RWM", ks4_attainment8: "CPPO_KS4_A8" },
  };
  const year = "Academic year ending in the period's year (2018/19 → 2019); the group is defined at 31 March of that year.";
  const out: Record<string, IndicatorMeta> = {};
  for (const g of OUTCOME_GROUP_KEYS) {
    const who = OUTCOME_GROUPS[g].label;
    const Who = who[0].toUpperCase() + who.slice(1);
    const add = (suffix: string, m: Omit<IndicatorMeta, "lait">) => {
      const code = lait[g][suffix];
      out[`${g}_${suffix}`] = code === undefined ? m : { ...m, lait: code };
    };
    add("overall_absence_pct", { label: `Overall absence of ${who} (% of sessions)`, domain: "child-education", polarity: "down", unit: "percent", numerator: "sessions missed (authorised and unauthorised)", denominator: "possible sessions", definition: `Percentage of possible school sessions missed by ${who}, all state-funded schools, full year (six half terms). ${year}` });
    add("unauthorised_absence_pct", { label: `Unauthorised absence of ${who} (% of sessions)`, domain: "child-education", polarity: "down", unit: "percent", numerator: "sessions missed through unauthorised absence", denominator: "possible sessions", definition: `Percentage of possible school sessions missed through unauthorised absence by ${who}, all state-funded schools, full year. ${year}` });
    add("persistent_absence_pct", { label: `${Who}: persistent absence (%)`, domain: "child-education", polarity: "down", unit: "percent", numerator: "pupils missing 10% or more of possible sessions", denominator: "pupils (t_pupils)", definition: `Percentage of ${who} who were persistently absent (missed 10% or more of possible sessions), all state-funded schools, full year. ${year}` });
    add("severe_absence_pct", { label: `${Who}: severe absence (%)`, domain: "child-education", polarity: "down", unit: "percent", numerator: "pupils missing 50% or more of possible sessions", denominator: "pupils (t_pupils)", definition: `Percentage of ${who} who were severely absent (missed 50% or more of possible sessions), all state-funded schools, full year. ${year}` });
    add("ks2_rwm_expected_pct", { label: `${Who}: KS2 reading, writing and maths at the expected standard (%)`, domain: "child-education", polarity: "up", unit: "percent", numerator: "pupils meeting the expected standard in reading, writing and maths", denominator: "eligible pupils at the end of key stage 2", definition: `Percentage of ${who} at the end of key stage 2 who met the expected standard in reading, writing and maths (no assessments in 2019/20 and 2020/21). ${year}` });
    add("ks4_attainment8", { label: `${Who}: KS4 Attainment 8 (average score)`, domain: "child-education", polarity: "up", unit: "score", numerator: "sum of Attainment 8 scores", denominator: "pupils at the end of key stage 4", definition: `Average Attainment 8 score of ${who} at the end of key stage 4 (2019/20 and 2020/21 from teacher-assessed grades). ${year}` });
    add("ks4_eng_maths_4plus_pct", { label: `${Who}: KS4 English and maths grade 4 or above (%)`, domain: "child-education", polarity: "up", unit: "percent", numerator: "pupils with grade 4 or above in English and maths", denominator: "pupils at the end of key stage 4", definition: `Percentage of ${who} at the end of key stage 4 achieving grade 4 or above in both English and maths. ${year}` });
    add("ks4_progress8", { label: `${Who}: KS4 Progress 8 (average score)`, domain: "child-education", polarity: "up", unit: "score", numerator: "", denominator: "pupils with a Progress 8 score", definition: `Average Progress 8 score of ${who} at the end of key stage 4 (not published for 2019/20, 2020/21 and 2024/25); the sum of scores (t_p8score) is not kept as a numerator because it can be negative. ${year}` });
  }
  return out;
}

/** Catalogue metadata of the assessment-factor shares (CIN census c3). */
function assessmentFactorMeta(): Record<string, IndicatorMeta> {
  const out: Record<string, IndicatorMeta> = {};
  for (const f of ASSESSMENT_FACTORS) {
    out[`cin_assessment_factor_${f.id}_pct`] = {
      label: `Assessments identifying ${f.label} (%)`,
      domain: "context",
      polarity: "none",
      unit: "percent",
      numerator: `episodes with ${f.label} identified at the end of assessment`,
      denominator: "episodes with at least one factor identified at the end of assessment",
      definition: `Share of children in need assessments completed in the year ending 31 March (with factors recorded) that identified ${f.label} (CIN census c3 column ${f.column}); computed as 100 × ${f.column} / Episodes_with_assessment_factor. A measure of the needs children bring, not of the service.`,
    };
  }
  return out;
}

/** Catalogue metadata of the school-stability indicators (la_cla_school_moves). */
const SCHOOL_MOVES_META: Readonly<Record<string, IndicatorMeta>> = {
  cla_school_moves_pct: { label: "Looked-after children with a school move in the year (%)", domain: "child-wellbeing", polarity: "down", unit: "percent", numerator: "school-age children looked after at 31 March with one or more school moves during the year", denominator: "school-age children looked after at 31 March", definition: "Percentage of school-age children looked after at 31 March who had one or more school moves (any time of year) during the year ending 31 March." },
  cla_school_midyear_moves_pct: { label: "Looked-after children with a mid-year school move (%)", domain: "child-wellbeing", polarity: "down", unit: "percent", numerator: "school-age children looked after at 31 March with one or more mid-year school moves", denominator: "school-age children looked after at 31 March", definition: "Percentage of school-age children looked after at 31 March who had one or more mid-year school moves (outside the usual transition points) during the year ending 31 March.", lait: "Stability_School" },
  cla_school_moves_2yr_pct: { label: "Children looked after 2 years with a school move in the previous 2 years (%)", domain: "child-wellbeing", polarity: "down", unit: "percent", numerator: "school-age children looked after for 2 years at 31 March with one or more school moves in the previous 2 years", denominator: "school-age children looked after for 2 years at 31 March", definition: "Percentage of school-age children looked after continuously for 2 years at 31 March who had one or more school moves during the previous 2 years." },
};

/**
 * OHID Fingertips indicator exports (header `Indicator ID, Indicator Name, Parent Code, …`): which indicator,
 * sex, age and (blank) category give an indicator. `Area Type` "Counties & UAs…" rows are LAs (ONS code in
 * `Area Code`), "England" rows benchmarks; deprivation-decile rows (a `Category Type`) are not imported.
 * `Time period` "2023/24" is the financial year ending March 2024 (period 2024).
 */
export interface OhidMapping {
  indicator: string;
  file: RegExp;
  indicatorId: string;
  sex: string;
  age: string;
}

export const OHID_MAPPINGS: readonly OhidMapping[] = Object.freeze([
  { indicator: "hospital_admissions_injury_0_14_rate_per_10k", file: /^la_hospital_admissions.*\.csv$/i, indicatorId: "90284", sex: "Persons", age: "<15 yrs" },
]);

const HEALTH_META: Readonly<Record<string, IndicatorMeta>> = {
  hospital_admissions_injury_0_14_rate_per_10k: { label: "Hospital admissions for injuries, children 0–14 (per 10,000)", domain: "child-safe", polarity: "down", unit: "rate_per_10k", numerator: "emergency hospital admissions caused by unintentional and deliberate injuries, children aged 0–14", denominator: "children aged 0–14 (ONS mid-year estimate)", definition: "Crude rate of hospital admissions caused by unintentional and deliberate injuries in children aged 0–14 per 10,000 resident children (OHID Fingertips indicator 90284, financial year ending March). OHID's notes on values treated with caution are kept in the import log." },
};

/**
 * MHCLG revenue outturn workbooks (RO3 social care, RSX service summary), sheet `<RO3|RSX>_LA_Data_<YYYYYY>`
 * (e.g. 202425 → period 2025, the financial year ending March 2025). Values are £ thousand. An indicator is
 * `scale × numerator / denominator`, the numerator and denominator each a column (matched by the start of its
 * header) or the ONS 0–17 population (`child_population_0_17`, the mid-year estimate before the period).
 */
export interface FinanceMapping {
  indicator: string;
  /** The return: matched against the data sheet's name. */
  workbook: "RO3" | "RSX";
  numerator: string;
  denominator: string;
  scale: number;
}

/** £ thousand → £ (the workbooks report thousands). */
export const GBP_PER_THOUSAND = 1000;
export const CHILD_POPULATION_DENOMINATOR = "child_population_0_17";

export const FINANCE_MAPPINGS: readonly FinanceMapping[] = Object.freeze([
  { indicator: "csc_spend_per_child", workbook: "RO3", numerator: "TOTAL CHILDREN SOCIAL CARE - Net Current Expenditure", denominator: CHILD_POPULATION_DENOMINATOR, scale: GBP_PER_THOUSAND },
  { indicator: "csc_cla_spend_per_child", workbook: "RO3", numerator: "Children's social care - Children Looked After - Net Current Expenditure", denominator: CHILD_POPULATION_DENOMINATOR, scale: GBP_PER_THOUSAND },
  { indicator: "csc_family_support_spend_share_pct", workbook: "RO3", numerator: "Children's social care - Family Support Services - Net Current Expenditure", denominator: "TOTAL CHILDREN SOCIAL CARE - Net Current Expenditure", scale: 100 },
  { indicator: "csc_cla_spend_share_pct", workbook: "RO3", numerator: "Children's social care - Children Looked After - Net Current Expenditure", denominator: "TOTAL CHILDREN SOCIAL CARE - Net Current Expenditure", scale: 100 },
  { indicator: "csc_share_of_service_spend_pct", workbook: "RSX", numerator: "Children Social Care - Net Current Expenditure", denominator: "Total Service Expenditure - Net Current Expenditure", scale: 100 },
]);

const FINANCE_META: Readonly<Record<string, IndicatorMeta>> = {
  csc_spend_per_child: { label: "Children's social care spending per child (£)", domain: "conditions-and-culture", polarity: "none", unit: "gbp", numerator: "net current expenditure on children's social care (£)", denominator: "children aged 0–17 (ONS mid-year estimate of the previous year)", definition: "Net current expenditure on children's social care (RO3 'TOTAL CHILDREN SOCIAL CARE', £ thousand × 1,000) per child aged 0–17, financial year ending 31 March." },
  csc_cla_spend_per_child: { label: "Spending on looked-after children per child (£)", domain: "conditions-and-culture", polarity: "none", unit: "gbp", numerator: "net current expenditure on children looked after (£)", denominator: "children aged 0–17 (ONS mid-year estimate of the previous year)", definition: "Net current expenditure on children looked after (RO3, £ thousand × 1,000) per child aged 0–17, financial year ending 31 March." },
  csc_family_support_spend_share_pct: { label: "Family support services share of children's social care spending (%)", domain: "conditions-and-culture", polarity: "none", unit: "percent", numerator: "net current expenditure on family support services", denominator: "net current expenditure on children's social care", definition: "Family support services as a percentage of net current expenditure on children's social care (RO3), financial year ending 31 March. Negative when income exceeds spending on a line." },
  csc_cla_spend_share_pct: { label: "Looked-after children share of children's social care spending (%)", domain: "conditions-and-culture", polarity: "none", unit: "percent", numerator: "net current expenditure on children looked after", denominator: "net current expenditure on children's social care", definition: "Children looked after as a percentage of net current expenditure on children's social care (RO3), financial year ending 31 March." },
  csc_share_of_service_spend_pct: { label: "Children's social care share of total service spending (%)", domain: "conditions-and-culture", polarity: "none", unit: "percent", numerator: "net current expenditure on children's social care", denominator: "total service net current expenditure", definition: "Children's social care as a percentage of the authority's total service net current expenditure (RSX), financial year ending 31 March." },
};

/**
 * Catalogue metadata. `study2016` numbers the La Valle et al. (2016) Appendix 2 variable (1–14) an
 * indicator stands for. Domains follow the 2019 outcomes framework (types.ts).
 */
export const INDICATOR_META: Readonly<Record<string, IndicatorMeta>> = Object.freeze({
  cin_referrals_count: { label: "Referrals to children's social care", domain: "reaching-children", polarity: "none", unit: "count", numerator: "referrals in the year", denominator: "", definition: "Number of referrals completed in the year ending 31 March (CIN census)." },
  cin_referrals_rate_per_10k: { label: "Referrals per 10,000 children", domain: "reaching-children", polarity: "none", unit: "rate_per_10k", numerator: "referrals in the year", denominator: "children aged 0–17 (ONS mid-year estimate of the previous year)", definition: "Referrals in the year ending 31 March per 10,000 children aged 0–17, computed from the published count and the ONS mid-year estimate of the previous calendar year.", lait: "CPP_Total_Rateper10,000" },
  cin_rereferral_pct: { label: "Re-referrals within 12 months (%)", domain: "child-safe", polarity: "down", unit: "percent", numerator: "referrals within 12 months of a previous referral", denominator: "referrals in the year", definition: "Percentage of referrals in the year ending 31 March that were within 12 months of a previous referral of the same child.", lait: "ReReferral", study2016: 10 },
  cin_at31_count: { label: "Children in need at 31 March", domain: "reaching-children", polarity: "none", unit: "count", numerator: "children in need at 31 March", denominator: "", definition: "Number of children in need (episodes open) at 31 March (CIN census)." },
  cin_rate_per_10k: { label: "Children in need per 10,000 children", domain: "reaching-children", polarity: "none", unit: "rate_per_10k", numerator: "children in need at 31 March", denominator: "children aged 0–17 (ONS mid-year estimate of the previous year)", definition: "Children in need at 31 March per 10,000 children aged 0–17, computed from the published count and the ONS mid-year estimate of the previous calendar year (DfE's method).", lait: "CIN" },
  cpp_second_time_pct: { label: "Child protection plans for a second or subsequent time (%)", domain: "child-safe", polarity: "down", unit: "percent", numerator: "children who became the subject of a plan for a second or subsequent time", denominator: "children who became the subject of a plan in the year", definition: "Percentage of children who became the subject of a child protection plan in the year ending 31 March who had been the subject of a plan before.", lait: "PrevRegCPR", study2016: 11 },
  cpp_at31_count: { label: "Child protection plans at 31 March", domain: "reaching-children", polarity: "none", unit: "count", numerator: "children subject of a plan at 31 March", denominator: "", definition: "Number of children who were the subject of a child protection plan at 31 March." },
  cpp_rate_per_10k: { label: "Child protection plans per 10,000 children", domain: "reaching-children", polarity: "none", unit: "rate_per_10k", numerator: "children subject of a plan at 31 March", denominator: "children aged 0–17 (ONS mid-year estimate of the previous year)", definition: "Children who were the subject of a child protection plan at 31 March per 10,000 children aged 0–17, computed from the published count and the ONS mid-year estimate of the previous calendar year.", lait: "CPP_rate" },
  cpp_2years_plus_pct: { label: "Child protection plans open 2 years or more at 31 March (%)", domain: "child-safe", polarity: "down", unit: "percent", numerator: "plans at 31 March open for 2 years or more", denominator: "plans at 31 March", definition: "Percentage of children subject of a child protection plan at 31 March whose plan had lasted 2 years or more.", lait: "CPPlans2yrsActive" },
  cla_rate_per_10k: { label: "Children looked after per 10,000 children", domain: "reaching-children", polarity: "none", unit: "rate_per_10k", numerator: "children looked after at 31 March", denominator: "children aged 0–17 (ONS mid-year estimate of the previous year)", definition: "Children looked after at 31 March per 10,000 children aged 0–17 (published rate).", lait: "LAC" },
  cla_missing_pct: { label: "Looked-after children with a missing incident (%)", domain: "child-safe", polarity: "down", unit: "percent", numerator: "children who had a missing incident during the year", denominator: "children looked after during the year", definition: "Percentage of children looked after during the year ending 31 March who had at least one missing incident. 2015–16 data were experimental.", lait: "Children_missing", study2016: 4 },
  cla_away_pct: { label: "Looked-after children away without authorisation (%)", domain: "child-safe", polarity: "down", unit: "percent", numerator: "children away from placement without authorisation during the year", denominator: "children looked after during the year", definition: "Percentage of children looked after during the year who were away from placement without authorisation at least once.", lait: "Children_Away", study2016: 5 },
  care_leavers_eet_19_21_pct: { label: "Care leavers aged 19–21 in education, employment or training (%)", domain: "child-education", polarity: "up", unit: "percent", numerator: "care leavers aged 19–21 in education, employment or training", denominator: "care leavers aged 19–21", definition: "Percentage of former relevant care leavers aged 19, 20 and 21 in education, employment or training (from 2014; 2013 covered age 19 only, see care_leavers_eet_19_pct).", lait: "CareLeaverEET", study2016: 2 },
  care_leavers_suitable_accom_19_21_pct: { label: "Care leavers aged 19–21 in suitable accommodation (%)", domain: "child-wellbeing", polarity: "up", unit: "percent", numerator: "care leavers aged 19–21 in suitable accommodation", denominator: "care leavers aged 19–21", definition: "Percentage of former relevant care leavers aged 19–21 whose accommodation was considered suitable.", lait: "CareLeaverAcc", study2016: 3 },
  care_leavers_eet_19_pct: { label: "Care leavers aged 19 in education, employment or training (%)", domain: "child-education", polarity: "up", unit: "percent", numerator: "care leavers aged 19 in education, employment or training", denominator: "care leavers aged 19", definition: "Percentage of care leavers aged 19 in education, employment or training (the 2013 definition; 19–21 from 2014)." },
  care_leavers_suitable_accom_19_pct: { label: "Care leavers aged 19 in suitable accommodation (%)", domain: "child-wellbeing", polarity: "up", unit: "percent", numerator: "care leavers aged 19 in suitable accommodation", denominator: "care leavers aged 19", definition: "Percentage of care leavers aged 19 in suitable accommodation (the 2013 definition)." },
  cla_convicted_pct: { label: "Looked-after children convicted or cautioned (%)", domain: "child-wellbeing", polarity: "down", unit: "percent", numerator: "children aged 10–17 looked after 12 months convicted or subject to a caution during the year", denominator: "children aged 10–17 looked after continuously for 12 months", definition: "Percentage of children aged 10–17 looked after continuously for at least 12 months who were convicted or subject to a final warning, reprimand or youth caution during the year.", lait: "LAC_Convictions", study2016: 6 },
  cla_substance_misuse_pct: { label: "Looked-after children with a substance misuse problem (%)", domain: "child-wellbeing", polarity: "down", unit: "percent", numerator: "children identified as having a substance misuse problem", denominator: "children looked after continuously for 12 months", definition: "Percentage of children looked after continuously for at least 12 months identified as having a substance misuse problem during the year.", lait: "LACSubstance", study2016: 7 },
  cla_sdq_average: { label: "Average SDQ score of looked-after children", domain: "child-wellbeing", polarity: "down", unit: "score", numerator: "", denominator: "", definition: "Average Strengths and Difficulties Questionnaire total difficulties score (0–40) of children aged 5–16 looked after continuously for 12 months with a score." },
  cla_sdq_normal_pct: { label: "SDQ score normal (%)", domain: "child-wellbeing", polarity: "up", unit: "percent", numerator: "children with a normal SDQ score", denominator: "children with an SDQ score", definition: "Percentage of children aged 5–16 looked after continuously for 12 months, with an SDQ score, whose score is normal (0–13).", study2016: 8 },
  cla_sdq_borderline_pct: { label: "SDQ score borderline (%)", domain: "child-wellbeing", polarity: "none", unit: "percent", numerator: "children with a borderline SDQ score", denominator: "children with an SDQ score", definition: "Percentage of children aged 5–16 looked after continuously for 12 months, with an SDQ score, whose score is borderline (14–16)." },
  cla_sdq_concern_pct: { label: "SDQ score a cause for concern (%)", domain: "child-wellbeing", polarity: "down", unit: "percent", numerator: "children with an SDQ score that is a cause for concern", denominator: "children with an SDQ score", definition: "Percentage of children aged 5–16 looked after continuously for 12 months, with an SDQ score, whose score is a cause for concern (17–40).", study2016: 9 },
  cla_3plus_placements_pct: { label: "Looked-after children with 3 or more placements in the year (%)", domain: "child-wellbeing", polarity: "down", unit: "percent", numerator: "children looked after at 31 March with 3 or more placements during the year", denominator: "children looked after at 31 March", definition: "Percentage of children looked after at 31 March who had three or more placements during the year.", lait: "LACStable_2016on" },
  cla_long_term_stability_pct: { label: "Long-term placement stability (%)", domain: "child-wellbeing", polarity: "up", unit: "percent", numerator: "children under 16 looked after 2.5 years living with the same carer for 2 years", denominator: "children under 16 looked after continuously for at least 2.5 years", definition: "Percentage of children aged under 16 looked after continuously for at least 2.5 years who had lived in the same placement (with the same carer) for at least 2 years. The wording changed between releases.", lait: "LAC_LongStable%" },
  cla_returned_home_planned_pct: { label: "Returns home as part of the care plan (%)", domain: "child-wellbeing", polarity: "up", unit: "percent", numerator: "children who ceased care returning to parents or relatives as part of the care plan", denominator: "children who ceased care returning to parents or relatives (planned or not)", definition: "Children who returned to live with parents or relatives as part of a care planning process, as a percentage of all who returned to parents or relatives (La Valle et al. 2016, variable 1). Computed from the SFR CEA files 2015–2017 (CLA_ceaParPlan / (CLA_ceaParPlan + CLA_ceaParNPlan)); LAIT's LAC_RetHome_CarePlan_% (2018–) has no overlap to check it against and is kept as a separate LAIT-only measure.", study2016: 1 },
  csww_turnover_pct: { label: "Social worker turnover rate (%)", domain: "workforce", polarity: "down", unit: "percent", numerator: "FTE leavers in the year to 30 September", denominator: "FTE social workers in post at 30 September", definition: "Children and family social worker turnover rate (FTE): leavers in the year to 30 September / workers in post at 30 September. " + WORKFORCE_PERIOD_RULE, lait: "Work_Force_TO_Rate", study2016: 13 },
  csww_agency_pct: { label: "Agency social worker rate (%)", domain: "workforce", polarity: "down", unit: "percent", numerator: "FTE agency workers at 30 September", denominator: "FTE agency workers + social workers in post at 30 September", definition: "Agency worker rate (FTE) at 30 September: agency workers / (agency workers + workers in post). " + WORKFORCE_PERIOD_RULE, lait: "Work_Force_Agecy_Rate", study2016: 14 },
  csww_vacancy_pct: { label: "Social worker vacancy rate (%)", domain: "workforce", polarity: "down", unit: "percent", numerator: "FTE vacancies at 30 September", denominator: "FTE vacancies + social workers in post at 30 September", definition: "Vacancy rate (FTE) at 30 September. " + WORKFORCE_PERIOD_RULE, lait: "Work_Force_Vac_Rate" },
  csww_caseload: { label: "Average caseload per social worker", domain: "workforce", polarity: "down", unit: "ratio", numerator: "cases held at 30 September", denominator: "FTE case-holding social workers (incl. agency) at 30 September", definition: "Average number of cases per case-holding children and family social worker (FTE) at 30 September; the nearest published equivalent of the 2016 study's 'children in need per social worker' (headcount). " + WORKFORCE_PERIOD_RULE, lait: "Work_Force_AvgNumCase_SW", study2016: 12 },
  ...assessmentFactorMeta(),
  ...SCHOOL_MOVES_META,
  ...outcomeMeta(),
  ...HEALTH_META,
  ...FINANCE_META,
});

/**
 * Pre-EES SFR underlying CSVs (wide; geography in New_geog_code/geog_l/geog_c): indicators computed as
 * 100 × sum(numerator columns) / sum(denominator columns). The year is the file name's `YYYY__` prefix
 * (year ending March).
 */
export interface SfrMapping {
  indicator: string;
  file: RegExp;
  numerator: readonly string[];
  denominator: readonly string[];
}

export const SFR_MAPPINGS: readonly SfrMapping[] = Object.freeze([
  { indicator: "cla_returned_home_planned_pct", file: /^(2015|2016)__SFR\d+_CEA\d{4}\.csv$/i, numerator: ["CLA_ceaParPlan"], denominator: ["CLA_ceaParPlan", "CLA_ceaParNPlan"] },
  { indicator: "cla_returned_home_planned_pct", file: /^2017__SFR\d+_CEA\d{4}\.csv$/i, numerator: ["CEA_ParPlan"], denominator: ["CEA_ParPlan", "CEA_ParNPlan"] },
]);
