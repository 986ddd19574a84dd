/**
 * The field-level code of the generator of the pilot tally's WebAssembly row reader (lib/pilot/plain-rows-wasm.ts,
 * which documents the module): its locals, loads and stores, scanning a field to its comma or line feed, comparing
 * byte ranges 8 bytes at a time, searching a table of byte strings, and the LA hash table's lookup. Never loaded at
 * run time.
 */
import * as L from "./plain-rows-layout";
import { CodeWriter, OP } from "../data/wasm-code-writer";

export const I64_LOAD = 0x29, I64_NE = 0x52, I32_GE_U = 0x4f, I32_GT_U = 0x4b, SELECT = 0x1b;
const I64_EQZ = 0x50, I64_CTZ = 0x7a, I64_SUB = 0x7d, I64_AND = 0x83, I64_OR = 0x84, I64_XOR = 0x85, I32_WRAP_I64 = 0xa7;
export const COMMA = 44, LF = 10;
export const FNV_OFFSET = 0x811c9dc5 | 0, FNV_PRIME = 0x01000193;
/** Locals: the parameters pos and end, then the rest (all i32). */
export const POS = 0, END = 1, ROWS = 2, P = 3, S = 4, PRE = 5, PLEN = 6, LA = 7, INS = 8, NEWPRE = 9, IDS = 10, IDE = 11;
export const NLA = 12, NINS = 13, PEND = 14, T = 15, I = 16, EQ = 17, K = 18, LOCAL = 19, IT = 20, RESP = 21, REASON = 22;
export const A = 23, B = 24, N = 25, ENTRY = 26, COUNT = 27, H = 28, FIRST = 29, ITEMS = 30, CI = 31, CLA = 32;

/** Push the i32 at `local` + `offset`. */
export function load(c: CodeWriter, local: number, offset: number): void {
  c.get(local);
  c.mem(OP.i32Load, 2, offset);
}

/** Push the byte at `local` + `offset`. */
export function loadByte(c: CodeWriter, local: number, offset = 0): void {
  c.get(local);
  c.mem(OP.i32Load8U, 0, offset);
}

/** Store local `value` at the address in the state block `at`. */
export function storeState(c: CodeWriter, at: number, value: number): void {
  c.i32(at);
  c.get(value);
  c.storeI32(0);
}

/** local = the state word at `at`. */
export function loadState(c: CodeWriter, at: number, local: number): void {
  c.i32(0);
  c.mem(OP.i32Load, 2, at);
  c.set(local);
}

/** i64.const of any 64-bit value (signed LEB128). */
function i64Const(c: CodeWriter, value: bigint): void {
  c.byte(0x42);
  let v = BigInt.asIntN(64, value);
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) return c.byte(b);
    c.byte(b | 0x80);
  }
}

/** `byte` in each of the 8 bytes of a 64-bit word. */
const everyByte = (byte: number) => BigInt(byte) * 0x0101010101010101n;

/** Push the high bit of each byte of word W that equals `byte` (and maybe of bytes after the first such one). */
function bytesEqualTo(c: CodeWriter, byte: number): void {
  // (t − 0x01…01) & ~t & 0x80…80 with t = W ^ byte…byte: the first zero byte of t is flagged exactly (Mycroft)
  c.get(W);
  i64Const(c, everyByte(byte));
  c.byte(I64_XOR);
  c.tee(X);
  i64Const(c, everyByte(1));
  c.byte(I64_SUB);
  c.get(X);
  i64Const(c, -1n);
  c.byte(I64_XOR);
  c.byte(I64_AND);
  i64Const(c, everyByte(0x80));
  c.byte(I64_AND);
}

/**
 * Move P to the first comma or line feed at or after it, 8 bytes at a time (memory holds 8 bytes past END); when there
 * is none before END, P ≥ END (which the callers take as the row going on past the bytes: requireSeparator).
 */
export function scanField(c: CodeWriter): void {
  const out = c.open(OP.block);
  const loop = c.open(OP.loop);
  c.bin(P, END, I32_GE_U);
  c.br(out, OP.brIf);
  c.get(P);
  c.mem(I64_LOAD, 0, 0);
  c.set(W);
  bytesEqualTo(c, COMMA);
  bytesEqualTo(c, LF);
  c.byte(I64_OR);
  c.tee(X);
  c.byte(I64_EQZ);
  c.open(OP.if);
  c.add(P, 8);
  c.br(loop);
  c.end();
  // the first flagged byte
  c.get(P);
  c.get(X);
  c.byte(I64_CTZ);
  c.byte(I32_WRAP_I64);
  c.i32(3);
  c.byte(OP.i32ShrU);
  c.byte(OP.i32Add);
  c.set(P);
  c.end();
  c.end();
  // a separator found past END (bytes not of this window) or a step past it: END
}

/** The field from S ends at P: at END the row is incomplete (frame `done`); not at byte `sep`, refused. */
export function requireSeparator(c: CodeWriter, sep: number, done: number, refused: number): void {
  c.bin(P, END, I32_GE_U);
  c.br(done, OP.brIf);
  loadByte(c, P);
  c.i32(sep);
  c.byte(OP.i32Ne);
  c.br(refused, OP.brIf);
}

