/**
 * Import official publications (EES CSVs, SFR-era derived file, ONS population, Ofsted .ods, IoD .xlsx,
 * LAIT parquet + dictionary, DfE–ONS area lookup) into one data package, for every period they cover.
 *
 * Order: areas → EES → SFR-derived → population (+ rates from counts) → Ofsted → IoD → LAIT (cross-check
 * and gap fill). Every file is detected by header/extension; unknown files and recognised-but-unused files
 * are listed in the import log, never ignored silently. Data problems are DataErrors naming file, row,
 * column and value; all of them across files are thrown together as one DataErrors.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, DataErrors, InputError } from "../../errors";
import type { ProgressCallback } from "../../progress";
import { decodeUtf8 } from "../csv";
import { sha256, writePackage, OGL_V3 } from "../package";
import type { BenchmarkRow, CatalogueRow, ContextRow, IndicatorRow, OutcomeRow, PackageContent, PackageDescriptor, SourceDescriptor } from "../types";
import { REORGANISATION_RULES, SHARED_SERVICE_RULES, buildAreas, type AreaIndex } from "./areas";
import { detectSource, type DetectedSource } from "./detect";
import { applyEesMappings, describeMapping, readEesTable } from "./ees";
import { ImportLog, summariseImportLog, type ImportLogEntry } from "./import-log";
import { IOD_PERIOD_RULE, importIod } from "./iod-xlsx";
import { combineLait, isLaitCscMeasure, readLaitDictionary, readLaitParquet, type LaitMeasure, type LaitValue } from "./lait-parquet";
import { DERIVED_CLA_MAPPINGS, EES_MAPPINGS, FINANCE_MAPPINGS, INDICATOR_META, frameworkTagsFor, OHID_MAPPINGS, POPULATION_RATE_MAPPINGS, WORKFORCE_PERIOD_RULE } from "./mappings";
import { OFSTED_PERIOD_RULE, importOfstedOds } from "./ofsted-ods";
import { publicationOf } from "./publications";
import { POPULATION_PERIOD_RULE, checkPublishedRates, importPopulation, ratesFromCounts } from "./population";
import { importDerivedCla } from "./sfr-derived";
import { importSfrCsv } from "./sfr-csv";
import { importOhid } from "./ohid-fingertips";
import { financeIndicators, readRevenueOutturn } from "./revenue-outturn-ods";

/** Push many items without spreading them into arguments (large arrays overflow the stack). */
function append<T>(target: T[], items: readonly T[]): void {
  for (const x of items) target.push(x);
}

/** What an import produced: the package content and the full log. */
export interface OfficialImport {
  content: PackageContent;
  log: readonly ImportLogEntry[];
  detected: readonly DetectedSource[];
}

/**
 * Largest source file read (bytes): 64 MiB, about twenty times the largest official file read today
 * (ees/outcomes/absence_la.csv, 3.4 MB); a larger file is skipped and logged instead of exhausting memory.
 */
export const MAX_SOURCE_FILE_BYTES = 64 * 1024 * 1024;

/** Options of {@link importOfficial}. */
export interface ImportOptions {
  /** datapackage.json `created`; defaults to the current time. Fix it for byte-identical output. */
  created?: string;
  name?: string;
  title?: string;
  /**
   * Called with (source files finished, source files): once with 0 after the files are read and detected, then
   * as each is imported (unknown and not-imported files count as finished at detection). Never changes the result.
   */
  onProgress?: ProgressCallback;
}

/**
 * List the files under the given paths (folders recursively, sorted; hidden files skipped).
 * Symbolic links are followed only when their target stays inside the source path they were found under;
 * a link pointing outside it, and a link back to a folder already being walked (a loop), are not followed
 * and are listed in `skipped` with the reason instead.
 * @param skipped - receives `{ file, reason }` for every link not followed
 * @throws InputError when a path does not exist
 * @example
 * listSourceFiles(["../shared/data/official"]).length // 60
 */
