/**
 * Several outcomes at once: the context-adjusted screen of the candidate indicators against each of a set of
 * continuous outcomes (`analyse --outcomes child` or a list), as an indicators × outcomes table of partial
 * correlations with Benjamini–Hochberg q-values, each outcome's noise verdict beside it, and the indicators
 * that hold across several outcomes marked ({@link HOLDS_ACROSS_MIN}, {@link HOLDS_RULE}).
 *
 * Each outcome is linked and screened exactly as `analyse --outcome ID` does it (lib/vitals/outcome-measure.ts:
 * outcome year T, indicators of T − lag, the outcome and its own measures left out); the q-values are BH
 * within each outcome (the family of one `analyse` run), so a column reads as that run's screen. No resampling
 * here: it is a map of where associations lie, to pick the outcomes worth a full `analyse`.
 */
import { InputError } from "../errors";
import type { CatalogueRow, DataPackage, Polarity } from "../data/types";
import { indicatorsWithRole } from "../data/framework";
import { outcomeFamilyOf } from "../data/outcome-families";
import { buildAnalysisFrame } from "./frame";
import { indicatorOutcomeRule } from "./outcome-measure";
import type { OutcomeNoise } from "./outcome-noise";
import { screenIndicators, type CorrelationMethod } from "./screen";

/** Significance level of a cell: BH q below this within its outcome. */
export const OUTCOMES_ALPHA = 0.05;
/** An indicator "holds across outcomes" when it is significant, in the same direction, for at least this many distinct outcomes judged precise enough. */
export const HOLDS_ACROSS_MIN = 2;
/** The marking rule in words (written into results.json and the report). */
export const HOLDS_RULE =
  `an indicator holds across outcomes (★) when its context-adjusted (partial) correlation has BH q < ${OUTCOMES_ALPHA} within the outcome, with better outcomes on the same side, ` +
  `for at least ${HOLDS_ACROSS_MIN} distinct outcomes judged precise enough at LA level (noise verdict ok: an outcome too noisy to judge indicators by, or whose noise could not be measured, is not counted), ` +
  `the measures of one family (the same children's same assessment or record: KS2 subjects, cuts of absence, SDQ bands, one figure from two sources) counting once; ` +
  `and on the other side for no outcome measure (significant on both sides it is "mixed"). holds_across counts the significant outcome measures on the larger side whatever their noise; ` +
  `holds_precise counts the distinct outcomes judged precise enough among them`;

/** Options of {@link screenOutcomes}. */
export interface OutcomesScreenOptions {
  /** Outcome indicator ids (see {@link resolveOutcomeList} for "child"). */
  outcomes: readonly string[];
  context: readonly string[];
  lag?: number;
  method?: CorrelationMethod;
  /** Candidate indicators (default: every indicator tagged practice or enabler, else every non-context indicator). */
  indicators?: readonly string[];
}

/** One cell: an indicator against one outcome. `partialR` is oriented so that positive = goes with a better outcome. */
export interface OutcomesCell {
  partialR: number;
  q: number;
  n: number;
  /** "excluded" when the indicator is the outcome or one of its own measures. */
  status: "screened" | "excluded" | "not-computable";
}

/** Result of {@link screenOutcomes}. */
export interface OutcomesScreen {
  /** `family`: the outcome family it belongs to (lib/data/outcome-families.ts; its own id when in none). */
  outcomes: { id: string; label: string; polarity: Polarity; outcomeYear: number; indicatorYear: number; nLinked: number; noise: OutcomeNoise; family: string }[];
  /** Outcomes asked for that could not be screened, and why. */
  skipped: { id: string; reason: string }[];
  /**
   * holdsAcross counts outcome measures (significant on the larger side, whatever their noise); holdsAreas names the
   * framework areas of those measures (each once, in the order of the outcomes screened; "untagged" for an outcome
   * without one). holdsPrecise names the distinct outcomes among them judged precise enough (noise code ok), one
   * per family ({@link outcomeFamilyOf}: the first measure of the family screened), and holdsPreciseAreas their areas;
   * `marked` (★) needs {@link HOLDS_ACROSS_MIN} of them and no significant measure on the other side.
   */
  indicators: {
    indicator: string; label: string; holdsAcross: number; holdsAreas: string[]; holdsPrecise: string[]; holdsPreciseAreas: string[];
    direction: "better" | "worse" | "mixed" | "none"; marked: boolean;
  }[];
  /** cells[i][o]: indicator i against outcome o. */
  cells: OutcomesCell[][];
  lag: number;
  method: CorrelationMethod;
  context: string[];
  alpha: number;
  holdsRule: string;
}

