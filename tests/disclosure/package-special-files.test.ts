/**
 * A data package whose own descriptive files (datapackage.json, catalogue.csv, areas.csv) are not regular files: a
 * round-24 review fixture's areas.csv made a FIFO hung check-disclosure for ever in open() (round 26: the scan of
 * /tmp/h24-revh never ended), as the package's areas were read beside the walk that skips such files. Run as the
 * built CLI under a time limit, so that a hang is a failure.
 */
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { builtCli } from "../helpers/built-cli";
import { tempDir } from "../helpers/temp-dirs";
import { writePackage } from "./package-fixture";

test("a package's areas.csv or catalogue.csv made a FIFO, or a link to /dev/zero, is not read: the scan ends and says so", () => {
  for (const [name, make] of [["areas.csv", "fifo"], ["catalogue.csv", "fifo"], ["areas.csv", "zero"]] as const) {
    const dir = tempDir("vsw-package-special-");
    writePackage(dir, { "catalogue.csv": "indicator,source,unit\nmy_pct,own,percent\n", "mine.csv": "la_code,period,indicator,value,numerator,denominator\nE06000017,2023,my_pct,50,3,6\n" });
    fs.rmSync(path.join(dir, name), { force: true });
    if (make === "fifo") execFileSync("mkfifo", [path.join(dir, name)]);
    else fs.symlinkSync("/dev/zero", path.join(dir, name));
    const run = spawnSync(process.execPath, [builtCli(), "check-disclosure", dir, "--json"], { encoding: "utf8", timeout: 20_000 });
    assert.equal(run.signal, null, `${name} as ${make}: the scan did not end (${run.signal})`);
    assert.equal(run.status, 1, run.stderr);
    const findings = JSON.parse(run.stdout).findings as { file: string; rule: string; value: string }[];
    assert.ok(findings.some((f) => f.file.endsWith(name) && f.rule === "not-scanned"), `${name} as ${make} is named as not scanned`);
    assert.ok(findings.some((f) => f.file.endsWith("mine.csv") && f.rule === "small-count" && f.value === "3"), "the rest is scanned");
  }
});
