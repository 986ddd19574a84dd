/**
 * Trend small multiples: one panel per indicator, the LA's series against its region, its statistical
 * neighbours (e.g. their median) and England, with the indicator's polarity in the panel title.
 */
import type { Polarity } from "../data/types";
import { InputError } from "../errors";
import type { Figure, PlotlyTrace } from "./figure";
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
const GAP_Y = 0.12;

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
  const layout: Record<string, unknown> = {
    ...baseLayout(`Trends: ${options.laName} against comparators`, { height: 190 + 230 * rowsN, margin: { l: 60, r: 30, t: 100, b: 120 } }),
    annotations: [] as unknown[],
  };
  const w = (1 - GAP_X * (columns - 1)) / columns;
  const h = (1 - GAP_Y * (rowsN - 1)) / rowsN;
  const shownInLegend = new Set<string>();
  series.forEach((s, k) => {
    const col = k % columns;
    const row = Math.floor(k / columns);
    const suffix = k === 0 ? "" : String(k + 1);
    const x0 = col * (w + GAP_X);
    const y1 = 1 - row * (h + GAP_Y);
    const periods = [...s.points].sort((a, b) => a.period - b.period);
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
    layout[`xaxis${suffix}`] = axis("", { domain: [x0, x0 + w], anchor: `y${suffix}`, dtick: 1, tickformat: "d" });
    layout[`yaxis${suffix}`] = axis("", { domain: [y1 - h, y1], anchor: `x${suffix}` });
    (layout.annotations as unknown[]).push({
      text: `<b>${escapeHover(s.label)}</b><br><span style="font-size:10px">${polarityPhrase(s.polarity)}</span>`,
      xref: "paper",
      yref: "paper",
      x: x0,
      y: y1 + 0.01,
      xanchor: "left",
      yanchor: "bottom",
      showarrow: false,
      align: "left",
    });
  });
  return { data, layout };
}
