/**
 * The generator of the WebAssembly module behind lib/data/csv-fields.ts: one function, `scan(pos, end, max,
 * columns) → n`, that splits the bytes of CSV records (no carriage return: csv-fields.ts checks) into fields as
 * scanCsvBytes does, and types each by its column's kind (COLUMN_KINDS_AT): a number's value as plainDecimalValue
 * gives it and its code (missing, as is, or its shared box: NUMBER_CODE), a text's code in its column (interned in a
 * table of the module's own, in order of first appearance, as InternedTexts numbers them; csv-fields-wasm-cells.ts).
 * For field f it writes where it ends (ENDS_AT + 4f), what it is (INFO_AT + 4f: FIELD_INFO), its code (CODES_AT +
 * 4f) and its value (VALUES_AT + 8f). It stops after `max` − 1 fields at most, or at `end`, and leaves its state at
 * STATE_AT (csv-fields.ts' STATE: where it stopped, whether a record had other than `columns` fields, the new texts,
 * whether a cell needs JavaScript, whether the quoting is malformed). The piece's bytes are at IN_AT.
 *
 * WebAssembly is compiled when it is loaded (Liftoff), so the per-byte loop runs as machine code from the first
 * byte, where the same loop in JavaScript runs interpreted until V8 has compiled it (validate's start-up).
 *
 * Its output is shipped as lib/data/csv-fields-module.ts; tests/data/csv-fields.test.ts checks that the shipped
 * bytes are exactly what this writes. To regenerate:
 * `node --import tsx -e 'require("./lib/data/csv-fields-wasm").writeCsvFieldsModuleFile()'`.
 */
import * as path from "node:path";
import { FIELD_INFO, IN_AT, STATE, STATE_AT } from "./csv-fields";
import {
  ARENA, BAD, C, DIGITS, DOUBLED, emitCell, emitField, END, F64_LOCALS, FEND, FIELDS, FRACTION, I32_LOCALS, INDEX, INFO, J, M, MALFORMED,
  MAX, NEEDS, NEGATIVE, NEW, loadInputByte, POS, QUOTED, START, TEXTS, UNEVEN,
} from "./csv-fields-wasm-cells";
import { CodeWriter, OP, oneFunctionModule, TYPE_F64, TYPE_I32, writeShippedModule } from "./wasm-code-writer";

const COMMA = 44, LF = 10, QUOTE = 34, MINUS = 45, PLUS = 43, DOT = 46, ZERO = 48;
/** Most digits of a plain decimal (as MAX_FAST_DIGITS in plain-decimal.ts: 10^15 < 2^53). */
const MAX_FAST_DIGITS = 15;

/** A leading sign (POS < END here): NEGATIVE for a minus; either is stepped over (as plainDecimalBytes does). */
function emitSign(c: CodeWriter): void {
  c.get(POS);
  loadInputByte(c);
  c.byte(OP.localTee);
  c.u32(C);
  c.i32(MINUS);
  c.byte(OP.i32Eq);
  c.open(OP.if);
  c.i32(1);
  c.set(NEGATIVE);
  c.add(POS, 1);
  c.else();
  c.get(C);
  c.i32(PLUS);
  c.byte(OP.i32Eq);
  c.open(OP.if);
  c.add(POS, 1);
  c.end();
  c.end();
}

/**
 * Read one field from POS (< END): quoted (emitQuotedBytes) or not (emitPlainBytes); START…FEND is its text's bytes,
 * and POS is left at the comma, line feed or END after it.
 */
function emitFieldBytes(c: CodeWriter): void {
  c.get(POS);
  c.set(START);
  c.f64(0);
  c.set(M);
  for (const local of [DIGITS, NEGATIVE, BAD, QUOTED, DOUBLED]) {
    c.i32(0);
    c.set(local);
  }
  c.i32(-1);
  c.set(FRACTION);
  c.get(POS);
  loadInputByte(c);
  c.i32(QUOTE);
  c.byte(OP.i32Eq);
  c.open(OP.if);
  emitQuotedBytes(c);
  c.else();
  emitPlainBytes(c);
  c.get(POS);
  c.set(FEND);
  c.end();
}

/**
 * A quoted field (POS at its opening quote): its text runs to the closing quote (FEND), doubled quotes stepped over
 * (DOUBLED); MALFORMED when there is no closing quote before END or something other than a comma or a line feed
 * follows it (scanCsvBytes' MalformedCsv: the file is then read as text, for the exact error).
 */
