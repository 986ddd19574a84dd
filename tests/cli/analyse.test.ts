import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aq from "arquero";
import { main } from "../../lib/cli/main";
import { linkRuleFromArgs, runAnalyse } from "../../lib/cli/commands/analyse";
import { readPackage } from "../../lib/data/package";
import { validateAgainstSchema, type JsonSchema } from "../../lib/vitals/results";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");
const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, "../../schemas/results.schema.json"), "utf8")) as JsonSchema;

describe("vital-signs analyse", () => {
  const out = tempDir("vsw-analyse-");
  let results: Record<string, unknown>;

  test("writes results.json and report.html for the synthetic pilot and prints the vital signs", async () => {
    const c = capture();
    const code = await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--context", "idaci_score", "--seed", "7", "--resamples", "200", "--out", out], c.io);
    assert.equal(code, 0, c.err.join(""));
    assert.match(c.out.join(""), /vital signs \(\d+\):/);
    // each vital sign's BH q beside its partial ρ: reported, not a selection criterion (it can exceed 0.1)
    const stats = c.out.join("").split("\n").filter((l) => /^ {4}raw ρ /.test(l));
    assert.ok(stats.length > 0);
    for (const l of stats) assert.match(l, /, partial ρ -?\d\.\d\d \[[^\]]+\] \(BH q (<0\.001|[\d.]+)\), \d+ LAs$/);
    results = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8"));
    const html = fs.readFileSync(path.join(out, "report.html"), "utf8");
    assert.match(html, /Vital signs: verdicts with reasons/);
    assert.doesNotMatch(html, /<script src="http/);
  });

  test("results.json and report.html carry one run id, derived from the results (same inputs, same id)", () => {
    const html = fs.readFileSync(path.join(out, "report.html"), "utf8");
    assert.match(String(results.run_id), /^[0-9a-f]{16}$/);
    assert.match(html, new RegExp(`<meta name="vital-signs-run-id" content="${String(results.run_id)}">`));
    const { run_id: _id, ...rest } = results;
    assert.equal(results.run_id, createHash("sha256").update(JSON.stringify(rest)).digest("hex").slice(0, 16));
    assert.deepEqual(fs.readdirSync(out).filter((f) => f.includes(".vsw-tmp-")), [], "no temporary file left");
  });

  test("results.json validates against schemas/results.schema.json and records the run", () => {
    assert.deepEqual(validateAgainstSchema(results, SCHEMA), []);
    assert.equal(results.seed, 7);
    assert.equal(results.resamples, 200);
    const link = results.link_rule as { kind: string; description: string };
    assert.equal(link.kind, "latest-on-or-before");
    assert.match(link.description, /latest ofsted_overall judgement/);
    const resources = (results.dataset as { resources: { name: string; sha256: string }[] }).resources;
    assert.match(resources.find((x) => x.name === "indicators")!.sha256, /^[0-9a-f]{64}$/);
  });

  test("every indicator has an association and a verdict with a reason holding a number", () => {
    const assoc = results.associations as { indicator: string }[];
    const verdicts = results.vital_signs as { indicator: string; reason: string }[];
    assert.equal(assoc.length, verdicts.length);
    for (const v of verdicts) assert.match(v.reason, /\d/, v.indicator);
  });

  test("stdout, results.json and report.html state the resampling design and the error bound in words", () => {
    const design = results.design as { resampling: string; units: number; slots: { las: number; used: boolean }[]; usable_resamples: number };
    assert.equal(design.resampling, "complementary-pairs");
    assert.equal(design.units, 150);
    assert.equal(design.usable_resamples, 200);
    const bound = results.error_bound as { pairs: number; statement: string; bounds: { assumption: string }[] };
    assert.equal(bound.pairs, 100);
    assert.deepEqual(bound.bounds.map((b) => b.assumption), ["none", "unimodal", "r-concave"]);
    assert.match(bound.statement, /^(At most \d+\.\d of the \d+ selected indicators? (are|is) expected to be noise|The expected number of noise indicators among the \d+ selected indicators? is bounded only by \d+\.\d)/);
    const html = fs.readFileSync(path.join(out, "report.html"), "utf8");
    assert.match(html, /How sure:/);
    assert.match(html, /complementary pairs of half-samples of the 150 LAs/);
  });

  test("--resamples and --offsets out of range are errors naming the option and the allowed values", async () => {
    for (const [option, value, message] of [
      ["--resamples", "101", /--resamples: must be an even whole number from 10 to 20000 \(resamples are complementary pairs of half-samples of LAs\) \(got "101"\)/],
      ["--resamples", "0", /--resamples: must be a whole number from 10 to 20000 \(complementary pairs/],
      ["--offsets", "9", /--offsets: must be a whole number from 1 to 5 \(got "9"\)/],
    ] as const) {
      const c = capture();
      const code = await main(["analyse", DATASET, "--outcome", "ofsted_overall", option, value, "--out", out], c.io);
      assert.notEqual(code, 0);
      assert.match(c.err.join(""), message);
    }
  });

  test("an --offsets slot with no LA is an error naming the option and the slot sizes", async () => {
    const one = tempDir("vsw-one-");
    const s = capture();
    assert.equal(await main(["synth", "--judgements", "one", "--out", one], s.io), 0, s.err.join(""));
    const c = capture();
    const code = await main(["analyse", one, "--outcome", "ofsted_overall", "--offsets", "2", "--resamples", "10", "--out", out], c.io);
    assert.notEqual(code, 0);
    assert.match(c.err.join(""), /vital-signs analyse: --offsets: slot "judgement 1 before it" has no LA with an outcome \(LAs per slot: 150 \/ 0\); use a smaller --offsets \(got 2\)/);
    const d = capture();
    assert.equal(await main(["analyse", one, "--outcome", "ofsted_overall", "--resamples", "10", "--out", out], d.io), 0, d.err.join(""));
    assert.match(d.out.join(""), /design: The LA is the unit: 5 complementary pairs of half-samples of the 150 LAs \(75 LAs each; 10 resamples\)/);
    // the empty earlier slots in one phrase, not each with the small-slot reason (user trial, round 26)
    assert.match(d.out.join(""), /Slots: latest judgement under the rule: 150 LAs; judgement 1 before it, judgement 2 before it: no LA has one\. /);
    assert.match(d.out.join(""), /error bound: (At most|The expected number of noise indicators)/);
  });

  test("the schema validator catches a missing or mistyped field", () => {
    const broken = { ...results, seed: "7" } as Record<string, unknown>;
    delete broken.vital_signs;
    const problems = validateAgainstSchema(broken, SCHEMA);
    assert.ok(problems.some((p) => /missing required property "vital_signs"/.test(p)));
    assert.ok(problems.some((p) => /\$\.seed: expected integer/.test(p)));
  });

  test("the outputs pass the disclosure scan (LA-level aggregates only)", async () => {
    const c = capture();
    const code = await main(["check-disclosure", path.join(out, "results.json"), path.join(out, "report.html"), path.join(out, "vital-signs-tables.xlsx")], c.io);
    assert.equal(code, 0, c.out.join("") + c.err.join(""));
  });

  test("--period aligns every LA on that year and --link/--date set the recorded rule", async () => {
    const out2 = tempDir("vsw-analyse-period-");
    const c = capture();
    const code = await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--period", "2022", "--link", "first-on-or-before", "--date", "2017-03-31", "--resamples", "50", "--out", out2], c.io);
    assert.equal(code, 0, c.err.join(""));
    const r = JSON.parse(fs.readFileSync(path.join(out2, "results.json"), "utf8"));
    assert.equal(r.period, 2022);
    assert.equal(r.alignment.kind, "analysis-period");
    assert.deepEqual(r.link_rule, {
      kind: "first-on-or-before", parameters: { outcome: "ofsted_overall", date: "2017-03-31" },
      description: "each LA's first ofsted_overall judgement, kept only if published on or before 2017-03-31",
      judgements_published: r.link_rule.judgements_published,
    });
    assert.ok(r.link_rule.judgements_published.last <= "2017-03-31", "judgements used were published by the rule's date");
    assert.deepEqual(validateAgainstSchema(r, SCHEMA), []);
  });

  test("--link attached-period without --period takes the latest period the package attaches a judgement to, not a later period of indicators only", () => {
    // the official folder's last period (2026) holds only the September 2025 workforce census: no judgement is attached to it
    const pkg = readPackage(DATASET);
    const before2023 = { ...pkg, outcomes: pkg.outcomes.filter(aq.escape((d: { period: number }) => d.period < 2023)) };
    const written = runAnalyse({ dir: DATASET, outcome: "ofsted_overall", link: "attached-period", context: ["idaci_score"], resamples: 50, out: tempDir("vsw-analyse-attached-") }, before2023);
    const r = written.results;
    assert.deepEqual(r.link_rule.parameters, { outcome: "ofsted_overall", period: 2022 });
    assert.equal(r.outcome.n_linked, 64, "the 64 judgements attached to 2022");
    assert.deepEqual(linkRuleFromArgs({ dir: "d", out: "o", outcome: "ofsted_overall", link: "attached-period", period: 2019 }, 2026, "2025-05-14", 2025), { kind: "attached-period", outcome: "ofsted_overall", period: 2019 });
  });

  test("an unknown outcome is a usage error naming the outcomes there are", async () => {
    const c = capture();
    const code = await main(["analyse", DATASET, "--outcome", "nope", "--out", out], c.io);
    assert.equal(code, 2);
    assert.match(c.err.join(""), /^vital-signs analyse: --outcome: not in outcomes.csv nor an indicator of the package \(have: ofsted_overall, or any of the \d+ indicators not tagged context\) \(got "nope"\)\n\nvital-signs analyse DIR/);
    const typo = capture();
    assert.equal(await main(["analyse", DATASET, "--outcome", "ofsted_overal", "--out", out], typo.io), 2);
    assert.match(typo.err.join(""), /--outcome: not in outcomes.csv nor an indicator of the package: did you mean "ofsted_overall"\?/);
  });

  test("draws a bootstrap progress bar only when stderr is a terminal; the results are the same either way", async () => {
    const run = async (isTTY: boolean) => {
      const dir = tempDir("vsw-analyse-progress-");
      const c = capture();
      const io = { ...c.io, isTTY };
      assert.equal(await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--seed", "7", "--resamples", "40", "--out", dir], io), 0, c.err.join(""));
      const r = JSON.parse(fs.readFileSync(path.join(dir, "results.json"), "utf8"));
      delete r.versions; // node and commit only
      return { err: c.err.join(""), results: r };
    };
    const tty = await run(true);
    const piped = await run(false);
    assert.match(tty.err, /^\rbootstrap \[-{30}\]   0% 0\/40\r/);
    assert.match(tty.err, /\rbootstrap \[#{30}\] 100% 40\/40\n$/);
    assert.equal(piped.err, "");
    assert.deepEqual(piped.results, tty.results);
  });

  test("missing --outcome exits 2 with usage", async () => {
    const c = capture();
    assert.equal(await main(["analyse", DATASET], c.io), 2);
    assert.match(c.err.join(""), /--outcome ID are required/);
    assert.ok(c.err.join("").includes(`vital-signs list ${DATASET}\` shows the package's outcomes`), "it says how to see the outcomes");
  });

  test("--method pearson, --indicators and two --context variables: signed r with intervals, context rows, the options recorded", async () => {
    const dir = tempDir("vsw-analyse-method-");
    const c = capture();
    const code = await main([
      "analyse", DATASET, "--outcome", "ofsted_overall", "--method", "pearson", "--indicators", "sw_*,child-safe,assessment_45d_pct",
      "--context", "idaci_score,imd_score", "--resamples", "30", "--out", dir,
    ], c.io);
    assert.equal(code, 0, c.err.join(""));
    const r = JSON.parse(fs.readFileSync(path.join(dir, "results.json"), "utf8"));
    assert.deepEqual(validateAgainstSchema(r, SCHEMA), []);
    assert.equal(r.correlation.method, "pearson");
    assert.deepEqual(r.context.variables, ["idaci_score", "imd_score"]);
    const ids = (r.associations as { indicator: string; domain: string }[]).map((a) => a.indicator);
    assert.ok(ids.includes("assessment_45d_pct") && ids.every((id, j) => id.startsWith("sw_") || r.associations[j].domain === "child-safe" || id === "assessment_45d_pct"), ids.join(","));
    for (const a of r.associations) {
      assert.equal(a.role, "indicator");
      assert.equal(a.method, "pearson");
      assert.equal(a.partial_n, a.n_complete);
      assert.ok(a.n_complete <= a.n);
      if (a.raw_r !== null) assert.ok(a.raw_r_lower <= a.raw_r && a.raw_r <= a.raw_r_upper, a.indicator);
      if (a.partial_r !== null) assert.ok(a.partial_r_lower <= a.partial_r && a.partial_r <= a.partial_r_upper, a.indicator);
    }
    assert.deepEqual(r.context_associations.map((x: { indicator: string; role: string }) => [x.indicator, x.role]), [["idaci_score", "context"], ["imd_score", "context"]]);
    assert.ok(r.context_associations.every((x: { partial_r: number | null }) => x.partial_r !== null), "each context variable is adjusted for the other");
    assert.equal(r.vital_signs.length, r.associations.length, "context rows are not candidates");
    const out = c.out.join("");
    assert.match(out, /correlation: pearson; raw and partial r on the same LAs/);
    assert.match(out, /context baseline: idaci_score raw r = -?\d\.\d\d \[-?\d\.\d+, -?\d\.\d+\], p [<\d.]+; partial r \| imd_score = /);
    assert.match(out, /values used: indicators of \d{4} \(\d+ LAs\)/);
    const html = fs.readFileSync(path.join(dir, "report.html"), "utf8");
    assert.match(html, />context \(baseline\)</);
    assert.match(html, /partial 95% CI/);
  });

  test("a bad --method is a usage error (exit 2) naming the option and the allowed values", async () => {
    const c = capture();
    assert.equal(await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--method", "kendall", "--out", out], c.io), 2);
    assert.match(c.err.join(""), /--method: must be one of pearson, spearman \(got "kendall"\)/);
    assert.match(c.err.join(""), /vital-signs analyse DIR --outcome ID/, "the usage follows");
  });

  test("bad --indicators and --context values are errors naming the option and what is allowed", async () => {
    const cases: [string[], RegExp][] = [
      [["--indicators", "sw_turnovr_pct"], /--indicators: unknown indicator \(nearest ids: sw_turnover_pct.*\(got "sw_turnovr_pct"\)/],
      [["--context", "idaci_score, idaci_score"], /--context: names a variable twice .*\(got "idaci_score"\)/],
      [["--context", "idaci_score,imd"], /--context: not a context variable nor an indicator of this package \(did you mean "imd_score"\?\) \(context variables: child_population, cin_rate_per_10k, idaci_score, imd_score; need and demand indicators: cla_rate_per_10k, .*; "none" for no adjustment\) \(got "imd"\)/],
    ];
    for (const [args, message] of cases) {
      const c = capture();
      assert.equal(await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--resamples", "10", "--out", out, ...args], c.io), 1, args.join(" "));
      assert.match(c.err.join(""), message);
    }
  });

  test("results.json period and values_used describe the indicator values used under judgement-period alignment", () => {
    const used = results.values_used as { indicator_periods: { period: number; las: number }[] };
    const periods = used.indicator_periods.map((p) => p.period);
    assert.equal(results.period, Math.max(...periods));
    assert.equal(used.indicator_periods.reduce((s, p) => s + p.las, 0) <= (results.outcome as { n_linked: number }).n_linked, true);
    const judged = (results.link_rule as { judgements_published: { first: string; last: string } }).judgements_published;
    assert.ok(judged.first <= judged.last);
    const link = results.link_rule as { parameters: { date: string } };
    assert.equal(link.parameters.date, judged.last, "without --period or --date the rule's date is the latest judgement in the package, not a date after the data");
  });
});

test("two LAs (--las): refused with the minimum and why, exit 1, nothing written (no resample could test anything)", async () => {
  const out = tempDir("vsw-analyse-two-las-");
  const las = fs.readFileSync(path.join(DATASET, "areas.csv"), "utf8").split("\n").slice(1, 3).map((l) => l.split(",")[0]);
  const c = capture();
  assert.equal(await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--las", las.join(","), "--resamples", "10", "--out", out], c.io), 1, c.out.join(""));
  assert.match(c.err.join(""), /too few LAs to resample: 2 LAs .* at least 8/);
  assert.ok(!fs.existsSync(path.join(out, "report.html")));
});
