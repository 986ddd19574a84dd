import { test } from "node:test";
import assert from "node:assert/strict";
import { readPackage, validatePackage } from "../../../lib/data/package";
import { addOwnData } from "../../../lib/data/own-data/add";
import { tempFile, writeFixturePackage } from "./fixture";

const META = { unit: "percent", polarity: "up", domain: "workforce" } as const;

test("own data copied from a GSS table, with its symbols in square brackets, is added with each symbol's reason and the symbol as published, never zero", () => {
  const dir = writeFixturePackage();
  const file = tempFile("gss.csv", "la_code,period,visits_pct,visits_n\nE06000023,2022,[c],[c]\nE08000013,2022,[x],\nE06000010,2022,[low],4\nE06000059,2022,[z],[z]\nE06000023,2023,55.5,[u]\n");
  addOwnData(dir, file, { metadata: META });
  assert.deepEqual(validatePackage(dir).errors, []);
  const rows = readPackage(dir).indicators.filter((d: { indicator: string }) => d.indicator === "visits_pct").objects() as Record<string, unknown>[];
  assert.deepEqual(rows.map((r) => [r.la_code, r.period, r.value, r.status]), [
    ["E06000023", 2022, null, "suppressed:[c]"], ["E08000013", 2022, null, "not-available:[x]"], ["E06000010", 2022, null, "suppressed:[low]"],
    ["E06000059", 2022, null, "not-applicable:[z]"], ["E06000023", 2023, 55.5, ""],
  ]);
  const counts = readPackage(dir).indicators.filter((d: { indicator: string }) => d.indicator === "visits_n").objects() as Record<string, unknown>[];
  assert.deepEqual(counts.map((r) => [r.value, r.status]), [[null, "suppressed:[c]"], [null, "not-available:blank"], [4, ""], [null, "not-applicable:[z]"], [null, "low-reliability:[u]"]]);
});

test("a GSS shorthand that is not a missing-value symbol ([p] provisional, [w] no cases) is an error naming it and the symbols read", () => {
  const dir = writeFixturePackage();
  for (const cell of ["[w]", "[p]", "12 [p]"]) {
    const file = tempFile("gss-bad.csv", `la_code,period,visits_pct\nE06000023,2022,${cell}\n`);
    assert.throws(() => addOwnData(dir, file, { metadata: META }), (e: Error) => e.message.includes(`got "${cell}"`) && e.message.includes("[c], [low]"), cell);
  }
});
