import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { associations, enterprises } from "./members";
import {
  deadlineKinds,
  disputeEventKinds,
  disputeStatuses,
  disputeTypes,
  legalServiceKinds,
  sessionModes,
  stationRoles,
} from "../../app/modules/disputes/constants";

export * from "../../app/modules/disputes/constants";

/** A shared-court station (共享法庭) hosted by a chamber, docking with one court. */
export const disputeStations = pgTable("dispute_stations", {
  id: serial("id").primaryKey(),
  /** Two digits in the case codes of the station (01..99). */
  number: integer("number").notNull().unique(),
  associationId: integer("association_id")
    .notNull()
    .unique()
    .references(() => associations.id),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  address: text("address").notNull(),
  courtZh: text("court_zh").notNull(),
  courtEn: text("court_en").notNull(),
});

/** Who works at a station: its staff see all its cases; a mediator sees the cases assigned to them. */
export const disputeStationPeople = pgTable(
  "dispute_station_people",
  {
    stationId: integer("station_id")
      .notNull()
      .references(() => disputeStations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: stationRoles }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.stationId, t.userId] }), index("dispute_station_people_user_idx").on(t.userId)],
);

export const disputeCases = pgTable(
  "dispute_cases",
  {
    id: serial("id").primaryKey(),
    /** The dispute-resolution code (解纷码): follows the case end to end, shown to the parties, used to look it up. */
    code: text("code").notNull().unique(),
    stationId: integer("station_id")
      .notNull()
      .references(() => disputeStations.id),
    applicantEnterpriseId: integer("applicant_enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    /** A member enterprise, or null for an outside party described by the three fields below. */
    respondentEnterpriseId: integer("respondent_enterprise_id").references(() => enterprises.id),
    respondentName: text("respondent_name").notNull(),
    respondentCreditCode: text("respondent_credit_code"),
    respondentContact: text("respondent_contact"),
    type: text("type", { enum: disputeTypes }).notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull().default(0),
    facts: text("facts").notNull(),
    request: text("request").notNull(),
    consentToMediation: boolean("consent_to_mediation").notNull(),
    status: text("status", { enum: disputeStatuses }).notNull().default("filed"),
    mediatorId: text("mediator_id").references(() => users.id),
    filedBy: text("filed_by").references(() => users.id),
    filedAt: timestamp("filed_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    declineReason: text("decline_reason"),
    /** Mediation deadline: 30 days from acceptance, moved only by an extension both parties consented to. */
    mediationDueAt: timestamp("mediation_due_at", { withTimezone: true }),
    invitedAt: timestamp("invited_at", { withTimezone: true }),
    respondentAnswer: text("respondent_answer"),
    respondentAnsweredAt: timestamp("respondent_answered_at", { withTimezone: true }),
    /** An extension asked for (days, reason) and each party's consent. */
    extensionDays: integer("extension_days"),
    extensionReason: text("extension_reason"),
    extensionApplicantConsentAt: timestamp("extension_applicant_consent_at", { withTimezone: true }),
    extensionRespondentConsentAt: timestamp("extension_respondent_consent_at", { withTimezone: true }),
    extendedDays: integer("extended_days").notNull().default(0),
    /** The mediation agreement: terms filled into the template, the amount agreed and each party's confirmation. */
    agreementTerms: text("agreement_terms"),
    agreementAmountFen: bigint("agreement_amount_fen", { mode: "number" }),
    agreementDraftedAt: timestamp("agreement_drafted_at", { withTimezone: true }),
    applicantConfirmedAt: timestamp("applicant_confirmed_at", { withTimezone: true }),
    applicantConfirmedBy: text("applicant_confirmed_by").references(() => users.id),
    respondentConfirmedAt: timestamp("respondent_confirmed_at", { withTimezone: true }),
    respondentConfirmedBy: text("respondent_confirmed_by").references(() => users.id),
    /** When both parties had confirmed: the agreement's date. */
    settledAt: timestamp("settled_at", { withTimezone: true }),
    /** Judicial confirmation must be applied for within 30 days of the agreement. */
    confirmationDueAt: timestamp("confirmation_due_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    failReason: text("fail_reason"),
    referredAt: timestamp("referred_at", { withTimezone: true }),
    referralCourt: text("referral_court"),
    referralCaseNumber: text("referral_case_number"),
    referralDate: date("referral_date"),
    judicialAppliedAt: timestamp("judicial_applied_at", { withTimezone: true }),
    judicialCourt: text("judicial_court"),
    judicialCaseNumber: text("judicial_case_number"),
    judicialDecidedAt: timestamp("judicial_decided_at", { withTimezone: true }),
    judicialDecision: text("judicial_decision", { enum: ["confirmed", "refused"] }),
    judicialNote: text("judicial_note"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("dispute_cases_station_filed_idx").on(t.stationId, t.filedAt, t.id),
    index("dispute_cases_applicant_idx").on(t.applicantEnterpriseId, t.filedAt),
    index("dispute_cases_respondent_idx").on(t.respondentEnterpriseId, t.filedAt),
    index("dispute_cases_mediator_idx").on(t.mediatorId, t.filedAt),
    index("dispute_cases_status_idx").on(t.status),
    index("dispute_cases_mediation_due_idx")
      .on(t.mediationDueAt)
      .where(sql`${t.mediationDueAt} is not null`),
    index("dispute_cases_confirmation_due_idx")
      .on(t.confirmationDueAt)
      .where(sql`${t.confirmationDueAt} is not null`),
  ],
);

/** Mediation sessions: online (a link) or in person (a place), with the minutes once held. */
export const disputeSessions = pgTable(
  "dispute_sessions",
  {
    id: serial("id").primaryKey(),
    caseId: integer("case_id")
      .notNull()
      .references(() => disputeCases.id, { onDelete: "cascade" }),
    mode: text("mode", { enum: sessionModes }).notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    place: text("place"),
    link: text("link"),
    minutes: text("minutes"),
    minutesAt: timestamp("minutes_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("dispute_sessions_case_idx").on(t.caseId, t.startsAt)],
);

/** The case's timeline. */
export const disputeEvents = pgTable(
  "dispute_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    caseId: integer("case_id")
      .notNull()
      .references(() => disputeCases.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorId: text("actor_id").references(() => users.id),
    actorName: text("actor_name"),
    kind: text("kind", { enum: disputeEventKinds }).notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    body: text("body"),
  },
  (t) => [index("dispute_events_case_idx").on(t.caseId, t.at)],
);

/** One reminder per deadline (kind and due instant): an extension's new deadline gets its own. */
export const disputeReminders = pgTable(
  "dispute_reminders",
  {
    id: serial("id").primaryKey(),
    caseId: integer("case_id")
      .notNull()
      .references(() => disputeCases.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: deadlineKinds }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("dispute_reminders_once_idx").on(t.caseId, t.kind, t.dueAt)],
);

/** Legal health checks (法治体检) and law lectures, for an enterprise or a chamber. */
export const legalServices = pgTable(
  "legal_services",
  {
    id: serial("id").primaryKey(),
    kind: text("kind", { enum: legalServiceKinds }).notNull(),
    heldOn: date("held_on").notNull(),
    enterpriseId: integer("enterprise_id").references(() => enterprises.id),
    associationId: integer("association_id").references(() => associations.id),
    /** The lawyer or law firm. */
    provider: text("provider").notNull(),
    topic: text("topic").notNull(),
    findings: text("findings").notNull().default(""),
    followUp: text("follow_up").notNull().default(""),
    attendees: integer("attendees"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("legal_services_held_idx").on(t.kind, t.heldOn),
    index("legal_services_enterprise_idx").on(t.enterpriseId),
    index("legal_services_association_idx").on(t.associationId),
  ],
);
