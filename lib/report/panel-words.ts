/**
 * The panel's results in words (lib/vitals/panel.ts): the outcome's name and which way its scale runs, why no
 * indicator is estimable, the rows left unclassed and an empty joint model. The terminal (lib/cli/commands/panel.ts)
 * and report.html (./panel-holdout-sections.ts) print the same sentences.
 */
import { OUTCOME_GRADE_RANGE } from "../data/schema";
import type { PanelAnalysis } from "../vitals/panel";
import { GRADE_LABELS, outcomeLabel } from "./plain-labels";

type PanelOutcome = PanelAnalysis["outcome"];

/**
 * The outcome's name: an indicator's catalogue label, or an outcomes.csv id's plain name (panel.json's label of a
 * grade is its id, and report.html said only "Outcome ofsted_ilacs_overall").
 * @example panelOutcomeName({ id: "ofsted_ilacs_overall", label: "ofsted_ilacs_overall", source: "outcomes", polarity: "down" }) // "Ofsted overall effectiveness (ILACS)"
 */
export function panelOutcomeName(outcome: PanelOutcome): string {
  return outcome.source === "outcomes" ? outcomeLabel(outcome.id) : outcome.label;
}

/**
 * Which sign goes with a better outcome. The panel fits the outcome as published — a grade as its number, 1 best —
 * and orients nothing, for grades and for indicators whose lower values are better alike, so its coefficients can be
 * compared with R's on the same data; analyse orients its associations by the better outcome, so for these outcomes
 * its signs are the other way round (csww_caseload: analyse ρ −0.40, panel between-LA r +0.37 on the ILACS grade).
 * @example panelDirectionSentence({ id: "ofsted_ilacs_overall", label: "ofsted_ilacs_overall", source: "outcomes", polarity: "down" })
 * // "The outcome is the grade as a number, 1 = Outstanding … 4 = Inadequate: a negative within coefficient or between-LA r goes with better grades (…)."
 */
export function panelDirectionSentence(outcome: PanelOutcome): string {
  const reversed = "analyse orients its associations by the better outcome, so its signs are the other way round";
  if (outcome.source === "outcomes") {
    const { best, worst } = OUTCOME_GRADE_RANGE;
    return `The outcome is the grade as a number, ${best} = ${GRADE_LABELS[best]} … ${worst} = ${GRADE_LABELS[worst]}: a negative within coefficient or between-LA r goes with better grades (${reversed}).`;
  }
  if (outcome.polarity === "down") return `Lower values of the outcome are better: a negative within coefficient or between-LA r goes with a better outcome (${reversed}).`;
  if (outcome.polarity === "up") return "Higher values of the outcome are better: a positive within coefficient or between-LA r goes with a better outcome, as in analyse.";
  return "The outcome has no better direction (polarity none): a sign says only which way it moves with the indicator.";
}

/**
 * When no indicator is estimable, why in one sentence and what to do; "" otherwise. With one outcome per LA (one
 * judgement each, as one inspection round gives) there is no change within an LA to estimate.
 * @example panelNoneEstimableSentence(panelAnalysis(oneJudgementPackage, { outcome: "ofsted_overall" }))
 * // "No indicator is estimable: every LA has the outcome in one of the panel's years only (one judgement per LA, …"
 */
export function panelNoneEstimableSentence(a: PanelAnalysis): string {
  if (a.indicators.length === 0 || a.indicators.some((r) => r.role !== "not-estimable")) return "";
  const todo = "Use `vital-signs analyse` for the association between LAs (with context allowed for), or a panel of an outcome with several years per LA.";
  if (a.lasWithRepeatedOutcome === 0) {
    const why = a.outcome.source === "outcomes" ? " (one judgement per LA, as one inspection round gives)" : "";
    return `No indicator is estimable: every LA has the outcome in one of the panel's years only${why}, so there is no change within an LA to estimate. ${todo}`;
  }
  return `No indicator is estimable: ${a.lasWithRepeatedOutcome.toLocaleString("en-GB")} LA(s) have the outcome in two or more years, but no indicator has enough of them beside it, or changes within enough of them, for a within estimate (each row's notes in panel.json say which). ${todo}`;
}

/**
 * The not-estimable rows whose between-LA q is below the threshold, and why they are not between-LA markers; ""
 * when there are none.
 * @example panelUnclassedSentence(a) // "11 not-estimable indicator(s) have a between-LA r with q < 0.05: …"
 */
export function panelUnclassedSentence(a: PanelAnalysis): string {
  const unclassed = a.indicators.filter((r) => r.role === "not-estimable" && r.betweenQ < a.alpha);
  if (unclassed.length === 0) return "";
  return `${unclassed.length} not-estimable indicator(s) have a between-LA r with q < ${a.alpha}: they are not classed as between-LA markers, a role judged against a within-LA estimate they lack (\`vital-signs analyse\` screens the association between LAs with context allowed for).`;
}

/**
 * An empty joint model in words: the reason the fit gives and the indicators that empty its sample; "" when the joint
 * model has LA-years to fit.
 * @example panelJointEmptySentence({ terms: [], nObs: 0, nLas: 0, nYears: 0, notes: ["too few observations …"], emptiedBy: [{ indicator: "oneyear_x", nObsAlone: 0, nObsWithout: 16 }] })
 * // "The joint model has nothing to fit — too few observations …. oneyear_x: alone, no LA has two or more years of it and the outcome; without it the joint model has 16 LA-years. Fit the others without oneyear_x."
 */
export function panelJointEmptySentence(joint: NonNullable<PanelAnalysis["joint"]>): string {
  if (joint.emptiedBy === undefined) return "";
  const reason = joint.notes.length > 0 ? ` — ${joint.notes.join("; ")}` : "";
  const culprits = joint.emptiedBy.map((e) => {
    const alone = e.nObsAlone === 0 ? "alone, no LA has two or more years of it and the outcome" : `alone it has ${e.nObsAlone.toLocaleString("en-GB")} LA-years`;
    const without = e.nObsWithout > 0 ? `; without it the joint model has ${e.nObsWithout.toLocaleString("en-GB")} LA-years` : "";
    return `${e.indicator}: ${alone}${without}.`;
  });
  const advice = joint.emptiedBy.length > 0
    ? ` Fit the others without ${joint.emptiedBy.map((e) => e.indicator).join(", ")}.`
    : " No one indicator empties it: together they leave no two LAs with two or more years of all of them and the outcome.";
  return `The joint model has nothing to fit${reason}.${culprits.length > 0 ? ` ${culprits.join(" ")}` : ""}${advice}`;
}
