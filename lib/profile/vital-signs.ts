/**
 * The council's vital signs: the indicators an analysis (`vital-signs analyse`, its results.json) selected, each
 * with the LA's latest value and comparison from its profile and the analysis' verdict and direction. Numbers and
 * codes only; lib/report/profile-report.ts writes them in words. An analysis of another package is refused: its
 * verdicts are about other figures.
 */
import type { PackageDescriptor } from "../data/types";
import type { LaProfile, ProfileVitalSigns } from "./types";

/** The fields of results.json (lib/vitals/results.ts `toResults`) that the council's view reads. */
export interface ResultsForProfile {
  format: string;
  dataset: { name: string; created: string; resources: readonly { name: string; sha256: string }[] };
  outcome: { id: string };
  context: { variables: readonly string[] };
  period: number;
  vital_signs: readonly { indicator: string; code: string; selected: boolean }[];
  associations: readonly { indicator: string; direction: string }[];
}

/**
 * Why results.json is not of this package, or null when it is: the package's name and every resource's sha256 (as
 * results.json records them) must be the package's own.
 * @example resultsPackageProblem(results, pkg.descriptor) // null, or 'results.json is of package "pilot-synthetic" …'
 */
export function resultsPackageProblem(results: ResultsForProfile, descriptor: PackageDescriptor): string | null {
  const of = `results.json is of package "${results.dataset.name}" (created ${results.dataset.created}), not of this package "${descriptor.name}" (created ${descriptor.created})`;
  if (results.dataset.name !== descriptor.name) return of;
  const own = new Map<string, string>(descriptor.resources.map((r) => [r.name, r.hash.replace(/^sha256:/, "")]));
  const recorded = new Map(results.dataset.resources.map((r) => [r.name, r.sha256]));
  for (const name of new Set([...own.keys(), ...recorded.keys()])) {
    const mine = own.get(name), theirs = recorded.get(name);
    if (mine === theirs) continue;
    const what = mine === undefined ? "which this package does not have" : theirs === undefined ? "which results.json does not record" : `sha256 ${theirs.slice(0, 12)}… in results.json, ${mine.slice(0, 12)}… here`;
    return `${of}: its ${name} differs (${what}); run the analysis on this package`;
  }
  return null;
}

/**
 * The vital signs the analysis selected, in its order, each with the LA's latest value, headline comparison and band
 * from the profile (a value withheld for disclosure stays withheld) and the analysis' direction of the association.
 * Call {@link resultsPackageProblem} first: the analysis must be of the profile's package.
 * @example
 * const view = profileVitalSigns(profile, results); view.signs.map((s) => s.indicator) // ["rereferral_12m_pct", …]
 */
export function profileVitalSigns(profile: LaProfile, results: ResultsForProfile): ProfileVitalSigns {
  const byIndicator = new Map(profile.indicators.map((x) => [x.indicator, x]));
  const direction = new Map(results.associations.map((a) => [a.indicator, a.direction]));
  const signs = results.vital_signs
    .filter((v) => v.selected)
    .map((v) => {
      const x = byIndicator.get(v.indicator);
      return {
        indicator: v.indicator,
        label: x?.label ?? v.indicator,
        verdict: v.code,
        direction: direction.get(v.indicator) ?? null,
        period: x?.period ?? null,
        value: x?.value ?? null,
        status: x?.status ?? "not in the profile",
        ...(x?.valueFlag === undefined ? {} : { valueFlag: x.valueFlag }),
        headline: x?.headline.label ?? "not compared",
        band: x?.band ?? null,
        quartile: x?.quartile ?? null,
      };
    });
  return { outcome: results.outcome.id, context: [...results.context.variables], analysedPeriod: results.period, signs };
}
