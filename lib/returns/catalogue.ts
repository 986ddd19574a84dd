/**
 * Catalogue rows of the indicators computed from LAs' own returns. Ids are the official ones (the national
 * import uses the same, a LAIT id where LAIT alone publishes the measure: lait_continue_assess_comp), so an LA's own
 * figure and the published one can be compared side by side. Sources
 * start with "pilot:" (as for other record-level data the workbench aggregates itself): check-disclosure then
 * checks their counts, and merging into a package replaces earlier runs' rows.
 */
import type { CatalogueRow } from "../data/types";
import { HISTORY_FLAG, NO_BIRTH_DATE, NO_HISTORY_STATUS } from "./cla-indicators";
import { FIGURE_COLUMN_WORDS, REPEATED_CHILDREN_LEFT_OUT, type ChildOnceTable } from "./ssda903-repeated-children";
import { MIXED_YEARS_MIN_ROWS, MIXED_YEARS_SHARE } from "./ssda903-table-year";

/** Source of the SSDA903 indicators. */
export const SSDA903_SOURCE = "pilot:returns:ssda903 (the LA's own SSDA903 return, aggregated by vital-signs returns)";
/** Source of the CIN census indicators. */
export const CIN_SOURCE = "pilot:returns:cin-census (the LA's own CIN census, aggregated by vital-signs returns)";

/** Source added to an indicator's row when some LA's figure came from Ofsted Annex A lists. */
export const ANNEX_A_SOURCE = "pilot:returns:annex-a (the LA's own Ofsted Annex A lists, aggregated by vital-signs returns where no statutory return was given)";

const DFE_CLA = "DfE, Children looked after in England including adoptions (methodology and table notes)";

/**
 * What an OC2 or OC3 figure does with a child the table lists in more than one row (lib/returns/ssda903-repeated-children):
 * rows different in a column the figures read leave the child out, rows the same there are read once; said in the
 * definition, since it changes who is counted.
 */
const LISTED_TWICE = (table: ChildOnceTable): string =>
  `A child listed in more than one row of ${table} with rows that differ in a column the figures read (${FIGURE_COLUMN_WORDS[table]}; DfE's validation: a child is in ${table} once) is left out of numerator and denominator, since which row is the child's cannot be told; the import log counts them (warning '${REPEATED_CHILDREN_LEFT_OUT[table]}'), and a table where their rows are more than ${100 * MIXED_YEARS_SHARE}% of its rows (and ${MIXED_YEARS_MIN_ROWS} or more) is refused as two exports mixed. Exact copies of a row are read once, and so is a row of a child the same as an earlier row of the child in each column the figures read (codes in any case, dates however padded), other columns differing: the child is counted once.`;
const DFE_CIN = "DfE, Characteristics of children in need (methodology)";

/**
 * Why the assessments indicator has a LAIT id: the official import publishes this measure only from LAIT, as
 * lait_continue_assess_comp (DfE's CIN table C2, completed assessments by duration, gives none in the official data), and
 * under an id of its own (it was cin_assessments_45wd_pct) an LA's figure found no published one to be compared with.
 */
const ASSESSMENTS_ID =
  "The measure LAIT publishes as Continue_Assess_Comp ('Continuous assessments completed within 45 working days': assessments with an end date in the collection year, from DfE's children in need statistics, table C2 by duration from start to authorisation), so it has that id, as the official import gives it, and an LA's figure is compared with the published ones.";

