/**
 * The association screen: for every indicator, how strongly it goes with the outcome — by the 2016 study's
 * statistic (Multiple R and Significance F of the one-indicator OLS of the rating on the indicator), by rank
 * (Spearman ρ), by a proportional-odds model of the ordered rating (a grade only: never of a continuous outcome), and before and after allowing for context
 * (signed raw and partial correlation, Pearson or Spearman, each with a 95% interval) — with
 * Benjamini–Hochberg q-values across the screen.
 *
 * **Same LAs for raw and adjusted.** `rawR` and `partialR` are computed on the same complete cases: the LAs
 * with the indicator, the outcome and every context variable (`nComplete`). `n` counts the LAs with the
 * indicator and the outcome (the sample of the 2016-study statistics, Spearman ρ and the ordinal model).
 *
 * **Intervals** (conf {@link CORRELATION_CONF}): Fisher z, tanh(atanh r ± z₀.₉₇₅·se). Pearson: se = 1/√(n − 3)
 * raw, 1/√(n − 3 − k) partial with k context variables (R `cor.test`; Fisher 1924 for partials). Spearman:
 * Bonett & Wright (2000, Psychometrika 65:23–28) se = √((1 + r²/2)/(n − 3)) raw; for the partial their SE with
 * n replaced by n − k, the same df correction Fisher's z makes for partial correlations (our extension, not
 * theirs): √((1 + r²/2)/(n − 3 − k)). Both are approximations, as any interval for ρ is.
 *
 * **Context rows** ({@link screenContext}): each context variable screened like an indicator, its partial given
 * the *other* context variables, on the same complete cases; role "context", outside the BH family.
 *
 * **Orientation.** Coefficients are reported against the *better* outcome: for Ofsted grades (1 Outstanding …
 * 4 Inadequate) the sign is flipped, so a positive ρ, ordinal coefficient or partial r always means "higher
 * indicator value, better rating" (better outcome, for a continuous outcome). Multiple R is unsigned (as in the
 * study). `direction` says it in words ("rating" for a grade, "outcome" for a value: `outcomeKind`) and
 * `polarityAgrees` compares it with the catalogue polarity (up: higher is better).
 */
import { InputError } from "../errors";
import type { Domain, Polarity } from "../data/types";
import { residualiseOnContext } from "../context/adjust";
import { completeCases, pick } from "../stats/complete-cases";
import { standardise } from "../stats/summary";
import { benjaminiHochberg } from "../stats/multiple-testing";
import { ols } from "../stats/ols";
import { ordinalLogit } from "../stats/ordinal-logit";
import { partialCorrelation, preparePartialCorrelation } from "../stats/partial-correlation";
import { CORRELATION_CONF, correlationInference, pearson, type CorrelationResult } from "../stats/pearson";
import { prepareSpearman, spearman, spearmanFisherSe } from "../stats/spearman";

/** One indicator offered to the screen. */
export interface ScreenIndicator {
  indicator: string;
  domain: Domain;
  polarity: Polarity;
  /** One value per LA (aligned with the outcome); NaN = missing. */
  values: ArrayLike<number>;
}

/** Input of {@link screenIndicators}. */
export interface ScreenInput {
  indicators: readonly ScreenIndicator[];
  /** Outcome per LA as coded (e.g. Ofsted grade 1–4); NaN = no judgement. */
  outcome: ArrayLike<number>;
  /** True when a lower outcome value is better (Ofsted grades). */
  outcomeLowerIsBetter: boolean;
  /**
   * What the outcome is, for the words of `direction` (default "grade"): a grade or judgement is a rating; a
   * continuous outcome (an indicator such as a percentage) is an outcome value, not a rating.
   */
  outcomeKind?: OutcomeKind;
  /** Context variables to adjust for, each aligned with the outcome. May be empty (no adjustment). */
  context: readonly { variable: string; values: ArrayLike<number> }[];
}

/** A graded outcome (an Ofsted judgement) or a continuous one (an indicator's value). */
export type OutcomeKind = "grade" | "value";

/** The screen's direction in words: which way of the indicator goes with a better rating (grade) or outcome (value). */
export type ScreenDirection = `better ${"rating" | "outcome"} with ${"higher" | "lower"} value` | "no direction";

