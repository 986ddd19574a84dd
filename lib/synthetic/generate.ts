/**
 * The synthetic pilot dataset: a seeded generator of a complete data package with a planted truth.
 *
 * `generateSyntheticPilot(params)` builds, in memory, 150 fictional LAs in the 9 English regions, 10 periods,
 * 40 indicators with numerators, denominators and DfE-style suppression, four context variables and an
 * Ofsted-like 4-level judgement per inspection, and returns the package content together with the truth it
 * planted (which indicators drive the outcome, which are noise, confounded by deprivation, near-duplicates,
 * unreliable over time, or too incomplete). `writeSyntheticPilot(dir, params)` writes the package with
 * `truth.json` and a README data dictionary. The model and every parameter are in ./params.ts.
 *
 * **Determinism.** All randomness comes from `createRng` (sfc32, lib/stats/random.ts). Each part of the
 * data has its own stream, seeded by {@link streamSeed}(seed, name), so the values of a noise indicator are
 * drawn from a stream that never sees quality, deprivation or the outcome, and changing one indicator's
 * parameters cannot move another's values. Same seed and parameters → byte-identical files (on the same
 * Node major version: normal deviates use `Math.log`/`Math.cos`).
 *
 * **Value rule.** percent = round(100·num/den, 1 dp), rate_per_10k = round(10000·num/den, 1 dp),
 * ratio = round(num/den, 1 dp), computed as `Math.round(1000·num/den)/10` etc., so value and counts agree.
 * **Suppression rule** (primary only): a count of children from 1 to 5 is suppressed (`suppressed:c`) with
 * the value it would reveal; a denominator of 1–5 suppresses numerator and denominator too; zero is
 * published; a zero denominator gives `not-applicable:z`; a cell not returned is `not-available:x`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors";
import { sha256, writePackage } from "../data/package";
import type { IndicatorRow, OutcomeRow, PackageContent, PackageDescriptor } from "../data/types";
import { syntheticAreas } from "./areas";
import { drawInspections, gradeThresholds } from "./inspections";
import { drawBases, drawLatents, qualityVariance, type Latents } from "./latents";
import { catalogueRow, contextRows, goodnessSign, indicatorRows } from "./package-rows";
import { SYNTH_CREATED, SYNTH_GENERATOR_VERSION, type SyntheticIndicatorSpec, type SyntheticParams } from "./params";
import { syntheticReadme } from "./readme";
import { r6 } from "./sampling";
import type { SyntheticExpectation, SyntheticPilot, SyntheticTruth } from "./truth";

/**
 * Where generated packages say they come from: the generator's path when version 1.0.0 was fixed. The code
 * now lives in lib/synthetic/, but the recorded source stays so that the same seed gives the same bytes
 * (datasets/pilot-synthetic); change it together with SYNTH_GENERATOR_VERSION.
 */
const SYNTH_GENERATOR_SOURCE = "lib/data/synthetic.ts";

