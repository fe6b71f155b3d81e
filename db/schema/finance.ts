import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { associations, enterprises, type Segment } from "./members";
import { banks } from "./organisations";
import {
  applicationStatuses,
  loanStatuses,
  needFlagKinds,
  needOutcomes,
  needPurposes,
  needSources,
  needStatuses,
  productStatuses,
  productTypes,
  renewalOutcomes,
  type CollateralKind,
} from "../../app/modules/finance/constants";

/**
 * Financing: banks' credit products, enterprises' needs and the matches between them, claims,
 * applications, loans, renewals and the credit lines banks grant to associations.
 * Money in fen (bigint), annual rates in basis points (385 = 3.85 %), terms in months.
 */

/** The finance side of an enterprise: its finance liaison (a staff user), founding year, renewal service. */
export const financeProfiles = pgTable(
  "finance_profiles",
  {
    enterpriseId: integer("enterprise_id")
      .primaryKey()
      .references(() => enterprises.id, { onDelete: "cascade" }),
    liaisonUserId: text("liaison_user_id").references(() => users.id),
    foundedYear: smallint("founded_year"),
    /** In the renewal (续贷) service run by the liaisons. */
    inRenewalService: boolean("in_renewal_service").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("finance_profiles_liaison_idx").on(t.liaisonUserId)],
);

