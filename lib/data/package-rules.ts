/**
 * The rules of the package format that involve more than one cell or resource, checked on a package's columns
 * (package-columns.ts) by both reading (package-load.ts) and writing (package-write.ts). Text cells compare by
 * small integer codes (a check that depends only on the text is made once per distinct text), keys by
 * combining their fields' codes into one number, so no joined key string is built per row.
 */
import { DataError } from "../errors";
import { checkAreaPeriods, checkIndicatorLifespans } from "./package-lifespans";
import { codedColumn, type CellCodes, type ResourceColumns } from "./package-columns";
import { firstRowsOfKeys } from "./package-keys";
import { OUTCOME_GRADE_RANGE, PRIMARY_KEYS, SCHEMAS, outcomeGradeOfLabel } from "./schema";
import { MISSING_REASONS, RESOURCE_NAMES, type FieldDescriptor, type IndicatorRow, type ResourceName } from "./types";

/**
 * The rules that involve more than one cell or resource (required fields, enums, bounds, primary keys, LA codes
 * in areas.csv, indicators in the catalogue, statuses, numerator ≤ denominator, percent in 0–100; indicator rows outside their LA's lifespan warned of). Errors and
 * warnings are appended to the arrays given, in row order per rule; rows are 1-based in messages.
 * @example
 * const errors: DataError[] = [];
 * checkRules({ catalogue: columnsOfRows("catalogue", []), indicators: columnsOfRows("indicators", [{ la_code: "E06900001",
 *   period: 2020, indicator: "x", value: 1, numerator: null, denominator: null, status: "" }]) }, (n) => `${n}.csv`, errors, []);
 * errors[0].message // 'indicators.csv, row 1, column "indicator": got "x", expected an indicator listed in catalogue.csv'
 */
export function checkRules(
  resources: Partial<Record<ResourceName, ResourceColumns>>,
  fileOf: (name: ResourceName) => string,
  errors: DataError[],
  warnings: string[],
): void {
  const unreadCells = cellsWithErrors(errors);
  for (const name of RESOURCE_NAMES) {
    const res = resources[name];
    if (res) checkFieldsAndKeys(name, res, fileOf(name), errors, unreadCells);
  }
  if (resources.areas) {
    const areaCodes = new Set(rowsOf(resources.areas, "la_code").map(String));
    for (const name of ["indicators", "context", "outcomes"] as const) {
      const res = resources[name];
      if (res) checkLaCodes(res, areaCodes, fileOf(name), errors);
    }
  }
  const catalogue = resources.catalogue;
  const units = catalogue ? new Map(rowsOf(catalogue, "indicator").map((ind, i) => [String(ind), String(catalogue.columns.unit[i])] as const)) : undefined;
  const indicatorsUsed = resources.indicators ? checkValueRows(resources.indicators, units, fileOf("indicators"), errors) : undefined;
  if (resources.benchmarks) checkValueRows(resources.benchmarks, units, fileOf("benchmarks"), errors);
  if (resources.outcomes) checkOutcomeGrades(resources.outcomes, fileOf("outcomes"), errors);
  if (resources.areas) checkAreaPeriods(resources.areas, fileOf("areas"), errors);
  if (resources.areas && resources.indicators) checkIndicatorLifespans(resources.indicators, resources.areas, fileOf("indicators"), warnings);
  if (catalogue && indicatorsUsed) {
    const used = new Set(indicatorsUsed);
    for (const ind of rowsOf(catalogue, "indicator")) {
      if (!used.has(String(ind))) warnings.push(`catalogue.csv: indicator "${ind}" has no rows in indicators.csv`);
    }
  }
}

/** The first `length` cells of a column (a column may hold spare capacity beyond the resource's rows). */
function rowsOf(res: ResourceColumns, field: string): unknown[] {
  return res.columns[field].slice(0, res.length);
}

/** What is wrong with a constrained cell: nothing, a required value missing, a value not in the enum, a number out of bounds. */
const enum CellVerdict {
  Fine = 0,
  Missing = 1,
  NotInEnum = 2,
  OutOfBounds = 3,
}

function verdictOf(v: unknown, f: FieldDescriptor): CellVerdict {
  const c = f.constraints!;
  if (c.required && (v === null || v === "" || v === undefined)) return CellVerdict.Missing;
  if (c.enum && typeof v === "string" && v !== "" && !c.enum.includes(v)) return CellVerdict.NotInEnum;
  if (typeof v === "number" && ((c.minimum !== undefined && v < c.minimum) || (c.maximum !== undefined && v > c.maximum))) return CellVerdict.OutOfBounds;
  return CellVerdict.Fine;
}

