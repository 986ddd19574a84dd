/**
 * The generator of the WebAssembly module behind lib/pilot/plain-rows.ts: `scan(pos, end)` reads the rows of plain
 * record bytes (no quote, no carriage return) in memory[pos, end) whose columns are those of the record schema in its
 * order, and resolves each one as lib/pilot/tally-builder.ts does: a row that repeats the context's prefix (the bytes
 * of id, LA, period and instrument, then a comma) keeps its LA and instrument; any other has its id checked (not
 * empty, no blank or non-ASCII byte at either end), its LA looked up (FNV-1a hash table), its period compared with the
 * context's and its instrument looked up, and becomes the context. Then its item (the one predicted after the
 * instrument's last, else each of the instrument's in turn) and response (single-byte table, else each code of the
 * item's scale). It stops at the first row it cannot finish (memory layout and outputs: lib/pilot/plain-rows-layout.ts),
 * which JavaScript then reads. Counting stays in JavaScript.
 *
 * Its output is shipped as lib/pilot/plain-rows-module.ts; tests/pilot/plain-rows.test.ts checks that the shipped
 * bytes are exactly what this writes. To regenerate:
 * `node --import tsx -e 'require("./lib/pilot/plain-rows-wasm").writePlainRowsModuleFile()'`.
 */
import * as path from "node:path";
import * as L from "./plain-rows-layout";
import { CodeWriter, OP, oneFunctionModule, TYPE_I32, writeShippedModule } from "../data/wasm-code-writer";
/** The i64 value type (core spec §5.3.1). */
const TYPE_I64 = 0x7e;
import {
  A, B, CI, CLA, COMMA, COUNT, END, ENTRY, EQ, FIRST, I32_GE_U, I32_GT_U, IDE, IDS, INS, IT, ITEMS, K, LA, LF, LOCAL,
  LOCALS, I64_LOCALS, N, NEWPRE, NINS, NLA, P, PEND, PLEN, POS, PRE, REASON, RESP, ROWS, S, SELECT, T, TABLES, TABLE_WORDS,
  bytesEqual, entryAddress, fieldEqualsEntry, load, loadByte, loadState, lookUpArea, requireSeparator, scanField,
  searchEntries, storeState,
} from "./plain-rows-wasm-fields";

/** The prefix of a row that is not the context's: id, LA, period and instrument, each checked; P after the comma. */
function newPrefix(c: CodeWriter, done: number, refused: number): void {
  const t = TABLES;
  // the id: not empty, no byte ≤ space or ≥ DEL at either end (JavaScript decides those)
  c.get(POS);
  c.tee(P);
  c.set(S);
  scanField(c);
  requireSeparator(c, COMMA, done, refused);
  c.bin(P, S, OP.i32Eq);
  c.br(refused, OP.brIf);
  for (const back of [false, true]) {
    c.get(back ? P : S);
    if (back) {
      c.i32(1);
      c.byte(OP.i32Sub);
    }
    c.mem(OP.i32Load8U, 0, 0);
    c.i32(0x21);
    c.byte(OP.i32Sub);
    c.i32(0x7e - 0x21);
    c.byte(I32_GT_U);
    c.br(refused, OP.brIf);
  }
  c.get(S);
  c.set(IDS);
  c.get(P);
  c.set(IDE);
  // the LA
  c.add(P, 1);
  c.get(P);
  c.set(S);
  scanField(c);
  requireSeparator(c, COMMA, done, refused);
  lookUpArea(c, t, refused);
  // the period: the context's bytes
  c.add(P, 1);
  c.get(P);
  c.set(S);
  scanField(c);
  requireSeparator(c, COMMA, done, refused);
  c.bin(P, S, OP.i32Sub);
  c.tee(N);
  c.i32(0);
  c.mem(OP.i32Load, 2, L.PERIOD_LENGTH_AT);
  c.byte(OP.i32Ne);
  c.br(refused, OP.brIf);
  c.get(S);
  c.set(A);
  c.i32(L.PERIOD_BYTES_AT);
  c.set(B);
  bytesEqual(c);
  c.get(EQ);
  c.byte(OP.i32Eqz);
  c.br(refused, OP.brIf);
  // the instrument
  c.add(P, 1);
  c.get(P);
  c.set(S);
  scanField(c);
  requireSeparator(c, COMMA, done, refused);
  c.get(t.instrumentCount);
  c.set(COUNT);
  c.i32(0);
  c.set(FIRST);
  searchEntries(c, t.instruments, FIRST, refused);
  c.get(K);
  c.set(NINS);
  c.get(P);
  c.set(PEND);
  c.add(P, 1);
}

