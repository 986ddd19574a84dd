/**
 * What makes a package readable by Frictionless tools (frictionless-py, datapackage-r) and the checks
 * `validate` makes of a descriptor, as those tools would (Frictionless Data Package v1/v2 specs:
 * https://specs.frictionlessdata.io/data-resource/#hash, /table-schema/#missing-values, /table-schema/#types-and-formats):
 *
 * - a resource `hash` is `"<algorithm>:<hex>"`; the workbench writes `"sha256:<64 hex digits>"` and still
 *   reads the bare 64-digit hex it wrote before (which Frictionless tools would take for MD5);
 * - each resource's `schema.fields` declares every column with a Table Schema type, and these must be the
 *   types the workbench reads (a descriptor claiming `value` is a string is an error);
 * - `schema.missingValues` declares the strings read as missing: `""` and the DfE publication symbols
 *   ({@link FRICTIONLESS_MISSING_VALUES}); in a number or integer column such a cell is missing (null) and the
 *   row's `status` must say why;
 * - licences and sources are given per resource as well as for the package.
 */
import { DataError } from "../errors";
import { SCHEMAS } from "./schema";
import type { ResourceDescriptor, ResourceName } from "./types";

/**
 * Largest resource file of a package (bytes): 64 MiB, about six times the largest real one (the imported England
 * indicators.csv, 10.9 MB); parsing a file this size stays well under 512 MB of memory. The reader refuses a larger
 * file (lib/data/package-load.ts) and the writer one it would write (lib/data/package-write.ts).
 */
export const MAX_RESOURCE_BYTES = 64 * 1024 * 1024;

/** The hash algorithm prefix written before the hex digest. */
export const HASH_PREFIX = "sha256:";

/**
 * The missing-value strings declared in every table schema: the empty cell and the DfE symbols
 * (c confidential, low/k rounds to zero, x not available, : not available (older files), z not applicable,
 * u low reliability — see lib/data/import/symbols.ts). The workbench writes only ""; the others are declared so
 * a Frictionless tool reading an edited file never takes a symbol for a value.
 */
export const FRICTIONLESS_MISSING_VALUES: readonly string[] = Object.freeze(["", "c", "low", "k", "x", ":", "z", "u"]);

/** Table Schema field types (Frictionless v1). */
export const TABLE_SCHEMA_TYPES = ["string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year", "yearmonth", "duration", "geopoint", "geojson", "any"] as const;

/**
 * A resource hash as written: `sha256:<hex>`.
 * @example
 * formatHash("ba78…") // "sha256:ba78…"
 */
export function formatHash(hex: string): string {
  return `${HASH_PREFIX}${hex}`;
}

/**
 * The sha256 hex of a recorded hash (`sha256:<hex>`, or the bare hex written before), or undefined when the
 * text is neither (another algorithm, a wrong length, not hex).
 * @example
 * hashHex("sha256:" + "a".repeat(64)) // "aaaa…"
 * hashHex("md5:abc") // undefined
 */
export function hashHex(recorded: unknown): string | undefined {
  if (typeof recorded !== "string") return undefined;
  const m = /^(?:sha256:)?([0-9a-f]{64})$/.exec(recorded);
  return m ? m[1] : undefined;
}

/**
 * Check one resource descriptor as a Frictionless validator would: hash format, declared fields and types
 * against the workbench's schema, and the declared missing values.
 * @param file - datapackage.json's path, for messages
 * @returns the problems found (empty when the descriptor is sound)
 * @example
 * checkResourceDescriptor(descriptor.resources[0], "pkg/datapackage.json") // []
 */
export function checkResourceDescriptor(res: ResourceDescriptor, file: string): DataError[] {
  const errors: DataError[] = [];
  const at = (what: string) => `resources["${res.name}"].${what}`;
  if (hashHex(res.hash) === undefined) {
    errors.push(new DataError({ file, column: at("hash"), value: String(res.hash), expected: `a hash written as ${HASH_PREFIX}<64 lower-case hex digits>` }));
  }
  const schema = (res as { schema?: unknown }).schema as ResourceDescriptor["schema"] | undefined;
  if (!schema || typeof schema !== "object" || !Array.isArray(schema.fields)) {
    errors.push(new DataError({ file, column: at("schema.fields"), expected: "a table schema with a list of fields" }));
    return errors;
  }
  const declared = new Map<string, string>();
  for (const f of schema.fields) {
    const type = (f as { type?: unknown }).type;
    if (typeof f?.name !== "string" || !(TABLE_SCHEMA_TYPES as readonly unknown[]).includes(type)) {
      errors.push(new DataError({ file, column: at("schema.fields"), value: JSON.stringify(f?.name ?? null), expected: `a field with a name and a Table Schema type (${TABLE_SCHEMA_TYPES.join(", ")})` }));
      continue;
    }
    declared.set(f.name, String(type));
  }
  const expectedFields = SCHEMAS[res.name as ResourceName];
  if (expectedFields) {
    for (const f of expectedFields) {
      const t = declared.get(f.name);
      if (t === undefined) {
        // an optional field (e.g. the catalogue's framework tags) is declared only when the package has it
        if (!f.optional) errors.push(new DataError({ file, column: at(`schema.fields`), value: f.name, expected: `a declared field "${f.name}" of type ${f.type}` }));
      } else if (t !== f.type) errors.push(new DataError({ file, column: at(`schema.fields["${f.name}"].type`), value: t, expected: `type ${f.type}, the type the workbench reads` }));
    }
  }
  const mv = (schema as { missingValues?: unknown }).missingValues;
  if (mv !== undefined && (!Array.isArray(mv) || !mv.every((v) => typeof v === "string") || !mv.includes(""))) {
    errors.push(new DataError({ file, column: at("schema.missingValues"), value: JSON.stringify(mv), expected: 'a list of strings including "" (the empty cell)' }));
  }
  return errors;
}
