/**
 * English Indices of Deprivation 2019, File 11 (upper-tier LA summaries, .xlsx) → context.csv:
 * `imd_score`, `imd_rank`, `idaci_score`, `idaci_rank` (average score, and rank of average score where
 * 1 = most deprived) per upper-tier LA.
 *
 * Period rule: IoD 2019 (published September 2019, built mostly from 2015/16 data) is attached to
 * period {@link IOD_PERIOD}; analyses link it to other years by their own stated rule.
 * Known defect ({@link IOD_KNOWN_DEFECTS}): in this copy Slough's code on the IMD sheet reads
 * `E0600003`; it is corrected to `E06000039` (checked against the name) and logged.
 */
import { DataError, DataErrors } from "../../errors";
import type { ContextRow } from "../types";
import { UNKNOWN_LA_RULE, type AreaIndex } from "./areas";
import type { ImportLog } from "./import-log";
import { readXlsxSheets } from "./spreadsheet/xlsx";

export const IOD_PERIOD = 2019;
export const IOD_PERIOD_RULE = `IoD 2019 (imd_*, idaci_*) is attached to period ${IOD_PERIOD}; codes are 2019 upper-tier LA codes, re-coded to canonical codes.`;

/** Sheets and columns read (header text trimmed). */
const IMD_COLUMNS: Record<string, string> = { "IMD - Average score": "imd_score", "IMD - Rank of average score": "imd_rank" };
const IDACI_COLUMNS: Record<string, string> = { "IDACI - Average score": "idaci_score", "IDACI - Rank of average score": "idaci_rank" };
export const IOD_SHEETS: readonly { sheet: string; columns: Readonly<Record<string, string>> }[] = Object.freeze([
  { sheet: "IMD", columns: IMD_COLUMNS },
  { sheet: "IDACI", columns: IDACI_COLUMNS },
]);
/**
 * The range of each score (English Indices of Deprivation 2019, Technical report, sections 3 and 4): the IDACI score
 * is the proportion of children living in income-deprived families, 0–1; the IMD score, a weighted sum of
 * exponentially transformed domain ranks, is ≥ 0. Ranks are checked by {@link RANK_COLUMNS}.
 */
const SCORE_RANGES: Readonly<Record<string, { min: number; max: number; expected: string }>> = {
  imd_score: { min: 0, max: Infinity, expected: "an IMD average score ≥ 0" },
  idaci_score: { min: 0, max: 1, expected: "an IDACI average score between 0 and 1 (a proportion of children)" },
};
/**
 * The rank columns: the areas of a sheet ranked 1 (most deprived) to the number of areas, each rank once (ties are
 * broken in IoD's ranks). A fuzzed File 11 with an IDACI rank of 0, 9999, 12.5 or a repeat was accepted as it was.
 */
const RANK_COLUMNS: ReadonlySet<string> = new Set(["imd_rank", "idaci_rank"]);
const CODE_COLUMN = "Upper Tier Local Authority District code (2019)";
const NAME_COLUMN = "Upper Tier Local Authority District name (2019)";

/** Documented defects of the distributed copy, corrected on import (matched on sheet, value and name). */
export const IOD_KNOWN_DEFECTS: readonly { sheet: string; code: string; name: string; correct: string; note: string }[] = Object.freeze([
  { sheet: "IMD", code: "E0600003", name: "Slough", correct: "E06000039", note: "Slough's code on the IMD sheet is truncated in this copy (data README)." },
]);

/**
 * What a rank should have been, if it is not a whole number from 1 to the sheet's areas or another row has it (the
 * first row of each rank is kept in `rankRows` per column); undefined for a good rank.
 */
function rankProblem(v: number, row: number, areaCount: number, rankRows: Map<string, Map<number, number>>, column: string): string | undefined {
  if (!Number.isInteger(v) || v < 1 || v > areaCount) return `a whole-number rank from 1 to ${areaCount} (the areas on the sheet)`;
  let ranks = rankRows.get(column);
  if (ranks === undefined) rankRows.set(column, (ranks = new Map()));
  const first = ranks.get(v);
  if (first !== undefined) return `a rank no other area has (row ${first} has it too)`;
  ranks.set(v, row);
  return undefined;
}

