/**
 * Writing WebAssembly code bytes by hand (core spec §5.4): the few opcodes the generated modules use, LEB128 numbers,
 * structured control (block, loop, if) whose branch targets are named by the frame that opens them, and the assembly
 * of a module of one exported function and one exported memory (§5.5), and the file that ships a module's bytes. Used
 * by the generators of the shipped modules (lib/data/csv-fields-wasm.ts, lib/pilot/hmac-sha256-x4-wasm.ts,
 * lib/pilot/siphash-batch-wasm.ts, lib/pilot/plain-rows-wasm.ts); never loaded at run time.
 */
import * as fs from "node:fs";

// WebAssembly opcodes used (core spec §5.4)
export const OP = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, select: 0x1b,
  localGet: 0x20, localSet: 0x21, localTee: 0x22, i64Const: 0x42,
  i32Load: 0x28, f64Load: 0x2b, i32Load8U: 0x2d, i32Store: 0x36, f64Store: 0x39, i32Store8: 0x3a,
  i32Const: 0x41, f64Const: 0x44,
  i32Eqz: 0x45, i32Eq: 0x46, i32Ne: 0x47, i32LtS: 0x48, i32LtU: 0x49, i32GtS: 0x4a, i32GeS: 0x4e,
  f64Lt: 0x63,
  i32Add: 0x6a, i32Sub: 0x6b, i32Mul: 0x6c, i32And: 0x71, i32Or: 0x72, i32Xor: 0x73, i32Shl: 0x74, i32ShrU: 0x76,
  f64Neg: 0x9a, f64Add: 0xa0, f64Mul: 0xa2, f64Div: 0xa3, i32TruncF64U: 0xab, f64ConvertI32U: 0xb8,
} as const;
export const TYPE_I32 = 0x7f, TYPE_F64 = 0x7c, BLOCK_EMPTY = 0x40;

/** Writes WebAssembly code bytes, with structured control whose branch targets are named by the frame they open. */
export class CodeWriter {
  private readonly bytes: number[] = [];
  /** Open blocks, loops and ifs: a branch to frame `f` has depth `frames − 1 − f`. */
  private frames = 0;

  byte(...b: number[]): void {
    for (const x of b) this.bytes.push(x);
  }