/** The item [S, P) of instrument CI: LOCAL its index in the instrument, IT its global index; refused when unknown. */
function itemOf(c: CodeWriter, done: number, refused: number): void {
  const t = TABLES;
  c.get(P);
  c.set(S);
  scanField(c);
  requireSeparator(c, COMMA, done, refused);
  entryAddress(c, t.instruments, CI, L.ENTRY_BYTES);
  load(c, ENTRY, 8);
  c.set(FIRST);
  load(c, ENTRY, 12);
  c.tee(ITEMS);
  c.set(COUNT);
  // the predicted item first
  c.get(t.nextItem);
  c.indexAddress(CI, 4);
  c.byte(OP.i32Add);
  c.mem(OP.i32Load, 2, 0);
  c.tee(LOCAL);
  c.get(COUNT);
  c.byte(OP.i32LtS);
  c.open(OP.if);
  c.bin(FIRST, LOCAL, OP.i32Add);
  c.set(T);
  entryAddress(c, t.items, T, L.ENTRY_BYTES);
  fieldEqualsEntry(c);
  c.else();
  c.i32(0);
  c.set(EQ);
  c.end();
  c.get(EQ);
  c.byte(OP.i32Eqz);
  c.open(OP.if);
  searchEntries(c, t.items, FIRST, refused);
  c.get(K);
  c.set(LOCAL);
  c.end();
  c.bin(FIRST, LOCAL, OP.i32Add);
  c.set(IT);
  c.add(P, 1);
}

/** The response [S, P) of item IT, ended by a line feed: RESP its index on the scale, -1 blank; refused when not a code. */
function responseOf(c: CodeWriter, done: number, refused: number): void {
  const t = TABLES;
  c.get(P);
  c.set(S);
  scanField(c);
  requireSeparator(c, LF, done, refused);
  c.i32(-1);
  c.set(RESP);
  c.bin(P, S, OP.i32Sub);
  c.tee(N);
  c.open(OP.if);
  c.bin(N, { k: 1 }, OP.i32Eq);
  c.open(OP.if);
  c.get(t.single);
  c.indexAddress(IT, 256);
  c.byte(OP.i32Add);
  loadByte(c, S);
  c.byte(OP.i32Add);
  c.mem(OP.i32Load8U, 0, 0);
  c.tee(RESP);
  c.i32(L.NO_CODE);
  c.byte(OP.i32Eq);
  c.br(refused, OP.brIf);
  c.else();
  entryAddress(c, t.items, IT, L.ENTRY_BYTES);
  load(c, ENTRY, 8);
  c.set(FIRST);
  load(c, ENTRY, 12);
  c.set(COUNT);
  searchEntries(c, t.codes, FIRST, refused);
  c.bin(FIRST, K, OP.i32Add);
  c.set(T);
  entryAddress(c, t.codes, T, L.ENTRY_BYTES);
  load(c, ENTRY, 8);
  c.set(RESP);
  c.end();
  c.end();
}

/** The row is counted: a new prefix becomes the context, the instrument's next item is predicted, the row is written out. */
function acceptRow(c: CodeWriter, done: number): void {
  const t = TABLES;
  c.i32(-1);
  c.set(T);
  c.get(NEWPRE);
  c.open(OP.if);
  c.get(POS);
  c.set(PRE);
  c.bin(PEND, POS, OP.i32Sub);
  c.set(PLEN);
  c.get(NLA);
  c.set(LA);
  c.get(NINS);
  c.set(INS);
  c.get(IDS);
  c.set(T);
  c.end();
  // nextItem[CI] = LOCAL + 1, or 0 after the last
  c.get(t.nextItem);
  c.indexAddress(CI, 4);
  c.byte(OP.i32Add);
  c.bin(LOCAL, { k: 1 }, OP.i32Add);
  c.tee(K);
  c.i32(0);
  c.get(K);
  c.get(ITEMS);
  c.byte(OP.i32Ne);
  c.byte(SELECT);
  c.storeI32(0);
  // the row's words
  entryAddress(c, t.out, ROWS, L.OUT_ROW_BYTES);
  const words: [number, () => void][] = [
    [0, () => c.get(T)],
    [4, () => c.get(IDE)],
    [8, () => c.get(LA)],
    [12, () => {
      c.get(IT);
      c.i32(16);
      c.byte(OP.i32Shl);
      c.bin(RESP, { k: 1 }, OP.i32Add);
      c.byte(OP.i32Or);
    }],
  ];
  for (const [offset, push] of words) {
    c.get(ENTRY);
    push();
    c.storeI32(offset);
  }
  c.add(ROWS, 1);
  c.bin(P, { k: 1 }, OP.i32Add);
  c.set(POS);
  c.bin(ROWS, { k: L.MAX_ROWS }, OP.i32GeS);
  c.open(OP.if);
  c.i32(L.STOP_FULL);
  c.set(REASON);
  c.br(done);
  c.end();
}

