/**
 * The rows of a researcher's table as indicator rows, one row at a time (lib/data/own-data/add.ts passes each row of
 * the CSV stream, or of an XLSX sheet, to {@link ownRowReader}): its period read, its LA matched (England/region rows
 * and unmatched LAs listed in the report), each value parsed (./own-value.ts). A row is not kept once read.
 */
import type { DataError } from "../../errors";
import type { AreaRow, DataPackage, IndicatorRow } from "../types";
import { addError } from "./capped-errors";
import { PERIOD_RANGE, PERIOD_RANGE_EXPECTED } from "./cell-rules";
import { areaMatcher, otherAreaCellProblem, type AreaMatchMethod } from "./match-areas";
import { indicatorIdFromHeader, INDICATOR_ID } from "./metadata";
import { addOwnValue, FirstRows, type OwnValueSink } from "./own-value";
import type { OwnRowChecks } from "./row-checks";
import { parsePeriodCell } from "../periods";
import type { OwnTableHead, OwnTableLayout } from "./read-table";
import type { PercentCellsOfIndicator } from "./unit-checks";

/** The lists of add's report (OwnDataReport, add.ts) that the rows fill. */
export interface OwnRowsReport {
  /** One entry per distinct LA cell and LA it matched. */
  matched: { given: string; laCode: string; laName: string; method: AreaMatchMethod }[];
  unmatched: { row: number; given: string; reason: string; suggestions: string[] }[];
  aggregates: { row: number; given: string; what: string }[];
}

/** Where {@link ownRowReader} records what it finds. */
export interface OwnRowsContext {
  file: string;
  errors: DataError[];
  notes: string[];
  report: OwnRowsReport;
  /** The checks of each row made (row-checks.ts). */
  checks: OwnRowChecks;
}

/**
 * What the rows gave: the indicator rows, each indicator's column header, its percent cells. The rows are kept only
 * while no error has been found (a plan with errors is not written): a file of 5,000,000 rows, half of them bad, had
 * kept its 2,500,000 good ones as objects.
 */
export interface OwnRows {
  /** Every row, when the rows and their checks found no error; else none. */
  newRows: IndicatorRow[];
  headers: Map<string, string>;
  percentCells: Map<string, PercentCellsOfIndicator>;
}

/** Reads rows one by one ({@link OwnRowReader.visit}), then says what they gave ({@link OwnRowReader.finish}). */
export interface OwnRowReader {
  /** One data row: its cells (as many as the header's) and its number (header = row 0). */
  visit(cells: readonly string[], row: number): void;
  /** After the last row: the notes on periods and England/region rows, the report's matched LAs, and the rows. */
  finish(): OwnRows;
}

/** A matched row's LA and period, as addOwnValue takes them. */
type RowPlace = { row: number; given: string; laCode: string; laName: string; period: number };

/**
 * A reader of the table's rows into indicator rows, in the layout found in its header.
 * @example
 * const reader = ownRowReader(pkg, { file: "own.csv", header: ["la_code", "period", "y"] }, layout, new Map([[2, "y"]]), undefined, ctx);
 * reader.visit(["E06000023", "2022", "1"], 1);
 * reader.finish().newRows.length // 1
 */
export function ownRowReader(
  pkg: DataPackage,
  head: OwnTableHead,
  layout: OwnTableLayout,
  wideIds: ReadonlyMap<number, string>,
  givenPeriod: number | undefined,
  ctx: OwnRowsContext,
): OwnRowReader {
  const { file, errors, notes, report } = ctx;
  const areas = pkg.areas.objects() as unknown as AreaRow[];
  const aliases = (pkg.descriptor.provenance?.code_aliases ?? {}) as Record<string, string>;
  const matcher = areaMatcher(areas, typeof aliases === "object" && aliases !== null ? aliases : {});
  const matchedByGiven = new Map<string, OwnRowsReport["matched"][number]>();
  const periodForms = new Set<string>();
  const headers = new Map<string, string>();
  const { checks } = ctx;
  let newRows: IndicatorRow[] = [];
  const failed = () => errors.length > 0 || checks.byUnitErrors.length > 0 || checks.countErrors.length > 0;
  const accept: OwnValueSink["accept"] = (given, origin) => {
    // the row kept is the one the checks give back: its value worked out from its counts when blank (value-from-counts.ts)
    const row = checks.add(given, origin);
    if (!failed()) newRows.push(row);
    else if (newRows.length > 0) newRows = [];
  };
  const sink: OwnValueSink = { file, errors, firstRows: new FirstRows(), accept, percentCells: new Map(), plainCells: head.percentCells === undefined ? undefined : new Map() };
  const values = layout.kind === "wide" ? wideValues(head, layout, wideIds, sink, headers) : longValues(head, layout, sink, headers, ctx);
  return {
    visit(cells, row) {
      let period = givenPeriod;
      if (layout.period !== undefined) {
        period = periodOfRow(cells[layout.period], { file, row, column: head.header[layout.period] }, errors, periodForms);
        if (period === undefined) return;
      }
      const given = cells[layout.area.column];
      const m = matcher.match(given, layout.area.kind, period);
      if (m.kind === "aggregate") return void report.aggregates.push({ row, given, what: m.what });
      if (m.kind === "unmatched") return void report.unmatched.push({ row, given, reason: m.reason, suggestions: m.suggestions });
      // keyed by the cell and the LA: "Dorset" in 2018 and in 2024 are two LAs, and both are counted
      const matchKey = `${given.trim()}\u0000${m.laCode}`;
      if (!matchedByGiven.has(matchKey)) matchedByGiven.set(matchKey, { given: given.trim(), laCode: m.laCode, laName: m.laName, method: m.method });
      for (const c of layout.otherAreaColumns) {
        const expected = otherAreaCellProblem(matcher, cells[c], period, m);
        if (expected !== undefined) addError(errors, { file, row, column: head.header[c], value: cells[c].trim(), expected });
      }
      values(cells, { row, given, laCode: m.laCode, laName: m.laName, period: period! });
    },
    finish() {
      if (periodForms.size > 0) notes.push(`periods read as the year ending March: ${[...periodForms].slice(0, 5).join(", ")}${periodForms.size > 5 ? ", …" : ""}`);
      if (report.aggregates.length > 0) notes.push(`${report.aggregates.length} England/region row(s) not added (the package's LA rows only)`);
      report.matched = [...matchedByGiven.values()];
      // a column of percentages with plain numbers among them: said by checkPercentCells
      for (const [id, plain] of sink.plainCells ?? []) {
        const percent = sink.percentCells.get(id);
        if (percent !== undefined) percent.plain = plain;
      }
      return { newRows: failed() ? [] : newRows, headers, percentCells: sink.percentCells };
    },
  };
}

