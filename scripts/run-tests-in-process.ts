/**
 * Run many test files in ONE Node process (used by scripts/test.sh): `node --import tsx --test-reporter=dot
 * scripts/run-tests-in-process.ts tests/a.test.ts tests/b.test.ts ...`.
 *
 * Why: Node 20's `--test` starts a fresh Node + tsx for every file (≈ 1.4 s each here, over 120 files), and
 * on a 2-core machine runs the files one at a time. scripts/test.sh instead splits the files into one shard per
 * core and runs each shard in one process through this file.
 *
 * Isolation: each file is loaded inside its own `describe(file)`, so a file's top-level `before`/`after`
 * hooks stay scoped to that file's tests, and the reporters name the file. Test files must leave the process as
 * they found it (tests that set process.env restore it; none changes the working directory) — checked here:
 * a file that leaves process.env or the working directory changed fails a test named after it. A file that
 * fails to load fails a test named after it instead of stopping the run. Failing tests set a non-zero exit
 * code as under `--test`.
 */
import * as path from "node:path";
import { after, describe, test } from "node:test";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("run-tests-in-process: give the test files to run");
  process.exit(2);
}

/** process.env and the working directory as a file found them, to check that it leaves them so. */
function processState(): string {
  return JSON.stringify({ cwd: process.cwd(), env: Object.entries(process.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) });
}

for (const file of files) {
  const absolute = path.resolve(file);
  describe(path.relative(process.cwd(), absolute), () => {
    let before = "";
    try {
      before = processState();
      require(absolute);
    } catch (e) {
      test("loads", () => {
        throw e;
      });
      return;
    }
    after(() => {
      const now = processState();
      if (now !== before) {
        // a hook that throws fails the file's suite, so the leak is reported with the file's name
        throw new Error(`${file} left process.env or the working directory changed; tests of other files run after it`);
      }
    });
  });
}
