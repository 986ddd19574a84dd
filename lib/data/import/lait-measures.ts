/**
 * Which measures of LAIT's big data sheet are imported (children's social care topics), how their years and
 * values are read against the EES/SFR series of the same measure, and where LAIT-only measures sit in the
 * National Framework (a rule per kind of measure, each saying why).
 */
import { defaultFrameworkTags, type FrameworkTags } from "../framework";
import type { CatalogueRow } from "../types";

/** Default tags of a LAIT topic's measures (before {@link LAIT_FRAMEWORK_RULES}). */
export const LAIT_TOPIC_FRAMEWORK: Readonly<Record<string, FrameworkTags>> = Object.freeze({
  "Children in Need": { framework_role: "practice", framework_area: "family-help" },
  "Child Protection": { framework_role: "practice", framework_area: "safety" },
  "Children Looked After": { framework_role: "practice", framework_area: "stability" },
  "Children's Services Workforce": { framework_role: "enabler", framework_area: "workforce" },
  Adoption: { framework_role: "practice", framework_area: "stability" },
});

/**
 * Tags of LAIT-only measures, by a rule on the LAIT dictionary: the first rule whose test matches the measure
 * (code, name, unit) wins, else the topic's default ({@link LAIT_TOPIC_FRAMEWORK}). Counts and rates per
 * 10,000 describe the volume of need and activity (context); attainment, absence and exclusions are
 * education outcomes; and so on, each rule saying why.
 */
export const LAIT_FRAMEWORK_RULES: readonly { why: string; test: (m: { code: string; measure: string; unit: string; topic: string }) => boolean; tags: FrameworkTags }[] = Object.freeze([
  // before the workforce rule: a number of social workers, of cases held, of starters or leavers grows with the
  // LA's size (its rate — turnover, caseload — is the enabler); tagged enabler, the number of social workers "held"
  // across 9 child outcomes in `analyse --outcomes child` of the official package, as a measure of size
  { why: "counts of the workforce and its cases (social workers, cases held, starters, leavers) describe the LA's size", test: (m) => m.topic === "Children's Services Workforce" && m.unit === "count", tags: { framework_role: "context", framework_area: "need" } },
  { why: "workforce measures are an enabler", test: (m) => m.topic === "Children's Services Workforce", tags: { framework_role: "enabler", framework_area: "workforce" } },
  // before the rule on counts: these count the young people a leaving-care outcome counts (its numerator), so they
  // are left out of that outcome's candidates with it (lib/vitals/candidate-exclusions.ts); the panel of care
  // leavers' EET had called the count of care leavers in EET a candidate lever
  { why: "counts of care leavers in education, employment, suitable accommodation or higher education are the numerators of leaving-care outcomes", test: (m) => m.unit === "count" && /CareLeaverEET|CareLeaverAcc|LAC_19_HE/i.test(m.code), tags: { framework_role: "child-outcome", framework_area: "leaving-care" } },
  { why: "counts and rates per 10,000 describe the volume of need and activity", test: (m) => m.unit === "count" || m.unit === "rate_per_10k", tags: { framework_role: "context", framework_area: "need" } },
  { why: "characteristics of the children (SEN, free school meals, unaccompanied asylum seekers) are need", test: (m) => /SEN|FSM|Statement|Unacc|UASC/.test(m.code), tags: { framework_role: "context", framework_area: "need" } },
  { why: "attainment, development, absence and exclusions are education outcomes", test: (m) => /KS2|KS4|Attain|Prog8|EngMaths|EngBac|Good[\s_]*Develop|Ab_3Term|Abs|Unauth|Exclusion|Fixed/i.test(m.code), tags: { framework_role: "child-outcome", framework_area: "education" } },
  // before the rule on staying put: care leavers the LA is not in touch with are the third part of the activity
  // breakdown whose other parts are the EET and NEET outcomes (EET + NEET + not in touch ≈ 100% in the official
  // package), so it is left out of their candidates with them; tagged practice, it was the holdout's first "vital
  // sign" for care leavers' EET (q = 1.8e-11), by construction
  { why: "care leavers the LA is not in touch with are the third part of the activity breakdown of which EET and NEET are leaving-care outcomes", test: (m) => /NotInTouch/i.test(m.code), tags: { framework_role: "child-outcome", framework_area: "leaving-care" } },
  { why: "staying put is what the service does for care leavers", test: (m) => /StayingPut/i.test(m.code), tags: { framework_role: "practice", framework_area: "leaving-care" } },
  { why: "care leavers' education, employment and accommodation are leaving-care outcomes", test: (m) => /CareLeaver|LAC_19_HE/i.test(m.code), tags: { framework_role: "child-outcome", framework_area: "leaving-care" } },
  { why: "placement and school stability are stability outcomes", test: (m) => /Stable|Stability_School/i.test(m.code), tags: { framework_role: "child-outcome", framework_area: "stability" } },
  { why: "social worker changes are practice stability", test: (m) => /Stability_SocialWorker/i.test(m.code), tags: { framework_role: "practice", framework_area: "stability" } },
  { why: "special guardianship and child arrangement orders are family-network permanence", test: (m) => /SGO|CAO/i.test(m.code), tags: { framework_role: "practice", framework_area: "family-network" } },
  { why: "returns home are family help", test: (m) => /RetHome/i.test(m.code), tags: { framework_role: "practice", framework_area: "family-help" } },
  { why: "missing and away episodes, convictions are safety outcomes", test: (m) => /missing|Away|Conviction/i.test(m.code), tags: { framework_role: "child-outcome", framework_area: "safety" } },
  { why: "emotional health and substance misuse are health outcomes", test: (m) => /Emotional|Substance/i.test(m.code), tags: { framework_role: "child-outcome", framework_area: "health-wellbeing" } },
  { why: "health checks, immunisations and dental checks are what the service arranges", test: (m) => /Health|Vaccination|Dental/i.test(m.code), tags: { framework_role: "practice", framework_area: "health-wellbeing" } },
]);

