/**
 * Reading the workbooks on a worker thread (lib/data/import/ods-prefetch.ts) changes nothing: the same
 * package content, log and detections, or the same errors, as reading them on the calling thread — for
 * valid workbooks, an unrecognised one, a corrupt one and one missing a mapped column.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { importOfficial } from "../../../lib/data/import/import-official";
import { LAIT_CLAIM, OdsPrefetch, odsColumnsWanted, odsKindOf } from "../../../lib/data/import/ods-prefetch";
import { ODS_PREFETCH_MIN_BYTES, endOdsWorker, hasIdleOdsWorker, keepOdsWorker, prestartOdsWorker, stopIdleOdsWorker, takeOdsWorker } from "../../../lib/data/import/ods-prefetch-thread";
import { readSourcesAhead } from "../../../lib/data/import/source-files";
import { detectSource } from "../../../lib/data/import/detect";
import { laitValueAt } from "../../../lib/data/import/lait-parquet";
import { outcomeValue, readLaitAhead, type Outcome } from "../../../lib/data/import/lait-read-ahead";
import { readOdsSheets } from "../../../lib/data/import/spreadsheet/ods";
import { odsFromSheets } from "../../helpers/ods";
import { tempDir } from "../../helpers/temp-dirs";
import { TSX_CHILD_FLAGS } from "../../helpers/tsx-child";

/** The RO3 data sheet's columns as readRevenueOutturn reads them (the worker reads the same). */
const RO3_COLUMNS = odsColumnsWanted("revenue-outturn-ods", ["RO3_LA_Data_202425"]);

const LOOKUP = [
  "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note",
  "805,E06000001,Hartlepool,E12000001,North East,2013,2025,",
  "202,E09000007,Camden,E13000001,Inner London,2013,2025,",
].join("\n");
const RO3_HEADER = ["E-code", "ONS Code", "Local authority", "Notes", "Class", "Detailed Class", "Certification", "Children's social care - Children Looked After - Net Current Expenditure (C7 = C3 - C6)", "Children's social care - Family Support Services - Net Current Expenditure (C7)", "TOTAL CHILDREN SOCIAL CARE - Net Current Expenditure (C7 = C3 - C6)"];
const RO3_ROWS = [
  ["E5011", "E09000007", "Camden", "", "LB", "London", "Y", "34256", "1200", "92206"],
  ["E3831", "E07000223", "Adur", "", "SD", "SD", "Y", "0", "0", "0"],
  ["E0702", "E06000001", "Hartlepool", "M", "UA", "UA", "[x]", "[x]", "-3", "[x]"],
  ["Eng", "E92000001", "ENGLAND", "", "Eng", "Eng", "[Y]", "8434512.29579", "12", "15556137.15471"],
];

/** A source folder with the area lookup and the given files. */
function folder(files: Record<string, Uint8Array | string>): string {
  const dir = tempDir("vsw-ods-prefetch-");
  fs.writeFileSync(path.join(dir, "la_lookup_dfe_ons_codes.csv"), LOOKUP);
  for (const [name, contents] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), contents);
  return dir;
}

/** importOfficial's result (or error message) with and without the worker. */
async function bothWays(dir: string): Promise<[unknown, unknown]> {
  const run = (readWorkbooksOnWorker: boolean) =>
    importOfficial([dir], { created: "2026-01-01T00:00:00Z", readWorkbooksOnWorker }).then(
      (r) => ({ content: r.content, log: r.log, detected: r.detected }),
      (e: unknown) => ({ error: e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e) }),
    );
  return [await run(true), await run(false)];
}

