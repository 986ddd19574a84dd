/**
 * Disclosure by differencing means, across the files the scanner is given: two published means of the same LA, period
 * and indicator whose denominators differ by 1 … threshold − 1 give back the total of the respondents in one and not
 * the other, as mean × n of the larger minus mean × n of the smaller. Round 27's user trial (S1-7): a
 * pilot item's mean score 3.482142857142857 of 56, then (a second run with one late respondent) 3.456140350877193 of
 * 57: totals 195 and 197, so the late respondent answered 2. Rounded to 2 decimals (3.48, 3.46) the totals are still
 * 195 and 197 exactly. Neither file alone, nor the counts rule (./differencing.ts: a mean has no count), found it.
 *
 * The rule, for two means of one key (LA, period, indicator; compared as ./differencing.ts compares counts' keys):
 * - their denominators differ by k = 1 … threshold − 1 (equal denominators are the same respondents: their means'
 *   difference is a change of answers, not anyone's answer; denominators the threshold or more apart leave a group of
 *   the threshold or more);
 * - each mean is read as written, to its decimals: 3.48 is 3.475 … 3.485, so its n × mean is an interval of totals
 *   (for answers that are whole numbers, the whole numbers in it: 194.6 … 195.16 is 195);
 * - the newcomers' total is the larger group's total minus the smaller's, an interval, and lies within k × the
 *   scale's least answer … k × its greatest when the scale is known;
 * - a finding when that interval is narrower than k × the scale's spread (the newcomers' answers pinned to a value
 *   or to a range narrower than "anything on the scale"); when the interval is empty (the smaller group cannot be
 *   among the larger) it gives nothing. Without a known scale any interval is narrower (fail closed): the finding
 *   gives the interval, for the reader to judge.
 *
 * Which values are means: in a data package, an indicator of catalogue unit `score` (the pilot's `_mean` ids; the
 * official import's Attainment 8 or SDQ averages, left unchecked in the package's own files as published); the scale
 * is read from the catalogue's definition when it states one ("Mean score on scale likert5 (1 Strongly disagree, …,
 * 5 Strongly agree)", as lib/pilot/indicators.ts writes it). Outside a package's catalogue, an id naming a mean or
 * average (`_mean`, `mean_`, `average`, `avg`); a pilot mean id (`pilot_…_mean`) is taken on the pilot's widest
 * scale, whole answers 1–5. Rates are not means here, whatever their name (`rate`, `per_10k`, a percentage): a rate per
 * 10,000 is a count over a public population (ONS), so two rates of one LA give back the count whatever this rule
 * says; rates of small counts over public populations are a separate question, left for later.
 */
import { parsePeriodCell } from "../data/periods";
import { LONG_INDICATOR_COLUMNS, normaliseHeader } from "../data/own-data/read-table";
import { laKeyColumn, periodColumn } from "./la-columns";
import { laKeyAsWritten, type LaResolver } from "./scan-areas";
import { isSmallCount } from "./suppress-counts";
import type { PublishedCell } from "./differencing";

/** The answers a mean averages: their least and greatest, and whether each is a whole number (a scale's scores). */
export interface AnswerScale {
  min: number;
  max: number;
  whole: boolean;
  /** Where the scale was read: a package's catalogue, or the pilot's id (its widest scale). */
  from: "catalogue" | "pilot id";
}

/** One published mean, with where it was read (`location`: `row 3 column "value"`). */
export interface PublishedMean extends PublishedCell {
  /** The mean as written (`3.48`). */
  text: string;
  /** Decimals written (`3.48`: 2); the mean is its value ± half a unit of the last of them. */
  decimals: number;
  /** The answers' scale, when known. */
  scale?: AnswerScale;
}

/** Two means that give the total of a few respondents back. */
export interface MeanDifferencingPair {
  /** The mean read first. */
  first: PublishedMean;
  second: PublishedMean;
  /** How many respondents the larger denominator has more than the smaller (1 … threshold − 1). */
  respondents: number;
  /** The totals mean × n of the smaller group and of the larger (intervals; whole numbers when the answers are). */
  smallerTotal: { lo: number; hi: number };
  largerTotal: { lo: number; hi: number };
  /** The newcomers' total: the larger group's total minus the smaller's, within the scale when it is known. */
  total: { lo: number; hi: number };
}

/** A key (LA, period, indicator) with more distinct means than are compared two by two: its mean read first, and its means. */
export interface CrowdedMeans {
  first: PublishedMean;
  means: number;
}

