/**
 * The 40 indicators of the synthetic package and how each is generated (role, unit, centre, spread, base,
 * missingness). Types and the planted model: ./params.ts; the default parameter set: ./default-params.ts.
 */
import type { SyntheticIndicatorSpec } from "./params";

/** Year-to-year correlation of the drivers' latents (the issue asks for ~0.7). */
const DRIVER_STABILITY = 0.7;
/** Cells missing at random (not-available:x) for an ordinary indicator. */
const USUAL_MISSING = 0.02;

const pct = (
  s: Omit<SyntheticIndicatorSpec, "unit" | "missingLaShare" | "missingCellRate"> &
    Partial<Pick<SyntheticIndicatorSpec, "missingLaShare" | "missingCellRate">>,
): SyntheticIndicatorSpec => ({ unit: "percent", missingLaShare: 0, missingCellRate: USUAL_MISSING, ...s });

/**
 * The 40 indicators: 4 drivers, 2 near-duplicates, 2 confounded, 1 unreliable, 1 incomplete, 30 noise.
 * Labels and sizes follow the real DfE series they imitate (CIN census, SSDA903, CSWW), but every value is
 * generated; the "source" column of catalogue.csv says so.
 */
export const SYNTH_INDICATORS: readonly SyntheticIndicatorSpec[] = [
  // ---- drivers: their latents are part of Q ----
  pct({
    indicator: "rereferral_12m_pct", label: "Re-referrals within 12 months (%)", domain: "child-safe", polarity: "down",
    numerator: "referrals within 12 months of a previous referral", denominator: "referrals in the year",
    definition: "Referrals in the year that came within 12 months of a previous referral of the same child, as a percentage of all referrals",
    role: "driver", beta: 0.85, centre: 22, spread: 0.35, stability: DRIVER_STABILITY, base: "referrals", baseShare: 1,
  }),
  pct({
    indicator: "assessment_45d_pct", label: "Assessments completed within 45 working days (%)", domain: "reaching-children", polarity: "up",
    numerator: "assessments completed within 45 working days", denominator: "assessments completed in the year",
    definition: "Children and family assessments completed within 45 working days of referral, as a percentage of assessments completed",
    role: "driver", beta: 0.75, centre: 84, spread: 0.55, stability: DRIVER_STABILITY, base: "referrals", baseShare: 0.9,
  }),
  pct({
    indicator: "sw_turnover_pct", label: "Social worker turnover (FTE, %)", domain: "workforce", polarity: "down",
    numerator: "children's social workers (FTE) who left in the year", denominator: "children's social workers (FTE) at 30 September",
    definition: "Leavers in the year to 30 September (FTE) as a percentage of social workers in post (FTE), attached to the year ending the next March",
    role: "driver", beta: 0.8, centre: 16, spread: 0.55, stability: DRIVER_STABILITY, base: "social_workers", baseShare: 1,
  }),
  pct({
    indicator: "cla_long_term_stability_pct", label: "Long-term placement stability (%)", domain: "child-wellbeing", polarity: "up",
    numerator: "children under 16 looked after for 2.5+ years who were in the same placement for 2+ years",
    denominator: "children under 16 looked after continuously for 2.5 years or more",
    definition: "Children under 16 looked after for at least 2.5 years who lived in the same placement for at least 2 years, as a percentage",
    role: "driver", beta: 0.75, centre: 69, spread: 0.6, stability: DRIVER_STABILITY, base: "cla", baseShare: 0.3,
  }),
  // ---- near-duplicates of drivers ----
  pct({
    indicator: "rereferral_12m_lait_pct", label: "Re-referrals within 12 months, LAIT series (%)", domain: "child-safe", polarity: "down",
    numerator: "re-referrals within 12 months (LAIT definition)", denominator: "referrals in the year (LAIT definition)",
    definition: "The same concept as rereferral_12m_pct from a second publication with a slightly different count; returned by fewer LAs",
    role: "near-duplicate", duplicateOf: "rereferral_12m_pct", duplicateCorrelation: 0.97,
    centre: 22, spread: 0.35, stability: DRIVER_STABILITY, base: "referrals", baseShare: 0.97, missingLaShare: 0.1, missingCellRate: 0.1,
  }),
  pct({
    indicator: "assessment_45d_q4_pct", label: "Assessments completed within 45 working days, last quarter (%)", domain: "reaching-children", polarity: "up",
    numerator: "assessments completed January–March within 45 working days", denominator: "assessments completed January–March",
    definition: "The same concept as assessment_45d_pct counted over the last quarter of the year only: a quarter of the base, so noisier and less stable",
    role: "near-duplicate", duplicateOf: "assessment_45d_pct", duplicateCorrelation: 0.96,
    centre: 84, spread: 0.55, stability: 0, base: "referrals", baseShare: 0.225,
  }),
  // ---- confounded: driven by deprivation only ----
  pct({
    indicator: "care_leavers_eet_pct", label: "Care leavers aged 19–21 in education, employment or training (%)", domain: "child-education", polarity: "up",
    numerator: "care leavers aged 19–21 in education, employment or training", denominator: "care leavers aged 19–21",
    definition: "Care leavers aged 19, 20 and 21 in education, employment or training, as a percentage of care leavers of those ages",
    role: "confounded", deprivationLoading: 0.95, centre: 53, spread: 0.45, stability: 0.6, base: "cla", baseShare: 0.33,
  }),
  pct({
    indicator: "cin_persistent_absence_pct", label: "Children in need persistently absent from school (%)", domain: "child-education", polarity: "down",
    numerator: "children in need missing 10% or more of school sessions", denominator: "school-age children in need",
    definition: "School-age children in need who missed at least 10% of possible sessions, as a percentage",
    role: "confounded", deprivationLoading: 0.95, centre: 30, spread: 0.35, stability: 0.6, base: "cin", baseShare: 0.55,
  }),
  // ---- unreliable: associated within a year, reshuffled every year ----
  {
    indicator: "adoption_a1_days", label: "Days from entering care to moving in with adoptive family (average)", domain: "child-safe", polarity: "down",
    unit: "score", numerator: "", denominator: "children adopted in the year",
    definition: "Average number of days between a child entering care and moving in with their adoptive family, for children adopted in the year (score = days)",
    role: "unreliable", beta: 0.35, centre: 480, spread: 90, unitSd: 220, stability: 0, base: "cla", baseShare: 0.06,
    missingLaShare: 0, missingCellRate: USUAL_MISSING,
  },
  // ---- incomplete: informative but returned by about half of LA-years ----
  pct({
    indicator: "cla_review_views_pct", label: "Children looked after who gave their views at reviews (%)", domain: "valued-and-involved", polarity: "up",
    numerator: "children aged 4+ who communicated their views at their reviews", denominator: "children aged 4+ looked after with a review in the year",
    definition: "Children looked after aged 4 or over who communicated their views at statutory reviews, as a percentage (a voluntary return)",
    role: "incomplete", qualityLoading: 0.7, centre: 88, spread: 0.6, stability: 0.7, base: "cla", baseShare: 0.75,
    missingLaShare: 0.45, missingCellRate: 0.15,
  }),
  // ---- noise: own random streams, independent of quality, deprivation and the outcome ----
  {
    indicator: "referral_rate_per_10k", label: "Referrals per 10,000 children", domain: "reaching-children", polarity: "none", unit: "rate_per_10k",
    numerator: "referrals to children's social care in the year", denominator: "children aged 0–17 (mid-year estimate)",
    definition: "Referrals in the year per 10,000 children aged 0–17", role: "noise", fromBase: "referrals",
    centre: 540, spread: 0, stability: 0.8, base: "child_population", baseShare: 1, missingLaShare: 0, missingCellRate: 0,
  },
  {
    indicator: "cla_rate_per_10k", label: "Children looked after per 10,000 children", domain: "child-safe", polarity: "none", unit: "rate_per_10k",
    numerator: "children looked after at 31 March", denominator: "children aged 0–17 (mid-year estimate)",
    definition: "Children looked after at 31 March per 10,000 children aged 0–17", role: "noise", fromBase: "cla",
    centre: 65, spread: 0, stability: 0.9, base: "child_population", baseShare: 1, missingLaShare: 0, missingCellRate: 0,
  },
  {
    indicator: "s47_rate_per_10k", label: "Section 47 enquiries per 10,000 children", domain: "child-safe", polarity: "none", unit: "rate_per_10k",
    numerator: "section 47 enquiries started in the year", denominator: "children aged 0–17 (mid-year estimate)",
    definition: "Section 47 enquiries started in the year per 10,000 children", role: "noise",
    centre: 160, spread: 0.3, stability: 0.75, base: "child_population", baseShare: 1, missingLaShare: 0, missingCellRate: USUAL_MISSING,
  },
  {
    indicator: "cpp_rate_per_10k", label: "Child protection plans per 10,000 children", domain: "child-safe", polarity: "none", unit: "rate_per_10k",
    numerator: "children subject to a child protection plan at 31 March", denominator: "children aged 0–17 (mid-year estimate)",
    definition: "Children subject to a child protection plan at 31 March per 10,000 children", role: "noise",
    centre: 42, spread: 0.3, stability: 0.75, base: "child_population", baseShare: 1, missingLaShare: 0, missingCellRate: USUAL_MISSING,
  },
  {
    indicator: "early_help_rate_per_10k", label: "Children receiving early help per 10,000", domain: "reaching-children", polarity: "up", unit: "rate_per_10k",
    numerator: "children with an early help assessment in the year", denominator: "children aged 0–17 (mid-year estimate)",
    definition: "Children with an early help assessment in the year per 10,000 children (a voluntary return)", role: "noise",
    centre: 150, spread: 0.45, stability: 0.7, base: "child_population", baseShare: 1, missingLaShare: 0, missingCellRate: 0.06,
  },
  pct({
    indicator: "cpp_second_time_pct", label: "Child protection plans for a second or subsequent time (%)", domain: "child-safe", polarity: "down",
    numerator: "children becoming subject of a plan for the second or subsequent time", denominator: "children becoming subject of a plan in the year",
    definition: "Children who became subject of a child protection plan in the year for a second or later time, as a percentage", role: "noise",
    centre: 22, spread: 0.3, stability: 0.6, base: "child_population", baseShare: 0.0045,
  }),
  pct({
    indicator: "cpp_2years_pct", label: "Child protection plans lasting 2 years or more (%)", domain: "child-safe", polarity: "down",
    numerator: "plans ending in the year that had lasted 2 years or more", denominator: "child protection plans ending in the year",
    definition: "Child protection plans that ended in the year after lasting 2 years or more, as a percentage of plans ending", role: "noise",
    centre: 3.5, spread: 0.5, stability: 0.5, base: "child_population", baseShare: 0.0045,
  }),
  pct({
    indicator: "cla_3plus_placements_pct", label: "Children looked after with 3+ placements in the year (%)", domain: "child-safe", polarity: "down",
    numerator: "children looked after with three or more placements in the year", denominator: "children looked after at 31 March",
    definition: "Short-term placement stability: children looked after at 31 March with three or more placements during the year", role: "noise",
    centre: 10, spread: 0.3, stability: 0.6, base: "cla", baseShare: 1,
  }),
  pct({
    indicator: "cla_missing_pct", label: "Children looked after who went missing (%)", domain: "child-safe", polarity: "down",
    numerator: "children looked after who had a missing incident in the year", denominator: "children looked after during the year",
    definition: "Children looked after during the year who went missing at least once, as a percentage", role: "noise",
    centre: 11, spread: 0.4, stability: 0.7, base: "cla", baseShare: 1.4,
  }),
  pct({
    indicator: "cla_offending_pct", label: "Children looked after convicted or cautioned (%)", domain: "child-wellbeing", polarity: "down",
    numerator: "children aged 10–17 looked after 12+ months convicted or given a youth caution", denominator: "children aged 10–17 looked after for 12 months or more",
    definition: "Children aged 10–17 looked after for at least 12 months who were convicted or subject to a youth caution in the year", role: "noise",
    centre: 4, spread: 0.4, stability: 0.5, base: "cla", baseShare: 0.6,
  }),
  pct({
    indicator: "cla_health_assessment_pct", label: "Children looked after with an up-to-date health assessment (%)", domain: "child-wellbeing", polarity: "up",
    numerator: "children looked after 12+ months with health assessments up to date", denominator: "children looked after for 12 months or more",
    definition: "Children looked after continuously for 12 months at 31 March whose health assessments were up to date", role: "noise",
    centre: 90, spread: 0.6, stability: 0.6, base: "cla", baseShare: 0.65,
  }),
  pct({
    indicator: "cla_dental_check_pct", label: "Children looked after with an up-to-date dental check (%)", domain: "child-wellbeing", polarity: "up",
    numerator: "children looked after 12+ months whose teeth had been checked by a dentist", denominator: "children looked after for 12 months or more",
    definition: "Children looked after continuously for 12 months at 31 March whose teeth had been checked by a dentist in the year (dips in 2021 as dentistry closed)", role: "noise",
    centre: 84, spread: 0.6, stability: 0.6, base: "cla", baseShare: 0.65, periodShift: { 2021: -1.9, 2022: -0.6 },
  }),
  {
    indicator: "cla_sdq_avg", label: "Average SDQ score of children looked after", domain: "child-wellbeing", polarity: "down", unit: "score",
    numerator: "", denominator: "children aged 5–16 looked after 12+ months with an SDQ score",
    definition: "Average Strengths and Difficulties Questionnaire total score (0–40) of children aged 5–16 looked after for 12 months or more", role: "noise",
    centre: 14, spread: 1, unitSd: 6.5, stability: 0.6, base: "cla", baseShare: 0.4, missingLaShare: 0, missingCellRate: 0.04,
  },
  pct({
    indicator: "cla_ks2_rwm_pct", label: "Children looked after reaching the expected standard at KS2 (%)", domain: "child-education", polarity: "up",
    numerator: "children looked after reaching the expected standard in reading, writing and maths", denominator: "children looked after 12+ months at the end of KS2",
    definition: "Children looked after for 12 months or more reaching the expected standard in reading, writing and maths at key stage 2 (from 2016)", role: "noise",
    centre: 37, spread: 0.3, stability: 0.4, base: "cla", baseShare: 0.1, firstPeriod: 2016,
  }),
  {
    indicator: "cla_attainment8_avg", label: "Average Attainment 8 score of children looked after", domain: "child-education", polarity: "up", unit: "score",
    numerator: "", denominator: "children looked after 12+ months at the end of KS4",
    definition: "Average Attainment 8 score of children looked after for 12 months or more at the end of key stage 4 (from 2016)", role: "noise",
    centre: 19, spread: 2, unitSd: 15, stability: 0.4, base: "cla", baseShare: 0.07, missingLaShare: 0, missingCellRate: USUAL_MISSING, firstPeriod: 2016,
  },
  pct({
    indicator: "cla_suspension_pct", label: "Children looked after with at least one suspension (%)", domain: "child-education", polarity: "down",
    numerator: "children looked after 12+ months with at least one suspension", denominator: "school-age children looked after for 12 months or more",
    definition: "School-age children looked after for 12 months or more with at least one suspension (fixed-period exclusion) in the year", role: "noise",
    centre: 11, spread: 0.35, stability: 0.6, base: "cla", baseShare: 0.5,
  }),
  pct({
    indicator: "care_leavers_accommodation_pct", label: "Care leavers aged 19–21 in suitable accommodation (%)", domain: "valued-and-involved", polarity: "up",
    numerator: "care leavers aged 19–21 in suitable accommodation", denominator: "care leavers aged 19–21",
    definition: "Care leavers aged 19, 20 and 21 whose accommodation was judged suitable, as a percentage", role: "noise",
    centre: 86, spread: 0.5, stability: 0.6, base: "cla", baseShare: 0.33,
  }),
  pct({
    indicator: "care_leavers_in_touch_pct", label: "Care leavers aged 19–21 the LA is in touch with (%)", domain: "valued-and-involved", polarity: "up",
    numerator: "care leavers aged 19–21 in touch with the LA", denominator: "care leavers aged 19–21",
    definition: "Care leavers aged 19, 20 and 21 with whom the LA was in touch around their birthday, as a percentage", role: "noise",
    centre: 92, spread: 0.5, stability: 0.6, base: "cla", baseShare: 0.33,
  }),
  pct({
    indicator: "cla_foster_pct", label: "Children looked after in foster placements (%)", domain: "valued-and-involved", polarity: "up",
    numerator: "children looked after in foster placements at 31 March", denominator: "children looked after at 31 March",
    definition: "Children looked after at 31 March who were placed with foster carers, as a percentage", role: "noise",
    centre: 71, spread: 0.25, stability: 0.8, base: "cla", baseShare: 1,
  }),
  pct({
    indicator: "cla_placed_20miles_pct", label: "Children looked after placed more than 20 miles from home (%)", domain: "valued-and-involved", polarity: "down",
    numerator: "children looked after placed more than 20 miles from home", denominator: "children looked after at 31 March",
    definition: "Children looked after at 31 March placed more than 20 miles from their home address, as a percentage", role: "noise",
    centre: 15, spread: 0.35, stability: 0.75, base: "cla", baseShare: 1,
  }),
  pct({
    indicator: "cla_adopted_pct", label: "Children leaving care who were adopted (%)", domain: "child-safe", polarity: "up",
    numerator: "children who ceased to be looked after because they were adopted", denominator: "children who ceased to be looked after in the year",
    definition: "Children leaving care in the year through adoption, as a percentage of all children leaving care", role: "noise",
    centre: 12, spread: 0.35, stability: 0.5, base: "cla", baseShare: 0.45,
  }),
  pct({
    indicator: "cla_sgo_pct", label: "Children leaving care through a special guardianship order (%)", domain: "child-safe", polarity: "none",
    numerator: "children who ceased to be looked after through a special guardianship order", denominator: "children who ceased to be looked after in the year",
    definition: "Children leaving care in the year through a special guardianship order, as a percentage of all children leaving care", role: "noise",
    centre: 11, spread: 0.35, stability: 0.5, base: "cla", baseShare: 0.45,
  }),
  pct({
    indicator: "uasc_pct", label: "Unaccompanied asylum-seeking children among children looked after (%)", domain: "context", polarity: "none",
    numerator: "unaccompanied asylum-seeking children looked after at 31 March", denominator: "children looked after at 31 March",
    definition: "Unaccompanied asylum-seeking children as a percentage of children looked after at 31 March", role: "noise",
    centre: 6, spread: 0.8, stability: 0.8, base: "cla", baseShare: 1,
  }),
  pct({
    indicator: "sw_agency_pct", label: "Agency social workers (% of FTE)", domain: "workforce", polarity: "down",
    numerator: "agency social workers (FTE) at 30 September", denominator: "all children's social workers incl. agency (FTE) at 30 September",
    definition: "Agency social workers as a percentage of all children's social workers (FTE), attached to the year ending the next March", role: "noise",
    centre: 16, spread: 0.5, stability: 0.75, base: "social_workers", baseShare: 1.15,
  }),
  pct({
    indicator: "sw_vacancy_pct", label: "Social worker vacancy rate (% of FTE posts)", domain: "workforce", polarity: "down",
    numerator: "vacant social worker posts (FTE) at 30 September", denominator: "social worker posts (FTE) at 30 September",
    definition: "Vacant children's social worker posts as a percentage of all posts (FTE), attached to the year ending the next March", role: "noise",
    centre: 17, spread: 0.45, stability: 0.7, base: "social_workers", baseShare: 1.2,
  }),
  {
    indicator: "sw_caseload_avg", label: "Average caseload per case-holding social worker", domain: "workforce", polarity: "down", unit: "ratio",
    numerator: "cases held by case-holding social workers at 30 September", denominator: "case-holding social workers (FTE) at 30 September",
    definition: "Cases held divided by case-holding children's social workers (FTE), attached to the year ending the next March", role: "noise",
    centre: 16.5, spread: 0.15, stability: 0.7, base: "social_workers", baseShare: 0.8, missingLaShare: 0, missingCellRate: USUAL_MISSING,
  },
  pct({
    indicator: "sw_sickness_pct", label: "Social worker sickness absence (% of working days)", domain: "workforce", polarity: "down",
    numerator: "working days lost to sickness absence", denominator: "working days available (220 per FTE)",
    definition: "Days lost to sickness absence by children's social workers as a percentage of working days available (220 days per FTE)", role: "noise",
    centre: 3, spread: 0.25, stability: 0.6, base: "social_workers", baseShare: 220,
  }),
  {
    indicator: "dcs_changes_3y", label: "Changes of Director of Children's Services in 3 years", domain: "conditions-and-culture", polarity: "down", unit: "count",
    numerator: "", denominator: "",
    definition: "Number of times the Director of Children's Services changed in the three years to 31 March (a count of posts, not of children: never suppressed)", role: "noise",
    centre: 0.6, spread: 0.4, stability: 0.5, base: null, baseShare: 0, missingLaShare: 0, missingCellRate: USUAL_MISSING, suppress: false,
  },
  pct({
    indicator: "sw_supervision_pct", label: "Social workers supervised at least monthly (%)", domain: "conditions-and-culture", polarity: "up",
    numerator: "social workers receiving supervision at least monthly", denominator: "children's social workers (FTE) at 30 September",
    definition: "Children's social workers who received case supervision at least monthly, as a percentage (a voluntary return)", role: "noise",
    centre: 78, spread: 0.6, stability: 0.7, base: "social_workers", baseShare: 1, missingCellRate: 0.06,
  }),
  pct({
    indicator: "sw_manageable_caseload_pct", label: "Social workers reporting a manageable caseload (%)", domain: "conditions-and-culture", polarity: "up",
    numerator: "survey respondents reporting a manageable caseload", denominator: "social workers responding to the workforce survey",
    definition: "Respondents to an annual workforce survey who described their caseload as manageable, as a percentage", role: "noise",
    centre: 62, spread: 0.4, stability: 0.6, base: "social_workers", baseShare: 0.45, missingCellRate: 0.08,
  }),
];
