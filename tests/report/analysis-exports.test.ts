import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCsv } from "../../lib/data/csv";
import { readXlsxSheets } from "../../lib/data/import/spreadsheet/xlsx";
import { downloadLinkHtml, EXPORT_FILES, screenTable, xlsxWorkbook, type ExportTable } from "../../lib/report/analysis-exports";
import { columnLetters } from "../../lib/data/import/spreadsheet/xlsx";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");

describe("xlsx workbook", () => {
  test("column letters follow A…Z, AA…", () => {
    assert.deepEqual([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetters), ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    assert.throws(() => columnLetters(-1), /columnLetters: index must be a whole number/);
  });

  test("the project's own xlsx reader reads every sheet back: text, unrounded numbers, empty cells", () => {
    const tables: ExportTable[] = [
      { name: "screen", fields: ["indicator", "r", "note"], rows: [{ indicator: "a<&>\"b", r: 0.1234567890123456, note: null }, { indicator: "c", r: -3.77e-5, note: "  spaced, \"quoted\"\nline" }] },
      { name: "verdicts", fields: ["x"], rows: [] },
    ];
    const sheets = readXlsxSheets(xlsxWorkbook(tables), "t.xlsx");
    assert.deepEqual(sheets.map((s) => s.name), ["screen", "verdicts"]);
    assert.deepEqual(sheets[0].rows, [["indicator", "r", "note"], ["a<&>\"b", "0.1234567890123456"], ["c", "-0.0000377", "  spaced, \"quoted\"\nline"]]);
    assert.equal(Number(sheets[0].rows[2][1]), -3.77e-5);
    assert.deepEqual(sheets[1].rows, [["x"]]);
  });

  test("refuses a non-finite number and an empty workbook", () => {
    assert.throws(() => xlsxWorkbook([{ name: "screen", fields: ["r"], rows: [{ r: NaN }] }]), /xlsxWorkbook: sheet screen: cell A2 must be a finite number/);
    assert.throws(() => xlsxWorkbook([]), /xlsxWorkbook: needs at least one table/);
  });

  test("the download link points at the file beside the report", () => {
    assert.match(downloadLinkHtml("screen"), /<a href="screen\.csv" download>Download CSV<\/a>/);
  });
});

describe("analyse writes the tables beside results.json", () => {
  const out = tempDir("vsw-exports-");
  const c = capture();
  let code = -1;
  test("runs", async () => {
    code = await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--seed", "3", "--resamples", "100", "--out", out], c.io);
    assert.equal(code, 0, c.err.join(""));
  });

  test("screen, verdicts and completeness CSVs hold unrounded numbers from results.json, missing as empty with a status", () => {
    const results = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8"));
    const screen = parseCsv(fs.readFileSync(path.join(out, EXPORT_FILES.screen), "utf8"), "screen.csv");
    const col = (name: string) => screen.header.indexOf(name);
    const ind = screen.rows.filter((r) => r[col("role")] === "indicator");
    assert.equal(ind.length, results.associations.length);
    for (const [k, a] of (results.associations as { indicator: string; partial_r: number | null; notes: string[] }[]).entries()) {
      assert.equal(ind[k][col("indicator")], a.indicator);
      if (a.partial_r === null) {
        assert.equal(ind[k][col("partial_r")], "");
        assert.notEqual(ind[k][col("status")], "computed");
      } else assert.equal(Number(ind[k][col("partial_r")]), a.partial_r);
    }
    // the BH q of the Spearman p sits beside that p and says so; no column reads as the q of raw_p
    assert.equal(col("q_bh_raw"), -1);
    assert.equal(col("q_bh_spearman"), col("spearman_p") + 1);
    for (const [k, a] of (results.associations as { q_bh_raw: number | null }[]).entries()) {
      if (a.q_bh_raw === null) assert.equal(ind[k][col("q_bh_spearman")], "");
      else assert.equal(Number(ind[k][col("q_bh_spearman")]), a.q_bh_raw);
    }
    const verdicts = parseCsv(fs.readFileSync(path.join(out, EXPORT_FILES.verdicts), "utf8"), "verdicts.csv");
    assert.equal(verdicts.rows.length, results.vital_signs.length);
    const f = verdicts.header.indexOf("selection_frequency");
    assert.deepEqual(verdicts.rows.map((r) => Number(r[f])), results.vital_signs.map((v: { selection_frequency: number }) => v.selection_frequency));
    assert.ok(verdicts.rows.every((r) => r[verdicts.header.indexOf("meaning")].length > 0));
    // the Monte Carlo SE of each frequency over the usable resamples sits beside it
    const se = verdicts.header.indexOf("selection_frequency_se");
    assert.equal(se, f + 1);
    verdicts.rows.forEach((r, k) => {
      const p = results.vital_signs[k].selection_frequency as number;
      const B = results.design.usable_resamples;
      const a = (p * B + 2) / (B + 4);
      assert.ok(Math.abs(Number(r[se]) - Math.sqrt((a * (1 - a)) / (B + 4))) < 5e-5, r.join(","));
      assert.ok(Number(r[se]) > 0, "not 0 at a frequency of 0 or 1");
    });
    // the signed coefficients are oriented to the better outcome, and the file says whether that flipped the sign:
    // an Ofsted-like grade (1 best) is lower-is-better, so raw_r is minus cor(indicator, grade)
    const flipped = col("sign_flipped");
    assert.equal(flipped, col("method") + 1);
    assert.equal(results.outcome.lower_is_better, true);
    assert.ok(screen.rows.every((r) => r[flipped] === "true"));
    const higherBetter = screenTable({ ...results, outcome: { ...results.outcome, lower_is_better: false } });
    assert.ok(higherBetter.rows.every((r) => r.sign_flipped === "false"));
    // context rows are labelled as the report names them, not by their id (a user trial: "idaci_score,idaci_score")
    const context = screen.rows.filter((r) => r[col("role")] === "context");
    assert.deepEqual(context.map((r) => [r[col("indicator")], r[col("label")]]), [["idaci_score", "deprivation (IDACI score)"]]);
    const labelled = screenTable({ ...results, context: { ...results.context, variables: ["idaci_score", "cla_rate_per_10k"], labels: { cla_rate_per_10k: "Children looked after per 10,000" } }, context_associations: [results.context_associations[0], { ...results.context_associations[0], indicator: "cla_rate_per_10k", label: "cla_rate_per_10k" }] });
    assert.deepEqual(labelled.rows.filter((r) => r.role === "context").map((r) => r.label), ["deprivation (IDACI score)", "Children looked after per 10,000"]);
    const completeness = parseCsv(fs.readFileSync(path.join(out, EXPORT_FILES.completeness), "utf8"), "completeness.csv");
    assert.equal(completeness.rows.length, results.associations.length);
    // completeness is over the LAs with the outcome, and the file gives that denominator (a review: only 153 was shown)
    const at = (name: string) => completeness.header.indexOf(name);
    for (const row of completeness.rows.filter((r) => r[col("completeness")] !== "")) {
      assert.ok(Math.abs(Number(row[at("completeness")]) * Number(row[at("las_with_outcome")]) - Number(row[at("las_with_value_and_outcome")])) < 1e-9, row.join(","));
    }
  });

  test("the workbook has the three tables as sheets, cell for cell the CSVs", () => {
    const sheets = readXlsxSheets(fs.readFileSync(path.join(out, EXPORT_FILES.workbook)), EXPORT_FILES.workbook);
    assert.deepEqual(sheets.map((s) => s.name), ["screen", "verdicts", "completeness"]);
    for (const s of sheets) {
      const csv = parseCsv(fs.readFileSync(path.join(out, `${s.name}.csv`), "utf8"), `${s.name}.csv`);
      const pad = (row: string[]) => { const r = [...row]; while (r.length > 0 && r[r.length - 1] === "") r.pop(); return r; };
      assert.deepEqual(s.rows.map(pad), [csv.header, ...csv.rows].map(pad), s.name);
    }
  });

  test("no temporary file is left and check-disclosure passes on the outputs", async () => {
    assert.deepEqual(fs.readdirSync(out).filter((f) => f.startsWith(".")), []);
    const d = capture();
    const rc = await main(["check-disclosure", out], d.io);
    assert.equal(rc, 0, d.out.join(""));
    assert.match(d.out.join(""), /0 finding\(s\)/);
  });

  test("stdout and the report name the outcome by its label and say 'selected in N% of 100 resamples'", () => {
    const text = c.out.join("");
    assert.match(text, /Ofsted-style overall effectiveness \(synthetic\)/);
    assert.match(text, /: selected in \d+% of 100 resamples/);
    assert.match(text, /confounded \(\d+\): looked related only because both follow deprivation \(IDACI score\)/);
    const html = fs.readFileSync(path.join(out, "report.html"), "utf8");
    assert.ok(html.indexOf(">Summary</h2>") < html.indexOf(">Question</h2>"), "the summary comes first");
    assert.equal((html.match(/Download CSV/g) ?? []).length, 3);
    for (const f of [EXPORT_FILES.screen, EXPORT_FILES.verdicts, EXPORT_FILES.completeness]) assert.ok(html.includes(`href="${f}"`), f);
    assert.doesNotMatch(html, /\[ILACS|inspected \d{4}-/);
    assert.match(html, /latest Ofsted-style overall effectiveness \(synthetic\) judgement/, "the link rule names the outcome by its label");
    assert.match(html, /grade once context \(deprivation \(IDACI score\)\) is allowed for/);
  });
});
