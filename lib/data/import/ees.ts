/**
 * Explore Education Statistics (EES) open-data CSVs → indicator and benchmark rows, driven by the
 * declarative {@link EES_MAPPINGS} table (no code per file).
 *
 * Rules:
 * - A file is EES if its header has `time_period`, `geographic_level` and `old_la_code` or `new_la_code`
 *   ({@link isEesHeader}); a UTF-8 BOM is removed by the CSV reader.
 * - `geographic_level` "Local authority" rows become indicator rows (codes resolved to canonical codes by
 *   the areas index); "National" and "Regional" rows become benchmark rows; any other level is dropped
 *   and logged. Joint rows (`314 / 318`) follow the shared-service rules of areas.ts.
 * - Cells are numbers or DfE symbols (symbols.ts); anything else is a DataError naming file, row, column
 *   and value. Two rows for the same period, geography and filter values are a duplicate-key DataError.
 * - `time_period` is `YYYY` (year ending March) or `YYYYYY` (e.g. 201415 → 2015); a mapping's
 *   `periodOffset` is added (the workforce census rule).
 */
import * as path from "node:path";
import { DataError, DataErrors } from "../../errors";
import { requireUniqueColumns } from "../csv";
import type { BenchmarkRow, IndicatorRow } from "../types";
import { areaExistsIn, type AreaIndex } from "./areas";
import { CsvColumns, type CellReader, type CodedCells } from "./csv-columns";
import { EesCellPicker, NO_ROWS, trimmedEesCodes, type GroupRows } from "./ees-cells";
import { EesGroups, localAuthorityGeography, type EesGroup, type SingleLa } from "./ees-geography";
import type { ImportLog } from "./import-log";
import { INDICATOR_META, type CellSelector, type EesMapping } from "./mappings";
import { countProblem, type ParsedCell } from "./symbols";

/** Columns every EES file we import must have. */
export const EES_REQUIRED_COLUMNS = ["time_period", "geographic_level", "old_la_code", "new_la_code"] as const;

/**
 * Whether a CSV header is an EES open-data header.
 * @example
 * isEesHeader(["time_period", "time_identifier", "geographic_level", "new_la_code"]) // true
 */
export function isEesHeader(header: readonly string[]): boolean {
  return header.includes("time_period") && header.includes("geographic_level") && (header.includes("old_la_code") || header.includes("new_la_code"));
}

export type { EesGeography, EesGroup } from "./ees-geography";

/** A parsed EES file grouped by period and geography. */
export interface EesTable {
  file: string;
  /** The file's cells by column (the columns it was read for first; others are read when first asked for). */
  csv: CsvColumns;
  /** Trimmed header name → column position. */
  column: ReadonlyMap<string, number>;
  groups: EesGroup[];
}

/** The columns {@link readEesTable} reads: the required ones and the geography codes. */
const EES_GEOGRAPHY_COLUMNS = [...EES_REQUIRED_COLUMNS, "country_code", "region_code"] as const;

/**
 * Parse an EES CSV and group its rows by period and geography.
 * @param text - file contents, as text or as UTF-8 bytes (not decoded: see CsvColumns.parseBytes)
 * @param file - the file's path, for messages and mapping selection
 * @param areas - the areas index (LA codes are resolved through it)
 * @param log - receives dropped, re-coded and shared rows
 * @param alsoRead - columns to read with the geography's (e.g. {@link eesMappingColumns}); any other is read when first asked for
 * @throws DataErrors listing every bad time_period, unknown geographic level code, or missing required column
 * @example
 * readEesTable(fs.readFileSync("c1_….csv", "utf8"), "c1_….csv", areas, log).groups.length
 */
export function readEesTable(text: string | Uint8Array, file: string, areas: AreaIndex, log: ImportLog, alsoRead: readonly string[] = []): EesTable {
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
  const groups = groupEesRows(table, areas, log, errors);
  if (errors.length > 0) throw new DataErrors(errors, `readEesTable(${path.basename(file)})`);
  table.groups = groups;
  return table;
}

