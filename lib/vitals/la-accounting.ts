/**
 * Which LAs an analysis counts at each step, and which it leaves out and why, so that every LA count a reader
 * sees ("153 LAs linked", "half-samples of the 149 LAs") adds up. The steps:
 * 1. the package's LAs (areas.csv; after --las / --region, the kept ones);
 * 2. those that existed in the analysis period — the frame's rows (areas.csv first/last period; lib/vitals/frame.ts);
 * 3. those with an outcome in the latest slot — "linked" (results.json `outcome.n_linked`);
 * 4. those resampled — the design's units: an outcome and every context value in at least one used slot
 *    (lib/vitals/resampling-design.ts).
 * An LA of step 2 that is not resampled either has no outcome in any used slot — suppressed in one of them (status
 * `suppressed:*`, DfE's `c` for small numbers: a continuous outcome such as looked-after children's KS2 results is
 * suppressed for about half the LAs, the ones with small cohorts, so those left out are not a random part), or
 * simply none — or lacks a context value in each
 * used slot in which it has one (the context rule takes the nearest period's value, so an LA lacking one lacks it
 * in every slot: typically an LA created after the context was published, e.g. IDACI 2019 before the 2021–2023
 * reorganisations). An LA with no outcome in the latest slot can still be resampled through an earlier one (a
 * continuous outcome's earlier years), unless the LAs of the latest slot would then be fewer than half of those
 * resampled: then it is left out (`earlier-slots-only`; lib/vitals/resampling-design.ts). Codes and LA ids only: lib/report/la-accounting-words.ts words them.
 */
import type { AnalysisFrame, LaOutsidePeriod } from "./frame";
import type { SelectionDesign } from "./selection";

/** An LA by code and name. */
export interface LaId {
  laCode: string;
  laName: string;
}

/** Why an LA of the package is not resampled. */
export type LaLeftOutReason = "not-in-period" | "no-outcome" | "outcome-suppressed" | "no-context" | "earlier-slots-only";

/** An LA of the package that the resampling does not draw, with the reason. */
export type LaLeftOut =
  | ({ reason: "not-in-period" } & LaOutsidePeriod)
  | ({ reason: "no-outcome" } & LaId)
  | ({ reason: "outcome-suppressed"; /** The outcome's status in the first used slot where it is suppressed, e.g. `suppressed:c`. */ status: string } & LaId)
  | ({ reason: "no-context"; /** The context variables it has no value of (in the first used slot where it has an outcome). */ variables: string[] } & LaId)
  /** An outcome and context in earlier used slots only, not drawn: the latest slot's LAs would have been fewer than half of those resampled. */
  | ({ reason: "earlier-slots-only" } & LaId);

/** What {@link laAccounting} returns: the counts of each step and the LAs dropped between them. */
export interface LaAccounting {
  /** The analysis period whose LAs are the rows. */
  period: number;
  /** LAs of the package (areas.csv rows). */
  packageLas: number;
  /** LAs that existed in the analysis period. */
  periodLas: number;
  /** LAs with an outcome in the latest slot. */
  linked: number;
  /** LAs resampled (the design's units). */
  analysed: number;
  /** Every LA of the package not resampled, in areas.csv order within each reason: not-in-period, no-outcome, outcome-suppressed, no-context, earlier-slots-only. */
  leftOut: LaLeftOut[];
  /** LAs of the period whose outcome in the latest slot is suppressed (status `suppressed:*`), by status, most first (ties by status); empty when none. */
  outcomeSuppressedLatest: { status: string; las: number }[];
  /** LAs resampled without an outcome in the latest slot (through an earlier used slot only). */
  earlierSlotsOnly: LaId[];
}

/**
 * The LA accounting of an analysis from its frame and the resampling design as it ran.
 * @example
 * const acc = laAccounting(analysis.frame, analysis.selection.design, analysis.selection.bootstrapOffsets);
 * acc.leftOut.filter((l) => l.reason === "no-context").map((l) => l.laName); // e.g. ["North Northamptonshire", …]
 */
export function laAccounting(frame: AnalysisFrame, design: Pick<SelectionDesign, "unitRows">, usedSlots: readonly number[]): LaAccounting {
  const resampled = new Uint8Array(frame.laCodes.length);
  for (const row of design.unitRows) resampled[row] = 1;
  const slot0 = frame.slots[0].outcome.values;
  const noOutcome: LaLeftOut[] = [];
  const outcomeSuppressed: LaLeftOut[] = [];
  const noContext: LaLeftOut[] = [];
  const earlierNotDrawn: LaLeftOut[] = [];
  const earlierSlotsOnly: LaId[] = [];
  for (let i = 0; i < frame.laCodes.length; i++) {
    const id = { laCode: frame.laCodes[i], laName: frame.laNames[i] };
    if (resampled[i] === 1) {
      if (Number.isNaN(slot0[i])) earlierSlotsOnly.push(id);
      continue;
    }
    const withOutcome = usedSlots.find((k) => !Number.isNaN(frame.slots[k].outcome.values[i]));
    if (withOutcome === undefined) {
      const status = usedSlots.map((k) => suppressedStatus(frame, k, i)).find((st) => st !== undefined);
      if (status === undefined) noOutcome.push({ reason: "no-outcome", ...id });
      else outcomeSuppressed.push({ reason: "outcome-suppressed", status, ...id });
    } else if (usedSlots.some((k) => linkedIn(frame, k, i))) {
      earlierNotDrawn.push({ reason: "earlier-slots-only", ...id });
    } else {
      const slot = frame.slots[withOutcome];
      const variables = frame.context.map((c) => c.variable).filter((_, c) => Number.isNaN(slot.context[c][i]));
      noContext.push({ reason: "no-context", variables, ...id });
    }
  }
  const outside: LaLeftOut[] = frame.lasOutsidePeriod.map((l) => ({ reason: "not-in-period", ...l }));
  return {
    period: frame.period,
    packageLas: frame.laCodes.length + frame.lasOutsidePeriod.length,
    periodLas: frame.laCodes.length,
    linked: frame.outcome.n,
    analysed: design.unitRows.length,
    leftOut: [...outside, ...noOutcome, ...outcomeSuppressed, ...noContext, ...earlierNotDrawn],
    earlierSlotsOnly,
    outcomeSuppressedLatest: suppressedByStatus(frame),
  };
}

/** Whether LA row `i` has an outcome and every context value in slot `k` (as the resampling design counts it). */
function linkedIn(frame: AnalysisFrame, k: number, i: number): boolean {
  const slot = frame.slots[k];
  return !Number.isNaN(slot.outcome.values[i]) && slot.context.every((c) => !Number.isNaN(c[i]));
}

/** The outcome's status of LA row `i` in slot `k` when it is suppressed (`suppressed:*`), else undefined. */
function suppressedStatus(frame: AnalysisFrame, k: number, i: number): string | undefined {
  const status = frame.slots[k].outcome.linked[i]?.status;
  return status?.startsWith("suppressed") ? status : undefined;
}

/** The LAs whose outcome is suppressed in the latest slot, counted by status, most first (ties by status). */
function suppressedByStatus(frame: AnalysisFrame): { status: string; las: number }[] {
  const counts = new Map<string, number>();
  for (let i = 0; i < frame.laCodes.length; i++) {
    const status = suppressedStatus(frame, 0, i);
    if (status !== undefined) counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return [...counts].map(([status, las]) => ({ status, las })).sort((a, b) => b.las - a.las || (a.status < b.status ? -1 : 1));
}
