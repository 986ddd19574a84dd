/**
 * Where each LAIT value row is, as small numbers: the LA as a slot among the LAs its LA numbers resolve to, the
 * period as a slot among the periods its (measure, year label) pairs give. With them ./lait-combine.ts keeps a
 * LAIT row as its index into {@link LaitValues} (no object, no key string per row) and makes the indicator row
 * only for a row that goes into the package ({@link LaitPlaces.indicatorRow}).
 */
import type { IndicatorRow } from "../types";
import type { AreaIndex } from "./areas";
import { laitPeriod } from "./lait-parquet";
import type { LaitValues } from "./lait-parquet-reader";

/** Row indices (into {@link LaitValues}) in the order added: a growing Int32Array. */
export class RowList {
  rows = new Int32Array(64);
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

/** A set of whole numbers in [0, size), one bit each. */
export class BitSet {
  private readonly words: Uint32Array;

  constructor(size: number) {
    this.words = new Uint32Array(Math.ceil(size / 32));
  }

  /**
   * Add `k`; whether it was not in the set before.
   * @example
   * const s = new BitSet(64); s.addNew(33) // true; s.addNew(33) // false
   */
  addNew(k: number): boolean {
    const w = k >>> 5;
    const bit = 1 << (k & 31);
    if ((this.words[w] & bit) !== 0) return false;
    this.words[w] |= bit;
    return true;
  }
}

/** One indicator's EES/SFR rows by place (LA slot × periods + period slot): whether there is one, and its value. */
export class EesByPlace {
  /** 0: no row; 1: a row with a value; 2: a row whose value is null. */
  readonly state: Uint8Array;
  readonly value: Float64Array;

  constructor(places: number) {
    this.state = new Uint8Array(places);
    this.value = new Float64Array(places);
  }

  set(place: number, value: number | null): void {
    this.state[place] = value === null ? 2 : 1;
    this.value[place] = value ?? 0;
  }
}

/** Value of a period slot not mapped ({@link laitPeriod} undefined) and of an LA number not resolved. */
const NONE = -1;

/**
 * The LA and period slots of LAIT value rows.
 * - LA: `LA Number` texts of three digits resolved as `areas.resolve(number, "")`; the others (England,
 *   regions, unknown numbers) have none. Two numbers resolving to one LA share its slot.
 * - Period: {@link laitPeriod} of each (measure code, year label), by the code's year type; codes skipped
 *   (`yearTypes[c]` undefined) have none.
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
  /** Period slot of each (code, year label) pair, at `code * years + year` (-1: not one year ending March). */
  private readonly periodSlots: Int32Array;
  private readonly yearCount: number;
  private readonly laSlotOfCode = new Map<string, number>();
  private readonly periodSlotOfPeriod = new Map<number, number>();

  constructor(
    readonly values: LaitValues,
    yearTypes: readonly (string | undefined)[],
    areas: AreaIndex,
  ) {
    this.laSlotOfNumber = Int32Array.from(values.laNumber.texts, (n) => {
      const resolved = /^\d{3}$/.test(n) ? areas.resolve(n, "") : undefined;
      return resolved === undefined ? NONE : this.slot(this.laSlotOfCode, this.laCodes, resolved.laCode);
    });
    const labels = values.years.texts;
    this.yearCount = labels.length;
    this.periodSlots = new Int32Array(yearTypes.length * labels.length).fill(NONE);
    const byYearType = new Map<string, Int32Array>(); // codes of one year type share their periods
    yearTypes.forEach((yearType, c) => {
      if (yearType === undefined) return;
      let slots = byYearType.get(yearType);
      if (slots === undefined) {
        slots = Int32Array.from(labels, (label) => {
          const period = laitPeriod(label, yearType);
          return period === undefined ? NONE : this.slot(this.periodSlotOfPeriod, this.periods, period);
        });
        byYearType.set(yearType, slots);
      }
      this.periodSlots.set(slots, c * labels.length);
    });
  }

  /** Period slot of code `code`'s year label `year` (-1: none). */
  periodSlotOf(code: number, year: number): number {
    return this.periodSlots[code * this.yearCount + year];
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
