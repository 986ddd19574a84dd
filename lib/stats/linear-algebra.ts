/**
 * Small dense linear algebra for the regression code: Householder QR with R's limited column
 * pivoting (LINPACK `dqrdc2`, as used by `lm`), triangular solves, and inversion of a symmetric
 * positive-definite matrix by Cholesky. Matrices are column-major `Float64Array`s: element (i, j)
 * of an n×p matrix is at `i + j*n`.
 *
 * These are building blocks (exported for lib/stats and tests), not a general matrix library.
 */

/** R's default tolerance for declaring a column linearly dependent (`lm(..., tol = 1e-7)`). */
export const QR_TOLERANCE = 1e-7;

/** A Householder QR factorisation of an n×p matrix A (with limited pivoting). */
export interface QrFactorisation {
  n: number;
  p: number;
  /** Number of linearly independent columns found. */
  rank: number;
  /**
   * Column order after pivoting: `pivot[k]` is the original index of the k-th factorised column;
   * the first `rank` are independent, the rest are aliased (in their original order).
   */
  pivot: Int32Array;
  /** Householder vectors below the diagonal and R on and above it, in pivoted column order. */
  qr: Float64Array;
  /** Scalars τ of the Householder reflections H_k = I − τ v vᵀ (v_k = 1 implicit). */
  tau: Float64Array;
}

/**
 * Householder QR of a column-major n×p matrix with dqrdc2's limited pivoting: columns are taken in
 * order; a column whose remaining norm falls below `tol` × its original norm is declared aliased and
 * moved to the end. `a` is copied, never modified.
 * @example
 * const f = householderQr(new Float64Array([1, 1, 1, 1, 2, 3]), 3, 2); // f.rank === 2
 */
export function householderQr(a: ArrayLike<number>, n: number, p: number, tol = QR_TOLERANCE): QrFactorisation {
  return factorise(Float64Array.from(a as ArrayLike<number>), n, p, tol, new Float64Array(n * p), new Float64Array(p), new Int32Array(p), new Float64Array(p));
}

/** Space for {@link householderQrInto}, grown as needed and reused across factorisations. */
export interface QrScratch {
  work: Float64Array;
  qr: Float64Array;
  tau: Float64Array;
  pivot: Int32Array;
  original: Float64Array;
}

/**
 * {@link householderQr} in a caller's scratch space: the same factorisation, bit for bit, but its `qr`, `tau`
 * and `pivot` are views of `scratch` (valid until the scratch is used again), so a loop of small fits
 * allocates nothing per fit. `a` is copied into the scratch, never modified.
 * @example
 * const s = qrScratch(); const f = householderQrInto(new Float64Array([1, 1, 1, 1, 2, 3]), 3, 2, QR_TOLERANCE, s); // f.rank === 2
 */
export function householderQrInto(a: ArrayLike<number>, n: number, p: number, tol: number, scratch: QrScratch): QrFactorisation {
  const size = n * p;
  if (scratch.work.length < size) {
    scratch.work = new Float64Array(size);
    scratch.qr = new Float64Array(size);
  }
  if (scratch.tau.length < p) {
    scratch.tau = new Float64Array(p);
    scratch.pivot = new Int32Array(p);
    scratch.original = new Float64Array(p);
  }
  const work = scratch.work.subarray(0, size);
  for (let i = 0; i < size; i++) work[i] = a[i];
  const qr = scratch.qr.subarray(0, size);
  qr.fill(0);
  return factorise(work, n, p, tol, qr, scratch.tau.subarray(0, p).fill(0), scratch.pivot.subarray(0, p).fill(0), scratch.original.subarray(0, p));
}

/**
 * Empty scratch space for {@link householderQrInto}.
 * @example const s = qrScratch();
 */
export function qrScratch(): QrScratch {
  return { work: new Float64Array(0), qr: new Float64Array(0), tau: new Float64Array(0), pivot: new Int32Array(0), original: new Float64Array(0) };
}

/** The factorisation of `work` (a copy of A, overwritten) into `qr`, `tau` and `pivot` (zeroed, of n·p, p and p entries). */
function factorise(work: Float64Array, n: number, p: number, tol: number, qr: Float64Array, tau: Float64Array, pivot: Int32Array, original: Float64Array): QrFactorisation {
  for (let j = 0; j < p; j++) original[j] = columnNorm(work, n, j, 0);
  const aliased: number[] = [];
  let rank = 0;
  // Columns still to be factorised (original indices), their data kept in `work`.
  for (let j = 0; j < p; j++) {
    const norm = columnNorm(work, n, j, rank);
    if (rank >= n || !(norm > tol * original[j]) || original[j] === 0) {
      aliased.push(j);
      continue;
    }
    // Build the reflection on column j, rows rank..n-1.
    const off = j * n;
    const alpha = work[off + rank] >= 0 ? -norm : norm;
    const v0 = work[off + rank] - alpha;
    for (let i = rank + 1; i < n; i++) work[off + i] /= v0;
    const t = -v0 / alpha;
    work[off + rank] = alpha;
    // Apply H = I − τ v vᵀ to the later columns (rows rank..n-1).
    for (let c = j + 1; c < p; c++) {
      const oc = c * n;
      let s = work[oc + rank];
      for (let i = rank + 1; i < n; i++) s += work[off + i] * work[oc + i];
      s *= t;
      work[oc + rank] -= s;
      for (let i = rank + 1; i < n; i++) work[oc + i] -= s * work[off + i];
    }
    qr.set(work.subarray(off, off + n), rank * n);
    tau[rank] = t;
    pivot[rank] = j;
    rank++;
  }
  for (let k = 0; k < aliased.length; k++) {
    const j = aliased[k];
    pivot[rank + k] = j;
    qr.set(work.subarray(j * n, j * n + n), (rank + k) * n);
  }
  return { n, p, rank, pivot, qr, tau };
}

