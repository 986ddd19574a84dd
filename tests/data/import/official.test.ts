/**
 * The full import of the official publications, checked against numbers read by hand from the raw files
 * (each expected value says which file and line it comes from). Needs ../shared/data/official (or
 * VSW_OFFICIAL_DATA); see tests/helpers/official.ts for the skip/fail rule.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { importOfficialToPackage, type OfficialImport } from "../../../lib/data/import/import-official";
import { packageContent, validatePackage } from "../../../lib/data/package";
import { loadOfficial } from "../../../lib/notebook/official-cache";
import { indicatorsWithRole } from "../../../lib/data/framework";
import { isOfficialSource } from "../../../lib/data/official-sources";
import { periodBeforeDate } from "../../../lib/context/link";
import type { IndicatorRow } from "../../../lib/data/types";
import { OFFICIAL_DATA_DIR, officialTest } from "../../helpers/official";

let cached: Promise<OfficialImport> | undefined;
/** The import through the machine-wide cache (lib/notebook/official-cache.ts: re-imported when the importer changes). */
const load = () => (cached ??= loadOfficial(OFFICIAL_DATA_DIR).then((o) => ({ content: packageContent(o.pkg), log: o.log, detected: o.detected })));

function indicator(r: OfficialImport, la: string, period: number, id: string): IndicatorRow {
  const row = r.content.indicators.find((x) => x.la_code === la && x.period === period && x.indicator === id);
  assert.ok(row, `no row for ${la} ${period} ${id}`);
  return row;
}
function england(r: OfficialImport, period: number, id: string) {
  const row = r.content.benchmarks?.find((x) => x.geography === "england" && x.period === period && x.indicator === id);
  assert.ok(row, `no England row for ${period} ${id}`);
  return row;
}

officialTest("re-referrals within 12 months match the CIN census c1 file (England and named LAs)", async () => {
  const r = await load();
  // c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv line 2: 2025 National 632830,142900,22.6
  assert.deepEqual([england(r, 2025, "cin_rereferral_pct").value, england(r, 2025, "cin_rereferral_pct").numerator], [22.6, 142900]);
  // line 17: 2025 Hartlepool 2020 referrals, 536 re-referrals, 26.5%
  assert.deepEqual(indicator(r, "E06000001", 2025, "cin_rereferral_pct"), { la_code: "E06000001", period: 2025, indicator: "cin_rereferral_pct", value: 26.5, numerator: 536, denominator: 2020, status: "" });
  // line 1773: 2015 Camden 2076, 328, 15.8; line 1788: 2015 Barnet 3358, 776, 23.1
  assert.equal(indicator(r, "E09000007", 2015, "cin_rereferral_pct").value, 15.8);
  assert.equal(indicator(r, "E09000003", 2015, "cin_rereferral_pct").value, 23.1);
  // line 1642: 2015 National 24.2
  assert.equal(england(r, 2015, "cin_rereferral_pct").value, 24.2);
});

officialTest("repeat child protection plans match the d3 file", async () => {
  const r = await load();
  // d3_cpps_subsequent_plan_2013_to_2025.csv line 2: 2025 National 61840, 15130, 24.5; line 1642: 2015 National 16.6
  assert.equal(england(r, 2025, "cpp_second_time_pct").value, 24.5);
  assert.equal(england(r, 2015, "cpp_second_time_pct").value, 16.6);
  // line 17: 2025 Hartlepool 241, 78, 32.4; line 1657: 2015 Hartlepool 19.2; line 1773: 2015 Camden 20.9
  assert.deepEqual(
    [indicator(r, "E06000001", 2025, "cpp_second_time_pct").value, indicator(r, "E06000001", 2025, "cpp_second_time_pct").numerator],
    [32.4, 78],
  );
  assert.equal(indicator(r, "E06000001", 2015, "cpp_second_time_pct").value, 19.2);
  assert.equal(indicator(r, "E09000007", 2015, "cpp_second_time_pct").value, 20.9);
});

