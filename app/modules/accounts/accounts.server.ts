import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { users, type Role } from "../../../db/schema/accounts";
import { appendAudit } from "../../lib/audit.server";
import { hashPassword } from "../../lib/passwords.server";
import type { Actor } from "../../lib/permissions";
import { isUniqueViolation } from "../../lib/db-errors.server";

export type NewUser = {
  email: string;
  password: string;
  displayName: string;
  phone?: string | null;
  role: Role;
  departmentId?: number | null;
  bankId?: number | null;
  isLead?: boolean;
};

/** Creates an account inside the caller's transaction; the email must be free (unique index). */
export async function insertUser(tx: Executor, input: NewUser, actor: Actor, ip?: string | null): Promise<string> {
  const id = randomUUID();
  const row = {
    id,
    email: input.email.trim().toLowerCase(),
    passwordHash: await hashPassword(input.password),
    displayName: input.displayName,
    phone: input.phone ?? null,
    role: input.role,
    departmentId: input.departmentId ?? null,
    bankId: input.bankId ?? null,
    isLead: input.isLead ?? false,
  };
  await tx.insert(users).values(row);
  await appendAudit(tx, {
    actor,
    action: "user.create",
    entityType: "user",
    entityId: id,
    after: { email: row.email, role: row.role, displayName: row.displayName },
    ip,
  });
  return id;
}

export async function emailTaken(email: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  return Boolean(row);
}

export type RegisterResult = { ok: true; userId: string } | { ok: false; error: "emailTaken" };

/** A job seeker signs up; the email is unique at the database, so a race gives emailTaken too. */
export async function registerSeeker(
  input: { email: string; password: string; displayName: string; phone: string },
  ip: string | null,
): Promise<RegisterResult> {
  const db = await getDb();
  if (await emailTaken(input.email)) return { ok: false, error: "emailTaken" };
  try {
    const userId = await db.transaction((tx) => insertUser(tx, { ...input, role: "seeker" }, null, ip));
    return { ok: true, userId };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "emailTaken" };
    throw error;
  }
}

/** True when a database error is a unique-constraint violation (PostgreSQL 23505), on both drivers. */
export { isUniqueViolation };
