import { csvDocument } from "../../lib/csv";
import { and, count, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { auditEvents, users } from "../../../db/schema/accounts";
import type { AuditQuery } from "./forms";
import { likePattern } from "./users.server";
import { listPage } from "../../lib/list-query.server";
import { translator, type Language } from "../../lib/i18n";
import { auditActionKey, isAuditAction } from "../../lib/audit-actions";
import { TIME_ZONE } from "../../lib/format";

// The person a row is about: its actor, or for sign-ins written before they named their actor,
// the user who signed in (the row's entity).
const actorJoin = eq(
  users.id,
  sql`coalesce(${auditEvents.actorId}, case when ${auditEvents.action} = 'auth.login_succeeded' then ${auditEvents.entityId} end)`,
);

export const AUDIT_PAGE_SIZE = 50;
/** A CSV export stops here; narrow the filters for more. */
export const AUDIT_CSV_LIMIT = 50_000;

/** Day boundaries are Asia/Shanghai days (UTC+8, no daylight saving). */
function shanghaiDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

function conditionOf(query: AuditQuery): SQL | undefined {
  const where: SQL[] = [];
  if (query.actor) {
    // The actor is matched by user id, or by a part of the email or display name.
    where.push(or(eq(auditEvents.actorId, query.actor), ilike(users.email, likePattern(query.actor)), ilike(users.displayName, likePattern(query.actor)))!);
  }
  if (query.action) where.push(ilike(auditEvents.action, `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (query.entityType) where.push(eq(auditEvents.entityType, query.entityType));
  if (query.entityId) where.push(eq(auditEvents.entityId, query.entityId));
  if (query.from) where.push(gte(auditEvents.at, shanghaiDayStart(query.from)));
  if (query.to) where.push(lt(auditEvents.at, new Date(shanghaiDayStart(query.to).getTime() + 24 * 3600 * 1000)));
  return where.length ? and(...where) : undefined;
}

function baseSelect() {
  return {
    id: auditEvents.id,
    at: auditEvents.at,
    actorId: sql<string | null>`coalesce(${auditEvents.actorId}, ${users.id})`,
    actorRole: sql<string | null>`coalesce(${auditEvents.actorRole}, ${users.role})`,
    actorEmail: users.email,
    actorName: users.displayName,
    action: auditEvents.action,
    entityType: auditEvents.entityType,
    entityId: auditEvents.entityId,
    before: auditEvents.before,
    after: auditEvents.after,
    ip: auditEvents.ip,
  };
}

export async function listAuditEvents(query: AuditQuery, page: number) {
  const db = await getDb();
  const condition = conditionOf(query);
  const { rows, total } = await listPage({
    page,
    pageSize: AUDIT_PAGE_SIZE,
    cap: null,
    rows: (limit, offset) =>
      db.select(baseSelect()).from(auditEvents).leftJoin(users, actorJoin).where(condition).orderBy(desc(auditEvents.id)).limit(limit).offset(offset),
    count: async () => (await db.select({ n: count() }).from(auditEvents).leftJoin(users, actorJoin).where(condition))[0].n,
  });
  return { rows, total };
}

/** Distinct entity types for the filter's picker. */
export async function auditEntityTypes(): Promise<string[]> {
  const db = await getDb();
  const rows = await db.selectDistinct({ t: auditEvents.entityType }).from(auditEvents).orderBy(auditEvents.entityType);
  return rows.map((r) => r.t);
}

/** Renders a before/after value as indented JSON for people to read. */
export function readableJson(value: unknown): string {
  if (value === null || value === undefined) return "";
  return JSON.stringify(value, null, 2);
}

/** A row's action in the reader's language (an action no longer written keeps its code). */
export function auditActionLabel(action: string, lng: Language): string {
  const t = translator(lng);
  return isAuditAction(action) ? t(auditActionKey(action)) : `${t("admin:audit.unknownAction")} (${action})`;
}

const shanghaiTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** The log as CSV in the reader's language: times in Asia/Shanghai, actions as labels beside their codes (csvDocument neutralises formulas). */
export async function auditCsv(query: AuditQuery, lng: Language = "zh-CN"): Promise<string> {
  const db = await getDb();
  const t = translator(lng);
  const rows = await db
    .select(baseSelect())
    .from(auditEvents)
    .leftJoin(users, actorJoin)
    .where(conditionOf(query))
    .orderBy(desc(auditEvents.id))
    .limit(AUDIT_CSV_LIMIT);
  const h = (key: string) => t(`admin:audit.csv.${key}`);
  return csvDocument(
    ["id", "at", "actorName", "actorEmail", "actorRole", "action", "actionCode", "entityType", "entityId", "before", "after", "ip"].map(h),
    rows.map((r) => [
      r.id,
      `${shanghaiTime.format(r.at)}+08:00`,
      r.actorName ?? (r.actorId ? r.actorId : t("admin:audit.noActor")),
      r.actorEmail ?? "",
      r.actorRole ? t(`common:roles.${r.actorRole}`) : "",
      auditActionLabel(r.action, lng),
      r.action,
      r.entityType,
      r.entityId ?? "",
      r.before == null ? "" : JSON.stringify(r.before),
      r.after == null ? "" : JSON.stringify(r.after),
      r.ip ?? "",
    ]),
  );
}
