/**
 * What an LA is compared with: England and its region (published in benchmarks.csv, else pooled from the
 * LAs, lib/indicators/benchmark `pooledBenchmark`), and its statistical neighbours (DfE's groups as the
 * caller read them, else our nearest neighbours on standardised context).
 */
import type { AreaRow, CatalogueRow } from "../data/types";
import { pooledBenchmark } from "../indicators/benchmark";
import { countsNeedNoCheck } from "../data/official-sources";
import { DEFAULT_DISCLOSURE_THRESHOLD } from "../disclosure/suppress-counts";
import { nearestNeighbours, neighboursForArea, type AreaNeighbours, type NeighbourModel } from "../context/neighbours";
import { InputError } from "../errors";
import { showsUnpublishedSmallCount } from "../disclosure/withheld-values";
import { obsOf, type Obs, type ProfileContextMatrix, type ProfileIndex } from "./package-index";
import { secondaryWithheld } from "./secondary-withheld";
import { NEIGHBOUR_CONTEXT_RULES, type BenchmarkValue, type LaProfile, type ProfileOptions } from "./types";

/** Fewest LAs with a value that an England or region value is computed from (pooled or median) when none is published. */
export const MIN_COMPUTED_BENCHMARK_LAS = 3;
/**
 * Least share of the package's areas (areas.csv) with a value for a computed figure to be called England: half, so
 * that an own indicator of one region's or a few LAs in a national package is not (areas.csv also lists LAs that
 * no longer exist, hence not a share nearer 1).
 */
export const MIN_ENGLAND_SHARE_OF_AREAS = 0.5;
/** How the source of an England value refused for {@link MIN_ENGLAND_SHARE_OF_AREAS} or one region begins. */
export const NO_ENGLAND_FIGURE = "no England figure";

/**
 * England or region value: published, else pooled from LA counts, else the LAs' median (cached per index); none
 * from fewer than {@link MIN_COMPUTED_BENCHMARK_LAS} LAs.
 */
export function benchmarkValue(
  index: ProfileIndex, geography: "england" | "region", code: string, period: number, cat: CatalogueRow, laCodes: Set<string> | null,
  threshold = DEFAULT_DISCLOSURE_THRESHOLD,
): BenchmarkValue {
  // nested maps rather than one joined key: asked for every period of every LA's series, a key string per call cost more than the rest
  const byPeriod = nestedMap(nestedMap(nestedMap(nestedMap(index.cache.benchmarks, threshold), geography), code), cat.indicator);
  const hit = byPeriod.get(period);
  if (hit) return hit;
  const value = computeBenchmarkValue(index, `${geography}|${code}|${period}|${cat.indicator}`, period, cat, laCodes, threshold);
  byPeriod.set(period, value);
  return value;
}

/** The map under `key` in `outer`, made empty when absent. */
function nestedMap<K, K2, V>(outer: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let inner = outer.get(key);
  if (!inner) outer.set(key, (inner = new Map()));
  return inner;
}

