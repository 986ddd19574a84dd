/**
 * Disclosure by differencing, across the files the scanner is given: two published counts of the same LA, period and
 * denominator (the same respondents) and of the same item, that differ by 1 … threshold − 1, give that difference
 * back as a count of people. An evaluator ran `pilot` twice on one survey with one item defined differently
 * (positive = Agree or Strongly agree, then Strongly agree only): 25 of 40 and 20 of 40 say 5 children answered
 * Agree, and each package alone passed check-disclosure.
 *
 * Counts are read from tables with an `indicator` column: `la_code` (or `area_code`), `period` (optional), a whole
 * `denominator` > 0, and the count as `numerator` or, without one, as a percentage `value` of a percent indicator
 * when exactly one whole count fits it (./percentage-counts.ts). Rows of indicators published by an official source
 * (the scanner's `publishedIndicators`) are left out, as everywhere in the scan. "The same item": the same indicator
 * id, or two ids of one pilot item — the pilot names an item's indicators `<stem>_pct_positive` and `<stem>_mean`
 * (lib/pilot/indicators.ts pilotIndicatorId), so the stem is the item.
 */
import { isSmallCount } from "./suppress-counts";
import { countsOfPercentage } from "./percentage-counts";

/** One published count, with where it was read. */
export interface PublishedCount {
  file: string;
  /** Where in the file: `row 3 column "numerator"`. */
  location: string;
  la: string;
  period: string;
  indicator: string;
  denominator: number;
  count: number;
}

/** A pair of published counts that differ by a small count. */
export interface DifferencingPair {
  first: PublishedCount;
  second: PublishedCount;
  difference: number;
}

/** An indicator id's suffixes that name one kind of estimate of a pilot item (lib/pilot/indicators.ts). */
const PILOT_KIND_SUFFIX_RE = /_(pct_positive|mean)$/;

/**
 * The item an indicator id measures: the pilot's stem for `<stem>_pct_positive` and `<stem>_mean`, else the id.
 * @example
 * itemOfIndicator("pilot_child_survey_trust_staff_pct_positive") // "pilot_child_survey_trust_staff"
 * itemOfIndicator("cla_rate_per_10k") // "cla_rate_per_10k"
 */
export function itemOfIndicator(indicator: string): string {
  return indicator.replace(PILOT_KIND_SUFFIX_RE, "");
}

const WHOLE_RE = /^\d+$/;

/**
 * The published counts of a table (see the file's comment for the columns read); none when it lacks an `indicator`,
 * LA code or `denominator` column.
 * @example
 * publishedCountsOfTable("c1/indicators.csv", ["la_code", "period", "indicator", "value", "numerator", "denominator"],
 *   [["E06900009", "2023", "pilot_child_survey_trust_staff_pct_positive", "62.5", "25", "40"]], (r, k) => `row ${r}`)[0].count // 25
 */
export function publishedCountsOfTable(
  file: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  where: (row: number, col: number) => string,
  options: { publishedIndicators?: ReadonlySet<string>; percentIndicators?: ReadonlySet<string> } = {},
): PublishedCount[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const indicatorCol = names.indexOf("indicator");
  const laCol = names.includes("la_code") ? names.indexOf("la_code") : names.indexOf("area_code");
  const denominatorCol = names.indexOf("denominator");
  if (indicatorCol < 0 || laCol < 0 || denominatorCol < 0) return [];
  const periodCol = names.indexOf("period");
  const numeratorCol = names.indexOf("numerator");
  const valueCol = names.indexOf("value");
  const counts: PublishedCount[] = [];
  rows.forEach((cells, r) => {
    const indicator = (cells[indicatorCol] ?? "").trim();
    const denominatorText = (cells[denominatorCol] ?? "").trim();
    if (indicator === "" || options.publishedIndicators?.has(indicator) || !WHOLE_RE.test(denominatorText) || Number(denominatorText) === 0) return;
    const numeratorText = numeratorCol >= 0 ? (cells[numeratorCol] ?? "").trim() : "";
    let count: number | undefined;
    let col = numeratorCol;
    if (WHOLE_RE.test(numeratorText)) count = Number(numeratorText);
    else if (valueCol >= 0 && (options.percentIndicators?.has(indicator) || /pct|percent|share/i.test(indicator))) {
      const range = countsOfPercentage(cells[valueCol], denominatorText);
      if (range !== null && range.lo === range.hi) count = range.lo;
      col = valueCol;
    }
    if (count === undefined) return;
    counts.push({
      file,
      location: where(r + 1, col),
      la: (cells[laCol] ?? "").trim(),
      period: periodCol >= 0 ? (cells[periodCol] ?? "").trim() : "",
      indicator,
      denominator: Number(denominatorText),
      count,
    });
  });
  return counts;
}

/**
 * Pairs of published counts of the same LA, period, denominator and item ({@link itemOfIndicator}) whose difference
 * is 1 … threshold − 1: at most `limit` of them (within a group by count, groups in the order first read; in a pair,
 * `first` is the count read first), and how many there are. Each group is sorted by count and each count compared only with those less than the threshold above
 * it, and the pairs are counted without being listed: a table of many rows of one key (a hostile file: 100,000 rows
 * of counts 20–25) would otherwise list billions of pairs.
 * @example
 * const a = { file: "c1/indicators.csv", location: "row 1", la: "E06900009", period: "2023", indicator: "pilot_s_q_pct_positive", denominator: 40, count: 25 };
 * differencingPairs([a, { ...a, file: "c2/indicators.csv", count: 20 }], 10).pairs[0].difference // 5
 */
export function differencingPairs(counts: readonly PublishedCount[], threshold: number, limit = Number.POSITIVE_INFINITY): { pairs: DifferencingPair[]; total: number } {
  const groups = new Map<string, PublishedCount[]>();
  const readOrder = new Map<PublishedCount, number>(counts.map((c, i) => [c, i]));
  for (const c of counts) {
    const key = `${c.la}\u0000${c.period}\u0000${c.denominator}\u0000${itemOfIndicator(c.indicator)}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const pairs: DifferencingPair[] = [];
  let total = 0;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((x, y) => x.count - y.count);
    // for each i: the counts above it by 1 … threshold − 1 are sorted[firstAbove … end − 1]
    let firstAbove = 0;
    let end = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (firstAbove <= i) firstAbove = i + 1;
      while (firstAbove < sorted.length && sorted[firstAbove].count === sorted[i].count) firstAbove++;
      if (end < firstAbove) end = firstAbove;
      while (end < sorted.length && isSmallCount(sorted[end].count - sorted[i].count, threshold)) end++;
      total += end - firstAbove;
      for (let j = firstAbove; j < end && pairs.length < limit; j++) {
        // the count read first is reported, the other named
        const [first, second] = readOrder.get(sorted[i])! < readOrder.get(sorted[j])! ? [sorted[i], sorted[j]] : [sorted[j], sorted[i]];
        pairs.push({ first, second, difference: sorted[j].count - sorted[i].count });
      }
    }
  }
  return { pairs, total };
}
