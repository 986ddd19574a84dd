/**
 * New respondents of the pilot tally waiting to be given their dense ids, 32 at a time, with the rows that wait
 * for them. Their raw ids are copied into a {@link SipHash24Batch} and hashed together (WebAssembly, one call per 32).
 * Each new respondent's 64-bit value probes a random slot of the respondent index (a cache miss for most of
 * the third of a million new respondents of a million records): looked up one at a time, as each row comes, the
 * misses follow one another; looked up together ({@link RespondentIndex.internPseudonyms}), the processor overlaps
 * them. Until then a row keeps what it needs to be counted (period, item, count cell, row number) and is counted
 * when its respondent's id is known, every row in the order read: dense ids, counts, and every message are those of
 * counting each row at once.
 */
import type { RespondentIndex } from "./respondent-index";
import { SIPHASH_BATCH, SipHash24Batch } from "./siphash-batch";

/** New respondents looked up together (as many as one call of the hash takes). */
const MAX_PENDING_RESPONDENTS = SIPHASH_BATCH;
/** Rows waiting at most (a respondent's many rows, or rows after a new one): then the respondents are looked up. */
const MAX_WAITING_ROWS = 512;
/** Words kept per waiting row: respondent (dense id, or a pending one: {@link PendingRespondents.add}), period index, item, cell, row. */
const ROW_WORDS = 5;
/** {@link ROW_WORDS}, for the code that reads the waiting rows (a module's own constant is read as a constant, an export through its module). */
export const WAITING_ROW_WORDS = ROW_WORDS;

/**
 * New respondents' ids and the rows waiting for them.
 * @example
 * const pending = new PendingRespondents(key);
 * const ref = pending.add(bytes, start, end); // < -1: stands for the respondent until resolve
 * pending.wait(ref, 0, 3, 17, 2);
 * pending.resolve(index); pending.idOf(ref) // its dense id
 */
export class PendingRespondents {
  /** Respondents pending (their ids in the hash's batch, their dense ids in ids after resolve). */
  count = 0;
  /** Rows waiting. */
  rowCount = 0;
  readonly rows = new Int32Array(MAX_WAITING_ROWS * ROW_WORDS);
  private readonly ids = new Int32Array(MAX_PENDING_RESPONDENTS);
  private readonly hashes: SipHash24Batch;

  /** @param key the SipHash key that tells respondents apart (16 bytes) */
  constructor(key: Uint8Array) {
    this.hashes = new SipHash24Batch(key);
  }

  /** True when no other respondent or row can wait: resolve first. */
  get full(): boolean {
    return this.count === MAX_PENDING_RESPONDENTS || this.rowCount === MAX_WAITING_ROWS;
  }

  /** True when a respondent whose id has `bytes` bytes can wait (else resolve first). */
  fits(bytes: number): boolean {
    return !this.full && this.hashes.fits(bytes);
  }

  /**
   * Queue the respondent with id bytes[start, end) (not when full; `view`: a DataView of `bytes`, or null); returns its
   * reference, -2 − its place (< -1, never a dense id).
   */
  add(bytes: Uint8Array, start: number, end: number, view: DataView | null = null): number {
    const k = this.count++;
    this.hashes.add(bytes, start, end, view);
    return -2 - k;
  }

  /** Queue a row of respondent `ref` (a dense id or a reference from add) to be counted in that order (not when full). */
  wait(ref: number, p: number, it: number, cell: number, row: number): void {
    const w = this.rowCount++ * ROW_WORDS;
    const rows = this.rows;
    rows[w] = ref;
    rows[w + 1] = p;
    rows[w + 2] = it;
    rows[w + 3] = cell;
    rows[w + 4] = row;
  }

  /** Give the pending respondents their dense ids in `index` (the SipHash of their ids), in the order they were added. */
  resolve(index: RespondentIndex): void {
    const h = this.hashes;
    h.hashAll();
    index.internPseudonyms(h.hi, h.lo, this.count, this.ids);
  }

  /** Dense id of `ref`: itself when ≥ 0, else the id resolve gave it. */
  idOf(ref: number): number {
    return ref >= 0 ? ref : this.ids[-2 - ref];
  }

  /** Forget the respondents (their ids' bytes zeroed) and rows (after resolve and counting the rows). */
  clear(): void {
    this.count = 0;
    this.rowCount = 0;
    this.hashes.clear();
  }
}
