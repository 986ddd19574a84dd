/**
 * LA-level indicators from pilot response counts, with disclosure control applied at the source.
 *
 * For each (LA, period, item) with records:
 * - **share positive** = x/n × 100, where n = respondents who answered the item (the denominator) and x those
 *   whose response is one of the item's positive responses; 95% Wilson score interval
 *   (`wilsonInterval`, = R `prop.test(x, n, correct = FALSE)$conf.int`);
 * - **mean score** (ordered scales only) = Σ score / n with the t interval mean ± t₀.₉₇₅,ₙ₋₁ · s/√n
 *   (= R `t.test(scores)$conf.int`).
 *
 * When n is a small count (0 < n < threshold, default 10) the estimate, its interval and n itself are
 * withheld (NaN) and the status is `suppressed:disclosure`: the small-sample numbers never leave this
 * function. A share positive whose x or n − x is a small count is suppressed the same way, since the share
 * and n give x = share × n / 100 back (rule and sources: lib/disclosure/suppress-indicators.ts); so is the mean
 * beside it, and a mean that gives a small count back with the share (`meanRevealsSmallCount`: so few responses
 * can be below the top, or above the bottom, of the positive answers or of the others). A group whose records are
 * all blank gets status `not-available:no-responses`.
 */
import * as path from "node:path";
import { InputError } from "../errors";
import type { CatalogueRow, IndicatorRow } from "../data/types";
import { defaultFrameworkTags } from "../data/framework";
import { CONFIDENCE_95, wilsonInterval } from "../indicators/intervals";
import { checkConf } from "../stats/conf";
import { tQuantile } from "../stats/distributions";
import { DEFAULT_DISCLOSURE_THRESHOLD, DISCLOSURE_STATUS, isSmallCount, type CountTable } from "../disclosure/suppress-counts";
import { meanRevealsSmallCount, rateRevealsSmallCount } from "../disclosure/suppress-indicators";
import { scaleById, type InstrumentSet, type ItemRef, type ScaleDefinition } from "./instruments";
import type { PilotTally } from "./tally-records";

/** The two kinds of pilot indicator an item gives. */
export type PilotIndicatorKind = "share_positive" | "mean_score";

const BOTH_KINDS: readonly PilotIndicatorKind[] = ["share_positive", "mean_score"];
const SHARE_ONLY: readonly PilotIndicatorKind[] = ["share_positive"];

/** Status of a group with records but no answered response. */
export const NO_RESPONSES_STATUS = "not-available:no-responses";
/** Catalogue `source` of pilot indicators starts with this (merging replaces only such rows). */
export const PILOT_SOURCE_PREFIX = "pilot:";

/** One LA-level pilot estimate. NaN fields are withheld or undefined; `status` says why. */
export interface PilotEstimate {
  la_code: string;
  period: number;
  indicator: string;
  kind: PilotIndicatorKind;
  instrument: string;
  item: string;
  /** Percent (share positive) or score (mean). */
  estimate: number;
  lower: number;
  upper: number;
  conf: number;
  /** n: respondents who answered the item (NaN when suppressed). */
  respondents: number;
  /** x: positive responses (share only; NaN otherwise or when suppressed). */
  positive: number;
  /** "" when present; `suppressed:disclosure` or `not-available:no-responses` otherwise. */
  status: string;
  method: "wilson" | "t" | "none";
  /** Why the limits are NaN although the estimate is present (one respondent, no spread…). */
  reason?: string;
}

/**
 * Indicator id of an item's indicator: `<stem>_pct_positive` or `<stem>_mean`.
 * @example
 * pilotIndicatorId({ indicator: "pilot_child_trust_staff" }, "share_positive") // "pilot_child_trust_staff_pct_positive"
 */
export function pilotIndicatorId(item: { indicator: string }, kind: PilotIndicatorKind): string {
  return kind === "share_positive" ? `${item.indicator}_pct_positive` : `${item.indicator}_mean`;
}

/** t quantiles by confidence and degrees of freedom (the stdlib quantile is iterative; groups repeat n). */
const T_CACHE = new Map<string, number>();
function tCritical(conf: number, df: number): number {
  const key = `${conf}:${df}`;
  let t = T_CACHE.get(key);
  if (t === undefined) {
    t = tQuantile(1 - (1 - conf) / 2, df);
    if (T_CACHE.size < 100000) T_CACHE.set(key, t);
  }
  return t;
}

