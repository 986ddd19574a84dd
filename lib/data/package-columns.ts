/**
 * A package resource held as columns (one array per field, in schema order) rather than row objects: the
 * reader types each CSV cell straight into its column (numbers parsed without cutting the text out when they
 * are plain decimals; text interned, so the 1.44 M la_code cells of a large package share 150 strings), and
 * the format's rules (package-rules.ts) run over the columns, comparing keys by small integer codes.
 * The columns become the loaded package's arquero tables as they are (arquero tables are columnar).
 */
import type { Buffer } from "node:buffer";
import { DataError } from "../errors";
import { InternedTexts } from "./byte-interner";
import { BOXED_FRACTION_DIGITS, BOXED_MANTISSAS, boxTable, plainDecimalBytes, plainDecimalValue, type PlainDecimal } from "./plain-decimal";
import { convertCell, isValidDate, type TypedRow } from "./package-cells";
import { SCHEMAS } from "./schema";
import type { FieldDescriptor, ResourceName } from "./types";

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
const CODE_MAX: readonly number[] = [0, 0xff, 0xffff, 0, 0x7fffffff];

/** `length` codes in the narrowest array that holds codes up to `largest` (1, 2 or 4 bytes a row). */
function codesFor(largest: number, length: number): CellCodes {
  return largest <= CODE_MAX[1] ? new Uint8Array(length) : largest <= CODE_MAX[2] ? new Uint16Array(length) : new Int32Array(length);
}

const NUMBER_FIELD = 1;
const WHOLE_NUMBER_FIELD = 2;
const TEXT_FIELD = 3;
const DATE_FIELD = 4;
const FIELD_KINDS: Record<FieldDescriptor["type"], number> = { number: NUMBER_FIELD, integer: WHOLE_NUMBER_FIELD, string: TEXT_FIELD, date: DATE_FIELD };

const NUMBER_LIKE = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Builds a resource's columns from CSV fields: typing, interning and collecting cell errors (row = 1-based data
 * row; a record's errors come in schema order, as typing a row field by field gave them).
 * @example
 * const b = new ColumnsBuilder("context", 1, "context.csv", new Set([""]), errors);
 * b.cell(3, "E06000001,2020,x,1.5", 17, 20, 0); b.endRow(); b.finish(1, [true, true, true, true]).columns.value // [1.5, …]
 */
export class ColumnsBuilder {
  readonly columns: Record<string, Cell[]> = {};
  readonly coded: Record<string, CodedColumn> = {};
  private readonly fields: readonly FieldDescriptor[];
  private readonly interned: (Map<string, number> | undefined)[];
  private readonly cols: Cell[][];
  private readonly codes: (CellCodes | undefined)[];
  private readonly values: (string[] | undefined)[];
  /** Per date field, per code: 1 if the text is a valid date, 2 if not, 0 not yet checked. */
  private readonly dateChecked: (number[] | undefined)[];
  /** Per text field, the code of the previous cell. */
  private readonly lastCode: number[];
  /** This record's cell errors by schema field, until the record ends. */
  private readonly rowErrors: (DataError | undefined)[];
  private rowHasErrors = false;
  /** The fast decimal path is off when a declared missing value looks like a number (it must read as missing). */
  private readonly fastNumbers: boolean;
  /** Text interning of cells given as bytes ({@link cellBytes}); cells given as text use `interned`. */
  private readonly byteInterners: (InternedTexts | undefined)[];
  /** Shared boxed numbers of cells given as bytes (see BOXED_MANTISSAS, {@link boxTable}), taken on first use. */
  private boxes: unknown[] | undefined;
  private readonly decimal: PlainDecimal = { digits: 0, decimals: 0, negative: false };
  /** Per field: NUMBER_FIELD, WHOLE_NUMBER_FIELD, TEXT_FIELD or DATE_FIELD (compared in the per-cell paths). */
  private readonly kinds: Uint8Array;

