/**
 * Combining LAIT's values (./lait-parquet-reader.ts) with the EES/SFR indicators (./lait-parquet.ts says
 * what is imported and why). The LAIT rows are held as row indices into {@link LaitValues} (typed arrays)
 * until the end: an indicator row object is made only for a row that goes into the package (a fill or a
 * LAIT-only value in range), never for a row that is only cross-checked, dropped or renamed. LAs and
 * periods are small slot numbers ({@link LaitPlaces}), so the duplicate check is a bit set and the EES
 * look-up a typed array per indicator, with no key per row.
 */
import { LaPeriodKeys } from "./la-period-keys";
import type { BenchmarkRow, CatalogueRow, IndicatorRow } from "../types";
import { LAIT_NOT_AN_AREA_RULE, type AreaIndex } from "./areas";
import { frameworkTagsFor } from "./framework-tags";
import type { ImportLog } from "./import-log";
import { laitDomain, laitFrameworkTags, LAIT_AGREEMENT_TOLERANCE, LAIT_CSC_TOPICS, LAIT_LABELS, LAIT_FILL_MIN_AGREEMENT, LAIT_RATE_RELATIVE_TOLERANCE } from "./lait-measures";
import { laitCounterparts, laitIndicatorId, laitUnit, laitValuesAgree, type LaitMeasure } from "./lait-parquet";
import type { LaitValues } from "./lait-parquet-reader";
import { EES_NONE, EES_VALUE, LaitPlaces, NumberSet, RowList, refuseDamagedLaNumbers, type EesByPlace } from "./lait-places";
import { INDICATOR_META } from "./mappings";
import { NATIONAL_ONLY_STATUS, UniformByPeriod, judgeByEngland, logJudged } from "./national-only";
import { laitBenchmarkPlace, type BenchmarkPlace } from "./lait-benchmark-place";

export { laitBenchmarkPlace, type BenchmarkPlace } from "./lait-benchmark-place";

/** Result of combining LAIT with the EES/SFR indicators. */
export interface LaitImport {
  /** Rows filling LA-years of EES indicators the EES/SFR files lack. */
  fills: IndicatorRow[];
  /** Rows of LAIT-only CSC measures. */
  laitOnly: IndicatorRow[];
  /** Catalogue rows of LAIT-only measures. */
  catalogue: CatalogueRow[];
  /** Cross-check per mapped measure. */
  crossCheck: { indicator: string; lait: string; overlap: number; agree: number; disagree: number; filled: number; keptAs?: string }[];
  /** LAIT's England and region rows, as benchmarks of the indicator their LA rows went to (the caller keeps EES/SFR's where both publish). */
  benchmarks: BenchmarkRow[];
}

/**
 * Cross-check LAIT against EES/SFR indicator rows, fill gaps where they agree, and import LAIT-only CSC measures.
 * @param dictionary - from {@link readLaitDictionary}
 * @param values - from {@link readLaitParquet}
 * @param notKept - rows {@link readLaitParquet} did not keep, per measure code (logged by topic)
 * @param existing - indicator rows already imported from EES/SFR files
 * @example
 * combineLait(dictionary, values, notKept, indicators, areas, "bds.parquet", log).crossCheck[0].agree
 */
export function combineLait(
  dictionary: ReadonlyMap<string, LaitMeasure>,
  values: LaitValues,
  notKept: ReadonlyMap<string, number>,
  existing: readonly IndicatorRow[],
  areas: AreaIndex,
  file: string,
  log: ImportLog,
): LaitImport {
  const r = combineLaitByMeasure(dictionary, values, notKept, existing, areas, file, log);
  return { fills: r.fills, laitOnly: joined(r.laitOnlyByMeasure), catalogue: r.catalogue, crossCheck: r.crossCheck, benchmarks: r.benchmarks };
}

/**
 * {@link combineLait} with the LAIT-only rows as one array per measure (in order), for a caller that joins them
 * with other rows itself: one copy of the rows instead of two. Its parameters are combineLait's.
 * @example
 * const r = combineLaitByMeasure(dictionary, values, notKept, indicators, areas, "bds.parquet", log);
 * const all = joined([indicators, r.fills, ...r.laitOnlyByMeasure]);
 */
