/**
 * The 2016 feasibility study reproduced on the official data: La Valle, Holmes, Gill, Brown, Hart & Barnard
 * (2016), *Improving Children's Social Care Services: Results of a feasibility study* (CAMHS Press / CORC),
 * chapter 4 and Appendix 2.
 *
 * - **Sample**: LAs whose first SIF (Single Inspection Framework) judgement was published on or before
 *   31 March 2016; grade 1 Outstanding … 4 Inadequate.
 * - **Variables**: the 14 of Appendix 2 for the year ending March 2015 (11 child-outcome variables from the
 *   CLA and CIN releases; 3 workforce variables from the 30 September 2015 census, which the official folder
 *   does not hold — the EES workforce file starts with September 2017 and LAIT with September 2016).
 * - **Table A2a**: Multiple R and Significance F of the one-variable OLS of the grade on the variable.
 * - **Tables 1–4**: LAs by number of the 11 child-outcome variables on which they are in the best / worst
 *   10% (all LAs, not only inspected ones: the published totals are 152).
 * The published numbers below were typed in from the study's text (shared seed document
 * `004_46feb98ce16b8607.txt`: Table A2a in Appendix 2, Tables 1–4 in §4.1).
 */
import type { DataPackage } from "../data/types";
import { INDICATOR_META } from "../data/import/mappings";
import { linkOutcomes } from "../context/link";
import { buildAnalysisFrame } from "./frame";
import { DECILE_FRACTION } from "../indicators/ranking";
import { extremeMembership } from "./percentiles";
import { screenIndicators, type ScreenRow } from "./screen";

/** Where the published values come from. */
export const STUDY_2016_CITATION =
  "La Valle I, Holmes L, Gill C, Brown R, Hart D, Barnard M (2016). Improving Children's Social Care Services: " +
  "Results of a feasibility study. London: CAMHS Press. Table A2a (Appendix 2) and Tables 1–4 (§4.1).";

/** The study's sample rule: first SIF judgement published on or before this date. */
export const STUDY_2016_CUTOFF = "2016-03-31";
export const STUDY_2016_OUTCOME = "ofsted_sif_overall";
/** Year ending March of the child-outcome variables. */
export const STUDY_2016_PERIOD = 2015;
/** The 30 September 2015 workforce census belongs to the year ending March 2016. */
export const STUDY_2016_WORKFORCE_PERIOD = 2016;

/** Appendix 2 variables with the published Table A2a values (null where the paper prints none). */
export const STUDY_2016_VARIABLES: readonly { variable: number; label: string; multiple_r: number | null; p_f: number | null }[] = [
  { variable: 1, label: "Returned to parents/relatives as part of care planning (% of all returns)", multiple_r: 0.026301635, p_f: 0.813412 },
  { variable: 2, label: "Care leavers aged 21 in education, employment or training (%)", multiple_r: 0.05072353, p_f: 0.652922 },
  { variable: 3, label: "Care leavers aged 21 in suitable accommodation (%)", multiple_r: 0.010736985, p_f: 0.923729 },
  { variable: 4, label: "CLA with a missing incident during the year (%)", multiple_r: 0.35181615, p_f: 0.001475 },
  { variable: 5, label: "CLA away from placement without authorisation (%)", multiple_r: null, p_f: null },
  { variable: 6, label: "CLA 12 months+ convicted or final warning/reprimand (%)", multiple_r: 0.187421372, p_f: 0.138075 },
  { variable: 7, label: "CLA 12 months+ with a substance misuse problem (%)", multiple_r: 0.136037979, p_f: 0.336242 },
  { variable: 8, label: "SDQ banded score: normal (%)", multiple_r: null, p_f: null },
  { variable: 9, label: "SDQ banded score: concern (%)", multiple_r: 0.011249889, p_f: 0.924211 },
  { variable: 10, label: "Re-referrals within 12 months of a previous referral", multiple_r: 0.042843958, p_f: 0.700546 },
  { variable: 11, label: "Child protection plans for a second or subsequent time", multiple_r: 0.158428602, p_f: 0.155141 },
  { variable: 12, label: "Children in need per children's social worker (headcount)", multiple_r: 0.184723557, p_f: 0.094562 },
  { variable: 13, label: "Social worker turnover rate (%)", multiple_r: 0.112336769, p_f: 0.311959 },
  { variable: 14, label: "Agency worker rate (%)", multiple_r: 0.417130524, p_f: 0.000118 },
];

