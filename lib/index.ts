/**
 * Vital Signs Workbench — public API: the names a notebook or script uses, listed by layer. Each layer's own
 * entry point (lib/stats/index.ts, lib/data/index.ts, …) lists its public names; this file re-exports those
 * lists by name (no wildcard re-export), so internals (kernels, scratch buffers, the headless-browser path) stay
 * internal. Test-data generation has its own entry point (lib/synthetic), not re-exported here.
 * Layers, ground first: errors → stats → data → indicators, context, disclosure → vitals, pilot → plots →
 * report → notebook. docs/api.md lists every name with its summary and example (`npm run docs:api`).
 */
export {
  formatDataError, type DataErrorLocation, DataError, DataErrors, InputError,
} from "./errors";
export {
  createProgress, type ProgressCallback, type ProgressStream, type Progress,
} from "./progress";
export {
  projectRoot, defaultOfficialDir,
} from "./project";
// stats
export {
  normalUpperTail, normalCdf, normalQuantile, tUpperTail, tCdf, tTwoSidedP, tQuantile, fUpperTail,
  chiSquareUpperTail, chiSquareCdf, chiSquareQuantile, createRng, resampleIndices, type Rng, averageRanks, quantile,
  pearsonR, correlationInference, pearson, type CorrelationResult, CORRELATION_CONF, spearman, SPEARMAN_EXACT_MAX_N,
  kendall, KENDALL_FISHER_VARIANCE, KENDALL_EXACT_MAX_N, partialCorrelation, ols, type OlsCoefficient,
  type OlsResult, olsClusterRobust, type ClusterRobustCoefficient, type ClusterRobustOls, ordinalLogit, type OrdinalParameter, type OrdinalLogitResult, benjaminiHochberg, holm,
  type AdjustedPValues, bootstrap, BOOTSTRAP_REPLICATES, type BootstrapResult, correlationMatrix,
  type CorrelationMatrix, twoWayFixedEffects, type ClusterSeConvention, CLUSTER_SE_LABELS, type PanelInference,
  type PanelCoefficient, type PanelBetween, type TwoWayFixedEffectsResult, MIN_UNITS_FOR_BETWEEN_R,
  meinshausenBuhlmannBound, unimodalBound, rConcaveBound, stabilityErrorBounds, type StabilityAssumption,
  type StabilityBound, type StabilityBoundInput,
} from "./stats";
// data
export {
  checkPolarity, type Polarity, POLARITIES, type Unit, UNITS, type Domain, DOMAINS, type FrameworkRole,
  FRAMEWORK_ROLES, type FrameworkArea, FRAMEWORK_AREAS, type MissingReason, MISSING_REASONS, type MissingStatus,
  type AreaRow, type CatalogueRow, type IndicatorRow, type ContextRow, type OutcomeRow, type BenchmarkRow,
  RESOURCE_NAMES, type ResourceName, REQUIRED_RESOURCES, type FieldDescriptor, type ResourceDescriptor,
  type SourceDescriptor, type PackageDescriptor, type DataPackage, type PackageContent, parseCsv, formatCsv,
  type CsvText, type CsvValue, outcomeGradeOfLabel, fieldNames, ISO_DATE, OUTCOME_GRADE_LABELS, OUTCOME_GRADE_RANGE,
  PRIMARY_KEYS, SCHEMAS, sha256, validatePackage, readPackage, packageContent, writePackage, type TypedRow,
  type ValidationResult, OGL_V3, toNumbers, countFinite, completeness, completenessByIndicator, type CompletenessRow,
  importOfficial, importOfficialToPackage, listSourceFiles, study2016Coverage, type OfficialImport,
  type ImportOptions, detectSource, type DetectedSource, type SourceKind, ImportLog, summariseImportLog,
  type ImportLogEntry, type ImportAction, defaultFrameworkTags, selectIndicatorsByTag, indicatorsWithRole,
  indicatorsWithArea, type FrameworkTags, FRAMEWORK_TAGS_BY_DOMAIN, type CatalogueLike, OUTCOME_FAMILIES, outcomeFamilyOf,
  type OutcomeFamily, planOwnData, addOwnData,
  type OwnDataOptions, type OwnDataReport, type OwnDataPlan, METADATA_FIELDS, type MetadataField,
  type IndicatorMetadata, REQUIRED_METADATA, INDICATOR_ID, ENGLAND_ONS_CODE, readOwnTable, type OwnTable,
  OWN_DATA_EXTENSIONS, type AreaKeyKind, type OwnTableLayout, parseLaList, laNamesOf, resolveLaList, resolveLa, regionLas, restrictPackage,
  type LaRestriction, type LaResolution, listContents, CONTENT_KINDS, type ContentKind, type ContentEntry, catalogueRow,
  selectIndicatorRows,
} from "./data";
// indicators
export {
  zForConfidence, wilsonInterval, exactPoissonInterval, byarInterval, rateInterval, CONFIDENCE_95, CONFIDENCE_998,
  BYAR_MIN_COUNT, PER_10K, type IntervalEstimate, type ProportionInterval, type RateInterval, funnelColumns,
  funnelLimits, rateFunnelPoints, funnelSignificance, type FunnelLimits, type RateFunnelRule,
  DEFAULT_RATE_FUNNEL_RULE, type FunnelColumns, type RateFunnelPoints, type FunnelSignificance, rankLAs,
  decileMembership, decileCounts, DECILE_FRACTION, type RankResult, type DecileMembership, type DecileCounts,
  compareWithBenchmark, indicatorIntervals, compareObservation, type ComparisonLevels, type ComparisonOutcome,
  type ValueWithIntervals, type BenchmarkComparison, type IndicatorObservation, type IndicatorIntervals,
  estimateOverdispersion, chooseFunnelAdjustment, overdispersedFunnelLimits, adjustedZScores, WINSORISE_FRACTION,
  OVERDISPERSION_ALPHA, MIN_UNITS_FOR_DISPERSION, type FunnelType, type FunnelAdjustment, type DispersionEstimate,
  type AdjustmentChoice, type AdjustedFunnelLimits, trendMarker, trendMarkerProportion, trendSeries, TREND_POINTS,
  TREND_CHI_SQUARE_THRESHOLD, TREND_MAX_SPAN_YEARS, TREND_CI_WIDTH_TO_SE, type TrendMarker, type TrendAssessment,
  type TrendMarkerPoint, type ProportionTrendPoint, type TrendResult, type LifespanSeries, quartileBounds,
  quartileBand, quartileBands, rankWithTies, MIN_VALUES_FOR_QUARTILES, type QuartileBand, type QuartileBounds,
  type QuartileBanding, type PolarityRanks,
} from "./indicators";
// context
export {
  checkLinkRule, describeLinkRule, linkOutcomes, linkOutcomeRounds, outcomeLowerIsBetter, periodBeforeDate,
  type LinkRule, type LinkedOutcome, type OutcomeLink, residualiseOnContext, contextAdjustedAssociation,
  type ContextResiduals, type AdjustedAssociation, parseDfeNeighbourGroups, readDfeNeighbourGroups,
  neighboursForArea, nearestNeighbours, neighbourSummary, DFE_NEIGHBOUR_FILES, type NeighbourModel,
  DFE_NEIGHBOURS_PER_LA, DEFAULT_NEAREST_NEIGHBOURS, CLOSENESS_LABELS, type DfeNeighbour, type DfeNeighbourGroup,
  type AreaNeighbour, type AreaNeighbours, type ContextMatrix, type NeighbourSummary, sourceFamily, alignedZ,
  triangulate, MIN_INDICATORS_PER_DOMAIN, MAX_MISSING_SHARE, MIN_LAS_FOR_Z, SOURCE_FAMILIES, type AlignedZ,
  type TriangulationInput, type TriangulatedIndicator, type SourceMean, type DomainTriangulation, type Triangulation,
  withIndicatorContext, contextRoleIndicators, CONTEXT_ROLE, collinearContext, CONTEXT_COLLINEAR_R, CONTEXT_COLLINEAR_MIN_N,
  type CollinearContextPair,
} from "./context";
// disclosure
export {
  RECORD_FIELDS, isSmallCount, suppressSmallCounts, formatSuppressed, suppressedTableRows, type CountTable,
  type SuppressedTable, type SuppressionOptions, type SuppressionStatus, hiddenEntryIntervals,
  type HiddenEntryInterval, DEFAULT_DISCLOSURE_THRESHOLD, SUPPRESSION_MARKER, DISCLOSURE_STATUS,
  rateRevealsSmallCount, suppressIndicatorRows, disclosedPercentage, type CountedRow, scanFileText, scanPaths,
  publishedIndicatorsOf, isAnalysisN, isCountName, isIdentifierName, type DisclosureFinding, type ScanOptions,
  SCANNED_EXTENSIONS, MAX_FINDINGS_PER_FILE, type ScanReport, isGenericIdName, looksLikeRecordId, normalisedName,
  HASH_CONTEXT_RE, isPinned, firstPinnedPrimary, valueIsWithheld, showsUnpublishedSmallCount, countsPeople,
} from "./disclosure";
// vitals
export {
  buildAnalysisFrame, type FrameIndicator, type FrameSlot, type AnalysisFrame, type Alignment, DEFAULT_OFFSETS,
  type FrameOptions, CONTEXT_RULE, screenIndicators, screenContext, type ScreenIndicator, type ScreenInput,
  type ScreenOptions, CORRELATION_METHODS, type CorrelationMethod, INTERVAL_METHODS, type ScreenRow,
  yearToYearReliability, associationStability, MIN_LAS_FOR_RELIABILITY, type YearToYearReliability,
  type AssociationStability, extremeMembership, type PolarIndicator, type LaExtremes, type ExtremeMembership,
  selectVitalSigns, SELECTION_ALPHA, SELECTION_THRESHOLD, PAIRS_TEST_LEVEL, UNSTABLE_MIN_FREQUENCY,
  DEFAULT_RESAMPLES, MIN_COMPLETENESS, MIN_RELIABILITY, REDUNDANCY_R, CONFOUNDING_STRONG_R2, COMPLETENESS_TIE,
  CONFOUNDING_MIN_R2, type SelectionIndicator, type SelectionInput, type SelectionOptions, type VerdictCode,
  type VerdictFailure, type Verdict, type Selection, type SelectionDesign, type SelectionErrorBound, type Resampling,
  analysePackage, type AnalysisOptions, type Analysis, collectVersions, toResults, validateAgainstSchema,
  RESULTS_FORMAT, type Versions, type Results, BOUND_REFERENCES, type JsonSchema, reproduceStudy2016,
  STUDY_2016_CITATION, STUDY_2016_CUTOFF, STUDY_2016_OUTCOME, STUDY_2016_PERIOD, STUDY_2016_WORKFORCE_PERIOD,
  STUDY_2016_VARIABLES, STUDY_2016_TABLE1, STUDY_2016_TABLE3, STUDY_2016_TABLE2, STUDY_2016_TABLE4,
  STUDY_2016_DIFFERENCES, type Study2016Row, type Study2016Reproduction, resolveIndicatorPatterns, buildLaYearPanel,
  panelAnalysis, PANEL_ALPHA, DEFAULT_PANEL_SE, type PanelSpec, type PanelRole, PANEL_RULE, type PanelSeResult,
  type PanelIndicatorResult, type PanelJointResult, type PanelAnalysis, type LaYearPanel, holdout,
  HOLDOUT_MAX_VITAL_SIGNS, HOLDOUT_ALPHA, HOLDOUT_MIN_PAIRS, HOLDOUT_RESAMPLES, HOLDOUT_SEED,
  HOLDOUT_DEFAULT_CONTEXT, type HoldoutSpec, type HoldoutScore, type HoldoutOrigin, type HoldoutResult,
  HOLDOUT_METHOD, HOLDOUT_MIN_SCORED_LA_SHARE, type TrainingLeftOut, MIN_SLOT_LAS, type DesignSlot, type ResamplingDesign,
} from "./vitals";
// pilot
export {
  scaleById, parseInstruments, readInstruments, listItems, type ScaleDefinition, SCALES, type ItemDefinition,
  type InstrumentDefinition, type InstrumentSet, type ItemRef, type RecordField, RECORD_HEADER, MIN_PERIOD,
  MAX_PERIOD, MAX_PERIODS, type PilotRecord, tallyPilotRecords, type RecordSource, type PilotTally, pilotIndicatorId,
  meanScoreInterval, estimatePilotIndicators, pilotCatalogue, pilotIndicatorRows, responseTable,
  type PilotIndicatorKind, NO_RESPONSES_STATUS, PILOT_SOURCE_PREFIX, type PilotEstimate, pseudonymise,
  resolvePseudonymKey, pseudonymiseRecordsCsv, PSEUDONYM_KEY_ENV, PSEUDONYM_PREFIX, PSEUDONYM_HEX_DIGITS,
  PSEUDONYM_RE, MIN_KEY_BYTES, type PseudonymKey, mergePilotRows, mergePilotRowsCounted, pilotPackageContent, type PilotRows, type PilotMergeCounts,
  findRecordFiles, importPilotRecords, writePseudonymisedRecords, type PilotImport,
} from "./pilot";
// returns
export {
  readPopulationCsv, importReturns, type ImportReturnsOptions, type ReturnsImport, returnsPackageContent,
  writeReturnsPackage, POPULATION_CONTEXT_VARIABLE, SSDA903_SOURCE, CIN_SOURCE, RETURNS_CATALOGUE, RATE_NUMERATORS,
  isNonWorkingDay, workingDaysBetween, inBankHolidayYears, BANK_HOLIDAY_FIRST_YEAR, BANK_HOLIDAY_LAST_YEAR,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
} from "./returns";
// plots
export {
  plotlyConfigOf, type PlotlyTrace, type Figure, PRIVATE_PLOTLY_CONFIG, DEFAULT_PLOTLY_CONFIG, COLOURS,
  OFSTED_GRADE_COLOURS, OFSTED_GRADE_LABELS, VERDICT_COLOURS, CORRELATION_COLOURSCALE, SHARE_COLOURSCALE,
  linearFitBand, type FitBand, FIT_BAND_CONFIDENCE, FIT_BAND_POINTS, funnelPlot, type FunnelPoint,
  type FunnelPlotOptions, FUNNEL_LIMIT_POINTS, indicatorOutcomeScatter, type ScatterRow, type ScatterOptions,
  ORDINAL_JITTER, JITTER_SEED, expectedSign, forestPlot, type ForestRow, type ForestOptions, heatmapInput,
  correlationHeatmap, type CorrelationHeatmapInput, percentileMembershipChart, type PercentileMembershipRow, type MembershipColouring, OUTCOME_QUARTER_LABELS,
  MAX_NAMES_IN_HOVER, completenessHeatmap, trendSmallMultiples, type TrendPoint, type TrendSeries, type TrendOptions,
  TREND_COLUMNS, vitalSignsStabilityChart, type StabilityRow, plotlyVersion, figureHtml, standaloneFigureHtml,
  writeFigureHtml, writeFigureImage, writeFigureImages, forestRowsFromScreen, screenForestRows, screenForestPlot,
  type ScreenForestPlotOptions,
} from "./plots";
// report
export {
  tableHtml, type TableInput, type TableOptions, formatPValue, formatPercent, formatNumberAs, formatInterval,
  type NumberFormat, P_VALUE_FLOOR, P_VALUE_SIGNIFICANT_DIGITS, PERCENT_DIGITS, reproducibilityStamp, stampRows,
  commandLine, type ReproducibilityStamp, reportHtml, writeReport, type ReportBlock, type ReportSection,
  type ReportSpec, RUN_ID_META, stabilityRows, membershipRows, membershipColouring, indicatorCorrelations, adjustedScatterRows,
  profileTrendSeries, resamplingDesignText, errorBoundText, type DesignFields,
  type ErrorBoundFields, EXPECTED_FALSE_DIGITS, outcomeLabel, contextLabel, gradeLabel,
  OUTCOME_LABELS, CONTEXT_LABELS, GRADE_LABELS, verdictGloss, allowedForLabels, selectionFrequencyWords,
  associationSentence, analysisSummarySection, analysisSummaryLines, verdictSummaryText, VERDICT_GLOSSES, VERDICT_GLOSSES_UNADJUSTED, VERDICT_ORDER, screenTable,
  verdictsTable, completenessTable, analysisExportFiles, downloadLinkHtml, EXPORT_FILES, type ExportTable,
  reportFigures, writeReportFigures, FIGURE_FORMATS, type FigureFormat, analysisReportSpec, analysisResults,
  writeAnalysis, RUN_ID_HEX_DIGITS, type WriteAnalysisOptions, type WrittenAnalysis,
} from "./report";
// notebook
export {
  createNotebookRenderer, type HtmlDisplay, type NotebookRenderer, show, showTable, showMarkdown,
  showReproducibility, visibleErrors, indicatorSlice, indicatorMeta, loadOfficial, type LoadOfficialOptions,
  type OfficialPackage,
} from "./notebook";
// LA profiles (lib/profile: index, build, comparators, funnels; lib/report/profile-report: profile.html)
export { pooledBenchmark, unitMultiplier, type BenchmarkInput, type PooledBenchmark, type PooledBenchmarkMethod } from "./indicators/benchmark";
export {
  profileSummarySection, PROFILE_SUMMARY_NAMED, COMPARISON_GLOSSES,
} from "./report/profile-summary";
export {
  spinePosition, spineChart, tartanRug, trendWithNeighbours, funnelWithOverdispersion, COMPARISON_COLOURS,
  type SpineRow, type TartanCell, type TartanRugInput, type ProfileTrendPoint, type TrendWithNeighboursInput,
  type OverdispersedFunnelPoint,
} from "./plots/profile";
export {
  ENGLAND_CODE, NEIGHBOUR_CONTEXT_RULES, PROFILE_BENCHMARKS, PROFILE_FUNNEL_CHARTS, PROFILE_NEIGHBOUR_SOURCES,
  PROFILE_TREND_CHARTS, STALE_AFTER_YEARS, type BenchmarkValue, type DfeGroupsByModel, type LaProfile,
  type ProfileBenchmark, type ProfileComparison, type ProfileFunnel, type ProfileFunnelView, type ProfileIndicator,
  type ProfileNeighbourSource, type ProfileNeighbourSummary, type ProfileOptions, type ProfileSeriesPoint,
  type ProfileTrend, type ProfileTriangulation, profileIndex, profileableAreas, type ProfileCache, type ProfileIndex,
  buildLaProfile, neighbourModelsFor, funnelEstimate, funnelInput, type FunnelEstimate, type FunnelInput,
  type FunnelUnavailable, profileFigures, profileFunnel, profileFunnels,
} from "./profile";
export { profileReportSections, profileReport, writeProfile } from "./report/profile-report";
export { readDfeNeighbourGroupsByModel } from "./context/neighbour-groups";
// outcomes for children, hold-out, verdict words, streamed tallies (round 3)
export { mean, sampleSd, standardise, empiricalBayesShrinkage, type EmpiricalBayesResult } from "./stats";
export { indicatorOutcomeRule, candidateExclusions, OUTCOME_EXCLUSION_RULE, type CandidateExclusion, outcomeNoise, shrinkOutcomeValues, SHRINK_TARGETS, NOISY_OUTCOME_RELIABILITY, type OutcomeNoise, type ShrinkTarget, screenOutcomes, resolveOutcomeList, outcomesScreenJson, type OutcomesScreen, type OutcomesScreenOptions, selectionFrequencySe, nearCutoff, NEAR_LINE_SES, holdoutGrades, type GradeHoldoutResult } from "./vitals";
export { verdictReason, verdictReasons, panelSections, holdoutSections, PANEL_ROLE_WORDS, outcomesScreenSections, outcomeNoiseSentence, outcomeMeasureSections, type OutcomeMeasureJson } from "./report";
export { tallyPilotRecordFiles, SipHash24, newSipHashKey, SIPHASH_KEY_BYTES } from "./pilot";
export { tallyCinEpisodeRows, type CinEpisodeCounts } from "./returns";
// the words of results.json written in lib/report from codes and numbers (issue #16)
export { type DomainCoverage, type ResampleTest, type ResultsWords, type VerdictReasonWriter } from "./vitals";
export { domainCoverageNote, resampleTestText, resultsWords } from "./report";
