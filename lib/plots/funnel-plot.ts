/**
 * Funnel plot of one indicator: each LA's value against its denominator, with the 95% and 99.8% control
 * limits around the target, and the LAs outside them coloured by whether that is better or worse
 * (polarity-aware). Limits and classification come from lib/indicators/funnel (PHEindicatormethods
 * `calculate_funnel_limits` / `assign_funnel_significance`).
 */
import type { Polarity } from "../data/types";
import { InputError } from "../errors";
import { funnelLimits, funnelSignificance, type FunnelSignificance, type RateFunnelRule } from "../indicators/funnel";
import type { Figure, PlotlyTrace } from "./figure";
import { DEFAULT_DISCLOSURE_THRESHOLD, isSmallCount } from "../disclosure/suppress-counts";
import { disclosableCount, escapeHover, formatNumber } from "./format";
import { axis, baseLayout, COLOURS, directionColour, polarityPhrase } from "./theme";

/** One LA on the funnel. `value` is on the output scale (e.g. percent); null = missing. */
export interface FunnelPoint {
  la_code: string;
  la_name: string;
  value: number | null;
  denominator: number | null;
}

export interface FunnelPlotOptions {
  /** Target on the output scale's basis: a proportion in [0, 1] for `proportion`, a rate per multiplier for `rate`. */
  target: number;
  type: "proportion" | "rate";
  /** Multiplier of the output scale (100 for percent; rates default 10,000). */
  multiplier?: number;
  polarity: Polarity;
  /** Indicator label for the title and the y axis. */
  label: string;
  /** What the denominator counts, for the x axis (e.g. "Children in need"). */
  denominatorLabel?: string;
  /** LAs whose denominator is 1 … this − 1 are not plotted (default 10). */
  disclosureThreshold?: number;
  /** Points on each limit line (evenly spaced in √denominator). */
  limitPoints?: number;
  /** Rate funnels only: PHE's rule (default) or Fingertips' SPC rule (lib/indicators/funnel). */
  rateRule?: RateFunnelRule;
}

/** Number of points drawn on each control-limit curve. */
export const FUNNEL_LIMIT_POINTS = 60;

type Band = "within" | "outside95" | "outside998";

function bandOf(sig: FunnelSignificance): { band: Band; direction: 1 | -1 } {
  switch (sig) {
    case "High (0.001)":
      return { band: "outside998", direction: 1 };
    case "High (0.025)":
      return { band: "outside95", direction: 1 };
    case "Low (0.001)":
      return { band: "outside998", direction: -1 };
    case "Low (0.025)":
      return { band: "outside95", direction: -1 };
    default:
      return { band: "within", direction: 1 };
  }
}

function groupName(band: Band, direction: 1 | -1, polarity: Polarity): string {
  if (band === "within") return "Within 95% limits";
  const limit = band === "outside998" ? "99.8%" : "95%";
  const side = direction === 1 ? "Above" : "Below";
  const judgement =
    polarity === "none" ? "" : (direction === 1) === (polarity === "up") ? " (better)" : " (worse)";
  return `${side} ${limit} limit${judgement}`;
}

/**
 * Build a funnel plot.
 *
 * LAs with a missing value or denominator are left out and counted in the subtitle (never plotted at 0), and so are
 * LAs whose denominator is 1 … `disclosureThreshold` − 1 (their position would give it). Hover shows the LA name,
 * value, the denominator and the PHE significance label; numerators are never shown.
 *
 * @example
 * const fig = funnelPlot(points, { target: 0.22, type: "proportion", multiplier: 100, polarity: "down",
 *   label: "Re-referrals within 12 months (%)", denominatorLabel: "Referrals" });
 * show(fig);
 */
export function funnelPlot(points: readonly FunnelPoint[], options: FunnelPlotOptions): Figure {
  const multiplier = options.multiplier ?? (options.type === "rate" ? 10000 : 1);
  const nLimit = options.limitPoints ?? FUNNEL_LIMIT_POINTS;
  if (!(nLimit >= 2)) throw new InputError("funnelPlot", "limitPoints must be >= 2", nLimit);
  const threshold = options.disclosureThreshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  const usable = usableFunnelPoints(points);
  const missing = points.length - usable.length;
  // a point sits at its denominator: one of 1 … threshold − 1 is left off, as its hover's "<10" would be read off
  // the x axis (check-disclosure found a denominator of 5 plotted so), as the profile's funnels leave it off
  const plotted = usable.filter((p) => !isSmallCount(p.denominator as number, threshold));
  if (plotted.length === 0) throw new InputError("funnelPlot", `every LA with a value has a denominator under the disclosure threshold ${threshold}: none can be plotted`, usable.length);
  const small = usable.length - plotted.length;
  const dens = plotted.map((p) => p.denominator as number);
  const limitOptions = { type: options.type, multiplier, rateRule: options.rateRule };
  const groups = significanceGroups(plotted, funnelLimits(options.target, dens, limitOptions), options.polarity);
  const traces = [...limitTraces(options.target, dens, nLimit, limitOptions), ...groupTraces(groups, options.label, threshold)];
  const notShown = [...(small > 0 ? [`${small} with a denominator under ${threshold} not shown`] : []), ...(missing > 0 ? [`${missing} missing (not shown)`] : [])];
  const subtitle = `${plotted.length} LAs plotted${notShown.map((x) => `, ${x}`).join("")}; ${polarityPhrase(options.polarity)}`;
  return {
    data: traces,
    layout: {
      ...baseLayout(`Funnel plot: ${options.label}`),
      xaxis: axis(options.denominatorLabel ?? "Denominator", { rangemode: "tozero" }),
      yaxis: axis(options.label),
      annotations: [
        { text: subtitle, xref: "paper", yref: "paper", x: 0, y: 1.06, showarrow: false, xanchor: "left", font: { size: 11, color: COLOURS.limit998 } },
      ],
    },
  };
}

