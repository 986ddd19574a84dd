import { test } from "node:test";
import assert from "node:assert/strict";
import { readPackage } from "../../lib/data/package";
import { panelAnalysis } from "../../lib/vitals/panel";
import { varyingPanelPackage } from "../helpers/panel-packages";

const pkg = readPackage(varyingPanelPackage());

test("a joint model with nothing to fit names the indicator that empties it: alone it has no LA with two years, and without it the others have LA-years", () => {
  const a = panelAnalysis(pkg, { outcome: "y", indicators: ["many", "oneyear", "few"] });
  assert.equal(a.joint?.nObs, 0);
  assert.match(a.joint!.notes.join(" "), /too few observations for a two-way within estimate/);
  const many = a.indicators.find((r) => r.indicator === "many")!;
  // without oneyear the joint sample is that of many and few: every LA-year of the panel
  assert.deepEqual(a.joint?.emptiedBy, [{ indicator: "oneyear", nObsAlone: 0, nObsWithout: many.nObs }]);
  assert.equal(many.nObs, 180);
});

test("a joint model with LA-years to fit has no emptiedBy", () => {
  const a = panelAnalysis(pkg, { outcome: "y", indicators: ["many", "few"] });
  assert.equal(a.joint?.nObs, 180);
  assert.equal(a.joint?.emptiedBy, undefined);
  assert.ok(Number.isFinite(a.joint!.terms[0].withinCoef));
});

test("of two indicators only the one that empties the joint sample is named; an empty one listed alone is named, with nothing to fit without it", () => {
  const both = panelAnalysis(pkg, { outcome: "y", indicators: ["oneyear", "few"], joint: true });
  assert.deepEqual(both.joint?.emptiedBy, [{ indicator: "oneyear", nObsAlone: 0, nObsWithout: 180 }]);
  const alone = panelAnalysis(pkg, { outcome: "y", indicators: ["oneyear"], joint: true });
  assert.deepEqual(alone.joint?.emptiedBy, [{ indicator: "oneyear", nObsAlone: 0, nObsWithout: 0 }]);
});
