/**
 * OHID Fingertips indicator exports (public health profiles, e.g. `la_hospital_admissions_2324.csv`) →
 * indicator and benchmark rows, driven by {@link OHID_MAPPINGS}.
 *
 * Rules:
 * - A file is a Fingertips export if its header has `Indicator ID`, `Area Code`, `Area Type`, `Time period`
 *   and `Value` ({@link isOhidHeader}).
 * - Rows of the mapped indicator, sex and age with a blank `Category Type` are read; deprivation-decile
 *   rows (a `Category Type`) and other sexes are counted in the log, not imported.
 * - `Area Type` "England" → benchmark (Fingertips repeats England as the LAs' parent: identical repeats are kept
 *   once and counted, different ones are a DataError); "Counties & UAs…" → the LA with that ONS code (aliases re-coded);
 *   a code not in the areas table is a logged warning. Other area types are dropped and logged.
 * - `Time period` "2023/24" → period 2024 (financial year ending March); another form is a DataError.
 * - `Value`, `Count`, `Denominator` are numbers or blank (blank `Value` → not-available:blank, the `Value note`
 *   saying why is counted in the log); anything else is a DataError naming file, row, column and value.
 */
import * as path from "node:path";
import { DataError, DataErrors } from "../../errors";
import { requireColumns } from "../csv";
import type { BenchmarkRow, IndicatorRow } from "../types";
import { UNKNOWN_LA_RULE, damagedLaCode, type AreaIndex } from "./areas";
import { CsvColumns } from "./csv-columns";
import type { ImportLog, ImportLogEntry } from "./import-log";
import type { OhidMapping } from "./mappings";
import { BLANK_STATUS, parseDfeCell } from "./symbols";

/** Columns a Fingertips export must have. */
export const OHID_COLUMNS = ["Indicator ID", "Area Code", "Area Type", "Sex", "Age", "Category Type", "Time period", "Value", "Count", "Denominator", "Value note"] as const;

/**
 * Whether a CSV header is an OHID Fingertips indicator export.
 * @example
 * isOhidHeader(["Indicator ID", "Indicator Name", "Parent Code", "Area Code", "Area Type", "Time period", "Value"]) // true
 */
export function isOhidHeader(header: readonly string[]): boolean {
  return ["Indicator ID", "Area Code", "Area Type", "Time period", "Value"].every((c) => header.includes(c));
}

/**
 * Year ending March of a Fingertips financial-year label.
 * @example
 * ohidPeriod("2023/24") // 2024
 * ohidPeriod("2023")    // undefined
 */
export function ohidPeriod(label: string): number | undefined {
  const m = /^(\d{4})\/(\d{2})$/.exec(label.trim());
  if (m === null || (Number(m[1]) + 1) % 100 !== Number(m[2])) return undefined;
  return Number(m[1]) + 1;
}

