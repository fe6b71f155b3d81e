// Where members pay their dues: set by an admin per association, shown on /my while the year's
// dues are unpaid (a real database: PGlite, or PostgreSQL with TEST_DATABASE_URL).
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, users } from "../../db/schema/accounts";
import { associations, dues, enterpriseUsers, enterprises, memberships } from "../../db/schema/members";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { duesPaymentSchema } from "../../app/modules/members/forms";
import { myDashboard } from "../../app/modules/members/my.server";
import { setDuesPayment } from "../../app/modules/members/associations.server";
import { actorOf } from "../support/actors";

let centre = 0;
let duesId = 0;
const admin = actorOf("admin", { userId: "dues-admin" });
const owner = () => actorOf("member", { userId: "dues-owner", enterpriseIds: [enterpriseId] });
let enterpriseId = 0;
const payTo = async () => (await myDashboard(owner(), "2026-12-05")).enterprises[0]!.memberships[0]!.payTo;

beforeAll(async () => {
  const db = await getDb();
  [{ id: centre }] = await db.insert(associations).values({ code: "dues-centre", nameZh: "研究中心", nameEn: "Centre", kind: "centre" }).returning();
  [{ id: enterpriseId }] = await db
    .insert(enterprises)
    .values({
      name: "丁鞋业有限公司",
      creditCode: generateCreditCode(611),
      legalRep: "张三",
      address: "瑞安",
      village: "云江村",
      contactPerson: "李四",
      phone: "13800000000",
      segment: "soles",
      aboveSize: false,
    })
    .returning();
  await db.insert(users).values([
    { id: "dues-admin", email: "dues-admin@t.local", passwordHash: "x", displayName: "管理员", role: "admin" },
    { id: "dues-owner", email: "dues-owner@t.local", passwordHash: "x", displayName: "业主", role: "member" },
  ]);
  await db.insert(enterpriseUsers).values({ enterpriseId, userId: "dues-owner", isOwner: true });
  const [m] = await db.insert(memberships).values({ enterpriseId, associationId: centre, status: "active" }).returning();
  [{ id: duesId }] = await db.insert(dues).values({ membershipId: m.id, year: 2026, amountFen: 200_000, dueOn: "2026-12-31" }).returning();
});

describe("dues payment details", () => {
  it("asks for payee, bank and account together, or none", () => {
    const parse = (v: Record<string, string>) => duesPaymentSchema.safeParse({ associationId: "1", payee: "", bank: "", account: "", note: "", ...v }).success;
    expect(parse({})).toBe(true);
    expect(parse({ payee: "研究中心", bank: "农商银行", account: "2010 0000 1234 5678" })).toBe(true);
    expect(parse({ payee: "研究中心", bank: "农商银行" })).toBe(false);
    expect(parse({ payee: "研究中心", bank: "农商银行", account: "acct-12345678" })).toBe(false);
  });

  it("shows a member where to pay only once the association has said, and only while unpaid", async () => {
    expect(await payTo()).toBeNull();
    const input = { payee: "研究中心", bank: "农商银行云周支行", account: "2010 0000 1234 5678", note: "附言写明企业名称" };
    expect(await setDuesPayment(admin, centre, input, null)).toMatchObject({ ok: true });
    expect(await payTo()).toEqual(input);
    const db = await getDb();
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "association.setDuesPayment"), eq(auditEvents.entityId, String(centre))));
    expect(audit).toBeDefined();
    // The same details again change nothing and write no second audit row.
    expect(await setDuesPayment(admin, centre, input, null)).toMatchObject({ ok: true });
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "association.setDuesPayment"))).toHaveLength(1);
    // Paid: nothing to pay, so no payment details.
    await db.update(dues).set({ paidOn: "2026-12-01" }).where(eq(dues.id, duesId));
    expect(await payTo()).toBeNull();
    expect(await setDuesPayment(admin, 999_999, input, null)).toMatchObject({ ok: false });
  });
});
