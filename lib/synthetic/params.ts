/**
 * Parameters of the synthetic pilot dataset (`vital-signs synth`), all in one place.
 *
 * The generator (./generate.ts) reads nothing else: every effect size, spread, share and
 * missingness rate below is a named, documented number, and the whole object is written to
 * `truth.json` so a dataset says exactly how it was made.
 *
 * **The planted model** (per LA i and period t; every latent factor is standard normal):
 *
 *     Q[i,t] = Σ_k β_k · Z_k[i,t]  +  β_W · W[i,t]  −  β_D · D[i]  +  σ_u · u[i]
 *     y*     = Q[i,t] + s · L,   L ~ standard logistic
 *     grade  = 1 Outstanding if y* > c₁, 2 Good if c₂ < y* ≤ c₁, 3 RI if c₃ < y* ≤ c₂, 4 Inadequate otherwise
 *
 * - Z_k: the latent of driver indicator k (LA effect + year noise, year-to-year correlation `stability`);
 * - W: the latent of the "unreliable" indicator (fresh every year: year-to-year correlation 0);
 * - D: deprivation (region effect + LA noise; IDACI and IMD are near-exact linear measures of it);
 * - u: unmeasured LA quality (leadership, say) that no indicator sees;
 * - c₁ > c₂ > c₃ are calibrated so the population shares of grades 1–4 are `gradeShares`.
 *
 * In proportional-odds form, logit P(grade ≤ g) = (Q − c_g)/s, so R's `MASS::polr(grade ~ Z)` on the
 * latent factors would estimate −β_k/s (recorded per driver in truth.json as `polr_coefficient`).
 *
 * Noise indicators are drawn from their own random streams that never see Q, D or the outcome, so they are
 * exactly independent of the outcome; the tests prove it by changing β and checking their rows do not move.
 */
import type { Domain, Polarity, Unit } from "../data/types";

/** The role an indicator plays in the planted truth, and so what a correct analysis should conclude. */
export type SyntheticRole = "driver" | "near-duplicate" | "confounded" | "unreliable" | "incomplete" | "noise";

/**
 * The count series an indicator's denominator is a share of. All are independent of deprivation and
 * quality, except `cin` (children in need), which rises with deprivation as in real data.
 */
export type SyntheticBase = "child_population" | "referrals" | "cla" | "social_workers" | "cin";

/** How one indicator is generated. Values on the link scale: logit (percent), log (rates, ratios, counts), identity (scores). */
export interface SyntheticIndicatorSpec {
  indicator: string;
  label: string;
  domain: Domain;
  polarity: Polarity;
  unit: Unit;
  /** What the numerator counts ("" for scores and counts). */
  numerator: string;
  /** What the denominator counts ("" for counts). */
  denominator: string;
  definition: string;
  role: SyntheticRole;
  /** Typical value in the indicator's unit (percent 0–100, rate per 10,000, ratio, score or count). */
  centre: number;
  /** Between-LA standard deviation on the link scale (logit, log, or the score's own unit). */
  spread: number;
  /** Year-to-year correlation of the indicator's own latent (LA effect share of its variance). */
  stability: number;
  /** Denominator series and the share of it that forms the denominator (percent, ratio, score cohort). */
  base: SyntheticBase | null;
  baseShare: number;
  /** For `rate_per_10k` indicators that are a base series per 10,000 children (numerator = the base count). */
  fromBase?: SyntheticBase;
  /** Scores only: standard deviation of one child's score (sampling noise of the average = sd/√cohort). */
  unitSd?: number;
  /** driver: coefficient of the indicator's latent in Q (standardised: latent and Q's parts are N(0,1)). */
  beta?: number;
  /** near-duplicate: the driver it duplicates, and the correlation of the two latents. */
  duplicateOf?: string;
  duplicateCorrelation?: number;
  /** confounded: correlation of the latent with −D (deprivation lowers its "good" direction). */
  deprivationLoading?: number;
  /** incomplete: correlation of the latent with the non-deprivation part of quality (it is informative, but rarely there). */
  qualityLoading?: number;
  /** Share of LAs that never return the indicator (status not-available:x every period). */
  missingLaShare: number;
  /** Probability that a returning LA's value is not available in a given period. */
  missingCellRate: number;
  /** First period the indicator exists (earlier periods are not-available:x), if later than the data. */
  firstPeriod?: number;
  /** Period shifts on the link scale (e.g. the 2021 dip of dental checks), applied to every LA. */
  periodShift?: Readonly<Record<number, number>>;
  /** false for counts that are not counts of children (never suppressed). Default true. */
  suppress?: boolean;
}

