/**
 * Loading a data package folder into validated columns (no arquero: `validate` and `list` stay light, and
 * readPackage in package.ts makes its tables from these columns). Every resource file is read once, in chunks
 * of bytes, field by field, each cell typed straight into its column (package-parse.ts, package-columns.ts);
 * the format's rules then run once over the columns (package-rules.ts). Errors name file, row, column, value
 * and what was expected. The files are read smallest first (V8 then optimises the reader once, having seen every
 * kind of cell), but everything found is reported in datapackage.json's order.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, DataErrors, isSystemError } from "../errors";
import { finishInterruptedWrites } from "./atomic-write";
import { decodeUtf8 } from "./csv";
import { checkResourceDescriptor, hashHex, MAX_RESOURCE_BYTES } from "./frictionless";
import { sha256 } from "./package-cells";
import type { ResourceColumns } from "./package-columns";
import { parseResourceFile, parseResourceText } from "./package-parse";
import { checkRules } from "./package-rules";
import { DESCRIPTOR_FILE, readSmallFile, SIDECAR_MAX_BYTES } from "./small-file";
import {
  REQUIRED_RESOURCES,
  RESOURCE_NAMES,
  type PackageDescriptor,
  type ResourceDescriptor,
  type ResourceName,
} from "./types";

/** Largest resource file read (bytes): lib/data/frictionless.ts says why. */
export { MAX_RESOURCE_BYTES };

/** Result of validation: errors make a package unusable; warnings are worth reading. */
export interface ValidationResult {
  errors: DataError[];
  warnings: string[];
  /** Rows read per resource. */
  rows: Partial<Record<ResourceName, number>>;
}

function readDescriptor(dir: string, errors: DataError[]): PackageDescriptor | null {
  const file = path.join(dir, "datapackage.json");
  if (!fs.existsSync(file)) {
    errors.push(new DataError({ file, expected: "a datapackage.json file (is this a data package folder?)" }));
    return null;
  }
  if (!fs.statSync(file).isFile()) {
    errors.push(new DataError({ file, value: "not a regular file", expected: "a datapackage.json file" }));
    return null;
  }
  try {
    // the sidecars' cap, as every read of a descriptor (output-folder.ts descriptorOf): refused past it, with its message
    const d = JSON.parse(decodeUtf8(readSmallFile(file, SIDECAR_MAX_BYTES, DESCRIPTOR_FILE), file)) as PackageDescriptor;
    if (!d || !Array.isArray(d.resources)) {
      errors.push(new DataError({ file, column: "resources", expected: "a list of resources" }));
      return null;
    }
    return d;
  } catch (e) {
    // bytes that are not UTF-8: decodeUtf8's error (file, line, byte offset), not U+FFFD in a title or a licence
    if (e instanceof DataError) errors.push(e);
    else errors.push(new DataError({ file, value: (e as Error).message, expected: "valid JSON" }));
    return null;
  }
}

/** A package folder loaded as columns: the descriptor, each resource read, and what validation found. */
export interface LoadedColumns {
  descriptor: PackageDescriptor | null;
  resources: Partial<Record<ResourceName, ResourceColumns>>;
  result: ValidationResult;
}

/**
 * Where a resource's file is, if its descriptor entry is sound: an object with a known-shaped `name` and a
 * relative `path` that stays inside the package folder once `..` and symbolic links are resolved, naming
 * a regular file. Otherwise the DataError saying why; the file is never opened (so nothing outside the
 * package is read or echoed).
 */
function resourceFile(dir: string, res: unknown, index: number, dpFile: string): { name: string; file: string; resolved: string; size: number } | DataError {
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
  return { name, file: path.join(dir, rel), resolved: file, size: st.size };
}

/**
 * A resource file's text, after its sha256 is checked against datapackage.json (unless `verifyHashes` is
 * false) and its bytes decoded as UTF-8; undefined (the error recorded) when it is not UTF-8. Only for a file
 * the chunked reader found not UTF-8 or malformed (readResource), so that its errors are exactly these.
 */
