/**
 * One areas table across 2013–2025, with the reorganisations handled by explicit, documented rules.
 *
 * Source: `derived/la_lookup_dfe_ons_codes.csv` (every DfE 3-digit LA number seen 2013–2025 with its ONS
 * codes). Rules:
 * - **Canonical code.** An LA is identified by its DfE number; its `la_code` is the most recent ONS code
 *   it has had (2025 codes: e.g. Barnsley E08000038, North Yorkshire E06000065). Earlier ONS codes are
 *   aliases, re-coded on import and logged ({@link AreaIndex.resolve}).
 * - **Reorganisations** ({@link REORGANISATION_RULES}): predecessor and successor LAs keep their own rows;
 *   `last_period`/`first_period` (years ending March) bound their existence. No row is stored for an LA outside
 *   its lifespan (./lifespans.ts): a value a source gives under a predecessor after its last period goes to its
 *   successor where the rule's `continuedAs` says so, else it is left out; each logged per source and LA.
 * - **Shared services** ({@link SHARED_SERVICE_RULES}): a row published for two LAs together
 *   (`314 / 318`, `940 / 941`) is attached to each LA as a shared rate (counts are not duplicated), logged.
 */
import { DataError } from "../../errors";
import { controlCharacterIn } from "../control-characters";
import { parseCsv, requireColumns } from "../csv";
import { isWithinLifespan } from "../lifespan";
import type { AreaRow } from "../types";

/** A reorganisation: predecessors cease after `lastPeriod`, successors start at `lastPeriod + 1`. */
export interface ReorganisationRule {
  id: string;
  predecessors: readonly string[]; // DfE numbers
  successors: readonly string[];
  lastPeriod: number; // last year ending March of the predecessors
  note: string;
  /**
   * A predecessor whose number a source still uses after `lastPeriod` for its one successor's values (DfE number →
   * the successor's), with the evidence; such a value is stored under the successor (./lifespans.ts).
   */
  continuedAs?: Readonly<Record<string, string>>;
  continuedAsEvidence?: string;
}

/** Local-government reorganisations affecting children's services, 2013–2025. */
export const REORGANISATION_RULES: readonly ReorganisationRule[] = Object.freeze([
  {
    id: "bcp-dorset-2019",
    predecessors: ["835", "836", "837"],
    successors: ["838", "839"],
    lastPeriod: 2019,
    note: "1 April 2019: Bournemouth (837), Poole (836) and Dorset County Council (835) replaced by Bournemouth, Christchurch and Poole (839) and Dorset unitary (838). Christchurch moved from Dorset to BCP, so neither successor equals a predecessor.",
    continuedAs: { "835": "838" },
    continuedAsEvidence:
      "The DfE–ONS lookup says 835 was 'replaced by 838 Dorset UA'. LAIT's 'Dorset (Pre LG)' (835) has values to 2025 (care applications, where 838 has none) and for care leavers in 2020, where 838 has '-' and 838's series starts in 2021; its 2020 care leavers in EET (89) and EET share (48) are the numerator and value EES publishes for E06000059 (Dorset UA) in 2020 (89 of 184, whose 184 LAIT gives under 838).",
  },
  {
    id: "northamptonshire-2021",
    predecessors: ["928"],
    successors: ["940", "941"],
    lastPeriod: 2021,
    note: "1 April 2021: Northamptonshire (928) split into North Northamptonshire (940) and West Northamptonshire (941); children's services are delivered for both by Northamptonshire Children's Trust.",
  },
  {
    id: "cumbria-2023",
    predecessors: ["909"],
    successors: ["942", "943"],
    lastPeriod: 2023,
    note: "1 April 2023: Cumbria (909) split into Cumberland (942) and Westmorland and Furness (943).",
  },
]);

/** Two LAs whose service reports some tables jointly. */
export interface SharedServiceRule {
  id: string;
  members: readonly string[]; // DfE numbers
  publishedAs: string; // the joint old_la_code as published, e.g. "314 / 318"
  note: string;
}

export const SHARED_SERVICE_RULES: readonly SharedServiceRule[] = Object.freeze([
  {
    id: "kingston-richmond-workforce",
    members: ["314", "318"],
    publishedAs: "314 / 318",
    note: "Kingston upon Thames and Richmond upon Thames (Achieving for Children) report the workforce census jointly; the joint rates are attached to both LAs with no numerator/denominator, so counts are never doubled.",
  },
  {
    id: "northamptonshire-childrens-trust-workforce",
    members: ["940", "941"],
    publishedAs: "940 / 941",
    note: "North and West Northamptonshire report the workforce census jointly via Northamptonshire Children's Trust; the joint rates are attached to both LAs with no numerator/denominator.",
  },
]);

/**
 * ONS codes retired before 2013 that older publications (the SFR CSVs) still use, with the DfE number of
 * the LA they belong to. They are aliases of the LA's canonical code, like the 2025 recodes.
 */
