/**
 * Do vital signs predict? A temporal hold-out for a continuous outcome: choose vital signs and fit every
 * model on data up to a train-until year only, then predict the outcome in each later year and compare with
 * three baselines fitted on the same training data.
 */
import { InputError } from "../errors";
import type { DataPackage } from "../data/types";
import { nearestNeighbours, neighbourSummary, DEFAULT_NEAREST_NEIGHBOURS } from "../context/neighbours";
import { bootstrap } from "../stats/bootstrap";
import { benjaminiHochberg } from "../stats/multiple-testing";
import { ols } from "../stats/ols";
import { olsClusterRobust } from "../stats/ols-cluster";
import { partialCorrelation } from "../stats/partial-correlation";
import { buildLaYearPanel } from "./panel";
import { OUTCOME_EXCLUSION_RULE, type CandidateExclusion } from "./candidate-exclusions";
import { REDUNDANCY_R } from "./selection";
import { packageAsAnalysed } from "./withheld-cells";
import { columnValues } from "./column-values";
import { contextAt, contextAtYear, contextReadLimits, contextSeries, indicatorsByLaYear, lateContextWords, r2ChangeText, distinguishingDecimals, HOLDOUT_CONTEXT_RULE, type ContextPoint, type LateContext } from "./holdout-inputs";
export { r2ChangeText, distinguishingDecimals };

/** Most vital signs chosen on the training data (the 2016 study's shortlist was of this order). */
export const HOLDOUT_MAX_VITAL_SIGNS = 5;
/** An indicator is chosen only with BH q below this across the candidates (training data only). */
export const HOLDOUT_ALPHA = 0.05;
/** Fewest training LA-year pairs for an indicator to be screened. */
export const HOLDOUT_MIN_PAIRS = 30;
/** Default bootstrap resamples (of LAs) and seed. */
export const HOLDOUT_RESAMPLES = 1000;
export const HOLDOUT_SEED = 42;
/**
 * Below this share of the LAs with an outcome in the test years, the verdict says the scored LAs are selected by
 * availability and the result may not generalise. The test set is the LA-years where every model has a prediction,
 * so it is the LAs that publish every vital sign chosen: KS4 attainment trained until 2022 was scored on 51 LAs (151
 * LA-years) of the 150 with an outcome, and said "the vital signs add to deprivation" for England. Below half, the
 * scored LAs are a minority chosen by what they publish, not a sample of LAs; at or above it, the verdict still gives
 * the share.
 */
export const HOLDOUT_MIN_SCORED_LA_SHARE = 0.5;
/** Context used by default when present (deprivation: the baseline the vital signs must beat). */
export const HOLDOUT_DEFAULT_CONTEXT = ["idaci_score", "imd_score"];

/** What to hold out. */
export interface HoldoutSpec {
  /** A continuous outcome: an indicator id. */
  outcome: string;
  /** Origins: train on outcomes up to each year, predict the years after it (rolling origins). */
  trainUntil: readonly number[];
  indicators?: readonly string[];
  context?: readonly string[];
  seed?: number;
  resamples?: number;
}

/** Out-of-sample performance of one model with 95% bootstrap intervals (resampling LAs). */
export interface HoldoutScore {
  model: "context-only" | "persistence" | "neighbour-median" | "vital-signs";
  r2: number;
  r2Lower: number;
  r2Upper: number;
  rmse: number;
  rmseLower: number;
  rmseUpper: number;
}

/**
 * A hold-out's verdict: the vital-signs model against context only. `worse-than-deprivation` when its interval lies
 * wholly on the worse side (it had read "no clear gain" at ΔR² −0.258, 95% CI −0.336 to −0.170);
 * `no-vital-signs-to-test` when nothing was chosen (it had read "no clear gain" for candidates never tested).
 */
export type HoldoutVerdict = "adds-beyond-deprivation" | "no-clear-gain-beyond-deprivation" | "worse-than-deprivation" | "no-vital-signs-to-test";

/** The verdict from the number chosen and which side of 0 the gain's interval lies. */
export function holdoutVerdict(nChosen: number, better: boolean, worse: boolean): HoldoutVerdict {
  if (nChosen === 0) return "no-vital-signs-to-test";
  return better ? "adds-beyond-deprivation" : worse ? "worse-than-deprivation" : "no-clear-gain-beyond-deprivation";
}

