/**
 * Disclosure by differencing, across the files the scanner is given: two published counts of the same LA, period and
 * item that give back the answers of a small group of people. An evaluator ran `pilot` twice on one survey with one
 * item defined differently (positive = Agree or Strongly agree, then Strongly agree only): 25 of 40 and 20 of 40 say 5
 * children answered Agree, and each package alone passed check-disclosure.
 *
 * The rule, for two counts of one LA, period and item:
 * - of the same denominator (the same respondents), counts that differ by 1 … threshold − 1 are a pair;
 * - of denominators 1 … threshold − 1 apart (a few respondents dropped or added: 25 of 40 and 24 of 39 give the dropped
 *   respondent's answer; 20 of 40 and 20 of 45 say the 5 added answered no), they are a pair whatever the counts, since
 *   the respondents in one and not the other are a small group and the two counts give back how many of them counted.
 * - of denominators further apart (threshold or more), exact counts are a pair when, were the smaller group of
 *   respondents among the larger, the respondents added would be a group with a small count who counted or a small
 *   count who did not: 20 of 40 and 22 of 60 say 2 of the 20 added counted, 20 of 40 and 35 of 60 that 5 of them did
 *   not (a review found the first passed). Counts read from rounded percentages are not compared this way.
 * - A count read from a rounded percentage is a range (63% of 120 is 75 or 76, 58% is 69 or 70): a pair of the same
 *   denominator when every difference the two ranges allow is 1 … threshold − 1 (here 5 to 7).
 *
 * Counts are read from tables with an `indicator` column (or `measure`, `metric`: the names `add` reads), the LA under
 * any name `add` reads (./la-columns.ts: `la_code`, `area_code`, `old_la_code`, `la_name`, `la`, …), the period under
 * one too (`period`, `year`, `time_period`; optional), a whole
 * `denominator` (or `n`) > 0 (`40.0` is 40: pandas writes a whole column so when it has a blank), and the count as a whole
 * `numerator` or, without one, as a percentage `value` of a percent indicator (./percentage-counts.ts). Without a
 * denominator (no such column, or its cell blank), count and denominator are worked back from the share
 * (./derived-counts.ts): from the `value` and its Wilson bounds (`lower`/`upper` and `method` wilson, as a package's
 * intervals.csv writes them; a review gave back one child from two `returns` runs' intervals.csv alone), else from a
 * percentage's or proportion's value written to 12 or more digits, in lowest terms (302 of 2972 is 151 of 1486: its
 * multiples are compared with the other counts of the key, see multiplePairs), or to 7–11 digits, compared by the pair
 * test only (the same denominator and counts 1 … threshold − 1 apart, or denominators r = 1 … threshold − 1 apart and
 * counts at most r apart, or a multiple as above; the chance argument is in ./derived-counts.ts); a derived count the scan also reads as
 * published (a package's intervals.csv beside its indicators.csv) is compared once, as published. Rows of
 * indicators published by an official source (the scanner's `publishedIndicators`) are left out, as everywhere in the
 * scan. Keys are compared as a reader would: an LA however it is written, resolved as `add` resolves it over the areas
 * of the packages scanned (./scan-areas.ts: ONS code, earlier code, DfE number, name), indicator ids whatever their
 * case, a period read as the year
 * ending March as `add` reads it (lib/data/periods.ts parsePeriodCell: `2022-23`, `2022/23`, `202223` and
 * `2023` are one year; a period it cannot read is compared as written, in lower case). "The same item": the same
 * indicator id, or two ids of one pilot item — the pilot names an item's indicators `<stem>_pct_positive` and
 * `<stem>_mean` (lib/pilot/indicators.ts pilotIndicatorId), so the stem is the item.
 *
 * Not read: a value written as a proportion 0–1 beside a denominator (0.5 of 40 fits no whole count as a percentage and
 * is not taken as 50%: 0.5% of 400 is 2; without a denominator, an indicator named `_prop`/`_proportion` is read as
 * one), decimals written with a comma ("62,5" in a semicolon CSV), counts of a share in a wide table (`cla_pct` as a
 * column) with no denominator beside it.
 */
