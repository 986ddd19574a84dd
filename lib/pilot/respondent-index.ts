/**
 * Dense ids for respondents, in order of first appearance, with memory that grows by about 16 bytes per
 * distinct respondent rather than with the file: a 64-bit value — the keyed hash of a raw id (the pilot tally,
 * lib/pilot/siphash.ts), or a pseudonym read from a file (`ps_` + 16 lowercase hex digits, the form the
 * pseudonymised record files hold) — is kept in an open-addressing table; any other id (hand-made test files,
 * library callers) goes to a byte interner. Two ids get the same dense id exactly when their bytes
 * are equal, as with interning the bytes themselves.
 *
 * Each slot of the table holds the dense id and the pseudonym's high 32 bits side by side, the low 32 bits are
 * kept by dense id: a probe reads one cache line and looks up the low bits only when the high bits match (the
 * third of a million new respondents of a million records each probe a random slot: a second, dependent cache
 * miss per occupied slot met cost more than the table's cost in memory).
 */
import { ByteInterner } from "../data/byte-interner";
import { InputError } from "../errors";
import { PSEUDONYM_HEX_DIGITS, PSEUDONYM_PREFIX } from "./pseudonymise";

const PREFIX_BYTES = Buffer.from(PSEUDONYM_PREFIX, "ascii");
const PSEUDONYM_BYTES = PREFIX_BYTES.length + PSEUDONYM_HEX_DIGITS;
const INITIAL_SLOTS = 1024;
/** Pre-sizing stops here (4 M respondents: 64 MB of slots and 16 MB of low words); beyond it the table grows. */
export const MAX_PRESIZED_RESPONDENTS = 1 << 22;
/**
 * Load factors of the table (linear probing): sized for the expected respondents at most 3/4 full (an unsuccessful
 * probe then reads ≈ 8 slots, one cache line), doubled only past 7/8 (so that an estimate a little short, as the
 * 20 M-record bench's 6.7 M respondents for 5.4 M expected, does not double a 64 MB table at its peak).
 */
const SIZED_LOAD = 3 / 4, MAX_LOAD = 7 / 8;

