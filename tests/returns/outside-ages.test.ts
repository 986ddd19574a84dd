/**
 * Rows of a table outside the ages it should hold (OC2 rows with CONVICTED recorded outside 10–17, OC3 rows outside
 * 17–21) are counted in the import log per table, LA and year, as a warning with their count and no row-level data.
 * They had been passed over without a word. Ages a table holds by design but a figure leaves out by definition (OC3's
 * 17- and 18-year-olds, children in long-term care aged 16 or over) are not a warning: the first version of this rule
 * warned of 17,972 OC3 rows in the synthetic returns, burying the warnings that matter.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { claCounts, OUTSIDE_AGES_RULES } from "../../lib/returns/cla-indicators";
import { ageOnBirthdayInYear, birthMonth, parseUkDate } from "../../lib/returns/dates";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { importReturns } from "../../lib/returns/import-returns";
import { readSsda903, type Ssda903File } from "../../lib/returns/read-ssda903";
import { writeSyntheticReturns } from "../../lib/synthetic/returns-files";
import { EPISODE_COLS, HEADER_COLS, OC3_COLS, TEST_KEY, episodeRow, headerRow, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";
const OC2_COLS = ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"];
const oc2 = (child: string, dob: string, convicted: string) => [child, dob, "", "", convicted, "1", "1", "1", "1", "0", "", ""];

/** 2022-23's counts from the tables given (and a Header and Episodes of one child X, unless given). */
function counts2023(files: { name: string; table: Ssda903File["table"]; header: string[]; rows: string[][] }[]) {
  const dir = tempDir();
  const base = [
    { name: "header.csv", table: "Header" as const, header: HEADER_COLS, rows: [headerRow("X", "01/01/2012")] },
    { name: "episodes.csv", table: "Episodes" as const, header: EPISODE_COLS, rows: [episodeRow("X", "01/05/2022", "S", "C2", "U1")] },
  ].filter((b) => !files.some((f) => f.table === b.table));
  const specs: Ssda903File[] = [...base, ...files].map((f) => ({ path: writeCsv(dir, f.name, f.header, f.rows), name: f.name, table: f.table, la: LA, year: 2023 }));
  const data = readSsda903(specs, TEST_KEY, new ReturnsImportLog()).get(LA)![0];
  return claCounts(data, 2023);
}

test("OC3 rows outside ages 17–21 are counted on the first care-leaver count, once; 17 and 18 are OC3's by design", () => {
  const counts = counts2023([{
    name: "oc3.csv", table: "OC3", header: OC3_COLS,
    rows: [
      ["C19", "10/06/2003", "YES", "F1", "D1"], // 19 in June 2022: in
      ["C18", "10/06/2004", "YES", "F1", "D1"], // 18: out of the figure, in OC3's ages
      ["C22", "10/03/2001", "YES", "F1", "D1"], // 22: outside OC3's ages
      ["C16", "10/06/2006", "YES", "F1", "D1"], // 16: outside OC3's ages
      ["C17", "10/06/2005", "DIED", "", ""], // 17: out of the figure, in OC3's ages
      ["HOME", "10/06/2003", "RHOM", "0", "0"], // 19, returned home: in the ages, left out by the definition
    ],
  }]);
  const eet = counts.find((c) => c.indicator === "care_leavers_eet_19_21_pct")!;
  assert.deepEqual([eet.numerator, eet.denominator, eet.outsideAges], [1, 1, { count: 2, rule: OUTSIDE_AGES_RULES.oc3 }]);
  assert.equal(counts.find((c) => c.indicator === "care_leavers_suitable_accom_19_21_pct")!.outsideAges, undefined);
});

test("OC2 rows with CONVICTED recorded outside ages 10–17 are counted; those without it are not", () => {
  const counts = counts2023([{
    name: "oc2.csv", table: "OC2", header: OC2_COLS,
    rows: [
      oc2("A", "15/03/2013", "1"), // 10 at 31 March 2023: in
      oc2("B", "15/04/2013", "0"), // 9: out, recorded
      oc2("C", "15/03/2005", "0"), // 18: out, recorded
      oc2("D", "15/03/2005", ""), // 18: out, not recorded
      oc2("F", "15/03/2022", ""), // 1, not recorded
    ],
  }]);
  const convicted = counts.find((c) => c.indicator === "cla_convicted_pct")!;
  assert.deepEqual([convicted.numerator, convicted.denominator, convicted.outsideAges], [1, 1, { count: 2, rule: OUTSIDE_AGES_RULES.oc2 }]);
});

test("children looked after 2.5 years or more aged 16 or over at 31 March are out of long-term stability by definition, not a warning", () => {
  const counts = counts2023([
    { name: "header.csv", table: "Header", header: HEADER_COLS, rows: [headerRow("OLD", "01/01/2006"), headerRow("YOUNG", "01/01/2012"), headerRow("NEW", "01/01/2005")] },
    {
      name: "episodes.csv", table: "Episodes", header: EPISODE_COLS,
      rows: [episodeRow("OLD", "01/01/2020", "S", "C2", "U1"), episodeRow("YOUNG", "01/01/2020", "S", "C2", "U1"), episodeRow("NEW", "01/05/2022", "S", "C2", "U1")],
    },
  ]);
  const stability = counts.find((c) => c.indicator === "cla_long_term_stability_pct")!;
  assert.deepEqual([stability.numerator, stability.denominator, stability.outsideAges], [1, 1, undefined]);
});

test("importReturns logs each LA-year's OC3 rows outside 17–21 as a warning with their count, and no row, column or value", () => {
  const dir = path.join(tempDir(), "in");
  writeSyntheticReturns(dir, { seed: 5, las: [{ la: "E06000001", lookedAfterChildren: 30, cinChildren: 40, careLeaversPerYear: 12 }], firstYear: 2023, lastYear: 2023 });
  // counted by hand from the file: the age on the birthday in the year ending 31 March 2023
  const rows = fs.readFileSync(path.join(dir, "E06000001", "2023", "oc3.csv"), "utf8").trim().split("\n").slice(1);
  const outside = rows.filter((r) => {
    const age = ageOnBirthdayInYear(birthMonth(parseUkDate(r.split(",")[1])!), 2023);
    return age < 17 || age > 21;
  }).length;
  // two rows of other ages added by hand (the generator writes 17–21 only)
  const oc3 = path.join(dir, "E06000001", "2023", "oc3.csv");
  const first = rows[0].split(",");
  fs.appendFileSync(oc3, ["OLD1", "OLD2"].map((c) => [c, "10/03/1999", ...first.slice(2)].join(",")).join("\n") + "\n");
  const entries = importReturns(dir, { key: TEST_KEY }).log.entries().filter((e) => e.rule === OUTSIDE_AGES_RULES.oc3);
  assert.deepEqual(entries.map((e) => ({ ...e })), [{ action: "warning", file: "E06000001 2023", rule: OUTSIDE_AGES_RULES.oc3, count: outside + 2, detail: "DfE's definition counts only these ages; the figure is computed without them" }]);
});
