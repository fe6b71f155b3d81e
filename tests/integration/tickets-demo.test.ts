import { count, eq, sql, and as andOp } from "drizzle-orm";
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

  it("has one definition per figure: the month and category splits add up to the headline, complaints apart", async () => {
    const r = await ticketReport(year);
    const sum = (xs: { collected: number; resolved: number }[], k: "collected" | "resolved") => xs.reduce((s, x) => s + x[k], 0);
    expect(sum(r.byCategory, "collected")).toBe(r.collected);
    expect(sum(r.byCategory, "resolved")).toBe(r.resolved);
    expect(sum(r.byMonth, "collected")).toBe(r.collected);
    expect(sum(r.byMonth, "resolved")).toBe(r.resolved);
    expect(r.resolved).toBeLessThanOrEqual(r.collected);
    expect([r.complaints, r.complaintsResolved]).toEqual([TICKET_FIGURES.complaintsResolved, TICKET_FIGURES.complaintsResolved]);
    expect(r.byCategory.every((c) => c.resolved <= c.collected)).toBe(true);

    // A problem raised last December and resolved this January counts in last year's figures only.
    const db = await getDb();
    const [{ id: enterpriseId }] = await db.select({ id: tickets.enterpriseId }).from(tickets).limit(1);
    await db.execute(sql`
      insert into tickets (kind, enterprise_id, category, title, description, status, created_at, accept_due_at, resolved_at, search_text, updated_at)
      values ('problem', ${enterpriseId}, 'tax', '跨年问题', '去年十二月提出，今年一月解决。', 'resolved',
              ${`${year - 1}-12-20T10:00:00+08:00`}::timestamptz, ${`${year - 1}-12-21T10:00:00+08:00`}::timestamptz,
              ${`${year}-01-05T10:00:00+08:00`}::timestamptz, to_tsvector('simple', ''), now())`);
    const after = await ticketReport(year);
    expect([after.collected, after.resolved]).toEqual([r.collected, r.resolved]);
    const last = await ticketReport(year - 1);
    expect(last.byMonth[11]).toMatchObject({ month: 12, collected: 1, resolved: 1 });
    expect(sum(last.byCategory, "resolved")).toBe(last.resolved);
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
    const [mine] = await db
      .select()
      .from(tickets)
      .where(eq(tickets.id, Number(ticketFixtures.ticketOfMember)));
    expect([mine.enterpriseId, mine.departmentId, mine.status]).toEqual([link.enterpriseId, tax.id, "referred"]);
    const [withFile] = await db
      .select()
      .from(tickets)
      .where(eq(tickets.id, Number(ticketFixtures.ticketWithAttachment)));
    expect([withFile.enterpriseId, withFile.departmentId]).toEqual([link.enterpriseId, null]);
    // Its one file (the fixture attachmentOfMember is read from this problem's page).
    const withFiles = await db
      .select()
      .from(files)
      .where(andOp(eq(files.ownerKind, "ticket"), eq(files.ownerId, String(withFile.id))));
    expect(withFiles.map((f) => f.contentType)).toEqual(["application/pdf"]);
    const [other] = await db
      .select()
      .from(tickets)
      .where(eq(tickets.id, Number(ticketFixtures.ticketOfOther)));
    expect(other.enterpriseId).not.toBe(link.enterpriseId);
    expect(other.departmentId).not.toBe(tax.id);
    expect(
      await db
        .select()
        .from(visits)
        .where(eq(visits.id, Number(ticketFixtures.visit))),
    ).toHaveLength(1);
  });
});