/** A named column's cell of data row i, trimmed ("" when the file has no such column). */
function trimmedEesCell(table: EesTable, name: string): (i: number) => string {
  const at = table.column.get(name);
  return at === undefined ? () => "" : (i) => table.csv.cell(at, i).trim();
}

/** What a `geographic_level` cell says: a benchmark geography, an LA, or another level (dropped). */
const enum Level {
  National,
  Regional,
  LocalAuthority,
  Other,
}

function levelOf(name: string): Level {
  return name === "National" ? Level.National : name === "Regional" ? Level.Regional : name === "Local authority" ? Level.LocalAuthority : Level.Other;
}

/** {@link periodsOf}'s mark of a label that is not a year (parseTimePeriod's years are 0–10000). */
const NOT_A_PERIOD = -1;

/**
 * The period of each time_period code ({@link NOT_A_PERIOD} when it is not a year), each label parsed once; held as
 * 32-bit integers, so a group's period is a small integer as parseTimePeriod gives it.
 */
function periodsOf(labels: readonly string[]): Int32Array {
  return Int32Array.from(labels, (tp) => parseTimePeriod(tp) ?? NOT_A_PERIOD);
}

/**
 * The rows of an EES table grouped by period and geography, in order of first row; errors (a bad time_period,
 * a Regional row without a region code, an LA code that is neither one LA nor a known joint one) pushed in row
 * order, and the dropped levels and re-coded LA codes logged. Work per distinct cell text (trimming, parsing a
 * period, resolving a pair of LA codes) is done once, by code. The loop over the rows is a function of its own
 * ({@link groupRows}): V8 optimises it alone, not with this function's set-up and logging inlined around it.
 */
function groupEesRows(table: EesTable, areas: AreaIndex, log: ImportLog, errors: DataError[]): EesGroup[] {
  const file = table.file;
  const timePeriod = trimmedEesCodes(table, "time_period");
  const level = trimmedEesCodes(table, "geographic_level");
  const rows: GroupingRows = {
    table,
    timePeriod,
    level,
    oldLaCode: trimmedEesCodes(table, "old_la_code"),
    newLaCode: trimmedEesCodes(table, "new_la_code"),
    // read on the few National and Regional rows only
    countryCode: trimmedEesCell(table, "country_code"),
    regionCode: trimmedEesCell(table, "region_code"),
    period: periodsOf(timePeriod.values),
    levels: level.values.map(levelOf),
    groups: new EesGroups(),
    recodes: new Map<string, number>(),
    areas,
    log,
    errors,
  };
  const otherLevels = groupRows(rows);
  if (otherLevels > 0) log.add({ action: "dropped", file, rule: "geographic level other than National, Regional or Local authority", count: otherLevels });
  for (const [value, count] of rows.recodes) log.add({ action: "recoded", file, rule: "ONS code replaced by the LA's canonical (latest) code", value, count });
  return rows.groups.list;
}

/** What {@link groupRows} reads (an EES table's geography columns as codes) and fills (the groups, recodes and errors). */
interface GroupingRows {
  table: EesTable;
  timePeriod: CodedCells;
  level: CodedCells;
  oldLaCode: CodedCells;
  newLaCode: CodedCells;
  countryCode: (i: number) => string;
  regionCode: (i: number) => string;
  /** The period of each time_period code ({@link periodsOf}). */
  period: Int32Array;
  /** The level of each geographic_level code. */
  levels: Level[];
  groups: EesGroups;
  /** `new code → canonical code` → rows re-coded. */
  recodes: Map<string, number>;
  areas: AreaIndex;
  log: ImportLog;
  errors: DataError[];
}