/**
 * The outcome ids of `--outcomes`: "child" = every indicator tagged child-outcome that is not a count (a count, such
 * as the numerator of a leaving-care outcome, grows with the LA's size: its rate is the outcome), else a comma list
 * of ids.
 * @example resolveOutcomeList(pkg, "child").length // 66 on the official package
 */
export function resolveOutcomeList(pkg: DataPackage, spec: string): string[] {
  const units = pkg.catalogue.array("unit") as string[];
  const counts = new Set((pkg.catalogue.array("indicator") as string[]).filter((_, r) => units[r] === "count"));
  const ids = spec.trim() === "child" ? indicatorsWithRole(pkg.catalogue, "child-outcome").filter((id) => !counts.has(id)) : spec.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (ids.length === 0) throw new InputError("--outcomes", spec.trim() === "child" ? "no indicator of the package is tagged child-outcome" : "give \"child\" or a comma-separated list of indicator ids", spec);
  return [...new Set(ids)];
}

/** Default candidates: the practice and enabler indicators when the package is tagged, else every non-context one. */
function defaultCandidates(pkg: DataPackage): string[] | undefined {
  const tagged = indicatorsWithRole(pkg.catalogue, ["practice", "enabler"]);
  return tagged.length > 0 ? tagged : undefined;
}

/**
 * Screen the candidate indicators against each outcome (see the module comment).
 * @throws InputError naming the option when an outcome id is not an indicator of the package (nearest ids)
 * @example
 * const s = screenOutcomes(pkg, { outcomes: resolveOutcomeList(pkg, "child"), context: ["idaci_score"], lag: 1 });
 * s.indicators.filter((i) => i.marked).map((i) => i.indicator);
 */
export function screenOutcomes(pkg: DataPackage, options: OutcomesScreenOptions): OutcomesScreen {
  const catalogue = pkg.catalogue.objects() as unknown as CatalogueRow[];
  const candidates = options.indicators ?? defaultCandidates(pkg) ?? catalogue.filter((c) => c.domain !== "context").map((c) => c.indicator);
  const lag = options.lag ?? 0;
  const method = options.method ?? "spearman";
  const outcomes: OutcomesScreen["outcomes"] = [];
  const skipped: OutcomesScreen["skipped"] = [];
  const columns: Map<string, OutcomesCell>[] = [];
  for (const id of options.outcomes) {
    let rule;
    try {
      rule = indicatorOutcomeRule(pkg, id, { lag });
    } catch (e) {
      // an unknown id is the user's error; an outcome without a year that pairs at this lag is skipped and listed
      if (!(e instanceof InputError)) throw e;
      if (e.message.startsWith("--outcome: must be")) throw new InputError("--outcomes", `${id}: ${e.message.replace(/^--outcome: /, "").replace(/ \(got .*\)$/, "")}`, options.outcomes.join(","));
      skipped.push({ id, reason: e.message });
      continue;
    }
    const wanted = candidates.filter((c) => c !== id);
    const frame = buildAnalysisFrame(pkg, { context: options.context, link: rule, indicators: wanted.length > 0 ? wanted : undefined, offsets: 1 });
    const screen = screenIndicators({
      indicators: frame.indicators.map((ind, j) => ({ indicator: ind.indicator, domain: ind.domain, polarity: ind.polarity, values: frame.slots[0].values[j] })),
      outcome: frame.outcome.values,
      outcomeLowerIsBetter: frame.outcomeLowerIsBetter,
      outcomeKind: frame.outcomeMeasure ? "value" : "grade",
      context: frame.context.map((c) => ({ variable: c.variable, values: c.values })),
    }, { method });
    const m = frame.outcomeMeasure!;
    outcomes.push({ id, label: m.label, polarity: m.polarity, outcomeYear: m.outcomeYear, indicatorYear: m.indicatorYear, nLinked: frame.outcome.n, noise: m.noise, family: outcomeFamilyOf(id).family });
    const column = new Map<string, OutcomesCell>();
    for (const e of m.excluded) column.set(e.indicator, { partialR: NaN, q: NaN, n: 0, status: "excluded" });
    screen.forEach((row) => column.set(row.indicator, {
      partialR: row.partialR, q: row.qBh, n: row.partialN,
      status: Number.isNaN(row.partialR) || Number.isNaN(row.qBh) ? "not-computable" : "screened",
    }));
    columns.push(column);
  }
  if (outcomes.length === 0) throw new InputError("--outcomes", `no outcome could be screened (${skipped.map((s) => `${s.id}: ${s.reason}`).join("; ")})`, options.outcomes.join(","));
  return summarise(catalogue, candidates, outcomes, skipped, columns, { lag, method, context: [...options.context] });
}

