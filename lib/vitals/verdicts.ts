/**
 * The verdict on each indicator from its selection frequency, completeness, reliability and redundancy (the
 * order is in lib/vitals/selection.ts's module comment). A verdict carries its code, every criterion it fails
 * with the value and the limit, and the numbers its reason quotes (`evidence`); the reason in words is written
 * in lib/report/verdict-words.ts, never here.
 */
import type { Domain } from "../data/types";
import { prepareOlsResiduals } from "../stats/ols";
import { pooledCorrelation, residualiseByPeriod } from "./redundancy";
import type { ScreenRow } from "./screen";
import type { SelectionInput, SelectionSettings } from "./selection-input";
import { nearCutoff, selectionFrequencySe } from "./frequency-uncertainty";

/** Completeness differences below this (5 percentage points) do not decide between near-duplicates. */
export const COMPLETENESS_TIE = 0.05;
/** Context R² of the indicator from which a lost association is attributed to confounding. */
export const CONFOUNDING_MIN_R2 = 0.1;
/**
 * Context R² from which an indicator is "largely explained by context". It no longer makes a verdict
 * "confounded" on its own: an indicator that stays associated after adjustment (partial p < α) is not
 * confounded, and its verdict says "largely explained by context (R² = …) but still associated after
 * adjustment" instead (e.g. the CLA rate on the official ILACS data: R² 0.52, partial ρ −0.29, p = 0.005).
 */
export const CONFOUNDING_STRONG_R2 = 0.5;
/** Frequency from which a non-selected indicator is called "unstable" rather than "weak". */
export const UNSTABLE_MIN_FREQUENCY = 0.2;

/**
 * "not-testable": the full-sample partial correlation is undefined (too few complete LAs, or no variation left in the
 * indicator or the outcome once context is regressed out), so nothing can be said of the association — unlike
 * "weak", which is a measured absence of one.
 */
export type VerdictCode = "selected" | "redundant" | "too-incomplete" | "unreliable" | "reliability-unknown" | "confounded" | "unstable" | "weak" | "not-testable";

/** The codes of the criteria a rejected indicator can fail on its own (besides redundancy). */
export type FailedCode = Exclude<VerdictCode, "selected" | "redundant">;

/** One failed criterion of a verdict: which, the indicator's value, and the limit it misses. */
export interface VerdictFailure {
  criterion: "completeness" | "year-to-year r" | "selection frequency" | "partial p" | "redundancy r";
  value: number;
  limit: number;
}

/** A pair's redundancy: |pooled r| after context (or without it when there is none) and the raw one. */
export interface Redundancy {
  r: number;
  rawR: number;
  n: number;
  periods: number;
  givenContext: boolean;
}

/**
 * Why the indicator a redundant one duplicates was kept: for a candidate pruned for redundancy, the first key of the
 * keeping order it wins on (more complete by at least {@link COMPLETENESS_TIE}, else more reliable, else more
 * frequently selected, else earlier in the input); for any other indicator, that the kept one is selected and
 * this one is not a candidate (module comment of lib/vitals/selection.ts, rules 1 and 2).
 */
export type KeptBecause = "more-complete" | "more-reliable" | "more-often-selected" | "listed-first" | "selected";

