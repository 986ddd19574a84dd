/**
 * Bring your own data: add indicators from a researcher's CSV or XLSX table to a data package.
 *
 * - {@link planOwnData} reads the table, matches its LAs ({@link areaMatcher}), parses values (numbers or DfE
 *   symbols, which stay missing with their reason — ./own-value.ts), builds catalogue rows from the
 *   metadata, and returns the new package content with a report of what was matched how and what was not.
 *   It writes nothing. An XLSX number formatted as a percentage is read as Excel shows it (0.45 → 45) for an
 *   indicator whose unit is percent, and is an error for any other unit (the stored 0.45 and the shown 45% differ
 *   100-fold, and which one the analyst meant cannot be told).
 * - writePackageAtomically (./write-atomically.ts) writes content beside the target, validates it, and only then
 *   swaps it in, so an error leaves the previous package as it was.
 * - {@link addOwnData} does both (throws {@link DataErrors} and writes nothing when a row cannot be used).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, DataErrors } from "../../errors";
import { addError, appendErrors, CappedDataErrors, errorCount } from "./capped-errors";
import { packageContent, readPackage, sha256 } from "../package";
import { lockAddTarget, writePackageAtomically } from "./write-atomically";
import { shiftDecimalPoint } from "../import/spreadsheet/xlsx";
import type { CatalogueRow, DataPackage, IndicatorRow, PackageContent, PackageDescriptor, SourceDescriptor } from "../types";
import type { AreaMatchMethod } from "./match-areas";
import { catalogueRowsFor, indicatorIdFromHeader, INDICATOR_ID, metadataFor, readMetadataSidecar, unusedMetadataNotes, type IndicatorMetadata } from "./metadata";
import { titleRowsNote } from "./sheet-header";
import { checkOwnHeader, detectLayout, inSheetOf, ownDataExtension, placedInSheet, readOwnTable, unnamedColumns, type OwnTableHead, type OwnTableLayout } from "./read-table";
import { readOwnCsvRecords } from "./read-csv-records";
import { blankColumnTally, noteUnnamedColumns } from "./blank-columns";
import { ownRowReader, type OwnRows } from "./own-rows";
import { PERIOD_RANGE, PERIOD_RANGE_EXPECTED } from "./cell-rules";
import { checkPercentCells, type PercentCellsOfIndicator } from "./unit-checks";
import { ownRowChecks, type OwnRowChecks, type RowsAndValues } from "./row-checks";
import { OWN_DATA_SOURCE_PREFIX } from "../official-sources";
import { OWN_DATA_LICENCE_NOT_STATED, ownDataMarks, ownDataSources } from "./licence";
import { replacementDrops, type ReplacementDrop } from "./replace-coverage";
import { append } from "../append";
import { yearColumnsError } from "./year-headers";
import { countHeaderWarnings } from "./count-headers";

/** Options of {@link planOwnData} / {@link addOwnData}. */
export interface OwnDataOptions {
  /** Metadata applied to every indicator of the file that the sidecar does not describe. */
  metadata?: IndicatorMetadata;
  /** A metadata sidecar (.csv or .json), see lib/data/own-data/metadata.ts. */
  metadataFile?: string;
  /** The period (year ending March) of every row, for a table without a period column. */
  period?: number;
  /** XLSX: the sheet to read (default: the first whose header names an LA column, read-table.ts). */
  sheet?: string;
  /** Id of the indicator of a wide table with one indicator column (default: from the column header). */
  indicator?: string;
  /**
   * Replace indicators already in the package (their catalogue row and all their rows) instead of refusing, when the
   * file gives every LA the package has values for (else refused: replace-coverage.ts).
   */
  replace?: boolean;
  /** Replace them even when that drops other LAs' values and the benchmarks (implies `replace`). */
  replaceAll?: boolean;
  /** Skip rows whose LA is not matched (listed in the report) instead of refusing the file. */
  skipUnmatched?: boolean;
  /** The licence or terms of the file's data, recorded as its source's licence (default {@link OWN_DATA_LICENCE_NOT_STATED}). */
  licence?: string;
}

