/**
 * How noisy a continuous outcome is at LA level, and empirical-Bayes shrinkage of its LA values.
 *
 * Outcomes of children in care are measured on small cohorts (a few dozen care leavers or GCSE pupils per
 * LA), so part of the difference between LAs is chance. Two measures, both reported:
 * - **Year-to-year reliability**: median Pearson r across LAs of consecutive years ({@link yearToYearReliability}).
 * - **Signal-to-noise from the denominators**: each LA value's sampling variance v_i ({@link SAMPLING_VARIANCE_RULES}),
 *   the between-LA variance τ² of the true values (DerSimonian–Laird, lib/stats/empirical-bayes.ts), the
 *   reliability of LA values λ_i = τ²/(τ² + v_i) and their mean, and SNR = τ²/mean(v).
 * **Verdict** ({@link NOISY_OUTCOME_RELIABILITY}): the outcome is too noisy at LA level to judge indicators by
 * when the mean reliability λ̄ is below 0.5 — sampling noise is then as large as the real differences between
 * LAs, so even a perfect indicator could correlate with it at most √0.5 ≈ 0.71 — or, when the sampling noise
 * cannot be measured ({@link samplingNoiseGap} says why), when its year-to-year r is below 0.5 (the threshold the
 * indicators' own reliability verdict uses).
 * **Shrinkage** (`--shrink national|context`): LA values pulled toward the national (precision-weighted) mean
 * or toward the mean predicted from the context variables, each by 1 − λ_i (Morris 1983).
 */
import { InputError } from "../errors";
import type { CatalogueRow, DataPackage, Unit } from "../data/types";
import { empiricalBayesShrinkage } from "../stats/empirical-bayes";
import { yearToYearReliability } from "./reliability";
import { columnValues } from "./column-values";

/** Below this mean reliability (or, without denominators, year-to-year r) the outcome is too noisy at LA level (see the module comment). */
export const NOISY_OUTCOME_RELIABILITY = 0.5;

/** Where the shrunk values are pulled toward. */
export type ShrinkTarget = "national" | "context";
export const SHRINK_TARGETS: readonly ShrinkTarget[] = ["national", "context"];

/** How each unit's sampling variance is obtained, in words (written into results.json). */
export const SAMPLING_VARIANCE_RULES = {
  binomial: "percent: binomial p(1 − p)/n × 100², p = value/100 kept within [0.5/n, 1 − 0.5/n], n = denominator",
  poisson: "rate per 10,000: Poisson 10,000 × rate / n, n = denominator (population)",
  "year-to-year":
    "score or other unit: per-child variance σ² = Σ(Δy)² / Σ(1/n_t + 1/n_t−1) over consecutive years of the same LA, v = σ²/n — an upper bound (any real change within an LA counts as noise)",
  none: "no sampling variance (no denominators, or for a score or other unit no per-child variance: no LA with denominators in two consecutive years, or no change between them): only the year-to-year reliability is reported",
} as const;
export type VarianceSource = keyof typeof SAMPLING_VARIANCE_RULES;

/**
 * Why an outcome's sampling noise (its mean reliability λ̄) was not measured: no LA value has a denominator; or
 * the unit (a score, not a percentage or a rate) gets its per-child variance only from LAs' changes between
 * consecutive years with denominators, and no LA has two such years or no value changed between them (a
 * per-child variance of 0 would make every sampling variance 0, which empirical Bayes refuses: analyse had
 * stopped on "sampling variances must be finite and > 0"); or too few LAs have a value with a sampling variance to
 * estimate the between-LA variance (empirical-Bayes needs more LAs than prior-mean coefficients, here 1). The
 * report had said "no denominators" in all three cases.
 */
export type SamplingNoiseGap = "no-denominators" | "no-per-child-variance" | "too-few-las";

/**
 * Why the sampling noise of an {@link outcomeNoise} was not measured, or undefined when it was; from the fields
 * results.json writes (`variance_source`, `n_with_denominator`, `mean_reliability`, null there for NaN).
 * @example samplingNoiseGap({ varianceSource: "none", nWithDenominator: 140, meanReliability: NaN }) // "no-per-child-variance"
 */
export function samplingNoiseGap(noise: Pick<OutcomeNoise, "varianceSource" | "nWithDenominator" | "meanReliability">): SamplingNoiseGap | undefined {
  if (noise.varianceSource === "none") return noise.nWithDenominator === 0 ? "no-denominators" : "no-per-child-variance";
  return Number.isNaN(noise.meanReliability) ? "too-few-las" : undefined;
}