/** How many candidates the training screen could test, of those offered. */
export interface CandidatesScreened {
  /** Candidate indicators offered to the training screen. */
  nCandidates: number;
  /** Of them, those with at least {@link HOLDOUT_MIN_PAIRS} complete training rows (a p to compare). */
  nScreened: number;
}

/**
 * Why no vital sign was chosen, in words: no candidate could be screened (none has enough training rows up to
 * train-until: e.g. first published after it), or none passed.
 */
export function nothingChosenText(c: CandidatesScreened, t0: number): string {
  if (c.nScreened === 0) {
    return `None of the ${c.nCandidates} candidate indicator${c.nCandidates === 1 ? "" : "s"} could be screened: none has ${HOLDOUT_MIN_PAIRS} training rows with the outcome and context up to ${t0} (an indicator first published after the training years cannot be tested by a hold-out trained until ${t0}), so nothing was tested.`;
  }
  return `No indicator passed the training screen (${c.nScreened} of ${c.nCandidates} candidates could be screened), so there were no vital signs to test (the vital-signs model is the context-only model); this does not show that no indicator could add to deprivation.`;
}

/** One origin's result. */
export interface HoldoutOrigin {
  trainUntil: number;
  testYears: number[];
  /** Indicators chosen on the training data (partial r with next year's outcome given context; BH q of the LA-clustered p). */
  vitalSigns: { indicator: string; partialR: number; q: number; n: number }[];
  /** Candidates that passed the screen but were left out as near-duplicates of one chosen before them. */
  nearDuplicates: NearDuplicate[];
  /**
   * Candidates that passed the screen and would have been chosen in rank order, but were skipped because with those
   * chosen before them fewer than HOLDOUT_MIN_PAIRS training pairs, or LAs at the train-until year, would be complete (an
   * audit found two stronger KS2 candidates skipped without a word: no 2020–21 values, 0 pairs in common).
   */
  skippedForAvailability: { indicator: string; pairs: number; atOrigin: number }[];
  scores: HoldoutScore[];
  /** Vital-signs model minus context-only: ΔR² and ΔRMSE with 95% bootstrap intervals. */
  gainOverContext: { r2: number; r2Lower: number; r2Upper: number; rmse: number; rmseLower: number; rmseUpper: number };
  verdict: HoldoutVerdict;
  verdictText: string;
  candidates: CandidatesScreened;
  /** Test LA-years scored (every model has a prediction) and LAs. */
  nTest: number;
  nLas: number;
  /** Test LA-years with an outcome, and LAs with one in a test year: what the scored ones are a part of. */
  nTestWithOutcome: number;
  nLasWithOutcome: number;
  /** True when the scored LAs are fewer than {@link HOLDOUT_MIN_SCORED_LA_SHARE} of `nLasWithOutcome`: the verdict says so. */
  selectedByAvailability: boolean;
  /** Training LA-years the context-only model is fitted on (outcome and every context variable present); R²'s base is their mean. */
  nTrain: number;
  /** Training LA-years the vital-signs model is fitted on: those of `nTrain` with every chosen indicator. */
  nTrainVitalSigns: number;
  /** Training LA-years with an outcome that no model can use, by LA: the LA has no value of a context variable up to train-until. */
  trainLeftOut: TrainingLeftOut[];
  /** Context variables read at their first year, after trainUntil, having no value up to it (the verdict says so). */
  contextAfterTrainUntil: LateContext[];
}

/** An LA's training LA-years (outcome years) left out of every fit because it has no value of a context variable up to train-until. */
export interface TrainingLeftOut {
  laCode: string;
  years: number[];
  /** The context variables the LA has no value of up to train-until. */
  missingContext: string[];
}

/** A candidate left out of the vital signs as a near-duplicate of one chosen before it, with their partial r given context. */
export interface NearDuplicate {
  indicator: string;
  of: string;
  r: number;
}