/** Published Table 1 (best 10%) and Table 3 (worst 10%): LAs by number of child-outcome variables. */
export const STUDY_2016_TABLE1 = [59, 47, 26, 14, 3, 3] as const;
export const STUDY_2016_TABLE3 = [63, 42, 27, 14, 6] as const;
/** Published Tables 2 and 4: LAs with 4–5 best / 4 worst memberships, their rating and its date. */
export const STUDY_2016_TABLE2 = [
  { la: "Brighton and Hove", rating: "Requires improvement", date: "22/06/2015" },
  { la: "Lambeth", rating: "Inadequate", date: "12/05/2015" },
  { la: "Salford", rating: "Good", date: "22/06/2015" },
  { la: "Cheshire West and Chester", rating: "Good", date: "19/02/2016" },
  { la: "Croydon", rating: "Not yet completed", date: "" },
  { la: "Sandwell", rating: "Inadequate", date: "05/06/2016" },
] as const;
export const STUDY_2016_TABLE4 = [
  { la: "Central Bedfordshire", rating: "Not yet completed", date: "" },
  { la: "East Sussex", rating: "Good", date: "21/03/2014" },
  { la: "Leicester", rating: "Inadequate", date: "20/03/2015" },
  { la: "Plymouth", rating: "Requires improvement", date: "06/01/2015" },
  { la: "Reading", rating: "Not yet completed", date: "" },
  { la: "Worcestershire", rating: "Not yet completed", date: "" },
] as const;

/** Why our numbers can differ from the published ones (printed with the comparison). */
export const STUDY_2016_DIFFERENCES = [
  "Sample: the study used the SIF inspections completed by the time of its analysis (Nov 2013–Mar 2016, about two-thirds of LAs); we take every LA whose first SIF judgement was published on or before 31 March 2016, from Ofsted's inspection-outcomes file as published in 2025.",
  "Revisions: we use the latest published LA figures for 2015 (EES/SFR files as re-released), not the first release the study had; LA-level revisions change Multiple R mostly in the second decimal, by more for a few variables whose R is near zero (care leavers, SDQ): on about 80 LAs a small revision moves a weak fit a long way in relative terms.",
  "Definitions: care leavers are 'aged 19–21' in the official files (the study reports aged 21 only); re-referrals and repeat child protection plans are percentages here (the study lists them as numbers).",
  "Missing data: the 2015 missing-from-care figures were experimental and incomplete; suppressed cells (c) are missing, never zero, so n differs by variable.",
  "Workforce (variables 12–14): the 30 September 2015 census is not in the official folder — the EES workforce file starts with September 2017 and LAIT's series with September 2016 — so these three cannot be reproduced; the published values are shown alone.",
];

/** One row of our Table A2a beside the published one. */
export interface Study2016Row {
  variable: number;
  label: string;
  indicator: string;
  period: number;
  n: number;
  multipleR: number;
  significanceF: number;
  publishedMultipleR: number | null;
  publishedSignificanceF: number | null;
  /** Beyond the paper: the full screen row (Spearman, ordinal, partial given IDACI, BH q). */
  screen: ScreenRow | null;
  /** Partial correlation given the IMD score instead of IDACI. */
  partialRImd: number;
  partialPImd: number;
  note?: string;
}

/** Result of {@link reproduceStudy2016}. */
export interface Study2016Reproduction {
  citation: string;
  sample: { rule: string; nLas: number; nLinked: number; distribution: { value: number; label: string; count: number }[] };
  rows: Study2016Row[];
  table1: { count: number; ours: number; published: number | null }[];
  table3: { count: number; ours: number; published: number | null }[];
  table2: { laName: string; best: number; rating: string; date: string }[];
  table4: { laName: string; worst: number; rating: string; date: string }[];
  differences: string[];
  context: string[];
}

