/**
 * The returns import log: every row dropped and every warning, naming file, row, column and value, with
 * counts per rule. Values of identifier, date and postcode columns are withheld in the log (the log is
 * written beside the package; record-level values never leave the run).
 */
import { ImportLog, type ImportLogEntry } from "../data/import/import-log";
import { collectionYearLabel } from "./dates";

/** Columns whose values are personal (identifiers, dates, postcodes): the log says "(withheld)". */
const PERSONAL_COLUMN_RE = /(^CHILD$|ID$|^UPN$|DOB|DATE|^DECOM$|^DEC$|POST|^MIS_|^SW_|BirthDate|Date$|^MC_)/i;

/** Shown instead of a personal value. */
export const WITHHELD_VALUE = "(withheld)";

/**
 * The value as it may appear in the log: codes as given, personal values withheld.
 * @example
 * loggableValue("LS", "X9") // "X9"; loggableValue("DOB", "01/02/2010") // "(withheld)"
 */
export function loggableValue(column: string, value: string): string {
  return value !== "" && PERSONAL_COLUMN_RE.test(column) ? WITHHELD_VALUE : value;
}

/**
 * A count of records of one rule in one file (or LA and year): rows dropped, rows warned about, children left out of
 * an indicator, rows of a table skipped whole. The package's log controls these (returns-package: each count of
 * 1 … threshold − 1 and every total holding one left out); the other entries count LA-years, files and checks.
 */
export interface RecordCount {
  action: "dropped" | "warning" | "skipped-file";
  rule: string;
  file: string;
  count: number;
}

/** Collects what an import dropped or warned about; `dropped` counts rows not used. */
export class ReturnsImportLog {
  readonly log = new ImportLog();
  /** Rows dropped per file. */
  readonly droppedRows = new Map<string, number>();
  /** Rows read per file. */
  readonly rowsRead = new Map<string, number>();
  /** Warnings per file. */
  readonly warnings = new Map<string, number>();
  /** The notes to show on the screen (see {@link notice}), in order. */
  readonly notices: { file: string; rule: string; detail?: string }[] = [];
  /** Counts of records by action, rule and file ({@link recordCounts}). */
  private readonly records = new Map<string, RecordCount>();

  /** A row not used: names file, row, column and the (loggable) value; `detail` says what went with it or stayed. */
  drop(file: string, row: number, column: string, value: string, rule: string, detail?: string): void {
    this.droppedRows.set(file, (this.droppedRows.get(file) ?? 0) + 1);
    this.countRecords("dropped", rule, file, 1);
    this.log.add({ action: "dropped", file, row, column, value: loggableValue(column, value), rule, ...(detail === undefined ? {} : { detail }) });
  }

  /** A problem that did not drop the row. */
  warn(file: string, row: number | undefined, column: string | undefined, value: string | undefined, rule: string, detail?: string): void {
    this.warnings.set(file, (this.warnings.get(file) ?? 0) + 1);
    this.countRecords("warning", rule, file, 1);
    this.log.add({
      action: "warning",
      file,
      rule,
      ...(row === undefined ? {} : { row }),
      ...(column === undefined ? {} : { column }),
      ...(value === undefined || column === undefined ? {} : { value: loggableValue(column, value) }),
      ...(detail === undefined ? {} : { detail }),
    });
  }

  /** A note about the run (an indicator left out, a file recognised). */
  note(file: string, action: ImportLogEntry["action"], rule: string, detail?: string, count = 1): void {
    this.log.add({ action, file, rule, count, ...(detail === undefined ? {} : { detail }) });
  }

  /**
   * Children left out of an indicator (`label`: the LA and year), logged as one warning whose count is the children's:
   * a count of records, controlled in the package like rows dropped (the notes beside it count LA-years).
   */
  leftOut(label: string, rule: string, detail: string, children: number): void {
    this.note(label, "warning", rule, detail, children);
    this.countRecords("warning", rule, label, children);
  }

