/**
 * The forest plot of an analysis's screen: each indicator's raw and context-adjusted correlation with a better
 * outcome, with intervals, from an {@link Analysis} (lib/vitals `analysePackage`), so that notebooks and the
 * report draw it the same way without copying an options block.
 */
import { correlationInference, CORRELATION_CONF } from "../stats/pearson";
import { benjaminiHochberg } from "../stats/multiple-testing";
import { spearmanFisherSe } from "../stats/spearman";
import { InputError } from "../errors";
import type { Analysis } from "../vitals/analyse";
import type { ScreenRow } from "../vitals/screen";
import { forestPlot, type ForestOptions, type ForestRow } from "./forest-plot";
import type { Figure } from "./figure";

/**
 * Forest rows of an association screen (lib/vitals `screenIndicators` rows): the raw correlation with the
 * *better* outcome (`raw_r`, Pearson or Spearman as screened) and, when `contextCount` > 0, the
 * context-adjusted partial correlation, both on the same LAs (`n_complete`), with the screen's Fisher-z
 * intervals (Bonett–Wright SE for Spearman; recomputed the same way when `conf` is not 95%);
 * significant = Benjamini–Hochberg q below `alpha`, the q of the p of the correlation drawn: of `raw_p` unadjusted
 * (not results.json's `q_bh_raw`, the q of the 2016 study's Spearman p on every LA with the indicator, which
 * could mark a bar whose interval, on fewer LAs or by Pearson, crosses zero), of the partial p adjusted.
 * Draw with `outcomePolarity: "up"`.
 * @param options `labels` (indicator → label), `contextCount` (k, variables adjusted for), `alpha`, `conf`
 * @example
 * show(forestPlot(forestRowsFromScreen(screen, { contextCount: 1, alpha: 0.05 }), { estimateLabel: "ρ", outcomePolarity: "up" }));
 */
export function forestRowsFromScreen(
  screen: readonly ScreenRow[],
  options: { labels?: Readonly<Record<string, string>>; contextCount: number; alpha: number; conf?: number },
): ForestRow[] {
  const conf = options.conf ?? CORRELATION_CONF;
  const k = options.contextCount;
  if (!(Number.isInteger(k) && k >= 0)) throw new InputError("forestRowsFromScreen", "contextCount must be an integer >= 0", k);
  if (!(options.alpha > 0 && options.alpha < 1)) throw new InputError("forestRowsFromScreen", "alpha must be in (0, 1)", options.alpha);
  const interval = (s: ScreenRow, r: number, kk: number, lower: number, upper: number) =>
    conf === CORRELATION_CONF
      ? { lower, upper }
      : correlationInference(r, s.nComplete, kk, conf, s.method === "spearman" ? spearmanFisherSe(r, s.nComplete - kk) : undefined);
  const qRaw = benjaminiHochberg(screen.map((s) => s.rawP)).adjusted;
  return screen.map((s, j) => {
    const raw = interval(s, s.rawR, 0, s.rawRLower, s.rawRUpper);
    const adj = k > 0 ? interval(s, s.partialR, k, s.partialRLower, s.partialRUpper) : { lower: NaN, upper: NaN };
    return {
      indicator: s.indicator,
      label: options.labels?.[s.indicator] ?? s.indicator,
      estimate: s.rawR,
      lower: raw.lower,
      upper: raw.upper,
      adjustedEstimate: k > 0 ? s.partialR : null,
      adjustedLower: adj.lower,
      adjustedUpper: adj.upper,
      significant: qRaw[j] < options.alpha,
      adjustedSignificant: k > 0 && s.qBh < options.alpha,
      polarity: s.polarity,
      n: s.nComplete,
      adjustedN: s.partialN,
    };
  });
}

/**
 * Forest rows of an analysis's screen ({@link forestRowsFromScreen} with the analysis's labels, context and α).
 * @example
 * show(forestPlot(screenForestRows(a), { estimateLabel: "ρ with a better rating", outcomePolarity: "up" }));
 */
export function screenForestRows(analysis: Analysis, options: { conf?: number } = {}): ForestRow[] {
  return forestRowsFromScreen(analysis.screen, {
    labels: Object.fromEntries(analysis.frame.indicators.map((i) => [i.indicator, i.label])),
    contextCount: analysis.frame.context.length,
    alpha: analysis.selection.settings.alpha,
    conf: options.conf,
  });
}

/** Options of {@link screenForestPlot}. */
export interface ScreenForestPlotOptions {
  /**
   * Which indicators: `"all"` (default), `"significant"` (raw or adjusted BH q below the analysis's α), or a
   * predicate on the forest row. Rows without a finite estimate are never drawn.
   */
  rows?: "all" | "significant" | ((row: ForestRow) => boolean);
  /** The x-axis title (default: the correlation with a better rating, or outcome when it is not a grade, raw and partial given the context). */
  estimateLabel?: string;
  /** Row order (default `"estimate"`, smallest at the top). */
  order?: ForestOptions["order"];
  /** Confidence level of the intervals (default 0.95, the screen's own). */
  conf?: number;
}

/**
 * The forest plot of an analysis's screen: {@link screenForestRows} drawn by {@link forestPlot} with the
 * outcome's polarity "up" (rows are oriented to a *better* outcome) and significance = BH q < the analysis's α.
 * @example
 * show(screenForestPlot(a, { rows: "significant", estimateLabel: "Spearman ρ with a better rating (partial ρ given IDACI)" }));
 */
export function screenForestPlot(analysis: Analysis, options: ScreenForestPlotOptions = {}): Figure {
  const keep = options.rows ?? "all";
  const rows = screenForestRows(analysis, { conf: options.conf })
    .filter((row) => row.estimate !== null && Number.isFinite(row.estimate))
    .filter((row) => (keep === "all" ? true : keep === "significant" ? row.significant || Boolean(row.adjustedSignificant) : keep(row)));
  if (rows.length === 0) throw new InputError("screenForestPlot", "no indicator is left to draw (rows filter)", typeof keep === "function" ? "a predicate" : keep);
  const method = analysis.screen[0]?.method ?? "spearman";
  const coef = method === "spearman" ? "ρ" : "r";
  const context = analysis.frame.context.map((c) => c.variable);
  const estimateLabel = options.estimateLabel ??
    `${method === "spearman" ? "Spearman" : "Pearson"} ${coef} with a better ${analysis.frame.outcomeMeasure ? "outcome" : "rating"}${context.length > 0 ? ` (partial ${coef} given ${context.join(", ")})` : ""}`;
  return forestPlot(rows, {
    estimateLabel,
    outcomePolarity: "up",
    order: options.order ?? "estimate",
    significanceLabel: `BH q < ${analysis.selection.settings.alpha}`,
  });
}
