/**
 * The data package: the one format everything in the workbench reads and writes.
 *
 * A package is a folder with `datapackage.json` (Frictionless Data Package) and five CSV resources:
 * `areas.csv`, `catalogue.csv`, `indicators.csv`, `context.csv`, `outcomes.csv` (plus optional
 * `benchmarks.csv` for national/regional rows from official files).
 *
 * **Missing-value rule.** In CSV files a missing number is an empty cell. In loaded arquero tables a
 * missing number is `null` and the row's `status` says why (see {@link MissingStatus}). Functions over
 * plain arrays (lib/stats) take `NaN` for missing; use `toNumbers()` (lib/data/columns) to convert.
 * A missing value is never turned into zero.
 */
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";

/** `up`: higher is better; `down`: lower is better; `none`: no judgement (not ranked). */
export type Polarity = "up" | "down" | "none";
export const POLARITIES: readonly Polarity[] = ["up", "down", "none"];

/**
 * Throw unless `polarity` is one of {@link POLARITIES} (for functions given a polarity as an argument).
 * @param fn the calling function's name, for the error message
 * @throws InputError `fn: polarity must be "up", "down" or "none" (got …)`
 * @example
 * checkPolarity("rankLAs", "higher") // throws InputError
 */
export function checkPolarity(fn: string, polarity: Polarity): void {
  if (polarity !== "up" && polarity !== "down" && polarity !== "none") {
    throw new InputError(fn, 'polarity must be "up", "down" or "none"', polarity);
  }
}

/** Units an indicator value can be in. `percent` is 0–100; `gbp` is pounds sterling (e.g. spending per child). */
export type Unit = "percent" | "rate_per_10k" | "ratio" | "count" | "score" | "gbp";
export const UNITS: readonly Unit[] = ["percent", "rate_per_10k", "ratio", "count", "score", "gbp"];

/**
 * Domains of the 2019 outcomes framework (La Valle et al.) and the What Works framework.
 * `context` marks variables that describe the area, not the service.
 */
export type Domain =
  | "conditions-and-culture"
  | "reaching-children"
  | "valued-and-involved"
  | "child-safe"
  | "child-wellbeing"
  | "child-education"
  | "workforce"
  | "context";
export const DOMAINS: readonly Domain[] = [
  "conditions-and-culture",
  "reaching-children",
  "valued-and-involved",
  "child-safe",
  "child-wellbeing",
  "child-education",
  "workforce",
  "context",
];

/**
 * What an indicator measures in the 2019 outcomes framework (La Valle et al.) and the Children's Social Care
 * National Framework (DfE 2023), so a user can take "all child outcomes" as outcomes and "all practice and
 * enablers" as candidate indicators (lib/data/framework.ts selects by tag):
 * - `child-outcome`: how children are doing (education, stability, safety, health, leaving care);
 * - `practice`: what the service does with children and families (timeliness, repeat plans, placements);
 * - `enabler`: what makes practice possible (workforce, spending, leadership);
 * - `context`: need and demand the service does not control (deprivation, needs at assessment, activity
 *   levels: rates of children in need, on plans and looked after).
 */
export type FrameworkRole = "child-outcome" | "practice" | "enabler" | "context";
export const FRAMEWORK_ROLES: readonly FrameworkRole[] = ["child-outcome", "practice", "enabler", "context"];

/**
 * The area of the National Framework (its four outcomes and three enablers) an indicator belongs to:
 * - `family-help`: children and families stay together and get the help they need (outcome 1);
 * - `family-network`: children are supported by their family network (outcome 2: kinship, special guardianship);
 * - `safety`: children are safe in and outside their homes (outcome 3);
 * - `stability`: children in care have stable, loving homes (outcome 4: placements, school moves, permanence);
 * - `education`, `health-wellbeing`, `leaving-care`: the child outcomes of the 2019 framework and the
 *   National Framework dashboard (attainment and attendance; physical and emotional health; care leavers);
 * - `workforce`, `resources`: the enablers (a workforce equipped and effective; leaders and spending);
 * - `need`: context — the needs and demand the service meets.
 */
export type FrameworkArea =
  | "family-help"
  | "family-network"
  | "safety"
  | "stability"
  | "education"
  | "health-wellbeing"
  | "leaving-care"
  | "workforce"
  | "resources"
  | "need";
export const FRAMEWORK_AREAS: readonly FrameworkArea[] = [
  "family-help",
  "family-network",
  "safety",
  "stability",
  "education",
  "health-wellbeing",
  "leaving-care",
  "workforce",
  "resources",
  "need",
];

/**
 * Why a value is missing. The DfE symbol is kept after a colon, e.g. `suppressed:c`,
 * `not-available:x`, `not-available::`, `not-applicable:z`, `low-reliability:u`, `suppressed:low`.
 * A blank status means the value is present. `low-reliability` values may still be present.
 */
export type MissingReason = "suppressed" | "not-available" | "not-applicable" | "low-reliability";
export const MISSING_REASONS: readonly MissingReason[] = [
  "suppressed",
  "not-available",
  "not-applicable",
  "low-reliability",
];
/** `""` or `reason` or `reason:symbol`. */
export type MissingStatus = string;

/** One row of areas.csv. Reorganised LAs keep their own rows with first/last period. */
export interface AreaRow {
  la_code: string; // ONS code, e.g. E09000033 (the code's year is stated in datapackage.json)
  la_name: string;
  region_code: string;
  region_name: string;
  old_la_code: string; // DfE 3-digit number, as text ("" if none)
  first_period: number | null; // first year ending March with data, null = open
  last_period: number | null; // last year ending March with data, null = still exists
}

