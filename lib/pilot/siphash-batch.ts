/**
 * SipHash-2-4 of up to 32 messages per call, in WebAssembly on 64-bit integers: the pilot tally's new respondents'
 * ids are copied in as they come and hashed together when their respondents are looked up
 * (lib/pilot/pending-respondents.ts). The same function as {@link SipHash24} (the JavaScript one, over 32-bit halves):
 * the bench's 333,333 ids of 19 bytes hash in ≈ 7 ms and are copied in ≈ 10 ms, where SipHash24 took 31–58 ms (load
 * 6–10). The module (one function `hash`) is written by lib/pilot/siphash-batch-wasm.ts
 * and shipped as base64 (lib/pilot/siphash-batch-module.ts; a test checks the two agree). Where WebAssembly is
 * missing (node --jitless), {@link SipHash24} hashes the same bytes.
 */
import { SIPHASH_BATCH_MODULE_BASE64 } from "./siphash-batch-module";
import { BATCH, ENDS_AT, HI_AT, INIT_AT, INITIAL_PAGES, LO_AT, MESSAGES_AT, READ_PAST_END, STARTS_AT } from "./siphash-batch-layout";
import { SipHash24, sipHashInitialState } from "./siphash";
import type { WasmApi, WasmModule } from "../wasm-api";

export { BATCH as SIPHASH_BATCH } from "./siphash-batch-layout";

/** What the module exports. */
interface WasmExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  hash: (n: number) => void;
}
const WASM = (globalThis as { WebAssembly?: WasmApi<WasmExports> }).WebAssembly;
const PAGE_BYTES = 1 << 16;
let compiled: WasmModule | undefined;

/** The views of the module's memory the hasher uses: bytes, words, and the per-message tables. */
function views(buffer: ArrayBuffer): [Uint8Array, DataView, Int32Array, Int32Array, Int32Array, Int32Array] {
  const table = (at: number) => new Int32Array(buffer, at, BATCH);
  return [new Uint8Array(buffer), new DataView(buffer), table(HI_AT), table(LO_AT), table(STARTS_AT), table(ENDS_AT)];
}

/**
 * Messages queued by {@link add} and hashed together by {@link hashAll}: message k's output in hi[k], lo[k].
 * @example
 * const h = new SipHash24Batch(key);
 * h.add(Buffer.from("child-0001"), 0, 10); // message 0
 * h.hashAll();
 * [h.hi[0], h.lo[0]] // = new SipHash24(key) hashing "child-0001": [.hi, .lo]
 * h.clear();
 */
export class SipHash24Batch {
  /** Messages queued. */
  count = 0;
  /** High 32 bits of each output after {@link hashAll} (signed, as SipHash24.hi). */
  hi: Int32Array;
  /** Low 32 bits of each output. */
  lo: Int32Array;
  private memory: Uint8Array;
  /** The memory, to copy four bytes at a time (the byte order kept: read and written big-endian). */
  private words: DataView;
  private starts: Int32Array;
  private ends: Int32Array;
  private used = MESSAGES_AT;
  private readonly exports: WasmExports | null;
  /** Where WebAssembly is missing: hashes each message in JavaScript. */
  private readonly fallback: SipHash24 | null;

  /** @throws InputError when the key is not 16 bytes (as SipHash24) */
  constructor(key: Uint8Array) {
    const fallback = new SipHash24(key);
    if (WASM !== undefined) {
      compiled ??= new WASM.Module(Buffer.from(SIPHASH_BATCH_MODULE_BASE64, "base64"));
      this.exports = new WASM.Instance(compiled, {}).exports;
      this.fallback = null;
    } else {
      this.exports = null;
      this.fallback = fallback;
    }
    const buffer = this.exports ? this.exports.memory.buffer : new ArrayBuffer(INITIAL_PAGES * PAGE_BYTES);
    [this.memory, this.words, this.hi, this.lo, this.starts, this.ends] = views(buffer);
    new Int32Array(buffer, INIT_AT, 8).set(sipHashInitialState(key));
  }

  /** True when another message of `bytes` bytes can be queued (else hash and clear first: {@link add} would grow memory). */
  fits(bytes: number): boolean {
    return this.count < BATCH && this.used + bytes + READ_PAST_END <= this.memory.length;
  }

  /**
   * Queue message bytes[start, end) (not when {@link BATCH} are queued); returns its number k. `view`, when given, is a
   * DataView of `bytes` (all of it): the message is then copied four bytes at a time (≈ half the CPU for an id of 19).
   */
  add(bytes: Uint8Array, start: number, end: number, view: DataView | null = null): number {
    const k = this.count++;
    if (this.used + (end - start) + READ_PAST_END > this.memory.length) this.grow(end - start);
    let at = this.used, i = start;
    this.starts[k] = at;
    if (view !== null) {
      const words = this.words;
      for (; i + 4 <= end; i += 4, at += 4) words.setInt32(at, view.getInt32(i));
    }
    const memory = this.memory;
    for (; i < end; i++) memory[at++] = bytes[i];
    this.ends[k] = at;
    this.used = at;
    return k;
  }

  /** Hash the queued messages into hi, lo. */
  hashAll(): void {
    if (this.exports !== null) return this.exports.hash(this.count);
    const h = this.fallback!;
    for (let k = 0; k < this.count; k++) {
      h.hash(this.memory, this.starts[k], this.ends[k]);
      this.hi[k] = h.hi;
      this.lo[k] = h.lo;
    }
  }

  /** Forget the queued messages, their bytes zeroed (no id stays in memory once hashed). */
  clear(): void {
    this.memory.fill(0, MESSAGES_AT, this.used);
    this.used = MESSAGES_AT;
    this.count = 0;
  }

  /** Memory for a message of `bytes` bytes after those queued (pages added; the views are made again). */
  private grow(bytes: number): void {
    const needed = this.used + bytes + READ_PAST_END;
    const pages = Math.ceil((needed - this.memory.length) / PAGE_BYTES);
    let buffer: ArrayBuffer;
    if (this.exports !== null) {
      this.exports.memory.grow(pages);
      buffer = this.exports.memory.buffer;
    } else {
      const bigger = new Uint8Array(this.memory.length + pages * PAGE_BYTES);
      bigger.set(this.memory);
      buffer = bigger.buffer;
    }
    [this.memory, this.words, this.hi, this.lo, this.starts, this.ends] = views(buffer);
  }
}