function checkParams(params: SyntheticParams): void {
  const fn = "generateSyntheticPilot";
  if (!Number.isInteger(params.seed) || params.seed < 0 || params.seed >= 2 ** 32) {
    throw new InputError(fn, "seed must be an integer in [0, 2^32)", params.seed);
  }
  if (!Number.isInteger(params.firstPeriod) || !Number.isInteger(params.lastPeriod) || params.firstPeriod > params.lastPeriod) {
    throw new InputError(fn, "firstPeriod and lastPeriod must be whole years with firstPeriod ≤ lastPeriod", `${params.firstPeriod}–${params.lastPeriod}`);
  }
  const shares = params.quality.gradeShares;
  if (shares.some((s) => !(s > 0)) || Math.abs(shares.reduce((a, b) => a + b, 0) - 1) > 1e-9) {
    throw new InputError(fn, "quality.gradeShares must be 4 positive shares summing to 1", shares.join(", "));
  }
  if (!(params.quality.logisticScale > 0)) throw new InputError(fn, "quality.logisticScale must be > 0", params.quality.logisticScale);
  const ids = new Set<string>();
  for (const s of params.indicators) {
    if (ids.has(s.indicator)) throw new InputError(fn, "indicator ids must be unique", s.indicator);
    ids.add(s.indicator);
    if (!(s.stability >= 0 && s.stability <= 1)) throw new InputError(fn, `${s.indicator}: stability must be in [0, 1]`, s.stability);
    if (s.role === "near-duplicate") {
      const of = params.indicators.find((d) => d.indicator === s.duplicateOf);
      if (!of || of.role !== "driver") throw new InputError(fn, `${s.indicator}: duplicateOf must name a driver`, s.duplicateOf);
    }
    const loading = s.duplicateCorrelation ?? s.deprivationLoading ?? s.qualityLoading;
    if (loading !== undefined && !(Math.abs(loading) <= 1)) throw new InputError(fn, `${s.indicator}: loadings must be in [−1, 1]`, loading);
    if ((s.role === "driver" || s.role === "unreliable") && !(typeof s.beta === "number" && Number.isFinite(s.beta))) {
      throw new InputError(fn, `${s.indicator}: a ${s.role} indicator needs a finite beta`, s.beta);
    }
    if (s.unit === "percent" && !(s.centre > 0 && s.centre < 100) && !s.fromBase) {
      throw new InputError(fn, `${s.indicator}: a percentage's centre must be in (0, 100)`, s.centre);
    }
    if (s.base === null && s.unit !== "count") throw new InputError(fn, `${s.indicator}: only counts may have no base`, s.unit);
    if (s.base !== null && !s.fromBase && !(s.baseShare > 0)) throw new InputError(fn, `${s.indicator}: baseShare must be > 0`, s.baseShare);
    if (s.unit === "score" && !(s.unitSd! > 0)) throw new InputError(fn, `${s.indicator}: a score needs unitSd > 0`, s.unitSd);
  }
  if (params.inspections.minGapDays >= params.inspections.maxGapDays || params.inspections.minGapDays < 1) {
    throw new InputError(fn, "inspections need 1 ≤ minGapDays < maxGapDays", `${params.inspections.minGapDays}, ${params.inspections.maxGapDays}`);
  }
}

function expectationOf(s: SyntheticIndicatorSpec): SyntheticExpectation {
  switch (s.role) {
    case "driver":
      return { selected: true, associatedBeforeAdjustment: true };
    case "near-duplicate":
      return { selected: false, reason: "redundant", keep: s.duplicateOf, associatedBeforeAdjustment: true };
    case "confounded":
      return { selected: false, reason: "confounded", associatedBeforeAdjustment: true };
    case "unreliable":
      return { selected: false, reason: "unreliable", associatedBeforeAdjustment: true };
    case "incomplete":
      return { selected: false, reason: "incomplete", associatedBeforeAdjustment: true };
    default:
      return { selected: false, reason: "not-associated", associatedBeforeAdjustment: false };
  }
}

/**
 * Generate the synthetic pilot dataset and its planted truth, in memory.
 * Model, parameters and rules: ./params.ts and the header of this file.
 * @param params - e.g. DEFAULT_SYNTH_PARAMS or syntheticParams(seed); not mutated
 * @throws InputError on impossible parameters (bad seed, shares not summing to 1, unknown duplicate, …)
 * @example
 * const { content, truth } = generateSyntheticPilot(syntheticParams(7));
 * truth.roles.driver; // ["rereferral_12m_pct", "assessment_45d_pct", …]
 */
export function generateSyntheticPilot(params: SyntheticParams): SyntheticPilot {
  checkParams(params);
  const periods: number[] = [];
  for (let y = params.firstPeriod; y <= params.lastPeriod; y++) periods.push(y);
  const nPer = periods.length;
  const areas = syntheticAreas(params);
  const lat = drawLatents(params, areas, nPer);
  const bases = drawBases(params, areas.length, periods, lat.deprivation);
  const context = contextRows(params, areas, periods, lat.deprivation, bases);

  const perIndicator = params.indicators.map((s) => indicatorRows(s, params, areas, periods, lat, bases));
  const indicators: IndicatorRow[] = [];
  for (let k = 0; k < areas.length * nPer; k++) for (const rows of perIndicator) indicators.push(rows[k]);

  const variance = qualityVariance(params);
  const thresholds = gradeThresholds(variance, params.quality.logisticScale, params.quality.gradeShares);
  const insp = drawInspections(params, areas, periods, lat.quality, thresholds);
  const truth = plantedTruth(params, { periods, areaCodes: areas.map((a) => a.la_code), lat, variance, thresholds, inspections: insp });
  const catalogue = params.indicators.map(catalogueRow);
  const content: PackageContent = { ...packageHeader(params, truth), areas, catalogue, indicators, context, outcomes: insp.rows };
  return { content, truth };
}

