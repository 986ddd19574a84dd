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
};
const CSWW = /^csww_indicators.*\.csv$/i;

const MISSING_GROUP = "CLA_group";
const SDQ_GROUP = { cla_group: "Ages 5 to 16 years with SDQ score" };

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
  // --- Children looked after (EES 2025 release, years ending March 2020–2024)
  {
    indicator: "cla_rate_per_10k",
    file: CLA.rate,
    value: { column: "rate_per_10000", where: { population_count: "Children looked after at 31 March each year" } },
    numerator: { column: "number", where: { population_count: "Children looked after at 31 March each year" } },
    denominator: { column: "population_estimate", where: { population_count: "Children looked after at 31 March each year" } },
  },
  {
    indicator: "cla_missing_pct",
    file: CLA.missing,
    value: { column: "number", where: { [MISSING_GROUP]: "Percentage of children who had a missing incident during the year" } },
    numerator: { column: "number", where: { [MISSING_GROUP]: "Children who had a missing incident during the year" } },
    denominator: { column: "number", where: { [MISSING_GROUP]: "Children looked after during the year" } },
  },
  {
    indicator: "cla_away_pct",
    file: CLA.missing,
    value: { column: "number", where: { [MISSING_GROUP]: "Percentage of children who were away from placement without authorisation during the year" } },
    numerator: { column: "number", where: { [MISSING_GROUP]: "Children who were away from placement without authorisation during the year" } },
    denominator: { column: "number", where: { [MISSING_GROUP]: "Children looked after during the year" } },
  },
  {
    indicator: "care_leavers_eet_19_21_pct",
    file: CLA.activity,
    value: { column: "percentage", where: { age: "Aged 19 to 21", activity: "Total in education, employment or training" } },
    numerator: { column: "number", where: { age: "Aged 19 to 21", activity: "Total in education, employment or training" } },
    denominator: { column: "number", where: { age: "Aged 19 to 21", activity: "Total" } },
  },
  {
    indicator: "care_leavers_suitable_accom_19_21_pct",
    file: CLA.accom,
    value: { column: "percentage", where: { age: "19 to 21 years", accommodation_suitability: "Accommodation considered suitable" } },
    numerator: { column: "number", where: { age: "19 to 21 years", accommodation_suitability: "Accommodation considered suitable" } },
    denominator: { column: "number", where: { age: "19 to 21 years", accommodation_suitability: "Suitability total" } },
  },
  {
    indicator: "cla_convicted_pct",
    file: CLA.health,
    value: {
      column: "percentage",
      where: { cla_group: "Convictions: Children looked after Ages 10 to 17 years", characteristic: "Convicted or subject to youth cautions, or youth conditional cautions during the year" },
    },
    numerator: {
      column: "number",
      where: { cla_group: "Convictions: Children looked after Ages 10 to 17 years", characteristic: "Convicted or subject to youth cautions, or youth conditional cautions during the year" },
    },
    denominator: { column: "number", where: { cla_group: "Convictions: Children looked after Ages 10 to 17 years", characteristic: "Total ages 10 to 17 years" } },
  },
  {
    indicator: "cla_substance_misuse_pct",
    file: CLA.health,
    value: { column: "percentage", where: { cla_group: "Substance misuse: Children looked after all ages", characteristic: "Identified as having a substance misuse problem" } },
    numerator: { column: "number", where: { cla_group: "Substance misuse: Children looked after all ages", characteristic: "Identified as having a substance misuse problem" } },
    denominator: { column: "number", where: { cla_group: "Substance misuse: Children looked after all ages", characteristic: "Total all ages" } },
  },
  { indicator: "cla_sdq_average", file: CLA.health, value: { column: "number", where: { ...SDQ_GROUP, characteristic: "SDQ average score" } } },
  ...(["normal", "borderline", "concern"] as const).map((band) => {
    const label = band === "concern" ? "SDQ score is a cause for concern" : `SDQ score is ${band}`;
    return {
      indicator: `cla_sdq_${band}_pct`,
      file: CLA.health,
      value: { column: "percentage", where: { ...SDQ_GROUP, characteristic: label } },
      numerator: { column: "number", where: { ...SDQ_GROUP, characteristic: label } },
      denominator: { column: "number", where: { ...SDQ_GROUP, characteristic: "SDQ score was received" } },
    };
  }),
  {
    indicator: "cla_3plus_placements_pct",
    file: CLA.stability,
    value: { column: "percentage", where: { cla_group: "CLA on 31 March", placement_stability: "With 3 or more placements during the year" } },
    numerator: { column: "number", where: { cla_group: "CLA on 31 March", placement_stability: "With 3 or more placements during the year" } },
    denominator: { column: "number", where: { cla_group: "CLA on 31 March", placement_stability: "Total children" } },
  },
  {
    indicator: "cla_long_term_stability_pct",
    file: CLA.stability,
    value: {
      column: "percentage",
      where: { cla_group: "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years", placement_stability: "Living with the same carer for at least 2 years" },
    },
    numerator: {
      column: "number",
      where: { cla_group: "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years", placement_stability: "Living with the same carer for at least 2 years" },
    },
    denominator: {
      column: "number",
      where: { cla_group: "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years", placement_stability: "Total children" },
    },
  },
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
  cla_rate_per_10k: { label: "Children looked after per 10,000 children", domain: "reaching-children", polarity: "none", unit: "rate_per_10k", numerator: "children looked after at 31 March", denominator: "children aged 0–17 (ONS mid-year estimate of the previous year)", definition: "Children looked after at 31 March per 10,000 children aged 0–17 (published rate)." },
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
});

/** LAIT topics whose measures are children's social care (imported); other topics are logged as skipped. */
export const LAIT_CSC_TOPICS: Readonly<Record<string, CatalogueRow["domain"]>> = Object.freeze({
  "Children in Need": "reaching-children",
  "Child Protection": "child-safe",
  "Children Looked After": "child-wellbeing",
  "Children's Services Workforce": "workforce",
  Adoption: "child-wellbeing",
});

/** LAIT `Year_Type` values that are a 30 September census (period = year + 1, as the workforce rule). */
export const LAIT_SEPTEMBER_YEAR_TYPES: readonly string[] = Object.freeze(["Annual (end of Sept)"]);

/** Agreement needed before LAIT values fill LA-years the EES/SFR files lack (share of overlapping values). */
export const LAIT_FILL_MIN_AGREEMENT = 0.95;
/** Two published values agree when they differ by at most this (EES LA percentages are whole numbers). */
export const LAIT_AGREEMENT_TOLERANCE = 0.5 + 1e-9;

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
