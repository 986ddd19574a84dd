/**
 * Ranks of a sample, ascending, with ties given their average rank (R: `rank(x, ties.method =
 * "average")`), as Spearman's correlation requires. NaN is not allowed here: drop missing values first.
 */
import { InputError } from "../errors";

/**
 * Index of the first element of `sorted` that is ≥ v. The search halves a window of `len` elements starting at
 * `lo` by moving `lo` or not, the same steps whatever the comparison (a select, where the usual bisection's
 * branch is taken at random for ranked data); the answer is the same index.
 */
function lowerBound(sorted: Float64Array, v: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  let lo = 0;
  let len = n;
  while (len > 1) {
    const half = len >>> 1;
    lo = sorted[lo + half - 1] < v ? lo + half : lo;
    len -= half;
  }
  return sorted[lo] < v ? lo + 1 : lo;
}

/**
 * Average ranks (1-based) of `x`; tied values share the mean of the ranks they span (R: `rank(x, ties.method =
 * "average")`, the ranks Spearman's ρ uses). Uses the engine's
 * native numeric sort, one walk of the sorted values for each run's average rank, and one binary search per
 * value for its run (no comparator callbacks), O(n log n).
 * @throws InputError if x contains NaN
 * @example
 * averageRanks([10, 20, 20, 5]) // [2, 3.5, 3.5, 1]
 */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  return averageRanksInto(x, new Float64Array(n), new Float64Array(n), new Float64Array(n));
}

/**
 * {@link averageRanks} into a caller's arrays (each at least x.length long; `sorted` and `runRank` are
 * scratch): the same ranks, in `ranks[0, n)`, returned as a view of that length; nothing allocated but views.
 * @throws InputError if x contains NaN
 * @example
 * averageRanksInto([10, 20, 20, 5], new Float64Array(4), new Float64Array(4), new Float64Array(4)) // [2, 3.5, 3.5, 1]
 */
export function averageRanksInto(x: ArrayLike<number>, ranks: Float64Array, sortedScratch: Float64Array, runRankScratch: Float64Array): Float64Array {
  const n = x.length;
  const sorted = sortedScratch.length === n ? sortedScratch : sortedScratch.subarray(0, n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(x[i])) throw new InputError("averageRanks", `x[${i}] is NaN; drop missing values first`);
    sorted[i] = x[i] === 0 ? 0 : x[i]; // -0 and 0 are the same value
  }
  sorted.sort();
  // the average rank of each run of equal values, stored at the run's first index: (first + 1 + last) / 2 with
  // first its 0-based start and last one past its end
  const runRank = runRankScratch;
  for (let first = 0; first < n; ) {
    let last = first + 1;
    while (last < n && sorted[last] === sorted[first]) last++;
    runRank[first] = (first + 1 + last) / 2;
    first = last;
  }
  const out = ranks.length === n ? ranks : ranks.subarray(0, n);
  for (let i = 0; i < n; i++) out[i] = runRank[lowerBound(sorted, x[i] === 0 ? 0 : x[i])];
  return out;
}
