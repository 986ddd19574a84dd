/** Data packages: types, reading, validating and writing them; CSV; completeness; official imports; your own data; restricting to some LAs. Public API of lib/data, re-exported by name from lib/index.ts. */
export {
  checkPolarity, type Polarity, POLARITIES, type Unit, UNITS, type Domain, DOMAINS, type FrameworkRole,
  FRAMEWORK_ROLES, type FrameworkArea, FRAMEWORK_AREAS, type MissingReason, MISSING_REASONS, type MissingStatus,
  type AreaRow, type CatalogueRow, type IndicatorRow, type ContextRow, type OutcomeRow, type BenchmarkRow,
  RESOURCE_NAMES, type ResourceName, REQUIRED_RESOURCES, type FieldDescriptor, type ResourceDescriptor,
  type SourceDescriptor, type PackageDescriptor, type DataPackage, type PackageContent,
} from "./types";
export {
  parseCsv, formatCsv, type CsvText, type CsvValue,
} from "./csv";
export {
  outcomeGradeOfLabel, fieldNames, ISO_DATE, OUTCOME_GRADE_LABELS, OUTCOME_GRADE_RANGE, PRIMARY_KEYS, SCHEMAS,
} from "./schema";
export {
  sha256, validatePackage, readPackage, packageContent, writePackage, type TypedRow, type ValidationResult, OGL_V3,
} from "./package";
export {
  toNumbers, countFinite,
} from "./columns";
export {
  completeness, completenessByIndicator, type CompletenessRow,
} from "./completeness";
export {
  importOfficial, importOfficialToPackage, listSourceFiles, study2016Coverage, type OfficialImport,
  type ImportOptions,
} from "./import/import-official";
export {
  detectSource, type DetectedSource, type SourceKind,
} from "./import/detect";
export {
  ImportLog, summariseImportLog, type ImportLogEntry, type ImportAction,
} from "./import/import-log";
export {
  defaultFrameworkTags, selectIndicatorsByTag, indicatorsWithRole, indicatorsWithArea, type FrameworkTags,
  FRAMEWORK_TAGS_BY_DOMAIN, type CatalogueLike,
} from "./framework";
export { OUTCOME_FAMILIES, outcomeFamilyOf, type OutcomeFamily } from "./outcome-families";
export {
  planOwnData, addOwnData, type OwnDataOptions, type OwnDataReport, type OwnDataPlan,
} from "./own-data/add";
export {
  METADATA_FIELDS, type MetadataField, type IndicatorMetadata, REQUIRED_METADATA, INDICATOR_ID,
} from "./own-data/metadata";
export {
  ENGLAND_ONS_CODE,
} from "./own-data/match-areas";
export {
  readOwnTable, type OwnTable, OWN_DATA_EXTENSIONS, type AreaKeyKind, type OwnTableLayout,
} from "./own-data/read-table";
export {
  parseLaList, laNamesOf, resolveLaList, resolveLa, regionLas, restrictPackage, type LaRestriction, type LaResolution,
} from "./restrict";
export {
  listContents, CONTENT_KINDS, type ContentKind, type ContentEntry,
} from "./list-contents";
export {
  catalogueRow, selectIndicatorRows,
} from "./indicator-rows";
