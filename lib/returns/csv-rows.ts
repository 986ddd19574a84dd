/**
 * A forgiving CSV row reader for LA exports: a malformed row (unterminated quote, wrong number of fields) is
 * reported and skipped instead of failing the whole file, as an LA analyst would expect from a validator.
 * Quoted fields may hold commas and doubled quotes; a line break inside quotes is not supported (SSDA903
 * fields never hold one) and makes the row malformed.
 */

/**
 * Split one CSV line into fields; null when a quote is not closed or stray text follows a closing quote.
 * @example
 * splitCsvLine('a,"b,c",d') // ["a", "b,c", "d"]
 * splitCsvLine('a,"b') // null
 */
export function splitCsvLine(line: string): string[] | null {
  if (line.indexOf('"') < 0) return line.split(",");
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let j = i + 1;
      let field = "";
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return null;
        field += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          field += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(field);
      if (i >= n) return out;
      if (line.charCodeAt(i) !== 44) return null;
      i++;
    } else {
      const comma = line.indexOf(",", i);
      const field = comma < 0 ? line.slice(i) : line.slice(i, comma);
      if (field.indexOf('"') >= 0) return null;
      out.push(field);
      if (comma < 0) return out;
      i = comma + 1;
    }
  }
}

/** The rows of a CSV text: header and data lines with their 1-based data row numbers (header is row 0). */
export interface CsvLines {
  header: string[];
  rows: { row: number; cells: string[] | null; raw: string }[];
}

/**
 * Split CSV text into a header (trimmed, upper-cased) and data rows; blank lines are skipped but counted in row
 * numbers; a row that cannot be split has `cells: null`.
 * @example
 * csvLines("CHILD,SEX\n1,2\n").rows[0] // { row: 1, cells: ["1", "2"], raw: "1,2" }
 */
export function csvLines(text: string): CsvLines {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  const header = (splitCsvLine(lines[0] ?? "") ?? []).map((h) => h.trim().toUpperCase());
  const rows: CsvLines["rows"] = [];
  for (let k = 1; k < lines.length; k++) {
    const raw = lines[k];
    if (raw.trim() === "") continue;
    rows.push({ row: k, cells: splitCsvLine(raw), raw });
  }
  return { header, rows };
}
