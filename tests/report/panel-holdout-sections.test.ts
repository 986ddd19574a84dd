import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import { panelAnalysis } from "../../lib/vitals/panel";
import { distinguishingDecimals, holdout } from "../../lib/vitals/holdout";
import { holdoutGrades } from "../../lib/vitals/holdout-grades";
import { holdoutSections, panelSections, PANEL_ROLE_WORDS, skippedForAvailabilityLine, trainingLeftOutWords } from "../../lib/report/panel-holdout-sections";
import { reportHtml } from "../../lib/report/document";
import { reproducibilityStamp } from "../../lib/report/reproducibility";

const pkg = readPackage(path.join(__dirname, "../../datasets/pilot-synthetic"));

test("the within/between section lists every indicator with its role, levers first, and renders", () => {
  const a = panelAnalysis(pkg, { outcome: "cla_attainment8_avg", indicators: ["sw_turnover_pct", "cla_rate_per_10k", "rereferral_12m_pct"], lag: 1 });
  const [section] = panelSections(a);
  const table = section.blocks.find((b) => b.type === "table") as unknown as { rows: { indicator: string; role: string }[] };
  assert.deepEqual(new Set(table.rows.map((r) => r.indicator)), new Set(["sw_turnover_pct", "cla_rate_per_10k", "rereferral_12m_pct"]));
  const order = ["candidate lever", "between-LA marker", "no clear", "not estimable"].map((w) => table.rows.findIndex((r) => r.role.startsWith(w)));
  assert.ok(order.filter((i) => i >= 0).every((v, k, xs) => k === 0 || xs[k - 1] <= v));
  assert.match(reportHtml({ title: "t", sections: [section], stamp: reproducibilityStamp(pkg, { seed: null }) }), /Within LAs over time, and between LAs/);
});

test("a panel fitted with no context controls does not call its between-LA role a marker 'of context'", () => {
  const a = panelAnalysis(pkg, { outcome: "ofsted_overall" });
  assert.deepEqual(a.context.used, []);
  const [section] = panelSections(a);
  const table = section.blocks.find((b) => b.type === "table") as unknown as { rows: { role: string }[] };
  const text = JSON.stringify(section);
  assert.ok(a.indicators.some((r) => r.role === "marker-of-context"), "the fixture has a between-LA marker to word");
  assert.ok(table.rows.some((r) => r.role === "between-LA marker (differs between LAs; no clear within-LA association)"));
  assert.doesNotMatch(text, /marker of context|marker\(s\) of context/);
  assert.match(a.rule, /^candidate lever: .*; between-LA marker \(role code marker-of-context\): .*no control for context/);
});

