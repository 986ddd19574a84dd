/**
 * Secondary suppression across the figures one output shows for one LA and period: a count withheld as small is
 * given back by a total and the other part beside it, or by a percentage of a count shown (a review: Leeds 2025,
 * 55 adopted, 47 with consent dispensed, 15% unopposed, the unopposed count 8 withheld: 55 − 47 = 8, 15% of 55 ≈ 8).
 * {@link secondarySuppression} says which further figures to withhold; lib/profile/secondary-withheld.ts applies it to
 * every LA-period of a package. The catalogue does not say which indicators are parts of which, so every pair of
 * counts of people shown is read as a possible total and part: a coincidence then withholds a figure that gave nothing
 * back, which is the safe side.
 *
 * Rules, each over the figures still shown, repeated until none withholds anything more (a newly withheld count is
 * protected as the small ones are, so the figures that give it back are withheld in turn):
 * - **difference of two**: a shown count a and a shown count b with a − b = w or a + b = w, w a withheld count
 *   (a small count behind a withheld figure, or a count this rule withheld): b is withheld ("the part": a = b + w, or
 *   the smaller of two parts of w). Three or more parts (a − b − c = w) are not searched: among every three counts
 *   coincidences are many more (the official package's 2025 figures: 405 withheld with three parts against 288 with
 *   two, beside 192 small); totals the catalogue names as sums would be the way to go further.
 * - **share of a base**: a shown percentage or rate p (as written: to k decimals it stands for p ± 0.5 × 10^−k) of a
 *   base T, any shown count, for which one whole count c fits (lib/disclosure/percentage-counts.ts
 *   `countsOfPercentage`), with c or T − c a withheld count: p is withheld. Of its own denominator likewise, with c or
 *   T − c a count this rule withheld (its own small counts are the one-figure rules' to judge).
 */

/** One figure shown (or withheld) for an LA-period, as {@link secondarySuppression} reads it. */
export interface LaPeriodFigure {
  /** How the figure reads: a count of people, a share (percentage or rate, `per` 100 or 10,000) or anything else. */
  kind: "count" | "share" | "other";
  /** The value as published (NaN: none). */
  value: number;
  /** A share's own denominator where it is a count of people (NaN: none). */
  base: number;
  /** 100 for a percentage, 10,000 for a rate per 10,000 (shares only). */
  per: number;
  /** Withheld already (a count of 1 … threshold − 1, or a value that gives one back). */
  withheld: boolean;
  /** The counts of people a withheld figure hides (its small value, numerator, non-events or denominator). */
  hiddenCounts: readonly number[];
}

/** A figure {@link secondarySuppression} withholds: its position, the rule and the figures that would give a count back. */
export interface SecondaryWithholding {
  figure: number;
  rule: "difference" | "share-of-base";
  /** Positions of the shown figures (total, other part, base) beside which it gives a withheld count back. */
  beside: number[];
  /** The withheld count it would give back. */
  count: number;
}

/** Positions of the shown counts by value. */
function shownCounts(figures: readonly LaPeriodFigure[], withheld: readonly boolean[]): Map<number, number[]> {
  const byValue = new Map<number, number[]>();
  figures.forEach((f, i) => {
    if (f.kind !== "count" || withheld[i] || !(f.value > 0)) return;
    const list = byValue.get(f.value);
    if (list) list.push(i);
    else byValue.set(f.value, [i]);
  });
  return byValue;
}

/** Counts b shown beside a shown a with a − b = w or a + b = w (w withheld): each b with the a it is beside. */
function differences(shown: Map<number, number[]>, hidden: ReadonlySet<number>): { b: number; a: number; w: number }[] {
  const found: { b: number; a: number; w: number }[] = [];
  for (const w of hidden) {
    for (const a of shown.keys()) {
      if (shown.has(a - w)) found.push({ b: a - w, a, w });
      // two parts of w: withhold the smaller (of two equal parts, two figures of that value, the first kept)
      if ((a < w - a && shown.has(w - a)) || (a === w - a && shown.get(a)!.length > 1)) found.push({ b: a, a: w - a, w });
    }
  }
  return found;
}

/**
 * The half-width of what a share stands for as written (p to k decimals stands for p ± 0.5 × 10^−k), read from its
 * shortest decimal text as lib/disclosure/percentage-counts.ts `countsOfPercentage` reads it.
 */
