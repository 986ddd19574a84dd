/**
 * The header line of a record-level pilot CSV, read strictly: every column one of the record schema's
 * (lib/pilot/records.ts, RECORD_FIELDS), each once, none missing. Gives the role (schema column) of each column
 * and whether the row prefix can be reused (see lib/pilot/tally-builder.ts).
 */
import type { DataError } from "../errors";
import { parseCsv } from "../data/csv";
import { separatorHint } from "../data/csv-separator-hint";
import { decode } from "./record-scan";
import { RECORD_FIELDS } from "./records";
import { crAloneRecord } from "./record-errors";

const LF = 10;
const CR = 13;
/** The fields a respondent's rows repeat byte for byte: id, LA, period, instrument (the "row prefix" when they lead). */
const PREFIX_ROLES: readonly number[] = ["respondent_id", "la_code", "period", "instrument"].map((f) => (RECORD_FIELDS as readonly string[]).indexOf(f));

/** A file's header: the role of each column (-1 for a column that is not in the schema), and more. */
export interface RecordHeader {
  roleOf: Int32Array;
  /** False when a problem was reported (the file's rows are then not read). */
  ok: boolean;
  /** Position after the header line. */
  end: number;
  /** How many leading columns form the reusable row prefix (see leadingPrefixColumns). */
  prefixCols: number;
}

/** Where a problem lies (DataError's location). */
export type HeaderProblem = ConstructorParameters<typeof DataError>[0];

/**
 * Parse the header line at the start of `bytes` (after a UTF-8 byte order mark, if any), reporting every problem
 * to `report`; null when the line is not complete yet (more bytes follow unless `final`).
 * @example
 * readRecordHeader(Buffer.from("respondent_id,la_code,period,instrument,item,response\n"), false, "r.csv", fail)
 * // { roleOf: Int32Array [0, 1, 2, 3, 4, 5], ok: true, end: 54, prefixCols: 4 }
 */
export function readRecordHeader(bytes: Uint8Array, final: boolean, file: string, report: (loc: HeaderProblem) => void): RecordHeader | null {
  const len = bytes.length;
  let eol = 0;
  while (eol < len && bytes[eol] !== LF) eol++;
  if (eol >= len && !final) return null;
  // a CR alone inside the header line (records after it, then an LF): parseCsv would end the header there and the
  // records up to the LF were never read
  const cr = bytes.subarray(0, eol).indexOf(CR);
  if (cr >= 0 && cr < eol - 1) {
    report(crAloneRecord(file, 0, cr));
    return { roleOf: new Int32Array(0), ok: false, end: Math.min(eol + 1, len), prefixCols: 0 };
  }
  const bom = len >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const header = parseCsv(decode(bytes, bom, eol).replace(/\r$/, ""), file).header;
  const roleOf = new Int32Array(header.length).fill(-1);
  let ok = true;
  header.forEach((h, k) => {
    const role = (RECORD_FIELDS as readonly string[]).indexOf(h);
    const meant = (RECORD_FIELDS as readonly string[]).indexOf(looseColumnName(h));
    if (role < 0 && meant >= 0) {
      ok = false;
      report({ file, row: 0, column: h, value: h, expected: `the column name "${RECORD_FIELDS[meant]}" written exactly so (lower case, words joined by "_")` });
    } else if (role < 0) {
      ok = false;
      report({ file, row: 0, column: h, value: h, expected: `only the columns ${RECORD_FIELDS.join(", ")}${separatorHint(header)}` });
    } else if (roleOf.includes(role)) {
      ok = false;
      report({ file, row: 0, column: h, value: h, expected: "each column once" });
    } else roleOf[k] = role;
  });
  for (const f of RECORD_FIELDS) {
    if (!header.includes(f)) {
      ok = false;
      report({ file, row: 0, column: f, expected: `a column "${f}"` });
    }
  }
  return { roleOf, ok, end: Math.min(eol + 1, len), prefixCols: leadingPrefixColumns(roleOf) };
}

/**
 * How many leading columns form the reusable row prefix: 4 when the header's first four columns are the
 * respondent id, LA, period and instrument in any order, else 0 (no prefix reuse).
 */
function leadingPrefixColumns(roleOf: Int32Array): number {
  const n = PREFIX_ROLES.length;
  if (roleOf.length <= n) return 0;
  for (let k = 0; k < n; k++) if (!PREFIX_ROLES.includes(roleOf[k])) return 0;
  return n;
}

/**
 * A column name with its case, quotes and outer white space (a byte order mark too) set aside, and each run of white
 * space, "-" and "_" written "_": how a header that means a record column but does not name it exactly is told.
 * @example looseColumnName(' "Respondent-ID" ') // "respondent_id"
 */
export function looseColumnName(h: string): string {
  return h.trim().replace(/^"|"$/g, "").trim().toLowerCase().replace(/[\s_-]+/g, "_");
}
