// Test-only audit actions (not in the portal's list of labelled actions).
import type { AuditAction } from "../../app/lib/audit-actions";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, sessions, users } from "../../db/schema/accounts";
import { enterpriseUsers, enterprises } from "../../db/schema/members";
import { seedDemo } from "../../db/seed/demo.server";
import { getActor, login } from "../../app/lib/auth.server";
import { appendAudit } from "../../app/lib/audit.server";
import { parseForm } from "../../app/lib/validation";
import { auditCsv, listAuditEvents } from "../../app/modules/admin/audit.server";
import { auditQuery, createUserSchema, setRoleSchema, userListQuery } from "../../app/modules/admin/forms";
import { createUser, getUser, listUsers, setUserDisabled, setUserRole, USERS_PAGE_SIZE } from "../../app/modules/admin/users.server";
import { actorOf, requestFrom } from "../support/actors";
import { rowCounts } from "../support/db-counts";
import zhAdmin from "../../app/locales/zh-CN/admin.json" with { type: "json" };
import enAdmin from "../../app/locales/en/admin.json" with { type: "json" };

const admin = actorOf("admin", { userId: "demo-admin" });
const form = (values: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.append(k, v);
  return fd;
};
const newUser = (extra: Record<string, string>) => {
  const parsed = parseForm(
    createUserSchema,
    form({
      displayName: "新用户",
      email: `u${Math.random().toString(36).slice(2)}@admin.test`,
      phone: "",
      role: "staff",
      departmentId: "",
      bankId: "",
      enterpriseCode: "",
      password: "long-enough-password",
      ...extra,
    }),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
};

describe("admin: users and audit", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, 2026));
  });

  it("creates users of any role; the new user can sign in; creation is audited", async () => {
    const input = newUser({ role: "mediator", displayName: "新调解员" });
    const result = await createUser(admin, input, "10.0.0.9");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const signedIn = await login(requestFrom("10.20.0.1"), input.email, "long-enough-password");
    expect(signedIn.ok).toBe(true);
    const db = await getDb();
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.create"), eq(auditEvents.entityId, result.userId)));
    expect(event).toMatchObject({ actorId: "demo-admin", actorRole: "admin", ip: "10.0.0.9" });
    expect(event.after).toMatchObject({ email: input.email, role: "mediator" });
  });

  it("requires a department for department users and a bank for bank users, and checks they exist", async () => {
    const noDept = parseForm(
      createUserSchema,
      form({ displayName: "x", email: "d@admin.test", role: "department", departmentId: "", bankId: "", password: "long-enough-password" }),
    );
    expect(noDept).toMatchObject({ ok: false, errors: { departmentId: "admin:errors.departmentRequired" } });
    const noBank = parseForm(
      createUserSchema,
      form({ displayName: "x", email: "b@admin.test", role: "bank", departmentId: "", bankId: "", password: "long-enough-password" }),
    );
    expect(noBank).toMatchObject({ ok: false, errors: { bankId: "admin:errors.bankRequired" } });
    expect(await createUser(admin, newUser({ role: "department", departmentId: "999" }), null)).toEqual({
      ok: false,
      error: "departmentUnknown",
      field: "departmentId",
    });
    expect(await createUser(admin, newUser({ role: "bank", bankId: "999" }), null)).toEqual({ ok: false, error: "bankUnknown", field: "bankId" });

    const dept = await createUser(admin, newUser({ role: "department", departmentId: "3", bankId: "2" }), null);
    if (!dept.ok) throw new Error(dept.error);
    const row = await getUser(dept.userId);
    // The bank id sent with a department role is dropped.
    expect(row).toMatchObject({ role: "department", departmentId: 3, bankId: null });
    const bank = await createUser(admin, newUser({ role: "bank", bankId: "2" }), null);
    if (!bank.ok) throw new Error(bank.error);
    expect(await getUser(bank.userId)).toMatchObject({ role: "bank", bankId: 2, departmentId: null });
  });

  it("links a member user to an enterprise by credit code; an unknown code is refused with nothing written", async () => {
    const db = await getDb();
    const [e] = await db.select().from(enterprises).where(eq(enterprises.id, 5));
    const ok = await createUser(admin, newUser({ role: "member", enterpriseCode: e.creditCode.toLowerCase() }), null);
    if (!ok.ok) throw new Error(ok.error);
    expect(await db.select().from(enterpriseUsers).where(eq(enterpriseUsers.userId, ok.userId))).toEqual([expect.objectContaining({ enterpriseId: 5 })]);
    const before = await rowCounts(db);
    expect(await createUser(admin, newUser({ role: "member", enterpriseCode: "91330381MA2AAAAAA0" }), null)).toEqual({
      ok: false,
      error: "enterpriseNotFound",
      field: "enterpriseCode",
    });
    expect(await rowCounts(db)).toEqual(before);
  });

  it("refuses a taken email with a typed error and no rows", async () => {
    const db = await getDb();
    const before = await rowCounts(db);
    expect(await createUser(admin, newUser({ email: "STAFF@demo.test" }), null)).toEqual({ ok: false, error: "emailTaken", field: "email" });
    expect(await rowCounts(db)).toEqual(before);
  });

  it("changes a role with before and after in the audit; an admin cannot change their own", async () => {
    const created = await createUser(admin, newUser({ role: "staff" }), null);
    if (!created.ok) throw new Error(created.error);
    const parsed = parseForm(setRoleSchema, form({ role: "department", departmentId: "2", bankId: "" }));
    if (!parsed.ok) throw new Error("parse");
    expect(await setUserRole(admin, created.userId, parsed.data, null)).toEqual({ ok: true });
    const db = await getDb();
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.setRole"), eq(auditEvents.entityId, created.userId)));
    expect(event.before).toMatchObject({ role: "staff", departmentId: null });
    expect(event.after).toMatchObject({ role: "department", departmentId: 2 });
    expect(await setUserRole(admin, "demo-admin", parsed.data, null)).toEqual({ ok: false, error: "cannotChangeSelf" });
    expect(await setUserRole(admin, "nobody", parsed.data, null)).toEqual({ ok: false, error: "notFound" });
    expect(await setUserDisabled(admin, "demo-admin", true, null)).toEqual({ ok: false, error: "cannotChangeSelf" });
  });

  it("disables a user: their sessions end, they cannot sign in; enabling lets them back", async () => {
    const input = newUser({ role: "staff" });
    const created = await createUser(admin, input, null);
    if (!created.ok) throw new Error(created.error);
    const s = await login(requestFrom("10.20.0.2"), input.email, "long-enough-password");
    if (!s.ok) throw new Error("login");
    const cookie = s.cookie.split(";")[0];
    expect((await getActor(requestFrom("10.20.0.2", { headers: { cookie } })))?.role).toBe("staff");
    expect(await setUserDisabled(admin, created.userId, true, null)).toEqual({ ok: true, endedSessions: 1 });
    expect(await getActor(requestFrom("10.20.0.2", { headers: { cookie } }))).toBeNull();
    const db = await getDb();
    expect(await db.select().from(sessions).where(eq(sessions.userId, created.userId))).toHaveLength(0);
    expect((await login(requestFrom("10.20.0.2"), input.email, "long-enough-password")).ok).toBe(false);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.disable"), eq(auditEvents.entityId, created.userId)));
    expect(event.after).toMatchObject({ endedSessions: 1 });
    expect(await setUserDisabled(admin, created.userId, false, null)).toEqual({ ok: true, endedSessions: 0 });
    expect((await login(requestFrom("10.20.0.2"), input.email, "long-enough-password")).ok).toBe(true);
  });

  it("lists users with search, role and status filters, paginated", async () => {
    const all = await listUsers(userListQuery.parse({}), 1);
    expect(all.total).toBeGreaterThanOrEqual(7);
    expect(all.rows.length).toBeLessThanOrEqual(USERS_PAGE_SIZE);
    const seekers = await listUsers(userListQuery.parse({ role: "seeker" }), 1);
    expect(seekers.rows.every((r) => r.role === "seeker")).toBe(true);
    expect((await listUsers(userListQuery.parse({ q: "税务局" }), 1)).rows.map((r) => r.email)).toEqual(["dept@demo.test"]);
    // LIKE wildcards are text: "%" finds nobody.
    expect((await listUsers(userListQuery.parse({ q: "%" }), 1)).total).toBe(0);
    expect((await listUsers(userListQuery.parse({ role: "nonsense", status: "x" }), 1)).total).toBe(all.total);
    const disabled = await listUsers(userListQuery.parse({ status: "disabled" }), 1);
    expect(disabled.rows.every((r) => r.disabledAt !== null)).toBe(true);
    // Enough users for two pages.
    for (let i = 0; i < USERS_PAGE_SIZE; i++) await createUser(admin, newUser({ role: "seeker" }), null);
    const page2 = await listUsers(userListQuery.parse({}), 2);
    expect(page2.rows.length).toBeGreaterThan(0);
    expect(page2.rows[0].email).not.toBe(all.rows[0].email);
  });

  it("filters the audit log by actor, action, entity and date, and exports CSV safely", async () => {
    const db = await getDb();
    await appendAudit(db, {
      actor: admin,
      action: "test.csv" as AuditAction,
      entityType: "csvtest",
      entityId: "42",
      before: { name: "x" },
      after: { name: "安全" },
      ip: '=HYPERLINK("http://evil")',
    });
    const byAction = await listAuditEvents(auditQuery.parse({ action: "test." }), 1);
    expect(byAction.total).toBe(1);
    expect(byAction.rows[0]).toMatchObject({ actorEmail: "admin@demo.test", entityType: "csvtest", entityId: "42" });
    expect((await listAuditEvents(auditQuery.parse({ actor: "admin@demo", entityType: "csvtest", entityId: "42" }), 1)).total).toBe(1);
    expect((await listAuditEvents(auditQuery.parse({ actor: "staff@demo", entityType: "csvtest" }), 1)).total).toBe(0);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await listAuditEvents(auditQuery.parse({ entityType: "csvtest", from: today, to: today }), 1)).total).toBe(1);
    expect((await listAuditEvents(auditQuery.parse({ entityType: "csvtest", to: "2020-01-01" }), 1)).total).toBe(0);
    // A malformed date is ignored, not an error.
    expect((await listAuditEvents(auditQuery.parse({ entityType: "csvtest", from: "2026-02-30" }), 1)).total).toBe(1);
    const csv = await auditCsv(auditQuery.parse({ entityType: "csvtest" }));
    expect(csv.startsWith(`\uFEFF${zhAdmin.audit.csv.id},${zhAdmin.audit.csv.at},${zhAdmin.audit.csv.actorName}`)).toBe(true);
    expect(csv).toContain("admin@demo.test");
    expect(csv).toContain("安全");
    // A value that starts like a formula is prefixed so a spreadsheet shows it as text.
    expect(csv).not.toMatch(/,=HYPERLINK/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const [n] = await db.select({ n: count() }).from(users);
    expect(n.n).toBeGreaterThan(7);
  });

  it("names the person who signed in, labels actions in both languages, and dates rows in Shanghai time", async () => {
    const input = newUser({ role: "staff", displayName: "签到人" });
    const created = await createUser(admin, input, null);
    if (!created.ok) throw new Error("not created");
    expect((await login(requestFrom("10.20.0.9"), input.email, "long-enough-password")).ok).toBe(true);
    const { rows } = await listAuditEvents(auditQuery.parse({ action: "auth.login_succeeded", entityId: created.userId }), 1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: created.userId, actorName: "签到人", actorRole: "staff" });

    const zhCsv = await auditCsv(auditQuery.parse({ action: "auth.login_succeeded", entityId: created.userId }), "zh-CN");
    const enCsv = await auditCsv(auditQuery.parse({ action: "auth.login_succeeded", entityId: created.userId }), "en");
    const line = (csv: string) => csv.split("\r\n")[1].split(",");
    expect(line(zhCsv)[2]).toBe("签到人");
    expect(line(zhCsv)[5]).toBe(zhAdmin.audit.actions.auth__login_succeeded);
    expect(line(enCsv)[5]).toBe(enAdmin.audit.actions.auth__login_succeeded);
    expect(line(zhCsv)[6]).toBe("auth.login_succeeded");
    // The time is the Shanghai wall clock of the row (UTC+8), marked as such.
    const shanghaiNow = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 13).replace("T", " ");
    expect(line(zhCsv)[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+08:00$/);
    expect(line(zhCsv)[1].slice(0, 13)).toBe(shanghaiNow);
  });
});
