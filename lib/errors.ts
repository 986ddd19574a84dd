/**
 * Errors are part of the interface: one policy everywhere.
 *
 * - {@link DataError}: something in an input file is wrong. Names the file, the 1-based data row
 *   (the header is row 0), the column, the offending value and what was expected.
 * - {@link InputError}: a function was called with impossible arguments. Message form:
 *   `wilsonInterval: denominator must be > 0 (got 0)`.
 *
 * Functions check their inputs first, then compute; they never swallow exceptions or coerce silently.
 */

/** Where a data problem is, as precisely as it is known. */
export interface DataErrorLocation {
  /** Path of the file (as given by the caller), or a resource name. */
  file: string;
  /**
   * The sheet of a workbook (XLSX/ODS) the problem is in. The workbook readers, which know no header, then give a
   * cell's `row` and `column` as the spreadsheet shows them (`row 5, column "A"`: cell A5); an importer reading a
   * table from the sheet gives its own row and the column's name, as for a CSV, except `add` (own data), whose user
   * reads the row in Excel: the sheet's row there, with the column's name.
   */
  sheet?: string;
  /**
   * Where in a workbook's structure, outside its sheets' cells, the problem is, in words a user knows (`the workbook's
   * shared text table`), never the name of a part inside the file (`xl/sharedStrings.xml`), which no user sees.
   */
  part?: string;
  /** 1-based data row (header row is 0); undefined when the problem is not row-specific. */
  row?: number;
  /** Column (field) name. */
  column?: string;
  /** The offending value as it appears in the file. */
  value?: string;
  /** What was expected, in words: "a number", "an la_code present in areas.csv". */
  expected: string;
}

/** An input file (or table) does not satisfy its schema or rules. */
export class DataError extends Error {
  readonly file: string;
  readonly sheet?: string;
  readonly part?: string;
  readonly row?: number;
  readonly column?: string;
  readonly value?: string;
  readonly expected: string;

  constructor(loc: DataErrorLocation) {
    super(formatDataError(loc));
    this.name = "DataError";
    this.file = loc.file;
    this.sheet = loc.sheet;
    this.part = loc.part;
    this.row = loc.row;
    this.column = loc.column;
    this.value = loc.value;
    this.expected = loc.expected;
  }

  /** The location as a plain object (for JSON output and tests); a value longer than {@link MAX_SHOWN_VALUE_CHARS} is cut, as in the message. */
  toJSON(): DataErrorLocation & { message: string } {
    return {
      message: this.message,
      file: this.file,
      ...(this.sheet === undefined ? {} : { sheet: this.sheet }),
      ...(this.part === undefined ? {} : { part: this.part }),
      row: this.row,
      column: this.column,
      value: this.value === undefined || this.value.length <= MAX_SHOWN_VALUE_CHARS ? this.value : `${this.value.slice(0, MAX_SHOWN_VALUE_CHARS)}…`,
      expected: this.expected,
    };
  }
}

/**
 * The message of a {@link DataError}: what is wrong, where (file, sheet, row, column), and what was expected.
 * @example
 * formatDataError({ file: "indicators.csv", row: 12, column: "value", value: "abc", expected: "a number" })
 * // 'indicators.csv, row 12, column "value": got "abc", expected a number'
 * @example
 * formatDataError({ file: "my.xlsx", sheet: "Data", row: 5, column: "B", value: "x", expected: "a number" })
 * // 'my.xlsx, sheet "Data", row 5, column "B": got "x", expected a number'
 * @example
 * formatDataError({ file: "my.xlsx", part: "the workbook's shared text table", value: "byte 0xff at offset 12", expected: "UTF-8 text" })
 * // 'my.xlsx, the workbook\'s shared text table: got "byte 0xff at offset 12", expected UTF-8 text'
 */
export function formatDataError(loc: DataErrorLocation): string {
  const parts = [loc.file];
  if (loc.sheet !== undefined) parts.push(`sheet ${JSON.stringify(loc.sheet)}`);
  if (loc.part !== undefined) parts.push(loc.part);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.column !== undefined) parts.push(`column "${loc.column}"`);
  const got = loc.value !== undefined ? `got ${shownValue(loc.value)}, ` : "";
  return `${parts.join(", ")}: ${got}expected ${loc.expected}`;
}

/**
 * Characters of an offending value a message shows. A hostile-input review gave validate a 50 MB status cell: the
 * error printed it in full, twice (104 MB on stderr, 566 MB of memory). The start of the value and its length say
 * which cell is wrong; the file, row and column say where.
 */
export const MAX_SHOWN_VALUE_CHARS = 200;

/**
 * A value as an error message quotes it: JSON-quoted, cut to {@link MAX_SHOWN_VALUE_CHARS} characters with its length.
 * @example shownValue("abc") // '"abc"'
 * @example shownValue("x".repeat(1000)) // '"xxx…" (1,000 characters; the first 200 shown)'
 */
export function shownValue(value: string): string {
  if (value.length <= MAX_SHOWN_VALUE_CHARS) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, MAX_SHOWN_VALUE_CHARS))}… (${value.length.toLocaleString("en-GB")} characters; the first ${MAX_SHOWN_VALUE_CHARS} shown)`;
}

/** Several data errors found in one pass (validation reports all of them, not only the first). */
export class DataErrors extends Error {
  readonly errors: readonly DataError[];
  constructor(errors: readonly DataError[], context: string) {
    const shown = errors.slice(0, 20).map((e) => `  - ${e.message}`).join("\n");
    const more = errors.length > 20 ? `\n  … and ${errors.length - 20} more` : "";
    super(`${context}: ${errors.length} error(s)\n${shown}${more}`);
    this.name = "DataErrors";
    this.errors = errors;
  }
}

/** A function received arguments it cannot work with. */
export class InputError extends Error {
  constructor(fn: string, problem: string, got?: unknown) {
    const suffix = got === undefined ? "" : ` (got ${typeof got === "string" ? JSON.stringify(got) : String(got)})`;
    super(`${fn}: ${problem}${suffix}`);
    this.name = "InputError";
  }
}

/**
 * Whether `e` is an error of the operating system as Node reports it (it names the system call: a file or folder
 * that cannot be opened, read or listed — EACCES, ENOENT, EISDIR …), not a fault of the program (Node's ERR_*
 * errors, which name no system call).
 * @example
 * try { fs.readFileSync("gone.csv"); } catch (e) { isSystemError(e); } // true (ENOENT, syscall "open")
 */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string" && typeof (e as NodeJS.ErrnoException).syscall === "string";
}
