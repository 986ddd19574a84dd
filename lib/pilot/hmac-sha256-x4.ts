/**
 * HMAC-SHA256 (RFC 2104 over FIPS 180-4 SHA-256) of four short messages at once, one per 32-bit lane of
 * WebAssembly's 128-bit SIMD: the same rounds as lib/pilot/hmac-sha256.ts, on four messages side by side, for
 * about 2.5× less CPU per message than the one-at-a-time JavaScript (the pilot tally hashes a third of a million
 * respondent ids per million records). Only the first 64 bits of each digest are returned, as a pseudonym keeps.
 *
 * The WebAssembly module (one function `digest4`) is written by lib/pilot/hmac-sha256-x4-wasm.ts from the round
 * definition there and shipped as base64 (lib/pilot/hmac-sha256-x4-module.ts; a test checks the two agree).
 * Messages of at most 55 bytes fit one block; longer ones are left to {@link HmacSha256Prefix}. Where
 * WebAssembly SIMD is missing, {@link HmacSha256PrefixX4.create} returns null and callers hash one at a time.
 */
import { ONE_BLOCK_MESSAGE_MAX_BYTES, hmacKeyStates } from "./hmac-sha256";
import { DIGEST4_MODULE_BASE64 } from "./hmac-sha256-x4-module";
// the layout alone, not the generator (hmac-sha256-x4-wasm.ts): every pilot run loads this file
import { BLOCK_BYTES, BLOCKS_AT, HI_AT, INNER_AT, LANES, LO_AT, OUTER_AT } from "./hmac-sha256-x4-layout";
import type { WasmApi, WasmModule } from "../wasm-api";

export { LANES } from "./hmac-sha256-x4-layout";

/** What the module exports. */
interface WasmExports {
  memory: { buffer: ArrayBuffer };
  digest4: () => void;
}
const WASM = (globalThis as { WebAssembly?: WasmApi<WasmExports> }).WebAssembly;
let compiled: WasmModule | null | undefined;

/** The compiled module, or null when this runtime has no WebAssembly SIMD (built once per process). */
function compiledModule(): WasmModule | null {
  if (compiled === undefined) {
    const bytes = Buffer.from(DIGEST4_MODULE_BASE64, "base64");
    compiled = WASM !== undefined && WASM.validate(bytes) ? new WASM.Module(bytes) : null;
  }
  return compiled;
}

/**
 * The first 64 bits of HMAC-SHA256(key, message) for four messages of at most 55 bytes at a time.
 * @example
 * const h = HmacSha256PrefixX4.create(key)!;
 * h.setMessage(0, Buffer.from("child-0001"), 0, 10); // lanes 1–3 likewise (unset lanes hash what they hold)
 * h.run();
 * h.hi(0), h.lo(0) // = new HmacSha256Prefix(key) digesting "child-0001": .hi, .lo
 */
export class HmacSha256PrefixX4 {
  private readonly bytes: Uint8Array;
  private readonly words: Int32Array;
  private readonly digest4: () => void;
  /** Length of the message in each lane (its block is zero after its 0x80 byte up to the length field). */
  private readonly lengths = new Int32Array(LANES);

  private constructor(exports: WasmExports, key: Uint8Array) {
    this.bytes = new Uint8Array(exports.memory.buffer);
    this.words = new Int32Array(exports.memory.buffer);
    this.digest4 = exports.digest4;
    const states = hmacKeyStates(key);
    this.words.set(states.inner, INNER_AT / 4);
    this.words.set(states.outer, OUTER_AT / 4);
  }

  /** A hasher for `key`, or null where WebAssembly SIMD is not available. */
  static create(key: Uint8Array): HmacSha256PrefixX4 | null {
    const module = compiledModule();
    return module === null || WASM === undefined ? null : new HmacSha256PrefixX4(new WASM.Instance(module, {}).exports, key);
  }

  /** Longest message a lane takes. */
  static readonly MAX_MESSAGE_BYTES = ONE_BLOCK_MESSAGE_MAX_BYTES;

  /** Put message bytes[start, end) (at most 55 bytes) in `lane`, with its SHA-256 padding after the key block. */
  setMessage(lane: number, bytes: Uint8Array, start: number, end: number): void {
    const n = end - start;
    const block = this.bytes;
    const at = BLOCKS_AT + lane * BLOCK_BYTES;
    for (let i = 0; i < n; i++) block[at + i] = bytes[start + i];
    block[at + n] = 0x80;
    // zeros up to the length field: only where the lane's previous message (and its 0x80) lay beyond this one
    const previous = this.lengths[lane];
    for (let i = n + 1; i <= previous; i++) block[at + i] = 0;
    this.lengths[lane] = n;
    const bits = (BLOCK_BYTES + n) * 8; // under 2^16: the last two bytes of the 64-bit big-endian length
    block[at + BLOCK_BYTES - 4] = 0;
    block[at + BLOCK_BYTES - 3] = 0;
    block[at + BLOCK_BYTES - 2] = bits >>> 8;
    block[at + BLOCK_BYTES - 1] = bits & 0xff;
  }

  /**
   * Zero every lane's message bytes (and forget their lengths), so that no identifier stays in the instance's memory
   * once its digest is read: a hasher kept for later messages (lib/returns/pseudonym-queue.ts pools them) would
   * otherwise hold the last four identifiers for as long as it is kept.
   */
  clearMessages(): void {
    const block = this.bytes;
    for (let lane = 0; lane < LANES; lane++) {
      const at = BLOCKS_AT + lane * BLOCK_BYTES;
      for (let i = this.lengths[lane]; i >= 0; i--) block[at + i] = 0;
      this.lengths[lane] = 0;
    }
  }

  /** Hash the four lanes. */
  run(): void {
    this.digest4();
  }

  /** First 32-bit big-endian word of lane's digest (as HmacSha256Prefix.hi). */
  hi(lane: number): number {
    return this.words[HI_AT / 4 + lane];
  }

  /** Second word of lane's digest (as HmacSha256Prefix.lo). */
  lo(lane: number): number {
    return this.words[LO_AT / 4 + lane];
  }
}
