/**
 * Redundancy between two indicators judged on all the data, not one year: the correlation across LAs pooled
 * over every period (each period centred on its own mean, so a national trend does not make two indicators
 * look alike), and the same after context — each indicator residualised on the context variables within
 * each period (OLS with intercept over the LAs that have it and the context), then pooled.
 *
 * Pooled r = Σ_t Σ_i dx_ti dy_ti / √(Σ_t Σ_i dx_ti² · Σ_t Σ_i dy_ti²) over the LA-periods where both have a
 * value, d = deviation from the period's mean over those LA-periods. Missing = NaN; fewer than
 * {@link MIN_POOLED_PAIRS} LA-periods give NaN.
 */
import { InputError } from "../errors";
import { prepareOlsResiduals } from "../stats/ols";

/** Fewest LA-periods with both values for a pooled correlation (as the one-period rule before: 10 pairs). */
export const MIN_POOLED_PAIRS = 10;

/** A pooled correlation and what it used. */
export interface PooledCorrelation {
  r: number;
  /** LA-periods with both values. */
  n: number;
  /** Periods that contributed at least two LA pairs. */
  periods: number;
}

/**
 * Correlation of two indicators pooled over periods (module comment).
 * @param a values per period (each aligned by LA), same shape as `b`
 * @example pooledCorrelation([a2019, a2020], [b2019, b2020]) // { r: 0.91, n: 296, periods: 2 }
 */
export function pooledCorrelation(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): PooledCorrelation {
  if (a.length !== b.length) throw new InputError("pooledCorrelation", `a and b need the same number of periods (${a.length})`, b.length);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  let n = 0;
  let periods = 0;
  for (let t = 0; t < a.length; t++) {
    const x = a[t];
    const y = b[t];
    if (x.length !== y.length) throw new InputError("pooledCorrelation", `period ${t}: a and b need one value per LA (${x.length})`, y.length);
    let mx = 0;
    let my = 0;
    let k = 0;
    // the LAs with both values listed on the first pass, so the second visits only them (same sums, same order)
    const both = bothScratch(x.length);
    for (let i = 0; i < x.length; i++) {
      if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
      mx += x[i];
      my += y[i];
      both[k++] = i;
    }
    if (k < 2) continue;
    mx /= k;
    my /= k;
    for (let q = 0; q < k; q++) {
      const i = both[q];
      const dx = x[i] - mx;
      const dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    n += k;
    periods++;
  }
  if (n < MIN_POOLED_PAIRS || !(sxx > 0) || !(syy > 0)) return { r: NaN, n, periods };
  return { r: Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))), n, periods };
}

/** Scratch list of LAs for {@link pooledCorrelation}, grown to the longest period seen. */
let bothList = new Uint32Array(0);
function bothScratch(length: number): Uint32Array {
  if (bothList.length < length) bothList = new Uint32Array(length);
  return bothList;
}

/**
 * An indicator's values per period with the context regressed out within each period (OLS with intercept;
 * NaN where the value or a context value is missing, or the period has too few LAs to fit).
 * @param context per variable, one value per LA (the same for every period)
 * @param residualsOnContext `prepareOlsResiduals(context)` (lib/stats/ols.ts), given to share it across indicators
 * @example const resid = residualiseByPeriod(ind.byPeriod, [idaci]);
 */
export function residualiseByPeriod(
  byPeriod: readonly ArrayLike<number>[],
  context: readonly ArrayLike<number>[],
  residualsOnContext: (x: ArrayLike<number>) => Float64Array = prepareOlsResiduals(context),
): Float64Array[] {
  // which LAs have every context value, worked out once for all periods of the same length
  const withContext = new Map<number, Uint8Array>();
  const contextComplete = (length: number) => {
    let done = withContext.get(length);
    if (done === undefined) {
      done = new Uint8Array(length).fill(1);
      for (const c of context) for (let i = 0; i < length; i++) if (Number.isNaN(c[i])) done[i] = 0;
      withContext.set(length, done);
    }
    return done;
  };
  return byPeriod.map((x) => {
    const complete = contextComplete(x.length);
    let k = 0;
    for (let i = 0; i < x.length; i++) if (complete[i] === 1 && !Number.isNaN(x[i])) k++;
    if (k < context.length + 3) return new Float64Array(x.length).fill(NaN);
    return residualsOnContext(x); // ols(x, context).residuals, the design's QR shared across calls (issue #19: fixed cost)
  });
}
