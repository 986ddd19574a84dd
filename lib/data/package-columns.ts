/**
 * A package resource held as columns (one array per field, in schema order) rather than row objects: the
 * reader types each CSV cell straight into its column (columns-builder.ts), and the format's rules (package-rules.ts) run over the columns, comparing keys by small integer codes.
 * The columns become the loaded package's arquero tables as they are (arquero tables are columnar).
 */
import type { TypedRow } from "./package-cells";
import { SCHEMAS } from "./schema";
import type { ResourceName } from "./types";

/** A typed cell: text, number, or null (missing). Rows given to writePackage may hold anything (checked there). */
export type Cell = string | number | null;

/** Codes of a column's cells: the reader keeps them in the narrowest array that holds its codes (1, 2 or 4 bytes a row). */
export type CellCodes = Uint8Array | Uint16Array | Int32Array;

/** A column as codes into its distinct values: row i holds `values[codes[i]]`. */
export interface CodedColumn {
  codes: CellCodes;
  values: unknown[];
}

/** A resource as columns: `columns[field][i]` is row i's cell (data row i + 1 of the file). */
export interface ResourceColumns {
  length: number;
  columns: Readonly<Record<string, readonly unknown[]>>;
  /** Codes of the text columns, made by the reader as it interns them (a text cell's code = its text's). */
  coded?: Readonly<Record<string, CodedColumn>>;
}

/**
 * Rows (of writePackage's content) as columns: one array per schema field, cells as given (a field a row lacks
 * is `undefined`, as it was reading `row[field]`).
 * @example
 * columnsOfRows("context", [{ la_code: "E06000001", period: 2020, variable: "x", value: 1 }]).columns.value // [1]
 */
export function columnsOfRows(name: ResourceName, rows: readonly TypedRow[]): ResourceColumns {
  const columns: Record<string, unknown[]> = {};
  for (const f of SCHEMAS[name]) {
    const col = anyValueColumn(rows.length);
    for (let i = 0; i < rows.length; i++) col[i] = rows[i][f.name];
    columns[f.name] = col;
  }
  return { length: rows.length, columns };
}

/**
 * A column's codes: equal cells share a code. `by: "text"` codes cells by `String(cell)` (how keys compare);
 * `by: "value"` by the cell itself. Text cells read by the package reader are coded already (either way, as
 * they are strings); other columns are coded here, numbers that are all whole and close together without a map.
 * @example
 * codedColumn(columnsOfRows("catalogue", [{ indicator: "a" }, { indicator: "b" }, { indicator: "a" }]), "indicator", "text").codes // Uint8Array [0, 1, 0]
 */
export function codedColumn(res: ResourceColumns, field: string, by: "text" | "value"): CodedColumn {
  const made = res.coded?.[field];
  if (made) return made;
  const col = res.columns[field];
  const whole = wholeNumberCodes(col, res.length);
  if (whole && by === "text") whole.values = whole.values.map(String);
  return whole ?? codesByMap(col, res.length, by);
}

/** Largest span of whole numbers coded as `value − min` (period columns span a few decades). */
const MAX_WHOLE_NUMBER_SPAN = 1 << 20;

/** Codes of a column of whole numbers and nulls spanning at most MAX_WHOLE_NUMBER_SPAN (null → 0), else undefined. */
function wholeNumberCodes(col: readonly unknown[], length: number): CodedColumn | undefined {
  const range = wholeNumberRange(col, length);
  if (range === undefined) return undefined;
  let { min, max } = range;
  if (max - min > MAX_WHOLE_NUMBER_SPAN) return undefined;
  if (min > max) min = max = 0;
  // codes run from 0 (null) to max − min + 1: the narrowest array that holds them
  const codes = codesFor(max - min + 1, length);
  fillWholeNumberCodes(codes, col, min, length);
  const values: unknown[] = [null];
  for (let v = min; v <= max; v++) values.push(v === 0 ? 0 : v);
  return { codes, values };
}

/**
 * The smallest and largest of a column's numbers (Infinity, −Infinity when all are null), or undefined when a cell
 * is neither null nor a whole number. The loops over the rows are functions of their own: a loop in a function run
 * once runs in on-stack-replaced code, and what follows it in the same function, never run before, was thrown away
 * there ('insufficient type feedback', --trace-deopt) on each resource.
 */
