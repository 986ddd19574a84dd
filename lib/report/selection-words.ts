/**
 * The selection's resampling design and its error bound in words, from the fields of results.json
 * (`design`, `error_bound`): one sentence each, used by the CLI summary, results.json `error_bound.statement`
 * and the report, so all three say the same.
 */

/** results.json `design` (see schemas/results.schema.json). */
export interface DesignFields {
  resampling: "complementary-pairs" | "bootstrap";
  units: number;
  resample_sizes: number[];
  slots: { label: string; las: number; used: boolean; reason?: string }[];
  min_slot_las: number;
  units_with_several_slots: number;
  /** LAs with an outcome in earlier slots only, not resampled (absent when none were left out so). */
  earlier_slots_only_left_out?: number;
  resamples: number;
  usable_resamples: number;
  test_in_resample: string;
}

/** results.json `error_bound` (see schemas/results.schema.json). */
export interface ErrorBoundFields {
  q: number;
  p: number;
  threshold: number;
  pairs: number | null;
  selected: number;
  /** Indicators at or above the threshold before the completeness, reliability and redundancy checks (absent in results written before it). */
  at_threshold?: number;
  bounds: { assumption: "none" | "unimodal" | "r-concave"; expected_false: number | null; reason?: string }[];
  /** Indicators screened, and those of them not counted in p with the reason (absent in results written before them). */
  screened?: number;
  not_selectable?: { indicator: string; reason: string }[];
}

/** Decimals of an expected number of false selections ("at most 0.4 …"). */
export const EXPECTED_FALSE_DIGITS = 1;

const ASSUMPTION_WORDS: Record<ErrorBoundFields["bounds"][number]["assumption"], string> = {
  none: "with no assumption beyond the method's (Meinshausen & Bühlmann 2010)",
  unimodal: "assuming unimodal selection frequencies (Shah & Samworth 2013)",
  "r-concave": "assuming r-concave selection frequencies (Shah & Samworth 2013)",
};

/**
 * How the resamples were drawn, in one paragraph; `outcomeUnit` says what each LA brings: a judgement (a grade,
 * the default) or an outcome value (a continuous outcome, which is not a judgement).
 * @example
 * resamplingDesignText(results.design)
 * // "500 complementary pairs of half-samples of 150 LAs (75 LAs each) …"
 */
export function resamplingDesignText(d: DesignFields, outcomeUnit: "grade" | "value" = "grade"): string {
  const sizes = d.resample_sizes.join(" and ");
  const draw =
    d.resampling === "complementary-pairs"
      ? `${d.resamples / 2} complementary pairs of half-samples of the ${d.units} LAs (${sizes} LAs each; ${d.resamples} resamples)`
      : `${d.resamples} bootstrap resamples of the ${d.units} LAs (drawn with replacement)`;
  // earlier slots no LA has (one judgement per LA) in one phrase: each had repeated the reason for a small slot
  const empty = d.slots.filter((s) => !s.used && s.las === 0);
  const slots = [
    ...d.slots.filter((s) => s.used || s.las > 0).map((s) => `${s.label}: ${s.las} LA${s.las === 1 ? "" : "s"}${s.used ? "" : ` — ${s.reason ?? "left out"}`}`),
    ...(empty.length > 0 ? [`${empty.map((s) => s.label).join(", ")}: no LA has ${outcomeUnit === "grade" ? "one" : "a value there"}`] : []),
  ].join("; ");
  const used = d.slots.filter((s) => s.used).length;
  const bring =
    used > 1
      ? `each drawn LA brings one of its own linked observations (its outcome with the indicators and context of one slot), drawn from the used slots it has (${d.units_with_several_slots} LAs have more than one)`
      : `each drawn LA brings its own ${outcomeUnit === "grade" ? "judgement" : "outcome value"} with the indicator values that go with it`;
  const notDrawn = d.earlier_slots_only_left_out ?? 0;
  const latestOnly = notDrawn > 0
    ? ` Only LAs with ${outcomeUnit === "grade" ? "a judgement" : "an outcome"} in the first slot are resampled: the ${notDrawn} LAs with one in earlier slots only ` +
      `would have outnumbered them, and the screen, whose numbers are shown, does not include those. For an outcome each LA has once, in different ` +
      `years (an inspection grade), give the year most LAs have (--period) or use the grade as an outcome (outcomes.csv), which links each LA's latest.`
    : "";
  return (
    `The LA is the unit: ${draw}; ${bring}. Slots: ${slots}.${latestOnly} ` +
    `${d.usable_resamples} of ${d.resamples} resamples usable. In a resample an indicator counts as selected when its ${d.test_in_resample}.`
  );
}

/**
 * The error bound in words: "at most X of the N selected are expected to be noise", with the assumption
 * behind X, and the other bounds after it. The headline is the unimodal bound (the default of R's stabs), or the
 * assumption-free one when that is undefined or no larger; a bound above the assumption-free one is marked as no
 * tighter (that one holds under every assumption).
 * @example
 * errorBoundText(results.error_bound)
 * // "At most 1.1 of the 4 selected indicators are expected to be noise, assuming unimodal …"
 */
