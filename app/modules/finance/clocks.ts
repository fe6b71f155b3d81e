/**
 * The finance clocks as pure rules (unit-tested in tests/unit/finance-clocks.test.ts): when a
 * need waits too long, when a loan matures, when a maturing loan should have been contacted.
 */
import { addDays } from "../members/membership-rules";
import { CONTACT_BEFORE_DAYS, RENEWAL_WINDOW_DAYS, type LoanStatus, type NeedFlagKind, type NeedStatus } from "./constants";

export { addDays };

/** The same calendar day `months` later (the 31st becomes the month's last day). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export type NeedClock = { status: NeedStatus; claimDueAt: Date; responseDueAt: Date | null; respondedAt: Date | null };

/** Why a need waits too long now: nobody claimed it in time, or the claiming bank has not answered in time. */
export function needFlag(need: NeedClock, now: Date): NeedFlagKind | null {
  if (need.status === "open" && need.claimDueAt.getTime() < now.getTime()) return "unclaimed";
  if (need.status === "claimed" && need.respondedAt === null && need.responseDueAt !== null && need.responseDueAt.getTime() < now.getTime())
    return "unanswered";
  return null;
}

export type LoanClock = { status: LoanStatus; maturesOn: string; lastContactedOn: string | null; renewalOutcome: string | null };

/** A loan still running whose maturity is inside the renewals window (or already passed without an outcome). */
export function isRenewalDue(loan: LoanClock, today: string): boolean {
  return loan.status === "active" && loan.renewalOutcome === null && loan.maturesOn <= addDays(today, RENEWAL_WINDOW_DAYS);
}

/** Banks contact a firm at least a month before maturity: flagged when that day has come without a contact. */
export function isContactOverdue(loan: LoanClock, today: string): boolean {
  return isRenewalDue(loan, today) && loan.lastContactedOn === null && addDays(loan.maturesOn, -CONTACT_BEFORE_DAYS) <= today;
}
