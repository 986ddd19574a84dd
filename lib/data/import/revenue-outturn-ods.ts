/**
 * MHCLG local authority revenue outturn workbooks (RO3 social care, RSX service expenditure summary; .ods,
 * "data by LA") → spending indicators, driven by {@link FINANCE_MAPPINGS}.
 *
 * Rules:
 * - A workbook is a revenue outturn workbook if it has a sheet `RO3_LA_Data_YYYYYY` or `RSX_LA_Data_YYYYYY`
 *   ({@link revenueOutturnSheet}); `YYYYYY` (e.g. 202425) is the financial year, period = its second year (2025).
 * - The header row is the row whose first cells are `E-code`, `ONS Code`, `Local authority`; data rows follow
 *   until the next such header (the second table, totals by class of authority). Columns are found by the start of their header text; a mapped
 *   column that is absent, or present twice, is a DataError.
 * - Rows with class `Eng` are England (benchmarks); rows whose ONS code is an LA in the areas table are LAs;
 *   other authorities (shire districts, police, fire, …) are counted in the log, not imported.
 * - Cells are numbers (£ thousand) or the publication symbols `[x]` (not available: no return) and `[z]`
 *   (not applicable); blank is not available. Anything else is a DataError naming file, row, column, value.
 * - An indicator is scale × numerator / denominator; the denominator may be the ONS 0–17 population of the
 *   period (`child_population_0_17` in context). A share of net expenditure outside 0–100 % (net income on a
 *   line) is not meaningful as a percentage: it is written as missing (`not-applicable`) and logged.
 */
import * as path from "node:path";
import { DataError, DataErrors } from "../../errors";
import type { BenchmarkRow, ContextRow, IndicatorRow } from "../types";
import type { AreaIndex } from "./areas";
import type { ImportLog } from "./import-log";
import { CHILD_POPULATION_DENOMINATOR, type FinanceMapping } from "./mappings";
import { readOdsSheets, type OdsColumnFilter } from "./spreadsheet/ods";
import { BLANK_STATUS, parseDfeCell, type ParsedCell } from "./symbols";

/** Symbols of the revenue outturn tables (GSS bracketed form). */
export const FINANCE_SYMBOLS: Readonly<Record<string, string>> = Object.freeze({
  "[x]": "not-available:[x]",
  "[z]": "not-applicable:[z]",
  "": BLANK_STATUS,
});

const SHEET = /^(RO3|RSX)_LA_Data_(\d{4})(\d{2})$/;

/**
 * The return and period of a revenue outturn workbook from its sheet names, or undefined.
 * @example
 * revenueOutturnSheet(["Front_Page", "Notes", "LA_drop-down", "RO3_LA_Data_202425"]) // { sheet: "RO3_LA_Data_202425", workbook: "RO3", period: 2025 }
 */
export function revenueOutturnSheet(sheets: readonly string[]): { sheet: string; workbook: "RO3" | "RSX"; period: number } | undefined {
  for (const s of sheets) {
    const m = SHEET.exec(s);
    if (m !== null && (Number(m[2]) + 1) % 100 === Number(m[3])) return { sheet: s, workbook: m[1] as "RO3" | "RSX", period: Number(m[2]) + 1 };
  }
  return undefined;
}

/** Whether a row is the header of a revenue outturn table (its first cells E-code, ONS Code, Local authority). */
function isOutturnHeader(r: readonly string[]): boolean {
  return r[0]?.trim() === "E-code" && r[1]?.trim() === "ONS Code" && r[2]?.trim() === "Local authority";
}

/**
 * The columns {@link readRevenueOutturn} reads from its sheet (the RO3 sheet has 497, of which it uses about
 * ten): the rows up to the first header row are read in full; after it, the codes and name (columns 1–3),
 * Class, and every column whose header starts with a mapped numerator or denominator. The key names the
 * mapped labels, so the workbook worker's read (ods-prefetch.ts) is used only for the same mappings.
 * @example
 * readOdsSheets(bytes, file, [sheet], revenueOutturnColumns(FINANCE_MAPPINGS.filter((m) => m.workbook === "RO3")))
 */