test("workbooks read on a worker give the same package content, log and detections as on the calling thread", async () => {
  const ro3 = odsFromSheets({ Front_Page: [["Revenue outturn"]], RO3_LA_Data_202425: [["Worksheet 2: RO3"], RO3_HEADER, ...RO3_ROWS] });
  const dir = folder({ "RO3_LA_Data_2024-25_data_by_LA.ods": ro3, "other.ods": odsFromSheets({ Sheet1: [["a"]] }) });
  const [onWorker, here] = await bothWays(dir);
  assert.deepEqual(onWorker, here);
  assert.ok("content" in (here as object), JSON.stringify(here).slice(0, 300));
  const { content } = here as { content: { indicators: { la_code: string; indicator: string }[] } };
  assert.ok(content.indicators.some((r) => r.la_code === "E09000007" && r.indicator === "csc_family_support_spend_share_pct"));
  fs.rmSync(dir, { recursive: true });
});

test("a corrupt workbook and one missing a mapped column give the same errors with and without the worker", async () => {
  const noColumn = odsFromSheets({ RO3_LA_Data_202425: [RO3_HEADER.slice(0, 9), ["E5011", "E09000007", "Camden", "", "LB", "London", "Y", "1", "2"]] });
  const dir = folder({ "a_RO3.ods": noColumn, "b_broken.ods": "PK\u0003\u0004 not really a zip", "c.ods": odsFromSheets({ Sheet1: [["a"]] }) });
  const [onWorker, here] = await bothWays(dir);
  assert.deepEqual(onWorker, here);
  assert.match((here as { error: string }).error, /b_broken\.ods/);
  assert.match((here as { error: string }).error, /TOTAL CHILDREN SOCIAL CARE/);
  fs.rmSync(dir, { recursive: true });
});

test("the worker's sheets are what the calling thread then gets, without reading the workbook again", async () => {
  const file = "RO3_LA_Data_2024-25_data_by_LA.ods";
  const bytes = odsFromSheets({ Front_Page: [["Revenue outturn"]], RO3_LA_Data_202425: [["Worksheet 2: RO3"], RO3_HEADER, ...RO3_ROWS] });
  const expected = readOdsSheets(bytes, file, ["RO3_LA_Data_202425"], RO3_COLUMNS);
  const mine = new Uint8Array(bytes);
  const prefetch = OdsPrefetch.start([file], true);
  prefetch.send(new Map([[file, mine]]));
  await prefetch.names(file);
  await prefetch.sheets(file);
  prefetch.close();
  assert.deepEqual([...prefetch.primed], [`names:${file}`, `sheets:${file}`]);
  mine.fill(0); // the workbook is no longer readable here: the rows can only come from the worker
  assert.deepEqual(readOdsSheets(mine, file, ["RO3_LA_Data_202425"], RO3_COLUMNS), expected);
});

test("a workbook the worker has not started while busy with another is read on the calling thread, with the same sheets", async () => {
  // a first workbook large enough to keep the worker busy while the caller asks for the second one's names
  const bigRows = Array.from({ length: 20000 }, (_, i) => ["E5011", "E09000007", "Camden", "", "LB", "London", "Y", String(i), "1", "2"]);
  const big = odsFromSheets({ RO3_LA_Data_202425: [["Worksheet 2: RO3"], RO3_HEADER, ...bigRows] });
  const small = odsFromSheets({ RO3_LA_Data_202425: [["Worksheet 2: RO3"], RO3_HEADER, ...RO3_ROWS] });
  const [a, b] = ["a_RO3.ods", "b_RO3.ods"];
  const expected = readOdsSheets(small, b, ["RO3_LA_Data_202425"], RO3_COLUMNS);
  const mine = new Map([[a, new Uint8Array(big)], [b, new Uint8Array(small)]]);
  const prefetch = OdsPrefetch.start([a, b], true);
  prefetch.send(mine);
  await prefetch.names(a); // the worker has started a
  await prefetch.namesOrClaim(b);
  await prefetch.sheets(b);
  const primedB = prefetch.primed.has(`sheets:${b}`);
  prefetch.close();
  // whoever read it (the worker may have been quicker than the caller here), the caller gets the same sheets
  assert.deepEqual(readOdsSheets(mine.get(b) as Uint8Array, b, ["RO3_LA_Data_202425"], RO3_COLUMNS), expected);
  if (!primedB) assert.ok(!prefetch.primed.has(`names:${b}`), "a claimed workbook is not primed by the worker afterwards");
});

