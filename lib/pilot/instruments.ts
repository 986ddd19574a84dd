/**
 * Pilot instruments: the declared questions of local pilot surveys and case-file audits, and the scales
 * their answers come on.
 *
 * An instrument definition file (JSON) lists instruments (a children's survey, a parents'/carers' survey,
 * a staff survey, a case-file audit…); each lists its items with the scale the response is on, which
 * responses count as positive, and the 2019 outcomes-framework domain and outcome the item serves
 * (La Valle, Hart, Holmes & Pinto 2019, "How do we know if children's social care services make a
 * difference?"). Every item becomes one or two LA-level indicators (see lib/pilot/indicators.ts).
 *
 * ```json
 * { "instruments": [ { "id": "child_survey", "label": "Survey of children", "respondent": "child",
 *     "items": [ { "id": "trust_staff", "label": "I trust my social worker", "scale": "likert5",
 *                  "positive": ["4", "5"], "domain": "valued-and-involved",
 *                  "outcome": "Children trust staff and have a stable relationship with them" } ] } ] }
 * ```
 *
 * A blank response means "item not answered": it is allowed, counted as unanswered and never as negative.
 */
import { didYouMean } from "../suggest";
import * as fs from "node:fs";
import { DataError, DataErrors, InputError } from "../errors";
import { decodeUtf8 } from "../data/csv";
import { jsonValueText, plainString } from "../data/json-value";
import { readSmallFile, SIDECAR_MAX_BYTES } from "../data/small-file";
import { DOMAINS, type Domain, type Polarity } from "../data/types";

/** A response scale: the allowed response codes, their labels and (for ordered scales) their scores. */
export interface ScaleDefinition {
  id: string;
  /** Allowed response codes exactly as they appear in the record CSV. */
  responses: readonly string[];
  /** Label of each response code, same order. */
  labels: readonly string[];
  /** Numeric score of each response (ordered scales), or null when a mean makes no sense. */
  scores: readonly number[] | null;
  /** Direction of the mean score: `up` when a higher score is better (Likert agreement), `down` for grades. */
  meanPolarity: Polarity;
}

/**
 * The scales an item can use. Likert agreement 1–5 (Likert 1932), yes/no, and a four-point audit grade
 * on Ofsted's wording (1 Outstanding … 4 Inadequate, lower is better).
 */
export const SCALES: Readonly<Record<string, ScaleDefinition>> = Object.freeze({
  likert5: {
    id: "likert5",
    responses: ["1", "2", "3", "4", "5"],
    labels: ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
    scores: [1, 2, 3, 4, 5],
    meanPolarity: "up",
  },
  yesno: {
    id: "yesno",
    responses: ["yes", "no"],
    labels: ["Yes", "No"],
    scores: null,
    meanPolarity: "none",
  },
  audit4: {
    id: "audit4",
    responses: ["1", "2", "3", "4"],
    labels: ["Outstanding", "Good", "Requires improvement", "Inadequate"],
    scores: [1, 2, 3, 4],
    meanPolarity: "down",
  },
});

/**
 * The scale with this id, or undefined: an own key of {@link SCALES} only, so an id read from a file such as
 * "constructor" or "__proto__" finds no scale (never a property inherited from Object.prototype).
 * @example
 * scaleById("likert5")?.responses // ["1", "2", "3", "4", "5"]; scaleById("constructor") // undefined
 */
export function scaleById(id: string): ScaleDefinition | undefined {
  return Object.hasOwn(SCALES, id) ? SCALES[id] : undefined;
}

/** One item of an instrument. */
export interface ItemDefinition {
  id: string;
  label: string;
  /** Key of {@link SCALES}. */
  scale: string;
  /** Response codes that count as positive (a non-empty subset of the scale's responses). */
  positive: readonly string[];
  domain: Domain;
  /** The framework outcome the item serves, in the framework's words. */
  outcome: string;
  /** Stem of the indicator ids made from this item; default `pilot_<instrument>_<item>`. */
  indicator: string;
}

/** One instrument (survey or audit tool). */
export interface InstrumentDefinition {
  id: string;
  label: string;
  /** Who answers or what is audited: "child", "parent", "staff", "case-file" … */
  respondent: string;
  items: readonly ItemDefinition[];
}

/** A parsed, validated instrument definition file. */
export interface InstrumentSet {
  file: string;
  instruments: readonly InstrumentDefinition[];
}

/** Ids are lower snake case so they are safe as indicator ids and CSV cells. */
const ID_RE = /^[a-z][a-z0-9_]*$/;

