/**
 * Ordinary least squares with any number of predictors, solved by Householder QR (never the normal
 * equations), reporting what R's `summary(lm(y ~ ...))` and Excel's regression tool report.
 */
import { InputError } from "../errors";
import { completeCases, completeRowsInto, rowsHash } from "./complete-cases";
import { fUpperTail, tTwoSidedP } from "./distributions";
import { predictorNames } from "./predictor-names";
import { applyQt, householderQr, householderQrInto, qrScratch, QR_TOLERANCE, solveR, unscaledCovariance, type QrFactorisation, type QrScratch } from "./linear-algebra";

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
  /** R² = 1 − RSS/TSS (TSS about the mean when there is an intercept); 0 when no column beyond the intercept is estimable, as `summary.lm`. */
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
 * (1 − (1 − R²)(n − 1)/(n − rank) with an intercept), both 0 when no column beyond the intercept is estimable (as
 * `summary.lm`); F on (rank − 1, n − rank) df and its p-value.
 *
 * @param y response; NaN = missing
 * @param X predictors as an array of columns (each the length of y); may be empty (intercept only)
 * @param options `names` for the predictors (default x1, x2, …), `intercept` (default true), `coefficientP`
 *   (default true; false leaves each coefficient's p NaN, for callers that read only R², F and its p — the t
 *   tail probability per coefficient is the costly part of a small fit), `fTestP` (default true; false leaves `fP`
 *   NaN, for callers that read only residuals, coefficients or R²)
 * @throws InputError on unequal lengths, infinite values, or no complete rows
 * @example
 * const fit = ols([3, 5, 4, 8, 9], [[1, 2, 3, 4, 5]], { names: ["caseload"] });
 * fit.coefficients[1].estimate; // slope
 * fit.fP;                       // "Significance F"
 */
