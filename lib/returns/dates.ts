/**
 * Dates in the returns as whole days: a day number is days since 1970-01-01 (UTC), so intervals are
 * subtractions and nothing depends on the machine's time zone. SSDA903 CSV dates are `dd/mm/yyyy`
 * (DfE SSDA903 technical specification, "Data dictionary"); CIN census XML dates are `yyyy-mm-dd`
 * (XML Schema `xs:date`).
 *
 * Collection years are named by the year ending 31 March: collection year 2023 runs from
 * 1 April 2022 to 31 March 2023 inclusive.
 */
import { InputError } from "../errors";

const MS_PER_DAY = 86400000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Day number of a calendar date (month 1–12), by the proleptic Gregorian "days from civil" formula (H. Hinnant,
 * "chrono-compatible low-level date algorithms"; equals Date.UTC(y, m − 1, d) / 86 400 000); undefined when the
 * date does not exist or the year is outside 1900–2100.
 * @example
 * dayNumber(2023, 3, 31) // 19447
 * dayNumber(2023, 2, 29) // undefined
 */
export function dayNumber(year: number, month: number, day: number): number | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2100) return undefined;
  const last = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (day > last) return undefined;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Value of the decimal digits text[from, to), or −1 if any is not a digit. */
function digits(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Parse an SSDA903 date `dd/mm/yyyy` (DfE's SSDA903 specification), or `yyyy-mm-dd` (ISO 8601, as some case systems
 * export it: no convention writes a four-digit year first and the day before the month, so it cannot be misread, and
 * a table of such dates had lost every row, "start date is not a date dd/mm/yyyy", user trial round 27 S1-5);
 * undefined when it is not a real date in either form.
 * @example
 * parseUkDate("31/03/2023") // 19447
 * parseUkDate("2023-03-31") // 19447
 * parseUkDate("31/02/2023") // undefined
 */
export function parseUkDate(text: string): number | undefined {
  if (text.length === 10 && text.charCodeAt(2) === 47 && text.charCodeAt(5) === 47) {
    const d = digits(text, 0, 2);
    const mo = digits(text, 3, 5);
    const y = digits(text, 6, 10);
    return d < 0 || mo < 0 || y < 0 ? undefined : dayNumber(y, mo, d);
  }
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) return parseIsoDate(text);
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  return dayNumber(Number(m[3]), Number(m[2]), Number(m[1]));
}

/**
 * Parse a CIN census date `yyyy-mm-dd` (the census schema's `xs:date`), or an `xs:dateTime` of that day's midnight
 * (`2021-05-22T00:00:00`, seconds' fraction of zeros and a `Z` allowed), as some case systems export the census's
 * dates: its day cannot be misread. Any other time is not read: `2021-05-21T23:00:00Z` is how a system counting in
 * UTC writes midnight of 22 May in British Summer Time, so its date part would be a day early. Undefined when it is
 * not a real date in those forms.
 * @example
 * parseIsoDate("2023-03-31") // 19447
 * parseIsoDate("2023-03-31T00:00:00") // 19447
 * parseIsoDate("2023-03-31T12:00:00") // undefined
 */
export function parseIsoDate(text: string): number | undefined {
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const y = digits(text, 0, 4);
    const mo = digits(text, 5, 7);
    const d = digits(text, 8, 10);
    return d < 0 || mo < 0 || y < 0 ? undefined : dayNumber(y, mo, d);
  }
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:T00:00:00(?:\.0+)?Z?)?\s*$/.exec(text);
  if (!m) return undefined;
  return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The calendar date of a day number. */
