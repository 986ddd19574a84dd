/**
 * The primary-key check of the package rules (package-rules.ts): for each row of a resource, the row on which its
 * key was first seen, with keys made as one integer per row from the fields' codes (a period's from its number), so
 * no joined key string is built.
 */
import { codedColumn, type CodedColumn, type ResourceColumns } from "./package-columns";
import type { FieldDescriptor } from "./types";

/**
 * Largest key space checked with a flat table, per row of the resource (4 bytes per slot, so at most 16
 * bytes per row); larger spaces use a map. 150 LAs × 10 periods × 960 indicators is one slot per row.
 */
const FLAT_KEY_SLOTS_PER_ROW = 4;
/** Flat tables up to this many slots (256 KB) are used whatever the row count. */
const FLAT_KEY_SLOTS_MIN = 1 << 16;
/**
 * Largest key space first checked with one bit per key, per row (16 bytes a row), or in all whatever the row
 * count (64 KB of bits); a repeat found, a map gives the first rows. A valid resource repeats no key, so its
 * check makes no map (outcomes.csv of the official package: 455,040 keys for 2,373 rows).
 */
const BIT_KEY_SLOTS_PER_ROW = 128;
const BIT_KEY_SLOTS_MIN = 1 << 19;
/** Keys held in an Int32Array are below 2^31. */
const MAX_INT32_KEYS = 2 ** 31;

/**
 * For each row, the 1-based row on which its primary key was first seen, or 0 when the key is new there (as a
 * function of the row); each row whose key was seen before is also marked (1) in `flags`.
 * Key fields compare as text (`String(value)`): each field's cells are coded (equal text, equal code) and
 * the codes combined into one number per row (a mixed-radix number), looked up in a flat table when the key
 * space is small (the keys in an Int32Array, 4 bytes a row), else in a map (after one bit per key found a repeat,
 * when the space allows). A whole-number key field with bounds in `fields` (the resource's schema), such as period,
 * is keyed by its cells as they are when all are whole numbers in bounds ({@link boundedKeyRows}), and named in
 * `inBounds`.
 * @example
 * const flags = new Uint8Array(3);
 * const { firstRow } = firstRowsOfKeys(columnsOfRows("catalogue", [{ indicator: "a" }, { indicator: "b" }, { indicator: "a" }]), SCHEMAS.catalogue, ["indicator"], flags);
 * [firstRow(0), firstRow(1), firstRow(2)] // [0, 0, 1] (row 3 repeats row 1's key); flags: [0, 0, 1]
 */
export function firstRowsOfKeys(res: ResourceColumns, fields: readonly FieldDescriptor[], keys: readonly string[], flags: Uint8Array): KeyRows {
  const bounded = boundedKeyRows(res, fields, keys);
  if (bounded) return { firstRow: bounded.repeated ? firstRowsOfIntKeys(bounded.rowKeys, bounded.space, flags) : () => 0, inBounds: bounded.field };
  return { firstRow: firstRowsOfCodedKeys(res, keys, flags), inBounds: undefined };
}

/** What {@link firstRowsOfKeys} found of a resource's primary key. */
export interface KeyRows {
  /** The 1-based row on which row `row`'s key was first seen, or 0 when the key is new there. */
  firstRow: (row: number) => number;
  /**
   * The key field whose every cell was found a whole number within its bounds as the keys were made (period), so
   * that its constraints hold on every row (the rules need not read it again); undefined when none was.
   */
  inBounds: string | undefined;
}

/** {@link firstRowsOfKeys} with every key field coded as text. */
function firstRowsOfCodedKeys(res: ResourceColumns, keys: readonly string[], flags: Uint8Array): (row: number) => number {
  const n = res.length;
  const coded = keys.map((k) => codedColumn(res, k, "text"));
  const space = coded.reduce((p, c) => p * Math.max(1, c.values.length), 1);
  if (space <= intKeySpace(n)) {
    // each row's key into an Int32Array, checked with one bit per key as it is made (a valid resource repeats
    // none); a repeat found, the first row (1-based) of each key
    const rowKeys = new Int32Array(n);
    return keyRowsAnyRepeated(rowKeys, coded, space) ? firstRowsOfIntKeys(rowKeys, space, flags) : () => 0;
  }
  const first = new Int32Array(n);
  if (space <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(n);
    for (const c of coded) addKeyDigits(keys, c);
    firstRowsByMap(keys, first, flags);
  } else {
    firstRowsByMap(Array.from({ length: n }, (_, r) => coded.map((c) => c.codes[r]).join(",")), first, flags);
  }
  return (r) => first[r];
}

/** Largest key space held as Int32Array keys and checked with one bit per key, for `n` rows. */
const intKeySpace = (n: number) => Math.min(Math.max(BIT_KEY_SLOTS_PER_ROW * n, BIT_KEY_SLOTS_MIN), MAX_INT32_KEYS);

/** The first rows of keys (each from 0 to space − 1) of which some repeat: in a flat table when the space is small, else in a map. */
function firstRowsOfIntKeys(rowKeys: Int32Array, space: number, flags: Uint8Array): (row: number) => number {
  const n = rowKeys.length;
  if (space > Math.max(FLAT_KEY_SLOTS_PER_ROW * n, FLAT_KEY_SLOTS_MIN)) {
    const firstOfMap = new Int32Array(n);
    firstRowsByMap(rowKeys, firstOfMap, flags);
    return (r) => firstOfMap[r];
  }
  const seen = new Int32Array(space);
  for (let r = 0; r < n; r++) {
    const key = rowKeys[r];
    if (seen[key] === 0) seen[key] = r + 1;
    else flags[r] = 1;
  }
  return (r) => {
    const firstRow = seen[rowKeys[r]];
    return firstRow === r + 1 ? 0 : firstRow;
  };
}

