import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { COLOURS } from "../../lib/plots/theme";
import { vitalSignsStabilityChart, type StabilityRow } from "../../lib/plots/vital-signs-stability-chart";
import { assertMatchesSnapshot } from "./snapshot";

const rows: readonly StabilityRow[] = Object.freeze([
  { indicator: "b", label: "Caseload", selectionFrequency: 0.35, verdict: "drop", reason: "selected in fewer than half of resamples" },
  { indicator: "a", label: "Re-referrals", selectionFrequency: 0.91, verdict: "vital sign", reason: "stable, adjusted ρ 0.22" },
  { indicator: "c", label: "Agency workers", selectionFrequency: 0.62, verdict: "context-driven", reason: "association vanishes after IDACI" },
  { indicator: "d", label: "EHCP timeliness", selectionFrequency: NaN, verdict: "unreliable", reason: "too few years" },
].map((r) => Object.freeze(r)));

describe("vitalSignsStabilityChart", () => {
  it("matches its snapshot", () => {
    assertMatchesSnapshot("vital-signs-stability-chart", vitalSignsStabilityChart(rows, { threshold: 0.7, resamples: 500 }));
  });

  it("orders by selection frequency, not assessed last, coloured by verdict", () => {
    const fig = vitalSignsStabilityChart(rows, { threshold: 0.7 });
    assert.deepEqual((fig.layout.yaxis as { categoryarray: string[] }).categoryarray, ["Re-referrals", "Agency workers", "Caseload", "EHCP timeliness"]);
    const vital = fig.data.find((t) => t.name === "vital sign")!;
    assert.equal((vital.marker as { color: string }).color, COLOURS.better);
    assert.deepEqual(fig.data.find((t) => t.name === "unreliable")!.x, [null]);
  });

  it("carries the verdict's reason on hover and draws the threshold", () => {
    const fig = vitalSignsStabilityChart(rows, { threshold: 0.7 });
    assert.equal((fig.data.find((t) => t.name === "context-driven")!.customdata as string[])[0], "selected in 62% of resamples; context-driven — association vanishes after IDACI");
    assert.equal((fig.layout.shapes as { x0: number }[])[0].x0, 0.7);
  });

  it("refuses frequencies outside [0, 1]", () => {
    assert.throws(() => vitalSignsStabilityChart([{ indicator: "x", label: "X", selectionFrequency: 1.2, verdict: "keep" }]), InputError);
  });
});
