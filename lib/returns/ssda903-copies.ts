/**
 * Which of a folder's SSDA903 files to read when an LA has two files of one table for one collection year (a download
 * saved twice, "Episodes (1).csv", or an export kept beside the copy it was renamed to, "episodes_2023.csv"). Both had
 * been read: a second copy of Episodes dropped its 332 rows as overlapping and still changed a figure (cla_3plus
 * 19/132 → 20/132); a second Missing or OC3 table would count each of its rows twice, without a word.
 * - of exact copies (the same bytes) one is read, the one of the shortest file name (the name a copy adds to), and the
 *   others are said on the screen not to be read, as Annex A workbooks are (lib/returns/annex-a-extracts);
 * - two different files of one table are refused, naming both: which one the return is cannot be told, and reading
 *   both would count a child's rows twice. The message says which case the rows point to: rows in both files (two
 *   versions of the table: keep one), or none in both (a table split over two exports: combine them into one file).
 *   Split parts are not read together: parts and versions cannot be told apart for sure (a corrected export can
 *   change every row a child has), and a child's rows counted twice would change figures without a word.
 */
import * as path from "node:path";
import { InputError } from "../errors";
import { sha256 } from "../data/package-cells";
import { csvLines, readReturnsCsvBytes } from "./csv-rows";
import { collectionYearLabel } from "./dates";
import type { ReturnsImportLog } from "./import-issues";
import type { Ssda903File } from "./read-ssda903";

/**
 * The SSDA903 files to read, in their order: of each LA, collection year and table's exact copies, all but the one of
 * the shortest name (then the first path in code-unit order) are left out, a notice naming the copy and the one read.
 * @throws InputError naming both files when an LA has two different files of one table for one year
 * @example
 * distinctSsda903Tables(found.ssda903, log).length // the tables read
 */
export function distinctSsda903Tables(files: readonly Ssda903File[], log: ReturnsImportLog): Ssda903File[] {
  const byTable = new Map<string, Ssda903File[]>();
  for (const f of files) {
    const key = `${f.la}|${f.year}|${f.table}`;
    byTable.set(key, [...(byTable.get(key) ?? []), f]);
  }
  const copies = new Set<Ssda903File>();
  for (const group of byTable.values()) {
    if (group.length === 1) continue;
    const [original, ...others] = [...group].sort(byOriginalName);
    const digest = contentDigest(original);
    for (const f of others) {
      if (contentDigest(f) !== digest) {
        throw new InputError(
          "DIR",
          `two different SSDA903 ${f.table} tables of ${f.la} for ${collectionYearLabel(f.year)}, ${withReadAs(original)} and ${withReadAs(f)}: ${whatToDo(original, f)}`,
          `${original.name}, ${f.name}`,
        );
      }
    }
    for (const f of others) copies.add(f);
  }
  // notices in the order the files were found, as the rest of the log
  for (const f of files) {
    if (!copies.has(f)) continue;
    const original = byTable.get(`${f.la}|${f.year}|${f.table}`)!.find((o) => !copies.has(o))!;
    log.notice(f.name, `SSDA903 ${f.table} table not read: an exact copy of ${original.name} (the same content), which is read`, "its rows are counted once");
  }
  return files.filter((f) => !copies.has(f));
}

/**
 * A file's name, with what it was read as when its name names another table (Ssda903File.readAs): a header_2023.csv
 * holding Episodes' columns beside episodes.csv is refused as a second Episodes table, which its name alone would not
 * explain (round 24).
 * @example withReadAs({ name: "header.csv", readAs: "read as an Episodes table: …", … }) // "header.csv (read as an Episodes table: …)"
 */
function withReadAs(f: Ssda903File): string {
  return f.readAs === undefined ? f.name : `${f.name} (${f.readAs})`;
}

/**
 * What the user is to do with two different files of one table, from the rows they share: rows in both say two
 * versions (or parts that overlap), which reading both would count twice; none in both and the same header say the
 * table may have been exported in parts, to be combined. Rows are compared as bytes (latin1 maps each byte to one
 * code unit, so nothing is decoded or replaced), a line at LF, CRLF or a lone CR, as the reader splits them.
 */
function whatToDo(first: Ssda903File, second: Ssda903File): string {
  const [a, b] = [first, second].map((f) => csvLines(withoutByteOrderMark(readReturnsCsvBytes(f.path, f.name)).toString("latin1")));
  const rowsOfFirst = new Set(a.rows.map((r) => r.raw));
  const shared = b.rows.filter((r) => rowsOfFirst.has(r.raw)).length;
  if (shared > 0) {
    return `${shared} row(s) of ${second.name} are in ${first.name} too, so which one is the return cannot be told and reading both would count those rows twice; keep the one to count (if they are parts of one table, combine them into one file holding each row once)`;
  }
  const sameHeader = a.header.length === b.header.length && a.header.every((h, k) => h === b.header[k]);
  return sameHeader
    ? "they have the same columns and no row in both, as parts of one table exported in two files have: if they are, combine them into one file (one header row, then the rows of each); if they are two versions, keep the one to count"
    : "their columns differ and no row is in both: which one is the return cannot be told, and reading both could count a child's rows twice; keep the one to count (if they are parts of one table, combine them into one file with one header row)";
}

/** A file's bytes without a UTF-8 byte-order mark (one of two copies saved by Excel has it, the other not). */
function withoutByteOrderMark(bytes: Buffer): Buffer {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** The SHA-256 of a file's bytes (read only for an LA-year with two files of one table). */
function contentDigest(file: Ssda903File): string {
  return sha256(readReturnsCsvBytes(file.path, file.name));
}

/**
 * Order of exact copies, the one to read first: the shortest file name, as a user calls the original the name the
 * copies add to ("episodes.csv" before "Episodes (1).csv"), then the path in code-unit order (the same on every
 * machine, unlike a locale's).
 */
function byOriginalName(a: Ssda903File, b: Ssda903File): number {
  return path.basename(a.name).length - path.basename(b.name).length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