const OFFICIAL_LAIT = path.resolve(__dirname, "..", "..", "..", "..", "shared", "data", "official", "lait");

test("the LAIT files read on the worker after the workbooks (laitAhead) equal those read on the calling thread (readLaitAhead)", { skip: !fs.existsSync(OFFICIAL_LAIT) && "official LAIT files not found" }, async () => {
  const files = fs.readdirSync(OFFICIAL_LAIT).sort().map((f) => path.join(OFFICIAL_LAIT, f));
  const bytes = new Map(files.map((f) => [f, new Uint8Array(fs.readFileSync(f))]));
  const detected = files.map((f) => detectSource(f, bytes.get(f) as Uint8Array));
  assert.deepEqual(detected.map((d) => d.kind).sort(), ["lait-dictionary", "lait-parquet"]);
  const workbook = odsFromSheets({ Sheet1: [["a"]] });
  const ods = path.join(tempDir("vsw-ods-prefetch-"), "w.ods");
  fs.writeFileSync(ods, workbook);
  const prefetch = OdsPrefetch.start([ods], true);
  prefetch.send(new Map([...bytes, [ods, workbook]]), detected);
  await prefetch.done(); // the worker reads the LAIT files after the workbooks: here before they are asked for
  const onWorker = await prefetch.laitAhead();
  prefetch.close();
  const here = await readLaitAhead(detected, bytes);
  assert.ok(onWorker !== undefined, "the worker read the LAIT files");
  assert.equal(onWorker.dictionary, outcomeValue(onWorker.dictionaries.get(files.find((f) => f.endsWith(".csv")) as string) as Outcome<unknown>), "the parquet's dictionary is the dictionary read (one object)");
  assert.deepEqual(onWorker, here);
  const parquet = outcomeValue([...here.parquet.values()][0]);
  assert.ok(parquet.values.length > 100_000 && laitValueAt(parquet.values, 0).code !== "");
});

/** A prefetch of one small workbook and the official LAIT files, sent to a worker just started (not one kept warm). */
async function prefetchWithOfficialLait(): Promise<OdsPrefetch> {
  await stopIdleOdsWorker();
  const files = fs.readdirSync(OFFICIAL_LAIT).sort().map((f) => path.join(OFFICIAL_LAIT, f));
  const bytes = new Map(files.map((f) => [f, new Uint8Array(fs.readFileSync(f))]));
  const detected = files.map((f) => detectSource(f, bytes.get(f) as Uint8Array));
  const ods = path.join(tempDir("vsw-ods-prefetch-"), "w.ods");
  const workbook = odsFromSheets({ Sheet1: [["a"]] });
  fs.writeFileSync(ods, workbook);
  const prefetch = OdsPrefetch.start([ods], true);
  prefetch.send(new Map([...bytes, [ods, workbook]]), detected);
  return prefetch;
}

test("LAIT files the worker has not started when asked for are claimed: read on the calling thread, skipped by the worker", { skip: !fs.existsSync(OFFICIAL_LAIT) && "official LAIT files not found" }, async () => {
  const prefetch = await prefetchWithOfficialLait();
  const asked = await prefetch.laitAhead(); // at once: the worker is still starting, so the caller claims them
  await prefetch.done();
  prefetch.close();
  assert.equal(asked, undefined);
  assert.equal(await prefetch.laitAhead(), undefined, "what the worker might post after the claim is ignored");
});

test("every caller waiting for the worker's LAIT read gets it (two at once: neither is left waiting)", { skip: !fs.existsSync(OFFICIAL_LAIT) && "official LAIT files not found", timeout: 60_000 }, async () => {
  const prefetch = await prefetchWithOfficialLait();
  // wait until the worker says it has started the LAIT files (so asking waits for them rather than claiming them)
  const inside = prefetch as unknown as { started: Set<string>; laitArrived: boolean };
  while (!inside.started.has(LAIT_CLAIM)) await new Promise((resolve) => setTimeout(resolve, 1));
  assert.equal(inside.laitArrived, false, "asked while the worker reads them (else this test would not test waiting)");
  const [first, second] = await Promise.all([prefetch.laitAhead(), prefetch.laitAhead()]);
  await prefetch.done();
  prefetch.close();
  assert.ok(first !== undefined && first === second, "both callers get the worker's read");
});

