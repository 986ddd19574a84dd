/**
 * Read, validate and write data packages (see lib/data/types.ts for the format).
 *
 * - {@link readPackage} loads a package into immutable arquero tables and throws {@link DataErrors} listing
 *   every problem found (never a partial or "repaired" package).
 * - {@link validatePackage} returns the problems instead of throwing.
 * - {@link writePackage} validates rows in memory, then writes CSVs and datapackage.json with a sha256 per
 *   resource. Same content → byte-identical files.
 *
 * Loading never changes values: numbers are parsed exactly as written, missing stays `null` with its reason.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as aq from "arquero";
import { DataError, DataErrors } from "../errors";
import { decodeUtf8, duplicateColumns, scanCsv } from "./csv";
import { checkResourceDescriptor, hashHex } from "./frictionless";
import { convertCell, sha256, type TypedRow } from "./package-cells";
import { checkRules } from "./package-rules";
import { SCHEMAS, fieldNames } from "./schema";
import {
  REQUIRED_RESOURCES,
  RESOURCE_NAMES,
  type DataPackage,
  type FieldDescriptor,
  type PackageContent,
  type PackageDescriptor,
  type ResourceName,
} from "./types";

export { sha256, type TypedRow } from "./package-cells";
export { checkRules } from "./package-rules";
export { OGL_V3, writePackage, writtenFields } from "./package-write";

/**
 * Largest resource file read (bytes): 64 MiB, about six times the largest real one (the imported England
 * indicators.csv, 10.9 MB); parsing a file this size stays well under 512 MB of memory.
 */
export const MAX_RESOURCE_BYTES = 64 * 1024 * 1024;
/** Largest datapackage.json read (bytes): 16 MiB; the imported England descriptor is 69 KB. */
export const MAX_DESCRIPTOR_BYTES = 16 * 1024 * 1024;


/** Result of validation: errors make a package unusable; warnings are worth reading. */
export interface ValidationResult {
  errors: DataError[];
  warnings: string[];
  /** Rows read per resource. */
  rows: Partial<Record<ResourceName, number>>;
}


/**
 * Parse a resource's CSV text into typed rows, collecting every cell error. The text is scanned record by
 * record and each record typed as it comes (no second copy of the file as rows of text). A CSV that is not
 * well-formed gives its one structural error (as {@link parseCsv} would); a bad header its header errors.
 */
function parseResource(
  name: ResourceName,
  text: string,
  file: string,
  errors: DataError[],
  missing?: ReadonlySet<string>,
): TypedRow[] {
  const schema = SCHEMAS[name];
  let header: string[] | undefined;
  let headerErrors: DataError[] = [];
  let columnOf: (number | undefined)[] = [];
  let firstBadCount: DataError | undefined;
  const cellErrors: DataError[] = [];
  const out: TypedRow[] = [];
  try {
    scanCsv(text, file, (record, line) => {
      if (header === undefined) {
        header = record;
        headerErrors = headerProblems(schema, header, file);
        const index = new Map(header.map((h, i) => [h, i] as const));
        columnOf = schema.map((f) => index.get(f.name));
        return;
      }
      if (record.length !== header.length) {
        // a trailing empty line gives one empty field: rejected too, it is not data
        firstBadCount ??= new DataError({ file, row: line, value: `${record.length} fields`, expected: `${header.length} fields as in the header` });
        return;
      }
      if (headerErrors.length > 0 || firstBadCount !== undefined) return;
      out.push(typedRow(record, schema, columnOf, file, line, missing, cellErrors));
    });
  } catch (e) {
    if (e instanceof DataError) {
      errors.push(e);
      return [];
    }
    throw e;
  }
  const structural = header === undefined ? new DataError({ file, row: 0, expected: "a header row" }) : firstBadCount;
  if (structural !== undefined) {
    errors.push(structural);
    return [];
  }
  append(errors, headerErrors);
  if (headerErrors.length > 0) return [];
  append(errors, cellErrors);
  return out;
}

