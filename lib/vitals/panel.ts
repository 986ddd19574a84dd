/**
 * Within-LA change: the LA×year panel of an outcome against each indicator, fitted with two-way (LA and
 * year) fixed effects, beside the between-LA association. An indicator that differs between LAs with different
 * outcomes, with no clear within-LA association, is a between-LA marker; one that moves with the outcome within LAs over
 * time is a candidate lever.
 */
import { InputError } from "../errors";
import type { CatalogueRow, DataPackage, Polarity } from "../data/types";
import { benjaminiHochberg } from "../stats/multiple-testing";
import { correlationInference } from "../stats/pearson";
import { CLUSTER_SE_LABELS, twoWayFixedEffects, type ClusterSeConvention, type TwoWayFixedEffectsResult } from "../stats/panel";
import { panelJoint, seResult, type PanelJointResult, type PanelSeResult } from "./panel-joint";
import { countReorganised, estimationCells, singletonNotes, variesWithinLas } from "./panel-cells";
import { candidateExclusions, NO_CANDIDATE_LEFT, OUTCOME_EXCLUSION_RULE, recordedExclusions, type CandidateExclusion } from "./candidate-exclusions";
import { screenedByDefault } from "../data/framework";
import { packageAsAnalysed } from "./withheld-cells";
import { minOf } from "../stats/extreme";

/** Significance level of the lever / marker rule, applied to Benjamini–Hochberg q-values across the indicators of one run. */
export const PANEL_ALPHA = 0.05;
/**
 * Fewest LAs whose indicator changes (within the estimation sample) for a within estimate to be judged. The within
 * coefficient is identified by those LAs alone and its cluster-robust SE by their scores: with one of them its two
 * points are fitted exactly and the SE is 0 (the official ILACS panel gave a "candidate lever" at q = 2e-77 from one
 * LA whose value went from 7 to 6), and with few of them the CR1 variance is biased down (Cameron & Miller 2015,
 * "A practitioner's guide to cluster-robust inference", J. Human Resources 50:317–372, §VI on few clusters).
 */
export const MIN_VARYING_LAS = 10;
/** Default SE convention of the panel (CR1 as fixest's default ssc: the convention most applied work reports; reghdfe's K is one less). */
export const DEFAULT_PANEL_SE: ClusterSeConvention = "cr1";
/** How many near ids to list when an id is not in the package. */
const NEAREST_IDS = 5;

/** What the panel is asked to fit. */
export interface PanelSpec {
  /** Outcome: an indicator id (continuous) or an outcome id of outcomes.csv (e.g. an Ofsted grade, used as a number). */
  outcome: string;
  /**
   * Candidate indicators (default: every indicator with data that is {@link screenedByDefault}, except the outcome). For an indicator outcome the
   * outcome and its own measures ({@link candidateExclusions}) are left out of this list too, as `analyse` does.
   */
  indicators?: readonly string[];
  /** Context variables (context.csv) used as controls where they vary within LAs. */
  context?: readonly string[];
  /** Lag K ≥ 0: indicator in year t, outcome in year t + K (default 0). */
  lag?: number;
  /** SE convention for within_se / within_p and the rule (default CR1). */
  se?: ClusterSeConvention;
  /** Fit the chosen indicators jointly as well (default: when `indicators` lists two or more). */
  joint?: boolean;
}

/**
 * The verdict of the within/between comparison for one indicator (rule in {@link PANEL_RULE}). The code
 * `marker-of-context` is kept (panel.json's schema and users' scripts match it) but is worded "between-LA marker":
 * the between-LA r is of LA means with no control for context, whether or not --context sets controls for the
 * within estimate, so "context" suggested deprivation had been allowed for when it had not.
 */
export type PanelRole = "candidate-lever" | "marker-of-context" | "no-clear-association" | "not-estimable";

/**
 * The rule behind {@link PanelRole}, in words (written into panel.json). A not-estimable row with a between-LA q
 * below the threshold stays not estimable: "between-LA marker" contrasts a clear between-LA association with a
 * within-LA one that was estimated and is not clear, and such a row has no within estimate (with one judgement per
 * LA, every row; the review's one-judgement package had 11 of 39 with q < 0.05). The words say so, so that the rule and
 * the classification agree.
 */