/** Result of {@link holdout}. */
export interface HoldoutResult {
  outcome: string;
  context: string[];
  /** Candidates left out as the outcome's own measures ({@link OUTCOME_EXCLUSION_RULE}): all of them, or those `indicators` listed. */
  exclusions: { rule: string; excluded: CandidateExclusion[] };
  method: string;
  seed: number;
  resamples: number;
  origins: HoldoutOrigin[];
}

export const HOLDOUT_METHOD =
  "Training pairs: indicators and context in year t, outcome in t + 1, for every outcome year t + 1 ≤ train-until (the first outcome year too: t need not have an outcome). " +
  `Context: ${HOLDOUT_CONTEXT_RULE}; for a training pair the year needed is t, for the predictions and the neighbours the train-until year. Vital signs: up to ` +
  `${HOLDOUT_MAX_VITAL_SIGNS} indicators with BH q < ${HOLDOUT_ALPHA} (training pairs only) for the indicator's coefficient in the least-squares fit of next year's outcome on context and the indicator, ` +
  "its p from standard errors clustered by LA (an LA's years are not independent: sandwich::vcovCL type HC1, t on LAs − 1 df), ranked by the partial (Pearson) correlation given context, " +
  `strongest first, each kept only if the training pairs complete for it and those kept before, and the LAs with all of them in the train-until year, still number ${HOLDOUT_MIN_PAIRS} or more, ` +
  `and if it is not a near-duplicate of one kept before (|partial r| ≥ ${REDUNDANCY_R} between the two given context on the training pairs, analyse's redundancy rule). ` +
  "Models, fitted on the training pairs: context only (OLS on context), vital signs (OLS on context + the chosen indicators); predictions for every later year use the indicators of the train-until year. " +
  `Baselines: persistence (the LA's last outcome up to train-until), neighbour median (median of the last outcome up to train-until of those of the LA's ${DEFAULT_NEAREST_NEIGHBOURS} nearest neighbours on the context variables that have one: an LA made later, as BCP in 2019, has none before it). ` +
  "Training pairs of an LA with no value of a context variable up to train-until are left out of every fit (and listed). " +
  "Scored on the test LA-years where every model has a prediction: out-of-sample R² = 1 − SSE / Σ(y − ȳ)², ȳ the mean outcome of the training pairs the context-only model is fitted on (the same ȳ for every model), RMSE = √(SSE/n); 95% percentile intervals from resampling LAs.";

function predictOls(fit: ReturnType<typeof ols>, features: readonly number[]): number {
  let s = fit.coefficients[0].estimate;
  for (let j = 0; j < features.length; j++) s += fit.coefficients[j + 1].estimate * features[j];
  return s;
}

/**
 * Temporal hold-out of a continuous outcome at one or several origins (see {@link HOLDOUT_METHOD}).
 * The outcome and its own measures are not candidates (lib/vitals/candidate-exclusions.ts, as in `analyse` and `panel`).
 * @throws InputError for an outcome that is not an indicator (Ofsted grades are not supported here yet),
 * a train-until year with no later outcome or fewer than two training years, or missing context
 * @example holdout(readPackage("/tmp/england"), { outcome: "care_leavers_eet_19_21_pct", trainUntil: [2021, 2022] }).origins[0].verdict
 */
