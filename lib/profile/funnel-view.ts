/**
 * The funnel charts of an LA profile: an indicator-period's exact and overdispersion-adjusted limits with
 * the LA highlighted, and how many LAs each set of limits flags. The funnel's input and estimate are the
 * ones the profile's funnel position uses (./funnel-input.ts, cached per index).
 */
import { observationRevealsSmallCount } from "../disclosure/suppress-indicators";
import { InputError } from "../errors";
import { funnelLimits } from "../indicators/funnel";
import { overdispersedFunnelLimits } from "../indicators/overdispersion";
import { funnelWithOverdispersion } from "../plots/profile";
import { cachedFunnelEstimate } from "./build-indicator";
import type { ProfileIndex } from "./package-index";
import { secondaryWithheld } from "./secondary-withheld";
import { PROFILE_FUNNEL_CHARTS, type LaProfile, type ProfileFunnelView } from "./types";

/**
 * A catalogue denominator as an axis title: without a trailing source column name in brackets, which is for the
 * analyst, not the reader (a walkthrough: "pupils (t_pupils)" on a funnel's axis); "Denominator" when there is none.
 * @example denominatorWords("pupils (t_pupils)") // "pupils"
 */
export function denominatorWords(denominator: string): string {
  return denominator.replace(/\s*\([a-z][a-z0-9]*_[a-z0-9_]*\)$/, "") || "Denominator";
}

/** Points of the funnel's limit curves, spread evenly on the log scale of the denominators. */
const FUNNEL_CURVE_POINTS = 60;

/**
 * The funnel of one indicator for the LA's profile period: exact limits, overdispersion-adjusted limits
 * (additive τ² when overdispersed, else the exact ones), the LA highlighted, and the flag counts.
 * Only for `percent` and `rate_per_10k` indicators; null when the indicator has no value, no funnel (too few
 * LAs with counts, no usable target: lib/profile/funnel-input.ts `funnelInput`).
 * @throws InputError when the indicator is not in the profile
 * @example
 * const f = profileFunnel(index, profile, "cin_rereferral_pct"); f?.outsideExact998; f?.outsideAdjusted998
 */
export function profileFunnel(index: ProfileIndex, profile: LaProfile, indicator: string): ProfileFunnelView | null {
  const x = profile.indicators.find((i) => i.indicator === indicator);
  if (!x) throw new InputError("profileFunnel", "indicator not in the profile", indicator);
  const cat = index.catalogue.find((c) => c.indicator === indicator);
  if (!cat || x.period === null) return null;
  const estimate = cachedFunnelEstimate(index, cat, x.period, x.england.value, profile.disclosure.threshold);
  if ("unavailable" in estimate) return null;
  const { est, choice, input } = estimate;
  const { type, multiplier: m, denominators: ns } = input;
  const byLa = index.byIndicator.get(indicator)!.get(x.period)!;
  const rows = input.codes.map((la) => [la, byLa.get(la)!] as const);
  // a point sits at its denominator and value, so its count can be read off: LAs whose counts are small are left off
  // the plot (an unpublished indicator's are out of the estimate too, cachedFunnelEstimate; a published one's stay in
  // the limits' estimate and the flag counts, its counts being public)
  const threshold = profile.disclosure.threshold;
  // and so are those whose value is withheld beside their LA's other figures (./secondary-withheld.ts)
  const secondary = secondaryWithheld(index, threshold);
  const plotted = rows.filter(([, o]) => !countsAreSmall(o, type, threshold) && !secondary.has(o));
  // the curves span the plotted LAs' denominators: over all of them, an LA left off for its small denominator was
  // the curves' first x (a withheld 7 visits)
  const spanned = plotted.length > 0 ? plotted.map(([, o]) => o.denominator) : ns;
  const lo = Math.min(...spanned), hi = Math.max(...spanned);
  const last = FUNNEL_CURVE_POINTS - 1;
  const grid = Array.from({ length: FUNNEL_CURVE_POINTS }, (_, k) => Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * k) / last));
  const target = type === "proportion" ? est.target / m : est.target;
  const exactAt = funnelLimits(target, grid, { type, multiplier: m });
  const adjustedAt = choice.method === "none" ? { ...exactAt, adjustment: "none" } : overdispersedFunnelLimits(est, grid, choice.method);
  const exactLa = funnelLimits(target, ns, { type, multiplier: m });
  const adjLa = choice.method === "none" ? exactLa : overdispersedFunnelLimits(est, ns, choice.method);
  let outsideExact998 = 0, outsideAdjusted998 = 0;
  rows.forEach(([, o], i) => {
    if (o.value > exactLa.upper998[i] || o.value < exactLa.lower998[i]) outsideExact998++;
    if (o.value > adjLa.upper998[i] || o.value < adjLa.lower998[i]) outsideAdjusted998++;
  });
  const names = new Map(index.areas.map((a) => [a.la_code, a.la_name]));
  const figure = funnelWithOverdispersion(
    plotted.map(([la, o]) => ({ la_name: names.get(la) ?? la, value: o.value, denominator: o.denominator })),
    exactAt,
    adjustedAt,
    { label: `${x.label} (${x.period})`, focus: profile.la.la_name, phi: est.phi, tau2: est.tau2, denominatorLabel: denominatorWords(cat.denominator) },
  );
  return {
    figure, indicator, period: x.period, phi: est.phi, tau2: est.tau2, adjustment: choice.method, reason: choice.reason, lasInEstimate: est.n,
    outsideExact998, outsideAdjusted998, notPlotted: rows.length - plotted.length,
  };
}

/**
 * Whether a funnel point would show a count of 1 … threshold − 1: its denominator, or its events (a rate's, a
 * percentage's numerator, or that percentage's complement d − x), from the published numerator where there is one,
 * else from value × denominator / multiplier.
 * @example countsAreSmall({ value: 15.8, numerator: NaN, denominator: 57 }, "proportion", 10) // true: 9 re-referrals
 */
export function countsAreSmall(o: { value: number; numerator: number; denominator: number }, type: "proportion" | "rate", threshold: number): boolean {
  const observation = { value: o.value, numerator: Number.isNaN(o.numerator) ? null : o.numerator, denominator: o.denominator };
  return observationRevealsSmallCount(observation, type === "proportion" ? "percent" : "rate_per_10k", threshold);
}

/**
 * Funnels for the report: the `k` indicators (percent or rate) where the LA lies farthest from the
 * target after the overdispersion adjustment.
 * @example
 * writeProfile(profile, pkg.dir, out, { funnels: profileFunnels(index, profile) });
 */
export function profileFunnels(index: ProfileIndex, profile: LaProfile, k: number = PROFILE_FUNNEL_CHARTS): ProfileFunnelView[] {
  return profile.indicators
    .filter((x) => x.funnel !== null && Number.isFinite(x.funnel.zAdjusted) && x.value !== null)
    .sort((a, b) => Math.abs(b.funnel!.zAdjusted) - Math.abs(a.funnel!.zAdjusted))
    .slice(0, k)
    .map((x) => profileFunnel(index, profile, x.indicator))
    .filter((f): f is ProfileFunnelView => f !== null);
}