export const PANEL_RULE =
  `candidate lever: the within-LA coefficient (LA and year fixed effects, cluster-robust SE by LA) has BH q < ${PANEL_ALPHA} across the indicators of the run — the outcome moves with the indicator inside LAs over time; ` +
  `between-LA marker (role code marker-of-context): estimable, not a candidate lever, but the correlation of LA means (between-LA r, t-test on LAs − 2 df, no control for context) has BH q < ${PANEL_ALPHA} — the indicator differs between LAs with different outcomes, with no clear within-LA association (absence of evidence that it moves with the outcome inside LAs, not evidence that it does not); ` +
  `no clear association: estimable, neither; not estimable: too few LAs or years, or the indicator changes within fewer than ${MIN_VARYING_LAS} LAs — ` +
  `no within estimate is judged, and the row is not classed whatever its between-LA r (a marker is judged against a within-LA estimate it lacks; analyse screens the between-LA association with context allowed for)`;

export type { PanelJointEmptiedBy, PanelJointResult, PanelSeResult } from "./panel-joint";

/** One indicator's panel result (one row of panel.json `indicators`). */
export interface PanelIndicatorResult {
  indicator: string;
  label: string;
  /**
   * Within-LA coefficient: change in the outcome per unit change of the indicator within an LA, net of year effects
   * and controls. NaN on a not-estimable row, as are withinSe, withinP, cr1 and hc0: what its fit gave, if anything, is
   * in {@link PanelIndicatorResult.withinNotJudged}.
   */
  withinCoef: number;
  /** SE and p in the chosen convention (`se_convention` of the run); NaN when not estimable. */
  withinSe: number;
  withinP: number;
  /** BH q of within_p across the run's indicators. */
  withinQ: number;
  /** Both conventions, labelled. */
  cr1: PanelSeResult;
  hc0: PanelSeResult;
  /** Pearson r of LA means of the indicator and of the outcome (over LA-years with both), and its t-test p and BH q. */
  betweenR: number;
  betweenP: number;
  betweenQ: number;
  /** LAs in the between correlation: every LA with an LA-year of both, single-year LAs included. */
  betweenLas: number;
  /** LA-years, LAs and years in the within estimation (singletons removed). */
  nObs: number;
  nLas: number;
  nYears: number;
  /** LAs with a single LA-year (dropped from the within estimator) and LA-years missing in the estimation panel. */
  singletonLas: number;
  /** Years left with a single LA, dropped from the within estimator too (singletons are removed until none is left). */
  singletonYears: string[];
  missingLaYears: number;
  /** LAs in the estimation whose code was created or abolished by a reorganisation within the periods the panel reads (areas.csv first/last period). */
  reorganisedLas: number;
  /** LAs whose indicator takes two or more values over their LA-years in the estimation (below {@link MIN_VARYING_LAS}: not estimable). */
  varyingLas: number;
  role: PanelRole;
  /** Why a number is missing, or anything that weakens it. */
  notes: string[];
  /**
   * A not-estimable row whose fit gave numbers anyway — as when the indicator changes within fewer than
   * {@link MIN_VARYING_LAS} LAs (one LA that changed gives a coefficient of −1.0000 with SE 9.2e-17 and p 1e-79, a saturated fit): they are
   * kept here, under a name that says they are not judged, for checking against R, and out of every table.
   * Absent on other rows.
   */
  withinNotJudged?: { withinCoef: number; cr1: PanelSeResult; hc0: PanelSeResult };
}

/** Result of {@link panelAnalysis}. */
export interface PanelAnalysis {
  outcome: { id: string; label: string; source: "indicator" | "outcomes"; polarity: Polarity };
  lag: number;
  seConvention: ClusterSeConvention;
  seLabel: string;
  /** Years t of the indicator (outcome in t + lag) in the panel grid. */
  years: number[];
  context: { used: string[]; absorbed: string[] };
  rule: string;
  alpha: number;
  indicators: PanelIndicatorResult[];
  /** An indicator outcome only: the candidates left out ({@link OUTCOME_EXCLUSION_RULE}); with `indicators` given, those of them it listed. */
  exclusions?: { rule: string; excluded: CandidateExclusion[] };
  joint?: PanelJointResult;
  /** LAs with data in the grid, of which reorganised within the periods the panel reads (areas.csv). */
  nLas: number;
  /**
   * LAs with the outcome in two or more of the panel's years t: only they can enter a within estimate. 0 with one
   * outcome per LA (one judgement each, as one inspection round gives), when no indicator is estimable.
   */
  lasWithRepeatedOutcome: number;
  reorganisedLas: string[];
}