function computeBenchmarkValue(index: ProfileIndex, key: string, period: number, cat: CatalogueRow, laCodes: Set<string> | null, threshold: number): BenchmarkValue {
  const published = index.benchmarks.get(key);
  if (published && Number.isFinite(published.value)) return { value: published.value, source: "published (benchmarks.csv)" };
  const byLa = index.byIndicator.get(cat.indicator)?.get(period);
  if (!byLa) return { value: null, source: "no data" };
  const entries = [...byLa.entries()].filter(([la]) => laCodes === null || laCodes.has(la));
  // England computed from a part of England is not England (a walkthrough: an own indicator of 15 Yorkshire and the
  // Humber LAs listed under "Better than England", England and region both 67.4 "pooled from 15 LAs' counts")
  // (fewer LAs than a computed benchmark needs are refused below, in those words)
  if (laCodes === null && entries.length >= MIN_COMPUTED_BENCHMARK_LAS) {
    const part = partOfEngland(index, entries.map(([la]) => la));
    if (part !== null) return { value: null, source: `${NO_ENGLAND_FIGURE}: ${part}, and none is published` };
  }
  const inPlace = entries.map(([, o]) => obsOf(o));
  // unpublished counts (own, pilot, returns data): an LA whose counts are small is left out of the computed figure,
  // which with the other LAs' counts (their intervals give them) would give its count back (a review: England
  // 147/302 of five pilot LAs, less the other four's 143/290, was Hartlepool's withheld 4 of 12); so is one whose
  // value is withheld beside its other figures (./secondary-withheld.ts), as withheld values are everywhere
  const secondary = countsNeedNoCheck(cat.source) ? new Map<Obs, string>() : secondaryWithheld(index, threshold);
  const rows = countsNeedNoCheck(cat.source) ? inPlace : inPlace.filter((o, i) => !showsUnpublishedSmallCount(o, cat, threshold) && !secondary.has(entries[i][1]));
  const leftOut = inPlace.length - rows.length;
  const pooled = pooledBenchmark(rows, cat.unit);
  if (pooled.method === "no-values") return { value: null, source: "no LA values" };
  // a package of one LA (a returns package, say) made "England" the LA itself, and the profile called it similar
  if (pooled.lasUsed < MIN_COMPUTED_BENCHMARK_LAS) return { value: null, source: `no benchmark: only ${pooled.lasUsed} LA${pooled.lasUsed === 1 ? "" : "s"} with a value and no published figure` };
  const beside = entries.filter(([, o]) => secondary.has(o)).length;
  const small = leftOut - beside;
  const without =
    (small === 0 ? "" : `; ${small} LA${small === 1 ? "" : "s"} with counts under ${threshold} left out`) +
    (beside === 0 ? "" : `; ${beside} LA${beside === 1 ? "" : "s"} whose value would give back a withheld count beside their other figures left out`);
  if (pooled.method === "pooled-counts") return { value: pooled.value, source: `pooled from ${pooled.lasUsed} LAs' counts (no published figure${without})` };
  return { value: pooled.value, source: `median of ${pooled.lasUsed} LAs (no published figure${without})`, laMedian: true };
}

/**
 * Why the LAs with a value of an indicator-period are not England, or null when they may stand for it: all in one
 * region, or fewer than {@link MIN_ENGLAND_SHARE_OF_AREAS} of the package's areas.
 */
function partOfEngland(index: ProfileIndex, laCodes: readonly string[]): string | null {
  const regionOf = new Map(index.areas.map((a) => [a.la_code, a.region_code]));
  const regions = new Set(laCodes.map((la) => regionOf.get(la) ?? ""));
  if (laCodes.length > 0 && regions.size === 1) return `the ${laCodes.length} LAs with a value are all in one region`;
  if (laCodes.length < MIN_ENGLAND_SHARE_OF_AREAS * index.areas.length) return `only ${laCodes.length} of the package's ${index.areas.length} LAs have a value`;
  return null;
}

/**
 * The DfE models a neighbour source uses, in the order tried (the groups to read for `options.dfeGroups`).
 * @example
 * neighbourModelsFor("auto"); // ["2025", "2021"]
 */
export function neighbourModelsFor(source: NonNullable<ProfileOptions["neighbours"]>): NeighbourModel[] {
  // auto: the 2025 model, then the 2021 model (it keeps the LAs abolished in 2019–2023), then context
  return source === "context" ? [] : source === "dfe-2021" ? ["2021"] : source === "dfe-2025" ? ["2025"] : ["2025", "2021"];
}

/**
 * The LA's neighbours by the chosen source: DfE's groups from `options.dfeGroups` (an explicit `dfe-2025` or
 * `dfe-2021` needs them, and a reading error passed in is thrown), else — for `auto` and `context` — our
 * nearest neighbours on standardised context ({@link NEIGHBOUR_CONTEXT_RULES}). The note says what happened to
 * each DfE model tried and what was used instead: in a package of a few LAs (or one restricted with --las) it
 * had said "no DfE 2025 neighbours found for this LA" where DfE lists ten, none of them in the package, and for
 * an LA without a DfE number 'no 2025 DfE neighbour group for DfE number ""'.
 */
