/**
 * {@link importReturns} on several threads (worker_threads), with the same result as on one: the LAs are shared
 * out between the calling thread and the workers, each computes the units of its LAs (lib/returns/import-units),
 * and the units are put back together in the one-thread order ({@link assembleUnits}), so the package — counts,
 * estimates and every import-log entry — is byte for byte the same whatever the number of workers. What crosses
 * threads is the file list and the key one way, and LA-level counts and log calls the other.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import type { Worker } from "node:worker_threads";
import { startLibraryWorker } from "../worker-threads";
import { discoverReturns } from "./discover";
import { ReturnsImportLog } from "./import-issues";
import { completeImport, computeUnits, type ImportReturnsOptions, type ReturnsImport } from "./import-returns";
import { assembleUnits, type CinUnitOutcome, type UnitOutcome } from "./import-units";
import type { AttributedFile, Ssda903File } from "./read-ssda903";

/** Below this many bytes of SSDA903 and CIN files, starting a worker costs more than it saves: one thread. */
export const PARALLEL_MIN_BYTES = 16 << 20;

/** What a worker is given (structured-cloned). */
export interface ImportWorkerData {
  ssda903: Ssda903File[];
  cin: AttributedFile[];
  key: Uint8Array;
}

/** What a worker posts back. */
interface ImportWorkerResult {
  ssda903: [string, UnitOutcome][];
  cin: [string, CinUnitOutcome][];
}

/** The files of one thread's share of the LAs. */
interface Share {
  ssda903: Ssda903File[];
  cin: AttributedFile[];
  bytes: number;
}

/**
 * Share the LAs out between `threads` threads by file size: largest LA first, each to the thread with the
 * fewest bytes so far (ties to the lowest thread). Deterministic; an LA's files all go to one thread.
 * @example shareLas(found.ssda903, found.cin, 2).map((s) => s.bytes)
 */
export function shareLas(ssda903: readonly Ssda903File[], cin: readonly AttributedFile[], threads: number): Share[] {
  const bytesByLa = new Map<string, number>();
  for (const f of [...ssda903, ...cin]) bytesByLa.set(f.la, (bytesByLa.get(f.la) ?? 0) + fs.statSync(f.path).size);
  const order = [...bytesByLa].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shares: Share[] = Array.from({ length: threads }, () => ({ ssda903: [], cin: [], bytes: 0 }));
  const thread = new Map<string, number>();
  for (const [la, bytes] of order) {
    let t = 0;
    for (let k = 1; k < threads; k++) if (shares[k].bytes < shares[t].bytes) t = k;
    shares[t].bytes += bytes;
    thread.set(la, t);
  }
  for (const f of ssda903) shares[thread.get(f.la)!].ssda903.push(f);
  for (const f of cin) shares[thread.get(f.la)!].cin.push(f);
  return shares;
}

/** Run one share on a worker thread; the reason instead when the worker could not run it (the caller then runs it itself). */
function runOnWorker(share: Share, key: Buffer): Promise<ImportWorkerResult | { failed: string }> {
  return new Promise((resolve) => {
    const data: ImportWorkerData = { ssda903: share.ssda903, cin: share.cin, key: new Uint8Array(key) };
    let worker: Worker;
    try {
      worker = startLibraryWorker(__dirname, "import-worker", { workerData: data });
    } catch (e) {
      resolve({ failed: e instanceof Error ? e.message : String(e) });
      return;
    }
    let result: ImportWorkerResult | { failed: string } = { failed: "the worker exited without a result" };
    worker.on("message", (m: ImportWorkerResult) => (result = m));
    worker.on("error", (e) => (result = { failed: e.message }));
    worker.on("exit", () => resolve(result));
  });
}

/**
 * The default number of worker threads: none for a small folder, else one fewer than the cores (the calling
 * thread works too), at most one per LA beyond the first.
 */
export function defaultReturnsWorkers(ssda903: readonly Ssda903File[], cin: readonly AttributedFile[]): number {
  const bytes = [...ssda903, ...cin].reduce((s, f) => s + fs.statSync(f.path).size, 0);
  const las = new Set([...ssda903, ...cin].map((f) => f.la)).size;
  return bytes < PARALLEL_MIN_BYTES ? 0 : Math.max(0, Math.min(os.availableParallelism() - 1, las - 1));
}

/** Options of {@link importReturnsInParallel} beside those of importReturns. */
export interface ParallelOptions {
  /** Worker threads besides the calling one (default {@link defaultReturnsWorkers}). */
  workers?: number;
  /** Told when a worker could not run its share (the calling thread then runs it: the result is the same, later). */
  onWorkerFailure?: (reason: string) => void;
}

/**
 * Import the returns in `dir` with `workers` worker threads (default {@link defaultReturnsWorkers}); the same
 * result as importReturns.
 * @example
 * const result = await importReturnsInParallel("returns/", { key, workers: 1 });
 */
export async function importReturnsInParallel(dir: string, options: ImportReturnsOptions & ParallelOptions): Promise<ReturnsImport> {
  const log = new ReturnsImportLog();
  const found = discoverReturns(dir, log, { la: options.la, areas: options.areas });
  const workers = options.workers ?? defaultReturnsWorkers(found.ssda903, found.cin);
  const shares = shareLas(found.ssda903, found.cin, workers + 1).filter((s, t) => t === 0 || s.bytes > 0);
  const pending = shares.slice(1).map((s) => runOnWorker(s, options.key));
  const units = computeUnits(shares[0].ssda903, shares[0].cin, options.key);
  const results = await Promise.all(pending);
  results.forEach((r, k) => {
    if ("failed" in r) options.onWorkerFailure?.(r.failed);
    const theirs = "failed" in r ? computeUnits(shares[k + 1].ssda903, shares[k + 1].cin, options.key) : { ssda903: new Map(r.ssda903), cin: new Map(r.cin) };
    for (const [la, u] of theirs.ssda903) units.ssda903.set(la, u);
    for (const [la, u] of theirs.cin) units.cin.set(la, u);
  });
  return completeImport(found, assembleUnits(found.cin, units.ssda903, units.cin, log), options, log);
}
