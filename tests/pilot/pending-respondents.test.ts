/**
 * The pilot tally with a respondent key looks new respondents up 32 at a time (lib/pilot/pending-respondents.ts)
 * and counts the rows waiting for them afterwards: dense ids are still given in order of first appearance, and the
 * counts and messages are those of counting each row at once (the tally of the HMAC-pseudonymised file, which is
 * counted row by row), with hundreds of respondents (many lookups of 32), respondents met again after many others,
 * second records and invalid rows between them, and any chunk size.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { PendingRespondents } from "../../lib/pilot/pending-respondents";
import { pseudonymise } from "../../lib/pilot/pseudonymise";
import { RespondentIndex } from "../../lib/pilot/respondent-index";
import { newSipHashKey, SipHash24 } from "../../lib/pilot/siphash";
import { PilotTallyBuilder } from "../../lib/pilot/tally-builder";
import { tallyPilotRecordFiles } from "../../lib/pilot/tally-records";
import { AREA_CODES, instruments, tallyOutcome } from "./helpers";

const KEY = Buffer.from("pending-respondents-test-key");
/** A SipHash key (16 bytes). */
const KEY16 = Buffer.from("pending-test-16b");
const HEADER = "respondent_id,la_code,period,instrument,item,response";
const ITEMS = [
  ["child_survey", "trust_staff", "4"],
  ["child_survey", "listened_to", "yes"],
  ["case_audit", "plan_quality", "2"],
] as const;

/** A row: respondent (one of 400, so that some come back after many others), item, and what is wrong with it. */
const row = fc.record({
  who: fc.oneof(fc.nat(399), fc.constant(0)),
  item: fc.nat(2),
  period: fc.constantFrom(2022, 2023),
  fault: fc.constantFrom("none", "none", "none", "none", "none", "none", "la", "response", "fields", "blank-id"),
});
type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

/** Rows come in runs of one respondent (as surveys are written), each run 1–4 rows. */
const runs = fc.array(fc.tuple(row, fc.integer({ min: 1, max: 4 })), { minLength: 50, maxLength: 600 });

function fileText(rs: [Row, number][], idOf: (raw: string) => string): string {
  const lines = [HEADER];
  for (const [r, n] of rs) {
    for (let k = 0; k < n; k++) {
      const [instrument, item, response] = ITEMS[(r.item + k) % 3];
      const faulty = k === 0 ? r.fault : "none";
      const rid = faulty === "blank-id" ? "" : idOf(`respondent-${r.who}`);
      const la = faulty === "la" ? "E00000000" : AREA_CODES[r.who % 3];
      if (faulty === "fields") lines.push(`${rid},${la},${r.period}`);
      else lines.push(`${rid},${la},${r.period},${instrument},${item},${faulty === "response" ? "maybe" : response}`);
    }
  }
  return lines.join("\n") + "\n";
}

test("hundreds of respondents, met again after many others, with invalid rows and second records: the tally of the pseudonymised file, errors in row order", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-pending-"));
  try {
    fc.assert(
      fc.property(runs, fc.constantFrom(7, 300, 4096, 1 << 20), (rs, chunkBytes) => {
        const file = path.join(tmp, "records.csv");
        fs.writeFileSync(file, fileText(rs, (raw) => raw));
        const actual = tallyOutcome(() => tallyPilotRecordFiles([file], instruments(), AREA_CODES, { respondentKey: newSipHashKey(), chunkBytes }));
        fs.writeFileSync(file, fileText(rs, (raw) => pseudonymise(raw, KEY)));
        let expected = tallyOutcome(() => tallyPilotRecordFiles([file], instruments(), AREA_CODES, { chunkBytes })) as { errors?: string[] };
        if (expected.errors) expected = { errors: expected.errors.map((m) => m.replace("expected a pseudonymous respondent id", "expected a respondent id")) };
        assert.deepEqual(actual, expected);
      }),
      { numRuns: 80, seed: 31 },
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

/** A tally builder that shows its respondent index's values and dense ids. */
class DenseIds extends PilotTallyBuilder {
  ids(): { hi: Int32Array; lo: Int32Array; id: Int32Array } {
    return this.respondents.pseudonymWords();
  }
}

test("dense ids are given in order of first appearance of the respondents' ids, rows with errors included", () => {
  fc.assert(
    fc.property(runs, fc.constantFrom(7, 4096, 1 << 20), (rs, chunkBytes) => {
      const key = newSipHashKey();
      const builder = new DenseIds(instruments(), AREA_CODES, { respondentKey: key });
      const bytes = Buffer.from(fileText(rs, (raw) => raw));
      builder.beginFile("records.csv");
      for (let at = 0; at < bytes.length; at += chunkBytes) builder.write(bytes.subarray(at, at + chunkBytes));
      builder.endFile();
      const { hi, lo, id } = builder.ids();
      const idOf = new Map<string, number>();
      hi.forEach((h, k) => idOf.set(`${h}:${lo[k]}`, id[k]));
      // the respondents of the rows whose id is read (a run's first row not when its id is blank or it has too few fields)
      const firstSeen: string[] = [];
      for (const [r, n] of rs) if ((r.fault !== "blank-id" && r.fault !== "fields") || n > 1) if (!firstSeen.includes(`respondent-${r.who}`)) firstSeen.push(`respondent-${r.who}`);
      const sip = new SipHash24(key);
      const got = firstSeen.map((raw) => {
        const b = Buffer.from(raw);
        sip.hash(b, 0, b.length);
        return idOf.get(`${sip.hi | 0}:${sip.lo | 0}`);
      });
      assert.deepEqual(got, firstSeen.map((_, k) => k));
      assert.equal(hi.length, firstSeen.length);
    }),
    { numRuns: 60, seed: 37 },
  );
});

test("the queue: references below -1 stand for new respondents until resolved; full at 32 respondents or 512 rows", () => {
  const index = new RespondentIndex();
  const sip = new SipHash24(KEY16);
  const known = Buffer.from("known");
  sip.hash(known, 0, known.length);
  assert.equal(index.internPseudonym(sip.hi, sip.lo), 0);
  const q = new PendingRespondents(KEY16);
  const refs = Array.from({ length: 32 }, (_, k) => {
    const id = Buffer.from(k % 3 === 0 ? "again" : `respondent-${k}`);
    return q.add(id, 0, id.length);
  });
  assert.ok(refs.every((ref) => ref < -1));
  assert.equal(q.full, true);
  q.wait(refs[1], 0, 2, 9, 4);
  q.wait(0, 1, 3, -1, 5);
  assert.deepEqual([...q.rows.subarray(0, 10)], [refs[1], 0, 2, 9, 4, 0, 1, 3, -1, 5]);
  q.resolve(index);
  // "again" is not "known": new; the others are new in the order added
  assert.deepEqual(refs.map((ref) => q.idOf(ref)), refs.map((_, k) => (k % 3 === 0 ? 1 : 1 + k - Math.floor(k / 3))));
  assert.equal(q.idOf(0), 0);
  q.clear();
  assert.equal(q.full, false);
  for (let r = 0; r < 511; r++) q.wait(0, 0, 0, 0, r);
  assert.equal(q.full, false);
  q.wait(0, 0, 0, 0, 511);
  assert.equal(q.full, true);
});