/** The LA×year grid: for each series a Float64Array of length las.length × years.length (NaN = missing), cell = la·Y + year. */
export interface LaYearPanel {
  las: string[];
  years: number[];
  /** Outcome at year t + lag, stored at year t. */
  outcome: Float64Array;
  indicators: Map<string, Float64Array>;
  context: Map<string, Float64Array>;
  /** Unit and year label of each cell (for the estimator). */
  unitOfCell: Int32Array;
  yearOfCell: Int32Array;
}

/**
 * Edit distance (Levenshtein) between `a` and the best-matching stretch of `b` (`free`: skipping the start
 * and end of b costs nothing, so a short id matches the long id containing something like it), for "did you mean".
 */
function editDistance(a: string, b: string, free: boolean): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => (free ? 0 : j));
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return free ? minOf(prev) : prev[b.length];
}

/**
 * The ids of `candidates` nearest to `id`: by edit distance to the best-matching part of the candidate,
 * then by plain edit distance.
 * @example nearestIds("cla_rate", ["cla_rate_per_10k", "cin_rate_per_10k", "zzz"], 2) // ["cla_rate_per_10k", "cin_rate_per_10k"]
 */
export function nearestIds(id: string, candidates: readonly string[], count = NEAREST_IDS): string[] {
  const scored = [...new Set(candidates)].map((c) => ({ c, part: editDistance(id, c, true), whole: editDistance(id, c, false) }));
  return scored.sort((a, b) => a.part - b.part || a.whole - b.whole || a.c.localeCompare(b.c)).slice(0, count).map((s) => s.c);
}

/** A column of a table as an array-like without copying when the table is neither filtered nor ordered. */
function columnValues<T>(table: DataPackage["indicators"], name: string): readonly T[] {
  if (!table.isFiltered() && !table.isOrdered()) {
    const col = table.column(name) as unknown as readonly T[] | undefined;
    if (col && col.length === table.numRows()) return col;
  }
  return table.array(name) as unknown as readonly T[];
}

/**
 * Build the LA×year panel of an outcome (lagged) against indicators and context from a data package.
 * Years are those of indicators.csv; an outcome from outcomes.csv (an Ofsted grade) takes its `period`,
 * the latest judgement when an LA has several in one period.
 * @throws InputError naming the option: an outcome, indicator or context id not in the package (with the
 * nearest ids), a negative lag, a lag that leaves no year with both indicator and outcome, or a panel with one year
 * @example buildLaYearPanel(readPackage("/tmp/england"), { outcome: "care_leavers_eet_19_21_pct", lag: 1 }).years
 */
export function buildLaYearPanel(pkg: DataPackage, spec: PanelSpec): LaYearPanel & { outcomeSource: "indicator" | "outcomes"; excluded?: CandidateExclusion[] } {
  const lag = spec.lag ?? 0;
  if (!Number.isInteger(lag) || lag < 0) throw new InputError("panel", "--lag must be a whole number of years ≥ 0", lag);
  const ind = pkg.indicators;
  const cols = { la: columnValues<string>(ind, "la_code"), per: columnValues<number>(ind, "period"), id: columnValues<string>(ind, "indicator"), val: columnValues<number | null>(ind, "value") };
  const { outcomeSource, wanted, excluded } = resolvePanelIds(pkg, spec, cols.id);
  const outcomeAt = outcomeSource === "indicator" ? indicatorOutcomeSeries(cols, spec.outcome) : gradeOutcomeSeries(pkg, spec.outcome);
  const years = panelYears(outcomeAt, cols.per, lag, spec.outcome);
  const laSet = new Set<string>(cols.la);
  for (const key of outcomeAt.keys()) laSet.add(key.split("|")[0]);
  const las = [...laSet].sort();
  const laIndex = new Map(las.map((la, i) => [la, i] as const));
  const yearIndex = new Map(years.map((t, j) => [t, j] as const));
  const Y = years.length;
  const cells = las.length * Y;
  const outcome = new Float64Array(cells).fill(NaN);
  for (const [key, v] of outcomeAt) {
    const [la, per] = key.split("|");
    const j = yearIndex.get(Number(per) - lag);
    if (j !== undefined) outcome[laIndex.get(la)! * Y + j] = v;
  }
  const indicators = indicatorGrids(cols, wanted, laIndex, yearIndex, cells, Y);
  const context = contextGrids(pkg, spec.context ?? [], laIndex, yearIndex, cells, Y);
  const unitOfCell = new Int32Array(cells);
  const yearOfCell = new Int32Array(cells);
  for (let i = 0; i < las.length; i++) {
    for (let j = 0; j < Y; j++) {
      unitOfCell[i * Y + j] = i;
      yearOfCell[i * Y + j] = years[j];
    }
  }
  return { las, years, outcome, indicators, context, unitOfCell, yearOfCell, outcomeSource, ...(excluded ? { excluded } : {}) };
}

