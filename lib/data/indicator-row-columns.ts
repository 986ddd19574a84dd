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
 * la_code, indicator and status whose cells are all texts (as textCodes would give them). Such a column's cells
 * are made from its codes only if something reads them ({@link textColumnOnDemand}): writing a valid package
 * reads the codes alone, and three arrays of a cell per row (1 MB each for the official package, fresh memory
 * that costs about 3 ms per MiB to touch here) are not made.
 * @example
 * indicatorRowColumns([{ la_code: "E06000001", period: 2020, indicator: "x", value: 1, numerator: null, denominator: null, status: "" }]).columns.value // [1]
 */
export function indicatorRowColumns(rows: readonly object[]): ResourceColumns {
  const n = rows.length;
  const period = anyValueColumn(n);
  const value = anyValueColumn(n);
  const numerator = anyValueColumn(n);
  const denominator = anyValueColumn(n);
  const coders = { la_code: new TextColumnCoder(n), indicator: new TextColumnCoder(n), status: new TextColumnCoder(n) };
  const { la_code: laCodes, indicator: indicatorCodes, status: statusCodes } = coders;
  for (let i = 0; i < n; i++) {
    const r = rows[i] as LooseIndicatorRow;
    laCodes.add(i, r.la_code);
    period[i] = r.period;
    indicatorCodes.add(i, r.indicator);
    value[i] = r.value;
    numerator[i] = r.numerator;
    denominator[i] = r.denominator;
    statusCodes.add(i, r.status);
  }
  const numbers: Record<string, unknown[]> = { period, value, numerator, denominator };
  const columns: Record<string, readonly unknown[]> = {};
  const coded: Record<string, CodedColumn> = {};
  for (const field of INDICATOR_ROW_FIELDS) {
    const coder = field === "la_code" || field === "indicator" || field === "status" ? coders[field] : undefined;
    const codes = coder?.coded();
    if (coder === undefined) columns[field] = numbers[field];
    else if (codes === undefined) columns[field] = rows.map((r) => (r as Record<string, unknown>)[field]); // not all texts: read again
    else {
      coded[field] = codes;
      textColumnOnDemand(columns, field, codes, n);
    }
  }
  return { length: n, columns, coded };
}

/**
 * Define `columns[field]` as the cells of a coded text column, `values[codes[i]]`, made on first read and kept: a
 * property like any other to whoever reads it (the rules' error messages, a test), and no array if nobody does.
 */
function textColumnOnDemand(columns: Record<string, readonly unknown[]>, field: string, coded: CodedColumn, length: number): void {
  let cells: unknown[] | undefined;
  Object.defineProperty(columns, field, {
    enumerable: true,
    get: () => (cells ??= Array.from(coded.codes.subarray(0, length), (c) => coded.values[c])),
  });
}