/** What {@link planOwnData} found. Aggregated per LA and indicator: never record-level data. */
export interface OwnDataReport {
  file: string;
  sheet?: string;
  sha256: string;
  layout: "long" | "wide";
  /** The column the LAs were matched on. */
  areaColumn: string;
  rowsRead: number;
  indicators: {
    id: string;
    column: string;
    label: string;
    unit: string;
    rows: number;
    values: number;
    missing: number;
    /**
     * XLSX cells formatted as percentages, read as their value × 100 (unit percent only): how many, and the first, its
     * stored value and the value read (`shown`: × 100 with every decimal, not rounded as the format shows it).
     */
    percentCells?: { count: number; firstCell: string; stored: string; shown: string };
    /**
     * Rows whose value was blank beside a numerator and a denominator (unit percent or rate_per_10k): how many values were
     * worked out from them (numerator ÷ denominator × 100 or × 10,000, unrounded), and how many were left missing as not
     * applicable beside a denominator of 0 (value-from-counts.ts). Absent when there were none.
     */
    fromCounts?: { values: number; zeroDenominators: number };
    /**
     * The framework tags written to catalogue.csv and where they came from: the domain's default (child-safe →
     * child-outcome, safety: lib/data/framework.ts) or the metadata (`--framework-role`, a sidecar's framework_role).
     */
    framework: { role: CatalogueRow["framework_role"]; area: CatalogueRow["framework_area"]; from: "domain" | "metadata" };
  }[];
  /** One entry per distinct LA cell and LA it matched: a name two LAs shared (Dorset) matches each in its own periods. */
  matched: { given: string; laCode: string; laName: string; method: AreaMatchMethod }[];
  /** Distinct LAs matched per method. */
  byMethod: Partial<Record<AreaMatchMethod, number>>;
  /** Rows whose LA was not matched (skipped only with skipUnmatched). */
  unmatched: { row: number; given: string; reason: string; suggestions: string[] }[];
  /** England or region rows, not added. */
  aggregates: { row: number; given: string; what: string }[];
  ignoredColumns: string[];
  /** Other things done to the input, in words (period forms converted, ids made from headers). */
  notes: string[];
  /** What looks wrong but is not an error, in words: a percent column whose values all look like proportions (unit-checks.ts proportionWarnings). */
  warnings: string[];
  periods: number[];
  /** Indicators replaced (with replace). */
  replaced: string[];
  /** What each replacement drops beyond the rows the file gives again (other LAs' values, benchmarks). */
  replacementDrops: ReplacementDrop[];
}

/** The result of {@link planOwnData}: nothing is written until the caller writes `content`. */
export interface OwnDataPlan {
  /** The package with the file's indicators added, built when first read (a plan with errors need not build it). */
  readonly content: PackageContent;
  report: OwnDataReport;
  /** Problems that make the file unusable as it is (bad cells, unmatched LAs, duplicates, clashes): the first 200 (capped-errors.ts). */
  errors: DataError[];
  /** How many problems there were in all, listed in `errors` or not. */
  errorCount: number;
}

/**
 * Plan the addition of a CSV/XLSX table to a loaded package (long or wide layout, see read-table.ts).
 * @throws DataError / DataErrors when the file cannot be read or the metadata is incomplete; row problems are
 *   returned in `errors` together with the report
 * @example
 * const plan = planOwnData(readPackage("/tmp/england"), "examples/own-data/fgc-by-name.csv",
 *   { metadataFile: "examples/own-data/fgc.meta.csv" });
 * plan.report.byMethod // { name: 18, "name variant": 2 }
 */