export function listSourceFiles(paths: readonly string[], skipped: { file: string; reason: string }[] = []): string[] {
  const out: string[] = [];
  const inside = (root: string, target: string) => {
    const rel = path.relative(root, target);
    return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
  };
  const walk = (p: string, root: string, ancestors: ReadonlySet<string>) => {
    let real: string;
    try {
      real = fs.realpathSync(p);
    } catch (e) {
      skipped.push({ file: p, reason: `unreadable path or broken symbolic link (${(e as NodeJS.ErrnoException).code ?? "error"})` });
      return;
    }
    if (fs.lstatSync(p).isSymbolicLink() && !inside(root, real)) {
      skipped.push({ file: p, reason: "symbolic link pointing outside the source folder (not followed)" });
      return;
    }
    const st = fs.statSync(real);
    if (st.isDirectory()) {
      if (ancestors.has(real)) {
        skipped.push({ file: p, reason: "symbolic link loop (a folder inside itself; not followed)" });
        return;
      }
      const next = new Set(ancestors).add(real);
      for (const e of fs.readdirSync(p).sort()) if (!e.startsWith(".")) walk(path.join(p, e), root, next);
    } else if (st.isFile()) out.push(p);
    else skipped.push({ file: p, reason: "not a regular file" });
  };
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new InputError("importOfficial", "source path does not exist", p);
    const root = fs.realpathSync(p);
    walk(p, fs.statSync(root).isDirectory() ? root : path.dirname(root), new Set());
  }
  return [...new Set(out)];
}

/**
 * Import official files into package content.
 * @param paths - folders and/or files (e.g. ../shared/data/official)
 * @throws InputError if no area lookup is among the sources; DataErrors for every data problem found
 * @example
 * const { content, log } = await importOfficial(["../shared/data/official"], { created: "2026-01-01" });
 */
