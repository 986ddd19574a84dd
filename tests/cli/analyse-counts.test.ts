/**
 * Every count `vital-signs analyse` shows is explained where it is read (stdout, the --json summary, results.json,
 * report.html): the linked LAs left out of the analysis and the package's LAs outside its period, named, with the
 * reason; the screened indicators no resample can select; what --shrink shrank and what it kept as published.
 * On a copy of the synthetic pilot with two LAs' deprivation removed, one LA ended before the analysis period, one
 * indicator without any value and the care-leaver outcome's denominators of its latest year removed.
 */
import { after, test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { readPackage, writePackage } from "../../lib/data/package";
import type { AreaRow, CatalogueRow, ContextRow, IndicatorRow, OutcomeRow } from "../../lib/data/types";
import { validateAgainstSchema, type JsonSchema } from "../../lib/vitals/results";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");
const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, "../../schemas/results.schema.json"), "utf8")) as JsonSchema;
/** The LAs without deprivation (the official package's reorganised LAs have no IDACI 2019 either), and the one ended in 2015. */
const NO_IDACI = ["E06900001", "E06900002"];
const ENDED = "E06900003";
const EMPTY_INDICATOR = "sw_turnover_pct";
const OUTCOME = "care_leavers_eet_pct";

/** The synthetic pilot with the changes of the file comment, written to a temporary folder. */
function alteredPackage(): string {
  const pkg = readPackage(DATASET);
  const rows = <T>(table: { objects(): object[] }) => table.objects() as unknown as T[];
  const latest = Math.max(...rows<IndicatorRow>(pkg.indicators).filter((r) => r.indicator === OUTCOME && r.value !== null).map((r) => r.period));
  const dir = tempDir("vsw-analyse-counts-pkg-");
  writePackage(dir, {
    name: "counts-test", title: "Counts test", created: "2026-01-01",
    areas: rows<AreaRow>(pkg.areas).map((a) => (a.la_code === ENDED ? { ...a, last_period: 2015 } : a)),
    catalogue: rows<CatalogueRow>(pkg.catalogue),
    indicators: rows<IndicatorRow>(pkg.indicators)
      .filter((r) => r.indicator !== EMPTY_INDICATOR)
      .map((r) => (r.indicator === OUTCOME && r.period === latest ? { ...r, numerator: null, denominator: null } : r)),
    context: rows<ContextRow>(pkg.context).filter((c) => !(c.variable === "idaci_score" && NO_IDACI.includes(c.la_code))),
    outcomes: rows<OutcomeRow>(pkg.outcomes),
  });
  return dir;
}

