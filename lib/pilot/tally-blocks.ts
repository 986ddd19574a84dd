/**
 * The pilot tally of one thread that reads blocks of the record files (lib/pilot/record-blocks.ts) claimed from a
 * shared counter, in increasing order: a {@link PilotTallyBuilder} whose errors are kept per block (rows counted from
 * the block's start: the calling thread adds the rows of the blocks before) and which notes where each period was
 * first seen, so that the calling thread can put the threads' tallies together as one thread reading everything in
 * order would have made them (lib/pilot/tally-merge.ts).
 */
import * as fs from "node:fs";
import type { InstrumentSet } from "./instruments";
import { blockBounds, readBlockInChunks, type RecordBlock, type RecordBlockPlan } from "./record-blocks";
import { RecordErrors } from "./record-errors";
import { READ_CHUNK_BYTES } from "./read-chunks";
import { PilotTallyBuilder } from "./tally-builder";
import { mergeThreadTallies, type MergedTally, type BlockOutcome, type ThreadTally } from "./tally-merge";

/**
 * A pilot tally of the blocks one thread reads. Ids are always hashed with the respondent key, the same in every
 * thread (a merge needs every respondent as a 64-bit value).
 * @example
 * const b = new BlockTallyBuilder(set, codes, { respondentKey: key, expectedBytes: total });
 * tallyClaimedBlocks(b, plan, { control });
 * b.threadTally().blocks.length // the blocks it claimed
 */
export class BlockTallyBuilder extends PilotTallyBuilder {
  private block = -1;
  private readonly outcomes: BlockOutcome[] = [];
  private readonly periodBlocks: number[] = [];
  private readonly periodRows: number[] = [];

  constructor(instruments: InstrumentSet, areaCodes: readonly string[], options: { respondentKey: Uint8Array; expectedBytes?: number }) {
    super(instruments, areaCodes, options);
  }

  /** Start block `index` of `plan`, which starts at byte `start` of its file. */
  beginBlock(plan: RecordBlockPlan, index: number, start: number): void {
    const block = plan.blocks[index];
    const file = plan.files[block.fileIndex];
    this.beginFile(file.file);
    this.block = index;
    this.errors = new RecordErrors();
    this.byteBase = start;
    if (!block.first) {
      // the header was read when the blocks were planned (its file is cut only when it is valid)
      this.roleOf = Int32Array.from(file.header!.roleOf);
      this.prefixCols = file.header!.prefixCols;
      this.started = true;
    }
  }

  /** The current block has been read: as endFile for its file's last block; notes the block's outcome. */
  endBlock(block: RecordBlock): void {
    const skippedBefore = this.skipFile;
    let cut = false;
    if (block.last && block.first) this.endFile();
    else if (block.last) {
      // the file's rows are in several blocks: the caller sees whether it had none (NO_RECORDS_EXPECTED)
      if (!this.skipFile && this.chunks.pending > 0) this.chunks.end(this.consumeRecords);
    } else cut = this.skipFile || this.chunks.pending > 0;
    this.settleRespondents(); // the block's rows all counted, its messages all listed
    this.outcomes.push({ block: this.block, rows: this.row, problems: [...this.errors.kept], errorTotal: this.errors.total, skipped: skippedBefore || this.skipFile, cut });
  }

  /**
   * This thread's tally so far (plain data; the builder is not to be used after). `withPseudonyms` false: without
   * them (the calling thread's stay in its index: {@link mergeInto}).
   */
  threadTally(withPseudonyms = true): ThreadTally {
    this.settleRespondents();
    const none = new Int32Array(0);
    const { hi, lo, id } = withPseudonyms ? this.respondents.pseudonymWords() : { hi: none, lo: none, id: none };
    return {
      blocks: this.outcomes,
      periods: [...this.periods.list],
      periodBlocks: this.periodBlocks,
      periodRows: this.periodRows,
      counts: this.counts,
      unanswered: this.unanswered,
      pseudonymHi: hi,
      pseudonymLo: lo,
      pseudonymIds: id,
      answered: this.periods.list.map((_, p) => this.answered.bitsOf(p)),
    };
  }

  /**
   * This thread's tally and the workers' `others` as one (lib/pilot/tally-merge.ts); this thread's respondent index
   * takes in theirs. The builder is not to be used after.
   */
  mergeInto(others: readonly ThreadTally[], plan: RecordBlockPlan): MergedTally {
    const lk = this.lk;
    return mergeThreadTallies(this.threadTally(false), this.respondents, others, plan, { items: lk.items, areaCodes: lk.areaCodes, maxResponses: lk.maxResponses });
  }

  /** The block and row where each new period is first seen. */
  protected override widenCounts(): void {
    this.periodBlocks.push(this.block);
    this.periodRows.push(this.row);
    super.widenCounts();
  }
}

/** Which blocks a thread reads: the next not yet taken (`control[0]`, shared), or every `threads`-th from `thread`. */
export type BlockClaims = { control: Int32Array } | { thread: number; threads: number };

/**
 * Read blocks of `plan` into `builder`, in increasing order: each claimed from `claims.control[0]` (Atomics: every
 * thread takes the next block not yet taken) until none is left, or dealt in turn (thread t reads blocks t, t +
 * threads, …: tests then know which thread reads which block).
 * @example tallyClaimedBlocks(builder, plan, { control: new Int32Array(new SharedArrayBuffer(4)) });
 */
export function tallyClaimedBlocks(builder: BlockTallyBuilder, plan: RecordBlockPlan, claims: BlockClaims, chunkBytes = READ_CHUNK_BYTES): void {
  const buffer = new Uint8Array(chunkBytes);
  const fds = new Map<number, number>();
  const next = "control" in claims ? () => Atomics.add(claims.control, 0, 1) : ((k) => () => (k += claims.threads))(claims.thread - claims.threads);
  try {
    for (let k = next(); k < plan.blocks.length; k = next()) {
      const block = plan.blocks[k];
      const { file, size } = plan.files[block.fileIndex];
      let fd = fds.get(block.fileIndex);
      if (fd === undefined) fds.set(block.fileIndex, (fd = fs.openSync(file, "r")));
      const { start, end } = blockBounds(fd, block, size);
      builder.beginBlock(plan, k, start);
      readBlockInChunks(fd, start, end, chunkBytes, buffer, (chunk) => builder.write(chunk));
      builder.endBlock(block);
    }
  } finally {
    for (const fd of fds.values()) fs.closeSync(fd);
  }
}
