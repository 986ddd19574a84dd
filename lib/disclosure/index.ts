/** Disclosure control: small-count suppression with secondary suppression, suppressed indicators, the output scanner. Public API of lib/disclosure, re-exported by name from lib/index.ts. */
export {
  RECORD_FIELDS,
} from "./record-fields";
export {
  isSmallCount, suppressSmallCounts, formatSuppressed, suppressedTableRows, DEFAULT_DISCLOSURE_THRESHOLD,
  SUPPRESSION_MARKER, DISCLOSURE_STATUS,
} from "./suppress-counts";
export {
  type CountTable, type SuppressedTable, type SuppressionOptions, type SuppressionStatus,
} from "./suppression-types";
export {
  hiddenEntryIntervals, type HiddenEntryInterval, isPinned, firstPinnedPrimary,
} from "./interval-attack";
export {
  rateRevealsSmallCount, suppressIndicatorRows, disclosedPercentage, type CountedRow,
} from "./suppress-indicators";
export { valueIsWithheld, showsUnpublishedSmallCount, countsPeople, type WithheldObservation, type WithheldIndicator } from "./withheld-values";
export { scanFileText, type DisclosureFinding, type ScanOptions, SCANNED_EXTENSIONS, MAX_FINDINGS_PER_FILE } from "./scan";
export { scanPaths, publishedIndicatorsOf, type ScanReport } from "./scan-files";
export {
  isAnalysisN, isCountName, isIdentifierName, isGenericIdName, looksLikeRecordId, normalisedName, HASH_CONTEXT_RE,
} from "./field-names";