export async function importOfficial(paths: readonly string[], options: ImportOptions = {}): Promise<OfficialImport> {
  const notFollowed: { file: string; reason: string }[] = [];
  const files = listSourceFiles(paths, notFollowed);
  const log = new ImportLog();
  for (const n of notFollowed) log.add({ action: "skipped-file", file: n.file, rule: n.reason });
  const errors: DataError[] = [];
  const collect = (f: () => void) => {
    try {
      f();
    } catch (e) {
      if (e instanceof DataErrors) append(errors, e.errors);
      else if (e instanceof DataError) errors.push(e);
      else throw e;
    }
  };
  const bytes = new Map<string, Uint8Array>();
  const detected: DetectedSource[] = [];
  for (const f of files) {
    const size = fs.statSync(f).size;
    if (size > MAX_SOURCE_FILE_BYTES) {
      log.add({ action: "skipped-file", file: f, rule: `larger than ${MAX_SOURCE_FILE_BYTES} bytes (${size}); no official source read here is that large` });
      continue;
    }
    const b = fs.readFileSync(f);
    bytes.set(f, b);
    collect(() => detected.push(detectSource(f, b)));
  }
  const finished = new Set<string>();
  const fileDone = (f: string) => {
    if (finished.has(f)) return;
    finished.add(f);
    options.onProgress?.(finished.size, files.length);
  };
  // a file named on its own must be recognised (files found in folders may be skipped, with a log line)
  const named = new Set(paths.filter((p) => fs.existsSync(p) && fs.statSync(p).isFile()));
  const unrecognised = detected.filter((d) => d.kind === "unknown" && named.has(d.file));
  if (unrecognised.length > 0) {
    const expected = "an official publication the importer recognises (for your own indicators use `vital-signs add PKG FILE`)";
    throw new DataErrors(unrecognised.map((d) => new DataError({ file: d.file, value: d.reason ?? "not recognised", expected })), "files named on the command line");
  }
  options.onProgress?.(0, files.length);
  for (const d of detected) {
    if (d.kind === "unknown") log.add({ action: "unknown-file", file: d.file, rule: d.reason ?? "not recognised" });
    if (d.kind === "not-imported") log.add({ action: "skipped-file", file: d.file, rule: d.reason ?? "not imported" });
    if (d.kind === "unknown" || d.kind === "not-imported") fileDone(d.file);
  }
  const of = (k: DetectedSource["kind"]) => detected.filter((d) => d.kind === k).map((d) => d.file);
  const text = (f: string) => decodeUtf8(bytes.get(f) as Uint8Array, f);

  const lookups = of("areas-lookup");
  if (lookups.length !== 1) {
    if (errors.length > 0) throw new DataErrors(errors, "importOfficial");
    throw new InputError("importOfficial", "exactly one DfE–ONS area lookup (la_lookup_dfe_ons_codes.csv) must be among the sources", lookups.length);
  }
  const areas: AreaIndex = buildAreas(text(lookups[0]), lookups[0]);
  fileDone(lookups[0]);
  for (const [alias, code] of areas.aliases) log.add({ action: "check", file: lookups[0], rule: "ONS code alias → canonical code", value: `${alias} → ${code}`, count: 1 });

  const indicatorSets: { file: string; rows: IndicatorRow[] }[] = [];
  const benchmarks: BenchmarkRow[] = [];
  const mappingByFile = new Map<string, string>();
  const sourcesOf = new Map<string, Set<string>>();
  const noteSource = (indicator: string, s: string) => sourcesOf.set(indicator, (sourcesOf.get(indicator) ?? new Set()).add(s));

  for (const f of of("ees")) {
    collect(() => {
      const table = readEesTable(text(f), f, areas, log);
      const r = applyEesMappings(table, EES_MAPPINGS, areas, log);
      if (r.mappings.length === 0) {
        log.add({ action: "skipped-file", file: f, rule: "EES file with no entry in EES_MAPPINGS" });
        return;
      }
      indicatorSets.push({ file: f, rows: r.indicators });
      append(benchmarks, r.benchmarks);
      mappingByFile.set(f, r.mappings.map((m) => `${m.indicator} ← ${describeMapping(m)}`).join(" | "));
      for (const m of r.mappings) noteSource(m.indicator, `EES ${describeMapping(m)}`);
    });
    fileDone(f);
  }
  for (const f of of("derived-cla")) {
    collect(() => {
      const r = importDerivedCla(text(f), f, areas, log);
      indicatorSets.push({ file: f, rows: r.indicators });
      append(benchmarks, r.benchmarks);
      mappingByFile.set(f, DERIVED_CLA_MAPPINGS.map((m) => `${m.indicator} ← indicator="${m.source}"`).join(" | "));
      for (const m of DERIVED_CLA_MAPPINGS) noteSource(m.indicator, `SFR 2011–2016 (derived/${path.basename(f)}, indicator "${m.source}")`);
    });
    fileDone(f);
  }
  for (const f of of("sfr")) {
    collect(() => {
      const r = importSfrCsv(text(f), f, areas, log);
      indicatorSets.push({ file: f, rows: r.indicators });
      append(benchmarks, r.benchmarks);
      mappingByFile.set(f, r.mappings.map((m) => `${m.indicator} ← 100 × (${m.numerator.join(" + ")}) / (${m.denominator.join(" + ")})`).join(" | "));
      for (const m of r.mappings) noteSource(m.indicator, `SFR ${path.basename(f)}: 100 × (${m.numerator.join(" + ")}) / (${m.denominator.join(" + ")})`);
    });
    fileDone(f);
  }
  for (const f of of("ohid-fingertips")) {
    collect(() => {
      const r = importOhid(text(f), f, OHID_MAPPINGS, areas, log);
      if (r.mappings.length === 0) {
        log.add({ action: "skipped-file", file: f, rule: "OHID Fingertips export with no entry in OHID_MAPPINGS" });
        return;
      }
      indicatorSets.push({ file: f, rows: r.indicators });
      append(benchmarks, r.benchmarks);
      const describe = (m: (typeof r.mappings)[number]) => `Indicator ID ${m.indicatorId}, Sex ${m.sex}, Age ${m.age}, no category; Time period YYYY/YY → year ending March`;
      mappingByFile.set(f, r.mappings.map((m) => `${m.indicator} ← ${describe(m)}`).join(" | "));
      for (const m of r.mappings) noteSource(m.indicator, `OHID Fingertips ${path.basename(f)}: ${describe(m)}`);
    });
    fileDone(f);
  }
  const context: ContextRow[] = [];
  for (const f of of("population")) {
    collect(() => {
      const r = importPopulation(text(f), f, areas, log);
      append(context, r.context);
      log.add({ action: "dropped", file: f, rule: "England and region population totals not written (context has no benchmark table)", count: r.benchmarks.length });
      mappingByFile.set(f, `child_population_0_17 ← population_estimate where age_group="Children aged 0 to 17 years"; ${POPULATION_PERIOD_RULE}`);
    });
    fileDone(f);
  }
  // duplicates across files are errors
  const indicators: IndicatorRow[] = [];
  const owner = new Map<string, string>();
  for (const s of indicatorSets) {
    for (const r of s.rows) {
      const k = `${r.la_code}|${r.period}|${r.indicator}`;
      const prev = owner.get(k);
      if (prev !== undefined) {
        errors.push(new DataError({ file: s.file, column: "la_code+period+indicator", value: `${r.la_code}, ${r.period}, ${r.indicator}`, expected: `one source per LA, period and indicator (also in ${prev})` }));
        continue;
      }
      owner.set(k, s.file);
      indicators.push(r);
    }
  }
  const rates = ratesFromCounts(indicators, context);
  append(indicators, rates);
  for (const m of POPULATION_RATE_MAPPINGS) noteSource(m.indicator, `computed: ${m.countIndicator} / child_population_0_17 × 10,000`);
  const claCheck = checkPublishedRates(indicators, "cla_rate_per_10k", context);
  log.add({
    action: "check",
    file: "cla_rate_per_10k",
    rule: `published CLA rates per 10,000 vs number / ONS 0–17 population × 10,000: ${claCheck.agree}/${claCheck.n} agree within 0.5 (rounding); by period ${Object.entries(claCheck.byPeriod).map(([p, c]) => `${p}: ${c.agree}/${c.n}`).join(", ")}. Disagreements are years whose ONS estimates were revised (rebased) after the CLA release; the published rate is kept`,
    value: claCheck.examples.slice(0, 20).map((e) => `${e.la_code} ${e.period}: ${e.published} vs ${e.recomputed.toFixed(2)}`).join("; "),
    count: claCheck.n,
  });

  for (const d of detected.filter((x) => x.kind === "revenue-outturn-ods")) {
    const f = d.file;
    collect(() => {
      const outturn = readRevenueOutturn(bytes.get(f) as Uint8Array, f, d.sheets ?? [], FINANCE_MAPPINGS, areas, log);
      const r = financeIndicators(outturn, context, f, log);
      append(indicators, r.indicators);
      append(benchmarks, r.benchmarks);
      const describe = (m: (typeof outturn.mappings)[number]) => `${m.scale} × "${m.numerator}" / ${m.denominator === "child_population_0_17" ? "child_population_0_17 (ONS 0–17)" : `"${m.denominator}"`}`;
      mappingByFile.set(f, outturn.mappings.map((m) => `${m.indicator} ← ${describe(m)}`).join(" | "));
      for (const m of outturn.mappings) noteSource(m.indicator, `MHCLG revenue outturn ${outturn.workbook} ${path.basename(f)}: ${describe(m)} (£ thousand; financial year ending March ${outturn.period})`);
    });
    fileDone(f);
  }

  const outcomes: OutcomeRow[] = [];
  for (const f of of("ofsted-ods")) {
    collect(() => {
      append(outcomes, importOfstedOds(bytes.get(f) as Uint8Array, f, areas, log));
      mappingByFile.set(f, `outcomes: SIF/ILACS judgements; ${OFSTED_PERIOD_RULE}`);
    });
    fileDone(f);
  }
  for (const f of of("iod-xlsx")) {
    collect(() => {
      append(context, importIod(bytes.get(f) as Uint8Array, f, areas, log));
      mappingByFile.set(f, `imd_score/imd_rank ← IMD sheet, idaci_score/idaci_rank ← IDACI sheet (average score, rank of average score); ${IOD_PERIOD_RULE}`);
    });
    fileDone(f);
  }

  // LAIT
  const dictFiles = of("lait-dictionary");
  const parquetFiles = of("lait-parquet");
  let dictionary: Map<string, LaitMeasure> | undefined;
  for (const f of dictFiles) {
    collect(() => (dictionary = readLaitDictionary(text(f), f)));
    fileDone(f);
  }
  const laitCatalogue: CatalogueRow[] = [];
  if (parquetFiles.length > 0 && dictionary === undefined) {
    const reason = "LAIT parquet without its data dictionary among the sources";
    for (const f of parquetFiles) log.add({ action: "skipped-file", file: f, rule: reason });
    // not imported: counted and listed as such, not as an imported source
    detected.forEach((d, i) => {
      if (d.kind === "lait-parquet") detected[i] = { file: d.file, kind: "not-imported", reason };
    });
  }
  if (dictionary !== undefined) {
    for (const f of parquetFiles) {
      let values: { values: LaitValue[]; notKept: Map<string, number> } | undefined;
      const dict0 = dictionary;
      try {
        values = await readLaitParquet(bytes.get(f) as Uint8Array, f, (code) => isLaitCscMeasure(dict0, code));
      } catch (e) {
        if (e instanceof DataErrors) append(errors, e.errors);
        else if (e instanceof DataError) errors.push(e);
        else throw e;
      }
      if (values === undefined) {
        fileDone(f);
        continue;
      }
      const dict = dictionary;
      const v = values;
      collect(() => {
        const r = combineLait(dict, v.values, v.notKept, indicators, areas, f, log);
        append(indicators, r.fills);
        append(indicators, r.laitOnly);
        append(laitCatalogue, r.catalogue);
        for (const c of r.crossCheck) if (c.filled > 0) noteSource(c.indicator, `LAIT ${c.lait} (LA-years absent from EES/SFR; ${c.agree}/${c.overlap} overlapping values agree)`);
        mappingByFile.set(f, `CSC topics; cross-check/fill via INDICATOR_META.lait; others as lait_* indicators`);
      });
      fileDone(f);
    }
  }
  for (const f of files) fileDone(f); // e.g. LAIT parquet skipped for want of its dictionary
  if (errors.length > 0) throw new DataErrors(errors, "importOfficial");

  // catalogue
  const used = new Set(indicators.map((r) => r.indicator));
  const catalogue: CatalogueRow[] = [];
  for (const [id, meta] of Object.entries(INDICATOR_META)) {
    if (!used.has(id)) continue;
    const lait = meta.lait && dictionary ? dictionary.get(meta.lait) : undefined;
    let polarity = meta.polarity;
    if (lait !== undefined && lait.polarity !== "none" && lait.polarity !== meta.polarity) {
      log.add({ action: "check", file: "catalogue", rule: "polarity taken from the LAIT dictionary differs from the mapping table's", column: id, value: `${meta.polarity} → ${lait.polarity}` });
      polarity = lait.polarity;
    }
    const laitDef = lait ? ` LAIT ${lait.code}: ${lait.description.replace(/\s+/g, " ").trim().slice(0, 300)}` : "";
    catalogue.push({
      indicator: id,
      label: meta.label,
      domain: meta.domain,
      polarity,
      unit: meta.unit,
      numerator: meta.numerator,
      denominator: meta.denominator,
      source: [...(sourcesOf.get(id) ?? [])].join(" | "),
      definition: `${meta.definition}${meta.study2016 ? ` (La Valle et al. 2016, Appendix 2 variable ${meta.study2016}.)` : ""}${laitDef}`,
      ...frameworkTagsFor(id, meta.domain),
    });
  }
  append(catalogue, laitCatalogue);
  const catalogued = new Set(catalogue.map((c) => c.indicator));
  const uncatalogued = indicators.filter((r) => !catalogued.has(r.indicator));
  if (uncatalogued.length > 0) throw new DataErrors([new DataError({ file: "catalogue", column: "indicator", value: uncatalogued[0].indicator, expected: "every imported indicator in INDICATOR_META" })], "importOfficial");

  const sources: SourceDescriptor[] = detected
    .filter((d) => d.kind !== "unknown")
    .map((d) => ({
      title: path.basename(d.file),
      ...(publicationOf(d.file) ? { publication: publicationOf(d.file) } : {}),
      path: d.file,
      sha256: sha256(bytes.get(d.file) as Uint8Array),
      licence: OGL_V3.name,
      mapping: d.kind === "not-imported" ? `not imported: ${d.reason}` : (mappingByFile.get(d.file) ?? d.kind),
    }));
  const entries = log.entries();
  const study = study2016Coverage(indicators);
  const content: PackageContent = {
    name: options.name ?? "england-official",
    title: options.title ?? "Children's social care in England: official statistics by local authority",
    description: "Imported by `vital-signs import` from official publications (DfE EES, SFR, Ofsted, ONS, MHCLG IoD 2019, LAIT) as published.",
    licenses: [OGL_V3],
    sources,
    created: options.created ?? new Date().toISOString(),
    provenance: {
      generator: "vital-signs import (lib/data/import/import-official.ts)",
      area_codes: "la_code is the LA's most recent ONS code (2025 codes); earlier codes are aliases re-coded on import",
      code_aliases: Object.fromEntries(areas.aliases),
      reorganisation_rules: REORGANISATION_RULES,
      shared_service_rules: SHARED_SERVICE_RULES,
      period_rules: [WORKFORCE_PERIOD_RULE, POPULATION_PERIOD_RULE, OFSTED_PERIOD_RULE, IOD_PERIOD_RULE, "EES/SFR time_period YYYY is the year ending 31 March YYYY; LAIT '2016-17' is 2017."],
      missing_values: "SFR files (2013–2017): x → suppressed:x (withheld for confidentiality), . → not-applicable:. ; DfE symbols → status: c suppressed:c, low suppressed:low, k suppressed:k, x not-available:x, ':' not-available::, z not-applicable:z, u low-reliability:u, blank not-available:, LAIT '-' not-available:-",
      study2016_variables_2015: study,
      import_log: { file: "import-log.json", summary: summariseImportLog(entries) },
    },
    areas: areas.areas,
    catalogue,
    indicators,
    context,
    outcomes,
    benchmarks,
  };
  return { content, log: entries, detected };
}

