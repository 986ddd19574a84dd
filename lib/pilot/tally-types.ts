/** The types of a pilot tally: its input files and its counts (lib/pilot/tally-records.ts makes them). */
import type { ItemRef } from "./instruments";

/** One file's bytes and the name used in error messages. */
export interface RecordSource {
  file: string;
  bytes: Uint8Array;
}

/**
 * Response counts per (LA, period, item). Group index g = (periodIndex × areas + areaIndex) × items + itemIndex;
 * the count of response r (index into the item's scale) is `counts[g × maxResponses + r]`.
 */
export interface PilotTally {
  items: readonly ItemRef[];
  areaCodes: readonly string[];
  /** Periods in order of first appearance. */
  periods: readonly number[];
  maxResponses: number;
  counts: Float64Array;
  /** Blank responses (item not answered) per group. */
  unanswered: Float64Array;
  /** Records read (rows, all files). */
  records: number;
  /** Distinct respondent ids seen (all instruments). */
  respondents: number;
}