/** The long columns of indicators.csv the panel reads. */
interface IndicatorColumns {
  la: readonly string[];
  per: readonly number[];
  id: readonly string[];
  val: readonly (number | null)[];
}

/**
 * Where the outcome comes from and which indicators to fit, less an indicator outcome's own measures (listed or
 * not, as `analyse` leaves them out; none left is an error); errors name the option and the nearest ids.
 */
function resolvePanelIds(pkg: DataPackage, spec: PanelSpec, idCol: readonly string[]): { outcomeSource: "indicator" | "outcomes"; wanted: string[]; excluded?: CandidateExclusion[] } {
  const fn = "panel";
  const indicatorIds = [...new Set(idCol)];
  const outcomeIds = [...new Set(pkg.outcomes.array("outcome") as string[])];
  const indicatorSet = new Set(indicatorIds);
  let outcomeSource: "indicator" | "outcomes";
  if (indicatorSet.has(spec.outcome)) outcomeSource = "indicator";
  else if (outcomeIds.includes(spec.outcome)) outcomeSource = "outcomes";
  else {
    throw new InputError(fn, `--outcome must be an indicator id or an outcome id of the package; nearest: ${nearestIds(spec.outcome, [...indicatorIds, ...outcomeIds]).join(", ")}`, spec.outcome);
  }
  const catalogue = pkg.catalogue.objects() as unknown as CatalogueRow[];
  const byDefault = new Set(catalogue.filter(screenedByDefault).map((c) => c.indicator));
  const asked = spec.indicators ? [...spec.indicators] : indicatorIds.filter((id) => id !== spec.outcome && byDefault.has(id));
  const unknown = asked.filter((id) => !indicatorSet.has(id));
  if (unknown.length > 0) {
    throw new InputError(fn, `--indicators must be indicator ids of the package (${unknown.map((u) => `${u}: nearest ${nearestIds(u, indicatorIds, 3).join(", ")}`).join("; ")})`, unknown.join(","));
  }
  const contextIds = [...new Set(pkg.context.array("variable") as string[])];
  const unknownContext = (spec.context ?? []).filter((v) => !contextIds.includes(v));
  if (unknownContext.length > 0) {
    throw new InputError(fn, `--context must be variables of context.csv (have ${contextIds.join(", ") || "none"})`, unknownContext.join(","));
  }
  if (outcomeSource === "outcomes") return { outcomeSource, wanted: asked };
  const exclusions = candidateExclusions(catalogue, spec.outcome);
  const excludedIds = new Set(exclusions.map((e) => e.indicator));
  const wanted = asked.filter((id) => !excludedIds.has(id));
  if (wanted.length === 0) throw new InputError(fn, NO_CANDIDATE_LEFT, asked.join(","));
  return { outcomeSource, wanted, excluded: recordedExclusions(exclusions, spec.indicators) };
}

/** An indicator outcome: (la|period) → value. */
function indicatorOutcomeSeries(cols: IndicatorColumns, outcome: string): Map<string, number> {
  const outcomeAt = new Map<string, number>();
  for (let r = 0; r < cols.id.length; r++) {
    if (cols.id[r] === outcome && cols.val[r] !== null) outcomeAt.set(`${cols.la[r]}|${cols.per[r]}`, cols.val[r] as number);
  }
  return outcomeAt;
}

/** An outcomes.csv outcome (a grade): (la|period) → value, the latest judgement when an LA has several in one period. */
function gradeOutcomeSeries(pkg: DataPackage, outcome: string): Map<string, number> {
  const o = pkg.outcomes;
  const oId = o.array("outcome") as string[];
  const oLa = o.array("la_code") as string[];
  const oVal = o.array("value") as (number | null)[];
  const oPer = o.array("period") as (number | null)[];
  const oDate = o.array("date") as string[];
  const outcomeAt = new Map<string, number>();
  const dateAt = new Map<string, string>();
  for (let r = 0; r < oId.length; r++) {
    if (oId[r] !== outcome || oVal[r] === null || oPer[r] === null) continue;
    const key = `${oLa[r]}|${oPer[r]}`;
    const prev = dateAt.get(key);
    if (prev === undefined || oDate[r] > prev) {
      dateAt.set(key, oDate[r]);
      outcomeAt.set(key, oVal[r] as number);
    }
  }
  return outcomeAt;
}

