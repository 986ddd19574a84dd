/**
 * Figures of the LA profile, in Fingertips' chart vocabulary (fingertipscharts `area_profiles`, the spine
 * chart; `overview`, the tartan rug) plus a trend chart of one indicator against the LA's neighbours.
 *
 * - **Spine chart**: one row per indicator. Each row is scaled so that England's value sits in the
 *   middle (0.5) and the LA farthest from England on either side sits at an end: position
 *   p(v) = 0.5 + (v − England)/(2·h), h = max(England − min, max − England). Rows of `down` indicators
 *   are mirrored so that **right is always better** (`none` rows are not mirrored). Grey bars show the
 *   range of LAs (light: the worst and the best quarter, at the left and right ends; dark: 25th to 75th); the marker is
 *   the LA, coloured by its comparison with the chosen benchmark.
 * - **Tartan rug**: indicators × areas (the LA, its neighbours, region, England), each cell coloured by
 *   that area's comparison with England and labelled with its value.
 * - **Trend with neighbours**: the LA's series with its 95% band, each neighbour as a thin line, the
 *   neighbour median and England; a broken series (reorganisation) is noted under the title.
 */
import type { Polarity } from "../data/types";
import { InputError } from "../errors";
import type { ComparisonOutcome } from "../indicators/compare";
import { axisTexts } from "./axis-labels";
import type { Figure, PlotlyTrace } from "./figure";
import { escapeHover, formatNumber } from "./format";
import { axis, baseLayout, COLOURS, polarityPhrase } from "./theme";

/** Fingertips' comparison colours on the workbench palette (Okabe–Ito). */
export const COMPARISON_COLOURS: Readonly<Record<ComparisonOutcome, string>> = Object.freeze({
  better: COLOURS.better,
  similar: "#F0E442",
  worse: COLOURS.worse,
  higher: COLOURS.region,
  lower: COLOURS.raw,
  "not-compared": "#FFFFFF",
});

/** Spine-chart bar shades: outer quarters and the interquartile range. */
const SPINE_OUTER = "#D9D9D9";
const SPINE_INNER = "#8C8C8C";
/** The legend entry of both outer bars of the spine chart (one entry: the third bar's is hidden). */
export const SPINE_OUTER_LEGEND = "Worst quarter of LAs (left end) and best quarter (right end)";

/** One indicator row of the spine chart. */
export interface SpineRow {
  indicator: string;
  label: string;
  polarity: Polarity;
  value: number | null;
  /** The centre of the row (England's value). */
  england: number | null;
  /** Where England's value comes from when the profile computed it (e.g. "pooled from 12 LAs' counts (no published figure)"). */
  englandSource?: string;
  /** Why the LA's value is flagged, in words (e.g. "low reliability: computed without …"), for the hover. */
  valueNote?: string;
  /** Distribution of all LAs' values that period. */
  min: number;
  q25: number;
  q75: number;
  max: number;
  comparison: ComparisonOutcome;
  /** e.g. "worse (95%)". */
  comparisonLabel: string;
  period: number | null;
}

/** Position of a value on a spine row (0 = worst end, 1 = best end; see file header). NaN if undefined. */
export function spinePosition(v: number, row: Pick<SpineRow, "england" | "min" | "max" | "polarity">): number {
  const e = row.england;
  if (e === null || !Number.isFinite(e) || !Number.isFinite(v)) return NaN;
  const h = Math.max(e - row.min, row.max - e);
  if (!(h > 0)) return 0.5;
  const p = 0.5 + (v - e) / (2 * h);
  return row.polarity === "down" ? 1 - p : p;
}

/**
 * Spine chart of every indicator for one LA against the England range.
 * @example
 * const fig = spineChart(rows, { laName: "Dorset", benchmarkName: "England" });
 */
