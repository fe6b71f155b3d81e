import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { enterprises } from "./members";
import { fairModes, fairStatuses, boothStatuses } from "../../app/modules/fairs/constants";
import { labourPostKinds, labourPostStatuses } from "../../app/modules/labour/constants";
export * from "../../app/modules/fairs/constants";
export * from "../../app/modules/labour/constants";

/** A job fair run by the association, usually with a partner vocational school. */
export const jobFairs = pgTable(
  "job_fairs",
  {
    id: serial("id").primaryKey(),
    title: text("title").notNull(),
    fairDate: date("fair_date").notNull(),
    /** Local (Asia/Shanghai) wall-clock times, HH:MM. */
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
    mode: text("mode", { enum: fairModes }).notNull().default("onsite"),
    venue: text("venue"),
    onlineUrl: text("online_url"),
    partnerSchool: text("partner_school"),
    boothCapacity: integer("booth_capacity").notNull(),
    /** Enterprises may request a booth from opens to closes (inclusive, Shanghai calendar days). */
    registrationOpens: date("registration_opens").notNull(),
    registrationCloses: date("registration_closes").notNull(),
    description: text("description"),
    status: text("status", { enum: fairStatuses }).notNull().default("draft"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("job_fairs_date_idx").on(t.fairDate),
    check("job_fairs_capacity_ck", sql`${t.boothCapacity} > 0`),
    check("job_fairs_window_ck", sql`${t.registrationOpens} <= ${t.registrationCloses}`),
  ],
);

/** An enterprise's booth at a fair: one per enterprise per fair; approved booths get a number. */
export const fairBooths = pgTable(
  "fair_booths",
  {
    id: serial("id").primaryKey(),
    fairId: integer("fair_id")
      .notNull()
      .references(() => jobFairs.id, { onDelete: "cascade" }),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id, { onDelete: "cascade" }),
    status: text("status", { enum: boothStatuses }).notNull().default("requested"),
    boothNumber: integer("booth_number"),
    note: text("note"),
    requestedBy: text("requested_by").references(() => users.id),
    decisionReason: text("decision_reason"),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("fair_booths_fair_enterprise_uq").on(t.fairId, t.enterpriseId),
    uniqueIndex("fair_booths_fair_number_uq").on(t.fairId, t.boothNumber),
    index("fair_booths_fair_status_idx").on(t.fairId, t.status),
    check("fair_booths_number_ck", sql`(${t.status} = 'approved') = (${t.boothNumber} is not null)`),
  ],
);

/** A seeker's pre-registration for a fair, with the code shown as text and as a QR image. */
export const fairRegistrations = pgTable(
  "fair_registrations",
  {
    id: serial("id").primaryKey(),
    fairId: integer("fair_id")
      .notNull()
      .references(() => jobFairs.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** 8 characters of an unambiguous alphabet, the last a check character; unique across fairs. */
    code: text("code").notNull(),
    fullName: text("full_name").notNull(),
    phone: text("phone"),
    school: text("school"),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    checkedInBy: text("checked_in_by").references(() => users.id),
    /** Set when staff checked the visitor in on another day than the fair's (why): the report counts these apart. */
    checkInOverrideReason: text("check_in_override_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("fair_registrations_code_uq").on(t.code),
    uniqueIndex("fair_registrations_fair_user_uq").on(t.fairId, t.userId),
    index("fair_registrations_fair_phone_idx").on(t.fairId, t.phone),
    index("fair_registrations_fair_checked_idx").on(t.fairId, t.checkedInAt),
  ],
);

/** Skills of the shoe trade, used by both sides so that matching compares like with like. */

/** Labour exchange (用工余缺调剂): workers an enterprise can lend, or workers it needs, for a period. */
export const labourPosts = pgTable(
  "labour_posts",
  {
    id: serial("id").primaryKey(),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: labourPostKinds }).notNull(),
    skills: text("skills").array().notNull(),
    headcount: integer("headcount").notNull(),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    location: text("location").notNull(),
    note: text("note"),
    status: text("status", { enum: labourPostStatuses }).notNull().default("open"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("labour_posts_kind_status_idx").on(t.kind, t.status),
    index("labour_posts_enterprise_idx").on(t.enterpriseId),
    check("labour_posts_headcount_ck", sql`${t.headcount} > 0`),
    check("labour_posts_period_ck", sql`${t.periodStart} <= ${t.periodEnd}`),
  ],
);

/** Staff record a placement when a surplus enterprise and a shortage enterprise agree. */
export const labourPlacements = pgTable(
  "labour_placements",
  {
    id: serial("id").primaryKey(),
    surplusPostId: integer("surplus_post_id")
      .notNull()
      .references(() => labourPosts.id),
    shortagePostId: integer("shortage_post_id")
      .notNull()
      .references(() => labourPosts.id),
    headcount: integer("headcount").notNull(),
    placedOn: date("placed_on").notNull(),
    note: text("note"),
    recordedBy: text("recorded_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("labour_placements_surplus_idx").on(t.surplusPostId),
    index("labour_placements_shortage_idx").on(t.shortagePostId),
    check("labour_placements_headcount_ck", sql`${t.headcount} > 0`),
  ],
);
