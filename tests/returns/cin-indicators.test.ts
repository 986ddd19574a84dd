import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { workingDaysBetween } from "../../lib/returns/bank-holidays";
import { cinCounts } from "../../lib/returns/cin-indicators";
import { parseIsoDate } from "../../lib/returns/dates";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { importReturns } from "../../lib/returns/import-returns";
import { latestCinRecords, readCinFile, type CinLaData } from "../../lib/returns/read-cin";
import { DataError } from "../../lib/errors";
import { TEST_KEY, cinXml, tempDir } from "./helpers";

const LA = "E09000001";

function readXml(xml: string, year = 2024): { data: CinLaData; log: ReturnsImportLog } {
  const dir = tempDir();
  const file = path.join(dir, "cin.xml");
  fs.writeFileSync(file, xml);
  const data: CinLaData = { la: LA, years: [year], referrals: [], assessments: [], plans: [] };
  const log = new ReturnsImportLog();
  readCinFile({ path: file, name: "cin.xml", la: LA, year }, TEST_KEY, data, log);
  return { data, log };
}
const ref = (date: string, extra = "") => `<CINreferralDate>${date}</CINreferralDate><ReferralNFA>0</ReferralNFA>${extra}`;
const get = (data: CinLaData, year: number, id: string) => cinCounts(data, year).find((c) => c.indicator === id)!;

test("a re-referral on day 365 counts, on day 366 it does not (also across 29 February)", () => {
  const { data } = readXml(
    cinXml(2024, [
      { id: "D365", details: [ref("2022-06-01", "<CINclosureDate>2022-07-01</CINclosureDate>"), ref("2023-06-01")] }, // 365 days
      { id: "D366", details: [ref("2022-06-01", "<CINclosureDate>2022-07-01</CINclosureDate>"), ref("2023-06-02")] }, // 366 days
      { id: "LEAP365", details: [ref("2023-03-01", "<CINclosureDate>2023-04-01</CINclosureDate>"), ref("2024-02-29")] }, // 365 days
      { id: "LEAP366", details: [ref("2023-03-01", "<CINclosureDate>2023-04-01</CINclosureDate>"), ref("2024-03-01")] }, // 366 days
    ]),
  );
  assert.equal(parseIsoDate("2023-06-01")! - parseIsoDate("2022-06-01")!, 365);
  assert.equal(parseIsoDate("2024-02-29")! - parseIsoDate("2023-03-01")!, 365);
  const c = get(data, 2024, "cin_rereferral_pct");
  assert.deepEqual([c.numerator, c.denominator], [2, 4]);
  assert.equal(c.flag, "low-reliability:history"); // no 2023 census given
});

test("an assessment completed on the 45th working day across bank holidays is within 45 working days; a day later is not", () => {
  // Start Monday 3 April 2023; Good Friday 7 April, Easter Monday 10 April, 1 May, the coronation 8 May and
  // 29 May are bank holidays: the 45th working day after the start is Monday 12 June 2023 (counted by hand).
  assert.equal(workingDaysBetween(parseIsoDate("2023-04-03")!, parseIsoDate("2023-06-12")!), 45);
  assert.equal(workingDaysBetween(parseIsoDate("2023-04-03")!, parseIsoDate("2023-06-13")!), 46);
  assert.equal(workingDaysBetween(parseIsoDate("2023-04-03")!, parseIsoDate("2023-04-03")!), 0);
  const a = (start: string, end: string) =>
    `<Assessments><AssessmentActualStartDate>${start}</AssessmentActualStartDate><AssessmentAuthorisationDate>${end}</AssessmentAuthorisationDate></Assessments>`;
  const { data } = readXml(
    cinXml(2024, [
      { id: "IN", details: [ref("2023-04-03", a("2023-04-03", "2023-06-12"))] },
      { id: "OUT", details: [ref("2023-04-03", a("2023-04-03", "2023-06-13"))] },
      { id: "OPEN", details: [ref("2023-04-03", a("2024-03-20", ""))] },
    ]),
  );
  const c = get(data, 2024, "lait_continue_assess_comp");
  assert.deepEqual([c.numerator, c.denominator], [1, 2]);
});

