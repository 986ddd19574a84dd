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
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aq from "arquero";
import { DataError, DataErrors } from "../errors";
import { decodeUtf8, duplicateColumns, formatCsv, parseCsv, type CsvValue } from "./csv";
import { writeFilesAtomically, type FileToWrite } from "./atomic-write";
import { ISO_DATE, OUTCOME_GRADE_RANGE, PRIMARY_KEYS, SCHEMAS, fieldNames, outcomeGradeOfLabel } from "./schema";
import { FRICTIONLESS_MISSING_VALUES, checkResourceDescriptor, formatHash, hashHex } from "./frictionless";
import {
  MISSING_REASONS,
  REQUIRED_RESOURCES,
  RESOURCE_NAMES,
  type DataPackage,
  type FieldDescriptor,
  type PackageContent,
  type PackageDescriptor,
  type ResourceDescriptor,
  type ResourceName,
} from "./types";

/**
 * Largest resource file read (bytes): 64 MiB, about six times the largest real one (the imported England
 * indicators.csv, 10.9 MB); parsing a file this size stays well under 512 MB of memory.
 */
export const MAX_RESOURCE_BYTES = 64 * 1024 * 1024;
/** Largest datapackage.json read (bytes): 16 MiB; the imported England descriptor is 69 KB. */
export const MAX_DESCRIPTOR_BYTES = 16 * 1024 * 1024;

/** A typed row: text, number or null (missing). */
export type TypedRow = Record<string, string | number | null>;

/** Result of validation: errors make a package unusable; warnings are worth reading. */
export interface ValidationResult {
  errors: DataError[];
  warnings: string[];
  /** Rows read per resource. */
  rows: Partial<Record<ResourceName, number>>;
}

const NUMBER_RE = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const INTEGER_RE = /^[-+]?\d+$/;

/**
 * sha256 of bytes (or of a string's UTF-8 bytes) as lowercase hex — the hash datapackage.json records.
 * @example
 * sha256("abc") // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function isValidDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function expectedType(f: FieldDescriptor): string {
  switch (f.type) {
    case "number":
      return "a number (or an empty cell for missing)";
    case "integer":
      return "a whole number";
    case "date":
      return "a date as yyyy-mm-dd";
    default:
      return "text";
  }
}

/** Convert one text cell by its field type; returns a DataError for a bad cell. `missing`: the declared missing values. */
function convertCell(text: string, f: FieldDescriptor, file: string, row: number, missing?: ReadonlySet<string>): string | number | null | DataError {
  if (f.type === "string") return text;
  if (text === "") return f.type === "date" ? "" : null;
  if ((f.type === "number" || f.type === "integer") && missing?.has(text)) return null;
  if (f.type === "number") {
    if (NUMBER_RE.test(text)) {
      const n = Number(text);
      if (Number.isFinite(n)) return n;
      return new DataError({ file, row, column: f.name, value: text, expected: `a finite number (this one overflows to ${n} in double precision, |x| ≤ ${Number.MAX_VALUE})` });
    }
  } else if (f.type === "integer") {
    if (INTEGER_RE.test(text)) {
      const n = Number(text);
      if (Number.isSafeInteger(n)) return n;
      return new DataError({ file, row, column: f.name, value: text, expected: `a whole number of at most ${Number.MAX_SAFE_INTEGER} in size (larger ones are not exact in double precision)` });
    }
  } else if (f.type === "date") {
    if (isValidDate(text)) return text;
  }
  return new DataError({ file, row, column: f.name, value: text, expected: expectedType(f) });
}

