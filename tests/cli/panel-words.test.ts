/**
 * What `vital-signs panel` prints and writes about rows it does not judge, the outcome's scale, one judgement per LA
 * and an empty joint model (review r23 F3, F4, F5, F12).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { validateAgainstSchema, type JsonSchema } from "../../lib/vitals/results";
import { capture } from "../helpers/cli";
import { oneJudgementPackage, varyingPanelPackage } from "../helpers/panel-packages";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");
const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, "../../schemas/panel.schema.json"), "utf8")) as JsonSchema;
const VARYING = varyingPanelPackage();

async function panel(dir: string, args: string[]) {
  const out = tempDir("vsw-panel-words-");
  const c = capture();
  const code = await main(["panel", dir, ...args, "--out", out], c.io);
  assert.equal(code, 0, c.err.join(""));
  const json = JSON.parse(fs.readFileSync(path.join(out, "panel.json"), "utf8"));
  assert.deepEqual(validateAgainstSchema(json, SCHEMA), []);
  return { text: c.out.join(""), json, html: fs.readFileSync(path.join(out, "report.html"), "utf8") };
}

test("a not-estimable row prints NA in the within columns, and panel.json keeps its fit only under within_not_judged", async () => {
  const r = await panel(VARYING, ["--outcome", "y", "--indicators", "many,few"]);
  assert.match(r.text, /^few +NA +NA +NA +NA +-?0\.\d{3} +\S+ +30 +180 +30 +6 +not estimable$/m);
  const few = r.json.indicators.find((x: { indicator: string }) => x.indicator === "few");
  assert.deepEqual([few.within_coef, few.within_se, few.within_p, few.cr1, few.hc0], [null, null, null, { se: null, p: null, df: null }, { se: null, p: null, df: null }]);
  assert.equal(typeof few.within_not_judged.within_coef, "number");
  assert.equal(typeof few.within_not_judged.cr1.se, "number");
  const many = r.json.indicators.find((x: { indicator: string }) => x.indicator === "many");
  assert.equal(many.within_not_judged, undefined);
  // report.html's row: dashes, not the not-judged coefficient
  const coef = few.within_not_judged.within_coef.toFixed(3);
  assert.match(r.html, /<td[^>]*>few<\/td><td[^>]*>label of few<\/td><td[^>]*>–<\/td><td[^>]*>–<\/td>/);
  assert.ok(!r.html.includes(`>${coef}<`) && !r.html.includes(`>${coef.replace("-", "−")}<`), coef);
});

test("a grade outcome: the header and report.html say the scale and which sign goes with better grades, and the report names the outcome by its label", async () => {
  const r = await panel(DATASET, ["--outcome", "ofsted_overall", "--indicators", "sw_turnover_pct"]);
  assert.match(r.text, /^.*: outcome ofsted_overall \(Ofsted-style overall effectiveness \(synthetic\); polarity down\), .*\nThe outcome is the grade as a number, 1 = Outstanding … 4 = Inadequate: a negative within coefficient or between-LA r goes with better grades/);
  assert.match(r.html, /Outcome: Ofsted-style overall effectiveness \(synthetic\); 1 indicators/);
  assert.match(r.html, /1 = Outstanding … 4 = Inadequate: a negative within coefficient or between-LA r goes with better grades/);
  assert.doesNotMatch(r.html, /Outcome ofsted_overall|Outcome: ofsted_overall/);
});

test("one judgement per LA: the summary counts the single-year LAs dropped, says why nothing is estimable and what to do, exit 0", async () => {
  const r = await panel(oneJudgementPackage(), ["--outcome", "ofsted_overall"]);
  assert.match(r.text, /^per indicator \(none estimable\): up to 60 LA\(s\) with a single year dropped from the within estimate$/m);
  assert.doesNotMatch(r.text, /up to 0 LA\(s\)/);
  assert.match(r.text, /^No indicator is estimable: every LA has the outcome in one of the panel's years only \(one judgement per LA, as one inspection round gives\), so there is no change within an LA to estimate\. Use `vital-signs analyse`/m);
  assert.match(r.text, /^1 not-estimable indicator\(s\) have a between-LA r with q < 0\.05: they are not classed as between-LA markers/m);
  assert.equal(r.json.las_with_repeated_outcome, 0);
  assert.match(r.html, /No indicator is estimable: every LA has the outcome in one of the panel/);
});

test("an empty joint model prints its reason and the indicator that empties it, not rows of NA; panel.json names it too", async () => {
  const r = await panel(VARYING, ["--outcome", "y", "--indicators", "many,oneyear"]);
  const joint = r.text.slice(r.text.indexOf("joint model ("));
  assert.match(joint, /^joint model \(0 LA-years, 0 LAs, 0 years\):\n  The joint model has nothing to fit — too few observations .*\. oneyear: alone, no LA has two or more years of it and the outcome; without it the joint model has 180 LA-years\. Fit the others without oneyear\.\n/);
  assert.doesNotMatch(joint, /se NA {2}p NA/);
  assert.deepEqual(r.json.joint.emptied_by, [{ indicator: "oneyear", n_obs_alone: 0, n_obs_without: 180 }]);
  assert.match(r.html, /oneyear: alone, no LA has two or more years of it and the outcome/);
});
