/**
 * Every exported notebook page (site/, from `npm run notebooks`) and every report opens offline in headless
 * Chromium with every chart drawn (plotly made its SVG), no console error and no network request.
 * Also renders a report built here with every figure builder, so the report path is checked even before an
 * analysis has written one, and that the inlined plotly bundle registers exactly the trace types figureHtml
 * allows (lib/plots/figure-html PLOTLY_TRACE_TYPES). One screenshot is kept in test-artifacts/. On the student
 * tutorial's page (00-start-here), while it is loaded: each exercise answer sits in a closed <details> and is not
 * visible until its summary is clicked (this was tests/browser/exercises.test.ts, which loaded the page again).
 *
 * One Chromium, one tab per core, each tab reused from page to page (tests/browser/pages.ts says why).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../lib/plots/chromium";
import { assertClean as assertPageClean, PageCheckerPool, type PageCheck } from "./pages";
import { sampleReportSpec } from "./sample-report";
import { writeReport } from "../../lib/report/document";
import { PLOTLY_TRACE_TYPES } from "../../lib/plots/figure-html";

const ROOT = path.resolve(__dirname, "../..");
const SITE_DIR = path.resolve(ROOT, process.env.VSW_SITE_DIR ?? "site");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
/** The student tutorial's page, whose exercise answers are also checked. */
const START_HERE = "00-start-here.html";
/** Pages checked at once (one Chromium renderer each): one per core. */
const PAGES_AT_ONCE = Math.max(1, os.availableParallelism());
/** Reports written by `npm start` / `vital-signs analyse --out DIR`, checked when present. */
const REPORT_CANDIDATES = [path.join(ROOT, "out", "report.html"), ...(process.env.VSW_REPORTS ?? "").split(path.delimiter).filter(Boolean)];

/** Exercises in notebook 00, each with one hidden answer. */
const EXERCISES = 2;

let browser: Browser;
let tabs: PageCheckerPool;
before(async () => {
  browser = await launchChromium();
  tabs = await PageCheckerPool.open(browser, PAGES_AT_ONCE);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
after(async () => {
  await browser?.close();
});

/** The student tutorial's exercise answers are hidden until asked: closed, invisible, and opened by a click. */
async function checkExercises(page: Page): Promise<void> {
  const answers = page.locator("details.vsw-answer");
  assert.equal(await answers.count(), EXERCISES);
  for (let k = 0; k < EXERCISES; k++) {
    const answer = answers.nth(k);
    assert.equal(await answer.getAttribute("open"), null, `answer ${k + 1} is open on load`);
    const code = answer.locator("pre code");
    assert.match((await code.textContent()) ?? "", new RegExp(`answer${k + 1} = `));
    assert.equal(await code.isVisible(), false, `answer ${k + 1} is visible before it is asked for`);
    await answer.locator("summary").click();
    assert.equal(await code.isVisible(), true, `answer ${k + 1} does not open when asked for`);
  }
}

function assertClean(check: PageCheck): void {
  assertPageClean(check, ROOT);
}

describe("exported notebooks in headless Chromium", () => {
  it("has exported pages to check", () => {
    assert.ok(fs.existsSync(SITE_DIR), `${SITE_DIR} does not exist: run npm run notebooks first`);
    const pages = fs.readdirSync(SITE_DIR).filter((f) => f.endsWith(".html"));
    assert.ok(pages.includes("index.html"), `${SITE_DIR} has no index.html`);
    assert.ok(pages.some((f) => /^\d\d-.*\.html$/.test(f)), `${SITE_DIR} has no exported notebook (NN-*.html)`);
    assert.ok(pages.includes(START_HERE), `${SITE_DIR} has no ${START_HERE} (its exercise answers are checked)`);
  });

  const pages = fs.existsSync(SITE_DIR) ? fs.readdirSync(SITE_DIR).filter((f) => f.endsWith(".html")).sort() : [];
  let totalFigures = 0;
  // PAGES_AT_ONCE pages load at once, each in its own tab (renderer process), so every core runs plotly
  describe("each page", { concurrency: PAGES_AT_ONCE }, () => {
    for (const page of pages) {
      const startHere = page === START_HERE;
      const also = startHere ? "; every exercise answer hidden until its summary is clicked" : "";
      it(`${page}: every chart drawn, no console error, no network request${also}`, async () => {
        const shot = page.startsWith("00-") ? path.join(ARTIFACTS, "00-start-here-first-chart.png") : undefined;
        const check = await tabs.use((tab) => tab.check(path.join(SITE_DIR, page), { screenshot: shot, then: startHere ? checkExercises : undefined }));
        totalFigures += check.figures;
        assertClean(check);
        if (shot) assert.ok(fs.statSync(shot).size > 1000, "the screenshot was not written");
      });
    }
  });
  it("found charts on the exported pages", () => {
    assert.ok(pages.length === 0 || totalFigures > 0, "no page had a chart");
  });
});

describe("reports in headless Chromium", { concurrency: PAGES_AT_ONCE }, () => {
  it("a report with every kind of figure draws them all, offline", async () => {
    const file = writeReport(path.join(ARTIFACTS, "sample-report.html"), sampleReportSpec());
    const check = await tabs.use((tab) => tab.check(file, { traceTypes: true }));
    assert.equal(check.figures, 8);
    assert.deepEqual(check.traceTypes, [...PLOTLY_TRACE_TYPES].sort(), "PLOTLY_TRACE_TYPES is not what the inlined bundle registers");
    assertClean(check);
    assert.match(check.colophon ?? "", /Contains public sector information licensed under the Open Government Licence v3\.0\./, "the colophon is shown");
    assert.match(check.colophon ?? "", /vital-signs analyse fixtures --outcome grade/);
    assert.equal(check.overflowPx, 0, "a wide table widened the page instead of scrolling in its wrapper");
  });

  for (const file of REPORT_CANDIDATES.filter((f) => fs.existsSync(f))) {
    it(`${path.relative(ROOT, file)}: every chart drawn, offline`, async () => {
      const check = await tabs.use((tab) => tab.check(file));
      assert.ok(check.figures > 0, "the report has no chart");
      assertClean(check);
      assert.match(check.colophon ?? "", /cite as[\s\S]*Vital Signs Workbench/, "the report ends with its colophon");
      assert.equal(check.overflowPx, 0, "the page is wider than the window: a table or figure does not fit");
    });
  }
});