officialTest("missing-from-care % matches EES (2024) and the SFR-era derived file (2015)", async () => {
  const r = await load();
  // la_children_who_were_missing_or_away...csv line 13: 2024 National 11; line 169: Hartlepool 12; line 1768: Camden 21
  assert.equal(england(r, 2024, "cla_missing_pct").value, 11);
  assert.equal(indicator(r, "E06000001", 2024, "cla_missing_pct").value, 12);
  assert.equal(indicator(r, "E09000007", 2024, "cla_missing_pct").value, 21);
  // derived/cla_indicators_la_2011_2016_long.csv line 4167: Hartlepool 2015 missing_pct 14.0; line 89: Camden 9.0; line 8535: England 6.0
  assert.equal(indicator(r, "E06000001", 2015, "cla_missing_pct").value, 14);
  assert.equal(indicator(r, "E09000007", 2015, "cla_missing_pct").value, 9);
  assert.equal(england(r, 2015, "cla_missing_pct").value, 6);
});

officialTest("care leavers aged 19–21 in education, employment or training match the published files", async () => {
  const r = await load();
  // la_care_leavers_activity.csv: 2024 Barking and Dagenham, Aged 19 to 21, Total in EET 142 (59%), Total 239
  assert.deepEqual(indicator(r, "E09000002", 2024, "care_leavers_eet_19_21_pct"), { la_code: "E09000002", period: 2024, indicator: "care_leavers_eet_19_21_pct", value: 59, numerator: 142, denominator: 239, status: "" });
  // derived file line 61: Camden 2015 cl19_21_eet_pct 50.0; line 4139: Hartlepool 2015 blank (missing, not zero); line 8507: England 48.0
  assert.equal(indicator(r, "E09000007", 2015, "care_leavers_eet_19_21_pct").value, 50);
  const hartlepool = indicator(r, "E06000001", 2015, "care_leavers_eet_19_21_pct");
  assert.deepEqual([hartlepool.value, hartlepool.status], [null, "not-available:blank"]);
  assert.equal(england(r, 2015, "care_leavers_eet_19_21_pct").value, 48);
});

officialTest("workforce turnover and agency rates follow the 30 September → next March rule and the shared-service rule", async () => {
  const r = await load();
  // csww_indicators_2017_to_2025.csv line 2: 2025 National turnover 11.8, agency 13 → period 2026
  assert.equal(england(r, 2026, "csww_turnover_pct").value, 11.8);
  assert.equal(england(r, 2026, "csww_agency_pct").value, 13);
  // line 17: 2025 Hartlepool 11.5 / 3.2; line 1317: 2017 Hartlepool 21.4 / 8.4; line 133: 2025 Camden 19.5 / 9.4
  assert.equal(indicator(r, "E06000001", 2026, "csww_turnover_pct").value, 11.5);
  assert.equal(indicator(r, "E06000001", 2026, "csww_agency_pct").value, 3.2);
  assert.equal(indicator(r, "E06000001", 2018, "csww_turnover_pct").value, 21.4);
  assert.equal(indicator(r, "E06000001", 2018, "csww_agency_pct").value, 8.4);
  assert.equal(indicator(r, "E09000007", 2026, "csww_turnover_pct").value, 19.5);
  // line 160: 2025 "314 / 318" Kingston+Richmond 28 / 14.9 → both LAs, no counts
  for (const la of ["E09000021", "E09000027"]) {
    const t = indicator(r, la, 2026, "csww_turnover_pct");
    assert.deepEqual([t.value, t.numerator, t.denominator], [28, null, null]);
    assert.equal(indicator(r, la, 2026, "csww_agency_pct").value, 14.9);
  }
});

