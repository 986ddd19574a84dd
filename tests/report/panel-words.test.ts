import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import { panelAnalysis } from "../../lib/vitals/panel";
import { panelSections } from "../../lib/report/panel-holdout-sections";
import { panelDirectionSentence, panelJointEmptySentence, panelNoneEstimableSentence, panelOutcomeName, panelUnclassedSentence } from "../../lib/report/panel-words";
import { oneJudgementPackage, varyingPanelPackage } from "../helpers/panel-packages";

const SYNTHETIC = readPackage(path.join(__dirname, "../../datasets/pilot-synthetic"));
const textOf = (sections: ReturnType<typeof panelSections>) => sections.flatMap((s) => s.blocks).map((b) => (b.type === "text" ? b.markdown : "")).join("\n");

test("a grade outcome is named by its label and its scale is stated: grade 1 = Outstanding, a negative coefficient or r goes with better grades", () => {
  const a = panelAnalysis(SYNTHETIC, { outcome: "ofsted_overall", indicators: ["sw_turnover_pct"] });
  assert.equal(panelOutcomeName(a.outcome), "Ofsted-style overall effectiveness (synthetic)");
  assert.match(panelDirectionSentence(a.outcome), /^The outcome is the grade as a number, 1 = Outstanding … 4 = Inadequate: a negative within coefficient or between-LA r goes with better grades \(analyse orients .* the other way round\)\.$/);
  const text = textOf(panelSections(a));
  assert.match(text, /^Outcome \*\*Ofsted-style overall effectiveness \(synthetic\)\*\*, .*The outcome is the grade as a number, 1 = Outstanding/);
  assert.doesNotMatch(text, /Outcome \*\*ofsted_overall\*\*/);
});

test("an indicator outcome keeps its catalogue label; its direction follows its polarity, signs as published (nothing is flipped)", () => {
  const outcome = (polarity: "up" | "down" | "none") => ({ id: "x", label: "Care leavers in EET (%)", source: "indicator" as const, polarity });
  assert.equal(panelOutcomeName(outcome("up")), "Care leavers in EET (%)");
  assert.match(panelDirectionSentence(outcome("down")), /^Lower values of the outcome are better: a negative within coefficient or between-LA r goes with a better outcome \(analyse orients/);
  assert.match(panelDirectionSentence(outcome("up")), /^Higher values of the outcome are better: a positive .* as in analyse\.$/);
  assert.match(panelDirectionSentence(outcome("none")), /no better direction/);
  // the numbers are the fit's, unflipped: a grade's between-LA r has the sign of the correlation with the grade number
  const a = panelAnalysis(readPackage(oneJudgementPackage()), { outcome: "ofsted_overall" });
  assert.ok(a.indicators.find((r) => r.indicator === "marker")!.betweenR > 0.9, "marker rises with the grade number");
});

test("with one judgement per LA the words say why nothing is estimable and what to do, and why a clear between-LA r is not a marker", () => {
  const a = panelAnalysis(readPackage(oneJudgementPackage()), { outcome: "ofsted_overall" });
  const none = panelNoneEstimableSentence(a);
  assert.match(none, /^No indicator is estimable: every LA has the outcome in one of the panel's years only \(one judgement per LA, as one inspection round gives\), so there is no change within an LA to estimate\. Use `vital-signs analyse`/);
  assert.match(panelUnclassedSentence(a), /^1 not-estimable indicator\(s\) have a between-LA r with q < 0\.05: they are not classed as between-LA markers/);
  const text = textOf(panelSections(a));
  assert.ok(text.includes(none) && text.includes(panelUnclassedSentence(a)));
});

test("with an estimable row there is no 'none estimable' sentence; a not-estimable row's within numbers are blank in the report's table", () => {
  const a = panelAnalysis(readPackage(varyingPanelPackage()), { outcome: "y", indicators: ["many", "few"] });
  assert.equal(panelNoneEstimableSentence(a), "");
  assert.equal(panelUnclassedSentence(a), "");
  const table = panelSections(a)[0].blocks.find((b) => b.type === "table") as unknown as { rows: Record<string, string>[] };
  const few = table.rows.find((r) => r.indicator === "few")!;
  assert.deepEqual([few.within_coef, few.within_se, few.within_q], ["–", "–", "–"]);
  const many = table.rows.find((r) => r.indicator === "many")!;
  assert.match(many.within_coef, /^0\.\d{3}$/);
});

test("an empty joint model is a sentence with the fit's reason and the indicator that empties it, not a table of dashes", () => {
  const a = panelAnalysis(readPackage(varyingPanelPackage()), { outcome: "y", indicators: ["many", "oneyear"] });
  const sentence = panelJointEmptySentence(a.joint!);
  assert.match(sentence, /^The joint model has nothing to fit — too few observations for a two-way within estimate: .*\. oneyear: alone, no LA has two or more years of it and the outcome; without it the joint model has 180 LA-years\. Fit the others without oneyear\.$/);
  const joint = panelSections(a)[1];
  assert.equal(joint.heading, "The indicators together (joint model)");
  assert.deepEqual(joint.blocks, [{ type: "text", markdown: sentence }]);
  const fitted = panelAnalysis(readPackage(varyingPanelPackage()), { outcome: "y", indicators: ["many", "few"] });
  assert.equal(panelJointEmptySentence(fitted.joint!), "");
});
