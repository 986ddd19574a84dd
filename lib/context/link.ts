/**
 * Linking outcomes to indicator periods: which judgement of which LA goes with which row of indicators.
 *
 * The rule is always explicit and recorded with the results ({@link describeLinkRule} gives it in words and
 * {@link LinkRule} in parameters), because the answer to "do indicators go with better ratings?" depends on
 * it: the 2016 feasibility study (La Valle et al. 2016, ch. 4) used each LA's *first* SIF judgement among
 * those published by 31 March 2016 against indicators for the year ending March 2015.
 *
 * Rules (dates are ISO `yyyy-mm-dd`, compared as text, which orders ISO dates correctly):
 * - `first-on-or-before`: the LA's earliest judgement of the outcome, kept only if it was published on or
 *   before `date` (an LA whose first judgement came later has no outcome).
 * - `latest-on-or-before`: the LA's most recent judgement published on or before `date`.
 * - `published-within`: the most recent judgement published in [`from`, `to`].
 * - `attached-period`: the judgement the package itself attaches to `period` (outcomes.csv `period`
 *   column; if several, the most recent).
 * - `indicator-year`: a continuous outcome, an indicator of indicators.csv: each LA's value of it in the year
 *   ending March `period` (the outcome year T), to go with the candidate indicators of year T − `lag`
 *   ({@link linkIndicatorOutcome}; `lag` 0 = the same year).
 */
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";
import { ISO_DATE } from "../data/schema";
import { yearEndingMarchOnOrBefore } from "../data/periods";

/** A rule attaching one judgement (or none) per LA. */
export type LinkRule =
  | { kind: "first-on-or-before"; outcome: string; date: string }
  | { kind: "latest-on-or-before"; outcome: string; date: string }
  | { kind: "published-within"; outcome: string; from: string; to: string }
  | { kind: "attached-period"; outcome: string; period: number }
  | { kind: "indicator-year"; outcome: string; period: number; lag: number };

/** The judgement attached to one LA. */
export interface LinkedOutcome {
  laCode: string;
  /** Outcome value (e.g. 1 Outstanding … 4 Inadequate), NaN when the rule attaches none. */
  value: number;
  label: string;
  /** Publication date of the attached judgement ("" when none). */
  date: string;
  /**
   * Period (year ending March) the judgement is attached to: the package's `period` column, or when blank
   * the latest year ending 31 March on or before publication ({@link periodBeforeDate}); NaN when none.
   */
  period: number;
  /**
   * Why the value is missing, when the package holds the LA's row without a value: its indicators.csv `status`
   * (e.g. `suppressed:c`, DfE's small numbers). Set by {@link linkIndicatorOutcome} only; absent otherwise.
   */
  status?: string;
}

/** Result of {@link linkOutcomes}: values aligned with the requested LA codes. */
export interface OutcomeLink {
  rule: LinkRule;
  /** The rule in words, for reports and results.json. */
  description: string;
  /** One entry per requested LA, in the same order. */
  linked: LinkedOutcome[];
  /** Outcome values aligned with the requested LAs (NaN = no judgement under the rule). */
  values: Float64Array;
  /** LAs with a judgement under the rule. */
  n: number;
  /** Count of LAs per outcome value (e.g. grade), ascending by value. */
  distribution: { value: number; label: string; count: number }[];
}

function checkDate(fn: string, name: string, d: string): void {
  if (!ISO_DATE.test(d)) throw new InputError(fn, `${name} must be an ISO date yyyy-mm-dd`, d);
}

/**
 * Check a rule's parameters; throws InputError on impossible ones.
 * @example checkLinkRule({ kind: "attached-period", outcome: "ofsted_sif_overall", period: 2015 }); // ok
 */
