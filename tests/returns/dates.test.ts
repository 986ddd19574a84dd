import { test } from "node:test";
import assert from "node:assert/strict";
import { addMonths, ageAt31March, ageOnBirthdayInYear, dayNumber, isoDate, parseIsoDate, parseUkDate } from "../../lib/returns/dates";

test("dayNumber equals Date.UTC in days for every day of 1900–2100, and rejects days that do not exist", () => {
  for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2100, 11, 31); t += 86400000) {
    const d = new Date(t);
    assert.equal(dayNumber(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()), t / 86400000);
  }
  assert.equal(dayNumber(2023, 2, 29), undefined);
  assert.equal(dayNumber(2024, 2, 29), parseIsoDate("2024-02-29"));
  assert.equal(dayNumber(1900, 2, 29), undefined);
  assert.equal(dayNumber(2000, 2, 29), Date.UTC(2000, 1, 29) / 86400000);
  assert.equal(dayNumber(2023, 4, 31), undefined);
});

test("SSDA903 dates are dd/mm/yyyy (or yyyy-mm-dd, which cannot be misread) and CIN census dates yyyy-mm-dd (or that day's midnight as an xs:dateTime); anything else is undefined", () => {
  assert.equal(isoDate(parseUkDate("31/03/2023")!), "2023-03-31");
  assert.equal(isoDate(parseUkDate(" 1/4/2022 ")!), "2022-04-01");
  assert.equal(isoDate(parseUkDate("2023-03-31")!), "2023-03-31");
  assert.equal(parseUkDate("2023-02-29"), undefined);
  assert.equal(parseUkDate("31/03/23"), undefined);
  assert.equal(isoDate(parseIsoDate("2021-05-22T00:00:00")!), "2021-05-22");
  assert.equal(isoDate(parseIsoDate("2021-05-22T00:00:00.000Z")!), "2021-05-22");
  assert.equal(parseIsoDate("2021-05-21T23:00:00Z"), undefined);
  assert.equal(parseIsoDate("2021-05-22T00:00:00+01:00"), undefined);
  assert.equal(parseUkDate("31/02/2023"), undefined);
  assert.equal(parseUkDate("3a/02/2023"), undefined);
  assert.equal(isoDate(parseIsoDate("2023-03-31")!), "2023-03-31");
  assert.equal(parseIsoDate("31/03/2023"), undefined);
  assert.equal(parseIsoDate("2023-13-01"), undefined);
});

test("31 March minus 30 months is 30 September; ages at 31 March and on the birthday in the year are exact from the month", () => {
  assert.equal(isoDate(addMonths(parseIsoDate("2023-03-31")!, -30)), "2020-09-30");
  assert.equal(isoDate(addMonths(parseIsoDate("2023-03-31")!, -24)), "2021-03-31");
  assert.equal(ageAt31March(2007 * 12 + 2, 2023), 16); // born March 2007
  assert.equal(ageAt31March(2007 * 12 + 3, 2023), 15); // born April 2007
  assert.equal(ageOnBirthdayInYear(2002 * 12 + 2, 2023), 21); // birthday March 2023
  assert.equal(ageOnBirthdayInYear(2003 * 12 + 3, 2023), 19); // birthday April 2022
});
