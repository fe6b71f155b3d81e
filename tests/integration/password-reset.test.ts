import { and, desc, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, emailOutbox, passwordResets, sessions, users } from "../../db/schema/accounts";
import { DEMO_PASSWORD, seedDemo } from "../../db/seed/demo.server";
import { getActor, login, MAX_FAILURES_PER_ACCOUNT_AND_SOURCE } from "../../app/lib/auth.server";
import { registerSeeker } from "../../app/modules/accounts/accounts.server";
import {
  requestPasswordReset,
  resetPassword,
  resetTokenHash,
  resetTokenUsable,
  RESETS_PER_ADDRESS,
  RESET_TOKEN_TTL_MS,
} from "../../app/modules/accounts/password-reset.server";
import { requestFrom } from "../support/actors";

const ORIGIN = "http://portal.test";
let counter = 0;
const unique = () => `${Date.now().toString(36)}-${++counter}`;

async function newSeeker(phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`) {
  const email = `reset-${unique()}@test.local`;
  const result = await registerSeeker({ email, password: "first-password-1", displayName: "重设测试", phone }, `10.50.${counter % 250}.1`);
  if (!result.ok) throw new Error(`register: ${result.error}`);
  return { email, userId: result.userId, phone };
}

/** The token of the latest reset email to `email`, read from the outbox as a person reads the link. */
async function tokenFromOutbox(email: string): Promise<string> {
  const db = await getDb();
  const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).orderBy(desc(emailOutbox.id)).limit(1);
  const match = mail?.body.match(/\/reset-password\/([A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no reset link for ${email}`);
  return match[1];
}

const cookieOf = (setCookie: string) => setCookie.split(";")[0];

describe("password reset by email", () => {
  beforeAll(async () => {
    const db = await getDb();
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(eq(users.id, "demo-seeker"));
    if (!row.n) await db.transaction((tx) => seedDemo(tx, 2026));
  });

  it("mails a single-use link in the reader's language first; the link sets the password, ends every session, and is audited without the token", async () => {
    const { email, userId } = await newSeeker();
    const signedIn = await login(requestFrom("10.60.0.1"), email, "first-password-1");
    if (!signedIn.ok) throw new Error("login failed");
    expect(await requestPasswordReset({ email: email.toUpperCase(), ip: "10.60.0.1", lng: "en", origin: ORIGIN })).toBe("sent");
    const db = await getDb();
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    expect(mail.subject.indexOf("Reset")).toBe(0);
    expect(mail.body).toContain(`${ORIGIN}/reset-password/`);
    const token = await tokenFromOutbox(email);
    // At least 128 bits: 43 base64url characters are 256.
    expect(token.length * 6).toBeGreaterThanOrEqual(128);
    const [stored] = await db.select().from(passwordResets).where(eq(passwordResets.userId, userId));
    expect(stored.tokenHash).toBe(resetTokenHash(token));
    expect(stored.tokenHash).not.toContain(token);
    const ttl = stored.expiresAt.getTime() - stored.createdAt.getTime();
    expect(Math.abs(ttl - RESET_TOKEN_TTL_MS)).toBeLessThan(5_000);

    expect(await resetTokenUsable(token)).toBe(true);
    expect(await resetPassword(token, "second-password-2", "10.60.0.1")).toEqual({ ok: true, userId });
    // Single use.
    expect(await resetTokenUsable(token)).toBe(false);
    expect(await resetPassword(token, "third-password-3", "10.60.0.1")).toEqual({ ok: false });
    // Every session of the user ended; the new password works, the old one does not.
    expect(await getActor(requestFrom("10.60.0.1", { headers: { cookie: cookieOf(signedIn.cookie) } }))).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, userId))).toHaveLength(0);
    expect((await login(requestFrom("10.60.0.2"), email, "first-password-1")).ok).toBe(false);
    expect((await login(requestFrom("10.60.0.3"), email, "second-password-2")).ok).toBe(true);

    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(like(auditEvents.action, "auth.password_reset_%"), eq(auditEvents.entityId, userId)));
    expect(audit.map((a) => a.action).sort()).toEqual(["auth.password_reset_completed", "auth.password_reset_requested"]);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(stored.tokenHash);
  });

  it("only one of two parallel submissions of a link succeeds", async () => {
    const { email } = await newSeeker();
    await requestPasswordReset({ email, ip: "10.61.0.1", lng: "zh-CN", origin: ORIGIN });
    const token = await tokenFromOutbox(email);
    const results = await Promise.all([resetPassword(token, "parallel-one-1", null), resetPassword(token, "parallel-two-2", null)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("a newer request invalidates the older link", async () => {
    const { email } = await newSeeker();
    await requestPasswordReset({ email, ip: "10.62.0.1", lng: "zh-CN", origin: ORIGIN });
    const first = await tokenFromOutbox(email);
    await requestPasswordReset({ email, ip: "10.62.0.1", lng: "zh-CN", origin: ORIGIN });
    const second = await tokenFromOutbox(email);
    expect(second).not.toBe(first);
    expect(await resetTokenUsable(first)).toBe(false);
    expect(await resetPassword(first, "never-set-1", null)).toEqual({ ok: false });
    expect(await resetTokenUsable(second)).toBe(true);
  });

  it("an expired link no longer works", async () => {
    const { email, userId } = await newSeeker();
    await requestPasswordReset({ email, ip: "10.63.0.1", lng: "zh-CN", origin: ORIGIN });
    const token = await tokenFromOutbox(email);
    const db = await getDb();
    await db
      .update(passwordResets)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(passwordResets.userId, userId));
    expect(await resetTokenUsable(token)).toBe(false);
    expect(await resetPassword(token, "too-late-password", null)).toEqual({ ok: false });
    expect((await login(requestFrom("10.63.0.2"), email, "first-password-1")).ok).toBe(true);
  });

  it("an unknown address gets the same treatment and no email; unknown and malformed tokens are refused", async () => {
    const db = await getDb();
    const email = `nobody-${unique()}@test.local`;
    expect(await requestPasswordReset({ email, ip: "10.64.0.1", lng: "zh-CN", origin: ORIGIN })).toBe("unknown");
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))).toHaveLength(0);
    expect(await resetTokenUsable("A".repeat(43))).toBe(false);
    expect(await resetTokenUsable("short")).toBe(false);
    expect(await resetPassword("A".repeat(43), "whatever-password", null)).toEqual({ ok: false });
  });

  it("throttles per address, whoever asks: past the limit nothing more is sent", async () => {
    const { email } = await newSeeker();
    const outcomes = [];
    for (let i = 0; i <= RESETS_PER_ADDRESS; i++) outcomes.push(await requestPasswordReset({ email, ip: `10.65.${i}.1`, lng: "zh-CN", origin: ORIGIN }));
    expect(outcomes.slice(0, RESETS_PER_ADDRESS).every((o) => o === "sent")).toBe(true);
    expect(outcomes[RESETS_PER_ADDRESS]).toBe("throttled");
    const db = await getDb();
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))).toHaveLength(RESETS_PER_ADDRESS);
  });
});