/** The numbers a verdict's reason quotes (lib/report/verdict-words.ts writes them). */
export interface VerdictEvidence {
  /** The indicator's screen row (offset 0). */
  row: ScreenRow;
  /** Its year-to-year reliability (NaN when unmeasurable). */
  reliability: number;
  /** Every criterion group it fails, the primary first (empty for a selected indicator). */
  failedCodes: FailedCode[];
  /** Largely explained by context (R² ≥ {@link CONFOUNDING_STRONG_R2}) but still associated after adjustment. */
  largelyContext: boolean;
  /** Of the slots the resamples draw from (`slotsDrawn`), those in which some LA has a value of the indicator. */
  slotsWithValues: number;
  slotsDrawn: number;
  /** The selection frequency's Monte Carlo standard error over the usable resamples (lib/vitals/frequency-uncertainty.ts; NaN when not known). */
  frequencySe: number;
  /**
   * When a cut-off of the verdicts (the threshold, {@link UNSTABLE_MIN_FREQUENCY}) lies within NEAR_LINE_SES standard
   * errors of the frequency and the verdict on its other side differs: that cut-off and that verdict (not for "redundant").
   */
  frequencyLine?: { cutoff: number; otherSide: VerdictCode };
  /** For "redundant": how the pair was measured, why the other was kept, and the kept indicator's completeness, reliability and selection frequency. */
  redundancy?: Redundancy & { keptBecause: KeptBecause; keptCompleteness: number; keptReliability: number; keptFrequency: number };
}

/** The verdict on one indicator (results.json `vital_signs`, whose `reason` lib/report/verdict-words.ts writes). */
export interface Verdict {
  indicator: string;
  domain: Domain;
  selected: boolean;
  selectionFrequency: number;
  /** The verdict; for a rejected indicator, the primary criterion it fails (order in the module comment). */
  code: VerdictCode;
  /**
   * Every criterion the indicator fails, the primary first, with its value and the limit it misses
   * (results.json `failures`); empty for a selected indicator.
   */
  failures: VerdictFailure[];
  /** For "redundant": the indicator kept instead. */
  redundantWith?: string;
  /** For a selected indicator: the near-duplicates it stands in for. */
  standsInFor?: string[];
  evidence: VerdictEvidence;
}

type Settings = SelectionSettings;

/** The near-duplicate found for an indicator: the kept one it duplicates, how, and why that one was kept. */
type Duplicate = { with: number; keptBecause: KeptBecause } & Redundancy;

/**
 * Verdicts from frequencies, completeness, reliability and redundancy (order in selection.ts's module comment);
 * `meter` measures redundancy (one made for `input` by default, or one prepared ahead: {@link redundancyMeter});
 * `drawnSlots` are the slots the resamples drew from (default every slot of the input); `usable` the resamples the
 * frequencies count over (their Monte Carlo SE; NaN or 0: no SE and no near-line note).
 * @example decideVerdicts(input, frequencies, settings)[0].code // "selected"
 */
export function decideVerdicts(
  input: SelectionInput, freq: Float64Array, s: Settings, meter: RedundancyMeter = redundancyMeter(input),
  drawnSlots: readonly number[] = input.slots.map((_, k) => k), usable = NaN,
): Verdict[] {
  const order = keepingOrder(input, freq);
  const candidates = candidatesInOrder(input, freq, s, order);
  const { kept, redundantWith } = pruneRedundant(meter, input, candidates, s.redundancyR, order);
  const keptSet = new Set(kept);
  const standsIn = new Map<number, string[]>();
  for (const [j, d] of redundantWith) standsIn.set(d.with, [...(standsIn.get(d.with) ?? []), input.indicators[j].indicator]);
  return input.indicators.map((ind, j): Verdict => {
    const row = input.screen[j];
    const reliability = input.reliability[j];
    const slotsWithValues = drawnSlots.filter((k) => hasAnyValue(input.slots[k].values[j])).length;
    const missingFromSlots = slotsWithValues < drawnSlots.length;
    // no usable resample (nothing could be tested: the frequencies are then 0 of 0) gives no SE
    const frequencySe = usable >= 1 ? selectionFrequencySe(freq[j], usable) : NaN;
    const line = (code: VerdictCode) => frequencyLine(input, j, freq[j], frequencySe, code, s, missingFromSlots);
    const slots = { slotsWithValues, slotsDrawn: drawnSlots.length, frequencySe };
    if (keptSet.has(j)) {
      const evidence: VerdictEvidence = { row, reliability, failedCodes: [], largelyContext: false, ...slots, ...line("selected") };
      return { indicator: ind.indicator, domain: ind.domain, selectionFrequency: freq[j], selected: true, code: "selected", standsInFor: standsIn.get(j), failures: [], evidence };
    }
    const failed = failedCriteria(input, j, freq[j], s, missingFromSlots);
    const evidence: VerdictEvidence = { row, reliability, failedCodes: failed.map((f) => f.code), largelyContext: largelyContext(input, row, s), ...slots };
    const criteria = failed.flatMap((f) => f.criteria);
    const dup = redundantWith.get(j);
    if (dup) {
      const { with: keptIndex, ...measure } = dup;
      evidence.redundancy = { ...measure, keptCompleteness: input.screen[keptIndex].completeness, keptReliability: input.reliability[keptIndex], keptFrequency: freq[keptIndex] };
      return {
        indicator: ind.indicator, domain: ind.domain, selectionFrequency: freq[j], selected: false, code: "redundant", redundantWith: input.indicators[keptIndex].indicator,
        failures: [{ criterion: "redundancy r", value: dup.r, limit: s.redundancyR }, ...criteria], evidence,
      };
    }
    // not a candidate, so it fails at least one criterion (completeness, reliability or frequency)
    return { indicator: ind.indicator, domain: ind.domain, selectionFrequency: freq[j], selected: false, code: failed[0].code, failures: criteria, evidence: { ...evidence, ...line(failed[0].code) } };
  });
}

