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
/** Above this many outcomes the columns get a fixed width and upright labels (the figure scrolls sideways). */
const MANY_OUTCOMES = 20;
/** Width of a column then: a 10-px label set upright fits in it. */
const COLUMN_PX = 16;
/** Left margin, for the indicator labels ({@link AXIS_LABEL_CHARS} characters of a 12-px font). */
const LEFT_MARGIN_PX = 320;
/** Room for the colour bar and its title. */
const COLOURBAR_PX = 120;
/** Longest label on an axis (the hover text has the whole label). */
const AXIS_LABEL_CHARS = 48;

/** Characters kept from a long label's start and end by {@link shortLabel} (with the ellipsis, AXIS_LABEL_CHARS). */
const LABEL_HEAD_CHARS = 20;
const LABEL_TAIL_CHARS = AXIS_LABEL_CHARS - LABEL_HEAD_CHARS - 1;

/**
 * A label cut to {@link AXIS_LABEL_CHARS} characters by an ellipsis in the middle: official labels run
 * "group: measure (unit)", and cut at the end the six "Children in need (not on a plan or looked after): …"
 * outcomes of the official package all read the same on the axis.
 * @example shortLabel("Care leavers aged 19–21 in education, employment or training (%)") // "Care leavers aged 19… employment or training (%)"
 */
export function shortLabel(label: string): string {
  const chars = [...label];
  if (chars.length <= AXIS_LABEL_CHARS) return label;
  return `${chars.slice(0, LABEL_HEAD_CHARS).join("")}…${chars.slice(chars.length - LABEL_TAIL_CHARS).join("")}`;
}

/**
 * The axis text of each of `items`: its label shortened ({@link shortLabel}), or its id where two shortened
 * labels (or two whole labels) are the same, so that no two rows or columns read alike.
 * @example axisTexts([{ id: "a", label: "Same" }, { id: "b", label: "Same" }, { id: "c", label: "Other" }]) // ["a", "b", "Other"]
 */
export function axisTexts(items: readonly { id: string; label: string }[]): string[] {
  const short = items.map((i) => shortLabel(i.label));
  const seen = new Map<string, number>();
  for (const s of short) seen.set(s, (seen.get(s) ?? 0) + 1);
  return short.map((s, k) => ((seen.get(s) ?? 0) > 1 ? items[k].id : s));
}

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
