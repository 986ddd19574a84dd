/**
 * Where each LAIT value row is, as small numbers: the LA as a slot among the LAs its LA numbers resolve to, the
 * period as a slot among the periods its (measure, year label) pairs give. With them ./lait-combine.ts keeps a
 * LAIT row as its index into {@link LaitValues} (no object, no key string per row) and makes the indicator row
 * only for a row that goes into the package ({@link LaitPlaces.indicatorRow}).
 */
import type { IndicatorRow } from "../types";
import { DataErrors } from "../../errors";
import { controlCharacterIn } from "../control-characters";
import { damagedLaCode, type AreaIndex } from "./areas";
import { laitPeriod } from "./lait-parquet";
import type { LaitValues } from "./lait-parquet-reader";

/**
 * Room a {@link RowList} starts with: most LAIT measures have few rows in a file of many (a file of 200,000
 * one-row measures would otherwise hold 200,000 arrays of 64), and 4 × 4 bytes stays in V8's heap (typed arrays
 * over 64 bytes get a separate backing store).
 */
const ROW_LIST_INITIAL_ROOM = 4;

/** Row indices (into {@link LaitValues}) in the order added: a growing Int32Array. */
export class RowList {
  rows = new Int32Array(ROW_LIST_INITIAL_ROOM);
  length = 0;

  push(i: number): void {
    if (this.length === this.rows.length) {
      const grown = new Int32Array(2 * this.rows.length);
      grown.set(this.rows);
      this.rows = grown;
    }
    this.rows[this.length++] = i;
  }
}

/**
 * Most numbers a {@link NumberSet} holds as bits (16 Mi: 2 MiB); the official import's duplicate check needs about
 * 360,000 (156 measure ids × 152 LAs × 15 periods). A larger range (a file of thousands of measures and year
 * labels) is held in a Set of the numbers met instead, so odd input never asks for a huge array.
 */
export const MAX_DENSE_BITS = 1 << 24;

/** A set of whole numbers in [0, size): one bit each, or a Set when `size` is over `denseLimit`. */
export class NumberSet {
  private readonly words: Uint32Array;
  private readonly sparse: Set<number> | undefined;

  constructor(size: number, denseLimit = MAX_DENSE_BITS) {
    const dense = size <= denseLimit;
    this.words = new Uint32Array(dense ? Math.ceil(size / 32) : 0);
    this.sparse = dense ? undefined : new Set();
  }

  /**
   * Add `k`; whether it was not in the set before.
   * @example
   * const s = new NumberSet(64); s.addNew(33) // true; s.addNew(33) // false
   */
  addNew(k: number): boolean {
    if (this.sparse !== undefined) {
      if (this.sparse.has(k)) return false;
      this.sparse.add(k);
      return true;
    }
    const w = k >>> 5;
    const bit = 1 << (k & 31);
    if ((this.words[w] & bit) !== 0) return false;
    this.words[w] |= bit;
    return true;
  }
}

/**
 * Most places an {@link EesByPlace} holds in typed arrays (65,536: 576 KiB); the official import has about 2,300
 * (152 LAs × 15 periods). More (thousands of year labels) are held in a Map of the places met.
 */
export const MAX_DENSE_PLACES = 1 << 16;

/** {@link EesByPlace.stateAt} of a place with no EES/SFR row. */
export const EES_NONE = 0;
/** {@link EesByPlace.stateAt} of a place whose row has a value. */
export const EES_VALUE = 1;
/** {@link EesByPlace.stateAt} of a place whose row's value is null (missing). */
export const EES_NULL = 2;

/** One indicator's EES/SFR rows by place (LA slot × periods + period slot): whether there is one, and its value. */
export class EesByPlace {
  private readonly state: Uint8Array;
  private readonly value: Float64Array;
  private readonly sparse: Map<number, number | null> | undefined;

  constructor(places: number, denseLimit = MAX_DENSE_PLACES) {
    const dense = places <= denseLimit;
    this.state = new Uint8Array(dense ? places : 0);
    this.value = new Float64Array(dense ? places : 0);
    this.sparse = dense ? undefined : new Map();
  }

  set(place: number, value: number | null): void {
    if (this.sparse !== undefined) {
      this.sparse.set(place, value);
      return;
    }
    this.state[place] = value === null ? EES_NULL : EES_VALUE;
    this.value[place] = value ?? 0;
  }

