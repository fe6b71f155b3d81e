import { count, eq, and as andOp } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { ticketEvents, tickets, visits } from "../../db/schema/tickets";
import { seedDemo } from "../../db/seed/demo.server";
import { TICKET_FIGURES } from "../../db/seed/tickets.server";
import { ticketReport } from "../../app/modules/tickets/reports.server";

const year = new Date().getFullYear();

describe("tickets demo data and the report", () => {
  beforeAll(async () => {
    const db = await getDb();
    const started = Date.now();
    await db.transaction((tx) => seedDemo(tx, year));
    console.log(`seedDemo took ${Date.now() - started} ms`);
  });

  it("reproduces the source's figures from real rows", async () => {
    const report = await ticketReport(year);
    expect(report.chambersVisited).toBe(TICKET_FIGURES.chambersVisited);
    expect(report.enterprisesVisited).toBe(TICKET_FIGURES.enterprisesVisited);
    expect(report.collected).toBe(TICKET_FIGURES.problemsCollected);
    expect(report.resolved).toBe(TICKET_FIGURES.problemsResolved);
    expect(report.complaintsResolved).toBe(TICKET_FIGURES.complaintsResolved);
    expect(report.byMonth.reduce((s, m) => s + m.collected, 0)).toBe(31);
    expect(report.byCategory.length).toBeGreaterThan(5);
    expect(report.byDepartment.length).toBeGreaterThan(3);
    expect(report.averageRating).toBe(5);
    expect(report.medianAnswerDays).toBeGreaterThan(0);
    expect(report.overdueRate).toBeGreaterThan(0);
  });

  it("every problem has its timeline, and the overdue referral was escalated", async () => {
    const db = await getDb();
    const [noEvents] = await db.select({ n: count() }).from(tickets).where(eq(tickets.status, "submitted"));
    expect(noEvents.n).toBe(2);
    const [events] = await db.select({ n: count() }).from(ticketEvents);
    expect(events.n).toBeGreaterThan(300);
    const escalated = await db.select().from(tickets).where(eq(tickets.status, "referred"));
    expect(escalated.filter((t) => t.escalatedAt).length).toBe(1);
    const a = await ticketReport(year);
    expect(a.collected).toBe(31);
  });
});

import { enterpriseUsers } from "../../db/schema/members";
import { departments } from "../../db/schema/organisations";
import { files } from "../../db/schema/files";
import { ticketFixtures } from "../access/fixtures";

describe("the access matrix's fixed ids still mean what they say", () => {
  it("resolves against the demo data", async () => {
    const db = await getDb();
    const [link] = await db.select().from(enterpriseUsers).where(eq(enterpriseUsers.userId, "demo-member"));
    const [tax] = await db.select().from(departments).where(eq(departments.code, "tax"));
    const [mine] = await db.select().from(tickets).where(eq(tickets.id, Number(ticketFixtures.ticketOfMember)));
    expect([mine.enterpriseId, mine.departmentId, mine.status]).toEqual([link.enterpriseId, tax.id, "referred"]);
    const [withFile] = await db.select().from(tickets).where(eq(tickets.id, Number(ticketFixtures.ticketWithAttachment)));
    expect([withFile.enterpriseId, withFile.departmentId]).toEqual([link.enterpriseId, null]);
    // Its one file (the fixture attachmentOfMember is read from this problem's page).
    const withFiles = await db
      .select()
      .from(files)
      .where(andOp(eq(files.ownerKind, "ticket"), eq(files.ownerId, String(withFile.id))));
    expect(withFiles.map((f) => f.contentType)).toEqual(["application/pdf"]);
    const [other] = await db.select().from(tickets).where(eq(tickets.id, Number(ticketFixtures.ticketOfOther)));
    expect(other.enterpriseId).not.toBe(link.enterpriseId);
    expect(other.departmentId).not.toBe(tax.id);
    expect(await db.select().from(visits).where(eq(visits.id, Number(ticketFixtures.visit)))).toHaveLength(1);
  });
});