export function holdout(given: DataPackage, spec: HoldoutSpec): HoldoutResult {
  const fn = "holdout";
  // withheld values (an unpublished indicator's small counts) are analysed as suppressed, as analyse does
  const pkg = packageAsAnalysed(given);
  const seed = spec.seed ?? HOLDOUT_SEED;
  const resamples = spec.resamples ?? HOLDOUT_RESAMPLES;
  const available = new Set(pkg.context.array("variable") as string[]);
  const context = spec.context ? [...spec.context] : HOLDOUT_DEFAULT_CONTEXT.filter((c) => available.has(c));
  if (context.length === 0) throw new InputError(fn, "--context: needs at least one context variable (deprivation) for the context-only baseline and the neighbours", "none");
  if ((pkg.outcomes.array("outcome") as string[]).includes(spec.outcome) && !(pkg.catalogue.array("indicator") as string[]).includes(spec.outcome)) {
    throw new InputError(fn, "--outcome must be a continuous outcome (an indicator id); Ofsted grades are not supported by holdout yet", spec.outcome);
  }
  refuseOneOutcomeYear(pkg, spec.outcome);
  const panel = buildLaYearPanel(pkg, { outcome: spec.outcome, indicators: spec.indicators, context, lag: 0 });
  const { las, years } = panel;
  const Y = years.length;
  const yAt = (i: number, t: number) => {
    const j = years.indexOf(t);
    return j < 0 ? NaN : panel.outcome[i * Y + j];
  };
  // indicators of every year, not only the outcome's: a pair's year t need not have an outcome
  const ids = [...panel.indicators.keys()];
  const byLaYear = indicatorsByLaYear(pkg, ids, las);
  const xAt = (id: string, i: number, t: number) => byLaYear.get(id)!.get(i * 10000 + t) ?? NaN;
  const data: HoldoutData = {
    las, years, context, series: contextSeries(pkg, context, las), ids, yAt, xAt,
    outcomeYears: years.filter((t) => las.some((_, i) => !Number.isNaN(yAt(i, t)))),
  };
  const origins = spec.trainUntil.map((t0) => continuousOrigin(data, t0, seed, resamples));
  return { outcome: spec.outcome, context, exclusions: { rule: OUTCOME_EXCLUSION_RULE, excluded: panel.excluded ?? [] }, method: HOLDOUT_METHOD, seed, resamples, origins };
}

/**
 * Refuse an outcome with values in one year only, in the hold-out's words: the panel it is read through refused it as
 * "panel: a panel needs at least two years …", a message about another command.
 */
function refuseOneOutcomeYear(pkg: DataPackage, outcome: string): void {
  const ids = columnValues<string>(pkg.indicators, "indicator");
  const periods = columnValues<number>(pkg.indicators, "period");
  const values = columnValues<number | null>(pkg.indicators, "value");
  const years = new Set<number>();
  for (let r = 0; r < ids.length; r++) if (ids[r] === outcome && values[r] !== null) years.add(periods[r]);
  if (years.size !== 1) return;
  throw new InputError("holdout", `--outcome ${outcome} has values for ${[...years][0]} only: a hold-out trains on the outcome up to --train-until and tests on the years after it, so it needs at least three years of the outcome (at least two up to train-until to train on, one after it to test)`, outcome);
}

/** What every origin of a continuous hold-out reads. */
interface HoldoutData {
  las: string[];
  years: number[];
  context: string[];
  /** Every published value of each context variable, by variable then LA. */
  series: ContextPoint[][][];
  ids: string[];
  outcomeYears: number[];
  yAt: (i: number, t: number) => number;
  xAt: (id: string, i: number, t: number) => number;
}

/** An origin's data: each context variable read for the train-until year, by LA (the predictions' and the neighbours'). */
interface OriginData extends HoldoutData {
  ctx: Float64Array[];
}

