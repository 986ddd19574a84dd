import { describe, it, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aq from "arquero";
import type { DataPackage } from "../../lib/data/types";
import { createRng } from "../../lib/stats/random";
import { holdout, nearDuplicateOf, screenTrainingCandidate, HOLDOUT_MIN_PAIRS, r2ChangeText } from "../../lib/vitals/holdout";
import { REDUNDANCY_R } from "../../lib/vitals/selection";
import { holdoutSections } from "../../lib/report/panel-holdout-sections";
import { OUTCOME_EXCLUSION_RULE } from "../../lib/vitals/candidate-exclusions";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";
import { partialCorrelation } from "../../lib/stats/partial-correlation";
import { ols } from "../../lib/stats/ols";
import { assertClose, CLOSED_FORM_TOLERANCE, readPanelFixture } from "../reference/load-reference";

const N_LA = 60;
const YEARS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022];

/**
 * A seeded panel with a planted truth: next year's outcome rises by 3 per unit of `driver` (persistent
 * within each LA), falls with deprivation, and carries an LA level; `noise` is unrelated. `change` edits
 * outcomes after a year; after `reverseAfter` the driver's effect changes sign.
 */
function planted(change?: { after: number; add: number }, effect = 3, reverseAfter = Infinity): DataPackage {
  const rng = createRng(2014);
  const la: string[] = [], period: number[] = [], indicator: string[] = [], value: (number | null)[] = [];
  const ctx = { la_code: [] as string[], period: [] as number[], variable: [] as string[], value: [] as number[] };
  const codes = Array.from({ length: N_LA }, (_, i) => `E0690${String(i).padStart(4, "0")}`);
  codes.forEach((code) => {
    const idaci = 0.1 + 0.3 * rng.nextFloat();
    const level = 3 * rng.nextNormal();
    const driverLevel = 5 + 2 * rng.nextNormal(); // persistent within the LA, so this year's value informs later years
    ctx.la_code.push(code, code);
    ctx.period.push(2019, 2019);
    ctx.variable.push("idaci_score", "imd_score");
    ctx.value.push(idaci, 40 * idaci + rng.nextNormal());
    let driverPrev = NaN;
    for (const t of YEARS) {
      const driver = driverLevel + 0.5 * rng.nextNormal();
      const noise = rng.nextNormal();
      const slope = t > reverseAfter ? -effect : effect;
      let y = 60 - 30 * idaci + level + (Number.isNaN(driverPrev) ? 0 : slope * (driverPrev - 5)) + rng.nextNormal();
      if (change && t > change.after) y += change.add;
      for (const [id, v] of [["outcome", y], ["driver", driver], ["noise", noise]] as const) {
        la.push(code);
        period.push(t);
        indicator.push(id);
        value.push(v);
      }
      driverPrev = driver;
    }
  });
  return {
    dir: "memory",
    descriptor: { name: "planted", title: "planted", resources: [] } as never,
    areas: aq.table({ la_code: codes, first_period: codes.map(() => null), last_period: codes.map(() => null) }),
    catalogue: aq.table({ indicator: ["outcome", "driver", "noise"], label: ["outcome", "driver", "noise"], polarity: ["up", "up", "none"] }),
    indicators: aq.table({ la_code: la, period, indicator, value }),
    context: aq.table(ctx),
    outcomes: aq.table({ la_code: [codes[0]], outcome: ["ofsted_overall"], value: [2], label: ["Good"], date: ["2019-01-01"], period: [2019] }),
  };
}

/**
 * The package with a need measure allowed for as context that changes every year (as a CIN rate does): LA k's value
 * in year t is 100 + 2k + 5(t − 2015), plus `later` after 2019.
 */
function withDemand(base: DataPackage, later = 0): DataPackage {
  const codes = [...new Set(base.indicators.array("la_code") as string[])];
  const rows = codes.flatMap((code, k) => YEARS.map((t) => ({ la_code: code, period: t, variable: "demand", value: 100 + 2 * k + 5 * (t - 2015) + (t > 2019 ? later : 0) })));
  return { ...base, context: aq.from([...(base.context.objects() as object[]), ...rows]) };
}

