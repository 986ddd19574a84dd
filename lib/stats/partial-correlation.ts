/**
 * Partial correlation of x and y controlling for a set of covariates, with t-test p-value and
 * Fisher-z interval (R: `ppcor::pcor.test(x, y, Z, method)`).
 */
import { InputError } from "../errors";
import { completeRowsInto, rowsHash } from "./complete-cases";
import { checkConf } from "./conf";
import { householderQrInto, invertSpd, applyQt, qrScratch, solveR, QR_TOLERANCE, type QrFactorisation, type QrScratch } from "./linear-algebra";
import { CORRELATION_CONF, correlationInference, pearsonR, type CorrelationResult } from "./pearson";
import { averageRanksInto } from "./ranks";

/** Residuals of v regressed on the columns of the n×m column-major design (which has an intercept), factorised as f. */
function residualise(f: QrFactorisation, design: Float64Array, n: number, v: Float64Array, qtyInto?: Float64Array, residInto?: Float64Array): Float64Array {
  const qty = applyQt(f, copyInto(v, qtyInto));
  const b = solveR(f, qty);
  const resid = copyInto(v, residInto);
  for (let k = 0; k < f.rank; k++) {
    const col = f.pivot[k];
    for (let i = 0; i < n; i++) resid[i] -= b[k] * design[i + col * n];
  }
  return resid;
}

/** A copy of v: into `into` (a view of its first v.length entries) when given, else a new array. */
function copyInto(v: Float64Array, into: Float64Array | undefined): Float64Array {
  if (into === undefined) return Float64Array.from(v);
  const out = into.length === v.length ? into : into.subarray(0, v.length);
  out.set(v);
  return out;
}

/** Σ centred v² and Σ residual²: true when the residuals hold at most QR_TOLERANCE of v's spread (or v is constant). */
function explained(v: Float64Array, resid: Float64Array): boolean {
  let mean = 0;
  for (let i = 0; i < v.length; i++) mean += v[i];
  mean /= v.length;
  let total = 0;
  let left = 0;
  for (let i = 0; i < v.length; i++) {
    total += (v[i] - mean) ** 2;
    left += resid[i] ** 2;
  }
  return !(total > 0) || left <= QR_TOLERANCE * total;
}

/** What a partial correlation computes from y and the covariates alone on a set of complete rows. */
interface PartialBasis {
  rows: Uint32Array;
  /** [1, Z] on the rows (ranks of Z for Spearman), n×m column-major, and its QR factorisation. */
  design: Float64Array;
  f: QrFactorisation;
  /** y on the rows (its ranks for Spearman), and its residuals on the design (when the design has full rank). */
  py: Float64Array;
  ry: Float64Array | null;
}

/** Distinct sets of complete rows whose basis {@link preparePartialCorrelation} keeps (each ≈ (k + 3)·n numbers). */
const CACHED_BASES = 32;

