/**
 * A CIN census whose LEA is another LA's is refused (round-27 trial S2-1: Hartlepool's folder held a census with LEA
 * 806, Middlesbrough's, read as Hartlepool's, exit 0).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { AreaRow } from "../../lib/data/types";
import { DataError } from "../../lib/errors";
import { censusLeaOf, refuseCensusOfAnotherLa } from "../../lib/returns/cin-lea";
import { importReturns } from "../../lib/returns/import-returns";
import { TEST_KEY, cinXml, tempDir } from "./helpers";

const area = (la_code: string, la_name: string, old_la_code: string): AreaRow => ({ la_code, la_name, region_code: "E12000001", region_name: "North East", old_la_code, first_period: null, last_period: null });
const AREAS = [area("E06000001", "Hartlepool", "805"), area("E06000002", "Middlesbrough", "806")];

test("the LEA a census's start gives: three digits, 000 and blank unknown", () => {
  assert.equal(censusLeaOf("<Header><Source><LEA>806</LEA></Source></Header>"), "806");
  assert.equal(censusLeaOf("<Source><LEA> 806 </LEA>"), "806");
  assert.equal(censusLeaOf("<Source><LEA>000</LEA>"), null);
  assert.equal(censusLeaOf("<Source><LEA></LEA>"), null);
  assert.equal(censusLeaOf("<Source></Source>"), null);
});

test("with the LAs' DfE numbers known, a census whose LEA is another LA's is refused, naming both", () => {
  assert.throws(
    () => refuseCensusOfAnotherLa([{ name: "E06000001/2023/cin_census.xml", la: "E06000001", lea: "806" }], AREAS),
    (e: DataError) => {
      assert.equal(
        e.message,
        'E06000001/2023/cin_census.xml, column "LEA": got "806", expected the DfE number of the LA of the folder the census is in (E06000001): LEA 806 is Middlesbrough (E06000002), the folder is Hartlepool (E06000001, 805); move the census to the folder of its LA, or correct its LEA (000 or a blank LEA is taken for unknown)',
      );
      return true;
    },
  );
  // its own number, 000 and an unknown one pass
  refuseCensusOfAnotherLa(
    [
      { name: "E06000001/2023/cin_census.xml", la: "E06000001", lea: "805" },
      { name: "E06000002/2023/cin_census.xml", la: "E06000002", lea: null },
    ],
    AREAS,
  );
});

test("without the numbers, one LEA in two LAs' censuses, or two LEAs in one LA's, is refused, naming both files", () => {
  assert.throws(
    () => refuseCensusOfAnotherLa([{ name: "E06000002/2023/cin_census.xml", la: "E06000002", lea: "806" }, { name: "E06000001/2023/cin_census.xml", la: "E06000001", lea: "806" }], []),
    /E06000001\/2023\/cin_census\.xml, column "LEA": got "806", expected .*: the census of E06000002's folder E06000002\/2023\/cin_census\.xml gives LEA 806 too/,
  );
  assert.throws(
    () => refuseCensusOfAnotherLa([{ name: "E06000001/2022/cin_census.xml", la: "E06000001", lea: "805" }, { name: "E06000001/2023/cin_census.xml", la: "E06000001", lea: "806" }], []),
    /E06000001\/2023\/cin_census\.xml, column "LEA": got "806", expected .*: another census of E06000001, E06000001\/2022\/cin_census\.xml, gives LEA 805/,
  );
});

test("importReturns given the areas refuses a census filed under another LA, before reading it", () => {
  const dir = path.join(tempDir(), "in");
  fs.mkdirSync(path.join(dir, "E06000001", "2023"), { recursive: true });
  const xml = cinXml(2023, [{ id: "K1", details: ["<CINreferralDate>2022-06-01</CINreferralDate><ReferralNFA>0</ReferralNFA>"] }]).replace("<LEA>999</LEA>", "<LEA>806</LEA>");
  fs.writeFileSync(path.join(dir, "E06000001", "2023", "cin_census.xml"), xml);
  assert.throws(() => importReturns(dir, { key: TEST_KEY, areas: AREAS }), /LEA 806 is Middlesbrough \(E06000002\), the folder is Hartlepool \(E06000001, 805\)/);
  // without them nothing contradicts it
  assert.equal(importReturns(dir, { key: TEST_KEY }).las.length, 1);
});