/** Σ counts[r] · scores[r] / Σ counts[r] (NaN when no counts) and n; `fn` names the caller in errors. */
function meanScore(fn: string, counts: ArrayLike<number>, scores: readonly number[]): { mean: number; n: number } {
  let n = 0;
  let sum = 0;
  for (let r = 0; r < scores.length; r++) {
    if (!(counts[r] >= 0)) throw new InputError(fn, "counts must be >= 0", counts[r]);
    n += counts[r];
    sum += counts[r] * scores[r];
  }
  return { mean: n === 0 ? NaN : sum / n, n };
}

/**
 * Mean of scores given as counts per score, with its t interval.
 * @param counts counts[r] = respondents with score scores[r]
 * @example
 * meanScoreInterval([1, 1, 1], [1, 2, 3]) // { estimate: 2, lower: -0.4841377, upper: 4.484138, n: 3 }
 */
export function meanScoreInterval(
  counts: ArrayLike<number>,
  scores: readonly number[],
  conf = CONFIDENCE_95,
): { estimate: number; lower: number; upper: number; n: number; sd: number; reason?: string } {
  if (counts.length !== scores.length) throw new InputError("meanScoreInterval", `counts and scores must have the same length (${scores.length})`, counts.length);
  checkConf("meanScoreInterval", conf);
  const { mean, n } = meanScore("meanScoreInterval", counts, scores);
  if (n === 0) return { estimate: NaN, lower: NaN, upper: NaN, n: 0, sd: NaN, reason: "no responses" };
  if (n === 1) return { estimate: mean, lower: NaN, upper: NaN, n, sd: NaN, reason: "one respondent: no interval" };
  let ss = 0;
  for (let r = 0; r < scores.length; r++) ss += counts[r] * (scores[r] - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const half = tCritical(conf, n - 1) * (sd / Math.sqrt(n));
  return { estimate: mean, lower: mean - half, upper: mean + half, n, sd };
}

/**
 * Estimate every pilot indicator for every (LA, period) with records, suppressing small groups.
 * Output order: period, LA (areas order), item (instrument file order), share before mean.
 * @param options `threshold` (default 10: groups of 1–9 respondents are suppressed), `conf` (default 0.95),
 *   `intervals` (default true; false: estimates only, `lower` and `upper` NaN and no `reason`, as the package's
 *   indicator rows need: the t quantile, whose @stdlib kernel takes ≈ 0.17 s CPU to load, is then not loaded;
 *   estimates, counts and statuses are the same either way)
 * @example
 * const estimates = estimatePilotIndicators(tallyPilotRecords(sources, set, codes));
 */
export function estimatePilotIndicators(
  tally: PilotTally,
  options: { threshold?: number; conf?: number; intervals?: boolean } = {},
): PilotEstimate[] {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  const conf = options.conf ?? CONFIDENCE_95;
  const intervals = options.intervals ?? true;
  if (!Number.isInteger(threshold) || threshold < 1) throw new InputError("estimatePilotIndicators", "threshold must be an integer >= 1", threshold);
  const { items, areaCodes, maxResponses, counts, unanswered } = tally;
  const nItems = items.length;
  const nAreas = areaCodes.length;
  const periodOrder = tally.periods.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  // per item, not per group: which of its responses are positive (the groups meanRevealsSmallCount takes)
  const groupsOfItem = items.map(positiveGroups);
  const out: PilotEstimate[] = [];
  for (const [period, p] of periodOrder) {
    for (let a = 0; a < nAreas; a++) {
      for (let it = 0; it < nItems; it++) {
        const g = (p * nAreas + a) * nItems + it;
        const ref: ItemRef = items[it];
        const base = g * maxResponses;
        const k = ref.scale.responses.length;
        let n = 0;
        let x = 0;
        for (let r = 0; r < k; r++) {
          n += counts[base + r];
          if (ref.item.positive.includes(ref.scale.responses[r])) x += counts[base + r];
        }
        if (n === 0 && unanswered[g] === 0) continue; // no records: not part of the pilot
        const kinds: readonly PilotIndicatorKind[] = ref.scale.scores ? BOTH_KINDS : SHARE_ONLY;
        // the mean goes with the share: published beside a share suppressed for 1 … 9 non-positive answers, the mean
        // narrows down how many (19 answers of 5 and one of 3: 4.9 over 20); and a mean near the top or bottom of
        // the positive or the other answers gives a small count back with the share (meanRevealsSmallCount)
        const shareHidden = rateRevealsSmallCount(x, n, threshold);
        for (const kind of kinds) {
          // one object shape for every estimate (literals, not spreads: this loop runs once per group)
          const e: PilotEstimate = {
            la_code: areaCodes[a],
            period,
            indicator: pilotIndicatorId(ref.item, kind),
            kind,
            instrument: ref.instrument.id,
            item: ref.item.id,
            estimate: NaN,
            lower: NaN,
            upper: NaN,
            conf,
            respondents: NaN,
            positive: NaN,
            status: "",
            method: "none",
          };
          if (n === 0) {
            e.respondents = 0;
            if (kind === "share_positive") e.positive = 0;
            e.status = NO_RESPONSES_STATUS;
          } else if (
            isSmallCount(n, threshold) || shareHidden ||
            (kind === "mean_score" && meanRevealsSmallCount(counts.subarray(base, base + k), ref.scale.scores!, threshold, groupsOfItem[it]))
          ) {
            e.status = DISCLOSURE_STATUS;
          } else if (kind === "share_positive") setShareEstimate(e, x, n, intervals);
          else setMeanEstimate(e, counts.subarray(base, base + k), ref.scale.scores!, intervals);
          out.push(e);
        }
      }
    }
  }
  return out;
}

/** Per response of the item's scale, 1 if it is positive, else 0: the share published beside the mean gives each group's count. */
function positiveGroups(ref: ItemRef): number[] {
  return ref.scale.responses.map((code) => (ref.item.positive.includes(code) ? 1 : 0));
}

/** A share positive is a percentage: wilsonInterval's multiplier. */
const PERCENT = 100;

/**
 * Fill a present share-positive estimate: x/n × 100 with its Wilson interval (limits NaN without `intervals`;
 * the estimate is then wilsonInterval's own formula, (x / n) × 100, without computing the interval).
 */
function setShareEstimate(e: PilotEstimate, x: number, n: number, intervals: boolean): void {
  if (intervals) {
    const w = wilsonInterval(x, n, { conf: e.conf, multiplier: PERCENT });
    e.estimate = w.estimate;
    e.lower = w.lower;
    e.upper = w.upper;
  } else e.estimate = (x / n) * PERCENT;
  e.respondents = n;
  e.positive = x;
  e.method = "wilson";
}

/** Fill a present mean-score estimate, with its t interval only when `intervals` (the t quantile is not needed else). */
function setMeanEstimate(e: PilotEstimate, counts: Float64Array, scores: readonly number[], intervals: boolean): void {
  if (intervals) {
    const m = meanScoreInterval(counts, scores, e.conf);
    e.estimate = m.estimate;
    e.lower = m.lower;
    e.upper = m.upper;
    e.respondents = m.n;
    if (m.reason) e.reason = m.reason;
  } else {
    const m = meanScore("estimatePilotIndicators", counts, scores);
    e.estimate = m.mean;
    e.respondents = m.n;
  }
  e.method = "t";
}

/**
 * Catalogue rows for every indicator the instruments define (domain from the item; share positive has
 * polarity up; a mean score takes its scale's direction).
 * @example
 * pilotCatalogue(set).map((c) => c.indicator)
 */
export function pilotCatalogue(set: InstrumentSet, options: { threshold?: number } = {}): CatalogueRow[] {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  const file = path.basename(set.file);
  const rows: CatalogueRow[] = [];
  for (const ins of set.instruments) {
    for (const item of ins.items) {
      const refScale = item.scale;
      const scaleDef = requireScale(refScale);
      const positiveLabels = item.positive.map((p) => scaleDef.labels[scaleDef.responses.indexOf(p)]).join(" or ");
      const source = `${PILOT_SOURCE_PREFIX} ${ins.label} (${file}, instrument ${ins.id}, item ${item.id})`;
      const suppression = `Groups with fewer than ${threshold} respondents, shares with 1–${threshold - 1} positive or 1–${threshold - 1} non-positive responses and the mean beside them, and means that would tell how few (under ${threshold}) responded below the top of the scale or above its bottom, are suppressed (status ${DISCLOSURE_STATUS}).`;
      // the framework tags of the item's domain, as `add` gives an own indicator of that domain: untagged, a survey's
      // "I feel safe" was screened as a candidate beside a safety outcome that `add`'s copy was kept out of (a user
      // trial, round 27)
      const tags = defaultFrameworkTags(item.domain);
      rows.push({
        ...tags,
        indicator: pilotIndicatorId(item, "share_positive"),
        label: `${item.label}: % positive`,
        domain: item.domain,
        polarity: "up",
        unit: "percent",
        numerator: `${ins.respondent} respondents answering ${positiveLabels}`,
        denominator: `${ins.respondent} respondents who answered the item`,
        source,
        definition: `Share of responses to "${item.label}" that are ${positiveLabels} (scale ${scaleDef.id}); serves the outcome "${item.outcome}". 95% Wilson interval. ${suppression}`,
      });
      if (scaleDef.scores) {
        rows.push({
          ...tags,
          indicator: pilotIndicatorId(item, "mean_score"),
          label: `${item.label}: mean score`,
          domain: item.domain,
          polarity: scaleDef.meanPolarity,
          unit: "score",
          numerator: "",
          denominator: `${ins.respondent} respondents who answered the item`,
          source,
          definition: `Mean score on scale ${scaleDef.id} (${scaleDef.responses.map((r, i) => `${r} ${scaleDef.labels[i]}`).join(", ")}) of responses to "${item.label}"; serves the outcome "${item.outcome}". 95% t interval. ${suppression}`,
        });
      }
    }
  }
  return rows;
}

/** An instrument's items that have no indicator row (no response to them was read), with whether that is all of them. */
export interface ItemsWithoutRows {
  instrument: string;
  items: string[];
  /** Every item of the instrument: no record of it at all. */
  wholeInstrument: boolean;
}

/**
 * The instruments' items that no indicator row gives (no record, or no response, for them): their catalogue rows are
 * left out of the package, since a catalogue row without rows is what `validate` warns of ("has no rows in
 * indicators.csv"), and the command names them. An instrument without records had kept its catalogue rows: 8
 * indicators listed with no value, and in a merge they replaced an earlier run's rows of the same ids.
 * @example
 * pilotItemsWithoutRows(set, new Set(rows.map((r) => r.indicator))) // [{ instrument: "staff_survey", items: ["motivated", …], wholeInstrument: true }]
 */
export function pilotItemsWithoutRows(set: InstrumentSet, given: ReadonlySet<string>): ItemsWithoutRows[] {
  const out: ItemsWithoutRows[] = [];
  for (const ins of set.instruments) {
    const items = ins.items.filter((item) => !given.has(pilotIndicatorId(item, "share_positive"))).map((item) => item.id);
    if (items.length > 0) out.push({ instrument: ins.id, items, wholeInstrument: items.length === ins.items.length });
  }
  return out;
}

function requireScale(id: string): ScaleDefinition {
  const s = scaleById(id);
  if (!s) throw new InputError("pilotCatalogue", "unknown scale", id);
  return s;
}

/**
 * Data-package indicator rows from estimates: value = estimate, numerator = positive responses (share only),
 * denominator = respondents. Suppressed groups keep their row with value null and their status (small
 * groups, and shares whose numerator or complement is a small count: see lib/disclosure/suppress-indicators.ts);
 * a small numerator is never written.
 * @example
 * pilotIndicatorRows(estimatePilotIndicators(tally)).length
 */
export function pilotIndicatorRows(estimates: readonly PilotEstimate[], options: { threshold?: number } = {}): IndicatorRow[] {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  return estimates.map((e) => {
    const present = e.status === "";
    const numerator = present && e.kind === "share_positive" && !isSmallCount(e.positive, threshold) ? e.positive : null;
    return {
      la_code: e.la_code,
      period: e.period,
      indicator: e.indicator,
      value: present ? e.estimate : null,
      numerator,
      denominator: present ? e.respondents : null,
      status: e.status,
    };
  });
}

/**
 * The response distribution of one item as a table of counts — LAs (with records) × response labels — ready
 * for disclosure control with `suppressSmallCounts` before it is shown. Blank responses are left out.
 * @throws InputError when the instrument/item or the period is not in the tally
 * @example
 * const table = responseTable(tally, { instrument: "child_survey", item: "trust_staff", period: 2023 });
 * suppressedTableRows(suppressSmallCounts(table)); // [c] where a count is 1–9, and what would give it back
 */
export function responseTable(tally: PilotTally, which: { instrument: string; item: string; period: number }): CountTable {
  const it = tally.items.findIndex((r) => r.instrument.id === which.instrument && r.item.id === which.item);
  if (it < 0) throw new InputError("responseTable", "no such instrument/item in the tally", `${which.instrument}/${which.item}`);
  const p = tally.periods.indexOf(which.period);
  if (p < 0) throw new InputError("responseTable", "no records for this period", which.period);
  const ref = tally.items[it];
  const k = ref.scale.responses.length;
  const nItems = tally.items.length;
  const nAreas = tally.areaCodes.length;
  const rowLabels: string[] = [];
  const counts: number[][] = [];
  for (let a = 0; a < nAreas; a++) {
    const g = (p * nAreas + a) * nItems + it;
    const row = Array.from(tally.counts.subarray(g * tally.maxResponses, g * tally.maxResponses + k));
    if (row.every((v) => v === 0)) continue;
    rowLabels.push(tally.areaCodes[a]);
    counts.push(row);
  }
  return { rowLabels, columnLabels: [...ref.scale.labels], counts };
}