  /** Unsigned LEB128. */
  u32(v: number): void {
    do {
      let b = v & 0x7f;
      v >>>= 7;
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
  }

  /** Signed LEB128 of a 32-bit integer. */
  s32(v: number): void {
    v |= 0;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) return this.byte(b);
      this.byte(b | 0x80);
    }
  }

  /** A function body's local declarations: each group `[count, type]` (§5.4.2 code section), first in the body. */
  locals(groups: readonly (readonly [count: number, type: number])[]): void {
    this.u32(groups.length);
    for (const [count, type] of groups) {
      this.u32(count);
      this.byte(type);
    }
  }

  get(local: number): void {
    this.byte(OP.localGet);
    this.u32(local);
  }

  set(local: number): void {
    this.byte(OP.localSet);
    this.u32(local);
  }

  tee(local: number): void {
    this.byte(OP.localTee);
    this.u32(local);
  }

  i32(v: number): void {
    this.byte(OP.i32Const);
    this.s32(v);
  }

  /** i64.const of a value in the 32-bit signed range (sign-extended to 64 bits, as its LEB128 says). */
  i64(v: number): void {
    this.byte(OP.i64Const);
    this.s32(v);
  }

  f64(v: number): void {
    this.byte(OP.f64Const);
    const b = new Uint8Array(new Float64Array([v]).buffer);
    this.byte(...b);
  }

  /** local += v (an i32 local). */
  add(local: number, v: number): void {
    this.get(local);
    this.i32(v);
    this.byte(OP.i32Add);
    this.set(local);
  }

  /** Open a block, loop or if (no result); returns the frame, for {@link br}. */
  open(op: number, type = BLOCK_EMPTY): number {
    this.byte(op, type);
    return this.frames++;
  }

  else(): void {
    this.byte(OP.else);
  }

  end(): void {
    this.byte(OP.end);
    this.frames--;
  }

  br(frame: number, op: number = OP.br): void {
    this.byte(op);
    this.u32(this.frames - 1 - frame);
  }

  /** An instruction with a memory argument (alignment exponent, offset), its address on the stack. */
  mem(op: number, align: number, offset: number): void {
    this.byte(op);
    this.u32(align);
    this.u32(offset);
  }

  /** Push local `a`, then `b` (a local, or a constant when `{ k }`), then apply `op`. */
  bin(a: number, b: number | { k: number }, op: number): void {
    this.get(a);
    if (typeof b === "number") this.get(b);
    else this.i32(b.k);
    this.byte(op);
  }

  /** Push `scale` · `index`: the address of element `index` of an array of `scale`-byte elements (its base is the store's offset). */
  indexAddress(index: number, scale: number): void {
    this.get(index);
    this.i32(scale);
    this.byte(0x6c); // i32.mul
  }

  /** i32.store at `base` + the address on the stack (pushed before the value). */
  storeI32(base: number): void {
    this.byte(OP.i32Store, 2);
    this.u32(base);
  }

  /** f64.store at `base` + the address on the stack (pushed before the value). */
  storeF64(base: number): void {
    this.byte(OP.f64Store, 3);
    this.u32(base);
  }

  result(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/**
 * A module of one function (parameter types `params`, result types `results`; locals `body` declares), exported as
 * `name`, and a memory of `pages` pages of 64 KiB (no maximum), exported as `memory`.
 * @param body the function's code: its locals declarations, instructions and final `end`
 * @example
 * new WebAssembly.Module(oneFunctionModule("run", [], [], 1, body))
 */
export function oneFunctionModule(name: string, params: readonly number[], results: readonly number[], pages: number, body: Uint8Array): Uint8Array {
  const m = new CodeWriter();
  const leb = (v: number) => {
    const w = new CodeWriter();
    w.u32(v);
    return Array.from(w.result());
  };
  const section = (id: number, content: readonly number[] | Uint8Array) => {
    m.byte(id);
    m.u32(content.length);
    for (const b of content) m.byte(b);
  };
  const text = (s: string) => [s.length, ...Array.from(s, (ch) => ch.charCodeAt(0))];
  m.byte(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0); // magic, version 1
  section(1, [1, 0x60, params.length, ...params, results.length, ...results]); // type: (params) → (results)
  section(3, [1, 0]); // function 0 has type 0
  section(5, [1, 0, ...leb(pages)]); // memory: min `pages`, no max
  section(7, [2, ...text("memory"), 2, 0, ...text(name), 0, 0]);
  section(10, [1, ...leb(body.length), ...body]); // one function body
  return m.result();
}

/** Characters of base64 per line of a shipped module's file. */
const BASE64_LINE_CHARS = 4000;

/**
 * Write `bytes` as `file`, the TypeScript module that ships them: a constant `name` of base64 in lines of
 * BASE64_LINE_CHARS characters, under a comment naming the module's user (`of`), its generator (`by`, in `generator`)
 * and the test that compares the two. One writer for the four generators, which had each written their own.
 * @example writeShippedModule(path.join(__dirname, "csv-fields-module.ts"), "CSV_FIELDS_MODULE_BASE64", buildCsvFieldsModule(), { of: "lib/data/csv-fields.ts", by: "buildCsvFieldsModule", generator: "lib/data/csv-fields-wasm.ts", test: "tests/data/csv-fields.test.ts" })
 */
export function writeShippedModule(file: string, name: string, bytes: Uint8Array, about: { of: string; by: string; generator: string; test: string }): void {
  const base64 = Buffer.from(bytes).toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += BASE64_LINE_CHARS) lines.push(`  "${base64.slice(i, i + BASE64_LINE_CHARS)}"`);
  const text = `/**
 * The WebAssembly module of ${about.of} as base64: generated by ${about.by}
 * (${about.generator}, which documents it and how to regenerate this file); do not edit by hand.
 * ${about.test} checks that it equals the generator's output.
 */
export const ${name} = [
${lines.join(",\n")},
].join("");
`;
  fs.writeFileSync(file, text);
}
