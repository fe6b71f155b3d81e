/**
 * Password reset by email (issue 18). The rules:
 * - one answer whatever the address: the caller never learns whether an account exists
 *   (requestPasswordReset returns what it did only for tests and the audit);
 * - throttled per address and per source with the shared counters (docs/decisions/030-login-throttle.md):
 *   past the limit nothing is sent, and the answer is the same;
 * - the token is 256 random bits, mailed once, stored only as its SHA-256; it expires after
 *   RESET_TOKEN_TTL_MS, is consumed by one atomic UPDATE (single use even under a race), and a
 *   newer request deletes the user's older unused tokens;
 * - a completed reset ends every session of the user; request and completion are audited, never the token.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { emailOutbox, passwordResets, sessions, users } from "../../../db/schema/accounts";
import { appendAudit } from "../../lib/audit.server";
import { languages, translator, type Language } from "../../lib/i18n";
import { hashPassword } from "../../lib/passwords.server";
import { countAttempt } from "../../lib/throttle.server";

export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;
export const RESET_WINDOW_MS = 60 * 60 * 1000;
/** Reset emails per address an hour: enough for a lost first mail, not enough to flood an inbox. */
export const RESETS_PER_ADDRESS = 3;
/** Reset requests per source an hour, over all addresses. */
export const RESETS_PER_SOURCE = 20;

export function resetTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** 32 bytes from the CSPRNG, base64url: 43 URL-safe characters. */
export function newResetToken(): string {
  return randomBytes(32).toString("base64url");
}

/** A token as it may appear in a link: anything else is refused before any query. */
export function wellFormedToken(token: string | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}

export type ResetRequestOutcome = "sent" | "unknown" | "throttled";

export async function requestPasswordReset(input: { email: string; ip: string | null; lng: Language; origin: string }): Promise<ResetRequestOutcome> {
  const email = input.email.trim().toLowerCase();
  const ip = input.ip ?? "unknown";
  const db = await getDb();
  // Both counters count every request, known address or not: the limit says nothing either.
  const [perAddress, perSource] = await Promise.all([countAttempt(`reset:addr:${email}`, RESET_WINDOW_MS), countAttempt(`reset:ip:${ip}`, RESET_WINDOW_MS)]);
  if (perAddress > RESETS_PER_ADDRESS || perSource > RESETS_PER_SOURCE) {
    await appendAudit(db, { actor: null, action: "auth.password_reset_throttled", entityType: "user", after: { email }, ip });
    return "throttled";
  }
  const [user] = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.email, email));
  if (!user || user.disabledAt) {
    await appendAudit(db, { actor: null, action: "auth.password_reset_requested", entityType: "user", after: { email, known: false }, ip });
    return "unknown";
  }
  const token = newResetToken();
  const link = `${input.origin.replace(/\/$/, "")}/reset-password/${token}`;
  const minutes = RESET_TOKEN_TTL_MS / 60_000;
  // The reader's language first, then the other one: the message reads for either.
  const order = [input.lng, ...languages.filter((l) => l !== input.lng)].map((l) => translator(l));
  await db.transaction(async (tx) => {
    await tx.delete(passwordResets).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    await tx
      .insert(passwordResets)
      .values({ userId: user.id, tokenHash: resetTokenHash(token), expiresAt: sql`now() + ${`${RESET_TOKEN_TTL_MS} milliseconds`}::interval` });
    await tx.insert(emailOutbox).values({
      toAddress: email,
      urgent: true,
      subject: order.map((t) => t("auth:reset.mail.subject")).join(" / "),
      body: order.map((t) => t("auth:reset.mail.body", { link, minutes })).join("\n\n"),
    });
    await appendAudit(tx, { actor: null, action: "auth.password_reset_requested", entityType: "user", entityId: user.id, after: { email, known: true }, ip });
  });
  return "sent";
}

/** True when the token may still be used (known, unused, not expired). */
export async function resetTokenUsable(token: string): Promise<boolean> {
  if (!wellFormedToken(token)) return false;
  const db = await getDb();
  const [row] = await db
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, resetTokenHash(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, sql`now()`),
        isNull(users.disabledAt),
      ),
    );
  return Boolean(row);
}

export type ResetResult = { ok: true; userId: string } | { ok: false };

/** Sets the new password once: the token is consumed, every session of the user ends. */
export async function resetPassword(token: string, newPassword: string, ip: string | null): Promise<ResetResult> {
  if (!wellFormedToken(token)) return { ok: false };
  const db = await getDb();
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    // One statement consumes the token: of two parallel submissions exactly one gets the row.
    const [consumed] = await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.tokenHash, resetTokenHash(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
      .returning({ userId: passwordResets.userId });
    if (!consumed) return { ok: false } as const;
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, consumed.userId), isNull(users.disabledAt)))
      .returning({ id: users.id });
    if (!user) return { ok: false } as const;
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await appendAudit(tx, { actor: null, action: "auth.password_reset_completed", entityType: "user", entityId: user.id, ip });
    return { ok: true, userId: user.id } as const;
  });
}
