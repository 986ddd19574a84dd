/**
 * Respondent ids hashed four at a time (lib/pilot/pseudonym-batch.ts) give each row the pseudonym of its own id
 * bytes, as hashing it alone does, whatever the rows ahead hold; and the tally that uses them (a key given, plain
 * chunks whose first column is the id) equals pseudonymising the whole file first and tallying it, errors
 * included (file, row, column, value), for any chunk size.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { HmacSha256Prefix } from "../../lib/pilot/hmac-sha256";
import { PseudonymBatch } from "../../lib/pilot/pseudonym-batch";
import { pseudonymiseRecordsCsv } from "../../lib/pilot/pseudonymise";
import { tallyPilotRecordFiles } from "../../lib/pilot/tally-records";
import { tallyPilotRecords as wholeFileTally } from "./oracle/tally-records-whole-file";
import { AREA_CODES, instruments, tallyOutcome } from "./helpers";

const KEY = Buffer.from("pseudonym-batch-test-key-0123456789");
const HEADER = "respondent_id,la_code,period,instrument,item,response";
const ITEMS = [
  ["child_survey", "trust_staff", ["1", "2", "3", "4", "5"]],
  ["child_survey", "listened_to", ["yes", "no"]],
  ["case_audit", "plan_quality", ["1", "2", "3", "4"]],
] as const;

/** Ids of 1 to 70 bytes (over 55: hashed alone), some sharing a prefix, some repeating later in the file. */
const id = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
  fc.nat(99).map((n) => `R${n}`),
  fc.integer({ min: 50, max: 70 }).map((n) => "L".repeat(n)),
);
/** A respondent's rows; `fault` makes one row invalid (unknown LA, response off the scale, too few fields, blank id). */
const respondent = fc.record({
  id,
  la: fc.constantFrom(...AREA_CODES),
  items: fc.subarray([0, 1, 2], { minLength: 1 }),
  response: fc.nat(4),
  fault: fc.constantFrom("none", "none", "none", "none", "la", "response", "fields", "blank-id"),
});

type Respondent = typeof respondent extends fc.Arbitrary<infer T> ? T : never;

function fileText(respondents: Respondent[]): string {
  const lines = [HEADER];
  for (const r of respondents) {
    r.items.forEach((it, k) => {
      const [instrument, item, responses] = ITEMS[it];
      const faulty = k === 0 ? r.fault : "none";
      const rid = faulty === "blank-id" ? "" : r.id;
      const la = faulty === "la" ? "E00000000" : r.la;
      const response = faulty === "response" ? "maybe" : responses[r.response % responses.length];
      lines.push(faulty === "fields" ? `${rid},${la},2023,${instrument}` : `${rid},${la},2023,${instrument},${item},${response}`);
    });
  }
  return lines.join("\n") + "\n";
}

test("take gives every row the pseudonym of its own id bytes, whether it comes from the queue or not", () => {
  fc.assert(
    fc.property(fc.array(respondent, { minLength: 1, maxLength: 30 }), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), (rs, skip) => {
      const bytes = Buffer.from(fileText(rs));
      const batch = PseudonymBatch.create(KEY)!;
      const alone = new HmacSha256Prefix(KEY);
      batch.reset(bytes);
      let pos = HEADER.length + 1;
      let line = 0;
      while (pos < bytes.length) {
        const lf = bytes.indexOf(10, pos);
        let comma = bytes.indexOf(44, pos);
        if (comma < 0 || comma > lf) comma = lf;
        // rows are taken in order, some skipped (as a malformed row is)
        if (!skip[line++ % skip.length]) {
          const taken = batch.take(bytes, pos, comma);
          assert.equal(taken, comma - pos <= 55, "ids over 55 bytes are left to the caller");
          if (taken) {
            alone.digest(bytes, pos, comma);
            assert.deepEqual([batch.hi, batch.lo], [alone.hi, alone.lo], bytes.toString("utf8", pos, comma));
          }
        }
        pos = lf + 1;
      }
    }),
    { numRuns: 200, seed: 19 },
  );
});

test("take declines ids from another buffer than the one given to reset", () => {
  const batch = PseudonymBatch.create(KEY)!;
  const a = Buffer.from("x1,rest\n");
  batch.reset(a);
  assert.equal(batch.take(Buffer.from(a), 0, 2), false);
  batch.reset(null);
  assert.equal(batch.take(a, 0, 2), false);
});

/** The tally with ids hashed one at a time: PseudonymBatch unavailable (as where WebAssembly SIMD is missing). */
function tallyHashingAlone(file: string, chunkBytes: number) {
  const create = PseudonymBatch.create;
  PseudonymBatch.create = () => null;
  try {
    return tallyOutcome(() => tallyPilotRecordFiles([file], instruments(), AREA_CODES, { pseudonymKey: KEY, chunkBytes }));
  } finally {
    PseudonymBatch.create = create;
  }
}

test("the tally with a key equals hashing ids one at a time, errors included (file, row, column, value), and pseudonymising the whole file first", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-batch-"));
  try {
    fc.assert(
      fc.property(fc.array(respondent, { minLength: 0, maxLength: 40 }), fc.constantFrom(1, 5, 64, 300, 1 << 20), (rs, chunkBytes) => {
        const text = fileText(rs);
        const file = path.join(tmp, "records.csv");
        fs.writeFileSync(file, text);
        const actual = tallyOutcome(() => tallyPilotRecordFiles([file], instruments(), AREA_CODES, { pseudonymKey: KEY, chunkBytes }));
        assert.deepEqual(actual, tallyHashingAlone(file, chunkBytes));
        if (rs.every((r) => r.fault === "none")) {
          const pseudonymised = Buffer.from(pseudonymiseRecordsCsv(text, file, KEY).csv);
          assert.deepEqual(actual, tallyOutcome(() => wholeFileTally([{ file, bytes: pseudonymised }], instruments(), AREA_CODES)));
        }
      }),
      { numRuns: 200, seed: 23 },
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("an invalid row among batched ids is reported with its file, row, column and value", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-batch-"));
  try {
    const file = path.join(tmp, "records.csv");
    const rows = Array.from({ length: 12 }, (_, k) => `child-${k},${k === 7 ? "E99999999" : AREA_CODES[0]},2023,child_survey,trust_staff,4`);
    fs.writeFileSync(file, [HEADER, ...rows].join("\n") + "\n");
    const outcome = tallyOutcome(() => tallyPilotRecordFiles([file], instruments(), AREA_CODES, { pseudonymKey: KEY }));
    assert.deepEqual(outcome, { errors: [`${file}, row 8, column "la_code": got "E99999999", expected an la_code listed in the areas of the package`] });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
