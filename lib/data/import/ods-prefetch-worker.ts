/**
 * Worker thread of ./ods-prefetch.ts: reads the OpenDocument workbooks it is given as the importer would
 * (sheet names for detection, then the sheets the revenue outturn and Ofsted importers ask for) and posts
 * each result as soon as it has it. A call that fails posts only that it failed: the calling thread then
 * makes the same call itself, so its errors are exactly those of an import without this worker.
 */
import { parentPort } from "node:worker_threads";
import type { DetectedSource } from "./detect";
import type { LaitReadAhead } from "./lait-read-ahead";
import { LAIT_CLAIM, odsColumnsWanted, odsKindOf, odsSheetsWanted, type OdsPrefetchClaim, type OdsPrefetchData, type OdsPrefetchLait, type OdsPrefetchMessage, type OdsPrefetchPost } from "./ods-prefetch";
import { odsSheetNames, readOdsSheets } from "./spreadsheet/ods";

/** The run being read (the thread is kept between imports: one run at a time), what its caller claimed, and its LAIT files once sent. */
interface Run {
  run: number;
  claimed: Set<string>;
  lait: Promise<OdsPrefetchLait["lait"]>;
  laitSent: (lait: OdsPrefetchLait["lait"]) => void;
}
function newRun(run: number): Run {
  let laitSent: Run["laitSent"] = () => undefined;
  const lait = new Promise<OdsPrefetchLait["lait"]>((resolve) => (laitSent = resolve));
  return { run, claimed: new Set(), lait, laitSent };
}
let current = newRun(-1);
const post = (m: OdsPrefetchMessage) => parentPort!.postMessage({ ...m, run: current.run } satisfies OdsPrefetchPost);
parentPort!.on("message", (m: OdsPrefetchData | OdsPrefetchLait | OdsPrefetchClaim) => {
  if ("claim" in m) {
    if (m.run === current.run) current.claimed.add(m.claim);
  } else if ("files" in m) {
    current = newRun(m.run); // workbooks the calling thread reads itself (OdsPrefetch.namesOrClaim): skipped if not started yet
    void readWorkbooks(m, current);
  } else if (m.run === current.run) {
    current.laitSent(m.lait); // sent after the workbooks, once the caller has detected the other files
  }
});

async function readWorkbooks(data: OdsPrefetchData, run: Run): Promise<void> {
  // one workbook at a time, in the callers' order (the order its steps need them): only one inflated
  // content.xml is held at once (the largest official one is 40 MB)
  for (const entry of data.files) {
    await new Promise<void>((resolve) => setImmediate(resolve)); // the caller's claims so far are received
    if (!current.claimed.has(entry.file)) {
      post({ kind: "started", file: entry.file });
      readWorkbook(entry.file, entry.bytes);
    }
    entry.bytes = new Uint8Array(0); // lets the inflated content.xml go (its cache is keyed by the bytes)
  }
  const lait = await run.lait;
  if (lait !== undefined) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!current.claimed.has(LAIT_CLAIM)) {
      post({ kind: "started", file: LAIT_CLAIM });
      await readLait(lait);
    }
  }
  post({ kind: "done" }); // the thread then waits for the next run, or is terminated
}

function readWorkbook(file: string, bytes: Uint8Array): void {
  let names: string[];
  try {
    names = odsSheetNames(bytes, file);
  } catch {
    post({ kind: "names", file, failed: true });
    post({ kind: "sheets", file, failed: true });
    return;
  }
  post({ kind: "names", file, names });
  // the workbook's kind as detectSource gives it, without loading every importer's module into this thread
  const kind = odsKindOf(names);
  const wanted = odsSheetsWanted(kind, names);
  const columns = odsColumnsWanted(kind, names);
  try {
    if (wanted.length === 0) throw new Error("no sheet read from this workbook");
    post({ kind: "sheets", file, wanted, ...(columns === undefined ? {} : { columnsKey: columns.key }), sheets: readOdsSheets(bytes, file, wanted, columns) });
  } catch {
    post({ kind: "sheets", file, failed: true });
  }
}

/**
 * The LAIT files read as the calling thread would ({@link readLaitAhead}), posted with their columns' buffers
 * transferred. When any read threw, only that it failed is posted: the calling thread then reads them itself.
 */
async function readLait(lait: NonNullable<OdsPrefetchLait["lait"]>): Promise<void> {
  let ahead: LaitReadAhead;
  try {
    // loaded only now, once the workbooks are read (parquet decoding is not needed before); require, not
    // import(): under tsx a worker loads .ts only through the CommonJS hook (lib/worker-threads.ts)
    const { readLaitAhead } = require("./lait-read-ahead") as typeof import("./lait-read-ahead");
    ahead = await readLaitAhead(lait.detected as DetectedSource[], new Map(lait.files.map((f) => [f.file, f.bytes])));
  } catch {
    post({ kind: "lait", failed: true });
    return;
  }
  const outcomes = [...ahead.dictionaries.values(), ...ahead.parquet.values()];
  if (outcomes.some((o) => "thrown" in o)) {
    post({ kind: "lait", failed: true });
    return;
  }
  const buffers: ArrayBuffer[] = [];
  for (const o of ahead.parquet.values()) {
    if (!("value" in o)) continue;
    const v = o.value.values;
    for (const a of [v.code.of, v.years.of, v.laNumber.of, v.laName.of, v.status.of, v.value, v.row]) buffers.push(a.buffer as ArrayBuffer);
  }
  parentPort!.postMessage({ kind: "lait", ahead, run: current.run } satisfies OdsPrefetchPost, [...new Set(buffers)]);
}
