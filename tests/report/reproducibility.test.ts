import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { projectRoot } from "../../lib/project";
import { reproducibilityStamp, stampRows } from "../../lib/report/reproducibility";

function tinyPackage(provenance?: Record<string, unknown>): string {
  const dir = fs.mkdtempSync("/tmp/vsw-stamp-");
  fs.writeFileSync(path.join(dir, "datapackage.json"), JSON.stringify({ name: "tiny", resources: [], provenance }));
  return dir;
}

describe("reproducibilityStamp", () => {
  it("hashes datapackage.json and names the package, version and commit", () => {
    const dir = tinyPackage();
    const stamp = reproducibilityStamp(dir, { seed: 42, now: new Date("2026-01-02T03:04:05Z") });
    const expected = createHash("sha256").update(fs.readFileSync(path.join(dir, "datapackage.json"))).digest("hex");
    assert.equal(stamp.dataSha256, expected);
    assert.equal(stamp.dataName, "tiny");
    assert.equal(stamp.packageName, "vital-signs-workbench");
    assert.match(stamp.gitCommit, /^[0-9a-f]{40}$/);
    assert.equal(stamp.seed, 42);
    assert.equal(stamp.createdAt, "2026-01-02T03:04:05.000Z");
    assert.equal(projectRoot(), path.resolve(__dirname, "../.."));
  });

  it("takes the seed from the package's provenance when none is given, else null", () => {
    assert.equal(reproducibilityStamp(tinyPackage({ seed: 7 })).seed, 7);
    assert.equal(reproducibilityStamp(tinyPackage()).seed, null);
    assert.match(stampRows(reproducibilityStamp(tinyPackage())).find((r) => r.item === "seed")!.value, /none/);
  });

  it("refuses a folder without datapackage.json and a fractional seed", () => {
    assert.throws(() => reproducibilityStamp(fs.mkdtempSync("/tmp/vsw-empty-")), InputError);
    assert.throws(() => reproducibilityStamp(tinyPackage(), { seed: 1.5 }), InputError);
  });
});
