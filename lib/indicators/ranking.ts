/**
 * Polarity-aware ranking of local authorities on one indicator, best/worst 10% membership, and counts of
 * memberships per LA across indicators (the 2016 feasibility study's Tables 1–4).
 *
 * Rules (stated once, used everywhere):
 * - Rank 1 is the best value: the highest for polarity `up`, the lowest for `down`. Polarity `none` is
 *   not ranked: ranks are NaN and `reason` says so.
 * - Missing values (NaN) are not ranked and not counted in n.
 * - Ties: `average` gives tied LAs the mean of the ranks they span (R `rank(ties.method = "average")`);
 *   `min` gives them the best of those ranks (R `"min"`, LAIT's `calculate_rank`).
 * - Percentile: 100·(n − rank)/(n − 1): 100 for the best, 0 for the worst (NaN when n < 2).
 * - Best 10%: the k = ⌈0.1·n⌉ best LAs, n = LAs with a value; an LA is in if its `min` rank is ≤ k, so
 *   every LA tied at the cut is included (the group can exceed k, and `tiesAtBestCut` says so). Worst 10%
 *   is the same rule on the reversed order.
 */
import { InputError } from "../errors";
import { checkPolarity, type Polarity } from "../data/types";

/** Share of LAs in the best / worst group (the 2016 study's top and bottom 10%). */
export const DECILE_FRACTION = 0.1;

export interface RankResult {
  /** 1 = best; NaN for missing values or polarity "none". */
  rank: Float64Array;
  /** 100 = best, 0 = worst. */
  percentile: Float64Array;
  n: number;
  nMissing: number;
  polarity: Polarity;
  ties: "average" | "min";
  /** Number of groups of two or more LAs with equal values. */
  tiedGroups: number;
  reason?: string;
}

function checkValues(fn: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || (!Number.isNaN(v) && !Number.isFinite(v))) {
      throw new InputError(fn, `values[${i}] must be a finite number or NaN (missing; convert table columns with toNumbers())`, v);
    }
  }
}

/** Ranks with 1 = best under `polarity` ("up" | "down"), NaN kept; returns ranks and tie-group count. */
function rankCore(values: ArrayLike<number>, higherIsBetter: boolean, ties: "average" | "min") {
  const { idx } = sortedPresent(values, higherIsBetter);
  const rank = new Float64Array(values.length).fill(NaN);
  let groups = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i + 1;
    while (j < idx.length && values[idx[j]] === values[idx[i]]) j++;
    if (j - i > 1) groups++;
    const r = ties === "average" ? (i + 1 + j) / 2 : i + 1;
    for (let k = i; k < j; k++) rank[idx[k]] = r;
    i = j;
  }
  return { rank, n: idx.length, groups };
}

/**
 * Min-tie ranks counted from the best end and from the worst end, from one sort: a tie group at positions
 * [i, j) of the best-first order (n values) has rank i + 1 from the best and n − j + 1 from the worst, which
 * is what {@link rankCore} gives in each direction (min-tie ranks do not depend on the order within a tie).
 * Missing (NaN) values get NaN in both.
 */
function minRanksBothWays(values: ArrayLike<number>, higherIsBetter: boolean): { fromBest: Float64Array; fromWorst: Float64Array; n: number } {
  const { idx, n } = sortedPresent(values, higherIsBetter);
  const fromBest = new Float64Array(values.length).fill(NaN);
  const fromWorst = new Float64Array(values.length).fill(NaN);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && values[idx[j]] === values[idx[i]]) j++;
    for (let k = i; k < j; k++) {
      fromBest[idx[k]] = i + 1;
      fromWorst[idx[k]] = n - j + 1;
    }
    i = j;
  }
  return { fromBest, fromWorst, n };
}

/** The indices of the present (non-NaN) values, best first, ties by index. */
function sortedPresent(values: ArrayLike<number>, higherIsBetter: boolean): { idx: number[]; n: number } {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) idx.push(i);
  idx.sort((a, b) => (higherIsBetter ? values[b] - values[a] : values[a] - values[b]) || a - b);
  return { idx, n: idx.length };
}

/**
 * Rank LAs on one indicator, best = 1, by polarity.
 * @param values one value per LA; NaN = missing
 * @param polarity "up" (higher is better), "down" (lower is better) or "none" (not ranked)
 * @param options `ties`: "average" (default) or "min"
 * @example
 * rankLAs([12, 30, 30, 5], "down").rank // [2, 3.5, 3.5, 1]
 */
export function rankLAs(
  values: ArrayLike<number>,
  polarity: Polarity,
  options: { ties?: "average" | "min" } = {},
): RankResult {
  const ties = options.ties ?? "average";
  checkPolarity("rankLAs", polarity);
  if (ties !== "average" && ties !== "min") throw new InputError("rankLAs", 'ties must be "average" or "min"', ties);
  checkValues("rankLAs", values);
  let nonMissing = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) nonMissing++;
  if (polarity === "none") {
    const nan = new Float64Array(values.length).fill(NaN);
    return {
      rank: nan, percentile: nan.slice(), n: 0, nMissing: values.length - nonMissing, polarity, ties, tiedGroups: 0,
      reason: 'polarity "none": no better or worse direction, so the indicator is not ranked',
    };
  }
  const { rank, n, groups } = rankCore(values, polarity === "up", ties);
  const percentile = new Float64Array(values.length).fill(NaN);
  if (n >= 2) for (let i = 0; i < rank.length; i++) if (!Number.isNaN(rank[i])) percentile[i] = (100 * (n - rank[i])) / (n - 1);
  return { rank, percentile, n, nMissing: values.length - n, polarity, ties, tiedGroups: groups };
}

