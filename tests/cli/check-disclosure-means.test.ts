/**
 * `check-disclosure` on two files of means (round 27's user trial, S1-7): a pilot item's mean of 56 respondents and of
 * 57, published without their shares, give the late respondent's answer back; `pilot --help` says means difference too.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const HEADER = "la_code,period,indicator,value,numerator,denominator,status";

test("check-disclosure of two runs' means finds the pair, naming both files, and exits 1", async () => {
  const dir = tempDir("vsw-cd-means-");
  const w1 = path.join(dir, "means-w1.csv");
  const top1 = path.join(dir, "means-w1top1.csv");
  fs.writeFileSync(w1, `${HEADER}\nE06900009,2023,pilot_child_survey_trust_staff_mean,3.482142857142857,,56,\nE06900009,2023,pilot_child_survey_feel_safe_mean,4.107142857142857,,56,\n`);
  fs.writeFileSync(top1, `${HEADER}\nE06900009,2023,pilot_child_survey_trust_staff_mean,3.456140350877193,,57,\nE06900009,2023,pilot_child_survey_feel_safe_mean,4.107142857142857,,56,\n`);
  for (const one of [w1, top1]) {
    const c = capture();
    assert.equal(await main(["check-disclosure", one], c.io), 0, `${one} alone: ${c.out.join("")}`);
  }
  const c = capture();
  assert.equal(await main(["check-disclosure", w1, top1], c.io), 1);
  const out = c.out.join("");
  assert.ok(
    out.includes(`${w1}: row 1 column "value": differencing: 3.482142857142857 of 56 here and 3.456140350877193 of 57 in ${top1} (row 1 column "value"), means of indicator pilot_child_survey_trust_staff_mean, LA E06900009 2023: were the 56 among the 57, the 1 respondent's total (in one and not the other) is 2 (mean × n: 197 − 195)`),
    out,
  );
  assert.match(out, /1 finding\(s\); threshold 10\n$/);
});

test("pilot --help says that means of two runs or waves difference too and that check-disclosure compares them", async () => {
  const c = capture();
  assert.equal(await main(["pilot", "--help"], c.io), 0);
  const help = c.out.join("").replace(/\s+/g, " ");
  assert.match(help, /Means of two runs or waves difference too: .*3\.48 of 56 is a total of 195, 3\.46 of 57 one of 197: the answer was 2\), even rounded to 2 decimals; check-disclosure compares means as it compares counts/);
});