/** Add each row of the table to its group (or an error to `errors`); returns how many rows are of another level. */
function groupRows(x: GroupingRows): number {
  const { table, timePeriod, level, oldLaCode, newLaCode, period, levels, groups, recodes, errors } = x;
  const file = table.file;
  const singleLas = new Map<number, SingleLa>(); // (old code, new code) → its LA (rows of one LA repeat over a file)
  const newCodes = newLaCode.values.length;
  let otherLevels = 0;
  for (let i = 0; i < table.csv.rowCount; i++) {
    const rowNo = i + 1;
    const p = period[timePeriod.codes[i]];
    if (p === NOT_A_PERIOD) {
      errors.push(new DataError({ file, row: rowNo, column: "time_period", value: timePeriod.values[timePeriod.codes[i]], expected: "a year like 2015 or 201415" }));
      continue;
    }
    const levelName = levels[level.codes[i]];
    if (levelName === Level.National) {
      groups.add(p, groups.england(x.countryCode(i) || "E92000001"), i);
    } else if (levelName === Level.Regional) {
      const code = x.regionCode(i);
      if (code === "") {
        errors.push(new DataError({ file, row: rowNo, column: "region_code", value: code, expected: "a region code on a Regional row" }));
        continue;
      }
      groups.add(p, groups.region(code), i);
    } else if (levelName === Level.LocalAuthority) {
      const pair = oldLaCode.codes[i] * newCodes + newLaCode.codes[i];
      const known = singleLas.get(pair);
      if (known !== undefined) {
        if (known.recode !== undefined) recodes.set(known.recode, (recodes.get(known.recode) ?? 0) + 1);
        groups.add(p, known.place, i);
        continue;
      }
      const oldCode = oldLaCode.values[oldLaCode.codes[i]];
      const newCode = newLaCode.values[newLaCode.codes[i]];
      const la = localAuthorityGeography(oldCode, newCode, rowNo, { file, areas: x.areas, log: x.log, errors, recodes });
      if (la === undefined || la.kind !== "la") continue;
      const place = groups.place(`la|${la.laCodes.join("+")}`, la);
      if (!la.shared) {
        // as localAuthorityGeography counted it: a new code given and not the canonical one (AreaIndex.resolve's `recoded`)
        const recode = newCode !== "" && newCode !== la.laCodes[0] ? `${newCode} → ${la.laCodes[0]}` : undefined;
        singleLas.set(pair, { place, recode });
      }
      groups.add(p, place, i);
    } else {
      otherLevels++;
    }
  }
  return otherLevels;
}

/**
 * The columns the mappings that match a file's base name read (cells, filters, release version).
 * @example
 * eesMappingColumns("ees/cla/la_cla_placement_stability.csv", EES_MAPPINGS) // ["percentage", "cla_group", …]
 */
export function eesMappingColumns(file: string, mappings: readonly EesMapping[]): string[] {
  const base = path.basename(file);
  const columns = new Set<string>();
  for (const m of mappings) {
    if (!m.file.test(base)) continue;
    for (const sel of [m.value, m.numerator, m.denominator]) {
      if (sel === undefined) continue;
      columns.add(sel.column);
      for (const c of Object.keys(sel.where ?? {})) columns.add(c);
    }
    if (m.versions !== undefined) columns.add(m.versions.column);
  }
  return [...columns];
}

/** How {@link parseTimePeriod} reads EES and SFR `time_period`, in the words of datapackage.json `provenance.period_rules`. */
export const EES_PERIOD_RULE = "EES/SFR time_period YYYY is the year ending 31 March YYYY;";

/**
 * `YYYY` → YYYY; `YYYYYY` (e.g. 201415) → the second year (2015).
 * @example
 * parseTimePeriod("201415") // 2015
 */
export function parseTimePeriod(tp: string): number | undefined {
  if (/^\d{4}$/.test(tp)) return Number(tp);
  if (/^\d{6}$/.test(tp)) {
    const first = Number(tp.slice(0, 4));
    const second = Number(tp.slice(4));
    if ((first + 1) % 100 !== second) return undefined;
    return first + 1;
  }
  return undefined;
}

/** Result of applying mappings to one EES file. */
export interface EesImport {
  indicators: IndicatorRow[];
  benchmarks: BenchmarkRow[];
  mappings: EesMapping[];
}

