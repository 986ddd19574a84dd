import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as XLSX from "xlsx";
import { main } from "../../lib/cli/main";
import { isCountName, scanFileText } from "../../lib/disclosure/scan";
import { lineFinder } from "../../lib/disclosure/scan-collector";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { tempDir } from "../helpers/temp-dirs";
import { writePackage } from "./package-fixture";
import { capture } from "../helpers/cli";
import { xlsxWorkbook } from "../../lib/report/analysis-exports";
import { zipArchive } from "../../lib/report/zip-archive";

const ROOT = path.resolve(__dirname, "..", "..");
/** The plotly bundle reports inline (lib/plots/figure-html.ts: plotly's cartesian partial bundle). */
const PLOTLY = fs.readFileSync(path.join(ROOT, "node_modules", "plotly.js-cartesian-dist-min", "plotly-cartesian.min.js"), "utf8");
const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const COMMIT = "3a5740c2b1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6";

function notebook(outputs: Record<string, unknown>[]): string {
  return JSON.stringify({
    cells: [
      { cell_type: "markdown", source: ["# A notebook"], metadata: {} },
      // code is not exported data: a small literal in code is not a finding
      { cell_type: "code", source: ["const n = 3;"], metadata: {}, outputs, execution_count: 1 },
    ],
    metadata: { kernelspec: { name: "tslab" } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

function report(body: string, figure: unknown): string {
  return `<!doctype html><html><head><script>${PLOTLY}</script><style>td{color:red}</style></head><body>${body}` +
    `<div id="fig"></div><script>Plotly.newPlot("fig", ${JSON.stringify(figure)});</script></body></html>`;
}

const cleanFigure = { data: [{ type: "scatter", x: [1, 2, 3], y: [45.2, 50.1, 61], text: ["Northmouth<br>n = 148", "p = 0.003", "2019"], hovertemplate: "%{text}" }], layout: { title: { text: "r = 0.31" } } };
const cleanBody = `<h1>Vital signs</h1><p>Data sha256 ${SHA}, commit ${COMMIT}, seed 2019.</p>` +
  `<table><tr><th>indicator</th><th>period</th><th>value</th><th>p</th><th>n</th><th>numerator</th><th>denominator</th></tr>` +
  `<tr><td>rereferral_12m_pct</td><td>2023</td><td>5</td><td>0.004</td><td>148</td><td>[c]</td><td>[c]</td></tr>` +
  `<tr><td>pilot_child_survey_trust_staff_pct_positive</td><td>2023</td><td>62.5</td><td>0.2</td><td>20</td><td>25</td><td>40</td></tr></table>` +
  `<p>Twenty LAs took part; 3 instruments; 148 LAs in the screen.</p>`;

describe("scanFileText finds planted leaks", () => {
  test("a small count in a JSON results file", () => {
    const json = JSON.stringify({ results: [{ indicator: "x", n: 150, r: 0.2 }, { indicator: "y", respondents: 4, value: 50 }] });
    const { findings } = scanFileText("results.json", json);
    assert.equal(findings.length, 1);
    assert.deepEqual([findings[0].rule, findings[0].location, findings[0].value], ["small-count", "$.results[1].respondents", "4"]);
  });

  test("a respondent id in a notebook's output (pseudonym, labelled raw id)", () => {
    const nb = notebook([
      { output_type: "stream", name: "stdout", text: ["records: 8772\n", "first: ps_87ca89e8e7f2ecf6\n"] },
      { output_type: "execute_result", data: { "text/plain": "{ respondent_id: 'CH-E06900001-0001', la_code: 'E06900001' }" }, metadata: {}, execution_count: 2 },
    ]);
    const { findings } = scanFileText("05-pilot-data.ipynb", nb);
    assert.ok(findings.some((f) => f.rule === "record-identifier" && f.value === "(hidden: 19 characters)" && /cell 1 output 0/.test(f.location)));
    assert.ok(findings.some((f) => f.rule === "record-identifier" && /^\(hidden: \d+ characters\)$/.test(f.value) && /cell 1 output 1/.test(f.location)));
  });

  test("a record row in an HTML report, as a table and as preformatted CSV", () => {
    const table = report(`<table><tr><th>respondent_id</th><th>la_code</th><th>period</th><th>instrument</th><th>item</th><th>response</th></tr><tr><td>CH-E06900001-0001</td><td>E06900001</td><td>2023</td><td>child_survey</td><td>trust_staff</td><td>4</td></tr></table>`, cleanFigure);
    const t = scanFileText("report.html", table).findings;
    assert.ok(t.some((f) => f.rule === "record-rows"));
    assert.ok(t.some((f) => f.rule === "record-identifier" && f.value === "(hidden: 17 characters)"));
    const pre = report(`<pre>respondent_id,la_code,period,instrument,item,response\nCH-1,E06900001,2023,child_survey,trust_staff,4</pre>`, cleanFigure);
    assert.ok(scanFileText("report.html", pre).findings.some((f) => f.rule === "record-rows"));
  });

  test("a small count in a chart's hover text and in an HTML table column", () => {
    const fig = { ...cleanFigure, data: [{ ...cleanFigure.data[0], text: ["Northmouth<br>n = 4"] }] };
    const f = scanFileText("report.html", report("<p>ok</p>", fig)).findings;
    assert.ok(f.some((x) => x.rule === "small-count" && /n = 4/.test(x.value) && /script/.test(x.location)));
    const tableLeak = report(`<table><tr><th>LA</th><th>respondents</th></tr><tr><td>Northmouth</td><td>7</td></tr></table>`, cleanFigure);
    assert.ok(scanFileText("report.html", tableLeak).findings.some((x) => x.rule === "small-count" && x.value === "7" && /table 1 row 1 column 2/.test(x.location)));
  });

  test("small counts in CSV count columns and in plotly JSON inside a notebook", () => {
    const csv = "la_code,period,indicator,value,numerator,denominator,status\nE1,2023,x,50,,8,\n";
    assert.ok(scanFileText("indicators.csv", csv).findings.some((f) => f.location === 'row 1 column "denominator"'));
    const nb = notebook([{ output_type: "display_data", data: { "application/vnd.plotly.v1+json": { data: [{ customdata: [1], text: ["respondents: 6"] }] } }, metadata: {} }]);
    assert.ok(scanFileText("x.ipynb", nb).findings.some((f) => f.rule === "small-count"));
  });

  test("a small count under any count-like key in a JSON data script of an HTML page, but not a count of LAs", () => {
    const page = (data: unknown) => `<html><body><script type="application/json" id="d">${JSON.stringify(data)}</script><p>x</p></body></html>`;
    const f = scanFileText("report.html", page({ rows: [{ la: "E1", n_respondents: 4 }] })).findings;
    assert.equal(f.length, 1);
    assert.match(f[0].location, /script \$\.rows\[0\]\.n_respondents/);
    assert.deepEqual(scanFileText("report.html", page({ rows: [{ nLAs: 5, year: 2019, value: 3 }] })).findings, []);
    assert.equal(scanFileText("out.txt", "positive_count = 3; nLAs = 4; Respondents: 6").total, 2);
  });

  test("an unlabelled hex string that looks like a hashed identifier", () => {
    const f = scanFileText("out.json", JSON.stringify({ rows: [{ who: "87ca89e8e7f2ecf6a1b2", value: 3.2 }] })).findings;
    assert.equal(f.length, 1);
    assert.equal(f[0].rule, "record-identifier");
  });
});

describe("scanFileText passes clean aggregate outputs", () => {
  test("an HTML report with the plotly library, LA-level values, p-values, years, n of LAs, sha256 and a commit", () => {
    const r = scanFileText("report.html", report(cleanBody, cleanFigure));
    assert.deepEqual(r.findings, []);
  });

  test("a results JSON and a notebook with clean outputs", () => {
    const json = JSON.stringify({ sha256: SHA, commit: COMMIT, seed: 2019, screen: [{ indicator: "x", n: 148, r: -0.21, p: 0.0098, q: 0.04, period: 2023, value: 3 }] });
    assert.deepEqual(scanFileText("results.json", json).findings, []);
    const nested = JSON.stringify({ dataset: { sha256: { areas: SHA, indicators: SHA } }, versions: { git_commit: COMMIT } });
    assert.deepEqual(scanFileText("results.json", nested).findings, [], "hashes labelled by their JSON path");
    const nb = notebook([
      { output_type: "stream", name: "stdout", text: [`vital-signs workbench 0.1.0, commit ${COMMIT}, data sha256 ${SHA}\n`, "148 LAs, 40 indicators, 2014–2023\n"] },
      { output_type: "display_data", data: { "text/html": report(cleanBody, cleanFigure), "application/vnd.plotly.v1+json": cleanFigure }, metadata: {} },
    ]);
    assert.deepEqual(scanFileText("01.ipynb", nb).findings, []);
  });

  test("a commit and a data sha256 labelled in the cell to their left (a colophon table) are not identifiers", () => {
    const html = `<table><tr><th></th><th></th></tr><tr><td>git commit</td><td>${COMMIT} (with uncommitted changes)</td></tr><tr><td>data sha256 (datapackage.json)</td><td>${SHA}</td></tr></table>`;
    assert.deepEqual(scanFileText("profile.html", html).findings, []);
    const unlabelled = `<table><tr><th>LA</th><th>who</th></tr><tr><td>E06900001</td><td>${SHA}</td></tr></table>`;
    assert.equal(scanFileText("profile.html", unlabelled).findings.length, 1);
  });

  test("processing logs (provenance, import-log.json) may count rows; they are still checked for identifiers", () => {
    const log = JSON.stringify({ entries: [{ count: 8, rule: "ONS code replaced", value: "E10000002 → E06000060" }] });
    assert.deepEqual(scanFileText("import-log.json", log).findings, []);
    assert.deepEqual(scanFileText("datapackage.json", JSON.stringify({ provenance: { byRule: [{ count: 2 }] } })).findings, []);
    assert.equal(scanFileText("import-log.json", JSON.stringify({ entries: [{ respondent_id: "CH-1" }] })).findings.length, 1);
    assert.equal(scanFileText("results.json", JSON.stringify({ entries: [{ count: 8 }] })).findings.length, 1, "not a log: checked");
  });

  test("in a data package, official indicators' published counts are not re-checked; pilot, own and other indicators' are", () => {
    const dir = tempDir("vsw-scan-pkg-");
    writePackage(dir, {
      "catalogue.csv": [
        "indicator,source,unit",
        "cin_rate,EES c1_children_in_need_referrals_and_rereferrals*.csv: referral rate,rate_per_10k",
        "pilot_x_pct_positive,pilot: Survey (instruments.json),percent",
        // a walkthrough's own indicator (4 of 12) passed as published: only "pilot:" was taken as unpublished
        "reviews_pct,Own data: small-counts.csv,percent",
        "visits_pct,DfE: a source the import never writes,percent",
        // a percent indicator whose id does not say so: the catalogue's unit does (a second review)
        "reviews_done,Own data: rd.csv,percent",
        "",
      ].join("\n"),
      "indicators.csv": "la_code,period,indicator,value,numerator,denominator,status\nE1,2023,cin_rate,7.1,7,9860,\n" +
        "E1,2023,pilot_x_pct_positive,50,,8,\nE1,2023,reviews_pct,33.3,4,12,\nE1,2023,visits_pct,50,20,40,\nE2,2023,visits_pct,50,3,6,\nE1,2023,reviews_done,41.7,,12,\n",
    });
    const r = scanPaths([dir]);
    assert.deepEqual(r.findings.map((f) => f.location.replace(/^.*indicators\.csv:? ?/, "")).sort(), [
      'row 2 column "denominator"',
      'row 2 column "value"',
      'row 3 column "numerator"',
      'row 3 column "value"',
      'row 5 column "denominator"',
      'row 5 column "numerator"',
      'row 5 column "value"',
      'row 6 column "value"',
    ]);
    assert.ok(r.findings.some((f) => /row 2 column "value"/.test(f.location) && /a count of 4 recoverable as value × denominator \/ 100/.test(f.message)), "50% of 8");
    // a rounded percentage gives its count back when its precision leaves one count possible (a review: 41.7 of 12 is 5)
    const rounded = (value: string, den: number) => scanFileText("t.csv", `la_code,period,indicator,value,numerator,denominator,status\nE1,2023,x_pct,${value},,${den},\n`).findings;
    assert.match(rounded("41.7", 12).map((f) => f.message).join(" | "), /a count of 5 recoverable/);
    assert.match(rounded("16", 57).map((f) => f.message).join(" | "), /a count of 9 recoverable/, "16% of 57, to a whole per cent: 9.12 ± 0.29");
    assert.deepEqual(rounded("41.7", 1200), [], "500.4 ± 0.6: not small");
    // whole percentages of 100 or more (a second review: the first rounding rule let them all through)
    assert.match(rounded("5", 100).map((f) => f.message).join(" | "), /a count of 5 recoverable/);
    assert.match(rounded("4", 150).map((f) => f.message).join(" | "), /a count of 6 recoverable/);
    assert.match(rounded("95", 100).map((f) => f.message).join(" | "), /a complement of 5 \(denominator − 95\)/);
    assert.match(rounded("2.5", 200).map((f) => f.message).join(" | "), /a count of 5 recoverable/);
    assert.match(rounded("3", 120).map((f) => f.message).join(" | "), /a count of 3 to 4 recoverable/, "either count is small");
    const recovered = (value: string, den: number) => rounded(value, den).filter((f) => /recoverable/.test(f.message));
    assert.deepEqual(recovered("8.0", 120), [], "9.6 ± 0.06: not small (9.54 to 9.66 holds no whole count)");
    assert.deepEqual(recovered("8", 120), [], "9.6 ± 0.6: 9 or 10, not all small");
    assert.deepEqual(recovered("0", 100), [], "a zero is not a small count");
  });

  test("count names are recognised precisely", () => {
    for (const n of ["n", "N", "count", "numerator", "denominator", "respondents", "n_respondents", "positiveCount", "responses"]) assert.ok(isCountName(n), n);
    for (const n of ["value", "p", "period", "year", "nLAs", "rank", "countryCode", "account"]) assert.ok(!isCountName(n), n);
  });
});

describe("vital-signs pilot and check-disclosure end to end", () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), isTTY: false }, out, err };
  };
  const dataset = path.join(ROOT, "datasets", "pilot-records-synthetic");

  test("pilot --records-out refuses to run without a key; a run writing no pseudonym needs none", async () => {
    const saved = process.env.VSW_PSEUDONYM_KEY;
    delete process.env.VSW_PSEUDONYM_KEY;
    try {
      const c = capture();
      const out = path.join(tempDir("vsw-nokey-"), "pkg");
      const records = path.join(tempDir("vsw-nokey-records-"), "pseudonymised");
      const code = await main(["pilot", dataset, "--instruments", path.join(dataset, "instruments.json"), "--out", out, "--records-out", records], c.io);
      assert.equal(code, 1);
      assert.match(c.err.join(""), /no pseudonymisation key/);
      assert.equal(fs.existsSync(records), false);
      // without --records-out the tally's own per-run key is all there is (a second read, round 25)
      const plain = capture();
      assert.equal(await main(["pilot", dataset, "--instruments", path.join(dataset, "instruments.json"), "--out", out], plain.io), 0, plain.err.join(""));
      assert.match(plain.out.join(""), /records in \d+ file\(s\), no pseudonym written \(no --records-out\), so no key used\n/);
    } finally {
      if (saved !== undefined) process.env.VSW_PSEUDONYM_KEY = saved;
    }
  });

  test("the pilot package passes the scanner; planting a leak in it makes the scanner fail", async () => {
    const out = path.join(tempDir("vsw-pilot-"), "pkg");
    const c = capture();
    const code = await main(["pilot", dataset, "--instruments", path.join(dataset, "instruments.json"), "--out", out, "--ephemeral-key", "--created", "2026-11-23"], c.io);
    assert.equal(code, 0, c.err.join(""));
    assert.match(c.out.join(""), /8772 records in 4 file\(s\)/);
    assert.match(c.out.join(""), /145 suppressed \(fewer than 10 respondents; 1–9 positive or non-positive responses, with the mean beside such a share; or a mean that shows so few responses below the top or above the bottom of the scale\)/);
    const clean = capture();
    assert.equal(await main(["check-disclosure", out], clean.io), 0, clean.out.join(""));
    assert.equal(scanPaths([out]).total, 0);

    fs.writeFileSync(path.join(out, "leak.json"), JSON.stringify({ la: "E06900009", n: 3 }));
    const dirty = capture();
    assert.equal(await main(["check-disclosure", out], dirty.io), 1);
    assert.match(dirty.out.join(""), /leak\.json: \$\.n: small-count/);
  });

  test("check-disclosure without a path is a usage error", async () => {
    assert.equal(await main(["check-disclosure"], capture().io), 2);
  });
});

