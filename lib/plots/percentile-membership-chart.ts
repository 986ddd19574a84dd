/**
 * The 2016 feasibility study's Tables 1–4 as one picture: how many LAs are in the best 10% for 0, 1, 2, …
 * indicators (Table 1) and in the worst 10% (Table 3), each bar split by the LAs' Ofsted grade (Tables 2
 * and 4 list the grades of the LAs with the most memberships) or, for a continuous outcome (a percentage such
 * as care leavers in education, which no grade can stand for), by the LA's quarter of the outcome. Hover lists
 * the LAs of each segment.
 */
import { InputError } from "../errors";
import type { Figure, PlotlyTrace } from "./figure";
import { escapeHover } from "./format";
import { axis, baseLayout, COLOURS, OFSTED_GRADE_COLOURS, OFSTED_GRADE_LABELS } from "./theme";


/** Most counts given a tick each on the axes (more: plotly spaces the ticks). */
const MAX_COUNT_TICKS = 20;
/** One LA: in how many indicators it is in the best and worst 10%, and its outcome grade (null = none). */
export interface PercentileMembershipRow {
  la_code: string;
  la_name: string;
  bestCount: number;
  worstCount: number;
  grade: number | null;
  /** For a continuous outcome: the LA's quarter of it, 1 = best … 4 = worst (null = no value or not banded). */
  outcomeQuarter?: number | null;
}

/** What splits each bar: the LAs' grade (Ofsted's 1–4) or their quarter of a continuous outcome. */
export type MembershipColouring = "grade" | "outcome-quarter";

/**
 * Names of the quarters of a continuous outcome. Drawn in the grade colours (green best … red worst): the same
 * order from better to worse, so the two versions of the figure read alike.
 */
export const OUTCOME_QUARTER_LABELS: Readonly<Record<number, string>> = {
  1: "Outcome in the best quarter",
  2: "Outcome in the 2nd quarter",
  3: "Outcome in the 3rd quarter",
  4: "Outcome in the worst quarter",
};

/** At most this many LA names are listed in one hover label. */
export const MAX_NAMES_IN_HOVER = 12;

function namesList(names: string[]): string {
  const shown = names.slice(0, MAX_NAMES_IN_HOVER).map(escapeHover).join("<br>");
  return names.length > MAX_NAMES_IN_HOVER ? `${shown}<br>… and ${names.length - MAX_NAMES_IN_HOVER} more` : shown;
}

/**
 * Build the membership chart (two panels: best 10%, worst 10%).
 * @param options `indicatorCount`: how many indicators were ranked (sets the x range); `share` the tail
 *   share used (default 0.1, for labels only); `gradeLabels` (default Ofsted's); `colourBy` what splits the
 *   bars (default `"grade"`; `"outcome-quarter"`: each row's `outcomeQuarter`, for a continuous outcome).
 * @example
 * const fig = percentileMembershipChart(rows, { indicatorCount: 11 });
 * const continuous = percentileMembershipChart(rows, { indicatorCount: 11, colourBy: "outcome-quarter" });
 */
export function percentileMembershipChart(
  rows: readonly PercentileMembershipRow[],
  options: { indicatorCount: number; share?: number; gradeLabels?: Readonly<Record<number, string>>; colourBy?: MembershipColouring },
): Figure {
  const k = options.indicatorCount;
  if (!(Number.isInteger(k) && k >= 1)) throw new InputError("percentileMembershipChart", "indicatorCount must be an integer >= 1", k);
  if (rows.length === 0) throw new InputError("percentileMembershipChart", "needs at least one LA", 0);
  for (const r of rows) {
    for (const c of [r.bestCount, r.worstCount]) {
      if (!(Number.isInteger(c) && c >= 0 && c <= k)) {
        throw new InputError("percentileMembershipChart", `counts must be integers in [0, ${k}] (${r.la_name})`, c);
      }
    }
  }
  const byQuarter = options.colourBy === "outcome-quarter";
  const labels = byQuarter ? OUTCOME_QUARTER_LABELS : options.gradeLabels ?? OFSTED_GRADE_LABELS;
  const groupOf = (r: PercentileMembershipRow) => (byQuarter ? r.outcomeQuarter ?? null : r.grade);
  const noneName = byQuarter ? "No outcome value" : "No grade";
  const pct = Math.round((options.share ?? 0.1) * 100);
  const grades = [...Object.keys(labels).map(Number).sort((a, b) => a - b), null];
  const counts = Array.from({ length: k + 1 }, (_, c) => c);
  const total = rows.length;
  const traces: PlotlyTrace[] = [];
  const panels: { key: "bestCount" | "worstCount"; axis: string; title: string }[] = [
    { key: "bestCount", axis: "", title: `best ${pct}%` },
    { key: "worstCount", axis: "2", title: `worst ${pct}%` },
  ];
  for (const p of panels) {
    for (const g of grades) {
      const members = counts.map((c) => rows.filter((r) => r[p.key] === c && groupOf(r) === g).map((r) => r.la_name));
      if (members.every((m) => m.length === 0)) continue;
      const gradeName = g === null ? noneName : labels[g] ?? `Grade ${g}`;
      traces.push({
        type: "bar",
        name: gradeName,
        legendgroup: gradeName,
        showlegend: p.axis === "",
        x: counts,
        y: members.map((m) => m.length),
        customdata: members.map((m, c) => [
          escapeHover(`${m.length} LA${m.length === 1 ? "" : "s"} (${((100 * m.length) / total).toFixed(0)}% of ${total}) in the ${p.title} for ${c} indicator${c === 1 ? "" : "s"}, ${gradeName}`),
          namesList(m),
        ]),
        hovertemplate: "%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        marker: { color: g === null ? COLOURS.neutral : OFSTED_GRADE_COLOURS[g] ?? COLOURS.neutral },
        xaxis: `x${p.axis}`,
        yaxis: `y${p.axis}`,
      });
    }
  }
  const yMax = Math.max(...panels.flatMap((p) => counts.map((c) => rows.filter((r) => r[p.key] === c).length)));
  // a tick per count while they are few; past MAX_COUNT_TICKS (the official package: counts up to 90) plotly's own
  // spacing, since a tick per count ran the labels into each other
  const dtick = counts.length <= MAX_COUNT_TICKS ? 1 : undefined;
  return {
    data: traces,
    layout: {
      ...baseLayout(`LAs by number of indicators in the best and worst ${pct}%`),
      barmode: "stack",
      xaxis: axis(`Indicators in the best ${pct}%`, { domain: [0, 0.46], dtick, anchor: "y" }),
      yaxis: axis("Local authorities", { range: [0, yMax * 1.08], anchor: "x" }),
      xaxis2: axis(`Indicators in the worst ${pct}%`, { domain: [0.54, 1], dtick, anchor: "y2" }),
      yaxis2: axis("", { range: [0, yMax * 1.08], anchor: "x2", matches: "y" }),
    },
  };
}
