/**
 * Scatter of an indicator (x) against an outcome (y), one point per LA, with the least-squares line and its
 * 95% confidence band; a second panel shows the same after contextual adjustment (e.g. residuals of both
 * on IDACI: an added-variable plot, whose slope equals the adjusted coefficient).
 *
 * Ordinal outcomes such as the Ofsted grade are drawn with a small seeded vertical jitter so that LAs with
 * the same grade do not hide each other; the fitted line uses the unjittered values.
 */
import type { Polarity } from "../data/types";
import { InputError } from "../errors";
import { createRng } from "../stats/random";
import type { Figure, PlotlyTrace } from "./figure";
import { wrapWords } from "./axis-labels";
import { linearFitBand, type FitBand } from "./fit-band";
import { escapeHover, formatNumber } from "./format";
import { axis, baseLayout, COLOURS } from "./theme";

/** One LA. Missing values are null (or NaN); such LAs are left out of the panel concerned. */
export interface ScatterRow {
  la_code: string;
  la_name: string;
  indicator: number | null;
  outcome: number | null;
  /** The indicator after adjustment (e.g. residual on context); enables the second panel. */
  indicatorAdjusted?: number | null;
  /** The outcome after adjustment; when absent the adjusted panel uses `outcome`. */
  outcomeAdjusted?: number | null;
}

export interface ScatterOptions {
  indicatorLabel: string;
  outcomeLabel: string;
  indicatorPolarity: Polarity;
  /** Direction of the outcome: Ofsted grades are "down" (1 Outstanding is best). */
  outcomePolarity: Polarity;
  /** Labels of the levels of an ordinal outcome (e.g. {1: "Outstanding", …}); turns on jitter and tick labels. */
  outcomeLevels?: Readonly<Record<number, string>>;
  /** Half-width of the vertical jitter for ordinal outcomes, in outcome units. */
  jitter?: number;
  /** Seed of the jitter (so the figure is reproducible). */
  seed?: number;
  /** Label of the adjustment for the second panel's title (e.g. "adjusted for IDACI"). */
  adjustmentLabel?: string;
}

/** Default half-width of the ordinal jitter (grades are 1 apart). */
export const ORDINAL_JITTER = 0.12;
/** Default jitter seed. */
export const JITTER_SEED = 20160101;
/**
 * Characters of an x-axis title on one line when two panels share the width (about 450 px of 12 px text): notebook
 * 05's 77-character adjusted title ran past the figure's edge ("(→ bette").
 */
const HALF_WIDTH_TITLE_CHARS = 55;

interface Panel {
  xs: number[];
  ys: number[];
  rows: ScatterRow[];
}

function panelOf(rows: readonly ScatterRow[], adjusted: boolean): Panel {
  const out: Panel = { xs: [], ys: [], rows: [] };
  for (const r of rows) {
    const x = adjusted ? r.indicatorAdjusted : r.indicator;
    const y = adjusted ? (r.outcomeAdjusted !== undefined ? r.outcomeAdjusted : r.outcome) : r.outcome;
    if (x === null || x === undefined || y === null || y === undefined || Number.isNaN(x) || Number.isNaN(y)) continue;
    out.xs.push(x);
    out.ys.push(y);
    out.rows.push(r);
  }
  return out;
}

/**
 * Which way is better on an axis, as drawn: the x axis runs left to right as the values rise, so lower-is-better
 * points left; the y axis is reversed when lower is better (panelAxes), so better is always up. (The y arrow
 * followed the values, not the drawing: notebook 03's grade axis said "↓ better" with Outstanding at the top.)
 */
function arrow(polarity: Polarity, horizontal: boolean): string {
  if (polarity === "none") return "";
  if (horizontal) return polarity === "up" ? " (→ better)" : " (← better)";
  return " (↑ better)";
}

/**
 * Build the indicator-vs-outcome scatter (one panel, or two when any row has `indicatorAdjusted`).
 * Hover shows the LA name and both values (aggregates only: no counts).
 * @throws InputError when a panel has fewer than 3 complete LAs.
 * @example
 * const fig = indicatorOutcomeScatter(rows, { indicatorLabel: "Re-referrals (%)", outcomeLabel: "Ofsted grade",
 *   indicatorPolarity: "down", outcomePolarity: "down", outcomeLevels: OFSTED_GRADE_LABELS });
 */
export function indicatorOutcomeScatter(rows: readonly ScatterRow[], options: ScatterOptions): Figure {
  const ordinal = options.outcomeLevels !== undefined;
  const jitter = options.jitter ?? (ordinal ? ORDINAL_JITTER : 0);
  if (!(jitter >= 0 && jitter < 0.5)) throw new InputError("indicatorOutcomeScatter", "jitter must be in [0, 0.5)", jitter);
  const twoPanels = rows.some((r) => r.indicatorAdjusted !== undefined && r.indicatorAdjusted !== null);
  const panels: { panel: Panel; adjusted: boolean }[] = [{ panel: panelOf(rows, false), adjusted: false }];
  if (twoPanels) panels.push({ panel: panelOf(rows, true), adjusted: true });
  const rng = createRng(options.seed ?? JITTER_SEED);
  const data: PlotlyTrace[] = [];
  const layout: Record<string, unknown> = {
    ...baseLayout(`${options.indicatorLabel} and ${options.outcomeLabel}`),
    annotations: [] as unknown[],
  };
  panels.forEach(({ panel, adjusted }, k) => {
    const where = `indicatorOutcomeScatter (${adjusted ? "adjusted" : "raw"} panel)`;
    if (panel.xs.length < 3) throw new InputError(where, "needs at least 3 LAs with both values", panel.xs.length);
    const suffix = k === 0 ? "" : String(k + 1);
    const outcomeAdjusted = adjusted && rows.some((r) => r.outcomeAdjusted !== undefined);
    const jitterY = ordinal && !outcomeAdjusted;
    const shown = panel.ys.map((y) => (jitterY && jitter > 0 ? y + (rng.nextFloat() * 2 - 1) * jitter : y));
    data.push(...panelTraces(panel, shown, adjusted, suffix, options));
    const domain = twoPanels ? (k === 0 ? [0, 0.46] : [0.54, 1]) : [0, 1];
    Object.assign(layout, panelAxes(suffix, domain, adjusted, outcomeAdjusted, options));
    (layout.annotations as unknown[]).push({
      text: adjusted ? `After adjustment${options.adjustmentLabel ? `: ${options.adjustmentLabel}` : ""}` : "Unadjusted",
      xref: "paper",
      yref: "paper",
      x: domain[0],
      y: 1.04,
      xanchor: "left",
      showarrow: false,
      font: { size: 12 },
    });
  });
  return { data, layout };
}

