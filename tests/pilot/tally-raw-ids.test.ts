/**
 * The tally of raw respondent ids with a respondent key (each respondent told apart by the SipHash-2-4 of its id,
 * lib/pilot/siphash.ts) equals the tally of the same file with each id replaced by its HMAC-SHA256 pseudonym (what
 * `--records-out` writes, and what the tally hashed until round 25), errors included (file, row, column, value, in
 * row order), for any chunk size; the messages about a respondent are those of before, and show no id of any form.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { pseudonymise } from "../../lib/pilot/pseudonymise";
import { newSipHashKey } from "../../lib/pilot/siphash";
import { tallyPilotRecordFiles } from "../../lib/pilot/tally-records";
import { AREA_CODES, instruments, tallyOutcome } from "./helpers";

const KEY = Buffer.from("raw-ids-test-key-0123456789");
const HEADER = "respondent_id,la_code,period,instrument,item,response";
const ITEMS = [
  ["child_survey", "trust_staff", ["1", "2", "3", "4", "5"]],
  ["child_survey", "listened_to", ["yes", "no"]],
  ["case_audit", "plan_quality", ["1", "2", "3", "4"]],
] as const;

/** Ids of 1 to 70 bytes (SipHash blocks of 8: every tail length), some sharing a prefix, some repeating later in the file. */
const id = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
  fc.nat(99).map((n) => `R${n}`),
  fc.integer({ min: 50, max: 70 }).map((n) => "L".repeat(n)),
);
/** A respondent's rows; `fault` makes one row invalid (unknown LA, response off the scale, too few fields, blank id, a second record). */
const respondent = fc.record({
  id,
  la: fc.constantFrom(...AREA_CODES),
  items: fc.subarray([0, 1, 2], { minLength: 1 }),
  response: fc.nat(4),
  fault: fc.constantFrom("none", "none", "none", "none", "la", "response", "fields", "blank-id", "again"),
});

type Respondent = typeof respondent extends fc.Arbitrary<infer T> ? T : never;

/** The records of `respondents`, each id written as `idOf` gives it. */
function fileText(respondents: Respondent[], idOf: (raw: string) => string): string {
  const lines = [HEADER];
  for (const r of respondents) {
    r.items.forEach((it, k) => {
      const [instrument, item, responses] = ITEMS[it];
      const faulty = k === 0 ? r.fault : "none";
      const rid = faulty === "blank-id" ? "" : idOf(r.id);
      const la = faulty === "la" ? "E00000000" : r.la;
      const response = faulty === "response" ? "maybe" : responses[r.response % responses.length];
      const line = `${rid},${la},2023,${instrument},${item},${response}`;
      lines.push(faulty === "fields" ? `${rid},${la},2023,${instrument}` : line);
      if (faulty === "again") lines.push(line);
    });
  }
  return lines.join("\n") + "\n";
}

/**
 * The tally of the file with HMAC pseudonyms, read without a key (ids taken as they are): its one message that differs
 * by design is a blank id's, which asks for "a pseudonymous respondent id" where the raw file's asks for "a respondent id".
 */
function pseudonymisedOutcome(file: string, text: string, chunkBytes: number): unknown {
  fs.writeFileSync(file, text);
  const outcome = tallyOutcome(() => tallyPilotRecordFiles([file], instruments(), AREA_CODES, { chunkBytes })) as { errors?: string[] };
  if (outcome.errors) outcome.errors = outcome.errors.map((m) => m.replace("expected a pseudonymous respondent id", "expected a respondent id"));
  return outcome;
}

