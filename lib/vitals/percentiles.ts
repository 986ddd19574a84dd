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
  /** LAs with 0, 1, 2, … indicators in the best 10% (the study's Table 1) and the worst 10% (Table 3), of the LAs ranked on at least one indicator. */
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
  // over the LAs ranked on at least one indicator: an LA with no value in the analysis (no outcome, so no row of
  // the slot) is not "in the best 10% of none" — the care leavers judgement's 50 LAs without one had made 52 of
  // 153 LAs "0 indicators in the best 10%", where 2 of the 103 ranked are
  const ranked = perLa.filter((l) => l.judged > 0);
  const table = (side: "best" | "worst") => {
    const counts = ranked.map((l) => l[side]);
    const max = counts.reduce((a, v) => Math.max(a, v), 0);
    return Array.from({ length: max + 1 }, (_, count) => {
      const las = counts.filter((c) => c === count).length;
      // percent / 100, as decileCounts' table gave it: the same bits where every LA is ranked
      return { count, las, share: ranked.length > 0 ? (100 * las) / ranked.length / 100 : NaN };
    });
  };
  return {
    perLa,
    bestDistribution: table("best"),
    worstDistribution: table("worst"),
    perIndicator: memberships.map((m, j) => ({
      indicator: indicators[j].indicator, n: m.n, cutoff: m.cutoff, nBest: m.bestCount, nWorst: m.worstCount,
      ...(m.reason ? { reason: m.reason } : {}),
    })),
    fraction,
    rule: memberships.find((m) => !m.reason)?.rule ?? memberships[0].rule,
  };
}
