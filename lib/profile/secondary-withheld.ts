/**
 * The package's figures a profile withholds because, beside the figures shown for the same LA and period, they would
 * give a withheld count back (secondary suppression: lib/disclosure/secondary-suppression.ts, whose comment gives the
 * rules). Decided for every LA-period of the package at once, not the profiled LA's alone, since a profile shows its
 * neighbours' values too: Leeds' "consent dispensed with" 47 beside its 55 adopted gives its withheld 8 back on any
 * page that shows both. (Deciding each LA-period when first asked, which needs each observation to carry its LA and
 * period, made 158 profiles 8% slower, 7.64 → 8.27 s CPU, where deciding all at once costs about 0.15 s once.)
 */
import type { CatalogueRow } from "../data/types";
import { unitMultiplier } from "../indicators/benchmark";
import { countsNeedNoCheck } from "../data/official-sources";
import { isSmallCount } from "../disclosure/suppress-counts";
import { countsPeople, valueIsWithheld } from "../disclosure/withheld-values";
import { secondarySuppression, type LaPeriodFigure, type SecondaryWithholding } from "../disclosure/secondary-suppression";
import type { Obs, ProfileIndex } from "./package-index";

/** How an indicator's figures read for secondary suppression: a count of people, a share (its `per`), or neither. */
type FigureKind = { kind: LaPeriodFigure["kind"]; per: number; baseIsPeople: boolean };

/** The kind of a catalogue row's figures ({@link FigureKind}). */
function figureKind(cat: CatalogueRow): FigureKind {
  const per = unitMultiplier(cat.unit);
  if (cat.unit === "count") return { kind: countsPeople(cat.numerator || cat.label) ? "count" : "other", per: 1, baseIsPeople: false };
  if (per !== null) return { kind: "share", per, baseIsPeople: countsPeople(cat.denominator) };
  return { kind: "other", per: 1, baseIsPeople: false };
}

/**
 * The small counts of people behind a withheld observation (1 … threshold − 1): its value (a count), numerator,
 * denominator, non-events, and a share's events from value × denominator where no numerator is given.
 */
function hiddenCountsOf(o: Obs, kind: FigureKind, threshold: number): number[] {
  const counts: number[] = [];
  if (kind.kind === "count") counts.push(o.value);
  const numerator = Number.isFinite(o.numerator) ? o.numerator : kind.kind === "share" && Number.isFinite(o.denominator) ? Math.round((o.value * o.denominator) / kind.per) : NaN;
  counts.push(numerator, o.denominator, o.denominator - numerator);
  return counts.filter((c) => isSmallCount(c, threshold));
}

/** The one "table" of every unpublished figure of a package (own data, pilot, returns), whatever file it came from. */
export const UNPUBLISHED_TABLE = "unpublished data (own, pilot and returns)";

/**
 * The published table an indicator's figures come from, as its catalogue source names it: a LAIT topic ("topic
 * Adoption"), else the source up to its column ("EES la_cla_placement_stability*.csv: …" → the file); a synthetic
 * source whole. A total and its parts are published in one table. Unpublished figures (own data, pilot, returns: not
 * {@link countsNeedNoCheck}) are all one table: an analyst's total in one `add` file and its percentage in another had
 * given a withheld count back (55 adopted, 14.5% unopposed: 8; a last review of round 24).
 * @example
 * tableOf('LAIT big data sheet (bds_long), Short Desc "LACnum_Adopt_AppUnop", topic Adoption; polarity, …') // "LAIT Adoption"
 * tableOf("EES la_cla_placement_stability*.csv: percentage") // "EES la_cla_placement_stability*.csv"
 * tableOf("Own data: adoptions.csv") // UNPUBLISHED_TABLE, as tableOf("Own data: rates.xlsx")
 */
export function tableOf(source: string): string {
  if (!countsNeedNoCheck(source)) return UNPUBLISHED_TABLE;
  const topic = /\btopic ([^;]+)/.exec(source);
  if (topic) return `LAIT ${topic[1]}`;
  if (/^EES |^MHCLG |^OHID |^SFR /.test(source)) return source.replace(/:.*$/, "");
  return source;
}