  constructor(
    readonly name: ResourceName,
    capacity: number,
    private readonly file: string,
    private readonly missing: ReadonlySet<string> | undefined,
    private readonly errors: DataError[],
  ) {
    this.fields = SCHEMAS[name];
    this.kinds = Uint8Array.from(this.fields, (f) => FIELD_KINDS[f.type]);
    // a text field's cells are its codes (the column of texts is made from them when asked for: textColumn)
    this.cols = this.fields.map((f) => (f.type === "string" ? [] : (anyValueColumn(capacity) as Cell[])));
    this.interned = this.fields.map((f) => (f.type === "string" || f.type === "date" ? new Map() : undefined));
    // one byte a row until a column has more than 256 distinct texts (growCodes widens it)
    this.codes = this.fields.map((f) => (f.type === "string" || f.type === "date" ? new Uint8Array(capacity) : undefined));
    this.byteInterners = this.fields.map((f) => (f.type === "string" || f.type === "date" ? new InternedTexts() : undefined));
    // one values array per text field, filled by `interned` (cell) or by the byte interner (cellBytes)
    this.values = this.byteInterners.map((t) => t?.values);
    this.dateChecked = this.fields.map((f) => (f.type === "date" ? [] : undefined));
    this.rowErrors = this.fields.map(() => undefined);
    this.lastCode = this.fields.map(() => 0);
    this.fastNumbers = ![...(missing ?? [])].some((m) => NUMBER_LIKE.test(m));
  }

  /** Type the cell `source.slice(start, end)` of field `k` (schema order) on data row `row` (0-based). */
  cell(k: number, source: string, start: number, end: number, row: number): void {
    const f = this.fields[k];
    if (f.type === "number" || f.type === "integer") {
      // the text reader is the fallback for files the byte reader declines (lib/data/package-parse.ts), so
      // numbers take the full rules here; the byte reader's fast path gives the same values
      this.cols[k][row] = start === end ? null : this.slowCell(k, source.slice(start, end), row);
      return;
    }
    const values = this.values[k]!;
    // the same text as this column's previous cell (runs are common: files are sorted by indicator, period)
    let code = this.lastCode[k];
    const last = values[code];
    if (last === undefined || last.length !== end - start || !source.startsWith(last, start)) {
      const text = source.slice(start, end);
      const index = this.interned[k]!;
      code = index.get(text) ?? -1;
      if (code < 0) {
        code = values.length;
        values.push(text);
        index.set(text, code);
      }
      this.lastCode[k] = code;
    }
    this.textCell(k, code, row);
  }

  /**
   * Type the cell whose UTF-8 bytes are `buf[start, end)` (as {@link cell} does its text). A builder is fed by
   * cell or by cellBytes (with {@link quotedCell} for quoted fields), never both: they intern text apart.
   *
   * textCell's few lines are written out here (not called) on purpose: they take this method's bytecode over
   * V8's limit for inlining a function into its callers (460 bytes, --max-inlined-bytecode-size), so that it is
   * optimised once, on its own, instead of again inside plainField and inside each of scanCsvBytes' optimised
   * versions. On the embedded package, each TurboFan compile of that whole tree cost megabytes of fresh memory
   * on the compiler's thread: validate took ≈ 540 fewer page faults and 15 ms less CPU without them.
   */
  cellBytes(k: number, buf: Buffer, start: number, end: number, row: number): void {
    const kind = this.kinds[k];
    if (kind === NUMBER_FIELD || kind === WHOLE_NUMBER_FIELD) {
      if (start === end) this.cols[k][row] = null;
      else {
        const d = this.decimal;
        if (!this.fastNumbers || !plainDecimalBytes(buf, start, end, kind === WHOLE_NUMBER_FIELD, d)) {
          this.cols[k][row] = this.slowCell(k, buf.toString("utf8", start, end), row);
        } else if (d.decimals === 0 && !d.negative) {
          // a whole number (a period, a count): stored as its digits, which V8 keeps unboxed in the column; through
          // the table of boxes it cost 180,000 of the embedded indicators.csv's cells a slot lookup each
          this.cols[k][row] = d.digits;
        } else if (d.negative || d.digits >= BOXED_MANTISSAS || d.decimals >= BOXED_FRACTION_DIGITS) {
          this.cols[k][row] = plainDecimalValue(d);
        } else {
          const at = d.digits * (BOXED_FRACTION_DIGITS - 1) + d.decimals - 1;
          const boxes = (this.boxes ??= boxTable());
          if (boxes[at] === null) boxes[at] = plainDecimalValue(d);
          this.cols[k][row] = boxes[at] as number;
        }
      }
      return;
    }
    const code = this.byteInterners[k]!.codeOf(buf, start, end);
    let codes = this.codes[k]!;
    if (row >= codes.length || code > CODE_MAX[codes.BYTES_PER_ELEMENT]) codes = this.growCodes(k, row, code);
    codes[row] = code;
    if (kind === DATE_FIELD) this.dateCell(k, code, row);
  }

