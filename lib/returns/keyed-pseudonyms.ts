/**
 * The keyed pseudonym of lib/pilot/pseudonymise (`ps_` + the first 16 hex digits of HMAC-SHA256(key, id)), the
 * same value computed faster for the millions of identifiers of a national returns year: HMAC (RFC 2104) hashes
 * `key ⊕ ipad` and `key ⊕ opad` as the first block of its inner and outer SHA-256; those two 64-byte blocks are
 * the same for every identifier, so their compressed states are computed once per key and each identifier then
 * costs one or two SHA-256 compressions (FIPS 180-4, §6.2) in plain JavaScript — about a tenth of a node:crypto
 * Hmac object per call. `tests/returns/keyed-pseudonyms.test.ts` checks it against `pseudonymise` bit for bit.
 */
import { InputError } from "../errors";
import { MIN_KEY_BYTES, PSEUDONYM_HEX_DIGITS, PSEUDONYM_PREFIX } from "../pilot/pseudonymise";
import { createHash } from "node:crypto";

/** SHA-256 block size in bytes (FIPS 180-4 §1); HMAC pads or hashes the key to it (RFC 2104 §2). */
const BLOCK_BYTES = 64;
/** HMAC's inner and outer pad bytes (RFC 2104 §2). */
const IPAD = 0x36;
const OPAD = 0x5c;

/** SHA-256 round constants (FIPS 180-4 §4.2.2). */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
/** SHA-256 initial hash value (FIPS 180-4 §5.3.3). */
const H0 = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

/** One SHA-256 compression of the 16 big-endian words w[0..15] into `state` (FIPS 180-4 §6.2.2); w is overwritten. */
function compress(state: Int32Array, w: Int32Array): void {
  for (let t = 16; t < 64; t++) {
    const a = w[t - 15];
    const b = w[t - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
  }
  let a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
  state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0;
  state[7] = (state[7] + h) | 0;
}

/** Load 64 bytes from `bytes` at `offset` as 16 big-endian words into w[0..15]. */
function loadBlock(w: Int32Array, bytes: Uint8Array, offset: number): void {
  for (let t = 0; t < 16; t++) {
    const p = offset + 4 * t;
    w[t] = (bytes[p] << 24) | (bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3];
  }
}

/** The SHA-256 state after compressing the one block `key ⊕ pad` (the key padded with zeros to 64 bytes). */
function paddedKeyState(key: Uint8Array, pad: number): Int32Array {
  const block = new Uint8Array(BLOCK_BYTES).fill(pad);
  for (let i = 0; i < key.length; i++) block[i] = key[i] ^ pad;
  const state = new Int32Array(H0);
  const w = new Int32Array(64);
  loadBlock(w, block, 0);
  compress(state, w);
  return state;
}

/** Character code of the lowercase hex digit of a nibble (0–15). */
const hexDigit = (nibble: number): number => (nibble < 10 ? 48 + nibble : 87 + nibble);
/** Character codes of the pseudonym prefix. */
const PREFIX_CODES = [...PSEUDONYM_PREFIX].map((c) => c.charCodeAt(0));

/**
 * Pseudonyms under one key, equal bit for bit to `pseudonymise(rawId, key)` (lib/pilot/pseudonymise).
 * @example
 * const pseudonyms = new KeyedPseudonyms(key);
 * pseudonyms.of("E09000001/C123") === pseudonymise("E09000001/C123", key) // true
 */
export class KeyedPseudonyms {
  private readonly inner: Int32Array;
  private readonly outer: Int32Array;
  private readonly state = new Int32Array(8);
  private readonly w = new Int32Array(64);
  private message = new Uint8Array(256);
  private readonly encoder = new TextEncoder();
  /** Character codes of the pseudonym being written: the prefix, then the hex digits. */
  private readonly codes: number[] = [...PREFIX_CODES, ...new Array<number>(PSEUDONYM_HEX_DIGITS).fill(48)];

  constructor(key: Buffer) {
    if (key.length < MIN_KEY_BYTES) throw new InputError("KeyedPseudonyms", `key must be at least ${MIN_KEY_BYTES} bytes`, key.length);
    // RFC 2104 §2: a key longer than the block is replaced by its hash
    const k = key.length > BLOCK_BYTES ? createHash("sha256").update(key).digest() : key;
    this.inner = paddedKeyState(k, IPAD);
    this.outer = paddedKeyState(k, OPAD);
  }

  /** `ps_` + the first 16 hex digits of HMAC-SHA256(key, UTF-8 of rawId). */
  of(rawId: string): string {
    if (rawId === "") throw new InputError("KeyedPseudonyms.of", "identifier must not be empty", rawId);
    const length = this.encode(rawId);
    const { state, w } = this;
    // inner hash: key ⊕ ipad (already compressed), then the message, 0x80, zeros and the bit length of both
    state.set(this.inner);
    const bits = (BLOCK_BYTES + length) * 8;
    const padded = Math.ceil((length + 9) / BLOCK_BYTES) * BLOCK_BYTES;
    const m = this.message;
    m[length] = 0x80;
    m.fill(0, length + 1, padded - 4);
    m[padded - 4] = bits >>> 24;
    m[padded - 3] = (bits >>> 16) & 0xff;
    m[padded - 2] = (bits >>> 8) & 0xff;
    m[padded - 1] = bits & 0xff;
    for (let offset = 0; offset < padded; offset += BLOCK_BYTES) {
      loadBlock(w, m, offset);
      compress(state, w);
    }
    // outer hash: key ⊕ opad (already compressed), then the 32-byte inner digest, padded (one block, 768 bits)
    for (let t = 0; t < 8; t++) w[t] = state[t];
    w[8] = 0x80000000 | 0;
    w.fill(0, 9, 15);
    w[15] = (BLOCK_BYTES + 32) * 8;
    state.set(this.outer);
    compress(state, w);
    const codes = this.codes;
    for (let k = 0; k < PSEUDONYM_HEX_DIGITS; k++) codes[PREFIX_CODES.length + k] = hexDigit((state[k >> 3] >>> (28 - 4 * (k & 7))) & 15);
    return String.fromCharCode.apply(null, codes as unknown as number[]);
  }

  /** UTF-8 of rawId into this.message (grown as needed, with room for the padding); its length in bytes. */
  private encode(rawId: string): number {
    const need = rawId.length * 3 + BLOCK_BYTES + 9;
    if (this.message.length < need) this.message = new Uint8Array(Math.max(need, this.message.length * 2));
    const m = this.message;
    for (let i = 0; i < rawId.length; i++) {
      const c = rawId.charCodeAt(i);
      if (c >= 0x80) return this.encoder.encodeInto(rawId, m).written;
      m[i] = c;
    }
    return rawId.length;
  }
}
