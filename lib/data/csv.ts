/**
 * Strict RFC 4180 CSV reading and deterministic writing.
 *
 * Reading keeps every cell as text (typing is the schema's job, so a bad cell can be reported with its file,
 * row and column). A leading UTF-8 byte-order mark is removed; CRLF and LF line ends are accepted; quoted
 * fields may hold commas, quotes (doubled) and line breaks. A row whose field count differs from the
 * header's is an error, never padded or cut.
 *
 * Writing uses LF line ends, quotes a field only when it must (comma, quote, CR/LF, leading/trailing space),
 * writes `null` as an empty field and numbers in JavaScript's shortest round-trip form, so the same rows
 * always give the same bytes.
 */
import { DataError } from "../errors";

/** Parsed CSV: the header and the data rows, all cells as text. Row i of `rows` is data row i + 1. */
export interface CsvText {
  file: string;
  header: string[];
  rows: string[][];
}

/**
 * Parse CSV text.
 * @param text - the file's text (a BOM is removed)
 * @param file - the file name used in error messages
 * @throws DataError on an unterminated quote, a stray quote or a row with the wrong number of fields
 * @example
 * parseCsv("a,b\n1,\"x,y\"\n", "t.csv").rows // [["1", "x,y"]]
 */
export function parseCsv(text: string, file: string): CsvText {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: string[][] = [];
  const n = text.length;
  let i = 0;
  let record: string[] = [];
  let line = 0; // 0 = header
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      let j = i + 1;
      let out = "";
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          throw new DataError({ file, row: line, expected: "a closing quote before the end of the file" });
        }
        out += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          out += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      field = out;
      const c = text.charCodeAt(i);
      if (i < n && c !== 44 && c !== 10 && c !== 13) {
        throw new DataError({
          file,
          row: line,
          column: `field ${record.length + 1}`,
          value: text.slice(i, i + 10),
          expected: "a comma or line end after a quoted field",
        });
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        if (c === 34) {
          throw new DataError({
            file,
            row: line,
            column: `field ${record.length + 1}`,
            value: text.slice(i, Math.min(n, j + 10)),
            expected: "quotes only around a whole field",
          });
        }
        j++;
      }
      field = text.slice(i, j);
      i = j;
    }
    record.push(field);
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      if (i === n) record.push("");
      continue;
    }
    // line end or end of text
    if (c === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
    records.push(record);
    record = [];
    line++;
  }
  if (record.length > 0) records.push(record);
  if (records.length === 0) throw new DataError({ file, row: 0, expected: "a header row" });
  const header = records[0];
  const rows = records.slice(1);
  for (let r = 0; r < rows.length; r++) {
    if (rows[r].length !== header.length) {
      // a trailing empty line gives one empty field: reject it too, it is not data
      throw new DataError({
        file,
        row: r + 1,
        value: `${rows[r].length} fields`,
        expected: `${header.length} fields as in the header`,
      });
    }
  }
  return { file, header, rows };
}

/**
 * Each header name's column position (the last one if a name repeats), after checking that every
 * required column is there.
 * @throws DataError (row 0) naming the first missing column: expected "a column named …"
 * @example
 * requireColumns(parseCsv("a,b\n1,2\n", "x.csv"), ["a"]).get("b") // 1
 */
export function requireColumns(csv: CsvText, required: readonly string[]): Map<string, number> {
  const col = new Map(csv.header.map((h, i) => [h, i]));
  for (const c of required) if (!col.has(c)) throw new DataError({ file: csv.file, row: 0, column: c, expected: `a column named ${c}` });
  return col;
}

/** A cell value that can be written. */
export type CsvValue = string | number | null;

function formatCell(v: CsvValue, field: string): string {
  if (v === null) return "";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`formatCsv: field "${field}" must be a finite number or null (got ${v})`);
    return Object.is(v, -0) ? "0" : String(v);
  }
  if (/[",\r\n]/.test(v) || /^\s|\s$/.test(v)) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

/**
 * Format rows as CSV text with the given field order (LF line ends, final LF).
 * @example
 * formatCsv([{ a: 1, b: null }], ["a", "b"]) // "a,b\n1,\n"
 */
export function formatCsv(rows: readonly Record<string, CsvValue | undefined>[], fields: readonly string[]): string {
  const out: string[] = [fields.map((f) => formatCell(f, "header")).join(",")];
  for (const row of rows) {
    const cells = new Array<string>(fields.length);
    for (let k = 0; k < fields.length; k++) {
      const v = row[fields[k]];
      cells[k] = formatCell(v === undefined ? null : v, fields[k]);
    }
    out.push(cells.join(","));
  }
  return out.join("\n") + "\n";
}
