/**
 * A CSV read by column, and only the columns asked for: an importer that reads six of a file's thirty
 * columns makes strings for those six, instead of a string per cell and an array per row
 * ({@link parseCsv}), most of which it would throw away. Same rules and the same errors as parseCsv
 * (lib/data/csv.ts): quoting errors first, then the first row whose field count differs from the header's.
 */
import { Buffer, isUtf8 } from "node:buffer";
import { DataError } from "../../errors";
import { decodeUtf8, scanCsvFields } from "../csv";
import { byteOrderMarksEnd, MalformedCsv, scanCsvHeaderBytes, type CsvHeaderSink } from "../csv-bytes";
import { fieldCountProblem } from "../csv-separator-hint";
import { ByteCellReader, CellBoundsSink, ColumnBounds, TextCellReader, expectedRecords, scanCellBounds, type CellReader, type CodedCells } from "./csv-cell-bounds";

export type { CellReader, CodedCells } from "./csv-cell-bounds";

/** A CSV's header and, by column, its data cells as text (untrimmed); row i of a column is data row i + 1. */
export class CsvColumns {
  readonly file: string;
  /** The header's cells as written (untrimmed). */
  readonly header: readonly string[];
  readonly rowCount: number;
  /** The file as text ({@link CsvColumns.parse}) or as UTF-8 bytes after any byte order marks ({@link CsvColumns.parseBytes}). */
  private readonly text: string | Buffer;
  private readonly read = new Map<number, readonly string[]>();
  /** The columns read as codes ({@link CsvColumns.coded}). */
  private readonly codedColumns = new Map<number, CodedCells>();
  /** The byte ranges of the cells of the columns read from bytes. */
  private readonly bounds = new Map<number, ColumnBounds>();
  /** Where the first data record starts in the bytes. */
  private dataStart = 0;

  private constructor(text: string | Buffer, file: string, header: readonly string[], rowCount: number) {
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
    if (badRow !== undefined) throw new DataError({ file, row: badRow.row, ...fieldCountProblem(badRow.fields, header) });
    const table = new CsvColumns(text, file, header, rowCount);
    (wanted as ColumnsBeingRead).slot.forEach((s, p) => {
      if (s >= 0) table.read.set(p, (wanted as ColumnsBeingRead).columns[s]);
    });
    return table;
  }

