/**
 * A CSV read by column, and only the columns asked for: an importer that reads six of a file's thirty
 * columns makes strings for those six, instead of a string per cell and an array per row
 * ({@link parseCsv}), most of which it would throw away. Same rules and the same errors as parseCsv
 * (lib/data/csv.ts): quoting errors first, then the first row whose field count differs from the header's.
 */
import { DataError } from "../../errors";
import { scanCsvFields } from "../csv";

/** A CSV's header and, by column, its data cells as text (untrimmed); row i of a column is data row i + 1. */
export class CsvColumns {
  readonly file: string;
  /** The header's cells as written (untrimmed). */
  readonly header: readonly string[];
  readonly rowCount: number;
  private readonly text: string;
  private readonly read = new Map<number, readonly string[]>();

  private constructor(text: string, file: string, header: readonly string[], rowCount: number) {
    this.text = text;
    this.file = file;
    this.header = header;
    this.rowCount = rowCount;
  }

  /**
   * Parse CSV text, keeping the cells of the columns at `positions` (0-based; others are read on demand by
   * {@link CsvColumns.cells}).
   * @param positions - which columns to keep, as a function of the header (e.g. looked up by name)
   * @throws DataError on an unterminated or stray quote, no header row, or a row with the wrong number of fields
   * @example
   * CsvColumns.parse("a,b\n1,2\n", "t.csv", () => [1]).cells(1) // ["2"]
   */
  static parse(text: string, file: string, positions: (header: readonly string[]) => readonly number[]): CsvColumns {
    const header: string[] = [];
    let rowCount = 0;
    let badRow: { row: number; fields: number } | undefined;
    let wanted: ColumnsBeingRead | undefined;
    scanCsvFields(
      text,
      file,
      (source, start, end, index, line) => {
        if (line === 0) header.push(source.slice(start, end));
        else {
          const s = (wanted as ColumnsBeingRead).slot[index];
          if (s >= 0) (wanted as ColumnsBeingRead).columns[s].push(source.slice(start, end));
        }
      },
      (fieldCount, line) => {
        if (line === 0) {
          wanted = columnsBeingRead(header.length, positions(header), new Map());
          return;
        }
        rowCount++;
        if (badRow === undefined && fieldCount !== header.length) badRow = { row: line, fields: fieldCount };
      },
    );
    if (header.length === 0) throw new DataError({ file, row: 0, expected: "a header row" });
    if (badRow !== undefined) throw new DataError({ file, row: badRow.row, value: `${badRow.fields} fields`, expected: `${header.length} fields as in the header` });
    const table = new CsvColumns(text, file, header, rowCount);
    (wanted as ColumnsBeingRead).slot.forEach((s, p) => {
      if (s >= 0) table.read.set(p, (wanted as ColumnsBeingRead).columns[s]);
    });
    return table;
  }

  /**
   * The cells of the column at `position` (0-based), by data row, untrimmed; scanned on first use.
   * @example
   * CsvColumns.parse("a,b\n1,2\n", "t.csv", () => []).cells(0) // ["1"]
   */
  cells(position: number): readonly string[] {
    if (position < 0 || position >= this.header.length || !Number.isInteger(position)) throw new RangeError(`CsvColumns.cells: position must be a column of ${this.file} (got ${position})`);
    if (!this.read.has(position)) this.readColumns([position]);
    return this.read.get(position) as readonly string[];
  }

  /** Read the cells of the columns at `positions` not read yet, in one pass over the text. */
  private readColumns(positions: readonly number[]): void {
    const wanted = columnsBeingRead(this.header.length, positions, this.read);
    if (wanted.columns.length === 0) return;
    scanCsvFields(
      this.text,
      this.file,
      (source, start, end, index, line) => {
        const s = line === 0 ? -1 : wanted.slot[index];
        if (s >= 0) wanted.columns[s].push(source.slice(start, end));
      },
      () => undefined,
    );
    wanted.slot.forEach((s, p) => {
      if (s >= 0) this.read.set(p, wanted.columns[s]);
    });
  }
}

/** Columns being filled by a scan: `slot[p]` is column p's index in `columns`, or -1 when it is not read. */
interface ColumnsBeingRead {
  slot: Int32Array;
  columns: string[][];
}

function columnsBeingRead(width: number, positions: readonly number[], done: ReadonlyMap<number, unknown>): ColumnsBeingRead {
  const slot = new Int32Array(width).fill(-1);
  const columns: string[][] = [];
  for (const p of positions) {
    if (p < 0 || p >= width || done.has(p) || slot[p] >= 0) continue;
    slot[p] = columns.length;
    columns.push([]);
  }
  return { slot, columns };
}
