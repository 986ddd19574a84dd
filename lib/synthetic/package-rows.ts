/**
 * The rows of the synthetic package: context variables, each indicator's values with DfE-style suppression,
 * and the catalogue. Value and suppression rules: the header of ./generate.ts.
 */
import { SYNTHETIC_SOURCE_PREFIX } from "../data/official-sources";
import { createRng, type Rng } from "../stats/random";
import { defaultFrameworkTags, type FrameworkTags } from "../data/framework";
import type { AreaRow, CatalogueRow, ContextRow, IndicatorRow } from "../data/types";
import { SYNTH_GENERATOR_VERSION, SYNTH_SUPPRESS_MAX, type SyntheticBase, type SyntheticIndicatorSpec, type SyntheticParams } from "./params";
import { expit, logit, sampleBinomial, samplePoisson, streamSeed } from "./sampling";
import { persistentLatent, qualityVariance, type Bases, type Grid, type Latents } from "./latents";

/** The four context variables per LA-period (child population, CIN rate, IDACI, IMD), from the 'context' stream. */
export function contextRows(params: SyntheticParams, areas: readonly AreaRow[], periods: readonly number[], deprivation: Float64Array, bases: Bases): ContextRow[] {
  const rng = createRng(streamSeed(params.seed, "context"));
  const c = params.context;
  const nPer = periods.length;
  const rows: ContextRow[] = [];
  for (let i = 0; i < areas.length; i++) {
    const imdOwn = rng.nextNormal();
    // editions of the Indices of Deprivation (2015 and 2019): a small independent wobble each
    const idaci = [0, 1].map(() => Math.min(0.5, Math.max(0.02, c.idaciCentre + c.idaciPerSd * deprivation[i] + 0.004 * rng.nextNormal())));
    const imd = [0, 1].map(() => Math.min(60, Math.max(2, c.imdCentre + c.imdPerSd * (0.92 * deprivation[i] + 0.39 * imdOwn) + 0.3 * rng.nextNormal())));
    for (let t = 0; t < nPer; t++) {
      const k = i * nPer + t;
      const ed = periods[t] >= c.iod2019FromPeriod ? 1 : 0;
      const pop = bases.child_population[k];
      const la = areas[i].la_code;
      const period = periods[t];
      rows.push(
        { la_code: la, period, variable: "child_population", value: pop },
        { la_code: la, period, variable: "cin_rate_per_10k", value: Math.round((1e5 * bases.cin[k]) / pop) / 10 },
        { la_code: la, period, variable: "idaci_score", value: Math.round(idaci[ed] * 1000) / 1000 },
        { la_code: la, period, variable: "imd_score", value: Math.round(imd[ed] * 100) / 100 },
      );
    }
  }
  return rows;
}

/** Sign that turns "good" into "higher value": −1 for polarity down. */
export const goodnessSign = (s: SyntheticIndicatorSpec): 1 | -1 => (s.polarity === "down" ? -1 : 1);

/** The indicator's latent signal S (standard normal) per LA-period, from its own stream. */
function indicatorSignal(s: SyntheticIndicatorSpec, rng: Rng, lat: Latents, params: SyntheticParams, nPer: number): Grid {
  const nLa = lat.deprivation.length;
  if (s.role === "driver" || s.role === "unreliable") return lat.factor.get(s.indicator)!;
  const own = persistentLatent(rng, nLa, nPer, s.stability);
  if (s.role === "noise") return own;
  const out = new Float64Array(own.length);
  if (s.role === "near-duplicate") {
    const r = s.duplicateCorrelation!;
    const z = lat.factor.get(s.duplicateOf!)!;
    for (let k = 0; k < out.length; k++) out[k] = r * z[k] + Math.sqrt(1 - r * r) * own[k];
  } else if (s.role === "confounded") {
    const l = s.deprivationLoading!;
    for (let k = 0; k < out.length; k++) out[k] = -l * lat.deprivation[Math.floor(k / nPer)] + Math.sqrt(1 - l * l) * own[k];
  } else {
    // incomplete: a proxy of the part of quality that is not deprivation, standardised
    const l = s.qualityLoading!;
    const sd = Math.sqrt(qualityVariance(params) - params.quality.betaDeprivation ** 2);
    for (let k = 0; k < out.length; k++) {
      const qn = (lat.quality[k] + params.quality.betaDeprivation * lat.deprivation[Math.floor(k / nPer)]) / sd;
      out[k] = l * qn + Math.sqrt(1 - l * l) * own[k];
    }
  }
  return out;
}

