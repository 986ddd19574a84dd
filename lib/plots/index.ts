/** Plotly figure builders and figure output (HTML, images). Public API of lib/plots, re-exported by name from lib/index.ts. */
export {
  plotlyConfigOf, type PlotlyTrace, type Figure, PRIVATE_PLOTLY_CONFIG, DEFAULT_PLOTLY_CONFIG,
} from "./figure";
export {
  COLOURS, OFSTED_GRADE_COLOURS, OFSTED_GRADE_LABELS, VERDICT_COLOURS, CORRELATION_COLOURSCALE, SHARE_COLOURSCALE,
} from "./theme";
export {
  linearFitBand, type FitBand, FIT_BAND_CONFIDENCE, FIT_BAND_POINTS,
} from "./fit-band";
export {
  funnelPlot, type FunnelPoint, type FunnelPlotOptions, FUNNEL_LIMIT_POINTS,
} from "./funnel-plot";
export {
  indicatorOutcomeScatter, type ScatterRow, type ScatterOptions, ORDINAL_JITTER, JITTER_SEED,
} from "./indicator-outcome-scatter";
export {
  expectedSign, forestPlot, type ForestRow, type ForestOptions,
} from "./forest-plot";
export {
  heatmapInput, correlationHeatmap, type CorrelationHeatmapInput,
} from "./correlation-heatmap";
export {
  percentileMembershipChart, type PercentileMembershipRow, type MembershipColouring, OUTCOME_QUARTER_LABELS, MAX_NAMES_IN_HOVER,
} from "./percentile-membership-chart";
export {
  completenessHeatmap,
} from "./completeness-heatmap";
export {
  trendSmallMultiples, type TrendPoint, type TrendSeries, type TrendOptions, TREND_COLUMNS,
} from "./trend-small-multiples";
export {
  vitalSignsStabilityChart, type StabilityRow,
} from "./vital-signs-stability-chart";
export {
  plotlyVersion, figureHtml, standaloneFigureHtml,
} from "./figure-html";
export {
  writeFigureHtml, writeFigureImage, writeFigureImages, type FigureImageJob, type FigureImageOptions,
} from "./export-figure";
export {
  forestRowsFromScreen, screenForestRows, screenForestPlot, type ScreenForestPlotOptions,
} from "./screen-forest-plot";
