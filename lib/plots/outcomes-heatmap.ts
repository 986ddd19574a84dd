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

/** Characters kept from the start of a label shown from where it differs from others ({@link axisTexts}). */
const DIFFERENCE_HEAD_CHARS = 12;
/** Characters shown before the first that differs, so that the word it is in reads whole. */
const DIFFERENCE_LEAD_CHARS = 8;

/**
 * The axis text of each of `items`: its label shortened ({@link shortLabel}); where shortened labels read alike
 * (the official "Care leavers aged 19–21 in …" and "Care leavers aged 19 in …" differ only past the 20th
 * character), the start of each and the part from where they differ; where they still read alike (or the whole
 * labels are the same), the id.
 * @example axisTexts([{ id: "a", label: "Same" }, { id: "b", label: "Same" }, { id: "c", label: "Other" }]) // ["a", "b", "Other"]
 */
export function axisTexts(items: readonly { id: string; label: string }[]): string[] {
  const texts = items.map((i) => shortLabel(i.label));
  for (const group of alike(texts)) {
    const labels = group.map((k) => [...items[k].label]);
    const differ = commonPrefixLength(labels);
    for (const [n, k] of group.entries()) texts[k] = fromDifference(labels[n], differ);
  }
  for (const group of alike(texts)) for (const k of group) texts[k] = items[k].id;
  return texts;
}

/** Groups (indices) of two or more equal texts. */
function alike(texts: readonly string[]): number[][] {
  const at = new Map<string, number[]>();
  texts.forEach((t, k) => at.set(t, [...(at.get(t) ?? []), k]));
  return [...at.values()].filter((g) => g.length > 1);
}

/** How many characters all of `labels` share from the start. */
function commonPrefixLength(labels: readonly string[][]): number {
  let n = 0;
  while (labels.every((l) => n < l.length && l[n] === labels[0][n])) n++;
  return n;
}

/** A long label as its first characters, an ellipsis and the part from just before character `differ`, cut to AXIS_LABEL_CHARS. */
function fromDifference(chars: readonly string[], differ: number): string {
  if (chars.length <= AXIS_LABEL_CHARS) return chars.join("");
  const from = Math.max(DIFFERENCE_HEAD_CHARS, differ - DIFFERENCE_LEAD_CHARS);
  const room = AXIS_LABEL_CHARS - DIFFERENCE_HEAD_CHARS - 2;
  const rest = chars.slice(from);
  const middle = rest.length <= room + 1 ? rest.join("") : `${rest.slice(0, room).join("")}…`;
  return `${chars.slice(0, DIFFERENCE_HEAD_CHARS).join("")}…${middle}`;
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