describe("holdout", () => {
  const pkg = planted();

  it("reads a context that changes by year for the pair's own year t, and for the train-until year to predict (it read each LA's latest)", () => {
    const T0 = 2019;
    const spec = { outcome: "outcome", trainUntil: [T0], context: ["idaci_score", "demand"], resamples: 50 };
    const a = holdout(withDemand(pkg), spec).origins[0];
    // nothing of a year after train-until is read: rewriting those context values changes nothing at all
    assert.deepEqual(holdout(withDemand(pkg, 1000), spec).origins[0], a);
    // the context-only model by hand: y(t + 1) on IDACI and demand of year t, predicting from demand of T0
    const data = withDemand(pkg);
    const codes = [...new Set(data.indicators.array("la_code") as string[])];
    const y = new Map((data.indicators.objects() as { la_code: string; period: number; indicator: string; value: number }[]).filter((r) => r.indicator === "outcome").map((r) => [`${r.la_code}|${r.period}`, r.value]));
    const idaci = new Map((data.context.objects() as { la_code: string; variable: string; value: number }[]).filter((r) => r.variable === "idaci_score").map((r) => [r.la_code, r.value]));
    const demand = (k: number, t: number) => 100 + 2 * k + 5 * (Math.max(t, YEARS[0]) - 2015); // 2014 reads 2015, the nearest
    const train = codes.flatMap((code, k) => YEARS.filter((u) => u <= T0).map((u) => ({ y: y.get(`${code}|${u}`)!, x: [idaci.get(code)!, demand(k, u - 1)] })));
    const fit = ols(train.map((r) => r.y), [train.map((r) => r.x[0]), train.map((r) => r.x[1])]);
    const mean = train.reduce((s, r) => s + r.y, 0) / train.length;
    let sse = 0;
    let sst = 0;
    codes.forEach((code, k) => {
      for (const t of YEARS.filter((u) => u > T0)) {
        const pred = fit.coefficients[0].estimate + fit.coefficients[1].estimate * idaci.get(code)! + fit.coefficients[2].estimate * demand(k, T0);
        sse += (y.get(`${code}|${t}`)! - pred) ** 2;
        sst += (y.get(`${code}|${t}`)! - mean) ** 2;
      }
    });
    assert.equal(a.nTrain, train.length);
    assertClose(a.scores.find((s) => s.model === "context-only")!.r2, 1 - sse / sst, 1e-10, "context-only R²");
  });

  it("reads a context with no value up to train-until (IoD 2019, trained until 2018) at its first year, and says so (it stopped with 'ols: no complete rows')", () => {
    const T0 = 2018;
    const o = holdout(pkg, { outcome: "outcome", trainUntil: [T0], resamples: 50 }).origins[0];
    assert.deepEqual(o.contextAfterTrainUntil, [{ variable: "idaci_score", period: 2019 }, { variable: "imd_score", period: 2019 }]);
    assert.match(o.verdictText, / idaci_score, imd_score have no value up to 2018: their first year's values \(2019\), published after train-until, are read for every year, as each LA's fixed character\.$/);
    assert.equal(o.nTrain, N_LA * YEARS.filter((t) => t <= T0).length);
    // the values read are 2019's: the same package with them labelled 2018 gives the same fit and scores
    const relabelled: DataPackage = { ...pkg, context: pkg.context.derive({ period: () => 2018 }) };
    const same = holdout(relabelled, { outcome: "outcome", trainUntil: [T0], resamples: 50 }).origins[0];
    assert.deepEqual(same.contextAfterTrainUntil, []);
    assert.deepEqual({ ...o, contextAfterTrainUntil: [], verdictText: "" }, { ...same, verdictText: "" });
  });

  it("refuses an outcome published for one year in the hold-out's words, not the panel's", () => {
    const oneYear: DataPackage = { ...pkg, indicators: pkg.indicators.filter((r: { indicator: string; period: number }) => r.indicator !== "outcome" || r.period === 2015) };
    assert.throws(() => holdout(oneYear, { outcome: "outcome", trainUntil: [2019] }), (e: Error) => {
      assert.match(e.message, /^holdout: --outcome outcome has values for 2015 only: a hold-out trains on the outcome up to --train-until and tests on the years after it/);
      assert.doesNotMatch(e.message, /panel/);
      return true;
    });
  });

  it("chooses the planted driver on training data only, and finds it adds beyond deprivation out of sample", () => {
    const r = holdout(pkg, { outcome: "outcome", trainUntil: [2019, 2020], resamples: 300 });
    assert.deepEqual(r.context, ["idaci_score", "imd_score"]);
    for (const o of r.origins) {
      assert.deepEqual(o.vitalSigns.map((v) => v.indicator), ["driver"], `${o.trainUntil}: only the driver`);
      assert.deepEqual(o.scores.map((s) => s.model), ["context-only", "persistence", "neighbour-median", "vital-signs"]);
      for (const s of o.scores) {
        assert.ok(s.r2Lower <= s.r2 && s.r2 <= s.r2Upper, `${s.model}: interval contains the estimate`);
        assert.ok(s.rmseLower <= s.rmse && s.rmse <= s.rmseUpper);
      }
      assert.equal(o.verdict, "adds-beyond-deprivation");
      assert.ok(o.gainOverContext.r2Lower > 0);
      assert.deepEqual(o.testYears, YEARS.filter((t) => t > o.trainUntil));
      assert.equal(o.nLas, N_LA);
      assert.equal(o.nTest, N_LA * o.testYears.length);
    }
  });

  it("scores persistence as 1 − SSE / Σ(y − training mean)² against each LA's last training outcome", () => {
    const T0 = 2020;
    const o = holdout(pkg, { outcome: "outcome", trainUntil: [T0], resamples: 50 }).origins[0];
    const rows = pkg.indicators.objects() as { la_code: string; period: number; indicator: string; value: number }[];
    const y = rows.filter((r) => r.indicator === "outcome");
    const at = new Map(y.map((r) => [`${r.la_code}|${r.period}`, r.value]));
    // every outcome up to T0 is a training target, the first year's too (its pair's year t = 2014 has no outcome)
    const train = y.filter((r) => r.period <= T0);
    const trainMean = train.reduce((a, r) => a + r.value, 0) / train.length;
    let sse = 0;
    let sst = 0;
    for (const r of y.filter((r) => r.period > T0)) {
      sse += (r.value - at.get(`${r.la_code}|${T0}`)!) ** 2;
      sst += (r.value - trainMean) ** 2;
    }
    const persistence = o.scores.find((s) => s.model === "persistence")!;
    assert.ok(Math.abs(persistence.r2 - (1 - sse / sst)) < 1e-12, `${persistence.r2} vs ${1 - sse / sst}`);
    assert.ok(Math.abs(persistence.rmse - Math.sqrt(sse / (N_LA * 2))) < 1e-12);
  });

  it("fits on the training pairs with context, lists those without, and takes R²'s base from the fitted pairs' mean", () => {
    // the first LA without deprivation: its outcomes can be in no fit (the official EET run counted 16 such pairs)
    const noContext = (pkg.context.objects() as { la_code: string }[])[0].la_code;
    const partial: DataPackage = { ...pkg, context: pkg.context.filter(aq.escape((r: { la_code: string }) => r.la_code !== noContext)) };
    const T0 = 2020;
    const o = holdout(partial, { outcome: "outcome", trainUntil: [T0], resamples: 50 }).origins[0];
    // every outcome year up to T0 is a training target, the first (2015, its pair's t = 2014) too; the vital-signs
    // model has no driver in 2014
    const trainYears = YEARS.filter((t) => t <= T0);
    assert.equal(o.nTrain, (N_LA - 1) * trainYears.length, "the LA without context is not counted as fitted");
    assert.equal(o.nTrainVitalSigns, (N_LA - 1) * (trainYears.length - 1));
    assert.deepEqual(o.trainLeftOut, [{ laCode: noContext, years: trainYears, missingContext: ["idaci_score", "imd_score"] }]);
    // persistence R² against the mean of the fitted pairs' outcomes (not of every training outcome)
    const y = (partial.indicators.objects() as { la_code: string; period: number; indicator: string; value: number }[]).filter((r) => r.indicator === "outcome");
    const at = new Map(y.map((r) => [`${r.la_code}|${r.period}`, r.value]));
    const fitted = y.filter((r) => trainYears.includes(r.period) && r.la_code !== noContext);
    const base = fitted.reduce((a, r) => a + r.value, 0) / fitted.length;
    let sse = 0;
    let sst = 0;
    for (const r of y.filter((r) => r.period > T0 && r.la_code !== noContext)) {
      sse += (r.value - at.get(`${r.la_code}|${T0}`)!) ** 2;
      sst += (r.value - base) ** 2;
    }
    const persistence = o.scores.find((s) => s.model === "persistence")!;
    assert.ok(Math.abs(persistence.r2 - (1 - sse / sst)) < 1e-12, `${persistence.r2} vs ${1 - sse / sst}`);
    const words = holdoutSections(holdout(partial, { outcome: "outcome", trainUntil: [T0], resamples: 20 })).flatMap((x) => x.blocks).map((b) => (b.type === "text" ? b.markdown : "")).join("\n");
    assert.ok(words.includes(`Fitted on ${o.nTrain} LA-years with the outcome and context (the vital-signs model on ${o.nTrainVitalSigns} of them`), words);
    assert.ok(words.includes(`${trainYears.length} training LA-years with the outcome are in no fit, their LA having no value of idaci_score, imd_score up to ${T0}: ${noContext} (${trainYears[0]}–${T0})`), words);
  });

  it("says in the verdict on how many of the later LA-years and LAs with an outcome it was scored", () => {
    const o = holdout(pkg, { outcome: "outcome", trainUntil: [2019], resamples: 50 }).origins[0];
    assert.equal(o.nTestWithOutcome, N_LA * 3);
    assert.equal(o.nLasWithOutcome, N_LA);
    assert.equal(o.selectedByAvailability, false);
    assert.ok(o.verdictText.includes(`Scored on ${o.nTest} of the ${N_LA * 3} later LA-years with an outcome, ${N_LA} of ${N_LA} LAs`), o.verdictText);
    assert.doesNotMatch(o.verdictText, /may not generalise/);
  });

  it("warns that the result may not generalise when fewer than half the LAs with an outcome are scored (KS4: 51 of 150)", () => {
    // the driver published at the origin by the first 30 LAs only (the fewest the choice accepts), and one more LA
    // with outcomes after the origin but nothing else: 30 of 61 LAs can be scored
    const T0 = 2019;
    const codes = [...new Set(pkg.indicators.array("la_code") as string[])];
    const rows = (pkg.indicators.objects() as { la_code: string; period: number; indicator: string; value: number | null }[])
      .filter((r) => !(r.indicator === "driver" && r.period === T0 && codes.indexOf(r.la_code) >= HOLDOUT_MIN_PAIRS));
    const extra = YEARS.filter((t) => t > T0).map((t) => ({ la_code: "E06999999", period: t, indicator: "outcome", value: 50 }));
    const sparse: DataPackage = { ...pkg, indicators: aq.from([...rows, ...extra]) };
    const o = holdout(sparse, { outcome: "outcome", trainUntil: [T0], resamples: 50 }).origins[0];
    assert.deepEqual(o.vitalSigns.map((v) => v.indicator), ["driver"]);
    assert.equal(o.nLas, HOLDOUT_MIN_PAIRS);
    assert.equal(o.nLasWithOutcome, N_LA + 1);
    assert.equal(o.selectedByAvailability, true);
    assert.ok(o.verdictText.includes(`Scored on ${o.nTest} of the ${(N_LA + 1) * 3} later LA-years with an outcome, ${HOLDOUT_MIN_PAIRS} of ${N_LA + 1} LAs`), o.verdictText);
    assert.match(o.verdictText, /Fewer than half the LAs: the test set is selected by which LAs publish every vital sign chosen, so the result may not generalise to the others\./);
  });

  it("never looks past the train-until year: changing later outcomes changes the scores, not the choice or the fit", () => {
    const a = holdout(pkg, { outcome: "outcome", trainUntil: [2019], resamples: 50 }).origins[0];
    const b = holdout(planted({ after: 2019, add: 25 }), { outcome: "outcome", trainUntil: [2019], resamples: 50 }).origins[0];
    assert.deepEqual(b.vitalSigns, a.vitalSigns);
    assert.equal(b.nTrain, a.nTrain);
    assert.ok(b.scores[0].rmse > a.scores[0].rmse + 10, "the shifted test years are predicted worse");
  });

  it("finds no gain beyond deprivation when the driver has no effect (negative control): nothing passes the screen", () => {
    const o = holdout(planted(undefined, 0), { outcome: "outcome", trainUntil: [2019], resamples: 300 }).origins[0];
    assert.equal(o.verdict, "no-vital-signs-to-test");
    assert.deepEqual(o.candidates, { nCandidates: 2, nScreened: 2 });
    assert.match(o.verdictText, /^No indicator passed the training screen \(2 of 2 candidates could be screened\), so there were no vital signs to test/);
    assert.ok(o.gainOverContext.r2Lower <= 0);
  });

  it("says nothing was tested when no candidate has values up to train-until (it had read 'no clear gain')", () => {
    // the pilot's indicators exist only in its survey year: trained until 2019, candidates from 2020 only
    const later = planted();
    const rows = later.indicators.objects() as { la_code: string; period: number; indicator: string; value: number | null }[];
    const kept = rows.filter((r) => r.indicator === "outcome" || r.period > 2019);
    const o = holdout({ ...later, indicators: aq.from(kept) }, { outcome: "outcome", trainUntil: [2019], resamples: 50 }).origins[0];
    assert.equal(o.verdict, "no-vital-signs-to-test");
    assert.deepEqual(o.candidates, { nCandidates: 2, nScreened: 0 });
    assert.match(o.verdictText, /^None of the 2 candidate indicators could be screened: none has 30 training rows with the outcome and context up to 2019 .* so nothing was tested\./);
    assert.doesNotMatch(o.verdictText, /No clear gain/);
  });

  it("says the vital signs predict worse when the gain's interval lies below 0 (it had read 'no clear gain')", () => {
    // the driver's effect changes sign after 2019: chosen on training years, it misleads on the later ones
    const o = holdout(planted(undefined, 3, 2019), { outcome: "outcome", trainUntil: [2019], resamples: 300 }).origins[0];
    assert.deepEqual(o.vitalSigns.map((v) => v.indicator), ["driver"]);
    assert.ok(o.gainOverContext.r2Upper < 0, `ΔR² upper ${o.gainOverContext.r2Upper}`);
    assert.equal(o.verdict, "worse-than-deprivation");
    assert.match(o.verdictText, /^The vital signs predict worse than deprivation alone: out-of-sample R² falls by -\d\.\d{3} \(95% CI -\d\.\d{3} to -\d\.\d{3}\)/);
  });

  it("rejects a train-until year with no later outcome, too little training data, and an Ofsted outcome", () => {
    assert.throws(() => holdout(pkg, { outcome: "outcome", trainUntil: [2022] }), /--train-until 2022 leaves no outcome after it/);
    assert.throws(() => holdout(pkg, { outcome: "outcome", trainUntil: [2015] }), /fewer than two outcome years/);
    assert.throws(() => holdout(pkg, { outcome: "ofsted_overall", trainUntil: [2019] }), /continuous outcome/);
  });
});