export const creditProducts = pgTable(
  "credit_products",
  {
    id: serial("id").primaryKey(),
    bankId: integer("bank_id")
      .notNull()
      .references(() => banks.id),
    name: text("name").notNull(),
    type: text("type", { enum: productTypes }).notNull(),
    description: text("description").notNull().default(""),
    minAmountFen: bigint("min_amount_fen", { mode: "number" }).notNull(),
    maxAmountFen: bigint("max_amount_fen", { mode: "number" }).notNull(),
    minRateBp: integer("min_rate_bp").notNull(),
    maxRateBp: integer("max_rate_bp").notNull(),
    minTermMonths: integer("min_term_months").notNull(),
    maxTermMonths: integer("max_term_months").notNull(),
    // Eligibility rules (null / false / empty: no such rule).
    minYearsInBusiness: integer("min_years_in_business"),
    aboveSizeOnly: boolean("above_size_only").notNull().default(false),
    minAnnualOutputFen: bigint("min_annual_output_fen", { mode: "number" }),
    segments: jsonb("segments")
      .$type<Segment[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    membersOnly: boolean("members_only").notNull().default(false),
    collateralRequired: boolean("collateral_required").notNull().default(false),
    acceptedCollateral: jsonb("accepted_collateral")
      .$type<CollateralKind[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to"),
    status: text("status", { enum: productStatuses }).notNull().default("active"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("credit_products_bank_idx").on(t.bankId),
    index("credit_products_status_idx").on(t.status),
    check("credit_products_amount_range", sql`${t.minAmountFen} >= 0 and ${t.minAmountFen} <= ${t.maxAmountFen}`),
    check("credit_products_rate_range", sql`${t.minRateBp} >= 0 and ${t.minRateBp} <= ${t.maxRateBp}`),
    check("credit_products_term_range", sql`${t.minTermMonths} >= 1 and ${t.minTermMonths} <= ${t.maxTermMonths}`),
  ],
);

/** 授信: an amount a bank grants to an association's members; drawn grows with every loan under it. */
export const creditLines = pgTable(
  "credit_lines",
  {
    id: serial("id").primaryKey(),
    bankId: integer("bank_id")
      .notNull()
      .references(() => banks.id),
    associationId: integer("association_id")
      .notNull()
      .references(() => associations.id),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    drawnFen: bigint("drawn_fen", { mode: "number" }).notNull().default(0),
    grantedOn: date("granted_on").notNull(),
    expiresOn: date("expires_on"),
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("credit_lines_association_idx").on(t.associationId),
    // The last guard: a line is never overdrawn, whatever the code above does.
    check("credit_lines_not_overdrawn", sql`${t.drawnFen} >= 0 and ${t.drawnFen} <= ${t.amountFen}`),
  ],
);

export const financingNeeds = pgTable(
  "financing_needs",
  {
    id: serial("id").primaryKey(),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    purpose: text("purpose", { enum: needPurposes }).notNull(),
    description: text("description").notNull().default(""),
    termMonths: integer("term_months").notNull(),
    /** The highest annual rate the enterprise accepts. */
    maxRateBp: integer("max_rate_bp").notNull(),
    collateral: jsonb("collateral")
      .$type<CollateralKind[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    neededBy: date("needed_by").notNull(),
    source: text("source", { enum: needSources }).notNull().default("member"),
    status: text("status", { enum: needStatuses }).notNull().default("open"),
    claimDueAt: timestamp("claim_due_at", { withTimezone: true }).notNull(),
    claimedBankId: integer("claimed_bank_id").references(() => banks.id),
    claimedBy: text("claimed_by").references(() => users.id),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    responseDueAt: timestamp("response_due_at", { withTimezone: true }),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    outcome: text("outcome", { enum: needOutcomes }),
    outcomeNote: text("outcome_note"),
    /** Set when the liaison was told the need waits (unclaimed, or claimed and unanswered). */
    flaggedAt: timestamp("flagged_at", { withTimezone: true }),
    flagKind: text("flag_kind", { enum: needFlagKinds }),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("financing_needs_enterprise_idx").on(t.enterpriseId, t.createdAt),
    index("financing_needs_created_idx").on(t.createdAt, t.id),
    index("financing_needs_status_idx").on(t.status),
    index("financing_needs_claimed_bank_idx").on(t.claimedBankId),
    check("financing_needs_amount_positive", sql`${t.amountFen} > 0`),
  ],
);

/**
 * The products that fit a need (hard rules met), kept when a need is posted or a product changes:
 * a bank sees a need only through a row here. The reasons are recomputed by the pure rules on display.
 */
export const needMatches = pgTable(
  "need_matches",
  {
    needId: integer("need_id")
      .notNull()
      .references(() => financingNeeds.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => creditProducts.id, { onDelete: "cascade" }),
    bankId: integer("bank_id")
      .notNull()
      .references(() => banks.id),
    score: smallint("score").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.needId, t.productId] }),
    index("need_matches_bank_need_idx").on(t.bankId, t.needId),
    index("need_matches_product_idx").on(t.productId, t.score),
  ],
);

export const loanApplications = pgTable(
  "loan_applications",
  {
    id: serial("id").primaryKey(),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    productId: integer("product_id")
      .notNull()
      .references(() => creditProducts.id),
    bankId: integer("bank_id")
      .notNull()
      .references(() => banks.id),
    needId: integer("need_id").references(() => financingNeeds.id),
    /** Drawn under an association's credit line when set. */
    creditLineId: integer("credit_line_id").references(() => creditLines.id),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    termMonths: integer("term_months").notNull(),
    note: text("note").notNull().default(""),
    status: text("status", { enum: applicationStatuses }).notNull().default("submitted"),
    infoRequest: text("info_request"),
    approvedAmountFen: bigint("approved_amount_fen", { mode: "number" }),
    approvedRateBp: integer("approved_rate_bp"),
    approvedTermMonths: integer("approved_term_months"),
    declineReason: text("decline_reason"),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("loan_applications_bank_idx").on(t.bankId, t.status),
    index("loan_applications_enterprise_idx").on(t.enterpriseId),
    index("loan_applications_created_idx").on(t.createdAt, t.id),
  ],
);

export const loanApplicationEvents = pgTable(
  "loan_application_events",
  {
    id: serial("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => loanApplications.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name"),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    note: text("note"),
  },
  (t) => [index("loan_application_events_application_idx").on(t.applicationId)],
);

export const loans = pgTable(
  "loans",
  {
    id: serial("id").primaryKey(),
    applicationId: integer("application_id").references(() => loanApplications.id),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    bankId: integer("bank_id")
      .notNull()
      .references(() => banks.id),
    productId: integer("product_id").references(() => creditProducts.id),
    creditLineId: integer("credit_line_id").references(() => creditLines.id),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    rateBp: integer("rate_bp").notNull(),
    termMonths: integer("term_months").notNull(),
    disbursedOn: date("disbursed_on").notNull(),
    maturesOn: date("matures_on").notNull(),
    /** May renew without repaying the principal first (无还本续贷), as the bank assessed. */
    renewable: boolean("renewable").notNull().default(false),
    status: text("status", { enum: loanStatuses }).notNull().default("active"),
    lastContactedOn: date("last_contacted_on"),
    contactNote: text("contact_note"),
    renewalOutcome: text("renewal_outcome", { enum: renewalOutcomes }),
    outcomeNote: text("outcome_note"),
    outcomeAt: timestamp("outcome_at", { withTimezone: true }),
    /** Set when the liaison was told the loan was not contacted in time. */
    flaggedAt: timestamp("flagged_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("loans_application_uq").on(t.applicationId),
    index("loans_enterprise_idx").on(t.enterpriseId),
    index("loans_matures_idx").on(t.maturesOn),
    index("loans_bank_idx").on(t.bankId),
    index("loans_credit_line_idx").on(t.creditLineId),
  ],
);
