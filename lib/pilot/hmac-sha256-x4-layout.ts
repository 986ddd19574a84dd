/**
 * The memory layout shared by the WebAssembly module of lib/pilot/hmac-sha256-x4.ts and its generator
 * (lib/pilot/hmac-sha256-x4-wasm.ts): four padded message blocks of 64 bytes at 0, 64, 128, 192; the key's inner
 * and outer states at 256 and 288; the first digest words of the four lanes written at 320, the second words at
 * 336. A module of its own so that the hasher, loaded by every pilot run, does not load the generator (its code
 * writer, node:fs and node:path) for six numbers.
 */

/** Messages hashed together (the four 32-bit lanes of a 128-bit vector). */
export const LANES = 4;
/** Bytes of one SHA-256 block. */
export const BLOCK_BYTES = 64;
/** Memory layout of the module (bytes). */
export const BLOCKS_AT = 0;
export const INNER_AT = BLOCKS_AT + LANES * BLOCK_BYTES;
export const OUTER_AT = INNER_AT + 32;
export const HI_AT = OUTER_AT + 32;
export const LO_AT = HI_AT + 16;