test("working days outside the bank-holiday table's years are an error, not a guess", () => {
  assert.throws(() => workingDaysBetween(parseIsoDate("2010-12-01")!, parseIsoDate("2011-01-10")!), /2011–2027/);
  const a = `<Assessments><AssessmentActualStartDate>2010-12-01</AssessmentActualStartDate><AssessmentAuthorisationDate>2011-01-10</AssessmentAuthorisationDate></Assessments>`;
  assert.throws(
    () => readXml(cinXml(2011, [{ id: "X", details: [ref("2010-11-01", a)] }]), 2011),
    (e: unknown) => e instanceof DataError && e.file === "cin.xml" && e.row === 1 && e.column === "AssessmentActualStartDate",
  );
});

test("a census date outside the bank-holiday table's years is named by its year in the error, never whole (dates are withheld, as in the log)", () => {
  const a = `<Assessments><AssessmentActualStartDate>2010-12-01</AssessmentActualStartDate><AssessmentAuthorisationDate>2011-01-10</AssessmentAuthorisationDate></Assessments>`;
  assert.throws(() => readXml(cinXml(2011, [{ id: "X", details: [ref("2010-11-01", a)] }]), 2011), (e: unknown) => e instanceof DataError && e.message.includes('got "a date in 2010"') && !/2010-1[12]|2011-01/.test(e.message));
  // the counting step's own guard (assessments that reached it from elsewhere), years alone too
  const data: CinLaData = { la: "E09000001", years: [2011], referrals: [], assessments: [{ child: "c", childKey: 0, start: parseIsoDate("2010-12-01")!, authorised: parseIsoDate("2011-01-10")! }], plans: [] };
  assert.throws(() => cinCounts(data, 2011), (e: unknown) => e instanceof DataError && e.message.includes('got "dates in 2010 → 2011"') && !/2010-12|2011-01/.test(e.message));
});

test("second or subsequent plans: NumberOfPreviousCPP ≥ 1, or an earlier plan of the child in the files", () => {
  const plan = (start: string, prev: string, end = "") =>
    `<ChildProtectionPlans><CPPstartDate>${start}</CPPstartDate>${end ? `<CPPendDate>${end}</CPPendDate>` : ""}<NumberOfPreviousCPP>${prev}</NumberOfPreviousCPP></ChildProtectionPlans>`;
  const { data } = readXml(
    cinXml(2024, [
      { id: "FIRST", details: [ref("2023-05-01", plan("2023-06-01", "0"))] },
      { id: "SAID", details: [ref("2023-05-01", plan("2023-06-01", "2"))] },
      { id: "SEEN", details: [ref("2021-05-01", plan("2021-06-01", "0", "2022-01-01")), ref("2023-05-01", plan("2023-06-01", "0"))] },
    ]),
  );
  const c = get(data, 2024, "cpp_second_time_pct");
  assert.deepEqual([c.numerator, c.denominator], [2, 3]);
});

test("children in need at 31 March: open referrals; one closed on 31 March is not open", () => {
  const { data } = readXml(
    cinXml(2024, [
      { id: "OPEN", details: [ref("2023-05-01")] },
      { id: "CLOSED31", details: [ref("2023-05-01", "<CINclosureDate>2024-03-31</CINclosureDate>")] },
      { id: "LATER", details: [ref("2024-04-02")] },
    ]),
  );
  assert.equal(get(data, 2024, "cin_31mar_count").numerator, 1);
  assert.equal(get(data, 2024, "cin_referrals_count").numerator, 2);
});

test("bad dates drop the referral with file, child position, element and a withheld value", () => {
  const { data, log } = readXml(cinXml(2024, [{ id: "A", details: [ref("2023-02-30")] }, { id: "", details: [ref("2023-05-01")] }]));
  assert.equal(data.referrals.length, 0);
  const dropped = log.entries().filter((e) => e.action === "dropped");
  assert.deepEqual(dropped.map((e) => [e.file, e.row, e.column, e.value]), [
    ["cin.xml", 1, "CINreferralDate", "(withheld)"],
    ["cin.xml", 2, "LAchildID", ""],
  ]);
});

