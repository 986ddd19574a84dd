/**
 * Bank holidays in England and Wales, 2011–2027, for counting working days (assessment timeliness).
 *
 * Source: GOV.UK "UK bank holidays" (https://www.gov.uk/bank-holidays, data feed
 * https://www.gov.uk/bank-holidays.json, division "england-and-wales") for 2018 onwards; for 2011–2017 the
 * same dates as proclaimed under the Banking and Financial Dealings Act 1971 (including the one-off
 * holidays: royal wedding 29 April 2011, Diamond Jubilee 5 June 2012, state funeral 19 September 2022,
 * coronation 8 May 2023, and the moved holidays of 2012, 2020 and 2022). Substitute days are listed when
 * a holiday fell on a weekend. Dates outside the years covered are an error, never silently a working day.
 */
import { InputError } from "../errors";
import { dayNumber, isoDate, weekday } from "./dates";

/** First and last calendar year the table covers. */
export const BANK_HOLIDAY_FIRST_YEAR = 2011;
export const BANK_HOLIDAY_LAST_YEAR = 2027;

/** The table, ISO dates by year. */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: Readonly<Record<number, readonly string[]>> = Object.freeze({
  2011: ["2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29", "2011-05-02", "2011-05-30", "2011-08-29", "2011-12-26", "2011-12-27"],
  2012: ["2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05", "2012-08-27", "2012-12-25", "2012-12-26"],
  2013: ["2013-01-01", "2013-03-29", "2013-04-01", "2013-05-06", "2013-05-27", "2013-08-26", "2013-12-25", "2013-12-26"],
  2014: ["2014-01-01", "2014-04-18", "2014-04-21", "2014-05-05", "2014-05-26", "2014-08-25", "2014-12-25", "2014-12-26"],
  2015: ["2015-01-01", "2015-04-03", "2015-04-06", "2015-05-04", "2015-05-25", "2015-08-31", "2015-12-25", "2015-12-28"],
  2016: ["2016-01-01", "2016-03-25", "2016-03-28", "2016-05-02", "2016-05-30", "2016-08-29", "2016-12-26", "2016-12-27"],
  2017: ["2017-01-02", "2017-04-14", "2017-04-17", "2017-05-01", "2017-05-29", "2017-08-28", "2017-12-25", "2017-12-26"],
  2018: ["2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27", "2018-12-25", "2018-12-26"],
  2019: ["2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26"],
  2020: ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"],
  2021: ["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"],
  2022: ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"],
  2023: ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"],
  2024: ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"],
  2025: ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"],
  2026: ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"],
  2027: ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"],
});

const HOLIDAY_DAYS: ReadonlySet<number> = new Set(
  Object.values(ENGLAND_AND_WALES_BANK_HOLIDAYS).flatMap((dates) =>
    dates.map((d) => dayNumber(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10)))!),
  ),
);
const FIRST_DAY = dayNumber(BANK_HOLIDAY_FIRST_YEAR, 1, 1)!;
const LAST_DAY = dayNumber(BANK_HOLIDAY_LAST_YEAR, 12, 31)!;
/** WORKING_DAYS_UP_TO[d − FIRST_DAY]: working days from FIRST_DAY to d inclusive (so a difference counts (start, end]). */
const WORKING_DAYS_UP_TO: Int32Array = (() => {
  const a = new Int32Array(LAST_DAY - FIRST_DAY + 1);
  let n = 0;
  for (let d = FIRST_DAY; d <= LAST_DAY; d++) {
    const w = weekday(d);
    if (!(w === 0 || w === 6 || HOLIDAY_DAYS.has(d))) n++;
    a[d - FIRST_DAY] = n;
  }
  return a;
})();

/** True on Saturdays, Sundays and England and Wales bank holidays. */
export function isNonWorkingDay(day: number): boolean {
  const w = weekday(day);
  return w === 0 || w === 6 || HOLIDAY_DAYS.has(day);
}

/**
 * Working days after `start` up to and including `end` (England and Wales): the start day itself is day 0,
 * so an assessment authorised on the next working day took 1 working day. Weekends and bank holidays are not
 * counted.
 * @throws InputError when `end` is before `start` or either date is outside 2011–2027 (the table's years)
 * @example
 * workingDaysBetween(parseIsoDate("2023-04-06")!, parseIsoDate("2023-04-11")!) // 1 (7 and 10 April are bank holidays)
 */
export function workingDaysBetween(start: number, end: number): number {
  if (!(end >= start)) throw new InputError("workingDaysBetween", "end must not be before start", `${isoDate(start)} → ${isoDate(end)}`);
  if (start < FIRST_DAY || end > LAST_DAY) {
    throw new InputError(
      "workingDaysBetween",
      `dates must lie in ${BANK_HOLIDAY_FIRST_YEAR}–${BANK_HOLIDAY_LAST_YEAR}, the years of the bank-holiday table`,
      `${isoDate(start)} → ${isoDate(end)}`,
    );
  }
  return WORKING_DAYS_UP_TO[end - FIRST_DAY] - WORKING_DAYS_UP_TO[start - FIRST_DAY];
}

/** True when a day lies inside the bank-holiday table's years. */
export function inBankHolidayYears(day: number): boolean {
  return day >= FIRST_DAY && day <= LAST_DAY;
}
