/**
 * Parsing one resource file of a package into columns (package-columns.ts), collecting every header and cell
 * error. {@link parseResourceFile} reads the file in chunks of bytes and types each cell from its bytes, so
 * neither the file's bytes nor its text are ever held whole (a 53 MB indicators.csv is read through a 256 KiB
 * buffer); {@link parseResourceText} parses a decoded text. Both give the same columns and errors: the byte
 * reader falls back to the text one (whose messages name file, row, column and value) when the file is not
 * UTF-8 or its quoting is malformed.
 */
import { Buffer, isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { DataError } from "../errors";
import { duplicateColumns, scanCsvFields } from "./csv";
import { fieldCountProblem, separatorHint } from "./csv-separator-hint";
import { CsvFieldScanner, FIELD_INFO, MAX_COLUMNS } from "./csv-fields";
import { byteOrderMarksEnd, MalformedCsv, recordBoundary, scanCsvBytes, scanCsvHeaderBytes, type CsvByteSink, type CsvHeaderSink } from "./csv-bytes";
import { readWholeRecords } from "./whole-records";
import { ColumnsBuilder } from "./columns-builder";
import { emptyColumns, maxRecords, type ResourceColumns } from "./package-columns";
import { SCHEMAS } from "./schema";
import type { FieldDescriptor, ResourceName } from "./types";

/**
 * Bytes read at a time from a resource file (the buffer grows only for a record longer than this): 256 KiB, where
 * the per-chunk work (a read, a UTF-8 check, finding the last whole record) is still negligible; each MiB of
 * buffer is fresh memory, ~3 ms of page faults on a small VM, and a file is read once.
 */
export const RESOURCE_CHUNK_BYTES = 1 << 18;
/** Rows assumed per byte of a file whose descriptor declares no row count (growth covers more). */
const ESTIMATED_BYTES_PER_ROW = 32;

const SCAN_UNSTARTED = 0;
const SCAN_COLUMNS = 1;
const SCAN_FIELDS = 2;

/**
 * A resource's header and records as they arrive, typed into a {@link ColumnsBuilder}; it is the byte scanner's
 * sink itself (plainField, quotedField, recordEnd), one call per field fewer than a sink forwarding to it. The
 * header comes apart (headerField, headerEnd: {@link scanCsvHeaderBytes}), so the per-cell calls have no header
 * branch: one never taken while a file's cells were read threw the optimised scan away at the next file's header.
 */
class ResourceParse implements CsvByteSink, CsvHeaderSink {
  readonly header: string[] = [];
  /** How the WebAssembly scanner reads this file: not yet, typing whole batches (SCAN_COLUMNS), or splitting fields only. */
  private scan = SCAN_UNSTARTED;
  /** Whether the scanner has begun this file (CsvFieldScanner.begin). */
  private scanBegun = false;
  /** The position in its record of the next field the scanner gives (a batch may end inside a record). */
  private scanIndex = 0;
  private headerRead = false;
  private headerErrors: DataError[] = [];
  /** Per field of the file, its schema field's index (−1: not in the schema); undefined while not typing. */
  private fieldOfColumn = new Int32Array(0);
  private firstBadCount: DataError | undefined;
  private typing = false;
  private rows = 0;
  private readonly cellErrors: DataError[] = [];
  readonly builder: ColumnsBuilder;
  private readonly schema: readonly FieldDescriptor[];

  constructor(
    private readonly name: ResourceName,
    private readonly file: string,
    capacity: number,
    missing: ReadonlySet<string> | undefined,
  ) {
    this.schema = SCHEMAS[name];
    this.builder = new ColumnsBuilder(name, capacity, file, missing, this.cellErrors);
  }

  /** The schema field of the record's field `index`, or −1 when the cell is not typed (header, bad count, not in the schema). */
  fieldAt(index: number): number {
    if (!this.typing) return -1;
    return this.fieldOfColumn[index] ?? -1;
  }

  /** A name of the header row. */
  headerField(text: string): void {
    this.header.push(text);
  }

  /** The end of the header row: its problems found, and the file's columns mapped to schema fields. */
  headerEnd(): void {
    this.headerRead = true;
    this.headerErrors = headerProblems(this.schema, this.header, this.file);
    // an Int32Array, not an array made by map: its kind would depend on how far V8 has optimised this code, and
    // the per-cell fieldAt, optimised on one resource's, would be thrown away on the next ('wrong map')
    this.fieldOfColumn = Int32Array.from(this.header, (h) => this.schema.findIndex((f) => f.name === h));
    this.typing = this.headerErrors.length === 0;
  }

  /** An unquoted cell of the byte scanner (line ≥ 1), typed from its bytes. */
  plainField(buf: Buffer, start: number, end: number, index: number, line: number): void {
    const k = this.fieldAt(index);
    if (k >= 0) this.builder.cellBytes(k, buf, start, end, line - 1);
  }

  /** A quoted cell of the byte scanner (line ≥ 1; doubled quotes undone), typed from its text. */
  quotedField(text: string, index: number, line: number): void {
    const k = this.fieldAt(index);
    if (k >= 0) this.builder.quotedCell(k, text, line - 1);
  }

  /** Whether this file's pieces may go to the WebAssembly scanner (its header read, at most MAX_COLUMNS columns). */
  scannable(): boolean {
    return this.headerRead && this.header.length <= MAX_COLUMNS;
  }

  /**
   * The records of a piece of the file as the WebAssembly scanner splits them (loaded into `scanner` already; begun
   * for this file at its first piece). While every batch is whole records of the header's width with no cell that
   * needs JavaScript, the module types the cells and the builder copies them a column at a time
   * (ColumnsBuilder.scannedColumns); from the first batch that is not, for the rest of the file, the module only
   * splits the fields: each is typed by plainField and each record ended as scanCsvBytes ends it. Returns the
   * number of the next record.
   */
  scannedRecords(scanner: CsvFieldScanner, buf: Buffer, line: number): number {
    if (!this.scanBegun) {
      // the module types cells only from the file's first record (it would not know texts interned in JavaScript)
      const kinds = this.scan === SCAN_UNSTARTED && this.typing ? this.builder.columnKinds(this.fieldOfColumn) : null;
      this.scan = kinds === null ? SCAN_FIELDS : SCAN_COLUMNS;
      scanner.begin(kinds ?? new Uint8Array(this.header.length));
      this.scanBegun = true;
    }
    for (let n = scanner.next(); n > 0; n = scanner.next()) {
      if (scanner.malformed) throw new MalformedCsv();
      if (this.scan === SCAN_COLUMNS) {
        if (this.typing && !scanner.uneven && !scanner.needsJs && this.builder.scannedColumns(this.fieldOfColumn, buf, scanner, n, line - 1)) {
          line += n / this.header.length;
          this.rows = line - 1;
          continue;
        }
        this.leaveScannedColumns(scanner);
      }
      line = this.scannedFields(scanner, buf, n, line);
    }
    return line;
  }

  /** The `n` fields of the scanner's last batch, each typed by plainField or quotedField, records ended as scanCsvBytes ends them. */
  private scannedFields(scanner: CsvFieldScanner, buf: Buffer, n: number, line: number): number {
    const { ends, info } = scanner;
    let at = scanner.batchStart;
    let index = this.scanIndex;
    for (let f = 0; f < n; f++) {
      const end = ends[f];
      if ((info[f] & FIELD_INFO.QUOTED) === 0) this.plainField(buf, at, end, index, line);
      else this.quotedField(quotedText(buf, at, end, (info[f] & FIELD_INFO.DOUBLED) !== 0), index, line);
      if ((info[f] & FIELD_INFO.LAST) !== 0) {
        this.recordEnd(index + 1, line);
        line++;
        index = 0;
      } else index++;
      at = end + 1;
    }
    this.scanIndex = index;
    return line;
  }

  /**
   * Type the rest of the file in JavaScript (called before a piece is typed by scanCsvBytes, or a batch field by
   * field): the builder's interners learn the texts the module interned, and the module only splits fields from
   * here (it would not know the texts interned in JavaScript).
   */
  leaveScannedColumns(scanner: CsvFieldScanner | null): void {
    if (this.scan === SCAN_COLUMNS) {
      this.builder.adoptScannedTexts();
      scanner!.begin(new Uint8Array(this.header.length));
    }
    this.scan = SCAN_FIELDS;
  }

  /** The end of data record `line` (≥ 1) of `count` fields. */
  recordEnd(count: number, line: number): void {
    this.builder.endRow();
    if (count !== this.header.length) {
      // a trailing empty line gives one empty field: rejected too, it is not data
      this.firstBadCount ??= new DataError({ file: this.file, row: line, ...fieldCountProblem(count, this.header) });
      this.typing = false;
    } else if (this.typing) this.rows = line;
  }

  /** The columns, after adding the errors found to `errors` (a structural or header error: the resource reads as empty). */
  finish(errors: DataError[]): ResourceColumns {
    const structural = !this.headerRead ? new DataError({ file: this.file, row: 0, expected: "a header row" }) : this.firstBadCount;
    if (structural !== undefined) {
      errors.push(structural);
      return emptyColumns(this.name);
    }
    for (const e of this.headerErrors) errors.push(e);
    if (this.headerErrors.length > 0) return emptyColumns(this.name);
    for (const e of this.cellErrors) errors.push(e);
    return this.builder.finish(this.rows, this.schema.map((f) => this.header.includes(f.name)));
  }
}

/**
 * Parse a resource's CSV text into columns, adding every error to `errors`. The text is scanned field by field
 * and each cell typed into its column as it comes (no row of text, no row object). A CSV that is not
 * well-formed gives its one structural error (as parseCsv would); a bad header its header errors; either way
 * the resource reads as empty.
 * @example
 * parseResourceText("context", "la_code,period,variable,value\nE06000001,2020,x,1.5\n", "context.csv", errors).columns.value // [1.5]
 */
export function parseResourceText(name: ResourceName, text: string, file: string, errors: DataError[], missing?: ReadonlySet<string>): ResourceColumns {
  const parse = new ResourceParse(name, file, maxRecords(text), missing);
  const onField = (source: string, start: number, end: number, index: number, line: number) => {
    if (line === 0) parse.headerField(source.slice(start, end));
    else {
      const k = parse.fieldAt(index);
      if (k >= 0) parse.builder.cell(k, source, start, end, line - 1);
    }
  };
  try {
    scanCsvFields(text, file, onField, (count, line) => (line === 0 ? parse.headerEnd() : parse.recordEnd(count, line)));
  } catch (e) {
    if (e instanceof DataError) {
      errors.push(e);
      return emptyColumns(name);
    }
    throw e;
  }
  return parse.finish(errors);
}

/** What {@link parseResourceFile} read: the columns and errors, the file's sha256 when asked; or "not read" (fall back to the text). */
export type ResourceFileRead = { columns: ResourceColumns; errors: DataError[]; sha256?: string } | "malformed";

/**
 * Parse a resource file into columns by reading it in chunks of bytes (module comment), with the same
 * columns and errors as {@link parseResourceText} on its decoded text; "malformed" when the file is not UTF-8
 * or its quoting is malformed (the caller then reads it as text, for the exact error).
 * @param options `hash`: also compute the file's sha256; `rows`: the row count the descriptor declares (a
 *   capacity hint, trusted only up to one row per `fields` bytes); `chunkBytes`: RESOURCE_CHUNK_BYTES by default.
 * @example
 * const read = parseResourceFile("areas", "pkg/areas.csv", "pkg/areas.csv", { hash: true });
 * read !== "malformed" && read.columns.length // the number of areas
 */
export function parseResourceFile(
  name: ResourceName,
  resolved: string,
  file: string,
  options: { missing?: ReadonlySet<string>; hash?: boolean; rows?: unknown; chunkBytes?: number } = {},
): ResourceFileRead {
  const fd = fs.openSync(resolved, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const parse = new ResourceParse(name, file, capacityHint(size, SCHEMAS[name].length, options.rows), options.missing);
    const hasher = options.hash ? createHash("sha256") : undefined;
    const scanner = fieldScanner();
    let line = 0;
    let first = true;
    const whole = readWholeRecords(
      fd,
      Math.min(options.chunkBytes ?? RESOURCE_CHUNK_BYTES, size + 1),
      (buf, filled) => recordBoundary(buf, 0, filled),
      (buf, end) => {
        if (!isUtf8(buf.subarray(0, end))) return false;
        let start = 0;
        try {
          if (first) {
            // the header apart, so that the per-cell sink never sees it (ResourceParse)
            start = scanCsvHeaderBytes(buf, byteOrderMarksEnd(buf, end), end, parse);
            first = false;
            line = 1;
          }
          if (scanner !== null && parse.scannable() && scanner.load(buf, start, end)) line = parse.scannedRecords(scanner, buf, line);
          else {
            parse.leaveScannedColumns(scanner);
            line = scanCsvBytes(buf, start, end, line, parse);
          }
        } catch (e) {
          if (e instanceof MalformedCsv) return false;
          throw e;
        }
        return true;
      },
      hasher && ((bytes) => hasher.update(bytes)),
    );
    if (!whole) return "malformed";
    const errors: DataError[] = [];
    const columns = parse.finish(errors);
    return { columns, errors, ...(hasher ? { sha256: hasher.digest("hex") } : {}) };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The text of the well-formed quoted field `buf[start, end)` (its quotes included), doubled quotes undone, as
 * scanCsvBytes gives it (a quote is ASCII, so decoding the bytes between quotes or the whole text is the same).
 */
function quotedText(buf: Buffer, start: number, end: number, doubled: boolean): string {
  const text = buf.toString("utf8", start + 1, end - 1);
  return doubled ? text.replaceAll('""', '"') : text;
}

let scannerMade: CsvFieldScanner | null | undefined;
/** The process's WebAssembly field scanner (made on first use; null without WebAssembly). */
function fieldScanner(): CsvFieldScanner | null {
  if (scannerMade === undefined) scannerMade = CsvFieldScanner.create();
  return scannerMade;
}

/**
 * Rows to make room for: the declared count when it is a whole number no larger than the file could hold (a
 * record of `fields` fields takes at least `fields` bytes), else an estimate; more rows grow the columns.
 */
function capacityHint(size: number, fields: number, declared: unknown): number {
  const most = Math.floor(size / fields) + 1;
  if (typeof declared === "number" && Number.isSafeInteger(declared) && declared >= 0 && declared <= most) return declared + 1;
  return Math.min(most, Math.ceil(size / ESTIMATED_BYTES_PER_ROW) + 1);
}

/** Header problems: a column named twice, a required column missing, a column not in the schema. */
function headerProblems(schema: readonly FieldDescriptor[], header: readonly string[], file: string): DataError[] {
  const errors: DataError[] = [];
  for (const dup of duplicateColumns(header)) {
    errors.push(
      new DataError({
        file,
        row: 0,
        column: dup.name,
        value: `"${dup.name}" in columns ${dup.positions.join(" and ")}`,
        expected: "each column name once in the header (with a repeat, which copy counts would be a guess)",
      }),
    );
  }
  for (const f of schema) {
    if (!header.includes(f.name) && !f.optional) {
      errors.push(new DataError({ file, row: 0, column: f.name, expected: `a column "${f.name}" (${f.description})` }));
    }
  }
  for (const h of header) {
    if (!schema.some((f) => f.name === h)) {
      errors.push(new DataError({ file, row: 0, column: h, value: h, expected: `only the columns ${schema.map((f) => f.name).join(", ")}${separatorHint(header)}` }));
    }
  }
  return errors;
}
