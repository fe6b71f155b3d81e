/**
 * The working-day calendar of the time limits. Days are Shanghai calendar days (YYYY-MM-DD);
 * weekends are off unless marked as make-up working days, holidays are off.
 * A limit of n working days ends at the close (24:00 Shanghai) of the n-th working day after the start day.
 */
export type CalendarExceptions = Map<string, boolean>; // day -> isWorkday

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000; // China has no daylight saving time

export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(day: string, exceptions: CalendarExceptions): boolean {
  const marked = exceptions.get(day);
  if (marked !== undefined) return marked;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The end (exclusive instant) of a Shanghai calendar day. */
export function endOfDay(day: string): Date {
  return new Date(new Date(`${nextDay(day)}T00:00:00Z`).getTime() - SHANGHAI_OFFSET_MS);
}

/** The n-th working day after the day of `start`. */
export function addWorkingDays(startDay: string, n: number, exceptions: CalendarExceptions): string {
  let day = startDay;
  let left = n;
  while (left > 0) {
    day = nextDay(day);
    if (isWorkingDay(day, exceptions)) left--;
  }
  return day;
}

/** The deadline of a limit of n working days started at `start`. */
export function dueAfter(start: Date, workingDays: number, exceptions: CalendarExceptions): Date {
  return endOfDay(addWorkingDays(shanghaiDay(start), workingDays, exceptions));
}

/** Working days in (day of from, day of to]: those that passed while the clock was paused. */
export function workingDaysBetween(from: Date, to: Date, exceptions: CalendarExceptions): number {
  let day = shanghaiDay(from);
  const last = shanghaiDay(to);
  let n = 0;
  while (day < last) {
    day = nextDay(day);
    if (isWorkingDay(day, exceptions)) n++;
  }
  return n;
}

/** A deadline moved on by the working days during which the clock was paused. */
export function extendForPause(due: Date, pausedFrom: Date, resumedAt: Date, exceptions: CalendarExceptions): Date {
  const paused = workingDaysBetween(pausedFrom, resumedAt, exceptions);
  if (paused === 0) return due;
  return endOfDay(addWorkingDays(shanghaiDay(new Date(due.getTime() - 1)), paused, exceptions));
}

export const ACCEPT_LIMIT_DAYS = 1;
export const ANSWER_LIMIT_DAYS = { normal: 5, urgent: 2 } as const;
/** Days after resolution during which the enterprise may reopen; then the problem closes itself. */
export const REOPEN_WINDOW_MS = 7 * 24 * 3600 * 1000;
