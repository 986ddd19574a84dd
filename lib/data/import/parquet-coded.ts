/**
 * Flat Parquet columns read row group by row group as dictionary codes: each row's cell is an index into
 * the column chunk's values (its dictionary page, then the values of any PLAIN pages), so a reader that keeps
 * few rows decodes only the strings of those rows, and the same string is decoded once per chunk.
 *
 * Built on hyparquet's page readers (page headers, decompression, definition levels, dictionary indices);
 * only the shapes of LAIT's big data sheet are read this way: top-level optional or required columns of
 * BYTE_ARRAY (UTF-8) or DOUBLE, PLAIN or dictionary encoded, data pages v1 or v2, no nesting. For any
 * other file {@link codedColumnsSupported} is false and the caller reads it with hyparquet's `parquetRead`.
 *
 * The values are hyparquet's: strings decoded as UTF-8 with replacement characters (TextDecoder, as
 * hyparquet's `utf8: true`), doubles as numbers; a dictionary index past the dictionary reads as undefined,
 * as hyparquet's dictionary lookup does.
 */
import type { FileMetaData, SchemaElement } from "hyparquet";

/** A byte cursor over part of a file (hyparquet's DataReader). */
interface DataReader {
  view: DataView;
  offset: number;
}

/** The parts of hyparquet's page header this reader uses. */
interface PageHeader {
  type: string;
  uncompressed_page_size: number;
  compressed_page_size: number;
  data_page_header?: { num_values: number; encoding: string };
  dictionary_page_header?: { num_values: number };
  data_page_header_v2?: { num_values: number; num_nulls: number; encoding: string };
}

/** One schema node as hyparquet's page readers expect it. */
interface SchemaTree {
  element: SchemaElement;
  children: SchemaTree[];
  count: number;
  path: string[];
}

/** hyparquet's column decoder: the fields its page readers read. */
interface ColumnDecoder {
  pathInSchema: string[];
  element: SchemaElement;
  schemaPath: SchemaTree[];
  type: string;
  codec: string;
  compressors: undefined;
}

interface DataPage {
  definitionLevels: number[];
  dataPage: ArrayLike<unknown>;
}

interface HyparquetPages {
  parquetHeader(reader: DataReader): PageHeader;
  decompressPage(bytes: Uint8Array, size: number, codec: string, compressors: undefined): Uint8Array;
  readDataPage(bytes: Uint8Array, header: NonNullable<PageHeader["data_page_header"]>, decoder: ColumnDecoder): DataPage;
  readDataPageV2(bytes: Uint8Array, header: PageHeader, decoder: ColumnDecoder): DataPage;
  readPlain(reader: DataReader, type: string, count: number, fixedLength: number | undefined): ArrayLike<unknown>;
  parquetSchema(meta: FileMetaData): SchemaTree;
}

let pages: HyparquetPages | undefined;
/** hyparquet's page readers (ESM-only; Node >= 20.19 loads them through require). */
function hyparquetPages(): HyparquetPages {
  if (pages === undefined) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    pages = {
      ...(require("hyparquet/src/column.js") as Pick<HyparquetPages, "parquetHeader">),
      ...(require("hyparquet/src/datapage.js") as Pick<HyparquetPages, "decompressPage" | "readDataPage" | "readDataPageV2">),
      ...(require("hyparquet/src/plain.js") as Pick<HyparquetPages, "readPlain">),
      ...(require("hyparquet/src/metadata.js") as Pick<HyparquetPages, "parquetSchema">),
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  }
  return pages;
}

/** One column of one row group: `codes[row]` indexes `values`, -1 for a missing (null) cell. */
export interface CodedColumn {
  codes: Int32Array;
  /** The dictionary's values, then those of PLAIN pages; strings are decoded on first {@link codedValue}. */
  values: unknown[];
}

/** The columns of one row group, in the order asked for, and the file row its first row is. */
export interface CodedRowGroup {
  rowStart: number;
  rows: number;
  columns: CodedColumn[];
}