/** A region: real ONS code and name, how many synthetic LAs it holds of each code type, and its deprivation shift. */
export interface SyntheticRegion {
  code: string;
  name: string;
  /** LAs by ONS entity type: E06 unitary, E08 metropolitan district, E09 London borough, E10 county. */
  counts: Readonly<Partial<Record<"E06" | "E08" | "E09" | "E10", number>>>;
  /** Mean of deprivation D in the region, before centring (NE, NW most deprived; SE least). */
  deprivationShift: number;
}

/** Every parameter of the generator. */
export interface SyntheticParams {
  seed: number;
  firstPeriod: number;
  lastPeriod: number;
  regions: readonly SyntheticRegion[];
  quality: {
    /** Effect of deprivation on Q (Q falls by β_D per SD of D). */
    betaDeprivation: number;
    /** SD of the unmeasured LA quality u. */
    sigmaUnmeasured: number;
    /** Scale s of the logistic noise of an inspection's judgement. */
    logisticScale: number;
    /** Target population shares of grades 1 (Outstanding) … 4 (Inadequate). */
    gradeShares: readonly [number, number, number, number];
  };
  inspections: {
    /** First and last publication date of an inspection (attached periods firstPeriod … lastPeriod). */
    firstDate: string;
    lastDate: string;
    /** Days from the start to an LA's first inspection: uniform on [0, firstWithinDays). */
    firstWithinDays: number;
    /** Days between inspections: uniform on [minGapDays, maxGapDays). */
    minGapDays: number;
    maxGapDays: number;
    /**
     * "one": only each LA's latest inspection is kept (one judgement per LA, as one inspection round gives; the
     * official ILACS data hold two for most LAs); the others are drawn all the same, so every other value is
     * identical. Absent or "all": every one.
     */
    judgements?: "all" | "one";
  };
  context: {
    /** IDACI score = idaciCentre + idaciPerSd · D (+ tiny edition noise), clamped to [0.02, 0.5]. */
    idaciCentre: number;
    idaciPerSd: number;
    /** IMD score = imdCentre + imdPerSd · (0.92 D + 0.39 e). */
    imdCentre: number;
    imdPerSd: number;
    /** First period that uses the 2019 edition of the Indices of Deprivation (earlier: 2015 edition). */
    iod2019FromPeriod: number;
    /** Child population (0–17) in the first period: log-normal, median and log-SD, truncated to [min, max]. */
    childPopulationMedian: number;
    childPopulationLogSd: number;
    childPopulationMin: number;
    childPopulationMax: number;
    /** Children in need per 10,000: median and log-effect of one SD of deprivation. */
    cinRateMedian: number;
    cinRatePerSdDeprivation: number;
  };
  bases: {
    /** Children looked after per 10,000 (median, LA log-SD); CLA counts are clamped to [claMin, claMax]. */
    claRateMedian: number;
    claRateLogSd: number;
    claMin: number;
    claMax: number;
    /** Referrals per 10,000 children (median, LA log-SD). */
    referralRateMedian: number;
    referralRateLogSd: number;
    /** Children's social workers (FTE) per 10,000 children (median, LA log-SD). */
    socialWorkersPer10kMedian: number;
    socialWorkersLogSd: number;
  };
  indicators: readonly SyntheticIndicatorSpec[];
}

