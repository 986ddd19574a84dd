/**
 * The field scanner of record-level pilot CSVs (RFC 4180: quoted fields, doubled quotes, CRLF or LF): finds
 * the byte range of each field of one row, by role (the RECORD_FIELDS column it holds), allocating nothing
 * per row. Used by the tally (lib/pilot/tally-builder.ts) on whole files or on chunks of a stream.
 */
import { isUtf8 } from "node:buffer";
import { firstInvalidUtf8 } from "../data/csv";
import { fieldsWords } from "../data/csv-separator-hint";
import type { DataError } from "../errors";
import { RECORD_FIELDS } from "./records";

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The text of bytes[start, end) (UTF-8). */
export function decode(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("utf8");
}

/**
 * The text of bytes[start, end) for an error message: its UTF-8 text, each byte that is not UTF-8 written as
 * `\xNN` (the tally compares bytes, so such a field is reported as not matching; U+FFFD in the message would hide
 * which byte was there).
 * @example
 * errorText(Buffer.from("y\xe9s", "latin1"), 0, 3) // "y\\xe9s"
 */
export function errorText(bytes: Uint8Array, start: number, end: number): string {
  let rest = bytes.subarray(start, end);
  let text = "";
  while (!isUtf8(rest)) {
    const at = firstInvalidUtf8(rest);
    text += decode(rest, 0, at) + `\\x${rest[at].toString(16).padStart(2, "0")}`;
    rest = rest.subarray(at + 1);
  }
  return text + decode(rest, 0, rest.length);
}

