/**
 * The table of source importers that {@link importOfficial} runs in order: one entry per kind of official
 * file (collect rows → append them → describe the mapping → note the indicator's source), plus the one
 * step that is not a file (merging the indicator sets and computing rates from counts once every count
 * and the population are in).
 *
 * Order: EES → SFR-derived → SFR → OHID → population → (merge, rates) → revenue outturn → Ofsted → IoD →
 * LAIT dictionary → LAIT parquet (cross-check and gap fill against everything imported before it).
 */
import * as path from "node:path";
import { DataError } from "../../errors";
import { decodeUtf8 } from "../csv";
import type { BenchmarkRow, CatalogueRow, ContextRow, IndicatorRow, OutcomeRow } from "../types";
import type { AreaIndex } from "./areas";
import type { DetectedSource, SourceKind } from "./detect";
import { applyEesMappings, describeMapping, eesMappingColumns, readEesTable } from "./ees";
import type { ImportLog } from "./import-log";
import { LaPeriodKeys } from "./la-period-keys";
import { outcomeValue, type LaitReadAhead } from "./lait-read-ahead";
import { IOD_PERIOD_RULE, importIod } from "./iod-xlsx";
import { combineLaitByMeasure, joined } from "./lait-combine";
import { isLaitCscMeasure, readLaitDictionary, readLaitParquet, type LaitMeasure } from "./lait-parquet";
import { DERIVED_CLA_MAPPINGS, EES_MAPPINGS, FINANCE_MAPPINGS, OHID_MAPPINGS, POPULATION_RATE_MAPPINGS } from "./mappings";
import { OFSTED_PERIOD_RULE, importOfstedOds } from "./ofsted-ods";
import { rowsWithinLifespans } from "./lifespans";
import { withoutNationalOnly } from "./national-only";
import { importOhid } from "./ohid-fingertips";
import { POPULATION_PERIOD_RULE, checkPublishedRates, importPopulation, ratesFromCounts } from "./population";
import { financeIndicators, readRevenueOutturn } from "./revenue-outturn-ods";
import { importDerivedCla } from "./sfr-derived";
import { importSfrCsv } from "./sfr-csv";
import { append } from "../append";


/** Everything the importers read and add to during one import. */
export interface ImportState {
  areas: AreaIndex;
  log: ImportLog;
  bytes: ReadonlyMap<string, Uint8Array>;
  /** Every detected file; the LAIT step marks parquet files without a dictionary as not imported. */
  detected: DetectedSource[];
  errors: DataError[];
  /** Indicator rows per file, before duplicates across files are checked. */
  indicatorSets: { file: string; rows: IndicatorRow[] }[];
  /** Indicator rows after the merge step (later sources append here). */
  indicators: IndicatorRow[];
  benchmarks: BenchmarkRow[];
  context: ContextRow[];
  outcomes: OutcomeRow[];
  laitCatalogue: CatalogueRow[];
  dictionary: Map<string, LaitMeasure> | undefined;
  /** The mapping each source file was read with (datapackage.json `sources[].mapping`). */
  mappingByFile: Map<string, string>;
  /** The sources of each indicator (catalogue `source`). */
  sourcesOf: Map<string, Set<string>>;
  /** The LAIT files as read ahead (./lait-read-ahead.ts), when they are: read (once) when first called. */
  laitReadAhead?: () => Promise<LaitReadAhead>;
}

/** A step of the import: every detected file of one kind, or one step over what was imported so far. */
export type ImportStep =
  | { kind: SourceKind; importFile: (d: DetectedSource, s: ImportState) => void | Promise<void> }
  | { step: string; run: (s: ImportState) => void };

function noteSource(s: ImportState, indicator: string, source: string): void {
  s.sourcesOf.set(indicator, (s.sourcesOf.get(indicator) ?? new Set()).add(source));
}

function textOf(s: ImportState, file: string): string {
  return decodeUtf8(s.bytes.get(file) as Uint8Array, file);
}

function bytesOf(s: ImportState, file: string): Uint8Array {
  return s.bytes.get(file) as Uint8Array;
}

