/**
 * Matching the LAs of a researcher's table to a package's areas: by ONS code, by an earlier ONS code of the
 * same LA (the package's `provenance.code_aliases` and the import's {@link HISTORIC_ONS_CODES}), by DfE
 * 3-digit number, or by name as in the official files ("Bristol, City of", "Kingston upon Hull, City of",
 * "St. Helens") and common variants ("Bristol", "Hull", "St Helens", "Saint Helens").
 *
 * A name or number shared by a predecessor and a successor of a reorganisation (Dorset County Council and
 * Dorset unitary) is resolved by the row's period; an LA outside its lifespan (first_period–last_period)
 * is not matched, with the reason. England and region rows are recognised as aggregates, not LAs.
 */
import { reorganisationWords } from "../reorganisations";
import { HISTORIC_ONS_CODES, normaliseAreaName } from "../import/areas";
import type { AreaRow } from "../types";
import { closestMatches } from "../../suggest";
import { notChildrensServicesWords } from "./area-code-kinds";

/** ONS code of England (aggregate rows are recognised and skipped). */
export const ENGLAND_ONS_CODE = "E92000001";

/**
 * Common short forms of official LA names → the official name (ONS/DfE spelling). Names that differ only
 * in case, punctuation, "&"/"and", "St"/"St."/"Saint", a ", City of"/", County of" suffix or a "City of"
 * prefix need no entry: {@link areaNameKey} makes them equal.
 */
export const AREA_NAME_VARIANTS: Readonly<Record<string, string>> = Object.freeze({
  Hull: "Kingston upon Hull, City of",
  "Hull City": "Kingston upon Hull, City of",
  Southend: "Southend-on-Sea",
  Telford: "Telford and Wrekin",
  Stoke: "Stoke-on-Trent",
  Brighton: "Brighton and Hove",
  BCP: "Bournemouth, Christchurch and Poole",
  "Bath and NE Somerset": "Bath and North East Somerset",
  BANES: "Bath and North East Somerset",
  "East Riding": "East Riding of Yorkshire",
});

/**
 * The official LA names (ONS/DfE spelling, 2013–2025: the official lookup derived/la_lookup_dfe_ons_codes.csv)
 * that hold a comma. A list of LAs separated by commas keeps these whole whatever package it is read for
 * (restrict.ts parseLaList): called without the package's names it had cut "Bristol, City of" into "Bristol" and
 * "City of". No piece of one is an LA of its own ("City of", "Christchurch and Poole"), so keeping one whole never
 * joins two LAs. A test checks the list against the official lookup.
 */
export const OFFICIAL_AREA_NAMES_WITH_COMMAS: readonly string[] = Object.freeze([
  "Bournemouth, Christchurch and Poole",
  "Bristol, City of",
  "Herefordshire, County of",
  "Kingston upon Hull, City of",
]);

/**
 * The key names are compared by: {@link normaliseAreaName} plus "saint" → "st" and a leading "city of "
 * dropped (except the City of London).
 * @example
 * areaNameKey("St. Helens") === areaNameKey("Saint Helens") // true
 * areaNameKey("City of Bristol") === areaNameKey("Bristol, City of") // true
 */
export function areaNameKey(name: string): string {
  let k = normaliseAreaName(name).replace(/\bsaint\b/g, "st");
  if (k.startsWith("city of ") && k !== "city of london") k = k.slice("city of ".length);
  return k;
}

/** How an LA was matched. */
export type AreaMatchMethod = "ONS code" | "earlier ONS code" | "DfE number" | "name" | "name variant";

/** The result of matching one cell. */
export type AreaMatch =
  | { kind: "matched"; laCode: string; laName: string; method: AreaMatchMethod }
  | { kind: "aggregate"; what: string }
  | { kind: "unmatched"; reason: string; suggestions: string[] };

/** An index of a package's areas for matching. */
export interface AreaMatcher {
  /** Match a cell of the given key kind for a period (year ending March). */
  match(text: string, kind: "code" | "number" | "name", period: number | undefined): AreaMatch;
}

function exists(a: AreaRow, period: number | undefined): boolean {
  if (period === undefined) return true;
  return (a.first_period === null || period >= a.first_period) && (a.last_period === null || period <= a.last_period);
}

/**
 * When an LA existed, in words ("until 2019", "from 2020", "2020–2023", "throughout"): one wording for `add`'s
 * and `--las`'s refusals (they had said "the start–2019" and "until 2019").
 * @example lifespanWords({ first_period: null, last_period: 2019 } as AreaRow) // "until 2019"
 */
