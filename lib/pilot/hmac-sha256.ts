/**
 * HMAC-SHA256 (RFC 2104 over FIPS 180-4 SHA-256) of many short messages under one key, without an object per
 * message: the key's inner and outer pad blocks are compressed once, so a message under 56 bytes costs two
 * compressions. node:crypto's `createHmac` does the same work but builds a native object per call (≈ 10 µs each
 * on a busy 2-core machine, 3–4 s for the respondents of a million records); this gives the same digests
 * (tested against node:crypto for random keys and messages) in ≈ 1 µs.
 *
 * Only the first 64 bits are returned, as two 32-bit words: that is what a pseudonym keeps
 * (lib/pilot/pseudonymise.ts, `ps_` + 16 hex digits).
 */
import { createHash } from "node:crypto";

/** SHA-256 round constants (FIPS 180-4 §4.2.2). */
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
/** SHA-256 initial hash value (FIPS 180-4 §5.3.3). */
const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
/** SHA-256 block size in bytes; keys longer than this are hashed first (RFC 2104 §2). */
const BLOCK_BYTES = 64;
const IPAD = 0x36;
const OPAD = 0x5c;
/** Bit length of the outer message: the 64-byte key block and the 32-byte inner digest (768 bits). */
const OUTER_MESSAGE_BITS = (BLOCK_BYTES + 32) * 8;
/** Longest message whose padding fits in one block after the 0x80 byte and the 8-byte length. */
const ONE_BLOCK_MESSAGE_BYTES = BLOCK_BYTES - 9;

/** One SHA-256 compression of block[0, 64) into state (FIPS 180-4 §6.2.2); w is scratch of 64 words. */
function compress(state: Int32Array, block: Uint8Array, w: Int32Array): void {
  for (let t = 0; t < 16; t++) {
    const i = 4 * t;
    w[t] = (block[i] << 24) | (block[i + 1] << 16) | (block[i + 2] << 8) | block[i + 3];
  }
  compressWords(state, w);
}

/** One SHA-256 compression of the block whose 16 big-endian words are already in w[0, 16) (w: 64 words). */
function compressWords(state: Int32Array, w: Int32Array): void {
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15];
    const y = w[t - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
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

/** Longest message hashed in one block after the key block (55 bytes: the 0x80 byte and 8-byte length follow). */
export const ONE_BLOCK_MESSAGE_MAX_BYTES = ONE_BLOCK_MESSAGE_BYTES;

/**
 * The SHA-256 states after the key's inner (K ⊕ ipad) and outer (K ⊕ opad) blocks (RFC 2104 §2; a key longer
 * than 64 bytes is hashed first): every HMAC under the key starts from them.
 * @example
 * hmacKeyStates(Buffer.from("Jefe")).inner.length // 8
 */
export function hmacKeyStates(key: Uint8Array): { inner: Int32Array; outer: Int32Array } {
  const k = key.length > BLOCK_BYTES ? createHash("sha256").update(key).digest() : key;
  const pad = new Uint8Array(BLOCK_BYTES);
  const w = new Int32Array(64);
  const inner = Int32Array.from(IV);
  for (let i = 0; i < BLOCK_BYTES; i++) pad[i] = (i < k.length ? k[i] : 0) ^ IPAD;
  compress(inner, pad, w);
  const outer = Int32Array.from(IV);
  for (let i = 0; i < BLOCK_BYTES; i++) pad[i] = (i < k.length ? k[i] : 0) ^ OPAD;
  compress(outer, pad, w);
  return { inner, outer };
}

/** SHA-256 round constants (FIPS 180-4 §4.2.2), for other implementations of the same compression. */
export const SHA256_ROUND_CONSTANTS: Readonly<Int32Array> = K;

/**
 * The first 64 bits of HMAC-SHA256(key, message) for many messages under one key.
 * @example
 * const h = new HmacSha256Prefix(key);
 * h.digest(Buffer.from("child-0001"), 0, 10);
 * (h.hi >>> 0).toString(16).padStart(8, "0") + (h.lo >>> 0).toString(16).padStart(8, "0") // = createHmac("sha256", key).update("child-0001").digest("hex").slice(0, 16)
 */
export class HmacSha256Prefix {
  /** First and second 32-bit big-endian words of the last digest. */
  hi = 0;
  lo = 0;
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly state = new Int32Array(8);
  private readonly block = new Uint8Array(BLOCK_BYTES);
  private readonly w = new Int32Array(64);

  constructor(key: Uint8Array) {
    const states = hmacKeyStates(key);
    this.inner.set(states.inner);
    this.outer.set(states.outer);
  }

  /** Digest message bytes[start, end): sets {@link hi} and {@link lo}. */
  digest(bytes: Uint8Array, start: number, end: number): void {
    const st = this.state;
    const w = this.w;
    st.set(this.inner);
    if (end - start <= ONE_BLOCK_MESSAGE_BYTES) this.hashShortMessage(bytes, start, end);
    else this.hashTail(bytes, start, end, BLOCK_BYTES);
    // outer: H(K ⊕ opad ‖ inner digest), one block: the 8 digest words, 0x80, zeros, the length (768 bits)
    for (let i = 0; i < 8; i++) w[i] = st[i];
    w[8] = 0x80000000 | 0;
    for (let i = 9; i < 15; i++) w[i] = 0;
    w[15] = OUTER_MESSAGE_BITS;
    st.set(this.outer);
    compressWords(st, w);
    this.hi = st[0];
    this.lo = st[1];
  }

  /**
   * Compress a message of at most 55 bytes with its padding (one block) into the state, after the key block:
   * the block's words are built from the bytes directly.
   */
  private hashShortMessage(bytes: Uint8Array, start: number, end: number): void {
    const w = this.w;
    const n = end - start;
    for (let t = 0; t < 16; t++) w[t] = 0;
    for (let i = 0; i < n; i++) w[i >>> 2] |= bytes[start + i] << (24 - 8 * (i & 3));
    w[n >>> 2] |= 0x80 << (24 - 8 * (n & 3));
    w[15] = (BLOCK_BYTES + n) * 8;
    compressWords(this.state, w);
  }

  /** Compress message bytes[start, end) into the state, with SHA-256 padding for `prefixBytes` already hashed. */
  private hashTail(bytes: Uint8Array, start: number, end: number, prefixBytes: number): void {
    const st = this.state;
    const block = this.block;
    let p = start;
    while (end - p >= BLOCK_BYTES) {
      for (let i = 0; i < BLOCK_BYTES; i++) block[i] = bytes[p + i];
      compress(st, block, this.w);
      p += BLOCK_BYTES;
    }
    const rest = end - p;
    for (let i = 0; i < rest; i++) block[i] = bytes[p + i];
    block[rest] = 0x80;
    if (rest + 1 > BLOCK_BYTES - 8) {
      block.fill(0, rest + 1, BLOCK_BYTES);
      compress(st, block, this.w);
      block.fill(0, 0, BLOCK_BYTES - 8);
    } else block.fill(0, rest + 1, BLOCK_BYTES - 8);
    const bits = (prefixBytes + end - start) * 8;
    // message lengths here are far below 2^32 bits: the high word of the 64-bit length is zero
    block[56] = 0;
    block[57] = 0;
    block[58] = 0;
    block[59] = Math.floor(bits / 2 ** 32) & 0xff;
    block[60] = bits >>> 24;
    block[61] = (bits >>> 16) & 0xff;
    block[62] = (bits >>> 8) & 0xff;
    block[63] = bits & 0xff;
    compress(st, block, this.w);
  }
}
