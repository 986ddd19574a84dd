/**
 * Demand measures (context-role indicators) as context variables: lib/context/indicator-context.ts, on the embedded
 * synthetic package, whose catalogue tags six rates (referrals, CLA, s47, CPP, early help, UASC) as context.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import { contextRoleIndicators, withIndicatorContext } from "../../lib/context/indicator-context";
import { buildAnalysisFrame } from "../../lib/vitals/frame";
import { InputError } from "../../lib/errors";

const pkg = readPackage(path.join(__dirname, "..", "..", "datasets", "pilot-synthetic"));
const link = { kind: "latest-on-or-before" as const, outcome: "ofsted_overall", date: "2023-03-31" };

/** The package's published values of one indicator, by "la_code period". */
function publishedValues(id: string): Map<string, number> {
  const out = new Map<string, number>();
  const [la, per, ind, val] = ["la_code", "period", "indicator", "value"].map((c) => pkg.indicators.array(c) as unknown[]);
  for (let r = 0; r < ind.length; r++) if (ind[r] === id && val[r] !== null) out.set(`${la[r]} ${per[r]}`, val[r] as number);
  return out;
}

test("the context-role indicators with values are the ones --context may add", () => {
  assert.deepEqual(contextRoleIndicators(pkg), ["cla_rate_per_10k", "cpp_rate_per_10k", "early_help_rate_per_10k", "referral_rate_per_10k", "s47_rate_per_10k", "uasc_pct"]);
});

test("a context-role indicator becomes context rows: one per LA-period with a published value, the same values", () => {
  const before = pkg.context.numRows();
  const pkg2 = withIndicatorContext(pkg, ["child_population", "cla_rate_per_10k"]);
  const published = publishedValues("cla_rate_per_10k");
  assert.ok(published.size > 1000, "the synthetic package publishes CLA rates for most LA-periods");
  assert.equal(pkg2.context.numRows(), before + published.size);
  const [la, per, v, val] = ["la_code", "period", "variable", "value"].map((c) => pkg2.context.array(c) as unknown[]);
  let seen = 0;
  for (let r = 0; r < v.length; r++) {
    if (v[r] !== "cla_rate_per_10k") continue;
    assert.equal(val[r], published.get(`${la[r]} ${per[r]}`), `${la[r]} ${per[r]}`);
    seen++;
  }
  assert.equal(seen, published.size);
  assert.equal(pkg.context.numRows(), before, "the package given is not changed");
});

test("an analysis frame allows for the added variable by the context rule: the LA's value in its row period", () => {
  const frame = buildAnalysisFrame(withIndicatorContext(pkg, ["cla_rate_per_10k"]), { context: ["cla_rate_per_10k"], link });
  const published = publishedValues("cla_rate_per_10k");
  const values = frame.context[0].values;
  let compared = 0;
  frame.laCodes.forEach((la, i) => {
    const own = published.get(`${la} ${frame.rowPeriod[i]}`);
    if (own === undefined) return;
    assert.equal(values[i], own, la);
    compared++;
  });
  assert.ok(compared > 100, `compared ${compared} LAs`);
});

test("context.csv's variables alone give the same package back; a practice indicator or an unknown name is refused, saying why", () => {
  assert.equal(withIndicatorContext(pkg, ["child_population"]), pkg);
  assert.throws(() => withIndicatorContext(pkg, ["rereferral_12m_pct"]), (e: unknown) => e instanceof InputError && /framework role is "practice", not context: allowing for it would adjust away/.test(e.message) && /rereferral_12m_pct/.test(e.message));
  assert.throws(() => withIndicatorContext(pkg, ["no_such_thing"]), (e: unknown) => e instanceof InputError && /not a context variable nor an indicator/.test(e.message) && /cla_rate_per_10k/.test(e.message));
});
