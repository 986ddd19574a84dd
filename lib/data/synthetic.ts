/**
 * The synthetic pilot dataset: a seeded generator of a complete data package with a planted truth.
 *
 * `generateSyntheticPilot(params)` builds, in memory, 150 fictional LAs in the 9 English regions, 10 periods,
 * 40 indicators with numerators, denominators and DfE-style suppression, four context variables and an
 * Ofsted-like 4-level judgement per inspection, and returns the package content together with the truth it
 * planted (which indicators drive the outcome, which are noise, confounded by deprivation, near-duplicates,
 * unreliable over time, or too incomplete). `writeSyntheticPilot(dir, params)` writes the package with
 * `truth.json` and a README data dictionary. The model and every parameter are in ./synthetic-params.ts.
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
import { createRng, type Rng } from "../stats/random";
import { defaultFrameworkTags, type FrameworkTags } from "./framework";
import { sha256, writePackage } from "./package";
import { syntheticReadme } from "./synthetic-readme";
import {
  SYNTH_CREATED,
  SYNTH_GENERATOR_VERSION,
  SYNTH_GRADE_LABELS,
  SYNTH_NAME_EXCLUDED,
  SYNTH_NAME_PREFIXES,
  SYNTH_NAME_SUFFIXES,
  SYNTH_OUTCOME,
  SYNTH_SUPPRESS_MAX,
  type SyntheticBase,
  type SyntheticIndicatorSpec,
  type SyntheticParams,
  type SyntheticRole,
} from "./synthetic-params";
import type {
  AreaRow,
  CatalogueRow,
  ContextRow,
  IndicatorRow,
  OutcomeRow,
  PackageContent,
  PackageDescriptor,
} from "./types";

/** The fictional ONS-style codes: type prefix, then 9, then a 5-digit serial (real codes have serials < 900000). */
export const SYNTH_CODE_PATTERN = /^E(06|08|09|10)9\d{5}$/;

/** What a correct analysis should conclude about an indicator. */
export interface SyntheticExpectation {
  selected: boolean;
  /** Why it should be rejected (absent for drivers). */
  reason?: "redundant" | "confounded" | "unreliable" | "incomplete" | "not-associated";
  /** near-duplicates: the member of the pair to prefer (the planted driver); keeping either one of the pair is correct. */
  keep?: string;
  /**
   * Whether it has a planted path to the outcome before any adjustment for context (through quality or
   * deprivation). The unreliable indicator's path is weak (its latent correlates ≈ 0.18 with y*), so it may
   * not reach significance in a given sample.
   */
  associatedBeforeAdjustment: boolean;
}

/** Planted truth for one indicator. */
export interface SyntheticIndicatorTruth {
  indicator: string;
  role: SyntheticRole;
  expected: SyntheticExpectation;
  /** +1 when the value rises with the latent's "good" direction (polarity up or none), −1 for polarity down. */
  goodness_sign: 1 | -1;
  /** Year-to-year correlation of the indicator's own latent part. */
  stability: number;
  beta?: number;
  /** −β/s: the coefficient of the standardised latent in a proportional-odds model of grade (1 best … 4 worst). */
  polr_coefficient?: number;
  duplicate_of?: string;
  duplicate_correlation?: number;
  deprivation_loading?: number;
  quality_loading?: number;
}

/** Planted truth for one LA. */
export interface SyntheticAreaTruth {
  la_code: string;
  /** Deprivation D (≈ standard normal; IDACI = centre + perSd·D). */
  deprivation: number;
  /** Unmeasured quality u (standard normal; enters Q as σ_u·u). */
  unmeasured_quality: number;
  /** Latent quality Q per period, firstPeriod … lastPeriod. */
  quality: number[];
}

/** One planted inspection: latent quality of the attached period, latent judgement y* and the grade. */
export interface SyntheticInspectionTruth {
  la_code: string;
  date: string;
  period: number;
  quality: number;
  latent_judgement: number;
  grade: number;
}

