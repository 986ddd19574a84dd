/**
 * The words of the scanner's findings for pairs of means (./mean-differencing.ts): one per pair, in the file of the
 * mean read first, the other named; one per key of more means than are compared.
 */
import type { CrowdedMeans, MeanDifferencingPair, PublishedMean } from "./mean-differencing";
import { MAX_MEANS_PER_KEY } from "./mean-differencing";
import type { DisclosureFinding } from "./scan-types";

/** A total as the finding gives it: a whole number as is, else to 2 decimals, rounded outward with its interval's other end. */
const totalText = (x: number, side: "lo" | "hi") => (Number.isInteger(x) ? String(x) : (side === "lo" ? Math.floor(x * 100) / 100 : Math.ceil(x * 100) / 100).toFixed(2));

/** An interval of totals: "195", or "194 to 196". */
function intervalText({ lo, hi }: { lo: number; hi: number }): string {
  const a = totalText(lo, "lo");
  const b = totalText(hi, "hi");
  return a === b ? a : `${a} to ${b}`;
}

/** The scale a pair was judged on, in words. */
function scaleText(m: PublishedMean): string {
  if (m.scale === undefined) return "the scale of the answers is not known here, so any such total counts: judge what it tells";
  const range = `${m.scale.min}–${m.scale.max}`;
  return m.scale.from === "catalogue" ? `answers ${range} (the catalogue's scale)` : `answers taken as ${range} (the pilot's widest scale)`;
}

/**
 * A pair of means that gives a few respondents' total back: both means, their files and rows, the indicator, LA and
 * period, the denominators, and "the k respondents' total is T (mean × n)".
 * @example
 * meanDifferencingFinding(pair).message // "3.48 of 56 here and 3.46 of 57 in w2.csv (row 1 column \"value\"), means of …: were the 56 among the 57, the 1 respondent's total (in one and not the other) is 2 (mean × n: 197 − 195); …"
 */
export function meanDifferencingFinding({ first, second, respondents, smallerTotal, largerTotal, total }: MeanDifferencingPair): DisclosureFinding {
  const key = `LA ${first.la}${first.period === "" ? "" : ` ${first.period}`}`;
  const [smaller, larger] = first.denominator < second.denominator ? [first, second] : [second, first];
  const whose = respondents === 1 ? "the 1 respondent's" : `the ${respondents} respondents'`;
  const both = `${first.text} of ${first.denominator} here and ${second.text} of ${second.denominator} in ${second.file} (${second.location}), means of indicator ${first.indicator}, ${key}`;
  const message =
    `${both}: were the ${smaller.denominator} among the ${larger.denominator}, ${whose} total (in one and not the other) is ` +
    `${intervalText(total)} (mean × n: ${intervalText(largerTotal)} − ${intervalText(smallerTotal)}); ${scaleText(smaller.scale ? smaller : larger)}. ` +
    `Publish the means of one run only`;
  return { file: first.file, location: first.location, rule: "differencing", value: `${first.text} of ${first.denominator} − ${second.text} of ${second.denominator}`, message };
}

/** A key of more means than are compared two by two: one finding, as it was not checked. */
export function crowdedMeansFinding({ first, means }: CrowdedMeans): DisclosureFinding {
  const key = `LA ${first.la}${first.period === "" ? "" : ` ${first.period}`}`;
  return {
    file: first.file,
    location: first.location,
    rule: "differencing",
    value: `${means} means`,
    message: `${means} different means of indicator ${first.indicator}, ${key} (of this and the other files scanned), more than the ${MAX_MEANS_PER_KEY} compared two by two: their pairs were not checked. Publish one mean per LA, period and indicator (one run)`,
  };
}