export function planOwnData(pkg: DataPackage, file: string, options: OwnDataOptions = {}): OwnDataPlan {
  const errors: DataError[] = [];
  const notes: string[] = [];
  // the sidecar gives the units that the rows are checked by as they are read; its errors come after the table's, as
  // they did when it was read after the rows
  let sidecar = new Map<string, IndicatorMetadata>();
  let sidecarError: unknown;
  try {
    if (options.metadataFile !== undefined) sidecar = readMetadataSidecar(options.metadataFile);
  } catch (e) {
    sidecarError = e;
  }
  const existing = new Set(pkg.catalogue.array("indicator") as string[]);
  const unitOf = (id: string) => (sidecarError === undefined ? (metadataFor(id, sidecar, options.metadata ?? {}).unit as CatalogueRow["unit"]) : undefined);
  const checks = ownRowChecks(unitOf, file, (id) => (options.replace === true || options.replaceAll === true) && existing.has(id));
  const { head, layout, report, rows, blankColumns, columnIds } = readOwnFile(pkg, file, options, { errors, notes, checks });
  if (sidecarError !== undefined) throw sidecarError;
  const left = leaveOutBlankColumns(rows, blankColumns, { file, errors, notes });
  const { newRows, headers, percentCells } = rows;
  summariseMatches(report, options, file, errors);

  // metadata and clashes with the package
  const ids = [...headers.keys()];
  // the notes on unused sidecar entries (one for many), appended, not spread
  append(notes, unusedMetadataNotes([...sidecar.keys()], { used: headers, left, columnIds, layout: layout.kind }, options.metadataFile));
  const catalogue = checkedCatalogueRows(pkg, ids.map((id) => ({ id, header: headers.get(id)! })), { sidecar, options, report, file, errors });
  report.replacementDrops = replacementDrops(pkg, report.replaced, checks.givenLaYears, options.replaceAll === true, file, errors);
  if (checks.rowsAdded() === 0 && errors.length === 0) addError(errors, { file, expected: "at least one data row for an LA of the package" });

  const byId = new Map(catalogue.map((c) => [c.indicator, c] as const));
  checkPercentCells(percentCells, byId, head, errors);
  appendErrors(errors, checks.byUnitErrors);
  appendErrors(errors, checks.countErrors);
  // a workbook's: in its sheet, at the row Excel shows (the list is changed in place: its count of errors not kept is its own)
  errors.forEach((e, k) => (errors[k] = placedInSheet(e, head)));
  report.warnings = checks.warnings();
  append(report.warnings, countHeaderWarnings(catalogue, headers));
  report.indicators = ids.map((id) => indicatorSummary(id, headers.get(id)!, byId.get(id)!, checks.tally.get(id), percentCells.get(id), metadataFor(id, sidecar, options.metadata ?? {})));
  // without a period column or option the rows have none (an error says so): [undefined] had printed "periods " empty
  report.periods = [...checks.periods].filter((p) => p !== undefined).sort((a, b) => a - b);
  // built when first read: a plan with errors is not written, and building it copies every row of the package; it keeps
  // the sheet's name, not the table (282 MB of text cells for a review's 1,000,000 rows)
  let content: PackageContent | undefined;
  const sheet = head.sheet;
  return {
    get content() {
      // the rows of a file with errors were not kept (own-rows.ts)
      if (errors.length > 0) throw new CappedDataErrors(errors, errorCount(errors), `${file} has no content to add`);
      return (content ??= contentWithOwnData(pkg, { file, sheet, layout, report, ids, catalogue, newRows, licence: options.licence }));
    },
    report,
    errors,
    errorCount: errorCount(errors),
  };
}

/**
 * What the report says of one indicator: its rows and values, values worked out from counts, percent cells read, its
 * framework tags (from the metadata `given` when it gives a role or area, else the domain's).
 */
function indicatorSummary(
  id: string, column: string, catalogue: CatalogueRow, tally: RowsAndValues | undefined, percent: PercentCellsOfIndicator | undefined, given: IndicatorMetadata,
): OwnDataReport["indicators"][number] {
  const { rows, values, fromCounts, zeroDenominators } = tally ?? { rows: 0, values: 0, fromCounts: 0, zeroDenominators: 0 };
  const from = given.framework_role !== undefined || given.framework_area !== undefined ? "metadata" : "domain";
  const framework = { role: catalogue.framework_role, area: catalogue.framework_area, from } as const;
  const summary: OwnDataReport["indicators"][number] = { id, column, label: catalogue.label, unit: catalogue.unit, rows, values, missing: rows - values, framework };
  if (fromCounts + zeroDenominators > 0) summary.fromCounts = { values: fromCounts, zeroDenominators };
  // for another unit the cells are an error (checkPercentCells), not values read
  if (percent === undefined || summary.unit !== "percent") return summary;
  const { count, first } = percent;
  return { ...summary, percentCells: { count, firstCell: first.cell, stored: shiftDecimalPoint(first.shown, -2), shown: first.shown } };
}