/**
 * The keys an instrument file may give at each level. A key not among them was ignored without a word: a misspelt
 * "positve" left the item without its positive responses (refused as missing, naming the wrong key nowhere), a
 * misspelt "itemz" or "instrumentz" had the file read as having none (a hostile review). Keys starting "_" or "$"
 * (comments, `$schema`) and "description" are documentation.
 */
const KNOWN_KEYS = {
  root: ["instruments"],
  instrument: ["id", "label", "respondent", "items"],
  item: ["id", "label", "outcome", "domain", "scale", "positive", "indicator"],
} as const;

/** Report each key of `obj` (at JSON path `at`) that is neither known at its level nor documentation. */
function unknownKeys(obj: unknown, at: string, known: readonly string[], err: (column: string, value: unknown, expected: string) => void): void {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return;
  for (const key of Object.keys(obj)) {
    if (known.includes(key) || key === "description" || key.startsWith("_") || key.startsWith("$")) continue;
    err(at === "" ? key : `${at}.${key}`, key, `a key of ${at === "" ? "the file" : at.replace(/\[\d+\]$/, "")} (${known.join(", ")}; or description, or a key starting "_" for a comment)${didYouMean(key, known)}`);
  }
}

function describeType(v: unknown): string | undefined {
  return v === undefined ? undefined : Array.isArray(v) ? "array" : v === null ? "null" : typeof v;
}

/**
 * Parse and validate an instrument definition (JSON text). Reports every problem at once.
 * @param text JSON text
 * @param file name used in error messages
 * @throws DataErrors naming the JSON path (column) of each bad entry, its value and what was expected
 * @example
 * const set = parseInstruments(fs.readFileSync("instruments.json", "utf8"), "instruments.json");
 * set.instruments[0].items.length;
 */
export function parseInstruments(text: string, file: string): InstrumentSet {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DataErrors([new DataError({ file, value: (e as Error).message, expected: "valid JSON" })], `instruments file ${file}`);
  }
  const errors: DataError[] = [];
  // a missing key has no value to show: `got "undefined"` had read as a value the file held (a user trial, round 27)
  const err = (column: string, value: unknown, expected: string) =>
    errors.push(value === undefined
      ? new DataError({ file, column, expected: `${expected}; the key is missing` })
      : new DataError({ file, column, value: typeof value === "string" ? value : jsonValueText(value), expected }));
  const root = json as { instruments?: unknown };
  unknownKeys(root, "", KNOWN_KEYS.root, err);
  if (!root || typeof root !== "object" || !Array.isArray(root.instruments) || root.instruments.length === 0) {
    err("instruments", describeType(root?.instruments), "a non-empty list of instruments");
    throw new DataErrors(errors, `instruments file ${file}`);
  }
  const instruments: InstrumentDefinition[] = [];
  const instrumentIds = new Set<string>();
  const indicatorIds = new Map<string, string>();
  root.instruments.forEach((raw: unknown, i: number) => {
    const at = `instruments[${i}]`;
    const ins = (raw ?? {}) as Record<string, unknown>;
    unknownKeys(ins, at, KNOWN_KEYS.instrument, err);
    const id = ins.id;
    if (typeof id !== "string" || !ID_RE.test(id)) err(`${at}.id`, id, "an id in lower snake case (a-z, 0-9, _)");
    else if (instrumentIds.has(id)) err(`${at}.id`, id, "an instrument id not used before");
    else instrumentIds.add(id);
    if (typeof ins.label !== "string" || ins.label === "") err(`${at}.label`, ins.label, "a label");
    if (typeof ins.respondent !== "string" || ins.respondent === "") err(`${at}.respondent`, ins.respondent, "who responds (child, parent, staff, case-file …)");
    if (!Array.isArray(ins.items) || ins.items.length === 0) {
      err(`${at}.items`, describeType(ins.items), "a non-empty list of items");
      return;
    }
    const itemIds = new Set<string>();
    const items: ItemDefinition[] = [];
    ins.items.forEach((rawItem: unknown, k: number) => items.push(parseItem(rawItem, `${at}.items[${k}]`, plainString(id), { itemIds, indicatorIds }, err)));
    instruments.push(
      Object.freeze({ id: plainString(id), label: plainString(ins.label), respondent: plainString(ins.respondent), items: Object.freeze(items) }),
    );
  });
  if (errors.length > 0) throw new DataErrors(errors, `instruments file ${file}`);
  return Object.freeze({ file, instruments: Object.freeze(instruments) });
}

/**
 * One item of instrument `id` at JSON path `iat`, its problems reported through `err`; `seen` holds the
 * instrument's item ids and the file's indicator stems so far (both updated).
 */