  /**
   * {@link EES_NONE} (no row), {@link EES_VALUE} or {@link EES_NULL} (a row whose value is null).
   * @example
   * const e = new EesByPlace(4); e.set(2, null); e.stateAt(2) // EES_NULL
   */
  stateAt(place: number): number {
    if (this.sparse === undefined) return this.state[place];
    const v = this.sparse.get(place);
    return v === undefined ? EES_NONE : v === null ? EES_NULL : EES_VALUE;
  }

  /** The value at a place whose state is {@link EES_VALUE}. */
  valueAt(place: number): number {
    return this.sparse === undefined ? this.value[place] : (this.sparse.get(place) as number);
  }
}

/**
 * Most (year type, year label) pairs whose periods {@link LaitPlaces} works out at once (4 Mi: 16 MiB), and
 * only while they are no more than the rows (else working out every pair costs more than the rows' pairs: 2,048
 * year types × 2,048 labels on 2,048 rows); the official files have about 6 year types × 11 labels on 237,320
 * rows. Otherwise only the pairs the rows have are worked out.
 */
export const MAX_DENSE_PERIOD_CELLS = 1 << 22;

/** Value of a period slot not mapped ({@link laitPeriod} undefined) and of an LA number not resolved. */
const NONE = -1;

/**
 * Refuse LAIT rows whose `LA Number` holds a control character (a NUL of a damaged copy), as the official CSV and
 * XLSX files' LA codes are refused (areas.ts damagedLaCode): such a number had been counted among the areas "neither
 * an LA of the areas table, England nor a region" and its LA's rows dropped, with exit 0.
 * @throws DataErrors naming the file, the first such row, the column and the character
 * @example refuseDamagedLaNumbers(values, "bds_long_0.parquet") // nothing when every LA Number is clean
 */
export function refuseDamagedLaNumbers(values: LaitValues, file: string): void {
  const damaged = values.laNumber.texts.findIndex((t) => controlCharacterIn(t) !== undefined);
  const first = damaged < 0 ? -1 : values.laNumber.of.indexOf(damaged);
  if (first < 0) return;
  throw new DataErrors([damagedLaCode(file, values.row[first], { "LA Number": values.laNumber.texts[damaged] })!], `combineLait(${file})`);
}

/**
 * The LA and period slots of LAIT value rows.
 * - LA: `LA Number` texts of three digits resolved as `areas.resolve(number, "")`; the others (England,
 *   regions, unknown numbers) have none. Two numbers resolving to one LA share its slot.
 * - Period: {@link laitPeriod} of each (measure code, year label), by the code's year type; codes skipped
 *   (`yearTypes[c]` undefined) have none. Worked out for every (year type, label) pair at once when there are
 *   at most `densePeriodCells` pairs (by default {@link MAX_DENSE_PERIOD_CELLS} or the row count, the smaller),
 *   else only for the pairs the rows have; the slots of a row's LA and period are the same either way.
 * @example
 * const places = new LaitPlaces(values, values.code.texts.map(() => "Financial Year"), areas);
 * places.laCodeOf(0) // "E09000002"
 */
export class LaitPlaces {
  /** Canonical LA code of each LA slot. */
  readonly laCodes: string[] = [];
  /** Period of each period slot. */
  readonly periods: number[] = [];
  /** LA slot of each `laNumber` text index (-1: not an LA of the areas table). */
  readonly laSlotOfNumber: Int32Array;
  /** Period slot of each year label, by code (the array of its year type, shared; undefined: a skipped code). */
  private readonly periodSlots: (Int32Array | undefined)[];
  /** Instead, over `densePeriodCells`: the period slot of each (year type, label) pair the rows have. */
  private readonly sparsePeriodSlots: Map<number, number> | undefined;
  private readonly yearTypeOf: Int32Array;
  private readonly labelCount: number;
  private readonly laSlotOfCode = new Map<string, number>();
  private readonly periodSlotOfPeriod = new Map<number, number>();

