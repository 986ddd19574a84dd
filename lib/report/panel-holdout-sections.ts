/**
 * Report sections for the within-LA panel (`vital-signs panel`, panel.json) and the temporal hold-out
 * (`vital-signs holdout`, holdout.json), for the analysis report: the within/between comparison per indicator
 * and the hold-out table with its verdict. Words only; the numbers come from lib/vitals/panel.ts and
 * lib/vitals/holdout*.ts. The lead wires them into writeAnalysis.
 */
import type { ReportBlock, ReportSection } from "./document";
import { joinWords } from "../join-words";
import type { PanelAnalysis } from "../vitals/panel";
import { distinguishingDecimals, HOLDOUT_MIN_PAIRS, type HoldoutResult } from "../vitals/holdout";
import type { GradeHoldoutResult } from "../vitals/holdout-grades";
import { formatInterval, formatNumberAs } from "./number-format";
import { exclusionSentence } from "./outcome-measure-words";
import { panelDirectionSentence, panelJointEmptySentence, panelNoneEstimableSentence, panelOutcomeName, panelUnclassedSentence } from "./panel-words";

const fixed = (v: number, digits = 3) => (Number.isFinite(v) ? formatNumberAs(v, "fixed", digits) : "–");
const p = (v: number) => (Number.isFinite(v) ? formatNumberAs(v, "p-value") : "–");

/**
 * The candidates left out for an indicator outcome, on one line of the command's output: the ids, and why in short
 * (the whole rule is in the JSON; the reports' sentence is {@link exclusionSentence}).
 * @example exclusionLine({ rule: "…", excluded: [{ indicator: "lait_careleaversneet", reason: "…" }] }) // "left out of the candidates (the outcome and its own measures): lait_careleaversneet"
 */
export function exclusionLine(exclusions: { excluded: readonly { indicator: string }[] }): string {
  return `left out of the candidates (the outcome and its own measures): ${exclusions.excluded.map((e) => e.indicator).join(", ") || "none"}`;
}

/**
 * A panel role in words, for the report and notebooks (the CLI's table has shorter ones). A between-LA marker's
 * within-LA q is only not below the threshold: a walkthrough found "differs between LAs only" on lait_stayingput
 * (within p 0.020) and on a KS4 lag-1 marker with within p 0.003, so the words say the within association is not
 * clear (absence of evidence), not that there is none. The role codes stay as they are (panel.json's schema).
 * @example PANEL_ROLE_WORDS["marker-of-context"] // "between-LA marker (differs between LAs; no clear within-LA association)"
 */
export const PANEL_ROLE_WORDS: Readonly<Record<PanelAnalysis["indicators"][number]["role"], string>> = {
  "candidate-lever": "candidate lever (moves with the outcome within LAs)",
  "marker-of-context": "between-LA marker (differs between LAs; no clear within-LA association)",
  "no-clear-association": "no clear association",
  "not-estimable": "not estimable",
};

/**
 * The within/between comparison: per indicator the within-LA coefficient (two-way fixed effects, cluster-robust SE)
 * beside the between-LA correlation, and its role; levers and markers first. With a joint model, a second section
 * gives it.
 * @example panelSections(panelAnalysis(pkg, { outcome: "care_leavers_eet_19_21_pct", lag: 1 }))
 */