/** A withheld figure's reason: the shown figures beside which it would give a withheld count back. */
function reasonOf(w: SecondaryWithholding, labels: readonly string[], threshold: number): string {
  const counted = w.count < threshold ? `a count under ${threshold}` : "a count withheld beside it";
  if (w.beside.length === 0) return `withheld: of its own denominator it would give back ${counted}`;
  const beside = w.beside.map((j) => `"${labels[j]}"`).join(" and ");
  return `withheld: beside ${beside} it would give back ${counted}`;
}

/** One catalogue row as the search reads it: its figures' kind, its table, and its observations by period and LA. */
type Member = { cat: CatalogueRow; kind: FigureKind; byPeriod: ReadonlyMap<number, ReadonlyMap<string, Obs>> };

/** The catalogue's rows grouped by the table they come from ({@link tableOf}). */
function tablesOf(index: ProfileIndex): Member[][] {
  const tables = new Map<string, Member[]>();
  for (const cat of index.catalogue) {
    const member = { cat, kind: figureKind(cat), byPeriod: index.byIndicator.get(cat.indicator) ?? new Map() };
    const t = tableOf(cat.source);
    const list = tables.get(t);
    if (list) list.push(member);
    else tables.set(t, [member]);
  }
  return [...tables.values()];
}

/** period → LAs of a table's LA-periods in which an observation is withheld by the one-figure rules, hiding a small count. */
function withheldLaPeriods(members: readonly Member[], threshold: number): Map<number, Set<string>> {
  const marked = new Map<number, Set<string>>();
  for (const { cat, kind, byPeriod } of members) {
    // a published figure is withheld only for a small value (a count) or denominator: two comparisons rule most out
    const published = countsNeedNoCheck(cat.source);
    for (const [period, byLa] of byPeriod) {
      for (const [la, o] of byLa) {
        if (published && !(kind.kind === "count" && isSmallCount(o.value, threshold)) && !isSmallCount(o.denominator, threshold)) continue;
        if (!Number.isFinite(o.value) || !valueIsWithheld(o, cat, threshold) || hiddenCountsOf(o, kind, threshold).length === 0) continue;
        let las = marked.get(period);
        if (!las) marked.set(period, (las = new Set()));
        las.add(la);
      }
    }
  }
  return marked;
}

/** A table's figures of one LA-period, with the observation and label of each. */
function tableFigures(members: readonly Member[], la: string, period: number, threshold: number) {
  const rows: Obs[] = [];
  const labels: string[] = [];
  const figures: LaPeriodFigure[] = [];
  for (const { cat, kind, byPeriod } of members) {
    const o = byPeriod.get(period)?.get(la);
    if (!o || !Number.isFinite(o.value)) continue;
    const primary = valueIsWithheld(o, cat, threshold);
    rows.push(o);
    labels.push(cat.label);
    figures.push({
      kind: kind.kind, value: o.value, per: kind.per, base: kind.baseIsPeople ? o.denominator : NaN, withheld: primary,
      hiddenCounts: primary ? hiddenCountsOf(o, kind, threshold) : [],
    });
  }
  return { rows, labels, figures };
}

/**
 * Every observation of the package withheld by secondary suppression, with the reason a reader is given ("withheld:
 * beside "Number of CLA adopted in year" it would give back a count under 10"); computed once per index and
 * threshold. Figures are read against those of their own table ({@link tableOf}) in the same LA-period, and only
 * where the table has a withheld small count there: elsewhere there is nothing to give back.
 * @example
 * secondaryWithheld(profileIndex(readPackage("/tmp/england")), 10).size // the figures withheld beside the small counts
 */
export function secondaryWithheld(index: ProfileIndex, threshold: number): ReadonlyMap<Obs, string> {
  const hit = index.cache.secondary?.get(threshold);
  if (hit) return hit;
  const withheld = new Map<Obs, string>();
  for (const members of tablesOf(index)) {
    for (const [period, las] of withheldLaPeriods(members, threshold)) {
      for (const la of las) {
        const { rows, labels, figures } = tableFigures(members, la, period, threshold);
        for (const w of secondarySuppression(figures)) withheld.set(rows[w.figure], reasonOf(w, labels, threshold));
      }
    }
  }
  (index.cache.secondary ??= new Map()).set(threshold, withheld);
  return withheld;
}