officialTest("first SIF judgements: 3 Outstanding, 51 Good, 65 Requires improvement, 33 Inadequate across 152 LAs", async () => {
  const r = await load();
  const first = new Map<string, { date: string; value: number | null }>();
  for (const o of r.content.outcomes) {
    if (o.outcome !== "ofsted_sif_overall") continue;
    const prev = first.get(o.la_code);
    if (prev === undefined || o.date < prev.date) first.set(o.la_code, o);
  }
  const counts = [1, 2, 3, 4].map((g) => [...first.values()].filter((o) => o.value === g).length);
  assert.equal(first.size, 152);
  assert.deepEqual(counts, [3, 51, 65, 33]);
  // every ILACS overall judgement has a publication date (from 2018, the framework's start) and a period (checked
  // against the date below: "every judgement is attached to …")
  const ilacs = r.content.outcomes.filter((o) => o.outcome === "ofsted_ilacs_overall");
  assert.ok(ilacs.length > 250);
  for (const o of ilacs) assert.ok(/^\d{4}-\d{2}-\d{2}$/.test(o.date) && o.period !== null && o.period >= 2017 && o.date >= "2018-01-01");
});

officialTest("IDACI and IMD scores for named LAs match File 11; Slough's defective code is fixed and logged", async () => {
  const r = await load();
  const ctx = (la: string, v: string) => r.content.context.find((c) => c.la_code === la && c.variable === v)?.value;
  // File_11_IoD2019_UTLA.xlsx, IDACI sheet rows 2–3: Hartlepool 0.283 (rank 8), Middlesbrough 0.327 (rank 1)
  assert.equal(ctx("E06000001", "idaci_score"), 0.283);
  assert.equal(ctx("E06000001", "idaci_rank"), 8);
  assert.equal(ctx("E06000002", "idaci_score"), 0.327);
  assert.equal(ctx("E06000002", "idaci_rank"), 1);
  // IMD sheet row 2: Hartlepool average score 35.037 (rank 9)
  assert.equal(ctx("E06000001", "imd_score"), 35.037);
  assert.ok(ctx("E06000039", "imd_score") !== undefined, "Slough has an IMD score after the code fix");
  assert.ok(r.log.some((e) => e.action === "fixed" && /E0600003 → E06000039/.test(e.value ?? "")));
  // Barnsley's 2019 code E08000016 is re-coded to its 2025 code
  assert.equal(ctx("E08000038", "idaci_rank"), 35);
});

officialTest("rates recomputed from counts and ONS 0–17 population agree with LAIT's published rates", async () => {
  const r = await load();
  for (const id of ["cin_rate_per_10k", "cpp_rate_per_10k", "cin_referrals_rate_per_10k"]) {
    const check = r.log.find((e) => e.action === "check" && e.column === id && /^LAIT /.test(e.rule));
    assert.ok(check, id);
    const m = /: (\d+)\/(\d+) agree/.exec(check.rule);
    assert.ok(m && Number(m[2]) > 1000 && m[1] === m[2], `${id}: ${check.rule}`);
  }
});

officialTest("published CLA rates agree with number / ONS population where the population series was not revised later", async () => {
  const r = await load();
  const check = r.log.find((e) => e.action === "check" && /^published CLA rates per 10,000/.test(e.rule));
  assert.ok(check);
  // the ONS file is the revised (rebased) series; the CLA releases for 2020–2022 used the same estimates
  for (const p of [2020, 2021, 2022]) {
    const m = new RegExp(`${p}: (\\d+)/(\\d+)`).exec(check.rule);
    assert.ok(m && m[1] === m[2] && Number(m[2]) >= 150, `${p}: ${m?.[0]}`);
  }
});

officialTest("LAIT agrees with EES almost everywhere and disagreements are listed", async () => {
  const r = await load();
  const checks = r.log.filter((e) => e.action === "check" && /^LAIT .* vs EES/.test(e.rule));
  assert.ok(checks.length >= 15);
  let agree = 0;
  let n = 0;
  for (const c of checks) {
    const m = /: (\d+)\/(\d+) agree/.exec(c.rule) as RegExpExecArray;
    agree += Number(m[1]);
    n += Number(m[2]);
  }
  assert.ok(agree / n > 0.98, `overall agreement ${agree}/${n}`);
  assert.ok(r.log.some((e) => e.action === "disagreement"));
});

