/**
 * Context variables that measure nearly the same thing. Allowed for together, two near-duplicates (IDACI and IMD
 * scores: r 0.95 over the official package's LAs) split one effect between them: each one's partial correlation
 * given the other (the "context baseline") is then unstable and can flip sign (IDACI with the ILACS grade: raw
 * r −0.16, partial r given IMD +0.23), and the adjustment gains nothing over either alone. A pair correlated
 * |Pearson r| ≥ {@link CONTEXT_COLLINEAR_R} is reported so the analyst can allow for one of them.
 */
import { InputError } from "../errors";
import { completeCases, pick } from "../stats/complete-cases";
import { pearsonR } from "../stats/pearson";

/**
 * |r| from which two context variables are near-duplicates: the bound from which two indicators are redundant
 * (REDUNDANCY_R of lib/vitals/selection.ts, 0.9), applied to context.
 */
export const CONTEXT_COLLINEAR_R = 0.9;

/** Fewest LAs with both values for a pair's r to be reported. */
export const CONTEXT_COLLINEAR_MIN_N = 3;

/** One pair of near-duplicate context variables: Pearson r over the n LAs with both. */
export interface CollinearContextPair {
  a: string;
  b: string;
  r: number;
  n: number;
}

/**
 * The pairs of context variables with |Pearson r| ≥ `minAbsR` over the rows where both are present (R:
 * `cor(x, y, use = "pairwise.complete.obs")`), in input order; pairs with fewer than {@link CONTEXT_COLLINEAR_MIN_N}
 * such rows, or a constant variable, are not reported.
 * @throws InputError when the variables' lengths differ or minAbsR is not in (0, 1]
 * @example
 * collinearContext([{ variable: "idaci_score", values: idaci }, { variable: "imd_score", values: imd }])
 * // [{ a: "idaci_score", b: "imd_score", r: 0.95, n: 151 }]
 */
export function collinearContext(
  context: readonly { variable: string; values: ArrayLike<number> }[], minAbsR = CONTEXT_COLLINEAR_R,
): CollinearContextPair[] {
  const fn = "collinearContext";
  if (!(minAbsR > 0 && minAbsR <= 1)) throw new InputError(fn, "minAbsR must be in (0, 1]", minAbsR);
  const n = context[0]?.values.length ?? 0;
  for (const c of context) if (c.values.length !== n) throw new InputError(fn, `every variable must have ${n} values (${context[0].variable} has)`, `${c.variable}: ${c.values.length}`);
  const pairs: CollinearContextPair[] = [];
  for (let i = 0; i < context.length; i++) {
    for (let j = i + 1; j < context.length; j++) {
      const cc = completeCases(fn, [context[i].values, context[j].values]);
      if (cc.n < CONTEXT_COLLINEAR_MIN_N) continue;
      const r = pearsonR(pick(context[i].values, cc.rows), pick(context[j].values, cc.rows));
      if (Math.abs(r) >= minAbsR) pairs.push({ a: context[i].variable, b: context[j].variable, r, n: cc.n });
    }
  }
  return pairs;
}
