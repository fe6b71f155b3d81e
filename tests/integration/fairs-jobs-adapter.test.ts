import { eq, isNotNull, and } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { fairBooths, fairRegistrations } from "../../db/schema/fairs";
import { seedDemo } from "../../db/seed/demo.server";
import { DEMO_FAIR_FIGURES, linkFairToJobs } from "../../db/seed/fairs.server";
import { fairPostingFigures, fairReport, reportBoothRows } from "../../app/modules/fairs/fairs.server";

/**
 * The fair report reads the jobs capability's tables (job_postings.fair_id, job_applications)
 * with plain SQL while that capability lives on another branch. Until it is merged, this file
 * creates those tables with the jobs branch's columns (db/migrations/*_jobs.sql there) and
 * postings for the exhibitors, then runs the demo linking step; once merged, the real tables
 * and the demo data are already there and the same figures must hold.
 */
const DDL = [
  `create table if not exists job_postings (id serial primary key, enterprise_id integer not null, title text not null, headcount integer not null,
     salary_min_fen bigint not null, salary_max_fen bigint not null, education text not null, experience text not null, job_type text not null,
     location text not null, description text not null, benefits text, contact text not null, closes_on date not null, closed_at timestamptz,
     hidden_at timestamptz, hidden_reason text, hidden_by text, fair_id integer, search_text tsvector not null,
     created_at timestamptz not null default now(), updated_at timestamptz not null default now())`,
  `create table if not exists seeker_profiles (user_id text primary key, full_name text not null, phone text not null, school text, major text,
     graduation_year smallint, education text not null, skills text, resume_stored_name text, resume_original_name text, resume_mime text,
     resume_size integer, updated_at timestamptz not null default now())`,
  `create table if not exists job_applications (id serial primary key, posting_id integer not null references job_postings(id), seeker_user_id text not null,
     message text, status text not null default 'applied', decline_reason text, created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(), unique (posting_id, seeker_user_id))`,
  `create table if not exists application_events (id bigserial primary key, application_id integer not null, from_status text, to_status text not null,
     reason text, actor_id text, at timestamptz not null default now())`,
];

let fairId = 1;

beforeAll(async () => {
  const db = await getDb();
  await db.transaction((tx) => seedDemo(tx, 2026));
  const before = await fairPostingFigures(fairId);
  if (before && before.postings > 0) return; // the jobs branch is merged: its demo data did it all
  for (const statement of DDL) await db.execute(statement);
  const exhibitors = (await db.select({ id: fairBooths.enterpriseId }).from(fairBooths).where(and(eq(fairBooths.fairId, fairId), eq(fairBooths.status, "approved"))).orderBy(fairBooths.boothNumber)).map((r) => r.id);
  for (const [e, enterpriseId] of exhibitors.entries()) {
    for (let j = 0; j < 6; j++) {
      await db.execute(
        `insert into job_postings (enterprise_id, title, headcount, salary_min_fen, salary_max_fen, education, experience, job_type, location, description, contact, closes_on, search_text)
         values (${enterpriseId}, '针车工', ${2 + ((e + j) % 6)}, 600000, 900000, 'none', 'none', 'full_time', '仙降街道', '描述', '人事部', '2026-12-31', to_tsvector('simple', '针车 车工'))`,
      );
    }
  }
  const seekers = await db
    .select({ id: fairRegistrations.userId, name: fairRegistrations.fullName, phone: fairRegistrations.phone, school: fairRegistrations.school })
    .from(fairRegistrations)
    .where(and(eq(fairRegistrations.fairId, fairId), isNotNull(fairRegistrations.checkedInAt)))
    .orderBy(fairRegistrations.userId);
  await db.transaction((tx) => linkFairToJobs(tx, fairId, exhibitors, seekers.map((s) => ({ id: s.id, name: s.name, phone: s.phone ?? "", school: s.school ?? "" })), 2026));
});

describe("fair report with the jobs tables", () => {
  it("counts 300+ positions, the applications and about 80 intents reached at the source's fair", async () => {
    const figures = await fairPostingFigures(fairId);
    expect(figures).not.toBeNull();
    expect(figures!.positions).toBeGreaterThan(DEMO_FAIR_FIGURES.positionsAbove);
    expect(figures!.positions).toBeLessThan(DEMO_FAIR_FIGURES.positionsAbove + 60);
    expect(figures!.enterprisesPosting).toBe(24);
    // The jobs demo data may add a few applications of the demo seeker to the same postings.
    expect(figures!.applications).toBeGreaterThanOrEqual(DEMO_FAIR_FIGURES.applications);
    expect(figures!.applications).toBeLessThan(DEMO_FAIR_FIGURES.applications + 10);
    expect(figures!.intentsReached).toBeGreaterThanOrEqual(DEMO_FAIR_FIGURES.intentsReached);
    expect(figures!.intentsReached).toBeLessThanOrEqual(90);
    const report = await fairReport(fairId);
    expect(report.postings).toEqual(figures);
    const rows = await reportBoothRows(fairId);
    expect(rows).toHaveLength(24);
    expect(rows.reduce((n, r) => n + (r.positions ?? 0), 0)).toBe(figures!.positions);
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
