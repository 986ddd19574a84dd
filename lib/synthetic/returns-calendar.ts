/**
 * The synthetic returns generator's own calendar: day numbers (days since 1970-01-01 UTC), the two date
 * formats of the returns, and stepping over working days. Kept apart from lib/returns so that the figures
 * the generator writes are computed independently of the code they test; only the bank-holiday *table* (a
 * fact with its source) is shared.
 */
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from "../returns/bank-holidays";

const MS_PER_DAY = 86400000;

/** Day number of a calendar date. */
export function day(year: number, month: number, dayOfMonth: number): number {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

/** The calendar date of a day number. */
export function dateOf(d: number): { y: number; m: number; d: number } {
  const t = new Date(d * MS_PER_DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** dd/mm/yyyy (SSDA903). */
export function ukDate(d: number): string {
  const c = dateOf(d);
  return `${pad(c.d)}/${pad(c.m)}/${c.y}`;
}

/** yyyy-mm-dd (CIN census). */
export function isoDay(d: number): string {
  const c = dateOf(d);
  return `${c.y}-${pad(c.m)}-${pad(c.d)}`;
}

/** The same calendar day `years` later (29 February → 1 March). */
export function addYears(d: number, years: number): number {
  const c = dateOf(d);
  return Date.UTC(c.y + years, c.m - 1, c.d) / MS_PER_DAY;
}

const HOLIDAYS = new Set(Object.values(ENGLAND_AND_WALES_BANK_HOLIDAYS).flatMap((l) => l.map((s) => day(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))))));

/** True on Monday–Friday that is not a bank holiday. */
export function isWorkingDay(d: number): boolean {
  const w = new Date(d * MS_PER_DAY).getUTCDay();
  return w !== 0 && w !== 6 && !HOLIDAYS.has(d);
}

/** The day `k` working days after `start` (k = 0: start itself). */
export function afterWorkingDays(start: number, k: number): number {
  let d = start;
  let left = k;
  while (left > 0) {
    d++;
    if (isWorkingDay(d)) left--;
  }
  return d;
}
