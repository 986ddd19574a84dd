/**
 * A small count the scanner works back itself (round 25's hostile read, S1-6): a share published without its
 * denominator, beside its Wilson bounds, gives back its count and denominator exactly (./derived-counts.ts
 * wilsonCounts: the only (x, n) whose interval reproduces the value and both bounds as written). `0.1`, `0.0469`,
 * `0.4044` (95%, Wilson) is 3 of 2177 and nothing else: a count of 3 published as surely as in a `numerator` column,
 * which the scan had used only to compare files (./differencing.ts). It is flagged as a published small count is: a
 * count, or a complement (denominator − count, as ./percentage-counts.ts recoveredCounts flags a share beside its
 * denominator), of 1 … threshold − 1; not a count of 0, not a count its row also writes as its `numerator` (that
 * column is checked as a count already), and not a row of an indicator an official source published in its own
 * package (left out before counts are read, as everywhere in the scan).
 *
 * A count worked back from a value's digits alone is not flagged: the digits give the fraction in its lowest terms
 * (a share of 2 of 17 may be 160 of 1360: the hostile read found 6 of a returns package's 264 such fractions
 * small only once reduced), so a small numerator there says nothing of the count published. Those counts are compared across
 * files only (./differencing.ts multiplePairs takes their multiples).
 */
import type { PublishedCount } from "./differencing";
import { isSmallCount } from "./suppress-counts";

/**
 * The small-count finding's value and message for a count worked back from a share and its Wilson bounds, or null
 * when it is none (see the file's comment).
 * @example
 * const c = { file: "t4/intervals.csv", location: 'row 1 column "value"', la: "E06000001", period: "2023", indicator: "cla_missing_pct",
 *   denominator: 2177, count: 3, derived: { from: "wilson", conf: 0.95 } } as const;
 * derivedSmallCount(c, 10)?.value // "3 of 2177"
 */
export function derivedSmallCount(c: PublishedCount, threshold: number): { value: string; message: string } | null {
  if (c.derived?.from !== "wilson" || c.numeratorWritten || c.countMax !== undefined) return null;
  const from = `derived from the value and its ${Number((c.derived.conf * 100).toPrecision(6))}% Wilson bounds (the only count and denominator whose interval gives all three as written)`;
  const advice = `: suppress the value and its bounds, as a count below ${threshold} is suppressed`;
  const complement = c.denominator - c.count;
  if (isSmallCount(c.count, threshold)) {
    return { value: `${c.count} of ${c.denominator}`, message: `a count below ${threshold}: ${c.count} of ${c.denominator} for ${c.indicator}, ${from}${advice}` };
  }
  if (isSmallCount(complement, threshold)) {
    return {
      value: `${c.count} of ${c.denominator}`,
      message: `a complement below ${threshold}: ${complement} (denominator ${c.denominator} − ${c.count}) for ${c.indicator}, ${from}${advice}`,
    };
  }
  return null;
}
