/**
 * The pilot tally on several threads gives what one thread gives — the same counts, periods, respondents, and the
 * same errors (texts, rows, order, the cap of 200 and the total) — on inputs built so that the blocks' cuts fall
 * where the merge has work to do: quoted fields holding line feeds at a cut, a respondent's answer to the same item in
 * blocks of two threads, one respondent in blocks of two threads, errors in blocks of every thread, periods spread
 * over the blocks, several files. The blocks are small (a few hundred bytes) and dealt in turn (`dealBlocks`: the
 * calling thread reads blocks 0, 2, 4 …, a worker 1, 3, 5 …), so which thread reads which block is known.
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DataErrors } from "../../lib/errors";
import { readInstruments, type InstrumentSet } from "../../lib/pilot/instruments";
import { tallyPilotRecordFiles } from "../../lib/pilot/tally-records";
import { defaultPilotWorkers, MAX_DEFAULT_WORKERS, PARALLEL_MIN_BYTES, tallyPilotRecordFilesInParallel } from "../../lib/pilot/tally-parallel";
import type { PilotTally } from "../../lib/pilot/tally-types";
import { findRecordFiles } from "../../lib/pilot/import-pilot";
import { AREA_CODES, HEADER, instruments } from "./helpers";
import { tempDir } from "../helpers/temp-dirs";

/** The respondent key every thread hashes ids with (SipHash-2-4, 16 bytes). */
const KEY = Buffer.from("parallel-tally-k");
const SYNTHETIC = path.join(__dirname, "..", "..", "datasets", "pilot-records-synthetic");

/** A tally's result as compared: its numbers, or its error's message and every listed error's message. */
function resultOf(t: PilotTally): unknown {
  return { records: t.records, respondents: t.respondents, periods: t.periods, counts: [...t.counts], unanswered: [...t.unanswered] };
}
function errorOf(e: unknown): unknown {
  if (e instanceof DataErrors) return { message: e.message, errors: e.errors.map((x) => x.message) };
  throw e;
}

interface Compared {
  alone: unknown;
  parallel: unknown;
  /** Why the parallel tally read everything again on one thread (none: its merge gave the result). */
  readAgain: string[];
}

/** The tally of `files` on one thread and on 1 + `workers` threads (blocks of `blockBytes`, dealt in turn). */
async function compare(files: string[], options: { workers?: number; blockBytes: number; set?: InstrumentSet; codes?: readonly string[] }): Promise<Compared> {
  const set = options.set ?? instruments();
  const codes = options.codes ?? AREA_CODES;
  let alone: unknown;
  try {
    alone = resultOf(tallyPilotRecordFiles(files, set, codes, { respondentKey: KEY }));
  } catch (e) {
    alone = errorOf(e);
  }
  const readAgain: string[] = [];
  const failures: string[] = [];
  let parallel: unknown;
  try {
    const t = await tallyPilotRecordFilesInParallel(files, set, codes, {
      respondentKey: KEY,
      workers: options.workers ?? 1,
      blockBytes: options.blockBytes,
      dealBlocks: true,
      onReadAgain: (r) => readAgain.push(r),
      onWorkerFailure: (r) => failures.push(r),
    });
    parallel = resultOf(t);
  } catch (e) {
    parallel = errorOf(e);
  }
  assert.deepEqual(failures, [], "no worker failed");
  return { alone, parallel, readAgain };
}

/** Write `text` as records.csv (or `name`) in a new folder; its path. */
function recordFile(text: string, name = "records.csv"): string {
  const file = path.join(tempDir("vsw-parallel-"), name);
  fs.writeFileSync(file, text);
  return file;
}

const LIKERT = ["1", "2", "3", "4", "5"];
/** A record line. */
const line = (id: string, la: string, period: number, item: string, response: string) =>
  `${id},${la},${period},${item === "plan_quality" ? "case_audit" : "child_survey"},${item},${response}`;

/** `n` respondents, each answering trust_staff and listened_to (period 2023), spread over the three LAs. */
function respondents(n: number, prefix = "R", period = 2023): string[] {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const la = AREA_CODES[i % 3];
    lines.push(line(`${prefix}${i}`, la, period, "trust_staff", LIKERT[i % 5]), line(`${prefix}${i}`, la, period, "listened_to", i % 4 === 0 ? "" : i % 2 === 0 ? "yes" : "no"));
  }
  return lines;
}

