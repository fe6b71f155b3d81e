import type { BoothStatus } from "./constants";

/** Pure rules of fairs and booths; the commands in fairs.server.ts apply them under a row lock. */

export type WindowState = "notYetOpen" | "open" | "closed";

/** Booth requests are taken from the opening day to the closing day, both inclusive (Shanghai dates). */
export function registrationWindowState(fair: { registrationOpens: string; registrationCloses: string }, today: string): WindowState {
  if (today < fair.registrationOpens) return "notYetOpen";
  if (today > fair.registrationCloses) return "closed";
  return "open";
}

export type BoothRequestRefusal = "fairNotPublished" | "windowNotYetOpen" | "windowClosed" | "alreadyRequested";

export function canRequestBooth(
  fair: { status: string; registrationOpens: string; registrationCloses: string },
  today: string,
  existing: { status: BoothStatus } | null,
): { ok: true } | { ok: false; error: BoothRequestRefusal } {
  if (fair.status !== "published") return { ok: false, error: "fairNotPublished" };
  const window = registrationWindowState(fair, today);
  if (window === "notYetOpen") return { ok: false, error: "windowNotYetOpen" };
  if (window === "closed") return { ok: false, error: "windowClosed" };
  // A withdrawn request may be made again; a pending, approved or rejected one stands.
  if (existing && existing.status !== "withdrawn") return { ok: false, error: "alreadyRequested" };
  return { ok: true };
}

export type BoothDecisionRefusal = "notPending" | "capacityReached";

/**
 * Approving gives the next number: one more than the highest number given at this fair
 * (numbers are never reused, so a printed plan stays right); refused when the fair is full.
 */
export function nextBoothNumber(
  booth: { status: BoothStatus },
  fair: { boothCapacity: number },
  approvedCount: number,
  highestNumber: number | null,
): { ok: true; number: number } | { ok: false; error: BoothDecisionRefusal } {
  if (booth.status !== "requested") return { ok: false, error: "notPending" };
  if (approvedCount >= fair.boothCapacity) return { ok: false, error: "capacityReached" };
  return { ok: true, number: (highestNumber ?? 0) + 1 };
}

export function canRejectBooth(booth: { status: BoothStatus }): { ok: true } | { ok: false; error: "notPending" } {
  return booth.status === "requested" ? { ok: true } : { ok: false, error: "notPending" };
}

/** Seekers pre-register for a published fair until the fair day itself. */
export function canPreRegister(
  fair: { status: string; fairDate: string },
  today: string,
): { ok: true } | { ok: false; error: "fairNotPublished" | "fairOver" } {
  if (fair.status !== "published") return { ok: false, error: "fairNotPublished" };
  if (today > fair.fairDate) return { ok: false, error: "fairOver" };
  return { ok: true };
}

export function boothTone(status: BoothStatus): "neutral" | "info" | "success" | "warn" | "danger" {
  return status === "approved" ? "success" : status === "requested" ? "warn" : status === "rejected" ? "danger" : "neutral";
}

export type CheckInDay = "fairDay" | "beforeFairDay" | "afterFairDay";

/**
 * A visitor is checked in on the fair's own day only (Shanghai calendar days), so the fair's
 * figures count people who came; staff may override with a reason, which is recorded.
 */
export function checkInDay(fair: { fairDate: string }, today: string): CheckInDay {
  if (today < fair.fairDate) return "beforeFairDay";
  if (today > fair.fairDate) return "afterFairDay";
  return "fairDay";
}
