import { bigint, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One row per run of a scheduled job and period (app/lib/job-runs.server.ts): the server that
 * inserts it runs the job for that period, every other server skips it. A run whose server died
 * before `finished_at` is taken over by another once its lease has passed.
 */
export const scheduledRuns = pgTable(
  "scheduled_runs",
  {
    job: text("job").notNull(),
    /** The period: floor(epoch milliseconds / the job's interval). */
    slot: bigint("slot", { mode: "number" }).notNull(),
    /** host:pid of the server running it. */
    claimedBy: text("claimed_by").notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.job, t.slot] })],
);
