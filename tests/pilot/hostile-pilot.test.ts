/** Regressions found by the pilot fuzz tests (issue 15). */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { DataErrors } from "../../lib/errors";
import { parseInstruments } from "../../lib/pilot/instruments";
import { pseudonymiseRecordsCsv } from "../../lib/pilot/pseudonymise";

const KEY = Buffer.alloc(32, 7);

test("a record CSV with respondent_id twice is refused: the second copy would be written raw", () => {
  const text = "respondent_id,la_code,period,instrument,item,response,respondent_id\nRAW-1,E06900001,2023,case_audit,plan_quality,3,RAW-1\n";
  assert.throws(() => pseudonymiseRecordsCsv(text, "r.csv", KEY), (e: unknown) => e instanceof DataErrors && /columns 1 and 7/.test(e.message));
});

test('an item whose "positive" is an object is a DataError, not a TypeError', () => {
  const root = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "datasets", "pilot-records-synthetic", "instruments.json"), "utf8"));
  root.instruments[0].items[0].positive = {};
  assert.throws(() => parseInstruments(JSON.stringify(root), "instruments.json"), (e: unknown) => e instanceof DataErrors && /items\[0\]\.positive/.test(e.message));
});