/** Options of {@link screenIndicators}. */
export interface ScreenOptions {
  /** Correlation of the raw and the adjusted association (default "spearman": ranks, robust to skewed rates). */
  method?: CorrelationMethod;
}

/** The correlations the screen can use for its raw and adjusted association. */
export const CORRELATION_METHODS = ["pearson", "spearman"] as const;
export type CorrelationMethod = (typeof CORRELATION_METHODS)[number];

/** How the intervals of raw_r and partial_r are computed, in words (recorded in results.json). */
export const INTERVAL_METHODS: Record<CorrelationMethod, string> = {
  pearson: "95% Fisher z interval: tanh(atanh r ± 1.96/√(n − 3 − k)), k context variables (0 for the raw r), as R cor.test",
  spearman: "95% Fisher z interval with the Bonett–Wright (2000) standard error √((1 + r²/2)/(n − 3 − k)), k context variables (0 for the raw r; n − k for the partial is the usual partial-correlation df correction applied to their SE); an approximation",
};

/** One row of the screen (results.json `associations` writes each field under its snake_case name: `rawR` as `raw_r`; lib/vitals/results.ts). */
export interface ScreenRow {
  indicator: string;
  /** "indicator": a candidate vital sign; "context": a context variable screened as the baseline (never selected). */
  role: "indicator" | "context";
  domain: Domain;
  polarity: Polarity;
  /** LAs with both the indicator and the outcome. */
  n: number;
  /** LAs with the indicator, the outcome and every context variable: the sample of rawR and partialR. */
  nComplete: number;
  /** Correlation of rawR and partialR. */
  method: CorrelationMethod;
  /** Signed correlation with the better outcome before adjustment (on the nComplete LAs), its 95% interval and p. */
  rawR: number;
  rawRLower: number;
  rawRUpper: number;
  rawP: number;
  /** Share of the LAs with the outcome (rows of the frame with one) that have a value for the indicator. */
  completeness: number;
  /** One-indicator OLS of the outcome on the indicator: Multiple R (= |r|) and Significance F. */
  multipleR: number;
  significanceF: number;
  spearmanRho: number;
  spearmanP: number;
  /** Proportional-odds log-odds of a better rating per 1 SD of the indicator, and its Wald p. */
  ordinalCoef: number;
  ordinalP: number;
  /** Partial correlation with the better outcome given the context, its 95% interval, p and the rows it used (= nComplete). */
  partialR: number;
  partialRLower: number;
  partialRUpper: number;
  partialP: number;
  partialN: number;
  /** R² of the indicator on the context variables (NaN without context). */
  contextR2: number;
  /** BH q of the adjusted association (partial p) across the screen. */
  qBh: number;
  /** BH q of the unadjusted association (Spearman p) across the screen. */
  qBhRaw: number;
  direction: ScreenDirection;
  /** Whether the direction matches the polarity (null for polarity none or no direction). */
  polarityAgrees: boolean | null;
  /** Why some statistics are NaN. */
  reasons: string[];
}

/**
 * Screen every indicator against the outcome (see the module comment for the statistics).
 * The 2016-study statistics, Spearman ρ and the ordinal model use the LAs with the indicator and the outcome
 * (`n`); rawR and partialR use the LAs that also have every context variable (`nComplete`).
 * @throws InputError when an indicator's values and the outcome differ in length
 * @example
 * const rows = screenIndicators({ indicators, outcome: grades, outcomeLowerIsBetter: true, context: [{ variable: "idaci_score", values: idaci }] }, { method: "pearson" });
 * rows.filter((r) => r.qBh < 0.05).map((r) => [r.rawR, r.partialR, r.partialRLower, r.partialRUpper]);
 */
export function screenIndicators(input: ScreenInput, options: ScreenOptions = {}): ScreenRow[] {
  const method = checkMethod("screenIndicators", options.method);
  const better = betterOutcome(input);
  // one y and one set of covariates for every indicator: their ranks and QR are shared (identical numbers)
  const shared = { spearman: prepareSpearman(better), partial: preparePartialCorrelation(better, input.context.map((c) => c.values), { method }) };
  const rows = input.indicators.map((ind) => screenRow(input, ind, input.context, method, "indicator", better, shared));
  const q = benjaminiHochberg(rows.map((r) => r.partialP)).adjusted;
  const qRaw = benjaminiHochberg(rows.map((r) => r.spearmanP)).adjusted;
  return rows.map((r, j) => ({ ...r, qBh: q[j], qBhRaw: qRaw[j] }));
}

