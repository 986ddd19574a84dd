/**
 * Reading the LAIT long parquet (`bds_long_*.parquet`: Short Desc, Data item, Years, LA and Regions, Values,
 * LA Number, Region) into value rows: the measure filter is applied per distinct code and only kept rows are
 * decoded ({@link readCodedRowGroups}). `-` and `NA` are missing (`not-available:-`); other non-numeric
 * values are DataErrors. How the values are combined with EES/SFR is in ./lait-parquet.ts.
 */
import { DataError, DataErrors } from "../../errors";
import { codedColumnsSupported, codedValue, readCodedRowGroups, type CodedColumn, type CodedRowGroup } from "./parquet-coded";
import { LAIT_SYMBOLS, parseDfeCell } from "./symbols";

/** One LAIT value row (as published; `value` null with `status` when missing). */
export interface LaitValue {
  code: string;
  years: string;
  laNumber: string;
  laName: string;
  value: number | null;
  status: string;
  row: number;
}

/** A text column held as one index per row into its distinct values (first seen first). */
export interface InternedColumn {
  of: Int32Array;
  texts: string[];
}

/**
 * LAIT value rows held by column: the texts as indices into their distinct values (a few hundred codes,
 * years and LAs over 100,000s of rows), the values in a Float64Array (NaN where missing: a number read is
 * always finite). No object per row, so the rows cost little to keep and to hand to another thread.
 */
export interface LaitValues {
  length: number;
  code: InternedColumn;
  years: InternedColumn;
  laNumber: InternedColumn;
  laName: InternedColumn;
  status: InternedColumn;
  /** NaN where the value is missing (`null` in {@link LaitValue}). */
  value: Float64Array;
  /** 1-based row in the file. */
  row: Int32Array;
}

/**
 * Row `i` of `values` as a {@link LaitValue} object (for tests and callers that want rows).
 * @example
 * laitValueAt(values, 0).code // "ReReferral"
 */
export function laitValueAt(values: LaitValues, i: number): LaitValue {
  const v = values.value[i];
  return {
    code: values.code.texts[values.code.of[i]],
    years: values.years.texts[values.years.of[i]],
    laNumber: values.laNumber.texts[values.laNumber.of[i]],
    laName: values.laName.texts[values.laName.of[i]],
    value: Number.isNaN(v) ? null : v,
    status: values.status.texts[values.status.of[i]],
    row: values.row[i],
  };
}

/** The columns of the big data sheet read (Data item and Region are not). */
export const LAIT_PARQUET_COLUMNS = ["Short Desc", "Years", "LA and Regions", "Values", "LA Number"] as const;

/**
 * Read the LAIT long parquet row group by row group, as dictionary codes ({@link readCodedRowGroups}): a
 * row's measure code is looked up once per distinct code, and the other cells of a row are decoded only
 * when the row is kept. A file of another shape is read column by column with hyparquet's `parquetRead`.
 * @param keep - optional filter on the measure code (Short Desc); rows it rejects are counted, not parsed
 * @returns the kept values and the number of rows not kept per measure code (in order of first occurrence)
 * @throws DataError when the file is not a readable parquet or lacks a column; DataErrors for values that
 *   are neither numbers nor LAIT missing symbols
 * @example
 * const { values } = await readLaitParquet(fs.readFileSync("bds_long_0.parquet"), "bds.parquet", (code) => code === "ReReferral");
 */
export async function readLaitParquet(
  bytes: Uint8Array,
  file: string,
  keep: (code: string) => boolean = () => true,
): Promise<{ values: LaitValues; notKept: Map<string, number> }> {
  let rows = new LaitRows(file, keep, 0);
  try {
    // hyparquet is ESM-only; Node >= 20.19 loads it through require. Only its metadata module here (the
    // index loads every module of the package, about twice the time on a cold thread); all of it only for
    // a file of another shape
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const metadata = require("hyparquet/src/metadata.js") as Pick<typeof import("hyparquet"), "parquetMetadata" | "parquetSchema">;
    const ab = wholeBuffer(bytes);
    const meta = metadata.parquetMetadata(ab);
    const names = metadata.parquetSchema(meta).children.map((c) => c.element.name);
    for (const c of LAIT_PARQUET_COLUMNS) if (!names.includes(c)) throw new DataError({ file, row: 0, column: c, expected: `a column named ${c}` });
    rows = new LaitRows(file, keep, Math.min(Number(meta.num_rows), MAX_INITIAL_ROWS)); // room for every row at once (most are kept)
    if (codedColumnsSupported(meta, LAIT_PARQUET_COLUMNS)) {
      for (const group of readCodedRowGroups(ab, meta, LAIT_PARQUET_COLUMNS, true)) rows.addGroup(group);
    } else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      rows.addGroup(await readColumnsWhole(require("hyparquet") as typeof import("hyparquet"), ab, meta));
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError({ file, value: e instanceof Error ? e.message : String(e), expected: "a readable parquet file" });
  }
  if (rows.errors.length > 0) throw new DataErrors(rows.errors, `readLaitParquet(${file})`);
  return { values: rows.finish(), notKept: rows.notKept };
}

