/**
 * The percentile analysis of the 2016 feasibility study (La Valle et al. 2016, §4.1, Tables 1–4): per LA,
 * how many indicators put it in the best and in the worst 10%, and how many LAs have 0, 1, 2, … such
 * indicators. The membership rule (polarity-aware, k = ⌈10% of n⌉, ties at the cut included) is
 * lib/indicators/ranking.ts `decileMembership`; this module only assembles it over a set of indicators.
 */
import { InputError } from "../errors";
import type { Polarity } from "../data/types";
import { DECILE_FRACTION, decileCounts, decileMembership } from "../indicators/ranking";

/** One indicator's values across LAs, with its polarity. */
export interface PolarIndicator {
  indicator: string;
  polarity: Polarity;
  /** One value per LA (aligned with the LA codes passed alongside); NaN = missing. */
  values: ArrayLike<number>;
}

/** Per LA: how many indicators put it in the best and in the worst 10%. */
export interface LaExtremes {
  laCode: string;
  best: number;
  worst: number;
  /** Indicators with a value for this LA among those judged (polarity up or down). */
  judged: number;
}

/** Result of {@link extremeMembership}. */
export interface ExtremeMembership {
  perLa: LaExtremes[];
  /** LAs with 0, 1, 2, … indicators in the best 10% (the study's Table 1) and the worst 10% (Table 3). */
  bestDistribution: { count: number; las: number; share: number }[];
  worstDistribution: { count: number; las: number; share: number }[];
  /** Per indicator: LAs with a value, group size k and the members counted (ties can exceed k). */
  perIndicator: { indicator: string; n: number; cutoff: number; nBest: number; nWorst: number; reason?: string }[];
  fraction: number;
  rule: string;
}

/**
 * Best/worst-10% membership counts per LA over a set of indicators (Tables 1–4 of the 2016 study).
 * Indicators with polarity `none` are listed with a reason and not counted.
 * @param laCodes LA codes aligned with every indicator's `values`
 * @throws InputError when no indicator is given or lengths differ
 * @example
 * const m = extremeMembership(laCodes, [{ indicator: "cla_missing_pct", polarity: "down", values }]);
 * m.bestDistribution; // [{ count: 0, las: 59, share: 0.39 }, …]
 */
export function extremeMembership(
  laCodes: readonly string[],
  indicators: readonly PolarIndicator[],
  fraction: number = DECILE_FRACTION,
): ExtremeMembership {
  if (indicators.length === 0) throw new InputError("extremeMembership", "needs at least one indicator", 0);
  for (const ind of indicators) {
    if (ind.values.length !== laCodes.length) {
      throw new InputError("extremeMembership", `${ind.indicator}: values must have one entry per LA (${laCodes.length})`, ind.values.length);
    }
  }
  const memberships = indicators.map((ind) => decileMembership(ind.values, ind.polarity, { fraction }));
  const best = decileCounts(memberships, "best");
  const worst = decileCounts(memberships, "worst");
  const perLa = laCodes.map((la_code, i): LaExtremes => ({ laCode: la_code, best: best.perLA[i], worst: worst.perLA[i], judged: best.rankedOn[i] }));
  const table = (t: typeof best.table) => t.map((r) => ({ count: r.count, las: r.las, share: r.percent / 100 }));
  return {
    perLa,
    bestDistribution: table(best.table),
    worstDistribution: table(worst.table),
    perIndicator: memberships.map((m, j) => ({
      indicator: indicators[j].indicator, n: m.n, cutoff: m.cutoff, nBest: m.bestCount, nWorst: m.worstCount,
      ...(m.reason ? { reason: m.reason } : {}),
    })),
    fraction,
    rule: memberships.find((m) => !m.reason)?.rule ?? memberships[0].rule,
  };
}