/**
 * The cut-off near the frequency (within NEAR_LINE_SES standard errors) and the verdict the indicator would get just
 * on its other side, when that verdict differs from `code`; {} otherwise. The other side is judged by the same
 * criteria as the verdict (an indicator reaching the threshold with nothing else failing reads "selected"; its
 * redundancy with another is not re-run).
 */
function frequencyLine(
  input: SelectionInput, j: number, frequency: number, se: number, code: VerdictCode, s: Settings, missingFromSlots: boolean,
): { frequencyLine?: { cutoff: number; otherSide: VerdictCode } } {
  const cutoff = nearCutoff(frequency, se, code === "selected" ? [s.threshold] : [s.threshold, UNSTABLE_MIN_FREQUENCY]);
  if (cutoff === undefined) return {};
  // just below a cut-off the frequency fails it; at it, it reaches it
  const other = frequency >= cutoff ? cutoff - Number.EPSILON : cutoff;
  const failed = failedCriteria(input, j, other, s, missingFromSlots);
  const otherSide: VerdictCode = failed.length === 0 ? "selected" : failed[0].code;
  return otherSide === code ? {} : { frequencyLine: { cutoff, otherSide } };
}

/**
 * Reliability measured and at or above the minimum. An unmeasurable one (values in one year only, or no pair of
 * consecutive years with enough LAs) is not enough: a vital sign is watched from year to year, and a sign whose
 * steadiness cannot be measured cannot be called steady. It had counted as reliable, and with --offsets 1
 * csc_cla_spend_share_pct (one year of data) was "selected … complete enough and steady from year to year" while
 * its reason said "year-to-year r not measurable". Such an indicator is "reliability-unknown", not "unreliable".
 */
function reliableEnough(input: SelectionInput, j: number, s: Settings): boolean {
  return input.reliability[j] >= s.minReliability;
}

/**
 * The order in which redundancy keeps candidates, one comparison per key: more complete first ("more" only beyond
 * {@link COMPLETENESS_TIE}), then more reliable (unmeasurable last), then more frequently selected, then input
 * order. `compare(a, b)` < 0 when a is kept before b; `decidedBy(a, b)` names the first key on which a, kept
 * before b, wins.
 */
