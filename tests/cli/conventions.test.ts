/** The command line follows the conventions users expect (issue 17 §2, issue 15's CLI lows): one test each. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { main, userMessage } from "../../lib/cli/main";
import { writePackage } from "../../lib/data/package";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const ROOT = path.join(__dirname, "..", "..");
const DATASET = path.join(ROOT, "datasets", "pilot-synthetic");
const BIN = path.join(ROOT, "bin", "vital-signs.js");
const tmp = () => tempDir("vsw-conv-");

async function run(args: string[], isTTY = false) {
  const c = capture();
  const code = await main(args, { ...c.io, isTTY });
  return { code, out: c.out.join(""), err: c.err.join("") };
}

test("--version prints the package version", async () => {
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
  for (const flag of ["--version", "-V"]) assert.deepEqual(await run([flag]), { code: 0, out: `vital-signs ${version}\n`, err: "" });
});

test("--help lists the commands in workflow order, on stdout; no command at all prints it on stderr with exit 2", async () => {
  const h = await run(["--help"]);
  assert.equal(h.code, 0);
  const names = [...h.out.matchAll(/^  ([a-z0-9-]+) /gm)].map((m) => m[1]);
  assert.deepEqual(names.slice(0, 5), ["import", "add", "validate", "list", "analyse"]);
  assert.equal(names.at(-1), "start");
  const none = await run([]);
  assert.deepEqual([none.code, none.out], [2, ""]);
  assert.match(none.err, /Commands \(in workflow order\)/);
});

test("an unknown command suggests the closest one on stderr (exit 2); `analyze` is accepted as an alias", async () => {
  const r = await run(["valdate"]);
  assert.deepEqual([r.code, r.out], [2, ""]);
  assert.match(r.err, /^vital-signs: unknown command "valdate" \(did you mean "validate"\?\)\n/);
  const alias = await run(["analyze", "--help"]);
  assert.equal(alias.code, 0);
  assert.match(alias.out, /^vital-signs analyse DIR --outcome ID/);
});

test("an unknown option suggests the closest option; usage goes to stderr; exit 2", async () => {
  const r = await run(["validate", DATASET, "--jsn"]);
  assert.deepEqual([r.code, r.out], [2, ""]);
  assert.match(r.err, /^vital-signs validate: unknown option "--jsn" \(did you mean "--json"\?\)\n\nvital-signs validate \[DIR\] \[--json\]/);  // never the option given: reproduce-2016's usage names import's --out, which had answered --out with itself
  const same = await run(["reproduce-2016", "--out", "x"]);
  assert.equal(same.code, 2);
  assert.match(same.err, /^vital-signs reproduce-2016: unknown option "--out"\n/);
});

test("an extra positional argument is refused with exit 2 (validate, synth, reproduce-2016, profile, list)", async () => {
  const out = tmp();
  for (const args of [["validate", DATASET, "extra"], ["synth", "extra", "--out", out], ["reproduce-2016", "extra"], ["profile", DATASET, "extra", "--la", "E06900001"], ["list", DATASET, "outcomes", "extra"]]) {
    const r = await run(args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.match(r.err, /extra|argument/i, args.join(" "));
  }
});

test("--out naming an existing file (exit 2), or a DIR that does not exist (exit 1, a missing input), is refused before any work", async () => {
  const file = path.join(tmp(), "README.md");
  fs.writeFileSync(file, "not a folder\n");
  const r = await run(["analyse", DATASET, "--outcome", "ofsted_overall", "--out", file]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^vital-signs analyse: --out: must be a folder, not an existing file \(got ".*README\.md"\)/);
  assert.equal(r.out, "", "nothing computed or printed");
  const inside = await run(["synth", "--out", path.join(file, "sub")]);
  assert.equal(inside.code, 2);
  assert.match(inside.err, /--out: cannot be created inside the file/);
  const missing = await run(["analyse", path.join(tmp(), "nowhere"), "--outcome", "ofsted_overall"]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /DIR: must be an existing data package folder/);
});

test("--seed beyond 2^32-1 and --resamples beyond the cap are refused with the reason; --created must be ISO", async () => {
  const seed = await run(["analyse", DATASET, "--outcome", "ofsted_overall", "--seed", "4294967297"]);
  assert.equal(seed.code, 2);
  assert.match(seed.err, /--seed: must be a whole number from 0 to 4294967295 \(the random generator takes 32-bit seeds\) \(got "4294967297"\)/);
  const synthSeed = await run(["synth", "--seed", "4294967296", "--out", tmp()]);
  assert.equal(synthSeed.code, 2);
  const resamples = await run(["analyse", DATASET, "--outcome", "ofsted_overall", "--resamples", "100000000000"]);
  assert.equal(resamples.code, 2);
  assert.match(resamples.err, /--resamples: must be a whole number from 10 to 20000 \(complementary pairs; beyond 20,000 the Monte Carlo error/);
  const odd = await run(["analyse", DATASET, "--outcome", "ofsted_overall", "--resamples", "999"]);
  assert.equal(odd.code, 2);
  assert.match(odd.err, /--resamples: must be an even whole number from 10 to 20000/);
  const created = await run(["import", path.join(ROOT, "README.md"), "--out", tmp(), "--created", "yesterday"]);
  assert.equal(created.code, 2);
  assert.match(created.err, /--created: must be an ISO 8601 date or date-time such as 2026-01-01T00:00:00Z \(got "yesterday"\)/);
  const badDay = await run(["import", path.join(ROOT, "README.md"), "--out", tmp(), "--created", "2026-02-30"]);
  assert.equal(badDay.code, 2);
  const period = await run(["analyse", DATASET, "--outcome", "ofsted_overall", "--period", "2019.5"]);
  assert.equal(period.code, 2);
  const link = await run(["analyse", DATASET, "--outcome", "ofsted_overall", "--link", "latest"]);
  assert.equal(link.code, 2);
  assert.match(link.err, /--link: must be one of first-on-or-before, latest-on-or-before, published-within, attached-period; did you mean/);
});

test("messages name options and files, never internal functions", async () => {
  assert.equal(userMessage("buildAnalysisFrame: period 2031 has no indicator values (got 2031)"), "period 2031 has no indicator values (got 2031)");
  assert.equal(userMessage("readPackage(/tmp/x): 2 error(s)\n  - selectVitalSigns: bad"), "package /tmp/x: 2 error(s)\n  - bad");
  assert.equal(userMessage("--las: expected LAs"), "--las: expected LAs");
  const r = await run(["analyse", DATASET, "--outcome", "ofsted_overall", "--period", "2031", "--out", tmp()]);
  assert.equal(r.code, 1);
  assert.match(r.err, /^vital-signs analyse: period 2031 has no indicator values/);
  const dir = tmp();
  fs.writeFileSync(path.join(dir, "datapackage.json"), "{}");
  const bad = await run(["analyse", dir, "--outcome", "x", "--out", tmp()]);
  assert.equal(bad.code, 1);
  assert.doesNotMatch(bad.err, /readPackage|buildAnalysisFrame|selectVitalSigns/);
  assert.match(bad.err, /^vital-signs analyse: package .*: 1 error\(s\)/);
});

test("validate --json and analyse --json print machine-readable results", async () => {
  const v = await run(["validate", DATASET, "--json"]);
  assert.equal(v.code, 0);
  const parsed = JSON.parse(v.out);
  assert.equal(parsed.valid, true);
  assert.equal(parsed.rows.indicators, 60000);
  const dir = tmp();
  fs.cpSync(DATASET, dir, { recursive: true });
  fs.appendFileSync(path.join(dir, "areas.csv"), "x\n");
  const bad = await run(["validate", dir, "--json"]);
  assert.equal(bad.code, 1);
  const errors = JSON.parse(bad.out).errors as { file: string; column: string; expected: string }[];
  assert.ok(errors.some((e) => e.file.endsWith("areas.csv") && e.column === "sha256"));
  const out = tmp();
  const a = await run(["analyse", DATASET, "--outcome", "ofsted_overall", "--resamples", "20", "--out", out, "--json"]);
  assert.equal(a.code, 0, a.err);
  const summary = JSON.parse(a.out);
  assert.equal(summary.results, path.join(out, "results.json"));
  assert.equal(summary.resamples, 20);
  assert.ok(Array.isArray(summary.vital_signs));
});

test("check-disclosure shows progress on a terminal only", async () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, "a.csv"), "la_code,value\nE06000001,12.5\n");
  const tty = await run(["check-disclosure", dir], true);
  assert.equal(tty.code, 0);
  assert.match(tty.err, /\rcheck-disclosure \[#{30}\] 100% 1\/1\n$/);
  const piped = await run(["check-disclosure", dir], false);
  assert.equal(piped.err, "");
});

test("a package title with ANSI escapes and control characters is printed without them", async () => {
  const dir = tmp();
  writePackage(dir, {
    name: "evil", title: "\u001b[2J\u001b[31mRed\u001b[0m title\u0007", created: "2026-01-01",
    areas: [{ la_code: "E06900001", la_name: "A", region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null }],
    catalogue: [], indicators: [], context: [], outcomes: [],
  });
  const r = await run(["validate", dir]);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, /[\u001b\u0007]/);
  assert.match(r.out, /^Red title\\u0007 \(evil\) — valid/);
});

test("`vital-signs validate | head -1` ends quietly: no EPIPE stack trace (built CLI)", { skip: !fs.existsSync(path.join(ROOT, "dist", "cli", "main.js")) && "dist/ not built" }, () => {
  // validate prints its first line, then computes completeness and prints more: by then head has exited
  const r = spawnSync("bash", ["-c", `node ${JSON.stringify(BIN)} validate ${JSON.stringify(DATASET)} | head -1`], { encoding: "utf8" });
  assert.match(r.stdout, /^Synthetic pilot dataset .* — valid\n$/);
  assert.doesNotMatch(r.stderr, /EPIPE|Error|at /, r.stderr);
  assert.equal(r.stderr, "");
});