/** One origin: training pairs, the choice, the fits, the baselines, the test rows, the scores and the verdict. */
function continuousOrigin(data: HoldoutData, T0: number, seed: number, resamples: number): HoldoutOrigin {
  const { limits, late } = contextReadLimits(data.series, data.context, T0);
  const d: OriginData = { ...data, ctx: contextAtYear(data.series, T0, limits) };
  const fn = "holdout";
  const testYears = d.outcomeYears.filter((t) => t > T0);
  const trainYears = d.outcomeYears.filter((t) => t <= T0);
  if (testYears.length === 0) throw new InputError(fn, `--train-until ${T0} leaves no outcome after it (outcome years ${d.outcomeYears[0]}–${d.outcomeYears[d.outcomeYears.length - 1]})`, T0);
  if (trainYears.length < 2) throw new InputError(fn, `--train-until ${T0} leaves fewer than two outcome years up to it (outcome years from ${d.outcomeYears[0]}): the hold-out trains on at least two; choose a later --train-until`, T0);
  // Training pairs (i, t): indicators and context of t, outcome of t + 1, for every outcome year t + 1 ≤ T0. A pair had
  // needed t to be an outcome year too, so the first outcome year was never a target: care leavers' EET of 2014 (t =
  // 2013, 100 LA-years with context) was in no fit (tests/reference/holdout-base.R).
  const pairs: { i: number; t: number }[] = [];
  for (let i = 0; i < d.las.length; i++) for (const u of trainYears) pairs.push({ i, t: u - 1 });
  const yTrain = pairs.map(({ i, t }) => d.yAt(i, t + 1));
  // each pair's context of its own year t (up to T0): each LA's latest value had been read for every year, a 2025 CIN
  // rate the context of 2014–2022 pairs of a hold-out trained until 2022
  const ctxTrain = d.series.map((byLa, c) => pairs.map(({ i, t }) => contextAt(byLa[i], t, limits[c])));
  const { kept: chosen, nearDuplicates, skippedForAvailability, candidates } = chooseContinuousVitalSigns(d, pairs, yTrain, ctxTrain, T0);
  const contextFit = ols(yTrain, ctxTrain);
  const vitalFit = ols(yTrain, [...ctxTrain, ...chosen.map((c) => pairs.map(({ i, t }) => d.xAt(c.id, i, t)))]);
  // R²'s base is the mean outcome of the pairs the context-only model is fitted on, one base for every model. It was
  // the mean of every training outcome: care leavers' EET trained until 2022 counts 1,243 pairs, 16 of them of LAs
  // with no IDACI/IMD (Bournemouth 2016–2019, Poole 2014–2019, old Dorset 2016–2019, North and West Northamptonshire
  // 2022) that no model can use; R's lm on the 1,227 fitted rows gives context-only R² 0.068447
  // against their mean, 0.070971 against the mean of all 1,243 (tests/reference/holdout-base.R).
  const fitted = yTrain.map((y, k) => !Number.isNaN(y) && ctxTrain.every((c) => !Number.isNaN(c[k])));
  let trainMean = 0;
  let nTrain = 0;
  for (let k = 0; k < yTrain.length; k++) if (fitted[k]) { trainMean += yTrain[k]; nTrain++; }
  trainMean /= nTrain;
  const { last, neighbourMedian } = baselinesAt(d, trainYears);
  // Test rows: LA × test year with an outcome and every model's prediction.
  const rows: { la: number; y: number; pred: number[] }[] = [];
  let nTestWithOutcome = 0;
  const lasWithOutcome = new Set<number>();
  for (let i = 0; i < d.las.length; i++) {
    for (const t of testYears) {
      const y = d.yAt(i, t);
      if (Number.isNaN(y)) continue;
      nTestWithOutcome++;
      lasWithOutcome.add(i);
      const c = d.ctx.map((col) => col[i]);
      const xs = chosen.map((s) => d.xAt(s.id, i, T0));
      const pred = [predictOls(contextFit, c), last[i], neighbourMedian[i], predictOls(vitalFit, [...c, ...xs])];
      if (pred.every(Number.isFinite)) rows.push({ la: i, y, pred });
    }
  }
  const testLas = [...new Set(rows.map((r) => r.la))];
  if (testLas.length < 3) throw new InputError(fn, `--train-until ${T0}: fewer than 3 LAs have an outcome after it and a prediction from every model`, testLas.length);
  const { scores, gain } = continuousScores(testLas.map((la) => rows.filter((r) => r.la === la)), trainMean, seed, resamples);
  const adds = gain.r2Lower > 0;
  const worse = gain.r2Upper < 0;
  const coverage: ScoredCoverage = { nTest: rows.length, nLas: testLas.length, nTestWithOutcome, nLasWithOutcome: lasWithOutcome.size };
  const selectedByAvailability = coverage.nLas < HOLDOUT_MIN_SCORED_LA_SHARE * coverage.nLasWithOutcome;
  return {
    trainUntil: T0,
    testYears: testYears,
    vitalSigns: chosen.map((c): HoldoutOrigin["vitalSigns"][number] => ({ indicator: c.id, partialR: c.r, q: c.q, n: c.n })),
    nearDuplicates,
    skippedForAvailability,
    scores,
    gainOverContext: gain,
    verdict: holdoutVerdict(chosen.length, adds, worse),
    verdictText: continuousVerdictText(chosen.length, adds, worse, gain, scores, coverage, candidates, T0) + lateContextWords(late, T0),
    candidates,
    nTest: rows.length,
    nLas: testLas.length,
    nTestWithOutcome,
    nLasWithOutcome: lasWithOutcome.size,
    selectedByAvailability,
    nTrain: nTrain,
    nTrainVitalSigns: vitalFit.n,
    // the training pairs with an outcome but in no fit (an LA with no value of a context variable up to train-until)
    trainLeftOut: leftOutByLa(d, pairs.flatMap(({ i, t }, k) => (Number.isNaN(yTrain[k]) || fitted[k] ? [] : [{ la: i, year: t + 1 }]))),
    contextAfterTrainUntil: late,
  };
}

