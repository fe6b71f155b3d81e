// The words of the disputes capability (shared-court cases, legal services), shared by the tables,
// the forms and the pages (no server code here).
export const disputeTypes = ["contract", "payment_arrears", "product_quality", "intellectual_property", "labour", "lease", "other"] as const;
export type DisputeType = (typeof disputeTypes)[number];

/**
 * A case's status (state-machine.ts says which action leads where):
 * filed → accepted (or declined) → mediator_assigned → respondent_invited → in_mediation
 * (or respondent_declined) → agreement_pending → settled (both parties confirmed) or failed →
 * referred (to court); settled → judicial_applied → judicial_confirmed / judicial_refused; closed.
 */
export const disputeStatuses = [
  "filed",
  "accepted",
  "declined",
  "mediator_assigned",
  "respondent_invited",
  "respondent_declined",
  "in_mediation",
  "agreement_pending",
  "settled",
  "failed",
  "referred",
  "judicial_applied",
  "judicial_confirmed",
  "judicial_refused",
  "closed",
] as const;
export type DisputeStatus = (typeof disputeStatuses)[number];

export const sessionModes = ["online", "in_person"] as const;
export type SessionMode = (typeof sessionModes)[number];

/** Station people: staff run the station (intake, assignment, court docking); mediators mediate. */
export const stationRoles = ["staff", "mediator"] as const;
export type StationRole = (typeof stationRoles)[number];

/** The two legal deadlines of a case. */
export const deadlineKinds = ["mediation", "confirmation"] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

export const legalServiceKinds = ["health_check", "lecture"] as const;
export type LegalServiceKind = (typeof legalServiceKinds)[number];

export const disputeEventKinds = [
  "filed",
  "accepted",
  "declined",
  "mediator_assigned",
  "respondent_invited",
  "respondent_agreed",
  "respondent_declined",
  "session_scheduled",
  "minutes_recorded",
  "agreement_drafted",
  "agreement_confirmed",
  "agreement_rejected",
  "settled",
  "failed",
  "referred",
  "judicial_applied",
  "judicial_confirmed",
  "judicial_refused",
  "closed",
  "extension_requested",
  "extension_consented",
  "extension_granted",
  "evidence_added",
  "reminder_sent",
] as const;
export type DisputeEventKind = (typeof disputeEventKinds)[number];

export const EVIDENCE_FIELD = "evidence";
export const MAX_EVIDENCE_FILES = 10;
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
