/**
 * The colophon every report, profile and notebook export ends with: the sources (with their publications)
 * from datapackage.json, the Open Government Licence attribution where any source carries it, a suggested
 * citation (the same as CITATION.cff at the repository root) and the exact command that produced the output.
 * Own data (`vital-signs add`) are listed apart from the official sources, each with its own licence or
 * "not stated": the OGL covers the official statistics only.
 */
import { isOwnDataSource } from "../data/official-sources";
import { OWN_DATA_LICENCE_ENTRY, OWN_DATA_LICENCE_NOT_STATED } from "../data/own-data/licence";

/** The name of the licence entry of own data (`add`) and of packages made from own records (`returns`, `pilot`). */
const OWN_DATA_LICENCE_NAME = OWN_DATA_LICENCE_ENTRY.name;
/** How the colophon words that entry. */
const OWN_TERMS_WORDS = "own data, under their owners' terms (not stated in the package; not the Open Government Licence)";
import type { ReproducibilityStamp } from "./reproducibility";

/** The attribution statement the Open Government Licence v3.0 asks for. */
export const OGL_ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0.";

/** Licence names (datapackage.json `licenses[].name` or a source's `licence`) that are the OGL v3. */
const OGL_NAMES = /^OGL(-UK)?-3\.0$/i;

/** Title and version of the workbench as CITATION.cff gives them (a test keeps the two in step). */
export const CITATION_TITLE = "Vital Signs Workbench";

/**
 * The suggested citation for an output made with this version of the workbench.
 * @example
 * suggestedCitation({ packageVersion: "0.1.0", createdAt: "2026-12-04T10:00:00Z" })
 * // "Vital Signs Workbench contributors (2026). Vital Signs Workbench, version 0.1.0 [software]. …"
 */
export function suggestedCitation(stamp: Pick<ReproducibilityStamp, "packageVersion" | "createdAt" | "gitCommit">): string {
  const year = stamp.createdAt.slice(0, 4);
  const commit = /^[0-9a-f]{40}$/.test(stamp.gitCommit) ? `, commit ${stamp.gitCommit.slice(0, 12)}` : "";
  return `Vital Signs Workbench contributors (${year}). ${CITATION_TITLE}, version ${stamp.packageVersion}${commit} [software]. See CITATION.cff.`;
}

/** Whether any of the licences named is the Open Government Licence v3.0. */
export function needsOglAttribution(licences: readonly string[]): boolean {
  return licences.some((l) => OGL_NAMES.test(l.trim()));
}

/** One source line: its publication (where the package records one), else its title. */
export function sourceLine(source: ReproducibilityStamp["sources"][number]): string {
  const what = source.publication ? `${source.publication} (file ${source.title})` : source.title;
  return source.licence ? `${what}; licence ${source.licence}` : what;
}

/** The colophon as label/value rows (sources, own data, licence statement, citation, command), for tables. */
export function colophonRows(stamp: ReproducibilityStamp): { item: string; value: string }[] {
  const rows: { item: string; value: string }[] = [];
  // files the import recorded but read no value from are named apart: "sources (68)" had counted 38 of them
  const official = stamp.sources.filter((s) => !isOwnDataSource(s.title) && s.notImported !== true);
  const notImported = [...new Set(stamp.sources.filter((s) => s.notImported === true).map((s) => s.title))];
  // a package made before add recorded a licence has own sources without one: their terms are still not stated
  const own = stamp.sources.filter((s) => isOwnDataSource(s.title)).map((s) => ({ ...s, licence: s.licence ?? OWN_DATA_LICENCE_NOT_STATED }));
  const distinct = [...new Map(official.map((s) => [sourceLine(s), s])).keys()];
  distinct.forEach((line, i) => rows.push({ item: i === 0 ? `sources (${distinct.length})` : "", value: line }));
  if (distinct.length === 0 && own.length === 0) rows.push({ item: "sources", value: "none recorded in datapackage.json" });
  if (notImported.length > 0) {
    rows.push({ item: `not imported (${notImported.length})`, value: `in the source folder, read by the import but no value taken (why: import-log.json): ${notImported.join(", ")}` });
  }
  const ownLines = [...new Set(own.map(sourceLine))];
  ownLines.forEach((line, i) => rows.push({ item: i === 0 ? `own data (${ownLines.length})` : "", value: line }));
  const ownTerms = ownLines.length > 0 ? " It covers the official sources only: the own data above are under their own terms." : "";
  if (needsOglAttribution([...stamp.licences, ...official.map((s) => s.licence ?? "")])) rows.push({ item: "licence", value: OGL_ATTRIBUTION + ownTerms });
  // the own-data entry by what it means, not its name (a review: "licence: CC0-1.0, own-data")
  else if (stamp.licences.length > 0) rows.push({ item: "licence", value: stamp.licences.map((l) => (l === OWN_DATA_LICENCE_NAME ? OWN_TERMS_WORDS : l)).join(", ") });
  rows.push({ item: "cite as", value: suggestedCitation(stamp) });
  rows.push({ item: "command", value: stamp.command ?? "not run from the command line (library or notebook)" });
  return rows;
}