/**
 * Training rows of both hold-outs left out of every fit for want of context (a pair's outcome year, a judgement's
 * year: `rows`, by LA index), by LA in LA order, each LA's years in order, with the context variables the LA has no
 * value of up to train-until (`d.ctx`, by variable then LA).
 * @example leftOutByLa(d, [{ la: 3, year: 2019 }, { la: 3, year: 2018 }]) // [{ laCode: d.las[3], years: [2018, 2019], missingContext: ["idaci_score"] }]
 */
export function leftOutByLa(d: { las: readonly string[]; context: readonly string[]; ctx: readonly Float64Array[] }, rows: readonly { la: number; year: number }[]): TrainingLeftOut[] {
  const byLa = new Map<number, number[]>();
  for (const { la, year } of rows) {
    const years = byLa.get(la);
    if (years === undefined) byLa.set(la, [year]);
    else years.push(year);
  }
  return [...byLa].sort((a, b) => a[0] - b[0]).map(([i, years]) => ({
    laCode: d.las[i],
    years: years.sort((a, b) => a - b),
    missingContext: d.context.filter((_, c) => Number.isNaN(d.ctx[c][i])),
  }));
}

/**
 * One candidate's training screen, for both hold-outs: its partial (Pearson) correlation with the outcome given
 * context (the effect, which ranks the candidates) and the p of its coefficient in the least-squares fit of the
 * outcome on context and the candidate, with standard errors clustered by LA. The training rows are LA-years or
 * judgements, several per LA: counted as independent, the care leavers' screen had 554 LA-years of ≈ 150 LAs and
 * q values far too small. NaN r and p below {@link HOLDOUT_MIN_PAIRS} complete rows.
 * @param laOfRow the LA (any number identifying it) of each training row
 * @example screenTrainingCandidate(x, y, [idaci], laOfRow) // { r: 0.21, p: 0.03, n: 554 }
 */
export function screenTrainingCandidate(x: readonly number[], y: readonly number[], ctx: readonly (readonly number[])[], laOfRow: readonly number[]): { r: number; p: number; n: number } {
  const pc = partialCorrelation(x, y, ctx);
  if (pc.n < HOLDOUT_MIN_PAIRS) return { r: NaN, p: NaN, n: pc.n };
  const fit = olsClusterRobust(y, [...ctx, x], laOfRow);
  return { r: pc.r, p: fit.coefficients[fit.coefficients.length - 1].p, n: pc.n };
}

/**
 * The indicator among `chosen` that `x` nearly duplicates on the training rows — |partial r| of the two given context
 * at least {@link REDUNDANCY_R}, `analyse`'s redundancy rule (lib/vitals/selection.ts) — with that r, or null. The
 * ILACS hold-out trained until 2022 had chosen both the agency and the vacancy rate of social workers (r 0.86).
 * @example nearDuplicateOf(vacancy, [{ indicator: "csww_agency_pct", x: agency }], ctx) // { of: "csww_agency_pct", r: 0.86 }
 */
export function nearDuplicateOf(x: readonly number[], chosen: readonly { indicator: string; x: readonly number[] }[], ctx: readonly (readonly number[])[]): { of: string; r: number } | null {
  for (const c of chosen) {
    const r = partialCorrelation(x, c.x, ctx).r;
    if (Math.abs(r) >= REDUNDANCY_R) return { of: c.indicator, r };
  }
  return null;
}

