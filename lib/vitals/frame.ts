/**
 * The analysis frame: a data package reshaped into what the screen and the selection work on — one row per
 * LA, for each indicator a value per analysed period, context variables for the analysis period, and the
 * outcome attached by an explicit link rule. Only LA-level aggregates are handled here.
 *
 * **Rows.** The LAs that exist in the analysis period (areas.csv first/last period).
 * **Indicators.** Every catalogue row not tagged context ({@link screenedByDefault}: need, demand and size are
 *   not screened; they are allowed for when given as context), or the rows listed whatever their tags; in catalogue order.
 * **Alignment** (which period's indicator values go with an LA's judgement), recorded with the results:
 * - `analysis-period`: every LA's values are from the analysis period P (the 2016 study: year ending March
 *   2015 against SIF judgements published up to March 2016);
 * - `judgement-period`: each LA's values are from the period its judgement is attached to (the judgement's
 *   `period`, or the year ending March on or before publication), so an inspection is compared with the
 *   indicators of the year it judged.
 *   The resampling lets each LA bring one of its earlier judgements instead, each with the indicators of its
 *   own period (see {@link FrameSlot} and lib/vitals/resampling-design.ts); under `analysis-period` one of
 *   its earlier indicator years.
 * - `outcome-year` (a continuous outcome, link rule `indicator-year`, lib/vitals/outcome-measure.ts): every
 *   LA's outcome value in year T against its indicators of year T − lag; slot k is the outcome in T − k with
 *   the indicators of T − k − lag. The analysis period is T − lag.
 * **Context rule.** For each LA and context variable, the value for the LA's row period; when there is none,
 * the value of the nearest period (the earlier one on a tie) — deprivation indices are published every few
 * years (IoD 2015, IoD 2019), so a year rarely has its own.
 * **Missing.** NaN in every numeric array (the package's `null`).
 */
import { InputError } from "../errors";
import type { CatalogueRow, DataPackage, Domain, Polarity } from "../data/types";
import { linkIndicatorOutcome, linkOutcomeRounds, linkOutcomes, outcomeLowerIsBetter, type LinkRule, type OutcomeLink } from "../context/link";
import { lowerIsBetterFromPolarity } from "./outcome-measure";
import { packageAsAnalysed, withheldOutcomeCells } from "./withheld-cells";
import { candidateExclusions, NO_CANDIDATE_LEFT, recordedExclusions, type CandidateExclusion } from "./candidate-exclusions";
import { outcomeGrid, outcomeNoise, refuseFullShrinkage, shrinkOutcomeValues, type OutcomeGrid, type OutcomeNoise, type ShrinkTarget, type ShrunkOutcome } from "./outcome-noise";
import { columnValues } from "./column-values";
import { candidateRule, screenedByDefault } from "../data/framework";

/** One indicator of the frame. */
export interface FrameIndicator {
  indicator: string;
  label: string;
  domain: Domain;
  polarity: Polarity;
  /** Values per calendar period (same order as frame.periods), each aligned with frame.laCodes. */
  byPeriod: Float64Array[];
}

/**
 * One replicate of the data the bootstrap can draw: an outcome per LA with the indicator values and context
 * that go with it. Slot 0 is the screen's. Under `analysis-period`, slot k holds the indicators k years
 * before the analysis period (same judgements); under `judgement-period`, slot k holds each LA's k-th
 * earlier judgement with the indicators of *its* period.
 */
export interface FrameSlot {
  label: string;
  outcome: OutcomeLink;
  /** Outcome oriented so that higher = better. */
  outcomeBetter: Float64Array;
  /** Per LA, the period of the indicator values (NaN: no judgement in this slot). */
  rowPeriod: Float64Array;
  /** Context values per variable (order of frame.context). */
  context: Float64Array[];
  contextPeriodsUsed: number[][];
  /** Indicator values per indicator (order of frame.indicators). */
  values: Float64Array[];
}