/** Default seed of the committed dataset `datasets/pilot-synthetic` (1 January 2019, the framework's year). */
export const DEFAULT_SYNTH_SEED = 20190101;

/** Version of the generator; changes whenever the same seed would give different bytes. */
export const SYNTH_GENERATOR_VERSION = "1.0.0";

/**
 * `created` of every synthetic datapackage.json: the date this generator version was fixed, not the run
 * time, so the same seed gives byte-identical files.
 */
export const SYNTH_CREATED = "2026-11-23T00:00:00Z";

/** Outcome id of the synthetic Ofsted-like judgement. */
export const SYNTH_OUTCOME = "ofsted_overall";

/** Published labels of grades 1–4. */
export const SYNTH_GRADE_LABELS = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"] as const;

/** Counts of children 1–5 are suppressed (DfE's CIN/CLA convention, symbol `c`); zero is published. */
export const SYNTH_SUPPRESS_MAX = 5;

/**
 * The nine English regions (real 2019 ONS codes) with the synthetic LAs they hold: 150 in all, a mix of
 * types like England's 152 (London 32 boroughs; the north's metropolitan districts; the shires' counties).
 * Deprivation shifts mirror the real ordering of IDACI by region.
 */
export const SYNTH_REGIONS: readonly SyntheticRegion[] = [
  { code: "E12000001", name: "North East", counts: { E06: 7, E08: 5 }, deprivationShift: 0.6 },
  { code: "E12000002", name: "North West", counts: { E06: 11, E08: 10, E10: 2 }, deprivationShift: 0.45 },
  { code: "E12000003", name: "Yorkshire and The Humber", counts: { E06: 5, E08: 9, E10: 1 }, deprivationShift: 0.35 },
  { code: "E12000004", name: "East Midlands", counts: { E06: 5, E10: 4 }, deprivationShift: 0.0 },
  { code: "E12000005", name: "West Midlands", counts: { E06: 5, E08: 7, E10: 2 }, deprivationShift: 0.3 },
  { code: "E12000006", name: "East of England", counts: { E06: 6, E10: 5 }, deprivationShift: -0.45 },
  { code: "E12000007", name: "London", counts: { E09: 32 }, deprivationShift: 0.2 },
  { code: "E12000008", name: "South East", counts: { E06: 13, E10: 6 }, deprivationShift: -0.65 },
  { code: "E12000009", name: "South West", counts: { E06: 14, E10: 1 }, deprivationShift: -0.3 },
];

/**
 * Parts of the fictional LA names. Names are prefix + suffix (counties: prefix + "shire"), drawn in a fixed
 * order that does not depend on the seed, and checked in the tests against the names of real English
 * authorities. Any resemblance to a real place is a coincidence.
 */
export const SYNTH_NAME_PREFIXES: readonly string[] = [
  "North", "Ash", "Brook", "Elm", "Fen", "Holl", "Kes", "Lang", "Mar", "Oak", "Pen", "Raven", "Silver", "Thorn",
  "Wil", "Ald", "Bram", "Cal", "Dun", "Ever", "Glen", "Hart", "Iver", "Kel", "Lin", "Moor", "Nor", "Orm", "Pol",
  "Quen", "Ros", "Star", "Tarn", "Ull", "Vale", "Wend", "Yarl", "Zen", "Bel", "Cor",
];
export const SYNTH_NAME_SUFFIXES: readonly string[] = [
  "bridge", "ford", "mouth", "worth", "field", "wick", "stead", "combe", "haven", "gate", "dale", "ley", "mere", "holt",
];
/** Combinations that are names of real English authorities (from the ONS LTLA–UTLA lookup, April 2023): never used. */
export const SYNTH_NAME_EXCLUDED: readonly string[] = ["Ashford", "Ashfield", "Elmbridge"];