/** A field's verdict for each row: once per distinct text for a text column the reader coded, else per cell. */
function verdictsOf(res: ResourceColumns, f: FieldDescriptor): (row: number) => CellVerdict {
  const coded = res.coded?.[f.name];
  if (!coded) {
    const col = res.columns[f.name];
    return (row) => verdictOf(col[row], f);
  }
  const perCode = coded.values.map((v) => verdictOf(v, f));
  return (row) => perCode[coded.codes[row]];
}

/**
 * Mark (1) in `flags` each row where field `f` is not fine: a loop per field (rows of a coded text column by
 * their code's verdict), so the loop over rows that reports errors visits only marked rows.
 */
function markBadCells(res: ResourceColumns, f: FieldDescriptor, flags: Uint8Array): void {
  const coded = res.coded?.[f.name];
  if (coded) {
    const bad = Uint8Array.from(coded.values, (v) => (verdictOf(v, f) === CellVerdict.Fine ? 0 : 1));
    if (!bad.includes(1)) return; // every distinct text is fine: no row to mark
    const codes = coded.codes;
    for (let r = 0; r < res.length; r++) flags[r] |= bad[codes[r]];
    return;
  }
  const col = res.columns[f.name];
  // a number is fine exactly when it is within the bounds (required holds, an enum is only for text), so
  // numbers are judged inline and only other cells call verdictOf
  const min = f.constraints?.minimum ?? -Infinity;
  const max = f.constraints?.maximum ?? Infinity;
  for (let r = 0; r < res.length; r++) {
    const v = col[r];
    if (typeof v === "number" ? v < min || v > max : verdictOf(v, f) !== CellVerdict.Fine) flags[r] = 1;
  }
}

function constraintError(verdict: CellVerdict, v: unknown, f: FieldDescriptor, file: string, row: number): DataError {
  const c = f.constraints!;
  if (verdict === CellVerdict.Missing) return new DataError({ file, row, column: f.name, value: "", expected: `a value (${f.description})` });
  if (verdict === CellVerdict.NotInEnum) return new DataError({ file, row, column: f.name, value: v as string, expected: `one of ${c.enum!.join(", ")}` });
  return new DataError({ file, row, column: f.name, value: String(v), expected: `a value from ${c.minimum} to ${c.maximum}` });
}

/**
 * The cells that already have an error when the rules are checked (a reader's: a text where a number was expected,
 * …), as keys of {@link cellKey}; made on first use, so a package without such errors costs nothing.
 */
function cellsWithErrors(errors: readonly DataError[]): () => ReadonlySet<string> {
  const before = errors.length;
  let cells: Set<string> | undefined;
  return () => (cells ??= new Set(errors.slice(0, before).flatMap((e) => (e.row !== undefined && e.column !== undefined ? [cellKey(e.file, e.row, e.column)] : []))));
}

const cellKey = (file: string | undefined, row: number, column: string) => `${file}\u0000${row}\u0000${column}`;

/**
 * Required fields, enums and bounds of every cell, and the primary key unique across rows. A required cell left
 * empty because it could not be read (its error, naming what it held, is among `unreadCells`) is not reported
 * again as missing.
 */
function checkFieldsAndKeys(name: ResourceName, res: ResourceColumns, file: string, errors: DataError[], unreadCells: () => ReadonlySet<string>): void {
  const keys = PRIMARY_KEYS[name];
  const constrained = SCHEMAS[name].filter((f) => f.constraints !== undefined);
  const flags = new Uint8Array(res.length);
  const { firstRow: firstRows, inBounds } = firstRowsOfKeys(res, SCHEMAS[name], keys, flags);
  // a key field the key check found a whole number within its bounds on every row (period) has no cell to mark: its
  // loop over the 60,000 rows of the embedded indicators.csv and its compile had cost validate ≈ 1 ms (round 27:
  // 0.8 % of its instructions under valgrind)
  for (const f of constrained) if (f.name !== inBounds) markBadCells(res, f, flags);
  if (!flags.includes(1)) return; // no row to report
  const verdicts = constrained.map((f) => verdictsOf(res, f));
  for (let r = 0; r < res.length; r++) {
    if (flags[r] === 0) continue;
    for (let k = 0; k < constrained.length; k++) {
      const verdict = verdicts[k](r);
      if (verdict === CellVerdict.Missing && unreadCells().has(cellKey(file, r + 1, constrained[k].name))) continue;
      if (verdict !== CellVerdict.Fine) errors.push(constraintError(verdict, res.columns[constrained[k].name][r], constrained[k], file, r + 1));
    }
    const first = firstRows(r);
    if (first !== 0) {
      errors.push(
        new DataError({
          file,
          row: r + 1,
          column: keys.join("+"),
          value: keys.map((k) => String(res.columns[k][r])).join(", "),
          expected: `a unique (${keys.join(", ")}); already on row ${first}`,
        }),
      );
    }
  }
}

