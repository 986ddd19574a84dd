/**
 * The out-of-sample Brier score and log-loss of the Ofsted-grade hold-out's two proportional-odds models (context
 * only; context + vital signs) against R: MASS::polr on the training judgements, predict(type = "probs"), the
 * workbench's floor and renormalisation, mean Σ_k (p_k − [grade = k])² and −mean log p(grade)
 * (tests/reference/holdout-grades-scores.R → fixtures/holdout-grades-scores.json). No training judgement is a 1
 * (Outstanding) and five test judgements are, so their probability is the floored one.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aq from "arquero";
import type { DataPackage } from "../../lib/data/types";
import { holdoutGrades, type GradeModel } from "../../lib/vitals/holdout-grades";
import { assertClose } from "../reference/load-reference";

interface ModelScores { brier: number; log_loss: number }
interface Fixture {
  tolerance: number;
  train_until: number;
  areas: { la_code: string[]; idaci_score: number[] };
  indicator: { la_code: string[]; period: number[]; signal: number[] };
  judgements: { la_code: string[]; period: number[]; date: string[]; grade: number[] };
  n_train: number;
  n_test: number;
  test_grades: number[];
  context_only: ModelScores;
  vital_signs: ModelScores;
}
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "../reference/fixtures/holdout-grades-scores.json"), "utf8")) as Fixture;
const GRADE_LABELS = ["Outstanding", "Good", "Requires improvement", "Inadequate"];

/** The R script's package in memory: areas with one idaci_score each, the indicator `signal`, the judgements. */
function fixturePackage(): DataPackage {
  const codes = fixture.areas.la_code;
  const { judgements: j, indicator } = fixture;
  return {
    dir: "memory",
    descriptor: { name: "holdout-grades-scores", title: "holdout-grades-scores", resources: [] } as never,
    areas: aq.table({ la_code: codes, la_name: codes, region_code: codes.map(() => "R"), region_name: codes.map(() => "R"), old_la_code: codes.map(() => ""), first_period: codes.map(() => null), last_period: codes.map(() => null) }),
    catalogue: aq.table({ indicator: ["signal"], label: ["signal"], polarity: ["up"] }),
    indicators: aq.table({ la_code: indicator.la_code, period: indicator.period, indicator: indicator.la_code.map(() => "signal"), value: indicator.signal }),
    context: aq.table({ la_code: codes, period: codes.map(() => fixture.train_until), variable: codes.map(() => "idaci_score"), value: fixture.areas.idaci_score }),
    outcomes: aq.table({ la_code: j.la_code, outcome: j.la_code.map(() => "ofsted_overall"), value: j.grade, label: j.grade.map((g) => GRADE_LABELS[g - 1]), date: j.date, period: j.period }),
  };
}

test("Brier score and log-loss of the context-only and vital-signs models equal R's polr predictions, floored and renormalised", () => {
  assert.ok(fixture.test_grades.includes(1), "the case has a test grade no training judgement had");
  const [origin] = holdoutGrades(fixturePackage(), { outcome: "ofsted_overall", trainUntil: [fixture.train_until], indicators: ["signal"], context: ["idaci_score"], resamples: 20 }).origins;
  assert.equal(origin.nTrain, fixture.n_train);
  assert.equal(origin.nTest, fixture.n_test);
  assert.deepEqual(origin.vitalSigns.map((v) => v.indicator), ["signal"], "the R script's vital-signs model is the one fitted");
  const score = (model: GradeModel) => origin.scores.find((s) => s.model === model)!;
  for (const [model, expected] of [["context-only", fixture.context_only], ["vital-signs", fixture.vital_signs]] as const) {
    assertClose(score(model).brier, expected.brier, fixture.tolerance, `${model} Brier`);
    assertClose(score(model).logLoss, expected.log_loss, fixture.tolerance, `${model} log-loss`);
  }
});