export function calendarDate(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * ISO text of a day number.
 * @example
 * isoDate(19447) // "2023-03-31"
 */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day of the week of a day number: 0 Sunday … 6 Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** First and last day (inclusive) of collection year `year` (1 April year−1 … 31 March year). */
export function collectionYear(year: number): { start: number; end: number } {
  if (!Number.isInteger(year)) throw new InputError("collectionYear", "year must be an integer", year);
  return { start: dayNumber(year - 1, 4, 1)!, end: dayNumber(year, 3, 31)! };
}

/**
 * The collection year a day falls in: the year ending 31 March on or after it.
 * @example
 * collectionYearOf(parseIsoDate("2023-10-15")!) // 2024
 * collectionYearOf(parseIsoDate("2024-03-31")!) // 2024
 */
export function collectionYearOf(day: number): number {
  const { year, month } = calendarDate(day);
  return month >= 4 ? year + 1 : year;
}

/** A whole date in a name (2024-10-15, 20241015); a fresh expression per use, as it is global. */
const dateInName = () => /(?<!\d)(20\d{2})-?(\d{2})-?(\d{2})(?!\d)/g;

/**
 * The whole dates a file name holds (an Annex A workbook's extract date), each with its day number (undefined when it
 * is no calendar day: 2024-02-30).
 * @example
 * datesInName("annex_a_2024-01-15.xlsx") // [{ text: "2024-01-15", day: 19737 }]
 */
export function datesInName(name: string): { text: string; day: number | undefined }[] {
  return [...name.matchAll(dateInName())].map((m) => ({ text: m[0], day: dayNumber(Number(m[1]), Number(m[2]), Number(m[3])) }));
}

/**
 * A name with its whole dates blanked out: a date is a day, not a collection year (yearFromPath).
 * @example
 * withoutDates("annex_a_2024-10-15.xlsx") // "annex_a_ .xlsx"
 */
export function withoutDates(name: string): string {
  return name.replace(dateInName(), " ");
}

/**
 * A collection year as DfE writes it: the year ending 31 March 2024 is "2023-24".
 * @example
 * collectionYearLabel(2024) // "2023-24"
 */
export function collectionYearLabel(year: number): string {
  return `${year - 1}-${String(year % 100).padStart(2, "0")}`;
}

/**
 * Collection years split where one is missing: [2022, 2023, 2025] → [[2022, 2023], [2025]].
 * @example
 * consecutiveRuns([2025, 2022, 2023]) // [[2022, 2023], [2025]]
 */
export function consecutiveRuns(years: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (const year of [...years].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last !== undefined && year === last[last.length - 1] + 1) last.push(year);
    else runs.push([year]);
  }
  return runs;
}

/**
 * The same day `months` calendar months earlier or later, clamped to the month's last day
 * (31 March − 30 months = 30 September).
 * @example
 * isoDate(addMonths(parseIsoDate("2023-03-31")!, -30)) // "2020-09-30"
 */
export function addMonths(day: number, months: number): number {
  const c = calendarDate(day);
  const total = c.year * 12 + (c.month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return dayNumber(y, m, Math.min(c.day, last))!;
}

/**
 * A month of birth, as `year * 12 + (month − 1)`: dates of birth are reduced to this on ingest.
 * @example
 * birthMonth(parseUkDate("15/06/2010")!) // 2010 * 12 + 5
 */
export function birthMonth(day: number): number {
  const c = calendarDate(day);
  return c.year * 12 + (c.month - 1);
}

/**
 * Age in whole years at 31 March of `year` from a month of birth. Exact: every birthday in a month up to
 * March has happened by 31 March, and none later in the year has.
 * @example
 * ageAt31March(2010 * 12 + 2, 2023) // 13 (born March 2010)
 * ageAt31March(2010 * 12 + 3, 2023) // 12 (born April 2010)
 */
export function ageAt31March(month: number, year: number): number {
  const by = Math.floor(month / 12);
  const bm = (month % 12) + 1;
  return year - by - (bm > 3 ? 1 : 0);
}

/**
 * The age a young person turns on their birthday inside collection year `year` (1 April year−1 … 31 March
 * year), from the month of birth: the care-leaver cohorts (OC3) are defined by it.
 * @example
 * ageOnBirthdayInYear(2003 * 12 + 5, 2023) // 19 (birthday June 2022)
 */
export function ageOnBirthdayInYear(month: number, year: number): number {
  const by = Math.floor(month / 12);
  const bm = (month % 12) + 1;
  return (bm >= 4 ? year - 1 : year) - by;
}