describe("check-disclosure: every text format, counts judged by name and by content (issue 15)", () => {
  const small = (file: string, text: string) => scanFileText(file, text).findings.filter((f) => f.rule === "small-count");

  test(".tsv and .md files are scanned, not skipped", () => {
    const dir = tempDir("vsw-scan-fmt-");
    fs.writeFileSync(path.join(dir, "table.tsv"), "la_code\tcount\nE06900001\t4\n");
    fs.writeFileSync(path.join(dir, "notes.md"), "# Notes\n\n| la_code | respondents |\n|---|---|\n| E06900001 | 3 |\n\nWe heard from 5 children.\n");
    const r = scanPaths([dir]);
    assert.deepEqual(r.skipped, []);
    assert.deepEqual(r.findings.map((f) => [path.basename(f.file), f.value]), [["notes.md", "3"], ["notes.md", "5 children"], ["table.tsv", "4"]]);
  });

  for (const column of ["positive", "num_positive", "n_positive", "x"]) {
    test(`a small count in a column named ${column}`, () => {
      assert.equal(small("out.csv", `la_code,${column},denominator\nE06900001,3,40\n`).length >= 1, true);
      assert.ok(small("out.csv", `la_code,${column},denominator\nE06900001,3,40\n`).some((f) => f.location === `row 1 column "${column}"`));
    });
  }

  for (const key of ["size", "total", "people"]) {
    test(`a small count in a JSON field named ${key}`, () => {
      assert.deepEqual(small("out.json", JSON.stringify({ groups: [{ la: "E06900001", [key]: 4 }] })).map((f) => f.location), [`$.groups[0].${key}`]);
    });
  }

  test("a plot's marker size and x axis are not counts", () => {
    const fig = { data: [{ x: [1, 2, 3], y: [4, 5, 6], marker: { size: 8 }, textfont: { size: 9 } }], layout: { font: { size: 7 } } };
    assert.deepEqual(scanFileText("fig.json", JSON.stringify(fig)).findings, []);
  });

  test("by content: a whole-number column never above the denominator is a count, whatever its name", () => {
    const f = small("out.csv", "la_code,answered_yes,denominator\nE06900001,4,40\nE06900002,25,38\n");
    assert.deepEqual(f.map((x) => x.location), ['row 1 column "answered_yes"']);
  });

  test("by content: a percentage beside its denominator gives a withheld numerator (and a complement) back", () => {
    const f = small("out.csv", "la_code,pct_positive,numerator,denominator\nE06900001,7.5,,40\nE06900002,90,,40\nE06900003,50,,40\n");
    assert.deepEqual(f.map((x) => x.message), [
      "a count of 3 recoverable as pct_positive × denominator / 100",
      "a complement of 4 (denominator − 36) recoverable as pct_positive × denominator / 100",
    ]);
  });

  test("raw identifiers in a column or field named id are found; area codes and workbench ids there are not", () => {
    const f = scanFileText("out.csv", "id,la_code,value\nCH-E06900001-0001,E06900001,3.5\n").findings;
    assert.ok(f.some((x) => x.rule === "record-identifier" && x.value === "(hidden: 17 characters)" && /row 1 column 1|row 1/.test(x.location)));
    assert.deepEqual(scanFileText("out.csv", "id,value\ncin_rate_per_10k,3.5\nE06900001,2\n").findings, []);
    assert.ok(scanFileText("out.json", JSON.stringify({ rows: [{ id: "1234567" }] })).findings.some((x) => x.rule === "record-identifier"));
    for (const runId of ["39492a38deea4cfe", "ee77aaaa98b5fd55"]) assert.deepEqual(scanFileText("results.json", JSON.stringify({ run_id: runId })).findings, [], "a run id is not a person's");
  });

  test("explicit rule: an n of LAs is not a count of children ('n = 3 LAs', the n of a statistic)", () => {
    assert.deepEqual(small("report.html", "<p>The screen used n = 3 LAs (n = 4 local authorities with a value).</p>"), []);
    assert.deepEqual(small("report.md", "Spearman's rho on n = 3 LAs was 0.5.\n"), []);
    assert.deepEqual(small("results.json", JSON.stringify({ associations: [{ indicator: "x", n: 3, spearman_rho: 0.5, spearman_p: 0.6 }] })), []);
    const table = "<table><tr><th>indicator</th><th>n</th><th>spearman_rho</th><th>p</th></tr><tr><td>x</td><td>3</td><td>0.5</td><td>0.6</td></tr></table>";
    assert.deepEqual(small("report.html", table), []);
    // the workbench's own names for the n of a statistic: LAs with a value (results.json), LA-years (panel.json)
    assert.deepEqual(small("results.json", JSON.stringify({ associations: [{ indicator: "x", n_complete: 9, spearman_rho: 0.5, q_bh: 0.6 }] })), []);
    assert.deepEqual(small("panel.json", JSON.stringify({ indicators: [{ indicator: "x", within_coef: 1, within_p: 0.5, n_obs: 6 }] })), []);
    // …but n without a statistic, and people counted beside a statistic, still are
    assert.equal(small("out.json", JSON.stringify({ la_code: "E06900001", n: 3 })).length, 1);
    assert.equal(small("out.json", JSON.stringify({ la_code: "E06900001", n_obs: 3 })).length, 1);
    assert.equal(small("out.json", JSON.stringify({ indicator: "x", spearman_rho: 0.5, n_respondents: 3 })).length, 1);
    assert.equal(small("out.json", JSON.stringify({ indicator: "x", spearman_rho: 0.5, respondents: 3 })).length, 1);
    assert.ok(small("report.html", "<p>n = 3 children</p>").length >= 1);
  });

  test("a labelled n of indicators, items, periods or LAs is not a count of people ('(n=3 indicators)')", () => {
    for (const text of ["Selected (n=3 indicators).", "n = 4 items of the survey", "trend over n: 5 periods", "(n = 3) LAs", "n = 2 local authorities", "n=6 resamples"]) {
      assert.deepEqual(small("report.md", `${text}\n`), [], text);
    }
    // the same labels before people, or before nothing, still are
    for (const text of ["Selected (n=3 children).", "n = 4", "(n=3)", "respondents: 5 of them"]) assert.ok(small("report.md", `${text}\n`).length >= 1, text);
  });
});