/** What {@link buildAnalysisFrame} returns. */
export interface AnalysisFrame {
  laCodes: string[];
  laNames: string[];
  /** The package's LAs that are not rows: they did not exist in the analysis period (areas.csv first/last period). */
  lasOutsidePeriod: LaOutsidePeriod[];
  /** The analysis period (year ending March): the LA list, and every row's period under `analysis-period`. */
  period: number;
  /** Periods with indicator values, ascending; includes `period`. */
  periods: number[];
  alignment: Alignment;
  /** The alignment in words (recorded in results.json). */
  alignmentRule: string;
  /** Slot numbers 0, 1, … (see {@link FrameSlot}): the screen uses 0, the bootstrap all. */
  offsets: number[];
  slots: FrameSlot[];
  /** Per LA: the period of its offset-0 values (NaN under `judgement-period` when it has no judgement). */
  rowPeriod: Float64Array;
  indicators: FrameIndicator[];
  /** label: the catalogue's, for a need or demand indicator allowed for (lib/context/indicator-context.ts); absent for context.csv's variables. */
  context: { variable: string; values: Float64Array; periodsUsed: number[]; label?: string }[];
  outcome: OutcomeLink;
  /** Outcome oriented so that higher = better (e.g. 5 − grade for Ofsted); NaN where no judgement. */
  outcomeBetter: Float64Array;
  outcomeLowerIsBetter: boolean;
  /** The context rule in words (recorded in results.json). */
  contextRule: string;
  /** Which indicators are screened, in words (results.json `candidate_rule`): the default rule or the ones listed. */
  candidateRule: string;
  /** Present for a continuous outcome (an indicator, alignment `outcome-year`). */
  outcomeMeasure?: OutcomeMeasure;
  /**
   * 1 for each LA whose slot-0 outcome (a continuous outcome's, an unpublished indicator) an output must not show or
   * place: an unpublished indicator's small count (./withheld-cells.ts, the rule by which an LA profile withholds the
   * value), missing in `outcome.values` as every withheld value of the frame is (packageAsAnalysed), and counted apart
   * in the outcome's summary; all 0 for a grade.
   */
  withheldOutcome: Uint8Array;
}

/** An LA of areas.csv that did not exist in the analysis period (e.g. merged into a new unitary authority). */
export interface LaOutsidePeriod {
  laCode: string;
  laName: string;
  /** areas.csv first_period and last_period (null: open-ended). */
  firstPeriod: number | null;
  lastPeriod: number | null;
}

/** A continuous outcome's facts recorded with the frame. */
export interface OutcomeMeasure {
  indicator: string;
  label: string;
  polarity: Polarity;
  unit: string;
  /** Outcome year T of slot 0 and the indicator year T − lag. */
  outcomeYear: number;
  indicatorYear: number;
  lag: number;
  /** Candidates left out by the exclusion rule (lib/vitals/outcome-measure.ts) that were otherwise in the frame's set. */
  excluded: CandidateExclusion[];
  /** The outcome's noise at LA level in the outcome year (lib/vitals/outcome-noise.ts). */
  noise: OutcomeNoise;
  /** Present when the LA values were shrunk (FrameOptions.shrink): the target, and per slot τ², the LAs shrunk and those kept as published by reason. */
  shrink?: { target: ShrinkTarget; slots: ({ outcomeYear: number } & Omit<ShrunkOutcome, "values">)[] };
}

/** Which period's indicator values go with an LA's judgement (see the module comment). */
export type Alignment = "analysis-period" | "judgement-period" | "outcome-year";

/**
 * Slots built by default (see {@link FrameSlot}): under `judgement-period` the latest judgement and the two
 * before it (about three inspection cycles); under `analysis-period` the analysis year and the two before it.
 * Each resampled LA brings one of the slots *it has*; a slot with fewer than MIN_SLOT_LAS LAs (e.g. when every
 * LA has one judgement) is left out and reported (lib/vitals/resampling-design.ts), so this default also
 * works for one judgement per LA.
 */
export const DEFAULT_OFFSETS = 3;

/** Options of {@link buildAnalysisFrame}. */
export interface FrameOptions {
  /** The analysis period; default the latest period with indicator values. */
  period?: number;
  /** Context variables to adjust for (ids in context.csv). */
  context: readonly string[];
  link: LinkRule;
  /** Override the outcome's orientation (default: Ofsted grades lower is better). */
  outcomeLowerIsBetter?: boolean;
  /** Only these indicators, whatever their framework tags (default: those {@link screenedByDefault}). */
  indicators?: readonly string[];
  /** Default `analysis-period` when `period` is given, else `judgement-period`. */
  alignment?: Alignment;
  /** Number of offsets (default DEFAULT_OFFSETS). */
  offsets?: number;
  /** A continuous outcome only: empirical-Bayes shrinkage of its LA values toward this mean (lib/vitals/outcome-noise.ts). */
  shrink?: ShrinkTarget;
}

export const CONTEXT_RULE =
  "context value for the LA's row period, or failing that the nearest period's value (the earlier one on a tie)";

