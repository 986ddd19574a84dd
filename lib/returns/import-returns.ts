/**
 * The returns import: a folder of SSDA903 CSV tables and CIN census XML (one or several LAs, one or more
 * years) → disclosure-controlled LA × year indicator rows, interval estimates and an import log. Record-level
 * data lives only inside this function's run; what it returns is LA-level.
 */
import { parseCsv } from "../data/csv";
import type { CatalogueRow, IndicatorRow } from "../data/types";
import { DEFAULT_DISCLOSURE_THRESHOLD } from "../disclosure/suppress-counts";
import { DataError, DataErrors } from "../errors";
import { annexACounts, WINDOW_FLAG } from "./annex-a-indicators";
import { ANNEX_A_DEFINITIONS, ANNEX_A_SOURCE, RATE_NUMERATORS, RETURNS_CATALOGUE } from "./catalogue";
import { ANNEX_A_WINDOW_MONTHS, readAnnexAWorkbook, type AnnexAData } from "./read-annex-a";
import { leftOutRule, NO_HISTORY_STATUS, type ReturnsCount } from "./cla-indicators";
import { decodeCsvUtf8, readReturnsCsvBytes } from "./csv-rows";
import { discoverReturns, type DiscoveredReturns } from "./discover";
import { returnsIndicatorRows, type PopulationTable, type ReturnsEstimate } from "./estimates";
import { ReturnsImportLog } from "./import-issues";
import { currentLaCodes } from "./la-codes";
import { assembleUnits, cinUnit, ssda903Las, ssda903Unit, type CinUnitOutcome, type UnitOutcome } from "./import-units";
import type { AttributedFile, Ssda903File } from "./read-ssda903";
import { append } from "../data/append";
import type { AreaRow } from "../data/types";

/** Options of {@link importReturns}. */
export interface ImportReturnsOptions {
  /** Pseudonymisation key. */
  key: Buffer;
  /** The LA when the folder names none. */
  la?: string;
  /**
   * The package's earlier ONS codes (provenance.code_aliases): with `areas`, a folder named by an earlier code is
   * counted under the LA's current code, and an LA-year outside the LA's lifespan is refused (la-codes).
   */
  codeAliases?: Readonly<Record<string, string>>;
  /** Child population aged 0–17 by `${la_code}|${period}` (rates are left out without it). */
  population?: PopulationTable;
  /** Disclosure threshold (default 10). */
  threshold?: number;
  /**
   * The LAs with their DfE numbers (a package's areas), to check each CIN census's LEA against its folder's LA; with
   * their lifespans, to match folder codes (la-codes: an earlier code counted under the current one).
   */
  areas?: readonly AreaRow[];
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
  /** The disclosure threshold the counts were suppressed with; the package's import log is controlled with it too. */
  threshold: number;
}

/**
 * Read a population CSV: columns la_code, period (year ending 31 March the population is the denominator for)
 * and population (or child_population_0_17).
 * @throws DataErrors naming file, row, column and value for a malformed file, and both rows of an LA and year given twice
 * @example
 * readPopulationCsv("population.csv").get("E09000001|2023") // 1500
 */
export function readPopulationCsv(file: string): Map<string, number> {
  const csv = parseCsv(decodeCsvUtf8(readReturnsCsvBytes(file, file), file), file);
  const la = csv.header.indexOf("la_code");
  const period = csv.header.indexOf("period");
  const pop = csv.header.indexOf("population") >= 0 ? csv.header.indexOf("population") : csv.header.indexOf("child_population_0_17");
  const errors: DataError[] = [];
  if (la < 0 || period < 0 || pop < 0) throw new DataErrors([new DataError({ file, row: 0, expected: "columns la_code, period and population (or child_population_0_17)" })], "readPopulationCsv");
  const out = new Map<string, number>();
  // the row of each LA and year: a second one is an error (the last had silently won)
  const rowOf = new Map<string, number>();
  csv.rows.forEach((r, i) => {
    const p = Number(r[period]);
    const n = Number(r[pop]);
    const key = `${r[la]}|${p}`;
    if (!Number.isInteger(p)) errors.push(new DataError({ file, row: i + 1, column: "period", value: r[period], expected: "a year ending 31 March" }));
    else if (!(n > 0)) errors.push(new DataError({ file, row: i + 1, column: csv.header[pop], value: r[pop], expected: "a population > 0" }));
    else if (rowOf.has(key)) {
      errors.push(new DataError({ file, row: i + 1, column: "period", value: r[period], expected: `one row per LA and year: ${r[la]} ${p} is in row ${rowOf.get(key)} too` }));
    } else {
      rowOf.set(key, i + 1);
      out.set(key, n);
    }
  });
  if (errors.length > 0) throw new DataErrors(errors, "readPopulationCsv");
  return out;
}

/**
 * Import the returns in `dir`.
 * @throws InputError when an LA or year cannot be told; DataError on malformed XML
 * @example
 * const result = importReturns("returns/", { key });
 * writeReturnsPackage("out/returns", returnsPackageContent(result, { created: "2026-01-01" }), result);
 */
export function importReturns(dir: string, options: ImportReturnsOptions): ReturnsImport {
  const log = new ReturnsImportLog();
  const found = discoverReturns(dir, log, { la: options.la, areas: options.areas });
  const units = computeUnits(found.ssda903, found.cin, options.key);
  return completeImport(found, assembleUnits(found.cin, units.ssda903, units.cin, log), options, log);
}

