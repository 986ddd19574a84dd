/**
 * The tally's row-prefix shortcut (lib/pilot/tally-builder.ts): when a row repeats, byte for byte, the
 * respondent id, LA, period and instrument of the last validated row, only its item and response are read.
 * It must count and report exactly as reading every field does: checked against the whole-file oracle
 * (tests/pilot/oracle) on runs of rows per respondent, with broken items, responses and rows among them, in any
 * column order (the shortcut applies only when those four columns lead), for chunks of 1 byte up to whole files.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { tallyPilotRecordFiles, tallyPilotRecords } from "../../lib/pilot/tally-records";
import { tallyPilotRecords as wholeFileTally } from "./oracle/tally-records-whole-file";
import { AREA_CODES, instruments, tallyOutcome as outcome } from "./helpers";

const FIELDS = ["respondent_id", "la_code", "period", "instrument", "item", "response"];
const CHUNK_SIZES = [1, 3, 17, 64, 1 << 20];


/** One row of a respondent's run: a valid or broken item/response, or a malformed row. */
const rowKind = fc.constantFrom("trust_staff", "listened_to", "plan_quality", "nope", "bad-response", "blank", "too-few", "too-many", "quoted", "duplicate");
/** A respondent's run of rows sharing id, LA, period and instrument (or a bad LA / period / instrument). */
const run = fc.record({
  id: fc.constantFrom("p1", "p2", "p3", "p10", "ps_0123456789abcdef", ""),
  la: fc.constantFrom(AREA_CODES[0], AREA_CODES[1], "E99999999"),
  period: fc.constantFrom("2023", "2024", "20x3"),
  instrument: fc.constantFrom("child_survey", "case_audit", "nope", "child_survey_x"),
  rows: fc.array(rowKind, { minLength: 1, maxLength: 6 }),
});

/** The six values of one row of a run (in FIELDS order), or a malformed line's cells. */
function rowValues(r: { id: string; la: string; period: string; instrument: string }, kind: string): string[] {
  const base = [r.id, r.la, r.period, r.instrument];
  switch (kind) {
    case "nope":
      return [...base, "nope", "1"];
    case "bad-response":
      return [...base, "trust_staff", "9"];
    case "blank":
      return [...base, "listened_to", ""];
    case "too-few":
      return [...base, "trust_staff"];
    case "too-many":
      return [...base, "trust_staff", "4", "extra"];
    case "quoted":
      return [...base, '"plan_quality"', '"2"'];
    case "duplicate":
      return [...base, "trust_staff", "5"];
    default:
      return [...base, kind, kind === "listened_to" ? "yes" : "2"];
  }
}

/** Record files (the four prefix columns leading in two orders of three, else any order); in half of them no quoted row, so that the plain scanner (and the shortcut) reads them. */
const recordFile = fc.record({ runs: fc.array(run, { maxLength: 12 }), order: fc.oneof(fc.constantFrom<number[]>([0, 1, 2, 3, 4, 5], [3, 2, 1, 0, 5, 4]), fc.shuffledSubarray<number>([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 })), quotes: fc.boolean() }).map(({ runs, order, quotes }) => {
  const lines = [order.map((k) => FIELDS[k]).join(",")];
  for (const r of runs) {
    for (const kind of r.rows) {
      if (kind === "quoted" && !quotes) continue;
      const v = rowValues(r, kind);
      // a malformed row keeps its cells in file order (too few or too many whatever the header's order)
      lines.push(v.length === 6 ? order.map((k) => v[k]).join(",") : v.join(","));
    }
  }
  return lines.join("\n") + "\n";
});

test("rows repeating the last row's id, LA, period and instrument are counted and reported as when every field is read", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-prefix-"));
  try {
    fc.assert(
      fc.property(recordFile, fc.constantFrom(...CHUNK_SIZES), (text, chunkBytes) => {
        const f = path.join(tmp, "records.csv");
        fs.writeFileSync(f, text);
        const expected = outcome(() => wholeFileTally([{ file: f, bytes: Buffer.from(text) }], instruments(), AREA_CODES));
        assert.deepEqual(outcome(() => tallyPilotRecords([{ file: f, bytes: Buffer.from(text) }], instruments(), AREA_CODES)), expected);
        assert.deepEqual(outcome(() => tallyPilotRecordFiles([f], instruments(), AREA_CODES, { chunkBytes })), expected);
      }),
      { numRuns: 400, seed: 23 },
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("a valid file with long runs per respondent gives the oracle's counts (the shortcut is taken)", () => {
  const lines = ["respondent_id,la_code,period,instrument,item,response"];
  for (let r = 0; r < 200; r++) {
    const la = AREA_CODES[r % AREA_CODES.length];
    lines.push(`resp${r},${la},2023,child_survey,trust_staff,${1 + (r % 5)}`, `resp${r},${la},2023,child_survey,listened_to,${r % 3 === 0 ? "no" : "yes"}`);
    lines.push(`resp${r},${la},2024,case_audit,plan_quality,${1 + (r % 4)}`);
  }
  const bytes = Buffer.from(lines.join("\n") + "\n");
  const expected = wholeFileTally([{ file: "f.csv", bytes }], instruments(), AREA_CODES);
  const got = tallyPilotRecords([{ file: "f.csv", bytes }], instruments(), AREA_CODES);
  assert.equal(got.records, 600);
  assert.equal(got.respondents, 200);
  assert.deepEqual([...got.counts], [...expected.counts]);
  assert.deepEqual([...got.unanswered], [...expected.unanswered]);
});

test("a row whose prefix only starts like the last row's (a longer instrument or id) is read in full", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-prefix-edge-"));
  try {
    const cases = [
      ["p1,E06900001,2023,child_survey,trust_staff,4", "p1,E06900001,2023,child_survey_x,trust_staff,4"],
      ["p1,E06900001,2023,child_survey,trust_staff,4", "p1,E06900001,2023,child_survey,listened_to,yes", "p10,E06900001,2023,child_survey,trust_staff,4"],
      ["p1,E06900001,2023,child_survey,trust_staff,4", "p1,E06900002,2023,child_survey,listened_to,yes", "p1,E06900002,2024,child_survey,trust_staff,4"],
      ["p1,E06900001,2023,child_survey,trust_staff,4", "p1,E06900001,2023,child_survey", "p1,E06900001,2023,child_survey,listened_to,no,x"],
    ];
    for (const rows of cases) {
      const text = ["respondent_id,la_code,period,instrument,item,response", ...rows].join("\n") + "\n";
      const f = path.join(tmp, "records.csv");
      fs.writeFileSync(f, text);
      const expected = outcome(() => wholeFileTally([{ file: f, bytes: Buffer.from(text) }], instruments(), AREA_CODES));
      assert.deepEqual(outcome(() => tallyPilotRecords([{ file: f, bytes: Buffer.from(text) }], instruments(), AREA_CODES)), expected, rows.join(" | "));
      for (const chunkBytes of CHUNK_SIZES) assert.deepEqual(outcome(() => tallyPilotRecordFiles([f], instruments(), AREA_CODES, { chunkBytes })), expected, rows.join(" | "));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
