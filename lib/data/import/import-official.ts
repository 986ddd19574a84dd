/**
 * Import official publications (EES CSVs, SFR-era derived file, ONS population, Ofsted .ods, IoD .xlsx,
 * LAIT parquet + dictionary, DfE–ONS area lookup) into one data package, for every period they cover.
 *
 * Order: areas, then the source importers of {@link IMPORT_STEPS} (EES → SFR-derived → SFR → OHID →
 * population (+ rates from counts) → revenue outturn → Ofsted → IoD → LAIT cross-check and gap fill).
 * Every file is detected by header/extension; unknown files and recognised-but-unused files are listed in
 * the import log, never ignored silently. Data problems are DataErrors naming file, row,
 * column and value; all of them across files are thrown together as one DataErrors.
 */
import { IMPORT_LOG_FILE, OFFICIAL_PACKAGE_NAME } from "../official-sources";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, DataErrors, InputError } from "../../errors";
import type { ProgressCallback } from "../../progress";
import { decodeUtf8 } from "../csv";
import { writePackageWithIndicatorColumns, OGL_V3 } from "../package-write";
import type { CatalogueRow, PackageContent, PackageDescriptor, SourceDescriptor } from "../types";
import { LAIT_NOT_AN_AREA_RULE, REORGANISATION_RULES, SHARED_SERVICE_RULES, UNKNOWN_LA_RULE, buildAreas, type AreaIndex } from "./areas";
import { detectSource, type DetectedSource, type SourceKind } from "./detect";
import { EES_PERIOD_RULE } from "./ees";
import { ImportLog, summariseImportLog, type ImportLogEntry } from "./import-log";
import { IOD_PERIOD_RULE } from "./iod-xlsx";
import { LAIT_PERIOD_RULE } from "./lait-parquet";
import { frameworkTagsFor } from "./framework-tags";
import { INDICATOR_META, WORKFORCE_PERIOD_RULE } from "./mappings";
import { OFSTED_PERIOD_RULE } from "./ofsted-ods";
import { publicationOf } from "./publications";
import { POPULATION_PERIOD_RULE } from "./population";
import { OdsPrefetch } from "./ods-prefetch";
import { readLaitAhead, type LaitReadAhead } from "./lait-read-ahead";
import { IMPORT_STEPS, type ImportState, type ImportStep } from "./source-importers";
import { append } from "../append";
import { hashSourcesWhile, sourceSha256 } from "./source-hashes";
import { isOds, listSourceFiles, readSources, type SourcesReadAhead } from "./source-files";
import { importedIndicators, indicatorsOfColumns, study2016Coverage, study2016CoverageOfColumns } from "./indicator-row-summaries";
import { indicatorRowColumns } from "../indicator-row-columns";
import type { ResourceColumns } from "../package-columns";
import { MISSING_VALUE_RULES } from "./symbols";
import { valueNotesOfLog } from "./ohid-fingertips";

export { study2016Coverage } from "./indicator-row-summaries";
export { MAX_SOURCE_FILE_BYTES, listSourceFiles } from "./source-files";

/** What an import produced: the package content and the full log. */
export interface OfficialImport {
  content: PackageContent;
  log: readonly ImportLogEntry[];
  detected: readonly DetectedSource[];
}

/** An import and indicators.csv's columns (indicatorRowColumns of its content's indicators), made once for the catalogue and the writer. */
interface ImportWithColumns {
  imported: OfficialImport;
  indicatorColumns: ResourceColumns;
}

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
  /**
   * Read the .ods workbooks on a worker thread while the CSVs are imported (./ods-prefetch.ts): by default
   * when they total ODS_PREFETCH_MIN_BYTES (256 KiB) or more; true always, false never. Never changes the result.
   */
  readWorkbooksOnWorker?: boolean;
  /**
   * The sources as {@link readSourcesAhead} began reading them for the same `paths` (on libuv's threads, while
   * the caller went on, e.g. loading the importers): used instead of listing and reading them again. Made for
   * other paths, it is ignored. Never changes the result.
   */
  readAhead?: SourcesReadAhead;
}

