/**
 * The WebAssembly row reader of the pilot tally (lib/pilot/plain-rows.ts): the tally must count and report exactly
 * as when JavaScript reads every row (the builder's `wasmRows: false`), on generated record files with errors
 * between the rows it reads (bad ids, LAs, periods, instruments, items, responses, malformed rows, duplicates),
 * several periods, long and non-ASCII ids, any chunk size (records cut anywhere), with and without a respondent key;
 * and on a file larger than its window and its rows per call.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { PilotTallyBuilder } from "../../lib/pilot/tally-builder";
import { PlainRowReader } from "../../lib/pilot/plain-rows";
import { buildPlainRowsModule } from "../../lib/pilot/plain-rows-wasm";
import { PLAIN_ROWS_MODULE_BASE64 } from "../../lib/pilot/plain-rows-module";
import { WINDOW_BYTES, MAX_ROWS } from "../../lib/pilot/plain-rows-layout";
import { AREA_CODES, instruments, tallyOutcome } from "./helpers";

const FIELDS = ["respondent_id", "la_code", "period", "instrument", "item", "response"];
const KEY = Uint8Array.from({ length: 16 }, (_, i) => 3 * i + 1);

/** Rows the WebAssembly reader finished, over every tally of this file (to know that it was used). */
let rowsByWasm = 0;
const scan = PlainRowReader.prototype.scan;
PlainRowReader.prototype.scan = function (this: PlainRowReader, bytes: Uint8Array, pos: number): number {
  const n = scan.call(this, bytes, pos);
  rowsByWasm += n;
  return n;
};

/** A tally whose counts can be seen with errors among the rows (finish then throws them instead). */
class SeenTally extends PilotTallyBuilder {
  /** Counts, blanks, records, respondents, periods and every problem so far. */
  seen(): unknown {
    this.settleRespondents();
    return { counts: [...this.counts], unanswered: [...this.unanswered], records: this.records, respondents: this.respondents.size, periods: [...this.periods.list], problems: this.errors.kept, total: this.errors.total };
  }
}

/** Tally `files` (text per file) fed in chunks of `chunkBytes`, with the WebAssembly reader or without: its counts and problems, and what finish gives. */
function tally(files: readonly string[], chunkBytes: number, wasmRows: boolean, respondentKey?: Uint8Array): unknown {
  const b = new SeenTally(instruments(), AREA_CODES, { respondentKey, wasmRows });
  files.forEach((text, k) => {
    const bytes = Buffer.from(text, "latin1");
    b.beginFile(`records-${k}.csv`);
    for (let at = 0; at < bytes.length; at += chunkBytes) b.write(bytes.subarray(at, Math.min(bytes.length, at + chunkBytes)));
    b.endFile();
  });
  return { seen: b.seen(), finished: tallyOutcome(() => b.finish()) };
}

const longId = "p".repeat(300);
/** Rows whose id, LA, period or instrument is the run's with a byte added: they start with the prefix of the row before (then no comma). */
const LONGER = ["+id", "+la", "+period", "+instrument", "+_item"];
/** Mostly one of `good`, sometimes one of `bad`. */
const mostly = <T>(good: readonly T[], bad: readonly T[]) => fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 6 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
/** A respondent's run of rows: its id, LA, period and instrument (mostly valid), then its items and responses. */
const run = fc.record({
  // ids that are LA codes or periods too: a reader taking one column for another would count them
  id: mostly(["p1", "p2", "p3", "ps_0123456789abcdef", "ps_0123456789abcdeg", "ps_0123456789abcdef0", AREA_CODES[1], "2023"], [longId, "", " p1", "p1\t", "\xe9p", "p\xa0"]),
  la: mostly([AREA_CODES[0], AREA_CODES[1], AREA_CODES[2]], ["E99999999", "", "E0690000", "E069000011"]),
  period: mostly(["2023", "2023", "2024", "2025"], ["20x3", "", "1800", "02023"]),
  instrument: mostly(["child_survey", "child_survey", "case_audit"], ["nope", "", "child_surve"]),
  rows: fc.array(
    mostly(
      [["trust_staff", "4"], ["trust_staff", "5"], ["trust_staff", ""], ["listened_to", "yes"], ["listened_to", "no"], ["listened_to", ""], ["plan_quality", "1"], ["plan_quality", "4"]],
      [["trust_staff", "9"], ["trust_staff", "44"], ["listened_to", "y"], ["listened_to", "yes "], ["nope", "1"], ["", "1"], ["trust_staff"], ["trust_staff", "1", "x"], [], ...LONGER.map((k) => [k])],
    ),
    { minLength: 1, maxLength: 6 },
  ),
});

