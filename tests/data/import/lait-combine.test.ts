/**
 * combineLait (rows held by index, typed-array slots) gives what it gave when it made a row object per LAIT
 * row (tests/data/import/lait-combine-before.ts, the code as it was): the same fills, LAIT-only rows,
 * catalogue, cross-checks and log entries, on random LAIT values against random EES/SFR rows (duplicates,
 * unmapped years, England and unknown LA numbers, two LA numbers of one LA, colliding LAIT ids, missing and
 * out-of-range values, EES rows that agree, disagree or are missing).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { buildAreas } from "../../../lib/data/import/areas";
import { ImportLog } from "../../../lib/data/import/import-log";
import { combineLait, joined, laitBenchmarkPlace } from "../../../lib/data/import/lait-combine";
import { laitPeriod, type LaitMeasure, type LaitValues } from "../../../lib/data/import/lait-parquet";
import { EesByPlace, EES_NONE, EES_NULL, EES_VALUE, LaitPlaces, NumberSet, RowList } from "../../../lib/data/import/lait-places";
import type { IndicatorRow } from "../../../lib/data/types";
import { combineLaitBefore } from "./lait-combine-before";

const AREAS = buildAreas(
  [
    "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note",
    "201,E09000001,City of London,E12000007,London,2010,2025,",
    "202,E09000002,Barking and Dagenham,E12000007,London,2010,2025,",
    "301,E06000001,Hartlepool,E12000001,North East,2010,2025,",
    "302,E06000001,Hartlepool,E12000001,North East,2005,2009,an older number of the same LA",
  ].join("\n"),
  "lookup.csv",
);
const LA_OF_NUMBER: Record<string, string> = { "201": "E09000001", "202": "E09000002", "301": "E06000001", "302": "E06000001" };

const measure = (code: string, topic: string, yAxis: string, yearType = "Financial Year"): LaitMeasure => ({ code, topic, measure: `${code} measure`, polarity: "up", yAxis, description: `${code}  described`, yearType });
const DICTIONARY = new Map<string, LaitMeasure>(
  [
    measure("ReReferral", "Child Protection", "% of referrals"), // cin_rereferral_pct
    measure("CPP_Total_Rateper10,000", "Contextual", "Rate per 10,000"), // mapped, outside the CSC topics
    measure("Stability_School", "Children Looked After", "Percent", "Annual (end of Sept)"),
    measure("CIN_Rate", "Children in Need", "Rate per 10,000"),
    measure("A%", "Children Looked After", "%"), // lait_a_pct, as A_pct's
    measure("A_pct", "Adoption", "Proportion"),
    measure("Caseload", "Children's Services Workforce", "Average caseload", "Annual (end of Sept)"),
    measure("Cost", "Children in Need", "Unit cost"), // no unit of ours: dropped
    measure("KS2", "Education", "%"), // outside the CSC topics
  ].map((m) => [m.code, m]),
);
const CODES = [...DICTIONARY.keys(), "Mystery"]; // Mystery: not in the dictionary
const YEARS = ["2016", "2017", "2016-17", "2016-17 (OT)", "2014-16", "2018 (Rev)", "2019-20"];
const LA_NUMBERS = ["201", "202", "301", "302", "999", "", "E92", "982", "986"];
const LA_NAMES = ["City of London", "Barking and Dagenham", "Hartlepool", "Hartlepool (old)", "Nowhere", "England", "North East", "Yorkshire and the Humber", "London"];
const STATUS = ["", "not-available:-"];
const OURS: Record<string, string> = { ReReferral: "cin_rereferral_pct", "CPP_Total_Rateper10,000": "cin_referrals_rate_per_10k", Stability_School: "cla_school_midyear_moves_pct" };

const laitRow = fc.record({
  code: fc.nat(CODES.length - 1),
  year: fc.nat(YEARS.length - 1),
  la: fc.nat(LA_NUMBERS.length - 1),
  value: fc.oneof(fc.constant(Number.NaN), fc.integer({ min: -20, max: 240 }).map((v) => v / 2)),
  // an EES/SFR row of the same LA-year: none, the same value, a near one, a far one, a missing one
  echo: fc.constantFrom("none", "none", "same", "same", "same", "near", "far", "null"),
});
const eesRow = fc.record({
  indicator: fc.constantFrom(...Object.values(OURS), "cla_count"),
  la: fc.constantFrom("E09000001", "E09000002", "E06000001", "E99999999"),
  period: fc.constantFrom(2015, 2016, 2017, 2018, 2020, 2017.5),
  value: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 120 })),
});

function laitValues(rows: { code: number; year: number; la: number; value: number }[]): LaitValues {
  const column = (texts: string[], of: (r: (typeof rows)[number]) => number) => ({ of: Int32Array.from(rows, of), texts });
  return {
    length: rows.length,
    code: column(CODES, (r) => r.code),
    years: column(YEARS, (r) => r.year),
    laNumber: column(LA_NUMBERS, (r) => r.la),
    laName: column(LA_NAMES, (r) => r.la),
    status: column(STATUS, (r) => (Number.isNaN(r.value) ? 1 : 0)),
    value: Float64Array.from(rows, (r) => r.value),
    row: Int32Array.from(rows, (_, i) => i + 1),
  };
}

type LaitRow = typeof laitRow extends fc.Arbitrary<infer T> ? T : never;

/** EES rows echoing LAIT rows of mapped measures (so some series agree enough to fill), then the random ones. */
function existingRows(lait: LaitRow[], random: IndicatorRow[]): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  for (const r of lait) {
    const ours = OURS[CODES[r.code]];
    const la = LA_OF_NUMBER[LA_NUMBERS[r.la]];
    if (ours === undefined || la === undefined || r.echo === "none") continue;
    const period = laitPeriod(YEARS[r.year], (DICTIONARY.get(CODES[r.code]) as LaitMeasure).yearType);
    if (period === undefined) continue;
    const base = Number.isNaN(r.value) ? 50 : r.value;
    const value = r.echo === "null" ? null : r.echo === "same" ? base : r.echo === "near" ? base + 0.4 : base + 7;
    out.push({ la_code: la, period, indicator: ours, value, numerator: null, denominator: null, status: "" });
  }
  return out.concat(random);
}

