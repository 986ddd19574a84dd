/**
 * The analysis report as a reader opens it (headless Chromium, offline): the summary in plain words comes
 * first, names the outcome by its label and glosses every verdict code; each "Download CSV" link under a table
 * downloads the file beside report.html, which opens as CSV (the workbook as xlsx); `--figures svg` wrote the
 * report's figures as SVG files. One screenshot of the summary is kept in test-artifacts/.
 * One tab loads the report twice: at 1,200 px for the summary and downloads, then at 1,000 px for the tables
 * (tests/browser/pages.ts says why one tab).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../lib/plots/chromium";
import { main } from "../../lib/cli/main";
import { parseCsv } from "../../lib/data/csv";
import { readXlsxSheets } from "../../lib/data/import/spreadsheet/xlsx";
import { capture } from "../helpers/cli";
import { assertClean, PageChecker, type PageCheck } from "./pages";
import { tempDir } from "../helpers/temp-dirs";

const ROOT = path.resolve(__dirname, "../..");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const DATASET = path.join(ROOT, "datasets/pilot-synthetic");
const RESAMPLES = 100;

let browser: Browser;
let tab: PageChecker;
let page: Page;
/** The report checked as every page is (tests/browser/pages.ts), at load. */
let loaded: PageCheck;
const out = tempDir("vsw-summary-browser-");

before(async () => {
  const c = capture();
  const code = await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--seed", "5", "--resamples", String(RESAMPLES), "--figures", "svg", "--out", out], c.io);
  assert.equal(code, 0, c.err.join(""));
  browser = await launchChromium();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  tab = await PageChecker.open(browser, { width: 1200, height: 1000 });
  page = tab.page;
  loaded = await tab.check(path.join(out, "report.html"));
});
after(async () => {
  await browser?.close();
});

describe("analysis report: summary and downloads in headless Chromium", () => {
  it("draws every chart offline with no console error", async () => {
    assertClean(loaded, ROOT);
  });

  it("opens with the summary in plain words: the outcome by its label, the vital signs with what they mean and how sure", async () => {
    const first = (await page.evaluate("document.querySelector('section').id")) as string;
    assert.equal(first, "s1-summary");
    const summary = page.locator("#s1-summary");
    assert.ok(await summary.isVisible());
    const text = await summary.innerText();
    assert.match(text, /\d+ of \d+ indicators qualify as vital signs for Ofsted-style overall effectiveness \(synthetic\)/);
    assert.doesNotMatch(text, /ofsted_overall/);
    assert.match(text, /Allowed for: deprivation \(IDACI score\)/);
    assert.match(text, new RegExp(`selected in \\d+% of ${RESAMPLES} resamples`));
    assert.match(text, /tend to have better Ofsted-style overall effectiveness \(synthetic\) grades/);
    assert.match(text, /How sure overall: (At most|The expected number of noise indicators|No indicator was selected|No error bound)/);
    await summary.screenshot({ path: path.join(ARTIFACTS, "report-summary.png") });
  });

  it("glosses each verdict code in one line beside it, with the count in its own column", async () => {
    const rows = (await page.evaluate(
      "Array.from(document.querySelectorAll('#vsw-verdict-glosses tbody tr')).map((tr) => Array.from(tr.cells).map((td) => td.innerText))",
    )) as string[][];
    assert.ok(rows.length >= 2, "too few verdict codes to check");
    for (const [code, meaning, count] of rows) {
      assert.match(code, /^[a-z-]+$/);
      assert.ok(meaning.length > 10 && !meaning.includes(code + ":"), `${code}: ${meaning}`);
      assert.match(count, /^\d+$/);
    }
    const confounded = rows.find((r) => r[0] === "confounded");
    if (confounded) assert.match(confounded[1], /looked related only because both follow deprivation/);
    const results = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8")) as { vital_signs: unknown[] };
    assert.equal(rows.reduce((s, r) => s + Number(r[2]), 0), results.vital_signs.length);
  });

  it("every Download CSV link downloads the file beside the report, which opens as CSV; the workbook opens as xlsx", async () => {
    const links = page.locator("a", { hasText: "Download CSV" });
    assert.equal(await links.count(), 3);
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const href = (await links.nth(i).getAttribute("href"))!;
      seen.push(href);
      const [download] = await Promise.all([page.waitForEvent("download"), links.nth(i).click()]);
      const got = fs.readFileSync((await download.path())!);
      const beside = fs.readFileSync(path.join(out, href));
      assert.ok(got.equals(beside), `${href}: the download is not the file beside the report`);
      const csv = parseCsv(got.toString("utf8"), href);
      assert.ok(csv.header.includes("indicator") && csv.rows.length > 0, href);
    }
    assert.deepEqual(seen.sort(), ["completeness.csv", "screen.csv", "verdicts.csv"]);
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.locator("a", { hasText: "Excel workbook" }).first().click()]);
    const sheets = readXlsxSheets(fs.readFileSync((await xlsx.path())!), "vital-signs-tables.xlsx");
    assert.deepEqual(sheets.map((s) => s.name), ["screen", "verdicts", "completeness"]);
    assert.deepEqual(tab.requestsSinceCheck, []);
  });

  it("--figures svg wrote each of the report's figures as an SVG file", () => {
    const files = fs.readdirSync(path.join(out, "figures")).sort();
    const inReport = (fs.readFileSync(path.join(out, "report.html"), "utf8").match(/<figcaption>Figure \d+\./g) ?? []).length;
    assert.equal(files.length, inReport);
    for (const f of files) {
      assert.match(f, /^figure-\d+-[a-z0-9-]+\.svg$/);
      assert.match(fs.readFileSync(path.join(out, "figures", f), "utf8").slice(0, 300), /<svg/);
    }
  });
});

describe("analysis report at 1,000 px wide (issue #18: screen tables that fit or scroll)", () => {
  it("the page itself does not scroll sideways; every wide table scrolls inside its own box", async () => {
    // last: the tab is narrowed and the report loaded again, as a reader opens it in a 1,000 px window
    await page.setViewportSize({ width: 1000, height: 800 });
    const narrow = page;
    await narrow.goto(`file://${path.join(out, "report.html")}`, { waitUntil: "load" });
    const pageWidth = (await narrow.evaluate("document.scrollingElement.scrollWidth")) as number;
    assert.ok(pageWidth <= 1000, `the page is ${pageWidth} px wide at a 1,000 px window`);
    const tables = (await narrow.evaluate(`[...document.querySelectorAll("table")].map((t) => {
      const wrap = t.closest(".vsw-table-wrap");
      return { wrapped: wrap !== null, fits: t.getBoundingClientRect().width <= 1000,
        scrolls: wrap ? getComputedStyle(wrap).overflowX === "auto" && wrap.clientWidth <= 1000 : false };
    })`)) as { wrapped: boolean; fits: boolean; scrolls: boolean }[];
    assert.ok(tables.length > 0);
    for (const [i, t] of tables.entries()) assert.ok(t.fits || (t.wrapped && t.scrolls), `table ${i + 1} neither fits nor scrolls in its box`);
    assert.ok(tables.some((t) => !t.fits), "the screen table is wider than 1,000 px, so this test checks the scrolling");
  });
});
