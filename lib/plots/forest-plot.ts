/**
 * Forest plot of the association screen: each indicator's association with the outcome and its interval,
 * unadjusted (blue) and after contextual adjustment (orange) side by side; associations significant after
 * false-discovery control are drawn filled, the others open; a label carries a "*" when the adjusted association is
 * significant (the unadjusted one when there is no adjustment).
 */
import type { Polarity } from "../data/types";
import { InputError } from "../errors";
import type { Figure, PlotlyTrace } from "./figure";
import { escapeHover, formatNumber } from "./format";
import { axis, baseLayout, COLOURS } from "./theme";

/** One indicator of the screen. Estimates that could not be computed are NaN or null (drawn as absent). */
export interface ForestRow {
  indicator: string;
  label: string;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  adjustedEstimate?: number | null;
  adjustedLower?: number | null;
  adjustedUpper?: number | null;
  /** FDR-significant (unadjusted). */
  significant: boolean;
  /** FDR-significant after adjustment (defaults to false). */
  adjustedSignificant?: boolean;
  /** The indicator's polarity, to say whether the association runs the expected way. */
  polarity?: Polarity;
  /** LAs used. */
  n?: number;
  adjustedN?: number;
}

export interface ForestOptions {
  /** What the estimate is, e.g. "Spearman ρ with Ofsted grade". */
  estimateLabel: string;
  /** Polarity of the outcome: "down" for Ofsted grades (1 = Outstanding). */
  outcomePolarity: Polarity;
  /** Value of no association (0 for correlations and slopes, 1 for odds ratios). */
  nullValue?: number;
  /** Order of rows: as given, or by the unadjusted estimate. */
  order?: "given" | "estimate";
  /** Name of the multiple-testing rule for the legend, e.g. "BH q < 0.05". */
  significanceLabel?: string;
}

/** Vertical offset of the raw and adjusted markers around each row. */
const ROW_OFFSET = 0.17;

const finite = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

/**
 * Does a positive association mean "higher indicator goes with better outcome"? +1 yes, −1 the opposite,
 * 0 when either side has no polarity.
 */
export function expectedSign(indicatorPolarity: Polarity, outcomePolarity: Polarity): 1 | -1 | 0 {
  if (indicatorPolarity === "none" || outcomePolarity === "none") return 0;
  return indicatorPolarity === outcomePolarity ? 1 : -1;
}

/** Height of one line of the forest plot's note (11 px text). */
const NOTE_LINE_PX = 14;

/** Longest line of the forest plot's note (see the layout's comment); tests hold the lines to it. */
export const NOTE_LINE_CHARACTERS = 52;

/**
 * Which side of the no-association line means better outcomes, in plain words, in lines for the note: for an
 * outcome where higher is better, right of it (a positive estimate) is "LAs with higher values of the indicator have
 * better outcomes"; for one where lower is better (an Ofsted grade), left of it. No lines for an outcome of no polarity.
 * @example
 * signNoteLines("up", 0)
 * // ["Right of 0: LAs with higher values of the indicator", "have better outcomes; left of 0, worse outcomes."]
 */
export function signNoteLines(outcomePolarity: Polarity, nullValue: number): string[] {
  if (outcomePolarity === "none") return [];
  const [better, worse] = outcomePolarity === "up" ? ["Right", "left"] : ["Left", "right"];
  const at = formatNumber(nullValue, 3);
  return [`${better} of ${at}: LAs with higher values of the indicator`, `have better outcomes; ${worse} of ${at}, worse outcomes.`];
}

function directionWords(estimate: number, sign: 1 | -1 | 0, nullValue: number): string {
  if (sign === 0 || estimate === nullValue) return "";
  return (estimate > nullValue ? 1 : -1) === sign ? "in the expected direction" : "against the expected direction";
}

/**
 * Build the forest plot of a screen.
 * @example
 * const fig = forestPlot(rows, { estimateLabel: "Spearman ρ with Ofsted grade", outcomePolarity: "down" });
 */
