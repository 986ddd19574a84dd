/**
 * The generator of the WebAssembly module behind lib/pilot/hmac-sha256-x4.ts: HMAC-SHA256 (RFC 2104 over FIPS
 * 180-4 SHA-256) of four one-block messages at once, one per 32-bit lane of a 128-bit SIMD vector, the 64 rounds
 * unrolled. Memory layout (lib/pilot/hmac-sha256-x4-layout.ts): four padded message blocks of 64 bytes at 0, 64, 128, 192; the key's inner and outer
 * states at 256 and 288; the first digest words of the four lanes written at 320, the second words at 336.
 *
 * Its output is shipped as lib/pilot/hmac-sha256-x4-module.ts (building it takes ≈ 30 ms of cold JavaScript at
 * every start, loading the bytes ≈ 0); tests/pilot/hmac-sha256-x4.test.ts checks that the shipped bytes are
 * exactly what this writes. To regenerate:
 * `node --import tsx -e 'require("./lib/pilot/hmac-sha256-x4-wasm").writeDigest4ModuleFile()'`.
 */
import * as path from "node:path";
import { SHA256_ROUND_CONSTANTS } from "./hmac-sha256";
import { BLOCK_BYTES, BLOCKS_AT, HI_AT, INNER_AT, LANES, LO_AT, OUTER_AT } from "./hmac-sha256-x4-layout";
import { CodeWriter, oneFunctionModule, writeShippedModule } from "../data/wasm-code-writer";

/** Bit length of the outer message: the 64-byte key block and the 32-byte inner digest. */
const OUTER_MESSAGE_BITS = (BLOCK_BYTES + 32) * 8;

// WebAssembly opcodes used (core spec §5.4; SIMD proposal, prefix 0xfd)
const OP_I32_LOAD = 0x28, OP_END = 0x0b;
const SIMD = 0xfd;
const V128_STORE = 0x0b, V128_CONST = 0x0c, I8X16_SHUFFLE = 0x0d, I32X4_SPLAT = 0x11, I32X4_REPLACE_LANE = 0x1c;
const V128_OR = 0x50, V128_XOR = 0x51, V128_BITSELECT = 0x52;
/** Two-byte (LEB128) SIMD opcodes. */
const I32X4_SHL = [0xab, 0x01], I32X4_SHR_U = [0xad, 0x01], I32X4_ADD = [0xae, 0x01];
const TYPE_V128 = 0x7b;
/** Byte order within each 32-bit lane reversed: message words are big-endian, WebAssembly loads little-endian. */
const BYTE_SWAP = [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12];
/** Locals of digest4 (all v128): the eight working variables, the 16-word schedule window, the saved state. */
const L_STATE = 0, L_W = 8, L_SAVED = 24, N_LOCALS = 32;

/** Writes the module's code: {@link CodeWriter} and the SIMD instructions of SHA-256's rounds. */
class ShaCodeWriter extends CodeWriter {
  simd(op: number | readonly number[]): void {
    this.byte(SIMD);
    if (typeof op === "number") this.byte(op);
    else for (const b of op) this.byte(b);
  }

  /** v128 holding `v` in every lane. */
  splatConst(v: number): void {
    this.simd(V128_CONST);
    for (let lane = 0; lane < LANES; lane++) for (let k = 0; k < 4; k++) this.byte((v >>> (8 * k)) & 0xff);
  }

  /** Lane-wise rotate right of a local by r bits: (x >>> r) | (x << (32 − r)). */
  rotr(local: number, r: number): void {
    this.get(local);
    this.i32(r);
    this.simd(I32X4_SHR_U);
    this.get(local);
    this.i32(32 - r);
    this.simd(I32X4_SHL);
    this.simd(V128_OR);
  }

  /** Σ of a local (FIPS 180-4 §4.1.2): rotr(x, r1) ⊕ rotr(x, r2) ⊕ rotr(x, r3), e.g. Σ0 = (2, 13, 22). */
  bigSigma(local: number, r1: number, r2: number, r3: number): void {
    this.rotr(local, r1);
    this.rotr(local, r2);
    this.simd(V128_XOR);
    this.rotr(local, r3);
    this.simd(V128_XOR);
  }

  /** σ of a local (FIPS 180-4 §4.1.2): rotr(x, r1) ⊕ rotr(x, r2) ⊕ (x >>> shift), e.g. σ0 = (7, 18, 3). */
  smallSigma(local: number, r1: number, r2: number, shift: number): void {
    this.rotr(local, r1);
    this.rotr(local, r2);
    this.simd(V128_XOR);
    this.get(local);
    this.i32(shift);
    this.simd(I32X4_SHR_U);
    this.simd(V128_XOR);
  }

  /** i32.load from a constant address (align 4). */
  loadI32(address: number): void {
    this.i32(0);
    this.mem(OP_I32_LOAD, 2, address);
  }

  /** Splat the i32 at `address` into a v128 and store it in `local` and `copy`. */
  splatLoad(address: number, local: number, copy: number): void {
    this.loadI32(address);
    this.simd(I32X4_SPLAT);
    this.tee(copy);
    this.set(local);
  }

}

/** Message schedule word t ≥ 16 into w[t mod 16]: w[t−16] + σ0(w[t−15]) + w[t−7] + σ1(w[t−2]) (FIPS 180-4 §6.2.2). */
function emitSchedule(c: ShaCodeWriter, t: number): void {
  const w = L_W + (t & 15), x = L_W + ((t - 15) & 15), y = L_W + ((t - 2) & 15), w7 = L_W + ((t - 7) & 15);
  c.get(w);
  c.smallSigma(x, 7, 18, 3);
  c.simd(I32X4_ADD);
  c.get(w7);
  c.simd(I32X4_ADD);
  c.smallSigma(y, 17, 19, 10);
  c.simd(I32X4_ADD);
  c.set(w);
}