/** The value cells of a wide table's row: one per indicator column. */
function wideValues(
  head: OwnTableHead, layout: OwnTableLayout, wideIds: ReadonlyMap<number, string>, sink: OwnValueSink, headers: Map<string, string>,
): (cells: readonly string[], at: RowPlace) => void {
  return (cells, at) => {
    for (const c of layout.indicatorColumns) {
      const id = wideIds.get(c)!;
      headers.set(id, head.header[c]);
      addOwnValue(sink, at, id, { value: cells[c], column: head.header[c], percentCell: percentCell(head, c, at.row) });
    }
  };
}

/** The value of a long table's row, with its indicator, counts and status. */
function longValues(
  head: OwnTableHead, layout: OwnTableLayout, sink: OwnValueSink, headers: Map<string, string>, ctx: OwnRowsContext,
): (cells: readonly string[], at: RowPlace) => void {
  const { file, errors, notes } = ctx;
  const l = layout.long!;
  const header = (i: number | undefined) => (i === undefined ? undefined : head.header[i]);
  // one string per indicator for all its rows: an id of 13 characters or more cut from a chunk of the CSV's text would
  // keep that chunk alive in every row (V8's sliced strings), the whole file's text for a file without errors
  const ids = new Map<string, string>();
  return (cells, at) => {
    const { row } = at;
    const idText = cells[l.indicator].trim();
    const read = INDICATOR_ID.test(idText) ? idText : indicatorIdFromHeader(idText);
    if (!INDICATOR_ID.test(read)) {
      addError(errors, { file, row, column: head.header[l.indicator], value: idText, expected: "an indicator id: lower-case letters, digits and _, starting with a letter" });
      return;
    }
    let id = ids.get(read);
    if (id === undefined) ids.set(read, (id = read));
    if (id !== idText && !headers.has(id)) notes.push(`indicator "${idText}" → id ${id}`);
    if (!headers.has(id)) headers.set(id, idText);
    const cell = (i: number | undefined) => (i === undefined ? undefined : cells[i]);
    for (const i of [l.numerator, l.denominator]) {
      const ref = i === undefined ? undefined : percentCell(head, i, row);
      // a count formatted as a percentage was read ×100; no unit makes that right
      if (i !== undefined && ref !== undefined) {
        addError(errors, { file, row, column: head.header[i], value: `${cells[i]}%`, expected: `a count (cell ${ref} is formatted as a percentage, shown ×100: format the column as a number)` });
      }
    }
    addOwnValue(sink, at, id, {
      value: cells[l.value],
      column: head.header[l.value],
      percentCell: percentCell(head, l.value, row),
      numerator: cell(l.numerator),
      denominator: cell(l.denominator),
      status: cell(l.status),
      columns: { numerator: header(l.numerator), denominator: header(l.denominator), status: header(l.status) },
    });
  };
}

/** The sheet reference of an XLSX cell read as shown from a percent format, else undefined. */
function percentCell(head: OwnTableHead, column: number, row: number): string | undefined {
  return head.percentCells?.get(column)?.get(row);
}

/**
 * A row's period cell as the year ending March, within the package's periods; undefined (with an error) otherwise.
 * A form other than the year itself (2014-15) is added to `periodForms`, for a note.
 */
function periodOfRow(text: string, at: { file: string; row: number; column: string }, errors: DataError[], periodForms: Set<string>): number | undefined {
  const period = parsePeriodCell(text);
  if (period === undefined) {
    addError(errors, { ...at, value: text, expected: "a year ending March (2015) or a financial year (2014-15, 2014/15, 201415)" });
    return undefined;
  }
  if (period < PERIOD_RANGE.minimum || period > PERIOD_RANGE.maximum) {
    addError(errors, { ...at, value: text.trim(), expected: PERIOD_RANGE_EXPECTED });
    return undefined;
  }
  if (text.trim() !== String(period)) periodForms.add(`${text.trim()} → ${period}`);
  return period;
}
