import { asc, count, eq, ilike, isNotNull, isNull, or } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { sessions, users } from "../../../db/schema/accounts";
import { enterpriseUsers, enterprises } from "../../../db/schema/members";
import { banks, departments } from "../../../db/schema/organisations";
import { appendAudit } from "../../lib/audit.server";
import type { Actor } from "../../lib/permissions";
import { insertUser, isUniqueViolation } from "../accounts/accounts.server";
import type { CreateUserInput, SetRoleInput, UserListQuery } from "./forms";
import { followRoleAtStations } from "../disputes/stations.server";
import { cappedCount, listPage, whereOf } from "../../lib/list-query.server";

export const USERS_PAGE_SIZE = 25;

/** Escapes LIKE wildcards so a search for "50%" means the text, not a pattern. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listUsers(query: UserListQuery, page: number) {
  const db = await getDb();
  const pattern = query.q ? likePattern(query.q) : null;
  const condition = whereOf(
    pattern && or(ilike(users.email, pattern), ilike(users.displayName, pattern)),
    query.role && eq(users.role, query.role),
    query.status === "active" && isNull(users.disabledAt),
    query.status === "disabled" && isNotNull(users.disabledAt),
  );
  const { rows, total } = await listPage({
    page,
    pageSize: USERS_PAGE_SIZE,
    cap: null,
    rows: (limit, offset) =>
      db
        .select({
          id: users.id,
          email: users.email,
          displayName: users.displayName,
          role: users.role,
          disabledAt: users.disabledAt,
          createdAt: users.createdAt,
          departmentZh: departments.nameZh,
          departmentEn: departments.nameEn,
          bankZh: banks.nameZh,
          bankEn: banks.nameEn,
        })
        .from(users)
        .leftJoin(departments, eq(departments.id, users.departmentId))
        .leftJoin(banks, eq(banks.id, users.bankId))
        .where(condition)
        // Emails are unique: the order is stable without another key.
        .orderBy(asc(users.email))
        .limit(limit)
        .offset(offset),
    count: (cap) => cappedCount(db, users, condition, cap),
  });
  return { rows, total };
}

/** Departments and banks for the pickers of the user forms. */
export async function organisationChoices() {
  const db = await getDb();
  const [depts, bankRows] = await Promise.all([db.select().from(departments).orderBy(asc(departments.id)), db.select().from(banks).orderBy(asc(banks.id))]);
  return { departments: depts, banks: bankRows };
}

export async function getUser(id: string) {
  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      phone: users.phone,
      role: users.role,
      departmentId: users.departmentId,
      bankId: users.bankId,
      isLead: users.isLead,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!user) return null;
  const links = await db
    .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode })
    .from(enterpriseUsers)
    .innerJoin(enterprises, eq(enterprises.id, enterpriseUsers.enterpriseId))
    .where(eq(enterpriseUsers.userId, id));
  const [{ n: activeSessions }] = await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, id));
  return { ...user, enterprises: links, activeSessions };
}

export type AdminError = "emailTaken" | "departmentUnknown" | "bankUnknown" | "enterpriseNotFound" | "notFound" | "cannotChangeSelf";
export type AdminResult<T> = ({ ok: true } & T) | { ok: false; error: AdminError; field?: string };

/** Organisation ids belong only to the role that uses them, and must exist. */
async function checkOrganisation(input: { role: string; departmentId: number | null; bankId: number | null }) {
  const db = await getDb();
  const departmentId = input.role === "department" ? input.departmentId : null;
  const bankId = input.role === "bank" ? input.bankId : null;
  if (departmentId) {
    const [d] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, departmentId));
    if (!d) return { ok: false as const, error: "departmentUnknown" as const, field: "departmentId" };
  }
  if (bankId) {
    const [b] = await db.select({ id: banks.id }).from(banks).where(eq(banks.id, bankId));
    if (!b) return { ok: false as const, error: "bankUnknown" as const, field: "bankId" };
  }
  return { ok: true as const, departmentId, bankId };
}

/** Admin creates an account of any role; a member user may be linked to an enterprise by its credit code. */
export async function createUser(actor: Actor, input: CreateUserInput, ip: string | null): Promise<AdminResult<{ userId: string }>> {
  const org = await checkOrganisation(input);
  if (!org.ok) return org;
  const db = await getDb();
  let enterpriseId: number | null = null;
  if (input.role === "member" && input.enterpriseCode) {
    const [e] = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.creditCode, input.enterpriseCode.toUpperCase()));
    if (!e) return { ok: false, error: "enterpriseNotFound", field: "enterpriseCode" };
    enterpriseId = e.id;
  }
  try {
    const userId = await db.transaction(async (tx) => {
      const id = await insertUser(
        tx,
        {
          email: input.email,
          password: input.password,
          displayName: input.displayName,
          phone: input.phone,
          role: input.role,
          departmentId: org.departmentId,
          bankId: org.bankId,
          isLead: input.role === "staff" && input.isLead,
        },
        actor,
        ip,
      );
      if (enterpriseId) {
        await tx.insert(enterpriseUsers).values({ enterpriseId, userId: id, isOwner: false });
        await appendAudit(tx, { actor, action: "enterpriseUser.link", entityType: "user", entityId: id, after: { enterpriseId }, ip });
      }
      return id;
    });
    return { ok: true, userId };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "emailTaken", field: "email" };
    throw error;
  }
}

/** Changes a user's role (and department/bank); sessions stay, the policy reads the role on every request. */
export async function setUserRole(actor: NonNullable<Actor>, userId: string, input: SetRoleInput, ip: string | null): Promise<AdminResult<object>> {
  if (userId === actor.userId) return { ok: false, error: "cannotChangeSelf" };
  const org = await checkOrganisation(input);
  if (!org.ok) return org;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ role: users.role, departmentId: users.departmentId, bankId: users.bankId, isLead: users.isLead })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!before) return { ok: false, error: "notFound" } as const;
    const after = { role: input.role, departmentId: org.departmentId, bankId: org.bankId, isLead: input.role === "staff" && input.isLead };
    await tx.update(users).set(after).where(eq(users.id, userId));
    if (before.role !== after.role) await followRoleAtStations(tx, userId, after.role);
    await appendAudit(tx, { actor, action: "user.setRole", entityType: "user", entityId: userId, before, after, ip });
    return { ok: true } as const;
  });
}

/**
 * Disables or enables an account. Disabling deletes all of the user's sessions in the same
 * transaction, so their next request is anonymous (and loadActor refuses a disabled user anyway).
 */
export async function setUserDisabled(
  actor: NonNullable<Actor>,
  userId: string,
  disabled: boolean,
  ip: string | null,
): Promise<AdminResult<{ endedSessions: number }>> {
  if (userId === actor.userId) return { ok: false, error: "cannotChangeSelf" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).for("update");
    if (!before) return { ok: false, error: "notFound" } as const;
    const disabledAt = disabled ? (before.disabledAt ?? new Date()) : null;
    await tx.update(users).set({ disabledAt }).where(eq(users.id, userId));
    const ended = disabled ? await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id }) : [];
    await appendAudit(tx, {
      actor,
      action: disabled ? "user.disable" : "user.enable",
      entityType: "user",
      entityId: userId,
      before: { disabledAt: before.disabledAt },
      after: { disabledAt, endedSessions: ended.length },
      ip,
    });
    return { ok: true, endedSessions: ended.length } as const;
  });
}
