/**
 * The WebAssembly row reader of the pilot tally (lib/pilot/tally-builder.ts): in plain record bytes (no quote, no
 * carriage return) whose columns are the record schema's in its order, it splits and resolves the rows it can finish
 * (their LA, instrument, item and response looked up as the tally's JavaScript does; their period the context's),
 * and hands each back as 4 words (id range when the row starts a new prefix, LA, item and response), which the tally
 * counts in JavaScript in the order read. At the first row it cannot finish (a new period, an unknown code, a bad
 * id, a malformed row, the end of the bytes) it stops, and the tally reads that row as before. The module is written
 * by lib/pilot/plain-rows-wasm.ts and shipped as base64 (lib/pilot/plain-rows-module.ts; a test checks the two agree).
 * Its memory holds the lookup tables, the context and a window of at most {@link L.WINDOW_BYTES} bytes copied from the
 * chunk being read (its respondent ids are zeroed by {@link PlainRowReader.clear}). Where WebAssembly is missing (node
 * --jitless) there is no reader and the tally reads every row in JavaScript.
 */
import { fnv1a } from "../data/byte-interner";
import * as L from "./plain-rows-layout";
import { PLAIN_ROWS_MODULE_BASE64 } from "./plain-rows-module";
import type { TallyLookups } from "./tally-lookups";
import type { WasmApi, WasmModule } from "../wasm-api";

/** What the module exports. */
interface WasmExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  scan: (pos: number, end: number) => number;
}
const WASM = (globalThis as { WebAssembly?: WasmApi<WasmExports> }).WebAssembly;
const PAGE_BYTES = 1 << 16;
let compiled: WasmModule | undefined;

/** The lookups' byte strings (ids, codes) as the module's tables want them, or null when it cannot hold them. */
interface TableText {
  instruments: Buffer[];
  items: Buffer[];
  /** per item: its codes of 2 bytes or more, with their index on the scale */
  codes: { text: Buffer; index: number }[][];
  areas: Buffer[];
}

/**
 * The byte strings of `lk`, or null when the module would not resolve them as the tally's interners do: repeated
 * instrument ids, item ids within an instrument, codes within a scale or LA codes (the interners keep the first),
 * or a scale of more than 254 codes (the single-byte table holds one byte per code).
 */
function tableText(lk: TallyLookups): TableText | null {
  const distinct = (texts: readonly string[]) => new Set(texts).size === texts.length;
  const ins = lk.instruments.instruments;
  if (!distinct(ins.map((i) => i.id)) || !ins.every((i) => distinct(i.items.map((it) => it.id))) || !distinct(lk.areaCodes)) return null;
  if (!lk.items.every((r) => distinct(r.scale.responses) && r.scale.responses.length < L.NO_CODE)) return null;
  const utf8 = (s: string) => Buffer.from(s, "utf8");
  return {
    instruments: ins.map((i) => utf8(i.id)),
    items: lk.items.map((r) => utf8(r.item.id)),
    codes: lk.items.map((r) => r.scale.responses.map((code, index) => ({ text: utf8(code), index })).filter((c) => c.text.length > 1)),
    areas: lk.areaCodes.map(utf8),
  };
}

/**
 * Rows of plain record bytes split and resolved in WebAssembly.
 * @example
 * const reader = PlainRowReader.create(lookups); // null without WebAssembly
 * const n = reader.scan(bytes, pos); // rows in reader.out (4 words each), the next at reader.next
 */
export class PlainRowReader {
  /** Per instrument, the item predicted next (as the tally's own: the tally uses this array). */
  readonly nextItem: Int32Array;
  /** The rows of the last scan: id start (-1: the context's respondent), id end, LA, item << 16 | response + 1. */
  readonly out: Int32Array;
  /** Where the row after the last scan's starts (a position of the bytes scanned). */
  next = 0;
  /** Add to an id's start or end in {@link out} to have its position in the bytes scanned. */
  base = 0;
  private readonly state: Int32Array;
  private readonly memory: Uint8Array;
  private readonly exports: WasmExports;
  private readonly windowAt: number;
  private chunk: Uint8Array | null = null;
  private windowStart = 0;
  private windowEnd = 0;

