import { sql } from "drizzle-orm";
import { bigserial, boolean, customType, date, index, integer, pgTable, serial, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { associations, enterprises } from "./members";
import { departments } from "./organisations";

/** A tsvector of overlapping character bigrams (Chinese) and latin words, config 'simple'. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

import { ticketCategories, ticketKinds, ticketPriorities, ticketSources, ticketStatuses, ticketUrgencies } from "../../app/modules/tickets/constants";

export * from "../../app/modules/tickets/constants";

/** Working-day calendar exceptions: a holiday on a weekday, or a make-up working day on a weekend. */
export const calendarDays = pgTable("calendar_days", {
  day: date("day").primaryKey(),
  isWorkday: boolean("is_workday").notNull().default(false),
  name: text("name").notNull(),
});

export const visits = pgTable(
  "visits",
  {
    id: serial("id").primaryKey(),
    visitedOn: date("visited_on").notNull(),
    /** Who visited (names of the staff who went). */
    visitors: text("visitors").notNull(),
    /** Whom: a chamber/association, or an enterprise (one of the two). */
    associationId: integer("association_id").references(() => associations.id),
    enterpriseId: integer("enterprise_id").references(() => enterprises.id),
    notes: text("notes").notNull().default(""),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("visits_visited_on_idx").on(t.visitedOn),
    index("visits_enterprise_idx").on(t.enterpriseId),
    index("visits_association_idx").on(t.associationId),
  ],
);

export const tickets = pgTable(
  "tickets",
  {
    id: serial("id").primaryKey(),
    kind: text("kind", { enum: ticketKinds }).notNull().default("problem"),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    /** The enterprise's association when the problem came in (queue filter). */
    associationId: integer("association_id").references(() => associations.id),
    category: text("category", { enum: ticketCategories }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    urgency: text("urgency", { enum: ticketUrgencies }).notNull().default("normal"),
    priority: text("priority", { enum: ticketPriorities }).notNull().default("normal"),
    source: text("source", { enum: ticketSources }).notNull().default("online"),
    visitId: integer("visit_id").references(() => visits.id),
    status: text("status", { enum: ticketStatuses }).notNull().default("submitted"),
    handlerId: text("handler_id").references(() => users.id),
    /** The department of the current (or last answered) referral. */
    departmentId: integer("department_id").references(() => departments.id),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    acceptDueAt: timestamp("accept_due_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    answerDueAt: timestamp("answer_due_at", { withTimezone: true }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** The running deadline of the current stage; null when no clock runs (done, or waiting on the enterprise). */
    dueAt: timestamp("due_at", { withTimezone: true }),
    /** Set while staff wait on the enterprise for more information: the clock is paused. */
    waitingSince: timestamp("waiting_since", { withTimezone: true }),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    rejectReason: text("reject_reason"),
    outcome: text("outcome"),
    rating: smallint("rating"),
    ratingComment: text("rating_comment"),
    flaggedForReview: boolean("flagged_for_review").notNull().default(false),
    searchText: tsvector("search_text").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // Ascending (NULLS LAST) so that a backward scan serves "order by created_at desc, id desc" (NULLS FIRST).
    index("tickets_created_idx").on(t.createdAt, t.id),
    index("tickets_status_created_idx").on(t.status, t.createdAt, t.id),
    index("tickets_department_created_idx").on(t.departmentId, t.createdAt, t.id),
    index("tickets_enterprise_created_idx").on(t.enterpriseId, t.createdAt, t.id),
    index("tickets_association_created_idx").on(t.associationId, t.createdAt, t.id),
    index("tickets_category_created_idx").on(t.category, t.createdAt, t.id),
    index("tickets_handler_idx").on(t.handlerId),
    // The queue's tab counts ("mine or nobody's" in a status, overdue, escalated) read these alone
    // (index-only, up to the count cap): a scan of the table otherwise, 10-100 ms on 100,000 problems.
    index("tickets_status_handler_idx").on(t.status, t.handlerId),
    index("tickets_due_handler_idx")
      .on(t.dueAt, t.handlerId)
      .where(sql`${t.dueAt} is not null`),
    // The staff lead's escalation list (open referrals past their limit), and the escalated tab's count.
    index("tickets_escalated_handler_idx")
      .on(t.dueAt, t.handlerId)
      .where(sql`${t.escalatedAt} is not null and ${t.status} = 'referred'`),
    index("tickets_resolved_idx").on(t.resolvedAt),
    index("tickets_closed_idx").on(t.closedAt),
    index("tickets_search_idx").using("gin", t.searchText),
  ],
);

export const ticketReferrals = pgTable(
  "ticket_referrals",
  {
    id: serial("id").primaryKey(),
    ticketId: integer("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    referredBy: text("referred_by").references(() => users.id),
    referredAt: timestamp("referred_at", { withTimezone: true }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answeredBy: text("answered_by").references(() => users.id),
    answer: text("answer"),
    returnedAt: timestamp("returned_at", { withTimezone: true }),
    returnReason: text("return_reason"),
  },
  (t) => [index("ticket_referrals_ticket_idx").on(t.ticketId), index("ticket_referrals_department_idx").on(t.departmentId, t.referredAt)],
);

export const ticketEventKinds = [
  "submitted",
  "accepted",
  "rejected",
  "referred",
  "answered",
  "returned",
  "resolved",
  "reopened",
  "rated",
  "closed",
  "auto_closed",
  "info_requested",
  "info_provided",
  "escalated",
  "comment",
  "chased",
  "reassigned",
] as const;
export type TicketEventKind = (typeof ticketEventKinds)[number];

/** The timeline: every event with who and when; internal ones are never shown to the enterprise. */
export const ticketEvents = pgTable(
  "ticket_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ticketId: integer("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorId: text("actor_id").references(() => users.id),
    actorName: text("actor_name"),
    kind: text("kind", { enum: ticketEventKinds }).notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    body: text("body"),
    internal: boolean("internal").notNull().default(false),
    departmentId: integer("department_id"),
  },
  (t) => [index("ticket_events_ticket_idx").on(t.ticketId, t.at)],
);