/** Everything the generator planted (written to truth.json). */
export interface SyntheticTruth {
  generator: string;
  generator_version: string;
  seed: number;
  periods: number[];
  model: {
    quality: string;
    outcome: string;
    /** Population variance of Q implied by the parameters. */
    quality_variance: number;
    logistic_scale: number;
    /** c₁ > c₂ > c₃: grade 1 if y* > c₁, 2 if > c₂, 3 if > c₃, else 4. */
    thresholds: [number, number, number];
    grade_shares_target: [number, number, number, number];
    grade_counts: [number, number, number, number];
    outcome_period_rule: string;
  };
  roles: {
    driver: string[];
    near_duplicate: { duplicate: string; of: string }[];
    confounded: string[];
    unreliable: string[];
    incomplete: string[];
    noise: string[];
  };
  indicators: SyntheticIndicatorTruth[];
  areas: SyntheticAreaTruth[];
  inspections: SyntheticInspectionTruth[];
  params: SyntheticParams;
}

/** Result of {@link generateSyntheticPilot}. */
export interface SyntheticPilot {
  content: PackageContent;
  truth: SyntheticTruth;
}

// ---------------------------------------------------------------------------------------------------------
// Random streams and sampling

/**
 * Seed of a named random stream: FNV-1a (32-bit) of the name, combined with the seed and mixed by the
 * splitmix32 finaliser. Pure 32-bit integer arithmetic.
 * @example
 * createRng(streamSeed(20190101, "observe:sw_turnover_pct"));
 */
export function streamSeed(seed: number, name: string): number {
  if (!Number.isInteger(seed)) throw new InputError("streamSeed", "seed must be an integer", seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let t = ((seed >>> 0) + Math.imul(h, 0x9e3779b9)) | 0;
  t ^= t >>> 16;
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  t ^= t >>> 15;
  return t >>> 0;
}

/** Mean below which binomial and Poisson draws are exact (CDF inversion); above it, a rounded normal. */
const EXACT_SAMPLING_MAX_MEAN = 30;

/**
 * A Binomial(n, p) draw: exact by CDF inversion when min(np, n(1−p)) < 30, otherwise the normal
 * approximation round(np + √(np(1−p))·z) clamped to [0, n].
 * @throws InputError if n is not a whole number ≥ 0 or p is outside [0, 1]
 * @example
 * sampleBinomial(createRng(1), 200, 0.1); // a count near 20
 */
export function sampleBinomial(rng: Rng, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new InputError("sampleBinomial", "n must be a whole number ≥ 0", n);
  if (!(p >= 0 && p <= 1)) throw new InputError("sampleBinomial", "p must be in [0, 1]", p);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  const mean = n * q;
  let x: number;
  if (mean < EXACT_SAMPLING_MAX_MEAN) {
    const u = rng.nextFloat();
    let pmf = Math.exp(n * Math.log1p(-q));
    let cdf = pmf;
    const odds = q / (1 - q);
    x = 0;
    while (u > cdf && x < n && (pmf > 0 || x < mean)) {
      pmf *= ((n - x) / (x + 1)) * odds;
      x++;
      cdf += pmf;
    }
  } else {
    x = Math.round(mean + Math.sqrt(mean * (1 - q)) * rng.nextNormal());
    x = Math.min(n, Math.max(0, x));
  }
  return flip ? n - x : x;
}

/**
 * A Poisson(λ) draw: exact by CDF inversion when λ < 30, otherwise round(λ + √λ·z) floored at 0.
 * @throws InputError if λ is negative or not finite
 * @example
 * samplePoisson(createRng(1), 4.2); // a small count
 */
export function samplePoisson(rng: Rng, lambda: number): number {
  if (!(lambda >= 0 && Number.isFinite(lambda))) throw new InputError("samplePoisson", "λ must be a finite number ≥ 0", lambda);
  if (lambda === 0) return 0;
  if (lambda < EXACT_SAMPLING_MAX_MEAN) {
    const u = rng.nextFloat();
    let pmf = Math.exp(-lambda);
    let cdf = pmf;
    let x = 0;
    while (u > cdf && (pmf > 0 || x < lambda)) {
      x++;
      pmf *= lambda / x;
      cdf += pmf;
    }
    return x;
  }
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.nextNormal()));
}

/** A standard logistic draw, by inversion of a uniform strictly inside (0, 1). */
function sampleLogistic(rng: Rng): number {
  const u = (rng.nextUint32() + 0.5) / 4294967296;
  return Math.log(u / (1 - u));
}

const logit = (p: number) => Math.log(p / (1 - p));
const expit = (x: number) => 1 / (1 + Math.exp(-x));
/** Rounding for truth.json: 6 decimals (readable, and exact enough for every test). */
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

// ---------------------------------------------------------------------------------------------------------
// Parameters

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