test("a between-LA marker's words say its within-LA association is not clear, not that there is none (its within q is only ≥ 0.05)", () => {
  const a = panelAnalysis(pkg, { outcome: "ofsted_overall" });
  const markers = a.indicators.filter((r) => r.role === "marker-of-context");
  assert.ok(markers.length > 0, "the fixture has a between-LA marker to word");
  const words = [PANEL_ROLE_WORDS["marker-of-context"], a.rule, JSON.stringify(panelSections(a))].join("\n");
  assert.doesNotMatch(words, /differs between LAs only|without moving with them/);
  assert.match(PANEL_ROLE_WORDS["marker-of-context"], /no clear within-LA association/);
  assert.match(a.rule, /between-LA marker \(role code marker-of-context\): .*no clear within-LA association \(absence of evidence/);
});

test("the hold-out section has one table per origin with every model, for a grade and for a continuous outcome", () => {
  const g = holdoutSections(holdoutGrades(pkg, { outcome: "ofsted_overall", trainUntil: [2019, 2020], resamples: 20 }))[0];
  const c = holdoutSections(holdout(pkg, { outcome: "cla_attainment8_avg", trainUntil: [2020], resamples: 20 }))[0];
  const tables = (s: typeof g) => s.blocks.filter((b) => b.type === "table") as unknown as { rows: Record<string, string>[] }[];
  assert.equal(tables(g).length, 2);
  assert.deepEqual(tables(g)[0].rows.map((r) => r.model), ["context-only", "persistence", "neighbour-grades", "vital-signs"]);
  assert.match(tables(g)[0].rows[0].log_loss, /^\d\.\d{3} \[/);
  assert.equal(tables(c).length, 1);
  assert.ok("R2" in tables(c)[0].rows[0]);
  assert.ok(g.blocks.some((b) => b.type === "text" && /deprivation/.test(b.markdown)));
  const html = reportHtml({ title: "t", sections: [g, c], stamp: reproducibilityStamp(pkg, { seed: null }) });
  assert.match(html, /Do the vital signs predict what happens next\?/);
  // the grade hold-out is an out-of-time check of the association, not a forecast: its heading says so
  assert.equal(g.heading, "Does the association hold for later judgements?");
  assert.match(html, /Does the association hold for later judgements\?/);
  // what every model is scored on: the test set depends on the vital signs chosen, so the report gives its size
  const result = holdout(pkg, { outcome: "cla_attainment8_avg", trainUntil: [2020], resamples: 20 });
  const o = result.origins[0];
  const text = holdoutSections(result)[0].blocks.filter((b) => b.type === "text").map((b) => (b as { markdown: string }).markdown).join("\n");
  assert.ok(text.includes(`every model scored on the same ${o.nTest.toLocaleString("en-GB")} later LA-years of ${o.nLas} LAs`), text);
  assert.match(g.blocks.map((b) => (b.type === "text" ? b.markdown : "")).join("\n"), /every model scored on the same [\d,]+ later judgements/);
});

test("the training left out of every fit are named under the variables each LA lacks, and a variable read at its first year is said to lack that year (a check of the fixes, round 23)", () => {
  const both = { laCode: "E06000028", years: [2016, 2017], missingContext: ["idaci_score", "imd_score"] };
  const idaci = { laCode: "E06000061", years: [2022], missingContext: ["idaci_score"] };
  assert.equal(trainingLeftOutWords([both], 2022), "2 training LA-years with the outcome are in no fit, their LA having no value of idaci_score, imd_score up to 2022: E06000028 (2016–2017)");
  assert.equal(
    trainingLeftOutWords([both, idaci], 2022, "judgements"),
    "3 training judgements are in no fit, their LA having no value of idaci_score, imd_score up to 2022: E06000028 (2016–2017); no value of idaci_score up to 2022: E06000061 (2022)",
  );
  const late = [{ variable: "idaci_score", period: 2019 }, { variable: "imd_score", period: 2019 }];
  assert.equal(
    trainingLeftOutWords([both], 2017, "LA-years", late),
    "2 training LA-years with the outcome are in no fit, their LA having no value of idaci_score in 2019, the year it is read (it has no value up to 2017); imd_score in 2019, the year it is read (it has no value up to 2017): E06000028 (2016–2017)",
  );
});

test("under the table the section says what the removal of singletons took out, years left with one LA by name (audit, round 25)", () => {
  const a = panelAnalysis(pkg, { outcome: "cla_attainment8_avg", indicators: ["sw_turnover_pct", "cla_rate_per_10k"], lag: 1 });
  const texts = (x: typeof a) => panelSections(x)[0].blocks.filter((b) => b.type === "text").map((b) => (b as { markdown: string }).markdown);
  // a synthetic balanced panel has no singleton: nothing is said
  assert.ok(a.indicators.every((r) => r.singletonLas === 0 && r.singletonYears.length === 0));
  assert.ok(!texts(a).some((t) => t.startsWith("Removed from the within estimates")));
  const withYear = { ...a, indicators: a.indicators.map((r, k) => ({ ...r, singletonLas: 45 + k, singletonYears: ["2017"] })) };
  assert.ok(texts(withYear).includes("Removed from the within estimates as singletons: up to 46 LA(s) with a single year per indicator, and year 2017 left with a single LA (removed until none is left, as reghdfe does; fixest's feols keeps them, so its n, G and CR1 SE can differ slightly). LAs (between) counts every LA."));
});

test("the candidates a hold-out skipped for want of values beside those chosen are named with their pairs and LAs (audit, round 25)", () => {
  assert.equal(skippedForAvailabilityLine([], 30), "");
  // the official care leavers' EET hold-out trained until 2022: KS2 has no 2020-21 values, so no pair in common
  assert.equal(
    skippedForAvailabilityLine([{ indicator: "lait_cin_ks2_expstd_r", pairs: 0, atOrigin: 93 }, { indicator: "cin_ks2_rwm_expected_pct", pairs: 0, atOrigin: 93 }], 30),
    "skipped for want of values beside those chosen before (at least 30 complete training pairs and LAs at the train-until year needed): lait_cin_ks2_expstd_r (0 pairs, 93 LAs), cin_ks2_rwm_expected_pct (0 pairs, 93 LAs)\n",
  );
});

test("the report's hold-out paragraph gives the terminal's lines as sentences, not run together (user trial, round 26)", () => {
  const result = holdout(pkg, { outcome: "cla_attainment8_avg", trainUntil: [2020], resamples: 20 });
  const o = result.origins[0];
  const withBoth = {
    ...result,
    origins: [{ ...o, nearDuplicates: [{ indicator: "x_pct", of: "y_pct", r: 0.95 }], skippedForAvailability: [{ indicator: "z_pct", pairs: 0, atOrigin: 93 }] }],
  } as typeof result;
  const text = holdoutSections(withBoth)[0].blocks.filter((b) => b.type === "text").map((b) => (b as { markdown: string }).markdown).join("\n");
  assert.match(text, /\. Left out as near-duplicates of one chosen before: x_pct \(of y_pct, partial r 0\.95\)\. Skipped for want of values beside those chosen before \(.*\): z_pct \(0 pairs, 93 LAs\)\. Fitted on /);
});

test("two models' R² (or RMSE) that differ print apart: a tie at 3 decimals gets the decimals that tell them apart (user trial, round 26)", () => {
  const result = holdout(pkg, { outcome: "cla_attainment8_avg", trainUntil: [2020], resamples: 20 });
  const o = result.origins[0];
  const base = o.scores[0];
  // the trial's care leavers' case: 0.0684469 against 0.0684523, RMSE 8.22055 against 8.22052
  const scores = o.scores.map((s, k) => (k === 0 ? { ...s, r2: 0.0684469, rmse: 8.22055 } : k === o.scores.length - 1 ? { ...s, r2: 0.0684523, rmse: 8.22052 } : { ...s, r2: 0.4141, rmse: 6.5192 }));
  const table = holdoutSections({ ...result, origins: [{ ...o, scores }] })[0].blocks.find((b) => b.type === "table") as unknown as { rows: Record<string, string>[] };
  assert.deepEqual(table.rows.map((r) => r.R2.split(" ")[0]), ["0.0684", "0.4141", "0.4141", "0.0685"]);
  assert.deepEqual(table.rows.map((r) => r.RMSE.split(" ")[0]), ["8.22055", "6.51920", "6.51920", "8.22052"]);
  assert.equal(distinguishingDecimals([base.r2, base.r2]), 3, "equal scores print alike, at 3 decimals");
  assert.equal(distinguishingDecimals([0.12, 0.5, NaN]), 3);
  assert.equal(distinguishingDecimals([1, 1 + 1e-12]), 7, "at most 7");
});
