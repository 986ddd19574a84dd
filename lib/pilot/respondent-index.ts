/**
 * Dense ids for respondents, in order of first appearance, with memory that grows by about 16 bytes per
 * distinct respondent rather than with the file: a pseudonym (`ps_` + 16 lowercase hex digits, the only form
 * an imported file holds) is kept as its 64-bit value in an open-addressing table; any other id (hand-made
 * test files, library callers) goes to a byte interner. Two ids get the same dense id exactly when their bytes
 * are equal, as with interning the bytes themselves.
 */
import { ByteInterner } from "../data/byte-interner";
import { PSEUDONYM_HEX_DIGITS, PSEUDONYM_PREFIX } from "./pseudonymise";

const PREFIX_BYTES = Buffer.from(PSEUDONYM_PREFIX, "ascii");
const PSEUDONYM_BYTES = PREFIX_BYTES.length + PSEUDONYM_HEX_DIGITS;
const INITIAL_SLOTS = 1024;
/** Pre-sizing stops here (4 M respondents: 32 MB of slots and 32 MB of keys); beyond it the table grows. */
export const MAX_PRESIZED_RESPONDENTS = 1 << 22;

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
  private keys: Int32Array;
  /** dense id + 1 per slot; 0 = empty */
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  private readonly others = new ByteInterner();
  /** dense id of each key of `others` */
  private otherIds = new Int32Array(64);

  /**
   * @param expectedRespondents how many respondents are expected (sizes the table once instead of growing it
   *   step by step; at most {@link MAX_PRESIZED_RESPONDENTS} are sized for, beyond that the table grows)
   */
  constructor(expectedRespondents = 0) {
    let slots = 2 * INITIAL_SLOTS;
    while (slots < 2 * Math.min(expectedRespondents, MAX_PRESIZED_RESPONDENTS)) slots *= 2;
    this.slots = new Int32Array(slots);
    this.mask = slots - 1;
    this.keys = new Int32Array(slots);
  }

  /** Number of distinct respondents. */
  get size(): number {
    return this.count;
  }

  /**
   * Read the table slots of pseudonyms (hi[k], lo[k]), k < count, one right after another, so that their cache
   * misses overlap (a CPU fetches independent memory lines in parallel) instead of stalling one
   * {@link internPseudonym} call each (≈ 50 ms less per third of a million new respondents when read well ahead
   * of their use; read just before it, as PseudonymBatch.hashQueued does, the difference was within noise).
   * Changes nothing; returns a value derived from the slots only so that the reads are not optimised away.
   */
  warmSlots(hi: Int32Array, lo: Int32Array, count: number): number {
    let touched = 0;
    for (let k = 0; k < count; k++) touched ^= this.slots[mix(hi[k], lo[k]) & this.mask];
    return touched;
  }

  /** Dense id of the pseudonym with 64-bit value (hi, lo), added when new. */
  internPseudonym(hi: number, lo: number): number {
    const keys = this.keys;
    let slot = mix(hi, lo) & this.mask;
    for (;;) {
      const idPlus1 = this.slots[slot];
      if (idPlus1 === 0) break;
      const k = 2 * (idPlus1 - 1);
      if (keys[k] === hi && keys[k + 1] === lo) return idPlus1 - 1;
      slot = (slot + 1) & this.mask;
    }
    const id = this.newId();
    this.storePseudonym(id, hi, lo, slot);
    return id;
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

  private newId(): number {
    return this.count++;
  }

  private storePseudonym(id: number, hi: number, lo: number, slot: number): void {
    if (2 * id + 1 >= this.keys.length) {
      const grown = new Int32Array(2 * this.keys.length);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[2 * id] = hi;
    this.keys[2 * id + 1] = lo;
    this.slots[slot] = id + 1;
    // load factor: at most 1/2 of the slots hold a pseudonym
    if (2 * (id + 1) > this.mask + 1) this.rehash();
  }

  private rehash(): void {
    const size = 2 * (this.mask + 1);
    const slots = new Int32Array(size);
    const mask = size - 1;
    const old = this.slots;
    for (let s = 0; s < old.length; s++) {
      const idPlus1 = old[s];
      if (idPlus1 === 0) continue;
      const k = 2 * (idPlus1 - 1);
      let slot = mix(this.keys[k], this.keys[k + 1]) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = idPlus1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