/** The points with a finite value and a denominator > 0; an error saying why when there are none. */
function usableFunnelPoints(points: readonly FunnelPoint[]): FunnelPoint[] {
  const usable = points.filter(
    (p) => p.value !== null && Number.isFinite(p.value) && p.denominator !== null && p.denominator > 0,
  );
  if (usable.length === 0) {
    const why = points.length === 0
      ? "no points were given (an empty slice: is the indicator id or the period right? vs.indicatorSlice(pkg, id, period) says which ids and periods there are)"
      : `no LA has both a value and a denominator > 0 (${points.filter((p) => p.value !== null).length} of ${points.length} have a value, ${points.filter((p) => p.denominator !== null && p.denominator > 0).length} a denominator)`;
    throw new InputError("funnelPlot", why);
  }
  return usable;
}

type SignificanceGroup = { colour: string; band: Band; points: { p: FunnelPoint; sig: string }[] };

/** The points grouped by band and side (e.g. "Above 99.8% limit (worse)"), each group with its colour. */
function significanceGroups(usable: readonly FunnelPoint[], pointLimits: ReturnType<typeof funnelLimits>, polarity: Polarity): Map<string, SignificanceGroup> {
  const groups = new Map<string, SignificanceGroup>();
  usable.forEach((p, i) => {
    const sig =
      funnelSignificance(p.value as number, {
        lower95: pointLimits.lower95[i],
        upper95: pointLimits.upper95[i],
        lower998: pointLimits.lower998[i],
        upper998: pointLimits.upper998[i],
      }) ?? "Not significant";
    const { band, direction } = bandOf(sig);
    const name = groupName(band, direction, polarity);
    const colour = band === "within" ? COLOURS.neutral : directionColour(direction, polarity);
    if (!groups.has(name)) groups.set(name, { colour, band, points: [] });
    groups.get(name)!.points.push({ p, sig });
  });
  return groups;
}

/** The target line and the 95% and 99.8% limit curves, from the smallest to the largest denominator. */
function limitTraces(target: number, dens: readonly number[], nLimit: number, limitOptions: Parameters<typeof funnelLimits>[2]): PlotlyTrace[] {
  // limit curves from the smallest to the largest denominator, evenly spaced in √n (where they bend)
  const lo = Math.sqrt(Math.min(...dens));
  const hi = Math.sqrt(Math.max(...dens));
  const grid = Array.from({ length: nLimit }, (_, k) => (lo + ((hi - lo) * k) / (nLimit - 1)) ** 2);
  const lim = funnelLimits(target, grid, limitOptions);
  const gridX = Array.from(lim.denominators);
  const line = (y: Float64Array, name: string, colour: string, dash: string, show: boolean): PlotlyTrace => ({
    type: "scatter",
    mode: "lines",
    name,
    x: gridX,
    y: Array.from(y),
    line: { color: colour, dash, width: 1.2 },
    hoverinfo: "skip",
    showlegend: show,
    legendgroup: name,
  });
  return [
    {
      type: "scatter",
      mode: "lines",
      name: `Target ${formatNumber(lim.target, 2)}`,
      x: [gridX[0], gridX[gridX.length - 1]],
      y: [lim.target, lim.target],
      line: { color: COLOURS.england, width: 1 },
      hoverinfo: "skip",
    },
    line(lim.lower95, "95% limits", COLOURS.limit95, "dash", true),
    line(lim.upper95, "95% limits", COLOURS.limit95, "dash", false),
    line(lim.lower998, "99.8% limits", COLOURS.limit998, "dot", true),
    line(lim.upper998, "99.8% limits", COLOURS.limit998, "dot", false),
  ];
}

/** One marker trace per significance group (within first, then outside 95%, then outside 99.8%); small denominators hover as "<threshold". */
function groupTraces(groups: ReadonlyMap<string, SignificanceGroup>, label: string, threshold: number): PlotlyTrace[] {
  const order: Band[] = ["within", "outside95", "outside998"];
  const sorted = [...groups.entries()].sort(
    (a, b) => order.indexOf(a[1].band) - order.indexOf(b[1].band) || (a[0] < b[0] ? -1 : 1),
  );
  return sorted.map(([name, g]) => ({
    type: "scatter",
    mode: "markers",
    name: `${name} (${g.points.length})`,
    x: g.points.map((q) => q.p.denominator),
    y: g.points.map((q) => q.p.value),
    text: g.points.map((q) => escapeHover(q.p.la_name)),
    customdata: g.points.map((q) => [escapeHover(disclosableCount(q.p.denominator, threshold)), q.sig]),
    hovertemplate: `<b>%{text}</b><br>${escapeHover(label)}: %{y:.3~f}<br>denominator: %{customdata[0]}<br>%{customdata[1]}<extra></extra>`,
    marker: {
      color: g.colour,
      size: g.band === "outside998" ? 9 : 7,
      line: { color: "#FFFFFF", width: 0.5 },
      opacity: g.band === "within" ? 0.7 : 1,
    },
  }));
}
