/**
 * `vital-signs profile --results DIR`: the council's vital signs from an analysis of the same package, and the
 * refusal of an analysis of another one. The results.json here is written by hand with the fields the view reads
 * (lib/profile/vital-signs.ts `ResultsForProfile`), with the package's own identity as `analyse` records it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { readPackage } from "../../lib/data/package";
import type { LaProfile } from "../../lib/profile";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const SYNTHETIC = path.join(__dirname, "../../datasets/pilot-synthetic");
/** A synthetic LA whose adoption_a1_days is withheld for disclosure (tests/profile/withheld-value.test.ts). */
const LA = "E06900017";

/** An analysis output folder whose results.json selects re-referrals and adoption days (and not sw_turnover_pct). */
function resultsDir(edit: (results: Record<string, unknown>) => void = () => undefined): string {
  const d = readPackage(SYNTHETIC).descriptor;
  const results: Record<string, unknown> = {
    format: "vital-signs-results/1",
    dataset: { name: d.name, title: d.title, created: d.created, resources: d.resources.map((r) => ({ name: r.name, rows: r.rows, sha256: r.hash.replace(/^sha256:/, "") })) },
    outcome: { id: "ofsted_overall" },
    context: { variables: ["idaci_score"] },
    period: 2023,
    vital_signs: [
      { indicator: "rereferral_12m_pct", code: "selected", selected: true },
      { indicator: "sw_turnover_pct", code: "weak", selected: false },
      { indicator: "adoption_a1_days", code: "selected", selected: true },
    ],
    associations: [
      { indicator: "rereferral_12m_pct", direction: "better rating with lower value" },
      { indicator: "adoption_a1_days", direction: "better rating with lower value" },
    ],
  };
  edit(results);
  const dir = tempDir("vsw-profile-results-");
  fs.writeFileSync(path.join(dir, "results.json"), JSON.stringify(results));
  return dir;
}

test("--results adds the council's vital signs with its latest value, comparison and the analysis' direction", async () => {
  const out = tempDir("vsw-profile-out-");
  const c = capture();
  assert.equal(await main(["profile", SYNTHETIC, "--la", LA, "--results", resultsDir(), "--out", out], c.io), 0, c.err.join(""));
  assert.match(c.out.join(""), /vital signs: 2 selected by the analysis of ofsted_overall/);
  const profile = JSON.parse(fs.readFileSync(path.join(out, "profile.json"), "utf8")) as LaProfile;
  const view = profile.vitalSigns!;
  assert.deepEqual([view.outcome, view.context, view.analysedPeriod], ["ofsted_overall", ["idaci_score"], 2023]);
  assert.deepEqual(view.signs.map((s) => s.indicator), ["rereferral_12m_pct", "adoption_a1_days"]);
  const rereferral = profile.indicators.find((x) => x.indicator === "rereferral_12m_pct")!;
  assert.deepEqual(view.signs[0], {
    indicator: "rereferral_12m_pct", label: rereferral.label, verdict: "selected", direction: "better rating with lower value", period: rereferral.period,
    value: rereferral.value, status: rereferral.status, headline: rereferral.headline.label, band: rereferral.band, quartile: rereferral.quartile,
  });
  // a withheld value stays withheld here too
  assert.deepEqual([view.signs[1].value, view.signs[1].headline, view.signs[1].band], [null, "not compared", null]);
  const html = fs.readFileSync(path.join(out, "profile.html"), "utf8");
  assert.match(html, /<h2[^>]*>Vital signs<\/h2>/);
  assert.match(html, /related each indicator to <strong>Ofsted-style overall effectiveness \(synthetic\)<\/strong> across LAs, allowing for deprivation \(IDACI score\)/);
  assert.match(html, /better rating with lower value/);
  assert.match(html, /suppressed \(disclosure\)/);
});

test("a profile without --results has no vital-signs section", async () => {
  const out = tempDir("vsw-profile-out-");
  assert.equal(await main(["profile", SYNTHETIC, "--la", LA, "--out", out], capture().io), 0);
  assert.ok(!("vitalSigns" in JSON.parse(fs.readFileSync(path.join(out, "profile.json"), "utf8"))));
  assert.doesNotMatch(fs.readFileSync(path.join(out, "profile.html"), "utf8"), /<h2[^>]*>Vital signs<\/h2>/);
});

test("--results of another package, of changed data, or without results.json is refused with the reason", async () => {
  const refused = async (dir: string) => {
    const c = capture();
    assert.equal(await main(["profile", SYNTHETIC, "--la", LA, "--results", dir, "--out", tempDir("vsw-profile-out-")], c.io), 2);
    return c.err.join("");
  };
  const other = resultsDir((r) => ((r.dataset as { name: string }).name = "england-official"));
  assert.match(await refused(other), /--results: results\.json is of package "england-official" \(created [^)]+\), not of this package "pilot-synthetic"/);
  const changed = resultsDir((r) => ((r.dataset as { resources: { name: string; sha256: string }[] }).resources.find((x) => x.name === "indicators")!.sha256 = "0".repeat(64)));
  assert.match(await refused(changed), /its indicators differs \(sha256 000000000000… in results\.json, [0-9a-f]{12}… here\); run the analysis on this package/);
  assert.match(await refused(tempDir("vsw-profile-empty-")), /--results: .*results\.json could not be read as JSON/);
  const notResults = tempDir("vsw-profile-other-");
  fs.writeFileSync(path.join(notResults, "results.json"), "{}");
  assert.match(await refused(notResults), /is not the results\.json of `vital-signs analyse`/);
});

test("--results whose results.json is a device or a huge file is refused at the cap, not read on", async () => {
  const dir = tempDir("vsw-profile-zero-");
  fs.symlinkSync("/dev/zero", path.join(dir, "results.json"));
  const c = capture();
  const before = process.memoryUsage().rss;
  assert.equal(await main(["profile", SYNTHETIC, "--la", LA, "--results", dir, "--out", tempDir("vsw-profile-out-")], c.io), 2);
  assert.match(c.err.join(""), /--results: .*results\.json.*more than 67108864 bytes.*an analysis' results\.json of at most 67108864 bytes/s);
  // read up to the cap (64 MiB) at most, not without end
  assert.ok(process.memoryUsage().rss - before < 512 * 1024 * 1024);
});
