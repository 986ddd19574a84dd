/**
 * Keyed pseudonyms four at a time (lib/pilot/hmac-sha256-x4.ts, WebAssembly SIMD) for a reader that needs each
 * identifier's pseudonym before it can use what comes with it: the reader pushes the identifier with its item
 * (what it read alongside), the identifier's bytes go into a free lane at once, and when the four lanes are taken
 * (or the reader {@link KeyedPseudonymQueue.flush flushes}) the four are hashed together and each item is handed
 * back with its pseudonym (and the digest's 64 bits it is written from), in the order pushed. An identifier longer
 * than one SHA-256 block, or every identifier where WebAssembly SIMD is missing, is hashed alone (lib/pilot/
 * hmac-sha256: the key's inner and outer pad blocks compressed once, so each identifier costs one or two SHA-256
 * compressions in plain JavaScript, about a tenth of a node:crypto Hmac object) after the queue ahead of it is
 * handed back, so the order holds on every path. Measured on the synthetic national year (single thread): the
 * one-at-a-time SHA-256 compressions took 0.63 s of a 6.3 s run (200 µs sampling), the four-lane WebAssembly 0.15 s
 * of 3.6 s (500 µs); on 600,000 LA/child ids, pushing and handing back costs 0.38 µs per id four at a time against
 * 0.82 µs one at a time (CPU, the pseudonyms' text included).
 */
import { InputError } from "../errors";
import { HmacSha256Prefix } from "../pilot/hmac-sha256";
import { HmacSha256PrefixX4, LANES } from "../pilot/hmac-sha256-x4";
import { MIN_KEY_BYTES } from "../pilot/pseudonymise";
import { Utf8Buffer, pseudonymText } from "./keyed-pseudonyms";

/** LANES as this module's constant: the re-exported binding is read through a getter (V8's generic LoadIC, per id). */
const LANE_COUNT = LANES;
/** Longest identifier a lane takes: one SHA-256 block after the key's (HmacSha256PrefixX4.MAX_MESSAGE_BYTES). */
const MAX_LANE_BYTES = HmacSha256PrefixX4.MAX_MESSAGE_BYTES;

/** Four-lane hashers of one key, free for a queue to take while it holds identifiers. */
interface HasherPool {
  /** The key's bytes when the pool was made (a key object changed since gets a new pool). */
  readonly key: Buffer;
  readonly free: HmacSha256PrefixX4[];
}

/**
 * The hasher pools, by key object (a pool, with its copy of the key and the key's pad states in its hashers, lives as
 * long as the key object; no identifier stays in a pooled hasher, see flush). A queue takes a hasher when it queues into
 * empty lanes and gives it back when it hands them back, so queues of one key (one per census file, one per LA's
 * SSDA903 tables) use one WebAssembly instance, while two queues holding identifiers at once never share lanes.
 * Measured on the synthetic national year (--workers 0, 500 µs sampling): with one instance per queue (60), calling
 * into WebAssembly took 0.21 s of a 4.6 s run (js-to-wasm and GenericJSToWasmWrapper frames: the call is not
 * specialised once it has met many instances' functions) and making them 28 ms; with one shared instance, 1–8 ms.
 */
const pools = new WeakMap<Buffer, HasherPool>();

function hasherPool(key: Buffer): HasherPool {
  const pool = pools.get(key);
  if (pool !== undefined && pool.key.equals(key)) return pool;
  // the copy in memory of its own (Buffer.from would put a short key in Node's shared 8 KiB slab, alive as long as
  // any buffer cut from it), and the copy of a pool replaced because its key object changed (e.g. wiped) is zeroed
  pool?.key.fill(0);
  const copy = Buffer.allocUnsafeSlow(key.length);
  key.copy(copy);
  const made: HasherPool = { key: copy, free: [] };
  pools.set(key, made);
  return made;
}

