/**
 * writeAnalysis: the analysis report and its files from a notebook, without the CLI — the same files as
 * `vital-signs analyse` for the same package, options and seed.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { readPackage } from "../../lib/data/package";
import { analysePackage } from "../../lib/vitals/analyse";
import { analysisReportSpec, writeAnalysis } from "../../lib/report/analysis-report";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");
const SEED = 7;
const RESAMPLES = 40;
const cliOut = tempDir("vsw-analysis-report-cli-");
const libOut = tempDir("vsw-analysis-report-lib-");
const command = "vital-signs analyse (test)";

test("writeAnalysis writes the same results.json, tables and report as the CLI", async () => {
  const c = capture();
  assert.equal(await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--seed", String(SEED), "--resamples", String(RESAMPLES), "--out", cliOut], c.io), 0, c.err.join(""));
  const fromCli = JSON.parse(fs.readFileSync(path.join(cliOut, "results.json"), "utf8"));
  const pkg = readPackage(DATASET);
  const analysis = analysePackage(pkg, { link: linkOf(fromCli), context: ["idaci_score"], seed: SEED, resamples: RESAMPLES });
  const written = writeAnalysis(analysis, pkg, libOut, { command });
  assert.equal(written.resultsPath, path.join(libOut, "results.json"));
  assert.deepEqual(JSON.parse(fs.readFileSync(written.resultsPath, "utf8")), fromCli, "results.json (run id included: same results, same id)");
  for (const f of ["screen.csv", "verdicts.csv", "completeness.csv"]) {
    assert.equal(fs.readFileSync(path.join(libOut, f), "utf8"), fs.readFileSync(path.join(cliOut, f), "utf8"), f);
  }
  const html = fs.readFileSync(written.reportPath, "utf8");
  assert.match(html, new RegExp(`<meta name="vital-signs-run-id" content="${written.results.run_id}">`));
  assert.match(html, /Vital signs: verdicts with reasons/);
  assert.deepEqual(written.reportSpec.sections.map((s) => s.heading), analysisReportSpec(written.results, pkg, analysis, command).sections.map((s) => s.heading));
});

/** The link rule results.json records, as analysePackage takes it. */
function linkOf(results: { link_rule: { kind: string; parameters: Record<string, unknown> } }) {
  return { kind: results.link_rule.kind, ...results.link_rule.parameters } as Parameters<typeof analysePackage>[1]["link"];
}