/** Parse a resource's CSV text into typed rows, collecting every cell error. */
function parseResource(
  name: ResourceName,
  text: string,
  file: string,
  errors: DataError[],
  missing?: ReadonlySet<string>,
): TypedRow[] {
  let csv;
  try {
    csv = parseCsv(text, file);
  } catch (e) {
    if (e instanceof DataError) {
      errors.push(e);
      return [];
    }
    throw e;
  }
  const schema = SCHEMAS[name];
  const index = new Map(csv.header.map((h, i) => [h, i] as const));
  let headerOk = true;
  for (const dup of duplicateColumns(csv.header)) {
    headerOk = false;
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
    if (!index.has(f.name) && !f.optional) {
      headerOk = false;
      errors.push(new DataError({ file, row: 0, column: f.name, expected: `a column "${f.name}" (${f.description})` }));
    }
  }
  for (const h of csv.header) {
    if (!schema.some((f) => f.name === h)) {
      headerOk = false;
      errors.push(
        new DataError({ file, row: 0, column: h, value: h, expected: `only the columns ${schema.map((f) => f.name).join(", ")}` }),
      );
    }
  }
  if (!headerOk) return [];
  const out: TypedRow[] = new Array(csv.rows.length);
  for (let r = 0; r < csv.rows.length; r++) {
    const cells = csv.rows[r];
    const row: TypedRow = {};
    for (const f of schema) {
      const at = index.get(f.name);
      if (at === undefined) {
        row[f.name] = f.type === "string" ? "" : null; // an optional column the package does not have
        continue;
      }
      const v = convertCell(cells[at], f, file, r + 1, missing);
      if (v instanceof DataError) {
        errors.push(v);
        row[f.name] = null;
      } else row[f.name] = v;
    }
    out[r] = row;
  }
  return out;
}

/**
 * The rules that involve more than one cell or resource (required fields, enums, bounds, primary keys, LA codes
 * in areas.csv, indicators in the catalogue, statuses, numerator ≤ denominator, percent in 0–100). Errors and
 * warnings are appended to the arrays given; rows are 1-based in messages. Used by both reading and writing.
 * @example
 * const errors: DataError[] = [];
 * checkRules({ catalogue: [] , indicators: [{ la_code: "E06900001", period: 2020, indicator: "x", value: 1,
 *   numerator: null, denominator: null, status: "" }] }, (n) => `${n}.csv`, errors, []);
 * errors[0].message // 'indicators.csv, row 1, column "indicator": got "x", expected an indicator listed in catalogue.csv'
 */
