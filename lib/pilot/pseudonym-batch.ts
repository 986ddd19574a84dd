/**
 * Pseudonymising respondent ids four at a time (lib/pilot/hmac-sha256-x4.ts) while the tally reads its rows one
 * by one, in order: a row that brings a new id queues the id's bytes in a free lane (they are copied there at
 * once, so the chunk may change) and is itself put aside ({@link DeferredRows}); when the four lanes are taken,
 * the ids are hashed together, given their dense respondent ids in queue order (the order in which they first
 * appeared, as when each is hashed alone on its row), and the rows put aside are counted, in order. The rows are
 * scanned once: nothing looks ahead in the bytes. Only the hashes are kept, never an id.
 */
import { ONE_BLOCK_MESSAGE_MAX_BYTES } from "./hmac-sha256";
import { HmacSha256PrefixX4, LANES } from "./hmac-sha256-x4";
import type { RespondentIndex } from "./respondent-index";

/**
 * Longest id a lane takes (longer ones are hashed alone by the caller): one SHA-256 block. A module constant, not
 * only a static, because hot code reads it per row: a static field of a class is read through V8's generic
 * property-load stub (Builtins_LoadIC in a perf profile of the tally), a constant is inlined.
 */
export const MAX_QUEUED_ID_BYTES = ONE_BLOCK_MESSAGE_MAX_BYTES;
/** LANES as this module's constant: the re-exported binding is read through a getter (V8's generic LoadIC, per new id). */
const LANE_COUNT = LANES;

/**
 * The code of a respondent whose id waits in `lane` (not hashed yet): −2 − lane, below every dense id (≥ 0)
 * and below −1 (the tally's "no respondent").
 */
export function laneCode(lane: number): number {
  return -2 - lane;
}

/**
 * Up to four queued respondent ids, hashed together into dense respondent ids.
 * @example
 * const batch = PseudonymBatch.create(key, respondents); // null without WebAssembly SIMD
 * const code = batch.queue(bytes, idStart, idEnd); // laneCode(0)
 * batch.hashQueued();
 * batch.ridOf(code) // the dense id of HMAC(key, id), as respondents.internPseudonym gives it
 */
export class PseudonymBatch {
  /** Ids queued (lanes 0 … queued − 1 hold them). */
  queued = 0;
  /** Dense respondent id of each lane after {@link hashQueued} (until ids are queued again). */
  private readonly rids = new Int32Array(LANES);
  private readonly his = new Int32Array(LANES);
  private readonly los = new Int32Array(LANES);
  /** What warming the respondent table read: nothing uses it; it is kept (and public) only so that the reads stay. */
  warmed = 0;

  private constructor(
    private readonly x4: HmacSha256PrefixX4,
    private readonly respondents: RespondentIndex,
  ) {}

  /** A batch hasher for `key` interning into `respondents`, or null where WebAssembly SIMD is not available. */
  static create(key: Uint8Array, respondents: RespondentIndex): PseudonymBatch | null {
    const x4 = HmacSha256PrefixX4.create(key);
    return x4 === null ? null : new PseudonymBatch(x4, respondents);
  }

  /** True when every lane holds an id (hash them before queueing another). */
  get full(): boolean {
    return this.queued === LANE_COUNT;
  }

  /**
   * Copy the id bytes[start, end) (at most {@link MAX_QUEUED_ID_BYTES} bytes) into the next free lane; returns its
   * {@link laneCode}. The lanes must not be {@link full}.
   */
  queue(bytes: Uint8Array, start: number, end: number): number {
    const lane = this.queued++;
    this.x4.setMessage(lane, bytes, start, end);
    return laneCode(lane);
  }

  /**
   * Hash the queued ids and give each its dense respondent id, in queue order; the lanes are then free.
   * The respondent table's slots of all of them are read first, one right after another, so that their cache
   * misses overlap (see RespondentIndex.warmSlots).
   */
  hashQueued(): void {
    const n = this.queued;
    const x4 = this.x4;
    x4.run();
    for (let lane = 0; lane < n; lane++) {
      this.his[lane] = x4.hi(lane);
      this.los[lane] = x4.lo(lane);
    }
    this.warmed ^= this.respondents.warmSlots(this.his, this.los, n);
    for (let lane = 0; lane < n; lane++) this.rids[lane] = this.respondents.internPseudonym(this.his[lane], this.los[lane]);
    this.queued = 0;
  }

  /** The dense id of `code`: itself when ≥ 0, else the lane's id as of the last {@link hashQueued}. */
  ridOf(code: number): number {
    return code >= 0 ? code : this.rids[-2 - code];
  }
}

/** Int32 fields per row put aside: respondent code, period index, item, group, response, row number. */
export const DEFERRED_ROW_FIELDS = 6;

/**
 * Rows put aside until their respondent's pseudonym is known: what counting each still needs (respondent code,
 * period index, item, group, response index or −1 for blank, row number for messages), in row order.
 * @example
 * const rows = new DeferredRows();
 * rows.push(laneCode(0), 0, 3, 42, 1, 17);
 * rows.data[0] // laneCode(0)
 */
export class DeferredRows {
  /** The rows, {@link DEFERRED_ROW_FIELDS} values each. */
  data = new Int32Array(DEFERRED_ROW_FIELDS * 1024);
  /** Rows held. */
  length = 0;

  push(who: number, period: number, item: number, group: number, response: number, row: number): void {
    let at = this.length * DEFERRED_ROW_FIELDS;
    if (at + DEFERRED_ROW_FIELDS > this.data.length) {
      const grown = new Int32Array(2 * this.data.length);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    d[at++] = who;
    d[at++] = period;
    d[at++] = item;
    d[at++] = group;
    d[at++] = response;
    d[at] = row;
    this.length++;
  }
}
