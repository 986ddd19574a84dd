import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { importReturns } from "../../lib/returns/import-returns";
import { returnsPackageContent, writeReturnsPackage } from "../../lib/returns/returns-package";
import { writeSyntheticReturns } from "../../lib/synthetic/returns-files";
import { TEST_KEY, tempDir } from "./helpers";

test("the package's import log and the summary in datapackage.json are one computation, controlled with the import's threshold", () => {
  const dir = tempDir();
  writeSyntheticReturns(dir, { seed: 3, las: [{ la: "E09000001", lookedAfterChildren: 7, cinChildren: 8, careLeaversPerYear: 2 }], firstYear: 2023, lastYear: 2023 });
  const result = importReturns(dir, { key: TEST_KEY, threshold: 5 });
  const out = path.join(tempDir(), "pkg");
  writeReturnsPackage(out, returnsPackageContent(result, { created: "2026-01-01" }), result);
  const log = JSON.parse(fs.readFileSync(path.join(out, "import-log.json"), "utf8")) as { files: { rows: number | null }[]; summary: unknown; note: string };
  const descriptor = JSON.parse(fs.readFileSync(path.join(out, "datapackage.json"), "utf8")) as { description: string; provenance: { import_log: { summary: unknown } } };
  assert.match(log.note, /of 1 to 4 are left out/);
  assert.match(descriptor.description, /; counts of 1–4 suppressed\./, "the description says the threshold used (it said 1–9 whatever it was)");
  assert.deepEqual(descriptor.provenance.import_log.summary, log.summary);
  // rows read are never given, whatever the threshold (they are children; see returns-package.ts ROWS_READ_WITHHELD)
  assert.ok(log.files.length > 0 && log.files.every((f) => f.rows === null), JSON.stringify(log.files));
});

test("the import log and intervals.csv are written in the package's one atomic write: when one cannot be written, the previous package stays", () => {
  const dir = tempDir();
  writeSyntheticReturns(dir, { seed: 3, las: [{ la: "E09000001", lookedAfterChildren: 40, cinChildren: 40, careLeaversPerYear: 12 }], firstYear: 2023, lastYear: 2023 });
  const result = importReturns(dir, { key: TEST_KEY });
  const out = path.join(tempDir(), "pkg");
  const content = returnsPackageContent(result, { created: "2026-01-01" });
  writeReturnsPackage(out, content, result);
  const before = fs.readFileSync(path.join(out, "datapackage.json"), "utf8");
  // intervals.csv made unwritable (a folder in its place): written after the package, it had left a new
  // datapackage.json beside the previous run's intervals
  fs.rmSync(path.join(out, "intervals.csv"));
  fs.mkdirSync(path.join(out, "intervals.csv"));
  fs.writeFileSync(path.join(out, "intervals.csv", "keep"), "");
  assert.throws(() => writeReturnsPackage(out, returnsPackageContent(result, { created: "2026-02-02" }), result));
  assert.equal(fs.readFileSync(path.join(out, "datapackage.json"), "utf8"), before);
  assert.deepEqual(fs.readdirSync(out).filter((f) => f.includes(".tmp")), [], "no staged file left behind");
});