  private constructor(lk: TallyLookups, text: TableText) {
    compiled ??= new WASM!.Module(Buffer.from(PLAIN_ROWS_MODULE_BASE64, "base64"));
    this.exports = new WASM!.Instance(compiled, {}).exports;
    const { at, size } = tableLayout(lk, text);
    const memory = this.exports.memory;
    memory.grow(Math.ceil(size / PAGE_BYTES) - memory.buffer.byteLength / PAGE_BYTES);
    this.memory = new Uint8Array(memory.buffer);
    this.state = new Int32Array(memory.buffer, 0, L.TABLES_AT / 4);
    writeTables(this.memory, this.state, lk, text, at);
    this.nextItem = new Int32Array(memory.buffer, at.nextItem, text.instruments.length);
    this.out = new Int32Array(memory.buffer, at.out, (L.MAX_ROWS * L.OUT_ROW_BYTES) / 4);
    this.windowAt = at.window;
    this.state[L.PREFIX_AT / 4] = -1;
    this.state[L.PERIOD_LENGTH_AT / 4] = -1;
  }

  /** A reader for the tally of `lk`, or null where WebAssembly is missing or the module cannot hold its tables. */
  static create(lk: TallyLookups): PlainRowReader | null {
    const text = WASM === undefined ? null : tableText(lk);
    return text === null ? null : new PlainRowReader(lk, text);
  }

  /** The bytes to read are new (a chunk): the window is copied again on the next scan. */
  newBytes(): void {
    this.chunk = null;
    this.state[L.PREFIX_AT / 4] = -1;
  }

  /**
   * The context becomes the row at `start` of the bytes being read (-1: no prefix): its prefix of `length` bytes
   * (before the comma after the instrument), LA `la`, instrument `ins`, and period bytes[periodStart, periodEnd)
   * (kept when `start` is -1). The rows the module finishes then have the context's period, and its respondent
   * when they repeat the prefix.
   */
  setContext(bytes: Uint8Array, start: number, length: number, la: number, ins: number, periodStart: number, periodEnd: number): void {
    const st = this.state;
    const inWindow = bytes === this.chunk && start >= this.windowStart && start + length < this.windowEnd;
    st[L.PREFIX_AT / 4] = inWindow ? start - this.windowStart + this.windowAt : -1;
    if (start < 0) return;
    st[L.PREFIX_LENGTH_AT / 4] = length;
    st[L.AREA_AT / 4] = la;
    st[L.INSTRUMENT_AT / 4] = ins;
    const n = periodEnd - periodStart;
    st[L.PERIOD_LENGTH_AT / 4] = n <= L.MAX_PERIOD_BYTES ? n : -1;
    if (n <= L.MAX_PERIOD_BYTES) this.memory.set(bytes.subarray(periodStart, periodEnd), L.PERIOD_BYTES_AT);
  }

  /** Read the rows of `bytes` from `pos` on that the module can finish; returns how many ({@link out}, {@link next}). */
  scan(bytes: Uint8Array, pos: number): number {
    if (bytes !== this.chunk || pos < this.windowStart || pos >= this.windowEnd) this.copy(bytes, pos);
    let n = this.run(pos);
    // the window ended inside a row that the bytes hold whole: copy from that row and go on
    if (n === 0 && this.state[L.STOP_AT / 4] === L.STOP_END && this.windowEnd < bytes.length && this.windowStart < pos) {
      this.copy(bytes, pos);
      n = this.run(pos);
    }
    return n;
  }

  /** Zero the window (record bytes, respondent ids among them, do not stay in memory once read). */
  clear(): void {
    this.memory.fill(0, this.windowAt, this.windowAt + L.WINDOW_BYTES);
    this.chunk = null;
    this.state[L.PREFIX_AT / 4] = -1;
  }

  private copy(bytes: Uint8Array, pos: number): void {
    const end = Math.min(bytes.length, pos + L.WINDOW_BYTES);
    this.memory.set(bytes.subarray(pos, end), this.windowAt);
    this.chunk = bytes;
    this.windowStart = pos;
    this.windowEnd = end;
    this.base = pos - this.windowAt;
    this.state[L.PREFIX_AT / 4] = -1;
  }

  private run(pos: number): number {
    const n = this.exports.scan(pos - this.base, this.windowEnd - this.base);
    this.next = this.state[L.NEXT_AT / 4] + this.base;
    return n;
  }
}

