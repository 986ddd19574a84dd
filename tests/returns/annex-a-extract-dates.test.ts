/**
 * An Annex A workbook's extract date, from its name, against its content (round-27 trial S2-5): one workbook under two
 * extract dates had the earlier name read and half its rows dropped as later, exit 0; a workbook named by a day before
 * many of its dates had them dropped one by one.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, InputError } from "../../lib/errors";
import { importReturns } from "../../lib/returns/import-returns";
import { xlsxBytes } from "../../lib/synthetic/returns-annex-a";
import { TEST_KEY, tempDir } from "./helpers";

const LA = "E09000001";

/** A List 3 of `before` referrals of 2 October 2023 and `after` of 1 February 2024. */
const referrals = (before: number, after: number) =>
  xlsxBytes([
    {
      name: "List 3",
      header: ["Child Unique ID", "Referral Date"],
      rows: [...Array.from({ length: before }, (_, i) => [`B${i}`, "02/10/2023"]), ...Array.from({ length: after }, (_, i) => [`A${i}`, "01/02/2024"])],
    },
  ]);

/** Import `files` (name under the LA's folder → bytes): the result, or the refusal. */
function importFiles(files: Record<string, Uint8Array>) {
  const dir = tempDir();
  for (const [name, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, LA, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, LA, name), bytes);
  }
  try {
    return importReturns(dir, { key: TEST_KEY, threshold: 1 });
  } catch (e) {
    if (e instanceof DataError || e instanceof InputError) return e;
    throw e;
  }
}

test("the same workbook under two extract dates is refused, naming both, not read under the earlier one", () => {
  const bytes = referrals(40, 20);
  const refused = importFiles({ "annex_a_2023-12-15.xlsx": bytes, "annex_a_2024-03-01.xlsx": bytes });
  assert.ok(refused instanceof InputError, "the copy of the earlier name had been read and 20 of its 60 referrals dropped");
  assert.equal(
    refused.message,
    `DIR: the same Annex A workbook of ${LA} for 2023-24 under two extract dates, ${LA}/annex_a_2023-12-15.xlsx (2023-12-15) and ${LA}/annex_a_2024-03-01.xlsx (2024-03-01): the copies have the same content, so one of the names is wrong; which day was it extracted? Keep one copy, named by its extract date (a workbook's rows dated after that day are left out) (got "${LA}/annex_a_2023-12-15.xlsx, ${LA}/annex_a_2024-03-01.xlsx")`,
  );
  // copies under one extract date, or one name without a date, are read once as before
  for (const names of [["annex_a_2024-03-01.xlsx", "annex_a_2024-03-01 (1).xlsx"], ["annex_a_2024-03-01.xlsx", "2023-24/annex_a.xlsx"]]) {
    const read = importFiles(Object.fromEntries(names.map((n) => [n, bytes])));
    assert.ok(!(read instanceof Error), String(read));
    assert.equal(read.files.annexA, 1);
  }
});

test("a workbook with many rows dated after the extract date its name gives is refused as misnamed; a few are dropped", () => {
  // 20 of 60 (33.3%) after 15 December 2023
  const refused = importFiles({ "annex_a_2023-12-15.xlsx": referrals(40, 20) });
  assert.ok(refused instanceof DataError, "the 20 had been dropped and the 40 counted as the window's referrals");
  assert.equal(refused.file, `${LA}/annex_a_2023-12-15.xlsx`);
  assert.equal(refused.value, "20 of its 60 list rows (33.3%) dated after 2023-12-15, the extract date its name gives");
  assert.match(refused.expected, /^a workbook named by the day its lists were extracted .*; rename it by the day it was extracted \(annex_a_YYYY-MM-DD\.xlsx\), or, if the name is right, correct the dates \(a workbook is read, its later rows dropped and each counted in the import log, only when they are at most 5% of its list rows or fewer than 5\)$/);
  // 5 of 100 (5%, not more) and 4 of 40 (fewer than 5): dropped, the rest read
  for (const [before, after] of [[95, 5], [36, 4]]) {
    const read = importFiles({ "annex_a_2023-12-15.xlsx": referrals(before, after) });
    assert.ok(!(read instanceof Error), String(read));
    assert.equal(read.log.entries().filter((e) => e.action === "dropped").length, after);
  }
});
