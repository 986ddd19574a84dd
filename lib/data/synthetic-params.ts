/**
 * Parameters of the synthetic pilot dataset (`vital-signs synth`), all in one place.
 *
 * The generator (lib/data/synthetic.ts) reads nothing else: every effect size, spread, share and
 * missingness rate below is a named, documented number, and the whole object is written to
 * `truth.json` so a dataset says exactly how it was made.
 *
 * **The planted model** (per LA i and period t; every latent factor is standard normal):
 *
 *     Q[i,t] = Σ_k β_k · Z_k[i,t]  +  β_W · W[i,t]  −  β_D · D[i]  +  σ_u · u[i]
 *     y*     = Q[i,t] + s · L,   L ~ standard logistic
 *     grade  = 1 Outstanding if y* > c₁, 2 Good if c₂ < y* ≤ c₁, 3 RI if c₃ < y* ≤ c₂, 4 Inadequate otherwise
 *
 * - Z_k: the latent of driver indicator k (LA effect + year noise, year-to-year correlation `stability`);
 * - W: the latent of the "unreliable" indicator (fresh every year: year-to-year correlation 0);
 * - D: deprivation (region effect + LA noise; IDACI and IMD are near-exact linear measures of it);
 * - u: unmeasured LA quality (leadership, say) that no indicator sees;
 * - c₁ > c₂ > c₃ are calibrated so the population shares of grades 1–4 are `gradeShares`.
 *
 * In proportional-odds form, logit P(grade ≤ g) = (Q − c_g)/s, so R's `MASS::polr(grade ~ Z)` on the
 * latent factors would estimate −β_k/s (recorded per driver in truth.json as `polr_coefficient`).
 *
 * Noise indicators are drawn from their own random streams that never see Q, D or the outcome, so they are
 * exactly independent of the outcome; the tests prove it by changing β and checking their rows do not move.
 */
import type { Domain, Polarity, Unit } from "./types";

/** The role an indicator plays in the planted truth, and so what a correct analysis should conclude. */
export type SyntheticRole = "driver" | "near-duplicate" | "confounded" | "unreliable" | "incomplete" | "noise";

/**
 * The count series an indicator's denominator is a share of. All are independent of deprivation and
 * quality, except `cin` (children in need), which rises with deprivation as in real data.
 */
export type SyntheticBase = "child_population" | "referrals" | "cla" | "social_workers" | "cin";

/** How one indicator is generated. Values on the link scale: logit (percent), log (rates, ratios, counts), identity (scores). */
export interface SyntheticIndicatorSpec {
  indicator: string;
  label: string;
  domain: Domain;
  polarity: Polarity;
  unit: Unit;
  /** What the numerator counts ("" for scores and counts). */
  numerator: string;
  /** What the denominator counts ("" for counts). */
  denominator: string;
  definition: string;
  role: SyntheticRole;
  /** Typical value in the indicator's unit (percent 0–100, rate per 10,000, ratio, score or count). */
  centre: number;
  /** Between-LA standard deviation on the link scale (logit, log, or the score's own unit). */
  spread: number;
  /** Year-to-year correlation of the indicator's own latent (LA effect share of its variance). */
  stability: number;
  /** Denominator series and the share of it that forms the denominator (percent, ratio, score cohort). */
  base: SyntheticBase | null;
  baseShare: number;
  /** For `rate_per_10k` indicators that are a base series per 10,000 children (numerator = the base count). */
  fromBase?: SyntheticBase;
  /** Scores only: standard deviation of one child's score (sampling noise of the average = sd/√cohort). */
  unitSd?: number;
  /** driver: coefficient of the indicator's latent in Q (standardised: latent and Q's parts are N(0,1)). */
  beta?: number;
  /** near-duplicate: the driver it duplicates, and the correlation of the two latents. */
  duplicateOf?: string;
  duplicateCorrelation?: number;
  /** confounded: correlation of the latent with −D (deprivation lowers its "good" direction). */
  deprivationLoading?: number;
  /** incomplete: correlation of the latent with the non-deprivation part of quality (it is informative, but rarely there). */
  qualityLoading?: number;
  /** Share of LAs that never return the indicator (status not-available:x every period). */
  missingLaShare: number;
  /** Probability that a returning LA's value is not available in a given period. */
  missingCellRate: number;
  /** First period the indicator exists (earlier periods are not-available:x), if later than the data. */
  firstPeriod?: number;
  /** Period shifts on the link scale (e.g. the 2021 dip of dental checks), applied to every LA. */
  periodShift?: Readonly<Record<number, number>>;
  /** false for counts that are not counts of children (never suppressed). Default true. */
  suppress?: boolean;
}