import { parsePeriodCell } from "../data/periods";
import { LONG_INDICATOR_COLUMNS, normaliseHeader } from "../data/own-data/read-table";
import { laKeyColumn, periodColumn } from "./la-columns";
import { laKeyAsWritten, type LaResolver } from "./scan-areas";
import { isSmallCount } from "./suppress-counts";
import { append } from "../data/append";
import { countsOfPercentage } from "./percentage-counts";
import { PROPORTION_NAME_RE } from "./percentage-columns";
import { derivedCountOfRow, intervalColumns, MIN_SHARE_DIGITS, type CountDerivation, type IntervalColumns } from "./derived-counts";

/** Where a published figure was read, and of what: what the differencing rules pair two files' figures by. */
export interface PublishedCell {
  file: string;
  /** Where in the file: `row 3 column "numerator"`. */
  location: string;
  la: string;
  period: string;
  indicator: string;
  denominator: number;
}

/** One published count, with where it was read. */
export interface PublishedCount extends PublishedCell {
  /** The count; for a rounded percentage that fits several, the least of them. */
  count: number;
  /** The greatest count a rounded percentage fits (absent: exactly `count`). */
  countMax?: number;
  /** How count and denominator were worked back from a share published without its denominator (absent: both published). */
  derived?: CountDerivation;
  /** A derived count that its row also writes as its `numerator` (its denominator blank): published there, and checked there. */
  numeratorWritten?: true;
}