test("the tally of raw ids with a respondent key equals the tally of the HMAC-pseudonymised file, errors included (file, row, column, value), for any chunk size", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-raw-ids-"));
  try {
    fc.assert(
      fc.property(fc.array(respondent, { minLength: 0, maxLength: 40 }), fc.constantFrom(1, 5, 64, 300, 1 << 20), (rs, chunkBytes) => {
        const file = path.join(tmp, "records.csv");
        fs.writeFileSync(file, fileText(rs, (raw) => raw));
        const actual = tallyOutcome(() => tallyPilotRecordFiles([file], instruments(), AREA_CODES, { respondentKey: newSipHashKey(), chunkBytes }));
        assert.deepEqual(actual, pseudonymisedOutcome(file, fileText(rs, (raw) => pseudonymise(raw, KEY)), chunkBytes));
      }),
      { numRuns: 200, seed: 23 },
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("an invalid row among raw ids is reported with its file, row, column and value", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-raw-ids-"));
  try {
    const file = path.join(tmp, "records.csv");
    const rows = Array.from({ length: 12 }, (_, k) => `child-${k},${k === 7 ? "E99999999" : AREA_CODES[0]},2023,child_survey,trust_staff,4`);
    fs.writeFileSync(file, [HEADER, ...rows].join("\n") + "\n");
    const outcome = tallyOutcome(() => tallyPilotRecordFiles([file], instruments(), AREA_CODES, { respondentKey: newSipHashKey() }));
    assert.deepEqual(outcome, { errors: [`${file}, row 8, column "la_code": got "E99999999", expected an la_code listed in the areas of the package`] });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("the messages about a respondent (a second record, a blank id, a blank at an id's end) are those of before and show no id, raw or pseudonymised", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-raw-ids-"));
  try {
    const file = path.join(tmp, "records.csv");
    const rows = [
      `CH-0001,${AREA_CODES[0]},2023,child_survey,trust_staff,4`,
      `CH-0001,${AREA_CODES[0]},2023,child_survey,listened_to,yes`,
      `CH-0002,${AREA_CODES[0]},2023,child_survey,trust_staff,4`,
      `CH-0001,${AREA_CODES[0]},2023,child_survey,trust_staff,5`,
      `,${AREA_CODES[0]},2023,child_survey,trust_staff,5`,
      `CH-0003 ,${AREA_CODES[0]},2023,child_survey,trust_staff,5`,
    ];
    fs.writeFileSync(file, [HEADER, ...rows].join("\n") + "\n");
    for (const chunkBytes of [7, 1 << 20]) {
      const outcome = tallyOutcome(() => tallyPilotRecordFiles([file], instruments(), AREA_CODES, { respondentKey: newSipHashKey(), chunkBytes }));
      // as `vital-signs pilot` printed them at main 07f8ffd (HMAC-SHA256 in the tally), word for word
      assert.deepEqual(outcome, {
        errors: [
          `${file}, row 4, column "respondent_id": expected one record per respondent, period and item (a second record for child_survey/trust_staff, period 2023)`,
          `${file}, row 5, column "respondent_id": got "", expected a respondent id`,
          `${file}, row 6, column "respondent_id": expected a respondent id without a space, tab or invisible character (no-break or zero-width space) at either end (with one it would count as another respondent): remove it in the file`,
        ],
      });
      const text = (outcome as { errors: string[] }).errors.join("\n");
      assert.doesNotMatch(text, /CH-000|ps_[0-9a-f]/);
      for (const raw of ["CH-0001", "CH-0002", "CH-0003"]) assert.ok(!text.includes(pseudonymise(raw, KEY).slice(3)), raw);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("one respondent with thousands of rows: counted as the pseudonymised file is, its second records reported in row order", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-raw-ids-"));
  try {
    const file = path.join(tmp, "records.csv");
    const lines = (idOf: (raw: string) => string) => {
      const out = [HEADER, `${idOf("A1")},${AREA_CODES[1]},2023,child_survey,trust_staff,3`];
      // 64 periods × 3 items = 192 distinct answers, then the same again (second records: errors), 4,800 rows in all
      for (let r = 0; r < 4800; r++) {
        const [instrument, item, responses] = ITEMS[r % 3];
        out.push(`${idOf("R1")},${AREA_CODES[r % 3]},${1990 + (Math.floor(r / 3) % 64)},${instrument},${item},${responses[r % responses.length]}`);
      }
      out.push(`${idOf("B2")},${AREA_CODES[0]},2023,case_audit,plan_quality,2`, `${idOf("R1")},E99999999,2023,child_survey,trust_staff,3`);
      return out.join("\n") + "\n";
    };
    for (const chunkBytes of [300, 1 << 20]) {
      fs.writeFileSync(file, lines((raw) => raw));
      const actual = tallyOutcome(() => tallyPilotRecordFiles([file], instruments(), AREA_CODES, { respondentKey: newSipHashKey(), chunkBytes }));
      const errors = (actual as { errors: string[] }).errors;
      assert.equal(errors.length, 200);
      assert.match(errors[0], /row 194, column "respondent_id".*a second record/);
      assert.deepEqual(actual, pseudonymisedOutcome(file, lines((raw) => pseudonymise(raw, KEY)), chunkBytes));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
