/**
 * The SSDA903 (children looked after) CSV tables as local authorities export them: their columns, how a file
 * is recognised (by its columns, or by its name when the columns are incomplete), and the code lists the
 * workbench checks. Column names and codes follow DfE's "Children looked after by local authorities in
 * England: technical specification" (data dictionary and code sets) as used by the D2I / Social Finance
 * SSDA903 validators.
 */
import { DataError } from "../errors";
import { joinWords } from "../join-words";

/** The tables of the return. SWEpisodes is also exported as "SocialWorker". */
export type Ssda903Table =
  | "Header"
  | "Episodes"
  | "Reviews"
  | "UASC"
  | "OC2"
  | "OC3"
  | "AD1"
  | "PlacedAdoption"
  | "PrevPerm"
  | "Missing"
  | "SWEpisodes";

/** Columns of each table, in the DfE order. */
export const SSDA903_COLUMNS: Readonly<Record<Ssda903Table, readonly string[]>> = Object.freeze({
  Header: ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
  Episodes: ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
  Reviews: ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
  UASC: ["CHILD", "SEX", "DOB", "DUC"],
  OC2: ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
  OC3: ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
  AD1: ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
  PlacedAdoption: ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
  PrevPerm: ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
  Missing: ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
  SWEpisodes: ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
});

/** Columns without which a table cannot be used (the others may be absent from an LA's export). */
export const SSDA903_REQUIRED: Readonly<Record<Ssda903Table, readonly string[]>> = Object.freeze({
  Header: ["CHILD", "SEX", "DOB"],
  Episodes: ["CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC"],
  Reviews: ["CHILD", "REVIEW"],
  UASC: ["CHILD", "DUC"],
  OC2: ["CHILD", "SDQ_SCORE"],
  OC3: ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
  AD1: ["CHILD", "DATE_INT"],
  PlacedAdoption: ["CHILD", "DATE_PLACED"],
  PrevPerm: ["CHILD", "PREV_PERM"],
  Missing: ["CHILD", "MISSING", "MIS_START"],
  SWEpisodes: ["CHILD", "SW_ID", "SW_DECOM"],
});

/** A column only this table has: a file holding it may be this table (detectSsda903Table). */
const DISTINCTIVE_COLUMN: Readonly<Record<Ssda903Table, string>> = Object.freeze({
  Header: "MOTHER",
  Episodes: "DECOM",
  Reviews: "REVIEW",
  UASC: "DUC",
  OC2: "SDQ_SCORE",
  OC3: "IN_TOUCH",
  AD1: "DATE_INT",
  PlacedAdoption: "DATE_PLACED",
  PrevPerm: "PREV_PERM",
  Missing: "MIS_START",
  SWEpisodes: "SW_ID",
});

/** File-name patterns (lower case, on the base name) as LAs and their case-management systems name exports. */
const NAME_PATTERNS: readonly [RegExp, Ssda903Table][] = [
  [/header/, "Header"],
  [/episode(?!.*sw)|^episodes/, "Episodes"],
  [/sw_?episodes|social_?worker/, "SWEpisodes"],
  [/review/, "Reviews"],
  [/uasc/, "UASC"],
  [/oc2/, "OC2"],
  [/oc3/, "OC3"],
  [/ad1/, "AD1"],
  [/placed_?(for_?)?adoption|sbpfa/, "PlacedAdoption"],
  [/prev_?perm/, "PrevPerm"],
  [/missing/, "Missing"],
];

/** A file name read as each table (ssda903TableOfName), for messages telling the user how to name a file. */
export const SSDA903_FILE_NAMES: Readonly<Record<Ssda903Table, string>> = Object.freeze({
  Header: "header.csv",
  Episodes: "episodes.csv",
  Reviews: "reviews.csv",
  UASC: "uasc.csv",
  OC2: "oc2.csv",
  OC3: "oc3.csv",
  AD1: "ad1.csv",
  PlacedAdoption: "placed_for_adoption.csv",
  PrevPerm: "prev_perm.csv",
  Missing: "missing.csv",
  SWEpisodes: "sw_episodes.csv",
});

/** The table a CSV is (detectSsda903Table), and what it was read as when its name names another (readAsWords). */
export interface Ssda903TableFound {
  table: Ssda903Table;
  /** "read as an Episodes table: it holds 13 of Episodes' columns, 7 of Header's"; absent when its name names `table`, or none. */
  readAs?: string;
}

