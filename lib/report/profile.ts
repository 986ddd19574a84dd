/**
 * The LA profile: one authority against England, its region and its statistical neighbours, indicator by
 * indicator, with the uncertainty LAIT and the CSC dashboard do not show — the evidence view beside the
 * vital-signs screen. {@link buildLaProfile} assembles `profile.json`; {@link profileReport} composes
 * `profile.html` with the report builder (lib/report/document).
 *
 * For each indicator in the catalogue, at the LA's most recent period with a value (or the latest at or
 * before `options.period`):
 * - **value and intervals** (95%, 99.8%) from counts (lib/indicators/compare `indicatorIntervals`);
 * - **benchmarks**: England and region from benchmarks.csv when published; otherwise pooled from the LAs'
 *   counts (Σx/Σn, percentages and rates) or, for other units, the median of LAs — the source is always
 *   stated; the **neighbour median** and range over the LA's statistical neighbours;
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
 * **Neighbours** (`options.neighbours`): DfE's published groups (2025 or 2021 model, read in place from the
 * official folder) or our nearest neighbours on standardised context ({@link NEIGHBOUR_CONTEXT_RULES});
 * `auto` takes the DfE 2025 group when the file is found and maps to the package's LAs, else the 2021 group
 * (which keeps the LAs abolished by the 2019–2023 reorganisations), else context.
 *
 * **Disclosure.** Exported values never include numerators or denominators. A `count` indicator value
 * 0 < v < threshold, and any value whose denominator is 0 < d < threshold, is replaced by null with status
 * `suppressed:disclosure` (lib/disclosure rules, threshold 10); comparisons are still made on the data.
 */
import { writeFilesAtomically } from "../data/atomic-write";
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors";
import { defaultOfficialDir } from "../project";
import { quantile } from "../stats/quantile";
import type { AreaRow, CatalogueRow, DataPackage, Domain, Polarity, Unit } from "../data/types";
import { compareObservation, type BenchmarkComparison, type ComparisonLevels, type ComparisonOutcome, type IndicatorObservation } from "../indicators/compare";
import { funnelLimits, funnelSignificance, type FunnelSignificance } from "../indicators/funnel";
import { PER_10K } from "../indicators/intervals";
import {
  adjustedZScores,
  chooseFunnelAdjustment,
  estimateOverdispersion,
  overdispersedFunnelLimits,
  type FunnelAdjustment,
} from "../indicators/overdispersion";
import { quartileBand, quartileBounds, rankWithTies, type QuartileBand } from "../indicators/quartiles";
import { trendMarker, trendMarkerProportion, trendSeries, type TrendResult } from "../indicators/trend";
import {
  nearestNeighbours,
  neighbourSummary,
  neighboursForArea,
  readDfeNeighbourGroups,
  type AreaNeighbour,
  type NeighbourSummary,
} from "../context/neighbours";
import { sourceFamily, triangulate, type Triangulation } from "../context/triangulation";
import { DEFAULT_DISCLOSURE_THRESHOLD, DISCLOSURE_STATUS, isSmallCount } from "../disclosure/suppress-counts";
import { funnelWithOverdispersion, spineChart, tartanRug, trendWithNeighbours, type SpineRow, type TartanCell } from "../plots/profile";
import type { Figure } from "../plots/figure";
import { reportHtml, type ReportBlock, type ReportSection } from "./document";
import { reproducibilityStamp } from "./reproducibility";
import { profileSummarySection } from "./profile-summary";

export type ProfileBenchmark = "england" | "region" | "neighbours";
export const PROFILE_BENCHMARKS: readonly ProfileBenchmark[] = ["england", "region", "neighbours"];
export type ProfileNeighbourSource = "auto" | "dfe-2025" | "dfe-2021" | "context";
export const PROFILE_NEIGHBOUR_SOURCES: readonly ProfileNeighbourSource[] = ["auto", "dfe-2025", "dfe-2021", "context"];

/** England's ONS code in benchmarks.csv. */
export const ENGLAND_CODE = "E92000001";
/** How many funnel plots the HTML shows (largest adjusted |z| first). */
export const PROFILE_FUNNEL_CHARTS = 3;
/** How many trend charts the HTML shows (the most notable indicators first). */
export const PROFILE_TREND_CHARTS = 8;

/**
 * Context variables for our own nearest neighbours: a variable enters if at least this share of LAs has
 * it; `_rank` variables are left out (they duplicate their scores); population sizes enter as log10.
 */
export const NEIGHBOUR_CONTEXT_RULES = Object.freeze({ minShareOfLAs: 0.8, exclude: /_rank$/, log10: /population/ });

export interface ProfileOptions {
  benchmark?: ProfileBenchmark;
  levels?: ComparisonLevels;
  /** Use the latest period at or before this one (default: each indicator's latest for the LA). */
  period?: number;
  neighbours?: ProfileNeighbourSource;
  /** Folder with the DfE neighbour files (`official/` or `official/ees/neighbours`). */
  officialDir?: string;
  disclosureThreshold?: number;
}

/** One LA-period observation (NaN = missing). */
interface Obs {
  value: number;
  numerator: number;
  denominator: number;
  status: string;
}

/** Lookups built once per package, shared by every LA's profile. */
export interface ProfileIndex {
  pkg: DataPackage;
  areas: AreaRow[];
  catalogue: CatalogueRow[];
  /** indicator → period → la_code → observation */
  byIndicator: Map<string, Map<number, Map<string, Obs>>>;
  /** `${geography}|${code}|${period}|${indicator}` → observation */
  benchmarks: Map<string, Obs>;
  /** la_code → variable → [period, value][] */
  context: Map<string, Map<string, [number, number][]>>;
  cache: Map<string, unknown>;
}

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : NaN);

/**
 * Index a package for profiles (one pass over indicators, benchmarks and context).
 * @example
 * const index = profileIndex(readPackage("datasets/pilot-synthetic"));
 */
