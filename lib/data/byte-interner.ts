/**
 * Interning of text cells read as UTF-8 bytes: equal bytes get one code and one string, without making a
 * string per cell (the 1.44 M la_code cells of a large package are 150 strings, each decoded once). Codes are
 * dense (0, 1, 2, … in order of first appearance). Valid UTF-8 decodes one-to-one, so equal bytes ⟺ equal text.
 */
import { Buffer } from "node:buffer";

/** Initial slots of the hash table (a power of two); it doubles when half full. */
const INITIAL_SLOTS = 64;
/** FNV-1a 32-bit offset basis and prime (Fowler, Noll, Vo; http://www.isthe.com/chongo/tech/comp/fnv/). */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Distinct texts by their UTF-8 bytes: {@link codeOf} gives a byte range's code, {@link values} the texts.
 * @example
 * const t = new ByteInterner(); const b = Buffer.from("E06,E07,E06");
 * [t.codeOf(b, 0, 3), t.codeOf(b, 4, 7), t.codeOf(b, 8, 11)] // [0, 1, 0]; t.values // ["E06", "E07"]
 */
export class ByteInterner {
  /** The distinct texts, by code. */
  readonly values: string[] = [];
  private pool = new Uint8Array(256);
  private poolUsed = 0;
  private starts: number[] = [];
  private ends: number[] = [];
  private slots = new Int32Array(INITIAL_SLOTS); // code + 1, 0 = empty
  private last = -1;

  /** The code of the text whose UTF-8 bytes are `buf[start, end)` (a new code when it is new). */
  codeOf(buf: Uint8Array, start: number, end: number): number {
    const last = this.last;
    if (last >= 0 && this.sameBytes(last, buf, start, end)) return last;
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i], FNV_PRIME);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const at = this.slots[slot];
      if (at === 0) break;
      if (this.sameBytes(at - 1, buf, start, end)) return (this.last = at - 1);
      slot = (slot + 1) & mask;
    }
    const code = this.add(buf, start, end);
    this.slots[slot] = code + 1;
    if (2 * this.values.length > this.slots.length) this.rehash();
    return (this.last = code);
  }

  /** The code of a text (a quoted cell, already unquoted). */
  codeOfText(text: string): number {
    const bytes = Buffer.from(text, "utf8");
    return this.codeOf(bytes, 0, bytes.length);
  }

  private sameBytes(code: number, buf: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[code];
    const to = this.ends[code];
    if (to - from !== end - start) return false;
    const pool = this.pool;
    for (let k = 0; k < to - from; k++) if (pool[from + k] !== buf[start + k]) return false;
    return true;
  }

  private add(buf: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (this.poolUsed + length > this.pool.length) {
      const bigger = new Uint8Array(Math.max(2 * this.pool.length, this.poolUsed + length));
      bigger.set(this.pool.subarray(0, this.poolUsed));
      this.pool = bigger;
    }
    this.pool.set(buf.subarray(start, end), this.poolUsed);
    this.starts.push(this.poolUsed);
    this.poolUsed += length;
    this.ends.push(this.poolUsed);
    this.values.push(Buffer.from(buf.buffer, buf.byteOffset + start, length).toString("utf8"));
    return this.values.length - 1;
  }

  private rehash(): void {
    const slots = new Int32Array(2 * this.slots.length);
    const mask = slots.length - 1;
    for (let code = 0; code < this.values.length; code++) {
      const from = this.starts[code];
      const to = this.ends[code];
      let hash = FNV_OFFSET;
      for (let i = from; i < to; i++) hash = Math.imul(hash ^ this.pool[i], FNV_PRIME);
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = code + 1;
    }
    this.slots = slots;
  }
}
