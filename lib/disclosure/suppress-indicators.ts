/**
 * Disclosure control for indicator rows (data-package `indicators.csv` rows, or anything with a numerator and
 * a denominator) before they are exported.
 *
 * The rule (threshold t, default 10, i.e. counts 1–9 are small):
 * - a value whose denominator d is a small count (0 < d < t) is suppressed with its numerator and
 *   denominator: `value`, `numerator`, `denominator` become null and `status` becomes `suppressed:disclosure`;
 * - a value whose numerator x is a small count (0 < x < t), or whose complement d − x is (0 < d − x < t), is
 *   suppressed with its numerator (value and numerator null, status `suppressed:disclosure`); the denominator
 *   d ≥ t is kept, since on its own it gives neither x nor d − x back. Withholding x alone is not enough:
 *   a rate of x/d × 100 published beside d gives x = value × d / 100 back exactly, and d − x with it.
 *
 * Sources: GSS/ONS disclosure control guidance for tables ("Statistical disclosure control", Government
 * Analysis Function, and ONS "Disclosure control guidance for tables produced from administrative sources"):
 * a rate, percentage or other figure derived from a suppressed count is itself suppressed, and secondary
 * disclosure by differencing (here d − x, total minus shown part) must be prevented as primary disclosure
 * is. DfE publishes the same way: counts of 1–5 (children-in-need, SSDA903 releases) are replaced by `c`
 * and so are the percentages calculated from them. This workbench uses the threshold of the brief (t = 10).
 */
import { InputError } from "../errors";
import type { IndicatorRow, Unit } from "../data/types";
import { unitMultiplier } from "../data/units";
import { DEFAULT_DISCLOSURE_THRESHOLD, DISCLOSURE_STATUS, isSmallCount } from "./suppress-counts";

/** Anything with a value, numerator, denominator and status (IndicatorRow, BenchmarkRow). */
export type CountedRow = Pick<IndicatorRow, "value" | "numerator" | "denominator" | "status">;

/**
 * True when publishing the rate x/d (with d) would give back a small count: the numerator x or the
 * complement d − x is a small count (1 … threshold − 1). See the rule at the top of this file.
 * @example
 * rateRevealsSmallCount(3, 40)  // true: 3 is small (7.5% of 40 gives 3 back)
 * rateRevealsSmallCount(36, 40) // true: 40 − 36 = 4 is small
 * rateRevealsSmallCount(20, 40) // false
 */
export function rateRevealsSmallCount(numerator: number, denominator: number, threshold = DEFAULT_DISCLOSURE_THRESHOLD): boolean {
  return isSmallCount(numerator, threshold) || (numerator <= denominator && isSmallCount(denominator - numerator, threshold));
}

/**
 * Whether showing an indicator observation would show a count of 1 … threshold − 1: its denominator, or its events
 * (the numerator where given, even without a denominator, else value × denominator / multiplier rounded, a ratio's
 * multiplier being 1) or, for a percentage or a ratio, its non-events d − x; for unit count, the value itself. One rule for the profile's funnel points, its withheld values
 * (./withheld-values.ts) and the LAs it leaves out of a computed benchmark (a review found three copies of it).
 * @example
 * observationRevealsSmallCount({ value: 41.7, numerator: null, denominator: 12 }, "percent") // true: 5 of 12
 * observationRevealsSmallCount({ value: 25, numerator: null, denominator: 4000 }, "rate_per_10k") // false: 10 events
 */
