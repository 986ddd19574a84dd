import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as aq from "arquero";
import { columnValues } from "../../lib/vitals/column-values";

describe("columnValues", () => {
  const table = aq.table({ period: [2019, 2020, 2018, 2020], value: [1.5, null, 3, 4] });

  it("gives the column's values in row order, as table.array does, without a copy", () => {
    assert.deepEqual(Array.from(columnValues<number>(table, "period")), table.array("period"));
    assert.deepEqual(Array.from(columnValues<number | null>(table, "value")), table.array("value"));
    assert.equal(columnValues(table, "period"), table.column("period"), "the column itself");
  });

  it("follows a filter or an order (then it is arquero's copy)", () => {
    const filtered = table.filter((d: { period: number }) => d.period === 2020);
    assert.deepEqual(Array.from(columnValues<number | null>(filtered, "value")), [null, 4]);
    const ordered = table.orderby("period");
    assert.deepEqual(Array.from(columnValues<number>(ordered, "period")), [2018, 2019, 2020, 2020]);
  });

  it("fails as table.array does on a column the table does not have", () => {
    assert.throws(() => columnValues(table, "nope"));
  });
});