export function profileIndex(pkg: DataPackage): ProfileIndex {
  const areas = pkg.areas.objects() as unknown as AreaRow[];
  const catalogue = pkg.catalogue.objects() as unknown as CatalogueRow[];
  const t = pkg.indicators;
  const [la, period, indicator, value, numerator, denominator, status] = ["la_code", "period", "indicator", "value", "numerator", "denominator", "status"].map((c) => t.array(c) as ArrayLike<unknown>);
  const byIndicator = new Map<string, Map<number, Map<string, Obs>>>();
  for (let i = 0; i < t.numRows(); i++) {
    const ind = indicator[i] as string;
    const p = period[i] as number;
    let byPeriod = byIndicator.get(ind);
    if (!byPeriod) byIndicator.set(ind, (byPeriod = new Map()));
    let byLa = byPeriod.get(p);
    if (!byLa) byPeriod.set(p, (byLa = new Map()));
    byLa.set(la[i] as string, { value: num(value[i]), numerator: num(numerator[i]), denominator: num(denominator[i]), status: (status[i] as string) ?? "" });
  }
  const benchmarks = new Map<string, Obs>();
  if (pkg.benchmarks) {
    for (const r of pkg.benchmarks.objects() as Record<string, unknown>[]) {
      benchmarks.set(`${r.geography}|${r.code}|${r.period}|${r.indicator}`, { value: num(r.value), numerator: num(r.numerator), denominator: num(r.denominator), status: (r.status as string) ?? "" });
    }
  }
  const context = new Map<string, Map<string, [number, number][]>>();
  for (const r of pkg.context.objects() as Record<string, unknown>[]) {
    const v = num(r.value);
    if (Number.isNaN(v)) continue;
    let byVar = context.get(r.la_code as string);
    if (!byVar) context.set(r.la_code as string, (byVar = new Map()));
    const list = byVar.get(r.variable as string) ?? [];
    list.push([r.period as number, v]);
    byVar.set(r.variable as string, list);
  }
  return { pkg, areas, catalogue, byIndicator, benchmarks, context, cache: new Map() };
}

/** A benchmark value with where it came from. */
export interface BenchmarkValue {
  value: number | null;
  source: string;
}

/** A comparison as exported (no internals). */
export interface ProfileComparison {
  benchmark: number | null;
  outcome: ComparisonOutcome;
  label: string;
  confidence: number | null;
  reason?: string;
}

export interface ProfileSeriesPoint {
  period: number;
  value: number | null;
  lower95: number | null;
  upper95: number | null;
  status: string;
  england: number | null;
  region: number | null;
  neighbourMedian: number | null;
}

export interface ProfileFunnel {
  type: "proportion" | "rate";
  adjustment: FunnelAdjustment;
  reason: string;
  phi: number;
  tau2: number;
  /** LAs in the estimate. */
  lasInEstimate: number;
  zUnadjusted: number;
  zAdjusted: number;
  significance: FunnelSignificance | null;
}

/*
 * Export shapes. Every `n` of the library results is renamed to say what it counts (points, LAs,
 * indicators): these are not counts of children, and the disclosure scanner treats a field named `n` as a
 * count of people.
 */
/** Neighbour median and range; `withValue` neighbours of `of` had a value. */
export type ProfileNeighbourSummary = Omit<NeighbourSummary, "n"> & { withValue: number };
/** The trend marker; `pointsUsed` points entered it. */
export type ProfileTrend = Omit<TrendResult, "n"> & { pointsUsed: number };
/** Triangulation with named counts. */
export interface ProfileTriangulation {
  indicators: (Omit<Triangulation["indicators"][number], "n"> & { lasForSd: number })[];
  domains: (Omit<Triangulation["domains"][number], "n" | "sources"> & { inComposite: number; sources: { source: string; meanZ: number; indicators: number }[] })[];
}

function exportTriangulation(t: Triangulation): ProfileTriangulation {
  return {
    indicators: t.indicators.map(({ n, ...x }) => ({ ...x, lasForSd: n })),
    domains: t.domains.map(({ n, sources, ...d }) => ({ ...d, inComposite: n, sources: sources.map((s) => ({ source: s.source, meanZ: s.meanZ, indicators: s.n })) })),
  };
}

/** One indicator of the profile. */
export interface ProfileIndicator {
  indicator: string;
  label: string;
  domain: Domain;
  polarity: Polarity;
  unit: Unit;
  source: string;
  period: number | null;
  value: number | null;
  status: string;
  lower95: number | null;
  upper95: number | null;
  lower998: number | null;
  upper998: number | null;
  intervalMethod: string;
  intervalNote?: string;
  england: BenchmarkValue;
  region: BenchmarkValue;
  neighbours: ProfileNeighbourSummary;
  comparisons: Record<ProfileBenchmark, ProfileComparison>;
  headline: ProfileComparison;
  distribution: { min: number | null; q25: number | null; median: number | null; q75: number | null; max: number | null; lasWithValue: number };
  band: QuartileBand | null;
  rank: number | null;
  /** LAs ranked. */
  rankOf: number;
  funnel: ProfileFunnel | null;
  trend: ProfileTrend;
  series: ProfileSeriesPoint[];
  seriesBroken: boolean;
  seriesNotes: string[];
  /** Neighbours' values per period (for the trend chart), neighbour order as in `profile.neighbours`. */
  neighbourSeries: { la_code: string; values: (number | null)[] }[];
  /** Each neighbour's value at `period` and its own comparison with England (for the tartan rug). */
  neighbourLatest: { la_code: string; value: number | null; england: ComparisonOutcome }[];
}

export interface LaProfile {
  la: AreaRow;
  dataset: { name: string; title: string; created: string };
  options: Required<Omit<ProfileOptions, "period" | "officialDir">> & { period: number | null };
  neighbours: { source: string; list: AreaNeighbour[]; unmapped: string[]; note?: string };
  indicators: ProfileIndicator[];
  triangulation: ProfileTriangulation;
  notes: string[];
  summary: {
    indicators: number;
    withValue: number;
    compared: number;
    better: number;
    similar: number;
    worse: number;
    /** Direction only (`none` polarity): higher or lower than the benchmark. */
    higherOrLower: number;
    notCompared: number;
    /** Why the headline comparison was not made, with how many indicators each reason covers. */
    notComparedReasons: Record<string, number>;
    brokenSeries: number;
  };
  disclosure: { threshold: number; suppressedValues: number; rule: string };
}

function obsOf(o: Obs | undefined): IndicatorObservation {
  return o ? { value: Number.isNaN(o.value) ? null : o.value, numerator: Number.isNaN(o.numerator) ? null : o.numerator, denominator: Number.isNaN(o.denominator) ? null : o.denominator } : { value: null, numerator: null, denominator: null };
}

function multiplierOf(unit: Unit): number | null {
  return unit === "percent" ? 100 : unit === "rate_per_10k" ? PER_10K : null;
}

