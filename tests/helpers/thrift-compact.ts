/**
 * Thrift compact-protocol integers (Apache Thrift, compact protocol: zigzag, then a base-128 varint), as
 * Parquet's footer and page headers hold them: for tests that build or forge Parquet bytes.
 */

/**
 * The bytes of a Thrift compact i32 or i64.
 * @example
 * thriftVarint(-1) // [1]; thriftVarint(64) // [128, 1]
 */
export function thriftVarint(n: number): number[] {
  let z = n >= 0 ? 2 * n : -2 * n - 1;
  const out: number[] = [];
  do {
    let b = z % 128;
    z = Math.floor(z / 128);
    if (z > 0) b |= 0x80;
    out.push(b);
  } while (z > 0);
  return out;
}
