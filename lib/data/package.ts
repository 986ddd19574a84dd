/**
 * Read, validate and write data packages (see lib/data/types.ts for the format).
 *
 * - {@link readPackage} loads a package into immutable arquero tables and throws {@link DataErrors} listing
 *   every problem found (never a partial or "repaired" package).
 * - {@link validatePackage} returns the problems instead of throwing.
 * - {@link writePackage} validates rows in memory, then writes CSVs and datapackage.json with a sha256 per
 *   resource. Same content → byte-identical files.
 *
 * Loading never changes values: numbers are parsed exactly as written, missing stays `null` with its reason.
 * The files are read into columns once and validated once (package-load.ts); the tables are those columns.
 */
import type * as Arquero from "arquero";
import type { TypedRow } from "./package-cells";
import type { ResourceColumns } from "./package-columns";
import { readPackageColumns } from "./package-load";
import type { DataPackage, PackageContent } from "./types";

export { sha256, type TypedRow } from "./package-cells";
export { checkRules } from "./package-rules";
export { OGL_V3, writePackage, writtenFields } from "./package-write";
export { MAX_RESOURCE_BYTES, loadPackageColumns, readPackageColumns, validatePackage, type ValidationResult } from "./package-load";

/**
 * arquero, loaded on first use: its ≈170 ES modules take ≈0.1 s to load, which commands that never build a table
 * (`import`, `add`, `synth`, `returns`: they write packages) need not pay.
 */
let arqueroModule: typeof Arquero | undefined;
function arquero(): typeof Arquero {
  return (arqueroModule ??= require("arquero") as typeof Arquero);
}

/** A resource's columns as an arquero table (the arrays themselves: arquero tables are columnar). */
function toTable(res: ResourceColumns): Arquero.ColumnTable {
  return arquero().table(res.columns as Record<string, unknown[]>);
}

/**
 * An arquero table of the given columns (for library code that derives a resource, e.g. context rows from
 * indicators, without importing arquero itself and so without loading it early).
 * @example tableFromColumns({ la_code: ["E06000001"], period: [2024], variable: ["cin_rate_per_10k"], value: [512.3] }).numRows() // 1
 */
export function tableFromColumns(columns: Record<string, unknown[]>): Arquero.ColumnTable {
  return arquero().table(columns);
}

/**
 * Load a data package into arquero tables (missing numbers are `null`, their reason in `status`).
 * @throws DataErrors listing every validation error (file, row, column, value, expected)
 * @example
 * const pkg = readPackage("datasets/pilot-synthetic");
 * pkg.indicators.numRows();
 */
export function readPackage(dir: string): DataPackage {
  const { descriptor, resources } = readPackageColumns(dir);
  return {
    dir,
    descriptor,
    areas: toTable(resources.areas!),
    catalogue: toTable(resources.catalogue!),
    indicators: toTable(resources.indicators!),
    context: toTable(resources.context!),
    outcomes: toTable(resources.outcomes!),
    benchmarks: resources.benchmarks ? toTable(resources.benchmarks) : undefined,
  };
}

/**
 * Rows of a loaded table as plain typed rows (for writing a package back, or for plain-array code).
 * @example
 * tableRows(readPackage("datasets/pilot-synthetic").areas)[0].la_name // "…", the first LA's name
 */
export function tableRows(table: Arquero.ColumnTable): TypedRow[] {
  return table.objects() as TypedRow[];
}

/** Whether two descriptor values (licences, sources) are the same as JSON, as datapackage.json writes them. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A loaded package as {@link PackageContent} (for round trips and merging): writing it back gives the same bytes.
 * @example
 * writePackage("/tmp/copy", packageContent(readPackage("datasets/pilot-synthetic")));
 */
export function packageContent(pkg: DataPackage): PackageContent {
  const d = pkg.descriptor;
  const resourceLicenses: PackageContent["resourceLicenses"] = {};
  const resourceSources: PackageContent["resourceSources"] = {};
  // only those that differ from the package's, so code that changes the package's licences (or sources) changes
  // every resource's that followed them, as before resources could differ
  for (const r of d.resources) {
    if (r.licenses !== undefined && !sameJson(r.licenses, d.licenses)) resourceLicenses[r.name] = r.licenses;
    if (r.sources !== undefined && !sameJson(r.sources, d.sources)) resourceSources[r.name] = r.sources;
  }
  return {
    name: d.name,
    title: d.title,
    description: d.description,
    licenses: d.licenses,
    sources: d.sources,
    ...(Object.keys(resourceLicenses).length > 0 ? { resourceLicenses } : {}),
    ...(Object.keys(resourceSources).length > 0 ? { resourceSources } : {}),
    created: d.created,
    provenance: d.provenance,
    areas: tableRows(pkg.areas) as never,
    catalogue: tableRows(pkg.catalogue) as never,
    indicators: tableRows(pkg.indicators) as never,
    context: tableRows(pkg.context) as never,
    outcomes: tableRows(pkg.outcomes) as never,
    benchmarks: pkg.benchmarks ? (tableRows(pkg.benchmarks) as never) : undefined,
  };
}