/**
 * The planted panel with framework tags, as the official catalogue has them: `outcome` a leaving-care child outcome,
 * `complement` = 100 − outcome another child outcome of that area (as care leavers NEET is to EET), which would
 * "predict" next year's outcome through the LA level by construction.
 */
function withComplement(pkg: DataPackage): DataPackage {
  const rows = pkg.indicators.objects() as { la_code: string; period: number; indicator: string; value: number | null }[];
  const complement = rows.filter((r) => r.indicator === "outcome").map((r) => ({ ...r, indicator: "complement", value: r.value === null ? null : 100 - r.value }));
  return {
    ...pkg,
    indicators: aq.from([...rows, ...complement]),
    catalogue: aq.table({
      indicator: ["outcome", "driver", "noise", "complement"],
      label: ["outcome", "driver", "noise", "complement"],
      polarity: ["up", "up", "none", "down"],
      framework_role: ["child-outcome", "practice", "", "child-outcome"],
      framework_area: ["leaving-care", "family-help", "", "leaving-care"],
    }),
  };
}

describe("holdout of an indicator outcome: its own measures are not candidates (as in analyse)", () => {
  const pkg = withComplement(planted());

  it("leaves out the outcome's complement by default, so only the planted driver is chosen, and records what it left out", () => {
    const r = holdout(pkg, { outcome: "outcome", trainUntil: [2019, 2020], resamples: 50 });
    for (const o of r.origins) assert.deepEqual(o.vitalSigns.map((v) => v.indicator), ["driver"], `${o.trainUntil}: the complement is not a vital sign`);
    assert.deepEqual(r.exclusions.excluded.map((e) => e.indicator), ["outcome", "complement"]);
    assert.equal(r.exclusions.rule, OUTCOME_EXCLUSION_RULE);
  });

  it("leaves it out when --indicators lists it too, recording only the listed ones", () => {
    const r = holdout(pkg, { outcome: "outcome", trainUntil: [2019], indicators: ["driver", "complement"], resamples: 50 });
    assert.deepEqual(r.origins[0].vitalSigns.map((v) => v.indicator), ["driver"]);
    assert.deepEqual(r.exclusions.excluded.map((e) => e.indicator), ["complement"]);
    assert.throws(() => holdout(pkg, { outcome: "outcome", trainUntil: [2019], indicators: ["complement"] }), /no candidate indicator is left once the outcome and its own measures are left out/);
  });
});

