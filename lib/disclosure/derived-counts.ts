/**
 * Counts worked back from a share published without its denominator, for the disclosure scanner's differencing rule
 * (./differencing.ts). A hostile review (round 24, H5) ran `returns` twice, the second time with one child more, and
 * gave that child back from the two packages' intervals.csv alone (value, lower, upper, 95%, Wilson: 301 of 2971 and
 * 302 of 2972 had a missing incident, so the added child went missing), or from the values alone, written to 17
 * digits (12.999540652273772 is 283 of 2177 and 12.993572084481176 is 283 of 2178); the scan compared counts only
 * where a table wrote its denominator.
 *
 * - From a share and its Wilson bounds ({@link wilsonCounts}): the Wilson interval of x of n at normal quantile z has
 *   centre c = (x + z²/2) / (n + z²) and half-width w = z·√(z² + 4x(1 − x/n)) / (2(n + z²)). With m = n + z² and
 *   k = w² + c(1 − c), eliminating x gives (4w²/z²)·m² − 4k·m + z² = 0, whose larger root is the denominator:
 *   n = z²·(k + √(k² − w²)) / (2w²) − z², and x = c·(n + z²) − z²/2 (= value × n). Every (x, n) near it that
 *   reproduces the written value, lower and upper bounds (each to within half a unit of its last written digit) is
 *   tried; one is taken only when it is the only one, so bounds rounded too coarsely to tell n apart give nothing.
 * - From a share's digits alone ({@link countsOfShareDigits}): a value written to 12 or more significant digits
 *   (JavaScript and pandas write 16 or 17, R's write.csv 15) is the fraction x/n with the smallest denominator whose
 *   share, worked out in doubles as x / n × 100 (or 100x / n) and written to as many digits, gives the same digits
 *   (the Stern–Brocot search of the interval the digits stand for, in exact integers). It is taken only when n is at
 *   most {@link DIGITS_MAX_DENOMINATOR} and small enough that a number that is no such fraction (a mean score, a
 *   ratio of two measurements) fits one by chance less than once in {@link DIGITS_CHANCE_LIMIT}⁻¹ values: of the
 *   ≈ 3N²/π² fractions of [0, 1] with denominators up to N, an interval of width δ holds one with probability
 *   ≈ 3N²δ/π². A value of 6 digits or fewer (41.7, 62.5) gives nothing: many fractions fit it. The fraction is in its
 *   lowest terms: counts with a common factor (40 of 100) come back as the smaller pair (2 of 5), which the
 *   differencing rule takes k times over when that meets another count of the same key (./differencing.ts).
 * - A value of {@link PAIR_MIN_SHARE_DIGITS} to 11 digits gives its fraction (n ≤ {@link DIGITS_MAX_DENOMINATOR}) for
 *   the differencing rule's pairs only (round 25's hostile read, S1-7: `round(x, 6)` of two runs' shares, 12.999541 and
 *   12.993572, are 283/2177 and 283/2178, and gave nothing). Alone such a fraction means little: an interval of width
 *   δ ≈ 10⁻⁷ (7 digits of a share near 13%) holds some fraction of denominator ≤ ≈ δ^−½ ≈ 3,000 whatever the value.
 *   But a pair needs a second value, of the same LA, period and item, whose fraction is one of the few the pair test
 *   allows beside the first: the same denominator and a count 1 … T − 1 away (2(T − 1) fractions), or a denominator
 *   r = 1 … T − 1 away and a count at most r away (2(T² − 1)), 2(T − 1)(T + 2) = 216 fractions at the threshold T = 10
 *   (about as many again for the multiples k·x / k·n). A second value that is no such fraction, spread over the
 *   shares 0 … 1, lands within its δ of one of them with chance ≤ 216δ: ≈ 2 × 10⁻⁵ at 7 digits of a share of
 *   10–100%, 2 × 10⁻⁶ at 8 (a share of 1–10% at 7 digits has δ ≈ 10⁻⁸ already). Two values that are close by nature
 *   (one item's two runs) raise it by one over their spread: within a percentage point of each other, ≈ 2 × 10⁻³ at
 *   7 digits, which a false pair costs a look at, not a publication. Measured: of 20,000 keys with two random
 *   percentages of 10–90% written to 7 digits, the second within 1 point of the first, 28 were reported as pairs
 *   (1.4 × 10⁻³); within 10 points, or at 8 digits, none. Such counts are therefore compared with the pair
 *   test only (./differencing.ts: not with denominators further apart, and "whatever the counts" does not hold for
 *   them); a count for use on its own still needs {@link MIN_SHARE_DIGITS} digits.
 *
 * Clopper–Pearson (exact binomial) bounds are not worked back: the workbench writes none (its `exact` method is the
 * Poisson interval of a rate per 10,000, whose denominator, a population, is published anyway).
 */
