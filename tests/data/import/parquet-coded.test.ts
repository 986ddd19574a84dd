/**
 * The coded Parquet reader gives, cell for cell, what hyparquet's parquetRead gives (strings, doubles, nulls)
 * on LAIT's big data sheet, and fails with an Error (never a hang) on a truncated column chunk.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { test } from "node:test";
import { codedColumnsSupported, codedValue, readCodedRowGroups } from "../../../lib/data/import/parquet-coded";
import { officialFile, officialTest } from "../../helpers/official";
import { thriftVarint } from "../../helpers/thrift-compact";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hyparquet = require("hyparquet") as typeof import("hyparquet");

function laitFile(): ArrayBuffer {
  const b = fs.readFileSync(officialFile("lait", "bds_long_0.parquet"));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

officialTest("every column of the LAIT parquet reads as hyparquet reads it, row for row (nulls included), with and without reused arrays", async () => {
  const ab = laitFile();
  const meta = hyparquet.parquetMetadata(ab);
  const names = hyparquet.parquetSchema(meta).children.map((c) => c.element.name);
  assert.equal(names.length, 7);
  assert.ok(codedColumnsSupported(meta, names));
  const expected = new Map<string, unknown[]>();
  await hyparquet.parquetRead({
    file: ab,
    metadata: meta,
    columns: names,
    onChunk: (chunk) => {
      const list = expected.get(chunk.columnName) ?? [];
      for (let i = 0; i < chunk.columnData.length; i++) list[chunk.rowStart + i] = chunk.columnData[i];
      expected.set(chunk.columnName, list);
    },
  });
  // each group checked before the next is read: also with `reuse` (every group decoded into the same arrays)
  for (const reuse of [false, true]) {
    let rows = 0;
    let nulls = 0;
    for (const g of readCodedRowGroups(ab, meta, names, reuse)) {
      assert.equal(g.rowStart, rows);
      names.forEach((name, c) => {
        const want = expected.get(name) as unknown[];
        for (let r = 0; r < g.rows; r++) {
          const got = codedValue(g.columns[c], r);
          const w = want[g.rowStart + r];
          if (w === null) nulls++;
          if (got !== (w ?? undefined)) assert.fail(`${name} row ${g.rowStart + r} (reuse ${reuse}): ${String(got)} ≠ ${String(w)}`);
        }
      });
      rows += g.rows;
    }
    assert.equal(rows, Number(meta.num_rows));
    assert.ok(nulls > 0, "the file has null cells (Data item), so the definition levels are exercised");
  }
});

officialTest("a column chunk cut short is an Error, not a hang or made-up values", () => {
  const ab = laitFile();
  const meta = hyparquet.parquetMetadata(ab);
  const md = meta.row_groups[0].columns[0].meta_data;
  assert.ok(md);
  // keep the footer's metadata, zero the middle of the first column chunk's pages
  const start = Number(md.dictionary_page_offset ?? md.data_page_offset);
  const broken = ab.slice(0);
  new Uint8Array(broken, start, Number(md.total_compressed_size)).fill(0xff, 8);
  assert.throws(() => {
    for (const g of readCodedRowGroups(broken, meta, ["Short Desc"])) void g;
  }, Error);
});

test("a file whose columns are not flat UTF-8 or doubles is left to parquetRead", () => {
  const meta = {
    version: 1,
    schema: [
      { name: "root", num_children: 1 },
      { name: "n", type: "INT64", repetition_type: "OPTIONAL" },
    ],
    num_rows: 0n,
    row_groups: [],
    metadata_length: 0,
  } as unknown as import("hyparquet").FileMetaData;
  assert.equal(codedColumnsSupported(meta, ["n"]), false);
  assert.equal(codedColumnsSupported(meta, ["absent"]), false);
});

const THRIFT_I32 = 5;
const THRIFT_STRUCT = 12;
const PAGE_TYPE = { DATA_PAGE: 0, DICTIONARY_PAGE: 2, DATA_PAGE_V2: 3 };
const ENCODING = { PLAIN: 0, PLAIN_DICTIONARY: 2, RLE: 3 };

/** An uncompressed page: its header (Thrift compact PageHeader, the given sub-header of i32s as field 5, 7 or 8), then `body`. */
function page(type: number, subField: 5 | 7 | 8, subHeader: readonly number[], body: readonly number[]): number[] {
  const sub = subHeader.flatMap((v) => [(1 << 4) | THRIFT_I32, ...thriftVarint(v)]); // fields 1, 2, ... (delta 1 each)
  return [
    ...[(1 << 4) | THRIFT_I32, ...thriftVarint(type)],
    ...[(1 << 4) | THRIFT_I32, ...thriftVarint(body.length)],
    ...[(1 << 4) | THRIFT_I32, ...thriftVarint(body.length)],
    ((subField - 3) << 4) | THRIFT_STRUCT,
    ...sub,
    0, // end of the sub-header
    0, // end of the page header
  ].concat(body);
}