export function ols(
  y: ArrayLike<number>,
  X: readonly ArrayLike<number>[],
  options: { names?: readonly string[]; intercept?: boolean; coefficientP?: boolean; fTestP?: boolean } = {},
): OlsResult {
  const intercept = options.intercept ?? true;
  const names = options.names ?? predictorNames(X.length);
  if (names.length !== X.length) {
    throw new InputError("ols", `names must have one entry per predictor (${X.length})`, names.length);
  }
  const cc = completeCases("ols", [y, ...X]);
  const n = cc.n;
  if (n === 0) throw new InputError("ols", "no complete rows (every row has a missing value)", 0);
  const p = X.length + (intercept ? 1 : 0);
  if (p === 0) throw new InputError("ols", "needs at least one predictor or an intercept");
  const colNames = intercept ? ["(Intercept)", ...names] : [...names];
  const { design, yy } = designMatrix(y, X, cc.rows, intercept);
  const f = householderQr(design, n, p, QR_TOLERANCE);
  const rank = f.rank;
  const b = solveR(f, applyQt(f, Float64Array.from(yy)));
  const dfResidual = n - rank;
  const reasons: string[] = [];
  const { fitC, rss, tss } = sumsOfSquares(design, yy, f.pivot, b, rank, intercept);
  const sigma2 = dfResidual > 0 ? rss / dfResidual : NaN;
  if (dfResidual === 0) reasons.push(`no residual degrees of freedom (n = ${n}, rank = ${rank}): standard errors, t, p and F are undefined`);
  const coefficients = coefficientTable(f, b, colNames, sigma2, dfResidual, options.coefficientP ?? true);
  const aliased: string[] = [];
  for (const c of coefficients) if (c.aliased) aliased.push(c.name);
  if (aliased.length > 0) reasons.push(`rank-deficient design: ${aliased.join(", ")} aliased (linear combination of earlier columns)`);
  const dfModel = rank - (intercept ? 1 : 0);
  const fit = goodnessOfFit(rss, tss, sigma2, n, dfModel, dfResidual, intercept, reasons, options.fTestP ?? true);
  const residuals = new Float64Array(y.length).fill(NaN);
  const fitted = new Float64Array(y.length).fill(NaN);
  for (let k = 0; k < n; k++) {
    fitted[cc.rows[k]] = fitC[k];
    residuals[cc.rows[k]] = yy[k] - fitC[k];
  }
  return {
    coefficients,
    r2: fit.r2,
    adjR2: fit.adjR2,
    multipleR: Math.sqrt(fit.r2),
    f: fit.fStat,
    fDf1: dfModel,
    fDf2: dfResidual,
    fP: fit.fP,
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

/** The column-major design matrix (intercept column first when asked) and y over the complete rows. */
function designMatrix(y: ArrayLike<number>, X: readonly ArrayLike<number>[], rows: Uint32Array, intercept: boolean): { design: Float64Array; yy: Float64Array } {
  const n = rows.length;
  const yy = new Float64Array(n);
  for (let k = 0; k < n; k++) yy[k] = y[rows[k]];
  return { design: designInto(X, rows, intercept, new Float64Array(n * (X.length + (intercept ? 1 : 0)))), yy };
}

/** The column-major design over `rows` (intercept column first when asked) into `out`; returns its first n·p entries. */
function designInto(X: readonly ArrayLike<number>[], rows: Uint32Array, intercept: boolean, out: Float64Array): Float64Array {
  const n = rows.length;
  const c0 = intercept ? 1 : 0;
  const design = out.subarray(0, n * (X.length + c0));
  if (intercept) design.fill(1, 0, n);
  for (let j = 0; j < X.length; j++) {
    const off = (j + c0) * n;
    const col = X[j];
    for (let k = 0; k < n; k++) design[off + k] = col[rows[k]];
  }
  return design;
}

/** Fitted values on the n complete rows: Σₖ bₖ·(pivoted design column k), into `fitC` (n zeros) when given. */
function fittedValues(design: Float64Array, n: number, pivot: ArrayLike<number>, b: ArrayLike<number>, rank: number, fitC = new Float64Array(n)): Float64Array {
  for (let k = 0; k < rank; k++) {
    const off = pivot[k] * n;
    const bk = b[k];
    for (let i = 0; i < n; i++) fitC[i] += bk * design[off + i];
  }
  return fitC;
}

/** Fitted values on the complete rows, the residual sum of squares and the total one (about the mean with an intercept). */
function sumsOfSquares(
  design: Float64Array,
  yy: Float64Array,
  pivot: ArrayLike<number>,
  b: ArrayLike<number>,
  rank: number,
  intercept: boolean,
): { fitC: Float64Array; rss: number; tss: number } {
  const n = yy.length;
  const fitC = fittedValues(design, n, pivot, b, rank);
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
  return { fitC, rss, tss };
}

/** Estimate, se = σ̂·√diag((RᵀR)⁻¹), t and two-sided p per column; aliased columns NaN (as lm's NA). */
function coefficientTable(f: QrFactorisation, b: ArrayLike<number>, colNames: readonly string[], sigma2: number, dfResidual: number, withP: boolean): OlsCoefficient[] {
  const rank = f.rank;
  const cov = unscaledCovariance(f);
  // built by push, not by map: an array that map made can be holey or packed depending on how optimised the
  // caller is, and each new kind the optimised ols meets throws it away ('wrong map') to be compiled again
  const coefficients: OlsCoefficient[] = [];
  for (const name of colNames) coefficients.push({ name, estimate: NaN, se: NaN, t: NaN, p: NaN, aliased: true });
  for (let k = 0; k < rank; k++) {
    const j = f.pivot[k];
    const se = Math.sqrt(sigma2 * cov[k + k * rank]);
    const t = b[k] / se;
    coefficients[j] = { name: colNames[j], estimate: b[k], se, t, p: withP ? tTwoSidedP(t, dfResidual) : NaN, aliased: false };
  }
  return coefficients;
}

/** R², adjusted R², F and its p-value; why any is undefined goes to `reasons`. */
function goodnessOfFit(
  rss: number,
  tss: number,
  sigma2: number,
  n: number,
  dfModel: number,
  dfResidual: number,
  intercept: boolean,
  reasons: string[],
  withP: boolean,
): { r2: number; adjR2: number; fStat: number; fP: number } {
  const out = { r2: NaN, adjR2: NaN, fStat: NaN, fP: NaN };
  if (!(tss > 0)) {
    reasons.push("y is constant: R² and F are undefined");
    return out;
  }
  if (dfModel === 0) {
    // nothing beyond the intercept (a constant indicator aliased with it): R² is 0 by definition, as summary.lm sets it
    // (`p == intercept`), where 1 − RSS/TSS in floating point left 2.2e-16 (Multiple R 1.5e-8)
    out.r2 = 0;
    out.adjR2 = 0;
    reasons.push("no predictors beyond the intercept: F is undefined");
    return out;
  }
  out.r2 = Math.max(0, 1 - rss / tss);
  const nEff = n - (intercept ? 1 : 0);
  out.adjR2 = dfResidual > 0 ? 1 - (1 - out.r2) * (nEff / dfResidual) : NaN;
  if (dfResidual > 0) {
    out.fStat = (tss - rss) / dfModel / sigma2;
    out.fP = withP ? fUpperTail(out.fStat, dfModel, dfResidual) : NaN;
    if (rss <= 1e-28 * tss) reasons.push("essentially perfect fit: F is infinite and p-values are unreliable");
  }
  return out;
}

/** Distinct sets of complete rows whose factorised design {@link prepareOlsResiduals} keeps (then it starts afresh). */
const PREPARED_DESIGNS_KEPT = 64;

/**
 * The residuals of {@link ols} with an intercept for many y on the same predictors: `prepared(y)` equals
 * `ols(y, X).residuals` bit for bit (the same design, QR factorisation, coefficients and fitted values), but
 * the design and its QR factorisation are computed once per distinct set of complete rows, not once per y.
 * Residuals are NaN on rows where y or a predictor is missing. Coefficients, R², F and p-values are not
 * computed (use {@link ols} for them).
 * @throws InputError as ols: unequal lengths, infinite values, or no complete rows
 * @example
 * const residualOnContext = prepareOlsResiduals([idaci]);
 * indicatorsByPeriod.map((values) => residualOnContext(values));
 */
export function prepareOlsResiduals(X: readonly ArrayLike<number>[]): (y: ArrayLike<number>) => Float64Array {
  const prepared = new OlsResiduals(X);
  // a bound method, not a closure over the state: V8 specialises a closure's optimised code to the first closure
  // made and compiles it again when a second is made (the second analysis in a process); a method stays compiled
  return prepared.residuals.bind(prepared);
}

/** {@link prepareOlsResiduals}'s state: the factorised designs kept and the scratch space. */
class OlsResiduals {
  private readonly p: number;
  private readonly factorised = new Map<number, { rows: Uint32Array; design: Float64Array; f: QrFactorisation }>();
  // a set of rows seen once is factorised in the scratch; one seen again gets arrays of its own and is kept
  private readonly seenOnce = new Set<number>();
  private readonly s = new ResidualScratch();

  constructor(private readonly X: readonly ArrayLike<number>[]) {
    this.p = X.length + 1;
  }

  /** `ols(y, X).residuals`, bit for bit. */
  residuals(y: ArrayLike<number>): Float64Array {
    const { X, p, s, factorised, seenOnce } = this;
    if (s.rows.length < y.length) growResidualScratch(s, y.length, p);
    const n = completeRowsInto("ols", [y, ...X], s.rows);
    if (n === 0) throw new InputError("ols", "no complete rows (every row has a missing value)", 0);
    const rows = s.rows.subarray(0, n);
    const key = rowsHash(rows);
    let prepared = factorised.get(key);
    if (!prepared || !sameRows(prepared.rows, rows)) {
      if (!seenOnce.has(key)) {
        if (seenOnce.size >= ROW_SETS_REMEMBERED) seenOnce.clear();
        seenOnce.add(key);
        const design = designInto(X, rows, true, s.design);
        prepared = { rows, design, f: householderQrInto(design, n, p, QR_TOLERANCE, s.qr) };
      } else {
        if (factorised.size >= PREPARED_DESIGNS_KEPT) factorised.clear();
        const own = rows.slice();
        const design = designInto(X, own, true, new Float64Array(n * p));
        prepared = { rows: own, design, f: householderQr(design, n, p, QR_TOLERANCE) };
        factorised.set(key, prepared);
      }
    }
    const yy = s.yy.subarray(0, n);
    for (let k = 0; k < n; k++) yy[k] = y[rows[k]];
    const qty = s.qty.subarray(0, n);
    qty.set(yy);
    const { f } = prepared;
    const b = solveR(f, applyQt(f, qty));
    const fitC = fittedValues(prepared.design, n, f.pivot, b, f.rank, s.fitted.subarray(0, n).fill(0));
    const residuals = new Float64Array(y.length).fill(NaN);
    for (let k = 0; k < n; k++) residuals[rows[k]] = yy[k] - fitC[k];
    return residuals;
  }
}

/** Row sets {@link prepareOlsResiduals} remembers having seen once (then it starts afresh; only the speed depends on it). */
const ROW_SETS_REMEMBERED = 4096;

/** Scratch of one {@link prepareOlsResiduals} fit: complete rows, design, y, Qᵀy and fitted values, grown as needed. */
/** {@link OlsResiduals}' scratch space: a class, not an object literal, for one shape in every analysis (lib/vitals/kernel-scratch.ts). */
class ResidualScratch {
  rows = new Uint32Array(0);
  design = new Float64Array(0);
  yy = new Float64Array(0);
  qty = new Float64Array(0);
  fitted = new Float64Array(0);
  qr: QrScratch = qrScratch();
}

function growResidualScratch(s: ResidualScratch, rows: number, p: number): void {
  s.rows = new Uint32Array(rows);
  s.design = new Float64Array(rows * p);
  s.yy = new Float64Array(rows);
  s.qty = new Float64Array(rows);
  s.fitted = new Float64Array(rows);
}

function sameRows(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