/** The SSDA903 and CIN units of every LA in the files (lib/returns/import-units), computed on this thread. */
export function computeUnits(
  ssda903: readonly Ssda903File[],
  cin: readonly AttributedFile[],
  key: Buffer,
): { ssda903: Map<string, UnitOutcome>; cin: Map<string, CinUnitOutcome> } {
  const ssda903Units = new Map<string, UnitOutcome>();
  for (const la of ssda903Las(ssda903)) ssda903Units.set(la, ssda903Unit(ssda903.filter((f) => f.la === la), key));
  const cinUnits = new Map<string, CinUnitOutcome>();
  for (const la of new Set(cin.map((f) => f.la))) cinUnits.set(la, cinUnit(la, cin.filter((f) => f.la === la), key));
  return { ssda903: ssda903Units, cin: cinUnits };
}

/**
 * The rest of an import once the statutory returns are counted: Annex A where no return gives the figure,
 * flags, estimates with suppression, and the catalogue of the indicators given.
 */
export function completeImport(found: DiscoveredReturns, fromReturns: readonly ReturnsCount[], options: ImportReturnsOptions, log: ReturnsImportLog): ReturnsImport {
  const counts = [...fromReturns];
  const fromAnnexA = annexACountsNotInReturns(found.annexA, options.key, log, counts);
  append(counts, fromAnnexA);
  // a folder named by an earlier code: its counts under the LA's current code (read under the folder's, as one LA)
  const currentCode = currentLaCodes(found, options.areas ?? [], options.codeAliases ?? {}, log);
  for (let k = 0; k < counts.length; k++) {
    const code = currentCode.get(counts[k].la_code);
    if (code !== undefined) counts[k] = { ...counts[k], la_code: code };
  }
  for (const c of counts) {
    // a share of part of the year is said on the screen too: its value reads like the year's
    if (c.flag === WINDOW_FLAG) {
      log.notice(`${c.la_code} ${c.period}`, `${c.indicator}: ${c.flag} (a share of the Annex A window's ${ANNEX_A_WINDOW_MONTHS} months before the extract, not of the year ending 31 March)`);
    } else if (c.flag === NO_HISTORY_STATUS) {
      // no figure, where a reader of the package could take the missing value for a year without such children
      log.notice(`${c.la_code} ${c.period}`, `${c.indicator}: ${c.flag} (no child in its cohort, which the earlier collection years it needs would fill: not a year without such children)`, "give the collection years before it to count it");
    } else if (c.flag) log.note(`${c.la_code} ${c.period}`, "warning", `${c.indicator}: ${c.flag}`, "the earlier collection years this indicator needs were not in the folder");
    // the count in the entry's count, not in its rule: the package's log gives rules with their counts controlled
    if (c.leftOut) log.leftOut(`${c.la_code} ${c.period}`, leftOutRule(c.indicator, c.leftOut.reason), "the figure is computed without them", c.leftOut.count);
    if (c.outsideAges) log.leftOut(`${c.la_code} ${c.period}`, c.outsideAges.rule, "DfE's definition counts only these ages; the figure is computed without them", c.outsideAges.count);
  }
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  const { rows, estimates, ratesWithoutPopulation } = returnsIndicatorRows(counts, options.population ?? new Map(), { threshold });
  // with a population given, the table lacks this LA-year: "give --population" had been said 18 times to a user who had
  // given one covering 2023 only (a user trial, round 27)
  const populationGiven = (options.population?.size ?? 0) > 0;
  const noPopulation = populationGiven
    ? "rate left out: the child population given (--population) has no row for this LA and year"
    : "rate left out: no child population for this LA and year (give --population)";
  for (const r of ratesWithoutPopulation) log.note(r, "skipped-file", noPopulation);
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
    threshold,
  };
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
    if (data.extractDate === null) {
      log.notice(
        f.name,
        `Annex A workbook whose name gives no extract date: taken for the ${ANNEX_A_WINDOW_MONTHS} months before an unknown day, not the year ending 31 March ${f.year} (no count of the year or at 31 March; shares flagged ${WINDOW_FLAG})`,
        "name the file by the day its lists were extracted (annex_a_2024-01-15.xlsx) to have its window known",
      );
    }
    byLa.set(f.la, [...(byLa.get(f.la) ?? []), data]);
  }
  const have = new Set(fromReturns.map((c) => `${c.la_code}|${c.period}|${c.indicator}`));
  const rateOf = new Map(Object.entries(RATE_NUMERATORS).map(([rate, count]) => [count, rate]));
  const out: ReturnsCount[] = [];
  for (const workbooks of byLa.values()) {
    const { counts, notCovered } = annexACounts(workbooks);
    for (const c of counts) {
      if (have.has(`${c.la_code}|${c.period}|${c.indicator}`)) log.note(`${c.la_code} ${c.period}`, "warning", `${c.indicator}: taken from the statutory return, not Annex A`, "both were in the folder");
      else out.push(c);
    }
    for (const c of notCovered) {
      if (!have.has(`${c.la_code}|${c.period}|${c.indicator}`)) log.notice(`${c.la_code} ${c.period}`, `${rateOf.get(c.indicator) ?? c.indicator} left out: ${c.reason}`);
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
