/**
 * The returns import: a folder of SSDA903 CSV tables and CIN census XML (one or several LAs, one or more
 * years) → disclosure-controlled LA × year indicator rows, interval estimates and an import log. Record-level
 * data lives only inside this function's run; what it returns is LA-level.
 */
import * as fs from "node:fs";
import { parseCsv } from "../data/csv";
import type { CatalogueRow, IndicatorRow } from "../data/types";
import { DataError, DataErrors } from "../errors";
import { annexACounts } from "./annex-a-indicators";
import { ANNEX_A_DEFINITIONS, ANNEX_A_SOURCE, RATE_NUMERATORS, RETURNS_CATALOGUE } from "./catalogue";
import { readAnnexAWorkbook, type AnnexAData } from "./read-annex-a";
import { cinCounts } from "./cin-indicators";
import { claCounts, type ReturnsCount } from "./cla-indicators";
import { discoverReturns } from "./discover";
import { returnsIndicatorRows, type PopulationTable, type ReturnsEstimate } from "./estimates";
import { ReturnsImportLog } from "./import-issues";
import { latestCinRecords, readCinFile, type CinLaData } from "./read-cin";
import { readSsda903, type AttributedFile } from "./read-ssda903";

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
  counts.push(...cinCountsByLa(found.cin, options.key, log));
  const fromAnnexA = annexACountsNotInReturns(found.annexA, options.key, log, counts);
  counts.push(...fromAnnexA);
  for (const c of counts) if (c.flag) log.note(`${c.la_code} ${c.period}`, "warning", `${c.indicator}: ${c.flag}`, "the earlier collection years this indicator needs were not in the folder");
  const { rows, estimates, ratesWithoutPopulation } = returnsIndicatorRows(counts, options.population ?? new Map(), { threshold: options.threshold });
  for (const r of ratesWithoutPopulation) log.note(r, "skipped-file", "rate left out: no child population for this LA and year (give --population)");
  const used = new Set(rows.map((r) => r.indicator));
  const annexACounted = new Set(fromAnnexA.map((c) => c.indicator));
  const annexAUsed = new Set([...annexACounted, ...Object.keys(RATE_NUMERATORS).filter((rate) => annexACounted.has(RATE_NUMERATORS[rate]))]);
  return {
    catalogue: RETURNS_CATALOGUE.filter((c) => used.has(c.indicator)).map((c) => withAnnexANote(c, annexAUsed)),
    indicators: rows,
    estimates,
    las: [...new Set(counts.map((c) => c.la_code))].sort(),
    years: [...new Set(counts.map((c) => c.period))].sort((a, b) => a - b),
    files: { ssda903: found.ssda903.length, cin: found.cin.length, annexA: found.annexA.length },
    log,
  };
}

/**
 * The CIN census counts of every LA: files are read in year order, and an LA's records are counted and released
 * as soon as its last file has been read, so memory holds at most the LAs whose files are still being read (one
 * LA at a time for a single collection year). Counts come out in the order the LAs are first read.
 */
function cinCountsByLa(files: readonly AttributedFile[], key: Buffer, log: ReturnsImportLog): ReturnsCount[] {
  const filesLeft = new Map<string, number>();
  for (const f of files) filesLeft.set(f.la, (filesLeft.get(f.la) ?? 0) + 1);
  const filesRead = new Map(filesLeft);
  const reading = new Map<string, CinLaData>();
  const countsByLa = new Map<string, ReturnsCount[]>();
  for (const f of [...files].sort((a, b) => a.year - b.year)) {
    let data = reading.get(f.la);
    if (data === undefined) {
      reading.set(f.la, (data = { la: f.la, years: [], referrals: [], assessments: [], plans: [] }));
      countsByLa.set(f.la, []);
    }
    const h = readCinFile(f, key, data, log);
    const year = h.year ?? f.year;
    if (!data.years.includes(year)) data.years.push(year);
    const left = filesLeft.get(f.la)! - 1;
    filesLeft.set(f.la, left);
    if (left > 0) continue;
    const merged = filesRead.get(f.la) === 1 ? data : latestCinRecords(data);
    for (const y of merged.years) countsByLa.get(f.la)!.push(...cinCounts(merged, y));
    reading.delete(f.la);
  }
  return [...countsByLa.values()].flat();
}

/**
 * Counts from Annex A workbooks, per LA, except an LA × year × indicator the statutory returns (SSDA903, CIN
 * census) already give: those come from the return, and the Annex A figure is left out with a note.
 */
function annexACountsNotInReturns(files: readonly AttributedFile[], key: Buffer, log: ReturnsImportLog, fromReturns: readonly ReturnsCount[]): ReturnsCount[] {
  const byLa = new Map<string, AnnexAData[]>();
  for (const f of files) {
    const data = readAnnexAWorkbook(f, key, log);
    if (data === null) {
      log.note(f.name, "unknown-file", "an xlsx workbook without an Annex A list sheet (List 1 … List 11)");
      continue;
    }
    byLa.set(f.la, [...(byLa.get(f.la) ?? []), data]);
  }
  const have = new Set(fromReturns.map((c) => `${c.la_code}|${c.period}|${c.indicator}`));
  const out: ReturnsCount[] = [];
  for (const workbooks of byLa.values()) {
    for (const c of annexACounts(workbooks)) {
      if (have.has(`${c.la_code}|${c.period}|${c.indicator}`)) log.note(`${c.la_code} ${c.period}`, "warning", `${c.indicator}: taken from the statutory return, not Annex A`, "both were in the folder");
      else out.push(c);
    }
  }
  return out;
}

/** A catalogue row whose indicator came (for some LA or year) from Annex A says so in its definition and source. */
function withAnnexANote(row: CatalogueRow, annexAUsed: ReadonlySet<string>): CatalogueRow {
  const note = ANNEX_A_DEFINITIONS[row.indicator];
  if (!annexAUsed.has(row.indicator) || note === undefined) return row;
  return { ...row, source: `${row.source}; ${ANNEX_A_SOURCE}`, definition: `${row.definition} ${note}` };
}
