/**
 * One CSV cell of a package resource, typed by its field: numbers and whole numbers parsed exactly as
 * written, dates checked as calendar dates, declared missing values read as null. Shared by reading
 * (package.ts) and writing (package-write.ts), so a written package always reads back.
 */
import { createHash } from "node:crypto";
import { DataError } from "../errors";
import { ISO_DATE } from "./schema";
import type { FieldDescriptor } from "./types";

/** A typed row: text, number or null (missing). */
export type TypedRow = Record<string, string | number | null>;

const NUMBER_RE = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const INTEGER_RE = /^[-+]?\d+$/;

/**
 * sha256 of bytes (or of a string's UTF-8 bytes) as lowercase hex — the hash datapackage.json records.
 * @example
 * sha256("abc") // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Days in each month of a common year, January first. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A yyyy-mm-dd date that exists in the (proleptic Gregorian) calendar: month 1–12, day 1 to the month's length,
 * 29 February in years divisible by 4 but not by 100 unless by 400, as JavaScript's Date has it (year 0000
 * included). Checked by arithmetic, not by a Date and its ISO text (the first Date cost validate ≈ 2 ms).
 * @example
 * isValidDate("2016-02-29") // true; isValidDate("2015-02-29") // false; isValidDate("2016-04-31") // false
 */
export function isValidDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** What a cell of the field must be, in words for DataError `expected`. */
export function expectedType(f: FieldDescriptor): string {
  switch (f.type) {
    case "number":
      return "a number (or an empty cell for missing)";
    case "integer":
      return "a whole number";
    case "date":
      return "a date as yyyy-mm-dd";
    default:
      return "text";
  }
}

/** Convert one text cell by its field type; returns a DataError for a bad cell. `missing`: the declared missing values. */
export function convertCell(text: string, f: FieldDescriptor, file: string, row: number, missing?: ReadonlySet<string>): string | number | null | DataError {
  if (f.type === "string") return text;
  if (text === "") return f.type === "date" ? "" : null;
  if ((f.type === "number" || f.type === "integer") && missing?.has(text)) return null;
  if (f.type === "number") {
    if (NUMBER_RE.test(text)) {
      const n = Number(text);
      if (Number.isFinite(n)) return n;
      return new DataError({ file, row, column: f.name, value: text, expected: `a finite number (this one overflows to ${n} in double precision, |x| ≤ ${Number.MAX_VALUE})` });
    }
  } else if (f.type === "integer") {
    if (INTEGER_RE.test(text)) {
      const n = Number(text);
      if (Number.isSafeInteger(n)) return n;
      return new DataError({ file, row, column: f.name, value: text, expected: `a whole number of at most ${Number.MAX_SAFE_INTEGER} in size (larger ones are not exact in double precision)` });
    }
  } else if (f.type === "date") {
    if (isValidDate(text)) return text;
  }
  return new DataError({ file, row, column: f.name, value: text, expected: expectedType(f) });
}

