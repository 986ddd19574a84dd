/**
 * A CSV read by column, and only the columns asked for: an importer that reads six of a file's thirty
 * columns makes strings for those six, instead of a string per cell and an array per row
 * ({@link parseCsv}), most of which it would throw away. Same rules and the same errors as parseCsv
 * (lib/data/csv.ts): quoting errors first, then the first row whose field count differs from the header's.
 */
import { Buffer, isUtf8 } from "node:buffer";
import { DataError } from "../../errors";
import { InternedTexts } from "../byte-interner";
import { decodeUtf8, scanCsvFields } from "../csv";
import { byteOrderMarksEnd, MalformedCsv, scanCsvBytes, type CsvByteSink } from "../csv-bytes";

/** A CSV's header and, by column, its data cells as text (untrimmed); row i of a column is data row i + 1. */
export class CsvColumns {
  readonly file: string;
  /** The header's cells as written (untrimmed). */
  readonly header: readonly string[];
  readonly rowCount: number;
  /** The file as text ({@link CsvColumns.parse}) or as UTF-8 bytes after any byte order marks ({@link CsvColumns.parseBytes}). */
  private readonly text: string | Buffer;
  private readonly read = new Map<number, readonly string[]>();

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
    if (badRow !== undefined) throw new DataError({ file, row: badRow.row, value: `${badRow.fields} fields`, expected: `${header.length} fields as in the header` });
    const table = new CsvColumns(text, file, header, rowCount);
    (wanted as ColumnsBeingRead).slot.forEach((s, p) => {
      if (s >= 0) table.read.set(p, (wanted as ColumnsBeingRead).columns[s]);
    });
    return table;
  }

  /**
   * {@link CsvColumns.parse} of a file's UTF-8 bytes, without decoding the file: each kept cell's bytes are
   * looked up among its column's distinct texts, each decoded once (a column of a few dozen codes or labels
   * over 100,000 rows makes a few dozen strings). Same header, cells and errors as `parse(decodeUtf8(bytes))`:
   * bytes that are not UTF-8 throw decodeUtf8's DataError, and malformed quoting is read again from the text
   * for parse's error.
   * @throws DataError as {@link CsvColumns.parse}, or when the bytes are not UTF-8
   * @example
   * CsvColumns.parseBytes(Buffer.from("a,b\n1,2\n"), "t.csv", () => [1]).cells(1) // ["2"]
   */
  static parseBytes(bytes: Uint8Array, file: string, positions: (header: readonly string[]) => readonly number[]): CsvColumns {
    if (!isUtf8(bytes)) decodeUtf8(bytes, file); // throws its DataError
    const start = byteOrderMarksEnd(bytes);
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start);
    const sink = new ColumnsSink(positions);
    try {
      scanCsvBytes(buf, 0, buf.length, 0, sink);
    } catch (e) {
      if (e instanceof MalformedCsv) return CsvColumns.parse(decodeUtf8(bytes, file), file, positions); // its exact error
      throw e;
    }
    const { header, rowCount, badRow } = sink;
    if (header.length === 0) throw new DataError({ file, row: 0, expected: "a header row" });
    if (badRow !== undefined) throw new DataError({ file, row: badRow.row, value: `${badRow.fields} fields`, expected: `${header.length} fields as in the header` });
    const table = new CsvColumns(buf, file, header, rowCount);
    (sink.wanted as ColumnsFromBytes).slot.forEach((s, p) => {
      if (s >= 0) table.read.set(p, (sink.wanted as ColumnsFromBytes).columns[s]);
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
    if (typeof this.text !== "string") {
      const sink = new ColumnsSink(() => positions, this.header.length);
      scanCsvBytes(this.text, 0, this.text.length, 0, sink); // scanned once already: well formed
      (sink.wanted as ColumnsFromBytes).slot.forEach((s, p) => {
        if (s >= 0 && !this.read.has(p)) this.read.set(p, (sink.wanted as ColumnsFromBytes).columns[s]);
      });
      return;
    }
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

/** Columns being filled from bytes: each column's cells as its interned texts. */
interface ColumnsFromBytes extends ColumnsBeingRead {
  texts: InternedTexts[];
}

/** What {@link CsvColumns.parseBytes} collects from {@link scanCsvBytes}: the header, the kept columns, the row count and the first bad row. */
class ColumnsSink implements CsvByteSink {
  readonly header: string[] = [];
  rowCount = 0;
  badRow: { row: number; fields: number } | undefined;
  wanted: ColumnsFromBytes | undefined;

  /** @param width - the header's width when the header is already known (a second scan: its line 0 is skipped) */
  constructor(
    private readonly positions: (header: readonly string[]) => readonly number[],
    width?: number,
  ) {
    if (width !== undefined) this.wanted = columnsFromBytes(width, positions([]));
  }

  plainField(buf: Buffer, start: number, end: number, index: number, line: number): void {
    if (line === 0) {
      if (this.wanted === undefined) this.header.push(buf.toString("utf8", start, end));
      return;
    }
    const w = this.wanted as ColumnsFromBytes;
    const s = w.slot[index];
    if (s >= 0) {
      const texts = w.texts[s];
      w.columns[s].push(texts.values[texts.codeOf(buf, start, end)]);
    }
  }

  quotedField(text: string, index: number, line: number): void {
    if (line === 0) {
      if (this.wanted === undefined) this.header.push(text);
      return;
    }
    const w = this.wanted as ColumnsFromBytes;
    const s = w.slot[index];
    if (s >= 0) {
      const texts = w.texts[s];
      w.columns[s].push(texts.values[texts.codeOfText(text)]);
    }
  }

  recordEnd(count: number, line: number): void {
    if (line === 0) {
      if (this.wanted === undefined) this.wanted = columnsFromBytes(this.header.length, this.positions(this.header));
      return;
    }
    this.rowCount++;
    if (this.badRow === undefined && count !== this.header.length) this.badRow = { row: line, fields: count };
  }
}

function columnsFromBytes(width: number, positions: readonly number[]): ColumnsFromBytes {
  const wanted = columnsBeingRead(width, positions, new Map());
  return { ...wanted, texts: wanted.columns.map(() => new InternedTexts()) };
}