export function panelSections(a: PanelAnalysis): ReportSection[] {
  const rank = (r: string) => ["candidate-lever", "marker-of-context", "no-clear-association", "not-estimable"].indexOf(r);
  // a not-estimable row has a NaN q: last within its role, or the comparator is inconsistent and the order arbitrary
  const q = (x: number) => (Number.isNaN(x) ? Infinity : x);
  const rows = [...a.indicators].sort((x, y) => rank(x.role) - rank(y.role) || q(x.withinQ) - q(y.withinQ)).map((r) => ({
    indicator: r.indicator, label: r.label, within_coef: fixed(r.withinCoef), within_se: fixed(r.withinSe), within_q: p(r.withinQ),
    between_r: fixed(r.betweenR, 2), between_q: p(r.betweenQ), between_las: r.betweenLas, LA_years: r.nObs, LAs: r.nLas, years: r.nYears, role: PANEL_ROLE_WORDS[r.role],
  }));
  const levers = a.indicators.filter((r) => r.role === "candidate-lever").length;
  const markers = a.indicators.filter((r) => r.role === "marker-of-context").length;
  return [{
    heading: "Within LAs over time, and between LAs",
    blocks: [
      { type: "text", markdown: `Outcome **${panelOutcomeName(a.outcome)}**, indicators of year t against the outcome of t + ${a.lag}, years ${a.years[0]}–${a.years[a.years.length - 1]}. ${panelDirectionSentence(a.outcome)} Within: LA and year fixed effects, SE ${a.seLabel}. Between: correlation of LA means. ${levers} candidate lever(s), ${markers} between-LA marker(s). ${a.rule}.` },
      // why no row is estimable, and the not-estimable rows with a clear between-LA r, each in a sentence
      ...[panelNoneEstimableSentence(a), panelUnclassedSentence(a)].filter((t) => t !== "").map((markdown) => ({ type: "text" as const, markdown })),
      ...(a.exclusions ? [{ type: "text" as const, markdown: exclusionSentence(a.exclusions) }] : []),
      { type: "table", rows, options: { labels: { within_coef: "within coef.", within_se: "within SE", within_q: "within q", between_r: "between r", between_q: "between q", between_las: "LAs (between)", LA_years: "LA-years (within)", LAs: "LAs (within)" }, noWrap: ["indicator"] } },
      ...singletonBlocks(a),
    ],
  }, ...(a.joint ? [jointSection(a.joint, a.seLabel)] : [])];
}

/**
 * The years left with a single LA in any of `indicators`' within estimates, in words ("year 2017", "years 2016 and
 * 2017"), or "" when none: the report and the terminal say them alike.
 * @example singletonYearsWords([{ singletonYears: ["2017"] }, { singletonYears: ["2017"] }]) // "year 2017"
 */
export function singletonYearsWords(indicators: readonly { singletonYears: readonly string[] }[]): string {
  const years = [...new Set(indicators.flatMap((r) => r.singletonYears))].sort();
  return years.length === 0 ? "" : `${years.length === 1 ? "year" : "years"} ${joinWords(years)}`;
}

/**
 * What the removal of singletons took out of the within estimates, under the table: the most single-year LAs of an
 * indicator and the years left with a single LA (a statistician's audit found the grade panel's 2017 dropped without
 * a word); nothing when nothing was removed.
 */
function singletonBlocks(a: PanelAnalysis): ReportBlock[] {
  const las = a.indicators.reduce((m, r) => Math.max(m, r.singletonLas), 0);
  const years = singletonYearsWords(a.indicators);
  if (las === 0 && years === "") return [];
  const yearWords = years === "" ? "" : `, and ${years} left with a single LA`;
  return [{
    type: "text",
    markdown: `Removed from the within estimates as singletons: up to ${las} LA(s) with a single year per indicator${yearWords} (removed until none is left, as reghdfe does; fixest's feols keeps them, so its n, G and CR1 SE can differ slightly). LAs (between) counts every LA.`,
  }];
}

/**
 * The joint model as a section of its own: stdout and panel.json had it, report.html did not (a walkthrough's
 * three-indicator run). Its p-values are per term, not adjusted across terms, and it is fitted on the LA-years
 * with every indicator, fewer than each one alone has.
 */