test("while the worker has not started the LAIT files the caller may take them (laitUnstarted); once claimed, or with no worker, it may not", { skip: !fs.existsSync(OFFICIAL_LAIT) && "official LAIT files not found" }, async () => {
  const prefetch = await prefetchWithOfficialLait();
  assert.equal(await prefetch.laitUnstarted(), true, "the worker is still starting: it has started nothing");
  assert.equal(await prefetch.laitAhead(), undefined, "claimed for the caller");
  assert.equal(await prefetch.laitUnstarted(), false, "claimed: no longer the caller's to take");
  await prefetch.done();
  prefetch.close();
  const none = OdsPrefetch.start(["w.ods"], false);
  none.send(new Map([["w.ods", new Uint8Array(0)]]));
  assert.equal(await none.laitUnstarted(), false, "no worker: the LAIT steps read them as before");
  assert.equal(none.sheetsArrived("w.ods"), true, "no worker: nothing to wait for");
});

test("sheetsArrived is false until the worker has posted a workbook's sheets, then true", async () => {
  const file = "RO3_LA_Data_2024-25_data_by_LA.ods";
  const bytes = odsFromSheets({ Front_Page: [["Revenue outturn"]], RO3_LA_Data_202425: [["Worksheet 2: RO3"], RO3_HEADER, ...RO3_ROWS] });
  const prefetch = OdsPrefetch.start([file], true);
  prefetch.send(new Map([[file, new Uint8Array(bytes)]]));
  assert.equal(prefetch.sheetsArrived(file), false, "the worker is still starting");
  await prefetch.sheets(file);
  assert.equal(prefetch.sheetsArrived(file), true);
  prefetch.close();
});

test("a worker that posted everything is kept for the next prefetch, which gets the same sheets from it; one closed before that is not kept", async () => {
  const file = "RO3_LA_Data_2024-25_data_by_LA.ods";
  const bytes = odsFromSheets({ Front_Page: [["Revenue outturn"]], RO3_LA_Data_202425: [["Worksheet 2: RO3"], RO3_HEADER, ...RO3_ROWS] });
  const expected = readOdsSheets(bytes, file, ["RO3_LA_Data_202425"], RO3_COLUMNS);
  const threadOf = (p: OdsPrefetch) => (p as unknown as { thread: unknown }).thread;
  const read = async (close: "when done" | "at once") => {
    const prefetch = OdsPrefetch.start([file], true);
    const mine = new Uint8Array(bytes);
    prefetch.send(new Map([[file, mine]]));
    if (close === "when done") await prefetch.done();
    prefetch.close();
    const primed = prefetch.primed.has(`sheets:${file}`);
    mine.fill(0); // only the worker's rows can be read now
    return { thread: threadOf(prefetch), sheets: primed ? readOdsSheets(mine, file, ["RO3_LA_Data_202425"], RO3_COLUMNS) : undefined };
  };
  await stopIdleOdsWorker();
  const first = await read("when done");
  const second = await read("when done");
  assert.ok(first.thread !== undefined && second.thread === first.thread, "the second prefetch reuses the first's worker");
  assert.deepEqual(first.sheets, expected);
  assert.deepEqual(second.sheets, expected);
  const third = await read("at once"); // takes the kept worker, closed before it posted everything: terminated
  const fourth = await read("when done");
  assert.equal(third.thread, first.thread);
  assert.ok(fourth.thread !== first.thread, "a worker closed before it was done is not kept");
  assert.deepEqual(fourth.sheets, expected);
  await stopIdleOdsWorker();
});

