/**
 * The rows of one SSDA903 table, checked as a table before any row is: a table cut short (it ends inside a row), one
 * with a column twice, or one without the columns its indicators need (SSDA903_REQUIRED) is an error, never skipped
 * with a log entry (a skipped table's indicators had gone from the package, exit 0). A malformed row is dropped and
 * logged; cells are trimmed.
 */
import { DataError } from "../errors";
import { controlCharacterIn } from "../data/control-characters";
import { csvLines, decodeCsvUtf8, readReturnsCsvBytes } from "./csv-rows";
import type { ReturnsImportLog } from "./import-issues";
import { SSDA903_COLUMNS, SSDA903_REQUIRED, type Ssda903Table } from "./ssda903-tables";

/** A table's file: the path to read, its name in messages, the table it holds (an Ssda903File, with its LA and year). */
export interface TableFile {
  path: string;
  name: string;
  table: Ssda903Table;
}

/** A table's well-formed rows (1-based row numbers, the header is row 0) and its columns by name. */
export interface TableRows<F extends TableFile = TableFile> {
  file: F;
  col: Map<string, number>;
  rows: { row: number; cells: string[] }[];
}

/**
 * Read and check one SSDA903 table (its rows read and malformed ones dropped are logged).
 * @throws DataError when the table is not UTF-8, ends inside a row, has a column twice or lacks a required column
 * @example
 * const t = readTable({ path: "episodes.csv", name: "episodes.csv", la: "E09000001", year: 2023, table: "Episodes" }, log);
 * t.rows[0].cells[t.col.get("DECOM")!] // "01/05/2022"
 */
export function readTable<F extends TableFile>(file: F, log: ReturnsImportLog): TableRows<F> {
  const text = decodeCsvUtf8(readReturnsCsvBytes(file.path, file.name), file.name);
  const { header, rows } = csvLines(text);
  const last = rows[rows.length - 1];
  if (last !== undefined && !endsWithLineEnd(text) && (last.cells === null || last.cells.length < header.length)) {
    // a file cut short (a copy or an export stopped part way): dropped as a malformed row, the rows lost with it
    // went unnoticed (a cut episodes.csv had made cla_rate_per_10k 14.25 where the whole file gives 28.11)
    throw new DataError({
      file: file.name,
      row: last.row,
      value: last.cells === null ? "a quote not closed" : `${last.cells.length} of ${header.length} fields`,
      expected: "a complete last row: the file ends inside it (cut short?)",
    });
  }
  const col = new Map<string, number>();
  header.forEach((name, i) => {
    const first = col.get(name);
    // a column twice: which one holds the values is unknown (CHILD,CHILD had read the second as the child)
    if (first !== undefined && name !== "") throw new DataError({ file: file.name, row: 0, column: name, expected: `each column once: ${name} is column ${first + 1} and column ${i + 1}` });
    col.set(name, i);
  });
  const required = SSDA903_REQUIRED[file.table];
  const missing = required.filter((c) => !col.has(c));
  // a table that cannot be read is refused: skipped with a log entry, its indicators had gone from the package, exit 0
  if (missing.length > 0) throw new DataError({ file: file.name, row: 0, column: missing[0], expected: `the columns of an SSDA903 ${file.table} table (${required.join(", ")}): no ${missing.join(", ")} column${otherColumnsWords(header, file.table)}` });
  log.read(file.name, rows.length);
  const good: { row: number; cells: string[] }[] = [];
  const child = col.get("CHILD");
  for (const r of rows) {
    if (r.cells === null || r.cells.length !== header.length) {
      log.drop(file.name, r.row, "(row)", r.cells === null ? "unbalanced quotes" : `${r.cells.length} fields`, `malformed row: expected ${header.length} fields`);
      continue;
    }
    const cells = r.cells.map((c) => c.trim());
    if (child !== undefined) refuseDamagedChildId(cells[child], file.name, r.row);
    good.push({ row: r.row, cells });
  }
  return { file, col, rows: good };
}

/**
 * A CHILD id holding a control character is an error naming the file, the row and the character, never the id: a
 * NUL in an Episodes CHILD cell had made another child, whose episodes were dropped as "missing from Header" and
 * the indicators changed, exit 0 (round 24 H12).
 */
function refuseDamagedChildId(id: string, file: string, row: number): void {
  const found = controlCharacterIn(id);
  if (found === undefined) return;
  throw new DataError({ file, row, column: "CHILD", value: found, expected: "a child's id without control characters, as the child's other rows give it (a damaged copy or export? the id is not shown)" });
}

function endsWithLineEnd(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  return c === 10 || c === 13;
}

/**
 * The header's columns that are not the table's SSDA903 columns, for a missing column's refusal: a column renamed by an
 * export ("DateCommenced" for DECOM) had been refused as "no DECOM column" without naming what was there (a user
 * trial, round 27).
 * @example otherColumnsWords(["CHILD", "DateCommenced", "RNE"], "Episodes") // "; it has DateCommenced, which is not an SSDA903 Episodes column: rename the column that holds …"
 */
function otherColumnsWords(header: readonly string[], table: Ssda903Table): string {
  const known = new Set(SSDA903_COLUMNS[table]);
  const other = header.filter((h) => h !== "" && !known.has(h));
  if (other.length === 0) return "";
  const shown = other.length > 5 ? `${other.slice(0, 5).join(", ")} and ${other.length - 5} more` : other.join(", ");
  return `; it has ${shown}, which ${other.length === 1 ? "is not an SSDA903 " + table + " column" : "are not SSDA903 " + table + " columns"}: rename the column that holds each missing one to its SSDA903 name`;
}
