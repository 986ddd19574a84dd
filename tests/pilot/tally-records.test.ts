import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { DataErrors } from "../../lib/errors";
import { tallyPilotRecords } from "../../lib/pilot/tally-records";
import { AREA_CODES, HEADER, instruments, records, rep } from "./helpers";

const tally = (text: string) => tallyPilotRecords([{ file: "r.csv", bytes: Buffer.from(text) }], instruments(), AREA_CODES);

function errorsOf(text: string) {
  try {
    tally(text);
  } catch (e) {
    assert.ok(e instanceof DataErrors, String(e));
    return e.errors;
  }
  assert.fail("expected DataErrors");
}

/** count of response r for (period index 0, LA a, item it) */
const count = (t: ReturnType<typeof tally>, a: number, it: number, r: number) => t.counts[(a * t.items.length + it) * t.maxResponses + r];

describe("tallyPilotRecords: counting", () => {
  test("counts responses per LA, item and response code, and blanks as unanswered", () => {
    const text = records([
      { prefix: "a", la: "E06900001", instrument: "child_survey", item: "trust_staff", responses: ["1", "2", "2", "5", ""] },
      { prefix: "b", la: "E06900002", instrument: "case_audit", item: "plan_quality", responses: ["4", "4", "1"] },
    ]);
    const t = tally(text);
    assert.equal(t.records, 8);
    assert.equal(t.respondents, 8);
    assert.deepEqual(t.periods, [2023]);
    assert.deepEqual([0, 1, 2, 3, 4].map((r) => count(t, 0, 0, r)), [1, 2, 0, 0, 1]);
    assert.equal(t.unanswered[0 * 3 + 0], 1);
    assert.deepEqual([0, 1, 2, 3].map((r) => count(t, 1, 2, r)), [1, 0, 0, 2]);
  });

  test("reads quoted fields, doubled quotes, CRLF line ends and a byte-order mark like plain ones", () => {
    const plain = tally(`${HEADER}\nx1,E06900001,2023,child_survey,listened_to,yes\n`);
    const fancy = tally(`\ufeff${HEADER}\r\n"x""1",\"E06900001\",2023,child_survey,"listened_to",yes\r\n`);
    assert.deepEqual([...fancy.counts], [...plain.counts]);
  });

  test("accepts the columns in any order and counts several files together", () => {
    const a = "la_code,respondent_id,period,instrument,item,response\nE06900001,p1,2023,child_survey,listened_to,no\n";
    const b = `${HEADER}\np2,E06900001,2023,child_survey,listened_to,no\n`;
    const t = tallyPilotRecords([{ file: "a.csv", bytes: Buffer.from(a) }, { file: "b.csv", bytes: Buffer.from(b) }], instruments(), AREA_CODES);
    assert.equal(count(t, 0, 1, 1), 2);
  });

  test("gives the same counts whatever the order of the rows (items out of order, respondents interleaved)", () => {
    const rows = records([
      { prefix: "a", la: "E06900001", instrument: "child_survey", item: "trust_staff", responses: ["1", "2", "5", "4", ""] },
      { prefix: "a", la: "E06900001", instrument: "child_survey", item: "listened_to", responses: ["yes", "no", "yes", "", "no"] },
      { prefix: "b", la: "E06900002", instrument: "case_audit", item: "plan_quality", responses: ["4", "4", "1"] },
    ]).trim().split("\n");
    const [header, ...body] = rows;
    const shuffled = [...body].reverse();
    [shuffled[0], shuffled[5]] = [shuffled[5], shuffled[0]];
    const a = tally(`${header}\n${body.join("\n")}\n`);
    const b = tally(`${header}\n${shuffled.join("\n")}\n`);
    assert.deepEqual([...b.counts], [...a.counts]);
    assert.deepEqual([...b.unanswered], [...a.unanswered]);
  });

  test("keeps periods apart", () => {
    const t = tally(records([
      { prefix: "a", la: "E06900001", instrument: "child_survey", item: "listened_to", responses: ["yes"], period: 2022 },
      { prefix: "a", la: "E06900001", instrument: "child_survey", item: "listened_to", responses: ["yes"], period: 2023 },
    ]));
    assert.deepEqual(t.periods, [2022, 2023]);
  });
});

describe("tallyPilotRecords: validation errors name file, row, column, value and expectation", () => {
  test("an unknown item", () => {
    const [e] = errorsOf(`${HEADER}\np1,E06900001,2023,child_survey,happiness,4\n`);
    assert.deepEqual([e.file, e.row, e.column, e.value], ["r.csv", 1, "item", "happiness"]);
    assert.match(e.expected, /trust_staff, listened_to/);
  });

  test("a response outside the item's scale", () => {
    const [e] = errorsOf(`${HEADER}\np1,E06900001,2023,child_survey,trust_staff,6\np2,E06900001,2023,child_survey,listened_to,maybe\n`);
    assert.deepEqual([e.row, e.column, e.value], [1, "response", "6"]);
    assert.match(e.expected, /likert5/);
    assert.equal(errorsOf(`${HEADER}\np2,E06900001,2023,child_survey,listened_to,maybe\n`)[0].value, "maybe");
  });

  test("a duplicate respondent id for one item (without repeating the id in the message)", () => {
    const errs = errorsOf(`${HEADER}\np1,E06900001,2023,child_survey,trust_staff,4\np1,E06900001,2023,child_survey,trust_staff,5\np1,E06900001,2023,child_survey,listened_to,yes\n`);
    assert.equal(errs.length, 1);
    assert.deepEqual([errs[0].row, errs[0].column], [2, "respondent_id"]);
    assert.doesNotMatch(errs[0].message, /p1/);
  });

  test("an unknown LA, an unknown instrument, a bad period and a blank id", () => {
    const errs = errorsOf(`${HEADER}\np1,E99999999,2023,child_survey,trust_staff,4\np2,E06900001,2023,teacher_survey,x,1\np3,E06900001,23,child_survey,trust_staff,4\n,E06900001,2023,child_survey,trust_staff,4\n`);
    assert.deepEqual(errs.map((e) => [e.row, e.column]), [[1, "la_code"], [2, "instrument"], [3, "period"], [4, "respondent_id"]]);
    assert.equal(errs[0].value, "E99999999");
  });

  test("a missing column, an extra column, and a row with the wrong number of fields", () => {
    assert.ok(errorsOf("respondent_id,la_code,period,instrument,item\n").some((e) => e.column === "response" && e.row === 0));
    assert.ok(errorsOf(`${HEADER},name\n`).some((e) => e.column === "name"));
    const [e] = errorsOf(`${HEADER}\np1,E06900001,2023,child_survey,trust_staff\n`);
    assert.equal(e.row, 1);
    assert.match(e.expected, /6 fields/);
    assert.match(errorsOf(`${HEADER}\np1,E06900001,2023,child_survey,trust_staff,4,9\n`)[0].expected, /6 fields/);
  });

  test("a stray quote and an unterminated quote", () => {
    assert.match(errorsOf(`${HEADER}\np"1,E06900001,2023,child_survey,trust_staff,4\n`)[0].expected, /quotes only around a whole field/);
    assert.match(errorsOf(`${HEADER}\n"p1,E06900001,2023\n`)[0].expected, /closing quote/);
  });

  test("reports every bad row, not only the first", () => {
    const bad = records([{ prefix: "x", la: "E00000000", instrument: "child_survey", item: "trust_staff", responses: rep("4", 30) }]);
    assert.equal(errorsOf(bad).length, 30);
  });
});