/** The table and the marks: per indicator, in how many outcomes it is significant and in which direction. */
function summarise(
  catalogue: readonly CatalogueRow[], candidates: readonly string[], outcomes: OutcomesScreen["outcomes"], skipped: OutcomesScreen["skipped"],
  columns: Map<string, OutcomesCell>[], run: { lag: number; method: CorrelationMethod; context: string[] },
): OutcomesScreen {
  const labelOf = new Map(catalogue.map((c) => [c.indicator, c.label] as const));
  const areaOf = new Map(catalogue.map((c) => [c.indicator, c.framework_area || "untagged"] as const));
  const missing: OutcomesCell = { partialR: NaN, q: NaN, n: 0, status: "not-computable" };
  const cells = candidates.map((id) => columns.map((col) => col.get(id) ?? missing));
  const indicators = candidates.map((id, i) => {
    const significant = cells[i].map((c, o) => ({ c, o })).filter(({ c }) => c.status === "screened" && c.q < OUTCOMES_ALPHA);
    const better = significant.filter(({ c }) => c.partialR > 0);
    const worse = significant.filter(({ c }) => !(c.partialR > 0));
    const direction = significant.length === 0 ? "none" : better.length === 0 ? "worse" : worse.length === 0 ? "better" : "mixed";
    const counted = better.length >= worse.length ? better : worse;
    const holdsAreas = [...new Set(counted.map(({ o }) => areaOf.get(outcomes[o].id) ?? "untagged"))];
    const precise = distinctFamilies(counted.map(({ o }) => outcomes[o]).filter((x) => x.noise.code === "ok"));
    const holdsPreciseAreas = [...new Set(precise.map((x) => areaOf.get(x.id) ?? "untagged"))];
    return {
      indicator: id, label: labelOf.get(id) ?? id, holdsAcross: counted.length, holdsAreas, holdsPrecise: precise.map((x) => x.id), holdsPreciseAreas,
      direction, marked: direction !== "mixed" && precise.length >= HOLDS_ACROSS_MIN,
    } as OutcomesScreen["indicators"][number];
  });
  return { outcomes, skipped, indicators, cells, ...run, alpha: OUTCOMES_ALPHA, holdsRule: HOLDS_RULE };
}

/** The first outcome of each family, in the order given. */
function distinctFamilies<T extends { family: string }>(outcomes: readonly T[]): T[] {
  const first = new Map<string, T>();
  for (const x of outcomes) if (!first.has(x.family)) first.set(x.family, x);
  return [...first.values()];
}

const jsonNumber = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * The results.json object of a several-outcomes screen (format {@link OUTCOMES_RESULTS_FORMAT},
 * schemas/outcomes-results.schema.json): per outcome its years, LAs and noise verdict, and per indicator its
 * cells (partial r, q, n, status) in outcome order and its mark.
 * @example JSON.stringify(outcomesScreenJson(screenOutcomes(pkg, options)))
 */
export function outcomesScreenJson(s: OutcomesScreen) {
  return {
    format: OUTCOMES_RESULTS_FORMAT,
    lag: s.lag,
    method: s.method,
    context: s.context,
    alpha: s.alpha,
    holds_rule: s.holdsRule,
    q_family: "Benjamini–Hochberg within each outcome (the candidates screened against it)",
    outcomes: s.outcomes.map((o) => ({
      id: o.id, label: o.label, family: o.family, polarity: o.polarity, outcome_year: o.outcomeYear, indicator_year: o.indicatorYear, n_linked: o.nLinked,
      noise_code: o.noise.code, mean_reliability: jsonNumber(o.noise.meanReliability), year_to_year_r: jsonNumber(o.noise.yearToYearR),
    })),
    skipped_outcomes: s.skipped,
    indicators: s.indicators.map((ind, i) => ({
      indicator: ind.indicator, label: ind.label, holds_across: ind.holdsAcross, holds_areas: ind.holdsAreas,
      holds_precise: ind.holdsPrecise.length, holds_precise_outcomes: ind.holdsPrecise, holds_precise_areas: ind.holdsPreciseAreas, direction: ind.direction, marked: ind.marked,
      cells: s.cells[i].map((c, o) => ({ outcome: s.outcomes[o].id, partial_r: jsonNumber(c.partialR), q: jsonNumber(c.q), n: c.n, status: c.status })),
    })),
  };
}

/** The `format` of a several-outcomes results.json. */
export const OUTCOMES_RESULTS_FORMAT = "vital-signs-outcomes/1";
