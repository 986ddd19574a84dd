import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { importReturns } from "../../lib/returns/import-returns";
import { writeSyntheticReturns } from "../../lib/synthetic/returns-files";
import { plainImport, TEST_KEY, tempDir } from "./helpers";
import { withoutSimd } from "./without-simd";

test("the import gives the same indicators, estimates and log with pseudonyms hashed four at a time as one at a time", () => {
  const dir = path.join(tempDir(), "in");
  writeSyntheticReturns(dir, {
    seed: 11,
    las: [
      { la: "E09000002", lookedAfterChildren: 61, cinChildren: 121, careLeaversPerYear: 7 },
      { la: "E06000001", lookedAfterChildren: 30, cinChildren: 51, careLeaversPerYear: 5 },
    ],
    firstYear: 2021,
    lastYear: 2023,
  });
  // children without an identifier, dropped referrals and Header-less episodes between valid ones, in two LAs
  for (const la of ["E09000002", "E06000001"]) {
    fs.appendFileSync(path.join(dir, la, "2023", "episodes.csv"), "NOBODY,01/04/2022,S,C2,N1,U1,PR1,,,,,,\n,01/04/2022,S,C2,N1,U1,PR1,,,,,,\n");
    const cin = path.join(dir, la, "2022", "cin_census.xml");
    // the child after one whose referral is dropped has no identifier: its entry must follow the other's
    const children = fs.readFileSync(cin, "utf8").split("<Child>");
    const edited = children.map((c, k) => {
      // four referrals at most: five or more, over 5% of the census's, refuse it as saved in another format (date-formats)
      if (k % 5 === 1 && k < 20) return c.replace("<CINreferralDate>", "<CINreferralDate>x");
      if (k % 5 === 2) return c.replace(/<LAchildID>[^<]*<\/LAchildID>/, "<LAchildID></LAchildID>");
      return c;
    });
    fs.writeFileSync(cin, edited.join("<Child>"));
  }
  const simd = plainImport(importReturns(dir, { key: TEST_KEY }));
  assert.deepEqual(plainImport(withoutSimd((key) => importReturns(dir, { key }))), simd);
  const rules = new Set(simd.log.entries.map((e) => e.rule));
  for (const rule of ["child without LAchildID (its referrals are not used)", "referral without a valid referral date", "missing child identifier"]) assert.ok(rules.has(rule), rule);
});