describe("holdout: vital signs that can be fitted and predicted from together", () => {
  // the planted driver published under an old id up to 2017 and under a new one from 2018: each passes the screen
  // on its own years, but no training pair has both, and the old one has no value in the train-until year
  const base = planted();
  const rows = base.indicators.objects() as { la_code: string; period: number; indicator: string; value: number | null }[];
  const split = rows.filter((r) => r.indicator === "driver").map((r) => ({ ...r, indicator: r.period <= 2017 ? "driver_old" : "driver_new" }));
  const pkg: DataPackage = {
    ...base,
    indicators: aq.from([...rows.filter((r) => r.indicator !== "driver"), ...split]),
    catalogue: aq.table({ indicator: ["outcome", "noise", "driver_old", "driver_new"], label: ["outcome", "noise", "old", "new"], polarity: ["up", "none", "up", "up"] }),
  };

  it("keeps an indicator only while the chosen ones still share enough training pairs and train-until values (the fit had no complete row)", () => {
    const r = holdout(pkg, { outcome: "outcome", trainUntil: [2020], resamples: 50 });
    assert.deepEqual(r.origins[0].vitalSigns.map((v) => v.indicator), ["driver_new"], "driver_old: no value in the train-until year, and no training pair beside driver_new");
    assert.ok(r.origins[0].nTest > 0);
  });
});