  /** Type a quoted cell's text (doubled quotes undone) on a builder fed by {@link cellBytes}. */
  quotedCell(k: number, text: string, row: number): void {
    const f = this.fields[k];
    if (f.type === "number" || f.type === "integer") this.cell(k, text, 0, text.length, row);
    else this.textCell(k, this.byteInterners[k]!.codeOfText(text), row);
  }

  /** Record text code `code` of field `k` on row `row`: the code, and for a date the cell (checked once per code). */
  private textCell(k: number, code: number, row: number): void {
    let codes = this.codes[k]!;
    if (row >= codes.length || code > CODE_MAX[codes.BYTES_PER_ELEMENT]) codes = this.growCodes(k, row, code);
    codes[row] = code;
    if (this.kinds[k] === DATE_FIELD) this.dateCell(k, code, row);
  }

  /** A date cell: its text, or null with the row's error when it is not a calendar date (checked once per code). */
  private dateCell(k: number, code: number, row: number): void {
    const values = this.values[k]!;
    if (values[code] !== "") {
      const checked = this.dateChecked[k]!;
      if (checked[code] === undefined) checked[code] = isValidDate(values[code]) ? 1 : 2;
      if (checked[code] === 2) {
        this.rowHasErrors = true;
        this.rowErrors[k] = convertCell(values[code], this.fields[k], this.file, row + 1, this.missing) as DataError;
        this.cols[k][row] = null;
        return;
      }
    }
    this.cols[k][row] = values[code];
  }

  /** Field k's codes, grown to hold row `row` (the capacity given was an estimate) and widened to hold `code`. */
  private growCodes(k: number, row: number, code: number): CellCodes {
    const old = this.codes[k]!;
    const length = row >= old.length ? Math.max(2 * old.length, row + 1) : old.length;
    // never narrower than the old array
    const codes = codesFor(Math.max(code, CODE_MAX[old.BYTES_PER_ELEMENT]), length);
    codes.set(old);
    this.codes[k] = codes;
    return codes;
  }

  private slowCell(k: number, text: string, row: number): Cell {
    const v = convertCell(text, this.fields[k], this.file, row + 1, this.missing);
    if (v instanceof DataError) {
      this.rowErrors[k] = v;
      this.rowHasErrors = true;
      return null;
    }
    return v;
  }

  /** End of a record: its cell errors go to the error list in schema order (as typing field by field gave them). */
  endRow(): void {
    if (!this.rowHasErrors) return;
    for (let k = 0; k < this.rowErrors.length; k++) {
      const e = this.rowErrors[k];
      if (e) this.errors.push(e);
      this.rowErrors[k] = undefined;
    }
    this.rowHasErrors = false;
  }

  /**
   * The columns of `length` rows, each field present (an optional field the file lacks: every cell "" for
   * text, null otherwise), in schema order; `present[k]` says whether field k was in the file.
   */
  finish(length: number, present: readonly boolean[]): ResourceColumns {
    this.fields.forEach((f, k) => {
      const codes = this.codes[k];
      if (codes && present[k] && f.type === "string") {
        const coded = { codes: codes.subarray(0, length), values: this.values[k]! };
        this.coded[f.name] = coded;
        lazyColumn(this.columns, f.name, () => textColumn(coded, length));
        return;
      }
      // a date's codes are not kept: a cell that is not a calendar date reads as null, not as its text
      const col = this.cols[k];
      col.length = length;
      if (!present[k]) col.fill(f.type === "string" ? "" : null, 0, length);
      this.columns[f.name] = col;
    });
    return { length, columns: this.columns, coded: this.coded };
  }
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
 * Define `columns[name]` as the column `make()` gives, made on first use and kept: validate reads a text column
 * by its codes only, so the 60,000-cell columns of texts of a package it checks are never made (each is 480 KB
 * of fresh memory). An enumerable property like the others: Object.keys, spreading and arquero's tables see it.
 */
function lazyColumn(columns: Record<string, Cell[]>, name: string, make: () => Cell[]): void {
  let made: Cell[] | undefined;
  Object.defineProperty(columns, name, { enumerable: true, configurable: true, get: () => (made ??= make()) });
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
