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
import { analysisReportSpec, analysisResults, writeAnalysis } from "../../lib/report/analysis-report";
import { analysisSummaryLines } from "../../lib/report/analysis-summary";
import { indicatorOutcomeRule } from "../../lib/vitals/outcome-measure";
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

test("the report of a continuous outcome speaks of a better outcome, not a rating or a judgement, and draws every ranked LA in the membership figure", async () => {
  const pkg = readPackage(DATASET);
  const options = { context: ["idaci_score"], seed: SEED, resamples: RESAMPLES };
  const continuous = analysePackage(pkg, { ...options, link: indicatorOutcomeRule(pkg, "care_leavers_eet_pct") });
  const results = analysisResults(continuous, pkg, { versions: VERSIONS });
  const spec = analysisReportSpec(results, pkg, continuous, command);
  const text = JSON.stringify(spec.sections);
  assert.doesNotMatch(text, /better rating|its own judgement/);
  assert.match(text, /higher indicator value, better outcome/);
  assert.match(text, /correlation of each indicator with a better outcome/);
  assert.ok(results.associations.every((a) => a.direction === "no direction" || a.direction.startsWith("better outcome with")), "direction column in outcome words");
  const membership = figureOf(spec, /best and worst 10%, each bar split by the LA's quarter of/);
  const drawn = membership.data.filter((t) => t.xaxis === "x").reduce((sum, t) => sum + (t.y as number[]).reduce((a, b) => a + b, 0), 0);
  // every LA ranked on an indicator; the two with no row in the analysis are not drawn as having none in the best 10%
  const ranked = continuous.percentiles.perLa.filter((l) => l.judged > 0).length;
  assert.ok(ranked < continuous.percentiles.perLa.length);
  assert.equal(drawn, ranked, "every ranked LA is in the best-10% panel");
  assert.equal(results.percentiles.best_distribution.reduce((n, d) => n + d.las, 0), ranked, "the table counts the same LAs");
  assert.ok(membership.data.some((t) => t.name === "Outcome in the best quarter"));

  // an Ofsted grade keeps its words and its grade colours
  const graded = analysePackage(pkg, { ...options, link: { kind: "latest-on-or-before", outcome: "ofsted_overall", date: "2024-03-31" } });
  const gradedSpec = analysisReportSpec(analysisResults(graded, pkg, { versions: VERSIONS }), pkg, graded, command);
  assert.match(JSON.stringify(gradedSpec.sections), /higher indicator value, better rating/);
  assert.ok(figureOf(gradedSpec, /^LAs by number of indicators in the best and worst 10%\.$/).data.some((t) => t.name === "Good"));
});

/** Versions fixed so that the test does not read git. */
const VERSIONS = { package: "0.0.0", node: "v0", commit: null };

/** The figure of a report whose caption matches. */
function figureOf(spec: ReturnType<typeof analysisReportSpec>, caption: RegExp) {
  for (const section of spec.sections) {
    for (const block of section.blocks) if (block.type === "figure" && caption.test(block.caption ?? "")) return block.figure;
  }
  throw new Error(`no figure with the caption ${caption}`);
}

test("the best/worst 10% section names the indicators left out of the ranking because every LA has the same value", () => {
  const pkg = readPackage(DATASET);
  const analysis = analysePackage(pkg, { link: { kind: "latest-on-or-before", outcome: "ofsted_overall", date: "2024-03-31" }, context: ["idaci_score"], seed: SEED, resamples: RESAMPLES });
  const text = (a: typeof analysis) => JSON.stringify(analysisReportSpec(analysisResults(a, pkg, { versions: VERSIONS }), pkg, a, command).sections);
  assert.doesNotMatch(text(analysis), /Not ranked, every LA having the same value/);
  // the first indicator made constant, as lib/vitals/percentiles.ts reports one
  const first = analysis.percentiles.perIndicator[0];
  const constant = { ...first, nBest: 0, nWorst: 0, reason: "constant: every one of the LAs with a value has the same value", notRanked: "constant" as const };
  const flat = { ...analysis, percentiles: { ...analysis.percentiles, perIndicator: [constant, ...analysis.percentiles.perIndicator.slice(1)] } };
  assert.match(text(flat), new RegExp(`Not ranked, every LA having the same value: ${first.indicator}\\.`));
});

test("with nothing allowed for (--context none) no sentence says context was allowed for: question, summary, legends, reasons, candidate rule", () => {
  const pkg = readPackage(DATASET);
  const link = { kind: "latest-on-or-before", outcome: "ofsted_overall", date: "2024-03-31" } as const;
  const unadjusted = analysePackage(pkg, { link, context: [], seed: SEED, resamples: RESAMPLES });
  const results = analysisResults(unadjusted, pkg, { versions: VERSIONS });
  const text = JSON.stringify(analysisReportSpec(results, pkg, unadjusted, command).sections) + JSON.stringify(results) + analysisSummaryLines(results).join("\n");
  // the official run said "need, demand and size are allowed for, not screened", "goes with the outcome after allowing for
  // context", "no clear link with the outcome once context is allowed for", "once context (none) is allowed for"
  for (const claim of [/after allowing for/, /once context/, /\) is allowed for/, /adjusted partial/, /context-adjusted/, /are allowed for, not screened/]) {
    assert.doesNotMatch(text, claim);
  }
  assert.match(text, /Which indicators go with a better \*\*[^*]+\*\* grade with nothing allowed for \(no context variable\)/);
  assert.match(text, /qualifies: goes with the outcome, unadjusted \(nothing was allowed for\), in enough resamples/);
  assert.match(text, /selected: unadjusted ρ = /);
  // allowing for deprivation, the same words say so
  const adjusted = analysePackage(pkg, { link, context: ["idaci_score"], seed: SEED, resamples: RESAMPLES });
  const adjustedResults = analysisResults(adjusted, pkg, { versions: VERSIONS });
  const adjustedText = JSON.stringify(analysisReportSpec(adjustedResults, pkg, adjusted, command).sections);
  assert.match(adjustedText, /once context \(deprivation \(IDACI score\)\) is allowed for/);
  assert.match(adjustedText, /selected: adjusted partial ρ = /);
});
