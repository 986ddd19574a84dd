/**
 * What to say of an Annex A list sheet found but not read (its header row not among the first
 * ANNEX_A_HEADER_SEARCH_ROWS rows, or without a column the list needs): the sheet, the columns by the names of Ofsted's
 * template ("Child Unique ID", not the pattern that finds it), and where the header row is when it is further down.
 * The import log had said "without the column(s) child.*\bid\b; plan start date; …" and the screen nothing, while the
 * list's indicator went missing (round-27 trial S2-3: 11 title rows above List 7's header, cpp_second_time_pct gone,
 * exit 0).
 */
import { ANNEX_A_HEADER_SEARCH_ROWS, ANNEX_A_LISTS, normaliseHeader, type AnnexAList } from "./annex-a-lists";

/**
 * The names of the columns each list needs, as Ofsted's Annex A template writes them (the headers ANNEX_A_LISTS's
 * patterns find, after the liia-tools Annex A schema).
 */
export const ANNEX_A_COLUMN_NAMES: { readonly [L in AnnexAList]: Readonly<Record<keyof (typeof ANNEX_A_LISTS)[L]["required"], string>> } = {
  3: { child: "Child Unique ID", referral: "Date of referral" },
  4: { child: "Child Unique ID", start: "Continuous Assessment Start Date", authorised: "Continuous Assessment Date of Authorisation" },
  7: { child: "Child Unique ID", start: "Child Protection Plan Start Date", previous: "Number of Previous Child Protection Plans" },
  8: { child: "Child Unique ID", started: "Date Started to be Looked After", legalStatus: "Child's Legal Status" },
  9: { child: "Child Unique ID", dob: "Date of Birth", inTouch: "LA in Touch", activity: "Activity Status", suitability: "Suitability of Accommodation" },
};

/**
 * The rule and detail of a list sheet not read, for the log and the screen.
 * @param list the list the sheet's name names
 * @param sheet the sheet's name
 * @param missing the patterns (as text: ANNEX_A_LISTS's, without their slashes) of the needed columns its header lacks
 * @param rows the sheet's rows, to find a header row further down
 * @example
 * unreadListWords(7, "List 7", ["child.*\\bid\\b", …], rows).rule
 * // 'Annex A sheet "List 7" (list 7, child protection) not read: its header row, row 12, is below the first 10 rows, …'
 */
export function unreadListWords(list: AnnexAList, sheet: string, missing: readonly string[], rows: readonly (readonly string[])[]): { rule: string; detail: string } {
  const spec = ANNEX_A_LISTS[list];
  const names = ANNEX_A_COLUMN_NAMES[list] as Readonly<Record<string, string>>;
  const required = Object.entries(spec.required) as [string, RegExp][];
  const lacking = required.filter(([, re]) => missing.includes(String(re).slice(1, -1))).map(([key]) => `"${names[key]}"`);
  const what = `Annex A sheet ${JSON.stringify(sheet)} (list ${list}, ${spec.label}) not read`;
  const detail = "the indicators it gives are left out";
  const childAt = rows.findIndex((r) => r.some((c) => spec.required.child.test(normaliseHeader(c))));
  if (childAt >= ANNEX_A_HEADER_SEARCH_ROWS) {
    return {
      rule: `${what}: its header row, row ${childAt + 1}, is below the first ${ANNEX_A_HEADER_SEARCH_ROWS} rows, where the header must be: delete title rows above it`,
      detail: `${detail}; with the header within the first ${ANNEX_A_HEADER_SEARCH_ROWS} rows, run again`,
    };
  }
  const where = childAt < 0 ? `in its first ${ANNEX_A_HEADER_SEARCH_ROWS} rows (nor below)` : `in its header row (row ${childAt + 1})`;
  return {
    rule: `${what}: no column${lacking.length > 1 ? "s" : ""} ${lacking.join(", ")} ${where}`,
    detail: `${detail}; the list needs the columns ${required.map(([key]) => `"${names[key]}"`).join(", ")} (case and spacing ignored): name them so, then run again`,
  };
}
