/**
 * No indicator row for an LA outside its lifespan (areas.csv first/last period). The official import stored
 * LAIT's "Dorset (Pre LG)" (835) values for 2020–2025 under E10000009, whose last period is 2019, LAIT's
 * Northamptonshire values after its split and BCP's before it existed, OHID's figures for successor LAs before
 * they existed, and about 10,000 LAIT missing-value rows ('-') for LAs that did not exist that year.
 *
 * Rule, for one source's rows: a row of an LA-period outside the LA's lifespan is
 * - stored under the predecessor's one successor when the reorganisation says the source continued the number
 *   for it ({@link ReorganisationRule.continuedAs}) and the successor has no value of its own for that indicator
 *   and period (replacing the successor's not-available row of the same source, if any: a gap where the source
 *   kept the old number; a suppressed, not-applicable or low-reliability row is the source's word on the successor's
 *   figure and is never overwritten: a fuzzed file had Dorset UA's "c" replaced by 835's 30 of 276, logged only as recoded);
 * - else left out: a missing value as a placeholder, a value counted by why (before the LA's first period; the
 *   successor has the same value, another one, or a missing row of another source; or no successor takes it).
 * Every count is logged per source file and LA.
 */
import { isWithinLifespan } from "../lifespan";
import type { IndicatorRow } from "../types";
import { REORGANISATION_RULES, type AreaIndex } from "./areas";
import type { ImportLog } from "./import-log";

/** Why a row outside its LA's lifespan was not stored under that LA (the log's words). */
const OUTCOMES = {
  attributed: "value of a predecessor after its last period stored under its successor (REORGANISATION_RULES continuedAs)",
  sameAsSuccessor: "value of a predecessor after its last period left out: its successor has the same value",
  successorDiffers: "value of a predecessor after its last period left out: its successor has another value",
  successorWithheld: "value of a predecessor after its last period left out: its successor's own row of the same source is withheld (suppressed, not applicable or low reliability), not a gap",
  successorMissingElsewhere: "value of a predecessor after its last period left out: another source gives its successor a missing value",
  beforeFirst: "value for an LA before its first period left out (a figure for the area before the LA existed)",
  noSuccessor: "value of a predecessor after its last period left out (no single successor the source continued it for)",
  placeholder: "missing-value row for an LA outside its lifespan left out",
} as const;
type Outcome = keyof typeof OUTCOMES;

/** The successor's la_code of each predecessor la_code some source continued ({@link ReorganisationRule.continuedAs}). */
function continuedAs(areas: AreaIndex): Map<string, string> {
  const codeOfNumber = new Map(areas.areas.map((a) => [a.old_la_code, a.la_code]));
  const out = new Map<string, string>();
  for (const rule of REORGANISATION_RULES) {
    for (const [predecessor, successor] of Object.entries(rule.continuedAs ?? {})) {
      const from = codeOfNumber.get(predecessor);
      const to = codeOfNumber.get(successor);
      if (from !== undefined && to !== undefined) out.set(from, to);
    }
  }
  return out;
}

/** A missing-value row that only says the source has no figure there (LAIT's "-", DfE's "x" or a blank), which a predecessor's value may fill. */
const isGap = (row: IndicatorRow) => row.status.startsWith("not-available:");

const keyOf = (laCode: string, period: number, indicator: string) => `${laCode}|${period}|${indicator}`;

/** A row's mark in rowsWithinLifespans: 0 kept, 1 left out, REPLACED stored as its replacement (an attributed value). */
const REPLACED = 2;

/**
 * One source's indicator rows without any outside its LA's lifespan (see the file's header for the rule), in order;
 * `rows` itself when none is (the usual case). `others` are the rows other sources gave so far (looked at only for
 * the successors' values).
 *
 * Called once per source: the loops over every row are small functions of their own ({@link rowsOutsideLifespans},
 * {@link indexByKey}, {@link valueByKey}, {@link keptRows}) and the rule for the few rows outside is another
 * ({@link placeOutsideRows}), so that V8 optimises only small, single-shape loops: the whole function, inlined
 * together, was compiled again by TurboFan in each later import of the same process (`node --trace-opt`).
 * @param file - the source, named in the log
 * @example
 * const kept = rowsWithinLifespans(laitRows, "bds_long_0.parquet", areas, log, [eesRows]);
 */
export function rowsWithinLifespans(rows: IndicatorRow[], file: string, areas: AreaIndex, log: ImportLog, others: readonly (readonly IndicatorRow[])[]): IndicatorRow[] {
  const outside = rowsOutsideLifespans(rows, areas);
  if (outside.length === 0) return rows;
  const successors = continuedAs(areas);
  // the successors' rows of this source (by key: its index) and of the others (by key: whether a value)
  const successorCodes = new Set<string>();
  for (const i of outside) {
    const c = successors.get(rows[i].la_code);
    if (c !== undefined) successorCodes.add(c);
  }
  const own = new Map<string, number>();
  const elsewhere = new Map<string, number | null>();
  if (successorCodes.size > 0) {
    indexByKey(rows, successorCodes, own);
    for (const list of others) valueByKey(list, successorCodes, elsewhere);
  }
  const drop = new Uint8Array(rows.length);
  const replaceAt = new Map<number, IndicatorRow>(); // a successor's missing-value row → the attributed row
  const counts = placeOutsideRows({ rows, outside, areas, successors, own, elsewhere, drop, replaceAt });
  for (const [key, n] of counts) {
    const [outcome, laCode] = key.split("|") as [Outcome, string];
    const area = areas.get(laCode);
    const span = `${area?.la_name ?? laCode}, periods ${area?.first_period ?? "…"}–${area?.last_period ?? "…"}`;
    log.add({ action: outcome === "attributed" ? "recoded" : "dropped", file, rule: OUTCOMES[outcome], value: outcome === "attributed" ? `${laCode} (${span}) → ${successors.get(laCode)}` : `${laCode} (${span})`, count: n });
  }
  for (const i of replaceAt.keys()) drop[i] = REPLACED;
  return keptRows(rows, drop, replaceAt);
}

