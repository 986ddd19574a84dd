import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { writePackage } from "../../lib";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

function tinyPackage(): string {
  const dir = tempDir("vsw-cli-");
  writePackage(dir, {
    name: "tiny",
    title: "Tiny",
    created: "2026-01-01",
    areas: [{ la_code: "E06900001", la_name: "Northbridge", region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null }],
    catalogue: [{ indicator: "x_pct", label: "X", domain: "child-safe", polarity: "down", unit: "percent", numerator: "", denominator: "", source: "test", definition: "test" }],
    indicators: [{ la_code: "E06900001", period: 2020, indicator: "x_pct", value: 12.5, numerator: 1, denominator: 8, status: "" }],
    context: [],
    outcomes: [],
  });
  return dir;
}

describe("vital-signs validate", () => {
  test("prints a validated summary and exits 0 for a valid package", async () => {
    const c = capture();
    const code = await main(["validate", tinyPackage()], c.io);
    assert.equal(code, 0, c.err.join(""));
    assert.match(c.out.join(""), /Tiny \(tiny\) — valid/);
    assert.match(c.out.join(""), /x_pct\s+100\.0%\s+\(1\/1; 2020\)/);
  });

  test("gives an indicator's completeness over the years it was published, and says which", async () => {
    const dir = tempDir("vsw-cli-");
    const la = (n: number) => ({ la_code: `E0690000${n}`, la_name: `LA ${n}`, region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null });
    const row = (n: number, period: number, indicator: string, value: number | null, status = "") => ({ la_code: `E0690000${n}`, period, indicator, value, numerator: null, denominator: null, status });
    const meta = (indicator: string) => ({ indicator, label: indicator, domain: "child-safe" as const, polarity: "down" as const, unit: "percent" as const, numerator: "", denominator: "", source: "test", definition: "test" });
    writePackage(dir, {
      name: "years",
      title: "Years",
      created: "2026-01-01",
      areas: [la(1), la(2)],
      catalogue: [meta("one_year_pct"), meta("many_years_pct")],
      indicators: [
        // published in 2025 only: both LAs have it (a row saying not available in 2021 is no publication)
        row(1, 2025, "one_year_pct", 10), row(2, 2025, "one_year_pct", 20), row(1, 2021, "one_year_pct", null, "not-available:x"),
        // published 2021–2023 and 2025 (a suppressed value counts as published), one LA-year missing
        ...[2021, 2022, 2023, 2025].flatMap((p) => [row(1, p, "many_years_pct", 5), row(2, p, "many_years_pct", p === 2022 ? null : 6, p === 2022 ? "suppressed:c" : "")]),
        row(1, 2024, "many_years_pct", null, "not-available:x"),
      ],
      context: [],
      outcomes: [],
    });
    const c = capture();
    assert.equal(await main(["validate", dir], c.io), 0, c.err.join(""));
    const out = c.out.join("");
    assert.match(out, /in the years each indicator was published/);
    assert.match(out, /one_year_pct\s+100\.0%\s+\(2\/2; 2025\)/);
    assert.match(out, /many_years_pct\s+87\.5%\s+\(7\/8; 2021–2023, 2025\)/);
  });

  test("exits 1 and names file, row and column when the package is invalid", async () => {
    const dir = tinyPackage();
    const file = path.join(dir, "indicators.csv");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("12.5", "twelve"));
    const c = capture();
    const code = await main(["validate", dir], c.io);
    assert.equal(code, 1);
    assert.match(c.err.join(""), /indicators\.csv, row 1, column "value": got "twelve", expected a number/);
  });

  test("exits 2 on an unknown command", async () => {
    const c = capture();
    assert.equal(await main(["frobnicate"], c.io), 2);
    assert.match(c.err.join(""), /unknown command "frobnicate"/);
  });

  test("compiles its hot per-row loops on the main thread, and leaves V8's concurrent compiling on afterwards", () => {
    // --trace-osr prints each on-stack compile's mode; validate sets --no-concurrent-osr for its own run only (issue
    // #19), so a hot loop of the embedded package's check is compiled synchronously and one run after it is not
    const script = [
      'const { validateCommand } = require("./lib/cli/commands/validate");',
      "function hotLoopAfterValidate(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i) % 7919; return s; }",
      "validateCommand.run([], { out() {}, err() {}, isTTY: false }).then((code) => { hotLoopAfterValidate(3e7); process.exitCode = code; });",
    ].join("\n");
    const r = spawnSync(process.execPath, ["--import", "tsx", "--trace-osr", "-e", script], { encoding: "utf8", cwd: path.join(__dirname, "../..") });
    assert.equal(r.status, 0, r.stderr);
    // the modes of a function's on-stack compiles, each once (a loop can be compiled again, as on a busy machine)
    const modes = (name: string) => [...new Set([...r.stdout.matchAll(new RegExp(`compilation started\\. function: ${name}, .*mode: ConcurrencyMode::(\\w+)`, "g"))].map((m) => m[1]))];
    assert.deepEqual(modes("boundedKeysRepeated"), ["kSynchronous"]);
    assert.deepEqual(modes("hotLoopAfterValidate"), ["kConcurrent"]);
  });

  test("the installed binary runs the built CLI", { skip: !fs.existsSync(path.join(__dirname, "../../dist/cli/main.js")) && "dist/ not built (npm test builds it first)" }, () => {
    const r = spawnSync(process.execPath, [path.join(__dirname, "../../bin/vital-signs.js"), "validate", tinyPackage()], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /— valid/);
  });
});
