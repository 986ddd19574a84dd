/**
 * Building a package resource's columns (package-columns.ts) from its CSV cells as the reader meets them: each cell
 * typed by its schema field (numbers parsed without cutting the text out when they are plain decimals; text
 * interned, so the 1.44 M la_code cells of a large package share 150 strings), from text (cell), bytes (cellBytes)
 * or what the WebAssembly scanner found (scannedColumns: lib/data/csv-fields.ts), collecting each
 * record's cell errors in schema order.
 */
import type { Buffer } from "node:buffer";
import { DataError } from "../errors";
import { InternedTexts } from "./byte-interner";
import { COLUMN_KIND, NUMBER_CODE, type CsvFieldScanner } from "./csv-fields";
import { BOXED_FRACTION_DIGITS, BOXED_MANTISSAS, boxTable, plainDecimalBytes, plainDecimalValue, type PlainDecimal } from "./plain-decimal";
import { convertCell, isValidDate } from "./package-cells";
import { anyValueColumn, CODE_MAX, codesFor, textColumn, type Cell, type CellCodes, type CodedColumn, type ResourceColumns } from "./package-columns";
import { SCHEMAS } from "./schema";
import type { FieldDescriptor, ResourceName } from "./types";

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
  /** Whether a field is a date (its cells are checked one by one: {@link columnsScanned} declines). */
  private readonly hasDates: boolean;

  constructor(
    readonly name: ResourceName,
    capacity: number,
    private readonly file: string,
    private readonly missing: ReadonlySet<string> | undefined,
    private readonly errors: DataError[],
  ) {
    this.fields = SCHEMAS[name];
    this.kinds = Uint8Array.from(this.fields, (f) => FIELD_KINDS[f.type]);
    this.hasDates = this.kinds.includes(DATE_FIELD);
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

  /**
   * What the WebAssembly scanner (lib/data/csv-fields.ts) is to do with each of a file's columns (`fieldOfColumn`
   * maps them to schema fields, −1 for none), so that {@link scannedColumns} can type its batches; or null when
   * this builder's cells need JavaScript (a declared missing value that looks like a number, which must read as
   * missing). Dates are interned as texts (and checked here, once per text).
   */
  columnKinds(fieldOfColumn: Int32Array): Uint8Array | null {
    if (!this.fastNumbers) return null;
    const kinds = new Uint8Array(fieldOfColumn.length);
    fieldOfColumn.forEach((k, c) => {
      if (k >= 0) kinds[c] = this.kinds[k] === TEXT_FIELD || this.kinds[k] === DATE_FIELD ? COLUMN_KIND.TEXT : this.kinds[k] === WHOLE_NUMBER_FIELD ? COLUMN_KIND.WHOLE_NUMBER : COLUMN_KIND.NUMBER;
    });
    return kinds;
  }

  /**
   * Type a batch of the WebAssembly scanner begun with {@link columnKinds}: `n` fields, whole records of
   * `fieldOfColumn.length` fields, the first being data row `row0`, with no cell that needs JavaScript. The module
   * has typed each cell as {@link cellBytes} would (numbers, their shared boxes, texts' codes in order of first
   * appearance per column); here its new texts are decoded, then each column is copied a column at a time. False,
   * nothing typed, when a new text of a date field is not a calendar date (the caller types the batch in JavaScript,
   * for its errors in their order; the new texts are kept, with the codes JavaScript gives them too).
   */
  scannedColumns(fieldOfColumn: Int32Array, buf: Buffer, scanner: CsvFieldScanner, n: number, row0: number): boolean {
    const newTexts = scanner.newTexts;
    for (let t = 0; t < scanner.newTextCount; t++) {
      this.values[fieldOfColumn[newTexts[3 * t]]]!.push(buf.toString("utf8", newTexts[3 * t + 1], newTexts[3 * t + 2]));
    }
    if (this.hasDates && !this.datesValid()) return false;
    const columns = fieldOfColumn.length;
    const records = n / columns;
    for (let c = 0; c < columns; c++) {
      const k = fieldOfColumn[c];
      if (k < 0) continue;
      const kind = this.kinds[k];
      if (kind === TEXT_FIELD || kind === DATE_FIELD) this.scannedCodes(k, scanner.codes, c, columns, records, row0);
      else this.scannedNumbers(k, scanner.codes, scanner.values, c, columns, records, row0);
      if (kind === DATE_FIELD) this.scannedDates(k, scanner.codes, c, columns, records, row0);
    }
    return true;
  }

  /** Whether every text of every date field is empty or a calendar date (each checked once, as dateCell checks it). */
  private datesValid(): boolean {
    for (let k = 0; k < this.fields.length; k++) {
      if (this.kinds[k] !== DATE_FIELD) continue;
      const values = this.values[k]!;
      const checked = this.dateChecked[k]!;
      for (let code = 0; code < values.length; code++) {
        if (values[code] === "") continue;
        if (checked[code] === undefined) checked[code] = isValidDate(values[code]) ? 1 : 2;
        if (checked[code] === 2) return false;
      }
    }
    return true;
  }

  /** Column `c` (date field `k`, every text valid) of a batch of `records` records: each cell's text. */
  private scannedDates(k: number, codesOut: Int32Array, c: number, columns: number, records: number, row0: number): void {
    const col = this.cols[k];
    const values = this.values[k]!;
    for (let r = 0, f = c; r < records; r++, f += columns) col[row0 + r] = values[codesOut[f]];
  }

  /** Column `c` (text field `k`) of a batch of `records` records: each cell's code, as the module interned it. */
  private scannedCodes(k: number, codesOut: Int32Array, c: number, columns: number, records: number, row0: number): void {
    let codes = this.codes[k]!;
    const last = row0 + records - 1;
    const largest = this.values[k]!.length - 1;
    if (last >= codes.length || largest > CODE_MAX[codes.BYTES_PER_ELEMENT]) codes = this.growCodes(k, last, largest);
    for (let r = 0, f = c; r < records; r++, f += columns) codes[row0 + r] = codesOut[f];
  }

  /** Column `c` (number field `k`) of a batch of `records` records: null, the value, or its shared box (BOXED_MANTISSAS). */
  private scannedNumbers(k: number, codesOut: Int32Array, valuesOut: Float64Array, c: number, columns: number, records: number, row0: number): void {
    const col = this.cols[k];
    for (let r = 0, f = c; r < records; r++, f += columns) {
      const code = codesOut[f];
      if (code === NUMBER_CODE.MISSING) col[row0 + r] = null;
      else if (code === NUMBER_CODE.AS_IS) col[row0 + r] = valuesOut[f];
      else {
        const boxes = (this.boxes ??= boxTable());
        if (boxes[code] === null) boxes[code] = valuesOut[f];
        col[row0 + r] = boxes[code] as number;
      }
    }
  }

  /** Make the JavaScript interners know every text the module interned (before this builder's cells are typed in JavaScript again). */
  adoptScannedTexts(): void {
    for (const interner of this.byteInterners) interner?.adoptValues();
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
 * Define `columns[name]` as the column `make()` gives, made on first use and kept: validate reads a text column
 * by its codes only, so the 60,000-cell columns of texts of a package it checks are never made (each is 480 KB
 * of fresh memory). An enumerable property like the others: Object.keys, spreading and arquero's tables see it.
 */
function lazyColumn(columns: Record<string, Cell[]>, name: string, make: () => Cell[]): void {
  let made: Cell[] | undefined;
  Object.defineProperty(columns, name, { enumerable: true, configurable: true, get: () => (made ??= make()) });
}