export function spineChart(rows: readonly SpineRow[], options: { laName: string; benchmarkName: string }): Figure {
  if (rows.length === 0) throw new InputError("spineChart", "needs at least one indicator row", 0);
  const shown = rows.filter((r) => r.england !== null && Number.isFinite(r.england) && Number.isFinite(r.min) && Number.isFinite(r.max));
  // rows keyed by indicator id (two indicators with one label stay two rows); the axis shows the labels shortened
  // (./axis-labels.ts): at full length the official ones pushed the plot into the right third of the page and its
  // title off the figure (a user walkthrough, at 1400 and 1920 px)
  const labelOf = (r: SpineRow) => `${r.label}${r.period === null ? "" : ` (${r.period})`}`;
  const labels = shown.map((r) => escapeHover(r.indicator));
  const tickText = axisTexts(shown.map((r) => ({ id: r.indicator, label: labelOf(r) }))).map(escapeHover);
  // rows of `down` indicators are mirrored, so the outer bars are the worst quarter (left) and the best (right), not
  // the lowest and highest: one legend entry names both (a walkthrough read "Lowest quarter of LAs" on both ends)
  const bars: PlotlyTrace[] = [
    ["min", "q25", SPINE_OUTER, SPINE_OUTER_LEGEND],
    ["q25", "q75", SPINE_INNER, "Middle half of LAs (25th–75th percentile)"],
    ["q75", "max", SPINE_OUTER, SPINE_OUTER_LEGEND],
  ].map(([from, to, colour, name], k) => {
    const base: number[] = [];
    const width: number[] = [];
    for (const r of shown) {
      const a = spinePosition(r[from as "min"], r);
      const b = spinePosition(r[to as "max"], r);
      base.push(Math.min(a, b));
      width.push(Math.abs(b - a));
    }
    return {
      type: "bar",
      orientation: "h",
      name,
      y: labels,
      x: width,
      base,
      marker: { color: colour },
      hoverinfo: "skip",
      showlegend: k < 2,
      legendgroup: colour,
    };
  });
  const outcomes = [...new Set(shown.map((r) => r.comparison))];
  const markers: PlotlyTrace[] = outcomes.map((o) => {
    const rs = shown.filter((r) => r.comparison === o);
    return {
      type: "scatter",
      mode: "markers",
      name: `${options.laName}: ${o.replace("-", " ")}`,
      y: rs.map((r) => escapeHover(r.indicator)),
      x: rs.map((r) => (r.value === null ? null : spinePosition(r.value, r))),
      marker: { color: COMPARISON_COLOURS[o], size: 13, symbol: "circle", line: { color: "#333333", width: 1 } },
      text: rs.map(
        (r) =>
          `${escapeHover(labelOf(r))}<br>${escapeHover(options.laName)}: ${formatNumber(r.value, 1)}${r.valueNote ? ` (${escapeHover(r.valueNote)})` : ""}<br>England: ${formatNumber(r.england, 1)}${r.englandSource ? ` (${escapeHover(r.englandSource)})` : ""}<br>` +
          `LA range ${formatNumber(r.min, 1)}–${formatNumber(r.max, 1)}<br>${escapeHover(r.comparisonLabel)} vs ${escapeHover(options.benchmarkName)}<br>${polarityPhrase(r.polarity)}`,
      ),
      hovertemplate: "%{text}<extra></extra>",
    };
  });
  // height and margins go through baseLayout, so the legend stays a fixed distance below this tall plot
  const layout = {
    ...baseLayout(`${options.laName} against the range of LAs (right = better)`, { height: 140 + 34 * shown.length, margin: { l: 320, r: 30, t: 60, b: 80 } }),
    barmode: "overlay",
    xaxis: axis("", { range: [-0.02, 1.02], tickvals: [0, 0.5, 1], ticktext: ["worst", "England", "best"], zeroline: false }),
    // one row per indicator, first at the top, with no autorange padding (plotly pads ~4 rows at each end)
    yaxis: axis("", { type: "category", range: [new Set(labels).size - 0.5, -0.5], autorange: false, tickmode: "array", tickvals: labels, ticktext: tickText }),
    shapes: [{ type: "line", xref: "x", yref: "paper", x0: 0.5, x1: 0.5, y0: 0, y1: 1, line: { color: COLOURS.england, width: 2 } }],
  };
  return { data: [...bars, ...markers], layout };
}

/** One cell of the tartan rug. */
export interface TartanCell {
  value: number | null;
  comparison: ComparisonOutcome;
}

/** The tartan rug's input: columns are areas, rows are indicators. */
export interface TartanRugInput {
  areas: readonly string[];
  indicators: readonly { label: string; period: number | null }[];
  /** cells[i][j]: indicator i, area j. */
  cells: readonly (readonly TartanCell[])[];
}

const OUTCOME_ORDER: readonly ComparisonOutcome[] = ["worse", "lower", "similar", "not-compared", "higher", "better"];

