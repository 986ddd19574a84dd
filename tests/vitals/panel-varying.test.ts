import { test } from "node:test";
import * as assert from "node:assert/strict";
import { readPackage } from "../../lib/data/package";
import { MIN_VARYING_LAS, panelAnalysis } from "../../lib/vitals/panel";
import { varyingPanelPackage } from "../helpers/panel-packages";

test("an indicator that changes within fewer LAs than the minimum is not estimable, says why and is left out of the q-values; one that changes in every LA is judged", () => {
  const a = panelAnalysis(readPackage(varyingPanelPackage()), { outcome: "y", indicators: ["many", "few"], se: "cr1" });
  const few = a.indicators.find((x) => x.indicator === "few")!;
  const many = a.indicators.find((x) => x.indicator === "many")!;
  assert.equal(few.varyingLas, 1);
  assert.equal(few.role, "not-estimable");
  assert.ok(Number.isNaN(few.withinQ));
  assert.ok(few.notes.some((n) => n.includes(`changes within 1 LA(s) only (at least ${MIN_VARYING_LAS} needed)`)), few.notes.join("; "));
  // the estimate itself is still reported, under a name that says it is not judged, and in no judged field
  assert.ok(Number.isFinite(few.withinNotJudged?.withinCoef), "the estimate itself is still reported");
  assert.ok(Number.isFinite(few.withinNotJudged?.cr1.se) && Number.isFinite(few.withinNotJudged?.hc0.p));
  for (const v of [few.withinCoef, few.withinSe, few.withinP, few.cr1.se, few.cr1.p, few.cr1.df, few.hc0.se, few.hc0.p, few.hc0.df]) assert.ok(Number.isNaN(v));
  assert.equal(many.varyingLas, 30);
  assert.equal(many.role, "candidate-lever");
  assert.equal(many.withinNotJudged, undefined);
  // the q-values adjust for the one indicator judged: its q is its p
  assert.equal(many.withinQ, many.withinP);
});