export function profileNeighbours(index: ProfileIndex, area: AreaRow, options: ProfileOptions): LaProfile["neighbours"] {
  const source = options.neighbours ?? "auto";
  const notes: string[] = [];
  for (const model of neighbourModelsFor(source)) {
    const groups = options.dfeGroups?.[model];
    if (groups === undefined) {
      if (source !== "auto") throw new InputError("buildLaProfile", `neighbours "${source}" needs options.dfeGroups["${model}"] (read with readDfeNeighbourGroups)`, model);
      notes.push(`DfE ${model} neighbour groups not given`);
    } else if (groups instanceof Error) {
      if (source !== "auto") throw groups;
      notes.push(`DfE ${model} neighbour file not read (${groups.message.split("\n")[0]})`);
    } else if (area.old_la_code === "") {
      // DfE lists its groups by DfE number: an LA without one (a returns or synthetic package's) has none to look up
      const why = `${area.la_name} has no DfE number (old_la_code) in areas.csv, by which DfE lists its neighbour groups`;
      if (source !== "auto") return { source: source, list: [], unmapped: [], note: `${why}: no neighbour comparisons` };
      if (!notes.includes(why)) notes.push(why);
    } else {
      const n = neighboursForArea(groups, index.areas, area.la_code, model);
      const missing = missingNeighboursWords(area, n, model, index.areas.length);
      if (n.neighbours.length > 0 || source !== "auto") {
        const none = n.neighbours.length === 0 ? [`no neighbour comparisons (the "context" or "auto" neighbours find the nearest LAs on context instead)`] : [];
        const note = [...notes, ...(n.note ? [n.note] : []), ...(missing ? [missing] : []), ...none];
        return { source: n.source, list: n.neighbours, unmapped: n.unmapped, ...(note.length ? { note: note.join("; ") } : {}) };
      }
      notes.push(n.note ?? missing ?? `no DfE ${model} neighbours for this LA`);
    }
  }
  return contextNeighbours(index, area, notes);
}

/**
 * Which of the LA's DfE neighbours the package lacks, in words (undefined when it has them all): "none of Dorset's
 * 10 DfE 2025 statistical neighbours is in this package of 6 LAs (DfE numbers 933, …)", or how many are and that
 * the neighbour figures are over those.
 */
function missingNeighboursWords(area: AreaRow, n: AreaNeighbours, model: NeighbourModel, packageLas: number): string | undefined {
  if (n.unmapped.length === 0) return undefined;
  const listed = n.neighbours.length + n.unmapped.length;
  const numbers = `DfE number${n.unmapped.length === 1 ? "" : "s"} ${n.unmapped.join(", ")}`;
  if (n.neighbours.length === 0) return `none of ${area.la_name}'s ${listed} DfE ${model} statistical neighbours is in this package of ${packageLas} LAs (${numbers})`;
  return `${n.neighbours.length} of ${area.la_name}'s ${listed} DfE ${model} statistical neighbours are in this package, and the neighbour figures are over those (not in it: ${numbers})`;
}

/** Our nearest neighbours on standardised context, with the notes of the DfE models tried before (then "used instead"). */
function contextNeighbours(index: ProfileIndex, area: AreaRow, notes: string[]): LaProfile["neighbours"] {
  const instead = notes.length > 0 ? "used instead: " : "";
  const matrix = contextMatrix(index);
  if (!matrix || !matrix.laCodes.includes(area.la_code)) {
    return { source: "none", list: [], unmapped: [], note: [...notes, `${notes.length > 0 ? "and " : ""}no context variables to find nearest neighbours with: no neighbour comparisons`].join("; ") };
  }
  try {
    const r = nearestNeighbours(matrix, area.la_code);
    const note = [...notes, `${instead}nearest neighbours on standardised ${r.variables.join(", ")} (Euclidean distance; ${r.n} LAs)`, ...(r.note ? [r.note] : [])].join("; ");
    return { source: r.source, list: r.neighbours, unmapped: [], note };
  } catch (e) {
    // nearestNeighbours refuses an LA without every variable, or too few LAs: the profile goes on without neighbours, saying why
    if (!(e instanceof InputError)) throw e;
    return { source: "none", list: [], unmapped: [], note: [...notes, `no nearest neighbours on context${notes.length > 0 ? " either" : ""} (${e.message}): no neighbour comparisons`].join("; ") };
  }
}

/** Context matrix for our own neighbours: each LA's latest value of each usable variable (cached per index). */
function contextMatrix(index: ProfileIndex): ProfileContextMatrix | null {
  if (index.cache.contextMatrix !== undefined) return index.cache.contextMatrix;
  const variables = new Map<string, number>();
  for (const byVar of index.context.values()) for (const v of byVar.keys()) variables.set(v, (variables.get(v) ?? 0) + 1);
  const nLa = index.areas.length;
  const use = [...variables.entries()]
    .filter(([v, n]) => !NEIGHBOUR_CONTEXT_RULES.exclude.test(v) && n >= NEIGHBOUR_CONTEXT_RULES.minShareOfLAs * nLa)
    .map(([v]) => v)
    .sort();
  let result: ProfileContextMatrix | null = null;
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
  index.cache.contextMatrix = result;
  return result;
}