function emitQuotedBytes(c: CodeWriter): void {
  c.i32(1);
  c.set(QUOTED);
  c.add(POS, 1);
  c.get(POS);
  c.set(START);
  c.get(POS);
  c.set(J);
  const closed = c.open(OP.block);
  const scanning = c.open(OP.loop);
  c.get(J);
  c.get(END);
  c.byte(OP.i32GeS);
  c.open(OP.if); // no closing quote
  c.i32(1);
  c.set(MALFORMED);
  c.get(END);
  c.set(FEND);
  c.get(END);
  c.set(POS);
  c.br(closed);
  c.end();
  c.get(J);
  loadInputByte(c);
  c.i32(QUOTE);
  c.byte(OP.i32Eq);
  c.open(OP.if);
  c.get(J);
  c.i32(1);
  c.byte(OP.i32Add);
  c.get(END);
  c.byte(OP.i32LtS);
  c.open(OP.if, TYPE_I32);
  c.get(J);
  c.mem(OP.i32Load8U, 0, IN_AT + 1);
  c.i32(QUOTE);
  c.byte(OP.i32Eq);
  c.else();
  c.i32(0);
  c.end();
  c.open(OP.if); // a doubled quote: part of the text
  c.i32(1);
  c.set(DOUBLED);
  c.add(J, 2);
  c.br(scanning);
  c.end();
  c.get(J);
  c.set(FEND);
  c.get(J);
  c.i32(1);
  c.byte(OP.i32Add);
  c.set(POS);
  c.br(closed);
  c.end();
  c.add(J, 1);
  c.br(scanning);
  c.end();
  c.end();
  // after the closing quote: a comma, a line feed or END
  c.get(POS);
  c.get(END);
  c.byte(OP.i32LtS);
  c.open(OP.if);
  c.get(POS);
  loadInputByte(c);
  c.set(C);
  c.get(C);
  c.i32(COMMA);
  c.byte(OP.i32Ne);
  c.get(C);
  c.i32(LF);
  c.byte(OP.i32Ne);
  c.byte(OP.i32And);
  c.open(OP.if);
  c.i32(1);
  c.set(MALFORMED);
  c.end();
  c.end();
}

/** An unquoted field's bytes from POS up to a comma, a line feed or END: its digits, sign, decimal point and decimals; MALFORMED at a quote. */
function emitPlainBytes(c: CodeWriter): void {
  emitSign(c);
  const fieldEnd = c.open(OP.block);
  const bytes = c.open(OP.loop);
  c.get(POS);
  c.get(END);
  c.byte(OP.i32GeS);
  c.br(fieldEnd, OP.brIf);
  c.get(POS);
  loadInputByte(c);
  c.byte(OP.localTee);
  c.u32(C);
  c.i32(COMMA);
  c.byte(OP.i32Eq);
  c.br(fieldEnd, OP.brIf);
  c.get(C);
  c.i32(LF);
  c.byte(OP.i32Eq);
  c.br(fieldEnd, OP.brIf);
  c.get(C);
  c.i32(QUOTE);
  c.byte(OP.i32Eq);
  c.get(MALFORMED);
  c.byte(OP.i32Or);
  c.set(MALFORMED);
  c.get(C);
  c.i32(ZERO);
  c.byte(OP.i32Sub);
  c.i32(10);
  c.byte(OP.i32LtU);
  c.open(OP.if); // a digit: m = 10 m + digit
  c.get(M);
  c.f64(10);
  c.byte(OP.f64Mul);
  c.get(C);
  c.i32(ZERO);
  c.byte(OP.i32Sub);
  c.byte(OP.f64ConvertI32U);
  c.byte(OP.f64Add);
  c.set(M);
  c.add(DIGITS, 1);
  c.get(FRACTION);
  c.i32(0);
  c.byte(OP.i32GeS);
  c.open(OP.if);
  c.add(FRACTION, 1);
  c.end();
  c.else(); // the first decimal point, or a byte that makes the field not a plain decimal
  c.get(C);
  c.i32(DOT);
  c.byte(OP.i32Eq);
  c.get(FRACTION);
  c.i32(0);
  c.byte(OP.i32LtS);
  c.byte(OP.i32And);
  c.open(OP.if);
  c.i32(0);
  c.set(FRACTION);
  c.else();
  c.i32(1);
  c.set(BAD);
  c.end();
  c.end();
  c.add(POS, 1);
  c.br(bytes);
  c.end();
  c.end();
}

/** INFO = kind (empty, plain, other) | negative | decimal point | decimals, as FIELD_INFO describes. */
function emitInfo(c: CodeWriter): void {
  c.get(POS);
  c.get(START);
  c.byte(OP.i32Eq);
  c.open(OP.if, TYPE_I32);
  c.i32(FIELD_INFO.EMPTY);
  c.else();
  c.i32(FIELD_INFO.OTHER);
  c.i32(FIELD_INFO.PLAIN);
  c.get(BAD);
  c.get(DIGITS);
  c.byte(OP.i32Eqz);
  c.byte(OP.i32Or);
  c.get(DIGITS);
  c.i32(MAX_FAST_DIGITS);
  c.byte(OP.i32GtS);
  c.byte(OP.i32Or);
  c.byte(OP.select);
  c.end();
  c.get(NEGATIVE);
  c.i32(Math.log2(FIELD_INFO.NEGATIVE));
  c.byte(OP.i32Shl);
  c.byte(OP.i32Or);
  c.get(FRACTION);
  c.i32(0);
  c.byte(OP.i32GeS);
  c.i32(Math.log2(FIELD_INFO.POINT));
  c.byte(OP.i32Shl);
  c.byte(OP.i32Or);
  c.get(FRACTION);
  c.i32(0);
  c.get(FRACTION);
  c.i32(0);
  c.byte(OP.i32GtS);
  c.byte(OP.select);
  c.i32(FIELD_INFO.DECIMALS_SHIFT);
  c.byte(OP.i32Shl);
  c.byte(OP.i32Or);
  c.get(QUOTED);
  c.i32(Math.log2(FIELD_INFO.QUOTED));
  c.byte(OP.i32Shl);
  c.byte(OP.i32Or);
  c.get(DOUBLED);
  c.i32(Math.log2(FIELD_INFO.DOUBLED));
  c.byte(OP.i32Shl);
  c.byte(OP.i32Or);
  c.set(INFO);
}

