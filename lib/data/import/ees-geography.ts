/**
 * The geography of EES rows (./ees.ts): which LA (or LAs, for a joint row) or benchmark geography a row
 * belongs to, and the groups of rows by period and geography, in order of first row.
 */
import { DataError } from "../../errors";
import { SHARED_SERVICE_RULES, UNKNOWN_LA_RULE, type AreaIndex } from "./areas";
import type { ImportLog } from "./import-log";

/** Where a group of rows belongs: LAs (one, or several for a joint row) or a benchmark geography. */
export type EesGeography =
  | { kind: "la"; laCodes: string[]; shared: boolean }
  | { kind: "england" | "region"; code: string };

/** Rows of one period and geography. */
export interface EesGroup {
  period: number;
  geography: EesGeography;
  rows: number[]; // data row indices (0-based) into the columns of csv
}

/**
 * The geography of a Local authority row from its (trimmed) old and new LA codes: one LA, or the members of a
 * joint row listed in SHARED_SERVICE_RULES. Undefined (the row skipped) after a DataError, or with a warning
 * logged for an LA the areas table does not know; a re-coded ONS code is counted in `recodes`.
 * @example
 * localAuthorityGeography("202", "E09000007", 1, { file, areas, log, errors: [], recodes: new Map() }) // { kind: "la", laCodes: ["E09000007"], shared: false }
 */
export function localAuthorityGeography(oldCode: string, newCode: string, rowNo: number, ctx: { file: string; areas: AreaIndex; log: ImportLog; errors: DataError[]; recodes: Map<string, number> }): EesGeography | undefined {
  const { file, areas } = ctx;
  const olds = laCodeParts(oldCode);
  const news = laCodeParts(newCode);
  if (olds.length > 1 || news.length > 1) {
    const joint = olds.join(" / ");
    const rule = SHARED_SERVICE_RULES.find((s) => s.publishedAs === joint);
    if (rule === undefined || (news.length > 1 && news.length !== olds.length)) {
      ctx.errors.push(new DataError({ file, row: rowNo, column: "old_la_code", value: oldCode, expected: "a single LA or a joint LA listed in SHARED_SERVICE_RULES" }));
      return undefined;
    }
    const codes: string[] = [];
    for (let k = 0; k < olds.length; k++) {
      const res = areas.resolve(olds[k], news[k] ?? "");
      if (res === undefined) {
        ctx.errors.push(new DataError({ file, row: rowNo, column: "old_la_code", value: olds[k], expected: "an LA in the areas table" }));
        return undefined;
      }
      codes.push(res.laCode);
    }
    return { kind: "la", laCodes: codes, shared: true };
  }
  const res = areas.resolve(olds[0], news[0]);
  if (res === undefined) {
    ctx.log.add({ action: "warning", file, rule: UNKNOWN_LA_RULE, row: rowNo, column: "old_la_code/new_la_code", value: `${olds[0]} / ${news[0]}` });
    return undefined;
  }
  if (res.recoded) ctx.recodes.set(`${news[0]} → ${res.laCode}`, (ctx.recodes.get(`${news[0]} → ${res.laCode}`) ?? 0) + 1);
  return { kind: "la", laCodes: [res.laCode], shared: false };
}

/** A single LA's geography as resolved from a row's codes, its group key, and the re-coding it counts (if any). */
export interface SingleLa {
  geography: EesGeography;
  key: string;
  recode: string | undefined;
}

/** The groups of an EES file in order of first row, found by period and geography key without a joined key per row. */
export class EesGroups {
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

/** A (trimmed) LA code cell split at `/` into trimmed codes; a single code (nearly every row) without splitting. */
function laCodeParts(codes: string): string[] {
  return codes.includes("/") ? codes.split("/").map((s) => s.trim()) : [codes];
}
