/**
 * The tallies of the threads that read the blocks of the record files (lib/pilot/tally-blocks.ts) put together into
 * the tally one thread reading the files in order gives — the same counts, periods in the same order, the same
 * number of respondents and the same errors in the same order — or, when only reading in order can settle it, the
 * reason to do so ({@link MergedTally} `redo`):
 *
 * - a block before its file's last that did not end at a record's end (a quoted field holding a line feed across
 *   the cut, a record longer than MAX_RECORD_BYTES) or in which its file was refused (a CR alone): the blocks after
 *   it were read from a wrong start, or should not have been read;
 * - more than MAX_PERIODS periods in all (which rows are refused depends on the order of all rows);
 * - a respondent with an answer to the same item in the same period in blocks read by two threads (which of the two
 *   records is counted, and which reported, depends on their order).
 *
 * Otherwise: counts add (period by period, each thread's periods mapped to the periods' order of first appearance,
 * by block and row); respondents are the union of the threads' 64-bit hashes of their ids; a thread's errors are its blocks',
 * each block's rows offset by the rows of its file's blocks before it, listed in block order up to
 * MAX_REPORTED_ERRORS, and every one counted.
 */
import { AnsweredItems } from "./answered-items";
import type { RecordBlockPlan } from "./record-blocks";
import { NO_RECORDS_EXPECTED, RecordErrors, type RecordProblem } from "./record-errors";
import { MAX_PERIODS } from "./records";
import type { RespondentIndex } from "./respondent-index";
import type { PilotTally } from "./tally-types";

/** What reading one block gave beside the counts. */
export interface BlockOutcome {
  block: number;
  /** Records read (rows after the header). */
  rows: number;
  /** Its problems (the first MAX_REPORTED_ERRORS), rows counted from the block's start, and how many in all. */
  problems: RecordProblem[];
  errorTotal: number;
  /** The file was refused from a point of this block on (a record too long, a CR alone): its later blocks do not count. */
  skipped: boolean;
  /** A block before its file's last did not end at a record's end, or its file was refused in it: blocks are no help. */
  cut: boolean;
}

/** One thread's tally of the blocks it read (plain data: posted from a worker to the calling thread). */
export interface ThreadTally {
  blocks: BlockOutcome[];
  /** Periods in order of first appearance in this thread, each with the block and row of that first appearance. */
  periods: number[];
  periodBlocks: number[];
  periodRows: number[];
  /** Counts by this thread's period indices (laid out as PilotTally's). */
  counts: Float64Array;
  unanswered: Float64Array;
  /**
   * The 64-bit value (hi, lo: the keyed hash of its id, lib/pilot/siphash.ts) and dense id of each of this thread's
   * respondents (RespondentIndex.pseudonymWords).
   */
  pseudonymHi: Int32Array;
  pseudonymLo: Int32Array;
  pseudonymIds: Int32Array;
  /** Answered (respondent, item) bits per period index (lib/pilot/answered-items.ts). */
  answered: (Uint8Array | undefined)[];
}

/** The merged tally, or why the records must be read again on one thread. */
export type MergedTally = { tally: PilotTally; redo?: undefined } | { redo: string };

/** What a tally is made of beside the counts (the calling thread's lookups). */
export type TallyShape = Pick<PilotTally, "items" | "areaCodes" | "maxResponses">;

/**
 * Merge `own` (the calling thread's tally; its respondents are those of `index`) and `others` (the workers').
 * `index` gets the other threads' respondents too.
 * @throws DataErrors with every invalid row (as tallyPilotRecords), when no reason to read again was found
 * @example
 * const merged = mergeThreadTallies(own, index, [theirs], plan, shape);
 * if (merged.redo === undefined) merged.tally.records;
 */