/** Indicator years t with an outcome in t + lag; errors for a lag beyond the data or a single year. */
function panelYears(outcomeAt: ReadonlyMap<string, number>, perCol: readonly number[], lag: number, outcome: string): number[] {
  const fn = "panel";
  const outcomeYears = [...new Set([...outcomeAt.keys()].map((k) => Number(k.split("|")[1])))].sort((a, b) => a - b);
  const indicatorYears = [...new Set(perCol)].sort((a, b) => a - b);
  if (outcomeYears.length === 0) throw new InputError(fn, `--outcome has no values in the package`, outcome);
  const years = indicatorYears.filter((t) => outcomeYears.includes(t + lag));
  if (years.length === 0) {
    throw new InputError(
      fn,
      `--lag ${lag} goes beyond the data: the outcome has years ${outcomeYears[0]}–${outcomeYears[outcomeYears.length - 1]} and the indicators ${indicatorYears[0]}–${indicatorYears[indicatorYears.length - 1]}, so no indicator year t has an outcome in t + ${lag}`,
      lag,
    );
  }
  if (years.length === 1) {
    throw new InputError(fn, `a panel needs at least two years with both indicators and the outcome${lag > 0 ? ` (t and t + ${lag})` : ""}; only ${years[0]} has them`, `1 year`);
  }
  return years;
}

/** One grid per wanted indicator (cell = la·Y + year). indicators.csv is long and grouped by indicator: the last id's grid is remembered. */
function indicatorGrids(cols: IndicatorColumns, wanted: readonly string[], laIndex: ReadonlyMap<string, number>, yearIndex: ReadonlyMap<number, number>, cells: number, Y: number): Map<string, Float64Array> {
  const indicators = new Map<string, Float64Array>(wanted.map((id) => [id, new Float64Array(cells).fill(NaN)]));
  let lastId: string | undefined;
  let lastGrid: Float64Array | undefined;
  for (let r = 0; r < cols.id.length; r++) {
    const v = cols.val[r];
    if (v === null) continue;
    if (cols.id[r] !== lastId) {
      lastId = cols.id[r];
      lastGrid = indicators.get(lastId);
    }
    if (lastGrid === undefined) continue;
    const j = yearIndex.get(cols.per[r]);
    if (j === undefined) continue;
    lastGrid[laIndex.get(cols.la[r])! * Y + j] = v;
  }
  return indicators;
}

/** One grid per context variable, values of the cell's own year only. */
function contextGrids(pkg: DataPackage, variables: readonly string[], laIndex: ReadonlyMap<string, number>, yearIndex: ReadonlyMap<number, number>, cells: number, Y: number): Map<string, Float64Array> {
  const context = new Map<string, Float64Array>();
  if (variables.length === 0) return context;
  const c = pkg.context;
  const cVar = c.array("variable") as string[];
  const cLa = c.array("la_code") as string[];
  const cPer = c.array("period") as number[];
  const cVal = c.array("value") as (number | null)[];
  for (const v of variables) context.set(v, new Float64Array(cells).fill(NaN));
  for (let r = 0; r < cVar.length; r++) {
    const grid = context.get(cVar[r]);
    const j = yearIndex.get(cPer[r]);
    const i = laIndex.get(cLa[r]);
    if (!grid || j === undefined || i === undefined || cVal[r] === null) continue;
    grid[i * Y + j] = cVal[r] as number;
  }
  return context;
}

/**
 * The panel model of an outcome on each indicator (and jointly on a chosen set): two-way fixed effects
 * (LA and year) with cluster-robust SEs by LA ({@link twoWayFixedEffects}: CR1 as fixest's default, HC0 as
 * plm), the between-LA correlation beside it, BH q-values across the indicators and each indicator's role
 * by {@link PANEL_RULE}. Context variables are controls where they vary within LAs; those constant within
 * every LA (deprivation indices published once) are absorbed by the LA effects and listed as such.
 * @example
 * const a = panelAnalysis(readPackage("/tmp/england"), { outcome: "care_leavers_eet_19_21_pct", lag: 1 });
 * a.indicators.filter((r) => r.role === "candidate-lever").map((r) => r.indicator);
 */
