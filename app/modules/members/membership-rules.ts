/**
 * Membership rules: which status changes are allowed, when a reason is required, and the
 * dates of dues reminders and of lapsing. Pure (calendar dates as YYYY-MM-DD strings) so the
 * same rules run in the sweep, the pages and the unit tests.
 */
import type { MembershipStatus } from "./constants";

export const LAPSE_AFTER_DAYS_OVERDUE = 30;
export const DUE_SOON_DAYS_BEFORE = 30;

/** From each status, where staff may move a membership. */
export const allowedTransitions: Readonly<Record<MembershipStatus, readonly MembershipStatus[]>> = {
  pending: ["active", "withdrawn"],
  active: ["lapsed", "suspended", "withdrawn"],
  lapsed: ["active", "suspended", "withdrawn"],
  suspended: ["active", "withdrawn"],
  withdrawn: ["active"],
};

export function canTransition(from: MembershipStatus, to: MembershipStatus): boolean {
  return allowedTransitions[from].includes(to);
}

/**
 * A reason is required whenever a membership is taken away (lapsed by hand, suspended,
 * withdrawn) and whenever one is given back after a suspension or withdrawal.
 */
export function reasonRequired(from: MembershipStatus, to: MembershipStatus): boolean {
  return to === "suspended" || to === "withdrawn" || to === "lapsed" || from === "suspended" || from === "withdrawn";
}

export type TransitionCheck = { ok: true } | { ok: false; error: "members:errors.transitionNotAllowed" | "members:errors.reasonRequired" };

export function checkTransition(from: MembershipStatus, to: MembershipStatus, reason: string | null | undefined): TransitionCheck {
  if (!canTransition(from, to)) return { ok: false, error: "members:errors.transitionNotAllowed" };
  if (reasonRequired(from, to) && !(reason ?? "").trim()) return { ok: false, error: "members:errors.reasonRequired" };
  return { ok: true };
}

const DAY_MS = 86_400_000;

function toUtc(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

export function addDays(iso: string, days: number): string {
  return new Date(toUtc(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** The first day dues count as 30 days overdue: the membership lapses on that day. */
export function lapseDate(dueOn: string): string {
  return addDays(dueOn, LAPSE_AFTER_DAYS_OVERDUE);
}

export type DuesState = "paid" | "not_due" | "due_soon" | "overdue" | "lapse";

/** Where a dues record stands on `today`. */
export function duesState(dues: { dueOn: string; paidOn: string | null }, today: string): DuesState {
  if (dues.paidOn) return "paid";
  const late = daysBetween(dues.dueOn, today);
  if (late >= LAPSE_AFTER_DAYS_OVERDUE) return "lapse";
  if (late >= 1) return "overdue";
  if (late >= -DUE_SOON_DAYS_BEFORE) return "due_soon";
  return "not_due";
}

/** True when an active membership must lapse on `today` because these dues are 30 days overdue. */
export function shouldLapse(status: MembershipStatus, dues: { dueOn: string; paidOn: string | null }, today: string): boolean {
  return status === "active" && duesState(dues, today) === "lapse";
}

export type ReminderKind = "due_soon" | "overdue" | "lapsed";
export const reminderOrder: readonly ReminderKind[] = ["due_soon", "overdue", "lapsed"];

/** The day each reminder falls due. */
export function reminderDate(dueOn: string, kind: ReminderKind): string {
  if (kind === "due_soon") return addDays(dueOn, -DUE_SOON_DAYS_BEFORE);
  if (kind === "overdue") return addDays(dueOn, 1);
  return lapseDate(dueOn);
}

/**
 * Every reminder that should have been recorded by `today` for unpaid dues, in order. The
 * sweep records each missing one, so a reminder is never skipped even if the sweep did not run
 * on its day; only the latest is notified (the earlier ones are recorded as superseded).
 * Paid dues, and memberships that are suspended, withdrawn or still pending, get none.
 */
export function remindersDue(status: MembershipStatus, dues: { dueOn: string; paidOn: string | null }, today: string): ReminderKind[] {
  if (dues.paidOn) return [];
  if (status !== "active" && status !== "lapsed") return [];
  return reminderOrder.filter((kind) => today >= reminderDate(dues.dueOn, kind));
}

/** Dues of a new membership: this year's, due 31 March, or 30 days after joining when later. */
export function firstDuesDueOn(today: string): string {
  const march = `${today.slice(0, 4)}-03-31`;
  const inThirty = addDays(today, 30);
  return inThirty > march ? inThirty : march;
}

/** The next step a member sees for a membership. */
export function nextStep(status: MembershipStatus, state: DuesState | null): string {
  if (status === "pending") return "members:next.pending";
  if (status === "suspended") return "members:next.suspended";
  if (status === "withdrawn") return "members:next.withdrawn";
  if (status === "lapsed") return "members:next.lapsed";
  if (state === "overdue" || state === "lapse") return "members:next.payOverdue";
  if (state === "due_soon") return "members:next.payDueSoon";
  return "members:next.none";
}
