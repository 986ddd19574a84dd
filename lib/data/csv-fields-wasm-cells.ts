/**
 * The part of the csv-fields module's `scan` (lib/data/csv-fields-wasm.ts) that types a field once it is split: its
 * locals, the writing of a field's outputs (emitField), and, by its column's kind, a number's value and code or a
 * text's code in its column (emitCell, emitIntern, emitNewText).
 */
import {
  ARENA_AT, ARENA_BYTES, CODES_AT, COLUMN_KIND, COLUMN_KINDS_AT, COUNTS_AT, ENDS_AT, FIELD_INFO, INFO_AT,
  IN_AT, MAX_TEXTS, NEW_TEXTS_AT, NUMBER_CODE, POWERS_AT, TABLE_AT, TEXT_SLOTS, VALUES_AT,
} from "./csv-fields";
import { BOXED_FRACTION_DIGITS, BOXED_MANTISSAS } from "./plain-decimal";
import { CodeWriter, OP } from "./wasm-code-writer";

// locals of scan: the four parameters, then i32s, then f64s
export const POS = 0, END = 1, MAX = 2, COLUMNS = 3;
export const FIELDS = 4, START = 5, C = 6, DIGITS = 7, FRACTION = 8, NEGATIVE = 9, BAD = 10, INFO = 11, INDEX = 12, UNEVEN = 13;
export const H = 14, KIND = 15, CODE = 16, SLOT = 17, TAG = 18, J = 19, LEN = 20, NEW = 21, NEEDS = 22, TEXTS = 23, ARENA = 24, TMP = 25;
/** QUOTED, DOUBLED: the field is quoted, with a doubled quote inside; FEND: where its text ends (its closing quote). */
export const QUOTED = 26, DOUBLED = 27, MALFORMED = 28, FEND = 29;
export const M = 30, VALUE = 31;
export const I32_LOCALS = 26, F64_LOCALS = 2;
/** FNV-1a 32-bit (as fnv1a in byte-interner.ts). */
const FNV_OFFSET = 0x811c9dc5, FNV_PRIME = 0x01000193;
/** Spreads the columns' texts over the table (2^32 / golden ratio). */
const COLUMN_MIX = 0x9e3779b1;

/** i32.load8_u of the piece's byte at the address on the stack. */
export function loadInputByte(c: CodeWriter): void {
  c.mem(OP.i32Load8U, 0, IN_AT);
}

/**
 * Write ENDS[FIELDS] = POS, INFO[FIELDS] = INFO | `flags`, CODES[FIELDS] = CODE, VALUES[FIELDS] =
 * VALUE, then FIELDS += 1; count the field in
 * its record (INDEX), and at a record's end note whether it had COLUMNS fields (UNEVEN).
 */
export function emitField(c: CodeWriter, flags: number): void {
  c.indexAddress(FIELDS, 4);
  c.get(POS);
  c.storeI32(ENDS_AT);
  c.indexAddress(FIELDS, 4);
  c.get(INFO);
  if (flags !== 0) {
    c.i32(flags);
    c.byte(OP.i32Or);
  }
  c.storeI32(INFO_AT);
  c.indexAddress(FIELDS, 4);
  c.get(CODE);
  c.storeI32(CODES_AT);
  c.indexAddress(FIELDS, 8);
  c.get(VALUE);
  c.storeF64(VALUES_AT);
  c.add(FIELDS, 1);
  if ((flags & FIELD_INFO.LAST) === 0) c.add(INDEX, 1);
  else {
    // the record's end: UNEVEN |= (fields of the record ≠ COLUMNS)
    c.get(INDEX);
    c.i32(1);
    c.byte(OP.i32Add);
    c.get(COLUMNS);
    c.byte(OP.i32Ne);
    c.get(UNEVEN);
    c.byte(OP.i32Or);
    c.set(UNEVEN);
    c.i32(0);
    c.set(INDEX);
  }
}

/**
 * CODE and VALUE of the field START…FEND in column INDEX, by the column's kind: a text's code in its column (interned:
 * emitIntern); a number's value as plainDecimalValue gives it, and its code (NUMBER_CODE, or its shared box's index
 * as ColumnsBuilder.cellBytes computes it); NEEDS = 1 for a number cell that is not empty or a plain decimal.
 */