test("an import that read workbooks on a worker leaves it kept for the next import, which gives the same result; a failed one does not", async () => {
  const ro3 = odsFromSheets({ Front_Page: [["Revenue outturn"]], RO3_LA_Data_202425: [["Worksheet 2: RO3"], RO3_HEADER, ...RO3_ROWS] });
  const dir = folder({ "RO3_LA_Data_2024-25_data_by_LA.ods": ro3 });
  await stopIdleOdsWorker();
  const first = await importOfficial([dir], { created: "2026-01-01T00:00:00Z", readWorkbooksOnWorker: true });
  assert.equal(hasIdleOdsWorker(), true, "kept after the import");
  const second = await importOfficial([dir], { created: "2026-01-01T00:00:00Z", readWorkbooksOnWorker: true });
  assert.deepEqual(second.content, first.content);
  assert.deepEqual(second.log, first.log);
  const broken = folder({ "a_RO3.ods": odsFromSheets({ RO3_LA_Data_202425: [RO3_HEADER.slice(0, 9)] }), "b_RO3.ods": ro3 });
  await assert.rejects(importOfficial([broken], { created: "2026-01-01T00:00:00Z", readWorkbooksOnWorker: true }), /TOTAL CHILDREN SOCIAL CARE/);
  assert.equal(hasIdleOdsWorker(), false, "an import that threw terminates its worker (it may still be reading)");
  fs.rmSync(dir, { recursive: true });
  fs.rmSync(broken, { recursive: true });
});

test("odsKindOf gives the kind detectSource gives a workbook with the same sheets", () => {
  const sheetSets = [["Cover", "ILACS_inspection_history"], ["Notes", "RO3_LA_Data_202425"], ["RSX_LA_Data_202425", "ILACS_inspection_history"], ["Sheet1"], ["RO3_LA_Data_202426"], ["SIF_history", "Data"]];
  for (const names of sheetSets) {
    const workbook = odsFromSheets(Object.fromEntries(names.map((n) => [n, [["a"]]])));
    assert.equal(odsKindOf(names), detectSource("w.ods", workbook).kind, names.join(", "));
  }
});

test("the worker reads the workbooks sent first (sendWorkbooks) before the LAIT message (sendLait) comes, and finishes only after it; without it the worker is not kept", async () => {
  const file = "RO3_LA_Data_2024-25_data_by_LA.ods";
  const bytes = odsFromSheets({ Front_Page: [["Revenue outturn"]], RO3_LA_Data_202425: [["Worksheet 2: RO3"], RO3_HEADER, ...RO3_ROWS] });
  const expected = readOdsSheets(bytes, file, ["RO3_LA_Data_202425"], RO3_COLUMNS);
  await stopIdleOdsWorker();
  const prefetch = OdsPrefetch.start([file], true);
  const mine = new Uint8Array(bytes);
  prefetch.sendWorkbooks(new Map([[file, mine]]));
  await prefetch.sheets(file); // resolves with no LAIT message sent yet
  let done = false;
  void prefetch.done().then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(done, false, "the worker waits for the LAIT message before it is done");
  prefetch.sendLait(new Map([[file, mine]]), []);
  await prefetch.done();
  prefetch.close();
  assert.equal(hasIdleOdsWorker(), true, "done after the LAIT message: kept");
  mine.fill(0);
  assert.deepEqual(readOdsSheets(mine, file, ["RO3_LA_Data_202425"], RO3_COLUMNS), expected);
  const unfinished = OdsPrefetch.start([file], true);
  unfinished.sendWorkbooks(new Map([[file, new Uint8Array(bytes)]]));
  await unfinished.sheets(file);
  unfinished.close(); // no LAIT message: never done, so terminated rather than kept
  assert.equal(hasIdleOdsWorker(), false);
});

test("a worker kept idle is ended after its idle limit, and taking it in time keeps it", async () => {
  await stopIdleOdsWorker();
  const first = takeOdsWorker();
  assert.ok(first !== undefined);
  keepOdsWorker(first, 50);
  assert.equal(hasIdleOdsWorker(), true);
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.equal(hasIdleOdsWorker(), false, "ended after 50 ms idle");
  const second = takeOdsWorker();
  assert.ok(second !== undefined && second !== first);
  keepOdsWorker(second, 10_000);
  assert.equal(takeOdsWorker(), second, "taken back before its limit");
  await endOdsWorker(second);
});