  /**
   * {@link CsvColumns.parse} of a file's UTF-8 bytes, without decoding the file: the kept columns' cells are kept
   * as byte ranges of the file, decoded when asked for: one cell ({@link CsvColumns.cell}), or a column as codes
   * into its distinct texts, each decoded once ({@link CsvColumns.coded}: a column of a few dozen codes or labels
   * over 100,000 rows makes a few dozen strings). The records are cut at their commas and quotes in one pass
   * (scanCellBounds, csv-cell-bounds.ts, by scanCsvBytes' rules, quoted fields too). Same header, cells and
   * errors as `parse(decodeUtf8(bytes))`: bytes that are not UTF-8 throw decodeUtf8's DataError, and malformed
   * quoting is read again from the text for parse's error.
   * @throws DataError as {@link CsvColumns.parse}, or when the bytes are not UTF-8
   * @example
   * CsvColumns.parseBytes(Buffer.from("a,b\n1,2\n"), "t.csv", () => [1]).cells(1) // ["2"]
   */
  static parseBytes(bytes: Uint8Array, file: string, positions: (header: readonly string[]) => readonly number[]): CsvColumns {
    if (!isUtf8(bytes)) decodeUtf8(bytes, file); // throws its DataError
    const start = byteOrderMarksEnd(bytes);
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start);
    const header = new HeaderNames();
    let rows: CellBoundsSink;
    try {
      const dataStart = scanCsvHeaderBytes(buf, 0, buf.length, header);
      if (header.names.length === 0) throw new DataError({ file, row: 0, expected: "a header row" });
      rows = new CellBoundsSink(header.names.length, positions(header.names), dataStart, expectedRecords(buf, dataStart, buf.length, header.names.length));
      scanCellBounds(buf, dataStart, rows);
    } catch (e) {
      if (e instanceof MalformedCsv) return CsvColumns.parse(decodeUtf8(bytes, file), file, positions); // its exact error
      throw e;
    }
    const { badRow } = rows;
    if (badRow !== undefined) throw new DataError({ file, row: badRow.row, ...fieldCountProblem(badRow.fields, header.names) });
    const table = new CsvColumns(buf, file, header.names, rows.rowCount);
    table.dataStart = rows.dataStart;
    rows.addTo(table.bounds);
    return table;
  }

  /**
   * The cells of the column at `position` (0-based), by data row, untrimmed; scanned on first use.
   * @example
   * CsvColumns.parse("a,b\n1,2\n", "t.csv", () => []).cells(0) // ["1"]
   */
  cells(position: number): readonly string[] {
    this.checkPosition(position);
    let cells = this.read.get(position);
    if (cells === undefined && typeof this.text === "string") {
      this.readColumns([position]);
      cells = this.read.get(position) as readonly string[];
    }
    if (cells === undefined) {
      const { codes, values } = this.coded(position);
      const strings = new Array<string>(codes.length);
      for (let i = 0; i < codes.length; i++) strings[i] = values[codes[i]];
      this.read.set(position, (cells = strings));
    }
    return cells;
  }

  /**
   * The cell of the column at `position` in data row `row` (0-based), untrimmed: `cells(position)[row]`, decoded
   * alone when the column was read from bytes and is not coded (a few picked cells of a column of numbers).
   * @example
   * CsvColumns.parseBytes(Buffer.from("a,b\n1,2\n"), "t.csv", () => [1]).cell(1, 0) // "2"
   */
  cell(position: number, row: number): string {
    this.checkPosition(position);
    const strings = this.read.get(position);
    if (strings !== undefined) return strings[row];
    const coded = this.codedColumns.get(position);
    if (coded !== undefined) return coded.values[coded.codes[row]];
    if (typeof this.text === "string" || !Number.isInteger(row) || row < 0 || row >= this.rowCount) return this.cells(position)[row];
    return this.boundsOf(position).text(this.text, row);
  }

  /**
   * A reader of the column at `position`'s cells one at a time ({@link CellReader}): as text, or as a number when
   * the cell is a plain decimal read from the file's bytes without decoding it.
   * @example
   * CsvColumns.parseBytes(Buffer.from("a,b\n-12,22.6\n"), "t.csv", () => [0, 1]).reader(1).plainNumber(0) // 22.6
   */
  reader(position: number): CellReader {
    this.checkPosition(position);
    if (typeof this.text === "string") return new TextCellReader(this.cells(position));
    return new ByteCellReader(this.text, this.boundsOf(position));
  }

  /**
   * The cells of the column at `position` as codes into its distinct texts (untrimmed, in order of first
   * appearance): `values[codes[i]]` is `cells(position)[i]`. Work done once per distinct text (trimming,
   * parsing a number) is then done once per code rather than once per row.
   * @example
   * CsvColumns.parseBytes(Buffer.from("a\nx\ny\nx\n"), "t.csv", () => [0]).coded(0) // { codes: [0, 1, 0], values: ["x", "y"] }
   */
  coded(position: number): CodedCells {
    this.checkPosition(position);
    let coded = this.codedColumns.get(position);
    if (coded !== undefined) return coded;
    coded = typeof this.text === "string" ? codesOfCells(this.cells(position)) : this.boundsOf(position).coded(this.text);
    this.codedColumns.set(position, coded);
    return coded;
  }

  private checkPosition(position: number): void {
    if (position < 0 || position >= this.header.length || !Number.isInteger(position)) throw new RangeError(`CsvColumns.cells: position must be a column of ${this.file} (got ${position})`);
  }

  /** The byte ranges of a column's cells, read in one more pass over the bytes when it was not kept (well formed: scanned once already). */
  private boundsOf(position: number): ColumnBounds {
    let bounds = this.bounds.get(position);
    if (bounds === undefined) {
      const rows = new CellBoundsSink(this.header.length, [position], this.dataStart, this.rowCount + 1);
      scanCellBounds(this.text as Buffer, this.dataStart, rows);
      rows.addTo(this.bounds);
      bounds = this.bounds.get(position) as ColumnBounds;
    }
    return bounds;
  }

  /** Read the cells of the columns at `positions` not read yet, in one pass over the text. */
  private readColumns(positions: readonly number[]): void {
    const wanted = columnsBeingRead(this.header.length, positions, this.read);
    if (wanted.columns.length === 0) return;
    scanCsvFields(
      this.text as string,
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

/** Codes of cells given as strings (the text path of {@link CsvColumns.coded}). */
function codesOfCells(cells: readonly string[]): CodedCells {
  const codeOf = new Map<string, number>();
  const values: string[] = [];
  const codes = new Int32Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    let code = codeOf.get(cells[i]);
    if (code === undefined) {
      codeOf.set(cells[i], (code = values.length));
      values.push(cells[i]);
    }
    codes[i] = code;
  }
  return { codes, values };
}

/** The header's names, from {@link scanCsvHeaderBytes}. */
class HeaderNames implements CsvHeaderSink {
  readonly names: string[] = [];
  headerField(text: string): void {
    this.names.push(text);
  }
  headerEnd(): void {}
}