/** Angle of the tartan rug's column labels (degrees, counter-clockwise from horizontal). */
const TARTAN_LABEL_ANGLE = 30;
/** Width of one character of a 12 px tick label, in px (an average for the system sans-serif). */
const TICK_CHAR_PX = 6.5;
/** Room for the title above the column labels, in px (16 px title + padding). */
const TITLE_BAND_PX = 44;

/**
 * The tartan rug's layout: the title pinned to the top of the figure and a top margin tall enough for the
 * longest column label at TARTAN_LABEL_ANGLE, so the labels never run into the title.
 */
function tartanLayout(title: string, areas: readonly string[], rows: number): Record<string, unknown> {
  const longest = Math.max(...areas.map((a) => a.length));
  const angle = (TARTAN_LABEL_ANGLE * Math.PI) / 180;
  const labelBand = Math.ceil(longest * TICK_CHAR_PX * Math.sin(angle) + 12 * Math.cos(angle)) + 8;
  const margin = { l: 320, r: 30, t: TITLE_BAND_PX + labelBand, b: 60 };
  const base = baseLayout(title, { height: margin.t + 60 + 30 * rows, margin });
  return {
    ...base,
    // top-left of the whole figure: clear of the column labels and of the modebar at the top right
    title: { ...(base.title as Record<string, unknown>), x: 0, xref: "container", xanchor: "left", y: 1, yref: "container", yanchor: "top", pad: { t: 12, l: 12 } },
    xaxis: axis("", { side: "top", type: "category", tickangle: -TARTAN_LABEL_ANGLE }),
    yaxis: axis("", { autorange: "reversed", type: "category" }),
    plot_bgcolor: "#FFFFFF",
  };
}

/**
 * Tartan rug: indicators × areas, coloured by comparison with England, labelled with values.
 * @example
 * const fig = tartanRug({ areas: ["Dorset", "Somerset", "England"], indicators, cells });
 */
export function tartanRug(input: TartanRugInput, options: { title: string }): Figure {
  const { areas, indicators, cells } = input;
  if (indicators.length === 0 || areas.length === 0) throw new InputError("tartanRug", "needs at least one indicator and one area", indicators.length);
  if (cells.length !== indicators.length || cells.some((r) => r.length !== areas.length)) {
    throw new InputError("tartanRug", `cells must be ${indicators.length} × ${areas.length}`, cells.length);
  }
  const k = OUTCOME_ORDER.length - 1;
  // discrete colour scale: each outcome owns one band of [0, 1]
  const colorscale: [number, string][] = [];
  OUTCOME_ORDER.forEach((o, i) => {
    colorscale.push([i / (k + 1), COMPARISON_COLOURS[o]]);
    colorscale.push([(i + 1) / (k + 1), COMPARISON_COLOURS[o]]);
  });
  const z = cells.map((row) => row.map((c) => (OUTCOME_ORDER.indexOf(c.comparison) + 0.5) / (k + 1)));
  const text = cells.map((row) => row.map((c) => formatNumber(c.value, 1)));
  const hover = cells.map((row, i) => row.map((c, j) => `${escapeHover(areas[j])}<br>${escapeHover(indicators[i].label)}: ${formatNumber(c.value, 1)}<br>${c.comparison.replace("-", " ")} vs England`));
  const ylabels = indicators.map((d) => `${escapeHover(d.label)}${d.period === null ? "" : ` (${d.period})`}`);
  return {
    data: [
      {
        type: "heatmap",
        x: areas.map(escapeHover),
        y: ylabels,
        z,
        zmin: 0,
        zmax: 1,
        colorscale,
        showscale: false,
        text,
        texttemplate: "%{text}",
        customdata: hover,
        hovertemplate: "%{customdata}<extra></extra>",
        xgap: 2,
        ygap: 2,
      },
      // legend entries for the colours
      ...OUTCOME_ORDER.map((o) => ({
        type: "scatter",
        mode: "markers",
        x: [null],
        y: [null],
        name: o.replace("-", " "),
        marker: { color: COMPARISON_COLOURS[o], size: 12, symbol: "square", line: { color: "#666666", width: 1 } },
        hoverinfo: "skip",
      })),
    ],
    layout: tartanLayout(options.title, areas, indicators.length),
  };
}

/** A series point; null = missing (a gap, never 0). */
export interface ProfileTrendPoint {
  period: number;
  value: number | null;
  lower95?: number | null;
  upper95?: number | null;
}

