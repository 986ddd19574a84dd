/**
 * Interning of byte strings without allocating a JavaScript string per lookup: the aggregator of pilot
 * records maps each CSV field (a byte range of the file's Buffer) to a small integer id ({@link ByteInterner}),
 * and the package reader gives each text cell a code and its column one decoded string per distinct text
 * ({@link InternedTexts}: the 1.44 M la_code cells of a large package are 150 strings, each decoded once).
 *
 * Open addressing with linear probing on a 32-bit FNV-1a hash (Fowler, Noll & Vo); keys are copied into
 * one growing byte arena. Load factor is kept below 1/2.
 */
import { Buffer } from "node:buffer";

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const INITIAL_SLOTS = 64;
/** Pre-sizing stops here (4 M keys, a 64 MB table); beyond it the table grows as keys come. */
const MAX_PRESIZED_KEYS = 1 << 22;

/**
 * FNV-1a 32-bit hash over bytes[start, end) (Fowler–Noll–Vo; offset basis 2166136261, prime 16777619).
 * @example
 * fnv1a(Buffer.from("a"), 0, 1) // 0xe40c292c
 */
export function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
  return h >>> 0;
}

/**
 * A set of byte strings, each with a dense id 0, 1, 2… in order of first insertion. The table stores
 * (id, hash) pairs side by side so that a probe touches one cache line before comparing bytes.
 */
export class ByteInterner {
  /** Pairs [id + 1, hash] per slot; id + 1 = 0 marks an empty slot. */
  private slots: Int32Array;
  private slotMask: number;
  private starts: Int32Array = new Int32Array(16);
  private lengths: Int32Array = new Int32Array(16);
  private hashes: Int32Array = new Int32Array(16);
  private arena: Uint8Array = new Uint8Array(1024);
  private arenaUsed = 0;
  private count = 0;

  /**
   * @param keys keys to add first (ids 0, 1, … in this order)
   * @param expectedKeys how many keys are expected in all: sizes the table once instead of growing it
   */
  constructor(keys: readonly string[] = [], expectedKeys = 0) {
    let slots = INITIAL_SLOTS;
    while (slots < 2 * Math.min(expectedKeys, MAX_PRESIZED_KEYS)) slots *= 2;
    this.slots = new Int32Array(2 * slots);
    this.slotMask = slots - 1;
    for (const k of keys) {
      const b = Buffer.from(k, "utf8");
      this.intern(b, 0, b.length);
    }
  }

  /** Number of distinct keys. */
  get size(): number {
    return this.count;
  }

  /** True when key `id` equals bytes[start, end) (a cheap check of a predicted id). */
  matches(id: number, bytes: Uint8Array, start: number, end: number): boolean {
    return id >= 0 && id < this.count && this.equals(id, bytes, start, end);
  }

  private equals(id: number, bytes: Uint8Array, start: number, end: number): boolean {
    const len = end - start;
    if (this.lengths[id] !== len) return false;
    const s = this.starts[id];
    const a = this.arena;
    for (let i = 0; i < len; i++) if (a[s + i] !== bytes[start + i]) return false;
    return true;
  }