describe("vital-signs holdout", () => {
  const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");
  const root = tempDir("vsw-holdout-");

  it("writes holdout.json with three baselines and the vital signs for rolling origins", async () => {
    const out = path.join(root, "ok");
    const c = capture();
    const code = await main(["holdout", DATASET, "--outcome", "rereferral_12m_pct", "--train-until", "2019,2020", "--resamples", "100", "--out", out], c.io);
    assert.equal(code, 0, c.err.join(""));
    assert.match(c.out.join(""), /neighbour-median/);
    // R² is said to be about the training mean, once per origin (an audit: R users read it about the test set's mean)
    assert.equal(c.out.join("").split("(R² is about the training pairs' mean outcome, which a forecaster knows beforehand; about the test LA-years' own mean it is no higher)").length - 1, 2);
    assert.match(fs.readFileSync(path.join(out, "report.html"), "utf8"), /out-of-sample R² about the training mean \(95% CI\)/);
    const r = JSON.parse(fs.readFileSync(path.join(out, "holdout.json"), "utf8"));
    assert.equal(r.origins.length, 2);
    // each origin lists the candidates skipped for want of values beside those chosen (none on this planted panel)
    assert.deepEqual(r.origins.map((o: { skipped_for_availability: unknown[] }) => o.skipped_for_availability), [[], []]);
    assert.equal(r.origins[0].scores.length, 4);
    assert.match(r.origins[0].verdict_text, /deprivation/);
  });

  it("leaves out the outcome's own measures and says so in holdout.json, on stdout and in report.html", async () => {
    const out = path.join(root, "own-measures");
    const c = capture();
    const code = await main(["holdout", DATASET, "--outcome", "care_leavers_eet_pct", "--train-until", "2019", "--resamples", "20", "--out", out], c.io);
    assert.equal(code, 0, c.err.join(""));
    const r = JSON.parse(fs.readFileSync(path.join(out, "holdout.json"), "utf8"));
    const excluded = r.excluded_candidates.map((e: { indicator: string }) => e.indicator);
    assert.deepEqual(excluded, ["care_leavers_eet_pct", "care_leavers_accommodation_pct"]);
    assert.equal(r.exclusion_rule, OUTCOME_EXCLUSION_RULE);
    for (const o of r.origins) for (const v of o.vital_signs) assert.ok(!excluded.includes(v.indicator), `${v.indicator} is not a vital sign`);
    assert.match(c.out.join(""), /^left out of the candidates \(the outcome and its own measures\): care_leavers_eet_pct, care_leavers_accommodation_pct$/m);
    assert.match(fs.readFileSync(path.join(out, "report.html"), "utf8"), /Left out of the candidates: the outcome itself.*: care_leavers_eet_pct, care_leavers_accommodation_pct\./);
  });

  it("a train-until year with no later outcome: a clear error and nothing written", async () => {
    const out = path.join(root, "bad");
    const c = capture();
    const code = await main(["holdout", DATASET, "--outcome", "rereferral_12m_pct", "--train-until", "2023", "--out", out], c.io);
    assert.equal(code, 1);
    assert.match(c.err.join(""), /--train-until 2023 leaves no outcome after it/);
    assert.equal(fs.existsSync(out), false);
  });
});

