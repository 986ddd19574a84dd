/**
 * The streamed import (files read in chunks, ids pseudonymised and records counted as they come) gives exactly
 * what the whole-file path gave before it: pseudonymiseRecordsCsv on the whole text, then the tally as it was
 * (tests/pilot/oracle), then the same estimates; and the same --records-out bytes as writePseudonymisedRecords.
 * Checked for chunks of 1 byte up to whole files, with records (quoted fields with commas, quotes and line
 * breaks, CRLF, a byte-order mark) straddling every chunk boundary.
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { DataErrors } from "../../lib/errors";
import { estimatePilotIndicators } from "../../lib/pilot/indicators";
import { importPilotRecords, writePseudonymisedRecords } from "../../lib/pilot/import-pilot";
import { pseudonymiseRecordsCsv } from "../../lib/pilot/pseudonymise";
import { tallyPilotRecordFiles } from "../../lib/pilot/tally-records";
import { tallyPilotRecords as wholeFileTally } from "./oracle/tally-records-whole-file";
import { AREA_CODES, instruments, tallyOutcome as outcome } from "./helpers";
import { tempDir } from "../helpers/temp-dirs";

const KEY = Buffer.from("streamed-import-test-key-0123456789");
const FIELDS = ["respondent_id", "la_code", "period", "instrument", "item", "response"] as const;
const ITEMS = [
  { instrument: "child_survey", item: "trust_staff", responses: ["1", "2", "3", "4", "5"] },
  { instrument: "child_survey", item: "listened_to", responses: ["yes", "no"] },
  { instrument: "case_audit", item: "plan_quality", responses: ["1", "2", "3", "4"] },
];
const CHUNK_SIZES = [1, 2, 3, 7, 64, 1 << 20];

/** A CSV cell, quoted when it must be or when `quote` says so (doubling quotes). */
function cell(value: string, quote: boolean): string {
  return quote || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const rawId = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/),
  fc.constantFrom("a,b", 'quo"te', "line\nbreak", "crlf\r\nid", "in ner space", "é-ünïcode", "ps_0123456789abcdef"),
);
const record = fc.record({
  id: rawId,
  la: fc.constantFrom(...AREA_CODES),
  period: fc.constantFrom(2022, 2023),
  item: fc.nat(ITEMS.length - 1),
  response: fc.nat(5),
  blank: fc.boolean(),
  quote: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
});
/** A valid record file: unique (id, period, item), any column order, LF or CRLF, maybe a BOM, maybe no final line end. */
const recordFile = fc
  .record({
    rows: fc.array(record, { minLength: 0, maxLength: 40 }),
    order: fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    finalLineEnd: fc.boolean(),
  })
  .map(({ rows, order, crlf, bom, finalLineEnd }) => {
    const seen = new Set<string>();
    const eol = crlf ? "\r\n" : "\n";
    const lines = [order.map((k) => FIELDS[k]).join(",")];
    for (const r of rows) {
      const key = `${r.id}|${r.period}|${r.item}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const def = ITEMS[r.item];
      const values = [r.id, r.la, String(r.period), def.instrument, def.item, r.blank ? "" : def.responses[r.response % def.responses.length]];
      lines.push(order.map((k) => cell(values[k], r.quote[k])).join(","));
    }
    return (bom ? "\ufeff" : "") + lines.join(eol) + (finalLineEnd || lines.length === 1 ? eol : "");
  });

/** The whole-file path as it was before streaming: pseudonymise the text, tally the bytes, estimate. */
function wholeFilePath(files: string[]) {
  const sources = files.map((file) => ({ file, bytes: Buffer.from(pseudonymiseRecordsCsv(fs.readFileSync(file, "utf8"), file, KEY).csv) }));
  const tally = wholeFileTally(sources, instruments(), AREA_CODES);
  return { tally, estimates: estimatePilotIndicators(tally), sources };
}

function writeFiles(dir: string, texts: string[]): string[] {
  return texts.map((text, i) => {
    const file = path.join(dir, `records-${i}.csv`);
    fs.writeFileSync(file, text);
    return file;
  });
}

describe("the streamed import equals the whole-file path", () => {
  test("same counts, respondents, estimates and pseudonymised record bytes, for every chunk size", () => {
    const tmp = tempDir("vsw-streamed-");
    let run = 0;
    fc.assert(
      fc.property(fc.array(recordFile, { minLength: 1, maxLength: 3 }), fc.constantFrom(...CHUNK_SIZES), (texts, chunkBytes) => {
        const dir = path.join(tmp, `run-${run++}`);
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir);
        const files = writeFiles(dir, texts);
        let before: ReturnType<typeof wholeFilePath>;
        try {
          before = wholeFilePath(files);
        } catch (e) {
          // the same respondent twice for one item (across files): both paths refuse it with the same errors
          assert.ok(e instanceof DataErrors);
          const expected = e.errors.map((x) => x.message);
          assert.throws(
            () => importPilotRecords(files, instruments(), AREA_CODES, { key: KEY, chunkBytes, recordsOut: path.join(dir, "out") }),
            (s: unknown) => s instanceof DataErrors && assert.deepEqual(s.errors.map((x) => x.message), expected) === undefined,
          );
          assert.equal(fs.existsSync(path.join(dir, "out")), false);
          return;
        }
        const streamed = importPilotRecords(files, instruments(), AREA_CODES, { key: KEY, chunkBytes, recordsOut: path.join(dir, "out") });
        assert.equal(streamed.records, before.tally.records);
        assert.equal(streamed.respondents, before.tally.respondents);
        assert.deepEqual(streamed.estimates, before.estimates);
        const expectedDir = path.join(dir, "expected");
        writePseudonymisedRecords(expectedDir, before.sources);
        assert.equal(streamed.recordFiles.length, files.length);
        for (const f of streamed.recordFiles) {
          assert.equal(fs.readFileSync(f, "utf8"), fs.readFileSync(path.join(expectedDir, path.basename(f)), "utf8"), path.basename(f));
        }
        fs.rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 150, seed: 19 },
    );
  });

  test("a record straddling chunk boundaries with a quoted line break is counted once, as in the whole file", () => {
    const text = 'respondent_id,la_code,period,instrument,item,response\r\n"raw\nid, with ""quotes""",E06900001,2023,child_survey,trust_staff,"4"\r\nr2,E06900002,2023,case_audit,plan_quality,\r\n';
    const tmp = tempDir("vsw-straddle-");
    const [file] = writeFiles(tmp, [text]);
    const before = wholeFilePath([file]);
    for (let chunkBytes = 1; chunkBytes <= text.length + 1; chunkBytes++) {
      const streamed = importPilotRecords([file], instruments(), AREA_CODES, { key: KEY, chunkBytes });
      assert.deepEqual(streamed.estimates, before.estimates, `chunks of ${chunkBytes} bytes`);
      assert.equal(streamed.respondents, 2);
    }
  });
});


describe("the chunked tally equals the whole-file tally on any input, valid or not", () => {
  // lines that break the rules in every way the tally checks, mixed with valid ones
  const line = fc.oneof(
    fc.constantFrom(
      "p1,E06900001,2023,child_survey,trust_staff,4",
      "p2,E06900002,2023,child_survey,listened_to,yes",
      "p1,E06900001,2023,child_survey,trust_staff,5",
      ",E06900001,2023,child_survey,trust_staff,4",
      "p3,E99999999,2023,child_survey,trust_staff,4",
      "p4,E06900001,20x3,child_survey,trust_staff,4",
      "p5,E06900001,2023,nope,trust_staff,4",
      "p6,E06900001,2023,child_survey,nope,4",
      "p7,E06900001,2023,child_survey,trust_staff,9",
      'p8,E06900001,2023,"child_survey",trust_staff,"4"',
      'p9,E06900001,2023,child_"survey,trust_staff,4',
      '"p10"x,E06900001,2023,child_survey,trust_staff,4',
      "p11,E06900001,2023,child_survey,trust_staff",
      "p12,E06900001,2023,child_survey,trust_staff,4,extra",
      '"p13\nstill p13",E06900003,2024,case_audit,plan_quality,2',
      "",
    ),
    fc.string({ maxLength: 20 }),
  );
  const file = fc.record({ lines: fc.array(line, { maxLength: 25 }), eol: fc.constantFrom("\n", "\r\n"), tail: fc.oneof(fc.constant(""), fc.constant('"unterminated')) });

  test("same counts or the same errors (file, row, column, value), for every chunk size", () => {
    const tmp = tempDir("vsw-chunked-");
    fc.assert(
      fc.property(file, fc.constantFrom(...CHUNK_SIZES), ({ lines, eol, tail }, chunkBytes) => {
        const text = ["respondent_id,la_code,period,instrument,item,response", ...lines].join(eol) + eol + tail;
        const f = path.join(tmp, "records.csv");
        fs.writeFileSync(f, text);
        const whole = outcome(() => wholeFileTally([{ file: f, bytes: Buffer.from(text) }], instruments(), AREA_CODES));
        const chunked = outcome(() => tallyPilotRecordFiles([f], instruments(), AREA_CODES, { chunkBytes }));
        assert.deepEqual(chunked, whole);
      }),
      { numRuns: 300, seed: 19 },
    );
  });
});

test("errors of the streamed import name file, row, column and value, and never a raw id", () => {
  const tmp = tempDir("vsw-streamed-errors-");
  const text = 'respondent_id,la_code,period,instrument,item,response\nRAW-ID-1,E06900001,2023,child_survey,trust_staff,7\nRAW"ID-2,E06900001,2023,child_survey,trust_staff,4\n';
  const [file] = writeFiles(tmp, [text]);
  for (const chunkBytes of [1, 5, 1 << 20]) {
    assert.throws(
      () => importPilotRecords([file], instruments(), AREA_CODES, { key: KEY, chunkBytes, recordsOut: path.join(tmp, "out") }),
      (e: unknown) => {
        assert.ok(e instanceof DataErrors);
        assert.match(e.message, /records-0\.csv, row 1, column "response": got "7", expected a response on scale likert5/);
        assert.match(e.message, /records-0\.csv, row 2, column "respondent_id"/);
        assert.doesNotMatch(e.message, /RAW/);
        return true;
      },
    );
    assert.equal(fs.existsSync(path.join(tmp, "out")), false, "nothing written");
  }
});
