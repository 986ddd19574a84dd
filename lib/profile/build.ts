/**
 * The LA profile: one authority against England, its region and its statistical neighbours, indicator by
 * indicator, with the uncertainty LAIT and the CSC dashboard do not show — the evidence view beside the
 * vital-signs screen. {@link buildLaProfile} assembles `profile.json`; lib/report/profile-report.ts composes
 * `profile.html`.
 *
 * For each indicator in the catalogue, at the LA's most recent period with a value (or the latest at or
 * before `options.period`):
 * - **value and intervals** (95%, 99.8%) from counts (lib/indicators/compare `indicatorIntervals`);
 * - **benchmarks**: England and region from benchmarks.csv when published; otherwise pooled from the LAs'
 *   counts (Σx/Σn, percentages and rates) or, for other units, the median of LAs (lib/indicators/benchmark
 *   `pooledBenchmark`) — the source is always stated; the **neighbour median** and range over the LA's
 *   statistical neighbours;
 * - **comparisons** with all three (Fingertips' overlap rule, 95% + 99.8%, polarity-aware), one of them
 *   the headline (`options.benchmark`);
 * - **LAIT quartile band and rank** among all LAs that period;
 * - **funnel position** with the overdispersion estimate and the chosen limits (percentages and rates);
 * - **recent trend** (Fingertips' marker: Cochran–Armitage for percentages with counts, WLS otherwise)
 *   over the series inside the LA's lifespan; a series cut by a reorganisation is marked `broken` with
 *   the reason, and a trend never spans a code change;
 * - **triangulation** by domain (lib/context/triangulation); `count` indicators (sizes, not performance)
 *   are left out of it.
 *
 * **Neighbours** (`options.neighbours`): DfE's published groups (2025 or 2021 model), which the caller reads
 * and passes in `options.dfeGroups` (the CLI reads them from the official folder), or our nearest neighbours
 * on standardised context (NEIGHBOUR_CONTEXT_RULES); `auto` takes the DfE 2025 group when it maps to the
 * package's LAs, else the 2021 group (which keeps the LAs abolished by the 2019–2023 reorganisations), else
 * context.
 *
 * **Disclosure.** profile.json's values never include numerators or denominators (the funnel plots leave off LAs
 * whose counts are small: ./funnel-view.ts). A `count` indicator value
 * 0 < v < threshold, and any value whose denominator is 0 < d < threshold, is replaced by null with status
 * `suppressed:disclosure` (lib/disclosure rules, threshold 10), and so is an unpublished indicator's value (own, pilot
 * or returns data: lib/data/official-sources.ts) whose numerator or non-events are small: the value alone gives them
 * back (1.863354% is 3 of 161; lib/disclosure/withheld-values.ts). A count of full-time equivalents or money is not
 * a count of people and withholds nothing. **Secondary suppression** (./secondary-withheld.ts): a value not small itself
 * is withheld too where, beside the same LA's other figures of the same period and published table, it would give a
 * withheld count back: a count b beside a count a with a − b (or a + b) a withheld count (Leeds 2025: 55 adopted, 47
 * with consent dispensed, the unopposed 8 withheld: the 47 is withheld), and a percentage or rate that, as written, of
 * a count shown fits one whole count only, withheld (15% of 55 is 8), or of its own denominator a count so withheld. It decides for every LA
 * and period of the package, as a page shows its neighbours' values too, and repeats until nothing more is withheld;
 * a value so withheld is withheld wherever a withheld value is (`withheldNote` says why). A withheld value is compared with nothing and placed nowhere; official
 * values are kept as published, and all of them, those withheld from display included, are in the LAs' distribution,
 * ranks and triangulation spread (./period-distribution.ts).
 */
