/**
 * The student tutorial's exercise answers are hidden until asked: in the exported page (site/00-start-here.html,
 * from `npm run notebooks`) each answer sits in a closed <details> and is not visible until its summary is clicked.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "../../lib/plots/chromium";

const ROOT = path.resolve(__dirname, "../..");
const PAGE = path.join(path.resolve(ROOT, process.env.VSW_SITE_DIR ?? "site"), "00-start-here.html");
/** Exercises in notebook 00, each with one hidden answer. */
const EXERCISES = 2;

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test("00-start-here: every exercise answer is hidden until its summary is clicked", async () => {
  assert.ok(fs.existsSync(PAGE), `${PAGE} does not exist: run npm run notebooks first`);
  const page = await browser.newPage();
  await page.route("**/*", (route) => (route.request().url().startsWith("file://") ? route.continue() : route.abort()));
  try {
    await page.goto(`file://${PAGE}`, { waitUntil: "load" });
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
  } finally {
    await page.close();
  }
});