/**
 * Catalogue domains of LAIT-only measures that differ from their topic's ({@link LAIT_CSC_TOPICS}): the first rule
 * whose test matches wins. The domain follows the EES series of the same kind of measure, so that one kind of
 * outcome sits in one domain whichever source it came from: a walkthrough found CIN pupils' KS2 maths
 * (lait_cin_ks2_expstd_m) under "reaching-children" and looked-after pupils' KS2 under "child-wellbeing", while
 * the EES absence, KS2 and KS4 series of CIN, CLA and CPP pupils are all "child-education"; and care leavers' NEET
 * under "child-wellbeing" beside care_leavers_eet_19_21_pct in "child-education". (A measure with an EES
 * counterpart takes that indicator's domain.)
 */
export const LAIT_DOMAIN_RULES: readonly { why: string; test: (m: { code: string; measure: string; unit: string; topic: string }) => boolean; domain: CatalogueRow["domain"] }[] = Object.freeze([
  { why: "attainment, development, absence and exclusions are child-education, as the EES absence, KS2 and KS4 series of CIN, CLA and CPP pupils are", test: (m) => laitFrameworkTags(m).framework_area === "education", domain: "child-education" },
  { why: "care leavers in (or not in) education, employment or training, or in higher education, are child-education, as care_leavers_eet_19_21_pct is", test: (m) => /CareLeaverEET|CareLeaversNEET|LAC_19_HE/i.test(m.code), domain: "child-education" },
]);

/**
 * The catalogue domain of a LAIT-only measure without an EES counterpart: by {@link LAIT_DOMAIN_RULES}, else its
 * topic's ({@link LAIT_CSC_TOPICS}; "context" for a topic not listed there).
 * @example
 * laitDomain({ code: "CIN_KS2_ExpStd_M", measure: "% of CIN achieving expected standard KS2 in Maths", unit: "percent", topic: "Children in Need" }) // "child-education"
 * laitDomain({ code: "CINTime3months", measure: "Children in Need, by duration (under 3 months)", unit: "percent", topic: "Children in Need" }) // "reaching-children"
 */
export function laitDomain(m: { code: string; measure: string; unit: string; topic: string }): CatalogueRow["domain"] {
  return LAIT_DOMAIN_RULES.find((r) => r.test(m))?.domain ?? LAIT_CSC_TOPICS[m.topic] ?? "context";
}

/**
 * Labels of LAIT measures whose dictionary name reads against their scale, by measure code: "Emotional Health of
 * Looked after Children" is an average SDQ difficulties score (higher = more difficulties, polarity Low), so the
 * report's "LAs with lower Emotional Health … tend to have better …" read as the opposite of the finding. The
 * label says what the number is, from the dictionary's chart title.
 */
export const LAIT_LABELS: Readonly<Record<string, string>> = Object.freeze({
  Emotional_LAC: "Emotional and behavioural difficulties of looked after children (average SDQ score; lower is better)",
  // "Review of Child Protection Cases" named no measure: a statistician's audit (round 25) read "LAs with higher Review
  // of Child Protection Cases"; the dictionary's chart title is "Child protection cases that should have been
  // reviewed, that were reviewed (%)", from DfE's d6 CPPs reviewed within timescales
  RevCP: "Child protection cases reviewed within the required timescales (%)",
});

/**
 * Framework tags of a LAIT measure by {@link LAIT_FRAMEWORK_RULES} and {@link LAIT_TOPIC_FRAMEWORK}, with the reason.
 * @example
 * laitFrameworkTags({ code: "LAC_KS2_ExpStd_R", measure: "CLA Key Stage 2 - Expected Std Reading", unit: "percent", topic: "Children Looked After" })
 * // { framework_role: "child-outcome", framework_area: "education", why: "attainment, … are education outcomes" }
 */
export function laitFrameworkTags(m: { code: string; measure: string; unit: string; topic: string }): FrameworkTags & { why: string } {
  const rule = LAIT_FRAMEWORK_RULES.find((r) => r.test(m));
  if (rule !== undefined) return { ...rule.tags, why: rule.why };
  const topic = LAIT_TOPIC_FRAMEWORK[m.topic] ?? defaultFrameworkTags(LAIT_CSC_TOPICS[m.topic] ?? "context");
  return { ...topic, why: `default of the LAIT topic ${m.topic}` };
}

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
 * Rates per 10,000 children also agree when within this share of the EES value: LAIT and EES divide the same
 * published count by ONS estimates revised at different times (rebasing to Census 2021 moved LA child
 * populations by up to about 2 %); e.g. the CLA rate agrees exactly in 2020–2022 and within 2 % for 97.5 % of
 * LA-years overall (2016, 2023 and 2024 were revised).
 */
export const LAIT_RATE_RELATIVE_TOLERANCE = 0.02;
