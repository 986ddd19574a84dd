/**
 * Which catalogue sources check-disclosure need not check for small counts: official publications — the
 * beginnings `vital-signs import` gives the source of every indicator it makes (EES, SFR, LAIT, OHID Fingertips,
 * MHCLG revenue outturn, and rates it computes from their counts), whose counts are published already — and the
 * synthetic generator's data, whose counts are of no one. Everything else in a package — `add`'s own data (source
 * "Own data: …"), pilot and returns aggregates ("pilot: …") — is checked. A walkthrough found an own indicator with
 * 4 of 12 in a package passed as published, because only "pilot:" was taken as unpublished.
 */

/** The beginnings of an official catalogue source (tests/data/import/official.test.ts checks every imported row has one). */
export const OFFICIAL_SOURCE_PREFIXES: readonly string[] = Object.freeze(["EES ", "SFR ", "LAIT ", "OHID ", "MHCLG ", "computed: "]);

/** The beginning of the synthetic generator's catalogue source (lib/synthetic/package-rows.ts). */
export const SYNTHETIC_SOURCE_PREFIX = "Synthetic (vital-signs synth ";

/**
 * Whether a catalogue `source` is an official publication's ({@link OFFICIAL_SOURCE_PREFIXES}).
 * @example
 * isOfficialSource("EES ks4_la*.csv: …") // true
 * isOfficialSource("Own data: pilot-wide.xlsx") // false
 */
export function isOfficialSource(source: string): boolean {
  return OFFICIAL_SOURCE_PREFIXES.some((p) => source.startsWith(p));
}

/**
 * Whether check-disclosure may leave an indicator's counts unchecked: an official or a synthetic source.
 * @example
 * countsNeedNoCheck("Synthetic (vital-signs synth 1.0.0); imitates …") // true
 * countsNeedNoCheck("pilot: Survey (instruments.json)") // false
 */
export function countsNeedNoCheck(source: string): boolean {
  return isOfficialSource(source) || source.startsWith(SYNTHETIC_SOURCE_PREFIX);
}

/** The beginning of the source `add` gives own data (datapackage.json sources and catalogue.csv). */
export const OWN_DATA_SOURCE_PREFIX = "Own data: ";

/**
 * Whether a source (a datapackage.json source title or a catalogue source) is own data added by `add`.
 * @example
 * isOwnDataSource("Own data: outcome-long-v1.csv (stable_school_pct)") // true
 * isOwnDataSource("la_care_leavers_activity.csv") // false
 */
export function isOwnDataSource(source: string): boolean {
  return source.toLowerCase().startsWith(OWN_DATA_SOURCE_PREFIX.toLowerCase());
}

/** The `name` of the package `vital-signs import` writes (unless told another). */
export const OFFICIAL_PACKAGE_NAME = "england-official";

/** The file `vital-signs import` writes beside the package's resources: what it did with each source file. */
export const IMPORT_LOG_FILE = "import-log.json";
