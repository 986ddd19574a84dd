/**
 * readLaitParquet reads the file's own ArrayBuffer when the bytes are all of it and a copy when they are part
 * of a larger one, leaves the bytes as they were, and returns columns that hold exactly the kept rows.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { isLaitCscMeasure, readLaitDictionary, readLaitParquet } from "../../../lib/data/import/lait-parquet";
import { officialFile, officialTest } from "../../helpers/official";

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
