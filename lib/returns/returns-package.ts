/**
 * Write the result of a returns import as a data package (lib/data/package writePackage) plus, beside its
 * resources, `import-log.json` (rows read, dropped and warned per file, and the count per rule, each count of
 * 1 … threshold − 1 left out: {@link packageImportLog}) and `intervals.csv` (each published value with its 95%
 * interval and method; suppressed rows have no value and no limits). Nothing record-level is written: the log's
 * entries (file, row, column and a value that is withheld for identifiers, dates and postcodes) describe records,
 * one entry per record, so they go only to a file the user names (`returns --log FILE`), kept with the returns.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { formatCsv } from "../data/csv";
import { isSmallCount } from "../disclosure/suppress-counts";
import { summariseImportLog } from "../data/import/import-log";
import { writePackage } from "../data/package";
import type { AreaRow, ContextRow, PackageContent, PackageDescriptor } from "../data/types";
import type { PopulationTable } from "./estimates";
import type { ReturnsImport } from "./import-returns";

/** Context variable the population is stored under (as the official import does). */
export const POPULATION_CONTEXT_VARIABLE = "child_population_0_17";

/**
 * What {@link returnsPackageContent} gives: the package's content and the import log as the package publishes it
 * ({@link packageImportLog}), made once, with the threshold the import suppressed its counts with
 * (ReturnsImport.threshold): the log's summary in datapackage.json and import-log.json are the same object, so the two
 * cannot disagree (each had been computed again, from a threshold of its own).
 */
export type ReturnsPackageContent = PackageContent & { importLog: PackageImportLog };

/**
 * Package content for a returns import, with its import log as the package gives it.
 * @param knownAreas areas of a package the population came from (names and regions); others get placeholders
 * @example
 * writeReturnsPackage("out/returns", returnsPackageContent(result, { created: "2026-01-01" }), result);
 */
export function returnsPackageContent(
  result: ReturnsImport,
  meta: { created: string; knownAreas?: readonly AreaRow[]; population?: PopulationTable; provenance?: Record<string, unknown> },
): ReturnsPackageContent {
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
  const importLog = packageImportLog(result.log, result.threshold);
  return {
    name: "returns-indicators",
    title: "Indicators from local authorities' own returns (SSDA903, CIN census)",
    description:
      `LA × year indicators computed by \`vital-signs returns\` from record-level SSDA903 and CIN census extracts, pseudonymised on ingest; counts of 1–${result.threshold - 1} suppressed. Definitions in catalogue.csv.`,
    created: meta.created,
    licenses: [{ name: "CC-BY-4.0", title: "Creative Commons Attribution 4.0" }],
    sources: [],
    provenance: {
      returns: { files: result.files, las: result.las.length, years: result.years, ...(meta.provenance ?? {}) },
      import_log: { file: "import-log.json", summary: importLog.summary },
    },
    areas,
    catalogue: result.catalogue,
    indicators: result.indicators,
    context,
    outcomes: [],
    importLog,
  };
}

/** A file of the import log as the package gives it: its rows read, dropped and warned, each null when a small count. */
export type PackageLogFile = { file: string; rows: number | null; dropped: number | null; warnings: number | null; note?: string };

/** A count as the package's log gives it: null when 1 … threshold − 1. */
const controlled = (n: number, threshold: number): number | null => (isSmallCount(n, threshold) ? null : n);

/**
 * The import log's files as the package may publish them: a file of records has a row per child or per episode
 * (header.csv: one per child looked after in the year; a CIN census: one per child), and its rows dropped or warned
 * about are records too, so a count of 1 … threshold − 1 of any of them is left out (null), with a note.
 * @example
 * packageLogFiles([{ file: "E06000002/2023-24/header.csv", rows: 8, dropped: 0, warnings: 0 }], 10)[0].rows // null
 */
export function packageLogFiles(files: readonly { file: string; rows: number; dropped: number; warnings: number }[], threshold: number): PackageLogFile[] {
  return files.map((f) => {
    const out: PackageLogFile = { file: f.file, rows: controlled(f.rows, threshold), dropped: controlled(f.dropped, threshold), warnings: controlled(f.warnings, threshold) };
    const hidden = (["rows", "dropped", "warnings"] as const).filter((k) => out[k] === null);
    return hidden.length === 0 ? out : { ...out, note: `${hidden.join(", ")}: between 1 and ${threshold - 1}, under the disclosure threshold of ${threshold}, not published` };
  });
}

/** Actions of the returns log whose counts are of records (rows dropped, rows or children warned about or left out). */
const RECORD_ACTIONS = new Set(["dropped", "warning"]);

/**
 * summariseImportLog with every count of records (RECORD_ACTIONS: children left out of an indicator for want of a
 * date of birth, rows dropped for a code) of 1 … threshold − 1 left out (null); counts of files, LA-years and
 * checks are kept.
 * @example
 * controlledSummary([{ action: "dropped", file: "a.csv", rule: "r", count: 3 }], 10).byRule[0].count // null
 */
export function controlledSummary(entries: Parameters<typeof summariseImportLog>[0], threshold: number) {
  const s = summariseImportLog(entries);
  const of = (action: string, n: number) => (RECORD_ACTIONS.has(action) ? controlled(n, threshold) : n);
  return {
    byAction: Object.fromEntries(Object.entries(s.byAction).map(([action, n]) => [action, of(action, n)])),
    byRule: s.byRule.map((r) => ({ ...r, count: of(r.action, r.count) })),
  };
}

/** The import log as the package gives it ({@link packageImportLog}). */
export interface PackageImportLog {
  files: PackageLogFile[];
  summary: ReturnType<typeof controlledSummary>;
  note: string;
}

/**
 * The import log as the package gives it: per file and per rule, counts controlled; no entries (one per record).
 * @example
 * packageImportLog(result.log, 10).entries // undefined: `returns --log FILE` writes them
 */
export function packageImportLog(log: ReturnsImport["log"], threshold: number): PackageImportLog {
  return {
    files: packageLogFiles(log.fileSummary(), threshold),
    summary: controlledSummary(log.entries(), threshold),
    note: `Counts of records (rows read, dropped, warned about) of 1 to ${threshold - 1} are left out (null). The log's entries (file, row, column, rule) describe records, one entry per record, and are not in the package: vital-signs returns --log FILE writes them to a file of your choosing, to keep with the returns.`,
  };
}

/**
 * The whole import log, entries included, for `returns --log FILE` (kept with the returns, not the package).
 * @example
 * fullImportLog(result.log).entries.length
 */
export function fullImportLog(log: ReturnsImport["log"]) {
  return { files: log.fileSummary(), summary: summariseImportLog(log.entries()), entries: log.entries() };
}

/**
 * Write the package, `import-log.json` (the content's importLog: counts per file and per rule, those of records below
 * the import's disclosure threshold left out; no entries) and `intervals.csv` to `dir`.
 * @example
 * writeReturnsPackage("out/returns", returnsPackageContent(result, { created: "2026-01-01" }), result);
 */
export function writeReturnsPackage(dir: string, content: ReturnsPackageContent, result: ReturnsImport): PackageDescriptor {
  const { importLog, ...packageContent } = content;
  const descriptor = writePackage(dir, packageContent);
  fs.writeFileSync(path.join(dir, "import-log.json"), JSON.stringify(importLog, null, 2) + "\n");
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