function columnNorm(a: Float64Array, n: number, j: number, from: number): number {
  // Scaled two-norm (avoids overflow/underflow for huge or tiny values).
  let scale = 0;
  let ssq = 1;
  const off = j * n;
  for (let i = from; i < n; i++) {
    const v = a[off + i];
    if (v !== 0) {
      const av = Math.abs(v);
      if (scale < av) {
        ssq = 1 + ssq * (scale / av) ** 2;
        scale = av;
      } else {
        ssq += (av / scale) ** 2;
      }
    }
  }
  return scale * Math.sqrt(ssq);
}

/**
 * Compute Qᵀy in place for a factorisation (y has length n; it is overwritten).
 * @returns y
 */
export function applyQt(f: QrFactorisation, y: Float64Array): Float64Array {
  const { n, rank, qr, tau } = f;
  for (let k = 0; k < rank; k++) {
    const off = k * n;
    let s = y[k];
    for (let i = k + 1; i < n; i++) s += qr[off + i] * y[i];
    s *= tau[k];
    y[k] -= s;
    for (let i = k + 1; i < n; i++) y[i] -= s * qr[off + i];
  }
  return y;
}

/** Apply Q (the product of the first `rank` reflections) to y in place: the inverse of {@link applyQt}. */
export function applyQ(f: QrFactorisation, y: Float64Array): Float64Array {
  const { n, rank, qr, tau } = f;
  for (let k = rank - 1; k >= 0; k--) {
    const off = k * n;
    let s = y[k];
    for (let i = k + 1; i < n; i++) s += qr[off + i] * y[i];
    s *= tau[k];
    y[k] -= s;
    for (let i = k + 1; i < n; i++) y[i] -= s * qr[off + i];
  }
  return y;
}

/**
 * Solve R b = c for the leading rank×rank upper-triangular R of a factorisation.
 * @returns b (length rank), in pivoted column order.
 */
export function solveR(f: QrFactorisation, c: ArrayLike<number>): Float64Array {
  const { n, rank, qr } = f;
  const b = new Float64Array(rank);
  for (let i = rank - 1; i >= 0; i--) {
    let s = c[i];
    for (let j = i + 1; j < rank; j++) s -= qr[i + j * n] * b[j];
    b[i] = s / qr[i + i * n];
  }
  return b;
}

/**
 * (RᵀR)⁻¹ for the leading rank×rank block of R, i.e. the unscaled covariance of the coefficients
 * (R's `chol2inv`), as a dense column-major rank×rank matrix in pivoted order.
 */
export function unscaledCovariance(f: QrFactorisation): Float64Array {
  const { n, rank, qr } = f;
  // Rinv: upper triangular inverse of R.
  const rinv = new Float64Array(rank * rank);
  for (let j = 0; j < rank; j++) {
    rinv[j + j * rank] = 1 / qr[j + j * n];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += qr[i + k * n] * rinv[k + j * rank];
      rinv[i + j * rank] = -s / qr[i + i * n];
    }
  }
  const cov = new Float64Array(rank * rank);
  for (let i = 0; i < rank; i++) {
    for (let j = i; j < rank; j++) {
      let s = 0;
      for (let k = j; k < rank; k++) s += rinv[i + k * rank] * rinv[j + k * rank];
      cov[i + j * rank] = s;
      cov[j + i * rank] = s;
    }
  }
  return cov;
}

/**
 * Invert a symmetric positive-definite m×m matrix (column-major) by Cholesky. Returns `null` when the
 * matrix is not numerically positive definite (a pivot ≤ `relTol` × the largest diagonal element),
 * so callers can report singularity instead of returning a plausible number.
 */
export function invertSpd(a: ArrayLike<number>, m: number, relTol = 1e-12): Float64Array | null {
  const l = new Float64Array(m * m);
  let maxDiag = 0;
  for (let i = 0; i < m; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i + i * m]));
  for (let j = 0; j < m; j++) {
    let d = a[j + j * m];
    for (let k = 0; k < j; k++) d -= l[j + k * m] ** 2;
    if (!(d > relTol * maxDiag)) return null;
    const ljj = Math.sqrt(d);
    l[j + j * m] = ljj;
    for (let i = j + 1; i < m; i++) {
      let s = a[i + j * m];
      for (let k = 0; k < j; k++) s -= l[i + k * m] * l[j + k * m];
      l[i + j * m] = s / ljj;
    }
  }
  // Invert L (lower triangular), then A⁻¹ = L⁻ᵀ L⁻¹.
  const li = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    li[j + j * m] = 1 / l[j + j * m];
    for (let i = j + 1; i < m; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s += l[i + k * m] * li[k + j * m];
      li[i + j * m] = -s / l[i + i * m];
    }
  }
  const inv = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < m; k++) s += li[k + i * m] * li[k + j * m];
      inv[i + j * m] = s;
      inv[j + i * m] = s;
    }
  }
  return inv;
}
