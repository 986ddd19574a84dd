/**
 * `vital-signs analyse --outcome ID` with an indicator (a continuous child outcome) as outcome, `--lag K`:
 * on the synthetic pilot and on the imported official package (KS4 Attainment 8 of looked-after children,
 * care leavers 19–21 in education, employment or training).
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { readPackage, writePackage } from "../../lib/data/package";
import type { AreaRow, CatalogueRow, ContextRow, IndicatorRow, OutcomeRow } from "../../lib/data/types";
import { validateAgainstSchema, type JsonSchema } from "../../lib/vitals/results";
import { loadOfficial } from "../../lib/notebook/official-cache";
import { capture } from "../helpers/cli";
import { OFFICIAL_DATA_DIR, officialTest } from "../helpers/official";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");
const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, "../../schemas/results.schema.json"), "utf8")) as JsonSchema;

interface OutcomeMeasure { indicator: string; outcome_year: number; indicator_year: number; lag: number; excluded_candidates: { indicator: string }[]; slots: { outcome_year: number; indicator_year: number; n_linked: number }[]; values: { n: number } }

async function analyse(args: string[]) {
  const out = tempDir("vsw-analyse-outcome-");
  fs.rmSync(out, { recursive: true });
  const c = capture();
  const code = await main(["analyse", ...args, "--out", out], c.io);
  return { code, out, err: c.err.join(""), stdout: c.out.join("") };
}

/**
 * The synthetic pilot with care_leavers_eet_pct of 2023 put exactly on a line in deprivation (20 + 150 × IDACI of 2023, 23% to 71%,
 * denominators kept, numerators dropped): the outcome of the screen's year is a function of the context, as a full
 * shrinkage toward the context prediction would make it.
 */
function outcomeOnContextLine(): string {
  const pkg = readPackage(DATASET);
  const rows = <T>(table: { objects(): object[] }) => table.objects() as unknown as T[];
  const context = rows<ContextRow>(pkg.context);
  const idaci = new Map(context.filter((c) => c.variable === "idaci_score" && c.period === 2023).map((c) => [c.la_code, c.value] as const));
  const dir = tempDir("vsw-analyse-outcome-line-");
  writePackage(dir, {
    name: "outcome-on-context-line", title: "Outcome on the context line", created: "2026-01-01",
    areas: rows<AreaRow>(pkg.areas), catalogue: rows<CatalogueRow>(pkg.catalogue), context, outcomes: rows<OutcomeRow>(pkg.outcomes),
    indicators: rows<IndicatorRow>(pkg.indicators).map((r) => {
      if (r.indicator !== "care_leavers_eet_pct" || r.period !== 2023 || r.value === null) return r;
      const z = idaci.get(r.la_code);
      return { ...r, value: z === undefined || z === null ? null : 20 + 150 * z, numerator: null };
    }),
  });
  return dir;
}

/**
 * The synthetic pilot with care_leavers_eet_pct suppressed (DfE `c`) in 2023 for its first `inLatest` LAs, and in 2021 and
 * 2022 too for the first `inEvery` of them: the shape of looked-after children's KS2 results, suppressed for small cohorts.
 */
function outcomeSuppressed(inLatest: number, inEvery: number): string {
  const pkg = readPackage(DATASET);
  const rows = <T>(table: { objects(): object[] }) => table.objects() as unknown as T[];
  const las = rows<AreaRow>(pkg.areas).map((a) => a.la_code);
  const latest = new Set(las.slice(0, inLatest));
  const every = new Set(las.slice(0, inEvery));
  const dir = tempDir("vsw-analyse-outcome-suppressed-");
  writePackage(dir, {
    name: "outcome-suppressed", title: "Outcome suppressed for small cohorts", created: "2026-01-01",
    areas: rows<AreaRow>(pkg.areas), catalogue: rows<CatalogueRow>(pkg.catalogue), context: rows<ContextRow>(pkg.context), outcomes: rows<OutcomeRow>(pkg.outcomes),
    indicators: rows<IndicatorRow>(pkg.indicators).map((r) => {
      const hidden = r.indicator === "care_leavers_eet_pct" && ((r.period === 2023 && latest.has(r.la_code)) || (r.period >= 2021 && every.has(r.la_code)));
      return hidden ? { ...r, value: null, numerator: null, denominator: null, status: "suppressed:c" } : r;
    }),
  });
  return dir;
}