export function emitCell(c: CodeWriter): void {
  c.f64(0);
  c.set(VALUE);
  c.i32(0);
  c.set(CODE);
  c.bin(INDEX, COLUMNS, OP.i32LtU);
  c.open(OP.if);
  c.get(INDEX);
  c.mem(OP.i32Load8U, 0, COLUMN_KINDS_AT);
  c.set(KIND);
  c.bin(KIND, { k: COLUMN_KIND.TEXT }, OP.i32Eq);
  c.open(OP.if);
  c.get(DOUBLED);
  c.open(OP.if); // its text is not its bytes (doubled quotes undone): JavaScript's
  c.i32(1);
  c.set(NEEDS);
  c.else();
  emitIntern(c);
  c.end();
  c.else();
  c.get(KIND);
  c.open(OP.if); // a number column
  emitNumber(c);
  c.end();
  c.end();
  c.end();
}


/**
 * CODE and VALUE of a number cell (column kind NUMBER or WHOLE_NUMBER in KIND): missing when empty; NEEDS = 1 when it
 * is not a plain decimal (or has a decimal point in a whole-number column); else its value and, when it has one, the
 * index of its shared box (BOXED_MANTISSAS), as ColumnsBuilder.cellBytes computes them.
 */
function emitNumber(c: CodeWriter): void {
  c.bin(INFO, { k: FIELD_INFO.FORM }, OP.i32And);
  c.set(TMP);
  c.bin(TMP, { k: FIELD_INFO.EMPTY }, OP.i32Eq);
  c.open(OP.if);
  c.i32(NUMBER_CODE.MISSING);
  c.set(CODE);
  c.else();
  c.bin(TMP, { k: FIELD_INFO.PLAIN }, OP.i32Ne);
  c.bin(KIND, { k: COLUMN_KIND.WHOLE_NUMBER }, OP.i32Eq);
  c.bin(INFO, { k: FIELD_INFO.POINT }, OP.i32And);
  c.byte(OP.i32And);
  c.byte(OP.i32Or);
  c.open(OP.if);
  c.i32(1);
  c.set(NEEDS);
  c.else();
  c.bin(INFO, { k: FIELD_INFO.DECIMALS_SHIFT }, OP.i32ShrU);
  c.set(TMP); // decimals
  c.get(M);
  c.get(TMP);
  c.i32(8);
  c.byte(OP.i32Mul);
  c.mem(OP.f64Load, 3, POWERS_AT);
  c.byte(OP.f64Div);
  c.set(VALUE);
  c.get(NEGATIVE);
  c.open(OP.if);
  c.get(VALUE);
  c.byte(OP.f64Neg);
  c.set(VALUE);
  c.end();
  c.i32(NUMBER_CODE.AS_IS);
  c.set(CODE);
  // a shared box: not negative, 1 to BOXED_FRACTION_DIGITS − 1 decimals, digits below BOXED_MANTISSAS
  c.get(NEGATIVE);
  c.byte(OP.i32Eqz);
  c.bin(TMP, { k: 0 }, OP.i32Ne);
  c.byte(OP.i32And);
  c.bin(TMP, { k: BOXED_FRACTION_DIGITS }, OP.i32LtU);
  c.byte(OP.i32And);
  c.get(M);
  c.f64(BOXED_MANTISSAS);
  c.byte(OP.f64Lt);
  c.byte(OP.i32And);
  c.open(OP.if);
  c.get(M);
  c.byte(OP.i32TruncF64U);
  c.i32(BOXED_FRACTION_DIGITS - 1);
  c.byte(OP.i32Mul);
  c.get(TMP);
  c.byte(OP.i32Add);
  c.i32(1);
  c.byte(OP.i32Sub);
  c.set(CODE);
  c.end();
  c.end();
  c.end();
}

/**
 * CODE of the text START…FEND in column INDEX: found in the table of texts (FNV-1a hash, linear probing), or added with
 * the column's next code (COUNTS), its bytes copied into the arena and the new text listed (NEW_TEXTS). When the
 * table or the arena is full, NEEDS = 1 (JavaScript interns the file from then on).
 */