/** EQ = 1 when the N bytes at A and at B are the same (8 at a time, the rest by an overlapping 8-byte load or one at a time), else 0. */
export function bytesEqual(c: CodeWriter): void {
  c.i32(0);
  c.set(EQ);
  c.i32(0);
  c.set(I);
  const out = c.open(OP.block);
  const words = c.open(OP.loop);
  const tail = c.open(OP.block);
  c.get(I);
  c.i32(8);
  c.byte(OP.i32Add);
  c.get(N);
  c.byte(OP.i32GtS);
  c.br(tail, OP.brIf);
  for (const x of [A, B]) {
    c.bin(x, I, OP.i32Add);
    c.mem(I64_LOAD, 0, 0);
  }
  c.byte(I64_NE);
  c.br(out, OP.brIf);
  c.add(I, 8);
  c.br(words);
  c.end();
  c.end();
  // the last N mod 8 bytes: the 8 bytes ending at N (N ≥ 8), else one at a time
  c.bin(N, { k: 8 }, OP.i32GeS);
  c.open(OP.if);
  for (const x of [A, B]) {
    c.bin(x, N, OP.i32Add);
    c.i32(8);
    c.byte(OP.i32Sub);
    c.mem(I64_LOAD, 0, 0);
  }
  c.byte(I64_NE);
  c.br(out, OP.brIf);
  c.else();
  const bytes = c.open(OP.loop);
  const same = c.open(OP.block);
  c.bin(I, N, OP.i32GeS);
  c.br(same, OP.brIf);
  for (const x of [A, B]) {
    c.bin(x, I, OP.i32Add);
    c.mem(OP.i32Load8U, 0, 0);
  }
  c.byte(OP.i32Ne);
  c.br(out, OP.brIf);
  c.add(I, 1);
  c.br(bytes);
  c.end();
  c.end();
  c.end();
  c.i32(1);
  c.set(EQ);
  c.end();
}

/** EQ = whether bytes [S, P) equal the entry at ENTRY (its address and length words). */
export function fieldEqualsEntry(c: CodeWriter): void {
  c.i32(0);
  c.set(EQ);
  load(c, ENTRY, 4);
  c.bin(P, S, OP.i32Sub);
  c.tee(N);
  c.byte(OP.i32Eq);
  c.open(OP.if);
  c.get(S);
  c.set(A);
  load(c, ENTRY, 0);
  c.set(B);
  bytesEqual(c);
  c.end();
}

/** ENTRY = table `table` (a local) + `scale` · `index` (a local). */
export function entryAddress(c: CodeWriter, table: number, index: number, scale: number): void {
  c.get(table);
  c.indexAddress(index, scale);
  c.byte(OP.i32Add);
  c.set(ENTRY);
}

/**
 * Search entries first, first + 1, … first + COUNT − 1 (K counts from 0) of `table` for the field [S, P): K = the
 * first equal one's number, or branch to `refused` when none is.
 */
export function searchEntries(c: CodeWriter, table: number, first: number, refused: number): void {
  c.i32(0);
  c.set(K);
  const found = c.open(OP.block);
  const loop = c.open(OP.loop);
  c.bin(K, COUNT, OP.i32GeS);
  c.br(refused, OP.brIf);
  c.bin(first, K, OP.i32Add);
  c.set(T);
  entryAddress(c, table, T, L.ENTRY_BYTES);
  fieldEqualsEntry(c);
  c.get(EQ);
  c.br(found, OP.brIf);
  c.add(K, 1);
  c.br(loop);
  c.end();
  c.end();
}

/** NLA = the LA of [S, P): its FNV-1a picks a slot of the hash table, probed onwards; refused when absent. */
export function lookUpArea(c: CodeWriter, tables: Tables, refused: number): void {
  c.i32(FNV_OFFSET);
  c.set(H);
  c.get(S);
  c.set(I);
  const hashed = c.open(OP.block);
  const loop = c.open(OP.loop);
  c.bin(I, P, I32_GE_U);
  c.br(hashed, OP.brIf);
  c.get(H);
  loadByte(c, I);
  c.byte(OP.i32Xor);
  c.i32(FNV_PRIME);
  c.byte(OP.i32Mul);
  c.set(H);
  c.add(I, 1);
  c.br(loop);
  c.end();
  c.end();
  const found = c.open(OP.block);
  const probe = c.open(OP.loop);
  c.bin(H, tables.areaMask, OP.i32And);
  c.set(H);
  entryAddress(c, tables.areaSlots, H, 4);
  load(c, ENTRY, 0);
  c.tee(NLA);
  c.byte(OP.i32Eqz);
  c.br(refused, OP.brIf);
  c.add(NLA, -1);
  entryAddress(c, tables.areas, NLA, L.AREA_ENTRY_BYTES);
  fieldEqualsEntry(c);
  c.get(EQ);
  c.br(found, OP.brIf);
  c.add(H, 1);
  c.br(probe);
  c.end();
  c.end();
}

/** Locals holding the tables' addresses (loaded once per call). */
export interface Tables {
  areaMask: number;
  areaSlots: number;
  areas: number;
  instruments: number;
  nextItem: number;
  items: number;
  codes: number;
  single: number;
  out: number;
  instrumentCount: number;
}
export const TABLES: Tables = { areaMask: 33, areaSlots: 34, areas: 35, instruments: 36, nextItem: 37, items: 38, codes: 39, single: 40, out: 41, instrumentCount: 42 };
/** i32 locals after the two parameters. */
export const LOCALS = 43 - 2;
/** i64 locals after them: a word of the row's bytes, and a scratch word. */
export const I64_LOCALS = 2;
const W = 43, X = 44;
export const TABLE_WORDS: [keyof Tables, number][] = [
  ["areaMask", L.AREA_MASK_AT], ["areaSlots", L.AREA_SLOTS_TABLE_AT], ["areas", L.AREAS_TABLE_AT], ["instruments", L.INSTRUMENTS_TABLE_AT],
  ["nextItem", L.NEXT_ITEM_TABLE_AT], ["items", L.ITEMS_TABLE_AT], ["codes", L.CODES_TABLE_AT], ["single", L.SINGLE_TABLE_AT],
  ["out", L.OUT_TABLE_AT], ["instrumentCount", L.INSTRUMENT_COUNT_AT],
];