/** A pair of published counts that give a small group's count back. */
export interface DifferencingPair {
  first: PublishedCount;
  second: PublishedCount;
  /** The least difference of the two counts (second − first or first − second, whichever is ≥ 0 for the least counts). */
  difference: number;
  /** The greatest difference the two counts allow (equal to `difference` when both counts are exact). */
  differenceMax: number;
  /** How many respondents one denominator has more than the other (0: the same respondents). */
  respondents: number;
  /**
   * Denominators the threshold or more apart: of the respondents in the larger and not the smaller, how many counted
   * and how many did not (one of them is a small count); absent for denominators fewer apart.
   */
  added?: { counted: number; notCounted: number };
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

/** A whole number as a table may write it: `40`, or `40.0` (pandas writes a whole column so when it has a blank). */
const WHOLE_RE = /^\d+(?:\.0+)?$/;
/** Names of a denominator column (normalised: lower case). */
const DENOMINATOR_NAMES = ["denominator", "n"];
/** An indicator id that names a percentage. */
const PERCENT_ID_RE = /pct|percent|share/i;

/** Where a table writes what its counts are read from (−1: no such column). */
interface CountColumns {
  indicator: number;
  la: number;
  period: number;
  numerator: number;
  denominator: number;
  value: number;
  interval: IntervalColumns;
}

/** The columns of a table its counts are read from; null when it has no indicator or LA column, or neither a denominator nor a value. */
function countColumns(header: readonly string[]): CountColumns | null {
  const names = header.map((h) => h.trim().toLowerCase());
  const keyNames = header.map(normaliseHeader);
  const columns = {
    indicator: keyNames.findIndex((n) => (LONG_INDICATOR_COLUMNS as readonly string[]).includes(n)),
    la: laKeyColumn(header)?.column ?? -1,
    period: periodColumn(header),
    numerator: names.indexOf("numerator"),
    denominator: names.findIndex((n) => DENOMINATOR_NAMES.includes(n)),
    value: names.indexOf("value"),
    interval: intervalColumns(header),
  };
  return columns.indicator < 0 || columns.la < 0 || (columns.denominator < 0 && columns.value < 0) ? null : columns;
}

/** A row's count as read: the count (a range for a rounded percentage), its denominator, the column it was read from, and how it was derived. */
type RowCount = Pick<PublishedCount, "denominator" | "count" | "countMax" | "derived" | "numeratorWritten"> & { column: number };

/**
 * A row's count: its numerator, or its percentage `value` of its denominator (./percentage-counts.ts); without a
 * denominator, the count its share gives back (./derived-counts.ts); undefined when none can be read.
 */
function countOfRow(cells: readonly string[], indicator: string, columns: CountColumns, options: { percentIndicators?: ReadonlySet<string> }): RowCount | undefined {
  const percent = options.percentIndicators?.has(indicator) || PERCENT_ID_RE.test(indicator);
  const denominatorText = columns.denominator >= 0 ? (cells[columns.denominator] ?? "").trim() : "";
  if (denominatorText === "") {
    // no denominator published: the share may give it back, with its count
    if (columns.value < 0) return undefined;
    const d = derivedCountOfRow(cells, columns.value, columns.interval, percent ? 100 : PROPORTION_NAME_RE.test(indicator) ? 1 : undefined);
    if (d === null) return undefined;
    const written = columns.numerator >= 0 && WHOLE_RE.test((cells[columns.numerator] ?? "").trim()) && Number(cells[columns.numerator]) === d.numerator;
    return { denominator: d.denominator, count: d.numerator, derived: d.derived, ...(written ? { numeratorWritten: true as const } : {}), column: columns.value };
  }
  if (!WHOLE_RE.test(denominatorText) || Number(denominatorText) === 0) return undefined;
  const denominator = Number(denominatorText);
  const numeratorText = columns.numerator >= 0 ? (cells[columns.numerator] ?? "").trim() : "";
  if (WHOLE_RE.test(numeratorText)) return { denominator, count: Number(numeratorText), column: columns.numerator };
  if (columns.value < 0 || !percent) return undefined;
  const range = countsOfPercentage(cells[columns.value], String(denominator));
  if (range === null) return undefined;
  return { denominator, count: range.lo, ...(range.hi === range.lo ? {} : { countMax: range.hi }), column: columns.value };
}

/**
 * The published counts of a table (see the file's comment for the columns read); none when it lacks an `indicator`
 * or LA column, or both a denominator and a value column.
 * @example
 * publishedCountsOfTable("c1/indicators.csv", ["la_code", "period", "indicator", "value", "numerator", "denominator"],
 *   [["E06900009", "2023", "pilot_child_survey_trust_staff_pct_positive", "62.5", "25", "40"]], (r, k) => `row ${r}`)[0].count // 25
 * publishedCountsOfTable("iv1/values.csv", ["la_code", "period", "indicator", "value"],
 *   [["E06000001", "2023", "cla_3plus_placements_pct", "12.999540652273772"]], (r, k) => `row ${r}`)[0].denominator // 2177
 */
export function publishedCountsOfTable(
  file: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  where: (row: number, col: number) => string,
  options: { publishedIndicators?: ReadonlySet<string>; percentIndicators?: ReadonlySet<string> } = {},
): PublishedCount[] {
  const columns = countColumns(header);
  if (columns === null) return [];
  const counts: PublishedCount[] = [];
  rows.forEach((cells, r) => {
    const indicator = (cells[columns.indicator] ?? "").trim();
    if (indicator === "" || options.publishedIndicators?.has(indicator)) return;
    const found = countOfRow(cells, indicator, columns, options);
    if (found === undefined) return;
    const { column, ...count } = found;
    counts.push({
      file,
      location: where(r + 1, column),
      la: (cells[columns.la] ?? "").trim(),
      period: columns.period >= 0 ? (cells[columns.period] ?? "").trim() : "",
      indicator,
      ...count,
    });
  });
  return counts;
}

/**
 * The key of the people a count is of, as a reader would compare it: LA code in upper case, period as the year ending
 * March (or as written, in lower case), item in lower case.
 */
function groupKey(c: PublishedCount, resolveLa: LaResolver): string {
  const year = parsePeriodCell(c.period);
  return `${resolveLa(c.la, c.period)}\u0000${year === undefined ? c.period.toLowerCase() : String(year)}\u0000${itemOfIndicator(c.indicator.toLowerCase())}`;
}

/** Counts by key → denominator → "lo hi" (their range), each level in the order first read; a derived count that repeats one read already left out. */
function groupsOfCounts(counts: readonly PublishedCount[], resolveLa: LaResolver): Map<string, Map<number, Map<string, PublishedCount[]>>> {
  const groups = new Map<string, Map<number, Map<string, PublishedCount[]>>>();
  const keys = counts.map((c) => groupKey(c, resolveLa));
  const repeated = derivedRepeats(counts, keys);
  for (const [i, c] of counts.entries()) {
    if (c.derived !== undefined && repeated.has(i)) continue;
    const key = keys[i];
    let byDenominator = groups.get(key);
    if (!byDenominator) groups.set(key, (byDenominator = new Map()));
    let byRange = byDenominator.get(c.denominator);
    if (!byRange) byDenominator.set(c.denominator, (byRange = new Map()));
    const range = `${c.count} ${c.countMax ?? c.count}`;
    const members = byRange.get(range);
    if (members) members.push(c);
    else byRange.set(range, [c]);
  }
  return groups;
}

/**
 * Pairs of published counts of the same LA, period and item ({@link itemOfIndicator}) that give a small group's count
 * back (the rule in the file's comment): at most `limit` of them (in a pair, `first` is the count read first), and how
 * many there are. Counts are grouped by denominator and, within it, by their range; groups are compared, never every
 * two counts, and pairs are counted without being listed: a table of many rows of one key (a hostile file: 100,000
 * rows of counts 20–25) would otherwise list billions of pairs. Keys with more than `perKey` pairs are named in
 * `crowded` with their count of pairs (scanPaths reports each as one finding beyond its first `perKey`).
 * @example
 * const a = { file: "c1/indicators.csv", location: "row 1", la: "E06900009", period: "2023", indicator: "pilot_s_q_pct_positive", denominator: 40, count: 25 };
 * differencingPairs([a, { ...a, file: "c2/indicators.csv", count: 20 }], 10).pairs[0].difference // 5
 */
export function differencingPairs(
  counts: readonly PublishedCount[],
  threshold: number,
  limit = Number.POSITIVE_INFINITY,
  resolveLa: LaResolver = laKeyAsWritten,
  perKey = Number.POSITIVE_INFINITY,
): { pairs: DifferencingPair[]; total: number; crowded: CrowdedKey[] } {
  const readOrder = new Map<PublishedCount, number>(counts.map((c, i) => [c, i]));
  const groups = groupsOfCounts(counts, resolveLa);
  const pairs: DifferencingPair[] = [];
  let total = 0;
  const list = (xs: readonly PublishedCount[], ys: readonly PublishedCount[], make: (x: PublishedCount, y: PublishedCount) => DifferencingPair) => {
    total += xs.length * ys.length;
    for (let i = 0; i < xs.length && pairs.length < limit; i++) for (let j = 0; j < ys.length && pairs.length < limit; j++) pairs.push(make(xs[i], ys[j]));
  };
  // the count read first is reported, the other named
  const ordered = (x: PublishedCount, y: PublishedCount): [PublishedCount, PublishedCount] => (readOrder.get(x)! < readOrder.get(y)! ? [x, y] : [y, x]);
  const keyTotals = new Map<Map<number, Map<string, PublishedCount[]>>, number>();
  for (const byDenominator of groups.values()) {
    const before = total;
    const denominators = [...byDenominator.keys()].sort((a, b) => a - b);
    for (const [k, d] of denominators.entries()) {
      // the same respondents: counts whose every possible difference is small; sorted by least count, each range is
      // compared only with those whose least count is less than the threshold above its own
      const ranges = [...byDenominator.get(d)!.values()].sort((x, y) => x[0].count - y[0].count || maxOf(x[0]) - maxOf(y[0]));
      for (let i = 0; i < ranges.length; i++) {
        const low = ranges[i][0];
        for (let j = i + 1; j < ranges.length && ranges[j][0].count - low.count < threshold; j++) {
          const high = ranges[j][0];
          const least = high.count - maxOf(low);
          const most = maxOf(high) - low.count;
          if (!isSmallCount(least, threshold) || !isSmallCount(most, threshold)) continue;
          list(ranges[i], ranges[j], (x, y) => {
            const [first, second] = ordered(x, y);
            return { first, second, difference: least, differenceMax: most, respondents: 0 };
          });
        }
      }
      // a few respondents apart: every two counts, whatever they are (a count from fewer digits: see fewDigitPairs)
      const all = [...byDenominator.get(d)!.values()].flat().filter((c) => !fromFewDigits(c));
      for (let m = k + 1; m < denominators.length && isSmallCount(denominators[m] - d, threshold); m++) {
        const others = [...byDenominator.get(denominators[m])!.values()].flat().filter((c) => !fromFewDigits(c));
        const make = (x: PublishedCount, y: PublishedCount): DifferencingPair => {
          const [first, second] = ordered(x, y);
          const difference = Math.abs(y.count - x.count);
          return { first, second, difference, differenceMax: difference, respondents: denominators[m] - d };
        };
        list(all, others, make);
        fewDigitPairs(byDenominator.get(d)!, byDenominator.get(denominators[m])!, denominators[m] - d, (xs, ys) => list(xs, ys, make));
      }
    }
    keyTotals.set(byDenominator, total - before);
  }
  const members = [...groups.values()].map((byDenominator) => [...byDenominator.values()].flatMap((byRange) => [...byRange.values()].flat()));
  const scaled = multiplePairs(members, threshold, limit - pairs.length, (x, y) => readOrder.get(x)! < readOrder.get(y)!);
  total += scaled.total;
  append(pairs, scaled.pairs);
  for (const [k, byDenominator] of [...groups.values()].entries()) {
    const found = nestedPairs(members[k].filter((c) => !fromFewDigits(c)), threshold, limit - pairs.length);
    total += found.total;
    keyTotals.set(byDenominator, keyTotals.get(byDenominator)! + scaled.totals[k] + found.total);
    for (const p of found.pairs) {
      const [first, second] = ordered(p.first, p.second);
      pairs.push({ ...p, first, second });
    }
  }
  const crowded: CrowdedKey[] = [];
  for (const [k, byDenominator] of [...groups.values()].entries()) {
    const pairsOfKey = keyTotals.get(byDenominator)!;
    if (pairsOfKey > perKey) crowded.push({ first: members[k].reduce((a, b) => (readOrder.get(b)! < readOrder.get(a)! ? b : a)), pairs: pairsOfKey });
  }
  return { pairs, total, crowded };
}

/** A key (LA, period, item) with more pairs than differencingPairs' `perKey`: its count read first, and its pairs. */
export interface CrowdedKey {
  first: PublishedCount;
  pairs: number;
}

/** A count worked back from a value of fewer than 12 digits (./derived-counts.ts PAIR_MIN_SHARE_DIGITS): read by the pair test only. */
const fromFewDigits = (c: PublishedCount) => c.derived?.from === "digits" && c.derived.digits < MIN_SHARE_DIGITS;

/**
 * Counts of denominators `respondents` apart (`low`'s smaller, each grouped by its range as differencingPairs groups
 * them) of which one or both were worked back from fewer than 12 digits, given to `pair` group by group: only exact
 * counts at most `respondents` apart (were one group among the other, the respondents added could account for the
 * difference). The chance that a value fits one of these by accident is the pair test's (./derived-counts.ts), not
 * "whatever the counts": for those, any of thousands of fractions beside the first would do.
 */
function fewDigitPairs(
  low: ReadonlyMap<string, readonly PublishedCount[]>,
  high: ReadonlyMap<string, readonly PublishedCount[]>,
  respondents: number,
  pair: (xs: readonly PublishedCount[], ys: readonly PublishedCount[]) => void,
): void {
  const exactAt = (groups: ReadonlyMap<string, readonly PublishedCount[]>, x: number) => groups.get(`${x} ${x}`) ?? [];
  for (const members of low.values()) {
    const few = members.filter(fromFewDigits);
    if (few.length === 0) continue;
    for (let y = few[0].count - respondents; y <= few[0].count + respondents; y++) {
      const ys = exactAt(high, y);
      if (ys.length > 0) pair(few, ys);
    }
  }
  for (const members of high.values()) {
    const few = members.filter(fromFewDigits);
    if (few.length === 0) continue;
    for (let x = few[0].count - respondents; x <= few[0].count + respondents; x++) {
      const xs = exactAt(low, x).filter((c) => !fromFewDigits(c));
      if (xs.length > 0) pair(xs, few);
    }
  }
}

/**
 * The indices of derived counts that repeat one the scan reads already (published, or derived before it) of the same
 * key (`keys[i]`: counts[i]'s), denominator and count: a package's intervals.csv gives back its indicators.csv's
 * counts, and each pair would be reported twice or four times over.
 */
function derivedRepeats(counts: readonly PublishedCount[], keys: readonly string[]): Set<number> {
  const repeated = new Set<number>();
  if (!counts.some((c) => c.derived !== undefined)) return repeated;
  const id = (i: number) => `${keys[i]}\u0000${counts[i].denominator}\u0000${counts[i].count}`;
  const seen = new Set<string>();
  counts.forEach((c, i) => {
    if (c.derived === undefined && c.countMax === undefined) seen.add(id(i));
  });
  counts.forEach((c, i) => {
    if (c.derived === undefined) return;
    const k = id(i);
    if (seen.has(k)) repeated.add(i);
    seen.add(k);
  });
  return repeated;
}

/** Most derived counts × other counts of one key whose multiples are compared (a hostile file of one key's rows is not compared two by two). */
const MAX_MULTIPLE_COMPARISONS = 1_000_000;

/**
 * Pairs of a count derived from a value's digits, taken k ≥ 2 times, and another count of the same key: a share's
 * digits give its fraction in lowest terms (302 of 2972 as 151 of 1486), so the count is k times it for some k. A
 * multiple is taken when k × its denominator is the other's, or 1 … threshold − 1 from it, and the two counts differ by
 * no more than the respondents between them (no more than threshold − 1 for one denominator): then the pair is found as
 * two published counts would be (151 of 1486 times 2 is 302 of 2972, one child more than 301 of 2971). At most `limit`
 * listed, all counted (in all, and by key in `totals`); `before(x, y)`: x was read before y (the pair's `first`).
 */
function multiplePairs(keys: readonly (readonly PublishedCount[])[], threshold: number, limit: number, before: (x: PublishedCount, y: PublishedCount) => boolean): { pairs: DifferencingPair[]; total: number; totals: number[] } {
  const pairs: DifferencingPair[] = [];
  let total = 0;
  const totals = keys.map(() => 0);
  for (const [key, counts] of keys.entries()) {
    const derived = counts.filter((c) => c.derived?.from === "digits");
    const exact = counts.filter((c) => c.countMax === undefined);
    if (derived.length === 0 || derived.length * exact.length > MAX_MULTIPLE_COMPARISONS) continue;
    for (const d of derived) {
      for (const o of exact) {
        const k = Math.round(o.denominator / d.denominator);
        const respondents = Math.abs(k * d.denominator - o.denominator);
        const difference = Math.abs(k * d.count - o.count);
        if (o === d || k < 2 || respondents >= threshold || (respondents === 0 ? !isSmallCount(difference, threshold) : difference > respondents)) continue;
        total++;
        totals[key]++;
        if (pairs.length >= limit) continue;
        const times: PublishedCount = { ...d, count: k * d.count, denominator: k * d.denominator, derived: { ...(d.derived as { from: "digits"; digits: number }), multiple: k } };
        const [first, second] = before(d, o) ? [times, o] : [o, times];
        pairs.push({ first, second, difference, differenceMax: difference, respondents });
      }
    }
  }
  return { pairs, total, totals };
}

/** Exact counts by a whole key (a count, or the respondents who did not count), each list sorted by denominator. */
function byDenominatorWithin(counts: readonly PublishedCount[], key: (c: PublishedCount) => number): Map<number, PublishedCount[]> {
  const m = new Map<number, PublishedCount[]>();
  for (const c of counts) {
    const k = key(c);
    const list = m.get(k);
    if (list) list.push(c);
    else m.set(k, [c]);
  }
  for (const list of m.values()) list.sort((a, b) => a.denominator - b.denominator);
  return m;
}

/** The first index of `sorted` (by denominator) whose denominator is at least `least`. */
function firstFrom(sorted: readonly PublishedCount[], least: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].denominator < least) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Pairs of exact counts of one key whose denominators are `threshold` or more apart and whose added respondents
 * (larger minus smaller, were one group among the other) hold a small count who counted, or else a small count who did
 * not: at most `limit` listed, all counted. Each count is looked up by the counts and non-counts 1 … threshold − 1
 * above its own (sorted by denominator, found by bisection), so a key of many rows is never compared two by two.
 */