/**
 * Screen the context variables themselves as rows (the baseline the indicators are compared with): each
 * against the outcome like an indicator, its partial given the other context variables (none with one
 * context variable: partialR is then NaN with the reason), on the LAs with the outcome and every context
 * variable. Role "context", domain "context"; q-values are NaN (not in the BH family of the candidates).
 * @example
 * screenContext({ indicators: [], outcome: grades, outcomeLowerIsBetter: true, context: [{ variable: "idaci_score", values: idaci }] }, { method: "pearson" })[0].rawR
 */
export function screenContext(input: ScreenInput, options: ScreenOptions = {}): ScreenRow[] {
  const method = checkMethod("screenContext", options.method);
  const better = betterOutcome(input);
  return input.context.map((c) =>
    screenRow(input, { indicator: c.variable, domain: "context", polarity: "none", values: c.values }, input.context.filter((o) => o !== c), method, "context", better),
  );
}

function checkMethod(fn: string, method: CorrelationMethod | undefined): CorrelationMethod {
  const m = method ?? "spearman";
  if (!(CORRELATION_METHODS as readonly string[]).includes(m)) throw new InputError(fn, `method must be one of ${CORRELATION_METHODS.join(", ")}`, m);
  return m;
}

/** The outcome oriented so that higher is better (sign flipped when lower is better). */
function betterOutcome(input: ScreenInput): Float64Array {
  const y = input.outcome;
  const sign = input.outcomeLowerIsBetter ? -1 : 1;
  return Float64Array.from({ length: y.length }, (_, i) => sign * y[i]);
}

/**
 * Correlations with the better outcome prepared once per screen (lib/stats: the same numbers as spearman and
 * partialCorrelation, the outcome's part computed once): Spearman over the pairs, and the partial given the
 * whole context on the rows complete over the indicator, the outcome and the context.
 */
interface WithOutcome {
  spearman: (x: ArrayLike<number>) => CorrelationResult;
  partial: (x: ArrayLike<number>) => CorrelationResult;
}

/**
 * One screen row; the complete cases of raw and partial are over the indicator, the outcome and every context
 * variable. `withOutcome`, when given, holds correlations with `better` prepared for the screen; its partial is
 * given `covariates`, which must then be the whole context (so its complete rows are those of the raw correlation).
 */
