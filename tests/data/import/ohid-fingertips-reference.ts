/**
 * The OHID Fingertips importer as it was before it read by column (commit 9065b7a, lib/data/import/ohid-fingertips.ts):
 * parseCsv rows, a string per cell. Kept here only to tie the faster importOhid to it (ohid-fingertips.test.ts).
 */
import * as path from "node:path";
import { DataError, DataErrors } from "../../../lib/errors";
import { parseCsv, requireColumns } from "../../../lib/data/csv";
import type { BenchmarkRow, IndicatorRow } from "../../../lib/data/types";
import { UNKNOWN_LA_RULE, type AreaIndex } from "../../../lib/data/import/areas";
import type { ImportLog } from "../../../lib/data/import/import-log";
import type { OhidMapping } from "../../../lib/data/import/mappings";
import { parseDfeCell } from "../../../lib/data/import/symbols";
import { NoteAreas, OHID_NOTE_RULE } from "../../../lib/data/import/ohid-fingertips";

/** Columns a Fingertips export must have. */
const OHID_COLUMNS = ["Indicator ID", "Area Code", "Area Type", "Sex", "Age", "Category Type", "Time period", "Value", "Count", "Denominator", "Value note"] as const;

/**
 * Year ending March of a Fingertips financial-year label.
 * @example
 * ohidPeriod("2023/24") // 2024
 * ohidPeriod("2023")    // undefined
 */
function ohidPeriod(label: string): number | undefined {
  const m = /^(\d{4})\/(\d{2})$/.exec(label.trim());
  if (m === null || (Number(m[1]) + 1) % 100 !== Number(m[2])) return undefined;
  return Number(m[1]) + 1;
}

/** Value, Count and Denominator of a row (blank = missing), or undefined after a DataError for a cell that is not a number. */
function ohidNumbers(row: readonly string[], at: OhidColumnAt, file: string, rowNo: number, errors: DataError[]): Record<"Value" | "Count" | "Denominator", number | null> | undefined {
  const cells: Record<"Value" | "Count" | "Denominator", number | null> = { Value: null, Count: null, Denominator: null };
  for (const c of NUMBER_COLUMNS) {
    const raw = row[at[c]].trim();
    const parsed = parseDfeCell(raw, BLANK_NOT_AVAILABLE);
    if (parsed === undefined) {
      errors.push(new DataError({ file, row: rowNo, column: c, value: raw, expected: "a number or a blank cell" }));
      return undefined;
    }
    cells[c] = parsed.value;
  }
  return cells;
}

const NUMBER_COLUMNS = ["Value", "Count", "Denominator"] as const;
/** The only symbol of a Fingertips number cell: blank, not available. */
const BLANK_NOT_AVAILABLE: Readonly<Record<string, string>> = Object.freeze({ "": "not-available:blank" });

/** Columns of a Fingertips export by name (positions in its header). */
type OhidColumnAt = Readonly<Record<(typeof OHID_COLUMNS)[number], number>>;

