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

/** Units an indicator value can be in. `percent` is 0–100. */
export type Unit = "percent" | "rate_per_10k" | "ratio" | "count" | "score";
export const UNITS: readonly Unit[] = ["percent", "rate_per_10k", "ratio", "count", "score"];

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
}

/** Frictionless resource descriptor (subset) with our sha256. */
export interface ResourceDescriptor {
  name: ResourceName;
  path: string;
  format: "csv";
  mediatype: "text/csv";
  encoding: "utf-8";
  /** sha256 of the file's bytes, lowercase hex. */
  hash: string;
  bytes: number;
  rows: number;
  schema: { fields: FieldDescriptor[]; missingValues: string[]; primaryKey?: string[] };
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
  created: string;
  provenance?: Record<string, unknown>;
  areas: readonly AreaRow[];
  catalogue: readonly CatalogueRow[];
  indicators: readonly IndicatorRow[];
  context: readonly ContextRow[];
  outcomes: readonly OutcomeRow[];
  benchmarks?: readonly BenchmarkRow[];
}