/** Population variance of Q implied by the parameters: Σβ_k² + Σβ_W² + β_D²·Var(D) + σ_u². */
function qualityVariance(params: SyntheticParams): number {
  let v = params.quality.betaDeprivation ** 2 + params.quality.sigmaUnmeasured ** 2;
  for (const s of params.indicators) if (s.role === "driver" || s.role === "unreliable") v += s.beta! ** 2;
  return v;
}

/**
 * Thresholds c₁ > c₂ > c₃ such that, for y* = Q + s·L with Q ~ N(0, V) and L standard logistic,
 * P(y* > c₁), P(y* > c₂), P(y* > c₃) equal the cumulative target shares of grades 1, 1–2 and 1–3.
 * P(y* > c) = ∫ φ(z)·expit((√V·z − c)/s) dz, by the trapezoid rule on z ∈ [−10, 10] (2001 points), solved by
 * bisection to 1e-12.
 * @example
 * gradeThresholds(2.5, 0.5, [0.1, 0.45, 0.3, 0.15]); // ≈ [2.326789, −0.227270, −1.879147] (R: integrate + uniroot)
 */
export function gradeThresholds(variance: number, scale: number, shares: readonly number[]): [number, number, number] {
  if (!(variance > 0) || !(scale > 0)) throw new InputError("gradeThresholds", "variance and scale must be > 0", `${variance}, ${scale}`);
  if (shares.length !== 4) throw new InputError("gradeThresholds", "shares must have 4 entries", shares.length);
  const sd = Math.sqrt(variance);
  const N = 2001;
  const h = 20 / (N - 1);
  const survival = (c: number) => {
    let acc = 0;
    for (let j = 0; j < N; j++) {
      const z = -10 + j * h;
      const w = (j === 0 || j === N - 1 ? 0.5 : 1) * Math.exp(-0.5 * z * z);
      acc += w * expit((sd * z - c) / scale);
    }
    return (acc * h) / Math.sqrt(2 * Math.PI);
  };
  const out: number[] = [];
  let cumulative = 0;
  for (let g = 0; g < 3; g++) {
    cumulative += shares[g];
    let lo = -50;
    let hi = 50;
    while (hi - lo > 1e-12) {
      const mid = (lo + hi) / 2;
      if (survival(mid) > cumulative) lo = mid;
      else hi = mid;
    }
    out.push((lo + hi) / 2);
  }
  return out as [number, number, number];
}

// ---------------------------------------------------------------------------------------------------------
// Areas

/**
 * The 150 fictional LAs (independent of the seed): codes `E0x9nnnnn` by type, names from
 * SYNTH_NAME_PREFIXES × SYNTH_NAME_SUFFIXES in a fixed shuffled order (counties: prefix + "shire"),
 * sorted by code.
 * @example
 * syntheticAreas(DEFAULT_SYNTH_PARAMS)[0].la_code; // "E06900001"
 */