export function errorBoundText(e: ErrorBoundFields): string {
  const defined = e.bounds.filter((b) => b.expected_false !== null);
  if (defined.length === 0) {
    return `No error bound: ${e.bounds[0]?.reason ?? "not computed"}.`;
  }
  const free = defined.find((b) => b.assumption === "none");
  const looser = (b: Bound) => free !== undefined && b !== free && b.expected_false! >= free.expected_false!;
  const headline = headlineBound(e.bounds)!;
  const x = (v: number) => v.toFixed(EXPECTED_FALSE_DIGITS);
  const others = defined
    .filter((b) => b !== headline)
    .map((b) => `${x(b.expected_false!)} ${ASSUMPTION_WORDS[b.assumption]}${looser(b) ? `, no tighter than the ${x(free!.expected_false!)} with no assumption, which holds under it too` : ""}`);
  const undefinedOnes = e.bounds.filter((b) => b.expected_false === null).map((b) => `${b.assumption}: ${b.reason ?? "undefined"}`);
  const weak = boundIsNoLimit(e);
  const selected = `${e.selected} selected indicator${e.selected === 1 ? "" : "s"}`;
  // with nothing selected no selection can be noise: the bound then describes the method, not this result; a bound
  // at or above the number selected ("at most 7.4 of the 5 selected") is said as what it is: no limit on this result
  const claim = e.selected === 0
    ? `No indicator was selected, so none of the selection is noise; the bound is on the method, not this result: at most ${x(headline.expected_false!)} noise indicators are expected to be selected by a screen like this`
    : weak
      ? `The expected number of noise indicators among the ${selected} is bounded only by ${x(headline.expected_false!)}, ${ASSUMPTION_WORDS[headline.assumption]}: a bound this large does not rule out that every one of them is noise`
      : `At most ${x(headline.expected_false!)} of the ${selected} ${e.selected === 1 ? "is" : "are"} expected to be noise`;
  return (
    (weak ? claim : `${claim}, ${ASSUMPTION_WORDS[headline.assumption]}`) +
    atThresholdText(e) +
    (others.length > 0 ? `; ${others.join("; ")}` : "") +
    `. (Threshold ${e.threshold}, on average ${x(e.q)} of ${e.p} indicators selected per resample${e.pairs !== null ? `, ${e.pairs} complementary pairs` : ""}` +
    `${notSelectableText(e)}${undefinedOnes.length > 0 ? `; undefined: ${undefinedOnes.join("; ")}` : ""}.)`
  );
}

type Bound = ErrorBoundFields["bounds"][number];

/**
 * What the bound is on when the completeness, reliability and redundancy checks removed some of the indicators that
 * reached the threshold: the bound is on all of those (the selected, among them, have no more noise); "" otherwise.
 * @example atThresholdText({ selected: 5, at_threshold: 6, … }) // " (the bound is on the 6 indicators at or above the threshold; 5 of them passed …)"
 */
function atThresholdText(e: ErrorBoundFields): string {
  const at = e.at_threshold;
  if (at === undefined || at <= e.selected || e.selected === 0) return "";
  return ` (the bound is on the ${at} indicators at or above the threshold; ${e.selected} of them passed the completeness, reliability and redundancy checks)`;
}

/**
 * Whether indicators were selected and the headline error bound ({@link headlineBound}) is at least their number: the
 * bound then does not rule out that every one is noise, and limits nothing (errorBoundText and the summary's caveat).
 * @example boundIsNoLimit({ selected: 5, bounds: [{ assumption: "unimodal", expected_false: 7.0 }], … }) // true
 */
export function boundIsNoLimit(e: Pick<ErrorBoundFields, "selected" | "bounds">): boolean {
  const headline = headlineBound(e.bounds);
  return e.selected > 0 && headline !== undefined && headline.expected_false! >= e.selected;
}

/**
 * Whether the headline error bound, though below the number selected, is at least half of it ("at most 8.8 of the 9
 * selected are expected to be noise"): it then limits little, and the summary says so as it does for a bound that is no
 * limit ({@link boundIsNoLimit}, which this excludes). A user trial (round 26) found 8.8 of 9, and 3.4 of 5, with no
 * caveat anywhere.
 * @example boundLimitsLittle({ selected: 9, bounds: [{ assumption: "unimodal", expected_false: 8.8 }], … }) // true
 */
export function boundLimitsLittle(e: Pick<ErrorBoundFields, "selected" | "bounds">): boolean {
  const headline = headlineBound(e.bounds);
  return e.selected > 0 && headline !== undefined && !boundIsNoLimit(e) && headline.expected_false! >= e.selected / 2;
}

/**
 * The bound an analysis states first: the unimodal one (the default of R's stabs), or the assumption-free one when
 * that is undefined or no larger — the bound with no assumption holds under every assumption, so one above it adds
 * nothing (the r-concave bound at a large q read "21.0 assuming r-concave", every screened indicator, beside 12.7
 * with none); undefined when no bound is defined.
 * @example
 * headlineBound(results.error_bound.bounds)?.expected_false // 1.1
 */
export function headlineBound(bounds: readonly Bound[]): Bound | undefined {
  const defined = bounds.filter((b) => b.expected_false !== null);
  const free = defined.find((b) => b.assumption === "none");
  const unimodal = defined.find((b) => b.assumption === "unimodal");
  if (unimodal !== undefined && (free === undefined || unimodal.expected_false! < free.expected_false!)) return unimodal;
  return free ?? defined[0];
}

/**
 * Why p is smaller than the indicators screened: "; 177 of the 180 screened indicators could be selected in a
 * resample, 3 could not — <reason>: ids" (empty when every screened indicator counts).
 */
function notSelectableText(e: ErrorBoundFields): string {
  const left = e.not_selectable ?? [];
  if (left.length === 0 || e.screened === undefined) return "";
  const byReason = new Map<string, string[]>();
  for (const l of left) byReason.set(l.reason, [...(byReason.get(l.reason) ?? []), l.indicator]);
  const reasons = [...byReason].map(([reason, ids]) => `${reason}: ${ids.join(", ")}`).join("; ");
  return `; ${e.p} of the ${e.screened} screened indicators could be selected in a resample (a resample counts only passes with the sign of the full-sample partial correlation), ${left.length} could not — ${reasons}`;
}
