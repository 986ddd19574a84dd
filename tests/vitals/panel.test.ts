import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aq from "arquero";
import type { DataPackage } from "../../lib/data/types";
import { readPackage } from "../../lib/data/package";
import { twoWayFixedEffects } from "../../lib/stats/panel";
import { buildLaYearPanel, nearestIds, panelAnalysis, PANEL_ALPHA } from "../../lib/vitals/panel";
import { InputError } from "../../lib/errors";
import { OUTCOME_EXCLUSION_RULE } from "../../lib/vitals/candidate-exclusions";
import { singletonNotes } from "../../lib/vitals/panel-cells";
import { assertClose, CLOSED_FORM_TOLERANCE, type Json } from "../reference/load-reference";

const TOL = CLOSED_FORM_TOLERANCE;
const REF_DIR = path.join(__dirname, "..", "reference");
const ref: Json = JSON.parse(fs.readFileSync(path.join(REF_DIR, "panel-reference.json"), "utf8"), (_k, v) => (v === null ? NaN : v));
const PILOT = path.join(__dirname, "../../datasets/pilot-synthetic");

/**
 * A minimal package in memory from the official fixture of panel.R: y, x1, x2 as indicators of the
 * same LA codes and years, plus a context variable that is constant within LAs and one that varies.
 */
