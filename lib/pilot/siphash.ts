/**
 * SipHash-2-4 (Aumasson & Bernstein, "SipHash: a fast short-input PRF", INDOCRYPT 2012): a keyed 64-bit
 * pseudorandom function designed for hash tables over short inputs. The pilot tally tells respondents apart in
 * memory by the SipHash of their raw id under a random key made for the run (never saved): the 64-bit value is
 * only compared with others of the same run, so a keyed hash meant for tables does the job that a truncated
 * HMAC-SHA256 did, with the same collision bound, for less than half the CPU (the bench's 333,333 ids of 19 bytes:
 * 33 ms against 84 ms for the four-lane WebAssembly HMAC-SHA256, lib/pilot/hmac-sha256-x4.ts). Pseudonyms that are written (`--records-out`) stay HMAC-SHA256
 * with the user's key (lib/pilot/pseudonymise.ts): they must match across waves.
 *
 * Written over 32-bit halves (JavaScript has no fast 64-bit integers); checked against the reference
 * implementation's 64 test vectors (github.com/veorq/SipHash, vectors.h: tests/pilot/siphash.test.ts). The tally
 * hashes its ids 32 at a time in WebAssembly on 64-bit integers (lib/pilot/siphash-batch.ts, the same function), with
 * this one where WebAssembly is missing.
 */
import { randomBytes } from "node:crypto";
import { InputError } from "../errors";

/** Bytes of a SipHash key (128 bits). */
export const SIPHASH_KEY_BYTES = 16;
/** Compression rounds per 8-byte message block (the "2" of SipHash-2-4). */
const C_ROUNDS = 2;
/** Finalisation rounds (the "4"). */
const D_ROUNDS = 4;

/**
 * A fresh random SipHash key (node:crypto randomBytes), for one run: never saved or shown.
 * @example
 * const hash = new SipHash24(newSipHashKey());
 */
export function newSipHashKey(): Uint8Array {
  return randomBytes(SIPHASH_KEY_BYTES);
}

/**
 * SipHash's initial state for `key`: v0…v3 = k0 ^ "somepseu", k1 ^ "dorandom", k0 ^ "lygenera", k1 ^ "tedbytes", as
 * eight 32-bit words (low half first: the state's little-endian bytes).
 * @example
 * sipHashInitialState(new Uint8Array(16))[1] // 0x736f6d65: the high half of "somepseu"
 */
export function sipHashInitialState(key: Uint8Array): Int32Array {
  if (key.length !== SIPHASH_KEY_BYTES) throw new InputError("SipHash24", `key must be ${SIPHASH_KEY_BYTES} bytes`, key.length);
  const k0l = wordLE(key, 0), k0h = wordLE(key, 4), k1l = wordLE(key, 8), k1h = wordLE(key, 12);
  return Int32Array.of(k0l ^ 0x70736575, k0h ^ 0x736f6d65, k1l ^ 0x6e646f6d, k1h ^ 0x646f7261, k0l ^ 0x6e657261, k0h ^ 0x6c796765, k1l ^ 0x79746573, k1h ^ 0x74656462);
}

/** The 32-bit word of `b` at `at`, little-endian. */
function wordLE(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
}

/**
 * SipHash-2-4 under one key: {@link hash} leaves the 64-bit output in {@link hi} and {@link lo} (its high and low
 * 32 bits, as signed 32-bit integers). The output's little-endian bytes are the reference implementation's.
 * @example
 * const h = new SipHash24(Uint8Array.from({ length: 16 }, (_, i) => i));
 * h.hash(new Uint8Array(0), 0, 0);
 * [h.hi >>> 0, h.lo >>> 0] // [0x726fdb47, 0xdd0e0e31]: 0x726fdb47dd0e0e31, the reference's first vector
 */
export class SipHash24 {
  /** High 32 bits of the last output. */
  hi = 0;
  /** Low 32 bits of the last output. */
  lo = 0;
  /** The initial state v0…v3 ({@link sipHashInitialState}). */
  private readonly init: Int32Array;

