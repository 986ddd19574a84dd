/**
 * Headless Chromium for chart images and the browser tests: the Debian `chromium` binary driven by
 * playwright-core (a development dependency, loaded only when a browser is needed).
 */
import type { Browser } from "playwright-core";

/** The browser binary: `VSW_CHROMIUM` or Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.VSW_CHROMIUM ?? "/usr/bin/chromium";
}

/**
 * Flags for a quiet, offline-friendly headless browser (no background networking, updates or sync).
 * playwright adds `--headless` and a fresh temporary profile (user-data-dir) on every launch.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launch headless Chromium. Close it with `browser.close()`.
 * @throws Error naming the binary when it cannot be started (install it with `bash scripts/setup-jupyter.sh`).
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  const executablePath = chromiumPath();
  try {
    return await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
  } catch (e) {
    throw new Error(`launchChromium: cannot start ${executablePath} (install it with scripts/setup-jupyter.sh): ${(e as Error).message}`);
  }
}