/** A wide table's value column blank in every row (blank-columns.ts), with its id and the note made of that id. */
interface BlankColumn {
  id: string;
  column: string;
  idNote?: string;
}

/**
 * Leave out of `rows` the value columns blank in every one of a wide table's rows, noting which and why; when every value
 * column is blank, an error. The note of an id made from such a column's header goes too (no indicator is made).
 * @returns the ids left out
 */
function leaveOutBlankColumns(rows: OwnRows, blank: { columns: BlankColumn[]; rows: number; valueColumns: number }, found: { file: string; errors: DataError[]; notes: string[] }): Set<string> {
  const { file, errors, notes } = found;
  const ids = new Set(blank.columns.map((c) => c.id));
  if (ids.size === 0) return ids;
  const names = blank.columns.map((c) => JSON.stringify(c.column)).join(", ");
  for (const { idNote } of blank.columns) if (idNote !== undefined && notes.includes(idNote)) notes.splice(notes.indexOf(idNote), 1);
  if (blank.columns.length === blank.valueColumns) {
    const columns = blank.columns.map((c) => c.column).join(", ");
    addError(errors, { file, row: 0, column: columns, value: `no value in any of ${blank.rows} rows`, expected: "a value column with a value (a number or a DfE symbol) in at least one row: every value column is blank" });
  } else {
    const what = blank.columns.length === 1 ? `column ${names}` : `${blank.columns.length} columns (${names})`;
    notes.push(`${what} left out: no value in any of ${blank.rows} rows`);
  }
  for (const id of ids) {
    rows.headers.delete(id);
    rows.percentCells.delete(id);
  }
  rows.newRows = rows.newRows.filter((r) => !ids.has(r.indicator));
  return ids;
}

/** The report before any row is read (its hash and row count are the file's, known once it is read). */
function emptyReport(file: string, head: OwnTableHead, layout: OwnTableLayout, notes: string[]): OwnDataReport {
  return {
    file,
    sheet: head.sheet,
    sha256: "",
    layout: layout.kind,
    areaColumn: head.header[layout.area.column],
    rowsRead: 0,
    indicators: [],
    matched: [],
    byMethod: {},
    unmatched: [],
    aggregates: [],
    ignoredColumns: layout.ignored.map((i) => head.header[i]),
    notes,
    warnings: [],
    periods: [],
    replaced: [],
    replacementDrops: [],
  };
}

/**
 * The table's header, then its rows one by one into an {@link ownRowReader}: a CSV streamed record by record
 * (read-csv-records.ts), never held whole; an XLSX sheet read whole first (the workbook is unzipped and its sheet
 * parsed in memory, lib/data/import/spreadsheet/xlsx.ts), its rows then read as a CSV's are.
 * @throws DataError as readOwnTable and detectLayout would
 */