export function mergeThreadTallies(own: ThreadTally, index: RespondentIndex, others: readonly ThreadTally[], plan: RecordBlockPlan, shape: TallyShape): MergedTally {
  const all = [own, ...others];
  const outcomes = blockOutcomes(all, plan);
  if (typeof outcomes === "string") return { redo: outcomes };
  const periods = periodOrder(all);
  if (periods.length > MAX_PERIODS) return { redo: `more than ${MAX_PERIODS} periods` };
  const periodIndex = new Map(periods.map((year, p) => [year, p]));
  const global = all.map((t) => t.periods.map((year) => periodIndex.get(year)!));
  const clash = unionOfRespondents(all, global, index, shape.items.length);
  if (clash !== null) return { redo: clash };
  const errors = new RecordErrors();
  let records = 0;
  let fileRows = 0;
  plan.blocks.forEach((block, k) => {
    if (block.first) fileRows = 0;
    const o = outcomes[k];
    errors.append(o.problems, o.errorTotal, fileRows);
    fileRows += o.rows;
    records += o.rows;
    if (block.last && !block.first && fileRows === 0 && !o.skipped) errors.add({ file: plan.files[block.fileIndex].file, row: 1, expected: NO_RECORDS_EXPECTED });
  });
  errors.throwIfAny("tallyPilotRecords: invalid pilot records");
  const groupsPerPeriod = shape.areaCodes.length * shape.items.length;
  const counts = new Float64Array(periods.length * groupsPerPeriod * shape.maxResponses);
  const unanswered = new Float64Array(periods.length * groupsPerPeriod);
  all.forEach((t, i) =>
    global[i].forEach((gp, p) => {
      addSlab(counts, gp, t.counts, p, groupsPerPeriod * shape.maxResponses);
      addSlab(unanswered, gp, t.unanswered, p, groupsPerPeriod);
    }),
  );
  return { tally: { items: shape.items, areaCodes: shape.areaCodes, periods, maxResponses: shape.maxResponses, counts, unanswered, records, respondents: index.size } };
}

/** Each block's outcome by block index, or the reason the blocks are no help. */
function blockOutcomes(all: readonly ThreadTally[], plan: RecordBlockPlan): BlockOutcome[] | string {
  const outcomes: BlockOutcome[] = new Array(plan.blocks.length);
  for (const t of all) for (const o of t.blocks) outcomes[o.block] = o;
  for (let k = 0; k < plan.blocks.length; k++) {
    const file = plan.files[plan.blocks[k].fileIndex].file;
    if (outcomes[k] === undefined) return `block ${k} of ${file} was not read`;
    if (!plan.blocks[k].last && outcomes[k].cut) return `block ${k} of ${file} did not end at a record's end, or the file was refused in it`;
  }
  return outcomes;
}

/** Every thread's periods in the order one thread reading all blocks in order meets them (by block, then row). */
function periodOrder(all: readonly ThreadTally[]): number[] {
  const first = new Map<number, { block: number; row: number }>();
  for (const t of all) {
    t.periods.forEach((year, i) => {
      const seen = first.get(year);
      const block = t.periodBlocks[i], row = t.periodRows[i];
      if (seen === undefined || block < seen.block || (block === seen.block && row < seen.row)) first.set(year, { block, row });
    });
  }
  return [...first].sort((a, b) => a[1].block - b[1].block || a[1].row - b[1].row).map(([year]) => year);
}

/**
 * Add the other threads' respondents to `index` and their answers to those of `all[0]`'s, by period (`global[t][p]`:
 * the merged index of thread t's period p); the reason to read again when one respondent answered the same item in
 * the same period in two threads, else null. Only a respondent already in `index` can clash; the answers of a new one
 * are kept only for the threads still to come.
 */
function unionOfRespondents(all: readonly ThreadTally[], global: number[][], index: RespondentIndex, items: number): string | null {
  const answered = new AnsweredItems(items);
  all[0].answered.forEach((bits, p) => bits && answered.adopt(global[0][p], bits));
  for (let t = 1; t < all.length; t++) {
    const { pseudonymHi: hi, pseudonymLo: lo, pseudonymIds: ids, answered: bitsByPeriod } = all[t];
    const known = index.size;
    const last = t === all.length - 1;
    // in slot order (fast) only into a table that will not double on the way (see RespondentIndex.reserve)
    index.reserve(known + hi.length);
    for (let k = 0; k < hi.length; k++) {
      const u = index.internPseudonym(hi[k], lo[k]);
      if (last && u >= known) continue;
      const r = ids[k];
      for (let p = 0; p < bitsByPeriod.length; p++) {
        const bits = bitsByPeriod[p];
        for (let it = 0, bit = r * items; it < items; it++, bit++) {
          if (bits === undefined || bit >>> 3 >= bits.length || (bits[bit >>> 3] & (1 << (bit & 7))) === 0) continue;
          if (!answered.mark(global[t][p], u, it)) return "a respondent answered the same item in the same period in blocks read by two threads";
        }
      }
    }
  }
  return null;
}

/** Add period `p`'s slab of `from` (`size` values) to period `gp`'s of `into`. */
function addSlab(into: Float64Array, gp: number, from: Float64Array, p: number, size: number): void {
  const at = gp * size, src = p * size;
  for (let i = 0; i < size; i++) into[at + i] += from[src + i];
}
