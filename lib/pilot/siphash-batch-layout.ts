/**
 * The memory layout shared by the WebAssembly module of lib/pilot/siphash-batch.ts and its generator
 * (lib/pilot/siphash-batch-wasm.ts): the four initial state words (the key xored with SipHash's constants) at 0, then
 * per message k of a batch its output's high and low 32 bits, its first byte's and its end's addresses, then the
 * messages' bytes one after another from {@link MESSAGES_AT}. A module of its own so that the hasher, loaded by every
 * pilot run, does not load the generator.
 */

/** Messages hashed per call at most. */
export const BATCH = 32;
/** Memory layout of the module (bytes): v0, v1, v2, v3 as 64-bit little-endian words. */
export const INIT_AT = 0;
/** Output's high 32 bits of message k at HI_AT + 4k (then its low 32 bits, its start and its end likewise). */
export const HI_AT = INIT_AT + 32;
export const LO_AT = HI_AT + 4 * BATCH;
export const STARTS_AT = LO_AT + 4 * BATCH;
export const ENDS_AT = STARTS_AT + 4 * BATCH;
/** Where the messages' bytes start (a multiple of 8). */
export const MESSAGES_AT = ENDS_AT + 4 * BATCH;
/** Bytes read past a message's end (its last 8-byte load, then masked): kept free at the end of memory. */
export const READ_PAST_END = 8;
/** Pages of 64 KiB the module's memory starts with (grown for a longer message). */
export const INITIAL_PAGES = 2;
