/**
 * Writing a package: rows type-checked as the reader would and checked against the format's rules, then
 * CSVs and datapackage.json written atomically with a sha256 per resource. Same content → byte-identical files.
 */
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import * as path from "node:path";
import { DataError, DataErrors } from "../errors";
import { writeFilesAtomically, type FileToWrite, type StreamedFile } from "./atomic-write";
import { writeCsvColumns, type CsvColumn } from "./csv-format";
import { FRICTIONLESS_MISSING_VALUES, formatHash, MAX_RESOURCE_BYTES } from "./frictionless";
import { expectedType, isValidDate, type TypedRow } from "./package-cells";
import { indicatorRowColumns } from "./indicator-row-columns";
import { columnsOfRows, textCodes, type CodedColumn, type ResourceColumns } from "./package-columns";
import { checkRules } from "./package-rules";
import { PRIMARY_KEYS, SCHEMAS } from "./schema";
import { RESOURCE_NAMES, type FieldDescriptor, type PackageContent, type PackageDescriptor, type ResourceDescriptor, type ResourceName } from "./types";

/**
 * The fields of a resource that are written: every field, except an optional one that is blank (or absent)
 * in every row — so content without the newer optional columns writes the same bytes as before they existed.
 * @example
 * writtenFields("catalogue", [{ indicator: "x", framework_role: "" }]).map((f) => f.name).includes("framework_role") // false
 */
export function writtenFields(name: ResourceName, rows: readonly TypedRow[]): FieldDescriptor[] {
  return SCHEMAS[name].filter((f) => !f.optional || rows.some((r) => r[f.name] !== undefined && r[f.name] !== null && r[f.name] !== ""));
}

/** Whether a cell of field `f` is of its type as the reader would type it (an optional field may be absent). */
function cellWellTyped(f: FieldDescriptor, v: unknown): boolean {
  if (v === undefined) return f.optional === true;
  if (f.type === "string") return typeof v === "string";
  if (f.type === "date") return typeof v === "string" && (v === "" || isValidDate(v));
  if (v === null) return true;
  return typeof v === "number" && Number.isFinite(v) && (f.type !== "integer" || Number.isInteger(v));
}

/** Whether every cell of field `f`'s column is well typed: one field at a time, the quick check before {@link pushCellTypeErrors}. */
function columnWellTyped(f: FieldDescriptor, cells: readonly unknown[]): boolean {
  // a required number field, most of a package's cells, in a loop of its own (cellWellTyped's rules for it)
  if ((f.type === "number" || f.type === "integer") && f.optional !== true) return numbersWellTyped(cells, f.type === "integer");
  for (let r = 0; r < cells.length; r++) if (!cellWellTyped(f, cells[r])) return false;
  return true;
}

/** Whether every cell is null or a finite number (a whole one when `wholeOnly`): cellWellTyped for a number field that is not optional. */
function numbersWellTyped(cells: readonly unknown[], wholeOnly: boolean): boolean {
  for (let r = 0; r < cells.length; r++) {
    const v = cells[r];
    if (v === null) continue;
    if (typeof v !== "number" || !Number.isFinite(v) || (wholeOnly && !Number.isInteger(v))) return false;
  }
  return true;
}

/**
 * The columns with codes for each column whose cells are all texts (package-columns' textCodes): the rules
 * then judge and key those columns by code, and the CSV writer copies each distinct text's bytes by code, from one lookup per cell.
 */
function withTextCodes(res: ResourceColumns): ResourceColumns {
  const coded: Record<string, CodedColumn> = { ...res.coded };
  for (const field of Object.keys(res.columns)) {
    if (coded[field]) continue; // coded as the rows were read (indicatorRowColumns): its cells are not needed
    const codes = textCodes(res.columns[field], res.length);
    if (codes) coded[field] = codes;
  }
  return { ...res, coded };
}

/**
 * A resource's rows as columns: indicators.csv's, nearly all of a package's rows, read and its texts coded in
 * one pass by indicatorRowColumns; the others by columnsOfRows.
 */
function resourceColumns(name: ResourceName, rows: readonly TypedRow[]): ResourceColumns {
  return name === "indicators" ? indicatorRowColumns(rows) : columnsOfRows(name, rows);
}