/**
 * Import IoD 2019 File 11.
 * @throws DataErrors for a missing sheet or column, a malformed code, a non-numeric score, a score out of its
 *   range ({@link SCORE_RANGES}), a rank that is not a whole number from 1 to the sheet's number of areas or is
 *   given twice ({@link RANK_COLUMNS}), or a duplicate LA
 * @example
 * importIod(fs.readFileSync("File_11_IoD2019_UTLA.xlsx"), "File_11_IoD2019_UTLA.xlsx", areas, log).filter((r) => r.variable === "idaci_score").length
 */
export function importIod(bytes: Uint8Array, file: string, areas: AreaIndex, log: ImportLog): ContextRow[] {
  const sheets = readXlsxSheets(bytes, file, IOD_SHEETS.map((s) => s.sheet));
  const errors: DataError[] = [];
  const out: ContextRow[] = [];
  const seen = new Set<string>();
  for (const spec of IOD_SHEETS) {
    const sheet = sheets.find((s) => s.name === spec.sheet);
    if (sheet === undefined || sheet.rows.length === 0) {
      errors.push(new DataError({ file, sheet: spec.sheet, expected: "a sheet with a header row and data" }));
      continue;
    }
    const header = sheet.rows[0].map((h) => h.trim());
    const idx = (name: string) => header.indexOf(name);
    const needed = [CODE_COLUMN, NAME_COLUMN, ...Object.keys(spec.columns)];
    const missing = needed.filter((c) => idx(c) < 0);
    if (missing.length > 0) {
      for (const c of missing) errors.push(new DataError({ file, sheet: spec.sheet, row: 0, column: c, expected: `a column named "${c}"` }));
      continue;
    }
    const isBlank = (r: readonly string[]) => r.every((c) => c.trim() === "");
    const areaCount = sheet.rows.slice(1).filter((r) => !isBlank(r)).length;
    const rankRows = new Map<string, Map<number, number>>(); // rank column → rank → the row that has it
    for (let i = 1; i < sheet.rows.length; i++) {
      const r = sheet.rows[i];
      const cell = (c: string) => (r[idx(c)] ?? "").trim();
      if (isBlank(r)) continue;
      let code = cell(CODE_COLUMN);
      const name = cell(NAME_COLUMN);
      const defect = IOD_KNOWN_DEFECTS.find((d) => d.sheet === spec.sheet && d.code === code && d.name === name);
      if (defect !== undefined) {
        log.add({ action: "fixed", file, rule: defect.note, row: i, column: `${spec.sheet}!${CODE_COLUMN}`, value: `${code} → ${defect.correct}` });
        code = defect.correct;
      }
      if (!/^E\d{8}$/.test(code)) {
        errors.push(new DataError({ file, sheet: spec.sheet, row: i, column: CODE_COLUMN, value: code, expected: "an ONS code like E06000039" }));
        continue;
      }
      const res = areas.resolve("", code);
      if (res === undefined) {
        log.add({ action: "warning", file, rule: UNKNOWN_LA_RULE, row: i, column: `${spec.sheet}!${CODE_COLUMN}`, value: `${code} ${name}` });
        continue;
      }
      if (res.recoded) log.add({ action: "recoded", file, rule: "ONS code replaced by the LA's canonical (latest) code", row: i, value: `${code} → ${res.laCode}` });
      for (const [column, variable] of Object.entries(spec.columns)) {
        const raw = cell(column);
        const v = Number(raw);
        if (raw === "" || !Number.isFinite(v)) {
          errors.push(new DataError({ file, sheet: spec.sheet, row: i, column, value: raw, expected: "a number" }));
          continue;
        }
        const range = SCORE_RANGES[variable];
        if (range !== undefined && !(v >= range.min && v <= range.max)) {
          errors.push(new DataError({ file, sheet: spec.sheet, row: i, column, value: raw, expected: range.expected }));
          continue;
        }
        const rankExpected = RANK_COLUMNS.has(variable) ? rankProblem(v, i, areaCount, rankRows, column) : undefined;
        if (rankExpected !== undefined) {
          errors.push(new DataError({ file, sheet: spec.sheet, row: i, column, value: raw, expected: rankExpected }));
          continue;
        }
        const key = `${res.laCode}|${variable}`;
        if (seen.has(key)) {
          errors.push(new DataError({ file, sheet: spec.sheet, row: i, column: CODE_COLUMN, value: code, expected: "one row per LA" }));
          continue;
        }
        seen.add(key);
        out.push({ la_code: res.laCode, period: IOD_PERIOD, variable, value: v });
      }
    }
  }
  if (errors.length > 0) throw new DataErrors(errors, `importIod(${file})`);
  return out;
}
