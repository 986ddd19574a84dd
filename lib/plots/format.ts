/**
 * Number formatting for hover labels and annotations, and the disclosure rule for counts in hover text.
 */

/**
 * Counts below this are never shown in hover text or tables exported from the workbench (children in
 * small groups could be identified). 10 follows the common rule for published social-care statistics
 * (DfE and GSS guidance suppress small counts; see /work/shared/reference/anchors-and-methods.md §3).
 */
export const DEFAULT_DISCLOSURE_THRESHOLD = 10;

/** A number for people: thousands separators, at most `digits` decimals; NaN/null → "missing". */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "missing";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  return value.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
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
