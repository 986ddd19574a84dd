import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import {
  InputError,
  validatePackage,
  type IndicatorRow,
} from "../../lib";
import {
  DEFAULT_SYNTH_PARAMS,
  DEFAULT_SYNTH_SEED,
  SYNTH_CODE_PATTERN,
  SYNTH_SUPPRESS_MAX,
  attachedPeriod,
  generateSyntheticPilot,
  gradeThresholds,
  sampleBinomial,
  samplePoisson,
  syntheticParams,
  writeSyntheticPilot,
  type SyntheticParams,
  type SyntheticPilot,
} from "../../lib/synthetic";
import { createRng } from "../../lib/stats/random";
import { pearsonR } from "../../lib/stats/pearson";
import { partialCorrelation } from "../../lib/stats/partial-correlation";
import { officialFile, officialTest } from "../helpers/official";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";
import { periodBeforeDate } from "../../lib/context/link";
import { ofstedPeriod } from "../../lib/data/import/ofsted-ods";

const COMMITTED = path.resolve(__dirname, "..", "..", "datasets", "pilot-synthetic");
const FILES = ["areas.csv", "catalogue.csv", "indicators.csv", "context.csv", "outcomes.csv", "datapackage.json", "truth.json", "README.md"];

function tmp(): string {
  return tempDir("vsw-synth-");
}

function deepFreeze<T>(x: T): T {
  if (x && typeof x === "object" && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as object)) deepFreeze(v);
  }
  return x;
}

// Generated once for the tests that only read it; the parameters are frozen to prove they are not mutated.
const PARAMS: SyntheticParams = deepFreeze(syntheticParams(DEFAULT_SYNTH_SEED));
const pilot: SyntheticPilot = generateSyntheticPilot(PARAMS);
const { content, truth } = pilot;
const periods = truth.periods;
const laIndex = new Map(content.areas.map((a, i) => [a.la_code, i] as const));
const specOf = (id: string) => PARAMS.indicators.find((s) => s.indicator === id)!;

/** Values of one indicator as an LA × period grid (NaN = missing). */
function grid(rows: readonly IndicatorRow[], indicator: string): Float64Array {
  const g = new Float64Array(content.areas.length * periods.length).fill(NaN);
  for (const r of rows) {
    if (r.indicator !== indicator || r.value === null) continue;
    g[laIndex.get(r.la_code)! * periods.length + (r.period - periods[0])] = r.value;
  }
  return g;
}
const latentQuality = Float64Array.from(truth.areas.flatMap((a) => a.quality));
const idaci = (() => {
  const g = new Float64Array(latentQuality.length).fill(NaN);
  for (const r of content.context) if (r.variable === "idaci_score") g[laIndex.get(r.la_code)! * periods.length + (r.period - periods[0])] = r.value!;
  return g;
})();

/** Pearson r over cells where both are present. */
function rPresent(x: ArrayLike<number>, y: ArrayLike<number>): { r: number; n: number } {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) (a.push(x[i]), b.push(y[i]));
  return { r: pearsonR(a, b), n: a.length };
}

/** Mean over consecutive period pairs of the across-LA correlation (year-to-year stability). */
function yearToYear(g: Float64Array): number {
  const nPer = periods.length;
  let sum = 0;
  let k = 0;
  for (let t = 0; t + 1 < nPer; t++) {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < content.areas.length; i++) {
      const u = g[i * nPer + t];
      const v = g[i * nPer + t + 1];
      if (!Number.isNaN(u) && !Number.isNaN(v)) (a.push(u), b.push(v));
    }
    if (a.length >= 30) (sum += pearsonR(a, b)), k++;
  }
  return sum / k;
}

const completenessOf = (id: string) => content.indicators.filter((r) => r.indicator === id && r.value !== null).length / (content.areas.length * periods.length);

