/**
 * One lifespan rule (lib/data/lifespan.ts), two uses: the import leaves out an LA's rows outside its lifespan
 * (lib/data/import/lifespans.ts) and the validator warns of them (lib/data/package-lifespans.ts). Each had written
 * the comparison out; here both must find the same rows, those the rule says are outside.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildAreas } from "../../lib/data/import/areas";
import { ImportLog } from "../../lib/data/import/import-log";
import { rowsWithinLifespans } from "../../lib/data/import/lifespans";
import { isWithinLifespan } from "../../lib/data/lifespan";
import type { TypedRow } from "../../lib/data/package-cells";
import { columnsOfRows } from "../../lib/data/package-columns";
import { checkIndicatorLifespans } from "../../lib/data/package-lifespans";
import type { IndicatorRow } from "../../lib/data/types";

test("an LA exists from its first period to its last, both included; a null bound is open", () => {
  const cases: [number | null, number | null, number, boolean][] = [
    [2020, null, 2019, false],
    [2020, null, 2020, true],
    [2020, null, 2099, true],
    [null, 2019, 2019, true],
    [null, 2019, 2020, false],
    [null, null, 1990, true],
    [2014, 2019, 2013, false],
    [2014, 2019, 2014, true],
    [2014, 2019, 2019, true],
    [2014, 2019, 2020, false],
  ];
  for (const [first_period, last_period, period, within] of cases) assert.equal(isWithinLifespan(Object.freeze({ first_period, last_period }), period), within, `${first_period}–${last_period}, ${period}`);
});

test("the import leaves out exactly the rows the validator warns of, those outside their LA's lifespan", () => {
  const areas = buildAreas(
    [
      "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note",
      "835,E10000009,Dorset,E12000009,South West,2013,2022,Dorset CC (pre-2019); replaced by 838 Dorset UA",
      "838,E06000059,Dorset,E12000009,South West,2018,2025,",
      "928,E10000021,Northamptonshire,E12000004,East Midlands,2013,2025,split",
      "940,E06000061,North Northamptonshire,E12000004,East Midlands,2021,2025,",
      "201,E09000001,City of London,E13000001,Inner London,2013,2025,",
    ].join("\n"),
    "lookup.csv",
  );
  // missing-value rows, which the import never moves to a successor: a row left out is one outside its lifespan
  const rows: IndicatorRow[] = [];
  for (const area of areas.areas) {
    for (let period = 2012; period <= 2026; period++) rows.push({ la_code: area.la_code, period, indicator: "a", value: null, numerator: null, denominator: null, status: "not-available:-" });
  }
  const outside = rows.filter((r) => !isWithinLifespan(areas.get(r.la_code)!, r.period)).map((r) => `${r.la_code} ${r.period}`);
  assert.ok(outside.length >= 4, "some rows are outside");
  const kept = new Set(rowsWithinLifespans(rows, "f.csv", areas, new ImportLog(), []));
  assert.deepEqual(rows.filter((r) => !kept.has(r)).map((r) => `${r.la_code} ${r.period}`), outside);
  const warnings: string[] = [];
  // as plain rows of cells, as the package's reader gives them
  const cells = (list: readonly object[]) => list.map((r) => ({ ...r }) as TypedRow);
  checkIndicatorLifespans(columnsOfRows("indicators", cells(rows)), columnsOfRows("areas", cells(areas.areas)), "indicators.csv", warnings);
  const warned = warnings.flatMap((w) => {
    const m = /of (\S+) for periods outside its lifespan in areas\.csv \([^)]*\): ([\d, ]+) \(rows/.exec(w);
    assert.ok(m, w);
    return m[2].split(", ").map((p) => `${m[1]} ${p}`);
  });
  assert.deepEqual(warned.sort(), [...outside].sort());
});
