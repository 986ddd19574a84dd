/**
 * The rules of the package format that involve more than one cell or resource, checked on typed rows by
 * both reading (package.ts) and writing (package-write.ts).
 */
import { DataError } from "../errors";
import type { TypedRow } from "./package-cells";
import { OUTCOME_GRADE_RANGE, PRIMARY_KEYS, SCHEMAS, outcomeGradeOfLabel } from "./schema";
import { MISSING_REASONS, RESOURCE_NAMES, type ResourceName } from "./types";

/**
 * The rules that involve more than one cell or resource (required fields, enums, bounds, primary keys, LA codes
 * in areas.csv, indicators in the catalogue, statuses, numerator ≤ denominator, percent in 0–100). Errors and
 * warnings are appended to the arrays given; rows are 1-based in messages. Used by both reading and writing.
 * @example
 * const errors: DataError[] = [];
 * checkRules({ catalogue: [] , indicators: [{ la_code: "E06900001", period: 2020, indicator: "x", value: 1,
 *   numerator: null, denominator: null, status: "" }] }, (n) => `${n}.csv`, errors, []);
 * errors[0].message // 'indicators.csv, row 1, column "indicator": got "x", expected an indicator listed in catalogue.csv'
 */
export function checkRules(
  resources: Partial<Record<ResourceName, readonly TypedRow[]>>,
  fileOf: (name: ResourceName) => string,
  errors: DataError[],
  warnings: string[],
): void {
  for (const name of RESOURCE_NAMES) {
    const rows = resources[name];
    if (rows) checkFieldsAndKeys(name, rows, fileOf(name), errors);
  }
  if (resources.areas) {
    const areaCodes = new Set(resources.areas.map((a) => String(a.la_code)));
    for (const name of ["indicators", "context", "outcomes"] as const) {
      const rows = resources[name];
      if (rows) checkLaCodes(rows, areaCodes, fileOf(name), errors);
    }
  }
  const units = resources.catalogue ? new Map(resources.catalogue.map((c) => [String(c.indicator), String(c.unit)] as const)) : undefined;
  for (const name of ["indicators", "benchmarks"] as const) {
    const rows = resources[name];
    if (rows) checkValueRows(rows, units, fileOf(name), errors);
  }
  if (resources.outcomes) checkOutcomeGrades(resources.outcomes, fileOf("outcomes"), errors);
  if (resources.areas) checkAreaPeriods(resources.areas, fileOf("areas"), errors);
  if (resources.catalogue && resources.indicators) {
    const used = new Set(resources.indicators.map((r) => String(r.indicator)));
    for (const c of resources.catalogue) {
      if (!used.has(String(c.indicator))) warnings.push(`catalogue.csv: indicator "${c.indicator}" has no rows in indicators.csv`);
    }
  }
}

/** Required fields, enums and bounds of every cell, and the primary key unique across rows. */
function checkFieldsAndKeys(name: ResourceName, rows: readonly TypedRow[], file: string, errors: DataError[]): void {
  const schema = SCHEMAS[name];
  const keys = PRIMARY_KEYS[name];
  const seen: KeyIndex = new Map();
  const constrained = schema.filter((f) => f.constraints !== undefined);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (const f of constrained) {
      const v = row[f.name];
      const c = f.constraints;
      if (!c) continue;
      if (c.required && (v === null || v === "" || v === undefined)) {
        errors.push(new DataError({ file, row: r + 1, column: f.name, value: "", expected: `a value (${f.description})` }));
      } else if (c.enum && typeof v === "string" && v !== "" && !c.enum.includes(v)) {
        errors.push(new DataError({ file, row: r + 1, column: f.name, value: v, expected: `one of ${c.enum.join(", ")}` }));
      } else if (typeof v === "number" && ((c.minimum !== undefined && v < c.minimum) || (c.maximum !== undefined && v > c.maximum))) {
        errors.push(
          new DataError({ file, row: r + 1, column: f.name, value: String(v), expected: `a value from ${c.minimum} to ${c.maximum}` }),
        );
      }
    }
    const first = firstRowWithKey(seen, row, keys, r + 1);
    if (first !== undefined) {
      errors.push(
        new DataError({
          file,
          row: r + 1,
          column: keys.join("+"),
          value: keys.map((k) => String(row[k])).join(", "),
          expected: `a unique (${keys.join(", ")}); already on row ${first}`,
        }),
      );
    }
  }
}

/** Primary-key values seen so far as nested maps (one level per key field), the innermost giving the row. */
type KeyIndex = Map<string, KeyIndex | number>;

/**
 * The row on which the row's primary key was first seen, or undefined (and the key recorded for `rowNumber`)
 * when it is new. Key fields compare as text (`String(value)`), one map level per field, so no joined key
 * string is built per row.
 */
function firstRowWithKey(seen: KeyIndex, row: TypedRow, keys: readonly string[], rowNumber: number): number | undefined {
  let level = seen;
  const last = keys.length - 1;
  for (let k = 0; k < last; k++) {
    const part = String(row[keys[k]]);
    let next = level.get(part) as KeyIndex | undefined;
    if (next === undefined) {
      next = new Map();
      level.set(part, next);
    }
    level = next;
  }
  const part = String(row[keys[last]]);
  const first = level.get(part) as number | undefined;
  if (first === undefined) level.set(part, rowNumber);
  return first;
}

