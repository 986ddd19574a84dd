/**
 * The columns of indicators.csv taken from row objects in one pass, each field read by its name: the rows an
 * import hands to writePackage (257,276 of them for the official folder) come in a few hidden classes, which a
 * load by a fixed property name handles from its inline cache, whereas reading `row[field]` for every field of
 * every resource in one loop went through V8's megamorphic keyed lookup for each of the 1.8 M cells.
 */

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
 * An empty column of `length` cells that holds any value from the start: its first slot set to null
 * (overwritten by the first row's cell), so that V8 keeps it as an array of tagged values. Left as the array of
 * small integers `new Array(n)` starts as, the first decimal would turn it into an array of unboxed doubles, and
 * the first null then copy it again, boxing every double stored so far.
 */
export function anyValueColumn(length: number): unknown[] {
  const col = new Array<unknown>(length);
  if (length > 0) col[0] = null;
  return col;
}

/**
 * indicators.csv's columns from its rows: `columns[field][i]` is `rows[i][field]` (undefined where a row lacks
 * the field), as package-columns' columnsOfRows reads any resource.
 * @example
 * indicatorRowColumns([{ la_code: "E06000001", period: 2020, indicator: "x", value: 1, numerator: null, denominator: null, status: "" }]).value // [1]
 */
export function indicatorRowColumns(rows: readonly object[]): Record<(typeof INDICATOR_ROW_FIELDS)[number], unknown[]> {
  const n = rows.length;
  const laCode = anyValueColumn(n);
  const period = anyValueColumn(n);
  const indicator = anyValueColumn(n);
  const value = anyValueColumn(n);
  const numerator = anyValueColumn(n);
  const denominator = anyValueColumn(n);
  const status = anyValueColumn(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i] as LooseIndicatorRow;
    laCode[i] = r.la_code;
    period[i] = r.period;
    indicator[i] = r.indicator;
    value[i] = r.value;
    numerator[i] = r.numerator;
    denominator[i] = r.denominator;
    status[i] = r.status;
  }
  return { la_code: laCode, period, indicator, value, numerator, denominator, status };
}
