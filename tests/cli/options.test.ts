import { describe, it, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { DEFAULT_DISCLOSURE_THRESHOLD, MINIMUM_DISCLOSURE_THRESHOLD } from "../../lib/disclosure/suppress-counts";
import { contextOption, enumOption, integerOption, listOption, packageDirArgument, refuseRepeatedOptions, thresholdOption, UsageError } from "../../lib/cli/options";
import { capture } from "../helpers/cli";
import { InputError } from "../../lib/errors";
import { tempDir } from "../helpers/temp-dirs";

test("--threshold defaults to the disclosure threshold and accepts a whole number from the minimum (counts of 1–5 are always small)", () => {
  assert.equal(thresholdOption(undefined), DEFAULT_DISCLOSURE_THRESHOLD);
  assert.equal(thresholdOption(String(MINIMUM_DISCLOSURE_THRESHOLD)), MINIMUM_DISCLOSURE_THRESHOLD);
  for (const bad of ["0", "-3", "1", "5", "2.5", "ten", ""]) {
    assert.throws(() => thresholdOption(bad), /^UsageError: --threshold: must be a whole number >= 6 \(counts of 1–5 are always small, as in DfE's statistics\)/);
  }
});

test("a bad --threshold is a usage error: reported once with the command's name and its usage, exit 2", async () => {
  const c = capture();
  assert.equal(await main(["check-disclosure", "out", "--threshold", "0"], c.io), 2);
  const err = c.err.join("");
  assert.ok(err.startsWith('vital-signs check-disclosure: --threshold: must be a whole number >= 6 (counts of 1–5 are always small, as in DfE\'s statistics) (got "0")\n\nvital-signs check-disclosure'), err);
  assert.equal(c.out.join(""), "");
});

test("integerOption: the one way integers are parsed, with bounds and a fallback", () => {
  assert.equal(integerOption("--period", "2024", { min: 1990, max: 2100 }), 2024);
  assert.equal(integerOption("--seed", undefined, { fallback: 42 }), 42);
  assert.equal(integerOption("--seed", undefined), undefined);
  for (const bad of ["2.5", "1e3", "", "twelve", "99999999999999999999"]) assert.throws(() => integerOption("--n", bad), UsageError);
  assert.throws(() => integerOption("--seed", "4294967297", { min: 0, max: 2 ** 32 - 1 }), /--seed: must be a whole number from 0 to 4294967295 \(got "4294967297"\)/);
});

test("enumOption lists the allowed values and the closest one", () => {
  assert.equal(enumOption("--link", "attached-period", ["first-on-or-before", "attached-period"]), "attached-period");
  assert.throws(() => enumOption("--link", "attached-perod", ["first-on-or-before", "attached-period"]), /--link: must be one of first-on-or-before, attached-period; did you mean "attached-period"\? \(got "attached-perod"\)/);
});

describe("listOption and contextOption (one rule for analyse, panel and holdout)", () => {
  it("a list that names nothing is refused: analyse --context \"\" had run with no adjustment and no word", () => {
    assert.throws(() => listOption("--indicators", ""), /--indicators: names nothing: give one or more names separated by commas/);
    assert.throws(() => contextOption(" , "), /--context: names nothing/);
    assert.deepEqual(listOption("--indicators", " a, b ,"), ["a", "b"]);
    assert.equal(listOption("--indicators", undefined), undefined);
  });

  it("none is no context, a name twice is refused (panel had taken it), not given is the default", () => {
    assert.deepEqual(contextOption("none"), []);
    assert.equal(contextOption(undefined), undefined);
    assert.throws(() => contextOption("cin_rate_per_10k,cin_rate_per_10k"), /--context: names a variable twice .*\(got "cin_rate_per_10k"\)/);
    assert.deepEqual(contextOption("idaci_score, cin_rate_per_10k"), ["idaci_score", "cin_rate_per_10k"]);
  });

  it("the commands use it: panel refuses a variable twice and holdout refuses none, saying why", async () => {
    const pkg = path.resolve(__dirname, "../../datasets/pilot-synthetic");
    const panel = capture();
    assert.equal(await main(["panel", pkg, "--outcome", "ofsted_overall", "--context", "idaci_score,idaci_score", "--out", tempDir("vsw-ctx-")], panel.io), 1);
    assert.match(panel.err.join(""), /--context: names a variable twice/);
    const holdout = capture();
    assert.equal(await main(["holdout", pkg, "--outcome", "ofsted_overall", "--train-until", "2019", "--context", "none", "--out", tempDir("vsw-ctx-")], holdout.io), 1);
    assert.match(holdout.err.join(""), /--context: cannot be none for a hold-out: its baseline is the context-only model/);
    // an indicator that is not context: the error lists what may be given, and not "none", which holdout refuses
    const studied = capture();
    assert.equal(await main(["holdout", pkg, "--outcome", "ofsted_overall", "--train-until", "2019", "--context", "sw_turnover_pct", "--out", tempDir("vsw-ctx-")], studied.io), 1);
    assert.match(studied.err.join(""), /--context: an indicator whose framework role is/);
    assert.doesNotMatch(studied.err.join(""), /"none" for no adjustment/);
  });
});

describe("an option given twice", () => {
  it("is refused with both values, exit 2, before the command runs (parseArgs kept the last and dropped the first)", async () => {
    const pkg = path.resolve(__dirname, "../../datasets/pilot-synthetic");
    const c = capture();
    const out = tempDir("vsw-twice-");
    assert.equal(await main(["analyse", pkg, "--outcome", "ofsted_overall", "--context", "idaci_score", "--context=imd_score", "--out", out], c.io), 2);
    assert.match(c.err.join(""), /--context: given twice \("idaci_score", then "imd_score"\): a second one would replace the first without a word/);
    assert.equal(fs.readdirSync(out).length, 0, "nothing written");
    const flags = capture();
    assert.equal(await main(["list", pkg, "--json", "--json"], flags.io), 2);
    assert.match(flags.err.join(""), /--json: given twice; give it once/);
  });
  it("after -- a word is not an option", () => {
    assert.doesNotThrow(() => refuseRepeatedOptions(["--out", "a", "--", "--out", "b"]));
    assert.doesNotThrow(() => refuseRepeatedOptions(["--out", "a", "-o", "b"]));
  });
});

describe("a value starting with a dash", () => {
  it("is explained in the workbench's words, not Node's ('argument is ambiguous … --threshold=-XYZ'), exit 2", async () => {
    const pkg = path.resolve(__dirname, "../../datasets/pilot-synthetic");
    const negative = capture();
    assert.equal(await main(["check-disclosure", pkg, "--threshold", "-1"], negative.io), 2);
    assert.match(negative.err.join(""), /^vital-signs check-disclosure: --threshold: its value "-1" starts with a dash, which reads as an option; write --threshold=-1\n/);
    assert.doesNotMatch(negative.err.join(""), /ambiguous|XYZ/);
    const missing = capture();
    assert.equal(await main(["analyse", pkg, "--outcome", "--out", "x"], missing.io), 2);
    assert.match(missing.err.join(""), /^vital-signs analyse: --outcome: needs a value \(the next word, "--out", is an option\)\n/);
  });
});

describe("Node's other parse errors", () => {
  it("are put in the workbench's words: a short option's dash value, a value missing at the end, a value given to a flag, an argument to a command of options only", async () => {
    const pkg = path.resolve(__dirname, "../../datasets/pilot-synthetic");
    const cases: [string[], RegExp][] = [
      [["start", "-o", "-x"], /^vital-signs start: -o: its value "-x" starts with a dash, which reads as an option; write --out=-x\n/],
      [["returns", "x", "--out"], /^vital-signs returns: --out: needs a value \(none was given after it\)\n/],
      [["validate", pkg, "--json=-1"], /^vital-signs validate: --json: takes no value \(give --json alone\)\n/],
      [["start", "extra"], /^vital-signs start: unexpected argument "extra": this command takes options only\n/],
      [["analyse", pkg, "--outcome", "--", "x"], /^vital-signs analyse: --outcome: needs a value \(the next word, "--", ends the options\)\n/],
    ];
    for (const [args, expected] of cases) {
      const c = capture();
      assert.equal(await main(args, c.io), 2, args.join(" "));
      assert.match(c.err.join(""), expected);
      assert.doesNotMatch(c.err.join(""), /XYZ|ambiguous|Option '/);
    }
  });
});

test("a package folder missing beside the folders a stopped swap left names them and what to do", () => {
  // add swaps a package in by two renames: a run killed between them leaves PKG.old-… and PKG.tmp-…, and no PKG
  const parent = tempDir("vsw-swap-");
  const pkg = path.join(parent, "england");
  // a missing input, not a usage error (exit 1, not 2)
  assert.throws(() => packageDirArgument(pkg, "PKG"), (e: unknown) => e instanceof InputError && !(e instanceof UsageError) && /must be an existing data package folder \(got/.test(e.message) && !/swapping/.test(e.message));
  fs.mkdirSync(`${pkg}.old-4242-1765000000000`);
  fs.mkdirSync(`${pkg}.tmp-4242-1765000000000`);
  fs.mkdirSync(`${pkg}.old-notes`); // not a stopped swap's name
  assert.throws(() => packageDirArgument(pkg, "PKG"), (e: unknown) =>
    e instanceof InputError && !(e instanceof UsageError) &&
    e.message.includes("must be an existing data package folder (a run writing it was stopped while swapping it in: england.old-4242-1765000000000 beside it holds the package as it was before, and england.tmp-4242-1765000000000 the new one, already validated; rename one of them to england)"));
});