/** The body of scan: fields until END or until MAX − 1 are written (a comma at END writes two). */
function emitScan(c: CodeWriter): void {
  c.i32(STATE_AT);
  c.mem(OP.i32Load, 2, 4 * STATE.TEXTS);
  c.set(TEXTS);
  c.i32(STATE_AT);
  c.mem(OP.i32Load, 2, 4 * STATE.ARENA_USED);
  c.set(ARENA);
  const out = c.open(OP.block);
  const fields = c.open(OP.loop);
  c.get(POS);
  c.get(END);
  c.byte(OP.i32GeS);
  c.br(out, OP.brIf);
  c.get(FIELDS);
  c.get(MAX);
  c.i32(1);
  c.byte(OP.i32Sub);
  c.byte(OP.i32GeS);
  c.br(out, OP.brIf);
  emitFieldBytes(c);
  emitInfo(c);
  emitCell(c);
  c.get(POS);
  c.get(END);
  c.byte(OP.i32LtS);
  c.open(OP.if); // a comma or a line feed follows
  c.get(POS);
  loadInputByte(c);
  c.i32(COMMA);
  c.byte(OP.i32Eq);
  c.open(OP.if);
  emitField(c, 0);
  c.add(POS, 1);
  c.get(POS);
  c.get(END);
  c.byte(OP.i32Eq);
  c.open(OP.if); // a comma at the very end: an empty last field (as scanCsvBytes gives)
  c.i32(FIELD_INFO.EMPTY);
  c.set(INFO);
  c.f64(0);
  c.set(M);
  c.get(POS);
  c.set(START);
  c.get(POS);
  c.set(FEND);
  c.i32(0);
  c.set(DOUBLED);
  emitCell(c);
  emitField(c, FIELD_INFO.LAST);
  c.end();
  c.br(fields);
  c.end();
  emitField(c, FIELD_INFO.LAST); // a line feed: the record's last field
  c.add(POS, 1);
  c.br(fields);
  c.end();
  emitField(c, FIELD_INFO.LAST); // END: the last field of the piece
  c.br(fields);
  c.end();
  c.end();
  const store = (word: number, value: () => void) => {
    c.i32(STATE_AT);
    value();
    c.mem(OP.i32Store, 2, 4 * word);
  };
  store(STATE.POS, () => c.get(POS));
  // whether a record had other than COLUMNS fields, or the batch ended inside a record
  store(STATE.UNEVEN, () => {
    c.get(UNEVEN);
    c.bin(INDEX, { k: 0 }, OP.i32Ne);
    c.byte(OP.i32Or);
  });
  store(STATE.NEW_TEXTS, () => c.get(NEW));
  store(STATE.NEEDS_JS, () => c.get(NEEDS));
  store(STATE.MALFORMED, () => c.get(MALFORMED));
  store(STATE.TEXTS, () => c.get(TEXTS));
  store(STATE.ARENA_USED, () => c.get(ARENA));
  c.get(FIELDS);
}

/**
 * The whole module: a memory (exported, "memory") and `scan: (i32, i32, i32, i32) → i32` (exported, "scan").
 * @example
 * new WebAssembly.Module(buildCsvFieldsModule()) // what CsvFieldScanner instantiates
 */
export function buildCsvFieldsModule(): Uint8Array {
  const body = new CodeWriter();
  body.locals([[I32_LOCALS, TYPE_I32], [F64_LOCALS, TYPE_F64]]);
  emitScan(body);
  body.byte(OP.end);
  const code = body.result();
  // (i32, i32, i32, i32) → i32; memory: min pages for the outputs and tables
  return oneFunctionModule("scan", [TYPE_I32, TYPE_I32, TYPE_I32, TYPE_I32], [TYPE_I32], Math.ceil(IN_AT / 65536), code);
}

/**
 * Write lib/data/csv-fields-module.ts from {@link buildCsvFieldsModule} (run after changing the generator).
 * @example
 * writeCsvFieldsModuleFile() // rewrites the shipped module bytes
 */
export function writeCsvFieldsModuleFile(): void {
  writeShippedModule(path.join(__dirname, "csv-fields-module.ts"), "CSV_FIELDS_MODULE_BASE64", buildCsvFieldsModule(), {
    of: "lib/data/csv-fields.ts", by: "buildCsvFieldsModule", generator: "lib/data/csv-fields-wasm.ts", test: "tests/data/csv-fields.test.ts",
  });
}
