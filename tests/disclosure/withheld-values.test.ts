import { test } from "node:test";
import assert from "node:assert/strict";
import { countsPeople, showsUnpublishedSmallCount, valueIsWithheld } from "../../lib/disclosure/withheld-values";
import type { CatalogueRow } from "../../lib/data/types";
import { loadOfficial } from "../../lib/notebook/official-cache";
import { OFFICIAL_DATA_DIR, officialTest } from "../helpers/official";

const OWN = { unit: "percent", source: "Own data: visits.csv (visits_pct)" } as const;
const OFFICIAL = { unit: "percent", source: "EES cla_visits_la.csv" } as const;

test("an unpublished value whose numerator or non-events are 1–9 is withheld; a published one is not", () => {
  // the review's example: 1.863354% is 3 of 161, with or without the numerator given
  for (const numerator of [3, null]) {
    const o = Object.freeze({ value: 1.863354, numerator, denominator: 161 });
    assert.equal(valueIsWithheld(o, OWN, 10), true, `numerator ${numerator}`);
    assert.equal(valueIsWithheld(o, OFFICIAL, 10), false, `numerator ${numerator}`);
  }
  assert.equal(valueIsWithheld({ value: 96.273292, numerator: 155, denominator: 161 }, OWN, 10), true, "6 non-events");
  assert.equal(valueIsWithheld({ value: 18.63354, numerator: 30, denominator: 161 }, OWN, 10), false, "30 of 161");
  assert.equal(valueIsWithheld({ value: 0, numerator: 0, denominator: 161 }, OWN, 10), false, "a zero is not small");
  assert.equal(valueIsWithheld({ value: 3.5, numerator: null, denominator: null }, { unit: "ratio", source: OWN.source }, 10), false, "no counts to give back");
  // synthetic data is not a person's: nothing withheld for its numerator
  assert.equal(valueIsWithheld({ value: 1.863354, numerator: 3, denominator: 161 }, { unit: "percent", source: "Synthetic (vital-signs synth --seed 1)" }, 10), false);
  // the threshold is the caller's
  assert.equal(valueIsWithheld({ value: 1.863354, numerator: 3, denominator: 161 }, OWN, 3), false);
});

test("a count value or a denominator of 1–9 is withheld whatever the source, as the profile always did", () => {
  assert.equal(valueIsWithheld({ value: 4, numerator: null, denominator: null }, { unit: "count", source: OFFICIAL.source }, 10), true);
  assert.equal(valueIsWithheld({ value: 12, numerator: null, denominator: null }, { unit: "count", source: OFFICIAL.source }, 10), false);
  assert.equal(valueIsWithheld({ value: 42.9, numerator: 3, denominator: 7 }, OFFICIAL, 10), true, "denominator 7");
  // a missing value (NaN or null) whose denominator is small: withheld as before (neighbour means read it so)
  assert.equal(valueIsWithheld({ value: NaN, numerator: NaN, denominator: 7 }, OFFICIAL, 10), true);
});

test("what valueIsWithheld adds for unpublished data is showsUnpublishedSmallCount, over a grid of counts", () => {
  for (let d = 1; d <= 40; d++) {
    for (let x = 0; x <= d; x++) {
      const o = { value: (100 * x) / d, numerator: x, denominator: d };
      const small = x > 0 && x < 10 ? true : d - x > 0 && d - x < 10;
      assert.equal(valueIsWithheld(o, OWN, 10), d < 10 || small, `${x} of ${d}`);
      assert.equal(showsUnpublishedSmallCount(o, OWN, 10), d < 10 || small, `${x} of ${d}`);
      assert.equal(valueIsWithheld(o, OFFICIAL, 10), d < 10, `${x} of ${d} published`);
    }
  }
});

test("a ratio of events to a denominator, and a numerator given without its denominator, are withheld too (a second review)", () => {
  const ratio = { unit: "ratio", source: OWN.source } as const;
  // 0.018633540372670808 is 3/161 as a fraction: a ratio had no multiplier and was passed over
  assert.equal(valueIsWithheld({ value: 3 / 161, numerator: null, denominator: 161 }, ratio, 10), true, "3 events");
  assert.equal(valueIsWithheld({ value: 155 / 161, numerator: 155, denominator: 161 }, ratio, 10), true, "6 non-events");
  assert.equal(valueIsWithheld({ value: 30 / 161, numerator: 30, denominator: 161 }, ratio, 10), false, "30 of 161");
  // children per worker: more events than the denominator, no non-events to give back
  assert.equal(valueIsWithheld({ value: 18.5, numerator: 370, denominator: 20 }, ratio, 10), false);
  // the numerator alone: 1.863354% beside its 3 (no denominator given) is 3 of 161 by the smallest fraction
  assert.equal(valueIsWithheld({ value: 1.863354, numerator: 3, denominator: null }, OWN, 10), true);
  assert.equal(valueIsWithheld({ value: 18.63354, numerator: 30, denominator: null }, OWN, 10), false);
  assert.equal(valueIsWithheld({ value: 1.863354, numerator: 3, denominator: null }, OFFICIAL, 10), false, "published");
  // a rate per 10,000 keeps its events-only rule
  assert.equal(valueIsWithheld({ value: 50, numerator: 3, denominator: 600 }, { unit: "rate_per_10k", source: OWN.source }, 10), true);
  assert.equal(valueIsWithheld({ value: 9950, numerator: 597, denominator: 600 }, { unit: "rate_per_10k", source: OWN.source }, 10), false);
});