/** Keep one file's indicators and benchmarks, and record the mapping and each indicator's source. */
function keepIndicators(s: ImportState, file: string, r: { indicators: IndicatorRow[]; benchmarks: readonly BenchmarkRow[] }, described: readonly { indicator: string; mapping: string; source: string }[]): void {
  const rows = rowsWithinLifespans(withoutNationalOnly(r.indicators, file, s.log, r.benchmarks), file, s.areas, s.log, s.indicatorSets.map((set) => set.rows));
  s.indicatorSets.push({ file, rows });
  append(s.benchmarks, r.benchmarks);
  s.mappingByFile.set(file, described.map((m) => `${m.indicator} ← ${m.mapping}`).join(" | "));
  for (const m of described) noteSource(s, m.indicator, m.source);
}

function importEes({ file }: DetectedSource, s: ImportState): void {
  const table = readEesTable(bytesOf(s, file), file, s.areas, s.log, eesMappingColumns(file, EES_MAPPINGS));
  const r = applyEesMappings(table, EES_MAPPINGS, s.areas, s.log);
  if (r.mappings.length === 0) {
    s.log.add({ action: "skipped-file", file, rule: "EES file with no entry in EES_MAPPINGS" });
    return;
  }
  keepIndicators(s, file, r, r.mappings.map((m) => ({ indicator: m.indicator, mapping: describeMapping(m), source: `EES ${describeMapping(m)}` })));
}

function importDerived({ file }: DetectedSource, s: ImportState): void {
  const r = importDerivedCla(bytesOf(s, file), file, s.areas, s.log);
  const source = (m: (typeof DERIVED_CLA_MAPPINGS)[number]) => `SFR 2011–2016 (derived/${path.basename(file)}, indicator "${m.source}")`;
  keepIndicators(s, file, r, DERIVED_CLA_MAPPINGS.map((m) => ({ indicator: m.indicator, mapping: `indicator="${m.source}"`, source: source(m) })));
}

function importSfr({ file }: DetectedSource, s: ImportState): void {
  const r = importSfrCsv(textOf(s, file), file, s.areas, s.log);
  const formula = (m: (typeof r.mappings)[number]) => `100 × (${m.numerator.join(" + ")}) / (${m.denominator.join(" + ")})`;
  keepIndicators(s, file, r, r.mappings.map((m) => ({ indicator: m.indicator, mapping: formula(m), source: `SFR ${path.basename(file)}: ${formula(m)}` })));
}

function importOhidFile({ file }: DetectedSource, s: ImportState): void {
  const r = importOhid(bytesOf(s, file), file, OHID_MAPPINGS, s.areas, s.log);
  if (r.mappings.length === 0) {
    s.log.add({ action: "skipped-file", file, rule: "OHID Fingertips export with no entry in OHID_MAPPINGS" });
    return;
  }
  const describe = (m: (typeof r.mappings)[number]) => `Indicator ID ${m.indicatorId}, Sex ${m.sex}, Age ${m.age}, no category; Time period YYYY/YY → year ending March`;
  keepIndicators(s, file, r, r.mappings.map((m) => ({ indicator: m.indicator, mapping: describe(m), source: `OHID Fingertips ${path.basename(file)}: ${describe(m)}` })));
}

function importPopulationFile({ file }: DetectedSource, s: ImportState): void {
  const r = importPopulation(bytesOf(s, file), file, s.areas, s.log);
  append(s.context, r.context);
  s.log.add({ action: "dropped", file, rule: "England and region population totals not written (context has no benchmark table)", count: r.benchmarks.length });
  s.mappingByFile.set(file, `child_population_0_17 ← population_estimate where age_group="Children aged 0 to 17 years"; ${POPULATION_PERIOD_RULE}`);
}

