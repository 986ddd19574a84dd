/**
 * Loads tests/reference/reference-values.json (made by make-reference.R) and compares numbers with
 * stated tolerances. In the JSON, null is R's NA/NaN and "Inf"/"-Inf" are infinities.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

/** Tolerance for closed-form results (formulas evaluated in double precision on both sides). */
export const CLOSED_FORM_TOLERANCE = 1e-8;
/** Tolerance for iterative fits (Newton–Raphson vs R's optimiser). */
export const ITERATIVE_TOLERANCE = 1e-5;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

function revive(_key: string, v: unknown): unknown {
  if (v === null) return NaN;
  if (v === "Inf") return Infinity;
  if (v === "-Inf") return -Infinity;
  return v;
}

let cache: Json | undefined;
/** The reference values, with null → NaN and "Inf" → Infinity. */
export function reference(): Json {
  cache ??= JSON.parse(fs.readFileSync(path.join(__dirname, "reference-values.json"), "utf8"), revive);
  return cache;
}

/** Deep-freeze test inputs so a function that mutates them throws. */
export function frozen(values: readonly number[]): readonly number[] {
  return Object.freeze(values.slice());
}

/**
 * Assert |actual − expected| ≤ tol·max(|expected|, floor). floor = 1 gives an absolute tolerance near
 * zero (for coefficients, correlations); the default floor gives a pure relative tolerance (p-values).
 * NaN matches NaN only; infinities must be equal.
 */
export function assertClose(actual: number, expected: number, tol: number, label: string, floor = 1e-300): void {
  if (Number.isNaN(expected)) {
    assert.ok(Number.isNaN(actual), `${label}: expected NaN, got ${actual}`);
    return;
  }
  if (!Number.isFinite(expected)) {
    assert.equal(actual, expected, `${label}: expected ${expected}, got ${actual}`);
    return;
  }
  const err = Math.abs(actual - expected);
  const bound = tol * Math.max(Math.abs(expected), floor);
  assert.ok(err <= bound, `${label}: got ${actual}, R gives ${expected} (|diff| ${err.toExponential(3)} > ${bound.toExponential(3)})`);
}

/** Element-wise {@link assertClose}. */
export function assertAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, label: string, floor = 1e-300): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], tol, `${label}[${i}]`, floor);
}

/** A synthetic-fixture column or a JSON array as numbers (NaN for missing). */
export function numbers(v: ArrayLike<number>): number[] {
  return Array.from(v, (x) => (typeof x === "number" ? x : NaN));
}

/** Read a panel fixture written by panel.R (tests/reference/fixtures/): unit, time, then numeric columns (empty = NaN). */
export function readPanelFixture(name: string): { unit: string[]; time: number[]; cols: Record<string, number[]> } {
  const lines = fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8").trim().split("\n");
  const header = lines[0].split(",").map((h) => h.replace(/"/g, ""));
  const rows = lines.slice(1).map((l) => l.split(",").map((v) => v.replace(/"/g, "")));
  const cols: Record<string, number[]> = {};
  header.slice(2).forEach((h, j) => (cols[h] = Object.freeze(rows.map((r) => (r[j + 2] === "" ? NaN : Number(r[j + 2])))) as number[]));
  return { unit: Object.freeze(rows.map((r) => r[0])) as string[], time: Object.freeze(rows.map((r) => Number(r[1]))) as number[], cols };
}