export function observationRevealsSmallCount(
  o: { value: number | null; numerator: number | null; denominator: number | null },
  unit: Unit,
  threshold = DEFAULT_DISCLOSURE_THRESHOLD,
): boolean {
  if (o.value === null || !Number.isFinite(o.value)) return false;
  if (unit === "count") return isSmallCount(o.value, threshold);
  // a ratio is events per denominator (0.0186… is 3 of 161): it had been passed over, having no multiplier
  const multiplier = unit === "ratio" ? 1 : unitMultiplier(unit);
  if (multiplier === null) return false;
  const numerator = o.numerator !== null && Number.isFinite(o.numerator) ? o.numerator : null;
  // a small numerator given without its denominator: the value still gives it back (1.863354% is 3 of 161)
  if (o.denominator === null || !(o.denominator > 0)) return numerator !== null && isSmallCount(numerator, threshold);
  if (isSmallCount(o.denominator, threshold)) return true;
  const events = numerator ?? Math.round((o.value * o.denominator) / multiplier);
  // non-events too for a share (percent, or a ratio of events to a denominator that holds them)
  return unit === "rate_per_10k" ? isSmallCount(events, threshold) : rateRevealsSmallCount(events, o.denominator, threshold);
}

/**
 * True when publishing the mean score of `counts` (responses per score, `scores` in any order, distinct) with its
 * n would give back a small count: the sum (mean × n) falls short of every response at the top score by so little
 * that only 1 … threshold − 1 responses can be below the top, or exceeds every response at the bottom by so little
 * that only that many can be above it. With `groups` (a group number per score) the responses per group are taken
 * as published too (a share positive and its n give the positive and the other answers), and the top and bottom are
 * each group's own: the share and the mean together say more than either.
 * A user walkthrough found the plain case: 19 of 20 children answering 5 and one 3 gives a mean of 4.9 with n = 20;
 * a review the grouped one: 10 fives, 9 threes and a two (share positive 50% of 20, mean 3.95): 79 of the 80 the
 * groups' tops allow, so one answer is below its group's top.
 * @throws InputError when counts and scores differ in length, or a score is repeated
 * @example
 * meanRevealsSmallCount([0, 0, 1, 0, 19], [1, 2, 3, 4, 5]) // true: 98 of a possible 100
 * meanRevealsSmallCount([0, 0, 10, 0, 10], [1, 2, 3, 4, 5]) // false: 80 is 20 short of 100 and 40 above 40
 * meanRevealsSmallCount([0, 1, 9, 0, 10], [1, 2, 3, 4, 5], 10, [0, 0, 0, 1, 1]) // true: 79 of 10 × 5 + 10 × 3
 */
export function meanRevealsSmallCount(counts: ArrayLike<number>, scores: readonly number[], threshold = DEFAULT_DISCLOSURE_THRESHOLD, groups?: readonly number[]): boolean {
  if (counts.length !== scores.length || (groups !== undefined && groups.length !== scores.length)) {
    throw new InputError("meanRevealsSmallCount", "counts, scores (and groups) must have the same length", `${counts.length}, ${scores.length}`);
  }
  for (let r = 1; r < scores.length; r++) {
    if (scores.lastIndexOf(scores[r - 1]) !== r - 1) throw new InputError("meanRevealsSmallCount", "scores must be distinct", scores.join(","));
  }
  let sum = 0;
  let highest = 0; // the sum were every response at its group's top
  let lowest = 0;
  // the least a response below its group's top takes from the sum, and above its group's bottom adds to it
  let stepDown = Infinity;
  let stepUp = Infinity;
  // Loops, not sets and filtered arrays: the pilot calls this once per estimate (≈ 14 ms of a 1 M-record run's 0.8 s
  // CPU with the allocating version).
  const groupOf = (r: number): number => groups?.[r] ?? 0;
  for (let first = 0; first < scores.length; first++) {
    const g = groupOf(first);
    let seenBefore = false;
    for (let r = 0; r < first && !seenBefore; r++) seenBefore = groupOf(r) === g;
    if (seenBefore) continue;
    let n = 0;
    let top = -Infinity;
    let belowTop = -Infinity;
    let bottom = Infinity;
    let aboveBottom = Infinity;
    for (let r = first; r < scores.length; r++) {
      if (groupOf(r) !== g) continue;
      const score = scores[r];
      n += counts[r];
      sum += counts[r] * score;
      if (score > top) {
        belowTop = top;
        top = score;
      } else if (score > belowTop) belowTop = score;
      if (score < bottom) {
        aboveBottom = bottom;
        bottom = score;
      } else if (score < aboveBottom) aboveBottom = score;
    }
    highest += n * top;
    lowest += n * bottom;
    if (belowTop !== -Infinity) {
      stepDown = Math.min(stepDown, top - belowTop);
      stepUp = Math.min(stepUp, aboveBottom - bottom);
    }
  }
  if (stepDown === Infinity) return false; // every group one score: the counts are published already
  const mostBelowTop = Math.floor((highest - sum) / stepDown + 1e-9);
  const mostAboveBottom = Math.floor((sum - lowest) / stepUp + 1e-9);
  return isSmallCount(mostBelowTop, threshold) || isSmallCount(mostAboveBottom, threshold);
}

