/**
 * The default parameters of the synthetic package (those of the committed datasets/pilot-synthetic) and the
 * same with another seed. Every parameter is documented on its type in ./params.ts.
 */
import { DEFAULT_SYNTH_SEED, SYNTH_REGIONS, type SyntheticParams } from "./params";
import { SYNTH_INDICATORS } from "./indicator-specs";

/**
 * The default parameters. Effect sizes on Q: drivers β = 0.75–0.85, deprivation 0.75, the unreliable indicator
 * 0.35, unmeasured quality 0.25; logistic scale 0.35. Then Var(Q) = 3.235, sd(y*) ≈ 1.91, and each driver's
 * latent correlates 0.39–0.45 with an inspection's latent judgement y* (deprivation 0.39, the unreliable
 * latent 0.18). Observed indicator–grade Spearman correlations, latest inspection of 150 LAs, are about
 * 0.2–0.5 for drivers and 0.2–0.4 for the confounded indicators (seeds 1–9 and the default), and noise
 * indicators reach |r| ≈ 0.15 by chance: every driver is recoverable, but not trivially. Checks:
 * tests/data/synthetic.test.ts; numbers for the committed seed: datasets/pilot-synthetic/README.md.
 */
export const DEFAULT_SYNTH_PARAMS: SyntheticParams = {
  seed: DEFAULT_SYNTH_SEED,
  firstPeriod: 2014,
  lastPeriod: 2023,
  regions: SYNTH_REGIONS,
  quality: {
    betaDeprivation: 0.75,
    sigmaUnmeasured: 0.25,
    logisticScale: 0.35,
    // Ofsted-like: about 10% Outstanding, 45% Good, 30% Requires improvement, 15% Inadequate.
    gradeShares: [0.1, 0.45, 0.3, 0.15],
  },
  inspections: {
    firstDate: "2014-04-01",
    lastDate: "2024-03-31",
    firstWithinDays: 1095,
    // About every 3 years (30–42 months).
    minGapDays: 913,
    maxGapDays: 1278,
  },
  context: {
    // IDACI 2019 LA averages run from about 0.05 to 0.35 (mean ≈ 0.17).
    idaciCentre: 0.17,
    idaciPerSd: 0.065,
    // IMD 2019 LA average scores run from about 8 to 45 (mean ≈ 22).
    imdCentre: 22,
    imdPerSd: 8,
    iod2019FromPeriod: 2019,
    childPopulationMedian: 60000,
    childPopulationLogSd: 0.6,
    childPopulationMin: 20000,
    childPopulationMax: 300000,
    // CIN rates per 10,000 run from about 200 to 600 (England ≈ 330).
    cinRateMedian: 330,
    cinRatePerSdDeprivation: 0.18,
  },
  bases: {
    claRateMedian: 65,
    claRateLogSd: 0.3,
    claMin: 100,
    claMax: 1500,
    referralRateMedian: 540,
    referralRateLogSd: 0.25,
    socialWorkersPer10kMedian: 28,
    socialWorkersLogSd: 0.2,
  },
  indicators: SYNTH_INDICATORS,
};

/**
 * The default parameters with another seed.
 * @example
 * generateSyntheticPilot(syntheticParams(7));
 */
export function syntheticParams(seed: number): SyntheticParams {
  return { ...DEFAULT_SYNTH_PARAMS, seed };
}
