/**
 * Blocks of record files read apart and merged give the tally of one thread reading the files in order. Here the
 * threads are simulated in one process (a BlockTallyBuilder per "thread", blocks dealt in turn), so that many
 * hostile files can be tried: ids repeated across blocks, quoted fields holding line feeds, CR LF and CR alone, bad
 * cells, blocks from one byte to a few hundred. Whenever the merge gives a result it must be exactly the one-thread
 * result (counts, periods, respondents, or the same error texts and total); when it cannot, it must say why.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { DataErrors } from "../../lib/errors";
import { blockBounds, planRecordBlocks } from "../../lib/pilot/record-blocks";
import { chunkEndAfter } from "../../lib/pilot/read-chunks";
import { parseInstruments } from "../../lib/pilot/instruments";
import { BlockTallyBuilder, tallyClaimedBlocks } from "../../lib/pilot/tally-blocks";
import { tallyPilotRecordFiles } from "../../lib/pilot/tally-records";
import type { PilotTally } from "../../lib/pilot/tally-types";
import { fuzzParams, hostileCell, seedNote } from "../fuzz/fuzz-settings";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.resolve(__dirname, "..", "..", "datasets", "pilot-records-synthetic");
const instruments = parseInstruments(fs.readFileSync(path.join(DATASET, "instruments.json"), "utf8"), "instruments.json");
const AREAS = ["E06900009", "E06900019", "E06900022"];
/** The respondent key every thread hashes ids with (SipHash-2-4, 16 bytes). */
const KEY = Buffer.alloc(16, 9);
const HEADER = "respondent_id,la_code,period,instrument,item,response";

function outcome(f: () => PilotTally): unknown {
  try {
    const t = f();
    return { records: t.records, respondents: t.respondents, periods: t.periods, counts: [...t.counts], unanswered: [...t.unanswered] };
  } catch (e) {
    if (e instanceof DataErrors) return { message: e.message, errors: e.errors.map((x) => x.message) };
    throw e;
  }
}

/** The tally of `files` read in blocks of `blockBytes` by `threads` simulated threads (dealt in turn), merged. */
function mergedTally(files: string[], blockBytes: number, threads: number): { redo: string } | { result: unknown } {
  const sizes = files.map((f) => fs.statSync(f).size);
  const plan = planRecordBlocks(files, sizes, blockBytes);
  const builders = Array.from({ length: threads }, () => new BlockTallyBuilder(instruments, AREAS, { respondentKey: KEY }));
  builders.forEach((b, thread) => tallyClaimedBlocks(b, plan, { thread, threads }, 7));
  let redo: string | undefined;
  const result = outcome(() => {
    const merged = builders[0].mergeInto(builders.slice(1).map((b) => b.threadTally()), plan);
    if (merged.redo !== undefined) {
      redo = merged.redo;
      return { records: 0, respondents: 0, periods: [], counts: new Float64Array(0), unanswered: new Float64Array(0) } as unknown as PilotTally;
    }
    return merged.tally;
  });
  return redo !== undefined ? { redo } : { result };
}

test("blocks meet exactly: each starts where the one before ends, the first at 0 and the last at the file's end", () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom("a", ",", "\n", "\r", '"'), maxLength: 300 }), fc.integer({ min: 1, max: 90 }), (body, blockBytes) => {
      const file = path.join(tempDir("vsw-blocks-"), "records.csv");
      fs.writeFileSync(file, `${HEADER}\n${body}`);
      const size = fs.statSync(file).size;
      const plan = planRecordBlocks([file], [size], blockBytes);
      const fd = fs.openSync(file, "r");
      try {
        let at = 0;
        for (const block of plan.blocks) {
          const { start, end } = blockBounds(fd, block, size);
          assert.equal(start, at);
          assert.ok(end >= start);
          at = end;
        }
        assert.equal(at, size);
      } finally {
        fs.closeSync(fd);
      }
    }),
    fuzzParams(100),
  );
});

test("a block's chunks end where the whole file's do (the first after 4 KiB, then every chunk)", () => {
  assert.equal(chunkEndAfter(0, 1 << 20), 4096);
  assert.equal(chunkEndAfter(4095, 1 << 20), 4096);
  assert.equal(chunkEndAfter(4096, 1 << 20), 4096 + (1 << 20));
  assert.equal(chunkEndAfter(10, 7), 14);
});

test("hostile record files read in blocks by two or three threads and merged give the one-thread tally", (t) => {
  t.diagnostic(seedNote());
  const items = ["plan_quality", "voice_of_child", "risk_assessment"];
  const cell = (c: string, quote: boolean) => (quote || /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const row = fc.record({
    id: fc.oneof({ weight: 6, arbitrary: fc.constantFrom("A1", "B2", "C3", "D4", "E5", "F6", "G\n7", "H,8") }, { weight: 1, arbitrary: hostileCell }),
    la: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...AREAS) }, { weight: 1, arbitrary: hostileCell }),
    period: fc.oneof({ weight: 8, arbitrary: fc.constantFrom("2022", "2023", "2024") }, { weight: 1, arbitrary: hostileCell }),
    item: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...items) }, { weight: 1, arbitrary: hostileCell }),
    response: fc.oneof({ weight: 8, arbitrary: fc.constantFrom("1", "2", "3", "4", "") }, { weight: 1, arbitrary: hostileCell }),
    quote: fc.boolean(),
    end: fc.constantFrom("\n", "\n", "\n", "\r\n", "\r"),
  });
  const file = fc.array(row, { maxLength: 40 }).map((rows) => HEADER + "\n" + rows.map((r) => [r.id, r.la, r.period, "case_audit", r.item, r.response].map((c, k) => cell(c, r.quote && k === 0)).join(",") + r.end).join(""));
  let merged = 0, readAgain = 0;
  fc.assert(
    fc.property(fc.array(file, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 2, max: 3 }), (texts, blockBytes, threads) => {
      const dir = tempDir("vsw-blocks-");
      const files = texts.map((text, k) => {
        const f = path.join(dir, `records-${k}.csv`);
        fs.writeFileSync(f, text);
        return f;
      });
      const alone = outcome(() => tallyPilotRecordFiles(files, instruments, AREAS, { respondentKey: KEY, chunkBytes: 7 }));
      const m = mergedTally(files, blockBytes, threads);
      if ("redo" in m) {
        assert.ok(m.redo.length > 0);
        readAgain++;
        return;
      }
      merged++;
      assert.deepEqual(m.result, alone);
    }),
    fuzzParams(300),
  );
  t.diagnostic(`${merged} merged, ${readAgain} read again`);
  assert.ok(merged > 0, "some inputs were merged, not read again");
});

test("threads whose respondent tables were sized for few respondents merge 6,000 of them, some in both, as one thread counts", () => {
  const dir = tempDir("vsw-blocks-");
  const lines = [HEADER];
  for (let i = 0; i < 6000; i++) lines.push(`R${i},${AREAS[i % 3]},2023,case_audit,plan_quality,${1 + (i % 4)}`);
  // respondents 0–499 again, on another item, at the end (in other blocks)
  for (let i = 0; i < 500; i++) lines.push(`R${i},${AREAS[i % 3]},2023,case_audit,voice_of_child,1`);
  const file = path.join(dir, "records.csv");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  const alone = outcome(() => tallyPilotRecordFiles([file], instruments, AREAS, { respondentKey: KEY }));
  const m = mergedTally([file], 4096, 2);
  assert.ok("result" in m, "merged");
  assert.deepEqual(m.result, alone);
  assert.equal((alone as { respondents: number }).respondents, 6000);
});
