/**
 * Pseudonyms written into an output buffer four ids at a time (lib/pilot/hmac-sha256-x4.ts): a row with a new raw
 * id queues the id's bytes in a free lane and has the pseudonym's place in the buffer reserved; when the four lanes
 * are taken, or before the buffer's bytes are used, the ids are hashed and each pseudonym written into every place
 * reserved for it. Ids over one block's length, or without WebAssembly SIMD, are hashed at once, one at a time.
 * Every pseudonym is the keyed hash of the very bytes it stands for, as if hashed alone; no raw id is kept beyond
 * the previous row's (to recognise the same respondent's next rows).
 */
import { HmacSha256Prefix, ONE_BLOCK_MESSAGE_MAX_BYTES } from "./hmac-sha256";
import { HmacSha256PrefixX4, LANES } from "./hmac-sha256-x4";
import { PSEUDONYM_HEX_DIGITS, PSEUDONYM_PREFIX } from "./pseudonymise";

const HEX_DIGITS = Buffer.from("0123456789abcdef", "ascii");
const PREFIX_BYTES = Buffer.from(PSEUDONYM_PREFIX, "ascii");
/** Bytes of a pseudonym as written: `ps_` and its hex digits. */
export const PSEUDONYM_BYTES = PREFIX_BYTES.length + PSEUDONYM_HEX_DIGITS;
/** previousLane when the previous id's pseudonym is known (in previousBytes). */
const NO_LANE = -1;
/** LANES as this module's constant: the re-exported binding is read through a getter (V8's generic LoadIC, per new id). */
const LANE_COUNT = LANES;

/** Write `ps_` and the first PSEUDONYM_HEX_DIGITS hex digits of the 64-bit hash (hi, lo) at target[at…]. */
function writePseudonym(target: Uint8Array, at: number, hi: number, lo: number): void {
  target.set(PREFIX_BYTES, at);
  at += PREFIX_BYTES.length;
  for (let d = 0; d < PSEUDONYM_HEX_DIGITS; d++) {
    const word = d < 8 ? hi : lo;
    target[at + d] = HEX_DIGITS[(word >>> (28 - 4 * (d & 7))) & 15];
  }
}

/**
 * The pseudonyms of a stream of raw ids, placed into an output buffer.
 * @example
 * const p = new PendingPseudonyms(key);
 * p.place(out, 0, raw, 0, raw.length); // out[0, PSEUDONYM_BYTES) holds the pseudonym now or after fill
 * p.fill(out); // before out's bytes are written anywhere
 */
export class PendingPseudonyms {
  private readonly x4: HmacSha256PrefixX4 | null;
  private readonly hmac: HmacSha256Prefix;
  private queued = 0;
  /** Reserved places: offset in the buffer and lane. */
  private holeAt = new Int32Array(1024);
  private holeLane = new Int32Array(1024);
  private holes = 0;
  /** The previous id (a copy of its bytes; -1: none), its lane while queued, else its pseudonym's bytes. */
  private readonly previousRaw: Uint8Array;
  private previousRawLength = -1;
  private previousLane = NO_LANE;
  private readonly previousBytes = new Uint8Array(PSEUDONYM_BYTES);

  /** @param maxIdBytes longest id remembered as the previous one (longer ids are hashed again on each row) */
  constructor(key: Uint8Array, maxIdBytes: number) {
    this.x4 = HmacSha256PrefixX4.create(key);
    this.hmac = new HmacSha256Prefix(key);
    this.previousRaw = new Uint8Array(maxIdBytes);
  }

  /**
   * Place the pseudonym of the raw id bytes[start, end) at out[at, at + PSEUDONYM_BYTES): written now, or by
   * {@link fill} (which must run before those bytes are used, with the same buffer).
   */
  place(out: Uint8Array, at: number, bytes: Uint8Array, start: number, end: number): void {
    if (!this.isPrevious(bytes, start, end)) {
      if (this.x4 !== null && end - start <= ONE_BLOCK_MESSAGE_MAX_BYTES) {
        if (this.queued === LANE_COUNT) this.fill(out);
        this.x4.setMessage(this.queued, bytes, start, end);
        this.previousLane = this.queued++;
      } else {
        this.hmac.digest(bytes, start, end);
        writePseudonym(this.previousBytes, 0, this.hmac.hi, this.hmac.lo);
        this.previousLane = NO_LANE;
      }
      this.remember(bytes, start, end);
    }
    if (this.previousLane === NO_LANE) out.set(this.previousBytes, at);
    else this.reserve(at, this.previousLane);
  }

  /** Hash the queued ids and write each one's pseudonym into every place reserved for it in `out`. */
  fill(out: Uint8Array): void {
    if (this.queued === 0) return;
    const x4 = this.x4!;
    x4.run();
    for (let k = 0; k < this.holes; k++) writePseudonym(out, this.holeAt[k], x4.hi(this.holeLane[k]), x4.lo(this.holeLane[k]));
    if (this.previousLane !== NO_LANE) writePseudonym(this.previousBytes, 0, x4.hi(this.previousLane), x4.lo(this.previousLane));
    this.previousLane = NO_LANE;
    this.queued = 0;
    this.holes = 0;
  }

  private isPrevious(bytes: Uint8Array, start: number, end: number): boolean {
    const n = end - start;
    if (n !== this.previousRawLength) return false;
    const prev = this.previousRaw;
    for (let i = 0; i < n; i++) if (prev[i] !== bytes[start + i]) return false;
    return true;
  }

  private remember(bytes: Uint8Array, start: number, end: number): void {
    if (end - start <= this.previousRaw.length) {
      this.previousRaw.set(bytes.subarray(start, end));
      this.previousRawLength = end - start;
    } else this.previousRawLength = -1;
  }

  private reserve(at: number, lane: number): void {
    if (this.holes === this.holeAt.length) {
      const at2 = new Int32Array(2 * this.holes);
      at2.set(this.holeAt);
      this.holeAt = at2;
      const lane2 = new Int32Array(2 * this.holes);
      lane2.set(this.holeLane);
      this.holeLane = lane2;
    }
    this.holeAt[this.holes] = at;
    this.holeLane[this.holes++] = lane;
  }
}
