/**
 * Findings of one file (lib/disclosure/scan-collector.ts): past the per-file cap a finding is only counted, its location
 * never built (a 24 MB heatmap of two million small cells built two million locations never shown: round 23, C2).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Collector, MAX_FINDINGS_PER_FILE, RecordingCollector } from "../../lib/disclosure/scan-collector";
import { scanFileText } from "../../lib/disclosure/scan";

test("a location given as a function is called for listed findings only; all are counted", () => {
  const c = new Collector("f.txt");
  let built = 0;
  for (let i = 0; i < MAX_FINDINGS_PER_FILE + 10; i++) c.add(() => (built++, `row ${i}`), "small-count", "3", "a count");
  assert.equal(built, MAX_FINDINGS_PER_FILE);
  assert.equal(c.total, MAX_FINDINGS_PER_FILE + 10);
  assert.equal(c.findings[MAX_FINDINGS_PER_FILE - 1].location, `row ${MAX_FINDINGS_PER_FILE - 1}`);
});

test("a recording collector keeps every finding whole, without places", () => {
  const r = new RecordingCollector("f.txt");
  const long = "x".repeat(100);
  for (let i = 0; i < MAX_FINDINGS_PER_FILE + 1; i++) r.add("here", "small-count", long, "m");
  assert.equal(r.recorded.length, MAX_FINDINGS_PER_FILE + 1);
  assert.deepEqual(r.recorded[0], { rule: "small-count", value: long, message: "m" });
});

test("a hover repeated at every point gives its findings at each point, counted past the cap", () => {
  const n = MAX_FINDINGS_PER_FILE + 5;
  const figure = { data: [{ type: "heatmap", z: Array.from({ length: n }, () => [40]), hovertemplate: "children=3 of 120<br>%{z}" }], layout: {} };
  const { findings, total } = scanFileText("fig.json", JSON.stringify(figure), { threshold: 10 });
  const hovers = findings.filter((f) => f.location.endsWith("hover"));
  // each point: the labelled count and the hover's "3 of 120", in that order
  assert.deepEqual(hovers.slice(0, 4).map((f) => [f.location, f.value]), [
    ["trace 0 point 0 hover", "children=3"], ["trace 0 point 0 hover", "3 of 120"], ["trace 0 point 1 hover", "children=3"], ["trace 0 point 1 hover", "3 of 120"],
  ]);
  assert.equal(total, 2 * n + 1, "two per point, and the template itself, read once as the JSON's text");
});