export function checkLinkRule(rule: LinkRule): void {
  const fn = "linkOutcomes";
  if (!rule || typeof rule.outcome !== "string" || rule.outcome === "") {
    throw new InputError(fn, "rule.outcome must be a non-empty outcome id", rule?.outcome);
  }
  switch (rule.kind) {
    case "first-on-or-before":
    case "latest-on-or-before":
      checkDate(fn, "rule.date", rule.date);
      return;
    case "published-within":
      checkDate(fn, "rule.from", rule.from);
      checkDate(fn, "rule.to", rule.to);
      if (rule.from > rule.to) throw new InputError(fn, `rule.from must not be after rule.to (${rule.to})`, rule.from);
      return;
    case "attached-period":
      if (!Number.isInteger(rule.period)) throw new InputError(fn, "rule.period must be an integer year", rule.period);
      return;
    case "indicator-year":
      if (!Number.isInteger(rule.period)) throw new InputError(fn, "rule.period must be an integer year", rule.period);
      if (!Number.isInteger(rule.lag) || rule.lag < 0) throw new InputError(fn, "rule.lag must be a whole number of years ≥ 0", rule.lag);
      return;
    default:
      throw new InputError(fn, "unknown rule kind", (rule as { kind: unknown }).kind);
  }
}

/**
 * The rule in words, e.g. "each LA's first ofsted_sif_overall judgement, kept if published on or before
 * 2016-03-31".
 * @example
 * describeLinkRule({ kind: "latest-on-or-before", outcome: "ofsted_ilacs_overall", date: "2025-03-31" })
 * // "each LA's latest ofsted_ilacs_overall judgement published on or before 2025-03-31"
 */
export function describeLinkRule(rule: LinkRule): string {
  checkLinkRule(rule);
  switch (rule.kind) {
    case "first-on-or-before":
      return `each LA's first ${rule.outcome} judgement, kept only if published on or before ${rule.date}`;
    case "latest-on-or-before":
      return `each LA's latest ${rule.outcome} judgement published on or before ${rule.date}`;
    case "published-within":
      return `each LA's latest ${rule.outcome} judgement published between ${rule.from} and ${rule.to} inclusive`;
    case "attached-period":
      return `the ${rule.outcome} judgement the data package attaches to period ${rule.period} (year ending March ${rule.period}); the latest if several`;
    case "indicator-year":
      return `each LA's ${rule.outcome} in the year ending March ${rule.period}, against the indicators of the year ending March ${rule.period - rule.lag}${rule.lag > 0 ? ` (lag ${rule.lag} year${rule.lag > 1 ? "s" : ""})` : " (same year)"}`;
  }
}

/** One judgement row as read from outcomes.csv. */
interface Judgement {
  value: number | null;
  label: string;
  date: string;
  period: number | null;
}

/**
 * Attach one judgement per LA under an explicit rule.
 * Judgements with a missing value are ignored (they are not judgements). The input table is not modified.
 * @param outcomes the package's outcomes table (la_code, outcome, value, label, date, period)
 * @param laCodes the LAs to link, in the order the result should have
 * @throws InputError on an impossible rule
 * @example
 * const link = linkOutcomes(pkg.outcomes, laCodes, { kind: "first-on-or-before", outcome: "ofsted_sif_overall", date: "2016-03-31" });
 * link.values; // Float64Array, NaN where the LA had no first SIF judgement by then
 */
export function linkOutcomes(outcomes: ColumnTable, laCodes: readonly string[], rule: LinkRule): OutcomeLink {
  checkLinkRule(rule);
  if (rule.kind === "indicator-year") throw new InputError("linkOutcomes", "an indicator-year rule links an indicator of indicators.csv: use linkIndicatorOutcome", rule.outcome);
  const byLa = judgementsByLa(outcomes, rule.outcome, false);
  const linked: LinkedOutcome[] = laCodes.map((code) => {
    const js = (byLa.get(code) ?? []).slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return linkedOutcome(code, pickJudgement(js, rule));
  });
  return outcomeLink(rule, describeLinkRule(rule), linked);
}

/**
 * The judgements of one outcome per LA, in table order; rows with a missing value are left out, and with
 * `datedOnly` rows without a date too.
 */