/** Screen on the training pairs only: up to HOLDOUT_MAX_VITAL_SIGNS with BH q < HOLDOUT_ALPHA (p clustered by LA), strongest first. */
function chooseContinuousVitalSigns(d: OriginData, pairs: readonly { i: number; t: number }[], yTrain: readonly number[], ctxTrain: readonly number[][], T0: number) {
  const laOfPair = pairs.map(({ i }) => i);
  const screened = d.ids.map((id) => ({ id, ...screenTrainingCandidate(pairs.map(({ i, t }) => d.xAt(id, i, t)), yTrain, ctxTrain, laOfPair) }));
  const q = benjaminiHochberg(screened.map((s) => s.p)).adjusted;
  const ranked = screened
    .map((s, k) => ({ ...s, q: q[k] }))
    .filter((s) => s.q < HOLDOUT_ALPHA)
    .sort((a, b) => Math.abs(b.r) - Math.abs(a.r) || a.id.localeCompare(b.id));
  // Indicators published in different years can each pass the screen and leave the joint fit without one complete
  // pair, or the train-until year without a value to predict from (care leavers' EET trained until 2021 stopped with
  // "ols: no complete rows"): in rank order, one is kept only while the training pairs complete for it and those kept
  // before, and the LAs with all of them in the train-until year, each still number HOLDOUT_MIN_PAIRS.
  let complete = yTrain.map((y, k) => !Number.isNaN(y) && ctxTrain.every((c) => !Number.isNaN(c[k])));
  let atOrigin = d.las.map((_, i) => d.ctx.every((c) => !Number.isNaN(c[i])));
  const kept: typeof ranked = [];
  const keptX: { indicator: string; x: number[] }[] = [];
  const nearDuplicates: NearDuplicate[] = [];
  const skipped: { indicator: string; pairs: number; atOrigin: number }[] = [];
  for (const s of ranked) {
    if (kept.length === HOLDOUT_MAX_VITAL_SIGNS) break;
    const next = complete.map((ok, k) => ok && !Number.isNaN(d.xAt(s.id, pairs[k].i, pairs[k].t)));
    const nextAtOrigin = atOrigin.map((ok, i) => ok && !Number.isNaN(d.xAt(s.id, i, T0)));
    const nPairs = next.filter(Boolean).length, nAtOrigin = nextAtOrigin.filter(Boolean).length;
    if (nPairs < HOLDOUT_MIN_PAIRS || nAtOrigin < HOLDOUT_MIN_PAIRS) {
      skipped.push({ indicator: s.id, pairs: nPairs, atOrigin: nAtOrigin });
      continue;
    }
    const x = pairs.map(({ i, t }) => d.xAt(s.id, i, t));
    const duplicate = nearDuplicateOf(x, keptX, ctxTrain);
    if (duplicate !== null) {
      nearDuplicates.push({ indicator: s.id, ...duplicate });
      continue;
    }
    complete = next;
    atOrigin = nextAtOrigin;
    kept.push(s);
    keptX.push({ indicator: s.id, x });
  }
  // the loop stops at the last one it needs: every one skipped would have been chosen had its values been there
  return { kept, nearDuplicates, skippedForAvailability: skipped, candidates: { nCandidates: screened.length, nScreened: screened.filter((x) => Number.isFinite(x.p)).length } };
}

/** Baseline inputs known at train-until: each LA's last outcome, and the median of its nearest neighbours' last outcomes. */
function baselinesAt(d: OriginData, trainYears: readonly number[]): { last: number[]; neighbourMedian: number[] } {
  const last = d.las.map((_, i) => {
    for (let k = trainYears.length - 1; k >= 0; k--) {
      const v = d.yAt(i, trainYears[k]);
      if (!Number.isNaN(v)) return v;
    }
    return NaN;
  });
  const matrix = { laCodes: d.las, variables: d.context, values: Float64Array.from({ length: d.las.length * d.context.length }, (_, c) => d.ctx[c % d.context.length][Math.floor(c / d.context.length)]) };
  const neighbourMedian = d.las.map((la, i) => {
    if (d.ctx.some((c) => !Number.isFinite(c[i]))) return NaN;
    const nb = nearestNeighbours(matrix, la).neighbours;
    return neighbourSummary(nb.map((n) => last[d.las.indexOf(n.la_code)])).median;
  });
  return { last, neighbourMedian };
}