/** A region: real ONS code and name, how many synthetic LAs it holds of each code type, and its deprivation shift. */
export interface SyntheticRegion {
  code: string;
  name: string;
  /** LAs by ONS entity type: E06 unitary, E08 metropolitan district, E09 London borough, E10 county. */
  counts: Readonly<Partial<Record<"E06" | "E08" | "E09" | "E10", number>>>;
  /** Mean of deprivation D in the region, before centring (NE, NW most deprived; SE least). */
  deprivationShift: number;
}

/** Every parameter of the generator. */
export interface SyntheticParams {
  seed: number;
  firstPeriod: number;
  lastPeriod: number;
  regions: readonly SyntheticRegion[];
  quality: {
    /** Effect of deprivation on Q (Q falls by β_D per SD of D). */
    betaDeprivation: number;
    /** SD of the unmeasured LA quality u. */
    sigmaUnmeasured: number;
    /** Scale s of the logistic noise of an inspection's judgement. */
    logisticScale: number;
    /** Target population shares of grades 1 (Outstanding) … 4 (Inadequate). */
    gradeShares: readonly [number, number, number, number];
  };
  inspections: {
    /** First and last publication date of an inspection (attached periods firstPeriod … lastPeriod). */
    firstDate: string;
    lastDate: string;
    /** Days from the start to an LA's first inspection: uniform on [0, firstWithinDays). */
    firstWithinDays: number;
    /** Days between inspections: uniform on [minGapDays, maxGapDays). */
    minGapDays: number;
    maxGapDays: number;
    /**
     * "one": only each LA's latest inspection is kept (one judgement per LA, as real ILACS data give over a
     * cycle); the others are drawn all the same, so every other value is identical. Absent or "all": every one.
     */
    judgements?: "all" | "one";
  };
  context: {
    /** IDACI score = idaciCentre + idaciPerSd · D (+ tiny edition noise), clamped to [0.02, 0.5]. */
    idaciCentre: number;
    idaciPerSd: number;
    /** IMD score = imdCentre + imdPerSd · (0.92 D + 0.39 e). */
    imdCentre: number;
    imdPerSd: number;
    /** First period that uses the 2019 edition of the Indices of Deprivation (earlier: 2015 edition). */
    iod2019FromPeriod: number;
    /** Child population (0–17) in the first period: log-normal, median and log-SD, truncated to [min, max]. */
    childPopulationMedian: number;
    childPopulationLogSd: number;
    childPopulationMin: number;
    childPopulationMax: number;
    /** Children in need per 10,000: median and log-effect of one SD of deprivation. */
    cinRateMedian: number;
    cinRatePerSdDeprivation: number;
  };
  bases: {
    /** Children looked after per 10,000 (median, LA log-SD); CLA counts are clamped to [claMin, claMax]. */
    claRateMedian: number;
    claRateLogSd: number;
    claMin: number;
    claMax: number;
    /** Referrals per 10,000 children (median, LA log-SD). */
    referralRateMedian: number;
    referralRateLogSd: number;
    /** Children's social workers (FTE) per 10,000 children (median, LA log-SD). */
    socialWorkersPer10kMedian: number;
    socialWorkersLogSd: number;
  };
  indicators: readonly SyntheticIndicatorSpec[];
}

/** Default seed of the committed dataset `datasets/pilot-synthetic` (1 January 2019, the framework's year). */
export const DEFAULT_SYNTH_SEED = 20190101;

/** Version of the generator; changes whenever the same seed would give different bytes. */
export const SYNTH_GENERATOR_VERSION = "1.0.0";

/**
 * `created` of every synthetic datapackage.json: the date this generator version was fixed, not the run
 * time, so the same seed gives byte-identical files.
 */
export const SYNTH_CREATED = "2026-11-23T00:00:00Z";

/** Outcome id of the synthetic Ofsted-like judgement. */
export const SYNTH_OUTCOME = "ofsted_overall";

/** Published labels of grades 1–4. */
export const SYNTH_GRADE_LABELS = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"] as const;

/** Counts of children 1–5 are suppressed (DfE's CIN/CLA convention, symbol `c`); zero is published. */
export const SYNTH_SUPPRESS_MAX = 5;

/**
 * The nine English regions (real 2019 ONS codes) with the synthetic LAs they hold: 150 in all, a mix of
 * types like England's 152 (London 32 boroughs; the north's metropolitan districts; the shires' counties).
 * Deprivation shifts mirror the real ordering of IDACI by region.
 */
export const SYNTH_REGIONS: readonly SyntheticRegion[] = [
  { code: "E12000001", name: "North East", counts: { E06: 7, E08: 5 }, deprivationShift: 0.6 },
  { code: "E12000002", name: "North West", counts: { E06: 11, E08: 10, E10: 2 }, deprivationShift: 0.45 },
  { code: "E12000003", name: "Yorkshire and The Humber", counts: { E06: 5, E08: 9, E10: 1 }, deprivationShift: 0.35 },
  { code: "E12000004", name: "East Midlands", counts: { E06: 5, E10: 4 }, deprivationShift: 0.0 },
  { code: "E12000005", name: "West Midlands", counts: { E06: 5, E08: 7, E10: 2 }, deprivationShift: 0.3 },
  { code: "E12000006", name: "East of England", counts: { E06: 6, E10: 5 }, deprivationShift: -0.45 },
  { code: "E12000007", name: "London", counts: { E09: 32 }, deprivationShift: 0.2 },
  { code: "E12000008", name: "South East", counts: { E06: 13, E10: 6 }, deprivationShift: -0.65 },
  { code: "E12000009", name: "South West", counts: { E06: 14, E10: 1 }, deprivationShift: -0.3 },
];

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