/**
 * How far a context value of `period` is from the period it is read for ({@link CONTEXT_RULE}): the years between,
 * and half a year more for a later period, so that of two as near the earlier wins. The hold-outs read context by it
 * too (./holdout-inputs.ts contextAt).
 * @example contextDistance(2021, 2022) // 1
 * @example contextDistance(2023, 2022) // 1.5 (a later year loses a tie)
 */
export function contextDistance(period: number, target: number): number {
  return Math.abs(period - target) + (period > target ? 0.5 : 0);
}

const ALIGNMENT_RULES: Record<Alignment, string> = {
  "analysis-period": "every LA's indicator values are from the analysis period",
  "judgement-period": "each LA's indicator values are from the period its judgement is attached to (year ending March on or before publication)",
  "outcome-year": "every LA's outcome value is from the outcome year and its indicator values from the outcome year minus the lag; earlier slots step both back a year",
};

/**
 * Reshape a package into an {@link AnalysisFrame}.
 * @throws InputError when the period, an indicator or a context variable is not in the package
 * @example
 * const frame = buildAnalysisFrame(pkg, { context: ["idaci_score"], link: { kind: "latest-on-or-before", outcome: "ofsted_ilacs_overall", date: "2024-03-31" } });
 */
export function buildAnalysisFrame(given: DataPackage, options: FrameOptions): AnalysisFrame {
  const fn = "buildAnalysisFrame";
  // withheld values (an unpublished indicator's small counts) are analysed as suppressed; the masks name them
  const pkg = packageAsAnalysed(given);
  const periods = periodsWithValues(pkg);
  const continuous = options.link.kind === "indicator-year" ? options.link : undefined;
  const period = continuous ? continuousPeriod(continuous, options) : options.period ?? periods[periods.length - 1];
  if (!periods.includes(period)) throw new InputError(fn, `period ${period} has no indicator values (periods: ${periods.join(", ")})`, period);
  const { laCodes, laNames, outside } = lasOfPeriod(pkg, period);
  const catalogue = pkg.catalogue.objects() as unknown as CatalogueRow[];
  const exclusions = continuous ? candidateExclusions(catalogue, continuous.outcome) : [];
  const indicators = frameIndicators(pkg, options.indicators, laCodes, periods, new Set(exclusions.map((e) => e.indicator)));
  const alignment: Alignment = continuous ? "outcome-year" : options.alignment ?? (options.period !== undefined ? "analysis-period" : "judgement-period");
  if (alignment !== "analysis-period" && alignment !== "judgement-period" && alignment !== "outcome-year") throw new InputError(fn, "unknown alignment", alignment);
  const nSlots = options.offsets ?? DEFAULT_OFFSETS;
  if (!Number.isInteger(nSlots) || nSlots < 1) throw new InputError(fn, "offsets must be a positive integer", nSlots);
  const outcomeRow = continuous ? catalogue.find((c) => c.indicator === continuous.outcome)! : undefined;
  const lower = options.outcomeLowerIsBetter ?? (outcomeRow ? lowerIsBetterFromPolarity(outcomeRow.polarity) : outcomeLowerIsBetter(options.link.outcome));
  const contextFor = contextResolver(pkg, options.context, laCodes, period);
  const periodIndex = new Map(periods.map((p, i) => [p, i] as const));
  const makeSlot = (label: string, link: OutcomeLink, rowPeriod: Float64Array): FrameSlot => {
    const ctx = contextFor(rowPeriod);
    return {
      label, outcome: link, rowPeriod,
      outcomeBetter: Float64Array.from(link.values, (v) => (lower ? -v : v)),
      context: ctx.map((c) => c.values),
      contextPeriodsUsed: ctx.map((c) => c.periodsUsed),
      values: valuesAt(indicators, periodIndex, rowPeriod),
    };
  };
  const grid = outcomeRow ? outcomeGrid(pkg, outcomeRow.indicator, laCodes, periods) : undefined;
  const shrinkSlots: NonNullable<OutcomeMeasure["shrink"]>["slots"] = [];
  const shrink = continuous && grid && options.shrink ? (link: OutcomeLink, rowPeriod: Float64Array) => {
    const year = (link.rule as { period: number }).period;
    const shrunk = shrinkOutcomeValues(grid, year, outcomeRow!.unit, options.shrink!, contextFor(rowPeriod).map((c) => c.values));
    const { values, ...counts } = shrunk;
    shrinkSlots.push({ outcomeYear: year, ...counts });
    return values.length === 0 ? link : { ...link, values };
  } : undefined;
  const slots = continuous
    ? outcomeYearSlots(pkg, laCodes, continuous, nSlots, makeSlot, shrink)
    : alignment === "analysis-period"
      ? analysisPeriodSlots(pkg, laCodes, options.link, period, nSlots, makeSlot)
      : judgementPeriodSlots(pkg, laCodes, options.link, nSlots, makeSlot);
  // the first slot shrunk is the screen's outcome year (outcomeYearSlots goes back from it)
  if (options.shrink && shrinkSlots.length > 0) refuseFullShrinkage(shrinkSlots[0], options.shrink);
  const s0 = slots[0];
  const catalogueLabels = new Map(catalogue.map((c) => [c.indicator, c.label] as const));
  const context = options.context.map((variable, c) => {
    const label = catalogueLabels.get(variable);
    return { variable, values: s0.context[c], periodsUsed: s0.contextPeriodsUsed[c], ...(label ? { label } : {}) };
  });
  const outcomeMeasure: OutcomeMeasure | undefined = continuous && outcomeRow ? {
    indicator: outcomeRow.indicator, label: outcomeRow.label, polarity: outcomeRow.polarity, unit: outcomeRow.unit,
    outcomeYear: continuous.period, indicatorYear: period, lag: continuous.lag,
    excluded: recordedExclusions(exclusions, options.indicators),
    noise: outcomeNoise(grid as OutcomeGrid, continuous.period, outcomeRow.unit),
    ...(options.shrink ? { shrink: { target: options.shrink, slots: shrinkSlots } } : {}),
  } : undefined;
  return {
    laCodes, laNames, lasOutsidePeriod: outside, period, periods, alignment, alignmentRule: ALIGNMENT_RULES[alignment], offsets: slots.map((_, k) => k), rowPeriod: s0.rowPeriod, slots,
    indicators, context, outcome: s0.outcome, outcomeBetter: s0.outcomeBetter,
    outcomeLowerIsBetter: lower, contextRule: CONTEXT_RULE,
    candidateRule: candidateRule(options.indicators),
    ...(outcomeMeasure ? { outcomeMeasure } : {}),
    withheldOutcome: continuous ? withheldOutcomeCells(pkg, laCodes, continuous.outcome, continuous.period) : new Uint8Array(laCodes.length),
  };
}

