/**
 * How a package says it holds own data (`vital-signs add`): each own source records its licence or terms, or
 * {@link OWN_DATA_LICENCE_NOT_STATED}; the package keeps the official sources' Open Government Licence entry and
 * gains one for own data, and its title says "with own data". A walkthrough's package, after adding unpublished
 * data, still declared only the OGL and was titled "official statistics", and its reports said every source was
 * under the OGL.
 */
import type { PackageContent, PackageDescriptor, ResourceName, SourceDescriptor } from "../types";

/**
 * The licence recorded for own data when none is given. Own data are not the official statistics the
 * Open Government Licence covers, and the workbench cannot know their terms: a walkthrough's package, after
 * `add`, still declared only the OGL, and its reports said every source was under it.
 */
export const OWN_DATA_LICENCE_NOT_STATED = "not stated (own data: the user's terms apply, not the Open Government Licence)";

/** The package licence entry that says a package holds own data under terms of their own (see each own source). */
export const OWN_DATA_LICENCE_ENTRY = Object.freeze({
  name: "own-data",
  title: "Own data (sources marked 'Own data'): under the user's own terms, given per source; not the Open Government Licence",
});

/**
 * The licence entry of a package made from an LA's or a pilot's own records (`vital-signs returns`, `pilot`): the
 * data are theirs, under their terms, which the workbench does not know. Both had declared CC-BY-4.0, a licence
 * no one had chosen for them (a walkthrough).
 */
export const OWN_RECORDS_LICENCE_ENTRY = Object.freeze({
  name: "own-data",
  title: "Aggregated from the LA's or pilot's own records: under their own terms (not stated here); not the Open Government Licence",
});

/** What `add` appends to a package title that does not yet say it holds own data. */
export const OWN_DATA_TITLE_SUFFIX = ", with own data";

/** What `add` appends to a package description (once): a description "imported … from official publications as published" was no longer true. */
export const OWN_DATA_DESCRIPTION_NOTE = "Own data were added by `vital-signs add` (sources marked 'Own data', under the user's own terms).";

/**
 * A package's title, description and licences once own data are in it: the own-data licence entry, title suffix
 * and description note added once (a second `add` changes nothing), every other licence kept.
 * @example
 * ownDataMarks({ title: "Official statistics", licenses: [OGL_V3] })
 * // { title: "Official statistics, with own data", description: "Own data were added …", licenses: [OGL_V3, OWN_DATA_LICENCE_ENTRY] }
 */
export function ownDataMarks(content: Pick<PackageContent, "title" | "description" | "licenses">): { title: string; description: string; licenses: NonNullable<PackageContent["licenses"]> } {
  const licenses = licencesWithOwnData(content.licenses ?? []);
  const title = content.title.endsWith(OWN_DATA_TITLE_SUFFIX) ? content.title : `${content.title}${OWN_DATA_TITLE_SUFFIX}`;
  const before = content.description ?? "";
  const description = before.includes(OWN_DATA_DESCRIPTION_NOTE) ? before : [before, OWN_DATA_DESCRIPTION_NOTE].filter((t) => t !== "").join(" ");
  return { title, description, licenses };
}

/** The resources own data go into (`add` adds indicators: their catalogue rows and values); the others hold none. */
export const OWN_DATA_RESOURCES: readonly ResourceName[] = Object.freeze(["catalogue", "indicators"]);

/**
 * `licenses` with the own-data entry ({@link OWN_DATA_LICENCE_ENTRY}) added once, every other licence kept.
 * @example
 * licencesWithOwnData([OGL_V3]) // [OGL_V3, OWN_DATA_LICENCE_ENTRY]
 */
export function licencesWithOwnData(licenses: NonNullable<PackageContent["licenses"]>): NonNullable<PackageContent["licenses"]> {
  return licenses.some((l) => l.name === OWN_DATA_LICENCE_ENTRY.name) ? [...licenses] : [...licenses, { ...OWN_DATA_LICENCE_ENTRY }];
}

/**
 * The sources of a package and of each of its resources once the own file `source` is added (`licence`: the
 * licence given with it, if any): the file joins the package's sources and those of the resources that hold own
 * data ({@link OWN_DATA_RESOURCES}), which also gain the own-data licence; every other resource keeps its licences
 * and sources. After an add, areas.csv (official names and codes) had listed the own-data licence and the file.
 * @example
 * ownDataSources(pkg.descriptor, { title: "Own data: visits.csv (visits_pct)", path: "visits.csv", sha256 }, undefined).resourceLicenses?.areas // [OGL_V3]
 */
export function ownDataSources(descriptor: PackageDescriptor, source: SourceDescriptor, licence: string | undefined): Required<Pick<PackageContent, "sources" | "resourceLicenses" | "resourceSources">> {
  const resourceLicenses: NonNullable<PackageContent["resourceLicenses"]> = {};
  const resourceSources: NonNullable<PackageContent["resourceSources"]> = {};
  // a hand-written datapackage.json may leave out either list: the reader does not fill them in
  const packageLicenses = descriptor.licenses ?? [];
  const packageSources = descriptor.sources ?? [];
  for (const resource of descriptor.resources) {
    const licenses = resource.licenses ?? packageLicenses;
    const sources = resource.sources ?? packageSources;
    const holdsOwnData = OWN_DATA_RESOURCES.includes(resource.name);
    resourceLicenses[resource.name] = holdsOwnData ? licencesWithOwnData(licenses) : licenses;
    resourceSources[resource.name] = holdsOwnData ? sourcesWith(sources, source, licence) : sources;
  }
  return { sources: sourcesWith(packageSources, source, licence), resourceLicenses, resourceSources };
}

/**
 * `sources` with an own file's: added, or, when the file is already a source (by its sha256), given the licence
 * `licence` if one was given (--replace with --licence: a review found it dropped), else kept as it is.
 */
function sourcesWith(sources: readonly SourceDescriptor[], source: SourceDescriptor, licence: string | undefined): SourceDescriptor[] {
  const known = sources.findIndex((s) => s.sha256 === source.sha256);
  if (known < 0) return [...sources, source];
  return licence === undefined ? [...sources] : sources.map((s, i) => (i === known ? { ...s, licence } : s));
}
