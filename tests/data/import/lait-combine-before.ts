/**
 * The LAIT combine as it was before it held the LAIT rows by index (typed arrays) instead of as row objects:
 * `combineLait` and its steps copied unchanged from lib/data/import/lait-parquet.ts (commit 24077da), kept
 * only as the oracle that tests/data/import/lait-combine.test.ts compares the library's combineLait with. Changed
 * since in one way only: England and region rows (then dropped as not LAs) are kept as benchmarks by the library
 * (tested apart), so here they are left out of the "not an LA" count, whose log rule now names the rest.
 */
import { frameworkTagsFor } from "../../../lib/data/import/framework-tags";
import type { ImportLog } from "../../../lib/data/import/import-log";
import type { AreaIndex } from "../../../lib/data/import/areas";
import { LaPeriodKeys } from "../../../lib/data/import/la-period-keys";
import { laitFrameworkTags, LAIT_AGREEMENT_TOLERANCE, LAIT_CSC_TOPICS, LAIT_FILL_MIN_AGREEMENT, LAIT_RATE_RELATIVE_TOLERANCE } from "../../../lib/data/import/lait-measures";
import { laitBenchmarkPlace, type LaitImport } from "../../../lib/data/import/lait-combine";
import { laitIndicatorId, laitPeriod, laitUnit, laitValuesAgree, type LaitMeasure, type LaitValues } from "../../../lib/data/import/lait-parquet";
import { INDICATOR_META } from "../../../lib/data/import/mappings";
import type { CatalogueRow, IndicatorRow } from "../../../lib/data/types";