function jointSection(joint: NonNullable<PanelAnalysis["joint"]>, seLabel: string): ReportSection {
  const rows = joint.terms.map((t) => ({ term: t.name, within_coef: fixed(t.withinCoef), within_se: fixed(t.withinSe), within_p: p(t.withinP), between_r: fixed(t.betweenR, 2) }));
  const notes = joint.notes.length > 0 ? ` Notes: ${joint.notes.join("; ")}.` : "";
  const empty = panelJointEmptySentence(joint);
  // an empty fit: its reason and the indicators that empty it, not a table of dashes
  if (empty) return { heading: "The indicators together (joint model)", blocks: [{ type: "text", markdown: empty }] };
  return {
    heading: "The indicators together (joint model)",
    blocks: [
      { type: "text", markdown: `The listed indicators fitted together (with any controls): LA and year fixed effects, SE ${seLabel}, on the ${joint.nObs.toLocaleString("en-GB")} LA-years of ${joint.nLas.toLocaleString("en-GB")} LAs and ${joint.nYears} years that have all of them. Each coefficient is the within-LA change in the outcome per unit of that indicator with the others held fixed; p-values are per term, not adjusted for the number of terms, so the roles above come from the one-at-a-time fits.${notes}` },
      { type: "table", rows, options: { labels: { within_coef: "within coef.", within_se: "within SE", within_p: "within p", between_r: "between r" }, noWrap: ["term"] } },
    ],
  };
}

/** One origin's R² and RMSE rows, each column to the decimals that tell its models apart ({@link distinguishingDecimals}). */
function continuousRows(o: HoldoutResult["origins"][number]): Record<string, string>[] {
  const r2 = distinguishingDecimals(o.scores.map((s) => s.r2));
  const rmse = distinguishingDecimals(o.scores.map((s) => s.rmse));
  return o.scores.map((s) => ({
    model: s.model, R2: `${fixed(s.r2, r2)} ${formatInterval(s.r2Lower, s.r2Upper, 3)}`, RMSE: `${fixed(s.rmse, rmse)} ${formatInterval(s.rmseLower, s.rmseUpper, 3)}`,
  }));
}

/** How a report names the hold-out's outcome and context variables (the catalogue's labels; ids when not given). */
export interface HoldoutNames {
  outcome: string;
  context: readonly string[];
}

/**
 * The hold-out table per origin (continuous: R² and RMSE; Ofsted grade: log-loss, Brier, concordance) with
 * 95% intervals, and the verdict on what the vital signs add beyond deprivation.
 * @example holdoutSections(holdoutGrades(pkg, { outcome: "ofsted_ilacs_overall", trainUntil: [2022] }))
 */
export function holdoutSections(r: HoldoutResult | GradeHoldoutResult, names?: HoldoutNames): ReportSection[] {
  const outcome = names === undefined || names.outcome === r.outcome ? r.outcome : `${names.outcome} (${r.outcome})`;
  const context = (names?.context ?? r.context).join(", ");
  const blocks: ReportSection["blocks"][number][] = [{ type: "text", markdown: `Outcome ${outcome}; context ${context}. ${r.method}` }];
  if (!("kind" in r)) blocks.push({ type: "text", markdown: exclusionSentence(r.exclusions) });
  for (const o of r.origins) {
    const rows = "kind" in r
      ? (o as GradeHoldoutResult["origins"][number]).scores.map((s) => ({
        model: s.model, log_loss: `${fixed(s.logLoss)} ${formatInterval(s.logLossLower, s.logLossUpper, 3)}`,
        Brier: `${fixed(s.brier)} ${formatInterval(s.brierLower, s.brierUpper, 3)}`, concordance: `${fixed(s.concordance)} ${formatInterval(s.concordanceLower, s.concordanceUpper, 3)}`,
      }))
      : continuousRows(o as HoldoutResult["origins"][number]);
    blocks.push(
      { type: "text", markdown: `**Trained up to ${o.trainUntil}.** Vital signs chosen on the training data: ${o.vitalSigns.map((v) => v.indicator).join(", ") || "none"}.${o.nearDuplicates.length > 0 ? ` ${asSentence(nearDuplicatesLine(o.nearDuplicates))}` : ""}${"skippedForAvailability" in o && o.skippedForAvailability.length > 0 ? ` ${asSentence(skippedForAvailabilityLine(o.skippedForAvailability, HOLDOUT_MIN_PAIRS))}` : ""} ${scoredOn(o)}` },
      { type: "table", rows, options: { labels: { log_loss: "log-loss (95% CI)", Brier: "Brier (95% CI)", concordance: "concordance (95% CI)", R2: "out-of-sample R² about the training mean (95% CI)", RMSE: "RMSE (95% CI)" } } },
      { type: "text", markdown: o.verdictText },
    );
  }
  // the grade hold-out scores each later judgement with its own year's indicators: an out-of-time check, not a forecast
  return [{ heading: "kind" in r ? "Does the association hold for later judgements?" : "Do the vital signs predict what happens next?", blocks }];
}

