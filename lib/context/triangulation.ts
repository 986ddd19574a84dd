/**
 * Triangulation: for one LA, put indicators from different sources side by side, domain by domain
 * (the 2019 outcomes framework's domains, lib/data/types `Domain`), on one standardised scale.
 *
 * - **Standardise** ({@link alignedZ}): z = (value − centre)/sd, where the centre is England's value
 *   (the median of LAs when there is no England figure) and sd the sample SD of all LAs' values that
 *   period. **Polarity-aligned**: z is negated for `down` indicators so that z > 0 always means better
 *   than England; `none` indicators keep their raw z, are shown, and are left out of composites.
 * - **Composite per domain**: the mean of the aligned z of the domain's indicators that have a value.
 * - **Agreement between sources**: the mean aligned z per source; sources agree when all source means
 *   have the same sign (`null` with one source). Also the share of indicators whose aligned z has the
 *   composite's sign (sign consensus).
 * - **Thin evidence**: a domain is flagged when fewer than {@link MIN_INDICATORS_PER_DOMAIN} indicators
 *   have a value, or when more than {@link MAX_MISSING_SHARE} of its indicators are missing; the reasons are
 *   listed. A domain informed by one source only is not thin, but its agreement is `null` (nothing to
 *   triangulate) and `singleSource` says so.
 *
 * Missing-value rule: a null/NaN value gives z = NaN with a reason; it counts as missing in its domain.
 */
import type { Domain, Polarity } from "../data/types";
import { checkPolarity, DOMAINS } from "../data/types";
import { quantile } from "../stats/quantile";
import { sampleSd } from "../stats/summary";

/** Fewer indicators with a value than this in a domain → thin evidence. */
export const MIN_INDICATORS_PER_DOMAIN = 3;
/** More than this share of a domain's indicators missing → thin evidence. */
export const MAX_MISSING_SHARE = 0.5;
/** The SD needs at least this many LAs with a value. */
export const MIN_LAS_FOR_Z = 10;

/**
 * Data collections behind the catalogue's `source` text, first match wins (one declarative table): the
 * agreement measure compares these families, not individual files. LAIT measures are classed by their
 * LAIT topic when it names a collection; anything else keeps its first words.
 */
export const SOURCE_FAMILIES: readonly { pattern: RegExp; family: string }[] = Object.freeze([
  { pattern: /topic (Children Looked After|Adoption)/i, family: "Looked-after children (SSDA903)" },
  { pattern: /topic (Child Protection|Children in Need)/i, family: "Children in need census" },
  { pattern: /csww|work_?force|social work/i, family: "Workforce census (CSWW)" },
  { pattern: /\b(c1|b1|d3|d5)_|children_in_need|children in need|child protection|\bcin_|\bcpp_|\bCIN\b|referral|section_47|\bCPP?\b/i, family: "Children in need census" },
  { pattern: /\bcla\b|cla_|care_leavers|care leavers|looked after|adoption|\bLAC\b|SSDA903|SFR|missing/i, family: "Looked-after children (SSDA903)" },
  { pattern: /ofsted/i, family: "Ofsted" },
  { pattern: /^LAIT/i, family: "LAIT (other collections)" },
]);

/**
 * The data collection a catalogue `source` text belongs to ({@link SOURCE_FAMILIES}).
 * @example
 * sourceFamily("EES csww_indicators*.csv: turnover_rate_fte") // "Workforce census (CSWW)"
 */
