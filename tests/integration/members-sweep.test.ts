import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, notifications, users } from "../../db/schema/accounts";
import { associations, dues, duesRates, enterpriseUsers, enterprises, membershipStatusChanges, memberships, renewalReminders } from "../../db/schema/members";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { recordDuesPaid } from "../../app/modules/members/members.server";
import { runMembershipSweep } from "../../app/modules/members/sweep.server";
import { actorOf } from "../support/actors";

/** Noon in Shanghai on a calendar day. */
const at = (day: string) => new Date(`${day}T04:00:00Z`);

type Fixture = { enterpriseId: number; membershipId: number; duesId: number; userId: string };
let seed = 1;

async function fixture(paidOn: string | null): Promise<Fixture> {
  const db = await getDb();
  const [a] = await db.select().from(associations).limit(1);
  const n = seed++;
  const [e] = await db
    .insert(enterprises)
    .values({
      name: `清扫测试${n}有限公司`,
      creditCode: generateCreditCode(800_000 + n),
      legalRep: "甲",
      address: "乙",
      village: "丙",
      segment: "soles",
      contactPerson: "丁",
      phone: "13800000000",
    })
    .returning();
  const userId = `sweep-user-${n}`;
  await db.insert(users).values({ id: userId, email: `${userId}@it.test`, passwordHash: "x", displayName: "用户", role: "member" });
  await db.insert(enterpriseUsers).values({ enterpriseId: e.id, userId, isOwner: true });
  const [m] = await db.insert(memberships).values({ enterpriseId: e.id, associationId: a.id, status: "active", joinedOn: "2025-06-01" }).returning();
  const [d] = await db.insert(dues).values({ membershipId: m.id, year: 2026, amountFen: 100_000, dueOn: "2026-03-31", paidOn }).returning();
  return { enterpriseId: e.id, membershipId: m.id, duesId: d.id, userId };
}

async function remindersOf(f: Fixture) {
  const db = await getDb();
  return db.select().from(renewalReminders).where(eq(renewalReminders.duesId, f.duesId)).orderBy(renewalReminders.id);
}
async function noticesOf(f: Fixture) {
  const db = await getDb();
  return db.select().from(notifications).where(eq(notifications.userId, f.userId)).orderBy(notifications.id);
}
async function statusOf(f: Fixture) {
  const db = await getDb();
  const [m] = await db.select().from(memberships).where(eq(memberships.id, f.membershipId));
  return m.status;
}

