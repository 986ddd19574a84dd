/** Indicator methods: intervals, funnel limits and overdispersion, comparisons with a benchmark, ranking, quartiles, trends. Public API of lib/indicators, re-exported by name from lib/index.ts. */
export {
  zForConfidence, wilsonInterval, exactPoissonInterval, byarInterval, rateInterval, CONFIDENCE_95, CONFIDENCE_998,
  BYAR_MIN_COUNT, PER_10K, type IntervalEstimate, type ProportionInterval, type RateInterval,
} from "./intervals";
export {
  funnelColumns, funnelLimits, rateFunnelPoints, funnelSignificance, type FunnelLimits, type RateFunnelRule,
  DEFAULT_RATE_FUNNEL_RULE, type FunnelColumns, type RateFunnelPoints, type FunnelSignificance,
} from "./funnel";
export {
  rankLAs, decileMembership, decileCounts, DECILE_FRACTION, type RankResult, type DecileMembership,
  type DecileCounts,
} from "./ranking";
export {
  compareWithBenchmark, indicatorIntervals, compareObservation, type ComparisonLevels, type ComparisonOutcome,
  type ValueWithIntervals, type BenchmarkComparison, type IndicatorObservation, type IndicatorIntervals,
} from "./compare";
export {
  estimateOverdispersion, chooseFunnelAdjustment, overdispersedFunnelLimits, adjustedZScores, WINSORISE_FRACTION,
  OVERDISPERSION_ALPHA, MIN_UNITS_FOR_DISPERSION, type FunnelType, type FunnelAdjustment, type DispersionEstimate,
  type AdjustmentChoice, type AdjustedFunnelLimits,
} from "./overdispersion";
export {
  trendMarker, trendMarkerProportion, trendSeries, TREND_POINTS, TREND_CHI_SQUARE_THRESHOLD, TREND_MAX_SPAN_YEARS,
  TREND_CI_WIDTH_TO_SE, type TrendMarker, type TrendAssessment, type TrendMarkerPoint, type ProportionTrendPoint,
  type TrendResult, type LifespanSeries,
} from "./trend";
export {
  quartileBounds, quartileBand, quartileBands, rankWithTies, MIN_VALUES_FOR_QUARTILES, type QuartileBand,
  type QuartileBounds, type QuartileBanding, type PolarityRanks,
} from "./quartiles";