/** Header problems: a column named twice, a required column missing, a column not in the schema. */
function headerProblems(schema: readonly FieldDescriptor[], header: readonly string[], file: string): DataError[] {
  const errors: DataError[] = [];
  for (const dup of duplicateColumns(header)) {
    errors.push(
      new DataError({
        file,
        row: 0,
        column: dup.name,
        value: `"${dup.name}" in columns ${dup.positions.join(" and ")}`,
        expected: "each column name once in the header (with a repeat, which copy counts would be a guess)",
      }),
    );
  }
  for (const f of schema) {
    if (!header.includes(f.name) && !f.optional) {
      errors.push(new DataError({ file, row: 0, column: f.name, expected: `a column "${f.name}" (${f.description})` }));
    }
  }
  for (const h of header) {
    if (!schema.some((f) => f.name === h)) {
      errors.push(new DataError({ file, row: 0, column: h, value: h, expected: `only the columns ${schema.map((f) => f.name).join(", ")}` }));
    }
  }
  return errors;
}

/** One record typed by the schema (`columnOf[k]`: the record's column of field k, undefined for an absent optional one). */
function typedRow(
  cells: readonly string[],
  schema: readonly FieldDescriptor[],
  columnOf: readonly (number | undefined)[],
  file: string,
  row: number,
  missing: ReadonlySet<string> | undefined,
  errors: DataError[],
): TypedRow {
  const out: TypedRow = {};
  for (let k = 0; k < schema.length; k++) {
    const f = schema[k];
    const at = columnOf[k];
    if (at === undefined) {
      out[f.name] = f.type === "string" ? "" : null; // an optional column the package does not have
      continue;
    }
    const v = convertCell(cells[at], f, file, row, missing);
    if (v instanceof DataError) {
      errors.push(v);
      out[f.name] = null;
    } else out[f.name] = v;
  }
  return out;
}

function readDescriptor(dir: string, errors: DataError[]): PackageDescriptor | null {
  const file = path.join(dir, "datapackage.json");
  if (!fs.existsSync(file)) {
    errors.push(new DataError({ file, expected: "a datapackage.json file (is this a data package folder?)" }));
    return null;
  }
  const size = fs.statSync(file);
  if (!size.isFile() || size.size > MAX_DESCRIPTOR_BYTES) {
    errors.push(new DataError({ file, value: size.isFile() ? `${size.size} bytes` : "not a regular file", expected: `a datapackage.json file of at most ${MAX_DESCRIPTOR_BYTES} bytes` }));
    return null;
  }
  try {
    const d = JSON.parse(fs.readFileSync(file, "utf8")) as PackageDescriptor;
    if (!d || !Array.isArray(d.resources)) {
      errors.push(new DataError({ file, column: "resources", expected: "a list of resources" }));
      return null;
    }
    return d;
  } catch (e) {
    errors.push(new DataError({ file, value: (e as Error).message, expected: "valid JSON" }));
    return null;
  }
}

interface LoadedRows {
  descriptor: PackageDescriptor | null;
  rows: Partial<Record<ResourceName, TypedRow[]>>;
  result: ValidationResult;
}

/**
 * Where a resource's file is, if its descriptor entry is sound: an object with a known-shaped `name` and a
 * relative `path` that stays inside the package folder once `..` and symbolic links are resolved, naming
 * a regular file. Otherwise the DataError saying why; the file is never opened (so nothing outside the
 * package is read or echoed).
 */