import { InputError } from "../errors";
import { inLifespan } from "../indicators/trend";
import type { AreaRow, CatalogueRow } from "../data/types";
import { latestIndicatorPeriod, resolveLa } from "../data/restrict";
import { sourceFamily, triangulate, type Triangulation, type TriangulationInput } from "../context/triangulation";
import { DEFAULT_DISCLOSURE_THRESHOLD, DISCLOSURE_STATUS } from "../disclosure/suppress-counts";
import { profileNeighbours } from "./comparators";
import { discloser, profileIndicator, type Discloser, type LaProfileContext } from "./build-indicator";
import { indicatorTable, laPositions } from "./indicator-table";
import { outOfSpread } from "./period-distribution";
import { secondaryWithheld } from "./secondary-withheld";
import type { Obs, ProfileIndex } from "./package-index";
import { PROFILE_BENCHMARKS, PROFILE_NEIGHBOUR_SOURCES, type LaProfile, type ProfileIndicator, type ProfileOptions, type ProfileTriangulation } from "./types";
import type { ValueNote } from "../data/import/ohid-fingertips";
import { yearsText } from "../data/periods";

/**
 * Every LA's value in a period's row map that the LAs' spread is over (NaN = missing, as the row has it): all of a
 * published indicator's (official or synthetic: public, as ./period-distribution.ts keeps them), an unpublished one's
 * without those withheld for disclosure.
 */
function spreadValues(rowsAt: Map<string, Obs>, cat: CatalogueRow, disclose: Discloser): number[] {
  const out = outOfSpread(cat, disclose);
  const values: number[] = [];
  for (const o of rowsAt.values()) if (!out(o)) values.push(o.value);
  return values;
}

function exportTriangulation(t: Triangulation): ProfileTriangulation {
  return {
    indicators: t.indicators.map(({ n, ...x }) => ({ ...x, lasForSd: n })),
    domains: t.domains.map(({ n, sources, ...d }) => ({ ...d, inComposite: n, sources: sources.map((s) => ({ source: s.source, meanZ: s.meanZ, indicators: s.n })) })),
  };
}

/**
 * Triangulation by domain over the indicators with a value shown, `count` indicators left out (`indicators[j]` is of
 * `index.catalogue[j]`). The LA's value withheld for disclosure is left out: the triangulation exports the LA's value
 * and z (a review found a withheld 577.9 days there). The spread its z is over is every LA's value of an official
 * indicator (public: a review found Leeds' KS4 Attainment 8 z over 95 LAs of the 131 DfE published), and an
 * unpublished indicator's values without those withheld.
 */
function profileTriangulation(index: ProfileIndex, laCode: string, indicators: readonly ProfileIndicator[], disclose: Discloser): ProfileTriangulation {
  const inputs: TriangulationInput[] = [];
  indicators.forEach((x, j) => {
    if (x.unit === "count" || x.period === null || x.value === null) return;
    const table = indicatorTable(index, index.catalogue[j]);
    const k = table.periods.indexOf(x.period);
    inputs.push({
      indicator: x.indicator,
      label: x.label,
      domain: x.domain,
      polarity: x.polarity,
      source: sourceFamily(x.source),
      period: x.period,
      value: table.rowMaps[k].get(laCode)?.value ?? NaN,
      englandValue: x.england.value ?? NaN,
      laValues: spreadValues(table.rowMaps[k], table.cat, disclose),
    });
  });
  return exportTriangulation(triangulate(inputs));
}

/** Notes on the LA's reorganisations and its neighbours. */
function profileNotes(index: ProfileIndex, area: AreaRow, neighbours: LaProfile["neighbours"]): string[] {
  const notes: string[] = [];
  if (area.first_period !== null) notes.push(`${area.la_name} was created by a local-government reorganisation: its series start in ${area.first_period}; earlier figures belong to its predecessor(s) and are not joined to it.`);
  if (area.last_period !== null) notes.push(`${area.la_name} ceased after ${area.last_period} (reorganisation): its figures stop there, and no trend crosses the change.`);
  const provenance = index.pkg.descriptor.provenance as { reorganisation_rules?: { id: string; predecessors: string[]; successors: string[]; note: string }[] } | undefined;
  for (const rule of provenance?.reorganisation_rules ?? []) {
    if (rule.predecessors.includes(area.old_la_code) || rule.successors.includes(area.old_la_code)) notes.push(`Reorganisation: ${rule.note}`);
  }
  // a source's note on this LA's values (OHID: Cornwall's figures are Cornwall's and the Isles of Scilly's together)
  const valueNotes = (provenance as { value_notes?: ValueNote[] } | undefined)?.value_notes ?? [];
  for (const n of valueNotes) if (n.areas.includes(area.la_code)) notes.push(`Source note on ${area.la_name}'s values of ${yearsText(n.periods)} from ${n.file}: "${n.note}".`);
  if (neighbours.note) notes.push(`Neighbours: ${neighbours.note}`);
  return notes;
}

