/**
 * Catalogue metadata of a researcher's own indicators (label, unit, polarity, domain, …): from a small
 * sidecar file and/or options that apply to every indicator of the file. Allowed values are the package
 * vocabularies ({@link UNITS}, {@link POLARITIES}, {@link DOMAINS}); an error lists them. The framework tags
 * (framework_role, framework_area) are the domain's, as an official indicator's are ({@link defaultFrameworkTags}),
 * unless the sidecar gives them ({@link FRAMEWORK_ROLES}, {@link FRAMEWORK_AREAS}).
 *
 * Sidecar formats:
 * - CSV with the columns of catalogue.csv (`indicator` and any of `label, domain, polarity, unit, numerator,
 *   denominator, source, definition`), one row per indicator;
 * - JSON `{ "<indicator>": { "label": …, "unit": …, "polarity": …, "domain": … }, … }`.
 */
import { describeJsonValue } from "../json-value";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, DataErrors } from "../../errors";
import { decodeUtf8, parseCsv } from "../csv";
import { csvHeadProblem, describeCsvHeadProblem } from "../csv-head";
import { defaultFrameworkTags } from "../framework";
import { readSmallFile, SIDECAR_MAX_BYTES } from "../small-file";
import { DOMAINS, FRAMEWORK_AREAS, FRAMEWORK_ROLES, POLARITIES, UNITS, type CatalogueRow, type Domain } from "../types";
import { ownCsvText, withoutAccents } from "./read-table";

/** Metadata fields a sidecar or an option may give. */
export const METADATA_FIELDS = ["label", "domain", "polarity", "unit", "numerator", "denominator", "source", "definition", "framework_role", "framework_area"] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];
/** Metadata of one indicator (any field may be missing until defaults are applied). */
export type IndicatorMetadata = Partial<Record<MetadataField, string>>;

/** Fields every indicator must end up with, and their allowed values. */
export const REQUIRED_METADATA: Readonly<Record<"unit" | "polarity" | "domain", readonly string[]>> = Object.freeze({
  unit: UNITS,
  polarity: POLARITIES,
  domain: DOMAINS,
});

/**
 * Framework tags a sidecar may give, and their allowed values; without them an indicator gets its domain's
 * ({@link defaultFrameworkTags}). Without any, an own indicator of domain context could not be allowed for with
 * `--context` ("framework role is none", an LA analyst), where an official one of that domain can.
 */
const FRAMEWORK_METADATA: Readonly<Record<"framework_role" | "framework_area", readonly string[]>> = Object.freeze({
  framework_role: FRAMEWORK_ROLES,
  framework_area: FRAMEWORK_AREAS,
});

/**
 * The allowed vocabularies in words, for `--help` and errors.
 * @example
 * metadataVocabularies().split("\n")[0] // "unit: percent, rate_per_10k, ratio, count, score"
 */
export function metadataVocabularies(): string {
  return Object.entries(REQUIRED_METADATA).map(([k, v]) => `${k}: ${v.join(", ")}`).join("\n");
}

/** An indicator id: lower-case snake_case starting with a letter. */
export const INDICATOR_ID = /^[a-z][a-z0-9_]*$/;

/**
 * An indicator id from a column header: accents taken off ({@link withoutAccents}), lower case, runs of other
 * characters → `_`, a leading digit prefixed with `x_`. Returns "" when nothing usable is left.
 * @example
 * indicatorIdFromHeader("FGC per 1,000") // "fgc_per_1_000"
 * indicatorIdFromHeader("café_pct") // "cafe_pct", whichever form the é is written in
 */
export function indicatorIdFromHeader(header: string): string {
  const id = withoutAccents(header).toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return id === "" ? "" : /^[0-9]/.test(id) ? `x_${id}` : id;
}

/**
 * Read a metadata sidecar (.csv or .json): indicator id → metadata.
 * @throws DataError for another extension, a file that is not UTF-8, bad JSON, a field that is not one of {@link METADATA_FIELDS},
 *   a non-text value or a repeated indicator
 * @example
 * readMetadataSidecar("examples/own-data/fgc.meta.csv").get("family_group_conferences_per_1000")?.unit // "ratio"
 */
