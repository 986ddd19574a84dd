import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { importReturns } from "../../lib/returns/import-returns";
import { fullImportLog, packageImportLog, returnsPackageContent, writeReturnsPackage } from "../../lib/returns/returns-package";
import { leftOutRule, NO_BIRTH_DATE } from "../../lib/returns/cla-indicators";
import { OC2_BIRTH_DATE_RULE } from "../../lib/returns/ssda903-row-readers";
import { writeSyntheticReturns } from "../../lib/synthetic/returns-files";
import { EPISODE_COLS, HEADER_COLS, TEST_KEY, episodeRow, headerRow, tempDir, writeCsv } from "./helpers";

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

test("two counts of which one holds the other are not both given when they differ by fewer than the threshold: OC2 rows without a date of birth (12) and the children cla_convicted_pct leaves out for it (10) had given back 2 rows", () => {
  const d = path.join(tempDir(), "in");
  const year = path.join("E09000001", "2023");
  writeCsv(d, path.join(year, "header.csv"), HEADER_COLS, [headerRow("A", "01/05/2012")]);
  writeCsv(d, path.join(year, "episodes.csv"), EPISODE_COLS, [episodeRow("A", "01/05/2020", "S", "C2", "U1")]);
  const oc2 = (id: string, dob: string, convicted: string) => [id, dob, "", convicted, "0"];
  const rows = (noDobWithConvicted: number, noDobWithout: number) => [
    ...Array.from({ length: 30 }, (_, i) => oc2(`K${i}`, "01/05/2010", "0")),
    ...Array.from({ length: noDobWithConvicted }, (_, i) => oc2(`N${i}`, "", "0")),
    ...Array.from({ length: noDobWithout }, (_, i) => oc2(`M${i}`, "", "")),
  ];
  const counts = (noDobWithConvicted: number, noDobWithout: number) => {
    writeCsv(d, path.join(year, "oc2.csv"), ["CHILD", "DOB", "SDQ_SCORE", "CONVICTED", "SUBSTANCE_MISUSE"], rows(noDobWithConvicted, noDobWithout));
    const log = importReturns(d, { key: TEST_KEY, threshold: 10 }).log;
    const given = packageImportLog(log, 10).summary.byRule;
    const byRule = (rule: string) => [fullImportLog(log).summary.byRule.find((r) => r.rule === rule)?.count, given.find((r) => r.rule === rule)?.count];
    return { rows: byRule(OC2_BIRTH_DATE_RULE), children: byRule(leftOutRule("cla_convicted_pct", NO_BIRTH_DATE)), note: packageImportLog(log, 10).note };
  };
  const close = counts(10, 2);
  assert.deepEqual(close.rows, [12, 12]);
  assert.deepEqual(close.children, [10, null], "12 − 10 = 2: the children are not given");
  assert.match(close.note, /left out too when the two differ by 1 to 9/);
  const apart = counts(10, 10);
  assert.deepEqual([apart.rows, apart.children], [[20, 20], [10, 10]], "20 − 10: both given");
  assert.doesNotMatch(apart.note, /differ by 1 to 9/);
  const same = counts(10, 0);
  assert.deepEqual([same.rows, same.children], [[10, 10], [10, 10]], "10 − 10 = 0: both given");
});