/** Value of a lowercase hex digit byte, or -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Mix two 32-bit words into a table hash (murmur3's finaliser constants). */
function mix(hi: number, lo: number): number {
  let h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Respondent ids to dense integers 0, 1, 2… (first appearance), for 64-bit pseudonyms or any bytes.
 * @example
 * const ids = new RespondentIndex();
 * ids.internPseudonym(0x12345678, 0x9abcdef0) // 0
 * ids.intern(Buffer.from("ps_123456789abcdef0"), 0, 19) // 0 (the same pseudonym, as text)
 */
export class RespondentIndex {
  /** low 32 bits of each pseudonym, by dense id */
  private lows: Int32Array;
  /** per slot: [dense id + 1 (0 = empty), high 32 bits] */
  private slots: Int32Array;
  /** slots − 1 (a power of two minus one) */
  private mask: number;
  private count = 0;
  /** pseudonyms in the table (the other ids are in `others`) */
  private pseudonyms = 0;
  private readonly others = new ByteInterner();
  /** dense id of each key of `others` */
  private otherIds = new Int32Array(64);
  /** What internPseudonyms read ahead (unused otherwise). */
  protected touched = 0;

  /**
   * @param expectedRespondents how many respondents are expected (sizes the table once instead of growing it
   *   step by step; at most {@link MAX_PRESIZED_RESPONDENTS} are sized for, beyond that the table grows)
   */
  constructor(expectedRespondents = 0) {
    const expected = Math.min(expectedRespondents, MAX_PRESIZED_RESPONDENTS);
    let slots = INITIAL_SLOTS;
    while (slots * SIZED_LOAD < expected) slots *= 2;
    this.slots = new Int32Array(2 * slots);
    this.mask = slots - 1;
    // room for as many as the table takes before it doubles (only the entries written are touched)
    this.lows = new Int32Array(Math.ceil(slots * MAX_LOAD) + 1);
  }

  /** Number of distinct respondents. */
  get size(): number {
    return this.count;
  }

  /** Dense id of the pseudonym with 64-bit value (hi, lo), added when new (each word signed or unsigned: 0x9abcdef0 and 0x9abcdef0 | 0 are one). */
  internPseudonym(hi: number, lo: number): number {
    hi |= 0; // as an Int32Array holds them: an unsigned word above 2^31 would never equal what was stored
    lo |= 0;
    const slots = this.slots;
    let slot = mix(hi, lo) & this.mask;
    for (;;) {
      const idPlus1 = slots[2 * slot];
      if (idPlus1 === 0) break;
      if (slots[2 * slot + 1] === hi && this.lows[idPlus1 - 1] === lo) return idPlus1 - 1;
      slot = (slot + 1) & this.mask;
    }
    const id = this.newId();
    this.storePseudonym(id, hi, lo, slot);
    return id;
  }

  /**
   * {@link internPseudonym} of (hi[k], lo[k]) for k = 0 … n − 1, in that order, the dense ids into ids[k]. The slots
   * they probe first are read together beforehand, n loads that depend on nothing but their values: the processor
   * overlaps their cache misses, which one lookup after another, with a row's work between, it does not.
   */
  internPseudonyms(hi: Int32Array, lo: Int32Array, n: number, ids: Int32Array): void {
    const slots = this.slots, mask = this.mask;
    let seen = 0;
    for (let k = 0; k < n; k++) seen |= slots[2 * (mix(hi[k], lo[k]) & mask)];
    this.touched = seen; // kept, so that the loads are not left out as unused
    for (let k = 0; k < n; k++) ids[k] = this.internPseudonym(hi[k], lo[k]);
  }

  /** Dense id of the respondent id bytes[start, end), added when new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    if (end - start === PSEUDONYM_BYTES && bytes[start] === PREFIX_BYTES[0] && bytes[start + 1] === PREFIX_BYTES[1] && bytes[start + 2] === PREFIX_BYTES[2]) {
      let hi = 0, lo = 0, ok = true;
      for (let i = 0; i < 8 && ok; i++) {
        const a = hexValue(bytes[start + 3 + i]);
        const b = hexValue(bytes[start + 11 + i]);
        ok = a >= 0 && b >= 0;
        hi = (hi << 4) | a;
        lo = (lo << 4) | b;
      }
      if (ok) return this.internPseudonym(hi, lo);
    }
    const before = this.others.size;
    const k = this.others.intern(bytes, start, end);
    if (k < before) return this.otherIds[k];
    if (k >= this.otherIds.length) {
      const grown = new Int32Array(2 * this.otherIds.length);
      grown.set(this.otherIds);
      this.otherIds = grown;
    }
    return (this.otherIds[k] = this.newId());
  }

  /**
   * Make room for `count` respondents in all without the table doubling on the way (it doubles now, as often as
   * needed, placing every pseudonym again). Before taking in another table's pseudonyms in that table's slot order
   * ({@link pseudonymWords}): keys that come in order of their home slot pile up into one run that every later key
   * walks past wherever the table holds more keys than slots-worth (a table of 1 M slots with 800,000 keys took
   * 800,000 more that way in 36 s of CPU, doubling on the way; with the room made first, 76 ms, the doubling included).
   */
  reserve(count: number): void {
    while (count > (this.mask + 1) * MAX_LOAD) this.rehash();
  }

  /**
   * Every pseudonym as its 64-bit value (`hi[k]`, `lo[k]`) and dense id (`id[k]`), in the order of the table's slots:
   * what another thread's index needs to take them in (lib/pilot/tally-merge.ts). Taken in in this order, they fall
   * into a table of like size one slot after another (its hash order) instead of at random: ≈ 4 ms instead of ≈ 17 ms
   * for 150,000 into a table of 180,000. Only an index of pseudonyms alone has them all.
   * @throws InputError when the index holds ids that are not pseudonyms (they have no 64-bit value)
   */
  pseudonymWords(): { hi: Int32Array; lo: Int32Array; id: Int32Array } {
    if (this.pseudonyms !== this.count) throw new InputError("RespondentIndex.pseudonymWords", "every id must be a pseudonym (ids of other forms)", this.count - this.pseudonyms);
    const hi = new Int32Array(this.count), lo = new Int32Array(this.count), id = new Int32Array(this.count);
    const slots = this.slots;
    for (let s = 0, k = 0; s < slots.length; s += 2) {
      if (slots[s] === 0) continue;
      id[k] = slots[s] - 1;
      hi[k] = slots[s + 1];
      lo[k++] = this.lows[slots[s] - 1];
    }
    return { hi, lo, id };
  }

  private newId(): number {
    return this.count++;
  }

  private storePseudonym(id: number, hi: number, lo: number, slot: number): void {
    if (id >= this.lows.length) {
      const grown = new Int32Array(2 * this.lows.length);
      grown.set(this.lows);
      this.lows = grown;
    }
    this.lows[id] = lo;
    this.slots[2 * slot] = id + 1;
    this.slots[2 * slot + 1] = hi;
    this.pseudonyms++;
    if (this.pseudonyms > (this.mask + 1) * MAX_LOAD) this.rehash();
  }

  /** Double the table and place every pseudonym again. */
  private rehash(): void {
    const size = 2 * (this.mask + 1);
    const slots = new Int32Array(2 * size);
    const mask = size - 1;
    const old = this.slots;
    for (let s = 0; s < old.length; s += 2) {
      const idPlus1 = old[s];
      if (idPlus1 === 0) continue;
      const hi = old[s + 1];
      let slot = mix(hi, this.lows[idPlus1 - 1]) & mask;
      while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = idPlus1;
      slots[2 * slot + 1] = hi;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