/** What {@link plantedTruth} records besides the parameters: the drawn latents and inspections. */
interface DrawnModel {
  periods: number[];
  areaCodes: string[];
  lat: Latents;
  variance: number;
  thresholds: [number, number, number];
  inspections: { rows: OutcomeRow[]; truth: SyntheticTruth["inspections"] };
}

/** The planted truth written to truth.json: the model, the roles, each indicator's, LA's and inspection's truth. */
function plantedTruth(params: SyntheticParams, drawn: DrawnModel): SyntheticTruth {
  const { periods, lat, variance, thresholds } = drawn;
  const nPer = periods.length;
  const insp = drawn.inspections;
  const gradeCounts: [number, number, number, number] = [0, 0, 0, 0];
  for (const r of insp.rows) gradeCounts[(r.value as number) - 1]++;
  const s = params.quality.logisticScale;
  return {
    generator: `vital-signs synth (${SYNTH_GENERATOR_SOURCE})`,
    generator_version: SYNTH_GENERATOR_VERSION,
    seed: params.seed,
    periods,
    model: {
      quality: "Q[i,t] = sum_k beta_k * Z_k[i,t] + beta_W * W[i,t] - beta_D * D[i] + sigma_u * u[i] (all latents standard normal)",
      outcome: "y* = Q[i,t] + s * L (L standard logistic); grade 1 if y* > c1, 2 if y* > c2, 3 if y* > c3, else 4",
      quality_variance: r6(variance),
      logistic_scale: s,
      thresholds: thresholds.map(r6) as [number, number, number],
      grade_shares_target: [...params.quality.gradeShares] as [number, number, number, number],
      grade_counts: gradeCounts,
      outcome_period_rule: "period = the latest year ending 31 March on or before the publication date",
    },
    roles: {
      driver: params.indicators.filter((x) => x.role === "driver").map((x) => x.indicator),
      near_duplicate: params.indicators.filter((x) => x.role === "near-duplicate").map((x) => ({ duplicate: x.indicator, of: x.duplicateOf! })),
      confounded: params.indicators.filter((x) => x.role === "confounded").map((x) => x.indicator),
      unreliable: params.indicators.filter((x) => x.role === "unreliable").map((x) => x.indicator),
      incomplete: params.indicators.filter((x) => x.role === "incomplete").map((x) => x.indicator),
      noise: params.indicators.filter((x) => x.role === "noise").map((x) => x.indicator),
    },
    indicators: params.indicators.map((x) => ({
      indicator: x.indicator,
      role: x.role,
      expected: expectationOf(x),
      goodness_sign: goodnessSign(x),
      stability: x.stability,
      ...(x.beta !== undefined ? { beta: x.beta, polr_coefficient: r6(-x.beta / s) } : {}),
      ...(x.duplicateOf !== undefined ? { duplicate_of: x.duplicateOf, duplicate_correlation: x.duplicateCorrelation } : {}),
      ...(x.deprivationLoading !== undefined ? { deprivation_loading: x.deprivationLoading } : {}),
      ...(x.qualityLoading !== undefined ? { quality_loading: x.qualityLoading } : {}),
    })),
    areas: drawn.areaCodes.map((la_code, i) => ({
      la_code,
      deprivation: r6(lat.deprivation[i]),
      unmeasured_quality: r6(lat.unmeasured[i]),
      quality: Array.from(lat.quality.subarray(i * nPer, (i + 1) * nPer), r6),
    })),
    inspections: insp.truth,
    params,
  };
}