export const HISTORIC_ONS_CODES: Readonly<Record<string, { dfeNumber: string; note: string }>> = Object.freeze({
  E08000020: { dfeNumber: "390", note: "Gateshead: E08000020 replaced by E08000037 (April 2013 boundary change)" },
  E06000048: { dfeNumber: "929", note: "Northumberland: E06000048 replaced by E06000057 (April 2013 boundary change)" },
});

/** Resolves published codes and names to canonical area codes. */
/** The import-log rule of a row whose LA code is not in the areas table (a warning; the row is not imported). */
export const UNKNOWN_LA_RULE = "LA code not in the areas table: row not imported";

/**
 * The error for an LA code cell holding a control character (a NUL of a damaged copy), or undefined: such a code is
 * not an LA the areas table lacks (a warning, the row not imported) but a damaged file (round 24 H18: Brighton and
 * Hove's 2025 children-in-need count was dropped as one warning among 390, exit 0).
 * @param cells - the row's LA code cells: column name → text
 * @example damagedLaCode("cin.csv", 100, { old_la_code: "846", new_la_code: "E0600\u000043" })?.column // "new_la_code"
 */
export function damagedLaCode(file: string, row: number, cells: Readonly<Record<string, string>>): DataError | undefined {
  for (const [column, code] of Object.entries(cells)) {
    const found = controlCharacterIn(code);
    if (found !== undefined) return new DataError({ file, row, column, value: code, expected: `an LA code without control characters: it holds ${found}, as a damaged copy does (download the file again)` });
  }
  return undefined;
}

/** The import-log rule of LAIT rows whose area is not in the areas table (nor England or a region). */
export const LAIT_NOT_AN_AREA_RULE = "LAIT row for an area that is neither an LA of the areas table, England nor a region";

export interface AreaIndex {
  readonly areas: readonly AreaRow[];
  /** Canonical la_code for a DfE number and/or ONS code; undefined when unknown. `recoded` is true for an alias. */
  resolve(oldLaCode: string, newLaCode: string): { laCode: string; recoded: boolean } | undefined;
  /** Canonical la_codes of the LAs with this name (normalised: case, punctuation, "City of"/"County of"). */
  byName(name: string): readonly string[];
  /** Area row by canonical code. */
  get(laCode: string): AreaRow | undefined;
  /** ONS aliases: old code → canonical code. */
  readonly aliases: ReadonlyMap<string, string>;
}

const LOOKUP_COLUMNS = ["old_la_code", "new_la_code", "la_name", "region_code", "region_name", "first_year", "last_year", "note"];

/**
 * Build the areas table and its index from the DfE–ONS lookup CSV.
 * @param text - contents of la_lookup_dfe_ons_codes.csv
 * @param file - its name, for error messages
 * @throws DataError when a column is missing, a DfE number is not three digits, an ONS code is malformed or given
 * to two differently named LAs, or first_year/last_year is not a year or first_year is after last_year (they choose each LA's
 * canonical code)
 * @example
 * buildAreas(fs.readFileSync(lookup, "utf8"), "la_lookup_dfe_ons_codes.csv").resolve("370", "E08000016")
 * // { laCode: "E08000038", recoded: true }
 */
export function buildAreas(text: string, file: string): AreaIndex {
  const csv = parseCsv(text, file);
  const col = requireColumns(csv, LOOKUP_COLUMNS);
  const get = (r: string[], c: string) => r[col.get(c) as number].trim();
  const byNumber = rowsByNumber(csv.rows, get, file);
  const lifespan = new Map<string, { first: number | null; last: number | null }>();
  for (const rule of REORGANISATION_RULES) {
    for (const p of rule.predecessors) lifespan.set(p, { first: null, last: rule.lastPeriod });
    for (const s of rule.successors) lifespan.set(s, { first: rule.lastPeriod + 1, last: null });
  }
  const areas: AreaRow[] = [];
  const codeToCanonical = new Map<string, string>();
  const aliases = new Map<string, string>();
  const numberToCanonical = new Map<string, string>();
  for (const [num, rows] of byNumber) {
    // canonical: the latest last_year, then the latest first_year
    const sorted = rows.slice().sort((a, b) => Number(get(b, "last_year")) - Number(get(a, "last_year")) || Number(get(b, "first_year")) - Number(get(a, "first_year")));
    const canon = sorted[0];
    const code = get(canon, "new_la_code");
    numberToCanonical.set(num, code);
    for (const r of rows) {
      codeToCanonical.set(get(r, "new_la_code"), code);
      if (get(r, "new_la_code") !== code) aliases.set(get(r, "new_la_code"), code);
    }
    const span = lifespan.get(num) ?? { first: null, last: null };
    areas.push({
      la_code: code,
      la_name: get(canon, "la_name"),
      region_code: get(canon, "region_code"),
      region_name: get(canon, "region_name"),
      old_la_code: num,
      first_period: span.first,
      last_period: span.last,
    });
  }
  for (const [code, h] of Object.entries(HISTORIC_ONS_CODES)) {
    const canonical = numberToCanonical.get(h.dfeNumber);
    if (canonical !== undefined && !codeToCanonical.has(code)) {
      codeToCanonical.set(code, canonical);
      aliases.set(code, canonical);
    }
  }
  areas.sort((a, b) => (a.la_code < b.la_code ? -1 : a.la_code > b.la_code ? 1 : 0));
  const byCode = new Map(areas.map((a) => [a.la_code, a]));
  const names = new Map<string, string[]>();
  const addName = (n: string, code: string) => {
    const k = normaliseAreaName(n);
    const prev = names.get(k) ?? [];
    if (!prev.includes(code)) names.set(k, [...prev, code]);
  };
  for (const a of areas) addName(a.la_name, a.la_code);
  return {
    areas: Object.freeze(areas.map((a) => Object.freeze(a))),
    aliases,
    get: (c) => byCode.get(c),
    byName: (n) => names.get(normaliseAreaName(n)) ?? [],
    resolve(oldLaCode, newLaCode) {
      const o = oldLaCode.trim();
      const n = newLaCode.trim();
      const fromNumber = o === "" ? undefined : numberToCanonical.get(o);
      const fromCode = n === "" ? undefined : codeToCanonical.get(n);
      if (fromNumber !== undefined && fromCode !== undefined && fromNumber !== fromCode) return undefined;
      const laCode = fromNumber ?? fromCode;
      if (laCode === undefined) return undefined;
      if (o !== "" && fromNumber === undefined) return undefined;
      if (n !== "" && fromCode === undefined) return undefined;
      return { laCode, recoded: n !== "" && n !== laCode };
    },
  };
}