function fixturePackage(): DataPackage {
  const lines = fs.readFileSync(path.join(REF_DIR, "fixtures", "panel-official.csv"), "utf8").trim().split("\n").slice(1);
  const la: string[] = [];
  const period: number[] = [];
  const indicator: string[] = [];
  const value: (number | null)[] = [];
  const ctx = { la_code: [] as string[], period: [] as number[], variable: [] as string[], value: [] as number[] };
  const seen = new Set<string>();
  for (const line of lines) {
    const [u, t, ...vals] = line.split(",").map((v) => v.replace(/"/g, ""));
    ["y", "x1", "x2"].forEach((id, j) => {
      la.push(u);
      period.push(Number(t));
      indicator.push(id);
      value.push(vals[j] === "" ? null : Number(vals[j]));
    });
    ctx.la_code.push(u, u);
    ctx.period.push(Number(t), Number(t));
    ctx.variable.push("static_score", "moving_score");
    ctx.value.push(u.charCodeAt(8), (Number(t) % 7) * (u.charCodeAt(8) % 3) + u.charCodeAt(7));
    seen.add(u);
  }
  const codes = [...seen];
  return {
    dir: "memory",
    descriptor: { name: "fixture", title: "fixture", resources: [] } as never,
    areas: aq.table({ la_code: codes, la_name: codes, region_code: codes.map(() => "R"), region_name: codes.map(() => "R"), old_la_code: codes.map(() => ""), first_period: codes.map((c) => (c === "E06000058" ? 2020 : null)), last_period: codes.map(() => null) }),
    catalogue: aq.table({ indicator: ["y", "x1", "x2"], label: ["care leavers EET", "SW turnover", "repeat CP plans"], polarity: ["up", "down", "down"] }),
    indicators: aq.table({ la_code: la, period, indicator, value }),
    context: aq.table(ctx),
    outcomes: aq.table({ la_code: ["E06000001"], outcome: ["ofsted_overall"], value: [2], label: ["Good"], date: ["2019-01-01"], period: [2019] }),
  };
}

describe("panelAnalysis", () => {
  const pkg = fixturePackage();

  it("reproduces the R references per indicator and jointly when the panel is built from a package", () => {
    const a = panelAnalysis(pkg, { outcome: "y", indicators: ["x1", "x2"], se: "cr1" });
    const [r1, r2] = a.indicators;
    for (const [row, c] of [[r1, ref.official_x1], [r2, ref.official_x2]] as const) {
      assertClose(row.withinCoef, c.coef[0], TOL, `${row.indicator} coef`);
      assertClose(row.withinSe, c.cr1.se[0], TOL, `${row.indicator} CR1 se`);
      assertClose(row.withinP, c.cr1.p[0], TOL, `${row.indicator} CR1 p`);
      assertClose(row.hc0.se, c.hc0.se[0], TOL, `${row.indicator} HC0 se`);
      assertClose(row.hc0.p, c.hc0.p[0], TOL, `${row.indicator} HC0 p`);
      assertClose(row.betweenR, c.between.r[0], TOL, `${row.indicator} between r`);
      assert.equal(row.nObs, c.n);
      assert.equal(row.nLas, c.n_units);
      assert.equal(row.nYears, c.n_times);
      assert.equal(row.singletonLas, c.singleton_units);
      // the between correlation keeps the single-year LAs the within estimate drops
      assert.equal(row.betweenLas, c.n_units + c.singleton_units, `${row.indicator} between LAs`);
    }
    assert.ok(a.joint, "two chosen indicators give a joint model");
    a.joint!.terms.forEach((t, j) => {
      assertClose(t.withinCoef, ref.official_two.coef[j], TOL, `joint ${t.name}`);
      assertClose(t.withinSe, ref.official_two.cr1.se[j], TOL, `joint ${t.name} se`);
    });
    assert.equal(a.seConvention, "cr1");
    assert.match(a.seLabel, /fixest.s default ssc/);
    assert.equal(panelAnalysis(pkg, { outcome: "y", indicators: ["x1"], se: "hc0" }).indicators[0].withinSe, r1.hc0.se);
  });

  it("puts the indicator of year t against the outcome of year t + lag", () => {
    const lag = 2;
    const a = panelAnalysis(pkg, { outcome: "y", indicators: ["x1"], lag });
    const rows = pkg.indicators.objects() as { la_code: string; period: number; indicator: string; value: number | null }[];
    const val = new Map(rows.map((r) => [`${r.indicator}|${r.la_code}|${r.period}`, r.value ?? NaN]));
    const cells = rows.filter((r) => r.indicator === "x1");
    const y = cells.map((r) => val.get(`y|${r.la_code}|${r.period + lag}`) ?? NaN);
    const x = cells.map((r) => r.value ?? NaN);
    const direct = twoWayFixedEffects(y, [x], cells.map((r) => r.la_code), cells.map((r) => r.period));
    assertClose(a.indicators[0].withinCoef, direct.coefficients[0].estimate, 1e-10, "lagged coefficient");
    assertClose(a.indicators[0].withinSe, direct.coefficients[0].cr1.se, 1e-10, "lagged CR1 se");
    assert.equal(a.indicators[0].nObs, direct.n);
    assert.equal(a.lag, lag);
  });

  it("uses context that varies within LAs as a control and reports context constant within LAs as absorbed", () => {
    const a = panelAnalysis(pkg, { outcome: "y", indicators: ["x1"], context: ["static_score", "moving_score"] });
    assert.deepEqual(a.context, { used: ["moving_score"], absorbed: ["static_score"] });
    const plain = panelAnalysis(pkg, { outcome: "y", indicators: ["x1"] });
    assert.notEqual(a.indicators[0].withinCoef, plain.indicators[0].withinCoef, "the control changes the estimate");
  });

  it("labels each indicator by the documented rule and counts reorganised LAs", () => {
    const a = panelAnalysis(pkg, { outcome: "y" });
    for (const r of a.indicators) {
      const expected = r.withinQ < PANEL_ALPHA ? "candidate-lever" : r.betweenQ < PANEL_ALPHA ? "marker-of-context" : "no-clear-association";
      assert.equal(r.role, expected, r.indicator);
    }
    assert.deepEqual(a.reorganisedLas, ["E06000058"]);
    assert.equal(a.indicators[0].reorganisedLas, 1);
  });

  it("counts as reorganised only the LAs whose code was created or abolished within the periods the panel reads", () => {
    const first = panelAnalysis(pkg, { outcome: "y" }).years[0];
    const codes = pkg.areas.array("la_code") as string[];
    // created in the panel's first year, as Dorset (2020) in a 2022–2024 panel: the same unit throughout, not reorganised
    const createdBefore = { ...pkg, areas: pkg.areas.derive({ first_period: aq.escape((d: { la_code: string }) => (d.la_code === "E06000058" ? first : null)) }) };
    const before = panelAnalysis(createdBefore, { outcome: "y" });
    assert.deepEqual(before.reorganisedLas, []);
    assert.equal(before.indicators[0].reorganisedLas, 0);
    // abolished before the last period the panel reads (the outcome year t + lag): a separate unit before and after
    const last = panelAnalysis(pkg, { outcome: "y", lag: 1 }).years.at(-1)! + 1;
    const abolished = { ...pkg, areas: pkg.areas.derive({ last_period: aq.escape((d: { la_code: string }) => (d.la_code === codes[0] ? last - 1 : null)) }) };
    assert.ok(panelAnalysis(abolished, { outcome: "y", lag: 1 }).reorganisedLas.includes(codes[0]));
    const abolishedAfter = { ...pkg, areas: pkg.areas.derive({ last_period: aq.escape((d: { la_code: string }) => (d.la_code === codes[0] ? last : null)) }) };
    assert.ok(!panelAnalysis(abolishedAfter, { outcome: "y", lag: 1 }).reorganisedLas.includes(codes[0]));
  });

  it("takes an outcome from outcomes.csv (Ofsted grades by period) as well as an indicator", () => {
    const pilot = readPackage(PILOT);
    const three = (pilot.catalogue.array("indicator") as string[]).slice(0, 3);
    const a = panelAnalysis(pilot, { outcome: "ofsted_overall", indicators: three });
    assert.deepEqual(a.indicators.map((r) => r.indicator), three);
    assert.ok(a.indicators.every((r) => r.nObs > 0 && Number.isFinite(r.withinCoef)), "judgements spread over periods give a within estimate");
    assert.equal(a.outcome.source, "outcomes");
    assert.equal(a.outcome.polarity, "down");
    assert.ok(a.years.length >= 2);
  });

  it("rejects an unknown outcome listing the nearest ids, a lag beyond the data, a one-year panel, unknown indicators and context", () => {
    assert.throws(() => panelAnalysis(pkg, { outcome: "x" }), (e: Error) => e instanceof InputError && /nearest: x1, x2/.test(e.message));
    assert.throws(() => panelAnalysis(pkg, { outcome: "y", lag: 40 }), /--lag 40 goes beyond the data/);
    assert.throws(() => panelAnalysis(pkg, { outcome: "y", lag: -1 }), /--lag must be a whole number/);
    assert.throws(() => panelAnalysis(pkg, { outcome: "y", indicators: ["x3"] }), /--indicators must be indicator ids.*x3: nearest/);
    assert.throws(() => panelAnalysis(pkg, { outcome: "y", context: ["idaci"] }), /--context must be variables of context.csv/);
    const years = [...new Set(pkg.indicators.array("period") as number[])].sort((a, b) => a - b);
    const rows = pkg.indicators.objects() as { period: number; indicator: string; value: number | null }[];
    const lastOutcomeYear = Math.max(...rows.filter((r) => r.indicator === "y" && r.value !== null).map((r) => r.period));
    assert.throws(() => panelAnalysis(pkg, { outcome: "y", lag: lastOutcomeYear - years[0] }), /a panel needs at least two years.*only \d{4} has them/);
    assert.throws(() => panelAnalysis(pkg, { outcome: "y", se: "hc1" as never }), /--se must be cr1 or hc0/);
    assert.equal(buildLaYearPanel(pkg, { outcome: "y", lag: 1 }).years[0], 2013, "the grid starts at the first indicator year with an outcome a year later");
  });

  it("lists the nearest ids, containing ones first", () => {
    assert.deepEqual(nearestIds("cla_rate", ["cin_rate_per_10k", "cla_rate_per_10k", "zzz"], 2), ["cla_rate_per_10k", "cin_rate_per_10k"]);
  });
});

/**
 * 30 LAs, 2018–2023, tagged as the official catalogue is: `eet_pct` (a leaving-care child outcome) moves within LAs
 * with last year's `lever_pct`; `neet_pct` = 100 − eet (its complement) and `accom_pct` (another leaving-care child
 * outcome, a noisy copy of it) would "predict" it by construction; `absence_pct` is a child outcome of another area.
 * Every LA has an Ofsted grade in each year, so the same package serves a grade outcome.
 */
function taggedPackage(): DataPackage {
  const codes = Array.from({ length: 30 }, (_, i) => `E069${String(i + 1).padStart(5, "0")}`);
  const years = [2018, 2019, 2020, 2021, 2022, 2023];
  const rows = { la_code: [] as string[], period: [] as number[], indicator: [] as string[], value: [] as number[] };
  const grades = { la_code: [] as string[], outcome: [] as string[], value: [] as number[], label: [] as string[], date: [] as string[], period: [] as number[] };
  const lever = (i: number, t: number) => 20 + ((i * 7 + t * 3) % 30);
  codes.forEach((la, i) => {
    for (const t of years) {
      const eet = 40 + 0.5 * lever(i, t - 1) + ((i * 13) % 5) + ((i + t) % 3);
      const values: [string, number][] = [["lever_pct", lever(i, t)], ["eet_pct", eet], ["neet_pct", 100 - eet], ["accom_pct", eet + ((i * t) % 4)], ["absence_pct", 5 + ((i * 11 + t) % 7)]];
      for (const [indicator, value] of values) {
        rows.la_code.push(la);
        rows.period.push(t);
        rows.indicator.push(indicator);
        rows.value.push(value);
      }
      grades.la_code.push(la);
      grades.outcome.push("ofsted_overall");
      grades.value.push(1 + ((i + t) % 4));
      grades.label.push("grade");
      grades.date.push(`${t}-06-01`);
      grades.period.push(t);
    }
  });
  return {
    dir: "memory",
    descriptor: { name: "tagged", title: "tagged", resources: [] } as never,
    areas: aq.table({ la_code: codes, first_period: codes.map(() => null), last_period: codes.map(() => null) }),
    catalogue: aq.table({
      indicator: ["lever_pct", "eet_pct", "neet_pct", "accom_pct", "absence_pct"],
      label: ["lever", "EET", "NEET", "suitable accommodation", "absence"],
      polarity: ["up", "up", "down", "up", "down"],
      framework_role: ["practice", "child-outcome", "child-outcome", "child-outcome", "child-outcome"],
      framework_area: ["family-help", "leaving-care", "leaving-care", "leaving-care", "education"],
    }),
    indicators: aq.table(rows),
    context: aq.table({ la_code: codes, period: codes.map(() => 2019), variable: codes.map(() => "idaci_score"), value: codes.map((_, i) => 0.1 + ((i * 17) % 23) / 100) }),
    outcomes: aq.table(grades),
  };
}

describe("panelAnalysis of an indicator outcome: its own measures are not candidates (as in analyse)", () => {
  const pkg = taggedPackage();

  it("leaves out the outcome, its complement and the other child outcome of its area by default, and records them", () => {
    const a = panelAnalysis(pkg, { outcome: "eet_pct", lag: 1 });
    assert.deepEqual(a.indicators.map((r) => r.indicator), ["lever_pct", "absence_pct"]);
    assert.deepEqual(a.exclusions?.excluded.map((e) => e.indicator), ["eet_pct", "neet_pct", "accom_pct"]);
    assert.equal(a.exclusions?.rule, OUTCOME_EXCLUSION_RULE);
    assert.match(a.exclusions!.excluded[1].reason, /another child outcome of the outcome's framework area \(leaving-care\)/);
  });

  it("leaves out an own measure listed in --indicators too, recording only the listed ones; none left is an error", () => {
    const a = panelAnalysis(pkg, { outcome: "eet_pct", indicators: ["lever_pct", "neet_pct", "absence_pct"], lag: 1 });
    assert.deepEqual(a.indicators.map((r) => r.indicator), ["lever_pct", "absence_pct"]);
    assert.deepEqual(a.exclusions?.excluded.map((e) => e.indicator), ["neet_pct"]);
    assert.deepEqual(a.joint?.terms.map((t) => t.name), ["lever_pct", "absence_pct"], "the joint model holds the candidates left");
    assert.deepEqual(panelAnalysis(pkg, { outcome: "eet_pct", indicators: ["lever_pct"], lag: 1 }).exclusions?.excluded, []);
    assert.throws(() => panelAnalysis(pkg, { outcome: "eet_pct", indicators: ["neet_pct", "eet_pct"], lag: 1 }), /panel: no candidate indicator is left once the outcome and its own measures are left out/);
  });

  it("leaves nothing out for an Ofsted grade (outcomes.csv): it is not an indicator", () => {
    const a = panelAnalysis(pkg, { outcome: "ofsted_overall" });
    assert.deepEqual(a.indicators.map((r) => r.indicator), ["lever_pct", "eet_pct", "neet_pct", "accom_pct", "absence_pct"]);
    assert.equal(a.exclusions, undefined);
  });
});

it("the notes name a year left with a single LA beside the count of single-year LAs (audit, round 25: the grade panel's 2017)", () => {
  assert.deepEqual(singletonNotes({ singletonUnits: 45, singletonTimes: ["2017"] }), [
    "45 LA(s) with a single year dropped from the within estimate",
    "year 2017 left with a single LA dropped from the within estimate too (singletons are removed until none is left, as reghdfe does)",
  ]);
  assert.deepEqual(singletonNotes({ singletonUnits: 0, singletonTimes: ["2016", "2017"] }), ["years 2016 and 2017 left with a single LA dropped from the within estimate too (singletons are removed until none is left, as reghdfe does)"]);
  assert.deepEqual(singletonNotes({ singletonUnits: 0, singletonTimes: [] }), []);
});