function sameRows(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Scratch of a prepared partial correlation's per-x work: complete rows, x on them, its ranks, Qᵀx and residuals. */
interface PerXScratch {
  rows: Uint32Array;
  picked: Float64Array;
  ranks: Float64Array;
  sorted: Float64Array;
  runRank: Float64Array;
  qty: Float64Array;
  resid: Float64Array;
}

/** Scratch of a basis built for a set of rows seen once: [1, Z] (or ranks), its QR, y (or ranks), Qᵀy and residuals. */
interface BasisScratch {
  design: Float64Array;
  py: Float64Array;
  qty: Float64Array;
  ry: Float64Array;
  qr: QrScratch;
}

function basisScratch(length: number, m: number): BasisScratch {
  return { design: new Float64Array(length * m), py: new Float64Array(length), qty: new Float64Array(length), ry: new Float64Array(length), qr: qrScratch() };
}

/** Row sets a prepared partial correlation remembers having seen once (then it starts afresh; only the speed depends on it). */
const ROW_SETS_REMEMBERED = 4096;

function perXScratch(length: number): PerXScratch {
  const f = () => new Float64Array(length);
  return { rows: new Uint32Array(length), picked: f(), ranks: f(), sorted: f(), runRank: f(), qty: f(), resid: f() };
}

/** Options of {@link partialCorrelation} and {@link preparePartialCorrelation}. */
export interface PartialCorrelationOptions {
  method?: "pearson" | "spearman";
  conf?: number;
}

/**
 * The basis of each set of complete rows for a prepared partial correlation of y given the covariates (module
 * comment of {@link preparePartialCorrelation}): the last CACHED_BASES kept, a set seen once built in scratch
 * space, a set seen again built the same way in space of its own and kept. `s` is x's scratch, free while a
 * basis is built.
 */
function preparedBases(y: ArrayLike<number>, covariates: readonly ArrayLike<number>[], method: "pearson" | "spearman", s: PerXScratch): (rows: Uint32Array) => PartialBasis {
  const k = covariates.length;
  const m = k + 1;
  // the bases of the row sets seen last (indicators with different missing rows alternate)
  const cache: PartialBasis[] = [];
  // a set of rows seen once gets its basis in scratch space; one seen again gets arrays of its own and is kept
  const seenOnce = new Set<number>();
  const basisOn = (scratchRows: Uint32Array): PartialBasis => {
    const hit = cache.find((basis) => sameRows(basis.rows, scratchRows));
    if (hit !== undefined) return hit;
    const key = rowsHash(scratchRows);
    if (!seenOnce.has(key)) {
      if (seenOnce.size >= ROW_SETS_REMEMBERED) seenOnce.clear();
      seenOnce.add(key);
      return basisIn(scratchRows, shared);
    }
    const rows = scratchRows.slice(); // the caller's rows are scratch, kept here
    const basis = basisIn(rows, basisScratch(rows.length, m));
    if (cache.length >= CACHED_BASES) cache.shift();
    cache.push(basis);
    return basis;
  };
  const shared = basisScratch(0, m);
  /** The basis of `rows` ([1, Z] or their ranks, its QR, y or its ranks, y's residuals) in `space`: valid while `space` is not reused. */
  const basisIn = (rows: Uint32Array, space: BasisScratch): PartialBasis => {
    const n = rows.length;
    if (space.py.length < n) Object.assign(space, basisScratch(n, m));
    const design = space.design.subarray(0, n * m);
    design.fill(1, 0, n);
    for (let c = 0; c < k; c++) prepInto(covariates[c], rows, design.subarray((c + 1) * n, (c + 2) * n));
    const f = householderQrInto(design, n, m, QR_TOLERANCE, space.qr);
    const py = prepInto(y, rows, space.py.subarray(0, n));
    return { rows, design, f, py, ry: f.rank < m ? null : residualise(f, design, n, py, space.qty, space.ry) };
  };
  /** `prep(v, rows)` into `out` (x's scratch holds the picked values and the ranking's work meanwhile). */
  const prepInto = (v: ArrayLike<number>, rows: Uint32Array, out: Float64Array): Float64Array => {
    const n = rows.length;
    const picked = method === "spearman" ? s.picked.subarray(0, n) : out;
    for (let q = 0; q < n; q++) picked[q] = v[rows[q]];
    return method === "spearman" ? averageRanksInto(picked, out, s.sorted, s.runRank) : out;
  };
  return basisOn;
}

/**
 * {@link partialCorrelation} of many x with one y given the same covariates: `prepared(x)` equals
 * `partialCorrelation(x, y, covariates, options)` bit for bit (it is the same computation), but the part that
 * depends only on y, the covariates and the complete rows (their ranks, the QR factorisation of [1, Z] and
 * y's residuals) is computed once per distinct set of complete rows (the last {@link CACHED_BASES} are kept),
 * not once per x.
 * @example
 * const withOutcome = preparePartialCorrelation(ofstedScore, [idaci], { method: "spearman" });
 * indicators.map((x) => withOutcome(x).r)
 */
export function preparePartialCorrelation(
  y: ArrayLike<number>,
  covariates: readonly ArrayLike<number>[],
  options: PartialCorrelationOptions = {},
): (x: ArrayLike<number>) => CorrelationResult {
  const conf = options.conf ?? CORRELATION_CONF;
  const method = options.method ?? "pearson";
  checkConf("partialCorrelation", conf);
  if (method !== "pearson" && method !== "spearman") {
    throw new InputError("partialCorrelation", 'method must be "pearson" or "spearman"', method);
  }
  const k = covariates.length;
  const label = method === "spearman" ? "partial-spearman" : "partial-pearson";
  // x's part of each call (complete rows, values or ranks, residuals) in scratch space reused from call to call
  const s = perXScratch(0);
  const basisOn = preparedBases(y, covariates, method, s);
  return (x) => {
    if (s.rows.length < x.length) Object.assign(s, perXScratch(x.length));
    const n = completeRowsInto("partialCorrelation", [x, y, ...covariates], s.rows);
    const nMissing = x.length - n;
    const empty = {
      r: NaN, p: NaN, lower: NaN, upper: NaN, statistic: NaN, df: n - 2 - k, conf, n, nMissing,
      method: label,
    } as const;
    if (n - 2 - k < 1) return { ...empty, reason: `n = ${n}: at least ${3 + k} complete rows are needed for ${k} covariate(s)` };
    const rows = s.rows.subarray(0, n);
    const basis = basisOn(rows);
    if (basis.ry === null) return { ...empty, reason: "covariates are collinear or constant: the partial correlation is undefined" };
    const picked = s.picked.subarray(0, n);
    for (let q = 0; q < n; q++) picked[q] = x[rows[q]];
    const px = method === "spearman" ? averageRanksInto(picked, s.ranks, s.sorted, s.runRank) : picked;
    const rx = residualise(basis.f, basis.design, n, px, s.qty, s.resid);
    // a residual sum of squares that is rounding noise (≤ QR_TOLERANCE of the centred one, R² ≥ 1 − 1e-7) means
    // the variable is constant or fully explained: its residuals carry no signal, so r would be noise
    if (explained(px, rx) || explained(basis.py, basis.ry)) {
      return { ...empty, reason: "x or y is constant or fully explained by the covariates (zero residual variance)" };
    }
    const r = pearsonR(rx, basis.ry);
    if (Number.isNaN(r)) return { ...empty, reason: "x or y is fully explained by the covariates (zero residual variance)" };
    return { r, conf, n, nMissing, method: label, ...correlationInference(r, n, k, conf) };
  };
}

/**
 * Partial correlation r_xy·Z: the correlation of the residuals of x and of y after least-squares
 * regression on [1, Z] (listwise-complete rows over x, y and all covariates). With
 * `method: "spearman"` every variable is first replaced by its average ranks (as ppcor does).
 * t = r√((n − 2 − k)/(1 − r²)), df = n − 2 − k, k = number of covariates; CI = tanh(atanh r ± z/√(n − 3 − k)).
 * Collinear or constant covariates give NaN with a reason (never a silently reduced model).
 * @param covariates an array of columns (each the same length as x)
 * @example
 * partialCorrelation(indicator, ofstedScore, [idaci]) // { r, p, lower, upper, n, nMissing, df, … }
 */
export function partialCorrelation(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  covariates: readonly ArrayLike<number>[],
  options: PartialCorrelationOptions = {},
): CorrelationResult {
  return preparePartialCorrelation(y, covariates, options)(x);
}

/**
 * Partial correlation of variables 0 and 1 given variables 2…m−1, from an m×m correlation matrix of
 * n observations: r = −P₀₁/√(P₀₀P₁₁) with P the inverse correlation matrix (for one covariate this is
 * (r_xy − r_xz·r_yz)/√((1 − r_xz²)(1 − r_yz²))). Inference as {@link partialCorrelation} with k = m − 2.
 * @example
 * partialCorrelationFromMatrix([[1, .5, .6], [.5, 1, .4], [.6, .4, 1]], 150)
 * // { r: 0.3546041, statistic: 4.598149, p: 9.118e-06, df: 147, … }
 */
export function partialCorrelationFromMatrix(
  corr: readonly (readonly number[])[],
  n: number,
  options: { conf?: number } = {},
): CorrelationResult {
  const conf = options.conf ?? CORRELATION_CONF;
  const m = corr.length;
  if (m < 2) throw new InputError("partialCorrelationFromMatrix", "needs at least a 2×2 matrix", m);
  const a = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    if (corr[i].length !== m) throw new InputError("partialCorrelationFromMatrix", "matrix must be square", corr[i].length);
    for (let j = 0; j < m; j++) a[i + j * m] = corr[i][j];
  }
  const k = m - 2;
  const base = { conf, n, nMissing: 0, method: "partial-pearson" as const };
  const inv = invertSpd(a, m);
  if (inv === null) {
    return { ...base, r: NaN, p: NaN, lower: NaN, upper: NaN, statistic: NaN, df: n - 2 - k, reason: "correlation matrix is singular" };
  }
  const r = -inv[0 + 1 * m] / Math.sqrt(inv[0] * inv[1 + 1 * m]);
  return { ...base, r, ...correlationInference(r, n, k, conf) };
}