/** One row of catalogue.csv. */
export interface CatalogueRow {
  indicator: string; // stable id, snake_case
  label: string;
  domain: Domain;
  polarity: Polarity;
  unit: Unit;
  numerator: string; // what the numerator counts ("" if none)
  denominator: string; // what the denominator counts ("" if none)
  source: string;
  definition: string;
  /** Place in the frameworks ({@link FrameworkRole}); "" or absent when not tagged (packages written before the tags). */
  framework_role?: FrameworkRole | "";
  /** Area of the National Framework ({@link FrameworkArea}); "" or absent when not tagged. */
  framework_area?: FrameworkArea | "";
}

/** One row of indicators.csv (long). */
export interface IndicatorRow {
  la_code: string;
  period: number; // year ending 31 March, e.g. 2015
  indicator: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: MissingStatus;
}

/** One row of context.csv (long). */
export interface ContextRow {
  la_code: string;
  period: number;
  variable: string; // e.g. idaci_score, imd_score, child_population, cin_rate_per_10k
  value: number | null;
}

/** One row of outcomes.csv (long). */
export interface OutcomeRow {
  la_code: string;
  outcome: string; // e.g. ofsted_sif_overall, ofsted_ilacs_overall
  value: number | null; // 1 Outstanding … 4 Inadequate for Ofsted grades
  label: string;
  date: string; // publication date, ISO yyyy-mm-dd
  period: number | null; // year ending March the judgement is attached to (rule in datapackage.json)
}

/** Optional benchmarks.csv: national and regional rows of official files (never silently dropped). */
export interface BenchmarkRow {
  geography: "england" | "region";
  code: string; // E92000001 for England, region code otherwise
  period: number;
  indicator: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: MissingStatus;
}

/** The resource names a package can hold, in the order they are written. */
export const RESOURCE_NAMES = ["areas", "catalogue", "indicators", "context", "outcomes", "benchmarks"] as const;
export type ResourceName = (typeof RESOURCE_NAMES)[number];
export const REQUIRED_RESOURCES: readonly ResourceName[] = ["areas", "catalogue", "indicators", "context", "outcomes"];

/** Frictionless field descriptor (subset). */
export interface FieldDescriptor {
  name: string;
  type: "string" | "integer" | "number" | "date";
  description: string;
  unit?: string;
  constraints?: { required?: boolean; enum?: readonly string[]; minimum?: number; maximum?: number };
  /**
   * A column added after packages were first written: a package without it still reads (every cell blank),
   * and the writer leaves it out when it is blank in every row, so older content writes the same bytes.
   */
  optional?: boolean;
}

/** Frictionless resource descriptor (subset) with our sha256. */
export interface ResourceDescriptor {
  name: ResourceName;
  path: string;
  format: "csv";
  mediatype: "text/csv";
  encoding: "utf-8";
  /** sha256 of the file's bytes as `sha256:<lowercase hex>` (Frictionless); bare hex is read too. */
  hash: string;
  bytes: number;
  rows: number;
  schema: { fields: FieldDescriptor[]; missingValues: string[]; primaryKey?: string[] };
  /** Licences of what this resource holds: the package's, unless own data are in some resources only (`add`). */
  licenses?: PackageDescriptor["licenses"];
  /** Sources of this resource: the package's, unless own data are in some resources only (`add`). */
  sources?: SourceDescriptor[];
}

export interface SourceDescriptor {
  title: string;
  /** The publication the file belongs to, with its publisher (lib/data/import/publications.ts). */
  publication?: string;
  path?: string;
  href?: string;
  sha256?: string;
  licence?: string;
  mapping?: string;
}

/** datapackage.json. `created` is an ISO timestamp or, for generated data, a fixed date for determinism. */
export interface PackageDescriptor {
  profile: "tabular-data-package";
  name: string;
  title: string;
  description?: string;
  version?: string;
  licenses: { name: string; title: string; path?: string }[];
  sources: SourceDescriptor[];
  created: string;
  resources: ResourceDescriptor[];
  /** Free-form provenance: generator and seed, import log summary, link rules, code-year of areas. */
  provenance?: Record<string, unknown>;
}

/** A loaded package: descriptor plus one immutable arquero table per resource. */
export interface DataPackage {
  dir: string;
  descriptor: PackageDescriptor;
  areas: ColumnTable;
  catalogue: ColumnTable;
  indicators: ColumnTable;
  context: ColumnTable;
  outcomes: ColumnTable;
  benchmarks?: ColumnTable;
}

/** What writePackage takes: plain rows (already validated by the producer or validated on write). */
export interface PackageContent {
  name: string;
  title: string;
  description?: string;
  licenses?: PackageDescriptor["licenses"];
  sources?: SourceDescriptor[];
  /**
   * The licences of a resource that holds other data than the whole package: after `add`, areas.csv still holds
   * official names and codes only, under the OGL, while indicators.csv also holds own data. A resource not named
   * here has the package's {@link PackageContent.licenses}.
   */
  resourceLicenses?: Partial<Record<ResourceName, PackageDescriptor["licenses"]>>;
  /** The sources of a resource that holds other data than the whole package (as {@link PackageContent.resourceLicenses}). */
  resourceSources?: Partial<Record<ResourceName, SourceDescriptor[]>>;
  created: string;
  provenance?: Record<string, unknown>;
  areas: readonly AreaRow[];
  catalogue: readonly CatalogueRow[];
  indicators: readonly IndicatorRow[];
  context: readonly ContextRow[];
  outcomes: readonly OutcomeRow[];
  benchmarks?: readonly BenchmarkRow[];
}
