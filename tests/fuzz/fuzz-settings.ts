/**
 * Settings and the oracle shared by the property-based fuzz tests (fast-check).
 *
 * - Seed: `VSW_FUZZ_SEED`, else a fixed seed in the normal test run (the same inputs every time) and a
 *   fresh one under `npm run fuzz` (`VSW_FUZZ_LONG=1`). The seed is printed as a test diagnostic, and a
 *   failure's message carries fast-check's `{ seed, path }`, so `VSW_FUZZ_SEED=<seed>` replays it.
 * - Runs: `VSW_FUZZ_RUNS` per property, else each property's small budget (the whole suite ≈ 10 s of
 *   CPU, under a minute on the shared 2-core machine), twenty times that under `npm run fuzz`.
 * - Oracle ({@link expectClearOutcome}): an input ends in a result or a DataError / DataErrors /
 *   InputError; any other exception fails the property, and so do more than {@link MAX_MS_PER_INPUT} ms
 *   of CPU time or a resident set above {@link MAX_RSS_MB} MB after it.
 */
import fc from "fast-check";
import { DataError, DataErrors, InputError } from "../../lib/errors";

/** The seed used in the normal run (any fixed value; the long run draws a fresh one). */
const DEFAULT_SEED = 20261204;
/** Time bound per input of the issue ("a few seconds"). */
export const MAX_MS_PER_INPUT = 3000;
/** Memory bound of the issue. */
export const MAX_RSS_MB = 512;

/** How many times each property's normal budget `npm run fuzz` runs when VSW_FUZZ_RUNS is not set. */
const LONG_RUN_FACTOR = 20;

/** The seed of this run. */
export const FUZZ_SEED: number =
  process.env.VSW_FUZZ_SEED !== undefined ? Number(process.env.VSW_FUZZ_SEED) : process.env.VSW_FUZZ_LONG === "1" ? Date.now() % 2 ** 31 : DEFAULT_SEED;

/**
 * fast-check parameters for a property whose normal-run budget is `runs` inputs.
 * @example
 * fc.assert(fc.property(fc.string(), (s) => …), fuzzParams(100));
 */
export function fuzzParams(runs: number): fc.Parameters<unknown> {
  const n = process.env.VSW_FUZZ_RUNS !== undefined ? Number(process.env.VSW_FUZZ_RUNS) : process.env.VSW_FUZZ_LONG === "1" ? runs * LONG_RUN_FACTOR : runs;
  return { seed: FUZZ_SEED, numRuns: n, endOnFailure: true };
}

/** A message for the test log: how to replay this run. */
export function seedNote(): string {
  return `fuzz seed ${FUZZ_SEED} (replay: VSW_FUZZ_SEED=${FUZZ_SEED}; runs: VSW_FUZZ_RUNS)`;
}

function isClear(e: unknown): boolean {
  return e instanceof DataError || e instanceof DataErrors || e instanceof InputError;
}

/** CPU time (user + system) of this process, in ms: unlike wall-clock time, it does not grow when the shared machine is busy. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function checkBounds(started: number, what: string, maxMs: number): void {
  const ms = Math.round(cpuMs() - started);
  if (ms > maxMs) throw new Error(`${what}: took ${ms} ms of CPU (> ${maxMs} ms per input)`);
  const rss = process.memoryUsage().rss / 2 ** 20;
  if (rss > MAX_RSS_MB) throw new Error(`${what}: resident set ${rss.toFixed(0)} MB (> ${MAX_RSS_MB} MB)`);
}

/**
 * Run `read` on one input: return its result (or undefined when it threw a clear error); rethrow any other
 * exception; fail when the time or memory bound is exceeded.
 * @example
 * expectClearOutcome("parseCsv", () => parseCsv(text, "x.csv"));
 */
export function expectClearOutcome<T>(what: string, read: () => T, maxMs = MAX_MS_PER_INPUT): T | undefined {
  const started = cpuMs();
  let out: T | undefined;
  try {
    out = read();
  } catch (e) {
    if (!isClear(e)) throw e;
  }
  checkBounds(started, what, maxMs);
  return out;
}

/** {@link expectClearOutcome} for an async reader. */
export async function expectClearOutcomeAsync<T>(what: string, read: () => Promise<T>, maxMs = MAX_MS_PER_INPUT): Promise<T | undefined> {
  const started = cpuMs();
  let out: T | undefined;
  try {
    out = await read();
  } catch (e) {
    if (!isClear(e)) throw e;
  }
  checkBounds(started, what, maxMs);
  return out;
}

/** Cell texts that have broken readers: overflow, symbols, prototype keys, quotes, controls, BOMs. */
export const HOSTILE_CELLS: readonly string[] = [
  "", " ", "0", "-0", "-1", "2.5", "1e309", "-1e400", "1e-400", "NaN", "Infinity", "-Infinity", "9007199254740993",
  "99999999999999999999999", "0x10", "1_000", "12%", "c", "x", "z", "low", "k", "u", ":", ".", "-", "n/a", "NA",
  "constructor", "__proto__", "toString", "hasOwnProperty", '"', '""', "a,b", "\r", "\n", "\u0000", "\ufeff",
  "\u00e9", "\ud800", "<", "&amp;", "&#0;", "]]>", "=1+1", "\u001b[31m",
];

/** A hostile cell: one of {@link HOSTILE_CELLS}, a random string or a random number's text. */
export const hostileCell: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_CELLS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
  { weight: 2, arbitrary: fc.double().map(String) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 1000 }).map(String) },
);

/** Quote a cell the way a CSV writer would, or (sometimes) not at all, to make malformed CSV too. */
export function csvCell(cell: string, raw: boolean): string {
  if (raw) return cell;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Hostile CSV text built on a real header: columns dropped, duplicated or renamed, rows of hostile cells,
 * some rows truncated or repeated, optionally cut at a random point or with random bytes appended.
 */
export function hostileCsv(header: readonly string[], extra: readonly string[] = []): fc.Arbitrary<string> {
  const names = [...header, ...extra, "value", ""];
  return fc
    .record({
      cols: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...header) }, { weight: 1, arbitrary: fc.constantFrom(...names) }), { minLength: 1, maxLength: header.length + 3 }),
      keepAll: fc.boolean(),
      rows: fc.array(fc.array(hostileCell, { minLength: 0, maxLength: header.length + 4 }), { maxLength: 12 }),
      raw: fc.boolean(),
      repeat: fc.nat({ max: 200 }),
      cut: fc.option(fc.nat()),
      tail: fc.option(fc.string({ unit: "binary", maxLength: 20 })),
    })
    .map(({ cols, keepAll, rows, raw, repeat, cut, tail }) => {
      const head = keepAll ? [...header, ...cols.slice(header.length)] : cols;
      const lines = [head.map((h) => csvCell(h, false)).join(",")];
      for (const r of rows) {
        const cells = keepAll ? head.map((_, k) => r[k % Math.max(1, r.length)] ?? "") : r;
        lines.push(cells.map((c) => csvCell(c, raw)).join(","));
      }
      if (rows.length > 0 && repeat > 0) for (let k = 0; k < repeat; k++) lines.push(lines[lines.length - 1]);
      let text = lines.join("\n") + "\n";
      if (cut !== null) text = text.slice(0, cut % (text.length + 1));
      if (tail !== null) text += tail;
      return text;
    });
}
