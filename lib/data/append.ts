/**
 * Append many items to an array in place without spreading them into `push(...items)`: a spread passes one argument
 * per item, and about 125,000 of them overflow V8's stack ("Maximum call stack size exceeded"; round 24 H2: an
 * Annex A List 3 of 130,000 referrals stopped `returns`).
 * @example const a = [1]; append(a, [2, 3]); // a is [1, 2, 3]
 */
export function append<T>(target: T[], items: Iterable<T>): void {
  for (const x of items) target.push(x);
}