  /** Slot index (pair index) of bytes[start, end), or of the empty slot where it would go. */
  private find(bytes: Uint8Array, start: number, end: number, h: number): number {
    const slots = this.slots;
    const mask = this.slotMask;
    let slot = h & mask;
    for (;;) {
      const idPlus1 = slots[2 * slot];
      if (idPlus1 === 0) return slot;
      if (slots[2 * slot + 1] === h && this.equals(idPlus1 - 1, bytes, start, end)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Id of bytes[start, end), or -1 when absent. */
  lookup(bytes: Uint8Array, start: number, end: number): number {
    const slot = this.find(bytes, start, end, fnv1a(bytes, start, end) | 0);
    return this.slots[2 * slot] - 1;
  }

  /** Id of bytes[start, end), adding the key when absent. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    const h = fnv1a(bytes, start, end) | 0;
    let slot = this.find(bytes, start, end, h);
    const found = this.slots[2 * slot];
    if (found !== 0) return found - 1;
    const id = this.count++;
    if (id >= this.starts.length) this.growKeys();
    const len = end - start;
    if (this.arenaUsed + len > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len));
      bigger.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = bigger;
    }
    const arena = this.arena;
    const at = this.arenaUsed;
    for (let i = 0; i < len; i++) arena[at + i] = bytes[start + i];
    this.starts[id] = at;
    this.lengths[id] = len;
    this.hashes[id] = h;
    this.arenaUsed += len;
    if (this.count * 2 > this.slotMask + 1) {
      this.rehash(id);
      slot = this.find(bytes, start, end, h);
    }
    this.slots[2 * slot] = id + 1;
    this.slots[2 * slot + 1] = h;
    return id;
  }

  /** The key of an id, as text. */
  key(id: number): string {
    return Buffer.from(this.arena.buffer, this.arena.byteOffset + this.starts[id], this.lengths[id]).toString("utf8");
  }

  private growKeys(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    const l = new Int32Array(n);
    l.set(this.lengths);
    const h = new Int32Array(n);
    h.set(this.hashes);
    this.starts = s;
    this.lengths = l;
    this.hashes = h;
  }

  /** Double the table and re-place ids 0 … pending − 1 (id `pending` is placed by the caller). */
  private rehash(pending: number): void {
    const size = 2 * (this.slotMask + 1);
    const slots = new Int32Array(2 * size);
    const mask = size - 1;
    for (let id = 0; id < pending; id++) {
      const h = this.hashes[id];
      let slot = h & mask;
      while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = id + 1;
      slots[2 * slot + 1] = h;
    }
    this.slots = slots;
    this.slotMask = mask;
  }
}

/**
 * Text cells by their UTF-8 bytes: dense codes (0, 1, 2, … in order of first appearance) from one
 * {@link ByteInterner}, and the distinct texts decoded once each into {@link values}. Valid UTF-8 decodes
 * one-to-one, so equal bytes ⟺ equal text. A run of equal cells (files sorted by indicator, period) is
 * answered by comparing with the previous cell's bytes, and a cell whose text came first after the previous
 * cell's (codes in order of first appearance) by comparing with that text, both without hashing.
 * @example
 * const t = new InternedTexts(); const b = Buffer.from("E06,E07,E06");
 * [t.codeOf(b, 0, 3), t.codeOf(b, 4, 7), t.codeOf(b, 8, 11)] // [0, 1, 0]; t.values // ["E06", "E07"]
 */
export class InternedTexts {
  /** The distinct texts, by code. */
  readonly values: string[] = [];
  private readonly bytes = new ByteInterner();
  private last = -1;

  /** The code of the text whose UTF-8 bytes are `buf[start, end)` (a new code when it is new). */
  codeOf(buf: Uint8Array, start: number, end: number): number {
    const last = this.last;
    if (this.bytes.matches(last, buf, start, end)) return last;
    // the text after the previous one, as the last time (a column cycling through the same texts in the same
    // order, as the indicator column of a file sorted by LA, period, indicator): checked without hashing
    if (this.bytes.matches(last + 1, buf, start, end)) return (this.last = last + 1);
    const code = this.bytes.intern(buf, start, end);
    if (code === this.values.length) this.values.push(this.bytes.key(code));
    return (this.last = code);
  }

  /**
   * Intern the texts pushed onto {@link values} from outside (the package reader's WebAssembly interning, whose codes
   * are their indexes), in order, so that they keep their codes here.
   */
  adoptValues(): void {
    for (let code = this.bytes.size; code < this.values.length; code++) {
      const bytes = Buffer.from(this.values[code], "utf8");
      this.bytes.intern(bytes, 0, bytes.length);
    }
  }

  /** The code of a text (a quoted cell, already unquoted). */
  codeOfText(text: string): number {
    const bytes = Buffer.from(text, "utf8");
    return this.codeOf(bytes, 0, bytes.length);
  }
}
