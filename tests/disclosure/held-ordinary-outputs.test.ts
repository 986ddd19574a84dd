/**
 * Ordinary outputs an LA analyst publishes that must pass (round 23's hostile review, its "Held" list): LA rates in a
 * plotly 6 figure, ratio columns of 3.0 and 8.0, pandas counts of LAs per year named for what they count, R's summary()
 * and table of years. Each is written here as the review's reproduction printed it (made-up values); the readers this
 * round added (knitr's ##, R's two-way table, describe()'s count) must not turn any into a finding.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";

const findings = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.map((f) => `${f.location}: ${f.value}`);
const lines = (...l: string[]) => `${l.join("\n")}\n`;
const f8 = (values: number[]) => ({ dtype: "f8", bdata: Buffer.from(new Float64Array(values).buffer).toString("base64") });

test("a plotly 6 bar chart of LA rates (f8 typed, 3.0 and 8.0 under a rate's name) passes, in a page and as knitr would not touch it", () => {
  const trace = { type: "bar", x: ["Hartlepool", "Leeds", "Kent"], y: f8([8, 3, 9]), hovertemplate: "la_name=%{x}<br>cla_rate_per_10k=%{y}<extra></extra>" };
  const layout = { yaxis: { title: { text: "cla_rate_per_10k" } } };
  assert.deepEqual(findings("fp1.html", `<div id="f"></div><script>Plotly.newPlot("f", ${JSON.stringify([trace])}, ${JSON.stringify(layout)});</script>`), []);
  // animated by year: each frame a rate too
  assert.deepEqual(findings("fp1.json", JSON.stringify({ data: [trace], layout, frames: [{ name: "2021", data: [trace] }] })), []);
});

test("ratio and average columns of whole values pass in CSV", () => {
  const csv = lines("la_name,children_per_social_worker,average_caseload,mean_placements_per_child,children_in_need_per_10k", "Hartlepool,8.0,15.0,3.0,400.0", "Leeds,12.0,9.0,2.0,300.0");
  assert.deepEqual(findings("c_ratios.csv", csv), []);
  assert.deepEqual(findings("c_ratios.csv", csv.replace(/\.0/g, "")), []);
});

test("counts of LAs printed by pandas under their own names, and R's summary() and table of years, pass", () => {
  const years = lines("year", "2019    151", "2020    151", "2023      7", "Name: cla_rate_per_10k, dtype: int64");
  assert.deepEqual(findings("py_years.txt", years), []);
  assert.deepEqual(findings("py_named.txt", lines("region", "East Midlands             9", "North East               12", "Name: number_of_local_authorities, dtype: int64")), []);
  assert.deepEqual(findings("r.txt", lines("", "2019 2020 2021 2022 2023 ", " 151  151  153  153  153 ")), []);
  const summary = lines("   Min. 1st Qu.  Median    Max. ", "      0       4       9      61 ");
  assert.deepEqual(findings("r.txt", summary), []);
  assert.deepEqual(findings("r.md", summary.split("\n").map((l) => (l ? `## ${l}` : l)).join("\n")), [], "knitr's summary()");
});
