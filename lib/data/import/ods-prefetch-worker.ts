/**
 * Worker thread of ./ods-prefetch.ts: reads the OpenDocument workbooks it is given as the importer would
 * (sheet names for detection, then the sheets the revenue outturn and Ofsted importers ask for) and posts
 * each result as soon as it has it. A call that fails posts only that it failed: the calling thread then
 * makes the same call itself, so its errors are exactly those of an import without this worker.
 */
import { parentPort } from "node:worker_threads";
import { detectSource } from "./detect";
import { odsSheetsWanted, type OdsPrefetchData, type OdsPrefetchMessage } from "./ods-prefetch";
import { odsSheetNames, primeOdsSheets, readOdsSheets } from "./spreadsheet/ods";

const post = (m: OdsPrefetchMessage) => parentPort!.postMessage(m);
parentPort!.once("message", (data: OdsPrefetchData) => readWorkbooks(data));

function readWorkbooks(data: OdsPrefetchData): void {
  const toRead: { entry: { file: string; bytes: Uint8Array }; wanted: readonly string[]; outturn: boolean }[] = [];
  for (const entry of data.files) {
    const { file, bytes } = entry;
    let names: string[];
    try {
      names = odsSheetNames(bytes, file);
    } catch {
      post({ kind: "names", file, failed: true });
      continue;
    }
    post({ kind: "names", file, names });
    primeOdsSheets(bytes, names); // detection below reads the names again
    const kind = detectSource(file, bytes).kind;
    const wanted = odsSheetsWanted(kind, names);
    if (wanted.length > 0) toRead.push({ entry, wanted, outturn: kind === "revenue-outturn-ods" });
    else post({ kind: "sheets", file, failed: true });
  }
  // the revenue outturn step runs before the Ofsted step: its sheets first
  for (const { entry, wanted } of [...toRead.filter((t) => t.outturn), ...toRead.filter((t) => !t.outturn)]) {
    try {
      post({ kind: "sheets", file: entry.file, wanted, sheets: readOdsSheets(entry.bytes, entry.file, wanted) });
    } catch {
      post({ kind: "sheets", file: entry.file, failed: true });
    }
    entry.bytes = new Uint8Array(0); // lets the inflated content.xml go (its cache is keyed by the bytes)
  }
  post({ kind: "done" });
}
