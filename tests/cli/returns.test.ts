import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { readPackage } from "../../lib/data/package";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { importReturns } from "../../lib/returns/import-returns";
import { controlledSummary, packageLogFiles, returnsPackageContent, writeReturnsPackage } from "../../lib/returns/returns-package";
import { leftOutRule, NO_BIRTH_DATE } from "../../lib/returns/cla-indicators";
import { REPEATED_CHILDREN_LEFT_OUT } from "../../lib/returns/ssda903-repeated-children";
import { FUTURE_BIRTH_DATE_RULE, MISSING_BIRTH_DATE_RULE } from "../../lib/returns/ssda903-row-readers";
import { xlsxBytes } from "../../lib/synthetic/returns-annex-a";
import { writeSyntheticReturns } from "../../lib/synthetic/returns-files";
import { capture, RETURNS_TEST_KEY, runWithReturnsKey } from "../helpers/cli";
import { EPISODE_COLS, HEADER_COLS, episodeRow, headerRow, tempDir, writeCsv } from "../returns/helpers";


const run = (args: string[]) => runWithReturnsKey(main, args);

test("vital-signs returns writes a valid package with intervals and an import log, and check-disclosure passes on it", async () => {
  const tmp = tempDir("vsw-returns-cli-");
  const dir = path.join(tmp, "in");
  writeSyntheticReturns(dir, {
    seed: 7,
    las: [
      { la: "E09000002", lookedAfterChildren: 300, cinChildren: 800, careLeaversPerYear: 40 },
      { la: "E06000001", lookedAfterChildren: 40, cinChildren: 60, careLeaversPerYear: 6 }, // small: suppression
    ],
    firstYear: 2022,
    lastYear: 2023,
  });
  const out = path.join(tmp, "out");
  const r = await run(["returns", dir, "--out", out, "--population", path.join(dir, "population.csv"), "--created", "2026-01-01"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /2 LA\(s\), years 2022, 2023/);
  const pkg = readPackage(out);
  const rows = pkg.indicators.objects() as { indicator: string; status: string; value: number | null; numerator: number | null; la_code: string }[];
  assert.ok(rows.some((x) => x.indicator === "cla_rate_per_10k" && x.value !== null));
  const suppressed = rows.filter((x) => x.status === "suppressed:disclosure");
  assert.ok(suppressed.length > 0, "the small LA has suppressed values");
  for (const x of rows) if (x.numerator !== null) assert.ok(x.numerator === 0 || x.numerator >= 10, `${x.indicator} numerator ${x.numerator}`);
  assert.ok(fs.existsSync(path.join(out, "intervals.csv")) && fs.existsSync(path.join(out, "import-log.json")));
  const intervals = fs.readFileSync(path.join(out, "intervals.csv"), "utf8");
  assert.match(intervals.split("\n")[0], /^la_code,period,indicator,value,lower,upper,conf,method,status$/);
  const text = fs.readdirSync(out).map((f) => fs.readFileSync(path.join(out, f), "utf8")).join("\n");
  assert.ok(!/\bps_[0-9a-f]{16}\b/.test(text) && !/C0000\d\d|N00000\d\d/.test(text), "no pseudonym or raw child id in the output");
  const scan = scanPaths([out]);
  assert.equal(scan.total, 0, JSON.stringify(scan.findings));
  const check = await run(["check-disclosure", out]);
  assert.equal(check.code, 0, check.out);
  // the import log's counts per file and per rule: 1 … 9 records (children, episodes) left out, with why; no entries
  const log = JSON.parse(fs.readFileSync(path.join(out, "import-log.json"), "utf8")) as {
    files: { file: string; rows: number | null; dropped: number | null; warnings: number | null; note?: string }[];
    summary: { byAction: Record<string, number | null>; byRule: { action: string; rule: string; count: number | null; files: number }[] };
    entries?: unknown;
  };
  // rows read are never given: header.csv's rows less a published denominator gave children on short breaks only (a walkthrough)
  assert.ok(log.files.every((f) => f.rows === null));
  assert.match((log as unknown as { note: string }).note, /^Rows read are not given \(null\)/);
  for (const f of log.files) {
    for (const n of [f.dropped, f.warnings]) assert.ok(n === null || n === 0 || n >= 10, `${f.file}: ${n}`);
    if ([f.dropped, f.warnings].includes(null)) assert.match(f.note ?? "", /between 1 and 9|holding a count of one rule/);
  }
  // counts of records (dropped, warned about) are left out; counts of LA-years are kept (a notice is one per LA-year:
  // its count is its files', which the summary gives anyway)
  for (const r of log.summary.byRule.filter((x) => x.action === "dropped" || x.action === "warning")) {
    assert.ok(r.count === null || r.count === 0 || r.count >= 10 || r.count === r.files, `${r.rule}: ${r.count} in ${r.files}`);
  }
  // a total is given only with all its parts: none can give a hidden one back by subtraction
  for (const [action, total] of Object.entries(log.summary.byAction)) {
    const parts = log.summary.byRule.filter((x) => x.action === action).map((x) => x.count);
    assert.equal(total, parts.includes(null) ? null : parts.reduce((a, b) => (a ?? 0) + (b ?? 0), 0), action);
  }
  assert.equal(log.entries, undefined, "one entry per record: not in the package");
});

test("controlledSummary leaves out counts of records of 1 … threshold − 1 and keeps counts of files", () => {
  const records = [
    { action: "dropped", file: "a.csv", rule: "unknown code", count: 3 },
    { action: "warning", file: "a.csv", rule: "children left out: no valid date of birth", count: 12 },
  ] as const;
  const summary = controlledSummary([...records, { action: "unknown-file", file: "notes.txt", rule: "not a return", count: 1 }], records, 10);
  assert.deepEqual(summary.byRule.map((r) => [r.action, r.count]), [["dropped", null], ["warning", 12], ["unknown-file", 1]]);
  assert.deepEqual(summary.byAction, { dropped: null, warning: 12, "unknown-file": 1 });
});

test("controlledSummary leaves out a total holding a hidden count: 4 notices and two rules of 4 children left out do not give 12", () => {
  // the reviewer's Annex A log: a notice per LA-year for four rules, and 4 care leavers left out of each of two shares
  const notices = ["referrals rate left out", "rereferral: window", "eet: window", "accommodation: window"].map((rule) => ({ action: "warning" as const, file: "E09000001 2024", rule, count: 1 }));
  const leftOut = ["eet: children left out", "accommodation: children left out"].map((rule) => ({ action: "warning" as const, file: "E09000001 2024", rule, count: 4 }));
  const summary = controlledSummary([...notices, ...leftOut], leftOut, 10);
  // it had given warning: 12 beside six nulls, and 12 = 4 notices + 2 × 4
  assert.deepEqual(summary.byAction, { warning: null });
  assert.deepEqual(summary.byRule.map((r) => r.count), [1, 1, 1, 1, null, null], "a notice counts LA-years (its files say as much): given");
});

test("controlledSummary leaves out a rule's count over files when one file's count of it is hidden, and keeps the action's other rules", () => {
  const records = [
    { action: "dropped", file: "a.csv", rule: "unknown code", count: 12 },
    { action: "dropped", file: "b.csv", rule: "unknown code", count: 3 },
    { action: "warning", file: "a.csv", rule: "date after the year", count: 20 },
  ] as const;
  const summary = controlledSummary(records, records, 10);
  // 15 beside a.csv's 12 would give b.csv's 3
  assert.deepEqual(summary.byRule.map((r) => [r.rule, r.count]), [["unknown code", null], ["date after the year", 20]]);
  assert.deepEqual(summary.byAction, { dropped: null, warning: 20 });
});

test("controlledSummary: long-term stability's children left out for want of a date of birth are paired with every Header child read without one", () => {
  // a second read of round 24: 20 rows without a date, 15 children with different dates and 33 left out give back 2
  const leftOut = leftOutRule("cla_long_term_stability_pct", NO_BIRTH_DATE);
  const records = (missing: number, future: number, different: number, left: number) => [
    { action: "warning" as const, file: "E06000001/2023/header.csv", rule: MISSING_BIRTH_DATE_RULE, count: missing },
    { action: "warning" as const, file: "E06000001/2023/header.csv", rule: FUTURE_BIRTH_DATE_RULE, count: future },
    { action: "warning" as const, file: "E06000001/2023/header.csv", rule: REPEATED_CHILDREN_LEFT_OUT.Header, count: different },
    { action: "warning" as const, file: "E06000001 2023", rule: leftOut, count: left },
  ].filter((r) => r.count > 0);
  const countOf = (rs: ReturnType<typeof records>, rule: string) => controlledSummary(rs, rs, 10).byRule.find((r) => r.rule === rule)?.count;
  assert.equal(countOf(records(20, 0, 15, 33), leftOut), null, "20 + 15 − 33 = 2 children");
  assert.equal(countOf(records(20, 12, 15, 45), leftOut), null, "20 + 12 + 15 − 45 = 2 children");
  assert.equal(countOf(records(20, 0, 15, 20), leftOut), 20, "35 − 20 = 15: not a small count");
  assert.equal(countOf(records(20, 0, 15, 35), leftOut), 35, "the same children: a difference of 0 gives nothing back");
});

test("packageLogFiles leaves out a file's total that holds a hidden count of one rule, and says why", () => {
  // 18 rows dropped, 15 by one rule (given in the summary) and 3 by another: 18 would give the 3 back
  const records = [
    { action: "dropped", file: "h.csv", rule: "unknown code", count: 15 },
    { action: "dropped", file: "h.csv", rule: "no date", count: 3 },
    { action: "warning", file: "e.csv", rule: "date after the year", count: 12 },
  ] as const;
  const files = [
    { file: "e.csv", rows: 40, dropped: 0, warnings: 12 },
    { file: "h.csv", rows: 40, dropped: 18, warnings: 0 },
  ];
  assert.deepEqual(packageLogFiles(files, records, 10), [
    { file: "e.csv", rows: null, dropped: 0, warnings: 12 },
    { file: "h.csv", rows: null, dropped: null, warnings: 0, note: "dropped: holding a count of one rule between 1 and 9, not published" },
  ]);
});

test("packageLogFiles never gives a file's rows read, and leaves out its dropped and warnings of 1 … threshold − 1, keeping 0 and the threshold", () => {
  const files = [0, 1, 9, 10].map((dropped) => ({ file: `f${dropped}.csv`, rows: 200, dropped, warnings: 12 }));
  assert.deepEqual(packageLogFiles(files, [], 10).map((f) => [f.rows, f.dropped]), [[null, 0], [null, null], [null, null], [null, 10]]);
  assert.deepEqual(packageLogFiles(files, [], 2).map((f) => f.dropped), [0, null, 9, 10]);
  assert.deepEqual(packageLogFiles([{ file: "h.csv", rows: 40, dropped: 8, warnings: 3 }], [], 10), [
    { file: "h.csv", rows: null, dropped: null, warnings: null, note: "dropped, warnings: between 1 and 9, under the disclosure threshold of 10, not published" },
  ]);
});

test("without --population the rates are left out, and said so", async () => {
  const tmp = tempDir("vsw-returns-cli-");
  const dir = path.join(tmp, "E09000001", "2022-23");
  writeCsv(dir, "header.csv", HEADER_COLS, Array.from({ length: 12 }, (_, k) => headerRow(`K${k}`, "01/01/2012")));
  writeCsv(dir, "episodes.csv", EPISODE_COLS, Array.from({ length: 12 }, (_, k) => episodeRow(`K${k}`, "01/05/2022", "S", "C2", "U1")));
  const out = path.join(tempDir("vsw-returns-out-"), "out"); // beside DIR: --out inside it is refused
  const logFile = path.join(tmp, "returns-log.json");
  const r = await run(["returns", path.join(tmp), "--out", out, "--log", logFile]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /rates per 10,000 left out/);
  const pkg = readPackage(out);
  const ids = new Set((pkg.indicators.objects() as { indicator: string }[]).map((x) => x.indicator));
  assert.ok(ids.has("cla_3plus_placements_pct") && !ids.has("cla_rate_per_10k"));
  // the whole log, entries included, goes to the file --log names; the package's has the rule's count only
  const log = JSON.parse(fs.readFileSync(logFile, "utf8"));
  assert.ok(log.entries.some((e: { rule: string }) => /no child population/.test(e.rule)));
  const inPackage = JSON.parse(fs.readFileSync(path.join(out, "import-log.json"), "utf8"));
  assert.ok(inPackage.summary.byRule.some((e: { rule: string }) => /no child population/.test(e.rule)));
  // and never into the package
  const refused = await run(["returns", path.join(tmp), "--out", out, "--log", path.join(out, "log.json")]);
  assert.equal(refused.code, 1, refused.err);
  assert.match(refused.err, /--log: must be outside the package folder/);
});

test("files in DIR that are not read are named on the screen, not only in the log: a CSV not named as a table, a notes file; an episodes table whose header is not recognised is refused", async () => {
  const tmp = tempDir("vsw-returns-cli-");
  const outs = tempDir("vsw-returns-cli-out-");
  const dir = path.join(tmp, "E09000001", "2022-23");
  const episodes = Array.from({ length: 12 }, (_, k) => episodeRow(`K${k}`, "01/05/2022", "S", "C2", "U1"));
  writeCsv(dir, "header.csv", HEADER_COLS, Array.from({ length: 12 }, (_, k) => headerRow(`K${k}`, "01/01/2012")));
  fs.writeFileSync(path.join(dir, "notes.txt"), "sent on 3 May\n");
  const named = (text: string, ...files: string[]) => files.every((f) => text.includes(path.join("E09000001", "2022-23", f)));
  // the episodes table with its CHILD column misnamed is named as a table: refused, saying what is wrong
  writeCsv(dir, "episodes.csv", ["CHILD_ID", ...EPISODE_COLS.slice(1)], episodes);
  const refused = await run(["returns", tmp, "--out", path.join(outs, "refused")]);
  assert.equal(refused.code, 1, refused.out);
  assert.match(refused.err, /episodes\.csv, row 0: expected the header row of an SSDA903 Episodes table \(CHILD, DECOM, .*\): its first row has no CHILD column/);
  // named otherwise, it is not taken for a 903 table: without it nothing is counted
  fs.renameSync(path.join(dir, "episodes.csv"), path.join(dir, "placements.csv"));
  const nothing = await run(["returns", tmp, "--out", path.join(outs, "nothing")]);
  assert.equal(nothing.code, 1, nothing.out);
  assert.match(nothing.err, /holds no SSDA903 tables with an Episodes table, CIN census files or Annex A workbooks \(2 file\(s\) found but not read: /);
  // and says why the Header table alone gave nothing (it had said only "holds no SSDA903 tables")
  assert.match(nothing.err, /; E09000001 2023: no Episodes table read \(the year's SSDA903 files: .*header\.csv\)/);
  assert.ok(named(nothing.err, "placements.csv", "notes.txt"), nothing.err);
  fs.rmSync(path.join(dir, "placements.csv"));
  // read, with the notes file named as not read
  writeCsv(dir, "episodes.csv", EPISODE_COLS, episodes);
  const r = await run(["returns", tmp, "--out", path.join(outs, "out")]);
  assert.equal(r.code, 0, r.err);
  const line = r.out.split("\n").find((l) => l.includes("not read"));
  // each entry with why it was not read (a link to an LA folder had been listed bare among "files")
  assert.match(line ?? r.out, /^ {2}1 entry in DIR not read: .*notes\.txt \(not a return this command reads\)$/);
  assert.ok(named(line ?? "", "notes.txt"), r.out);
  fs.rmSync(path.join(dir, "notes.txt"));
  const none = await run(["returns", tmp, "--out", path.join(outs, "out2")]);
  assert.equal(none.code, 0, none.err);
  assert.ok(!none.out.includes("not read"), none.out);
});

test("a folder that names no LA needs --la, and the message names the option", async () => {
  const tmp = tempDir("vsw-returns-cli-");
  writeCsv(path.join(tmp, "2023"), "header.csv", HEADER_COLS, [headerRow("A", "01/01/2012")]);
  const r = await run(["returns", tmp, "--out", path.join(tempDir("vsw-returns-out-"), "out")]);
  assert.equal(r.code, 1);
  assert.match(r.err, /--la/);
});

test("--population PKG takes the child population and the LAs' names from a data package", async () => {
  const { writePackage } = await import("../../lib/data/package");
  const tmp = tempDir("vsw-returns-cli-");
  const dir = path.join(tmp, "E09000001", "2022-23");
  writeCsv(dir, "header.csv", HEADER_COLS, Array.from({ length: 30 }, (_, k) => headerRow(`K${k}`, "01/01/2012")));
  writeCsv(dir, "episodes.csv", EPISODE_COLS, Array.from({ length: 30 }, (_, k) => episodeRow(`K${k}`, "01/05/2022", "S", "C2", "U1")));
  const popPkg = path.join(tmp, "pop");
  writePackage(popPkg, {
    name: "pop", title: "Population", created: "2026-01-01",
    areas: [{ la_code: "E09000001", la_name: "City of London", region_code: "E12000007", region_name: "London", old_la_code: "201", first_period: null, last_period: null }],
    catalogue: [], indicators: [], outcomes: [],
    context: [{ la_code: "E09000001", period: 2023, variable: "child_population_0_17", value: 1200 }],
  });
  const out = path.join(tmp, "out");
  const r = await run(["returns", path.join(tmp, "E09000001"), "--out", out, "--population", popPkg]);
  assert.equal(r.code, 0, r.err);
  const pkg = readPackage(out);
  assert.equal((pkg.areas.objects()[0] as { la_name: string }).la_name, "City of London");
  const rate = (pkg.indicators.objects() as { indicator: string; value: number }[]).find((x) => x.indicator === "cla_rate_per_10k")!;
  assert.ok(Math.abs(rate.value - (30 / 1200) * 10000) < 1e-9, String(rate.value));
});

test("vital-signs returns refuses a --threshold below the minimum in the words pilot and check-disclosure use, before any work", async () => {
  const tmp = tempDir("vsw-returns-cli-");
  const dir = path.join(tmp, "in");
  writeSyntheticReturns(dir, { seed: 7, las: [{ la: "E06000001", lookedAfterChildren: 40, cinChildren: 60, careLeaversPerYear: 6 }], firstYear: 2023, lastYear: 2023 });
  const out = path.join(tmp, "out");
  for (const value of ["1", "5"]) {
    // a walkthrough: --threshold 1 was accepted with a warning and wrote counts of 1..9 into the package
    const r = await run(["returns", dir, "--out", out, "--threshold", value]);
    assert.equal(r.code, 2, r.out);
    assert.ok(r.err.startsWith(`vital-signs returns: --threshold: must be a whole number >= 6 (counts of 1–5 are always small, as in DfE's statistics) (got "${value}")`), r.err);
    assert.equal(fs.existsSync(out), false, "refused before any work");
  }
  assert.equal((await run(["returns", dir, "--out", out, "--threshold", "6"])).code, 0, "the minimum itself is accepted");
});

test("check-disclosure would catch small counts: a package made without suppression (threshold 1, through the library) fails it", async () => {
  const tmp = tempDir("vsw-returns-cli-");
  const dir = path.join(tmp, "in");
  writeSyntheticReturns(dir, { seed: 7, las: [{ la: "E06000001", lookedAfterChildren: 40, cinChildren: 60, careLeaversPerYear: 6 }], firstYear: 2023, lastYear: 2023 });
  const out = path.join(tmp, "out");
  const result = importReturns(dir, { key: Buffer.from(RETURNS_TEST_KEY), threshold: 1 });
  writeReturnsPackage(out, returnsPackageContent(result, { created: "2026-01-01T00:00:00Z" }), result);
  // said in the package (a walkthrough: nothing said, and "counts of 1–0 suppressed")
  assert.match(JSON.parse(fs.readFileSync(path.join(out, "datapackage.json"), "utf8")).description, /no count suppressed \(threshold 1\): not for publication/);
  const check = await run(["check-disclosure", out]);
  assert.equal(check.code, 1, check.out);
  assert.match(check.out, /small-count/);
});

test("vital-signs returns reads Annex A workbooks too: a package whose check-disclosure passes, with no identifier in it", async () => {
  const { writeSyntheticAnnexA } = await import("../../lib/synthetic/returns-annex-a");
  const tmp = tempDir("vsw-returns-cli-");
  const dir = path.join(tmp, "in");
  writeSyntheticAnnexA(dir, {
    seed: 2,
    year: 2023,
    las: [
      { la: "E09000002", referralChildren: 400, assessments: 300, planChildren: 120, lookedAfter: 200, careLeavers: 150 },
      { la: "E06000001", referralChildren: 20, assessments: 15, planChildren: 8, lookedAfter: 12, careLeavers: 9 }, // small: suppression
    ],
  });
  const out = path.join(tmp, "out");
  const r = await run(["returns", dir, "--out", out, "--created", "2026-01-01"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /2 Annex A workbook\(s\)/);
  const rows = readPackage(out).indicators.objects() as { indicator: string; status: string; numerator: number | null }[];
  // the synthetic workbooks are named by collection year only: a window of unknown months, its shares flagged
  assert.ok(rows.some((x) => x.indicator === "cpp_second_time_pct" && x.status === "low-reliability:window" && x.numerator !== null));
  assert.ok(rows.some((x) => x.status === "suppressed:disclosure"));
  for (const x of rows) if (x.numerator !== null) assert.ok(x.numerator === 0 || x.numerator >= 10, `${x.indicator} numerator ${x.numerator}`);
  const text = fs.readdirSync(out).map((f) => fs.readFileSync(path.join(out, f), "utf8")).join("\n");
  assert.ok(!/\bps_[0-9a-f]{16}\b/.test(text), "no pseudonym in the output");
  // the generator's child ids are R0…, A0…, P0…, L0…, C0… (the catalogue's code lists such as "P1–P5" are not ids)
  const data = fs.readdirSync(out).filter((f) => f !== "catalogue.csv").map((f) => fs.readFileSync(path.join(out, f), "utf8")).join("\n");
  assert.ok(!/\b[RAPLC]\d{1,3}\b/.test(data), "no raw child id in the output");
  assert.equal(scanPaths([out]).total, 0);
  const check = await run(["check-disclosure", out]);
  assert.equal(check.code, 0, check.out);
});

test("vital-signs returns --workers: the package is byte for byte the same on 0 and 2 worker threads; a bad count is a usage error", async () => {
  const tmp = tempDir("vsw-returns-cli-");
  const dir = path.join(tmp, "in");
  writeSyntheticReturns(dir, {
    seed: 3,
    las: [
      { la: "E09000002", lookedAfterChildren: 80, cinChildren: 150, careLeaversPerYear: 10 },
      { la: "E09000003", lookedAfterChildren: 50, cinChildren: 90, careLeaversPerYear: 8 },
      { la: "E06000001", lookedAfterChildren: 30, cinChildren: 40, careLeaversPerYear: 5 },
    ],
    firstYear: 2022,
    lastYear: 2023,
  });
  const files = (out: string) => Object.fromEntries(fs.readdirSync(out).sort().map((f) => [f, fs.readFileSync(path.join(out, f), "utf8")]));
  const outs = [0, 2].map((w) => path.join(tmp, `out-${w}`));
  for (const [k, workers] of [0, 2].entries()) {
    const r = await run(["returns", dir, "--out", outs[k], "--created", "2026-01-01", "--workers", String(workers)]);
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.err, /worker thread failed/);
  }
  assert.deepEqual(files(outs[1]), files(outs[0]));
  const bad = await run(["returns", dir, "--out", path.join(tmp, "x"), "--workers", "-1"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--workers/);
});

test("vital-signs returns refuses returns that are not UTF-8 (a Latin-1 census, a Latin-1 903 table, a UTF-16 census), on 0 and 1 worker threads, naming the file and writing nothing", async () => {
  const tmp = tempDir("vsw-returns-cli-");
  const fresh = (name: string) => {
    const dir = path.join(tmp, name);
    writeSyntheticReturns(dir, { seed: 5, las: [{ la: "E09000002", lookedAfterChildren: 40, cinChildren: 40, careLeaversPerYear: 5 }], firstYear: 2023, lastYear: 2023 });
    return path.join(dir, "E09000002", "2023");
  };
  // two children whose ids differ in one Latin-1 byte: read as UTF-8 both would be N000000\uFFFD, one child
  const latin1Census = fresh("latin1-cin");
  const census = path.join(latin1Census, "cin_census.xml");
  const xml = fs.readFileSync(census, "utf8").replace("N0000001<", "N000000\u00e9<").replace("N0000002<", "N000000\u00e8<");
  fs.writeFileSync(census, Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), "latin1"));
  const latin1Table = fresh("latin1-903");
  const header = path.join(latin1Table, "header.csv");
  fs.writeFileSync(header, Buffer.from(fs.readFileSync(header, "utf8").replace(/\n([A-Z]\d+),/, "\n$1\u00e9,"), "latin1"));
  const utf16Census = fresh("utf16-cin");
  const utf16 = path.join(utf16Census, "cin_census.xml");
  fs.writeFileSync(utf16, Buffer.from(`\ufeff${fs.readFileSync(utf16, "utf8").replace('encoding="UTF-8"', 'encoding="UTF-16"')}`, "utf16le"));
  const cases: [string, RegExp][] = [
    ["latin1-cin", /cin_census\.xml: got "byte 0xe9", expected ASCII only in a census declared ISO-8859-1 .*UTF-8/],
    ["latin1-903", /header\.csv, row 1, column "CHILD": got "byte 0xe9 at offset \d+", expected UTF-8/],
    ["utf16-cin", /cin_census\.xml: got "byte-order mark FF FE", expected UTF-8 .*UTF-16/],
  ];
  for (const [name, message] of cases) {
    for (const workers of ["0", "1"]) {
      const out = path.join(tmp, `out-${name}-${workers}`);
      const r = await run(["returns", path.join(tmp, name), "--out", out, "--created", "2026-01-01", "--workers", workers]);
      assert.notEqual(r.code, 0, `${name}, ${workers} workers: ${r.out}`);
      assert.match(r.err, message, `${name}, ${workers} workers`);
      assert.doesNotMatch(r.err, /N000000|[A-Z]\d+\u00e9|\ufffd/, "no child id in the message");
      assert.ok(!fs.existsSync(out), `${name}, ${workers} workers: nothing written`);
    }
  }
});

test("vital-signs returns says on the screen what changes the figures' meaning: a collection year missing between two", async () => {
  const tmp = tempDir("vsw-returns-cli-");
  for (const year of ["2022-23", "2024-25"]) {
    const folder = path.join(tmp, "in", "E09000002", year);
    writeCsv(folder, "header.csv", HEADER_COLS, [headerRow("A", "01/01/2012")]);
    writeCsv(folder, "episodes.csv", EPISODE_COLS, [episodeRow("A", "01/05/2021", "S", "C2", "U1")]);
  }
  const logFile = path.join(tmp, "log.json");
  const r = await run(["returns", path.join(tmp, "in"), "--out", path.join(tmp, "out"), "--ephemeral-key", "--log", logFile]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\n {2}warning: E09000002: SSDA903 Episodes missing for 2023-24: years up to 2022-23 and from 2024-25 are counted apart\n/);
  // the count on the screen is of every warning in the log, the one listed included (it had counted warnings on rows only: 0)
  const log = JSON.parse(fs.readFileSync(logFile, "utf8")) as { summary: { byAction: Record<string, number> } };
  const total = log.summary.byAction.warning;
  assert.ok(total >= 1);
  // 2022-23 alone is a first year: A, in care since May 2021, is not yet in the long-term cohort, which is empty
  assert.match(r.out, /\n {2}warning: E09000002 2023: cla_long_term_stability_pct: not-available:no-history \(no child in its cohort, which the earlier collection years it needs would fill: not a year without such children\)\n/);
  assert.match(r.out, new RegExp(`: 0 row\\(s\\) dropped, ${total} warning\\(s\\): 0 on rows, ${total} about LAs, years and indicators, 2 of them listed below; every entry in `));
});

test("vital-signs returns gives no warning total that holds a hidden count of children left out, in the package or on the screen", async () => {
  // the reviewer's input: one Annex A extract of 1 October 2023; List 9 has 12 care leavers turning 19 in May–September
  // 2023 (inside its window) and 4 turning 19 in December (outside it: left out of both shares)
  const tmp = tempDir("vsw-returns-cli-");
  const careLeavers = [
    ...Array.from({ length: 12 }, (_, i) => [`A${i}`, `10/0${5 + (i % 5)}/2004`, "Yes", i < 8 ? "F1" : "G4", "Suitable"]),
    ...Array.from({ length: 4 }, (_, i) => [`X${i}`, "10/12/2004", "Yes", "F1", "Suitable"]),
  ];
  const referrals = Array.from({ length: 40 }, (_, i) => [`R${i}`, "05/06/2023"]);
  const file = path.join(tmp, "in", "E09000001", "annex_a_2023-10-01.xlsx");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    xlsxBytes([
      { name: "List 3", header: ["Child Unique ID", "Referral Date"], rows: referrals },
      { name: "List 9", header: ["Child Unique ID", "Date of Birth", "LA in Touch", "Activity Status", "Suitability of Accommodation"], rows: careLeavers },
    ]),
  );
  const out = path.join(tmp, "out");
  const r = await run(["returns", path.join(tmp, "in"), "--out", out, "--created", "2026-01-01"]);
  assert.equal(r.code, 0, r.err);
  const log = JSON.parse(fs.readFileSync(path.join(out, "import-log.json"), "utf8")) as {
    summary: { byAction: Record<string, number | null>; byRule: { rule: string; count: number | null }[] };
    note: string;
  };
  // it had given 12 warnings beside six nulls: 4 notices, one per LA-year, and 4 children left out of each share
  assert.deepEqual(log.summary.byAction, { warning: null });
  for (const rule of log.summary.byRule) assert.equal(rule.count, / children left out: /.test(rule.rule) ? null : 1, rule.rule);
  assert.match(log.note, /So is every total holding one/);
  const provenance = (JSON.parse(fs.readFileSync(path.join(out, "datapackage.json"), "utf8")) as { provenance: { import_log: { summary: unknown } } }).provenance;
  assert.deepEqual(provenance.import_log.summary, log.summary);
  assert.match(r.out, /: 0 row\(s\) dropped, a withheld number of warnings: 0 on rows, a withheld number about LAs, years and indicators, 4 of them listed below;/);
  assert.match(r.out, /\n {2}a withheld number: a count of 1\.\.9 records, or a total holding one, as in import-log\.json\n/);
  assert.doesNotMatch(r.out, /\b(12|8) (warning|about)/);
});

test("vital-signs returns gives the rows of a table skipped whole as it gives the file's rows read: not 1 … threshold − 1", async () => {
  const tmp = tempDir("vsw-returns-cli-");
  const dir = path.join(tmp, "in", "E09000001", "2022-23");
  writeCsv(dir, "header.csv", HEADER_COLS, Array.from({ length: 12 }, (_, k) => headerRow(`K${k}`, "01/01/2012")));
  writeCsv(dir, "episodes.csv", EPISODE_COLS, Array.from({ length: 12 }, (_, k) => episodeRow(`K${k}`, "01/05/2022", "S", "C2", "U1")));
  // an OC2 table of 3 rows without CONVICTED and SUBSTANCE_MISUSE: skipped whole
  writeCsv(dir, "oc2.csv", ["CHILD", "DOB", "SDQ_SCORE"], [["K1", "01/01/2012", "5"], ["K2", "01/01/2012", "6"], ["K3", "01/01/2012", "7"]]);
  const out = path.join(tmp, "out");
  const r = await run(["returns", path.join(tmp, "in"), "--out", out, "--created", "2026-01-01"]);
  assert.equal(r.code, 0, r.err);
  const log = JSON.parse(fs.readFileSync(path.join(out, "import-log.json"), "utf8")) as {
    files: { file: string; rows: number | null }[];
    summary: { byAction: Record<string, number | null>; byRule: { action: string; rule: string; count: number | null }[] };
  };
  assert.equal(log.files.find((f) => f.file.endsWith("oc2.csv"))?.rows, null);
  // its rule's count had been 3 beside the file's null, and the action's total 3 + 1 (a rate left out: an LA-year)
  assert.deepEqual(
    log.summary.byRule.filter((x) => x.action === "skipped-file").map((x) => [x.rule.replace(/:.*/, ""), x.count]),
    [["OC2 table without DOB, CONVICTED or SUBSTANCE_MISUSE", null], ["rate left out", 1]],
  );
  assert.equal(log.summary.byAction["skipped-file"], null);
  const indicators = fs.readFileSync(path.join(out, "indicators.csv"), "utf8");
  assert.match(indicators, /cla_3plus_placements_pct/, "the tables read still give theirs");
  // the skipped table gives no figure: it had published both as not-available:no-children, which says the LA had
  // no child of those ages in care 12 months
  assert.doesNotMatch(indicators, /cla_convicted_pct|cla_substance_misuse_pct/);
});

test("vital-signs returns refuses a table without a column its indicators need, naming the file and column (a Missing table without MIS_START had been skipped, cla_missing_pct gone, exit 0)", async () => {
  const tmp = tempDir("vsw-returns-cli-");
  const dir = path.join(tmp, "in", "E09000001", "2022-23");
  writeCsv(dir, "header.csv", HEADER_COLS, Array.from({ length: 12 }, (_, k) => headerRow(`K${k}`, "01/01/2012")));
  writeCsv(dir, "episodes.csv", EPISODE_COLS, Array.from({ length: 12 }, (_, k) => episodeRow(`K${k}`, "01/05/2022", "S", "C2", "U1")));
  writeCsv(dir, "missing.csv", ["CHILD", "MISSING"], [["K1", "M"], ["K2", "M"], ["K3", "M"]]);
  for (const workers of ["0", "1"]) {
    const r = await run(["returns", path.join(tmp, "in"), "--out", path.join(tmp, `out${workers}`), "--workers", workers]);
    assert.equal(r.code, 1, r.out);
    assert.match(r.err, /missing\.csv, row 0, column "MIS_START": expected the columns of an SSDA903 Missing table \(CHILD, MISSING, MIS_START\): no MIS_START column/);
    assert.ok(!fs.existsSync(path.join(tmp, `out${workers}`)), "nothing written");
  }
});

test("returns takes one DIR: a second folder, or options after --, are refused (the second folder had been ignored without a word, exit 0)", async () => {
  const dir = tempDir();
  const two = capture();
  assert.equal(await main(["returns", path.join(dir, "a"), path.join(dir, "b"), "--out", path.join(dir, "out"), "--ephemeral-key"], two.io), 2);
  assert.match(two.err.join(""), /^vital-signs returns: arguments: one DIR expected; unexpected argument ".*b"/);
  const dashes = capture();
  assert.equal(await main(["returns", "--", path.join(dir, "a"), "--out", path.join(dir, "out")], dashes.io), 2);
  assert.match(dashes.err.join(""), /unexpected argument "--out" \(after -- no word is read as an option: put the options before --\)/);
  assert.equal(fs.existsSync(path.join(dir, "out")), false);
});

test("vital-signs returns says on the screen why a count is withheld when it is not small (rows of repeated OC3 children; OC2's children left out without a DOB, 2 fewer than its rows without one), and check-disclosure passes on the package", async () => {
  const tmp = tempDir("vsw-returns-cli-");
  const year = path.join(tmp, "in", "E09000001", "2023");
  writeCsv(year, "header.csv", HEADER_COLS, [headerRow("A", "01/05/2012")]);
  writeCsv(year, "episodes.csv", EPISODE_COLS, [episodeRow("A", "01/05/2020", "S", "C2", "U1")]);
  const leaver = (id: string, activity = "F1") => [id, "10/06/2003", "YES", activity, "D1"];
  const eleven = Array.from({ length: 11 }, (_, i) => `R${i}`);
  const others = Array.from({ length: 500 }, (_, i) => leaver(`W${i}`));
  writeCsv(year, "oc3.csv", ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"], [...eleven.map((k) => leaver(k)), ...others, ...eleven.map((k) => leaver(k, "G4")), leaver("R0", "F2")]);
  const oc2 = (id: string, dob: string, convicted: string) => [id, dob, "", convicted, "0"];
  writeCsv(year, "oc2.csv", ["CHILD", "DOB", "SDQ_SCORE", "CONVICTED", "SUBSTANCE_MISUSE"], [
    ...Array.from({ length: 30 }, (_, i) => oc2(`K${i}`, "01/05/2010", "0")),
    ...Array.from({ length: 10 }, (_, i) => oc2(`N${i}`, "", "0")),
    ...Array.from({ length: 2 }, (_, i) => oc2(`M${i}`, "", "")),
  ]);
  const out = path.join(tmp, "out");
  const r = await run(["returns", path.join(tmp, "in"), "--out", out, "--created", "2026-01-01"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\n {2}a withheld number: a count of 1\.\.9 records, rows the package never gives \(its note says why\), a count held by another that differs from it by 1\.\.9, or a total holding one, as in import-log\.json\n/);
  assert.doesNotMatch(r.out, /\b23 row/);
  const scan = scanPaths([out]);
  assert.equal(scan.total, 0, JSON.stringify(scan.findings));
});

test("vital-signs returns names on the screen the files that lost rows and their commonest rules, a count under the threshold withheld as in the package", async () => {
  const tmp = tempDir("vsw-returns-cli-");
  const dir = path.join(tmp, "in");
  const ids = Array.from({ length: 300 }, (_, i) => `C${i}`);
  writeCsv(dir, "E09000001/2023/header.csv", HEADER_COLS, ids.map((c) => headerRow(c, "01/05/2012")));
  // 12 rows (4%, too few to refuse) with a start that is no date, 3 with an unknown legal status
  const episodes = ids.map((c, i) => episodeRow(c, i < 12 ? "2022-13-45" : "01/06/2022", "S", i >= 12 && i < 15 ? "ZZ" : "C2", "U1"));
  writeCsv(dir, "E09000001/2023/episodes.csv", EPISODE_COLS, episodes);
  const r = await run(["returns", dir, "--out", path.join(tmp, "pkg"), "--created", "2026-01-01T00:00:00Z"]);
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.out,
    /\n {2}rows dropped, so the figures of their LA and year are counted without them \(a withheld number: 1\.\.9 rows\):\n {4}E09000001\/2023\/episodes\.csv: start date is not a date dd\/mm\/yyyy \(12 rows\); unknown legal status \(a withheld number of rows\)\n/,
  );
});