/**
 * Apply every mapping whose file pattern matches `table.file` to the grouped rows.
 * @throws DataErrors listing missing columns, cells that are neither numbers nor known symbols, and
 *   duplicate keys (two rows with the same period, geography and filter values)
 * @example
 * applyEesMappings(readEesTable(text, file, areas, log), EES_MAPPINGS, areas, log).indicators.length
 */
export function applyEesMappings(table: EesTable, mappings: readonly EesMapping[], areas: AreaIndex, log: ImportLog): EesImport {
  const base = path.basename(table.file);
  const used = mappings.filter((m) => m.file.test(base));
  const file = table.file;
  const errors: DataError[] = [];
  checkMappingColumns(table, used, errors);
  if (errors.length > 0) throw new DataErrors(errors, `applyEesMappings(${base})`);
  const cells = new EesCellPicker(table);
  const out: EesRowsOut = { indicators: [], benchmarks: [], outside: 0, shared: 0, benchmarkRows: 0 };
  const absent = new Map<string, number>();
  const contradictions = new PercentContradictions();
  // each selector's rows by group and each cell column's reader, found before the loop over groups
  const plans: MappingPlan[] = used.map((m) => ({
    m,
    value: cells.rowsByGroup(m.value),
    valueCells: cells.reader(m.value.column),
    numerator: m.numerator && { rows: cells.rowsByGroup(m.numerator), cells: cells.reader(m.numerator.column), sel: m.numerator },
    denominator: m.denominator && { rows: cells.rowsByGroup(m.denominator), cells: cells.reader(m.denominator.column), sel: m.denominator },
  }));
  emitGroups({ table, plans, cells, ctx: { file, areas, log }, out, absent, contradictions, errors });
  if (errors.length > 0) throw new DataErrors(errors, `applyEesMappings(${base})`);
  if (out.outside > 0) log.add({ action: "dropped", file, rule: "placeholder rows (symbol only) for an LA outside its lifespan (REORGANISATION_RULES)", count: out.outside });
  if (out.shared > 0) log.add({ action: "merged", file, rule: "joint row attached to each member LA as a shared rate (SHARED_SERVICE_RULES)", count: out.shared });
  if (out.benchmarkRows > 0) log.add({ action: "benchmark", file, rule: "National and Regional rows written to benchmarks.csv", count: out.benchmarkRows });
  for (const [ind, count] of absent) log.add({ action: "warning", file, rule: "no row matches the mapping's filter for this period and geography", column: ind, count });
  contradictions.log(file, log);
  return { indicators: out.indicators, benchmarks: out.benchmarks, mappings: used };
}

/** A mapping with its selectors' rows by group and its cells' readers ({@link applyEesMappings}). */
interface MappingPlan {
  m: EesMapping;
  value: GroupRows;
  valueCells: CellReader;
  numerator: { rows: GroupRows; cells: CellReader; sel: CellSelector } | undefined;
  denominator: { rows: GroupRows; cells: CellReader; sel: CellSelector } | undefined;
}

/** What {@link emitGroups} reads and fills. */
interface GroupsToEmit {
  table: EesTable;
  plans: readonly MappingPlan[];
  cells: EesCellPicker;
  ctx: { file: string; areas: AreaIndex; log: ImportLog };
  out: EesRowsOut;
  /** Groups without a row for a mapping, by indicator. */
  absent: Map<string, number>;
  contradictions: PercentContradictions;
  errors: DataError[];
}

/**
 * Each group's value of each mapping as rows (errors to `errors`): the loop of {@link applyEesMappings}, a function
 * of its own so that V8 optimises it alone, not with the set-up and logging around it.
 */
