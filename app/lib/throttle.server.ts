/**
 * Attempt counters shared by every web process: one row per key in throttle_counters, a fixed
 * window per row. Counting and reading are one statement (INSERT … ON CONFLICT DO UPDATE …
 * RETURNING), so N parallel requests get the counts 1…N, never the same one twice: a limit holds
 * under a burst and across machines (docs/decisions/030-login-throttle.md). Time is the
 * database's clock, the same for every process.
 */
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { getDb, type Executor } from "../../db/client.server";
import { throttleCounters } from "../../db/schema/accounts";

const windowStartCutoff = (windowMs: number) => sql`now() - ${`${Math.round(windowMs)} milliseconds`}::interval`;

/** Counts one attempt under `key` and returns the count in the current window, this one included. */
export async function countAttempt(key: string, windowMs: number, ex?: Executor): Promise<number> {
  const db = ex ?? (await getDb());
  const expired = sql`"throttle_counters"."window_start" <= ${windowStartCutoff(windowMs)}`;
  const [row] = await db
    .insert(throttleCounters)
    .values({ key, count: 1, windowStart: sql`now()` })
    .onConflictDoUpdate({
      target: throttleCounters.key,
      set: {
        count: sql`case when ${expired} then 1 else "throttle_counters"."count" + 1 end`,
        windowStart: sql`case when ${expired} then now() else "throttle_counters"."window_start" end`,
      },
    })
    .returning({ count: throttleCounters.count });
  if (Math.random() < 0.01) await forgetExpired(windowMs, db);
  return row.count;
}

/** The count in the current window, without counting. */
export async function attemptsSoFar(key: string, windowMs: number, ex?: Executor): Promise<number> {
  const db = ex ?? (await getDb());
  const [row] = await db
    .select({ count: throttleCounters.count })
    .from(throttleCounters)
    .where(and(eq(throttleCounters.key, key), gt(throttleCounters.windowStart, windowStartCutoff(windowMs))));
  return row?.count ?? 0;
}

/** Gives back one counted attempt (it turned out not to be a failure). */
export async function releaseAttempt(key: string, ex?: Executor): Promise<void> {
  const db = ex ?? (await getDb());
  await db
    .update(throttleCounters)
    .set({ count: sql`greatest("throttle_counters"."count" - 1, 0)` })
    .where(eq(throttleCounters.key, key));
}

/** Starts the key afresh (a correct password clears its own account-and-source counter). */
export async function resetAttempts(key: string, ex?: Executor): Promise<void> {
  const db = ex ?? (await getDb());
  await db.delete(throttleCounters).where(eq(throttleCounters.key, key));
}

/** Rows whose window ended long ago (every counter here uses a window of at most a day). */
export async function forgetExpired(windowMs = 24 * 60 * 60 * 1000, ex?: Executor): Promise<void> {
  const db = ex ?? (await getDb());
  await db.delete(throttleCounters).where(lt(throttleCounters.windowStart, windowStartCutoff(Math.max(windowMs, 24 * 60 * 60 * 1000))));
}
