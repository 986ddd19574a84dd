/** Pure numerics on plain arrays: distributions, correlation, OLS, ordinal logit, multiple testing, bootstrap, PRNG, panel models. Public API of lib/stats, re-exported by name from lib/index.ts. */
export {
  normalUpperTail, normalCdf, normalQuantile, tUpperTail, tCdf, tTwoSidedP, tQuantile, fUpperTail,
  chiSquareUpperTail, chiSquareCdf, chiSquareQuantile,
} from "./distributions";
export {
  createRng, resampleIndices, type Rng,
} from "./random";
export {
  averageRanks,
} from "./ranks";
export {
  quantile,
} from "./quantile";
export {
  pearsonR, correlationInference, pearson, type CorrelationResult, CORRELATION_CONF,
} from "./pearson";
export {
  spearman, SPEARMAN_EXACT_MAX_N,
} from "./spearman";
export {
  kendall, KENDALL_FISHER_VARIANCE, KENDALL_EXACT_MAX_N,
} from "./kendall";
export {
  partialCorrelation,
} from "./partial-correlation";
export {
  ols, type OlsCoefficient, type OlsResult,
} from "./ols";
export { olsClusterRobust, type ClusterRobustCoefficient, type ClusterRobustOls } from "./ols-cluster";
export {
  ordinalLogit, type OrdinalParameter, type OrdinalLogitResult,
} from "./ordinal-logit";
export {
  benjaminiHochberg, holm, type AdjustedPValues,
} from "./multiple-testing";
export {
  bootstrap, BOOTSTRAP_REPLICATES, type BootstrapResult,
} from "./bootstrap";
export {
  correlationMatrix, type CorrelationMatrix,
} from "./correlation-matrix";
export {
  twoWayFixedEffects, type ClusterSeConvention, CLUSTER_SE_LABELS, type PanelInference, type PanelCoefficient,
  type PanelBetween, type TwoWayFixedEffectsResult, MIN_UNITS_FOR_BETWEEN_R,
} from "./panel";
export {
  meinshausenBuhlmannBound, unimodalBound, rConcaveBound, stabilityErrorBounds, type StabilityAssumption,
  type StabilityBound, type StabilityBoundInput,
} from "./stability-bounds";
export { mean, sampleSd, standardise } from "./summary";
export { empiricalBayesShrinkage, type EmpiricalBayesResult } from "./empirical-bayes";
