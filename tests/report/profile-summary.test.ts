import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { COMPARISON_GLOSSES, PROFILE_SUMMARY_NAMED, profileSummarySection } from "../../lib/report/profile-summary";
import type { LaProfile } from "../../lib/profile";

const ind = (label: string, outcome: string, period: number | null = 2024, stale = false) => ({ label, period, stale, headline: { outcome } });

function profile(indicators: ReturnType<typeof ind>[]): Pick<LaProfile, "la" | "options" | "indicators"> {
  return Object.freeze({
    la: { la_name: "Westminster" },
    options: { benchmark: "england", levels: "95+99.8" },
    indicators,
  }) as unknown as Pick<LaProfile, "la" | "options" | "indicators">;
}

const text = (s: ReturnType<typeof profileSummarySection>) => s.blocks.map((b) => (b.type === "text" ? b.markdown : "")).join("\n");

describe("profile summary", () => {
  test("a package with no benchmark figure at all says that nothing is compared, not 'worse on 0 … of the 0' (a returns package; user trial, round 27)", () => {
    const own = (label: string) => ({ label, period: 2024, stale: false, value: 12, headline: { outcome: "not-compared", benchmark: null } });
    const t = text(profileSummarySection(profile([own("Looked after per 10,000"), own("Re-referrals (%)")] as unknown as ReturnType<typeof ind>[])));
    assert.match(t, /^\*\*Westminster\*\*: no indicator has a figure for England in this package, so nothing is compared with it \(a package of an LA's own returns holds no England or regional figures: add its indicators to a package with the official ones, `vital-signs add`, to compare\)\. 2 of 2 indicators have a value\.$/);
    assert.doesNotMatch(t, /worse on 0/);
  });

  test("counts better, similar and worse among the comparable, names worse and better indicators, and the rest apart", () => {
    const s = profileSummarySection(profile([
      ind("Re-referrals (%)", "better"), ind("Turnover (%)", "worse"), ind("CPP rate", "similar"), ind("UASC (%)", "higher"),
      ind("Caseload", "not-compared"), ind("No value", "not-compared", null),
    ]));
    assert.equal(s.heading, "Summary");
    const t = text(s);
    assert.match(t, /\*\*Westminster\*\* against England, on each indicator's latest period: \*\*worse on 1\*\*, \*\*better on 1\*\* and similar on 1 of the 3 indicators/);
    assert.match(t, /1 more differ from England on indicators with no agreed good direction; 1 could not be compared by interval \(no count model or no denominator: the indicators table gives their direction only\)\. 5 of 6 indicators have a value\./);
    assert.match(t, /- \*\*Worse than England:\*\* Turnover \(%\)\n- \*\*Better than England:\*\* Re-referrals \(%\)/);
  });

  test("each comparison outcome met has its one-line meaning beside it and its count in its own column", () => {
    const s = profileSummarySection(profile([ind("a", "better"), ind("b", "lower"), ind("c", "lower")]));
    const table = s.blocks.find((b) => b.type === "table");
    assert.ok(table && table.type === "table");
    assert.deepEqual(table.rows, [
      { comparison: "better", meaning: COMPARISON_GLOSSES.better.replace("{benchmark}", "England"), indicators: 1 },
      { comparison: "lower", meaning: "lower than England, but lower is neither better nor worse for this indicator", indicators: 2 },
    ]);
  });

  test("says how many latest values are more than 3 years old (listed apart)", () => {
    const t = text(profileSummarySection(profile([ind("a", "better"), ind("old", "similar", 2017, true), ind("older", "worse", 2016, true)])));
    assert.match(t, /3 of 3 indicators have a value; 2 of them are more than 3 years old and listed apart\./);
    assert.doesNotMatch(text(profileSummarySection(profile([ind("a", "better")]))), /years old/);
  });

  test("a long list is cut with 'and N more'", () => {
    const many = Array.from({ length: PROFILE_SUMMARY_NAMED + 3 }, (_, i) => ind(`worse ${i}`, "worse"));
    assert.match(text(profileSummarySection(profile(many))), /worse 7; and 3 more \(see the table\)/);
  });
});