/** The code of a dictionary index past the dictionary's end (a corrupt page): {@link codedValue} reads undefined. */
const PAST_THE_DICTIONARY = 0x7fffffff;
const ENCODINGS = new Set(["PLAIN", "PLAIN_DICTIONARY", "RLE_DICTIONARY"]);
const CODECS = new Set(["UNCOMPRESSED", "SNAPPY"]);
const utf8 = new TextDecoder();

/** A top-level column's schema element, if it is flat, not repeated, and BYTE_ARRAY (UTF-8) or DOUBLE. */
function flatElement(meta: FileMetaData, name: string): SchemaElement | undefined {
  const root = hyparquetPages().parquetSchema(meta);
  const node = root.children.find((c) => c.element.name === name);
  if (node === undefined || node.children.length > 0) return undefined;
  const e = node.element;
  if (e.repetition_type === "REPEATED") return undefined;
  const text = e.type === "BYTE_ARRAY" && (e.converted_type === "UTF8" || e.logical_type?.type === "STRING");
  const plainDouble = e.type === "DOUBLE" && e.converted_type === undefined && e.logical_type === undefined;
  return text || plainDouble ? e : undefined;
}

/**
 * Whether {@link readCodedRowGroups} can read these columns of this file (else use hyparquet's parquetRead).
 * @example
 * codedColumnsSupported(parquetMetadata(ab), ["Short Desc", "Values"]) // true for LAIT's big data sheet
 */
