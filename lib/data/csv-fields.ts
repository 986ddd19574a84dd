/**
 * Splitting and typing CSV records in WebAssembly, for the package reader (package-parse.ts): a piece of a resource
 * file with no carriage return is copied into the module's memory and scanned there, a batch of whole records at a
 * time, with scanCsvBytes' rules (quoted fields, doubled quotes, line feeds inside quotes; malformed quoting is
 * reported as scanCsvBytes throws it). Each field comes back as where it ends, what it is (empty, a plain decimal
 * `[+-]digits[.digits]` of at most 15 digits as plainDecimalBytes reads it, quoted, or something else), whether it
 * ends its record, and, by its column's kind: a number's value and code (missing, as is, or the index of its shared
 * box, as ColumnsBuilder.cellBytes would store it), or a text's code in its column, interned in the module's own
 * table in order of first appearance (as InternedTexts numbers them), each new text listed once. The builder then
 * copies the batch a column at a time (ColumnsBuilder.scannedColumns): no JavaScript per cell.
 *
 * Anything else is left to the JavaScript it stands in for, so that values and messages stay exactly theirs: a
 * piece with a carriage return (scanCsvBytes), and from the first batch with a record of another width, a number
 * cell that is not empty or a plain decimal, a text with a doubled quote, a date that is not a calendar date, or a
 * full table, the rest of the file (the module then only splits fields; the JavaScript interners first learn the
 * texts it interned). tests/data/csv-fields.test.ts and tests/data/package-parse.test.ts check both ways.
 *
 * Why: validate's cost at start-up was mostly JavaScript running per cell before V8 had compiled it (and V8's
 * compiling it); WebAssembly is compiled as it loads. The module is written by lib/data/csv-fields-wasm.ts and
 * shipped as base64 (csv-fields-module.ts).
 */
import { Buffer } from "node:buffer";
import { CSV_FIELDS_MODULE_BASE64 } from "./csv-fields-module";
import type { WasmApi, WasmMemory } from "../wasm-api";

/** Fields written per call of the module's scan (its output arrays hold this many). */
export const MAX_FIELDS = 4096;
/** Most columns of a file whose cells the module types (its {@link COLUMN_KIND} map holds this many). */
export const MAX_COLUMNS = 256;
/** Slots of the module's table of texts (open addressing, kept at most half full: {@link MAX_TEXTS}). */
export const TEXT_SLOTS = 1 << 14;
/** Distinct texts of one file the module interns; beyond, it says so (STATE_FULL) and JavaScript takes over. */
export const MAX_TEXTS = TEXT_SLOTS / 2;
/** Bytes of distinct texts of one file the module keeps (its arena). */
export const ARENA_BYTES = 1 << 18;

/** The module's state words (i32) at STATE_AT: see each. */
export const STATE = {
  /** Where the last batch stopped. */
  POS: 0,
  /** 1 when a record of the last batch had other than `columns` fields, or the batch stopped inside a record. */
  UNEVEN: 1,
  /** New texts of the last batch (each as column, start, end at NEW_TEXTS_AT). */
  NEW_TEXTS: 2,
  /** 1 when a cell of the last batch needs JavaScript: a number cell that is not a plain decimal, or the table full. */
  NEEDS_JS: 3,
  /** Distinct texts interned in this file so far (kept across batches). */
  TEXTS: 4,
  /** Bytes of the arena used so far (kept across batches). */
  ARENA_USED: 5,
  /** 1 when the last batch's quoting is malformed (as scanCsvBytes' MalformedCsv: a stray or unclosed quote). */
  MALFORMED: 6,
} as const;

/** What the module does with each column's cells (COLUMN_KINDS_AT, a byte per column). */
export const COLUMN_KIND = { NONE: 0, NUMBER: 1, WHOLE_NUMBER: 2, TEXT: 3 } as const;
/** A number cell's code: missing (null), or its value as it is (not one of the shared boxes); ≥ 0: a box's index. */
export const NUMBER_CODE = { MISSING: -1, AS_IS: -2 } as const;

