/**
 * Worker thread of lib/pilot/tally-parallel: reads the blocks of the record files it claims and posts its tally back
 * (counts, the respondents' 64-bit hashes, answered-item bits, errors that never show an id). Raw ids stay inside this
 * thread.
 */
import { parentPort } from "node:worker_threads";
import { BlockTallyBuilder, tallyClaimedBlocks } from "./tally-blocks";
import type { PilotWorkerData } from "./tally-parallel";

/** Read the blocks this worker claims and post its tally; then let the thread end. */
function tallyPart(data: PilotWorkerData): void {
  const builder = new BlockTallyBuilder(data.instruments, data.areaCodes, { respondentKey: data.respondentKey, expectedBytes: data.expectedBytes });
  tallyClaimedBlocks(builder, data.plan, data.claims, data.chunkBytes);
  const tally = builder.threadTally();
  const transfer = [tally.counts.buffer, tally.unanswered.buffer, tally.pseudonymHi.buffer, tally.pseudonymLo.buffer, tally.pseudonymIds.buffer, ...tally.answered.flatMap((bits) => (bits ? [bits.buffer] : []))];
  parentPort!.postMessage(tally, transfer as ArrayBuffer[]);
}

// started ahead (lib/pilot/tally-parallel.ts PilotWorker): the part comes by message
parentPort!.once("message", tallyPart);
