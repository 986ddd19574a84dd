/**
 * Interning of byte strings without allocating a JavaScript string per lookup: the aggregator of pilot
 * records maps each CSV field (a byte range of the file's Buffer) to a small integer id.
 *
 * Open addressing with linear probing on a 32-bit FNV-1a hash (Fowler, Noll & Vo); keys are copied into
 * one growing byte arena. Load factor is kept below 1/2.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const INITIAL_SLOTS = 64;

/** FNV-1a over bytes[start, end). */
export function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
  return h >>> 0;
}

/** A set of byte strings, each with a dense id 0, 1, 2… in order of first insertion. */
export class ByteInterner {
  private slots: Int32Array;
  private hashes: Uint32Array = new Uint32Array(16);
  private starts: Int32Array = new Int32Array(16);
  private lengths: Int32Array = new Int32Array(16);
  private arena: Uint8Array = new Uint8Array(1024);
  private arenaUsed = 0;
  private count = 0;

  constructor(keys: readonly string[] = []) {
    this.slots = new Int32Array(INITIAL_SLOTS).fill(-1);
    for (const k of keys) {
      const b = Buffer.from(k, "utf8");
      this.intern(b, 0, b.length);
    }
  }

  /** Number of distinct keys. */
  get size(): number {
    return this.count;
  }

  private equals(id: number, bytes: Uint8Array, start: number, end: number): boolean {
    const len = end - start;
    if (this.lengths[id] !== len) return false;
    const s = this.starts[id];
    const a = this.arena;
    for (let i = 0; i < len; i++) if (a[s + i] !== bytes[start + i]) return false;
    return true;
  }

  /** Id of bytes[start, end), or -1 when absent. */
  lookup(bytes: Uint8Array, start: number, end: number): number {
    const h = fnv1a(bytes, start, end);
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const id = this.slots[slot];
      if (id < 0) return -1;
      if (this.hashes[id] === h && this.equals(id, bytes, start, end)) return id;
      slot = (slot + 1) & mask;
    }
  }

  /** Id of bytes[start, end), adding the key when absent. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    const h = fnv1a(bytes, start, end);
    let mask = this.slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const id = this.slots[slot];
      if (id < 0) break;
      if (this.hashes[id] === h && this.equals(id, bytes, start, end)) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.count++;
    if (id >= this.hashes.length) this.growKeys();
    const len = end - start;
    if (this.arenaUsed + len > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len));
      bigger.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = bigger;
    }
    this.arena.set(bytes.subarray(start, end), this.arenaUsed);
    this.starts[id] = this.arenaUsed;
    this.lengths[id] = len;
    this.hashes[id] = h;
    this.arenaUsed += len;
    if (this.count * 2 > this.slots.length) {
      this.rehash();
      mask = this.slots.length - 1;
      slot = h & mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & mask;
    }
    this.slots[slot] = id;
    return id;
  }

  /** The key of an id, as text. */
  key(id: number): string {
    return Buffer.from(this.arena.buffer, this.arena.byteOffset + this.starts[id], this.lengths[id]).toString("utf8");
  }

  private growKeys(): void {
    const n = this.hashes.length * 2;
    const h = new Uint32Array(n);
    h.set(this.hashes);
    const s = new Int32Array(n);
    s.set(this.starts);
    const l = new Int32Array(n);
    l.set(this.lengths);
    this.hashes = h;
    this.starts = s;
    this.lengths = l;
  }

  private rehash(): void {
    // called after the new key's id was assigned but before it is placed: place ids 0..count-2
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.count - 1; id++) {
      let slot = this.hashes[id] & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

/** A set of non-negative integer keys below 2⁵³ (open addressing on a Float64Array). */
export class NumberSet {
  private table: Float64Array = new Float64Array(1024).fill(-1);
  private count = 0;

  /** Adds `key`; returns false when it was already present. */
  add(key: number): boolean {
    let mask = this.table.length - 1;
    // multiplicative hash of the low and high 32 bits
    let slot = (Math.imul((key >>> 0) ^ Math.floor(key / 4294967296), 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const v = this.table[slot];
      if (v === -1) break;
      if (v === key) return false;
      slot = (slot + 1) & mask;
    }
    this.table[slot] = key;
    this.count++;
    if (this.count * 2 > this.table.length) {
      const old = this.table;
      this.table = new Float64Array(old.length * 2).fill(-1);
      mask = this.table.length - 1;
      for (let i = 0; i < old.length; i++) {
        const k = old[i];
        if (k === -1) continue;
        let s = (Math.imul((k >>> 0) ^ Math.floor(k / 4294967296), 0x9e3779b1) >>> 0) & mask;
        while (this.table[s] !== -1) s = (s + 1) & mask;
        this.table[s] = k;
      }
    }
    return true;
  }

  get size(): number {
    return this.count;
  }
}