export function readMetadataSidecar(file: string): Map<string, IndicatorMetadata> {
  const ext = path.extname(file).toLowerCase();
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new DataError({ file, expected: "an existing metadata file (.csv or .json)" });
  if (ext !== ".csv" && ext !== ".json") throw new DataError({ file, expected: "a metadata file ending .csv or .json" });
  // both formats read within the sidecar cap: a 600 MB CSV had stopped add with V8's "Cannot create a string longer
  // than 0x1fffffe8 characters", naming no file (round 24 H8)
  const bytes = readSmallFile(file, SIDECAR_MAX_BYTES, "a metadata file");
  const out = new Map<string, IndicatorMetadata>();
  const allowed = METADATA_FIELDS.join(", ");
  if (ext === ".csv") {
    // read as the table is (strictly UTF-8, not UTF-16): a Windows-1252 label would have been written with U+FFFD
    const csv = parseCsv(ownCsvText(bytes, file), file);
    const header = csv.header.map((h) => h.trim());
    if (!header.includes("indicator")) throw new DataError({ file, row: 0, column: "indicator", expected: "a column named indicator" });
    header.forEach((h) => {
      if (h !== "indicator" && !(METADATA_FIELDS as readonly string[]).includes(h)) {
        throw new DataError({ file, row: 0, column: keyInMessage(h), value: h, expected: `only the columns indicator, ${allowed}` });
      }
    });
    csv.rows.forEach((r, i) => {
      const meta: IndicatorMetadata = {};
      let id = "";
      header.forEach((h, k) => {
        const v = r[k].trim();
        if (h === "indicator") id = v;
        else if (v !== "") meta[h as MetadataField] = v;
      });
      if (out.has(id)) throw new DataError({ file, row: i + 1, column: "indicator", value: id, expected: "each indicator once" });
      out.set(id, meta);
    });
    return out;
  }
  // .json
  // UTF-16 or UTF-32 (by a byte order mark, or by the zero bytes beside its characters) named as such: it had been
  // "Expected property name … in JSON at position 1", or for a first character "€" a byte "like Latin-1"
  const wide = csvHeadProblem(bytes, { wholeFile: true });
  if (wide?.code === "utf16" || wide?.code === "utf32") throw new DataError({ file, value: describeCsvHeadProblem(wide), expected: "UTF-8 text (save the file as UTF-8)" });
  const text = decodeUtf8(bytes, file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new DataError({ file, value: (e as Error).message, expected: "valid JSON" });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new DataError({ file, expected: 'an object { "<indicator>": { "label": …, "unit": …, … } }' });
  }
  for (const [id, entry] of Object.entries(parsed)) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      throw new DataError({ file, column: keyInMessage(id), value: describeJsonValue(entry), expected: `an object with any of ${allowed}` });
    }
    const meta: IndicatorMetadata = {};
    for (const [k, v] of Object.entries(entry)) {
      if (!(METADATA_FIELDS as readonly string[]).includes(k)) throw new DataError({ file, column: `${keyInMessage(id)}.${keyInMessage(k)}`, value: k, expected: `one of ${allowed}` });
      // described, never stringified whole: a label nested 200,000 arrays deep overflowed the stack in
      // JSON.stringify, and a large value was echoed whole into the message (round 24 H8)
      if (typeof v !== "string") throw new DataError({ file, column: `${keyInMessage(id)}.${k}`, value: describeJsonValue(v), expected: "text" });
      meta[k as MetadataField] = v;
    }
    out.set(id, meta);
  }
  return out;
}

/** Characters of a JSON key (an indicator id or field) a message shows; the rest is counted. */
const MAX_KEY_CHARS = 80;

/** A JSON key as a message names it: whole when short, else its start and its length. */
function keyInMessage(key: string): string {
  return key.length <= MAX_KEY_CHARS ? key : `${key.slice(0, MAX_KEY_CHARS)}… (${key.length.toLocaleString("en-GB")} characters)`;
}

/**
 * An indicator's metadata: its sidecar entry's fields, else `defaults`'s (the options).
 * @example
 * metadataFor("fgc", new Map([["fgc", { unit: "ratio" }]]), { unit: "count", polarity: "up" }) // { unit: "ratio", polarity: "up" }
 */
export function metadataFor(id: string, sidecar: ReadonlyMap<string, IndicatorMetadata>, defaults: IndicatorMetadata): IndicatorMetadata {
  return { ...defaults, ...(sidecar.get(id) ?? {}) };
}