/** Addresses of the tables, the output and the window (in this order after the state block), and the memory's size. */
function tableLayout(lk: TallyLookups, text: TableText): { at: Record<"instruments" | "nextItem" | "items" | "codes" | "single" | "areaSlots" | "areas" | "arena" | "out" | "window", number>; size: number } {
  const codeCount = text.codes.reduce((sum, c) => sum + c.length, 0);
  const arenaBytes = [...text.instruments, ...text.items, ...text.codes.flat().map((c) => c.text), ...text.areas].reduce((sum, b) => sum + b.length, 0);
  const align = (n: number) => (n + 15) & ~15;
  let used = L.TABLES_AT;
  const take = (bytes: number) => {
    const at = used;
    used = align(used + bytes);
    return at;
  };
  const at = {
    instruments: take(text.instruments.length * L.ENTRY_BYTES),
    nextItem: take(text.instruments.length * 4),
    items: take(lk.items.length * L.ENTRY_BYTES),
    codes: take(codeCount * L.ENTRY_BYTES),
    single: take(lk.items.length * 256),
    areaSlots: take(areaSlotCount(text.areas.length) * 4),
    areas: take(text.areas.length * L.AREA_ENTRY_BYTES),
    arena: take(arenaBytes),
    out: take(L.MAX_ROWS * L.OUT_ROW_BYTES),
    window: take(L.WINDOW_BYTES + L.WINDOW_PAD),
  };
  return { at, size: used };
}

/** Slots of the LA hash table: a power of two at least four times the LAs (short probes). */
function areaSlotCount(areas: number): number {
  let slots = 16;
  while (slots < 4 * areas) slots *= 2;
  return slots;
}

/** Fill the tables at `at` (see lib/pilot/plain-rows-layout.ts) and their addresses in the state block. */
function writeTables(memory: Uint8Array, state: Int32Array, lk: TallyLookups, text: TableText, at: ReturnType<typeof tableLayout>["at"]): void {
  const words = new Int32Array(memory.buffer);
  let arena = at.arena;
  const put = (bytes: Buffer) => {
    memory.set(bytes, arena);
    arena += bytes.length;
    return arena - bytes.length;
  };
  const entry = (address: number, a: number, b: number, c = 0, d = 0) => words.set([a, b, c, d], address / 4);
  text.instruments.forEach((id, k) => entry(at.instruments + k * L.ENTRY_BYTES, put(id), id.length, lk.firstItem[k], lk.instruments.instruments[k].items.length));
  let code = 0;
  text.items.forEach((id, it) => {
    entry(at.items + it * L.ENTRY_BYTES, put(id), id.length, code, text.codes[it].length);
    for (const c of text.codes[it]) entry(at.codes + code++ * L.ENTRY_BYTES, put(c.text), c.text.length, c.index);
    for (let b = 0; b < 256; b++) {
      const k = lk.singleByteResponse[it * 256 + b];
      memory[at.single + it * 256 + b] = k < 0 ? L.NO_CODE : k;
    }
  });
  const mask = areaSlotCount(text.areas.length) - 1;
  text.areas.forEach((code, la) => {
    words.set([put(code), code.length], (at.areas + la * L.AREA_ENTRY_BYTES) / 4);
    let slot = fnv1a(code, 0, code.length) & mask;
    while (words[at.areaSlots / 4 + slot] !== 0) slot = (slot + 1) & mask;
    words[at.areaSlots / 4 + slot] = la + 1;
  });
  const table: [number, number][] = [
    [L.INSTRUMENT_COUNT_AT, text.instruments.length], [L.AREA_MASK_AT, mask], [L.INSTRUMENTS_TABLE_AT, at.instruments], [L.NEXT_ITEM_TABLE_AT, at.nextItem],
    [L.ITEMS_TABLE_AT, at.items], [L.CODES_TABLE_AT, at.codes], [L.SINGLE_TABLE_AT, at.single], [L.AREA_SLOTS_TABLE_AT, at.areaSlots],
    [L.AREAS_TABLE_AT, at.areas], [L.OUT_TABLE_AT, at.out],
  ];
  for (const [word, value] of table) state[word / 4] = value;
}
