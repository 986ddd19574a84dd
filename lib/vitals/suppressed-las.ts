/**
 * How many LAs with an outcome have an indicator's value suppressed (status `suppressed:*`) in the screen's slot. A
 * suppressed value is missing because its count was small, so the LAs left out are not a random part: an evaluator's
 * pilot lost 16–21 of 21 estimates of its three best LAs (rank correlation of quality with the number suppressed
 * 0.65), which narrows the range analysed and pulls correlations toward 0, and the report said nothing of it.
 */
import type { DataPackage } from "../data/types";
import { columnValues } from "./column-values";
import type { AnalysisFrame } from "./frame";

/**
 * Per indicator of the frame (its order), the LAs analysed in slot 0 (an outcome and every context variable) whose
 * value of the indicator in the row's period is suppressed. An LA left out for want of context is not counted: the
 * suppression did not take it out of the screen (the official ILACS run had 4 such LAs among 153 linked).
 * @example suppressedLasOfFrame(pkg, frame)[0] // 12
 */
export function suppressedLasOfFrame(pkg: DataPackage, frame: AnalysisFrame): number[] {
  const slot = frame.slots[0];
  const wanted = new Map(frame.indicators.map((ind, j) => [ind.indicator, j] as const));
  const rowOfLa = new Map(frame.laCodes.map((la, i) => [la, i] as const));
  const counts = frame.indicators.map(() => 0);
  // the columns as they are (columnValues): table.array copied each of the four through a row scan, ≈ 15 ms of
  // the analysis bench's 90,000 rows on the calling thread, after the resampling had ended
  const status = columnValues<string | null>(pkg.indicators, "status");
  const ids = columnValues<string>(pkg.indicators, "indicator");
  const las = columnValues<string>(pkg.indicators, "la_code");
  const periods = columnValues<number>(pkg.indicators, "period");
  for (let k = 0; k < status.length; k++) {
    if (!status[k]?.startsWith("suppressed")) continue;
    const j = wanted.get(ids[k]);
    const i = rowOfLa.get(las[k]);
    if (j === undefined || i === undefined) continue;
    if (slot.rowPeriod[i] !== periods[k] || !Number.isFinite(slot.outcomeBetter[i]) || !Number.isNaN(slot.values[j][i])) continue;
    if (slot.context.some((variable) => Number.isNaN(variable[i]))) continue;
    counts[j]++;
  }
  return counts;
}
