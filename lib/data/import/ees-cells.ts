/**
 * The cells an EES mapping picks (./ees.ts): which rows of a group match a selector's filter, the one row a
 * selector picks there (the most final release version where the mapping names versions), and that cell parsed.
 * What depends only on a filter or version cell's text (trimming, matching a filter value, a version's rank) is
 * done once per distinct text of the column ({@link CsvColumns.coded}), not once per row; the picked cells of
 * value columns (mostly distinct numbers) are decoded and parsed alone.
 */
import { DataError } from "../../errors";
import type { CellReader, CodedCells, CsvColumns } from "./csv-columns";
import type { CellSelector, EesMapping, VersionPreference } from "./mappings";
import { parseDfeCell } from "./symbols";

/** A filter's first column's rows by code, the other columns' codes and which of their codes match, each row's group. */
interface RowFilter {
  byCode: { rows: Int32Array; offsets: Int32Array };
  codes: readonly Int32Array[];
  matches: readonly Uint8Array[];
  groupOf: Int32Array;
}

/**
 * Append the rows of the first column's `code` that match the filter's other columns to their group's list in
 * `split`: the loop of EesCellPicker's matchingRowsByGroup, a function of its own so that V8 optimises it alone
 * (the method, with its destructuring and closures inlined, was compiled again in every import of a process).
 */
function splitRowsOfCode(f: RowFilter, code: number, split: (number[] | undefined)[]): void {
  const { byCode, codes, matches, groupOf } = f;
  for (let k = byCode.offsets[code]; k < byCode.offsets[code + 1]; k++) {
    const ri = byCode.rows[k];
    const gi = groupOf[ri];
    if (gi < 0) continue;
    let c = 0;
    while (c < codes.length && matches[c][codes[c][ri]] === 1) c++;
    if (c === codes.length) (split[gi] ??= []).push(ri);
  }
}

/** No rows (a group without a row matching a filter). */
export const NO_ROWS: readonly number[] = [];

/** A selector's matching rows by group index (undefined: none), or null for every row of each group (no filter). */
export type GroupRows = readonly (readonly number[] | undefined)[] | null;

/** What the picker reads of an EES table (./ees.ts `EesTable`): its cells, its columns by trimmed name, its groups of rows. */
export interface CodedEesTable {
  readonly file: string;
  readonly csv: CsvColumns;
  readonly column: ReadonlyMap<string, number>;
  readonly groups: readonly { readonly rows: readonly number[] }[];
}

/**
 * A named column of an EES table as codes into its distinct texts, trimmed ({@link CsvColumns.coded}); every
 * cell blank (one code) when the file has no such column.
 * @example
 * trimmedEesCodes(table, "time_period").values // ["201415", "201314", …]
 */
export function trimmedEesCodes(table: CodedEesTable, name: string): CodedCells {
  const at = table.column.get(name);
  if (at === undefined) return { codes: new Int32Array(table.csv.rowCount), values: [""] };
  const { codes, values } = table.csv.coded(at);
  return { codes, values: values.map((v) => v.trim()) };
}

/**
 * Picks cells of one EES table for the mappings that read it: filters are matched once per file (each distinct
 * filter's matching rows split by group), version ranks once per distinct text.
 */
export class EesCellPicker {
  private readonly trimmed = new Map<string, CodedCells>();
  private readonly byFilter = new Map<string, (readonly number[] | undefined)[]>();
  private readonly bySelector = new Map<CellSelector, (readonly number[] | undefined)[] | null>();
  private readonly ranks = new Map<VersionPreference, Int32Array>();
  private readonly rowIndexes = new Map<string, { rows: Int32Array; offsets: Int32Array }>();
  private groupOf: Int32Array | undefined;
  private readonly readers = new Map<string, CellReader>();
  /** The last cell {@link read}: its number (null when missing) and status. */
  value: number | null = null;
  status = "";

  constructor(private readonly table: CodedEesTable) {}

  private column(name: string): CodedCells {
    let cells = this.trimmed.get(name);
    if (cells === undefined) this.trimmed.set(name, (cells = trimmedEesCodes(this.table, name)));
    return cells;
  }

  /**
   * The rows each group has that match the selector's filter, by group index (undefined: none), or null when the
   * selector has no filter (every row of each group): found once per distinct filter of the file.
   */
  rowsByGroup(sel: CellSelector): GroupRows {
    let perGroup = this.bySelector.get(sel);
    if (perGroup === undefined) {
      const where = Object.entries(sel.where ?? {});
      if (where.length === 0) perGroup = null;
      else {
        const key = `${where.map(([c]) => c).join("\u0000")}\u0001${where.map(([, v]) => v).join("\u0000")}`;
        perGroup = this.byFilter.get(key);
        if (perGroup === undefined) this.byFilter.set(key, (perGroup = this.matchingRowsByGroup(where)));
      }
      this.bySelector.set(sel, perGroup);
    }
    return perGroup;
  }