function parseItem(
  rawItem: unknown,
  iat: string,
  id: string,
  seen: { itemIds: Set<string>; indicatorIds: Map<string, string> },
  err: (column: string, value: unknown, expected: string) => void,
): ItemDefinition {
  const { itemIds, indicatorIds } = seen;
  const it = (rawItem ?? {}) as Record<string, unknown>;
  unknownKeys(it, iat, KNOWN_KEYS.item, err);
  const itemId = it.id;
  if (typeof itemId !== "string" || !ID_RE.test(itemId)) err(`${iat}.id`, itemId, "an id in lower snake case (a-z, 0-9, _)");
  else if (itemIds.has(itemId)) err(`${iat}.id`, itemId, `an item id not used before in instrument "${plainString(id)}"`);
  else itemIds.add(itemId);
  if (typeof it.label !== "string" || it.label === "") err(`${iat}.label`, it.label, "a label");
  if (typeof it.outcome !== "string" || it.outcome === "") err(`${iat}.outcome`, it.outcome, "the framework outcome the item serves");
  if (typeof it.domain !== "string" || !(DOMAINS as readonly string[]).includes(it.domain) || it.domain === "context") {
    err(`${iat}.domain`, it.domain, `one of ${DOMAINS.filter((d) => d !== "context").join(", ")}`);
  }
  const scale = typeof it.scale === "string" ? scaleById(it.scale) : undefined;
  if (!scale) err(`${iat}.scale`, it.scale, `one of ${Object.keys(SCALES).join(", ")}`);
  const positive = it.positive;
  if (!Array.isArray(positive) || positive.length === 0 || !positive.every((p) => typeof p === "string")) {
    err(`${iat}.positive`, positive, "a non-empty list of response codes that count as positive");
  } else if (scale) {
    for (const p of positive) {
      if (!scale.responses.includes(p)) err(`${iat}.positive`, p, `a response of scale ${scale.id} (${scale.responses.join(", ")})`);
    }
    if (new Set(positive).size !== positive.length) err(`${iat}.positive`, positive, "each response listed once");
    if (positive.length === scale.responses.length) err(`${iat}.positive`, positive, "not every response (a share of 100% by definition)");
  }
  const stem = it.indicator === undefined ? `pilot_${plainString(id)}_${plainString(itemId)}` : it.indicator;
  if (typeof stem !== "string" || !ID_RE.test(stem)) err(`${iat}.indicator`, stem, "an indicator id stem in lower snake case");
  else if (indicatorIds.has(stem)) err(`${iat}.indicator`, stem, `an indicator stem not used before (already used by ${indicatorIds.get(stem)})`);
  else indicatorIds.set(stem, iat);
  return Object.freeze({
    id: plainString(itemId),
    label: plainString(it.label),
    scale: plainString(it.scale),
    positive: Object.freeze(Array.isArray(positive) ? positive.map(plainString) : []),
    domain: it.domain as Domain,
    outcome: plainString(it.outcome),
    indicator: plainString(stem),
  });
}

/**
 * Read and validate an instrument definition file (UTF-8 JSON; a byte that is not UTF-8 is an error naming its
 * line, value and offset; a file over `SIDECAR_MAX_BYTES`, 16 MiB, is refused unread beyond that).
 * @example
 * const set = readInstruments("datasets/pilot-records-synthetic/instruments.json");
 */
export function readInstruments(file: string): InstrumentSet {
  if (!fs.existsSync(file)) throw new DataErrors([new DataError({ file, expected: "an instrument definition file (JSON)" })], "readInstruments");
  // strictly UTF-8: a label saved as Windows-1252 ("I’m" with byte 92) would have reached the catalogue as U+FFFD
  let text: string;
  try {
    text = decodeUtf8(readSmallFile(file, SIDECAR_MAX_BYTES, "an instrument definition file (JSON)"), file);
  } catch (e) {
    if (e instanceof DataError) throw new DataErrors([e], "readInstruments");
    throw e;
  }
  return parseInstruments(text, file);
}

/** An item together with the instrument it belongs to, as the aggregator indexes them. */
export interface ItemRef {
  instrument: InstrumentDefinition;
  item: ItemDefinition;
  scale: ScaleDefinition;
}

/**
 * All items of a set in file order (instrument by instrument), with their scales resolved.
 * @example
 * listItems(set).map((r) => `${r.instrument.id}/${r.item.id}`)
 */
export function listItems(set: InstrumentSet): ItemRef[] {
  const out: ItemRef[] = [];
  for (const instrument of set.instruments) {
    for (const item of instrument.items) {
      const scale = scaleById(item.scale);
      if (!scale) throw new InputError("listItems", "unknown scale (instrument sets come from parseInstruments)", item.scale);
      out.push({ instrument, item, scale });
    }
  }
  return out;
}
