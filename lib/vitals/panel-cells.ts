/**
 * What the cells of an LA×year panel (lib/vitals/panel.ts: one Float64Array per series, cell = la·Y + year, NaN =
 * missing) say about its LAs: which change over time, and how many LA-years each brings to a within estimate.
 */
import { joinWords } from "../join-words";
import type { TwoWayFixedEffectsResult } from "../stats/panel";

/**
 * True when a grid series varies within at least one LA (over its non-missing years).
 * @example
 * variesWithinLas(Float64Array.from([1, 1, 2, 3]), 2, 2) // true (the second LA: 2 then 3)
 */
export function variesWithinLas(grid: Float64Array, nLas: number, Y: number): boolean {
  for (let i = 0; i < nLas; i++) {
    let first = NaN;
    for (let j = 0; j < Y; j++) {
      const v = grid[i * Y + j];
      if (Number.isNaN(v)) continue;
      if (Number.isNaN(first)) first = v;
      else if (v !== first) return true;
    }
  }
  return false;
}

/**
 * The cells a within estimate of the outcome on `grid` (with `controls`) can use, those where all are present: per
 * LA how many, and how many LAs have two or more different values of `grid` among them (the LAs that identify the
 * within coefficient).
 * @example
 * estimationCells(Float64Array.from([1, 2, 5, 5]), [], Float64Array.from([0, 1, 0, 1]), Int32Array.from([0, 0, 1, 1]), 2)
 * // { perLa: Int32Array [2, 2], varyingLas: 1 }
 */
export function estimationCells(
  grid: Float64Array,
  controls: readonly Float64Array[],
  outcome: Float64Array,
  unitOfCell: Int32Array,
  nLas: number,
): { perLa: Int32Array; varyingLas: number } {
  const perLa = new Int32Array(nLas);
  const first = new Float64Array(nLas).fill(NaN);
  const varies = new Uint8Array(nLas);
  for (let c = 0; c < grid.length; c++) {
    if (Number.isNaN(grid[c]) || Number.isNaN(outcome[c]) || controls.some((g) => Number.isNaN(g[c]))) continue;
    const la = unitOfCell[c];
    perLa[la]++;
    if (Number.isNaN(first[la])) first[la] = grid[c];
    else if (grid[c] !== first[la]) varies[la] = 1;
  }
  let varyingLas = 0;
  for (const v of varies) varyingLas += v;
  return { perLa, varyingLas };
}

/**
 * LAs with two or more usable cells (so in the within estimate) that `reorganised` marks.
 * @example
 * countReorganised(Int32Array.from([2, 1, 3]), [true, true, false]) // 1
 */
export function countReorganised(perLa: Int32Array, reorganised: readonly boolean[]): number {
  let n = 0;
  for (let i = 0; i < perLa.length; i++) if (perLa[i] >= 2 && reorganised[i]) n++;
  return n;
}

/**
 * The notes on what the removal of singletons left out of the within estimate: LAs with a single year, and years
 * left with a single LA (the official grade panel's 2017, which a statistician's audit found dropped without a word).
 * @example singletonNotes(fit) // ["45 LA(s) with a single year dropped from the within estimate", "year 2017 left with a single LA dropped …"]
 */
export function singletonNotes(fit: Pick<TwoWayFixedEffectsResult, "singletonUnits" | "singletonTimes">): string[] {
  const notes: string[] = [];
  if (fit.singletonUnits > 0) notes.push(`${fit.singletonUnits} LA(s) with a single year dropped from the within estimate`);
  if (fit.singletonTimes.length > 0) {
    const years = fit.singletonTimes.length === 1 ? `year ${fit.singletonTimes[0]}` : `years ${joinWords(fit.singletonTimes)}`;
    notes.push(`${years} left with a single LA dropped from the within estimate too (singletons are removed until none is left, as reghdfe does)`);
  }
  return notes;
}
