/**
 * What the synthetic package generator planted (written to truth.json): the types only, so the generator
 * (./generate.ts) and the README renderer (./readme.ts) both depend on them and not on each other.
 */
import type { PackageContent } from "../data/types";
import type { SyntheticParams, SyntheticRole } from "./params";

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
