/**
 * pseudonymiseRecordsCsv refuses a line ended by a carriage return alone as the CLI's tally does (file, row, byte
 * offset, the same words); it had read the CR as a line end, where the tally refuses the file.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { DataErrors } from "../../lib/errors";
import { pseudonymiseRecordsCsv } from "../../lib/pilot/pseudonymise";
import { tallyPilotRecords } from "../../lib/pilot/tally-records";
import { instruments } from "./helpers";

const KEY = Buffer.from("a-test-key-for-line-ends-0123456789");
const HEADER = "respondent_id,la_code,period,instrument,item,response";
const row = (id: string) => `${id},E06900001,2023,case_audit,plan_quality,3`;

/** The messages of the DataErrors `run` throws. */
function refusal(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof DataErrors, String(e));
    return e.errors.map((x) => x.message);
  }
  return [];
}

test("a CR alone in a record, in the header or after an LF header, is refused with the tally's file, row and offset", () => {
  const texts = [
    `${HEADER}\n${row("a")}\n${row("b")}\r${row("c")}\n`, // row 2's CR
    `${HEADER}\r${row("a")}\n`, // the header's
    `${HEADER}\n${row("a")}\r${row("b")}\r${row("c")}\r`, // every row's, the last byte a CR
  ];
  for (const text of texts) {
    const bytes = Buffer.from(text);
    const tally = refusal(() => tallyPilotRecords([{ file: "r.csv", bytes }], instruments(), ["E06900001"]));
    assert.equal(tally.length, 1, text);
    assert.match(tally[0], /got "CR-only line ends \(a CR at offset \d+ not followed by LF\)"/);
    assert.deepEqual(refusal(() => pseudonymiseRecordsCsv(bytes, "r.csv", KEY)), tally, text);
    assert.deepEqual(refusal(() => pseudonymiseRecordsCsv(text, "r.csv", KEY)), tally, "the text as the bytes");
  }
  const offset = `${HEADER}\n${row("a")}\n${row("b")}`.length;
  assert.deepEqual(refusal(() => pseudonymiseRecordsCsv(Buffer.from(texts[0]), "r.csv", KEY)).map((m) => m.slice(0, m.indexOf(", expected"))), [
    `r.csv, row 2: got "CR-only line ends (a CR at offset ${offset} not followed by LF)"`,
  ]);
});

test("CR LF line ends, a CR inside quotes and a CR as the file's last byte are read, as the tally reads them", () => {
  for (const text of [`${HEADER}\r\n${row("a")}\r\n${row("b")}\r\n`, `${HEADER}\n"x\ry",E06900001,2023,case_audit,plan_quality,3\n`, `${HEADER}\n${row("a")}\r`]) {
    const bytes = Buffer.from(text);
    assert.deepEqual(refusal(() => tallyPilotRecords([{ file: "r.csv", bytes }], instruments(), ["E06900001"])), [], text);
    const { records } = pseudonymiseRecordsCsv(bytes, "r.csv", KEY);
    assert.ok(records >= 1, text);
  }
});
