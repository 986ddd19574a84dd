import { describe, it, test } from "node:test";
import assert from "node:assert/strict";
import type { Results } from "../../lib/vitals/results";
import { reportHtml } from "../../lib/report/document";
import type { ReproducibilityStamp } from "../../lib/report/reproducibility";
import {
  analysisSummaryLines, detectableCorrelation, selectionCaveats, analysisSummarySection, associationSentence, outcomeTerms, selectionFrequencyWords, verdictGloss, verdictSummaryText, VERDICT_GLOSSES, VERDICT_ORDER,
} from "../../lib/report/analysis-summary";
import { gradeLabel, outcomeLabel, contextLabel } from "../../lib/report/plain-labels";

const assoc = (indicator: string, label: string, raw_r: number | null, partial_r: number | null, q_bh: number | null = null) => ({
  indicator, label, raw_r, partial_r, partial_r_lower: partial_r === null ? null : partial_r - 0.1, partial_r_upper: partial_r === null ? null : partial_r + 0.1, n_complete: 140, q_bh,
});

/** A results.json fragment with the fields the summary reads (two selected, one confounded, one weak). */
const RESULTS = Object.freeze({
  outcome: { id: "ofsted_ilacs_overall", n_linked: 150, n_las: 152 },
  context: { variables: ["idaci_score"] },
  correlation: { method: "spearman" },
  resamples: 1000,
  settings: { threshold: 0.6 },
  associations: [
    assoc("sw_turnover_pct", "Social worker turnover (%)", -0.23, -0.26, 0.344),
    assoc("assessment_45d_pct", "Assessments within 45 days (%)", 0.46, 0.49),
    assoc("cin_rate", "Children in need rate", 0.3, 0.02),
    assoc("other", "Other", 0.01, 0.01),
  ],
  vital_signs: [
    { indicator: "sw_turnover_pct", selected: true, selection_frequency: 0.958, code: "selected" },
    { indicator: "assessment_45d_pct", selected: true, selection_frequency: 0.997, code: "selected" },
    { indicator: "cin_rate", selected: false, selection_frequency: 0.1, code: "confounded" },
    { indicator: "other", selected: false, selection_frequency: 0.01, code: "weak" },
  ],
  error_bound: { q: 2, p: 4, threshold: 0.6, pairs: 500, selected: 2, bounds: [{ assumption: "unimodal", expected_false: 0.4 }] },
}) as unknown as Results;

const STAMP: ReproducibilityStamp = Object.freeze({
  packageName: "vital-signs-workbench", packageVersion: "0.1.0", gitCommit: "a".repeat(40), gitDirty: false,
  dataName: "pilot-synthetic", dataSha256: "b".repeat(64), seed: 42, node: "v20", createdAt: "2026-01-01T00:00:00.000Z",
  sources: [], licences: [], command: null,
});

describe("plain labels", () => {
  test("name known outcomes and context variables, and fall back to the id", () => {
    assert.equal(outcomeLabel("ofsted_ilacs_overall"), "Ofsted overall effectiveness (ILACS)");
    assert.equal(outcomeLabel("my_outcome"), "my_outcome");
    assert.equal(outcomeLabel("constructor"), "constructor");
    assert.equal(contextLabel("idaci_score"), "deprivation (IDACI score)");
  });
  test("grade rows carry the plain grade, not one LA's inspection", () => {
    assert.equal(gradeLabel(1, "Outstanding [ILACS Short Inspection; inspected 2024-03-18]"), "Outstanding");
    assert.equal(gradeLabel(3, "Adequate [SIF]"), "Requires improvement to be good");
    assert.equal(gradeLabel(2.5, "Between [note]"), "Between");
    assert.equal(gradeLabel(7), "7");
  });
});

