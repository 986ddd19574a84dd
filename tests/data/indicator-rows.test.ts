import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import { catalogueRow, selectIndicatorRows } from "../../lib/data/indicator-rows";

const pkg = readPackage(path.join(__dirname, "../../datasets/pilot-synthetic"));

test("selectIndicatorRows gives one indicator's rows in a period with LA names", () => {
  const t = selectIndicatorRows(pkg, "rereferral_12m_pct", 2019);
  assert.equal(t.numRows(), 150);
  assert.ok((t.array("indicator") as string[]).every((i) => i === "rereferral_12m_pct"));
  assert.ok((t.array("la_name") as string[]).every((n) => typeof n === "string" && n !== ""));
  assert.equal(catalogueRow(pkg, "rereferral_12m_pct").polarity, "down");
});

test("an unknown indicator id says 'did you mean'; a period without rows lists the periods", () => {
  assert.throws(() => selectIndicatorRows(pkg, "rereferal_12m_pct", 2019), /^InputError: catalogueRow: no indicator "rereferal_12m_pct" in catalogue.csv \(did you mean "rereferral_12m_pct" or "rereferral_12m_lait_pct"\?\); list them with `vital-signs list PKG indicators`$/);
  assert.throws(() => selectIndicatorRows(pkg, "rereferral_12m_pct", 1999), /has no rows in period 1999 \(periods with rows: 2014, 2015, .*2023\)/);
});
