/**
 * Annex A window shares in a profile: a share an LA's returns import computed from the months an Ofsted Annex A
 * list holds (lib/returns/annex-a-indicators, status `low-reliability:window`), not from the year ending 31 March.
 * Beside annual values it reads like one of them: a walkthrough's profile.html drew it in the LA's trend line with
 * no marker of its own and showed it in the indicators table with no flag. The profile marks it apart wherever it
 * shows the value: its own marker in the trend chart (not joined to the annual line), a flag in the table cell and in
 * the spine chart's and tartan rug's labels, and a note on the value and the series point in profile.json; and the
 * recent trend leaves it out (build-indicator.ts).
 */
import type { Figure, PlotlyTrace } from "../plots/figure";
import { escapeHover } from "../plots/format";
import { COLOURS } from "../plots/theme";
import { WINDOW_FLAG } from "../returns/annex-a-indicators";
import { ANNEX_A_WINDOW_MONTHS } from "../returns/read-annex-a";

/** The flag of a part-year value, as the indicators table shows it after the number. */
export const PART_YEAR_FLAG = "part-year";

/** What a part-year value is, in the words of profile.json's notes, the chart's hover and the table's caption. */
export const PART_YEAR_NOTE = `part-year: a share of the events of an Annex A window (the ${ANNEX_A_WINDOW_MONTHS} months before the list's extract), not of the year ending 31 March`;

/** The legend entry of the part-year points of a trend chart (after the LA's name). */
const PART_YEAR_LEGEND = "Annex A window share (part-year, not joined to the annual line)";

/**
 * Whether a value with this status is an Annex A window share.
 * @example
 * isPartYearShare("low-reliability:window") // true; isPartYearShare("") // false
 */
export function isPartYearShare(status: string): boolean {
  return status === WINDOW_FLAG;
}

/**
 * An indicator's label where the chart shows only its latest value (spine chart, tartan rug): flagged `, part-year`
 * when that value is a window share, `, low reliability` when its status says so (ProfileIndicator.valueFlag,
 * ./value-flags.ts), at the end, which shortened labels keep.
 * @example
 * flaggedLabel({ label: "Re-referrals (%)", valueFlag: "part-year" }) // "Re-referrals (%), part-year"
 */
export function flaggedLabel(x: { label: string; valueFlag?: string }): string {
  return x.valueFlag === undefined ? x.label : `${x.label}, ${x.valueFlag}`;
}

/** A point of the LA's series as the trend chart takes it, with its status. */
export interface TrendChartPoint {
  period: number;
  value: number | null;
  lower95: number | null;
  upper95: number | null;
  status: string;
}

/**
 * The LA's series split for a trend chart: the annual points, the part-year ones without value or interval (the line
 * and its band do not join a window share to the years, connectgaps is off), and the part-year points to draw apart.
 * @example
 * splitPartYear([{ period: 2024, value: 31, lower95: 20, upper95: 44, status: "low-reliability:window" }]).partYear.length // 1
 */
export function splitPartYear(points: readonly TrendChartPoint[]): { annual: TrendChartPoint[]; partYear: TrendChartPoint[] } {
  return {
    annual: points.map((p) => (isPartYearShare(p.status) ? { ...p, value: null, lower95: null, upper95: null } : p)),
    partYear: points.filter((p) => isPartYearShare(p.status) && p.value !== null),
  };
}

/**
 * The line under a trend chart's title that says which of its points are part-year, or null when none is.
 * @example
 * partYearChartNote([{ period: 2024, value: 31, lower95: null, upper95: null, status: "low-reliability:window" }])
 * // "◇ 2024: part-year: a share of the events of an Annex A window (…), not of the year ending 31 March; not in the recent trend"
 */
export function partYearChartNote(partYear: readonly TrendChartPoint[]): string | null {
  return partYear.length === 0 ? null : `◇ ${partYear.map((p) => p.period).join(", ")}: ${PART_YEAR_NOTE}; not in the recent trend`;
}

/**
 * The trend chart with its part-year points drawn as the LA's own open diamonds with their 95% intervals as error
 * bars, named in the legend and the hover (last, over the lines); the figure unchanged when there are none.
 * @example
 * withPartYearPoints(figure, "Dorset", split.partYear)
 */
export function withPartYearPoints(figure: Figure, laName: string, partYear: readonly TrendChartPoint[]): Figure {
  if (partYear.length === 0) return figure;
  const trace: PlotlyTrace = {
    type: "scatter",
    mode: "markers",
    x: partYear.map((p) => p.period),
    y: partYear.map((p) => p.value),
    name: `${escapeHover(laName)}: ${PART_YEAR_LEGEND}`,
    marker: { symbol: "diamond-open", size: 11, color: COLOURS.focus, line: { width: 2, color: COLOURS.focus } },
    hovertemplate: `${escapeHover(laName)}, %{x}: %{y:.1f}, ${escapeHover(PART_YEAR_NOTE)}<extra></extra>`,
  };
  // an interval withheld (disclosure) or not computable is null: no bar for that point
  if (partYear.some((p) => p.lower95 !== null && p.upper95 !== null)) {
    const bar = (p: TrendChartPoint, side: "lower95" | "upper95") => (p.value === null || p[side] === null ? null : Math.abs((p[side] as number) - p.value));
    trace.error_y = { type: "data", symmetric: false, array: partYear.map((p) => bar(p, "upper95")), arrayminus: partYear.map((p) => bar(p, "lower95")), color: COLOURS.focus, thickness: 1.5, width: 4 };
  }
  return { ...figure, data: [...figure.data, trace] };
}
