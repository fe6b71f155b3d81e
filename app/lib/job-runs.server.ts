import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { scheduledRuns } from "../../db/schema/system";
import type { RunLedger } from "./scheduler.server";

/**
 * Leadership for scheduled jobs across machines, in PostgreSQL itself: a job's period is a row in
 * `scheduled_runs`, inserted by whichever server gets there first (`ON CONFLICT DO NOTHING`), so
 * each period runs once however many servers tick. A server that dies mid-run leaves its row
 * unfinished; after `leaseMs` another server's claim takes the row over and runs the period again
 * (jobs are idempotent sweeps). The embedded database works the same with its one process.
 */

/** This process, as written in claimed_by. */
export const runnerId = `${hostname()}:${process.pid}`;

/** The period a moment falls in, for a job that runs every `intervalMs`. */
export function periodOf(now: number, intervalMs: number): number {
  return Math.floor(now / intervalMs);
}

/** True when this process is to run `job` for `slot` (claimed now, or taken over after the lease). */
export async function claimRun(job: string, slot: number, leaseMs: number, owner = runnerId): Promise<boolean> {
  const db = await getDb();
  const result = await db.execute(sql`
    insert into ${scheduledRuns} (job, slot, claimed_by) values (${job}, ${slot}, ${owner})
    on conflict (job, slot) do update set claimed_by = excluded.claimed_by, claimed_at = now()
      where ${scheduledRuns.finishedAt} is null
        and ${scheduledRuns.claimedAt} < now() - make_interval(secs => ${leaseMs / 1000})
    returning job`);
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return rows.length === 1;
}

/** Marks the run done (its period is not run again), and forgets runs older than 30 days. */
export async function finishRun(job: string, slot: number, owner = runnerId): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    update ${scheduledRuns} set finished_at = now()
    where job = ${job} and slot = ${slot} and claimed_by = ${owner}`);
  await db.execute(sql`delete from ${scheduledRuns} where job = ${job} and claimed_at < now() - interval '30 days'`);
}

/** The ledger app/server.js hands to the scheduler. */
export const runLedger: RunLedger = {
  claim: (job, period, leaseMs) => claimRun(job, period, leaseMs),
  finish: (job, period) => finishRun(job, period),
};
