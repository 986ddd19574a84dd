/**
 * One palette and one base layout for every chart of the workbench, so a colour means the same thing
 * in every notebook and report: green is "better than expected", vermilion "worse", blue the raw
 * (unadjusted) analysis, orange the context-adjusted one.
 *
 * Colours are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), distinguishable with
 * the common colour-vision deficiencies.
 */
import type { Polarity } from "../data/types";

/** The workbench palette (Okabe–Ito). */
export const COLOURS = {
  better: "#009E73",
  worse: "#D55E00",
  raw: "#0072B2",
  adjusted: "#E69F00",
  neutral: "#999999",
  /** Outside the limits when the indicator has no polarity (a difference, not a judgement). */
  outside: "#CC79A7",
  /** The local authority being looked at. */
  focus: "#CC79A7",
  region: "#56B4E9",
  neighbours: "#E69F00",
  england: "#000000",
  limit95: "#7F7F7F",
  limit998: "#404040",
  grid: "#E5E5E5",
  text: "#222222",
} as const;

/** Ofsted grades 1 Outstanding … 4 Inadequate, coloured from better to worse. */
export const OFSTED_GRADE_COLOURS: Readonly<Record<number, string>> = {
  1: "#009E73",
  2: "#56B4E9",
  3: "#E69F00",
  4: "#D55E00",
};

/** Ofsted's four judgement labels, by grade. */
export const OFSTED_GRADE_LABELS: Readonly<Record<number, string>> = {
  1: "Outstanding",
  2: "Good",
  3: "Requires improvement",
  4: "Inadequate",
};

/** Colours for vital-signs verdicts by keyword; anything else gets {@link COLOURS.neutral}. */
export const VERDICT_COLOURS: Readonly<Record<string, string>> = {
  "vital sign": COLOURS.better,
  keep: COLOURS.better,
  selected: COLOURS.better,
  candidate: COLOURS.adjusted,
  watch: COLOURS.adjusted,
  unstable: COLOURS.adjusted,
  "context-driven": COLOURS.outside,
  confounded: COLOURS.outside,
  unreliable: COLOURS.worse,
  drop: COLOURS.neutral,
  "no association": COLOURS.neutral,
  // lib/vitals verdict codes
  redundant: COLOURS.region,
  "too-incomplete": "#BBBBBB",
  weak: COLOURS.neutral,
};

/** Diverging colour scale for correlations, −1 (vermilion) … 0 (white) … +1 (blue). */
export const CORRELATION_COLOURSCALE: [number, string][] = [
  [0, "#D55E00"],
  [0.5, "#FFFFFF"],
  [1, "#0072B2"],
];

/** Sequential scale for shares (0 = none, 1 = complete). */
export const SHARE_COLOURSCALE: [number, string][] = [
  [0, "#F7F7F7"],
  [0.5, "#9ECAE1"],
  [1, "#08519C"],
];

/** The font stack of every chart. */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** Default figure height in pixels (builders with many rows set their own). */
export const FIGURE_HEIGHT = 480;

/** Distance in pixels from the bottom of the plot area to the top of the legend (clears the x-axis title). */
export const LEGEND_GAP_PX = 70;
const DEFAULT_MARGIN = { l: 70, r: 30, t: 70, b: 120 };

/**
 * Base layout shared by all figures; builders spread it first and add their own fields. Figures with their
 * own height or margins pass them here, so the legend stays {@link LEGEND_GAP_PX} below the plot area
 * whatever the height (plotly places legends in fractions of the plot area).
 */
export function baseLayout(title: string, size: { height?: number; margin?: { l: number; r: number; t: number; b: number } } = {}): Record<string, unknown> {
  const height = size.height ?? FIGURE_HEIGHT;
  const margin = size.margin ?? DEFAULT_MARGIN;
  const plotHeight = height - margin.t - margin.b;
  // the default size keeps the historical -0.24 (≈ LEGEND_GAP_PX over a 290 px plot area)
  const legendY = size.height === undefined && size.margin === undefined ? -0.24 : -LEGEND_GAP_PX / Math.max(plotHeight, 1);
  return {
    title: { text: title, x: 0, xref: "paper", xanchor: "left", font: { size: 16 } },
    font: { family: FONT_FAMILY, size: 12, color: COLOURS.text },
    paper_bgcolor: "#FFFFFF",
    plot_bgcolor: "#FFFFFF",
    hovermode: "closest",
    hoverlabel: { bgcolor: "#FFFFFF", font: { family: FONT_FAMILY } },
    height,
    margin,
    // below the plot, clear of the x-axis title
    legend: { orientation: "h", yanchor: "top", y: legendY, x: 0 },
  };
}

/** Axis defaults: light grid, zero line, no mirroring. */
export function axis(title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: { text: title }, gridcolor: COLOURS.grid, zerolinecolor: "#BBBBBB", automargin: true, ...extra };
}

/** "higher is better", "lower is better" or "no judgement" for a polarity. */
export function polarityPhrase(polarity: Polarity): string {
  return polarity === "up" ? "higher is better" : polarity === "down" ? "lower is better" : "no judgement of direction";
}

/** The colour of a difference from expectation: `direction` +1 above, −1 below. */
export function directionColour(direction: 1 | -1, polarity: Polarity): string {
  if (polarity === "none") return COLOURS.outside;
  const better = (direction === 1) === (polarity === "up");
  return better ? COLOURS.better : COLOURS.worse;
}