/** The bytes' ArrayBuffer when they are all of it (read, never written), else a copy of them (1.8 MB for the official file). */
function wholeBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? (bytes.buffer as ArrayBuffer) : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

/** Columns {@link LAIT_PARQUET_COLUMNS} of a whole file with hyparquet's parquetRead, as one coded row group. */
async function readColumnsWhole(hyparquet: typeof import("hyparquet"), ab: ArrayBuffer, meta: import("hyparquet").FileMetaData): Promise<CodedRowGroup> {
  const columns = new Map<string, unknown[]>();
  await hyparquet.parquetRead({
    file: ab,
    metadata: meta,
    columns: [...LAIT_PARQUET_COLUMNS],
    onChunk: (chunk) => {
      const list = columns.get(chunk.columnName) ?? [];
      const data = chunk.columnData as ArrayLike<unknown>;
      for (let i = 0; i < data.length; i++) list[chunk.rowStart + i] = data[i];
      columns.set(chunk.columnName, list);
    },
  });
  const rows = (columns.get(LAIT_PARQUET_COLUMNS[0]) ?? []).length;
  const codes = new Int32Array(rows).map((_, i) => i);
  return { rowStart: 0, rows, columns: LAIT_PARQUET_COLUMNS.map((c) => ({ codes, values: columns.get(c) ?? [] })) };
}

/** Most rows room is made for before the first row group is read (4 Mi rows, 96 MiB; the official file has 350,000): more grows as read. */
const MAX_INITIAL_ROWS = 4 * 1024 * 1024;

/** Most value errors collected from one file before giving up on it. */
const MAX_VALUE_ERRORS = 1000;

/** Distinct texts of a column with their indices, and the growing index per kept row. */
class Interner {
  readonly texts: string[] = [];
  private readonly indexOf = new Map<string, number>();

  constructor(public of: Int32Array) {}

  index(text: string): number {
    let i = this.indexOf.get(text);
    if (i === undefined) {
      i = this.texts.length;
      this.texts.push(text);
      this.indexOf.set(text, i);
    }
    return i;
  }

  /** The index of a coded cell's text, looked up once per dictionary code of the group (`cache`, -1 = not yet). */
  coded(column: CodedColumn, r: number, cache: Int32Array): number {
    const c = column.codes[r];
    const slot = c < 0 || c >= column.values.length ? column.values.length : c;
    let i = cache[slot];
    if (i < 0) cache[slot] = i = this.index(String(codedValue(column, r) ?? ""));
    return i;
  }
}

/** A per-group cache of interned indices, one per dictionary code plus one for "no value" (all -1). */
const codeCache = (column: CodedColumn) => new Int32Array(column.values.length + 1).fill(-1);

/** The kept rows of the LAIT parquet, group by group, with per-code caches (codes repeat within a group). */
class LaitRows {
  length = 0;
  private readonly code: Interner;
  private readonly years: Interner;
  private readonly laNumber: Interner;
  private readonly laName: Interner;
  private readonly status: Interner;
  private value: Float64Array;
  private row: Int32Array;
  readonly notKept = new Map<string, number>();
  readonly errors: DataError[] = [];
  private readonly keepCache = new Map<string, boolean>();

  /** @param capacity - rows to make room for at first (more are made room for as read) */
  constructor(
    private readonly file: string,
    private readonly keep: (code: string) => boolean,
    capacity: number,
  ) {
    const n = Number.isSafeInteger(capacity) && capacity > 0 ? capacity : 1024;
    [this.code, this.years, this.laNumber, this.laName, this.status] = [0, 1, 2, 3, 4].map(() => new Interner(new Int32Array(n)));
    this.value = new Float64Array(n);
    this.row = new Int32Array(n);
  }

  /** Add one row group's kept rows (in row order) and count the others by measure code. */
  addGroup(g: CodedRowGroup): void {
    const k = new GroupCaches(g);
    this.reserve(this.length + g.rows);
    this.addRows(g, k);
    const codeCol = g.columns[0];
    for (const r of k.notKeptOrder) {
      const cc = codeCol.codes[r];
      const slot = cc < 0 || cc >= codeCol.values.length ? codeCol.values.length : cc;
      const c = String(codedValue(codeCol, r) ?? "");
      this.notKept.set(c, (this.notKept.get(c) ?? 0) + k.notKeptCount[slot]);
    }
  }