const align8 = (n: number) => Math.ceil(n / 8) * 8;
export const STATE_AT = 0;
/** 10^0 … 10^15 (f64), written by JavaScript when the module is made. */
export const POWERS_AT = 64;
export const COLUMN_KINDS_AT = POWERS_AT + 8 * 16;
/** Per column, the number of distinct texts so far (i32): the next text's code. */
export const COUNTS_AT = align8(COLUMN_KINDS_AT + MAX_COLUMNS);
/** Where each field's end (an i32, the offset of the comma, line feed or piece end after it) is written. */
export const ENDS_AT = align8(COUNTS_AT + 4 * MAX_COLUMNS);
/** Where each field's {@link FIELD_INFO} (an i32) is written. */
export const INFO_AT = ENDS_AT + 4 * MAX_FIELDS;
/** Where each field's code is written: a text's code in its column, or a number's (NUMBER_CODE, or a box index). */
export const CODES_AT = INFO_AT + 4 * MAX_FIELDS;
/** Where each new text of a batch is written as three i32: its column, start and end in the piece. */
export const NEW_TEXTS_AT = CODES_AT + 4 * MAX_FIELDS;
/** Where each number field's value (a double, as plainDecimalValue gives it) is written. */
export const VALUES_AT = NEW_TEXTS_AT + 12 * MAX_FIELDS;
/** The table of texts: per slot, 4 i32: tag (column + 1 | length << 8; 0: empty), hash, arena offset, code. */
export const TABLE_AT = VALUES_AT + 8 * MAX_FIELDS;
export const ARENA_AT = TABLE_AT + 16 * TEXT_SLOTS;
/** Where the piece's bytes are copied (offset 0 of the piece's buffer at IN_AT). */
export const IN_AT = ARENA_AT + ARENA_BYTES;

/**
 * The bits of a field's info: its form in the low two bits (EMPTY, PLAIN: a plain decimal, OTHER), then NEGATIVE
 * (a leading minus), POINT (a decimal point), LAST (the last field of its record), and the decimals (digits after
 * the point) from bit DECIMALS_SHIFT.
 */
export const FIELD_INFO = { EMPTY: 0, PLAIN: 1, OTHER: 3, FORM: 3, NEGATIVE: 4, POINT: 8, LAST: 16, QUOTED: 32, DOUBLED: 64, DECIMALS_SHIFT: 8 } as const;

const CR = 13;
const PAGE_BYTES = 65536;

/** What the module exports. */
interface WasmExports {
  memory: WasmMemory;
  scan: (pos: number, end: number, max: number, columns: number) => number;
}
const WASM = (globalThis as { WebAssembly?: WasmApi<WasmExports> }).WebAssembly;

/**
 * Scans pieces of CSV records in WebAssembly: {@link begin} a file, {@link load} each piece, then
 * {@link next} until it gives 0, reading each batch's fields from {@link ends}, {@link info}, {@link codes},
 * {@link values} and {@link newTexts} (field f starts at {@link batchStart} for f = 0, else just after `ends[f − 1]`).
 * @example
 * const s = CsvFieldScanner.create()!; const b = Buffer.from("E1,2020,1.5\n");
 * s.begin(Uint8Array.of(COLUMN_KIND.TEXT, COLUMN_KIND.WHOLE_NUMBER, COLUMN_KIND.NUMBER)); s.load(b, 0, b.length);
 * s.next() // 3; s.ends → 2, 7, 11; s.codes → 0, -2, 45 (1.5's box); s.values[1] → 2020; s.newTexts → 0, 0, 2
 */
export class CsvFieldScanner {
  ends!: Int32Array;
  info!: Int32Array;
  /** Per field, its code: a text's code in its column; a number's NUMBER_CODE or shared box index. */
  codes!: Int32Array;
  /** Per number field that is a plain decimal, its value. */
  values!: Float64Array;
  /** The new texts of the last batch, three i32 each: column, start, end (offsets in the piece's buffer). */
  newTexts!: Int32Array;
  /** Where the last batch's first field starts. */
  batchStart = 0;
  /** Whether a record of the last batch had other than `columns` fields, or the batch ended inside a record. */
  uneven = false;
  /** How many new texts the last batch listed in {@link newTexts}. */
  newTextCount = 0;
  /** Whether a cell of the last batch needs JavaScript (STATE.NEEDS_JS). */
  needsJs = false;
  /** Whether the last batch's quoting is malformed (STATE.MALFORMED). */
  malformed = false;
  private bytes!: Uint8Array;
  private state!: Int32Array;
  private pos = 0;
  private end = 0;
  private columns = 0;

