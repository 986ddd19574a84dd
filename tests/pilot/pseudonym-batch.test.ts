/**
 * Respondent ids hashed four at a time (lib/pilot/pseudonym-batch.ts) get the dense ids of their own pseudonyms,
 * in the order they were queued, as hashing each alone does; and the tally that uses them (a key given: rows wait
 * until their respondent's id is hashed) equals hashing each id alone and pseudonymising the whole file first
 * and tallying it, errors included (file, row, column, value, in row order), for any chunk size.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { HmacSha256Prefix } from "../../lib/pilot/hmac-sha256";
import { DEFERRED_ROW_FIELDS, DeferredRows, laneCode, MAX_QUEUED_ID_BYTES, PseudonymBatch } from "../../lib/pilot/pseudonym-batch";
import { RespondentIndex } from "../../lib/pilot/respondent-index";
import { pseudonymiseRecordsCsv } from "../../lib/pilot/pseudonymise";
import { tallyPilotRecordFiles } from "../../lib/pilot/tally-records";
import { MAX_DEFERRED_ROWS } from "../../lib/pilot/tally-builder";
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

test("hashQueued gives each queued id the dense id of its own pseudonym, in queue order, as hashing each alone and interning it does", () => {
  fc.assert(
    fc.property(fc.array(id, { minLength: 1, maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 20 }), (ids, batchSizes) => {
      const short = ids.filter((x) => Buffer.byteLength(x) <= MAX_QUEUED_ID_BYTES);
      const batched = new RespondentIndex();
      const batch = PseudonymBatch.create(KEY, batched)!;
      const alone = new HmacSha256Prefix(KEY);
      const expected = new RespondentIndex();
      let k = 0;
      for (let b = 0; k < short.length; b++) {
        const size = batchSizes[b % batchSizes.length];
        const codes: number[] = [];
        const want: number[] = [];
        for (let lane = 0; lane < size && k < short.length; lane++, k++) {
          const bytes = Buffer.from(`,${short[k]},`); // the id inside other bytes, as in a row
          codes.push(batch.queue(bytes, 1, bytes.length - 1));
          alone.digest(bytes, 1, bytes.length - 1);
          want.push(expected.internPseudonym(alone.hi, alone.lo));
        }
        assert.deepEqual(codes, codes.map((_, lane) => laneCode(lane)));
        assert.equal(batch.full, codes.length === 4);
        batch.hashQueued();
        assert.equal(batch.queued, 0);
        assert.deepEqual(codes.map((c) => batch.ridOf(c)), want);
        assert.equal(batched.size, expected.size);
      }
      assert.equal(batch.ridOf(7), 7, "a dense id is its own");
    }),
    { numRuns: 200, seed: 19 },
  );
});

test("DeferredRows keeps every row pushed, in order, as it grows", () => {
  const rows = new DeferredRows();
  const n = 5000;
  for (let r = 0; r < n; r++) rows.push(laneCode(r % 4), r % 64, r % 3, r, (r % 5) - 1, r + 1);
  assert.equal(rows.length, n);
  const f = DEFERRED_ROW_FIELDS;
  for (let r = 0; r < n; r++) assert.deepEqual([...rows.data.subarray(r * f, (r + 1) * f)], [laneCode(r % 4), r % 64, r % 3, r, (r % 5) - 1, r + 1]);
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

test("one respondent with more rows than may wait at once: rows put aside stay within MAX_DEFERRED_ROWS, counted as when its id is hashed alone, duplicate errors in row order", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-batch-"));
  try {
    const file = path.join(tmp, "records.csv");
    const lines = [HEADER, `A1,${AREA_CODES[1]},2023,child_survey,trust_staff,3`];
    // 64 periods × 3 items = 192 distinct answers, then the same again (second records: errors), 4,800 rows in all
    for (let r = 0; r < 4800; r++) {
      const [instrument, item, responses] = ITEMS[r % 3];
      lines.push(`R1,${AREA_CODES[r % 3]},${1990 + (Math.floor(r / 3) % 64)},${instrument},${item},${responses[r % responses.length]}`);
    }
    lines.push(`B2,${AREA_CODES[0]},2023,case_audit,plan_quality,2`, `R1,E99999999,2023,child_survey,trust_staff,3`);
    fs.writeFileSync(file, lines.join("\n") + "\n");
    for (const chunkBytes of [300, 1 << 20]) {
      // the rows waiting for their respondent's pseudonym never exceed the bound (memory stays bounded)
      const push = DeferredRows.prototype.push;
      let most = 0;
      DeferredRows.prototype.push = function (this: DeferredRows, ...row: Parameters<DeferredRows["push"]>) {
        most = Math.max(most, this.length + 1);
        push.apply(this, row);
      };
      let actual: unknown;
      try {
        actual = tallyOutcome(() => tallyPilotRecordFiles([file], instruments(), AREA_CODES, { pseudonymKey: KEY, chunkBytes }));
      } finally {
        DeferredRows.prototype.push = push;
      }
      assert.equal(most, MAX_DEFERRED_ROWS, "rows were put aside up to the bound, not beyond");
      assert.deepEqual(actual, tallyHashingAlone(file, chunkBytes));
      const errors = (actual as { errors: string[] }).errors;
      assert.equal(errors.length, 200);
      assert.match(errors[0], /row 194, column "respondent_id".*a second record/);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
