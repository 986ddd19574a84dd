/**
 * What a hold-out reads of an LA in a year: its context values and its indicator values, never a context value of a
 * year after train-until. Context is read by `analyse`'s rule (lib/vitals/frame.ts, CONTEXT_RULE: the value for the
 * year needed, else the nearest year's, the earlier one on a tie), kept to years up to train-until: a need or demand
 * indicator allowed for (`--context cin_rate_per_10k`, lib/context/indicator-context.ts) has a value every year, and
 * the hold-outs had read each LA's latest (2025) value as the context of every training year, of the predictions and
 * of the neighbours of a hold-out trained until 2022. A variable published once (IDACI 2019) reads the same for every
 * year as before: trained until 2019 or later, its one year is up to train-until; trained until 2018, it has no value
 * up to train-until at all and is read at its first year, and the verdict says so (a refusal would leave a package
 * whose only deprivation measure is IoD 2019 without a hold-out before 2019).
 */
import type { DataPackage } from "../data/types";
import { columnValues } from "./column-values";
import { contextDistance } from "./frame";

/** The hold-outs' context rule, in words (their method texts quote it). */
export const HOLDOUT_CONTEXT_RULE =
  "the context variable's value for the year needed, or failing that the nearest year's value up to train-until (the earlier one on a tie; analyse's rule, never reading a year after train-until); " +
  "a variable with no value up to train-until at all (IoD 2019 in a hold-out trained until 2018) is read at its first year instead, and the verdict says so";

/** A context variable read from a year after train-until because it has no value up to it (its first year). */
export interface LateContext {
  variable: string;
  period: number;
}

/**
 * The year up to which each context variable is read: train-until, or the variable's first year when no LA has a
 * value up to train-until ({@link HOLDOUT_CONTEXT_RULE}); `late` lists those variables.
 * @example contextReadLimits(contextSeries(pkg, ["idaci_score"], las), ["idaci_score"], 2018) // { limits: [2019], late: [{ variable: "idaci_score", period: 2019 }] }
 */
export function contextReadLimits(series: readonly (readonly ContextPoint[][])[], variables: readonly string[], trainUntil: number): { limits: number[]; late: LateContext[] } {
  const late: LateContext[] = [];
  const limits = series.map((byLa, c) => {
    const first = Math.min(...byLa.map((points) => (points.length > 0 ? points[0].period : Infinity)));
    if (first <= trainUntil || first === Infinity) return trainUntil;
    late.push({ variable: variables[c], period: first });
    return first;
  });
  return { limits, late };
}

/**
 * The verdict's sentence on context read from after train-until ("" when none).
 * @example lateContextWords([{ variable: "idaci_score", period: 2019 }], 2018) // " idaci_score has no value up to 2018: …"
 */
export function lateContextWords(late: readonly LateContext[], trainUntil: number): string {
  if (late.length === 0) return "";
  const names = late.map((l) => l.variable).join(", ");
  const years = [...new Set(late.map((l) => l.period))].join(", ");
  return ` ${names} ${late.length === 1 ? "has" : "have"} no value up to ${trainUntil}: ${late.length === 1 ? "its" : "their"} first year's values (${years}), published after train-until, are read for every year, as each LA's fixed character.`;
}

/** One published context value of an LA. */
export interface ContextPoint {
  period: number;
  value: number;
}

/**
 * Every published value of each context variable, by variable then LA (index of `las`), in period order; missing and
 * suppressed values are left out.
 * @example contextSeries(pkg, ["idaci_score"], ["E06000001"])[0][0] // [{ period: 2019, value: 0.27 }]
 */
export function contextSeries(pkg: DataPackage, variables: readonly string[], las: readonly string[]): ContextPoint[][][] {
  const v = columnValues<string>(pkg.context, "variable");
  const la = columnValues<string>(pkg.context, "la_code");
  const per = columnValues<number>(pkg.context, "period");
  const val = columnValues<number | null>(pkg.context, "value");
  const index = new Map(las.map((c, i) => [c, i] as const));
  return variables.map((name) => {
    const byLa: ContextPoint[][] = las.map(() => []);
    for (let r = 0; r < v.length; r++) {
      const i = index.get(la[r]);
      if (v[r] === name && i !== undefined && val[r] !== null) byLa[i].push({ period: per[r], value: val[r] as number });
    }
    for (const points of byLa) points.sort((a, b) => a.period - b.period);
    return byLa;
  });
}