export function panelAnalysis(given: DataPackage, spec: PanelSpec): PanelAnalysis {
  // withheld values (an unpublished indicator's small counts) are analysed as suppressed, as analyse does
  const pkg = packageAsAnalysed(given);
  const panel = buildLaYearPanel(pkg, spec);
  const se = spec.se ?? DEFAULT_PANEL_SE;
  if (se !== "cr1" && se !== "hc0") throw new InputError("panel", "--se must be cr1 or hc0", se);
  const { las, years } = panel;
  const used: string[] = [];
  const absorbed: string[] = [];
  for (const [v, grid] of panel.context) (variesWithinLas(grid, las.length, years.length) ? used : absorbed).push(v);
  const controls = used.map((v) => panel.context.get(v)!);
  // the periods the panel reads: indicator years t and outcome years t + lag
  const reorganisedIndex = reorganisedLas(pkg, las, years[0], years[years.length - 1] + (spec.lag ?? 0));
  const { labels, polarities } = catalogueLookups(pkg);
  const fits: PanelFit[] = [];
  for (const [id, grid] of panel.indicators) {
    const fit = twoWayFixedEffects(panel.outcome, [grid, ...controls], panel.unitOfCell, panel.yearOfCell, { names: [id, ...used] });
    const cells = estimationCells(grid, controls, panel.outcome, panel.unitOfCell, las.length);
    fits.push({ id, fit, reorganised: fit.n === 0 ? 0 : countReorganised(cells.perLa, reorganisedIndex), varying: cells.varyingLas });
  }
  const indicators = indicatorResults(fits, se, labels);
  const ids = [...panel.indicators.keys()];
  const nObsAlone = new Map(fits.map((f) => [f.id, f.fit.n] as const));
  const joint = (spec.joint ?? (spec.indicators !== undefined && ids.length >= 2)) && ids.length >= 1
    ? panelJoint({ outcome: panel.outcome, unitOfCell: panel.unitOfCell, yearOfCell: panel.yearOfCell, indicators: panel.indicators, controls, controlNames: used, nObsAlone }, ids, se)
    : undefined;
  const outcomeLabel = panel.outcomeSource === "indicator" ? labels.get(spec.outcome) ?? spec.outcome : spec.outcome;
  const outcomePolarity: Polarity = panel.outcomeSource === "indicator" ? polarities.get(spec.outcome) ?? "none" : "down"; // Ofsted: 1 = Outstanding
  const yearsWithOutcome = new Int32Array(las.length);
  for (let c = 0; c < panel.outcome.length; c++) if (!Number.isNaN(panel.outcome[c])) yearsWithOutcome[panel.unitOfCell[c]]++;
  const lasWithData = new Set<number>();
  for (let i = 0; i < las.length; i++) if (yearsWithOutcome[i] > 0) lasWithData.add(i);
  return {
    outcome: { id: spec.outcome, label: outcomeLabel, source: panel.outcomeSource, polarity: outcomePolarity },
    lag: spec.lag ?? 0,
    seConvention: se,
    seLabel: CLUSTER_SE_LABELS[se],
    years,
    context: { used, absorbed },
    rule: PANEL_RULE,
    alpha: PANEL_ALPHA,
    indicators,
    ...(panel.excluded ? { exclusions: { rule: OUTCOME_EXCLUSION_RULE, excluded: panel.excluded } } : {}),
    joint,
    nLas: lasWithData.size,
    lasWithRepeatedOutcome: yearsWithOutcome.filter((n) => n >= 2).length,
    reorganisedLas: [...lasWithData].filter((i) => reorganisedIndex[i]).map((i) => las[i]).sort(),
  };
}

/** One indicator's fit with the counts of reorganised LAs and of LAs whose indicator changes in its estimation sample. */
interface PanelFit {
  id: string;
  fit: TwoWayFixedEffectsResult;
  reorganised: number;
  varying: number;
}

/**
 * Per panel LA: whether its code was created or abolished by a reorganisation within the periods the panel reads
 * (areas.csv first_period after `firstPeriod`, or last_period before `lastPeriod`), so that the LA is a separate
 * unit before or after it. Any first or last period counted before: a walkthrough's 2022–2024 panel said "6 of
 * them reorganised", among them Dorset and BCP (created in 2020) and North Northamptonshire (2022), whose codes
 * did not change in those years.
 */