/** A record file: the header in the schema's order (else another), runs of rows, with or without a last line feed. */
const recordFile = fc.record({ runs: fc.array(run, { maxLength: 20 }), standard: fc.constantFrom(true, true, true, false), other: fc.constantFrom([3, 2, 1, 0, 5, 4], [1, 0, 2, 3, 4, 5], [0, 1, 3, 2, 4, 5], [0, 1, 2, 3, 5, 4]), lastLf: fc.boolean(), cr: fc.constantFrom(false, false, false, false, false, true) }).map(({ runs, standard, other, lastLf, cr }) => {
  const order = standard ? [0, 1, 2, 3, 4, 5] : other;
  const lines = [order.map((k) => FIELDS[k]).join(",")];
  for (const r of runs) {
    for (const rest of r.rows) {
      const longer = LONGER.indexOf(rest[0]);
      const v = longer < 0 ? [r.id, r.la, r.period, r.instrument, ...rest] : [r.id, r.la, r.period, r.instrument, "trust_staff", "4"];
      if (longer >= 0) v[longer] += "0";
      // five cells that read as six if the byte after the prefix were taken for its comma
      if (rest[0] === "+_item") v.splice(3, 3, `${r.instrument}_trust_staff`, "4");
      lines.push(v.length === 6 ? order.map((k) => v[k]).join(",") : v.join(","));
    }
  }
  return lines.join(cr ? "\r\n" : "\n") + (lastLf ? "\n" : "");
});

test("the shipped WebAssembly bytes are exactly what the generator writes", () => {
  assert.equal(Buffer.from(buildPlainRowsModule()).toString("base64"), PLAIN_ROWS_MODULE_BASE64);
});

test("records read by the WebAssembly reader are counted and reported as when JavaScript reads every row", () => {
  const before = rowsByWasm;
  fc.assert(
    fc.property(fc.array(recordFile, { minLength: 1, maxLength: 2 }), fc.constantFrom(1, 5, 64, 1000, 1 << 20, 1 << 20), fc.boolean(), (files, chunkBytes, keyed) => {
      const key = keyed ? KEY : undefined;
      assert.deepEqual(tally(files, chunkBytes, true, key), tally(files, chunkBytes, false, key));
    }),
    { numRuns: 400 },
  );
  assert.ok(rowsByWasm - before > 1000, `the WebAssembly reader finished ${rowsByWasm - before} rows`);
});

/** A file of `rows` records, respondents of 1–4 rows, one row in about 50 broken (seeded: the same file each time). */
function largeFile(rows: number): string {
  let seed = 12345;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const lines = [FIELDS.join(",")];
  for (let r = 0; lines.length <= rows; r++) {
    const id = `ps_${(r * 7919).toString(16).padStart(16, "0")}`;
    const la = AREA_CODES[next(3)];
    const period = next(10) === 0 ? "2024" : "2023";
    const survey = next(2) === 0;
    const items = survey ? ["trust_staff", "listened_to"] : ["plan_quality"];
    for (let k = 0; k < 1 + next(4); k++) {
      const item = items[k % items.length];
      const response = item === "listened_to" ? (next(2) ? "yes" : "no") : String(1 + next(4));
      const broken = next(50) === 0 ? ["nope", response, "9", ""][next(4)] : null;
      lines.push([id, la, period, survey ? "child_survey" : "case_audit", broken === "nope" ? "nope" : item, broken !== null && broken !== "nope" ? broken : response].join(","));
    }
  }
  return lines.join("\n") + "\n";
}

test("a file larger than the reader's window and rows per call is counted as JavaScript counts it", () => {
  const text = largeFile(3 * MAX_ROWS + 1000);
  assert.ok(text.length > 1.5 * WINDOW_BYTES);
  const before = rowsByWasm;
  for (const chunkBytes of [1 << 20, 65536 + 3, 4093]) {
    for (const key of [undefined, KEY]) assert.deepEqual(tally([text], chunkBytes, true, key), tally([text], chunkBytes, false, key));
  }
  assert.ok(rowsByWasm - before > 6 * MAX_ROWS);
});