function screenRow(
  input: ScreenInput, ind: ScreenIndicator, covariates: ScreenInput["context"], method: CorrelationMethod, role: ScreenRow["role"],
  better: Float64Array, withOutcome?: WithOutcome,
): ScreenRow {
  const y = input.outcome;
  if (ind.values.length !== y.length) {
    throw new InputError(role === "context" ? "screenContext" : "screenIndicators", `${ind.indicator}: values must have one entry per LA (${y.length})`, ind.values.length);
  }
  const reasons: string[] = [];
  // over the LAs with the outcome: an outcome of 39 LAs made every indicator of those 39 "too incomplete" when
  // counted over all 153 LAs of the period (a user walkthrough; on the official data, the care leavers judgement's
  // 103 LAs made 24 indicators so)
  let lasWithOutcome = 0;
  let present = 0;
  for (let i = 0; i < ind.values.length; i++) {
    if (Number.isNaN(y[i])) continue;
    lasWithOutcome++;
    if (!Number.isNaN(ind.values[i])) present++;
  }
  const completeness = lasWithOutcome > 0 ? present / lasWithOutcome : NaN;
  const cc = completeCases("screenIndicators", [ind.values, y]);
  const n = cc.n;
  let multiple_r = NaN;
  let p_f = NaN;
  let spearman_rho = NaN;
  let spearman_p = NaN;
  let ordinal_coef = NaN;
  let ordinal_p = NaN;
  let pairsSpearman: CorrelationResult | undefined;
  if (n >= 3) {
    const fit = ols(y, [ind.values], { coefficientP: false }); // only Multiple R, Significance F and the reasons are read
    multiple_r = fit.multipleR;
    p_f = fit.fP;
    reasons.push(...fit.reasons.map((r) => `OLS: ${r}`));
    const sp = withOutcome ? withOutcome.spearman(ind.values) : spearman(ind.values, better);
    pairsSpearman = sp;
    spearman_rho = sp.r;
    spearman_p = sp.p;
    if (sp.reason) reasons.push(`Spearman: ${sp.reason}`);
    if (input.outcomeKind === "value") reasons.push(ORDINAL_NOT_FOR_VALUES);
    else if (isIntegerCoded(y)) {
      const xs = standardise(pick(ind.values, cc.rows));
      const yc = pick(y, cc.rows);
      // every LA with the indicator has the same grade (a region's few LAs, an indicator of one year): nothing to fit
      if (new Set(yc).size < 2) reasons.push(`ordinal: the ${n} LAs with the indicator all have the same outcome category`);
      else if (xs) {
        const fitO = ordinalLogit(yc, [xs]);
        const b = fitO.coefficients[0];
        // polr: beta > 0 shifts towards higher categories; flip when lower is better
        ordinal_coef = b ? (input.outcomeLowerIsBetter ? -b.estimate : b.estimate) : NaN;
        ordinal_p = b ? b.p : NaN;
        reasons.push(...fitO.reasons.map((r) => `ordinal: ${r}`));
      } else reasons.push("ordinal: the indicator is constant");
    } else reasons.push("ordinal: the outcome is not integer categories");
  } else reasons.push(`n = ${n}: at least 3 LAs with both the indicator and the outcome are needed`);

  const adj = rawAndPartial(ind.values, better, input.context.map((c) => c.values), covariates.map((c) => c.values), method, withOutcome?.partial, pairsSpearman);
  const word = method === "spearman" ? "Spearman" : "Pearson";
  if (adj.raw.reason) reasons.push(`raw ${word}: ${adj.raw.reason}`);
  if (input.context.length === 0) {
    reasons.push(`partial: no context variables given, so partial_r is the unadjusted ${word} r`);
  } else if (covariates.length === 0) {
    reasons.push("partial: a context variable is not adjusted for itself and there are no other context variables");
  } else if (adj.partial.reason) reasons.push(`partial: ${adj.partial.reason}`);
  const dirStat = Number.isNaN(spearman_rho) ? adj.partial.r : spearman_rho;
  const noDirection = Number.isNaN(dirStat) || dirStat === 0;
  const judged = input.outcomeKind === "value" ? "outcome" : "rating";
  const direction: ScreenDirection = noDirection ? "no direction" : `better ${judged} with ${dirStat > 0 ? "higher" : "lower"} value`;
  const polarity_agrees = ind.polarity === "none" || noDirection ? null : (ind.polarity === "up") === dirStat > 0;
  return {
    indicator: ind.indicator, role, domain: ind.domain, polarity: ind.polarity, n, nComplete: adj.n, method, completeness,
    rawR: adj.raw.r, rawRLower: adj.raw.lower, rawRUpper: adj.raw.upper, rawP: adj.raw.p,
    multipleR: multiple_r, significanceF: p_f, spearmanRho: spearman_rho, spearmanP: spearman_p, ordinalCoef: ordinal_coef, ordinalP: ordinal_p,
    partialR: adj.partial.r, partialRLower: adj.partial.lower, partialRUpper: adj.partial.upper, partialP: adj.partial.p, partialN: adj.n,
    contextR2: adj.contextR2, qBh: NaN, qBhRaw: NaN, direction, polarityAgrees: polarity_agrees, reasons: reasons.map(countingLas),
  };
}

/**
 * The screen's note on why a row's partial correlation is undefined (NaN): with context variables the partial's
 * note without its "partial: " prefix; without them the raw correlation's, prefix kept (partial_r is then the raw
 * r). Undefined when the screen noted none.
 * @example undefinedPartialNote({ reasons: ["partial: n = 2 LAs: at least 4 complete rows are needed for 1 covariate(s)"] }, true) // "n = 2 LAs: at least 4 …"
 */
