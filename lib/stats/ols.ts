/**
 * Ordinary least squares with any number of predictors, solved by Householder QR (never the normal
 * equations), reporting what R's `summary(lm(y ~ ...))` and Excel's regression tool report.
 */
import { InputError } from "../errors";
import { completeCases } from "./complete-cases";
import { fUpperTail, tTwoSidedP } from "./distributions";
import { applyQt, householderQr, QR_TOLERANCE, solveR, unscaledCovariance } from "./linear-algebra";

/** One coefficient row of the regression table. */
export interface OlsCoefficient {
  name: string;
  estimate: number;
  se: number;
  t: number;
  p: number;
  /** True when the column is linearly dependent on earlier ones (estimate and statistics are NaN). */
  aliased: boolean;
}

/** Result of {@link ols}. Fields that cannot be computed are NaN and `reasons` says why. */
export interface OlsResult {
  coefficients: OlsCoefficient[];
  /** R² = 1 − RSS/TSS (TSS about the mean when there is an intercept). */
  r2: number;
  adjR2: number;
  /** Multiple R = √R² (Excel's "Multiple R"). */
  multipleR: number;
  /** F = (regression SS / df1) / (RSS / df2). */
  f: number;
  fDf1: number;
  fDf2: number;
  /** P(F > f): Excel's "Significance F". */
  fP: number;
  /** Residual standard error √(RSS/df2). */
  sigma: number;
  /** Residuals and fitted values aligned with the input rows (NaN where a row was dropped as missing). */
  residuals: Float64Array;
  fitted: Float64Array;
  /** Rows used and rows dropped because y or a predictor was NaN (listwise deletion). */
  n: number;
  nMissing: number;
  /** Rank of the design matrix (intercept included). */
  rank: number;
  dfResidual: number;
  /** True when some columns are linear combinations of others (or constant, with an intercept). */
  rankDeficient: boolean;
  /** Names of the aliased columns (R reports their coefficients as NA). */
  aliased: string[];
  intercept: boolean;
  method: "householder-qr";
  /** Why some statistics are NaN. */
  reasons: string[];
}

/**
 * Fit y = b₀ + Σ bⱼ·Xⱼ + ε by least squares via Householder QR with R's limited pivoting
 * (LINPACK dqrdc2, tolerance 1e-7, as `lm`). Rows with NaN in y or any predictor are dropped and counted.
 *
 * **Rank deficiency is reported, not solved silently**: a column that is (numerically) a linear
 * combination of earlier columns — collinear predictors, or a constant predictor next to the intercept —
 * is listed in `aliased`, `rankDeficient` is true, its coefficient is NaN, and the other coefficients
 * are those of the reduced model (exactly what `lm` does with its NA coefficients).
 *
 * Statistics: se = σ̂·√diag((RᵀR)⁻¹), t = b/se, p two-sided on n − rank df; R² and adjusted R²
 * (1 − (1 − R²)(n − 1)/(n − rank) with an intercept); F on (rank − 1, n − rank) df and its p-value.
 *
 * @param y response; NaN = missing
 * @param X predictors as an array of columns (each the length of y); may be empty (intercept only)
 * @param options `names` for the predictors (default x1, x2, …), `intercept` (default true)
 * @throws InputError on unequal lengths, infinite values, or no complete rows
 * @example
 * const fit = ols([3, 5, 4, 8, 9], [[1, 2, 3, 4, 5]], { names: ["caseload"] });
 * fit.coefficients[1].estimate; // slope
 * fit.fP;                       // "Significance F"
 */