/** One source per LA, period and indicator: a second file with the same key is an error naming both. */
function mergeIndicatorSets(s: ImportState): void {
  const keys = new LaPeriodKeys();
  const owners = new Map<string, Map<number | string, string>>(); // indicator → (LA, period) → file
  for (const set of s.indicatorSets) {
    for (const r of set.rows) {
      let owner = owners.get(r.indicator);
      if (owner === undefined) owners.set(r.indicator, (owner = new Map()));
      const n = keys.key(r.la_code, r.period);
      const k = Number.isNaN(n) ? `${r.la_code}|${r.period}` : n;
      const prev = owner.get(k);
      if (prev !== undefined) {
        s.errors.push(new DataError({ file: set.file, column: "la_code+period+indicator", value: `${r.la_code}, ${r.period}, ${r.indicator}`, expected: `one source per LA, period and indicator (also in ${prev})` }));
        continue;
      }
      owner.set(k, set.file);
      s.indicators.push(r);
    }
  }
}

/** Rates per 10,000 from counts and the ONS population, then the published CLA rate checked against them. */
function addRatesFromCounts(s: ImportState): void {
  append(s.indicators, ratesFromCounts(s.indicators, s.context));
  for (const m of POPULATION_RATE_MAPPINGS) noteSource(s, m.indicator, `computed: ${m.countIndicator} / child_population_0_17 × 10,000`);
  const claCheck = checkPublishedRates(s.indicators, "cla_rate_per_10k", s.context);
  s.log.add({
    action: "check",
    file: "cla_rate_per_10k",
    rule: `published CLA rates per 10,000 vs number / ONS 0–17 population × 10,000: ${claCheck.agree}/${claCheck.n} agree within 0.5 (rounding); by period ${Object.entries(claCheck.byPeriod).map(([p, c]) => `${p}: ${c.agree}/${c.n}`).join(", ")}. Disagreements are years whose ONS estimates were revised (rebased) after the CLA release; the published rate is kept`,
    value: claCheck.examples.slice(0, 20).map((e) => `${e.la_code} ${e.period}: ${e.published} vs ${e.recomputed.toFixed(2)}`).join("; "),
    count: claCheck.n,
  });
}

function importRevenueOutturn(d: DetectedSource, s: ImportState): void {
  const f = d.file;
  const outturn = readRevenueOutturn(bytesOf(s, f), f, d.sheets ?? [], FINANCE_MAPPINGS, s.areas, s.log);
  const r = financeIndicators(outturn, s.context, f, s.log);
  append(s.indicators, rowsWithinLifespans(withoutNationalOnly(r.indicators, f, s.log, r.benchmarks), f, s.areas, s.log, [s.indicators]));
  append(s.benchmarks, r.benchmarks);
  const describe = (m: (typeof outturn.mappings)[number]) => `${m.scale} × "${m.numerator}" / ${m.denominator === "child_population_0_17" ? "child_population_0_17 (ONS 0–17)" : `"${m.denominator}"`}`;
  s.mappingByFile.set(f, outturn.mappings.map((m) => `${m.indicator} ← ${describe(m)}`).join(" | "));
  for (const m of outturn.mappings) noteSource(s, m.indicator, `MHCLG revenue outturn ${outturn.workbook} ${path.basename(f)}: ${describe(m)} (£ thousand; financial year ending March ${outturn.period})`);
}

function importOfsted({ file }: DetectedSource, s: ImportState): void {
  append(s.outcomes, importOfstedOds(bytesOf(s, file), file, s.areas, s.log));
  s.mappingByFile.set(file, `outcomes: SIF/ILACS judgements; ${OFSTED_PERIOD_RULE}`);
}

function importIodFile({ file }: DetectedSource, s: ImportState): void {
  append(s.context, importIod(bytesOf(s, file), file, s.areas, s.log));
  s.mappingByFile.set(file, `imd_score/imd_rank ← IMD sheet, idaci_score/idaci_rank ← IDACI sheet (average score, rank of average score); ${IOD_PERIOD_RULE}`);
}

async function importLaitDictionary({ file }: DetectedSource, s: ImportState): Promise<void> {
  const ahead = (await s.laitReadAhead?.())?.dictionaries.get(file);
  s.dictionary = ahead !== undefined ? outcomeValue(ahead) : readLaitDictionary(textOf(s, file), file);
}

const LAIT_WITHOUT_DICTIONARY = "LAIT parquet without its data dictionary among the sources";

