/**
 * The generator of the WebAssembly module behind lib/pilot/siphash-batch.ts: SipHash-2-4 (Aumasson & Bernstein 2012)
 * on 64-bit integers, as the paper writes it, over n messages per call (`hash(n)`). Memory layout
 * (lib/pilot/siphash-batch-layout.ts): the initial v0…v3 at 0 (the caller xors the key with the constants), each
 * message's start and end addresses, its output's high and low 32 bits written back. Each message's last block is
 * an 8-byte load masked to its remaining bytes, the length's low byte on top (memory holds 8 bytes past the end).
 *
 * Its output is shipped as lib/pilot/siphash-batch-module.ts; tests/pilot/siphash-batch.test.ts checks that the
 * shipped bytes are exactly what this writes. To regenerate:
 * `node --import tsx -e 'require("./lib/pilot/siphash-batch-wasm").writeSipHashBatchModuleFile()'`.
 */
import * as path from "node:path";
import { ENDS_AT, HI_AT, INIT_AT, INITIAL_PAGES, LO_AT, STARTS_AT } from "./siphash-batch-layout";
import { CodeWriter, oneFunctionModule, writeShippedModule } from "../data/wasm-code-writer";

// WebAssembly opcodes used (core specification §5.4)
const BLOCK = 0x02, LOOP = 0x03, BR = 0x0c, BR_IF = 0x0d, END = 0x0b, VOID = 0x40;
const I32_LOAD = 0x28, I64_LOAD = 0x29, I32_STORE = 0x36;
const I32_GE_U = 0x4f, I32_ADD = 0x6a, I32_SUB = 0x6b, I32_AND = 0x71, I32_SHL = 0x74;
const I64_ADD = 0x7c, I64_SUB = 0x7d, I64_AND = 0x83, I64_OR = 0x84, I64_XOR = 0x85, I64_SHL = 0x86, I64_SHR_U = 0x88, I64_ROTL = 0x89;
const I32_WRAP_I64 = 0xa7, I64_EXTEND_I32_U = 0xad;
const TYPE_I32 = 0x7f, TYPE_I64 = 0x7e;
/** Locals: the parameter n, then k, p, end, full, len (i32), then v0…v3, m (i64). */
const N = 0, K = 1, P = 2, END_AT = 3, FULL = 4, LEN = 5, V0 = 6, V1 = 7, V2 = 8, V3 = 9, M = 10;
/** Compression rounds per block and finalisation rounds (the "2" and "4" of SipHash-2-4). */
const C_ROUNDS = 2, D_ROUNDS = 4;

/** a = a + b (64-bit). */
function add(c: CodeWriter, a: number, b: number): void {
  c.get(a);
  c.get(b);
  c.byte(I64_ADD);
  c.set(a);
}

/** a = rotl(a, r) ^ b. */
function rotlXor(c: CodeWriter, a: number, r: number, b: number): void {
  c.get(a);
  c.i64(r);
  c.byte(I64_ROTL);
  c.get(b);
  c.byte(I64_XOR);
  c.set(a);
}

/** a = rotl(a, 32). */
function swapHalves(c: CodeWriter, a: number): void {
  c.get(a);
  c.i64(32);
  c.byte(I64_ROTL);
  c.set(a);
}

/** a ^= b. */
function xorInto(c: CodeWriter, a: number, b: number): void {
  c.get(a);
  c.get(b);
  c.byte(I64_XOR);
  c.set(a);
}

/** One SipRound (the paper's figure 2.1). */
function sipRound(c: CodeWriter): void {
  add(c, V0, V1);
  rotlXor(c, V1, 13, V0);
  swapHalves(c, V0);
  add(c, V2, V3);
  rotlXor(c, V3, 16, V2);
  add(c, V0, V3);
  rotlXor(c, V3, 21, V0);
  add(c, V2, V1);
  rotlXor(c, V1, 17, V2);
  swapHalves(c, V2);
}

/** Absorb the block in M: v3 ^= m, C_ROUNDS rounds, v0 ^= m. */
function compress(c: CodeWriter): void {
  xorInto(c, V3, M);
  for (let r = 0; r < C_ROUNDS; r++) sipRound(c);
  xorInto(c, V0, M);
}

/** local = the i32 at address table + 4k. */
function loadPerMessage(c: CodeWriter, table: number, local: number): void {
  c.get(K);
  c.i32(2);
  c.byte(I32_SHL);
  c.mem(I32_LOAD, 2, table);
  c.set(local);
}

/** p, len, full and v0…v3 for message k: its bytes' range, the end of its whole 8-byte blocks, the initial state. */
function emitStart(c: CodeWriter): void {
  loadPerMessage(c, STARTS_AT, P);
  loadPerMessage(c, ENDS_AT, END_AT);
  // len = end − p; full = p + (len & ~7)
  c.get(P);
  c.get(END_AT);
  c.get(P);
  c.byte(I32_SUB);
  c.tee(LEN);
  c.i32(~7);
  c.byte(I32_AND);
  c.byte(I32_ADD);
  c.set(FULL);
  [V0, V1, V2, V3].forEach((v, j) => {
    c.i32(0);
    c.mem(I64_LOAD, 3, INIT_AT + 8 * j);
    c.set(v);
  });
}