/** The analysis period of a continuous outcome: its indicator year T − lag (a conflicting `period` option is an error). */
function continuousPeriod(rule: Extract<LinkRule, { kind: "indicator-year" }>, options: FrameOptions): number {
  const period = rule.period - rule.lag;
  if (options.period !== undefined && options.period !== period) {
    throw new InputError("buildAnalysisFrame", `period must be the rule's indicator year ${period} (outcome year ${rule.period} − lag ${rule.lag})`, options.period);
  }
  if (options.alignment !== undefined && options.alignment !== "outcome-year") {
    throw new InputError("buildAnalysisFrame", "a continuous outcome (rule indicator-year) takes the outcome-year alignment", options.alignment);
  }
  return period;
}

/** Slots under `outcome-year`: slot k is the outcome of year T − k with the indicators of T − k − lag. */
function outcomeYearSlots(
  pkg: DataPackage, laCodes: string[], rule: Extract<LinkRule, { kind: "indicator-year" }>, nSlots: number, makeSlot: SlotMaker,
  shrink?: (link: OutcomeLink, rowPeriod: Float64Array) => OutcomeLink,
): FrameSlot[] {
  const slots: FrameSlot[] = [];
  for (let k = 0; k < nSlots; k++) {
    const outcomeYear = rule.period - k;
    const raw = linkIndicatorOutcome(pkg.indicators, laCodes, { ...rule, period: outcomeYear });
    const rowPeriod = Float64Array.from(raw.values, (v) => (Number.isNaN(v) ? NaN : outcomeYear - rule.lag));
    const link = shrink ? shrink(raw, rowPeriod) : raw;
    slots.push(makeSlot(`outcome of ${outcomeYear} with the indicators of ${outcomeYear - rule.lag}`, link, rowPeriod));
  }
  return slots;
}

type SlotMaker = (label: string, link: OutcomeLink, rowPeriod: Float64Array) => FrameSlot;

