/**
 * Where tests find the official publications, and what happens when they are absent.
 *
 * - Folder: `VSW_OFFICIAL_DATA`, else `../shared/data/official` relative to the repository root.
 * - Absent: tests using {@link officialTest} are skipped with the reason — unless `CI` is set or
 *   `VSW_REQUIRE_OFFICIAL=1`, in which case absence is a failing test (so CI always runs them).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { test, type TestContext } from "node:test";

/** The official data folder the tests read. */
export const OFFICIAL_DATA_DIR = process.env.VSW_OFFICIAL_DATA ?? path.resolve(__dirname, "..", "..", "..", "shared", "data", "official");

/** True when missing official data must fail the tests (CI, or VSW_REQUIRE_OFFICIAL=1). */
export const OFFICIAL_DATA_REQUIRED = Boolean(process.env.CI) || process.env.VSW_REQUIRE_OFFICIAL === "1";

/** Whether the folder exists and holds the area lookup every import needs. */
export function officialDataAvailable(): boolean {
  return fs.existsSync(path.join(OFFICIAL_DATA_DIR, "derived", "la_lookup_dfe_ons_codes.csv"));
}

/** Absolute path of a file under the official folder. */
export function officialFile(...parts: string[]): string {
  return path.join(OFFICIAL_DATA_DIR, ...parts);
}

/** Why official-data tests are skipped, or undefined when they run. */
export function officialSkipReason(): string | undefined {
  if (officialDataAvailable() || OFFICIAL_DATA_REQUIRED) return undefined;
  return `official data not found at ${OFFICIAL_DATA_DIR} (set VSW_OFFICIAL_DATA; CI=1 or VSW_REQUIRE_OFFICIAL=1 makes this a failure)`;
}

/**
 * A test that needs the official files: runs when they are present, is skipped with the reason when they
 * are absent, and fails when they are absent but required.
 */
export function officialTest(name: string, fn: (t: TestContext) => void | Promise<void>): void {
  const reason = officialSkipReason();
  if (reason !== undefined) {
    test(name, { skip: reason }, () => undefined);
    return;
  }
  test(name, async (t) => {
    if (!officialDataAvailable()) {
      throw new Error(`official data required (CI or VSW_REQUIRE_OFFICIAL=1) but not found at ${OFFICIAL_DATA_DIR}`);
    }
    await fn(t);
  });
}
