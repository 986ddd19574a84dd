/**
 * `vital-signs reproduce-2016 --data DIR` imports DIR into a temporary package first; the temporary package is removed
 * whatever happens, also when the import fails. (The reproduction itself on the official data: tests/vitals/study2016.test.ts.)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { printStudy2016, study2016Json } from "../../lib/cli/commands/reproduce-2016";
import { scanFileText } from "../../lib/disclosure/scan";
import type { Study2016Reproduction } from "../../lib/vitals/study2016";
import type { ScreenRow } from "../../lib/vitals/screen";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

test("an official folder that cannot be imported fails with the import's error and leaves no temporary package", async () => {
  const data = tempDir("vsw-2016-data-");
  fs.writeFileSync(path.join(data, "notes.csv"), "not,an,official,file\n");
  // the command makes its temporary package under os.tmpdir(), which follows TMPDIR: here a folder of this test's own
  const ownTmp = tempDir("vsw-2016-tmp-");
  const before = process.env.TMPDIR;
  process.env.TMPDIR = ownTmp;
  const c = capture();
  let code: number;
  try {
    code = await main(["reproduce-2016", "--data", data], c.io);
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
  assert.equal(code, 1);
  assert.match(c.err.join(""), /^vital-signs reproduce-2016: exactly one DfE–ONS area lookup \(la_lookup_dfe_ons_codes\.csv\) must be among the sources \(got 0\)/);
  assert.deepEqual(fs.readdirSync(ownTmp), [], "the temporary package is removed");
});

test("the ordinal column of the table beyond the paper says its unit: log-odds per 1 SD of the indicator", () => {
  // only the fields the table prints (numbers of the official run's cla_missing_pct row)
  const screen = { spearmanRho: 0.423, spearmanP: 0.00001, ordinalCoef: 0.77, ordinalP: 0.0006, partialR: 0.392, partialP: 0.0003, qBh: 0.001 } as unknown as ScreenRow;
  const r: Study2016Reproduction = {
    citation: "the 2016 study", sample: { rule: "first SIF judgement", nLas: 152, nLinked: 140, distribution: [] },
    rows: [{ variable: 1, label: "Missing", indicator: "cla_missing_pct", period: 2015, n: 140, multipleR: 0.3, significanceF: 0.001, publishedMultipleR: null, publishedSignificanceF: null, screen, partialRImd: 0.389, partialPImd: 0.0004 }],
    table1: [], table3: [], table2: [], table4: [], differences: [], context: ["idaci_score"],
  };
  const c = capture();
  printStudy2016(r, c.io);
  const lines = c.out.join("").split("\n");
  const header = lines.find((l) => l.startsWith("indicator ")) ?? "";
  assert.match(header, / {2}polr\/SD {8}p /, "the header names the unit and keeps a space before it");
  const row = lines.find((l) => l.startsWith("cla_missing_pct")) ?? "";
  assert.equal(row.indexOf("0.77") + "0.77".length, header.indexOf("polr/SD") + "polr/SD".length, "the value sits under its header");
  assert.ok(lines.includes("polr/SD: proportional-odds (MASS::polr) log-odds of a better grade per 1 SD of the indicator"));
  // q as the p beside it is printed (a q of 0.0033 had printed "0.00": a user trial, round 27), under its header
  assert.equal(row.indexOf("0.0010") + "0.0010".length, header.indexOf(" q ") + 2, row);
  // the paper's tables in its order
  const titles = lines.filter((l) => /^Table \d/.test(l)).map((l) => l.slice(0, 7));
  assert.deepEqual(titles, ["Table 1", "Table 2", "Table 3", "Table 4"]);
});

test("the JSON names each count for what it counts (LAs, indicators), so check-disclosure finds no count of people in it", () => {
  const r = {
    citation: "the 2016 study", sample: { rule: "first SIF judgement", nLas: 152, nLinked: 140, distribution: [{ value: 1, label: "Outstanding", count: 2 }] },
    rows: [], table1: [{ count: 3, ours: 4, published: 5 }], table3: [{ count: 2, ours: 1, published: 1 }], table2: [], table4: [], differences: [], context: [],
  } as unknown as Study2016Reproduction;
  const json = study2016Json(r) as { sample: { distribution: object[] }; table1: object[] };
  assert.deepEqual([json.sample.distribution[0], json.table1[0]], [{ value: 1, label: "Outstanding", las: 2 }, { indicators: 3, ours: 4, published: 5 }]);
  assert.deepEqual(scanFileText("reproduce-2016.json", JSON.stringify(json)).findings, []);
});
