import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { creditProducts, financingNeeds, loanApplications, needMatches } from "../../db/schema/finance";
import { seedDemo } from "../../db/seed/demo.server";
import { FINANCE_FIGURES } from "../../db/seed/finance.server";
import { loadActor } from "../../app/lib/auth.server";
import type { Actor } from "../../app/lib/permissions";
import { getApplication, getNeed, getProduct } from "../../app/modules/finance/finance.server";
import { financeReport } from "../../app/modules/finance/reports.server";

type A = NonNullable<Actor>;
let member: A, bank: A;
const year = new Date().getFullYear();

describe("finance demo data", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, year));
    member = (await loadActor("demo-member"))!;
    bank = (await loadActor("demo-bank"))!;
  });

  it("reproduces the source's figures, counted from the rows by the report", async () => {
    const r = await financeReport(year);
    expect(r.surveyedAll).toBe(FINANCE_FIGURES.surveyedNeeds);
    expect(r.surveyedAll).toBeGreaterThanOrEqual(1400);
    expect(r.products).toBe(42);
    expect(r.serviceEnterprises).toBe(403);
    expect(r.financedEnterprises).toBe(209);
    expect(r.financedFen).toBe(7_535_000_000 * 100);
    expect(r.renewableEnterprises).toBe(109);
    expect(r.linesFen).toBe(800_000_000 * 100);
    expect(r.drawnFen).toBeGreaterThan(0);
    expect(r.drawnFen).toBeLessThanOrEqual(r.linesFen);
    expect(r.byMonth).toHaveLength(12);
    expect(r.needsPosted).toBeGreaterThan(0);
  });

  it("keeps the ids the access matrix and the e2e journey rely on", async () => {
    const db = await getDb();
    const [p1] = await db.select().from(creditProducts).where(eq(creditProducts.id, 1));
    expect(p1).toMatchObject({ bankId: bank.bankId, status: "active", membersOnly: true });
    const [p13] = await db.select().from(creditProducts).where(eq(creditProducts.id, 13));
    expect(p13.bankId).not.toBe(bank.bankId);
    const [p43] = await db.select().from(creditProducts).where(eq(creditProducts.id, 43));
    expect(p43.status).toBe("suspended");
    expect(await getProduct(bank, 43)).toBeNull();
    expect(await getProduct(null, 43)).toBeNull();
    // Need 1: the member's, answered by the bank demo user's bank; 2: the member's open need.
    expect((await getNeed(member, 1))?.need).toMatchObject({ status: "answered", claimedBankId: bank.bankId, enterpriseId: member.enterpriseIds[0] });
    expect((await getNeed(bank, 1))?.need.id).toBe(1);
    expect((await getNeed(member, 2))?.need).toMatchObject({ status: "open" });
    // Need 3: another enterprise's, matched to the bank; need 4: no product of that bank fits it.
    expect(await getNeed(member, 3)).toBeNull();
    expect((await getNeed(bank, 3))?.need.status).toBe("open");
    const matched4 = await db.select().from(needMatches).where(eq(needMatches.needId, 4));
    expect(matched4.length).toBeGreaterThan(0);
    expect(matched4.every((m) => m.bankId !== bank.bankId)).toBe(true);
    expect(await getNeed(bank, 4)).toBeNull();
    // Application 1: the member's declined one with a document; 2: another enterprise's to another bank.
    const a1 = await getApplication(member, 1);
    expect(a1?.app).toMatchObject({ status: "declined", bankId: bank.bankId });
    expect(a1?.documents).toHaveLength(1);
    expect(await getApplication(bank, 2)).toBeNull();
    expect(await getApplication(member, 2)).toBeNull();
    const [a2] = await db.select().from(loanApplications).where(eq(loanApplications.id, 2));
    expect(a2.status).toBe("under_review");
    // Flags raised by the clocks at seeding: need 5 unclaimed, need 6 unanswered.
    const [n5] = await db.select().from(financingNeeds).where(eq(financingNeeds.id, 5));
    const [n6] = await db.select().from(financingNeeds).where(eq(financingNeeds.id, 6));
    expect(n5.flagKind).toBe("unclaimed");
    expect(n6.flagKind).toBe("unanswered");
  });
});