function resourceFile(dir: string, res: unknown, index: number, dpFile: string): { name: string; file: string; resolved: string } | DataError {
  const where = `resources[${index}]`;
  if (res === null || typeof res !== "object" || Array.isArray(res)) {
    return new DataError({ file: dpFile, column: where, value: JSON.stringify(res) ?? String(res), expected: "a resource object with a name and a path" });
  }
  const { name, path: rel } = res as { name?: unknown; path?: unknown };
  if (typeof name !== "string" || name === "") {
    return new DataError({ file: dpFile, column: `${where}.name`, value: JSON.stringify(name) ?? "undefined", expected: "a resource name (text)" });
  }
  if (typeof rel !== "string" || rel === "") {
    return new DataError({ file: dpFile, column: `${where}.path`, value: JSON.stringify(rel) ?? "undefined", expected: `the path of resource "${name}"'s file, relative to the package folder` });
  }
  const escapes = (target: string, root: string) => {
    const r = path.relative(root, target);
    return r === "" || r.startsWith("..") || path.isAbsolute(r);
  };
  const file = path.resolve(dir, rel);
  if (path.isAbsolute(rel) || rel.includes("\0") || escapes(file, path.resolve(dir))) {
    return new DataError({ file: dpFile, column: `${where}.path`, value: rel, expected: `a path inside the package folder (resource "${name}"; absolute paths and ".." out of the folder are refused)` });
  }
  if (!fs.existsSync(file)) {
    return new DataError({ file: path.join(dir, rel), expected: `the file of resource "${name}" listed in datapackage.json` });
  }
  if (escapes(fs.realpathSync(file), fs.realpathSync(dir))) {
    return new DataError({ file: dpFile, column: `${where}.path`, value: rel, expected: `a file inside the package folder (resource "${name}" is a symbolic link out of it; not read)` });
  }
  const st = fs.statSync(file);
  if (!st.isFile()) {
    return new DataError({ file: path.join(dir, rel), expected: `a regular file for resource "${name}" (this is a folder or a device)` });
  }
  if (st.size > MAX_RESOURCE_BYTES) {
    return new DataError({ file: path.join(dir, rel), value: `${st.size} bytes`, expected: `a resource file of at most ${MAX_RESOURCE_BYTES} bytes` });
  }
  return { name, file: path.join(dir, rel), resolved: file };
}

function loadRows(dir: string, options: { verifyHashes?: boolean } = {}): LoadedRows {
  const errors: DataError[] = [];
  const warnings: string[] = [];
  const rows: Partial<Record<ResourceName, TypedRow[]>> = {};
  const counts: Partial<Record<ResourceName, number>> = {};
  const descriptor = readDescriptor(dir, errors);
  const files = new Map<string, string>();
  const fileOf = (name: ResourceName) => files.get(name) ?? path.join(dir, `${name}.csv`);
  if (descriptor) {
    const dpFile = path.join(dir, "datapackage.json");
    for (const name of REQUIRED_RESOURCES) {
      if (!descriptor.resources.some((r) => r !== null && typeof r === "object" && r.name === name)) {
        errors.push(new DataError({ file: dpFile, column: "resources", value: name, expected: `a resource named "${name}"` }));
      }
    }
    descriptor.resources.forEach((entry, index) => {
      const located = resourceFile(dir, entry, index, dpFile);
      if (located instanceof DataError) {
        errors.push(located);
        return;
      }
      const res = entry;
      if (!(RESOURCE_NAMES as readonly string[]).includes(located.name)) {
        warnings.push(`datapackage.json: resource "${located.name}" is not part of the format and was not read`);
        return;
      }
      if (files.has(located.name)) {
        errors.push(new DataError({ file: dpFile, column: `resources[${index}]`, value: located.name, expected: `each resource listed once (resource "${located.name}" is listed twice; which one counts would be a guess)` }));
        return;
      }
      const file = located.file;
      files.set(located.name, file);
      const bytes = fs.readFileSync(located.resolved); // resolved: "areas.csv/" names the file but cannot be opened as written
      const descriptorErrors = checkResourceDescriptor(res, dpFile);
      append(errors, descriptorErrors);
      if (options.verifyHashes !== false && hashHex(res.hash) !== undefined) {
        const actual = sha256(bytes);
        if (hashHex(res.hash) !== actual) {
          errors.push(
            new DataError({
              file,
              column: "sha256",
              value: actual,
              expected: `the sha256 recorded in datapackage.json (${res.hash}); the file changed after it was written`,
            }),
          );
        }
      }
      let text: string;
      try {
        text = decodeUtf8(bytes, file);
      } catch (e) {
        if (!(e instanceof DataError)) throw e;
        errors.push(e);
        return;
      }
      const declaredMissing = res.schema?.missingValues;
      const parsed = parseResource(res.name, text, file, errors, new Set(Array.isArray(declaredMissing) ? declaredMissing : [""]));
      rows[res.name] = parsed;
      counts[res.name] = parsed.length;
      if (res.rows !== undefined && res.rows !== parsed.length) {
        warnings.push(`datapackage.json: resource "${res.name}" declares ${JSON.stringify(res.rows)} rows but ${path.basename(file)} has ${parsed.length}`);
      }
    });
    checkRules(rows, fileOf, errors, warnings);
  }
  return { descriptor, rows, result: { errors, warnings, rows: counts } };
}