  /**
   * Each group's rows whose trimmed cells equal the filter's values (undefined for a group with none), ascending:
   * the rows of the first column's matching texts ({@link rowsByCode}), checked against the other columns.
   */
  private matchingRowsByGroup(where: readonly (readonly [string, string])[]): (number[] | undefined)[] {
    const [[firstColumn, firstValue], ...rest] = where;
    const first = this.column(firstColumn);
    const filter: RowFilter = {
      byCode: this.rowsByCode(firstColumn),
      codes: rest.map(([c]) => this.column(c).codes),
      matches: rest.map(([c, v]) => Uint8Array.from(this.column(c).values, (t) => (t === v ? 1 : 0))),
      groupOf: this.groupOfRow(),
    };
    const split: (number[] | undefined)[] = new Array(this.table.groups.length);
    let codesMatched = 0;
    for (let code = 0; code < first.values.length; code++) {
      if (first.values[code] !== firstValue) continue;
      codesMatched++;
      splitRowsOfCode(filter, code, split);
    }
    // texts that differ only in spaces around them share a filter value: their rows interleave
    if (codesMatched > 1) for (const rows of split) rows?.sort((a, b) => a - b);
    return split;
  }

  /** A column's rows by code, ascending (a counting sort): code c's rows are `rows[offsets[c], offsets[c + 1])`. */
  private rowsByCode(name: string): { rows: Int32Array; offsets: Int32Array } {
    let index = this.rowIndexes.get(name);
    if (index === undefined) {
      const { codes, values } = this.column(name);
      const offsets = new Int32Array(values.length + 1);
      for (let i = 0; i < codes.length; i++) offsets[codes[i] + 1]++;
      for (let c = 0; c < values.length; c++) offsets[c + 1] += offsets[c];
      const next = offsets.slice(0, values.length);
      const rows = new Int32Array(codes.length);
      for (let i = 0; i < codes.length; i++) rows[next[codes[i]]++] = i;
      this.rowIndexes.set(name, (index = { rows, offsets }));
    }
    return index;
  }

  /** Each data row's group index (-1: a row in no group, as a dropped level). */
  private groupOfRow(): Int32Array {
    if (this.groupOf === undefined) {
      const groupOf = new Int32Array(this.table.csv.rowCount).fill(-1);
      this.table.groups.forEach((g, gi) => {
        for (const ri of g.rows) groupOf[ri] = gi;
      });
      this.groupOf = groupOf;
    }
    return this.groupOf;
  }

  /**
   * The one row a selector picks among `candidates` (a group's rows matching its filter): that row (the most final
   * release version where the mapping names versions). -1 after a DataError (two rows match, a bad version) or
   * when no row matches.
   */
  pick(candidates: readonly number[], m: EesMapping, sel: CellSelector, errors: DataError[]): number {
    const file = this.table.file;
    let found = -1;
    let foundRank = Infinity;
    const ranks = m.versions === undefined ? undefined : this.versionRanks(m.versions);
    const versionCodes = m.versions === undefined ? undefined : this.column(m.versions.column).codes;
    for (let k = 0; k < candidates.length; k++) {
      const ri = candidates[k];
      if (m.versions !== undefined) {
        const rank = (ranks as Int32Array)[(versionCodes as Int32Array)[ri]];
        if (rank < 0) {
          const version = this.column(m.versions.column);
          errors.push(new DataError({ file, row: ri + 1, column: m.versions.column, value: version.values[version.codes[ri]], expected: `one of ${m.versions.order.join(", ")}` }));
          return -1;
        }
        if (found >= 0 && rank !== foundRank) {
          if (rank < foundRank) {
            found = ri;
            foundRank = rank;
          }
          continue;
        }
        foundRank = rank;
      }
      if (found >= 0) {
        errors.push(new DataError({ file, row: ri + 1, column: Object.keys(sel.where ?? {}).join("+") || "time_period+geography", value: Object.values(sel.where ?? {}).join(" | "), expected: `one row per period, geography and filter (also row ${found + 1})` }));
        return -1;
      }
      found = ri;
    }
    return found;
  }

  /** Each version code's rank in the preference's order (-1: not listed). */
  private versionRanks(versions: VersionPreference): Int32Array {
    let ranks = this.ranks.get(versions);
    if (ranks === undefined) {
      const column = this.column(versions.column);
      this.ranks.set(versions, (ranks = Int32Array.from(column.values, (v) => versions.order.indexOf(v))));
    }
    return ranks;
  }

  /**
   * Read the cell of data row `ri` of a column (its `reader`) into {@link value} and {@link status}: a plain decimal
   * from its bytes (what parseDfeCell gives for it, without decoding it), anything else decoded and parsed. False,
   * after a DataError, when it is neither a number nor a DfE symbol.
   */
  read(reader: CellReader, column: string, ri: number, errors: DataError[]): boolean {
    const plain = reader.plainNumber(ri);
    if (plain !== undefined) {
      this.value = plain;
      this.status = "";
      return true;
    }
    const raw = reader.text(ri);
    const parsed = parseDfeCell(raw);
    if (parsed === undefined) {
      errors.push(new DataError({ file: this.table.file, row: ri + 1, column, value: raw, expected: "a number or a DfE symbol (c, x, z, low, k, u, :, blank)" }));
      return false;
    }
    this.value = parsed.value;
    this.status = parsed.status;
    return true;
  }

  /** A reader of a named column's cells ({@link CsvColumns.reader}), made once per column. */
  reader(column: string): CellReader {
    let reader = this.readers.get(column);
    if (reader === undefined) this.readers.set(column, (reader = this.table.csv.reader(this.table.column.get(column) as number)));
    return reader;
  }
}