/** Whether every cell of field `f` is well typed: a text field whose cells were all coded as texts is. */
function fieldWellTyped(f: FieldDescriptor, res: ResourceColumns): boolean {
  return (f.type === "string" && res.coded?.[f.name] !== undefined) || columnWellTyped(f, res.columns[f.name]);
}

/** A DataError for every badly typed cell, row by row and field by field in schema order. */
function pushCellTypeErrors(name: ResourceName, rows: readonly TypedRow[], errors: DataError[]): void {
  const file = `${name}.csv`;
  for (let r = 0; r < rows.length; r++) {
    for (const f of SCHEMAS[name]) {
      const v = rows[r][f.name];
      if (!cellWellTyped(f, v)) errors.push(new DataError({ file, row: r + 1, column: f.name, value: String(v), expected: expectedType(f) }));
    }
  }
}

/**
 * Write a resource's CSV in chunks (csv-format's writeCsvColumns) and set its descriptor's sha256 and byte count
 * from the same chunks: the file is hashed, measured and written as one stream of bytes, never held whole.
 */
function writeHashedCsv(resource: ResourceDescriptor, fields: readonly string[], length: number, columns: readonly CsvColumn[], write: (chunk: Uint8Array) => void, shownDir: string): void {
  const hash = createHash("sha256");
  let bytes = 0;
  writeCsvColumns(fields, length, columns, (chunk) => {
    hash.update(chunk);
    bytes += chunk.length;
    // past the cap the file is not written on (it is refused below), only measured, for the message
    if (bytes - chunk.length <= MAX_RESOURCE_BYTES) write(chunk);
  });
  if (bytes > MAX_RESOURCE_BYTES) throw resourceTooLarge(path.join(shownDir, resource.path), bytes, length);
  resource.hash = formatHash(hash.digest("hex"));
  resource.bytes = bytes;
}

/**
 * The refusal of a resource file over {@link MAX_RESOURCE_BYTES}, with how many of its rows would fit: a review's
 * `add` of a 1.93 M-row CSV had written the whole package, then failed its validation naming the temporary folder
 * (`pkg.tmp-2861-…/indicators.csv`), with no advice.
 */
function resourceTooLarge(file: string, bytes: number, rows: number): DataErrors {
  const average = Math.ceil(bytes / Math.max(rows, 1));
  const fit = Math.floor(MAX_RESOURCE_BYTES / average);
  const error = new DataError({
    file,
    value: `${bytes} bytes for ${rows} rows`,
    expected:
      `a resource file of at most ${MAX_RESOURCE_BYTES} bytes (64 MiB, the most a package is read with): at their average of ${average} bytes a row, about ${fit} rows fit; ` +
      "write fewer rows to the package (fewer indicators, years or LAs), or put some of them in a package of their own; nothing was written",
  });
  return new DataErrors([error], `${path.dirname(file)} was not written`);
}

/** Options of {@link writePackage}. */
export interface WritePackageOptions {
  /** Files written in the same atomic group, before datapackage.json (e.g. import-log.json). */
  extraFiles?: readonly FileToWrite[];
  /** Called just before the files are renamed into place (a package lock's check, `PackageLock.checkUnchanged`). */
  beforeCommit?: () => void;
  /**
   * Files of an earlier package in `dir` (as `refuseForeignOutput` returns them): those this write does not
   * write again (resources the new descriptor does not list) are removed in the same atomic group.
   */
  replacing?: readonly string[];
  /** The folder messages name, when `dir` is a temporary one written in its place (`add`: PKG.tmp-PID-TIME for PKG). */
  shownAs?: string;
}

/** Open Government Licence, the licence of the official statistics this workbench reads. */
export const OGL_V3 = {
  name: "OGL-UK-3.0",
  title: "Open Government Licence v3.0",
  path: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
};

/**
 * Write a package: validates the rows first (throws DataErrors, writing nothing, when invalid), then writes
 * the CSV resources and datapackage.json. Deterministic: same content → byte-identical files.
 * Atomic (lib/data/atomic-write.ts): every file is staged in full beside its target and renamed over it
 * only once all are written, datapackage.json last, so a run killed while writing leaves the previous
 * package intact. `options.extraFiles` (e.g. import-log.json) join the same group, before datapackage.json.
 * @example
 * writePackage("/tmp/pkg", { name: "demo", title: "Demo", created: "2026-01-01", areas: [], catalogue: [],
 *   indicators: [], context: [], outcomes: [] });
 */