test("closing the prefetch while its worker's error is queued does not end the process (review, round 8)", () => {
  // the worker is made to fail (a message it cannot read) just before close(): its 'error' must find a listener
  const script = `
    const { OdsPrefetch } = require(${JSON.stringify(path.resolve(__dirname, "../../../lib/data/import/ods-prefetch"))});
    const { odsFromSheets } = require(${JSON.stringify(path.resolve(__dirname, "../../helpers/ods"))});
    (async () => {
      const file = "x_RO3.ods";
      const prefetch = OdsPrefetch.start([file], true);
      prefetch.send(new Map([[file, new Uint8Array(odsFromSheets({ Sheet1: [["a"]] }))]]));
      await prefetch.names(file);
      prefetch.thread.postMessage({ run: 999, files: null });
      const t = Date.now(); while (Date.now() - t < 500) {}
      prefetch.close();
      await new Promise((r) => setTimeout(r, 300));
      console.log("survived");
    })();`;
  const r = spawnSync(process.execPath, [...TSX_CHILD_FLAGS, "-e", script], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr.split("\n").slice(0, 8).join("\n"));
  assert.match(r.stdout, /survived/);
});

test("a workbook in shared memory (as readSources reads it) is given to the worker as it is, and its sheets are the calling thread's", async () => {
  const file = "RO3_LA_Data_2024-25_data_by_LA.ods";
  const bytes = odsFromSheets({ Front_Page: [["Revenue outturn"]], RO3_LA_Data_202425: [["Worksheet 2: RO3"], RO3_HEADER, ...RO3_ROWS] });
  const expected = readOdsSheets(bytes, file, ["RO3_LA_Data_202425"], RO3_COLUMNS);
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  const prefetch = OdsPrefetch.start([file], true);
  prefetch.sendWorkbooks(new Map([[file, shared]]));
  prefetch.sendLait(new Map([[file, shared]]));
  await prefetch.sheets(file);
  await prefetch.done();
  prefetch.close(false);
  assert.deepEqual([...prefetch.primed], [`names:${file}`, `sheets:${file}`]);
  assert.equal(shared.byteLength, bytes.length, "not transferred away: the caller still holds it");
  assert.deepEqual(readOdsSheets(shared, file, ["RO3_LA_Data_202425"], RO3_COLUMNS), expected);
});

test("readSourcesAhead starts the worker (kept idle) when the workbooks are worth one, and the import then takes it and gives the same result", async () => {
  const ro3 = odsFromSheets({ Front_Page: [["Revenue outturn"]], RO3_LA_Data_202425: [["Worksheet 2: RO3"], RO3_HEADER, ...RO3_ROWS] });
  const dir = folder({ "RO3_LA_Data_2024-25_data_by_LA.ods": ro3 });
  await stopIdleOdsWorker();
  const small = readSourcesAhead([dir]);
  assert.equal(hasIdleOdsWorker(), false, `workbooks under ${ODS_PREFETCH_MIN_BYTES} bytes: no worker`);
  const expected = await importOfficial([dir], { created: "2026-01-01T00:00:00Z", readAhead: small });
  const big = path.join(dir, "padding.ods");
  fs.writeFileSync(big, Buffer.alloc(ODS_PREFETCH_MIN_BYTES));
  prestartOdsWorker([big]);
  const prestarted = takeOdsWorker();
  assert.ok(prestarted !== undefined && hasIdleOdsWorker() === false, "a worker was started and kept for the import");
  keepOdsWorker(prestarted);
  fs.rmSync(big);
  const got = await importOfficial([dir], { created: "2026-01-01T00:00:00Z", readWorkbooksOnWorker: true });
  assert.deepEqual(got.content, expected.content);
  assert.deepEqual(got.log, expected.log);
  assert.equal(takeOdsWorker(), prestarted, "the import took the worker started ahead, and kept it when done");
  await endOdsWorker(prestarted);
});