export function checkRules(
  resources: Partial<Record<ResourceName, readonly TypedRow[]>>,
  fileOf: (name: ResourceName) => string,
  errors: DataError[],
  warnings: string[],
): void {
  // required fields, enums and bounds, and primary keys
  for (const name of RESOURCE_NAMES) {
    const rows = resources[name];
    if (!rows) continue;
    const file = fileOf(name);
    const schema = SCHEMAS[name];
    const keys = PRIMARY_KEYS[name];
    const seen = new Map<string, number>();
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      for (const f of schema) {
        const v = row[f.name];
        const c = f.constraints;
        if (!c) continue;
        if (c.required && (v === null || v === "" || v === undefined)) {
          errors.push(new DataError({ file, row: r + 1, column: f.name, value: "", expected: `a value (${f.description})` }));
        } else if (c.enum && typeof v === "string" && v !== "" && !c.enum.includes(v)) {
          errors.push(new DataError({ file, row: r + 1, column: f.name, value: v, expected: `one of ${c.enum.join(", ")}` }));
        } else if (typeof v === "number" && ((c.minimum !== undefined && v < c.minimum) || (c.maximum !== undefined && v > c.maximum))) {
          errors.push(
            new DataError({ file, row: r + 1, column: f.name, value: String(v), expected: `a value from ${c.minimum} to ${c.maximum}` }),
          );
        }
      }
      const key = keys.map((k) => String(row[k])).join("\u0000");
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push(
          new DataError({
            file,
            row: r + 1,
            column: keys.join("+"),
            value: keys.map((k) => String(row[k])).join(", "),
            expected: `a unique (${keys.join(", ")}); already on row ${first}`,
          }),
        );
      } else seen.set(key, r + 1);
    }
  }

  const areaCodes = new Set((resources.areas ?? []).map((a) => String(a.la_code)));
  const units = new Map((resources.catalogue ?? []).map((c) => [String(c.indicator), String(c.unit)] as const));
  const checkLa = (name: ResourceName) => {
    const rows = resources[name];
    if (!rows || !resources.areas) return;
    const file = fileOf(name);
    rows.forEach((row, i) => {
      const code = row.la_code;
      if (typeof code === "string" && code !== "" && !areaCodes.has(code)) {
        errors.push(new DataError({ file, row: i + 1, column: "la_code", value: code, expected: "an la_code listed in areas.csv" }));
      }
    });
  };
  checkLa("indicators");
  checkLa("context");
  checkLa("outcomes");

  for (const name of ["indicators", "benchmarks"] as const) {
    const rows = resources[name];
    if (!rows) continue;
    const file = fileOf(name);
    rows.forEach((row, i) => {
      const r = i + 1;
      const ind = String(row.indicator);
      const unit = units.get(ind);
      if (resources.catalogue && unit === undefined && ind !== "") {
        errors.push(new DataError({ file, row: r, column: "indicator", value: ind, expected: "an indicator listed in catalogue.csv" }));
      }
      const value = row.value as number | null;
      const num = row.numerator as number | null;
      const den = row.denominator as number | null;
      const status = String(row.status ?? "");
      const reason = status.split(":")[0];
      if (status !== "" && !(MISSING_REASONS as readonly string[]).includes(reason)) {
        errors.push(
          new DataError({ file, row: r, column: "status", value: status, expected: `blank or one of ${MISSING_REASONS.join(", ")} (optionally ":symbol")` }),
        );
      }
      if (value === null && status === "") {
        errors.push(new DataError({ file, row: r, column: "status", value: "", expected: "the reason a missing value is missing" }));
      }
      if (value !== null && status !== "" && reason !== "low-reliability") {
        errors.push(
          new DataError({ file, row: r, column: "value", value: String(value), expected: `no value when status is "${status}"` }),
        );
      }
      if (num !== null && num < 0) errors.push(new DataError({ file, row: r, column: "numerator", value: String(num), expected: "a count ≥ 0" }));
      if (den !== null && den < 0) errors.push(new DataError({ file, row: r, column: "denominator", value: String(den), expected: "a count ≥ 0" }));
      if ((unit === "percent" || unit === "rate_per_10k") && num !== null && den !== null && num > den) {
        errors.push(
          new DataError({ file, row: r, column: "numerator", value: String(num), expected: `a numerator ≤ the denominator (${den})` }),
        );
      }
      if (unit === "percent" && value !== null && (value < 0 || value > 100)) {
        errors.push(new DataError({ file, row: r, column: "value", value: String(value), expected: "a percentage from 0 to 100" }));
      }
      if (unit === "rate_per_10k" && value !== null && value < 0) {
        errors.push(new DataError({ file, row: r, column: "value", value: String(value), expected: "a rate ≥ 0" }));
      }
    });
  }

  if (resources.outcomes) {
    const file = fileOf("outcomes");
    const { best, worst } = OUTCOME_GRADE_RANGE;
    resources.outcomes.forEach((o, i) => {
      const value = o.value;
      const label = typeof o.label === "string" ? o.label : "";
      if (typeof value === "number" && !(Number.isInteger(value) && value >= best && value <= worst)) {
        errors.push(new DataError({ file, row: i + 1, column: "value", value: String(value), expected: `a grade on the outcome scale: a whole number from ${best} (Outstanding) to ${worst} (Inadequate), or blank` }));
        return;
      }
      const grade = outcomeGradeOfLabel(label);
      if (grade === undefined) {
        errors.push(new DataError({ file, row: i + 1, column: "label", value: label, expected: "a judgement of the outcome scale (Outstanding, Good, Requires improvement (to be good), Adequate, Inadequate; optionally followed by a [note]) or blank" }));
      } else if (grade !== null && grade !== value) {
        errors.push(new DataError({ file, row: i + 1, column: "value", value: String(value), expected: `the grade of its label "${label}" (${grade})` }));
      }
    });
  }

  if (resources.areas) {
    resources.areas.forEach((a, i) => {
      const f = a.first_period as number | null;
      const l = a.last_period as number | null;
      if (f !== null && l !== null && f > l) {
        errors.push(
          new DataError({ file: fileOf("areas"), row: i + 1, column: "last_period", value: String(l), expected: `a period ≥ first_period (${f})` }),
        );
      }
    });
  }
  if (resources.catalogue && resources.indicators) {
    const used = new Set(resources.indicators.map((r) => String(r.indicator)));
    for (const c of resources.catalogue) {
      if (!used.has(String(c.indicator))) warnings.push(`catalogue.csv: indicator "${c.indicator}" has no rows in indicators.csv`);
    }
  }
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