/** England or region value: published, else pooled from LA counts, else the LAs' median. */
function benchmarkValue(index: ProfileIndex, geography: "england" | "region", code: string, period: number, cat: CatalogueRow, laCodes: Set<string> | null): BenchmarkValue {
  const key = `bm|${geography}|${code}|${period}|${cat.indicator}`;
  const hit = index.cache.get(key) as BenchmarkValue | undefined;
  if (hit) return hit;
  const value = computeBenchmarkValue(index, geography, code, period, cat, laCodes);
  index.cache.set(key, value);
  return value;
}

function computeBenchmarkValue(index: ProfileIndex, geography: "england" | "region", code: string, period: number, cat: CatalogueRow, laCodes: Set<string> | null): BenchmarkValue {
  const published = index.benchmarks.get(`${geography}|${code}|${period}|${cat.indicator}`);
  if (published && Number.isFinite(published.value)) return { value: published.value, source: "published (benchmarks.csv)" };
  const byLa = index.byIndicator.get(cat.indicator)?.get(period);
  if (!byLa) return { value: null, source: "no data" };
  const rows = [...byLa.entries()].filter(([la, o]) => (laCodes === null || laCodes.has(la)) && Number.isFinite(o.value));
  if (rows.length === 0) return { value: null, source: "no LA values" };
  const m = multiplierOf(cat.unit);
  if (m !== null && rows.every(([, o]) => Number.isFinite(o.numerator) && o.denominator > 0)) {
    let x = 0, n = 0;
    for (const [, o] of rows) {
      x += o.numerator;
      n += o.denominator;
    }
    return { value: (x / n) * m, source: `pooled from ${rows.length} LAs' counts` };
  }
  const median = quantile(rows.map(([, o]) => o.value), [0.5]).values[0];
  return { value: median, source: `median of ${rows.length} LAs (no published figure)` };
}

function exportComparison(c: BenchmarkComparison, benchmark: number | null): ProfileComparison {
  return { benchmark, outcome: c.outcome, label: c.label, confidence: c.confidence, ...(c.reason ? { reason: c.reason } : {}) };
}

function orNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** The LA's neighbours by the chosen source (see file header). */
function profileNeighbours(index: ProfileIndex, area: AreaRow, options: ProfileOptions): LaProfile["neighbours"] {
  const source = options.neighbours ?? "auto";
  const notes: string[] = [];
  if (source !== "context") {
    // auto: the 2025 model, then the 2021 model (it keeps the LAs abolished in 2019–2023), then context
    const models: ("2025" | "2021")[] = source === "dfe-2021" ? ["2021"] : source === "dfe-2025" ? ["2025"] : ["2025", "2021"];
    const dir = options.officialDir ?? defaultOfficialDir();
    for (const model of models) {
      const key = `dfe-groups|${dir}|${model}`;
      let groups = index.cache.get(key) as ReturnType<typeof readDfeNeighbourGroups> | Error | undefined;
      if (groups === undefined) {
        try {
          groups = readDfeNeighbourGroups(dir, model);
        } catch (e) {
          groups = e as Error;
        }
        index.cache.set(key, groups);
      }
      if (!(groups instanceof Error)) {
        const n = neighboursForArea(groups, index.areas, area.la_code, model);
        if (n.neighbours.length > 0 || source !== "auto") {
          return { source: n.source, list: n.neighbours, unmapped: n.unmapped, ...(notes.length || n.note ? { note: [...notes, ...(n.note ? [n.note] : [])].join("; ") } : {}) };
        }
        notes.push(n.note ?? `no DfE ${model} neighbours found for this LA`);
      } else {
        if (source !== "auto") throw groups;
        notes.push(`DfE ${model} neighbour file not read (${groups.message.split("\n")[0]})`);
      }
    }
  }
  const matrix = contextMatrix(index);
  if (!matrix || !matrix.laCodes.includes(area.la_code)) {
    return { source: "none", list: [], unmapped: [], note: [...notes, "no context variables to find neighbours with"].join("; ") };
  }
  try {
    const r = nearestNeighbours(matrix, area.la_code);
    const note = [...notes, `nearest neighbours on standardised ${r.variables.join(", ")} (Euclidean distance; ${r.n} LAs)`, ...(r.note ? [r.note] : [])].join("; ");
    return { source: r.source, list: r.neighbours, unmapped: [], note };
  } catch (e) {
    return { source: "none", list: [], unmapped: [], note: [...notes, (e as Error).message].join("; ") };
  }
}

/** Context matrix for our own neighbours: each LA's latest value of each usable variable. */
function contextMatrix(index: ProfileIndex): { laCodes: string[]; laNames: string[]; variables: string[]; values: Float64Array } | null {
  const key = "context-matrix";
  if (index.cache.has(key)) return index.cache.get(key) as ReturnType<typeof contextMatrix>;
  const variables = new Map<string, number>();
  for (const byVar of index.context.values()) for (const v of byVar.keys()) variables.set(v, (variables.get(v) ?? 0) + 1);
  const nLa = index.areas.length;
  const use = [...variables.entries()]
    .filter(([v, n]) => !NEIGHBOUR_CONTEXT_RULES.exclude.test(v) && n >= NEIGHBOUR_CONTEXT_RULES.minShareOfLAs * nLa)
    .map(([v]) => v)
    .sort();
  let result: ReturnType<typeof contextMatrix> = null;
  if (use.length > 0) {
    const laCodes = index.areas.map((a) => a.la_code);
    const values = new Float64Array(laCodes.length * use.length).fill(NaN);
    laCodes.forEach((la, i) => {
      const byVar = index.context.get(la);
      use.forEach((v, j) => {
        const list = byVar?.get(v);
        if (!list || list.length === 0) return;
        const latest = list.reduce((a, b) => (b[0] > a[0] ? b : a));
        values[i * use.length + j] = NEIGHBOUR_CONTEXT_RULES.log10.test(v) ? Math.log10(latest[1]) : latest[1];
      });
    });
    result = { laCodes, laNames: index.areas.map((a) => a.la_name), variables: use, values };
  }
  index.cache.set(key, result);
  return result;
}