export interface DecileMembership {
  /** 1 if the LA is in the best group, else 0 (0 for missing values). */
  best: Uint8Array;
  worst: Uint8Array;
  /** 1 if the LA had a value (was ranked), 0 if missing. */
  ranked: Uint8Array;
  /** k = ⌈fraction·n⌉. */
  cutoff: number;
  bestCount: number;
  worstCount: number;
  /** True when LAs tied at the cut made the group larger than k. */
  tiesAtBestCut: boolean;
  tiesAtWorstCut: boolean;
  n: number;
  nMissing: number;
  fraction: number;
  polarity: Polarity;
  rule: string;
  reason?: string;
}

/**
 * Best and worst 10% (by default) of LAs on one indicator, polarity-aware, ties at the cut included:
 * best = LAs whose `min`-tie rank (R `rank(-x, ties.method = "min")` for `up`) is ≤ k = ⌈fraction·n⌉, n = LAs with
 * a value (the 2016 feasibility study's top/bottom 10%).
 * @example
 * decileMembership([3, 9, 1, 7, 5, 2, 8, 4, 6, 10], "up").best // [0, 0, 0, 0, 0, 0, 0, 0, 0, 1] (k = 1)
 * decileMembership(values, "up").best // 1 for the LAs in the best ⌈10% of n⌉ (ties at the cut included)
 */
export function decileMembership(
  values: ArrayLike<number>,
  polarity: Polarity,
  options: { fraction?: number } = {},
): DecileMembership {
  const fraction = options.fraction ?? DECILE_FRACTION;
  checkPolarity("decileMembership", polarity);
  if (!(fraction > 0 && fraction <= 0.5)) throw new InputError("decileMembership", "fraction must be in (0, 0.5]", fraction);
  checkValues("decileMembership", values);
  const rule = `best/worst = LAs whose min-tie rank (1 = best/worst) is <= ceil(${fraction} * n), n = LAs with a value; ties at the cut included`;
  const len = values.length;
  const best = new Uint8Array(len);
  const worst = new Uint8Array(len);
  const ranked = new Uint8Array(len);
  if (polarity === "none") {
    let miss = 0;
    for (let i = 0; i < len; i++) if (Number.isNaN(values[i])) miss++;
    return {
      best, worst, ranked, cutoff: 0, bestCount: 0, worstCount: 0, tiesAtBestCut: false, tiesAtWorstCut: false, n: 0,
      nMissing: miss, fraction, polarity, rule, reason: 'polarity "none": not ranked, so no best or worst group',
    };
  }
  const { fromBest, fromWorst, n } = minRanksBothWays(values, polarity === "up");
  // Round before ceil so that e.g. 0.1 × 150 = 15.000000000000002 gives 15, not 16.
  const cutoff = n === 0 ? 0 : Math.ceil(Math.round(fraction * n * 1e9) / 1e9);
  let bestCount = 0;
  let worstCount = 0;
  for (let i = 0; i < len; i++) {
    if (!Number.isNaN(values[i])) ranked[i] = 1;
    if (fromBest[i] <= cutoff) {
      best[i] = 1;
      bestCount++;
    }
    if (fromWorst[i] <= cutoff) {
      worst[i] = 1;
      worstCount++;
    }
  }
  return {
    best, worst, ranked, cutoff, bestCount, worstCount, tiesAtBestCut: bestCount > cutoff, tiesAtWorstCut: worstCount > cutoff,
    n, nMissing: len - n, fraction, polarity, rule,
  };
}

/** Counts of best (or worst) group memberships per LA across indicators, and their distribution. */
export interface DecileCounts {
  side: "best" | "worst";
  /** Per LA: number of indicators on which it is in the group. */
  perLA: Int32Array;
  /** Per LA: number of indicators on which it had a value (was ranked). */
  rankedOn: Int32Array;
  /** Rows "LAs in the group for exactly `count` indicators": the 2016 study's Tables 1 and 3. */
  table: { count: number; las: number; percent: number }[];
  nIndicators: number;
  nLAs: number;
}

/**
 * Count, per LA, the indicators on which it is in the best (or worst) group, and tabulate how many LAs
 * are in the group for 0, 1, 2, … indicators. Indicators with polarity "none" (not ranked) are skipped.
 * All memberships must be over the same LAs in the same order.
 * @example
 * const t = decileCounts(indicators.map((v, i) => decileMembership(v, polarities[i])), "best");
 * t.table // [{ count: 0, las: 59, percent: 39.1 }, { count: 1, las: 47, … }, …]
 */
export function decileCounts(memberships: readonly DecileMembership[], side: "best" | "worst"): DecileCounts {
  if (memberships.length === 0) throw new InputError("decileCounts", "needs at least one indicator");
  const nLAs = memberships[0].best.length;
  const perLA = new Int32Array(nLAs);
  const rankedOn = new Int32Array(nLAs);
  let nIndicators = 0;
  for (const m of memberships) {
    if (m.best.length !== nLAs) throw new InputError("decileCounts", `all memberships must cover the same ${nLAs} LAs`, m.best.length);
    if (m.polarity === "none") continue;
    nIndicators++;
    const flags = side === "best" ? m.best : m.worst;
    for (let i = 0; i < nLAs; i++) {
      perLA[i] += flags[i];
      rankedOn[i] += m.ranked[i];
    }
  }
  const max = perLA.reduce((a, v) => Math.max(a, v), 0);
  const table = [];
  for (let c = 0; c <= max; c++) {
    let las = 0;
    for (let i = 0; i < nLAs; i++) if (perLA[i] === c) las++;
    table.push({ count: c, las, percent: nLAs > 0 ? (100 * las) / nLAs : NaN });
  }
  return { side, perLA, rankedOn, table, nIndicators, nLAs };
}