/** PLAIN BYTE_ARRAY values: a 4-byte little-endian length, then the UTF-8 bytes. */
function plainStrings(values: readonly string[]): number[] {
  return values.flatMap((s) => {
    const b = [...Buffer.from(s, "utf8")];
    return [b.length & 0xff, (b.length >> 8) & 0xff, 0, 0, ...b];
  });
}

/**
 * A column "s" (UTF-8, required) of row groups built in the test, each a dictionary page and one data page
 * (`data`: a whole page), and metadata saying each group has `rows` rows.
 */
function builtColumn(groups: readonly { dictionary: readonly string[]; data: readonly number[]; rows: number }[]): { file: ArrayBuffer; meta: import("hyparquet").FileMetaData } {
  const bytes: number[] = [];
  const chunks = groups.map((g) => {
    const start = bytes.length;
    bytes.push(...page(PAGE_TYPE.DICTIONARY_PAGE, 7, [g.dictionary.length, ENCODING.PLAIN_DICTIONARY], plainStrings(g.dictionary)));
    const dataStart = bytes.length;
    bytes.push(...g.data);
    return { start, dataStart, length: bytes.length - start, rows: g.rows };
  });
  const meta = {
    version: 1,
    schema: [
      { name: "root", num_children: 1 },
      { name: "s", type: "BYTE_ARRAY", repetition_type: "REQUIRED", converted_type: "UTF8" },
    ],
    num_rows: BigInt(groups.reduce((n, g) => n + g.rows, 0)),
    row_groups: chunks.map((c) => ({
      num_rows: BigInt(c.rows),
      columns: [{ meta_data: { type: "BYTE_ARRAY", path_in_schema: ["s"], codec: "UNCOMPRESSED", encodings: ["PLAIN_DICTIONARY", "RLE"], dictionary_page_offset: BigInt(c.start), data_page_offset: BigInt(c.dataStart), total_compressed_size: BigInt(c.length) } }],
    })),
    metadata_length: 0,
  } as unknown as import("hyparquet").FileMetaData;
  return { file: new Uint8Array(bytes).buffer, meta };
}

/** A v1 data page of `numValues` dictionary indices (`indices`: bit width, then the RLE/bit-packed runs). */
const pageV1 = (numValues: number, indices: readonly number[]) => page(PAGE_TYPE.DATA_PAGE, 5, [numValues, ENCODING.PLAIN_DICTIONARY, ENCODING.RLE, ENCODING.RLE], indices);

test("a page whose one-entry dictionary gives its indices zero bits reads every row as that entry, also after a page with other indices in the reused arrays", () => {
  // row group 0: dictionary ["a", "b"], two rows of index 1 (bit width 1, one RLE run); row group 1: dictionary ["c"], two rows (bit width 0)
  const { file, meta } = builtColumn([
    { dictionary: ["a", "b"], data: pageV1(2, [1, 2 << 1, 1]), rows: 2 },
    { dictionary: ["c"], data: pageV1(2, [0, 2 << 1]), rows: 2 },
  ]);
  assert.ok(codedColumnsSupported(meta, ["s"]));
  for (const reuse of [false, true]) {
    const read: unknown[][] = [];
    // each group read before the next (with reuse, the next overwrites its codes)
    for (const g of readCodedRowGroups(file, meta, ["s"], reuse)) read.push(Array.from({ length: g.rows }, (_, r) => codedValue(g.columns[0], r)));
    assert.deepEqual(read, [["b", "b"], ["c", "c"]], `reuse ${reuse}`);
  }
});

test("hostile: a negative row count of a row group or value count of a data page (v1 or v2) is an Error, with and without reused arrays", () => {
  const v1 = pageV1(2, [0, 2 << 1]);
  // v2: num_values -2 with num_nulls -4 leaves hyparquet 2 values to read; no level bytes
  const v2 = page(PAGE_TYPE.DATA_PAGE_V2, 8, [-2, -4, 2, ENCODING.PLAIN_DICTIONARY, 0, 0], [0, 2 << 1]);
  const cases = [
    { data: v1, rows: -2, error: /readCodedRowGroups: a row group's num_rows must be a whole number ≥ 0 \(got -2\)/ },
    { data: pageV1(-2, [0, 2 << 1]), rows: 2, error: /placePageV1: a data page's num_values must be a whole number ≥ 0 \(got -2\)/ },
    { data: v2, rows: 2, error: /placePage: a data page's num_values must be a whole number ≥ 0 \(got -2\)/ },
  ];
  for (const { data, rows, error } of cases) {
    // a good group first, so that a reused array is already larger than the bad group asks for
    const { file, meta } = builtColumn([{ dictionary: ["a"], data: v1, rows: 2 }, { dictionary: ["c"], data, rows }]);
    for (const reuse of [false, true]) {
      assert.throws(() => {
        for (const g of readCodedRowGroups(file, meta, ["s"], reuse)) void g;
      }, error);
    }
  }
});
