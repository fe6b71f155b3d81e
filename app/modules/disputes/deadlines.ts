import { endOfDay, shanghaiDay } from "../tickets/calendar";
import type { DeadlineKind, DisputeStatus } from "./constants";

/**
 * The legal deadlines of a case (national online-mediation rules), in Shanghai calendar days:
 * mediation within 30 days of acceptance (longer only by an extension both parties consent to);
 * judicial confirmation applied for within 30 days of the agreement. A deadline ends at 24:00
 * Shanghai time of its last day. Reminders go out REMIND_BEFORE_DAYS before, once per deadline.
 */
export const MEDIATION_DAYS = 30;
export const CONFIRMATION_DAYS = 30;
export const MAX_EXTENSION_DAYS = 30;
export const REMIND_BEFORE_DAYS = 3;
const DAY_MS = 24 * 3600 * 1000;

function addCalendarDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The end of the n-th calendar day after the (Shanghai) day of `start`. */
export function dueAfterDays(start: Date, days: number): Date {
  return endOfDay(addCalendarDays(shanghaiDay(start), days));
}

export function mediationDue(acceptedAt: Date, extendedDays = 0): Date {
  return dueAfterDays(acceptedAt, MEDIATION_DAYS + extendedDays);
}

export function confirmationDue(settledAt: Date): Date {
  return dueAfterDays(settledAt, CONFIRMATION_DAYS);
}

/** An extension moves a running mediation deadline by whole days. */
export function extendDue(due: Date, days: number): Date {
  return new Date(due.getTime() + days * DAY_MS);
}

const MEDIATION_RUNNING: readonly DisputeStatus[] = ["accepted", "mediator_assigned", "respondent_invited", "in_mediation", "agreement_pending"];

/** Whether the clock of a deadline runs in a status (it stops when the step it limits is done). */
export function clockRuns(kind: DeadlineKind, status: DisputeStatus): boolean {
  return kind === "mediation" ? MEDIATION_RUNNING.includes(status) : status === "settled";
}

export type Deadline = { kind: DeadlineKind; dueAt: Date; running: boolean; overdue: boolean; soon: boolean; daysLeft: number };

/** Whole days left until a deadline (0 on its last day, negative once missed). */
export function daysLeft(dueAt: Date, now: Date): number {
  return Math.ceil((dueAt.getTime() - now.getTime()) / DAY_MS) - 1;
}

/** The reminder of a deadline is due from REMIND_BEFORE_DAYS before it until it passes. */
export function reminderDue(dueAt: Date, now: Date): boolean {
  return now.getTime() >= dueAt.getTime() - REMIND_BEFORE_DAYS * DAY_MS && now.getTime() < dueAt.getTime();
}

/** The deadlines of a case as shown on its page and in the list. */
export function deadlinesOf(c: { status: DisputeStatus; mediationDueAt: Date | null; confirmationDueAt: Date | null }, now: Date): Deadline[] {
  const out: Deadline[] = [];
  const add = (kind: DeadlineKind, dueAt: Date | null) => {
    if (!dueAt) return;
    const running = clockRuns(kind, c.status);
    out.push({
      kind,
      dueAt,
      running,
      overdue: running && now.getTime() >= dueAt.getTime(),
      soon: running && reminderDue(dueAt, now),
      daysLeft: daysLeft(dueAt, now),
    });
  };
  add("mediation", c.mediationDueAt);
  add("confirmation", c.confirmationDueAt);
  return out;
}

/**
 * A deadline is missed when the step it limits came after it (mediation ended after the due day;
 * confirmation applied for after it), or has not come and the deadline has passed.
 */
export function missed(dueAt: Date | null, doneAt: Date | null, running: boolean, now: Date): boolean {
  if (!dueAt) return false;
  if (doneAt) return doneAt.getTime() >= dueAt.getTime();
  return running && now.getTime() >= dueAt.getTime();
}
