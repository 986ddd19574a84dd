/** Context: linking outcomes to indicators, adjusting for context, statistical neighbours, triangulation. Public API of lib/context, re-exported by name from lib/index.ts. */
export {
  checkLinkRule, describeLinkRule, linkOutcomes, linkOutcomeRounds, outcomeLowerIsBetter, periodBeforeDate,
  type LinkRule, type LinkedOutcome, type OutcomeLink,
} from "./link";
export {
  residualiseOnContext, contextAdjustedAssociation, type ContextResiduals, type AdjustedAssociation,
} from "./adjust";
export {
  parseDfeNeighbourGroups, readDfeNeighbourGroups, neighboursForArea, nearestNeighbours, neighbourSummary,
  DFE_NEIGHBOUR_FILES, type NeighbourModel, DFE_NEIGHBOURS_PER_LA, DEFAULT_NEAREST_NEIGHBOURS, CLOSENESS_LABELS,
  type DfeNeighbour, type DfeNeighbourGroup, type AreaNeighbour, type AreaNeighbours, type ContextMatrix,
  type NeighbourSummary,
} from "./neighbours";
export {
  sourceFamily, alignedZ, triangulate, MIN_INDICATORS_PER_DOMAIN, MAX_MISSING_SHARE, MIN_LAS_FOR_Z, SOURCE_FAMILIES,
  type AlignedZ, type TriangulationInput, type TriangulatedIndicator, type SourceMean, type DomainTriangulation,
  type Triangulation,
} from "./triangulation";
export { withIndicatorContext, contextRoleIndicators, CONTEXT_ROLE } from "./indicator-context";
export { collinearContext, CONTEXT_COLLINEAR_R, CONTEXT_COLLINEAR_MIN_N, type CollinearContextPair } from "./collinearity";
