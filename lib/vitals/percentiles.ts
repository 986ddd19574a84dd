/**
 * The percentile analysis of the 2016 feasibility study (La Valle et al. 2016, §4.1, Tables 1–4): per LA,
 * how many indicators put it in the best and in the worst 10%, and how many LAs have 0, 1, 2, … such
 * indicators. The order and the cut k = ⌈10% of n⌉ are lib/indicators/ranking.ts `decileMembership`'s
 * (polarity-aware, min-tie ranks); this module assembles it over a set of indicators with the study's own
 * rule for the LAs tied at a group's cut: by default a group holds at most k LAs, those tied at the cut being in neither group (no
 * order among them says which are in the best 10%); including every LA tied at the cut had put all 151 LAs in both
 * groups of an indicator that was constant in 2019 (cla_school_midyear_moves_pct). A constant indicator places
 * nobody under either rule: it is left out of the ranking, with its reason, as a polarity-"none" indicator is.
 *
 * The study names no tie rule. Its tables count 168 best and 162 worst memberships over its 11 variables; on the
 * official 2015 data (lib/vitals/study2016.ts) at most 144 fit when no group exceeds k (the sum of the k's), 195
 * and 156 are counted when the ties at the cut are included, and Table 1 is 48/47/35/13/6/3 LAs with 0–5 best
 * memberships with ties included (published 59/47/26/14/3/3) against 84/41/21/4/2/0 without. So the
 * reproduction of the study keeps its groups as the study apparently did, ties at the cut included
 * (`tiesAtCut: "in-both"`), and says so; the analysis never lets a group exceed its share.
 */
import { InputError } from "../errors";
import type { Polarity } from "../data/types";
import { DECILE_FRACTION, decileMembership, type DecileMembership } from "../indicators/ranking";

/** One indicator's values across LAs, with its polarity. */
export interface PolarIndicator {
  indicator: string;
  polarity: Polarity;
  /** One value per LA (aligned with the LA codes passed alongside); NaN = missing. */
  values: ArrayLike<number>;
}

/**
 * Where the LAs tied at a group's cut go: "in-neither" (default: a group never exceeds k) or "in-both" (every LA
 * tied at the cut is in: the group can exceed k, as the 2016 study's tables apparently allowed; module comment).
 */
export type TiesAtCut = "in-neither" | "in-both";

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
  /** Per indicator: LAs with a value, group size k and the members counted (at most k unless ties at the cut are included). */
  perIndicator: { indicator: string; n: number; cutoff: number; nBest: number; nWorst: number; reason?: string; notRanked?: "polarity-none" | "constant" }[];
  fraction: number;
  rule: string;
}

/**
 * Best/worst-10% membership counts per LA over a set of indicators (Tables 1–4 of the 2016 study); a group
 * holds at most k = ⌈fraction·n⌉ LAs, LAs tied at the cut being in neither, unless `tiesAtCut` is "in-both"
 * (module comment).
 * Indicators with polarity `none`, or with the same value for every LA that has one, are listed with a
 * reason and not counted.
 * @param laCodes LA codes aligned with every indicator's `values`
 * @param tiesAtCut where the LAs tied at a group's cut go ({@link TiesAtCut})
 * @throws InputError when no indicator is given, lengths differ or `tiesAtCut` is neither rule
 * @example
 * const m = extremeMembership(laCodes, [{ indicator: "cla_missing_pct", polarity: "down", values }]);
 * m.bestDistribution; // [{ count: 0, las: 59, share: 0.39 }, …]
 */
