// Test-only audit actions (not in the portal's list of labelled actions).
import type { AuditAction } from "../../app/lib/audit-actions";
import { count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, emailOutbox, notifications, users } from "../../db/schema/accounts";
import { FORBIDDEN, INVALID, NOT_FOUND, ok, refuse, runCommand, unchanged } from "../../app/lib/command.server";
import * as z from "zod";
import "../../app/lib/validation"; // zod messages as i18n keys (z.config)
import { notify } from "../../app/modules/notifications/notifications.server";
import { actorOf } from "../support/actors";

const staff = actorOf("staff", { userId: "cmd-staff" });
const seeker = actorOf("seeker", { userId: "cmd-seeker" });
const schema = z.object({ name: z.string().trim().min(1).max(40) });

beforeAll(async () => {
  const db = await getDb();
  await db.insert(users).values([
    { id: "cmd-staff", email: "cmd-staff@demo.test", passwordHash: "x", displayName: "职员", role: "staff" },
    { id: "cmd-seeker", email: "cmd-seeker@demo.test", passwordHash: "x", displayName: "求职者", role: "seeker" },
    ...Array.from({ length: 30 }, (_, i) => ({
      id: `cmd-r${i}`,
      email: `r${i}@demo.test`,
      passwordHash: "x",
      displayName: `r${i}`,
      role: "member" as const,
    })),
  ]);
});

async function displayName(id: string) {
  const db = await getDb();
  const [u] = await db.select({ n: users.displayName }).from(users).where(eq(users.id, id));
  return u.n;
}

const rename = (actor: typeof staff, input: unknown, refuseAfterWrite = false) =>
  runCommand({ actor, ability: "admin.users", schema, input, ip: "127.0.0.9" }, async (tx, data, audit) => {
    const [before] = await tx.select().from(users).where(eq(users.id, "cmd-seeker"));
    if (!before) return refuse(NOT_FOUND);
    await tx.update(users).set({ displayName: data.name }).where(eq(users.id, "cmd-seeker"));
    if (refuseAfterWrite) return refuse("admin:errors.role", "name");
    await audit({
      action: "test.rename" as AuditAction,
      entityType: "user",
      entityId: "cmd-seeker",
      before: { name: before.displayName },
      after: { name: data.name },
    });
    return ok(data.name);
  });

describe("the command contract", () => {
  it("parses first, then asks the policy, then runs one audited transaction", async () => {
    const invalid = await rename(actorOf("admin"), { name: "" });
    expect(invalid).toEqual({ ok: false, error: { code: INVALID, fieldErrors: { name: "forms.required" } } });
    expect(await rename(seeker, { name: "越权" })).toEqual({ ok: false, error: { code: FORBIDDEN } });
    const admin = actorOf("admin", { userId: "cmd-staff" });
    expect(await rename(admin, { name: " 新名字 " })).toEqual({ ok: true, value: "新名字" });
    expect(await displayName("cmd-seeker")).toBe("新名字");
    const db = await getDb();
    const [row] = await db.select().from(auditEvents).where(eq(auditEvents.action, "test.rename"));
    expect(row).toMatchObject({ actorId: "cmd-staff", entityId: "cmd-seeker", ip: "127.0.0.9", after: { name: "新名字" } });
  });

  it("rolls back what a refused command wrote, and keeps the refusal's field", async () => {
    const admin = actorOf("admin", { userId: "cmd-staff" });
    const r = await rename(admin, { name: "半途" }, true);
    expect(r).toEqual({ ok: false, error: { code: "admin:errors.role", fieldErrors: { name: "admin:errors.role" } } });
    expect(await displayName("cmd-seeker")).toBe("新名字");
  });

  it("refuses to commit a change without its audit row", async () => {
    const run = runCommand({ actor: staff, input: {} }, async (tx) => {
      await tx.update(users).set({ displayName: "无审计" }).where(eq(users.id, "cmd-seeker"));
      return ok();
    });
    await expect(run).rejects.toThrow(/audit/);
    expect(await displayName("cmd-seeker")).toBe("新名字");
    expect(await runCommand({ actor: staff, input: {} }, async () => unchanged())).toMatchObject({ ok: true });
  });

  it("turns a unique violation into the given refusal", async () => {
    const r = await runCommand({ actor: staff, input: {}, onUniqueViolation: refuse("admin:errors.emailTaken", "email") }, async (tx) => {
      await tx.update(users).set({ email: "cmd-staff@demo.test" }).where(eq(users.id, "cmd-seeker"));
      return ok();
    });
    expect(r).toEqual({ ok: false, error: { code: "admin:errors.emailTaken", fieldErrors: { email: "admin:errors.emailTaken" } } });
  });
});

describe("notify", () => {
  it("writes every recipient's notice and email in one statement", async () => {
    const db = await getDb();
    const ids = Array.from({ length: 30 }, (_, i) => `cmd-r${i}`);
    let statements = 0;
    await db.transaction(async (tx) => {
      const counted = new Proxy(tx, {
        get(target, prop, receiver) {
          const v = Reflect.get(target, prop, receiver);
          if (typeof v !== "function") return v;
          return (...args: unknown[]) => {
            if (["execute", "insert", "select", "update", "delete"].includes(String(prop))) statements++;
            return v.apply(target, args);
          };
        },
      });
      await notify(
        counted,
        ids.map((userId, i) => ({ userId, messageKey: "notifications.joinSubmitted", params: { enterprise: `企业${i}` }, link: `/x/${i}` })),
      );
    });
    expect(statements).toBe(1);
    const [n] = await db.select({ n: count() }).from(notifications).where(inArray(notifications.userId, ids));
    expect(n.n).toBe(30);
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(
        inArray(
          emailOutbox.toAddress,
          ids.map((_, i) => `r${i}@demo.test`),
        ),
      );
    expect(mails).toHaveLength(30);
    expect(mails.find((m) => m.toAddress === "r7@demo.test")?.body).toMatch(/企业7[\s\S]*\/x\/7$/);
  });
});