/** Slots under `analysis-period`: the same judgements, with the indicators of the analysis period and the years before it. */
function analysisPeriodSlots(pkg: DataPackage, laCodes: string[], rule: LinkRule, period: number, nSlots: number, makeSlot: SlotMaker): FrameSlot[] {
  const link = linkOutcomes(pkg.outcomes, laCodes, rule);
  const slots: FrameSlot[] = [];
  for (let k = 0; k < nSlots; k++) {
    const label = k === 0 ? `indicators of ${period}` : `indicators of ${period - k} (${k} year${k > 1 ? "s" : ""} earlier)`;
    slots.push(makeSlot(label, link, new Float64Array(laCodes.length).fill(period - k)));
  }
  return slots;
}

/** Slots under `judgement-period`: each LA's latest judgement under the rule and the ones before it, each with the indicators of its own period. */
function judgementPeriodSlots(pkg: DataPackage, laCodes: string[], rule: LinkRule, nSlots: number, makeSlot: SlotMaker): FrameSlot[] {
  const rounds = linkOutcomeRounds(pkg.outcomes, laCodes, rule, nSlots);
  return rounds.map((link, k) =>
    makeSlot(k === 0 ? "latest judgement under the rule" : `judgement ${k} before it`, link, Float64Array.from(link.linked, (l) => l.period)),
  );
}

/** The periods of indicators.csv with at least one value, ascending. */
function periodsWithValues(pkg: DataPackage): number[] {
  const iPer = columnValues<number>(pkg.indicators, "period");
  const iVal = columnValues<number | null>(pkg.indicators, "value");
  const periodSet = new Set<number>();
  for (let r = 0; r < iPer.length; r++) if (iVal[r] !== null) periodSet.add(iPer[r]);
  const periods = [...periodSet].sort((a, b) => a - b);
  if (periods.length === 0) throw new InputError("buildAnalysisFrame", "the package has no indicator values");
  return periods;
}

/** The LAs that exist in a period (areas.csv first/last period), in areas.csv order, and those that do not. */
function lasOfPeriod(pkg: DataPackage, period: number): { laCodes: string[]; laNames: string[]; outside: LaOutsidePeriod[] } {
  const codes = pkg.areas.array("la_code") as string[];
  const names = pkg.areas.array("la_name") as string[];
  const first = pkg.areas.array("first_period") as (number | null)[];
  const last = pkg.areas.array("last_period") as (number | null)[];
  const laCodes: string[] = [];
  const laNames: string[] = [];
  const outside: LaOutsidePeriod[] = [];
  for (let a = 0; a < codes.length; a++) {
    if ((first[a] === null || first[a]! <= period) && (last[a] === null || last[a]! >= period)) {
      laCodes.push(codes[a]);
      laNames.push(names[a]);
    } else outside.push({ laCode: codes[a], laName: names[a], firstPeriod: first[a], lastPeriod: last[a] });
  }
  return { laCodes, laNames, outside };
}

/** The frame's indicators (those {@link screenedByDefault}, or only `wanted`), with their values per period aligned with laCodes. */
function frameIndicators(
  pkg: DataPackage, wantedIds: readonly string[] | undefined, laCodes: readonly string[], periods: readonly number[], excluded: ReadonlySet<string>,
): FrameIndicator[] {
  const catalogue = pkg.catalogue.objects() as unknown as CatalogueRow[];
  const known = new Set(catalogue.map((c) => c.indicator));
  for (const id of wantedIds ?? []) if (!known.has(id)) throw new InputError("buildAnalysisFrame", "indicator not in catalogue.csv", id);
  const wanted = wantedIds ? new Set(wantedIds) : null;
  // listed ones are screened whatever their tags (not a context-domain row: context.csv holds those); else the default rule
  const chosen = catalogue.filter((c) => (wanted ? wanted.has(c.indicator) && c.domain !== "context" : screenedByDefault(c)) && !excluded.has(c.indicator));
  if (chosen.length === 0 && excluded.size > 0) throw new InputError("buildAnalysisFrame", NO_CANDIDATE_LEFT, [...(wantedIds ?? [])].join(","));
  const indIndex = new Map(chosen.map((c, i) => [c.indicator, i] as const));
  const row = new Map(laCodes.map((c, i) => [c, i] as const));
  const periodIndex = new Map(periods.map((p, i) => [p, i] as const));
  const indicators: FrameIndicator[] = chosen.map((c) => ({
    indicator: c.indicator,
    label: c.label,
    domain: c.domain,
    polarity: c.polarity,
    byPeriod: periods.map(() => new Float64Array(laCodes.length).fill(NaN)),
  }));
  const ind = pkg.indicators;
  const iLa = columnValues<string>(ind, "la_code");
  const iPer = columnValues<number>(ind, "period");
  const iInd = columnValues<string>(ind, "indicator");
  const iVal = columnValues<number | null>(ind, "value");
  fillByPeriod(indicators, iLa, iPer, iInd, iVal, indIndex, row, periodIndex);
  return indicators;
}