function keepingOrder(input: SelectionInput, freq: Float64Array) {
  const scr = input.screen;
  const rel = input.reliability;
  const relKey = (j: number) => (Number.isNaN(rel[j]) ? -Infinity : rel[j]);
  const keys: [Exclude<KeptBecause, "selected">, (a: number, b: number) => number][] = [
    ["more-complete", (a, b) => {
      const d = scr[b].completeness - scr[a].completeness;
      return Math.abs(d) >= COMPLETENESS_TIE ? d : 0;
    }],
    ["more-reliable", (a, b) => relKey(b) - relKey(a)],
    ["more-often-selected", (a, b) => freq[b] - freq[a]],
    ["listed-first", (a, b) => a - b],
  ];
  // a key deciding nothing gives 0, or NaN (two unmeasurable reliabilities: −∞ − −∞): both pass to the next key
  const compare = (a: number, b: number) => {
    for (const [, key] of keys) {
      const d = key(a, b);
      if (d) return d;
    }
    return 0;
  };
  const decidedBy = (a: number, b: number): Exclude<KeptBecause, "selected"> => keys.find(([, key]) => key(a, b))?.[0] ?? "listed-first";
  return { compare, decidedBy };
}

/** Candidates (frequency, completeness and reliability all reach their limits) in the order redundancy keeps them ({@link keepingOrder}). */
function candidatesInOrder(input: SelectionInput, freq: Float64Array, s: Settings, order: ReturnType<typeof keepingOrder>): number[] {
  const candidates: number[] = [];
  for (let j = 0; j < input.indicators.length; j++) {
    if (freq[j] >= s.threshold && input.screen[j].completeness >= s.minCompleteness && reliableEnough(input, j, s)) candidates.push(j);
  }
  return candidates.sort(order.compare);
}

/**
 * A pair's redundancy measured over all periods, after context when there is context (lib/vitals/redundancy.ts),
 * computed once per pair; `residualsAhead` computes every indicator's residuals on the context now (they depend on
 * the data only, not on the resampling), so a caller can do it while the resampling's workers run.
 */
export interface RedundancyMeter {
  (a: number, b: number): Redundancy;
  residualsAhead(): void;
}

/**
 * The {@link RedundancyMeter} of a selection's indicators and slots (the context of slot 0).
 * @example const meter = redundancyMeter(input); meter.residualsAhead(); decideVerdicts(input, freq, settings, meter);
 */
export function redundancyMeter(input: Pick<SelectionInput, "indicators" | "slots">): RedundancyMeter {
  const periodsOf = (j: number) => input.indicators[j].byPeriod ?? [input.slots[0].values[j]];
  const context0 = input.slots[0].context;
  const residuals = new Map<number, Float64Array[]>();
  const onContext0 = prepareOlsResiduals(context0); // one QR of the context per set of complete rows, for every indicator
  const residualsOf = (j: number) => {
    let r = residuals.get(j);
    if (!r) {
      r = residualiseByPeriod(periodsOf(j), context0, onContext0);
      residuals.set(j, r);
    }
    return r;
  };
  const pooled = new Map<string, Redundancy>();
  const meter = (a: number, b: number): Redundancy => {
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    let d = pooled.get(key);
    if (!d) {
      const raw = pooledCorrelation(periodsOf(a), periodsOf(b));
      const adjusted = context0.length > 0 ? pooledCorrelation(residualsOf(a), residualsOf(b)) : raw;
      d = { r: Math.abs(adjusted.r), rawR: Math.abs(raw.r), n: adjusted.n, periods: adjusted.periods, givenContext: context0.length > 0 };
      pooled.set(key, d);
    }
    return d;
  };
  // the same residuals as computed on demand (the QRs kept by onContext0 change the speed, never the numbers);
  // an indicator whose residuals fail is left to fail on demand, where it did before, if it is ever compared
  const residualsAhead = () => {
    if (context0.length === 0) return;
    for (let j = 0; j < input.indicators.length; j++) {
      try {
        residualsOf(j);
      } catch {
        // left to be computed (and to throw) on demand
      }
    }
  };
  return Object.assign(meter, { residualsAhead });
}