function judgementsByLa(outcomes: ColumnTable, outcome: string, datedOnly: boolean): Map<string, Judgement[]> {
  const la = outcomes.array("la_code") as string[];
  const oc = outcomes.array("outcome") as string[];
  const val = outcomes.array("value") as (number | null)[];
  const lab = outcomes.array("label") as string[];
  const dat = outcomes.array("date") as string[];
  const per = outcomes.array("period") as (number | null)[];
  const byLa = new Map<string, Judgement[]>();
  for (let r = 0; r < la.length; r++) {
    if (oc[r] !== outcome || val[r] === null || val[r] === undefined || (datedOnly && !dat[r])) continue;
    const list = byLa.get(la[r]) ?? [];
    list.push({ value: val[r], label: lab[r] ?? "", date: dat[r] ?? "", period: per[r] ?? null });
    byLa.set(la[r], list);
  }
  return byLa;
}

/** An LA's linked judgement, or the empty link (NaN value) when there is none. */
function linkedOutcome(code: string, j: Judgement | undefined): LinkedOutcome {
  return j
    ? { laCode: code, value: j.value as number, label: j.label, date: j.date, period: j.period ?? periodBeforeDate(j.date) }
    : { laCode: code, value: NaN, label: "", date: "", period: NaN };
}

function outcomeLink(rule: LinkRule, description: string, linked: LinkedOutcome[]): OutcomeLink {
  const values = Float64Array.from(linked, (l) => l.value);
  return { rule, description, linked, values, n: linked.filter((l) => !Number.isNaN(l.value)).length, distribution: distributionOf(linked) };
}

/**
 * Earlier rounds of judgements: round 0 is {@link linkOutcomes} under the rule; round r is, for each LA,
 * the judgement published just before its round r − 1 judgement (same outcome), or none. Lets an analysis
 * check that an association holds for earlier inspections too, with their own indicator periods.
 * @example
 * const [latest, previous] = linkOutcomeRounds(pkg.outcomes, laCodes, rule, 2);
 */
export function linkOutcomeRounds(outcomes: ColumnTable, laCodes: readonly string[], rule: LinkRule, rounds: number): OutcomeLink[] {
  if (!Number.isInteger(rounds) || rounds < 1) throw new InputError("linkOutcomeRounds", "rounds must be a positive integer", rounds);
  const first = linkOutcomes(outcomes, laCodes, rule);
  const out = [first];
  const byLa = judgementsByLa(outcomes, rule.outcome, true);
  for (let k = 1; k < rounds; k++) {
    const prev = out[k - 1];
    const linked = prev.linked.map((l): LinkedOutcome => {
      const before = l.date === "" ? [] : (byLa.get(l.laCode) ?? []).filter((j) => j.date < l.date).sort((a, b) => (a.date < b.date ? -1 : 1));
      return linkedOutcome(l.laCode, before[before.length - 1]);
    });
    out.push(outcomeLink(rule, `${first.description}; round ${k}: the judgement before round ${k - 1}'s`, linked));
  }
  return out;
}

/**
 * Grades and how many LAs have each, labelled by the grade's words: a judgement's label may end with what the
 * importer adds about that one inspection ("Good [ILACS Standard Inspection; inspected 2022-10-10]"), which named one
 * LA's inspection as the label of every LA with the grade; the words most LAs' labels share are kept.
 */
function distributionOf(linked: readonly LinkedOutcome[]): OutcomeLink["distribution"] {
  const counts = new Map<number, { labels: Map<string, number>; count: number }>();
  for (const l of linked) {
    if (Number.isNaN(l.value)) continue;
    const c = counts.get(l.value) ?? { labels: new Map<string, number>(), count: 0 };
    const words = l.label.replace(/\s*\[[^\]]*\]$/, "");
    c.labels.set(words, (c.labels.get(words) ?? 0) + 1);
    c.count++;
    counts.set(l.value, c);
  }
  // the most common words, the first met on a tie (Map order)
  const commonest = (labels: Map<string, number>) => [...labels].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  return [...counts].sort((a, b) => a[0] - b[0]).map(([value, c]) => ({ value, label: commonest(c.labels), count: c.count }));
}