describe("the training screen of both hold-outs", () => {
  it("ranks by the partial correlation and tests with the p clustered by LA (R: vcovCL HC1, t on LAs − 1 df)", () => {
    const off = readPanelFixture("panel-official.csv");
    const ref = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "reference", "fixtures", "ols-cluster.json"), "utf8"));
    const codes = new Map<string, number>();
    const la = off.unit.map((u) => codes.get(u) ?? codes.set(u, codes.size).get(u)!);
    const s = screenTrainingCandidate(off.cols.x1, off.cols.y, [off.cols.x2], la);
    // R's y ~ x1 + x2 clustered by unit: the p of x1 (the candidate) beside x2 (the context)
    assertClose(s.p, ref.official.p[1], CLOSED_FORM_TOLERANCE, "clustered p of the candidate");
    const iid = partialCorrelation(off.cols.x1, off.cols.y, [off.cols.x2]);
    assert.equal(s.r, iid.r);
    assert.equal(s.n, ref.official.n);
    // the LA-years of one LA are not independent draws: the clustered p is not the pooled one
    assert.ok(Math.abs(s.p - iid.p) > 0.01, `clustered ${s.p} vs pooled ${iid.p}`);
  });

  it("gives NaN below the minimum of training rows", () => {
    const n = HOLDOUT_MIN_PAIRS - 1;
    const x = Array.from({ length: n }, (_, k) => k);
    const s = screenTrainingCandidate(x, x.map((v) => v * 2 + (v % 3)), [x.map((v) => (v * 7) % 5)], x.map((v) => v % 10));
    assert.ok(Number.isNaN(s.r) && Number.isNaN(s.p));
    assert.equal(s.n, n);
  });
});