function emitGroups(x: GroupsToEmit): void {
  const { table, plans, cells, ctx, out, absent, contradictions, errors } = x;
  const file = ctx.file;
  for (let gi = 0; gi < table.groups.length; gi++) {
    const g = table.groups[gi];
    for (const { m, value: valueRows, valueCells, numerator, denominator } of plans) {
      const row = cells.pick(rowsOfGroup(valueRows, g, gi), m, m.value, errors);
      if (row < 0 || !cells.read(valueCells, m.value.column, row, errors)) {
        absent.set(m.indicator, (absent.get(m.indicator) ?? 0) + 1);
        continue;
      }
      let value: ParsedCell = { value: cells.value, status: cells.status };
      const num = numerator === undefined ? undefined : pickCount(cells, numerator, g, gi, m, errors);
      const den = denominator === undefined ? undefined : pickCount(cells, denominator, g, gi, m, errors);
      checkCount(m.numerator, num, file, errors);
      checkCount(m.denominator, den, file, errors);
      if (m.valueFromCounts !== undefined) value = valueFromCounts(m.valueFromCounts, num ?? undefined, den ?? undefined);
      else if (g.geography.kind === "la") contradictions.check(m, row + 1, value.value, num?.value ?? null, den?.value ?? null);
      emitRows(g, m, value, num?.value ?? null, den?.value ?? null, ctx, out);
    }
  }
}

/** Most rows a {@link PercentContradictions} warning names (the count is of all). */
const CONTRADICTION_EXAMPLES = 5;

/**
 * Percentages more than rounding (0.5 points) from 100 × numerator / denominator of their own row, per indicator:
 * a fuzzed school-moves file's "1e2" was stored as 100 beside 68 of 691, its ".5" as 0.5 beside 58 of 471. A
 * warning, not an error: no official EES row disagrees, but 73 official rows of another source do (the derived SFR
 * file's cla_missing_pct 2015–2016, e.g. 5.9 beside 9 of 5,120), so a publisher's own figure can, and is kept.
 */
class PercentContradictions {
  private readonly byIndicator = new Map<string, { count: number; examples: string[] }>();

  check(m: EesMapping, row: number, value: number | null, numerator: number | null, denominator: number | null): void {
    if (value === null || numerator === null || denominator === null || !(denominator > 0) || INDICATOR_META[m.indicator]?.unit !== "percent") return;
    const fromCounts = (100 * numerator) / denominator;
    if (Math.abs(value - fromCounts) <= 0.5 + 1e-9) return;
    let found = this.byIndicator.get(m.indicator);
    if (found === undefined) this.byIndicator.set(m.indicator, (found = { count: 0, examples: [] }));
    found.count++;
    if (found.examples.length < CONTRADICTION_EXAMPLES) found.examples.push(`row ${row}: ${value} beside ${numerator} of ${denominator} (${fromCounts.toFixed(2)})`);
  }

  log(file: string, log: ImportLog): void {
    for (const [indicator, { count, examples }] of this.byIndicator) {
      log.add({ action: "warning", file, rule: "percentage more than rounding (0.5 points) from 100 × numerator / denominator of its own row: kept as published; check the file", column: indicator, value: examples.join("; "), count });
    }
  }
}

/** Group `g`'s (index `gi`) rows among a selector's rows by group. */
function rowsOfGroup(rows: GroupRows, g: EesGroup, gi: number): readonly number[] {
  return rows === null ? g.rows : (rows[gi] ?? NO_ROWS);
}

/** A numerator or denominator picked and read: its cell and (1-based) row; null when none is (no row, or a DataError). */
function pickCount(cells: EesCellPicker, count: { rows: GroupRows; cells: CellReader; sel: CellSelector }, g: EesGroup, gi: number, m: EesMapping, errors: DataError[]): (ParsedCell & { row: number }) | null {
  const row = cells.pick(rowsOfGroup(count.rows, g, gi), m, count.sel, errors);
  if (row < 0 || !cells.read(count.cells, count.sel.column, row, errors)) return null;
  return { value: cells.value, status: cells.status, row: row + 1 };
}

