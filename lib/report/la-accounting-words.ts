/**
 * results.json `la_accounting` in words (lib/vitals/la-accounting.ts computes it): how many of the linked LAs
 * were analysed, and which LAs were left out at each step and why, by code and name (LA names and codes are
 * public). One sentence for the CLI summary and the report, so both say the same.
 */

/** results.json `la_accounting` (see schemas/results.schema.json). */
export interface LaAccountingJson {
  period: number;
  package_las: number;
  period_las: number;
  linked: number;
  analysed: number;
  left_out: {
    la_code: string; la_name: string; reason: "not-in-period" | "no-outcome" | "outcome-suppressed" | "no-context" | "earlier-slots-only";
    context_missing?: string[]; outcome_status?: string; first_period?: number | null; last_period?: number | null;
  }[];
  earlier_slots_only: { la_code: string; la_name: string }[];
  /** LAs whose outcome in the latest slot is suppressed, by status (absent when none). */
  outcome_suppressed_latest?: { status: string; las: number }[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "E06000061 North Northamptonshire, …", at most `atMost` of them, then how many more. */
function laList(las: readonly { la_code: string; la_name: string; suffix?: string }[], atMost: number): string {
  const shown = las.slice(0, atMost).map((l) => `${l.la_code} ${l.la_name}${l.suffix ?? ""}`);
  return las.length > atMost ? `${shown.join(", ")} and ${las.length - atMost} more (results.json la_accounting)` : shown.join(", ");
}

/** "(to 2019)", "(from 2022)": the years an LA existed, from its areas.csv first/last period. */
function existedWords(l: LaAccountingJson["left_out"][number]): string {
  if (l.first_period != null && l.last_period != null) return ` (${l.first_period}–${l.last_period})`;
  if (l.last_period != null) return ` (to ${l.last_period})`;
  if (l.first_period != null) return ` (from ${l.first_period})`;
  return "";
}

/** results.json `period` (the latest period of the indicator values used) and `periods` (every period with values); a continuous outcome's year. */
export interface ValuesPeriodsJson {
  period: number;
  periods: readonly number[];
  /** Present for a continuous outcome: its year names the latest slot ("outcome of 2025"). */
  outcome_measure?: { outcome_year: number };
}

/**
 * "74 LAs' outcome of 2025 is suppressed (small numbers; status suppressed:c): left out of the screen, not at random",
 * or "" when none is. A suppressed outcome is missing because the LA's cohort is small (DfE `c`): looked-after
 * children's KS2 results were suppressed for 74 of 153 LAs in 2025, and the run had called them "no outcome".
 */
function outcomeSuppressedWords(acc: LaAccountingJson, values?: ValuesPeriodsJson): string {
  const byStatus = acc.outcome_suppressed_latest ?? [];
  if (byStatus.length === 0) return "";
  const n = byStatus.reduce((sum, s) => sum + s.las, 0);
  const statuses = byStatus.length === 1 ? byStatus[0].status : byStatus.map((s) => `${s.status} for ${s.las}`).join(", ");
  const year = values?.outcome_measure ? `outcome of ${values.outcome_measure.outcome_year}` : "outcome in the latest slot";
  return `${n} ${n === 1 ? "LA's" : "LAs'"} ${year} is suppressed (small numbers; status ${statuses}): left out of the screen, not at random`;
}

/**
 * The LAs analysed and those left out, with the reason and the LAs, in one paragraph.
 * @param labelOf a context variable's name in words (default its id)
 * @param atMost most LAs listed per reason (the rest are counted; results.json lists them all)
 * @param values results.json's periods: when given and the LAs' period is not that of the values used, a sentence says
 * so (under judgement-period alignment the LAs are those of the latest period with indicator values, while the values are each
 * LA's judgement's period: on the official folder LAs of 2026, values of 2025 at the latest)
 * @example
 * laAccountingText(results.la_accounting, (v) => "deprivation (IDACI score)", Infinity, results)
 * // "149 of the 153 linked LAs analysed; 4 left out — no deprivation (IDACI score) value (idaci_score): E06000061 North Northamptonshire, …"
 */
export function laAccountingText(acc: LaAccountingJson, labelOf: (variable: string) => string = (v) => v, atMost = Infinity, values?: ValuesPeriodsJson): string {
  const noContext = acc.left_out.filter((l) => l.reason === "no-context");
  const earlier = acc.earlier_slots_only;
  // LAs drawn only through an earlier slot are among the analysed but not the linked: counted apart, so that the
  // linked ones analysed and those left out add up to the linked
  const linkedAnalysed = acc.analysed - earlier.length;
  const parts: string[] = [
    earlier.length > 0
      ? `${plural(acc.analysed, "LA")} analysed: ${linkedAnalysed === acc.linked ? `all ${acc.linked}` : `${linkedAnalysed} of the ${acc.linked}`} linked, ` +
        `and ${plural(earlier.length, "LA")} with no outcome in the latest slot, through an earlier one: ${laList(earlier, atMost)}`
      : noContext.length === 0 && acc.analysed === acc.linked
        ? `all ${plural(acc.linked, "linked LA")} analysed`
        : `${acc.analysed} of the ${plural(acc.linked, "linked LA")} analysed`,
  ];
  const groups = new Map<string, typeof noContext>();
  for (const l of noContext) {
    const key = (l.context_missing ?? []).join(",");
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  for (const [key, las] of groups) {
    const variables = key.split(",").filter((v) => v !== "");
    const named = variables.map((v) => (labelOf(v) === v ? `${v} value` : `${labelOf(v)} value (${v})`)).join(", ");
    parts.push(`${las.length} left out — no ${named || "context value"}: ${laList(las, atMost)}`);
  }
  const notDrawn = acc.left_out.filter((l) => l.reason === "earlier-slots-only");
  if (notDrawn.length > 0) {
    parts.push(
      `${notDrawn.length} left out — an outcome in earlier slots only, not drawn because the ${plural(acc.linked, "LA")} of the latest slot, ` +
        `whose numbers the screen shows, would have been fewer than half of those resampled: ${laList(notDrawn, atMost)}`,
    );
  }
  const sentences = [parts.join("; ")];
  const noOutcome = acc.left_out.filter((l) => l.reason === "no-outcome");
  const suppressed = acc.left_out.filter((l) => l.reason === "outcome-suppressed");
  if (acc.linked < acc.period_las) {
    const has = (n: number) => `${n} ${n === 1 ? "has" : "have"}`;
    sentences.push([
      `${acc.linked} of the ${plural(acc.period_las, `LA of ${acc.period}`, `LAs of ${acc.period}`)} linked`,
      outcomeSuppressedWords(acc, values),
      suppressed.length > 0 ? `${has(suppressed.length)} no outcome in any slot drawn, suppressed (small numbers) in at least one: ${laList(suppressed, atMost)}` : "",
      noOutcome.length > 0 ? `${has(noOutcome.length)} no outcome in any slot drawn${suppressed.length > 0 ? ", none suppressed" : ""}: ${laList(noOutcome, atMost)}` : "",
    ].filter((part) => part !== "").join("; "));
  }
  const outside = acc.left_out.filter((l) => l.reason === "not-in-period").map((l) => ({ ...l, suffix: existedWords(l) }));
  if (outside.length > 0) {
    sentences.push(`${outside.length} of the package's ${acc.package_las} LAs did not exist in ${acc.period} (areas.csv first/last period): ${laList(outside, atMost)}`);
  }
  // a user compared "did not exist in 2026" with results.json's period 2025 and took one of them for a mistake
  const periodSaid = outside.length > 0 || acc.linked < acc.period_las;
  if (periodSaid && values !== undefined && values.period !== acc.period) {
    const which = acc.period === values.periods[values.periods.length - 1] ? "the latest period with indicator values" : "the analysis period";
    sentences.push(`The LAs are those of ${acc.period}, ${which}, though the latest indicator values used are of ${values.period} (results.json period)`);
  }
  return `${sentences.join(". ")}.`;
}
