/**
 * The EES reader as it was before it worked by code (commit 7855d53, lib/data/import/ees.ts and ees-geography.ts):
 * a string per row for every geography cell, a joined key per row for the groups and the filters, every picked
 * cell parsed anew. Kept here only to tie the faster readEesTable/applyEesMappings to it (ees-cells.test.ts).
 */
import * as path from "node:path";
import { DataError, DataErrors } from "../../../lib/errors";
import { requireUniqueColumns } from "../../../lib/data/csv";
import type { BenchmarkRow, IndicatorRow } from "../../../lib/data/types";
import { areaExistsIn, type AreaIndex } from "../../../lib/data/import/areas";
import { CsvColumns } from "../../../lib/data/import/csv-columns";
import { EES_REQUIRED_COLUMNS, parseTimePeriod, valueFromCounts, type EesImport } from "../../../lib/data/import/ees";
import { localAuthorityGeography, type EesGeography, type EesGroup } from "../../../lib/data/import/ees-geography";
import type { ImportLog } from "../../../lib/data/import/import-log";
import type { CellSelector, EesMapping } from "../../../lib/data/import/mappings";
import { countProblem, parseDfeCell, type ParsedCell } from "../../../lib/data/import/symbols";

/** The old EesTable. */
export interface EesTable {
  file: string;
  csv: CsvColumns;
  column: ReadonlyMap<string, number>;
  groups: EesGroup[];
}

const EES_GEOGRAPHY_COLUMNS = [...EES_REQUIRED_COLUMNS, "country_code", "region_code"] as const;

function eesCells(table: EesTable, name: string): readonly string[] {
  const at = table.column.get(name);
  return at === undefined ? new Array<string>(table.csv.rowCount).fill("") : table.csv.cells(at);
}

export function referenceReadEesTable(text: string | Uint8Array, file: string, areas: AreaIndex, log: ImportLog, alsoRead: readonly string[] = []): EesTable {
  let column = new Map<string, number>();
  const positions = (header: readonly string[]) => {
    column = new Map(header.map((h, i) => [h.trim(), i]));
    return [...EES_GEOGRAPHY_COLUMNS, ...alsoRead].flatMap((c) => (column.has(c) ? [column.get(c) as number] : []));
  };
  const csv = typeof text === "string" ? CsvColumns.parse(text, file, positions) : CsvColumns.parseBytes(text, file, positions);
  const trimmed = csv.header.map((h) => h.trim());
  requireUniqueColumns(file, trimmed, trimmed.filter((h) => h !== ""));
  for (const c of EES_REQUIRED_COLUMNS) {
    if (!column.has(c)) throw new DataError({ file, row: 0, column: c, expected: `an EES column named ${c}` });
  }
  const table: EesTable = { file, csv, column, groups: [] };
  const errors: DataError[] = [];
  const groups = new EesGroups();
  const trimmedCells = (c: string) => {
    const cells = eesCells(table, c);
    return (i: number) => cells[i].trim();
  };
  const [timePeriod, level, countryCode, regionCode, oldLaCode, newLaCode] = ["time_period", "geographic_level", "country_code", "region_code", "old_la_code", "new_la_code"].map(trimmedCells);
  const periodOf = cachedTimePeriods();
  const recodes = new Map<string, number>();
  const singleLas = new Map<string, Map<string, SingleLa>>(); // old code → new code → its LA (rows of one LA repeat over a file)
  let otherLevels = 0;
  for (let i = 0; i < csv.rowCount; i++) {
    const rowNo = i + 1;
    const tp = timePeriod(i);
    const period = periodOf(tp);
    if (period === undefined) {
      errors.push(new DataError({ file, row: rowNo, column: "time_period", value: tp, expected: "a year like 2015 or 201415" }));
      continue;
    }
    const levelName = level(i);
    if (levelName === "National") {
      const code = countryCode(i) || "E92000001";
      groups.add(period, `england|${code}`, () => ({ kind: "england", code }), i);
    } else if (levelName === "Regional") {
      const code = regionCode(i);
      if (code === "") {
        errors.push(new DataError({ file, row: rowNo, column: "region_code", value: code, expected: "a region code on a Regional row" }));
        continue;
      }
      groups.add(period, `region|${code}`, () => ({ kind: "region", code }), i);
    } else if (levelName === "Local authority") {
      const oldCode = oldLaCode(i);
      const newCode = newLaCode(i);
      const known = singleLas.get(oldCode)?.get(newCode);
      if (known !== undefined) {
        if (known.recode !== undefined) recodes.set(known.recode, (recodes.get(known.recode) ?? 0) + 1);
        groups.add(period, known.key, known.geography, i);
        continue;
      }
      const la = localAuthorityGeography(oldCode, newCode, rowNo, { file, areas, log, errors, recodes });
      if (la === undefined || la.kind !== "la") continue;
      const key = `la|${la.laCodes.join("+")}`;
      if (!la.shared) {
        // as localAuthorityGeography counted it: a new code given and not the canonical one (AreaIndex.resolve's `recoded`)
        const recode = newCode !== "" && newCode !== la.laCodes[0] ? `${newCode} → ${la.laCodes[0]}` : undefined;
        let byNew = singleLas.get(oldCode);
        if (byNew === undefined) singleLas.set(oldCode, (byNew = new Map()));
        byNew.set(newCode, { geography: la, key, recode });
      }
      groups.add(period, key, la, i);
    } else {
      otherLevels++;
    }
  }
  if (otherLevels > 0) log.add({ action: "dropped", file, rule: "geographic level other than National, Regional or Local authority", count: otherLevels });
  for (const [value, count] of recodes) log.add({ action: "recoded", file, rule: "ONS code replaced by the LA's canonical (latest) code", value, count });
  if (errors.length > 0) throw new DataErrors(errors, `readEesTable(${path.basename(file)})`);
  table.groups = groups.list;
  return table;
}

