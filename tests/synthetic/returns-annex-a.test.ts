import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { importReturns } from "../../lib/returns/import-returns";
import { writeSyntheticAnnexA, xlsxBytes, type AnnexASpec } from "../../lib/synthetic/returns-annex-a";
import { writeSyntheticReturns } from "../../lib/synthetic/returns-files";
import { TEST_KEY, tempDir } from "../returns/helpers";

const LAS: AnnexASpec[] = [
  { la: "E09000001", referralChildren: 300, assessments: 220, planChildren: 90, lookedAfter: 160, careLeavers: 120 },
  { la: "E06000002", referralChildren: 120, assessments: 80, planChildren: 40, lookedAfter: 60, careLeavers: 50 },
];
const POPULATION = new Map([["E09000001|2023", 40_000], ["E06000002|2023", 15_000]]);

test("shares computed from synthetic Annex A workbooks equal the figures the generator implies, exactly; counts are left out, the workbooks giving no extract date", () => {
  const dir = tempDir("vsw-annex-a-");
  const figures = writeSyntheticAnnexA(dir, { seed: 8, year: 2023, las: LAS });
  const result = importReturns(dir, { key: TEST_KEY, population: POPULATION, threshold: 1 });
  assert.equal(result.files.annexA, 2);
  const rows = new Map(result.indicators.map((r) => [`${r.la_code}|${r.period}|${r.indicator}`, r]));
  const rateOf: Record<string, string> = { cla_31mar_count: "cla_rate_per_10k", cin_referrals_count: "cin_referrals_rate_per_10k" };
  assert.equal(figures.length, 7 * LAS.length);
  for (const f of figures) {
    const row = rows.get(`${f.la_code}|${f.period}|${rateOf[f.indicator] ?? f.indicator}`);
    assert.ok(f.numerator > 0, `${f.indicator} has events`);
    // the generator's workbooks are named by collection year (2022-23/annex_a.xlsx): a window of unknown months
    if (f.denominator === null) {
      assert.equal(row, undefined, `${f.la_code} ${f.indicator}: a count of the year or at 31 March is not given from a window`);
      assert.ok(result.log.notices.some((n) => n.file === `${f.la_code} ${f.period}` && n.rule.startsWith(`${rateOf[f.indicator]} left out: `)), f.indicator);
      continue;
    }
    assert.ok(row, `no row for ${f.la_code} ${f.indicator}`);
    assert.deepEqual([row.numerator, row.denominator], [f.numerator, f.denominator], `${f.la_code} ${f.indicator}`);
  }
  assert.equal(rows.get("E09000001|2023|cin_rereferral_pct")!.status, "low-reliability:window", "List 3 of a window");
  assert.deepEqual(result.log.fileSummary().filter((f) => f.dropped > 0 || f.warnings > 0), []);
  const catalogue = new Map(result.catalogue.map((c) => [c.indicator, c]));
  for (const id of ["cin_rereferral_pct", "lait_continue_assess_comp", "cpp_second_time_pct", "care_leavers_eet_19_21_pct"]) {
    assert.match(catalogue.get(id)!.definition, /From Ofsted Annex A/, id);
    assert.match(catalogue.get(id)!.source, /^pilot:.*annex-a/, id);
  }
  assert.ok(!catalogue.has("cin_rate_per_10k"), "CIN at 31 March is not taken from Annex A (List 3 has no closure date)");
});

test("the generator is seeded: the same seed writes byte-identical workbooks", () => {
  const a = tempDir("vsw-annex-a-");
  const b = tempDir("vsw-annex-a-");
  writeSyntheticAnnexA(a, { seed: 8, year: 2023, las: LAS.slice(1) });
  writeSyntheticAnnexA(b, { seed: 8, year: 2023, las: LAS.slice(1) });
  const rel = path.join("E06000002", "2022-23", "annex_a.xlsx");
  assert.ok(fs.readFileSync(path.join(a, rel)).equals(fs.readFileSync(path.join(b, rel))));
});