export interface TrendWithNeighboursInput {
  label: string;
  polarity: Polarity;
  la: { name: string; points: readonly ProfileTrendPoint[] };
  neighbours: readonly { name: string; points: readonly ProfileTrendPoint[] }[];
  neighbourMedian?: readonly ProfileTrendPoint[];
  england?: readonly ProfileTrendPoint[];
  /** e.g. the trend marker text and reorganisation notes, shown under the title. */
  notes?: readonly string[];
}

function sortedXY(points: readonly ProfileTrendPoint[], key: "value" | "lower95" | "upper95") {
  const ps = [...points].sort((a, b) => a.period - b.period);
  return { x: ps.map((p) => p.period), y: ps.map((p) => (p[key] === undefined || p[key] === null || Number.isNaN(p[key] as number) ? null : (p[key] as number))) };
}

/**
 * One indicator over time: the LA with its 95% band, each neighbour, the neighbour median and England.
 * @example
 * const fig = trendWithNeighbours({ label: "Re-referrals (%)", polarity: "down", la, neighbours, england });
 */
export function trendWithNeighbours(input: TrendWithNeighboursInput): Figure {
  if (input.la.points.length === 0) throw new InputError("trendWithNeighbours", "the LA series is empty", 0);
  const data: PlotlyTrace[] = [];
  const upper = sortedXY(input.la.points, "upper95");
  const lower = sortedXY(input.la.points, "lower95");
  if (upper.y.some((v) => v !== null)) {
    data.push({ type: "scatter", mode: "lines", x: upper.x, y: upper.y, line: { width: 0 }, hoverinfo: "skip", showlegend: false, connectgaps: false });
    data.push({ type: "scatter", mode: "lines", x: lower.x, y: lower.y, line: { width: 0 }, fill: "tonexty", fillcolor: "rgba(204,121,167,0.2)", name: `${escapeHover(input.la.name)} 95% interval`, hoverinfo: "skip", connectgaps: false });
  }
  input.neighbours.forEach((n, i) => {
    const s = sortedXY(n.points, "value");
    data.push({
      type: "scatter", mode: "lines", x: s.x, y: s.y, name: "Statistical neighbours", legendgroup: "neighbours", showlegend: i === 0,
      line: { color: "#BBBBBB", width: 1 }, connectgaps: false, hovertemplate: `${escapeHover(n.name)}, %{x}: %{y:.1f}<extra></extra>`,
    });
  });
  if (input.neighbourMedian) {
    const s = sortedXY(input.neighbourMedian, "value");
    data.push({ type: "scatter", mode: "lines", x: s.x, y: s.y, name: "Neighbour median", line: { color: COLOURS.neighbours, dash: "dash", width: 2 }, connectgaps: false, hovertemplate: "Neighbour median, %{x}: %{y:.1f}<extra></extra>" });
  }
  if (input.england) {
    const s = sortedXY(input.england, "value");
    data.push({ type: "scatter", mode: "lines", x: s.x, y: s.y, name: "England", line: { color: COLOURS.england, dash: "dot", width: 2 }, connectgaps: false, hovertemplate: "England, %{x}: %{y:.1f}<extra></extra>" });
  }
  const s = sortedXY(input.la.points, "value");
  data.push({ type: "scatter", mode: "lines+markers", x: s.x, y: s.y, name: escapeHover(input.la.name), line: { color: COLOURS.focus, width: 3 }, marker: { size: 7, color: COLOURS.focus }, connectgaps: false, hovertemplate: `${escapeHover(input.la.name)}, %{x}: %{y:.1f}<extra></extra>` });
  const notes = (input.notes ?? []).map(escapeHover);
  const height = 420 + 16 * notes.length;
  const margin = { l: 70, r: 30, t: 66 + 16 * notes.length, b: 60 };
  const base = baseLayout(`${escapeHover(input.label)} (${polarityPhrase(input.polarity)})`, { height, margin });
  const title = base.title as Record<string, unknown>;
  return {
    data,
    layout: {
      ...base,
      // notes (trend marker, broken series) as a subtitle under the title
      title: { ...title, yref: "container", y: 1 - 12 / height, yanchor: "top", text: `${title.text}${notes.map((n) => `<br><span style="font-size:11px">${n}</span>`).join("")}` },
      xaxis: axis("Year ending March", { dtick: 1, tickformat: "d" }),
      yaxis: axis(""),
    },
  };
}