export function extremeMembership(
  laCodes: readonly string[],
  indicators: readonly PolarIndicator[],
  fraction: number = DECILE_FRACTION,
  tiesAtCut: TiesAtCut = "in-neither",
): ExtremeMembership {
  if (indicators.length === 0) throw new InputError("extremeMembership", "needs at least one indicator", 0);
  if (tiesAtCut !== "in-neither" && tiesAtCut !== "in-both") throw new InputError("extremeMembership", 'tiesAtCut must be "in-neither" or "in-both"', tiesAtCut);
  for (const ind of indicators) {
    if (ind.values.length !== laCodes.length) {
      throw new InputError("extremeMembership", `${ind.indicator}: values must have one entry per LA (${laCodes.length})`, ind.values.length);
    }
  }
  const memberships = indicators.map((ind) => withinCut(decileMembership(ind.values, ind.polarity, { fraction }), ind.values, tiesAtCut));
  const perLa = laCodes.map((laCode): LaExtremes => ({ laCode, best: 0, worst: 0, judged: 0 }));
  for (const m of memberships) {
    if (m.reason) continue;
    for (let i = 0; i < perLa.length; i++) {
      perLa[i].best += m.best[i];
      perLa[i].worst += m.worst[i];
      perLa[i].judged += m.ranked[i];
    }
  }
  // over the LAs ranked on at least one indicator: an LA with no value in the analysis (no outcome, so no row of
  // the slot) is not "in the best 10% of none" — the care leavers judgement's 50 LAs without one had made 52 of
  // 153 LAs "0 indicators in the best 10%", where 2 of the 103 ranked are
  const ranked = perLa.filter((l) => l.judged > 0);
  const table = (side: "best" | "worst") => {
    const counts = ranked.map((l) => l[side]);
    const max = counts.reduce((a, v) => Math.max(a, v), 0);
    return Array.from({ length: max + 1 }, (_, count) => {
      const las = counts.filter((c) => c === count).length;
      // percent / 100, as lib/indicators/ranking.ts decileCounts' percent gives it: the shares of earlier results, bit for bit
      return { count, las, share: ranked.length > 0 ? (100 * las) / ranked.length / 100 : NaN };
    });
  };
  return {
    perLa,
    bestDistribution: table("best"),
    worstDistribution: table("worst"),
    perIndicator: memberships.map((m, j) => ({
      indicator: indicators[j].indicator, n: m.n, cutoff: m.cutoff, nBest: m.bestCount, nWorst: m.worstCount,
      ...(m.reason ? { reason: m.reason, notRanked: m.polarity === "none" ? "polarity-none" as const : "constant" as const } : {}),
    })),
    fraction,
    rule: `best/worst = the LAs whose min-tie rank (1 = best/worst) is <= ceil(${fraction} * n), n = LAs with a value; ` +
      (tiesAtCut === "in-neither"
        ? `LAs tied at the cut are in neither group, so a group never exceeds ceil(${fraction} * n)`
        : "every LA tied at the cut is in the group, which can then exceed it (as the 2016 study's tables apparently did)") +
      "; an indicator with one value for every LA is not ranked",
  };
}

/**
 * A membership of decileMembership (ties at the cut included) under the tie rule: with "in-neither", a group
 * larger than k loses the LAs sharing the value at its cut; under either rule, when every LA with a value has the
 * same value, nobody is ranked and `reason` says why.
 */
function withinCut(m: DecileMembership, values: ArrayLike<number>, tiesAtCut: TiesAtCut): DecileMembership {
  if (m.reason) return m;
  if (isConstant(values)) {
    const none = new Uint8Array(values.length);
    return {
      ...m, best: none, worst: none, ranked: none, bestCount: 0, worstCount: 0, tiesAtBestCut: false, tiesAtWorstCut: false,
      reason: `constant: every one of the ${m.n} LAs with a value has the same value, so none is better or worse than another and the indicator is not ranked`,
    };
  }
  if (tiesAtCut === "in-both") return m;
  const best = m.tiesAtBestCut ? withoutTieAtCut(m.best, values, m.polarity === "up" ? "lowest" : "highest") : m.best;
  const worst = m.tiesAtWorstCut ? withoutTieAtCut(m.worst, values, m.polarity === "up" ? "highest" : "lowest") : m.worst;
  return { ...m, best, worst, bestCount: countOnes(best), worstCount: countOnes(worst), tiesAtBestCut: false, tiesAtWorstCut: false };
}

/** The group's members without those at its cut: the members whose value is the group's lowest (or highest). */
function withoutTieAtCut(members: Uint8Array, values: ArrayLike<number>, cutEnd: "lowest" | "highest"): Uint8Array {
  let cut = cutEnd === "lowest" ? Infinity : -Infinity;
  for (let i = 0; i < members.length; i++) {
    if (members[i] === 1) cut = cutEnd === "lowest" ? Math.min(cut, values[i]) : Math.max(cut, values[i]);
  }
  return members.map((member, i) => (member === 1 && values[i] !== cut ? 1 : 0));
}

/** At least one value, and every present (non-NaN) value equal to the first. */
function isConstant(values: ArrayLike<number>): boolean {
  let first = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return false;
  }
  return !Number.isNaN(first);
}

function countOnes(flags: Uint8Array): number {
  let n = 0;
  for (const f of flags) n += f;
  return n;
}