/**
 * The pilot's widest scale (lib/pilot/instruments.ts SCALES: likert5 scores 1–5; audit4 1–4), for a pilot mean id
 * read without its catalogue: a wider scale than the item's only makes more intervals narrower than it (fail closed).
 */
export const PILOT_WIDEST_SCALE: AnswerScale = Object.freeze({ min: 1, max: 5, whole: true, from: "pilot id" as const });

/** An id that names a mean or average. */
const MEAN_ID_RE = /(^|[_\s-])(mean|average|avg)([_\s-]|$)/i;
/** An id that names a rate or a share: never a mean here (see the file's comment). */
const RATE_ID_RE = /rate|per_?10k|per_?1000|per_?100k|pct|percent|share|prop/i;
/** A pilot mean score's id (lib/pilot/indicators.ts pilotIndicatorId). */
const PILOT_MEAN_ID_RE = /^pilot_.+_mean$/i;
/** A mean as written: digits, optionally a point and decimals (no exponent, no thousands separator). */
const MEAN_TEXT_RE = /^-?\d+(?:\.(\d+))?$/;
/** A whole denominator: `56`, or `56.0` (pandas writes a whole column so when it has a blank). */
const WHOLE_RE = /^\d+(?:\.0+)?$/;
/** Names of a denominator column (normalised: lower case). */
const DENOMINATOR_NAMES = ["denominator", "n"];
/**
 * Most distinct means (denominator and value as written) of one key compared two by two: a table of LA figures has a
 * few per key (one per run or wave); a key of more is one finding, not checked. At 50, a hostile 24 MB CSV of keys of
 * 50 means each, denominators all within 9, is ≈ 12 million comparisons (at 200, 58 million took 40 s of CPU).
 */
export const MAX_MEANS_PER_KEY = 50;

/**
 * The scale a catalogue definition states, as lib/pilot/indicators.ts writes it: "Mean score on scale likert5 (1
 * Strongly disagree, 2 Disagree, …, 5 Strongly agree)"; undefined when it states none.
 * @example
 * scaleOfDefinition("Mean score on scale audit4 (1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate) of …") // { min: 1, max: 4, whole: true, from: "catalogue" }
 */
export function scaleOfDefinition(definition: string): AnswerScale | undefined {
  const list = /\bon scale [\w-]+ \(([^)]*)\)/.exec(definition)?.[1];
  if (list === undefined) return undefined;
  const scores = list.split(", ").map((entry) => /^(-?\d+(?:\.\d+)?) /.exec(entry)?.[1]);
  if (scores.length < 2 || scores.some((s) => s === undefined)) return undefined;
  const values = scores.map(Number);
  // reduced, not spread into Math.min's arguments: a hostile definition of 200,000 scores would overflow the stack
  const min = values.reduce((a, b) => Math.min(a, b));
  const max = values.reduce((a, b) => Math.max(a, b));
  return { min, max, whole: values.every(Number.isInteger), from: "catalogue" };
}

/** How a table's scan knows means: a package's catalogue (id → unit, and the scales of its means). */
export interface MeanOptions {
  publishedIndicators?: ReadonlySet<string>;
  /** The catalogue's unit of each indicator (a package's); an id it lists is a mean only if its unit is `score`. */
  indicatorUnits?: ReadonlyMap<string, string>;
  /** The scales the catalogue's definitions state, by indicator id. */
  meanScales?: ReadonlyMap<string, AnswerScale>;
}

/**
 * True when an indicator's value is a mean (see the file's comment): catalogue unit `score`, else an id naming a mean
 * that names no rate or share.
 * @example
 * isMeanIndicator("pilot_child_survey_trust_staff_mean") // true
 * isMeanIndicator("cla_rate_per_10k") // false
 */
export function isMeanIndicator(indicator: string, options: MeanOptions = {}): boolean {
  const unit = options.indicatorUnits?.get(indicator);
  if (unit !== undefined) return unit.trim() === "score";
  return MEAN_ID_RE.test(indicator) && !RATE_ID_RE.test(indicator);
}

/**
 * The published means of a table: rows of an `indicator` column naming a mean ({@link isMeanIndicator}), an LA, a
 * whole `denominator` (or `n`) > 0 and a `value` written as a decimal; rows of official indicators left out.
 * @example
 * publishedMeansOfTable("w1.csv", ["la_code", "period", "indicator", "value", "denominator"],
 *   [["E06900009", "2023", "pilot_s_q_mean", "3.48", "56"]], (r, k) => `row ${r}`)[0].decimals // 2
 */
