/**
 * The full analysis of one data package against one outcome: frame → screen → reliability → bootstrap
 * selection → verdicts, plus the percentile analysis (Tables 1–4 of the 2016 study). {@link toResults}
 * turns it into the public results contract (results.json, schemas/results.schema.json).
 */
import type { DataPackage } from "../data/types";
import type { ProgressCallback } from "../progress";
import { preparePartialCorrelation } from "../stats/partial-correlation";
import type { LinkRule } from "../context/link";
import { suppressedLasOfFrame } from "./suppressed-las";
import { refuseConstantContext } from "./constant-context";
import { buildAnalysisFrame, type Alignment, type AnalysisFrame } from "./frame";
import type { ShrinkTarget } from "./outcome-noise";
import { extremeMembership, type ExtremeMembership, type TiesAtCut } from "./percentiles";
import { DECILE_FRACTION } from "../indicators/ranking";
import { associationStability, yearToYearReliability, type AssociationStability, type YearToYearReliability } from "./reliability";
import { screenContext, screenIndicators, type CorrelationMethod, type ScreenRow } from "./screen";
import { beginSelection, prewarmSelectionWorkers, type Selection, type SelectionOptions } from "./selection";
import { packageAsAnalysed } from "./withheld-cells";

/** Options of {@link analysePackage}. */
export interface AnalysisOptions {
  link: LinkRule;
  /** Context variables to adjust for (ids in context.csv). */
  context: readonly string[];
  /** Analysis period (default: the latest with indicator values). */
  period?: number;
  seed: number;
  resamples?: number;
  /** Correlation of the raw and adjusted association in the screen and the bootstrap (default: selection.method, else "spearman"). */
  method?: CorrelationMethod;
  outcomeLowerIsBetter?: boolean;
  indicators?: readonly string[];
  alignment?: Alignment;
  /** Offsets (years before the row period) the bootstrap draws over; default DEFAULT_OFFSETS. */
  offsets?: number;
  /** A continuous outcome only: empirical-Bayes shrinkage of its LA values (lib/vitals/outcome-noise.ts). */
  shrink?: ShrinkTarget;
  selection?: Omit<SelectionOptions, "seed" | "resamples">;
  /** Called after each bootstrap resample with (resamples done, resamples), the long step; never changes the result. */
  onProgress?: ProgressCallback;
  /**
   * Where the best/worst-10% tables put LAs tied at a group's cut (default "in-neither": no group exceeds its share);
   * "in-both" is the 2016 study's counting, which reproduceStudy2016 keeps (lib/vitals/percentiles.ts).
   */
  percentileTies?: TiesAtCut;
}

/** Everything the analysis produced (in-memory; see {@link toResults} for the JSON contract). */
export interface Analysis {
  frame: AnalysisFrame;
  screen: ScreenRow[];
  /** The context variables screened as rows (role "context"; never selected, not in the BH family). */
  contextScreen: ScreenRow[];
  reliability: YearToYearReliability[];
  stability: AssociationStability[];
  selection: Selection;
  percentiles: ExtremeMembership;
  /** Per indicator (screen order), the LAs with an outcome whose value is suppressed (./suppressed-las.ts). */
  suppressedLas: number[];
  options: AnalysisOptions;
}

/**
 * Run the whole analysis on a loaded package.
 * @example
 * const a = analysePackage(readPackage("datasets/pilot-synthetic"), {
 *   link: { kind: "latest-on-or-before", outcome: "ofsted_ilacs_overall", date: "2024-03-31" },
 *   context: ["idaci_score"], seed: 42,
 * });
 * a.selection.verdicts.filter((v) => v.selected);
 */
