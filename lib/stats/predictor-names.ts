/**
 * Default predictor names for the regressions (ols, ordinalLogit).
 */

/**
 * The default names x1, x2, … of `count` predictors. Built by push rather than by `map`: an array that `map`
 * made is holey or packed depending on how far V8 has optimised the code that called it, and each new kind an
 * optimised function meets throws that function away ('wrong map') to be compiled again.
 * @example predictorNames(2) // ["x1", "x2"]
 */
export function predictorNames(count: number): string[] {
  const names: string[] = [];
  for (let j = 0; j < count; j++) names.push(`x${j + 1}`);
  return names;
}