officialTest("the 2016 study's child-outcome variables exist for the year ending March 2015 for most LAs", async () => {
  const r = await load();
  const study = (r.content.provenance as { study2016_variables_2015: { variable: number; las_with_value_2015: number }[] }).study2016_variables_2015;
  const byVar = new Map(study.map((s) => [s.variable, s.las_with_value_2015]));
  for (const v of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) assert.ok((byVar.get(v) ?? 0) >= 85, `variable ${v}: ${byVar.get(v)}`);
});

officialTest("returns home as part of the care plan (2016 study variable 1) comes from the SFR CEA files", async () => {
  const r = await load();
  // sfr/2015__SFR34_CEA2015.csv line 87: Hartlepool CLA_ceaParPlan 10, CLA_ceaParNPlan 6 → 62.5%
  const h = indicator(r, "E06000001", 2015, "cla_returned_home_planned_pct");
  assert.deepEqual([h.value, h.numerator, h.denominator], [62.5, 10, 16]);
  // line 2: England 8100 and 1710 → 82.57%; line 15: Camden 29 and x → suppressed
  assert.ok(Math.abs((england(r, 2015, "cla_returned_home_planned_pct").value as number) - (100 * 8100) / 9810) < 1e-12);
  assert.equal(indicator(r, "E09000007", 2015, "cla_returned_home_planned_pct").status, "suppressed:x");
});

officialTest("every file is imported or listed in the log with a reason, and sources carry sha256 and mapping", async () => {
  const r = await load();
  const logged = new Set(r.log.filter((e) => e.action === "skipped-file" || e.action === "unknown-file").map((e) => e.file));
  for (const d of r.detected) {
    if (d.kind === "not-imported" || d.kind === "unknown") assert.ok(logged.has(d.file), d.file);
  }
  for (const s of r.content.sources ?? []) {
    assert.match(s.sha256 ?? "", /^[0-9a-f]{64}$/);
    assert.ok((s.mapping ?? "").length > 0, s.title);
  }
});

