/**
 * Flags of an LA's value that is there but not like the others: an Annex A window share (part-year, ./window-shares.ts)
 * and any other low-reliability status (a returns import's long-term stability computed without the earlier
 * collection years it needs, `low-reliability:history`; DfE's symbol u). A walkthrough found a returns package's
 * 11/54 with status low-reliability:history shown as "20.4, 11.8–32.9" in profile.html with no caveat: the status
 * was only in profile.json. The profile shows the flag beside the value in the indicators table and in the spine
 * chart's and tartan rug's labels, and the note (the reason in words) in the table's caption and the spine hover.
 */
import { HISTORY_FLAG, LONG_TERM_HISTORY_YEARS } from "../returns/cla-indicators";
import { isPartYearShare, PART_YEAR_FLAG, PART_YEAR_NOTE } from "./window-shares";

/** A value's flag (short, shown after the number) and its note (the flag, a colon and the reason in words). */
export interface ValueFlag {
  flag: string;
  note: string;
}

/** The status prefix of a value published or computed but of low reliability (lib/data/schema.ts). */
const LOW_RELIABILITY = "low-reliability";

/** The reasons of low-reliability statuses the workbench writes, in words; another reason is quoted as it is. */
const LOW_RELIABILITY_REASONS: Readonly<Record<string, string>> = Object.freeze({
  [HISTORY_FLAG]: `computed without the ${LONG_TERM_HISTORY_YEARS} earlier collection years its definition needs (a placement or period of care may have begun before the earliest file), so the count may be too low`,
  "low-reliability:u": "the publisher marks it as of low reliability (DfE symbol u)",
});

/**
 * The flag of a value with this status, or null for a value like the others (no status, or one that is not
 * low-reliability).
 * @example
 * valueFlag("low-reliability:history")?.flag // "low reliability"
 * valueFlag("low-reliability:window")?.flag // "part-year"
 * valueFlag("") // null
 */
export function valueFlag(status: string): ValueFlag | null {
  if (isPartYearShare(status)) return { flag: PART_YEAR_FLAG, note: PART_YEAR_NOTE };
  if (status !== LOW_RELIABILITY && !status.startsWith(`${LOW_RELIABILITY}:`)) return null;
  const flag = "low reliability";
  const reason = LOW_RELIABILITY_REASONS[status] ?? (status === LOW_RELIABILITY ? "so marked in the data" : `so marked in the data (${status.slice(LOW_RELIABILITY.length + 1)})`);
  return { flag, note: `${flag}: ${reason}` };
}
