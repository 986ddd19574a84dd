/**
 * Multiple-testing adjustment of p-values (R: `p.adjust(p, "BH")`, `p.adjust(p, "holm")`).
 * Missing rule: NaN p-values stay NaN and do not count towards m (as R's `p.adjust` with NA).
 */
import { InputError } from "../errors";

/** Adjusted p-values with the count of tests they were adjusted for. */
export interface AdjustedPValues {
  /** Adjusted values, aligned with the input (NaN where the input was NaN). */
  adjusted: Float64Array;
  /** Number of non-missing p-values (m). */
  m: number;
  nMissing: number;
  method: "BH" | "holm";
}

function prepare(fn: string, p: ArrayLike<number>): { idx: number[]; m: number } {
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (Number.isNaN(v)) continue;
    if (!(v >= 0 && v <= 1)) throw new InputError(fn, `p-values must be in [0, 1] (index ${i})`, v);
    idx.push(i);
  }
  return { idx, m: idx.length };
}

/**
 * Benjamini–Hochberg false-discovery-rate q-values (Benjamini & Hochberg 1995): with p sorted
 * ascending, q₍ᵢ₎ = min_{j ≥ i} min(1, m·p₍ⱼ₎/j).
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.2, 0.5, 0.001]).adjusted // [0.03, 0.06, 0.06, 0.24, 0.5, 0.006]
 */
export function benjaminiHochberg(p: ArrayLike<number>): AdjustedPValues {
  const { idx, m } = prepare("benjaminiHochberg", p);
  const adjusted = new Float64Array(p.length).fill(NaN);
  const order = idx.slice().sort((a, b) => p[b] - p[a] || b - a); // descending
  let running = 1;
  order.forEach((i, k) => {
    const rank = m - k; // ascending rank of this p-value
    running = Math.min(running, (m * p[i]) / rank);
    adjusted[i] = Math.min(1, running);
  });
  return { adjusted, m, nMissing: p.length - m, method: "BH" };
}

/**
 * Holm's step-down family-wise error adjustment (Holm 1979): with p sorted ascending,
 * p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎).
 * @example
 * holm([0.01, 0.04, 0.03, 0.2, 0.5, 0.001]).adjusted // [0.05, 0.12, 0.12, 0.4, 0.5, 0.006]
 */
export function holm(p: ArrayLike<number>): AdjustedPValues {
  const { idx, m } = prepare("holm", p);
  const adjusted = new Float64Array(p.length).fill(NaN);
  const order = idx.slice().sort((a, b) => p[a] - p[b] || a - b); // ascending
  let running = 0;
  order.forEach((i, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p[i]));
    adjusted[i] = running;
  });
  return { adjusted, m, nMissing: p.length - m, method: "holm" };
}
