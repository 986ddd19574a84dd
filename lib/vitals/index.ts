/** The analysis: frame, screen, reliability, percentiles, selection of the vital signs, results.json, the 2016 study, panel and holdout. Public API of lib/vitals, re-exported by name from lib/index.ts. */
export {
  buildAnalysisFrame, type FrameIndicator, type FrameSlot, type AnalysisFrame, type Alignment, DEFAULT_OFFSETS,
  type FrameOptions, CONTEXT_RULE,
} from "./frame";
export {
  screenIndicators, screenContext, type ScreenIndicator, type ScreenInput, type ScreenOptions, CORRELATION_METHODS,
  type CorrelationMethod, INTERVAL_METHODS, type ScreenRow,
} from "./screen";
export {
  yearToYearReliability, associationStability, MIN_LAS_FOR_RELIABILITY, type YearToYearReliability,
  type AssociationStability,
} from "./reliability";
export {
  extremeMembership, type PolarIndicator, type LaExtremes, type ExtremeMembership,
} from "./percentiles";
export {
  selectVitalSigns, SELECTION_ALPHA, SELECTION_THRESHOLD, PAIRS_TEST_LEVEL, UNSTABLE_MIN_FREQUENCY,
  DEFAULT_RESAMPLES, MIN_COMPLETENESS, MIN_RELIABILITY, REDUNDANCY_R, CONFOUNDING_STRONG_R2, COMPLETENESS_TIE,
  CONFOUNDING_MIN_R2, type SelectionIndicator, type SelectionInput, type SelectionOptions, type VerdictCode,
  type VerdictFailure, type Verdict, type Selection, type SelectionDesign, type SelectionErrorBound, type Resampling,
} from "./selection";
export {
  analysePackage, type AnalysisOptions, type Analysis,
} from "./analyse";
export {
  collectVersions, toResults, validateAgainstSchema, RESULTS_FORMAT, type Versions, type Results, BOUND_REFERENCES,
  type JsonSchema,
} from "./results";
export {
  reproduceStudy2016, STUDY_2016_CITATION, STUDY_2016_CUTOFF, STUDY_2016_OUTCOME, STUDY_2016_PERIOD,
  STUDY_2016_WORKFORCE_PERIOD, STUDY_2016_VARIABLES, STUDY_2016_TABLE1, STUDY_2016_TABLE3, STUDY_2016_TABLE2,
  STUDY_2016_TABLE4, STUDY_2016_DIFFERENCES, type Study2016Row, type Study2016Reproduction,
} from "./study2016";
export {
  resolveIndicatorPatterns,
} from "./indicator-patterns";
export {
  buildLaYearPanel, panelAnalysis, PANEL_ALPHA, DEFAULT_PANEL_SE, type PanelSpec, type PanelRole, PANEL_RULE,
  type PanelSeResult, type PanelIndicatorResult, type PanelJointResult, type PanelAnalysis, type LaYearPanel,
} from "./panel";
export {
  holdout, HOLDOUT_MAX_VITAL_SIGNS, HOLDOUT_ALPHA, HOLDOUT_MIN_PAIRS, HOLDOUT_RESAMPLES, HOLDOUT_SEED,
  HOLDOUT_DEFAULT_CONTEXT, type HoldoutSpec, type HoldoutScore, type HoldoutOrigin, type HoldoutResult,
  HOLDOUT_METHOD, HOLDOUT_MIN_SCORED_LA_SHARE, type TrainingLeftOut,
} from "./holdout";
export {
  MIN_SLOT_LAS, type DesignSlot, type ResamplingDesign,
} from "./resampling-design";
export { indicatorOutcomeRule } from "./outcome-measure";
export { candidateExclusions, OUTCOME_EXCLUSION_RULE, type CandidateExclusion } from "./candidate-exclusions";
export { outcomeNoise, shrinkOutcomeValues, SHRINK_TARGETS, NOISY_OUTCOME_RELIABILITY, type OutcomeNoise, type ShrinkTarget } from "./outcome-noise";
export { screenOutcomes, resolveOutcomeList, outcomesScreenJson, type OutcomesScreen, type OutcomesScreenOptions } from "./outcomes-screen";
export { selectionFrequencySe, nearCutoff, NEAR_LINE_SES } from "./frequency-uncertainty";
export { holdoutGrades, type GradeHoldoutResult } from "./holdout-grades";
// the words of results.json written in lib/report from codes and numbers (issue #16)
export { type DomainCoverage, type ResampleTest } from "./selection";
export { type ResultsWords, type VerdictReasonWriter } from "./results";
export { beginSelection, type PendingSelection } from "./selection";
