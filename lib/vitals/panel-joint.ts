/**
 * The panel's joint model (lib/vitals/panel.ts): the chosen indicators fitted together, with LA and year fixed
 * effects, and — when their LA-years leave nothing to fit — which of them empty the joint sample.
 */
import { twoWayFixedEffects, type ClusterSeConvention, type TwoWayFixedEffectsResult } from "../stats/panel";

/** Inference of the within coefficient under one SE convention. */
export interface PanelSeResult {
  se: number;
  p: number;
  df: number;
}

/**
 * An indicator that empties the joint sample: alone it leaves fewer than two LAs each with two or more years of it
 * and the outcome (`nObsAlone` is then its own within LA-years, usually 0), or the joint model without it has LA-years
 * to fit (`nObsWithout` > 0).
 */
export interface PanelJointEmptiedBy {
  indicator: string;
  /** LA-years of the indicator's own within estimate (with the controls), singletons removed. */
  nObsAlone: number;
  /** LA-years of the joint model without this indicator (0 when it was the only one, or the rest are empty too). */
  nObsWithout: number;
}

/** Joint fit of the chosen indicators (and controls) together. */
export interface PanelJointResult {
  terms: { name: string; withinCoef: number; withinSe: number; withinP: number; cr1: PanelSeResult; hc0: PanelSeResult; betweenR: number }[];
  nObs: number;
  nLas: number;
  nYears: number;
  notes: string[];
  /**
   * Only when the joint sample leaves no within estimate (fewer than two LAs or years after singletons are removed):
   * the indicators that empty it ({@link PanelJointEmptiedBy}); empty when no single indicator does (their years do
   * not overlap within LAs only in combination).
   */
  emptiedBy?: PanelJointEmptiedBy[];
}

/** What the joint model is fitted on: the panel's cells, the indicators' grids by id and the controls. */
export interface PanelJointInput {
  outcome: Float64Array;
  unitOfCell: Int32Array;
  yearOfCell: Int32Array;
  indicators: ReadonlyMap<string, Float64Array>;
  controls: readonly Float64Array[];
  controlNames: readonly string[];
  /** Each indicator's own within LA-years (its one-at-a-time fit, with the controls). */
  nObsAlone: ReadonlyMap<string, number>;
}

/** A PanelSeResult from a fit's inference. */
export function seResult(k: { se: number; p: number; df: number }): PanelSeResult {
  return { se: k.se, p: k.p, df: k.df };
}

/** True when a two-way fit has a within sample: at least two LAs and two years after singletons are removed. */
function hasWithinSample(fit: TwoWayFixedEffectsResult): boolean {
  return fit.nUnits >= 2 && fit.nTimes >= 2;
}

function fitJoint(input: PanelJointInput, ids: readonly string[]): TwoWayFixedEffectsResult {
  const grids = ids.map((id) => input.indicators.get(id)!);
  return twoWayFixedEffects(input.outcome, [...grids, ...input.controls], input.unitOfCell, input.yearOfCell, { names: [...ids, ...input.controlNames] });
}

/**
 * The indicators that leave the joint model nothing to fit: each one whose own sample is empty, and each one without
 * which the others have LA-years (refitted leaving it out; a handful of listed indicators, so a handful of fits).
 * @example emptiedBy(input, ["oneyear_x", "assessment_45d_pct"]) // [{ indicator: "oneyear_x", nObsAlone: 0, nObsWithout: 580 }]
 */
function emptiedBy(input: PanelJointInput, ids: readonly string[]): PanelJointEmptiedBy[] {
  const found: PanelJointEmptiedBy[] = [];
  for (const id of ids) {
    const alone = input.nObsAlone.get(id) ?? 0;
    const rest = ids.filter((other) => other !== id);
    const without = rest.length === 0 ? undefined : fitJoint(input, rest);
    const nObsWithout = without && hasWithinSample(without) ? without.n : 0;
    if (alone === 0 || nObsWithout > 0) found.push({ indicator: id, nObsAlone: alone, nObsWithout });
  }
  return found;
}

/**
 * The joint fit of the chosen indicators (and controls) as panel.json `joint`, the within SE and p in `se`'s
 * convention; when it has no within sample, which indicators empty it.
 * @example panelJoint(input, ["csww_caseload", "cin_rereferral_pct"], "cr1").terms.map((t) => t.withinCoef)
 */
export function panelJoint(input: PanelJointInput, ids: readonly string[], se: ClusterSeConvention): PanelJointResult {
  const fit = fitJoint(input, ids);
  return {
    terms: fit.coefficients.map((c, j): PanelJointResult["terms"][number] => ({
      name: c.name,
      withinCoef: c.estimate,
      withinSe: (se === "cr1" ? c.cr1 : c.hc0).se,
      withinP: (se === "cr1" ? c.cr1 : c.hc0).p,
      cr1: seResult(c.cr1),
      hc0: seResult(c.hc0),
      betweenR: fit.between.r[j],
    })),
    nObs: fit.n,
    nLas: fit.nUnits,
    nYears: fit.nTimes,
    notes: fit.reasons,
    ...(hasWithinSample(fit) ? {} : { emptiedBy: emptiedBy(input, ids) }),
  };
}
