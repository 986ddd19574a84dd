import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as aq from "arquero";
import type { DataPackage } from "../../lib/data/types";
import { resolveOutcomeList } from "../../lib/vitals/outcomes-screen";

test("--outcomes child lists the child outcomes that are not counts (a count grows with the LA: its rate is the outcome)", () => {
  const pkg = {
    catalogue: aq.table({
      indicator: ["eet_pct", "eet_num", "ks4", "caseload"],
      unit: ["percent", "count", "score", "ratio"],
      framework_role: ["child-outcome", "child-outcome", "child-outcome", "enabler"],
      framework_area: ["leaving-care", "leaving-care", "education", "workforce"],
    }),
  } as unknown as DataPackage;
  assert.deepEqual(resolveOutcomeList(pkg, "child"), ["eet_pct", "ks4"]);
  assert.deepEqual(resolveOutcomeList(pkg, "eet_num,ks4"), ["eet_num", "ks4"], "a count named explicitly is kept");
});
