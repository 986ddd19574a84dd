/**
 * Which LA values of an indicator an output withholds (shows as "suppressed (disclosure)", places nowhere): the one
 * rule the LA profile (lib/profile) and the analysis report's withheld cells (lib/vitals/withheld-cells.ts) share.
 *
 * - Any indicator: a `count` value of 1 … threshold − 1, or a value whose denominator is 1 … threshold − 1.
 * - An indicator whose counts are not published (own data added with `add`, pilot and returns data; the catalogue
 *   row's source, lib/data/official-sources.ts `countsNeedNoCheck`): also a value whose numerator, or for a
 *   percentage whose non-events (denominator − numerator), are 1 … threshold − 1
 *   (./suppress-indicators.ts `observationRevealsSmallCount`). The value alone gives them back: 1.863354% is 3 of
 *   161 (the smallest fraction that rounds to it), and with a denominator published anywhere (a cohort size) any
 *   rounding of it does.
 *
 * Official counts are published already (the publisher applied its own control): their values are kept.
 */
import type { CatalogueRow } from "../data/types";
import { countsNeedNoCheck } from "../data/official-sources";
import { isSmallCount } from "./suppress-counts";
import { observationRevealsSmallCount } from "./suppress-indicators";

/** An observation as the rules read it: null or NaN is missing. */
export interface WithheldObservation {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** What the rules read of an indicator's catalogue row: its unit, and its source (counts published or not). */
export type WithheldIndicator = Pick<CatalogueRow, "unit" | "source">;

/**
 * Whether an observation of an unpublished indicator (own, pilot or returns data) would show a count of
 * 1 … threshold − 1: its denominator, its events or, for a percentage, its non-events. False for an indicator whose
 * counts are published or synthetic.
 * @example showsUnpublishedSmallCount({ value: 42.9, numerator: 3, denominator: 7 }, { unit: "percent", source: "Own data: v.csv" }, 10) // true
 * showsUnpublishedSmallCount({ value: 42.9, numerator: 3, denominator: 7 }, { unit: "percent", source: "EES ks4_la*.csv" }, 10) // false
 */
export function showsUnpublishedSmallCount(o: WithheldObservation, cat: WithheldIndicator, threshold: number): boolean {
  // the counts first: the source's check runs only for the few observations whose counts are small
  return observationRevealsSmallCount(o, cat.unit, threshold) && !countsNeedNoCheck(cat.source);
}

/**
 * Whether an LA's value is withheld wherever it would be shown: a count value or a denominator of
 * 1 … threshold − 1, or, for an unpublished indicator, a numerator or non-events of 1 … threshold − 1.
 * @example
 * valueIsWithheld({ value: 1.863354, numerator: 3, denominator: 161 }, { unit: "percent", source: "Own data: v.csv" }, 10) // true
 * valueIsWithheld({ value: 1.863354, numerator: 3, denominator: 161 }, { unit: "percent", source: "EES cla.csv" }, 10) // false: published
 * valueIsWithheld({ value: 42.9, numerator: 3, denominator: 7 }, { unit: "percent", source: "EES cla.csv" }, 10) // true: denominator 7
 * valueIsWithheld({ value: 4, numerator: null, denominator: null }, { unit: "count", source: "EES cla.csv" }, 10) // true
 */
export function valueIsWithheld(o: WithheldObservation, cat: WithheldIndicator, threshold: number): boolean {
  const den = o.denominator ?? NaN;
  if ((cat.unit === "count" && isSmallCount(o.value ?? NaN, threshold)) || (Number.isFinite(den) && isSmallCount(den, threshold))) return true;
  return showsUnpublishedSmallCount(o, cat, threshold);
}
