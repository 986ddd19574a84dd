/**
 * Run one reader on one file in a child process with a heap limit and a wall-clock timeout, and report
 * how it ended and its peak resident memory: the way to assert "a clear error or a correct result, within
 * N seconds and M MB" without a runaway input taking the test runner down with it.
 *
 * The child is this file run as a script: `node --require tsx/cjs bounded-read.ts <reader> <file> [sheet…]`.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { readOdsSheets } from "../../lib/data/import/spreadsheet/ods";
import { readXlsxSheets } from "../../lib/data/import/spreadsheet/xlsx";
import { TSX_CHILD_FLAGS } from "./tsx-child";

/** Outcome of a bounded read. */
export interface BoundedReadResult {
  /** "ok" with a summary, a typed error's class name, "crash" (other exception / abort) or "timeout". */
  outcome: "ok" | "DataError" | "DataErrors" | "InputError" | "crash" | "timeout";
  message: string;
  /** Peak resident set size of the child, in MB (NaN when it did not report). */
  maxRssMb: number;
  elapsedMs: number;
}

/** Readers the child can run. */
export type BoundedReader = "ods" | "xlsx";

/**
 * Read `file` with `reader` in a child limited to `heapMb` of V8 heap and `timeoutMs`.
 * @example
 * const r = boundedRead("ods", "/tmp/bomb.ods", { timeoutMs: 10_000, heapMb: 512 });
 */
export function boundedRead(reader: BoundedReader, file: string, opts: { timeoutMs: number; heapMb: number; sheets?: string[] }): BoundedReadResult {
  const started = Date.now();
  const child = spawnSync(
    process.execPath,
    [`--max-old-space-size=${opts.heapMb}`, ...TSX_CHILD_FLAGS, __filename, reader, file, ...(opts.sheets ?? [])],
    { encoding: "utf8", timeout: opts.timeoutMs, cwd: path.resolve(__dirname, "..", "..") },
  );
  const elapsedMs = Date.now() - started;
  if (child.error !== undefined && /ETIMEDOUT/.test(String(child.error))) return { outcome: "timeout", message: "", maxRssMb: NaN, elapsedMs };
  const line = child.stdout.trim().split("\n").pop() ?? "";
  try {
    const r = JSON.parse(line) as Omit<BoundedReadResult, "elapsedMs">;
    return { ...r, elapsedMs };
  } catch {
    return { outcome: "crash", message: `${child.signal ?? child.status}: ${child.stderr.slice(-500)}`, maxRssMb: NaN, elapsedMs };
  }
}

function main(): void {
  const [reader, file, ...sheets] = process.argv.slice(2);
  const bytes = fs.readFileSync(file);
  const wanted = sheets.length > 0 ? sheets : undefined;
  let outcome: BoundedReadResult["outcome"] = "ok";
  let message = "";
  try {
    const out = reader === "ods" ? readOdsSheets(bytes, file, wanted) : readXlsxSheets(bytes, file, wanted);
    message = JSON.stringify(out).slice(0, 2000);
  } catch (err) {
    const name = err instanceof Error ? err.constructor.name : "";
    outcome = name === "DataError" || name === "DataErrors" || name === "InputError" ? name : "crash";
    message = err instanceof Error ? err.message : String(err);
  }
  process.stdout.write(`\n${JSON.stringify({ outcome, message, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

if (require.main === module) main();