/** A file named on its own must be recognised (files found in folders may be skipped, with a log line). */
function checkNamedFilesRecognised(paths: readonly string[], detected: readonly DetectedSource[]): void {
  const named = new Set(paths.filter((p) => fs.existsSync(p) && fs.statSync(p).isFile()));
  const unrecognised = detected.filter((d) => d.kind === "unknown" && named.has(d.file));
  if (unrecognised.length > 0) {
    const expected = "an official publication the importer recognises (for your own indicators use `vital-signs add PKG FILE`)";
    throw new DataErrors(unrecognised.map((d) => new DataError({ file: d.file, value: d.reason ?? "not recognised", expected })), "files named on the command line");
  }
}

/** The areas table from the one DfE–ONS lookup among the sources (its code aliases logged). */
function readAreas(detected: readonly DetectedSource[], bytes: ReadonlyMap<string, Uint8Array>, log: ImportLog, errors: readonly DataError[]): { areas: AreaIndex; file: string } {
  const lookups = detected.filter((d) => d.kind === "areas-lookup").map((d) => d.file);
  if (lookups.length !== 1) {
    if (errors.length > 0) throw new DataErrors(errors, "importOfficial");
    throw new InputError("importOfficial", "exactly one DfE–ONS area lookup (la_lookup_dfe_ons_codes.csv) must be among the sources", lookups.length);
  }
  const file = lookups[0];
  const areas = buildAreas(decodeUtf8(bytes.get(file) as Uint8Array, file), file);
  for (const [alias, code] of areas.aliases) log.add({ action: "check", file, rule: "ONS code alias → canonical code", value: `${alias} → ${code}`, count: 1 });
  return { areas, file };
}

/**
 * Import official files into package content: each file is read and detected, then the source importers
 * ({@link IMPORT_STEPS}) run in order; data problems from every file are thrown together.
 * @param paths - folders and/or files (e.g. ../shared/data/official)
 * @throws InputError if no area lookup is among the sources; DataErrors for every data problem found
 * @example
 * const { content, log } = await importOfficial(["../shared/data/official"], { created: "2026-01-01" });
 */
export async function importOfficial(paths: readonly string[], options: ImportOptions = {}): Promise<OfficialImport> {
  return (await importWithColumns(paths, options)).imported;
}

/** {@link importOfficial}, with indicators.csv's columns for {@link importOfficialToPackage}'s writer. */
async function importWithColumns(paths: readonly string[], options: ImportOptions): Promise<ImportWithColumns> {
  // a folder given as a string, not a list, was read as a list of its characters: "/" first, then the whole disk
  if (!Array.isArray(paths)) throw new InputError("importOfficial", `paths must be a list of files and folders (["${String(paths)}"]), not ${typeof paths}`);
  const ahead = options.readAhead !== undefined && samePaths(options.readAhead.paths, paths) ? options.readAhead : undefined;
  const notFollowed: { file: string; reason: string }[] = ahead === undefined ? [] : [...ahead.skipped];
  const files = ahead === undefined ? listSourceFiles(paths, notFollowed) : ahead.files;
  const log = new ImportLog();
  for (const n of notFollowed) log.add({ action: "skipped-file", file: n.file, rule: n.reason });
  const prefetch = OdsPrefetch.start(files, options.readWorkbooksOnWorker);
  let succeeded = false;
  try {
    // the worker starts on the workbooks at once; every other file is detected as soon as it is read (while the
    // files after it are still being read ahead)
    const detections = new Map<string, Detection>();
    const bytes = await readSources(files, log, (workbooks) => prefetch.sendWorkbooks(workbooks), ahead?.reads, (f, b) => {
      if (!isOds(f)) detections.set(f, detectionOf(f, b));
    });
    const lait = [...detections.values()].flatMap((d) => ("detected" in d && (d.detected.kind === "lait-dictionary" || d.detected.kind === "lait-parquet") ? [d.detected] : []));
    prefetch.sendLait(bytes, lait); // the worker reads them after the workbooks
    const imported = await importSources(paths, files, bytes, detections, log, prefetch, options);
    await prefetch.settle(); // the worker, done, is then kept for the next import in this process
    succeeded = true;
    return imported;
  } finally {
    prefetch.close(succeeded); // after a failure it is terminated, even if it happened to be done
  }
}