/** The catalogue, by indicator id. Rates use the ONS population aged 0–17 (mid-year estimate of 30 June before). */
export const RETURNS_CATALOGUE: readonly CatalogueRow[] = Object.freeze([
  {
    indicator: "cla_3plus_placements_pct", label: "Looked-after children with 3 or more placements in the year (%)", domain: "child-wellbeing", polarity: "down", unit: "percent",
    numerator: "children looked after at 31 March with 3 or more placements during the year", denominator: "children looked after at 31 March (excluding short-break series)", source: SSDA903_SOURCE,
    definition: `${DFE_CLA}: children looked after at 31 March, excluding those under a series of short-term placements (LS V3/V4), with 3 or more placements in the year. A placement starts with RNE S, P or T or after a break in care (L, U, B continue it); V3/V4 episodes are not placements; a placement counts if the child was in it on any day of 1 April–31 March, same-day placements included.`,
  },
  {
    indicator: "cla_long_term_stability_pct", label: "Long-term placement stability (%)", domain: "child-wellbeing", polarity: "up", unit: "percent",
    numerator: "children under 16 looked after 2.5+ years in the same placement 2+ years or placed for adoption with that and the previous placement together 2+ years", denominator: "children under 16 at 31 March looked after continuously for at least 2.5 years", source: SSDA903_SOURCE,
    definition: `${DFE_CLA}: children aged under 16 at 31 March looked after continuously for at least 2.5 years (period of care started on or before 31 March minus 30 months), excluding V3/V4, who had been in the same placement for at least 2 years (started on or before 31 March minus 24 months), or were placed for adoption (PLACE A3–A6) with the adoption placement and the placement before it together lasting at least 2 years. Needs the two previous collection years; without them the value is flagged ${HISTORY_FLAG}, and a cohort of none is ${NO_HISTORY_STATUS} (the earlier episodes that would put children in it are in the missing years), not a year without such children. A child in care 2.5 years without a valid date of birth in Header (DOB missing or not dd/mm/yyyy) is left out of numerator and denominator, since the age cohort cannot be told; the import log counts them (warning 'cla_long_term_stability_pct: children left out: ${NO_BIRTH_DATE}'). A child listed in more than one row of Header with different dates of birth (DfE's validation: a child is in Header once) is read without one, since which is the child's cannot be told (warning '${REPEATED_CHILDREN_LEFT_OUT.Header}'), and so is left out in the same way unless another year's Header of the run gives the date; it counts in every other indicator, and a child's Header rows the same in DOB are read once.`,
  },
  {
    indicator: "cla_missing_pct", label: "Looked-after children with a missing incident (%)", domain: "child-safe", polarity: "down", unit: "percent",
    numerator: "children with at least one missing incident (MISSING = M) starting in the year", denominator: "children looked after during the year (excluding short-break series)", source: SSDA903_SOURCE,
    definition: `${DFE_CLA}: children looked after at any time in the year (a non-V3/V4 episode open on a day of 1 April–31 March) who had a missing incident (Missing table, MISSING = M; 'away' incidents A are not counted) starting in the year.`,
  },
  {
    indicator: "care_leavers_eet_19_21_pct", label: "Care leavers aged 19–21 in education, employment or training (%)", domain: "child-education", polarity: "up", unit: "percent",
    numerator: "care leavers aged 19–21 in education, employment or training (ACTIV F1–F5, P1–P5)", denominator: "care leavers whose 19th, 20th or 21st birthday fell in the year (OC3), excluding died (DIED) and returned home (RHOM)", source: SSDA903_SOURCE,
    definition: `${DFE_CLA}: former relevant care leavers (OC3) aged 19, 20 or 21 on their birthday in the year, excluding those who died or returned home to parents for 6 months or more; in education, employment or training = activity F1–F5 or P1–P5 (full or part time). ${LISTED_TWICE("OC3")}`,
  },
  {
    indicator: "care_leavers_suitable_accom_19_21_pct", label: "Care leavers aged 19–21 in suitable accommodation (%)", domain: "child-wellbeing", polarity: "up", unit: "percent",
    numerator: "care leavers aged 19–21 in accommodation considered suitable (ACCOM suitability 1)", denominator: "care leavers whose 19th, 20th or 21st birthday fell in the year (OC3), excluding died (DIED) and returned home (RHOM)", source: SSDA903_SOURCE,
    definition: `${DFE_CLA}: as care_leavers_eet_19_21_pct, numerator = accommodation code with suitability 1 (suitable; B1 … Z1); 'information not known' (0) counts as not suitable.`,
  },
  {
    indicator: "cla_convicted_pct", label: "Looked-after children convicted or cautioned (%)", domain: "child-wellbeing", polarity: "down", unit: "percent",
    numerator: "children aged 10–17 in OC2 convicted or given a final warning, reprimand or youth caution (CONVICTED = 1)", denominator: "children aged 10–17 at 31 March in OC2 (looked after continuously for 12 months) with CONVICTED recorded", source: SSDA903_SOURCE,
    definition: `${DFE_CLA} (outcomes for children looked after continuously for at least 12 months): OC2 rows aged 10–17 at 31 March with CONVICTED recorded; numerator CONVICTED = 1. The cohort is the LA's own OC2 table. An OC2 row with CONVICTED recorded but without a valid date of birth (DOB missing or not dd/mm/yyyy) is left out of numerator and denominator, since its age cannot be told; the import log counts them (warning 'cla_convicted_pct: children left out: ${NO_BIRTH_DATE}'). ${LISTED_TWICE("OC2")}`,
  },
  {
    indicator: "cla_substance_misuse_pct", label: "Looked-after children with a substance misuse problem (%)", domain: "child-wellbeing", polarity: "down", unit: "percent",
    numerator: "children in OC2 identified as having a substance misuse problem (SUBSTANCE_MISUSE = 1)", denominator: "children in OC2 (looked after continuously for 12 months) with SUBSTANCE_MISUSE recorded", source: SSDA903_SOURCE,
    definition: `${DFE_CLA} (outcomes for children looked after continuously for at least 12 months): OC2 rows with SUBSTANCE_MISUSE recorded; numerator SUBSTANCE_MISUSE = 1. ${LISTED_TWICE("OC2")}`,
  },
  {
    indicator: "cla_rate_per_10k", label: "Children looked after per 10,000 children", domain: "reaching-children", polarity: "none", unit: "rate_per_10k",
    numerator: "children looked after at 31 March (excluding short-break series)", denominator: "children aged 0–17 (ONS mid-year estimate of the previous 30 June)", source: SSDA903_SOURCE,
    definition: `${DFE_CLA}: children looked after at 31 March (open episode, LS not V3/V4) per 10,000 children aged 0–17; interval: exact Poisson below 10 events, Byar's approximation otherwise.`,
  },
  {
    indicator: "cin_rereferral_pct", label: "Re-referrals within 12 months (%)", domain: "child-safe", polarity: "down", unit: "percent",
    numerator: "referrals within 12 months (1–365 days) of a previous referral of the same child", denominator: "referrals in the year", source: CIN_SOURCE,
    definition: `${DFE_CIN}: referrals in the year ending 31 March within 12 months of a previous referral of the same child. Rule: the previous referral was 1–365 days earlier (day 365 counts, day 366 does not, also across 29 February); same-day duplicates count once. Needs the previous year's census; without it the value is flagged ${HISTORY_FLAG}.`,
  },
  {
    indicator: "cpp_second_time_pct", label: "Child protection plans for a second or subsequent time (%)", domain: "child-safe", polarity: "down", unit: "percent",
    numerator: "plans starting in the year that are second or subsequent (NumberOfPreviousCPP ≥ 1 or an earlier plan in the files)", denominator: "child protection plans starting in the year", source: CIN_SOURCE,
    definition: `${DFE_CIN}: child protection plans starting in the year ending 31 March that were a second or subsequent plan for the child: NumberOfPreviousCPP of 1 or more, or an earlier plan of the same child in the census files read.`,
  },
  {
    indicator: "lait_continue_assess_comp", label: "Continuous assessments completed within 45 working days (%)", domain: "child-safe", polarity: "up", unit: "percent",
    numerator: "assessments authorised within 45 working days of their start", denominator: "assessments authorised in the year", source: CIN_SOURCE,
    definition: `${DFE_CIN}: assessments with AssessmentAuthorisationDate in the year ending 31 March whose working days after AssessmentActualStartDate up to and including the authorisation date are 45 or fewer (weekends and England and Wales bank holidays, GOV.UK table 2011–2027, excluded). ${ASSESSMENTS_ID}`,
  },
  {
    indicator: "cin_rate_per_10k", label: "Children in need per 10,000 children", domain: "reaching-children", polarity: "none", unit: "rate_per_10k",
    numerator: "children in need at 31 March", denominator: "children aged 0–17 (ONS mid-year estimate of the previous 30 June)", source: CIN_SOURCE,
    definition: `${DFE_CIN}: children with a CIN episode open at 31 March (referred by then, not closed by then) per 10,000 children aged 0–17; exact Poisson / Byar interval.`,
  },
  {
    indicator: "cin_referrals_rate_per_10k", label: "Referrals per 10,000 children", domain: "reaching-children", polarity: "none", unit: "rate_per_10k",
    numerator: "referrals in the year", denominator: "children aged 0–17 (ONS mid-year estimate of the previous 30 June)", source: CIN_SOURCE,
    definition: `${DFE_CIN}: referrals (distinct child and referral date) in the year ending 31 March per 10,000 children aged 0–17.`,
  },
] satisfies CatalogueRow[]);