/** True when bytes[a, a + len) equals bytes[b, b + len). */
export function sameBytes(bytes: Uint8Array, a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

/** Outcomes of scanning a row (FieldState.error). */
/** Bytes after a bad closing quote shown in the error (they may run into the next line). */
export const AFTER_QUOTE_PREVIEW_BYTES = 10;
export const FIELD_OK = 0;
export const FIELD_UNTERMINATED = 1;
export const FIELD_AFTER_QUOTE = 2;
export const FIELD_STRAY_QUOTE = 3;
export const FIELD_TOO_FEW = 4;
export const FIELD_TOO_MANY = 5;

/** Where the fields of the current row are (by role), and the first problem found in it. */
export interface FieldState {
  start: Int32Array;
  end: Int32Array;
  /** The bytes each field's range refers to: the file, or a scratch buffer for unescaped quoted fields. */
  bytes: Uint8Array[];
  scratch: Uint8Array[];
  error: number;
  /** Role of the bad field (for FIELD_TOO_FEW: the number of fields read). */
  errorRole: number;
  errorStart: number;
  errorEnd: number;
}

/** Field ranges for one row of the record schema's six columns. */
export function newFieldState(): FieldState {
  const n = RECORD_FIELDS.length;
  return {
    start: new Int32Array(n),
    end: new Int32Array(n),
    bytes: new Array<Uint8Array>(n).fill(new Uint8Array(0)),
    scratch: Array.from({ length: n }, () => new Uint8Array(256)),
    error: FIELD_OK,
    errorRole: 0,
    errorStart: -1,
    errorEnd: -1,
  };
}

/**
 * Scan the fields of one row starting at `pos` (RFC 4180), recording each field's byte range by role.
 * Returns the position where the row's fields end (at its line end, or where scanning stopped on an error);
 * `st.error` says whether the row is well-formed.
 */
export function scanFields(bytes: Uint8Array, pos: number, nCols: number, roleOf: Int32Array, st: FieldState): number {
  const len = bytes.length;
  st.error = FIELD_OK;
  for (let k = 0; k < nCols; k++) {
    const role = roleOf[k];
    if (pos < len && bytes[pos] === QUOTE) {
      // quoted field: find the closing quote, unescaping doubled quotes into scratch when needed
      let q = pos + 1;
      let escaped = false;
      for (;;) {
        while (q < len && bytes[q] !== QUOTE) q++;
        if (q >= len) break;
        if (q + 1 < len && bytes[q + 1] === QUOTE) {
          escaped = true;
          q += 2;
          continue;
        }
        break;
      }
      if (q >= len) return fieldError(st, FIELD_UNTERMINATED, role, -1, -1, len);
      if (escaped) {
        let out = st.scratch[role];
        if (out.length < q - pos) out = st.scratch[role] = new Uint8Array(2 * (q - pos));
        let o = 0;
        for (let i = pos + 1; i < q; i++) {
          out[o++] = bytes[i];
          if (bytes[i] === QUOTE) i++;
        }
        st.bytes[role] = out;
        st.start[role] = 0;
        st.end[role] = o;
      } else {
        st.bytes[role] = bytes;
        st.start[role] = pos + 1;
        st.end[role] = q;
      }
      pos = q + 1;
      const c = pos < len ? bytes[pos] : LF;
      if (c !== COMMA && c !== LF && c !== CR) return fieldError(st, FIELD_AFTER_QUOTE, role, pos, Math.min(len, pos + AFTER_QUOTE_PREVIEW_BYTES), pos);
    } else {
      const s = pos;
      let c = 0;
      let quote = false;
      while (pos < len && (c = bytes[pos]) !== COMMA && c !== LF && c !== CR) {
        if (c === QUOTE) quote = true;
        pos++;
      }
      if (quote) return fieldError(st, FIELD_STRAY_QUOTE, role, s, pos, pos);
      st.bytes[role] = bytes;
      st.start[role] = s;
      st.end[role] = pos;
    }
    if (k < nCols - 1) {
      if (pos < len && bytes[pos] === COMMA) pos++;
      else return fieldError(st, FIELD_TOO_FEW, k + 1, -1, -1, pos);
    } else if (pos < len && bytes[pos] === COMMA) return fieldError(st, FIELD_TOO_MANY, role, -1, -1, pos);
  }
  return pos;
}

/**
 * {@link scanFields} for a file known to hold no quote and no carriage return: fields end at a comma or LF.
 * `st.bytes` is not touched: the caller has pointed every field at the file's bytes once. With `firstCol`,
 * `pos` is the start of column `firstCol` (the caller knows where the columns before it lie).
 */
export function scanPlainFields(bytes: Uint8Array, pos: number, nCols: number, roleOf: Int32Array, st: FieldState, firstCol = 0): number {
  const len = bytes.length;
  st.error = FIELD_OK;
  const last = nCols - 1;
  for (let k = firstCol; k < nCols; k++) {
    const role = roleOf[k];
    const s = pos;
    let c = 0;
    while (pos < len && (c = bytes[pos]) !== COMMA && c !== LF) pos++;
    st.start[role] = s;
    st.end[role] = pos;
    if (k < last) {
      if (c === COMMA && pos < len) pos++;
      else return fieldError(st, FIELD_TOO_FEW, k + 1, -1, -1, pos);
    } else if (c === COMMA && pos < len) return fieldError(st, FIELD_TOO_MANY, role, -1, -1, pos);
  }
  return pos;
}

function fieldError(st: FieldState, error: number, role: number, start: number, end: number, pos: number): number {
  st.error = error;
  st.errorRole = role;
  st.errorStart = start;
  st.errorEnd = end;
  return pos;
}

/** The DataError location of a malformed row. */
export function fieldErrorLocation(st: FieldState, bytes: Uint8Array, file: string, row: number, nCols: number): ConstructorParameters<typeof DataError>[0] {
  const column = RECORD_FIELDS[st.errorRole];
  // a respondent id is never shown (error logs carry no record-level identifiers): the row and column say where
  const value = st.errorStart >= 0 && column !== "respondent_id" ? errorText(bytes, st.errorStart, st.errorEnd) : undefined;
  switch (st.error) {
    case FIELD_UNTERMINATED:
      return { file, row, column, expected: "a closing quote before the end of the file" };
    case FIELD_AFTER_QUOTE:
      return { file, row, column, value, expected: "a comma or line end after a quoted field" };
    case FIELD_STRAY_QUOTE:
      return { file, row, column, value, expected: "quotes only around a whole field" };
    case FIELD_TOO_FEW:
      return { file, row, value: fieldsWords(st.errorRole), expected: `${fieldsWords(nCols)} as in the header` };
    default:
      return { file, row, value: `more than ${fieldsWords(nCols)}`, expected: `${fieldsWords(nCols)} as in the header` };
  }
}