const samePaths = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((p, k) => p === b[k]);

/** {@link importOfficial} once the files are read: the CSV sources first, while the workbooks are read beside them. */
async function importSources(paths: readonly string[], files: readonly string[], bytes: ReadonlyMap<string, Uint8Array>, csvDetections: ReadonlyMap<string, Detection>, log: ImportLog, prefetch: OdsPrefetch, options: ImportOptions): Promise<ImportWithColumns> {
  const early = await importCsvSourcesEarly(bytes, csvDetections);
  // the LAIT files, which need nothing imported before them: asked for at the LAIT steps, as the worker read them
  // after the workbooks, or read here then (when the worker has not started them, or could not read them)
  const laitReadAhead = early !== undefined ? laitWhenAsked(prefetch, early.state.detected, bytes) : undefined;
  const errors: DataError[] = [];
  const keepDataErrors = dataErrorCollector(errors);
  const detected: DetectedSource[] = [];
  for (const f of bytes.keys()) {
    if (isOds(f)) await prefetch.namesOrClaim(f);
    const outcome = csvDetections.get(f) ?? detectionOf(f, bytes.get(f) as Uint8Array);
    if ("thrown" in outcome) keepDataErrors(outcome.thrown);
    else detected.push(outcome.detected);
  }
  const finished = new Set<string>();
  const fileDone = (f: string) => {
    if (finished.has(f)) return;
    finished.add(f);
    options.onProgress?.(finished.size, files.length);
  };
  checkNamedFilesRecognised(paths, detected);
  options.onProgress?.(0, files.length);
  for (const d of detected) {
    if (d.kind === "unknown") log.add({ action: "unknown-file", file: d.file, rule: d.reason ?? "not recognised" });
    if (d.kind === "not-imported") log.add({ action: "skipped-file", file: d.file, rule: d.reason ?? "not imported" });
    if (d.kind === "unknown" || d.kind === "not-imported") fileDone(d.file);
  }
  let state: ImportState;
  let steps = IMPORT_STEPS;
  if (early !== undefined) {
    // the areas and the CSV steps ran already, into their own log and errors: added here, where they ran before
    const run = early;
    log.appendEntries(run.state.log.entries());
    run.filesDone.forEach(fileDone);
    if (run.thrown !== undefined) throw run.thrown;
    append(errors, run.state.errors);
    state = { ...run.state, log, errors, detected, laitReadAhead };
    steps = IMPORT_STEPS.slice(run.steps);
  } else {
    const { areas, file: lookup } = readAreas(detected, bytes, log, errors);
    fileDone(lookup);
    state = newImportState(areas, log, bytes, detected, errors);
  }
  await runImportSteps(steps, state, prefetch, keepDataErrors, fileDone);
  for (const f of files) fileDone(f); // e.g. LAIT parquet skipped for want of its dictionary
  const lookupCut = incompleteLookup(state.areas, detected, log);
  if (lookupCut !== undefined) errors.push(lookupCut);
  if (errors.length > 0) throw new DataErrors(errors, "importOfficial");
  // the indicator rows as columns once: the catalogue and the provenance read its codes, writePackage writes it
  const indicatorColumns = indicatorRowColumns(state.indicators);
  const catalogue = buildCatalogue(state, indicatorColumns);
  const content = packageContent(state, catalogue, options, indicatorColumns);
  return { imported: { content, log: log.entries(), detected }, indicatorColumns };
}

/**
 * Fewest current LAs (no last period) of a lookup taken for all of England's: England has 153 children's services
 * LAs (2024 on; 152 before), and a few may be left out on purpose (the Isles of Scilly, the City of London).
 */
export const ENGLAND_MIN_CURRENT_LAS = 150;

