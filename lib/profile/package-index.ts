/**
 * The index of a data package for profiles: lookups built in one pass over indicators, benchmarks and
 * context, and typed caches of what several LAs' profiles share (benchmarks, funnel estimates, the context
 * matrix for nearest neighbours).
 */
import type { AreaRow, CatalogueRow, DataPackage } from "../data/types";
import type { ContextMatrix } from "../context/neighbours";
import type { ComparisonLevels, ComparisonOutcome, IndicatorIntervals, IndicatorObservation } from "../indicators/compare";
import type { BenchmarkValue } from "./types";
import type { FunnelEstimate, FunnelUnavailable } from "./funnel-input";

/** One LA-period observation (NaN = missing). */
export interface Obs {
  value: number;
  numerator: number;
  denominator: number;
  status: string;
}

/** The context matrix of {@link profileIndex}'s package, with LA names for notes. */
export type ProfileContextMatrix = ContextMatrix & { laCodes: string[]; laNames: string[]; variables: string[]; values: Float64Array };

/**
 * What several profiles of one package share, each under its own key and type. An LA's profile reads its
 * neighbours' and the benchmarks' figures too, so most of these are asked for again by the next LA.
 * The index is read-only once profiles are built from it (these caches would not see a change).
 */
export interface ProfileCache {
  /** disclosure threshold → geography → code → indicator → period → England or region value (the threshold decides which LAs' unpublished counts enter). */
  benchmarks: Map<number, Map<"england" | "region", Map<string, Map<string, Map<number, BenchmarkValue>>>>>;
  /** indicator → its observations by period and LA position (lib/profile/indicator-table.ts). */
  tables: Map<string, IndicatorTable>;
  /** la_code → position in `areas` (the position of the tables); undefined until used. */
  laPositions?: Map<string, number>;
  /** `${indicator}|${period}|${target}` → the overdispersion estimate of that indicator-period, or why there is none. */
  funnels: Map<string, FunnelEstimate | FunnelUnavailable>;
  /** disclosure threshold → the observations withheld by secondary suppression, with why (./secondary-withheld.ts); undefined until used. */
  secondary?: Map<number, ReadonlyMap<Obs, string>>;
  /** Each LA's latest value of the usable context variables; null when there are none; undefined until built. */
  contextMatrix?: ProfileContextMatrix | null;
}

/** One indicator's observations and what is derived from them, by period (ascending) and LA position. */
export interface IndicatorTable {
  cat: CatalogueRow;
  /** The indicator's periods, ascending. */
  periods: number[];
  /** The index's row map of each period (`byIndicator.get(indicator).get(periods[k])`). */
  rowMaps: Map<string, Obs>[];
  /** `rows[k][i]`: LA `i`'s observation in `periods[k]` (undefined: no row). */
  rows: (Obs | undefined)[][];
  /** As the indicator methods take each observation ({@link obsOf}), made on first use. */
  observations: (IndicatorObservation | undefined)[][];
  /** Each observation's 95% and 99.8% intervals (`indicatorIntervals`), computed on first use. */
  intervals: (IndicatorIntervals | undefined)[][];
  /** By comparison levels: each observation's comparison with England's value in its period, on first use. */
  englandOutcomes: Map<ComparisonLevels, (ComparisonOutcome | undefined)[][]>;
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
  cache: ProfileCache;
}

/** A finite number, else NaN (the index's one rule for missing). */
export const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : NaN);

/** An index observation as the indicator methods take it (NaN → null). */
export function obsOf(o: Obs | undefined): IndicatorObservation {
  if (!o) return { value: null, numerator: null, denominator: null };
  return {
    value: Number.isNaN(o.value) ? null : o.value,
    numerator: Number.isNaN(o.numerator) ? null : o.numerator,
    denominator: Number.isNaN(o.denominator) ? null : o.denominator,
  };
}

/** indicator → period → la_code → observation, from indicators.csv. */
function indicatorsByPeriod(pkg: DataPackage): ProfileIndex["byIndicator"] {
  const t = pkg.indicators;
  const columns = ["la_code", "period", "indicator", "value", "numerator", "denominator", "status"];
  const [la, period, indicator, value, numerator, denominator, status] = columns.map((c) => t.array(c) as ArrayLike<unknown>);
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
  return byIndicator;
}

/** Published benchmarks by `${geography}|${code}|${period}|${indicator}`, from benchmarks.csv when present. */
function publishedBenchmarks(pkg: DataPackage): Map<string, Obs> {
  const benchmarks = new Map<string, Obs>();
  if (!pkg.benchmarks) return benchmarks;
  for (const r of pkg.benchmarks.objects() as Record<string, unknown>[]) {
    const obs = { value: num(r.value), numerator: num(r.numerator), denominator: num(r.denominator), status: (r.status as string) ?? "" };
    benchmarks.set(`${r.geography}|${r.code}|${r.period}|${r.indicator}`, obs);
  }
  return benchmarks;
}

/** la_code → variable → [period, value][] of the finite context values. */
function contextByLa(pkg: DataPackage): ProfileIndex["context"] {
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
  return context;
}

/**
 * Index a package for profiles (one pass over indicators, benchmarks and context).
 * @example
 * const index = profileIndex(readPackage("datasets/pilot-synthetic"));
 */
export function profileIndex(pkg: DataPackage): ProfileIndex {
  const areas = pkg.areas.objects() as unknown as AreaRow[];
  const catalogue = pkg.catalogue.objects() as unknown as CatalogueRow[];
  return {
    pkg,
    areas,
    catalogue,
    byIndicator: indicatorsByPeriod(pkg),
    benchmarks: publishedBenchmarks(pkg),
    context: contextByLa(pkg),
    cache: { benchmarks: new Map(), tables: new Map(), funnels: new Map() },
  };
}

/**
 * LA codes with at least one indicator value in the package (the LAs a profile can be made for).
 * @example
 * profileableAreas(profileIndex(pkg)).length; // 150 for the synthetic package
 */
export function profileableAreas(index: ProfileIndex): string[] {
  const has = new Set<string>();
  for (const byPeriod of index.byIndicator.values()) for (const byLa of byPeriod.values()) for (const [la, o] of byLa) if (Number.isFinite(o.value)) has.add(la);
  return index.areas.map((a) => a.la_code).filter((c) => has.has(c));
}