/** Rate indicators and the count each is built from. */
export const RATE_NUMERATORS: Readonly<Record<string, string>> = Object.freeze({
  cla_rate_per_10k: "cla_31mar_count",
  cin_rate_per_10k: "cin_31mar_count",
  cin_referrals_rate_per_10k: "cin_referrals_count",
});

/**
 * The children an indicator's published count is of (its denominator, or for a rate its numerator), where that
 * population contains or is contained in another indicator's: the difference of two such counts of one LA-year is
 * itself a count of children (children looked after during the year 62, at 31 March 58: 4 left care and did not come
 * back). Used by returnsIndicatorRows' secondary suppression.
 */
export const COUNTED_POPULATION: Readonly<Record<string, { field: "numerator" | "denominator"; population: string }>> = Object.freeze({
  cla_missing_pct: { field: "denominator", population: "looked after during the year" },
  cla_3plus_placements_pct: { field: "denominator", population: "looked after at 31 March" },
  cla_rate_per_10k: { field: "numerator", population: "looked after at 31 March" },
  cla_long_term_stability_pct: { field: "denominator", population: "under 16 at 31 March, looked after 2.5 years" },
  cla_convicted_pct: { field: "denominator", population: "aged 10–17 in OC2" },
  cla_substance_misuse_pct: { field: "denominator", population: "in OC2 with substance misuse recorded" },
});