/**
 * An error when the area lookup is clearly cut short: fewer than {@link ENGLAND_MIN_CURRENT_LAS} current LAs while
 * the sources name LAs it does not have (rows logged as not in the areas table). The official lookup cut by
 * `head -n 60` imported 58 areas with exit 0, its 3,880 rows of the other LAs "not imported" only as warnings. A
 * lookup of a few LAs whose sources name no others (a subset on purpose, as the tests' lookups are) is accepted.
 */
function incompleteLookup(areas: AreaIndex, detected: readonly DetectedSource[], log: ImportLog): DataError | undefined {
  const current = areas.areas.filter((a) => a.last_period === null).length;
  if (current >= ENGLAND_MIN_CURRENT_LAS) return undefined;
  const unknown = log.entries().filter((e) => e.rule === UNKNOWN_LA_RULE || e.rule === LAIT_NOT_AN_AREA_RULE);
  if (unknown.length === 0) return undefined;
  const rows = unknown.reduce((n, e) => n + e.count, 0);
  const lookup = detected.find((d) => d.kind === "areas-lookup"); // one: readAreas refused any other number
  return new DataError({
    file: lookup?.file ?? "la_lookup_dfe_ons_codes.csv",
    value: `${current} current LAs`,
    expected: `a lookup of England's LAs (at least ${ENGLAND_MIN_CURRENT_LAS} current LAs): the sources name ${rows} rows of LAs not in it (e.g. ${unknown[0].value ?? ""} in ${unknown[0].file}); a lookup cut short?`,
  });
}

function newImportState(areas: AreaIndex, log: ImportLog, bytes: ReadonlyMap<string, Uint8Array>, detected: DetectedSource[], errors: DataError[]): ImportState {
  return { areas, log, bytes, detected, errors, indicatorSets: [], indicators: [], benchmarks: [], context: [], outcomes: [], laitCatalogue: [], dictionary: undefined, mappingByFile: new Map(), sourcesOf: new Map() };
}

/** The LAIT files as read ahead, read once when first asked for: by the worker (OdsPrefetch.laitAhead), else here. */
function laitWhenAsked(prefetch: OdsPrefetch, detected: readonly DetectedSource[], bytes: ReadonlyMap<string, Uint8Array>): () => Promise<LaitReadAhead> {
  let read: Promise<LaitReadAhead> | undefined;
  // while the worker reads them, this thread hashes the sources (needed at the end) instead of waiting idle
  return () => (read ??= hashSourcesWhile(() => prefetch.laitInProgress(), bytes.values()).then(() => prefetch.laitAhead()).then((ahead) => ahead ?? readLaitAhead(detected, bytes)));
}

/** Keeps DataError(s) in `errors`; anything else is thrown on. */
function dataErrorCollector(errors: DataError[]): (e: unknown) => void {
  return (e) => {
    if (e instanceof DataErrors) append(errors, e.errors);
    else if (e instanceof DataError) errors.push(e);
    else throw e;
  };
}

/** Run the import steps in order; a workbook's step first waits for the worker reading it. */
async function runImportSteps(steps: readonly ImportStep[], state: ImportState, prefetch: OdsPrefetch | undefined, keepDataErrors: (e: unknown) => void, fileDone: (f: string) => void): Promise<void> {
  for (const step of steps) {
    if ("run" in step) {
      step.run(state);
      continue;
    }
    for (const d of state.detected.filter((x) => x.kind === step.kind)) {
      try {
        if (prefetch !== undefined && isOds(d.file)) await workbookRead(d.file, state, prefetch);
        await step.importFile(d, state);
      } catch (e) {
        keepDataErrors(e);
      }
      fileDone(d.file);
    }
  }
}

/**
 * Wait for the worker reading `file`'s sheets; while it still reads, this thread first reads the LAIT files
 * (read ahead, needed at the last steps) when the worker has not started them, then hashes the sources,
 * instead of waiting idle.
 */
async function workbookRead(file: string, state: ImportState, prefetch: OdsPrefetch): Promise<void> {
  if (!prefetch.sheetsArrived(file) && state.laitReadAhead !== undefined && (await prefetch.laitUnstarted())) await state.laitReadAhead().catch(() => undefined); // a failure is thrown again at the LAIT steps, where it was before
  await hashSourcesWhile(() => !prefetch.sheetsArrived(file), state.bytes.values());
  await prefetch.sheets(file);
}