import { normaliseHeader } from "../data/own-data/read-table";
import { normalQuantile } from "../stats/distributions";
import { wilsonLimits } from "../stats/wilson";

/** What a derived count was worked back from (a message names it: "the value and its 95% Wilson bounds", "the value's 16 digits"). */
export type CountDerivation = { from: "wilson"; conf: number } | { from: "digits"; digits: number; multiple?: number };

/** A count and denominator worked back from a share. */
export interface DerivedCount {
  numerator: number;
  denominator: number;
  derived: CountDerivation;
}

/** The confidence level of a table's intervals when it has no `conf` column: the package's (lib/indicators/intervals.ts CONFIDENCE_95). */
export const DEFAULT_INTERVAL_CONF = 0.95;
/**
 * Largest denominator worked back from a value's digits: an LA's children in any one group (looked after, in need,
 * care leavers, a year group of pupils) are fewer than 100,000, and a larger bound would let a value that is no
 * fraction of people fit one by chance more often (the chance grows as the square of the bound).
 */
export const DIGITS_MAX_DENOMINATOR = 100_000;
/** Fewest significant digits of a value worked back from its digits alone (a rounded value fits many fractions). */
export const MIN_SHARE_DIGITS = 12;
/**
 * Fewest significant digits of a value worked back from its digits for the differencing rule's pair test only: the
 * second value of a pair must fit one of the few fractions the test allows beside the first (see the file's comment).
 */
export const PAIR_MIN_SHARE_DIGITS = 7;
/** Most significant digits read (no program writes more than 17 that mean anything; toPrecision takes at most 100). */
const MAX_SHARE_DIGITS = 40;
/** Greatest chance, per value, that a number that is no fraction of people fits one of the denominators allowed. */
export const DIGITS_CHANCE_LIMIT = 1e-5;
/** Largest denominator worked back from Wilson bounds: no group of an LA's children is near a million. */
export const WILSON_MAX_DENOMINATOR = 1_000_000;
/** Most denominators tried for one row's Wilson bounds: a wider range comes from bounds rounded too coarsely to tell n. */
export const WILSON_MAX_CANDIDATES = 500;
/**
 * Most (x, n) whose Wilson bounds are worked out for one row (each ≈ 10 ns): a value written to fewer digits than its
 * bounds (`10` beside bounds of 5 decimals, a hostile file's rows) would otherwise try thousands of counts per denominator.
 */
export const WILSON_MAX_TRIALS = 5_000;
/** Slack, relative to the value, for a bound worked out by another program (R, PHEindicatormethods) in another order. */
const FLOAT_SLACK = 1e-12;

/** A number as written: its value, its digits as an integer's and the power of ten of the last (value = mantissa × 10^exponent). */
interface WrittenNumber {
  value: number;
  /** The digits written, without the point, and the sign: `-1250` for -12.50. */
  mantissa: string;
  exponent: number;
  /** Significant digits written (trailing zeros included: `12.50` has 4). */
  digits: number;
}

const NUMBER_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

