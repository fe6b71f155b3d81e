import { and, count, eq, gte, isNotNull, lt } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { fairRegistrations } from "../../db/schema/fairs";
import { applicationEvents, jobApplications, jobPostings } from "../../db/schema/jobs";
import { seedDemo } from "../../db/seed/demo.server";
import { checkInsByHour } from "../../app/modules/fairs/fairs.server";
import { jobsActivityByHour } from "../../app/modules/jobs/reports.server";
import { shanghaiYearBounds } from "../../app/lib/format";

// The jobs and fairs part of /reports: counts per hour of the day (Shanghai) add up to the rows
// of the year, and each row lands in the hour it happened in Shanghai.
const year = new Date().getFullYear();
const { start, end } = shanghaiYearBounds(year);
const shanghaiHour = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", hourCycle: "h23" });
const total = (counts: { n: number }[]) => counts.reduce((sum, c) => sum + c.n, 0);

describe("activity by hour for /reports", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, year));
  });

  it("counts every posting, application and intent of the year once, in hours 0-23", async () => {
    const db = await getDb();
    const activity = await jobsActivityByHour(year);
    const [postings] = await db
      .select({ n: count() })
      .from(jobPostings)
      .where(and(gte(jobPostings.createdAt, start), lt(jobPostings.createdAt, end)));
    const [applications] = await db
      .select({ n: count() })
      .from(jobApplications)
      .where(and(gte(jobApplications.createdAt, start), lt(jobApplications.createdAt, end)));
    const [intents] = await db
      .select({ n: count() })
      .from(applicationEvents)
      .where(and(eq(applicationEvents.toStatus, "intent"), gte(applicationEvents.at, start), lt(applicationEvents.at, end)));
    expect(postings.n).toBeGreaterThan(0);
    expect(total(activity.postings)).toBe(postings.n);
    expect(total(activity.applications)).toBe(applications.n);
    expect(total(activity.intents)).toBe(intents.n);
    for (const h of [...activity.postings, ...activity.applications, ...activity.intents]) {
      expect(h.hour).toBeGreaterThanOrEqual(0);
      expect(h.hour).toBeLessThan(24);
    }
  });

  it("puts each check-in in its Shanghai hour", async () => {
    const db = await getDb();
    const byHour = await checkInsByHour(year);
    const rows = await db
      .select({ at: fairRegistrations.checkedInAt })
      .from(fairRegistrations)
      .where(and(isNotNull(fairRegistrations.checkedInAt), gte(fairRegistrations.checkedInAt, start), lt(fairRegistrations.checkedInAt, end)));
    expect(rows.length).toBeGreaterThan(0);
    const expected = new Map<number, number>();
    for (const r of rows) {
      const hour = Number(shanghaiHour.format(r.at!));
      expected.set(hour, (expected.get(hour) ?? 0) + 1);
    }
    expect(new Map(byHour.map((h) => [h.hour, h.n]))).toEqual(expected);
  });
});