export function lifespanWords(a: AreaRow): string {
  if (a.first_period === null) return a.last_period === null ? "throughout" : `until ${a.last_period}`;
  return a.last_period === null ? `from ${a.first_period}` : `${a.first_period}–${a.last_period}`;
}

/**
 * Build a matcher over a package's areas.
 * @param areas - the package's areas.csv rows
 * @param codeAliases - earlier ONS code → current la_code (the package's `provenance.code_aliases`)
 * @example
 * const m = areaMatcher(areas, { E08000016: "E08000038" });
 * m.match("Bristol", "name", 2020) // { kind: "matched", laCode: "E06000023", laName: "Bristol, City of", method: "name" }
 */
export function areaMatcher(areas: readonly AreaRow[], codeAliases: Readonly<Record<string, string>> = {}): AreaMatcher {
  const byCode = new Map(areas.map((a) => [a.la_code, a] as const));
  const byNumber = new Map<string, AreaRow[]>();
  const byName = new Map<string, AreaRow[]>();
  const push = (m: Map<string, AreaRow[]>, k: string, a: AreaRow) => m.set(k, [...(m.get(k) ?? []), a]);
  for (const a of areas) {
    if (a.old_la_code !== "") push(byNumber, a.old_la_code, a);
    push(byName, areaNameKey(a.la_name), a);
  }
  const aliases = new Map<string, string>(Object.entries(codeAliases));
  const numberToCode = new Map<string, string>();
  for (const a of areas) if (a.old_la_code !== "") numberToCode.set(a.old_la_code, a.la_code);
  for (const [code, h] of Object.entries(HISTORIC_ONS_CODES)) {
    const canonical = numberToCode.get(h.dfeNumber);
    if (canonical !== undefined && !byCode.has(code) && !aliases.has(code)) aliases.set(code, canonical);
  }
  const variants = new Map(Object.entries(AREA_NAME_VARIANTS).map(([k, v]) => [areaNameKey(k), areaNameKey(v)] as const));
  const regionCodes = new Set(areas.map((a) => a.region_code));
  const regionNames = new Set(areas.map((a) => areaNameKey(a.region_name)));

  const pick = (cands: AreaRow[], period: number | undefined, given: string, method: AreaMatchMethod): AreaMatch => {
    const alive = cands.filter((a) => exists(a, period));
    if (alive.length === 1) return { kind: "matched", laCode: alive[0].la_code, laName: alive[0].la_name, method };
    if (alive.length > 1) {
      return { kind: "unmatched", reason: `"${given}" fits ${alive.length} LAs in ${period ?? "every period"} (${alive.map((a) => a.la_code).join(", ")}): use the ONS code`, suggestions: [] };
    }
    return {
      kind: "unmatched",
      // one LA: which LA replaced it, or which it replaced, as --las says (resolveLaList); a period is given here,
      // since without one every LA exists
      reason: `${cands.map((a) => `${a.la_name} (${a.la_code}) existed ${lifespanWords(a)}`).join("; ")}, not in ${period}${cands.length === 1 ? reorganisationWords(cands[0], areas, period!) : ""}`,
      suggestions: [],
    };
  };

  return {
    match(text, _kind, period) {
      const given = text.trim();
      if (given === "") return { kind: "unmatched", reason: "empty LA cell", suggestions: [] };
      const upper = given.toUpperCase();
      // a code column may hold numbers or names too (people mix them): decide by the cell's shape
      if (/^[EWSN]\d{8}$/.test(upper)) {
        if (upper === ENGLAND_ONS_CODE) return { kind: "aggregate", what: "England" };
        if (regionCodes.has(upper)) return { kind: "aggregate", what: `region ${upper}` };
        const a = byCode.get(upper);
        if (a) return pick([a], period, given, "ONS code");
        const alias = aliases.get(upper);
        const b = alias === undefined ? undefined : byCode.get(alias);
        if (b) return pick([b], period, given, "earlier ONS code");
        const elsewhere = notChildrensServicesWords(upper);
        if (elsewhere !== undefined) return { kind: "unmatched", reason: elsewhere, suggestions: [] };
        return { kind: "unmatched", reason: `ONS code ${upper} is not in areas.csv or its earlier codes`, suggestions: closestMatches(upper, byCode.keys(), 2) };
      }
      if (/^\d{3}$/.test(given)) {
        const cands = byNumber.get(given);
        if (cands) return pick(cands, period, given, "DfE number");
        return { kind: "unmatched", reason: `DfE number ${given} is not in areas.csv`, suggestions: [] };
      }
      if (/^\d+$/.test(given)) return { kind: "unmatched", reason: otherNumberWords(given, byNumber, period), suggestions: [] };
      const key = areaNameKey(given);
      if (key === "england") return { kind: "aggregate", what: "England" };
      const direct = byName.get(key);
      if (direct) return pick(direct, period, given, "name");
      const variant = variants.get(key);
      const viaVariant = variant === undefined ? undefined : byName.get(variant);
      if (viaVariant) return pick(viaVariant, period, given, "name variant");
      if (regionNames.has(key)) return { kind: "aggregate", what: `region ${given}` };
      return unmatchedName(given, areas, period);
    },
  };
}