  /**
   * The group's rows: a kept row's cells into the columns, the others counted in `k`. A loop of its own: run
   * over 32,768 rows on its first call, it runs in on-stack-replaced code, which what followed it in the same
   * function (never run before) would throw away, once per group (--trace-deopt: "Insufficient type feedback").
   */
  private addRows(g: CodedRowGroup, k: GroupCaches): void {
    const [codeCol, yearsCol, laNameCol, rawCol, laNumberCol] = g.columns;
    for (let r = 0; r < g.rows; r++) {
      const cc = codeCol.codes[r];
      const slot = cc < 0 || cc >= codeCol.values.length ? codeCol.values.length : cc;
      if (k.keepOf[slot] === 0) k.keepOf[slot] = this.keeps(String(codedValue(codeCol, r) ?? "")) ? 1 : 2;
      if (k.keepOf[slot] === 2) {
        if (k.notKeptCount[slot]++ === 0) k.notKeptOrder.push(r);
        continue;
      }
      const rc = rawCol.codes[r];
      const rawCached = rc >= 0 && rc < rawCol.values.length;
      let parsed = rawCached ? k.parsedOf[rc] : undefined;
      if (parsed === undefined) {
        parsed = parseDfeCell(String(codedValue(rawCol, r) ?? ""), LAIT_SYMBOLS) ?? null;
        if (rawCached) k.parsedOf[rc] = parsed;
      }
      if (parsed === null) {
        if (this.errors.length < MAX_VALUE_ERRORS) this.errors.push(new DataError({ file: this.file, row: g.rowStart + r + 1, column: "Values", value: String(codedValue(rawCol, r) ?? ""), expected: "a number, - or NA" }));
        continue;
      }
      const n = this.length++;
      this.code.of[n] = this.code.coded(codeCol, r, k.codeOf);
      this.years.of[n] = this.years.coded(yearsCol, r, k.yearsOf);
      this.laNumber.of[n] = this.laNumberIndex(laNumberCol, r, k.laNumberOf);
      this.laName.of[n] = this.laName.coded(laNameCol, r, k.laNameOf);
      this.value[n] = parsed.value ?? Number.NaN;
      this.status.of[n] = this.status.index(parsed.status);
      this.row[n] = g.rowStart + r + 1;
    }
  }

  /**
   * The rows kept, by column: views of their first `length` rows, not copies (a copy of 237,000 official rows
   * is 7.6 MB of fresh memory; the room left over is at most the rows not kept).
   */
  finish(): LaitValues {
    const n = this.length;
    const column = (c: Interner): InternedColumn => ({ of: c.of.subarray(0, n), texts: c.texts });
    return { length: n, code: column(this.code), years: column(this.years), laNumber: column(this.laNumber), laName: column(this.laName), status: column(this.status), value: this.value.subarray(0, n), row: this.row.subarray(0, n) };
  }

  /** The LA number's text index (a double in the file: its text once per dictionary code). */
  private laNumberIndex(column: CodedColumn, r: number, cache: Int32Array): number {
    const c = column.codes[r];
    const slot = c < 0 || c >= column.values.length ? column.values.length : c;
    let i = cache[slot];
    if (i < 0) cache[slot] = i = this.laNumber.index(laNumberText(codedValue(column, r)));
    return i;
  }

  /** Room for `rows` rows in every column. */
  private reserve(rows: number): void {
    if (rows <= this.value.length) return;
    const size = Math.max(rows, 2 * this.value.length);
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a as never);
      return b;
    };
    for (const c of [this.code, this.years, this.laNumber, this.laName, this.status]) c.of = grow(c.of, (k) => new Int32Array(k));
    this.value = grow(this.value, (k) => new Float64Array(k));
    this.row = grow(this.row, (k) => new Int32Array(k));
  }

  private keeps(code: string): boolean {
    let k = this.keepCache.get(code);
    if (k === undefined) {
      k = this.keep(code);
      this.keepCache.set(code, k);
    }
    return k;
  }
}

type ParsedCellLike = { value: number | null; status: string };

/** What {@link LaitRows.addGroup} learns of a row group's dictionary codes, each looked up once per group. */
class GroupCaches {
  /** Per measure code: 0 not looked up, 1 kept, 2 not kept (last slot: no value). */
  readonly keepOf: Int8Array;
  readonly notKeptCount: Int32Array;
  /** The first row of each measure code not kept, in row order. */
  readonly notKeptOrder: number[] = [];
  /** Per Values code: the parsed cell, null if not a number or symbol (undefined: not parsed yet). */
  readonly parsedOf: (ParsedCellLike | undefined | null)[] = [];
  readonly codeOf: Int32Array;
  readonly yearsOf: Int32Array;
  readonly laNameOf: Int32Array;
  readonly laNumberOf: Int32Array;

  constructor(g: CodedRowGroup) {
    const [codeCol, yearsCol, laNameCol, , laNumberCol] = g.columns;
    this.keepOf = new Int8Array(codeCol.values.length + 1);
    this.notKeptCount = new Int32Array(codeCol.values.length + 1);
    [this.codeOf, this.yearsOf, this.laNameOf, this.laNumberOf] = [codeCache(codeCol), codeCache(yearsCol), codeCache(laNameCol), codeCache(laNumberCol)];
  }
}

/** LAIT's `LA Number` (a double) as the three-digit text of the DfE LA number; "" when missing or not a number. */
function laNumberText(num: unknown): string {
  return num === null || num === undefined || !Number.isFinite(Number(num)) ? "" : String(Math.round(Number(num)));
}

