/** What the units of the catalogue (lib/data/types.ts `Unit`) mean as counts over a base. */
import type { Unit } from "./types";

/**
 * The multiplier from the ratio Σx/Σn to a value of this unit (100 for a percentage, 10,000 for a rate per 10,000),
 * or null for units that are not counts over a base. Here, in the data layer, for `add`'s check of values against
 * their counts; lib/indicators/benchmark.ts re-exports it for the intervals and benchmarks.
 * @example unitMultiplier("rate_per_10k") // 10000
 */
export function unitMultiplier(unit: Unit): number | null {
  return unit === "percent" ? 100 : unit === "rate_per_10k" ? 10_000 : null;
}