function nestedPairs(counts: readonly PublishedCount[], threshold: number, limit: number): { pairs: DifferencingPair[]; total: number } {
  const exact = counts.filter((c) => c.countMax === undefined);
  const byCount = byDenominatorWithin(exact, (c) => c.count);
  const byNonCount = byDenominatorWithin(exact, (c) => c.denominator - c.count);
  const pairs: DifferencingPair[] = [];
  let total = 0;
  const take = (x: PublishedCount, list: readonly PublishedCount[] | undefined, least: number) => {
    if (!list) return;
    const from = firstFrom(list, least);
    total += list.length - from;
    for (let i = from; i < list.length && pairs.length < limit; i++) {
      const y = list[i];
      const counted = y.count - x.count;
      pairs.push({ first: x, second: y, difference: counted, differenceMax: counted, respondents: y.denominator - x.denominator, added: { counted, notCounted: y.denominator - x.denominator - counted } });
    }
  };
  for (const x of exact) {
    for (let d = 1; d < threshold; d++) {
      // a small count of the added counted (and so, the denominators being the threshold apart, at least one did not)
      take(x, byCount.get(x.count + d), x.denominator + threshold);
      // a small count of the added did not, and the threshold or more counted (fewer: a pair above)
      take(x, byNonCount.get(x.denominator - x.count + d), x.denominator + threshold + d);
    }
  }
  return { pairs, total };
}

const maxOf = (c: PublishedCount) => c.countMax ?? c.count;