/** The outcome's values and denominators per year, aligned with the LAs. */
export interface OutcomeGrid {
  years: number[];
  values: Float64Array[];
  denominators: Float64Array[];
}

/** Read an indicator's values and denominators per year for the given LAs (NaN = missing). */
export function outcomeGrid(pkg: DataPackage, indicator: string, laCodes: readonly string[], years: readonly number[]): OutcomeGrid {
  const row = new Map(laCodes.map((c, i) => [c, i] as const));
  const yearIndex = new Map(years.map((y, k) => [y, k] as const));
  const values = years.map(() => new Float64Array(laCodes.length).fill(NaN));
  const denominators = years.map(() => new Float64Array(laCodes.length).fill(NaN));
  const la = columnValues<string>(pkg.indicators, "la_code");
  const per = columnValues<number>(pkg.indicators, "period");
  const id = columnValues<string>(pkg.indicators, "indicator");
  const val = columnValues<number | null>(pkg.indicators, "value");
  const den = columnValues<number | null | undefined>(pkg.indicators, "denominator");
  for (let r = 0; r < la.length; r++) {
    if (id[r] !== indicator || val[r] === null) continue;
    const i = row.get(la[r]);
    const k = yearIndex.get(per[r]);
    if (i === undefined || k === undefined) continue;
    values[k][i] = val[r] as number;
    if (den[r] !== null && den[r] !== undefined && (den[r] as number) > 0) denominators[k][i] = den[r] as number;
  }
  return { years: [...years], values, denominators };
}

/** Per-child variance of a score from year-to-year changes within LAs (see SAMPLING_VARIANCE_RULES["year-to-year"]); NaN without pairs, 0 when no value changed. */
function withinChildVariance(grid: OutcomeGrid): number {
  let num = 0;
  let den = 0;
  for (let k = 1; k < grid.years.length; k++) {
    if (grid.years[k] !== grid.years[k - 1] + 1) continue;
    const [a, b, na, nb] = [grid.values[k - 1], grid.values[k], grid.denominators[k - 1], grid.denominators[k]];
    for (let i = 0; i < a.length; i++) {
      if ([a[i], b[i], na[i], nb[i]].some(Number.isNaN)) continue;
      num += (b[i] - a[i]) ** 2;
      den += 1 / na[i] + 1 / nb[i];
    }
  }
  return den > 0 ? num / den : NaN;
}

/**
 * Sampling variances of one year's LA values by {@link SAMPLING_VARIANCE_RULES}.
 * @example samplingVariances(Float64Array.of(50), Float64Array.of(100), "percent", NaN).v[0] // 25
 */
export function samplingVariances(values: Float64Array, denominators: Float64Array, unit: Unit, childVariance: number): { v: Float64Array; source: VarianceSource } {
  const hasDenominators = denominators.some((n, i) => !Number.isNaN(n) && !Number.isNaN(values[i]));
  const source: VarianceSource = !hasDenominators ? "none" : unit === "percent" ? "binomial" : unit === "rate_per_10k" ? "poisson" : childVariance > 0 ? "year-to-year" : "none";
  const v = Float64Array.from(values, (y, i) => {
    const n = denominators[i];
    if (Number.isNaN(y) || Number.isNaN(n)) return NaN;
    if (source === "binomial") {
      const p = Math.min(Math.max(y / 100, 0.5 / n), 1 - 0.5 / n);
      return (100 * 100 * p * (1 - p)) / n;
    }
    if (source === "poisson") return (10000 * Math.max(y, (0.5 * 10000) / n)) / n;
    if (source === "year-to-year") return childVariance / n;
    return NaN;
  });
  return { v, source };
}

/** What {@link outcomeNoise} returns. */
export interface OutcomeNoise {
  year: number;
  varianceSource: VarianceSource;
  varianceRule: string;
  /** LAs with a value, and with a value and a denominator. */
  nValues: number;
  nWithDenominator: number;
  medianDenominator: number;
  yearToYearR: number;
  yearToYearPairs: number;
  tau2: number;
  meanSamplingVariance: number;
  signalToNoise: number;
  meanReliability: number;
  code: "ok" | "too-noisy" | "not-measurable";
  failures: { criterion: string; value: number; limit: number }[];
  reasons: string[];
  /** The year whose values and denominators gave the sampling noise (the outcome year, or the latest earlier one with denominators). */
  denominatorYear: number;
}

