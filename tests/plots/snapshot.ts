/**
 * Figure snapshots: the JSON of a figure is compared with the file committed under __snapshots__/, so any
 * change to a builder fails a test until the new figure is reviewed and the snapshot updated with
 * `UPDATE_SNAPSHOTS=1 node --import tsx --test tests/plots/*.test.ts`.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

export function assertMatchesSnapshot(name: string, value: unknown): void {
  const file = path.join(__dirname, "__snapshots__", `${name}.json`);
  const text = JSON.stringify(value, null, 1) + "\n";
  if (process.env.UPDATE_SNAPSHOTS === "1") {
    fs.writeFileSync(file, text);
    return;
  }
  assert.ok(fs.existsSync(file), `no snapshot ${file}: run with UPDATE_SNAPSHOTS=1, review the file and commit it`);
  const expected = fs.readFileSync(file, "utf8");
  if (text !== expected) {
    const a = text.split("\n");
    const b = expected.split("\n");
    const i = a.findIndex((line, k) => line !== b[k]);
    assert.fail(`figure "${name}" differs from its snapshot at line ${i + 1}:\n  now:      ${a[i]}\n  snapshot: ${b[i]}`);
  }
}