/** Every la_code of a resource listed in areas.csv. */
function checkLaCodes(rows: readonly TypedRow[], areaCodes: ReadonlySet<string>, file: string, errors: DataError[]): void {
  rows.forEach((row, i) => {
    const code = row.la_code;
    if (typeof code === "string" && code !== "" && !areaCodes.has(code)) {
      errors.push(new DataError({ file, row: i + 1, column: "la_code", value: code, expected: "an la_code listed in areas.csv" }));
    }
  });
}

/**
 * Indicator and benchmark rows: the indicator in the catalogue (when there is one), the status a known reason
 * and consistent with the value, counts ≥ 0, numerator ≤ denominator and percentages in 0–100 by the unit.
 */
function checkValueRows(rows: readonly TypedRow[], units: ReadonlyMap<string, string> | undefined, file: string, errors: DataError[]): void {
  rows.forEach((row, i) => {
    const r = i + 1;
    const ind = String(row.indicator);
    const unit = units?.get(ind);
    if (units && unit === undefined && ind !== "") {
      errors.push(new DataError({ file, row: r, column: "indicator", value: ind, expected: "an indicator listed in catalogue.csv" }));
    }
    checkStatus(row, file, r, errors);
    checkCountsAndBounds(row, unit, file, r, errors);
  });
}

/** A missing value has a known reason in `status`; a value has none (except low reliability). */
function checkStatus(row: TypedRow, file: string, r: number, errors: DataError[]): void {
  const value = row.value as number | null;
  const status = String(row.status ?? "");
  const reason = status.split(":")[0];
  if (status !== "" && !(MISSING_REASONS as readonly string[]).includes(reason)) {
    errors.push(
      new DataError({ file, row: r, column: "status", value: status, expected: `blank or one of ${MISSING_REASONS.join(", ")} (optionally ":symbol")` }),
    );
  }
  if (value === null && status === "") {
    errors.push(new DataError({ file, row: r, column: "status", value: "", expected: "the reason a missing value is missing" }));
  }
  if (value !== null && status !== "" && reason !== "low-reliability") {
    errors.push(
      new DataError({ file, row: r, column: "value", value: String(value), expected: `no value when status is "${status}"` }),
    );
  }
}

/** Counts ≥ 0; for percentages and rates the numerator ≤ the denominator; percentages 0–100, rates ≥ 0. */
function checkCountsAndBounds(row: TypedRow, unit: string | undefined, file: string, r: number, errors: DataError[]): void {
  const value = row.value as number | null;
  const num = row.numerator as number | null;
  const den = row.denominator as number | null;
  if (num !== null && num < 0) errors.push(new DataError({ file, row: r, column: "numerator", value: String(num), expected: "a count ≥ 0" }));
  if (den !== null && den < 0) errors.push(new DataError({ file, row: r, column: "denominator", value: String(den), expected: "a count ≥ 0" }));
  if ((unit === "percent" || unit === "rate_per_10k") && num !== null && den !== null && num > den) {
    errors.push(
      new DataError({ file, row: r, column: "numerator", value: String(num), expected: `a numerator ≤ the denominator (${den})` }),
    );
  }
  if (unit === "percent" && value !== null && (value < 0 || value > 100)) {
    errors.push(new DataError({ file, row: r, column: "value", value: String(value), expected: "a percentage from 0 to 100" }));
  }
  if (unit === "rate_per_10k" && value !== null && value < 0) {
    errors.push(new DataError({ file, row: r, column: "value", value: String(value), expected: "a rate ≥ 0" }));
  }
}

/** An outcome's grade a whole number on the scale, and the grade its label names. */
function checkOutcomeGrades(outcomes: readonly TypedRow[], file: string, errors: DataError[]): void {
  const { best, worst } = OUTCOME_GRADE_RANGE;
  outcomes.forEach((o, i) => {
    const value = o.value;
    const label = typeof o.label === "string" ? o.label : "";
    if (typeof value === "number" && !(Number.isInteger(value) && value >= best && value <= worst)) {
      errors.push(new DataError({ file, row: i + 1, column: "value", value: String(value), expected: `a grade on the outcome scale: a whole number from ${best} (Outstanding) to ${worst} (Inadequate), or blank` }));
      return;
    }
    const grade = outcomeGradeOfLabel(label);
    if (grade === undefined) {
      errors.push(new DataError({ file, row: i + 1, column: "label", value: label, expected: "a judgement of the outcome scale (Outstanding, Good, Requires improvement (to be good), Adequate, Inadequate; optionally followed by a [note]) or blank" }));
    } else if (grade !== null && grade !== value) {
      errors.push(new DataError({ file, row: i + 1, column: "value", value: String(value), expected: `the grade of its label "${label}" (${grade})` }));
    }
  });
}

/** An area's first_period ≤ its last_period. */
function checkAreaPeriods(areas: readonly TypedRow[], file: string, errors: DataError[]): void {
  areas.forEach((a, i) => {
    const f = a.first_period as number | null;
    const l = a.last_period as number | null;
    if (f !== null && l !== null && f > l) {
      errors.push(new DataError({ file, row: i + 1, column: "last_period", value: String(l), expected: `a period ≥ first_period (${f})` }));
    }
  });
}
