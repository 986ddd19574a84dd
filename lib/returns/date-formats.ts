/**
 * A file-wide format mistake told from many bad records: a table whose dates were saved in another format (a census's
 * referral dates written dd/mm/yyyy, an Annex A list's as US text mm/dd/yyyy, an Episodes table with 2-digit years)
 * fails one rule in most of its rows. Each row had been dropped on its own, logged only, and the figures published
 * from what was left, exit 0 (user trial round 27, S1-4 and S1-5: cin_referrals_rate_per_10k 0 for a census of 347
 * referrals; cpp_second_time_pct 41/93 → 13/32). Such a table is refused, naming the file, its first failing row, the
 * column, the format found and the one expected, and how many of its rows fail; a few failures are dropped as before.
 * Values are not quoted: a date's format is not identifying, the date is.
 */
import { DataError } from "../errors";

/**
 * Share of a table's rows (an SSDA903 table's, a census's referrals, an Annex A list's) failing one rule above which the
 * table is refused as a format mistake, when they are also BAD_FORMAT_MIN_ROWS or more. A return that passed DfE's
 * validation (or Ofsted's template) has no such row; a hand-typed date gone wrong is a row or two, and is dropped. The
 * trial's smallest file-wide mistake, two exports pasted together, had 35 of 349 rows (10%) in another format, and the
 * 35 rows dropped changed three of the LA's 2024 figures: a twentieth of a table lost is already more than the
 * intervals allow for. The bounds are those that refuse a table mixing years (ssda903-table-year MIXED_YEARS_SHARE,
 * MIXED_YEARS_MIN_ROWS), for the same reason: rows lost that many cannot be put right by dropping them.
 */
export const BAD_FORMAT_SHARE = 0.05;

/** Fewest failing rows for a table to be refused as a format mistake: a mistyped date is a row or two. */
export const BAD_FORMAT_MIN_ROWS = 5;

/** Whether `failing` of a table's `rows` are a file-wide mistake: more than BAD_FORMAT_SHARE of them, and BAD_FORMAT_MIN_ROWS or more. */
export function tooManyFailing(failing: number, rows: number): boolean {
  return failing >= BAD_FORMAT_MIN_ROWS && failing > BAD_FORMAT_SHARE * rows;
}

/** The formats a date not read can be recognised in (dateFormatOf). */
export type DateFormat = "yyyy-mm-dd" | "dd/mm/yyyy" | "dd/mm/yy" | "mm/dd/yyyy" | "xs:dateTime" | "dd/mm/yyyy hh:mm";

/** Words for a format found, as a refusal names it. */
const FORMAT_WORDS: Readonly<Record<DateFormat, string>> = {
  "yyyy-mm-dd": "dates written yyyy-mm-dd",
  "dd/mm/yyyy": "dates written dd/mm/yyyy",
  "dd/mm/yy": "dates written dd/mm/yy (a 2-digit year, which cannot tell 1920 from 2020)",
  "mm/dd/yyyy": "the dates look like mm/dd/yyyy (US format: the second number is over 12 and the first 12 or less; those whose day is 12 or less would be read with day and month swapped)",
  "xs:dateTime": "date-times written yyyy-mm-ddThh:mm:ss with a time other than midnight",
  "dd/mm/yyyy hh:mm": "dates with a time of day (dd/mm/yyyy hh:mm, as a spreadsheet saves a date-time cell; which of day and month comes first cannot be told)",
};

/**
 * The recognisable format a date cell that was not read is written in, or undefined (text of no known date format).
 * `d/m/yyyy` is mm/dd/yyyy when its second number is over 12 and its first 12 or less, else dd/mm/yyyy (an impossible
 * day, 31/02/2023, read in its own format).
 * @example
 * dateFormatOf("03/25/2023") // "mm/dd/yyyy"
 * dateFormatOf("25/03/23") // "dd/mm/yy"
 * dateFormatOf("2023-03-25T09:30:00") // "xs:dateTime"
 * dateFormatOf("25/03/2023 00:00") // "dd/mm/yyyy hh:mm"
 */
export function dateFormatOf(text: string): DateFormat | undefined {
  const v = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return "yyyy-mm-dd";
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v)) return "xs:dateTime";
  if (/^\d{1,2}\/\d{1,2}\/\d{2}$/.test(v)) return "dd/mm/yy";
  if (/^\d{1,2}\/\d{1,2}\/\d{4}[ T]\d{1,2}:\d{2}(:\d{2})?$/.test(v)) return "dd/mm/yyyy hh:mm";
  const m = /^(\d{1,2})\/(\d{1,2})\/\d{4}$/.exec(v);
  if (m === null) return undefined;
  return Number(m[2]) > 12 && Number(m[1]) <= 12 ? "mm/dd/yyyy" : "dd/mm/yyyy";
}

/** The first failing row of a column and how many fail, by format found. */
interface ColumnFailures {
  firstRow: number;
  failing: number;
  byFormat: Map<DateFormat | undefined, number>;
}