const SUPPRESSED = "suppressed:c";
const NOT_AVAILABLE = "not-available:x";
const NOT_APPLICABLE = "not-applicable:z";

function missingRow(la: string, period: number, indicator: string, status: string, den: number | null = null): IndicatorRow {
  return { la_code: la, period, indicator, value: null, numerator: null, denominator: den, status };
}

/** One indicator × LA-period row from the counts: the value rule and primary suppression. */
function countRow(s: SyntheticIndicatorSpec, la: string, period: number, num: number, den: number): IndicatorRow {
  if (den === 0) return missingRow(la, period, s.indicator, NOT_APPLICABLE, 0);
  const suppress = s.suppress !== false;
  if (suppress && den <= SYNTH_SUPPRESS_MAX) return missingRow(la, period, s.indicator, SUPPRESSED);
  if (suppress && num >= 1 && num <= SYNTH_SUPPRESS_MAX) return missingRow(la, period, s.indicator, SUPPRESSED, den);
  const scale = s.unit === "percent" ? 1000 : s.unit === "rate_per_10k" ? 100000 : 10;
  return { la_code: la, period, indicator: s.indicator, value: Math.round((scale * num) / den) / 10, numerator: num, denominator: den, status: "" };
}

/** The rows of one indicator for every LA-period (index la * nPeriods + t), from its own 'observe:' stream. */
export function indicatorRows(
  s: SyntheticIndicatorSpec,
  params: SyntheticParams,
  areas: readonly AreaRow[],
  periods: readonly number[],
  lat: Latents,
  bases: Bases,
): IndicatorRow[] {
  const nPer = periods.length;
  const rng = createRng(streamSeed(params.seed, `observe:${s.indicator}`));
  const signal = s.fromBase ? null : indicatorSignal(s, rng, lat, params, nPer);
  const sign = goodnessSign(s);
  const rows: IndicatorRow[] = new Array(areas.length * nPer);
  for (let i = 0; i < areas.length; i++) {
    const la = areas[i].la_code;
    const neverReturns = rng.nextFloat() < s.missingLaShare;
    const shareEffect = rng.nextNormal();
    for (let t = 0; t < nPer; t++) {
      const k = i * nPer + t;
      const period = periods[t];
      const cellMissing = rng.nextFloat() < s.missingCellRate;
      const shareNoise = rng.nextNormal();
      if (neverReturns || cellMissing || (s.firstPeriod !== undefined && period < s.firstPeriod)) {
        rows[k] = missingRow(la, period, s.indicator, NOT_AVAILABLE);
        continue;
      }
      if (s.fromBase) {
        rows[k] = countRow(s, la, period, bases[s.fromBase][k], bases.child_population[k]);
        continue;
      }
      const x = sign * s.spread * signal![k] + (s.periodShift?.[period] ?? 0);
      if (s.unit === "count") {
        rows[k] = { la_code: la, period, indicator: s.indicator, value: samplePoisson(rng, s.centre * Math.exp(x)), numerator: null, denominator: null, status: "" };
        continue;
      }
      const base = bases[s.base as SyntheticBase][k];
      // a sub-population's share of its base varies a little between LAs and years; a whole base is exact
      const den = s.baseShare === 1 ? base : Math.round(s.baseShare * base * Math.exp(0.1 * shareEffect + 0.03 * shareNoise));
      if (s.unit === "score") {
        if (den === 0) rows[k] = missingRow(la, period, s.indicator, NOT_APPLICABLE, 0);
        else if (den <= SYNTH_SUPPRESS_MAX) rows[k] = missingRow(la, period, s.indicator, SUPPRESSED);
        else {
          const mean = s.centre + x + (s.unitSd! / Math.sqrt(den)) * rng.nextNormal();
          rows[k] = { la_code: la, period, indicator: s.indicator, value: Math.max(0, Math.round(mean * 10) / 10), numerator: null, denominator: den, status: "" };
        }
        continue;
      }
      let num: number;
      if (s.unit === "percent") num = sampleBinomial(rng, den, expit(logit(s.centre / 100) + x));
      else if (s.unit === "rate_per_10k") num = samplePoisson(rng, (den * s.centre * Math.exp(x)) / 1e4);
      else num = samplePoisson(rng, den * s.centre * Math.exp(x)); // ratio
      rows[k] = countRow(s, la, period, num, den);
    }
  }
  return rows;
}