/**
 * Items handed back with their identifiers' keyed pseudonyms (equal to `pseudonymise(rawId, key)`), in push order,
 * with the first two 32-bit words of the HMAC (hi, lo), of which the pseudonym is the hex: equal pseudonyms exactly
 * when equal words.
 * @example
 * const queue = new KeyedPseudonymQueue<number>(key, (row, pseudonym) => rows.push({ row, pseudonym }));
 * queue.push("E09000001", "C1", 1); // the pseudonym of "E09000001/C1", handed back now or at a later push or flush
 * queue.flush(); // every item pushed has been handed back
 */
export class KeyedPseudonymQueue<T> {
  /** The four-lane hasher taken from the pool while identifiers are queued (null when none are, or without SIMD). */
  private x4: HmacSha256PrefixX4 | null = null;
  private readonly hashers: HasherPool;
  private readonly scalar: HmacSha256Prefix;
  private readonly utf8 = new Utf8Buffer();
  /** Item of each lane taken (lanes 0 … queued − 1). */
  private readonly items: (T | undefined)[] = new Array<T | undefined>(LANE_COUNT).fill(undefined);
  private queued = 0;
  private readonly his = new Int32Array(LANE_COUNT);
  private readonly los = new Int32Array(LANE_COUNT);

  /** @param deliver called with each item, its identifier's pseudonym and the HMAC's first two words, in push order */
  constructor(
    key: Buffer,
    private readonly deliver: (item: T, pseudonym: string, hi: number, lo: number) => void,
  ) {
    if (key.length < MIN_KEY_BYTES) throw new InputError("KeyedPseudonymQueue", `key must be at least ${MIN_KEY_BYTES} bytes`, key.length);
    this.scalar = new HmacSha256Prefix(key);
    this.hashers = hasherPool(key);
  }

  /**
   * Queue the identifier `${scope}/${id}` (an LA code and a child's id; its UTF-8 is written in parts, never built
   * as a string) with its item; hands back the queue when its lanes are full.
   */
  push(scope: string, id: string, item: T): void {
    const utf8 = this.utf8;
    utf8.write(scope);
    utf8.append("/");
    utf8.append(id);
    if (utf8.length <= MAX_LANE_BYTES && this.queued === 0) this.x4 = this.hashers.free.pop() ?? HmacSha256PrefixX4.create(this.hashers.key);
    const x4 = this.x4;
    if (x4 !== null && utf8.length <= MAX_LANE_BYTES) {
      const lane = this.queued++;
      x4.setMessage(lane, utf8.bytes, 0, utf8.length);
      utf8.clear();
      this.items[lane] = item;
      if (lane + 1 === LANE_COUNT) this.flush();
      return;
    }
    this.flush();
    const hmac = this.scalar;
    hmac.digest(utf8.bytes, 0, utf8.length);
    utf8.clear();
    this.deliver(item, pseudonymText(hmac.hi, hmac.lo), hmac.hi, hmac.lo);
  }

  /**
   * Hash the queued identifiers and hand back their items, in order. The queue is empty (and its hasher back in the
   * pool) before the first is handed back: when `deliver` throws, the items after it are dropped (as a reader
   * hashing one at a time would never have reached them), and a later flush hands back nothing twice.
   */
  flush(): void {
    const n = this.queued;
    if (n === 0) return;
    this.queued = 0;
    const x4 = this.x4!;
    x4.run();
    const { his, los, items } = this;
    for (let lane = 0; lane < n; lane++) {
      his[lane] = x4.hi(lane);
      los[lane] = x4.lo(lane);
    }
    x4.clearMessages(); // the pool keeps the hasher, not the identifiers it held
    this.x4 = null;
    this.hashers.free.push(x4);
    for (let lane = 0; lane < n; lane++) {
      const item = items[lane] as T;
      items[lane] = undefined;
      this.deliver(item, pseudonymText(his[lane], los[lane]), his[lane], los[lane]);
    }
  }
}