export function forestPlot(rows: readonly ForestRow[], options: ForestOptions): Figure {
  if (rows.length === 0) throw new InputError("forestPlot", "needs at least one row", 0);
  const nullValue = options.nullValue ?? 0;
  const ordered = [...rows];
  if (options.order === "estimate") {
    ordered.sort((a, b) => (finite(a.estimate) ? a.estimate : Infinity) - (finite(b.estimate) ? b.estimate : Infinity));
  }
  const hasAdjusted = rows.some((r) => finite(r.adjustedEstimate));
  const sigLabel = options.significanceLabel ?? "FDR-significant";
  // first row at the top: y = m − 1 − i
  const m = ordered.length;
  const yOf = (i: number) => m - 1 - i;
  const series: ForestSeries[] = [{ key: "raw", colour: COLOURS.raw, name: "Unadjusted" }];
  if (hasAdjusted) series.push({ key: "adjusted", colour: COLOURS.adjusted, name: "Adjusted for context" });
  const layout = { yOf, hasAdjusted, sigLabel, nullValue, outcomePolarity: options.outcomePolarity };
  const traces = series.flatMap((s) => [true, false].flatMap((sig) => seriesTrace(ordered, s, sig, layout) ?? []));
  // with adjusted estimates the star is theirs (the q the verdicts quote): starred by either, a label said "BH q < 0.05"
  // beside a summary giving its partial q as 0.0762, "not supported" (a user trial, round 27)
  const starred = (r: ForestRow) => (hasAdjusted ? Boolean(r.adjustedSignificant) : r.significant);
  const noteLines = [
    ...signNoteLines(options.outcomePolarity, nullValue),
    ...(hasAdjusted ? [`Filled: that estimate's ${sigLabel}.`, `Label *: the adjusted estimate's ${sigLabel}.`] : [`Filled, and * after the label: ${sigLabel}.`]),
  ];
  // three lines of note fit under the title in a 115 px top margin; a fourth (the star's rule beside the fill's) gets its line's height
  const extraLines = Math.max(0, noteLines.length - 3);
  return {
    data: traces,
    layout: {
      ...baseLayout("Association with the outcome", { height: Math.max(380, 220 + 26 * m) + NOTE_LINE_PX * extraLines, margin: { l: 300, r: 30, t: 115 + NOTE_LINE_PX * extraLines, b: 120 } }),
      xaxis: axis(options.estimateLabel, { zeroline: false }),
      yaxis: axis("", {
        tickvals: ordered.map((_, i) => yOf(i)),
        ticktext: ordered.map((r) => escapeHover(`${r.label}${starred(r) ? " *" : ""}`)),
        range: [-0.7, m - 0.3],
        showgrid: false,
        zeroline: false,
      }),
      shapes: [
        { type: "line", xref: "x", yref: "paper", x0: nullValue, x1: nullValue, y0: 0, y1: 1, line: { color: COLOURS.limit998, width: 1, dash: "dot" } },
      ],
      // the note starts at the plot's left edge, right of the row labels, whose automargin takes what they need: in
      // the official report (labels up to ≈ 440 px) 384 px of a 1152 px figure were left and a 92-character line (≈ 512 px)
      // was clipped at the right edge; lines of at most NOTE_LINE_CHARACTERS (≈ 290 px at 11 px) fit, three of them under
      // the title in the 115 px top margin
      annotations: [{ text: noteLines.map(escapeHover).join("<br>"), align: "left", xref: "paper", yref: "paper", x: 0, y: 1, yanchor: "bottom", yshift: 6, xanchor: "left", showarrow: false, font: { size: 11, color: COLOURS.limit998 } }],
    },
  };
}

/** One series of the forest plot: the unadjusted estimates, or those adjusted for context. */
interface ForestSeries {
  key: "raw" | "adjusted";
  colour: string;
  name: string;
}

/** How the rows are placed and labelled, shared by every series. */
interface ForestLayout {
  /** Vertical position of the row at index i (first row at the top). */
  yOf: (i: number) => number;
  hasAdjusted: boolean;
  sigLabel: string;
  nullValue: number;
  outcomePolarity: ForestOptions["outcomePolarity"];
}

/**
 * The markers and interval bars of one series, for its significant (`sig`) or its other rows; null when no row
 * of the series has a finite estimate there. With adjusted estimates, raw and adjusted sit either side of the row.
 */
function seriesTrace(ordered: readonly ForestRow[], s: ForestSeries, sig: boolean, layout: ForestLayout): PlotlyTrace | null {
  const { yOf, hasAdjusted, sigLabel, nullValue } = layout;
  const xs: number[] = [];
  const ys: number[] = [];
  const plus: number[] = [];
  const minus: number[] = [];
  const text: string[] = [];
  ordered.forEach((r, i) => {
    const est = s.key === "raw" ? r.estimate : r.adjustedEstimate;
    const lo = s.key === "raw" ? r.lower : r.adjustedLower;
    const hi = s.key === "raw" ? r.upper : r.adjustedUpper;
    const isSig = s.key === "raw" ? r.significant : (r.adjustedSignificant ?? false);
    if (isSig !== sig || !finite(est)) return;
    const n = s.key === "raw" ? r.n : r.adjustedN;
    xs.push(est);
    ys.push(yOf(i) + (hasAdjusted ? (s.key === "raw" ? ROW_OFFSET : -ROW_OFFSET) : 0));
    plus.push(finite(hi) ? hi - est : 0);
    minus.push(finite(lo) ? est - lo : 0);
    const ci = finite(lo) && finite(hi) ? ` (${formatNumber(lo, 3)} to ${formatNumber(hi, 3)})` : " (no interval)";
    const dir = directionWords(est, expectedSign(r.polarity ?? "none", layout.outcomePolarity), nullValue);
    text.push(
      escapeHover(
        `${r.label} — ${s.name.toLowerCase()}: ${formatNumber(est, 3)}${ci}${n !== undefined ? `, n = ${n} LAs` : ""}` +
          `${sig ? `; ${sigLabel}` : ""}${dir ? `; ${dir}` : ""}`,
      ),
    );
  });
  if (xs.length === 0) return null;
  return {
    type: "scatter",
    mode: "markers",
    name: `${s.name}${sig ? ` (${sigLabel})` : ""}`,
    legendgroup: s.key,
    x: xs,
    y: ys,
    text,
    hovertemplate: "%{text}<extra></extra>",
    error_x: { type: "data", symmetric: false, array: plus, arrayminus: minus, color: s.colour, thickness: 1.5, width: 3 },
    marker: {
      color: s.colour,
      size: 9,
      symbol: sig ? "circle" : "circle-open",
      line: { color: s.colour, width: 1.5 },
    },
  };
}