/**
 * The lookup's rows by DfE number, each row checked: a three-digit number, an ONS code, years (checkYears), and no ONS
 * code under two differently named LAs.
 */
function rowsByNumber(rows: readonly string[][], get: (r: string[], c: string) => string, file: string): Map<string, string[][]> {
  const byNumber = new Map<string, string[][]>();
  // An ONS code given to two DfE numbers of differently named LAs (a code pasted on the wrong row) would send one
  // LA's values to the other: the later row won, silently. Two numbers of one LA under its code are allowed.
  const numberOfCode = new Map<string, { num: string; name: string; row: number }>();
  rows.forEach((r, i) => {
    const num = get(r, "old_la_code");
    if (!/^\d{3}$/.test(num)) throw new DataError({ file, row: i + 1, column: "old_la_code", value: num, expected: "a three-digit DfE LA number" });
    if (!/^E\d{8}$/.test(get(r, "new_la_code"))) {
      throw new DataError({ file, row: i + 1, column: "new_la_code", value: get(r, "new_la_code"), expected: "an ONS code like E09000033" });
    }
    checkYears(r, i + 1, get, file);
    const code = get(r, "new_la_code");
    const name = get(r, "la_name");
    const other = numberOfCode.get(code);
    if (other !== undefined && other.num !== num && normaliseAreaName(other.name) !== normaliseAreaName(name)) {
      throw new DataError({ file, row: i + 1, column: "new_la_code", value: code, expected: `an ONS code of ${name} (row ${other.row} gives ${code} to ${other.num} ${other.name})` });
    }
    numberOfCode.set(code, { num, name, row: i + 1 });
    byNumber.set(num, [...(byNumber.get(num) ?? []), r]);
  });
  return byNumber;
}

/**
 * A lookup row's first_year and last_year: four-digit years, first ≤ last (the canonical code is the row with the
 * latest years; a blank or misspelt year sorted as NaN and could pick a retired code).
 */
function checkYears(r: string[], row: number, get: (r: string[], c: string) => string, file: string): void {
  const first = get(r, "first_year");
  const last = get(r, "last_year");
  for (const [column, value] of [["first_year", first], ["last_year", last]] as const) {
    if (!/^\d{4}$/.test(value)) throw new DataError({ file, row, column, value, expected: "a four-digit year, e.g. 2013" });
  }
  if (Number(first) > Number(last)) throw new DataError({ file, row, column: "first_year", value: first, expected: `a year no later than last_year (${last})` });
}

/**
 * Normalise an LA name for matching: lower case, "&" → "and", punctuation removed, the suffixes
 * ", City of" / ", County of" and the words "Borough"/"County" (as in "Bedford Borough", "County Durham") dropped.
 * @example
 * normaliseAreaName("Bristol, City of") === normaliseAreaName("Bristol") // true
 */
export function normaliseAreaName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/\(pre lg\)/g, " ")
    .replace(/,\s*(city|county) of\b/g, " ")
    .replace(/\b(borough|county)\b/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Whether an area exists in a period (year ending March), by its first/last period: the one lifespan rule
 * ({@link isWithinLifespan}), under the name the importers call it by.
 * @example
 * areaExistsIn({ ...area, first_period: 2020, last_period: null }, 2019) // false
 */
export const areaExistsIn: (area: AreaRow, period: number) => boolean = isWithinLifespan;
