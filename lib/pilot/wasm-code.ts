/**
 * Writing WebAssembly by hand for the pilot's generated modules (lib/pilot/hmac-sha256-x4-wasm.ts,
 * lib/pilot/siphash-batch-wasm.ts): a byte writer with LEB128 integers and the few instructions both use, and the
 * assembly of a module of one exported function and one exported memory (WebAssembly core specification 2.0, §5).
 */

const OP_LOCAL_GET = 0x20, OP_LOCAL_SET = 0x21, OP_LOCAL_TEE = 0x22, OP_I32_CONST = 0x41, OP_I64_CONST = 0x42;

/**
 * Writes WebAssembly bytes (a function body, or a module's sections).
 * @example
 * const c = new WasmCode(); c.u32(300); c.result() // Uint8Array [0xac, 0x02]
 */
export class WasmCode {
  private bytes = new Uint8Array(1 << 16);
  length = 0;

  byte(b: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(2 * this.bytes.length);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = b;
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

  get(local: number): void {
    this.byte(OP_LOCAL_GET);
    this.u32(local);
  }

  set(local: number): void {
    this.byte(OP_LOCAL_SET);
    this.u32(local);
  }

  tee(local: number): void {
    this.byte(OP_LOCAL_TEE);
    this.u32(local);
  }

  i32(v: number): void {
    this.byte(OP_I32_CONST);
    this.s32(v);
  }

  /** i64.const of a value in the 32-bit signed range (sign-extended to 64 bits, as its LEB128 says). */
  i64(v: number): void {
    this.byte(OP_I64_CONST);
    this.s32(v);
  }

  /** An instruction with a memory argument: opcode, alignment (log2 of bytes), offset. */
  memory(op: number, align: number, offset: number): void {
    this.byte(op);
    this.u32(align);
    this.u32(offset);
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/**
 * A module of one function (parameter types `params`, no result; locals `body` declares), exported as `name`, and a
 * memory of `pages` pages of 64 KiB (no maximum), exported as `memory`.
 * @param body the function's code: its locals declarations, instructions and final `end`
 * @example
 * new WebAssembly.Module(oneFunctionModule("run", [], 1, body))
 */
export function oneFunctionModule(name: string, params: readonly number[], pages: number, body: Uint8Array): Uint8Array {
  const m = new WasmCode();
  const section = (id: number, content: readonly number[] | Uint8Array) => {
    m.byte(id);
    m.u32(content.length);
    for (const b of content) m.byte(b);
  };
  const text = (s: string) => [s.length, ...Array.from(s, (ch) => ch.charCodeAt(0))];
  for (const b of [0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]) m.byte(b); // magic, version 1
  section(1, [1, 0x60, params.length, ...params, 0]); // type: (params) → ()
  section(3, [1, 0]); // function 0 has type 0
  const minimum = new WasmCode();
  minimum.u32(pages);
  section(5, [1, 0, ...minimum.result()]); // memory: min `pages`, no max
  section(7, [2, ...text("memory"), 2, 0, ...text(name), 0, 0]);
  const size = new WasmCode();
  size.u32(body.length);
  const codeSection = new Uint8Array(1 + size.length + body.length);
  codeSection[0] = 1; // one function body
  codeSection.set(size.result(), 1);
  codeSection.set(body, 1 + size.length);
  section(10, codeSection);
  return m.result();
}
