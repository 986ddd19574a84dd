/**
 * What {@link selectVitalSigns} (lib/vitals/selection.ts) takes and the settings it runs with: in a file of their
 * own so that the resampling (resample.ts) and the verdicts (verdicts.ts) can use them without importing the
 * selection that imports them (no import cycle).
 */
import type { Domain, Polarity } from "../data/types";
import type { ScreenRow } from "./screen";

/** The thresholds a selection ran with (results.json `settings`). */
export interface SelectionSettings {
  alpha: number;
  threshold: number;
  minCompleteness: number;
  minReliability: number;
  redundancyR: number;
  method: "pearson" | "spearman";
}

/** One indicator offered to the selection. */
export interface SelectionIndicator {
  indicator: string;
  domain: Domain;
  polarity: Polarity;
  /**
   * Values per period (each aligned by LA), for judging redundancy over all periods (lib/vitals/redundancy.ts);
   * without it, redundancy is judged on slot 0's values.
   */
  byPeriod?: readonly ArrayLike<number>[];
}

/** Input of `selectVitalSigns`. */
export interface SelectionInput {
  indicators: readonly SelectionIndicator[];
  /**
   * The data the bootstrap draws one of per resample (lib/vitals/frame.ts FrameSlot): slot 0 is the screen's.
   * Each has the outcome oriented so higher = better (NaN = none), the context values (order of
   * `contextNames`) and the indicator values (order of `indicators`), all aligned by LA.
   */
  slots: readonly { label?: string; outcomeBetter: ArrayLike<number>; context: readonly ArrayLike<number>[]; values: readonly ArrayLike<number>[] }[];
  contextNames: readonly string[];
  /** The screen (offset 0), one row per indicator in the same order. */
  screen: readonly ScreenRow[];
  /** Year-to-year reliability per indicator (same order; NaN when unmeasurable). */
  reliability: ArrayLike<number>;
}