test("malformed XML is a DataError naming the file", () => {
  assert.throws(() => readXml("<Message><Children><Child></Children></Message>"), (e: unknown) => e instanceof DataError && e.file === "cin.xml");
  assert.throws(() => readXml('<!DOCTYPE x [<!ENTITY a "b">]><Message/>'), /DOCTYPE/);
  assert.throws(() => readXml("<Message><Children>"), /closing tag/);
});

/**
 * Two census years of one LA with children drawn from a small pool (so a child recurs across years, and has several
 * referrals within one: in one Child element, as a census lists a child once; cin-repeated-children).
 */
function randomCensuses(seed: number): string[] {
  let state = seed;
  const next = (n: number) => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const day = (year: number) => `${year}-${String(1 + next(12)).padStart(2, "0")}-${String(1 + next(28)).padStart(2, "0")}`;
  return [2023, 2024].map((year) => {
    const children = Array.from({ length: 1 + next(40) }, () => {
      const referral = day(year - 1 + next(2));
      const closed = next(3) === 0 ? `<CINclosureDate>${day(year)}</CINclosureDate>` : "";
      const plan = next(3) === 0 ? `<ChildProtectionPlans><CPPstartDate>${referral}</CPPstartDate><NumberOfPreviousCPP>${next(2)}</NumberOfPreviousCPP></ChildProtectionPlans>` : "";
      const assessment = `<Assessments><AssessmentActualStartDate>${referral}</AssessmentActualStartDate><AssessmentAuthorisationDate>${day(year)}</AssessmentAuthorisationDate></Assessments>`;
      return { id: next(5) === 0 ? `Zoë-${next(9)}` : `N${next(25)}`, details: [ref(referral, closed + assessment + plan)] };
    });
    const byId = new Map<string, string[]>();
    for (const c of children) byId.set(c.id, [...(byId.get(c.id) ?? []), ...c.details]);
    return cinXml(year, [...byId].map(([id, details]) => ({ id, details })));
  });
}

test("cinCounts gives the same counts by the reader's child numbers as by pseudonyms alone, over years read into one LA", () => {
  for (let seed = 1; seed <= 60; seed++) {
    const dir = tempDir();
    const data: CinLaData = { la: LA, years: [2023, 2024], referrals: [], assessments: [], plans: [] };
    const log = new ReturnsImportLog();
    randomCensuses(seed).forEach((xml, k) => {
      const file = path.join(dir, `cin${k}.xml`);
      fs.writeFileSync(file, xml);
      readCinFile({ path: file, name: `cin${k}.xml`, la: LA, year: 2023 + k }, TEST_KEY, data, log);
    });
    const records = [...data.referrals, ...data.assessments, ...data.plans];
    const keyOf = new Map(records.map((r) => [r.child, r.childKey]));
    const childOf = new Map(records.map((r) => [r.childKey, r.child]));
    for (const r of records) assert.ok(r.childKey !== undefined && keyOf.get(r.child) === r.childKey && childOf.get(r.childKey) === r.child, `seed ${seed}: one number per child`);
    const merged = latestCinRecords(data);
    const unkeyed: CinLaData = {
      ...merged,
      childKeys: undefined,
      referrals: merged.referrals.map(({ childKey: _, ...r }) => r),
      assessments: merged.assessments.map(({ childKey: _, ...a }) => a),
      plans: merged.plans.map(({ childKey: _, ...p }) => p),
    };
    for (const year of [2023, 2024]) assert.deepEqual(cinCounts(merged, year), cinCounts(unkeyed, year), `seed ${seed}, ${year}`);
  }
});

