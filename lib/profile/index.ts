/**
 * The LA profile (`vital-signs profile`): one authority against England, its region and its statistical
 * neighbours. Index a package once ({@link profileIndex}), build each LA's profile ({@link buildLaProfile}),
 * and draw its figures and funnels; lib/report/profile-report.ts writes profile.html. Nothing here reads
 * files: the caller passes DfE's neighbour groups in (`options.dfeGroups`).
 * @example
 * const index = profileIndex(readPackage("datasets/pilot-synthetic"));
 * const profile = buildLaProfile(index, "E06900001", { neighbours: "context" });
 */
export {
  ENGLAND_CODE,
  NEIGHBOUR_CONTEXT_RULES,
  PROFILE_BENCHMARKS,
  PROFILE_FUNNEL_CHARTS,
  PROFILE_NEIGHBOUR_SOURCES,
  PROFILE_TREND_CHARTS,
  STALE_AFTER_YEARS,
  type BenchmarkValue,
  type DfeGroupsByModel,
  type LaProfile,
  type ProfileBenchmark,
  type ProfileComparison,
  type ProfileFunnel,
  type ProfileFunnelView,
  type ProfileIndicator,
  type ProfileNeighbourSource,
  type ProfileNeighbourSummary,
  type ProfileOptions,
  type ProfileSeriesPoint,
  type ProfileTrend,
  type ProfileTriangulation,
  type ProfileVitalSign,
  type ProfileVitalSigns,
} from "./types";
export { profileIndex, profileableAreas, type ProfileCache, type ProfileIndex } from "./package-index";
export { buildLaProfile } from "./build";
export { neighbourModelsFor, NO_ENGLAND_FIGURE } from "./comparators";
export { funnelEstimate, funnelInput, type FunnelEstimate, type FunnelInput, type FunnelUnavailable } from "./funnel-input";
export { profileFigures } from "./figures";
export { profileFunnel, profileFunnels } from "./funnel-view";
export { PART_YEAR_FLAG, PART_YEAR_NOTE, isPartYearShare } from "./window-shares";
export { ROUNDED_VALUE_NOTE } from "./build-indicator";
export { profileVitalSigns, resultsPackageProblem, type ResultsForProfile } from "./vital-signs";