/**
 * Check a package folder against the format. Never throws for bad data; returns every error found.
 * @example
 * const { errors } = validatePackage("datasets/pilot-synthetic");
 * if (errors.length) console.error(errors.map((e) => e.message).join("\n"));
 */
export function validatePackage(dir: string): ValidationResult {
  return loadRows(dir).result;
}

function toTable(rows: readonly TypedRow[], name: ResourceName): aq.ColumnTable {
  const cols: Record<string, (string | number | null)[]> = {};
  for (const f of fieldNames(name)) cols[f] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (const f in cols) cols[f][i] = row[f];
  }
  return aq.table(cols);
}

/**
 * Load a data package into arquero tables (missing numbers are `null`, their reason in `status`).
 * @throws DataErrors listing every validation error (file, row, column, value, expected)
 * @example
 * const pkg = readPackage("datasets/pilot-synthetic");
 * pkg.indicators.numRows();
 */
export function readPackage(dir: string): DataPackage {
  const { descriptor, rows, result } = loadRows(dir);
  if (result.errors.length > 0 || !descriptor) throw new DataErrors(result.errors, `readPackage(${dir})`);
  return {
    dir,
    descriptor,
    areas: toTable(rows.areas!, "areas"),
    catalogue: toTable(rows.catalogue!, "catalogue"),
    indicators: toTable(rows.indicators!, "indicators"),
    context: toTable(rows.context!, "context"),
    outcomes: toTable(rows.outcomes!, "outcomes"),
    benchmarks: rows.benchmarks ? toTable(rows.benchmarks, "benchmarks") : undefined,
  };
}

/**
 * Rows of a loaded table as plain typed rows (for writing a package back, or for plain-array code).
 * @example
 * tableRows(readPackage("datasets/pilot-synthetic").areas)[0].la_name // "…", the first LA's name
 */
export function tableRows(table: aq.ColumnTable): TypedRow[] {
  return table.objects() as TypedRow[];
}

/**
 * A loaded package as {@link PackageContent} (for round trips and merging): writing it back gives the same bytes.
 * @example
 * writePackage("/tmp/copy", packageContent(readPackage("datasets/pilot-synthetic")));
 */
export function packageContent(pkg: DataPackage): PackageContent {
  const d = pkg.descriptor;
  return {
    name: d.name,
    title: d.title,
    description: d.description,
    licenses: d.licenses,
    sources: d.sources,
    created: d.created,
    provenance: d.provenance,
    areas: tableRows(pkg.areas) as never,
    catalogue: tableRows(pkg.catalogue) as never,
    indicators: tableRows(pkg.indicators) as never,
    context: tableRows(pkg.context) as never,
    outcomes: tableRows(pkg.outcomes) as never,
    benchmarks: pkg.benchmarks ? (tableRows(pkg.benchmarks) as never) : undefined,
  };
}
function append<T>(into: T[], more: readonly T[]): void {
  for (const x of more) into.push(x);
}