export function sourceFamily(source: string): string {
  for (const f of SOURCE_FAMILIES) if (f.pattern.test(source)) return f.family;
  return source.split(/[:;(,]/)[0].trim() || "unknown";
}

/** A standardised value against England. */
export interface AlignedZ {
  /** Polarity-aligned z (> 0 better than England; raw z for `none`). NaN when not computable. */
  z: number;
  centre: number;
  centreSource: "england" | "la-median";
  sd: number;
  /** LAs used for the SD. */
  n: number;
  reason?: string;
}

/**
 * z of an LA's value against England, aligned to polarity (see file header).
 * @param value the LA's value (NaN = missing)
 * @param englandValue England's value (NaN = none: the LA median is used)
 * @param laValues all LAs' values that period (NaN ignored)
 * @example
 * alignedZ(30, 25, [20, 22, 25, 27, 30, 31, 18, 24, 26, 29], "down").z // ≈ −1.21 (worse than England)
 */
export function alignedZ(value: number, englandValue: number, laValues: ArrayLike<number>, polarity: Polarity): AlignedZ {
  checkPolarity("alignedZ", polarity);
  const finite: number[] = [];
  for (let i = 0; i < laValues.length; i++) if (Number.isFinite(laValues[i])) finite.push(laValues[i]);
  const n = finite.length;
  const centreSource = Number.isFinite(englandValue) ? "england" : "la-median";
  const centre = Number.isFinite(englandValue) ? englandValue : n > 0 ? quantile(finite, [0.5]).values[0] : NaN;
  const sd = sampleSd(finite);
  const base = { centre, centreSource: centreSource as AlignedZ["centreSource"], sd, n };
  if (!Number.isFinite(value)) return { ...base, z: NaN, reason: "the LA has no value" };
  if (n < MIN_LAS_FOR_Z) return { ...base, z: NaN, reason: `only ${n} LAs have a value (needs ${MIN_LAS_FOR_Z})` };
  if (!(sd > 0)) return { ...base, z: NaN, reason: "all LAs have the same value" };
  const raw = (value - centre) / sd;
  return { ...base, z: polarity === "down" ? -raw : raw };
}

/** One indicator's evidence for the LA. */
export interface TriangulationInput {
  indicator: string;
  label: string;
  domain: Domain;
  polarity: Polarity;
  source: string;
  period: number | null;
  value: number;
  englandValue: number;
  laValues: ArrayLike<number>;
}

/** An indicator's evidence scored: its input fields (without the comparison values) and its aligned z. */
export interface TriangulatedIndicator extends AlignedZ, Omit<TriangulationInput, "englandValue" | "laValues"> {
  /** Whether the z enters the domain composite (has a z and a polarity). */
  inComposite: boolean;
}

export interface SourceMean {
  source: string;
  meanZ: number;
  n: number;
}

export interface DomainTriangulation {
  domain: Domain;
  /** Mean aligned z of indicators in the composite (NaN if none). */
  composite: number;
  /** Indicators in the composite. */
  n: number;
  /** Indicators of this domain in the catalogue (with and without a value). */
  indicators: number;
  /** Indicators without a usable z. */
  missing: number;
  sources: SourceMean[];
  /** All source means share a sign (null: fewer than two sources). */
  sourcesAgree: boolean | null;
  /** Only one data collection informs the domain: agreement cannot be judged. */
  singleSource: boolean;
  /** Share of composite indicators whose z has the composite's sign (NaN if none). */
  signConsensus: number;
  thin: boolean;
  thinReasons: string[];
}

export interface Triangulation {
  indicators: TriangulatedIndicator[];
  domains: DomainTriangulation[];
}

/**
 * The thin-evidence reason of a domain with fewer than MIN_INDICATORS_PER_DOMAIN indicators in its composite, counting
 * what enters it (a value and a good direction) apart from the values without one: a walkthrough's profile said
 * "0 indicator(s) with a value" of a domain whose 5 indicators all had a value but no good direction.
 * @example
 * fewJudgedReason(0, 5) // "0 indicator(s) with a value and a good direction to judge by (fewer than 3); 5 more have a value but no good direction"
 */
export function fewJudgedReason(inComposite: number, valuedWithoutDirection: number): string {
  const more = valuedWithoutDirection > 0 ? `; ${valuedWithoutDirection} more ${valuedWithoutDirection === 1 ? "has" : "have"} a value but no good direction` : "";
  return `${inComposite} indicator(s) with a value and a good direction to judge by (fewer than ${MIN_INDICATORS_PER_DOMAIN})${more}`;
}

/**
 * Domain-by-domain triangulation for one LA (see file header). `context` indicators are not scored.
 * @example
 * triangulate(inputs).domains.find((d) => d.domain === "workforce") // { composite, n, sourcesAgree, thin, … }
 */
export function triangulate(inputs: readonly TriangulationInput[]): Triangulation {
  const indicators: TriangulatedIndicator[] = inputs
    .filter((x) => x.domain !== "context")
    .map((x) => {
      const a = alignedZ(x.value, x.englandValue, x.laValues, x.polarity);
      return {
        indicator: x.indicator,
        label: x.label,
        domain: x.domain,
        polarity: x.polarity,
        source: x.source,
        period: x.period,
        value: x.value,
        ...a,
        inComposite: Number.isFinite(a.z) && x.polarity !== "none",
      };
    });
  const domains: DomainTriangulation[] = [];
  for (const domain of DOMAINS) {
    if (domain === "context") continue;
    const all = indicators.filter((x) => x.domain === domain);
    if (all.length === 0) continue;
    const used = all.filter((x) => x.inComposite);
    const composite = used.length ? used.reduce((s, x) => s + x.z, 0) / used.length : NaN;
    const bySource = new Map<string, number[]>();
    for (const x of used) bySource.set(x.source, [...(bySource.get(x.source) ?? []), x.z]);
    const sources: SourceMean[] = [...bySource.entries()]
      .map(([source, zs]) => ({ source, meanZ: zs.reduce((a, b) => a + b, 0) / zs.length, n: zs.length }))
      .sort((a, b) => (a.source < b.source ? -1 : 1));
    const sourcesAgree = sources.length < 2 ? null : sources.every((s) => Math.sign(s.meanZ) === Math.sign(sources[0].meanZ));
    const signConsensus = used.length ? used.filter((x) => Math.sign(x.z) === Math.sign(composite)).length / used.length : NaN;
    const missing = all.filter((x) => !Number.isFinite(x.z)).length;
    const thinReasons: string[] = [];
    if (used.length < MIN_INDICATORS_PER_DOMAIN) thinReasons.push(fewJudgedReason(used.length, all.filter((x) => Number.isFinite(x.z) && !x.inComposite).length));
    if (missing / all.length > MAX_MISSING_SHARE) thinReasons.push(`${missing} of ${all.length} indicators missing`);
    domains.push({ domain, composite, n: used.length, indicators: all.length, missing, sources, sourcesAgree, singleSource: sources.length === 1, signConsensus, thin: thinReasons.length > 0, thinReasons });
  }
  return { indicators, domains };
}