  /**
   * A table skipped whole, its `rows` not used: logged as one entry whose count is the rows (records, controlled in
   * the package as rows read are: its rule's count had been given as it was, a file's 3 rows beside its null).
   */
  skippedRows(file: string, rule: string, detail: string | undefined, rows: number): void {
    this.note(file, "skipped-file", rule, detail, rows);
    this.countRecords("skipped-file", rule, file, rows);
  }

  /**
   * A note about the run that changes what the figures mean (a gap between collection years, an indicator left out
   * because its source does not cover its definition): logged as a warning and kept in {@link notices}, which the
   * command shows on the screen, since a reader of the package alone could take the figures for complete.
   */
  notice(file: string, rule: string, detail?: string): void {
    this.note(file, "warning", rule, detail);
    this.notices.push({ file, rule, ...(detail === undefined ? {} : { detail }) });
  }

  /**
   * A file or sheet found but not read whole, which the screen must show since its indicators go missing (an Annex A
   * list sheet whose header is not found): logged as skipped, and kept in {@link notices} (a warning too, as every
   * notice is, so that the screen's count of warnings holds the notices it lists).
   */
  skippedNotice(file: string, words: { rule: string; detail: string }): void {
    this.note(file, "skipped-file", words.rule, words.detail);
    this.notice(file, words.rule, words.detail);
  }

  /**
   * A notice for each gap between runs of consecutive collection years of an LA's `source` (consecutiveRuns), naming
   * the missing years; `why` says what merging the years is for.
   */
  yearGaps(la: string, source: string, runs: readonly (readonly number[])[], why: string, unread: ReadonlySet<number> = new Set()): void {
    for (let k = 1; k < runs.length; k++) {
      const before = runs[k - 1][runs[k - 1].length - 1];
      const after = runs[k][0];
      const years = Array.from({ length: after - before - 1 }, (_, i) => before + 1 + i);
      // a year whose table is there but was not read (its Header missing) is "not read", not "missing" (a user trial,
      // round 27: "SSDA903 Episodes missing for 2022-23" of a folder holding 2022-23's episodes.csv)
      const missing = years.filter((y) => !unread.has(y)).map(collectionYearLabel);
      const notRead = years.filter((y) => unread.has(y)).map(collectionYearLabel);
      const gap = [...(missing.length > 0 ? [`missing for ${missing.join(", ")}`] : []), ...(notRead.length > 0 ? [`not read for ${notRead.join(", ")} (see above)`] : [])].join(" and ");
      const rule = `${source} ${gap}: years up to ${collectionYearLabel(before)} and from ${collectionYearLabel(after)} are counted apart`;
      this.notice(la, rule, `${why}; give the missing year's files to merge them`);
    }
  }

  /** Add `n` records to the count of (action, rule, file): kept apart from the entries, which do not say which count records. */
  private countRecords(action: RecordCount["action"], rule: string, file: string, n: number): void {
    const key = `${action}\u0000${rule}\u0000${file}`;
    const known = this.records.get(key);
    if (known === undefined) this.records.set(key, { action, rule, file, count: n });
    else known.count += n;
  }

  /** Count of rows read from a file. */
  read(file: string, rows: number): void {
    this.rowsRead.set(file, (this.rowsRead.get(file) ?? 0) + rows);
  }

  /** The counts of records ({@link RecordCount}): one per action, rule and file, in the order first met. */
  recordCounts(): RecordCount[] {
    return [...this.records.values()].map((r) => ({ ...r }));
  }

  /** All entries. */
  entries(): readonly ImportLogEntry[] {
    return this.log.entries();
  }

  /** Per file: rows read, dropped and warnings. */
  fileSummary(): { file: string; rows: number; dropped: number; warnings: number }[] {
    const files = new Set([...this.rowsRead.keys(), ...this.droppedRows.keys(), ...this.warnings.keys()]);
    return [...files].sort().map((file) => ({
      file,
      rows: this.rowsRead.get(file) ?? 0,
      dropped: this.droppedRows.get(file) ?? 0,
      warnings: this.warnings.get(file) ?? 0,
    }));
  }
}