/** A count picked for a numerator or denominator must be a count (countProblem); a DataError naming its cell otherwise. */
function checkCount(sel: CellSelector | undefined, cell: (ParsedCell & { row: number }) | null | undefined, file: string, errors: DataError[]): void {
  if (sel === undefined || cell === null || cell === undefined || cell.value === null) return;
  const bad = countProblem(cell.value, sel.column);
  if (bad !== undefined) errors.push(new DataError({ file, row: cell.row, column: sel.column, value: String(cell.value), expected: bad }));
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
 * its counts; a placeholder outside an LA's lifespan dropped, a value there left to ./lifespans.ts), else a
 * benchmark row.
 */
function emitRows(g: EesGroup, m: EesMapping, value: ParsedCell, numerator: number | null, denominator: number | null, ctx: { file: string; areas: AreaIndex; log: ImportLog }, out: EesRowsOut): void {
  const period = g.period + (m.periodOffset ?? 0);
  if (g.geography.kind !== "la") {
    out.benchmarkRows++;
    out.benchmarks.push({ geography: g.geography.kind, code: g.geography.code, period, indicator: m.indicator, value: value.value, numerator, denominator, status: value.status });
    return;
  }
  const isShared = g.geography.shared;
  for (const laCode of g.geography.laCodes) {
    const area = ctx.areas.get(laCode);
    if (area !== undefined && !areaExistsIn(area, period) && value.value === null) {
      out.outside++;
      continue;
    }
    if (isShared) out.shared++;
    out.indicators.push({
      la_code: laCode,
      period,
      indicator: m.indicator,
      value: value.value,
      numerator: isShared ? null : numerator,
      denominator: isShared ? null : denominator,
      status: value.status,
    });
  }
}

/** The status of a value computed from counts when the file has no row for one of them (a named reason, never a bare `not-available:`). */
const COUNT_NOT_PUBLISHED = "not-available:no-count";

/**
 * A value computed from published counts: scale × numerator / denominator. A missing count passes its status
 * on (the numerator's first), a count with no row is `not-available:no-count`; a zero denominator gives a missing value, `not-applicable`.
 * @example
 * valueFromCounts(100, { value: 3, status: "" }, { value: 12, status: "" }) // { value: 25, status: "" }
 * valueFromCounts(100, { value: null, status: "suppressed:c" }, { value: 12, status: "" }) // { value: null, status: "suppressed:c" }
 */
export function valueFromCounts(scale: number, numerator: ParsedCell | undefined, denominator: ParsedCell | undefined): ParsedCell {
  if (numerator === undefined || numerator.value === null) return { value: null, status: numerator?.status || COUNT_NOT_PUBLISHED };
  if (denominator === undefined || denominator.value === null) return { value: null, status: denominator?.status || COUNT_NOT_PUBLISHED };
  if (denominator.value === 0) return { value: null, status: "not-applicable" };
  return { value: (scale * numerator.value) / denominator.value, status: "" };
}

/**
 * Describe a mapping in words for the catalogue's `source` and datapackage.json.
 * @example
 * describeMapping({ indicator: "x", file: /^c1.*\.csv$/, value: { column: "rereferral_percent" } }) // "c1*.csv: rereferral_percent"
 */
export function describeMapping(m: EesMapping): string {
  const sel = (s: CellSelector) => {
    const w = Object.entries(s.where ?? {}).map(([k, v]) => `${k}="${v}"`);
    return w.length === 0 ? s.column : `${s.column} where ${w.join(" and ")}`;
  };
  const pattern = m.file.source.replace(/^\^/, "").replace(/\.\*\\\.csv\$$/, "*.csv").replace(/\\\./g, ".");
  const parts = [m.valueFromCounts !== undefined && m.numerator && m.denominator ? `${pattern}: ${m.valueFromCounts} × ${sel(m.numerator)} / ${sel(m.denominator)}` : `${pattern}: ${sel(m.value)}`];
  if (m.versions) parts.push(`${m.versions.column}: ${m.versions.order.join(" > ")} (the most final of a period)`);
  if (m.numerator) parts.push(`numerator ${sel(m.numerator)}`);
  if (m.denominator) parts.push(`denominator ${sel(m.denominator)}`);
  if (m.periodOffset) parts.push(`period = time_period + ${m.periodOffset}`);
  return parts.join("; ");
}
