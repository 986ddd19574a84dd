/**
 * The one rule on an LA's lifespan (areas.csv first_period and last_period): whether it existed in a period. The
 * import leaves out the rows that break it (./import/lifespans.ts) and the validator warns of them
 * (./package-lifespans.ts); each had written the comparison out itself. A module of its own, importing nothing, so
 * that `validate` loads no importer code for it.
 */
import type { AreaRow } from "./types";

/** An LA's lifespan: its first and last periods (years ending March), null where open. */
export type Lifespan = Pick<AreaRow, "first_period" | "last_period">;

/**
 * Whether an LA existed in a period (year ending March): not before its first period and not after its last, a
 * null bound being open.
 * @example
 * isWithinLifespan({ first_period: 2020, last_period: null }, 2019) // false
 * isWithinLifespan({ first_period: null, last_period: 2019 }, 2019) // true
 */
export function isWithinLifespan(span: Lifespan, period: number): boolean {
  return (span.first_period === null || period >= span.first_period) && (span.last_period === null || period <= span.last_period);
}