/**
 * Greedy redundancy pruning: a candidate near-duplicating (|r| ≥ cut) one already kept is redundant with the
 * first such (kept for the key of `order` it wins on); then any other indicator near-duplicating a kept one is
 * redundant with the closest (kept because it is selected).
 */
function pruneRedundant(
  corr: RedundancyMeter, input: SelectionInput, candidates: readonly number[], cut: number, order: ReturnType<typeof keepingOrder>,
): { kept: number[]; redundantWith: Map<number, Duplicate> } {
  const kept: number[] = [];
  const redundantWith = new Map<number, Duplicate>();
  for (const j of candidates) {
    let dup: Duplicate | undefined;
    for (const kj of kept) {
      const c = corr(j, kj);
      if (c.r >= cut) {
        dup = { with: kj, keptBecause: order.decidedBy(kj, j), ...c };
        break;
      }
    }
    if (dup) redundantWith.set(j, dup);
    else kept.push(j);
  }
  const keptSet = new Set(kept);
  for (let j = 0; j < input.indicators.length; j++) {
    if (keptSet.has(j) || redundantWith.has(j)) continue;
    let best: Duplicate | undefined;
    for (const kj of kept) {
      const c = corr(j, kj);
      if (c.r >= cut && (!best || c.r > best.r)) best = { with: kj, keptBecause: "selected", ...c };
    }
    if (best) redundantWith.set(j, best);
  }
  return { kept, redundantWith };
}

/** Whether any value is present (not NaN). */
function hasAnyValue(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) return true;
  return false;
}

/**
 * Every criterion group an indicator fails, in the primary order (selection.ts's module comment). `missingFromSlots`:
 * some slot the resamples draw from has no value of the indicator, so an LA drawing that slot brings none and the
 * resamples test it on fewer LAs: for an indicator of unknown reliability its low frequency is then no measure of
 * its stability, so "unstable" (the frequency's verdict alone) is not counted as a failure; confounded, weak and not
 * testable, which rest on the full sample, still are (csc_cla_spend_share_pct, 2024-25 only, was "unstable" at 38%
 * in the three-slot EET run and "selected" at 87% with one slot).
 */
function failedCriteria(
  input: SelectionInput, j: number, frequency: number, s: Settings, missingFromSlots: boolean,
): { code: FailedCode; criteria: VerdictFailure[] }[] {
  const row = input.screen[j];
  const failed: { code: FailedCode; criteria: VerdictFailure[] }[] = [];
  if (!(row.completeness >= s.minCompleteness)) {
    failed.push({ code: "too-incomplete", criteria: [{ criterion: "completeness", value: row.completeness, limit: s.minCompleteness }] });
  }
  if (!reliableEnough(input, j, s)) {
    const code = Number.isNaN(input.reliability[j]) ? "reliability-unknown" : "unreliable";
    failed.push({ code, criteria: [{ criterion: "year-to-year r", value: input.reliability[j], limit: s.minReliability }] });
  }
  if (frequency < s.threshold) {
    const association = associationFailure(input, row, frequency, s);
    // "unstable" is the frequency's verdict alone; confounded, weak and not testable rest on the full sample
    const frequencyUninformative = missingFromSlots && Number.isNaN(input.reliability[j]);
    if (!(frequencyUninformative && association.code === "unstable")) failed.push(association);
  }
  // an indicator that never shows an association is weak (or not testable) before it is unreliable or of unknown
  // reliability (module comment)
  const neverAssociated = !(row.spearmanP < s.alpha) && !(row.partialP < s.alpha);
  const unreliableAt = failed.findIndex((f) => f.code === "unreliable" || f.code === "reliability-unknown");
  const next = failed[unreliableAt + 1]?.code;
  if (neverAssociated && unreliableAt >= 0 && (next === "weak" || next === "not-testable")) failed.push(...failed.splice(unreliableAt, 1));
  return failed;
}

