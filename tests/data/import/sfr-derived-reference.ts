/**
 * The derived SFR importer as it was before it worked by code (commit 632dd88, lib/data/import/sfr-derived.ts): parseCsv
 * rows, a trimmed string per cell and a joined key per row. Kept here only to tie the faster importDerivedCla to it
 * (sfr-derived.test.ts).
 */
import * as path from "node:path";
import { DataError, DataErrors } from "../../../lib/errors";
import { parseCsv, requireColumns } from "../../../lib/data/csv";
import type { BenchmarkRow, IndicatorRow } from "../../../lib/data/types";
import { UNKNOWN_LA_RULE, areaExistsIn, type AreaIndex } from "../../../lib/data/import/areas";
import type { ImportLog } from "../../../lib/data/import/import-log";
import { DERIVED_CLA_COUNT_ONLY, DERIVED_CLA_MAPPINGS } from "../../../lib/data/import/mappings";
import { countProblem, parseDfeCell } from "../../../lib/data/import/symbols";

const DERIVED_CLA_COLUMNS = ["geographic_level", "old_la_code", "new_la_code", "time_period", "indicator", "value", "basis", "source"] as const;

/** One cell of the derived file, by geography, year and indicator. */
type DerivedCell = { value: number | null; status: string; row: number; basis: string };
type DerivedGeography = { kind: "la" | "england"; code: string };

/**
 * The derived file's cells keyed `geography|period|indicator` (LAs resolved to canonical codes), collecting a
 * DataError for a bad year, an unknown indicator, a bad value or level, and a duplicate key.
 */
function readDerivedCells(rows: readonly string[][], col: ReadonlyMap<string, number>, file: string, areas: AreaIndex, log: ImportLog, errors: DataError[]): { cells: Map<string, DerivedCell>; geos: Map<string, DerivedGeography> } {
  const known = new Set([...DERIVED_CLA_MAPPINGS.map((m) => m.source), ...DERIVED_CLA_COUNT_ONLY]);
  const cells = new Map<string, DerivedCell>(); // geo|period|indicator
  const geos = new Map<string, DerivedGeography>();
  rows.forEach((r, i) => {
    const row = i + 1;
    const get = (c: string) => r[col.get(c) as number].trim();
    const period = Number(get("time_period"));
    if (!/^\d{4}$/.test(get("time_period"))) {
      errors.push(new DataError({ file, row, column: "time_period", value: get("time_period"), expected: "a year like 2015" }));
      return;
    }
    const ind = get("indicator");
    if (!known.has(ind)) {
      errors.push(new DataError({ file, row, column: "indicator", value: ind, expected: "an indicator listed in DERIVED_CLA_MAPPINGS" }));
      return;
    }
    const parsed = parseDfeCell(get("value"));
    if (parsed === undefined) {
      errors.push(new DataError({ file, row, column: "value", value: get("value"), expected: "a number or blank" }));
      return;
    }
    let geo: { kind: "la" | "england"; code: string };
    const level = get("geographic_level");
    if (level === "National") geo = { kind: "england", code: get("new_la_code") || "E92000001" };
    else if (level === "Local authority") {
      const res = areas.resolve(get("old_la_code"), get("new_la_code"));
      if (res === undefined) {
        log.add({ action: "warning", file, rule: UNKNOWN_LA_RULE, row, column: "old_la_code/new_la_code", value: `${get("old_la_code")} / ${get("new_la_code")}` });
        return;
      }
      geo = { kind: "la", code: res.laCode };
    } else {
      errors.push(new DataError({ file, row, column: "geographic_level", value: level, expected: "National or Local authority" }));
      return;
    }
    const gk = `${geo.kind}:${geo.code}`;
    geos.set(gk, geo);
    const key = `${gk}|${period}|${ind}`;
    const prev = cells.get(key);
    if (prev !== undefined) {
      errors.push(new DataError({ file, row, column: "indicator", value: `${geo.code} ${period} ${ind}`, expected: `one row per LA, year and indicator (also row ${prev.row})` }));
      return;
    }
    cells.set(key, { value: parsed.value, status: parsed.status, row, basis: get("basis") });
  });
  return { cells, geos };
}

/**
 * Import the derived SFR long file.
 * @throws DataErrors for a missing column, a non-numeric value, an unknown indicator name, a bad year or a
 *   duplicate (LA, year, indicator)
 * @example
 * importDerivedCla(text, "cla_indicators_la_2011_2016_long.csv", areas, log).indicators.length
 */
export function referenceImportDerivedCla(text: string, file: string, areas: AreaIndex, log: ImportLog): { indicators: IndicatorRow[]; benchmarks: BenchmarkRow[] } {
  const csv = parseCsv(text, file);
  const col = requireColumns(csv, DERIVED_CLA_COLUMNS);
  const errors: DataError[] = [];
  const { cells, geos } = readDerivedCells(csv.rows, col, file, areas, log, errors);
  if (errors.length > 0) throw new DataErrors(errors, `importDerivedCla(${path.basename(file)})`);
  const indicators: IndicatorRow[] = [];
  const benchmarks: BenchmarkRow[] = [];
  let computed = 0;
  let outside = 0;
  for (const [key, c] of cells) {
    const [gk, p, ind] = key.split("|");
    const m = DERIVED_CLA_MAPPINGS.find((x) => x.source === ind);
    if (m === undefined) continue; // count-only indicators feed numerators/denominators
    const period = Number(p);
    const geo = geos.get(gk) as { kind: "la" | "england"; code: string };
    const countOf = (source: string | undefined): number | null => {
      if (source === undefined) return null;
      const cell = cells.get(`${gk}|${p}|${source}`);
      const bad = cell?.value !== null && cell?.value !== undefined ? countProblem(cell.value, source) : undefined;
      if (bad !== undefined && cell) errors.push(new DataError({ file, row: cell.row, column: "value", value: `${source} = ${cell.value}`, expected: bad }));
      return cell?.value ?? null;
    };
    const numerator = countOf(m.numerator);
    const denominator = countOf(m.denominator);
    if (c.basis.startsWith("computed")) computed++;
    if (geo.kind === "la") {
      const area = areas.get(geo.code);
      if (area !== undefined && !areaExistsIn(area, period) && c.value === null) {
        outside++;
        continue;
      }
      indicators.push({ la_code: geo.code, period, indicator: m.indicator, value: c.value, numerator, denominator, status: c.status });
    } else {
      benchmarks.push({ geography: "england", code: geo.code, period, indicator: m.indicator, value: c.value, numerator, denominator, status: c.status });
    }
  }
  if (errors.length > 0) throw new DataErrors(errors, `importDerivedCla(${path.basename(file)})`);
  if (computed > 0) log.add({ action: "check", file, rule: "values computed from published (rounded) counts, not published percentages (basis column)", count: computed });
  if (outside > 0) log.add({ action: "dropped", file, rule: "placeholder rows (blank) for an LA outside its lifespan", count: outside });
  if (benchmarks.length > 0) log.add({ action: "benchmark", file, rule: "National rows written to benchmarks.csv", count: benchmarks.length });
  return { indicators, benchmarks };
}