test("malformed Annex A rows are dropped and logged by file, sheet, row, column and value; a list without a needed column is skipped and named", () => {
  const dir = tempDir("vsw-annex-a-");
  const folder = path.join(dir, "E09000001", "2023");
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(
    path.join(folder, "inspection.xlsx"), // recognised by its List sheets, not its name
    xlsxBytes([
      {
        name: "List 7",
        header: ["Child Unique ID", "Child Protection Plan Start Date", "Child Protection Plan End Date", "Number of Previous Child Protection Plans"],
        rows: [["P1", "01/05/2022", "", "0"], ["P2", "31/02/2022", "", "0"], ["", "01/05/2022", "", "1"], ["P4", "01/06/2022", "01/05/2022", "0"], ["P5", "01/07/2022", "", "two"]],
      },
      { name: "List 8", title: "List 8", header: ["Child Unique ID", "Date Started to be Looked After", "Child's Legal Status"], rows: [["L1", { date: 19000 }, "C2: FCO"], ["L2", { date: 19000 }, "Z9: nonsense"]] },
      { name: "List 9", header: ["Child Unique ID", "LA in Touch"], rows: [["C1", "Yes"]] },
    ]),
  );
  const result = importReturns(dir, { key: TEST_KEY, threshold: 1 });
  const drops = result.log.entries().filter((e) => e.action === "dropped");
  const at = (row: number) => drops.find((e) => e.row === row && /List 7/.test(e.file));
  assert.equal(at(3)?.column, "Child Protection Plan Start Date");
  assert.equal(at(3)?.value, "(withheld)", "dates are not written to the log");
  assert.match(at(4)!.rule, /missing child identifier/);
  assert.match(at(5)!.rule, /before the start/);
  assert.deepEqual([at(6)?.column, at(6)?.value], ["Number of Previous Child Protection Plans", "two"]);
  assert.ok(drops.every((e) => e.file.startsWith(path.join("E09000001", "2023", "inspection.xlsx"))));
  const legal = drops.find((e) => /List 8/.test(e.file))!;
  assert.deepEqual([legal.row, legal.column, legal.value], [4, "Child's Legal Status", "Z9: nonsense"]);
  assert.ok(result.log.entries().some((e) => e.action === "skipped-file" && /List 9/.test(e.file) && /no columns "Date of Birth", "Activity Status", "Suitability of Accommodation" in its header row \(row 1\)/.test(e.rule)));
  const cpp = result.indicators.find((r) => r.indicator === "cpp_second_time_pct")!;
  assert.deepEqual([cpp.numerator, cpp.denominator], [0, 1]);
});

test("where an LA's statutory return and its Annex A give the same indicator, the return's figure is used and the Annex A one noted", () => {
  const dir = tempDir("vsw-annex-a-");
  writeSyntheticReturns(dir, { seed: 4, las: [{ la: "E09000001", lookedAfterChildren: 60, cinChildren: 150, careLeaversPerYear: 10 }], firstYear: 2023, lastYear: 2023 });
  const alone = importReturns(dir, { key: TEST_KEY, threshold: 1 });
  writeSyntheticAnnexA(dir, { seed: 8, year: 2023, las: LAS.slice(0, 1) });
  const both = importReturns(dir, { key: TEST_KEY, threshold: 1 });
  const key = (r: { la_code: string; period: number; indicator: string }) => `${r.la_code}|${r.period}|${r.indicator}`;
  const before = new Map(alone.indicators.map((r) => [key(r), r]));
  for (const r of both.indicators) if (before.has(key(r))) assert.deepEqual([r.numerator, r.denominator], [before.get(key(r))!.numerator, before.get(key(r))!.denominator], key(r));
  assert.ok(both.log.entries().some((e) => /cpp_second_time_pct: taken from the statutory return/.test(e.rule)));
});

test("an xlsx without List sheets is not taken for Annex A (logged as an unknown file); one named annex but without List sheets is read as nothing", async () => {
  const { discoverReturns } = await import("../../lib/returns/discover");
  const { ReturnsImportLog } = await import("../../lib/returns/import-issues");
  const dir = tempDir("vsw-annex-a-");
  const folder = path.join(dir, "E09000001", "2023");
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, "budget.xlsx"), xlsxBytes([{ name: "Summary", header: ["Spend"], rows: [["10"]] }]));
  const log = new ReturnsImportLog();
  assert.deepEqual(discoverReturns(dir, log).annexA, []);
  assert.ok(log.entries().some((e) => e.action === "unknown-file" && /budget\.xlsx/.test(e.file)));
  fs.writeFileSync(path.join(folder, "annex_a_notes.xlsx"), xlsxBytes([{ name: "Notes", header: ["Text"], rows: [["hello"]] }]));
  const result = importReturns(dir, { key: TEST_KEY });
  assert.equal(result.indicators.length, 0);
  assert.ok(result.log.entries().some((e) => e.action === "unknown-file" && /annex_a_notes/.test(e.file) && /without an Annex A list sheet/.test(e.rule)));
});