/** Value, Count and Denominator of a row (blank = missing), or undefined after a DataError for a cell that is not a number. */
function ohidNumbers(cell: OhidCells, ri: number, file: string, rowNo: number, errors: DataError[]): Record<"Value" | "Count" | "Denominator", number | null> | undefined {
  const cells: Record<"Value" | "Count" | "Denominator", number | null> = { Value: null, Count: null, Denominator: null };
  for (const c of NUMBER_COLUMNS) {
    const raw = cell(ri, c);
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
/** The columns read as codes (few distinct texts over thousands of rows). */
const CODED_COLUMNS = ["Indicator ID", "Area Code", "Area Type", "Sex", "Age", "Category Type", "Time period", "Value note"] as const;
/** The only symbol of a Fingertips number cell: blank, not available. */
const BLANK_NOT_AVAILABLE: Readonly<Record<string, string>> = Object.freeze({ "": BLANK_STATUS });

/** Columns of a Fingertips export by name (positions in its header). */
type OhidColumnAt = Readonly<Record<(typeof OHID_COLUMNS)[number], number>>;

/** A row's cell of a named column, trimmed. */
type OhidCells = (ri: number, column: (typeof OHID_COLUMNS)[number]) => string;

/**
 * The trimmed cells of a Fingertips export: the columns of a few dozen distinct texts ({@link CODED_COLUMNS}) by
 * code, each text decoded and trimmed once; the number cells decoded one by one, on the rows imported.
 */
function ohidCells(csv: CsvColumns, at: OhidColumnAt): OhidCells {
  const byColumn = {} as Record<(typeof OHID_COLUMNS)[number], (ri: number) => string>;
  for (const c of OHID_COLUMNS) {
    if ((CODED_COLUMNS as readonly string[]).includes(c)) {
      const { codes, values } = csv.coded(at[c]);
      const trimmed = values.map((v) => v.trim());
      byColumn[c] = (ri) => trimmed[codes[ri]];
    } else {
      const reader = csv.reader(at[c]);
      byColumn[c] = (ri) => reader.text(ri).trim();
    }
  }
  return (ri, column) => byColumn[column](ri);
}

function countKey(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * The import log's rule for an OHID value note. The package keeps each value, not its note, so the log says where the
 * noted values are: Cornwall's hospital admissions are "Value for Cornwall and Isles of Scilly combined" (the log had
 * said "kept with the value", and Cornwall's profile showed the combined figure as its own with nothing to say so).
 */
export const OHID_NOTE_RULE = "OHID value note (the package keeps the values, not the note: read the values of these areas with it)";

const NOTE_AREAS_PREFIX = "areas: ";
const NOTE_PERIODS_SEPARATOR = "; periods: ";
const NO_NOTE_AREAS = `${NOTE_AREAS_PREFIX}none imported (rows of other area types)`;

/** The areas ("England", LA codes) and periods of the imported rows that carry each value note. */
export class NoteAreas {
  private readonly byNote = new Map<string, { areas: Set<string>; periods: Set<number> }>();

  /** Record that an imported row of `area` in `period` carries value note `note` (none when blank). */
  add(note: string, area: string, period: number): void {
    if (note === "") return;
    let at = this.byNote.get(note);
    if (at === undefined) this.byNote.set(note, (at = { areas: new Set(), periods: new Set() }));
    at.areas.add(area);
    at.periods.add(period);
  }

  /**
   * The log entry's detail for a note: the areas of its imported rows (England first, then LA codes in order) and
   * their periods.
   * @example noteAreas.detail("Value for Cornwall and Isles of Scilly combined") // "areas: E06000052, E06000053; periods: 2011, …, 2024"
   */
  detail(note: string): string {
    const at = this.byNote.get(note);
    if (at === undefined) return NO_NOTE_AREAS;
    const areas = [...at.areas].sort((a, b) => (a === "England" ? -1 : b === "England" ? 1 : a < b ? -1 : a > b ? 1 : 0));
    return `${NOTE_AREAS_PREFIX}${areas.join(", ")}${NOTE_PERIODS_SEPARATOR}${[...at.periods].sort((a, b) => a - b).join(", ")}`;
  }
}

/** A source's note on some of its values, and the areas ("England", LA codes) whose imported values it is about. */
export interface ValueNote {
  file: string;
  note: string;
  areas: string[];
  periods: number[];
}

/**
 * The value notes of an import's log (OHID's, as {@link NoteAreas} wrote them), for the package's provenance: a
 * profile says which of its LA's values a note is about (Cornwall's hospital admissions are Cornwall's and the Isles
 * of Scilly's together).
 * @example valueNotesOfLog(log.entries())[0] // { file: "la_hospital_admissions_2324.csv", note: "Value for Cornwall and Isles of Scilly combined", areas: ["E06000052", "E06000053"], periods: [2011, …] }
 */
export function valueNotesOfLog(entries: readonly ImportLogEntry[]): ValueNote[] {
  return entries
    .filter((e) => e.rule === OHID_NOTE_RULE && e.value !== undefined && e.detail !== undefined && e.detail !== NO_NOTE_AREAS && e.detail.startsWith(NOTE_AREAS_PREFIX))
    .map((e) => {
      const [areas, periods] = e.detail!.slice(NOTE_AREAS_PREFIX.length).split(NOTE_PERIODS_SEPARATOR);
      return { file: path.basename(e.file), note: e.value!, areas: areas.split(", "), periods: periods.split(", ").map(Number) };
    });
}

/** The mapping a row is imported with, or undefined after counting why not (another indicator, a category breakdown, another sex or age). */
function mappingOfRow(cell: OhidCells, ri: number, mappingOf: ReadonlyMap<string, OhidMapping>, notImported: Map<string, number>): OhidMapping | undefined {
  const id = cell(ri, "Indicator ID");
  const m = mappingOf.get(id);
  if (m === undefined) {
    countKey(notImported, `indicator ${id} (no entry in OHID_MAPPINGS)`);
    return undefined;
  }
  const category = cell(ri, "Category Type");
  if (category !== "") {
    countKey(notImported, `category breakdown (${category})`);
    return undefined;
  }
  if (cell(ri, "Sex") !== m.sex || cell(ri, "Age") !== m.age) {
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
export function importOhid(
  text: string | Uint8Array,
  file: string,
  mappings: readonly OhidMapping[],
  areas: AreaIndex,
  log: ImportLog,
): { indicators: IndicatorRow[]; benchmarks: BenchmarkRow[]; mappings: OhidMapping[] } {
  const base = path.basename(file);
  const used = mappings.filter((m) => m.file.test(base));
  const wanted = (header: readonly string[]) => OHID_COLUMNS.map((c) => header.indexOf(c)).filter((p) => p >= 0);
  const csv = typeof text === "string" ? CsvColumns.parse(text, file, wanted) : CsvColumns.parseBytes(text, file, wanted);
  const col = requireColumns({ file, header: [...csv.header], rows: [] }, OHID_COLUMNS);
  const at = Object.fromEntries(OHID_COLUMNS.map((c) => [c, col.get(c) as number])) as OhidColumnAt;
  const get = ohidCells(csv, at);
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
  for (let i = 0; i < csv.rowCount; i++) {
    const rowNo = i + 1;
    const m = mappingOfRow(get, i, mappingOf, notImported);
    if (m === undefined) continue;
    const period = ohidPeriod(get(i, "Time period"));
    if (period === undefined) {
      errors.push(new DataError({ file, row: rowNo, column: "Time period", value: get(i, "Time period"), expected: "a financial year like 2023/24" }));
      continue;
    }
    const cells = ohidNumbers(get, i, file, rowNo, errors);
    if (cells === undefined) continue;
    const status = cells.Value === null ? BLANK_STATUS : "";
    if (get(i, "Value note") !== "") countKey(notes, get(i, "Value note"));
    const areaType = get(i, "Area Type");
    if (areaType === "England") {
      // Fingertips lists England twice (as an area and as the parent of the LAs): identical rows are one row
      const row: BenchmarkRow = { geography: "england", code: get(i, "Area Code"), period, indicator: m.indicator, value: cells.Value, numerator: cells.Count, denominator: cells.Denominator, status };
      const prev = england.get(`${row.code}|${period}|${m.indicator}`);
      if (prev === undefined) {
        england.set(`${row.code}|${period}|${m.indicator}`, { row, rowNo });
        benchmarks.push(row);
        noteAreas.add(get(i, "Value note"), "England", period);
      } else if (sameNumbers(prev.row, row)) englandRepeats++;
      else errors.push(new DataError({ file, row: rowNo, column: "Value", value: String(row.value), expected: `the same England value as row ${prev.rowNo} (${prev.row.value}) for ${get(i, "Time period")}` }));
      continue;
    }
    if (!/^Counties & UAs/.test(areaType)) {
      countKey(notImported, `area type ${areaType}`);
      continue;
    }
    const res = areas.resolve("", get(i, "Area Code"));
    if (res === undefined) {
      const damaged = damagedLaCode(file, rowNo, { "Area Code": get(i, "Area Code") });
      if (damaged !== undefined) errors.push(damaged);
      else log.add({ action: "warning", file, rule: UNKNOWN_LA_RULE, row: rowNo, column: "Area Code", value: get(i, "Area Code") });
      continue;
    }
    const key = `${res.laCode}|${period}|${m.indicator}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      errors.push(new DataError({ file, row: rowNo, column: "Area Code+Time period", value: `${get(i, "Area Code")}, ${get(i, "Time period")}`, expected: `one row per LA and period (also row ${prev})` }));
      continue;
    }
    seen.set(key, rowNo);
    if (res.recoded) log.add({ action: "recoded", file, rule: "ONS code replaced by the LA's canonical (latest) code", row: rowNo, value: `${get(i, "Area Code")} → ${res.laCode}` });
    indicators.push({ la_code: res.laCode, period, indicator: m.indicator, value: cells.Value, numerator: cells.Count, denominator: cells.Denominator, status });
    noteAreas.add(get(i, "Value note"), res.laCode, period);
  }
  if (errors.length > 0) throw new DataErrors(errors, `importOhid(${base})`);
  for (const [rule, n] of notImported) log.add({ action: "dropped", file, rule: `OHID rows not imported: ${rule}`, count: n });
  for (const [note, n] of notes) log.add({ action: "warning", file, rule: OHID_NOTE_RULE, value: note, count: n, detail: noteAreas.detail(note) });
  if (benchmarks.length > 0) log.add({ action: "benchmark", file, rule: "England rows written to benchmarks.csv", count: benchmarks.length });
  if (englandRepeats > 0) log.add({ action: "merged", file, rule: "England row repeated with identical values (Fingertips lists England as an area and as the LAs' parent): kept once", count: englandRepeats });
  return { indicators, benchmarks, mappings: used };
}