/**
 * What every model of an origin is fitted and scored on: the test set is where each model has a prediction, so it
 * depends on the vital signs chosen (a user walkthrough: the context-only R² of one cut-off was 0.071 on 280 LA-years
 * or 0.052 on 433, as the shortlist changed), and the report had not said how large it was. A continuous hold-out also
 * says how many training LA-years the vital-signs model has, and which LA-years no model could use (no context).
 * @example scoredOn({ trainUntil: 2022, nTrain: 1227, nTrainVitalSigns: 1010, trainLeftOut: [], nTest: 280, nLas: 94 }) // "Fitted on 1,227 LA-years (…); every model scored on the same 280 later LA-years of 94 LAs …"
 */
function scoredOn(o: { trainUntil: number; nTrain: number; nTest: number; nLas?: number; nTrainVitalSigns?: number; trainLeftOut?: HoldoutResult["origins"][number]["trainLeftOut"]; contextAfterTrainUntil?: readonly { variable: string; period: number }[] }): string {
  const what = o.nLas === undefined ? "judgements" : "LA-years";
  const las = o.nLas === undefined ? "" : ` of ${o.nLas.toLocaleString("en-GB")} LAs`;
  const vital = o.nTrainVitalSigns === undefined ? "" : ` with the outcome and context (the vital-signs model on ${o.nTrainVitalSigns.toLocaleString("en-GB")} of them, those with every vital sign)`;
  return `Fitted on ${o.nTrain.toLocaleString("en-GB")} ${what}${vital}${o.trainLeftOut && o.trainLeftOut.length > 0 ? `; ${trainingLeftOutWords(o.trainLeftOut, o.trainUntil, what, o.contextAfterTrainUntil)}` : ""}; every model scored on the same ${o.nTest.toLocaleString("en-GB")} later ${what}${las}, those where each model has a prediction (so the test set changes with the vital signs chosen).`;
}

/**
 * The training LA-years (or judgements, of the grades hold-out) no model could use, in words: how many, why, and which
 * LAs and years, each LA under the context variables it lacks. The context is read up to train-until only, so an LA
 * whose values all come later has none — except a variable with no value up to train-until at all (`late`: IoD 2019
 * in a hold-out trained until 2017), read at its first year, which an LA then lacks in that year (a check of the
 * fixes, round 23: the words had said "up to 2017" for it, and named every variable for every LA).
 * @example trainingLeftOutWords([{ laCode: "E06000028", years: [2016, 2017, 2018], missingContext: ["idaci_score", "imd_score"] }], 2022)
 * // "3 training LA-years with the outcome are in no fit, their LA having no value of idaci_score, imd_score up to 2022: E06000028 (2016–2018)"
 */
