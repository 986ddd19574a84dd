/**
 * SFR-era looked-after-children indicators (years ending March 2011–2016) from the long file
 * `derived/cla_indicators_la_2011_2016_long.csv` (`indicator, value, basis, source`), mapped by
 * {@link DERIVED_CLA_MAPPINGS}. A blank value is missing (`not-available:blank` — the pre-EES tables'
 * symbols were not kept in this file). Numerators/denominators come from the file's count indicators
 * of the same LA and year. `basis` (published percentage vs computed from rounded counts) is counted
 * in the import log. National rows go to benchmarks.
 */
import * as path from "node:path";
import { DataError, DataErrors } from "../../errors";
import { requireColumns } from "../csv";
import type { BenchmarkRow, IndicatorRow } from "../types";
import { UNKNOWN_LA_RULE, areaExistsIn, damagedLaCode, type AreaIndex } from "./areas";
import { CsvColumns, type CodedCells } from "./csv-columns";
import type { ImportLog } from "./import-log";
import { DERIVED_CLA_COUNT_ONLY, DERIVED_CLA_MAPPINGS } from "./mappings";
import { countProblem, parseDfeCell, type ParsedCell } from "./symbols";

export const DERIVED_CLA_COLUMNS = ["geographic_level", "old_la_code", "new_la_code", "time_period", "indicator", "value", "basis", "source"] as const;

/**
 * Whether a header is the derived SFR long file's.
 * @example
 * isDerivedClaHeader(["geographic_level","old_la_code","new_la_code","la_name","la_name_source","time_period","indicator","value","basis","source"]) // true
 */
export function isDerivedClaHeader(header: readonly string[]): boolean {
  return DERIVED_CLA_COLUMNS.every((c) => header.includes(c));
}

/** One cell of the derived file, by geography, year and indicator. */
type DerivedCell = { value: number | null; status: string; row: number; basis: string; geo: DerivedGeography; period: number; indicator: string };
type DerivedGeography = { kind: "la" | "england"; code: string };

/** A column of the derived file as codes into its distinct texts, trimmed. */
function trimmedCodes(csv: CsvColumns, col: ReadonlyMap<string, number>, name: string): CodedCells {
  const { codes, values } = csv.coded(col.get(name) as number);
  return { codes, values: values.map((v) => v.trim()) };
}

/**
 * The derived file's cells by geography, year and indicator (LAs resolved to canonical codes), in order of first
 * row, collecting a DataError for a bad year, an unknown indicator, a bad value or level, and a duplicate key. What
 * depends only on a cell's text (trimming, checking a year or an indicator, parsing a value, resolving a pair of
 * LA codes) is done once per distinct text, and a cell's key is a number, not a string built per row.
 */
function readDerivedCells(csv: CsvColumns, col: ReadonlyMap<string, number>, file: string, areas: AreaIndex, log: ImportLog, errors: DataError[]): DerivedCells {
  return readDerivedRows(derivedColumns(csv, col), csv.rowCount, file, areas, log, errors);
}

/** The derived file's columns as trimmed codes, with what each distinct text says (a year, a known indicator, a parsed value). */
interface DerivedColumns {
  timePeriod: CodedCells;
  indicator: CodedCells;
  value: CodedCells;
  level: CodedCells;
  oldCode: CodedCells;
  newCode: CodedCells;
  basis: CodedCells;
  /** The year of each time_period code (NaN: not four digits). */
  periodOf: number[];
  knownIndicator: boolean[];
  parsedValue: (ParsedCell | undefined)[];
}

/** The columns {@link readDerivedRows} reads, each distinct text checked or parsed once. */
function derivedColumns(csv: CsvColumns, col: ReadonlyMap<string, number>): DerivedColumns {
  const known = new Set([...DERIVED_CLA_MAPPINGS.map((m) => m.source), ...DERIVED_CLA_COUNT_ONLY]);
  const [timePeriod, indicator, value, level, oldCode, newCode, basis] = ["time_period", "indicator", "value", "geographic_level", "old_la_code", "new_la_code", "basis"].map((c) => trimmedCodes(csv, col, c));
  return {
    timePeriod,
    indicator,
    value,
    level,
    oldCode,
    newCode,
    basis,
    periodOf: timePeriod.values.map((tp) => (/^\d{4}$/.test(tp) ? Number(tp) : Number.NaN)),
    knownIndicator: indicator.values.map((ind) => known.has(ind)),
    parsedValue: value.values.map((v) => parseDfeCell(v)),
  };
}

/**
 * The loop of {@link readDerivedCells} over the rows, apart from its set-up ({@link derivedColumns}: destructuring,
 * closures), so that TurboFan compiles the loop alone.
 */