describe("nearDuplicateOf", () => {
  it("names the first chosen indicator whose partial r with the candidate, given context, reaches analyse's redundancy threshold", () => {
    const n = 60;
    const ctx = [Array.from({ length: n }, (_, k) => Math.sin(k))];
    const a = Array.from({ length: n }, (_, k) => k % 7 + ctx[0][k]);
    const copy = a.map((v, k) => v + 0.01 * Math.cos(3 * k)); // a with a little noise
    const other = Array.from({ length: n }, (_, k) => (k * 13) % 11);
    assert.equal(nearDuplicateOf(other, [{ indicator: "a", x: a }], ctx), null);
    const d = nearDuplicateOf(copy, [{ indicator: "other", x: other }, { indicator: "a", x: a }], ctx)!;
    assert.equal(d.of, "a");
    assert.ok(d.r >= REDUNDANCY_R && d.r <= 1, `${d.r}`);
    assert.equal(nearDuplicateOf(copy, [], ctx), null);
  });
});

test("a change of R² that rounds to 0.000 is given to 2 significant digits, not as 0.000 (user trial, round 26)", () => {
  assert.equal(r2ChangeText(0.0000054), "0.0000054");
  assert.equal(r2ChangeText(-0.00031), "-0.00031");
  assert.equal(r2ChangeText(0), "0.000");
  assert.equal(r2ChangeText(0.0123), "0.012");
  assert.equal(r2ChangeText(-0.0005), "-0.001");
});