/** One LA on an overdispersed funnel. `value` on the output scale; null = missing (left out). */
export interface OverdispersedFunnelPoint {
  la_name: string;
  value: number | null;
  denominator: number | null;
}

/**
 * Funnel plot with both sets of limits: the exact (binomial/Poisson) 99.8% limits, dashed, and the
 * overdispersion-adjusted 95% and 99.8% limits, solid, so the reader sees how many LAs the unadjusted
 * limits would flag. `focus` names the LA to highlight.
 * @param exact exact limits at `denominators` (lib/indicators/funnel `funnelLimits`)
 * @param adjusted adjusted limits at the same denominators (lib/indicators/overdispersion)
 * @example
 * funnelWithOverdispersion(points, exact, adjusted, { label: "Re-referrals (%)", focus: "Dorset", phi: 29.8, tau2: 0.0066 });
 */
export function funnelWithOverdispersion(
  points: readonly OverdispersedFunnelPoint[],
  exact: { denominators: ArrayLike<number>; lower998: ArrayLike<number>; upper998: ArrayLike<number> },
  adjusted: { denominators: ArrayLike<number>; lower95: ArrayLike<number>; upper95: ArrayLike<number>; lower998: ArrayLike<number>; upper998: ArrayLike<number>; adjustment: string },
  options: { label: string; focus?: string; phi: number; tau2: number; denominatorLabel?: string },
): Figure {
  const shown = points.filter((p) => p.value !== null && p.denominator !== null && p.denominator > 0);
  if (shown.length === 0) throw new InputError("funnelWithOverdispersion", "needs at least one LA with a value and a denominator", 0);
  const line = (x: ArrayLike<number>, y: ArrayLike<number>, name: string, colour: string, dash: string, showlegend: boolean, group: string): PlotlyTrace => ({
    type: "scatter", mode: "lines", x: Array.from(x), y: Array.from(y), name, legendgroup: group, showlegend, line: { color: colour, dash, width: 1.5 }, hoverinfo: "skip",
  });
  const others = shown.filter((p) => p.la_name !== options.focus);
  const focus = shown.filter((p) => p.la_name === options.focus);
  const data: PlotlyTrace[] = [
    line(exact.denominators, exact.upper998, "Exact 99.8% limits (no overdispersion)", COLOURS.neutral, "dash", true, "exact"),
    line(exact.denominators, exact.lower998, "", COLOURS.neutral, "dash", false, "exact"),
    line(adjusted.denominators, adjusted.upper95, `Adjusted 95% limits (${adjusted.adjustment})`, COLOURS.limit95, "solid", true, "adj95"),
    line(adjusted.denominators, adjusted.lower95, "", COLOURS.limit95, "solid", false, "adj95"),
    line(adjusted.denominators, adjusted.upper998, `Adjusted 99.8% limits (${adjusted.adjustment})`, COLOURS.limit998, "solid", true, "adj998"),
    line(adjusted.denominators, adjusted.lower998, "", COLOURS.limit998, "solid", false, "adj998"),
    {
      type: "scatter", mode: "markers", name: "LAs", x: others.map((p) => p.denominator), y: others.map((p) => p.value),
      marker: { color: COLOURS.raw, size: 6, opacity: 0.7 }, text: others.map((p) => escapeHover(p.la_name)), hovertemplate: "%{text}: %{y:.1f}<extra></extra>",
    },
  ];
  if (focus.length) {
    data.push({ type: "scatter", mode: "markers", name: escapeHover(options.focus as string), x: focus.map((p) => p.denominator), y: focus.map((p) => p.value), marker: { color: COLOURS.focus, size: 12, line: { color: "#333333", width: 1 } }, hovertemplate: `${escapeHover(options.focus as string)}: %{y:.1f}<extra></extra>` });
  }
  return {
    data,
    layout: {
      ...baseLayout(`${escapeHover(options.label)}: funnel with overdispersion (φ = ${formatNumber(options.phi, 2)}, τ² = ${formatNumber(options.tau2, 5)})`),
      height: 480,
      xaxis: axis(escapeHover(options.denominatorLabel ?? "Denominator"), { type: "log" }),
      // the indicator is named in the title: as the axis title a long label was clipped at the plot's left edge
      yaxis: axis("LA value"),
    },
  };
}