/** Every la_code of a resource listed in areas.csv (each distinct code looked up once). */
function checkLaCodes(res: ResourceColumns, areaCodes: ReadonlySet<string>, file: string, errors: DataError[]): void {
  const coded = codedColumn(res, "la_code", "value");
  const unknown = coded.values.map((code) => typeof code === "string" && code !== "" && !areaCodes.has(code));
  if (!unknown.includes(true)) return;
  for (let r = 0; r < res.length; r++) {
    const c = coded.codes[r];
    if (unknown[c]) errors.push(new DataError({ file, row: r + 1, column: "la_code", value: coded.values[c] as string, expected: "an la_code listed in areas.csv" }));
  }
}

/** What a status says: its text, whether its reason is unknown, and whether it allows a value (blank or low reliability). */
interface StatusFacts {
  text: string;
  unknownReason: boolean;
  allowsValue: boolean;
}

function statusFacts(status: unknown): StatusFacts {
  const text = String(status ?? "");
  const reason = text.split(":")[0];
  // "not-available:" (a colon and nothing after it) reads as a reason lost on the way: 758 rows of the official
  // package had it for blank source cells, which are now named (not-available:blank)
  const emptySymbol = text.indexOf(":") === text.length - 1;
  return {
    text,
    unknownReason: text !== "" && (emptySymbol || !(MISSING_REASONS as readonly string[]).includes(reason)),
    allowsValue: text === "" || reason === "low-reliability",
  };
}

/**
 * Indicator and benchmark rows: the indicator in the catalogue (when there is one), the status a known reason
 * and consistent with the value, counts ≥ 0, numerator ≤ denominator and percentages in 0–100 by the unit.
 * What depends on the indicator or the status alone is decided once per distinct text; one pass over the rows
 * then finds those with a problem ({@link valueRowsToReport}), and only they are checked in full, in row order.
 * Returns the indicators that occur in the rows (for the catalogue's "no rows" warning), found in that same pass.
 */
function checkValueRows(res: ResourceColumns, units: ReadonlyMap<string, string> | undefined, file: string, errors: DataError[]): unknown[] {
  const indicators = codedColumn(res, "indicator", "text");
  const unitOf = indicators.values.map((ind) => units?.get(ind as string));
  const statuses = codedColumn(res, "status", "value");
  const facts = statuses.values.map(statusFacts);
  const { value, numerator, denominator } = res.columns as Record<string, readonly (number | null)[]>;
  const unknownIndicator = Uint8Array.from(indicators.values, (ind, c) => (units && unitOf[c] === undefined && ind !== "" ? 1 : 0));
  const occurs = new Uint8Array(indicators.values.length);
  for (const i of valueRowsToReport(res, indicators.codes, unitOf, unknownIndicator, statuses.codes, facts, occurs)) {
    const r = i + 1;
    const code = indicators.codes[i];
    const unit = unitOf[code];
    if (unknownIndicator[code] === 1) {
      errors.push(new DataError({ file, row: r, column: "indicator", value: indicators.values[code] as string, expected: "an indicator listed in catalogue.csv" }));
    }
    checkStatus(value[i], facts[statuses.codes[i]], file, r, errors);
    checkCountsAndBounds(value[i], numerator[i], denominator[i], unit, file, r, errors);
  }
  return indicators.values.filter((_, c) => occurs[c] === 1);
}

/** Units whose counts and values are bounded (checkCountsAndBounds): 1 percent, 2 rate per 10k, 0 other. */
const PERCENT_UNIT = 1;
const RATE_UNIT = 2;

/**
 * The rows (0-based, ascending) where checkValueRows finds a problem: the conditions of checkStatus and
 * checkCountsAndBounds in one loop over typed per-code facts, without a call per row. Each indicator code met is
 * marked (1) in `occurs`: a loop of its own over the 60,000 rows of the embedded package had cost validate's cold
 * start an interpreted pass and two TurboFan compiles (on-stack and regular) for one bit per row.
 */
