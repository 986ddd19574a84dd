import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as aq from "arquero";
import { describeLinkRule, linkOutcomeRounds, linkOutcomes, outcomeLowerIsBetter, periodBeforeDate } from "../../lib/context/link";

const rows = Object.freeze([
  { la_code: "A", outcome: "ofsted_sif_overall", value: 3, label: "Requires improvement", date: "2014-06-01", period: null },
  { la_code: "A", outcome: "ofsted_sif_overall", value: 2, label: "Good", date: "2017-05-01", period: null },
  { la_code: "B", outcome: "ofsted_sif_overall", value: 4, label: "Inadequate", date: "2016-04-02", period: null },
  { la_code: "C", outcome: "ofsted_sif_overall", value: 1, label: "Outstanding", date: "2016-03-31", period: 2015 },
  { la_code: "C", outcome: "ofsted_ilacs_overall", value: 2, label: "Good", date: "2019-01-01", period: null },
  { la_code: "D", outcome: "ofsted_sif_overall", value: null, label: "", date: "2015-01-01", period: null },
]);
const table = aq.from(rows.map((r) => ({ ...r })));

describe("linkOutcomes", () => {
  test("first-on-or-before keeps an LA only when its FIRST judgement is by the date (the 2016 study's rule)", () => {
    const l = linkOutcomes(table, ["A", "B", "C", "D", "E"], { kind: "first-on-or-before", outcome: "ofsted_sif_overall", date: "2016-03-31" });
    assert.deepEqual(Array.from(l.values), [3, NaN, 1, NaN, NaN]);
    assert.equal(l.n, 2);
    assert.match(l.description, /first ofsted_sif_overall judgement, kept only if published on or before 2016-03-31/);
    assert.deepEqual(l.distribution, [{ value: 1, label: "Outstanding", count: 1 }, { value: 3, label: "Requires improvement", count: 1 }]);
  });

  test("the grade distribution is labelled by the grade's words, not by one LA's inspection the importer noted in its label", () => {
    const judged = aq.from([
      { la_code: "A", outcome: "ofsted_ilacs_overall", value: 2, label: "Good [ILACS Standard Inspection; inspected 2022-10-10]", date: "2022-11-01", period: 2022 },
      { la_code: "B", outcome: "ofsted_ilacs_overall", value: 2, label: "Good [ILACS Short Inspection; inspected 2023-01-09]", date: "2023-02-01", period: 2022 },
      { la_code: "C", outcome: "ofsted_ilacs_overall", value: 3, label: "Requires improvement to be good [ILACS Standard Inspection; inspected 2022-05-03]", date: "2022-06-01", period: 2022 },
      { la_code: "D", outcome: "ofsted_ilacs_overall", value: 3, label: "Requires improvement", date: "2022-06-01", period: 2022 },
      { la_code: "E", outcome: "ofsted_ilacs_overall", value: 3, label: "Requires improvement to be good", date: "2022-06-01", period: 2022 },
    ]);
    const l = linkOutcomes(judged, ["A", "B", "C", "D", "E"], { kind: "latest-on-or-before", outcome: "ofsted_ilacs_overall", date: "2024-03-31" });
    assert.deepEqual(l.distribution, [{ value: 2, label: "Good", count: 2 }, { value: 3, label: "Requires improvement to be good", count: 3 }]);
  });

  test("latest-on-or-before takes the most recent judgement by the date", () => {
    const l = linkOutcomes(table, ["A", "B"], { kind: "latest-on-or-before", outcome: "ofsted_sif_overall", date: "2018-01-01" });
    assert.deepEqual(Array.from(l.values), [2, 4]);
    assert.deepEqual(l.linked.map((x) => x.date), ["2017-05-01", "2016-04-02"]);
  });

  test("published-within uses an inclusive window and other outcomes are ignored", () => {
    const l = linkOutcomes(table, ["A", "B", "C"], { kind: "published-within", outcome: "ofsted_sif_overall", from: "2016-03-31", to: "2016-04-02" });
    assert.deepEqual(Array.from(l.values), [NaN, 4, 1]);
  });

  test("attached-period uses the package's period column; the attached period falls back to the date rule", () => {
    const l = linkOutcomes(table, ["C", "A"], { kind: "attached-period", outcome: "ofsted_sif_overall", period: 2015 });
    assert.deepEqual(Array.from(l.values), [1, NaN]);
    const latest = linkOutcomes(table, ["A"], { kind: "latest-on-or-before", outcome: "ofsted_sif_overall", date: "2020-01-01" });
    assert.equal(latest.linked[0].period, 2017);
  });

  test("earlier rounds take the judgement before the previous round's", () => {
    const [r0, r1] = linkOutcomeRounds(table, ["A", "B"], { kind: "latest-on-or-before", outcome: "ofsted_sif_overall", date: "2020-01-01" }, 2);
    assert.deepEqual(Array.from(r0.values), [2, 4]);
    assert.deepEqual(Array.from(r1.values), [3, NaN]);
  });

  test("impossible rules are typed errors", () => {
    assert.throws(() => linkOutcomes(table, ["A"], { kind: "latest-on-or-before", outcome: "x", date: "31/03/2016" }), /rule.date must be an ISO date/);
    assert.throws(() => linkOutcomes(table, ["A"], { kind: "published-within", outcome: "x", from: "2017-01-01", to: "2016-01-01" }), /must not be after/);
    assert.throws(() => describeLinkRule({ kind: "attached-period", outcome: "", period: 2015 }), /non-empty outcome/);
  });

  test("the input table is not modified", () => {
    linkOutcomes(table, ["A"], { kind: "first-on-or-before", outcome: "ofsted_sif_overall", date: "2016-03-31" });
    assert.equal(table.numRows(), rows.length);
    assert.deepEqual(table.array("value"), rows.map((r) => r.value));
  });
});

describe("periodBeforeDate and outcome orientation", () => {
  test("a judgement belongs to the year ending 31 March on or before it", () => {
    assert.equal(periodBeforeDate("2016-03-31"), 2016);
    assert.equal(periodBeforeDate("2016-03-30"), 2015);
    assert.equal(periodBeforeDate("2017-06-15"), 2017);
    assert.ok(Number.isNaN(periodBeforeDate("")));
  });
  test("Ofsted grades are lower-is-better", () => {
    assert.equal(outcomeLowerIsBetter("ofsted_sif_overall"), true);
    assert.equal(outcomeLowerIsBetter("care_leavers_eet"), false);
  });
});
