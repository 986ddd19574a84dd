/**
 * A hostile --meta sidecar is refused with a message naming it, never a crash (round 24 H8): a 600 MB CSV stopped
 * `add` with "Cannot create a string longer than 0x1fffffe8 characters", and a 400 KB JSON whose label was nested
 * 200,000 arrays deep with "Maximum call stack size exceeded" (the label was stringified whole into the message).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { DataError } from "../../../lib/errors";
import { readMetadataSidecar } from "../../../lib/data/own-data/metadata";
import { describeJsonValue } from "../../../lib/data/json-value";
import { SIDECAR_MAX_BYTES } from "../../../lib/data/small-file";
import { tempFile, writeFixturePackage } from "./fixture";
import { planOwnData } from "../../../lib/data/own-data/add";
import { readPackage } from "../../../lib/data/package";

const refusal = (file: string): DataError => {
  try {
    readMetadataSidecar(file);
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  assert.fail("the sidecar was read");
};

test("a label nested 200,000 arrays deep is refused as 'an array of 1 item', not stringified", () => {
  const deep = "[".repeat(200_000) + '"x"' + "]".repeat(200_000);
  const e = refusal(tempFile("deep.meta.json", `{"y":{"label":${deep}}}`));
  assert.equal(e.column, "y.label");
  assert.equal(e.value, "an array of 1 item");
  assert.equal(e.expected, "text");
});

test("a large value that is not text is described by its size, not echoed whole", () => {
  const e = refusal(tempFile("big.meta.json", JSON.stringify({ y: { label: { a: Array.from({ length: 100_000 }, (_, i) => i) } } })));
  assert.equal(e.value, "an object of 1 field");
  assert.ok(e.message.length < 300, e.message);
  assert.equal(refusal(tempFile("list.meta.json", JSON.stringify({ y: Array.from({ length: 100_000 }, (_, i) => i) }))).value, "an array of 100,000 items");
});

test("an indicator id of 100,000 characters is cut in the message, with its length", () => {
  const e = refusal(tempFile("long.meta.json", JSON.stringify({ ["y".repeat(100_000)]: { label: 3 } })));
  assert.equal(e.column, `${"y".repeat(80)}… (100,000 characters).label`);
  assert.equal(e.value, "3");
  assert.ok(e.message.length < 300, e.message);
});

test("a sidecar over 16 MiB is refused naming it, read no further than the cap", () => {
  const file = tempFile("huge.meta.csv", "indicator,label\ny,");
  fs.truncateSync(file, SIDECAR_MAX_BYTES + 1); // sparse
  const e = refusal(file);
  assert.equal(e.file, file);
  assert.equal(e.value, `more than ${SIDECAR_MAX_BYTES} bytes`);
  assert.match(e.expected, /^a metadata file of at most 16777216 bytes /);
});

test("describeJsonValue gives numbers, booleans and null as written and containers by their size", () => {
  assert.deepEqual([3, true, null, [], [1, 2], {}, { a: 1 }].map(describeJsonValue), ["3", "true", "null", "an array of 0 items", "an array of 2 items", "an object of 0 fields", "an object of 1 field"]);
});

test("a sidecar of 200,000 entries the table does not use gives one note counting them, not a stack overflow", () => {
  const entries = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`unused_${i}`, { label: "x" }]));
  entries.y = { label: "Y" };
  const sidecar = tempFile("many.meta.json", JSON.stringify(entries));
  const table = tempFile("own.csv", "la_code,period,y\nE06000023,2022,1\n");
  const plan = planOwnData(readPackage(writeFixturePackage()), table, { metadataFile: sidecar, metadata: { unit: "count", polarity: "none", domain: "child-safe" } });
  assert.deepEqual(plan.report.notes.filter((n) => n.startsWith("metadata for ")), [`metadata for 200,000 indicators in ${sidecar} is not used (no such indicator in the file): "unused_0", "unused_1", "unused_2" and 199,997 more`]);
});
