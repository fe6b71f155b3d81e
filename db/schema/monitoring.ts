import { sql } from "drizzle-orm";
import {
  bigint,
  date,
  doublePrecision,
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
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { enterprises } from "./members";

import { alarmClearers, alarmStatuses, filingStatuses, gatewayScopes, type Thresholds } from "../../app/modules/monitoring/constants";

export * from "../../app/modules/monitoring/constants";

/** Smart electricity meters (一户一表: one per enterprise; the exceptions are listed at /monitoring/meters). */
export const meters = pgTable(
  "meters",
  {
    id: serial("id").primaryKey(),
    /** The meter's number as the power company and the collectors know it. */
    code: text("code").notNull().unique(),
    enterpriseId: integer("enterprise_id").references(() => enterprises.id),
    installedOn: date("installed_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("meters_enterprise_idx").on(t.enterpriseId)],
);

/**
 * Gateways (meter collectors, passage cameras) post to /api/monitoring/* with a bearer token.
 * Only the token's SHA-256 is kept; the token itself is shown once when it is created.
 */
export const gateways = pgTable("gateways", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  scopes: text("scopes").array().$type<(typeof gatewayScopes)[number][]>().notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  /** The first characters of the token, so staff can tell tokens apart. */
  tokenHint: text("token_hint").notNull(),
  createdBy: text("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  revokedBy: text("revoked_by").references(() => users.id),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
});

/**
 * Raw readings: kWh used in the interval ending at read_at. Written by ingest only, never scanned
 * by the pages (they read the rollups below). The primary key makes ingest idempotent; the BRIN
 * index serves time-range scans (retention, exports) at a few pages' cost however large it grows.
 */
export const meterReadings = pgTable(
  "meter_readings",
  {
    meterId: integer("meter_id")
      .notNull()
      .references(() => meters.id),
    readAt: timestamp("read_at", { withTimezone: true }).notNull(),
    kwh: doublePrecision("kwh").notNull(),
    gatewayId: integer("gateway_id"),
  },
  (t) => [primaryKey({ columns: [t.meterId, t.readAt] }), index("meter_readings_read_at_brin").using("brin", t.readAt)],
);

/** Daily rollup (Shanghai calendar days), kept by the same transaction that stores the readings. */
export const meterDays = pgTable(
  "meter_days",
  {
    meterId: integer("meter_id")
      .notNull()
      .references(() => meters.id),
    day: date("day").notNull(),
    kwh: doublePrecision("kwh").notNull(),
    readings: integer("readings").notNull(),
  },
  (t) => [primaryKey({ columns: [t.meterId, t.day] }), index("meter_days_day_brin").using("brin", t.day)],
);

/** Monthly rollup (first day of the month), what the overview and the rules read. */
export const meterMonths = pgTable(
  "meter_months",
  {
    meterId: integer("meter_id")
      .notNull()
      .references(() => meters.id),
    month: date("month").notNull(),
    kwh: doublePrecision("kwh").notNull(),
    readings: integer("readings").notNull(),
  },
  (t) => [primaryKey({ columns: [t.meterId, t.month] }), index("meter_months_month_idx").on(t.month)],
);

/** Tax paid per enterprise and month (fen), from the tax bureau's monthly file. */
export const enterpriseTaxMonths = pgTable(
  "enterprise_tax_months",
  {
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    month: date("month").notNull(),
    taxFen: bigint("tax_fen", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.month] })],
);

/** Employees with social insurance per enterprise and month. */
export const enterpriseHeadcountMonths = pgTable(
  "enterprise_headcount_months",
  {
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    month: date("month").notNull(),
    employees: integer("employees").notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.month] })],
);

