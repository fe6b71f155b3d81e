// Test-only audit actions (not in the portal's list of labelled actions).
import type { AuditAction } from "../../app/lib/audit-actions";
import { count, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, sessions, throttleCounters, users } from "../../db/schema/accounts";
import { DEMO_PASSWORD, seedDemo } from "../../db/seed/demo.server";
import { appendAudit } from "../../app/lib/audit.server";
import { getActor, login, MAX_FAILURES_PER_IP, SESSION_ABSOLUTE_MS, sessionIdOf } from "../../app/lib/auth.server";
import { parseForm } from "../../app/lib/validation";
import { insertUser, registerSeeker } from "../../app/modules/accounts/accounts.server";
import { loginSchema, seekerRegistrationSchema } from "../../app/modules/accounts/forms";
import { setUserDisabled } from "../../app/modules/admin/users.server";
import { variantsOf } from "../access/bad-inputs";
import { actorOf, requestFrom } from "../support/actors";
import { simultaneously } from "../support/concurrency";
import { rowCounts } from "../support/db-counts";

const cookieOf = (setCookie: string) => setCookie.split(";")[0];
const as = (cookie: string, ip = "127.0.0.1") => requestFrom(ip, { headers: { cookie } });

function formDataOf(values: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return fd;
}

async function signIn(email: string, ip = "127.0.0.1") {
  const result = await login(requestFrom(ip), email, DEMO_PASSWORD);
  if (!result.ok) throw new Error(`login failed: ${result.reason}`);
  return { cookie: cookieOf(result.cookie), raw: result.cookie, userId: result.userId };
}

