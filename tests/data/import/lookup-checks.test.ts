import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { describe, it } from "node:test";
import { buildAreas } from "../../../lib/data/import/areas";
import { DataError } from "../../../lib/errors";
import { officialFile, officialTest } from "../../helpers/official";

const HEADER = "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note";
const lookup = (...rows: string[]) => [HEADER, ...rows].join("\n");
const HARTLEPOOL = "805,E06000001,Hartlepool,E12000001,North East,2013,2025,";

/** The DataError buildAreas throws for a lookup, as its fields. */
function errorOf(text: string): { row?: number; column?: string; value?: unknown; expected?: string } {
  try {
    buildAreas(text, "lookup.csv");
  } catch (e) {
    assert.ok(e instanceof DataError, String(e));
    return e.toJSON();
  }
  assert.fail("the lookup was accepted");
}

describe("the DfE–ONS lookup's rows are checked (buildAreas)", () => {
  it("refuses a first_year or last_year that is not a four-digit year, naming row, column and value", () => {
    assert.deepEqual(
      (({ row, column, value }) => ({ row, column, value }))(errorOf(lookup(HARTLEPOOL, "806,E06000002,Middlesbrough,E12000001,North East,2013,,"))),
      { row: 2, column: "last_year", value: "" },
    );
    assert.equal(errorOf(lookup("805,E06000001,Hartlepool,E12000001,North East,2013-14,2025,")).column, "first_year");
  });

  it("refuses a first_year after last_year", () => {
    const e = errorOf(lookup("805,E06000001,Hartlepool,E12000001,North East,2025,2013,"));
    assert.equal(e.column, "first_year");
    assert.match(String(e.expected), /no later than last_year \(2013\)/);
  });

  it("refuses an ONS code given to two differently named LAs (it sent one LA's values to the other)", () => {
    const e = errorOf(lookup(HARTLEPOOL, "806,E06000001,Middlesbrough,E12000001,North East,2013,2025,"));
    assert.equal(e.row, 2);
    assert.equal(e.column, "new_la_code");
    assert.match(String(e.expected), /row 1 gives E06000001 to 805 Hartlepool/);
  });

  it("accepts two DfE numbers of one LA under its code", () => {
    const areas = buildAreas(lookup(HARTLEPOOL, "799,E06000001,Hartlepool,E12000001,North East,2005,2012,an older number"), "lookup.csv");
    assert.equal(areas.resolve("799", "")?.laCode, "E06000001");
  });

  officialTest("accepts the official lookup (every year well formed, no code under two LAs)", () => {
    const official = officialFile("derived", "la_lookup_dfe_ons_codes.csv");
    assert.ok(buildAreas(fs.readFileSync(official, "utf8"), "la_lookup_dfe_ons_codes.csv").areas.length > 150);
  });
});
