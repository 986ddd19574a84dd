/** `vital-signs analyse DIR --outcomes …`: several outcomes at once, the heatmap, and results.json against its schema. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { validateAgainstSchema, type JsonSchema } from "../../lib/vitals/results";
import { readPackage } from "../../lib/data/package";
import { screenOutcomes } from "../../lib/vitals/outcomes-screen";
import { outcomesHeatmap } from "../../lib/plots/outcomes-heatmap";
import { screenIndicators } from "../../lib/vitals/screen";
import { buildAnalysisFrame } from "../../lib/vitals/frame";
import { indicatorOutcomeRule } from "../../lib/vitals/outcome-measure";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");
const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, "../../schemas/outcomes-results.schema.json"), "utf8")) as JsonSchema;
const OUTCOMES = ["cla_attainment8_avg", "care_leavers_eet_pct", "cla_3plus_placements_pct"];

test("--outcomes a,b,c writes results.json (valid against its schema) and report.html with the heatmap", async () => {
  const out = tempDir("vsw-outcomes-");
  const c = capture();
  assert.equal(await main(["analyse", DATASET, "--outcomes", OUTCOMES.join(","), "--lag", "1", "--out", out], c.io), 0, c.err.join(""));
  const r = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8"));
  assert.deepEqual(validateAgainstSchema(r, SCHEMA), []);
  assert.deepEqual(r.outcomes.map((o: { id: string }) => o.id), OUTCOMES);
  assert.equal(r.lag, 1);
  for (const ind of r.indicators) assert.equal(ind.cells.length, OUTCOMES.length);
  const html = fs.readFileSync(path.join(out, "report.html"), "utf8");
  assert.match(html, /Indicators × outcomes/);
  assert.match(c.out.join(""), /holding across outcomes \(\d+\)/);
});

test("each column equals the single-outcome screen; marks follow the rule", () => {
  const pkg = readPackage(DATASET);
  const s = screenOutcomes(pkg, { outcomes: OUTCOMES, context: ["idaci_score"], lag: 1 });
  const o = 1;
  const frame = buildAnalysisFrame(pkg, { context: ["idaci_score"], link: indicatorOutcomeRule(pkg, OUTCOMES[o], { lag: 1 }), indicators: s.indicators.map((i) => i.indicator).filter((id) => id !== OUTCOMES[o]), offsets: 1 });
  const single = screenIndicators({
    indicators: frame.indicators.map((ind, j) => ({ indicator: ind.indicator, domain: ind.domain, polarity: ind.polarity, values: frame.slots[0].values[j] })),
    outcome: frame.outcome.values, outcomeLowerIsBetter: frame.outcomeLowerIsBetter, context: frame.context.map((c) => ({ variable: c.variable, values: c.values })),
  }, { method: "spearman" });
  for (const row of single) {
    const i = s.indicators.findIndex((x) => x.indicator === row.indicator);
    assert.equal(s.cells[i][o].partialR, row.partialR);
    assert.equal(s.cells[i][o].q, row.qBh);
  }
  s.indicators.forEach((ind, i) => {
    const sig = s.cells[i].filter((c) => c.status === "screened" && c.q < s.alpha);
    const better = sig.filter((c) => c.partialR > 0).length;
    // ★: one-sided, on at least 2 distinct outcomes judged precise enough (a family counted once)
    const preciseFamilies = new Set(s.cells[i].map((c, k) => ({ c, k })).filter(({ c }) => c.status === "screened" && c.q < s.alpha && (c.partialR > 0) === (better * 2 >= sig.length))
      .filter(({ k }) => s.outcomes[k].noise.code === "ok").map(({ k }) => s.outcomes[k].family));
    assert.equal(ind.holdsPrecise.length, preciseFamilies.size, ind.indicator);
    assert.equal(ind.marked, (better === sig.length || better === 0) && preciseFamilies.size >= 2, ind.indicator);
    // the framework areas of the outcomes it is counted on (the dominant side), each once
    const counted = s.cells[i].map((c, k) => ({ c, k })).filter(({ c }) => c.status === "screened" && c.q < s.alpha && (c.partialR > 0) === (better * 2 >= sig.length));
    const areaOf = (id: string) => (pkg.catalogue.objects() as { indicator: string; framework_area: string }[]).find((r) => r.indicator === id)!.framework_area;
    assert.deepEqual(ind.holdsAreas, [...new Set(counted.map(({ k }) => areaOf(s.outcomes[k].id)))], ind.indicator);
    assert.equal(ind.holdsAcross, counted.length, ind.indicator);
  });
  const fig = outcomesHeatmap({ outcomes: s.outcomes.map((x) => ({ id: x.id, label: x.label, noisy: x.noise.code === "too-noisy" })), indicators: s.indicators, cells: s.cells, alpha: s.alpha, method: "Spearman" });
  assert.equal((fig.data[0].z as unknown[][]).length, s.indicators.length);
  assert.equal((fig.data[1].x as unknown[]).length, s.cells.flat().filter((c) => c.status === "screened" && c.q < s.alpha).length, "one ring per significant cell");
});

test("bad input: an unknown outcome in the list names the option and the nearest ids; nothing written", async () => {
  const out = path.join(tempDir("vsw-outcomes-bad-"), "out");
  const c = capture();
  assert.notEqual(await main(["analyse", DATASET, "--outcomes", "cla_attainment8_av,care_leavers_eet_pct", "--out", out], c.io), 0);
  assert.match(c.err.join(""), /--outcomes: cla_attainment8_av: must be an outcome of outcomes.csv or an indicator of the package; nearest: cla_attainment8_avg/);
  assert.equal(fs.existsSync(out), false);
});
