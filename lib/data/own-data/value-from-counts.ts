/**
 * A value worked out from its counts: a row of a researcher's long table with a blank value but a numerator and a
 * denominator, for an indicator whose value is a share of counts (unit percent: numerator ÷ denominator × 100; unit
 * rate_per_10k: × 10,000; lib/data/units.ts unitMultiplier). It was added as missing with a warning, though the counts
 * say what it is; the profile builds its intervals from the same counts.
 */
import { ZERO_DENOMINATOR_STATUS, BLANK_STATUS } from "../import/symbols";
import type { IndicatorRow, Unit } from "../types";
import { unitMultiplier } from "../units";

/** What {@link valueFromCounts} did with a row. */
export type ValueFromCounts =
  /** The value worked out, unrounded. */
  | { kind: "worked-out"; row: IndicatorRow }
  /** Denominator 0: the share of nothing is undefined, so the value stays missing, not applicable. */
  | { kind: "zero-denominator"; row: IndicatorRow }
  /** Nothing to work out (a value given, a count missing, a reason given, another unit) or counts that break the unit's rules. */
  | { kind: "as-given"; row: IndicatorRow };

/**
 * The row with its value worked out from its numerator and denominator when its value is blank (status
 * `not-available:blank`, no other reason given) and its unit is percent or rate_per_10k: value = numerator ÷
 * denominator × 100 (or × 10,000), not rounded; a denominator of 0 leaves it missing with the status
 * `not-applicable:zero-denominator`, as the SFR import does. Counts that break the unit's rules (a negative count; a
 * numerator above its denominator for a percentage) are left as given, for the row checks to refuse. A new row is
 * returned; the one given is not changed.
 * @example
 * valueFromCounts({ la_code: "E06000023", period: 2024, indicator: "x_pct", value: null, numerator: 1, denominator: 3, status: "not-available:blank" }, "percent")
 * // { kind: "worked-out", row: { …, value: 33.33333333333333, status: "" } }
 */
export function valueFromCounts(row: IndicatorRow, unit: Unit | undefined): ValueFromCounts {
  const multiplier = unit === undefined ? null : unitMultiplier(unit);
  const { numerator, denominator } = row;
  if (multiplier === null || row.value !== null || row.status !== BLANK_STATUS || numerator === null || denominator === null) return { kind: "as-given", row };
  if (numerator < 0 || denominator < 0 || (unit === "percent" && numerator > denominator)) return { kind: "as-given", row };
  if (denominator === 0) return { kind: "zero-denominator", row: { ...row, status: ZERO_DENOMINATOR_STATUS } };
  // in the order the benchmarks pool counts (lib/indicators/benchmark.ts: Σx / Σn × multiplier)
  return { kind: "worked-out", row: { ...row, value: (numerator / denominator) * multiplier, status: "" } };
}