/** A panel's three traces: the 95% band of the fitted line, the LAs (outcome as shown, jittered or not) and the line. */
function panelTraces(panel: Panel, shown: number[], adjusted: boolean, suffix: string, options: ScatterOptions): PlotlyTrace[] {
  const ordinal = options.outcomeLevels !== undefined;
  const band: FitBand = linearFitBand(panel.xs, panel.ys);
  const xa = `x${suffix}`;
  const ya = `y${suffix}`;
  const colour = adjusted ? COLOURS.adjusted : COLOURS.raw;
  const name = adjusted ? `Adjusted${options.adjustmentLabel ? ` (${options.adjustmentLabel})` : ""}` : "Unadjusted";
  return [
    {
      type: "scatter",
      mode: "lines",
      name: `${name}: 95% band`,
      x: [...band.x, ...[...band.x].reverse()],
      y: [...band.upper, ...[...band.lower].reverse()],
      fill: "toself",
      fillcolor: adjusted ? "rgba(230,159,0,0.18)" : "rgba(0,114,178,0.15)",
      line: { width: 0, color: colour },
      hoverinfo: "skip",
      showlegend: false,
      xaxis: xa,
      yaxis: ya,
    },
    {
      type: "scatter",
      mode: "markers",
      name: `${name}: LAs (${panel.xs.length})`,
      x: panel.xs,
      y: shown,
      text: panel.rows.map((r) => escapeHover(r.la_name)),
      customdata: panel.ys.map((y) =>
        ordinal && !adjusted && options.outcomeLevels![y] !== undefined ? escapeHover(options.outcomeLevels![y]) : formatNumber(y, 3),
      ),
      hovertemplate: `<b>%{text}</b><br>${escapeHover(options.indicatorLabel)}${adjusted ? " (adjusted)" : ""}: %{x:.3~f}<br>${escapeHover(options.outcomeLabel)}: %{customdata}<extra></extra>`,
      marker: { color: colour, size: 7, opacity: 0.75, line: { color: "#FFFFFF", width: 0.5 } },
      xaxis: xa,
      yaxis: ya,
    },
    {
      type: "scatter",
      mode: "lines",
      name: `${name}: fitted line (slope ${formatNumber(band.slope, 3)}${reversedSlopeWords(band.slope, options.outcomePolarity)}, R² ${formatNumber(band.r2, 3)}, n ${band.n})`,
      x: band.x,
      y: band.fit,
      line: { color: colour, width: 2 },
      hoverinfo: "skip",
      xaxis: xa,
      yaxis: ya,
    },
  ];
}

/**
 * On a reversed y axis (lower is better, drawn at the top) a line of negative slope rises: the legend says how it
 * is drawn, so that its sign does not contradict the picture (a walkthrough read "slope −0.94" under a line rising
 * toward Outstanding). Nothing on an axis that is not reversed, or for a flat or undefined slope.
 */
function reversedSlopeWords(slope: number, outcomePolarity: Polarity): string {
  if (outcomePolarity !== "down" || !(slope !== 0 && Number.isFinite(slope))) return "";
  return `, drawn ${slope < 0 ? "rising" : "falling"}: the axis is reversed`;
}

/** A panel's x and y axes (`xaxis2`, `yaxis2` for the second); better outcomes at the top, grade names as ticks. */
function panelAxes(suffix: string, domain: number[], adjusted: boolean, outcomeAdjusted: boolean, options: ScatterOptions): Record<string, unknown> {
  const xTitle = `${options.indicatorLabel}${adjusted ? " (adjusted)" : ""}${arrow(options.indicatorPolarity, true)}`;
  const halfWidth = domain[1] - domain[0] < 1;
  const yTitle = `${options.outcomeLabel}${outcomeAdjusted ? " (adjusted)" : ""}${arrow(options.outcomePolarity, false)}`;
  const yExtra: Record<string, unknown> = { anchor: `x${suffix}` };
  // better outcomes at the top: reverse the axis when lower is better
  if (options.outcomePolarity === "down") yExtra.autorange = "reversed";
  if (options.outcomeLevels !== undefined && !outcomeAdjusted) {
    const levels = Object.keys(options.outcomeLevels).map(Number).sort((a, b) => a - b);
    yExtra.tickvals = levels;
    yExtra.ticktext = levels.map((l) => options.outcomeLevels![l]);
  }
  return {
    [`xaxis${suffix}`]: axis(halfWidth ? wrapWords(xTitle, HALF_WIDTH_TITLE_CHARS).join("<br>") : xTitle, {
      domain,
      anchor: `y${suffix}`,
    }),
    [`yaxis${suffix}`]: axis(yTitle, yExtra),
  };
}