function readOwnFile(
  pkg: DataPackage, file: string, options: OwnDataOptions, found: { errors: DataError[]; notes: string[]; checks: OwnRowChecks },
): { head: OwnTableHead; layout: OwnTableLayout; report: OwnDataReport; rows: OwnRows; blankColumns: { columns: BlankColumn[]; rows: number; valueColumns: number }; columnIds: Set<string> } {
  const { errors, notes, checks } = found;
  const start = (head: OwnTableHead) => {
    const layout = detectLayout(head);
    const report = emptyReport(file, head, layout, notes);
    if (head.titleRows !== undefined) notes.push(titleRowsNote(head.sheet!, head.sheetRows![0], head.titleRows));
    // a table with years as columns: refused, saying so, rather than asked for a period column (or dated --period)
    const years = yearColumnsError(file, layout.kind === "wide" ? layout.indicatorColumns.map((c) => head.header[c]) : [], options);
    if (years !== undefined) addError(errors, years);
    else if (layout.period === undefined && options.period === undefined) {
      addError(errors, { file, row: 0, column: "period", expected: `a period column (one of period, year, time_period) or the period given as an option` });
    }
    if (layout.period === undefined && options.period !== undefined && !(options.period >= PERIOD_RANGE.minimum && options.period <= PERIOD_RANGE.maximum)) {
      addError(errors, { file, row: 0, column: "period", value: String(options.period), expected: `the period option: ${PERIOD_RANGE_EXPECTED}` });
    }
    if (layout.period !== undefined && options.period !== undefined) notes.push(`the file's "${head.header[layout.period]}" column is used; the period option is ignored`);
    const idNotes = new Map<number, string>();
    const wideIds = wideIndicatorIds(head, layout, options, { file, errors, notes, idNotes });
    const reader = ownRowReader(pkg, head, layout, wideIds, options.period, { file, errors, notes, report, checks });
    const blank = blankColumnTally(layout.indicatorColumns.filter((c) => wideIds.has(c)));
    const unnamed = blankColumnTally(unnamedColumns(head.header));
    const visit = (cells: readonly string[], row: number) => {
      blank.see(cells);
      unnamed.see(cells);
      reader.visit(cells, row);
    };
    const blankColumns = () => ({
      columns: blank.blank().map((c) => ({ id: wideIds.get(c)!, column: head.header[c], idNote: idNotes.get(c) })),
      rows: blank.rows(),
      valueColumns: wideIds.size,
    });
    const unnamedFound = () => noteUnnamedColumns(head.header, unnamed, { file, errors, notes });
    return { head, layout, report, reader, visit, blankColumns, unnamedFound, columnIds: new Set(wideIds.values()) };
  };
  let started: ReturnType<typeof start> | undefined;
  if (ownDataExtension(file) === ".csv") {
    const read = readOwnCsvRecords(file, {
      header(fields) {
        const header = fields.map((h) => h.trim());
        checkOwnHeader(file, header);
        started = start({ file, header });
      },
      row: (cells, row) => started!.visit(cells, row),
    });
    started!.report.sha256 = read.sha256;
    started!.report.rowsRead = read.rows;
  } else {
    const table = readOwnTable(file, { sheet: options.sheet });
    started = inSheetOf(table, () => start(table));
    started.report.sha256 = sha256(fs.readFileSync(file));
    started.report.rowsRead = table.rows.length;
    inSheetOf(table, () => table.rows.forEach((cells, r) => started!.visit(cells, r + 1)));
  }
  // a CSV's header was visited, or readOwnCsvRecords threw ("a header row")
  const { head, layout, report, reader, blankColumns, unnamedFound, columnIds } = started!;
  unnamedFound();
  return { head, layout, report, rows: reader.finish(), blankColumns: blankColumns(), columnIds };
}

/** Indicator ids of a wide table's indicator columns, from the headers (or the id given for a single column). */
function wideIndicatorIds(
  table: OwnTableHead, layout: OwnTableLayout, options: OwnDataOptions, found: { file: string; errors: DataError[]; notes: string[]; idNotes: Map<number, string> },
): Map<number, string> {
  const { file, errors, notes, idNotes } = found;
  const wideIds = new Map<number, string>();
  if (layout.kind !== "wide") return wideIds;
  if (options.indicator !== undefined && layout.indicatorColumns.length !== 1) {
    addError(errors, { file, row: 0, value: options.indicator, expected: `one indicator column when an indicator id is given (found ${layout.indicatorColumns.length})` });
  }
  for (const c of layout.indicatorColumns) {
    const header = table.header[c];
    const id = options.indicator !== undefined && layout.indicatorColumns.length === 1 ? options.indicator : indicatorIdFromHeader(header);
    if (!INDICATOR_ID.test(id)) {
      addError(errors, { file, row: 0, column: header, value: id, expected: "an indicator id: lower-case letters, digits and _, starting with a letter" });
    } else if (id !== header) {
      idNotes.set(c, `column "${header}" → indicator id ${id}`);
      notes.push(idNotes.get(c)!);
    }
    wideIds.set(c, id);
  }
  return wideIds;
}

