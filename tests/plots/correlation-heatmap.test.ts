import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { correlationHeatmap, heatmapInput, type CorrelationHeatmapInput } from "../../lib/plots/correlation-heatmap";
import { correlationMatrix } from "../../lib/stats/correlation-matrix";
import { assertMatchesSnapshot } from "./snapshot";

// a and c are redundant (r = 0.9), b and d too (r = −0.85): clustering should pair them
const matrix: CorrelationHeatmapInput = Object.freeze({
  indicators: ["a", "b", "c", "d"],
  labels: ["Re-referrals", "Caseload", "Repeat plans", "Turnover"],
  r: [
    [1, 0.1, 0.9, 0.05],
    [0.1, 1, 0.2, -0.85],
    [0.9, 0.2, 1, NaN],
    [0.05, -0.85, NaN, 1],
  ].map((row) => Object.freeze(row)),
  n: [
    [150, 148, 150, 140],
    [148, 150, 149, 139],
    [150, 149, 150, 0],
    [140, 139, 0, 150],
  ],
  method: "Spearman",
});

describe("correlationHeatmap", () => {
  it("matches its snapshot", () => {
    assertMatchesSnapshot("correlation-heatmap", correlationHeatmap(matrix));
  });

  it("orders redundant indicators next to each other", () => {
    const fig = correlationHeatmap(matrix);
    assert.deepEqual(fig.data[0].x, ["Re-referrals", "Repeat plans", "Caseload", "Turnover"]);
    assert.deepEqual(correlationHeatmap(matrix, { order: "given" }).data[0].x, matrix.labels);
  });

  it("shows a correlation that could not be computed as a gap, with the reason on hover", () => {
    const fig = correlationHeatmap(matrix);
    const z = fig.data[0].z as (number | null)[][];
    assert.equal(z[1][3], null); // Repeat plans × Turnover
    assert.match((fig.data[0].text as string[][])[1][3], /not computable, n = 0 LAs/);
    assert.equal(fig.data[0].zmid, 0);
  });

  it("takes lib/stats correlationMatrix output through heatmapInput", () => {
    const cm = correlationMatrix([[1, 2, 3, 4, 5], [2, 1, 4, 3, 6], [5, 4, 3, 2, 1]], { method: "spearman" });
    const input = heatmapInput(cm, ["a", "b", "c"], ["A", "B", "C"]);
    assert.equal(input.r[0][2], -1);
    assert.equal(input.n![1][2], 5);
    assert.equal(input.method, "Spearman");
    assert.throws(() => heatmapInput(cm, ["a"]), InputError);
  });

  it("refuses mismatched sizes and values outside [−1, 1]", () => {
    assert.throws(() => correlationHeatmap({ ...matrix, labels: ["x"] }), InputError);
    assert.throws(() => correlationHeatmap({ indicators: ["a"], labels: ["a"], r: [[1.5]] }), /must be in \[-1, 1\]/);
  });
});