export function syntheticAreas(params: Pick<SyntheticParams, "regions">): AreaRow[] {
  // A fixed stream, not the dataset seed: the same LAs in every synthetic dataset.
  const rng = createRng(streamSeed(0, "area-names"));
  const excluded = new Set(SYNTH_NAME_EXCLUDED);
  const town: string[] = [];
  for (const p of SYNTH_NAME_PREFIXES) for (const s of SYNTH_NAME_SUFFIXES) if (!excluded.has(p + s)) town.push(p + s);
  const shire = SYNTH_NAME_PREFIXES.map((p) => `${p}shire`).filter((n) => !excluded.has(n));
  const shuffle = (xs: string[]) => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  };
  shuffle(town);
  shuffle(shire);
  const usedPrefix = new Set<string>();
  const prefixOf = (name: string) => SYNTH_NAME_PREFIXES.find((p) => name.startsWith(p))!;
  const serial: Record<string, number> = {};
  const areas: AreaRow[] = [];
  let ti = 0;
  let si = 0;
  for (const region of params.regions) {
    for (const type of ["E06", "E08", "E09", "E10"] as const) {
      const n = region.counts[type] ?? 0;
      for (let k = 0; k < n; k++) {
        serial[type] = (serial[type] ?? 0) + 1;
        if (serial[type] > 99999) throw new InputError("syntheticAreas", `too many ${type} areas`, serial[type]);
        let name: string;
        if (type === "E10") {
          if (si >= shire.length) throw new InputError("syntheticAreas", "not enough county names", si);
          name = shire[si++];
        } else {
          // prefer a prefix not used yet, so names differ at a glance
          let pick = -1;
          for (let j = ti; j < town.length; j++) {
            if (!usedPrefix.has(prefixOf(town[j]))) {
              pick = j;
              break;
            }
          }
          if (pick < 0) pick = ti;
          if (pick >= town.length) throw new InputError("syntheticAreas", "not enough town names", pick);
          [town[ti], town[pick]] = [town[pick], town[ti]];
          name = town[ti++];
          usedPrefix.add(prefixOf(name));
        }
        areas.push({
          la_code: `${type}9${String(serial[type]).padStart(5, "0")}`,
          la_name: name,
          region_code: region.code,
          region_name: region.name,
          old_la_code: "",
          first_period: null,
          last_period: null,
        });
      }
    }
  }
  return areas.sort((a, b) => (a.la_code < b.la_code ? -1 : a.la_code > b.la_code ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------------
// Generation

/** Per-LA × period matrix stored row-major: index = la * nPeriods + periodIndex. */
type Grid = Float64Array;

interface Latents {
  deprivation: Float64Array;
  unmeasured: Float64Array;
  /** Latent Z (drivers) or W (unreliable) by indicator id. */
  factor: Map<string, Grid>;
  quality: Grid;
}

interface Bases {
  child_population: Grid;
  referrals: Grid;
  cla: Grid;
  social_workers: Grid;
  cin: Grid;
}

/** Draw LA effects a and year noise e; returns √ρ·a + √(1−ρ)·e per LA-period. */
function persistentLatent(rng: Rng, nLa: number, nPer: number, rho: number): Grid {
  const a = new Float64Array(nLa);
  for (let i = 0; i < nLa; i++) a[i] = rng.nextNormal();
  const out = new Float64Array(nLa * nPer);
  const sa = Math.sqrt(rho);
  const se = Math.sqrt(1 - rho);
  for (let i = 0; i < nLa; i++) for (let t = 0; t < nPer; t++) out[i * nPer + t] = sa * a[i] + se * rng.nextNormal();
  return out;
}

function drawLatents(params: SyntheticParams, areas: readonly AreaRow[], nPer: number): Latents {
  const nLa = areas.length;
  // deprivation: centred region shift + LA noise, scaled so Var(D) = 1 over the 150 LAs' regions
  const shiftOf = new Map(params.regions.map((r) => [r.code, r.deprivationShift] as const));
  const shifts = areas.map((a) => shiftOf.get(a.region_code)!);
  const mean = shifts.reduce((s, x) => s + x, 0) / nLa;
  const varShift = shifts.reduce((s, x) => s + (x - mean) ** 2, 0) / nLa;
  if (varShift >= 1) throw new InputError("generateSyntheticPilot", "region deprivation shifts must have variance < 1", varShift);
  const rngD = createRng(streamSeed(params.seed, "deprivation"));
  const deprivation = new Float64Array(nLa);
  for (let i = 0; i < nLa; i++) deprivation[i] = shifts[i] - mean + Math.sqrt(1 - varShift) * rngD.nextNormal();
  const rngU = createRng(streamSeed(params.seed, "unmeasured-quality"));
  const unmeasured = new Float64Array(nLa);
  for (let i = 0; i < nLa; i++) unmeasured[i] = rngU.nextNormal();

  const factor = new Map<string, Grid>();
  const quality = new Float64Array(nLa * nPer);
  for (let i = 0; i < nLa; i++) {
    const q = -params.quality.betaDeprivation * deprivation[i] + params.quality.sigmaUnmeasured * unmeasured[i];
    for (let t = 0; t < nPer; t++) quality[i * nPer + t] = q;
  }
  for (const s of params.indicators) {
    if (s.role !== "driver" && s.role !== "unreliable") continue;
    const z = persistentLatent(createRng(streamSeed(params.seed, `latent:${s.indicator}`)), nLa, nPer, s.stability);
    factor.set(s.indicator, z);
    for (let k = 0; k < z.length; k++) quality[k] += s.beta! * z[k];
  }
  return { deprivation, unmeasured, factor, quality };
}

function drawBases(params: SyntheticParams, nLa: number, periods: readonly number[], deprivation: Float64Array): Bases {
  const nPer = periods.length;
  const rng = createRng(streamSeed(params.seed, "bases"));
  const c = params.context;
  const b = params.bases;
  const grid = () => new Float64Array(nLa * nPer);
  const out: Bases = { child_population: grid(), referrals: grid(), cla: grid(), social_workers: grid(), cin: grid() };
  const mix = (a: number, w: number) => Math.sqrt(w) * a + Math.sqrt(1 - w) * rng.nextNormal();
  for (let i = 0; i < nLa; i++) {
    let p0: number;
    do p0 = c.childPopulationMedian * Math.exp(c.childPopulationLogSd * rng.nextNormal());
    while (p0 < c.childPopulationMin || p0 > c.childPopulationMax);
    const growth = 0.004 + 0.004 * rng.nextNormal();
    const aCla = rng.nextNormal();
    const aRef = rng.nextNormal();
    const aSw = rng.nextNormal();
    const aCin = rng.nextNormal();
    for (let t = 0; t < nPer; t++) {
      const k = i * nPer + t;
      const pop = Math.round(
        Math.min(c.childPopulationMax, Math.max(c.childPopulationMin, p0 * (1 + growth) ** t * Math.exp(0.005 * rng.nextNormal()))),
      );
      out.child_population[k] = pop;
      const claRate = b.claRateMedian * Math.exp(b.claRateLogSd * mix(aCla, 0.9));
      out.cla[k] = Math.min(b.claMax, Math.max(b.claMin, Math.round((pop * claRate) / 1e4)));
      out.referrals[k] = Math.round((pop * b.referralRateMedian * Math.exp(b.referralRateLogSd * mix(aRef, 0.85))) / 1e4);
      out.social_workers[k] = Math.max(1, Math.round((pop * b.socialWorkersPer10kMedian * Math.exp(b.socialWorkersLogSd * mix(aSw, 0.9))) / 1e4));
      const cinRate = c.cinRateMedian * Math.exp(c.cinRatePerSdDeprivation * deprivation[i] + 0.12 * mix(aCin, 0.85));
      out.cin[k] = Math.round((pop * cinRate) / 1e4);
    }
  }
  return out;
}

function contextRows(params: SyntheticParams, areas: readonly AreaRow[], periods: readonly number[], deprivation: Float64Array, bases: Bases): ContextRow[] {
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
const goodnessSign = (s: SyntheticIndicatorSpec): 1 | -1 => (s.polarity === "down" ? -1 : 1);

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

function indicatorRows(
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

const DAY_MS = 86400000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The period an inspection published on `date` is attached to: the latest year ending 31 March before it
 * (a judgement published in June 2017 is attached to 2017, one in February 2018 also to 2017).
 * @example
 * attachedPeriod("2017-06-15"); // 2017
 */
export function attachedPeriod(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new InputError("attachedPeriod", "date must be yyyy-mm-dd", date);
  const year = Number(m[1]);
  return Number(m[2]) >= 4 ? year : year - 1;
}

function inspections(
  params: SyntheticParams,
  areas: readonly AreaRow[],
  periods: readonly number[],
  quality: Grid,
  thresholds: readonly number[],
): { rows: OutcomeRow[]; truth: SyntheticInspectionTruth[] } {
  const rng = createRng(streamSeed(params.seed, "inspections"));
  const p = params.inspections;
  const start = Date.parse(`${p.firstDate}T00:00:00Z`);
  const end = Date.parse(`${p.lastDate}T00:00:00Z`);
  if (!(start < end)) throw new InputError("generateSyntheticPilot", "inspections.firstDate must be before lastDate", `${p.firstDate}, ${p.lastDate}`);
  const nPer = periods.length;
  const rows: OutcomeRow[] = [];
  const truth: SyntheticInspectionTruth[] = [];
  const onlyLatest = p.judgements === "one";
  for (let i = 0; i < areas.length; i++) {
    const rowsBefore = rows.length;
    let day = start + rng.nextInt(p.firstWithinDays) * DAY_MS;
    for (;;) {
      // Ofsted publishes on weekdays: a weekend date moves to the Monday
      const dow = new Date(day).getUTCDay();
      const published = day + (dow === 6 ? 2 : dow === 0 ? 1 : 0) * DAY_MS;
      if (published > end) break;
      const date = isoDate(published);
      const period = attachedPeriod(date);
      const t = period - periods[0];
      if (t < 0 || t >= nPer) break;
      const q = quality[i * nPer + t];
      const y = q + params.quality.logisticScale * sampleLogistic(rng);
      const grade = y > thresholds[0] ? 1 : y > thresholds[1] ? 2 : y > thresholds[2] ? 3 : 4;
      rows.push({ la_code: areas[i].la_code, outcome: SYNTH_OUTCOME, value: grade, label: SYNTH_GRADE_LABELS[grade - 1], date, period });
      truth.push({ la_code: areas[i].la_code, date, period, quality: r6(q), latent_judgement: r6(y), grade });
      day = published + (p.minGapDays + rng.nextInt(p.maxGapDays - p.minGapDays)) * DAY_MS;
    }
    // one judgement per LA: drop all but the latest (drawn all the same, so the stream stays in step)
    if (onlyLatest && rows.length - rowsBefore > 1) {
      rows.splice(rowsBefore, rows.length - rowsBefore - 1);
      truth.splice(rowsBefore, truth.length - rowsBefore - 1);
    }
  }
  return { rows, truth };
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
function catalogueRow(s: SyntheticIndicatorSpec): CatalogueRow {
  return {
    indicator: s.indicator,
    label: s.label,
    domain: s.domain,
    polarity: s.polarity,
    unit: s.unit,
    numerator: s.numerator,
    denominator: s.denominator,
    source: `Synthetic (vital-signs synth ${SYNTH_GENERATOR_VERSION}); imitates the DfE series of the same name`,
    definition: s.definition,
    ...(SYNTHETIC_FRAMEWORK_OVERRIDES[s.indicator] ?? defaultFrameworkTags(s.domain)),
  };
}

/**
 * Generate the synthetic pilot dataset and its planted truth, in memory.
 * Model, parameters and rules: lib/data/synthetic-params.ts and the header of this file.
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
  const insp = inspections(params, areas, periods, lat.quality, thresholds);
  const gradeCounts: [number, number, number, number] = [0, 0, 0, 0];
  for (const r of insp.rows) gradeCounts[(r.value as number) - 1]++;

  const s = params.quality.logisticScale;
  const truth: SyntheticTruth = {
    generator: "vital-signs synth (lib/data/synthetic.ts)",
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
      outcome_period_rule: "period = the latest year ending 31 March before the publication date",
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
    areas: areas.map((a, i) => ({
      la_code: a.la_code,
      deprivation: r6(lat.deprivation[i]),
      unmeasured_quality: r6(lat.unmeasured[i]),
      quality: Array.from(lat.quality.subarray(i * nPer, (i + 1) * nPer), r6),
    })),
    inspections: insp.truth,
    params,
  };

  const content: PackageContent = {
    name: "pilot-synthetic",
    title: `Synthetic pilot dataset (seed ${params.seed})${params.inspections.judgements === "one" ? ", one judgement per LA" : ""}`,
    description:
      "Fictional local authorities, indicators and Ofsted-like judgements generated with a planted truth (truth.json) " +
      "to demonstrate and test the workbench. No real child, LA or inspection is described.",
    licenses: [{ name: "CC0-1.0", title: "Creative Commons Zero v1.0 Universal", path: "https://creativecommons.org/publicdomain/zero/1.0/" }],
    sources: [{ title: `Generated by vital-signs synth ${SYNTH_GENERATOR_VERSION} (lib/data/synthetic.ts) with seed ${params.seed}`, path: "lib/data/synthetic.ts" }],
    created: SYNTH_CREATED,
    provenance: {
      generator: "vital-signs synth (lib/data/synthetic.ts)",
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
    areas,
    catalogue: params.indicators.map(catalogueRow),
    indicators,
    context,
    outcomes: insp.rows,
  };
  return { content, truth };
}

/** Files written by {@link writeSyntheticPilot}, besides the package's CSVs and datapackage.json. */
export interface SyntheticWriteResult {
  descriptor: PackageDescriptor;
  truthPath: string;
  readmePath: string;
}

/**
 * Generate and write the synthetic pilot: the package (via writePackage), `truth.json` and `README.md`.
 * @example
 * writeSyntheticPilot("datasets/pilot-synthetic", DEFAULT_SYNTH_PARAMS);
 */
export function writeSyntheticPilot(dir: string, params: SyntheticParams): SyntheticWriteResult {
  const { content, truth } = generateSyntheticPilot(params);
  const descriptor = writePackage(dir, content);
  const truthPath = path.join(dir, "truth.json");
  fs.writeFileSync(truthPath, JSON.stringify(truth, null, 2) + "\n");
  const readmePath = path.join(dir, "README.md");
  fs.writeFileSync(readmePath, syntheticReadme(content, truth, descriptor));
  return { descriptor, truthPath, readmePath };
}