/** Distinct LAs matched per method; unmatched LAs are errors unless skipped. */
function summariseMatches(report: OwnDataReport, options: OwnDataOptions, file: string, errors: DataError[]): void {
  const laByMethod = new Map<AreaMatchMethod, Set<string>>();
  for (const m of report.matched) laByMethod.set(m.method, (laByMethod.get(m.method) ?? new Set()).add(m.laCode));
  report.byMethod = Object.fromEntries([...laByMethod].map(([k, v]) => [k, v.size]));
  if (options.skipUnmatched) return;
  for (const u of report.unmatched) {
    const hint = u.suggestions.length > 0 ? ` (did you mean ${u.suggestions.map((s) => `"${s}"`).join(" or ")}?)` : "";
    addError(errors, { file, row: u.row, column: report.areaColumn, value: u.given, expected: `an LA of the package: ${u.reason}${hint}` });
  }
}

/**
 * The catalogue rows of the file's indicators, once their ids are checked against the package ({@link checkClashes}):
 * an id already in the package is said together with the metadata it lacks (a review's cin_rereferral_pct, an official
 * id, was first asked for its unit, polarity and domain, and told only on the next run that the id was taken).
 * @throws DataErrors when metadata is missing or not allowed, listing the clashing ids first
 */
function checkedCatalogueRows(
  pkg: DataPackage, indicators: readonly { id: string; header: string }[],
  found: { sidecar: ReadonlyMap<string, IndicatorMetadata>; options: OwnDataOptions; report: OwnDataReport; file: string; errors: DataError[] },
): CatalogueRow[] {
  const { sidecar, options, report, file, errors } = found;
  const before = errors.length;
  checkClashes(pkg, indicators.map((i) => i.id), options, report, file, errors);
  if (indicators.length === 0) return [];
  try {
    return catalogueRowsFor(indicators, sidecar, options.metadata ?? {}, file);
  } catch (e) {
    const clashes = errors.slice(before);
    if (!(e instanceof DataErrors) || clashes.length === 0) throw e;
    throw new DataErrors([...clashes, ...e.errors], "indicator ids and metadata");
  }
}

/** A new indicator id must not be a context variable, nor an indicator already in the package (unless replacing). */
function checkClashes(pkg: DataPackage, ids: readonly string[], options: OwnDataOptions, report: OwnDataReport, file: string, errors: DataError[]): void {
  const existing = new Set(pkg.catalogue.array("indicator") as string[]);
  const contextVars = new Set(pkg.context.array("variable") as string[]);
  for (const id of ids) {
    if (contextVars.has(id)) addError(errors, { file, column: id, value: id, expected: "an indicator id that is not a context variable of the package" });
    if (existing.has(id)) {
      if (options.replace || options.replaceAll) report.replaced.push(id);
      else addError(errors, { file, column: id, value: id, expected: `an indicator id not yet in the package (it is in catalogue.csv; use --replace to replace it)` });
    }
  }
}

/**
 * The package content with the new indicators (replacing those in `report.replaced`), the file as a source (with
 * its licence, or {@link OWN_DATA_LICENCE_NOT_STATED}) and in provenance; the title and licences say the package
 * holds own data, and so do the licences and sources of the resources that hold it ({@link OWN_DATA_RESOURCES}) — the
 * others keep theirs: after an add, areas.csv (official names and codes) had listed the own-data licence and file.
 */