export function revenueOutturnColumns(mappings: readonly FinanceMapping[]): OdsColumnFilter {
  const labels = [...new Set(mappings.flatMap((m) => [m.numerator, m.denominator]))].filter((l) => l !== CHILD_POPULATION_DENOMINATOR);
  return {
    key: ["revenue outturn", ...labels].join("\u0000"),
    columnsAfter(row) {
      if (!isOutturnHeader(row)) return undefined;
      const header = row.map((h) => h.trim());
      return [0, 1, 2, header.indexOf("Class"), ...header.flatMap((h, i) => (labels.some((l) => h.startsWith(l)) ? [i] : []))];
    },
  };
}

/** One LA's (or England's) raw £ thousand cells of a workbook, by mapped header. */
export interface OutturnRow {
  code: string;
  geography: "la" | "england";
  row: number;
  cells: ReadonlyMap<string, ParsedCell>;
}

/**
 * Read the mapped columns of a revenue outturn workbook.
 * @param readAllColumns - read every column of the sheet, not only those used ({@link revenueOutturnColumns}):
 *   the same result, slower (for tests)
 * @throws DataError when the sheet, the header row or a mapped column is missing; DataErrors for bad cells
 * @example
 * readRevenueOutturn(fs.readFileSync("RO3_LA_Data_2024-25_data_by_LA.ods"), "RO3….ods", FINANCE_MAPPINGS, areas, log).period // 2025
 */
export function readRevenueOutturn(
  bytes: Uint8Array,
  file: string,
  sheetNames: readonly string[],
  mappings: readonly FinanceMapping[],
  areas: AreaIndex,
  log: ImportLog,
  readAllColumns = false,
): { workbook: "RO3" | "RSX"; period: number; rows: OutturnRow[]; mappings: FinanceMapping[] } {
  const found = revenueOutturnSheet(sheetNames);
  if (found === undefined) throw new DataError({ file, expected: "a sheet named RO3_LA_Data_YYYYYY or RSX_LA_Data_YYYYYY" });
  const used = mappings.filter((m) => m.workbook === found.workbook);
  const sheet = readOdsSheets(bytes, file, [found.sheet], readAllColumns ? undefined : revenueOutturnColumns(used))[0];
  const headerAt = sheet.rows.findIndex(isOutturnHeader);
  if (headerAt < 0) throw new DataError({ file, sheet: found.sheet, expected: "a header row starting E-code, ONS Code, Local authority" });
  const header = sheet.rows[headerAt].map((h) => h.trim());
  const classCol = header.indexOf("Class");
  const columns = new Map<string, number>();
  const errors: DataError[] = [];
  for (const label of new Set(used.flatMap((m) => [m.numerator, m.denominator]))) {
    if (label === CHILD_POPULATION_DENOMINATOR) continue;
    const at = header.flatMap((h, i) => (h.startsWith(label) ? [i] : []));
    if (at.length !== 1) errors.push(new DataError({ file, sheet: found.sheet, row: headerAt + 1, column: label, value: at.length === 0 ? undefined : `${at.length} columns`, expected: `one column whose header starts "${label}"` }));
    else columns.set(label, at[0]);
  }
  if (classCol < 0) errors.push(new DataError({ file, sheet: found.sheet, row: headerAt + 1, column: "Class", expected: "a column named Class" }));
  if (errors.length > 0) throw new DataErrors(errors, `readRevenueOutturn(${path.basename(file)})`);
  const rows: OutturnRow[] = [];
  const other = new Map<string, number>();
  for (let i = headerAt + 1; i < sheet.rows.length; i++) {
    const r = sheet.rows[i];
    if ((r[0] ?? "").trim() === "E-code") break; // the second table (totals by class) starts with its own header
    const ons = (r[1] ?? "").trim();
    const cls = (r[classCol] ?? "").trim();
    if (!/^E\d{8}$/.test(ons)) {
      if (r.some((c) => c.trim() !== "")) other.set(cls, (other.get(cls) ?? 0) + 1);
      continue;
    }
    let geography: "la" | "england";
    let code: string;
    if (cls === "Eng") {
      geography = "england";
      code = ons;
    } else {
      const res = areas.resolve("", ons);
      if (res === undefined) {
        other.set(cls, (other.get(cls) ?? 0) + 1);
        continue;
      }
      geography = "la";
      code = res.laCode;
    }
    const cells = new Map<string, ParsedCell>();
    for (const [label, c] of columns) {
      const raw = (r[c] ?? "").trim();
      const parsed = parseDfeCell(raw, FINANCE_SYMBOLS);
      if (parsed === undefined) errors.push(new DataError({ file, sheet: found.sheet, row: i + 1, column: header[c], value: raw, expected: "a number (£ thousand), [x], [z] or a blank cell" }));
      else cells.set(label, parsed);
    }
    rows.push({ code, geography, row: i + 1, cells });
  }
  if (errors.length > 0) throw new DataErrors(errors, `readRevenueOutturn(${path.basename(file)})`);
  for (const [cls, n] of other) log.add({ action: "dropped", file, rule: "authority that is not a children's services LA in the areas table (district, police, fire, …)", value: `class ${cls}`, count: n });
  return { workbook: found.workbook, period: found.period, rows, mappings: used };
}