/**
 * Each indicators.csv row's value into its indicator's `byPeriod` (rows of other indicators, LAs or periods
 * skipped). The loop over every row has a function of its own: V8 compiles the function around a hot loop again
 * when it is called a second time, and this one, small, costs little to compile (buildAnalysisFrame's does not).
 */
function fillByPeriod(
  indicators: FrameIndicator[],
  iLa: ArrayLike<string>,
  iPer: ArrayLike<number>,
  iInd: ArrayLike<string>,
  iVal: ArrayLike<number | null>,
  indIndex: ReadonlyMap<string, number>,
  row: ReadonlyMap<string, number>,
  periodIndex: ReadonlyMap<number, number>,
): void {
  // rows come in runs of one indicator, LA or period (by indicator in imported packages, by LA in synthetic
  // ones): each key is looked up only when it differs from the previous row's
  let lastInd: string | undefined;
  let lastLa: string | undefined;
  let lastPer: number | undefined;
  let j: number | undefined;
  let i: number | undefined;
  let p = 0;
  for (let r = 0; r < iLa.length; r++) {
    const value = iVal[r];
    if (value === null) continue;
    if (iInd[r] !== lastInd) j = indIndex.get((lastInd = iInd[r]));
    if (j === undefined) continue;
    if (iLa[r] !== lastLa) i = row.get((lastLa = iLa[r]));
    if (i === undefined) continue;
    if (iPer[r] !== lastPer) p = periodIndex.get((lastPer = iPer[r]))!;
    indicators[j].byPeriod[p][i] = value;
  }
}

/** Each indicator's values at each LA's row period (NaN where the LA has no row period or no value). */
function valuesAt(indicators: readonly FrameIndicator[], periodIndex: ReadonlyMap<number, number>, rowPeriod: Float64Array): Float64Array[] {
  // each LA's period index once, not once per indicator
  const rowIndex = Int32Array.from(rowPeriod, (rp) => periodIndex.get(rp) ?? -1);
  return indicators.map((ind) => {
    const values = new Float64Array(rowPeriod.length);
    for (let i = 0; i < values.length; i++) values[i] = rowIndex[i] < 0 ? NaN : ind.byPeriod[rowIndex[i]][i];
    return values;
  });
}

/**
 * A function giving, for row periods per LA, each context variable's values by {@link CONTEXT_RULE} and the
 * periods actually used. Checks the variables first.
 */
function contextResolver(pkg: DataPackage, variables: readonly string[], laCodes: readonly string[], period: number) {
  const cLa = columnValues<string>(pkg.context, "la_code");
  const cPer = columnValues<number>(pkg.context, "period");
  const cVar = columnValues<string>(pkg.context, "variable");
  const cVal = columnValues<number | null>(pkg.context, "value");
  const available = new Set(Array.from(cVar));
  for (const variable of variables) {
    if (!available.has(variable)) {
      throw new InputError("buildAnalysisFrame", `context variable not in context.csv (have: ${[...available].sort().join(", ") || "none"})`, variable);
    }
  }
  const row = new Map(laCodes.map((c, i) => [c, i] as const));
  return (rowPeriod: Float64Array) =>
    variables.map((variable) => {
      const values = new Float64Array(laCodes.length).fill(NaN);
      const bestDistance = new Float64Array(laCodes.length).fill(Infinity);
      const bestPeriod = new Float64Array(laCodes.length).fill(NaN);
      for (let r = 0; r < cLa.length; r++) {
        if (cVar[r] !== variable || cVal[r] === null) continue;
        const i = row.get(cLa[r]);
        if (i === undefined) continue;
        const d = contextDistance(cPer[r], Number.isNaN(rowPeriod[i]) ? period : rowPeriod[i]);
        if (d < bestDistance[i]) {
          bestDistance[i] = d;
          values[i] = cVal[r]!;
          bestPeriod[i] = cPer[r];
        }
      }
      const periodsUsed = [...new Set(Array.from(bestPeriod).filter((p) => !Number.isNaN(p)))].sort((a, b) => a - b);
      return { variable, values, periodsUsed };
    });
}
