import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { applicationEvents, jobApplications, jobPostings } from "../../../db/schema/jobs";
import { createCache } from "../../lib/cache.server";
import { shanghaiYearBounds } from "../../lib/format";

/** A count per hour of the day (0-23, Shanghai time). */
export type HourCounts = { hour: number; n: number }[];
export type JobsActivity = { year: number; postings: HourCounts; applications: HourCounts; intents: HourCounts };

const reports = createCache<JobsActivity>({ ttlMs: 60_000, maxEntries: 20, staleWhileRevalidate: true });

/** The jobs part of /reports through a one-minute cache per year (as the tickets part). */
export function cachedJobsActivity(year: number): Promise<JobsActivity> {
  return reports.get(String(year), () => jobsActivityByHour(year));
}

/**
 * When in the day the jobs capability is busy, over one calendar year: postings published,
 * applications sent and intents reached (an application moved to "intent"), per hour of the day.
 */
export async function jobsActivityByHour(year: number, db?: Executor): Promise<JobsActivity> {
  const x = db ?? (await getDb());
  const { start, end } = shanghaiYearBounds(year);
  const hourOf = (column: typeof jobPostings.createdAt | typeof jobApplications.createdAt | typeof applicationEvents.at) =>
    sql<number>`extract(hour from ${column} at time zone 'Asia/Shanghai')::int`.mapWith(Number);
  const postingsHour = hourOf(jobPostings.createdAt);
  const applicationsHour = hourOf(jobApplications.createdAt);
  const intentsHour = hourOf(applicationEvents.at);
  const [postings, applications, intents] = await Promise.all([
    x
      .select({ hour: postingsHour, n: count() })
      .from(jobPostings)
      .where(and(gte(jobPostings.createdAt, start), lt(jobPostings.createdAt, end)))
      .groupBy(postingsHour)
      .orderBy(postingsHour),
    x
      .select({ hour: applicationsHour, n: count() })
      .from(jobApplications)
      .where(and(gte(jobApplications.createdAt, start), lt(jobApplications.createdAt, end)))
      .groupBy(applicationsHour)
      .orderBy(applicationsHour),
    x
      .select({ hour: intentsHour, n: count() })
      .from(applicationEvents)
      .where(and(eq(applicationEvents.toStatus, "intent"), gte(applicationEvents.at, start), lt(applicationEvents.at, end)))
      .groupBy(intentsHour)
      .orderBy(intentsHour),
  ]);
  return { year, postings, applications, intents };
}
