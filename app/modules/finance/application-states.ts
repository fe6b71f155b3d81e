/** The application's states and who moves it (pure; unit-tested in tests/unit/finance-states.test.ts). */
import type { ApplicationStatus } from "./constants";

export const applicationActions = ["review", "requestInfo", "provideInfo", "approve", "decline", "disburse", "withdraw"] as const;
export type ApplicationAction = (typeof applicationActions)[number];

/** From which states each action may start, where it leads, and whose it is. */
const moves: Record<ApplicationAction, { from: readonly ApplicationStatus[]; to: ApplicationStatus; by: "bank" | "member" }> = {
  review: { from: ["submitted"], to: "under_review", by: "bank" },
  requestInfo: { from: ["submitted", "under_review"], to: "info_needed", by: "bank" },
  provideInfo: { from: ["info_needed"], to: "under_review", by: "member" },
  approve: { from: ["submitted", "under_review"], to: "approved", by: "bank" },
  decline: { from: ["submitted", "under_review", "info_needed"], to: "declined", by: "bank" },
  disburse: { from: ["approved"], to: "disbursed", by: "bank" },
  withdraw: { from: ["submitted", "under_review", "info_needed", "approved"], to: "withdrawn", by: "member" },
};

export function applicationTransition(from: ApplicationStatus, action: ApplicationAction): { ok: true; to: ApplicationStatus } | { ok: false; error: string } {
  const move = moves[action];
  if (!move.from.includes(from)) return { ok: false, error: "finance:errors.illegalTransition" };
  return { ok: true, to: move.to };
}

/** The actions open to a side ("bank" or "member") in a state: the page offers exactly these. */
export function actionsFor(status: ApplicationStatus, side: "bank" | "member"): ApplicationAction[] {
  return applicationActions.filter((a) => moves[a].by === side && moves[a].from.includes(status));
}

export function isOpenApplication(status: ApplicationStatus): boolean {
  return status === "submitted" || status === "under_review" || status === "info_needed" || status === "approved";
}
