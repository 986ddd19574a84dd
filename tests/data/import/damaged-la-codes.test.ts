/**
 * A control character inside an LA code of an official file is an error naming file, row, column and the character,
 * not a routine "LA code not in the areas table" warning (round 24 H18: a NUL inside Brighton and Hove's code dropped
 * its 2025 children-in-need count as one warning among 390, exit 0).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildAreas, damagedLaCode, UNKNOWN_LA_RULE } from "../../../lib/data/import/areas";
import { readEesTable } from "../../../lib/data/import/ees";
import { ImportLog } from "../../../lib/data/import/import-log";
import { DataError, DataErrors } from "../../../lib/errors";
import { controlCharacterIn } from "../../../lib/data/control-characters";
import type { LaitMeasure } from "../../../lib/data/import/lait-parquet";

const areas = buildAreas(
  ["old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note", "846,E06000043,Brighton and Hove,E12000008,South East,2013,2025,"].join("\n"),
  "lookup.csv",
);

const HEAD = "time_period,time_identifier,geographic_level,country_code,region_code,old_la_code,new_la_code,la_name,children_in_need";

test("an EES row whose LA code holds a NUL is an error naming file, row, column and the character", () => {
  const text = `${HEAD}\n202425,Financial year,Local authority,E92000001,E12000008,846,E0600\u000043,Brighton and Hove,2055\n`;
  const log = new ImportLog();
  let errors: readonly DataError[] = [];
  try {
    readEesTable(text, "b1.csv", areas, log);
  } catch (e) {
    if (!(e instanceof DataErrors)) throw e;
    errors = e.errors;
  }
  assert.deepEqual(errors.map((e) => [e.file, e.row, e.column, e.value]), [["b1.csv", 1, "new_la_code", "E0600\u000043"]]);
  assert.match(errors[0].expected, /^an LA code without control characters: it holds a control character \(NUL\)/);
  assert.deepEqual(log.entries().filter((e) => e.rule === UNKNOWN_LA_RULE), []);
});

test("an LA code the areas table lacks, without control characters, stays a warning", () => {
  const log = new ImportLog();
  readEesTable(`${HEAD}\n202425,Financial year,Local authority,E92000001,E12000008,999,E06000999,Nowhere,5\n`, "b1.csv", areas, log);
  assert.deepEqual(log.entries().map((e) => [e.rule, e.row, e.value]), [[UNKNOWN_LA_RULE, 1, "999 / E06000999"]]);
});

test("damagedLaCode names the first cell with a control character; controlCharacterIn names the character", () => {
  assert.equal(damagedLaCode("f.csv", 3, { geog_c: "846", New_geog_code: "E06000043" }), undefined);
  assert.equal(damagedLaCode("f.csv", 3, { geog_c: "8\u00016", New_geog_code: "E06000043" })?.column, "geog_c");
  assert.deepEqual(["a\u0000b", "a\tb", "\u001b[2J", "x\u007f", "\u0001", "E06000043", ""].map(controlCharacterIn), [
    "a control character (NUL)", "a control character (tab)", "a control character (ESC)", "a control character (DEL)", "a control character (U+0001)", undefined, undefined,
  ]);
});

test("a LAIT row whose LA Number holds a NUL is an error naming file, row, column and the character, not an area dropped", async () => {
  const { combineLait } = await import("../../../lib/data/import/lait-combine");
  const dictionary = new Map<string, LaitMeasure>([["CIN_Rate", { code: "CIN_Rate", topic: "Children in Need", measure: "CIN rate", polarity: "up", yAxis: "Rate per 10,000", description: "", yearType: "Financial Year" }]]);
  const values = (laNumbers: string[]) => ({
    length: 3,
    code: { of: Int32Array.from([0, 0, 0]), texts: ["CIN_Rate"] },
    years: { of: Int32Array.from([0, 0, 0]), texts: ["2024-25"] },
    laNumber: { of: Int32Array.from([0, 1, 1]), texts: laNumbers },
    laName: { of: Int32Array.from([0, 1, 1]), texts: ["England", "Brighton and Hove"] },
    status: { of: Int32Array.from([0, 0, 0]), texts: [""] },
    value: Float64Array.from([300, 410, 411]),
    row: Int32Array.from([7, 8, 9]),
  });
  const log = new ImportLog();
  assert.throws(() => combineLait(dictionary, values(["E92", "8\u000046"]), new Map(), [], areas, "bds_long_0.parquet", log), (e: unknown) => {
    assert.ok(e instanceof DataErrors);
    assert.deepEqual(e.errors.map((x) => [x.file, x.row, x.column, x.value]), [["bds_long_0.parquet", 8, "LA Number", "8\u000046"]]);
    assert.match(e.errors[0].expected, /^an LA code without control characters: it holds a control character \(NUL\), as a damaged copy does \(download the file again\)/);
    return true;
  });
  // the same rows with Brighton and Hove's number read: its value is imported
  const read = combineLait(dictionary, values(["E92", "846"]), new Map(), [], areas, "bds_long_0.parquet", new ImportLog());
  assert.deepEqual(read.laitOnly.map((r) => [r.la_code, r.value]), [["E06000043", 410]]);
});
