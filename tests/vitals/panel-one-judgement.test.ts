/** The panel on one judgement per LA, as one inspection round gives (review r23 F5): nothing to estimate within an LA. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readPackage } from "../../lib/data/package";
import { PANEL_ALPHA, PANEL_RULE, panelAnalysis } from "../../lib/vitals/panel";
import { oneJudgementPackage, varyingPanelPackage } from "../helpers/panel-packages";

test("with one judgement per LA no LA has the outcome in two years, every row is not estimable and none is classed a between-LA marker", () => {
  const a = panelAnalysis(readPackage(oneJudgementPackage()), { outcome: "ofsted_overall" });
  assert.equal(a.nLas, 60);
  assert.equal(a.lasWithRepeatedOutcome, 0);
  assert.deepEqual(a.indicators.map((r) => r.role), ["not-estimable", "not-estimable"]);
  // every LA is a single year, dropped from the within estimate
  for (const r of a.indicators) assert.equal(r.singletonLas, 60);
  // marker's between-LA r is clear, but without a within estimate the row is not a marker: the rule says so
  const marker = a.indicators.find((r) => r.indicator === "marker")!;
  assert.ok(marker.betweenQ < PANEL_ALPHA && marker.betweenR > 0.9);
  assert.match(PANEL_RULE, /between-LA marker \(role code marker-of-context\): estimable, not a candidate lever/);
  assert.match(PANEL_RULE, /not estimable: .*the row is not classed whatever its between-LA r/);
});

test("LAs with the outcome in two or more years are counted", () => {
  const a = panelAnalysis(readPackage(varyingPanelPackage()), { outcome: "y", indicators: ["many"] });
  assert.equal(a.lasWithRepeatedOutcome, 30);
});