/**
 * The default parameters. Effect sizes on Q: drivers β = 0.75–0.85, deprivation 0.75, the unreliable indicator
 * 0.35, unmeasured quality 0.25; logistic scale 0.35. Then Var(Q) = 3.235, sd(y*) ≈ 1.91, and each driver's
 * latent correlates 0.39–0.45 with an inspection's latent judgement y* (deprivation 0.39, the unreliable
 * latent 0.18). Observed indicator–grade Spearman correlations, latest inspection of 150 LAs, are about
 * 0.2–0.5 for drivers and 0.2–0.4 for the confounded indicators (seeds 1–9 and the default), and noise
 * indicators reach |r| ≈ 0.15 by chance: every driver is recoverable, but not trivially. Checks:
 * tests/data/synthetic.test.ts; numbers for the committed seed: datasets/pilot-synthetic/README.md.
 */
export const DEFAULT_SYNTH_PARAMS: SyntheticParams = {
  seed: DEFAULT_SYNTH_SEED,
  firstPeriod: 2014,
  lastPeriod: 2023,
  regions: SYNTH_REGIONS,
  quality: {
    betaDeprivation: 0.75,
    sigmaUnmeasured: 0.25,
    logisticScale: 0.35,
    // Ofsted-like: about 10% Outstanding, 45% Good, 30% Requires improvement, 15% Inadequate.
    gradeShares: [0.1, 0.45, 0.3, 0.15],
  },
  inspections: {
    firstDate: "2014-04-01",
    lastDate: "2024-03-31",
    firstWithinDays: 1095,
    // About every 3 years (30–42 months).
    minGapDays: 913,
    maxGapDays: 1278,
  },
  context: {
    // IDACI 2019 LA averages run from about 0.05 to 0.35 (mean ≈ 0.17).
    idaciCentre: 0.17,
    idaciPerSd: 0.065,
    // IMD 2019 LA average scores run from about 8 to 45 (mean ≈ 22).
    imdCentre: 22,
    imdPerSd: 8,
    iod2019FromPeriod: 2019,
    childPopulationMedian: 60000,
    childPopulationLogSd: 0.6,
    childPopulationMin: 20000,
    childPopulationMax: 300000,
    // CIN rates per 10,000 run from about 200 to 600 (England ≈ 330).
    cinRateMedian: 330,
    cinRatePerSdDeprivation: 0.18,
  },
  bases: {
    claRateMedian: 65,
    claRateLogSd: 0.3,
    claMin: 100,
    claMax: 1500,
    referralRateMedian: 540,
    referralRateLogSd: 0.25,
    socialWorkersPer10kMedian: 28,
    socialWorkersLogSd: 0.2,
  },
  indicators: SYNTH_INDICATORS,
};

/**
 * The default parameters with another seed.
 * @example
 * generateSyntheticPilot(syntheticParams(7));
 */
export function syntheticParams(seed: number): SyntheticParams {
  return { ...DEFAULT_SYNTH_PARAMS, seed };
}

/**
 * Parts of the fictional LA names. Names are prefix + suffix (counties: prefix + "shire"), drawn in a fixed
 * order that does not depend on the seed, and checked in the tests against the names of real English
 * authorities. Any resemblance to a real place is a coincidence.
 */
export const SYNTH_NAME_PREFIXES: readonly string[] = [
  "North", "Ash", "Brook", "Elm", "Fen", "Holl", "Kes", "Lang", "Mar", "Oak", "Pen", "Raven", "Silver", "Thorn",
  "Wil", "Ald", "Bram", "Cal", "Dun", "Ever", "Glen", "Hart", "Iver", "Kel", "Lin", "Moor", "Nor", "Orm", "Pol",
  "Quen", "Ros", "Star", "Tarn", "Ull", "Vale", "Wend", "Yarl", "Zen", "Bel", "Cor",
];
export const SYNTH_NAME_SUFFIXES: readonly string[] = [
  "bridge", "ford", "mouth", "worth", "field", "wick", "stead", "combe", "haven", "gate", "dale", "ley", "mere", "holt",
];
/** Combinations that are names of real English authorities (from the ONS LTLA–UTLA lookup, April 2023): never used. */
export const SYNTH_NAME_EXCLUDED: readonly string[] = ["Ashford", "Ashfield", "Elmbridge"];
