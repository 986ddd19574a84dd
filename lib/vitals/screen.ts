/**
 * The association screen: for every indicator, how strongly it goes with the outcome — by the 2016 study's
 * statistic (Multiple R and Significance F of the one-indicator OLS of the rating on the indicator), by rank
 * (Spearman ρ), by a proportional-odds model of the ordered rating, and after allowing for context (partial
 * correlation) — with Benjamini–Hochberg q-values across the screen.
 *
 * **Orientation.** Coefficients are reported against the *better* outcome: for Ofsted grades (1 Outstanding …
 * 4 Inadequate) the sign is flipped, so a positive ρ, ordinal coefficient or partial r always means "higher
 * indicator value, better rating". Multiple R is unsigned (as in the study). `direction` says it in words and
 * `polarity_agrees` compares it with the catalogue polarity (up: higher is better).
 */
import { InputError } from "../errors";
import type { Domain, Polarity } from "../data/types";
import { contextAdjustedAssociation } from "../context/adjust";
import { completeCases, pick } from "../stats/complete-cases";
import { benjaminiHochberg } from "../stats/multiple-testing";
import { ols } from "../stats/ols";
import { ordinalLogit } from "../stats/ordinal-logit";
import { spearman } from "../stats/spearman";

/** One indicator offered to the screen. */
export interface ScreenIndicator {
  indicator: string;
  domain: Domain;
  polarity: Polarity;
  /** One value per LA (aligned with the outcome); NaN = missing. */
  values: ArrayLike<number>;
}

/** Input of {@link screenIndicators}. */
export interface ScreenInput {
  indicators: readonly ScreenIndicator[];
  /** Outcome per LA as coded (e.g. Ofsted grade 1–4); NaN = no judgement. */
  outcome: ArrayLike<number>;
  /** True when a lower outcome value is better (Ofsted grades). */
  outcomeLowerIsBetter: boolean;
  /** Context variables to adjust for, each aligned with the outcome. May be empty (no adjustment). */
  context: readonly { variable: string; values: ArrayLike<number> }[];
}

/** Options of {@link screenIndicators}. */
export interface ScreenOptions {
  /** Correlation used for the adjusted association (default "spearman": ranks, robust to skewed rates). */
  method?: "pearson" | "spearman";
}

/** One row of the screen (field names are those of results.json `associations`). */
export interface ScreenRow {
  indicator: string;
  domain: Domain;
  polarity: Polarity;
  /** LAs with both the indicator and the outcome. */
  n: number;
  /** Share of LAs (rows of the frame) with a value for the indicator. */
  completeness: number;
  /** One-indicator OLS of the outcome on the indicator: Multiple R (= |r|) and Significance F. */
  multiple_r: number;
  p_f: number;
  spearman_rho: number;
  spearman_p: number;
  /** Proportional-odds log-odds of a better rating per 1 SD of the indicator, and its Wald p. */
  ordinal_coef: number;
  ordinal_p: number;
  /** Partial correlation with the better outcome given the context, its p and the rows it used. */
  partial_r: number;
  partial_p: number;
  partial_n: number;
  /** R² of the indicator on the context variables (NaN without context). */
  context_r2: number;
  /** BH q of the adjusted association (partial p) across the screen. */
  q_bh: number;
  /** BH q of the unadjusted association (Spearman p) across the screen. */
  q_bh_raw: number;
  direction: "better rating with higher value" | "better rating with lower value" | "no direction";
  /** Whether the direction matches the polarity (null for polarity none or no direction). */
  polarity_agrees: boolean | null;
  /** Why some statistics are NaN. */
  reasons: string[];
}

/**
 * Screen every indicator against the outcome (see the module comment for the statistics).
 * Missing values are dropped pairwise per statistic; each row reports the n it used.
 * @throws InputError when an indicator's values and the outcome differ in length
 * @example
 * const rows = screenIndicators({ indicators, outcome: grades, outcomeLowerIsBetter: true, context: [{ variable: "idaci_score", values: idaci }] });
 * rows.filter((r) => r.q_bh < 0.05);
 */
