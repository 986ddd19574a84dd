/**
 * A file-wide format mistake is refused as one, not dropped row by row (user trial round 27, S1-4, S1-5, S2-2): a
 * census whose referral dates were dd/mm/yyyy had published cin_referrals_rate_per_10k 0, an Episodes table with 2-digit
 * years had lost all its rows with the screen saying only "no episode read", US dates had been refused as mixed years,
 * and a Header saved from Excel had every episode dropped as "missing from Header".
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { dateFormatOf, tooManyFailing } from "../../lib/returns/date-formats";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { importReturns } from "../../lib/returns/import-returns";
import { readAnnexAWorkbook } from "../../lib/returns/read-annex-a";
import { xlsxBytes } from "../../lib/synthetic/returns-annex-a";
import { EPISODE_COLS, HEADER_COLS, TEST_KEY, cinXml, episodeRow, headerRow, importRefusal, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";
const YEAR_DIR = path.join(LA, "2023");

/** A 2022-23 return of `n` children (ids 0001 …), one open episode each from `decom(i)`; Header ids as `headerId` writes them. */
function ssda903Folder(n: number, decom: (i: number) => string, headerId: (id: string) => string = (id) => id): string {
  const dir = path.join(tempDir(), "in");
  const ids = Array.from({ length: n }, (_, i) => String(i + 1).padStart(4, "0"));
  writeCsv(dir, path.join(YEAR_DIR, "header.csv"), HEADER_COLS, ids.map((c) => headerRow(headerId(c), "01/05/2012")));
  writeCsv(dir, path.join(YEAR_DIR, "episodes.csv"), EPISODE_COLS, ids.map((c, i) => episodeRow(c, decom(i), "S", "C2", "U1")));
  return dir;
}

/** Day `i` of June 2022, or of 13–31 May for a US date that cannot be read (month 13 and over). */
const ukDate = (i: number) => `${String((i % 28) + 1).padStart(2, "0")}/06/2022`;

test("a date not read is recognised in the formats a file-wide mistake writes", () => {
  assert.equal(dateFormatOf("2022-06-13"), "yyyy-mm-dd");
  assert.equal(dateFormatOf("13/06/22"), "dd/mm/yy");
  assert.equal(dateFormatOf("06/13/2022"), "mm/dd/yyyy");
  assert.equal(dateFormatOf("31/02/2022"), "dd/mm/yyyy");
  assert.equal(dateFormatOf("2022-06-13T09:30:00"), "xs:dateTime");
  assert.equal(dateFormatOf("13/06/2022 00:00"), "dd/mm/yyyy hh:mm");
  assert.equal(dateFormatOf("13 June 2022"), undefined);
  // the bounds: more than 5% and 5 or more
  assert.equal(tooManyFailing(5, 100), false);
  assert.equal(tooManyFailing(6, 100), true);
  assert.equal(tooManyFailing(4, 4), false);
});

test("an Episodes table with its dates yyyy-mm-dd is read as the same table dd/mm/yyyy is: the ISO form cannot be misread", () => {
  const iso = (i: number) => `2022-06-${String((i % 28) + 1).padStart(2, "0")}`;
  const a = importReturns(ssda903Folder(40, iso), { key: TEST_KEY });
  const b = importReturns(ssda903Folder(40, ukDate), { key: TEST_KEY });
  assert.equal(a.log.entries().filter((e) => e.action === "dropped").length, 0);
  assert.deepEqual(a.indicators, b.indicators);
  assert.equal(a.indicators.find((r) => r.indicator === "cla_3plus_placements_pct")?.denominator, 40);
});

test("an Episodes table with 2-digit years is refused, naming file, first row, column, format found and expected, and how many rows", () => {
  const error = importRefusal(ssda903Folder(40, (i) => (i < 3 ? ukDate(i) : `${String((i % 28) + 1).padStart(2, "0")}/06/22`)));
  assert.equal(
    error.message,
    `${path.join(YEAR_DIR, "episodes.csv")}, row 4, column "DECOM": got "dates written dd/mm/yy (a 2-digit year, which cannot tell 1920 from 2020)", ` +
      "expected dates dd/mm/yyyy (or yyyy-mm-dd): 37 of its 40 rows have a DECOM that is not one (more than 5%), so the file was saved with its dates in another format; " +
      "save it again with its dates dd/mm/yyyy (or yyyy-mm-dd) (a file is read with such rows, each counted in the import log, only when they are at most 5% of its rows or fewer than 5)",
  );
});