/**
 * Triples [outer, inner, years before] of {@link COUNTED_POPULATION}'s populations: the inner one, `years before`
 * the outer's year (0 or 1), is contained in the outer (transitively closed). Children looked after during a year
 * include every child looked after at 31 March of the year before (a review: 30 at 31 March 2023, 34 during 2023-24:
 * 4 started to be looked after).
 */
export const NESTED_POPULATIONS: readonly (readonly [string, string, number])[] = Object.freeze(
  [
    "looked after at 31 March",
    "under 16 at 31 March, looked after 2.5 years",
    "aged 10–17 in OC2",
    "in OC2 with substance misuse recorded",
  ].flatMap((inner, k): [string, string, number][] => [
    ["looked after during the year", inner, 0],
    ["looked after during the year", inner, 1],
    ...(k > 0 ? [["looked after at 31 March", inner, 0] as [string, string, number]] : []),
  ]),
);

/**
 * What every Annex A share's definition says of the window (lib/returns/annex-a-indicators): the lists hold the
 * months before their extract, which only the file name gives.
 */
const ANNEX_A_WINDOW =
  "An Annex A list holds the six months before its extract date, which the file name gives (annex_a_2024-01-15.xlsx), not the year: the share is of the events of those months and flagged low-reliability:window; a row dated after the extract date (a data error: the list cannot hold it) is dropped and counted in the import log. A workbook whose name gives no extract date (2023-24/annex_a.xlsx) is taken for such a window of unknown months, and the screen says so: name the file by its extract date.";

/** How each indicator is computed from Annex A lists (lib/returns/annex-a-indicators), appended to its definition when used. */
export const ANNEX_A_DEFINITIONS: Readonly<Record<string, string>> = Object.freeze({
  cin_rereferral_pct: `From Ofsted Annex A (an LA and year without a CIN census): List 3 referrals dated in the year, re-referral = a previous List 3 referral of the child 1–365 days earlier (referrals before the window are not in the list, so without the previous year's workbook re-referrals are undercounted). ${ANNEX_A_WINDOW} The list's 'Number of Referrals in Last 12 Months' is not used.`,
  lait_continue_assess_comp: `From Ofsted Annex A (an LA and year without a CIN census): List 4, Continuous Assessment Date of Authorisation in the year, working days after the Continuous Assessment Start Date ≤ 45. ${ANNEX_A_WINDOW}`,
  cpp_second_time_pct: `From Ofsted Annex A (an LA and year without a CIN census): List 7 plans with a Child Protection Plan Start Date in the year and Number of Previous Child Protection Plans ≥ 1 or an earlier List 7 plan of the child. ${ANNEX_A_WINDOW}`,
  cla_rate_per_10k: "From Ofsted Annex A (an LA and year without SSDA903): the children of List 8 with Date Started to be Looked After on or before 31 March, not ceased by then, legal status not V3/V4; only when 31 March is within the list's window: a workbook extracted from 31 March to six months after, as its file name says (annex_a_2024-04-15.xlsx). One extracted before 31 March, or whose name gives no extract date, does not show that day: not computed, logged and shown on the screen.",
  care_leavers_eet_19_21_pct: `From Ofsted Annex A (an LA and year without SSDA903 OC3): List 9 care leavers whose 19th–21st birthday (Date of Birth) fell in the year, LA in Touch not Died or Rhom, and in a month of the list's window: the list gives each young person's status at the extract, so, as the other lists hold the events of the window, the cohort is of the birthdays in its months (by month: the month of birth is all that is kept); the others are left out and the import log counts them. EET = Activity Status F1–F5 or P1–P5 (blank counts as not). ${ANNEX_A_WINDOW}`,
  care_leavers_suitable_accom_19_21_pct: "From Ofsted Annex A (an LA and year without SSDA903 OC3): List 9 cohort as for care_leavers_eet_19_21_pct (birthdays in the year and in the window's months), flagged low-reliability:window as it is; suitable = Suitability of Accommodation 'Suitable' (blank counts as not).",
});