/** A cell read as a written decimal number, or null when it is not one. */
function writtenNumber(text: string | undefined): WrittenNumber | null {
  const m = NUMBER_RE.exec((text ?? "").trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const all = m[2] + (m[3] ?? "");
  const significant = all.replace(/^0+/, "");
  return { value: Number((text ?? "").trim()), mantissa: m[1] === "-" ? `-${all}` : all, exponent: Number(m[4] ?? 0) - (m[3] ?? "").length, digits: significant.length };
}

/** Half a unit of the last digit written: how far the number written may be from the one it stands for. */
const halfUnit = (w: WrittenNumber) => 0.5 * 10 ** w.exponent;

/** The normal quantile of a two-sided confidence level (lib/indicators/intervals.ts zForConfidence). */
const zOf = (conf: number) => normalQuantile(conf + (1 - conf) / 2);


/**
 * The denominator n of a Wilson interval from its centre c and half-width w (shares), at normal quantile z:
 * n = z²·(k + √(k² − w²)) / (2w²) − z², k = w² + c(1 − c) (the file's comment derives it).
 * @example
 * wilsonDenominator(0.5, 0.1, 1.959963984540054) // ≈ 92.2: 46 of 92 has Wilson bounds 0.4 … 0.6 or so
 */
export function wilsonDenominator(c: number, w: number, z: number): number {
  return denominatorOfK(w * w + c * (1 - c), w, z);
}

/** n from k = w² + c(1 − c) and w: increasing in k, decreasing in w (k ≥ w holds for real bounds; a box of bounds may pair them otherwise). */
const denominatorOfK = (k: number, w: number, z: number) => (z * z * (k + Math.sqrt(Math.max(0, k * k - w * w)))) / (2 * w * w) - z * z;

/**
 * The range of denominators whose Wilson bounds may be written as lower and upper (shares, each within its tolerance).
 * With bounds a ≤ b, k = w² + c(1 − c) = (a + b)/2 − ab and w = (b − a)/2: both are extreme at corners of the box of
 * bounds, so n lies between its value at the least k and greatest w and at the greatest k and least w.
 */
function denominatorRange(lower: readonly [number, number], upper: readonly [number, number], z: number): [number, number] {
  const corners = lower.flatMap((a) => upper.map((b) => ({ k: (a + b) / 2 - a * b, w: (b - a) / 2 })));
  const ks = corners.map((c) => c.k);
  const ws = corners.map((c) => c.w);
  return [denominatorOfK(Math.min(...ks), Math.max(...ws), z), denominatorOfK(Math.max(...ks), Math.min(...ws), z)];
}

/**
 * The count x and denominator n of a share whose value and Wilson bounds were published (percentages with `per`
 * 100, proportions with 1), at confidence `conf`: the only (x, n) whose Wilson interval, computed as the workbench
 * computes it, reproduces the value, lower and upper bound as written (each to within half a unit of its last digit);
 * null when none does or more than one does, or the texts are not a share inside its bounds.
 * @example
 * wilsonCounts("10.131268933019186", "9.097223158575197", "11.268280926501852") // { numerator: 301, denominator: 2971, derived: { from: "wilson", conf: 0.95 } }
 * wilsonCounts("10.1", "9.1", "11.3") // null: many denominators fit bounds to one decimal
 */
export function wilsonCounts(valueText: string, lowerText: string, upperText: string, options: { conf?: number; per?: number } = {}): DerivedCount | null {
  const conf = options.conf ?? DEFAULT_INTERVAL_CONF;
  const per = options.per ?? 100;
  const [v, l, u] = [valueText, lowerText, upperText].map(writtenNumber);
  if (!v || !l || !u || !(conf > 0 && conf < 1)) return null;
  const z = zOf(conf);
  const tolerance = (w: WrittenNumber) => halfUnit(w) + FLOAT_SLACK * Math.max(1, Math.abs(w.value));
  const [tv, tl, tu] = [tolerance(v), tolerance(l), tolerance(u)];
  // a share inside its bounds (each as written: an upper bound of 100% is written 99.99999999999999), within 0 … per
  if (!(l.value >= 0 && u.value <= per + tu && l.value - tl - tv <= v.value && v.value <= u.value + tu + tv)) return null;
  const lower = [Math.max(0, l.value - tl) / per, Math.min(per, l.value + tl) / per] as const;
  const upper = [Math.max(0, u.value - tu) / per, Math.min(per, u.value + tu) / per] as const;
  if (!(upper[0] > lower[1])) return null; // bounds so coarse that the interval may have no width: any n fits
  const [least, most] = denominatorRange(lower, upper, z);
  const nLow = Math.max(1, Math.floor(least) - 1);
  const nHigh = Math.ceil(most) + 1;
  if (!Number.isFinite(nHigh) || nHigh > WILSON_MAX_DENOMINATOR || nHigh - nLow > WILSON_MAX_CANDIDATES) return null;
  // x within the value's precision of value × n, and of the centre's: x = c(n + z²) − z²/2
  const z2 = z * z;
  const [cLow, cHigh] = [(lower[0] + upper[0]) / 2, (lower[1] + upper[1]) / 2];
  const countsOf = (n: number): [number, number] => [
    Math.max(0, Math.ceil(((v.value - tv) / per) * n), Math.ceil(cLow * (n + z2) - z2 / 2)),
    Math.min(n, Math.floor(((v.value + tv) / per) * n), Math.floor(cHigh * (n + z2) - z2 / 2)),
  ];
  let trials = 0;
  let found: { numerator: number; denominator: number } | null = null;
  for (let n = nLow; n <= nHigh; n++) {
    const [xLow, xHigh] = countsOf(n);
    for (let x = xLow; x <= xHigh; x++) {
      if (++trials > WILSON_MAX_TRIALS) return null;
      const b = wilsonLimits(x, n, z);
      if (Math.abs((x / n) * per - v.value) > tv || Math.abs(b.lower * per - l.value) > tl || Math.abs(b.upper * per - u.value) > tu) continue;
      if (found) return null; // two fit: the bounds do not tell them apart
      found = { numerator: x, denominator: n };
    }
  }
  return found && { ...found, derived: { from: "wilson", conf } };
}

/** A fraction of two whole numbers ≥ 0. */
interface Fraction {
  num: bigint;
  den: bigint;
}

/**
 * The fraction with the smallest denominator (and numerator) in [lo, hi], 0 ≤ lo ≤ hi, found by continued fractions
 * (the first fraction of the Stern–Brocot tree inside the interval); null when its numerator would exceed
 * `maxNumerator`. Each level takes the whole part f off and inverts the rest, so the numerator of the level below is at
 * most maxNumerator / f: a value that is no small fraction stops within ≈ 25 levels.
 */
function simplestFraction(lo: Fraction, hi: Fraction, maxNumerator: bigint): Fraction | null {
  const f = lo.num / lo.den;
  if (f > maxNumerator) return null;
  if (f * lo.den === lo.num) return { num: f, den: 1n };
  if ((f + 1n) * hi.den <= hi.num) return f + 1n > maxNumerator ? null : { num: f + 1n, den: 1n };
  // lo and hi both in (f, f + 1): f + 1 / r with r the simplest fraction of [1 / (hi − f), 1 / (lo − f)]
  const r = simplestFraction({ num: hi.den, den: hi.num - f * hi.den }, { num: lo.den, den: lo.num - f * lo.den }, f === 0n ? maxNumerator : maxNumerator / f);
  if (r === null) return null;
  const num = f * r.num + r.den;
  return num > maxNumerator ? null : { num, den: r.num };
}

/** The digits of a number written to `digits` significant digits, and the power of ten of its first: `12.5` to 3 → "125@1". */
function digitsKey(text: string): string {
  const w = writtenNumber(text);
  if (!w) return text;
  const negative = w.mantissa.startsWith("-");
  const digits = negative ? w.mantissa.slice(1) : w.mantissa;
  return `${negative ? "-" : ""}${digits.replace(/^0+/, "")}@${digits.length + w.exponent}`;
}

/**
 * The count x and denominator n of a share written to `minDigits` (12) or more significant digits (a percentage with
 * `per` 100, a proportion with 1): the fraction x/n with the smallest denominator whose share, worked out in doubles
 * and written to as many digits, gives the written digits (see the file's comment for the bound on n: below 12 digits,
 * for pairs only, {@link DIGITS_MAX_DENOMINATOR}); null for fewer digits, a share of 0 or all, or no such fraction.
 * @example
 * countsOfShareDigits("12.999540652273772") // { numerator: 283, denominator: 2177, derived: { from: "digits", digits: 17 } }
 * countsOfShareDigits("7.6923076923076925") // { numerator: 1, denominator: 13, … }: 10 of 130 too
 * countsOfShareDigits("12.9995") // null: 6 digits fit many fractions
 * countsOfShareDigits("12.999541") // null: 8 digits, for a pair only
 * countsOfShareDigits("12.999541", 100, PAIR_MIN_SHARE_DIGITS) // { numerator: 283, denominator: 2177, derived: { from: "digits", digits: 8 } }
 */
export function countsOfShareDigits(valueText: string, per = 100, minDigits = MIN_SHARE_DIGITS): DerivedCount | null {
  const w = writtenNumber(valueText);
  if (!w || w.digits < Math.max(1, minDigits) || w.digits > MAX_SHARE_DIGITS || !(w.value > 0 && w.value < per)) return null;
  // the interval the digits stand for, (M ± ½)·10^e, widened by 10^−15 of the value for the rounding of x / n × 100
  // in doubles (at most a few units in the last place, each ≈ 1.1 × 10^−16 of the value), then divided by `per`
  const scale = w.exponent < 0 ? 10n ** BigInt(-w.exponent) : 1n;
  const up = w.exponent > 0 ? 10n ** BigInt(w.exponent) : 1n;
  const den = 2n * 10n ** 15n * scale * BigInt(per);
  const mantissa = BigInt(w.mantissa);
  const centre = 2n * 10n ** 15n * mantissa * up;
  const spread = 10n ** 15n * up + 2n * mantissa * up;
  const width = (2 * (halfUnit(w) + w.value * 1e-15)) / per;
  const chanceBound = Math.floor(Math.sqrt((DIGITS_CHANCE_LIMIT * Math.PI * Math.PI) / (3 * width)));
  // fewer than 12 digits: a pair's fraction, whose chance is the pair test's (the file's comment)
  const maxDenominator = w.digits < MIN_SHARE_DIGITS ? DIGITS_MAX_DENOMINATOR : Math.min(DIGITS_MAX_DENOMINATOR, chanceBound);
  // a share < 1 has whole part 0: the fraction's denominator is the numerator of the level below, bounded alike
  const f = simplestFraction({ num: centre - spread, den }, { num: centre + spread, den }, BigInt(maxDenominator));
  if (f === null || f.den > BigInt(maxDenominator) || f.num === 0n) return null;
  const x = Number(f.num);
  const n = Number(f.den);
  const written = digitsKey(valueText);
  const reproduces = [(x / n) * per, (x * per) / n].some((s) => digitsKey(s.toPrecision(w.digits)) === written);
  return reproduces ? { numerator: x, denominator: n, derived: { from: "digits", digits: w.digits } } : null;
}

/** Names (normalised) of a table's lower and upper bound, confidence level and method columns. */
const LOWER_NAMES = ["lower", "lower_ci", "ci_lower", "lowercl", "lower_cl", "lcl", "lower95", "lower_95", "lower_limit"];
const UPPER_NAMES = ["upper", "upper_ci", "ci_upper", "uppercl", "upper_cl", "ucl", "upper95", "upper_95", "upper_limit"];
const CONF_NAMES = ["conf", "confidence", "conf_level", "confidence_level"];
const METHOD_NAMES = ["method"];

/** Where a table writes a share's interval: bound, level and method columns (−1: none). */
export interface IntervalColumns {
  lower: number;
  upper: number;
  conf: number;
  method: number;
}

/**
 * The interval columns of a table's header (`lower`/`upper` as the package's intervals.csv writes them, or
 * `lowercl`/`uppercl` as PHEindicatormethods does, `lower_ci`, `lcl` …; `conf`, `confidence`; `method`).
 * @example
 * intervalColumns(["la_code", "period", "indicator", "value", "lower", "upper", "conf", "method"]) // { lower: 4, upper: 5, conf: 6, method: 7 }
 */
export function intervalColumns(header: readonly string[]): IntervalColumns {
  const names = header.map(normaliseHeader);
  const find = (candidates: readonly string[]) => names.findIndex((n) => candidates.includes(n));
  return { lower: find(LOWER_NAMES), upper: find(UPPER_NAMES), conf: find(CONF_NAMES), method: find(METHOD_NAMES) };
}

/** A confidence level as written: `0.95`, `95` or `95%`; null for anything else. */
function confOf(text: string | undefined): number | null {
  const t = (text ?? "").trim();
  if (t === "") return DEFAULT_INTERVAL_CONF;
  const m = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(t);
  if (!m) return null;
  const x = Number(m[1]);
  const conf = m[2] === "%" || x > 1 ? x / 100 : x;
  return conf > 0 && conf < 1 ? conf : null;
}

/**
 * The count and denominator a row's share gives back when its denominator is not published: from its value and Wilson
 * bounds ({@link wilsonCounts}) when the row has bounds and its method says Wilson, else from the value's digits
 * ({@link countsOfShareDigits}, from 7 digits: the differencing rule's pair test alone reads those of fewer than 12).
 * `per` is the share's scale when the indicator says it (100 for a percentage, 1 for a proportion); undefined when it
 * does not, and then only Wilson bounds are read, on whichever scale alone fits them.
 * @example
 * derivedCountOfRow(["E06000001", "2023", "cla_missing_pct", "10.131268933019186", "9.097223158575197", "11.268280926501852", "0.95", "wilson"], 3, intervalColumns(["la_code", "period", "indicator", "value", "lower", "upper", "conf", "method"]), 100)?.numerator // 301
 */
export function derivedCountOfRow(cells: readonly string[], valueColumn: number, columns: IntervalColumns, per: number | undefined): DerivedCount | null {
  const value = cells[valueColumn] ?? "";
  const lower = columns.lower >= 0 ? cells[columns.lower] ?? "" : "";
  const upper = columns.upper >= 0 ? cells[columns.upper] ?? "" : "";
  const wilson = columns.method >= 0 && /^wilson\b/i.test((cells[columns.method] ?? "").trim());
  const conf = columns.conf >= 0 ? confOf(cells[columns.conf]) : DEFAULT_INTERVAL_CONF;
  if (wilson && conf !== null && lower.trim() !== "" && upper.trim() !== "") {
    const fits = (per === undefined ? [100, 1] : [per]).map((p) => wilsonCounts(value, lower, upper, { conf, per: p })).filter((d) => d !== null);
    if (fits.length === 1) return fits[0];
  }
  return per === undefined ? null : countsOfShareDigits(value, per, PAIR_MIN_SHARE_DIGITS);
}
