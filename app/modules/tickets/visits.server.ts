import { asc, count, desc, eq, isNotNull } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { associations, enterprises } from "../../../db/schema/members";
import { departments } from "../../../db/schema/organisations";
import { calendarDays, tickets, visits } from "../../../db/schema/tickets";
import { appendAudit } from "../../lib/audit.server";
import type { Actor } from "../../lib/permissions";
import { forgetQueueFilterOptions } from "./tickets.server";

type SignedIn = NonNullable<Actor>;
export const VISITS_PAGE_SIZE = 20;

export type VisitInput = { visitedOn: string; visitors: string; associationId: number | null; enterpriseId: number | null; notes: string | null };

export async function recordVisit(actor: SignedIn, input: VisitInput, db?: Executor) {
  const x = db ?? (await getDb());
  return x.transaction(async (tx) => {
    if (input.associationId) {
      const [a] = await tx.select({ id: associations.id }).from(associations).where(eq(associations.id, input.associationId));
      if (!a) return { ok: false as const, error: "tickets:errors.visitWhom" };
    }
    if (input.enterpriseId) {
      const [e] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, input.enterpriseId));
      if (!e) return { ok: false as const, error: "tickets:errors.visitWhom" };
    }
    const [visit] = await tx
      .insert(visits)
      .values({
        visitedOn: input.visitedOn,
        visitors: input.visitors,
        associationId: input.associationId,
        enterpriseId: input.enterpriseId,
        notes: input.notes ?? "",
        createdBy: actor.userId,
      })
      .returning();
    await appendAudit(tx, { actor, action: "visit.record", entityType: "visit", entityId: visit.id, after: visit });
    return { ok: true as const, visit };
  });
}

export async function listVisits(page: number) {
  const db = await getDb();
  const [total] = await db.select({ n: count() }).from(visits);
  const rows = await db
    .select({
      id: visits.id,
      visitedOn: visits.visitedOn,
      visitors: visits.visitors,
      associationZh: associations.nameZh,
      associationEn: associations.nameEn,
      enterpriseName: enterprises.name,
      problems: count(tickets.id),
    })
    .from(visits)
    .leftJoin(associations, eq(associations.id, visits.associationId))
    .leftJoin(enterprises, eq(enterprises.id, visits.enterpriseId))
    .leftJoin(tickets, eq(tickets.visitId, visits.id))
    .groupBy(visits.id, associations.nameZh, associations.nameEn, enterprises.name)
    .orderBy(desc(visits.visitedOn), desc(visits.id))
    .limit(VISITS_PAGE_SIZE)
    .offset((page - 1) * VISITS_PAGE_SIZE);
  return { rows, total: total.n };
}

export async function getVisit(id: number) {
  const db = await getDb();
  const [visit] = await db
    .select({ visit: visits, associationZh: associations.nameZh, associationEn: associations.nameEn, enterpriseName: enterprises.name })
    .from(visits)
    .leftJoin(associations, eq(associations.id, visits.associationId))
    .leftJoin(enterprises, eq(enterprises.id, visits.enterpriseId))
    .where(eq(visits.id, id));
  if (!visit) return null;
  const problems = await db
    .select({ id: tickets.id, title: tickets.title, status: tickets.status, createdAt: tickets.createdAt })
    .from(tickets)
    .where(eq(tickets.visitId, id))
    .orderBy(asc(tickets.id));
  return { ...visit, problems };
}

export async function visitFormOptions() {
  const db = await getDb();
  const assocs = await db
    .select({ id: associations.id, nameZh: associations.nameZh, nameEn: associations.nameEn })
    .from(associations)
    .where(isNotNull(associations.id))
    .orderBy(asc(associations.id));
  const ents = await db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).orderBy(asc(enterprises.name));
  return { associations: assocs, enterprises: ents };
}

// Admin: departments and the working-day calendar.

export async function addDepartment(actor: SignedIn, input: { code: string; nameZh: string; nameEn: string }) {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, input.code));
    if (existing) return { ok: false as const, error: "tickets:errors.departmentTaken" };
    const [dept] = await tx.insert(departments).values(input).returning();
    await appendAudit(tx, { actor, action: "department.add", entityType: "department", entityId: dept.id, after: dept });
    return { ok: true as const, department: dept };
  });
  if (result.ok) forgetQueueFilterOptions();
  return result;
}

export async function setCalendarDay(actor: SignedIn, input: { day: string; isWorkday: boolean; name: string }) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.day, input.day));
    await tx
      .insert(calendarDays)
      .values(input)
      .onConflictDoUpdate({ target: calendarDays.day, set: { isWorkday: input.isWorkday, name: input.name } });
    await appendAudit(tx, { actor, action: "calendar.set", entityType: "calendar_day", entityId: input.day, before: before ?? null, after: input });
    return { ok: true as const };
  });
}

export async function removeCalendarDay(actor: SignedIn, day: string) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.delete(calendarDays).where(eq(calendarDays.day, day)).returning();
    if (!before) return { ok: false as const, error: "notFound" };
    await appendAudit(tx, { actor, action: "calendar.remove", entityType: "calendar_day", entityId: day, before });
    return { ok: true as const };
  });
}

export async function listConfiguration() {
  const db = await getDb();
  const depts = await db.select().from(departments).orderBy(asc(departments.id));
  const days = await db.select().from(calendarDays).orderBy(asc(calendarDays.day));
  return { departments: depts, days };
}