export function screenIndicators(input: ScreenInput, options: ScreenOptions = {}): ScreenRow[] {
  const method = options.method ?? "spearman";
  const y = input.outcome;
  const sign = input.outcomeLowerIsBetter ? -1 : 1;
  const better = Float64Array.from({ length: y.length }, (_, i) => sign * y[i]);
  const categorical = isIntegerCoded(y);
  const rows = input.indicators.map((ind): ScreenRow => {
    if (ind.values.length !== y.length) {
      throw new InputError("screenIndicators", `${ind.indicator}: values must have one entry per LA (${y.length})`, ind.values.length);
    }
    const reasons: string[] = [];
    let present = 0;
    for (let i = 0; i < ind.values.length; i++) if (!Number.isNaN(ind.values[i])) present++;
    const completeness = ind.values.length > 0 ? present / ind.values.length : NaN;
    const cc = completeCases("screenIndicators", [ind.values, y]);
    const n = cc.n;
    let multiple_r = NaN;
    let p_f = NaN;
    let spearman_rho = NaN;
    let spearman_p = NaN;
    let ordinal_coef = NaN;
    let ordinal_p = NaN;
    if (n >= 3) {
      const fit = ols(y, [ind.values]);
      multiple_r = fit.multipleR;
      p_f = fit.fP;
      reasons.push(...fit.reasons.map((r) => `OLS: ${r}`));
      const sp = spearman(ind.values, better);
      spearman_rho = sp.r;
      spearman_p = sp.p;
      if (sp.reason) reasons.push(`Spearman: ${sp.reason}`);
      if (categorical) {
        const xs = standardise(pick(ind.values, cc.rows));
        if (xs) {
          const fitO = ordinalLogit(pick(y, cc.rows), [xs]);
          const b = fitO.coefficients[0];
          // polr: beta > 0 shifts towards higher categories; flip when lower is better
          ordinal_coef = b ? (input.outcomeLowerIsBetter ? -b.estimate : b.estimate) : NaN;
          ordinal_p = b ? b.p : NaN;
          reasons.push(...fitO.reasons.map((r) => `ordinal: ${r}`));
        } else reasons.push("ordinal: the indicator is constant");
      } else reasons.push("ordinal: the outcome is not integer categories");
    } else reasons.push(`n = ${n}: at least 3 LAs with both the indicator and the outcome are needed`);
    let partial_r = NaN;
    let partial_p = NaN;
    let partial_n = n;
    let context_r2 = NaN;
    if (input.context.length > 0) {
      if (n >= input.context.length + 3) {
        const adj = contextAdjustedAssociation(ind.values, better, input.context.map((c) => c.values), { method });
        partial_r = adj.partial.r;
        partial_p = adj.partial.p;
        partial_n = adj.n;
        context_r2 = adj.contextR2;
        if (adj.partial.reason) reasons.push(`partial: ${adj.partial.reason}`);
      } else reasons.push(`partial: n = ${n} is too small for ${input.context.length} context variable(s)`);
    } else {
      // no context: the "adjusted" association is the unadjusted one (stated, not hidden)
      partial_r = spearman_rho;
      partial_p = spearman_p;
      reasons.push("partial: no context variables given, so partial_r is the unadjusted Spearman rho");
    }
    const dirStat = Number.isNaN(spearman_rho) ? partial_r : spearman_rho;
    const direction = Number.isNaN(dirStat) || dirStat === 0
      ? "no direction"
      : dirStat > 0 ? "better rating with higher value" : "better rating with lower value";
    const polarity_agrees = ind.polarity === "none" || direction === "no direction"
      ? null
      : (ind.polarity === "up") === (direction === "better rating with higher value");
    return {
      indicator: ind.indicator, domain: ind.domain, polarity: ind.polarity, n, completeness,
      multiple_r, p_f, spearman_rho, spearman_p, ordinal_coef, ordinal_p, partial_r, partial_p, partial_n, context_r2,
      q_bh: NaN, q_bh_raw: NaN, direction, polarity_agrees, reasons,
    };
  });
  const q = benjaminiHochberg(rows.map((r) => r.partial_p)).adjusted;
  const qRaw = benjaminiHochberg(rows.map((r) => r.spearman_p)).adjusted;
  return rows.map((r, j) => ({ ...r, q_bh: q[j], q_bh_raw: qRaw[j] }));
}

/** (x − mean)/sd, or null when x is constant or too short. */
function standardise(x: Float64Array): Float64Array | null {
  const n = x.length;
  if (n < 2) return null;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  if (!(sd > 0)) return null;
  return Float64Array.from(x, (v) => (v - m) / sd);
}

/** True when every non-missing value is a positive integer (ordered categories 1..K). */
function isIntegerCoded(y: ArrayLike<number>): boolean {
  let any = false;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v) || v < 1) return false;
    any = true;
  }
  return any;
}
