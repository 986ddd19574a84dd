/**
 * Number formatting for hover labels and annotations, and the disclosure rule for counts in hover text
 * (the threshold is lib/disclosure's DEFAULT_DISCLOSURE_THRESHOLD: counts 1–9 are never shown).
 */
import { DEFAULT_DISCLOSURE_THRESHOLD } from "../disclosure/suppress-counts";

/** en-GB formatters by decimals, made once (`toLocaleString` with options builds a new `Intl.NumberFormat` per call; same text). */
const formatters = new Map<number, Intl.NumberFormat>();

/** A number for people: thousands separators, at most `digits` decimals; NaN/null → "missing". */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "missing";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  let f = formatters.get(digits);
  if (f === undefined) formatters.set(digits, (f = new Intl.NumberFormat("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: 0 })));
  return f.format(value);
}

/**
 * A count safe to show: the count itself when it is at least `threshold`, otherwise `"<threshold"`.
 * @example
 * disclosableCount(4, 10) // "<10"
 * disclosableCount(152, 10) // "152"
 */
export function disclosableCount(count: number | null | undefined, threshold = DEFAULT_DISCLOSURE_THRESHOLD): string {
  if (count === null || count === undefined || Number.isNaN(count)) return "missing";
  return count >= threshold ? formatNumber(count, 0) : `<${threshold}`;
}

/** Escape text for plotly hover labels, which accept a subset of HTML. */
export function escapeHover(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
