/**
 * Summary statistics used across the library: the arithmetic mean, the sample standard deviation (n − 1
 * denominator, as R's `sd`) and standardisation to mean 0 and SD 1 (as R's `scale`). Each is the plain
 * two-pass computation — sum in index order, divide by n; then the sum of squared deviations from that mean —
 * so every caller gets the same number to the last digit. Squared deviations below ~1e-308 underflow
 * (values differing by less than ~1e-154): no indicator, context or outcome scale comes near that.
 */

/**
 * Arithmetic mean Σx/n, summed in index order; NaN for an empty input (and whenever a value is NaN).
 * @example mean([1, 2, 6]) // 3
 */
export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  return s / n;
}

/**
 * Sample standard deviation √(Σ(x − x̄)²/(n − 1)) (R: `sd(x)`); NaN when n < 2. Pass `centre` when the mean
 * is already known (it must be {@link mean}(x) for the result to be the SD).
 * @example sampleSd([1, 2, 6]) // 2.6457513110645907 (= √7)
 */
export function sampleSd(x: ArrayLike<number>, centre = mean(x)): number {
  const n = x.length;
  if (n < 2) return NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - centre) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/**
 * (x − x̄)/s with s the {@link sampleSd} (R: `as.vector(scale(x))`), or null when x has fewer than 2 values
 * or no spread (s = 0 or NaN).
 * @example standardise([1, 2, 6]) // Float64Array [-0.756, -0.378, 1.134] (to 3 decimals)
 */
export function standardise(x: ArrayLike<number>): Float64Array | null {
  if (x.length < 2) return null;
  const m = mean(x);
  const sd = sampleSd(x, m);
  if (!(sd > 0)) return null;
  return Float64Array.from(x, (v) => (v - m) / sd);
}