/** Dispersion of one indicator-period across LAs (cached), or null when not applicable. */
function funnelFor(index: ProfileIndex, cat: CatalogueRow, period: number, laCode: string, target: number | null): ProfileFunnel | null {
  const m = multiplierOf(cat.unit);
  if (m === null) return null;
  const byLa = index.byIndicator.get(cat.indicator)?.get(period);
  if (!byLa) return null;
  const key = `funnel|${cat.indicator}|${period}|${target}`;
  let cached = index.cache.get(key) as { est: ReturnType<typeof estimateOverdispersion>; codes: string[]; choice: ReturnType<typeof chooseFunnelAdjustment>; zAdj: Float64Array } | null | undefined;
  if (cached === undefined) {
    const codes: string[] = [], xs: number[] = [], ns: number[] = [];
    for (const [la, o] of byLa) {
      if (!Number.isFinite(o.value) || !(o.denominator > 0)) continue;
      const x = Number.isFinite(o.numerator) ? o.numerator : (o.value * o.denominator) / m;
      codes.push(la);
      xs.push(cat.unit === "percent" ? Math.min(x, o.denominator) : x);
      ns.push(o.denominator);
    }
    try {
      const type = cat.unit === "percent" ? "proportion" : "rate";
      const tgt = target !== null && target > 0 && (type === "rate" || target < m) ? target : undefined;
      const est = estimateOverdispersion(xs, ns, { type, multiplier: m, target: tgt });
      const choice = chooseFunnelAdjustment(est);
      cached = { est, codes, choice, zAdj: adjustedZScores(est, choice.method) };
    } catch {
      cached = null; // too few LAs with counts, or a degenerate target: no funnel
    }
    index.cache.set(key, cached);
  }
  if (!cached) return null;
  const i = cached.codes.indexOf(laCode);
  if (i < 0) return null;
  const { est, choice } = cached;
  const o = byLa.get(laCode)!;
  const limits =
    choice.method === "none"
      ? funnelLimits(est.type === "proportion" ? est.target / m : est.target, [o.denominator], { type: est.type, multiplier: m })
      : overdispersedFunnelLimits(est, [o.denominator], choice.method);
  const significance = funnelSignificance(o.value, { lower95: limits.lower95[0], upper95: limits.upper95[0], lower998: limits.lower998[0], upper998: limits.upper998[0] });
  return { type: est.type, adjustment: choice.method, reason: choice.reason, phi: est.phi, tau2: est.tau2, lasInEstimate: est.n, zUnadjusted: est.z[i], zAdjusted: cached.zAdj[i], significance };
}

function trendFor(cat: CatalogueRow, points: { period: number; obs: IndicatorObservation }[]): TrendResult {
  if (cat.unit === "percent" && points.some((p) => p.obs.numerator !== null)) {
    return trendMarkerProportion(
      points.filter((p) => p.obs.numerator !== null && p.obs.denominator !== null && p.obs.denominator > 0 && p.obs.numerator <= p.obs.denominator).map((p) => ({ period: p.period, numerator: p.obs.numerator as number, denominator: p.obs.denominator as number })),
      cat.polarity,
    );
  }
  const withCi = points.map((p) => {
    const c = compareObservation(p.obs, cat.unit, NaN, cat.polarity).intervals;
    return { period: p.period, value: c.value, lower95: c.lower95, upper95: c.upper95 };
  });
  const r = trendMarker(withCi, cat.polarity);
  if (r.marker === "cannot-be-calculated" && multiplierOf(cat.unit) === null) return { ...r, reason: `no intervals for unit "${cat.unit}", so no trend marker` };
  return r;
}

/**
 * Build one LA's profile (see file header).
 * @throws InputError when the LA is not in the package or an option is invalid
 * @example
 * const profile = buildLaProfile(profileIndex(readPackage(dir)), "E06000059", { benchmark: "england" });
 */