officialTest("the written package passes validate and writing twice gives identical bytes", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-import-"));
  try {
    await importOfficialToPackage([OFFICIAL_DATA_DIR], dir, { created: "2026-01-01T00:00:00Z" });
    const v = validatePackage(dir);
    assert.deepEqual(v.errors.map((e) => e.message), []);
    const log = JSON.parse(fs.readFileSync(path.join(dir, "import-log.json"), "utf8")) as { entries: unknown[] };
    assert.ok(log.entries.length > 0);
    // the cached import (another run of the same importer on the same files, written by importOfficialToPackage)
    const cached = await loadOfficial(OFFICIAL_DATA_DIR);
    for (const name of ["datapackage.json", "indicators.csv", "catalogue.csv", "import-log.json"]) {
      assert.ok(fs.readFileSync(path.join(dir, name)).equals(fs.readFileSync(path.join(cached.dir, name))), name);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

officialTest("Ofsted judgements of a named LA keep framework, publication date, inspection date and period", async () => {
  const r = await load();
  const bd = r.content.outcomes.filter((o) => o.la_code === "E09000002" && /_overall$/.test(o.outcome)).map((o) => [o.outcome, o.value, o.date, o.period]);
  // 2023 underlying data, LA_inspections_2009-2023: Barking and Dagenham first SIF published 2014-07-07, RI.
  // 2025 outcomes, ILACS_inspection_history rows 4–5: inspected 2019-02-18 published 2019-04-01 RI; 2023-07-10 / 2023-09-04 RI.
  assert.deepEqual(bd, [
    ["ofsted_sif_overall", 3, "2014-07-07", 2014],
    ["ofsted_ilacs_overall", 3, "2019-04-01", 2019],
    ["ofsted_ilacs_overall", 3, "2023-09-04", 2023],
  ]);
  const ilacs = r.content.outcomes.find((o) => o.la_code === "E09000002" && o.outcome === "ofsted_ilacs_overall" && o.date === "2019-04-01");
  assert.equal(ilacs?.label, "Requires improvement to be good [ILACS Standard Inspection; inspected 2019-02-18]");
});

officialTest("every judgement is attached to the year ending 31 March on or before its publication, as the analysis reads it", async () => {
  const r = await load();
  assert.ok(r.content.outcomes.length > 2000);
  for (const o of r.content.outcomes) {
    // the period's year ends before (or on) the publication date, and the next one after it: indicators of the
    // year the inspection judged, not of a year mostly after the judgement
    assert.ok(`${o.period}-03-31` <= o.date && o.date < `${(o.period as number) + 1}-03-31`, `${o.la_code} ${o.outcome} ${o.date} → ${o.period}`);
    // the period lib/context/link.ts gives a judgement published on that date without one (judgement-period alignment)
    assert.equal(o.period, periodBeforeDate(o.date), `${o.la_code} ${o.outcome} ${o.date}`);
  }
});

officialTest("every imported indicator's source is one check-disclosure takes as official (and own data's is not)", async () => {
  const r = await load();
  const other = r.content.catalogue.filter((c) => !isOfficialSource(c.source)).map((c) => `${c.indicator}: ${c.source}`);
  assert.deepEqual(other, []);
  assert.equal(isOfficialSource("Own data: my-indicators.csv"), false);
});

officialTest("ONS 0–17 population and LAIT-only measures carry the published numbers", async () => {
  const r = await load();
  const pop = (la: string, p: number) => r.content.context.find((c) => c.la_code === la && c.period === p && c.variable === "child_population_0_17")?.value;
  // ons_mid-year_population_estimates_2012_to_2024.csv: Hartlepool mid-2014 19985 → period 2015; mid-2024 21090 → 2025
  assert.equal(pop("E06000001", 2015), 19985);
  assert.equal(pop("E06000001", 2025), 21090);
  // lait/bds_long_0.parquet rows 132317 and 132283: Section_47 2020 Hartlepool 363.3, Camden 184.4 (rate per 10,000)
  assert.equal(indicator(r, "E06000001", 2020, "lait_section_47").value, 363.3);
  assert.equal(indicator(r, "E09000007", 2020, "lait_section_47").value, 184.4);
  const cat = r.content.catalogue.find((c) => c.indicator === "lait_section_47");
  assert.equal(cat?.unit, "rate_per_10k");
  // the catalogue takes LAIT's polarity: ReReferral is "Low" → down
  assert.equal(r.content.catalogue.find((c) => c.indicator === "cin_rereferral_pct")?.polarity, "down");
});

officialTest("KS4, KS2 and absence of looked-after children and children in need match the outcomes files (academic year 2023/24 → period 2024)", async () => {
  const r = await load();
  // ees/outcomes/ks4_la.csv line 735: 202324 Birmingham CLA 12 months, Final: t_pupils 157, t_att8 2896, avg_att8 18.4, pt_l2basics_94 21, avg_p8score -1.4
  assert.deepEqual(indicator(r, "E08000025", 2024, "cla_ks4_attainment8"), { la_code: "E08000025", period: 2024, indicator: "cla_ks4_attainment8", value: 18.4, numerator: null, denominator: 157, status: "" }); // t_att8 (2896 points) is not a count
  assert.equal(indicator(r, "E08000025", 2024, "cla_ks4_eng_maths_4plus_pct").value, 21);
  assert.equal(indicator(r, "E08000025", 2024, "cla_ks4_progress8").value, -1.4);
  // line 240: 202425 Birmingham CLA, Revised (the only version of 2024/25): 150 pupils, 3085.25, 20.6
  assert.deepEqual([indicator(r, "E08000025", 2025, "cla_ks4_attainment8").value, indicator(r, "E08000025", 2025, "cla_ks4_attainment8").denominator], [20.6, 150]);
  // line 794: 202324 Camden CLA avg_att8 c → suppressed, never zero; line 662: England 18.2 (6410 pupils)
  assert.deepEqual([indicator(r, "E09000007", 2024, "cla_ks4_attainment8").value, indicator(r, "E09000007", 2024, "cla_ks4_attainment8").status], [null, "suppressed:c"]);
  assert.deepEqual([england(r, 2024, "cla_ks4_attainment8").value, england(r, 2024, "cla_ks4_attainment8").denominator], [18.2, 6410]);
  // ees/outcomes/ks2_la.csv line 735: 202324 Birmingham CLA, 88 eligible, 33 met RWM, 38 %; line 570: CINO 188, 71, 38
  assert.deepEqual(indicator(r, "E08000025", 2024, "cla_ks2_rwm_expected_pct"), { la_code: "E08000025", period: 2024, indicator: "cla_ks2_rwm_expected_pct", value: 38, numerator: 33, denominator: 88, status: "" });
  assert.equal(indicator(r, "E08000025", 2024, "cin_ks2_rwm_expected_pct").numerator, 71);
  // ees/outcomes/absence_la.csv line 3377: 202324 Hartlepool CLA, Total: 168 pupils, 59555 possible sessions, 4737 missed (8 %), 30 persistent absentees (17.9 %)
  assert.deepEqual(indicator(r, "E06000001", 2024, "cla_overall_absence_pct"), { la_code: "E06000001", period: 2024, indicator: "cla_overall_absence_pct", value: 8, numerator: 4737, denominator: 59555, status: "" });
  assert.deepEqual(indicator(r, "E06000001", 2024, "cla_persistent_absence_pct"), { la_code: "E06000001", period: 2024, indicator: "cla_persistent_absence_pct", value: 17.9, numerator: 30, denominator: 168, status: "" });
  // line 4492: 202324 Birmingham CPPO, Total: persistent absence 56.4 % (451 of 800)
  assert.deepEqual([indicator(r, "E08000025", 2024, "cpp_persistent_absence_pct").value, indicator(r, "E08000025", 2024, "cpp_persistent_absence_pct").numerator], [56.4, 451]);
});

officialTest("school moves, hospital admissions and assessment factors match their files", async () => {
  const r = await load();
  // ees/cla/la_cla_school_moves.csv lines 638–641: 2024 Birmingham CLA on 31 March: 1425 children, 148 with a move (10 %), 109 with a mid-year move (8 %)
  assert.deepEqual(indicator(r, "E08000025", 2024, "cla_school_moves_pct"), { la_code: "E08000025", period: 2024, indicator: "cla_school_moves_pct", value: 10, numerator: 148, denominator: 1425, status: "" });
  assert.equal(indicator(r, "E08000025", 2024, "cla_school_midyear_moves_pct").numerator, 109);
  // ees/health/la_hospital_admissions_2324.csv line 7057: Hartlepool, Persons, 2023/24: 77.47318 per 10,000, 130 admissions, 16780 children
  assert.deepEqual(indicator(r, "E06000001", 2024, "hospital_admissions_injury_0_14_rate_per_10k"), { la_code: "E06000001", period: 2024, indicator: "hospital_admissions_injury_0_14_rate_per_10k", value: 77.47318, numerator: 130, denominator: 16780, status: "" });
  // England appears twice per year in the export (as an area and as the parent): one benchmark row
  assert.equal(r.content.benchmarks?.filter((b) => b.indicator === "hospital_admissions_injury_0_14_rate_per_10k" && b.period === 2016).length, 1);
  // ees/cin/c3_factors…csv line 17: 2025 Hartlepool 2097 episodes with factors, 815 domestic abuse (parent), 302 neglect
  assert.deepEqual(indicator(r, "E06000001", 2025, "cin_assessment_factor_domestic_abuse_parent_pct"), { la_code: "E06000001", period: 2025, indicator: "cin_assessment_factor_domestic_abuse_parent_pct", value: (100 * 815) / 2097, numerator: 815, denominator: 2097, status: "" });
  assert.equal(indicator(r, "E06000001", 2025, "cin_assessment_factor_neglect_pct").numerator, 302);
});

officialTest("spending per child comes from RO3 (£ thousand) and the ONS 0–17 population; shares from RO3 and RSX", async () => {
  const r = await load();
  // finance/RO3…ods sheet RO3_LA_Data_202425 row 59: Camden TOTAL CHILDREN SOCIAL CARE net current expenditure 92206, CLA 34256;
  // ees/population line 134: Camden mid-2024 0–17 population 35276 (→ period 2025); RSX row 59: total service net 688466
  assert.deepEqual(indicator(r, "E09000007", 2025, "csc_spend_per_child"), { la_code: "E09000007", period: 2025, indicator: "csc_spend_per_child", value: (92206 * 1000) / 35276, numerator: null, denominator: 35276, status: "" });
  assert.equal(indicator(r, "E09000007", 2025, "csc_cla_spend_share_pct").value, (100 * 34256) / 92206);
  assert.equal(indicator(r, "E09000007", 2025, "csc_share_of_service_spend_pct").value, (100 * 92206) / 688466);
  // row 28: Birmingham did not return (all [x]) → missing with the symbol
  assert.deepEqual([indicator(r, "E08000025", 2025, "csc_spend_per_child").value, indicator(r, "E08000025", 2025, "csc_spend_per_child").status], [null, "not-available:[x]"]);
  assert.equal(r.content.catalogue.find((c) => c.indicator === "csc_spend_per_child")?.unit, "gbp");
});

officialTest("one indicator per measure: LAIT fills EES gaps where they agree, and series that disagree are kept as their own indicators", async () => {
  const r = await load();
  const ids = new Set(r.content.catalogue.map((c) => c.indicator));
  // the CLA rate is one indicator: LAIT LAC fills 2017–2019 (no EES file covers them) instead of entering as lait_lac
  assert.ok(!ids.has("lait_lac"));
  const cla = r.content.indicators.filter((x) => x.indicator === "cla_rate_per_10k" && x.period === 2018 && x.value !== null);
  assert.ok(cla.length >= 140, `cla_rate_per_10k 2018: ${cla.length} LAs`);
  assert.match(r.content.catalogue.find((c) => c.indicator === "cla_rate_per_10k")?.source ?? "", /^EES .*\| LAIT LAC/);
  // CLA KS4 and absence from LAIT fill 2016–2018 of the EES series (which start in 2018/19)
  assert.ok(r.content.indicators.some((x) => x.indicator === "cla_ks4_attainment8" && x.period === 2017 && x.value !== null));
  assert.ok(!ids.has("lait_lac_ks4_avg_attain8") && !ids.has("lait_lac_pers_abs"));
  // placement stability agrees on 91–94 % only: kept as its own indicators, the reason in the catalogue and the log
  for (const [id, lait] of [["lait_lacstable_2016on", "LACStable_2016on"], ["lait_lac_longstablepct", "LAC_LongStable%"]]) {
    const c = r.content.catalogue.find((x) => x.indicator === id);
    assert.ok(c, id);
    assert.match(c.definition, new RegExp(`^LAIT ${lait} agrees with .* on only \\d+/\\d+ overlapping LA-years`));
    assert.ok(r.content.indicators.some((x) => x.indicator === id && x.period === 2019 && x.value !== null));
    assert.ok(r.log.some((e) => e.column === id && /kept as its own indicator/.test(e.rule)));
  }
});

officialTest("every imported indicator carries its framework role and area; child outcomes and candidate indicators can be picked by tag", async () => {
  const r = await load();
  const untagged = r.content.catalogue.filter((c) => !c.framework_role || !c.framework_area).map((c) => c.indicator);
  assert.deepEqual(untagged, []);
  const tags = (id: string) => {
    const c = r.content.catalogue.find((x) => x.indicator === id);
    assert.ok(c, id);
    return [c.framework_role, c.framework_area];
  };
  assert.deepEqual(tags("cla_ks4_attainment8"), ["child-outcome", "education"]);
  assert.deepEqual(tags("care_leavers_eet_19_21_pct"), ["child-outcome", "leaving-care"]);
  assert.deepEqual(tags("cla_school_moves_pct"), ["child-outcome", "stability"]);
  assert.deepEqual(tags("hospital_admissions_injury_0_14_rate_per_10k"), ["child-outcome", "safety"]);
  assert.deepEqual(tags("cpp_second_time_pct"), ["practice", "safety"]);
  assert.deepEqual(tags("csww_turnover_pct"), ["enabler", "workforce"]);
  assert.deepEqual(tags("csc_spend_per_child"), ["enabler", "resources"]);
  assert.deepEqual(tags("cla_rate_per_10k"), ["context", "need"]);
  assert.deepEqual(tags("cin_assessment_factor_neglect_pct"), ["context", "need"]);
  // LAIT-only measures by the rule on the LAIT dictionary; a kept LAIT series takes its EES counterpart's tags
  assert.deepEqual(tags("lait_lac_ks2_expstd_r"), ["child-outcome", "education"]);
  assert.deepEqual(tags("lait_lacstable_2016on"), ["child-outcome", "stability"]);
  // the count of care leavers in EET is the numerator of a leaving-care outcome, the number of care leavers the volume
  assert.deepEqual(tags("lait_careleavereetnum"), ["child-outcome", "leaving-care"]);
  assert.deepEqual(tags("lait_nocareleavers"), ["context", "need"]);
  assert.deepEqual(tags("lait_work_force_nosw"), ["context", "need"]);
  assert.deepEqual(tags("lait_cin_good_develop"), ["child-outcome", "education"]);
  assert.deepEqual(tags("lait_careleavers_la_notintouch"), ["child-outcome", "leaving-care"]);
  // the LAIT name of the SDQ score reads against its scale; the label says what the number is
  assert.match(r.content.catalogue.find((c) => c.indicator === "lait_emotional_lac")!.label, /average SDQ score; lower is better/);
  // "Review of Child Protection Cases" named no measure (audit, round 25): the label says what the percentage counts
  assert.equal(r.content.catalogue.find((c) => c.indicator === "lait_revcp")!.label, "Child protection cases reviewed within the required timescales (%)");
  assert.ok(r.log.some((e) => /framework tags of LAIT-only measures/.test(e.rule)));
  const outcomes = indicatorsWithRole(r.content.catalogue, "child-outcome");
  const candidates = indicatorsWithRole(r.content.catalogue, ["practice", "enabler"]);
  assert.ok(outcomes.length >= 40 && candidates.length >= 40, `${outcomes.length} outcomes, ${candidates.length} candidates`);
  assert.ok(!outcomes.some((id) => candidates.includes(id)));
});

officialTest("a national figure is no LA value, and LAIT's Dorset (Pre LG) after 2019 is Dorset UA's (walkthrough r18)", async () => {
  const r = await load();
  // LAIT Stability_School: 12 for every LA in 2018 (England's, kept as the benchmark), missing as national-only
  const hull = indicator(r, "E06000010", 2018, "cla_school_midyear_moves_pct");
  assert.deepEqual([hull.value, hull.status], [null, "not-available:national-only"]);
  assert.equal(england(r, 2018, "cla_school_midyear_moves_pct").value, 12);
  // LAIT 835 care applications 2021: 10.3, under Dorset UA (E06000059); nothing under Dorset CC (E10000009) after 2019
  assert.equal(indicator(r, "E06000059", 2021, "lait_careapplications").value, 10.3);
  assert.equal(r.content.indicators.filter((x) => x.la_code === "E10000009" && x.period > 2019).length, 0);
  // EET 2020: EES's 48 for Dorset UA only
  assert.equal(indicator(r, "E06000059", 2020, "care_leavers_eet_19_21_pct").value, 48);
  // the EET rows of 2014 and 2015 blank in the derived file keep a named reason
  assert.equal(r.content.indicators.filter((x) => x.status === "not-available:").length, 0);
});
