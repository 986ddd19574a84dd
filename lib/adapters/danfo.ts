/**
 * The danfojs-node adapter: workbench tables (arquero tables or row objects) ↔ danfo DataFrames, for
 * students who know pandas. This is the only file that touches danfo; the core library never imports it and
 * it is not exported from lib/index.ts. Import it directly: `import { tableToDataFrame } from "../dist/adapters/danfo"`.
 *
 * Missing values: a workbench table marks a missing number with `null` (its reason in `status`); danfo
 * counts `null` and NaN as missing (`isNa()`, `dropNa()`), so nulls pass through unchanged and the status
 * column travels with them. On the way back NaN becomes `null` again, so the workbench's rule holds.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import * as dfd from "danfojs-node";
import { InputError } from "../errors";

type Row = Record<string, unknown>;

/**
 * Is this a danfo DataFrame? Checked by shape, not `instanceof`: danfo's methods (`head`, `sortValues`, …)
 * return instances of the base package's class, not of danfojs-node's subclass.
 */
function isDataFrame(df: unknown): df is dfd.DataFrame {
  const d = df as dfd.DataFrame;
  return d !== null && typeof d === "object" && Array.isArray(d.columns) && Array.isArray(d.shape) && typeof d.isNa === "function";
}

function isColumnTable(t: unknown): t is ColumnTable {
  return typeof (t as ColumnTable)?.objects === "function" && typeof (t as ColumnTable)?.columnNames === "function";
}

/**
 * A danfo DataFrame with the table's columns and rows (values unchanged, `null` = missing).
 * @throws InputError for an empty table (danfo cannot hold zero rows with named columns).
 * @example
 * const df = tableToDataFrame(pkg.indicators.filter((d) => d.indicator === "re_referrals"));
 * df.groupby(["period"]).col(["value"]).mean().print();
 */
export function tableToDataFrame(table: ColumnTable | readonly Readonly<Row>[]): dfd.DataFrame {
  const rows: Row[] = isColumnTable(table) ? (table.objects() as Row[]) : table.map((r) => ({ ...r }));
  if (!Array.isArray(rows)) throw new InputError("tableToDataFrame", "expects an arquero table or an array of row objects", typeof table);
  if (rows.length === 0) throw new InputError("tableToDataFrame", "the table has no rows", 0);
  const columns = isColumnTable(table) ? table.columnNames() : Object.keys(rows[0]);
  return new dfd.DataFrame(rows, { columns });
}

/**
 * An immutable arquero table with the DataFrame's columns and rows; NaN and undefined become `null`.
 * @example
 * const back = dataFrameToTable(df.query(df["value"].gt(20)));
 */
export function dataFrameToTable(df: dfd.DataFrame): ColumnTable {
  if (!isDataFrame(df)) throw new InputError("dataFrameToTable", "expects a danfo DataFrame", typeof df);
  const rows = dfd.toJSON(df, { format: "column" }) as Row[];
  const columns = df.columns;
  const data: Record<string, unknown[]> = {};
  for (const c of columns) data[c] = rows.map((r) => {
    const v = r[c];
    return v === undefined || (typeof v === "number" && Number.isNaN(v)) ? null : v;
  });
  return aq.table(data);
}