export function codedColumnsSupported(meta: FileMetaData, names: readonly string[]): boolean {
  for (const name of names) {
    if (flatElement(meta, name) === undefined) return false;
    for (const rg of meta.row_groups) {
      const chunk = rg.columns.find((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === name);
      const md = chunk?.meta_data;
      if (md === undefined || chunk?.file_path) return false;
      if (!CODECS.has(md.codec) || !md.encodings.every((e) => ENCODINGS.has(e) || e === "RLE" || e === "BIT_PACKED")) return false;
    }
  }
  return true;
}

/**
 * Read columns of every row group as {@link CodedColumn}s (call {@link codedColumnsSupported} first).
 * @param file - the whole Parquet file
 * @param reuse - decode every row group into the same typed arrays (a group's codes are then valid only until
 *   the next group is read): for a caller that is done with each group before asking for the next, which
 *   then makes no fresh memory per group (LAIT's 20 groups × 5 columns: about 20 MB of codes, levels and
 *   indices otherwise)
 * @throws Error (hyparquet's or ours) on a malformed page; the caller turns it into a DataError
 * @example
 * for (const g of readCodedRowGroups(ab, meta, ["Short Desc"])) codedValue(g.columns[0], 0)
 */
export function* readCodedRowGroups(file: ArrayBuffer, meta: FileMetaData, names: readonly string[], reuse = false): Generator<CodedRowGroup> {
  const root = hyparquetPages().parquetSchema(meta);
  const scratch = reuse ? new DecodeScratch(names.length) : undefined;
  let rowStart = 0;
  for (const rg of meta.row_groups) {
    const rows = checkedCount(Number(rg.num_rows), "readCodedRowGroups: a row group's num_rows");
    const columns = names.map((name, c) => {
      const chunk = rg.columns.find((c) => c.meta_data?.path_in_schema[0] === name);
      const md = chunk?.meta_data;
      if (md === undefined) throw new Error(`parquet column ${name} missing from a row group`);
      const node = root.children.find((c) => c.element.name === name) as SchemaTree;
      const decoder: ColumnDecoder = { pathInSchema: md.path_in_schema, element: node.element, schemaPath: [root, node], type: md.type, codec: md.codec, compressors: undefined };
      const start = Number(md.dictionary_page_offset ?? md.data_page_offset);
      const length = Number(md.total_compressed_size);
      if (!(start >= 0 && length >= 0 && start + length <= file.byteLength)) throw new Error(`parquet column chunk ${name} outside the file`);
      return readCodedChunk({ view: new DataView(file, start, length), offset: 0 }, rows, decoder, scratch?.codesOf(c, rows) ?? new Int32Array(rows).fill(-1), scratch);
    });
    yield { rowStart, rows, columns };
    rowStart += rows;
  }
}

/** The pages of one column chunk into codes and values. */
function readCodedChunk(reader: DataReader, rows: number, decoder: ColumnDecoder, codes: Int32Array, scratch: DecodeScratch | undefined): CodedColumn {
  const hp = hyparquetPages();
  const values: unknown[] = [];
  let dictionarySize = -1;
  let row = 0;
  while (row < rows && reader.offset < reader.view.byteLength - 1) {
    const header = hp.parquetHeader(reader);
    const bytes = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    if (header.type === "DICTIONARY_PAGE" && header.dictionary_page_header !== undefined) {
      if (dictionarySize >= 0) throw new Error("parquet column chunk with two dictionary pages");
      const page = hp.decompressPage(bytes, header.uncompressed_page_size, decoder.codec, undefined);
      const dict = hp.readPlain({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }, decoder.type, header.dictionary_page_header.num_values, undefined);
      for (let i = 0; i < dict.length; i++) values.push(dict[i]);
      dictionarySize = dict.length;
      continue;
    }
    if (header.type === "DATA_PAGE" && header.data_page_header !== undefined) {
      const decompressed = hp.decompressPage(bytes, header.uncompressed_page_size, decoder.codec, undefined);
      row = placePageV1(decompressed, header.data_page_header, decoder, dictionarySize, codes, values, row, scratch);
    } else if (header.type === "DATA_PAGE_V2" && header.data_page_header_v2 !== undefined) {
      const page = hp.readDataPageV2(bytes, header, decoder);
      row = placePage(page, header.data_page_header_v2.encoding, header.data_page_header_v2.num_values, dictionarySize, codes, values, row);
    } else throw new Error(`parquet page of type ${header.type} not read here`);
  }
  return { codes, values };
}

/**
 * Codes of one v1 data page's rows from `row` on (returns the next row): definition levels and dictionary
 * indices decoded straight into typed arrays (Apache Parquet, Encodings: RLE/bit-packing hybrid), PLAIN
 * values by hyparquet.
 */
function placePageV1(page: Uint8Array, header: NonNullable<PageHeader["data_page_header"]>, decoder: ColumnDecoder, dictionarySize: number, codes: Int32Array, values: unknown[], row: number, scratch: DecodeScratch | undefined): number {
  const numValues = checkedCount(header.num_values, "placePageV1: a data page's num_values");
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  let offset = 0;
  let defs: Uint8Array | undefined;
  let present = numValues;
  if (decoder.element.repetition_type !== "REQUIRED") {
    const length = view.getUint32(0, true);
    defs = scratch?.levels(numValues) ?? new Uint8Array(numValues);
    readHybrid(view, 4, 4 + length, 1, defs);
    offset = 4 + length;
    present = countPresent(defs);
  }
  const coded = header.encoding === "PLAIN_DICTIONARY" || header.encoding === "RLE_DICTIONARY";
  if (coded && dictionarySize < 0) throw new Error("parquet dictionary-encoded page without a dictionary");
  if (!coded && header.encoding !== "PLAIN") throw new Error(`parquet encoding ${header.encoding} not read here`);
  let data: ArrayLike<unknown>;
  if (coded) {
    const width = view.getUint8(offset);
    const indices = scratch?.indices(present) ?? new Int32Array(present);
    if (width > 0) readHybrid(view, offset + 1, view.byteLength, width, indices);
    else indices.fill(0); // width 0: every index is 0 (a reused array holds the last page's)
    data = indices;
  } else data = hyparquetPages().readPlain({ view, offset }, decoder.type, present, undefined);
  return placeValues({ defs, data, coded, dictionarySize }, numValues, codes, values, row);
}

/**
 * A row or value count read from the file, which must be a whole number ≥ 0: a forged negative one would
 * otherwise move the row position backwards (rows silently lost) or, with reused arrays, take a shorter view.
 * @throws Error `what must be a whole number ≥ 0 (got n)`; the caller turns it into a DataError
 */
function checkedCount(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${what} must be a whole number ≥ 0 (got ${n})`);
  return n;
}

/** How many definition levels are 1 (values present). A function of its own, so that its loop's on-stack replacement does not leave the rest of placePageV1 without type feedback. */
function countPresent(defs: Uint8Array): number {
  let present = 0;
  for (let i = 0; i < defs.length; i++) present += defs[i];
  return present;
}

/**
 * Typed arrays kept from one row group to the next ({@link readCodedRowGroups}' `reuse`): each column's codes,
 * and one page's definition levels and dictionary indices (used up before the next page is read).
 */
class DecodeScratch {
  private readonly codes: Int32Array[];
  private levelsArray = new Uint8Array(0);
  private indicesArray = new Int32Array(0);

  constructor(columns: number) {
    this.codes = Array.from({ length: columns }, () => new Int32Array(0));
  }

  /** Column `c`'s codes for a group of `rows` rows, all -1 (no value). */
  codesOf(c: number, rows: number): Int32Array {
    if (this.codes[c].length < rows) this.codes[c] = new Int32Array(rows);
    return this.codes[c].subarray(0, rows).fill(-1);
  }

  /** Room for `n` definition levels (every one is written by the decoder). */
  levels(n: number): Uint8Array {
    if (this.levelsArray.length < n) this.levelsArray = new Uint8Array(n);
    return this.levelsArray.subarray(0, n);
  }

  /** Room for `n` dictionary indices (every one is written by the caller). */
  indices(n: number): Int32Array {
    if (this.indicesArray.length < n) this.indicesArray = new Int32Array(n);
    return this.indicesArray.subarray(0, n);
  }
}

/** One page's decoded values: definition levels (none or empty: every row present), values or dictionary indices. */
interface PageValues {
  defs: ArrayLike<number> | undefined;
  data: ArrayLike<unknown>;
  coded: boolean;
  dictionarySize: number;
}

/**
 * Store a page's values as codes of rows `row` to `row + numValues` (a dictionary index, or the index of a
 * PLAIN value appended to `values`); a null row keeps code -1. Returns the next row.
 *
 * The two kinds of page go through two functions, each with one shape of data: one function for both had its
 * optimised code, made on dictionary pages, thrown out at every PLAIN page of the LAIT parquet (98 deoptimisations
 * per import, each page then read in the interpreter).
 */
function placeValues(page: PageValues, numValues: number, codes: Int32Array, values: unknown[], row: number): number {
  const { defs, data, coded, dictionarySize } = page;
  const levels = defs !== undefined && defs.length > 0 ? defs : undefined;
  const end = Math.min(codes.length, row + numValues);
  if (coded) placeDictionaryIndices(levels, data as ArrayLike<number>, dictionarySize, codes, row, end);
  else placePlainValues(levels, data, codes, values, row, end);
  return row + numValues;
}

/** Rows [row, end) as dictionary indices of `data` (one per present row, {@link PAST_THE_DICTIONARY} when out of range); `defs[r - row]` not 1: null. */
function placeDictionaryIndices(defs: ArrayLike<number> | undefined, data: ArrayLike<number>, dictionarySize: number, codes: Int32Array, row: number, end: number): void {
  let v = 0;
  for (let r = row; r < end; r++) {
    if (defs !== undefined && defs[r - row] !== 1) continue; // null: code stays -1
    if (v >= data.length) break;
    const index = data[v++];
    codes[r] = index < dictionarySize ? index : PAST_THE_DICTIONARY;
  }
}

/** Rows [row, end) as the PLAIN values of `data`, each appended to `values` (one per present row); `defs[r - row]` not 1: null. */
function placePlainValues(defs: ArrayLike<number> | undefined, data: ArrayLike<unknown>, codes: Int32Array, values: unknown[], row: number, end: number): void {
  let v = 0;
  for (let r = row; r < end; r++) {
    if (defs !== undefined && defs[r - row] !== 1) continue; // null: code stays -1
    if (v >= data.length) break;
    codes[r] = values.length;
    values.push(data[v++]);
  }
}

/** Widest bit width {@link readHybrid} decodes (a dictionary of 16 M entries; LAIT's have a few thousand). */
const MAX_HYBRID_BIT_WIDTH = 24;

/**
 * Decode the RLE/bit-packing hybrid encoding (Apache Parquet, Encodings) of `out.length` values of `width`
 * bits from `view[start, end)` into `out`.
 * @throws Error when the width is over {@link MAX_HYBRID_BIT_WIDTH} or the data end early
 */
function readHybrid(view: DataView, start: number, end: number, width: number, out: Uint8Array | Int32Array): void {
  if (width > MAX_HYBRID_BIT_WIDTH) throw new Error(`parquet bit width ${width} over ${MAX_HYBRID_BIT_WIDTH}`);
  if (end > view.byteLength) throw new Error("parquet levels longer than their page");
  const mask = (1 << width) - 1;
  const bytesPerRun = (width + 7) >> 3;
  let offset = start;
  let seen = 0;
  while (seen < out.length) {
    if (offset >= end) throw new Error("parquet RLE/bit-packed data end early");
    let header = 0;
    let shift = 0;
    for (;;) {
      const b = view.getUint8(offset++);
      header += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 35) throw new Error("parquet varint too long");
    }
    if (header % 2 === 1) {
      // groups of 8 values, `width` bytes each; values past `out` (padding) are skipped, not decoded
      const groups = Math.floor(header / 2);
      const groupStart = offset;
      const count = Math.min(groups * 8, out.length - seen);
      let acc = 0;
      let bits = 0;
      for (let i = 0; i < count; i++) {
        while (bits < width) {
          acc |= (offset < end ? view.getUint8(offset) : 0) << bits;
          offset++;
          bits += 8;
        }
        out[seen++] = acc & mask;
        acc >>>= width;
        bits -= width;
      }
      offset = groupStart + groups * width;
    } else {
      const count = Math.floor(header / 2);
      let value = 0;
      for (let i = 0; i < bytesPerRun; i++) value |= view.getUint8(offset++) << (8 * i);
      const stop = Math.min(out.length, seen + count);
      out.fill(value & mask, seen, stop);
      seen = stop;
    }
  }
}

/** Codes of one data page's rows from `row` on (pages v2, decoded by hyparquet); returns the next row. */
function placePage(page: DataPage, encoding: string, numValues: number, dictionarySize: number, codes: Int32Array, values: unknown[], row: number): number {
  checkedCount(numValues, "placePage: a data page's num_values");
  const coded = encoding === "PLAIN_DICTIONARY" || encoding === "RLE_DICTIONARY";
  if (coded && dictionarySize < 0) throw new Error("parquet dictionary-encoded page without a dictionary");
  if (!coded && encoding !== "PLAIN") throw new Error(`parquet encoding ${encoding} not read here`);
  const defs = page.definitionLevels;
  const data = page.dataPage;
  return placeValues({ defs, data, coded, dictionarySize }, numValues, codes, values, row);
}

/**
 * A cell's value: string (UTF-8 decoded once, then cached), number, or undefined for a missing cell.
 * @example
 * codedValue(group.columns[0], 0) // "ReReferral"
 */
export function codedValue(column: CodedColumn, row: number): unknown {
  const code = column.codes[row];
  if (code < 0 || code >= column.values.length) return undefined;
  const v = column.values[code];
  if (v instanceof Uint8Array) {
    const s = utf8.decode(v);
    column.values[code] = s;
    return s;
  }
  return v;
}
