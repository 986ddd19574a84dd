/**
 * The columns of a table that key its rows by LA and period, for the disclosure scanner: found under the names `add`
 * accepts (lib/data/own-data/read-table.ts AREA_KEY_COLUMNS and PERIOD_COLUMNS, compared after its normaliseHeader:
 * `LA code`, `la_code` and `LA_Code` are one name), so that a table `add` would read as LAs' values is checked as one.
 * A hostile review published one count under `la_code` and again under `la_name`, `la` or a DfE number, with `year`
 * for `period`, and the two were never compared.
 */
import { BoundedCache } from "./bounded-cache";
import { AREA_KEY_COLUMNS, normaliseHeader, PERIOD_COLUMNS, type AreaKeyKind } from "../data/own-data/read-table";

/**
 * The column keying a table's rows by LA, as `add` chooses it (codes, then DfE numbers, then names), or undefined.
 * @example
 * laKeyColumn(["la", "year", "value"]) // { column: 0, kind: "name" }
 * laKeyColumn(["indicator", "value"]) // undefined
 */
export function laKeyColumn(header: readonly string[]): { column: number; kind: AreaKeyKind } | undefined {
  return laKeys.get(header.join("\u0000"), () => findLaKeyColumn(header));
}

/**
 * Headers already judged by laKeyColumn: a scan of a text of many small printed tables asks of the same header for each,
 * and normalising its names (accents, case) was a tenth of reading 700,000 of them.
 */
const laKeys = new BoundedCache<string, { column: number; kind: AreaKeyKind } | undefined>(1024);

function findLaKeyColumn(header: readonly string[]): { column: number; kind: AreaKeyKind } | undefined {
  const names = header.map(normaliseHeader);
  for (const kind of ["code", "number", "name"] as const) {
    for (const candidate of AREA_KEY_COLUMNS[kind]) {
      const column = names.indexOf(candidate);
      if (column >= 0) return { column, kind };
    }
  }
  return undefined;
}

/**
 * The column holding a table's period under a name `add` accepts (`period`, `year`, `time_period`, …), or −1.
 * @example
 * periodColumn(["la", "Year", "value"]) // 1
 */
export function periodColumn(header: readonly string[]): number {
  const names = header.map(normaliseHeader);
  for (const candidate of PERIOD_COLUMNS) {
    const column = names.indexOf(candidate);
    if (column >= 0) return column;
  }
  return -1;
}
