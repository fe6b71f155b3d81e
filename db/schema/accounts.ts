import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { roles } from "../../app/modules/accounts/constants";
export * from "../../app/modules/accounts/constants";

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull().unique(),
    passwordHash: text("password_hash").notNull(),
    displayName: text("display_name").notNull(),
    /** Stored normalised (digits only, no +86) so sign-in by mobile number finds it (app/modules/accounts/identifier.ts). */
    phone: text("phone"),
    role: text("role", { enum: roles }).notNull(),
    /** For role "department": the department this liaison answers for. */
    departmentId: integer("department_id"),
    /** For role "bank": the bank this officer works for. */
    bankId: integer("bank_id"),
    /** A staff lead sees escalations (overdue referrals) on their dashboard. */
    isLead: boolean("is_lead").notNull().default(false),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("users_role_idx").on(t.role)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: boolean("succeeded").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_attempts_email_at_idx").on(t.email, t.at), index("login_attempts_ip_at_idx").on(t.ip, t.at)],
);

/**
 * Counters of attempts in a fixed window, one row per key ("login:acct+ip:…", "login:ip:…",
 * "register:ip:…"): counted and read in one atomic INSERT … ON CONFLICT … RETURNING, so parallel
 * requests and several web processes share them (docs/decisions/030-login-throttle.md).
 */
export const throttleCounters = pgTable(
  "throttle_counters",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  },
  (t) => [index("throttle_counters_window_idx").on(t.windowStart)],
);

/** Append-only: a trigger in the migrations refuses UPDATE and DELETE. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
  },
  (t) => [index("audit_events_at_idx").on(t.at), index("audit_events_entity_idx").on(t.entityType, t.entityId), index("audit_events_actor_idx").on(t.actorId)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** i18n key of the message, with its params, so it renders in the reader's language. */
    messageKey: text("message_key").notNull(),
    params: jsonb("params")
      .$type<Record<string, string | number>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    link: text("link"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user_unread_idx").on(t.userId, t.readAt)],
);

/** Every email the portal means to send; the mailer marks it sent when SMTP is configured. */
export const emailOutbox = pgTable("email_outbox", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  toAddress: text("to_address").notNull(),
  subject: text("subject").notNull(),
  body: text("body").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp("sent_at", { withTimezone: true }),
  error: text("error"),
  attempts: integer("attempts").notNull().default(0),
  /** Sent before the others (a password-reset link expires in 30 minutes; it must not wait behind a backlog of notices). */
  urgent: boolean("urgent").notNull().default(false),
  /**
   * A mailer that took the message holds it until then (FOR UPDATE SKIP LOCKED claim): another
   * process or machine skips it; one that died leaves it to the others once the time passes.
   */
  claimedUntil: timestamp("claimed_until", { withTimezone: true }),
});

/**
 * Password-reset links (issue 18). Only the SHA-256 of the token is kept: a copy of this table
 * cannot be used to reset anyone's password. A row is consumed once (usedAt); a newer request
 * for the same user deletes the older unused rows, so only the latest link works.
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);
