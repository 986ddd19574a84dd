import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { expectedSign, forestPlot, NOTE_LINE_CHARACTERS, type ForestRow } from "../../lib/plots/forest-plot";
import { COLOURS } from "../../lib/plots/theme";
import { assertMatchesSnapshot } from "./snapshot";

const rows: readonly ForestRow[] = Object.freeze(
  [
    { indicator: "re_referrals", label: "Re-referrals (%)", estimate: 0.31, lower: 0.16, upper: 0.45, adjustedEstimate: 0.22, adjustedLower: 0.06, adjustedUpper: 0.37, significant: true, adjustedSignificant: false, polarity: "down", n: 150, adjustedN: 148 },
    { indicator: "sw_turnover", label: "Social worker turnover (%)", estimate: 0.12, lower: -0.04, upper: 0.28, adjustedEstimate: 0.1, adjustedLower: -0.06, adjustedUpper: 0.26, significant: false, polarity: "down", n: 149 },
    { indicator: "cla_stability", label: "Placement stability (%)", estimate: -0.27, lower: -0.41, upper: -0.12, adjustedEstimate: -0.29, adjustedLower: -0.43, adjustedUpper: -0.14, significant: true, adjustedSignificant: true, polarity: "up", n: 151 },
    { indicator: "ehcp", label: "Not estimable", estimate: NaN, lower: NaN, upper: NaN, significant: false, polarity: "none" },
  ].map((r) => Object.freeze(r as ForestRow)),
);
const options = Object.freeze({ estimateLabel: "Spearman ρ with Ofsted grade", outcomePolarity: "down" as const, significanceLabel: "BH q < 0.05" });

describe("forestPlot", () => {
  it("matches its snapshot", () => {
    assertMatchesSnapshot("forest-plot", forestPlot(rows, options));
  });

  it("says plainly which side of the no-association line means better outcomes, in lines short enough to fit", () => {
    const note = (outcomePolarity: "up" | "down" | "none", nullValue?: number) =>
      ((forestPlot(rows, { ...options, outcomePolarity, nullValue }).layout.annotations as { text: string }[])[0].text).split("<br>");
    // grade 1 is best: a negative ρ with the grade means higher indicator values go with better grades
    assert.deepEqual(note("down"), [
      "Left of 0: LAs with higher values of the indicator", "have better outcomes; right of 0, worse outcomes.",
      "Filled: that estimate's BH q &lt; 0.05.", "Label *: the adjusted estimate's BH q &lt; 0.05.",
    ]);
    assert.deepEqual(note("up").slice(0, 2), ["Right of 0: LAs with higher values of the indicator", "have better outcomes; left of 0, worse outcomes."]);
    assert.match(note("up", 1)[0], /^Right of 1: /, "the line of no association is named by its value (1 for odds ratios)");
    assert.deepEqual(note("none").slice(-2), ["Filled: that estimate's BH q &lt; 0.05.", "Label *: the adjusted estimate's BH q &lt; 0.05."]);
    // without adjusted estimates, one rule for both
    const rawOnly = rows.map((r) => ({ ...r, adjustedEstimate: undefined, adjustedLower: undefined, adjustedUpper: undefined }));
    assert.deepEqual(((forestPlot(rawOnly, { ...options, outcomePolarity: "none" }).layout.annotations as { text: string }[])[0].text).split("<br>"), ["Filled, and * after the label: BH q &lt; 0.05."]);
    // the row labels' automargin leaves the note the plot's width only (384 px of 1152 in the official report)
    for (const p of ["up", "down", "none"] as const) for (const line of note(p)) assert.ok(line.length <= NOTE_LINE_CHARACTERS, line);
  });

  it("stars a label by the adjusted estimate's q when there is one (the q the verdicts quote), else by the unadjusted one's (user trial, round 27)", () => {
    const labels = (rs: readonly ForestRow[]) => ((forestPlot(rs, options).layout.yaxis as { ticktext: string[] }).ticktext);
    // re_referrals: unadjusted q < 0.05 but adjusted not: a star had said "BH q < 0.05" beside a summary saying "not supported"
    assert.deepEqual(labels(rows), ["Re-referrals (%)", "Social worker turnover (%)", "Placement stability (%) *", "Not estimable"]);
    const rawOnly = rows.map((r) => ({ ...r, adjustedEstimate: undefined, adjustedLower: undefined, adjustedUpper: undefined }));
    assert.deepEqual(labels(rawOnly), ["Re-referrals (%) *", "Social worker turnover (%)", "Placement stability (%) *", "Not estimable"]);
  });

  it("draws raw in blue and adjusted in orange, filled when FDR-significant and open otherwise", () => {
    const fig = forestPlot(rows, options);
    const named = (n: string) => fig.data.find((t) => t.name === n)!;
    const rawSig = named("Unadjusted (BH q < 0.05)");
    assert.equal((rawSig.marker as { symbol: string; color: string }).symbol, "circle");
    assert.equal((rawSig.marker as { color: string }).color, COLOURS.raw);
    assert.deepEqual(rawSig.x, [0.31, -0.27]);
    const adjNot = named("Adjusted for context");
    assert.equal((adjNot.marker as { symbol: string }).symbol, "circle-open");
    assert.equal((adjNot.marker as { color: string }).color, COLOURS.adjusted);
    assert.deepEqual(adjNot.x, [0.22, 0.1]);
  });

  it("says in the hover whether the association runs the expected way for the indicator's polarity", () => {
    const text = forestPlot(rows, options).data.flatMap((t) => t.text as string[]);
    // lower re-referrals is better and grade 1 is best: a positive ρ means better indicator, better grade
    assert.ok(text.some((s) => s.startsWith("Re-referrals (%) — unadjusted: 0.31 (0.16 to 0.45), n = 150 LAs; BH q &lt; 0.05; in the expected direction")));
    assert.ok(text.some((s) => s.startsWith("Placement stability (%) — unadjusted: -0.27") && s.endsWith("in the expected direction")));
    assert.equal(expectedSign("up", "down"), -1);
    assert.equal(expectedSign("down", "down"), 1);
    assert.equal(expectedSign("none", "down"), 0);
  });

  it("keeps a row for an indicator that could not be estimated, without a point", () => {
    const fig = forestPlot(rows, options);
    assert.deepEqual((fig.layout.yaxis as { ticktext: string[] }).ticktext, ["Re-referrals (%)", "Social worker turnover (%)", "Placement stability (%) *", "Not estimable"]);
    assert.ok(!fig.data.some((t) => (t.x as number[]).some((v) => Number.isNaN(v))));
  });

  it("refuses an empty screen", () => {
    assert.throws(() => forestPlot([], options), InputError);
  });
});