export function trainingLeftOutWords(
  leftOut: HoldoutResult["origins"][number]["trainLeftOut"],
  trainUntil: number,
  unit: "LA-years" | "judgements" = "LA-years",
  late: readonly { variable: string; period: number }[] = [],
): string {
  const count = leftOut.reduce((n, l) => n + l.years.length, 0);
  const what = unit === "LA-years" ? `LA-year${count === 1 ? "" : "s"} with the outcome` : `judgement${count === 1 ? "" : "s"}`;
  const lacking = (variables: readonly string[]) => {
    const readLate = variables.filter((v) => late.some((l) => l.variable === v));
    const upTo = variables.filter((v) => !readLate.includes(v));
    const lateWords = readLate.map((v) => `${v} in ${late.find((l) => l.variable === v)!.period}, the year it is read (it has no value up to ${trainUntil})`);
    return [...(upTo.length > 0 ? [`${upTo.join(", ")} up to ${trainUntil}`] : []), ...lateWords].join("; ");
  };
  const groups = new Map<string, typeof leftOut>();
  for (const l of leftOut) groups.set(l.missingContext.join(", "), [...(groups.get(l.missingContext.join(", ")) ?? []), l]);
  const groupWords = [...groups.values()].map((ls) => `${lacking(ls[0].missingContext)}: ${ls.map((l) => `${l.laCode} (${yearSpans(l.years)})`).join(", ")}`);
  return `${count.toLocaleString("en-GB")} training ${what} ${count === 1 ? "is" : "are"} in no fit, their LA having no value of ${groupWords.join("; no value of ")}`;
}

/** Ascending years as spans, a repeated year once (two judgements of one year): [2015, 2016, 2016, 2017, 2019] → "2015–2017, 2019". */
function yearSpans(years: readonly number[]): string {
  const spans: string[] = [];
  for (let k = 0; k < years.length; k++) {
    const start = years[k];
    while (k + 1 < years.length && (years[k + 1] === years[k] + 1 || years[k + 1] === years[k])) k++;
    spans.push(start === years[k] ? String(start) : `${start}–${years[k]}`);
  }
  return spans.join(", ");
}

/**
 * The candidates a hold-out skipped because they leave too few complete training pairs (or LAs at the train-until
 * year) with those chosen before them, as one line ("" when none).
 * @example skippedForAvailabilityLine([{ indicator: "cin_ks2_rwm_expected_pct", pairs: 0, atOrigin: 88 }], 30)
 * // "skipped for want of values beside those chosen before (at least 30 complete training pairs and LAs at the train-until year needed): cin_ks2_rwm_expected_pct (0 pairs, 88 LAs)\n"
 */
export function skippedForAvailabilityLine(skipped: readonly { indicator: string; pairs: number; atOrigin: number }[], minPairs: number): string {
  if (skipped.length === 0) return "";
  return `skipped for want of values beside those chosen before (at least ${minPairs} complete training pairs and LAs at the train-until year needed): ${skipped.map((x) => `${x.indicator} (${x.pairs} pairs, ${x.atOrigin} LAs)`).join(", ")}\n`;
}

/**
 * A terminal line ("left out as … r 0.95\n") as a sentence of the report's paragraph: capital first, a full stop last
 * (the report had run "….pct. left out as … r 0.95 skipped for want …" together).
 * @example asSentence("left out as near-duplicates …: x (of y, partial r 0.95)\n") // "Left out as near-duplicates …: x (of y, partial r 0.95)."
 */
function asSentence(line: string): string {
  const t = line.trim();
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${t.endsWith(".") ? "" : "."}`;
}

/**
 * The candidates a hold-out left out as near-duplicates of a chosen one, as one line ("" when none).
 * @example nearDuplicatesLine([{ indicator: "csww_vacancy_pct", of: "csww_agency_pct", r: 0.86 }])
 * // "left out as near-duplicates of one chosen before: csww_vacancy_pct (of csww_agency_pct, partial r 0.86)\n"
 */
export function nearDuplicatesLine(duplicates: readonly { indicator: string; of: string; r: number }[]): string {
  if (duplicates.length === 0) return "";
  return `left out as near-duplicates of one chosen before: ${duplicates.map((x) => `${x.indicator} (of ${x.of}, partial r ${x.r.toFixed(2)})`).join(", ")}\n`;
}