/**
 * Catalogue rows for new indicators: sidecar entry first, then `defaults` (options), then the label from the
 * column header; unit, polarity and domain are required and checked against their vocabularies.
 * @param indicators - the new indicators: id and the header text they came from
 * @param origin - what to name in errors (the sidecar or "the options")
 * @throws DataErrors listing every indicator missing a required field or holding a value outside its vocabulary
 * @example
 * catalogueRowsFor([{ id: "fgc", header: "FGC" }], new Map(), { unit: "ratio", polarity: "up", domain: "reaching-children" }, "own.csv")[0].label // "FGC"
 */
export function catalogueRowsFor(
  indicators: readonly { id: string; header: string }[],
  sidecar: ReadonlyMap<string, IndicatorMetadata>,
  defaults: IndicatorMetadata,
  origin: string,
): CatalogueRow[] {
  const errors: DataError[] = [];
  const rows: CatalogueRow[] = [];
  for (const { id, header } of indicators) {
    const m = metadataFor(id, sidecar, defaults);
    for (const [field, allowed] of Object.entries(REQUIRED_METADATA)) {
      const v = m[field as MetadataField];
      const how = `--${field} or a "${field}" in a --meta sidecar`;
      if (v === undefined || v === "") {
        errors.push(new DataError({ file: origin, column: id, expected: `a ${field} for indicator "${id}" (${how}): one of ${allowed.join(", ")}` }));
      } else if (!allowed.includes(v)) {
        errors.push(new DataError({ file: origin, column: id, value: v, expected: `a ${field} that is one of ${allowed.join(", ")}` }));
      }
    }
    for (const [field, allowed] of Object.entries(FRAMEWORK_METADATA)) {
      const v = m[field as MetadataField];
      if (v !== undefined && !allowed.includes(v)) errors.push(new DataError({ file: origin, column: id, value: v, expected: `a ${field} that is one of ${allowed.join(", ")}` }));
    }
    const tags = DOMAINS.includes(m.domain as Domain) ? defaultFrameworkTags(m.domain as Domain) : undefined;
    rows.push({
      indicator: id,
      label: m.label ?? header,
      domain: m.domain as CatalogueRow["domain"],
      polarity: m.polarity as CatalogueRow["polarity"],
      unit: m.unit as CatalogueRow["unit"],
      numerator: m.numerator ?? "",
      denominator: m.denominator ?? "",
      // always marked as own data, whatever source the sidecar gives: check-disclosure exempts official sources only
      source: m.source === undefined ? `Own data: ${path.basename(origin)}` : /^own data\b/i.test(m.source) ? m.source : `Own data: ${m.source}`,
      definition: m.definition ?? "",
      framework_role: (m.framework_role ?? tags?.framework_role) as CatalogueRow["framework_role"],
      framework_area: (m.framework_area ?? tags?.framework_area) as CatalogueRow["framework_area"],
    });
  }
  if (errors.length > 0) throw new DataErrors(errors, "indicator metadata");
  return rows;
}

/**
 * The notes on a sidecar's indicators that no row used: a wide table has no such column, or no row of a long table for
 * an LA of the package names it. A wide table's column is in the file even when no row was added (every LA refused,
 * which the errors say): a review's sidecar note had called such a column "no such indicator in the file".
 */
export function unusedMetadataNotes(
  described: readonly string[], file: { used: ReadonlyMap<string, string>; left: ReadonlySet<string>; columnIds: ReadonlySet<string>; layout: "long" | "wide" }, metadataFile: string | undefined,
): string[] {
  const unused = described.filter((id) => !file.used.has(id) && !file.left.has(id) && !file.columnIds.has(id));
  const why = file.layout === "wide" ? "no such indicator in the file" : "no row of the file for an LA of the package names it";
  if (unused.length <= UNUSED_METADATA_NOTES_ONE_BY_ONE) return unused.map((id) => `metadata for "${id}" in ${metadataFile} is not used (${why})`);
  // a master sidecar describing hundreds of indicators, one file's few of them added: one note, not hundreds
  const named = unused.slice(0, UNUSED_METADATA_NAMED).map((id) => JSON.stringify(id)).join(", ");
  return [`metadata for ${unused.length.toLocaleString("en-GB")} indicators in ${metadataFile} is not used (${why}): ${named} and ${(unused.length - UNUSED_METADATA_NAMED).toLocaleString("en-GB")} more`];
}

/** Up to this many unused sidecar entries get a note each; more make one note naming the first UNUSED_METADATA_NAMED. */
const UNUSED_METADATA_NOTES_ONE_BY_ONE = 5;
const UNUSED_METADATA_NAMED = 3;
