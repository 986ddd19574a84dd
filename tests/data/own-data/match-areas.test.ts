import { test } from "node:test";
import assert from "node:assert/strict";
import { areaMatcher, areaNameKey } from "../../../lib/data/own-data/match-areas";
import { FIXTURE_ALIASES, FIXTURE_AREAS } from "./fixture";

const m = areaMatcher(FIXTURE_AREAS, FIXTURE_ALIASES);
const code = (text: string, period?: number) => {
  const r = m.match(text, "name", period);
  return r.kind === "matched" ? `${r.laCode} ${r.method}` : r.kind;
};

test("official spellings and common variants of LA names match the same LA", () => {
  for (const n of ["Bristol, City of", "Bristol", "City of Bristol", "bristol", " BRISTOL "]) assert.equal(code(n, 2020), "E06000023 name", n);
  for (const n of ["St. Helens", "St Helens", "Saint Helens"]) assert.equal(code(n, 2020), "E08000013 name", n);
  assert.equal(code("Kingston upon Hull, City of", 2020), "E06000010 name");
  assert.equal(code("Hull", 2020), "E06000010 name variant");
  assert.equal(areaNameKey("Brighton & Hove"), areaNameKey("Brighton and Hove"));
});

test("ONS codes, earlier ONS codes and DfE numbers match, and say how", () => {
  assert.equal(code("E06000023"), "E06000023 ONS code");
  assert.equal(code("e06000023"), "E06000023 ONS code");
  assert.equal(code("E10000023"), "E06000065 earlier ONS code");
  assert.equal(code("E08000016"), "E08000038 earlier ONS code");
  assert.equal(code("801"), "E06000023 DfE number");
});

test("a name shared by a predecessor and a successor is resolved by the period; outside a lifespan is unmatched", () => {
  assert.equal(code("Dorset", 2019), "E10000009 name");
  assert.equal(code("Dorset", 2021), "E06000059 name");
  const before = m.match("E06000059", "code", 2018);
  assert.equal(before.kind, "unmatched");
  assert.equal((before as { reason: string }).reason, "Dorset (E06000059) existed from 2020, not in 2018; the LA it replaced (until 2019): Dorset (E10000009)");
  // as --las says: the LA to name instead (the county's other successor, BCP, is not in the fixture)
  assert.equal((m.match("835", "code", 2024) as { reason: string }).reason, "Dorset (E10000009) existed until 2019, not in 2024; the LA that replaced it from 2020: Dorset (E06000059)");
  const noPeriod = m.match("Dorset", "name", undefined);
  assert.equal(noPeriod.kind, "unmatched");
  assert.match((noPeriod as { reason: string }).reason, /fits 2 LAs/);
});

test("England and regions are aggregates; unknown names are unmatched with suggestions", () => {
  assert.deepEqual(m.match("England", "name", 2020), { kind: "aggregate", what: "England" });
  assert.deepEqual(m.match("E92000001", "code", 2020), { kind: "aggregate", what: "England" });
  assert.equal(m.match("South West", "name", 2020).kind, "aggregate");
  const typo = m.match("Barnsly", "name", 2020);
  assert.equal(typo.kind, "unmatched");
  assert.deepEqual((typo as { suggestions: string[] }).suggestions, ["Barnsley"]);
  assert.equal(m.match("E09999999", "code", 2020).kind, "unmatched");
  assert.equal(m.match("999", "number", 2020).kind, "unmatched");
  assert.equal(m.match("", "name", 2020).kind, "unmatched");
});

test("a Welsh, Scottish or Northern Irish code, a shire district or a metropolitan county is told what it is, without an English code one digit away", () => {
  const reason = (text: string) => {
    const r = m.match(text, "code", 2024);
    assert.equal(r.kind, "unmatched", text);
    return r as { reason: string; suggestions: string[] };
  };
  const cardiff = reason("W06000015");
  assert.equal(cardiff.reason, "W06000015 is the code of a Welsh area: the package holds England's children's services authorities only (counties, unitaries, metropolitan districts and London boroughs)");
  assert.deepEqual(cardiff.suggestions, []);
  assert.match(reason("S12000036").reason, /^S12000036 is the code of a Scottish area: /);
  assert.match(reason("n09000003").reason, /^N09000003 is the code of a Northern Irish area: /);
  const corby = reason("E07000150");
  assert.match(corby.reason, /^E07000150 is a shire district, which does not run children's services \(its county does\): give the county, or the unitary that now covers the district$/);
  assert.deepEqual(corby.suggestions, []);
  assert.match(reason("E11000001").reason, /^E11000001 is a metropolitan county, which does not run children's services: give the metropolitan district \(E08\)$/);
  // metropolitan districts, unitaries, London boroughs and counties are children's services authorities: an unknown
  // one is a typo or an old code, and gets the nearest codes as before (so does a code of no kind named here)
  for (const c of ["E08999999", "E06999999", "E09999999", "E10999999", "E99999999"]) assert.match(reason(c).reason, /is not in areas\.csv or its earlier codes$/, c);
  assert.ok(reason("E08000039").suggestions.includes("E08000038"));
});
