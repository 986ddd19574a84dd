/**
 * The results contract: what `vital-signs analyse` writes to results.json. Field names are a public
 * interface, documented in schemas/results.schema.json (JSON Schema draft 2020-12) and kept stable.
 *
 * **Missing rule.** JSON has no NaN: a statistic that could not be computed is `null`, and the
 * association's `notes` say why. Only LA-level aggregates appear — never record-level rows.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors";
import { collinearContext } from "../context/collinearity";
import { gitHeadCommit } from "../project";
import type { PackageDescriptor } from "../data/types";
import type { StabilityAssumption } from "../stats/stability-bounds";
import type { Analysis } from "./analyse";
import type { AnalysisFrame } from "./frame";
import type { DomainCoverage, ResampleTest, Selection, Verdict } from "./selection";
import { INTERVAL_METHODS, undefinedPartialNote, type ScreenRow } from "./screen";
import { outcomeMeasureFields } from "./outcome-measure-results";
import { laAccounting, type LaAccounting } from "./la-accounting";
import { append } from "../data/append";

/** Version of the results layout (bumped only on a breaking change of field names or meanings). */
export const RESULTS_FORMAT = "vital-signs-results/1";

/** Software versions recorded with every result. */
export interface Versions {
  package: string;
  node: string;
  /** `git rev-parse HEAD` of the checkout (null when not a git checkout). */
  commit: string | null;
}

/**
 * Versions of this package, Node and the git commit of `root` (null when not a git checkout).
 * @example collectVersions(PROJECT_ROOT) // { package: "0.1.0", node: "v22.…", commit: "c69d306…" }
 */
export function collectVersions(root: string): Versions {
  let pkgVersion = "unknown";
  const pj = path.join(root, "package.json");
  if (fs.existsSync(pj)) pkgVersion = (JSON.parse(fs.readFileSync(pj, "utf8")) as { version?: string }).version ?? "unknown";
  const head = gitHeadCommit(root);
  const commit = head.ok ? head.out : null;
  return { package: pkgVersion, node: process.version, commit };
}

/**
 * A number for JSON: NaN and ±Infinity become null.
 * @example jsonNumber(NaN) // null
 */
