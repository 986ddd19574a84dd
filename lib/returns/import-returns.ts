/**
 * The returns import: a folder of SSDA903 CSV tables and CIN census XML (one or several LAs, one or more
 * years) → disclosure-controlled LA × year indicator rows, interval estimates and an import log. Record-level
 * data lives only inside this function's run; what it returns is LA-level.
 */
import * as fs from "node:fs";
import { parseCsv } from "../data/csv";
import type { CatalogueRow, IndicatorRow } from "../data/types";
import { DataError, DataErrors } from "../errors";
import { RETURNS_CATALOGUE } from "./catalogue";
import { cinCounts } from "./cin-indicators";
import { claCounts, type ReturnsCount } from "./cla-indicators";
import { discoverReturns } from "./discover";
import { returnsIndicatorRows, type PopulationTable, type ReturnsEstimate } from "./estimates";
import { ReturnsImportLog } from "./import-issues";
import { latestCinRecords, readCinFile, type CinLaData } from "./read-cin";
import { readSsda903 } from "./read-ssda903";

/** Options of {@link importReturns}. */
export interface ImportReturnsOptions {
  /** Pseudonymisation key. */
  key: Buffer;
  /** The LA when the folder names none. */
  la?: string;
  /** Child population aged 0–17 by `${la_code}|${period}` (rates are left out without it). */
  population?: PopulationTable;
  /** Disclosure threshold (default 10). */
  threshold?: number;
}

/** What {@link importReturns} gives back: LA-level only. */
export interface ReturnsImport {
  catalogue: CatalogueRow[];
  indicators: IndicatorRow[];
  estimates: ReturnsEstimate[];
  las: string[];
  years: number[];
  files: { ssda903: number; cin: number; annexA: number };
  log: ReturnsImportLog;
}

/**
 * Read a population CSV: columns la_code, period (year ending 31 March the population is the denominator for)
 * and population (or child_population_0_17).
 * @throws DataErrors naming file, row, column and value for a malformed file
 * @example
 * readPopulationCsv("population.csv").get("E09000001|2023") // 1500
 */
export function readPopulationCsv(file: string): Map<string, number> {
  const csv = parseCsv(fs.readFileSync(file, "utf8"), file);
  const la = csv.header.indexOf("la_code");
  const period = csv.header.indexOf("period");
  const pop = csv.header.indexOf("population") >= 0 ? csv.header.indexOf("population") : csv.header.indexOf("child_population_0_17");
  const errors: DataError[] = [];
  if (la < 0 || period < 0 || pop < 0) throw new DataErrors([new DataError({ file, row: 0, expected: "columns la_code, period and population (or child_population_0_17)" })], "readPopulationCsv");
  const out = new Map<string, number>();
  csv.rows.forEach((r, i) => {
    const p = Number(r[period]);
    const n = Number(r[pop]);
    if (!Number.isInteger(p)) errors.push(new DataError({ file, row: i + 1, column: "period", value: r[period], expected: "a year ending 31 March" }));
    else if (!(n > 0)) errors.push(new DataError({ file, row: i + 1, column: csv.header[pop], value: r[pop], expected: "a population > 0" }));
    else out.set(`${r[la]}|${p}`, n);
  });
  if (errors.length > 0) throw new DataErrors(errors, "readPopulationCsv");
  return out;
}

/**
 * Import the returns in `dir`.
 * @throws InputError when an LA or year cannot be told; DataError on malformed XML
 * @example
 * const result = importReturns("returns/", { key });
 * writePackage("out/returns", returnsPackageContent(result, { created: "2026-01-01" }));
 */
export function importReturns(dir: string, options: ImportReturnsOptions): ReturnsImport {
  const log = new ReturnsImportLog();
  const found = discoverReturns(dir, log, { la: options.la });
  const counts: ReturnsCount[] = [];
  const cla = readSsda903(found.ssda903, options.key, log);
  for (const data of cla.values()) for (const year of data.years) counts.push(...claCounts(data, year));
  const cinByLa = new Map<string, CinLaData>();
  const cinFiles = new Map<string, number>();
  for (const f of [...found.cin].sort((a, b) => a.year - b.year)) {
    const data = cinByLa.get(f.la) ?? { la: f.la, years: [], referrals: [], assessments: [], plans: [] };
    cinByLa.set(f.la, data);
    const h = readCinFile(f, options.key, data, log);
    cinFiles.set(f.la, (cinFiles.get(f.la) ?? 0) + 1);
    const year = h.year ?? f.year;
    if (!data.years.includes(year)) data.years.push(year);
  }
  for (const read of cinByLa.values()) {
    const data = cinFiles.get(read.la) === 1 ? read : latestCinRecords(read);
    for (const year of data.years) counts.push(...cinCounts(data, year));
  }
  for (const c of counts) if (c.flag) log.note(`${c.la_code} ${c.period}`, "warning", `${c.indicator}: ${c.flag}`, "the earlier collection years this indicator needs were not in the folder");
  const { rows, estimates, ratesWithoutPopulation } = returnsIndicatorRows(counts, options.population ?? new Map(), { threshold: options.threshold });
  for (const r of ratesWithoutPopulation) log.note(r, "skipped-file", "rate left out: no child population for this LA and year (give --population)");
  const used = new Set(rows.map((r) => r.indicator));
  return {
    catalogue: RETURNS_CATALOGUE.filter((c) => used.has(c.indicator)),
    indicators: rows,
    estimates,
    las: [...new Set(counts.map((c) => c.la_code))].sort(),
    years: [...new Set(counts.map((c) => c.period))].sort((a, b) => a - b),
    files: { ssda903: found.ssda903.length, cin: found.cin.length, annexA: found.annexA.length },
    log,
  };
}