/** Counts of the headline comparisons, and why the others were not made. */
function profileSummary(indicators: readonly ProfileIndicator[]): LaProfile["summary"] {
  const withValue = indicators.filter((x) => x.period !== null);
  const head = withValue.map((x) => x.headline.outcome);
  const notComparedReasons: Record<string, number> = {};
  for (const x of withValue) {
    if (x.headline.outcome !== "not-compared") continue;
    const r = (x.headline.reason ?? "unknown").replace(/\b\d+(\.\d+)?\b/g, "#");
    notComparedReasons[r] = (notComparedReasons[r] ?? 0) + 1;
  }
  return {
    indicators: indicators.length,
    // a value withheld for disclosure is shown as such, not as a value (a walkthrough: "188 of 188 have a value" beside one "suppressed (disclosure)")
    withValue: withValue.filter((x) => x.value !== null).length,
    suppressed: withValue.filter((x) => x.value === null).length,
    compared: head.filter((o) => o !== "not-compared").length,
    better: head.filter((o) => o === "better").length,
    similar: head.filter((o) => o === "similar").length,
    worse: head.filter((o) => o === "worse").length,
    higherOrLower: head.filter((o) => o === "higher" || o === "lower").length,
    notCompared: head.filter((o) => o === "not-compared").length,
    notComparedReasons,
    brokenSeries: withValue.filter((x) => x.seriesBroken).length,
    stale: withValue.filter((x) => x.stale).length,
  };
}

/**
 * The latest period inside the LA's lifespan (areas.csv first_period–last_period, as its series are cut) in which
 * it has a value of any indicator: the profile's reference period by default. A value outside the lifespan (a
 * ceased LA's code still carried in a later file) is in none of its series, so it does not set the period: it
 * made every figure of Northamptonshire (ceased after 2021) look out of date against 2025.
 */
function latestPeriod(index: ProfileIndex, area: AreaRow): number | null {
  let latest: number | null = null;
  for (const byPeriod of index.byIndicator.values()) {
    for (const [period, byLa] of byPeriod) {
      if (!inLifespan(period, area) || (latest !== null && period <= latest)) continue;
      if (Number.isFinite(byLa.get(area.la_code)?.value ?? NaN)) latest = period;
    }
  }
  return latest;
}

/**
 * The area of `la`: its la_code, else an earlier code, DfE number or name resolved as `vital-signs profile --la`
 * resolves them (in the profile's period, else the package's latest), so that a notebook's `"Leeds"` works as the
 * command's does.
 * @throws InputError naming the text and why it matched no LA ("did you mean …?" included)
 */
function profileArea(index: ProfileIndex, la: string, period: number | undefined): AreaRow {
  const byCode = index.areas.find((a) => a.la_code === la);
  if (byCode) return byCode;
  const resolved = resolveLa(index.pkg, la, period ?? latestIndicatorPeriod(index.pkg));
  if ("problem" in resolved) throw new InputError("buildLaProfile", `la must be the ONS code, DfE number or name of an LA in areas.csv: ${resolved.problem}`, la);
  return index.areas.find((a) => a.la_code === resolved.laCode)!;
}

