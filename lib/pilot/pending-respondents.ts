/**
 * New respondents of the pilot tally waiting to be given their dense ids, 32 at a time, with the rows that wait
 * for them. Each new respondent's 64-bit value probes a random slot of the respondent index (a cache miss for most of
 * the third of a million new respondents of a million records): looked up one at a time, as each row comes, the
 * misses follow one another; looked up together ({@link RespondentIndex.internPseudonyms}), the processor overlaps
 * them. Until then a row keeps what it needs to be counted (period, item, count cell, row number) and is counted
 * when its respondent's id is known, every row in the order read: dense ids, counts, and every message are those of
 * counting each row at once.
 */
import type { RespondentIndex } from "./respondent-index";

/** New respondents looked up together. */
const MAX_PENDING_RESPONDENTS = 32;
/** Rows waiting at most (a respondent's many rows, or rows after a new one): then the respondents are looked up. */
const MAX_WAITING_ROWS = 512;
/** Words kept per waiting row: respondent (dense id, or a pending one: {@link PendingRespondents.add}), period index, item, cell, row. */
const ROW_WORDS = 5;
/** {@link ROW_WORDS}, for the code that reads the waiting rows (a module's own constant is read as a constant, an export through its module). */
export const WAITING_ROW_WORDS = ROW_WORDS;

/**
 * New respondents' 64-bit values and the rows waiting for them.
 * @example
 * const pending = new PendingRespondents();
 * const ref = pending.add(hi, lo); // < -1: stands for the respondent until resolve
 * pending.wait(ref, 0, 3, 17, 2);
 * pending.resolve(index); pending.idOf(ref) // its dense id
 */
export class PendingRespondents {
  /** Respondents pending (their values in hi/lo, their dense ids in ids after resolve). */
  count = 0;
  /** Rows waiting. */
  rowCount = 0;
  readonly rows = new Int32Array(MAX_WAITING_ROWS * ROW_WORDS);
  private readonly hi = new Int32Array(MAX_PENDING_RESPONDENTS);
  private readonly lo = new Int32Array(MAX_PENDING_RESPONDENTS);
  private readonly ids = new Int32Array(MAX_PENDING_RESPONDENTS);

  /** True when no other respondent or row can wait: resolve first. */
  get full(): boolean {
    return this.count === MAX_PENDING_RESPONDENTS || this.rowCount === MAX_WAITING_ROWS;
  }

  /** Queue the respondent with 64-bit value (hi, lo) (not when full); returns its reference, -2 − its place (< -1, never a dense id). */
  add(hi: number, lo: number): number {
    const k = this.count++;
    this.hi[k] = hi;
    this.lo[k] = lo;
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

  /** Give the pending respondents their dense ids in `index`, in the order they were added. */
  resolve(index: RespondentIndex): void {
    index.internPseudonyms(this.hi, this.lo, this.count, this.ids);
  }

  /** Dense id of `ref`: itself when ≥ 0, else the id resolve gave it. */
  idOf(ref: number): number {
    return ref >= 0 ? ref : this.ids[-2 - ref];
  }

  /** Forget the respondents and rows (after resolve and counting the rows). */
  clear(): void {
    this.count = 0;
    this.rowCount = 0;
  }
}
