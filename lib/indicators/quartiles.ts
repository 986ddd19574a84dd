/**
 * Quartile bands A–D and ranks with ties, as DfE's Local Authority Interactive Tool (LAIT) shows them
 * (LAIT rebuild `R/fn_analysis.R`: `calculate_quartile_band`, `calculate_rank`).
 *
 * - **Quantiles** are R's type 7 (lib/stats/quantile) (`quantile(x, na.rm = TRUE)`, the default; Excel PERCENTILE.INC;
 *   Fingertips `QuartilesCalculator`): h = (n − 1)·p, Q(p) = x₍⌊h⌋₊₁₎ + (h − ⌊h⌋)(x₍⌊h⌋₊₂₎ − x₍⌊h⌋₊₁₎).
 * - **Bands** are right-closed intervals of the quartiles over all LAs with a value:
 *   [Q0, Q25], (Q25, Q50], (Q50, Q75], (Q75, Q100]. **Tie rule:** a value equal to a quartile falls in
 *   the band below it (on the value scale), exactly as LAIT's `<=` comparisons do. With polarity `down`
 *   (low is good) the lowest band is A; with `up` the highest band is A; with `none` there is no band
 *   (`null`, LAIT shows "-").
 * - **Ranks** (lib/indicators/ranking `rankLAs` with `ties: "min"`): 1 = best; ties share the smallest rank (`rank(ties.method = "min")`); `up` ranks
 *   descending, `down` ascending; `none` is not ranked (`null`). Missing values are not ranked (`null`).
 *
 * Missing-value rule: NaN values are left out of the quantiles and get a `null` band and rank. At least
 * {@link MIN_VALUES_FOR_QUARTILES} values are needed (Fingertips' rule); with fewer, bands are `null`.
 */
import { InputError } from "../errors";
import { checkPolarity, type Polarity } from "../data/types";
import { quantileSorted } from "../stats/quantile";
import { rankLAs } from "./ranking";

/** Fingertips computes quartiles only from at least 4 values (`ValueCategoriesCalculator`). */
export const MIN_VALUES_FOR_QUARTILES = 4;

export type QuartileBand = "A" | "B" | "C" | "D";

function sortedFinite(values: ArrayLike<number>): Float64Array {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (!Number.isFinite(v)) throw new InputError("quartileBounds", `values[${i}] must be finite or NaN`, v);
    kept.push(v);
  }
  return Float64Array.from(kept).sort();
}

/** The five type-7 quartile points over the LAs with a value, and how many values they used. */
export interface QuartileBounds {
  q0: number;
  q25: number;
  q50: number;
  q75: number;
  q100: number;
  /** Number of finite values used. */
  n: number;
}

/**
 * Quartile bounds (0%, 25%, 50%, 75%, 100%) of the finite values, R type 7 (`quantile(x, na.rm = TRUE)`;
 * Hyndman & Fan 1996), as LAIT's `calculate_quartile_band`.
 * @example
 * quartileBounds([5, 1, 3, 2, 4]) // { q0: 1, q25: 2, q50: 3, q75: 4, q100: 5, n: 5 }
 */
export function quartileBounds(values: ArrayLike<number>): QuartileBounds {
  const sorted = sortedFinite(values);
  return {
    q0: quantileSorted(sorted, 0),
    q25: quantileSorted(sorted, 0.25),
    q50: quantileSorted(sorted, 0.5),
    q75: quantileSorted(sorted, 0.75),
    q100: quantileSorted(sorted, 1),
    n: sorted.length,
  };
}

/**
 * LAIT's polarity-aware quartile band of one value against precomputed bounds (LAIT `calculate_quartile_band`:
 * right-closed bands [Q0, Q25], (Q25, Q50], (Q50, Q75], (Q75, Q100]; A = best). `null` when the value
 * is NaN, the polarity is `none`, fewer than {@link MIN_VALUES_FOR_QUARTILES} values made the bounds,
 * or the value lies outside [q0, q100] (LAIT's "Error": the value was not among the banded values).
 * @example
 * quartileBand(2, { q0: 1, q25: 2, q50: 3, q75: 4, q100: 5, n: 5 }, "down") // "A" (ties go down)
 * quartileBand(2, { q0: 1, q25: 2, q50: 3, q75: 4, q100: 5, n: 5 }, "up") // "D"
 */
export function quartileBand(value: number, bounds: QuartileBounds, polarity: Polarity): QuartileBand | null {
  checkPolarity("quartileBand", polarity);
  if (Number.isNaN(value) || polarity === "none" || bounds.n < MIN_VALUES_FOR_QUARTILES) return null;
  if (value < bounds.q0 || value > bounds.q100) return null;
  // position on the value scale: 0 = lowest quarter … 3 = highest quarter (right-closed intervals)
  const position = value <= bounds.q25 ? 0 : value <= bounds.q50 ? 1 : value <= bounds.q75 ? 2 : 3;
  const lowIsGood: QuartileBand[] = ["A", "B", "C", "D"];
  return polarity === "down" ? lowIsGood[position] : lowIsGood[3 - position];
}

/** Bands of every value against the quartiles of all of them. */
export interface QuartileBanding {
  bands: (QuartileBand | null)[];
  bounds: QuartileBounds;
  polarity: Polarity;
}

/**
 * Band every value against the type-7 quartiles of all finite values (one call per indicator-year), by
 * LAIT's `calculate_quartile_band` rule (bands [Q0, Q25], (Q25, Q50], (Q50, Q75], (Q75, Q100]).
 * @example
 * quartileBands([1, 2, 3, 4, 5, NaN], "up").bands // ["D", "D", "C", "B", "A", null]
 */
export function quartileBands(values: ArrayLike<number>, polarity: Polarity): QuartileBanding {
  const bounds = quartileBounds(values);
  const bands: (QuartileBand | null)[] = [];
  for (let i = 0; i < values.length; i++) bands.push(quartileBand(values[i], bounds, polarity));
  return { bands, bounds, polarity };
}

/** Ranks with ties (1 = best), and how many values were ranked. */
export interface PolarityRanks {
  ranks: (number | null)[];
  /** Number of ranked (finite) values. */
  n: number;
  polarity: Polarity;
}

/**
 * LAIT ranks: 1 = best, ties share the lowest rank (R `rank(ties.method = "min")`), descending for
 * `up`, ascending for `down`; `none` and NaN get `null`.
 * @example
 * rankWithTies([10, 30, 30, 20, NaN], "up").ranks // [4, 1, 1, 3, null]
 */
export function rankWithTies(values: ArrayLike<number>, polarity: Polarity): PolarityRanks {
  checkPolarity("rankWithTies", polarity);
  const r = rankLAs(values, polarity, { ties: "min" });
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const ranks = Array.from(r.rank, (x) => (Number.isNaN(x) ? null : x));
  return { ranks, n, polarity };
}