test("combineLait gives the fills, LAIT-only rows, catalogue, cross-checks and log of the row-object combine it replaced", () => {
  const seen = { fills: 0, kept: 0, only: 0, dupes: 0, benchmarks: 0 };
  fc.assert(
    fc.property(
      fc.array(laitRow, { maxLength: 250 }),
      fc.array(eesRow, { maxLength: 60 }),
      fc.array(fc.tuple(fc.constantFrom("KS2", "Mystery", "Unlisted"), fc.integer({ min: 1, max: 9 })), { maxLength: 3 }),
      fc.boolean(),
      (lait, ees, notKeptList, shuffle) => {
        const values = laitValues(lait);
        const random = ees.map((r): IndicatorRow => ({ la_code: r.la, period: r.period, indicator: r.indicator, value: r.value, numerator: null, denominator: null, status: "" }));
        const existing = existingRows(lait, random);
        if (shuffle) existing.reverse(); // rows of one indicator not in one run
        const notKept = new Map(notKeptList);
        const [logNow, logBefore] = [new ImportLog(), new ImportLog()];
        const now = combineLait(DICTIONARY, values, notKept, existing, AREAS, "bds.parquet", logNow);
        const before = combineLaitBefore(DICTIONARY, values, notKept, existing, AREAS, "bds.parquet", logBefore);
        const { benchmarks, ...rest } = now;
        assert.deepStrictEqual(rest, before);
        seen.benchmarks += benchmarks.length;
        assert.deepStrictEqual(logNow.entries(), logBefore.entries());
        seen.fills += now.fills.length;
        seen.kept += now.crossCheck.filter((c) => c.keptAs !== undefined && c.overlap > 0).length;
        seen.only += now.laitOnly.length;
        seen.dupes += logNow.entries().filter((e) => e.action === "warning").length;
      },
    ),
    { numRuns: 400, seed: 19 },
  );
  // the runs met every path: fills, series kept apart after a cross-check, LAIT-only rows, duplicates
  for (const [path, n] of Object.entries(seen)) assert.ok(n > 0, `no run had ${path}`);
});

