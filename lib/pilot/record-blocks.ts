/**
 * Record files cut into parts ("blocks") that threads can read apart (lib/pilot/tally-parallel.ts). A block is
 * planned by byte positions only; where it really starts and ends is found by each thread the same way from the
 * bytes: after the first line feed at or after its nominal start (block 0 of a file: at the file's start, header
 * included), through the first line feed at or after its nominal end (the file's last block: to its end). So
 * consecutive blocks meet exactly, whichever thread reads them.
 *
 * A line feed is not always a record's end: a quoted field may hold one (RFC 4180). Nothing here decides that; the
 * tally of a block says whether it ended at a record's end (lib/pilot/tally-blocks.ts, `cut`), and when one did not,
 * the caller reads everything again on one thread.
 *
 * A block is read on the grid of chunks a whole file is read on (lib/pilot/read-chunks.ts, chunkEndAfter: the first
 * read of FIRST_READ_BYTES, then chunkBytes each): the chunks of a block are those of the whole file, cut at the block's
 * ends, so that every message that quotes a chunk (a record too long: tooLongRecord) is the one the whole file gives.
 */
import * as fs from "node:fs";
import { readFileHead } from "../data/file-head";
import { chunkEndAfter } from "./read-chunks";
import { readRecordHeader } from "./record-header";
import { readableRecords } from "./record-errors";
import { MAX_RECORD_BYTES } from "./tally-builder";

const LF = 10;
/** Bytes read at a time while looking for a line feed. */
const LINE_END_SEARCH_BYTES = 1 << 12;

/** A record file of a plan: its size and, when it is cut into blocks, its header's column roles. */
export interface RecordFilePlan {
  file: string;
  size: number;
  /** The header of a file cut into blocks (every block after the first reads its rows with it), else null. */
  header: { roleOf: number[]; prefixCols: number } | null;
}

/** One block: bytes of a file from about `from` to about `to` (see the module's comment). */
export interface RecordBlock {
  fileIndex: number;
  from: number;
  to: number;
  /** The file's first block (it reads the header) and its last (it reads to the end of the file). */
  first: boolean;
  last: boolean;
}

/** The record files and their blocks, in file order (a file's blocks are consecutive). */
export interface RecordBlockPlan {
  files: RecordFilePlan[];
  blocks: RecordBlock[];
}

/**
 * Plan the blocks of `files` (of sizes `sizes`): a file is cut every `blockBytes` bytes when its header is complete
 * and valid within its first block; any other file is one block (its header problems are then found when it is read,
 * as on one thread). Each file is opened in order, so the first that cannot be read is named as on one thread.
 * @throws DataErrors naming a file that cannot be opened or read, with the reason
 * @example
 * planRecordBlocks(["records.csv"], [64_833_392], 4 << 20).blocks.length // 16
 */
export function planRecordBlocks(files: readonly string[], sizes: readonly number[], blockBytes: number): RecordBlockPlan {
  const plan: RecordBlockPlan = { files: [], blocks: [] };
  files.forEach((file, fileIndex) => {
    const size = sizes[fileIndex];
    const head = readableRecords(file, "file", () => readFileHead(file, Math.min(blockBytes, MAX_RECORD_BYTES)));
    let problems = 0;
    const header = readRecordHeader(head, head.length === size, file, () => problems++);
    const cut = header !== null && header.ok && problems === 0 && header.end < blockBytes && size > blockBytes;
    plan.files.push({ file, size, header: cut ? { roleOf: [...header.roleOf], prefixCols: header.prefixCols } : null });
    const n = cut ? Math.ceil(size / blockBytes) : 1;
    for (let k = 0; k < n; k++) {
      plan.blocks.push({ fileIndex, from: k * blockBytes, to: k === n - 1 ? size : (k + 1) * blockBytes, first: k === 0, last: k === n - 1 });
    }
  });
  return plan;
}

/** Where block `block` of a file of `size` bytes really starts and ends (see the module's comment), read through `fd`. */
export function blockBounds(fd: number, block: RecordBlock, size: number): { start: number; end: number } {
  return { start: block.first ? 0 : afterLineEnd(fd, block.from, size), end: block.last ? size : afterLineEnd(fd, block.to, size) };
}

/** The position after the first line feed at or after `pos`, or `size` when there is none. */
function afterLineEnd(fd: number, pos: number, size: number): number {
  const window = new Uint8Array(LINE_END_SEARCH_BYTES);
  while (pos < size) {
    const n = fs.readSync(fd, window, 0, Math.min(window.length, size - pos), pos);
    if (n === 0) return size;
    const lf = window.subarray(0, n).indexOf(LF);
    if (lf >= 0) return pos + lf + 1;
    pos += n;
  }
  return size;
}

/**
 * Read bytes [start, end) of `fd` in the whole file's chunks ({@link chunkEndAfter}), cut at `start` and `end`, into
 * `buffer` (at least chunkBytes long), calling `onChunk` with each (valid during the call only).
 */
export function readBlockInChunks(fd: number, start: number, end: number, chunkBytes: number, buffer: Uint8Array, onChunk: (chunk: Uint8Array) => void): void {
  let pos = start;
  while (pos < end) {
    const n = fs.readSync(fd, buffer, 0, Math.min(end, chunkEndAfter(pos, chunkBytes)) - pos, pos);
    if (n === 0) break;
    onChunk(buffer.subarray(0, n));
    pos += n;
  }
}
