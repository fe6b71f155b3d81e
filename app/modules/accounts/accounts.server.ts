import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { emailOutbox, users, type Role } from "../../../db/schema/accounts";
import { appendAudit } from "../../lib/audit.server";
import { translator } from "../../lib/i18n";
import { hashPassword } from "../../lib/passwords.server";
import { attemptsSoFar, countAttempt } from "../../lib/throttle.server";
import type { Actor } from "../../lib/permissions";
import { isUniqueViolation } from "../../lib/db-errors.server";
import { storedPhone } from "./identifier";

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
    phone: storedPhone(input.phone),
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

/**
 * Sign-ups (/register, /join) refused because an email, a credit code or an application exists
 * tell the one who asked that something exists: an oracle. They are counted per source address
 * (not sign-ups that succeed: a fair's crowd behind one address registers freely); past
 * SIGNUP_REFUSALS_PER_SOURCE in the window, that address gets only "try later" for any sign-up,
 * so it learns nothing more. The count is atomic (parallel probes get no more answers).
 */
export const SIGNUP_WINDOW_MS = 60 * 60 * 1000;
export const SIGNUP_REFUSALS_PER_SOURCE = 10;
const signupKey = (ip: string | null) => `signup:ip:${ip ?? "unknown"}`;

export async function signupThrottled(ip: string | null): Promise<boolean> {
  return (await attemptsSoFar(signupKey(ip), SIGNUP_WINDOW_MS)) >= SIGNUP_REFUSALS_PER_SOURCE;
}

/**
 * Counts a refusal; true when it still may be answered (within the limit), in which case the
 * people concerned are told by email (the outbox), both languages in one message.
 */
export async function signupRefused(
  ip: string | null,
  tell: { to: string; subjectKey: string; bodyKey: string; params?: Record<string, string> }[],
): Promise<boolean> {
  if ((await countAttempt(signupKey(ip), SIGNUP_WINDOW_MS)) > SIGNUP_REFUSALS_PER_SOURCE) return false;
  if (tell.length) {
    const [zh, en] = [translator("zh-CN"), translator("en")];
    const db = await getDb();
    await db.insert(emailOutbox).values(
      tell.map((m) => ({
        toAddress: m.to,
        subject: `${zh(m.subjectKey, m.params ?? {})} / ${en(m.subjectKey, m.params ?? {})}`,
        body: `${zh(m.bodyKey, m.params ?? {})}\n\n${en(m.bodyKey, m.params ?? {})}`,
      })),
    );
  }
  return true;
}

export type RegisterResult = { ok: true; userId: string } | { ok: false; error: "emailTaken" | "throttled" };

/**
 * A job seeker signs up; the email is unique at the database, so a race gives emailTaken too.
 * A taken email: the owner is told by email; the answer says nothing of whose it is (see signupRefused).
 */
export async function registerSeeker(
  input: { email: string; password: string; displayName: string; phone: string },
  ip: string | null,
): Promise<RegisterResult> {
  if (await signupThrottled(ip)) return { ok: false, error: "throttled" };
  const db = await getDb();
  const email = input.email.trim().toLowerCase();
  const refuse = async (): Promise<RegisterResult> =>
    (await signupRefused(ip, [{ to: email, subjectKey: "auth:register.ownerNotice.subject", bodyKey: "auth:register.ownerNotice.body" }]))
      ? { ok: false, error: "emailTaken" }
      : { ok: false, error: "throttled" };
  if (await emailTaken(email)) return refuse();
  try {
    const userId = await db.transaction((tx) => insertUser(tx, { ...input, role: "seeker" }, null, ip));
    return { ok: true, userId };
  } catch (error) {
    if (isUniqueViolation(error)) return refuse();
    throw error;
  }
}

/** True when a database error is a unique-constraint violation (PostgreSQL 23505), on both drivers. */
export { isUniqueViolation };