/**
 * Spending indicators of one workbook: scale × numerator / denominator per LA (and England).
 * @param population - context rows with `child_population_0_17` (the denominator of per-child indicators)
 * @example
 * financeIndicators(readRevenueOutturn(…), context, "RO3….ods", log).indicators.filter((r) => r.indicator === "csc_spend_per_child")
 */
export function financeIndicators(
  outturn: { period: number; rows: readonly OutturnRow[]; mappings: readonly FinanceMapping[] },
  population: readonly ContextRow[],
  file: string,
  log: ImportLog,
): { indicators: IndicatorRow[]; benchmarks: BenchmarkRow[] } {
  const pop = new Map<string, number | null>();
  for (const c of population) if (c.variable === CHILD_POPULATION_DENOMINATOR && c.period === outturn.period) pop.set(c.la_code, c.value);
  const indicators: IndicatorRow[] = [];
  const benchmarks: BenchmarkRow[] = [];
  const outOfRange = new Map<string, string[]>();
  for (const m of outturn.mappings) {
    for (const r of outturn.rows) {
      if (r.geography === "england" && m.denominator === CHILD_POPULATION_DENOMINATOR) continue; // England's population is not in context
      const num = r.cells.get(m.numerator) as ParsedCell;
      const perChild = m.denominator === CHILD_POPULATION_DENOMINATOR;
      const denValue = perChild ? (pop.get(r.code) ?? null) : (r.cells.get(m.denominator) as ParsedCell).value;
      // a missing ONS population is named as population.ts names it; a missing cell's status always names its symbol
      const denStatus = perChild ? "not-available:population" : (r.cells.get(m.denominator) as ParsedCell).status;
      let value: number | null = null;
      let status = "";
      if (num.value === null) status = num.status;
      else if (denValue === null) status = denStatus;
      else if (denValue === 0) status = "not-applicable";
      else value = (m.scale * num.value) / denValue;
      if (value !== null && !perChild && (value < 0 || value > 100)) {
        outOfRange.set(m.indicator, [...(outOfRange.get(m.indicator) ?? []), `${r.code}: ${value.toFixed(1)}`]);
        value = null;
        status = "not-applicable";
      }
      const row = { period: outturn.period, indicator: m.indicator, value, numerator: null, denominator: perChild ? denValue : null, status };
      if (r.geography === "la") indicators.push({ la_code: r.code, ...row });
      else benchmarks.push({ geography: "england", code: r.code, ...row });
    }
  }
  for (const [indicator, list] of outOfRange) {
    log.add({ action: "dropped", file, rule: "share of net expenditure outside 0–100 % (net income on a line): written as missing, not-applicable", column: indicator, value: list.slice(0, 20).join("; "), count: list.length });
  }
  if (benchmarks.length > 0) log.add({ action: "benchmark", file, rule: "England row written to benchmarks.csv", count: benchmarks.length });
  return { indicators, benchmarks };
}
