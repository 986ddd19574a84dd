import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";
import { LISTED_CANDIDATE_RULE } from "../../lib/data/framework";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");
const FIELDS = ["within_coef", "within_se", "within_p", "between_r", "n_obs", "n_las", "n_years"];

describe("vital-signs panel", () => {
  const root = tempDir("vsw-panel-");

  test("with every indicator listed in the table, no line counts \"0 more\"", async () => {
    // rereferral_12m_lait_pct is the one indicator the synthetic panel shows for this outcome (within p ≈ 2.6e-4)
    const c = capture();
    const code = await main(["panel", DATASET, "--outcome", "rereferral_12m_pct", "--indicators", "rereferral_12m_lait_pct", "--lag", "1", "--out", path.join(root, "one")], c.io);
    assert.equal(code, 0, c.err.join(""));
    assert.match(c.out.join(""), /^rereferral_12m_lait_pct /m);
    assert.doesNotMatch(c.out.join(""), /more indicator\(s\) with no clear association/);
  });

  test("writes panel.json with the within and between numbers per indicator and prints a labelled table", async () => {
    const out = path.join(root, "ok");
    const c = capture();
    const code = await main(["panel", DATASET, "--outcome", "rereferral_12m_pct", "--indicators", "sw_turnover_pct,assessment_45d_pct,referral_rate_per_10k", "--lag", "1", "--se", "hc0", "--out", out], c.io);
    assert.equal(code, 0, c.err.join(""));
    const text = c.out.join("");
    assert.match(text, /two-way fixed effects \(LA and year\); SE: HC0 by unit \(plm/);
    assert.match(text, /candidate lever: the within-LA coefficient/);
    assert.match(text, /joint model/);
    const r = JSON.parse(fs.readFileSync(path.join(out, "panel.json"), "utf8"));
    assert.equal(r.command, "panel");
    assert.equal(r.candidate_rule, LISTED_CANDIDATE_RULE);
    assert.match(text, /candidates: the indicators listed/);
    assert.equal(r.se_convention, "hc0");
    assert.equal(r.lag, 1);
    assert.equal(r.indicators.length, 3);
    for (const row of r.indicators) {
      for (const f of FIELDS) assert.equal(typeof row[f], "number", `${row.indicator}.${f}`);
      assert.equal(row.within_se, row.hc0.se);
      assert.ok(["candidate-lever", "marker-of-context", "no-clear-association", "not-estimable"].includes(row.role));
    }
    assert.equal(r.joint.terms.length, 3);
    // report.html gives the joint model too, each term with the coefficient and p of panel.json
    const html = fs.readFileSync(path.join(out, "report.html"), "utf8");
    assert.match(html, /The indicators together \(joint model\)/);
    assert.ok(html.includes(`on the ${r.joint.n_obs.toLocaleString("en-GB")} LA-years of ${r.joint.n_las} LAs and ${r.joint.n_years} years that have all of them`));
    for (const t of r.joint.terms) assert.match(html, new RegExp(`<td[^>]*>${t.name}</td><td[^>]*>${t.within_coef.toFixed(3).replace("-", "[-−]")}</td>`), t.name);
    // no context controls were set: the between-LA role must not be worded as if context had been allowed for
    assert.match(text, /context controls: none/);
    assert.doesNotMatch(text, /marker of context/);
    for (const row of r.indicators.filter((x: { role: string }) => x.role === "marker-of-context")) {
      assert.match(text, new RegExp(`^${row.indicator} .*  between-LA marker$`, "m"));
    }
  });

  for (const [label, args, message] of [
    ["an outcome id not in the package", ["--outcome", "rereferal_pct"], /--outcome must be an indicator id or an outcome id of the package; nearest: rereferral_12m_pct/],
    ["a lag beyond the data", ["--outcome", "rereferral_12m_pct", "--lag", "30"], /--lag 30 goes beyond the data/],
    ["a panel with one year", ["--outcome", "rereferral_12m_pct", "--lag", "9"], /a panel needs at least two years/],
    ["a bad --se", ["--outcome", "rereferral_12m_pct", "--se", "hc3"], /--se: must be one of cr1, hc0/],
    ["a negative lag", ["--outcome", "rereferral_12m_pct", "--lag", "-1"], /--lag: its value "-1" starts with a dash, which reads as an option; write --lag=-1/],
    ["a negative lag given with =", ["--outcome", "rereferral_12m_pct", "--lag=-1"], /--lag: must be a whole number >= 0/],
  ] as const) {
    test(`${label}: a clear error and nothing written`, async () => {
      const out = path.join(root, label.replace(/\W+/g, "-"));
      const c = capture();
      const code = await main(["panel", DATASET, ...args, "--out", out], c.io);
      // a bad option value is a usage error (exit 2, as in every command); bad data is exit 1
      assert.equal(code, (args as readonly string[]).some((a) => a === "--se" || a.endsWith("-1")) ? 2 : 1);
      assert.match(c.err.join(""), message);
      assert.equal(fs.existsSync(out), false, "no output folder");
    });
  }
});
