/**
 * The importers of the sources added for child outcomes (issue 14): the `cellsWhere` mapping helper, values
 * computed from counts, release versions, OHID Fingertips exports and MHCLG revenue outturn workbooks — on
 * small hand-made files, so every rule (and every malformed input) is checked without the official folder.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DataError, DataErrors } from "../../../lib/errors";
import { buildAreas } from "../../../lib/data/import/areas";
import { detectSource } from "../../../lib/data/import/detect";
import { applyEesMappings, readEesTable, valueFromCounts } from "../../../lib/data/import/ees";
import { ImportLog } from "../../../lib/data/import/import-log";
import { ATTAINMENT_VERSIONS, cellsWhere, type EesMapping, type FinanceMapping, type OhidMapping } from "../../../lib/data/import/mappings";
import { importOhid, ohidPeriod } from "../../../lib/data/import/ohid-fingertips";
import { financeIndicators, readRevenueOutturn, revenueOutturnSheet } from "../../../lib/data/import/revenue-outturn-ods";
import { odsFromSheets } from "../../helpers/ods";

const LOOKUP = [
  "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note",
  "805,E06000001,Hartlepool,E12000001,North East,2013,2025,",
  "202,E09000007,Camden,E13000001,Inner London,2013,2025,",
].join("\n");
const areas = () => buildAreas(LOOKUP, "lookup.csv");
const HEAD = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name";

test("cellsWhere writes the filter once: strings take it, selector objects override its keys", () => {
  const where = Object.freeze({ cla_group: "CLA on 31 March", school_stability: "With one or more moves during the year" });
  const cells = cellsWhere(where, { value: "percentage", numerator: "number", denominator: { column: "number", where: { school_stability: "Total children" } } });
  assert.deepEqual(cells, {
    value: { column: "percentage", where: { cla_group: "CLA on 31 March", school_stability: "With one or more moves during the year" } },
    numerator: { column: "number", where: { cla_group: "CLA on 31 March", school_stability: "With one or more moves during the year" } },
    denominator: { column: "number", where: { cla_group: "CLA on 31 March", school_stability: "Total children" } },
  });
  assert.equal(cellsWhere(where, { value: "x" }).numerator, undefined);
});

test("valueFromCounts: scale × numerator / denominator; a missing count passes its symbol on; zero denominator is not applicable", () => {
  assert.deepEqual(valueFromCounts(100, { value: 815, status: "" }, { value: 2097, status: "" }), { value: (100 * 815) / 2097, status: "" });
  assert.deepEqual(valueFromCounts(100, { value: null, status: "suppressed:c" }, { value: 10, status: "" }), { value: null, status: "suppressed:c" });
  assert.deepEqual(valueFromCounts(100, { value: 3, status: "" }, { value: null, status: "not-available:x" }), { value: null, status: "not-available:x" });
  assert.deepEqual(valueFromCounts(100, { value: 0, status: "" }, { value: 0, status: "" }), { value: null, status: "not-applicable" });
});

const FACTOR: readonly EesMapping[] = [
  { indicator: "cin_assessment_factor_neglect_pct", file: /^c3\.csv$/, valueFromCounts: 100, ...cellsWhere({ category: "Factors" }, { value: "Neglect", numerator: "Neglect", denominator: "Episodes_with_assessment_factor" }) },
];
function run(file: string, text: string, mappings: readonly EesMapping[]) {
  const a = areas();
  const log = new ImportLog();
  return applyEesMappings(readEesTable(text, file, a, log), mappings, a, log);
}

test("an EES file of counts only gives a computed percentage with numerator and denominator kept", () => {
  const text = [`${HEAD},category,Episodes_with_assessment_factor,Neglect`, "2025,Reporting year,Local authority,E92000001,England,E12000001,North East,805,E06000001,Hartlepool,Factors,2097,302", "2025,Reporting year,Local authority,E92000001,England,E13000001,Inner London,202,E09000007,Camden,Factors,1500,c"].join("\n");
  const r = run("c3.csv", text, FACTOR);
  assert.deepEqual(r.indicators[0], { la_code: "E06000001", period: 2025, indicator: "cin_assessment_factor_neglect_pct", value: (100 * 302) / 2097, numerator: 302, denominator: 2097, status: "" });
  assert.deepEqual([r.indicators[1].value, r.indicators[1].status], [null, "suppressed:c"]);
});

const KS4: readonly EesMapping[] = [
  { indicator: "cla_ks4_attainment8", file: /^ks4\.csv$/, versions: ATTAINMENT_VERSIONS, ...cellsWhere({ social_care_group: "CLA 12 months at 31 March" }, { value: "avg_att8", denominator: "t_pupils" }) },
];
const KS4_HEAD = `${HEAD},social_care_group,version,t_pupils,t_att8,avg_att8`;
const ks4Row = (version: string, avg: string) => `202324,Academic year,Local authority,E92000001,England,E12000001,North East,805,E06000001,Hartlepool,CLA 12 months at 31 March,${version},22,458.75,${avg}`;

test("release versions: the most final of a period wins; the same version twice is a duplicate; an unknown version is an error", () => {
  // academic year 2023/24 → period 2024
  const one = run("ks4.csv", [KS4_HEAD, ks4Row("Revised", "20.5"), ks4Row("Final", "20.9")].join("\n"), KS4).indicators;
  assert.deepEqual(one, [{ la_code: "E06000001", period: 2024, indicator: "cla_ks4_attainment8", value: 20.9, numerator: null, denominator: 22, status: "" }]);
  assert.equal(run("ks4.csv", [KS4_HEAD, ks4Row("Final", "20.9"), ks4Row("Provisional", "19")].join("\n"), KS4).indicators[0].value, 20.9);
  assert.throws(() => run("ks4.csv", [KS4_HEAD, ks4Row("Final", "20.9"), ks4Row("Final", "20.1")].join("\n"), KS4), (e: unknown) => e instanceof DataErrors && /one row per period/.test(e.message));
  assert.throws(() => run("ks4.csv", [KS4_HEAD, ks4Row("Draft", "20.9")].join("\n"), KS4), (e: unknown) => e instanceof DataErrors && /Draft/.test(e.message) && /Final, Revised, Provisional/.test(e.message));
  // a file without the version column the mapping needs is malformed
  const noVersion = [`${HEAD},social_care_group,t_pupils,t_att8,avg_att8`, "202324,Academic year,Local authority,E92000001,England,E12000001,North East,805,E06000001,Hartlepool,CLA 12 months at 31 March,22,458.75,20.9"].join("\n");
  assert.throws(() => run("ks4.csv", noVersion, KS4), (e: unknown) => e instanceof DataErrors && /version/.test(e.message));
});

const OHID_HEAD = "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to percentiles,Time period Sortable,New data,Compared to goal,Time period range";
const OHID: readonly OhidMapping[] = [{ indicator: "hospital_admissions_injury_0_14_rate_per_10k", file: /^admissions\.csv$/, indicatorId: "90284", sex: "Persons", age: "<15 yrs" }];
const ohidRow = (area: string, type: string, sex: string, cat: string, period: string, value: string, count: string, den: string, parent = "E92000001") =>
  `90284,Injuries,${parent},England,${area},Name,${type},${sex},<15 yrs,${cat},,${period},${value},,,,,${count},${den},,,,,,,,1y`;

test("OHID Fingertips: LA rows by ONS code, England repeats kept once, breakdowns and other sexes logged, blank values missing", () => {
  const text = [
    OHID_HEAD,
    ohidRow("E92000001", "England", "Persons", "", "2023/24", "104.9", "102036", "9726625", ""),
    ohidRow("E92000001", "England", "Persons", "", "2023/24", "104.9", "102036", "9726625"),
    ohidRow("E06000001", "Counties & UAs (from Apr 2023)", "Persons", "", "2023/24", "77.47318", "130", "16780"),
    ohidRow("E06000001", "Counties & UAs (from Apr 2023)", "Male", "", "2023/24", "90", "80", "8000"),
    ohidRow("E06000001", "Counties & UAs (from Apr 2023)", "Persons", "", "2022/23", "", "", ""),
    ohidRow("E06000001", "Counties & UAs (from Apr 2023)", "Persons", "County & UA deprivation deciles", "2023/24", "150", "", ""),
    ohidRow("E06000099", "Counties & UAs (from Apr 2023)", "Persons", "", "2023/24", "50", "5", "1000"),
  ].join("\n");
  const log = new ImportLog();
  const r = importOhid(text, "admissions.csv", OHID, areas(), log);
  assert.deepEqual(r.indicators, [
    { la_code: "E06000001", period: 2024, indicator: "hospital_admissions_injury_0_14_rate_per_10k", value: 77.47318, numerator: 130, denominator: 16780, status: "" },
    { la_code: "E06000001", period: 2023, indicator: "hospital_admissions_injury_0_14_rate_per_10k", value: null, numerator: null, denominator: null, status: "not-available:blank" },
  ]);
  assert.equal(r.benchmarks.length, 1);
  const entries = log.entries();
  assert.ok(entries.some((e) => e.action === "merged" && /England row repeated/.test(e.rule) && e.count === 1));
  assert.ok(entries.some((e) => e.action === "dropped" && /category breakdown/.test(e.rule)));
  assert.ok(entries.some((e) => e.action === "dropped" && /sex\/age/.test(e.rule)));
  assert.ok(entries.some((e) => e.action === "warning" && e.value === "E06000099"));
  assert.equal(ohidPeriod("2023/24"), 2024);
  assert.equal(ohidPeriod("2023/25"), undefined);
});

test("OHID Fingertips: a malformed known file is an error naming row, column and value", () => {
  const bad = [OHID_HEAD, ohidRow("E06000001", "Counties & UAs (from Apr 2023)", "Persons", "", "2023/24", "n/a", "130", "16780")].join("\n");
  assert.throws(() => importOhid(bad, "admissions.csv", OHID, areas(), new ImportLog()), (e: unknown) => e instanceof DataErrors && /row 1, column "Value": got "n\/a"/.test(e.message));
  const badPeriod = [OHID_HEAD, ohidRow("E06000001", "Counties & UAs (from Apr 2023)", "Persons", "", "2023", "1", "1", "10")].join("\n");
  assert.throws(() => importOhid(badPeriod, "admissions.csv", OHID, areas(), new ImportLog()), (e: unknown) => e instanceof DataErrors && /Time period/.test(e.message));
  const england2 = [OHID_HEAD, ohidRow("E92000001", "England", "Persons", "", "2023/24", "104.9", "1", "10", ""), ohidRow("E92000001", "England", "Persons", "", "2023/24", "105", "1", "10")].join("\n");
  assert.throws(() => importOhid(england2, "admissions.csv", OHID, areas(), new ImportLog()), DataErrors);
  assert.throws(() => importOhid("Indicator ID,Area Code\n1,2", "admissions.csv", OHID, areas(), new ImportLog()), DataError);
});

const RO3_HEADER = ["E-code", "ONS Code", "Local authority", "Notes", "Class", "Detailed Class", "Certification", "Children's social care - Children Looked After - Net Current Expenditure (C7 = C3 - C6)", "TOTAL CHILDREN SOCIAL CARE - Net Current Expenditure (C7 = C3 - C6)"];
const RO3_MAPPINGS: readonly FinanceMapping[] = [
  { indicator: "csc_spend_per_child", workbook: "RO3", numerator: "TOTAL CHILDREN SOCIAL CARE - Net Current Expenditure", denominator: "child_population_0_17", scale: 1000 },
  { indicator: "csc_cla_spend_share_pct", workbook: "RO3", numerator: "Children's social care - Children Looked After - Net Current Expenditure", denominator: "TOTAL CHILDREN SOCIAL CARE - Net Current Expenditure", scale: 100 },
];
function ro3(rows: string[][]): Uint8Array {
  return odsFromSheets({ Front_Page: [["Revenue outturn"]], RO3_LA_Data_202425: [["Worksheet 2: RO3"], RO3_HEADER, ...rows, RO3_HEADER, ["[Y]", "E06", "Unitary Authorities", "", "UA", "UA", "54", "1"]] });
}

test("revenue outturn: detected by its sheet, LA rows by ONS code, per-child spend from the ONS population, shares within the workbook", () => {
  const bytes = ro3([
    ["E5011", "E09000007", "Camden", "", "LB", "London", "Y", "34256", "92206"],
    ["E3831", "E07000223", "Adur", "", "SD", "SD", "Y", "0", "0"],
    ["E0702", "E06000001", "Hartlepool", "M", "UA", "UA", "[x]", "[x]", "[x]"],
    ["Eng", "E92000001", "ENGLAND", "", "Eng", "Eng", "[Y]", "8434512.29579", "15556137.15471"],
  ]);
  const d = detectSource("RO3_LA_Data_2024-25_data_by_LA.ods", bytes);
  assert.equal(d.kind, "revenue-outturn-ods");
  assert.deepEqual(revenueOutturnSheet(d.sheets ?? []), { sheet: "RO3_LA_Data_202425", workbook: "RO3", period: 2025 });
  const log = new ImportLog();
  const outturn = readRevenueOutturn(bytes, "RO3.ods", d.sheets ?? [], RO3_MAPPINGS, areas(), log);
  const population = [{ la_code: "E09000007", period: 2025, variable: "child_population_0_17", value: 35276 }, { la_code: "E09000007", period: 2024, variable: "child_population_0_17", value: 1 }];
  const r = financeIndicators(outturn, population, "RO3.ods", log);
  const camden = r.indicators.filter((x) => x.la_code === "E09000007");
  assert.deepEqual(camden, [
    { la_code: "E09000007", period: 2025, indicator: "csc_spend_per_child", value: (92206 * 1000) / 35276, numerator: null, denominator: 35276, status: "" },
    { la_code: "E09000007", period: 2025, indicator: "csc_cla_spend_share_pct", value: (100 * 34256) / 92206, numerator: null, denominator: null, status: "" },
  ]);
  const hartlepool = r.indicators.filter((x) => x.la_code === "E06000001").map((x) => x.status);
  assert.deepEqual(hartlepool, ["not-available:[x]", "not-available:[x]"]);
  assert.deepEqual(r.benchmarks.map((b) => [b.indicator, b.value]), [["csc_cla_spend_share_pct", (100 * 8434512.29579) / 15556137.15471]]);
  assert.ok(log.entries().some((e) => e.action === "dropped" && /not a children's services LA/.test(e.rule) && e.value === "class SD"));
});

test("revenue outturn: a share outside 0–100 % is missing (not applicable) and logged; a bad cell or a missing column is an error", () => {
  const neg = ro3([["E5011", "E09000007", "Camden", "", "LB", "London", "Y", "-5", "100"]]);
  const log = new ImportLog();
  const r = financeIndicators(readRevenueOutturn(neg, "RO3.ods", ["RO3_LA_Data_202425"], RO3_MAPPINGS, areas(), log), [], "RO3.ods", log);
  const share = r.indicators.find((x) => x.indicator === "csc_cla_spend_share_pct");
  assert.deepEqual([share?.value, share?.status], [null, "not-applicable"]);
  assert.ok(log.entries().some((e) => e.column === "csc_cla_spend_share_pct" && /outside 0–100/.test(e.rule)));
  const bad = ro3([["E5011", "E09000007", "Camden", "", "LB", "London", "Y", "lots", "100"]]);
  assert.throws(() => readRevenueOutturn(bad, "RO3.ods", ["RO3_LA_Data_202425"], RO3_MAPPINGS, areas(), new ImportLog()), (e: unknown) => e instanceof DataErrors && /got "lots"/.test(e.message));
  const noColumn = odsFromSheets({ RO3_LA_Data_202425: [RO3_HEADER.slice(0, 8), ["E5011", "E09000007", "Camden", "", "LB", "London", "Y", "1"]] });
  assert.throws(() => readRevenueOutturn(noColumn, "RO3.ods", ["RO3_LA_Data_202425"], RO3_MAPPINGS, areas(), new ImportLog()), (e: unknown) => e instanceof DataErrors && /TOTAL CHILDREN SOCIAL CARE/.test(e.message));
});

test("an .ods that is neither Ofsted nor revenue outturn is an unknown file, not an error", () => {
  const d = detectSource("other.ods", odsFromSheets({ Sheet1: [["a"]] }));
  assert.equal(d.kind, "unknown");
  assert.match(d.reason ?? "", /neither an Ofsted/);
});