async function analyse(args: string[], out = tempDir("vsw-analyse-counts-")) {
  const c = capture();
  const code = await main(["analyse", ...args, "--out", out], c.io);
  assert.equal(code, 0, c.err.join(""));
  return { out, stdout: c.out.join(""), results: JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8")), html: fs.readFileSync(path.join(out, "report.html"), "utf8") };
}

describe("analyse explains its counts", () => {
  const dir = alteredPackage();
  // the plain analysis against Ofsted is read by the first two tests: run once (its outputs are read when it ends)
  let ofsted: ReturnType<typeof analyse> | undefined;
  // its folder made here, in the describe's body: it goes when the describe ends, whichever test runs the analysis
  const ofstedOut = tempDir("vsw-analyse-counts-");
  const ofstedAnalysis = () => (ofsted ??= analyse([dir, "--outcome", "ofsted_overall", "--resamples", "20"], ofstedOut));
  after(() => (ofsted = undefined)); // its report (megabytes) is not kept for the files run after this one

  test("the linked LAs left out for want of a context value are named with the reason in stdout, results.json and the report", async () => {
    const r = await ofstedAnalysis();
    assert.deepEqual(validateAgainstSchema(r.results, SCHEMA), []);
    const acc = r.results.la_accounting;
    assert.deepEqual([acc.package_las, acc.period_las, acc.linked, acc.analysed], [150, 149, 149, 147]);
    assert.equal(acc.analysed, r.results.design.units, "the LAs analysed are the design's units");
    assert.equal(acc.linked, r.results.outcome.n_linked);
    const leftOut = acc.left_out.map((l: { la_code: string; reason: string }) => [l.la_code, l.reason]);
    assert.deepEqual(leftOut, [[ENDED, "not-in-period"], [NO_IDACI[0], "no-context"], [NO_IDACI[1], "no-context"]]);
    assert.deepEqual(acc.left_out[1].context_missing, ["idaci_score"]);
    const line = r.stdout.split("\n").find((l) => l.startsWith("LAs: "));
    assert.match(line ?? "", /^LAs: 147 of the 149 linked LAs analysed; 2 left out — no deprivation \(IDACI score\) value \(idaci_score\): E06900001 \S+, E06900002 \S+\. 1 of the package's 150 LAs did not exist in \d{4} \(areas\.csv first\/last period\): E06900003 \S+ \(to 2015\)\.$/);
    assert.match(r.stdout, /half-samples of the 147 LAs/, "the design's count is the one the LAs line explains");
    assert.match(r.html, /<strong>LAs:<\/strong> 147 of the 149 linked LAs analysed; 2 left out — no deprivation \(IDACI score\) value \(idaci_score\): E06900001/);
  });

  test("the error bound says which screened indicators are not in its count, and why", async () => {
    // made before the first await: after awaiting the analysis the first test started, node:test attached the
    // folder's removal to that test, long over, and the folder was left behind
    const unadjustedOut = tempDir("vsw-analyse-counts-");
    const r = await ofstedAnalysis();
    const bound = r.results.error_bound;
    assert.equal(bound.screened, r.results.associations.length);
    assert.equal(bound.p, bound.screened - 1);
    assert.deepEqual(bound.not_selectable.map((x: { indicator: string }) => x.indicator), [EMPTY_INDICATOR]);
    assert.match(bound.not_selectable[0].reason, /^no full-sample partial correlation \(n = 0 LAs/);
    const line = r.stdout.split("\n").find((l) => l.startsWith("error bound: ")) ?? "";
    assert.match(line, new RegExp(`on average \\d+\\.\\d of ${bound.p} indicators selected per resample, 10 complementary pairs; ${bound.p} of the ${bound.screened} screened indicators could be selected in a resample .*, 1 could not — no full-sample partial correlation \\(n = 0 LAs: .*\\): ${EMPTY_INDICATOR}\\.\\)$`));
    assert.equal(bound.statement, line.slice("error bound: ".length), "results.json states the same");
    const unadjusted = await analyse([dir, "--outcome", "ofsted_overall", "--context", "none", "--resamples", "20"], unadjustedOut);
    assert.match(unadjusted.results.error_bound.not_selectable[0].reason, /^no full-sample correlation \(raw Spearman: n = 0 LAs/, "without context the raw correlation's note says why");
  });

  test("--json carries the LA accounting, the indicators no resample can select and what --shrink did", async () => {
    const out = tempDir("vsw-analyse-counts-json-");
    const c = capture();
    assert.equal(await main(["analyse", dir, "--outcome", OUTCOME, "--shrink", "national", "--resamples", "10", "--json", "--out", out], c.io), 0, c.err.join(""));
    const summary = JSON.parse(c.out.join(""));
    assert.deepEqual(summary.la_accounting.left_out.map((l: { la_code: string }) => l.la_code), [ENDED, ...NO_IDACI]);
    assert.match(summary.la_accounting.text, /2 left out — no deprivation \(IDACI score\) value \(idaci_score\): E06900001/);
    assert.deepEqual(summary.indicators.not_selectable.map((x: { indicator: string }) => x.indicator), [EMPTY_INDICATOR]);
    assert.equal(summary.indicators.selectable, summary.indicators.screened - 1);
    assert.equal(summary.shrink.target, "national");
    assert.match(summary.shrink.text, /The screen's outcome year, \d{4}, is therefore unshrunk/);
  });

  test("--shrink context: stdout and the report say which years and LAs were shrunk, and that the latest year, without denominators, was not", async () => {
    const r = await analyse([dir, "--outcome", OUTCOME, "--shrink", "context", "--resamples", "10"]);
    assert.deepEqual(validateAgainstSchema(r.results, SCHEMA), []);
    const [latest, before] = r.results.outcome_measure.shrink.slots;
    assert.deepEqual([latest.las_shrunk, latest.las_unshrunk, latest.las_no_sampling_variance], [0, latest.las, latest.las]);
    assert.deepEqual([before.las_shrunk, before.las_no_context, before.las_no_sampling_variance], [before.las - 2, 2, 0]);
    const line = r.stdout.split("\n").find((l) => l.startsWith("shrinkage (--shrink context): ")) ?? "";
    assert.match(line, new RegExp(`\\(${latest.outcome_year}: not shrunk, its ${latest.las} LA values used as published \\(no denominator, so no sampling variance\\); ${before.outcome_year}: ${before.las - 2} of ${before.las} LA values shrunk, 2 kept as published \\(no context value\\);`));
    assert.match(line, new RegExp(`The screen's outcome year, ${latest.outcome_year}, is therefore unshrunk: its associations use the published values\\.$`));
    assert.ok(r.html.includes(`${latest.outcome_year}: not shrunk, its ${latest.las} LA values used as published`), "the report says it too");
  });
});