export function writePackage(dir: string, content: PackageContent, options: WritePackageOptions = {}): PackageDescriptor {
  return writePackageWithIndicatorColumns(dir, content, options, undefined);
}

/**
 * {@link writePackage} given indicators.csv's columns already made from `content.indicators`
 * (`indicatorRowColumns`, which the official import makes once for its catalogue), so its 257,276 rows are not
 * read again. For the importer only, which writes straight after making them (lib/data/import/import-official.ts):
 * the columns must be exactly those of the rows, with nothing changed since; they are not checked against the
 * rows (that would cost what they save), which is why this is not part of the public {@link writePackage}.
 * @example
 * writePackageWithIndicatorColumns("/tmp/pkg", content, {}, indicatorRowColumns(content.indicators));
 */
export function writePackageWithIndicatorColumns(dir: string, content: PackageContent, options: WritePackageOptions, indicatorColumns: ResourceColumns | undefined): PackageDescriptor {
  const errors: DataError[] = [];
  const warnings: string[] = [];
  const resources: Partial<Record<ResourceName, readonly TypedRow[]>> = {};
  for (const name of RESOURCE_NAMES) {
    const rows = content[name] as readonly TypedRow[] | undefined;
    if (rows) resources[name] = rows;
  }
  const columns: Partial<Record<ResourceName, ResourceColumns>> = {};
  for (const name of RESOURCE_NAMES) {
    const rows = resources[name];
    if (rows) columns[name] = name === "indicators" && indicatorColumns !== undefined ? indicatorColumns : resourceColumns(name, rows);
  }
  // type-check cells as the reader would, so a written package always reads back
  for (const name of RESOURCE_NAMES) {
    const rows = resources[name];
    const cols = columns[name];
    if (rows && cols && !SCHEMAS[name].every((f) => fieldWellTyped(f, cols))) pushCellTypeErrors(name, rows, errors);
    if (cols) columns[name] = withTextCodes(cols);
  }
  checkRules(columns, (n) => `${n}.csv`, errors, warnings);
  const shownDir = options.shownAs ?? dir;
  if (errors.length > 0) throw new DataErrors(errors, `writePackage(${shownDir})`);

  const files: (FileToWrite | StreamedFile)[] = [];
  const descriptors: ResourceDescriptor[] = [];
  for (const name of RESOURCE_NAMES) {
    const rows = resources[name];
    if (!rows) continue;
    const written = writtenFields(name, rows);
    const fields = written.map((f) => f.name);
    // encoded once: hashed, measured and written as the same bytes
    // from the columns (an optional field a row lacks is written blank, as a blank cell is)
    const cols = columns[name] as ResourceColumns;
    const file = `${name}.csv`;
    const resource: ResourceDescriptor = {
      name,
      path: file,
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      hash: "", // set with bytes as the file is written, before datapackage.json is
      bytes: 0,
      rows: rows.length,
      schema: { fields: written.map((f) => ({ ...f })), missingValues: [...FRICTIONLESS_MISSING_VALUES], primaryKey: [...PRIMARY_KEYS[name]] },
      licenses: content.resourceLicenses?.[name] ?? content.licenses ?? [OGL_V3],
      sources: content.resourceSources?.[name] ?? content.sources ?? [],
    };
    descriptors.push(resource);
    // a coded column (texts only: withTextCodes) is written from its codes, without its cells
    const csvColumns = written.map((f): CsvColumn => {
      const coded = cols.coded?.[f.name];
      return coded ? { coded } : { cells: cols.columns[f.name] };
    });
    files.push({ name: file, contents: (write) => writeHashedCsv(resource, fields, rows.length, csvColumns, write, shownDir) });
  }
  const descriptor: PackageDescriptor = {
    profile: "tabular-data-package",
    name: content.name,
    title: content.title,
    ...(content.description ? { description: content.description } : {}),
    licenses: content.licenses ?? [OGL_V3],
    sources: content.sources ?? [],
    created: content.created,
    resources: descriptors,
    ...(content.provenance ? { provenance: content.provenance } : {}),
  };
  // written last: by then each resource's hash and bytes are known
  files.push(...(options.extraFiles ?? []), { name: "datapackage.json", contents: (write) => write(Buffer.from(JSON.stringify(descriptor, null, 2) + "\n")) });
  writeFilesAtomically(dir, files, { beforeCommit: options.beforeCommit, remove: options.replacing });
  return descriptor;
}
