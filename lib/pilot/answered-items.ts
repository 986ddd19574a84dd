/**
 * Which items each respondent has answered, per period: one bit per (respondent, item), so that a second record
 * for the same respondent, period and item is found wherever it lies in the files. Memory: one bit per
 * respondent and item per period (≈ 1.5 bytes per respondent of a 12-item set), grown by doubling.
 */
import { InputError } from "../errors";

/** Bytes a period's bitset starts with. */
const INITIAL_BYTES = 1024;

/**
 * Answered (respondent, item) pairs per period index.
 * @example
 * const answered = new AnsweredItems(12);
 * answered.mark(0, 5, 3) // true: first record of respondent 5 for item 3 in period index 0
 * answered.mark(0, 5, 3) // false: a second one
 */
export class AnsweredItems {
  private readonly bits: Uint8Array[] = [];

  /** @param itemCount items per respondent (the bits of one respondent) */
  constructor(private readonly itemCount: number) {}

  /** Mark that respondent `rid` answered item `it` in period index `p`; false when it was marked already. */
  mark(p: number, rid: number, it: number): boolean {
    const bit = rid * this.itemCount + it;
    let bits = this.bits[p];
    if (bits === undefined || bits.length <= bit >>> 3) bits = this.bits[p] = growBits(bits, bit);
    const mask = 1 << (bit & 7);
    if ((bits[bit >>> 3] & mask) !== 0) return false;
    bits[bit >>> 3] |= mask;
    return true;
  }

  /** The bits of period index `p` (respondent `rid`, item `it` is bit rid × items + it), or undefined when none is set. */
  bitsOf(p: number): Uint8Array | undefined {
    return this.bits[p];
  }

  /** Take `bits` (as {@link bitsOf} gives them) as those of period index `p`, which has none yet; they are not copied. */
  adopt(p: number, bits: Uint8Array): void {
    if (this.bits[p] !== undefined) throw new InputError("AnsweredItems.adopt", "period index must have no bits yet", p);
    this.bits[p] = bits;
  }
}

/** A bitset able to hold bit `bit`, keeping the bits already set (grows by doubling). */
function growBits(bits: Uint8Array | undefined, bit: number): Uint8Array {
  const needed = (bit >>> 3) + 1;
  let size = Math.max(INITIAL_BYTES, bits ? bits.length : 0);
  while (size < needed) size *= 2;
  const out = new Uint8Array(size);
  if (bits) out.set(bits);
  return out;
}