function contentWithOwnData(
  pkg: DataPackage,
  added: { file: string; sheet?: string; layout: OwnTableLayout; report: OwnDataReport; ids: string[]; catalogue: CatalogueRow[]; newRows: IndicatorRow[]; licence?: string },
): PackageContent {
  const { file, sheet, layout, report, ids, catalogue, newRows } = added;
  const replaced = new Set(report.replaced);
  const base = packageContent(pkg);
  const provenance = { ...(base.provenance ?? {}) };
  const ownData = Array.isArray(provenance.own_data) ? [...(provenance.own_data as unknown[])] : [];
  ownData.push({
    file: path.basename(file),
    sha256: report.sha256,
    ...(sheet ? { sheet } : {}),
    layout: layout.kind,
    indicators: ids,
    rows: newRows.length,
    las_matched_by: report.byMethod,
    rows_not_added: { unmatched: report.unmatched.length, aggregates: report.aggregates.length },
    ...percentProvenance(report),
    ...fromCountsProvenance(report),
  });
  provenance.own_data = ownData;
  const source: SourceDescriptor = { title: `${OWN_DATA_SOURCE_PREFIX}${path.basename(file)} (${ids.join(", ")})`, path: path.basename(file), sha256: report.sha256, licence: added.licence ?? OWN_DATA_LICENCE_NOT_STATED };
  return {
    ...base,
    ...ownDataMarks(base),
    ...ownDataSources(pkg.descriptor, source, added.licence),
    provenance,
    catalogue: [...base.catalogue.filter((c) => !replaced.has(c.indicator)), ...catalogue],
    indicators: [...base.indicators.filter((r) => !replaced.has(r.indicator)), ...newRows],
    benchmarks: base.benchmarks?.filter((r) => !replaced.has(r.indicator)),
  };
}

/** The count of cells read as shown per indicator, for provenance (nothing when the file had none). */
function percentProvenance(report: OwnDataReport): { percent_cells_read_as_shown?: Record<string, number> } {
  const read = report.indicators.filter((i) => i.percentCells !== undefined).map((i) => [i.id, i.percentCells!.count] as const);
  return read.length === 0 ? {} : { percent_cells_read_as_shown: Object.fromEntries(read) };
}

/** The count of values worked out from their counts per indicator, for provenance (nothing when there were none). */
function fromCountsProvenance(report: OwnDataReport): { values_worked_out_from_counts?: Record<string, number> } {
  const worked = report.indicators.filter((i) => (i.fromCounts?.values ?? 0) > 0).map((i) => [i.id, i.fromCounts!.values] as const);
  return worked.length === 0 ? {} : { values_worked_out_from_counts: Object.fromEntries(worked) };
}

/** What a caller of {@link addOwnData} is told as it runs (the CLI prints both). */
export interface AddOwnDataProgress {
  /** A stale lock (of a run no longer running) was found and taken: words for the user. */
  staleLock?: (note: string) => void;
  /** The plan's report, before its errors are thrown or the package is written (`written`: whether it will be). */
  planned?: (report: OwnDataReport, written: boolean) => void;
}

/**
 * Add a CSV/XLSX table of indicators to the package in `dir` (or to a copy in `out`), atomically: the one place the
 * library and the CLI's `add` lock, plan and write. The package (or the copy's folder) is locked from before it is
 * read until the new one is in place (two adds at once had lost one's indicator: lib/data/package-lock.ts).
 * @throws DataErrors (nothing written) when any row cannot be used: bad cells, unmatched LAs (unless
 *   skipUnmatched), duplicate rows, ids already in the package (unless replace), incomplete metadata; or when
 *   another run is writing the package in place
 * @example
 * addOwnData("/tmp/england", "examples/own-data/fgc-by-name.csv", { metadataFile: "examples/own-data/fgc.meta.csv" }).report.rowsRead // 20
 */
export function addOwnData(
  dir: string, file: string, options: OwnDataOptions & { out?: string } = {}, progress: AddOwnDataProgress = {},
): { report: OwnDataReport; descriptor: PackageDescriptor; dir: string } {
  const target = options.out ?? dir;
  const lock = lockAddTarget(dir, target);
  if (lock.staleNote !== undefined) progress.staleLock?.(lock.staleNote);
  try {
    const plan = planOwnData(readPackage(dir), file, options);
    progress.planned?.(plan.report, plan.errors.length === 0);
    if (plan.errors.length > 0) throw new CappedDataErrors(plan.errors, plan.errorCount, `${file} was not added (nothing written)`);
    const descriptor = writePackageAtomically(target, plan.content, dir, lock.checkUnchanged);
    return { report: plan.report, descriptor, dir: target };
  } finally {
    lock.release();
  }
}