/**
 * The keys of a resource whose key has a whole-number field with bounds (period: 1990–2100), made from its cells
 * as they are, with no codes: the field's digit is `cell − minimum` (a whole number in bounds has one text, so
 * equal digits are equal texts), the other fields' codes as {@link firstRowsOfKeys} codes them. Undefined when
 * there is no such field, the space is too large, or a cell is not a whole number in bounds (the rows are then
 * keyed by codes). Coding the periods had cost two more passes over the rows (their range, then their codes).
 */
function boundedKeyRows(res: ResourceColumns, fields: readonly FieldDescriptor[], keys: readonly string[]): { rowKeys: Int32Array; space: number; repeated: boolean; field: string } | undefined {
  const w = keys.findIndex((k) => {
    const f = fields.find((d) => d.name === k);
    return f?.type === "integer" && f.constraints?.minimum !== undefined && f.constraints.maximum !== undefined;
  });
  if (w < 0) return undefined;
  const { minimum, maximum } = fields.find((d) => d.name === keys[w])!.constraints!;
  const coded = keys.filter((_, i) => i !== w).map((k) => codedColumn(res, k, "text"));
  const space = coded.reduce((p, c) => p * Math.max(1, c.values.length), maximum! - minimum! + 1);
  if (space > intKeySpace(res.length)) return undefined;
  const rowKeys = new Int32Array(res.length);
  const repeated = boundedKeysRepeated(rowKeys, coded, res.columns[keys[w]], minimum!, maximum!, space);
  return repeated === OUT_OF_BOUNDS ? undefined : { rowKeys, space, repeated: repeated === 1, field: keys[w] };
}

const OUT_OF_BOUNDS = -1;

/**
 * Each row's key (the other fields' mixed-radix key × span + the whole number's digit) into `rowKeys`, checked with
 * one bit per key: 1 if two rows have the same key, 0 if none, OUT_OF_BOUNDS at the first cell of `whole` that is
 * not a whole number from `minimum` to `maximum`.
 */
function boundedKeysRepeated(rowKeys: Int32Array, coded: readonly CodedColumn[], whole: readonly unknown[], minimum: number, maximum: number, space: number): number {
  const seenBits = new Uint8Array((space + 7) >>> 3);
  const fields = coded.map((c) => c.codes);
  const radices = Int32Array.from(coded, (c) => c.values.length);
  const span = maximum - minimum + 1;
  let repeated = 0;
  for (let r = 0; r < rowKeys.length; r++) {
    const v = whole[r];
    if (typeof v !== "number" || !(v >= minimum && v <= maximum) || !Number.isInteger(v)) return OUT_OF_BOUNDS;
    let key = 0;
    for (let f = 0; f < fields.length; f++) key = key * radices[f] + fields[f][r];
    key = key * span + (v - minimum);
    rowKeys[r] = key;
    const bit = 1 << (key & 7);
    if ((seenBits[key >>> 3] & bit) !== 0) repeated = 1;
    seenBits[key >>> 3] |= bit;
  }
  return repeated;
}

/**
 * Each row's mixed-radix key (as {@link addKeyDigits} makes it, field by field) into `rowKeys`, and whether two rows
 * have the same key (each from 0 to space − 1, one bit per key). One loop over the rows for every field and the
 * check: run once per resource, each loop of its own (one per key field, then the check) was interpreted until
 * optimised on the stack (OSR), 4 times over the 60,000 rows of the embedded indicators.csv.
 */
function keyRowsAnyRepeated(rowKeys: Int32Array, coded: readonly CodedColumn[], space: number): boolean {
  const seenBits = new Uint8Array((space + 7) >>> 3);
  const fields = coded.map((c) => c.codes);
  const radices = Int32Array.from(coded, (c) => c.values.length);
  const last = fields.length - 1;
  let repeated = false;
  for (let r = 0; r < rowKeys.length; r++) {
    let key = 0;
    for (let f = 0; f < last; f++) key = (key + fields[f][r]) * radices[f + 1];
    key += fields[last][r];
    rowKeys[r] = key;
    const bit = 1 << (key & 7);
    if ((seenBits[key >>> 3] & bit) !== 0) repeated = true;
    seenBits[key >>> 3] |= bit;
  }
  return repeated;
}

/** Append one key field to each row's mixed-radix key: key = key × (the field's distinct values) + code. */
function addKeyDigits(keys: Float64Array | Int32Array, coded: CodedColumn): void {
  const radix = coded.values.length;
  const codes = coded.codes;
  for (let r = 0; r < keys.length; r++) keys[r] = keys[r] * radix + codes[r];
}

/** For each row, the 1-based row where its key was first seen (0: new there; else the row marked in `flags`), with a map. */
function firstRowsByMap(keys: ArrayLike<number | string>, first: Int32Array, flags: Uint8Array): void {
  const seen = new Map<number | string, number>();
  for (let r = 0; r < keys.length; r++) {
    const at = seen.get(keys[r]);
    if (at === undefined) seen.set(keys[r], r + 1);
    else {
      first[r] = at;
      flags[r] = 1;
    }
  }
}

