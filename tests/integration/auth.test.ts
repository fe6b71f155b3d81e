import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, sessions, users } from "../../db/schema/accounts";
import { seedDemo, DEMO_PASSWORD } from "../../db/seed/demo.server";
import { getActor, loadActor, login, logout, MAX_FAILURES_PER_ACCOUNT_AND_SOURCE } from "../../app/lib/auth.server";
import { registerSeeker } from "../../app/modules/accounts/accounts.server";
import { requestFrom } from "../support/actors";

function cookieHeader(setCookie: string) {
  return setCookie.split(";")[0];
}

describe("accounts and sessions", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, 2026));
  });

  it("signs in with the demo password and audits it", async () => {
    const result = await login(requestFrom("10.0.0.1"), "Staff@Demo.test ", DEMO_PASSWORD);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.cookie).toMatch(/HttpOnly/i);
    expect(result.cookie).toMatch(/SameSite=Lax/i);
    expect(result.cookie).not.toMatch(/Secure/);
    const actor = await getActor(requestFrom("10.0.0.1", { headers: { cookie: cookieHeader(result.cookie) } }));
    expect(actor?.role).toBe("staff");
    const db = await getDb();
    const rows = await db.select().from(auditEvents).where(eq(auditEvents.action, "auth.login_succeeded"));
    expect(rows.length).toBeGreaterThan(0);
  });

  it("validates a session in one query that brings the user's enterprises, as loadActor reads them", async () => {
    const result = await login(requestFrom("10.0.0.3"), "member@demo.test", DEMO_PASSWORD);
    if (!result.ok) throw new Error("login failed");
    const cookie = cookieHeader(result.cookie);
    const [root, route] = await Promise.all([
      getActor(requestFrom("10.0.0.3", { headers: { cookie } })),
      getActor(requestFrom("10.0.0.3", { headers: { cookie } })),
    ]);
    const expected = await loadActor(result.userId);
    expect(expected?.enterpriseIds.length).toBeGreaterThan(0);
    expect(root).toEqual(expected);
    expect(route).toEqual(expected);
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    const unknown = await login(requestFrom("10.0.0.2"), "nobody@demo.test", "whatever-password");
    const wrong = await login(requestFrom("10.0.0.2"), "admin@demo.test", "wrong-password");
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses an address for an account after five failures from it; the owner signs in from elsewhere; the failures are audited", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_SOURCE; i++) {
      expect((await login(requestFrom("10.1.0.1"), "bank@demo.test", "bad-password")).ok).toBe(false);
    }
    expect(await login(requestFrom("10.1.0.1"), "bank@demo.test", DEMO_PASSWORD)).toEqual({ ok: false, reason: "throttled" });
    expect((await login(requestFrom("10.9.9.9"), "bank@demo.test", DEMO_PASSWORD, { wait: async () => {} })).ok).toBe(true);
    const db = await getDb();
    const [failed] = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "auth.login_failed"));
    expect(failed.n).toBeGreaterThanOrEqual(MAX_FAILURES_PER_ACCOUNT_AND_SOURCE);
  });

  it("lifts the throttle once the failures are older than the window", async () => {
    const db = await getDb();
    await db.execute(sql`update throttle_counters set window_start = window_start - interval '16 minutes' where key like '%10.1.0.1'`);
    expect((await login(requestFrom("10.1.0.1"), "bank@demo.test", DEMO_PASSWORD)).ok).toBe(true);
  });

  it("ends the session on the server at logout", async () => {
    const result = await login(requestFrom(), "member@demo.test", DEMO_PASSWORD);
    if (!result.ok) throw new Error("login failed");
    const cookie = cookieHeader(result.cookie);
    await logout(requestFrom("127.0.0.1", { headers: { cookie } }));
    expect(await getActor(requestFrom("127.0.0.1", { headers: { cookie } }))).toBeNull();
  });

  it("stores argon2id hashes and registers a seeker once per email", async () => {
    const first = await registerSeeker({ email: "new@seeker.test", password: "long-enough", displayName: "新用户", phone: "13800000000" }, null);
    const again = await registerSeeker({ email: "NEW@seeker.test", password: "long-enough", displayName: "新用户", phone: "13800000000" }, null);
    expect(first.ok).toBe(true);
    expect(again).toEqual({ ok: false, error: "emailTaken" });
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.email, "new@seeker.test"));
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("refuses to change or delete audit rows", async () => {
    const db = await getDb();
    await expect(db.execute(sql`update audit_events set action = 'x'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_events`)).rejects.toThrow();
    const [n] = await db.select({ n: count() }).from(sessions);
    expect(n.n).toBeGreaterThan(0);
  });
});
