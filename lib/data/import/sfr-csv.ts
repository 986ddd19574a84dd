/**
 * Pre-EES Statistical First Release underlying CSVs (2013–2017; wide, one row per geography) → indicators
 * computed from counts by the declarative {@link SFR_MAPPINGS}: value = 100 × Σnumerator / Σdenominator.
 *
 * Geography: `geog_l` LA / REGION / NATIONAL, `geog_c` the DfE number, `New_geog_code` the ONS code.
 * Year: the file name's `YYYY__` prefix (year ending March). Symbols follow SFR conventions
 * ({@link SFR_SYMBOLS}: `x` withheld for confidentiality). A missing count makes the value missing with
 * that count's status; a zero denominator gives `not-applicable:zero-denominator`.
 */
import * as path from "node:path";
import { DataError, DataErrors } from "../../errors";
import { parseCsv, requireUniqueColumns } from "../csv";
import type { BenchmarkRow, IndicatorRow } from "../types";
import { UNKNOWN_LA_RULE, areaExistsIn, damagedLaCode, type AreaIndex } from "./areas";
import type { ImportLog } from "./import-log";
import { SFR_MAPPINGS, type SfrMapping } from "./mappings";
import { SFR_SYMBOLS, ZERO_DENOMINATOR_STATUS, countProblem, parseDfeCell } from "./symbols";

export const SFR_GEOGRAPHY_COLUMNS = ["New_geog_code", "geog_l", "geog_c", "geog_n"] as const;

/** SFR files give Inner and Outer London the London region code; they get their own ONS codes here. */
export const SFR_SUBREGION_CODES: Readonly<Record<string, string>> = Object.freeze({ "INNER LONDON": "E13000001", "OUTER LONDON": "E13000002" });

/**
 * Whether a header is an SFR underlying CSV's.
 * @example
 * isSfrHeader(["New_geog_code", "geog_l", "geog_c", "geog_n", "CLA_cease"]) // true
 */
export function isSfrHeader(header: readonly string[]): boolean {
  return SFR_GEOGRAPHY_COLUMNS.every((c) => header.includes(c));
}

/**
 * The mappings that apply to a file (by base name).
 * @example
 * sfrMappingsFor("2015__SFR34_CEA2015.csv")[0].indicator // "cla_returned_home_planned_pct"
 */
export function sfrMappingsFor(file: string, mappings: readonly SfrMapping[] = SFR_MAPPINGS): SfrMapping[] {
  const base = path.basename(file);
  return mappings.filter((m) => m.file.test(base));
}

type SfrTarget = { kind: "la"; laCode: string } | { kind: "england" | "region"; code: string };

/**
 * Which geography a row is (geog_l NATIONAL, REGION or LA, the LA resolved to its canonical code), or
 * undefined for a row not imported: an unknown LA (logged), a blank row, or a bad level (a DataError).
 */
function sfrTarget(r: readonly string[], get: (c: string) => string, areas: AreaIndex, at: { file: string; row: number; log: ImportLog; errors: DataError[] }): SfrTarget | undefined {
  const { file, row, log, errors } = at;
  const level = get("geog_l");
  if (level === "NATIONAL") return { kind: "england", code: get("New_geog_code") || "E92000001" };
  if (level === "REGION") return { kind: "region", code: SFR_SUBREGION_CODES[get("geog_n").toUpperCase()] ?? get("New_geog_code") };
  if (level === "LA") {
    const res = areas.resolve(get("geog_c"), get("New_geog_code"));
    if (res === undefined) {
      const damaged = damagedLaCode(file, row, { geog_c: get("geog_c"), New_geog_code: get("New_geog_code") });
      if (damaged !== undefined) errors.push(damaged);
      else log.add({ action: "warning", file, rule: UNKNOWN_LA_RULE, row, column: "geog_c/New_geog_code", value: `${get("geog_c")} / ${get("New_geog_code")}` });
      return undefined;
    }
    return { kind: "la", laCode: res.laCode };
  }
  if (r.every((c) => c.trim() === "")) return undefined;
  errors.push(new DataError({ file, row, column: "geog_l", value: level, expected: "LA, REGION or NATIONAL" }));
  return undefined;
}

/**
 * Sum of count columns: the total, or the first symbol's missing value (x, ., :, blank), or undefined after a
 * DataError for a cell that is neither a count nor a symbol.
 */