function reorganisedLas(pkg: DataPackage, las: readonly string[], firstPeriod: number, lastPeriod: number): boolean[] {
  const areaCodes = pkg.areas.array("la_code") as string[];
  const firsts = pkg.areas.array("first_period") as (number | null)[];
  const lasts = pkg.areas.array("last_period") as (number | null)[];
  const changedWithin = (first: number | null, last: number | null) => (first !== null && first > firstPeriod) || (last !== null && last < lastPeriod);
  const reorganisedSet = new Set(areaCodes.filter((_, r) => changedWithin(firsts[r], lasts[r])));
  return las.map((la) => reorganisedSet.has(la));
}

/** Labels and polarities of the catalogue by indicator id. */
function catalogueLookups(pkg: DataPackage): { labels: Map<string, string>; polarities: Map<string, Polarity> } {
  const ids = pkg.catalogue.array("indicator") as string[];
  const labels = pkg.catalogue.array("label") as string[];
  const polarities = pkg.catalogue.array("polarity") as Polarity[];
  return { labels: new Map(ids.map((id, r) => [id, labels[r]] as const)), polarities: new Map(ids.map((id, r) => [id, polarities[r]] as const)) };
}

/** The per-indicator rows: within estimate in the chosen convention, BH q-values within and between, and the role by PANEL_RULE. */
function indicatorResults(fits: readonly PanelFit[], se: ClusterSeConvention, labels: ReadonlyMap<string, string>): PanelIndicatorResult[] {
  const pick = (f: TwoWayFixedEffectsResult) => (se === "cr1" ? f.coefficients[0].cr1 : f.coefficients[0].hc0);
  const betweenP = fits.map(({ fit }) => correlationInference(fit.between.r[0], fit.between.nUnits, 0, 0.95).p);
  // an indicator changing within too few LAs is not judged, nor counted among the tests the q-values adjust for
  const withinQ = benjaminiHochberg(fits.map(({ fit, varying }) => (varying < MIN_VARYING_LAS ? NaN : pick(fit).p))).adjusted;
  const betweenQ = benjaminiHochberg(betweenP).adjusted;
  return fits.map(({ id, fit, reorganised, varying }, k): PanelIndicatorResult => {
    const c = fit.coefficients[0];
    const notes = [...fit.reasons];
    notes.push(...singletonNotes(fit));
    if (varying < MIN_VARYING_LAS && !Number.isNaN(c.estimate)) {
      notes.push(`the indicator changes within ${varying} LA(s) only (at least ${MIN_VARYING_LAS} needed): the within coefficient and its cluster-robust SE rest on those LAs alone, so they are not judged`);
    }
    const role: PanelRole = Number.isNaN(c.estimate) || Number.isNaN(withinQ[k])
      ? "not-estimable"
      : withinQ[k] < PANEL_ALPHA
        ? "candidate-lever"
        : betweenQ[k] < PANEL_ALPHA
          ? "marker-of-context"
          : "no-clear-association";
    // a not-estimable row's arithmetic (−1.0000, SE 9.2e-17, p 1e-79 from one LA that changed) is kept apart, never in the judged fields
    const judged = role !== "not-estimable";
    const unjudged = { se: NaN, p: NaN, df: NaN };
    return {
      indicator: id, label: labels.get(id) ?? id,
      withinCoef: judged ? c.estimate : NaN, withinSe: judged ? pick(fit).se : NaN, withinP: judged ? pick(fit).p : NaN, withinQ: withinQ[k],
      cr1: judged ? seResult(c.cr1) : unjudged, hc0: judged ? seResult(c.hc0) : unjudged,
      ...(!judged && !Number.isNaN(c.estimate) ? { withinNotJudged: { withinCoef: c.estimate, cr1: seResult(c.cr1), hc0: seResult(c.hc0) } } : {}),
      betweenR: fit.between.r[0], betweenP: betweenP[k], betweenQ: betweenQ[k], betweenLas: fit.between.nUnits,
      nObs: fit.n, nLas: fit.nUnits, nYears: fit.nTimes, singletonLas: fit.singletonUnits, singletonYears: fit.singletonTimes, missingLaYears: fit.missingCells,
      reorganisedLas: reorganised, varyingLas: varying, role, notes,
    };
  });
}