/**
 * Round t with the working variables in locals s = [a, b, c, d, e, f, g, h]: h ← T1 = h + Σ1(e) + Ch(e, f, g) +
 * K[t] + w[t], d ← d + T1, h ← T1 + Σ0(a) + Maj(a, b, c); the caller renames (h becomes the next a, d the next e).
 * Ch(e, f, g) = bitselect(f, g, e); Maj(a, b, c) = bitselect(c, a, a ⊕ b).
 */
function emitRound(c: ShaCodeWriter, t: number, s: readonly number[]): void {
  const [a, b, cc, d, e, f, g, h] = s;
  c.get(h);
  c.bigSigma(e, 6, 11, 25);
  c.simd(I32X4_ADD);
  c.get(f);
  c.get(g);
  c.get(e);
  c.simd(V128_BITSELECT);
  c.simd(I32X4_ADD);
  c.splatConst(SHA256_ROUND_CONSTANTS[t]);
  c.simd(I32X4_ADD);
  c.get(L_W + (t & 15));
  c.simd(I32X4_ADD);
  c.set(h);
  c.get(d);
  c.get(h);
  c.simd(I32X4_ADD);
  c.set(d);
  c.get(h);
  c.bigSigma(a, 2, 13, 22);
  c.simd(I32X4_ADD);
  c.get(cc);
  c.get(a);
  c.get(a);
  c.get(b);
  c.simd(V128_XOR);
  c.simd(V128_BITSELECT);
  c.simd(I32X4_ADD);
  c.set(h);
}

/** The 64 rounds of one compression over the schedule window (unrolled; the variables' names rotate back). */
function emitCompression(c: ShaCodeWriter): void {
  let s = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => L_STATE + j);
  for (let t = 0; t < 64; t++) {
    if (t >= 16) emitSchedule(c, t);
    emitRound(c, t, s);
    s = [s[7], s[0], s[1], s[2], s[3], s[4], s[5], s[6]];
  }
}

/** Body of digest4: load the four blocks lane-wise, inner compression, outer compression, store the prefixes. */
function emitDigest4(c: ShaCodeWriter): void {
  for (let t = 0; t < 16; t++) {
    c.loadI32(BLOCKS_AT + 4 * t);
    c.simd(I32X4_SPLAT);
    for (let lane = 1; lane < LANES; lane++) {
      c.loadI32(BLOCKS_AT + BLOCK_BYTES * lane + 4 * t);
      c.simd(I32X4_REPLACE_LANE);
      c.byte(lane);
    }
    c.tee(L_W + t);
    c.get(L_W + t);
    c.simd(I8X16_SHUFFLE);
    for (const b of BYTE_SWAP) c.byte(b);
    c.set(L_W + t);
  }
  for (let j = 0; j < 8; j++) c.splatLoad(INNER_AT + 4 * j, L_STATE + j, L_SAVED + j);
  emitCompression(c);
  // the outer block: the inner digest (8 words), 0x80, zeros, the length
  for (let j = 0; j < 8; j++) {
    c.get(L_STATE + j);
    c.get(L_SAVED + j);
    c.simd(I32X4_ADD);
    c.set(L_W + j);
  }
  c.splatConst(0x80000000);
  c.set(L_W + 8);
  for (let t = 9; t < 15; t++) {
    c.splatConst(0);
    c.set(L_W + t);
  }
  c.splatConst(OUTER_MESSAGE_BITS);
  c.set(L_W + 15);
  for (let j = 0; j < 8; j++) c.splatLoad(OUTER_AT + 4 * j, L_STATE + j, L_SAVED + j);
  emitCompression(c);
  for (const [address, word] of [[HI_AT, 0], [LO_AT, 1]] as const) {
    c.i32(0);
    c.get(L_STATE + word);
    c.get(L_SAVED + word);
    c.simd(I32X4_ADD);
    c.simd(V128_STORE);
    c.u32(4);
    c.u32(address);
  }
  c.byte(OP_END);
}

/**
 * The whole module: one memory page and `digest4: [] → []`, both exported.
 * @example
 * new WebAssembly.Module(buildDigest4Module()) // what HmacSha256PrefixX4 instantiates
 */
export function buildDigest4Module(): Uint8Array {
  const body = new ShaCodeWriter();
  body.locals([[N_LOCALS, TYPE_V128]]);
  emitDigest4(body);
  return oneFunctionModule("digest4", [], [], 1, body.result());
}

/** Characters per line of the shipped base64 text. */
/**
 * Write lib/pilot/hmac-sha256-x4-module.ts from {@link buildDigest4Module} (run after changing the generator).
 * @example
 * writeDigest4ModuleFile() // rewrites the shipped module bytes
 */
export function writeDigest4ModuleFile(): void {
  writeShippedModule(path.join(__dirname, "hmac-sha256-x4-module.ts"), "DIGEST4_MODULE_BASE64", buildDigest4Module(), {
    of: "lib/pilot/hmac-sha256-x4.ts", by: "buildDigest4Module", generator: "lib/pilot/hmac-sha256-x4-wasm.ts", test: "tests/pilot/hmac-sha256-x4.test.ts",
  });
}
