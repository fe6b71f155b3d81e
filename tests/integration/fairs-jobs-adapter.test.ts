import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { jobApplications, jobPostings } from "../../db/schema/jobs";
import { seedDemo } from "../../db/seed/demo.server";
import { DEMO_FAIR_FIGURES } from "../../db/seed/fairs.server";
import { fairPostingFigures, fairReport, reportBoothRows } from "../../app/modules/fairs/fairs.server";

/**
 * The fair report's figures come from the jobs tables through the jobs module
 * (countPostingsAndPositions, countApplications): the demo data links the exhibitors' postings
 * to the source's fair and writes its applications there (db/seed/fairs.server.ts after
 * db/seed/jobs.server.ts). A change to those tables after the seed shows in the report.
 */
const fairId = 1;

beforeAll(async () => {
  const db = await getDb();
  await db.transaction((tx) => seedDemo(tx, 2026));
});

describe("fair report with the jobs tables", () => {
  it("counts 300+ positions, the applications and about 80 intents reached at the source's fair", async () => {
    const figures = await fairPostingFigures(fairId);
    expect(figures.positions).toBeGreaterThan(DEMO_FAIR_FIGURES.positionsAbove);
    expect(figures.positions).toBeLessThan(DEMO_FAIR_FIGURES.positionsAbove + 60);
    expect(figures.enterprisesPosting).toBe(24);
    // The jobs demo data may add a few applications of the demo seeker to the same postings.
    expect(figures.applications).toBeGreaterThanOrEqual(DEMO_FAIR_FIGURES.applications);
    expect(figures.applications).toBeLessThan(DEMO_FAIR_FIGURES.applications + 10);
    expect(figures.intentsReached).toBeGreaterThanOrEqual(DEMO_FAIR_FIGURES.intentsReached);
    expect(figures.intentsReached).toBeLessThanOrEqual(90);
    const report = await fairReport(fairId);
    expect(report.postings).toEqual(figures);
    const rows = await reportBoothRows(fairId);
    expect(rows).toHaveLength(24);
    expect(rows.reduce((n, r) => n + (r.positions ?? 0), 0)).toBe(figures.positions);
  });

  it("reads the counts from the jobs tables: a new intent and a new posting at the fair show in the report", async () => {
    const db = await getDb();
    const before = await fairPostingFigures(fairId);
    const [posting] = await db.select().from(jobPostings).where(eq(jobPostings.fairId, fairId)).orderBy(jobPostings.id).limit(1);
    const [application] = await db
      .select({ id: jobApplications.id })
      .from(jobApplications)
      .where(and(eq(jobApplications.postingId, posting.id), eq(jobApplications.status, "applied")))
      .limit(1);
    expect(application).toBeDefined();
    await db.update(jobApplications).set({ status: "hired" }).where(eq(jobApplications.id, application.id));
    const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = posting;
    const [added] = await db
      .insert(jobPostings)
      .values({ ...copy, headcount: 7 })
      .returning({ id: jobPostings.id });
    const after = await fairPostingFigures(fairId);
    expect(after.intentsReached).toBe(before.intentsReached + 1);
    expect(after.applications).toBe(before.applications);
    expect(after.postings).toBe(before.postings + 1);
    expect(after.positions).toBe(before.positions + 7);
    const rows = await reportBoothRows(fairId);
    expect(rows.reduce((n, r) => n + (r.positions ?? 0), 0)).toBe(after.positions);
    // Put the demo data back for the next test.
    await db.delete(jobPostings).where(eq(jobPostings.id, added.id));
    await db.update(jobApplications).set({ status: "applied" }).where(eq(jobApplications.id, application.id));
    expect(await fairPostingFigures(fairId)).toEqual(before);
  });

  it("writes each application's history along the pipeline", async () => {
    const db = await getDb();
    const result = await db.execute(
      `select a.status, count(e.id)::int as events from job_applications a join job_postings p on p.id = a.posting_id
       left join application_events e on e.application_id = a.id
       where p.fair_id = 1 and a.seeker_user_id like 'demo-fair-seeker-%' group by a.id, a.status`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { status: string; events: number }[];
    const expected: Record<string, number> = { applied: 1, viewed: 2, shortlisted: 3, interview: 4, intent: 5, declined: 2 };
    expect(rows).toHaveLength(DEMO_FAIR_FIGURES.applications);
    for (const r of rows) expect(Number(r.events), r.status).toBe(expected[r.status]);
  });
});
