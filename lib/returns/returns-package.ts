/**
 * Write the result of a returns import as a data package (lib/data/package writePackage) plus, beside its
 * resources, `import-log.json` (rows read, dropped and warned per file; every entry with file, row, column and
 * a value that is withheld for identifiers, dates and postcodes) and `intervals.csv` (each published value with
 * its 95% interval and method; suppressed rows have no value and no limits). Nothing record-level is written.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { formatCsv } from "../data/csv";
import { DEFAULT_DISCLOSURE_THRESHOLD, isSmallCount } from "../disclosure/suppress-counts";
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

/** A file of the import log as the package gives it: its rows read, or null with the reason when they are a small count. */
export type PackageLogFile = { file: string; rows: number | null; rows_note?: string; dropped: number; warnings: number };

/**
 * The import log's files with each file's rows read as the package may publish them: a file of records has a row
 * per child or per episode (header.csv: one per child looked after in the year; a CIN census: one per child), so
 * 1 … threshold − 1 rows is a count of children under the disclosure threshold; it is left out (null), with a note.
 * @example
 * packageLogFiles([{ file: "E06000002/2023-24/header.csv", rows: 8, dropped: 0, warnings: 0 }], 10)[0].rows // null
 */
export function packageLogFiles(files: readonly { file: string; rows: number; dropped: number; warnings: number }[], threshold: number): PackageLogFile[] {
  return files.map((f) =>
    isSmallCount(f.rows, threshold)
      ? { ...f, rows: null, rows_note: `between 1 and ${threshold - 1} rows: under the disclosure threshold of ${threshold}, not published` }
      : { ...f },
  );
}

/**
 * Write the package, `import-log.json` and `intervals.csv` to `dir`. The log's row counts of files below the
 * disclosure `threshold` are left out ({@link packageLogFiles}).
 * @example
 * writeReturnsPackage("out/returns", content, result, 10);
 */
export function writeReturnsPackage(dir: string, content: PackageContent, result: ReturnsImport, threshold = DEFAULT_DISCLOSURE_THRESHOLD): PackageDescriptor {
  const descriptor = writePackage(dir, content);
  const log = { files: packageLogFiles(result.log.fileSummary(), threshold), summary: summariseImportLog(result.log.entries()), entries: result.log.entries() };
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