export function publishedMeansOfTable(
  file: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  where: (row: number, col: number) => string,
  options: MeanOptions = {},
): PublishedMean[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const indicatorColumn = header.map(normaliseHeader).findIndex((n) => (LONG_INDICATOR_COLUMNS as readonly string[]).includes(n));
  const la = laKeyColumn(header)?.column ?? -1;
  const period = periodColumn(header);
  const denominatorColumn = names.findIndex((n) => DENOMINATOR_NAMES.includes(n));
  const value = names.indexOf("value");
  if (indicatorColumn < 0 || la < 0 || denominatorColumn < 0 || value < 0) return [];
  const means: PublishedMean[] = [];
  rows.forEach((cells, r) => {
    const indicator = (cells[indicatorColumn] ?? "").trim();
    if (indicator === "" || options.publishedIndicators?.has(indicator) || !isMeanIndicator(indicator, options)) return;
    const denominatorText = (cells[denominatorColumn] ?? "").trim();
    const text = (cells[value] ?? "").trim();
    const written = MEAN_TEXT_RE.exec(text);
    if (written === null || !WHOLE_RE.test(denominatorText) || Number(denominatorText) === 0) return;
    const scale = options.meanScales?.get(indicator) ?? (PILOT_MEAN_ID_RE.test(indicator) ? PILOT_WIDEST_SCALE : undefined);
    means.push({
      file,
      location: where(r + 1, value),
      la: (cells[la] ?? "").trim(),
      period: period >= 0 ? (cells[period] ?? "").trim() : "",
      indicator,
      denominator: Number(denominatorText),
      text,
      decimals: written[1]?.length ?? 0,
      ...(scale === undefined ? {} : { scale }),
    });
  });
  return means;
}

/**
 * The totals n × mean that a mean as written allows: n × (mean ± half a unit of its last decimal), widened by a few
 * units of float rounding (a mean written to 15 decimals is the double nearest n × mean / n, not the fraction itself);
 * the whole numbers in it when the answers are whole.
 * @example
 * totalsOfMean({ denominator: 56, text: "3.48", decimals: 2, scale: PILOT_WIDEST_SCALE }) // { lo: 195, hi: 195 }
 */
export function totalsOfMean(m: Pick<PublishedMean, "denominator" | "text" | "decimals" | "scale">): { lo: number; hi: number } {
  const mean = Number(m.text);
  const half = 0.5 * 10 ** -m.decimals;
  const float = 8 * Number.EPSILON * m.denominator * Math.max(1, Math.abs(mean));
  const lo = m.denominator * (mean - half) - float;
  const hi = m.denominator * (mean + half) + float;
  return m.scale?.whole ? { lo: Math.ceil(lo), hi: Math.floor(hi) } : { lo, hi };
}

/** The key of a mean, as ./differencing.ts keys counts: LA resolved, period as the year ending March, id in lower case. */
function meanKey(m: PublishedMean, resolveLa: LaResolver): string {
  const year = parsePeriodCell(m.period);
  return `${resolveLa(m.la, m.period)}\u0000${year === undefined ? m.period.toLowerCase() : String(year)}\u0000${m.indicator.toLowerCase()}`;
}

/** The distinct means of a key: those written alike (denominator and value), and the totals they allow, worked out once. */
interface MeanEntry {
  /** The first of them, and the indices of all (in the means compared). */
  mean: PublishedMean;
  members: number[];
  /** Totals on the mean's own scale (whole when its answers are), and as any number. */
  totals: { lo: number; hi: number };
  anyTotals: { lo: number; hi: number };
}

/** A distinct mean's entry, its totals worked out once (a key's means are compared many times over). */
function meanEntry(means: readonly PublishedMean[], members: number[]): MeanEntry {
  const mean = means[members[0]];
  return { mean, members, totals: totalsOfMean(mean), anyTotals: totalsOfMean({ ...mean, scale: undefined }) };
}

/**
 * The newcomers' total of two means of denominators `respondents` apart (`smaller` of the smaller), or undefined when
 * it tells nothing: the interval is empty, or as wide as the scale allows (k × its spread or more).
 */