function readDerivedRows(x: DerivedColumns, rowCount: number, file: string, areas: AreaIndex, log: ImportLog, errors: DataError[]): DerivedCells {
  const { timePeriod, indicator, value, level, oldCode, newCode, basis, periodOf, knownIndicator, parsedValue } = x;
  const cells = new DerivedCells(indicator.values);
  const laPlaces = new Map<number, DerivedGeography>(); // (old code, new code) of a Local authority row → its LA
  const englandPlaces = new Map<number, DerivedGeography>(); // new code of a National row → England
  for (let i = 0; i < rowCount; i++) {
    const row = i + 1;
    const period = periodOf[timePeriod.codes[i]];
    if (Number.isNaN(period)) {
      errors.push(new DataError({ file, row, column: "time_period", value: timePeriod.values[timePeriod.codes[i]], expected: "a year like 2015" }));
      continue;
    }
    const ind = indicator.codes[i];
    if (!knownIndicator[ind]) {
      errors.push(new DataError({ file, row, column: "indicator", value: indicator.values[ind], expected: "an indicator listed in DERIVED_CLA_MAPPINGS" }));
      continue;
    }
    const parsed = parsedValue[value.codes[i]];
    if (parsed === undefined) {
      errors.push(new DataError({ file, row, column: "value", value: value.values[value.codes[i]], expected: "a number or blank" }));
      continue;
    }
    const levelName = level.values[level.codes[i]];
    let geo: DerivedGeography | undefined;
    if (levelName === "National") {
      geo = englandPlaces.get(newCode.codes[i]);
      if (geo === undefined) englandPlaces.set(newCode.codes[i], (geo = { kind: "england", code: newCode.values[newCode.codes[i]] || "E92000001" }));
    } else if (levelName === "Local authority") {
      const pair = oldCode.codes[i] * newCode.values.length + newCode.codes[i];
      geo = laPlaces.get(pair);
      if (geo === undefined) {
        const [o, n] = [oldCode.values[oldCode.codes[i]], newCode.values[newCode.codes[i]]];
        const res = areas.resolve(o, n);
        if (res === undefined) {
          const damaged = damagedLaCode(file, row, { old_la_code: o, new_la_code: n });
          if (damaged !== undefined) errors.push(damaged);
          else log.add({ action: "warning", file, rule: UNKNOWN_LA_RULE, row, column: "old_la_code/new_la_code", value: `${o} / ${n}` });
          continue;
        }
        laPlaces.set(pair, (geo = { kind: "la", code: res.laCode }));
      }
    } else {
      errors.push(new DataError({ file, row, column: "geographic_level", value: levelName, expected: "National or Local authority" }));
      continue;
    }
    const prev = cells.add({ value: parsed.value, status: parsed.status, row, basis: basis.values[basis.codes[i]], geo, period, indicator: indicator.values[ind] });
    if (prev !== undefined) errors.push(new DataError({ file, row, column: "indicator", value: `${geo.code} ${period} ${indicator.values[ind]}`, expected: `one row per LA, year and indicator (also row ${prev.row})` }));
  }
  return cells;
}

/** The derived file's cells in order of first row, by (geography, period, indicator), found by numbers. */
class DerivedCells {
  /** The cells in order of first row. */
  readonly list: DerivedCell[] = [];
  private readonly geographies = new Map<string, number>(); // `${kind}:${code}` → number
  private readonly geographyPeriods = new Map<number, number>(); // geography × 10,000 + period → number
  private readonly indicators = new Map<string, number>(); // indicator name → number
  private readonly byKey = new Map<number, DerivedCell>();

  /** @param indicators - the indicator names the file has (trimmed) */
  constructor(indicators: readonly string[]) {
    for (const ind of indicators) if (!this.indicators.has(ind)) this.indicators.set(ind, this.indicators.size);
  }

  /** Add a cell, or give the cell already there with the same geography, period and indicator. */
  add(cell: DerivedCell): DerivedCell | undefined {
    const key = this.key(cell.geo, cell.period, cell.indicator, true) as number;
    const prev = this.byKey.get(key);
    if (prev !== undefined) return prev;
    this.byKey.set(key, cell);
    this.list.push(cell);
    return undefined;
  }

  /** The cell of another indicator of the same geography and period, if the file has it. */
  sibling(cell: DerivedCell, indicator: string): DerivedCell | undefined {
    const key = this.key(cell.geo, cell.period, indicator, false);
    return key === undefined ? undefined : this.byKey.get(key);
  }

  private key(geo: DerivedGeography, period: number, indicator: string, adding: boolean): number | undefined {
    const geoName = `${geo.kind}:${geo.code}`;
    let g = this.geographies.get(geoName);
    if (g === undefined) {
      if (!adding) return undefined;
      this.geographies.set(geoName, (g = this.geographies.size));
    }
    const gp = g * PERIODS + period;
    let geoPeriod = this.geographyPeriods.get(gp);
    if (geoPeriod === undefined) {
      if (!adding) return undefined;
      this.geographyPeriods.set(gp, (geoPeriod = this.geographyPeriods.size));
    }
    const ind = this.indicators.get(indicator);
    return ind === undefined ? undefined : geoPeriod * this.indicators.size + ind;
  }
}

