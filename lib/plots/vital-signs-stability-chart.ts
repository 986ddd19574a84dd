/**
 * Vital-signs stability chart: how often each indicator was selected across resamples of LAs, as
 * horizontal bars coloured by the indicator's verdict, with the selection threshold as a line. The verdict's
 * reason is in the hover label.
 */
import { InputError } from "../errors";
import type { Figure, PlotlyTrace } from "./figure";
import { escapeHover } from "./format";
import { axis, baseLayout, COLOURS, VERDICT_COLOURS } from "./theme";

/** One indicator's selection evidence and verdict. */
export interface StabilityRow {
  indicator: string;
  label: string;
  /** Share of resamples in which it was selected, in [0, 1]; NaN = not assessed. */
  selectionFrequency: number;
  verdict: string;
  reason?: string;
}

/**
 * Build the stability chart, most frequently selected at the top.
 * @param options `threshold`: the selection-frequency cut-off drawn as a line; `resamples`: how many
 *   resamples, and `resampling` which kind (half-samples by default; both shown in the axis title).
 * @example
 * const fig = vitalSignsStabilityChart(rows, { threshold: 0.7, resamples: 500 });
 */
export function vitalSignsStabilityChart(
  rows: readonly StabilityRow[],
  options: { threshold?: number; resamples?: number; resampling?: "complementary-pairs" | "bootstrap"; verdictColours?: Readonly<Record<string, string>> } = {},
): Figure {
  if (rows.length === 0) throw new InputError("vitalSignsStabilityChart", "needs at least one indicator", 0);
  for (const r of rows) {
    const f = r.selectionFrequency;
    if (!Number.isNaN(f) && !(f >= 0 && f <= 1)) throw new InputError("vitalSignsStabilityChart", `selectionFrequency of ${r.indicator} must be in [0, 1]`, f);
  }
  const t = options.threshold;
  if (t !== undefined && !(t >= 0 && t <= 1)) throw new InputError("vitalSignsStabilityChart", "threshold must be in [0, 1]", t);
  const colours = { ...VERDICT_COLOURS, ...(options.verdictColours ?? {}) };
  const sorted = [...rows].sort((a, b) => {
    const fa = Number.isNaN(a.selectionFrequency) ? -1 : a.selectionFrequency;
    const fb = Number.isNaN(b.selectionFrequency) ? -1 : b.selectionFrequency;
    return fb - fa || (a.label < b.label ? -1 : 1);
  });
  const verdicts = [...new Set(sorted.map((r) => r.verdict))];
  const traces: PlotlyTrace[] = verdicts.map((v) => {
    const members = sorted.filter((r) => r.verdict === v);
    return {
      type: "bar",
      orientation: "h",
      name: escapeHover(v),
      y: members.map((r) => escapeHover(r.label)),
      x: members.map((r) => (Number.isNaN(r.selectionFrequency) ? null : r.selectionFrequency)),
      customdata: members.map((r) =>
        escapeHover(
          `${Number.isNaN(r.selectionFrequency) ? "not assessed" : `selected in ${(100 * r.selectionFrequency).toFixed(0)}% of resamples`}; ${v}${r.reason ? ` — ${r.reason}` : ""}`,
        ),
      ),
      hovertemplate: "<b>%{y}</b><br>%{customdata}<extra></extra>",
      marker: { color: colours[v.toLowerCase()] ?? COLOURS.neutral },
    };
  });
  const shapes =
    t === undefined
      ? []
      : [{ type: "line", xref: "x", yref: "paper", x0: t, x1: t, y0: 0, y1: 1, line: { color: COLOURS.limit998, dash: "dash", width: 1.5 } }];
  // the threshold's label inside the plot's top edge: above it, the label ran into the title
  const annotations =
    t === undefined
      ? []
      : [{ text: `threshold ${(100 * t).toFixed(0)}%`, xref: "x", yref: "paper", x: t, y: 1, yanchor: "top", xshift: 4, showarrow: false, xanchor: "left", font: { size: 11 } }];
  return {
    data: traces,
    layout: {
      ...baseLayout("Vital signs: selection frequency and verdict", { height: Math.max(360, 190 + 22 * rows.length), margin: { l: 300, r: 30, t: 70, b: 120 } }),
      barmode: "overlay",
      xaxis: axis(`Selection frequency${options.resamples ? ` across ${options.resamples.toLocaleString("en-GB")} ${options.resampling === "bootstrap" ? "bootstrap resamples of LAs" : "half-samples of LAs"}` : ""}`, { range: [0, 1], tickformat: ".0%" }),
      // a gap between each label and its bar (labels otherwise touch the bars that start at 0)
      yaxis: axis("", {
        type: "category", categoryorder: "array", categoryarray: sorted.map((r) => escapeHover(r.label)), autorange: "reversed", showgrid: false,
        ticklabelstandoff: 6,
      }),
      shapes,
      annotations,
    },
  };
}