/**
 * Why the indicator's association falls short (frequency below the threshold): not testable (no full-sample
 * partial correlation, so no resample can select it either: lib/vitals/selection.ts canBeSelected), confounded,
 * unstable or weak.
 */
function associationFailure(
  input: SelectionInput, row: ScreenRow, frequency: number, s: Settings,
): { code: "not-testable" | "confounded" | "unstable" | "weak"; criteria: VerdictFailure[] } {
  const frequencyFailure: VerdictFailure = { criterion: "selection frequency", value: frequency, limit: s.threshold };
  if (Number.isNaN(row.partialR)) return { code: "not-testable", criteria: [frequencyFailure] };
  // "associated before adjustment": the unadjusted test (p < α) on the LAs the partial uses (the complete cases:
  // raw_r, raw_p), so that "the link goes once context is allowed for" compares one sample with itself. The Spearman
  // over every LA with the indicator and the outcome, on more LAs, had called csc_cla_spend_per_child confounded
  // on ρ −0.18 (p 0.027) over LAs the partial never saw
  const rawAssociated = row.rawP < s.alpha;
  // the association goes away once context is allowed for: weaker, and no longer significant (p ≥ α)
  const lost = Math.abs(row.partialR) < Math.abs(row.rawR) && !(row.partialP < s.alpha);
  if (input.contextNames.length > 0 && rawAssociated && lost && row.contextR2 >= CONFOUNDING_MIN_R2) {
    return { code: "confounded", criteria: [frequencyFailure, { criterion: "partial p", value: row.partialP, limit: s.alpha }] };
  }
  if (frequency >= UNSTABLE_MIN_FREQUENCY || row.qBh < s.alpha) return { code: "unstable", criteria: [frequencyFailure] };
  return { code: "weak", criteria: [frequencyFailure] };
}

/** Largely context (R² ≥ {@link CONFOUNDING_STRONG_R2}) but still associated after adjustment. */
function largelyContext(input: SelectionInput, row: ScreenRow, s: Settings): boolean {
  return input.contextNames.length > 0 && row.contextR2 >= CONFOUNDING_STRONG_R2 && row.partialP < s.alpha;
}

/**
 * Which domains have a vital sign; for the others the most frequently selected indicator and its verdict.
 * @example domainCoverage(verdicts, screen)[1] // { domain: "workforce", selected: [], best: { indicator: "x4", code: "unstable", selectionFrequency: 0.42 } }
 */
export function domainCoverage(verdicts: readonly Verdict[], screen: readonly ScreenRow[]): DomainCoverage[] {
  const domains = [...new Set(screen.map((r) => r.domain))];
  return domains.map((domain) => {
    const inDomain = verdicts.filter((v) => v.domain === domain);
    const selected = inDomain.filter((v) => v.selected).map((v) => v.indicator);
    if (selected.length > 0) return { domain, selected };
    // an indicator never resampled has a NaN frequency: last, or the comparator is inconsistent and the "best" arbitrary
    const frequency = (v: (typeof inDomain)[number]) => (Number.isNaN(v.selectionFrequency) ? -Infinity : v.selectionFrequency);
    const best = inDomain.slice().sort((a, b) => frequency(b) - frequency(a))[0];
    return best ? { domain, selected, best: { indicator: best.indicator, code: best.code, selectionFrequency: best.selectionFrequency } } : { domain, selected };
  });
}

/** A domain's coverage by the selection (results.json `domain_coverage`, whose `note` lib/report/results-words.ts writes). */
export interface DomainCoverage {
  domain: Domain;
  /** The domain's selected indicators (empty: not covered). */
  selected: string[];
  /** For a domain with indicators but none selected: the most frequently selected one, its verdict and frequency. */
  best?: { indicator: string; code: VerdictCode; selectionFrequency: number };
}