/**
 * The fields of a resource that are written: every field, except an optional one that is blank (or absent)
 * in every row — so content without the newer optional columns writes the same bytes as before they existed.
 * @example
 * writtenFields("catalogue", [{ indicator: "x", framework_role: "" }]).map((f) => f.name).includes("framework_role") // false
 */
export function writtenFields(name: ResourceName, rows: readonly TypedRow[]): FieldDescriptor[] {
  return SCHEMAS[name].filter((f) => !f.optional || rows.some((r) => r[f.name] !== undefined && r[f.name] !== null && r[f.name] !== ""));
}

/** A row with an optional field it lacks set blank (the CSV writer needs every written column). */
function withOptionalBlanks(row: TypedRow, fields: readonly FieldDescriptor[]): TypedRow {
  if (fields.every((f) => row[f.name] !== undefined)) return row;
  const out: TypedRow = { ...row };
  for (const f of fields) if (out[f.name] === undefined) out[f.name] = f.type === "string" ? "" : null;
  return out;
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
export function writePackage(dir: string, content: PackageContent, options: { extraFiles?: readonly FileToWrite[] } = {}): PackageDescriptor {
  const errors: DataError[] = [];
  const warnings: string[] = [];
  const resources: Partial<Record<ResourceName, readonly TypedRow[]>> = {};
  for (const name of RESOURCE_NAMES) {
    const rows = content[name] as readonly TypedRow[] | undefined;
    if (rows) resources[name] = rows;
  }
  // type-check cells as the reader would, so a written package always reads back
  for (const name of RESOURCE_NAMES) {
    const rows = resources[name];
    if (!rows) continue;
    for (let r = 0; r < rows.length; r++) {
      for (const f of SCHEMAS[name]) {
        const v = rows[r][f.name];
        const file = `${name}.csv`;
        if (v === undefined && f.optional) continue;
        const bad =
          v === undefined ||
          (f.type === "string" && typeof v !== "string") ||
          (f.type === "date" && (typeof v !== "string" || (v !== "" && !isValidDate(v)))) ||
          ((f.type === "number" || f.type === "integer") && v !== null && (typeof v !== "number" || !Number.isFinite(v))) ||
          (f.type === "integer" && typeof v === "number" && !Number.isInteger(v));
        if (bad) errors.push(new DataError({ file, row: r + 1, column: f.name, value: String(v), expected: expectedType(f) }));
      }
    }
  }
  checkRules(resources, (n) => `${n}.csv`, errors, warnings);
  if (errors.length > 0) throw new DataErrors(errors, `writePackage(${dir})`);

  const files: FileToWrite[] = [];
  const descriptors: ResourceDescriptor[] = [];
  for (const name of RESOURCE_NAMES) {
    const rows = resources[name];
    if (!rows) continue;
    const written = writtenFields(name, rows);
    const fields = written.map((f) => f.name);
    const text = formatCsv(rows.map((row) => withOptionalBlanks(row, written)) as readonly Record<string, CsvValue>[], fields);
    const file = `${name}.csv`;
    files.push({ name: file, contents: text });
    descriptors.push({
      name,
      path: file,
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      hash: formatHash(sha256(text)),
      bytes: Buffer.byteLength(text),
      rows: rows.length,
      schema: { fields: written.map((f) => ({ ...f })), missingValues: [...FRICTIONLESS_MISSING_VALUES], primaryKey: [...PRIMARY_KEYS[name]] },
      licenses: content.licenses ?? [OGL_V3],
      sources: content.sources ?? [],
    });
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
  files.push(...(options.extraFiles ?? []), { name: "datapackage.json", contents: JSON.stringify(descriptor, null, 2) + "\n" });
  writeFilesAtomically(dir, files);
  return descriptor;
}

function append<T>(into: T[], more: readonly T[]): void {
  for (const x of more) into.push(x);
}