export function buildLaProfile(index: ProfileIndex, laCode: string, options: ProfileOptions = {}): LaProfile {
  const benchmark = options.benchmark ?? "england";
  const levels = options.levels ?? "95+99.8";
  const threshold = options.disclosureThreshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  if (!PROFILE_BENCHMARKS.includes(benchmark)) throw new InputError("buildLaProfile", 'benchmark must be "england", "region" or "neighbours"', benchmark);
  if (!PROFILE_NEIGHBOUR_SOURCES.includes(options.neighbours ?? "auto")) throw new InputError("buildLaProfile", `neighbours must be one of ${PROFILE_NEIGHBOUR_SOURCES.join(", ")}`, options.neighbours);
  const area = index.areas.find((a) => a.la_code === laCode);
  if (!area) throw new InputError("buildLaProfile", "la_code not found in areas.csv", laCode);
  const regionCodes = new Set(index.areas.filter((a) => a.region_code === area.region_code).map((a) => a.la_code));
  const neighbours = profileNeighbours(index, area, options);
  const nbCodes = neighbours.list.map((n) => n.la_code);
  let suppressed = 0;
  const disclose = (value: number, unit: Unit, den: number): number | null => {
    if (!Number.isFinite(value)) return null;
    if ((unit === "count" && isSmallCount(value, threshold)) || (Number.isFinite(den) && isSmallCount(den, threshold))) {
      suppressed++;
      return null;
    }
    return value;
  };

  const indicators: ProfileIndicator[] = [];
  for (const cat of index.catalogue) {
    const byPeriod = index.byIndicator.get(cat.indicator) ?? new Map<number, Map<string, Obs>>();
    const allPeriods = [...byPeriod.keys()].sort((a, b) => a - b);
    const laPoints = allPeriods.filter((p) => byPeriod.get(p)!.has(laCode)).map((p) => ({ period: p, obs: obsOf(byPeriod.get(p)!.get(laCode)), status: byPeriod.get(p)!.get(laCode)!.status }));
    const cut = trendSeries(laPoints, area);
    const usable = cut.points.filter((p) => p.obs.value !== null && (options.period === undefined || p.period <= options.period));
    const latest = usable.length ? usable[usable.length - 1] : null;
    const period = latest?.period ?? null;
    const rowsAt = period === null ? new Map<string, Obs>() : byPeriod.get(period)!;
    const laCodesAt = [...rowsAt.keys()];
    const valuesAt = laCodesAt.map((c) => rowsAt.get(c)!.value);
    const england = period === null ? { value: null, source: "no LA value" } : benchmarkValue(index, "england", ENGLAND_CODE, period, cat, null);
    const region = period === null ? { value: null, source: "no LA value" } : benchmarkValue(index, "region", area.region_code, period, cat, regionCodes);
    const nbValues = nbCodes.map((c) => rowsAt.get(c)?.value ?? NaN);
    const nbSummary = neighbourSummary(nbValues);
    const obs = latest?.obs ?? { value: null, numerator: null, denominator: null };
    const cmp = (b: number | null) => compareObservation(obs, cat.unit, b ?? NaN, cat.polarity, levels);
    const cEngland = cmp(england.value);
    const cRegion = cmp(region.value);
    const cNeighbours = cmp(nbSummary.n > 0 ? nbSummary.median : null);
    const comparisons = {
      england: exportComparison(cEngland, england.value),
      region: exportComparison(cRegion, region.value),
      neighbours: exportComparison(cNeighbours, nbSummary.n > 0 ? nbSummary.median : null),
    };
    const bounds = quartileBounds(valuesAt);
    const laValue = obs.value ?? NaN;
    const ranks = rankWithTies(valuesAt, cat.polarity);
    const laIdx = laCodesAt.indexOf(laCode);
    const ci = cEngland.intervals;
    const den = obs.denominator ?? NaN;
    const shown = disclose(laValue, cat.unit, den);
    const series: ProfileSeriesPoint[] = cut.points.map((p) => {
      const c = compareObservation(p.obs, cat.unit, NaN, cat.polarity).intervals;
      const at = byPeriod.get(p.period)!;
      const v = disclose(p.obs.value ?? NaN, cat.unit, p.obs.denominator ?? NaN);
      return {
        period: p.period,
        value: v,
        lower95: v === null ? null : orNull(c.lower95),
        upper95: v === null ? null : orNull(c.upper95),
        status: v === null && p.obs.value !== null ? DISCLOSURE_STATUS : p.status,
        england: benchmarkValue(index, "england", ENGLAND_CODE, p.period, cat, null).value,
        region: benchmarkValue(index, "region", area.region_code, p.period, cat, regionCodes).value,
        neighbourMedian: orNull(neighbourSummary(nbCodes.map((c) => at.get(c)?.value ?? NaN)).median),
      };
    });
    const neighbourSeries = nbCodes.map((c) => ({ la_code: c, values: cut.points.map((p) => disclose(byPeriod.get(p.period)!.get(c)?.value ?? NaN, cat.unit, byPeriod.get(p.period)!.get(c)?.denominator ?? NaN)) }));
    const neighbourLatest = nbCodes.map((c) => {
      const o = rowsAt.get(c);
      const v = o ? disclose(o.value, cat.unit, o.denominator) : null;
      return { la_code: c, value: v, england: o ? compareObservation(obsOf(o), cat.unit, england.value ?? NaN, cat.polarity, levels).outcome : ("not-compared" as ComparisonOutcome) };
    });
    const { n: pointsUsed, ...trendRest } = trendFor(cat, cut.points.filter((p) => options.period === undefined || p.period <= options.period));
    const trend: ProfileTrend = { ...trendRest, pointsUsed };
    indicators.push({
      indicator: cat.indicator,
      label: cat.label,
      domain: cat.domain,
      polarity: cat.polarity,
      unit: cat.unit,
      source: cat.source,
      period,
      value: shown,
      status: shown === null && latest ? DISCLOSURE_STATUS : latest ? (byPeriod.get(latest.period)!.get(laCode)!.status ?? "") : (laPoints[laPoints.length - 1]?.status ?? "no data"),
      lower95: shown === null ? null : orNull(ci.lower95),
      upper95: shown === null ? null : orNull(ci.upper95),
      lower998: shown === null ? null : orNull(ci.lower998),
      upper998: shown === null ? null : orNull(ci.upper998),
      intervalMethod: ci.method,
      ...(ci.reason ? { intervalNote: ci.reason } : ci.basis === "value-and-denominator" ? { intervalNote: "numerator not published: taken as value × denominator" } : {}),
      england,
      region,
      neighbours: { median: nbSummary.median, min: nbSummary.min, max: nbSummary.max, withValue: nbSummary.n, of: nbSummary.of },
      comparisons,
      headline: comparisons[benchmark],
      distribution: { min: orNull(bounds.q0), q25: orNull(bounds.q25), median: orNull(bounds.q50), q75: orNull(bounds.q75), max: orNull(bounds.q100), lasWithValue: bounds.n },
      band: latest ? quartileBand(laValue, bounds, cat.polarity) : null,
      rank: laIdx >= 0 ? ranks.ranks[laIdx] : null,
      rankOf: ranks.polarity === "none" ? 0 : ranks.n,
      funnel: period === null ? null : funnelFor(index, cat, period, laCode, england.value),
      trend,
      series,
      seriesBroken: cut.broken,
      seriesNotes: cut.notes,
      neighbourSeries,
      neighbourLatest,
    });
  }

  const tri = triangulate(
    indicators
      .filter((x) => x.unit !== "count" && x.period !== null)
      .map((x) => {
        const at = index.byIndicator.get(x.indicator)!.get(x.period as number)!;
        return {
          indicator: x.indicator,
          label: x.label,
          domain: x.domain,
          polarity: x.polarity,
          source: sourceFamily(x.source),
          period: x.period,
          value: at.get(laCode)?.value ?? NaN,
          englandValue: x.england.value ?? NaN,
          laValues: [...at.values()].map((o) => o.value),
        };
      }),
  );

  const notes: string[] = [];
  if (area.first_period !== null) notes.push(`${area.la_name} was created by a local-government reorganisation: its series start in ${area.first_period}; earlier figures belong to its predecessor(s) and are not joined to it.`);
  if (area.last_period !== null) notes.push(`${area.la_name} ceased after ${area.last_period} (reorganisation): its figures stop there, and no trend crosses the change.`);
  const provenance = index.pkg.descriptor.provenance as { reorganisation_rules?: { id: string; predecessors: string[]; successors: string[]; note: string }[] } | undefined;
  for (const rule of provenance?.reorganisation_rules ?? []) {
    if (rule.predecessors.includes(area.old_la_code) || rule.successors.includes(area.old_la_code)) notes.push(`Reorganisation ${rule.id}: ${rule.note}`);
  }
  if (neighbours.note) notes.push(`Neighbours: ${neighbours.note}`);

  const withValue = indicators.filter((x) => x.period !== null);
  const head = withValue.map((x) => x.headline.outcome);
  return {
    la: { ...area },
    dataset: { name: index.pkg.descriptor.name, title: index.pkg.descriptor.title, created: index.pkg.descriptor.created },
    options: { benchmark, levels, period: options.period ?? null, neighbours: options.neighbours ?? "auto", disclosureThreshold: threshold },
    neighbours,
    indicators,
    triangulation: exportTriangulation(tri),
    notes,
    summary: {
      indicators: indicators.length,
      withValue: withValue.length,
      compared: head.filter((o) => o !== "not-compared").length,
      better: head.filter((o) => o === "better").length,
      similar: head.filter((o) => o === "similar").length,
      worse: head.filter((o) => o === "worse").length,
      higherOrLower: head.filter((o) => o === "higher" || o === "lower").length,
      notCompared: head.filter((o) => o === "not-compared").length,
      notComparedReasons: withValue
        .filter((x) => x.headline.outcome === "not-compared")
        .reduce<Record<string, number>>((acc, x) => {
          const r = (x.headline.reason ?? "unknown").replace(/\b\d+(\.\d+)?\b/g, "#");
          acc[r] = (acc[r] ?? 0) + 1;
          return acc;
        }, {}),
      brokenSeries: withValue.filter((x) => x.seriesBroken).length,
    },
    disclosure: {
      threshold,
      suppressedValues: suppressed,
      rule: `no numerators or denominators are exported; a count value, or a value whose denominator is, between 1 and ${threshold - 1} is replaced by null (${DISCLOSURE_STATUS})`,
    },
  };
}