test("records of two reads put together by hand are told apart by pseudonym, not by the readers' numbers (each read numbers from 0)", () => {
  const dir = tempDir();
  const read = (k: number): CinLaData => {
    const data: CinLaData = { la: LA, years: [2023], referrals: [], assessments: [], plans: [] };
    const file = path.join(dir, `alone${k}.xml`);
    fs.writeFileSync(file, randomCensuses(100 + k)[0]);
    readCinFile({ path: file, name: `alone${k}.xml`, la: LA, year: 2023 }, TEST_KEY, data, new ReturnsImportLog());
    return data;
  };
  const [a, b] = [read(1), read(2)];
  const together: CinLaData = { la: LA, years: [2023], referrals: [...a.referrals, ...b.referrals], assessments: [...a.assessments, ...b.assessments], plans: [...a.plans, ...b.plans] };
  const unkeyed: CinLaData = {
    ...together,
    referrals: together.referrals.map(({ childKey: _, ...r }) => r),
    assessments: together.assessments.map(({ childKey: _, ...x }) => x),
    plans: together.plans.map(({ childKey: _, ...p }) => p),
  };
  // the two reads gave different children the same numbers (else this test could not tell the two ways apart)
  const children = new Map<number, string>();
  const clash = together.referrals.some((r) => children.get(r.childKey as number) !== (children.get(r.childKey as number) ?? (children.set(r.childKey as number, r.child), r.child)));
  assert.ok(clash, "the two reads share no number: make them larger");
  assert.deepEqual(cinCounts(together, 2023), cinCounts(unkeyed, 2023));
});

test("a referral without a valid date leaves the referral-based counts but keeps its assessments and plans, and the log says so", () => {
  const assessment = (start: string, authorised: string) =>
    `<Assessments><AssessmentActualStartDate>${start}</AssessmentActualStartDate><AssessmentAuthorisationDate>${authorised}</AssessmentAuthorisationDate></Assessments>`;
  const plan = (start: string, previous: string) => `<ChildProtectionPlans><CPPstartDate>${start}</CPPstartDate><NumberOfPreviousCPP>${previous}</NumberOfPreviousCPP></ChildProtectionPlans>`;
  const { data, log } = readXml(
    cinXml(2023, [
      // A: assessment 02/05/2022 → 30/08/2022 (83 working days: late), a first plan
      { id: "A", details: [ref("2022-05-01", assessment("2022-05-02", "2022-08-30") + plan("2022-09-01", "0"))] },
      // B: no referral date; assessment 01/06/2022 → 20/06/2022 (11 working days: 2 and 3 June were bank holidays), a second plan
      { id: "B", details: [`<ReferralNFA>0</ReferralNFA>${assessment("2022-06-01", "2022-06-20")}${plan("2022-07-01", "1")}`] },
    ]),
    2023,
  );
  const fraction = (id: string) => [get(data, 2023, id).numerator, get(data, 2023, id).denominator];
  assert.deepEqual(fraction("lait_continue_assess_comp"), [1, 2]);
  assert.deepEqual(fraction("cpp_second_time_pct"), [1, 2]);
  assert.deepEqual(fraction("cin_rereferral_pct"), [0, 1]);
  assert.equal(get(data, 2023, "cin_31mar_count").numerator, 1);
  const dropped = log.entries().filter((e) => e.action === "dropped");
  assert.deepEqual(dropped.map((e) => [e.row, e.column, e.rule, e.detail]), [
    [2, "CINreferralDate", "referral without a valid referral date", "its 1 assessment(s) and 1 plan(s) are kept (their own dates decide assessment timeliness and second-time plans); the referral-based counts leave it out"],
  ]);
});

test("a missing census year splits the years into runs counted apart: a referral open in the earlier census does not stay open across the gap", () => {
  const dir = tempDir();
  const write = (year: number, children: { id: string; details: string[] }[]) => {
    fs.mkdirSync(path.join(dir, LA, String(year)), { recursive: true });
    fs.writeFileSync(path.join(dir, LA, String(year), "cin.xml"), cinXml(year, children));
  };
  // P: referred 01/06/2021, open at 31 March 2022, closed in 2022-23 (whose census is missing); Q: referred 01/05/2023
  write(2022, [{ id: "P", details: [ref("2021-06-01")] }]);
  write(2024, [{ id: "Q", details: [ref("2023-05-01")] }]);
  const result = importReturns(dir, { key: TEST_KEY, population: new Map([[`${LA}|2022`, 1000], [`${LA}|2024`, 1000]]), threshold: 1 });
  const atMarch = result.indicators.filter((r) => r.indicator === "cin_rate_per_10k").map((r) => [r.period, r.numerator]);
  assert.deepEqual(atMarch, [[2022, 1], [2024, 1]]); // merged across the gap, 2024 had P too
  assert.deepEqual(result.log.notices.map((n) => [n.file, n.rule]), [[LA, "CIN census missing for 2022-23: years up to 2021-22 and from 2023-24 are counted apart"]]);
});
