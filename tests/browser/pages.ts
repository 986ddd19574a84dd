/**
 * Loading a page in headless Chromium the way a reader opens a file: offline. Every request other than
 * file:// and data: is recorded and aborted; console errors and uncaught exceptions are recorded.
 */
import type { Browser } from "playwright-core";

export interface PageCheck {
  file: string;
  figures: number;
  drawn: number;
  consoleErrors: string[];
  networkRequests: string[];
  /** How many pixels the page is wider than the 1200 px window (0: nothing makes the reader scroll sideways). */
  overflowPx: number;
}

/** Milliseconds to wait for plotly to draw every figure of one page. */
export const DRAW_TIMEOUT_MS = 60_000;

export async function checkPage(browser: Browser, file: string, screenshot?: string): Promise<PageCheck> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const consoleErrors: string[] = [];
  const networkRequests: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => consoleErrors.push(`uncaught: ${err.message}`));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file://") || url.startsWith("data:")) return route.continue();
    networkRequests.push(url);
    return route.abort();
  });
  try {
    await page.goto(`file://${file}`, { waitUntil: "load", timeout: DRAW_TIMEOUT_MS });
    const figures = (await page.evaluate("document.querySelectorAll('.vsw-figure, .js-plotly-plot').length")) as number;
    if (figures > 0) {
      await page
        .waitForFunction(
          "Array.from(document.querySelectorAll('.vsw-figure')).every((el) => el.querySelector('.main-svg'))",
          undefined,
          { timeout: DRAW_TIMEOUT_MS },
        )
        .catch(() => undefined); // the count below reports what was not drawn
    }
    const drawn = (await page.evaluate(
      "Array.from(document.querySelectorAll('.vsw-figure')).filter((el) => el.querySelector('.main-svg')).length",
    )) as number;
    const vswFigures = (await page.evaluate("document.querySelectorAll('.vsw-figure').length")) as number;
    const overflowPx = (await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")) as number;
    if (screenshot && vswFigures > 0) {
      await page.locator(".vsw-figure").first().scrollIntoViewIfNeeded();
      await page.locator(".vsw-figure").first().screenshot({ path: screenshot });
    }
    return { file, figures: vswFigures, drawn, consoleErrors, networkRequests, overflowPx };
  } finally {
    await page.close();
  }
}