function emitIntern(c: CodeWriter): void {
  c.bin(FEND, START, OP.i32Sub);
  c.set(LEN);
  emitHash(c);
  c.get(INDEX);
  c.i32(1);
  c.byte(OP.i32Add);
  c.bin(LEN, { k: 8 }, OP.i32Shl);
  c.byte(OP.i32Or);
  c.set(TAG);
  c.get(H);
  c.bin(INDEX, { k: COLUMN_MIX }, OP.i32Mul);
  c.byte(OP.i32Xor);
  c.i32(TEXT_SLOTS - 1);
  c.byte(OP.i32And);
  c.set(SLOT);
  const done = c.open(OP.block);
  const probe = c.open(OP.loop);
  c.bin(SLOT, { k: 4 }, OP.i32Shl);
  c.set(TMP); // the slot's address in the table
  c.get(TMP);
  c.mem(OP.i32Load, 2, TABLE_AT);
  c.byte(OP.i32Eqz);
  c.open(OP.if);
  emitNewText(c);
  c.br(done);
  c.end();
  c.get(TMP);
  c.mem(OP.i32Load, 2, TABLE_AT);
  c.get(TAG);
  c.byte(OP.i32Eq);
  c.get(TMP);
  c.mem(OP.i32Load, 2, TABLE_AT + 4);
  c.get(H);
  c.byte(OP.i32Eq);
  c.byte(OP.i32And);
  c.open(OP.if); // same column, length and hash: compare the bytes
  const mismatch = c.open(OP.block);
  c.i32(0);
  c.set(J);
  const comparing = c.open(OP.loop);
  c.bin(J, LEN, OP.i32GeS);
  c.open(OP.if);
  c.get(TMP);
  c.mem(OP.i32Load, 2, TABLE_AT + 12);
  c.set(CODE);
  c.br(done);
  c.end();
  c.get(TMP);
  c.mem(OP.i32Load, 2, TABLE_AT + 8);
  c.get(J);
  c.byte(OP.i32Add);
  c.mem(OP.i32Load8U, 0, ARENA_AT);
  c.bin(START, J, OP.i32Add);
  loadInputByte(c);
  c.byte(OP.i32Ne);
  c.br(mismatch, OP.brIf);
  c.add(J, 1);
  c.br(comparing);
  c.end();
  c.end();
  c.end();
  c.get(SLOT);
  c.i32(1);
  c.byte(OP.i32Add);
  c.i32(TEXT_SLOTS - 1);
  c.byte(OP.i32And);
  c.set(SLOT);
  c.br(probe);
  c.end();
  c.end();
}

/** H = FNV-1a of the bytes START…FEND (as fnv1a in byte-interner.ts). */
function emitHash(c: CodeWriter): void {
  c.i32(FNV_OFFSET);
  c.set(H);
  c.get(START);
  c.set(J);
  const hashed = c.open(OP.block);
  const hashing = c.open(OP.loop);
  c.bin(J, FEND, OP.i32GeS);
  c.br(hashed, OP.brIf);
  c.get(H);
  c.get(J);
  loadInputByte(c);
  c.byte(OP.i32Xor);
  c.i32(FNV_PRIME);
  c.byte(OP.i32Mul);
  c.set(H);
  c.add(J, 1);
  c.br(hashing);
  c.end();
  c.end();
}

/** Add the text START…FEND (not in the table: slot at TMP) to column INDEX, or NEEDS = 1 when the table or arena is full. */
function emitNewText(c: CodeWriter): void {
  c.bin(TEXTS, { k: MAX_TEXTS }, OP.i32GeS);
  c.bin(ARENA, LEN, OP.i32Add);
  c.i32(ARENA_BYTES);
  c.byte(OP.i32GtS);
  c.byte(OP.i32Or);
  c.open(OP.if);
  c.i32(1);
  c.set(NEEDS);
  c.else();
  c.indexAddress(INDEX, 4);
  c.mem(OP.i32Load, 2, COUNTS_AT);
  c.set(CODE);
  c.indexAddress(INDEX, 4);
  c.bin(CODE, { k: 1 }, OP.i32Add);
  c.mem(OP.i32Store, 2, COUNTS_AT);
  for (const [offset, local] of [[0, TAG], [4, H], [8, ARENA], [12, CODE]]) {
    c.get(TMP);
    c.get(local);
    c.mem(OP.i32Store, 2, TABLE_AT + offset);
  }
  c.i32(0);
  c.set(J);
  const copied = c.open(OP.block);
  const copying = c.open(OP.loop);
  c.bin(J, LEN, OP.i32GeS);
  c.br(copied, OP.brIf);
  c.bin(ARENA, J, OP.i32Add);
  c.bin(START, J, OP.i32Add);
  loadInputByte(c);
  c.mem(OP.i32Store8, 0, ARENA_AT);
  c.add(J, 1);
  c.br(copying);
  c.end();
  c.end();
  c.bin(ARENA, LEN, OP.i32Add);
  c.set(ARENA);
  c.add(TEXTS, 1);
  for (const [offset, local] of [[0, INDEX], [4, START], [8, FEND]]) {
    c.indexAddress(NEW, 12);
    c.get(local);
    c.mem(OP.i32Store, 2, NEW_TEXTS_AT + offset);
  }
  c.add(NEW, 1);
  c.end();
}