describe("generateSyntheticPilot: shape", () => {
  test("has 150 LAs in the 9 English regions, 10 periods, 40 indicators and one row per LA × period × indicator", () => {
    assert.equal(content.areas.length, 150);
    assert.deepEqual([...new Set(content.areas.map((a) => a.region_code))].sort(), ["E12000001", "E12000002", "E12000003", "E12000004", "E12000005", "E12000006", "E12000007", "E12000008", "E12000009"]);
    assert.deepEqual(periods, [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]);
    assert.equal(content.catalogue.length, 40);
    assert.equal(content.indicators.length, 150 * 10 * 40);
    const keys = new Set(content.indicators.map((r) => `${r.la_code}|${r.period}|${r.indicator}`));
    assert.equal(keys.size, content.indicators.length);
    assert.equal(content.context.length, 150 * 10 * 4);
    assert.deepEqual([...new Set(content.context.map((r) => r.variable))].sort(), ["child_population", "cin_rate_per_10k", "idaci_score", "imd_score"]);
  });

  test("LA codes follow the fictional E0x9nnnnn pattern, are unique, and names are unique", () => {
    for (const a of content.areas) assert.match(a.la_code, SYNTH_CODE_PATTERN);
    assert.equal(new Set(content.areas.map((a) => a.la_code)).size, 150);
    assert.equal(new Set(content.areas.map((a) => a.la_name)).size, 150);
    assert.equal(content.areas.filter((a) => a.region_name === "London").every((a) => a.la_code.startsWith("E09")), true);
  });

  officialTest("no LA name or code is that of a real English authority (ONS lookup, DfE lookup)", () => {
    const real = new Set<string>();
    for (const line of fs.readFileSync(officialFile("lookup", "LTLA-UTLA_Apr23_Lookup_England-Wales.csv"), "utf8").split(/\r?\n/).slice(1)) {
      for (const cell of line.split(",")) real.add(cell.replace(/^\uFEFF|"/g, "").trim().toLowerCase());
    }
    for (const line of fs.readFileSync(officialFile("derived", "la_lookup_dfe_ons_codes.csv"), "utf8").split(/\r?\n/).slice(1)) {
      for (const cell of line.split(",")) real.add(cell.replace(/"/g, "").trim().toLowerCase());
    }
    assert.ok(real.has("hartlepool") && real.has("e06000001"), "the lookups were read");
    for (const a of content.areas) {
      assert.equal(real.has(a.la_name.toLowerCase()), false, `${a.la_name} is a real authority's name`);
      assert.equal(real.has(a.la_code.toLowerCase()), false, `${a.la_code} is a real code`);
    }
  });

  test("child populations are 20k–300k, CLA-based denominators are sized like 100–1500 CLA, IDACI is 0–0.5", () => {
    const pops = content.context.filter((r) => r.variable === "child_population").map((r) => r.value!);
    assert.ok(Math.min(...pops) >= 20000 && Math.max(...pops) <= 300000);
    const cla = content.indicators.filter((r) => r.indicator === "cla_rate_per_10k" && r.numerator !== null).map((r) => r.numerator!);
    assert.ok(Math.min(...cla) >= 100 && Math.max(...cla) <= 1500);
    const id = content.context.filter((r) => r.variable === "idaci_score").map((r) => r.value!);
    assert.ok(Math.min(...id) >= 0.02 && Math.max(...id) <= 0.5);
  });

  test("does not mutate its (frozen) parameters and takes the seed from them", () => {
    assert.equal(truth.seed, DEFAULT_SYNTH_SEED);
    assert.equal(truth.params, PARAMS);
    assert.ok(Object.isFrozen(PARAMS.indicators[0]));
  });
});

describe("generateSyntheticPilot: determinism", () => {
  test("the same seed writes byte-identical files; another seed writes different data", () => {
    const a = tmp();
    const b = tmp();
    const c = tmp();
    writeSyntheticPilot(a, PARAMS);
    writeSyntheticPilot(b, syntheticParams(DEFAULT_SYNTH_SEED));
    writeSyntheticPilot(c, syntheticParams(7));
    for (const f of FILES) assert.ok(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), `${f} differs between two runs`);
    for (const f of ["indicators.csv", "outcomes.csv", "truth.json", "context.csv"]) {
      assert.equal(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(c, f))), false, `${f} is the same for seeds ${DEFAULT_SYNTH_SEED} and 7`);
    }
    // the fictional LAs do not depend on the seed
    assert.ok(fs.readFileSync(path.join(a, "areas.csv")).equals(fs.readFileSync(path.join(c, "areas.csv"))));
  });

  test("the committed datasets/pilot-synthetic is exactly what the generator writes for the default seed", () => {
    const dir = tmp();
    writeSyntheticPilot(dir, DEFAULT_SYNTH_PARAMS);
    for (const f of FILES) {
      assert.ok(fs.readFileSync(path.join(COMMITTED, f)).equals(fs.readFileSync(path.join(dir, f))), `${f}: regenerate with \`vital-signs synth --seed ${DEFAULT_SYNTH_SEED} --out datasets/pilot-synthetic\``);
    }
  });

  test("the written package passes validatePackage with no errors and no warnings", () => {
    const result = validatePackage(COMMITTED);
    assert.deepEqual(result.errors.map((e) => e.message), []);
    assert.deepEqual(result.warnings, []);
    assert.equal(result.rows.indicators, 60000);
  });
});

describe("generateSyntheticPilot: the planted truth", () => {
  test("truth.json names every indicator once, with the roles and expected verdicts of the parameters", () => {
    assert.deepEqual(truth.indicators.map((t) => t.indicator), content.catalogue.map((c) => c.indicator));
    const count = (role: string) => truth.indicators.filter((t) => t.role === role).length;
    assert.deepEqual([count("driver"), count("near-duplicate"), count("confounded"), count("unreliable"), count("incomplete"), count("noise")], [4, 2, 2, 1, 1, 30]);
    for (const t of truth.indicators) {
      const s = specOf(t.indicator);
      assert.equal(t.role, s.role);
      assert.equal(t.expected.selected, s.role === "driver");
      if (t.role === "driver") {
        assert.ok(s.beta! >= 0.5 && s.beta! <= 0.9);
        assert.ok(Math.abs(t.polr_coefficient! + s.beta! / PARAMS.quality.logisticScale) < 1e-6);
      }
      if (t.role === "near-duplicate") {
        assert.equal(t.expected.reason, "redundant");
        assert.equal(t.expected.keep, t.duplicate_of);
        assert.equal(specOf(t.duplicate_of!).role, "driver");
      }
    }
    assert.deepEqual(truth.roles.near_duplicate, [
      { duplicate: "rereferral_12m_lait_pct", of: "rereferral_12m_pct" },
      { duplicate: "assessment_45d_q4_pct", of: "assessment_45d_pct" },
    ]);
  });

  test("noise values never see quality, deprivation or the outcome: changing the whole model leaves them byte-identical", () => {
    const changed: SyntheticParams = {
      ...PARAMS,
      regions: PARAMS.regions.map((r) => ({ ...r, deprivationShift: -r.deprivationShift })),
      quality: { ...PARAMS.quality, betaDeprivation: 2, sigmaUnmeasured: 1, logisticScale: 1.5 },
      indicators: PARAMS.indicators.map((s) => (s.role === "driver" || s.role === "unreliable" ? { ...s, beta: -s.beta!, stability: 0.2 } : s)),
    };
    const other = generateSyntheticPilot(changed).content;
    const byRole = (rows: readonly IndicatorRow[], role: string) =>
      JSON.stringify(rows.filter((r) => specOf(r.indicator).role === role));
    assert.equal(byRole(other.indicators, "noise"), byRole(content.indicators, "noise"));
    // the check can fail: everything that depends on the latents did move
    for (const role of ["driver", "near-duplicate", "confounded", "unreliable", "incomplete"]) {
      assert.notEqual(byRole(other.indicators, role), byRole(content.indicators, role), role);
    }
    assert.notEqual(JSON.stringify(other.outcomes), JSON.stringify(content.outcomes));
  });

  test("the grade follows the latent quality of the attached period through the calibrated thresholds", () => {
    const [c1, c2, c3] = truth.model.thresholds;
    assert.equal(truth.inspections.length, content.outcomes.length);
    truth.inspections.forEach((t, k) => {
      const o = content.outcomes[k];
      assert.deepEqual([o.la_code, o.date, o.period, o.value], [t.la_code, t.date, t.period, t.grade]);
      assert.equal(o.period, attachedPeriod(o.date));
      const y = t.latent_judgement;
      assert.equal(t.grade, y > c1 ? 1 : y > c2 ? 2 : y > c3 ? 3 : 4);
      assert.ok(Math.abs(t.quality - latentQuality[laIndex.get(o.la_code)! * periods.length + (o.period! - periods[0])]) < 1e-12);
      const day = new Date(`${o.date}T00:00:00Z`).getUTCDay();
      assert.ok(day >= 1 && day <= 5, `${o.date} is a weekend`);
    });
  });

  test("grades are roughly 10% / 45% / 30% / 15%, and each LA is inspected about every 3 years", () => {
    const counts = truth.model.grade_counts;
    const n = counts.reduce((a, b) => a + b, 0);
    [0.1, 0.45, 0.3, 0.15].forEach((share, g) => assert.ok(Math.abs(counts[g] / n - share) < 0.06, `grade ${g + 1}: ${counts[g]}/${n}`));
    const perLa = new Map<string, string[]>();
    for (const o of content.outcomes) perLa.set(o.la_code, [...(perLa.get(o.la_code) ?? []), o.date]);
    assert.equal(perLa.size, 150);
    for (const dates of perLa.values()) {
      assert.ok(dates.length >= 2 && dates.length <= 4);
      for (let k = 1; k < dates.length; k++) {
        const days = (Date.parse(dates[k]) - Date.parse(dates[k - 1])) / 86400000;
        assert.ok(days >= 913 && days <= 1280, `gap of ${days} days`);
      }
    }
  });

  test("drivers go with latent quality in their polarity's direction; noise does not (|r| < 0.15 over ~1500 LA-years)", () => {
    for (const t of truth.indicators) {
      const { r, n } = rPresent(grid(content.indicators, t.indicator), latentQuality);
      const good = r * t.goodness_sign;
      if (t.role === "driver") assert.ok(good > 0.25, `${t.indicator}: r = ${good} (n = ${n})`);
      if (t.role === "noise") assert.ok(Math.abs(r) < 0.15, `${t.indicator}: r = ${r} (n = ${n})`);
    }
  });

  test("confounded indicators follow IDACI (|r| > 0.8), go with quality, and carry none of it given IDACI (|partial r| < 0.1)", () => {
    for (const id of truth.roles.confounded) {
      const g = grid(content.indicators, id);
      const withIdaci = rPresent(g, idaci).r;
      assert.ok(Math.abs(withIdaci) > 0.8, `${id}: r with IDACI = ${withIdaci}`);
      // before adjustment it goes with quality in its polarity's "good" direction (deprivation lowers both)
      const marginal = rPresent(g, latentQuality).r * (specOf(id).polarity === "down" ? -1 : 1);
      assert.ok(marginal > 0.2, `${id}: marginal r with quality = ${marginal}`);
      const partial = partialCorrelation(g, latentQuality, [idaci]);
      assert.ok(Math.abs(partial.r) < 0.1, `${id}: partial r given IDACI = ${partial.r} (n = ${partial.n})`);
    }
    // IDACI measures the planted deprivation almost exactly
    const d = Float64Array.from(truth.areas.flatMap((a) => periods.map(() => a.deprivation)));
    assert.ok(rPresent(idaci, d).r > 0.99);
  });

  test("near-duplicates correlate > 0.9 with their driver and are less complete or less stable", () => {
    for (const { duplicate, of } of truth.roles.near_duplicate) {
      const dup = grid(content.indicators, duplicate);
      const drv = grid(content.indicators, of);
      const { r } = rPresent(dup, drv);
      assert.ok(r > 0.9, `${duplicate} vs ${of}: r = ${r}`);
      const lessComplete = completenessOf(duplicate) < completenessOf(of) - 0.1;
      const lessStable = yearToYear(dup) < yearToYear(drv) - 0.04;
      assert.ok(lessComplete || lessStable, `${duplicate}: completeness ${completenessOf(duplicate)} vs ${completenessOf(of)}, stability ${yearToYear(dup)} vs ${yearToYear(drv)}`);
    }
  });

  test("drivers are stable from year to year (r 0.5–0.8) and the unreliable indicator is reshuffled (|r| < 0.1)", () => {
    for (const id of truth.roles.driver) {
      const yy = yearToYear(grid(content.indicators, id));
      assert.ok(yy > 0.5 && yy < 0.8, `${id}: ${yy}`);
    }
    for (const id of truth.roles.unreliable) {
      const yy = yearToYear(grid(content.indicators, id));
      assert.ok(Math.abs(yy) < 0.1, `${id}: ${yy}`);
      // but it does move the year's latent quality
      assert.ok(rPresent(grid(content.indicators, id), latentQuality).r * -1 > 0.1);
    }
  });

  test("only the incomplete indicator is below 60% completeness", () => {
    for (const t of truth.indicators) {
      const c = completenessOf(t.indicator);
      if (t.role === "incomplete") assert.ok(c < 0.55, `${t.indicator}: ${c}`);
      else assert.ok(c >= 0.65, `${t.indicator}: ${c}`);
    }
  });
});

describe("generateSyntheticPilot: values, counts and suppression", () => {
  const unitOf = new Map(content.catalogue.map((c) => [c.indicator, c.unit] as const));

  test("a present value equals round(scale·numerator/denominator, 1 dp) for percent, rate per 10k and ratio", () => {
    let checked = 0;
    for (const r of content.indicators) {
      if (r.value === null || r.numerator === null) continue;
      const unit = unitOf.get(r.indicator)!;
      const scale = unit === "percent" ? 1000 : unit === "rate_per_10k" ? 100000 : 10;
      assert.equal(r.value, Math.round((scale * r.numerator) / r.denominator!) / 10, `${r.la_code} ${r.period} ${r.indicator}`);
      checked++;
    }
    assert.ok(checked > 40000);
  });

  test("suppressed cells have no value and no numerator, status suppressed:c, and no count of 1–5 is ever published", () => {
    let suppressed = 0;
    let zeros = 0;
    for (const r of content.indicators) {
      if (r.status.startsWith("suppressed")) {
        suppressed++;
        assert.equal(r.status, "suppressed:c");
        assert.equal(r.value, null);
        assert.equal(r.numerator, null);
        assert.ok(r.denominator === null || r.denominator > SYNTH_SUPPRESS_MAX);
      }
      if (r.indicator === "dcs_changes_3y") continue; // a count of posts, not of children
      for (const count of [r.numerator, r.denominator]) assert.ok(count === null || count === 0 || count > SYNTH_SUPPRESS_MAX);
      if (r.numerator === 0) {
        zeros++;
        assert.equal(r.value, 0); // zero is published, never suppressed
      }
    }
    assert.ok(suppressed > 300, `${suppressed} suppressed cells`);
    assert.ok(zeros > 0);
    for (const r of content.indicators) if (r.value === null) assert.match(r.status, /^(suppressed:c|not-available:x|not-applicable:z)$/);
  });
});

describe("helpers", () => {
  test("gradeThresholds matches R (integrate + uniroot, tests/data/synthetic-reference.R) to 1e-9", () => {
    const c = gradeThresholds(2.5, 0.5, Object.freeze([0.1, 0.45, 0.3, 0.15]));
    [2.326789470744, -0.22727048376, -1.87914669236].forEach((ref, k) => assert.ok(Math.abs(c[k] - ref) < 1e-9, `c${k + 1} = ${c[k]}`));
    // with no quality variance, y* = s·L and the thresholds are s·logit(1 − cumulative share)
    const pure = gradeThresholds(1e-12, 1, [0.1, 0.45, 0.3, 0.15]);
    [Math.log(9), Math.log(0.45 / 0.55), Math.log(0.15 / 0.85)].forEach((ref, k) => assert.ok(Math.abs(pure[k] - ref) < 1e-9));
    assert.throws(() => gradeThresholds(0, 1, [0.1, 0.45, 0.3, 0.15]), InputError);
  });

  test("sampleBinomial and samplePoisson have the right means in both the exact and the normal branch, and stay in range", () => {
    const rng = createRng(1);
    const mean = (f: () => number, n = 4000) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += f();
      return s / n;
    };
    assert.ok(Math.abs(mean(() => sampleBinomial(rng, 40, 0.1)) - 4) < 0.15); // exact: sd of mean ≈ 0.03
    assert.ok(Math.abs(mean(() => sampleBinomial(rng, 2000, 0.3)) - 600) < 1.5); // normal: sd of mean ≈ 0.33
    assert.ok(Math.abs(mean(() => sampleBinomial(rng, 50, 0.97)) - 48.5) < 0.1);
    assert.ok(Math.abs(mean(() => samplePoisson(rng, 3.5)) - 3.5) < 0.15);
    assert.ok(Math.abs(mean(() => samplePoisson(rng, 400)) - 400) < 1.5);
    for (let i = 0; i < 500; i++) {
      const x = sampleBinomial(rng, 7, 0.5);
      assert.ok(Number.isInteger(x) && x >= 0 && x <= 7);
    }
    assert.equal(sampleBinomial(rng, 0, 0.5), 0);
    assert.equal(sampleBinomial(rng, 9, 1), 9);
    assert.equal(samplePoisson(rng, 0), 0);
    assert.throws(() => sampleBinomial(rng, 3.5, 0.1), InputError);
    assert.throws(() => sampleBinomial(rng, 3, 1.5), InputError);
    assert.throws(() => samplePoisson(rng, -1), InputError);
  });

  test("attachedPeriod attaches a judgement to the latest year ending 31 March on or before it, as the importer and the link rules do", () => {
    assert.equal(attachedPeriod("2017-06-15"), 2017);
    assert.equal(attachedPeriod("2018-02-28"), 2017);
    assert.equal(attachedPeriod("2018-03-30"), 2017);
    assert.equal(attachedPeriod("2018-03-31"), 2018);
    assert.equal(attachedPeriod("2018-04-01"), 2018);
    for (const date of ["2016-01-01", "2016-03-31", "2016-04-01", "2016-12-31", "2020-02-29", "2021-03-31"]) {
      assert.equal(attachedPeriod(date), periodBeforeDate(date), date);
      assert.equal(attachedPeriod(date), ofstedPeriod(date), date);
    }
    assert.throws(() => attachedPeriod("1 April 2018"), InputError);
  });

  test("impossible parameters are rejected with InputError, before anything is generated", () => {
    assert.throws(() => generateSyntheticPilot(syntheticParams(-1)), /seed must be an integer in \[0, 2\^32\)/);
    assert.throws(() => generateSyntheticPilot({ ...PARAMS, quality: { ...PARAMS.quality, gradeShares: [0.1, 0.4, 0.3, 0.1] } }), InputError);
    assert.throws(
      () => generateSyntheticPilot({ ...PARAMS, indicators: PARAMS.indicators.map((s) => (s.role === "near-duplicate" ? { ...s, duplicateOf: "uasc_pct" } : s)) }),
      /duplicateOf must name a driver/,
    );
    assert.throws(() => generateSyntheticPilot({ ...PARAMS, firstPeriod: 2024 }), InputError);
  });
});

describe("vital-signs synth", () => {
  test("writes a valid package with truth.json and README.md for the given seed", async () => {
    const dir = tmp();
    const { io, out } = capture();
    assert.equal(await main(["synth", "--seed", "7", "--out", dir], io), 0);
    assert.match(out.join(""), /seed 7/);
    for (const f of FILES) assert.ok(fs.existsSync(path.join(dir, f)), f);
    assert.deepEqual(validatePackage(dir).errors, []);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "truth.json"), "utf8")).seed, 7);
  });

  test("refuses a bad seed and a missing --out as usage errors (exit 2)", async () => {
    const bad = capture();
    assert.equal(await main(["synth", "--seed", "1.5", "--out", tmp()], bad.io), 2);
    assert.match(bad.err.join(""), /--seed: must be a whole number from 0 to 4294967295/);
    const missing = capture();
    assert.equal(await main(["synth"], missing.io), 2);
    assert.match(missing.err.join(""), /--out DIR is required/);
  });
});
