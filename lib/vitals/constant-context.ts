/**
 * A context variable with one value for every LA analysed cannot be allowed for: the partial correlation given it is
 * undefined (the variable is collinear with the intercept), so every indicator's screen and every resample came out
 * NaN, and the analysis stopped with "no resample was usable … needs 4 LAs with the indicator", which named the wrong
 * cause (the package-memory bench's generated package, whose idaci_score is 0.2 everywhere, stopped so).
 */
import { InputError } from "../errors";
import type { AnalysisFrame } from "./frame";

/**
 * Refuse a context variable whose values are all equal over the LAs of the screen's slot with an outcome.
 * @throws InputError naming the variable, its one value and the LAs, and what to do
 * @example refuseConstantContext(frame) // throws when idaci_score is 0.2 for every LA analysed
 */
export function refuseConstantContext(frame: AnalysisFrame): void {
  const slot = frame.slots[0];
  frame.context.forEach((c, k) => {
    const values = slot.context[k];
    let first = NaN;
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(slot.outcomeBetter[i]) || !Number.isFinite(values[i])) continue;
      if (n === 0) first = values[i];
      else if (values[i] !== first) return;
      n++;
    }
    if (n < 2) return;
    throw new InputError(
      "--context",
      `${c.variable} has the same value (${first}) for all ${n} LAs analysed, so it cannot be allowed for (a partial correlation given a constant is undefined); give a context variable that varies between LAs, or none`,
      c.variable,
    );
  });
}
