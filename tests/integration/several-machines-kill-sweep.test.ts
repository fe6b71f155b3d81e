// Two separate portal servers on one PostgreSQL database; the one that claimed the daily membership
// sweep's period is killed (SIGKILL) in the middle of the sweep: the period is neither lost nor run
// twice. The survivor takes it over once the lease (JOB_LEASE_SECONDS=3 here) has passed, runs it to
// the end, and the dead server's half-done transaction leaves nothing behind. To stop the sweep
// midway, the test holds a lock on the dues table that the sweep's first statement waits for.
// Needs the production build and a PostgreSQL server (TEST_DATABASE_URL).
import { hostname } from "node:os";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { scheduledRuns } from "../../db/schema/system";
import { haveBuild, Portal, waitFor } from "../support/portal-process";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const JOB = "Membership sweep";
const a = new Portal();
const b = new Portal();
let holder: postgres.Sql | null = null;
let lock: postgres.ReservedSql | null = null;

beforeAll(async () => {
  if (!onPostgres || !haveBuild()) return;
  await getDb(); // migrated before the servers start
  holder = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} }); // one reserved for the lock
  lock = await holder.reserve();
  await lock`begin`;
  await lock`lock table dues in exclusive mode`;
  const shared = { DATABASE_URL: process.env.DATABASE_URL!, YJ_SUPERVISOR: "0", JOB_LEASE_SECONDS: "3" };
  await Promise.all([a.start(shared), b.start(shared)]);
}, 300_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_OUTPUT) console.log("A:\n" + a.output.slice(-4000) + "\nB:\n" + b.output.slice(-4000));
  if (lock) {
    await lock`rollback`.catch(() => {});
    lock.release();
  }
  await holder?.end();
  await Promise.all([a.stop(), b.stop()]);
});

describe.skipIf(!onPostgres || !haveBuild())("a server killed in the middle of a scheduled job", () => {
  it("leaves the period neither lost nor doubled: the survivor takes it over after the lease and finishes it once", async () => {
    const db = await getDb();
    const claimOf = async () => (await db.select().from(scheduledRuns).where(eq(scheduledRuns.job, JOB)))[0];
    expect(await waitFor(async () => Boolean(await claimOf()), 30_000)).toBe(true);
    const first = await claimOf();
    const [dead, survivor] = first.claimedBy === `${hostname()}:${a.process!.pid}` ? [a, b] : [b, a];
    expect(first.claimedBy).toBe(`${hostname()}:${dead.process!.pid}`);
    // Mid-job: the claimant's sweep is inside its transaction, waiting for the dues table.
    const waiting = await waitFor(async () => {
      const rows = await holder!`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%insert into dues%'`;
      return rows.length > 0;
    }, 10_000);
    expect(waiting).toBe(true);

    dead.process!.kill("SIGKILL");
    expect(await waitFor(async () => dead.exited !== null, 5_000, 20)).toBe(true);
    await lock!`rollback`;
    lock!.release();
    lock = null;

    expect(await waitFor(async () => Boolean((await claimOf()).finishedAt), 30_000)).toBe(true);
    const runs = await db.select().from(scheduledRuns).where(eq(scheduledRuns.job, JOB));
    expect(runs).toHaveLength(1);
    expect(runs[0].slot).toBe(first.slot);
    expect(runs[0].claimedBy).toBe(`${hostname()}:${survivor.process!.pid}`);
    // The sweep logs one line per finished run: the survivor's only.
    expect(survivor.output.match(/Membership sweep:/g)).toHaveLength(1);
    expect(dead.output).not.toMatch(/Membership sweep:/);
    expect(survivor.exited).toBeNull();
  }, 90_000);
});