/** {@link parseTimePeriod} parsing each distinct label once (a file repeats a dozen labels over its rows). */
function cachedTimePeriods(): (tp: string) => number | undefined {
  const periods = new Map<string, number | undefined>();
  return (tp) => {
    if (!periods.has(tp)) periods.set(tp, parseTimePeriod(tp));
    return periods.get(tp);
  };
}

export function referenceApplyEesMappings(table: EesTable, mappings: readonly EesMapping[], areas: AreaIndex, log: ImportLog): EesImport {
  const base = path.basename(table.file);
  const used = mappings.filter((m) => m.file.test(base));
  const file = table.file;
  const errors: DataError[] = [];
  checkMappingColumns(table, used, errors);
  if (errors.length > 0) throw new DataErrors(errors, `applyEesMappings(${base})`);
  const rowsOf = selectorRowsByGroup(table);
  const out: EesRowsOut = { indicators: [], benchmarks: [], outside: 0, shared: 0, benchmarkRows: 0 };
  const absent = new Map<string, number>();
  const ctx = { file, areas, log };
  for (let gi = 0; gi < table.groups.length; gi++) {
    const g = table.groups[gi];
    for (const m of used) {
      const value = pickCell(table, rowsOf(m.value, gi), m, m.value, errors);
      if (value === null) {
        absent.set(m.indicator, (absent.get(m.indicator) ?? 0) + 1);
        continue;
      }
      const num = m.numerator === undefined ? undefined : pickCell(table, rowsOf(m.numerator, gi), m, m.numerator, errors);
      const den = m.denominator === undefined ? undefined : pickCell(table, rowsOf(m.denominator, gi), m, m.denominator, errors);
      checkCount(m.numerator, num, file, errors);
      checkCount(m.denominator, den, file, errors);
      if (m.valueFromCounts !== undefined) value.parsed = valueFromCounts(m.valueFromCounts, num?.parsed, den?.parsed);
      emitRows(g, m, value, num?.parsed.value ?? null, den?.parsed.value ?? null, ctx, out);
    }
  }
  if (errors.length > 0) throw new DataErrors(errors, `applyEesMappings(${base})`);
  if (out.outside > 0) log.add({ action: "dropped", file, rule: "placeholder rows (symbol only) for an LA outside its lifespan (REORGANISATION_RULES)", count: out.outside });
  if (out.shared > 0) log.add({ action: "merged", file, rule: "joint row attached to each member LA as a shared rate (SHARED_SERVICE_RULES)", count: out.shared });
  if (out.benchmarkRows > 0) log.add({ action: "benchmark", file, rule: "National and Regional rows written to benchmarks.csv", count: out.benchmarkRows });
  for (const [ind, count] of absent) log.add({ action: "warning", file, rule: "no row matches the mapping's filter for this period and geography", column: ind, count });
  return { indicators: out.indicators, benchmarks: out.benchmarks, mappings: used };
}