/** The package's metadata (name, title, licence, sources, provenance): everything but its tables. */
function packageHeader(params: SyntheticParams, truth: SyntheticTruth): Omit<PackageContent, "areas" | "catalogue" | "indicators" | "context" | "outcomes"> {
  return {
    name: SYNTHETIC_PACKAGE_NAME,
    title: `Synthetic pilot dataset (seed ${params.seed})${params.inspections.judgements === "one" ? ", one judgement per LA" : ""}`,
    description:
      "Fictional local authorities, indicators and Ofsted-like judgements generated with a planted truth (truth.json) " +
      "to demonstrate and test the workbench. No real child, LA or inspection is described.",
    licenses: [{ name: "CC0-1.0", title: "Creative Commons Zero v1.0 Universal", path: "https://creativecommons.org/publicdomain/zero/1.0/" }],
    sources: [{ title: `Generated by vital-signs synth ${SYNTH_GENERATOR_VERSION} (${SYNTH_GENERATOR_SOURCE}) with seed ${params.seed}`, path: SYNTH_GENERATOR_SOURCE }],
    created: SYNTH_CREATED,
    provenance: {
      generator: `vital-signs synth (${SYNTH_GENERATOR_SOURCE})`,
      generator_version: SYNTH_GENERATOR_VERSION,
      seed: params.seed,
      params: { sha256: sha256(JSON.stringify(params)), full: "truth.json (params)" },
      created_rule: "created is the date the generator version was fixed, not the run time (same seed → same bytes)",
      area_codes:
        "Fictional codes E06/E08/E09/E10 + '9' + 5-digit serial (e.g. E06900001); real ONS codes of these types have serials below 900000. Regions use the real 2019 codes E12000001–E12000009.",
      outcome_period_rule: truth.model.outcome_period_rule,
      value_rule: "percent = round(100*num/den, 1); rate_per_10k = round(10000*num/den, 1); ratio = round(num/den, 1); scores and counts are generated directly",
      suppression_rule:
        "counts of children 1–5 suppressed (suppressed:c) with the value; denominators 1–5 suppress numerator and denominator; zero is published; den 0 → not-applicable:z; not returned → not-available:x",
      truth: "truth.json",
    },
  };
}

/** Files written by {@link writeSyntheticPilot}, besides the package's CSVs and datapackage.json. */
export interface SyntheticWriteResult {
  descriptor: PackageDescriptor;
  truthPath: string;
  readmePath: string;
}

/** The `name` of the synthetic pilot package. */
export const SYNTHETIC_PACKAGE_NAME = "pilot-synthetic";

/** The files `writeSyntheticPilot` writes beside the package's resources. */
export const SYNTHETIC_EXTRA_FILES: readonly string[] = Object.freeze(["truth.json", "README.md"]);

/**
 * Generate and write the synthetic pilot: the package (via writePackage), `truth.json` and `README.md`. `replacing`:
 * an earlier synth's files there (`refuseForeignOutput`); `beforeCommit`: called just before the package's files are
 * renamed into place (a package lock's check).
 * @example
 * writeSyntheticPilot("datasets/pilot-synthetic", DEFAULT_SYNTH_PARAMS);
 */
export function writeSyntheticPilot(dir: string, params: SyntheticParams, replacing: readonly string[] = [], beforeCommit?: () => void): SyntheticWriteResult {
  const { content, truth } = generateSyntheticPilot(params);
  // an earlier synth's files not written again are removed with the package's write; truth.json and README.md are
  // written again just after it
  const descriptor = writePackage(dir, content, { replacing: replacing.filter((f) => !SYNTHETIC_EXTRA_FILES.includes(f)), beforeCommit });
  const truthPath = path.join(dir, "truth.json");
  fs.writeFileSync(truthPath, JSON.stringify(truth, null, 2) + "\n");
  const readmePath = path.join(dir, "README.md");
  fs.writeFileSync(readmePath, syntheticReadme(content, truth, descriptor));
  return { descriptor, truthPath, readmePath };
}
