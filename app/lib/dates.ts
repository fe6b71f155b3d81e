/**
 * Calendar days written as YYYY-MM-DD, checked strictly: the day must exist (2027-02-30 and
 * 2026-13-01 do not, 2028-02-29 does) and the year must be one PostgreSQL's `date` and a person
 * can mean (0001..9999). `Date.parse` is not enough: it rolls 2027-02-30 over to March 2 while
 * PostgreSQL refuses it, and the page would answer 500. Client-safe.
 *
 * @example
 *   isCalendarDay("2028-02-29")   // true
 *   isCalendarDay("2027-02-30")   // false
 *   parseCalendarDay(" 2026-05-01 ") // "2026-05-01"
 */
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The day in `raw` (blanks trimmed) when it exists, else null. */
export function parseCalendarDay(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const s = raw.trim();
  return isCalendarDay(s) ? s : null;
}