export function jsonNumber(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/**
 * Writes a verdict's reason in words (lib/report/verdict-words.ts `verdictReason`; the words live in the
 * report layer, so the caller passes them in).
 */
export type VerdictReasonWriter = (verdict: Verdict, selection: Selection) => string;

/**
 * The words results.json carries beside its numbers, written in the report layer (lib/report/results-words.ts
 * `resultsWords`) and passed in, so lib/vitals computes numbers and codes only.
 */
export interface ResultsWords {
  /** `vital_signs[].reason` (lib/report/verdict-words.ts `verdictReason`). */
  verdictReason: VerdictReasonWriter;
  /** `domain_coverage[].note` (lib/report/results-words.ts `domainCoverageNote`). */
  domainCoverageNote: (coverage: DomainCoverage) => string;
  /** `design.test_in_resample` (lib/report/results-words.ts `resampleTestText`). */
  resampleTest: (test: ResampleTest) => string;
}

/** The results object (see schemas/results.schema.json for every field). */
export type Results = ReturnType<typeof toResults>;

/**
 * Build the results.json object from an analysis.
 * @param descriptor the package's datapackage.json (for name and sha256 of resources)
 * @param words writes the verdicts' reasons, the domain notes and the per-resample test (lib/report/results-words.ts `resultsWords`)
 * @example
 * const results = toResults(analysis, pkg.descriptor, collectVersions(PROJECT_ROOT), resultsWords);
 * fs.writeFileSync("out/results.json", JSON.stringify(results, null, 2));
 */
export function toResults(a: Analysis, descriptor: PackageDescriptor, versions: Versions, words: ResultsWords) {
  const f = a.frame;
  const sel = a.selection;
  return {
    format: RESULTS_FORMAT,
    dataset: {
      name: descriptor.name,
      title: descriptor.title,
      created: descriptor.created,
      resources: descriptor.resources.map((r) => ({ name: r.name, rows: r.rows, sha256: r.hash.replace(/^sha256:/, "") })),
    },
    ...outcomeAndLinkFields(f),
    ...frameFields(a),
    bootstrap_offsets: sel.bootstrapOffsets,
    seed: sel.seed,
    resamples: sel.resamples,
    settings: settingsFields(sel),
    versions,
    associations: a.screen.map((r, j) => ({
      ...associationFields(r, f.indicators[j].label),
      reliability: jsonNumber(a.reliability[j].r),
      reliability_pairs: a.reliability[j].nPairs,
      suppressed_las: a.suppressedLas[j],
      stability: {
        mean_partial_r: jsonNumber(a.stability[j].mean),
        sd_partial_r: jsonNumber(a.stability[j].sd),
        sign_agreement: jsonNumber(a.stability[j].signAgreement),
        periods: a.stability[j].nPeriods,
      },
      notes: [...r.reasons, ...(a.reliability[j].reason ? [`reliability: ${a.reliability[j].reason}`] : [])],
    })),
    context_associations: a.contextScreen.map((r) => ({ ...associationFields(r, r.indicator), notes: r.reasons })),
    percentiles: percentileFields(a),
    vital_signs: sel.verdicts.map((v) => ({
      indicator: v.indicator,
      domain: v.domain,
      selected: v.selected,
      selection_frequency: v.selectionFrequency,
      code: v.code,
      reason: words.verdictReason(v, sel),
      failures: v.failures.map((failure) => ({ criterion: failure.criterion, value: jsonNumber(failure.value), limit: failure.limit })),
      ...(v.redundantWith ? { redundant_with: v.redundantWith } : {}),
      ...(v.standsInFor ? { stands_in_for: v.standsInFor } : {}),
    })),
    domain_coverage: sel.domainCoverage.map((d) => ({ domain: d.domain, selected: d.selected, note: words.domainCoverageNote(d) })),
    design: designFields(sel, words),
    la_accounting: laAccountingFields(laAccounting(f, sel.design, sel.bootstrapOffsets)),
    error_bound: errorBoundFields(a),
  };
}

/** results.json `la_accounting`: the LA counts of each step and every LA left out, with the reason (lib/vitals/la-accounting.ts). */
function laAccountingFields(acc: LaAccounting) {
  return {
    period: acc.period,
    package_las: acc.packageLas,
    period_las: acc.periodLas,
    linked: acc.linked,
    analysed: acc.analysed,
    left_out: acc.leftOut.map((l) => ({
      la_code: l.laCode, la_name: l.laName, reason: l.reason,
      ...(l.reason === "no-context" ? { context_missing: l.variables } : {}),
      ...(l.reason === "outcome-suppressed" ? { outcome_status: l.status } : {}),
      ...(l.reason === "not-in-period" ? { first_period: l.firstPeriod, last_period: l.lastPeriod } : {}),
    })),
    earlier_slots_only: acc.earlierSlotsOnly.map((l) => ({ la_code: l.laCode, la_name: l.laName })),
    // absent when no LA's outcome is suppressed (an Ofsted grade never is), so those results are as before
    ...(acc.outcomeSuppressedLatest.length > 0 ? { outcome_suppressed_latest: acc.outcomeSuppressedLatest } : {}),
  };
}

/** results.json `outcome` and `link_rule`. */
function outcomeAndLinkFields(f: AnalysisFrame) {
  const rule = f.outcome.rule;
  const { kind, ...parameters } = rule;
  return {
    outcome: {
      id: rule.outcome,
      lower_is_better: f.outcomeLowerIsBetter,
      n_linked: f.outcome.n,
      n_las: f.laCodes.length,
      distribution: f.outcome.distribution.map((d) => ({ value: d.value, label: d.label, las: d.count })),
    },
    link_rule: { kind, parameters, description: f.outcome.description, judgements_published: judgementDates(f) },
    ...(f.outcomeMeasure ? { outcome_measure: outcomeMeasureFields(f)! } : {}),
  };
}

/** results.json `context`, `period`, `periods`, `values_used`, `correlation` and `alignment`. */
function frameFields(a: Analysis) {
  const f = a.frame;
  const method = a.screen[0]?.method ?? a.contextScreen[0]?.method ?? a.selection.settings.method;
  return {
    context: {
      variables: f.context.map((c) => c.variable),
      rule: f.contextRule,
      periods_used: Object.fromEntries(f.context.map((c) => [c.variable, c.periodsUsed])),
      collinear_pairs: collinearContext(f.context).map((p) => ({ a: p.a, b: p.b, r: p.r, n: p.n })),
      ...(f.context.some((c) => c.label !== undefined) ? { labels: Object.fromEntries(f.context.filter((c) => c.label !== undefined).map((c) => [c.variable, c.label!])) } : {}),
    },
    period: periodOfValuesUsed(f),
    periods: f.periods,
    values_used: valuesUsed(f),
    correlation: {
      method,
      interval: INTERVAL_METHODS[method],
      sample: "raw_r and partial_r use the same LAs: those with the indicator, the outcome and every context variable (n_complete); n counts LAs with the indicator and the outcome",
    },
    alignment: { kind: f.alignment, description: f.alignmentRule, offsets: f.offsets, slots: f.slots.map((s) => ({ label: s.label, n_linked: s.outcome.n })) },
    candidate_rule: f.candidateRule,
  };
}

/** results.json `percentiles` (the 2016 Tables 1–4). */
function percentileFields(a: Analysis) {
  const f = a.frame;
  return {
    fraction: a.percentiles.fraction,
    rule: a.percentiles.rule,
    indicators: a.percentiles.perIndicator.map((p) => ({
      indicator: p.indicator, n: p.n, cutoff: p.cutoff, n_best: p.nBest, n_worst: p.nWorst,
      ...(p.reason ? { reason: p.reason } : {}),
    })),
    per_la: a.percentiles.perLa.map((l, i) => ({ la_code: l.laCode, la_name: f.laNames[i], best: l.best, worst: l.worst, judged: l.judged })),
    best_distribution: a.percentiles.bestDistribution.map((d) => ({ indicators: d.count, las: d.las, share: d.share })),
    worst_distribution: a.percentiles.worstDistribution.map((d) => ({ indicators: d.count, las: d.las, share: d.share })),
  };
}

/** results.json `settings`: the selection's thresholds (their keys are camelCase in results.json too, as published). */
function settingsFields(sel: Selection) {
  const s = sel.settings;
  return { alpha: s.alpha, threshold: s.threshold, minCompleteness: s.minCompleteness, minReliability: s.minReliability, redundancyR: s.redundancyR, method: s.method };
}

/** results.json `design`: the resampling as it ran. */
function designFields(sel: Selection, words: ResultsWords) {
  return {
    resampling: sel.design.resampling,
    unit: sel.design.unit,
    units: sel.design.units,
    resample_sizes: sel.design.resampleSizes,
    slots: sel.design.slots.map((s) => ({ label: s.label, las: s.las, used: s.used, ...(s.reason ? { reason: s.reason } : {}) })),
    min_slot_las: sel.design.minSlotLas,
    units_with_several_slots: sel.design.unitsWithSeveralSlots,
    // absent when none were left out so, so those results are as before
    ...(sel.design.earlierOnlyLeftOut > 0 ? { earlier_slots_only_left_out: sel.design.earlierOnlyLeftOut } : {}),
    resamples: sel.design.resamples,
    usable_resamples: sel.design.usable,
    test_in_resample: words.resampleTest(sel.design.resampleTest),
  };
}

/**
 * results.json `error_bound` (its `statement` in words is added by the caller: lib/report/selection-words.ts), with
 * the screened indicators not counted in `p` and the screen's note saying why their partial correlation is undefined.
 */
function errorBoundFields(a: Analysis) {
  const sel = a.selection;
  const screened = new Map(a.screen.map((r) => [r.indicator, r] as const));
  return {
    q: sel.errorBound.q,
    p: sel.errorBound.p,
    threshold: sel.errorBound.threshold,
    pairs: Number.isFinite(sel.errorBound.pairs) ? sel.errorBound.pairs : null,
    selected: sel.errorBound.selected,
    at_threshold: sel.errorBound.atThreshold,
    bounds: sel.errorBound.bounds.map((b) => ({
      assumption: b.assumption,
      expected_false: jsonNumber(b.expectedFalse),
      reference: BOUND_REFERENCES[b.assumption],
      ...(b.reason ? { reason: b.reason } : {}),
    })),
    screened: a.screen.length,
    not_selectable: sel.errorBound.notSelectable.map((indicator) => ({ indicator, reason: notSelectableReason(screened.get(indicator)!, a.frame.context.length > 0) })),
  } as {
    q: number; p: number; threshold: number; pairs: number | null; selected: number; at_threshold?: number;
    bounds: { assumption: StabilityAssumption; expected_false: number | null; reference: string; reason?: string }[];
    screened: number; not_selectable: { indicator: string; reason: string }[]; statement?: string;
  };
}

/**
 * Why a screened indicator cannot be selected in a resample (lib/vitals/selection.ts canBeSelected): its partial
 * correlation is 0, or undefined for the reason the screen noted — with context variables the partial's note,
 * without them the raw correlation's (partial_r is then the raw r).
 */
function notSelectableReason(row: ScreenRow, adjusted: boolean): string {
  const coefficient = adjusted ? "partial correlation" : "correlation";
  if (row.partialR === 0) return `its full-sample ${coefficient} is 0, so it has no sign for a resample to agree with`;
  const note = undefinedPartialNote(row, adjusted);
  return `no full-sample ${coefficient}${note ? ` (${note})` : ""}`;
}

/** Where each stability-selection bound comes from (recorded with it in results.json). */
export const BOUND_REFERENCES: Record<StabilityAssumption, string> = {
  none: "Meinshausen & Bühlmann (2010), JRSS-B 72:417–473, Theorem 1: E(V) ≤ q²/((2τ−1)p)",
  unimodal: "Shah & Samworth (2013), JRSS-B 75:55–80, Theorem 2 (unimodality), complementary pairs; as R stabs assumption = \"unimodal\"",
  "r-concave": "Shah & Samworth (2013), JRSS-B 75:55–80, Theorem 3 (r-concavity), complementary pairs; as R stabs assumption = \"r-concave\"",
};
/** The fields of a screen row in results.json (associations and context_associations). */
function associationFields(r: ScreenRow, label: string) {
  return {
    indicator: r.indicator,
    label,
    role: r.role,
    domain: r.domain,
    polarity: r.polarity,
    n: r.n,
    n_complete: r.nComplete,
    method: r.method,
    raw_r: jsonNumber(r.rawR),
    raw_r_lower: jsonNumber(r.rawRLower),
    raw_r_upper: jsonNumber(r.rawRUpper),
    raw_p: jsonNumber(r.rawP),
    multiple_r: jsonNumber(r.multipleR),
    p_f: jsonNumber(r.significanceF),
    spearman_rho: jsonNumber(r.spearmanRho),
    spearman_p: jsonNumber(r.spearmanP),
    ordinal_coef: jsonNumber(r.ordinalCoef),
    ordinal_p: jsonNumber(r.ordinalP),
    partial_r: jsonNumber(r.partialR),
    partial_r_lower: jsonNumber(r.partialRLower),
    partial_r_upper: jsonNumber(r.partialRUpper),
    partial_p: jsonNumber(r.partialP),
    partial_n: r.partialN,
    q_bh: jsonNumber(r.qBh),
    q_bh_raw: jsonNumber(r.qBhRaw),
    completeness: jsonNumber(r.completeness),
    context_r2: jsonNumber(r.contextR2),
    direction: r.direction,
    polarity_agrees: r.polarityAgrees,
  };
}

/** The LAs of the screen's slot with a linked judgement and at least one indicator value, by the period of those values. */
function linkedRowPeriods(f: AnalysisFrame): number[] {
  const s0 = f.slots[0];
  const out: number[] = [];
  for (let i = 0; i < f.laCodes.length; i++) {
    if (Number.isNaN(s0.outcome.values[i]) || Number.isNaN(s0.rowPeriod[i])) continue;
    if (s0.values.some((v) => !Number.isNaN(v[i]))) out.push(s0.rowPeriod[i]);
  }
  return out;
}

/**
 * The `period` of results.json: the period of the indicator values the screen used — the analysis period
 * under `analysis-period`; under `judgement-period` the latest period of any linked LA's values (all of
 * them when every LA's values are from one year; `values_used` gives the distribution). Falls back to the
 * frame's period when no LA is linked.
 */
function periodOfValuesUsed(f: AnalysisFrame): number {
  if (f.alignment === "analysis-period") return f.period;
  const used = linkedRowPeriods(f);
  return used.length > 0 ? Math.max(...used) : f.period;
}

/** Which periods the indicator values the screen used come from, with the number of linked LAs per period (context: see context.periods_used). */
function valuesUsed(f: AnalysisFrame) {
  const counts = new Map<number, number>();
  for (const p of linkedRowPeriods(f)) counts.set(p, (counts.get(p) ?? 0) + 1);
  return {
    indicator_periods: [...counts].sort((x, y) => x[0] - y[0]).map(([period, las]) => ({ period, las })),
  };
}

/** Publication dates of the judgements the rule linked (first and last), or null when none. */
function judgementDates(f: AnalysisFrame): { first: string; last: string; judgements: number } | null {
  const dates = f.outcome.linked.filter((l) => !Number.isNaN(l.value) && l.date !== "").map((l) => l.date).sort();
  return dates.length > 0 ? { first: dates[0], last: dates[dates.length - 1], judgements: dates.length } : null;
}

/** The subset of JSON Schema that {@link validateAgainstSchema} understands. */
export interface JsonSchema {
  type?: string | string[];
  required?: string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  const?: unknown;
  [other: string]: unknown;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/**
 * Check a value against a JSON Schema using only: type (incl. arrays of types and "integer"), required,
 * properties, additionalProperties, items, enum, const, minimum, maximum. Returns the list of problems
 * as "path: message" (empty when valid). Keywords outside this subset are rejected, so a schema can never
 * claim a rule that is not checked.
 * @example
 * validateAgainstSchema({ a: 1 }, { type: "object", required: ["a", "b"] }) // ["$: missing required property \"b\""]
 */
export function validateAgainstSchema(value: unknown, schema: JsonSchema, at = "$"): string[] {
  const known = new Set(["type", "required", "properties", "additionalProperties", "items", "enum", "const", "minimum", "maximum", "description", "title", "$schema", "$id", "$comment", "examples"]);
  for (const key of Object.keys(schema)) {
    if (!known.has(key)) throw new InputError("validateAgainstSchema", `unsupported keyword at ${at}`, key);
  }
  const problems: string[] = [];
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const ok = types.some((s) => s === t || (s === "number" && t === "integer"));
    if (!ok) return [`${at}: expected ${types.join(" or ")}, got ${t}`];
  }
  if (schema.const !== undefined && value !== schema.const) problems.push(`${at}: expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.some((e) => e === value)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${at}: ${value} < minimum ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${at}: ${value} > maximum ${schema.maximum}`);
  }
  if (t === "object") {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) problems.push(`${at}: missing required property "${r}"`);
    for (const [k, v] of Object.entries(obj)) {
      const sub = schema.properties?.[k];
      if (sub) append(problems, validateAgainstSchema(v, sub, `${at}.${k}`));
      else if (schema.additionalProperties === false) problems.push(`${at}: unexpected property "${k}"`);
      else if (typeof schema.additionalProperties === "object") append(problems, validateAgainstSchema(v, schema.additionalProperties, `${at}.${k}`));
    }
  }
  if (t === "array" && schema.items) {
    (value as unknown[]).forEach((v, i) => append(problems, validateAgainstSchema(v, schema.items!, `${at}[${i}]`)));
  }
  return problems;
}
