/**
 * Loading a page in headless Chromium the way a reader opens a file: offline. Every request other than
 * file:// and data: is recorded and aborted; console errors and uncaught exceptions are recorded.
 *
 * One tab is reused from page to page ({@link PageChecker}): a new tab costs a new renderer process, and a
 * renderer compiles plotly's 1.5 MB bundle once and keeps it for the next page that inlines the same bundle.
 * Measured here on the 9 exported notebook pages (one after another, 2 loaded cores): a new tab per page took
 * 41 s and 51 s of Chromium CPU, one tab navigated from page to page 23 s and 23 s of CPU.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Browser, Page } from "playwright-core";

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

/** What else to do on a checked page before the next one is loaded. */
export interface CheckOptions {
  /** Write a screenshot of the first figure there. */
  screenshot?: string;
  /** Read the trace types plotly registers into {@link PageCheck.traceTypes}. */
  traceTypes?: boolean;
  /** More checks on the loaded page (after the others; they may click), before the tab moves on. */
  then?: (page: Page) => Promise<void>;
}

/** The page-level facts of {@link PageCheck}, read in the page once every chart is drawn (or the wait gave up). */
const PAGE_FACTS = `(() => {
  const figures = Array.from(document.querySelectorAll('.vsw-figure'));
  return {
    figures: figures.length,
    drawn: figures.filter((el) => el.querySelector('.main-svg')).length,
    colophon: document.querySelector('#vsw-colophon')?.innerText ?? null,
    modebarButtons: document.querySelectorAll('.modebar-btn').length,
    sendingButtons: Array.from(document.querySelectorAll('.modebar-btn, .modebar a'))
      .map((b) => (b.getAttribute('data-title') || '') + ' ' + (b.getAttribute('href') || ''))
      .filter((t) => ${SENDING_BUTTON.toString()}.test(t)),
    overflowPx: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
})()`;

/**
 * One browser tab that loads page after page offline and checks each (see the file header for why it is
 * reused). Console errors, uncaught exceptions and network requests are recorded per check.
 */
export class PageChecker {
  private consoleErrors: string[] = [];
  private networkRequests: string[] = [];

  private constructor(readonly page: Page) {
    page.on("console", (msg) => {
      if (msg.type() === "error") this.consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => this.consoleErrors.push(`uncaught: ${err.message}`));
  }

  /** A new tab of `browser` (viewport 1200 × 900 unless given) that aborts and records every request but file:// and data:. */
  static async open(browser: Browser, viewport = { width: 1200, height: 900 }): Promise<PageChecker> {
    const checker = new PageChecker(await browser.newPage({ viewport }));
    await checker.page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file://") || url.startsWith("data:")) return route.continue();
      checker.networkRequests.push(url);
      return route.abort();
    });
    return checker;
  }

  /** Load `file` in this tab, wait until plotly has drawn every figure (or DRAW_TIMEOUT_MS passed) and check it. */
  async check(file: string, options: CheckOptions = {}): Promise<PageCheck> {
    const consoleErrors: string[] = (this.consoleErrors = []);
    const networkRequests: string[] = (this.networkRequests = []);
    const page = this.page;
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
    const facts = (await page.evaluate(PAGE_FACTS)) as Omit<PageCheck, "file" | "consoleErrors" | "networkRequests" | "traceTypes">;
    const traceTypes = options.traceTypes
      ? ((await page.evaluate("window.Plotly ? Object.keys(window.Plotly.PlotSchema.get().traces).sort() : null")) as string[] | null)
      : null;
    if (options.screenshot && facts.figures > 0) {
      await page.locator(".vsw-figure").first().scrollIntoViewIfNeeded();
      await page.locator(".vsw-figure").first().screenshot({ path: options.screenshot });
    }
    if (options.then) await options.then(page);
    return { file, ...facts, consoleErrors: [...consoleErrors], networkRequests: [...networkRequests], traceTypes };
  }

  /** The requests aborted since the last check began (including those of `then` and of later clicks). */
  get requestsSinceCheck(): readonly string[] {
    return this.networkRequests;
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

/**
 * A few {@link PageChecker}s that take pages in turn: one tab per core, so that each core runs a page's plotly
 * (Chromium draws a page on one core). `use` waits for a free tab.
 */
export class PageCheckerPool {
  private readonly free: PageChecker[];
  private readonly waiting: ((c: PageChecker) => void)[] = [];

  private constructor(private readonly checkers: PageChecker[]) {
    this.free = [...checkers];
  }

  static async open(browser: Browser, size: number): Promise<PageCheckerPool> {
    return new PageCheckerPool(await Promise.all(Array.from({ length: Math.max(1, size) }, () => PageChecker.open(browser))));
  }

  async use<T>(work: (checker: PageChecker) => Promise<T>): Promise<T> {
    const checker = this.free.pop() ?? (await new Promise<PageChecker>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(checker);
    } finally {
      const next = this.waiting.shift();
      if (next) next(checker);
      else this.free.push(checker);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.checkers.map((c) => c.close()));
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
