/**
 * Trend small multiples: one panel per indicator, the LA's series against its region, its statistical
 * neighbours (e.g. their median) and England, with the indicator's polarity in the panel title.
 */
import type { Polarity } from "../data/types";
import { InputError } from "../errors";
import type { Figure, PlotlyTrace } from "./figure";
import { wrapWords } from "./axis-labels";
import { escapeHover } from "./format";
import { axis, baseLayout, COLOURS, polarityPhrase } from "./theme";

/** One year of one indicator; null = missing (a gap in the line, never 0). */
export interface TrendPoint {
  period: number;
  la: number | null;
  region?: number | null;
  neighbours?: number | null;
  england?: number | null;
}

export interface TrendSeries {
  indicator: string;
  label: string;
  polarity: Polarity;
  points: readonly TrendPoint[];
}

export interface TrendOptions {
  laName: string;
  regionName?: string;
  /** e.g. "Statistical neighbours (median)". */
  neighboursLabel?: string;
  columns?: number;
}

/** Default number of panels per row. */
export const TREND_COLUMNS = 3;
const GAP_X = 0.06;
/** Height of one panel's plot area, px. */
const PANEL_PX = 200;
/** One line of a panel title (12 px text), px. */
const TITLE_LINE_PX = 16;
/** Horizontal year labels and the x-axis title under a panel, px. */
const X_AXIS_PX = 48;
/** The figure title above the first row's panel titles, px. */
const FIGURE_TITLE_PX = 60;
/** Bottom margin: the legend below the last row. */
const BOTTOM_PX = 120;
/**
 * Characters of bold 12 px title text across the figure (about 1,000 px, the notebook page's width): a panel title
 * wraps at this over the number of columns. Unwrapped, official labels ran into the next panel's title.
 */
const FIGURE_WIDTH_CHARS = 120;
/** Most year labels on a panel's axis: 13 years at one a year were drawn slanted into the next row's titles. */
const MAX_YEAR_TICKS = 7;

/**
 * Build the small multiples.
 * @example
 * const fig = trendSmallMultiples(series, { laName: "Camden", regionName: "Inner London" });
 */
export function trendSmallMultiples(series: readonly TrendSeries[], options: TrendOptions): Figure {
  if (series.length === 0) throw new InputError("trendSmallMultiples", "needs at least one series", 0);
  const columns = Math.min(options.columns ?? TREND_COLUMNS, series.length);
  if (!(Number.isInteger(columns) && columns >= 1)) throw new InputError("trendSmallMultiples", "columns must be an integer >= 1", columns);
  const rowsN = Math.ceil(series.length / columns);
  const lines: { key: keyof Omit<TrendPoint, "period">; name: string; colour: string; dash: string; width: number }[] = [
    { key: "la", name: options.laName, colour: COLOURS.focus, dash: "solid", width: 3 },
    { key: "region", name: options.regionName ?? "Region", colour: COLOURS.region, dash: "solid", width: 1.5 },
    { key: "neighbours", name: options.neighboursLabel ?? "Statistical neighbours", colour: COLOURS.neighbours, dash: "dash", width: 1.5 },
    { key: "england", name: "England", colour: COLOURS.england, dash: "dot", width: 1.5 },
  ];
  const data: PlotlyTrace[] = [];
  const titles = series.map((s) => wrapWords(s.label, Math.floor(FIGURE_WIDTH_CHARS / columns)));
  // a panel title is its label's lines and the polarity line; the gap between rows holds the year axis and the
  // tallest title, so neither runs into the next row
  const titlePx = (Math.max(...titles.map((t) => t.length)) + 1) * TITLE_LINE_PX;
  const gapPx = X_AXIS_PX + titlePx + 8;
  const plotPx = rowsN * PANEL_PX + (rowsN - 1) * gapPx;
  const margin = { l: 60, r: 30, t: FIGURE_TITLE_PX + titlePx, b: BOTTOM_PX };
  const layout: Record<string, unknown> = {
    ...baseLayout(`Trends: ${options.laName} against comparators`, { height: margin.t + plotPx + margin.b, margin }),
    annotations: [] as unknown[],
  };
  const w = (1 - GAP_X * (columns - 1)) / columns;
  const h = PANEL_PX / plotPx;
  const shownInLegend = new Set<string>();
  series.forEach((s, k) => {
    const col = k % columns;
    const row = Math.floor(k / columns);
    const suffix = k === 0 ? "" : String(k + 1);
    const x0 = col * (w + GAP_X);
    const y1 = 1 - (row * (PANEL_PX + gapPx)) / plotPx;
    const periods = [...s.points].sort((a, b) => a.period - b.period);
    const span = periods.length === 0 ? 0 : periods[periods.length - 1].period - periods[0].period;
    for (const l of lines) {
      const ys = periods.map((p) => (p[l.key] === undefined ? null : (p[l.key] as number | null)));
      if (ys.every((v) => v === null || Number.isNaN(v))) continue;
      data.push({
        type: "scatter",
        mode: "lines+markers",
        name: escapeHover(l.name),
        legendgroup: l.key,
        showlegend: !shownInLegend.has(l.key),
        x: periods.map((p) => p.period),
        y: ys.map((v) => (v === null || Number.isNaN(v) ? null : v)),
        connectgaps: false,
        line: { color: l.colour, dash: l.dash, width: l.width },
        marker: { size: l.key === "la" ? 6 : 4, color: l.colour },
        hovertemplate: `${escapeHover(l.name)}, %{x}: %{y:.3~f}<extra>${escapeHover(s.label)}</extra>`,
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
      });
      shownInLegend.add(l.key);
    }
    layout[`xaxis${suffix}`] = axis("", {
      domain: [x0, x0 + w], anchor: `y${suffix}`, dtick: Math.max(1, Math.ceil(span / (MAX_YEAR_TICKS - 1))), tickangle: 0,
      tickformat: "d", title: { text: "Year ending March", font: { size: 11 }, standoff: 4 },
    });
    layout[`yaxis${suffix}`] = axis("", { domain: [y1 - h, y1], anchor: `x${suffix}` });
    (layout.annotations as unknown[]).push({
      text: `<b>${titles[k].map(escapeHover).join("<br>")}</b><br><span style="font-size:10px">${polarityPhrase(s.polarity)}</span>`,
      xref: "paper",
      yref: "paper",
      x: x0,
      y: y1,
      yshift: 4,
      xanchor: "left",
      yanchor: "bottom",
      showarrow: false,
      align: "left",
    });
  });
  return { data, layout };
}
