import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../../lib/errors";
import { CIN_EXACT_COPY_RULE, CinChildRepeats } from "../../lib/returns/cin-repeated-children";
import { importReturns } from "../../lib/returns/import-returns";
import { TEST_KEY, cinXml, tempDir } from "./helpers";

const LA = "E09000001";

const ref = (date: string, inner = "") => `<CINreferralDate>${date}</CINreferralDate><ReferralNFA>0</ReferralNFA>${inner}`;
const assessment = (start: string, authorised: string) =>
  `<Assessments><AssessmentActualStartDate>${start}</AssessmentActualStartDate><AssessmentAuthorisationDate>${authorised}</AssessmentAuthorisationDate></Assessments>`;
const plan = (start: string, previous: string) => `<ChildProtectionPlans><CPPstartDate>${start}</CPPstartDate><NumberOfPreviousCPP>${previous}</NumberOfPreviousCPP></ChildProtectionPlans>`;

/** Child k: a referral with an assessment (late for odd k) and a plan (a second plan for k divisible by 3). */
function child(k: number): { id: string; details: string[] } {
  const authorised = k % 2 === 1 ? "2023-09-01" : "2023-05-20";
  return { id: `C${k}`, details: [ref("2023-05-01", assessment("2023-05-02", authorised) + plan("2023-06-01", k % 3 === 0 ? "1" : "0"))] };
}

const children = (n: number) => Array.from({ length: n }, (_, k) => child(k + 1));

/** Import a folder with one census of 2023-24 holding `kids`; the result or the refusal. */
function importCensus(kids: { id: string; details: string[] }[]) {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, LA, "2024"), { recursive: true });
  fs.writeFileSync(path.join(dir, LA, "2024", "cin_census.xml"), cinXml(2024, kids));
  try {
    return importReturns(dir, { key: TEST_KEY, threshold: 1 });
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
}

const fractions = (r: ReturnType<typeof importReturns>) =>
  Object.fromEntries(r.indicators.filter((i) => i.indicator !== "cin_referrals_rate_per_10k").map((i) => [i.indicator, [i.numerator, i.denominator]]));

test("a census with some Child elements appended again counts each child once, and says so (round-27 trial S1-8)", () => {
  const once = importCensus(children(30));
  const repeated = importCensus([...children(30), ...children(12)]);
  assert.ok(!(once instanceof DataError) && !(repeated instanceof DataError));
  // assessments and plans had been counted twice: cpp_second_time_pct 10/42 for 10/30 (the 4 repeated second plans counted too)
  assert.deepEqual(fractions(repeated), fractions(once));
  assert.deepEqual(fractions(once).cpp_second_time_pct, [10, 30]);
  const dropped = repeated.log.entries().filter((e) => e.action === "dropped");
  assert.deepEqual(
    dropped.map((e) => [e.row, e.column, e.rule, e.detail]),
    Array.from({ length: 12 }, (_, k) => [31 + k, "Child", CIN_EXACT_COPY_RULE, `a copy of Child element ${k + 1}`]),
  );
  assert.deepEqual(repeated.log.notices.map((n) => n.rule), [
    "Child elements that are exact copies of an earlier one (the same LAchildID, referrals, assessments and plans) read once (the import log counts them): each child is counted once",
  ]);
  assert.deepEqual(once.log.notices, []);
});

test("a child in two different Child elements refuses the census, naming both positions and never the id", () => {
  const kids = children(30);
  kids.push({ id: "C4", details: [ref("2023-07-01")] });
  const refused = importCensus(kids);
  assert.ok(refused instanceof DataError);
  assert.equal(refused.row, 31);
  assert.equal(refused.column, "LAchildID");
  assert.equal(refused.value, "Child element 31 has the LAchildID of Child element 4, with other referrals, assessments or plans (the id is not shown)");
  assert.match(refused.expected, /^each child in one Child element \(DfE's CIN census validation: a child is listed once\): which of the two is the child's cannot be told/);
  assert.doesNotMatch(refused.message, /C4/);
});

test("many children in two different Child elements refuse the census as two exports mixed (the SSDA903 bound: more than 5% and 5 or more)", () => {
  const kids = children(60);
  // 4 of 64: fewer than 5, refused as a child listed twice; 6 of 66 (9.09%, shown 9%), as two exports mixed
  const other = (k: number) => ({ id: `C${k}`, details: [ref("2023-08-01")] });
  const few = importCensus([...kids, ...[1, 2, 3, 4].map(other)]);
  const many = importCensus([...kids, ...[1, 2, 3, 4, 5, 6].map(other)]);
  assert.ok(few instanceof DataError && many instanceof DataError);
  assert.equal(few.value, "Child element 61 has the LAchildID of Child element 1, with other referrals, assessments or plans (the id is not shown) (and 3 more Child element(s) repeating an earlier one's LAchildID with other content)");
  assert.match(few.expected, /which of the two is the child's cannot be told/);
  assert.equal(many.row, 61);
  assert.match(many.expected, /: 9% of its Child elements repeat an earlier one's LAchildID with other content \(more than 5%, and 5 or more\), so the census probably mixes two exports/);
});

test("the same children in two census files of a year are still read once, with nothing said (the files are compared apart)", () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, LA, "2024"), { recursive: true });
  fs.writeFileSync(path.join(dir, LA, "2024", "cin_census.xml"), cinXml(2024, children(30)));
  fs.writeFileSync(path.join(dir, LA, "2024", "cin_census_part.xml"), cinXml(2024, children(12)));
  const both = importReturns(dir, { key: TEST_KEY, threshold: 1 });
  const once = importCensus(children(30));
  assert.ok(!(once instanceof DataError));
  assert.deepEqual(fractions(both), fractions(once));
  assert.equal(both.log.entries().filter((e) => e.rule === CIN_EXACT_COPY_RULE).length, 0);
});

test("a repeat with the same dates in other places (a plan moved to another referral, a date moved to another element) is not taken for a copy", () => {
  const plan = { start: "2023-06-01", end: "", previous: "0" };
  const referral = (plans: (typeof plan)[]) => ({ referral: "2023-05-01", closure: "", nfa: "0", assessments: [], plans });
  const cases = [
    [[referral([plan]), referral([])], [referral([]), referral([plan])]],
    [[{ ...referral([]), closure: "2023-07-01" }], [{ ...referral([]), nfa: "2023-07-01" }]],
    [[{ ...referral([]), closure: "2023-07-0", nfa: "1" }], [{ ...referral([]), closure: "2023-07-", nfa: "01" }]],
  ];
  for (const [first, second] of cases) {
    const repeats = new CinChildRepeats("cin.xml");
    assert.deepEqual(repeats.see(7, { childNo: 1, details: first, bornAfterCensus: "" }), { kind: "first" });
    assert.deepEqual(repeats.see(7, { childNo: 2, details: first, bornAfterCensus: "" }), { kind: "copy", of: 1 });
    assert.deepEqual(repeats.see(7, { childNo: 3, details: second, bornAfterCensus: "" }), { kind: "differs", of: 1 });
  }
});
