/**
 * The memory layout shared by the WebAssembly row scanner of the pilot tally (lib/pilot/plain-rows.ts) and its
 * generator (lib/pilot/plain-rows-wasm.ts). A state block of 32-bit words at 0 (the scanner's context, the
 * addresses of the lookup tables, the outcome of a call), the context's period bytes, then the tables, the output
 * rows and the window of record bytes, whose addresses the glue chooses (they depend on the instruments) and
 * writes into the state block. A module of its own so that the glue, loaded by every pilot run, does not load the
 * generator.
 */

// the state block: one 32-bit word each (byte addresses)
/** Address of the first byte of the context's prefix (the last counted row's id, LA, period, instrument and comma) in the window, or -1. */
export const PREFIX_AT = 0;
/** Length of that prefix up to (without) the comma after the instrument. */
export const PREFIX_LENGTH_AT = 4;
/** LA index and instrument index of the prefix. */
export const AREA_AT = 8;
export const INSTRUMENT_AT = 12;
/** Bytes of the context's period (-1: none; its text at PERIOD_BYTES_AT). */
export const PERIOD_LENGTH_AT = 16;
/** Out: the address where the next row starts, and why the call stopped ({@link STOP_END}, …). */
export const NEXT_AT = 20;
export const STOP_AT = 24;
/** Instruments (entries of the instrument table) and the mask of the LA hash table's slots (slots − 1). */
export const INSTRUMENT_COUNT_AT = 28;
export const AREA_MASK_AT = 32;
/** Addresses of the tables (words holding addresses). */
export const INSTRUMENTS_TABLE_AT = 36;
export const NEXT_ITEM_TABLE_AT = 40;
export const ITEMS_TABLE_AT = 44;
export const CODES_TABLE_AT = 48;
export const SINGLE_TABLE_AT = 52;
export const AREA_SLOTS_TABLE_AT = 56;
export const AREAS_TABLE_AT = 60;
export const OUT_TABLE_AT = 64;
/** The context period's bytes (at most {@link MAX_PERIOD_BYTES}). */
export const PERIOD_BYTES_AT = 80;
export const MAX_PERIOD_BYTES = 16;
/** Where the tables may start. */
export const TABLES_AT = 128;

/**
 * Table entries, 4 words (16 bytes) each. Instrument: id's address, id's length, global index of its first item,
 * its number of items. Item: id's address, length, first entry of its codes in the code table, number of codes.
 * Code (a response code of 2 bytes or more): address, length, index on its scale. LA: address, length (2 words).
 * Single-byte codes: one byte per (item, byte value): its index on the scale, {@link NO_CODE} when not a code. LA
 * slots: one word per slot, LA index + 1 (0: empty), FNV-1a (32 bits) of the code, linear probing.
 */
export const ENTRY_BYTES = 16;
export const AREA_ENTRY_BYTES = 8;
export const NO_CODE = 255;

/** Rows scanned per call at most; each gives 4 words: id start (-1: the prefix's respondent), id end, LA, item << 16 | response + 1. */
export const MAX_ROWS = 4096;
export const OUT_ROW_BYTES = 16;

/** Why a call stopped: the window's end (its last row incomplete), a row it leaves to JavaScript, or MAX_ROWS rows. */
export const STOP_END = 1;
export const STOP_REFUSED = 2;
export const STOP_FULL = 3;

/** Bytes of record text copied into the window at most per copy, and zero bytes kept after it (8-byte loads). */
export const WINDOW_BYTES = 1 << 18;
export const WINDOW_PAD = 16;