describe("the membership sweep", () => {
  let a: Fixture;
  let paid: Fixture;
  let late: Fixture;

  beforeAll(async () => {
    const db = await getDb();
    const [assoc] = await db.insert(associations).values({ code: "centre-x", nameZh: "测试中心", nameEn: "Test centre", kind: "centre" }).returning();
    await db.insert(duesRates).values({ associationId: assoc.id, type: "member", amountFen: 100_000 });
    a = await fixture(null);
    paid = await fixture("2026-03-10");
    late = await fixture(null);
  });

  it("does nothing before the due-soon day", async () => {
    const r = await runMembershipSweep(at("2026-02-28"));
    expect(r).toMatchObject({ today: "2026-02-28", lapsed: 0, reminders: { due_soon: 0, overdue: 0, lapsed: 0 } });
  });

  it("records the due-soon reminder once, with one notice, however often it runs", async () => {
    // The late fixture's users are told nothing now: pretend the sweep missed it by suspending it for a while.
    const db = await getDb();
    await db.update(memberships).set({ status: "suspended" }).where(eq(memberships.id, late.membershipId));
    const first = await runMembershipSweep(at("2026-03-01"));
    expect(first.reminders).toEqual({ due_soon: 1, overdue: 0, lapsed: 0 });
    const second = await runMembershipSweep(at("2026-03-01"));
    expect(second.reminders).toEqual({ due_soon: 0, overdue: 0, lapsed: 0 });
    expect((await remindersOf(a)).map((r) => r.kind)).toEqual(["due_soon"]);
    expect((await noticesOf(a)).map((n) => n.messageKey)).toEqual(["notifications.renewalDueSoon"]);
    expect(await remindersOf(paid)).toEqual([]);
  });

  it("records the overdue reminder the day after the due date", async () => {
    expect((await runMembershipSweep(at("2026-03-31"))).reminders.overdue).toBe(0);
    expect((await runMembershipSweep(at("2026-04-01"))).reminders.overdue).toBe(1);
    expect((await noticesOf(a)).map((n) => n.messageKey)).toEqual(["notifications.renewalDueSoon", "notifications.renewalOverdue"]);
  });

  it("lapses on the 30th day overdue, exactly once, with a status row, an audit row and a notice", async () => {
    expect((await runMembershipSweep(at("2026-04-29"))).lapsed).toBe(0);
    expect(await statusOf(a)).toBe("active");
    const r = await runMembershipSweep(at("2026-04-30"));
    expect(r.lapsed).toBe(1);
    expect(r.reminders.lapsed).toBe(1);
    expect((await runMembershipSweep(at("2026-04-30"))).lapsed).toBe(0);
    expect((await runMembershipSweep(at("2026-05-15"))).lapsed).toBe(0);
    expect(await statusOf(a)).toBe("lapsed");
    expect((await remindersOf(a)).map((x) => x.kind)).toEqual(["due_soon", "overdue", "lapsed"]);
    expect((await noticesOf(a)).map((n) => n.messageKey)).toEqual([
      "notifications.renewalDueSoon",
      "notifications.renewalOverdue",
      "notifications.membershipLapsed",
    ]);
    const db = await getDb();
    const history = await db.select().from(membershipStatusChanges).where(eq(membershipStatusChanges.membershipId, a.membershipId));
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.reason])).toEqual([["active", "lapsed", "members:reasons.duesOverdue"]]);
    const [audits] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "membership.status"), eq(auditEvents.entityId, String(a.membershipId))));
    expect(audits.n).toBe(1);
  });

  it("records every missed reminder of a membership the sweep reached late, but notifies only the latest", async () => {
    const db = await getDb();
    await db.update(memberships).set({ status: "active" }).where(eq(memberships.id, late.membershipId));
    const r = await runMembershipSweep(at("2026-05-20"));
    expect(r.lapsed).toBe(1);
    const reminders = await remindersOf(late);
    expect(reminders.map((x) => [x.kind, x.notified])).toEqual([
      ["due_soon", false],
      ["overdue", false],
      ["lapsed", true],
    ]);
    expect((await noticesOf(late)).map((n) => n.messageKey)).toEqual(["notifications.membershipLapsed"]);
  });

  it("restores a lapsed membership when its dues are recorded paid, and reminds no more", async () => {
    expect(await recordDuesPaid(actorOf("staff"), a.enterpriseId, { duesId: a.duesId, paidOn: "2026-05-21" }, null)).toEqual({ ok: true });
    expect(await statusOf(a)).toBe("active");
    await runMembershipSweep(at("2026-06-30"));
    expect(await statusOf(a)).toBe("active");
    expect(await remindersOf(a)).toHaveLength(3);
  });

  it("two sweeps at the same time neither double nor skip anything", async () => {
    const twin = await fixture(null);
    const db = await getDb();
    // Only this fixture is open at this point (the others are paid or lapsed with all reminders).
    const [r1, r2] = await Promise.all([runMembershipSweep(at("2026-06-01")), runMembershipSweep(at("2026-06-01"))]);
    expect(r1.lapsed + r2.lapsed).toBe(1);
    expect((await remindersOf(twin)).map((x) => x.kind)).toEqual(["due_soon", "overdue", "lapsed"]);
    expect((await noticesOf(twin)).map((n) => n.messageKey)).toEqual(["notifications.membershipLapsed"]);
    const history = await db.select().from(membershipStatusChanges).where(eq(membershipStatusChanges.membershipId, twin.membershipId));
    expect(history).toHaveLength(1);
  });

  it("creates next year's dues for active memberships once", async () => {
    const first = await runMembershipSweep(at("2027-01-02"));
    expect(first.duesCreated).toBeGreaterThanOrEqual(2);
    expect((await runMembershipSweep(at("2027-01-03"))).duesCreated).toBe(0);
    const db = await getDb();
    const rows = await db
      .select()
      .from(dues)
      .where(and(eq(dues.membershipId, paid.membershipId), eq(dues.year, 2027)));
    expect(rows).toMatchObject([{ dueOn: "2027-03-31", amountFen: 100_000, paidOn: null }]);
  });
});