describe("scanPaths on files that are not UTF-8 text", () => {
  test("a Windows-1252 file cannot hide a count behind a byte: it is scanned as Latin-1 too, and reported as not UTF-8", () => {
    // "4 respondents" and "n = 3" with no-break spaces (byte A0, as Word and Excel write them): read as UTF-8 the
    // A0 became U+FFFD, which \s does not match, and the scan found nothing
    const dir = tempDir("vsw-scan-enc-");
    fs.writeFileSync(path.join(dir, "notes.txt"), Buffer.from("Summary for E06900001: 4\xa0respondents, n\xa0=\xa03 in \x93the\x94 smallest group\n", "latin1"));
    const r = scanPaths([dir]);
    assert.deepEqual(r.findings.map((f) => f.rule).sort(), ["not-utf8-text", "small-count", "small-count"]);
    const notText = r.findings.find((f) => f.rule === "not-utf8-text");
    assert.equal(notText?.value, "byte 0xa0 at offset 24");
    assert.match(notText?.message ?? "", /save it as UTF-8/);
    const c = { out: [] as string[], err: [] as string[] };
    return main(["check-disclosure", dir], { out: (t) => void c.out.push(t), err: (t) => void c.err.push(t), isTTY: false }).then((code) => assert.equal(code, 1));
  });

  test("a UTF-16 export (Excel's \"Unicode text\") is scanned without its zero bytes, so its record rows are found", () => {
    const dir = tempDir("vsw-scan-enc-");
    const text = "respondent_id,la_code,period,instrument,item,response\r\nR-0001,E06900001,2023,child_survey,trust_staff,4\r\n";
    fs.writeFileSync(path.join(dir, "rows.csv"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const rules = scanPaths([dir]).findings.map((f) => f.rule);
    assert.ok(rules.includes("not-utf8-text"), rules.join(", "));
    assert.ok(rules.includes("record-rows"), rules.join(", "));
  });

  test("UTF-8 text, with or without a byte-order mark and accents, is read as before: no finding", () => {
    const dir = tempDir("vsw-scan-enc-");
    fs.writeFileSync(path.join(dir, "notes.md"), "\ufeffRésumé: les données sont agrégées — aucune case de moins de dix.\n");
    assert.deepEqual(scanPaths([dir]).findings, []);
  });
});

describe("check-disclosure reads workbooks, and fails closed on what it cannot read (walkthrough F12)", () => {
  /** A workbook written as the analysis writes vital-signs-tables.xlsx. */
  const workbook = (dir: string, rows: Record<string, string | number | null>[], fields: string[]) => {
    const file = path.join(dir, "tables.xlsx");
    fs.writeFileSync(file, xlsxWorkbook([{ name: "screen", fields, rows }]));
    return file;
  };

  test("a small count planted in a workbook is found, at its sheet and cell, as the same table in a CSV is", () => {
    const dir = tempDir("vsw-scan-xlsx-");
    const rows = [{ la_code: "E06900001", respondents: 40, raw_r: 0.31 }, { la_code: "E06900002", respondents: 4, raw_r: -0.2 }];
    const r = scanPaths([workbook(dir, rows, ["la_code", "respondents", "raw_r"])]);
    assert.deepEqual(r.findings.map((f) => [f.rule, f.location, f.value]), [["small-count", 'sheet "screen" cell B3 (column "respondents")', "4"]]);
    assert.deepEqual(r.scanned.map((f) => path.basename(f)), ["tables.xlsx"]);
    const csv = scanFileText("tables.csv", "la_code,respondents,raw_r\nE06900001,40,0.31\nE06900002,4,-0.2\n").findings;
    assert.deepEqual(csv.map((f) => [f.rule, f.value, f.message]), r.findings.map((f) => [f.rule, f.value, f.message]));
  });

  test("check-disclosure on the workbook alone exits 1 with the planted count and 0 without it", async () => {
    const planted = capture();
    const file = workbook(tempDir("vsw-scan-xlsx-"), [{ indicator: "x", children: 3 }], ["indicator", "children"]);
    assert.equal(await main(["check-disclosure", file], planted.io), 1);
    assert.match(planted.out.join(""), /tables\.xlsx: sheet "screen" cell B2 \(column "children"\): small-count/);
    assert.match(planted.out.join(""), /1 file\(s\) scanned, 0 skipped \(other types in folders\); 1 finding\(s\)/);
    const clean = capture();
    const cleanFile = workbook(tempDir("vsw-scan-xlsx-"), [{ indicator: "x", children: 30, raw_p: 0.04 }], ["indicator", "children", "raw_p"]);
    assert.equal(await main(["check-disclosure", cleanFile], clean.io), 0, clean.out.join(""));
  });

  test("a percentage formatted as one in Excel is read as shown, so its denominator gives the count back", () => {
    // 0.4 shown as 40% of 10 children is 4 children; read as stored (0.4% of 10) nothing would be found
    const sheet = XLSX.utils.aoa_to_sheet([["la_code", "pct_positive", "denominator"], ["E06900001", 0.4, 10], ["E06900002", 0.5, 40]]);
    for (const ref of ["B2", "B3"]) sheet[ref].z = "0%";
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, "Sheet1");
    const file = path.join(tempDir("vsw-scan-xlsx-"), "pct.xlsx");
    fs.writeFileSync(file, XLSX.write(book, { type: "buffer", bookType: "xlsx" }) as Buffer);
    assert.deepEqual(scanPaths([file]).findings.map((f) => [f.location, f.value, f.message]), [
      ['sheet "Sheet1" cell B2 (column "pct_positive")', "40 of 10", "a count of 4 recoverable as pct_positive × denominator / 100"],
    ]);
  });

  test("a table under a title row is read from its header row; the title is scanned as text", () => {
    const dir = tempDir("vsw-scan-xlsx-");
    const file = path.join(dir, "titled.xlsx");
    // the title sits in A1 alone: the writer's first "field" is the title, the header is the first data row
    const rows = [{ title: "la_code", b: "n" }, { title: "E06900001", b: 7 }, { title: "heard from 2 children", b: null }];
    fs.writeFileSync(file, xlsxWorkbook([{ name: "screen", fields: ["Survey of 2024", ""], rows: rows.map((x) => ({ "Survey of 2024": x.title, "": x.b })) }]));
    const r = scanPaths([file]);
    assert.deepEqual(r.findings.map((f) => f.location), ['sheet "screen" cell B3 (column "n")', 'sheet "screen" cell A4 (column "la_code")']);
  });

  test("a workbook that cannot be read is a finding (not-scanned), never a pass: truncated, not a zip, over the reader's cell bound", async () => {
    const dir = tempDir("vsw-scan-xlsx-");
    const whole = xlsxWorkbook([{ name: "screen", fields: ["indicator", "n"], rows: [{ indicator: "x", n: 4 }] }]);
    fs.writeFileSync(path.join(dir, "truncated.xlsx"), whole.subarray(0, Math.floor(whole.length / 2)));
    fs.writeFileSync(path.join(dir, "renamed-csv.xlsx"), "indicator,n\nx,4\n");
    // 250 rows each claiming a cell in the last column: 4.1 million cells, over the reader's 4 million
    const ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const sparse = Array.from({ length: 250 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join("");
    fs.writeFileSync(path.join(dir, "sparse.xlsx"), zipArchive({
      "xl/workbook.xml": Buffer.from(`<workbook xmlns:r="${ns}"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      "xl/_rels/workbook.xml.rels": Buffer.from(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
      "xl/worksheets/sheet1.xml": Buffer.from(`<worksheet><sheetData>${sparse}</sheetData></worksheet>`),
    }, { level: 1, mtime: new Date("2000-01-01T00:00:00Z") }));
    const r = scanPaths([dir]);
    assert.deepEqual(r.findings.map((f) => [path.basename(f.file), f.rule]), [["renamed-csv.xlsx", "not-scanned"], ["sparse.xlsx", "not-scanned"], ["truncated.xlsx", "not-scanned"]]);
    assert.match(r.findings[1].message, /could not be read, so nothing in it was checked: .*at most 4000000 cells/);
    assert.deepEqual(r.scanned, []);
    assert.equal(r.notScanned.length, 3);
    const c = capture();
    assert.equal(await main(["check-disclosure", dir], c.io), 1);
    assert.match(c.out.join(""), /0 file\(s\) scanned, 3 could not be scanned \(findings\), 0 skipped/);
  });

  test("a file of a type that is not scanned fails when named on its own, and is skipped inside a folder", async () => {
    const dir = tempDir("vsw-scan-other-");
    const image = path.join(dir, "figure.png");
    fs.writeFileSync(image, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const named = scanPaths([image]);
    assert.deepEqual(named.findings.map((f) => [f.rule, f.value]), [["not-scanned", ".png"]]);
    assert.deepEqual(named.skipped, []);
    const inFolder = scanPaths([dir]);
    assert.deepEqual(inFolder.findings, []);
    assert.deepEqual(inFolder.skipped, [image]);
    assert.equal(await main(["check-disclosure", image], capture().io), 1);
  });

  test("a workbook of a type it cannot read (ODS, XLS, XLSM, XLSB) fails inside a folder too: tables of counts, unlike an image", async () => {
    const dir = tempDir("vsw-scan-other-");
    for (const name of ["tables.ods", "tables.xls", "tables.xlsm", "tables.XLSB"]) fs.writeFileSync(path.join(dir, name), "indicator,n\nx,4\n");
    fs.writeFileSync(path.join(dir, "figure.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const r = scanPaths([dir]);
    assert.deepEqual(r.findings.map((f) => [path.basename(f.file), f.rule, f.value]).sort(), [
      ["tables.XLSB", "not-scanned", ".xlsb"], ["tables.ods", "not-scanned", ".ods"], ["tables.xls", "not-scanned", ".xls"], ["tables.xlsm", "not-scanned", ".xlsm"],
    ]);
    assert.match(r.findings[0].message, /a workbook of a type that is not read \(read: \.xlsx\): nothing in it was checked/);
    assert.deepEqual(r.skipped.map((f) => path.basename(f)), ["figure.png"]);
    assert.equal(r.notScanned.length, 4);
    const c = capture();
    assert.equal(await main(["check-disclosure", dir], c.io), 1);
  });
});

test("lineFinder numbers lines as a reader does: 1 at the start, the next after each newline", () => {
  const text = "a\nbb\n\nc";
  const line = lineFinder(text);
  assert.deepEqual([0, 1, 2, 4, 5, 6, 7].map(line), [1, 1, 2, 2, 3, 4, 4]);
  assert.equal(lineFinder("")(0), 1);
  // as findings name them
  assert.deepEqual(scanFileText("a.txt", "x\n\nn = 3\n").findings.map((f) => f.location), ["line 3"]);
});