describe("analyse with an indicator as outcome (synthetic pilot)", () => {
  test("an outcome suppressed for small numbers: its LAs are counted apart with the status, and read with care says so", async () => {
    const r = await analyse([outcomeSuppressed(30, 10), "--outcome", "care_leavers_eet_pct", "--resamples", "10"]);
    assert.equal(r.code, 0, r.err);
    const results = JSON.parse(fs.readFileSync(path.join(r.out, "results.json"), "utf8"));
    assert.deepEqual(validateAgainstSchema(results, SCHEMA), []);
    const acc = results.la_accounting;
    assert.deepEqual(acc.outcome_suppressed_latest, [{ status: "suppressed:c", las: 30 }]);
    const suppressed = acc.left_out.filter((l: { reason: string }) => l.reason === "outcome-suppressed");
    assert.equal(suppressed.length, 10, "suppressed in every slot drawn: left out");
    assert.ok(suppressed.every((l: { outcome_status: string }) => l.outcome_status === "suppressed:c"));
    assert.equal(acc.left_out.filter((l: { reason: string }) => l.reason === "no-outcome").length, 0);
    assert.match(r.stdout, /linked; 30 LAs' outcome of 2023 is suppressed \(small numbers; status suppressed:c\): left out of the screen, not at random; 10 have no outcome in any slot drawn, suppressed \(small numbers\) in at least one: /);
    assert.match(r.stdout, /^read with care: .*the outcome of 2023 is itself suppressed \(small numbers\) for 30 of the \d+ LAs/m);
    assert.match(fs.readFileSync(path.join(r.out, "report.html"), "utf8"), /the outcome of 2023 is itself suppressed \(small numbers\) for 30 of the \d+ LAs/);
  });


  test("--outcome cla_attainment8_avg --lag 1: results.json records the years used and validates against the schema", async () => {
    const r = await analyse([DATASET, "--outcome", "cla_attainment8_avg", "--lag", "1", "--resamples", "20", "--seed", "3"]);
    assert.equal(r.code, 0, r.err);
    const results = JSON.parse(fs.readFileSync(path.join(r.out, "results.json"), "utf8"));
    assert.deepEqual(validateAgainstSchema(results, SCHEMA), []);
    assert.deepEqual(results.link_rule.parameters, { outcome: "cla_attainment8_avg", period: 2023, lag: 1 });
    assert.equal(results.link_rule.kind, "indicator-year");
    assert.equal(results.alignment.kind, "outcome-year");
    assert.equal(results.outcome.lower_is_better, false, "Attainment 8: polarity up");
    assert.equal(results.period, 2022);
    assert.deepEqual(results.values_used.indicator_periods.map((p: { period: number }) => p.period), [2022]);
    const m = results.outcome_measure as OutcomeMeasure;
    assert.deepEqual([m.outcome_year, m.indicator_year, m.lag], [2023, 2022, 1]);
    assert.deepEqual(m.slots.map((s) => [s.outcome_year, s.indicator_year]), [[2023, 2022], [2022, 2021], [2021, 2020]]);
    assert.equal(m.values.n, results.outcome.n_linked);
    assert.ok(m.excluded_candidates.some((e) => e.indicator === "cla_attainment8_avg"));
    const screened = new Set(results.associations.map((a: { indicator: string }) => a.indicator));
    for (const e of m.excluded_candidates) assert.ok(!screened.has(e.indicator), `${e.indicator} is not screened`);
    assert.equal(results.vital_signs.length, results.associations.length, "every candidate has a verdict from the resampling");
  });

  test("--period is the indicator year: --period 2019 --lag 2 pairs the indicators of 2019 with the outcome of 2021", async () => {
    const r = await analyse([DATASET, "--outcome", "care_leavers_eet_pct", "--period", "2019", "--lag", "2", "--resamples", "10"]);
    assert.equal(r.code, 0, r.err);
    const results = JSON.parse(fs.readFileSync(path.join(r.out, "results.json"), "utf8"));
    assert.deepEqual([results.outcome_measure.outcome_year, results.outcome_measure.indicator_year], [2021, 2019]);
    assert.deepEqual(results.values_used.indicator_periods.map((p: { period: number }) => p.period), [2019]);
  });

  test("an outcome that is a function of the context: --shrink context that would make it so is refused before anything is written; unshrunk, nothing is called weak", async () => {
    const dir = outcomeOnContextLine();
    const refused = await analyse([dir, "--outcome", "care_leavers_eet_pct", "--resamples", "10", "--shrink", "context"]);
    assert.equal(refused.code, 1, refused.stdout);
    assert.match(refused.err, /^vital-signs analyse: .*--shrink context leaves no between-LA variance in 2023, the screen's outcome year .*nothing was analysed or written: run without --shrink, or with --shrink national\n$/);
    assert.equal(fs.existsSync(refused.out), false, "nothing written");
    const plain = await analyse([dir, "--outcome", "care_leavers_eet_pct", "--resamples", "10"]);
    assert.equal(plain.code, 0, plain.err);
    const results = JSON.parse(fs.readFileSync(path.join(plain.out, "results.json"), "utf8"));
    assert.deepEqual(validateAgainstSchema(results, SCHEMA), []);
    const codes = new Set(results.vital_signs.map((v: { code: string }) => v.code));
    assert.ok(codes.has("not-testable"), [...codes].join(", "));
    assert.ok(!codes.has("weak"), "an undefined partial correlation is no evidence of a weak link");
    assert.match(plain.stdout, /^ {2}not-testable \(\d+\): its link with the outcome once deprivation \(IDACI score\) is allowed for could not be computed/m);
    const national = await analyse([dir, "--outcome", "care_leavers_eet_pct", "--resamples", "10", "--shrink", "national"]);
    assert.equal(national.code, 0, national.err);
  });

  test("the outcome's noise is reported with its verdict; --shrink national replaces LA values by their EB estimates", async () => {
    const plain = await analyse([DATASET, "--outcome", "care_leavers_eet_pct", "--resamples", "10"]);
    const shrunk = await analyse([DATASET, "--outcome", "care_leavers_eet_pct", "--resamples", "10", "--shrink", "national"]);
    assert.equal(plain.code, 0, plain.err);
    assert.equal(shrunk.code, 0, shrunk.err);
    assert.match(plain.stdout, /outcome noise: .* in 2023: year-to-year r \d\.\d\d \(for reference[^)]*\); on average \d+\.\d% of an LA value's variance is real difference between LAs .*, (at or above|below) the threshold of 50% — (precise enough|too noisy)/);
    const a = JSON.parse(fs.readFileSync(path.join(plain.out, "results.json"), "utf8"));
    const b = JSON.parse(fs.readFileSync(path.join(shrunk.out, "results.json"), "utf8"));
    assert.deepEqual(validateAgainstSchema(b, SCHEMA), []);
    assert.equal(a.outcome_measure.noise.variance_source, "binomial");
    assert.ok(a.outcome_measure.noise.n_with_denominator > 100);
    assert.equal(a.outcome_measure.shrink, null);
    assert.equal(b.outcome_measure.shrink.target, "national");
    assert.deepEqual(b.outcome_measure.shrink.slots.map((x: { outcome_year: number }) => x.outcome_year), [2023, 2022, 2021]);
    assert.ok(b.outcome_measure.values.sd < a.outcome_measure.values.sd, "shrinkage narrows the spread of LA values");
    assert.match(fs.readFileSync(path.join(shrunk.out, "report.html"), "utf8"), /The outcome: years, noise and candidates left out/);
    const ofsted = await analyse([DATASET, "--outcome", "ofsted_overall", "--shrink", "national"]);
    assert.equal(ofsted.code, 2);
    assert.match(ofsted.err, /--shrink: applies to an indicator as outcome/);
    const bad = await analyse([DATASET, "--outcome", "care_leavers_eet_pct", "--shrink", "regional"]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--shrink: must be one of national, context/);
  });

  test("bad input is an error naming the option, and nothing is written", async () => {
    const beyond = await analyse([DATASET, "--outcome", "cla_attainment8_avg", "--lag", "15"]);
    assert.notEqual(beyond.code, 0);
    assert.match(beyond.err, /--lag: goes beyond the data: the outcome has years \d{4}–2023.*\(got 15\)/);
    assert.equal(fs.existsSync(beyond.out), false, "no output folder");
    const typo = await analyse([DATASET, "--outcome", "cla_atainment8"]);
    assert.equal(typo.code, 2);
    assert.match(typo.err, /--outcome: not in outcomes.csv nor an indicator of the package: did you mean "cla_attainment8_avg"\?/);
    assert.equal(fs.existsSync(typo.out), false);
    const ofstedLag = await analyse([DATASET, "--outcome", "ofsted_overall", "--lag", "1"]);
    assert.equal(ofstedLag.code, 2);
    assert.match(ofstedLag.err, /--lag: applies to an indicator as outcome/);
    const negative = await analyse([DATASET, "--outcome", "cla_attainment8_avg", "--lag=-1"]);
    assert.equal(negative.code, 2);
    assert.match(negative.err, /--lag: must be a whole number from 0/);
  });
});

officialTest("analyse on the official package with child outcomes: Attainment 8 of looked-after children, care leavers 19–21 EET", async (t) => {
  // the official folder's import, cached per machine and shared with the other tests (read only: analyse writes to
  // its --out); `vital-signs import` of the whole folder is run by tests/cli/readme-own-data.test.ts
  const pkgDir = (await loadOfficial(OFFICIAL_DATA_DIR)).dir;
  await t.test("care_leavers_eet_19_21_pct --lag 1: the NEET complement and the other cohorts are left out; the years are recorded", async () => {
    const r = await analyse([pkgDir, "--outcome", "care_leavers_eet_19_21_pct", "--lag", "1", "--resamples", "10"]);
    assert.equal(r.code, 0, r.err);
    const results = JSON.parse(fs.readFileSync(path.join(r.out, "results.json"), "utf8"));
    assert.deepEqual(validateAgainstSchema(results, SCHEMA), []);
    const m = results.outcome_measure as OutcomeMeasure;
    const excluded = m.excluded_candidates.map((e) => e.indicator);
    for (const id of ["care_leavers_eet_19_21_pct", "lait_careleaversneet", "care_leavers_eet_19_pct"]) assert.ok(excluded.includes(id), id);
    const screened = new Set(results.associations.map((a: { indicator: string }) => a.indicator));
    assert.ok(!screened.has("lait_careleaversneet"));
    assert.ok(screened.has("csww_caseload"), "practice and workforce indicators stay candidates");
    assert.equal(m.indicator_year, m.outcome_year - 1);
    assert.ok(results.outcome.n_linked > 100, `${results.outcome.n_linked} LAs with the outcome`);
    // care leavers' EET: cohorts of ~200, LA differences mostly real (observed mean reliability 0.86, y-t-y r 0.69)
    assert.equal(results.outcome_measure.noise.code, "ok");
  });
  await t.test("cla_ks2_rwm_expected_pct: the outcome suppressed (c) for 74 of the 153 LAs of 2025 is said, and its LAs left out are counted apart", async () => {
    const r = await analyse([pkgDir, "--outcome", "cla_ks2_rwm_expected_pct", "--resamples", "10"]);
    assert.equal(r.code, 0, r.err);
    const results = JSON.parse(fs.readFileSync(path.join(r.out, "results.json"), "utf8"));
    assert.deepEqual(validateAgainstSchema(results, SCHEMA), []);
    // indicators.csv of 2025: 77 values, 74 suppressed:c, 2 not-applicable:z (Isles of Scilly, City of London)
    assert.deepEqual(results.la_accounting.outcome_suppressed_latest, [{ status: "suppressed:c", las: 74 }]);
    const reasons = results.la_accounting.left_out.map((l: { reason: string }) => l.reason);
    assert.equal(reasons.filter((x: string) => x === "outcome-suppressed").length, 48);
    assert.equal(reasons.filter((x: string) => x === "no-outcome").length, 2);
    assert.match(r.stdout, /^read with care: the outcome of 2025 is itself suppressed \(small numbers\) for 74 of the 153 LAs \(48%\)/m);
  });
  await t.test("cla_ks4_attainment8 (same year): runs, polarity up, education outcomes left out", async () => {
    const r = await analyse([pkgDir, "--outcome", "cla_ks4_attainment8", "--resamples", "10"]);
    assert.equal(r.code, 0, r.err);
    const results = JSON.parse(fs.readFileSync(path.join(r.out, "results.json"), "utf8"));
    assert.deepEqual(validateAgainstSchema(results, SCHEMA), []);
    assert.equal(results.outcome.lower_is_better, false);
    assert.equal(results.outcome_measure.lag, 0);
    assert.ok(results.outcome_measure.excluded_candidates.some((e: { indicator: string }) => e.indicator === "cla_ks4_progress8"));
    // KS4 Attainment 8 of looked-after children: cohorts of ~35, y-t-y r ≈ 0.2 — too noisy to judge indicators by
    assert.equal(results.outcome_measure.noise.code, "too-noisy", JSON.stringify(results.outcome_measure.noise));
    assert.match(r.stdout, /too noisy at LA level to judge indicators by/);
  });
});