/** The derived file's rows and what {@link importDerivedCla} logs of them. */
interface DerivedRows {
  indicators: IndicatorRow[];
  benchmarks: BenchmarkRow[];
  /** Cells whose basis says they were computed from counts. */
  computed: number;
  /** Placeholder cells of an LA outside its lifespan, left out. */
  outside: number;
}

/**
 * The cells of the mapped indicators as indicator and benchmark rows, with their counts (errors to `errors`). A
 * function of its own, with the mappings looked up in a map and no closure per cell: the loop inside
 * importDerivedCla was compiled again by TurboFan in every import of a process.
 */
function derivedRows(cells: DerivedCells, file: string, areas: AreaIndex, errors: DataError[]): DerivedRows {
  // the first mapping of each source indicator name (as `find` gives it)
  const mappingBySource = new Map<string, (typeof DERIVED_CLA_MAPPINGS)[number]>();
  for (const x of DERIVED_CLA_MAPPINGS) if (!mappingBySource.has(x.source)) mappingBySource.set(x.source, x);
  const out: DerivedRows = { indicators: [], benchmarks: [], computed: 0, outside: 0 };
  for (const c of cells.list) {
    const m = mappingBySource.get(c.indicator);
    if (m === undefined) continue; // count-only indicators feed numerators/denominators
    const { period, geo } = c;
    const numerator = siblingCount(cells, c, m.numerator, file, errors);
    const denominator = siblingCount(cells, c, m.denominator, file, errors);
    if (c.basis.startsWith("computed")) out.computed++;
    if (geo.kind === "la") {
      const area = areas.get(geo.code);
      if (area !== undefined && !areaExistsIn(area, period) && c.value === null) {
        out.outside++;
        continue;
      }
      out.indicators.push({ la_code: geo.code, period, indicator: m.indicator, value: c.value, numerator, denominator, status: c.status });
    } else {
      out.benchmarks.push({ geography: "england", code: geo.code, period, indicator: m.indicator, value: c.value, numerator, denominator, status: c.status });
    }
  }
  return out;
}

/** The value of the `source` indicator's cell beside `c` (null: no source, no cell or no value); a DataError when it is not a count. */
function siblingCount(cells: DerivedCells, c: DerivedCell, source: string | undefined, file: string, errors: DataError[]): number | null {
  if (source === undefined) return null;
  const cell = cells.sibling(c, source);
  const bad = cell?.value !== null && cell?.value !== undefined ? countProblem(cell.value, source) : undefined;
  if (bad !== undefined && cell) errors.push(new DataError({ file, row: cell.row, column: "value", value: `${source} = ${cell.value}`, expected: bad }));
  return cell?.value ?? null;
}

/** Years are four digits: `geography × PERIODS + year` is one number per (geography, year). */
const PERIODS = 10000;

/**
 * Import the derived SFR long file.
 * @throws DataErrors for a missing column, a non-numeric value, an unknown indicator name, a bad year or a
 *   duplicate (LA, year, indicator)
 * @example
 * importDerivedCla(text, "cla_indicators_la_2011_2016_long.csv", areas, log).indicators.length
 */
export function importDerivedCla(text: string | Uint8Array, file: string, areas: AreaIndex, log: ImportLog): { indicators: IndicatorRow[]; benchmarks: BenchmarkRow[] } {
  const wanted = (header: readonly string[]) => DERIVED_CLA_COLUMNS.map((c) => header.indexOf(c)).filter((p) => p >= 0);
  const csv = typeof text === "string" ? CsvColumns.parse(text, file, wanted) : CsvColumns.parseBytes(text, file, wanted);
  const col = requireColumns({ file, header: [...csv.header], rows: [] }, DERIVED_CLA_COLUMNS);
  const errors: DataError[] = [];
  const cells = readDerivedCells(csv, col, file, areas, log, errors);
  if (errors.length > 0) throw new DataErrors(errors, `importDerivedCla(${path.basename(file)})`);
  const { indicators, benchmarks, computed, outside } = derivedRows(cells, file, areas, errors);
  if (errors.length > 0) throw new DataErrors(errors, `importDerivedCla(${path.basename(file)})`);
  if (computed > 0) log.add({ action: "check", file, rule: "values computed from published (rounded) counts, not published percentages (basis column)", count: computed });
  if (outside > 0) log.add({ action: "dropped", file, rule: "placeholder rows (blank) for an LA outside its lifespan", count: outside });
  if (benchmarks.length > 0) log.add({ action: "benchmark", file, rule: "National rows written to benchmarks.csv", count: benchmarks.length });
  return { indicators, benchmarks };
}
