/**
 * Contextual adjustment: take out of an indicator (and of the outcome) what the LA's context predicts —
 * deprivation (IDACI or IMD score), child population, demand (e.g. the CIN rate) — and measure the
 * association that remains. Wilkins & Antonopoulou (2018, 2020) found deprivation the best single predictor
 * of the Ofsted rating, so an association that disappears once context is allowed for is not evidence that
 * the indicator itself goes with better outcomes.
 *
 * - {@link residualiseOnContext}: least-squares residuals of a variable on [1, context…] and the R² of that
 *   context model (how much of the indicator's variation between LAs is context).
 * - {@link contextAdjustedAssociation}: raw correlation, partial correlation given the context (= the
 *   correlation of the two residual series on the common complete rows; ppcor `pcor.test`) and both R².
 */
import { InputError } from "../errors";
import { completeCases, pick } from "../stats/complete-cases";
import { ols } from "../stats/ols";
import { partialCorrelation } from "../stats/partial-correlation";
import { pearson } from "../stats/pearson";
import { spearman } from "../stats/spearman";
import type { CorrelationResult } from "../stats/pearson";

/** Result of {@link residualiseOnContext}. */
export interface ContextResiduals {
  /** Residuals aligned with the input (NaN where the value or a context variable was missing). */
  residuals: Float64Array;
  /** R² of the context model (share of between-LA variance the context explains). */
  r2: number;
  /** Rows used and rows dropped as missing. */
  n: number;
  nMissing: number;
  /** Coefficients of the context model by name ("(Intercept)" first). */
  coefficients: { name: string; estimate: number }[];
  /** Why r2 or residuals are NaN, when they are. */
  reason?: string;
}

/**
 * Residuals of `values` after least-squares regression on an intercept and the context variables
 * (R: `residuals(lm(values ~ ., data = context))`, with `na.exclude`), and the R² of that fit.
 * Collinear or constant context variables give NaN residuals with a reason — never a silently smaller model.
 * @param values one number per LA (NaN = missing)
 * @param context columns of context variables, each aligned with `values`
 * @param names names of the context variables (for the coefficients)
 * @example
 * residualiseOnContext(turnover, [idaci], ["idaci_score"]).r2 // e.g. 0.12
 */
export function residualiseOnContext(
  values: ArrayLike<number>,
  context: readonly ArrayLike<number>[],
  names: readonly string[] = context.map((_, j) => `context${j + 1}`),
): ContextResiduals {
  if (context.length === 0) throw new InputError("residualiseOnContext", "needs at least one context variable", 0);
  if (names.length !== context.length) {
    throw new InputError("residualiseOnContext", `names must have one entry per context variable (${context.length})`, names.length);
  }
  const cc = completeCases("residualiseOnContext", [values, ...context]);
  const empty = new Float64Array(values.length).fill(NaN);
  if (cc.n < context.length + 2) {
    return {
      residuals: empty, r2: NaN, n: cc.n, nMissing: cc.nMissing, coefficients: [],
      reason: `n = ${cc.n}: at least ${context.length + 2} complete rows are needed for ${context.length} context variable(s)`,
    };
  }
  const fit = ols(values, context, { names, coefficientP: false, fTestP: false }); // residuals, R² and estimates only: no p-values (issue #19)
  const coefficients = fit.coefficients.map((c) => ({ name: c.name, estimate: c.estimate }));
  if (fit.rankDeficient) {
    return {
      residuals: empty, r2: NaN, n: fit.n, nMissing: fit.nMissing, coefficients,
      reason: `context variables are collinear or constant (${fit.aliased.join(", ")}): the adjustment is undefined`,
    };
  }
  return { residuals: Float64Array.from(fit.residuals), r2: fit.r2, n: fit.n, nMissing: fit.nMissing, coefficients };
}

/** Result of {@link contextAdjustedAssociation}. */
export interface AdjustedAssociation {
  /** Correlation before adjustment, on the same rows as the adjusted one. */
  raw: CorrelationResult;
  /** Partial correlation of x and y given the context (correlation of residuals). */
  partial: CorrelationResult;
  /** R² of x on the context (over the rows used). */
  contextR2: number;
  /** R² of y on the context (over the rows used). */
  outcomeContextR2: number;
  /** Rows with x, y and every context variable present. */
  n: number;
  method: "pearson" | "spearman";
}

/**
 * Association of x and y before and after allowing for context, on the listwise-complete rows of
 * (x, y, context…). The adjusted association is the partial correlation r_xy·Z = cor(resid(x|Z), resid(y|Z))
 * with t = r√((n − 2 − k)/(1 − r²)) on n − 2 − k df (ppcor `pcor.test`); with `method: "spearman"` every
 * variable is ranked first (ppcor's Spearman partial correlation).
 * @example
 * const a = contextAdjustedAssociation(indicator, betterRating, [idaci], { method: "spearman" });
 * a.raw.r; a.partial.r; a.partial.p; a.contextR2;
 */
export function contextAdjustedAssociation(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  context: readonly ArrayLike<number>[],
  options: { method?: "pearson" | "spearman" } = {},
): AdjustedAssociation {
  const method = options.method ?? "pearson";
  if (method !== "pearson" && method !== "spearman") {
    throw new InputError("contextAdjustedAssociation", 'method must be "pearson" or "spearman"', method);
  }
  if (context.length === 0) throw new InputError("contextAdjustedAssociation", "needs at least one context variable", 0);
  const cc = completeCases("contextAdjustedAssociation", [x, y, ...context]);
  const xs = pick(x, cc.rows);
  const ys = pick(y, cc.rows);
  const zs = context.map((z) => pick(z, cc.rows));
  const raw = method === "spearman" ? spearman(xs, ys) : pearson(xs, ys);
  const partial = partialCorrelation(xs, ys, zs, { method });
  const r2Of = (v: Float64Array) => (cc.n >= context.length + 2 ? residualiseOnContext(v, zs).r2 : NaN);
  return { raw, partial, contextR2: r2Of(xs), outcomeContextR2: r2Of(ys), n: cc.n, method };
}