function resourceText(resolved: string, file: string, res: ResourceDescriptor, verifyHashes: boolean, errors: DataError[]): string | undefined {
  const bytes = fs.readFileSync(resolved); // resolved: "areas.csv/" names the file but cannot be opened as written
  if (verifyHashes && hashHex(res.hash) !== undefined) {
    const actual = sha256(bytes);
    if (hashHex(res.hash) !== actual) errors.push(hashMismatch(file, actual, res.hash));
  }
  try {
    return decodeUtf8(bytes, file);
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    errors.push(e);
    return undefined;
  }
}

/**
 * A resource file's columns, its errors added to `errors` after the sha256 check's (as readPackage reports
 * them): read in chunks of bytes (package-parse.ts), or, when the file is not UTF-8 or its quoting is
 * malformed, read whole as text for the exact error.
 */
function readResource(
  name: ResourceName,
  located: { file: string; resolved: string },
  res: ResourceDescriptor,
  verifyHashes: boolean,
  errors: DataError[],
): ResourceColumns | undefined {
  const declaredMissing = res.schema?.missingValues;
  const missing = new Set(Array.isArray(declaredMissing) ? declaredMissing : [""]);
  const expectedHash = verifyHashes ? hashHex(res.hash) : undefined;
  try {
    const read = parseResourceFile(name, located.resolved, located.file, { missing, hash: expectedHash !== undefined, rows: res.rows });
    if (read === "malformed") {
      const text = resourceText(located.resolved, located.file, res, verifyHashes, errors);
      return text === undefined ? undefined : parseResourceText(name, text, located.file, errors, missing);
    }
    if (expectedHash !== undefined && read.sha256 !== expectedHash) errors.push(hashMismatch(located.file, read.sha256!, res.hash));
    append(errors, read.errors);
    return read.columns;
  } catch (e) {
    if (!isSystemError(e)) throw e;
    // no permission, or deleted or replaced since it was listed: the file's error, in its place among the others
    errors.push(new DataError({ file: located.file, value: e.message, expected: `a readable file for resource "${name}" (check its permissions, and that it was not moved or deleted while it was read)` }));
    return undefined;
  }
}

function hashMismatch(file: string, actual: string, recorded: unknown): DataError {
  return new DataError({
    file,
    column: "sha256",
    value: actual,
    expected: `the sha256 recorded in datapackage.json (${recorded}); the file changed after it was written`,
  });
}

/**
 * Load and validate a package folder as columns, reading each resource once and checking the rules once.
 * Never throws for bad data: the errors are in `result`.
 * @example
 * const { resources, result } = loadPackageColumns("datasets/pilot-synthetic");
 * result.errors.length === 0 && resources.indicators!.columns.value.length // 60000 values
 */
export function loadPackageColumns(dir: string, options: { verifyHashes?: boolean } = {}): LoadedColumns {
  const errors: DataError[] = [];
  const warnings: string[] = [];
  const resources: Partial<Record<ResourceName, ResourceColumns>> = {};
  const counts: Partial<Record<ResourceName, number>> = {};
  completeKilledWrite(dir, warnings);
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
    const entries = descriptor.resources.map((entry, index) => planEntry(dir, entry, index, dpFile, files));
    // smallest file first: the reader's per-cell code then meets every kind of cell (dates, quoted texts) before
    // the largest file, and V8 optimises it once for all of them instead of again when a new kind turns up late
    const toRead = entries.filter((e) => e.located !== undefined).sort((x, y) => x.located!.size - y.located!.size);
    for (const e of toRead) e.parsed = readResource(e.res.name, e.located!, e.res, options.verifyHashes !== false, e.errors);
    for (const e of entries) {
      append(errors, e.errors);
      append(warnings, e.warnings);
      const parsed = e.parsed;
      if (parsed === undefined) continue;
      resources[e.res.name] = parsed;
      counts[e.res.name] = parsed.length;
      if (e.res.rows !== undefined && e.res.rows !== parsed.length) {
        warnings.push(`datapackage.json: resource "${e.res.name}" declares ${JSON.stringify(e.res.rows)} rows but ${path.basename(e.located!.file)} has ${parsed.length}`);
      }
      // as rows: the sha256 decides whether the file is the one written (a mismatch is already an error, which says
      // the file changed); a wrong size beside a matching hash says the descriptor was edited
      if (e.res.bytes !== undefined && e.res.bytes !== e.located!.size && !e.errors.some((x) => x.column === "sha256")) {
        warnings.push(`datapackage.json: resource "${e.res.name}" declares ${JSON.stringify(e.res.bytes)} bytes but ${path.basename(e.located!.file)} has ${e.located!.size}`);
      }
    }
    checkRules(resources, fileOf, errors, warnings);
  }
  return { descriptor, resources, result: { errors, warnings, rows: counts } };
}

