import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import {
  associationKinds,
  segments,
  membershipTypes,
  membershipStatuses,
  reminderKinds,
  joinApplicationStatuses,
  changeRequestStatuses,
} from "../../app/modules/members/constants";
export * from "../../app/modules/members/constants";
import type { PublicField } from "../../app/modules/members/constants";

/** A PostgreSQL tsvector (config 'simple'), filled by the members module from name bigrams. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const associations = pgTable("associations", {
  id: serial("id").primaryKey(),
  code: text("code").notNull().unique(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  kind: text("kind", { enum: associationKinds }).notNull(),
  /** Chambers point at the federation so figures roll up. */
  parentId: integer("parent_id"),
  hostsSharedCourt: boolean("hosts_shared_court").notNull().default(false),
  hostsLegalStation: boolean("hosts_legal_station").notNull().default(false),
  /** Enterprises in the district this association serves (the centre: 572). */
  districtEnterpriseCount: integer("district_enterprise_count"),
  /** Where members pay their dues (shown on /my; set by an admin at /admin/associations). */
  duesPayee: text("dues_payee"),
  duesBank: text("dues_bank"),
  duesAccount: text("dues_account"),
  duesNote: text("dues_note"),
});

/** Fields an enterprise may show in the public directory. */

export const enterprises = pgTable(
  "enterprises",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    creditCode: text("credit_code").notNull().unique(),
    legalRep: text("legal_rep").notNull(),
    address: text("address").notNull(),
    village: text("village").notNull(),
    segment: text("segment", { enum: segments }).notNull(),
    aboveSize: boolean("above_size").notNull().default(false),
    // The three figures are optional: null is "not given", which 0 would pass for.
    annualOutputFen: bigint("annual_output_fen", { mode: "number" }),
    employees: integer("employees"),
    /** Export share in whole percent, 0-100. */
    exportSharePct: smallint("export_share_pct"),
    contactPerson: text("contact_person").notNull(),
    phone: text("phone").notNull(),
    email: text("email"),
    publicFields: jsonb("public_fields").$type<PublicField[]>().notNull().default(["segment", "village"]),
    /** Overlapping character bigrams of the name plus latin words: Chinese search without a word parser. */
    searchText: tsvector("search_text"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The staff list's order (name, then id): a later page reads the index instead of sorting
    // every enterprise by name (/members?page=100: 12-14 ms of PostgreSQL with 5,000 firms).
    index("enterprises_name_id_idx").on(t.name, t.id),
    index("enterprises_village_idx").on(t.village),
    index("enterprises_search_idx").using("gin", t.searchText),
  ],
);

export const enterpriseUsers = pgTable(
  "enterprise_users",
  {
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    isOwner: boolean("is_owner").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.userId] }), index("enterprise_users_user_idx").on(t.userId)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: serial("id").primaryKey(),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id, { onDelete: "cascade" }),
    associationId: integer("association_id")
      .notNull()
      .references(() => associations.id),
    type: text("type", { enum: membershipTypes }).notNull().default("member"),
    status: text("status", { enum: membershipStatuses }).notNull().default("pending"),
    joinedOn: date("joined_on"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    statusReason: text("status_reason"),
  },
  (t) => [
    uniqueIndex("memberships_enterprise_association_uq").on(t.enterpriseId, t.associationId),
    index("memberships_association_status_idx").on(t.associationId, t.status),
  ],
);

export const membershipStatusChanges = pgTable(
  "membership_status_changes",
  {
    id: serial("id").primaryKey(),
    membershipId: integer("membership_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    reason: text("reason"),
    changedBy: text("changed_by"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("membership_status_changes_membership_idx").on(t.membershipId)],
);

/** Annual dues per association and membership type, in fen. */
export const duesRates = pgTable(
  "dues_rates",
  {
    associationId: integer("association_id")
      .notNull()
      .references(() => associations.id),
    type: text("type", { enum: membershipTypes }).notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.associationId, t.type] })],
);

export const dues = pgTable(
  "dues",
  {
    id: serial("id").primaryKey(),
    membershipId: integer("membership_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    dueOn: date("due_on").notNull(),
    paidOn: date("paid_on"),
    recordedBy: text("recorded_by"),
  },
  (t) => [uniqueIndex("dues_membership_year_uq").on(t.membershipId, t.year)],
);

/** One row per reminder per dues record and kind: the unique index makes a skipped or doubled reminder visible. */
export const renewalReminders = pgTable(
  "renewal_reminders",
  {
    id: serial("id").primaryKey(),
    duesId: integer("dues_id")
      .notNull()
      .references(() => dues.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: reminderKinds }).notNull(),
    /** False when a later reminder of the same dues superseded this one before it went out (recorded, not skipped silently). */
    notified: boolean("notified").notNull().default(true),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("renewal_reminders_dues_kind_uq").on(t.duesId, t.kind)],
);

export const joinApplications = pgTable(
  "join_applications",
  {
    id: serial("id").primaryKey(),
    associationId: integer("association_id")
      .notNull()
      .references(() => associations.id),
    applicantUserId: text("applicant_user_id")
      .notNull()
      .references(() => users.id),
    /** The enterprise profile as submitted; becomes an enterprise row on approval. */
    profile: jsonb("profile").$type<Record<string, unknown>>().notNull(),
    creditCode: text("credit_code").notNull(),
    requestedType: text("requested_type", { enum: membershipTypes }).notNull().default("member"),
    status: text("status", { enum: joinApplicationStatuses }).notNull().default("pending"),
    decisionReason: text("decision_reason"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    enterpriseId: integer("enterprise_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("join_applications_status_idx").on(t.status, t.createdAt),
    // At most one pending application per credit code.
    uniqueIndex("join_applications_pending_credit_code_uq")
      .on(t.creditCode)
      .where(sql`status = 'pending'`),
  ],
);

/** A member asks staff to change the enterprise's name or credit code; staff decide on /members/:id. */
export const enterpriseChangeRequests = pgTable(
  "enterprise_change_requests",
  {
    id: serial("id").primaryKey(),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id, { onDelete: "cascade" }),
    requestedBy: text("requested_by")
      .notNull()
      .references(() => users.id),
    /** The requested values: { name?, creditCode? }. */
    changes: jsonb("changes").$type<{ name?: string; creditCode?: string }>().notNull(),
    note: text("note"),
    status: text("status", { enum: changeRequestStatuses }).notNull().default("pending"),
    decisionReason: text("decision_reason"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("enterprise_change_requests_enterprise_idx").on(t.enterpriseId, t.status)],
);

/**
 * Rows of a members import written in short batches before one INSERT … SELECT publishes them
 * all: the import stays all-or-nothing without holding the (single-connection) embedded database
 * for the whole file. Rows of an import that never finished are deleted by the next import.
 */
export const memberImportRows = pgTable(
  "member_import_rows",
  {
    importId: text("import_id").notNull(),
    line: integer("line").notNull(),
    /** The enterprise's column values keyed by column name (jsonb_populate_record reads them). */
    enterprise: jsonb("enterprise").notNull(),
    /** Computed while staging, so that publishing does less. */
    searchText: tsvector("search_text").notNull(),
    associationId: integer("association_id").notNull(),
    membershipType: text("membership_type", { enum: membershipTypes }).notNull(),
    stagedAt: timestamp("staged_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] }), index("member_import_rows_staged_at_idx").on(t.stagedAt)],
);