/** LAIT measure code → our indicator publishing the same measure (INDICATOR_META `lait`). */
function laitCounterparts(): ReadonlyMap<string, string> {
  const m = new Map<string, string>();
  for (const [id, meta] of Object.entries(INDICATOR_META)) if (meta.lait) m.set(meta.lait, id);
  return m;
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
export function combineLaitBefore(
  dictionary: ReadonlyMap<string, LaitMeasure>,
  values: LaitValues,
  notKept: ReadonlyMap<string, number>,
  existing: readonly IndicatorRow[],
  areas: AreaIndex,
  file: string,
  log: ImportLog,
): Omit<LaitImport, "benchmarks"> {
  const byLait = laitCounterparts();
  const { mapped, laitOnly } = sortLaitValues(dictionary, values, notKept, byLait, areas, file, log);
  const { fills, crossCheck, keptSeparately } = crossCheckAndFill(mapped, existing, laitOnly, file, log);
  const { catalogue, rows } = laitOnlyIndicators(laitOnly, dictionary, keptSeparately, byLait, file, log);
  return { fills, laitOnly: rows, catalogue, crossCheck };
}

/** A LAIT row for one of our indicators. */
type LaitCandidate = { row: IndicatorRow };

/** The (LA, period) keys seen for `indicator` (NaN keys, never produced by LAIT periods, fall back to strings). */
function seenSet(seen: Map<string, Set<number | string>>, indicator: string): Set<number | string> {
  let set = seen.get(indicator);
  if (set === undefined) seen.set(indicator, (set = new Set()));
  return set;
}

/** The list of `key` in `lists`, made (and so ordered) when first asked for. */
function listOf<T>(lists: Map<string, T[]>, key: string): T[] {
  let list = lists.get(key);
  if (list === undefined) lists.set(key, (list = []));
  return list;
}

/** What a LAIT measure code means here: its dictionary entry (undefined: skipped, by `skipTopic`), our indicator and its id. */
type CodeInfo = { meta: LaitMeasure; ours: string | undefined; indicator: string; periods: Map<number, number | undefined>; seen?: Set<number | string>; list?: unknown[] } | { skipTopic: string };

/** {@link CodeInfo} of each code of `values` (periods by year index, filled as met). */
function codeInfos(values: LaitValues, dictionary: ReadonlyMap<string, LaitMeasure>, byLait: ReadonlyMap<string, string>): CodeInfo[] {
  const periodsByYearType = new Map<string, Map<number, number | undefined>>(); // shared by the codes of a year type
  return values.code.texts.map((code): CodeInfo => {
    const meta = dictionary.get(code);
    if (meta === undefined || (LAIT_CSC_TOPICS[meta.topic] === undefined && !byLait.has(code))) return { skipTopic: meta === undefined ? "(not in dictionary)" : meta.topic };
    let periods = periodsByYearType.get(meta.yearType);
    if (periods === undefined) periodsByYearType.set(meta.yearType, (periods = new Map()));
    const ours = byLait.get(code);
    return { meta, ours, indicator: ours ?? laitIndicatorId(code), periods, seen: undefined, list: undefined }; // one shape for every code
  });
}

/**
 * LAIT values as indicator rows: those of a measure we publish from EES/SFR (`mapped`, by our indicator) and
 * the other CSC measures (`laitOnly`, by LAIT code). Values outside the CSC topics, of a year label that is
 * not one year ending March, or not for an LA in the areas table are dropped and logged; duplicates too.
 */
function sortLaitValues(
  dictionary: ReadonlyMap<string, LaitMeasure>,
  values: LaitValues,
  notKept: ReadonlyMap<string, number>,
  byLait: ReadonlyMap<string, string>,
  areas: AreaIndex,
  file: string,
  log: ImportLog,
): { mapped: Map<string, LaitCandidate[]>; laitOnly: Map<string, IndicatorRow[]> } {
  const mapped = new Map<string, LaitCandidate[]>();
  const laitOnly = new Map<string, IndicatorRow[]>();
  const skippedTopics = new Map<string, number>();
  const skippedYears = new Map<string, number>();
  const notLa = new Map<string, number>();
  const seen = new Map<string, Set<number | string>>();
  const keys = new LaPeriodKeys();
  const dupes: string[] = [];
  const infos = codeInfos(values, dictionary, byLait);
  const laNumbers = values.laNumber.texts;
  const resolved = laNumbers.map((n) => (/^\d{3}$/.test(n) ? areas.resolve(n, "") : undefined));

  const { code, years, laNumber, laName, status } = values;
  for (let i = 0; i < values.length; i++) {
    const info = infos[code.of[i]];
    if ("skipTopic" in info) {
      skippedTopics.set(info.skipTopic, (skippedTopics.get(info.skipTopic) ?? 0) + 1);
      continue;
    }
    const y = years.of[i];
    let period = info.periods.get(y);
    if (period === undefined && !info.periods.has(y)) info.periods.set(y, (period = laitPeriod(years.texts[y], info.meta.yearType)));
    if (period === undefined) {
      const label = `${code.texts[code.of[i]]} ${years.texts[y]}`;
      skippedYears.set(label, (skippedYears.get(label) ?? 0) + 1);
      continue;
    }
    const res = resolved[laNumber.of[i]];
    if (res === undefined) {
      const name = laName.texts[laName.of[i]];
      if (laitBenchmarkPlace(name) === undefined) notLa.set(name, (notLa.get(name) ?? 0) + 1);
      continue;
    }
    const k = keys.key(res.laCode, period);
    const seenKey = Number.isNaN(k) ? `${res.laCode}|${period}` : k;
    const seenOf = (info.seen ??= seenSet(seen, info.indicator)); // shared by the codes of one indicator id
    if (seenOf.has(seenKey)) {
      dupes.push(`${code.texts[code.of[i]]} ${years.texts[y]} ${laNumbers[laNumber.of[i]]}`);
      continue;
    }
    seenOf.add(seenKey);
    const v = values.value[i];
    const row: IndicatorRow = { la_code: res.laCode, period, indicator: info.indicator, value: Number.isNaN(v) ? null : v, numerator: null, denominator: null, status: status.texts[status.of[i]] };
    if (info.ours !== undefined) (info.list ??= listOf(mapped, info.ours)).push({ row });
    else (info.list ??= listOf(laitOnly, code.texts[code.of[i]])).push(row);
  }
  for (const [c, count] of notKept) {
    const meta = dictionary.get(c);
    skippedTopics.set(meta === undefined ? "(not in dictionary)" : meta.topic, (skippedTopics.get(meta === undefined ? "(not in dictionary)" : meta.topic) ?? 0) + count);
  }
  for (const [topic, count] of skippedTopics) log.add({ action: "dropped", file, rule: "LAIT measure outside the children's social care topics (LAIT_CSC_TOPICS)", value: topic, count });
  for (const [label, count] of skippedYears) log.add({ action: "dropped", file, rule: "LAIT year label not mapped to a single year ending March (multi-year or tagged)", value: label, count });
  for (const [name, count] of notLa) log.add({ action: "dropped", file, rule: "LAIT row for an area that is neither an LA of the areas table, England nor a region", value: name, count });
  if (dupes.length > 0) log.add({ action: "warning", file, rule: "duplicate LAIT (measure, year, LA): first kept", value: dupes.slice(0, 20).join("; "), count: dupes.length });
  return { mapped, laitOnly };
}

/** EES/SFR indicator rows by (LA, period, indicator), the last row of a key kept (as a Map keyed by the joined string did). */
class EesRowsByKey {
  private readonly keys = new LaPeriodKeys();
  private readonly byIndicator = new Map<string, Map<number | string, IndicatorRow>>();

  set(r: IndicatorRow): void {
    let rows = this.byIndicator.get(r.indicator);
    if (rows === undefined) this.byIndicator.set(r.indicator, (rows = new Map()));
    rows.set(this.key(r.la_code, r.period), r);
  }

  get(laCode: string, period: number, indicator: string): IndicatorRow | undefined {
    return this.byIndicator.get(indicator)?.get(this.key(laCode, period));
  }

  private key(laCode: string, period: number): number | string {
    const k = this.keys.key(laCode, period);
    return Number.isNaN(k) ? `${laCode}|${period}` : k;
  }
}

/**
 * For each LAIT measure of one of our indicators: count the LA-years both publish and how many agree; where
 * enough agree, LAIT fills the LA-years EES/SFR lack, else the LAIT series is kept as its own indicator
 * (added to `laitOnly`, its reason in `keptSeparately`). Every cross-check is logged.
 */
function crossCheckAndFill(
  mapped: ReadonlyMap<string, LaitCandidate[]>,
  existing: readonly IndicatorRow[],
  laitOnly: Map<string, IndicatorRow[]>,
  file: string,
  log: ImportLog,
): { fills: IndicatorRow[]; crossCheck: LaitImport["crossCheck"]; keptSeparately: Map<string, string> } {
  // only the indicators LAIT also publishes are looked up: the others are not indexed (no key string per row)
  const have = new EesRowsByKey();
  for (const r of existing) if (mapped.has(r.indicator)) have.set(r);
  const fills: IndicatorRow[] = [];
  const crossCheck: LaitImport["crossCheck"] = [];
  const keptSeparately = new Map<string, string>();
  for (const [indicator, cands] of mapped) {
    const { overlap, agree, disagreements } = agreementWithEes(indicator, cands, have);
    const share = overlap === 0 ? 0 : agree / overlap;
    let filled = 0;
    const lait = INDICATOR_META[indicator].lait as string;
    let keptAs: string | undefined;
    if (overlap > 0 && share >= LAIT_FILL_MIN_AGREEMENT) {
      for (const c of cands) {
        if (have.get(c.row.la_code, c.row.period, indicator) !== undefined) continue;
        fills.push(c.row);
        filled++;
      }
    } else {
      // too little agreement (or nothing to check against) to fill the EES series: the LAIT series is kept
      // as its own indicator, with the reason in its catalogue definition and here
      keptAs = laitIndicatorId(lait);
      const reason =
        overlap === 0
          ? `LAIT ${lait} has no LA-year in common with ${indicator} (EES/SFR) to check it against, so it does not fill that series and is kept as its own indicator`
          : `LAIT ${lait} agrees with ${indicator} (EES/SFR) on only ${agree}/${overlap} overlapping LA-years (${((100 * agree) / overlap).toFixed(1)} %, below the ${100 * LAIT_FILL_MIN_AGREEMENT} % needed to fill gaps), so it is kept as its own indicator`;
      keptSeparately.set(lait, reason);
      laitOnly.set(lait, cands.map((c) => ({ ...c.row, indicator: keptAs as string })));
    }
    crossCheck.push({ indicator, lait, overlap, agree, disagree: overlap - agree, filled, keptAs });
    log.add({
      action: "check",
      file,
      rule: `LAIT ${lait} vs EES/SFR ${indicator}: ${agree}/${overlap} agree within ${LAIT_AGREEMENT_TOLERANCE.toFixed(1)}${INDICATOR_META[indicator].unit === "rate_per_10k" ? ` or ${100 * LAIT_RATE_RELATIVE_TOLERANCE} %` : ""}; ${filled} LA-years filled from LAIT${keptAs !== undefined ? ` (none: ${overlap === 0 ? "no overlap to check" : "agreement below " + LAIT_FILL_MIN_AGREEMENT}; kept as ${keptAs})` : ""}`,
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
function agreementWithEes(indicator: string, cands: readonly LaitCandidate[], have: EesRowsByKey): { overlap: number; agree: number; disagreements: string[] } {
  let overlap = 0;
  let agree = 0;
  const disagreements: string[] = [];
  for (const c of cands) {
    const e = have.get(c.row.la_code, c.row.period, indicator);
    if (e === undefined || e.value === null || c.row.value === null) continue;
    overlap++;
    if (laitValuesAgree(e.value, c.row.value, INDICATOR_META[indicator].unit)) agree++;
    else disagreements.push(`${c.row.la_code} ${c.row.period}: EES ${e.value} vs LAIT ${c.row.value}`);
  }
  return { overlap, agree, disagreements };
}

/**
 * LAIT-only measures as indicators: the unit from the dictionary's y-axis (a measure with none of ours is
 * dropped), values out of range for the unit dropped, and a catalogue row with the framework tags and why.
 */
function laitOnlyIndicators(
  laitOnly: ReadonlyMap<string, IndicatorRow[]>,
  dictionary: ReadonlyMap<string, LaitMeasure>,
  keptSeparately: ReadonlyMap<string, string>,
  byLait: ReadonlyMap<string, string>,
  file: string,
  log: ImportLog,
): { catalogue: CatalogueRow[]; rows: IndicatorRow[] } {
  const catalogue: CatalogueRow[] = [];
  const onlyRows: IndicatorRow[] = [];
  const tagReasons = new Map<string, number>();
  for (const [code, rows] of laitOnly) {
    const meta = dictionary.get(code) as LaitMeasure;
    const unit = laitUnit(meta.yAxis);
    if (unit === undefined) {
      log.add({ action: "dropped", file, rule: "LAIT measure whose unit is none of percent, rate per 10,000, count, score", value: `${code} (${meta.yAxis})`, count: rows.length });
      continue;
    }
    const outOfRange = (r: IndicatorRow) => r.value !== null && ((unit !== "score" && r.value < 0) || (unit === "percent" && r.value > 100));
    let dropped = 0;
    for (const r of rows) if (outOfRange(r)) dropped++;
    if (dropped > 0) log.add({ action: "dropped", file, rule: `LAIT values out of range for the unit ${unit}`, value: code, count: dropped });
    if (dropped === rows.length) continue;
    const id = laitIndicatorId(code);
    const counterpart = byLait.get(code);
    const { why, ...tags } = counterpart !== undefined ? { ...frameworkTagsFor(counterpart, INDICATOR_META[counterpart].domain), why: `as ${counterpart}, the EES series of the same measure` } : laitFrameworkTags({ code, measure: meta.measure, unit, topic: meta.topic });
    tagReasons.set(why, (tagReasons.get(why) ?? 0) + 1);
    catalogue.push({
      indicator: id,
      label: meta.measure || code,
      domain: LAIT_CSC_TOPICS[meta.topic] ?? INDICATOR_META[byLait.get(code) as string].domain,
      polarity: meta.polarity,
      unit,
      numerator: "",
      denominator: "",
      source: `LAIT big data sheet (bds_long), Short Desc "${code}", topic ${meta.topic}; polarity, unit and definition from lait_data_dictionary.csv`,
      definition: keptSeparately.has(code) ? `${keptSeparately.get(code)}. ${oneLine(meta.description) || meta.measure}` : oneLine(meta.description) || meta.measure,
      ...tags,
    });
    for (const r of rows) if (dropped === 0 || !outOfRange(r)) onlyRows.push(r);
  }
  for (const [why, count] of tagReasons) log.add({ action: "check", file, rule: "framework tags of LAIT-only measures (LAIT_FRAMEWORK_RULES)", value: why, count });
  return { catalogue, rows: onlyRows };
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > 400 ? `${t.slice(0, 397)}…` : t;
}
