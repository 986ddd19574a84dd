/**
 * Which LA values of an indicator an output withholds (shows as "suppressed (disclosure)", places nowhere): the one
 * rule the LA profile (lib/profile) and the analysis report's withheld cells (lib/vitals/withheld-cells.ts) share.
 *
 * - Any indicator: a `count` value of 1 … threshold − 1, or a value whose denominator is 1 … threshold − 1, where
 *   that count is of people ({@link countsPeople}: the catalogue's wording of it names neither full-time equivalents
 *   nor money). City of London's caseload, 9.6 cases per FTE social worker over 7 FTE, is shown: 7 FTE is no number of
 *   children (nor of social workers), and DfE published it.
 * - An indicator whose counts are not published (own data added with `add`, pilot and returns data; the catalogue
 *   row's source, lib/data/official-sources.ts `countsNeedNoCheck`): also a value whose numerator, or for a
 *   percentage whose non-events (denominator − numerator), are 1 … threshold − 1
 *   (./suppress-indicators.ts `observationRevealsSmallCount`). The value alone gives them back: 1.863354% is 3 of
 *   161 (the smallest fraction that rounds to it), and with a denominator published anywhere (a cohort size) any
 *   rounding of it does.
 *
 * Official counts are published already (the publisher applied its own control): their values are kept. A value
 * withheld here is withheld from display only; where an official one still counts (the LAs' distribution in a
 * profile, an analysis) is for the caller to say (lib/profile/period-distribution.ts).
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

/**
 * What the rules read of an indicator's catalogue row: its unit, its source (counts published or not) and the
 * wording of its counts (label, numerator, denominator; absent wording is read as a count of people).
 */
export type WithheldIndicator = Pick<CatalogueRow, "unit" | "source"> & Partial<Pick<CatalogueRow, "label" | "numerator" | "denominator">>;

/**
 * Catalogue wording of a quantity that is not a number of people: full-time equivalents (the social work workforce
 * census counts posts' FTE: 7 FTE can be 5 full-time and 4 half-time social workers) or money (net current
 * expenditure, £). The official catalogue words them so (lib/data/import/mappings.ts: "FTE case-holding social
 * workers (incl. agency) at 30 September", "net current expenditure on children's social care"; LAIT's "Number FTE of
 * children's social workers"); tests/disclosure/withheld-values.test.ts lists the official indicators it matches.
 */
const NOT_PEOPLE_WORDING = /\bFTE\b|\bfull[- ]time equivalent|\bexpenditure\b|\bspend(ing)?\b|£/i;

/**
 * Whether a catalogue's wording of a count (a denominator, a numerator, a count indicator's label) is of people, so
 * that 1 … threshold − 1 of them is a small count: true unless it names full-time equivalents or money, and for no
 * wording at all (own data without one: read as people).
 * @example
 * countsPeople("children looked after at 31 March") // true
 * countsPeople("FTE case-holding social workers (incl. agency) at 30 September") // false
 * countsPeople("net current expenditure on children's social care") // false
 */
export function countsPeople(wording: string | undefined): boolean {
  return !NOT_PEOPLE_WORDING.test(wording ?? "");
}

/** The wording of what a `count` indicator's value counts: its numerator where the catalogue gives one, else its label. */
function countWording(cat: WithheldIndicator): string | undefined {
  return cat.numerator || cat.label;
}

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
 * 1 … threshold − 1 where it counts people ({@link countsPeople}), or, for an unpublished indicator, any count
 * (numerator, non-events or denominator, whatever its wording: the checker reads an unpublished package's counts so)
 * of 1 … threshold − 1.
 * @example
 * valueIsWithheld({ value: 1.863354, numerator: 3, denominator: 161 }, { unit: "percent", source: "Own data: v.csv" }, 10) // true
 * valueIsWithheld({ value: 1.863354, numerator: 3, denominator: 161 }, { unit: "percent", source: "EES cla.csv" }, 10) // false: published
 * valueIsWithheld({ value: 42.9, numerator: 3, denominator: 7 }, { unit: "percent", source: "EES cla.csv" }, 10) // true: denominator 7
 * valueIsWithheld({ value: 4, numerator: null, denominator: null }, { unit: "count", source: "EES cla.csv" }, 10) // true
 * valueIsWithheld({ value: 9.6, numerator: 67, denominator: 7 }, { unit: "ratio", source: "EES csww.csv", denominator: "FTE social workers" }, 10) // false: 7 FTE
 */
export function valueIsWithheld(o: WithheldObservation, cat: WithheldIndicator, threshold: number): boolean {
  const den = o.denominator ?? NaN;
  const smallValue = cat.unit === "count" && isSmallCount(o.value ?? NaN, threshold) && countsPeople(countWording(cat));
  const smallDenominator = Number.isFinite(den) && isSmallCount(den, threshold) && countsPeople(cat.denominator);
  if (smallValue || smallDenominator) return true;
  return showsUnpublishedSmallCount(o, cat, threshold);
}