export function analysePackage(given: DataPackage, options: AnalysisOptions): Analysis {
  // withheld values (an unpublished indicator's small counts) are analysed as suppressed (lib/vitals/withheld-cells.ts)
  const pkg = packageAsAnalysed(given);
  const frame = buildAnalysisFrame(pkg, {
    period: options.period, context: options.context, link: options.link,
    outcomeLowerIsBetter: options.outcomeLowerIsBetter, indicators: options.indicators, alignment: options.alignment, offsets: options.offsets,
    ...(options.shrink ? { shrink: options.shrink } : {}),
  });
  refuseConstantContext(frame);
  // the resampling's worker threads start loading now (a cold start takes 0.1–0.3 s: lib/vitals/resample-parallel.ts)
  prewarmSelectionWorkers(frame.indicators.length, { resamples: options.resamples, workers: options.selection?.workers });
  const method = options.method ?? options.selection?.method;
  // the resamples are drawn now and the worker threads evaluate them while this thread screens; the screen's
  // signs and the reliability are given at the end (beginSelection: the same answer as selectVitalSigns)
  const pending = beginSelection(
    { indicators: frame.indicators, slots: frame.slots, contextNames: frame.context.map((c) => c.variable) },
    { ...options.selection, ...(method ? { method } : {}), seed: options.seed, resamples: options.resamples, onProgress: options.onProgress ?? options.selection?.onProgress },
  );
  try {
    const screenInput = {
      indicators: frame.indicators.map((ind, j) => ({ indicator: ind.indicator, domain: ind.domain, polarity: ind.polarity, values: frame.slots[0].values[j] })),
      outcome: frame.outcome.values,
      outcomeLowerIsBetter: frame.outcomeLowerIsBetter,
      outcomeKind: frame.outcomeMeasure ? "value" as const : "grade" as const,
      // the frame's own context entries (the screen reads their variable and values): no copy
      context: frame.context,
    };
    const screen = screenIndicators(screenInput, { method });
    const contextScreen = screenContext(screenInput, { method });
    const reliability = frame.indicators.map((ind) => yearToYearReliability(ind.byPeriod, frame.periods));
    // the method the selection runs with (selectVitalSigns' default: Spearman)
    const stability = associationStabilities(frame, screen, method ?? "spearman");
    // a value the profile withholds (a small count of unpublished data) is missing in the frame: in no best or worst group
    const percentiles = extremeMembership(
      frame.laCodes,
      frame.indicators.map((ind, j) => ({ indicator: ind.indicator, polarity: ind.polarity, values: frame.slots[0].values[j] })),
      DECILE_FRACTION,
      options.percentileTies,
    );
    // before joining the resampling, while the worker threads still evaluate resamples, rather than after it
    const suppressedLas = suppressedLasOfFrame(pkg, frame);
    const selection = pending.finish(screen, Float64Array.from(reliability, (r) => r.r));
    return { frame, screen, contextScreen, reliability, stability, selection, percentiles, suppressedLas, options };
  } catch (error) {
    pending.abandon();
    throw error;
  }
}

/**
 * Each indicator's association stability over the frame's slots: per slot, the partial correlation of the
 * indicator and the better outcome given the context on the rows complete over all of them (the `partial.r` of
 * lib/context/adjust.ts `contextAdjustedAssociation`: same rows, same partialCorrelation, without the raw
 * correlation and the two context R² it also computes, which the stability does not use). The outcome's and the
 * context's part is prepared once per slot (preparePartialCorrelation: the same numbers as partialCorrelation).
 * Slot 0's is the screen's partialR when the screen ran on slot 0's data (the same prepared computation on the
 * same numbers, so the same bits), and is not computed again.
 */
function associationStabilities(frame: AnalysisFrame, screen: readonly ScreenRow[], method: CorrelationMethod): AssociationStability[] {
  const screenIsSlot0 = screenRanOnSlot0(frame);
  const perSlot = frame.slots.map((slot, s) =>
    slot.context.length > 0 && !(s === 0 && screenIsSlot0) ? preparePartialCorrelation(slot.outcomeBetter, slot.context, { method }) : null,
  );
  return frame.indicators.map((_, j) => {
    const coefs = frame.slots.map((slot, s) => (s === 0 && screenIsSlot0 ? screen[j].partialR : perSlot[s]?.(slot.values[j]).r ?? NaN));
    return associationStability(coefs, screen[j].partialR);
  });
}

/**
 * True when analysePackage's screen correlated slot 0's values with slot 0's better outcome given slot 0's context
 * (the screen orients frame.outcome itself; with context, its partialR is preparePartialCorrelation's r).
 */
function screenRanOnSlot0(frame: AnalysisFrame): boolean {
  const slot = frame.slots[0];
  if (slot.context.length === 0 || slot.context.length !== frame.context.length) return false;
  if (slot.context.some((values, c) => values !== frame.context[c].values)) return false;
  const outcome = frame.outcome.values;
  const sign = frame.outcomeLowerIsBetter ? -1 : 1;
  if (outcome.length !== slot.outcomeBetter.length) return false;
  for (let i = 0; i < outcome.length; i++) if (!Object.is(sign * outcome[i], slot.outcomeBetter[i])) return false;
  return true;
}