/**
 * Which SSDA903 table a CSV is, from its whole header row and its name; null if neither says. The tables it may be are
 * those whose own column (DISTINCTIVE_COLUMN) it holds and the one its name names (ssda903TableOfName); of those, the
 * one holding most of the file's columns is taken. A Reviews table with the episode's start beside each review
 * (CHILD, DOB, DECOM, REVIEW, REVIEW_CODE: four of Reviews' columns, two of Episodes') is Reviews: taken by DECOM alone it
 * had been a second Episodes table, the folder refused as holding two. Of tables holding as many, the one its name
 * names is taken, else the only one of them with every column it needs (SSDA903_REQUIRED: the others could not be
 * read); else the file is refused, naming them and a name for each (SSDA903_FILE_NAMES). A file without CHILD is a
 * table only by a name that says SSDA903 (903, ssda, cla) and names one. A file named for one table and taken for
 * another says so (readAsWords, from the same counts).
 * @param file the file as messages name it (its path in the folder); the base name by default
 * @throws DataError when the file fits two or more tables as well as each other and its name names none of them
 * @example
 * detectSsda903Table("ep.csv", ["CHILD", "DECOM", "RNE"]) // { table: "Episodes" }
 * detectSsda903Table("reviews.csv", ["CHILD", "DOB", "DECOM", "REVIEW", "REVIEW_CODE"]) // { table: "Reviews" }
 * detectSsda903Table("903_header_2023.csv", ["CHILD"]) // { table: "Header" } (by name; its missing columns are an error later)
 * detectSsda903Table("header.csv", ["CHILD", "SEX", "DOB", "DECOM", "RNE", "LS", "PLACE", "DEC"])
 * // { table: "Episodes", readAs: "read as an Episodes table: it holds 6 of Episodes' columns, 3 of Header's" }
 */
export function detectSsda903Table(baseName: string, header: readonly string[], file = baseName): Ssda903TableFound | null {
  const cols = columnSet(header);
  const named = ssda903TableOfName(baseName);
  const held = (t: Ssda903Table) => columnsHeld(cols, t);
  const table = tableOfColumns(baseName, cols, named, file);
  if (table === null) return null;
  const readAs = readAsWords(table, named, held);
  return readAs === undefined ? { table } : { table, readAs };
}

/**
 * detectSsda903Table's choice, from the file's upper-cased columns and the table its name names.
 */
function tableOfColumns(
  baseName: string,
  cols: ReadonlySet<string>,
  named: Ssda903Table | null,
  file: string,
): Ssda903Table | null {
  if (!cols.has("CHILD")) return /903|ssda|cla/.test(baseName.toLowerCase()) ? named : null;
  const best = bestFits(cols, named);
  if (best.length === 0) return null;
  if (best.length === 1) return best[0];
  if (named !== null && best.includes(named)) return named;
  const readable = best.filter((t) => SSDA903_REQUIRED[t].every((c) => cols.has(c)));
  if (readable.length === 1) return readable[0];
  const tied = readable.length > 1 ? readable : best;
  const which = tied.map((t) => `the ${t} table (${SSDA903_COLUMNS[t].filter((c) => cols.has(c)).join(", ")})`);
  throw new DataError({
    file,
    row: 0,
    expected: `the columns of one SSDA903 table: its columns fit ${joinWords(which)} as well as each other, and its name names none of them, so which table it is cannot be told; name the file for the table it holds (${joinWords(tied.map((t) => SSDA903_FILE_NAMES[t]), "or")}, keeping the LA and year its path gives) and it is read as that table`,
  });
}

/** A header row's column names as the tables are matched on them: trimmed, upper case. */
function columnSet(header: readonly string[]): Set<string> {
  return new Set(header.map((h) => h.trim().toUpperCase()));
}

/** How many of table `t`'s columns (SSDA903_COLUMNS) are among `cols`. */
function columnsHeld(cols: ReadonlySet<string>, t: Ssda903Table): number {
  return SSDA903_COLUMNS[t].filter((c) => cols.has(c)).length;
}

/**
 * Of the tables a file may be (those whose own column, DISTINCTIVE_COLUMN, it holds, and the one its name names), those
 * holding most of its columns; none when it may be none.
 */