export function combineLaitByMeasure(
  dictionary: ReadonlyMap<string, LaitMeasure>,
  values: LaitValues,
  notKept: ReadonlyMap<string, number>,
  existing: readonly IndicatorRow[],
  areas: AreaIndex,
  file: string,
  log: ImportLog,
): Omit<LaitImport, "laitOnly"> & { laitOnlyByMeasure: IndicatorRow[][] } {
  const byLait = laitCounterparts();
  const { places, mapped, laitOnly, infos, benchmarkPlaces } = sortLaitValues(dictionary, values, notKept, byLait, areas, file, log);
  const nationalOnly = nationalOnlyRows(places, mapped, laitOnly, englandValues(places, infos, benchmarkPlaces), file, log);
  const { fills, crossCheck, keptSeparately } = crossCheckAndFill(places, mapped, existing, laitOnly, nationalOnly, file, log);
  const { catalogue, rows } = laitOnlyIndicators(places, laitOnly, nationalOnly, dictionary, keptSeparately, byLait, file, log);
  const benchmarks = laitBenchmarks(places, infos, benchmarkPlaces, keptSeparately, catalogue);
  return { fills, laitOnlyByMeasure: rows, catalogue, crossCheck, benchmarks };
}

/**
 * LAIT's England and region rows as benchmark rows of the indicator the measure's LA rows went to: ours where LAIT
 * fills our series, its lait_* id where it is kept apart or has no counterpart (only when that indicator was made:
 * its catalogue row is in `catalogue`); values out of range for the unit and repeats of a place left out. The
 * profile took LAIT-only measures' England value as the median LA, calling it "no published figure" (a user
 * walkthrough: NFA referrals England 4.4 for LAIT's 6.5; care leavers, England 206 for 38,190).
 */
function laitBenchmarks(
  places: LaitPlaces,
  infos: readonly CodeInfo[],
  benchmarkPlaces: readonly (BenchmarkPlace | undefined)[],
  keptSeparately: ReadonlyMap<string, string>,
  catalogue: readonly CatalogueRow[],
): BenchmarkRow[] {
  const units = new Map(catalogue.map((c) => [c.indicator, c.unit]));
  const { values } = places;
  const out: BenchmarkRow[] = [];
  // A place and period already kept, per indicator, as one number (LaPeriodKeys): a string key per row cost
  // ≈ 4 µs of the ≈ 16,600 rows (67 ms of a 0.9 s import).
  const keys = new LaPeriodKeys();
  const seen = new Map<string, Set<number>>();
  infos.forEach((info, c) => {
    if ("skipTopic" in info || info.benchmarks === undefined) return;
    const code = values.code.texts[c];
    const id = info.ours !== undefined && !keptSeparately.has(code) ? info.ours : laitIndicatorId(code);
    const unit = info.ours !== undefined && id === info.ours ? INDICATOR_META[info.ours].unit : units.get(id);
    if (unit === undefined) return; // a LAIT-only measure not made an indicator (its unit none of ours, or every value out of range)
    const range = new UnitRange(unit !== "score", unit === "percent");
    let kept = seen.get(id);
    if (kept === undefined) seen.set(id, (kept = new Set()));
    for (let k = 0; k < info.benchmarks.length; k++) {
      const i = info.benchmarks.rows[k];
      const value = values.value[i];
      if (range.outside(value)) continue;
      const place = benchmarkPlaces[values.laName.of[i]] as BenchmarkPlace;
      const period = places.periodOf(i);
      const key = keys.key(place.code, period);
      if (kept.has(key)) continue;
      kept.add(key);
      out.push({ geography: place.geography, code: place.code, period, indicator: id, value: Number.isNaN(value) ? null : value, numerator: null, denominator: null, status: values.status.texts[values.status.of[i]] as BenchmarkRow["status"] });
    }
  });
  return out;
}

/** What a LAIT measure code means here: its dictionary entry (undefined: skipped, by `skipTopic`), our indicator, and the slot of its indicator id (the duplicate check is per id). */
type CodeInfo = { meta: LaitMeasure; ours: string | undefined; indicator: string; idSlot: number; list: RowList | undefined; benchmarks: RowList | undefined } | { skipTopic: string };