describe("tallyPilotRecordFilesInParallel gives the one-thread tally", () => {
  test("on the synthetic records (four files, cut into blocks of 4 KiB, on two and on three threads)", async () => {
    const set = readInstruments(path.join(SYNTHETIC, "instruments.json"));
    const codes = fs.readFileSync(path.join(SYNTHETIC, "areas.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0]);
    const files = findRecordFiles(SYNTHETIC);
    for (const workers of [1, 2]) {
      const r = await compare(files, { workers, blockBytes: 4096, set, codes });
      assert.deepEqual(r.parallel, r.alone);
      assert.deepEqual(r.readAgain, [], "the threads' tallies were merged");
      assert.equal((r.alone as { records: number }).records, 8772);
    }
  });

  test("on a file whose blocks are cut inside quoted fields holding line feeds: read again on one thread", async () => {
    // every third id is quoted and holds a line feed; blocks of 97 bytes cut some of them
    const lines = respondents(300).map((l, i) => (Math.floor(i / 2) % 3 === 0 ? l.replace(/^R(\d+),/, '"Q\n$1",') : l));
    const r = await compare([recordFile([HEADER, ...lines].join("\n") + "\n")], { blockBytes: 97 });
    assert.deepEqual(r.parallel, r.alone);
    assert.ok(r.readAgain.length === 1 && /did not end at a record's end/.test(r.readAgain[0]), r.readAgain.join());
  });

  test("on a file of quoted fields without line feeds: merged, not read again", async () => {
    const lines = respondents(300).map((l) => l.replace(/^R(\d+),/, '"R,$1",').replace(/,(E\d+),/, ',"$1",'));
    const r = await compare([recordFile([HEADER, ...lines].join("\r\n") + "\r\n")], { blockBytes: 97 });
    assert.deepEqual(r.parallel, r.alone);
    assert.deepEqual(r.readAgain, []);
    assert.equal((r.alone as { respondents: number }).respondents, 300);
  });

  test("on answers to the same item by the same respondent in blocks of two threads: the later row reported", async () => {
    // the first 40 respondents answer trust_staff again at the end of the file (other blocks, other threads)
    const lines = [...respondents(200), ...respondents(40).filter((l) => l.includes("trust_staff"))];
    const r = await compare([recordFile([HEADER, ...lines].join("\n") + "\n")], { blockBytes: 211 });
    assert.deepEqual(r.parallel, r.alone);
    assert.equal((r.alone as { errors: string[] }).errors.length, 40);
    assert.match((r.alone as { errors: string[] }).errors[0], /row 401, column "respondent_id": expected one record per respondent, period and item/);
    assert.ok(r.readAgain.some((why) => /answered the same item/.test(why)), r.readAgain.join());
  });

  test("on answers to the same item by the same respondent in two blocks of one thread: merged", async () => {
    // blocks 0 and 2 are both the calling thread's: respondent D answers trust_staff in each
    const blockBytes = 256;
    const second = line("D", AREA_CODES[0], 2023, "trust_staff", "5");
    const text = [HEADER, line("D", AREA_CODES[0], 2023, "trust_staff", "4"), ...respondents(5), second, ...respondents(9, "E")].join("\n") + "\n";
    const startOf = (k: number) => text.indexOf("\n", k * blockBytes) + 1;
    const at = text.indexOf(second);
    assert.ok(startOf(2) <= at && at < startOf(3), "the second answer is in block 2");
    const r = await compare([recordFile(text)], { blockBytes });
    assert.deepEqual(r.parallel, r.alone);
    assert.match(JSON.stringify(r.alone), /row 12, column \\"respondent_id\\": expected one record per respondent, period and item/);
    assert.deepEqual(r.readAgain, [], "merged");
  });

  test("on respondents seen in blocks of two threads (other items): counted once each, merged", async () => {
    const lines = respondents(150);
    const r = await compare([recordFile([HEADER, ...lines.filter((l) => l.includes("trust_staff")), ...lines.filter((l) => l.includes("listened_to"))].join("\n") + "\n")], { blockBytes: 173 });
    assert.deepEqual(r.parallel, r.alone);
    assert.deepEqual(r.readAgain, []);
    assert.equal((r.alone as { respondents: number }).respondents, 150);
  });

  test("on errors in the blocks of every thread, more than 200: the same rows, order, first 200 and total", async () => {
    const lines = respondents(400).map((l, i) => (i % 3 === 1 ? l.replace(/,E069\d+,/, ",E06999999,") : i % 7 === 0 ? l.replace(/,2023,/, ",20x3,") : l));
    const r = await compare([recordFile([HEADER, ...lines].join("\n") + "\n")], { blockBytes: 150 });
    assert.deepEqual(r.parallel, r.alone);
    assert.deepEqual(r.readAgain, []);
    const alone = r.alone as { message: string; errors: string[] };
    // lines i with i % 3 = 1 (LA) or else i % 7 = 0 (period) are wrong (row i + 1): 344 rows, the 200th being row 464
    assert.match(alone.message, /\(344 in all, first 200 listed\)/);
    assert.match(alone.errors[199], /row 464,/);
  });

  test("on more periods than allowed, spread over the blocks: read again, the same errors", async () => {
    const lines = Array.from({ length: 70 }, (_, k) => respondents(3, `Y${k}-`, 1990 + k)).flat();
    const r = await compare([recordFile([HEADER, ...lines].join("\n") + "\n")], { blockBytes: 301, workers: 2 });
    assert.deepEqual(r.parallel, r.alone);
    assert.match(JSON.stringify(r.alone), /at most 64 distinct periods/);
    assert.ok(r.readAgain.some((why) => /more than 64 periods/.test(why)), r.readAgain.join());
  });

  test("on a period first seen in a worker's block: the order of first appearance", async () => {
    // blocks of 100 bytes: 2024 in block 0 (the calling thread's), 2022 in block 1 only (the worker's), 2023 from
    // block 2 on (both threads'): the calling thread meets 2024 then 2023, the worker 2022 then 2023
    const text = [HEADER, ...respondents(1, "A", 2024), ...respondents(1, "B", 2022), ...respondents(20, "C", 2023)].join("\n") + "\n";
    const r = await compare([recordFile(text)], { blockBytes: 100 });
    assert.deepEqual(r.parallel, r.alone);
    assert.deepEqual((r.alone as { periods: number[] }).periods, [2024, 2022, 2023]);
    assert.deepEqual(r.readAgain, []);
  });

  test("on several files, some cut and some not, with an error in the last and a respondent in two", async () => {
    const a = recordFile([HEADER, ...respondents(60, "A")].join("\n") + "\n", "records-a.csv");
    const b = path.join(path.dirname(a), "records-b.csv");
    fs.writeFileSync(b, [HEADER, line("A1", AREA_CODES[1], 2023, "plan_quality", "2")].join("\n") + "\n");
    const c = path.join(path.dirname(a), "records-c.csv");
    fs.writeFileSync(c, [HEADER, ...respondents(80, "C"), line("C9", AREA_CODES[0], 2023, "plan_quality", "7")].join("\n") + "\n");
    const r = await compare([a, b, c], { blockBytes: 256, workers: 2 });
    assert.deepEqual(r.parallel, r.alone);
    assert.deepEqual(r.readAgain, []);
    assert.match(JSON.stringify(r.alone), /records-c\.csv, row 161, column \\"response\\"/);
  });

  test("on a line ending in a CR alone in a block before the last: read again (the file is refused from there)", async () => {
    const lines = respondents(100);
    lines.splice(20, 2, `${lines[20]}\r${lines[21]}`);
    const r = await compare([recordFile([HEADER, ...lines].join("\n") + "\n")], { blockBytes: 200 });
    assert.deepEqual(r.parallel, r.alone);
    assert.match(JSON.stringify(r.alone), /CR-only line ends/);
    assert.ok(r.readAgain.length === 1, r.readAgain.join());
  });

  test("on a line ending in a CR alone in the file's last block: merged, the same offset", async () => {
    const lines = respondents(100);
    lines.splice(196, 2, `${lines[196]}\r${lines[197]}`);
    const r = await compare([recordFile([HEADER, ...lines].join("\n") + "\n")], { blockBytes: 2000 });
    assert.deepEqual(r.parallel, r.alone);
    assert.match(JSON.stringify(r.alone), /a CR at offset \d+ not followed by LF/);
    assert.deepEqual(r.readAgain, []);
  });
});

test("a tally on several threads whose claims are not dealt (each block to the first thread free) gives the same", async () => {
  const lines = respondents(500);
  const file = recordFile([HEADER, ...lines].join("\n") + "\n");
  const alone = resultOf(tallyPilotRecordFiles([file], instruments(), AREA_CODES, { respondentKey: KEY }));
  const parallel = resultOf(await tallyPilotRecordFilesInParallel([file], instruments(), AREA_CODES, { respondentKey: KEY, workers: 1, blockBytes: 128 }));
  assert.deepEqual(parallel, alone);
});

test("by default, workers only from 16 MiB of records and for the cores the load average leaves idle", () => {
  const cores = os.availableParallelism();
  assert.equal(defaultPilotWorkers(PARALLEL_MIN_BYTES - 1, 0), 0, "small input: one thread");
  assert.equal(defaultPilotWorkers(PARALLEL_MIN_BYTES, 0), Math.min(cores - 1, MAX_DEFAULT_WORKERS), "idle machine");
  assert.equal(defaultPilotWorkers(64 << 20, cores), 0, "every core busy: one thread");
  assert.equal(defaultPilotWorkers(64 << 20, cores + 8), 0);
  if (cores >= 3) assert.equal(defaultPilotWorkers(64 << 20, 1), Math.min(cores - 2, MAX_DEFAULT_WORKERS), "one core busy");
});