test("US dates are refused with the words 'the dates look like mm/dd/yyyy', not as a table mixing years", () => {
  // 13 June … 28 June written month first: the "month" is over 12
  const error = importRefusal(ssda903Folder(40, (i) => `06/${String((i % 16) + 13)}/2022`));
  assert.equal(error.column, "DECOM");
  assert.match(error.message, /got "the dates look like mm\/dd\/yyyy \(US format/);
  assert.match(error.message, /40 of its 40 rows/);
});

test("a few rows with bad dates (5% or fewer) are dropped one by one, as before", () => {
  const result = importReturns(ssda903Folder(40, (i) => (i < 2 ? "2022-13-45" : ukDate(i))), { key: TEST_KEY });
  const dropped = result.log.entries().filter((e) => e.action === "dropped");
  assert.deepEqual(dropped.map((e) => [e.row, e.column, e.rule]), [[1, "DECOM", "start date is not a date dd/mm/yyyy"], [2, "DECOM", "start date is not a date dd/mm/yyyy"]]);
});

test("a Header whose ids lost their leading zeros (saved from Excel) is refused as that, never printing an id", () => {
  const error = importRefusal(ssda903Folder(40, ukDate, (id) => String(Number(id))));
  assert.equal(error.file, path.join(YEAR_DIR, "episodes.csv"));
  assert.equal(error.column, "CHILD");
  assert.equal(error.row, 1);
  assert.equal(error.value, "ids equal to the Header's but for leading zeros (40 of the 40 not in the Header)");
  assert.match(error.message, /40 of its 40 rows are of children not in it, more than 5%, and the Header's \(E09000001\/2023\/header\.csv\) ids lost their leading zeros/);
  assert.match(error.message, /export the Header again/);
  assert.doesNotMatch(error.message.replaceAll(LA, ""), /0001|"1"/);
});

test("an Episodes table whose children are mostly not in the Header (another export's) is refused, naming both tables; two such rows are dropped as before", () => {
  const error = importRefusal(ssda903Folder(40, ukDate, (id) => (id < "0031" ? `X${id}` : id)));
  assert.equal(error.row, 1);
  assert.equal(error.value, `children not in the year's Header (${path.join(YEAR_DIR, "header.csv")})`);
  assert.match(error.message, /30 of its 40 rows are of children not in it, more than 5%, so the table and the Header are not of one export/);
  const two = importReturns(ssda903Folder(40, ukDate, (id) => (id < "0003" ? `X${id}` : id)), { key: TEST_KEY });
  assert.deepEqual(two.log.entries().filter((e) => e.action === "dropped").map((e) => [e.row, e.rule]), [[1, "child in Episodes missing from Header"], [2, "child in Episodes missing from Header"]]);
});

/** A 2022-23 census of `n` children, each with one referral dated `referral(i)` (closed 2022-12-01 or open). */
function cinFolder(n: number, referral: (i: number) => string): string {
  const dir = path.join(tempDir(), "in");
  const children = Array.from({ length: n }, (_, i) => ({ id: `K${i}`, details: [`<CINreferralDate>${referral(i)}</CINreferralDate><ReferralNFA>0</ReferralNFA>`] }));
  fs.mkdirSync(path.join(dir, YEAR_DIR), { recursive: true });
  fs.writeFileSync(path.join(dir, YEAR_DIR, "cin_census.xml"), cinXml(2023, children));
  return dir;
}

const isoDay = (i: number) => `2022-06-${String((i % 28) + 1).padStart(2, "0")}`;

test("a census whose referral dates are dd/mm/yyyy is refused by name, where it had published a count of 0", () => {
  const error = importRefusal(cinFolder(30, (i) => `${String((i % 28) + 1).padStart(2, "0")}/06/2022`));
  assert.equal(
    error.message,
    `${path.join(YEAR_DIR, "cin_census.xml")}, column "CINreferralDate": got "dates written dd/mm/yyyy (the first at Child element 1)", ` +
      "expected dates yyyy-mm-dd: 30 of its 30 CINreferralDate elements are not (more than 5%), so the file was saved with its dates in another format; " +
      "save it again with its dates yyyy-mm-dd (a file is read with such elements, each counted in the import log, only when they are at most 5% of its elements or fewer than 5)",
  );
});

test("a census is checked element by element: 6 of its 10 plan starts not dates refuse it, beside 7 of 200 referral dates (dropped as before)", () => {
  const dir = path.join(tempDir(), "in");
  const plan = (start: string) => `<ChildProtectionPlans><CPPstartDate>${start}</CPPstartDate><NumberOfPreviousCPP>0</NumberOfPreviousCPP></ChildProtectionPlans>`;
  const children = Array.from({ length: 200 }, (_, i) => ({
    id: `K${i}`,
    details: [`<CINreferralDate>${i < 7 ? "2022-06-xx" : isoDay(i)}</CINreferralDate><ReferralNFA>0</ReferralNFA>${i < 10 ? plan(i < 6 ? "01/07/2022" : "2022-07-01") : ""}`],
  }));
  fs.mkdirSync(path.join(dir, YEAR_DIR), { recursive: true });
  fs.writeFileSync(path.join(dir, YEAR_DIR, "cin_census.xml"), cinXml(2023, children));
  const error = importRefusal(dir);
  assert.equal(error.column, "CPPstartDate");
  assert.match(error.message, /got "dates written dd\/mm\/yyyy \(the first at Child element 1\)", expected dates yyyy-mm-dd: 6 of its 10 CPPstartDate elements are not/);
});

test("a census's dates as xs:dateTime at midnight are read as their day; another time is refused as not readable", () => {
  const a = importReturns(cinFolder(30, (i) => `${isoDay(i)}T00:00:00`), { key: TEST_KEY });
  const b = importReturns(cinFolder(30, isoDay), { key: TEST_KEY });
  assert.deepEqual(a.indicators, b.indicators);
  assert.equal(a.indicators.find((r) => r.indicator === "cin_rereferral_pct")?.denominator, 30);
  const error = importRefusal(cinFolder(30, (i) => `${isoDay(i)}T23:00:00Z`));
  assert.match(error.message, /got "date-times written yyyy-mm-ddThh:mm:ss with a time other than midnight/);
});

test("a census with no referral read (too few to refuse) is left out with a notice, never published as 0", () => {
  const result = importReturns(cinFolder(3, () => "01/06/2022"), { key: TEST_KEY });
  assert.deepEqual(result.indicators.filter((r) => r.indicator.startsWith("cin_")), []);
  assert.deepEqual(
    result.log.notices.map((n) => [n.file, n.rule]),
    [[path.join(YEAR_DIR, "cin_census.xml"), "no referral read from the CIN census (its 3 Child element(s) give no referral with a referral date that is a date): the year's children-in-need indicators are left out, not counted as an LA with no children in need"]],
  );
});

test("an Annex A list whose dates are US text mm/dd/yyyy is refused, naming the sheet and the column, where its rows had been dropped or read swapped", () => {
  const dir = tempDir();
  const name = path.join(LA, "annex_a_2024-01-15.xlsx");
  fs.mkdirSync(path.join(dir, LA));
  // 10 referrals of 13–22 November 2023 written month first, and 2 of 1 and 2 November (which would read as January and February)
  const rows = [...Array.from({ length: 10 }, (_, i) => [`R${i}`, `11/${13 + i}/2023`]), ["R10", "11/01/2023"], ["R11", "11/02/2023"]];
  fs.writeFileSync(path.join(dir, name), xlsxBytes([{ name: "List 3", header: ["Child Unique ID", "Referral Date"], rows }]));
  const log = new ReturnsImportLog();
  assert.throws(
    () => readAnnexAWorkbook({ path: path.join(dir, name), name, la: LA, year: 2024 }, TEST_KEY, log),
    (e: Error) => {
      assert.equal(
        e.message,
        `${name}, sheet "List 3", row 2, column "Referral Date": got "the dates look like mm/dd/yyyy (US format: the second number is over 12 and the first 12 or less; those whose day is 12 or less would be read with day and month swapped)", ` +
          "expected dates dd/mm/yyyy (or date cells): 10 of its 12 rows have a Referral Date that is not one (more than 5%), so the file was saved with its dates in another format; " +
          "save it again with its dates dd/mm/yyyy (or date cells) (a file is read with such rows, each counted in the import log, only when they are at most 5% of its rows or fewer than 5)",
      );
      return true;
    },
  );
});
