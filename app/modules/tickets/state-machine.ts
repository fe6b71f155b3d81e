import type { TicketStatus } from "./constants";

/**
 * The one state machine of a problem. Every command asks `transition` before it writes;
 * an action not allowed from the current status is refused with a clear message.
 * Waiting on the enterprise is not a status: it pauses the clock of the current stage.
 */
export const ticketActions = ["accept", "reject", "refer", "answer", "return", "resolve", "reopen", "rate", "autoClose"] as const;
export type TicketAction = (typeof ticketActions)[number];

export const transitions: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  // Staff accept a new problem (category, priority, handler).
  accept: { from: ["submitted"], to: "accepted" },
  // Outside the remit: the enterprise sees the reason.
  reject: { from: ["submitted", "accepted"], to: "rejected" },
  // To one department with a due date; an answer staff find wanting can be referred again.
  refer: { from: ["accepted", "answered"], to: "referred" },
  answer: { from: ["referred"], to: "answered" },
  // A department returns a problem that is not theirs: back to staff to re-refer.
  return: { from: ["referred"], to: "accepted" },
  // Staff confirm the answer (or solve it themselves) and write the outcome.
  resolve: { from: ["accepted", "answered"], to: "resolved" },
  // The enterprise reopens within 7 days of resolution: back to accepted, history kept.
  reopen: { from: ["resolved"], to: "accepted" },
  rate: { from: ["resolved"], to: "closed" },
  autoClose: { from: ["resolved"], to: "closed" },
};

export type TransitionResult = { ok: true; to: TicketStatus } | { ok: false; error: "tickets:errors.illegalTransition" };

export function transition(from: TicketStatus, action: TicketAction): TransitionResult {
  const rule = transitions[action];
  if (!rule.from.includes(from)) return { ok: false, error: "tickets:errors.illegalTransition" };
  return { ok: true, to: rule.to };
}

/** The actions possible from a status (the page offers only these). */
export function actionsFrom(from: TicketStatus): TicketAction[] {
  return ticketActions.filter((a) => transitions[a].from.includes(from));
}

/** Waiting on the enterprise pauses a running clock: only before the department has answered. */
export function canWaitOnEnterprise(status: TicketStatus): boolean {
  return status === "submitted" || status === "accepted" || status === "referred";
}

export const OPEN_STATUSES: readonly TicketStatus[] = ["submitted", "accepted", "referred", "answered"];