/**
 * Build one LA's profile (see file header). Reads nothing from disk: DfE neighbour groups come in
 * `options.dfeGroups`.
 * @param la the LA's ONS code (la_code in areas.csv), earlier code, DfE number or name
 * @throws InputError when the LA is not in the package or an option is invalid
 * @example
 * const profile = buildLaProfile(profileIndex(readPackage(dir)), "E06000059", { benchmark: "england", neighbours: "context" });
 * buildLaProfile(index, "Dorset").la.la_code // "E06000059"
 */
export function buildLaProfile(index: ProfileIndex, la: string, options: ProfileOptions = {}): LaProfile {
  const benchmark = options.benchmark ?? "england";
  const levels = options.levels ?? "95+99.8";
  const threshold = options.disclosureThreshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  if (!PROFILE_BENCHMARKS.includes(benchmark)) throw new InputError("buildLaProfile", 'benchmark must be "england", "region" or "neighbours"', benchmark);
  if (!PROFILE_NEIGHBOUR_SOURCES.includes(options.neighbours ?? "auto")) throw new InputError("buildLaProfile", `neighbours must be one of ${PROFILE_NEIGHBOUR_SOURCES.join(", ")}`, options.neighbours);
  const area = profileArea(index, la, options.period);
  const neighbours = profileNeighbours(index, area, options);
  const ctx: LaProfileContext = {
    index,
    area,
    regionCodes: new Set(index.areas.filter((a) => a.region_code === area.region_code).map((a) => a.la_code)),
    neighbourCodes: neighbours.list.map((n) => n.la_code),
    neighbourPositions: neighbours.list.map((n) => laPositions(index).get(n.la_code) ?? -1),
    laPosition: laPositions(index).get(area.la_code)!,
    period: options.period,
    referencePeriod: options.period ?? latestPeriod(index, area),
    levels,
    benchmark,
    disclose: discloser(threshold, secondaryWithheld(index, threshold)),
  };
  const indicators = index.catalogue.map((cat) => profileIndicator(ctx, cat));
  return {
    la: { ...area },
    referencePeriod: ctx.referencePeriod,
    dataset: { name: index.pkg.descriptor.name, title: index.pkg.descriptor.title, created: index.pkg.descriptor.created },
    options: { benchmark, levels, period: options.period ?? null, neighbours: options.neighbours ?? "auto", disclosureThreshold: threshold },
    neighbours,
    indicators,
    triangulation: profileTriangulation(index, area.la_code, indicators, ctx.disclose),
    notes: profileNotes(index, area, neighbours),
    summary: profileSummary(indicators),
    disclosure: {
      threshold,
      suppressedValues: ctx.disclose.suppressed,
      rule:
        `profile.json gives no numerators or denominators; a count value, or a value whose denominator is, between 1 and ${threshold - 1} is replaced by null (${DISCLOSURE_STATUS}) where that count is of people (a count of full-time equivalents or of money is not); ` +
        `so is an unpublished indicator's (own, pilot or returns data) value whose numerator, non-events or denominator are between 1 and ${threshold - 1}, with its interval and trend, as the value alone gives them back (the smallest fraction that rounds to it is the count), in every place the profile would show or use it (series, neighbours, the LAs' distribution, benchmarks, triangulation); ` +
        `so, likewise, is a value that beside the same LA's other figures of its period and published table would give a withheld count back (a count b where a count a shown makes a − b or a + b a withheld count; a percentage or rate that, as written, of a count shown fits one whole count only, a withheld one or its complement, or of its own denominator one withheld so), repeated until nothing more is withheld (withheldNote says beside what); ` +
        `the funnel plots place each LA at its denominator and value, so an LA whose denominator, events or non-events are between 1 and ${threshold - 1} is left off them, and, for an unpublished indicator, out of their overdispersion estimate (φ, τ²) too; ` +
        `a withheld value gets no band, quartile, rank or comparison; an official indicator's LAs' distribution, ranks and triangulation spread are over every published value, those withheld from display included (they are public); an unpublished indicator's leave withheld values out, except a count withheld as small, in them only as lying between 0 and ${threshold}: a quartile that depends on where is null`,
    },
  };
}
