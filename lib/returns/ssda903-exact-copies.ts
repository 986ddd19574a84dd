/**
 * Rows of an SSDA903 table that are exact copies of an earlier row of the same table (every column the same, once its
 * cells are trimmed): read once. A copied row says nothing the first did not, so dropping it is no guess, and it is
 * dropped before any other rule sees the table. Copies had been read as rows of their own: an exact copy of a one-day
 * episode (DECOM = DEC) is not an overlap (it shares no day with the first but its own), so it counted as another
 * placement (cla_3plus_placements_pct 305 → 306 of 2,198 with 5 copied); a copied OC3 or OC2 row counted its young
 * person twice (care_leavers_eet_19_21_pct 471/699 → 481/714 with 30 copied), and other copied episodes were dropped
 * as "overlapping episodes", with the words of two extracts mixed, sending the user to look for overlaps there were not.
 *
 * A table with many copies (a file appended to itself) is read, not refused: once its copies are dropped it is the
 * table exported, to the row, so its figures are not a guess; a table pasted with another export whose rows differ
 * is still refused by the rules on those rows (overlapping episodes, rows of another year, children listed more than
 * once in OC2 or OC3: ssda903-repeated-children, which leaves out a child whose rows differ once its copies are dropped).
 */
import type { ReturnsImportLog } from "./import-issues";
import type { TableFile, TableRows } from "./ssda903-table-rows";
import type { Ssda903Table } from "./ssda903-tables";

/**
 * Rule of a row dropped for being an exact copy of an earlier row of its table. The row copied is in the entry's detail
 * (`returns --log FILE`), not in the rule: a rule naming a row would be a rule of one row, each count withheld.
 */
export const EXACT_COPY_RULE = "an exact copy of an earlier row of the table (every column the same): the row is read once";

/**
 * The tables whose exact copies are dropped: those read child by child whose rows a figure counts (an episode, a care
 * leaver, an outcome). Not Header: a copied row of a child is the same as the child's first in DOB, and read once as
 * such (ssda903-repeated-children: AGREEING_ROW_RULES, its detail saying that every column is the same), and a table's
 * rows without a CHILD stay as many as they are for the refusal of a Header without children.
 * Not Missing: its rows give days, not times, so a child missing twice in one day has two identical rows,
 * both real, and no figure counts incidents (cla_missing_pct counts children with one), so a copy there moves nothing.
 * The synthetic returns have 63 such Missing rows (30 LAs) and 4 copied one-day episodes.
 */
export const TABLES_READ_ONCE: ReadonlySet<Ssda903Table> = new Set<Ssda903Table>(["Episodes", "OC2", "OC3"]);

/**
 * Distinct rows of one child a group compares cell by cell before it keys them by their cells' JSON: a child has a few
 * rows, compared faster than a key is built (keys for every row of the synthetic returns cost 0.27 s of a 4.2 s run),
 * and a table of one child's thousands of rows is not compared pairwise.
 */
const COMPARED_ROWS = 32;

/** The distinct rows of one child met so far, and, once they are more than COMPARED_ROWS, their first rows by cells' JSON. */
interface ChildRows {
  rows: { row: number; cells: string[] }[];
  byCells?: Map<string, number>;
}

/**
 * A table's rows without exact copies of an earlier row (each dropped under EXACT_COPY_RULE, its detail naming the row
 * it copies, and said once on the screen), in their order. Rows are compared within their CHILD's (every table read
 * once has the column). The input is not changed.
 * @example
 * withoutExactCopies(readTable(file, log), log).rows.length // the rows, each distinct row once
 */
export function withoutExactCopies<F extends TableFile>(t: TableRows<F>, log: ReturnsImportLog): TableRows<F> {
  const cChild = t.col.get("CHILD")!;
  const byChild = new Map<string, ChildRows>();
  const rows: TableRows<F>["rows"] = [];
  for (const r of t.rows) {
    const child = byChild.get(r.cells[cChild]) ?? { rows: [] };
    if (child.rows.length === 0) byChild.set(r.cells[cChild], child);
    const first = firstCopied(child, r);
    if (first !== undefined) {
      log.drop(t.file.name, r.row, "(row)", "", EXACT_COPY_RULE, `a copy of row ${first}`);
      continue;
    }
    child.rows.push(r);
    // JSON of the cells: two rows have the same key only when every cell is the same (no separator is ambiguous)
    if (child.byCells !== undefined) child.byCells.set(JSON.stringify(r.cells), r.row);
    else if (child.rows.length > COMPARED_ROWS) child.byCells = new Map(child.rows.map((k) => [JSON.stringify(k.cells), k.row]));
    rows.push(r);
  }
  if (rows.length === t.rows.length) return t;
  log.notice(
    t.file.name,
    "rows that are exact copies of an earlier row of the table (every column the same) dropped (the import log counts them): each row is read once, and the figures count it once",
    "if the table was pasted or exported twice into one file, export it again",
  );
  return { ...t, rows };
}

/** The row number of the child's earlier row that `r` is an exact copy of, or undefined. */
function firstCopied(child: ChildRows, r: { cells: readonly string[] }): number | undefined {
  if (child.byCells !== undefined) return child.byCells.get(JSON.stringify(r.cells));
  for (const k of child.rows) if (k.cells.length === r.cells.length && k.cells.every((c, i) => c === r.cells[i])) return k.row;
  return undefined;
}
