/**
 * The coded Parquet reader gives, cell for cell, what hyparquet's parquetRead gives (strings, doubles, nulls)
 * on LAIT's big data sheet, and fails with an Error (never a hang) on a truncated column chunk.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { test } from "node:test";
import { codedColumnsSupported, codedValue, readCodedRowGroups } from "../../../lib/data/import/parquet-coded";
import { officialFile, officialTest } from "../../helpers/official";

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
