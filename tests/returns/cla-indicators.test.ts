import { test } from "node:test";
import assert from "node:assert/strict";
import { claCounts, placementsInYear } from "../../lib/returns/cla-indicators";
import { collectionYear, parseUkDate } from "../../lib/returns/dates";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { importReturns } from "../../lib/returns/import-returns";
import { readSsda903, type ClaEpisode, type Ssda903File } from "../../lib/returns/read-ssda903";
import { EPISODE_COLS, HEADER_COLS, MISSING_COLS, OC3_COLS, TEST_KEY, episodeRow, headerRow, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";

function read(files: { name: string; table: Ssda903File["table"]; year: number; header: string[]; rows: string[][] }[]) {
  const dir = tempDir();
  const specs: Ssda903File[] = files.map((f) => ({ path: writeCsv(dir, f.name, f.header, f.rows), name: f.name, table: f.table, la: LA, year: f.year }));
  const log = new ReturnsImportLog();
  const runs = readSsda903(specs, TEST_KEY, log).get(LA)!;
  return { data: runs[0], runs, log };
}

const count = (counts: ReturnsType, id: string) => counts.find((c) => c.indicator === id)!;
type ReturnsType = ReturnType<typeof claCounts>;

test("a child with 3 placements, two of them starting on the same day, has 3 placements and counts in cla_3plus_placements_pct", () => {
  const ep = (start: string, end: string | null, rne: string): ClaEpisode => ({ child: "c", start: parseUkDate(start)!, end: end === null ? null : parseUkDate(end)!, rne, ls: "C2", place: "U1", file: "f", row: 1 });
  const { start, end } = collectionYear(2023);
  const es = [ep("01/05/2022", "10/06/2022", "S"), ep("10/06/2022", "10/06/2022", "P"), ep("10/06/2022", null, "P")];
  assert.equal(placementsInYear(es, start, end), 3);
  // a change of legal status only (L) is not a new placement
  const es2 = [ep("01/05/2022", "10/06/2022", "S"), ep("10/06/2022", null, "L")];
  assert.equal(placementsInYear(es2, start, end), 1);
  const { data, log } = read([
    { name: "header.csv", table: "Header", year: 2023, header: HEADER_COLS, rows: [headerRow("A1", "01/01/2012")] },
    {
      name: "episodes.csv", table: "Episodes", year: 2023, header: EPISODE_COLS,
      rows: [episodeRow("A1", "01/05/2022", "S", "C2", "U1", "10/06/2022", "X1"), episodeRow("A1", "10/06/2022", "P", "C2", "U2", "10/06/2022", "X1"), episodeRow("A1", "10/06/2022", "P", "C2", "U3")],
    },
  ]);
  assert.equal(log.entries().length, 0, JSON.stringify(log.entries()));
  const c = count(claCounts(data, 2023), "cla_3plus_placements_pct");
  assert.deepEqual([c.numerator, c.denominator], [1, 1]);
});

test("a short-break child (LS V3/V4) is left out of the children looked after at 31 March, and V3 episodes are not placements", () => {
  const { data } = read([
    { name: "header.csv", table: "Header", year: 2023, header: HEADER_COLS, rows: [headerRow("SB", "01/01/2012"), headerRow("MIX", "01/01/2012")] },
    {
      name: "episodes.csv", table: "Episodes", year: 2023, header: EPISODE_COLS,
      rows: [
        episodeRow("SB", "01/05/2022", "S", "V3", "U1", "03/05/2022", "E8"),
        episodeRow("SB", "01/07/2022", "S", "V3", "U1"),
        episodeRow("MIX", "01/05/2022", "S", "V3", "U1", "03/05/2022", "E8"),
        episodeRow("MIX", "01/06/2022", "S", "V4", "U1", "03/06/2022", "E8"),
        episodeRow("MIX", "01/09/2022", "S", "C2", "U1", "01/10/2022", "X1"),
        episodeRow("MIX", "01/10/2022", "P", "C2", "U2"),
      ],
    },
  ]);
  const counts = claCounts(data, 2023);
  assert.equal(count(counts, "cla_31mar_count").numerator, 1); // MIX only
  assert.deepEqual([count(counts, "cla_3plus_placements_pct").numerator, count(counts, "cla_3plus_placements_pct").denominator], [0, 1]);
});

test("long-term stability: under 16, looked after 2.5 years, same placement 2 years or adoption with the previous placement 2 years", () => {
  const { data } = read([
    {
      name: "header.csv", table: "Header", year: 2023, header: HEADER_COLS,
      rows: [
        headerRow("STABLE", "15/04/2010"), // placement since 31/03/2021: exactly 2 years
        headerRow("MOVED", "15/04/2010"), // placement since 01/04/2021: one day short
        headerRow("ADOPT", "15/04/2010"), // adoption placement 2022, previous placement since 01/02/2021
        headerRow("SHORT", "15/04/2010"), // in care since 01/10/2020: one day short of 2.5 years
        headerRow("OLD", "15/03/2007"), // 16 at 31 March 2023: out of the cohort
      ],
    },
    {
      name: "episodes.csv", table: "Episodes", year: 2023, header: EPISODE_COLS,
      rows: [
        episodeRow("STABLE", "01/06/2020", "S", "C2", "U1", "31/03/2021", "X1"),
        episodeRow("STABLE", "31/03/2021", "P", "C2", "U4", "01/07/2022", "X1"),
        episodeRow("STABLE", "01/07/2022", "L", "C2", "U4"),
        episodeRow("MOVED", "01/06/2020", "S", "C2", "U1", "01/04/2021", "X1"),
        episodeRow("MOVED", "01/04/2021", "P", "C2", "U4"),
        episodeRow("ADOPT", "01/06/2020", "S", "C2", "U1", "01/02/2021", "X1"),
        episodeRow("ADOPT", "01/02/2021", "P", "C2", "U4", "01/09/2022", "X1"),
        episodeRow("ADOPT", "01/09/2022", "T", "E1", "A4"),
        episodeRow("SHORT", "01/10/2020", "S", "C2", "U1"),
        episodeRow("OLD", "01/06/2019", "S", "C2", "U1"),
      ],
    },
  ]);
  const c = count(claCounts(data, 2023), "cla_long_term_stability_pct");
  assert.deepEqual([c.numerator, c.denominator], [2, 3]); // STABLE and ADOPT of STABLE, MOVED, ADOPT
  assert.equal(c.flag, "low-reliability:history"); // 2021 and 2022 files not given
});

test("missing: a child with a missing (M) incident in the year counts; 'away' (A) does not; denominator is children looked after during the year", () => {
  const { data } = read([
    { name: "header.csv", table: "Header", year: 2023, header: HEADER_COLS, rows: [headerRow("M1", "01/01/2012"), headerRow("A1", "01/01/2012"), headerRow("L1", "01/01/2012")] },
    {
      name: "episodes.csv", table: "Episodes", year: 2023, header: EPISODE_COLS,
      rows: [episodeRow("M1", "01/05/2022", "S", "C2", "U1"), episodeRow("A1", "01/05/2022", "S", "C2", "U1"), episodeRow("L1", "01/05/2021", "S", "C2", "U1", "01/04/2022", "E11")],
    },
    { name: "missing.csv", table: "Missing", year: 2023, header: MISSING_COLS, rows: [["M1", "01/01/2012", "M", "05/06/2022", "06/06/2022"], ["A1", "01/01/2012", "A", "05/06/2022", ""]] },
  ]);
  const c = count(claCounts(data, 2023), "cla_missing_pct");
  assert.deepEqual([c.numerator, c.denominator], [1, 3]); // L1 left on 1 April: looked after on a day of the year
});

/** One child looked after in 2022-23 and the OC3 rows given, read; the year's counts and the log. */
function careLeavers(oc3: string[][]) {
  const { data, log } = read([
    { name: "header.csv", table: "Header", year: 2023, header: HEADER_COLS, rows: [headerRow("X", "01/01/2012")] },
    { name: "episodes.csv", table: "Episodes", year: 2023, header: EPISODE_COLS, rows: [episodeRow("X", "01/05/2022", "S", "C2", "U1")] },
    { name: "oc3.csv", table: "OC3", year: 2023, header: OC3_COLS, rows: oc3 },
  ]);
  return { counts: claCounts(data, 2023), log };
}

test("care leavers aged 19–21 on their birthday in the year; died and returned-home are left out", () => {
  const { counts, log } = careLeavers([
    ["C19", "10/06/2003", "YES", "F1", "D1"], // 19 in June 2022
    ["C21", "10/03/2002", "YES", "G5", "K2"], // 21 in March 2023
    ["C18", "10/06/2004", "YES", "F1", "DY"], // 18: out (suitability spelt Y is read as 1)
    ["C22", "10/03/2001", "YES", "F1", "D1"], // 22 in March 2023: out
    ["BAD", "10/06/2003", "YES", "F1", "D9"], // unknown accommodation code: dropped
    ["DIED", "10/06/2003", "DIED", "0", "0"],
    ["HOME", "10/06/2003", "RHOM", "0", "0"],
    // 17 in June 2022 (and died: in no cohort): without a 17-year-old, every date of birth here would fit 2021-22's
    // cohort, C22 none of 2022-23's, and the table would be refused as last year's (lib/returns/ssda903-table-year)
    ["C17", "10/06/2005", "DIED", "", ""],
  ]);
  const eet = count(counts, "care_leavers_eet_19_21_pct");
  const acc = count(counts, "care_leavers_suitable_accom_19_21_pct");
  assert.deepEqual([eet.numerator, eet.denominator, acc.numerator, acc.denominator], [1, 2, 1, 2]);
  assert.deepEqual(log.entries().map((e) => [e.action, e.row, e.column, e.value]), [["dropped", 5, "ACCOM", "D9"]]);
});

test("bad rows are dropped and logged with file, row, column and value; identifiers and dates are withheld in the log", () => {
  const { data, log } = read([
    { name: "la/header.csv", table: "Header", year: 2023, header: HEADER_COLS, rows: [headerRow("OK", "01/01/2012"), headerRow("BADDOB", "31/02/2012")] },
    {
      name: "la/episodes.csv", table: "Episodes", year: 2023, header: EPISODE_COLS,
      rows: [
        episodeRow("OK", "01/05/2022", "S", "C2", "U1", "01/06/2022", "X1"),
        episodeRow("OK", "20/05/2022", "P", "C2", "U1"), // overlaps the first
        episodeRow("OK", "01/07/2022", "S", "C2", "U1", "01/06/2022", "E11"), // ends before it starts
        episodeRow("GHOST", "01/05/2022", "S", "C2", "U1"), // not in Header
        episodeRow("OK", "01/08/2022", "S", "Q9", "U1"), // unknown legal status
        ["OK", "01/09/2022", "S"], // malformed row
      ],
    },
  ]);
  const e = log.entries();
  const find = (rule: RegExp) => e.find((x) => rule.test(x.rule));
  assert.deepEqual(pick(find(/date of birth/)!), { action: "warning", file: "la/header.csv", row: 2, column: "DOB", value: "(withheld)" });
  assert.deepEqual(pick(find(/ends before it starts/)!), { action: "dropped", file: "la/episodes.csv", row: 3, column: "DEC", value: "(withheld)" });
  assert.deepEqual(pick(find(/missing from Header/)!), { action: "dropped", file: "la/episodes.csv", row: 4, column: "CHILD", value: "(withheld)" });
  assert.deepEqual(pick(find(/unknown legal status/)!), { action: "dropped", file: "la/episodes.csv", row: 5, column: "LS", value: "Q9" });
  assert.deepEqual(pick(find(/malformed row/)!), { action: "dropped", file: "la/episodes.csv", row: 6, column: "(row)", value: "3 fields" });
  assert.deepEqual(pick(find(/overlapping/)!), { action: "dropped", file: "la/episodes.csv", row: 2, column: "DECOM", value: "(withheld)" });
  assert.equal(log.fileSummary().find((f) => f.file === "la/episodes.csv")!.dropped, 5);
  assert.equal([...data.episodes.values()].flat().length, 1);
  assert.ok(!JSON.stringify(e).includes("GHOST"));
});

function pick(x: { action: string; file: string; row?: number; column?: string; value?: string }) {
  return { action: x.action, file: x.file, row: x.row, column: x.column, value: x.value };
}

test("identifiers are pseudonymised: no raw CHILD value is held in the data read", () => {
  const { data } = read([
    { name: "header.csv", table: "Header", year: 2023, header: HEADER_COLS, rows: [headerRow("RAWID123", "01/01/2012")] },
    { name: "episodes.csv", table: "Episodes", year: 2023, header: EPISODE_COLS, rows: [episodeRow("RAWID123", "01/05/2022", "S", "C2", "U1")] },
  ]);
  const ids = [...data.episodes.keys()];
  assert.equal(ids.length, 1);
  assert.match(ids[0], /^ps_[0-9a-f]{16}$/);
  assert.ok(!JSON.stringify([...data.birthMonth]).includes("RAWID123"));
});

test("OC2 outcomes: convictions among those aged 10–17 with CONVICTED recorded; substance misuse among all with it recorded", () => {
  const OC2_COLS = ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"];
  const oc2 = (child: string, dob: string, convicted: string, misuse: string) => [child, dob, "", "", convicted, "1", "1", "1", "1", misuse, "", ""];
  const { data, log } = read([
    { name: "header.csv", table: "Header", year: 2023, header: HEADER_COLS, rows: [headerRow("X", "01/01/2012")] },
    { name: "episodes.csv", table: "Episodes", year: 2023, header: EPISODE_COLS, rows: [episodeRow("X", "01/05/2022", "S", "C2", "U1")] },
    {
      name: "oc2.csv", table: "OC2", year: 2023, header: OC2_COLS,
      rows: [
        oc2("A", "15/03/2013", "1", "0"), // 10 at 31 March 2023: in the conviction cohort, convicted
        oc2("B", "15/04/2013", "", "1"), // 9: not in it; substance misuse
        oc2("C", "15/03/2005", "0", ""), // 18 at 31 March: not in it; misuse not recorded
        oc2("D", "15/06/2008", "0", "0"),
        oc2("E", "15/06/2008", "2", "0"), // unknown code: dropped
        // 1 at 31 March 2023, neither recorded: without a child born after 1 April 2021, every date of birth here
        // would fit 2021-22's OC2, C's none of 2022-23's, and the table would be refused as last year's
        oc2("F", "15/03/2022", "", ""),
      ],
    },
  ]);
  const counts = claCounts(data, 2023);
  const conv = count(counts, "cla_convicted_pct");
  const sub = count(counts, "cla_substance_misuse_pct");
  assert.deepEqual([conv.numerator, conv.denominator, sub.numerator, sub.denominator], [1, 2, 1, 3]);
  assert.deepEqual(log.entries().map((e) => [e.action, e.row, e.column, e.value]), [["dropped", 5, "CONVICTED", "2"]]);
});

test("a missing collection year splits the years into runs counted apart, as each run alone; consecutive years still merge", () => {
  const header = (year: number, children: string[]) => ({ name: `${year}/header.csv`, table: "Header" as const, year, header: HEADER_COLS, rows: children.map((c) => headerRow(c, "01/01/2012")) });
  const episodes = (year: number, rows: string[][]) => ({ name: `${year}/episodes.csv`, table: "Episodes" as const, year, header: EPISODE_COLS, rows });
  // D: in care since 01/09/2020, new placement 01/03/2022; the 2023 return lists only the open episode
  const run2022to2023 = [
    header(2022, ["D"]),
    episodes(2022, [episodeRow("D", "01/09/2020", "S", "C2", "U1", "01/03/2022", "X1"), episodeRow("D", "01/03/2022", "P", "C2", "U2")]),
    header(2023, ["A", "B", "D"]),
    episodes(2023, [episodeRow("A", "01/05/2022", "S", "C2", "U1"), episodeRow("B", "01/06/2022", "S", "C2", "U1"), episodeRow("D", "01/03/2022", "P", "C2", "U2")]),
  ];
  // 2023-24 is missing: A and D left care in it, B left and came back
  const run2025 = [header(2025, ["B", "C"]), episodes(2025, [episodeRow("B", "01/06/2024", "S", "C2", "U1"), episodeRow("C", "01/05/2024", "S", "C2", "U1")])];
  const { runs, log } = read([...run2022to2023, ...run2025]);
  assert.deepEqual(runs.map((r) => r.years), [[2022, 2023], [2025]]);
  const countsOf = (r: typeof runs) => r.flatMap((data) => data.years.flatMap((y) => claCounts(data, y)));
  const atMarch = (r: typeof runs) => countsOf(r).filter((c) => c.indicator === "cla_31mar_count").map((c) => [c.period, c.numerator]);
  // by hand: 31/03/2022 D; 31/03/2023 A, B, D; 31/03/2025 B, C (merged across the gap: 2023 lost B, 2025 kept A's and D's stale open episodes)
  assert.deepEqual(atMarch(runs), [[2022, 1], [2023, 3], [2025, 2]]);
  // merging 2022 into 2023 gives D's period of care from 01/09/2020 (by 30/09/2020: 2.5 years at 31/03/2023), in U2 since 01/03/2022 (not 2 years)
  const stability = countsOf(runs).find((c) => c.indicator === "cla_long_term_stability_pct" && c.period === 2023)!;
  assert.deepEqual([stability.numerator, stability.denominator], [0, 1]);
  // each year's counts equal those of its run read alone
  assert.deepEqual(countsOf(runs), [...countsOf(read(run2022to2023).runs), ...countsOf(read(run2025).runs)]);
  const gap = log.entries().filter((e) => e.action === "warning");
  assert.deepEqual(gap.map((e) => [e.file, e.rule]), [[LA, "SSDA903 Episodes missing for 2023-24: years up to 2022-23 and from 2024-25 are counted apart"]]);
  assert.deepEqual(log.notices.map((n) => n.rule), [gap[0].rule]);
});

test("a child without a valid date of birth counts in every indicator but the age-based ones, and the log says how many were left out of which", () => {
  const OC2_COLS = ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"];
  const oc2 = (child: string, dob: string, convicted: string, misuse: string) => [child, dob, "", "", convicted, "1", "1", "1", "1", misuse, "", ""];
  const dir = tempDir();
  const folder = `${dir}/${LA}/2022-23`;
  // K: born 2012, one placement since 01/05/2020 (in the long-term cohort, stable). N: no DOB, in care since 01/05/2020
  // with three placements in the year and a missing incident
  writeCsv(folder, "header.csv", HEADER_COLS, [headerRow("K", "01/01/2012"), headerRow("N", "")]);
  writeCsv(folder, "episodes.csv", EPISODE_COLS, [
    episodeRow("K", "01/05/2020", "S", "C2", "U1"),
    episodeRow("N", "01/05/2020", "S", "C2", "U1", "01/05/2022", "X1"),
    episodeRow("N", "01/05/2022", "P", "C2", "U2", "01/06/2022", "X1"),
    episodeRow("N", "01/06/2022", "P", "C2", "U3"),
  ]);
  writeCsv(folder, "missing.csv", MISSING_COLS, [["N", "", "M", "05/07/2022", "06/07/2022"]]);
  // OC2: N2 without DOB (convicted, substance misuse), K2 aged 14 (neither)
  writeCsv(folder, "oc2.csv", OC2_COLS, [oc2("N2", "", "1", "1"), oc2("K2", "15/06/2008", "0", "0")]);
  const result = importReturns(dir, { key: TEST_KEY, threshold: 1 });
  const row = (id: string) => result.indicators.find((r) => r.indicator === id)!;
  const fraction = (id: string) => [row(id).numerator, row(id).denominator];
  // by hand: at 31 March K and N; N had U1 (to 01/05/2022), U2 and U3 in the year; both looked after in the year, N missing
  assert.deepEqual(fraction("cla_3plus_placements_pct"), [1, 2]);
  assert.deepEqual(fraction("cla_missing_pct"), [1, 2]);
  // long-term stability: K alone (N's age is unknown); convictions: K2 alone; substance misuse: both
  assert.deepEqual(fraction("cla_long_term_stability_pct"), [1, 1]);
  assert.deepEqual(fraction("cla_convicted_pct"), [0, 1]);
  assert.deepEqual(fraction("cla_substance_misuse_pct"), [1, 2]);
  const entries = result.log.entries();
  assert.equal(entries.filter((e) => e.action === "dropped").length, 0, JSON.stringify(entries));
  assert.deepEqual(
    entries.filter((e) => /^cla_.* left out: /.test(e.rule)).map((e) => [e.file, e.rule, e.count]),
    [
      [`${LA} 2023`, "cla_long_term_stability_pct: children left out: no valid date of birth (the cohort is by age)", 1],
      [`${LA} 2023`, "cla_convicted_pct: children left out: no valid date of birth (the cohort is by age)", 1],
    ],
  );
  assert.deepEqual(entries.filter((e) => e.column === "DOB").map((e) => [e.action, e.file]), [["warning", `${LA}/2022-23/header.csv`], ["warning", `${LA}/2022-23/oc2.csv`]]);
  // the catalogue's definitions say so, quoting the log's rule, so a reader of the package alone knows the exclusion
  const definition = new Map(result.catalogue.map((c) => [c.indicator, c.definition]));
  for (const id of ["cla_long_term_stability_pct", "cla_convicted_pct"]) {
    assert.ok(definition.get(id)!.includes(`without a valid date of birth`), id);
    assert.ok(definition.get(id)!.includes(`'${id}: children left out: no valid date of birth (the cohort is by age)'`), id);
  }
});

test("OC3 rows of young people who died or returned home, with ACTIV and ACCOM blank as DfE requires (rule 344), are valid: not dropped, not called unknown", () => {
  const { counts, log } = careLeavers([
    ["C19", "10/06/2003", "YES", "F1", "D1"], // 19 in June 2022: EET, suitable
    ["C20", "10/06/2002", "NO", "G5", "K2"], // 20: neither
    ["DIED", "10/06/2003", "DIED", "", ""],
    ["HOME", "10/06/2003", "RHOM", "", ""],
    ["ODD", "10/06/2003", "RHOM", "Q7", ""], // an unknown code where none is wanted: a warning, still outside the cohort
    ["BLANK", "10/06/2003", "YES", "", "D1"], // in touch: the activity decides, a blank one is dropped
  ]);
  const eet = count(counts, "care_leavers_eet_19_21_pct");
  const acc = count(counts, "care_leavers_suitable_accom_19_21_pct");
  assert.deepEqual([eet.numerator, eet.denominator, acc.numerator, acc.denominator], [1, 2, 1, 2]);
  assert.deepEqual(log.entries().map((e) => [e.action, e.row, e.column, e.value]), [["warning", 5, "ACTIV", "Q7"], ["dropped", 6, "ACTIV", ""]]);
  assert.deepEqual(log.fileSummary().find((f) => f.file === "oc3.csv"), { file: "oc3.csv", rows: 6, dropped: 1, warnings: 1 });
});

test("a first year with no child in the long-term cohort says the history is missing, not that there are no such children", () => {
  const dir = tempDir();
  // in care since 01/05/2022 as the first file shows: the episodes before it (were there any) are in the missing years
  const write = (label: string, rows: string[][]) => {
    writeCsv(`${dir}/${LA}/${label}`, "header.csv", HEADER_COLS, [headerRow("F", "01/01/2012")]);
    writeCsv(`${dir}/${LA}/${label}`, "episodes.csv", EPISODE_COLS, rows);
  };
  write("2022-23", [episodeRow("F", "01/05/2022", "S", "C2", "U1")]);
  const first = importReturns(dir, { key: TEST_KEY, threshold: 1 });
  const stability = (r: typeof first) => r.indicators.filter((x) => x.indicator === "cla_long_term_stability_pct").map((x) => [x.period, x.value, x.numerator, x.denominator, x.status]);
  assert.deepEqual(stability(first), [[2023, null, 0, 0, "not-available:no-history"]]);
  assert.equal(first.estimates.find((e) => e.indicator === "cla_long_term_stability_pct")!.status, "not-available:no-history");
  // said on the screen: the missing value is not a year without such children
  assert.deepEqual(first.log.notices.map((n) => [n.file, n.rule]), [
    [`${LA} 2023`, "cla_long_term_stability_pct: not-available:no-history (no child in its cohort, which the earlier collection years it needs would fill: not a year without such children)"],
  ]);
  // with the two earlier years given, an empty cohort is a year without such children
  write("2020-21", [episodeRow("F", "01/05/2020", "S", "C2", "U1", "01/06/2020", "E11")]);
  write("2021-22", [episodeRow("F", "01/05/2021", "S", "C2", "U1", "01/06/2021", "E11")]);
  const later = importReturns(dir, { key: TEST_KEY, threshold: 1 });
  assert.deepEqual(stability(later).at(-1), [2023, null, 0, 0, "not-available:no-children"]);
  // (2020-21 and 2021-22, without their own earlier years, are no-history in their turn)
  assert.deepEqual(later.log.notices.filter((n) => n.rule.includes("no-history")).map((n) => n.file), [`${LA} 2021`, `${LA} 2022`]);
});
