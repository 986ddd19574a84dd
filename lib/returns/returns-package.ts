/**
 * Write the result of a returns import as a data package (lib/data/package writePackage) plus, beside its
 * resources, `import-log.json` (rows read, dropped and warned per file; every entry with file, row, column and
 * a value that is withheld for identifiers, dates and postcodes) and `intervals.csv` (each published value with
 * its 95% interval and method; suppressed rows have no value and no limits). Nothing record-level is written.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { formatCsv } from "../data/csv";
import { summariseImportLog } from "../data/import/import-log";
import { writePackage } from "../data/package";
import type { AreaRow, ContextRow, PackageContent, PackageDescriptor } from "../data/types";
import type { PopulationTable } from "./estimates";
import type { ReturnsImport } from "./import-returns";

/** Context variable the population is stored under (as the official import does). */
export const POPULATION_CONTEXT_VARIABLE = "child_population_0_17";

/**
 * Package content for a returns import.
 * @param knownAreas areas of a package the population came from (names and regions); others get placeholders
 * @example
 * writeReturnsPackage("out/returns", returnsPackageContent(result, { created: "2026-01-01" }), result);
 */
export function returnsPackageContent(
  result: ReturnsImport,
  meta: { created: string; knownAreas?: readonly AreaRow[]; population?: PopulationTable; provenance?: Record<string, unknown> },
): PackageContent {
  const known = new Map((meta.knownAreas ?? []).map((a) => [a.la_code, a]));
  const areas: AreaRow[] = result.las.map(
    (la) => known.get(la) ?? { la_code: la, la_name: la, region_code: "unknown", region_name: "unknown", old_la_code: "", first_period: null, last_period: null },
  );
  const context: ContextRow[] = [];
  for (const la of result.las) {
    for (const year of result.years) {
      const pop = meta.population?.get(`${la}|${year}`);
      if (pop !== undefined) context.push({ la_code: la, period: year, variable: POPULATION_CONTEXT_VARIABLE, value: pop });
    }
  }
  const summary = summariseImportLog(result.log.entries());
  return {
    name: "returns-indicators",
    title: "Indicators from local authorities' own returns (SSDA903, CIN census)",
    description:
      "LA × year indicators computed by `vital-signs returns` from record-level SSDA903 and CIN census extracts, pseudonymised on ingest; counts of 1–9 suppressed. Definitions in catalogue.csv.",
    created: meta.created,
    licenses: [{ name: "CC-BY-4.0", title: "Creative Commons Attribution 4.0" }],
    sources: [],
    provenance: {
      returns: { files: result.files, las: result.las.length, years: result.years, ...(meta.provenance ?? {}) },
      import_log: { file: "import-log.json", summary },
    },
    areas,
    catalogue: result.catalogue,
    indicators: result.indicators,
    context,
    outcomes: [],
  };
}

/**
 * Write the package, `import-log.json` and `intervals.csv` to `dir`.
 * @example
 * writeReturnsPackage("out/returns", content, result);
 */
export function writeReturnsPackage(dir: string, content: PackageContent, result: ReturnsImport): PackageDescriptor {
  const descriptor = writePackage(dir, content);
  const log = { files: result.log.fileSummary(), summary: summariseImportLog(result.log.entries()), entries: result.log.entries() };
  fs.writeFileSync(path.join(dir, "import-log.json"), JSON.stringify(log, null, 2) + "\n");
  const fields = ["la_code", "period", "indicator", "value", "lower", "upper", "conf", "method", "status"];
  fs.writeFileSync(
    path.join(dir, "intervals.csv"),
    formatCsv(
      result.estimates.map((e) => ({ ...e, method: e.method === "none" ? "" : e.method })),
      fields,
    ),
  );
  return descriptor;
}