describe("security: sessions, throttling, bad input, concurrency, rollback, audit", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, 2026));
  });

  describe("sessions", () => {
    it("sets HttpOnly and SameSite=Lax, and Secure when served over https", async () => {
      const plain = await login(requestFrom("10.5.0.1"), "staff@demo.test", DEMO_PASSWORD);
      const https = await login(requestFrom("10.5.0.1", { url: "https://portal.example/login" }), "staff@demo.test", DEMO_PASSWORD);
      if (!plain.ok || !https.ok) throw new Error("login failed");
      for (const c of [plain.cookie, https.cookie]) {
        // "<token>.<HMAC of the token keyed by SESSION_SECRET>" (the database keeps only its SHA-256)
        expect(c).toMatch(/^yj_session=[a-z0-9]+\.[A-Za-z0-9_-]{43};/);
        expect(c).toMatch(/; HttpOnly/i);
        expect(c).toMatch(/; SameSite=Lax/i);
        expect(c).toMatch(/; Path=\//i);
      }
      expect(plain.cookie).not.toMatch(/; Secure/i);
      expect(https.cookie).toMatch(/; Secure/i);
    });

    it("gives a new session id at sign-in and ends the session the request came with", async () => {
      const first = await signIn("member@demo.test");
      const again = await login(as(first.cookie), "member@demo.test", DEMO_PASSWORD);
      if (!again.ok) throw new Error("login failed");
      expect(cookieOf(again.cookie)).not.toBe(first.cookie);
      expect(await getActor(as(first.cookie))).toBeNull();
      expect((await getActor(as(cookieOf(again.cookie))))?.role).toBe("member");
    });

    it("refuses a real session id whose cookie is not signed with SESSION_SECRET", async () => {
      const s = await signIn("seeker@demo.test");
      const token = s.cookie.split("=")[1].split(".")[0];
      expect((await getActor(as(s.cookie)))?.role).toBe("seeker");
      expect(await getActor(as(`yj_session=${token}`))).toBeNull();
      expect(await getActor(as(`yj_session=${token}.forgedsignature`))).toBeNull();
    });

    it("expires a session left idle past its expiry", async () => {
      const s = await signIn("seeker@demo.test");
      const id = sessionIdOf(s.cookie.split("=")[1].split(".")[0]);
      const db = await getDb();
      await db
        .update(sessions)
        .set({ expiresAt: new Date(Date.now() - 60_000) })
        .where(eq(sessions.id, id));
      expect(await getActor(as(s.cookie))).toBeNull();
      expect(await db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
    });

    it("slides the idle expiry while used, but ends a session 12 hours after sign-in whatever the activity", async () => {
      const s = await signIn("mediator@demo.test");
      const id = sessionIdOf(s.cookie.split("=")[1].split(".")[0]);
      const db = await getDb();
      // Used recently (expiry within the next hour, i.e. less than half of the 2 h left): lucia extends it.
      await db
        .update(sessions)
        .set({ expiresAt: new Date(Date.now() + 30 * 60_000) })
        .where(eq(sessions.id, id));
      expect((await getActor(as(s.cookie)))?.role).toBe("mediator");
      const [slid] = await db.select().from(sessions).where(eq(sessions.id, id));
      expect(slid.expiresAt.getTime()).toBeGreaterThan(Date.now() + 100 * 60_000);
      // Active, yet signed in 12 h + 1 min ago: refused and removed.
      await db
        .update(sessions)
        .set({ createdAt: new Date(Date.now() - SESSION_ABSOLUTE_MS - 60_000) })
        .where(eq(sessions.id, id));
      expect(await getActor(as(s.cookie))).toBeNull();
      expect(await db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
    });

    it("ends every session of a user who is disabled, at once", async () => {
      const a = await signIn("bank@demo.test", "10.5.1.1");
      const b = await signIn("bank@demo.test", "10.5.1.2");
      const admin = actorOf("admin", { userId: "demo-admin" });
      const result = await setUserDisabled(admin, a.userId, true, null);
      expect(result).toEqual({ ok: true, endedSessions: 2 });
      expect(await getActor(as(a.cookie))).toBeNull();
      expect(await getActor(as(b.cookie))).toBeNull();
      // A disabled user cannot sign in again, with the same answer as a wrong password.
      expect(await login(requestFrom("10.5.1.3"), "bank@demo.test", DEMO_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
      await setUserDisabled(admin, a.userId, false, null);
      expect((await login(requestFrom("10.5.1.3"), "bank@demo.test", DEMO_PASSWORD)).ok).toBe(true);
    });
  });

  describe("login throttling", () => {
    it("refuses an address after MAX_FAILURES_PER_IP failures over many accounts, without locking the accounts out from elsewhere, and lifts after the window", async () => {
      const attacker = "10.66.0.1";
      for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
        expect(await login(requestFrom(attacker), `nobody${i}@demo.test`, "wrong-password")).toEqual({ ok: false, reason: "invalid" });
      }
      expect(await login(requestFrom(attacker), "admin@demo.test", DEMO_PASSWORD)).toEqual({ ok: false, reason: "throttled" });
      // The same account from another address is not affected.
      expect((await login(requestFrom("10.66.0.2"), "admin@demo.test", DEMO_PASSWORD)).ok).toBe(true);
      // After the window the address may sign in again.
      const db = await getDb();
      await db
        .update(throttleCounters)
        .set({ windowStart: sql`${throttleCounters.windowStart} - interval '16 minutes'` })
        .where(like(throttleCounters.key, `%${attacker}`));
      expect((await login(requestFrom(attacker), "admin@demo.test", DEMO_PASSWORD)).ok).toBe(true);
      // Every attempt was audited, the throttled one too.
      const [throttled] = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "auth.login_throttled"));
      expect(throttled.n).toBeGreaterThanOrEqual(1);
    });
  });

  describe("bad input at module level", () => {
    const validRegistration = {
      displayName: "坏输入",
      email: "{unique}@module.test",
      phone: "13812345678",
      password: "long-enough-password",
      confirmPassword: "long-enough-password",
    };

    it("registerSeeker: every bad variant is a typed error with no row changed, or a valid account with exactly its rows", async () => {
      const db = await getDb();
      let refused = 0;
      let accepted = 0;
      const variants = variantsOf(validRegistration);
      for (const variant of variants) {
        const before = await rowCounts(db);
        const parsed = parseForm(seekerRegistrationSchema, formDataOf(variant.form));
        if (!parsed.ok) {
          refused++;
          expect(Object.keys(parsed.errors).length, variant.label).toBeGreaterThan(0);
          expect(await rowCounts(db), variant.label).toEqual(before);
          continue;
        }
        const result = await registerSeeker(parsed.data, "10.7.0.1");
        const after = await rowCounts(db);
        if (result.ok) {
          accepted++;
          expect(after, variant.label).toEqual({ ...before, users: before.users + 1, audit_events: before.audit_events + 1 });
          const [row] = await db.select().from(users).where(eq(users.id, result.userId));
          // Stored as typed: no HTML or SQL interpretation on the way in.
          expect(row.displayName, variant.label).toBe(parsed.data.displayName);
        } else {
          refused++;
          expect(result.error).toBe("emailTaken");
          expect(after, variant.label).toEqual(before);
        }
      }
      expect(refused + accepted).toBe(variants.length);
      expect(refused).toBeGreaterThan(variants.length / 2);
    });

    it("login: every bad variant is refused with the generic answer, only the attempt is recorded", async () => {
      const db = await getDb();
      const variants = variantsOf({ email: "seeker@demo.test", password: "wrong-password-1" });
      let i = 0;
      for (const variant of variants) {
        const before = await rowCounts(db);
        const parsed = parseForm(loginSchema, formDataOf(variant.form));
        if (!parsed.ok) {
          expect(await rowCounts(db), variant.label).toEqual(before);
          continue;
        }
        // A fresh address each time, so the per-address throttle does not hide the answer.
        const result = await login(requestFrom(`10.8.${Math.floor(i / 200)}.${i++ % 200}`), parsed.data.email, parsed.data.password, { wait: async () => {} });
        expect(result.ok, variant.label).toBe(false);
        const after = await rowCounts(db);
        expect(after.sessions, variant.label).toBe(before.sessions);
        expect(after.users, variant.label).toBe(before.users);
        expect(after.audit_events, variant.label).toBe(before.audit_events + 1);
      }
    });

    it("refuses a NUL byte as a field error instead of failing in the database", () => {
      const parsed = parseForm(seekerRegistrationSchema, formDataOf({ ...validRegistration, displayName: "a\u0000b" }));
      expect(parsed).toMatchObject({ ok: false, errors: { displayName: "forms.invalid" } });
    });
  });

  describe("concurrency", () => {
    it("50 simultaneous registrations with the same email leave exactly one account (unique index)", async () => {
      const email = `race-${Date.now()}@concurrency.test`;
      const outcome = await simultaneously(50, () =>
        registerSeeker({ email, password: "long-enough-password", displayName: "并发", phone: "13812345678" }, "10.9.0.1"),
      );
      expect(outcome.thrown).toEqual([]);
      expect(outcome.ok).toBe(1);
      expect(outcome.refused).toHaveLength(49);
      // Refused as taken, or (past the sign-up refusals one address may see) as throttled: never a second account.
      expect(outcome.refused.every((r) => !r.ok && (r.error === "emailTaken" || r.error === "throttled"))).toBe(true);
      const db = await getDb();
      const [n] = await db.select({ n: count() }).from(users).where(eq(users.email, email));
      expect(n.n).toBe(1);
      const [audits] = await db
        .select({ n: count() })
        .from(auditEvents)
        .where(sql`${auditEvents.action} = 'user.create' and ${auditEvents.after}->>'email' = ${email}`);
      expect(audits.n).toBe(1);
    });
  });

  it("the one-per-email rule is a database constraint, not only a check in code", async () => {
    const db = await getDb();
    await expect(
      db.transaction((tx) => insertUser(tx, { email: "seeker@demo.test", password: "long-enough-password", displayName: "重复", role: "seeker" }, null)),
    ).rejects.toThrow();
  });

  describe("transactions", () => {
    it("a command that fails half-way leaves nothing behind", async () => {
      const db = await getDb();
      const before = await rowCounts(db);
      await expect(
        db.transaction(async (tx) => {
          await insertUser(tx, { email: "half-way@rollback.test", password: "long-enough-password", displayName: "回滚", role: "staff" }, null);
          await appendAudit(tx, { actor: null, action: "test.halfway" as AuditAction, entityType: "test" });
          // The second step fails: the email is taken.
          await insertUser(tx, { email: "half-way@rollback.test", password: "long-enough-password", displayName: "回滚", role: "staff" }, null);
        }),
      ).rejects.toThrow();
      expect(await rowCounts(db)).toEqual(before);
      expect(await db.select().from(users).where(eq(users.email, "half-way@rollback.test"))).toHaveLength(0);
    });

    it("an exception thrown by the code (not the database) rolls back too", async () => {
      const db = await getDb();
      const before = await rowCounts(db);
      await expect(
        db.transaction(async (tx) => {
          await insertUser(tx, { email: "thrown@rollback.test", password: "long-enough-password", displayName: "回滚", role: "staff" }, null);
          throw new Error("a rule failed after the insert");
        }),
      ).rejects.toThrow("a rule failed");
      expect(await rowCounts(db)).toEqual(before);
    });
  });

  describe("the audit log is append-only", () => {
    it.skipIf(!process.env.TEST_DATABASE_URL)(
      "on PostgreSQL, an application role granted only SELECT and INSERT cannot change it either (README grant)",
      async () => {
        const db = await getDb();
        const role = `yj_app_test_${Date.now().toString(36)}`;
        await db.execute(sql.raw(`create role ${role} nologin`));
        try {
          await db.execute(sql.raw(`grant usage on schema public to ${role}`));
          await db.execute(sql.raw(`grant select, insert, update, delete on all tables in schema public to ${role}`));
          await db.execute(sql.raw(`grant usage, select on all sequences in schema public to ${role}`));
          await db.execute(sql.raw(`revoke update, delete, truncate on audit_events from ${role}`));
          const asApp = (statement: string) =>
            db.transaction(async (tx) => {
              await tx.execute(sql.raw(`set local role ${role}`));
              return tx.execute(sql.raw(statement));
            });
          /** The PostgreSQL error of a failed statement (drizzle wraps the driver's error as `cause`). */
          const codeOf = (statement: string) =>
            asApp(statement).then(
              () => "no error",
              (e: { code?: string; message: string; cause?: { code?: string; message: string } }) =>
                `${e.cause?.code ?? e.code} ${e.cause?.message ?? e.message}`,
            );
          await asApp(`insert into audit_events (action, entity_type) values ('test.grant', 'test')`);
          // Refused by the grant ("permission denied"), before the append-only trigger could run.
          expect(await codeOf(`update audit_events set action = 'x' where action = 'test.grant'`)).toBe("42501 permission denied for table audit_events");
          expect(await codeOf(`delete from audit_events where action = 'test.grant'`)).toBe("42501 permission denied for table audit_events");
          expect(await codeOf(`truncate audit_events`)).toBe("42501 permission denied for table audit_events");
          // The same role may still change ordinary tables.
          await asApp(`update users set display_name = display_name where id = 'demo-admin'`);
        } finally {
          await db.execute(sql.raw(`drop owned by ${role}`));
          await db.execute(sql.raw(`drop role ${role}`));
        }
      },
    );

    it("refuses UPDATE, DELETE and TRUNCATE, even inside a transaction, and keeps the rows", async () => {
      const db = await getDb();
      const [before] = await db.select({ n: count() }).from(auditEvents);
      expect(before.n).toBeGreaterThan(0);
      await expect(db.execute(sql`update audit_events set action = 'x' where id = (select min(id) from audit_events)`)).rejects.toThrow();
      await expect(db.execute(sql`delete from audit_events where id = (select min(id) from audit_events)`)).rejects.toThrow();
      await expect(db.execute(sql`truncate audit_events`)).rejects.toThrow();
      await expect(db.transaction(async (tx) => tx.execute(sql`delete from audit_events`))).rejects.toThrow();
      const [after] = await db.select({ n: count() }).from(auditEvents);
      expect(after.n).toBe(before.n);
    });
  });
});