function bestFits(cols: ReadonlySet<string>, named: Ssda903Table | null): Ssda903Table[] {
  const candidates = (Object.keys(DISTINCTIVE_COLUMN) as Ssda903Table[]).filter((t) => cols.has(DISTINCTIVE_COLUMN[t]) || t === named);
  if (candidates.length === 0) return [];
  const most = Math.max(...candidates.map((t) => columnsHeld(cols, t)));
  return candidates.filter((t) => columnsHeld(cols, t) === most);
}

/** "a Header table", "an Episodes table". */
function aTable(t: Ssda903Table): string {
  return `${/^[AEIOU]/.test(t) ? "an" : "a"} ${t} table`;
}

/**
 * What the import log says of a CSV whose name and columns do not say the same table (detectSsda903Table having taken
 * `table`): the table its name names, the one its columns make it and which was read, and why; or undefined when its
 * name names no table, or names the table read with no other fitting its columns as well. A file whose columns made it
 * another table than its name had been named only when its year then gave no Episodes table (readAsWords): a
 * header_2023.csv holding Episodes' columns, read beside an episodes.csv, was refused as a second Episodes table
 * without the words, and an oc2.csv holding OC3's columns was read as the year's OC3 without a word (round 24).
 * @returns the log entry's rule (what was read and why) and detail (what to do)
 * @example
 * nameAndColumnsWords("header_2023.csv", SSDA903_COLUMNS.Episodes, "Episodes")!.rule
 * // "named as an SSDA903 Header table, its columns those of an Episodes table: read as an Episodes table, by its columns (it holds 13 of Episodes' columns, 1 of Header's columns; a CSV is read as the table whose columns it holds most of)"
 */
export function nameAndColumnsWords(baseName: string, header: readonly string[], table: Ssda903Table): { rule: string; detail: string } | undefined {
  const named = ssda903TableOfName(baseName);
  if (named === null) return undefined;
  const cols = columnSet(header);
  const of = (t: Ssda903Table) => `${columnsHeld(cols, t)} of ${t.endsWith("s") ? `${t}'` : `${t}'s`} columns`;
  const fileName = (t: Ssda903Table) => `${SSDA903_FILE_NAMES[t]}, keeping the LA and year its path gives`;
  if (named !== table) {
    return {
      rule: `named as an SSDA903 ${named} table, its columns those of ${aTable(table)}: read as ${aTable(table)}, by its columns (it holds ${of(table)}, ${of(named)}; a CSV is read as the table whose columns it holds most of)`,
      detail: `if it is the ${table} table, name it for it (${fileName(table)}); if it is the ${named} table, export it again with ${named}'s columns (${SSDA903_COLUMNS[named].join(", ")})`,
    };
  }
  if (!cols.has("CHILD")) return undefined;
  const others = bestFits(cols, named).filter((t) => t !== table);
  if (others.length === 0) return undefined;
  return {
    rule: `its columns fit ${joinWords(others.map(aTable))} as well as ${aTable(table)} (${of(table)}; ${joinWords(others.map(of))}): read as ${aTable(table)}, the table its name names`,
    detail: `if it is ${joinWords(others.map((t) => `the ${t} table`), "or")}, name it for that table (${joinWords(others.map((t) => SSDA903_FILE_NAMES[t]), "or")}, keeping the LA and year its path gives)`,
  };
}

/**
 * What a file named for one table was read as, when its columns made it another table (the table whose columns it holds
 * most of), from detectSsda903Table's counts: "read as an Episodes table: it holds 13 of Episodes' columns, 7 of
 * Header's"; undefined when its name names the table it was read as, or no table. Said where the year then gives
 * nothing (read-ssda903), so that a user told the year has no Header table learns that header.csv was taken for another.
 */
function readAsWords(table: Ssda903Table, named: Ssda903Table | null, held: (t: Ssda903Table) => number): string | undefined {
  if (named === null || named === table) return undefined;
  const of = (t: Ssda903Table) => (t.endsWith("s") ? `${t}'` : `${t}'s`);
  return `read as ${aTable(table)}: it holds ${held(table)} of ${of(table)} columns, ${held(named)} of ${of(named)}`;
}