/** Land and premises per enterprise (plot and floor area, m²). */
export const enterprisePremises = pgTable("enterprise_premises", {
  enterpriseId: integer("enterprise_id")
    .primaryKey()
    .references(() => enterprises.id),
  landM2: integer("land_m2").notNull().default(0),
  floorM2: integer("floor_m2").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The thresholds of the risk flags (one row, id 1), tuned by staff at /admin/monitoring. */
export const monitoringSettings = pgTable("monitoring_settings", {
  id: smallint("id").primaryKey(),
  thresholds: jsonb("thresholds").$type<Thresholds>().notNull(),
  updatedBy: text("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Rented factory buildings (租赁厂房) with their rental filing (租赁备案) and deposit (租赁保证金). */
export const buildings = pgTable("buildings", {
  id: serial("id").primaryKey(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  village: text("village").notNull(),
  address: text("address").notNull(),
  floors: smallint("floors").notNull(),
  landlord: text("landlord").notNull(),
  filingStatus: text("filing_status", { enum: filingStatuses }).notNull().default("pending"),
  filingNo: text("filing_no"),
  filedOn: date("filed_on"),
  depositFen: bigint("deposit_fen", { mode: "number" }).notNull().default(0),
  depositPaidOn: date("deposit_paid_on"),
  depositRefundedOn: date("deposit_refunded_on"),
});

/** Who rents which floor. */
export const buildingTenancies = pgTable(
  "building_tenancies",
  {
    id: serial("id").primaryKey(),
    buildingId: integer("building_id")
      .notNull()
      .references(() => buildings.id),
    floor: smallint("floor").notNull(),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    areaM2: integer("area_m2").notNull(),
    startedOn: date("started_on").notNull(),
    endedOn: date("ended_on"),
  },
  (t) => [index("building_tenancies_building_idx").on(t.buildingId, t.floor), index("building_tenancies_enterprise_idx").on(t.enterpriseId)],
);

/** Public passages (safety exits, corridors) watched by the cameras, per floor. */
export const passages = pgTable(
  "passages",
  {
    id: serial("id").primaryKey(),
    buildingId: integer("building_id")
      .notNull()
      .references(() => buildings.id),
    floor: smallint("floor").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("passages_building_floor_code_uq").on(t.buildingId, t.floor, t.code)],
);

/**
 * A blocked passage: raised by a camera gateway, with a violation notice (违章告示单) to the tenant.
 * Closed only by staff confirmation or the gateway's all-clear; the tenant's photo does not close it.
 */
export const passageAlarms = pgTable(
  "passage_alarms",
  {
    id: serial("id").primaryKey(),
    passageId: integer("passage_id")
      .notNull()
      .references(() => passages.id),
    buildingId: integer("building_id")
      .notNull()
      .references(() => buildings.id),
    floor: smallint("floor").notNull(),
    /** The tenant of the floor when the alarm was raised (null: an empty floor). */
    enterpriseId: integer("enterprise_id").references(() => enterprises.id),
    gatewayId: integer("gateway_id").references(() => gateways.id),
    noticeNo: text("notice_no").notNull().unique(),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull(),
    cameraFileId: uuid("camera_file_id"),
    status: text("status", { enum: alarmStatuses }).notNull().default("open"),
    tenantReportedAt: timestamp("tenant_reported_at", { withTimezone: true }),
    clearedAt: timestamp("cleared_at", { withTimezone: true }),
    clearedBy: text("cleared_by", { enum: alarmClearers }),
    clearedByUser: text("cleared_by_user").references(() => users.id),
    clearNote: text("clear_note"),
  },
  (t) => [
    // The same camera event sent twice is one alarm.
    uniqueIndex("passage_alarms_passage_raised_uq").on(t.passageId, t.raisedAt),
    // At most one open alarm per passage.
    uniqueIndex("passage_alarms_open_uq")
      .on(t.passageId)
      .where(sql`status = 'open'`),
    index("passage_alarms_status_idx").on(t.status, t.raisedAt),
    index("passage_alarms_enterprise_idx").on(t.enterpriseId, t.raisedAt),
    index("passage_alarms_building_idx").on(t.buildingId, t.raisedAt),
  ],
);