/** LAIT's CSC topics: cross-check against and fill gaps in what EES/SFR gave, the rest as lait_* indicators. */
async function importLait({ file }: DetectedSource, s: ImportState): Promise<void> {
  const dictionary = s.dictionary;
  if (dictionary === undefined) {
    s.log.add({ action: "skipped-file", file, rule: LAIT_WITHOUT_DICTIONARY });
    // not imported: counted and listed as such, not as an imported source
    s.detected.forEach((d, i) => {
      if (d.file === file && d.kind === "lait-parquet") s.detected[i] = { file, kind: "not-imported", reason: LAIT_WITHOUT_DICTIONARY };
    });
    return;
  }
  // read ahead with this same dictionary (the same object), or read now
  const readAhead = await s.laitReadAhead?.();
  const ahead = readAhead?.dictionary === dictionary ? readAhead.parquet.get(file) : undefined;
  const v = ahead !== undefined ? outcomeValue(ahead) : await readLaitParquet(bytesOf(s, file), file, (code) => isLaitCscMeasure(dictionary, code));
  const r = combineLaitByMeasure(dictionary, v.values, v.notKept, s.indicators, s.areas, file, s.log);
  // 100,000s of rows: one copy of LAIT's, then one of all, not a push each
  const laitRows = rowsWithinLifespans(joined([r.fills, ...r.laitOnlyByMeasure]), file, s.areas, s.log, [s.indicators]);
  s.indicators = joined([s.indicators, laitRows]);
  append(s.laitCatalogue, r.catalogue);
  keepLaitBenchmarks(s, file, r.benchmarks);
  for (const c of r.crossCheck) if (c.filled > 0) noteSource(s, c.indicator, `LAIT ${c.lait} (LA-years absent from EES/SFR; ${c.agree}/${c.overlap} overlapping values agree)`);
  s.mappingByFile.set(file, `CSC topics; cross-check/fill via INDICATOR_META.lait; others as lait_* indicators`);
}

/**
 * LAIT's England and region rows as benchmarks where EES/SFR publish none for the same indicator, place and year
 * (theirs are the source of the LA rows LAIT only fills); both counts logged.
 */
function keepLaitBenchmarks(s: ImportState, file: string, rows: readonly BenchmarkRow[]): void {
  // Place and period as one number per indicator (LaPeriodKeys): a string key per row cost 21 ms of the import's 0.9 s.
  const placePeriod = new LaPeriodKeys();
  const keyOf = (b: BenchmarkRow): number => placePeriod.key(b.code, b.period);
  const published = new Map<string, Set<number>>();
  for (const b of s.benchmarks) {
    let keys = published.get(b.indicator);
    if (keys === undefined) published.set(b.indicator, (keys = new Set()));
    keys.add(keyOf(b));
  }
  let kept = 0;
  for (const b of rows) {
    if (published.get(b.indicator)?.has(keyOf(b)) === true) continue;
    s.benchmarks.push(b);
    kept++;
  }
  s.log.add({ action: "merged", file, rule: "LAIT England and region rows kept as benchmarks (EES/SFR publish none for that indicator, place and year)", count: kept });
  if (kept < rows.length) s.log.add({ action: "check", file, rule: "LAIT England and region rows not kept: EES/SFR publish that benchmark", count: rows.length - kept });
}

/** The import, in order: each source kind's importer runs on every file of that kind. */
export const IMPORT_STEPS: readonly ImportStep[] = [
  { kind: "ees", importFile: importEes },
  { kind: "derived-cla", importFile: importDerived },
  { kind: "sfr", importFile: importSfr },
  { kind: "ohid-fingertips", importFile: importOhidFile },
  { kind: "population", importFile: importPopulationFile },
  { step: "duplicates across files are errors", run: mergeIndicatorSets },
  { step: "rates per 10,000 from counts", run: addRatesFromCounts },
  { kind: "revenue-outturn-ods", importFile: importRevenueOutturn },
  { kind: "ofsted-ods", importFile: importOfsted },
  { kind: "iod-xlsx", importFile: importIodFile },
  { kind: "lait-dictionary", importFile: importLaitDictionary },
  { kind: "lait-parquet", importFile: importLait },
];
