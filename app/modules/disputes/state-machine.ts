import type { DisputeStatus } from "./constants";

/**
 * The one state machine of a dispute case. Every command asks `transition` before it writes; an
 * action not allowed from the current status is refused. Confirming the agreement is special: the
 * case becomes settled only when both parties have confirmed (settlementAfterConfirmation).
 */
export const disputeActions = [
  "accept",
  "decline",
  "assignMediator",
  "inviteRespondent",
  "respondentAgree",
  "respondentDecline",
  "draftAgreement",
  "confirmAgreement",
  "rejectAgreement",
  "fail",
  "referToCourt",
  "applyJudicial",
  "confirmJudicial",
  "refuseJudicial",
  "close",
] as const;
export type DisputeAction = (typeof disputeActions)[number];

/** Who may take an action (the module checks the actor's place on the case against this). */
export type CaseRole = "station" | "mediator" | "applicant" | "respondent";

export const transitions: Record<DisputeAction, { from: readonly DisputeStatus[]; to: DisputeStatus; by: readonly CaseRole[] }> = {
  // Station staff take the case in (the mediation clock starts) or decline it with a reason.
  accept: { from: ["filed"], to: "accepted", by: ["station"] },
  decline: { from: ["filed"], to: "declined", by: ["station"] },
  // Station staff assign one of the station's mediators (again, to change mediator, before the respondent is invited).
  assignMediator: { from: ["accepted", "mediator_assigned"], to: "mediator_assigned", by: ["station"] },
  inviteRespondent: { from: ["mediator_assigned"], to: "respondent_invited", by: ["station", "mediator"] },
  // A member respondent answers in the portal; station staff record an outside respondent's answer.
  respondentAgree: { from: ["respondent_invited"], to: "in_mediation", by: ["respondent", "station"] },
  respondentDecline: { from: ["respondent_invited"], to: "respondent_declined", by: ["respondent", "station"] },
  // The mediator writes the agreed terms into the template; the parties then confirm or reject it.
  draftAgreement: { from: ["in_mediation"], to: "agreement_pending", by: ["mediator"] },
  confirmAgreement: { from: ["agreement_pending"], to: "agreement_pending", by: ["applicant", "respondent", "station"] },
  rejectAgreement: { from: ["agreement_pending"], to: "in_mediation", by: ["applicant", "respondent", "station"] },
  fail: { from: ["in_mediation", "agreement_pending"], to: "failed", by: ["mediator"] },
  // Litigation-mediation docking: a case that could not be settled goes to the court.
  referToCourt: { from: ["failed", "respondent_declined"], to: "referred", by: ["station"] },
  applyJudicial: { from: ["settled"], to: "judicial_applied", by: ["station", "mediator"] },
  confirmJudicial: { from: ["judicial_applied"], to: "judicial_confirmed", by: ["station"] },
  refuseJudicial: { from: ["judicial_applied"], to: "judicial_refused", by: ["station"] },
  close: { from: ["settled", "judicial_confirmed", "judicial_refused", "referred", "failed", "respondent_declined"], to: "closed", by: ["station"] },
};

export type TransitionResult = { ok: true; to: DisputeStatus } | { ok: false; error: "disputes:errors.illegalTransition" | "disputes:errors.notYours" };

export function transition(from: DisputeStatus, action: DisputeAction, roles?: readonly CaseRole[]): TransitionResult {
  const rule = transitions[action];
  if (!rule.from.includes(from)) return { ok: false, error: "disputes:errors.illegalTransition" };
  if (roles && !rule.by.some((r) => roles.includes(r))) return { ok: false, error: "disputes:errors.notYours" };
  return { ok: true, to: rule.to };
}

/** The actions possible from a status for someone with these roles on the case (the page offers only these). */
export function actionsFrom(from: DisputeStatus, roles: readonly CaseRole[]): DisputeAction[] {
  return disputeActions.filter((a) => transitions[a].from.includes(from) && transitions[a].by.some((r) => roles.includes(r)));
}

/**
 * After one party's confirmation: settled only when both have confirmed (a confirmation by station
 * staff stands for an outside respondent, who has no account).
 */
export function settlementAfterConfirmation(confirmed: { applicant: boolean; respondent: boolean }): DisputeStatus {
  return confirmed.applicant && confirmed.respondent ? "settled" : "agreement_pending";
}

/** Sessions are scheduled once the respondent is invited, until the mediation ends. */
export function canScheduleSession(status: DisputeStatus): boolean {
  return status === "respondent_invited" || status === "in_mediation" || status === "agreement_pending";
}

/** Minutes of a held session may be written while the case is in mediation or just after it ended. */
export function canRecordMinutes(status: DisputeStatus): boolean {
  return canScheduleSession(status) || status === "failed" || status === "settled";
}

export const OPEN_STATUSES: readonly DisputeStatus[] = [
  "filed",
  "accepted",
  "mediator_assigned",
  "respondent_invited",
  "in_mediation",
  "agreement_pending",
  "settled",
  "failed",
  "judicial_applied",
];
export const TERMINAL_STATUSES: readonly DisputeStatus[] = ["declined", "closed"];