const GRADE_WORDS: Record<number, string> = { 1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate" };

/**
 * Reproduce Table A2a and Tables 1–4 of the 2016 study from an imported official package, and go beyond
 * it (Spearman, proportional odds, partial correlation given IDACI and given IMD, BH q).
 * @param pkg a package made by `vital-signs import ../shared/data/official`
 * @example
 * const r = reproduceStudy2016(readPackage("/tmp/england"));
 * r.rows.find((x) => x.variable === 4); // { multipleR, significanceF, publishedMultipleR: 0.3518, … }
 */
export function reproduceStudy2016(pkg: DataPackage): Study2016Reproduction {
  const variables = Object.entries(INDICATOR_META)
    .filter(([, m]) => m.study2016 !== undefined)
    .map(([indicator, m]) => ({ indicator, variable: m.study2016!, workforce: m.domain === "workforce" }))
    .sort((a, b) => a.variable - b.variable);
  const contextAvailable = new Set(pkg.context.array("variable") as string[]);
  const context = ["idaci_score", "imd_score"].filter((v) => contextAvailable.has(v));
  const link = { kind: "first-on-or-before", outcome: STUDY_2016_OUTCOME, date: STUDY_2016_CUTOFF } as const;
  const frame = buildAnalysisFrame(pkg, { period: STUDY_2016_PERIOD, context, link, offsets: 1, indicators: variables.map((v) => v.indicator).filter((id) => pkg.catalogue.array("indicator").includes(id)) });
  const valuesOf = (indicator: string, period: number): Float64Array => {
    const ind = frame.indicators.find((i) => i.indicator === indicator);
    const k = frame.periods.indexOf(period);
    return ind && k >= 0 ? ind.byPeriod[k] : new Float64Array(frame.laCodes.length).fill(NaN);
  };
  const inputs = variables.map((v) => {
    const meta = INDICATOR_META[v.indicator];
    const period = v.workforce ? STUDY_2016_WORKFORCE_PERIOD : STUDY_2016_PERIOD;
    return { ...v, period, meta, values: valuesOf(v.indicator, period) };
  });
  const screenWith = (ctx: string[]) =>
    screenIndicators({
      indicators: inputs.map((v) => ({ indicator: v.indicator, domain: v.meta.domain, polarity: v.meta.polarity, values: v.values })),
      outcome: frame.outcome.values,
      outcomeLowerIsBetter: true,
      context: frame.context.filter((c) => ctx.includes(c.variable)).map((c) => ({ variable: c.variable, values: c.values })),
    });
  const byIdaci = screenWith(context.includes("idaci_score") ? ["idaci_score"] : []);
  const byImd = screenWith(context.includes("imd_score") ? ["imd_score"] : []);
  const rows: Study2016Row[] = inputs.map((v, j): Study2016Row => {
    const pub = STUDY_2016_VARIABLES.find((p) => p.variable === v.variable)!;
    const s = byIdaci[j];
    const empty = s.n < 3;
    return {
      variable: v.variable, label: pub.label, indicator: v.indicator, period: v.period, n: s.n,
      multipleR: s.multipleR, significanceF: s.significanceF, publishedMultipleR: pub.multiple_r, publishedSignificanceF: pub.p_f,
      screen: empty ? null : s, partialRImd: byImd[j].partialR, partialPImd: byImd[j].partialP,
      ...(v.workforce && empty
        ? { note: `not reproducible: the 30 September 2015 workforce census (period ${v.period}) is not in the official files (EES CSWW starts 2017, LAIT 2016)` }
        : {}),
    };
  });

  // Tables 1–4: the 11 child-outcome variables, over every LA that existed in 2015; ties at the cut included, as
  // the published tables apparently were (lib/vitals/percentiles.ts module comment: they are reproduced better)
  const child = inputs.filter((v) => !v.workforce);
  const m = extremeMembership(frame.laCodes, child.map((v) => ({ indicator: v.indicator, polarity: v.meta.polarity, values: v.values })), DECILE_FRACTION, "in-both");
  const pad = (published: readonly number[], ours: { count: number; las: number }[]) => {
    const len = Math.max(published.length, ours.length);
    return Array.from({ length: len }, (_, c) => ({ count: c, ours: ours[c]?.las ?? 0, published: published[c] ?? null }));
  };
  const firstSif = linkOutcomes(pkg.outcomes, frame.laCodes, { kind: "first-on-or-before", outcome: STUDY_2016_OUTCOME, date: "9999-12-31" });
  const ratingOf = (i: number) => {
    const l = firstSif.linked[i];
    if (Number.isNaN(l.value)) return { rating: "no SIF judgement", date: "" };
    return { rating: `${GRADE_WORDS[l.value] ?? l.label}${l.date > STUDY_2016_CUTOFF ? " (after the cut-off)" : ""}`, date: l.date };
  };
  const table2 = m.perLa
    .map((l, i) => ({ i, l }))
    .filter(({ l }) => l.best >= 4)
    .map(({ i, l }): Study2016Reproduction["table2"][number] => ({ laName: frame.laNames[i], best: l.best, ...ratingOf(i) }))
    .sort((a, b) => b.best - a.best || a.laName.localeCompare(b.laName));
  const table4 = m.perLa
    .map((l, i) => ({ i, l }))
    .filter(({ l }) => l.worst >= 4)
    .map(({ i, l }): Study2016Reproduction["table4"][number] => ({ laName: frame.laNames[i], worst: l.worst, ...ratingOf(i) }))
    .sort((a, b) => b.worst - a.worst || a.laName.localeCompare(b.laName));
  return {
    citation: STUDY_2016_CITATION,
    sample: { rule: frame.outcome.description, nLas: frame.laCodes.length, nLinked: frame.outcome.n, distribution: frame.outcome.distribution },
    rows,
    table1: pad(STUDY_2016_TABLE1, m.bestDistribution),
    table3: pad(STUDY_2016_TABLE3, m.worstDistribution),
    table2,
    table4,
    differences: [...STUDY_2016_DIFFERENCES],
    context,
  };
}
