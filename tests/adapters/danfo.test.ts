import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import * as aq from "arquero";
import { dataFrameToTable, tableToDataFrame } from "../../lib/adapters/danfo";
import { InputError } from "../../lib/errors";

const rows = Object.freeze([
  Object.freeze({ la_code: "E1", period: 2015, value: 12.345678901234, status: "" }),
  Object.freeze({ la_code: "E2", period: 2015, value: null, status: "suppressed:c" }),
  Object.freeze({ la_code: "E3", period: 2016, value: 0, status: "" }),
]);

describe("danfo adapter", () => {
  it("turns a workbench table into a DataFrame and back without changing a value", () => {
    const table = aq.from(rows.map((r) => ({ ...r })));
    const df = tableToDataFrame(table);
    assert.deepEqual(df.columns, ["la_code", "period", "value", "status"]);
    assert.deepEqual(df.shape, [3, 4]);
    const back = dataFrameToTable(df);
    assert.deepEqual(back.objects(), rows);
  });

  it("lets danfo see a missing value as missing, with its reason kept beside it", () => {
    const df = tableToDataFrame(rows);
    assert.deepEqual(df.isNa().column("value").values, [false, true, false]);
    assert.equal(df.column("status").values[1], "suppressed:c");
    assert.ok(Math.abs((df.column("value").mean() as number) - 12.345678901234 / 2) < 1e-12);
  });

  it("accepts the DataFrames danfo's own methods return", () => {
    const df = tableToDataFrame(rows).dropNa().sortValues("value", { ascending: true }).head(2);
    assert.deepEqual(dataFrameToTable(df).array("la_code"), ["E3", "E1"]);
  });

  it("gives null, not NaN, for missing values on the way back", () => {
    const df = tableToDataFrame([{ a: 1 }, { a: NaN }]);
    assert.deepEqual(dataFrameToTable(df).array("a"), [1, null]);
  });

  it("refuses an empty table and non-DataFrames", () => {
    assert.throws(() => tableToDataFrame([]), InputError);
    assert.throws(() => dataFrameToTable({} as never), InputError);
  });

  it("is the only place that imports danfo (the core library never does)", () => {
    const libDir = path.resolve(__dirname, "../../lib");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith(".ts") && !p.endsWith(path.join("adapters", "danfo.ts")) && /from "danfojs|require\("danfojs/.test(fs.readFileSync(p, "utf8"))) offenders.push(p);
      }
    };
    walk(libDir);
    assert.deepEqual(offenders, []);
    assert.doesNotMatch(fs.readFileSync(path.join(libDir, "index.ts"), "utf8"), /adapters/);
  });
});