/**
 * Apply disclosure control to rows (the rule at the top of this file); returns new rows (inputs untouched)
 * and how many were changed.
 * @returns `suppressedValues`: rows suppressed for a small denominator (value, numerator and denominator
 *   null); `withheldNumerators`: rows suppressed because the numerator or its complement d − x is small
 *   (value and numerator null, denominator kept)
 * @example
 * suppressIndicatorRows([{ la_code: "E1", period: 2024, indicator: "x", value: 50, numerator: 2, denominator: 4, status: "" }])
 * // rows[0]: value null, numerator null, denominator null, status "suppressed:disclosure"
 */
export function suppressIndicatorRows<T extends CountedRow>(
  rows: readonly T[],
  options: { threshold?: number } = {},
): { rows: T[]; suppressedValues: number; withheldNumerators: number } {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 1) throw new InputError("suppressIndicatorRows", "threshold must be an integer >= 1", threshold);
  let suppressedValues = 0;
  let withheldNumerators = 0;
  const out = rows.map((row) => {
    if (row.denominator !== null && isSmallCount(row.denominator, threshold)) {
      suppressedValues++;
      return { ...row, value: null, numerator: null, denominator: null, status: DISCLOSURE_STATUS };
    }
    const smallNumerator =
      row.numerator !== null &&
      (isSmallCount(row.numerator, threshold) || (row.denominator !== null && rateRevealsSmallCount(row.numerator, row.denominator, threshold)));
    if (smallNumerator) {
      withheldNumerators++;
      return { ...row, value: null, numerator: null, status: DISCLOSURE_STATUS };
    }
    return { ...row };
  });
  return { rows: out, suppressedValues, withheldNumerators };
}

/**
 * A percentage x/d × 100 that is published only when neither d, x nor d − x is a small count.
 * @returns `{ value, status }`: value null with status `suppressed:disclosure` when 0 < d < threshold,
 *   0 < x < threshold or 0 < d − x < threshold
 * @throws InputError when d ≤ 0 is not a count or x is outside [0, d]
 * @example
 * disclosedPercentage(12, 40) // { value: 30, status: "" }
 * disclosedPercentage(3, 40)  // { value: null, status: "suppressed:disclosure" } (7.5% × 40 = 3)
 * disclosedPercentage(3, 6)   // { value: null, status: "suppressed:disclosure" }
 */
export function disclosedPercentage(
  numerator: number,
  denominator: number,
  options: { threshold?: number } = {},
): { value: number | null; status: string } {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  if (!Number.isInteger(denominator) || denominator <= 0) throw new InputError("disclosedPercentage", "denominator must be an integer > 0", denominator);
  if (!(numerator >= 0 && numerator <= denominator)) throw new InputError("disclosedPercentage", `numerator must be in [0, ${denominator}]`, numerator);
  if (isSmallCount(denominator, threshold) || rateRevealsSmallCount(numerator, denominator, threshold)) return { value: null, status: DISCLOSURE_STATUS };
  return { value: (100 * numerator) / denominator, status: "" };
}