/** Is the row at POS the context's prefix then a comma? NEWPRE = 0 and P after that comma when it is, else NEWPRE = 1. */
function repeatsPrefix(c: CodeWriter): void {
  c.i32(1);
  c.set(NEWPRE);
  c.bin(PRE, { k: 0 }, OP.i32GeS);
  c.open(OP.if);
  c.bin(POS, PLEN, OP.i32Add);
  c.tee(P);
  c.get(END);
  c.byte(OP.i32LtU);
  c.open(OP.if);
  loadByte(c, P);
  c.i32(COMMA);
  c.byte(OP.i32Eq);
  c.open(OP.if);
  c.get(POS);
  c.set(A);
  c.get(PRE);
  c.set(B);
  c.get(PLEN);
  c.set(N);
  bytesEqual(c);
  c.get(EQ);
  c.open(OP.if);
  c.i32(0);
  c.set(NEWPRE);
  c.add(P, 1);
  c.end();
  c.end();
  c.end();
  c.end();
}

/** The body of `scan(pos, end)`: rows from pos while they can be finished; returns how many were written out. */
function scanBody(): Uint8Array {
  const c = new CodeWriter();
  c.locals([[LOCALS, TYPE_I32], [I64_LOCALS, TYPE_I64]]);
  for (const [name, at] of TABLE_WORDS) loadState(c, at, TABLES[name]);
  loadState(c, L.PREFIX_AT, PRE);
  loadState(c, L.PREFIX_LENGTH_AT, PLEN);
  loadState(c, L.AREA_AT, LA);
  loadState(c, L.INSTRUMENT_AT, INS);
  c.i32(L.STOP_END);
  c.set(REASON);
  const done = c.open(OP.block);
  const refused = c.open(OP.block);
  const row = c.open(OP.loop);
  c.bin(POS, END, I32_GE_U);
  c.br(done, OP.brIf);
  repeatsPrefix(c);
  c.get(NEWPRE);
  c.open(OP.if);
  newPrefix(c, done, refused);
  c.end();
  // the row's instrument and LA: the new prefix's, or the context's
  for (const [into, fresh, context] of [[CI, NINS, INS], [CLA, NLA, LA]]) {
    c.get(fresh);
    c.get(context);
    c.get(NEWPRE);
    c.byte(SELECT);
    c.set(into);
  }
  itemOf(c, done, refused);
  responseOf(c, done, refused);
  acceptRow(c, done);
  c.br(row);
  c.end();
  c.end();
  c.i32(L.STOP_REFUSED);
  c.set(REASON);
  c.end();
  storeState(c, L.PREFIX_AT, PRE);
  storeState(c, L.PREFIX_LENGTH_AT, PLEN);
  storeState(c, L.AREA_AT, LA);
  storeState(c, L.INSTRUMENT_AT, INS);
  storeState(c, L.NEXT_AT, POS);
  storeState(c, L.STOP_AT, REASON);
  c.get(ROWS);
  c.byte(OP.end);
  return c.result();
}

/** Pages of 64 KiB the module's memory starts with (the glue grows it once to what its tables and window need). */
const INITIAL_PAGES = 1;

/**
 * The module: one function `scan(pos: i32, end: i32) → i32` (rows written out) and its memory.
 * @example new WebAssembly.Module(buildPlainRowsModule())
 */
export function buildPlainRowsModule(): Uint8Array {
  return oneFunctionModule("scan", [TYPE_I32, TYPE_I32], [TYPE_I32], INITIAL_PAGES, scanBody());
}

/** Write lib/pilot/plain-rows-module.ts (the shipped module, base64) from {@link buildPlainRowsModule}. */
export function writePlainRowsModuleFile(): void {
  writeShippedModule(path.join(__dirname, "plain-rows-module.ts"), "PLAIN_ROWS_MODULE_BASE64", buildPlainRowsModule(), {
    of: "lib/pilot/plain-rows.ts", by: "buildPlainRowsModule", generator: "lib/pilot/plain-rows-wasm.ts", test: "tests/pilot/plain-rows.test.ts",
  });
}