/**
 * Why a number that is not of 3 digits matches no LA: DfE LA numbers have 3 digits, and a 3-digit number with a
 * leading zero (a user trial's `0806`, r26) names the LA it would be, to write instead; numbers are matched only as
 * 3-digit DfE numbers (no leading zero is taken off without a word: 0806 and 806 could be two different codes).
 * @example otherNumberWords("0806", byNumber, 2024) // '"0806" looks like a DfE LA number with a leading zero: …; 806 is Middlesbrough (E06000002): write 806'
 */
function otherNumberWords(given: string, byNumber: ReadonlyMap<string, AreaRow[]>, period: number | undefined): string {
  const rule = "LA numbers are matched as DfE's 3-digit numbers (805), ONS codes as E06000001, names as written";
  const three = /^0+(\d{3})$/.exec(given)?.[1];
  const las = three === undefined ? undefined : byNumber.get(three);
  if (three === undefined || las === undefined) return `"${given}" is a number but not a DfE LA number of areas.csv: ${rule}`;
  const alive = las.filter((a) => exists(a, period));
  const named = (alive.length > 0 ? alive : las).map((a) => `${a.la_name} (${a.la_code})`).join(" or ");
  return `"${given}" looks like a DfE LA number with a leading zero: ${rule}; ${three} is ${named}: write ${three}`;
}

/**
 * A name that matches no LA, with the closest names of LAs that existed in the row's period as suggestions: a
 * user trial's "Christchurch" in 2018 was offered "Bournemouth, Christchurch and Poole", which started in 2020 (r26).
 * When the closest name of all is of an LA of another period, it is said instead, with when that LA existed and the
 * LAs it replaced or that replaced it ("Bournmouth" in 2024: Bournemouth existed until 2019; BCP replaced it).
 */
function unmatchedName(given: string, areas: readonly AreaRow[], period: number | undefined): AreaMatch {
  const reason = `no LA named "${given}" in areas.csv`;
  const alive = new Set(areas.filter((a) => exists(a, period)).map((a) => a.la_name));
  const best = closestMatches(given, areas.map((a) => a.la_name), 1)[0];
  const la = best === undefined || alive.has(best) ? undefined : areas.find((a) => a.la_name === best);
  if (la === undefined || period === undefined) return { kind: "unmatched", reason, suggestions: closestMatches(given, alive, 3) };
  // the closest name is of an LA of another period: said with its lifespan and successors, not offered as is
  return { kind: "unmatched", reason: `${reason}; the close name ${la.la_name} (${la.la_code}) existed ${lifespanWords(la)}, not in ${period}${reorganisationWords(la, areas, period)}`, suggestions: [] };
}

/**
 * Why another LA cell of a row (la_name beside the la_code it was matched on) cannot stand with the key's match, or
 * undefined: it names a different LA of the package (a review's E06000001, Hartlepool, beside "Middlesbrough" was
 * added to Hartlepool without a word). A blank cell, or one that matches no LA, is not checked: the key decides.
 * @example
 * otherAreaCellProblem(matcher, "Middlesbrough", 2024, { laCode: "E06000001", laName: "Hartlepool" })
 * // 'the LA of the row\'s key, E06000001 (Hartlepool): "Middlesbrough" is E06000002 (Middlesbrough); …'
 */
export function otherAreaCellProblem(matcher: AreaMatcher, text: string, period: number | undefined, key: { laCode: string; laName: string }): string | undefined {
  if (text.trim() === "") return undefined;
  const m = matcher.match(text, "name", period);
  if (m.kind !== "matched" || m.laCode === key.laCode) return undefined;
  return `the LA of the row's key, ${key.laCode} (${key.laName}): "${text.trim()}" is ${m.laCode} (${m.laName}); correct whichever column is wrong, or leave this column out`;
}