test("RowList keeps its indices in order as it grows; NumberSet.addNew is true once per number, held as bits or in a Set", () => {
  const list = new RowList();
  list.push(0);
  assert.ok(list.rows.length <= 8, `a one-row list holds room for ${list.rows.length}`);
  for (let i = 1; i < 1000; i++) list.push(3 * i);
  assert.equal(list.length, 1000);
  assert.deepStrictEqual(Array.from(list.rows.subarray(0, 5)), [0, 3, 6, 9, 12]);
  assert.equal(list.rows[999], 2997);
  for (const denseLimit of [1000, 10]) {
    const set = new NumberSet(100, denseLimit); // 100 numbers: bits under the first limit, a Set over the second
    assert.deepStrictEqual([set.addNew(0), set.addNew(31), set.addNew(32), set.addNew(99), set.addNew(31), set.addNew(0), set.addNew(99)], [true, true, true, true, false, false, false]);
  }
  fc.assert(
    fc.property(fc.array(fc.nat(199), { maxLength: 300 }), (ks) => {
      const [bits, sparse, expected] = [new NumberSet(200), new NumberSet(200, 0), new Set<number>()];
      for (const k of ks) {
        const isNew = !expected.has(k);
        expected.add(k);
        assert.equal(bits.addNew(k), isNew);
        assert.equal(sparse.addNew(k), isNew);
      }
    }),
    { numRuns: 200, seed: 19 },
  );
});

test("EesByPlace gives the last row set at each place, in typed arrays or (over its limit) in a Map", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(49), fc.oneof(fc.constant(null), fc.double({ noNaN: true }))), { maxLength: 120 }), (sets) => {
      const [dense, sparse, expected] = [new EesByPlace(50), new EesByPlace(50, 0), new Map<number, number | null>()];
      for (const [place, value] of sets) {
        dense.set(place, value);
        sparse.set(place, value);
        expected.set(place, value);
      }
      for (let place = 0; place < 50; place++) {
        const want = expected.get(place);
        const state = want === undefined ? EES_NONE : want === null ? EES_NULL : EES_VALUE;
        for (const e of [dense, sparse]) {
          assert.equal(e.stateAt(place), state);
          if (state === EES_VALUE) assert.ok(Object.is(e.valueAt(place), want), `place ${place}`);
        }
      }
    }),
    { numRuns: 200, seed: 19 },
  );
});

test("joined gives the items of many arrays in order, more arrays than one concat call takes included", () => {
  const parts = Array.from({ length: 10_000 }, (_, i) => Array.from({ length: i % 3 }, (_, k) => `${i}.${k}`));
  assert.deepStrictEqual(joined(parts), parts.flat());
  assert.deepStrictEqual(joined([]), []);
});

test("LaitPlaces gives each row the same LA and period whether it works out every (year type, label) pair at once or only the rows' pairs", () => {
  fc.assert(
    fc.property(fc.array(laitRow, { maxLength: 120 }), (lait) => {
      const values = laitValues(lait);
      const yearTypes = CODES.map((c) => (c === "KS2" || c === "Mystery" ? undefined : (DICTIONARY.get(c) as LaitMeasure).yearType));
      const [dense, sparse, byDefault] = [new LaitPlaces(values, yearTypes, AREAS, Infinity), new LaitPlaces(values, yearTypes, AREAS, 0), new LaitPlaces(values, yearTypes, AREAS)];
      for (let i = 0; i < values.length; i++) {
        const [c, y] = [values.code.of[i], values.years.of[i]];
        if (yearTypes[c] === undefined) continue;
        const period = laitPeriod(YEARS[y], yearTypes[c] as string);
        for (const places of [dense, sparse, byDefault]) {
          const slot = places.periodSlotOf(c, y);
          assert.equal(slot < 0 ? undefined : places.periods[slot], period);
          if (slot >= 0) assert.equal(places.periodOf(i), period);
          if (places.laSlotOfNumber[values.laNumber.of[i]] >= 0) assert.equal(places.laCodeOf(i), LA_OF_NUMBER[LA_NUMBERS[lait[i].la]]);
        }
      }
    }),
    { numRuns: 200, seed: 19 },
  );
});

test("LaitPlaces works out every (year type, label) pair at once only while there are no more pairs than rows", () => {
  // one row (ReReferral, a financial year, "2016") against 2 year types × 7 labels: only that row's pair is worked out
  const yearTypes = CODES.map((c) => (c === "KS2" || c === "Mystery" ? undefined : (DICTIONARY.get(c) as LaitMeasure).yearType));
  const one = laitValues([{ code: CODES.indexOf("ReReferral"), year: YEARS.indexOf("2016"), la: 0, value: 1 }]);
  assert.deepStrictEqual(new LaitPlaces(one, yearTypes, AREAS).periods, [2016]);
  // with as many rows as pairs, every pair's period is worked out (2016-17 and 2019-20 of both year types, and so on)
  const many = laitValues(Array.from({ length: 14 }, () => ({ code: CODES.indexOf("ReReferral"), year: YEARS.indexOf("2016"), la: 0, value: 1 })));
  assert.deepStrictEqual(
    [...new LaitPlaces(many, yearTypes, AREAS).periods].sort(),
    [...new Set(["Financial Year", "Annual (end of Sept)"].flatMap((t) => YEARS.map((y) => laitPeriod(y, t))).filter((p) => p !== undefined))].sort(),
  );
});