  private constructor(
    private readonly memory: WasmMemory,
    private readonly scan: (pos: number, end: number, max: number, columns: number) => number,
  ) {
    this.views();
    new Float64Array(memory.buffer, POWERS_AT, 16).set(Array.from({ length: 16 }, (_, k) => 10 ** k));
  }

  /** A scanner, or null where WebAssembly is missing (then scanCsvBytes reads every piece). */
  static create(): CsvFieldScanner | null {
    if (WASM === undefined) return null;
    const { exports } = new WASM.Instance(new WASM.Module(Buffer.from(CSV_FIELDS_MODULE_BASE64, "base64")), {});
    return new CsvFieldScanner(exports.memory, exports.scan);
  }

  /**
   * Start a file whose records have `kinds.length` columns (at most MAX_COLUMNS), typed by `kinds` (COLUMN_KIND per
   * column; all NONE: only split): no text interned yet.
   */
  begin(kinds: Uint8Array): void {
    this.columns = kinds.length;
    this.bytes.fill(0, COLUMN_KINDS_AT, COLUMN_KINDS_AT + MAX_COLUMNS);
    this.bytes.set(kinds, COLUMN_KINDS_AT);
    this.bytes.fill(0, COUNTS_AT, COUNTS_AT + 4 * MAX_COLUMNS);
    this.state[STATE.TEXTS] = 0;
    this.state[STATE.ARENA_USED] = 0;
    // the table only if a text was added (a file of numbers only leaves it empty)
    if (this.tableUsed) this.bytes.fill(0, TABLE_AT, TABLE_AT + 16 * TEXT_SLOTS);
    this.tableUsed = false;
  }

  private tableUsed = false;

  /**
   * Copy `buf[0, end)` into the module to scan `buf[start, end)` (whole records, as scanCsvBytes takes them), or
   * return false, copying nothing, when that piece holds a carriage return.
   */
  load(buf: Buffer, start: number, end: number): boolean {
    const cr = buf.indexOf(CR, start);
    if (cr >= 0 && cr < end) return false;
    const needed = IN_AT + end - this.memory.buffer.byteLength;
    if (needed > 0) {
      this.memory.grow(Math.ceil(needed / PAGE_BYTES));
      this.views();
    }
    this.bytes.set(buf.subarray(0, end), IN_AT);
    this.pos = start;
    this.end = end;
    return true;
  }

  /**
   * Scan the next batch of fields of the loaded piece: how many (0 when the piece is done). With records of the
   * columns given to {@link begin}, a batch holds whole records (then {@link uneven} is false).
   */
  next(): number {
    if (this.pos >= this.end) return 0;
    this.batchStart = this.pos;
    // stop after a whole number of records (the module stops at max − 1 fields or after)
    const records = Math.floor((MAX_FIELDS - 1) / this.columns);
    const n = this.scan(this.pos, this.end, records > 0 ? records * this.columns + 1 : MAX_FIELDS, this.columns);
    const state = this.state;
    this.pos = state[STATE.POS];
    this.uneven = state[STATE.UNEVEN] !== 0;
    this.newTextCount = state[STATE.NEW_TEXTS];
    this.needsJs = state[STATE.NEEDS_JS] !== 0;
    this.malformed = state[STATE.MALFORMED] !== 0;
    if (state[STATE.TEXTS] > 0) this.tableUsed = true;
    return n;
  }

  private views(): void {
    const buffer = this.memory.buffer;
    this.bytes = new Uint8Array(buffer);
    this.state = new Int32Array(buffer, STATE_AT, 8);
    this.ends = new Int32Array(buffer, ENDS_AT, MAX_FIELDS);
    this.info = new Int32Array(buffer, INFO_AT, MAX_FIELDS);
    this.codes = new Int32Array(buffer, CODES_AT, MAX_FIELDS);
    this.newTexts = new Int32Array(buffer, NEW_TEXTS_AT, 3 * MAX_FIELDS);
    this.values = new Float64Array(buffer, VALUES_AT, MAX_FIELDS);
  }
}
