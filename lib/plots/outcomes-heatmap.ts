/**
 * Indicators × outcomes heatmap: each cell the context-adjusted (partial) correlation of an indicator with one
 * outcome, oriented so that blue = goes with a better outcome; a ring marks cells with BH q below the run's
 * alpha; indicators that hold across several outcomes carry a ★; outcomes too noisy at LA level to judge
 * indicators by are labelled "(noisy)". Built from lib/vitals/outcomes-screen.ts.
 */
import { InputError } from "../errors";
import type { Figure } from "./figure";
import { escapeHover } from "./format";
import { axisTexts } from "./axis-labels";
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
/** Above this many outcomes the columns get a fixed width and upright labels (the figure scrolls sideways). */
const MANY_OUTCOMES = 20;
/** Width of a column then: a 10-px label set upright fits in it. */
const COLUMN_PX = 16;
/** Left margin, for the indicator labels (AXIS_LABEL_CHARS, ./axis-labels.ts, characters of a 12-px font). */
const LEFT_MARGIN_PX = 320;
/** Room for the colour bar and its title. */
const COLOURBAR_PX = 120;
/**
 * Build the heatmap; rows in the given order (marked indicators first is the caller's choice).
 * @example outcomesHeatmap({ outcomes, indicators, cells, alpha: 0.05, method: "Spearman" })
 */
export function outcomesHeatmap(input: OutcomesHeatmapInput): Figure {
  const k = input.indicators.length;
  const m = input.outcomes.length;
  const many = m > MANY_OUTCOMES;
  if (k === 0 || m === 0) throw new InputError("outcomesHeatmap", "needs at least one indicator and one outcome", `${k} × ${m}`);
  if (input.cells.length !== k || input.cells.some((row) => row.length !== m)) throw new InputError("outcomesHeatmap", "cells must be indicators × outcomes", input.cells.length);
  // the categories are the ids: two indicators with the same label (one added by a user, say) stay two rows
  const x = input.outcomes.map((o) => escapeHover(o.id));
  const y = input.indicators.map((i) => escapeHover(i.indicator));
  const xText = axisTexts(input.outcomes);
  const yText = axisTexts(input.indicators.map((i) => ({ id: i.indicator, label: i.label })));
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
        height: Math.max(420, 240 + 20 * k), margin: { l: LEFT_MARGIN_PX, r: 40, t: 70, b: many ? 300 : 240 },
      }),
      // 66 outcomes (--outcomes child on the official package) left each column ≈ 5 px of a page-wide plot and
      // their labels on top of each other: past MANY_OUTCOMES each column gets COLUMN_PX and the figure scrolls
      ...(many ? { width: LEFT_MARGIN_PX + 40 + COLOURBAR_PX + COLUMN_PX * m, autosize: false } : {}),
      xaxis: axis("", {
        tickangle: many ? -90 : -45, showgrid: false,
        // shortened on the axis only (the hover text keeps the whole label)
        tickmode: "array", tickvals: x, ticktext: input.outcomes.map((o, k) => escapeHover(`${xText[k]}${o.noisy ? " (noisy)" : ""}`)),
      }),
      // long indicator names had pushed the plot into a sliver (the axis takes the room its labels need)
      yaxis: axis("", { autorange: "reversed", showgrid: false, tickmode: "array", tickvals: y, ticktext: input.indicators.map((i, k) => escapeHover(`${i.marked ? HOLDS_MARK : ""}${yText[k]}`)) }),
      showlegend: false,
    },
  };
}
