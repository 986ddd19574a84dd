import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { editDistance } from "../../lib/suggest";
import { nearestNames, resolveIndicatorPatterns } from "../../lib/vitals/indicator-patterns";

const catalogue = Object.freeze([
  { indicator: "cla_rate_per_10k", domain: "reaching-children" },
  { indicator: "cla_3plus_placements_pct", domain: "child-safe" },
  { indicator: "lait_lac", domain: "reaching-children" },
  { indicator: "sw_turnover_pct", domain: "workforce" },
  { indicator: "sw_vacancy_pct", domain: "workforce" },
].map((c) => Object.freeze(c)));

describe("editDistance and nearestNames", () => {
  test("Levenshtein distances of known pairs", () => {
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("", "abc"), 3);
    assert.equal(editDistance("abc", "abc"), 0);
    assert.equal(editDistance("lait_lacc", "lait_lac"), 1);
  });
  test("the nearest ids come first", () => {
    assert.deepEqual(nearestNames("sw_turnover", catalogue.map((c) => c.indicator), 1), ["sw_turnover_pct"], "a typed prefix finds the id");
    assert.deepEqual(nearestNames("LAIT_LACC", catalogue.map((c) => c.indicator), 1), ["lait_lac"], "case-insensitive edit distance");
  });
});

describe("resolveIndicatorPatterns", () => {
  test("ids, globs and domain names, in catalogue order without duplicates", () => {
    assert.deepEqual(resolveIndicatorPatterns(catalogue, ["workforce", "cla_*", "sw_turnover_pct"]), [
      "cla_rate_per_10k", "cla_3plus_placements_pct", "sw_turnover_pct", "sw_vacancy_pct",
    ]);
    assert.deepEqual(resolveIndicatorPatterns(catalogue, ["lait_la?"]), ["lait_lac"]);
  });
  test("an unknown id is an error naming the option and the nearest ids", () => {
    assert.throws(() => resolveIndicatorPatterns(catalogue, ["lait_lacc"], "--indicators"), (e: Error) => {
      assert.match(e.message, /^--indicators: unknown indicator \(nearest ids: lait_lac, /);
      assert.match(e.message, /\(got "lait_lacc"\)$/);
      return true;
    });
  });
  test("a glob or a domain matching nothing is an error, not an empty screen", () => {
    assert.throws(() => resolveIndicatorPatterns(catalogue, ["zz_*"], "--indicators"), /--indicators: no indicator id matches the pattern/);
    assert.throws(() => resolveIndicatorPatterns(catalogue, ["child-wellbeing"], "--indicators"), /domain child-wellbeing has no indicators/);
    assert.throws(() => resolveIndicatorPatterns(catalogue, [], "--indicators"), /at least one/);
    assert.throws(() => resolveIndicatorPatterns(catalogue, ["context"], "--indicators"), /not candidates: name them with --context/);
  });
  test("regular-expression characters in a pattern are literal", () => {
    assert.throws(() => resolveIndicatorPatterns(catalogue, ["cla.rate*"]), /no indicator id matches/);
  });
});

describe("resolveIndicatorPatterns on a tagged catalogue", () => {
  const tagged = [
    { indicator: "sw_turnover_pct", domain: "workforce", framework_role: "enabler", unit: "percent" },
    { indicator: "sw_fte_count", domain: "workforce", framework_role: "context", unit: "count" },
    { indicator: "cl_eet_count", domain: "child-education", framework_role: "child-outcome", unit: "count" },
  ];
  test("a domain or a glob keeps the indicators screened by default; an id is kept whatever its tags", () => {
    assert.deepEqual(resolveIndicatorPatterns(tagged, ["workforce"]), ["sw_turnover_pct"]);
    assert.deepEqual(resolveIndicatorPatterns(tagged, ["sw_*"]), ["sw_turnover_pct"]);
    assert.deepEqual(resolveIndicatorPatterns(tagged, ["workforce", "sw_fte_count"]), ["sw_turnover_pct", "sw_fte_count"]);
    assert.deepEqual(resolveIndicatorPatterns(tagged, ["cl_eet_count"]), ["cl_eet_count"]);
  });
  test("a pattern that names only indicators not screened by default says so and how to screen them", () => {
    assert.throws(() => resolveIndicatorPatterns(tagged, ["cl_*"], "--indicators"), /--indicators: matches only indicators not screened by default .*give their ids to screen them \(cl_eet_count\)/);
  });
});
