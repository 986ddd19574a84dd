/**
 * Indicators × outcomes heatmap: each cell the context-adjusted (partial) correlation of an indicator with one
 * outcome, oriented so that blue = goes with a better outcome; a ring marks cells with BH q below the run's
 * alpha; indicators that hold across several outcomes carry a ★; outcomes too noisy at LA level to judge
 * indicators by are labelled "(noisy)". Built from lib/vitals/outcomes-screen.ts.
 */
import { InputError } from "../errors";
import type { Figure } from "./figure";
import { escapeHover } from "./format";
import { axis, baseLayout, CORRELATION_COLOURSCALE } from "./theme";

/** What the heatmap needs (the shape of `OutcomesScreen`, numbers only). */
export interface OutcomesHeatmapInput {
  outcomes: readonly { id: string; label: string; noisy: boolean }[];
  indicators: readonly { indicator: string; label: string; marked: boolean }[];
  /** cells[i][o] */
  cells: readonly (readonly { partialR: number; q: number; n: number; status: string }[])[];
  alpha: number;
  method: string;
}

/** Marker of a marked indicator (holds across several outcomes). */
const HOLDS_MARK = "★ ";

/**
 * Build the heatmap; rows in the given order (marked indicators first is the caller's choice).
 * @example outcomesHeatmap({ outcomes, indicators, cells, alpha: 0.05, method: "Spearman" })
 */
export function outcomesHeatmap(input: OutcomesHeatmapInput): Figure {
  const k = input.indicators.length;
  const m = input.outcomes.length;
  if (k === 0 || m === 0) throw new InputError("outcomesHeatmap", "needs at least one indicator and one outcome", `${k} × ${m}`);
  if (input.cells.length !== k || input.cells.some((row) => row.length !== m)) throw new InputError("outcomesHeatmap", "cells must be indicators × outcomes", input.cells.length);
  const x = input.outcomes.map((o) => escapeHover(`${o.label}${o.noisy ? " (noisy)" : ""}`));
  const y = input.indicators.map((i) => escapeHover(`${i.marked ? HOLDS_MARK : ""}${i.label}`));
  const z = input.cells.map((row) => row.map((c) => (c.status === "screened" && Number.isFinite(c.partialR) ? c.partialR : null)));
  const text = input.cells.map((row, i) => row.map((c, o) => {
    const what = `${input.indicators[i].label} × ${input.outcomes[o].label}`;
    if (c.status === "excluded") return escapeHover(`${what}: left out (the outcome's own measure)`);
    if (c.status !== "screened") return escapeHover(`${what}: not computable`);
    return escapeHover(`${what}: partial ${input.method} r = ${c.partialR.toFixed(2)}, q = ${c.q < 0.001 ? "<0.001" : c.q.toFixed(3)}, ${c.n} LAs`);
  }));
  const sigX: string[] = [];
  const sigY: string[] = [];
  input.cells.forEach((row, i) => row.forEach((c, o) => {
    if (c.status === "screened" && c.q < input.alpha) {
      sigX.push(x[o]);
      sigY.push(y[i]);
    }
  }));
  return {
    data: [
      {
        type: "heatmap", x, y, z, text, hovertemplate: "%{text}<extra></extra>", zmin: -1, zmax: 1, zmid: 0,
        colorscale: CORRELATION_COLOURSCALE, colorbar: { title: { text: `partial ${input.method} r<br>(+ = better outcome)` } }, xgap: 1, ygap: 1,
      },
      { type: "scatter", mode: "markers", x: sigX, y: sigY, name: `q < ${input.alpha}`, hoverinfo: "skip", marker: { symbol: "circle-open", size: 9, color: "#000000", line: { width: 1.5 } } },
    ],
    layout: {
      ...baseLayout(`Indicators × outcomes: context-adjusted association (ring: q < ${input.alpha}; ★ holds across outcomes)`, {
        height: Math.max(420, 240 + 20 * k), margin: { l: 320, r: 40, t: 70, b: 240 },
      }),
      xaxis: axis("", { tickangle: -45, showgrid: false }),
      yaxis: axis("", { autorange: "reversed", showgrid: false }),
      showlegend: false,
    },
  };
}