/**
 * Framework tags of the synthetic indicators where their domain's default (lib/data/framework.ts) is not the
 * place the official series they imitate have (lib/data/import/mappings.ts FRAMEWORK_OVERRIDES and
 * LAIT_FRAMEWORK_RULES follow the same rules).
 */
export const SYNTHETIC_FRAMEWORK_OVERRIDES: Readonly<Record<string, FrameworkTags>> = Object.freeze({
  rereferral_12m_pct: { framework_role: "practice", framework_area: "family-help" },
  rereferral_12m_lait_pct: { framework_role: "practice", framework_area: "family-help" },
  cpp_second_time_pct: { framework_role: "practice", framework_area: "safety" },
  cpp_2years_pct: { framework_role: "practice", framework_area: "safety" },
  referral_rate_per_10k: { framework_role: "context", framework_area: "need" },
  early_help_rate_per_10k: { framework_role: "context", framework_area: "need" },
  s47_rate_per_10k: { framework_role: "context", framework_area: "need" },
  cpp_rate_per_10k: { framework_role: "context", framework_area: "need" },
  cla_rate_per_10k: { framework_role: "context", framework_area: "need" },
  cla_long_term_stability_pct: { framework_role: "child-outcome", framework_area: "stability" },
  cla_3plus_placements_pct: { framework_role: "child-outcome", framework_area: "stability" },
  cla_offending_pct: { framework_role: "child-outcome", framework_area: "safety" },
  cla_health_assessment_pct: { framework_role: "practice", framework_area: "health-wellbeing" },
  cla_dental_check_pct: { framework_role: "practice", framework_area: "health-wellbeing" },
  care_leavers_eet_pct: { framework_role: "child-outcome", framework_area: "leaving-care" },
  care_leavers_accommodation_pct: { framework_role: "child-outcome", framework_area: "leaving-care" },
  care_leavers_in_touch_pct: { framework_role: "practice", framework_area: "leaving-care" },
  cla_foster_pct: { framework_role: "practice", framework_area: "stability" },
  cla_placed_20miles_pct: { framework_role: "practice", framework_area: "stability" },
  cla_adopted_pct: { framework_role: "practice", framework_area: "stability" },
  adoption_a1_days: { framework_role: "practice", framework_area: "stability" },
  cla_sgo_pct: { framework_role: "practice", framework_area: "family-network" },
  sw_supervision_pct: { framework_role: "enabler", framework_area: "workforce" },
  sw_manageable_caseload_pct: { framework_role: "enabler", framework_area: "workforce" },
});

/** The catalogue row of a spec (the source says the data are synthetic). */
export function catalogueRow(s: SyntheticIndicatorSpec): CatalogueRow {
  return {
    indicator: s.indicator,
    label: s.label,
    domain: s.domain,
    polarity: s.polarity,
    unit: s.unit,
    numerator: s.numerator,
    denominator: s.denominator,
    source: `${SYNTHETIC_SOURCE_PREFIX}${SYNTH_GENERATOR_VERSION}); imitates the DfE series of the same name`,
    definition: s.definition,
    ...(SYNTHETIC_FRAMEWORK_OVERRIDES[s.indicator] ?? defaultFrameworkTags(s.domain)),
  };
}
