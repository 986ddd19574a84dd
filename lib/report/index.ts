/** Self-contained HTML reports: sections of text, tables and figures; the analysis report; number formats and words. Public API of lib/report, re-exported by name from lib/index.ts. */
export {
  tableHtml, type TableInput, type TableOptions,
} from "./html-table";
export {
  formatPValue, formatPercent, formatNumberAs, formatInterval, type NumberFormat, P_VALUE_FLOOR,
  P_VALUE_SIGNIFICANT_DIGITS, PERCENT_DIGITS,
} from "./number-format";
export {
  reproducibilityStamp, stampRows, commandLine, type ReproducibilityStamp,
} from "./reproducibility";
export {
  reportHtml, writeReport, type ReportBlock, type ReportSection, type ReportSpec, RUN_ID_META,
} from "./document";
export {
  stabilityRows, membershipRows, membershipColouring, indicatorCorrelations, adjustedScatterRows, profileTrendSeries,
} from "./analysis-figures";
export {
  resamplingDesignText, errorBoundText, type DesignFields, type ErrorBoundFields,
  EXPECTED_FALSE_DIGITS,
} from "./selection-words";
export {
  outcomeLabel, contextLabel, gradeLabel, OUTCOME_LABELS, CONTEXT_LABELS, GRADE_LABELS,
} from "./plain-labels";
export {
  verdictGloss, allowedForLabels, selectionFrequencyWords, associationSentence, analysisSummarySection,
  analysisSummaryLines, verdictSummaryText, VERDICT_GLOSSES, VERDICT_GLOSSES_UNADJUSTED, VERDICT_ORDER,
} from "./analysis-summary";
export {
  screenTable, verdictsTable, completenessTable, analysisExportFiles, downloadLinkHtml, EXPORT_FILES,
  type ExportTable,
} from "./analysis-exports";
export {
  reportFigures, writeReportFigures, FIGURE_FORMATS, type FigureFormat,
} from "./report-figures";
export {
  analysisReportSpec, analysisResults, writeAnalysis, RUN_ID_HEX_DIGITS, type WriteAnalysisOptions,
  type WrittenAnalysis,
} from "./analysis-report";
export { verdictReason, verdictReasons } from "./verdict-words";
export { domainCoverageNote, resampleTestText, resultsWords } from "./results-words";
export { panelSections, holdoutSections, PANEL_ROLE_WORDS } from "./panel-holdout-sections";
export { outcomesScreenSections } from "./outcomes-report";
export { outcomeNoiseSentence, outcomeMeasureSections, type OutcomeMeasureJson } from "./outcome-measure-words";