/**
 * The SSDA903 table a file's base name names (episodes.csv, 903_header_2023.csv), or null: what the file says it is,
 * whatever it holds.
 * @example
 * ssda903TableOfName("Episodes.csv") // "Episodes"
 * ssda903TableOfName("population.csv") // null
 */
export function ssda903TableOfName(baseName: string): Ssda903Table | null {
  const name = baseName.toLowerCase();
  if (/sw_?episodes|social_?worker/.test(name)) return "SWEpisodes";
  for (const [re, table] of NAME_PATTERNS) if (re.test(name)) return table;
  return null;
}

/** Reason for new episode (RNE). */
export const RNE_CODES: ReadonlySet<string> = new Set(["S", "L", "P", "T", "U", "B"]);
/**
 * RNE codes that start a new placement with a new carer: S started to be looked after, P change of placement
 * and carer(s) only, T change of legal status and of placement and carer(s). L (legal status only), U and
 * B (placement status changes while the carer stays the same) continue the same placement.
 */
export const NEW_PLACEMENT_RNE: ReadonlySet<string> = new Set(["S", "P", "T"]);
/** Legal status (LS). */
export const LS_CODES: ReadonlySet<string> = new Set(["C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4"]);
/** Legal statuses of a series of short-term placements (short breaks), excluded from DfE's stability and CLA counts. */
export const SHORT_BREAK_LS: ReadonlySet<string> = new Set(["V3", "V4"]);
/** Category of need (CIN). */
export const CIN_NEED_CODES: ReadonlySet<string> = new Set(["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"]);
/** Placement type (PLACE), including codes retired since 2015 that older returns hold. */
export const PLACE_CODES: ReadonlySet<string> = new Set([
  "A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1", "T0", "T1", "T2", "T3", "T4",
  "U1", "U2", "U3", "U4", "U5", "U6", "Z1", "F1", "F2", "F3", "F4", "F5", "F6", "P4", "R4", "M2", "M3", "Q1", "Q2",
]);
/** Placed for adoption (PLACE A3–A6). */
export const ADOPTION_PLACEMENTS: ReadonlySet<string> = new Set(["A3", "A4", "A5", "A6"]);
/** Reason episode ceased (REC); X1 = episode ceased and a new one began. */
export const REC_CODES: ReadonlySet<string> = new Set([
  "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "E45", "E46", "E47", "E48", "E4A", "E4B", "E5", "E6", "E7", "E8", "E9", "X1",
]);
/** Missing (M) or away from placement without authorisation (A). */
export const MISSING_CODES: ReadonlySet<string> = new Set(["M", "A"]);
/** OC3 in touch: YES, NO, DIED, REFU (refused contact), NREQ (no longer requires services), RHOM (returned home). */
export const IN_TOUCH_CODES: ReadonlySet<string> = new Set(["YES", "NO", "DIED", "REFU", "NREQ", "RHOM"]);
/** OC3 in-touch codes DfE leaves out of the care-leaver denominators (died; returned home for 6+ months). */
export const CARE_LEAVER_EXCLUDED_IN_TOUCH: ReadonlySet<string> = new Set(["DIED", "RHOM"]);
/**
 * OC3 activity: F = full time, P = part time in 1 higher education, 2 other education, 3 training or employment
 * (before 2016), 4 apprenticeship, 5 training or employment; G4–G6 not in education, employment or training
 * (illness or disability; other reasons; pregnancy or parenting); 0 information not known.
 */
export const ACTIVITY_CODES: ReadonlySet<string> = new Set(["F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0"]);
/** Activity codes that are education, employment or training. */
export const EET_ACTIVITY_RE = /^[FP][1-5]$/;
/**
 * OC3 accommodation: a type letter (B, C, D, E, G, H, K, R, S, T, U, V, W, X, Y, Z) and its suitability, 1
 * (suitable) or 2 (not suitable), as in the DfE code set (B1 … Z2); 0 information not known. Exports that
 * spell suitability Y/N are accepted as the same codes.
 */
export const ACCOMMODATION_RE = /^([BCDEGHKRSTUVWXYZ][12YN]|0)$/;
/** Accommodation codes that are suitable (suitability 1, or Y). */
export const SUITABLE_ACCOMMODATION_RE = /^[A-Z][1Y]$/;
/** SEX: 1 male, 2 female. */
export const SEX_CODES: ReadonlySet<string> = new Set(["1", "2"]);
