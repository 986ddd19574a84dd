import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { refuseForeignOutput, refuseOutputAtInput, type OutputKind } from "../../lib/data/output-folder";
import { writePackage } from "../../lib/data/package-write";
import { TEMP_MARKER } from "../../lib/data/atomic-write";
import type { PackageContent } from "../../lib/data/types";
import { tempDir } from "../helpers/temp-dirs";
import { FIXTURE_AREAS } from "./own-data/fixture";

const KIND: OutputKind = { command: "returns", packageName: "returns-indicators", extraFiles: ["import-log.json", "intervals.csv"], foreignProvenance: ["own_data", "pilot"] };

function content(name: string, provenance?: Record<string, unknown>): PackageContent {
  return {
    name,
    title: `Package ${name}`,
    created: "2026-01-01",
    ...(provenance ? { provenance } : {}),
    areas: FIXTURE_AREAS,
    catalogue: [],
    indicators: [],
    context: [],
    outcomes: [],
  };
}

test("an output folder that is, lies inside or holds an input folder is refused, links resolved (review H15)", () => {
  const root = tempDir("vsw-out-");
  const input = path.join(root, "returns");
  fs.mkdirSync(path.join(input, "E06000001"), { recursive: true });
  fs.symlinkSync(input, path.join(root, "link"));
  const inputs = [{ what: "DIR", path: input }];
  assert.throws(() => refuseOutputAtInput(input, inputs), /this one is DIR, so the package would sit beside the files it was made from/);
  assert.throws(() => refuseOutputAtInput(path.join(input, "E06000001", "2023"), inputs), /this one is inside DIR/);
  assert.throws(() => refuseOutputAtInput(root, inputs), /this one holds DIR/);
  assert.throws(() => refuseOutputAtInput(path.join(root, "link", "pkg"), inputs), /this one is inside DIR/);
  assert.throws(() => refuseOutputAtInput(path.join(root, "link"), inputs), /this one is DIR/);
  refuseOutputAtInput(path.join(root, "returns-indicators"), inputs);
  refuseOutputAtInput(path.join(root, "returns2"), inputs); // a name beginning like the input's is not inside it
});

test("a missing or empty output folder may be written and replaces nothing", () => {
  const root = tempDir("vsw-out-");
  assert.deepEqual(refuseForeignOutput(path.join(root, "new"), KIND), []);
  assert.deepEqual(refuseForeignOutput(root, KIND), []);
});

test("an earlier run's package may be replaced: its files are returned to be removed when not written again", () => {
  const dir = tempDir("vsw-out-");
  writePackage(dir, content("returns-indicators", { returns: {} }));
  fs.writeFileSync(path.join(dir, "import-log.json"), "{}\n");
  fs.writeFileSync(path.join(dir, "intervals.csv"), "x\n");
  assert.deepEqual(refuseForeignOutput(dir, KIND), ["areas.csv", "catalogue.csv", "context.csv", "datapackage.json", "import-log.json", "indicators.csv", "intervals.csv", "outcomes.csv"]);
});

test("another package, one with own data added, or files beside a package are refused, naming them (review H19)", () => {
  const other = tempDir("vsw-out-");
  writePackage(other, content("england-official"));
  assert.throws(() => refuseForeignOutput(other, KIND), /expected a new or empty folder, or the package an earlier `returns` wrote there: this folder holds another package, "england-official", which writing there would replace; nothing was written/);
  const own = tempDir("vsw-out-");
  writePackage(own, content("returns-indicators", { own_data: [{}] }));
  assert.throws(() => refuseForeignOutput(own, KIND), /holds the package "returns-indicators" with indicators of your own \(added by `add`\)/);
  const beside = tempDir("vsw-out-");
  writePackage(beside, content("returns-indicators"));
  fs.writeFileSync(path.join(beside, "benchmarks.csv"), "stale\n");
  fs.writeFileSync(path.join(beside, "notes.txt"), "mine\n");
  assert.throws(() => refuseForeignOutput(beside, KIND), /got "benchmarks\.csv, notes\.txt", .*beside its package this folder holds files that `returns` does not write/);
  const files = tempDir("vsw-out-");
  fs.writeFileSync(path.join(files, "thesis.docx"), "x");
  assert.throws(() => refuseForeignOutput(files, { ...KIND, instead: "use --merge-into" }), /got "thesis\.docx", .*holds files but no data package, which the package would be written among; use --merge-into/);
});

test("a package of the same name that the command's own runs always mark otherwise is refused (requiredProvenance)", () => {
  const dir = tempDir("vsw-out-");
  writePackage(dir, content("england-official"));
  const merge: OutputKind = { command: "pilot --merge-into", packageName: "england-official", extraFiles: [], foreignProvenance: [], requiredProvenance: ["pilot"] };
  assert.throws(() => refuseForeignOutput(dir, merge), /holds another package, "england-official" not written by `pilot --merge-into`/);
  writePackage(dir, content("england-official", { pilot: {} }));
  assert.ok(refuseForeignOutput(dir, merge).includes("datapackage.json"));
});

test("a killed write's leftovers and a lock are not files of the user's: an earlier run's package is still replaceable", () => {
  const dir = tempDir("vsw-out-");
  writePackage(dir, content("returns-indicators"));
  fs.writeFileSync(path.join(dir, `.areas.csv${TEMP_MARKER}999999999-1`), "half");
  fs.writeFileSync(path.join(dir, ".vital-signs.lock"), "{}");
  fs.mkdirSync(path.join(dir, "sub.tmp-999999999-1"));
  assert.ok(refuseForeignOutput(dir, KIND).includes("areas.csv"));
  fs.writeFileSync(path.join(dir, ".hidden-notes"), "mine");
  assert.throws(() => refuseForeignOutput(dir, KIND), /got "\.hidden-notes"/);
});

test("an output folder whose datapackage.json is a device is refused as files that are not a package, not read without end", () => {
  const dir = tempDir("vsw-out-dev-");
  fs.symlinkSync("/dev/zero", path.join(dir, "datapackage.json"));
  assert.throws(() => refuseForeignOutput(dir, KIND), /holds files but no data package/);
});