function valueRowsToReport(
  res: ResourceColumns,
  indicatorCodes: CellCodes,
  unitOf: readonly (string | undefined)[],
  unknownIndicator: Uint8Array,
  statusCodes: CellCodes,
  facts: readonly StatusFacts[],
  occurs: Uint8Array,
): number[] {
  const unitKind = Uint8Array.from(unitOf, (u) => (u === "percent" ? PERCENT_UNIT : u === "rate_per_10k" ? RATE_UNIT : 0));
  const unknownReason = Uint8Array.from(facts, (f) => (f.unknownReason ? 1 : 0));
  const blank = Uint8Array.from(facts, (f) => (f.text === "" ? 1 : 0));
  const allowsValue = Uint8Array.from(facts, (f) => (f.allowsValue ? 1 : 0));
  const { value, numerator, denominator } = res.columns as Record<string, readonly (number | null)[]>;
  const rows: number[] = [];
  for (let i = 0; i < res.length; i++) {
    const ic = indicatorCodes[i];
    occurs[ic] = 1;
    const sc = statusCodes[i];
    const v = value[i];
    const num = numerator[i];
    const den = denominator[i];
    const unit = unitKind[ic];
    let bad = unknownIndicator[ic] === 1 || unknownReason[sc] === 1 || (v === null ? blank[sc] === 1 : allowsValue[sc] === 0);
    bad ||= (num !== null && num < 0) || (den !== null && den < 0);
    bad ||= unit !== 0 && num !== null && den !== null && num > den;
    bad ||= v !== null && ((unit === PERCENT_UNIT && (v < 0 || v > 100)) || (unit === RATE_UNIT && v < 0));
    if (bad) rows.push(i);
  }
  return rows;
}

/** A missing value has a known reason in `status`; a value has none (except low reliability). */
function checkStatus(value: number | null, status: StatusFacts, file: string, r: number, errors: DataError[]): void {
  if (status.unknownReason) {
    errors.push(
      new DataError({ file, row: r, column: "status", value: status.text, expected: `blank or one of ${MISSING_REASONS.join(", ")} (optionally ":symbol", the symbol not empty)` }),
    );
  }
  if (value === null && status.text === "") {
    errors.push(new DataError({ file, row: r, column: "status", value: "", expected: "the reason a missing value is missing" }));
  }
  if (value !== null && !status.allowsValue) {
    errors.push(
      new DataError({ file, row: r, column: "value", value: String(value), expected: `no value when status is "${status.text}"` }),
    );
  }
}

/** Counts ≥ 0; for percentages and rates the numerator ≤ the denominator; percentages 0–100, rates ≥ 0. */
function checkCountsAndBounds(
  value: number | null,
  num: number | null,
  den: number | null,
  unit: string | undefined,
  file: string,
  r: number,
  errors: DataError[],
): void {
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

/**
 * The problems {@link checkRules} finds in one indicator row of a known unit (a known status consistent with the
 * value, counts ≥ 0, numerator ≤ denominator, percentages 0–100, rates ≥ 0), for rows not yet in a package: `add`
 * checks a researcher's rows before writing them, so that an error names the row of their file, not of the
 * package's indicators.csv. The same checks as checkValueRows makes, in the same order.
 * @example
 * indicatorRowProblems({ value: 145, numerator: null, denominator: null, status: "" }, "percent", "my.csv", 3)[0].message
 * // 'my.csv, row 3, column "value": got "145", expected a percentage from 0 to 100'
 */
export function indicatorRowProblems(
  row: Pick<IndicatorRow, "value" | "numerator" | "denominator" | "status">,
  unit: string | undefined,
  file: string,
  r: number,
): DataError[] {
  const errors: DataError[] = [];
  checkStatus(row.value, statusFacts(row.status), file, r, errors);
  checkCountsAndBounds(row.value, row.numerator, row.denominator, unit, file, r, errors);
  return errors;
}

/** An outcome's grade a whole number on the scale, and the grade its label names. */
function checkOutcomeGrades(outcomes: ResourceColumns, file: string, errors: DataError[]): void {
  const { best, worst } = OUTCOME_GRADE_RANGE;
  const values = outcomes.columns.value;
  const labels = outcomes.columns.label;
  // each distinct label read once (an outcome's few judgements repeat over its rows)
  const grades = new Map<string, number | null | undefined>();
  const gradeOfLabel = (label: string) => {
    if (!grades.has(label)) grades.set(label, outcomeGradeOfLabel(label));
    return grades.get(label);
  };
  for (let i = 0; i < outcomes.length; i++) {
    const value = values[i];
    const label = typeof labels[i] === "string" ? (labels[i] as string) : "";
    if (typeof value === "number" && !(Number.isInteger(value) && value >= best && value <= worst)) {
      errors.push(new DataError({ file, row: i + 1, column: "value", value: String(value), expected: `a grade on the outcome scale: a whole number from ${best} (Outstanding) to ${worst} (Inadequate), or blank` }));
      continue;
    }
    const grade = gradeOfLabel(label);
    if (grade === undefined) {
      errors.push(new DataError({ file, row: i + 1, column: "label", value: label, expected: "a judgement of the outcome scale (Outstanding, Good, Requires improvement (to be good), Adequate, Inadequate; optionally followed by a [note]) or blank" }));
    } else if (grade !== null && grade !== value) {
      errors.push(new DataError({ file, row: i + 1, column: "value", value: String(value), expected: `the grade of its label "${label}" (${grade})` }));
    }
  }
}