function newcomersTotal(smaller: MeanEntry, larger: MeanEntry, respondents: number): Omit<MeanDifferencingPair, "first" | "second" | "respondents"> | undefined {
  // one scale for both: a catalogue's before a pilot id's
  const scale = smaller.mean.scale?.from === "catalogue" ? smaller.mean.scale : larger.mean.scale ?? smaller.mean.scale;
  const onScale = (e: MeanEntry) => (e.mean.scale === scale ? e.totals : totalsOfMean({ ...e.mean, scale }));
  let smallerTotal = onScale(smaller);
  let largerTotal = onScale(larger);
  if (smallerTotal.lo > smallerTotal.hi || largerTotal.lo > largerTotal.hi) {
    // no whole total fits a mean: its answers are not the scale's whole scores after all, so totals are read as any number
    smallerTotal = smaller.anyTotals;
    largerTotal = larger.anyTotals;
  }
  let lo = largerTotal.lo - smallerTotal.hi;
  let hi = largerTotal.hi - smallerTotal.lo;
  if (scale !== undefined) {
    lo = Math.max(lo, respondents * scale.min);
    hi = Math.min(hi, respondents * scale.max);
    if (lo > hi || hi - lo >= respondents * (scale.max - scale.min)) return undefined;
  }
  return { smallerTotal, largerTotal, total: { lo, hi } };
}

/**
 * Pairs of published means of one LA, period and indicator whose denominators are 1 … threshold − 1 apart and whose
 * totals (mean × n) pin the newcomers' answers (the rule in the file's comment): at most `limit` listed (`first`: the
 * mean read first), all counted. Means are grouped by key, then by denominator and value as written, so repeated rows
 * are compared once; a key of more than {@link MAX_MEANS_PER_KEY} distinct means is not compared but named in
 * `crowded` (a finding: it was not checked).
 * @example
 * const a = { file: "w1.csv", location: "row 1", la: "E06900009", period: "2023", indicator: "pilot_s_q_mean", denominator: 56, text: "3.48", decimals: 2, scale: PILOT_WIDEST_SCALE };
 * meanDifferencingPairs([a, { ...a, file: "w2.csv", denominator: 57, text: "3.46" }], 10).pairs[0].total // { lo: 2, hi: 2 }: 197 − 195
 */
export function meanDifferencingPairs(
  means: readonly PublishedMean[],
  threshold: number,
  limit = Number.POSITIVE_INFINITY,
  resolveLa: LaResolver = laKeyAsWritten,
): { pairs: MeanDifferencingPair[]; total: number; crowded: CrowdedMeans[] } {
  // key → mean as written → indices of its means, each level in the order first read (so a key's first group's first
  // index is the key's mean read first, and indices tell which of two means was read first)
  const groups = new Map<string, Map<string, number[]>>();
  means.forEach((m, index) => {
    const key = meanKey(m, resolveLa);
    let byValue = groups.get(key);
    if (!byValue) groups.set(key, (byValue = new Map()));
    const written = `${m.denominator} ${m.text}`;
    const members = byValue.get(written);
    if (members) members.push(index);
    else byValue.set(written, [index]);
  });
  const pairs: MeanDifferencingPair[] = [];
  const crowded: CrowdedMeans[] = [];
  let total = 0;
  for (const byValue of groups.values()) {
    if (byValue.size > MAX_MEANS_PER_KEY) {
      crowded.push({ first: means[byValue.values().next().value![0]], means: byValue.size });
      continue;
    }
    const distinct = [...byValue.values()].map((members) => meanEntry(means, members)).sort((x, y) => x.mean.denominator - y.mean.denominator);
    for (let i = 0; i < distinct.length; i++) {
      const d = distinct[i].mean.denominator;
      for (let j = i + 1; j < distinct.length && distinct[j].mean.denominator - d < threshold; j++) {
        const respondents = distinct[j].mean.denominator - d;
        if (!isSmallCount(respondents, threshold)) continue; // the same denominator: the same respondents
        const found = newcomersTotal(distinct[i], distinct[j], respondents);
        if (found === undefined) continue;
        total += distinct[i].members.length * distinct[j].members.length;
        for (const x of distinct[i].members) {
          for (const y of distinct[j].members) {
            if (pairs.length >= limit) break;
            pairs.push({ first: means[Math.min(x, y)], second: means[Math.max(x, y)], respondents, ...found });
          }
        }
      }
    }
  }
  return { pairs, total, crowded };
}