export function ols(
  y: ArrayLike<number>,
  X: readonly ArrayLike<number>[],
  options: { names?: readonly string[]; intercept?: boolean } = {},
): OlsResult {
  const intercept = options.intercept ?? true;
  const names = options.names ?? X.map((_, j) => `x${j + 1}`);
  if (names.length !== X.length) {
    throw new InputError("ols", `names must have one entry per predictor (${X.length})`, names.length);
  }
  const cc = completeCases("ols", [y, ...X]);
  const n = cc.n;
  if (n === 0) throw new InputError("ols", "no complete rows (every row has a missing value)", 0);
  const p = X.length + (intercept ? 1 : 0);
  if (p === 0) throw new InputError("ols", "needs at least one predictor or an intercept");
  const colNames = intercept ? ["(Intercept)", ...names] : [...names];
  const design = new Float64Array(n * p);
  const yy = new Float64Array(n);
  for (let k = 0; k < n; k++) yy[k] = y[cc.rows[k]];
  let c0 = 0;
  if (intercept) {
    design.fill(1, 0, n);
    c0 = 1;
  }
  for (let j = 0; j < X.length; j++) {
    const off = (j + c0) * n;
    const col = X[j];
    for (let k = 0; k < n; k++) design[off + k] = col[cc.rows[k]];
  }
  const f = householderQr(design, n, p, QR_TOLERANCE);
  const rank = f.rank;
  const qty = applyQt(f, Float64Array.from(yy));
  const b = solveR(f, qty);
  const dfResidual = n - rank;
  const reasons: string[] = [];

  // Fitted values and residuals on the complete rows.
  const fitC = new Float64Array(n);
  for (let k = 0; k < rank; k++) {
    const off = f.pivot[k] * n;
    const bk = b[k];
    for (let i = 0; i < n; i++) fitC[i] += bk * design[off + i];
  }
  let rss = 0;
  let my = 0;
  for (let i = 0; i < n; i++) my += yy[i];
  my /= n;
  let tss = 0;
  for (let i = 0; i < n; i++) {
    const e = yy[i] - fitC[i];
    rss += e * e;
    const d = intercept ? yy[i] - my : yy[i];
    tss += d * d;
  }
  const sigma2 = dfResidual > 0 ? rss / dfResidual : NaN;
  if (dfResidual === 0) reasons.push(`no residual degrees of freedom (n = ${n}, rank = ${rank}): standard errors, t, p and F are undefined`);

  const cov = unscaledCovariance(f);
  const coefficients: OlsCoefficient[] = colNames.map((name) => ({ name, estimate: NaN, se: NaN, t: NaN, p: NaN, aliased: true }));
  for (let k = 0; k < rank; k++) {
    const j = f.pivot[k];
    const se = Math.sqrt(sigma2 * cov[k + k * rank]);
    const t = b[k] / se;
    coefficients[j] = { name: colNames[j], estimate: b[k], se, t, p: tTwoSidedP(t, dfResidual), aliased: false };
  }
  const aliased = coefficients.filter((c) => c.aliased).map((c) => c.name);
  if (aliased.length > 0) reasons.push(`rank-deficient design: ${aliased.join(", ")} aliased (linear combination of earlier columns)`);

  const dfModel = rank - (intercept ? 1 : 0);
  let r2 = NaN;
  let adjR2 = NaN;
  let fStat = NaN;
  let fP = NaN;
  if (!(tss > 0)) {
    reasons.push("y is constant: R² and F are undefined");
  } else {
    r2 = Math.max(0, 1 - rss / tss);
    const nEff = n - (intercept ? 1 : 0);
    adjR2 = dfResidual > 0 ? 1 - (1 - r2) * (nEff / dfResidual) : NaN;
    if (dfModel > 0 && dfResidual > 0) {
      fStat = (tss - rss) / dfModel / sigma2;
      fP = fUpperTail(fStat, dfModel, dfResidual);
      if (rss <= 1e-28 * tss) reasons.push("essentially perfect fit: F is infinite and p-values are unreliable");
    } else if (dfModel === 0) {
      reasons.push("no predictors beyond the intercept: F is undefined");
    }
  }
  const residuals = new Float64Array(y.length).fill(NaN);
  const fitted = new Float64Array(y.length).fill(NaN);
  for (let k = 0; k < n; k++) {
    fitted[cc.rows[k]] = fitC[k];
    residuals[cc.rows[k]] = yy[k] - fitC[k];
  }
  return {
    coefficients,
    r2,
    adjR2,
    multipleR: Math.sqrt(r2),
    f: fStat,
    fDf1: dfModel,
    fDf2: dfResidual,
    fP,
    sigma: Math.sqrt(sigma2),
    residuals,
    fitted,
    n,
    nMissing: cc.nMissing,
    rank,
    dfResidual,
    rankDeficient: aliased.length > 0,
    aliased,
    intercept,
    method: "householder-qr",
    reasons,
  };
}