/**
 * Counts, column by column, the cells of a table that are not dates in the format expected, to tell a file-wide format
 * mistake (refusal) from a few bad rows (dropped by the row readers as before).
 * @example
 * const check = new DateFormatCheck("E06000002/2023/episodes.csv", "dd/mm/yyyy", "rows");
 * check.add(2, "DECOM", "12/25/2022"); // …
 * const error = check.refusal(170); // DataError naming DECOM, row 2, "the dates look like mm/dd/yyyy …" (when 5 or more, over 5%)
 */
export class DateFormatCheck {
  private readonly columns = new Map<string, ColumnFailures>();
  /** Cells seen per column (seen), for a table whose columns are of different records (a census's dates). */
  private readonly totals = new Map<string, number>();

  /**
   * @param file the file named in the refusal
   * @param expected the format expected ("dd/mm/yyyy")
   * @param rows what is counted, in the plural: "rows" (a table's), or "elements" (a census's, per element)
   * @param where how a row is named ("row", a DataError's row; "Child element", said in the value), the number after it
   */
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly rows: string,
    readonly where = "row",
  ) {}

  /** A cell of `column` that is not blank, read or not: the total a column's failures are a share of, when refusal is given none. */
  seen(column: string): void {
    this.totals.set(column, (this.totals.get(column) ?? 0) + 1);
  }

  /** A cell of row `row` (in `column`) that is not blank and not read as a date. */
  add(row: number, column: string, value: string): void {
    const known = this.columns.get(column) ?? { firstRow: row, failing: 0, byFormat: new Map() };
    this.columns.set(column, known);
    known.failing++;
    const format = dateFormatOf(value);
    known.byFormat.set(format, (known.byFormat.get(format) ?? 0) + 1);
  }

  /**
   * The refusal of a table of `rows` rows (without it, of the cells seen per column) in one of whose columns more than
   * BAD_FORMAT_SHARE of the rows (and BAD_FORMAT_MIN_ROWS or more) are not dates (the column with most), or undefined.
   */
  refusal(rows?: number, sheet?: string): DataError | undefined {
    const totalOf = (column: string, failures: ColumnFailures): number => rows ?? this.totals.get(column) ?? failures.failing;
    let worst: [string, ColumnFailures] | undefined;
    for (const entry of this.columns) {
      if (tooManyFailing(entry[1].failing, totalOf(...entry)) && (worst === undefined || entry[1].failing > worst[1].failing)) worst = entry;
    }
    if (worst === undefined) return undefined;
    const [column, { firstRow, failing, byFormat }] = worst;
    const total = totalOf(...worst);
    return new DataError({
      file: this.file,
      ...(sheet === undefined ? {} : { sheet }),
      ...(this.where === "row" ? { row: firstRow } : {}),
      column,
      value: `${foundWords(byFormat)}${this.where === "row" ? "" : ` (the first at ${this.where} ${firstRow})`}`,
      expected: `dates ${this.expected}: ${failing} of its ${total} ${this.where === "row" ? `${this.rows} have a ${column} that is not one` : `${column} ${this.rows} are not`} (more than ${100 * BAD_FORMAT_SHARE}%), so the file was saved with its dates in another format; save it again with its dates ${this.expected} (${readWhenFewFail(this.rows)})`,
    });
  }
}

/**
 * The formats found, in words: the commonest recognised one, with how many of the failing cells are in it when not all.
 * US dates get their words alone when they are at least half the failing cells: the other dates of such a column are
 * days of 12 or less, read as dd/mm/yyyy with day and month swapped, so they never fail.
 */
function foundWords(byFormat: ReadonlyMap<DateFormat | undefined, number>): string {
  const total = [...byFormat.values()].reduce((a, b) => a + b, 0);
  if (2 * (byFormat.get("mm/dd/yyyy") ?? 0) >= total) return FORMAT_WORDS["mm/dd/yyyy"];
  let best: [DateFormat | undefined, number] | undefined;
  for (const entry of byFormat) if (entry[0] !== undefined && (best === undefined || entry[1] > best[1])) best = entry;
  if (best === undefined) return "text that is not a date";
  return best[1] === total ? FORMAT_WORDS[best[0]!] : `${FORMAT_WORDS[best[0]!]} (${best[1]} of the ${total})`;
}

/**
 * The rule of reading a table with a few bad rows, in words true of a table of any size (and of a date of birth, which
 * is not taken where a date of care drops its row).
 * @example
 * readWhenFewFail("rows") // "a file is read with such rows, each counted in the import log, only when they are at most 5% of its rows or fewer than 5"
 */
export function readWhenFewFail(rows: string): string {
  return `a file is read with such ${rows}, each counted in the import log, only when they are at most ${100 * BAD_FORMAT_SHARE}% of its ${rows} or fewer than ${BAD_FORMAT_MIN_ROWS}`;
}