test("combineLait declares its parameter list (seven parameters, not a rest parameter)", () => {
  assert.equal(combineLait.length, 7);
});

test("LAIT's England and region rows become benchmarks of the indicator their LA rows went to; out-of-range values and repeats are left out", () => {
  // code index, year index, LA index (LA_NUMBERS / LA_NAMES), value
  const row = (code: string, year: string, la: string, value: number) => ({ code: CODES.indexOf(code), year: YEARS.indexOf(year), la: LA_NAMES.indexOf(la), value });
  const rows = [
    row("ReReferral", "2016-17", "Hartlepool", 20), // agrees with EES below: LAIT fills cin_rereferral_pct
    row("ReReferral", "2016-17", "England", 21.9),
    row("ReReferral", "2016-17", "North East", 23.5),
    row("ReReferral", "2016-17", "North East", 99), // a repeat of the place: the first kept
    row("ReReferral", "2016-17", "Yorkshire and the Humber", 19), // "the" where the areas table has "The"
    row("ReReferral", "2016-17", "London", 18), // no region of the areas table (its LAs are in Inner and Outer London)
    row("CIN_Rate", "2016-17", "England", 330.5), // LAIT-only: lait_cin_rate
    row("CIN_Rate", "2016-17", "City of London", 100),
    row("A%", "2016-17", "England", 140), // a percentage over 100: left out
    row("A%", "2016-17", "Hartlepool", 40),
    row("Cost", "2016-17", "England", 5), // no unit of ours: no indicator, no benchmark
    row("ReReferral", "2014-16", "England", 22), // a year label not mapped: dropped with the LA rows'
  ];
  const values = laitValues(rows);
  const existing: IndicatorRow[] = [{ la_code: "E06000001", period: 2017, indicator: "cin_rereferral_pct", value: 20, numerator: null, denominator: null, status: "" }];
  const log = new ImportLog();
  const r = combineLait(DICTIONARY, values, new Map(), existing, AREAS, "bds.parquet", log);
  assert.deepStrictEqual(
    r.benchmarks.map((b) => [b.geography, b.code, b.period, b.indicator, b.value]),
    [
      ["england", "E92000001", 2017, "cin_rereferral_pct", 21.9],
      ["region", "E12000001", 2017, "cin_rereferral_pct", 23.5],
      ["region", "E12000003", 2017, "cin_rereferral_pct", 19],
      ["region", "E12000007", 2017, "cin_rereferral_pct", 18],
      ["england", "E92000001", 2017, "lait_cin_rate", 330.5],
    ],
  );
  assert.ok(!log.entries().some((e) => e.value === "England" || e.value === "North East"), "England and regions are no longer logged as dropped");
  // a series kept apart after too little agreement takes its benchmarks with it
  const far: IndicatorRow[] = [{ ...existing[0], value: 60 }];
  const apart = combineLait(DICTIONARY, values, new Map(), far, AREAS, "bds.parquet", new ImportLog());
  assert.deepStrictEqual(apart.crossCheck.find((c) => c.lait === "ReReferral")?.keptAs, "lait_rereferral");
  assert.deepStrictEqual(apart.benchmarks.filter((b) => b.geography === "england").map((b) => b.indicator), ["lait_rereferral", "lait_cin_rate"]);
});

test("laitBenchmarkPlace: England, the nine regions and London's halves as LAIT or the areas table name them; LAs and others not", () => {
  assert.deepEqual(laitBenchmarkPlace("England"), { geography: "england", code: "E92000001" });
  for (const [name, code] of [["Yorkshire and the Humber", "E12000003"], ["Yorkshire and The Humber", "E12000003"], ["London", "E12000007"], ["London (Inner)", "E13000001"], ["Outer London", "E13000002"], ["South West", "E12000009"]]) {
    assert.deepEqual(laitBenchmarkPlace(name), { geography: "region", code }, name);
  }
  for (const name of ["Hartlepool", "Nowhere", "", "City of London"]) assert.equal(laitBenchmarkPlace(name), undefined, name);
});