function countKey(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** The mapping a row is imported with, or undefined after counting why not (another indicator, a category breakdown, another sex or age). */
function mappingOfRow(r: readonly string[], at: OhidColumnAt, mappingOf: ReadonlyMap<string, OhidMapping>, notImported: Map<string, number>): OhidMapping | undefined {
  const id = r[at["Indicator ID"]].trim();
  const m = mappingOf.get(id);
  if (m === undefined) {
    countKey(notImported, `indicator ${id} (no entry in OHID_MAPPINGS)`);
    return undefined;
  }
  const category = r[at["Category Type"]].trim();
  if (category !== "") {
    countKey(notImported, `category breakdown (${category})`);
    return undefined;
  }
  if (r[at.Sex].trim() !== m.sex || r[at.Age].trim() !== m.age) {
    countKey(notImported, `sex/age other than ${m.sex}, ${m.age}`);
    return undefined;
  }
  return m;
}

/** Two rows with the same value, numerator and denominator (England listed twice by Fingertips). */
function sameNumbers(a: BenchmarkRow, b: BenchmarkRow): boolean {
  return a.value === b.value && a.numerator === b.numerator && a.denominator === b.denominator;
}

/**
 * Import the mapped indicators of one Fingertips export.
 * @throws DataError for a missing column; DataErrors for bad periods or cells and duplicate LA-periods
 * @example
 * importOhid(fs.readFileSync("la_hospital_admissions_2324.csv", "utf8"), "la_hospital_admissions_2324.csv", OHID_MAPPINGS, areas, log).indicators.length
 */
export function referenceImportOhid(
  text: string,
  file: string,
  mappings: readonly OhidMapping[],
  areas: AreaIndex,
  log: ImportLog,
): { indicators: IndicatorRow[]; benchmarks: BenchmarkRow[]; mappings: OhidMapping[] } {
  const base = path.basename(file);
  const used = mappings.filter((m) => m.file.test(base));
  const csv = parseCsv(text, file);
  const col = requireColumns(csv, OHID_COLUMNS);
  const at = Object.fromEntries(OHID_COLUMNS.map((c) => [c, col.get(c) as number])) as OhidColumnAt;
  const get = (r: string[], c: (typeof OHID_COLUMNS)[number]) => r[at[c]].trim();
  const errors: DataError[] = [];
  const indicators: IndicatorRow[] = [];
  const benchmarks: BenchmarkRow[] = [];
  const seen = new Map<string, number>();
  const england = new Map<string, { row: BenchmarkRow; rowNo: number }>();
  let englandRepeats = 0;
  const notImported = new Map<string, number>();
  const notes = new Map<string, number>();
  const noteAreas = new NoteAreas(); // where and when the imported rows with each note are
  const mappingOf = new Map<string, OhidMapping>(); // the first mapping of each indicator ID, as used.find gives it
  for (const x of used) if (!mappingOf.has(x.indicatorId)) mappingOf.set(x.indicatorId, x);
  for (let i = 0; i < csv.rows.length; i++) {
    const r = csv.rows[i];
    const rowNo = i + 1;
    const m = mappingOfRow(r, at, mappingOf, notImported);
    if (m === undefined) continue;
    const period = ohidPeriod(get(r, "Time period"));
    if (period === undefined) {
      errors.push(new DataError({ file, row: rowNo, column: "Time period", value: get(r, "Time period"), expected: "a financial year like 2023/24" }));
      continue;
    }
    const cells = ohidNumbers(r, at, file, rowNo, errors);
    if (cells === undefined) continue;
    const status = cells.Value === null ? "not-available:blank" : "";
    if (get(r, "Value note") !== "") countKey(notes, get(r, "Value note"));
    const areaType = get(r, "Area Type");
    if (areaType === "England") {
      // Fingertips lists England twice (as an area and as the parent of the LAs): identical rows are one row
      const row: BenchmarkRow = { geography: "england", code: get(r, "Area Code"), period, indicator: m.indicator, value: cells.Value, numerator: cells.Count, denominator: cells.Denominator, status };
      const prev = england.get(`${row.code}|${period}|${m.indicator}`);
      if (prev === undefined) {
        england.set(`${row.code}|${period}|${m.indicator}`, { row, rowNo });
        benchmarks.push(row);
        noteAreas.add(get(r, "Value note"), "England", period);
      } else if (sameNumbers(prev.row, row)) englandRepeats++;
      else errors.push(new DataError({ file, row: rowNo, column: "Value", value: String(row.value), expected: `the same England value as row ${prev.rowNo} (${prev.row.value}) for ${get(r, "Time period")}` }));
      continue;
    }
    if (!/^Counties & UAs/.test(areaType)) {
      countKey(notImported, `area type ${areaType}`);
      continue;
    }
    const res = areas.resolve("", get(r, "Area Code"));
    if (res === undefined) {
      log.add({ action: "warning", file, rule: UNKNOWN_LA_RULE, row: rowNo, column: "Area Code", value: get(r, "Area Code") });
      continue;
    }
    const key = `${res.laCode}|${period}|${m.indicator}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      errors.push(new DataError({ file, row: rowNo, column: "Area Code+Time period", value: `${get(r, "Area Code")}, ${get(r, "Time period")}`, expected: `one row per LA and period (also row ${prev})` }));
      continue;
    }
    seen.set(key, rowNo);
    if (res.recoded) log.add({ action: "recoded", file, rule: "ONS code replaced by the LA's canonical (latest) code", row: rowNo, value: `${get(r, "Area Code")} → ${res.laCode}` });
    indicators.push({ la_code: res.laCode, period, indicator: m.indicator, value: cells.Value, numerator: cells.Count, denominator: cells.Denominator, status });
    noteAreas.add(get(r, "Value note"), res.laCode, period);
  }
  if (errors.length > 0) throw new DataErrors(errors, `importOhid(${base})`);
  for (const [rule, n] of notImported) log.add({ action: "dropped", file, rule: `OHID rows not imported: ${rule}`, count: n });
  for (const [note, n] of notes) log.add({ action: "warning", file, rule: OHID_NOTE_RULE, value: note, count: n, detail: noteAreas.detail(note) });
  if (benchmarks.length > 0) log.add({ action: "benchmark", file, rule: "England rows written to benchmarks.csv", count: benchmarks.length });
  if (englandRepeats > 0) log.add({ action: "merged", file, rule: "England row repeated with identical values (Fingertips lists England as an area and as the LAs' parent): kept once", count: englandRepeats });
  return { indicators, benchmarks, mappings: used };
}