/** LA codes with at least one indicator value in the package (the LAs a profile can be made for). */
export function profileableAreas(index: ProfileIndex): string[] {
  const has = new Set<string>();
  for (const byPeriod of index.byIndicator.values()) for (const byLa of byPeriod.values()) for (const [la, o] of byLa) if (Number.isFinite(o.value)) has.add(la);
  return index.areas.map((a) => a.la_code).filter((c) => has.has(c));
}

const BENCHMARK_NAMES: Record<ProfileBenchmark, string> = { england: "England", region: "region", neighbours: "statistical-neighbour median" };
/** The benchmark as it reads after "against" or "with": "England", "the region", "the statistical-neighbour median". */
const BENCHMARK_PHRASES: Record<ProfileBenchmark, string> = { england: "England", region: "the region", neighbours: "the statistical-neighbour median" };

/** "1 indicator is", "11 indicators are". */
function indicatorsAre(n: number): string {
  return `${n} indicator${n === 1 ? " is" : "s are"}`;
}

/** The profile's figures: spine chart, tartan rug and trend charts of the most notable indicators. */
export function profileFigures(profile: LaProfile): { spine: Figure | null; tartan: Figure | null; trends: { indicator: string; figure: Figure }[] } {
  const la = profile.la.la_name;
  const judged = profile.indicators.filter((x) => x.period !== null && x.value !== null && x.polarity !== "none" && x.unit !== "count");
  const spineRows: SpineRow[] = judged
    .filter((x) => x.england.value !== null && x.distribution.min !== null && x.distribution.max !== null)
    .map((x) => ({
      indicator: x.indicator,
      label: x.label,
      polarity: x.polarity,
      value: x.value,
      england: x.england.value,
      min: x.distribution.min as number,
      q25: x.distribution.q25 as number,
      q75: x.distribution.q75 as number,
      max: x.distribution.max as number,
      comparison: x.headline.outcome,
      comparisonLabel: x.headline.label,
      period: x.period,
    }));
  const spine = spineRows.length ? spineChart(spineRows, { laName: la, benchmarkName: BENCHMARK_NAMES[profile.options.benchmark] }) : null;
  // tartan rug: LA, neighbours, region, England; colour = comparison with England
  const rugRows = judged.filter((x) => x.comparisons.england.outcome !== "not-compared");
  let tartan: Figure | null = null;
  if (rugRows.length) {
    const areas = [la, ...profile.neighbours.list.map((n) => n.la_name), profile.la.region_name || "Region", "England"];
    const cells: TartanCell[][] = rugRows.map((x) => {
      const nb = x.neighbourLatest.map((n): TartanCell => ({ value: n.value, comparison: n.england }));
      return [
        { value: x.value, comparison: x.comparisons.england.outcome },
        ...nb,
        { value: x.region.value, comparison: "not-compared" },
        { value: x.england.value, comparison: "not-compared" },
      ];
    });
    tartan = tartanRug({ areas, indicators: rugRows.map((x) => ({ label: x.label, period: x.period })), cells }, { title: `${la} and its neighbours against England` });
  }
  const score = (x: ProfileIndicator) =>
    (x.trend.marker === "increasing" || x.trend.marker === "decreasing" ? 4 : 0) + (x.headline.outcome === "worse" ? 3 : x.headline.outcome === "better" ? 2 : 0) + (x.seriesBroken ? 1 : 0);
  const chosen = profile.indicators
    .filter((x) => x.series.filter((p) => p.value !== null).length >= 2 && x.unit !== "count")
    .map((x, i) => ({ x, i, s: score(x) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, PROFILE_TREND_CHARTS);
  const nbNames = new Map(profile.neighbours.list.map((n) => [n.la_code, n.la_name]));
  const trends = chosen.map(({ x }) => ({
    indicator: x.indicator,
    figure: trendWithNeighbours({
      label: x.label,
      polarity: x.polarity,
      la: { name: la, points: x.series.map((p) => ({ period: p.period, value: p.value, lower95: p.lower95, upper95: p.upper95 })) },
      neighbours: x.neighbourSeries.map((n) => ({ name: nbNames.get(n.la_code) ?? n.la_code, points: x.series.map((p, k) => ({ period: p.period, value: n.values[k] })) })),
      neighbourMedian: x.series.map((p) => ({ period: p.period, value: p.neighbourMedian })),
      england: x.series.map((p) => ({ period: p.period, value: p.england })),
      notes: [trendText(x.trend), ...x.seriesNotes],
    }),
  }));
  return { spine, tartan, trends };
}

function trendText(t: ProfileTrend): string {
  if (t.marker === "cannot-be-calculated") return `Recent trend: cannot be calculated (${t.reason ?? "insufficient data"})`;
  const what = t.marker === "no-significant-change" ? "no significant change" : `${t.marker}${t.assessment !== t.marker ? ` and ${t.assessment}` : ""}`;
  return `Recent trend ${t.periods[0]}–${t.periods[t.periods.length - 1]}: ${what} (χ² = ${t.chiSquare.toFixed(2)}, ${t.method === "wls" ? "weighted least squares" : "Cochran–Armitage"})`;
}

/** The report spec for profile.html (sections for the report builder). */
export function profileReportSections(profile: LaProfile, funnels: readonly ProfileFunnelView[] = []): ReportSection[] {
  const { la, summary } = profile;
  const figs = profileFigures(profile);
  const bm = BENCHMARK_PHRASES[profile.options.benchmark];
  const notCompared = Object.entries(summary.notComparedReasons).sort((a, b) => b[1] - a[1]);
  const overview: ReportBlock[] = [
    {
      type: "text",
      markdown:
        `**${la.la_name}** (${la.la_code}, ${la.region_name}). ${summary.withValue} of ${summary.indicators} indicators have a value. ` +
        `Against ${bm} (Fingertips' interval-overlap rule at ${profile.options.levels}%): ${summary.better} better, ${summary.similar} similar and ${summary.worse} worse; ` +
        `${indicatorsAre(summary.higherOrLower)} without a judgement of direction (higher or lower only). ` +
        `${summary.brokenSeries} series ${summary.brokenSeries === 1 ? "is" : "are"} broken by a reorganisation.`,
    },
  ];
  if (profile.notes.length) overview.push({ type: "text", markdown: profile.notes.map((n) => `- ${n}`).join("\n") });
  if (notCompared.length > 0) {
    overview.push({ type: "text", markdown: `${indicatorsAre(summary.notCompared)} not compared:\n\n${notCompared.map(([r, n]) => `- ${n}: ${r}`).join("\n")}` });
  }
  overview.push({
    type: "table",
    rows: profile.neighbours.list.map((n) => ({ rank: n.rank, la: n.la_name, code: n.la_code, closeness: n.closeness })),
    options: { caption: `Statistical neighbours (${profile.neighbours.source})`, sortable: false },
  });
  const sections: ReportSection[] = [{ heading: "Overview", blocks: overview }];
  if (figs.spine) sections.push({ heading: "Spine chart", blocks: [{ type: "figure", figure: figs.spine, caption: `Each indicator against the range of LAs; England in the middle, right = better; marker colour = comparison with ${bm}.` }] });
  if (figs.tartan) sections.push({ heading: "Tartan rug", blocks: [{ type: "figure", figure: figs.tartan, caption: "The LA's comparison with England, beside its neighbours', region's and England's values." }] });
  const tableRows = profile.indicators
    .filter((x) => x.period !== null)
    .map((x) => ({
      indicator: x.label,
      domain: x.domain,
      period: x.period,
      value: x.value,
      status: x.status,
      ci95: x.lower95 === null ? "" : `${x.lower95.toFixed(1)}–${(x.upper95 as number).toFixed(1)}`,
      england: x.england.value,
      region: x.region.value,
      neighbour_median: Number.isFinite(x.neighbours.median) ? x.neighbours.median : null,
      comparison: x.headline.label,
      band: x.band ?? "",
      rank: x.rank === null ? "" : `${x.rank}/${x.rankOf}`,
      funnel: x.funnel ? `${x.funnel.significance ?? ""} (${x.funnel.adjustment}, φ ${x.funnel.phi.toFixed(1)})` : "",
      trend: x.trend.marker === "cannot-be-calculated" ? "–" : x.trend.assessment,
      series: x.seriesBroken ? "broken" : "",
    }));
  sections.push({ heading: "Indicators", blocks: [{ type: "table", rows: tableRows, options: {
    maxRows: 400, digits: 1, caption: `Comparison column: against ${bm}; band: LAIT quartile band (A best); funnel: position against overdispersion-adjusted limits.`,
    labels: { ci95: "95% CI", england: "England", neighbour_median: "neighbour median" },
    // short codes and ranges on one line; long names and the funnel verdict wrap over at most a few lines
    noWrap: ["domain", "ci95", "comparison", "rank"], minWidthEm: { indicator: 16, funnel: 14 },
  } }] });
  sections.push({
    heading: "Triangulation by domain",
    blocks: [
      { type: "text", markdown: "Indicators standardised against England (z, sign aligned so that positive is better), averaged per domain; sources agree when their mean z have the same sign. Thin evidence is flagged." },
      {
        type: "table",
        rows: profile.triangulation.domains.map((d) => ({
          domain: d.domain,
          composite_z: Number.isFinite(d.composite) ? d.composite : null,
          indicators: `${d.inComposite} of ${d.indicators}`,
          sources: d.sources.map((s) => `${s.source} (mean z ${s.meanZ.toFixed(2)} over ${s.indicators} indicators)`).join("; "),
          sources_agree: d.singleSource ? "single source" : d.sourcesAgree === null ? "–" : d.sourcesAgree ? "yes" : "no",
          thin_evidence: d.thin ? d.thinReasons.join("; ") : "",
        })),
        options: { digits: 2, sortable: false },
      },
    ],
  });
  if (funnels.length) {
    sections.push({
      heading: "Funnel plots with overdispersion",
      blocks: funnels.map((f) => ({
        type: "figure" as const,
        figure: f.figure,
        caption: `${f.reason}. Outside the 99.8% limits: ${f.outsideExact998} of ${f.lasInEstimate} LAs with exact limits, ${f.outsideAdjusted998} with the adjusted ones.`,
      })),
    });
  }
  if (figs.trends.length) sections.push({ heading: "Trends against neighbours", blocks: figs.trends.map((t) => ({ type: "figure" as const, figure: t.figure })) });
  sections.push({
    heading: "Methods",
    blocks: [
      {
        type: "text",
        markdown:
          "- Intervals: Wilson (percentages), exact Poisson below 10 events and Byar otherwise (rates per 10,000), as PHEindicatormethods.\n" +
          "- Comparisons: Fingertips' single interval-overlap rule at 95% and 99.8%, polarity-aware; `none` polarity gives higher/lower.\n" +
          "- Funnels: FunnelPlotR's φ and DerSimonian–Laird τ² on winsorised z (10% each end); additive limits when overdispersion is significant.\n" +
          "- Recent trend: Fingertips' marker (5 points, χ² > 9.5495, leave-one-out sign check; Cochran–Armitage for percentages with counts).\n" +
          "- Quartile bands: LAIT, R type-7 quantiles over all LAs, ties go to the band below; ranks: ties share the best rank.\n" +
          `- Disclosure: ${profile.disclosure.rule}.`,
      },
    ],
  });
  return sections;
}

/**
 * profile.html as a string (self-contained, plotly inlined once, via the report builder).
 * @example
 * fs.writeFileSync("out/profile.html", profileReport(profile, pkg.dir));
 */
export function profileReport(profile: LaProfile, packageDir: string, options: { now?: Date; funnels?: readonly ProfileFunnelView[]; command?: string } = {}): string {
  return reportHtml({
    title: `LA profile: ${profile.la.la_name}`,
    subtitle: `${profile.dataset.title} — against England, ${profile.la.region_name || "its region"} and its statistical neighbours`,
    sections: [profileSummarySection(profile), ...profileReportSections(profile, options.funnels ?? [])],
    stamp: reproducibilityStamp(packageDir, { now: options.now, command: options.command }),
  });
}

/**
 * Write profile.json and profile.html to a folder, atomically as one group (lib/data/atomic-write.ts);
 * returns their paths.
 * @example
 * writeProfile(profile, pkg.dir, "out/profile-E06000059");
 */
export function writeProfile(profile: LaProfile, packageDir: string, outDir: string, options: { now?: Date; funnels?: readonly ProfileFunnelView[]; command?: string } = {}): { json: string; html: string } {
  const json = path.join(outDir, "profile.json");
  const html = path.join(outDir, "profile.html");
  // one atomic group: a killed run leaves the previous profile.json and profile.html intact
  writeFilesAtomically(outDir, [
    { name: "profile.json", contents: JSON.stringify(profile, null, 1) + "\n" },
    { name: "profile.html", contents: profileReport(profile, packageDir, options) },
  ]);
  return { json, html };
}

/** An overdispersed funnel of one indicator-period, with how many LAs each set of limits flags. */
export interface ProfileFunnelView {
  figure: Figure;
  indicator: string;
  period: number;
  phi: number;
  tau2: number;
  adjustment: FunnelAdjustment;
  reason: string;
  /** LAs in the estimate. */
  lasInEstimate: number;
  /** LAs outside the exact 99.8% limits, and outside the adjusted ones. */
  outsideExact998: number;
  outsideAdjusted998: number;
}

/**
 * The funnel of one indicator for the LA's profile period: exact limits, overdispersion-adjusted limits
 * (additive τ² when overdispersed, else the exact ones), the LA highlighted, and the flag counts.
 * Only for `percent` and `rate_per_10k` indicators; null when there are too few LAs with counts.
 * @example
 * const f = profileFunnel(index, profile, "cin_rereferral_pct"); f?.outsideExact998; f?.outsideAdjusted998
 */
export function profileFunnel(index: ProfileIndex, profile: LaProfile, indicator: string): ProfileFunnelView | null {
  const x = profile.indicators.find((i) => i.indicator === indicator);
  if (!x) throw new InputError("profileFunnel", "indicator not in the profile", indicator);
  const m = multiplierOf(x.unit);
  if (m === null || x.period === null) return null;
  const byLa = index.byIndicator.get(indicator)?.get(x.period);
  if (!byLa) return null;
  const names = new Map(index.areas.map((a) => [a.la_code, a.la_name]));
  const rows = [...byLa.entries()].filter(([, o]) => Number.isFinite(o.value) && o.denominator > 0);
  const xs = rows.map(([, o]) => Math.min(Number.isFinite(o.numerator) ? o.numerator : (o.value * o.denominator) / m, x.unit === "percent" ? o.denominator : Infinity));
  const ns = rows.map(([, o]) => o.denominator);
  const type = x.unit === "percent" ? "proportion" : "rate";
  let est;
  try {
    const target = x.england.value ?? undefined;
    est = estimateOverdispersion(xs, ns, { type, multiplier: m, target: target !== undefined && target > 0 && (type === "rate" || target < m) ? target : undefined });
  } catch {
    return null;
  }
  const choice = chooseFunnelAdjustment(est);
  const lo = Math.min(...ns), hi = Math.max(...ns);
  const grid = Array.from({ length: 60 }, (_, k) => Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * k) / 59));
  const exactAt = funnelLimits(type === "proportion" ? est.target / m : est.target, grid, { type, multiplier: m });
  const adjustedAt = choice.method === "none" ? { ...exactAt, adjustment: "none" } : overdispersedFunnelLimits(est, grid, choice.method);
  const exactLa = funnelLimits(type === "proportion" ? est.target / m : est.target, ns, { type, multiplier: m });
  const adjLa = choice.method === "none" ? exactLa : overdispersedFunnelLimits(est, ns, choice.method);
  let outsideExact998 = 0, outsideAdjusted998 = 0;
  rows.forEach(([, o], i) => {
    if (o.value > exactLa.upper998[i] || o.value < exactLa.lower998[i]) outsideExact998++;
    if (o.value > adjLa.upper998[i] || o.value < adjLa.lower998[i]) outsideAdjusted998++;
  });
  const figure = funnelWithOverdispersion(
    rows.map(([la, o]) => ({ la_name: names.get(la) ?? la, value: o.value, denominator: o.denominator })),
    exactAt,
    adjustedAt,
    { label: `${x.label} (${x.period})`, focus: profile.la.la_name, phi: est.phi, tau2: est.tau2, denominatorLabel: index.catalogue.find((c) => c.indicator === indicator)?.denominator || "Denominator" },
  );
  return { figure, indicator, period: x.period, phi: est.phi, tau2: est.tau2, adjustment: choice.method, reason: choice.reason, lasInEstimate: est.n, outsideExact998, outsideAdjusted998 };
}

/**
 * Funnels for the report: the `k` indicators (percent or rate) where the LA lies farthest from the
 * target after the overdispersion adjustment.
 * @example
 * writeProfile(profile, pkg.dir, out, { funnels: profileFunnels(index, profile) });
 */
export function profileFunnels(index: ProfileIndex, profile: LaProfile, k: number = PROFILE_FUNNEL_CHARTS): ProfileFunnelView[] {
  return profile.indicators
    .filter((x) => x.funnel !== null && Number.isFinite(x.funnel.zAdjusted) && x.value !== null)
    .sort((a, b) => Math.abs(b.funnel!.zAdjusted) - Math.abs(a.funnel!.zAdjusted))
    .slice(0, k)
    .map((x) => profileFunnel(index, profile, x.indicator))
    .filter((f): f is ProfileFunnelView => f !== null);
}