  constructor(
    readonly values: LaitValues,
    yearTypes: readonly (string | undefined)[],
    areas: AreaIndex,
    densePeriodCells = Math.min(MAX_DENSE_PERIOD_CELLS, values.length),
  ) {
    this.laSlotOfNumber = Int32Array.from(values.laNumber.texts, (n) => {
      const resolved = /^\d{3}$/.test(n) ? areas.resolve(n, "") : undefined;
      return resolved === undefined ? NONE : this.slot(this.laSlotOfCode, this.laCodes, resolved.laCode);
    });
    const labels = values.years.texts;
    const typeIndex = new Map<string, number>();
    const types: string[] = [];
    this.yearTypeOf = Int32Array.from(yearTypes, (t) => (t === undefined ? NONE : this.slot(typeIndex, types, t)));
    this.labelCount = labels.length;
    if (types.length * labels.length <= densePeriodCells) {
      // each year type's label periods at once (codes of one year type share them)
      const byType = types.map((yearType) => Int32Array.from(labels, (label) => this.periodSlot(label, yearType)));
      this.periodSlots = Array.from(this.yearTypeOf, (t) => (t === NONE ? undefined : byType[t]));
      this.sparsePeriodSlots = undefined;
    } else {
      // thousands of year types and labels: only the pairs the rows have
      this.periodSlots = [];
      this.sparsePeriodSlots = new Map();
      const { code, years } = values;
      for (let i = 0; i < values.length; i++) {
        const t = this.yearTypeOf[code.of[i]];
        const key = t * labels.length + years.of[i];
        if (t !== NONE && !this.sparsePeriodSlots.has(key)) this.sparsePeriodSlots.set(key, this.periodSlot(labels[years.of[i]], types[t]));
      }
    }
  }

  /** Period slot of code `code`'s year label `year` (-1: none). */
  periodSlotOf(code: number, year: number): number {
    if (this.sparsePeriodSlots === undefined) return (this.periodSlots[code] as Int32Array)[year];
    return this.sparsePeriodSlots.get(this.yearTypeOf[code] * this.labelCount + year) ?? NONE;
  }

  /** Place (LA slot × periods + period slot) of value row `i`, which must have both: in [0, laCodes × periods). */
  placeOf(i: number): number {
    const v = this.values;
    return this.laSlotOfNumber[v.laNumber.of[i]] * this.periods.length + this.periodSlotOf(v.code.of[i], v.years.of[i]);
  }

  laCodeOf(i: number): string {
    return this.laCodes[this.laSlotOfNumber[this.values.laNumber.of[i]]];
  }

  periodOf(i: number): number {
    const v = this.values;
    return this.periods[this.periodSlotOf(v.code.of[i], v.years.of[i])];
  }

  /** Value row `i` (with an LA and a period) as an indicator row of `indicator` (NaN: missing, null). */
  indicatorRow(i: number, indicator: string): IndicatorRow {
    const v = this.values;
    const value = v.value[i];
    return { la_code: this.laCodeOf(i), period: this.periodOf(i), indicator, value: Number.isNaN(value) ? null : value, numerator: null, denominator: null, status: v.status.texts[v.status.of[i]] };
  }

  /**
   * For each indicator of `indicators`: its rows among `rows` by place ({@link EesByPlace}; the last row of a
   * place kept). Rows of other indicators, LAs or periods are not looked at further.
   */
  rowsByPlace(indicators: ReadonlyMap<string, unknown>, rows: readonly IndicatorRow[]): Map<string, EesByPlace> {
    const byIndicator = new Map<string, EesByPlace>();
    for (const indicator of indicators.keys()) byIndicator.set(indicator, new EesByPlace(this.laCodes.length * this.periods.length));
    let lastIndicator: string | undefined;
    let at: EesByPlace | undefined;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      if (r.indicator !== lastIndicator) {
        lastIndicator = r.indicator; // rows come in runs of one indicator: one map look-up per run
        at = byIndicator.get(r.indicator);
      }
      if (at === undefined) continue;
      const la = this.laSlotOfCode.get(r.la_code);
      const p = this.periodSlotOfPeriod.get(r.period);
      if (la !== undefined && p !== undefined) at.set(la * this.periods.length + p, r.value);
    }
    return byIndicator;
  }

  private periodSlot(label: string, yearType: string): number {
    const period = laitPeriod(label, yearType);
    return period === undefined ? NONE : this.slot(this.periodSlotOfPeriod, this.periods, period);
  }

  private slot<K>(slots: Map<K, number>, keys: K[], key: K): number {
    let s = slots.get(key);
    if (s === undefined) {
      s = keys.length;
      keys.push(key);
      slots.set(key, s);
    }
    return s;
  }
}
