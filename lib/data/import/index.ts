/**
 * Importing official publications into a data package (public API of lib/data/import).
 * One file per source format; the mapping from files to indicators is the declarative table in mappings.ts.
 */
export { importOfficial, importOfficialToPackage, listSourceFiles, study2016Coverage, type OfficialImport, type ImportOptions } from "./import-official";
export { detectSource, type DetectedSource, type SourceKind } from "./detect";
export { ImportLog, summariseImportLog, type ImportLogEntry, type ImportAction } from "./import-log";
export { buildAreas, normaliseAreaName, areaExistsIn, REORGANISATION_RULES, SHARED_SERVICE_RULES, type AreaIndex, type ReorganisationRule, type SharedServiceRule } from "./areas";
export { parseDfeCell, DFE_SYMBOLS, LAIT_SYMBOLS, SFR_SYMBOLS, type ParsedCell } from "./symbols";
export { EES_MAPPINGS, INDICATOR_META, DERIVED_CLA_MAPPINGS, SFR_MAPPINGS, POPULATION_RATE_MAPPINGS, WORKFORCE_PERIOD_RULE, type EesMapping, type CellSelector, type IndicatorMeta, type SfrMapping } from "./mappings";
export { cellsWhere, OUTCOME_GROUPS, ATTAINMENT_VERSIONS, ASSESSMENT_FACTORS, OHID_MAPPINGS, FINANCE_MAPPINGS, FRAMEWORK_OVERRIDES, LAIT_TOPIC_FRAMEWORK, LAIT_FRAMEWORK_RULES, frameworkTagsFor, laitFrameworkTags, type OhidMapping, type FinanceMapping, type VersionPreference } from "./mappings";
export { importOhid, isOhidHeader, ohidPeriod } from "./ohid-fingertips";
export { readRevenueOutturn, financeIndicators, revenueOutturnSheet, FINANCE_SYMBOLS } from "./revenue-outturn-ods";
export { readEesTable, applyEesMappings, isEesHeader, describeMapping, valueFromCounts } from "./ees";
export { importDerivedCla } from "./sfr-derived";
export { importSfrCsv } from "./sfr-csv";
export { importPopulation, ratesFromCounts, checkPublishedRates, POPULATION_VARIABLE } from "./population";
export { importOfstedOds, ofstedGrade, ofstedPeriod, OFSTED_GRADES } from "./ofsted-ods";
export { importIod, IOD_PERIOD, IOD_KNOWN_DEFECTS } from "./iod-xlsx";
export { readLaitDictionary, readLaitParquet, laitPeriod, laitUnit } from "./lait-parquet";
export { combineLait } from "./lait-combine";
export { readOdsSheets, type SheetRows } from "./spreadsheet/ods";
export { readXlsxSheets } from "./spreadsheet/xlsx";