describe("analysis summary", () => {
  test("says the direction in words relative to the outcome, and whether it held before allowing for context", () => {
    const outcome = "Ofsted overall effectiveness (ILACS)";
    assert.equal(
      associationSentence({ label: "social worker turnover", raw_r: -0.2, partial_r: -0.3 }, outcome, ["deprivation (IDACI score)"]),
      "LAs with lower social worker turnover tend to have better Ofsted overall effectiveness (ILACS) grades, also after allowing for deprivation (IDACI score).",
    );
    // labels are kept as the catalogue writes them (proper nouns such as Cafcass stay capitalised)
    assert.match(associationSentence({ label: "Cafcass care applications", raw_r: 0.2, partial_r: 0.3 }, outcome, ["d"]), /^LAs with higher Cafcass care applications tend/);
    assert.match(associationSentence({ label: "x", raw_r: -0.1, partial_r: 0.3 }, outcome, ["d"]), /^LAs with higher x .* once d is allowed for; before, the link pointed the other way\.$/);
    assert.match(associationSentence({ label: "x", raw_r: 0.1, partial_r: 0.3 }, outcome, []), /nothing was allowed for/);
    assert.match(associationSentence({ label: "x", raw_r: null, partial_r: null }, outcome, ["d"]), /No direction/);
  });

  test("gives the selection frequency with the number of resamples", () => {
    assert.equal(selectionFrequencyWords(0.958, 1000), "selected in 96% of 1,000 resamples");
  });

  test("every verdict code has a one-line gloss; confounded names what was allowed for", () => {
    for (const c of VERDICT_ORDER) assert.ok(VERDICT_GLOSSES[c].length > 0 && !VERDICT_GLOSSES[c].includes("\n"), c);
    assert.equal(verdictGloss("confounded", ["deprivation (IDACI score)"]), "looked related only because both follow deprivation (IDACI score): the link goes once that is allowed for");
    assert.equal(verdictGloss("no-such-code", []), "no-such-code");
  });

  test("the section names the outcome by its label, each vital sign with its meaning and frequency, and glosses the verdicts", () => {
    const section = analysisSummarySection(RESULTS);
    assert.equal(section.heading, "Summary");
    const html = reportHtml({ title: "t", sections: [section], stamp: STAMP });
    assert.match(html, /2 of 4 indicators qualify/);
    assert.match(html, /Ofsted overall effectiveness \(ILACS\)/);
    assert.doesNotMatch(html.slice(0, html.indexOf("Sources, citation")), /ofsted_ilacs_overall/);
    assert.match(html, /LAs with lower Social worker turnover \(%\) tend to have better Ofsted overall effectiveness \(ILACS\) grades, also after allowing for deprivation \(IDACI score\)/);
    assert.match(html, /selected in 96% of 1,000 resamples/);
    assert.match(html, /At most 0\.4 of the 2 selected indicators are expected to be noise/);
    assert.match(html, /looked related only because both follow deprivation \(IDACI score\)/);
    // the numbers sit in their own column: the partial coefficient is a cell, not in the sentence
    assert.match(html, /<td class="vsw-num" data-v="-0.26">-0.260<\/td>/);
  });

  test("a vital sign's BH q is shown beside its partial ρ, and the words say the error bound limits false selections, not q", () => {
    const html = reportHtml({ title: "t", sections: [analysisSummarySection(RESULTS)], stamp: STAMP });
    assert.match(html, />q \(BH\)<\/th>/);
    assert.match(html, /<td class="vsw-num" data-v="0.344">0\.344<\/td>/, "a selected indicator whose q is above 0.1 shows it");
    assert.match(html, /What limits false selections is the stability-selection error bound below, not a significance cut-off: each vital sign&#39;s Benjamini–Hochberg q is shown, not required\./);
    assert.match(verdictGloss("selected", ["deprivation (IDACI score)"]), /stability selection: how many such may be noise is bounded by its error bound, which says how tight that is, not by a significance cut-off; the BH q is shown, not required/);
  });

  test("the verb agrees with what was allowed for: one variable is, two or more are", () => {
    const two = ["deprivation (IDACI score)", "deprivation (IMD score)"];
    assert.equal(verdictGloss("weak", two), "no clear link with the outcome once deprivation (IDACI score) and deprivation (IMD score) are allowed for");
    assert.match(verdictGloss("not-testable", two), /once deprivation \(IDACI score\) and deprivation \(IMD score\) are allowed for could not be computed/);
    assert.match(verdictGloss("confounded", two), /the link goes once those are allowed for$/);
    assert.equal(verdictGloss("weak", ["d"]), "no clear link with the outcome once d is allowed for");
    assert.match(associationSentence({ label: "x", raw_r: -0.1, partial_r: 0.3 }, "o", two), /once deprivation \(IDACI score\) and deprivation \(IMD score\) are allowed for; before/);
  });

  test("the headline carries the noise verdict and what the error bound means when they speak against it (report and terminal)", () => {
    const noise = { year: 2025, variance_source: "year-to-year", mean_reliability: 0.025, year_to_year_r: 0.23, threshold: 0.5, code: "too-noisy" };
    const risky = {
      ...RESULTS,
      outcome_measure: { label: "KS4 Attainment 8", noise },
      error_bound: { ...RESULTS.error_bound, selected: 2, bounds: [{ assumption: "none", expected_false: 8 }, { assumption: "unimodal", expected_false: 4.04 }] },
    } as unknown as Results;
    const lines = analysisSummaryLines(risky);
    assert.match(lines[0], /^2 of 4 indicators qualify/);
    assert.equal(
      lines[1],
      "read with care: the outcome is too noisy at LA level to judge indicators by (on average 2.5% of an LA value's variance is real difference between LAs, below the threshold of 50%): " +
        "an indicator may qualify, or fail to, by noise in the outcome; the error bound puts the expected number of noise indicators at up to 4.0, against 2 selected, so it does not rule out that every one of the 2 is noise; Social worker turnover (%) (q 0.344) is not supported by the Benjamini–Hochberg q either (0.05 or more)",
    );
    const html = reportHtml({ title: "t", sections: [analysisSummarySection(risky)], stamp: STAMP });
    assert.match(html, /<strong>Read with care:<\/strong> the outcome is too noisy at LA level to judge indicators by/);
    assert.match(html, /does not rule out that every one of the 2 is noise/);
    // the intro does not call the bound what limits false selections when it limits nothing (audit, round 25)
    assert.match(html, /<strong>but here the bound is no limit<\/strong> \(read with care, below\): take the vital signs as candidates to confirm/);
    assert.doesNotMatch(html, /What limits false selections is the stability-selection error bound/);
    assert.match(reportHtml({ title: "t", sections: [analysisSummarySection(RESULTS)], stamp: STAMP }), /What limits false selections is the stability-selection error bound below/);
    // one selected under a bound of 4.5, with a precise outcome: only the bound's caveat
    const one = { ...risky, outcome_measure: { noise: { ...noise, code: "ok" } }, error_bound: { ...risky.error_bound, selected: 1, bounds: [{ assumption: "unimodal", expected_false: 4.5 }] } } as unknown as Results;
    assert.deepEqual(selectionCaveats(one), ["the error bound puts the expected number of noise indicators at up to 4.5, against 1 selected, so it does not rule out that the one selected is noise; Social worker turnover (%) (q 0.344) is not supported by the Benjamini–Hochberg q either (0.05 or more)"]);
    // a bound below the number selected but half of it or more (8.8 of 9 in a user trial, with no caveat anywhere): it limits little
    const loose = { ...one, error_bound: { ...one.error_bound, selected: 2, bounds: [{ assumption: "unimodal", expected_false: 1.0 }] } } as unknown as Results;
    assert.deepEqual(selectionCaveats(loose), ["the error bound allows up to 1.0 of the 2 selected to be noise, half or more of them, so it limits little: take the vital signs as candidates to confirm (holdout, a later year); Social worker turnover (%) (q 0.344) is not supported by the Benjamini–Hochberg q either (0.05 or more)"]);
    assert.match(reportHtml({ title: "t", sections: [analysisSummarySection(loose)], stamp: STAMP }), /<strong>but here it limits little<\/strong> \(read with care, below\)/);
    const tight = { ...one, error_bound: { ...one.error_bound, selected: 2, bounds: [{ assumption: "unimodal", expected_false: 0.9 }] } } as unknown as Results;
    assert.deepEqual(selectionCaveats(tight), []);
    // a bound below the number selected and a precise outcome: nothing to add
    assert.deepEqual(selectionCaveats(RESULTS), []);
    assert.equal(analysisSummaryLines(RESULTS)[1].startsWith("read with care"), false);
  });

  test("not testable is its own verdict, glossed as no judgement either way, met after weak", () => {
    assert.match(verdictGloss("not-testable", ["deprivation (IDACI score)"]), /^its link with the outcome once deprivation \(IDACI score\) is allowed for could not be computed .*: no judgement either way$/);
    const untestable = { ...RESULTS, vital_signs: [...RESULTS.vital_signs, { indicator: "flat", selected: false, selection_frequency: 0, code: "not-testable" }] } as unknown as Results;
    assert.deepEqual(analysisSummaryLines(untestable).slice(1).map((l) => l.trim().split(" ")[0]), ["selected", "confounded", "weak", "not-testable"]);
  });

  test("with nothing selected it says so, and the terminal lines name the outcome and every code met", () => {
    const none = { ...RESULTS, vital_signs: RESULTS.vital_signs.map((v) => ({ ...v, selected: false, code: "weak" })) } as unknown as Results;
    const html = reportHtml({ title: "t", sections: [analysisSummarySection(none)], stamp: STAMP });
    assert.match(html, /No indicator qualifies/);
    const lines = analysisSummaryLines(RESULTS);
    assert.equal(lines[0], "2 of 4 indicators qualify as vital signs for Ofsted overall effectiveness (ILACS); allowed for: deprivation (IDACI score)");
    assert.deepEqual(lines.slice(1).map((l) => l.trim().split(" ")[0]), ["selected", "confounded", "weak"]);
  });

  test("does not change the results it is given", () => {
    const copy = structuredClone(RESULTS);
    analysisSummarySection(RESULTS);
    analysisSummaryLines(RESULTS);
    assert.deepEqual(RESULTS, copy);
  });
});

describe("an indicator as a continuous outcome is named by its label and has values, not grades", () => {
  test("outcomeTerms: a grade by its plain label, an indicator outcome by its catalogue label", () => {
    assert.deepEqual(outcomeTerms({ outcome: { id: "ofsted_ilacs_overall" } } as never), { name: outcomeLabel("ofsted_ilacs_overall"), unit: "grade" });
    const eet = { outcome: { id: "care_leavers_eet_19_21_pct" }, outcome_measure: { label: "Care leavers aged 19–21 in EET (%)" } };
    assert.deepEqual(outcomeTerms(eet as never), { name: "Care leavers aged 19–21 in EET (%)", unit: "value" });
  });
  test("associationSentence says 'a better <outcome>' for a value and '<outcome> grades' for a grade", () => {
    const a = { label: "Average caseload", raw_r: -0.2, partial_r: -0.15 };
    assert.equal(associationSentence(a, "Care leavers in EET (%)", ["deprivation (IDACI score)"], "value"),
      "LAs with lower Average caseload tend to have a better Care leavers in EET (%), also after allowing for deprivation (IDACI score).");
    assert.match(associationSentence(a, "Ofsted overall effectiveness (ILACS)", ["deprivation (IDACI score)"]), /tend to have better Ofsted overall effectiveness \(ILACS\) grades/);
  });
  test("the verdict summary (notebooks) says what the report and the terminal say, with no rating for a value", () => {
    const eet = { ...RESULTS, outcome: { id: "care_leavers_eet_19_21_pct" }, outcome_measure: { label: "Care leavers aged 19–21 in EET (%)" } } as unknown as Results;
    const lines = verdictSummaryText(eet).split("\n");
    assert.deepEqual(lines, [
      `- **2 selected**: ${verdictGloss("selected", ["deprivation (IDACI score)"])}`,
      `- **1 confounded**: ${verdictGloss("confounded", ["deprivation (IDACI score)"])}`,
      `- **1 weak**: ${verdictGloss("weak", ["deprivation (IDACI score)"])}`,
    ]);
    assert.deepEqual(lines.map((l) => l.replace(/^- \*\*(\d+) (\S+)\*\*: /, "  $2 ($1): ")), analysisSummaryLines(eet).slice(1), "the same words as the terminal's");
    assert.doesNotMatch(verdictSummaryText(eet), /rating|grade/);
  });
});

describe("the small-sample caveat", () => {
  it("gives the correlation detectable 8 times in 10 (Fisher z; hand-computed with Python's NormalDist)", () => {
    // tanh((z(0.975) + z(0.8)) / √(15 − 3 − 1)) = 0.6882955938502427; with 149 LAs and 2 variables 0.22931415527971719
    assert.ok(Math.abs(detectableCorrelation(15, 1, 0.05) - 0.6882955938502427) < 1e-9);
    assert.ok(Math.abs(detectableCorrelation(149, 2, 0.05) - 0.22931415527971719) < 1e-9);
    assert.ok(Number.isNaN(detectableCorrelation(4, 1, 0.05)));
  });

  it("is said with 15 LAs, not with 149", () => {
    const bound = { q: 1, p: 4, threshold: 0.75, pairs: 500, selected: 0, bounds: [], screened: 4, not_selectable: [] };
    const few = selectionCaveats({ error_bound: bound, outcome: { n_linked: 15 }, context: { variables: ["idaci_score"] }, settings: { alpha: 0.05 } });
    assert.deepEqual(few, [
      'with 15 LAs and 1 variable allowed for, only a correlation of about 0.69 or larger would be found 8 times in 10 (α = 0.05): "no clear link" here does not show that there is none',
    ]);
    assert.deepEqual(selectionCaveats({ error_bound: bound, outcome: { n_linked: 149 }, context: { variables: ["idaci_score", "imd_score"] }, settings: { alpha: 0.05 } }), []);
  });
});

describe("the near-duplicate context caveat", () => {
  it("names both context variables and their r when they correlate |r| ≥ 0.9, and says nothing otherwise", () => {
    const bound = { q: 1, p: 4, threshold: 0.75, pairs: 500, selected: 0, bounds: [], screened: 4, not_selectable: [] };
    const context = { variables: ["idaci_score", "imd_score"], collinear_pairs: [{ a: "idaci_score", b: "imd_score", r: 0.953, n: 151 }] };
    const caveats = selectionCaveats({ error_bound: bound, outcome: { n_linked: 149 }, context, settings: { alpha: 0.05 } });
    assert.equal(caveats.length, 1);
    assert.match(caveats[0], /^context variables that measure nearly the same thing are allowed for together: idaci_score and imd_score \(Pearson r = 0\.95 over 151 LAs\); .*can flip sign: allow for one$/);
    assert.deepEqual(selectionCaveats({ error_bound: bound, outcome: { n_linked: 149 }, context: { ...context, collinear_pairs: [] }, settings: { alpha: 0.05 } }), []);
  });
});

describe("the suppression caveat", () => {
  const bound = { q: 1, p: 4, threshold: 0.75, pairs: 500, selected: 0, bounds: [], screened: 4, not_selectable: [] };
  it("names the indicators with values suppressed for a tenth or more of the analysed LAs, and the most", () => {
    const caveats = selectionCaveats({
      error_bound: bound, outcome: { n_linked: 160 }, la_accounting: { analysed: 150 },
      associations: [{ indicator: "a", suppressed_las: 14 }, { indicator: "b", suppressed_las: 15 }, { indicator: "c", suppressed_las: 40 }, { indicator: "d", suppressed_las: 0 }],
    });
    assert.deepEqual(caveats, [
      "2 of the 4 indicators screened have values suppressed (small numbers) for 10% or more of the 150 LAs analysed (most: c, 40 LAs): " +
        "those LAs are left out because their counts are small, not at random, which narrows the range analysed and can pull a correlation toward 0",
    ]);
    assert.deepEqual(selectionCaveats({ error_bound: bound, la_accounting: { analysed: 150 }, associations: [{ indicator: "a", suppressed_las: 14 }] }), []);
    // 14 of 140 analysed is a tenth, though 14 of the 150 linked is not
    assert.equal(selectionCaveats({ error_bound: bound, outcome: { n_linked: 150 }, la_accounting: { analysed: 140 }, associations: [{ indicator: "a", suppressed_las: 14 }] }).length, 1);
  });
});

describe("the suppressed-outcome caveat", () => {
  const bound = { q: 1, p: 4, threshold: 0.75, pairs: 500, selected: 0, bounds: [], screened: 4, not_selectable: [] };
  it("says the outcome itself is suppressed for a tenth or more of the period's LAs, in the terminal and in the report", () => {
    // looked-after children's KS2 results on the official package: 74 of the 153 LAs of 2025 suppressed (DfE c)
    const ks2 = {
      ...RESULTS,
      la_accounting: { analysed: 100, period_las: 153, outcome_suppressed_latest: [{ status: "suppressed:c", las: 74 }] },
      outcome_measure: { label: "KS2 RWM (CLA)", outcome_year: 2025, noise: { code: "ok" } },
    } as unknown as Results;
    const said =
      "the outcome of 2025 is itself suppressed (small numbers) for 74 of the 153 LAs (48%): those LAs are left out of the screen because their cohorts are small, " +
      "not at random, which narrows the range analysed and can pull a correlation toward 0";
    assert.deepEqual(selectionCaveats(ks2), [said]);
    assert.equal(analysisSummaryLines(ks2)[1], `read with care: ${said}`);
    const html = reportHtml({ title: "t", sections: [analysisSummarySection(ks2)], stamp: STAMP });
    assert.match(html, /<strong>Read with care:<\/strong> the outcome of 2025 is itself suppressed \(small numbers\) for 74 of the 153 LAs/);
  });

  it("adds the statuses, is not said under a tenth, and names the latest slot when there is no outcome year", () => {
    const caveat = (byStatus: { status: string; las: number }[], year?: number) =>
      selectionCaveats({ error_bound: bound, la_accounting: { analysed: 100, period_las: 150, outcome_suppressed_latest: byStatus }, ...(year ? { outcome_measure: { outcome_year: year } } : {}) } as never);
    assert.deepEqual(caveat([{ status: "suppressed:c", las: 14 }]), []);
    assert.match(caveat([{ status: "suppressed:c", las: 10 }, { status: "suppressed:low", las: 5 }])[0], /^the outcome in the latest slot is itself suppressed \(small numbers\) for 15 of the 150 LAs \(10%\)/);
    assert.deepEqual(caveat([]), []);
  });
});

describe("with nothing allowed for", () => {
  it("no verdict gloss says context was allowed for, and the report's summary says the screen is unadjusted", () => {
    for (const code of VERDICT_ORDER.filter((c) => c !== "confounded")) assert.doesNotMatch(verdictGloss(code, []), /allowing for|is allowed for|are allowed for/, code);
    assert.equal(verdictGloss("weak", []), "no clear link with the outcome, unadjusted (nothing was allowed for)");
    assert.match(verdictGloss("selected", []), /^qualifies: goes with the outcome, unadjusted \(nothing was allowed for\), in enough resamples of LAs \(stability selection: .*steady enough from year to year \(by default: a value for 60% of LAs or more, a year-to-year r of 0\.5 or more\)$/);
    assert.match(verdictGloss("not-testable", []), /^its link with the outcome, unadjusted \(nothing was allowed for\), could not be computed/);
    const none = { ...RESULTS, context: { variables: [] } } as unknown as Results;
    const html = reportHtml({ title: "t", sections: [analysisSummarySection(none)], stamp: STAMP });
    assert.match(html, /Nothing was allowed for \(no context variable\)\. An indicator qualifies when it goes with the grade \(unadjusted\), is selected/);
    assert.doesNotMatch(html, /after allowing for|once context/);
  });
});

test("the summary gives each vital sign's framework role and says when one is itself an outcome for children (audit, round 25)", () => {
  const r = { ...RESULTS, vital_signs: RESULTS.vital_signs } as unknown as Results;
  const selected = r.vital_signs.filter((v) => v.selected).map((v) => v.indicator);
  const catalogue = selected.map((indicator, k) => ({ indicator, label: indicator, framework_role: k === 0 ? "child-outcome" : "practice" }));
  const section = analysisSummarySection(r, catalogue as never);
  const table = section.blocks.find((b) => b.type === "table") as unknown as { rows: { role: string }[] };
  assert.deepEqual(table.rows.map((x) => x.role), ["child outcome", ...selected.slice(1).map(() => "practice")]);
  const label = r.associations.find((a) => a.indicator === selected[0])?.label ?? selected[0];
  assert.ok(section.blocks.some((b) => b.type === "text" && (b as { markdown: string }).markdown === `${label} is itself an outcome for children (framework role child outcome): it goes with the grade as one result of a service goes with another, not as a lever of practice.`));
  // without roles in the catalogue: a dash, and no such sentence
  const bare = analysisSummarySection(r);
  assert.ok((bare.blocks.find((b) => b.type === "table") as unknown as { rows: { role: string }[] }).rows.every((x) => x.role === "–"));
  assert.ok(!bare.blocks.some((b) => b.type === "text" && /is itself an outcome/.test((b as { markdown: string }).markdown)));
});

test("the summary's LA count says how many of the linked LAs were analysed, and how many more through an earlier year (user trial, round 26)", () => {
  const intro = (acc: object | undefined, measure?: object) =>
    (analysisSummarySection({ ...RESULTS, outcome: { ...RESULTS.outcome, n_linked: 153, n_las: 153 }, la_accounting: acc, ...(measure ? { outcome_measure: measure } : {}) } as unknown as Results).blocks[0] as { markdown: string }).markdown;
  assert.match(intro({ linked: 153, analysed: 149, earlier_slots_only: [] }), /\(153 of 153 LAs with a grade; 149 of them analysed, as Data and link rule says\)/);
  assert.match(intro({ linked: 153, analysed: 153, earlier_slots_only: [] }), /\(153 of 153 LAs with a grade\)/);
  const earlier = Array.from({ length: 24 }, (_, i) => ({ la_code: `E0${i}`, la_name: `LA ${i}` }));
  assert.match(intro({ linked: 153, analysed: 176, earlier_slots_only: earlier }), /LAs with a grade; 152 of them analysed, as Data and link rule says; 24 more analysed through an earlier judgement\)/);
  // results written before la_accounting: as before
  assert.match(intro(undefined), /\(153 of 153 LAs with a grade\)/);
});