/**
 * The noise of a continuous outcome in one year at LA level, with the verdict of {@link NOISY_OUTCOME_RELIABILITY}.
 * @example outcomeNoise(grid, 2024, "percent").code // "ok" | "too-noisy" | "not-measurable"
 */
export function outcomeNoise(grid: OutcomeGrid, year: number, unit: Unit): OutcomeNoise {
  const k = yearWithDenominators(grid, year);
  const values = grid.values[k];
  const { v, source } = samplingVariances(values, grid.denominators[k], unit, withinChildVariance(grid));
  const eb = empiricalBayesShrinkage(values, v);
  const reliability = yearToYearReliability(grid.values, grid.years);
  const dens = Array.from(grid.denominators[k]).filter((n, i) => !Number.isNaN(n) && !Number.isNaN(values[i])).sort((a, b) => a - b);
  const usedV = Array.from(v).filter((x) => !Number.isNaN(x));
  const failures: OutcomeNoise["failures"] = [];
  let code: OutcomeNoise["code"] = "ok";
  if (source !== "none" && !Number.isNaN(eb.meanReliability)) {
    if (eb.meanReliability < NOISY_OUTCOME_RELIABILITY) failures.push({ criterion: "mean reliability of LA values", value: eb.meanReliability, limit: NOISY_OUTCOME_RELIABILITY });
  } else if (!Number.isNaN(reliability.r)) {
    if (reliability.r < NOISY_OUTCOME_RELIABILITY) failures.push({ criterion: "year-to-year r", value: reliability.r, limit: NOISY_OUTCOME_RELIABILITY });
  } else code = "not-measurable";
  if (failures.length > 0) code = "too-noisy";
  return {
    year, varianceSource: source, varianceRule: SAMPLING_VARIANCE_RULES[source],
    nValues: Array.from(values).filter((x) => !Number.isNaN(x)).length, nWithDenominator: dens.length,
    medianDenominator: dens.length > 0 ? dens[Math.floor((dens.length - 1) / 2)] / 2 + dens[Math.ceil((dens.length - 1) / 2)] / 2 : NaN,
    yearToYearR: reliability.r, yearToYearPairs: reliability.nPairs,
    tau2: eb.tau2, meanSamplingVariance: usedV.length > 0 ? usedV.reduce((a, b) => a + b, 0) / usedV.length : NaN,
    signalToNoise: eb.signalToNoise, meanReliability: eb.meanReliability, code, failures,
    reasons: [
      ...(grid.years[k] !== year ? [`the outcome year ${year} has no denominators: the noise (values, between-LA variance, sampling variance, reliability) is measured on ${grid.years[k]}'s values and denominators, the latest year with them`] : []),
      ...(reliability.reason ? [`year-to-year: ${reliability.reason}`] : []),
      ...(source === "none" ? [] : eb.reasons),
    ],
    denominatorYear: grid.years[k],
  };
}

/** The index of `year` in the grid, or when that year has no value with a denominator, of the latest earlier year that has. */
function yearWithDenominators(grid: OutcomeGrid, year: number): number {
  const k = grid.years.indexOf(year);
  const has = (j: number) => grid.denominators[j].some((n, i) => !Number.isNaN(n) && !Number.isNaN(grid.values[j][i]));
  if (k < 0 || has(k)) return k;
  for (let j = k - 1; j >= 0; j--) if (has(j)) return j;
  return k;
}

/**
 * One outcome year's shrinkage ({@link shrinkOutcomeValues}): the values, and which LAs were shrunk and which
 * were kept as published, and why. `las` = `shrunk` + `unshrunk`; `unshrunk` = `noSamplingVariance` +
 * `noContext` + the LAs the shrinkage could not be estimated for (`notEstimable` says why: then no LA is shrunk).
 */
export interface ShrunkOutcome {
  /** The year's values with the shrunk ones in place (empty when the year is not in the grid). */
  values: Float64Array;
  /** Between-LA variance τ² (NaN when not estimable). */
  tau2: number;
  /** LAs with a value in the year. */
  las: number;
  shrunk: number;
  unshrunk: number;
  /** Unshrunk LAs whose value has no sampling variance (no denominator, or none derivable for the unit). */
  noSamplingVariance: number;
  /** Unshrunk LAs with a sampling variance but a context variable missing (target "context" only). */
  noContext: number;
  /** Why nothing could be shrunk although some LAs had a value and a sampling variance (lib/stats/empirical-bayes.ts reasons). */
  notEstimable?: string;
}