/** One entry of datapackage.json's resources: its errors and warnings (in the order found), the file to read if any, and what it read. */
interface PlannedEntry {
  res: ResourceDescriptor;
  located?: { file: string; resolved: string; size: number };
  errors: DataError[];
  warnings: string[];
  parsed?: ResourceColumns;
}

/**
 * Check one entry of datapackage.json's resources (in the descriptor's order: `files` records each resource
 * name's file, and a name listed twice is an error for the second) and say which file to read.
 */
function planEntry(dir: string, entry: ResourceDescriptor, index: number, dpFile: string, files: Map<string, string>): PlannedEntry {
  const planned: PlannedEntry = { res: entry, errors: [], warnings: [] };
  const located = resourceFile(dir, entry, index, dpFile);
  if (located instanceof DataError) {
    planned.errors.push(located);
    return planned;
  }
  if (!(RESOURCE_NAMES as readonly string[]).includes(located.name)) {
    planned.warnings.push(`datapackage.json: resource "${located.name}" is not part of the format and was not read`);
    return planned;
  }
  if (files.has(located.name)) {
    planned.errors.push(new DataError({ file: dpFile, column: `resources[${index}]`, value: located.name, expected: `each resource listed once (resource "${located.name}" is listed twice; which one counts would be a guess)` }));
    return planned;
  }
  files.set(located.name, located.file);
  append(planned.errors, checkResourceDescriptor(entry, dpFile));
  planned.located = located;
  return planned;
}

/**
 * Load a valid package as columns, or throw as readPackage does (for commands that need no arquero tables).
 * @throws DataErrors listing every validation error (file, row, column, value, expected)
 * @example
 * readPackageColumns("datasets/pilot-synthetic").resources.areas!.length // 150
 */
export function readPackageColumns(dir: string): { descriptor: PackageDescriptor; resources: Partial<Record<ResourceName, ResourceColumns>> } {
  const { descriptor, resources, result } = loadPackageColumns(dir);
  if (result.errors.length > 0 || !descriptor) throw new DataErrors(result.errors, `readPackage(${dir})`);
  return { descriptor, resources };
}

/**
 * Check a package folder against the format. Never throws for bad data; returns every error found.
 * @example
 * const { errors } = validatePackage("datasets/pilot-synthetic");
 * if (errors.length) console.error(errors.map((e) => e.message).join("\n"));
 */
export function validatePackage(dir: string): ValidationResult {
  return loadPackageColumns(dir).result;
}

/** Complete a package write that was killed while renaming its files (lib/data/atomic-write.ts), or say why not. */
function completeKilledWrite(dir: string, warnings: string[]): void {
  try {
    const n = finishInterruptedWrites(dir);
    if (n > 0) warnings.push(`${dir}: a write into this folder had been interrupted while renaming its files; it was completed first`);
  } catch (e) {
    warnings.push(`${dir}: a write into this folder was interrupted while renaming its files and could not be completed (${(e as Error).message}); the files may be a mix of old and new`);
  }
}

function append<T>(into: T[], more: readonly T[]): void {
  for (const x of more) into.push(x);
}
