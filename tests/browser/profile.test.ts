/**
 * LA profiles open offline in headless Chromium with every chart drawn (spine chart, tartan rug, trend
 * charts), no console error and no network request. Writes the synthetic pilot's first LA profile to
 * out/profile-CODE/ (so the disclosure scan sees it too) and checks every out/profile-* /profile.html
 * present (the CLI test writes Dorset's from the official data).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "../../lib/plots/chromium";
import { readPackage } from "../../lib/data/package";
import { buildLaProfile, profileFunnels, profileIndex, profileableAreas } from "../../lib/profile";
import { writeProfile } from "../../lib/report/profile-report";
import { assertClean, checkPage } from "./pages";

const ROOT = path.resolve(__dirname, "../..");
const OUT = path.join(ROOT, "out");
const SYNTHETIC = path.join(ROOT, "datasets", "pilot-synthetic");

let browser: Browser;
before(async () => {
  browser = await launchChromium();
  fs.mkdirSync(path.join(ROOT, "test-artifacts"), { recursive: true });
});
after(async () => {
  await browser?.close();
});

describe("LA profiles in headless Chromium", () => {
  it("the synthetic pilot's profile draws every chart, offline", async () => {
    const pkg = readPackage(SYNTHETIC);
    const index = profileIndex(pkg);
    const la = profileableAreas(index)[0];
    const profile = buildLaProfile(index, la);
    const { html } = writeProfile(profile, pkg.dir, path.join(OUT, `profile-${la}`), { funnels: profileFunnels(index, profile) });
    const check = await checkPage(browser, html, path.join(ROOT, "test-artifacts", "profile-synthetic.png"));
    assert.ok(check.figures >= 4, `only ${check.figures} charts`); // spine, tartan, funnel(s), trends
    assertClean(check, ROOT);
  });

  const existing = fs.existsSync(OUT)
    ? fs.readdirSync(OUT).filter((d) => d.startsWith("profile-") && fs.existsSync(path.join(OUT, d, "profile.html"))).sort()
    : [];
  for (const d of existing) {
    it(`out/${d}/profile.html: every chart drawn, offline`, async () => {
      const check = await checkPage(browser, path.join(OUT, d, "profile.html"));
      assert.ok(check.figures > 0, "no chart");
      assertClean(check, ROOT);
    });
  }
});
