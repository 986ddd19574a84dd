import { test } from "node:test";
import assert from "node:assert/strict";
import { annexAActivity, annexAInTouch, annexALegalStatus, annexAListOfSheet, annexASuitable, normaliseHeader } from "../../lib/returns/annex-a-lists";
import { parseIsoDate } from "../../lib/returns/dates";
import { annexADate } from "../../lib/returns/read-annex-a";

test("sheets are Annex A lists by name, as LAs name them", () => {
  assert.equal(annexAListOfSheet("List 3"), 3);
  assert.equal(annexAListOfSheet("list3"), 3);
  assert.equal(annexAListOfSheet(" List 8 - Children looked after"), 8);
  assert.equal(annexAListOfSheet("List 11"), 11);
  assert.equal(annexAListOfSheet("List 12"), null);
  assert.equal(annexAListOfSheet("Checklist 3"), null);
  assert.equal(annexAListOfSheet("Summary"), null);
});

test("headers are compared without case, extra spaces or curly apostrophes", () => {
  assert.equal(normaliseHeader("  Child\u2019s   Legal Status "), "child's legal status");
});

test("codes are read as the template writes them or bare; unknown ones are undefined, blanks are blank", () => {
  assert.deepEqual(["a) Yes", "Y", "c) Died", "f) Rhom", "NREQ", "maybe"].map(annexAInTouch), ["YES", "YES", "DIED", "RHOM", "NREQ", undefined]);
  assert.deepEqual(["F1: Full time in higher education", "p5", "G6", "", "Full time in higher education", "F9"].map(annexAActivity), ["F1", "P5", "G6", "", undefined, undefined]);
  assert.deepEqual(["a) Suitable", "Suitable", "b) Unsuitable", "", "fine"].map(annexASuitable), [true, true, false, null, undefined]);
  assert.deepEqual(["V3: Short term breaks, episodes recorded", "C2: FCO", "e1", "Full care order"].map(annexALegalStatus), ["V3", "C2", "E1", undefined]);
});

test("dates are date cells (ISO, a midnight time ignored) or dd/mm/yyyy text; anything else is not a date", () => {
  const d = parseIsoDate("2023-03-31");
  assert.equal(annexADate("2023-03-31"), d);
  assert.equal(annexADate("2023-03-31T00:00:00"), d);
  assert.equal(annexADate("31/03/2023"), d);
  assert.equal(annexADate(" "), null);
  for (const bad of ["2023-03-31T12:00:00", "31/02/2023", "45016", "March 2023"]) assert.equal(annexADate(bad), undefined, bad);
});