/**
 * An LA's context value read for `year` in a hold-out trained until `trainUntil` ({@link HOLDOUT_CONTEXT_RULE}): the
 * value of `year`, else of the nearest year up to `trainUntil` (the earlier one on a tie: analyse's contextDistance);
 * NaN when the LA has no value up to `trainUntil`.
 * @example contextAt([{ period: 2021, value: 1 }, { period: 2023, value: 3 }], 2022, 2022) // 1
 * @example contextAt([{ period: 2021, value: 1 }, { period: 2023, value: 3 }], 2022, 2023) // 1 (a tie: the earlier)
 * @example contextAt([{ period: 2023, value: 3 }], 2022, 2022) // NaN (nothing up to 2022)
 */
export function contextAt(points: readonly ContextPoint[], year: number, trainUntil: number): number {
  let best = NaN;
  let bestDistance = Infinity;
  for (const p of points) {
    if (p.period > trainUntil) break;
    const d = contextDistance(p.period, year);
    if (d < bestDistance) {
      bestDistance = d;
      best = p.value;
    }
  }
  return best;
}

/**
 * Each context variable's value for every LA, read for `year` up to each variable's limit ({@link contextReadLimits}:
 * the train-until year for predictions and neighbours, and for every judgement of the grades hold-out, whose context
 * is each LA's latest value up to it).
 * @example contextAtYear(contextSeries(pkg, ["idaci_score"], las), 2022, [2022])[0][0] // LA 0's IDACI
 */
export function contextAtYear(series: readonly (readonly ContextPoint[][])[], year: number, limits: readonly number[]): Float64Array[] {
  return series.map((byLa, c) => Float64Array.from(byLa, (points) => contextAt(points, year, limits[c])));
}

/**
 * Indicator values by id, keyed LA index · 10000 + year (a missing or suppressed value has no key).
 * @example indicatorsByLaYear(pkg, ["cin_rate_per_10k"], las).get("cin_rate_per_10k")!.get(0 * 10000 + 2022) // LA 0's 2022 rate
 */
export function indicatorsByLaYear(pkg: DataPackage, ids: readonly string[], las: readonly string[]): Map<string, Map<number, number>> {
  const index = new Map(las.map((c, i) => [c, i] as const));
  const out = new Map(ids.map((id) => [id, new Map<number, number>()] as const));
  const la = columnValues<string>(pkg.indicators, "la_code");
  const per = columnValues<number>(pkg.indicators, "period");
  const id = columnValues<string>(pkg.indicators, "indicator");
  const val = columnValues<number | null>(pkg.indicators, "value");
  for (let r = 0; r < la.length; r++) {
    const m = out.get(id[r]);
    const i = index.get(la[r]);
    if (m && i !== undefined && val[r] !== null) m.set(i * 10000 + per[r], val[r] as number);
  }
  return out;
}

/**
 * A change of out-of-sample R² to 3 decimals, or to 2 significant digits when it rounds to 0.000 and is not 0: "by
 * 0.000" read as the indicators ignored, where the two models' R² differed in the fifth digit with predictions up to
 * 15 points apart (a user trial, round 26).
 * @example r2ChangeText(0.0000054) // "0.0000054"
 * @example r2ChangeText(0.0123) // "0.012"
 */
export function r2ChangeText(change: number): string {
  return Math.abs(change) < 0.0005 && change !== 0 ? change.toPrecision(2) : change.toFixed(3);
}

/**
 * Decimals that tell a table's scores apart: 3, or more (up to 7) while two different scores would print alike. Two
 * models' R² of 0.0684469 and 0.0684523 had both printed as 0.068 beside "change … 0.0000054", which read as the
 * indicators ignored (a user trial, round 26).
 * @example distinguishingDecimals([0.0684469, 0.0684523, 0.12]) // 5
 * @example distinguishingDecimals([0.068, 0.068, 0.12]) // 3 (equal scores print alike)
 */
export function distinguishingDecimals(scores: readonly number[]): number {
  const finite = [...new Set(scores.filter(Number.isFinite))];
  for (let d = 3; d < 7; d++) if (new Set(finite.map((v) => v.toFixed(d))).size === finite.length) return d;
  return 7;
}
