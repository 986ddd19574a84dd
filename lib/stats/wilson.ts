/**
 * The Wilson score limits of a proportion (Wilson 1927; Newcombe 1998, method 3), as shares: the one place both the
 * intervals the workbench publishes (lib/indicators/intervals.ts wilsonInterval) and the disclosure scanner's working
 * back of counts from published bounds (lib/disclosure/derived-counts.ts) compute them, so that a published bound is
 * matched to the last bit.
 */

/**
 * Lower and upper Wilson limits of x of n at normal quantile z, clamped to [0, 1] (rounding noise only: the exact
 * limits lie in it). No argument checks: callers check x and n.
 * @example wilsonLimits(30, 100, 1.959963984540054) // { lower: 0.2189…, upper: 0.3958… }
 */
export function wilsonLimits(x: number, n: number, z: number): { lower: number; upper: number } {
  const z2 = z * z;
  const root = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  const denom = 2 * (n + z2);
  return { lower: Math.max(0, (2 * x + z2 - root) / denom), upper: Math.min(1, (2 * x + z2 + root) / denom) };
}