/** A count picked for a numerator or denominator must be a count (countProblem); a DataError naming its cell otherwise. */
function checkCount(sel: CellSelector | undefined, cell: { parsed: ParsedCell; row: number } | null | undefined, file: string, errors: DataError[]): void {
  if (sel === undefined || cell === null || cell === undefined || cell.parsed.value === null) return;
  const bad = countProblem(cell.parsed.value, sel.column);
  if (bad !== undefined) errors.push(new DataError({ file, row: cell.row, column: sel.column, value: String(cell.parsed.value), expected: bad }));
}

/** Every column a mapping reads (cells, filters, release version) is in the file; computed values have both counts. */
function checkMappingColumns(table: EesTable, used: readonly EesMapping[], errors: DataError[]): void {
  const file = table.file;
  for (const m of used) {
    for (const sel of [m.value, m.numerator, m.denominator]) {
      if (sel === undefined) continue;
      for (const c of [sel.column, ...Object.keys(sel.where ?? {})]) {
        if (!table.column.has(c)) errors.push(new DataError({ file, row: 0, column: c, expected: `a column named ${c} (mapping for ${m.indicator})` }));
      }
    }
    if (m.versions !== undefined && !table.column.has(m.versions.column)) {
      errors.push(new DataError({ file, row: 0, column: m.versions.column, expected: `a column named ${m.versions.column} (release version, mapping for ${m.indicator})` }));
    }
    if (m.valueFromCounts !== undefined && (m.numerator === undefined || m.denominator === undefined)) {
      errors.push(new DataError({ file, row: 0, column: m.value.column, expected: `a numerator and a denominator for ${m.indicator} (its value is computed from counts)` }));
    }
  }
}

/** The rows of each group that a selector's filter matches (ascending, as in the group), by group index. */
type RowsByGroup = (sel: CellSelector, groupIndex: number) => readonly number[];

const NO_ROWS: readonly number[] = [];

/**
 * Which rows of each group match each selector's filter, found once per file rather than by scanning a
 * group's rows once per group, mapping and selector: the rows are indexed once per set of filter columns by
 * their trimmed values, and each distinct filter's matches are split by group. A selector without a filter
 * matches every row of the group.
 */
function selectorRowsByGroup(table: EesTable): RowsByGroup {
  const groupOf = new Int32Array(table.csv.rowCount).fill(-1);
  table.groups.forEach((g, gi) => {
    for (const ri of g.rows) groupOf[ri] = gi;
  });
  const byColumns = new Map<string, Map<string, number[]>>(); // filter columns → their values → rows in a group
  const rowsWithValues = (columns: readonly string[]) => {
    const key = columns.join("\u0000");
    let index = byColumns.get(key);
    if (index === undefined) {
      index = new Map();
      const cells = columns.map((c) => eesCells(table, c));
      for (let ri = 0; ri < groupOf.length; ri++) {
        if (groupOf[ri] < 0) continue;
        const values = cells.length === 1 ? cells[0][ri].trim() : cells.map((c) => c[ri].trim()).join("\u0000");
        const list = index.get(values);
        if (list === undefined) index.set(values, [ri]);
        else list.push(ri);
      }
      byColumns.set(key, index);
    }
    return index;
  };
  const byFilter = new Map<string, (readonly number[] | undefined)[]>();
  const bySelector = new Map<CellSelector, (readonly number[] | undefined)[] | null>();
  return (sel, groupIndex) => {
    let perGroup = bySelector.get(sel);
    if (perGroup === undefined) {
      const where = Object.entries(sel.where ?? {});
      if (where.length === 0) perGroup = null;
      else {
        const columns = where.map(([c]) => c);
        const values = where.map(([, v]) => v).join("\u0000");
        const key = `${columns.join("\u0000")}\u0001${values}`;
        perGroup = byFilter.get(key);
        if (perGroup === undefined) {
          const split: number[][] = new Array(table.groups.length);
          for (const ri of rowsWithValues(columns).get(values) ?? NO_ROWS) (split[groupOf[ri]] ??= []).push(ri);
          byFilter.set(key, (perGroup = split));
        }
      }
      bySelector.set(sel, perGroup);
    }
    return perGroup === null ? table.groups[groupIndex].rows : (perGroup[groupIndex] ?? NO_ROWS);
  };
}

/**
 * The one cell a selector picks in a group (period × geography) among the group's rows matching its filter
 * (`candidates`): that row (the most final release version where the mapping names versions), parsed. Null after a DataError (two rows match, a bad
 * version or cell) or when no row matches.
 */