/** {@link CodeInfo} of each code of `values`. */
function codeInfos(values: LaitValues, dictionary: ReadonlyMap<string, LaitMeasure>, byLait: ReadonlyMap<string, string>): CodeInfo[] {
  const idSlots = new Map<string, number>();
  return values.code.texts.map((code): CodeInfo => {
    const meta = dictionary.get(code);
    if (meta === undefined || (LAIT_CSC_TOPICS[meta.topic] === undefined && !byLait.has(code))) return { skipTopic: meta === undefined ? "(not in dictionary)" : meta.topic };
    const ours = byLait.get(code);
    const indicator = ours ?? laitIndicatorId(code);
    let idSlot = idSlots.get(indicator);
    if (idSlot === undefined) idSlots.set(indicator, (idSlot = idSlots.size));
    return { meta, ours, indicator, idSlot, list: undefined, benchmarks: undefined }; // one shape for every code
  });
}

/** Count one more under `key`. */
function countUp(counts: Map<string, number>, key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** The list of `key` in `lists`, made (and so ordered) when first asked for. */
function listOf(lists: Map<string, RowList>, key: string): RowList {
  let list = lists.get(key);
  if (list === undefined) lists.set(key, (list = new RowList()));
  return list;
}

/** The LAIT rows sorted: where each is ({@link LaitPlaces}), those of a measure we publish from EES/SFR by our indicator, the other CSC measures by LAIT code. */
interface SortedLait {
  places: LaitPlaces;
  mapped: Map<string, RowList>;
  laitOnly: Map<string, RowList>;
  infos: readonly CodeInfo[];
  /** Per `LA Name` text: England or a region (its rows are listed in their code's CodeInfo.benchmarks). */
  benchmarkPlaces: readonly (BenchmarkPlace | undefined)[];
}

/**
 * LAIT values sorted into the rows of a measure we publish from EES/SFR (`mapped`, by our indicator) and of the
 * other CSC measures (`laitOnly`, by LAIT code). Values outside the CSC topics, of a year label that is not
 * one year ending March, or not for an LA in the areas table are dropped and logged; duplicates too.
 */
function sortLaitValues(dictionary: ReadonlyMap<string, LaitMeasure>, values: LaitValues, notKept: ReadonlyMap<string, number>, byLait: ReadonlyMap<string, string>, areas: AreaIndex, file: string, log: ImportLog): SortedLait {
  refuseDamagedLaNumbers(values, file);
  const infos = codeInfos(values, dictionary, byLait);
  const places = new LaitPlaces(values, infos.map((info) => ("skipTopic" in info ? undefined : info.meta.yearType)), areas);
  const idSlots = infos.reduce((n, info) => ("skipTopic" in info ? n : Math.max(n, info.idSlot + 1)), 0);
  const sorted: SortedLait = { places, mapped: new Map(), laitOnly: new Map(), infos, benchmarkPlaces: values.laName.texts.map(laitBenchmarkPlace) };
  const drops = new LaitDrops();
  sortRows(values, infos, new NumberSet(idSlots * places.laCodes.length * places.periods.length), sorted, drops);
  for (const [c, count] of notKept) {
    const meta = dictionary.get(c);
    countUp(drops.skippedTopics, meta === undefined ? "(not in dictionary)" : meta.topic, count);
  }
  drops.log(file, log);
  return sorted;
}

/**
 * Each value row into its list in `sorted`, or counted in `drops`. A function of its own: run once over
 * 100,000s of rows, its loop runs in on-stack-replaced code, which what followed it in the same function
 * (never run before) would throw away (--trace-deopt: "Insufficient type feedback").
 */
function sortRows(values: LaitValues, infos: readonly CodeInfo[], seen: NumberSet, sorted: SortedLait, drops: LaitDrops): void {
  const { places, mapped, laitOnly, benchmarkPlaces } = sorted;
  const { code, years, laNumber, laName } = values;
  const las = places.laCodes.length;
  const periods = places.periods.length;
  for (let i = 0; i < values.length; i++) {
    const c = code.of[i];
    const info = infos[c];
    if ("skipTopic" in info) {
      countUp(drops.skippedTopics, info.skipTopic);
      continue;
    }
    const p = places.periodSlotOf(c, years.of[i]);
    if (p < 0) {
      countUp(drops.skippedYears, `${code.texts[c]} ${years.texts[years.of[i]]}`);
      continue;
    }
    const la = places.laSlotOfNumber[laNumber.of[i]];
    if (la < 0) {
      if (benchmarkPlaces[laName.of[i]] !== undefined) (info.benchmarks ??= new RowList()).push(i);
      else countUp(drops.notLa, laName.texts[laName.of[i]]);
      continue;
    }
    if (!seen.addNew((info.idSlot * las + la) * periods + p)) {
      drops.dupes.push(`${code.texts[c]} ${years.texts[years.of[i]]} ${laNumber.texts[laNumber.of[i]]}`);
      continue;
    }
    (info.list ??= info.ours !== undefined ? listOf(mapped, info.ours) : listOf(laitOnly, code.texts[c])).push(i);
  }
}

/** LAIT value rows dropped while sorting, counted by why (each in order of first occurrence). */
class LaitDrops {
  readonly skippedTopics = new Map<string, number>();
  readonly skippedYears = new Map<string, number>();
  readonly notLa = new Map<string, number>();
  readonly dupes: string[] = [];

  log(file: string, log: ImportLog): void {
    for (const [topic, count] of this.skippedTopics) log.add({ action: "dropped", file, rule: "LAIT measure outside the children's social care topics (LAIT_CSC_TOPICS)", value: topic, count });
    for (const [label, count] of this.skippedYears) log.add({ action: "dropped", file, rule: "LAIT year label not mapped to a single year ending March (multi-year or tagged)", value: label, count });
    for (const [name, count] of this.notLa) log.add({ action: "dropped", file, rule: LAIT_NOT_AN_AREA_RULE, value: name, count });
    if (this.dupes.length > 0) log.add({ action: "warning", file, rule: "duplicate LAIT (measure, year, LA): first kept", value: this.dupes.slice(0, 20).join("; "), count: this.dupes.length });
  }
}

/** LAIT's England values by measure and period: by our indicator (`ours`) and by LAIT code (`code`), as the LA rows are sorted. */
interface EnglandValues {
  ours: Map<string, Map<number, number>>;
  code: Map<string, Map<number, number>>;
}

/** LAIT's England rows with a value, by measure and period ({@link EnglandValues}; the first of a repeated place kept). */
function englandValues(places: LaitPlaces, infos: readonly CodeInfo[], benchmarkPlaces: readonly (BenchmarkPlace | undefined)[]): EnglandValues {
  const { values } = places;
  const out: EnglandValues = { ours: new Map(), code: new Map() };
  const add = (byMeasure: Map<string, Map<number, number>>, key: string, period: number, value: number) => {
    let periods = byMeasure.get(key);
    if (periods === undefined) byMeasure.set(key, (periods = new Map()));
    if (!periods.has(period)) periods.set(period, value);
  };
  infos.forEach((info, c) => {
    if ("skipTopic" in info || info.benchmarks === undefined) return;
    for (let k = 0; k < info.benchmarks.length; k++) {
      const i = info.benchmarks.rows[k];
      if (benchmarkPlaces[values.laName.of[i]]?.geography !== "england" || Number.isNaN(values.value[i])) continue;
      const period = places.periodOf(i);
      if (info.ours !== undefined) add(out.ours, info.ours, period, values.value[i]);
      add(out.code, values.code.texts[c], period, values.value[i]);
    }
  });
  return out;
}

/**
 * The LAIT rows (1 per row index) of the measure-years that hold England's value for every LA ({@link UniformByPeriod},
 * {@link judgeByEngland} against LAIT's own England rows): a national figure, made missing ({@link NATIONAL_ONLY_STATUS})
 * wherever the row goes and kept out of the cross-check, each measure logged. LAIT's Stability_School repeats
 * England's 12 and 5 for all 158 LAs in 2018 and 2019.
 */
function nationalOnlyRows(places: LaitPlaces, mapped: ReadonlyMap<string, RowList>, laitOnly: ReadonlyMap<string, RowList>, england: EnglandValues, file: string, log: ImportLog): Uint8Array {
  const flags = new Uint8Array(places.values.length);
  const value = places.values.value;
  const mark = (measure: string, rows: RowList, englandOf: ReadonlyMap<number, number> | undefined) => {
    const counts = new UniformByPeriod();
    for (let k = 0; k < rows.length; k++) {
      const i = rows.rows[k];
      if (!Number.isNaN(value[i])) counts.add(places.periodOf(i), value[i]);
    }
    const found = counts.found();
    if (found.length === 0) return;
    const judged = judgeByEngland(found, (period) => englandOf?.get(period));
    logJudged(log, file, measure, judged);
    if (judged.national.length === 0) return;
    const periods = new Set(judged.national.map((y) => y.period));
    for (let k = 0; k < rows.length; k++) {
      const i = rows.rows[k];
      if (!Number.isNaN(value[i]) && periods.has(places.periodOf(i))) flags[i] = 1;
    }
  };
  for (const [indicator, rows] of mapped) mark(`${indicator} (LAIT ${INDICATOR_META[indicator].lait})`, rows, england.ours.get(indicator));
  for (const [code, rows] of laitOnly) mark(`${laitIndicatorId(code)} (LAIT ${code})`, rows, england.code.get(code));
  return flags;
}

/** LAIT row `i` as an indicator row of `indicator`; a national figure ({@link nationalOnlyRows}) as a missing value. */
function laitRow(places: LaitPlaces, i: number, indicator: string, nationalOnly: Uint8Array): IndicatorRow {
  const row = places.indicatorRow(i, indicator);
  return nationalOnly[i] === 1 ? { ...row, value: null, status: NATIONAL_ONLY_STATUS } : row;
}

/**
 * For each LAIT measure of one of our indicators: count the LA-years both publish and how many agree; where
 * enough agree, LAIT fills the LA-years EES/SFR lack, else the LAIT series is kept as its own indicator
 * (added to `laitOnly`, its reason in `keptSeparately`). Every cross-check is logged.
 */
function crossCheckAndFill(
  places: LaitPlaces,
  mapped: ReadonlyMap<string, RowList>,
  existing: readonly IndicatorRow[],
  laitOnly: Map<string, RowList>,
  nationalOnly: Uint8Array,
  file: string,
  log: ImportLog,
): { fills: IndicatorRow[]; crossCheck: LaitImport["crossCheck"]; keptSeparately: Map<string, string> } {
  const have = places.rowsByPlace(mapped, existing);
  const fills: IndicatorRow[] = [];
  const crossCheck: LaitImport["crossCheck"] = [];
  const keptSeparately = new Map<string, string>();
  for (const [indicator, cands] of mapped) {
    const ees = have.get(indicator) as EesByPlace;
    const { overlap, agree, disagreements } = agreementWithEes(places, indicator, cands, ees, nationalOnly);
    const share = overlap === 0 ? 0 : agree / overlap;
    let filled = 0;
    let national = 0;
    const lait = INDICATOR_META[indicator].lait as string;
    let keptAs: string | undefined;
    if (overlap > 0 && share >= LAIT_FILL_MIN_AGREEMENT) {
      ({ filled, national } = fillGaps(places, indicator, cands, ees, nationalOnly, fills));
    } else {
      // too little agreement (or nothing to check against) to fill the EES series: the LAIT series is kept
      // as its own indicator, with the reason in its catalogue definition and here
      keptAs = laitIndicatorId(lait);
      const reason =
        overlap === 0
          ? `LAIT ${lait} has no LA-year in common with ${indicator} (EES/SFR) to check it against, so it does not fill that series and is kept as its own indicator`
          : `LAIT ${lait} agrees with ${indicator} (EES/SFR) on only ${agree}/${overlap} overlapping LA-years (${((100 * agree) / overlap).toFixed(1)} %, below the ${100 * LAIT_FILL_MIN_AGREEMENT} % needed to fill gaps), so it is kept as its own indicator`;
      keptSeparately.set(lait, reason);
      laitOnly.set(lait, cands); // its rows are made with laitOnlyIndicators' id of the code, keptAs
    }
    crossCheck.push({ indicator, lait, overlap, agree, disagree: overlap - agree, filled, keptAs });
    log.add({
      action: "check",
      file,
      rule: `LAIT ${lait} vs EES/SFR ${indicator}: ${agree}/${overlap} agree within ${LAIT_AGREEMENT_TOLERANCE.toFixed(1)}${INDICATOR_META[indicator].unit === "rate_per_10k" ? ` or ${100 * LAIT_RATE_RELATIVE_TOLERANCE} %` : ""}; ${filled} LA-years filled from LAIT${national > 0 ? ` (and ${national} LA-years of a national figure stored as missing, ${NATIONAL_ONLY_STATUS})` : ""}${keptAs !== undefined ? ` (none: ${overlap === 0 ? "no overlap to check" : "agreement below " + LAIT_FILL_MIN_AGREEMENT}; kept as ${keptAs})` : ""}`,
      column: indicator,
      count: overlap,
    });
    if (keptAs !== undefined) log.add({ action: "check", file, rule: "LAIT series kept as its own indicator instead of filling the EES/SFR series", column: keptAs, value: keptSeparately.get(lait), count: cands.length });
    if (disagreements.length > 0) {
      log.add({ action: "disagreement", file, rule: `LAIT ${lait} differs from EES/SFR ${indicator} (later revisions or definition differences)`, column: indicator, value: disagreements.slice(0, 25).join("; "), count: disagreements.length });
    }
    if (filled > 0) log.add({ action: "merged", file, rule: `LA-years of ${indicator} absent from EES/SFR files filled from LAIT ${lait}`, column: indicator, count: filled });
  }
  return { fills, crossCheck, keptSeparately };
}

/** LA-years where EES/SFR and LAIT both have a value, how many agree ({@link laitValuesAgree}), and the others. */
function agreementWithEes(places: LaitPlaces, indicator: string, cands: RowList, ees: EesByPlace, nationalOnly: Uint8Array): { overlap: number; agree: number; disagreements: string[] } {
  let overlap = 0;
  let agree = 0;
  const disagreements: string[] = [];
  const unit = INDICATOR_META[indicator].unit;
  const value = places.values.value;
  for (let k = 0; k < cands.length; k++) {
    const i = cands.rows[k];
    const place = places.placeOf(i);
    const lait = value[i];
    if (ees.stateAt(place) !== EES_VALUE || Number.isNaN(lait) || nationalOnly[i] === 1) continue; // no EES row, either value missing, or LAIT's a national figure
    overlap++;
    const e = ees.valueAt(place);
    if (laitValuesAgree(e, lait, unit)) agree++;
    else disagreements.push(`${places.laCodeOf(i)} ${places.periodOf(i)}: EES ${e} vs LAIT ${lait}`);
  }
  return { overlap, agree, disagreements };
}

/**
 * Rows of `indicator` for the LA-years of `cands` EES/SFR lack, appended to `fills`: how many, and how many of them
 * are a national figure stored as missing ({@link nationalOnlyRows}; not counted as filled).
 */
function fillGaps(places: LaitPlaces, indicator: string, cands: RowList, ees: EesByPlace, nationalOnly: Uint8Array, fills: IndicatorRow[]): { filled: number; national: number } {
  let filled = 0;
  let national = 0;
  for (let k = 0; k < cands.length; k++) {
    const i = cands.rows[k];
    if (ees.stateAt(places.placeOf(i)) !== EES_NONE) continue;
    fills.push(laitRow(places, i, indicator, nationalOnly));
    if (nationalOnly[i] === 1) national++;
    else filled++;
  }
  return { filled, national };
}

/**
 * LAIT-only measures as indicators: the unit from the dictionary's y-axis (a measure with none of ours is
 * dropped), values out of range for the unit dropped, and a catalogue row with the framework tags and why.
 */
function laitOnlyIndicators(
  places: LaitPlaces,
  laitOnly: ReadonlyMap<string, RowList>,
  nationalOnly: Uint8Array,
  dictionary: ReadonlyMap<string, LaitMeasure>,
  keptSeparately: ReadonlyMap<string, string>,
  byLait: ReadonlyMap<string, string>,
  file: string,
  log: ImportLog,
): { catalogue: CatalogueRow[]; rows: IndicatorRow[][] } {
  const catalogue: CatalogueRow[] = [];
  const byCode: IndicatorRow[][] = []; // one array per measure, joined once at the end: no 100,000s-long array grown row by row
  const tagReasons = new Map<string, number>();
  for (const [code, rows] of laitOnly) {
    const meta = dictionary.get(code) as LaitMeasure;
    const unit = laitUnit(meta.yAxis);
    if (unit === undefined) {
      log.add({ action: "dropped", file, rule: "LAIT measure whose unit is none of percent, rate per 10,000, count, score", value: `${code} (${meta.yAxis})`, count: rows.length });
      continue;
    }
    const range = new UnitRange(unit !== "score", unit === "percent");
    const dropped = range.countOutside(places.values.value, rows);
    if (dropped > 0) log.add({ action: "dropped", file, rule: `LAIT values out of range for the unit ${unit}`, value: code, count: dropped });
    if (dropped === rows.length) continue;
    const id = laitIndicatorId(code);
    const counterpart = byLait.get(code);
    const { why, ...tags } = counterpart !== undefined ? { ...frameworkTagsFor(counterpart, INDICATOR_META[counterpart].domain), why: `as ${counterpart}, the EES series of the same measure` } : laitFrameworkTags({ code, measure: meta.measure, unit, topic: meta.topic });
    countUp(tagReasons, why);
    catalogue.push({
      indicator: id,
      label: LAIT_LABELS[code] ?? (meta.measure || code),
      domain: counterpart !== undefined ? INDICATOR_META[counterpart].domain : laitDomain({ code, measure: meta.measure, unit, topic: meta.topic }),
      polarity: meta.polarity,
      unit,
      numerator: "",
      denominator: "",
      source: `LAIT big data sheet (bds_long), Short Desc "${code}", topic ${meta.topic}; polarity, unit and definition from lait_data_dictionary.csv`,
      definition: keptSeparately.has(code) ? `${keptSeparately.get(code)}. ${oneLine(meta.description) || meta.measure}` : oneLine(meta.description) || meta.measure,
      ...tags,
    });
    const out: IndicatorRow[] = [];
    range.appendInside(places, rows, id, nationalOnly, out);
    byCode.push(out);
  }
  for (const [why, count] of tagReasons) log.add({ action: "check", file, rule: "framework tags of LAIT-only measures (LAIT_FRAMEWORK_RULES)", value: why, count });
  return { catalogue, rows: byCode };
}

/** The values a unit allows: none below 0 unless a score, none above 100 for a percentage (a missing value is never out of range). */
class UnitRange {
  constructor(
    private readonly nonNegative: boolean,
    private readonly atMost100: boolean,
  ) {}

  outside(v: number): boolean {
    return (this.nonNegative && v < 0) || (this.atMost100 && v > 100); // false for NaN (missing)
  }

  /** How many of `rows` have a value outside the range. */
  countOutside(value: Float64Array, rows: RowList): number {
    let n = 0;
    for (let k = 0; k < rows.length; k++) if (this.outside(value[rows.rows[k]])) n++;
    return n;
  }

  /** The rows of `rows` inside the range as indicator rows of `indicator` (a national figure as missing), appended to `out`. */
  appendInside(places: LaitPlaces, rows: RowList, indicator: string, nationalOnly: Uint8Array, out: IndicatorRow[]): void {
    const value = places.values.value;
    for (let k = 0; k < rows.length; k++) {
      const i = rows.rows[k];
      if (!this.outside(value[i])) out.push(laitRow(places, i, indicator, nationalOnly));
    }
  }
}

/** Most arrays passed to one `concat` call (as arguments: a measure per argument, so a file of many measures does not overflow the stack). */
const MAX_CONCAT_ARGUMENTS = 4096;

/**
 * The arrays' items in order, in one array allocated at its size (one per {@link MAX_CONCAT_ARGUMENTS} arrays),
 * instead of one array grown item by item.
 * @example
 * joined([[1, 2], [], [3]]) // [1, 2, 3]
 */
export function joined<T>(parts: readonly T[][]): T[] {
  let out: T[] = [];
  for (let i = 0; i < parts.length; i += MAX_CONCAT_ARGUMENTS) out = out.concat(...parts.slice(i, i + MAX_CONCAT_ARGUMENTS));
  return out;
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > 400 ? `${t.slice(0, 397)}…` : t;
}
