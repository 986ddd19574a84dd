/**
 * The columns of indicators.csv taken from row objects in one pass, each field read by its name, and its text
 * columns coded in the same pass: the rows an import hands to writePackage (257,276 of them for the official
 * folder) come in a few hidden classes, which a load by a fixed property name handles from its inline cache,
 * whereas reading `row[field]` for every field of every resource in one loop went through V8's megamorphic
 * keyed lookup for each of the 1.8 M cells, and coding la_code, indicator and status afterwards took a pass and a
 * map lookup per cell for each.
 */
import { anyValueColumn, codesHolding, type CellCodes, type CodedColumn, type ResourceColumns } from "./package-columns";

/** The fields of indicators.csv in schema order (lib/data/schema.ts; a test holds them equal). */
export const INDICATOR_ROW_FIELDS = ["la_code", "period", "indicator", "value", "numerator", "denominator", "status"] as const;

/** A row given to writePackage as indicators.csv's: any field may be absent or of the wrong type (checked later). */
interface LooseIndicatorRow {
  la_code?: unknown;
  period?: unknown;
  indicator?: unknown;
  value?: unknown;
  numerator?: unknown;
  denominator?: unknown;
  status?: unknown;
}

/**
 * Codes of a text column as its cells arrive, as package-columns' textCodes gives them for the whole column
 * (equal texts share a code, numbered in order of first occurrence, in the narrowest array that holds them);
 * a cell equal to the previous one takes its code without a lookup. `allText` turns false at the first cell
 * that is not a text (the codes are then not used).
 */
class TextColumnCoder {
  codes: CellCodes;
  readonly values: string[] = [];
  allText = true;
  private readonly index = new Map<string, number>();
  private previous: unknown = undefined;
  private code = -1;

  constructor(length: number) {
    this.codes = new Uint8Array(length);
  }

  add(row: number, cell: unknown): void {
    if (this.code < 0 || cell !== this.previous) {
      if (typeof cell !== "string") {
        this.allText = false;
        return;
      }
      this.previous = cell;
      const known = this.index.get(cell);
      if (known !== undefined) this.code = known;
      else {
        this.code = this.values.length;
        this.values.push(cell);
        this.index.set(cell, this.code);
        this.codes = codesHolding(this.codes, this.code);
      }
    }
    this.codes[row] = this.code;
  }

  /** The coded column, when every cell was a text. */
  coded(): CodedColumn | undefined {
    return this.allText ? { codes: this.codes, values: this.values } : undefined;
  }
}

/**
 * indicators.csv's columns from its rows: `columns[field][i]` is `rows[i][field]` (undefined where a row lacks
 * the field), as package-columns' columnsOfRows reads any resource, and `coded` holds the codes of each of
 * la_code, indicator and status whose cells are all texts (as textCodes would give them).
 * @example
 * indicatorRowColumns([{ la_code: "E06000001", period: 2020, indicator: "x", value: 1, numerator: null, denominator: null, status: "" }]).columns.value // [1]
 */
export function indicatorRowColumns(rows: readonly object[]): ResourceColumns {
  const n = rows.length;
  const laCode = anyValueColumn(n);
  const period = anyValueColumn(n);
  const indicator = anyValueColumn(n);
  const value = anyValueColumn(n);
  const numerator = anyValueColumn(n);
  const denominator = anyValueColumn(n);
  const status = anyValueColumn(n);
  const laCodes = new TextColumnCoder(n);
  const indicatorCodes = new TextColumnCoder(n);
  const statusCodes = new TextColumnCoder(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i] as LooseIndicatorRow;
    const la = r.la_code;
    laCode[i] = la;
    laCodes.add(i, la);
    period[i] = r.period;
    const ind = r.indicator;
    indicator[i] = ind;
    indicatorCodes.add(i, ind);
    value[i] = r.value;
    numerator[i] = r.numerator;
    denominator[i] = r.denominator;
    const st = r.status;
    status[i] = st;
    statusCodes.add(i, st);
  }
  const coded: Record<string, CodedColumn> = {};
  for (const [field, coder] of [["la_code", laCodes], ["indicator", indicatorCodes], ["status", statusCodes]] as const) {
    const c = coder.coded();
    if (c) coded[field] = c;
  }
  return { length: n, columns: { la_code: laCode, period, indicator, value, numerator, denominator, status }, coded };
}