  /** @throws InputError when the key is not {@link SIPHASH_KEY_BYTES} bytes */
  constructor(key: Uint8Array) {
    this.init = sipHashInitialState(key);
  }

  /**
   * Hash bytes[start, end) into {@link hi} and {@link lo}. Each SipRound's 64-bit additions carry from the low
   * half to the high half by the carry-out formula ((a & b) | ((a | b) & ~sum)) >>> 31 (a comparison there made the
   * whole hash ≈ 2× slower in V8).
   */
  hash(b: Uint8Array, start: number, end: number): void {
    const init = this.init;
    let v0l = init[0], v0h = init[1], v1l = init[2], v1h = init[3], v2l = init[4], v2h = init[5], v3l = init[6], v3h = init[7];
    const full = start + ((end - start) & ~7);
    let p = start, last = false, final = false, t = 0;
    // the message's 8-byte blocks, then the last block (the remaining bytes and the length's low byte on top),
    // then the finalisation (v2 ^= 0xff, D_ROUNDS rounds) as a block of zeros
    for (;;) {
      let ml = 0, mh = 0, rounds = C_ROUNDS;
      if (p < full) {
        ml = wordLE(b, p);
        mh = wordLE(b, p + 4);
        p += 8;
      } else if (!last) {
        mh = (end - start) << 24;
        for (let i = 0; p + i < end; i++) {
          if (i < 4) ml |= b[p + i] << (8 * i);
          else mh |= b[p + i] << (8 * (i - 4));
        }
        last = true;
      } else {
        v2l ^= 0xff;
        rounds = D_ROUNDS;
        final = true;
      }
      v3l ^= ml;
      v3h ^= mh;
      for (let r = 0; r < rounds; r++) {
        t = (v0l + v1l) | 0; v0h = (v0h + v1h + (((v0l & v1l) | ((v0l | v1l) & ~t)) >>> 31)) | 0; v0l = t; // v0 += v1
        t = (v1h << 13) | (v1l >>> 19); v1l = (v1l << 13) | (v1h >>> 19); v1h = t ^ v0h; v1l ^= v0l; // v1 = rotl(v1, 13) ^ v0
        t = v0l; v0l = v0h; v0h = t; // v0 = rotl(v0, 32)
        t = (v2l + v3l) | 0; v2h = (v2h + v3h + (((v2l & v3l) | ((v2l | v3l) & ~t)) >>> 31)) | 0; v2l = t; // v2 += v3
        t = (v3h << 16) | (v3l >>> 16); v3l = (v3l << 16) | (v3h >>> 16); v3h = t ^ v2h; v3l ^= v2l; // v3 = rotl(v3, 16) ^ v2
        t = (v0l + v3l) | 0; v0h = (v0h + v3h + (((v0l & v3l) | ((v0l | v3l) & ~t)) >>> 31)) | 0; v0l = t; // v0 += v3
        t = (v3h << 21) | (v3l >>> 11); v3l = (v3l << 21) | (v3h >>> 11); v3h = t ^ v0h; v3l ^= v0l; // v3 = rotl(v3, 21) ^ v0
        t = (v2l + v1l) | 0; v2h = (v2h + v1h + (((v2l & v1l) | ((v2l | v1l) & ~t)) >>> 31)) | 0; v2l = t; // v2 += v1
        t = (v1h << 17) | (v1l >>> 15); v1l = (v1l << 17) | (v1h >>> 15); v1h = t ^ v2h; v1l ^= v2l; // v1 = rotl(v1, 17) ^ v2
        t = v2l; v2l = v2h; v2h = t; // v2 = rotl(v2, 32)
      }
      v0l ^= ml;
      v0h ^= mh;
      if (final) break;
    }
    this.hi = v0h ^ v1h ^ v2h ^ v3h;
    this.lo = v0l ^ v1l ^ v2l ^ v3l;
  }
}