test("a count of full-time equivalents or of money is no count of people: 1–9 of it withholds nothing (review F2)", () => {
  // City of London's caseload 2025: 67 cases over 7 FTE case-holding social workers, 9.6, published by DfE
  const caseload = { unit: "ratio", source: "EES csww_indicators_2025.csv", numerator: "cases held at 30 September", denominator: "FTE case-holding social workers (incl. agency) at 30 September" } as const;
  assert.equal(valueIsWithheld({ value: 9.6, numerator: 67, denominator: 7 }, caseload, 10), false);
  // the same denominator worded as children, or not worded at all, is a small count
  assert.equal(valueIsWithheld({ value: 9.6, numerator: 67, denominator: 7 }, { ...caseload, denominator: "children in need at 31 March" }, 10), true);
  assert.equal(valueIsWithheld({ value: 9.6, numerator: 67, denominator: 7 }, { ...caseload, denominator: "" }, 10), true);
  assert.equal(valueIsWithheld({ value: 9.6, numerator: 67, denominator: 7 }, { unit: "ratio", source: caseload.source }, 10), true);
  // a share of spending over a (tiny) sum of money
  const spend = { unit: "percent", source: "MHCLG revenue outturn RO3", denominator: "net current expenditure on children's social care" } as const;
  assert.equal(valueIsWithheld({ value: 50, numerator: 4, denominator: 8 }, spend, 10), false);
  // a count of FTE (LAIT's 0.8 FTE starters of City of London), worded by its label or its numerator
  const starters = { unit: "count", source: "LAIT big data sheet", label: "FTE social workers starting during the year", numerator: "" } as const;
  assert.equal(valueIsWithheld({ value: 0.8, numerator: null, denominator: null }, starters, 10), false);
  assert.equal(valueIsWithheld({ value: 3, numerator: null, denominator: null }, { ...starters, label: "Number of children who started to be looked after" }, 10), true);
  assert.equal(valueIsWithheld({ value: 3, numerator: null, denominator: null }, { ...starters, label: "Starters", numerator: "full-time equivalent starters" }, 10), false);
  // unpublished data: every count is checked, whatever its wording (check-disclosure reads them so)
  assert.equal(valueIsWithheld({ value: 9.6, numerator: 67, denominator: 7 }, { ...caseload, source: "Own data: workforce.csv" }, 10), true);
  assert.equal(valueIsWithheld({ value: 3, numerator: null, denominator: null }, { ...starters, source: "pilot: workforce" }, 10), true);
});

test("countsPeople reads the catalogue's wording: FTE and money are not people, anything else (or nothing) is", () => {
  for (const w of ["FTE social workers in post at 30 September", "Number FTE of children's social workers", "full-time equivalent leavers", "total service net current expenditure", "spending (£)", "spend on care"]) {
    assert.equal(countsPeople(w), false, w);
  }
  for (const w of ["children looked after at 31 March", "possible sessions", "pupils (t_pupils)", "referrals in the year", "social workers (headcount)", "", undefined, "children aged 0–17 (ONS mid-year estimate of the previous year)", "Offered edge-of-care support"]) {
    assert.equal(countsPeople(w), true, String(w));
  }
});

officialTest("of the official catalogue, the workforce FTE and the spending indicators are the ones whose counts are not of people", async () => {
  const { pkg } = await loadOfficial(OFFICIAL_DATA_DIR);
  const rows = pkg.catalogue.objects() as unknown as CatalogueRow[];
  const denominators = rows.filter((c) => c.denominator !== "" && !countsPeople(c.denominator)).map((c) => c.indicator).sort();
  assert.deepEqual(denominators, [
    "csc_cla_spend_share_pct", "csc_family_support_spend_share_pct", "csc_share_of_service_spend_pct",
    "csww_agency_pct", "csww_caseload", "csww_turnover_pct", "csww_vacancy_pct",
  ]);
  const counts = rows.filter((c) => c.unit === "count" && !countsPeople(c.numerator || c.label)).map((c) => c.indicator).sort();
  assert.deepEqual(counts, ["lait_social_work_leavers", "lait_social_work_starters", "lait_work_force_nosw"]);
});
