/**
 * Ranks of a sample, ascending, with ties given their average rank (R: `rank(x, ties.method =
 * "average")`), as Spearman's correlation requires. NaN is not allowed here: drop missing values first.
 */
import { InputError } from "../errors";

/**
 * Average ranks (1-based) of `x`; tied values share the mean of the ranks they span.
 * @throws InputError if x contains NaN
 * @example
 * averageRanks([10, 20, 20, 5]) // [2, 3.5, 3.5, 1]
 */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(x[i])) throw new InputError("averageRanks", `x[${i}] is NaN; drop missing values first`);
    order[i] = i;
  }
  order.sort((a, b) => x[a] - x[b] || a - b);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && x[order[j]] === x[order[i]]) j++;
    const avg = (i + 1 + j) / 2; // mean of ranks i+1 .. j
    for (let k = i; k < j; k++) ranks[order[k]] = avg;
    i = j;
  }
  return ranks;
}