/** The whole 8-byte blocks: while p < full, m = load64(p), compress, p += 8. */
function emitWholeBlocks(c: CodeWriter): void {
  c.byte(BLOCK);
  c.byte(VOID);
  c.byte(LOOP);
  c.byte(VOID);
  c.get(P);
  c.get(FULL);
  c.byte(I32_GE_U);
  c.byte(BR_IF);
  c.u32(1);
  c.get(P);
  c.mem(I64_LOAD, 0, 0);
  c.set(M);
  compress(c);
  c.get(P);
  c.i32(8);
  c.byte(I32_ADD);
  c.set(P);
  c.byte(BR);
  c.u32(0);
  c.byte(END);
  c.byte(END);
}

/** The last block, m = (load64(p) & ((1 << 8 × (len & 7)) − 1)) | (len << 56), compressed; then the finalisation. */
function emitLastBlockAndFinal(c: CodeWriter): void {
  c.get(P);
  c.mem(I64_LOAD, 0, 0);
  c.i64(1);
  c.get(LEN);
  c.i32(7);
  c.byte(I32_AND);
  c.i32(3);
  c.byte(I32_SHL);
  c.byte(I64_EXTEND_I32_U);
  c.byte(I64_SHL);
  c.i64(1);
  c.byte(I64_SUB);
  c.byte(I64_AND);
  c.get(LEN);
  c.byte(I64_EXTEND_I32_U);
  c.i64(56);
  c.byte(I64_SHL);
  c.byte(I64_OR);
  c.set(M);
  compress(c);
  // v2 ^= 0xff, D_ROUNDS rounds, output v0 ^ v1 ^ v2 ^ v3 (in M)
  c.get(V2);
  c.i64(0xff);
  c.byte(I64_XOR);
  c.set(V2);
  for (let r = 0; r < D_ROUNDS; r++) sipRound(c);
  c.get(V0);
  c.get(V1);
  c.byte(I64_XOR);
  c.get(V2);
  c.byte(I64_XOR);
  c.get(V3);
  c.byte(I64_XOR);
  c.set(M);
}

/** Store the output in M as message k's low and high 32 bits. */
function emitOutput(c: CodeWriter): void {
  for (const [table, shift] of [[LO_AT, 0], [HI_AT, 32]] as const) {
    c.get(K);
    c.i32(2);
    c.byte(I32_SHL);
    c.get(M);
    c.i64(shift);
    c.byte(I64_SHR_U);
    c.byte(I32_WRAP_I64);
    c.mem(I32_STORE, 2, table);
  }
}

/** The function body: for k = 0 … n − 1, hash message k into its output words. */
function emitHash(c: CodeWriter): void {
  c.locals([[5, TYPE_I32], [5, TYPE_I64]]); // 5 i32 (after the parameter n), 5 i64
  c.byte(BLOCK);
  c.byte(VOID);
  c.byte(LOOP);
  c.byte(VOID);
  // while k < n
  c.get(K);
  c.get(N);
  c.byte(I32_GE_U);
  c.byte(BR_IF);
  c.u32(1);
  emitStart(c);
  emitWholeBlocks(c);
  emitLastBlockAndFinal(c);
  emitOutput(c);
  c.get(K);
  c.i32(1);
  c.byte(I32_ADD);
  c.set(K);
  c.byte(BR);
  c.u32(0);
  c.byte(END);
  c.byte(END);
  c.byte(END);
}

/**
 * The whole module: `hash: [n: i32] → []` and its memory ({@link INITIAL_PAGES} pages), both exported.
 * @example
 * new WebAssembly.Module(buildSipHashBatchModule()) // what SipHash24Batch instantiates
 */
export function buildSipHashBatchModule(): Uint8Array {
  const body = new CodeWriter();
  emitHash(body);
  return oneFunctionModule("hash", [TYPE_I32], [], INITIAL_PAGES, body.result());
}

/**
 * Write lib/pilot/siphash-batch-module.ts from {@link buildSipHashBatchModule} (run after changing the generator).
 * @example
 * writeSipHashBatchModuleFile() // rewrites the shipped module bytes
 */
export function writeSipHashBatchModuleFile(): void {
  writeShippedModule(path.join(__dirname, "siphash-batch-module.ts"), "SIPHASH_BATCH_MODULE_BASE64", buildSipHashBatchModule(), {
    of: "lib/pilot/siphash-batch.ts", by: "buildSipHashBatchModule", generator: "lib/pilot/siphash-batch-wasm.ts", test: "tests/pilot/siphash-batch.test.ts",
  });
}
