import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { importReturns } from "../../lib/returns/import-returns";
import { xlsxBytes } from "../../lib/synthetic/returns-annex-a";
import { TEST_KEY, tempDir } from "./helpers";

const LA = "E09000001";

/** Referrals of October–December 2023 (R1 twice, 79 days apart) and a child looked after since 2022. */
const JANUARY = xlsxBytes([
  { name: "List 3", header: ["Child Unique ID", "Referral Date"], rows: [["R1", "02/10/2023"], ["R2", "10/11/2023"], ["R3", "05/12/2023"], ["R1", "20/12/2023"]] },
  { name: "List 8", header: ["Child Unique ID", "Date Started to be Looked After", "Legal Status"], rows: [["L1", "01/09/2022", "C2"]] },
]);

/** Another extract: the same referrals and one more in February 2024. */
const MARCH = xlsxBytes([
  { name: "List 3", header: ["Child Unique ID", "Referral Date"], rows: [["R1", "02/10/2023"], ["R2", "10/11/2023"], ["R3", "05/12/2023"], ["R1", "20/12/2023"], ["R4", "01/02/2024"]] },
]);

/** Write `files` (name under the LA's folder → bytes) and import them, with a population of 10,000 for 2023-24. */
function importFiles(files: Record<string, Uint8Array>) {
  const dir = tempDir();
  for (const [name, bytes] of Object.entries(files)) {
    const file = path.join(dir, LA, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
  }
  const result = importReturns(dir, { key: TEST_KEY, population: new Map([[`${LA}|2024`, 10_000]]), threshold: 1 });
  const rows = Object.fromEntries(result.indicators.map((r) => [r.indicator, [r.numerator, r.denominator, r.status]]));
  return { result, rows };
}

test("an exact copy of a workbook (same content, another name) is read once and said so on the screen", () => {
  const alone = importFiles({ "annex_a_2024-01-15.xlsx": JANUARY });
  const twice = importFiles({ "annex_a_2024-01-15.xlsx": JANUARY, "copy/annex_a_2024-01-15 (1).xlsx": JANUARY });
  assert.deepEqual(twice.rows, alone.rows);
  assert.deepEqual(twice.rows, { cin_rereferral_pct: [1, 4, "low-reliability:window"] });
  assert.equal(twice.result.files.annexA, 1);
  const notice = twice.result.log.notices.find((n) => /same content/.test(n.rule));
  assert.deepEqual(notice && [notice.file, notice.rule], [`${LA}/copy/annex_a_2024-01-15 (1).xlsx`, `Annex A workbook not read: an exact copy of ${LA}/annex_a_2024-01-15.xlsx (the same content), which is read`]);
});

test("of exact copies the one of the shortest name is read, whatever the folder's order, and the log names the copy as not read", () => {
  // a space sorts before a dot: the folder lists the copy first, and it had been the one read
  const copies = importFiles({ "annex_a_2024-01-15.xlsx": JANUARY, "annex_a_2024-01-15 copy.xlsx": JANUARY, "annex_a_2024-01-15 (2).xlsx": JANUARY });
  assert.deepEqual(copies.rows, importFiles({ "annex_a_2024-01-15.xlsx": JANUARY }).rows);
  assert.deepEqual(
    copies.result.log.notices.filter((n) => /same content/.test(n.rule)).map((n) => [n.file, n.rule]),
    ["annex_a_2024-01-15 (2).xlsx", "annex_a_2024-01-15 copy.xlsx"].map((copy) => [`${LA}/${copy}`, `Annex A workbook not read: an exact copy of ${LA}/annex_a_2024-01-15.xlsx (the same content), which is read`]),
  );
  assert.deepEqual(copies.result.log.fileSummary().map((f) => f.file), [`${LA}/annex_a_2024-01-15.xlsx [List 3]`, `${LA}/annex_a_2024-01-15.xlsx [List 8]`]);
  // names of one length: the first path in code-unit order, the same on every machine
  const sameLength = importFiles({ "b/annex_a_2024-01-15.xlsx": JANUARY, "a/annex_a_2024-01-15.xlsx": JANUARY });
  assert.deepEqual(
    sameLength.result.log.notices.filter((n) => /same content/.test(n.rule)).map((n) => n.file),
    [`${LA}/b/annex_a_2024-01-15.xlsx`],
  );
});

test("two different extracts of one LA and year whose windows overlap are refused, naming both", () => {
  assert.throws(
    () => importFiles({ "annex_a_2024-01-15.xlsx": JANUARY, "annex_a_2024-03-01.xlsx": MARCH }),
    (e: Error) =>
      e.name === "InputError" &&
      e.message.includes(`two different Annex A workbooks of ${LA} for 2023-24, ${LA}/annex_a_2024-01-15.xlsx (2023-07-15 to 2024-01-15) and ${LA}/annex_a_2024-03-01.xlsx (2023-09-01 to 2024-03-01): their windows overlap, so a child listed in both would be counted twice`) &&
      // both named by their dates already: no advice to name them so (a walkthrough)
      !/name each by its extract date/.test(e.message),
  );
});

test("two different workbooks of one LA and year, one without an extract date, are refused: its window is unknown", () => {
  assert.throws(
    () => importFiles({ "2023-24/annex_a.xlsx": MARCH, "annex_a_2024-01-15.xlsx": JANUARY }),
    (e: Error) => e.name === "InputError" && /2023-24\/annex_a\.xlsx \(no extract date in its name: its window is unknown\) and .*annex_a_2024-01-15\.xlsx .*: the window of one is unknown.*name each by its extract date/.test(e.message),
  );
});

test("two extracts of one year whose windows do not overlap are read together: a record in both counts once, 31 March from the window holding it, a care leaver once", () => {
  const careLeavers = (rows: string[][]) => ({
    name: "List 9",
    header: ["Child Unique ID", "Date of Birth", "LA in Touch", "Activity Status", "Suitability of Accommodation"],
    rows,
  });
  // window 1 April – 1 October 2023: referrals in May and September; A 19 in June 2023 (inside), B 19 in December (outside)
  const october = xlsxBytes([
    { name: "List 3", header: ["Child Unique ID", "Referral Date"], rows: [["R1", "01/05/2023"], ["R2", "01/09/2023"]] },
    careLeavers([["A", "10/06/2004", "Yes", "F1", "Suitable"], ["B", "10/12/2004", "Yes", "F1", "Suitable"]]),
  ]);
  // window 20 October 2023 – 20 April 2024: R2's September referral listed again, R1 again in January (254 days after
  // May: a re-referral), R3; L1 looked after on 31 March; A (outside this window: October's row, EET and suitable, is
  // the one counted, though this later one says neither), B inside, now neither EET nor suitable
  const april = xlsxBytes([
    { name: "List 3", header: ["Child Unique ID", "Referral Date"], rows: [["R2", "01/09/2023"], ["R1", "10/01/2024"], ["R3", "01/02/2024"]] },
    { name: "List 8", header: ["Child Unique ID", "Date Started to be Looked After", "Legal Status"], rows: [["L1", "01/09/2022", "C2"]] },
    careLeavers([["A", "10/06/2004", "Yes", "G4", ""], ["B", "10/12/2004", "Yes", "G4", ""]]),
  ]);
  const { result, rows } = importFiles({ "annex_a_2023-10-01.xlsx": october, "annex_a_2024-04-20.xlsx": april });
  assert.deepEqual(rows, {
    cin_rereferral_pct: [1, 4, "low-reliability:window"],
    cla_rate_per_10k: [1, 10_000, ""],
    care_leavers_eet_19_21_pct: [1, 2, "low-reliability:window"],
    care_leavers_suitable_accom_19_21_pct: [1, 2, "low-reliability:window"],
  });
  assert.equal(result.files.annexA, 2);
  assert.ok(!result.log.entries().some((e) => / left out: birthday/.test(e.rule)), "A and B are each inside one window");
  const together = result.log.notices.find((n) => /read together/.test(n.rule));
  assert.deepEqual(together && [together.file, together.rule], [
    `${LA} 2024`,
    `Annex A workbooks ${LA}/annex_a_2023-10-01.xlsx (2023-04-01 to 2023-10-01) and ${LA}/annex_a_2024-04-20.xlsx (2023-10-20 to 2024-04-20), windows that do not overlap, read together for the year`,
  ]);
  // the notice says which row of a care leaver counts as the code does (it had said the later extract's: A's would be G4)
  assert.match(together?.detail ?? "", /a care leaver once \(the row of the latest extract whose window holds their birthday in the year\)/);
  assert.match(result.log.notices.find((n) => /cin_referrals_rate_per_10k left out/.test(n.rule))!.rule, /extracted 2023-10-01 and 2024-04-20 holds the referrals/);
});
