import * as assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { readPackage } from "../../lib/data/package";
import { forestPlot } from "../../lib/plots/forest-plot";
import { forestRowsFromScreen, screenForestPlot, screenForestRows } from "../../lib/plots/screen-forest-plot";
import { benjaminiHochberg } from "../../lib/stats/multiple-testing";
import { analysePackage } from "../../lib/vitals/analyse";

const pkg = readPackage(path.resolve(__dirname, "../../datasets/pilot-synthetic"));
const analysis = analysePackage(pkg, {
  link: { kind: "latest-on-or-before", outcome: "ofsted_overall", date: "2024-03-31" },
  context: ["idaci_score"],
  seed: 42,
  resamples: 20,
});
const tickText = (fig: ReturnType<typeof screenForestPlot>) => (fig.layout.yaxis as { ticktext: string[] }).ticktext;

describe("screenForestPlot", () => {
  it("is the options block the notebooks wrote by hand: screen rows by estimate, polarity up, BH q < α", () => {
    const label = "Spearman ρ with a better rating (partial ρ given IDACI)";
    const byHand = forestPlot(screenForestRows(analysis).filter((r) => r.estimate !== null && Number.isFinite(r.estimate)), {
      estimateLabel: label, outcomePolarity: "up", order: "estimate", significanceLabel: `BH q < ${analysis.selection.settings.alpha}`,
    });
    assert.deepEqual(screenForestPlot(analysis, { estimateLabel: label }), byHand);
  });

  it("names the correlation and the context in the default axis title", () => {
    const fig = screenForestPlot(analysis);
    assert.equal((fig.layout.xaxis as { title: { text: string } }).title.text, "Spearman ρ with a better rating (partial ρ given idaci_score)");
  });

  it('rows: "significant" keeps the indicators significant raw or adjusted, a predicate keeps what it accepts', () => {
    const rows = screenForestRows(analysis);
    const significant = rows.filter((r) => r.significant || r.adjustedSignificant);
    assert.ok(significant.length > 0 && significant.length < rows.length, "the fixture has both kinds");
    assert.equal(tickText(screenForestPlot(analysis, { rows: "significant" })).length, significant.length);
    assert.equal(tickText(screenForestPlot(analysis)).length, rows.filter((r) => Number.isFinite(r.estimate)).length);
    const big = screenForestPlot(analysis, { rows: (r) => Math.abs(r.estimate ?? 0) >= 0.2 });
    assert.equal(tickText(big).length, rows.filter((r) => Math.abs(r.estimate ?? 0) >= 0.2).length);
  });

  it("marks a raw bar significant by the BH q of the p of the correlation it draws (raw_p), not the Spearman p of q_bh_raw", () => {
    // Each row's raw_p and Spearman p swapped between rows: the marks must follow raw_p, whatever q_bh_raw says.
    const screen = analysis.screen.map((s, j, all) => ({ ...s, qBhRaw: all[all.length - 1 - j].qBhRaw }));
    const alpha = analysis.selection.settings.alpha;
    const expected = Array.from(benjaminiHochberg(screen.map((s) => s.rawP)).adjusted, (q) => q < alpha);
    const rows = forestRowsFromScreen(screen, { contextCount: 1, alpha });
    assert.deepEqual(rows.map((r) => r.significant), expected);
    assert.ok(expected.some(Boolean) && !expected.every(Boolean), "the fixture has both kinds");
    assert.ok(screen.some((s, j) => (s.qBhRaw < alpha) !== expected[j]), "q_bh_raw would have marked some bars otherwise");
  });

  it("refuses a filter that leaves nothing to draw", () => {
    assert.throws(() => screenForestPlot(analysis, { rows: () => false }), /screenForestPlot: no indicator is left to draw/);
  });
});