/** Apply the rule to one LA's judgements sorted by date ascending. */
function pickJudgement(js: readonly Judgement[], rule: LinkRule): Judgement | undefined {
  switch (rule.kind) {
    case "first-on-or-before":
      return js.length > 0 && js[0].date !== "" && js[0].date <= rule.date ? js[0] : undefined;
    case "latest-on-or-before": {
      const ok = js.filter((j) => j.date !== "" && j.date <= rule.date);
      return ok[ok.length - 1];
    }
    case "published-within": {
      const ok = js.filter((j) => j.date >= rule.from && j.date <= rule.to);
      return ok[ok.length - 1];
    }
    case "attached-period": {
      const ok = js.filter((j) => j.period === rule.period);
      return ok[ok.length - 1];
    }
    case "indicator-year":
      return undefined; // refused by linkOutcomes before any judgement is picked
  }
}

/**
 * Link a continuous outcome, an indicator of indicators.csv, to each LA: its value in the rule's outcome year
 * (`rule.period`). Missing and suppressed values stay NaN. The distribution is empty (it counts grades).
 * @param indicators the package's indicators table (la_code, period, indicator, value)
 * @throws InputError on an impossible rule or a rule of another kind
 * @example
 * const link = linkIndicatorOutcome(pkg.indicators, laCodes, { kind: "indicator-year", outcome: "cla_ks4_attainment8", period: 2024, lag: 1 });
 * link.values; // Float64Array of Attainment 8 in 2024, NaN where suppressed or missing
 */
export function linkIndicatorOutcome(indicators: ColumnTable, laCodes: readonly string[], rule: LinkRule): OutcomeLink {
  checkLinkRule(rule);
  if (rule.kind !== "indicator-year") throw new InputError("linkIndicatorOutcome", "rule.kind must be indicator-year", rule.kind);
  const la = indicators.array("la_code") as string[];
  const per = indicators.array("period") as number[];
  const id = indicators.array("indicator") as string[];
  const val = indicators.array("value") as (number | null)[];
  const status = indicators.array("status") as (string | null)[];
  const valueOf = new Map<string, number>();
  const statusOf = new Map<string, string>();
  for (let r = 0; r < la.length; r++) {
    if (id[r] !== rule.outcome || per[r] !== rule.period) continue;
    if (val[r] !== null && val[r] !== undefined) valueOf.set(la[r], val[r] as number);
    else if (status[r]) statusOf.set(la[r], status[r] as string);
  }
  const linked: LinkedOutcome[] = laCodes.map((code) => {
    const v = valueOf.get(code);
    const missing = v === undefined ? statusOf.get(code) : undefined;
    return { laCode: code, value: v ?? NaN, label: "", date: "", period: v === undefined ? NaN : rule.period, ...(missing ? { status: missing } : {}) };
  });
  const values = Float64Array.from(linked, (l) => l.value);
  return { rule, description: describeLinkRule(rule), linked, values, n: valueOf.size === 0 ? 0 : linked.filter((l) => !Number.isNaN(l.value)).length, distribution: [] };
}

/**
 * Whether a lower outcome value is the better one. Ofsted grades run 1 Outstanding … 4 Inadequate, so for
 * every `ofsted_*` outcome lower is better; other outcomes are taken as higher-is-better unless stated.
 * @example outcomeLowerIsBetter("ofsted_sif_overall") // true
 */
export function outcomeLowerIsBetter(outcome: string): boolean {
  return OFSTED_OUTCOME_PREFIX.test(outcome);
}

/** Outcomes coded as Ofsted grades (1 best … 4 worst). */
const OFSTED_OUTCOME_PREFIX = /^ofsted_/;

/**
 * The latest year ending 31 March on or before a date: 2017-06-15 → 2017, 2018-02-10 → 2017. NaN for "".
 * @example periodBeforeDate("2016-03-31") // 2016
 */
export function periodBeforeDate(date: string): number {
  if (date === "") return NaN;
  checkDate("periodBeforeDate", "date", date);
  return yearEndingMarchOnOrBefore(date);
}
