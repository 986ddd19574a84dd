/**
 * Pseudonymising the respondent ids of a record chunk four at a time (lib/pilot/hmac-sha256-x4.ts) while the
 * tally still reads the rows one by one, in order: when a row brings a new id, the ids that start the next rows
 * (where `respondent_id` is the first column and the chunk has no quotes or carriage returns) are looked up
 * ahead, and the new id is hashed together with the next three distinct ones. Their pseudonyms wait in a short
 * queue keyed by where the id lies in the chunk; a later row takes one only when its own id field covers exactly
 * those bytes of the same chunk, so a pseudonym is always the keyed hash of the very bytes it is used for, as
 * if hashed alone. Anything else (a row that is not where the look-ahead expected, an id over 55 bytes, another
 * chunk) is hashed by the caller one at a time. Only the hashes and byte offsets are kept, never an id.
 */
import { HmacSha256PrefixX4, LANES } from "./hmac-sha256-x4";

/** Called with a batch's pseudonyms (first and second words of lanes 0 … count − 1) once hashed. */
export type AfterHash = (hi: Int32Array, lo: Int32Array, count: number) => void;

const COMMA = 44;
const LF = 10;

/**
 * Pseudonyms of the ids of a chunk's rows, hashed four at a time.
 * @example
 * const batch = PseudonymBatch.create(key); // null without WebAssembly SIMD
 * batch.reset(chunk); // rows of `chunk` start with their respondent id
 * if (batch.take(chunk, idStart, idEnd)) use(batch.hi, batch.lo); // else hash the id alone
 */
export class PseudonymBatch {
  /** First and second 32-bit words of the pseudonym {@link take} found (as HmacSha256Prefix.hi and .lo). */
  hi = 0;
  lo = 0;
  private bytes: Uint8Array | null = null;
  private readonly starts = new Int32Array(LANES);
  private readonly ends = new Int32Array(LANES);
  private readonly his = new Int32Array(LANES);
  private readonly los = new Int32Array(LANES);
  private head = 0;
  private queued = 0;
  /** Fewest bytes seen from the end of a row's id to its line feed (-1: measure again); the look-ahead skips them. */
  private tailBytes = -1;

  private constructor(
    private readonly x4: HmacSha256PrefixX4,
    private readonly afterHash: AfterHash | undefined,
  ) {}

  /**
   * A batch hasher for `key`, or null where WebAssembly SIMD is not available. `afterHash` is called with the
   * pseudonyms of each batch as soon as they are hashed (the tally warms their respondent-table slots with it).
   */
  static create(key: Uint8Array, afterHash?: AfterHash): PseudonymBatch | null {
    const x4 = HmacSha256PrefixX4.create(key);
    return x4 === null ? null : new PseudonymBatch(x4, afterHash);
  }

  /**
   * Start on a new chunk: `bytes` when its rows begin with the respondent id and hold no quote or carriage
   * return (then ids are looked up ahead in it), or null (every {@link take} then declines).
   */
  reset(bytes: Uint8Array | null): void {
    this.bytes = bytes;
    this.head = 0;
    this.queued = 0;
  }

  /**
   * The pseudonym of the id bytes[start, end) of the row being read, into {@link hi} and {@link lo}: from the
   * queue, or hashed now with the next distinct ids ahead. False when the id is not from the chunk given to
   * {@link reset} or is longer than one block takes (the caller hashes it alone).
   */
  take(bytes: Uint8Array, start: number, end: number): boolean {
    if (bytes !== this.bytes || end - start > HmacSha256PrefixX4.MAX_MESSAGE_BYTES) return false;
    while (this.head < this.queued && this.starts[this.head] < start) this.head++;
    if (this.head === this.queued || this.starts[this.head] !== start || this.ends[this.head] !== end) {
      // a row the look-ahead passed over (its skip was too long, or rows were malformed): measure rows again
      if (this.head < this.queued) this.tailBytes = -1;
      this.hashAhead(bytes, start, end);
    }
    this.hi = this.his[this.head];
    this.lo = this.los[this.head];
    this.head++;
    return true;
  }

  /** Queue the id bytes[start, end) and up to three distinct ids that start the following rows; hash them. */
  private hashAhead(bytes: Uint8Array, start: number, end: number): void {
    const x4 = this.x4;
    this.starts[0] = start;
    this.ends[0] = end;
    x4.setMessage(0, bytes, start, end);
    let n = 1;
    let prevStart = start;
    let prevEnd = end;
    let row = end;
    const len = bytes.length;
    while (n < LANES) {
      // the next line feed, skipping the fewest bytes seen after an id (a byte loop: rows are short, a native
      // search per row costs more). Any line feed found ends a real row; one skipped over only costs a cache miss.
      let lf = row + (this.tailBytes < 0 ? 0 : this.tailBytes);
      while (lf < len && bytes[lf] !== LF) lf++;
      if (lf >= len) break;
      if (this.tailBytes < 0 || lf - row < this.tailBytes) this.tailBytes = lf - row;
      const s = lf + 1;
      const e = idFieldEnd(bytes, s);
      if (e < 0) break;
      row = e;
      if (e - s === prevEnd - prevStart && sameRange(bytes, s, prevStart, e - s)) continue;
      this.starts[n] = s;
      this.ends[n] = e;
      x4.setMessage(n, bytes, s, e);
      prevStart = s;
      prevEnd = e;
      n++;
    }
    x4.run();
    for (let lane = 0; lane < n; lane++) {
      this.his[lane] = x4.hi(lane);
      this.los[lane] = x4.lo(lane);
    }
    this.head = 0;
    this.queued = n;
    if (this.afterHash !== undefined) this.afterHash(this.his, this.los, n);
  }
}

/** End of a non-empty first field starting at `s` that a comma closes within one block's length, or -1. */
function idFieldEnd(bytes: Uint8Array, s: number): number {
  const limit = Math.min(bytes.length, s + HmacSha256PrefixX4.MAX_MESSAGE_BYTES + 1);
  let e = s;
  while (e < limit && bytes[e] !== COMMA && bytes[e] !== LF) e++;
  return e > s && e < limit && bytes[e] === COMMA ? e : -1;
}

/** True when bytes[a, a + len) equals bytes[b, b + len). */
function sameRange(bytes: Uint8Array, a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}
