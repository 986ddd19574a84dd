import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError, InputError } from "../../lib/errors";
import { readPackage } from "../../lib/data/package";
import { parseLaList, regionLas, resolveLaList, restrictPackage } from "../../lib/data/restrict";
import { writeFixturePackage } from "./own-data/fixture";

const pkg = readPackage(writeFixturePackage());

test("parseLaList splits commas and lines, drops comments and keeps ', City of' with its name", () => {
  assert.deepEqual(parseLaList("E06000023, St Helens\nBristol, City of # pilot\n\n# comment\n801"), ["E06000023", "St Helens", "Bristol, City of", "801"]);
  assert.deepEqual(parseLaList("Camden,City of London"), ["Camden", "City of London"]);
});

test("resolveLaList matches codes, earlier codes, numbers and names, and names what it cannot match", () => {
  assert.deepEqual(resolveLaList(pkg, ["Bristol", "E10000023", "342", "Hull"], "--las"), ["E06000010", "E06000023", "E06000065", "E08000013"]);
  assert.throws(() => resolveLaList(pkg, ["Bristol", "Barnsly", "England"], "pilot.txt"), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.match(e.message, /^pilot\.txt: expected LAs of the package \(ONS code, DfE number or name\); not found: "Barnsly": no LA named "Barnsly" in areas.csv \(did you mean "Barnsley"\?\); "England" is England, not an LA/);
    return true;
  });
  assert.throws(() => resolveLaList(pkg, [], "--las"), /at least one LA/);
});

test("resolveLaList with a period resolves a name two LAs shared to that period's LA; without one it stays ambiguous (walkthrough F13c)", () => {
  // Dorset: E10000009 (county) until 2019, E06000059 (unitary) from 2020
  assert.deepEqual(resolveLaList(pkg, ["Dorset", "Bristol"], "--las", 2024), ["E06000023", "E06000059"]);
  assert.deepEqual(resolveLaList(pkg, ["Dorset"], "--las", 2018), ["E10000009"]);
  assert.throws(() => resolveLaList(pkg, ["Dorset"], "--las"), /"Dorset" fits 2 LAs in every period \(E06000059, E10000009\): use the ONS code/);
  // an LA listed by code is kept even when it ended before the period, as without one
  assert.deepEqual(resolveLaList(pkg, ["E10000009"], "--las", 2024), ["E10000009"]);
});

test("regionLas finds a region by name or code, and lists the regions otherwise", () => {
  assert.deepEqual(regionLas(pkg, "south west"), ["E06000023", "E06000059", "E10000009"]);
  assert.deepEqual(regionLas(pkg, "E12000002"), ["E08000013"]);
  assert.throws(() => regionLas(pkg, "South Wast"), /expected a region of the package: North West, South West, Yorkshire and The Humber \(did you mean "South West"/);
});

test("restrictPackage keeps only the given LAs' rows and leaves the input unchanged", () => {
  const r = restrictPackage(pkg, ["E06000023", "E08000013"]);
  assert.deepEqual(r.areas.array("la_code"), ["E06000023", "E08000013"]);
  assert.deepEqual([...new Set(r.indicators.array("la_code") as string[])].sort(), ["E06000023", "E08000013"]);
  assert.equal(pkg.areas.numRows(), 7);
  assert.throws(() => restrictPackage(pkg, ["E99999999"]), InputError);
});