function pickCell(table: EesTable, candidates: readonly number[], m: EesMapping, sel: CellSelector, errors: DataError[]): { parsed: ParsedCell; row: number } | null {
  const file = table.file;
  let found: number | undefined;
  let foundRank = Infinity;
  const versions = m.versions === undefined ? undefined : eesCells(table, m.versions.column);
  for (const ri of candidates) {
    if (m.versions !== undefined) {
      const version = (versions as readonly string[])[ri].trim();
      const rank = m.versions.order.indexOf(version);
      if (rank < 0) {
        errors.push(new DataError({ file, row: ri + 1, column: m.versions.column, value: version, expected: `one of ${m.versions.order.join(", ")}` }));
        return null;
      }
      if (found !== undefined && rank !== foundRank) {
        if (rank < foundRank) {
          found = ri;
          foundRank = rank;
        }
        continue;
      }
      foundRank = rank;
    }
    if (found !== undefined) {
      errors.push(new DataError({ file, row: ri + 1, column: Object.keys(sel.where ?? {}).join("+") || "time_period+geography", value: Object.values(sel.where ?? {}).join(" | "), expected: `one row per period, geography and filter (also row ${found + 1})` }));
      return null;
    }
    found = ri;
  }
  if (found === undefined) return null;
  const raw = eesCells(table, sel.column)[found];
  const parsed = parseDfeCell(raw);
  if (parsed === undefined) {
    errors.push(new DataError({ file, row: found + 1, column: sel.column, value: raw, expected: "a number or a DfE symbol (c, x, z, low, k, u, :, blank)" }));
    return null;
  }
  return { parsed, row: found + 1 };
}

/** The rows {@link applyEesMappings} produces and what it counts for the log. */
interface EesRowsOut {
  indicators: IndicatorRow[];
  benchmarks: BenchmarkRow[];
  outside: number;
  shared: number;
  benchmarkRows: number;
}

/**
 * One mapped value of a group as rows: for an LA group one row per member LA (a joint row shared without
 * its counts; a placeholder outside an LA's lifespan dropped, a value there left to the import's lifespan rule), else a
 * benchmark row.
 */
function emitRows(g: EesGroup, m: EesMapping, value: { parsed: ParsedCell; row: number }, numerator: number | null, denominator: number | null, ctx: { file: string; areas: AreaIndex; log: ImportLog }, out: EesRowsOut): void {
  const period = g.period + (m.periodOffset ?? 0);
  if (g.geography.kind !== "la") {
    out.benchmarkRows++;
    out.benchmarks.push({ geography: g.geography.kind, code: g.geography.code, period, indicator: m.indicator, value: value.parsed.value, numerator, denominator, status: value.parsed.status });
    return;
  }
  const isShared = g.geography.shared;
  for (const laCode of g.geography.laCodes) {
    const area = ctx.areas.get(laCode);
    if (area !== undefined && !areaExistsIn(area, period) && value.parsed.value === null) {
      out.outside++;
      continue;
    }
    if (isShared) out.shared++;
    out.indicators.push({
      la_code: laCode,
      period,
      indicator: m.indicator,
      value: value.parsed.value,
      numerator: isShared ? null : numerator,
      denominator: isShared ? null : denominator,
      status: value.parsed.status,
    });
  }
}

/** A single LA's geography as resolved from a row's codes, its group key, and the re-coding it counts (if any). */
interface SingleLa {
  geography: EesGeography;
  key: string;
  recode: string | undefined;
}

/** The groups of an EES file in order of first row, found by period and geography key without a joined key per row. */
class EesGroups {
  readonly list: EesGroup[] = [];
  private readonly byPeriod = new Map<number, Map<string, EesGroup>>();

  /**
   * Add row `i` to the group of (period, geography key), made with `geography` (or what `geography()` gives)
   * on the key's first row.
   * @example
   * groups.add(2015, "la|E09000007", () => ({ kind: "la", laCodes: ["E09000007"], shared: false }), 0)
   */
  add(period: number, key: string, geography: EesGeography | (() => EesGeography), i: number): void {
    let byKey = this.byPeriod.get(period);
    if (byKey === undefined) this.byPeriod.set(period, (byKey = new Map()));
    const g = byKey.get(key);
    if (g !== undefined) {
      g.rows.push(i);
      return;
    }
    const made: EesGroup = { period, geography: typeof geography === "function" ? geography() : geography, rows: [i] };
    byKey.set(key, made);
    this.list.push(made);
  }
}

