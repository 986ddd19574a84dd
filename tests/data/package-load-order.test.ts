/**
 * The package loader reads resource files smallest first (so that V8 optimises the reader once, lib/data/package-load.ts)
 * but reports as if it read them in datapackage.json's order: errors, warnings and row counts in the descriptor's order.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { DataError } from "../../lib/errors";
import { loadPackageColumns } from "../../lib/data/package-load";
import { DEFAULT_DATASET } from "../../lib/cli/paths";
import { tempDir } from "../helpers/temp-dirs";

/** The embedded package with a bad cell in its largest and its smallest file, its resources listed largest first. */
function damagedPackage(): string {
  const dir = tempDir("vsw-load-order-");
  for (const f of fs.readdirSync(DEFAULT_DATASET)) fs.copyFileSync(path.join(DEFAULT_DATASET, f), path.join(dir, f));
  const edit = (file: string, line: number, from: RegExp, to: string) => {
    const lines = fs.readFileSync(path.join(dir, file), "utf8").split("\n");
    lines[line] = lines[line].replace(from, to);
    fs.writeFileSync(path.join(dir, file), lines.join("\n"));
  };
  edit("indicators.csv", 4, /^([^,]*,[^,]*,[^,]*,)[^,]*/, "$13x.2"); // a bad number
  edit("areas.csv", 2, /,,$/, ",2020,2010"); // first_period after last_period
  const catalogue = fs.readFileSync(path.join(dir, "catalogue.csv"), "utf8");
  const firstEntry = catalogue.split("\n")[1];
  fs.writeFileSync(path.join(dir, "catalogue.csv"), catalogue + firstEntry.replace(/^[^,]*/, "unused_indicator") + "\n"); // no rows: a warning
  const dp = JSON.parse(fs.readFileSync(path.join(dir, "datapackage.json"), "utf8"));
  dp.resources.sort((a: { bytes?: number; name: string }, b: { bytes?: number; name: string }) =>
    fs.statSync(path.join(dir, `${b.name}.csv`)).size - fs.statSync(path.join(dir, `${a.name}.csv`)).size);
  dp.resources.push({ name: "extra", path: "README.md" }); // not part of the format: a warning, in its place
  fs.writeFileSync(path.join(dir, "datapackage.json"), JSON.stringify(dp, null, 2));
  return dir;
}

test("errors, warnings and row counts come in datapackage.json's order, whatever order the files are read in", () => {
  const dir = damagedPackage();
  const dp = JSON.parse(fs.readFileSync(path.join(dir, "datapackage.json"), "utf8"));
  const listed = (dp.resources as { name: string }[]).map((r) => r.name).filter((n) => n !== "extra");
  const { result } = loadPackageColumns(dir);
  assert.deepEqual(Object.keys(result.rows), listed, "row counts in the descriptor's order");
  assert.equal(listed[0], "indicators", "the largest file is listed first");
  // the errors of each file in the descriptor's order (its sha256, then its cells), then the rules': round 9's loader, which read
  // the files in this order, gave exactly these errors and warnings (checked)
  assert.deepEqual(
    result.errors.map((e) => `${path.basename(String(e.file))} ${e.row ?? "-"} ${e.column}`),
    ["indicators.csv - sha256", "indicators.csv 4 value", "catalogue.csv - sha256", "areas.csv - sha256", "indicators.csv 4 status", "areas.csv 2 last_period"],
  );
  // the rules' warnings after the files': the LA whose first_period was planted after its last_period has all its
  // indicator rows outside its lifespan (named with the package's folder, which is left out here)
  assert.deepEqual(result.warnings.map((w) => w.split(`${dir}${path.sep}`).join("").slice(0, 60)), [
    'datapackage.json: resource "catalogue" declares 40 rows but ',
    'datapackage.json: resource "extra" is not part of the format',
    'indicators.csv: 400 row(s) of E06900002 for periods outside ',
    'catalogue.csv: indicator "unused_indicator" has no rows in i',
  ]);
});

test("resource files that cannot be opened (no permission, deleted while read) are DataErrors naming each file, in the descriptor's order", (t) => {
  const dir = tempDir("vsw-load-unreadable-");
  for (const f of fs.readdirSync(DEFAULT_DATASET)) fs.copyFileSync(path.join(DEFAULT_DATASET, f), path.join(dir, f));
  const refused = [path.join(dir, "context.csv"), path.join(dir, "outcomes.csv")];
  // as root (the suite's user) every file opens: the refusal is played by openSync of the module object itself
  const nodeFs = createRequire(__filename)("node:fs") as typeof fs;
  const openSync = nodeFs.openSync;
  t.mock.method(nodeFs, "openSync", (p: fs.PathLike, ...rest: unknown[]) => {
    if (refused.includes(String(p))) throw Object.assign(new Error(`EACCES: permission denied, open '${String(p)}'`), { code: "EACCES", syscall: "open" });
    return (openSync as (...a: unknown[]) => unknown)(p, ...rest);
  });
  const { result, resources } = loadPackageColumns(dir);
  const unreadable = result.errors.filter((e) => /a readable file/.test(e.expected));
  const listed = JSON.parse(fs.readFileSync(path.join(dir, "datapackage.json"), "utf8")).resources.map((r: { name: string }) => path.join(dir, `${r.name}.csv`));
  assert.deepEqual(unreadable.map((e) => e.file), listed.filter((f: string) => refused.includes(f)), "one error per refused file, in the descriptor's order");
  for (const e of unreadable) {
    assert.ok(e instanceof DataError);
    assert.match(e.value ?? "", /EACCES/);
  }
  assert.equal(resources.context, undefined);
  assert.ok(resources.indicators !== undefined && resources.indicators.length > 0, "the readable files are still read");
});

test("a required cell that cannot be read is reported once, with what it held; an empty required cell is still reported as missing", () => {
  const dir = tempDir("vsw-load-unread-cell-");
  for (const f of fs.readdirSync(DEFAULT_DATASET)) fs.copyFileSync(path.join(DEFAULT_DATASET, f), path.join(dir, f));
  const file = path.join(dir, "indicators.csv");
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const period = lines[0].split(",").indexOf("period");
  const setCell = (line: number, text: string) => {
    const cells = lines[line].split(",");
    cells[period] = text;
    lines[line] = cells.join(",");
  };
  setCell(4, "abc"); // data row 4: not a whole number
  setCell(7, ""); // data row 7: empty
  fs.writeFileSync(file, lines.join("\n"));
  const { result } = loadPackageColumns(dir, { verifyHashes: false });
  const periodErrors = result.errors.filter((e) => e.file === file && e.column === "period").map((e) => `${e.row} ${e.value} ${e.expected.slice(0, 20)}`);
  assert.deepEqual(periodErrors, ["4 abc a whole number", "7  a value (Year ending"]);
});