/** What {@link placeOutsideRows} reads and fills: the rows outside, the successors' rows by key, the marks. */
interface OutsideRows {
  rows: readonly IndicatorRow[];
  /** Indices of the rows outside their LA's lifespan. */
  outside: readonly number[];
  areas: AreaIndex;
  successors: ReadonlyMap<string, string>;
  /** This source's successor rows by key (its index); attributed rows are added. */
  own: Map<string, number>;
  elsewhere: ReadonlyMap<string, number | null>;
  /** Each row's mark: 0 kept, 1 left out (set here). */
  drop: Uint8Array;
  replaceAt: Map<number, IndicatorRow>;
}

/** Decide each row outside its lifespan by the rule of the file's header; returns the count of rows per `outcome|la_code`. */
function placeOutsideRows(x: OutsideRows): Map<string, number> {
  const { rows, areas, successors, own, elsewhere, drop, replaceAt } = x;
  const counts = new Map<string, number>(); // outcome|la_code → rows
  const count = (outcome: Outcome, laCode: string) => counts.set(`${outcome}|${laCode}`, (counts.get(`${outcome}|${laCode}`) ?? 0) + 1);
  for (const i of x.outside) {
    const r = rows[i];
    drop[i] = 1;
    if (r.value === null) {
      count("placeholder", r.la_code);
      continue;
    }
    if (r.period < (areas.get(r.la_code)?.first_period ?? r.period)) {
      count("beforeFirst", r.la_code);
      continue;
    }
    const successor = successors.get(r.la_code);
    const area = successor === undefined ? undefined : areas.get(successor);
    if (successor === undefined || area === undefined || !isWithinLifespan(area, r.period)) {
      count("noSuccessor", r.la_code);
      continue;
    }
    const key = keyOf(successor, r.period, r.indicator);
    const mine = own.get(key);
    const theirs = mine !== undefined ? rows[mine].value : elsewhere.get(key);
    if (theirs === undefined || (theirs === null && mine !== undefined && !replaceAt.has(mine) && isGap(rows[mine]))) {
      const attributed = { ...r, la_code: successor };
      if (mine !== undefined) replaceAt.set(mine, attributed);
      else {
        replaceAt.set(i, attributed);
        drop[i] = 0;
      }
      own.set(key, mine ?? i);
      count("attributed", r.la_code);
    } else if (theirs === null && mine !== undefined && !isGap(rows[mine])) count("successorWithheld", r.la_code);
    else if (theirs === null) count("successorMissingElsewhere", r.la_code);
    else count(theirs === r.value ? "sameAsSuccessor" : "successorDiffers", r.la_code);
  }
  return counts;
}

/** Into `out`: the index of each row of an LA among `codes`, by {@link keyOf} (a later row's index replaces an earlier one's). */
function indexByKey(rows: readonly IndicatorRow[], codes: ReadonlySet<string>, out: Map<string, number>): void {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (codes.has(r.la_code)) out.set(keyOf(r.la_code, r.period, r.indicator), i);
  }
}

/** Into `out`: the value of each row of an LA among `codes`, by {@link keyOf} (a later row's value replaces an earlier one's). */
function valueByKey(rows: readonly IndicatorRow[], codes: ReadonlySet<string>, out: Map<string, number | null>): void {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (codes.has(r.la_code)) out.set(keyOf(r.la_code, r.period, r.indicator), r.value);
  }
}

/** The rows marked 0 in `drop` and the replacements of those marked {@link REPLACED}, in order. */
function keptRows(rows: readonly IndicatorRow[], drop: Uint8Array, replaceAt: ReadonlyMap<number, IndicatorRow>): IndicatorRow[] {
  const kept: IndicatorRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (drop[i] === 0) kept.push(rows[i]);
    else if (drop[i] === REPLACED) kept.push(replaceAt.get(i) as IndicatorRow);
  }
  return kept;
}

/**
 * The indices of the rows of an LA of the areas table in a period outside its lifespan ({@link isWithinLifespan}, the
 * rule the validator warns by: ../package-lifespans.ts). Only the few LAs with a
 * first or last period are looked up (11 of 158 in the official areas); a package without any costs nothing.
 */
function rowsOutsideLifespans(rows: readonly IndicatorRow[], areas: AreaIndex): number[] {
  const bounded = new Map(areas.areas.filter((a) => a.first_period !== null || a.last_period !== null).map((a) => [a.la_code, a]));
  const out: number[] = [];
  if (bounded.size === 0) return out;
  for (let i = 0; i < rows.length; i++) {
    const area = bounded.get(rows[i].la_code);
    if (area !== undefined && !isWithinLifespan(area, rows[i].period)) out.push(i);
  }
  return out;
}