/**
 * How many LAs have a value in the year ending March 2015 for each of the 2016 study's 14 variables.
 * @example
 * study2016Coverage(content.indicators).find((s) => s.variable === 10)?.las_with_value_2015 // 149
 */
export function study2016Coverage(indicators: readonly IndicatorRow[]): { variable: number; indicator: string; las_with_value_2015: number; note?: string }[] {
  const out: { variable: number; indicator: string; las_with_value_2015: number; note?: string }[] = [];
  for (const [id, meta] of Object.entries(INDICATOR_META)) {
    if (!meta.study2016) continue;
    const workforce = meta.domain === "workforce";
    const period = workforce ? 2016 : 2015; // September 2015 census → year ending March 2016
    const n = indicators.filter((r) => r.indicator === id && r.period === period && r.value !== null).length;
    out.push({
      variable: meta.study2016,
      indicator: id,
      las_with_value_2015: n,
      note: workforce ? "workforce census of 30 September 2015 = period 2016; not in the official folder (CSWW EES file starts 2017, LAIT 2016)" : undefined,
    });
  }
  return out.sort((a, b) => a.variable - b.variable);
}

/**
 * Import and write a package plus `import-log.json` to `dir`.
 * @returns the descriptor written and the log
 * @example
 * await importOfficialToPackage(["../shared/data/official"], "/tmp/england", { created: "2026-01-01T00:00:00Z" });
 */
export async function importOfficialToPackage(paths: readonly string[], dir: string, options: ImportOptions = {}): Promise<{ descriptor: PackageDescriptor; log: readonly ImportLogEntry[]; detected: readonly DetectedSource[] }> {
  const r = await importOfficial(paths, options);
  // one atomic group: a killed import leaves the previous package and its log intact
  const descriptor = writePackage(dir, r.content, { extraFiles: [{ name: "import-log.json", contents: `${JSON.stringify({ entries: r.log }, null, 1)}\n` }] });
  return { descriptor, log: r.log, detected: r.detected };
}
