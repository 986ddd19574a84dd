/**
 * Temporary folders for tests, each removed when the test, suite or file that made it is done, whether it passed
 * or failed, so that running the suite leaves nothing in the system's temporary folder (scripts/test.sh fails a
 * run that does).
 *
 * Removal is node:test's `after`, which attaches to whatever is running when it is called: a folder made inside a
 * test goes when that test ends, one made in a describe's body when the describe's tests end, one made at a file's
 * top level when the file's tests end. That holds too when scripts/run-tests-in-process.ts loads many files into
 * one process (each inside a describe of its own); a single `after` registered when this module was first loaded
 * would have run when the first file that loaded it ended, and the folders of every later file would have stayed.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after } from "node:test";

/**
 * A new folder under the system's temporary folder, named `prefix` + random characters, removed with everything
 * in it once the test, describe or file that called this is done. Not for a `before` hook: `after` would attach
 * to the hook itself and remove the folder as soon as the hook returned; make it in the describe's body instead.
 * @example
 * test("writes the package", () => {
 *   const out = tempDir("vsw-package-"); // gone when this test ends, pass or fail
 *   writePackage(out, content);
 * });
 */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
