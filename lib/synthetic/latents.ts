/**
 * The latent factors and base counts of the synthetic package: deprivation D, unmeasured quality u, each
 * driver's latent Z (and the unreliable indicator's W), latent quality Q, and the count series denominators
 * are shares of. Each is drawn from its own named stream (./sampling.ts streamSeed).
 */
import { InputError } from "../errors";
import { createRng, type Rng } from "../stats/random";
import type { AreaRow } from "../data/types";
import type { SyntheticParams } from "./params";
import { streamSeed } from "./sampling";

/** Per-LA × period matrix stored row-major: index = la * nPeriods + periodIndex. */
export type Grid = Float64Array;

export interface Latents {
  deprivation: Float64Array;
  unmeasured: Float64Array;
  /** Latent Z (drivers) or W (unreliable) by indicator id. */
  factor: Map<string, Grid>;
  quality: Grid;
}

export interface Bases {
  child_population: Grid;
  referrals: Grid;
  cla: Grid;
  social_workers: Grid;
  cin: Grid;
}


/** Population variance of Q implied by the parameters: Σβ_k² + Σβ_W² + β_D²·Var(D) + σ_u². */
export function qualityVariance(params: SyntheticParams): number {
  let v = params.quality.betaDeprivation ** 2 + params.quality.sigmaUnmeasured ** 2;
  for (const s of params.indicators) if (s.role === "driver" || s.role === "unreliable") v += s.beta! ** 2;
  return v;
}

/** Draw LA effects a and year noise e; returns √ρ·a + √(1−ρ)·e per LA-period. */
export function persistentLatent(rng: Rng, nLa: number, nPer: number, rho: number): Grid {
  const a = new Float64Array(nLa);
  for (let i = 0; i < nLa; i++) a[i] = rng.nextNormal();
  const out = new Float64Array(nLa * nPer);
  const sa = Math.sqrt(rho);
  const se = Math.sqrt(1 - rho);
  for (let i = 0; i < nLa; i++) for (let t = 0; t < nPer; t++) out[i * nPer + t] = sa * a[i] + se * rng.nextNormal();
  return out;
}

export function drawLatents(params: SyntheticParams, areas: readonly AreaRow[], nPer: number): Latents {
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

export function drawBases(params: SyntheticParams, nLa: number, periods: readonly number[], deprivation: Float64Array): Bases {
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
