/**
 * Results of a function remembered by key, a bounded number at a time, for the disclosure scanner: a scan asks the same
 * questions of the same few names, headers and texts for every table, figure or point of a file (a million points of a
 * heatmap hovering "children=3"), and answering each afresh was most of the time hostile files took (rounds 22–23).
 */

/**
 * A cache of at most `size` keys: when full it forgets them all at once (no order kept: a hostile file of ever new keys
 * costs a clear now and then, never a growing map).
 * @example
 * const squares = new BoundedCache<number, number>(2);
 * squares.get(3, () => 9) // 9, computed; squares.get(3, () => 0) // 9, remembered
 */
export class BoundedCache<K, V> {
  private readonly known = new Map<K, V>();
  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`BoundedCache: size must be an integer >= 1 (got ${size})`);
  }
  /** The value remembered for `key`, else `compute()`'s, remembered. */
  get(key: K, compute: () => V): V {
    const known = this.known.get(key);
    if (known !== undefined || this.known.has(key)) return known as V;
    if (this.known.size >= this.size) this.known.clear();
    const value = compute();
    this.known.set(key, value);
    return value;
  }
}
