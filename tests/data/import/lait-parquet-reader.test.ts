/**
 * readLaitParquet reads the file's own ArrayBuffer when the bytes are all of it and a copy when they are part
 * of a larger one, leaves the bytes as they were, and returns columns that hold exactly the kept rows.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { isLaitCscMeasure, readLaitDictionary, readLaitParquet } from "../../../lib/data/import/lait-parquet";
import { parquetMetadata } from "hyparquet";
import { DataError } from "../../../lib/errors";
import { officialFile, officialTest } from "../../helpers/official";
import { thriftVarint } from "../../helpers/thrift-compact";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parquetHeader } = require("hyparquet/src/column.js") as { parquetHeader(reader: { view: DataView; offset: number }): { data_page_header?: { num_values: number } } };

officialTest("readLaitParquet gives the same rows from the whole file's buffer and from a view into a larger buffer, and leaves the bytes unchanged", async () => {
  const dictionary = readLaitDictionary(fs.readFileSync(officialFile("lait", "lait_data_dictionary.csv"), "utf8"), "dict.csv");
  const file = fs.readFileSync(officialFile("lait", "bds_long_0.parquet"));
  const whole = new Uint8Array(file); // its own buffer
  const inside = new Uint8Array(new ArrayBuffer(file.byteLength + 16), 8, file.byteLength); // part of a larger one
  inside.set(file);
  const keep = (code: string) => isLaitCscMeasure(dictionary, code);
  const a = await readLaitParquet(whole, "bds.parquet", keep);
  const b = await readLaitParquet(inside, "bds.parquet", keep);
  assert.ok(a.values.length > 200_000);
  for (const r of [a, b]) {
    const v = r.values;
    for (const column of [v.code.of, v.years.of, v.laNumber.of, v.laName.of, v.status.of, v.value, v.row]) assert.equal(column.length, v.length);
  }
  assert.deepStrictEqual(b, a);
  assert.ok(Buffer.from(whole.buffer).equals(file), "the bytes read are unchanged");
  assert.ok(Buffer.from(inside).equals(file));
});

/**
 * A copy of `file` with the integer `from` negated at the first place in `[start, end)` where `isForged(copy)`
 * then holds (the place is found by trying each occurrence of its encoding, which has the same length).
 */
function negated(file: Uint8Array, start: number, end: number, from: number, isForged: (copy: ArrayBuffer) => boolean): Uint8Array {
  const pattern = thriftVarint(from);
  const replacement = thriftVarint(-from);
  assert.equal(replacement.length, pattern.length);
  for (let i = start; i + pattern.length <= end; i++) {
    if (!pattern.every((b, k) => file[i + k] === b)) continue;
    const copy = file.slice();
    copy.set(replacement, i);
    try {
      if (isForged(copy.buffer)) return copy;
    } catch {
      // not the field: the copy no longer parses
    }
  }
  throw new Error(`negated: no field ${from} found`);
}

officialTest("hostile: a parquet file with a negative row count for a row group, or a negative value count for a data page, is a DataError naming the file", async () => {
  const dictionary = readLaitDictionary(fs.readFileSync(officialFile("lait", "lait_data_dictionary.csv"), "utf8"), "dict.csv");
  const keep = (code: string) => isLaitCscMeasure(dictionary, code);
  const file = new Uint8Array(fs.readFileSync(officialFile("lait", "bds_long_0.parquet")));
  const meta = parquetMetadata(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
  const footerLength = new DataView(file.buffer, file.byteOffset).getUint32(file.byteLength - 8, true);
  const rows = Number(meta.row_groups[1].num_rows);
  const negativeGroup = negated(file, file.byteLength - 8 - footerLength, file.byteLength - 8, rows, (copy) => Number(parquetMetadata(copy).row_groups[1].num_rows) === -rows);

  const chunk = meta.row_groups[0].columns.find((c) => c.meta_data?.path_in_schema[0] === "Short Desc")?.meta_data;
  assert.ok(chunk);
  const pageStart = Number(chunk.data_page_offset);
  const pageHeader = (bytes: ArrayBuffer) => parquetHeader({ view: new DataView(bytes, pageStart), offset: 0 }).data_page_header;
  const values = pageHeader(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength))?.num_values;
  assert.ok(values !== undefined && values > 0);
  const negativePage = negated(file, pageStart, pageStart + 64, values, (copy) => pageHeader(copy)?.num_values === -values);

  for (const forged of [negativeGroup, negativePage]) {
    await assert.rejects(readLaitParquet(forged, "bds.parquet", keep), (e: unknown) => e instanceof DataError && e.file === "bds.parquet" && /expected a readable parquet file/.test(e.message));
  }
});