/** Out-of-sample R² and RMSE of the four models and the gain over context only, with bootstrap intervals over LAs. */
function continuousScores(rowsByLa: readonly { y: number; pred: number[] }[][], trainMean: number, seed: number, resamples: number): { scores: HoldoutScore[]; gain: HoldoutOrigin["gainOverContext"] } {
  const metrics = (sel: Uint32Array): number[] => {
    const sse = [0, 0, 0, 0];
    let sst = 0;
    let n = 0;
    for (const k of sel) {
      for (const r of rowsByLa[k]) {
        for (let m = 0; m < 4; m++) sse[m] += (r.y - r.pred[m]) ** 2;
        sst += (r.y - trainMean) ** 2;
        n++;
      }
    }
    const r2 = sse.map((s) => 1 - s / sst);
    const rmse = sse.map((s) => Math.sqrt(s / n));
    return [...r2.flatMap((v, m) => [v, rmse[m]]), r2[3] - r2[0], rmse[3] - rmse[0]];
  };
  const boot = bootstrap(rowsByLa.length, metrics, { seed, replicates: resamples });
  const names: HoldoutScore["model"][] = ["context-only", "persistence", "neighbour-median", "vital-signs"];
  const scores = names.map((model, m): HoldoutScore => ({
    model,
    r2: boot.estimate[2 * m], r2Lower: boot.lower[2 * m], r2Upper: boot.upper[2 * m],
    rmse: boot.estimate[2 * m + 1], rmseLower: boot.lower[2 * m + 1], rmseUpper: boot.upper[2 * m + 1],
  }));
  const gain: HoldoutOrigin["gainOverContext"] = { r2: boot.estimate[8], r2Lower: boot.lower[8], r2Upper: boot.upper[8], rmse: boot.estimate[9], rmseLower: boot.lower[9], rmseUpper: boot.upper[9] };
  return { scores, gain };
}

/** How many test LA-years and LAs were scored, of how many with an outcome. */
interface ScoredCoverage {
  nTest: number;
  nLas: number;
  nTestWithOutcome: number;
  nLasWithOutcome: number;
}

/** The verdict in plain words, with what it was scored on and, below {@link HOLDOUT_MIN_SCORED_LA_SHARE} of the LAs, that the scored LAs are selected. */
function continuousVerdictText(
  nChosen: number, adds: boolean, worse: boolean, gain: HoldoutOrigin["gainOverContext"], scores: readonly HoldoutScore[], coverage: ScoredCoverage, candidates: CandidatesScreened, t0: number,
): string {
  const best = scores.reduce((a, b) => (b.r2 > a.r2 ? b : a));
  const n = (x: number) => x.toLocaleString("en-GB");
  const scored = `Scored on ${n(coverage.nTest)} of the ${n(coverage.nTestWithOutcome)} later LA-years with an outcome, ${n(coverage.nLas)} of ${n(coverage.nLasWithOutcome)} LAs (those where every model has a prediction).`;
  const selected = coverage.nLas < HOLDOUT_MIN_SCORED_LA_SHARE * coverage.nLasWithOutcome
    ? ` Fewer than half the LAs: the test set is selected by which LAs publish ${nChosen === 0 ? "the inputs of every model" : "every vital sign chosen"}, so the result may not generalise to the others.`
    : "";
  const ci = `${r2ChangeText(gain.r2)} (95% CI ${gain.r2Lower.toFixed(3)} to ${gain.r2Upper.toFixed(3)})`;
  const verdict = nChosen === 0
    ? nothingChosenText(candidates, t0)
    : adds
      ? `The vital signs add to deprivation: out-of-sample R² rises by ${ci} over context only.`
      : worse
        ? `The vital signs predict worse than deprivation alone: out-of-sample R² falls by ${ci} against context only (the chosen indicators fit the training years, not the later ones).`
        : `No clear gain beyond deprivation: the vital signs change out-of-sample R² by ${ci} over context only.`;
  return `${verdict} ${scored}${selected} Best model out of sample: ${best.model}.`;
}
