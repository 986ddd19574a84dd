/**
 * A second review of this round's rules: ordinary results tables and notes gave false findings, and two large inputs
 * stopped the whole scan with "Maximum call stack size exceeded".
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { isCountName } from "../../lib/disclosure/field-names";
import { scanFileText } from "../../lib/disclosure/scan";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { writePackage } from "../../lib/data/package";
import { tempDir } from "../helpers/temp-dirs";

test("'Number of LAs', 'N of LAs', 'n (LAs)' count LAs, not people; 'Number of children' counts people", () => {
  for (const h of ["Number of LAs", "Number of local authorities", "Number of indicators", "Number of years", "n (LAs)", "N of LAs"]) assert.equal(isCountName(h), false, h);
  for (const h of ["Number of children", "n (children)", "number_of_cases"]) assert.equal(isCountName(h), true, h);
});

test("a figure of 130,000 points with customdata and a Markdown table of 130,000 rows are scanned, not a stack overflow", () => {
  const n = 130_000;
  const spec = { data: [{ type: "scatter", mode: "markers", x: Array.from({ length: n }, (_, i) => i), y: Array.from({ length: n }, () => 50), customdata: Array.from({ length: n }, () => [1000]), hovertemplate: "%{y}<extra></extra>" }], layout: {} };
  const html = `<html><body><script>var spec = ${JSON.stringify(spec)}; Plotly.newPlot(el, spec.data, spec.layout);</script></body></html>`;
  assert.doesNotThrow(() => scanFileText("big.html", html));
  const md = ["| indicator | rho |", "|---|---|", ...Array.from({ length: n }, (_, i) => `| x${i} | 0.1 |`)].join("\n");
  assert.deepEqual(scanFileText("big.md", md).findings, []);
});

test("an official package's own suppression (its publisher's suppressed:k) does not make a total of records beside it a finding", () => {
  const dir = tempDir("vsw-official-totals-");
  const pkg = path.join(dir, "pkg");
  writePackage(pkg, {
    name: "official", title: "Official", created: "2026-01-01",
    areas: [{ la_code: "E06000001", la_name: "Hartlepool", region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null }],
    catalogue: [{ indicator: "cla_pct", label: "CLA", domain: "child-safe", polarity: "none", unit: "percent", numerator: "", denominator: "", source: "EES Children looked after in England", definition: "" }],
    indicators: [{ la_code: "E06000001", period: 2023, indicator: "cla_pct", value: null, numerator: null, denominator: null, status: "suppressed:k" }],
    context: [], outcomes: [],
  });
  fs.writeFileSync(path.join(dir, "methods.md"), "The official files gave 18,240 records across 152 LAs.\n");
  assert.deepEqual(scanPaths([pkg, path.join(dir, "methods.md")]).findings.filter((f) => f.rule === "disclosive-total"), []);
});