describe("sign-in by mobile number", () => {
  it("signs in with the phone written with spaces, dashes or +86; the same answer for an unknown phone and a wrong password", async () => {
    const { email, phone } = await newSeeker();
    const spaced = `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)}-${phone.slice(7)}`;
    const ok = await login(requestFrom("10.70.0.1"), spaced, "first-password-1");
    expect(ok.ok).toBe(true);
    expect((await login(requestFrom("10.70.0.1"), email, "first-password-1")).ok).toBe(true);
    expect(await login(requestFrom("10.70.0.2"), phone, "wrong-password")).toEqual({ ok: false, reason: "invalid" });
    expect(await login(requestFrom("10.70.0.2"), "13600000000", "wrong-password")).toEqual({ ok: false, reason: "invalid" });
  });

  it("counts phone and email attempts for one account on the same counter", async () => {
    const { email, phone } = await newSeeker();
    const ip = "10.71.0.1";
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_SOURCE; i++) {
      const who = i % 2 === 0 ? email : phone;
      expect((await login(requestFrom(ip), who, "bad-password", { wait: async () => {} })).ok).toBe(false);
    }
    expect(await login(requestFrom(ip), phone, "first-password-1", { wait: async () => {} })).toEqual({ ok: false, reason: "throttled" });
    expect(await login(requestFrom(ip), email, "first-password-1", { wait: async () => {} })).toEqual({ ok: false, reason: "throttled" });
  });

  it("the demo accounts each have their own mobile number and sign in with it", async () => {
    const db = await getDb();
    const demo = await db.select({ email: users.email, phone: users.phone }).from(users).where(like(users.email, "%@demo.test"));
    const seven = ["admin", "staff", "member", "dept", "bank", "mediator", "seeker"].map((n) => demo.find((u) => u.email === `${n}@demo.test`));
    for (const u of seven) {
      expect(u?.phone).toMatch(/^1\d{10}$/);
      const sharing = await db.select({ email: users.email }).from(users).where(eq(users.phone, u!.phone!));
      expect(sharing.map((s) => s.email)).toEqual([u!.email]);
    }
    expect((await login(requestFrom("10.72.0.1"), seven[1]!.phone!, DEMO_PASSWORD)).ok).toBe(true);
  });
});
