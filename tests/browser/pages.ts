/**
 * Loading a page in headless Chromium the way a reader opens a file: offline. Every request other than
 * file:// and data: is recorded and aborted; console errors and uncaught exceptions are recorded.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Browser } from "playwright-core";

export interface PageCheck {
  file: string;
  figures: number;
  drawn: number;
  consoleErrors: string[];
  networkRequests: string[];
  /** The colophon table's text (sources, licence, citation, command), or null when the page has none. */
  colophon: string | null;
  /** Modebar buttons on the page (plotly draws them with each chart; hidden until hover). */
  modebarButtons: number;
  /** Titles of modebar buttons that would send a figure off the machine ("Share chart...", "Edit in Chart Studio", links). */
  sendingButtons: string[];
  /** How many pixels the page is wider than the 1200 px window (0: nothing makes the reader scroll sideways). */
  overflowPx: number;
  /** The trace types the page's plotly registers (`Plotly.PlotSchema`), sorted; only when asked for, else null. */
  traceTypes: string[] | null;
}

/** A modebar button title or link that sends the figure somewhere (plotly's cloud buttons, any http link). */
export const SENDING_BUTTON = /share|cloud|chart studio|edit in|https?:/i;

/** Milliseconds to wait for plotly to draw every figure of one page. */
export const DRAW_TIMEOUT_MS = 60_000;

export async function checkPage(browser: Browser, file: string, screenshot?: string, options: { traceTypes?: boolean } = {}): Promise<PageCheck> {
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
    const colophon = (await page.evaluate("document.querySelector('#vsw-colophon')?.innerText ?? null")) as string | null;
    const modebarButtons = (await page.evaluate("document.querySelectorAll('.modebar-btn').length")) as number;
    const sendingButtons = (await page.evaluate(
      `Array.from(document.querySelectorAll('.modebar-btn, .modebar a')).map((b) => (b.getAttribute('data-title') || '') + ' ' + (b.getAttribute('href') || ''))
        .filter((t) => ${SENDING_BUTTON.toString()}.test(t))`,
    )) as string[];
    const overflowPx = (await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")) as number;
    const traceTypes = options.traceTypes
      ? ((await page.evaluate("window.Plotly ? Object.keys(window.Plotly.PlotSchema.get().traces).sort() : null")) as string[] | null)
      : null;
    if (screenshot && vswFigures > 0) {
      await page.locator(".vsw-figure").first().scrollIntoViewIfNeeded();
      await page.locator(".vsw-figure").first().screenshot({ path: screenshot });
    }
    return { file, figures: vswFigures, drawn, consoleErrors, networkRequests, colophon, modebarButtons, sendingButtons, overflowPx, traceTypes };
  } finally {
    await page.close();
  }
}

/**
 * A page a reader can trust offline: every chart drawn, no console error, no network request, and no modebar
 * button that would send a chart's data off the machine (checked only where plotly drew a modebar, which it
 * does for every drawn chart, so the check cannot pass vacuously).
 */
export function assertClean(check: PageCheck, root: string): void {
  const name = path.relative(root, check.file);
  assert.equal(check.drawn, check.figures, `${name}: ${check.figures - check.drawn} of ${check.figures} charts were not drawn`);
  assert.deepEqual(check.consoleErrors, [], `${name}: console errors`);
  assert.deepEqual(check.networkRequests, [], `${name}: network requests`);
  if (check.drawn > 0) assert.ok(check.modebarButtons > 0, `${name}: charts drawn but no modebar found: the share-button check would be vacuous`);
  assert.deepEqual(check.sendingButtons, [], `${name}: modebar buttons that send data off the machine`);
}