export function undefinedPartialNote(row: Pick<ScreenRow, "reasons">, adjusted: boolean): string | undefined {
  return row.reasons.find((r) => r.startsWith(adjusted ? "partial: " : "raw "))?.replace(/^partial: /, "");
}

/**
 * Raw and partial correlation of x with the better outcome on the rows complete over x, y and every context
 * variable; the partial is given `covariates` (a subset of the context). Without covariates the partial is
 * the raw correlation when there is no context at all, else NaN (a context row with nothing else to adjust for).
 */
function rawAndPartial(
  x: ArrayLike<number>,
  better: Float64Array,
  context: readonly ArrayLike<number>[],
  covariates: readonly ArrayLike<number>[],
  method: CorrelationMethod,
  partialWithOutcome?: (x: ArrayLike<number>) => CorrelationResult,
  pairsSpearman?: CorrelationResult,
): { raw: CorrelationResult; partial: CorrelationResult; contextR2: number; n: number } {
  const cc = completeCases("screenIndicators", [x, better, ...context]);
  const xs = pick(x, cc.rows);
  const ys = pick(better, cc.rows);
  // the context leaves every pair (same count, hence the same rows): the Spearman over the pairs is this one, with no row missing
  const raw = method === "spearman"
    ? pairsSpearman && pairsSpearman.n === cc.n ? { ...pairsSpearman, nMissing: 0 } : spearman(xs, ys)
    : pearson(xs, ys);
  if (covariates.length === 0) {
    const partial = context.length === 0 ? raw : { ...raw, r: NaN, p: NaN, lower: NaN, upper: NaN, statistic: NaN };
    return { raw, partial, contextR2: NaN, n: cc.n };
  }
  const zs = covariates.map((z) => pick(z, cc.rows));
  // what contextAdjustedAssociation(xs, ys, zs) gives on these (already complete) rows, without the raw
  // correlation computed again above and the outcome's context R², which the screen does not report
  const adjusted = partialWithOutcome ? partialWithOutcome(x) : partialCorrelation(xs, ys, zs, { method });
  const contextR2 = cc.n >= covariates.length + 2 ? residualiseOnContext(xs, zs).r2 : NaN;
  const k = covariates.length;
  const partial = method === "spearman" && !Number.isNaN(adjusted.r) && cc.n - 3 - k >= 1
    ? { ...adjusted, ...pickInterval(correlationInference(adjusted.r, cc.n, k, CORRELATION_CONF, spearmanFisherSe(adjusted.r, cc.n - k))) }
    : adjusted;
  return { raw, partial, contextR2, n: cc.n };
}

function pickInterval(inf: { lower: number; upper: number }): { lower: number; upper: number } {
  return { lower: inf.lower, upper: inf.upper };
}

/**
 * Why a continuous outcome gets no proportional-odds fit: the model is for an ordered grade (an Ofsted judgement
 * of outcomes.csv). A measure published in whole numbers (care leavers in education, employment or training, in
 * whole %) passed the integer test and was fitted with each distinct value a category, 41 of them empty on the
 * official 2019 data ("empty categories dropped: 1, 2, … 78").
 */
const ORDINAL_NOT_FOR_VALUES = "ordinal: not fitted: the outcome is a measured value, not an ordered grade (the proportional-odds model is for grades such as Ofsted's; whole-number values are not categories)";

/** True when every non-missing value is a positive integer (ordered categories 1..K). */
function isIntegerCoded(y: ArrayLike<number>): boolean {
  let any = false;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v) || v < 1) return false;
    any = true;
  }
  return any;
}

/**
 * A statistic's reason with its `n` said to count LAs ("n = 4: a Fisher-z interval needs n > 4" becomes "n = 4 LAs:
 * …"): in the screen every n is a number of LAs, and unlabelled, the disclosure check (lib/disclosure) read the
 * workbench's own note on an indicator 4 LAs have as a small count of people.
 * @example countingLas("n = 4: a Fisher-z interval needs n > 4") // "n = 4 LAs: a Fisher-z interval needs n > 4"
 */
function countingLas(reason: string): string {
  return reason.replace(/\bn = (\d+)(?!\d| LA)/g, (_, n: string) => `n = ${n} ${n === "1" ? "LA" : "LAs"}`);
}
