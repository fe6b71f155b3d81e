// Seeds the benchmark database and explains the /jobs queries. Bundled by jobs.bench.js with
// esbuild and run with DATABASE_URL pointing at the throwaway PostgreSQL server.
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { closeDb, getDb, migrateDb } from "../../db/client.server";
import { enterprises } from "../../db/schema/members";
import { jobPostings } from "../../db/schema/jobs";
import { seedDemo } from "../../db/seed/demo.server";
import { JOB_TEMPLATES } from "../../db/seed/jobs.server";
import { mulberry32 } from "../../db/seed/demo-names";
import { shanghaiToday } from "../../app/lib/format";
import { postingRow, publicListQueries } from "../../app/modules/jobs/postings.server";
import { jobLocations, parseJobSearch } from "../../app/modules/jobs/forms";

function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Demo data, then postings up to `total`, spread over every enterprise; then VACUUM ANALYZE. */
export async function seedBench(total: number): Promise<{ postings: number; listed: number; sampleIds: number[] }> {
  await migrateDb();
  const db = await getDb();
  await db.transaction((tx) => seedDemo(tx));
  const all = await db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises);
  const [{ n: existing }] = await db.select({ n: count() }).from(jobPostings);
  const random = mulberry32(20_000);
  const today = shanghaiToday();
  const now = Date.now();
  let batch: ReturnType<typeof postingRow>[] = [];
  for (let k = existing; k < total; k++) {
    const e = all[Math.floor(random() * all.length)];
    const t = JOB_TEMPLATES[Math.floor(random() * JOB_TEMPLATES.length)];
    const location = random() < 0.5 ? "仙降街道" : jobLocations[Math.floor(random() * jobLocations.length)];
    const bump = Math.round(random() * 10) * 100;
    const row = postingRow(
      {
        enterpriseId: e.id,
        title: t.title,
        headcount: t.heads[0] + Math.floor(random() * (t.heads[1] - t.heads[0] + 1)),
        salaryMin: t.pay[0] + bump,
        salaryMax: t.pay[1] + bump,
        education: t.education,
        experience: t.experience,
        jobType: t.jobType,
        location: location as (typeof jobLocations)[number],
        description: `${t.description}工作地点：${location}。`,
        benefits: t.benefits,
        contact: "人事部 0577-65123456",
        // About one in ten is past its closing date.
        closesOn: random() < 0.1 ? addDays(today, -1 - Math.floor(random() * 60)) : addDays(today, 1 + Math.floor(random() * 90)),
      },
      e.name,
    );
    batch.push({ ...row, createdAt: new Date(now - Math.floor(random() * 120 * 86_400_000)) } as typeof row);
    if (batch.length === 500 || k === total - 1) {
      await db.insert(jobPostings).values(batch);
      batch = [];
    }
  }
  await db.execute(sql`vacuum analyze job_postings`);
  await db.execute(sql`analyze`);
  const [{ n: postings }] = await db.select({ n: count() }).from(jobPostings);
  const { total: listed } = await (async () => {
    const q = publicListQueries(db, parseJobSearch(new URL("http://x/jobs")), 1);
    const [r] = await q.total;
    return { total: r.n };
  })();
  const sample = await db
    .select({ id: jobPostings.id })
    .from(jobPostings)
    .where(and(eq(jobPostings.jobType, "full_time"), isNull(jobPostings.hiddenAt)))
    .orderBy(sql`random()`)
    .limit(200);
  return { postings, listed, sampleIds: sample.map((r) => r.id) };
}

type Plan = { label: string; url: string; plan: string };

/** EXPLAIN (ANALYZE, BUFFERS) of exactly the queries /jobs runs for each URL. */
export async function explainListQueries(urls: { label: string; url: string }[]): Promise<Plan[]> {
  const db = await getDb();
  const out: Plan[] = [];
  for (const { label, url } of urls) {
    const parsed = new URL(url, "http://x");
    const q = publicListQueries(db, parseJobSearch(parsed), 1);
    for (const [part, query] of [
      ["rows", q.rows],
      ["count", q.total],
    ] as const) {
      const { sql: text, params } = query.toSQL();
      const lines = await explain(text, params);
      out.push({ label: `${label} (${part})`, url, plan: lines });
    }
  }
  return out;
}

async function explain(text: string, params: unknown[]): Promise<string> {
  // postgres.js through drizzle: run the statement with its parameters, as the app does.
  const db = await getDb();
  const inlined = sql.raw(`explain (analyze, buffers, costs off) ${text.replace(/\$(\d+)/g, (_, i) => literal(params[Number(i) - 1]))}`);
  const result = (await db.execute(inlined)) as unknown as { rows?: Record<string, string>[] } & Record<string, string>[];
  const rows = result.rows ?? result;
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "number") return String(v);
  return `'${String(v).replace(/'/g, "''")}'`;
}

export { closeDb };
