/**
 * LA profiles open offline in headless Chromium with every chart drawn (spine chart, tartan rug, trend
 * charts), no console error and no network request. Writes the synthetic pilot's first LA profile to
 * out/profile-CODE/ (so the disclosure scan sees it too) and checks every out/profile-* /profile.html
 * present (the CLI test writes Dorset's from the official data). Reads the profile as a dashboard user would
 * (issue #18): every indicator row with England, the statistical-neighbour average and a quartile band,
 * out-of-date figures grouped apart under a note, and the tartan rug's column labels clear of its title.
 * One tab loads every profile in turn (tests/browser/pages.ts says why).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../lib/plots/chromium";
import { readPackage } from "../../lib/data/package";
import { buildLaProfile, profileFunnels, profileIndex, profileableAreas } from "../../lib/profile";
import { writeProfile } from "../../lib/report/profile-report";
import { assertClean, PageChecker } from "./pages";

/** The page's DOM, in the functions playwright evaluates in the browser (tsconfig has no "dom" lib). */
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOT = path.resolve(__dirname, "../..");
const OUT = path.join(ROOT, "out");
const SYNTHETIC = path.join(ROOT, "datasets", "pilot-synthetic");

let browser: Browser;
let tab: PageChecker;
before(async () => {
  browser = await launchChromium();
  tab = await PageChecker.open(browser);
  fs.mkdirSync(path.join(ROOT, "test-artifacts"), { recursive: true });
});
after(async () => {
  await browser?.close();
});

/** The dashboard reading of a loaded profile page (the test below says what it checks). */
async function readDashboard(page: Page, staleLabel: string): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll(".js-plotly-plot .main-svg").length > 0, undefined, { timeout: 60_000 });
  const table = await page.evaluate(() => {
    const t = document.querySelector("#vsw-profile-indicators")!;
    const heads = [...t.querySelectorAll("thead th")].map((th) => th.textContent!.trim());
    const rows = [...t.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim()));
    return { heads, rows };
  });
  for (const h of ["Indicator", "Value", "England", "Statistical neighbours (median)", "Quartile band", "Comparison"]) assert.ok(table.heads.includes(h), `no column "${h}" in ${table.heads.join(" | ")}`);
  const col = (h: string) => table.heads.indexOf(h);
  assert.ok(table.rows.length >= 30, `${table.rows.length} rows`);
  for (const r of table.rows) {
    if (r[col("Value")] === "") continue; // a suppressed value
    for (const h of ["England", "Statistical neighbours (median)", "Quartile band"]) assert.notEqual(r[col(h)], "", `${r[col("Indicator")]}: no ${h}`);
    assert.notEqual(r[col("Comparison")], "not compared", `${r[col("Indicator")]}: a value and England but "not compared"`);
  }
  assert.ok(table.rows.some((r) => / than England \(no interval\)$/.test(r[col("Comparison")])), "no direction-only comparison for the indicators without intervals");
  assert.ok(table.rows.every((r) => !/_/.test(r[col("Indicator")]) && !/^[a-z]+(-[a-z]+)+$/.test(r[col("Domain")])), "an id shown where a label belongs");
  // the out-of-date indicator sits in its own table, under a note saying why
  const older = await page.evaluate(() => [...document.querySelectorAll("#vsw-profile-indicators-older tbody tr td:first-child")].map((td) => td.textContent!.trim()));
  assert.deepEqual(older, [staleLabel]);
  assert.ok(!table.rows.some((r) => r[col("Indicator")] === staleLabel), "the older figure is also in the main table");
  assert.match(await page.textContent("body") ?? "", /more than 3 years before 2023/);
  // tartan rug: no column label overlaps the title
  const overlap = await page.evaluate(() => {
    const plot = [...document.querySelectorAll(".js-plotly-plot")].find((p) => /against England/.test(p.querySelector(".gtitle")?.textContent ?? ""))!;
    const title = plot.querySelector(".gtitle")!.getBoundingClientRect();
    const ticks = [...plot.querySelectorAll(".xtick text")].map((t) => t.getBoundingClientRect());
    const hits = ticks.filter((b) => b.left < title.right && b.right > title.left && b.top < title.bottom && b.bottom > title.top).length;
    return { ticks: ticks.length, hits, titleBottom: title.bottom, highestTick: Math.min(...ticks.map((b) => b.top)) };
  });
  assert.ok(overlap.ticks >= 3, "no column labels found on the tartan rug");
  assert.equal(overlap.hits, 0, `column labels overlap the title: ${JSON.stringify(overlap)}`);
  await page.screenshot({ path: path.join(ROOT, "test-artifacts", "profile-dashboard.png"), fullPage: false });
}

describe("LA profiles in headless Chromium", () => {
  const synthetic = readPackage(SYNTHETIC);
  const syntheticLa = profileableAreas(profileIndex(synthetic))[0];
  it("the synthetic pilot's profile draws every chart, offline", async () => {
    const pkg = synthetic;
    const index = profileIndex(pkg);
    const la = syntheticLa;
    const profile = buildLaProfile(index, la);
    const { html } = writeProfile(profile, pkg.dir, path.join(OUT, `profile-${la}`), { funnels: profileFunnels(index, profile) });
    const check = await tab.check(html, { screenshot: path.join(ROOT, "test-artifacts", "profile-synthetic.png") });
    assert.ok(check.figures >= 4, `only ${check.figures} charts`); // spine, tartan, funnel(s), trends
    assertClean(check, ROOT);
  });

  it("reads like the dashboards: every row has England, neighbour average and quartile band; older figures apart; tartan labels clear of the title", async () => {
    const pkg = readPackage(SYNTHETIC);
    const index = profileIndex(pkg);
    const la = profileableAreas(index)[1];
    // make one indicator's series stop in 2018, five years before the others' 2023: an out-of-date figure
    const staleId = index.catalogue.find((c) => c.unit === "percent")!.indicator;
    const byPeriod = index.byIndicator.get(staleId)!;
    for (const p of [...byPeriod.keys()]) if (p > 2018) byPeriod.delete(p);
    const profile = buildLaProfile(index, la, { neighbours: "context" });
    const staleLabel = index.catalogue.find((c) => c.indicator === staleId)!.label;
    const out = path.join(ROOT, "test-artifacts", `profile-dashboard-${la}`);
    const { html } = writeProfile(profile, pkg.dir, out);
    await tab.check(html, { then: (page) => readDashboard(page, staleLabel) });
  });

  // the synthetic LA's profile in out/ is the one the first test has just written and checked (what is there before
  // it runs is the last run's): every other profile in out/ is checked here
  const existing = fs.existsSync(OUT)
    ? fs
        .readdirSync(OUT)
        .filter((d) => d.startsWith("profile-") && d !== `profile-${syntheticLa}` && fs.existsSync(path.join(OUT, d, "profile.html")))
        .sort()
    : [];
  for (const d of existing) {
    it(`out/${d}/profile.html: every chart drawn, offline`, async () => {
      const check = await tab.check(path.join(OUT, d, "profile.html"));
      assert.ok(check.figures > 0, "no chart");
      assertClean(check, ROOT);
    });
  }
});