function wholeNumberRange(col: readonly unknown[], length: number): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < length; i++) {
    const v = col[i];
    if (v === null) continue;
    if (typeof v !== "number" || !Number.isInteger(v)) return undefined;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** Each row's code: 0 for null, else its number − min + 1. */
function fillWholeNumberCodes(codes: CellCodes, col: readonly unknown[], min: number, length: number): void {
  for (let i = 0; i < length; i++) {
    const v = col[i] as number | null;
    codes[i] = v === null ? 0 : v - min + 1;
  }
}

/**
 * The codes of a column whose cells are all texts (equal texts share a code, numbered in order of first
 * occurrence, as {@link codedColumn} numbers them), else undefined.
 * @example
 * textCodes(["a", "b", "a"], 3) // { codes: Uint8Array [0, 1, 0], values: ["a", "b"] }
 */
export function textCodes(col: readonly unknown[], length: number): CodedColumn | undefined {
  for (let i = 0; i < length; i++) if (typeof col[i] !== "string") return undefined;
  return codesByMap(col, length, "value");
}

/**
 * Codes by a map from each distinct key to its code (first occurrence first), in the narrowest array that holds
 * them (widened as codes grow: a column of 150 LA codes takes a byte a row). A cell equal (===) to the previous
 * row's has its code without a lookup: files come sorted, so most text columns run in blocks.
 */
function codesByMap(col: readonly unknown[], length: number, by: "text" | "value"): CodedColumn {
  const index = new Map<unknown, number>();
  const values: unknown[] = [];
  let codes: CellCodes = new Uint8Array(length);
  let previous: unknown;
  let code = -1;
  for (let i = 0; i < length; i++) {
    const cell = col[i];
    if (code < 0 || cell !== previous) {
      previous = cell;
      const key = by === "text" ? String(cell) : cell;
      const known = index.get(key);
      if (known !== undefined) code = known;
      else {
        code = values.length;
        values.push(key);
        index.set(key, code);
        codes = codesHolding(codes, code);
      }
    }
    codes[i] = code;
  }
  return { codes, values };
}

/**
 * `codes` if it holds `code`, else a copy of it in the narrowest wider array that does.
 * @example
 * codesHolding(new Uint8Array(2), 300) // Uint16Array [0, 0]
 */
export function codesHolding(codes: CellCodes, code: number): CellCodes {
  if (code <= CODE_MAX[codes.BYTES_PER_ELEMENT]) return codes;
  const wider = codesFor(code, codes.length);
  wider.set(codes);
  return wider;
}

/**
 * An empty column of `length` cells that holds any value from the start: its first slot set to null
 * (overwritten by the first row's cell), so that V8 keeps it as an array of tagged values. Left as the array of
 * small integers `new Array(n)` starts as, the first decimal would turn it into an array of unboxed doubles, and
 * the first null then copy it again, boxing every double stored so far.
 * @example
 * anyValueColumn(2).length // 2
 */
export function anyValueColumn(length: number): unknown[] {
  const col = new Array<unknown>(length);
  if (length > 0) col[0] = null;
  return col;
}

/** The largest code an array of codes holds, by its bytes per element (Uint8Array, Uint16Array, Int32Array). */
export const CODE_MAX: readonly number[] = [0, 0xff, 0xffff, 0, 0x7fffffff];

/** `length` codes in the narrowest array that holds codes up to `largest` (1, 2 or 4 bytes a row). */
export function codesFor(largest: number, length: number): CellCodes {
  return largest <= CODE_MAX[1] ? new Uint8Array(length) : largest <= CODE_MAX[2] ? new Uint16Array(length) : new Int32Array(length);
}


/**
 * A text column made from its codes: row i holds `values[codes[i]]` (the cells the reader would have stored).
 * @example
 * textColumn({ codes: Uint8Array.of(0, 1, 0), values: ["a", "b"] }, 3) // ["a", "b", "a"]
 */
export function textColumn(coded: CodedColumn, length: number): Cell[] {
  const col = anyValueColumn(length) as Cell[];
  const { codes, values } = coded;
  for (let i = 0; i < length; i++) col[i] = values[codes[i]] as Cell;
  return col;
}


/**
 * Upper bound on the records of a CSV text: its line feeds plus one (quoted line breaks only lower the count).
 * @example
 * maxRecords("a,b\n1,2\n") // 3
 */
export function maxRecords(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * Empty columns of a resource (what a resource with a structural or header error contributes to the rules).
 * @example
 * emptyColumns("context").columns.value // []
 */
export function emptyColumns(name: ResourceName): ResourceColumns {
  const columns: Record<string, Cell[]> = {};
  for (const f of SCHEMAS[name]) columns[f.name] = [];
  return { length: 0, columns };
}
