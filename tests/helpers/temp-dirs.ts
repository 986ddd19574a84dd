/**
 * Temporary folders for a test file, removed when its tests are done (node:test's `after` on the file's root),
 * so that running the suite leaves nothing in the system's temporary folder.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after } from "node:test";

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new folder under the system's temporary folder, named `prefix` + random characters, removed after the file's tests. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
