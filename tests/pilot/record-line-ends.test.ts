/**
 * Line ends of record files: LF and CR LF end a record; a carriage return alone outside quotes is refused, naming the
 * file, the row and the byte offset. A review's file with an LF header and rows ending in CR alone had lost records
 * with exit 0: the last field stopped at the CR and the rest of the line, up to the next LF, was dropped (8,673 of
 * 8,772 records counted; three records on one LF-ended line read as one).
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { tallyPilotRecordFiles, tallyPilotRecords } from "../../lib/pilot/tally-records";
import { AREA_CODES, HEADER, instruments, tallyOutcome } from "./helpers";
import { tempDir } from "../helpers/temp-dirs";

const R1 = "r1,E06900001,2023,child_survey,trust_staff,4";
const R2 = "r2,E06900001,2023,child_survey,trust_staff,5";
const R3 = "r3,E06900002,2023,child_survey,listened_to,yes";
const CHUNK_SIZES = [1, 2, 5, 64, 1 << 20];

/** The tally of `text` (saved as `file`) as one buffer, and read from the file in chunks of each size: every outcome. */
function outcomes(text: string): { file: string; whole: unknown; chunked: unknown[] } {
  const file = path.join(tempDir("vsw-line-ends-"), "r.csv");
  fs.writeFileSync(file, text);
  return {
    file,
    whole: tallyOutcome(() => tallyPilotRecords([{ file, bytes: Buffer.from(text) }], instruments(), AREA_CODES)),
    chunked: CHUNK_SIZES.map((chunkBytes) => tallyOutcome(() => tallyPilotRecordFiles([file], instruments(), AREA_CODES, { chunkBytes }))),
  };
}

/** The message a CR alone at byte `offset` of row `row` of the file is refused with. */
function crOnlyError(file: string, row: number, offset: number): string {
  return `${file}, row ${row}: got "CR-only line ends (a CR at offset ${offset} not followed by LF)", expected lines ending in a line feed (LF or CR LF): this file's lines end in a carriage return (CR) alone; save it again as CSV UTF-8 (Windows or Unix line ends)`;
}

describe("a carriage return alone after an LF header", () => {
  test("ending rows is refused with file, row and byte offset, whole or in chunks of any size", () => {
    const { file, whole, chunked } = outcomes(`${HEADER}\n${R1}\n${R2}\r${R3}\r\n`);
    const offset = HEADER.length + 1 + R1.length + 1 + R2.length;
    assert.deepEqual(whole, { errors: [crOnlyError(file, 2, offset)] });
    for (const c of chunked) assert.deepEqual(c, whole);
  });

  test("after a quoted last field, or before an empty one, is refused too", () => {
    const quoted = `${HEADER}\n${R1.replace(/,4$/, ',"4"')}\r${R2}\n`;
    assert.deepEqual(tallyOutcome(() => tallyPilotRecords([{ file: "r.csv", bytes: Buffer.from(quoted) }], instruments(), AREA_CODES)), {
      errors: [crOnlyError("r.csv", 1, HEADER.length + 1 + R1.length + 2)],
    });
    const blank = `${HEADER}\n${R1.replace(/4$/, "")}\r${R2}\n`;
    assert.deepEqual(tallyOutcome(() => tallyPilotRecords([{ file: "r.csv", bytes: Buffer.from(blank) }], instruments(), AREA_CODES)), {
      errors: [crOnlyError("r.csv", 1, HEADER.length + 1 + R1.length - 1)],
    });
  });

  test("inside the header line is refused, not taken for the header's end (the records after it were dropped)", () => {
    const { file, whole, chunked } = outcomes(`${HEADER}\r${R1}\n${R2}\n`);
    assert.deepEqual(whole, { errors: [crOnlyError(file, 0, HEADER.length)] });
    for (const c of chunked) assert.deepEqual(c, whole);
  });

  test("inside a quoted field is part of the field, as RFC 4180 has it", () => {
    const { whole, chunked } = outcomes(`${HEADER}\n"r\r1",E06900001,2023,child_survey,trust_staff,4\n${R2}\n`);
    assert.deepEqual([(whole as { records: number }).records, (whole as { respondents: number }).respondents], [2, 2]);
    for (const c of chunked) assert.deepEqual(c, whole);
  });

  test("LF, CR LF and a CR that ends the file read the same records", () => {
    const lf = outcomes(`${HEADER}\n${R1}\n${R2}\n${R3}\n`).whole;
    assert.equal((lf as { records: number }).records, 3);
    for (const text of [`${HEADER}\r\n${R1}\r\n${R2}\r\n${R3}\r\n`, `${HEADER}\n${R1}\r\n${R2}\n${R3}\r`]) {
      const { whole, chunked } = outcomes(text);
      for (const o of [whole, ...chunked]) assert.deepEqual(o, lf);
    }
  });
});

test("the chunked tally equals the whole-file tally on files with CR alone, CR LF and LF lines", () => {
  const tmp = tempDir("vsw-line-ends-prop-");
  const line = fc.constantFrom(R1, R2, R3, "r4,E06900003,2023,case_audit,plan_quality,2", '"r5\r\n",E06900003,2023,case_audit,plan_quality,1', "r6,E06900001,2023,child_survey,trust_staff,");
  const eol = fc.constantFrom("\n", "\r\n", "\r");
  fc.assert(
    fc.property(fc.array(fc.tuple(line, eol), { maxLength: 12 }), fc.constantFrom(...CHUNK_SIZES), (lines, chunkBytes) => {
      const text = `${HEADER}\n${lines.map(([l, e]) => l + e).join("")}`;
      const file = path.join(tmp, "r.csv");
      fs.writeFileSync(file, text);
      const whole = tallyOutcome(() => tallyPilotRecords([{ file, bytes: Buffer.from(text) }], instruments(), AREA_CODES));
      const chunked = tallyOutcome(() => tallyPilotRecordFiles([file], instruments(), AREA_CODES, { chunkBytes }));
      assert.deepEqual(chunked, whole);
      // a CR alone before the last line's end is always refused: no record is merged or dropped
      const crAlone = lines.slice(0, -1).some(([, e]) => e === "\r");
      if (crAlone) assert.ok("errors" in (whole as object), JSON.stringify(whole));
      else if (!("errors" in (whole as object))) assert.equal((whole as { records: number }).records, lines.length);
    }),
    { numRuns: 300, seed: 20 },
  );
});