/** A file's detection, or what detecting it threw. */
type Detection = { detected: DetectedSource } | { thrown: unknown };

function detectionOf(file: string, bytes: Uint8Array): Detection {
  try {
    return { detected: detectSource(file, bytes) };
  } catch (e) {
    return { thrown: e };
  }
}

/** The CSV steps run ahead: their state (own log and errors), the files they finished and how many steps they ran. */
interface EarlyRun {
  state: ImportState;
  filesDone: string[];
  steps: number;
  thrown?: unknown;
}

/**
 * Given every file but the workbooks detected (in the order read, as {@link importOfficial} reads them), when exactly one area lookup is among
 * them and it reads, build the areas and run the leading steps that read no workbook (EES, SFR, OHID, population)
 * into their own log and errors: what {@link importSources} then adds at the point where they ran before, so the
 * log, the errors and the package are those of running everything in order. Undefined when they cannot run early.
 */
async function importCsvSourcesEarly(bytes: ReadonlyMap<string, Uint8Array>, detections: ReadonlyMap<string, Detection>): Promise<EarlyRun | undefined> {
  const detected = [...detections.values()].flatMap((d) => ("detected" in d ? [d.detected] : []));
  if (detected.filter((d) => d.kind === "areas-lookup").length !== 1) return undefined;
  const log = new ImportLog();
  const errors: DataError[] = [];
  let areas: { areas: AreaIndex; file: string };
  try {
    areas = readAreas(detected, bytes, log, errors);
  } catch {
    return undefined; // thrown again, in its place, by the import in order
  }
  let steps = 0;
  while (steps < IMPORT_STEPS.length && "kind" in IMPORT_STEPS[steps] && !isWorkbookKind((IMPORT_STEPS[steps] as { kind: SourceKind }).kind)) steps++;
  const run: EarlyRun = { state: newImportState(areas.areas, log, bytes, detected, errors), filesDone: [areas.file], steps };
  try {
    await runImportSteps(IMPORT_STEPS.slice(0, steps), run.state, undefined, dataErrorCollector(errors), (f) => run.filesDone.push(f));
  } catch (e) {
    run.thrown = e;
  }
  return run;
}

/** Kinds read from workbooks (never detected among the CSVs, so never run early). */
const isWorkbookKind = (kind: SourceKind) => kind === "ofsted-ods" || kind === "revenue-outturn-ods";

/**
 * The catalogue: one row per indicator of INDICATOR_META that was imported (polarity from the LAIT
 * dictionary where it says otherwise, logged), then LAIT-only indicators.
 * @throws DataErrors when an imported indicator has no catalogue row
 */
function buildCatalogue(s: ImportState, indicatorColumns: ResourceColumns): CatalogueRow[] {
  const used = indicatorsOfColumns(indicatorColumns) ?? importedIndicators(s.indicators);
  const catalogue: CatalogueRow[] = [];
  for (const [id, meta] of Object.entries(INDICATOR_META)) {
    if (!used.has(id)) continue;
    const lait = meta.lait && s.dictionary ? s.dictionary.get(meta.lait) : undefined;
    let polarity = meta.polarity;
    if (lait !== undefined && lait.polarity !== "none" && lait.polarity !== meta.polarity) {
      s.log.add({ action: "check", file: "catalogue", rule: "polarity taken from the LAIT dictionary differs from the mapping table's", column: id, value: `${meta.polarity} → ${lait.polarity}` });
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
      source: [...(s.sourcesOf.get(id) ?? [])].join(" | "),
      definition: `${meta.definition}${meta.study2016 ? ` (La Valle et al. 2016, Appendix 2 variable ${meta.study2016}.)` : ""}${laitDef}`,
      ...frameworkTagsFor(id, meta.domain),
    });
  }
  append(catalogue, s.laitCatalogue);
  const catalogued = new Set(catalogue.map((c) => c.indicator));
  // the first row's indicator without a catalogue row: `used` holds the indicators in order of first occurrence
  const uncatalogued = [...used].find((id) => !catalogued.has(id));
  if (uncatalogued !== undefined) throw new DataErrors([new DataError({ file: "catalogue", column: "indicator", value: uncatalogued, expected: "every imported indicator in INDICATOR_META" })], "importOfficial");
  return catalogue;
}