function halfUnitOf(p: number): number {
  const text = String(p);
  const decimals = /^[^eE]*\.(\d+)$/.exec(text)?.[1].length ?? (/[eE]/.test(text) ? 15 : 0);
  return 0.5 * 10 ** -decimals;
}

/**
 * The withheld count a share p (± half) of base T gives back, its events or its non-events, when one whole count fits
 * (the arithmetic of `countsOfPercentage`, with the share's text read once), or null.
 */
function shareGivesBack(p: number, half: number, per: number, base: number, hidden: ReadonlySet<number>): number | null {
  if (!Number.isInteger(base) || base <= 0 || p < 0 || p > per) return null;
  const x = (p * base) / per;
  const u = (half * base) / per + 1e-6;
  const lo = Math.max(0, Math.ceil(x - u));
  if (lo !== Math.min(base, Math.floor(x + u))) return null;
  if (hidden.has(lo)) return lo;
  return hidden.has(base - lo) ? base - lo : null;
}

/**
 * The further figures of one LA-period to withhold so that no withheld count can be given back by the rules of the
 * file's comment (differences of two counts shown, a share of a base shown), in the order found.
 * @param figures every figure of the LA-period, withheld ones marked, with the counts they hide
 * @example
 * const count = (value: number, withheld = false) => ({ kind: "count" as const, value, base: NaN, per: 1, withheld, hiddenCounts: withheld ? [value] : [] });
 * secondarySuppression([count(55), count(47), count(8, true), { kind: "share", value: 15, base: NaN, per: 100, withheld: false, hiddenCounts: [] }])
 * // [{ figure: 1, rule: "difference", beside: [0], count: 8 }, { figure: 3, rule: "share-of-base", beside: [0], count: 8 }]
 */
export function secondarySuppression(figures: readonly LaPeriodFigure[]): SecondaryWithholding[] {
  const withheld = figures.map((f) => f.withheld);
  const hidden = new Set<number>();
  for (const f of figures) if (f.withheld) for (const c of f.hiddenCounts) if (c > 0) hidden.add(c);
  // counts withheld here (not small themselves): the only ones a share's own denominator is searched for
  const withheldHere = new Set<number>();
  const found: SecondaryWithholding[] = [];
  if (hidden.size === 0) return found;
  const withhold = (i: number, rule: SecondaryWithholding["rule"], beside: number[], count: number) => {
    withheld[i] = true;
    found.push({ figure: i, rule, beside, count });
    if (figures[i].kind !== "count") return;
    hidden.add(figures[i].value);
    withheldHere.add(figures[i].value);
  };
  for (let changed = true; changed; ) {
    changed = false;
    const shown = shownCounts(figures, withheld);
    for (const { b, a, w } of differences(shown, hidden)) {
      // a pair one of whose counts an earlier pair withheld is no longer shown
      const total = shown.get(a)!.find((j) => !withheld[j]);
      if (total === undefined) continue;
      for (const i of shown.get(b)!) {
        if (withheld[i] || i === total) continue;
        withhold(i, "difference", [total], w);
        changed = true;
      }
    }
    const bases = [...shownCounts(figures, withheld)];
    figures.forEach((f, i) => {
      if (f.kind !== "share" || withheld[i] || !Number.isFinite(f.value)) return;
      const given = shareOfBases(f, bases, hidden, withheldHere);
      if (given === null) return;
      withhold(i, "share-of-base", given.beside, given.count);
      changed = true;
    });
  }
  return found;
}

/**
 * The withheld count a shown share gives back of a shown count, or of its own denominator a count withheld here (the
 * first found), or null. Of its own denominator the share's events or non-events are its own counts, which the
 * one-figure rules have judged already (shown where published, withheld where small and unpublished): a small one
 * equal to a withheld count of another figure is no more given back than the share gives it alone.
 */
function shareOfBases(
  f: LaPeriodFigure, bases: readonly [number, number[]][], hidden: ReadonlySet<number>, withheldHere: ReadonlySet<number>,
): { beside: number[]; count: number } | null {
  const half = halfUnitOf(f.value);
  const own = f.base > 0 ? shareGivesBack(f.value, half, f.per, f.base, withheldHere) : null;
  if (own !== null) return { beside: [], count: own };
  for (const [base, at] of bases) {
    const count = shareGivesBack(f.value, half, f.per, base, hidden);
    if (count !== null) return { beside: at.slice(0, 1), count };
  }
  return null;
}
