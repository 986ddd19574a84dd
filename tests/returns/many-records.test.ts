/**
 * Lists and counts of any length are combined without a crash: round 24 (H2) stopped `returns` on an Annex A
 * List 3 of 130,000 referrals with "Maximum call stack size exceeded" (push(...list) passes one argument per item).
 * 200,000 is past the ~125,000 arguments Node 20 takes before its stack overflows.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { annexACounts } from "../../lib/returns/annex-a-indicators";
import { assembleUnits } from "../../lib/returns/import-units";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { parseIsoDate } from "../../lib/returns/dates";
import type { ReturnsCount } from "../../lib/returns/cla-indicators";
import type { AnnexAList } from "../../lib/returns/annex-a-lists";

const MANY = 200_000;
const LA = "E09000001";

test("an Annex A List 3 of 200,000 referrals (one per child) is counted: 200,000 referrals, none a re-referral", () => {
  const day = parseIsoDate("2023-10-02")!;
  const referrals = Array.from({ length: MANY }, (_, i) => ({ child: `R${i}`, referral: day, closure: null, nfa: false }));
  const { counts, notCovered } = annexACounts([
    { la: LA, year: 2024, extractDate: parseIsoDate("2024-01-15")!, lists: new Set([3]), read: new Set<AnnexAList>([3]), referrals, assessments: [], plans: [], lookedAfter: [], careLeavers: [] },
  ]);
  assert.deepEqual(counts.map((c) => [c.indicator, c.numerator, c.denominator]), [["cin_rereferral_pct", 0, MANY]]);
  assert.deepEqual(notCovered.map((c) => c.indicator), ["cin_referrals_count"]);
});

test("an LA's 200,000 counts from its SSDA903 and CIN units are all assembled, in order", () => {
  const count = (i: number): ReturnsCount => ({ la_code: LA, period: 2024, indicator: `x${i}`, numerator: i, denominator: null });
  const claCounts = Array.from({ length: MANY }, (_, i) => count(i));
  const cinCounts = Array.from({ length: MANY }, (_, i) => count(MANY + i));
  const cinFile = { path: "cin.xml", name: "cin.xml", la: LA, year: 2024 };
  const out = assembleUnits(
    [cinFile],
    new Map([[LA, { log: [], counts: claCounts }]]),
    new Map([[LA, { la: LA, files: [{ log: [], counts: [] }], counts: { log: [], counts: cinCounts } }]]),
    new ReturnsImportLog(),
  );
  assert.equal(out.length, 2 * MANY);
  assert.equal(out[MANY - 1].numerator, MANY - 1);
  assert.equal(out[2 * MANY - 1].numerator, 2 * MANY - 1);
});