/** datapackage.json `sources`: every recognised file with its publication, sha256 and the mapping it was read with. */
function describeSources(s: ImportState): SourceDescriptor[] {
  return s.detected
    .filter((d) => d.kind !== "unknown")
    .map((d) => ({
      title: path.basename(d.file),
      ...(publicationOf(d.file) ? { publication: publicationOf(d.file) } : {}),
      path: d.file,
      sha256: sourceSha256(s.bytes.get(d.file) as Uint8Array),
      licence: OGL_V3.name,
      mapping: d.kind === "not-imported" ? `not imported: ${d.reason}` : (s.mappingByFile.get(d.file) ?? d.kind),
    }));
}

/** The package content with its provenance (rules for codes, periods and missing values; the log's summary). */
function packageContent(s: ImportState, catalogue: CatalogueRow[], options: ImportOptions, indicatorColumns: ResourceColumns): PackageContent {
  return {
    name: options.name ?? OFFICIAL_PACKAGE_NAME,
    title: options.title ?? "Children's social care in England: official statistics by local authority",
    description: "Imported by `vital-signs import` from official publications (DfE EES, SFR, Ofsted, ONS, MHCLG IoD 2019, LAIT) as published.",
    licenses: [OGL_V3],
    sources: describeSources(s),
    created: options.created ?? new Date().toISOString(),
    provenance: {
      generator: "vital-signs import (lib/data/import/import-official.ts)",
      area_codes: "la_code is the LA's most recent ONS code (2025 codes); earlier codes are aliases re-coded on import",
      code_aliases: Object.fromEntries(s.areas.aliases),
      reorganisation_rules: REORGANISATION_RULES,
      shared_service_rules: SHARED_SERVICE_RULES,
      period_rules: [WORKFORCE_PERIOD_RULE, POPULATION_PERIOD_RULE, OFSTED_PERIOD_RULE, IOD_PERIOD_RULE, `${EES_PERIOD_RULE} ${LAIT_PERIOD_RULE}`],
      missing_values: MISSING_VALUE_RULES,
      study2016_variables_2015: study2016CoverageOfColumns(indicatorColumns) ?? study2016Coverage(s.indicators),
      import_log: { file: "import-log.json", summary: summariseImportLog(s.log.entries()) },
      value_notes: valueNotesOfLog(s.log.entries()),
    },
    areas: s.areas.areas,
    catalogue,
    indicators: s.indicators,
    context: s.context,
    outcomes: s.outcomes,
    benchmarks: s.benchmarks,
  };
}

/**
 * Import and write a package plus `import-log.json` to `dir`. `replacing`: an earlier import's files in `dir` (as
 * `refuseForeignOutput` returns them), those not written again (a resource no longer made) removed in the same
 * atomic group. `beforeCommit`: called just before the files are renamed into place (a package lock's check).
 * @returns the descriptor written and the log
 * @example
 * await importOfficialToPackage(["../shared/data/official"], "/tmp/england", { created: "2026-01-01T00:00:00Z" });
 */
export async function importOfficialToPackage(paths: readonly string[], dir: string, options: ImportOptions = {}, replacing: readonly string[] = [], beforeCommit?: () => void): Promise<{ descriptor: PackageDescriptor; log: readonly ImportLogEntry[]; detected: readonly DetectedSource[] }> {
  const { imported: r, indicatorColumns } = await importWithColumns(paths, options);
  // one atomic group: a killed import leaves the previous package and its log intact; the columns were made from
  // r.content's rows just now, with no code of the caller's in between
  const descriptor = writePackageWithIndicatorColumns(dir, r.content, { extraFiles: [{ name: IMPORT_LOG_FILE, contents: `${JSON.stringify({ entries: r.log }, null, 1)}\n` }], replacing, beforeCommit }, indicatorColumns);
  return { descriptor, log: r.log, detected: r.detected };
}