function sumCounts(cols: readonly string[], get: (c: string) => string, file: string, row: number, errors: DataError[]): { value: number | null; status: string } | undefined {
  let total = 0;
  for (const c of cols) {
    const p = parseDfeCell(get(c), SFR_SYMBOLS);
    if (p === undefined) {
      errors.push(new DataError({ file, row, column: c, value: get(c), expected: "a number or an SFR symbol (x, ., :, blank)" }));
      return undefined;
    }
    if (p.value === null) return p;
    const bad = countProblem(p.value, c);
    if (bad !== undefined) {
      errors.push(new DataError({ file, row, column: c, value: get(c), expected: bad }));
      return undefined;
    }
    total += p.value;
  }
  return { value: total, status: "" };
}

/**
 * Import one SFR underlying CSV.
 * @throws DataErrors for a missing column, a bad year prefix, an unknown cell or a duplicate geography
 * @example
 * importSfrCsv(text, "2015__SFR34_CEA2015.csv", areas, log).indicators[0].indicator // "cla_returned_home_planned_pct"
 */
export function importSfrCsv(
  text: string,
  file: string,
  areas: AreaIndex,
  log: ImportLog,
  mappings: readonly SfrMapping[] = SFR_MAPPINGS,
): { indicators: IndicatorRow[]; benchmarks: BenchmarkRow[]; mappings: SfrMapping[] } {
  const used = sfrMappingsFor(file, mappings);
  const base = path.basename(file);
  const year = /^(\d{4})__/.exec(base);
  if (year === null) throw new DataError({ file, value: base, expected: "a file name starting with the year, e.g. 2015__SFR34_CEA2015.csv" });
  const period = Number(year[1]);
  const csv = parseCsv(text, file);
  const trimmed = csv.header.map((h) => h.trim());
  const read = [...SFR_GEOGRAPHY_COLUMNS, ...used.flatMap((m) => [...m.numerator, ...m.denominator])];
  requireUniqueColumns(file, trimmed, read);
  const col = new Map(trimmed.map((h, i) => [h, i]));
  const errors: DataError[] = [];
  for (const c of read) {
    if (!col.has(c)) errors.push(new DataError({ file, row: 0, column: c, expected: `a column named ${c}` }));
  }
  if (errors.length > 0) throw new DataErrors(errors, `importSfrCsv(${base})`);
  const indicators: IndicatorRow[] = [];
  const benchmarks: BenchmarkRow[] = [];
  const seen = new Map<string, number>();
  let outside = 0;
  csv.rows.forEach((r, i) => {
    const row = i + 1;
    const get = (c: string) => (r[col.get(c) as number] ?? "").trim();
    const target = sfrTarget(r, get, areas, { file, row, log, errors });
    if (target === undefined) return;
    const key = target.kind === "la" ? target.laCode : `${target.kind}:${target.code}`;
    if (seen.has(key)) {
      errors.push(new DataError({ file, row, column: "New_geog_code", value: key, expected: `one row per geography (also row ${seen.get(key)})` }));
      return;
    }
    seen.set(key, row);
    for (const m of used) {
      const num = sumCounts(m.numerator, get, file, row, errors);
      const den = sumCounts(m.denominator, get, file, row, errors);
      if (num === undefined || den === undefined) continue;
      let value: number | null = null;
      let status = num.value === null ? num.status : den.value === null ? den.status : "";
      if (status === "" && den.value === 0) status = ZERO_DENOMINATOR_STATUS;
      if (status === "") value = (100 * (num.value as number)) / (den.value as number);
      const out = { period, indicator: m.indicator, value, numerator: num.value, denominator: den.value, status };
      if (target.kind === "la") {
        const area = areas.get(target.laCode);
        if (area !== undefined && !areaExistsIn(area, period) && value === null) {
          outside++;
          continue;
        }
        indicators.push({ la_code: target.laCode, ...out });
      } else benchmarks.push({ geography: target.kind, code: target.code, ...out });
    }
  });
  if (errors.length > 0) throw new DataErrors(errors, `importSfrCsv(${base})`);
  if (outside > 0) log.add({ action: "dropped", file, rule: "placeholder rows for an LA outside its lifespan", count: outside });
  if (benchmarks.length > 0) log.add({ action: "benchmark", file, rule: "NATIONAL and REGION rows written to benchmarks.csv", count: benchmarks.length });
  return { indicators, benchmarks, mappings: used };
}