/**
 * Empirical-Bayes shrunk LA values of one outcome year toward the national or context-predicted mean. LAs with
 * a value but no sampling variance (no denominator), or without a context value when shrinking toward the context,
 * keep their value and are counted in `unshrunk` by reason.
 * @example shrinkOutcomeValues(grid, 2024, "percent", "context", [idaci]).values
 */
export function shrinkOutcomeValues(grid: OutcomeGrid, year: number, unit: Unit, target: ShrinkTarget, context: readonly Float64Array[]): ShrunkOutcome {
  const k = grid.years.indexOf(year);
  if (k < 0) return { values: new Float64Array(0), tau2: NaN, las: 0, shrunk: 0, unshrunk: 0, noSamplingVariance: 0, noContext: 0 };
  const values = grid.values[k];
  const { v } = samplingVariances(values, grid.denominators[k], unit, withinChildVariance(grid));
  const covariates = target === "context" ? context : [];
  const eb = empiricalBayesShrinkage(values, v, covariates);
  let unshrunk = 0;
  let noSamplingVariance = 0;
  let noContext = 0;
  const out = Float64Array.from(values, (y, i) => {
    if (Number.isNaN(y)) return NaN;
    if (Number.isNaN(eb.shrunk[i])) {
      unshrunk++;
      if (Number.isNaN(v[i])) noSamplingVariance++;
      else if (covariates.some((c) => Number.isNaN(c[i]))) noContext++;
      return y;
    }
    return eb.shrunk[i];
  });
  const las = out.length - out.filter(Number.isNaN).length;
  const notEstimable = unshrunk > noSamplingVariance + noContext ? eb.reasons[0] : undefined;
  return { values: out, tau2: eb.tau2, las, shrunk: las - unshrunk, unshrunk, noSamplingVariance, noContext, ...(notEstimable ? { notEstimable } : {}) };
}

/**
 * Refuse a shrinkage that leaves no between-LA variance in the screen's outcome year: with τ² estimated at 0 every
 * shrunk LA value is the prior mean — its context prediction (target "context"), so the outcome becomes a function
 * of the context and no indicator can be correlated with it once the context is allowed for; or the national mean
 * (target "national"), the same for every LA. An analysis of that would report only undefined associations (the
 * official KS4 Attainment 8 of children looked after in 2025, --shrink context: 146 LA values, every partial
 * correlation NaN), so it is stopped before anything is screened or written. Earlier years are not checked: they
 * only add observations to the resamples (shrinkSentence reports a τ² of 0 there).
 * @throws InputError naming the year, how many LA values would be the prior mean, and what to run instead
 * @example refuseFullShrinkage({ outcomeYear: 2025, tau2: 0, shrunk: 146 }, "context") // throws
 */
export function refuseFullShrinkage(screenYear: Pick<ShrunkOutcome, "tau2" | "shrunk"> & { outcomeYear: number }, target: ShrinkTarget): void {
  if (!(screenYear.tau2 === 0 && screenYear.shrunk > 0)) return;
  const consequence = target === "context"
    ? `each of its ${screenYear.shrunk} shrunk LA values would be its context prediction, making the outcome a function of the context, with nothing left to correlate an indicator with once the context is allowed for`
    : `each of its ${screenYear.shrunk} shrunk LA values would be the national mean, the same for every LA`;
  const instead = target === "context" ? "run without --shrink, or with --shrink national" : "run without --shrink";
  throw new InputError(
    "shrinkage",
    `--shrink ${target} leaves no between-LA variance in ${screenYear.outcomeYear}, the screen's outcome year ` +
      `(τ² estimated at 0: the differences between LA values are no larger than their sampling noise${target === "context" ? " around the context prediction" : ""}), so ${consequence}; ` +
      `nothing was analysed or written: ${instead}`,
  );
}

/** The catalogue unit of an indicator ("score" when unknown). */
export function unitOf(catalogue: readonly CatalogueRow[], indicator: string): Unit {
  return catalogue.find((c) => c.indicator === indicator)?.unit ?? "score";
}
