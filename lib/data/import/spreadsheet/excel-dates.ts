/**
 * Dates in .xlsx cells as Excel shows them: a day number (serial) in a date-formatted numeric cell, and the ISO 8601
 * text of a `t="d"` cell (ECMA-376 Part 1, §18.17.4: the 1900 and 1904 date systems; §18.18.11 ST_CellType).
 *
 * Excel's 1900 system counts 1900 as a leap year (as Lotus 1-2-3 did): serial 60 is the fictitious 1900-02-29, so
 * serials 1–59 are one day later than a count from 1899-12-30 gives (serial 40 is 1900-02-09, not 1900-02-08) and
 * serial 0 shows as 1900-01-00. A refusal quoting such a cell quotes what the analyst sees in Excel.
 */

/** Milliseconds in a day. */
const DAY_MS = 86_400_000;

/** The first serial of the 1900 system counted from 1899-12-30 without correction: 61 is 1900-03-01. */
const FIRST_SERIAL_AFTER_FICTITIOUS_DAY = 61;

/** First and last instants an ISO date of four digits can write (0001-01-01, 9999-12-31T23:59:59.999). */
const FIRST_ISO_MS = -62_135_596_800_000;
const LAST_ISO_MS = 253_402_300_799_999;

/**
 * Whether a serial day number is a date an ISO date of four digits can write: a date-formatted cell holding 1e9 (Excel
 * shows "#####") had crashed `add` and `check-disclosure` with "Invalid time value", and one day past 9999-12-31 read
 * "+010000-01-01". Callers refuse the cell, naming it.
 * @example serialFitsIsoDate(45306, false) // true; serialFitsIsoDate(1e9, false) // false
 */
export function serialFitsIsoDate(serial: number, date1904: boolean): boolean {
  const ms = (date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30)) + Math.round(serial * DAY_MS);
  return Number.isFinite(ms) && ms >= FIRST_ISO_MS && ms <= LAST_ISO_MS;
}

/** An epoch time as an ISO date, or date and time when it is not midnight. */
function isoOf(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19);
}

/**
 * A serial day number as the ISO date (and time, when it has a fraction of a day) Excel shows for it.
 * @param serial - the number stored in the cell
 * @param date1904 - whether the workbook uses the 1904 date system (day 0 = 1904-01-01)
 * @example
 * serialToIso(45306, false) // "2024-01-15"
 * serialToIso(40, false) // "1900-02-09" (Excel's display; a plain count from 1899-12-30 gives 1900-02-08)
 * serialToIso(60, false) // "1900-02-29" (the day Excel's 1900 system has and the calendar does not)
 */
export function serialToIso(serial: number, date1904: boolean): string {
  if (date1904) return isoOf(Date.UTC(1904, 0, 1) + Math.round(serial * DAY_MS));
  if (serial >= FIRST_SERIAL_AFTER_FICTITIOUS_DAY || serial < 0) return isoOf(Date.UTC(1899, 11, 30) + Math.round(serial * DAY_MS));
  const day = Math.floor(serial);
  const time = isoOf(Date.UTC(1900, 0, 1) + Math.round((serial - day) * DAY_MS)).slice(10);
  if (day === 60) return `1900-02-29${time}`;
  if (day === 0) return `1900-01-00${time}`;
  return isoOf(Date.UTC(1899, 11, 31) + Math.round(serial * DAY_MS));
}

/** Whether `yyyy-mm-dd` is a day of the calendar ("2024-02-30" and "2024-13-45" are not: a review found them passed on). */
function isCalendarDate(ymd: string): boolean {
  const [y, m, d] = ymd.split("-").map(Number);
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** Whether `hh:mm` or `hh:mm:ss(.fff)` is a time of day (hours to 23, minutes and seconds to 59). */
function isClockTime(hms: string): boolean {
  const [h, min, sec] = hms.split(":").map(Number);
  return h <= 23 && min <= 59 && (sec === undefined || sec < 60);
}

/** ISO 8601 date or date-time text as a `t="d"` cell holds it. */
const ISO_CELL_DATE = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * The text of a `t="d"` cell as a date-formatted numeric cell would give it (`2024-01-15`, or with its time when not
 * midnight), or undefined when it is not ISO 8601 date text.
 * @example
 * isoCellDate("2024-01-15T00:00:00Z") // "2024-01-15"
 * isoCellDate("15/01/2024") // undefined
 */
export function isoCellDate(text: string): string | undefined {
  const m = ISO_CELL_DATE.exec(text.trim());
  if (m === null || !isCalendarDate(m[1]) || (m[2] !== undefined && !isClockTime(m[2]))) return undefined;
  const time = m[2] === undefined ? "" : m[2].length === 5 ? `${m[2]}:00` : m[2].slice(0, 8);
  return time === "" || time === "00:00:00" ? m[1] : `${m[1]}T${time}`;
}

/**
 * A custom format is a date if, outside quotes, brackets and backslash escapes, it has day/month/year
 * tokens. Scanned by hand: `\[[^\]]*\]` over `[[[[…` with no `]` is quadratic.
 * @example
 * isDateFormatCode("dd/mm/yyyy") // true
 * isDateFormatCode('0.0 "days"') // false
 */
export function isDateFormatCode(code: string): boolean {
  let bare = "";
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"' || ch === "[") {
      const close = code.indexOf(ch === '"' ? '"' : "]", i + 1);
      if (close < 0) bare += ch;
      else i = close;
    } else if (ch === "\\") {
      i++;
    } else {
      bare += ch;
    }
  }
  return /[dy]/i.test(bare) || /mmm/i.test(bare);
}
