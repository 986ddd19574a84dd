import { test } from "node:test";
import assert from "node:assert/strict";
import { renderSpeedTable, replaceSpeedTable, TABLE_END, TABLE_START } from "../../bench/readme-table";
import { mergeBenchResults, parseBenchResults, toBenchResult, type BenchResult } from "../../bench/results";

const measured = new Date("2026-12-04T23:00:00Z");
const pilot: BenchResult = toBenchResult(
  { name: "pilot-cli-1m", job: "`pilot` CLI", ours_s: 0.5, baseline: "pandas 1.5.3", baseline_s: 1.6, peak_rss_mb: 120.4, sizes: { records: 1_000_000 } },
  measured,
);
const noBaseline: BenchResult = toBenchResult(
  { name: "pilot-cli-20m", job: "`pilot` CLI", ours_s: 12.345, baseline: null, baseline_s: null, peak_rss_mb: 250, sizes: { records: 20_000_000 }, note: "pandas | skipped" },
  measured,
);

test("the ratio is the baseline's time over ours, and null without a baseline time", () => {
  assert.equal(pilot.ratio, 1.6 / 0.5);
  assert.equal(noBaseline.ratio, null);
});

test("with wall times, the wall ratio is the baseline's wall time over ours; without them there is none", () => {
  const walled = toBenchResult({ name: "pilot-cli-1m", job: "`pilot` CLI", ours_s: 0.8, ours_wall_s: 0.5, baseline: "pandas", baseline_s: 1.6, baseline_wall_s: 1.5, peak_rss_mb: 90, sizes: {} }, measured);
  assert.equal(walled.ratio, 1.6 / 0.8);
  assert.equal(walled.wall_ratio, 1.5 / 0.5);
  const noBaselineWall = toBenchResult({ name: "pilot-cli-20m", job: "`pilot` CLI", ours_s: 8, ours_wall_s: 5, baseline: null, baseline_s: null, baseline_wall_s: null, peak_rss_mb: 200, sizes: {} }, measured);
  assert.equal(noBaselineWall.wall_ratio, null);
  assert.equal("wall_ratio" in pilot, false);
});

test("the README table is generated from a given results.json, one row per result in order", () => {
  const file = JSON.stringify([pilot, noBaseline]);
  const table = renderSpeedTable(parseBenchResults(file, "results.json"));
  assert.equal(
    table,
    [
      "| job | sizes | workbench | peak RSS | baseline (same run) | baseline / workbench | measured | note |",
      "|---|---|---|---|---|---|---|---|",
      "| `pilot` CLI (`pilot-cli-1m`) | records 1,000,000 | 500 ms | 120 MB | pandas 1.5.3: 1.60 s | 3.2× | 2026-12-04 |  |",
      "| `pilot` CLI (`pilot-cli-20m`) | records 20,000,000 | 12.35 s | 250 MB | none | — | 2026-12-04 | pandas \\| skipped |",
    ].join("\n"),
  );
});

test("the table replaces only the text between the markers", () => {
  const readme = `# T\n\nbefore\n${TABLE_START}\nold table\n${TABLE_END}\nafter\n`;
  const out = replaceSpeedTable(readme, "NEW");
  assert.equal(out, `# T\n\nbefore\n${TABLE_START}\nNEW\n${TABLE_END}\nafter\n`);
  assert.equal(replaceSpeedTable(out, "NEW"), out, "regenerating is idempotent");
  assert.throws(() => replaceSpeedTable("# no markers\n", "NEW"), /replaceSpeedTable: README must hold/);
});

test("fresh results replace earlier ones of the same name and keep the others", () => {
  const older = { ...pilot, ours_s: 9 };
  const merged = mergeBenchResults([older, noBaseline], [pilot, { ...pilot, name: "new" }]);
  assert.deepEqual(merged.map((r) => [r.name, r.ours_s]), [["pilot-cli-1m", 0.5], ["pilot-cli-20m", 12.345], ["new", 0.5]]);
});

test("a results file without a required field is refused with the entry named", () => {
  assert.throws(() => parseBenchResults(JSON.stringify([{ name: "x" }]), "r.json"), /r\.json entry 0 must have "job"/);
  assert.throws(() => parseBenchResults("{}", "r.json"), /must hold a JSON array/);
});
