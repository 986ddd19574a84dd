/**
 * The geography of EES rows (./ees.ts): which LA (or LAs, for a joint row) or benchmark geography a row
 * belongs to, and the groups of rows by period and geography, in order of first row.
 */
import { DataError } from "../../errors";
import { SHARED_SERVICE_RULES, UNKNOWN_LA_RULE, damagedLaCode, type AreaIndex } from "./areas";
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
    const damaged = damagedLaCode(file, rowNo, { old_la_code: olds[0], new_la_code: news[0] });
    if (damaged !== undefined) ctx.errors.push(damaged);
    else ctx.log.add({ action: "warning", file, rule: UNKNOWN_LA_RULE, row: rowNo, column: "old_la_code/new_la_code", value: `${olds[0]} / ${news[0]}` });
    return undefined;
  }
  if (res.recoded) ctx.recodes.set(`${news[0]} → ${res.laCode}`, (ctx.recodes.get(`${news[0]} → ${res.laCode}`) ?? 0) + 1);
  return { kind: "la", laCodes: [res.laCode], shared: false };
}

/** A single LA's place (its {@link EesGroups.place}) as resolved from a row's codes, and the re-coding it counts (if any). */
export interface SingleLa {
  place: number;
  recode: string | undefined;
}

/**
 * Periods parseTimePeriod gives are years 0–10000 (four digits, or the second year of six), so a group's key
 * `place × PERIOD_SPAN + period` is one number per (place, period).
 */
const PERIOD_SPAN = 10001;

/**
 * The groups of an EES file in order of first row, found by period and place (a geography's number) without a
 * key built per row.
 */
export class EesGroups {
  readonly list: EesGroup[] = [];
  private readonly geographies: EesGeography[] = [];
  private readonly placeOfKey = new Map<string, number>();
  private readonly englandPlaces = new Map<string, number>();
  private readonly regionPlaces = new Map<string, number>();
  private readonly byKey = new Map<number, EesGroup>();
  private lastKey = -1;
  private lastGroup: EesGroup | undefined;

  /**
   * The number of the place with geography key `key` (`la|E09000007`, `region|E12000001`…), `geography` when the
   * key is new.
   * @example
   * groups.place("la|E09000007", { kind: "la", laCodes: ["E09000007"], shared: false }) // 0
   */
  place(key: string, geography: EesGeography): number {
    let place = this.placeOfKey.get(key);
    if (place === undefined) {
      this.placeOfKey.set(key, (place = this.geographies.length));
      this.geographies.push(geography);
    }
    return place;
  }

  /** The place of England's rows with country code `code`. */
  england(code: string): number {
    let place = this.englandPlaces.get(code);
    if (place === undefined) this.englandPlaces.set(code, (place = this.place(`england|${code}`, { kind: "england", code })));
    return place;
  }

  /** The place of a region's rows. */
  region(code: string): number {
    let place = this.regionPlaces.get(code);
    if (place === undefined) this.regionPlaces.set(code, (place = this.place(`region|${code}`, { kind: "region", code })));
    return place;
  }

  /**
   * Add row `i` to the group of (period, place), made on its first row.
   * @example
   * groups.add(2015, groups.place("la|E09000007", { kind: "la", laCodes: ["E09000007"], shared: false }), 0)
   */
  add(period: number, place: number, i: number): void {
    const key = place * PERIOD_SPAN + period;
    // rows of one group mostly follow each other (a long file's filter values for one LA and period)
    let g = key === this.lastKey ? this.lastGroup : this.byKey.get(key);
    if (g === undefined) {
      g = { period, geography: this.geographies[place], rows: [] };
      this.byKey.set(key, g);
      this.list.push(g);
    }
    g.rows.push(i);
    this.lastKey = key;
    this.lastGroup = g;
  }

}

/** A (trimmed) LA code cell split at `/` into trimmed codes; a single code (nearly every row) without splitting. */
function laCodeParts(codes: string): string[] {
  return codes.includes("/") ? codes.split("/").map((s) => s.trim()) : [codes];
}
